import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse

@Suite("two stories under one key")
struct KeyConflictTests {
    /// One canonical link printed on two different stories (a CMS that gives every post of a
    /// section the same one).
    let canonical = #"<link rel="canonical" href="https://news.example.com/columns/2024/weekly-column.html">"#
    let storyA = ["The river rose through the night and the town moved what it could to higher ground.",
                  "By morning the water stood a metre deep in the market square, and the bridge was closed.",
                  "Volunteers filled sandbags at the fire station until the rain stopped at dawn.",
                  "The mayor said the damage would be counted once the water had gone down."]
    let storyB = ["The council voted to rebuild the old library with money from the regional culture fund.",
                  "Work on the roof begins in spring; the reading room stays open in the school meanwhile.",
                  "Architects kept the stone front of 1901 and add a glass hall for children's books.",
                  "Opponents had asked for a new building on the edge of town, with room for parking."]

    func run(_ input: TempFolder, _ db: Connection, batchSize: Int = 200) throws -> RunSummary {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        return try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
    }

    func write(_ input: TempFolder, _ path: String, title: String, paragraphs: [String], mtime: TimeInterval) throws {
        try input.write(path, """
            <!DOCTYPE html><html lang="en"><head><title>\(title)</title>\(canonical)</head>
            <body><article><h1>\(title)</h1>\(paragraphs.map { "<p>\($0)</p>" }.joined())</article></body></html>
            """)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: mtime)],
                                              ofItemAtPath: input.path + "/" + path)
    }

    func articles(_ db: Connection) throws -> [String] {
        try db.query("SELECT article_key FROM news.articles ORDER BY article_key", as: String.self)
    }

    /// In one run (in one batch or in two), and over two runs: both stories are loaded, the newer
    /// under the key, the other under the key qualified by its body, and the meeting is recorded;
    /// every file's lineage points at its own story; a rerun writes nothing.
    @Test(arguments: [(200, false), (1, false), (200, true)])
    func bothStoriesAreKeptAndTheMeetingIsRecorded(batchSize: Int, twoRuns: Bool) throws {
        let input = try TempFolder()
        defer { input.remove() }
        try write(input, "2026-11-27/a.html", title: "River rises", paragraphs: storyA, mtime: 1_790_000_000)
        try TestDatabase.withFreshDatabase { _, db in
            if twoRuns { _ = try run(input, db, batchSize: batchSize) }
            try write(input, "2026-11-28/b.html", title: "Library to be rebuilt", paragraphs: storyB, mtime: 1_790_086_400)
            _ = try run(input, db, batchSize: batchSize)
            let key = "https://news.example.com/columns/2024/weekly-column.html"
            let keys = try articles(db)
            #expect(keys.count == 2 && keys.contains(key) && keys.contains { $0.hasPrefix(key + "#sha256:") })
            let conflicts = try db.query("SELECT article_key, qualified_key FROM etl.key_conflicts", as: (String, String).self)
            #expect(conflicts.count == 1 && conflicts.first?.0 == key && keys.contains(conflicts.first?.1 ?? ""))
            let lineage = try db.query("""
                SELECT f.path, a.title FROM etl.file_articles fa JOIN etl.files f USING (file_id)
                JOIN news.articles a USING (article_id) ORDER BY f.path
                """, as: (String, String).self)
            #expect(lineage.map(\.1) == ["River rises", "Library to be rebuilt"])
            let again = try run(input, db, batchSize: batchSize)
            #expect(again.articlesInserted + again.articlesUpdated == 0)
            #expect(try db.query("SELECT count(*)::int FROM etl.key_conflicts", as: Int.self) == [1])
        }
    }

    /// A newer copy of the same story (one sentence changed) under the key is the article's new text,
    /// not a conflict.
    @Test func anEditedCopyIsTheSameStory() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try write(input, "2026-11-27/a.html", title: "River rises", paragraphs: storyA, mtime: 1_790_000_000)
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db)
            try write(input, "2026-11-28/a.html", title: "River rises", paragraphs: storyA.dropLast() + ["The mayor said at noon that the damage was smaller than feared."], mtime: 1_790_086_400)
            let summary = try run(input, db)
            #expect(summary.articlesUpdated == 1 && summary.articlesInserted == 0)
            #expect(try articles(db).count == 1)
            #expect(try db.query("SELECT count(*)::int FROM etl.key_conflicts", as: Int.self) == [0])
        }
    }
}
