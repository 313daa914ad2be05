import Postgres
import Records

/// Reads the file ledger (`etl.files`) so the extract stage can skip what it already knows.
public enum FileLedger {
    /// The ledger entries of every file under `root`, keyed by relative path. A database not yet
    /// migrated has an empty ledger. A file whose parts are still `loading` (a run stopped while
    /// reading it) is left out, so that it is read again.
    public static func entries(root: String, connection: Connection) throws -> [String: LedgerEntry] {
        let rows: [(String, Int64, Int64, String?)]
        do {
            rows = try connection.query("""
                SELECT path, size, (extract(epoch FROM mtime) * 1000000)::bigint, sha256 FROM etl.files WHERE root = $1 AND status <> 'loading'
                """, [root], as: (String, Int64, Int64, String?).self)
        } catch let error as PostgresError where error.code == .undefinedTable {
            return [:]
        }
        var entries: [String: LedgerEntry] = [:]
        entries.reserveCapacity(rows.count)
        for (path, size, mtime, sha256) in rows {
            entries[path] = LedgerEntry(size: size, mtimeMicros: mtime, sha256: sha256)
        }
        return entries
    }

    /// Files under `root` last transformed by a transform version below `version` (or never
    /// transformed although they were read: files rejected by transform keep their version).
    public static func outdated(root: String, below version: Int, connection: Connection) throws -> [String] {
        try connection.query("""
            SELECT path FROM etl.files WHERE root = $1 AND transform_version < $2
            """, [root, version], as: String.self)
    }
}
