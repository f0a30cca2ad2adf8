import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Messages a supplier reads say what is wrong and what to do, in their words (issue #13); the
/// finding-code fixtures hold the codes and places, these the words that were rewritten.
@Suite("Messages in a supplier's words")
struct PlainMessageTests {
    /// The good housing return with one edit, checked against its contract with its evidence.
    static func messages(_ edit: (String) -> String) throws -> [String] {
        let good = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.yaml"), encoding: .utf8)
        let (_, report) = try CheckFixtures.check(Array(edit(good).utf8), file: "r.yaml", evidence: try CheckFixtures.evidence())
        return report.findings.map(\.message)
    }

    @Test func aFalseAnswerSaysWhatTheContractRequiresAndWhatToDo() throws {
        let messages = try Self.messages { $0.replacingOccurrences(of: "sharing_agreement: true", with: "sharing_agreement: false") }
        #expect(
            messages.contains {
                $0.hasPrefix("'data.sharing_agreement' is false, but the contract requires that ")
                    && $0.hasSuffix(": if false is right, tell the commissioner what you are doing about it")
            }, "\(messages)")
    }

    @Test func aFigureBelowTheContractsMinimumSaysSo() throws {
        let messages = try Self.messages { $0.replacingOccurrences(of: "safe_leave_days: 10", with: "safe_leave_days: 2") }
        #expect(
            messages.contains {
                $0.contains("is less than the contract's min_safe_leave_days (") && $0.hasSuffix(", the contract's minimum")
            }, "\(messages)")
    }

    @Test func aSmallCountSaysTheReturnNeedsNoChange() throws {
        let messages = try Self.messages { $0.replacingOccurrences(of: "referrals_marac: 5", with: "referrals_marac: 3") }
        #expect(
            messages.contains(
                "'ask_and_act.referrals_marac' is from 1 to 4, small enough to identify someone: send it as it is (the return needs no change), but never publish or share this figure on its own; show it as '4 or fewer'"
            ), "\(messages)")
    }

    @Test(
        "a person's name typed into a field of another type is not repeated",
        arguments: ["in_place: Sarah Jones", "in_place: Mohammed Khan"])
    func aNameInATypedFieldIsNotRepeated(_ line: String) throws {
        let messages = try Self.messages { $0.replacingOccurrences(of: "in_place: true", with: line) }
        let name = String(line.dropFirst("in_place: ".count))
        #expect(messages.contains { $0.hasPrefix("'policy.in_place' must be") && $0.contains("not repeated here") }, "\(messages)")
        #expect(!messages.contains { $0.contains(name) }, "\(messages)")
    }
}
