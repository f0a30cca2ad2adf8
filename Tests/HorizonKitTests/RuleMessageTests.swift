import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The words of rule findings, where the marker fixtures show only the code and place: a limit
/// of one field or of several, one field at zero or several. (Each case was a surviving mutant
/// of `Scripts/mutate` until it was written.)
@Suite("Rule messages")
struct RuleMessageTests {
    static func message(_ fixture: String, _ code: String) throws -> String {
        let url = CheckFixtures.folder.appendingPathComponent(fixture)
        let (_, report) = try CheckFixtures.check(try CheckFixtures.bytes(url), file: fixture, evidence: try CheckFixtures.evidence())
        return try #require(report.findings.first { $0.code == code }, "\(fixture): no \(code)\n\(report.findingLines)").message
    }

    @Test(
        arguments: [
            (
                "informed-exceeds-headcount.yaml", "informed-exceeds-headcount",
                "'staff.informed_of_policy' (65) is more than 'staff.headcount' (64)"
            ),
            (
                "referrals-exceed-disclosures.yaml", "referrals-exceed-disclosures",
                "'ask_and_act.referrals_specialist' (18) is more than 'ask_and_act.disclosures' and 'ask_and_act.referred_from_earlier' together (17)"
            ),
            (
                "training-none-in-scope.yaml", "no-staff-in-scope",
                "'training.staff_in_scope' is 0 while 'staff.headcount' is 64: some staff are in scope"
            ),
            (
                "no-enquiry-activity.yaml", "no-enquiry-activity",
                "'ask_and_act.enquiries', 'ask_and_act.disclosures', 'ask_and_act.referrals_specialist', 'ask_and_act.referrals_marac' are all 0 while 'training.staff_in_scope' is 40"
            ),
        ])
    func words(_ fixture: String, _ code: String, _ expected: String) throws {
        let message = try Self.message(fixture, code)
        #expect(message.hasPrefix(expected), "\(message)")
    }
}
