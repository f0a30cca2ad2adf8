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
}
