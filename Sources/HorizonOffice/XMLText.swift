/// Text for XML 1.0: escaped, and checked for the characters XML 1.0 cannot hold at all.
package enum XMLText {
    /// `& < > "` as entities, for element text and attribute values alike.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether XML 1.0 can hold the character (its `Char` production): tab, line feed,
    /// carriage return, and everything from U+0020 except U+FFFE and U+FFFF. (A Swift string
    /// holds no lone surrogate.)
    package static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The first character of `text` XML 1.0 cannot hold, if any.
    package static func firstForbidden(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !allowed($0) }
    }
}
