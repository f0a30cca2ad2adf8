import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The JSON report: its shape is the `Encodable` conformance of `ReportJSON`'s types; the
/// hand-written writer (`JSONWritable`) must give the same JSON as Foundation's `JSONEncoder`
/// for every report the fixtures produce; the report written a piece at a time is the whole
/// envelope; and golden files hold its exact bytes.
@Suite("JSON report")
struct ReportJSONTests {
    /// Every fixture and example, checked: (name, contract numbers, report).
    static func reports() throws -> [(String, [String: String], DocumentReport)] {
        var result: [(String, [String: String], DocumentReport)] = []
        for name in CheckFixtures.names {
            let url = CheckFixtures.folder.appendingPathComponent(name)
            let expectation = try CheckExpectation.load(url, name: name)
            guard let (_, report) = try? CheckFixtures.check(try CheckFixtures.bytes(url), file: name, contract: expectation.contract)
            else { continue }
            result.append((name, try CheckFixtures.contract(expectation.contract).numbers, report))
        }
        return result
    }

    /// JSON text parsed, for comparison whatever the order of keys and the choice of escapes.
    static func parsed(_ text: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject)
    }

    static func foundation(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test("the writer gives the JSON Foundation's encoder gives, for every fixture's report")
    func writerMatchesEncoder() throws {
        let reports = try Self.reports()
        #expect(reports.count > 100)
        var tracker = PortfolioTracker()
        for (name, numbers, report) in reports {
            let document = ReportJSON.document(tracker.record(report), numbers: numbers)
            let mine = JSONWriter.encode(document)
            #expect(try Self.parsed(mine) == (try Self.parsed(try Self.foundation(document))), "\(name)")
        }
        let contract = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        let quarter = QuarterOutcome(tracker, contracts: [contract], locations: [:])
        let board = Board(tracker, contracts: [contract], defective: ["X-1": "x.yaml"], quarter: quarter, titles: [:])
        let summary = ReportJSON.summary(tracker, board: board, quarter: quarter)
        #expect(try Self.parsed(JSONWriter.encode(summary)) == (try Self.parsed(try Self.foundation(summary))))
        #expect(!summary.kpis.isEmpty, "the fixtures' returns rate KPIs")
        #expect(!summary.bySupplier.isEmpty && !summary.byClause.isEmpty && summary.quarter != nil, "every part of the summary is compared")
        for contract in ReportJSON.contracts(board) {
            #expect(try Self.parsed(JSONWriter.encode(contract)) == (try Self.parsed(try Self.foundation(contract))))
        }
    }

    @Test("written a piece at a time, the report is the envelope")
    func piecesMakeTheEnvelope() throws {
        let reports = Array(try Self.reports().prefix(5))
        let library = try CheckFixtures.library()
        var tracker = PortfolioTracker()
        var streamed = ReportJSON.head(library: library)
        var documents: [ReportJSON.Document] = []
        for (i, (_, numbers, report)) in reports.enumerated() {
            let recorded = tracker.record(report)
            streamed += ReportJSON.documentPiece(recorded, numbers: numbers, first: i == 0)
            documents.append(ReportJSON.document(recorded, numbers: numbers))
        }
        let contract = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        let board = Board(tracker, contracts: [contract], defective: ["X-1": "x.yaml"], quarter: nil, titles: [:])
        streamed += ReportJSON.tail(tracker, board: board)
        let whole = ReportJSON.Envelope(
            tool: .init(), library: .init(id: library.id, version: library.version), documents: documents,
            contracts: ReportJSON.contracts(board), summary: ReportJSON.summary(tracker, board: board, quarter: nil))
        #expect(streamed.replacingOccurrences(of: "\n", with: "") == JSONWriter.encode(whole))
        #expect(try Self.parsed(streamed) == (try Self.parsed(try Self.foundation(whole))))
    }

    @Test("strings that need escapes are escaped")
    func escapes() throws {
        let location = ReportJSON.Location(file: "a\"b\\c\n\u{1}\u{7F}é", line: 1, column: 2)
        let text = JSONWriter.encode(location)
        #expect(text == #"{"file":"a\"b\\c\n\u0001\u007fé","line":1,"column":2}"#)
        #expect(try Self.parsed(text) == (try Self.parsed(try Self.foundation(location))))
    }

    @Test("numbers are written as String(number) spells them", arguments: [0, 7, 9, 10, 42, 100, 1_000_007, -1, -90, Int.max, Int.min])
    func numbers(_ number: Int) {
        var bytes: [UInt8] = []
        bytes.appendDecimal(number)
        #expect(String(decoding: bytes, as: UTF8.self) == String(number))
        let location = ReportJSON.Location(file: "f", line: number, column: 2)
        #expect(JSONWriter.encode(location) == #"{"file":"f","line":\#(number),"column":2}"#)
    }

    @Test("golden reports", arguments: ["returns/hrs-2027-q2-bad.yaml", "returns/hrs-2027-q2-good.yaml", "bids/hrs-bid-bad.yaml"])
    func golden(_ example: String) throws {
        let url = CheckFixtures.contracts.appendingPathComponent(example)
        let (_, report) = try CheckFixtures.check(
            try CheckFixtures.bytes(url), file: example, contract: "Contracts/housing-related-support.yaml",
            evidence: try CheckFixtures.evidence())
        let library = try CheckFixtures.library()
        var tracker = PortfolioTracker()
        let numbers = try CheckFixtures.contract("Contracts/housing-related-support.yaml").numbers
        let recorded = tracker.record(report)
        var contract = try CheckFixtures.contract("Contracts/housing-related-support.yaml")
        // As given on a command line from the package root: the golden file holds no path of
        // this machine.
        contract.file = "Contracts/housing-related-support.yaml"
        let titles = Dictionary(library.clauses.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let board = Board(tracker, contracts: [contract], defective: [:], quarter: nil, titles: titles)
        let text =
            ReportJSON.head(library: library) + ReportJSON.documentPiece(recorded, numbers: numbers, first: true)
            + ReportJSON.tail(tracker, board: board)
        _ = try Self.parsed(text)
        try assertSnapshot(
            text, named: "report-" + example.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".yaml", with: ".json"))
    }
}

/// The bands of a KPI, at their edges.
@Suite("KPI bands")
struct KPIBandTests {
    static let bands = KPIBands(target: 80, approachingPoints: 10, requiresImprovementPoints: 25)

    @Test(
        "a share is rated in its band",
        arguments: [
            (80, 100, KPIRating.good), (79, 100, .approaching), (70, 100, .approaching), (69, 100, .requiresImprovement),
            (55, 100, .requiresImprovement), (54, 100, .inadequate), (0, 100, .inadequate), (4, 5, .good), (7, 10, .approaching),
            (0, 0, .other), (101, 100, .other),
        ])
    func rating(_ part: Int, _ whole: Int, _ expected: KPIRating) {
        #expect(Self.bands.rate(part: part, whole: whole) == expected, "\(part) of \(whole)")
    }

    @Test func missingFiguresAreOther() {
        #expect(Self.bands.rate(part: nil, whole: 10) == .other && Self.bands.rate(part: 3, whole: nil) == .other)
    }

    @Test func bandsInWords() {
        #expect(Self.bands.words.map(\.1) == ["at least 80%", "at least 70%, below 80%", "at least 55%, below 70%", "below 55%"])
        let full = KPIBands(target: 100, approachingPoints: 10, requiresImprovementPoints: 25)
        #expect(full.words.first?.1 == "100%")
        // Bands never go below 0.
        let low = KPIBands(target: 5, approachingPoints: 10, requiresImprovementPoints: 25)
        #expect(low.approaching == 0 && low.requiresImprovement == 0 && low.rate(part: 0, whole: 10) == .approaching)
    }

    @Test("a KPI before its target applies is rated Other")
    func notYetDue() throws {
        let url = CheckFixtures.folder.appendingPathComponent("training-below-target-not-yet-due.yaml")
        let (_, report) = try CheckFixtures.check(try CheckFixtures.bytes(url), file: "r.yaml")
        let training = try #require(report.kpis.first { $0.clause == "DA-TRN-1" })
        #expect(training.rating == .other, "\(training)")
    }
}
