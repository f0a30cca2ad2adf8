internal import HorizonModel

/// Compact JSON for the report's types, written by hand in the order of their `CodingKeys`.
///
/// The report's shape is defined once, by the `Encodable` conformances of `ReportJSON`'s types
/// (their `encode(to:)` writes every key, `null` included). Encoding through the `Encoder`
/// protocol — Foundation's `JSONEncoder`, or a writer of our own over it — took about a million
/// instructions a report, more than judging it; so each type also writes itself here, and a
/// test requires the two to give the same JSON for every report the fixtures produce.
package struct JSONOut {
    package private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether it has a member yet (the next needs a comma).
    private var open: [Bool] = []
    /// Whether a key has just been written, so that the value that follows takes no comma.
    private var afterKey = false

    package init() { bytes.reserveCapacity(4096) }

    /// A comma before every member of an object or element of an array but the first.
    private mutating func separate() {
        guard let last = open.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) } else { open[open.count - 1] = true }
    }

    /// Before a value: no comma after a key, else one between elements.
    private mutating func beforeValue() {
        if afterKey { afterKey = false } else { separate() }
    }

    /// Writes `{`, calls `body` for the members, writes `}`.
    package mutating func object(_ body: (inout JSONOut) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        open.append(false)
        body(&self)
        open.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `[`, one element for each item, `]`.
    package mutating func array<T>(_ items: [T], _ element: (inout JSONOut, T) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        open.append(false)
        for item in items { element(&self, item) }
        open.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `[`, `count` elements, `]`.
    package mutating func array(count: Int, _ element: (inout JSONOut, Int) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        open.append(false)
        for i in 0..<count { element(&self, i) }
        open.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A value already written as JSON by its type's own `write`, made once and kept, in two
    /// pieces (a value that varies at its end: `RequirementLayout.jsonBytes`).
    package mutating func json(_ head: UnsafeBufferPointer<UInt8>, _ tail: UnsafeBufferPointer<UInt8>) {
        beforeValue()
        bytes.append(contentsOf: head)
        bytes.append(contentsOf: tail)
    }

    /// Members of the object being written, already written as JSON (by `members(_:)`).
    package mutating func members(_ json: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// Members of an object written on their own, without the braces, to be kept and written
    /// into objects by `members(_:)`.
    package static func members(_ body: (inout JSONOut) -> Void) -> [UInt8] {
        var out = JSONOut()
        out.open = [false]
        body(&out)
        return out.bytes
    }

    /// A key written in the source, such as `"part"`: a snake_case name that needs no escape,
    /// copied as it is (keys are a fifth of a report's JSON, and most are these).
    package mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A key made at run time (a field's id, a category's name); its value follows.
    package mutating func key(named name: String) {
        separate()
        raw(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    package mutating func string(_ text: String) {
        beforeValue()
        raw(text)
    }

    package mutating func int(_ number: Int) {
        beforeValue()
        bytes.appendDecimal(number)
    }

    package mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    package mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    package mutating func string(_ text: String?) { if let text { string(text) } else { null() } }
    package mutating func int(_ number: Int?) { if let number { int(number) } else { null() } }

    /// A nested value, written by its own type, or `null`.
    package mutating func write(_ value: (some JSONWritable)?) {
        if let value { value.write(to: &self) } else { null() }
    }

    /// A JSON string: `"` and `\` escaped, control characters as escapes, the rest as UTF-8.
    private mutating func raw(_ text: String) {
        // The usual case, a string that needs no escape, copied whole from its bytes in place.
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if plain == true { return }
        // A string that needs escapes, or (rarely) one whose bytes are not stored together.
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            let hex = Array("0123456789abcdef".utf8)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20, 0x7F:
                    bytes.append(contentsOf: [
                        0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

/// A type of the report that writes its own JSON, the same as its `Encodable` conformance.
package protocol JSONWritable: Encodable {
    func write(to out: inout JSONOut)
}

/// Compact JSON of a report value.
package enum JSONWriter {
    /// The value's JSON.
    package static func encode(_ value: some JSONWritable) -> String {
        var out = JSONOut()
        value.write(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
