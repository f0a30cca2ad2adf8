import Foundation
import FoundationXML
import Testing

@testable import HorizonKit
@testable import HorizonModel
@testable import HorizonOffice

/// Excel for suppliers (issue #15): workbooks written by openpyxl and LibreOffice
/// (`Scripts/make-xlsx-fixtures`) read cell by cell, each giving exactly its findings at the
/// right cell; the same return as YAML and as a workbook judged alike; and the template Horizon
/// writes: its validations, protection and frozen header, read back by the reader.
@Suite("Excel workbooks")
struct XLSXTests {
    static let folder = Fixtures.root.appendingPathComponent("xlsx")

    static func check(_ name: String) throws -> DocumentReport {
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        let document = try OfficeDocumentReader.parse(bytes, file: name, table: Shipped.library.fieldTable)
        let contract = try CheckFixtures.contract(CheckFixtures.defaultContract)
        return Checker(contract: contract, library: Shipped.library, evidence: try CheckFixtures.evidence()).check(document)
    }

    /// Each workbook and the findings it must give, as `code@Sheet!Cell`.
    static let expected: [String: [String]] = [
        "openpyxl-good.xlsx": [],
        "openpyxl-1904.xlsx": [],
        "libreoffice-from-csv.xlsx": [],
        "libreoffice-resaved.xlsx": [],
        // staff.headcount is the formula =60+4, read by the value LibreOffice cached, 64.
        "libreoffice-formula.xlsx": [],
        // A renamed sheet found behind one of the supplier's own; a blank count at its value cell.
        "openpyxl-mistakes.xlsx": [
            "wrong-type@Q2 return!B7", "wrong-type@Q2 return!B27", "wrong-type@Q2 return!B40", "missing-field@Q2 return!B61",
        ],
    ]

    @Test("each workbook gives exactly its findings, at their cells", arguments: expected.keys.sorted())
    func findings(_ name: String) throws {
        let report = try Self.check(name)
        let got = report.findings.map { "\($0.code)@\($0.location.sheet ?? "")!\($0.location.cell ?? "")" }
        #expect(got == Self.expected[name]!, "\(report.findings.map(\.compilerStyle))")
    }

    @Test func aFieldGivenTwiceNamesBothCells() throws {
        do {
            _ = try Self.check("openpyxl-duplicate.xlsx")
            Issue.record("a field given twice was read")
        } catch let error as InputError {
            #expect(error.finding.code == "duplicate-key")
            #expect(
                error.finding.compilerStyle
                    == "openpyxl-duplicate.xlsx:Return!A64: error[duplicate-key] field 'pathway.meetings_held' is given twice; a repeated row would silently replace the first value\nopenpyxl-duplicate.xlsx:Return!A49: note: 'pathway.meetings_held' first appears here"
            )
        }
    }

    @Test(
        "the same return as YAML and as each workbook is judged alike",
        arguments: ["openpyxl-good.xlsx", "openpyxl-1904.xlsx", "libreoffice-from-csv.xlsx", "libreoffice-resaved.xlsx"])
    func parity(_ name: String) throws {
        let workbook = try Self.check(name)
        let yaml = try CheckFixtures.check(
            try CheckFixtures.bytes(Fixtures.packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.yaml")), file: "r.yaml",
            evidence: try CheckFixtures.evidence()
        ).1
        #expect(workbook.requirements.map(\.status) == yaml.requirements.map(\.status))
        #expect(workbook.findings.map(\.code) == yaml.findings.map(\.code))
        #expect(workbook.periodStart == yaml.periodStart && workbook.periodEnd == yaml.periodEnd)
        #expect(workbook.kpis.map(\.part) == yaml.kpis.map(\.part))
    }

    @Test func aFormulaIsReadByItsCachedValue() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("libreoffice-formula.xlsx")))
        let sheet = try #require(try WorkbookArchive(bytes, file: "f.xlsx", limits: .standard).part("xl/worksheets/sheet1.xml"))
        #expect(String(decoding: sheet, as: UTF8.self).contains(">60+4</f>"), "the fixture holds the formula")
        #expect(try XLSXReader.document(bytes, file: "f.xlsx")["staff.headcount"]?.text == "64")
    }

    /// An archive whose directory claims to run into its end record is refused before any of
    /// it is read (ZIPFoundation trapped on such files; the fuzzer found them).
    @Test func anArchiveOutOfItsBoundsIsRefused() throws {
        let good = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("openpyxl-good.xlsx")))
        #expect(ZIPBounds.inBounds(good))
        var end = good.count - 22
        while end > 0 && Array(good[end..<end + 4]) != [0x50, 0x4B, 0x05, 0x06] { end -= 1 }
        try #require(end > 0)
        var longer = good
        longer[end + 12] &+= 10  // the directory's size, 10 bytes more: into the end record
        #expect(!ZIPBounds.inBounds(longer))
        var truncated = good
        truncated.removeSubrange(100..<200)
        #expect(!ZIPBounds.inBounds(truncated))
    }

    @Test func xmlNestedTooDeepIsRefused() {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(XMLEvents.parse(Array(deep.utf8)) == nil)
        #expect(XMLEvents.parse(Array("<a><b>x</b></a>".utf8)) != nil)
    }

    @Test func cellsAndDates() {
        #expect(XLSXReader.cellPlace("B14")! == (14, 2))
        #expect(XLSXReader.cellPlace("AA1")! == (1, 27))
        #expect(XLSXReader.cellPlace("1A") == nil && XLSXReader.cellPlace("XFE1") == nil)
        #expect(XLSXReader.date(serial: 46_295, date1904: false).description == "2026-09-30")
        #expect(XLSXReader.date(serial: 44_833, date1904: true).description == "2026-09-30")
        #expect(XLSXReader.date(serial: 59, date1904: false).description == "1900-02-28")
        #expect(XLSXReader.date(serial: 61, date1904: false).description == "1900-03-01")
        #expect(XLSXReader.isDateFormat(14, nil) && !XLSXReader.isDateFormat(0, "General") && XLSXReader.isDateFormat(164, "dd/mm/yyyy"))
        #expect(!XLSXReader.isDateFormat(165, "[Red]0.00") && !XLSXReader.isDateFormat(166, "\"days\" 0"))
        var location = SourceLocation(file: "r.xlsx", line: 14, column: 2, sheet: "Return")
        #expect(location.description == "r.xlsx:Return!B14")
        location.column = 28
        #expect(location.cell == "AB14")
    }

    @Test func theTemplateIsValidatedProtectedAndReadsBack() throws {
        let contract = try Shipped.contract("housing-related-support")
        let period = contract.periods[5]
        let parts = Dictionary(
            uniqueKeysWithValues: XLSXTemplate.parts(contract, library: Shipped.library, kind: .return, period: period).map {
                ($0.name, $0.xml)
            })
        for (name, xml) in parts { #expect(throws: Never.self, "\(name)") { _ = try XMLDocument(xmlString: xml) } }
        let sheet = parts["xl/worksheets/sheet1.xml"]!
        let rows = sheet.matches(of: #/<row r="(\d+)">/#).count
        let validations = sheet.matches(of: #/<dataValidation /#).count
        #expect(validations == rows - 2, "every field row but the header and the document row has a validation")
        #expect(sheet.contains("<sheetProtection sheet=\"1\"") && sheet.contains("state=\"frozen\""))
        #expect(sheet.contains("type=\"list\"") && sheet.contains("<formula1>\"TRUE,FALSE\"</formula1>"))
        #expect(sheet.contains("type=\"whole\" operator=\"greaterThanOrEqual\"") && sheet.contains("type=\"date\""))
        // Read back: the header the contract and period fill in, every field present and empty.
        let bytes = try XLSXTemplate.render(contract, library: Shipped.library, kind: .return, period: period)
        #expect(bytes == (try XLSXTemplate.render(contract, library: Shipped.library, kind: .return, period: period)))
        let document = try XLSXReader.document(bytes, file: "t.xlsx")
        #expect(document.sheet == "Return")
        #expect(document["return.contract"]?.text == contract.reference && document["return.supplier"]?.text == contract.supplier)
        #expect(document["return.period_start"]?.text == period.start.description)
        #expect(document["return.period_end"]?.text == period.end.description)
        #expect(document["staff.headcount"]?.isNull == true)
        #expect(parts["xl/worksheets/sheet2.xml"]!.contains("DA-POL-1"))
    }

    @Test func aFilledWorkbookIsReadAndCheckedInUnder20ms() throws {
        _ = try Self.check("openpyxl-good.xlsx")
        let started = ContinuousClock.now
        for _ in 0..<5 { _ = try Self.check("openpyxl-good.xlsx") }
        let each = (ContinuousClock.now - started) / 5
        #expect(each < .milliseconds(20), "\(each) a workbook")
    }
}
