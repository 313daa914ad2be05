import Checksum
import Foundation
import Logging
import Postgres

/// Applies the numbered SQL files in `sql/` in order, once each, recording each (name, checksum,
/// time) in `etl.schema_migrations`. A file already applied with other content is refused.
public struct Migrator {
    public struct Migration: Equatable, Sendable {
        public var name: String
        public var sql: String
        public var sha256: String
    }

    public enum MigrationError: Error, CustomStringConvertible {
        case folderUnreadable(String)
        case checksumMismatch(name: String, applied: String, file: String)

        public var description: String {
            switch self {
            case .folderUnreadable(let path):
                return "cannot read migrations from \(path)"
            case .checksumMismatch(let name, let applied, let file):
                return "migration \(name) was applied with checksum \(applied.prefix(12))…, but the file now has \(file.prefix(12))…: applied migrations must not be edited; add a new numbered file instead"
            }
        }
    }

    /// Serializes concurrent `migrate` calls (any fixed number, distinct from the run lock).
    static let advisoryLockKey: Int64 = 0x4554_4C5F_4D49_47   // "ETL_MIG"

    public let migrations: [Migration]
    private let logger: Logger

    /// Reads `NNN_name.sql` files from `folder`, sorted by name.
    public init(folder: String, logger: Logger) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw MigrationError.folderUnreadable(folder)
        }
        migrations = try names.filter { name in
            name.hasSuffix(".sql") && name.prefix(3).allSatisfy(\.isNumber) && name.dropFirst(3).first == "_"
        }.sorted().map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            return Migration(name: name, sql: String(decoding: data, as: UTF8.self), sha256: SHA256.hex(data))
        }
        self.logger = logger
    }

    /// The migrations not yet applied (all of them on a database never migrated).
    public func pending(_ connection: Connection) throws -> [String] {
        let exists = try connection.query("SELECT to_regclass('etl.schema_migrations') IS NOT NULL", as: Bool.self)
        guard exists.first == true else { return migrations.map(\.name) }
        let names: [String] = try connection.query("SELECT name FROM etl.schema_migrations", as: String.self)
        let applied = Set(names)
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Applies pending migrations, each in its own transaction; returns the names applied.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [String] {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.advisoryLockKey])
            try connection.executeScript("""
                CREATE SCHEMA IF NOT EXISTS etl;
                CREATE TABLE IF NOT EXISTS etl.schema_migrations (
                    name        text PRIMARY KEY,
                    sha256      text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                );
                COMMENT ON TABLE etl.schema_migrations IS 'sql/ files applied by article-etl migrate, with their SHA-256 and time.';
                COMMENT ON COLUMN etl.schema_migrations.name IS 'File name in sql/, e.g. 001_core.sql.';
                COMMENT ON COLUMN etl.schema_migrations.sha256 IS 'Hex SHA-256 of the file as applied; a changed file is refused.';
                COMMENT ON COLUMN etl.schema_migrations.applied_at IS 'When it was applied.';
                """)
        }
        var applied: [String] = []
        for migration in migrations {
            let done = try connection.transaction { () throws -> Bool in
                try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.advisoryLockKey])
                let recorded = try connection.query("SELECT sha256 FROM etl.schema_migrations WHERE name = $1",
                                                    [migration.name], as: (String).self)
                if let checksum = recorded.first {
                    guard checksum == migration.sha256 else {
                        throw MigrationError.checksumMismatch(name: migration.name, applied: checksum, file: migration.sha256)
                    }
                    return false
                }
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO etl.schema_migrations (name, sha256) VALUES ($1, $2)",
                                       [migration.name, migration.sha256])
                return true
            }
            if done {
                logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
                applied.append(migration.name)
            }
        }
        return applied
    }
}
