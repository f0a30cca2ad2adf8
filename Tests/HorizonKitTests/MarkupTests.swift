import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Clause text markup (`Markup.parse`): `{{…}}` is markup, found byte by byte; a single brace is
/// words.
@Suite("Clause text markup")
struct MarkupTests {
    @Test(arguments: [
        ("at least {{target}} per cent", [TextSegment.words("at least "), .parameter("target"), .words(" per cent")]),
        ("{a} and {{term:Marac}} then }", [.words("{a} and "), .term("Marac"), .words(" then }")]),
        ("{ {{count:days}}}", [.words("{ "), .counted("days"), .words("}")]),
        ("see {{ref:DA-POL-1}}", [.words("see "), .reference("DA-POL-1")]),
        ("no markup { at } all", [.words("no markup { at } all")]),
    ])
    func segments(text: String, expected: [TextSegment]) {
        let collector = FindingCollector()
        #expect(Markup.parse(text, at: .start(of: "clause.yaml"), collector: collector) == expected)
        #expect(collector.findings.isEmpty)
    }

    @Test func anUnclosedPairIsBadMarkupAndKeptAsWords() {
        let collector = FindingCollector()
        let segments = Markup.parse("at least {{target} per cent", at: .start(of: "clause.yaml"), collector: collector)
        #expect(segments == [.words("at least "), .words("{{target} per cent")])
        #expect(collector.findings.map(\.code) == ["bad-markup"])
    }
}
