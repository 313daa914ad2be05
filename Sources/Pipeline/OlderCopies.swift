import Extract
import Foundation
import Postgres
import Records
import Transform
import Warehouse

/// Older copies of articles among the files of a `run`: records whose article key is also that
/// of a newer record in the run or of a stored article observed later. Scrapers leave many: a page
/// saved again every day, a feed that repeats its items (BENCHMARKS.md counts them on the bench
/// corpus). The key is known before any transform for two kinds of record:
/// - a JSON or JSON Lines record with an http(s) URL field (`ArticleTransformer.identity`), which
///   is its key, observed at its crawl time (else the file's mtime); the pre-pass reads only those
///   fields (`FileExtractor.keyFields`);
/// - a saved page whose canonical link (or og:url) `CanonicalHint` reads from its first bytes,
///   observed at the file's mtime; the whole decoded page confirms it when the file is read.
///
/// `takeOut`, a key-only pre-pass, finds the files holding a record older than another copy of
/// its key (in the run, or stored: one look at the stored times) and takes them out of the plans;
/// the run reads them last, newest file first, against `Decisions`. The rule, per record of a
/// put-off file: it is recorded without a transform (`SupersededCopy`) when its key has a newer
/// copy that is stored when the put-off files are read (stored before the run, or loaded by the
/// run from a file not put off), or when the newest copy of its key in the run is newer and in a
/// put-off file read no later than its own (its own file, or one before it in the reading order:
/// a feed whose items carry crawl times may hold a copy newer than a later file's). Every other
/// record is transformed and loaded as any. A run that stops in between loses nothing: the next one finds
/// the stored newer copies and decides the same.
///
/// A newer copy the transform rejects: one in a file that was not put off is loaded (or rejected)
/// before the put-off files are read, and the stored times are looked at again then, for the keys
/// of the put-off records only: a rejected newer copy is not stored, so its older copies are
/// transformed and the newest of them that gives an article is loaded. That look is no feedback of
/// transform output into the decisions: it reads what the warehouse holds, as a rerun would. A newer
/// copy in a put-off file (a feed that repeats older items beside new ones) supersedes its older
/// copies whatever its transform gives, as decided in the pre-pass: the decisions do not depend on
/// the order or the batches in which the put-off files are transformed. Should that newer copy be
/// rejected, its article keeps what is stored (nothing, for a new key) and the older copies are
/// recorded against it; the feed's newest word on that URL (no article) stands.
/// Only the newest copy of a key in the run supersedes that way: when the newest copy is in a file
/// not put off, the put-off copies between it and the oldest do not, so a chain of copies whose
/// newest is rejected (a list page saved day after day) is transformed, each copy rejected alone.
///
/// One thing differs from transforming every record in path order: when newer copies repeat an
/// article's text, the article's `observed_at` is the newest copy's time (loaded first, with
/// nothing older loaded before it), since an unchanged text rewrites no row.
struct OlderCopies: Sendable {
    /// Per input root, in the order of the run's plans: the files put off, in their listing order.
    var deferred: [FileList] = []
    /// The keys of the put-off files' records, each once, with the newest time a put-off record
    /// has for it and where the first file holding it comes in the reading order, when that record
    /// is the newest copy of its key in the run (else `.min`: a newer copy in a file not put off
    /// decides, through the stored times).
    var putOffNewest: [String: (observed: Int64, order: Int)] = [:]
    /// Where each put-off file comes in the reading order (by `fileKey`).
    var readingOrder: [String: Int] = [:]

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
        let read = parallelMap(candidates, workers: stages.workers, cost: { [plans] in plans[$0.plan].files[$0.position].size }) { [plans] candidate in
            identities(of: plans[candidate.plan].files[candidate.position], stages: stages)
        }
        // A key that pages give under different titles, or under a title that is not the stored
        // article's, may stand for two stories: none of its copies is put off, so each is
        // transformed and the loader keeps the stories apart (`KeyConflicts`).
        let contested = try contestedKeys(read.joined(), connection: connection)
        let found = read.map { $0.filter { !contested.contains($0.key) }.map { (key: $0.key, observed: $0.observed) } }
        // The newest time each key is known by: a record of the run, or the stored article.
        var runNewest: [String: Int64] = [:]
        for identities in found {
            for (key, observed) in identities { runNewest[key] = max(runNewest[key] ?? .min, observed) }
        }
        var newest = runNewest
        for (key, observed) in try StoredArticles.observedTimes(keys: Array(newest.keys), connection: connection) {
            newest[key] = max(newest[key] ?? .min, observed)
        }

        var putOff = Array(repeating: [Int](), count: plans.count)
        var putOffIdentities: [(file: String, identities: [(key: String, observed: Int64)])] = []
        for (candidate, identities) in zip(candidates, found)
        where identities.contains(where: { (newest[$0.key] ?? .min) > $0.observed }) {
            putOff[candidate.plan].append(candidate.position)
            let file = plans[candidate.plan].files[candidate.position]
            putOffIdentities.append((fileKey(root: file.root, path: file.path), identities))
        }
        var older = OlderCopies()
        // The reading order: root after root, each root's put-off files newest (last listed) first.
        for planIndex in plans.indices {
            for position in putOff[planIndex].reversed() {
                let file = plans[planIndex].files[position]
                older.readingOrder[fileKey(root: file.root, path: file.path)] = older.readingOrder.count
            }
        }
        for (file, identities) in putOffIdentities {
            let order = older.readingOrder[file]!
            for (key, observed) in identities {
                let best = older.putOffNewest[key] ?? (.min, .max)
                if observed > best.observed || (observed == best.observed && order < best.order) {
                    older.putOffNewest[key] = (observed, order)
                }
            }
        }
        // A key whose newest copy in the run is in a file not put off is decided by the stored
        // times alone: that copy is loaded, or rejected, before the put-off files are read.
        for (key, best) in older.putOffNewest where best.observed < runNewest[key] ?? .min {
            older.putOffNewest[key] = (.min, .max)
        }
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

    /// What the put-off files are decided against, once the other files are loaded: the stored
    /// times of their keys then, and the newest time a put-off record has for each.
    func decisions(connection: Connection) throws -> Decisions {
        let stored = try StoredArticles.observedTimes(keys: Array(putOffNewest.keys), connection: connection)
        return Decisions(stored: stored, putOffNewest: putOffNewest, readingOrder: readingOrder)
    }

    /// A file's place in `readingOrder`.
    static func fileKey(root: String, path: String) -> String {
        root + "\u{0}" + path
    }

    /// The keys and observed times a file's records have before any transform: a saved page's
    /// canonical link (or og:url), from its first bytes; JSON records' URL fields and crawl times.
    /// A saved page's key comes with the text of its `<title>` (`CanonicalHint.hint`).
    static func identities(of file: DiscoveredFile, stages: Stages) -> [(key: String, observed: Int64, title: String?)] {
        if isSavedPage(file.path) {
            return pageHint(ofFile: file.absolutePath).map { [($0.key, file.mtimeMicros, $0.title)] } ?? []
        }
        return stages.extractor.keyFields(of: file).compactMap { stages.transformer.identity(of: $0) }.map { ($0.key, $0.observed, nil) }
    }

    /// The page keys given under two titles or more, or under a title that does not hold the
    /// stored article's title (compared without regard to case).
    static func contestedKeys<Identities: Sequence>(_ identities: Identities, connection: Connection) throws -> Set<String>
    where Identities.Element == (key: String, observed: Int64, title: String?) {
        var titles: [String: Set<String>] = [:]
        for identity in identities { if let title = identity.title { titles[identity.key, default: []].insert(title) } }
        var contested = Set(titles.filter { $0.value.count > 1 }.keys)
        for (key, stored) in try StoredArticles.titles(keys: titles.keys.filter { !contested.contains($0) }, connection: connection)
        where !titles[key]!.allSatisfy({ $0.localizedCaseInsensitiveContains(stored) }) {
            contested.insert(key)
        }
        return contested
    }

    /// What each record of the put-off files is decided against, fixed before they are read: the
    /// stored times of their keys, and the newest put-off copy of each key, which supersedes older
    /// copies in its own file or in files read after it (so it is loaded, in the same batch or an
    /// earlier one, before the lineage of those copies points at its article).
    struct Decisions: Sendable {
        let stored: [String: Int64]
        let putOffNewest: [String: (observed: Int64, order: Int)]
        let readingOrder: [String: Int]

        /// `unit`'s records split into those to transform (with the file's rejects) and the older
        /// copies of articles observed later. A touched file (same content) is left whole.
        func split(_ unit: FileUnit<ExtractedRecord>,
                   transformer: ArticleTransformer) -> (rest: FileUnit<ExtractedRecord>, superseded: [SupersededCopy]) {
            guard let file = unit.file, file.change != .touched else { return (unit, []) }
            var rest = FileUnit<ExtractedRecord>(file: file, rejects: unit.rejects)
            var superseded: [SupersededCopy] = []
            let order = readingOrder[OlderCopies.fileKey(root: file.root, path: file.path)] ?? .max
            func isOlder(_ identity: (key: String, observed: Int64)) -> Bool {
                if let newer = stored[identity.key], newer > identity.observed { return true }
                guard let newer = putOffNewest[identity.key] else { return false }
                return newer.observed > identity.observed && newer.order <= order
            }
            for record in unit.items {
                if let identity = Self.identity(of: record, in: unit, transformer: transformer), isOlder(identity) {
                    superseded.append(SupersededCopy(root: file.root, path: file.path, recordNo: record.recordNo,
                                                     articleKey: identity.key))
                } else {
                    rest.items.append(record)
                }
            }
            return (rest, superseded)
        }

        /// A record's key and time from what extract read: its URL field, or for a saved page the
        /// canonical link of the whole decoded page.
        static func identity(of record: ExtractedRecord, in unit: FileUnit<ExtractedRecord>,
                             transformer: ArticleTransformer) -> (key: String, observed: Int64)? {
            if let own = transformer.identity(of: record) { return own }
            guard unit.file?.format == .html, unit.items.count == 1, record.url == nil, record.crawled == nil,
                  let mtime = record.observedAtMicros, let key = OlderCopies.pageKey(ofText: record.text) else { return nil }
            return (key, mtime)
        }
    }
}
