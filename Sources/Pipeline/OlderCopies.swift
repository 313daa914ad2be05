import Extract
import Foundation
import Postgres
import Records
import Transform
import Warehouse

/// Older copies of articles among the files of a `run`: records whose article key is also that
/// of a newer record in the run or of a stored article observed later. Scrapers leave many: a page
/// saved again every day, a feed that repeats its items. In the bench corpus 4,231 of its 9,928
/// pages and 3,800 of its 4,000 JSON Lines records are followed by a newer copy of the same URL.
/// The key is known before any transform for two kinds of record:
/// - a JSON or JSON Lines record with an http(s) URL field (`ArticleTransformer.identity`), which
///   is its key, observed at its crawl time (else the file's mtime);
/// - a saved page whose canonical link (or og:url) `CanonicalHint` reads from its first bytes to
///   find it and from the whole decoded page to decide, observed at the file's mtime.
///
/// The run puts files holding such records off until everything else is loaded, then reads them
/// newest file first (`Decisions`): each record whose article is stored, or was transformed just
/// before, with a later observed time is recorded without being transformed (`SupersededCopy`):
/// the upsert would have left that article as it is. Every other record (its newer copy was
/// rejected, or the decoded page does not give the same key) is transformed and loaded as any.
/// A run that stops in between loses nothing: the next one finds the stored newer copies and
/// decides the same.
///
/// One thing differs from transforming every record in path order: when newer copies repeat an
/// article's text, the article's `observed_at` is now the newest copy's time (loaded first, with
/// nothing older loaded before it), where before the first copy's stayed, since an unchanged text
/// rewrites no row (9 of the bench corpus's articles).
struct OlderCopies: Sendable {
    /// Per input root, in the order of the run's plans: the files put off, in their listing order.
    var deferred: [FileList] = []
    /// The keys of the put-off records that a newer copy has, each once (a URL saved every day is
    /// put off many times).
    var keys: [String] = []

    var count: Int { deferred.reduce(0) { $0 + $1.count } }

    /// Finds the files with older copies among those each plan reads (new or changed by the
    /// ledger) and takes them out of the plans. With a day range, only files in day folders take
    /// part: a file outside them is kept or dropped by the published dates of its articles.
    static func takeOut(of plans: inout [Pipeline.RootPlan], selection: FileSelection, stages: Stages,
                        connection: Connection) throws -> OlderCopies {
        // (plan, position) of each candidate, in plan order.
        var candidates: [(plan: Int, position: Int)] = []
        for (planIndex, plan) in plans.enumerated() {
            for position in plan.files.indices {
                let file = plan.files[position]
                if let known = plan.ledger[file.path], known.size == file.size, known.mtimeMicros == file.mtimeMicros { continue }
                if selection.restrictsDays && FileSelection.dayFolder(of: file.path) == nil { continue }
                if isSavedPage(file.path) || isJSON(file.path) { candidates.append((planIndex, position)) }
            }
        }
        let found = parallelMap(candidates, workers: stages.workers, cost: { [plans] in plans[$0.plan].files[$0.position].size }) { [plans] candidate in
            identities(of: plans[candidate.plan].files[candidate.position], stages: stages)
        }
        // The newest time each key is known by: a record of the run, or the stored article.
        var newest: [String: Int64] = [:]
        for identities in found {
            for (key, observed) in identities { newest[key] = max(newest[key] ?? .min, observed) }
        }
        for (key, observed) in try StoredArticles.observedTimes(keys: Array(newest.keys), connection: connection) {
            newest[key] = max(newest[key] ?? .min, observed)
        }

        var putOff = Array(repeating: [Int](), count: plans.count)
        var keys = Set<String>()
        for (candidate, identities) in zip(candidates, found) {
            var older = false
            for identity in identities where (newest[identity.key] ?? .min) > identity.observed {
                keys.insert(identity.key)
                older = true
            }
            if older { putOff[candidate.plan].append(candidate.position) }
        }
        var older = OlderCopies(keys: Array(keys))
        for planIndex in plans.indices {
            let files = plans[planIndex].files
            older.deferred.append(files.picking(putOff[planIndex]))
            if !putOff[planIndex].isEmpty {
                let taken = Set(putOff[planIndex])
                plans[planIndex].files = files.picking(files.indices.filter { !taken.contains($0) })
            }
        }
        return older
    }

    /// The keys and observed times a file's records have before any transform: a saved page's
    /// canonical link (or og:url), from its first bytes; JSON records' URL fields, from the whole file.
    static func identities(of file: DiscoveredFile, stages: Stages) -> [(key: String, observed: Int64)] {
        if isSavedPage(file.path) {
            return pageKey(ofFile: file.absolutePath).map { [($0, file.mtimeMicros)] } ?? []
        }
        guard case .read(_, let records, _) = stages.extractor.extract(file, ledger: nil) else { return [] }
        return records.compactMap { stages.transformer.identity(of: $0) }
    }

    /// What the put-off files are read against: the observed time of each key stored when they
    /// start, raised by every article transformed since (loaded before the records that follow
    /// it), and how many records were recorded untransformed. The producer's workers `split` each
    /// file as they read it; the producer has each batch `learn`ed once it is transformed, so a
    /// batch is decided against the batches before it only.
    final class Decisions: @unchecked Sendable {
        private let lock = NSLock()
        private var newest: [String: Int64]
        private var count = 0

        init(stored: [String: Int64]) {
            newest = stored
        }

        /// `unit`'s records split into those to transform (with the file's rejects) and the older
        /// copies of articles observed later. A touched file (same content) is left whole.
        func split(_ unit: FileUnit<ExtractedRecord>,
                   transformer: ArticleTransformer) -> (rest: FileUnit<ExtractedRecord>, superseded: [SupersededCopy]) {
            guard let file = unit.file, file.change != .touched else { return (unit, []) }
            var rest = FileUnit<ExtractedRecord>(file: file, rejects: unit.rejects)
            var superseded: [SupersededCopy] = []
            lock.lock()
            defer { lock.unlock() }
            for record in unit.items {
                let identity: (key: String, observed: Int64)?
                if let own = transformer.identity(of: record) {
                    identity = own
                } else if file.format == "html", unit.items.count == 1, record.url == nil, record.crawled == nil,
                          let mtime = record.observedAtMicros,
                          let key = OlderCopies.pageKey(ofText: record.text) {
                    identity = (key, mtime)
                } else {
                    identity = nil
                }
                if let identity, let newer = newest[identity.key], newer > identity.observed {
                    superseded.append(SupersededCopy(root: file.root, path: file.path, recordNo: record.recordNo,
                                                     articleKey: identity.key))
                } else {
                    rest.items.append(record)
                }
            }
            count += superseded.count
            return (rest, superseded)
        }

        /// Takes in the articles of a transformed batch, which the loader stores before any later batch.
        func learn(_ articles: [ArticleRecord]) {
            lock.lock()
            defer { lock.unlock() }
            for article in articles {
                guard let observed = article.observedAtMicros else { continue }
                newest[article.articleKey] = max(newest[article.articleKey] ?? .min, observed)
            }
        }

        var superseded: Int {
            lock.lock()
            defer { lock.unlock() }
            return count
        }
    }

    /// `.html` and `.htm` files (not compressed ones: their head is not in their first bytes).
    static func isSavedPage(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
    }

    /// Files with an extension the format sniffer takes for JSON (`.json`, `.jsonl`, `.ndjson`),
    /// read whole for their records' URLs.
    static func isJSON(_ path: String) -> Bool {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        return FormatSniffer.isJSONExtension(String(path[path.utf8.index(after: dot)...]))
    }

    /// The key `CanonicalHint` reads from the first `CanonicalHint.prefixLength` bytes of a file,
    /// read into a buffer on the stack; nil if there is none or the file cannot be read.
    static func pageKey(ofFile path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CanonicalHint.prefixLength) { buffer in
            var filled = 0
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            return CanonicalHint.key(in: UnsafeBufferPointer(rebasing: buffer[..<filled]))
        }
    }

    /// The key `CanonicalHint` reads from a whole decoded page, read in place.
    static func pageKey(ofText text: String) -> String? {
        var text = text
        return text.withUTF8 { CanonicalHint.key(in: $0) }
    }
}
