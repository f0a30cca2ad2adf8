import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// One fixture a finding code (`Fixtures/check/<code>.yaml`, or `.csv`/`.json` where the case
/// is format-specific): the markers in the file say where every finding must point, and an
/// unexpected finding fails too (STYLE habit 9).
///
/// Each fixture is parsed with `DocumentReader`, checked with `Checker` against the contract it
/// names (the housing contract by default) with `Contracts/evidence` as its evidence folder,
/// and the (line, code) pairs of all its findings — errors, warnings and infos — must equal
/// its markers, counted (a finding reported twice for one defect fails). A document that cannot
/// be read is marked by its input error (`duplicate-key`).
@Suite("Checker fixtures")
struct CheckerFixtureTests {
    @Test(
        "a key that looks like personal data is never repeated: not in a message, a note or a field",
        arguments: ["personal-data-keys.yaml", "personal-data-keys.csv"])
    func personalKeysNotRepeated(_ name: String) throws {
        let url = CheckFixtures.folder.appendingPathComponent(name)
        let findings = try CheckFixtures.findings(
            try CheckFixtures.bytes(url), file: name, contract: "Contracts/housing-related-support.yaml",
            evidence: try CheckFixtures.evidence())
        #expect(findings.filter { $0.code == "personal-data" }.count >= 2)
        for finding in findings {
            let said = [finding.compilerStyle, finding.field ?? ""] + finding.notes.map(\.message)
            for text in said {
                for secret in ["jane", "1990", "07700", "900123"] {
                    #expect(!text.lowercased().contains(secret), "\(name): \(text)")
                }
            }
        }
    }

    @Test(
        "a duplicate key, and a value quoted by a type error, that look like personal data are not repeated",
        arguments: [
            ("d.json", "{\"return\": {\"contract\": \"BHCC-2026-HRS-014\", \"jane@example.org\": 1, \"jane@example.org\": 2}}"),
            ("d.yaml", "return:\n  contract: BHCC-2026-HRS-014\n  jane@example.org: 1\n  jane@example.org: 2\n"),
            ("d.csv", "field,value\nreturn.contract,BHCC-2026-HRS-014\njane@example.org,1\njane@example.org,2\n"),
        ])
    func duplicatePersonalKey(_ name: String, _ text: String) throws {
        do {
            _ = try DocumentReader.parse(Array(text.utf8), file: name)
            Issue.record("\(name) was read")
        } catch {
            #expect(error.finding.code == "duplicate-key")
            let said = [error.finding.message] + error.finding.notes.map(\.message)
            #expect(said.allSatisfy { !$0.contains("jane") }, "\(said)")
            #expect(error.finding.message.contains("not repeated here"), "\(error.finding.message)")
        }
    }

    @Test("a count written '64 DOB 12.05.1990' is personal data, and its type error does not repeat it")
    func birthInCount() throws {
        let good = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.yaml"), encoding: .utf8)
        let text = good.replacingOccurrences(of: "headcount: 64,", with: "headcount: \"64 DOB 12.05.1990\",")
        #expect(text != good)
        let findings = try CheckFixtures.findings(Array(text.utf8), file: "r.yaml", evidence: try CheckFixtures.evidence())
        #expect(findings.contains { $0.code == "personal-data" && $0.field == "staff.headcount" })
        #expect(findings.contains { $0.code == "wrong-type" })
        #expect(findings.allSatisfy { !$0.message.contains("1990") }, "\(findings.map(\.compilerStyle))")
    }

    @Test("findings match the markers", arguments: CheckFixtures.names)
    func fixture(_ name: String) throws {
        let url = CheckFixtures.folder.appendingPathComponent(name)
        let expectation = try CheckExpectation.load(url, name: name)
        let findings = try CheckFixtures.findings(
            try CheckFixtures.bytes(url), file: name, contract: expectation.contract, evidence: try CheckFixtures.evidence())
        let mismatch = MarkedText.compare(findings, relative: { $0 }, expect: expectation.expect, notes: expectation.notes)
        if let issue = expectation.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) {
                #expect(mismatch.isEmpty, "\(name):\n\(mismatch.description)")
            }
        } else {
            #expect(mismatch.isEmpty, "\(name):\n\(mismatch.description)")
        }
    }

    /// The codes a single document's check can give: the checker's own, from the registry, and
    /// every rule code of the shipped library (the evidence rule reports `evidence-*` codes
    /// instead of its own).
    static func checkerCodes() throws -> Set<String> {
        // The registry's document codes, less those a single marked document cannot show: a
        // second return of the run (duplicate-period, count-fell, tested in CheckerRunTests), a
        // defective contract (contract-defective, tested through the command line) and more than
        // 500 findings (findings-truncated, tested in FindingCapTests), and the quarter's
        // (return-missing, return-for-earlier-period: QuarterCLITests).
        var codes = FindingCodes.codes(.document).subtracting([
            "duplicate-period", "count-fell", "contract-defective", "findings-truncated", "return-missing",
            "return-for-earlier-period", "return-superseded",
        ])
        for clause in try CheckFixtures.library().clauses {
            for requirement in clause.requirements {
                for rule in requirement.rules {
                    if rule.kind is Evidence { continue }
                    codes.insert(rule.code)
                }
            }
        }
        return codes
    }

    /// Every code the checker can give has a fixture that expects it (`duplicate-period` needs
    /// two documents and is tested in `CheckerRunTests`).
    @Test func everyCodeHasAFixture() throws {
        var marked: Set<String> = []
        for name in CheckFixtures.names {
            let expectation = try CheckExpectation.load(CheckFixtures.folder.appendingPathComponent(name), name: name)
            if expectation.knownIssue == nil { marked.formUnion(expectation.expect.map(\.code)) }
        }
        #expect(try Self.checkerCodes().subtracting(marked).sorted() == [], "codes with no fixture")
    }

    /// The fixtures themselves are sound: each marker names a code the checker knows (so a
    /// misspelt marker cannot hide as "missing"), and each contract a fixture names exists.
    @Test func fixturesAreSound() throws {
        let codes = try Self.checkerCodes()
        for name in CheckFixtures.names {
            let expectation = try CheckExpectation.load(CheckFixtures.folder.appendingPathComponent(name), name: name)
            let unknown = Set(expectation.expect.map(\.code)).subtracting(codes).subtracting(["duplicate-key"])
            #expect(unknown.isEmpty, "\(name) marks unknown codes \(unknown.sorted())")
            let path = Fixtures.packageRoot.appendingPathComponent(expectation.contract).path
            #expect(FileManager.default.fileExists(atPath: path), "\(name) names contract \(expectation.contract)")
        }
    }

    // MARK: - Messages worth pinning

    @Test func unknownFieldSuggestsTheNearestField() throws {
        let name = "unknown-field.yaml"
        let (_, report) = try CheckFixtures.check(
            try CheckFixtures.bytes(CheckFixtures.folder.appendingPathComponent(name)), file: name)
        let messages = report.findings.filter { $0.code == "unknown-field" }.map(\.message)
        #expect(messages.contains("unknown field 'training.traned'; did you mean 'training.trained'?"), "\(messages)")
        #expect(messages.contains("unknown field 'trainning.refresher'; did you mean the group 'training'?"), "\(messages)")
        #expect(
            messages.contains { $0.hasPrefix("unknown header field 'return.period_begin'") && $0.contains("return.period_") }, "\(messages)"
        )
        #expect(messages.contains("'policy.in_place_by' belongs in a bid, not a return"), "\(messages)")
        #expect(report.findings.allSatisfy { $0.code != "unknown-field" || $0.severity == .warning })
    }

    @Test func trainingShortfallIsAWarningBeforeTheTargetApplies() throws {
        for (name, severity, status) in [
            ("training-below-target.yaml", Severity.error, RequirementStatus.notMet),
            ("training-below-target-not-yet-due.yaml", .warning, .notYetDue),
        ] {
            let (_, report) = try CheckFixtures.check(
                try CheckFixtures.bytes(CheckFixtures.folder.appendingPathComponent(name)), file: name)
            let finding = try #require(report.findings.first { $0.code == "training-below-target" })
            #expect(finding.severity == severity, "\(name)")
            #expect(finding.clause == "DA-TRN-1" && finding.field == "training.trained", "\(name)")
            #expect(finding.message.contains("the contract requires 80% from 2027-04-01"), "\(finding.message)")
            #expect(report.status("DA-TRN-1", "training-target") == status, "\(name)")
        }
    }

    @Test func policyAdoptedLateIsAWarningAndTheRequirementIsMet() throws {
        let name = "policy-adopted-late.yaml"
        let (_, report) = try CheckFixtures.check(try CheckFixtures.bytes(CheckFixtures.folder.appendingPathComponent(name)), file: name)
        let finding = try #require(report.findings.first { $0.code == "adopted-late" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("after the deadline of 2026-06-30 (90 days after the start)"))
        #expect(report.verdict == .compliant)
    }

    @Test func severitiesOfHeaderChecks() throws {
        let expected: [(String, String, Severity)] = [
            // Late beyond the contract's late_tolerance_days (0 in the housing contract).
            ("late-submission.yaml", "late-submission", .error),
            ("submitted-before-period-end.yaml", "submitted-before-period-end", .warning),
            ("period-not-in-contract.yaml", "period-not-in-contract", .error),
            ("period-outside-term.yaml", "period-outside-term", .error),
            ("small-number.yaml", "small-number", .info),
            ("field-not-required.yaml", "field-not-required", .info),
            ("contract-mismatch.yaml", "contract-mismatch", .error),
            ("supplier-mismatch.yaml", "supplier-mismatch", .error),
        ]
        for (name, code, severity) in expected {
            let (_, report) = try CheckFixtures.check(
                try CheckFixtures.bytes(CheckFixtures.folder.appendingPathComponent(name)), file: name)
            let found = report.findings.filter { $0.code == code }
            #expect(!found.isEmpty && found.allSatisfy { $0.severity == severity }, "\(name): \(report.findingLines)")
        }
    }

    @Test func periodNotInContractNamesTheNearestPeriod() throws {
        let name = "period-not-in-contract.yaml"
        let (_, report) = try CheckFixtures.check(try CheckFixtures.bytes(CheckFixtures.folder.appendingPathComponent(name)), file: name)
        let finding = try #require(report.findings.first)
        #expect(
            finding.message
                == "2027-07-01 to 2027-09-29 is not one of the contract's quarterly reporting periods; period 6 runs from 2027-07-01 to 2027-09-30"
        )
    }
}
