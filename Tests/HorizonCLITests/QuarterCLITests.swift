import Foundation
import Testing

/// The quarter as a run (issue #16, its first part): `check --period-ending DATE` expects a
/// return from every contract for each of its periods ending in the three months up to DATE,
/// reports each missing one at the contract's reference, reports a return for an earlier period
/// as such, and counts contracts as well as documents.
@Suite("The quarter as one run")
struct QuarterCLITests {
    @Test func theQuarterNamesTheReturnsThatNeverCame() throws {
        let run = try horizon(arguments: ["check"] + Self.contracts + Self.goodReturns + ["--period-ending", "2027-09-30"])
        #expect(run.status == 1, "\(run)")
        let lines = run.stdoutLines
        #expect(
            lines.contains(
                "Contracts/substance-misuse.yaml:4:14: error[return-missing] no return for contract WSCC-2026-SMS-007, period 6 (2027-07-01 to 2027-09-30), due by 2027-10-30"
            ), "\(run)")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "Contracts/debt-and-welfare-advice.yaml:6:14: error[return-missing] no return for contract ESCC-2026-DWA-009, period 3 "
                )
            })
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "Contracts/returns/sms-2027-q1-good.yaml:1:1: warning[return-for-earlier-period] this return is for 2027-04-01 to 2027-06-30"
                )
            })
        #expect(
            lines.contains(
                "5 contract(s) for the quarter 2027-07-01 to 2027-09-30: 3 compliant, 0 non-compliant, 0 invalid, 2 missing a return, 0 with no return due"
            ), "\(run)")
        #expect(lines.filter { $0.contains("error[return-missing]") }.count == 2)
    }

    @Test func theJSONSummaryHoldsEachContractsStandingAndTheMissingReturns() throws {
        let run = try horizon(
            arguments: ["check"] + Self.contracts + Self.goodReturns + ["--period-ending", "2027-09-30", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let quarter = try #require((json["summary"] as? [String: Any])?["quarter"] as? [String: Any])
        #expect(quarter["from"] as? String == "2027-07-01" && quarter["to"] as? String == "2027-09-30")
        let standings = (json["contracts"] as? [[String: Any]] ?? []).map { "\($0["reference"]!) \($0["standing"]!)" }
        #expect(standings.contains("WSCC-2026-SMS-007 missing") && standings.contains("BHCC-2026-HRS-014 compliant"), "\(standings)")
        let missing = try #require(quarter["missing"] as? [[String: Any]])
        #expect(missing.count == 2)
        #expect((missing.first?["location"] as? [String: Any])?["line"] as? Int == 6)
    }

    /// A monthly contract owes three returns a quarter, an annual one none in a quarter its
    /// period does not end in; with no document at all, every return is missing.
    @Test func monthlyAndAnnualContractsAndNoDocuments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-quarter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/housing-related-support.yaml"), encoding: .utf8)
        var paths: [String] = []
        for (reporting, reference) in [("monthly", "TEST-MONTHLY-1"), ("annual", "TEST-ANNUAL-1")] {
            let url = folder.appendingPathComponent("\(reporting).yaml")
            try Data(
                spec.replacingOccurrences(of: "reporting: quarterly", with: "reporting: \(reporting)")
                    .replacingOccurrences(of: "reference: BHCC-2026-HRS-014", with: "reference: \(reference)").utf8
            ).write(to: url)
            paths.append(url.path)
        }
        let run = try horizon(arguments: ["check"] + paths + ["--period-ending", "2027-09-30"])
        #expect(run.status == 1, "\(run)")
        let missing = run.stdoutLines.filter { $0.contains("error[return-missing]") }
        #expect(missing.count == 3 && missing.allSatisfy { $0.contains("TEST-MONTHLY-1") }, "\(run)")
        #expect(
            run.stdout.contains(
                "2 contract(s) for the quarter 2027-07-01 to 2027-09-30: 0 compliant, 0 non-compliant, 0 invalid, 1 missing a return, 1 with no return due"
            ), "\(run)")
    }

    /// A period found by its last day: the same template as by its number.
    @Test func aTemplateForThePeriodEndingOnADate() throws {
        let byDate = try horizon("template", "Contracts/housing-related-support.yaml", "--period-ending", "2027-09-30")
        let byNumber = try horizon("template", "Contracts/housing-related-support.yaml", "--period", "6")
        #expect(byDate.status == 0 && byDate.stdout == byNumber.stdout, "\(byDate)")
        let wrong = try horizon("template", "Contracts/housing-related-support.yaml", "--period-ending", "2027-09-15")
        #expect(wrong.status == 64, "\(wrong)")
        #expect(
            wrong.stderr.contains(
                "no reporting period of contract BHCC-2026-HRS-014 ends on 2027-09-15; periods end on 2027-03-31, 2027-06-30, 2027-09-30, 2027-12-31"
            ), "\(wrong)")
    }

    /// A corrected return resubmitted: the later `submitted_on` is judged and the earlier
    /// superseded, not counted, whatever the order of the arguments; the same date stays a
    /// duplicate-period error.
    @Test("a resubmission supersedes the earlier return in either order", arguments: [false, true])
    func resubmission(_ laterFirst: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-resubmit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-bad.yaml"), encoding: .utf8)
        let earlier = folder.appendingPathComponent("first.yaml")
        try Data(bad.replacingOccurrences(of: "submitted_on: 2027-11-20", with: "submitted_on: 2027-10-10").utf8).write(to: earlier)
        let later = "Contracts/returns/hrs-2027-q2-good.yaml"
        let documents = laterFirst ? [later, earlier.path] : [earlier.path, later]
        let run = try horizon(arguments: ["check", "Contracts/housing-related-support.yaml"] + documents)
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.contains("2 document(s): 1 compliant, 0 non-compliant, 0 invalid, 1 superseded by a later return (not counted)"),
            "\(run)")
        #expect(
            run.stdout.contains("superseded: \(earlier.path) (submitted on 2027-10-10) by \(later) (submitted on 2027-10-14)"), "\(run)")
        #expect(!run.stdout.contains("duplicate-period"))
        // On the same day: which is the correction cannot be told.
        try Data(bad.replacingOccurrences(of: "submitted_on: 2027-11-20", with: "submitted_on: 2027-10-14").utf8).write(to: earlier)
        let same = try horizon(arguments: ["check", "Contracts/housing-related-support.yaml"] + documents)
        #expect(same.status == 1 && same.stdout.contains("error[duplicate-period]"), "\(same)")
    }

    @Test func aDateThatIsNotADateIsAUsageError() throws {
        let run = try horizon("check", "Contracts/housing-related-support.yaml", "--period-ending", "2027-09-31")
        #expect(run.status == 64 && run.stderr.contains("--period-ending must be a date written YYYY-MM-DD"), "\(run)")
    }

    static let contracts = [
        "Contracts/debt-and-welfare-advice.yaml", "Contracts/housing-related-support.yaml", "Contracts/refuse-collection.yaml",
        "Contracts/specialist-domestic-abuse.yaml", "Contracts/substance-misuse.yaml",
    ]
    static let goodReturns = [
        "Contracts/returns/das-2027-q2-good.yaml", "Contracts/returns/dwa-2026-h2-good.yaml", "Contracts/returns/hrs-2027-q2-good.yaml",
        "Contracts/returns/ref-2027-h1-good.yaml", "Contracts/returns/sms-2027-q1-good.yaml",
    ]
}
