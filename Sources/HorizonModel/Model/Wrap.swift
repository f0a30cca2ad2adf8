/// Word wrapping for plain-text output.
package enum Wrap {
    /// Wraps text at word boundaries.
    ///
    /// - Parameters:
    ///   - text: The text; runs of white space become single spaces.
    ///   - width: The widest line, indent included.
    ///   - indent: Put before every line.
    ///   - firstIndent: Put before the first line instead of `indent`.
    /// - Returns: The wrapped lines joined by newlines.
    package static func lines(_ text: String, width: Int = 96, indent: String = "", firstIndent: String? = nil) -> String {
        var lines: [String] = []
        var current = firstIndent ?? indent
        var empty = true
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            if !empty && current.count + 1 + word.count > width {
                lines.append(current)
                current = indent
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}
