import Postgres
import Records

/// Two different stories under one address key: a CMS that prints one canonical link on every
/// page of a section, a feed that reuses an item's URL. Neither story is dropped: the one the
/// warehouse holds (else the batch's newest copy, `InBatchWinner`) keeps the key, and each copy of
/// another story is loaded under the key qualified by its body, `<key>#sha256:<content hash>`,
/// and recorded in `etl.key_conflicts`. A rerun qualifies the same copies the same way, so it
/// writes nothing.
///
/// Two copies tell the same story when their bodies or their titles are the same, or their
/// fingerprints are at most `sameStoryDistance` bits apart (an edited article keeps its title or
/// most of its text); else they are two stories.
struct KeyConflicts {
    let connection: Connection
    /// Fingerprints at most this many bits apart are one story told again (twice the distance of
    /// a near duplicate: an edit may change more than a copy does).
    let sameStoryDistance: Int

    /// A copy of another story that met `articleKey`, and the key it is loaded under.
    struct Conflict: Equatable {
        var articleKey: String
        var qualifiedKey: String
    }

    /// What is stored under a key: the title, the body's hash and fingerprint.
    struct Story: Equatable {
        var title: String
        var contentSHA256: String
        var fingerprint: Int64?
    }

    /// `batch` with the copies of stories other than each key's holder moved to qualified keys,
    /// and the conflicts found.
    func separate(_ batch: LoadBatch) throws -> (batch: LoadBatch, conflicts: [Conflict]) {
        guard !batch.articles.isEmpty else { return (batch, []) }
        let stored = try storedStories(keys: batch.articles.map(\.articleKey))
        var batch = batch
        let conflicts = Self.separate(&batch.articles, stored: stored, sameStoryDistance: sameStoryDistance)
        return (batch, conflicts)
    }

    /// The rule, without the database: `stored` holds the stories the warehouse has under the
    /// articles' keys.
    static func separate(_ articles: inout [ArticleRecord], stored: [String: Story],
                         sameStoryDistance: Int) -> [Conflict] {
        var holder: [String: Story] = [:]
        var groups: [InBatchWinner.Bytes: [Int]] = [:]
        for index in articles.indices { groups[InBatchWinner.Bytes(text: articles[index].articleKey), default: []].append(index) }
        var conflicts: [Conflict] = []
        for (key, members) in groups where isAddress(key.text) {
            let story: Story
            if let kept = stored[key.text] {
                story = kept
            } else {
                guard members.count > 1 else { continue }
                let newest = members.dropFirst().reduce(members[0]) {
                    InBatchWinner.wins(articles[$1], over: articles[$0]) ? $1 : $0
                }
                story = Story(title: articles[newest].title, contentSHA256: articles[newest].contentSHA256,
                              fingerprint: articles[newest].fingerprint)
            }
            holder[key.text] = story
            for index in members where !sameStory(articles[index], story, distance: sameStoryDistance) {
                let qualified = key.text + "#sha256:" + articles[index].contentSHA256
                articles[index].articleKey = qualified
                conflicts.append(Conflict(articleKey: key.text, qualifiedKey: qualified))
            }
        }
        return conflicts
    }

    /// Only an address can be claimed by pages that are not the article (a canonical link, og:url
    /// or feed URL printed on several stories); a scraper's document id or a content hash is the
    /// record's own, and a new text under it is the article's new text.
    static func isAddress(_ key: String) -> Bool {
        let scheme = key.prefix(8).lowercased()
        return scheme.hasPrefix("http://") || scheme.hasPrefix("https://")
    }

    static func sameStory(_ article: ArticleRecord, _ story: Story, distance: Int) -> Bool {
        if article.contentSHA256 == story.contentSHA256 || article.title == story.title { return true }
        guard let a = article.fingerprint, let b = story.fingerprint else { return false }
        return (a ^ b).nonzeroBitCount <= distance
    }

    private func storedStories(keys: [String]) throws -> [String: Story] {
        let rows = try connection.query(.storedStories, [keys], as: (String, String, String, Int64?).self)
        var stories: [String: Story] = [:]
        for (key, title, hash, fingerprint) in rows {
            stories[key] = Story(title: title, contentSHA256: hash, fingerprint: fingerprint)
        }
        return stories
    }

    /// Records the conflicts of a batch (once each: a rerun adds nothing).
    func record(_ conflicts: [Conflict], runID: Int64) throws {
        for conflict in Set(conflicts.map { [$0.articleKey, $0.qualifiedKey] }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            try connection.execute(.recordKeyConflict, [conflict[0], conflict[1], runID])
        }
    }
}

extension Statement {
    /// The stored title, body hash and fingerprint of each of $1's keys that is stored.
    static let storedStories = Statement("stored stories", """
        SELECT article_key, title, content_sha256, fingerprint FROM news.articles WHERE article_key = ANY($1)
        """)

    /// $1 the shared key, $2 the key a copy of another story was loaded under, $3 the run.
    static let recordKeyConflict = Statement("record key conflict", """
        INSERT INTO etl.key_conflicts (article_key, qualified_key, run_id) VALUES ($1, $2, $3)
        ON CONFLICT (article_key, qualified_key) DO NOTHING
        """)
}
