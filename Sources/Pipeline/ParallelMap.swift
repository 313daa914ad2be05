import Dispatch
import Synchronization

/// Maps `items` on `workers` threads, keeping the order of the input. Each worker takes the next
/// item not yet taken, costliest first by `cost` (input order without it): items cost anything
/// from a short text file to a feed of fifty records, and a worker that took its share in advance
/// could be left with the long ones while the other waits at the end of the batch.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, cost: (@Sendable (T) -> Int64)? = nil,
                                          _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1, workers > 1 else { return items.map(transform) }
    let slots = Slots<R>(count: items.count)
    let order = cost.map { takingOrder(items, cost: $0) } ?? Array(items.indices)
    let taken = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
        while true {
            let position = taken.wrappingAdd(1, ordering: .relaxed).oldValue
            guard position < order.count else { return }
            slots.set(order[position], transform(items[order[position]]))
        }
    }
    return slots.values()
}

/// The indices of `items`, costliest first: the order in which `parallelMap` hands them out.
func takingOrder<T>(_ items: [T], cost: (T) -> Int64) -> [Int] {
    let costs = items.map(cost)
    return costs.indices.sorted { costs[$0] > costs[$1] }
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
