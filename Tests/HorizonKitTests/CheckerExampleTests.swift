import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel
@testable import HorizonOffice

/// The example returns and bids under `Contracts/` (used by the README walkthrough): every good
/// example complies with no error and no warning, and every bad example gives exactly the
/// findings its `# expect:` markers name.
enum CheckExamples {
    /// `Contracts/returns` and `Contracts/bids`.
    static let folders = ["returns", "bids"].map { CheckFixtures.contracts.appendingPathComponent($0) }

    /// Every example, as `returns/NAME` or `bids/NAME`, sorted.
    static var names: [String] {
        folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { !$0.hasPrefix(".") }
                .map { folder.lastPathComponent + "/" + $0 }
        }.sorted()
    }

    /// Good examples are named `…-good.EXT`; every other example is bad.
    static func isGood(_ name: String) -> Bool {
        (name as NSString).deletingPathExtension.hasSuffix("-good")
    }

    /// The contract specifications, `Contracts/*.yaml`, as paths from the package root.
    static var contractPaths: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: CheckFixtures.contracts.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Contracts/" + $0 }
    }

    /// The contract specification whose reference is `reference`.
    static func contractPath(for reference: String) throws -> String? {
        for path in contractPaths where try CheckFixtures.contract(path).reference == reference { return path }
        return nil
    }

    /// The short name examples of a contract start with: `hrs` for housing-related support.
    static let shortNames = [
        "Contracts/housing-related-support.yaml": "hrs", "Contracts/substance-misuse.yaml": "sms",
        "Contracts/debt-and-welfare-advice.yaml": "dwa", "Contracts/refuse-collection.yaml": "ref",
        "Contracts/specialist-domestic-abuse.yaml": "das",
    ]
}

@Suite("Checker examples in Contracts/")
struct CheckerExampleTests {
    /// Parses and checks an example against the contract its header names.
    static func check(_ name: String) throws -> (SupplierDocument, DocumentReport) {
        let url = CheckFixtures.contracts.appendingPathComponent(name)
        let bytes = try CheckFixtures.bytes(url)
        let document = try OfficeDocumentReader.parse(bytes, file: name)
        let reference = try #require(document.values["\(document.kind.rawValue).contract"]?.text, "\(name) names no contract")
        let contract = try #require(try CheckExamples.contractPath(for: reference), "\(name): no contract \(reference) in Contracts/")
        return try CheckFixtures.check(bytes, file: name, contract: contract, evidence: try CheckFixtures.evidence())
    }

    @Test("good examples comply with no error and no warning", arguments: CheckExamples.names.filter(CheckExamples.isGood))
    func goodExample(_ name: String) throws {
        let (document, report) = try Self.check(name)
        #expect(report.verdict == .compliant)
        #expect(report.findings.allSatisfy { $0.severity == .info }, "\(report.findingLines)")
        #expect(report.requirements.allSatisfy { $0.status == .met || $0.status == .notApplicable })
        // Infos only where marked (a natural small number).
        if name.hasSuffix(".yaml") {
            let expectation = try CheckExpectation.load(CheckFixtures.contracts.appendingPathComponent(name), name: name)
            let mismatch = MarkedText.compare(report.findings, relative: { $0 }, expect: expectation.expect, notes: expectation.notes)
            #expect(mismatch.isEmpty, "\(mismatch.description)")
        } else {
            #expect(report.findings.isEmpty, "\(report.findingLines)")
        }
        // A return is for a real period of its contract, sent within the days allowed.
        if document.kind == .return {
            let contract = try CheckFixtures.contract(try #require(try CheckExamples.contractPath(for: report.contract)))
            let period = try #require(contract.periods.first { $0.start == report.periodStart && $0.end == report.periodEnd })
            let submitted = try #require(document.values["return.submitted_on"].flatMap { CivilDate(iso: $0.text) })
            #expect(submitted >= period.end && submitted <= period.due)
        }
    }

    @Test(
        "bad YAML examples give exactly their marked findings",
        arguments: CheckExamples.names.filter { !CheckExamples.isGood($0) && $0.hasSuffix(".yaml") })
    func badExample(_ name: String) throws {
        let url = CheckFixtures.contracts.appendingPathComponent(name)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text.hasPrefix("# "), "a bad example starts with comment lines saying what is wrong")
        let expectation = try CheckExpectation.load(url, name: name)
        #expect(!expectation.expect.isEmpty, "a bad example marks its findings")
        let findings: [Finding]
        do {
            findings = try Self.check(name).1.findings
        } catch let error as InputError {
            findings = [error.finding]  // a duplicate key: the document cannot be read
        }
        let mismatch = MarkedText.compare(findings, relative: { $0 }, expect: expectation.expect, notes: expectation.notes)
        #expect(mismatch.isEmpty, "\(mismatch.description)")
    }

    @Test func semicolonSeparatedExportCannotBeRead() throws {
        let name = "returns/hrs-2027-q2-bad-semicolons.csv"
        let error = try #require(throws: InputError.self) {
            try DocumentReader.parse(try CheckFixtures.bytes(CheckFixtures.contracts.appendingPathComponent(name)), file: name)
        }
        #expect(error.finding.code == "csv-semicolon")
        #expect((error.finding.location.line, error.finding.location.column) == (1, 1))
    }

    /// Every bad example is accounted for: the YAML ones by their markers, the rest here.
    @Test func everyBadExampleIsTested() {
        let bad = CheckExamples.names.filter { !CheckExamples.isGood($0) && !$0.hasSuffix(".yaml") }
        #expect(bad == ["returns/hrs-2027-q2-bad-semicolons.csv"])
    }

    /// Each contract has a good return and a good bid, named after its short name.
    @Test(arguments: CheckExamples.contractPaths)
    func everyContractHasGoodExamples(_ contract: String) throws {
        let short = try #require(CheckExamples.shortNames[contract], "no short name for \(contract)")
        let names = CheckExamples.names
        #expect(names.contains("bids/\(short)-bid-good.yaml"))
        let good = names.filter { $0.hasPrefix("returns/\(short)-") && $0.hasSuffix("-good.yaml") }
        #expect(!good.isEmpty, "\(good)")
        for name in good {
            #expect(try CheckExamples.contractPath(for: Self.check(name).1.contract) == contract)
        }
    }

    /// The good housing return exists in all three formats.
    @Test func housingReturnInThreeFormats() {
        let names = Set(CheckExamples.names)
        for ext in ["yaml", "json", "csv"] {
            #expect(names.contains("returns/hrs-2027-q2-good.\(ext)"))
        }
    }

    // MARK: - Templates the examples were written from

    /// The CSV return template of each contract, filled in with the values of its good
    /// example, is the same compliant return: the template asks for exactly the fields the
    /// checker needs.
    @Test(arguments: CheckExamples.names.filter { CheckExamples.isGood($0) && $0.hasPrefix("returns/") && $0.hasSuffix(".yaml") })
    func filledCSVTemplateComplies(_ name: String) throws {
        let (document, report) = try Self.check(name)
        let path = try #require(try CheckExamples.contractPath(for: report.contract))
        let contract = try CheckFixtures.contract(path)
        let period = contract.periods.first { $0.start == report.periodStart && $0.end == report.periodEnd }
        let template = TemplateWriter.render(contract, library: try CheckFixtures.library(), kind: .return, format: .csv, period: period)
        var rows: [String] = []
        var asked: Set<String> = []
        for line in template.split(separator: "\n").map(String.init) {
            guard let comma = line.firstIndex(of: ","), !line.hasPrefix("field,"), !line.hasPrefix("document,") else {
                rows.append(line)
                continue
            }
            let field = String(line[..<comma])
            let id = DocumentSchema.return.header.contains { $0.name == field } ? "return." + field : field
            asked.insert(id)
            let value = try #require(document.values[id], "\(name) has no value for the template's '\(id)'").text
            rows.append(field + "," + (value.contains(",") ? "\"\(value)\"" : value))
        }
        let given = Set(document.order.filter { document.values[$0]?.isNull == false })
        #expect(asked == given, "template only: \(asked.subtracting(given).sorted()); example only: \(given.subtracting(asked).sorted())")
        let filled = try CheckFixtures.check(
            Array((rows.joined(separator: "\n") + "\n").utf8), file: "filled.csv", contract: path,
            evidence: try CheckFixtures.evidence()
        ).1
        #expect(filled.findings.map(\.code) == report.findings.map(\.code), "\(filled.findingLines)")
        #expect(filled.requirements == report.requirements)
    }

    /// Every template `horizon template` writes can be read back as a document.
    @Test(arguments: CheckExamples.contractPaths)
    func templatesCanBeRead(_ path: String) throws {
        let contract = try CheckFixtures.contract(path)
        let library = try CheckFixtures.library()
        for kind in DocumentKind.allCases {
            for format in TemplateFormat.allCases {
                let text = TemplateWriter.render(contract, library: library, kind: kind, format: format, period: contract.periods.first)
                let file = "template." + format.rawValue
                let read = { () throws -> Void in
                    let document = try DocumentReader.parse(Array(text.utf8), file: file)
                    #expect(document.kind == kind)
                }
                #expect(throws: Never.self, "\(kind.rawValue) template as \(format.rawValue)") { try read() }
            }
        }
    }

    /// Each good return's policy file is in `Contracts/evidence` with the digest it gives.
    @Test(arguments: CheckExamples.names.filter { CheckExamples.isGood($0) && $0.hasPrefix("returns/") })
    func evidenceMatches(_ name: String) throws {
        let (document, _) = try Self.check(name)
        let path = try #require(document.values["policy.document"]?.text)
        let digest = try #require(document.values["policy.sha256"]?.text)
        let bytes = try CheckFixtures.bytes(CheckFixtures.evidenceFolder.appendingPathComponent(path))
        #expect(Digest.sha256(bytes) == digest.lowercased())
    }
}
