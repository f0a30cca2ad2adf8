import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The registry of finding codes (`FindingCodes`) against the sources, the README and the
/// clause library, so that none of them can drift from the others.
@Suite("Finding codes", .serialized)
struct FindingCodeTests {
    static let readme = Fixtures.packageRoot.appendingPathComponent("README.md")

    /// Every whole kebab-case string literal in `Sources/`.
    static func literalsInSources() throws -> Set<String> {
        let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
        let pattern = try Regex("\"([a-z0-9]+(?:-[a-z0-9]+)+)\"")
        var found: Set<String> = []
        let files = try #require(FileManager.default.enumerator(atPath: sources.path))
        for case let path as String in files where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let code = match.output[1].substring { found.insert(String(code)) }
            }
        }
        return found
    }

    @Test("every code the sources write is registered, and every registered code is written")
    func sourcesAndRegistryAgree() throws {
        let registered = Set(FindingCodes.all.map(\.code))
        let literals = try Self.literalsInSources().subtracting(FindingCodes.notCodes)
        #expect(literals.subtracting(registered).sorted() == [], "codes written in Sources but not in FindingCodes")
        #expect(registered.subtracting(literals).sorted() == [], "codes in FindingCodes that no source writes")
    }

    @Test("a code has one meaning within an area")
    func noCodeTwiceInAnArea() {
        for area in FindingCodes.Area.allCases {
            let codes = FindingCodes.all.filter { $0.area == area }.map(\.code)
            #expect(codes.count == Set(codes).count, "\(area): \(codes)")
        }
    }

    /// The README holds each area's table between `<!-- codes:AREA -->` and `<!-- /codes -->`.
    /// With `RECORD_SNAPSHOTS=1` the tables are written into the README, and the test fails.
    @Test("the README's tables of codes are the registry's", arguments: FindingCodes.Area.allCases)
    func readmeTable(_ area: FindingCodes.Area) throws {
        var text = try String(contentsOf: Self.readme, encoding: .utf8)
        let open = "<!-- codes:\(area.rawValue) -->\n"
        let close = "<!-- /codes -->"
        let start = try #require(text.range(of: open), "README has no \(open)")
        let end = try #require(text.range(of: close, range: start.upperBound..<text.endIndex), "README's \(open) is not closed")
        let expected = FindingCodes.table(area) + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: expected)
            try Data(text.utf8).write(to: Self.readme, options: .atomic)
            Issue.record("wrote the \(area.rawValue) table into README.md (RECORD_SNAPSHOTS=1): review it, then run again without it")
            return
        }
        #expect(
            String(text[start.upperBound..<end.lowerBound]) == expected,
            "README's \(area.rawValue) table differs: run RECORD_SNAPSHOTS=1 swift test --filter FindingCodeTests")
    }

    @Test("the README names every rule code of the shipped library")
    func readmeNamesRuleCodes() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let load = LibraryLoader.load(from: Fixtures.shippedLibrary.path)
        let library = try #require(load.library)
        let codes = Set(library.clauses.flatMap { $0.requirements.flatMap { $0.rules.map(\.code) } }).subtracting([""])
        #expect(!codes.isEmpty)
        #expect(codes.filter { !text.contains("`\($0)`") }.sorted() == [], "rule codes the README does not name")
    }
}
