internal import CYAML
package import HorizonModel

/// Reads YAML text into located nodes with libyaml's event API.
///
/// This is the only file that imports `CYAML`: events become Swift values at once and are
/// freed before the next is read, and no C type leaves this file. The reader refuses aliases
/// (so an alias bomb ends at its first `*`), more than one document, duplicate keys, keys that
/// are not plain values, nesting deeper than the limit and inputs larger than the limit.
package enum YAMLReader {
    /// Parses one YAML document.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes, UTF-8 (a leading UTF-8 byte order mark is skipped).
    ///   - file: The file name to put in locations.
    ///   - limits: Size, depth and node-count bounds.
    /// - Returns: The document's root node, or `nil` for an empty document.
    /// - Throws: `InputError` with the location of the problem.
    package static func parse(_ bytes: [UInt8], file: String, limits: ReadLimits = .standard) throws(InputError) -> YAMLNode? {
        try TextChecks.checkSize(bytes.count, file: file, limits: limits)
        let skip = TextChecks.utf8BOMLength(bytes)
        try TextChecks.rejectOtherEncodings(bytes, file: file)
        let result: Result<YAMLNode?, InputError> = bytes.withUnsafeBufferPointer { buffer in
            var builder = Builder(file: file, bytes: buffer, skip: skip, limits: limits)
            return Result { () throws(InputError) -> YAMLNode? in try builder.run() }
        }
        return try result.get()
    }
}

// MARK: - Building nodes from events

private struct Builder {
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    let skip: Int
    let limits: ReadLimits

    /// An open collection.
    ///
    /// A struct changed in place on the stack: taking an enum's payload out to append to it
    /// copied the whole list or map at every value, which made a map of 90,000 keys take minutes.
    struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: (String, SourceLocation)?
        /// The keys of a large map, for finding a duplicate; a small one is searched in `pairs`
        /// (as the document builder does): most maps hold a few keys, and hashing each cost more
        /// than comparing it with them.
        var seen: [String: SourceLocation] = [:]

        /// Where `key` first appears in this map, if it does.
        ///
        /// `mutating` though it changes nothing, so that it runs on the frame where the stack
        /// holds it: a non-mutating call on `stack[last]` copied the whole frame first.
        mutating func firstLocation(of key: String) -> SourceLocation? {
            if pairs.count < Frame.smallMap { return pairs.first { $0.key == key }?.keyLocation }
            return seen[key]
        }

        /// Remembers a key for `firstLocation`: hashed only once the map is large.
        mutating func remember(_ key: String, at location: SourceLocation) {
            if pairs.count + 1 < Frame.smallMap { return }
            if seen.isEmpty { for pair in pairs { seen[pair.key] = pair.keyLocation } }
            seen[key] = location
        }

        static let smallMap = 16

        static func sequence(at location: SourceLocation) -> Frame { Frame(isMapping: false, location: location) }
        static func mapping(at location: SourceLocation) -> Frame { Frame(isMapping: true, location: location) }
    }

    var stack: [Frame] = []
    var root: YAMLNode?
    var documents = 0
    var nodes = 0

    init(file: String, bytes: UnsafeBufferPointer<UInt8>, skip: Int, limits: ReadLimits) {
        self.file = file
        self.bytes = bytes
        self.skip = skip
        self.limits = limits
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Runs libyaml over the input, handing each event to `handle` until it returns true; the
    /// one place a parser is made, fed and freed, shared by both readers.
    func events(_ handle: (yaml_event_t) throws(InputError) -> Bool) throws(InputError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw InputError("out-of-memory", "libyaml could not start", at: .start(of: file))
        }
        defer { yaml_parser_delete(&parser) }
        let base = bytes.baseAddress.map { $0 + skip }
        yaml_parser_set_input_string(&parser, base, bytes.count - skip)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw syntaxError(parser)
            }
            defer { yaml_event_delete(&event) }
            if try handle(event) { break }
        }
    }

    mutating func run() throws(InputError) -> YAMLNode? {
        let reader = self
        try reader.events { event throws(InputError) in try self.handle(event) }
        // "---" with nothing after it is a document holding only null: treat it as empty.
        if let root, root.isNull { return nil }
        return root
    }

    /// Handles one event; returns true at the end of the stream.
    mutating func handle(_ event: yaml_event_t) throws(InputError) -> Bool {
        let start = location(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
            return false
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw InputError("multiple-documents", "only one YAML document is allowed in a file; remove the second '---'", at: start)
            }
            return false
        case YAML_ALIAS_EVENT:
            throw InputError(
                "alias-not-allowed",
                YAMLWords.alias, at: start)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text: String
            if let value = scalar.value, scalar.length > 0 {
                text = String(decoding: UnsafeBufferPointer(start: value, count: Int(scalar.length)), as: UTF8.self)
            } else {
                text = ""
            }
            let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            try add(YAMLNode(.scalar(text, plain: plain), at: start))
            return false
        case YAML_SEQUENCE_START_EVENT:
            try open(.sequence(at: start), at: start)
            return false
        case YAML_MAPPING_START_EVENT:
            try open(.mapping(at: start), at: start)
            return false
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return false }
            try add(YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), at: frame.location))
            return false
        default:
            return false
        }
    }

    mutating func open(_ frame: Frame, at location: SourceLocation) throws(InputError) {
        if let top = stack.last, top.isMapping, top.pendingKey == nil {
            throw InputError("complex-key", "a key must be a single value, not a list or a map", at: location)
        }
        if stack.count >= limits.maxDepth {
            throw InputError("too-deep", "lists and maps are nested more than \(limits.maxDepth) levels deep", at: location)
        }
        stack.append(frame)
    }

    mutating func add(_ node: YAMLNode) throws(InputError) {
        nodes += 1
        if nodes > limits.maxNodes {
            throw InputError("too-many-nodes", "the document holds more than \(limits.maxNodes) values", at: node.location)
        }
        let last = stack.count - 1
        guard last >= 0 else {
            root = node
            return
        }
        if !stack[last].isMapping {
            stack[last].items.append(node)
        } else {
            if let (key, keyLocation) = stack[last].pendingKey.take() {
                stack[last].pairs.append(YAMLPair(key: key, keyLocation: keyLocation, value: node))
            } else {
                guard case .scalar(let key, _) = node.content else {
                    throw InputError("complex-key", "a key must be a single value, not a list or a map", at: node.location)
                }
                if let first = stack[last].firstLocation(of: key) {
                    throw InputError(
                        "duplicate-key", "duplicate key \(PersonalData.quoted(key)); a repeated key would silently replace the first value",
                        at: node.location, notes: [Note("\(PersonalData.quoted(key)) first appears here", at: first)])
                }
                stack[last].remember(key, at: node.location)
                stack[last].pendingKey = (key, node.location)
            }
        }
    }

    // MARK: - Errors

    func syntaxError(_ parser: yaml_parser_t) -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML could not be parsed"
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset rather than a mark.
            var offset = skip + Int(parser.problem_offset)
            if problem == "invalid trailing UTF-8 octet" || problem == "incomplete UTF-8 octet sequence" {
                // libyaml points at the byte that broke the sequence; point at the sequence's
                // first byte, as the JSON and CSV readers do.
                var lead = min(offset, bytes.count) - 1
                while lead > skip && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                if lead >= skip && bytes[lead] >= 0xC0 { offset = lead }
            }
            let at = TextChecks.location(ofByte: offset, in: bytes, file: file, from: skip)
            let detail: String
            switch problem {
            case "invalid leading UTF-8 octet", "incomplete UTF-8 octet sequence", "invalid trailing UTF-8 octet",
                "invalid length of a UTF-8 sequence", "invalid Unicode character":
                detail =
                    "the file is not valid UTF-8 here (often a £ sign, a curly quote or an accented letter saved by an older program): \(TextChecks.saveAsUTF8) [\(problem)]"
            case "control characters are not allowed":
                detail =
                    "the file holds a hidden control character here (byte \(TextChecks.hex(Int(parser.problem_value)))), so it may not be a text file: check it is the right file, then delete the character or copy the text into a fresh template"
            default:
                detail = problem
            }
            return InputError("invalid-encoding", detail, at: at)
        }
        let at = location(parser.problem_mark)
        var notes: [Note] = []
        if let context = parser.context {
            notes.append(Note(YAMLWords.note(String(cString: context)), at: location(parser.context_mark)))
        }
        if TextChecks.lineHasTabIndent(line: at.line, in: bytes, skip: skip) {
            return InputError(
                "tab-indent", "this line is indented with a tab: indent with spaces instead (most editors can turn tabs into spaces)",
                at: at,
                notes: notes)
        }
        return InputError("yaml-syntax", YAMLWords.problem(problem), at: at, notes: notes)
    }
}

// MARK: - Bare parse, for the benchmark

extension YAMLReader {
    /// Parses with libyaml at the event level and builds nothing: the baseline the benchmark
    /// compares `horizon check` with.
    ///
    /// - Parameter bytes: YAML text.
    /// - Returns: The number of events, or -1 on a syntax error.
    package static func countEvents(_ bytes: [UInt8]) -> Int {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return -1 }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var count = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return -1 }
                let end = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if end { return count }
            }
        }
    }
}

// MARK: - Supplier documents straight from events

extension YAMLReader {
    /// Reads a supplier return or bid straight from libyaml's events into the flat map of
    /// dotted field ids, building no tree: the checker's hot path. It applies every rule of
    /// `parse` (limits, no aliases, duplicate keys, one document) and gives the same result as
    /// `DocumentFlattener.flatten` over `parse`'s tree.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: The file name for locations.
    ///   - limits: Bounds.
    ///   - sha256: The file's digest, recorded in the document.
    /// - Returns: The document.
    /// - Throws: `InputError` for anything `parse` would refuse, and for a file that is not a
    ///   return or bid.
    static func parseSupplierDocument(
        _ bytes: [UInt8], file: String, limits: ReadLimits, sha256: String?, table: FieldTable = .headerOnly
    )
        throws(InputError) -> SupplierDocument
    {
        try TextChecks.checkSize(bytes.count, file: file, limits: limits)
        let skip = TextChecks.utf8BOMLength(bytes)
        try TextChecks.rejectOtherEncodings(bytes, file: file)
        let result: Result<SupplierDocument, InputError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = FlatReader(builder: Builder(file: file, bytes: buffer, skip: skip, limits: limits), sha256: sha256, table: table)
            return Result { () throws(InputError) -> SupplierDocument in try reader.run() }
        }
        return try result.get()
    }
}

private struct FlatReader {
    var builder: Builder
    let sha256: String?
    let table: FieldTable

    /// A key of a map, or where a map sits: a slot of the field table (-1 for the root), or a
    /// dotted id the table does not know. Inside lists, which are checked but not recorded, a
    /// key is kept as its text alone.
    ///
    /// A path is an index into `paths`, so that keys and frames are plain values: pushing,
    /// popping and comparing them copies no string.
    enum Key: Equatable {
        case slot(Int)
        case path(Int)
    }

    /// The dotted ids (or, in lists, the texts) of keys the table does not know.
    var paths: [String] = []
    /// The keys of maps with more than `smallMap` keys, by frame serial: a map is searched
    /// key by key while small, and by hash once large, so a hostile map of 100,000 keys is
    /// read in linear time.
    var bigMaps: [BigKey: Mark] = [:]
    var frames = 0
    static let smallMap = 16

    struct BigKey: Hashable {
        var serial: Int
        var slot: Int
        var path: String
    }

    func bigKey(_ key: Key, serial: Int) -> BigKey {
        switch key {
        case .slot(let slot): BigKey(serial: serial, slot: slot, path: "")
        case .path(let index): BigKey(serial: serial, slot: -2, path: paths[index])
        }
    }

    /// Opens a frame, giving it its serial.
    mutating func push(_ frame: Frame) {
        var frame = frame
        frame.serial = frames
        frames += 1
        stack.append(frame)
    }

    /// A place in the input, made into a `SourceLocation` only when one is needed.
    typealias Mark = TextPosition

    /// An open map or list. Lists and what they hold are parsed and checked but not recorded.
    struct Frame {
        var isMapping: Bool
        var place: Key
        var record: Bool
        var pendingKey: (Key, Mark)?
        /// Where this map's keys start in `keys`.
        var keyStart: Int
        /// A number no other frame of the document has, for `bigMaps`.
        var serial = 0
        var keyMark: Mark
    }

    var stack: [Frame] = []
    /// The keys of every open map, innermost last, to find a key written twice in one map.
    var keys: [(Key, Mark)] = []
    var document: DocumentBuilder
    var topKeys: [(key: Key, mark: Mark)] = []
    var scalarHeader: Mark?
    var scalarHeaderKey = ""
    var rootKind: String?
    var rootMark: Mark?
    var documents = 0
    var nodes = 0

    var file: String { builder.file }

    init(builder: Builder, sha256: String?, table: FieldTable) {
        self.builder = builder
        self.sha256 = sha256
        self.table = table
        document = DocumentBuilder(table: table)
        stack.reserveCapacity(8)
        keys.reserveCapacity(32)
    }

    func location(_ mark: Mark) -> SourceLocation { mark.location(in: file) }

    mutating func run() throws(InputError) -> SupplierDocument {
        let reader = builder
        try reader.events { event throws(InputError) in try self.handle(event) }
        return try finish()
    }

    mutating func count(_ mark: Mark) throws(InputError) {
        nodes += 1
        if nodes > builder.limits.maxNodes {
            throw InputError("too-many-nodes", "the document holds more than \(builder.limits.maxNodes) values", at: location(mark))
        }
    }

    /// Takes the pending key of the innermost map, if the node being added is a value there.
    mutating func takeKey() -> (Key, Mark)? {
        let last = stack.count - 1
        guard last >= 0, stack[last].isMapping, let key = stack[last].pendingKey else { return nil }
        stack[last].pendingKey = nil
        return key
    }

    /// The dotted id of a place.
    func id(_ key: Key) -> String { FlatReader.id(key, table, paths) }

    // The helpers the event handler calls are static: a method call on `self` from inside the
    // mutating handler made the compiler copy the whole reader each time.

    static func id(_ key: Key, _ table: FieldTable, _ paths: [String]) -> String {
        switch key {
        case .slot(let slot): slot < 0 ? "" : table.ids[slot]
        case .path(let index): paths[index]
        }
    }

    /// Whether two keys of one map are the same key.
    static func same(_ a: Key, _ b: Key, _ paths: [String]) -> Bool {
        switch (a, b) {
        case (.slot(let x), .slot(let y)): x == y
        case (.path(let x), .path(let y)): paths[x] == paths[y]
        default: false
        }
    }

    /// A key the table does not know, kept in `paths`.
    mutating func path(_ text: String) -> Key {
        paths.append(text)
        return .path(paths.count - 1)
    }

    /// A key of the map at `place`, from its bytes: found in the table without making a
    /// string where it can be.
    static func resolve(
        _ bytes: UnsafeBufferPointer<UInt8>, in place: Key, _ table: FieldTable, _ paths: [String]
    ) -> (slot: Int?, path: String) {
        if case .slot(let parent) = place, let slot = table.child(of: parent, key: bytes) { return (slot, "") }
        let text = String(decoding: bytes, as: UTF8.self)
        let parent = id(place, table, paths)
        let path = parent.isEmpty ? text : parent + "." + text
        // A dotted key ("policy.in_place:") reaches a known field in one step.
        return (table.slot(path), path)
    }

    /// A key as written in its map, for messages.
    func keyText(_ key: Key, in frame: Frame) -> String {
        guard frame.record else { return id(key) }
        let parent = id(frame.place)
        let path = id(key)
        return parent.isEmpty ? path : String(path.dropFirst(parent.count + 1))
    }

    /// Records a field; the same field written twice (nested and dotted, say) is a duplicate.
    mutating func record(_ key: Key, _ value: consuming DocumentValue) throws(InputError) {
        // Taken, not copied, into the document: its key's place is kept for the message.
        let keyPosition = value.keyPosition
        let first: DocumentValue?
        switch key {
        case .slot(let slot): first = document.record(slot: slot, value)
        case .path(let index): first = document.record(paths[index], value)
        }
        if let first {
            let path = id(key)
            throw InputError(
                "duplicate-key",
                "field \(PersonalData.quoted(path)) is given twice; a repeated field would silently replace the first value",
                at: location(keyPosition),
                notes: [Note("\(PersonalData.quoted(path)) first appears here", at: location(first.keyPosition))])
        }
    }

    mutating func handle(_ event: yaml_event_t) throws(InputError) -> Bool {
        let mark = TextPosition(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw InputError(
                    "multiple-documents", "only one YAML document is allowed in a file; remove the second '---'", at: location(mark))
            }
        case YAML_ALIAS_EVENT:
            throw InputError(
                "alias-not-allowed", YAMLWords.alias, at: location(mark))
        case YAML_SCALAR_EVENT:
            try count(mark)
            let scalar = event.data.scalar
            let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.value == nil ? 0 : Int(scalar.length))
            guard !stack.isEmpty else {
                rootKind = "a single value"
                rootMark = mark
                return false
            }
            let top = stack.count - 1
            // Keys and values inside a list are no fields, but are kept for the personal-data screen.
            if !stack[top].record {
                document.listTexts.append(.init(text: String(decoding: bytes, as: UTF8.self), position: mark))
            }
            if stack[top].isMapping && stack[top].pendingKey == nil {
                // A key.
                let place = stack[top].place
                let key: Key
                if stack[top].record {
                    let found = FlatReader.resolve(bytes, in: place, table, paths)
                    key = found.slot.map(Key.slot) ?? path(found.path)
                } else {
                    key = path(String(decoding: bytes, as: UTF8.self))
                }
                let frameKeys = keys.count - stack[top].keyStart
                var first: Mark?
                if frameKeys < FlatReader.smallMap {
                    for (seen, seenMark) in keys[stack[top].keyStart...] where FlatReader.same(seen, key, paths) {
                        first = seenMark
                        break
                    }
                } else {
                    let serial = stack[top].serial
                    if frameKeys == FlatReader.smallMap {
                        for (seen, seenMark) in keys[stack[top].keyStart...] { bigMaps[bigKey(seen, serial: serial)] = seenMark }
                    }
                    let big = bigKey(key, serial: serial)
                    first = bigMaps[big]
                    if first == nil { bigMaps[big] = mark }
                }
                if let first {
                    let text = keyText(key, in: stack[top])
                    throw InputError(
                        "duplicate-key",
                        "duplicate key \(PersonalData.quoted(text)); a repeated key would silently replace the first value",
                        at: location(mark), notes: [Note("\(PersonalData.quoted(text)) first appears here", at: location(first))])
                }
                keys.append((key, mark))
                stack[top].pendingKey = (key, mark)
                if stack.count == 1 { topKeys.append((key, mark)) }
                return false
            }
            guard let (key, keyMark) = takeKey(), stack[top].record else { return false }
            let text = String(decoding: bytes, as: UTF8.self)
            // Compared as bytes first: most values are not four bytes or fewer.
            let isNull = scalar.style == YAML_PLAIN_SCALAR_STYLE && YAMLNode.isNullWord(bytes)
            if stack.count == 1 && (key == .slot(table.returnSlot) || key == .slot(table.bidSlot)) && !isNull && scalarHeader == nil {
                scalarHeader = mark
                scalarHeaderKey = FlatReader.id(key, table, paths)
            }
            try record(
                key, DocumentValue(text: text, isNull: isNull, structure: nil, position: isNull ? keyMark : mark, keyPosition: keyMark))
        case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
            try count(mark)
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if !stack.isEmpty, stack[stack.count - 1].isMapping, stack[stack.count - 1].pendingKey == nil {
                throw InputError("complex-key", "a key must be a single value, not a list or a map", at: location(mark))
            }
            if stack.count >= builder.limits.maxDepth {
                throw InputError(
                    "too-deep", "lists and maps are nested more than \(builder.limits.maxDepth) levels deep", at: location(mark))
            }
            if stack.isEmpty {
                if !isMapping {
                    rootKind = "a list"
                    rootMark = mark
                }
                push(Frame(isMapping: isMapping, place: .slot(-1), record: isMapping, keyStart: keys.count, keyMark: mark))
                return false
            }
            let key = takeKey()
            if let (place, keyMark) = key, stack[stack.count - 1].record {
                if isMapping {
                    push(Frame(isMapping: true, place: place, record: true, keyStart: keys.count, keyMark: keyMark))
                } else {
                    try record(place, DocumentValue(text: "", isNull: false, structure: "a list", position: mark, keyPosition: keyMark))
                    push(Frame(isMapping: false, place: place, record: false, keyStart: keys.count, keyMark: keyMark))
                }
            } else {
                push(Frame(isMapping: isMapping, place: .slot(-1), record: false, keyStart: keys.count, keyMark: mark))
            }
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let frame = stack.popLast() else { return false }
            let empty = keys.count == frame.keyStart
            keys.removeSubrange(frame.keyStart...)
            if frame.isMapping && frame.record && empty && !stack.isEmpty {
                let at = frame.keyMark
                try record(frame.place, DocumentValue(text: "", isNull: true, structure: nil, position: at, keyPosition: at))
            }
        default:
            break
        }
        return false
    }

    func finish() throws(InputError) -> SupplierDocument {
        if let rootKind, let rootMark {
            throw InputError(
                "not-a-document", "a return or bid is a map that starts with 'return:' or 'bid:', not \(rootKind)", at: location(rootMark))
        }
        if topKeys.isEmpty && document.isEmpty && documents <= 1 && nodes == 0 {
            throw InputError("empty-file", "the file is empty; a return or bid starts with 'return:' or 'bid:'", at: .start(of: file))
        }
        let kinds = topKeys.filter { $0.key == .slot(table.returnSlot) || $0.key == .slot(table.bidSlot) }
        let root = topKeys.first.map { location($0.mark) } ?? .start(of: file)
        guard let head = kinds.first, let kind = DocumentKind(rawValue: id(head.key)) else {
            if topKeys.contains(where: { id($0.key) == "contract" }) {
                throw InputError("wrong-document-kind", "this is a contract specification, not a return or bid", at: root)
            }
            throw InputError("not-a-document", "no 'return:' or 'bid:' key says what this document is", at: root)
        }
        if kinds.count > 1 {
            throw InputError(
                "wrong-document-kind", "a document is a return or a bid, not both", at: location(kinds[1].mark),
                notes: [Note("'\(id(head.key))' is here", at: location(head.mark))])
        }
        if let scalarHeader {
            throw InputError(
                "not-a-document", "'\(scalarHeaderKey):' must hold the header (contract, supplier, dates), not a single value",
                at: location(scalarHeader))
        }
        return document.document(file: file, kind: kind, sha256: sha256)
    }
}
