import Postgres

/// The statements that store an article's credits (`news.articles.editor`, `original_title`,
/// `credited_outlet`, `outlet_source_id`; see `sql/016_credits.sql`).
extension Statement {
    /// The sources of the credited outlets that no source row has yet (the transform gave them a
    /// code: `Credits.sourceCode(outlet:)`), named as the articles credit them. Rows are taken in
    /// code order so concurrent loaders cannot deadlock; a known code is left as it is.
    static let insertOutletSources = Statement("insert outlet sources", """
        INSERT INTO news.sources (code, name)
        SELECT outlet_code, min(credited_outlet) FROM stage_articles
        WHERE outlet_code IS NOT NULL AND credited_outlet IS NOT NULL
        GROUP BY outlet_code
        ORDER BY outlet_code
        ON CONFLICT (code) DO NOTHING
        """)

    /// The credits of the articles the batch wrote (`changed_articles`), from the copy that was
    /// written; a row whose credits are already the same is not rewritten.
    static let updateCredits = Statement("update credits", """
        UPDATE news.articles a SET
            editor = n.editor, original_title = n.original_title, credited_outlet = n.credited_outlet,
            outlet_source_id = n.outlet_source_id
        FROM (SELECT c.article_id, s.editor, s.original_title, s.credited_outlet, o.source_id AS outlet_source_id
              FROM changed_articles c
              JOIN news.articles w ON w.article_id = c.article_id
              JOIN stage_articles s ON s.article_key = w.article_key
              LEFT JOIN news.sources o ON o.code = s.outlet_code) n
        WHERE a.article_id = n.article_id
          AND (a.editor, a.original_title, a.credited_outlet, a.outlet_source_id)
              IS DISTINCT FROM (n.editor, n.original_title, n.credited_outlet, n.outlet_source_id)
        """)
}
