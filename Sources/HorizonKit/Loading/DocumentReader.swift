internal import Foundation
package import HorizonModel

/// Collects a document's values as a reader meets them.
struct DocumentBuilder {
    let table: FieldTable
    /// As `SupplierDocument.slotIndex` and `slotValues`.
    var slotIndex: [Int32]
    var slotValues: [DocumentValue] = []
    var unknown: [String: DocumentValue] = [:]
    var sequence: [Int] = []
    var unknownIDs: [String] = []
    var listTexts: [SupplierDocument.ListText] = []

    init(table: FieldTable) {
        self.table = table
        slotIndex = Array(repeating: 0, count: table.ids.count)
        slotValues.reserveCapacity(64)
        sequence.reserveCapacity(64)
    }

    /// Whether nothing has been recorded.
    var isEmpty: Bool { sequence.isEmpty }

    /// Records a value at a slot; returns the earlier value when the field was given already.
    mutating func record(slot: Int, _ value: consuming DocumentValue) -> DocumentValue? {
        let index = Int(slotIndex[slot])
        if index != 0 { return slotValues[index - 1] }
        slotValues.append(value)
        slotIndex[slot] = Int32(truncatingIfNeeded: slotValues.count)
        sequence.append(slot)
        return nil
    }

    /// Records a value by dotted id; returns the earlier value when the field was given already.
    mutating func record(_ id: String, _ value: consuming DocumentValue) -> DocumentValue? {
        if let slot = table.slot(id) { return record(slot: slot, value) }
        if let first = unknown[id] { return first }
        unknown[id] = value
        sequence.append(-1 - unknownIDs.count)
        unknownIDs.append(id)
        return nil
    }

    func document(file: String, kind: DocumentKind, sha256: String?) -> SupplierDocument {
        var document = SupplierDocument(
            file: file, kind: kind, sha256: sha256, table: table, slotIndex: slotIndex, slotValues: slotValues, unknown: unknown,
            sequence: sequence, unknownIDs: unknownIDs)
        document.listTexts = listTexts
        return document
    }
}

/// Turns a parsed tree (from YAML or JSON) into a supplier document.
enum DocumentFlattener {
    static func flatten(
        _ root: YAMLNode?, file: String, sha256: String?, table: FieldTable = .headerOnly
    ) throws(InputError) -> SupplierDocument {
        guard let root else {
            throw InputError("empty-file", "the file is empty; a return or bid starts with 'return:' or 'bid:'", at: .start(of: file))
        }
        guard case .mapping(let pairs) = root.content else {
            throw InputError(
                "not-a-document", "a return or bid is a map that starts with 'return:' or 'bid:', not \(root.kindName)", at: root.location)
        }
        let kinds = pairs.filter { DocumentKind(rawValue: $0.key) != nil }
        guard let head = kinds.first, let kind = DocumentKind(rawValue: head.key) else {
            if pairs.contains(where: { $0.key == "contract" }) {
                throw InputError("wrong-document-kind", "this is a contract specification, not a return or bid", at: root.location)
            }
            throw InputError("not-a-document", "no 'return:' or 'bid:' key says what this document is", at: root.location)
        }
        if kinds.count > 1 {
            throw InputError(
                "wrong-document-kind", "a document is a return or a bid, not both", at: kinds[1].keyLocation,
                notes: [Note("'\(head.key)' is here", at: head.keyLocation)])
        }
        var builder = DocumentBuilder(table: table)
        var duplicate: InputError?
        func record(_ path: String, _ value: DocumentValue) {
            if let first = builder.record(path, value), duplicate == nil {
                duplicate = InputError(
                    "duplicate-key",
                    "field \(PersonalData.quoted(path)) is given twice; a repeated field would silently replace the first value",
                    at: value.keyPosition.location(in: file),
                    notes: [Note("\(PersonalData.quoted(path)) first appears here", at: first.keyPosition.location(in: file))])
            }
        }
        func visit(_ node: YAMLNode, path: String, keyLocation: SourceLocation) {
            switch node.content {
            case .mapping(let children) where !children.isEmpty:
                for child in children {
                    visit(child.value, path: path.isEmpty ? child.key : path + "." + child.key, keyLocation: child.keyLocation)
                }
            case .mapping:
                record(path, DocumentValue(text: "", isNull: true, structure: nil, location: keyLocation, keyLocation: keyLocation))
            case .sequence(let items):
                record(path, DocumentValue(text: "", isNull: false, structure: "a list", location: node.location, keyLocation: keyLocation))
                for item in items { keepListTexts(item) }
            case .scalar(let text, _):
                let location = node.isNull ? keyLocation : node.location
                record(path, DocumentValue(text: text, isNull: node.isNull, structure: nil, location: location, keyLocation: keyLocation))
            }
        }
        // What a list holds is no field, but is kept for the personal-data screen.
        func keepListTexts(_ node: YAMLNode) {
            switch node.content {
            case .scalar(let text, _):
                builder.listTexts.append(.init(text: text, position: TextPosition(node.location)))
            case .sequence(let items):
                for item in items { keepListTexts(item) }
            case .mapping(let children):
                for child in children {
                    builder.listTexts.append(.init(text: child.key, position: TextPosition(child.keyLocation)))
                    keepListTexts(child.value)
                }
            }
        }
        for pair in pairs {
            if case .scalar = pair.value.content, !pair.value.isNull, DocumentKind(rawValue: pair.key) != nil {
                throw InputError(
                    "not-a-document", "'\(pair.key):' must hold the header (contract, supplier, dates), not a single value",
                    at: pair.value.location)
            }
            visit(pair.value, path: pair.key, keyLocation: pair.keyLocation)
            if let duplicate { throw duplicate }
        }
        return builder.document(file: file, kind: kind, sha256: sha256)
    }
}

/// Reads supplier documents of any supported format.
package enum DocumentReader {
    /// The formats, told apart by file extension (`.json`, `.csv`; anything else is YAML).
    package enum Format: String, Sendable {
        case yaml, json, csv

        /// The format a file name implies.
        package init(path: String) {
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
    ///   - table: The field table to file values by: the library's (`Library.fieldTable`), so
    ///     that its checkers judge the document without refiling it.
    ///   - digest: Whether to take the file's SHA-256 (`SupplierDocument.sha256`): only the
    ///     JSON report prints it, and it costs a twentieth of a text report's check.
    /// - Returns: The document.
    /// - Throws: `InputError` when the document cannot be read or is not a return or bid.
    package static func parse(
        _ bytes: [UInt8], file: String, limits: ReadLimits = .standard, table: FieldTable = .headerOnly, digest: Bool = true
    ) throws(InputError)
        -> SupplierDocument
    {
        try TextChecks.rejectSpreadsheets(bytes, file: file)
        let digest = digest ? Digest.sha256(bytes) : nil
        switch Format(path: file) {
        case .yaml:
            return try YAMLReader.parseSupplierDocument(bytes, file: file, limits: limits, sha256: digest, table: table)
        case .json:
            return try DocumentFlattener.flatten(
                try JSONReader.parse(bytes, file: file, limits: limits), file: file, sha256: digest, table: table)
        case .csv:
            return try CSVReader.document(bytes, file: file, limits: limits, sha256: digest, table: table)
        }
    }
}

extension SupplierDocument {
    /// The same document filed by another table (a checker's, when it was read by another).
    func refiled(by other: FieldTable) -> SupplierDocument {
        if other === table { return self }
        var builder = DocumentBuilder(table: other)
        for entry in sequence {
            if let value = value(of: entry) { _ = builder.record(id(of: entry), value) }
        }
        builder.listTexts = listTexts
        return builder.document(file: file, kind: kind, sha256: sha256)
    }
}
