internal import Foundation

/// Writing values into CSV.
package enum CSVText {
    /// The characters that make a spreadsheet read a cell as a formula (OWASP's CSV-injection
    /// guidance): a cell starting with one is written with an apostrophe before it, which a
    /// spreadsheet shows as text, and which `check` reads back as the original text.
    /// Scalars, not characters: "\r\n" is one `Character`, and must still count as a carriage return.
    package static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether `text`, after any apostrophes it starts with, starts with a formula character. The
    /// writer puts one apostrophe before such a text, the reader takes one off: so a name that
    /// itself starts "'-" is written "''-" and reads back as "'-".
    package static func startsFormula(_ text: String) -> Bool {
        text.unicodeScalars.first { $0 != "'" }.map { formulaStarts.contains($0) } == true
    }

    package static func quote(_ text: String) -> String {
        let text = startsFormula(text) ? "'" + text : text
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
