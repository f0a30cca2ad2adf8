/// How serious a finding is.
package enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case error
    case warning
    case info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary location attached to a finding, such as the first of two duplicate keys.
package struct Note: Hashable, Sendable {
    /// What the note says, lowercase, no trailing period.
    package var message: String
    /// Where it points.
    package var location: SourceLocation

    /// Creates a note.
    ///
    /// - Parameters:
    ///   - message: What the note says.
    ///   - location: Where it points.
    package init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

/// A problem found in the content of an input: the program keeps going and reports it.
///
/// Codes are stable kebab-case identifiers; messages are lowercase with no trailing period and
/// put values in quotes.
package struct Finding: Hashable, Sendable {
    /// Error, warning or info.
    package var severity: Severity
    /// A stable kebab-case code, such as `duplicate-key`.
    package var code: String
    /// The human message.
    package var message: String
    /// Where the finding points.
    package var location: SourceLocation
    /// The clause id the finding concerns, if any.
    package var clause: String?
    /// The field id the finding concerns, if any.
    package var field: String?
    /// Further locations worth showing.
    package var notes: [Note]

    /// Creates a finding.
    ///
    /// - Parameters:
    ///   - severity: Error, warning or info.
    ///   - code: A stable kebab-case code.
    ///   - message: The human message.
    ///   - location: Where the finding points.
    ///   - clause: The clause id the finding concerns.
    ///   - field: The field id the finding concerns.
    ///   - notes: Further locations.
    package init(
        _ severity: Severity, _ code: String, _ message: String, at location: SourceLocation,
        clause: String? = nil, field: String? = nil, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.clause = clause
        self.field = field
        self.notes = notes
    }

    /// The order findings are reported in: by location, then severity, then code and message.
    package static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

/// An input that cannot be read or understood: the command stops for that input (exit 2).
///
/// It carries a finding so that it prints the same way as every other problem.
package struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problem, with its location and code.
    package var finding: Finding

    /// Creates an input error.
    ///
    /// - Parameters:
    ///   - code: A stable kebab-case code.
    ///   - message: The human message.
    ///   - location: Where it points.
    ///   - notes: Further locations.
    package init(_ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        finding = Finding(.error, code, message, at: location, notes: notes)
    }

    /// `file:line:column: error[code] message`.
    package var description: String { finding.compilerStyle }
}

extension Finding {
    /// The finding in the compiler convention, notes on lines of their own.
    package var compilerStyle: String {
        var out = TextBuffer(capacity: 160)
        out.add(self)
        return out.string
    }
}
