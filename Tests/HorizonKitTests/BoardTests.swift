import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The board's summaries (issue #16), worked out from a run's tracker: who stands how, by
/// supplier, service, tier and clause, and the totals a resubmission or an earlier period's
/// return must not count in.
@Suite("The board")
struct BoardTests {
    static let good = try! String(
        contentsOf: CheckFixtures.contracts.appendingPathComponent("returns/hrs-2027-q2-good.yaml"), encoding: .utf8)

    /// The good housing return, resubmitted on `date` with `trained` staff of 40 in scope.
    static func variant(submitted date: String, trained: Int) throws -> DocumentReport {
        let text = good.replacingOccurrences(of: "submitted_on: 2027-10-14", with: "submitted_on: \(date)")
            .replacingOccurrences(of: "trained: 33,", with: "trained: \(trained),")
        return try CheckFixtures.check(text: text, file: "r-\(date).yaml")
    }

    @Test func aStatusTalliesAtItsPlace() {
        for (i, status) in RequirementStatus.allCases.enumerated() { #expect(status.index == i, "\(status)") }
    }

    /// Given earlier first, a superseded return's report has gone out; its figures must still
    /// leave the run's KPI totals, and its statuses the board.
    @Test(arguments: [true, false])
    func aSupersededReturnLeavesEveryTotal(earlierFirst: Bool) throws {
        let earlier = try Self.variant(submitted: "2027-10-14", trained: 10)
        let later = try Self.variant(submitted: "2027-10-20", trained: 36)
        var tracker = PortfolioTracker()
        for report in earlierFirst ? [earlier, later] : [later, earlier] { _ = tracker.record(report) }
        let training = try #require(tracker.kpis.first { $0.kpi.clause == "DA-TRN-1" })
        #expect(training.part == 36 && training.whole == 40 && training.returns == 1)
        #expect(tracker.superseded.count == 1 && tracker.total == 2 && tracker.counts[.compliant] == 1)
        let contract = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        let board = Board(tracker, contracts: [contract], defective: [:], quarter: nil, titles: [:])
        #expect(board.contracts.map(\.standing) == [.compliant] && board.contracts.first?.returns == 1)
        #expect(board.byClause.allSatisfy { $0.notMet == 0 }, "the earlier return's shortfall is not counted")
    }

    /// A contract stands as its worst counted return, whichever comes first: a compliant
    /// return for one period does not hide a non-compliant one for another.
    @Test(arguments: [true, false])
    func aContractStandsAsItsWorstReturn(failingFirst: Bool) throws {
        let good = try CheckFixtures.check(text: Self.good, file: "q2.yaml")
        let earlier = Self.good.replacingOccurrences(of: "period_start: 2027-07-01", with: "period_start: 2027-04-01")
            .replacingOccurrences(of: "period_end: 2027-09-30", with: "period_end: 2027-06-30")
            .replacingOccurrences(of: "submitted_on: 2027-10-14", with: "submitted_on: 2027-07-14")
            .replacingOccurrences(of: "trained: 33,", with: "trained: 10,")
        let failing = try CheckFixtures.check(text: earlier, file: "q1.yaml")
        #expect(good.verdict == .compliant && failing.verdict == .nonCompliant)
        var tracker = PortfolioTracker()
        for report in failingFirst ? [failing, good] : [good, failing] { _ = tracker.record(report) }
        let contract = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        let board = Board(tracker, contracts: [contract], defective: [:], quarter: nil, titles: [:])
        #expect(board.contracts.map(\.standing) == [.nonCompliant] && board.contracts.first?.returns == 2)
        #expect(tracker.contractVerdicts == [contract.reference: .nonCompliant])
    }

    /// A quarter counts only its own returns: one for an earlier period is reported, not
    /// counted, and so is one for a later period.
    @Test(arguments: [("2027-10-01", "2027-12-31"), ("2027-04-01", "2027-06-30")])
    func aReturnForAnotherPeriodIsNotTheQuarters(from: String, to: String) throws {
        var tracker = PortfolioTracker()
        tracker.quarter = (CivilDate(iso: from)!, CivilDate(iso: to)!)
        _ = tracker.record(try Self.variant(submitted: "2027-10-14", trained: 10))
        #expect(tracker.kpis.isEmpty, "no KPI of an earlier period in the quarter's ratings")
        #expect(tracker.contractVerdicts.isEmpty)
        let contract = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        let outcome = QuarterOutcome(tracker, contracts: [contract], locations: [:])
        let board = Board(tracker, contracts: [contract], defective: [:], quarter: outcome, titles: [:])
        #expect(board.contracts.first?.standing == .missing && board.contracts.first?.missing == 1)
        #expect(board.byClause.isEmpty)
    }

    /// Groups and clauses come worst first; partly met counts as short of the duty.
    @Test func theWorstComeFirst() throws {
        let bad = try CheckFixtures.check(
            try CheckFixtures.bytes(CheckFixtures.contracts.appendingPathComponent("returns/hrs-2027-q2-bad.yaml")),
            file: "bad.yaml"
        ).1
        var tracker = PortfolioTracker()
        _ = tracker.record(bad)
        let housing = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        let refuse = try CheckFixtures.contract("Contracts/refuse-collection.yaml")
        let board = Board(tracker, contracts: [refuse, housing], defective: ["X-1": "x.yaml"], quarter: nil, titles: [:])
        #expect(board.bySupplier.first?.name == housing.supplier && board.bySupplier.first?.failing == 1)
        #expect(board.bySupplier.last?.name == refuse.supplier && board.bySupplier.last?.count(.noReturns) == 1)
        #expect(board.contracts.map(\.reference) == ["BHCC-2026-HRS-014", "ESCC-2026-REF-003", "X-1"])
        #expect(board.contracts.last?.standing == .defective && board.contracts.last?.supplier == nil)
        #expect(board.bySupplier.count == 2, "a defective contract is in no group")
        let shortfalls = board.byClause.map(\.notMet)
        #expect(shortfalls == shortfalls.sorted(by: >) && shortfalls.first! > 0)
        let policy = try #require(board.byClause.first { $0.clause == "DA-POL-1" })
        #expect(
            policy.count(.partlyMet) == 1 && policy.notMet == policy.count(.partlyMet) + policy.count(.dataMissing) + policy.count(.notMet))
        let statuses = bad.statuses
        let short = statuses.filter { $0 == .notMet || $0 == .dataMissing || $0 == .partlyMet }.count
        #expect(board.contracts.first?.notMet == short && board.contracts.first?.met == statuses.filter { $0 == .met }.count)
    }
}
