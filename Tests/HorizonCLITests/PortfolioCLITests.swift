import Foundation
import Testing

/// A procurement team's portfolio (`Contracts/portfolio/`, written by `Scripts/make-portfolio`,
/// its answer key in its README): more than 30 contracts across the tiers and reporting
/// frequencies, two quarters of returns with missing and stale returns and resubmissions in both
/// argument orders, and bids for two tenders. The whole quarter's report is held in golden files
/// in every format, and what the answer key says is asserted on its own, so that a golden file
/// recorded wrong cannot hide a wrong answer.
@Suite("A procurement team's portfolio")
struct PortfolioCLITests {
    static let root = "Contracts/portfolio"

    /// The files of a folder (or of its subfolders, one level down), sorted by their bytes as
    /// the shell's glob sorts them in the C locale.
    static func files(_ folder: String, deep: Bool = false) throws -> [String] {
        let manager = FileManager.default
        var out: [String] = []
        for name in try manager.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(folder).path) {
            let path = "\(folder)/\(name)"
            var isFolder: ObjCBool = false
            _ = manager.fileExists(atPath: packageRoot.appendingPathComponent(path).path, isDirectory: &isFolder)
            if isFolder.boolValue {
                if deep { out += try files(path) }
            } else {
                out.append(path)
            }
        }
        return out.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func contracts() throws -> [String] { try files("\(root)/contracts").filter { $0.hasSuffix(".yaml") } }

    /// `horizon check` of one quarter, as the portfolio's README gives it.
    static func quarter(_ date: String, format: String) throws -> Run {
        try horizon(
            arguments: ["check"] + contracts() + files("\(root)/returns/\(date)") + [
                "--period-ending", date, "--evidence", "\(root)/evidence", "--format", format,
            ])
    }

    /// Compares with, or records, a golden file of this suite.
    static func golden(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = packageRoot.appendingPathComponent("Tests/HorizonCLITests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            Issue.record(
                "recorded \(name) (RECORD_SNAPSHOTS=1): review the diff, then run the tests again without it",
                sourceLocation: sourceLocation)
            return
        }
        // Compared as bytes: the CSV's byte order mark and CRLF are part of what is promised.
        guard let bytes = try? Data(contentsOf: url) else {
            Issue.record("no golden file \(name); run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let recorded = String(decoding: bytes, as: UTF8.self)
        if bytes != Data(text.utf8) {
            let a = recorded.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record(
                "\(name) differs at line \(line + 1):\n  golden: \(line < a.count ? String(a[line]) : "<end>")\n  actual: \(line < b.count ? String(b[line]) : "<end>")",
                sourceLocation: sourceLocation)
        }
    }

    @Test("the quarter's report, in every format", arguments: [("text", "txt"), ("json", "json"), ("csv", "csv"), ("sarif", "sarif")])
    func quarterGolden(_ format: String, _ suffix: String) throws {
        let run = try Self.quarter("2027-09-30", format: format)
        #expect(run.status == 1, "\(run.stderr)")
        try Self.golden(run.stdout, named: "portfolio-2027-09-30.report.\(suffix)")
    }

    @Test("the earlier quarter's report")
    func earlierQuarterGolden() throws {
        let run = try Self.quarter("2027-06-30", format: "text")
        try Self.golden(run.stdout, named: "portfolio-2027-06-30.report.txt")
    }

    @Test("the tenders' bids side by side, in every format", arguments: [("text", "txt"), ("json", "json"), ("csv", "csv")])
    func bidsGolden(_ format: String, _ suffix: String) throws {
        let run = try horizon(
            arguments: ["compare-bids"] + Self.contracts() + Self.files("\(Self.root)/bids", deep: true) + ["--format", format])
        #expect(run.status == 1, "a bid falls short of a minimum: \(run.stderr)")
        try Self.golden(run.stdout, named: "portfolio.bids.\(suffix)")
    }

    @Test func theSameQuarterGivesTheSameBytesWhateverTheOrderOfTheReturns() throws {
        let forward = try Self.quarter("2027-09-30", format: "json")
        let returns = try Self.files("\(Self.root)/returns/2027-09-30")
        let reversed = try horizon(
            arguments: ["check"] + Self.contracts() + returns.reversed() + [
                "--period-ending", "2027-09-30", "--evidence", "\(Self.root)/evidence", "--format", "json",
            ])
        // Documents come in the order given; the contracts and the summary do not depend on it.
        func tail(_ text: String) -> Substring { text[text.range(of: "\n],\"contracts\":")!.lowerBound...] }
        #expect(tail(forward.stdout) == tail(reversed.stdout))
    }

    /// What the portfolio's README (its answer key) says of the quarter ending 2027-09-30.
    @Test func theQuarterAgreesWithTheAnswerKey() throws {
        let run = try Self.quarter("2027-09-30", format: "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let contracts = try #require(json["contracts"] as? [[String: Any]])
        #expect(contracts.count == 34)
        func standing(_ reference: String) -> String? {
            contracts.first { $0["reference"] as? String == reference }?["standing"] as? String
        }
        // Missing: three with no return, a monthly contract missing one month, and the stale copy.
        for reference in ["WSCC-2026-DWA-003", "ESCC-2026-ASC-022", "BHCC-2026-ITS-009", "WSCC-2026-HVS-005", "WSCC-2026-PPP-009"] {
            #expect(standing(reference) == "missing", "\(reference)")
        }
        // Failing on performance, data, lateness and privacy.
        for reference in [
            "BHCC-2026-HRS-016", "ESCC-2026-DAS-006", "ESCC-2026-SMS-015", "WSCC-2026-ASC-018", "WSCC-2026-SAF-002", "ESCC-2026-FMC-007",
            "BHCC-2026-SMS-010", "WSCC-2026-REF-004", "BHCC-2026-GRM-006", "ESCC-2026-HRS-021", "WSCC-2026-ASC-017",
        ] {
            #expect(standing(reference) == "non-compliant", "\(reference)")
        }
        // Why each fails: the categories of its counted returns' errors, timeliness for a return
        // missing; a superseded return's errors are not its contract's.
        func categories(_ reference: String) -> [String]? {
            contracts.first { $0["reference"] as? String == reference }?["categories"] as? [String]
        }
        #expect(categories("BHCC-2026-HRS-016") == ["performance"] && categories("WSCC-2026-REF-004") == ["data-quality"])
        #expect(categories("ESCC-2026-HRS-021") == ["timeliness"] && categories("WSCC-2026-ASC-017") == ["privacy"])
        #expect(categories("BHCC-2026-ITS-009") == ["timeliness"] && categories("WSCC-2026-PPP-009") == ["timeliness"])
        #expect(categories("BHCC-2026-HRS-015") == [] && categories("ESCC-2026-SXH-013") == [], "superseded errors left out")
        // The resubmissions are judged on the later return, in either order given.
        #expect(standing("BHCC-2026-HRS-015") == "compliant" && standing("ESCC-2026-SXH-013") == "compliant")
        #expect(standing("BHCC-2026-HVS-001") == "compliant", "all three monthly returns")
        #expect(standing("ESCC-2026-GRM-012") == "no-return-due", "annual, no period ends in the quarter")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["superseded"] as? Int == 2)
        let superseded = (summary["superseded_returns"] as? [[String: Any]] ?? []).map { $0["earlier"] as? String ?? "" }
        #expect(
            superseded.map { ($0 as NSString).lastPathComponent } == [
                "BHCC-2026-HRS-015-2027-09-30-submitted.yaml", "ESCC-2026-SXH-013-2027-09-30-v1.yaml",
            ])
        // A superseded return and a stale one are in no KPI total: one return rated a contract.
        let kpis = try #require(summary["kpis"] as? [[String: Any]])
        #expect(kpis.filter { $0["contract"] as? String == "ESCC-2026-SXH-013" }.allSatisfy { $0["returns"] as? Int == 1 })
        #expect(!kpis.contains { $0["contract"] as? String == "WSCC-2026-PPP-009" }, "the stale June return is not this quarter's")
        #expect(!kpis.isEmpty)
        // The categories tell a duty not met from a slip in the data.
        let documents = try #require(json["documents"] as? [[String: Any]])
        func codes(_ name: String) -> [String: String] {
            let document = documents.first { (($0["document"] as? [String: Any])?["file"] as? String ?? "").hasSuffix(name) }
            var out: [String: String] = [:]
            for finding in document?["findings"] as? [[String: Any]] ?? [] {
                out[finding["code"] as! String] = finding["category"] as? String
            }
            return out
        }
        #expect(codes("BHCC-2026-HRS-016-2027-09-30.yaml")["training-below-target"] == "performance")
        #expect(codes("WSCC-2026-REF-004-2027-09-30.yaml")["wrong-type"] == "data-quality")
        #expect(codes("ESCC-2026-HRS-021-2027-09-30.yaml")["late-submission"] == "timeliness")
        #expect(codes("WSCC-2026-ASC-017-2027-09-30.yaml")["personal-data"] == "privacy")
        #expect(codes("WSCC-2026-PPP-009-2027-06-30.yaml")["return-for-earlier-period"] == "timeliness")
    }

    /// The earlier quarter's first day is the day after the month three months back (1 April for
    /// 30 June): a quarter ending 30 June does not expect the returns of periods ending 31 March.
    @Test func theEarlierQuarterStartsOnTheFirstOfApril() throws {
        let run = try Self.quarter("2027-06-30", format: "text")
        #expect(
            run.stdoutLines.contains(
                "34 contract(s) for the quarter 2027-04-01 to 2027-06-30: 25 compliant, 2 non-compliant, 0 invalid, 1 missing a return, 6 with no return due"
            ), "\(run.stdout.suffix(2000))")
        #expect(run.stdoutLines.filter { $0.contains("error[return-missing]") }.count == 1)
    }

    /// A return the run found superseded by a later one given after it says so on its verdict
    /// line, and in the CSV its verdict is `superseded`, so that a filter on non-compliant does
    /// not count it.
    @Test func aSupersededReturnSaysItIsNotCounted() throws {
        let text = try Self.quarter("2027-09-30", format: "text")
        let line = try #require(
            text.stdoutLines.first { $0.hasPrefix("\(Self.root)/returns/2027-09-30/BHCC-2026-HRS-015-2027-09-30-submitted.yaml: return") })
        #expect(line.hasSuffix("; superseded by a later return: not counted"), "\(line)")
        #expect(text.stdoutLines.filter { $0.hasSuffix("superseded by a later return: not counted") }.count == 1)
        let csv = try Self.quarter("2027-09-30", format: "csv")
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { $0.contains("BHCC-2026-HRS-015-2027-09-30-submitted.yaml") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(",superseded,") }, "\(rows.prefix(2))")
    }
}
