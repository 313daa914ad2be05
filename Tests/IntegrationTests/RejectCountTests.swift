import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse

/// Every reject a run records is counted, once, in the summary line, `etl.runs` and `status`, and
/// makes the run `partial`: files nothing was loaded from in `files_rejected`, records rejected in
/// files that loaded others in `records_rejected`.
@Suite("reject counts: every reject counted once, everywhere")
struct RejectCountTests {
    /// A folder with one file for each way a file or record is rejected, beside two good files.
    func makeInput() throws -> TempFolder {
        let input = try TempFolder()
        try input.write("2026-11-28/good.txt", "A good title\n\nA good body of text.\n")
        try input.write("2026-11-28/feed.jsonl", """
            {"url": "https://example.com/a", "title": "Feed title", "content": "Feed body."}
            {"url": "https://example.com/b", "title": "Broken
            """)
        // Over the limit of 4,096 bytes the tests set: rejected whole, never read.
        try input.write("2026-11-28/big.txt", "Big title\n\n" + String(repeating: "A long body line.\n", count: 400))
        try input.write("2026-11-28/empty.txt", "")
        try input.write("2026-11-28/title-only.txt", "Just a title\n")
        try input.write("2026-11-28/noise.txt", bytes: Data((0..<600).map { UInt8(truncatingIfNeeded: ($0 * 7919 + 13) % 251) | 0x80 }))
        // A name that is not UTF-8.
        let badName = input.path + "/2026-11-28/caf\u{E9}-"
        var bytes = Array(badName.utf8.dropLast(3)) + [0xE9, 0x2D, 0x2E, 0x74, 0x78, 0x74, 0]
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { name in
                let descriptor = open(name, O_WRONLY | O_CREAT, 0o644)
                _ = write(descriptor, "Title\n\nBody.\n", 13)
                close(descriptor)
            }
        }
        return input
    }

    func pipeline(_ input: TempFolder, batchSize: Int = 200) -> Pipeline {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        settings.maxFileSize = 4096
        return Pipeline(settings: settings, logger: TestLog.quiet)
    }

    /// The counters as `etl.runs` holds them and as `status` prints them, for the last run.
    func stored(_ db: Connection, run: Int64) throws -> (runs: [Int], status: [Int]) {
        let row = try db.query("""
            SELECT files_rejected, records_rejected FROM etl.runs WHERE run_id = $1
            """, [run], as: (Int, Int).self)[0]
        let lines = try StatusReport(connection: db).lines(lastRuns: 1)
        let header = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        let values = lines[1].split(separator: " ", omittingEmptySubsequences: true)
        // `started` holds three words (day, time, zone) where the header has one.
        let column = { (name: String) in Int(values[header.firstIndex(of: Substring(name))! + 2]) ?? -1 }
        return ([row.0, row.1], [column("files_rejected"), column("records_rejected")])
    }

    @Test(arguments: [1, 200])
    func everyRejectCountsOnceAndMakesTheRunPartial(batchSize: Int) throws {
        let input = try makeInput()
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let summary = try pipeline(input, batchSize: batchSize).run(connection: db, options: RunOptions(kind: .nightly))
            let codes = try db.query("SELECT code FROM etl.rejects ORDER BY code", as: String.self)
            #expect(codes == ["empty", "invalid_file_name", "invalid_json", "no_body", "too_large", "undecodable"])
            #expect(summary.status == .partial)
            #expect(summary.articlesInserted == 2)
            // Five files loaded nothing; the feed loaded one record of two.
            #expect(summary.filesRejected == 5)
            #expect(summary.recordsRejected == 1)
            let (runs, status) = try stored(db, run: summary.runID)
            #expect(runs == [5, 1])
            #expect(status == [5, 1])
            #expect(summary.line.contains(" status=partial ") && summary.line.contains(" files_rejected=5 records_rejected=1 "))
            // The counters agree with the ledger and the rejects an analyst would count.
            #expect(try db.query("""
                SELECT count(*)::int FROM etl.files WHERE status = 'rejected'
                """, as: Int.self) == [5])
            #expect(try db.query("""
                SELECT count(*)::int FROM etl.rejects r JOIN etl.files f USING (root, path) WHERE f.status = 'partial'
                """, as: Int.self) == [1])

            // Nothing changed: nothing rejected again, the run is ok.
            let second = try pipeline(input, batchSize: batchSize).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(second.status == .ok && second.filesRejected == 0 && second.recordsRejected == 0)
            #expect(try db.query("SELECT count(*)::int FROM etl.rejects", as: Int.self) == [6])

            // A file over the limit that changes is rejected, recorded and counted again.
            try input.append("2026-11-28/big.txt", "One more line.\n")
            let third = try pipeline(input, batchSize: batchSize).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(third.status == .partial && third.filesRejected == 1 && third.filesChanged == 1)
            #expect(try db.query("SELECT count(*)::int FROM etl.rejects WHERE run_id = $1", [third.runID], as: Int.self) == [1])
        }
    }

    @Test func aDryRunCountsAsARealRunAndTakesTime() throws {
        let input = try makeInput()
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let dry = try pipeline(input).run(connection: db, options: RunOptions(kind: .backfill, dryRun: true))
            #expect(dry.dryRun && dry.status == .partial)
            #expect(dry.seconds > 0)
            #expect(dry.line.contains(" seconds=") && !dry.line.contains(" seconds=0.00 "))
            #expect(try db.query("SELECT count(*)::int FROM etl.runs", as: Int.self) == [0])
            let real = try pipeline(input).run(connection: db, options: RunOptions(kind: .backfill))
            let counted = { (run: RunSummary) -> [Int] in
                [run.filesSeen, run.filesNew, run.filesRejected, run.recordsRejected, run.articlesInserted]
            }
            #expect(counted(dry) == counted(real))
        }
    }

    @Test func aFolderThatCannotBeListedCountsAsAFileRejected() throws {
        let input = try makeInput()
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let runs = RunLedger(connection: db)
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runID = try runs.start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet)
            let problem = RejectRecord(root: input.path, path: "locked", stage: .extract, code: "unreadable",
                                       message: "cannot list the folder")
            let counts = try loader.load(LoadBatch(rejects: [problem]), runID: runID)
            #expect(counts.filesRejected == 1 && counts.recordsRejected == 0)
        }
    }
}
