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
