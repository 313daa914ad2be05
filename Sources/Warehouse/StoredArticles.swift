import Postgres

/// What the run asks of the stored articles before it loads anything.
public enum StoredArticles {
    /// When each stored article of `keys` was observed (microseconds since the epoch, as
    /// `ArticleRecord.observedAtMicros`); keys not stored, or stored without a time, are absent.
    public static func observedTimes(keys: [String], connection: Connection) throws -> [String: Int64] {
        guard !keys.isEmpty else { return [:] }
        let rows = try connection.query("""
            SELECT article_key, (extract(epoch FROM observed_at) * 1000000)::bigint
            FROM news.articles WHERE article_key = ANY($1) AND observed_at IS NOT NULL
            """, [keys], as: (String, Int64).self)
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// The title of each stored article of `keys`; keys not stored are absent.
    public static func titles(keys: [String], connection: Connection) throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        let rows = try connection.query("SELECT article_key, title FROM news.articles WHERE article_key = ANY($1)",
                                        [keys], as: (String, String).self)
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
