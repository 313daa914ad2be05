import Dispatch

/// Maps `items` on `workers` threads, keeping the order of the input.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1, workers > 1 else { return items.map(transform) }
    let slots = Slots<R>(count: items.count)
    let threads = min(workers, items.count)
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
        var index = worker
        while index < items.count {
            slots.set(index, transform(items[index]))
            index += threads
        }
    }
    return slots.values()
}

/// One slot per result; each index is written by exactly one thread before `values()` is read.
private final class Slots<R>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<R?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    func set(_ index: Int, _ value: R) { storage[index] = value }
    func values() -> [R] { storage.map { $0! } }
}
