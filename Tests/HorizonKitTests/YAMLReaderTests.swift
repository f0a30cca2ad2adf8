import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

// MARK: - Helpers

/// Walking a parsed tree in tests: `node["top"]`, `node[0]`, `node.at("top.items.0")`.
extension YAMLNode {
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    subscript(index: Int) -> YAMLNode? {
        guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The node at a dotted path; a numeric part indexes a list.
    func at(_ path: String) -> YAMLNode? {
        var node: YAMLNode? = self
        for part in path.split(separator: ".") {
            if let index = Int(part), case .sequence = node?.content {
                node = node?[index]
            } else {
                node = node?[String(part)]
            }
        }
        return node
    }

    /// Where a key of this map is written.
    func keyLocation(_ key: String) -> SourceLocation? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key == key }?.keyLocation
    }

    /// The text of a scalar.
    var text: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// Whether a scalar was written plain.
    var isPlain: Bool? {
        if case .scalar(_, let plain) = content { return plain }
        return nil
    }

    /// The keys of a map, in order.
    var keys: [String] {
        if case .mapping(let pairs) = content { return pairs.map(\.key) }
        return []
    }
}

private func parse(_ text: String, limits: ReadLimits = .standard) throws(InputError) -> YAMLNode? {
    try YAMLReader.parse(Array(text.utf8), file: "t.yaml", limits: limits)
}

/// The error parsing throws, or `nil` (recording an issue) when it parses.
private func parseError(
    _ bytes: [UInt8], limits: ReadLimits = .standard, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> InputError? {
    do {
        _ = try YAMLReader.parse(bytes, file: "t.yaml", limits: limits)
        Issue.record("parsed without an error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

private func at(_ line: Int, _ column: Int) -> HorizonModel.SourceLocation {
    HorizonModel.SourceLocation(file: "t.yaml", line: line, column: column)
}

// MARK: - Locations

@Suite("YAML reader: locations")
struct YAMLLocationTests {
    struct Place: CustomTestStringConvertible, Sendable {
        var path: String
        var line: Int
        var column: Int
        var text: String? = nil
        var testDescription: String { "\(path) at \(line):\(column)" }
    }

    /// Every place checked by hand against `Fixtures/yaml/nested.yaml`.
    static let places: [Place] = [
        Place(path: "top", line: 3, column: 3),
        Place(path: "top.items", line: 4, column: 5),
        Place(path: "top.items.0", line: 4, column: 7),
        Place(path: "top.items.0.name", line: 4, column: 13, text: "first"),
        Place(path: "top.items.0.tags", line: 5, column: 13),
        Place(path: "top.items.0.tags.0", line: 5, column: 14, text: "a"),
        Place(path: "top.items.0.tags.1", line: 5, column: 17),
        Place(path: "top.items.0.tags.1.k", line: 5, column: 21, text: "v"),
        Place(path: "top.items.0.tags.2", line: 5, column: 25, text: "q"),
        Place(path: "top.items.1", line: 6, column: 7),
        Place(path: "top.items.1.name", line: 6, column: 15, text: "second"),
        Place(path: "top.items.1.size", line: 6, column: 29, text: "2"),
        Place(path: "top.text", line: 7, column: 9, text: "folded lines"),
        Place(path: "top.after", line: 10, column: 10, text: "é and 🎉"),
        Place(path: "top.flow", line: 11, column: 9),
        Place(path: "top.flow.é", line: 11, column: 13, text: "1"),
        Place(path: "top.flow.ü", line: 11, column: 19),
        Place(path: "top.flow.ü.1", line: 11, column: 23, text: "🎉"),
        Place(path: "top.flow.ü.2", line: 11, column: 26, text: "y"),
        Place(path: "top.flow.key", line: 11, column: 35, text: "z"),
    ]

    @Test("nested nodes have their line and column", arguments: places)
    func nodeLocation(_ place: Place) throws {
        let root = try #require(try YAMLReader.parse(Fixtures.yamlBytes("nested.yaml"), file: "nested.yaml"))
        let node = try #require(root.at(place.path), "no node at \(place.path)")
        #expect(node.location == HorizonModel.SourceLocation(file: "nested.yaml", line: place.line, column: place.column))
        if let text = place.text { #expect(node.text == text) }
    }

    struct KeyPlace: CustomTestStringConvertible, Sendable {
        var map: String
        var key: String
        var line: Int
        var column: Int
        var testDescription: String { "\(map.isEmpty ? "root" : map) '\(key)' at \(line):\(column)" }
    }

    static let keyPlaces: [KeyPlace] = [
        KeyPlace(map: "", key: "top", line: 2, column: 1),
        KeyPlace(map: "top", key: "items", line: 3, column: 3),
        KeyPlace(map: "top.items.0", key: "tags", line: 5, column: 7),
        KeyPlace(map: "top.items.0.tags.1", key: "k", line: 5, column: 18),
        KeyPlace(map: "top.items.1", key: "size", line: 6, column: 23),
        KeyPlace(map: "top", key: "after", line: 10, column: 3),
        // After a two-byte 'é' and a four-byte emoji, columns still count one each.
        KeyPlace(map: "top.flow", key: "é", line: 11, column: 10),
        KeyPlace(map: "top.flow", key: "ü", line: 11, column: 16),
        KeyPlace(map: "top.flow", key: "key", line: 11, column: 30),
    ]

    @Test("keys have their line and column", arguments: keyPlaces)
    func keyLocation(_ place: KeyPlace) throws {
        let root = try #require(try YAMLReader.parse(Fixtures.yamlBytes("nested.yaml"), file: "nested.yaml"))
        let map = try #require(place.map.isEmpty ? root : root.at(place.map))
        #expect(map.keyLocation(place.key) == HorizonModel.SourceLocation(file: "nested.yaml", line: place.line, column: place.column))
    }

    @Test("map keys keep their document order")
    func keyOrder() throws {
        let root = try #require(try parse("z: 1\na: 2\nm: {y: 1, b: 2}\n"))
        #expect(root.keys == ["z", "a", "m"])
        #expect(root["m"]?.keys == ["y", "b"])
    }

    @Test("a key after a two-byte letter on the same line is one column per letter")
    func unicodeColumnsInline() throws {
        let root = try #require(try parse("x: [é, {k: 1}]\ny: [🎉🎉, k]\n"))
        #expect(root.at("x.1")?.keyLocation("k") == at(1, 9))
        #expect(root.at("y.1")?.location == at(2, 9))
        #expect(root.at("y.0")?.text == "🎉🎉")
    }

    @Test("a multi-line flow map keeps each value's own line")
    func multiLineFlow() throws {
        let root = try #require(try parse("a: {\n  b: 1,\n  c: [\n    x,\n    y\n  ]\n}\n"))
        #expect(root["a"]?.location == at(1, 4))
        #expect(root["a"]?.keyLocation("c") == at(3, 3))
        #expect(root.at("a.c.1")?.location == at(5, 5))
    }
}

// MARK: - Scalars

@Suite("YAML reader: scalars stay text")
struct YAMLScalarTests {
    struct Scalar: CustomTestStringConvertible, Sendable {
        var source: String
        var text: String
        var plain: Bool
        var isNull: Bool
        var testDescription: String { "v: \(source)" }
    }

    static let scalars: [Scalar] = [
        Scalar(source: "no", text: "no", plain: true, isNull: false),
        Scalar(source: "yes", text: "yes", plain: true, isNull: false),
        Scalar(source: "off", text: "off", plain: true, isNull: false),
        Scalar(source: "012", text: "012", plain: true, isNull: false),
        Scalar(source: "1e3", text: "1e3", plain: true, isNull: false),
        Scalar(source: "0x1F", text: "0x1F", plain: true, isNull: false),
        Scalar(source: ".inf", text: ".inf", plain: true, isNull: false),
        Scalar(source: "1_000", text: "1_000", plain: true, isNull: false),
        Scalar(source: "2024-02-30", text: "2024-02-30", plain: true, isNull: false),
        Scalar(source: "1.0.0", text: "1.0.0", plain: true, isNull: false),
        Scalar(source: "~", text: "~", plain: true, isNull: true),
        Scalar(source: "null", text: "null", plain: true, isNull: true),
        Scalar(source: "Null", text: "Null", plain: true, isNull: true),
        Scalar(source: "NULL", text: "NULL", plain: true, isNull: true),
        Scalar(source: "", text: "", plain: true, isNull: true),
        Scalar(source: "\"null\"", text: "null", plain: false, isNull: false),
        Scalar(source: "'~'", text: "~", plain: false, isNull: false),
        Scalar(source: "''", text: "", plain: false, isNull: false),
        Scalar(source: "'no'", text: "no", plain: false, isNull: false),
        Scalar(source: "nil", text: "nil", plain: true, isNull: false),
        Scalar(source: "|-\n  kept\n  lines", text: "kept\nlines", plain: false, isNull: false),
        Scalar(source: ">-\n  folded\n  lines", text: "folded lines", plain: false, isNull: false),
    ]

    @Test("a scalar is kept as written, and only a plain empty, ~ or null is null", arguments: scalars)
    func scalarStaysText(_ scalar: Scalar) throws {
        let root = try #require(try parse("v: \(scalar.source)\n"))
        let value = try #require(root["v"])
        #expect(value.text == scalar.text)
        #expect(value.isPlain == scalar.plain)
        #expect(value.isNull == scalar.isNull)
    }

    @Test("lists and maps are never null")
    func collectionsAreNotNull() throws {
        let root = try #require(try parse("a: []\nb: {}\n"))
        #expect(root["a"]?.isNull == false)
        #expect(root["b"]?.isNull == false)
        #expect(root["a"]?.kindName == "a list")
        #expect(root["b"]?.kindName == "a map")
    }

    @Test("anchors without aliases are allowed and leave the value as it is")
    func anchorsAlone() throws {
        let root = try #require(try parse("a: &x 1\nb: &y [2]\n"))
        #expect(root["a"]?.text == "1")
        #expect(root.at("b.0")?.text == "2")
    }
}

// MARK: - Errors

@Suite("YAML reader: errors")
struct YAMLErrorTests {
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var limits: ReadLimits = .standard
        var code: String
        var line: Int
        var column: Int
        var message: String
        var note: (line: Int, column: Int, message: String)? = nil
        /// When set, the case shows a known bug in Sources; the text says which.
        var knownIssue: String? = nil
        var testDescription: String { name }

        init(
            _ name: String, _ text: String, limits: ReadLimits = .standard, code: String, at line: Int, _ column: Int,
            _ message: String, note: (line: Int, column: Int, message: String)? = nil
        ) {
            self.init(name, bytes: Array(text.utf8), limits: limits, code: code, at: line, column, message, note: note)
        }

        init(
            _ name: String, bytes: [UInt8], limits: ReadLimits = .standard, code: String, at line: Int, _ column: Int,
            _ message: String, note: (line: Int, column: Int, message: String)? = nil, knownIssue: String? = nil
        ) {
            self.knownIssue = knownIssue
            self.name = name
            self.bytes = bytes
            self.limits = limits
            self.code = code
            self.line = line
            self.column = column
            self.message = message
            self.note = note
        }
    }

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static let cases: [ErrorCase] = [
        // Keys
        ErrorCase(
            "duplicate key at the second, note at the first", "a: 1\nb: 2\na: 3\n", code: "duplicate-key", at: 3, 1,
            "duplicate key 'a'; a repeated key would silently replace the first value", note: (1, 1, "'a' first appears here")),
        ErrorCase(
            "duplicate key in a nested flow map", "top:\n  m: {x: 1, y: 2, x: 3}\n", code: "duplicate-key", at: 2, 19,
            "duplicate key 'x'", note: (2, 7, "'x' first appears here")),
        ErrorCase(
            "duplicate key quoted the second time", "a: 1\n\"a\": 2\n", code: "duplicate-key", at: 2, 1, "duplicate key 'a'",
            note: (1, 1, "'a' first appears here")),
        // A large map keeps its keys hashed from the 16th; a small one is searched: both find
        // the first place, on either side of the edge.
        ErrorCase(
            "duplicate key in a large map",
            "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\nk18: 18\nk19: 19\nk20: 20\nk2: 0\n",
            code: "duplicate-key", at: 21, 1, "duplicate key 'k2'",
            note: (2, 1, "'k2' first appears here")),
        ErrorCase(
            "duplicate key as a map's 16th",
            "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk1: 0\n",
            code: "duplicate-key", at: 16, 1, "duplicate key 'k1'",
            note: (1, 1, "'k1' first appears here")),
        ErrorCase(
            "duplicate key as a map's 17th, of its 16th",
            "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk16: 0\n",
            code: "duplicate-key", at: 17, 1,
            "duplicate key 'k16'", note: (16, 1, "'k16' first appears here")),
        ErrorCase("a list as a key", "[a]: 1\n", code: "complex-key", at: 1, 1, "a key must be a single value, not a list or a map"),
        ErrorCase("an explicit list key", "ok: 1\n? [a]\n: 1\n", code: "complex-key", at: 2, 3, "a key must be a single value"),
        ErrorCase("a map as a key", "{a: 1}: 2\n", code: "complex-key", at: 1, 1, "a key must be a single value"),
        // Aliases and documents
        ErrorCase(
            "an alias", "a: &x 1\nb: *x\n", code: "alias-not-allowed", at: 2, 4,
            "a value cannot start with '*' (YAML reads that as a reference to another value)"),
        ErrorCase(
            "two documents", "a: 1\n---\nb: 2\n", code: "multiple-documents", at: 2, 1,
            "only one YAML document is allowed in a file; remove the second '---'"),
        ErrorCase("two explicit documents", "---\na: 1\n---\nb: 2\n", code: "multiple-documents", at: 3, 1, "only one YAML document"),
        // Syntax
        ErrorCase(
            "a broken flow sequence", "a: [1, 2\nb: 3\n", code: "yaml-syntax", at: 2, 2,
            "the '[' opened where the note points is not closed: check for a missing ',' between items or a missing ']' at the end [did not find expected ',' or ']']",
            note: (1, 4, "the '[' opened here")),
        ErrorCase(
            "a tab indents a key", "a:\n\tb: 1\n", code: "tab-indent", at: 2, 1,
            "this line is indented with a tab: indent with spaces instead"),
        ErrorCase(
            "a tab after spaces indents a key", "a:\n  b: 1\n  \tc: 2\n", code: "tab-indent", at: 3, 3, "this line is indented with a tab"),
        ErrorCase(
            "a syntax error after CRLF lines is on its own line", "a: 1\r\nb: 2\r\nc: [x\r\nd: 4\r\n", code: "yaml-syntax", at: 4, 2,
            "the '[' opened where the note points is not closed", note: (3, 4, "the '[' opened here")),
        // Encoding
        ErrorCase(
            "an invalid UTF-8 byte", bytes: Array("a: 1\nb: x".utf8) + [0xFF] + Array("y\n".utf8), code: "invalid-encoding", at: 2, 5,
            "the file is not valid UTF-8 here (often a £ sign, a curly quote or an accented letter saved by an older program): save it again as UTF-8 (Excel: Save As 'CSV UTF-8 (Comma delimited)'; Notepad: Save As with Encoding 'UTF-8') [invalid leading UTF-8 octet]"
        ),
        ErrorCase(
            "an invalid UTF-8 byte after a two-byte letter", bytes: Array("é: ".utf8) + [0xFF] + Array("\n".utf8),
            code: "invalid-encoding", at: 1, 4, "the file is not valid UTF-8"),
        ErrorCase(
            "an invalid UTF-8 byte after a UTF-8 byte order mark", bytes: bom + Array("b: x".utf8) + [0xFF] + Array("\n".utf8),
            code: "invalid-encoding", at: 1, 5, "the file is not valid UTF-8"),
        ErrorCase(
            "an invalid UTF-8 byte on line 3001, past libyaml's first input chunk",
            bytes: Array((0..<3000).map { "k\($0): v\n" }.joined().utf8) + Array("bad: x".utf8) + [0xFF] + Array("y\n".utf8),
            code: "invalid-encoding", at: 3001, 7, "the file is not valid UTF-8"),
        ErrorCase(
            "an invalid UTF-8 byte on line 2 after a byte order mark", bytes: bom + Array("a: 1\nb: x".utf8) + [0xFF] + Array("\n".utf8),
            code: "invalid-encoding", at: 2, 5, "the file is not valid UTF-8"),
        ErrorCase(
            "a control character", bytes: Array("a: ".utf8) + [0x01] + Array("\n".utf8), code: "invalid-encoding", at: 1, 4,
            "the file holds a hidden control character here (byte 0x01), so it may not be a text file"),
        ErrorCase(
            "a NUL byte", bytes: Array("a: 1\nb: ".utf8) + [0x00] + Array("\n".utf8), code: "invalid-encoding", at: 2, 4,
            "the file holds a hidden control character here (byte 0x00)"),
        ErrorCase(
            "a UTF-16 little-endian byte order mark", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00], code: "invalid-encoding", at: 1, 1,
            "the file is saved as 'Unicode' (UTF-16)"),
        ErrorCase(
            "a UTF-16 big-endian byte order mark", bytes: [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x3A], code: "invalid-encoding", at: 1, 1,
            "the file is saved as 'Unicode' (UTF-16)"),
        // Limits
        ErrorCase(
            "100 nested flow lists", String(repeating: "[", count: 100) + String(repeating: "]", count: 100), code: "too-deep", at: 1, 65,
            "lists and maps are nested more than 64 levels deep"),
        ErrorCase(
            "100 nested block maps", deepMaps(100), code: "too-deep", at: 65, 129, "lists and maps are nested more than 64 levels deep"),
        ErrorCase(
            "a lower depth limit", "a: [[[x]]]\n", limits: ReadLimits(maxDepth: 3), code: "too-deep", at: 1, 6,
            "lists and maps are nested more than 3 levels deep"),
        ErrorCase(
            "one byte over the size limit", "abcdefghijk", limits: ReadLimits(maxBytes: 10), code: "too-large", at: 1, 1,
            "the file is 11 bytes, more than the limit of 10"),
        ErrorCase(
            "one node over the node limit", "[a, b, c, d, e, f]", limits: ReadLimits(maxNodes: 5), code: "too-many-nodes", at: 1, 17,
            "the document holds more than 5 values"),
        ErrorCase(
            "keys count as nodes", "a: 1\nb: 2\nc: 3\n", limits: ReadLimits(maxNodes: 4), code: "too-many-nodes", at: 3, 1,
            "the document holds more than 4 values"),
    ]

    /// `k1:` / `  k2:` / … nested `count` deep, the last holding `x`.
    static func deepMaps(_ count: Int) -> String {
        (1...count).map { level in
            String(repeating: "  ", count: level - 1) + "k\(level):" + (level == count ? " x" : "")
        }.joined(separator: "\n") + "\n"
    }

    @Test("an input error has its code, location, message and note", arguments: cases)
    func inputError(_ errorCase: ErrorCase) throws {
        let error = try #require(parseError(errorCase.bytes, limits: errorCase.limits))
        let finding = error.finding
        #expect(finding.code == errorCase.code, "\(error)")
        #expect(finding.severity == .error)
        if let issue = errorCase.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) {
                #expect(finding.location == at(errorCase.line, errorCase.column), "\(error)")
            }
        } else {
            #expect(finding.location == at(errorCase.line, errorCase.column), "\(error)")
        }
        #expect(finding.message.hasPrefix(errorCase.message), "\(error)")
        if let note = errorCase.note {
            #expect(finding.notes.count == 1, "\(error)")
            #expect(finding.notes.first?.location == at(note.line, note.column), "\(error)")
            #expect(finding.notes.first.map { $0.message.hasPrefix(note.message) } == true, "\(error)")
        } else if errorCase.code != "yaml-syntax" && errorCase.code != "tab-indent" {
            #expect(finding.notes.isEmpty, "\(error)")
        }
    }

    @Test("an input error prints compiler style, with its note on a line of its own")
    func compilerStyle() throws {
        let error = try #require(parseError(Array("a: 1\nb: 2\na: 3\n".utf8)))
        #expect(
            error.description
                == "t.yaml:3:1: error[duplicate-key] duplicate key 'a'; a repeated key would silently replace the first value\n"
                + "t.yaml:1:1: note: 'a' first appears here")
    }

    @Test("the same key in two different maps is no duplicate")
    func sameKeyInTwoMaps() throws {
        let root = try #require(try parse("a: {x: 1}\nb: {x: 2}\nc:\n  - x: 3\n  - x: 4\n"))
        #expect(root.at("c.1.x")?.text == "4")
    }

    @Test("a billion-laughs alias bomb stops at its first alias, quickly")
    func billionLaughs() throws {
        let bytes = try Fixtures.yamlBytes("billion-laughs.yaml")
        let clock = ContinuousClock()
        var error: InputError?
        let elapsed = clock.measure { error = parseError(bytes) }
        let finding = try #require(error?.finding)
        #expect(finding.code == "alias-not-allowed")
        #expect(finding.location == at(2, 10))
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test("exactly at each limit parses")
    func atTheLimits() throws {
        let flat = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parse(flat) != nil)
        #expect(try parse(YAMLErrorTests.deepMaps(64))?.at((1...64).map { "k\($0)" }.joined(separator: "."))?.text == "x")
        #expect(try parse("abcdefghij", limits: ReadLimits(maxBytes: 10))?.text == "abcdefghij")
        // Four scalars and the list: five nodes.
        #expect(try parse("[a, b, c, d]", limits: ReadLimits(maxNodes: 5))?[3]?.text == "d")
    }

    @Test("the default size limit refuses a file of 4 MiB and one byte")
    func defaultSizeLimit() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: ReadLimits.defaultMaxBytes + 1)
        let error = try #require(parseError(bytes))
        #expect(error.finding.code == "too-large")
        #expect(error.finding.message.contains("\(ReadLimits.defaultMaxBytes + 1) bytes"))
    }
}

// MARK: - Byte order marks, line ends and empty input

@Suite("YAML reader: encodings and line ends")
struct YAMLEncodingTests {
    @Test("a UTF-8 byte order mark is skipped and locations are unchanged")
    func utf8BOM() throws {
        let root = try #require(try YAMLReader.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\nb: [x, é]\n".utf8), file: "t.yaml"))
        #expect(root.keys == ["a", "b"])
        #expect(root.keyLocation("a") == at(1, 1))
        #expect(root["a"]?.location == at(1, 4))
        #expect(root.at("b.1")?.location == at(2, 8))
        #expect(root.at("b.1")?.text == "é")
    }

    @Test("CRLF line ends give the right lines and no stray carriage returns")
    func crlf() throws {
        let root = try #require(try parse("a: 1\r\nb:\r\n  c: 2\r\n  d: >-\r\n    folded\r\n    text\r\ne: [x,\r\n  y]\r\n"))
        #expect(root["a"]?.text == "1")
        #expect(root.at("b")?.keyLocation("c") == at(3, 3))
        #expect(root.at("b.c")?.location == at(3, 6))
        #expect(root.at("b.c")?.text == "2")
        #expect(root.at("b.d")?.text == "folded text")
        #expect(root.at("e.1")?.location == at(8, 3))
        #expect(root.keyLocation("e") == at(7, 1))
    }

    @Test("an empty or comment-only input has no document", arguments: ["", "\n\n", "# only a comment\n", "   \n# two\n# comments"])
    func empty(_ text: String) throws {
        #expect(try parse(text) == nil)
    }

    @Test("a UTF-8 byte order mark alone is an empty input")
    func bomOnly() throws {
        #expect(try YAMLReader.parse([0xEF, 0xBB, 0xBF], file: "t.yaml") == nil)
    }

    @Test("an explicit document with nothing in it is an empty input", arguments: ["---\n", "--- # nothing\n...\n"])
    func explicitEmptyDocument(_ text: String) throws {
        // libyaml reports an empty plain scalar as the content of an empty explicit document.
        let node = try parse(text)
        #expect(node == nil, "\(String(describing: node))")
    }

    @Test("one explicit document is allowed")
    func oneExplicitDocument() throws {
        let root = try #require(try parse("---\na: 1\n...\n"))
        #expect(root["a"]?.location == at(2, 4))
    }

    @Test("a file name is carried into every location")
    func fileName() throws {
        let root = try #require(try YAMLReader.parse(Array("a: [1]\n".utf8), file: "dir/x.yaml"))
        #expect(root.at("a.0")?.location == HorizonModel.SourceLocation(file: "dir/x.yaml", line: 1, column: 5))
    }
}
