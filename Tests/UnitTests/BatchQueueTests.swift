import Foundation
import Records
import Testing
@testable import Pipeline

/// A batch of one article whose body is `bytes` long.
private func batch(bodyBytes bytes: Int) -> PreparedBatch {
    let article = ArticleRecord(root: "/in", path: "a.txt", recordNo: 1, articleKey: "sha256:a", title: "T", lang: "en",
                                script: nil, body: String(repeating: "x", count: bytes), searchText: nil,
                                contentSHA256: "0", defects: [], observedAtMicros: nil, transformVersion: 1)
    return PreparedBatch(units: [FileUnit(file: nil, items: [article])], files: 1, skipped: 0)
}

/// Puts `batch` into `queue` on a thread of its own, expects the put still to wait after 0.3 s,
/// and returns what is signalled once it is in.
private func putThatWaits(_ batch: PreparedBatch, into queue: BatchQueue) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread {
        queue.put(batch)
        done.signal()
    }.start()
    #expect(done.wait(timeout: .now() + 0.3) == .timedOut)
    return done
}

@Suite("batch queue")
struct BatchQueueTests {
    @Test func aBatchCountsTheBytesItsArticlesHold() {
        let small = batch(bodyBytes: 10), large = batch(bodyBytes: 100_000)
        #expect(large.bytes - small.bytes == 100_000 - 10)
        #expect(PreparedBatch(units: [], files: 0, skipped: 3).bytes == 0)
    }

    /// A put that would take the queue over its bytes waits for a take; one batch is let in
    /// whatever its size, so a batch larger than the limit cannot stall the run.
    @Test func putWaitsWhileTheQueuedBytesWouldPassTheLimit() {
        let queue = BatchQueue(capacity: 8, byteLimit: 150_000)
        queue.put(batch(bodyBytes: 200_000))   // over the limit alone, into an empty queue
        let done = putThatWaits(batch(bodyBytes: 100_000), into: queue)
        #expect(queue.take()?.bytes ?? 0 > 200_000)
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(queue.take()?.bytes ?? 0 > 100_000)
        queue.finish()
        #expect(queue.take() == nil)
    }

    @Test func putWaitsWhileTheQueueHoldsItsCountOfBatches() {
        let queue = BatchQueue(capacity: 2, byteLimit: .max)
        queue.put(batch(bodyBytes: 1))
        queue.put(batch(bodyBytes: 1))
        let done = putThatWaits(batch(bodyBytes: 1), into: queue)
        _ = queue.take()
        #expect(done.wait(timeout: .now() + 5) == .success)
    }
}
