internal import Dispatch
internal import Foundation

/// Checks many documents against one or more contracts in one process: reads, parses and
/// judges documents on every core, hands reports back in the order given, and keeps nothing of
/// a document once its report has been handed on, so memory stays flat however large the
/// portfolio.
public struct PortfolioRun: Sendable {
    public let checkers: [String: Checker]
    public let limits: ReadLimits
    public let workers: Int
    /// How many documents are read and judged before their reports are handed on.
    public let batch: Int

    /// Creates a run.
    ///
    /// - Parameters:
    ///   - checkers: A checker per contract reference.
    ///   - limits: Read bounds for each document.
    ///   - workers: Documents judged at once; 1 for one at a time.
    ///   - batch: Documents per batch.
    public init(checkers: [Checker], limits: ReadLimits = .standard, workers: Int = 1, batch: Int = 128) {
        var byReference: [String: Checker] = [:]
        for checker in checkers { byReference[checker.contract.reference] = checker }
        self.checkers = byReference
        self.limits = limits
        self.workers = max(1, workers)
        self.batch = max(1, batch)
    }

    /// Judges every document, handing each report to `emit` in the order of `paths`.
    ///
    /// - Parameters:
    ///   - paths: The documents.
    ///   - emit: Called once per document, on the caller's thread, in order.
    /// - Returns: The tally of verdicts.
    public func run(_ paths: [String], emit: (DocumentReport) -> Void) -> PortfolioTracker {
        var tracker = PortfolioTracker()
        for start in stride(from: 0, to: paths.count, by: batch) {
            let slice = Array(paths[start..<min(start + batch, paths.count)])
            for report in judgeAll(slice) {
                emit(tracker.record(report))
            }
        }
        return tracker
    }

    func judgeAll(_ paths: [String]) -> [DocumentReport] {
        let slots = Slots(count: paths.count)
        let work: @Sendable (Int) -> Void = { i in slots.set(i, judge(paths[i])) }
        if workers == 1 || paths.count == 1 {
            for i in paths.indices { work(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: paths.count, execute: work)
        }
        return slots.values
    }

    /// Reads, parses and judges one document.
    ///
    /// - Parameter path: The document.
    /// - Returns: Its report; `invalid` when it cannot be read or names no given contract.
    public func judge(_ path: String) -> DocumentReport {
        let single = checkers.count == 1 ? checkers.values.first : nil
        let fallback = single?.contract.reference ?? ""
        let document: SupplierDocument
        do {
            document = try DocumentReader.parse(try FileInput.read(path, limits: limits), file: path, limits: limits)
        } catch {
            return DocumentReport.invalid(file: path, contract: fallback, error: error)
        }
        if let single { return single.check(document) }
        let named = document.values["\(document.kind.rawValue).contract"]
        guard let reference = named?.text, let checker = checkers[reference] else {
            let error = InputError("unknown-contract",
                "this document names contract '\((named?.text ?? "").clipped)', which is not among the contracts given",
                at: named?.location ?? document.start)
            return DocumentReport.invalid(file: path, contract: named?.text ?? "", error: error)
        }
        return checker.check(document)
    }
}

/// Slots that parallel workers fill by index.
final class Slots: @unchecked Sendable {
    private var slots: [DocumentReport?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ report: DocumentReport) {
        lock.lock()
        slots[index] = report
        lock.unlock()
    }

    var values: [DocumentReport] { slots.compactMap { $0 } }
}
