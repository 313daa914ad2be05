import Postgres

/// The statements that merge a batch's staged articles into `news`. Each has a name that its
/// errors carry (`PostgresError.statement`).
extension Statement {
    /// One upsert for the whole batch (one staged row per key: `InBatchWinner`); rows are taken in
    /// key order so concurrent loaders cannot deadlock. $1 run, $2 near distance, $3 candidates per
    /// band. Returns (staged, inserted, updated) and records what it wrote in `changed_articles`.
    static let upsertArticles = Statement("upsert articles", """
        WITH probed AS (
            -- The earliest copy among the articles stored before this batch, so that a new or
            -- changed article is written once, with its duplicate_of (markDuplicates corrects
            -- the few an article of this batch changes).
            SELECT c.*, p.original, o.content_sha256 = c.content_sha256 AS exact
            FROM stage_articles c
            LEFT JOIN news.articles e ON e.article_key = c.article_key
            CROSS JOIN LATERAL news.earliest_copy(c.content_sha256, c.fingerprint,
                                                  coalesce(e.article_id, 9223372036854775807), $2, $3) AS p(original)
            LEFT JOIN news.articles o ON o.article_id = p.original
        ), upserted AS (
            INSERT INTO news.articles AS a (
                article_key, source_id, url, title, author, published_at,
                published_date, published_precision, published_offset, lang, script, body, search_text,
                search_vector, fingerprint, content_sha256, duplicate_of, defects, observed_at, transform_version,
                first_run_id, last_changed_run_id)
            SELECT c.article_key, src.source_id, c.url, c.title, c.author, c.published_at,
                   c.published_date, c.published_precision, c.published_offset_min * interval '1 minute', c.lang, c.script,
                   c.body, c.search_text, v.search_vector, c.fingerprint,
                   c.content_sha256, c.original,
                   etl.with_duplicate_flag(c.defects, c.original, c.exact),
                   timestamptz 'epoch' + c.observed_us * interval '1 microsecond',
                   c.transform_version, $1, $1
            FROM probed c LEFT JOIN news.sources src ON src.code = c.source_code
            LEFT JOIN stage_vectors v ON v.row_no = c.row_no
            ORDER BY c.article_key
            ON CONFLICT (article_key) DO UPDATE SET
                source_id = excluded.source_id, url = excluded.url, title = excluded.title,
                author = excluded.author, published_at = excluded.published_at,
                published_date = excluded.published_date, published_precision = excluded.published_precision,
                published_offset = excluded.published_offset, lang = excluded.lang,
                script = excluded.script, body = excluded.body, search_text = excluded.search_text,
                search_vector = excluded.search_vector, fingerprint = excluded.fingerprint,
                content_sha256 = excluded.content_sha256, duplicate_of = excluded.duplicate_of,
                defects = excluded.defects,
                observed_at = greatest(a.observed_at, excluded.observed_at),
                transform_version = excluded.transform_version,
                last_changed_run_id = excluded.last_changed_run_id, updated_at = now()
            WHERE (a.source_id, a.url, a.title, a.author, a.published_at,
                   a.published_date, a.published_precision, a.published_offset, a.lang, a.script, a.body,
                   a.search_text, a.content_sha256,
                   etl.without_duplicate_flags(a.defects), a.transform_version)
                  IS DISTINCT FROM
                  (excluded.source_id, excluded.url, excluded.title, excluded.author, excluded.published_at,
                   excluded.published_date, excluded.published_precision, excluded.published_offset,
                   excluded.lang, excluded.script, excluded.body, excluded.search_text,
                   excluded.content_sha256, etl.without_duplicate_flags(excluded.defects),
                   excluded.transform_version)
              AND (a.observed_at IS NULL OR excluded.observed_at IS NULL OR excluded.observed_at >= a.observed_at)
            RETURNING a.article_id, (a.xmax = 0) AS inserted, a.article_key, a.duplicate_of AS original
        ), recorded AS (
            -- The stored body is the staged one, so its paragraphs are the staged paragraphs.
            INSERT INTO changed_articles
            SELECT u.article_id, u.inserted, s.paragraphs, u.original
            FROM upserted u JOIN stage_articles s ON s.article_key = u.article_key
            RETURNING inserted
        )
        SELECT (SELECT count(*) FROM stage_articles),
               count(*) FILTER (WHERE inserted),
               count(*) FILTER (WHERE NOT inserted)
        FROM recorded
        """)

    /// The fingerprints of the articles the batch changed, for `news.earliest_copy`'s probes.
    static let recordFingerprints = Statement("record fingerprints", """
        INSERT INTO news.fingerprints AS f (article_id, fingerprint)
        SELECT a.article_id, a.fingerprint
        FROM changed_articles c JOIN news.articles a ON a.article_id = c.article_id
        WHERE a.fingerprint IS NOT NULL
        ORDER BY a.article_id
        ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint
        WHERE f.fingerprint <> excluded.fingerprint
        """)

    /// Duplicates judged again with the batch stored (see `BatchLoader.markDuplicates`).
    /// $1 near distance, $2 candidates per band.
    static let markDuplicates = Statement("mark duplicates", """
        WITH found AS (
            SELECT c.article_id, a.content_sha256,
                   news.earliest_copy(a.content_sha256, a.fingerprint, a.article_id, $1, $2) AS original
            FROM changed_articles c
            JOIN news.articles a ON a.article_id = c.article_id
            WHERE c.original IS NULL
               OR c.original >= (SELECT min(u.article_id) FROM changed_articles u WHERE NOT u.inserted)
        ), judged AS (
            SELECT f.article_id, f.original, o.content_sha256 = f.content_sha256 AS exact
            FROM found f LEFT JOIN news.articles o ON o.article_id = f.original
        )
        UPDATE news.articles a SET
            duplicate_of = j.original,
            defects = etl.with_duplicate_flag(a.defects, j.original, j.exact)
        FROM judged j
        WHERE a.article_id = j.article_id
          AND (a.duplicate_of IS DISTINCT FROM j.original
               OR (j.original IS NOT NULL AND NOT a.defects && '{exact_duplicate,near_duplicate}'::text[]))
        """)

    /// A changed article's paragraphs past its new end.
    static let deleteParagraphsPastTheEnd = Statement("delete paragraphs past the end", """
        DELETE FROM news.paragraphs p USING changed_articles c
        WHERE p.article_id = c.article_id AND NOT c.inserted AND p.ordinal > c.paragraphs
        """)

    /// A new article's paragraphs: it has none yet, so no conflict check.
    static let insertParagraphs = Statement("insert paragraphs", paragraphs(inserted: true))

    /// A changed article's paragraphs: only those whose text changed are written.
    static let updateParagraphs = Statement("update paragraphs", paragraphs(inserted: false) + """

        ON CONFLICT (article_id, ordinal) DO UPDATE SET text = excluded.text
        WHERE p.text IS DISTINCT FROM excluded.text
        """)

    private static func paragraphs(inserted: Bool) -> String {
        """
        INSERT INTO news.paragraphs AS p (article_id, ordinal, text)
        SELECT c.article_id, s.ordinal, s.text
        FROM changed_articles c
        JOIN news.articles a ON a.article_id = c.article_id
        JOIN stage_paragraphs s ON s.article_key = a.article_key
        WHERE \(inserted ? "" : "NOT ")c.inserted
        ORDER BY c.article_id, s.ordinal
        """
    }

    /// The rows of a child table (a constant name, never data) that belong to articles the batch
    /// changed; inserted articles have none yet.
    private static func deleteChildren(of table: String) -> Statement {
        Statement("delete changed articles' \(table)", """
            DELETE FROM \(table) t USING changed_articles c WHERE t.article_id = c.article_id AND NOT c.inserted
            """)
    }

    static let deleteMentions = deleteChildren(of: "news.mentions")
    static let deleteFigures = deleteChildren(of: "news.figures")

    /// The sources `config/sources.json` does not know that the batch's articles were given (made
    /// from their URLs' hosts): inserted once, in code order, never rewritten (a name seen first
    /// stays). Runs before the upsert, which finds an article's source_id by code.
    static let insertSources = Statement("insert sources", """
        INSERT INTO news.sources (code, name, homepage)
        SELECT DISTINCT ON (s.source_code) s.source_code, s.source_name, s.source_homepage
        FROM stage_articles s
        WHERE s.source_name IS NOT NULL
          AND NOT EXISTS (SELECT FROM news.sources k WHERE k.code = s.source_code)
        ORDER BY s.source_code, s.source_name, s.source_homepage
        ON CONFLICT (code) DO NOTHING
        """)

    /// New entities, and the English name of those the batch names (a row whose English name is
    /// already the list's is not written again).
    static let insertEntities = Statement("insert entities", """
        INSERT INTO news.entities AS e (kind, name, name_en)
        SELECT DISTINCT ON (kind, name) kind, name, name_en FROM stage_mentions ORDER BY kind, name, name_en
        ON CONFLICT (kind, name) DO UPDATE SET name_en = excluded.name_en
        WHERE e.name_en IS DISTINCT FROM excluded.name_en
        """)

    static let insertMentions = Statement("insert mentions", """
        INSERT INTO news.mentions (article_id, entity_id, count)
        SELECT c.article_id, e.entity_id, m.count
        FROM changed_articles c
        JOIN news.articles a ON a.article_id = c.article_id
        JOIN stage_mentions m ON m.article_key = a.article_key
        JOIN news.entities e ON e.kind = m.kind AND e.name = m.name
        ORDER BY c.article_id, e.entity_id
        """)

    static let insertFigures = Statement("insert figures", """
        INSERT INTO news.figures (article_id, ordinal, kind, raw, value, value_max, unit, position)
        SELECT c.article_id, f.ordinal, f.kind, f.raw, f.value, f.value_max, f.unit, f.position
        FROM changed_articles c
        JOIN news.articles a ON a.article_id = c.article_id
        JOIN stage_figures f ON f.article_key = a.article_key
        ORDER BY c.article_id, f.ordinal
        """)
}
