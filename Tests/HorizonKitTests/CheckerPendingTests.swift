import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Before the policy deadline, a return without a policy reports the policy's requirements as
/// not yet due, and says nothing is missing.
@Suite("Checker: a policy not yet due")
struct CheckerPendingTests {
    @Test("the policy's requirements are not yet due, and the return complies")
    func pendingPolicy() throws {
        let url = Fixtures.root.appendingPathComponent("check/policy-pending.yaml")
        let (_, report) = try CheckFixtures.check(
            CheckFixtures.bytes(url), file: "policy-pending.yaml",
            contract: "Tests/HorizonKitTests/Fixtures/check/contracts/phased-policy.yaml")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.compilerStyle))")
        #expect(report.verdict == .compliant)
        func status(_ clause: String, _ requirement: String) -> RequirementStatus? {
            report.requirements.first { $0.clause == clause && $0.requirement == requirement }?.status
        }
        #expect(status("DA-POL-1", "policy-adopted") == .notYetDue)
        #expect(status("DA-POL-1", "policy-elements") == .notYetDue)
        #expect(status("DA-POL-1", "policy-evidence") == .notYetDue)
        #expect(status("DA-POL-2", "lead-named") == .notYetDue)
        #expect(status("DA-POL-4", "policy-reviewed") == .notYetDue)
        #expect(status("DA-POL-3", "staff-informed") == .met)
    }

    @Test("after the deadline the same return is non-compliant")
    func afterDeadline() throws {
        let url = Fixtures.root.appendingPathComponent("check/policy-pending.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "period_start: 2026-04-01", with: "period_start: 2026-10-01")
            .replacingOccurrences(of: "period_end: 2026-06-30", with: "period_end: 2026-12-31")
            .replacingOccurrences(of: "submitted_on: 2026-07-14", with: "submitted_on: 2027-01-14")
        let report = try CheckFixtures.check(text: text, contract: "Tests/HorizonKitTests/Fixtures/check/contracts/phased-policy.yaml")
        #expect(report.verdict == .nonCompliant)
        #expect(report.findings.contains { $0.code == "policy-not-in-place" })
        #expect(report.findings.contains { $0.code == "policy-element-unmapped" })
    }
}
