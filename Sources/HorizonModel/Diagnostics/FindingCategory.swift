/// What kind of problem a finding is, so that a board can tell "did not train staff" from
/// "typed a date wrongly" (issue #16): the duty itself (`performance`), the data (`data-quality`),
/// when the return came (`timeliness`), personal data (`privacy`), or the policy file
/// (`evidence`). Decided by the finding's code: a code a clause's rule gives is performance; a
/// code of reading, of a contract or of a document's shape is data quality, and so is a rule's
/// code for a figure that exceeds another it is part of; the rest by name.
package enum FindingCategory: String, Sendable, CaseIterable {
    case performance
    case dataQuality = "data-quality"
    case timeliness
    case privacy
    case evidence

    /// Codes whose category is not what their area says.
    static let named: [String: FindingCategory] = [
        "personal-data": .privacy, "return-holds-personal-data": .privacy, "small-number": .privacy,
        "evidence-missing": .evidence, "evidence-outside-folder": .evidence, "evidence-digest-mismatch": .evidence,
        "no-evidence-folder": .evidence,
        "late-submission": .timeliness, "submitted-before-period-end": .timeliness, "return-missing": .timeliness,
        "return-for-earlier-period": .timeliness, "duplicate-period": .timeliness, "return-superseded": .dataQuality,
        "count-fell": .performance,
    ]

    /// The category of a finding's code.
    package static func of(_ code: String) -> FindingCategory {
        if let category = named[code] { return category }
        if registered.contains(code) { return .dataQuality }
        // A rule's figure that exceeds another it is part of (41 trained of 38 in scope) is a
        // figure that cannot be: a slip in the data, not a duty failed. The library names these
        // codes "…-exceeds-…" (a test holds it to that).
        return code.contains("-exceeds-") || code.contains("-exceed-") ? .dataQuality : .performance
    }

    /// The categories of a document's errors, as a set of bits (one a category, in the order
    /// of `allCases`): what a run keeps of each return to say why its contract is failing.
    package static func mask(ofErrors findings: [Finding]) -> UInt8 {
        var mask: UInt8 = 0
        for finding in findings where finding.severity == .error { mask |= of(finding.code).bit }
        return mask
    }

    /// The categories of a mask, in the order of `allCases`.
    package static func categories(in mask: UInt8) -> [FindingCategory] { allCases.filter { mask & $0.bit != 0 } }

    /// This category's bit in a mask.
    package var bit: UInt8 { 1 << UInt8(Self.allCases.firstIndex(of: self)!) }

    /// Every code of the registry (reading, library, contract and document codes): a code not
    /// among them is a clause rule's.
    static let registered: Set<String> = Set(FindingCodes.all.map(\.code))
}
