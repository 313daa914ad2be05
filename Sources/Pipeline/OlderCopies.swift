import Extract
import Foundation
import Postgres
import Records
import Transform
import Warehouse

/// Older copies of an article among the files of a `run`: saved pages whose canonical URL, read
/// from their first bytes (`CanonicalHint`), is also that of a newer page in the run (by mtime)
/// or of a stored article observed later. A scraper that saves a page again every day leaves many:
/// in the bench corpus 4,231 of its 9,928 pages are followed by a newer copy of the same URL.
///
/// The run puts them off until everything else is loaded. Then each is read (extract, for the
/// ledger's hash and encoding) and, if the stored article of its key was observed later than the
/// page, recorded without being transformed (`SupersededCopy`): the upsert would have left that
/// article as it is. Any other (the newer copy was rejected, or the decoded text does not give the
/// same key) is transformed and loaded as every file is. A run that stops in between loses
/// nothing: the next one finds the stored newer copy and decides the same.
///
/// One thing differs from transforming every page in path order: when newer copies repeat an
/// article's text, the article's `observed_at` is now the newest copy's time (loaded first, with
/// nothing older loaded before it), where before the first copy's stayed, since an unchanged text
/// rewrites no row (7 of the bench corpus's articles).
struct OlderCopies: Sendable {
    struct Copy: Sendable {
        var file: DiscoveredFile
        var key: String
    }

    /// Per input root, in the order of the run's plans: the files put off, in their listing order.
    var deferred: [[Copy]] = []

    var count: Int { deferred.reduce(0) { $0 + $1.count } }

    /// Finds the older copies among the files each plan reads (new or changed by the ledger) and
    /// takes them out of the plans. With a day range, only files in day folders take part: a file
    /// outside them is kept or dropped by the published dates of its articles.
    static func takeOut(of plans: inout [Pipeline.RootPlan], selection: FileSelection, workers: Int,
                        connection: Connection) throws -> OlderCopies {
        var candidates: [[Int]] = []
        var all: [DiscoveredFile] = []
        for plan in plans {
            let indexes = plan.files.indices.filter { index in
                let file = plan.files[index]
                if let known = plan.ledger[file.path], known.size == file.size, known.mtimeMicros == file.mtimeMicros { return false }
                if selection.restrictsDays && FileSelection.dayFolder(of: file.path) == nil { return false }
                return isSavedPage(file.path)
            }
            candidates.append(indexes)
            all.append(contentsOf: indexes.map { plan.files[$0] })
        }
        let keys = parallelMap(all, workers: workers) { file in
            readPrefix(file.absolutePath).flatMap(CanonicalHint.key(in:))
        }
        // The newest time each key is known by: a page of the run, or the stored article.
        var newest: [String: Int64] = [:]
        for (file, key) in zip(all, keys) {
            guard let key else { continue }
            newest[key] = max(newest[key] ?? .min, file.mtimeMicros)
        }
        for (key, observed) in try storedObserved(keys: Array(newest.keys), connection: connection) {
            newest[key] = max(newest[key] ?? .min, observed)
        }

        var older = OlderCopies()
        var next = 0
        for planIndex in plans.indices {
            var copies: [Copy] = []
            var putOff = Set<Int>()
            for index in candidates[planIndex] {
                let file = all[next], key = keys[next]
                next += 1
                guard let key, let newer = newest[key], newer > file.mtimeMicros else { continue }
                copies.append(Copy(file: file, key: key))
                putOff.insert(index)
            }
            if !putOff.isEmpty {
                plans[planIndex].files = plans[planIndex].files.indices.filter { !putOff.contains($0) }.map { plans[planIndex].files[$0] }
            }
            older.deferred.append(copies)
        }
        return older
    }

    /// When each stored article of `keys` was observed (microseconds since the epoch).
    static func storedObserved(keys: [String], connection: Connection) throws -> [String: Int64] {
        guard !keys.isEmpty else { return [:] }
        let rows = try connection.query("""
            SELECT article_key, (extract(epoch FROM observed_at) * 1000000)::bigint
            FROM news.articles WHERE article_key = ANY($1) AND observed_at IS NOT NULL
            """, [keys], as: (String, Int64).self)
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// The record of `unit` as a superseded copy of the stored article `key`, if it is one: one
    /// HTML record with no URL or crawl time of its own, whose decoded text gives the same key, and
    /// a stored article of that key observed later than the file.
    static func superseded(_ unit: FileUnit<ExtractedRecord>, key: String, stored: [String: Int64]) -> SupersededCopy? {
        guard let file = unit.file, file.change != .touched, unit.rejects.isEmpty, unit.items.count == 1,
              let record = unit.items.first, record.format == "html", record.url == nil, record.crawled == nil,
              let observed = record.observedAtMicros, let newer = stored[key], newer > observed,
              CanonicalHint.key(in: Array(record.text.utf8.prefix(CanonicalHint.prefixLength))) == key else { return nil }
        return SupersededCopy(root: file.root, path: file.path, recordNo: record.recordNo, articleKey: key)
    }

    /// `.html` and `.htm` files (not compressed ones: their head is not in their first bytes).
    static func isSavedPage(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
    }

    /// The first `CanonicalHint.prefixLength` bytes of a file, or nil if it cannot be read.
    static func readPrefix(_ path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: CanonicalHint.prefixLength)).map { [UInt8]($0) }
    }
}

/// A count kept by one thread and read by another once that one is done.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ amount: Int) {
        lock.lock()
        count += amount
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
