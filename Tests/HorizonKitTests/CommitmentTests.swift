import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// What each rule kind says a bid commits to against the contract's minimum (`compare-bids`,
/// issue #16): the value as written, the minimum in words and the margin. A rule file's
/// `commitment` is part of its behaviour, so `Scripts/mutate`'s mutants of it must fail here.
@Suite("Bid commitments")
struct CommitmentTests {
    static func commitments(_ bid: String, contract: String) throws -> [String: Commitment] {
        let url = CheckFixtures.contracts.appendingPathComponent("bids/\(bid)")
        let report = try CheckFixtures.check(try CheckFixtures.bytes(url), file: bid, contract: contract).1
        #expect(report.kind == .bid)
        return Dictionary(report.commitments.map { ($0.requirement, $0.commitment) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func atLeastAtMostAndIsTrue() throws {
        let good = try Self.commitments("das-bid-good.yaml", contract: "Contracts/specialist-domestic-abuse.yaml")
        // at_least against a parameter: 90 of at least 80.
        #expect(
            good["bid-qualified"]
                == Commitment(field: "specialist.commit_qualified_percent", committed: "90", minimum: "at least 80", margin: 10))
        // at_most against a parameter: 22 cases of at most 25, 3 to spare.
        #expect(good["bid-caseload"] == Commitment(field: "specialist.commit_max_cases", committed: "22", minimum: "at most 25", margin: 3))
        #expect(good["bid-marac"] == Commitment(field: "marac.participate", committed: "yes", minimum: "yes", margin: nil))
        // adopted_by, in place now: the whole allowance to spare.
        #expect(good["bid-policy"]?.committed == "in place" && good["bid-policy"]?.minimum == "by 2026-10-31")
        #expect((good["bid-policy"]?.margin ?? 0) > 0)
    }

    @Test func shortOfTheMinimum() throws {
        let bad = try Self.commitments("hrs-bid-bad.yaml", contract: "Contracts/housing-related-support.yaml")
        #expect(bad["bid-training"] == Commitment(field: "training.commit_percent", committed: "70", minimum: "at least 80", margin: -10))
        // No policy and no date: nothing committed, and no margin.
        #expect(bad["bid-policy"] == Commitment(field: "policy.in_place_by", committed: nil, minimum: "by 2026-06-30", margin: nil))
    }

    @Test func aDateWithinTheDeadline() throws {
        let dated = try Self.commitments("dwa-bid-good.yaml", contract: "Contracts/debt-and-welfare-advice.yaml")
        #expect(
            dated["bid-policy"] == Commitment(field: "policy.in_place_by", committed: "2026-08-31", minimum: "by 2026-09-28", margin: 28))
    }

    /// A return makes no commitments: only a bid is compared.
    @Test func aReturnCommitsToNothing() throws {
        let url = CheckFixtures.contracts.appendingPathComponent("returns/hrs-2027-q2-good.yaml")
        let report = try CheckFixtures.check(try CheckFixtures.bytes(url), file: "r.yaml").1
        #expect(report.commitments.isEmpty)
    }
}
