import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel
@testable import HorizonOffice

/// Every input the fuzzer found a crash, hang or leak with (Tests/Fuzz/regressions) is replayed
/// through every reader and the checker: each must end, quickly, with a located error or a report.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/Fuzz/regressions")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("the regression corpus is not empty")
    func notEmpty() {
        #expect(!Self.files.isEmpty)
    }

    @Test("each regression input ends with a located error or a report", arguments: files)
    func replay(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let contract = try Shipped.contract("housing-related-support")
        let checker = Checker(contract: contract, library: Shipped.library)
        let started = ContinuousClock.now
        // As given, in each format; and as the check harness reads it (the first byte picks the
        // format of the rest).
        let harness = ["r.yaml", "r.json", "r.csv"][Int(bytes.first ?? 0) % 3]
        let inputs = [(bytes, "r.yaml"), (bytes, "r.json"), (bytes, "r.csv"), (Array(bytes.dropFirst()), harness)]
        for (input, file) in inputs {
            do {
                let report = checker.check(try DocumentReader.parse(input, file: file))
                #expect(report.findings.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            } catch {
                #expect(error.finding.location.line >= 1 && error.finding.location.column >= 1)
            }
        }
        // As a workbook (the xlsx harness reads every input so).
        do {
            let report = checker.check(try XLSXReader.document(bytes, file: "r.xlsx"))
            #expect(report.findings.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        } catch {
            #expect(error.finding.location.line >= 1 && error.finding.location.column >= 1)
        }
        _ = try? YAMLReader.parse(bytes, file: "r.yaml")
        _ = try? JSONReader.parse(bytes, file: "r.json")
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    /// What each regression input gives, read in each format and as the check harness reads it:
    /// the input error's code and place, or the report's verdict and codes. Held in a golden
    /// file, so that a change in how any of them ends fails the test.
    @Test("each regression input ends as its golden file says")
    func outcomes() throws {
        let contract = try Shipped.contract("housing-related-support")
        let checker = Checker(contract: contract, library: Shipped.library)
        var lines: [String] = []
        for name in Self.files {
            let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            let harness = ["r.yaml", "r.json", "r.csv"][Int(bytes.first ?? 0) % 3]
            for (input, file, label) in [
                (bytes, "r.yaml", "yaml"), (bytes, "r.json", "json"), (bytes, "r.csv", "csv"),
                (Array(bytes.dropFirst()), harness, "harness"),
            ] {
                let outcome: String
                do {
                    let report = checker.check(try DocumentReader.parse(input, file: file))
                    outcome = "\(report.verdict.rawValue): " + Set(report.findings.map(\.code)).sorted().joined(separator: " ")
                } catch {
                    outcome = "\(error.finding.code) at \(error.finding.location.line):\(error.finding.location.column)"
                }
                lines.append("\(name) \(label): \(outcome)")
            }
            do {
                let report = checker.check(try XLSXReader.document(bytes, file: "r.xlsx"))
                lines.append(
                    "\(name) xlsx: \(report.verdict.rawValue): " + Set(report.findings.map(\.code)).sorted().joined(separator: " "))
            } catch {
                lines.append("\(name) xlsx: \(error.finding.code) at \(error.finding.location.line):\(error.finding.location.column)")
            }
        }
        try assertSnapshot(lines.joined(separator: "\n") + "\n", named: "fuzz-regressions.txt")
    }

    @Test("a JSON string cut short after a backslash is an error, not a hang")
    func trailingBackslash() {
        #expect(throws: InputError.self) { try JSONReader.parse(Array("\"Dooublo\\".utf8), file: "t.json") }
        do {
            _ = try JSONReader.parse(Array("\"abc\\".utf8), file: "t.json")
        } catch {
            #expect(error.finding.code == "json-syntax")
            #expect(error.finding.message.contains("ends inside a string"))
        }
    }
}
