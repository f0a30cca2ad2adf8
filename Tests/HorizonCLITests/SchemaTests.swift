import Foundation
import Testing

/// A throwaway virtual environment with `jsonschema`, made once; `nil` without PyPI.
enum SchemaVenv {
    static let folder = DOCXOfficeTests.throwawayVenv(installing: "jsonschema")
}

/// Every JSON report the tests make is valid against `Schemas/report.schema.json` (strict: no key
/// it does not name), every bid comparison against `Schemas/compare-bids.schema.json`, every
/// SARIF report against OASIS's SARIF 2.1.0 schema (vendored in `Tests/Schemas/`); and reports
/// malformed on purpose fail them, so that a schema that accepts anything fails this suite.
/// Validation is by Python's `jsonschema`, installed into a throwaway virtual environment.
@Suite(
    "JSON Schemas",
    .enabled("jsonschema could not be installed from PyPI into a throwaway virtual environment") { SchemaVenv.folder != nil })
struct SchemaTests {
    static var venv: URL? { SchemaVenv.folder }
    static let reportSchema = packageRoot.appendingPathComponent("Schemas/report.schema.json").path
    static let bidsSchema = packageRoot.appendingPathComponent("Schemas/compare-bids.schema.json").path
    static let sarifSchema = packageRoot.appendingPathComponent("Tests/Schemas/sarif-schema-2.1.0.json").path

    /// Runs the validator; its exit status and what it printed.
    static func validate(_ schema: String, _ files: [String], expectInvalid: Bool = false) throws -> (status: Int32, output: String) {
        let script = packageRoot.appendingPathComponent("Tests/Schemas/validate.py").path
        return try DOCXOfficeTests.run(
            venv!.appendingPathComponent("bin/python").path, [script] + (expectInvalid ? ["--expect-invalid"] : []) + [schema] + files)
    }

    /// The JSON reports of many kinds of run, written to a scratch folder.
    static func reports(in folder: URL) throws -> [String] {
        let contracts = ReportFormatCLITests.contracts
        let runs: [[String]] = [
            // One document; many with a bid; a quarter with missing and earlier returns.
            ["check", "Contracts/housing-related-support.yaml", "Contracts/returns/hrs-2027-q2-good.yaml"],
            ["check"] + contracts + ReportFormatCLITests.documents,
            ["check"] + contracts + ReportFormatCLITests.documents + ["--period-ending", "2027-09-30"],
            // No document at all, a quarter; an unreadable document; a defective contract; a workbook.
            ["check"] + contracts + ["--period-ending", "2027-09-30"],
            ["check", "Contracts/housing-related-support.yaml", "Contracts/returns/hrs-2027-q2-bad-duplicate-key.yaml"],
            [
                "check", "Contracts/mistakes/housing-tier.yaml", "Contracts/housing-related-support.yaml",
                "Contracts/returns/hrs-2027-q2-good.yaml",
            ],
            [
                "check", "Contracts/housing-related-support.yaml", "Tests/HorizonKitTests/Fixtures/xlsx/openpyxl-mistakes.xlsx",
                "Contracts/returns/hrs-2027-q2-good.yaml",
            ],
        ]
        var files: [String] = []
        for (i, arguments) in runs.enumerated() {
            let run = try horizon(arguments: arguments + ["--format", "json"])
            #expect(!run.stdout.isEmpty, "\(arguments): \(run.stderr)")
            let file = folder.appendingPathComponent("report-\(i).json")
            try Data(run.stdout.utf8).write(to: file)
            files.append(file.path)
        }
        return files
    }

    @Test func everyJSONReportIsValid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshots = try FileManager.default.contentsOfDirectory(
            at: packageRoot.appendingPathComponent("Tests/HorizonKitTests/Snapshots"), includingPropertiesForKeys: nil
        ).filter { $0.lastPathComponent.hasPrefix("report-") && $0.pathExtension == "json" }.map(\.path)
        let goldens = try FileManager.default.contentsOfDirectory(
            at: packageRoot.appendingPathComponent("Tests/HorizonCLITests/Snapshots"), includingPropertiesForKeys: nil
        ).map(\.path)
        #expect(snapshots.count >= 3)
        let files = try Self.reports(in: folder) + snapshots + goldens.filter { $0.hasSuffix(".report.json") }
        let result = try Self.validate(Self.reportSchema, files)
        #expect(result.status == 0, "\(result.output)")
        let bids = try Self.validate(Self.bidsSchema, goldens.filter { $0.hasSuffix(".bids.json") })
        #expect(bids.status == 0, "\(bids.output)")
        // A workbook's finding carries its sheet and cell.
        #expect(try String(contentsOfFile: files[6], encoding: .utf8).contains("\"sheet\":\"Q2 return\",\"cell\":\"B"))
    }

    @Test func everySARIFReportIsValid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs: [[String]] = [
            ["check"] + ReportFormatCLITests.contracts + ReportFormatCLITests.documents + ["--period-ending", "2027-09-30"],
            ["check", "Contracts/housing-related-support.yaml", "Contracts/returns/hrs-2027-q2-good.yaml"],
            ["check", "Contracts/housing-related-support.yaml", "Tests/HorizonKitTests/Fixtures/xlsx/openpyxl-mistakes.xlsx"],
        ]
        var files: [String] = []
        for (i, arguments) in runs.enumerated() {
            let run = try horizon(arguments: arguments + ["--format", "sarif"])
            let file = folder.appendingPathComponent("report-\(i).sarif")
            try Data(run.stdout.utf8).write(to: file)
            files.append(file.path)
        }
        let goldens = try FileManager.default.contentsOfDirectory(
            at: packageRoot.appendingPathComponent("Tests/HorizonCLITests/Snapshots"), includingPropertiesForKeys: nil
        ).map(\.path).filter { $0.hasSuffix(".sarif") }
        let result = try Self.validate(Self.sarifSchema, files + goldens)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func malformedReportsFail() throws {
        let examples = packageRoot.appendingPathComponent("Tests/Schemas/examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        func paths(_ prefix: String) -> [String] { names.filter { $0.hasPrefix(prefix) }.map { examples.appendingPathComponent($0).path } }
        #expect(paths("report-malformed-").count >= 8)
        for (schema, prefix) in [(Self.reportSchema, "report"), (Self.bidsSchema, "compare-bids"), (Self.sarifSchema, "sarif")] {
            // Each malformed example fails on its own, and the valid ones pass: the schema is not
            // one that refuses everything.
            for file in paths("\(prefix)-malformed") {
                let result = try Self.validate(schema, [file], expectInvalid: true)
                #expect(result.status == 0, "\(file) should fail \(schema): \(result.output)")
            }
            let valid = try Self.validate(schema, paths("\(prefix)-valid"))
            #expect(valid.status == 0, "\(valid.output)")
        }
        // A real report with one key renamed fails.
        let run = try horizon(
            "check", "Contracts/housing-related-support.yaml", "Contracts/returns/hrs-2027-q2-good.yaml", "--format", "json")
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-broken-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: broken) }
        try Data(run.stdout.replacingOccurrences(of: "\"days_late\":", with: "\"daysLate\":").utf8).write(to: broken)
        let result = try Self.validate(Self.reportSchema, [broken.path])
        #expect(result.status == 1 && result.output.contains("daysLate"), "\(result.output)")
    }
}
