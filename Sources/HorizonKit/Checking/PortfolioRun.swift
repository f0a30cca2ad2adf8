internal import Dispatch
internal import Foundation
package import HorizonModel
internal import Synchronization

/// Checks many documents against one or more contracts in one process: reads, parses and
/// judges documents on every core, hands reports back in the order given, and keeps nothing of
/// a document once its report has been handed on, so memory stays flat however large the
/// portfolio.
package struct PortfolioRun: Sendable {
    package let checkers: [String: Checker]
    /// Contracts given with errors, by reference, with their files: their documents are
    /// reported as not judged.
    package let defective: [String: String]
    /// The field table documents are filed by: the checkers' library's.
    let table: FieldTable
    package let limits: ReadLimits
    package let workers: Int
    /// How many documents may be judged ahead of the next one to hand on (`InOrder`'s window):
    /// what bounds the reports held at once.
    package let batch: Int
    /// The quarter checked (`--period-ending`), if any: see `PortfolioTracker.quarter`.
    package var quarter: (from: CivilDate, to: CivilDate)?
    /// Reads a document's bytes: `DocumentReader.parse`, or a reader that knows more formats
    /// (the command line's, which reads workbooks with HorizonOffice).
    package var parse: @Sendable ([UInt8], String, ReadLimits, FieldTable) throws(InputError) -> SupplierDocument = {
        bytes, file, limits, table throws(InputError) in
        try DocumentReader.parse(bytes, file: file, limits: limits, table: table)
    }

    /// Creates a run.
    ///
    /// - Parameters:
    ///   - checkers: A checker per contract reference.
    ///   - limits: Read bounds for each document.
    ///   - workers: Documents judged at once; 1 for one at a time.
    ///   - batch: Documents judged ahead of the next one handed on, at most.
    package init(checkers: [Checker], defective: [String: String] = [:], limits: ReadLimits = .standard, workers: Int = 1, batch: Int = 128)
    {
        self.defective = defective
        var byReference: [String: Checker] = [:]
        for checker in checkers { byReference[checker.contract.reference] = checker }
        self.checkers = byReference
        table = checkers.first?.table ?? .headerOnly
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
    package func run(_ paths: [String], emit: (DocumentReport) -> Void) -> PortfolioTracker {
        run(paths, render: { _ in () }, emit: { report, _ in emit(report) })
    }

    /// Judges every document and renders each report on the worker that judged it, handing
    /// report and rendering to `emit` in the order of `paths`. Rendering is most of what is
    /// left once a document is judged, so it runs on every core; a report the run itself
    /// changes (a second return for one period) is rendered again before it is handed on.
    ///
    /// With more than one worker, whichever worker finishes the next document in order tallies
    /// and hands on every report ready from there (`InOrder`): no core waits while another
    /// tallies and prints, and no thread is woken for it. At most `batch` documents are held
    /// between the one judged furthest ahead and the next to hand on, so memory stays flat.
    ///
    /// - Parameters:
    ///   - paths: The documents.
    ///   - render: Turns a report into what `emit` prints; called on any thread.
    ///   - emit: Called once per document, in order, one call at a time, on the thread that
    ///     called `run` or on a worker.
    /// - Returns: The tally of verdicts.
    package func run<Rendered: Sendable>(
        _ paths: [String], render: @escaping @Sendable (DocumentReport) -> Rendered,
        emit: (DocumentReport, Rendered) -> Void
    ) -> PortfolioTracker {
        var tracker = PortfolioTracker()
        tracker.quarter = quarter
        tracker.fallPercent = checkers.mapValues { $0.contract.int("disclosure_fall_percent") ?? 50 }
        func hand(_ report: DocumentReport, _ rendered: Rendered) {
            let recorded = tracker.record(report)
            emit(recorded, recorded.findings.count == report.findings.count ? rendered : render(recorded))
        }
        if workers == 1 || paths.count < 2 {
            for path in paths {
                let report = judge(path)
                hand(report, render(report))
            }
            return tracker
        }
        withoutActuallyEscaping(hand) { hand in
            let line = InOrder<(DocumentReport, Rendered)>(window: batch) { hand($0.0, $0.1) }
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(workers, paths.count)) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= paths.count { break }
                    line.admit(i)
                    let report = judge(paths[i])
                    line.finish(i, (report, render(report)))
                }
            }
        }
        return tracker
    }

    /// Reads, parses and judges one document.
    ///
    /// - Parameter path: The document.
    /// - Returns: Its report; `invalid` when it cannot be read or names no given contract.
    package func judge(_ path: String) -> DocumentReport {
        let single = checkers.count == 1 && defective.isEmpty ? checkers.values.first : nil
        let fallback = single?.contract.reference ?? ""
        let document: SupplierDocument
        do {
            document = try parse(try FileInput.read(path, limits: limits), path, limits, table)
        } catch {
            return DocumentReport.invalid(file: path, contract: fallback, error: error)
        }
        if let single { return single.check(document) }
        let named = document["\(document.kind.rawValue).contract"]
        if let reference = named?.text, let file = defective[reference] {
            let finding = Finding(
                .error, "contract-defective",
                "not checked: the contract file for \(reference) (\(file)) has errors, listed above; the return or bid may be fine: ask for a corrected contract file (the commissioner's), then check again",
                at: named.map(document.location(of:)) ?? document.start)
            return DocumentReport(
                file: path, kind: document.kind, contract: reference, periodStart: nil, periodEnd: nil,
                sha256: document.sha256, verdict: .invalid, findings: [finding], layout: nil, statuses: [])
        }
        guard let reference = named?.text, let checker = checkers[reference] else {
            let error = InputError(
                "unknown-contract",
                "this document names contract '\((named?.text ?? "").clipped)', which is not among the contracts given",
                at: named.map(document.location(of:)) ?? document.start)
            return DocumentReport.invalid(file: path, contract: named?.text ?? "", error: error)
        }
        return checker.check(document)
    }
}

/// Hands items on in the order of their indices while workers finish them in any order.
///
/// A worker that finishes the next item in order hands it on, and every item ready after it;
/// a worker that finishes one out of order leaves it for the worker handing on, or for the one
/// that finishes the next. Handing on runs outside the lock, one worker at a time (`handing`),
/// so `hand` needs no lock of its own. A worker waits before taking an item `window` or more
/// ahead of the next to hand on: the items held stay at most `window`.
final class InOrder<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Item?]
    private let window: Int
    /// The index of the next item to hand on.
    private var next = 0
    /// Whether a worker is handing items on.
    private var handing = false
    private let hand: (Item) -> Void

    init(window: Int, hand: @escaping (Item) -> Void) {
        self.window = max(1, window)
        slots = Array(repeating: nil, count: self.window)
        self.hand = hand
    }

    /// Waits until `index` is less than `window` ahead of the next item to hand on. The item at
    /// the head is never kept waiting, so workers cannot all wait.
    func admit(_ index: Int) {
        condition.lock()
        while index >= next + window { condition.wait() }
        condition.unlock()
    }

    /// Files a finished item, and hands it and those ready after it on if it is the next.
    func finish(_ index: Int, _ item: Item) {
        condition.lock()
        slots[index % window] = item
        if handing {
            condition.unlock()
            return
        }
        handing = true
        while let ready = slots[next % window] {
            slots[next % window] = nil
            condition.unlock()
            hand(ready)
            condition.lock()
            next += 1
            condition.broadcast()
        }
        handing = false
        condition.unlock()
    }
}
