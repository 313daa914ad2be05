import Postgres

/// The statements that merge a batch's staged articles into `news`. Each has a name that its
/// errors carry (`PostgresError.statement`).
extension Statement {
    /// One upsert for the whole batch (one staged row per key: `InBatchWinner`); rows are taken in
    /// key order so concurrent loaders cannot deadlock. $1 run, $2 near distance, $3 minimum length
    /// ratio. Returns (staged, inserted, updated) and records what it wrote in `changed_articles`
    /// (with a changed article's duplicate_of before the batch, which the upsert leaves as it was:
    /// `markDuplicates` needs its old cluster).
    static let upsertArticles = Statement("upsert articles", """
        WITH probed AS (
            -- A new article's duplicate_of as the articles stored before this batch give it: the
            -- root of the clusters it matches, when that root comes before it. markDuplicates
            -- settles every cluster the batch touched; the guess is right for the common copy
            -- (one cluster, an earlier root), which is then written once.
            SELECT c.*, CASE WHEN (coalesce(g.published_at, 'infinity'), coalesce(g.observed_at, 'infinity'),
                                   g.article_key COLLATE "C")
                                  < (coalesce(c.published_at, 'infinity'),
                                     coalesce(timestamptz 'epoch' + c.observed_us * interval '1 microsecond', 'infinity'),
                                     c.article_key COLLATE "C")
                             THEN g.article_id END AS original,
                   g.content_sha256 = c.content_sha256 AS exact
            FROM stage_articles c
            LEFT JOIN news.articles e ON e.article_key = c.article_key
            LEFT JOIN LATERAL (
                -- The common copy first: a stored article with the same fingerprint (a body of 300
                -- bytes or more, of a length a near copy has), whose cluster is the guess. Its
                -- probe reads one index entry where news.copies_of reads every head of the bands.
                (SELECT r.article_id, r.published_at, r.observed_at, r.article_key, r.content_sha256
                 FROM news.fingerprints f
                 JOIN news.articles x ON x.article_id = f.article_id
                 JOIN news.articles r ON r.article_id = coalesce(x.duplicate_of, x.article_id)
                 WHERE e.article_id IS NULL AND octet_length(c.body) >= 300 AND f.fingerprint = c.fingerprint
                   AND least(f.body_bytes, octet_length(c.body)) >= $3::double precision * greatest(f.body_bytes, octet_length(c.body))
                 LIMIT 1)
                UNION ALL
                (SELECT r.article_id, r.published_at, r.observed_at, r.article_key, r.content_sha256
                 FROM news.copies_of(c.content_sha256, c.title, octet_length(c.body), c.fingerprint, $2, $3) AS m(id)
                 JOIN news.articles x ON x.article_id = m.id
                 JOIN news.articles r ON r.article_id = coalesce(x.duplicate_of, x.article_id)
                 WHERE e.article_id IS NULL   -- a stored article keeps its duplicate_of: no probe
                 ORDER BY coalesce(r.published_at, 'infinity'), coalesce(r.observed_at, 'infinity'), r.article_key COLLATE "C"
                 LIMIT 1)
                LIMIT 1
            ) g ON true
        ), upserted AS (
            INSERT INTO news.articles AS a (
                article_key, source_id, url, title, author, published_at,
                published_date, published_precision, published_offset, lang, script, body, search_text,
                search_vector, fingerprint, content_sha256, duplicate_of, defects, observed_at, transform_version,
                editor, original_title, credited_outlet, outlet_source_id, first_run_id, last_changed_run_id)
            SELECT c.article_key, src.source_id, c.url, c.title, c.author, c.published_at,
                   c.published_date, c.published_precision, c.published_offset_min * interval '1 minute', c.lang, c.script,
                   c.body, c.search_text, v.search_vector, c.fingerprint,
                   c.content_sha256, c.original,
                   etl.with_duplicate_flag(c.defects, c.original, c.exact),
                   timestamptz 'epoch' + c.observed_us * interval '1 microsecond',
                   c.transform_version, c.editor, c.original_title, c.credited_outlet, outlet.source_id, $1, $1
            FROM probed c LEFT JOIN news.sources src ON src.code = c.source_code
            LEFT JOIN news.sources outlet ON outlet.code = c.outlet_code
            LEFT JOIN stage_vectors v ON v.row_no = c.row_no
            ORDER BY c.article_key
            ON CONFLICT (article_key) DO UPDATE SET
                source_id = excluded.source_id, url = excluded.url, title = excluded.title,
                author = excluded.author, published_at = excluded.published_at,
                published_date = excluded.published_date, published_precision = excluded.published_precision,
                published_offset = excluded.published_offset, lang = excluded.lang,
                script = excluded.script, body = excluded.body, search_text = excluded.search_text,
                search_vector = excluded.search_vector, fingerprint = excluded.fingerprint,
                content_sha256 = excluded.content_sha256, defects = excluded.defects,
                observed_at = greatest(a.observed_at, excluded.observed_at),
                transform_version = excluded.transform_version,
                editor = excluded.editor, original_title = excluded.original_title,
                credited_outlet = excluded.credited_outlet, outlet_source_id = excluded.outlet_source_id,
                last_changed_run_id = excluded.last_changed_run_id, updated_at = now()
            WHERE (a.source_id, a.url, a.title, a.author, a.published_at,
                   a.published_date, a.published_precision, a.published_offset, a.lang, a.script, a.body,
                   a.search_text, a.content_sha256,
                   etl.without_duplicate_flags(a.defects), a.transform_version,
                   a.editor, a.original_title, a.credited_outlet, a.outlet_source_id)
                  IS DISTINCT FROM
                  (excluded.source_id, excluded.url, excluded.title, excluded.author, excluded.published_at,
                   excluded.published_date, excluded.published_precision, excluded.published_offset,
                   excluded.lang, excluded.script, excluded.body, excluded.search_text,
                   excluded.content_sha256, etl.without_duplicate_flags(excluded.defects),
                   excluded.transform_version,
                   excluded.editor, excluded.original_title, excluded.credited_outlet, excluded.outlet_source_id)
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

    /// The fingerprints of the articles the batch changed, for `news.copies_of`'s probes; a
    /// changed article that has no fingerprint any more leaves the table.
    static let recordFingerprints = Statement("record fingerprints", """
        INSERT INTO news.fingerprints AS f (article_id, fingerprint, body_bytes)
        SELECT a.article_id, a.fingerprint, octet_length(a.body)
        FROM changed_articles c JOIN news.articles a ON a.article_id = c.article_id
        WHERE a.fingerprint IS NOT NULL
        ORDER BY a.article_id
        ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint, body_bytes = excluded.body_bytes
        WHERE (f.fingerprint, f.body_bytes) IS DISTINCT FROM (excluded.fingerprint, excluded.body_bytes)
        """)

    /// The groups (fingerprint and length) of the articles the batch changed, as stored before
    /// (run before `recordFingerprints`) or after it (run after `dropFingerprints`).
    static let touchFingerprints = Statement("touch fingerprints", """
        INSERT INTO touched_fingerprints (fingerprint, body_bytes)
        SELECT f.fingerprint, f.body_bytes FROM news.fingerprints f JOIN changed_articles c ON c.article_id = f.article_id
        """)

    /// Each touched group's head: its lowest article_id, the only row of it the band indexes hold.
    static let settleFingerprintHeads = Statement("settle fingerprint heads", """
        UPDATE news.fingerprints f SET head = (f.article_id = g.first)
        FROM (SELECT t.fingerprint, t.body_bytes, min(x.article_id) AS first
              FROM (SELECT DISTINCT fingerprint, body_bytes FROM touched_fingerprints) t
              JOIN news.fingerprints x ON x.fingerprint = t.fingerprint AND x.body_bytes = t.body_bytes
              GROUP BY t.fingerprint, t.body_bytes) g
        WHERE f.fingerprint = g.fingerprint AND f.body_bytes = g.body_bytes AND f.head <> (f.article_id = g.first)
        """)

    static let dropFingerprints = Statement("drop fingerprints", """
        DELETE FROM news.fingerprints f USING changed_articles c JOIN news.articles a ON a.article_id = c.article_id
        WHERE f.article_id = c.article_id AND NOT c.inserted AND a.fingerprint IS NULL
        """)

    /// One lock for the duplicate pass of every loader: concurrent shards settle clusters one
    /// batch at a time, each seeing the others' committed articles (held until the commit).
    static let lockDuplicates = Statement("lock duplicates", "SELECT pg_advisory_xact_lock(4991869553399367492)")

    /// The part of the graph of matches the batch can change (see `BatchLoader.markDuplicates`),
    /// as rows (a, b): a match between articles a and b, or (a, NULL) for an article to settle.
    /// Every member of the clusters the batch's changed articles were in is a node (a change can
    /// split a cluster); another cluster a match reaches is whole and stays so, and stands in the
    /// graph as its root alone, whatever its size (`markDuplicates` moves its members when its root
    /// gives way to an earlier article). $1 near distance, $2 minimum length ratio.
    static let duplicateGraph = Statement("duplicate graph", """
        WITH old AS (
            -- The clusters the batch's changed articles were in before it. An inserted article
            -- was in none (its duplicate_of is the upsert's guess, a cluster it joins, reached
            -- through its matches).
            SELECT DISTINCT CASE WHEN c.inserted THEN a.article_id
                                 ELSE coalesce(a.duplicate_of, a.article_id) END AS root
            FROM changed_articles c JOIN news.articles a ON a.article_id = c.article_id
        ), probed AS (
            -- Every member of those clusters is probed again: a change can split a cluster.
            SELECT article_id FROM changed_articles
            UNION SELECT root FROM old
            UNION SELECT a.article_id FROM old JOIN news.articles a ON a.duplicate_of = old.root
        ), keyed AS (
            -- Probed articles with the same fingerprint and length match each other and every
            -- probe finds the same near copies for them: one of them (the head) is probed for all.
            SELECT x.article_id, first_value(x.article_id) OVER (
                       PARTITION BY x.fingerprint, CASE WHEN x.fingerprint IS NULL THEN x.article_id END,
                                    octet_length(x.body),
                                    -- (a short body matches its copies under the same title only)
                                    CASE WHEN octet_length(x.body) < 300 THEN x.title END
                       ORDER BY x.article_id) AS head
            FROM probed p JOIN news.articles x ON x.article_id = p.article_id
        ), heads AS (
            SELECT DISTINCT head FROM keyed
        ), shortcut AS (
            -- A head with the fingerprint and length (a body of 300 bytes or more) of a stored
            -- article that is not probed again matches what that article matches, all of it in
            -- that article's cluster (a cluster holds every match of its members): it joins that
            -- cluster without a probe.
            SELECT h.head, (SELECT min(f.article_id) FROM news.fingerprints f
                            WHERE f.fingerprint = x.fingerprint AND f.body_bytes = octet_length(x.body)
                              AND f.article_id NOT IN (SELECT article_id FROM probed)) AS stored
            FROM heads h JOIN news.articles x ON x.article_id = h.head
            WHERE x.fingerprint IS NOT NULL AND octet_length(x.body) >= 300
        ), matched AS (
            SELECT s.head, s.stored AS id FROM shortcut s WHERE s.stored IS NOT NULL
            UNION ALL
            -- One probe for each other head (OFFSET 0 keeps the planner from probing every
            -- stored article and joining afterwards).
            SELECT h.head, m.id
            FROM (SELECT head FROM heads EXCEPT SELECT head FROM shortcut WHERE stored IS NOT NULL) h
            CROSS JOIN LATERAL (
                SELECT c.id FROM news.articles x
                CROSS JOIN LATERAL news.copies_of(x.content_sha256, x.title, octet_length(x.body), x.fingerprint,
                                                  $1, $2) AS c(id)
                WHERE x.article_id = h.head
                OFFSET 0
            ) m
            WHERE m.id <> h.head
        )
        SELECT article_id, NULL::bigint FROM probed
        UNION ALL
        SELECT k.article_id, k.head FROM keyed k WHERE k.head <> k.article_id
        UNION ALL
        -- A match in a cluster that is not probed again counts as its root.
        SELECT m.head, CASE WHEN r.root IS NULL THEN coalesce(b.duplicate_of, b.article_id) ELSE b.article_id END
        FROM matched m
        JOIN news.articles b ON b.article_id = m.id
        LEFT JOIN old r ON r.root = coalesce(b.duplicate_of, b.article_id)
        """)

    /// Each settled article's cluster, as $1 (article ids) and $2 (the smallest id of its cluster),
    /// array literals of the same length: every member points at the cluster's root, the first by
    /// (published_at, then observed_at, NULLs last, then article_key in byte order); the root and
    /// an article alone point at nothing. A settled article that was a root of members not settled
    /// (a whole cluster the graph gave by its root) hands them to its cluster's root. Rewrites only
    /// the rows whose duplicate_of or duplicate codes change, as changed by run $3.
    static let markDuplicates = Statement("mark duplicates", """
        WITH settled AS (
            SELECT s.article_id, s.cluster FROM unnest($1::bigint[], $2::bigint[]) AS s(article_id, cluster)
        ), rooted AS (
            SELECT s.article_id,
                   first_value(s.article_id) OVER (PARTITION BY s.cluster ORDER BY coalesce(a.published_at, 'infinity'),
                                                                           coalesce(a.observed_at, 'infinity'),
                                                                           a.article_key COLLATE "C") AS root
            FROM settled s JOIN news.articles a ON a.article_id = s.article_id
        ), members AS (
            SELECT r.article_id, r.root FROM rooted r
            UNION ALL
            -- The members of a cluster given by its root, when that root gives way.
            SELECT m.article_id, r.root FROM rooted r JOIN news.articles m ON m.duplicate_of = r.article_id
            WHERE r.root <> r.article_id AND NOT EXISTS (SELECT FROM settled s WHERE s.article_id = m.article_id)
        ), judged AS (
            SELECT r.article_id, nullif(r.root, r.article_id) AS original,
                   o.content_sha256 = a.content_sha256 AS exact
            FROM members r JOIN news.articles o ON o.article_id = r.root
            JOIN news.articles a ON a.article_id = r.article_id
        )
        UPDATE news.articles a SET
            duplicate_of = j.original,
            defects = etl.with_duplicate_flag(a.defects, j.original, j.exact),
            last_changed_run_id = $3, updated_at = now()
        FROM judged j
        WHERE a.article_id = j.article_id
          AND (a.duplicate_of IS DISTINCT FROM j.original
               OR a.defects IS DISTINCT FROM etl.with_duplicate_flag(a.defects, j.original, j.exact))
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
