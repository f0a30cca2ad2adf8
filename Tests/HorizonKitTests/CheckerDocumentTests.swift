import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Reading supplier documents: what cannot be read (an `InputError` with its code and
/// location), what can (CSV quirks that are valid), and the same return in YAML, JSON and CSV
/// giving the same findings.
@Suite("Checker documents")
struct CheckerDocumentTests {
    // MARK: - Input errors

    /// A document that cannot be read, and where the error must point.
    struct Unreadable: CustomTestStringConvertible, Sendable {
        var id: String
        var file: String
        var text: String
        var code: String
        var line: Int
        var column: Int
        /// Where the error's note must point, if it has one.
        var note: (line: Int, column: Int)?

        var testDescription: String { id }
    }

    static let unreadable: [Unreadable] = [
        Unreadable(id: "empty YAML", file: "r.yaml", text: "", code: "empty-file", line: 1, column: 1),
        Unreadable(id: "YAML of comments only", file: "r.yaml", text: "# nothing yet\n", code: "empty-file", line: 1, column: 1),
        Unreadable(id: "empty CSV", file: "r.csv", text: "", code: "empty-file", line: 1, column: 1),
        Unreadable(id: "empty JSON", file: "r.json", text: "  \n", code: "empty-file", line: 1, column: 1),
        Unreadable(
            id: "CSV with semicolons", file: "r.csv", text: "field;value\r\ndocument;return\r\ncontract;BHCC-2026-HRS-014\r\n",
            code: "csv-semicolon", line: 1, column: 1),
        Unreadable(
            id: "CSV ragged row", file: "r.csv", text: "field,value\ndocument,return\ncontract,BHCC-2026-HRS-014,extra\n",
            code: "csv-columns", line: 3, column: 28),
        Unreadable(
            id: "CSV value without a field", file: "r.csv", text: "field,value\ndocument,return\n,64\n",
            code: "csv-columns", line: 3, column: 1),
        Unreadable(id: "CSV header", file: "r.csv", text: "name,value\ndocument,return\n", code: "csv-header", line: 1, column: 1),
        Unreadable(
            id: "CSV quote inside a value", file: "r.csv", text: "field,value\ndocument,return\nsupplier,Example \"Housing\"\n",
            code: "csv-syntax", line: 3, column: 18),
        Unreadable(
            id: "CSV quote never closed", file: "r.csv", text: "field,value\ndocument,return\nsupplier,\"Example\n",
            code: "csv-syntax", line: 3, column: 10),
        Unreadable(
            id: "CSV duplicate row", file: "r.csv", text: "field,value\ndocument,return\nstaff.headcount,64\nstaff.headcount,65\n",
            code: "duplicate-key", line: 4, column: 1, note: (3, 1)),
        Unreadable(
            id: "CSV without a document row", file: "r.csv", text: "field,value\ncontract,BHCC-2026-HRS-014\n",
            code: "not-a-document", line: 1, column: 1),
        Unreadable(
            id: "CSV document row of another kind", file: "r.csv", text: "field,value\ndocument,report\n",
            code: "wrong-document-kind", line: 2, column: 10),
        Unreadable(
            id: "JSON with a comment", file: "r.json", text: "{\n  // the header\n  \"return\": { \"contract\": \"X\" }\n}\n",
            code: "json-syntax", line: 2, column: 3),
        Unreadable(
            id: "JSON trailing comma", file: "r.json", text: "{\"return\": {\"contract\": \"X\",}}\n",
            code: "json-syntax", line: 1, column: 29),
        Unreadable(
            id: "JSON duplicate key", file: "r.json", text: "{\"return\": {\"contract\": \"X\", \"contract\": \"Y\"}}\n",
            code: "duplicate-key", line: 1, column: 30, note: (1, 13)),
        Unreadable(
            id: "JSON bare word", file: "r.json", text: "{\"return\": {\"contract\": BHCC}}\n",
            code: "json-syntax", line: 1, column: 25),
        Unreadable(id: "JSON array at the top", file: "r.json", text: "[1, 2]\n", code: "not-a-document", line: 1, column: 1),
        Unreadable(
            id: "YAML duplicate key", file: "r.yaml", text: "return:\n  contract: A\nstaff:\n  headcount: 1\n  headcount: 2\n",
            code: "duplicate-key", line: 5, column: 3, note: (4, 3)),
        Unreadable(
            id: "no return or bid key", file: "r.yaml", text: "# a report\nreport:\n  contract: BHCC-2026-HRS-014\n",
            code: "not-a-document", line: 2, column: 1),
        Unreadable(
            id: "both return and bid", file: "r.yaml", text: "return:\n  contract: A\nbid:\n  contract: A\n",
            code: "wrong-document-kind", line: 3, column: 1, note: (1, 1)),
        Unreadable(
            id: "a single value under return", file: "r.yaml", text: "return: BHCC-2026-HRS-014\n",
            code: "not-a-document", line: 1, column: 9),
        Unreadable(id: "a list at the top", file: "r.yaml", text: "- return\n", code: "not-a-document", line: 1, column: 1),
    ]

    @Test("input errors: code and line:column", arguments: unreadable)
    func inputError(_ item: Unreadable) throws {
        let error = try #require(throws: InputError.self) {
            try DocumentReader.parse(Array(item.text.utf8), file: item.file)
        }
        let finding = error.finding
        #expect(finding.code == item.code, "\(finding.compilerStyle)")
        #expect((finding.location.line, finding.location.column) == (item.line, item.column), "\(finding.compilerStyle)")
        #expect(finding.location.file == item.file)
        #expect(finding.severity == .error)
        if let note = item.note {
            #expect(finding.notes.count == 1)
            let first = try #require(finding.notes.first)
            #expect((first.location.line, first.location.column) == note, "\(finding.compilerStyle)")
        } else {
            #expect(finding.notes.isEmpty, "\(finding.compilerStyle)")
        }
    }

    @Test func aContractSpecificationIsNotADocument() throws {
        let url = CheckFixtures.contracts.appendingPathComponent("housing-related-support.yaml")
        let error = try #require(throws: InputError.self) {
            try DocumentReader.parse(try CheckFixtures.bytes(url), file: "housing-related-support.yaml")
        }
        #expect(error.finding.code == "wrong-document-kind")
        // The contract's map starts after its four comment lines.
        #expect((error.finding.location.line, error.finding.location.column) == (5, 1))
        #expect(error.finding.message == "this is a contract specification, not a return or bid")
    }

    // MARK: - CSV that is valid

    @Test func csvQuotedValueMayHoldALineBreak() throws {
        let text = "field,value\ndocument,return\nprepared_by_role,\"Contracts\nmanager\"\nstaff.headcount,64\n"
        let document = try DocumentReader.parse(Array(text.utf8), file: "r.csv")
        let role = try #require(document.values["return.prepared_by_role"])
        #expect(role.text == "Contracts\nmanager")
        #expect((role.position.line, role.position.column) == (3, 18))
        // The row after the quoted line break is on line 5.
        let headcount = try #require(document.values["staff.headcount"])
        #expect((headcount.keyPosition.line, headcount.position.line, headcount.position.column) == (5, 5, 17))
    }

    @Test func csvEmptyThirdColumnAndBlankLinesAreAccepted() throws {
        let text = "\u{FEFF}field,value,\r\ndocument,return,\r\n\r\ncontract,BHCC-2026-HRS-014,\r\nstaff.headcount,\"1,200\"\r\n"
        let document = try DocumentReader.parse(Array(text.utf8), file: "r.csv")
        #expect(document.kind == .return)
        #expect(document.values["return.contract"]?.text == "BHCC-2026-HRS-014")
        let contract = try #require(document.values["return.contract"])
        #expect((contract.position.line, contract.position.column) == (4, 10))
        #expect(document.values["staff.headcount"]?.text == "1,200")
        #expect(document.order == ["return.contract", "staff.headcount"])
    }

    @Test func csvEmptyCellIsAMissingValueAtItsRow() throws {
        let text = "field,value\ndocument,return\ncontract,BHCC-2026-HRS-014\nstaff.headcount,\n"
        let document = try DocumentReader.parse(Array(text.utf8), file: "r.csv")
        let value = try #require(document.values["staff.headcount"])
        #expect(value.isNull)
        #expect((value.position.line, value.position.column) == (4, 1))
    }

    // MARK: - The same return in three formats

    /// A finding without its location: what must agree across formats.
    struct Essence: Hashable, Comparable, CustomStringConvertible {
        var code: String
        var field: String
        var severity: String

        static func < (a: Essence, b: Essence) -> Bool { (a.code, a.field, a.severity) < (b.code, b.field, b.severity) }
        var description: String { "\(severity)[\(code)] \(field)" }
    }

    static func essence(_ report: DocumentReport) -> [Essence] {
        report.findings.map { Essence(code: $0.code, field: $0.field ?? "-", severity: $0.severity.rawValue) }.sorted()
    }

    static let returns = CheckFixtures.contracts.appendingPathComponent("returns")
    static let parity = CheckFixtures.folder.appendingPathComponent("parity")

    @Test(
        "the same return in YAML, JSON and CSV gives the same findings",
        arguments: [
            (
                "good",
                [
                    returns.appendingPathComponent("hrs-2027-q2-good.yaml"), returns.appendingPathComponent("hrs-2027-q2-good.json"),
                    returns.appendingPathComponent("hrs-2027-q2-good.csv"),
                ]
            ),
            (
                "bad",
                [
                    returns.appendingPathComponent("hrs-2027-q2-bad.yaml"), parity.appendingPathComponent("hrs-2027-q2-bad.json"),
                    parity.appendingPathComponent("hrs-2027-q2-bad.csv"),
                ]
            ),
        ])
    func formatParity(_ label: String, _ files: [URL]) throws {
        var reports: [DocumentReport] = []
        for url in files {
            let (_, report) = try CheckFixtures.check(
                try CheckFixtures.bytes(url), file: url.lastPathComponent,
                evidence: try CheckFixtures.evidence())
            reports.append(report)
        }
        let yaml = reports[0]
        if label == "good" {
            #expect(yaml.findings.isEmpty, "\(yaml.findingLines)")
        } else {
            #expect(Set(yaml.findings.map(\.code)).count >= 10, "the bad return shows many mistakes: \(yaml.findingLines)")
        }
        for report in reports.dropFirst() {
            #expect(Self.essence(report) == Self.essence(yaml), "\(report.file) differs from \(yaml.file)")
            #expect(report.requirements == yaml.requirements, "\(report.file): requirement statuses differ")
            #expect(report.verdict == yaml.verdict)
            #expect(report.periodStart == yaml.periodStart && report.periodEnd == yaml.periodEnd)
            #expect(report.kind == yaml.kind)
        }
    }
}
