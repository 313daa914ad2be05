import Foundation
import Postgres

/// `etl.runs`: the row for each run, and the lock that keeps two runs from interleaving.
public struct RunLedger {
    public enum Kind: String, Sendable { case nightly, backfill, manual }
    public enum Status: String, Sendable { case running, ok, partial, failed, interrupted }

    /// Another run holds the lock.
    public struct LockHeld: Error, CustomStringConvertible {
        public var holder: Int64?
        public var description: String {
            holder.map { "another article-etl run holds the lock (run \($0))" } ?? "another article-etl run holds the lock"
        }
    }

    /// Session advisory lock held for a whole run ("ETL_RUN").
    static let runLockKey: Int64 = 0x4554_4C5F_5255_4E

    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Takes the run lock for this session or throws `LockHeld` at once. Rows left `running` by a
    /// killed run are then marked `abandoned`: holding the lock proves no such run is alive.
    public func acquireLock() throws {
        let got = try connection.query("SELECT pg_try_advisory_lock($1)", [Self.runLockKey], as: Bool.self)
        guard got.first == true else {
            let holder = try? connection.query(
                "SELECT max(run_id) FROM etl.runs WHERE status = 'running'", as: Int64?.self).first ?? nil
            throw LockHeld(holder: holder)
        }
        try connection.execute("""
            UPDATE etl.runs SET status = 'abandoned', error = 'the process ended without finishing the run'
            WHERE status = 'running'
            """)
    }

    public func releaseLock() throws {
        try connection.execute("SELECT pg_advisory_unlock($1)", [Self.runLockKey])
    }

    /// Inserts the run's row (status `running`) and returns its id.
    public func start(kind: Kind, arguments: [String: String], programVersion: String) throws -> Int64 {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
        let host = ProcessInfo.processInfo.hostName
        let rows = try connection.query("""
            INSERT INTO etl.runs (kind, arguments, host, pid, program_version)
            VALUES ($1, $2::jsonb, $3, $4, $5) RETURNING run_id
            """, [kind.rawValue, json, host, Int(ProcessInfo.processInfo.processIdentifier), programVersion], as: Int64.self)
        return rows[0]
    }

    /// Adds the files that were seen but skipped as unchanged (they reach no batch).
    public func addSkipped(runID: Int64, seen: Int, unchanged: Int) throws {
        try connection.execute("""
            UPDATE etl.runs SET files_seen = files_seen + $2, files_unchanged = files_unchanged + $3 WHERE run_id = $1
            """, [runID, seen, unchanged])
    }

    /// Ends the run: its status, finish time and error, if any.
    public func finish(runID: Int64, status: Status, error: String?) throws {
        try connection.execute("""
            UPDATE etl.runs SET status = $2, finished_at = now(), error = $3 WHERE run_id = $1
            """, [runID, status.rawValue, error])
    }

    /// The counters of one run, as stored.
    public func summary(runID: Int64) throws -> RunSummary {
        let rows = try connection.query("""
            SELECT status, files_seen, files_new, files_changed, files_unchanged, files_rejected, records_rejected,
                   articles_inserted, articles_updated, articles_unchanged,
                   extract(epoch FROM coalesce(finished_at, now()) - started_at)::float8
            FROM etl.runs WHERE run_id = $1
            """, [runID], as: (String, Int, Int, Int, Int, Int, Int, Int, Int, Int, Double).self)
        guard let row = rows.first else { throw PostgresError(kind: .usage, message: "no run \(runID)") }
        return RunSummary(runID: runID, status: row.0, filesSeen: row.1, filesNew: row.2, filesChanged: row.3,
                          filesUnchanged: row.4, filesRejected: row.5, recordsRejected: row.6,
                          articlesInserted: row.7, articlesUpdated: row.8, articlesUnchanged: row.9, seconds: row.10)
    }
}

/// A run's counters, for the summary line and `status`.
public struct RunSummary: Sendable, Equatable {
    public var runID: Int64
    public var status: String
    public var filesSeen, filesNew, filesChanged, filesUnchanged, filesRejected, recordsRejected: Int
    public var articlesInserted, articlesUpdated, articlesUnchanged: Int
    public var seconds: Double

    /// One line a monitor can parse: `key=value` pairs after a fixed prefix.
    public var line: String {
        let rate = seconds > 0 ? Double(articlesInserted + articlesUpdated + articlesUnchanged) / seconds : 0
        return "article-etl run=\(runID) status=\(status)"
            + " files_seen=\(filesSeen) files_new=\(filesNew) files_changed=\(filesChanged)"
            + " files_unchanged=\(filesUnchanged) files_rejected=\(filesRejected) records_rejected=\(recordsRejected)"
            + " articles_inserted=\(articlesInserted) articles_updated=\(articlesUpdated) articles_unchanged=\(articlesUnchanged)"
            + " seconds=\(String(format: "%.2f", seconds)) articles_per_second=\(String(format: "%.1f", rate))"
    }
}
