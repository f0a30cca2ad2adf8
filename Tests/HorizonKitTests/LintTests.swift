import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Lint fixtures: `Fixtures/lint/base` is a minimal sound library; every other folder there is a
/// case laid over it, whose `# expect:` and `# note:` markers say exactly which findings lint
/// must report (see `MarkedText`).
@Suite("Lint")
struct LintTests {
    /// One lint case: a folder under `Fixtures/lint`.
    struct Case: CustomTestStringConvertible, Sendable {
        /// The folder name.
        var folder: String
        /// Message fragments that findings of a code must hold: (code, fragment).
        var messages: [(code: String, fragment: String)] = []
        /// When set, the case shows a known bug in Sources; the text says which.
        var knownIssue: String? = nil

        var testDescription: String { folder }
    }

    static let cases: [Case] = [
        Case(folder: "missing-core-field", messages: [("missing-core-field", "core field 'staff.disclosures' is not declared")]),
        Case(folder: "counted-without-unit", messages: [("counted-without-unit", "'review_days' declares no 'unit'")]),
        Case(
            folder: "given-names",
            messages: [
                ("wrong-count", "'count' is 3 but the list holds 2 names"),
                ("unknown-name", "'Victoria' is listed as ambiguous but is not among the names"),
            ]),
        Case(folder: "empty-value", messages: [("empty-value", "the clause title is empty")]),
        Case(
            folder: "bad-condition",
            messages: [
                ("bad-condition", "'when' asks for disclosure_contact 'manager', which is not one of its values"),
                ("bad-condition", "'when' names 'disclosure_days', which is not a text parameter of DA-POL-2"),
            ]),
        Case(folder: "duplicate-id-clause", messages: [("duplicate-id", "clause 'DA-POL-2' is defined twice")]),
        Case(
            folder: "duplicate-id-library",
            messages: [
                ("duplicate-id", "tier 'basic' is defined twice"), ("duplicate-id", "area 'POL' is defined twice"),
                ("duplicate-id", "service 'catering' is defined twice"),
            ]),
        Case(
            folder: "duplicate-id-requirement-and-parameter",
            messages: [
                ("duplicate-id", "requirement of DA-POL-2 'reviewed' is defined twice"),
                ("duplicate-id", "parameter 'review_grace_days' is defined twice"),
            ]),
        Case(
            folder: "duplicate-id-field-and-term",
            messages: [("duplicate-id", "field 'extra.visits' is defined twice"), ("duplicate-id", "term 'Policy Lead' is defined twice")]),
        Case(folder: "tier-includes-itself", messages: [("tier-includes-itself", "tier 'extra' includes itself")]),
        Case(folder: "tier-loop", messages: [("tier-includes-itself", "tier 'targeted' includes itself through 'specialist'")]),
        Case(
            folder: "unknown-tier",
            messages: [
                ("unknown-tier", "tier 'specialist' includes unknown tier 'targetted'; did you mean 'targeted'?"),
                ("unknown-tier", "service 'outreach' is mapped to unknown tier 'specialst'; did you mean 'specialist'?"),
                ("unknown-tier", "clause DA-POL-2 has unknown tier 'premium'"),
            ]),
        Case(folder: "unknown-area", messages: [("unknown-area", "clause DA-XYZ-1 is in unknown area 'XYZ'")]),
        Case(
            folder: "undeclared-parameter",
            messages: [("undeclared-parameter", "clause text uses parameter 'response_days', which DA-POL-2 does not declare")]),
        Case(folder: "unused-parameter", messages: [("unused-parameter", "parameter 'spare_days' is declared but used neither")]),
        Case(
            folder: "default-out-of-range",
            messages: [
                ("default-out-of-range", "the default of 'grace_days', '400', is outside its own range (0 to 365)"),
                ("default-out-of-range", "the default of 'review_body', 'council', is outside its own range (one of 'board', 'committee')"),
                ("bad-range", "parameter 'panel_size' has min 10 above max 5"),
            ]),
        Case(
            folder: "unknown-field",
            messages: [
                ("unknown-field", "requirement 'disclosures' names unknown field 'staff.headcont'; did you mean 'staff.headcount'?"),
                ("unknown-field", "unknown field 'staff.disclosure'; did you mean 'staff.disclosures'?"),
            ]),
        Case(
            folder: "unknown-parameter",
            messages: [("unknown-parameter", "rule names parameter 'champions_floor', which DA-POL-2 does not declare")]),
        Case(
            folder: "field-not-in-document",
            messages: [("field-not-in-document", "field 'policy.adopted_on' is not part of a bid, which requirement 'bid-adopted' judges")]),
        Case(
            folder: "wrong-field-type",
            messages: [
                ("wrong-field-type", "a 'staff.headcount' is a count, but this rule needs a bool"),
                ("wrong-field-type", "rule needs a whole-number parameter, but 'report_to' is text"),
            ]),
        Case(folder: "unknown-reference", messages: [("unknown-reference", "clause text refers to unknown clause 'DA-POL-9'")]),
        Case(
            folder: "reference-to-higher-tier",
            messages: [("reference-to-higher-tier", "DA-POL-2 (basic) refers to DA-ASK-1 (specialist)")]),
        Case(
            folder: "undefined-term",
            messages: [
                (
                    "undefined-term",
                    "clause text uses term 'Domestic Abuser', which definitions.yaml does not define; did you mean 'Domestic Abuse'?"
                )
            ]),
        Case(folder: "unused-term", messages: [("unused-term", "term 'Service User' is defined but no clause uses it")]),
        Case(folder: "no-guidance", messages: [("no-guidance", "clause DA-POL-2 has no commissioner guidance")]),
        Case(folder: "no-basis", messages: [("no-basis", "clause DA-POL-2 cites no legislation or guidance")]),
        Case(folder: "no-text", messages: [("no-text", "clause DA-POL-2 has no contract text")]),
        Case(folder: "bad-id", messages: [("bad-id", "clause id 'DA-pol-2' is not of the form DA-<AREA>-<n>")]),
        Case(
            folder: "bad-version",
            messages: [
                ("bad-version", "the library version 'v0.1' is not MAJOR.MINOR.PATCH"), ("bad-version", "clause version '1.0' is not"),
            ]),
        Case(
            folder: "bad-version-sign"),
        Case(folder: "bad-code", messages: [("bad-code", "finding code 'Policy_Missing' is not kebab-case")]),
        Case(
            folder: "unknown-key",
            messages: [
                ("unknown-key", "unknown key 'guidence' in 'clause'; did you mean 'guidance'?"),
                ("unknown-key", "unknown key 'severty' in a rule; did you mean 'severity'?"),
            ]),
        Case(
            folder: "unknown-rule-kind",
            messages: [
                ("unknown-rule-kind", "unknown rule kind 'is_ture'; did you mean 'is_true'?"),
                ("unknown-rule-kind", "unknown rule kind 'percent_atleast'; did you mean 'percent_at_least'?"),
            ]),
        Case(
            folder: "missing-key",
            messages: [
                ("missing-key", "a requirement has no 'summary'"), ("missing-key", "a rule has no 'field'"),
                ("missing-key", "'clause' has no 'tier'"),
            ]),
        Case(
            folder: "wrong-type",
            messages: [
                ("wrong-type", "'ppn002' must be a list, not a single value"),
                ("wrong-type", "the default of parameter 'act_days' must be a whole number written plainly, not '1e3'"),
                ("wrong-type", "severity must be 'error' or 'warning', not 'fatal'"),
                ("wrong-type", "'suppress' must be 'true' or 'false', not 'yes'"),
            ]),
        Case(folder: "bad-markup"),
        Case(folder: "requirements-shape"),
        Case(folder: "unknown-type", messages: [("unknown-type", "unknown field type 'cuont'; did you mean 'count'?")]),
        Case(folder: "unreadable-clause", messages: [("duplicate-key", "duplicate key 'version'")]),
        Case(
            folder: "missing-core-parameter",
            messages: [("missing-core-parameter", "core parameter 'suppression_threshold' is declared by no clause")]),
        Case(
            folder: "missing-code"),
        Case(
            folder: "tier-chain-into-loop"),
        Case(
            folder: "missing-key-cascade"),
        Case(
            folder: "duty-not-judged",
            messages: [("duty-not-judged", "this paragraph imposes a duty ('shall') but says nothing of what judges it")]),
        Case(
            folder: "unknown-requirement",
            messages: [
                ("unknown-requirement", "'judged_by' names 'reviewd', which is not a requirement of DA-POL-2; did you mean 'reviewed'?"),
                ("unknown-requirement", "'judged_by' names 'policy-adopted', which is not a requirement of DA-POL-2"),
            ]),
        Case(
            folder: "level-not-judged",
            messages: [("level-not-judged", "this paragraph sets a level ('{{review_months}}'), so a rule must judge it")]),
        Case(
            folder: "parameter-not-judged",
            messages: [("parameter-not-judged", "the text sets a level with '{{review_days}}', but no rule of DA-POL-2 uses it")]),
        Case(
            folder: "conflicting-trace",
            messages: [
                (
                    "conflicting-trace",
                    "a paragraph is judged either by requirements ('judged_by') or at a stated point ('judged_at'), not both"
                )
            ]),
        Case(folder: "empty-trace", messages: [("empty-trace", "'judged_by' names no requirement")]),
        Case(
            folder: "kpi-not-a-share",
            messages: [("kpi-not-a-share", "requirement 'told-count' is marked as a KPI but has no percent_at_least rule")]),
        Case(
            folder: "not-at",
            messages: [
                ("unknown-tier", "'not_at' names tier 'specialst', which the library does not define; did you mean 'specialist'?"),
                ("no-reason", "'not_at' needs a 'not_at_reason' saying why those tiers do not hold DA-POL-3"),
            ]),
    ]

    // MARK: - Sound libraries

    @Test("the minimal base library lints clean")
    func baseIsClean() throws {
        let run = lintLibrary(at: Fixtures.lintBase.path)
        #expect(run.library != nil)
        #expect(run.findings.isEmpty, "\(run.report)")
        let library = try #require(run.library)
        #expect(library.clauses.map(\.id).sorted() == ["DA-ASK-1", "DA-POL-1", "DA-TRN-1"])
        #expect(library.tiers.map(\.id) == ["basic", "targeted", "specialist"])
        for name in Linter.coreParameters { #expect(library.parameter(name) != nil, "core parameter \(name)") }
        for id in Linter.coreFields { #expect(library.field(id) != nil, "core field \(id)") }
    }

    @Test("the shipped clause library lints clean")
    func shippedLibraryIsClean() throws {
        let run = lintLibrary(at: Fixtures.shippedLibrary.path)
        #expect(run.findings.isEmpty, "\(run.report)")
        let library = try #require(run.library)
        let clauseFiles = try relativeFiles(under: Fixtures.shippedLibrary.appendingPathComponent("clauses")).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(library.clauses.count == clauseFiles.count)
        #expect(library.clauses.count > 0)
    }

    // MARK: - Cases

    @Test("a lint case reports exactly its marked findings", arguments: cases)
    func markedFindings(_ testCase: Case) throws {
        try withLintCase(testCase.folder) { folder, run in
            let markers = try MarkedText.markers(inFolder: folder)
            #expect(!markers.expect.isEmpty, "the case has no '# expect:' marker")
            let mismatch = MarkedText.compare(run, expect: markers.expect, notes: markers.notes)
            if let issue = testCase.knownIssue {
                withKnownIssue(Comment(rawValue: issue)) {
                    #expect(mismatch.isEmpty, "\(mismatch.description)\n--- all findings:\n\(run.report)")
                }
            } else {
                #expect(mismatch.isEmpty, "\(mismatch.description)\n--- all findings:\n\(run.report)")
            }
            for (code, fragment) in testCase.messages {
                #expect(
                    run.findings(code).contains { $0.message.contains(fragment) },
                    "no \(code) finding says \"\(fragment)\"; found:\n\(run.report)")
            }
        }
    }

    @Test("every folder under Fixtures/lint is a listed case")
    func everyFolderIsACase() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Fixtures.lint.path)
            .filter { !$0.hasPrefix(".") && $0 != "base" }
        #expect(Set(folders) == Set(Self.cases.map(\.folder)))
    }

    /// Every library code of the registry (FindingCodes), each shown by at least one case's markers.
    @Test("the cases cover every lint code")
    func casesCoverEveryCode() throws {
        // Every library code of the registry, less the one a case cannot show alone: none.
        let promised = FindingCodes.codes(.library)
        var marked: Set<String> = []
        for testCase in Self.cases where testCase.knownIssue == nil {
            marked.formUnion(try MarkedText.markers(inFolder: Fixtures.lint.appendingPathComponent(testCase.folder)).expect.map(\.code))
        }
        #expect(promised.subtracting(marked).isEmpty, "no case marks \(promised.subtracting(marked).sorted())")
    }

    // MARK: - Details the markers do not show

    @Test("a duplicate id names the first definition in its note")
    func duplicateNote() throws {
        try withLintCase("duplicate-id-clause") { folder, run in
            let finding = try #require(run.findings("duplicate-id").first)
            #expect(finding.location.file == folder.path + "/clauses/targeted/DA-POL-2.yaml")
            #expect(finding.notes.count == 1)
            let note = try #require(finding.notes.first)
            #expect(note.message == "'DA-POL-2' is first defined here")
            #expect(note.location == SourceLocation(file: folder.path + "/clauses/basic/DA-POL-2.yaml", line: 2, column: 7))
            #expect(
                finding.compilerStyle.contains("\n\(folder.path)/clauses/basic/DA-POL-2.yaml:2:7: note: 'DA-POL-2' is first defined here"))
        }
    }

    @Test("a misspelt key with no near known key gets no suggestion")
    func noSuggestionWhenNothingIsNear() throws {
        try withLintCase("unknown-key") { _, run in
            let finding = try #require(run.findings("unknown-key").first { $0.message.contains("'meanng'") })
            #expect(!finding.message.contains("did you mean"), "\(finding.message)")
            let owner = try #require(run.findings("unknown-key").first { $0.message.contains("'owner'") })
            #expect(!owner.message.contains("did you mean"), "\(owner.message)")
        }
    }

    /// `titel` is one transposition from `title`; Levenshtein distance calls it 2, the same as
    /// `tier`, and the tie goes to the alphabetically first.
    @Test("a transposed key suggests the key it transposes")
    func transpositionSuggestion() throws {
        #expect(Nearest.match(for: "guidence", in: ["guidance", "tier", "title"]) == "guidance")
        #expect(Nearest.match(for: "titel", in: ["id", "version", "tier", "title", "text", "guidance"]) == "title")
    }

    @Test("lint findings are sorted by location")
    func findingsAreSorted() throws {
        try withLintCase("wrong-type") { _, run in
            let lint = Linter.lint(try #require(run.library))
            #expect(lint == lint.sorted(by: Finding.reportOrder))
            #expect(run.findings.count >= 7)
        }
    }

    @Test("loading the same library twice gives the same findings")
    func deterministic() throws {
        try withLintCase("unknown-field") { folder, first in
            let second = lintLibrary(at: folder.path)
            #expect(first.findings == second.findings)
        }
    }

    // MARK: - The marker helper itself

    @Test("markers are read with their lines, columns and counts")
    func markerParsing() {
        let text = """
            a: 1  # expect: one
            b: 2
            c: 3  # expect: two@4 two  # note: other
            """
        let found = MarkedText.markers(in: text, file: "f.yaml")
        #expect(
            found.expect == [
                MarkedText.Marker(file: "f.yaml", line: 1, code: "one", column: nil),
                MarkedText.Marker(file: "f.yaml", line: 3, code: "two", column: 4),
                MarkedText.Marker(file: "f.yaml", line: 3, code: "two", column: nil),
            ])
        #expect(found.notes == [MarkedText.Marker(file: "f.yaml", line: 3, code: "other", column: nil)])
    }

    @Test("the marker comparison fails on a missing, an unexpected or a doubled finding")
    func markerComparisonFails() {
        let at = { (line: Int, column: Int) in SourceLocation(file: "/lib/x.yaml", line: line, column: column) }
        let findings = [
            Finding(.error, "a", "first", at: at(1, 3)),
            Finding(.error, "b", "second", at: at(2, 5), notes: [Note("here", at: at(1, 1))]),
            Finding(.error, "b", "second again", at: at(2, 5)),
        ]
        let run = LintRun(directory: "/lib", library: nil, findings: findings, inputErrors: [])
        let marker = { (line: Int, code: String, column: Int?) in MarkedText.Marker(file: "x.yaml", line: line, code: code, column: column)
        }

        let exact = MarkedText.compare(
            run, expect: [marker(1, "a", 3), marker(2, "b", nil), marker(2, "b", 5)], notes: [marker(1, "b", nil)])
        #expect(exact.isEmpty, "\(exact.description)")

        let oneB = MarkedText.compare(run, expect: [marker(1, "a", nil), marker(2, "b", nil)], notes: [marker(1, "b", nil)])
        #expect(oneB.unexpected.count == 1)

        let wrongColumn = MarkedText.compare(
            run, expect: [marker(1, "a", 4), marker(2, "b", nil), marker(2, "b", nil)], notes: [marker(1, "b", nil)])
        #expect(wrongColumn.missing == [marker(1, "a", 4)])
        #expect(wrongColumn.unexpected.count == 1)

        let noNote = MarkedText.compare(run, expect: [marker(1, "a", nil), marker(2, "b", nil), marker(2, "b", nil)], notes: [])
        #expect(noNote.unexpectedNotes.count == 1)
        #expect(noNote.missing.isEmpty && noNote.unexpected.isEmpty)
    }

    @Test("an appended overlay file keeps the base and adds to its end")
    func appendOverlay() throws {
        try withLintCase("unused-term") { folder, run in
            let text = try String(contentsOf: folder.appendingPathComponent("definitions.yaml"), encoding: .utf8)
            #expect(text.contains("term: Supplier Staff"))
            #expect(text.contains("term: Service User"))
            #expect(run.library?.definitions.count == 3)
        }
    }
}

/// The shipped library cannot drift from its words: a copy with the rule that judges a level
/// removed, or with a duty's trace removed, fails lint.
@Suite("Lint holds the shipped library's words to its checks")
struct ShippedTraceabilityTests {
    static func lintCopy(editing file: String, _ edit: (String) -> String) throws -> [Finding] {
        try withTemporaryDirectory { folder in
            let copy = folder.appendingPathComponent("ClauseLibrary")
            try FileManager.default.copyItem(at: Fixtures.shippedLibrary, to: copy)
            let url = copy.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let edited = edit(text)
            #expect(edited != text, "the edit changed nothing in \(file)")
            try Data(edited.utf8).write(to: url)
            return lintLibrary(at: copy.path).findings
        }
    }

    @Test func removingTheRuleThatJudgesALevelFailsLint() throws {
        let findings = try Self.lintCopy(editing: "clauses/basic/DA-POL-3.yaml") { text in
            text.replacingOccurrences(
                of: """
                          rules:
                            - kind: percent_at_least
                              part: staff.informed_of_policy
                              whole: staff.headcount
                              target: policy_informed_percent
                              from_days: policy_informed_from_days
                              code: staff-not-informed

                    """, with: "")
        }
        #expect(findings.contains { $0.code == "parameter-not-judged" && $0.message.contains("policy_informed_percent") }, "\(findings)")
    }

    @Test func removingADutysTraceFailsLint() throws {
        let findings = try Self.lintCopy(editing: "clauses/basic/DA-POL-3.yaml") { text in
            text.replacingOccurrences(of: "      judged_by: [information-displayed]\n", with: "")
        }
        #expect(findings.map(\.code) == ["duty-not-judged"], "\(findings)")
    }
}
