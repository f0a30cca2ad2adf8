package import HorizonModel

/// A node of a YAML document, with the place it starts.
///
/// Scalars stay text: the schema that reads a node types it, so `no` in a text field is the
/// text "no" and `012` in a count is an error rather than octal.
package struct YAMLNode: Sendable {
    /// What a node holds.
    package enum Content: Sendable {
        /// Text, and whether it was written plain (unquoted, not a block scalar).
        case scalar(String, plain: Bool)
        /// Items in order.
        case sequence([YAMLNode])
        /// Key/value pairs in document order. Keys are unique: the reader rejects duplicates.
        case mapping([YAMLPair])
    }

    /// What the node holds.
    package var content: Content
    /// Where the node starts.
    package var location: SourceLocation

    /// Creates a node.
    ///
    /// - Parameters:
    ///   - content: What the node holds.
    ///   - location: Where the node starts.
    package init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// True for a plain empty scalar, `~` or `null`: a key written with no value.
    package var isNull: Bool {
        if case .scalar(var text, plain: true) = content {
            return text.withUTF8(YAMLNode.isNullWord)
        }
        return false
    }

    /// YAML's plain null: nothing, `~`, `null`, `Null` or `NULL`, compared as bytes.
    static func isNullWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4:
            let n = UInt8(ascii: "n"), u = UInt8(ascii: "u"), l = UInt8(ascii: "l")
            let capitalN = UInt8(ascii: "N"), capitalU = UInt8(ascii: "U"), capitalL = UInt8(ascii: "L")
            let rest = (bytes[1], bytes[2], bytes[3])
            if bytes[0] == n { return rest == (u, l, l) }
            return bytes[0] == capitalN && (rest == (u, l, l) || rest == (capitalU, capitalL, capitalL))
        default: return false
        }
    }

    /// A short name for the kind of node, for messages ("a list", "a map", "text").
    package var kindName: String {
        switch content {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a map"
        }
    }
}

/// One entry of a YAML mapping.
package struct YAMLPair: Sendable {
    /// The key's text.
    package var key: String
    /// Where the key starts.
    package var keyLocation: SourceLocation
    /// The value.
    package var value: YAMLNode

    /// Creates a pair.
    ///
    /// - Parameters:
    ///   - key: The key's text.
    ///   - keyLocation: Where the key starts.
    ///   - value: The value.
    package init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// Bounds on what the readers accept, so that no input can exhaust time or memory.
package struct ReadLimits: Sendable, Hashable {
    /// The largest input, in bytes. A larger file is refused before it is parsed.
    package var maxBytes: Int
    /// The deepest nesting of lists and maps.
    package var maxDepth: Int
    /// The most nodes one document may hold.
    package var maxNodes: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maxBytes: The largest input, in bytes.
    ///   - maxDepth: The deepest nesting.
    ///   - maxNodes: The most nodes (values, keys, CSV cells) in one document. A return holds about
    ///     120; 100,000 keeps the peak memory of `horizon check` under 100 MB for any input within
    ///     the default `--max-input-size` (measured in `MemoryCLITests`), where 200,000 reached 99 MB.
    package init(maxBytes: Int = ReadLimits.defaultMaxBytes, maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// 4 MiB: a quarterly return is a few kilobytes, the whole clause library well under 1 MiB.
    package static let defaultMaxBytes = 4 << 20

    /// The defaults.
    package static let standard = ReadLimits()
}
