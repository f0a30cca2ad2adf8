package import HorizonKit
package import HorizonModel

/// Finds, before a Word document is written, text from a contract or library file that XML 1.0
/// cannot hold (a control character written as a YAML escape, "\x01"): such a file is refused
/// with the place of the text, since a Word document holding it would not open.
package enum XMLSafety {
    /// The first scalar or key of a parsed file that holds a character XML 1.0 cannot hold.
    ///
    /// - Parameter node: A file's root node.
    /// - Returns: An error located at the text, or `nil`.
    package static func check(_ node: YAMLNode) -> InputError? {
        func message(_ scalar: Unicode.Scalar) -> String {
            let code = String(scalar.value, radix: 16, uppercase: true)
            return
                "this text holds the character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), which a Word document cannot hold: remove it (the other formats write it escaped)"
        }
        switch node.content {
        case .scalar(let text, _):
            if let bad = XMLText.firstForbidden(in: text) { return InputError("xml-forbidden-character", message(bad), at: node.location) }
        case .sequence(let items):
            for item in items { if let error = check(item) { return error } }
        case .mapping(let pairs):
            for pair in pairs {
                if let bad = XMLText.firstForbidden(in: pair.key) {
                    return InputError("xml-forbidden-character", message(bad), at: pair.keyLocation)
                }
                if let error = check(pair.value) { return error }
            }
        }
        return nil
    }
}
