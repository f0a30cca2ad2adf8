import Foundation
import Testing

/// The Excel template and workbook returns through the command line and real readers (issue
/// #15): the template opens in LibreOffice Calc and in openpyxl with its validations,
/// protection and frozen header; a workbook's findings are located by cell in text and JSON.
@Suite("Excel workbooks through the command line and real readers", .serialized)
struct XLSXOfficeTests {
    static let contract = "Contracts/housing-related-support.yaml"

    static func template(_ folder: URL) throws -> URL {
        let path = folder.appendingPathComponent("my-return.xlsx")
        let run = try horizon("template", contract, "--period", "6", "--format", "xlsx", "--output", path.path)
        #expect(run.status == 0, "\(run)")
        return path
    }

    static func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test func aWorkbookFindingIsACellInTextAndJSON() throws {
        let file = "Tests/HorizonKitTests/Fixtures/xlsx/openpyxl-mistakes.xlsx"
        let text = try horizon("check", Self.contract, file, "--evidence", "Contracts/evidence")
        #expect(text.status == 1)
        #expect(
            text.stdout.contains("\(file):Q2 return!B27: error[wrong-type] 'staff.headcount' must be a whole number, not '#REF!'"),
            "\(text)")
        let json = try horizon("check", Self.contract, file, "--evidence", "Contracts/evidence", "--format", "json")
        #expect(
            json.stdout.contains("\"location\":{\"file\":\"\(file)\",\"line\":27,\"column\":2,\"sheet\":\"Q2 return\",\"cell\":\"B27\"}"),
            "\(json)")
    }

    /// A workbook a supplier has filled in is never replaced by a new template by accident.
    @Test func aTemplateNeverReplacesAFileUnlessAsked() throws {
        try Self.withFolder { folder in
            let path = try Self.template(folder)
            try Data("my figures".utf8).write(to: path)
            let again = try horizon("template", Self.contract, "--format", "xlsx", "--output", path.path)
            #expect(again.status == 2 && again.stderr.contains("error[output-exists]") && again.stderr.contains("--replace"), "\(again)")
            #expect(try String(contentsOf: path, encoding: .utf8) == "my figures")
            let replaced = try horizon("template", Self.contract, "--format", "xlsx", "--output", path.path, "--replace")
            #expect(replaced.status == 0, "\(replaced)")
            #expect(try Data(contentsOf: path).starts(with: Array("PK".utf8)))
        }
    }

    @Test func theTemplateNeedsAnOutputFile() throws {
        let run = try horizon("template", Self.contract, "--format", "xlsx")
        #expect(run.status == 64 && run.stderr.contains("give the file with --output"), "\(run)")
    }

    @Test(
        "LibreOffice Calc opens the template and sees its rows",
        .enabled(
            if: DOCXOfficeTests.soffice != nil, "LibreOffice (soffice) is not installed: .ci/run installs it with Scripts/setup-office"))
    func libreOffice() throws {
        try Self.withFolder { folder in
            let path = try Self.template(folder)
            let converted = try DOCXOfficeTests.run(
                DOCXOfficeTests.soffice!,
                [
                    "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "csv", "--outdir", folder.path,
                    path.path,
                ])
            #expect(converted.status == 0, "\(converted.output)")
            let csv = try String(contentsOf: folder.appendingPathComponent("my-return.csv"), encoding: .utf8)
            #expect(csv.hasPrefix("Field,Value,About\n"), "\(csv.prefix(200))")
            #expect(csv.contains("contract,BHCC-2026-HRS-014,") && csv.contains("period_start,2027-07-01,"), "\(csv.prefix(600))")
            #expect(csv.contains("staff.informed_of_policy,,"))
        }
    }

    @Test(
        "openpyxl reads the template's validations, protection and frozen header back",
        .enabled("openpyxl could not be installed from PyPI into a throwaway virtual environment") { venv != nil })
    func openpyxl() throws {
        try Self.withFolder { folder in
            let path = try Self.template(folder)
            let script = """
                import sys, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                sheet = book["Return"]
                rules = {str(v.sqref): (v.type, v.formula1, v.showInputMessage, bool(v.prompt)) for v in sheet.data_validations.dataValidation}
                rows = [r for r in sheet.iter_rows(min_row=3) if r[0].value]
                missing = [r[0].value for r in rows if r[1].coordinate not in rules]
                unlocked = all(not r[1].protection.locked for r in rows) and all(r[0].protection.locked for r in rows)
                bools = [rules[r[1].coordinate][0] for r in rows if r[0].value == "policy.in_place"]
                print(sheet.protection.sheet, sheet.freeze_panes, len(rules), len(rows), missing, unlocked, bools, book.sheetnames)
                """
            let run = try DOCXOfficeTests.run(Self.venv!.appendingPathComponent("bin/python").path, ["-c", script, path.path])
            #expect(run.status == 0, "\(run.output)")
            let line = run.output.split(separator: "\n").last.map(String.init) ?? ""
            #expect(line.hasPrefix("True A2 "), "\(line)")
            #expect(line.contains(" [] True ['list'] ['Return', 'Guidance']"), "\(line)")
        }
    }

    static let venv = DOCXOfficeTests.throwawayVenv(installing: "openpyxl")
}
