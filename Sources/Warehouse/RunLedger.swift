import Foundation
import Postgres
import Records

/// `etl.runs`: the row for each run, and the locks that keep runs from interleaving.
///
/// Locks (PostgreSQL session advisory locks, held for the whole run): a run over the whole input
/// takes the run lock exclusively; a run over shard K of N takes it shared plus an exclusive lock
/// of its own shard. So shards of one night run side by side on several machines, and no run over
/// the whole input overlaps any of them.
public struct RunLedger {
    public enum Kind: String, Sendable { case nightly, backfill, manual }

    /// Another run holds the lock.
    public struct LockHeld: Error, CustomStringConvertible {
        public var holders: [Int64]
        public var description: String {
            holders.isEmpty ? "another article-etl run holds the lock"
                : "another article-etl run holds the lock (run \(holders.map(String.init).joined(separator: ", ")))"
        }
    }

    /// The run lock ("ETL_RUN"); shard locks are this key's neighbours.
    static let runLockKey: Int64 = 0x4554_4C5F_5255_4E

    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Takes the locks for the whole input (`shard` nil) or one shard, or throws `LockHeld` at once.
    /// Rows left `running` by a killed run of the same scope are then marked `abandoned`: holding
    /// the lock proves no such run is alive.
    public func acquireLock(shard: String? = nil) throws {
        let got: Bool
        if let shard {
            let shared = try connection.query("SELECT pg_try_advisory_lock_shared($1)", [Self.runLockKey],
                                              as: Bool.self).first == true
            var own = false
            if shared {
                own = try connection.query("SELECT pg_try_advisory_lock($1)", [Self.shardKey(shard)], as: Bool.self).first == true
            }
            if shared && !own { try connection.execute("SELECT pg_advisory_unlock_shared($1)", [Self.runLockKey]) }
            got = own
        } else {
            got = try connection.query("SELECT pg_try_advisory_lock($1)", [Self.runLockKey], as: Bool.self).first == true
        }
        guard got else {
            let holders = (try? connection.query("""
                SELECT run_id FROM etl.runs WHERE status = 'running' ORDER BY run_id
                """, as: Int64.self)) ?? []
            throw LockHeld(holders: holders)
        }
        try connection.execute("""
            UPDATE etl.runs SET status = 'abandoned', error = 'the process ended without finishing the run'
            WHERE status = 'running' AND ($1::text IS NULL OR shard = $1)
            """, [shard])
    }

    public func releaseLock(shard: String? = nil) throws {
        if let shard {
            try connection.execute("SELECT pg_advisory_unlock($1), pg_advisory_unlock_shared($2)",
                                   [Self.shardKey(shard), Self.runLockKey])
        } else {
            try connection.execute("SELECT pg_advisory_unlock($1)", [Self.runLockKey])
        }
    }

    static func shardKey(_ shard: String) -> Int64 {
        var hash: Int64 = 0
        for byte in shard.utf8 { hash = hash &* 31 &+ Int64(byte) }
        return runLockKey &+ 1 &+ (hash & 0xFFFF)
    }

    /// Inserts the run's row (status `running`) and returns its id.
    public func start(kind: Kind, arguments: [String: String], programVersion: String, shard: String? = nil) throws -> Int64 {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
        let host = ProcessInfo.processInfo.hostName
        let rows = try connection.query("""
            INSERT INTO etl.runs (kind, arguments, host, pid, program_version, shard)
            VALUES ($1, $2::jsonb, $3, $4, $5, $6) RETURNING run_id
            """, [kind.rawValue, json, host, Int(ProcessInfo.processInfo.processIdentifier), programVersion, shard],
            as: Int64.self)
        return rows[0]
    }

    /// Adds the files that were seen but skipped as unchanged (they reach no batch).
    public func addSkipped(runID: Int64, seen: Int, unchanged: Int) throws {
        guard seen > 0 || unchanged > 0 else { return }
        try connection.execute("""
            UPDATE etl.runs SET files_seen = files_seen + $2, files_unchanged = files_unchanged + $3 WHERE run_id = $1
            """, [runID, seen, unchanged])
    }

    /// Ends the run: its status, finish time and error, if any.
    public func finish(runID: Int64, status: RunStatus, error: String?) throws {
        try connection.execute("""
            UPDATE etl.runs SET status = $2, finished_at = clock_timestamp(), error = $3 WHERE run_id = $1
            """, [runID, status.rawValue, error])
    }

    /// The counters of one run, as stored.
    public func summary(runID: Int64) throws -> RunSummary {
        let rows = try connection.query("""
            SELECT status, files_seen, files_new, files_changed, files_unchanged, files_rejected, records_rejected,
                   articles_inserted, articles_updated, articles_unchanged,
                   extract(epoch FROM coalesce(finished_at, clock_timestamp()) - started_at)::float8, records_superseded
            FROM etl.runs WHERE run_id = $1
            """, [runID], as: (String, Int, Int, Int, Int, Int, Int, Int, Int, Int, Double, Int).self)
        guard let row = rows.first else { throw PostgresError(kind: .usage, message: "no run \(runID)") }
        return RunSummary(runID: runID, status: RunStatus(rawValue: row.0) ?? .failed, filesSeen: row.1, filesNew: row.2, filesChanged: row.3,
                          filesUnchanged: row.4, filesRejected: row.5, recordsRejected: row.6,
                          articlesInserted: row.7, articlesUpdated: row.8, articlesUnchanged: row.9,
                          recordsSuperseded: row.11, seconds: row.10)
    }
}

/// A run's counters, for the summary line and `status`.
public struct RunSummary: Sendable, Equatable {
    public var runID: Int64
    public var status: RunStatus
    public var filesSeen, filesNew, filesChanged, filesUnchanged, filesRejected, recordsRejected: Int
    public var articlesInserted, articlesUpdated, articlesUnchanged: Int
    /// Older copies recorded against their stored article without a transform.
    public var recordsSuperseded: Int
    public var seconds: Double
    /// A dry run: the counts say what would have changed; nothing was written.
    public var dryRun = false

    public init(runID: Int64, status: RunStatus, filesSeen: Int, filesNew: Int, filesChanged: Int, filesUnchanged: Int,
                filesRejected: Int, recordsRejected: Int, articlesInserted: Int, articlesUpdated: Int,
                articlesUnchanged: Int, recordsSuperseded: Int = 0, seconds: Double) {
        self.runID = runID
        self.status = status
        self.filesSeen = filesSeen
        self.filesNew = filesNew
        self.filesChanged = filesChanged
        self.filesUnchanged = filesUnchanged
        self.filesRejected = filesRejected
        self.recordsRejected = recordsRejected
        self.articlesInserted = articlesInserted
        self.articlesUpdated = articlesUpdated
        self.articlesUnchanged = articlesUnchanged
        self.recordsSuperseded = recordsSuperseded
        self.seconds = seconds
    }

    /// One line a monitor can parse: `key=value` pairs after a fixed prefix.
    public var line: String {
        let rate = seconds > 0 ? Double(articlesInserted + articlesUpdated + articlesUnchanged) / seconds : 0
        return "article-etl run=\(dryRun ? "dry-run" : String(runID)) status=\(status.rawValue)"
            + " files_seen=\(filesSeen) files_new=\(filesNew) files_changed=\(filesChanged)"
            + " files_unchanged=\(filesUnchanged) files_rejected=\(filesRejected) records_rejected=\(recordsRejected)"
            + " articles_inserted=\(articlesInserted) articles_updated=\(articlesUpdated) articles_unchanged=\(articlesUnchanged)"
            + " records_superseded=\(recordsSuperseded)"
            + " seconds=\(String(format: "%.2f", seconds)) articles_per_second=\(String(format: "%.1f", rate))"
    }
}
