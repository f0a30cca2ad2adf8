import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The shipped library, loaded once.
enum Shipped {
    static let library: Library = {
        let load = LibraryLoader.load(from: Fixtures.shippedLibrary.path)
        precondition(load.inputErrors.isEmpty && load.library != nil, "the shipped library does not load")
        return load.library!
    }()

    /// The example contract specs, by file name.
    static let contractFiles = [
        "refuse-collection", "housing-related-support", "substance-misuse", "debt-and-welfare-advice", "specialist-domestic-abuse",
    ]

    static func contract(_ name: String) throws -> Contract {
        let path = Fixtures.packageRoot.appendingPathComponent("Contracts/\(name).yaml").path
        let (contract, findings) = try ContractLoader.load(path, library: library)
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
        // Named as a user in the package folder would name it, so that golden files do not
        // depend on where the package is checked out.
        var resolved = try #require(contract)
        resolved.file = "Contracts/\(name).yaml"
        return resolved
    }

    /// Resolves a contract written inline.
    static func resolve(_ text: String, file: String = "spec.yaml") throws -> (Contract?, [Finding]) {
        let root = try #require(try YAMLReader.parse(Array(text.utf8), file: file))
        return ContractLoader.resolve(root, file: file, library: library)
    }
}

/// Compares text with a golden file in `Snapshots/`. With `RECORD_SNAPSHOTS=1` it rewrites the
/// file and then fails, as swift-argument-parser's `expectSnapshot` does, so that a run that
/// records can never pass: review the diff, then run again without it.
func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try Data(text.utf8).write(to: url, options: .atomic)
        Issue.record(
            "recorded \(name) (RECORD_SNAPSHOTS=1): review the diff, then run the tests again without it", sourceLocation: sourceLocation)
        return
    }
    guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(name); run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if recorded != text {
        let a = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let expected = line < a.count ? String(a[line]) : "<end>"
        let actual = line < b.count ? String(b[line]) : "<end>"
        Issue.record("\(name) differs at line \(line + 1):\n  golden: \(expected)\n  actual: \(actual)", sourceLocation: sourceLocation)
    }
}

@Suite("Generator: golden files")
struct GoldenTests {
    @Test("schedule", arguments: Shipped.contractFiles, ScheduleFormat.allCases)
    func schedule(name: String, format: ScheduleFormat) throws {
        let contract = try Shipped.contract(name)
        let text = format.render(ScheduleBuilder.build(contract, library: Shipped.library))
        try assertSnapshot(text, named: "\(name).schedule.\(format.fileExtension)")
    }

    @Test("templates", arguments: Shipped.contractFiles)
    func templates(name: String) throws {
        let contract = try Shipped.contract(name)
        try assertSnapshot(
            TemplateWriter.render(contract, library: Shipped.library, kind: .return, format: .yaml), named: "\(name).return.yaml")
        try assertSnapshot(
            TemplateWriter.render(contract, library: Shipped.library, kind: .return, format: .csv), named: "\(name).return.csv")
        try assertSnapshot(TemplateWriter.render(contract, library: Shipped.library, kind: .bid, format: .yaml), named: "\(name).bid.yaml")
    }

    @Test("every output is byte-identical when made twice", arguments: Shipped.contractFiles)
    func determinism(name: String) throws {
        func make() throws -> [String] {
            let load = LibraryLoader.load(from: Fixtures.shippedLibrary.path)
            let library = try #require(load.library)
            let path = Fixtures.packageRoot.appendingPathComponent("Contracts/\(name).yaml").path
            let contract = try #require(try ContractLoader.load(path, library: library).0)
            var outputs = ScheduleFormat.allCases.map { $0.render(ScheduleBuilder.build(contract, library: library)) }
            outputs.append(TemplateWriter.render(contract, library: library, kind: .return, format: .yaml))
            outputs.append(TemplateWriter.render(contract, library: library, kind: .bid, format: .yaml))
            let digests = outputs.map { (path: "x", sha256: Digest.sha256($0.utf8)) }
            outputs.append(Manifest.json(contract, library: library, inputs: load.files, outputs: digests))
            return outputs
        }
        #expect(try make() == make())
    }
}

@Suite("Generator: the schedule's content")
struct ScheduleContentTests {
    @Test("clauses are numbered by tier, then area order, and cross-references use those numbers")
    func numbering() throws {
        let contract = try Shipped.contract("housing-related-support")
        #expect(contract.numbers["DA-POL-1"] == "1.1")
        #expect(contract.numbers["DA-STAFF-1"] == "2.1")
        #expect(contract.numbers["DA-TRN-1"] == "4.1")
        #expect(contract.numbers["DA-ASK-1"] == "5.1")
        let text = ScheduleFormat.markdown.render(ScheduleBuilder.build(contract, library: Shipped.library))
        // DA-TRN-1 refers to DA-ASK-1 by id in the library; the schedule says clause 5.1.
        #expect(text.contains("in accordance with [clause 5.1](#da-ask-1)"))
        #expect(!text.contains("{{"))
    }

    @Test("definitions hold exactly the terms the clauses use, alphabetically")
    func definitions() throws {
        let basic = ScheduleBuilder.build(try Shipped.contract("refuse-collection"), library: Shipped.library)
        let terms = basic.definitions.map(\.term)
        #expect(terms == terms.sorted { $0.lowercased() < $1.lowercased() })
        #expect(terms.contains("Domestic Abuse"))
        #expect(!terms.contains("Respect Standard"), "a basic contract uses no perpetrator clause")
        // Every defined term that an included definition uses is defined too.
        for definition in basic.definitions {
            for other in Shipped.library.definitions where definition.text.contains(other.term) {
                #expect(terms.contains(other.term), "'\(definition.term)' uses '\(other.term)', which is not defined")
            }
        }
        let specialist = ScheduleBuilder.build(try Shipped.contract("specialist-domestic-abuse"), library: Shipped.library)
        #expect(specialist.definitions.map(\.term).contains("Marac"))
    }

    @Test("the reporting annex lists every measure with its clause number, rule and target")
    func annex() throws {
        let contract = try Shipped.contract("housing-related-support")
        let document = ScheduleBuilder.build(contract, library: Shipped.library)
        let trained = try #require(document.measures.first { $0.field == "training.trained" })
        #expect(trained.clauses == ["4.1 (DA-TRN-1)"])
        #expect(trained.rules.contains { $0.contains("at least 80% of training.staff_in_scope") })
        #expect(document.periods.count == 12)
        #expect(document.periods[0].start.description == "2026-04-01")
        #expect(document.periods[0].end.description == "2026-06-30")
        #expect(document.periods[0].due.description == "2026-07-30")
        #expect(document.periods.last?.end.description == "2029-03-31")
    }

    @Test("clauses left out are recorded with their reasons")
    func omitted() throws {
        let contract = try Shipped.contract("specialist-domestic-abuse")
        #expect(contract.numbers["DA-PERP-1"] == nil)
        let markdown = ScheduleFormat.markdown.render(ScheduleBuilder.build(contract, library: Shipped.library))
        #expect(markdown.contains("| DA-PERP-1 |"))
        #expect(markdown.contains("separate contract"))
    }

    @Test("a clause of a higher tier can be added")
    func added() throws {
        let contract = try Shipped.contract("substance-misuse")
        #expect(contract.tier == "targeted")
        #expect(contract.numbers["DA-YP-1"] != nil)
        #expect(contract.numbers["DA-MARAC-1"] == nil)
    }

    @Test("every value that reaches HTML is escaped")
    func htmlEscaping() throws {
        let (contract, findings) = try Shipped.resolve(
            """
            contract:
              reference: X-1
              title: "Support <b>& advice</b>"
              commissioner: "Council \\"A\\" & 'B'"
              supplier: "<script>alert(1)</script>"
              service: refuse-collection
              start: 2026-04-01
              end: 2027-03-31
              library: { id: uk-da-horizontal, version: 2.0.0 }
            """)
        #expect(findings.isEmpty)
        let html = ScheduleFormat.html.render(ScheduleBuilder.build(try #require(contract), library: Shipped.library))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Support &lt;b&gt;&amp; advice&lt;/b&gt;"))
        #expect(html.contains("Council &quot;A&quot; &amp; &#39;B&#39;"))
        #expect(html.contains("<html lang=\"en-GB\">"))
        let markdown = ScheduleFormat.markdown.render(ScheduleBuilder.build(try #require(contract), library: Shipped.library))
        #expect(!markdown.contains("<script>"))
    }
}

@Suite("Generator: contract spec defects")
struct ContractSpecTests {
    static let valid = """
        contract:
          reference: T-1
          title: Test
          commissioner: Council
          supplier: Supplier Ltd
          service: housing-related-support
          start: 2026-04-01
          end: 2029-03-31
          reporting: quarterly
          return_due_days: 30
          library: { id: uk-da-horizontal, version: 2.0.0 }
        parameters:
          training_target_percent: 80

        """

    @Test("a monthly contract has a reporting period a month")
    func monthly() throws {
        let (contract, findings) = try Shipped.resolve(
            Self.valid.replacingOccurrences(of: "reporting: quarterly", with: "reporting: monthly"))
        #expect(findings.isEmpty)
        let periods = try #require(contract).periods
        #expect(periods.count == 36)
        #expect(periods.first.map { "\($0.start) \($0.end) \($0.due)" } == "2026-04-01 2026-04-30 2026-05-30")
    }

    @Test("the valid base spec resolves with no findings")
    func valid() throws {
        let (contract, findings) = try Shipped.resolve(Self.valid)
        #expect(findings.isEmpty)
        #expect(contract?.tier == "targeted")
    }

    /// Each case edits the valid spec; the finding must point at the given line and column.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var replace: String
        var with: String
        var code: String
        var line: Int
        var column: Int
        var says: String = ""
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "out-of-range parameter", replace: "training_target_percent: 80", with: "training_target_percent: 150",
            code: "parameter-out-of-range", line: 13, column: 28, says: "0 to 100"),
        Case(
            name: "unknown parameter", replace: "training_target_percent: 80", with: "training_target_prcent: 80",
            code: "unknown-parameter", line: 13, column: 3, says: "did you mean 'training_target_percent'"),
        Case(
            name: "parameter of a clause not held", replace: "training_target_percent: 80", with: "past_help_check_percent: 80",
            code: "parameter-not-in-contract", line: 13, column: 3, says: "DA-CASE-1"),
        Case(
            name: "missing key", replace: "  commissioner: Council\n", with: "", code: "missing-key", line: 2, column: 3,
            says: "'commissioner'"),
        Case(
            name: "unknown key", replace: "  reporting: quarterly", with: "  reportng: quarterly", code: "unknown-key", line: 9, column: 3,
            says: "did you mean 'reporting'"),
        Case(
            name: "unknown service", replace: "service: housing-related-support", with: "service: housing-support",
            code: "unknown-service", line: 6, column: 12, says: "did you mean 'housing-related-support'"),
        Case(
            name: "tier below the catalogue", replace: "  start: 2026-04-01", with: "  tier: basic\n  start: 2026-04-01",
            code: "tier-below-catalogue", line: 7, column: 9, says: "catalogue tier 'targeted'"),
        Case(name: "end before start", replace: "end: 2029-03-31", with: "end: 2025-03-31", code: "end-before-start", line: 8, column: 8),
        Case(name: "impossible date", replace: "end: 2029-03-31", with: "end: 2029-02-30", code: "wrong-type", line: 8, column: 8),
        Case(
            name: "library version mismatch", replace: "version: 2.0.0", with: "version: 1.0.0", code: "library-mismatch", line: 11,
            column: 45,
            says: "library is version 2.0.0"),
        Case(
            name: "library id mismatch", replace: "id: uk-da-horizontal", with: "id: other", code: "library-mismatch", line: 11, column: 18),
        Case(
            name: "unknown reporting frequency", replace: "reporting: quarterly", with: "reporting: fortnightly", code: "wrong-type",
            line: 9,
            column: 14),
        Case(
            name: "omit without a reason", replace: "parameters:", with: "clauses:\n  omit: { DA-TRN-2: \"\" }\nparameters:",
            code: "omit-without-reason", line: 13, column: 11),
        Case(
            name: "unknown clause added", replace: "parameters:", with: "clauses:\n  add: [DA-MARAC-9]\nparameters:",
            code: "unknown-clause", line: 13, column: 9),
        Case(
            name: "omitting a clause another refers to", replace: "parameters:",
            with: "clauses:\n  omit: { DA-ASK-1: \"not needed in this housing service\" }\nparameters:",
            code: "omitted-clause-referenced", line: 13, column: 11, says: "DA-TRN-1 refers to it"),
        Case(
            name: "omit a core clause", replace: "parameters:",
            with: "clauses:\n  omit: { DA-POL-1: \"we have a policy of our own already\" }\nparameters:",
            code: "omit-core-clause", line: 13, column: 11, says: "core clause"),
        Case(
            name: "omit with a reason that is no sentence", replace: "parameters:",
            with: "clauses:\n  omit: { DA-TRN-2: \"x\" }\nparameters:",
            code: "omit-reason-too-short", line: 13, column: 21, says: "at least four words"),
        Case(
            name: "add a clause its tier does not hold", replace: "parameters:", with: "clauses:\n  add: [DA-TRN-3]\nparameters:",
            code: "clause-not-at-tier", line: 13, column: 9, says: "not held at the targeted tier"),
        Case(
            name: "return_due_days out of range", replace: "return_due_days: 30", with: "return_due_days: 400", code: "out-of-range",
            line: 10, column: 20),
    ]

    @Test("each defect is reported at its location", arguments: cases)
    func defect(_ c: Case) throws {
        #expect(Self.valid.contains(c.replace))
        let (contract, findings) = try Shipped.resolve(Self.valid.replacingOccurrences(of: c.replace, with: c.with))
        #expect(contract == nil)
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors.map(\.compilerStyle))")
        let finding = try #require(errors.first)
        #expect(finding.code == c.code)
        #expect(finding.location.line == c.line && finding.location.column == c.column, "\(finding.compilerStyle)")
        #expect(c.says.isEmpty || finding.message.contains(c.says), "\(finding.message)")
    }

    @Test("omitting a referenced clause names both clauses, with a note at the reference")
    func omittedReferenceNote() throws {
        let text = Self.valid.replacingOccurrences(
            of: "parameters:", with: "clauses:\n  omit: { DA-ASK-1: \"not needed in this housing service\" }\nparameters:")
        let (_, findings) = try Shipped.resolve(text)
        let finding = try #require(findings.first { $0.code == "omitted-clause-referenced" })
        #expect(finding.message.contains("DA-ASK-1") && finding.message.contains("DA-TRN-1"))
        #expect(finding.notes.first?.location.file.hasSuffix("DA-TRN-1.yaml") == true)
    }
}

/// CSV templates are safe to open in a spreadsheet (issue #12, class 5, in part): a value that
/// would start a formula is written with an apostrophe, and `check` reads it back as written in
/// the contract.
@Suite("CSV templates and formulas")
struct CSVFormulaTests {
    @Test(
        "a supplier whose name would start a formula reads back as its name",
        arguments: ["=HYPERLINK(\"http://x\",\"y\")", "+44 Ltd", "-Minus Ltd", "@Home Ltd", "Plain Ltd"])
    func roundTrip(_ supplier: String) throws {
        let spec = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("Contracts/housing-related-support.yaml"), encoding: .utf8)
        let quoted = "\"" + supplier.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let (contract, findings) = try Shipped.resolve(
            spec.replacingOccurrences(of: "supplier: Example Housing Trust", with: "supplier: \(quoted)"))
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map(\.compilerStyle))")
        let resolved = try #require(contract)
        #expect(resolved.supplier == supplier)
        let csv = TemplateWriter.render(resolved, library: Shipped.library, kind: .return, format: .csv, period: resolved.periods[5])
        // No cell of the template starts a formula.
        for line in csv.split(separator: "\n") {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                #expect(!(bare.unicodeScalars.first.map { CSVText.formulaStarts.contains($0) } ?? false), "\(line)")
            }
        }
        let document = try DocumentReader.parse(Array(csv.utf8), file: "t.csv")
        #expect(document["return.supplier"]?.text == supplier)
    }
}
