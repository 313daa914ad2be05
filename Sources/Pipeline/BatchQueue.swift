import Foundation
import Records

/// One batch, extracted and transformed, waiting to be loaded.
struct PreparedBatch: Sendable {
    var units: [FileUnit<ArticleRecord>]
    /// Files this batch covers (read or skipped).
    var files: Int
    /// Files skipped as unchanged by the ledger.
    var skipped: Int
    /// About how many bytes of memory its articles hold (`ArticleRecord.heldBytes`).
    var bytes: Int

    init(units: [FileUnit<ArticleRecord>], files: Int, skipped: Int) {
        self.units = units
        self.files = files
        self.skipped = skipped
        bytes = units.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.heldBytes } }
    }
}

/// A bounded hand-off between the producer thread (extract + transform) and the loader. `put`
/// blocks while the queue is full: it holds `capacity` batches, or fewer whose bytes come to
/// `byteLimit` (one batch is let in whatever its size); `take` blocks while it is empty and returns
/// nil at the end.
/// `close` (by the consumer, on error or when done) releases a blocked producer; a producer that
/// fails says why in `finish(failure:)`, for the consumer to read once the queue is drained.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [PreparedBatch] = []
    private var finished = false
    private var closed = false
    private var producerFailure: (any Error)?
    private var queuedBytes = 0
    private let capacity: Int
    private let byteLimit: Int

    init(capacity: Int, byteLimit: Int = .max) {
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    var isClosed: Bool { condition.withLock { closed } }

    func put(_ batch: PreparedBatch) {
        condition.withLock {
            while !items.isEmpty && (items.count >= capacity || queuedBytes + batch.bytes > byteLimit) && !closed {
                condition.wait()
            }
            guard !closed else { return }
            items.append(batch)
            queuedBytes += batch.bytes
            condition.broadcast()
        }
    }

    /// Why the producer stopped early, if it failed; read after `take` returned nil.
    var failure: (any Error)? { condition.withLock { producerFailure } }

    func finish(failure: (any Error)? = nil) {
        condition.withLock {
            producerFailure = failure
            finished = true
            condition.broadcast()
        }
    }

    func take() -> PreparedBatch? {
        condition.withLock {
            while items.isEmpty && !finished && !closed { condition.wait() }
            guard !items.isEmpty else { return nil }
            let batch = items.removeFirst()
            queuedBytes -= batch.bytes
            condition.broadcast()
            return batch
        }
    }

    func close() {
        condition.withLock {
            closed = true
            items.removeAll()
            queuedBytes = 0
            condition.broadcast()
        }
    }
}
