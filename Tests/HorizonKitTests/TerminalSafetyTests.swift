import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Text that came from an input never reaches a terminal raw: control characters and the
/// characters that reorder text, in values, keys and file names, written raw or as YAML and JSON
/// escapes, are shown escaped in every line of a text report. (The JSON report escapes them by
/// its own rules.)
@Suite("Terminal safety")
struct TerminalSafetyTests {
    static func unsafe(_ text: String) -> [Unicode.Scalar] { text.unicodeScalars.filter(String.isTerminalUnsafe).filter { $0 != "\n" } }

    @Test(
        "escapes in values and keys are shown escaped",
        arguments: [
            ("r.yaml", "return:\n  contract: BHCC-2026-HRS-014\n  supplier: \"Evil\\e]0;pwned\\a\\u202eX\"\n  \"bad\\e[31mkey\": 1\n"),
            (
                "r.json",
                "{\"return\": {\"contract\": \"BHCC-2026-HRS-014\", \"supplier\": \"Evil\\u001b]0;x\\u0007\\u2066\", \"k\\u009b\": 1}}"
            ),
            (
                "r.csv",
                "field,value\ndocument,return\nreturn.contract,BHCC-2026-HRS-014\nreturn.supplier,\"Evil\u{1b}[2J\"\nreturn.x\u{202E},1\n"
            ),
        ])
    func valuesAndKeys(_ file: String, _ text: String) throws {
        let (_, report) = try CheckFixtures.check(Array(text.utf8), file: file)
        let rendered = ReportRenderer.text(report, numbers: [:])
        #expect(Self.unsafe(rendered).isEmpty, "\(rendered.debugDescription)")
        #expect(rendered.contains("\\u{1b}") || rendered.contains("\\u{202e}") || rendered.contains("\\u{9b}"), "\(rendered)")
    }

    @Test("a file name with control characters is shown escaped")
    func fileName() throws {
        let name = "a\u{1B}[2J\u{202E}b.yaml"
        let text = try String(contentsOf: CheckFixtures.folder.appendingPathComponent("supplier-mismatch.yaml"), encoding: .utf8)
        let report = try CheckFixtures.check(text: text, file: name)
        let rendered = ReportRenderer.text(report, numbers: [:])
        #expect(Self.unsafe(rendered).isEmpty, "\(rendered.debugDescription)")
        #expect(rendered.contains("a\\u{1b}[2J\\u{202e}b.yaml"))
    }

    @Test func printableTextIsUnchanged() {
        #expect("Head of people, section 4".terminalSafe == "Head of people, section 4")
        #expect("café – £5".terminalSafe == "café – £5")
        #expect("a\tb\u{85}c".terminalSafe == "a\\u{9}b\\u{85}c")
    }
}
