import Foundation
import Synchronization

/// The number of cores to use.
enum ProcessInfoCores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Maps `0..<count` on every core (`workers` at most), keeping the order of the indices.
func concurrentMap<Value: Sendable>(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
    let results = IndexedResults<Value>(count: count)
    if workers <= 1 || count <= 1 {
        for i in 0..<count { results.set(i, body(i)) }
    } else {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                results.set(i, body(i))
            }
        }
    }
    return results.values
}

/// Results that workers file by index.
///
/// Each index is written by one worker only and read after every worker has finished
/// (`concurrentPerform` returns only then), so the storage needs no lock.
private final class IndexedResults<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.baseAddress?.deinitialize(count: slots.count)
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Value) { slots[index] = value }

    var values: [Value] { slots.map { $0! } }
}
