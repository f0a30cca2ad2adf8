import Foundation
import Synchronization
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// A run on several workers hands every report on in the order the documents were given, as one
/// worker does: the reports, their renderings and the tally (which depends on the order: a
/// second return for a period is a duplicate, a later submission supersedes) are the same.
@Suite("Portfolio run: reports in order on any number of workers")
struct PortfolioRunTests {
    /// The portfolio's contracts that have no errors, as checkers.
    static func checkers() throws -> [Checker] {
        let library = try CheckFixtures.library()
        let folder = CheckFixtures.contracts.appendingPathComponent("portfolio/contracts")
        var checkers: [Checker] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".yaml") {
            let (contract, findings) = try ContractLoader.load(folder.appendingPathComponent(name).path, library: library)
            guard let contract, !findings.contains(where: { $0.severity == .error }) else { continue }
            checkers.append(Checker(contract: contract, library: library))
        }
        return checkers
    }

    /// The portfolio's returns in the text formats, given three times over: the second and
    /// third copies are duplicates of the first, which only the order decides.
    static func paths() throws -> [String] {
        let folder = CheckFixtures.contracts.appendingPathComponent("portfolio/returns")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") || $0.hasSuffix(".csv") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        return files + files.reversed() + files
    }

    /// What a run hands on, in order, and its tally.
    static func run(_ run: PortfolioRun, _ paths: [String], numbers: [String: [String: String]]) -> ([String], [Verdict: Int], Int) {
        var handed: [String] = []
        let tracker = run.run(paths) { report in
            ReportRenderer.text(report, numbers: numbers[report.contract] ?? [:])
        } emit: { report, rendered in
            handed.append(report.file + " " + report.verdict.rawValue + "\n" + rendered)
        }
        return (handed, tracker.counts, tracker.total)
    }

    @Test(
        "two and four workers, with windows of one to eight documents, hand on what one worker does", arguments: [(2, 1), (2, 3), (4, 8)])
    func parallelIsSerial(workers: Int, window: Int) throws {
        let checkers = try Self.checkers()
        try #require(checkers.count > 20)
        let numbers = Dictionary(checkers.map { ($0.contract.reference, $0.contract.numbers) }, uniquingKeysWith: { a, _ in a })
        let paths = try Self.paths()
        try #require(paths.count > 150)
        let serial = Self.run(PortfolioRun(checkers: checkers, workers: 1), paths, numbers: numbers)
        let parallel = Self.run(PortfolioRun(checkers: checkers, workers: workers, batch: window), paths, numbers: numbers)
        #expect(serial.0.count == paths.count)
        #expect(parallel.0.count == serial.0.count)
        // The first report that differs, if any, named by its first line alone.
        let differs = parallel.0.indices.first { $0 < serial.0.count && parallel.0[$0] != serial.0[$0] }
        #expect(differs == nil, "report \(differs ?? 0) differs: \(differs.map { parallel.0[$0].prefix { $0 != "\n" } } ?? "")")
        #expect(parallel.1 == serial.1)
        #expect(parallel.2 == serial.2)
        // The copies given second and third are counted against the first.
        #expect(serial.0.filter { $0.contains("duplicate-period") || $0.contains("superseded") }.count >= paths.count / 3)
    }

    @Test("items finished out of order are handed on in order, never more than the window held", arguments: [1, 2, 5])
    func inOrder(window: Int) {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var handed: [Int] = []
            var held = 0
            var mostHeld = 0
        }
        let log = Log()
        let line = InOrder<Int>(window: window) { item in
            log.lock.withLock {
                log.handed.append(item)
                log.held -= 1
            }
        }
        let count = 200
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                line.admit(i)
                log.lock.withLock {
                    log.held += 1
                    log.mostHeld = max(log.mostHeld, log.held)
                }
                // Every third item takes longer, so that later ones finish before it.
                if i % 3 == 0 { usleep(300) }
                line.finish(i, i)
            }
        }
        #expect(log.handed == Array(0..<count))
        #expect(log.mostHeld <= window)
    }
}
