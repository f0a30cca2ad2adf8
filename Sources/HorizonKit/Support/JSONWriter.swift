internal import HorizonModel

/// A JSON encoder for `Encodable` values that writes compact JSON bytes in the order the keys
/// are encoded (the declaration order of synthesised conformances), with no intermediate tree.
///
/// Foundation's `JSONEncoder` gives the same text, but measured on a check report of 35
/// requirements and 3 findings it took about 100 µs, more than the rest of the check of that
/// document put together; this writer takes a fraction of that. It supports what the report
/// types use: keyed and unkeyed containers, strings, booleans, integers, nil, nesting.
public struct JSONWriter {
    /// Encodes a value as compact JSON.
    ///
    /// - Parameter value: The value.
    /// - Returns: The JSON text.
    public static func encode(_ value: some Encodable) -> String {
        let sink = Sink()
        // The encoder below never throws: every value it meets has a JSON form.
        try? encodeValue(value, sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The bytes written so far, shared by the containers of one encoding, with the containers
/// still open. A container is closed when a shallower one writes again, or when the
/// `encode(to:)` that opened it returns: never by reference counting, which may release a
/// container before a nested one it made is written.
final class Sink {
    var bytes: [UInt8] = []
    /// For each open container: the byte that closes it, and whether it has a member yet.
    var open: [(closing: UInt8, hasMember: Bool)] = []

    init() { bytes.reserveCapacity(4096) }

    /// Opens a container; returns its level, which its writes pass to `at(_:)`.
    func open(_ byte: UInt8) -> Int {
        bytes.append(byte)
        open.append((byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"), false))
        return open.count
    }

    /// Closes every container deeper than `level`.
    func close(deeperThan level: Int) {
        while open.count > level { bytes.append(open.removeLast().closing) }
    }

    /// Before a write by the container at `level`: closes deeper ones, and puts a comma
    /// before every member but the first.
    func at(_ level: Int) {
        close(deeperThan: level)
        guard level > 0 else { return }
        if open[level - 1].hasMember { bytes.append(UInt8(ascii: ",")) } else { open[level - 1].hasMember = true }
    }

    func key(_ key: String, _ level: Int) {
        at(level)
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as UTF-8.
    func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

struct WriterEncoder: Encoder {
    let sink: Sink
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(sink: sink))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(sink: sink)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(sink: sink) }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: Sink
    /// This container's level in `sink.open`.
    let level: Int
    var codingPath: [any CodingKey] = []

    init(sink: Sink) {
        self.sink = sink
        level = sink.open(UInt8(ascii: "{"))
    }

    mutating func encodeNil(forKey key: Key) throws {
        sink.key(key.stringValue, level)
        sink.raw("null")
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        sink.key(key.stringValue, level)
        sink.raw(value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        sink.key(key.stringValue, level)
        sink.string(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        sink.key(key.stringValue, level)
        sink.raw(String(value))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        sink.key(key.stringValue, level)
        sink.raw(value.isFinite ? String(value) : "null")
    }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        sink.key(key.stringValue, level)
        try encodeValue(value, sink)
    }
    // Optionals are written as null rather than left out: the report's shape is fixed.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        sink.key(key.stringValue, level)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(sink: sink))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        sink.key(key.stringValue, level)
        return UnkeyedWriter(sink: sink)
    }
    mutating func superEncoder() -> any Encoder { WriterEncoder(sink: sink) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        sink.key(key.stringValue, level)
        return WriterEncoder(sink: sink)
    }
}

struct UnkeyedWriter: UnkeyedEncodingContainer {
    let sink: Sink
    /// This container's level in `sink.open`.
    let level: Int
    var codingPath: [any CodingKey] = []
    var count = 0

    init(sink: Sink) {
        self.sink = sink
        level = sink.open(UInt8(ascii: "["))
    }

    mutating func encodeNil() throws {
        sink.at(level)
        sink.raw("null")
        count += 1
    }
    mutating func encode(_ value: String) throws {
        sink.at(level)
        sink.string(value)
        count += 1
    }
    mutating func encode(_ value: Int) throws {
        sink.at(level)
        sink.raw(String(value))
        count += 1
    }
    mutating func encode(_ value: Bool) throws {
        sink.at(level)
        sink.raw(value ? "true" : "false")
        count += 1
    }
    mutating func encode(_ value: some Encodable) throws {
        sink.at(level)
        try encodeValue(value, sink)
        count += 1
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sink.at(level)
        count += 1
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(sink: sink))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.at(level)
        count += 1
        return UnkeyedWriter(sink: sink)
    }
    mutating func superEncoder() -> any Encoder {
        sink.at(level)
        count += 1
        return WriterEncoder(sink: sink)
    }
}

struct SingleWriter: SingleValueEncodingContainer {
    let sink: Sink
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws { sink.raw("null") }
    mutating func encode(_ value: Bool) throws { sink.raw(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { sink.string(value) }
    mutating func encode(_ value: Int) throws { sink.raw(String(value)) }
    mutating func encode(_ value: Double) throws { sink.raw(value.isFinite ? String(value) : "null") }
    mutating func encode(_ value: some Encodable) throws { try encodeValue(value, sink) }
}

/// Encodes a nested value; strings, integers and booleans directly, anything else through its
/// own `encode(to:)`, closing the containers it opened when it returns.
func encodeValue(_ value: some Encodable, _ sink: Sink) throws {
    switch value {
    case let text as String: sink.string(text)
    case let number as Int: sink.raw(String(number))
    case let flag as Bool: sink.raw(flag ? "true" : "false")
    default:
        let level = sink.open.count
        try value.encode(to: WriterEncoder(sink: sink))
        sink.close(deeperThan: level)
    }
}
