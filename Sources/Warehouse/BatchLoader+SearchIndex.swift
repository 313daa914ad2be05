import Postgres
import Records

/// The search index's pending list: merged on a second session beside the load
/// (`PendingListMerger`), started with the staging tables and stopped by `finish`, which merges
/// what is left.
extension BatchLoader {
    /// Memory for the loader's session: sorts and hashes of a batch, and the search index's pending
    /// list, merged into the GIN tree when it reaches this size (in runs sorted in `work_mem`). A
    /// large list merged in large runs costs the server far less than small ones (BENCHMARKS.md,
    /// "Loader settings"). With the `PendingListMerger` merging the list beside the load, this
    /// limit is a fallback.
    static let sessionMemory = "128MB"

    /// How much the batches add to the pending list before the `PendingListMerger` merges it:
    /// merges of this size take about a second of the server, which the transform covers by filling
    /// the batch queue meanwhile, and leave little to merge when the run ends (BENCHMARKS.md,
    /// "Loader settings", compares it with 24 MB and with merging only in the load).
    public static let mergeThreshold = 48 << 20

    /// Starts the merging session, outside a dry run's transaction and only for the index's owner.
    /// Without a second session (a server at its connection limit, say) the load's own inserts
    /// merge the list.
    func startMerging() throws {
        guard let mergeThreshold, !connection.inTransaction, try ownsSearchIndex() else { return }
        do {
            merger = PendingListMerger(connection: try connection.sibling(applicationName: "article-etl merge"),
                                       threshold: mergeThreshold, logger: logger)
        } catch {
            logger.warning("search index pending list: no second session to merge it beside the load; the load merges it itself",
                           metadata: ["error": "\(error)"])
        }
    }

    /// Tells the merging session what a committed batch added to the list.
    func mergeBesideTheLoad(_ batch: LoadBatch) {
        merger?.add(batch.articles.reduce(0) { $0 + $1.searchVector.pendingListBytes })
    }

    /// Merges what the batches left in the search index's pending list into the GIN tree, so
    /// searches after the run read no long list (called at the end of a run). Only the index's
    /// owner may; for another role the list waits for autovacuum or the next merge, as it would
    /// under any writer.
    public func finish() throws {
        guard stagingReady else { return }
        if let merger {
            backgroundMerges = merger.stop()
            self.merger = nil
            logger.debug("search index pending list merged beside the load", metadata: ["merges": "\(backgroundMerges)"])
        }
        guard try ownsSearchIndex() else {
            logger.debug("search index pending list left to autovacuum: this role does not own the index")
            return
        }
        try connection.execute(.mergePendingList)
    }

    /// Whether this session's role may merge the search index's pending list (its owner may).
    func ownsSearchIndex() throws -> Bool {
        try connection.query(.ownsSearchIndex, as: Bool.self).first == true
    }
}
