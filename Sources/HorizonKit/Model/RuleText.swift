/// Plain-English descriptions of rules, shared by `horizon explain` and the reporting annex.
public enum RuleText {
    /// Describes a rule.
    ///
    /// - Parameters:
    ///   - kind: The rule.
    ///   - value: The contract's value of a parameter, or `nil` to show the parameter's name.
    /// - Returns: Such as "training.trained is at least 80% of training.staff_in_scope".
    public static func describe(_ kind: RuleKind, for document: DocumentKind? = nil, value: (String) -> String? = { _ in nil }) -> String {
        func p(_ name: String) -> String { value(name) ?? "{\(name)}" }
        func operand(_ limit: Operand) -> String {
            switch limit {
            case .field(let id): id
            case .parameter(let name): p(name)
            }
        }
        switch kind {
        case .isTrue(let field):
            return "\(field) is true"
        case .atMost(let field, let limit):
            return "\(field) is at most \(operand(limit))"
        case .atLeast(let field, let limit):
            return "\(field) is at least \(operand(limit))"
        case .percentAtLeast(let part, let whole, let target, let from):
            let phase = from.map { " from \(p($0)) months after the start (a shortfall before then is a warning)" } ?? ""
            return "\(part) is at least \(p(target))% of \(whole)\(phase)"
        case .adoptedBy(let flag, let date, let days):
            switch document {
            case .bid?: return "\(flag) is true, or else \(date) is no later than \(p(days)) days after the start"
            case .return?: return "\(flag) is true by \(p(days)) days after the start, with \(date) the date of adoption"
            case nil: return "in a return, \(flag) is true by \(p(days)) days after the start (\(date) the date of adoption); in a bid, \(flag) is true or else \(date) is no later than that"
            }
        case .withinMonths(let field, let months):
            return "\(field) is no more than \(p(months)) months before the period end"
        case .mapped(let fields):
            return "each of \(fields.count) fields is filled in: " + fields.joined(separator: ", ")
        case .evidence(let document, let digest):
            return "the file named by \(document) is in the evidence folder and its SHA-256 equals \(digest)"
        }
    }
}

/// Word wrapping for plain-text output.
public enum Wrap {
    /// Wraps text at word boundaries.
    ///
    /// - Parameters:
    ///   - text: The text; runs of white space become single spaces.
    ///   - width: The widest line, indent included.
    ///   - indent: Put before every line.
    ///   - firstIndent: Put before the first line instead of `indent`.
    /// - Returns: The wrapped lines joined by newlines.
    public static func lines(_ text: String, width: Int = 96, indent: String = "", firstIndent: String? = nil) -> String {
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
