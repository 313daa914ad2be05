import Postgres

/// The statement that makes the sources of the outlets articles credit; the upsert writes the
/// credits themselves (`news.articles.editor`, `original_title`, `credited_outlet`,
/// `outlet_source_id`; see `sql/016_credits.sql`) with the rest of the article.
extension Statement {
    /// The sources of the credited outlets that no source row has yet (the transform gave them a
    /// code: `Credits.sourceCode(outlet:)`), named as the articles credit them. Rows are taken in
    /// code order so concurrent loaders cannot deadlock; a known code is left as it is.
    /// Runs before the upsert, which finds `outlet_source_id` by code.
    static let insertOutletSources = Statement("insert outlet sources", """
        INSERT INTO news.sources (code, name)
        SELECT outlet_code, min(credited_outlet) FROM stage_articles
        WHERE outlet_code IS NOT NULL AND credited_outlet IS NOT NULL
        GROUP BY outlet_code
        ORDER BY outlet_code
        ON CONFLICT (code) DO NOTHING
        """)
}
