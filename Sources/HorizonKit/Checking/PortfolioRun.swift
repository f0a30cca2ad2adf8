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
    /// How many documents are read and judged before their reports are handed on.
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
    ///   - batch: Documents per batch.
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
    /// left once a document is judged, so it runs on every core rather than on the caller's
    /// thread; a report the run itself changes (a second return for one period) is rendered
    /// again, on the caller's thread, before it is handed on.
    ///
    /// - Parameters:
    ///   - paths: The documents.
    ///   - render: Turns a report into what `emit` prints; called on any thread.
    ///   - emit: Called once per document, on the caller's thread, in order.
    /// - Returns: The tally of verdicts.
    package func run<Rendered: Sendable>(
        _ paths: [String], render: @escaping @Sendable (DocumentReport) -> Rendered,
        emit: (DocumentReport, Rendered) -> Void
    ) -> PortfolioTracker {
        var tracker = PortfolioTracker()
        tracker.quarter = quarter
        tracker.fallPercent = checkers.mapValues { $0.contract.int("disclosure_fall_percent") ?? 50 }
        for start in stride(from: 0, to: paths.count, by: batch) {
            let slice = Array(paths[start..<min(start + batch, paths.count)])
            for (report, rendered) in judgeAll(slice, render: render) {
                let recorded = tracker.record(report)
                emit(recorded, recorded.findings.count == report.findings.count ? rendered : render(recorded))
            }
        }
        return tracker
    }

    func judgeAll<Rendered: Sendable>(
        _ paths: [String], render: @escaping @Sendable (DocumentReport) -> Rendered
    ) -> [(DocumentReport, Rendered)] {
        let slots = Slots<(DocumentReport, Rendered)>(count: paths.count)
        let work: @Sendable (Int) -> Void = { i in
            let report = judge(paths[i])
            slots.set(i, (report, render(report)))
        }
        if workers == 1 || paths.count == 1 {
            for i in paths.indices { work(i) }
        } else {
            // One task a worker, each taking the next document until none is left: a task a
            // document woke threads about a hundred times a batch.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(workers, paths.count)) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= paths.count { break }
                    work(i)
                }
            }
        }
        return slots.values
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

/// Slots that parallel workers fill by index.
///
/// Each slot is written by one worker only, and read after every worker has finished
/// (`concurrentPerform` returns only then), so the slots need no lock.
final class Slots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.baseAddress?.deinitialize(count: slots.count)
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        slots[index] = value
    }

    var values: [Value] { slots.compactMap { $0 } }
}
