import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// One finding for one mistake (issue #13): a required field that is missing while an unknown
/// field is a near-miss of it is one error, at the typo, in the words of the issue; the same in
/// YAML, CSV and JSON (the markers of the `near-miss*` fixtures hold the places).
@Suite("A misspelt field is one finding, at the typo")
struct NearMissTests {
    static func messages(_ name: String) throws -> [String] {
        let url = CheckFixtures.folder.appendingPathComponent(name)
        let (_, report) = try CheckFixtures.check(try CheckFixtures.bytes(url), file: name, evidence: try CheckFixtures.evidence())
        return report.findings.map(\.message)
    }

    @Test(
        "the message names the typo, the field and the clause that requires it",
        arguments: ["near-miss.yaml", "near-miss.csv", "near-miss-json.json"])
    func message(_ name: String) throws {
        let messages = try Self.messages(name)
        #expect(
            messages.contains(
                "'staff.informed_of_polcy' is not a field of this return; did you mean 'staff.informed_of_policy' (required by clause 1.3)?"
            ),
            "\(messages)")
        #expect(!messages.contains { $0.contains("unknown field") }, "\(messages)")
    }

    @Test func aHeaderFieldIsNamedAsTheFormatWritesIt() throws {
        #expect(
            try Self.messages("near-miss.yaml").contains(
                "'return.period_edn' is not a field of this return; did you mean 'return.period_end' (required in the header)?"))
        #expect(
            try Self.messages("near-miss.csv").contains(
                "'period_edn' is not a field of this return; did you mean 'period_end' (required in the header)?"))
    }
}
