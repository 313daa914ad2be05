import Extract
import Foundation
import Pipeline
import Postgres
import Testing
import TestSupport
import Warehouse

/// duplicate_of as clusters of copies: every copy points at its cluster's root (the first by
/// published_at, NULLs last, then article_key), never at another copy, whatever the order, batch
/// size, workers or shards of the load.
@Suite("clusters of copies")
struct DuplicateClusterTests {
    func settings(_ input: TempFolder, batchSize: Int, workers: Int = 2) -> Settings {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        settings.workers = workers
        return settings
    }

    func article(_ url: String, _ title: String, _ body: String, published: String?) -> String {
        var record: [String: String] = ["url": url, "title": title, "content": body]
        record["published_at"] = published
        let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The labelled set of copies (Labelled/duplicates.json) as one JSON file per body, with
    /// dates that put the first copy of a group neither first by path nor first by date, some
    /// dates missing; and junk bodies of different stories, some under one title.
    func writeLabelledInput(_ input: TempFolder) throws -> [String: String] {
        var groupOf: [String: String] = [:]
        var index = 0
        for group in try LabelledDuplicates.load().duplicates {
            for (copy, body) in group.copies.enumerated() {
                index += 1
                let published: String? = index % 5 == 0 ? nil : String(format: "2026-03-%02dT08:00:00Z", 28 - (index * 7) % 27)
                let url = "https://news.example/\(group.group)/\(copy)"
                // Paths in an order unrelated to the groups, so batches cut through them.
                try input.write(String(format: "%02d/%03d.json", (index * 13) % 7, index), article(url, "\(group.group) \(copy)", body, published: published))
                groupOf[url] = group.group
            }
        }
        for (number, title) in ["Council meets", "Council meets", "Storm warning", "Bridge closed"].enumerated() {
            let url = "https://news.example/junk-title/\(number)"
            try input.write("junk/\(number).json", article(url, title, "Please enable JavaScript to continue.", published: nil))
        }
        return groupOf
    }

    /// article_key → duplicate_of's article_key, for every article.
    func duplicateMap(_ db: Connection) throws -> [String: String] {
        let rows = try db.query("""
            SELECT a.article_key, coalesce(d.article_key, '') FROM news.articles a
            LEFT JOIN news.articles d ON d.article_id = a.duplicate_of
            """, as: (String, String).self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0.1) })
    }

    /// The rules every state of the warehouse keeps: no copy points at a copy; the duplicate codes
    /// agree with duplicate_of; every copy's root comes first in its cluster.
    func checkInvariants(_ db: Connection) throws {
        let chained = try db.query("""
            SELECT count(*)::int FROM news.articles a JOIN news.articles d ON d.article_id = a.duplicate_of
            WHERE d.duplicate_of IS NOT NULL
            """, as: Int.self)
        #expect(chained == [0])
        let codes = try db.query("""
            SELECT count(*)::int FROM news.articles a LEFT JOIN news.articles d ON d.article_id = a.duplicate_of
            WHERE (a.defects && '{exact_duplicate,near_duplicate}') <> (a.duplicate_of IS NOT NULL)
               OR ('exact_duplicate' = ANY (a.defects)) <> (a.content_sha256 = d.content_sha256)
               OR ('exact_duplicate' = ANY (a.defects) AND 'near_duplicate' = ANY (a.defects))
            """, as: Int.self)
        #expect(codes == [0])
        let lateRoots = try db.query("""
            SELECT count(*)::int FROM news.articles a JOIN news.articles d ON d.article_id = a.duplicate_of
            WHERE (coalesce(a.published_at, 'infinity'), a.article_key COLLATE "C")
                  < (coalesce(d.published_at, 'infinity'), d.article_key COLLATE "C")
            """, as: Int.self)
        #expect(lateRoots == [0])
    }

    @Test func theSameInputGivesTheSameClustersHoweverItIsLoaded() throws {
        let input = try TempFolder()
        defer { input.remove() }
        let groupOf = try writeLabelledInput(input)
        var maps: [String: [String: String]] = [:]
        let loads: [(String, Int, Int, [String?])] = [
            ("batch 1", 1, 1, [nil]), ("batch 50", 50, 2, [nil]), ("batch 500", 500, 2, [nil]),
            ("shards 1/2, 2/2", 7, 2, ["1/2", "2/2"]), ("shards 2/2, 1/2", 7, 1, ["2/2", "1/2"]),
        ]
        for (name, batchSize, workers, shards) in loads {
            try TestDatabase.withFreshDatabase { _, db in
                let pipeline = Pipeline(settings: settings(input, batchSize: batchSize, workers: workers), logger: TestLog.quiet)
                for shard in shards {
                    let selection = FileSelection(shard: shard.flatMap { FileSelection.Shard($0) })
                    _ = try pipeline.run(connection: db, options: RunOptions(selection: selection))
                }
                try checkInvariants(db)
                maps[name] = try duplicateMap(db)
                // A rerun writes nothing.
                let again = try pipeline.run(connection: db, options: RunOptions())
                #expect(again.articlesInserted == 0 && again.articlesUpdated == 0)
                #expect(try duplicateMap(db) == maps[name])
            }
        }
        let reference = try #require(maps["batch 1"])
        for (name, map) in maps { #expect(map == reference, "\(name) differs from batch 1") }
        // And the clusters are the labelled groups.
        var score = Score()
        let keys = reference.keys.filter { $0.contains("news.example/") && !$0.contains("junk-title") }.sorted()
        func root(_ key: String) -> String { reference[key].flatMap { $0.isEmpty ? nil : $0 } ?? key }
        func group(_ key: String) -> String? { groupOf.first { key.hasSuffix(String($0.key.dropFirst("https://".count))) }?.value }
        for i in keys.indices {
            for j in (i + 1)..<keys.count {
                switch (root(keys[i]) == root(keys[j]), group(keys[i]) == group(keys[j])) {
                case (true, true): score.truePositives += 1
                case (true, false): score.falsePositives += 1
                case (false, true): score.falseNegatives += 1
                case (false, false): break
                }
            }
        }
        print("clusters loaded from the labelled set: \(score)")
        #expect(score.precision >= 0.99 && score.recall >= 0.95)
        // Junk bodies: a copy only under the same title.
        let junk = reference.filter { $0.key.contains("junk-title") }
        #expect(junk.values.filter { !$0.isEmpty }.count == 1)
    }

    /// Copies loaded first, their original (published earlier) in a later run: it takes over.
    @Test func anEarlierOriginalArrivingLaterTakesOverItsCluster() throws {
        let story = try #require(LabelledDuplicates.load().duplicates.first { $0.group == "en-copy-1" })
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("a.json", article("https://news.example/b", "Copy", story.copies[1], published: "2026-03-03T08:00:00Z"))
        try input.write("b.json", article("https://news.example/c", "Copy", story.copies[2], published: "2026-03-04T08:00:00Z"))
        try TestDatabase.withFreshDatabase { _, db in
            let pipeline = Pipeline(settings: settings(input, batchSize: 1), logger: TestLog.quiet)
            _ = try pipeline.run(connection: db, options: RunOptions())
            var map = try duplicateMap(db)
            #expect(map.values.sorted() == ["", map.keys.first { $0.hasSuffix("/b") }!])
            try input.write("c.json", article("https://news.example/a", "Original", story.copies[0], published: "2026-03-01T08:00:00Z"))
            _ = try pipeline.run(connection: db, options: RunOptions())
            map = try duplicateMap(db)
            let original = try #require(map.keys.first { $0.hasSuffix("/a") })
            #expect(map[original] == "")
            #expect(map.filter { $0.key != original }.values.allSatisfy { $0 == original })
            try checkInvariants(db)
            // The original is edited into another story: its cluster goes back to the next copy.
            let other = try #require(LabelledDuplicates.load().duplicates.first { $0.group == "en-site-1" })
            try input.write("c.json", article("https://news.example/a", "Original", other.copies[0], published: "2026-03-01T08:00:00Z"))
            _ = try pipeline.run(connection: db, options: RunOptions())
            map = try duplicateMap(db)
            let next = try #require(map.keys.first { $0.hasSuffix("/b") })
            #expect(map[original] == "" && map[next] == "")
            #expect(map.first { $0.key.hasSuffix("/c") }?.value == next)
            try checkInvariants(db)
        }
    }

    /// A copy of a copy: three articles where the third matches only the second still form one
    /// cluster, and both copies point at the root.
    @Test func aCopyOfACopyPointsAtTheRoot() throws {
        let input = try TempFolder()
        defer { input.remove() }
        let story = try #require(LabelledDuplicates.load().duplicates.first { $0.group == "zh-copy-2" })
        try input.write("1.json", article("https://news.example/1", "甲", story.copies[2], published: "2026-03-03T08:00:00Z"))
        try input.write("2.json", article("https://news.example/2", "乙", story.copies[0], published: "2026-03-02T08:00:00Z"))
        try input.write("3.json", article("https://news.example/3", "丙", story.copies[1], published: nil))
        try TestDatabase.withFreshDatabase { _, db in
            _ = try Pipeline(settings: settings(input, batchSize: 1), logger: TestLog.quiet).run(connection: db, options: RunOptions())
            let map = try duplicateMap(db)
            let root = try #require(map.keys.first { $0.hasSuffix("/2") })
            #expect(map.filter { $0.key != root }.values.allSatisfy { $0 == root })
            #expect(map[root] == "")
            try checkInvariants(db)
        }
    }
}
