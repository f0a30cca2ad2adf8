package import HorizonModel

/// A strict JSON reader (RFC 8259) that keeps the location of every value and produces the same
/// located tree as the YAML reader. Comments, trailing commas and duplicate keys are errors with
/// a clear message; nesting and size are bounded.
///
/// Foundation's `JSONSerialization` is not used because it loses locations.
package enum JSONReader {
    /// Parses one JSON document.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 text (a UTF-8 byte order mark is skipped).
    ///   - file: The file name for locations.
    ///   - limits: Size, depth and node bounds.
    /// - Returns: The root value, or `nil` when the file holds only white space.
    /// - Throws: `InputError` at the first problem.
    package static func parse(_ bytes: [UInt8], file: String, limits: ReadLimits = .standard) throws(InputError) -> YAMLNode? {
        try TextChecks.checkSize(bytes.count, file: file, limits: limits)
        try TextChecks.rejectOtherEncodings(bytes, file: file)
        var parser = Parser(bytes: bytes, file: file, limits: limits)
        parser.index = TextChecks.utf8BOMLength(bytes)
        try parser.validateUTF8()
        parser.skipSpace()
        if parser.index >= bytes.count { return nil }
        let root = try parser.value(depth: 0)
        parser.skipSpace()
        try parser.rejectComment()
        if parser.index < bytes.count {
            throw parser.error("json-syntax", "unexpected text after the end of the JSON value")
        }
        return root
    }

    struct Parser {
        let bytes: [UInt8]
        let file: String
        let limits: ReadLimits
        var index = 0
        var line = 1
        var lineStart = 0
        var nodes = 0

        init(bytes: [UInt8], file: String, limits: ReadLimits) {
            self.bytes = bytes
            self.file = file
            self.limits = limits
        }

        /// Where the column was last counted to, so that counting continues from there: a
        /// long one-line (minified) file would otherwise be counted from its start each time.
        final class ColumnCache {
            var lineStart = -1
            var index = 0
            var column = 1
        }
        let cache = ColumnCache()

        var location: SourceLocation {
            if cache.lineStart != lineStart || cache.index > index {
                cache.lineStart = lineStart
                cache.index = lineStart
                cache.column = 1
            }
            var i = cache.index
            var column = cache.column
            while i < index && i < bytes.count {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            cache.index = i
            cache.column = column
            return SourceLocation(file: file, line: line, column: column)
        }

        func error(_ code: String, _ message: String) -> InputError {
            InputError(code, message, at: location)
        }

        func validateUTF8() throws(InputError) {
            let start = index
            var i = start
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    i += 1
                    continue
                }
                let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
                var ok = length > 0 && i + length <= bytes.count
                if ok {
                    for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { ok = false }
                }
                if !ok {
                    let at = bytes.withUnsafeBufferPointer {
                        TextChecks.location(ofByte: i, in: $0, file: file, from: TextChecks.utf8BOMLength(bytes))
                    }
                    throw InputError(
                        "invalid-encoding",
                        "the file is not valid UTF-8 here (byte \(TextChecks.hex(Int(byte))), often a £ sign, a curly quote or an accented letter saved by an older program): \(TextChecks.saveAsUTF8)",
                        at: at)
                }
                i += length
            }
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        mutating func count() throws(InputError) {
            nodes += 1
            if nodes > limits.maxNodes { throw error("too-many-nodes", "the document holds more than \(limits.maxNodes) values") }
        }

        mutating func value(depth: Int) throws(InputError) -> YAMLNode {
            guard index < bytes.count else { throw error("json-syntax", "the file ends where a value was expected") }
            try count()
            let here = location
            switch bytes[index] {
            case UInt8(ascii: "{"):
                if depth >= limits.maxDepth {
                    throw error("too-deep", "objects and arrays are nested more than \(limits.maxDepth) levels deep")
                }
                index += 1
                var pairs: [YAMLPair] = []
                var seen: [String: SourceLocation] = [:]
                skipSpace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return YAMLNode(.mapping([]), at: here)
                }
                while true {
                    skipSpace()
                    try rejectComment()
                    guard index < bytes.count else { throw error("json-syntax", "the file ends inside an object") }
                    if bytes[index] == UInt8(ascii: "}") {
                        throw error("json-syntax", "a trailing comma before '}' is not allowed in JSON")
                    }
                    guard bytes[index] == UInt8(ascii: "\"") else { throw error("json-syntax", "expected a key in double quotes") }
                    let keyLocation = location
                    let key = try string()
                    if let first = seen[key] {
                        throw InputError(
                            "duplicate-key",
                            "duplicate key \(PersonalData.quoted(key)); a repeated key would silently replace the first value",
                            at: keyLocation, notes: [Note("\(PersonalData.quoted(key)) first appears here", at: first)])
                    }
                    seen[key] = keyLocation
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                        throw error("json-syntax", "expected ':' after the key")
                    }
                    index += 1
                    skipSpace()
                    try rejectComment()
                    let item = try value(depth: depth + 1)
                    pairs.append(YAMLPair(key: key, keyLocation: keyLocation, value: item))
                    skipSpace()
                    try rejectComment()
                    guard index < bytes.count else { throw error("json-syntax", "the file ends inside an object") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return YAMLNode(.mapping(pairs), at: here)
                    }
                    throw error("json-syntax", "expected ',' or '}' in an object")
                }
            case UInt8(ascii: "["):
                if depth >= limits.maxDepth {
                    throw error("too-deep", "objects and arrays are nested more than \(limits.maxDepth) levels deep")
                }
                index += 1
                var items: [YAMLNode] = []
                skipSpace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return YAMLNode(.sequence([]), at: here)
                }
                while true {
                    skipSpace()
                    try rejectComment()
                    guard index < bytes.count else { throw error("json-syntax", "the file ends inside an array") }
                    if bytes[index] == UInt8(ascii: "]") {
                        throw error("json-syntax", "a trailing comma before ']' is not allowed in JSON")
                    }
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    try rejectComment()
                    guard index < bytes.count else { throw error("json-syntax", "the file ends inside an array") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return YAMLNode(.sequence(items), at: here)
                    }
                    throw error("json-syntax", "expected ',' or ']' in an array")
                }
            case UInt8(ascii: "\""):
                return YAMLNode(.scalar(try string(), plain: false), at: here)
            case UInt8(ascii: "/"):
                try rejectComment()
                throw error("json-syntax", "unexpected '/'")
            default:
                let start = index
                while index < bytes.count,
                    !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
                        || bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "}") || bytes[index] == UInt8(ascii: "]"))
                {
                    index += 1
                }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                if word == "true" || word == "false" || word == "null" || isNumber(word) {
                    return YAMLNode(.scalar(word == "null" ? "" : word, plain: true), at: here)
                }
                index = start
                throw error("json-syntax", "'\(word.clipped)' is not a JSON value; text must be in double quotes")
            }
        }

        mutating func rejectComment() throws(InputError) {
            if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "/")
                && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*"))
            {
                throw error("json-syntax", "comments are not allowed in JSON")
            }
        }

        func isNumber(_ word: String) -> Bool {
            // JSON's grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
            var s = Substring(word).utf8[...]
            func digits() -> Int {
                var n = 0
                while let c = s.first, c >= 0x30 && c <= 0x39 { s = s.dropFirst(); n += 1 }
                return n
            }
            if s.first == UInt8(ascii: "-") { s = s.dropFirst() }
            if s.first == UInt8(ascii: "0") { s = s.dropFirst() } else if digits() == 0 { return false }
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                if digits() == 0 { return false }
            }
            if s.first == UInt8(ascii: "e") || s.first == UInt8(ascii: "E") {
                s = s.dropFirst()
                if s.first == UInt8(ascii: "+") || s.first == UInt8(ascii: "-") { s = s.dropFirst() }
                if digits() == 0 { return false }
            }
            return s.isEmpty
        }

        mutating func string() throws(InputError) -> String {
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { throw error("json-syntax", "the file ends inside a string") }
                    let escape = bytes[index + 1]
                    index += 2
                    switch escape {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw error("json-syntax", "an invalid \\u surrogate pair") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("json-syntax", "an invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        index -= 2
                        throw error("json-syntax", "an invalid escape in a string")
                    }
                case 0x00..<0x20:
                    throw error("json-syntax", "a control character or line break inside a string; write it as an escape such as \\n")
                default:
                    out.append(byte)
                    index += 1
                }
            }
            throw error("json-syntax", "the file ends inside a string")
        }

        mutating func hex4() throws(InputError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("json-syntax", "an incomplete \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: throw error("json-syntax", "an invalid \\u escape")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }
    }
}
