import Foundation
import Logging
import Postgres

/// Merges the search index's pending list into its GIN tree on a session of its own, while the
/// loader goes on writing batches.
///
/// New entries of a GIN index with `fastupdate` go to a pending list, merged into the tree once the
/// list outgrows `gin_pending_list_limit`, by the statement whose insert made it do so. That merge
/// takes seconds for the 128 MB the loader's session allows (BENCHMARKS.md), and the load waits for it:
/// the transform fills the batch queue meanwhile and then stops too, and a core stands idle; and
/// whatever is left at the end is merged while the transform has nothing left to do. Merged here
/// in smaller parts, beside the load, the list costs the server somewhat more but leaves no core
/// idle. (A writer that finds the list over its limit while a merge is under way leaves it to that
/// merge: PostgreSQL's `ginInsertCleanup` takes the merge lock conditionally for inserts.)
///
/// The loader says how many bytes each committed batch added to the list (`add`, an estimate from
/// its search vectors); once they come to `threshold` since the last merge began, this session
/// merges the list (`gin_clean_pending_list`, sorting in the server's `maintenance_work_mem`).
final class PendingListMerger: @unchecked Sendable {
    private let connection: Connection
    private let logger: Logger
    private let threshold: Int
    private let condition = NSCondition()
    /// Estimated bytes added to the list since the last merge began.
    private var added = 0
    private var stopping = false
    private var completed = 0
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts the merging thread on `connection`, a session of its own (used by that thread only).
    init(connection: Connection, threshold: Int, logger: Logger) {
        self.connection = connection
        self.logger = logger
        self.threshold = threshold
        let thread = Thread { [self] in
            defer { stopped.signal() }
            mergeWhenDue()
        }
        thread.name = "pending-list-merge"
        thread.start()
    }

    /// A committed batch added about `bytes` to the pending list.
    func add(_ bytes: Int) {
        condition.withLock {
            added += bytes
            if added >= threshold { condition.signal() }
        }
    }

    /// Merges made so far.
    var merges: Int { condition.withLock { completed } }

    /// Stops merging: waits for a merge under way to end. Returns the merges made.
    @discardableResult
    func stop() -> Int {
        condition.withLock {
            stopping = true
            condition.signal()
        }
        stopped.wait()
        stopped.signal()   // a second stop does not wait for ever
        return merges
    }

    private func mergeWhenDue() {
        while true {
            condition.lock()
            while !stopping && added < threshold { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            added = 0
            condition.unlock()
            do {
                try connection.execute(.mergePendingList)
                condition.withLock { completed += 1 }
            } catch {
                // The loader's own inserts merge the list once it outgrows their limit, as without
                // this session: nothing is lost but the overlap.
                logger.warning("search index pending list: merging beside the load failed; the load merges it itself",
                               metadata: ["error": "\(error)"])
                return
            }
        }
    }
}
