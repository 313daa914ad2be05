import Foundation
import Postgres
import Testing
import TestSupport
@testable import Warehouse

@Suite("sql/ migrations")
struct MigrationTests {
    @Test func migratingTwiceAppliesNothingTheSecondTime() throws {
        try TestDatabase.withFreshDatabase { _, db in
            let migrator = try Migrator(folder: "sql", logger: TestLog.quiet)
            let first = try migrator.migrate(db)
            #expect(first == migrator.migrations.map(\.name))
            #expect(first.contains("001_core.sql"))
            #expect(try migrator.migrate(db).isEmpty)
            let recorded = try db.query("SELECT name, sha256 FROM etl.schema_migrations ORDER BY name", as: (String, String).self)
            #expect(recorded.map(\.0) == first)
            #expect(recorded.map(\.1) == migrator.migrations.map(\.sha256))
        }
    }

    @Test func anEditedAppliedMigrationIsRefused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("001_first.sql", "CREATE TABLE public.m1 (x int);")
        try TestDatabase.withFreshDatabase { _, db in
            #expect(try Migrator(folder: folder.path, logger: TestLog.quiet).migrate(db) == ["001_first.sql"])
            try folder.write("001_first.sql", "CREATE TABLE public.m1 (x int, y int);")
            try folder.write("002_second.sql", "CREATE TABLE public.m2 (x int);")
            #expect(throws: Migrator.MigrationError.self) {
                try Migrator(folder: folder.path, logger: TestLog.quiet).migrate(db)
            }
            // Nothing after the refused file was applied.
            #expect(try db.query("SELECT to_regclass('public.m2')::text", as: String?.self).first! == nil)
        }
    }

    @Test func aFailingMigrationLeavesNoTrace() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("001_bad.sql", "CREATE TABLE public.half (x int); SELECT no_such_function();")
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let error = #expect(throws: PostgresError.self) {
                try Migrator(folder: folder.path, logger: TestLog.quiet).migrate(db)
            }
            #expect(error?.code == PostgresError.Code("42883"))
            #expect(try db.query("SELECT to_regclass('public.half')::text", as: String?.self).first! == nil)
            #expect(try db.query("SELECT count(*)::int FROM etl.schema_migrations", as: Int.self) == [0])
        }
    }

    @Test func everyTableViewAndColumnIsDocumented() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let undocumentedRelations = try db.query("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('news', 'etl') AND c.relkind IN ('r', 'v', 'm', 'p')
                  AND obj_description(c.oid, 'pg_class') IS NULL
                """, as: String.self)
            #expect(undocumentedRelations == [])
            let undocumentedColumns = try db.query("""
                SELECT n.nspname || '.' || c.relname || '.' || a.attname
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('news', 'etl') AND c.relkind IN ('r', 'v', 'm', 'p') AND a.attnum > 0
                  AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL
                """, as: String.self)
            #expect(undocumentedColumns == [])
        }
    }

    @Test func theContractColumnsExist() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let contract: [String: [String]] = [
                "news.sources": ["source_id", "code", "name", "homepage"],
                "news.articles": ["article_id", "article_key", "source_id", "url", "title", "author", "published_at",
                                  "lang", "script", "body", "search_text", "content_sha256", "duplicate_of", "defects",
                                  "first_run_id", "last_changed_run_id", "created_at", "updated_at"],
                "news.paragraphs": ["article_id", "ordinal", "text"],
                "etl.runs": ["run_id", "kind", "started_at", "finished_at", "status", "files_seen", "files_new",
                             "files_changed", "files_unchanged", "files_rejected", "articles_inserted",
                             "articles_updated", "articles_unchanged", "records_superseded", "arguments"],
                "etl.files": ["path", "size", "mtime", "sha256", "format", "encoding", "status", "first_run_id", "last_run_id"],
                "etl.rejects": ["run_id", "path", "record_no", "stage", "code", "message"],
                "etl.article_files": ["path", "record_no", "article_id", "title", "body", "url", "published_at",
                                      "author", "lang", "source_code", "defects"],
            ]
            for (relation, columns) in contract {
                let parts = relation.split(separator: ".").map(String.init)
                let names: [String] = try db.query("""
                    SELECT column_name::text FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
                    """, [parts[0], parts[1]], as: String.self)
                let present = Set(names)
                #expect(Set(columns).subtracting(present).isEmpty, "\(relation) lacks \(Set(columns).subtracting(present).sorted())")
            }
        }
    }
}
