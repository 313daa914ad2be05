import Foundation
import Logging
import Postgres
import Records
import Warehouse

/// The loader side of `run` and `load`: batches taken from the queue a producer thread fills, each
/// loaded in a transaction of its own.
extension Pipeline {
    /// Batches the transform may have ready before the loader takes them. The loader waits on the
    /// server at times (longest when the server merges the search index's pending list into the
    /// index); with room for eight batches the transform works on meanwhile, where with one it would
    /// stop and leave a core idle (measurements in BENCHMARKS.md, "Measurements moved out of the code").
    static let queuedBatches = 8

    /// …and the bytes their articles may hold (`ArticleRecord.heldBytes`), so the queue's memory
    /// does not follow the batch size or the articles' length: four of the bench corpus's batches
    /// (about 8 MB each). A larger bound costs memory and gains no speed (BENCHMARKS.md).
    static let queuedBytes = 32 << 20

    /// Loads the batches `produce` puts in the queue, while `produce` runs on a thread of its own
    /// up to `queuedBatches` batches or `queuedBytes` ahead (in memory are those queued, the one
    /// loading and the one being made), then records the files skipped as unchanged. Once
    /// cancelled, no further batch is loaded: the one in progress finishes. An error `produce`
    /// throws is thrown here once the batches before it are loaded.
    /// Whatever happens, the producer has stopped before this returns: a process that exits while
    /// another thread is inside ICU, OpenCC or libxml2 can crash in their destructors.
    func loadBatches(connection: Connection, runID: Int64, loader: BatchLoader, cancellation: Cancellation, bar: Progress? = nil,
                     produce: @escaping @Sendable (BatchQueue) throws -> Void) throws {
        let queue = BatchQueue(capacity: Self.queuedBatches, byteLimit: Self.queuedBytes)
        let producerDone = DispatchSemaphore(value: 0)
        let producer = Thread {
            defer { producerDone.signal() }
            do {
                try produce(queue)
                queue.finish()
            } catch {
                queue.finish(failure: error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer {
            queue.close()
            producerDone.wait()
        }

        var skipped = 0
        while let batch = queue.take(), !cancellation.isCancelled {
            skipped += batch.skipped
            if !batch.units.isEmpty {
                let load = LoadBatch(units: batch.units)
                logRejects(load.rejects, runID: runID)
                let counts = try loader.load(load, runID: runID)
                logger.debug("batch loaded", metadata: ["run.id": "\(runID)", "files": "\(batch.units.count)",
                                                        "articles.inserted": "\(counts.articlesInserted)",
                                                        "articles.updated": "\(counts.articlesUpdated)"])
            }
            bar?.advance(files: batch.files, articles: batch.units.reduce(0) { $0 + $1.items.count })
        }
        if let failure = queue.failure { throw failure }
        try RunLedger(connection: connection).addSkipped(runID: runID, seen: skipped, unchanged: skipped)
    }

    /// Rejects go to the log too, so a cron mail says what was rejected and why.
    func logRejects(_ rejects: [RejectRecord], runID: Int64) {
        for reject in rejects {
            logger.warning("rejected", metadata: ["run.id": "\(runID)", "file.path": "\(reject.path)",
                                                  "record.no": "\(reject.recordNo.map(String.init) ?? "-")",
                                                  "reject.stage": "\(reject.stage.rawValue)",
                                                  "reject.code": "\(reject.code)", "reject.message": "\(reject.message)"])
        }
    }

}
