/// One value of a supplier document, with where it was written in the document's file.
///
/// Places are kept as line and column, the file once per document (`SupplierDocument.location(of:)`),
/// so that a value whose text is short holds nothing that needs reference counting: copying one
/// is copying a few words.
package struct DocumentValue: Sendable, Hashable {
    /// The value as text (numbers and booleans too: the field's type reads it).
    package var text: String
    /// True when the key was written with no value (`~`, `null`, nothing, an empty CSV cell).
    package var isNull: Bool
    /// What the value is when it is not a single value: "a list" or "a map".
    package var structure: String?
    /// Where the value starts (where the key is when it has no value).
    package var position: TextPosition
    /// Where the key is written.
    package var keyPosition: TextPosition

    /// Creates a value.
    package init(text: String, isNull: Bool, structure: String?, position: TextPosition, keyPosition: TextPosition) {
        self.text = text
        self.isNull = isNull
        self.structure = structure
        self.position = position
        self.keyPosition = keyPosition
    }

    /// Creates a value from locations (their file is the document's).
    package init(text: String, isNull: Bool, structure: String?, location: SourceLocation, keyLocation: SourceLocation) {
        self.init(
            text: text, isNull: isNull, structure: structure, position: TextPosition(location), keyPosition: TextPosition(keyLocation))
    }
}

/// A line and column in a file, 1-based, columns in Unicode scalars.
package struct TextPosition: Sendable, Hashable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The line and column of a location.
    package init(_ location: SourceLocation) {
        self.init(line: location.line, column: location.column)
    }

    /// This place in a file.
    package func location(in file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
}

/// The dotted field ids a library knows (its fields and the document headers' fields), and
/// every group on their paths (`policy`, `policy.covers`), each numbered once when the library
/// loads. Documents file their values by these numbers ("slots"), and the checker judges by
/// them, so the hot path of a check neither builds a dotted id nor hashes one: the YAML reader
/// walks the table from libyaml's key bytes, one map level at a time.
package final class FieldTable: Sendable {
    /// The id of each slot.
    package let ids: [String]
    package let slots: [String: Int]
    /// The children of each node, by key: node 0 is the root, slot `s` is node `s + 1`; node
    /// `n`'s children are `entries[firstChild[n]..<firstChild[n + 1]]`, their keys in `keyBytes`.
    /// Flat arrays of plain values, so that a look-up copies nothing.
    package let firstChild: [Int]
    package let entries: [Entry]
    package let keyBytes: [UInt8]

    package struct Entry: Sendable {
        var offset: Int
        var length: Int
        var slot: Int
    }
    /// The slots of the root keys `return` and `bid`.
    package let returnSlot: Int
    package let bidSlot: Int

    package struct Child: Sendable {
        let key: [UInt8]
        let slot: Int
    }

    /// Numbers the given ids and the groups on their paths, in the order first met.
    ///
    /// - Parameter ids: Dotted field ids.
    package init(ids: some Sequence<String>) {
        var all: [String] = []
        var slots: [String: Int] = [:]
        var children: [[Child]] = [[]]
        func add(_ path: String, key: Substring, parent: Int) -> Int {
            if let slot = slots[path] { return slot }
            let slot = all.count
            all.append(path)
            slots[path] = slot
            children.append([])
            children[parent + 1].append(Child(key: Array(key.utf8), slot: slot))
            return slot
        }
        for id in Array(FieldTable.headerIDs) + Array(ids) {
            var parent = -1
            var path = ""
            for part in id.split(separator: ".", omittingEmptySubsequences: false) {
                path = parent == -1 ? String(part) : path + "." + part
                parent = add(path, key: part, parent: parent)
            }
        }
        self.ids = all
        self.slots = slots
        var firstChild: [Int] = []
        var entries: [Entry] = []
        var keyBytes: [UInt8] = []
        for list in children {
            firstChild.append(entries.count)
            for child in list {
                entries.append(Entry(offset: keyBytes.count, length: child.key.count, slot: child.slot))
                keyBytes += child.key
            }
        }
        firstChild.append(entries.count)
        self.firstChild = firstChild
        self.entries = entries
        self.keyBytes = keyBytes
        returnSlot = slots["return"]!
        bidSlot = slots["bid"]!
    }

    /// The header fields of returns and bids.
    package static let headerIDs: [String] = DocumentSchema.return.headerIDs + DocumentSchema.bid.headerIDs

    /// A table of the header fields alone.
    package static let headerOnly = FieldTable(ids: [])

    /// The slot of a dotted id, if the table knows it.
    package func slot(_ id: String) -> Int? { slots[id] }

    /// The slot of the child `key` of a node (-1 for the root), compared byte by byte.
    package func child(of parent: Int, key: UnsafeBufferPointer<UInt8>) -> Int? {
        keyBytes.withUnsafeBufferPointer { bytes in
            entries.withUnsafeBufferPointer { entries in
                // The length and the first byte rule out almost every other child at once.
                let first = key.first
                next: for i in firstChild[parent + 1]..<firstChild[parent + 2] {
                    let entry = entries[i]
                    guard entry.length == key.count else { continue }
                    if let first, bytes[entry.offset] != first { continue }
                    // Eight bytes at a time (a key of eight or more has storage), then the rest one by one.
                    var k = 1
                    if key.count >= 8, let base = bytes.baseAddress, let given = key.baseAddress {
                        let stored = UnsafeRawPointer(base + entry.offset)
                        k = 0
                        while k + 8 <= key.count {
                            let word = stored.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                            if word != UnsafeRawPointer(given).loadUnaligned(fromByteOffset: k, as: UInt64.self) { continue next }
                            k += 8
                        }
                    }
                    while k < key.count {
                        if bytes[entry.offset + k] != key[k] { continue next }
                        k += 1
                    }
                    return entry.slot
                }
                return nil
            }
        }
    }
}

/// A supplier return or bid, read from YAML, JSON or CSV: every field it holds, by dotted id
/// (`policy.in_place`), with its located value. The header's fields keep their prefix
/// (`return.contract`). Values of ids the library's field table knows are held by slot; others
/// (unknown fields, to be reported) by id.
package struct SupplierDocument: Sendable {
    /// The file as the user named it.
    package var file: String
    /// Return or bid.
    package var kind: DocumentKind
    /// SHA-256 of the file's bytes; nil when the reader was told no report needs it (the
    /// JSON report is the only one that prints it).
    package var sha256: String?
    /// The table the values are filed by.
    package let table: FieldTable
    /// Where each slot of `table` has its value in `slotValues`, plus one; 0 for a slot not
    /// given. A return gives a few dozen of the table's hundreds of fields: the values are kept
    /// densely, and each document starts with an array of small integers, not of values.
    package var slotIndex: [Int32]
    /// The values of the slots given, in the order read.
    package var slotValues: [DocumentValue]
    /// Values of ids `table` does not know.
    package var unknown: [String: DocumentValue]
    /// Every field in document order: a slot of `table`, or `-1 - i` for `unknownIDs[i]`.
    package var sequence: [Int]
    package var unknownIDs: [String]
    /// The keys and values written inside lists (`contacts: [jane@example.org]`), which are never
    /// fields: kept, in document order, only so the personal-data screen can read them.
    package var listTexts: [ListText] = []

    /// A key or value written inside a list.
    package struct ListText: Sendable, Hashable {
        package var text: String
        package var position: TextPosition

        package init(text: String, position: TextPosition) {
            self.text = text
            self.position = position
        }
    }

    /// For a workbook, the sheet the document was read from: its places are cells of it.
    package var sheet: String? = nil

    /// Where findings about missing things point: the first line of the document.
    package var start: SourceLocation {
        var start = SourceLocation.start(of: file)
        start.sheet = sheet
        return start
    }

    /// Where a value of this document starts.
    package func location(of value: DocumentValue) -> SourceLocation { location(at: value.position) }

    /// A place in this document.
    package func location(at position: TextPosition) -> SourceLocation {
        var location = position.location(in: file)
        location.sheet = sheet
        return location
    }

    /// Where the key of a value of this document is written.
    package func keyLocation(of value: DocumentValue) -> SourceLocation {
        var location = value.keyPosition.location(in: file)
        location.sheet = sheet
        return location
    }

    /// The value of a field, by dotted id.
    package subscript(_ id: String) -> DocumentValue? {
        if let slot = table.slot(id) { return self[slot: slot] }
        return unknown[id]
    }

    /// The value at a slot of `table`.
    package subscript(slot slot: Int) -> DocumentValue? {
        let index = Int(slotIndex[slot])
        return index == 0 ? nil : slotValues[index - 1]
    }

    /// Every field's value, looked up by dotted id: `document.values["return.contract"]`.
    package var values: Values { Values(document: self) }

    /// Field ids in document order.
    package var order: [String] { sequence.map(id(of:)) }

    /// Every field and its value, in the order written: what two readers of one file must agree on.
    package var contents: [Entry] { sequence.compactMap { entry in value(of: entry).map { Entry(id: id(of: entry), value: $0) } } }

    /// One field of `contents`.
    package struct Entry: Hashable, Sendable {
        package var id: String
        package var value: DocumentValue
    }

    /// The id of an entry of `sequence`.
    package func id(of entry: Int) -> String { entry >= 0 ? table.ids[entry] : unknownIDs[-1 - entry] }

    /// The value of an entry of `sequence`.
    package func value(of entry: Int) -> DocumentValue? { entry >= 0 ? self[slot: entry] : unknown[unknownIDs[-1 - entry]] }

    /// A document's values, looked up by dotted id.
    package struct Values: Sendable {
        let document: SupplierDocument

        /// The value of a field.
        package subscript(id: String) -> DocumentValue? { document[id] }

        /// Every value, in document order.
        package var values: [DocumentValue] { document.sequence.compactMap(document.value(of:)) }
    }

    package init(
        file: String, kind: DocumentKind, sha256: String?, table: FieldTable, slotIndex: [Int32], slotValues: [DocumentValue],
        unknown: [String: DocumentValue], sequence: [Int], unknownIDs: [String]
    ) {
        self.file = file
        self.kind = kind
        self.sha256 = sha256
        self.table = table
        self.slotIndex = slotIndex
        self.slotValues = slotValues
        self.unknown = unknown
        self.sequence = sequence
        self.unknownIDs = unknownIDs
    }

}
