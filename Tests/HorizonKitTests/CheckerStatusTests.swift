import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The status of chosen requirements in chosen documents: met, not met, partly met, not yet
/// due, not applicable (README "A requirement is met when …").
@Suite("Checker requirement statuses")
struct CheckerStatusTests {
    /// One row of the table: a document, a requirement and the status it must have.
    struct Row: CustomTestStringConvertible, Sendable {
        /// A fixture name in `Fixtures/check`, or a path from the package root (`Contracts/…`).
        var document: String
        var clause: String
        var requirement: String
        var status: RequirementStatus

        var testDescription: String { "\(document): \(clause) \(requirement) is \(status.rawValue)" }
    }

    static let rows: [Row] = [
        // met
        Row(document: "compliant-return.yaml", clause: "DA-TRN-1", requirement: "training-target", status: .met),
        Row(document: "training-on-target.yaml", clause: "DA-TRN-1", requirement: "training-target", status: .met),
        Row(document: "policy-adopted-late.yaml", clause: "DA-POL-1", requirement: "policy-adopted", status: .met),
        Row(document: "policy-review-boundary.yaml", clause: "DA-POL-4", requirement: "policy-reviewed", status: .met),
        Row(document: "bid-policy-in-time.yaml", clause: "DA-POL-1", requirement: "bid-policy", status: .met),
        Row(document: "Contracts/bids/dwa-bid-good.yaml", clause: "DA-POL-1", requirement: "bid-policy", status: .met),
        Row(document: "compliant-specialist-return.yaml", clause: "DA-CASE-1", requirement: "past-help-target", status: .met),
        Row(document: "small-number.yaml", clause: "DA-ASK-2", requirement: "referral-figures", status: .met),
        // not met
        Row(document: "training-below-target.yaml", clause: "DA-TRN-1", requirement: "training-target", status: .notMet),
        Row(document: "policy-not-in-place.yaml", clause: "DA-POL-1", requirement: "policy-adopted", status: .notMet),
        Row(document: "policy-adopted-after-period.yaml", clause: "DA-POL-1", requirement: "policy-adopted", status: .notMet),
        Row(document: "evidence-digest-mismatch.yaml", clause: "DA-POL-1", requirement: "policy-evidence", status: .notMet),
        Row(document: "evidence-missing.yaml", clause: "DA-POL-1", requirement: "policy-evidence", status: .notMet),
        Row(document: "no-sharing-agreement.yaml", clause: "DA-DATA-2", requirement: "sharing-agreement", status: .notMet),
        Row(document: "referrals-exceed-disclosures.yaml", clause: "DA-ASK-2", requirement: "referral-figures", status: .notMet),
        // A field given but unreadable: a slip in the data, not a duty failed on the figures.
        Row(document: "wrong-type-bool.yaml", clause: "DA-POL-1", requirement: "policy-adopted", status: .dataMissing),
        Row(document: "wrong-type-structure.yaml", clause: "DA-POL-2", requirement: "lead-named", status: .dataMissing),
        Row(document: "bid-policy-deadline.yaml", clause: "DA-POL-1", requirement: "bid-policy", status: .notMet),
        Row(document: "bid-training-below-target.yaml", clause: "DA-TRN-1", requirement: "bid-training", status: .notMet),
        Row(document: "past-help-not-checked.yaml", clause: "DA-CASE-1", requirement: "past-help-target", status: .notMet),
        // data missing
        Row(document: "missing-field-bid.yaml", clause: "DA-POL-2", requirement: "bid-lead-named", status: .dataMissing),
        // partly met
        Row(document: "referrals-exceed-disclosures-one.yaml", clause: "DA-ASK-2", requirement: "referral-figures", status: .partlyMet),
        Row(document: "in-scope-exceeds-headcount.yaml", clause: "DA-TRN-1", requirement: "training-figures", status: .partlyMet),
        Row(document: "policy-element-unmapped.yaml", clause: "DA-POL-1", requirement: "policy-elements", status: .partlyMet),
        Row(document: "actions-reviewed-exceed-set.yaml", clause: "DA-CASE-2", requirement: "action-figures", status: .partlyMet),
        Row(document: "feel-safer-exceeds-responses.yaml", clause: "DA-FB-1", requirement: "feedback-figures", status: .partlyMet),
        // not yet due
        Row(document: "training-below-target-not-yet-due.yaml", clause: "DA-TRN-1", requirement: "training-target", status: .notYetDue),
        Row(document: "policy-not-yet-due.yaml", clause: "DA-POL-1", requirement: "policy-adopted", status: .notYetDue),
        // not applicable
        Row(document: "training-none-in-scope.yaml", clause: "DA-TRN-1", requirement: "training-target", status: .notApplicable),
        Row(document: "compliant-bid.yaml", clause: "DA-POL-4", requirement: "-", status: .notApplicable),
        Row(document: "compliant-specialist-bid.yaml", clause: "DA-ASK-3", requirement: "-", status: .notApplicable),
        Row(document: "Contracts/bids/ref-bid-good.yaml", clause: "DA-STAFF-2", requirement: "-", status: .notApplicable),
    ]

    @Test("requirement status", arguments: rows)
    func status(_ row: Row) throws {
        let report = try Self.report(row.document)
        let status = try #require(report.status(row.clause, row.requirement), "no requirement \(row.clause) \(row.requirement)")
        #expect(status == row.status, "findings:\n\(report.findingLines)")
    }

    /// A compliant document has every requirement met or not applicable; the table lists every
    /// clause of the contract in order, one row a requirement of the document's kind.
    @Test(arguments: ["compliant-return.yaml", "compliant-bid.yaml", "compliant-specialist-return.yaml", "compliant-basic-return.yaml"])
    func compliantDocumentsMeetEveryRequirement(_ name: String) throws {
        let report = try Self.report(name)
        #expect(report.verdict == .compliant)
        #expect(
            report.requirements.allSatisfy { $0.status == .met || $0.status == .notApplicable },
            "\(report.requirements.filter { $0.status != .met }.map { "\($0.clause) \($0.requirement): \($0.status.rawValue)" })")
        let expectation = try CheckExpectation.load(CheckFixtures.folder.appendingPathComponent(name), name: name)
        let contract = try CheckFixtures.contract(expectation.contract)
        var clauses: [String] = []
        for result in report.requirements where clauses.last != result.clause { clauses.append(result.clause) }
        #expect(clauses == contract.clauses.map(\.id))
        #expect(report.requirements.allSatisfy { contract.numbers[$0.clause] == $0.number })
    }

    /// Checks a fixture (against the contract its directive names) or an example under
    /// `Contracts/` (against the contract of its header), with `Contracts/evidence`.
    static func report(_ document: String) throws -> DocumentReport {
        if document.hasPrefix("Contracts/") {
            let url = Fixtures.packageRoot.appendingPathComponent(document)
            let bytes = try CheckFixtures.bytes(url)
            let parsed = try DocumentReader.parse(bytes, file: url.lastPathComponent)
            let reference = try #require(parsed.values["\(parsed.kind.rawValue).contract"]?.text)
            let contract = try #require(try CheckExamples.contractPath(for: reference))
            return try CheckFixtures.check(bytes, file: url.lastPathComponent, contract: contract, evidence: try CheckFixtures.evidence()).1
        }
        let url = CheckFixtures.folder.appendingPathComponent(document)
        let expectation = try CheckExpectation.load(url, name: document)
        return try CheckFixtures.check(
            try CheckFixtures.bytes(url), file: document, contract: expectation.contract,
            evidence: try CheckFixtures.evidence()
        ).1
    }
}
