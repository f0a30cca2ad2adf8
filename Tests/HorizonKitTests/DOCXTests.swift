import Foundation
import FoundationXML
import Testing

@testable import HorizonKit
@testable import HorizonModel
@testable import HorizonOffice

/// The schedule as a Word document (issue #14): golden parts, well-formed XML, Word's own
/// numbering, REF fields whose bookmarks exist and whose cached results are the numbers the
/// other renderers print, determinism, size and speed. Opening it in a real office suite is in
/// `HorizonCLITests/DOCXOfficeTests`.
@Suite("Word schedule")
struct DOCXTests {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func parts(_ name: String) throws -> (Contract, ScheduleDocument, [String: String]) {
        let contract = try Shipped.contract(name)
        let document = ScheduleBuilder.build(contract, library: Shipped.library)
        let parts = DOCXWriter.parts(document, reference: contract.reference)
        return (contract, document, Dictionary(uniqueKeysWithValues: parts.map { ($0.name, $0.xml) }))
    }

    /// One element a line: golden files that diff well.
    static func pretty(_ xml: String) -> String {
        xml.replacingOccurrences(of: "><", with: ">\n<") + (xml.hasSuffix("\n") ? "" : "\n")
    }

    @Test("golden parts", arguments: Shipped.contractFiles)
    func golden(_ name: String) throws {
        let (_, _, parts) = try Self.parts(name)
        for part in ["word/document.xml", "word/header1.xml", "docProps/core.xml"] {
            try assertSnapshot(Self.pretty(parts[part]!), named: "docx.\(name).\(part.replacingOccurrences(of: "/", with: "_"))")
        }
        // The parts that do not depend on the contract, once.
        if name == Shipped.contractFiles[0] {
            for part in [
                "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                "word/numbering.xml", "word/settings.xml", "word/footer1.xml",
            ] {
                try assertSnapshot(Self.pretty(parts[part]!), named: "docx.common.\(part.replacingOccurrences(of: "/", with: "_"))")
            }
        }
    }

    @Test("every part is well-formed XML", arguments: Shipped.contractFiles)
    func wellFormed(_ name: String) throws {
        for (part, xml) in try Self.parts(name).2 {
            #expect(throws: Never.self, "\(part)") { _ = try XMLDocument(xmlString: xml) }
        }
    }

    /// Word's numbering, simulated: the number each numbered paragraph gets, in order.
    static func wordNumbers(_ body: XMLElement) throws -> [(number: String, paragraph: XMLElement)] {
        var counters = [0, 0, 0]
        var result: [(String, XMLElement)] = []
        for case let paragraph as XMLElement in try body.nodes(forXPath: "//*[local-name()='p']") {
            guard
                let level = try paragraph.nodes(forXPath: "./*[local-name()='pPr']/*[local-name()='numPr']/*[local-name()='ilvl']").first
                    as? XMLElement,
                let value = level.attribute(forLocalName: "val", uri: w)?.stringValue, let ilvl = Int(value)
            else { continue }
            counters[ilvl] += 1
            for lower in (ilvl + 1)..<3 { counters[lower] = 0 }
            let number = counters[0...ilvl].map(String.init).joined(separator: ".") + (ilvl == 0 ? "." : "")
            result.append((number, paragraph))
        }
        return result
    }

    @Test("numbers are Word's, and every REF field points at a bookmark with the right cached number", arguments: Shipped.contractFiles)
    func numberingAndReferences(_ name: String) throws {
        let (contract, document, parts) = try Self.parts(name)
        let xml = try XMLDocument(xmlString: parts["word/document.xml"]!)
        let root = try #require(xml.rootElement())
        // Every section, clause and clause paragraph is numbered by the list, never typed.
        let styled = { (style: String) in
            try root.nodes(
                forXPath: "//*[local-name()='p'][*[local-name()='pPr']/*[local-name()='pStyle'][@*[local-name()='val']='\(style)']]")
        }
        for style in ["Heading2", "ClauseText"] {
            for case let paragraph as XMLElement in try styled(style) {
                #expect(
                    try !paragraph.nodes(forXPath: "./*[local-name()='pPr']/*[local-name()='numPr']").isEmpty,
                    "\(name): a \(style) paragraph without a numbering reference")
            }
        }
        let numbered = try Self.wordNumbers(root)
        let clauses = document.sections.flatMap(\.clauses)
        #expect(numbered.count == document.sections.count + clauses.count + clauses.map(\.paragraphs.count).reduce(0, +))
        // The number Word gives each bookmarked clause heading is the contract's number for it.
        var bookmarkNumbers: [String: String] = [:]
        for (number, paragraph) in numbered {
            for case let start as XMLElement in try paragraph.nodes(forXPath: "./*[local-name()='bookmarkStart']") {
                bookmarkNumbers[start.attribute(forLocalName: "name", uri: Self.w)!.stringValue!] = number
            }
        }
        for clause in clauses {
            let bookmark = try #require(WordBody.bookmarkNames(clauses.map(\.id))[clause.id])
            #expect(bookmarkNumbers[bookmark] == clause.number, "\(name): \(clause.id)")
            #expect(contract.numbers[clause.id] == clause.number)
        }
        // Each REF field names a bookmark that exists, and its cached result is that number,
        // as the text schedule prints it ("clause 1.3").
        // The text schedule wraps its lines: compared with white space as single spaces.
        let text = ScheduleFormat.text.render(document).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let body = parts["word/document.xml"]!
        let fields = try Regex(
            #"<w:instrText xml:space="preserve"> REF (\S+) \\w \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">([^<]*)</w:t>"#
        )
        var count = 0
        for match in body.matches(of: fields) {
            let bookmark = String(match.output[1].substring!)
            let cached = String(match.output[2].substring!)
            #expect(bookmarkNumbers[bookmark] == cached, "\(name): REF \(bookmark) shows \(cached)")
            #expect(text.contains("clause \(cached)"), "\(name): the text schedule has no 'clause \(cached)'")
            count += 1
        }
        let references = clauses.flatMap(\.paragraphs).flatMap { $0 }.filter { if case .reference = $0 { true } else { false } }
        #expect(count == references.count, "\(name): \(count) REF fields for \(references.count) cross-references")
    }

    @Test func theSameInputsGiveTheSameBytesSmallAndFast() throws {
        var largest = 0
        for name in Shipped.contractFiles {
            let contract = try Shipped.contract(name)
            let started = ContinuousClock.now
            let document = ScheduleBuilder.build(contract, library: Shipped.library)
            let first = try DOCXWriter.render(document, reference: contract.reference)
            let elapsed = ContinuousClock.now - started
            let second = try DOCXWriter.render(ScheduleBuilder.build(contract, library: Shipped.library), reference: contract.reference)
            #expect(first == second, "\(name): two renderings differ")
            #expect(first.count < 100_000, "\(name): \(first.count) bytes")
            #expect(elapsed < .milliseconds(100), "\(name): \(elapsed)")
            largest = max(largest, first.count)
        }
        #expect(largest > 10_000)
    }

    @Test func textFromAFileIsEscaped() throws {
        let body = WordBody.text("A & B <c> \"d\"")
        #expect(body.contains("A &amp; B &lt;c&gt; &quot;d&quot;"))
        #expect(XMLText.firstForbidden(in: "ok\u{1}") == "\u{1}" && XMLText.firstForbidden(in: "tab\tok é") == nil)
        #expect(XMLText.firstForbidden(in: "\u{FFFE}") != nil && XMLText.firstForbidden(in: "😀") == nil)
    }

    @Test func bookmarkNamesAreShortUniqueAndWordSafe() {
        let names = WordBody.bookmarkNames(["DA-POL-1", "DA_POL_1", String(repeating: "X", count: 60)])
        #expect(names["DA-POL-1"] == "_Ref_DA_POL_1")
        #expect(names["DA_POL_1"] == "_Ref_DA_POL_1_2")
        #expect(names.values.allSatisfy { $0.count <= 40 })
    }

    @Test func aControlCharacterInAContractIsRefusedAtItsPlace() throws {
        let root = try #require(try YAMLReader.parse(Array("contract:\n  title: \"Support\\x01 services\"\n".utf8), file: "c.yaml"))
        let error = try #require(XMLSafety.check(root))
        #expect(error.finding.code == "xml-forbidden-character")
        #expect(error.finding.location.line == 2 && error.finding.location.column == 10, "\(error.finding.compilerStyle)")
        #expect(error.finding.message.contains("U+0001"))
    }
}
