/// One value of a supplier document, with where it was written.
public struct DocumentValue: Sendable, Hashable {
    /// The value as text (numbers and booleans too: the field's type reads it).
    public var text: String
    /// True when the key was written with no value (`~`, `null`, nothing, an empty CSV cell).
    public var isNull: Bool
    /// What the value is when it is not a single value: "a list" or "a map".
    public var structure: String?
    /// Where the value starts (the key's location when it has no value).
    public var location: SourceLocation
    /// Where the key is written.
    public var keyLocation: SourceLocation
}

/// A supplier return or bid, read from YAML, JSON or CSV into one map of dotted field ids
/// (`policy.in_place`) to located values. The header's fields keep their prefix
/// (`return.contract`).
public struct SupplierDocument: Sendable {
    /// The file as the user named it.
    public var file: String
    /// Return or bid.
    public var kind: DocumentKind
    /// Field id to value, every field the document holds.
    public var values: [String: DocumentValue]
    /// Field ids in document order.
    public var order: [String]
    /// SHA-256 of the file's bytes.
    public var sha256: String

    /// Where findings about missing things point: the first line of the document.
    public var start: SourceLocation { .start(of: file) }
}

/// Turns a parsed tree (from YAML or JSON) into a supplier document.
enum DocumentFlattener {
    static func flatten(_ root: YAMLNode?, file: String, sha256: String) throws(InputError) -> SupplierDocument {
        guard let root else {
            throw InputError("empty-file", "the file is empty; a return or bid starts with 'return:' or 'bid:'", at: .start(of: file))
        }
        guard case .mapping(let pairs) = root.content else {
            throw InputError("not-a-document", "a return or bid is a map that starts with 'return:' or 'bid:', not \(root.kindName)", at: root.location)
        }
        let kinds = pairs.filter { DocumentKind(rawValue: $0.key) != nil }
        guard let head = kinds.first, let kind = DocumentKind(rawValue: head.key) else {
            if pairs.contains(where: { $0.key == "contract" }) {
                throw InputError("wrong-document-kind", "this is a contract specification, not a return or bid", at: root.location)
            }
            throw InputError("not-a-document", "no 'return:' or 'bid:' key says what this document is", at: root.location)
        }
        if kinds.count > 1 {
            throw InputError("wrong-document-kind", "a document is a return or a bid, not both", at: kinds[1].keyLocation,
                notes: [Note("'\(head.key)' is here", at: head.keyLocation)])
        }
        var values: [String: DocumentValue] = [:]
        var order: [String] = []
        var duplicate: InputError?
        func record(_ path: String, _ value: DocumentValue) {
            if let first = values.updateValue(value, forKey: path) {
                if duplicate == nil {
                    duplicate = InputError("duplicate-key", "field '\(path)' is given twice; a repeated field would silently replace the first value",
                        at: value.keyLocation, notes: [Note("'\(path)' first appears here", at: first.keyLocation)])
                }
                return
            }
            order.append(path)
        }
        func visit(_ node: YAMLNode, path: String, keyLocation: SourceLocation) {
            switch node.content {
            case .mapping(let children) where !children.isEmpty:
                for child in children {
                    visit(child.value, path: path.isEmpty ? child.key : path + "." + child.key, keyLocation: child.keyLocation)
                }
            case .mapping:
                record(path, DocumentValue(text: "", isNull: true, structure: nil, location: keyLocation, keyLocation: keyLocation))
            case .sequence:
                record(path, DocumentValue(text: "", isNull: false, structure: "a list", location: node.location, keyLocation: keyLocation))
            case .scalar(let text, _):
                let location = node.isNull ? keyLocation : node.location
                record(path, DocumentValue(text: text, isNull: node.isNull, structure: nil, location: location, keyLocation: keyLocation))
            }
        }
        for pair in pairs {
            if case .scalar = pair.value.content, !pair.value.isNull, DocumentKind(rawValue: pair.key) != nil {
                throw InputError("not-a-document", "'\(pair.key):' must hold the header (contract, supplier, dates), not a single value",
                    at: pair.value.location)
            }
            visit(pair.value, path: pair.key, keyLocation: pair.keyLocation)
            if let duplicate { throw duplicate }
        }
        return SupplierDocument(file: file, kind: kind, values: values, order: order, sha256: sha256)
    }
}

/// Reads supplier documents of any supported format.
public enum DocumentReader {
    /// The formats, told apart by file extension (`.json`, `.csv`; anything else is YAML).
    public enum Format: String, Sendable {
        case yaml, json, csv

        /// The format a file name implies.
        public init(path: String) {
            let lower = path.lowercased()
            if lower.hasSuffix(".json") { self = .json } else if lower.hasSuffix(".csv") { self = .csv } else { self = .yaml }
        }
    }

    /// Parses a document from bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: Its name, for locations; its extension picks the format.
    ///   - limits: Read bounds.
    /// - Returns: The document.
    /// - Throws: `InputError` when the document cannot be read or is not a return or bid.
    public static func parse(_ bytes: [UInt8], file: String, limits: ReadLimits = .standard) throws(InputError) -> SupplierDocument {
        let digest = Digest.sha256(bytes)
        switch Format(path: file) {
        case .yaml:
            return try YAMLReader.parseSupplierDocument(bytes, file: file, limits: limits, sha256: digest)
        case .json:
            return try DocumentFlattener.flatten(try JSONReader.parse(bytes, file: file, limits: limits), file: file, sha256: digest)
        case .csv:
            return try CSVReader.document(bytes, file: file, limits: limits, sha256: digest)
        }
    }
}
