import Foundation

/// How far a document meets one requirement.
public enum RequirementStatus: String, Sendable, Hashable, CaseIterable {
    case met
    case notMet = "not met"
    case partlyMet = "partly met"
    case notYetDue = "not yet due"
    case notApplicable = "not applicable"

    /// The JSON spelling: kebab-case.
    public var code: String { rawValue.replacingOccurrences(of: " ", with: "-") }
}

/// The judgement of one requirement.
public struct RequirementResult: Sendable, Hashable {
    /// The clause id.
    public var clause: String
    /// The clause's number in the generated contract, such as "4.1".
    public var number: String
    /// The requirement id within the clause, or "-" for a clause with no requirement of this
    /// document kind.
    public var requirement: String
    /// What the requirement asks.
    public var summary: String
    public var status: RequirementStatus
}

/// The overall verdict on a document.
public enum Verdict: String, Sendable, Hashable {
    case compliant
    case nonCompliant = "non-compliant"
    case invalid
}

/// Everything the checker says about one document.
public struct DocumentReport: Sendable {
    public var file: String
    public var kind: DocumentKind?
    /// The contract reference the document was judged against.
    public var contract: String
    public var periodStart: CivilDate?
    public var periodEnd: CivilDate?
    public var sha256: String?
    public var verdict: Verdict
    public var requirements: [RequirementResult]
    /// Sorted by location.
    public var findings: [Finding]
    /// The requirement table's fixed text, worked out once per contract and kind of document;
    /// the text report uses it while `requirements` are the rows it was made for.
    var layout: RequirementLayout? = nil

    /// A report for a document that could not be read.
    ///
    /// - Parameters:
    ///   - file: The file.
    ///   - contract: The contract reference.
    ///   - error: Why it could not be read.
    public static func invalid(file: String, contract: String, error: InputError) -> DocumentReport {
        DocumentReport(file: file, kind: nil, contract: contract, periodStart: nil, periodEnd: nil, sha256: nil, verdict: .invalid,
            requirements: [], findings: [error.finding])
    }
}

/// The fixed text of a contract's requirement table for one kind of document: the heading and,
/// for each row, everything before the status, padded as the text report pads them.
final class RequirementLayout: Sendable {
    let heading: String
    let prefixes: [String]
    let rows: [(clause: String, number: String, requirement: String)]

    init(rows: [(clause: String, number: String, requirement: String)]) {
        self.rows = rows
        var idWidth = 6
        for row in rows { idWidth = max(idWidth, row.clause.count + 1 + row.requirement.count) }
        var heading = "  clause  "
        heading.append(padding: "requirement", to: idWidth)
        heading += "  status\n"
        self.heading = heading
        prefixes = rows.map { row in
            var line = "  "
            line.append(padding: row.number, to: 6)
            line += "  "
            line += row.clause
            line += " "
            line.append(padding: row.requirement, to: idWidth - row.clause.count - 1)
            line += "  "
            return line
        }
    }

    /// Whether these are the rows of `results`, in order.
    func fits(_ results: [RequirementResult]) -> Bool {
        guard results.count == rows.count else { return false }
        for (row, result) in zip(rows, results)
        where row.clause != result.clause || row.number != result.number || row.requirement != result.requirement {
            return false
        }
        return true
    }
}
