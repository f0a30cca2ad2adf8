internal import Foundation

extension String {
    /// The text without leading and trailing white space and line breaks. Returns the text
    /// itself, with no copy, in the usual case where there is none to remove.
    package var trimmed: String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        // The usual case, asked of the bytes in place: every value of every document is trimmed.
        let plain = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return !isSpace(first) && !isSpace(last) && first < 0x80 && last < 0x80
        }
        if plain == true { return self }
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !isSpace(first) && !isSpace(last) && first < 0x80 && last < 0x80 { return self }
        var scalars = Substring(self).unicodeScalars[...]
        while let c = scalars.first, c.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let c = scalars.last, c.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The text with its first character in lower case, for a summary used inside a sentence.
    package var lowercasedFirst: String {
        guard let first else { return self }
        // An acronym ("SHA-256 digest", "NI number") keeps its capitals.
        if let second = dropFirst().first, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }

    /// At most 40 characters, for quoting a user's value in a message.
    package var clipped: String {
        // Most values quoted in messages are short and on one line.
        if utf8.count <= 40 && !utf8.contains(0x0A) { return self }
        let oneLine = replacingOccurrences(of: "\n", with: " ")
        return oneLine.count > 40 ? String(oneLine.prefix(37)) + "..." : oneLine
    }
}

extension String {
    /// The text safe to print to a terminal: control characters (C0, DEL, C1) and the
    /// characters that reorder text (bidirectional embeddings, overrides and isolates) shown as
    /// `\u{1b}`, so that a value, key or file name from an input can neither drive the terminal
    /// nor disguise a line. Text of printable ASCII alone is returned as it is.
    package var terminalSafe: String {
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if Self.isTerminalUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether a character may not reach a terminal raw.
    package static func isTerminalUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0: true  // C0 and line breaks, DEL, C1
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional controls
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends an integer in decimal, as `String(number)` spells it, without making a string:
    /// reports write several numbers for every document.
    package mutating func appendDecimal(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var unit: UInt = 1
        while magnitude / unit >= 10 { unit *= 10 }
        repeat {
            append(UInt8(truncatingIfNeeded: 0x30 + magnitude / unit))
            magnitude %= unit
            unit /= 10
        } while unit > 0
    }
}
