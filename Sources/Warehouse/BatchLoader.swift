import Logging
import Postgres
import Records

/// Loads batches into the warehouse. Per batch, in one transaction: COPY into session staging
/// tables; deduplicate article keys inside the batch (newest copy wins, then the content hash);
/// one `INSERT … ON CONFLICT … DO UPDATE … WHERE (…) IS DISTINCT FROM (…)` that rewrites only
/// rows whose content changed and never lets an older copy overwrite a newer one; paragraphs
/// replaced only for articles that changed; then the file ledger, lineage, rejects and run counters.
/// Beside the batches, a second session merges the search index's pending list
/// (`PendingListMerger`); what is left of the list is merged by `finish`.
public final class BatchLoader {
    let connection: Connection
    let logger: Logger
    /// Fingerprints at most this many bits apart mark near duplicates.
    let nearDistance: Int
    private var stagingReady = false
    /// Merges the search index's pending list beside the load once the batches have added about
    /// this many bytes to it (nil: never; the load's own inserts merge it at `sessionMemory`).
    let mergeThreshold: Int?
    /// The merging session: started with the staging tables (not in a dry run, and only for the
    /// index's owner), stopped by `finish`.
    private var merger: PendingListMerger?
    /// Merges the merging session made, counted when `finish` stops it.
    public private(set) var backgroundMerges = 0
    /// Merges the merging session has made so far.
    var mergesSoFar: Int { merger?.merges ?? backgroundMerges }

    /// The transform version recorded in the ledger for the files this loader's batches transformed.
    let transformVersion: Int

    public init(connection: Connection, logger: Logger, nearDistance: Int = 6, transformVersion: Int = 0,
                mergeThreshold: Int? = BatchLoader.mergeThreshold) {
        self.connection = connection
        self.logger = logger
        self.nearDistance = nearDistance
        self.transformVersion = transformVersion
        self.mergeThreshold = mergeThreshold
    }

    deinit {
        merger?.stop()
    }

    /// Loads `batch` for run `runID` and returns what changed.
    public func load(_ batch: LoadBatch, runID: Int64) throws -> BatchCounts {
        try prepareStaging()
        let nested = connection.inTransaction
        let counts = try connection.transaction {
            // ON COMMIT DELETE ROWS empties the staging tables at each commit (and a rollback
            // takes back what a failed batch put in them). A dry run's batches are savepoints
            // inside one transaction that never commits: there they are emptied here. (TRUNCATE
            // gives each table new files; for every batch it cost the server 0.4–0.7 s a run.)
            if nested {
                try connection.execute("TRUNCATE stage_files, stage_articles, stage_vectors, stage_rejects, stage_mentions, stage_figures, stage_superseded, changed_articles")
            }
            try copyStaging(batch)
            try connection.execute(Self.analyzeStaging)
            var counts = try upsertArticles(runID: runID)
            counts.recordsSuperseded = batch.superseded.count
            try connection.execute("ANALYZE changed_articles")
            try markDuplicates()
            try replaceParagraphs()
            try replaceEnrichment()
            try insertRejects(runID: runID, into: &counts)
            try dropStaleLineage()
            try upsertFiles(runID: runID, into: &counts)
            try insertLineage()
            try connection.execute("""
                UPDATE etl.runs SET
                    files_seen = files_seen + $2, files_new = files_new + $3, files_changed = files_changed + $4,
                    files_unchanged = files_unchanged + $5, files_rejected = files_rejected + $6,
                    records_rejected = records_rejected + $7, articles_inserted = articles_inserted + $8,
                    articles_updated = articles_updated + $9, articles_unchanged = articles_unchanged + $10,
                    records_superseded = records_superseded + $11
                WHERE run_id = $1
                """, [runID, batch.files.count { $0.endsFile }, counts.filesNew, counts.filesChanged, counts.filesTouched,
                      counts.filesRejected, counts.recordsRejected, counts.articlesInserted,
                      counts.articlesUpdated, counts.articlesUnchanged, counts.recordsSuperseded])
            return counts
        }
        if let merger, !nested {
            merger.add(batch.articles.reduce(0) { $0 + $1.searchVector.pendingListBytes })
        }
        return counts
    }

    /// Merges what the batches left in the search index's pending list into the GIN tree, so
    /// searches after the run read no long list (called at the end of a run). Only the index's
    /// owner may; for another role the list waits for autovacuum or the next merge, as it would
    /// under any writer.
    public func finish() throws {
        guard stagingReady else { return }
        if let merger {
            backgroundMerges = merger.stop()
            self.merger = nil
            logger.debug("search index pending list merged beside the load", metadata: ["merges": "\(backgroundMerges)"])
        }
        guard try ownsSearchIndex() else {
            logger.debug("search index pending list left to autovacuum: this role does not own the index")
            return
        }
        try connection.execute("SELECT gin_clean_pending_list('news.articles_search_vector_idx'::regclass)")
    }

    /// Whether this session's role may merge the search index's pending list (its owner may).
    private func ownsSearchIndex() throws -> Bool {
        let owner = try connection.query("""
            SELECT pg_has_role(c.relowner, 'USAGE') FROM pg_class c
            WHERE c.oid = 'news.articles_search_vector_idx'::regclass
            """, as: Bool.self)
        return owner.first == true
    }

    /// Memory for the loader's session: sorts and hashes of a batch, and the search index's pending
    /// list, merged into the GIN tree when it reaches this size (in runs sorted in `work_mem`). A
    /// large list merged in large runs costs the server far less than small ones (measured: the
    /// load stage's server time fell by a fifth against 32 MB with the default 4 MB `work_mem`).
    /// With the `PendingListMerger` merging the list beside the load, this limit is a fallback.
    static let sessionMemory = "128MB"

    /// How much the batches add to the pending list before the `PendingListMerger` merges it:
    /// merges of this size take about a second of the server, which the transform covers by filling
    /// the batch queue meanwhile, and leave little to merge when the run ends. Full runs of the 20k
    /// corpus, alternated: 48 MB 26.1 s (median of six) against 27.0 s merging only in the load
    /// (128 MB); 48 MB 24.1 s against 24.5 s with 24 MB (five each, a faster hour).
    public static let mergeThreshold = 48 << 20

    /// Statistics for the staging tables, taken once they are filled. Autovacuum never analyzes
    /// temporary tables, and without statistics the planner takes them for a thousand rows or more
    /// and joins them to the warehouse by reading whole tables (news.articles, news.figures, …)
    /// for every batch, a cost that grows with the warehouse. Only the columns joins and sorts use.
    /// (An incremental run of 800 files against 11,000 stored articles: server CPU 8–13 s → 2.5–3 s.)
    static let analyzeStaging = """
        ANALYZE stage_files (root, path), stage_articles (row_no, root, path, record_no, article_key),
                stage_vectors (row_no), stage_rejects (root, path), stage_mentions (article_key, kind, name),
                stage_figures (article_key), stage_superseded (root, path, article_key)
        """

    /// Session settings and session-local staging tables (emptied at every commit).
    /// - `random_page_cost` 1.1: the loader reaches stored rows by key, a few hundred per batch, in
    ///   tables that are mostly cached; at the default 4 the planner preferred reading a whole
    ///   table once to a few hundred index probes.
    /// - JIT off: a batch's statements are short; compiling them costs milliseconds each.
    private func prepareStaging() throws {
        guard !stagingReady else { return }
        try connection.execute("""
            SELECT set_config('work_mem', $1, false), set_config('gin_pending_list_limit', $1, false),
                   set_config('jit', 'off', false), set_config('random_page_cost', '1.1', false)
            """, [Self.sessionMemory])
        try connection.executeScript("""
            CREATE TEMP TABLE IF NOT EXISTS stage_files (
                root text NOT NULL, path text NOT NULL, size bigint NOT NULL, mtime_us bigint NOT NULL,
                sha256 text, format text, encoding text, status text NOT NULL, records integer NOT NULL,
                invalid_bytes integer NOT NULL, transform_version integer,
                first_record integer NOT NULL, last_record integer, records_skipped integer NOT NULL
            ) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS stage_articles (
                row_no integer NOT NULL,
                root text NOT NULL, path text NOT NULL, record_no integer NOT NULL, article_key text NOT NULL,
                source_code text, url text, title text NOT NULL, author text, published_at timestamptz,
                lang text NOT NULL, script text, body text NOT NULL, search_text text,
                fingerprint bigint, content_sha256 text NOT NULL, defects text[] NOT NULL, observed_us bigint,
                transform_version integer NOT NULL, warc_record_id text, byte_offset bigint
            ) ON COMMIT DELETE ROWS;
            -- Staged text is kept out of line uncompressed: it is read once, by the upsert, and
            -- compressing it (pglz by default) cost more than it saved.
            ALTER TABLE stage_articles ALTER COLUMN body SET STORAGE EXTERNAL,
                ALTER COLUMN search_text SET STORAGE EXTERNAL;
            -- Search vectors come in COPY's binary form (stage_articles.row_no = row_no), which the
            -- server stores as it is: their text form cost it more to parse than anything else staged.
            CREATE TEMP TABLE IF NOT EXISTS stage_vectors (
                row_no integer NOT NULL, search_vector tsvector NOT NULL
            ) ON COMMIT DELETE ROWS;
            ALTER TABLE stage_vectors ALTER COLUMN search_vector SET STORAGE EXTERNAL;
            CREATE TEMP TABLE IF NOT EXISTS stage_rejects (
                root text NOT NULL, path text NOT NULL, record_no integer, stage text NOT NULL,
                code text NOT NULL, message text NOT NULL
            ) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS stage_mentions (
                article_key text NOT NULL, kind text NOT NULL, name text NOT NULL, count integer NOT NULL
            ) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS stage_figures (
                article_key text NOT NULL, ordinal integer NOT NULL, kind text NOT NULL, raw text NOT NULL,
                value numeric NOT NULL, value_max numeric, unit text, position integer
            ) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS stage_superseded (
                root text NOT NULL, path text NOT NULL, record_no integer NOT NULL, article_key text NOT NULL
            ) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS changed_articles (
                article_id bigint NOT NULL, inserted boolean NOT NULL, paragraphs integer NOT NULL,
                original bigint
            ) ON COMMIT DELETE ROWS;
            """)
        if let mergeThreshold, !connection.inTransaction, try ownsSearchIndex() {
            // Without a second session (a server at its connection limit, say) the load's own
            // inserts merge the list, as they would without this.
            do {
                merger = PendingListMerger(connection: try connection.sibling(applicationName: "article-etl merge"),
                                           threshold: mergeThreshold, logger: logger)
            } catch {
                logger.warning("search index pending list: no second session to merge it beside the load; the load merges it itself",
                               metadata: ["error": "\(error)"])
            }
        }
        stagingReady = true
    }

    private func copyStaging(_ batch: LoadBatch) throws {
        var produced: [FileKey: Int] = [:]
        for article in batch.articles { produced[FileKey(article.root, article.path), default: 0] += 1 }
        var rejected: Set<FileKey> = []
        for reject in batch.rejects { rejected.insert(FileKey(reject.root, reject.path)) }
        // A superseded copy counts as the record of its file that the stored article stands for.
        for copy in batch.superseded { produced[FileKey(copy.root, copy.path), default: 0] += 1 }

        try connection.copyFrom("""
            COPY stage_files (root, path, size, mtime_us, sha256, format, encoding, status, records, invalid_bytes,
                              transform_version, first_record, last_record, records_skipped)
            FROM STDIN
            """) { writer in
            for file in batch.files {
                let key = FileKey(file.root, file.path)
                let count = produced[key] ?? 0
                // A part of a file read in parts that leaves records to come: the ledger marks the
                // file `loading` until its last part (`upsertFiles`).
                // A crawl archive with no page (its records all passed over) is loaded, not rejected.
                let status = !file.endsFile ? "loading" : file.change == .touched ? "loaded"
                    : count == 0 && file.recordsSkipped == 0 ? "rejected" : rejected.contains(key) ? "partial" : "loaded"
                try writer.writeRow([file.root, file.path, file.size, file.mtimeMicros, file.sha256, file.format?.rawValue,
                                     file.encoding, status, count, file.invalidBytes,
                                     file.change == .touched || file.format == nil ? nil : transformVersion,
                                     file.part?.firstRecord ?? 1, file.part?.lastRecord, file.recordsSkipped]
                                    as [any PostgresEncodable])
            }
        }
        try connection.copyFrom("""
            COPY stage_articles (row_no, root, path, record_no, article_key, source_code, url, title, author,
                                 published_at, lang, script, body, search_text, fingerprint, content_sha256, defects,
                                 observed_us, transform_version, warc_record_id, byte_offset)
            FROM STDIN
            """) { writer in
            for (rowNo, a) in batch.articles.enumerated() {
                try writer.writeRow([rowNo, a.root, a.path, a.recordNo, a.articleKey, a.sourceCode, a.url, a.title,
                                     a.author, a.publishedAt, a.lang, a.script, a.body, a.searchText,
                                     a.fingerprint, a.contentSHA256, a.defects, a.observedAtMicros,
                                     a.transformVersion, a.warcRecordID, a.byteOffset] as [any PostgresEncodable])
            }
        }
        try connection.copyFrom("COPY stage_vectors (row_no, search_vector) FROM STDIN WITH (FORMAT binary)",
                                format: .binary) { writer in
            for (rowNo, a) in batch.articles.enumerated() {
                try writer.writeBinaryRow([PostgresBinary.int32(Int32(rowNo)), a.searchVector.postgresBinary])
            }
        }
        // Children of the article that wins each key (the same choice the upsert makes).
        var winners: [String: ArticleRecord] = [:]
        for article in batch.articles {
            if let current = winners[article.articleKey], !Self.wins(article, over: current) { continue }
            winners[article.articleKey] = article
        }
        let chosen = winners.values.sorted { $0.articleKey < $1.articleKey }
        if chosen.contains(where: { !$0.mentions.isEmpty }) {
            try connection.copyFrom("COPY stage_mentions (article_key, kind, name, count) FROM STDIN") { writer in
                for article in chosen {
                    for mention in article.mentions {
                        try writer.writeRow([article.articleKey, mention.kind, mention.name, mention.count] as [any PostgresEncodable])
                    }
                }
            }
        }
        if chosen.contains(where: { !$0.figures.isEmpty }) {
            try connection.copyFrom("""
                COPY stage_figures (article_key, ordinal, kind, raw, value, value_max, unit, position) FROM STDIN
                """) { writer in
                for article in chosen {
                    for (index, figure) in article.figures.enumerated() {
                        try writer.writeRow([article.articleKey, index + 1, figure.kind, figure.raw, figure.value,
                                             figure.valueMax, figure.unit, figure.position] as [any PostgresEncodable])
                    }
                }
            }
        }
        if !batch.superseded.isEmpty {
            try connection.copyFrom("COPY stage_superseded (root, path, record_no, article_key) FROM STDIN") { writer in
                for copy in batch.superseded {
                    try writer.writeRow([copy.root, copy.path, copy.recordNo, copy.articleKey] as [any PostgresEncodable])
                }
            }
        }
        try connection.copyFrom("COPY stage_rejects (root, path, record_no, stage, code, message) FROM STDIN") { writer in
            for r in batch.rejects {
                try writer.writeRow([r.root, r.path, r.recordNo, r.stage.rawValue, r.code, r.message] as [any PostgresEncodable])
            }
        }
    }

    /// The in-batch winner among copies of one key, as the upsert's DISTINCT ON picks it: the newest
    /// copy, then the lowest content hash, then the path and record.
    static func wins(_ a: ArticleRecord, over b: ArticleRecord) -> Bool {
        let ao = a.observedAtMicros ?? Int64.min, bo = b.observedAtMicros ?? Int64.min
        if ao != bo { return ao > bo }
        if a.contentSHA256 != b.contentSHA256 { return a.contentSHA256 < b.contentSHA256 }
        if a.root != b.root { return a.root < b.root }
        if a.path != b.path { return a.path < b.path }
        return a.recordNo < b.recordNo
    }

    /// Deletes the rows of child tables (constant names, never data) that belong to articles this
    /// batch changed; inserted articles have none yet.
    private func deleteChildren(of tables: [String]) throws {
        for table in tables {
            try connection.execute("""
                DELETE FROM \(table) t USING changed_articles c WHERE t.article_id = c.article_id AND NOT c.inserted
                """)
        }
    }

    /// Mentions and figures, replaced only for articles this batch inserted or changed.
    private func replaceEnrichment() throws {
        try deleteChildren(of: ["news.mentions", "news.figures"])
        try connection.execute("""
            INSERT INTO news.entities (kind, name)
            SELECT DISTINCT kind, name FROM stage_mentions ORDER BY kind, name
            ON CONFLICT (kind, name) DO NOTHING
            """)
        try connection.execute("""
            INSERT INTO news.mentions (article_id, entity_id, count)
            SELECT c.article_id, e.entity_id, m.count
            FROM changed_articles c
            JOIN news.articles a ON a.article_id = c.article_id
            JOIN stage_mentions m ON m.article_key = a.article_key
            JOIN news.entities e ON e.kind = m.kind AND e.name = m.name
            ORDER BY c.article_id, e.entity_id
            """)
        try connection.execute("""
            INSERT INTO news.figures (article_id, ordinal, kind, raw, value, value_max, unit, position)
            SELECT c.article_id, f.ordinal, f.kind, f.raw, f.value, f.value_max, f.unit, f.position
            FROM changed_articles c
            JOIN news.articles a ON a.article_id = c.article_id
            JOIN stage_figures f ON f.article_key = a.article_key
            ORDER BY c.article_id, f.ordinal
            """)
    }

    /// One upsert for the whole batch; rows are taken in key order so concurrent loaders cannot deadlock.
    private func upsertArticles(runID: Int64) throws -> BatchCounts {
        let result = try connection.query("""
            WITH candidates AS (
                SELECT DISTINCT ON (s.article_key) s.*
                FROM stage_articles s
                ORDER BY s.article_key, s.observed_us DESC NULLS LAST, s.content_sha256, s.root, s.path, s.record_no
            ), probed AS (
                -- The earliest copy among the articles stored before this batch, so that a new or
                -- changed article is written once, with its duplicate_of (markDuplicates corrects
                -- the few an article of this batch changes).
                SELECT c.*, p.original, o.content_sha256 = c.content_sha256 AS exact
                FROM candidates c
                LEFT JOIN news.articles e ON e.article_key = c.article_key
                CROSS JOIN LATERAL news.earliest_copy(c.content_sha256, c.fingerprint,
                                                      coalesce(e.article_id, 9223372036854775807), $2, $3) AS p(original)
                LEFT JOIN news.articles o ON o.article_id = p.original
            ), upserted AS (
                INSERT INTO news.articles AS a (
                    article_key, source_id, url, title, author, published_at, lang, script, body, search_text,
                    search_vector, fingerprint, content_sha256, duplicate_of, defects, observed_at, transform_version,
                    first_run_id, last_changed_run_id)
                SELECT c.article_key, src.source_id, c.url, c.title, c.author, c.published_at, c.lang, c.script,
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
                    author = excluded.author, published_at = excluded.published_at, lang = excluded.lang,
                    script = excluded.script, body = excluded.body, search_text = excluded.search_text,
                    search_vector = excluded.search_vector, fingerprint = excluded.fingerprint,
                    content_sha256 = excluded.content_sha256, duplicate_of = excluded.duplicate_of,
                    defects = excluded.defects,
                    observed_at = greatest(a.observed_at, excluded.observed_at),
                    transform_version = excluded.transform_version,
                    last_changed_run_id = excluded.last_changed_run_id, updated_at = now()
                WHERE (a.source_id, a.url, a.title, a.author, a.published_at, a.lang, a.script, a.body,
                       a.search_text, a.content_sha256,
                       etl.without_duplicate_flags(a.defects), a.transform_version)
                      IS DISTINCT FROM
                      (excluded.source_id, excluded.url, excluded.title, excluded.author, excluded.published_at,
                       excluded.lang, excluded.script, excluded.body, excluded.search_text,
                       excluded.content_sha256, etl.without_duplicate_flags(excluded.defects),
                       excluded.transform_version)
                  AND (a.observed_at IS NULL OR excluded.observed_at IS NULL OR excluded.observed_at >= a.observed_at)
                RETURNING a.article_id, (a.xmax = 0) AS inserted,
                          -- the number of lines of the body, as string_to_table(body, E'\\n') yields them
                          CASE WHEN a.body = '' THEN 0 ELSE length(a.body) - length(replace(a.body, E'\\n', '')) + 1 END
                          AS paragraphs,
                          a.duplicate_of AS original
            ), recorded AS (
                INSERT INTO changed_articles SELECT article_id, inserted, paragraphs, original FROM upserted
                RETURNING inserted
            )
            SELECT (SELECT count(*) FROM candidates),
                   count(*) FILTER (WHERE inserted),
                   count(*) FILTER (WHERE NOT inserted)
            FROM recorded
            """, [runID, nearDistance, Self.candidatesPerBand], as: (Int, Int, Int).self)
        var counts = BatchCounts()
        let (candidates, inserted, updated) = result[0]
        counts.articlesInserted = inserted
        counts.articlesUpdated = updated
        counts.articlesUnchanged = candidates - inserted - updated
        return counts
    }

    /// Duplicates, for the articles this batch inserted or changed: the earliest article (lowest id)
    /// with the same body (exact) or a fingerprint at most `nearDistance` bits away (near), as
    /// `news.earliest_copy` finds it. The upsert already wrote what the articles stored before the
    /// batch give; this pass, with the batch's own articles stored too, rewrites only the rows it
    /// judges differently (an original inside the batch, or one the batch changed).
    ///
    /// It asks again only for an article the upsert found no original for, or whose original is
    /// not below every article the batch updated. For the others the answer cannot change: the
    /// batch's new articles all have higher ids than that original, and every article below it
    /// is as it was, so each probe sees the same rows up to the original (the band windows are
    /// taken in id order) and the original still matches.
    private func markDuplicates() throws {
        try connection.execute("""
            INSERT INTO news.fingerprints AS f (article_id, fingerprint)
            SELECT a.article_id, a.fingerprint
            FROM changed_articles c JOIN news.articles a ON a.article_id = c.article_id
            WHERE a.fingerprint IS NOT NULL
            ORDER BY a.article_id
            ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint
            WHERE f.fingerprint <> excluded.fingerprint
            """)
        try connection.execute("""
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
            """, [nearDistance, Self.candidatesPerBand])
    }

    /// How many of the earliest articles sharing a band are compared: a bound on the work for
    /// an article that falls into a large cluster of copies it is not close enough to.
    static let candidatesPerBand = 32

    /// Paragraphs are the body's lines, from the stored body, for the articles this batch inserted
    /// or changed. Of a changed article only the paragraphs whose text changed are written, and
    /// those past its new end deleted: an edited article usually changes a few. A new article has
    /// no paragraphs yet, so its own are inserted without the upsert's conflict check.
    private func replaceParagraphs() throws {
        try connection.execute("""
            DELETE FROM news.paragraphs p USING changed_articles c
            WHERE p.article_id = c.article_id AND NOT c.inserted AND p.ordinal > c.paragraphs
            """)
        let insert = """
            INSERT INTO news.paragraphs AS p (article_id, ordinal, text)
            SELECT a.article_id, t.ordinal, t.text
            FROM changed_articles c
            JOIN news.articles a ON a.article_id = c.article_id
            CROSS JOIN LATERAL string_to_table(a.body, E'\\n') WITH ORDINALITY AS t(text, ordinal)
            WHERE c.inserted = $1
            ORDER BY a.article_id, t.ordinal
            """
        try connection.execute(insert, [true])
        try connection.execute(insert + """

            ON CONFLICT (article_id, ordinal) DO UPDATE SET text = excluded.text
            WHERE p.text IS DISTINCT FROM excluded.text
            """, [false])
    }

    /// The file ledger: new files inserted, changed or touched files updated, in path order. Counts
    /// new, changed (other content, or a file not read whose size or mtime changed) and touched
    /// (same content) files against the ledger as it was before the batch.
    ///
    /// A file read in parts (`FileEntry.part`) is recorded `loading` by each part that leaves
    /// records to come, keeping the size, mtime and hash the ledger had: the ledger does not hold
    /// the file as read (`FileLedger.entries` leaves it out, so a run stopped in between reads it
    /// again), and its last part is counted against what the ledger held before its first. The
    /// row adds up the records of the parts; the last part decides the status from them all.
    private func upsertFiles(runID: Int64, into counts: inout BatchCounts) throws {
        let rows = try connection.query("""
            WITH prior AS (
                SELECT f.root, f.path, f.sha256, f.status, f.records,
                       f.status = 'loading' AND f.sha256 IS NULL AS unknown
                FROM etl.files f JOIN stage_files s ON f.root = s.root AND f.path = s.path
            ), staged AS (
                SELECT s.root, s.path, s.size, s.mtime_us, s.sha256, s.format, s.encoding, s.invalid_bytes,
                       s.records_skipped, s.transform_version, s.records + later.before AS records,
                       CASE WHEN s.first_record = 1 OR s.status = 'loading' THEN s.status
                            WHEN s.records + later.before = 0 AND s.records_skipped = 0 THEN 'rejected'
                            WHEN EXISTS (SELECT 1 FROM etl.rejects r
                                         WHERE r.run_id = $1 AND r.root = s.root AND r.path = s.path) THEN 'partial'
                            ELSE 'loaded' END AS status
                FROM stage_files s LEFT JOIN prior p ON p.root = s.root AND p.path = s.path,
                     LATERAL (SELECT CASE WHEN s.first_record > 1 AND p.status = 'loading' THEN p.records ELSE 0 END AS before) later
            ), upserted AS (
                INSERT INTO etl.files AS f (root, path, size, mtime, sha256, format, encoding, status, records,
                                            invalid_bytes, records_skipped, transform_version, first_run_id, last_run_id)
                SELECT s.root, s.path, s.size, timestamptz 'epoch' + s.mtime_us * interval '1 microsecond',
                       s.sha256, s.format, s.encoding, s.status, s.records, s.invalid_bytes, s.records_skipped,
                       s.transform_version, $1, $1
                FROM staged s
                ORDER BY s.root, s.path
                ON CONFLICT (root, path) DO UPDATE SET
                    size = CASE WHEN excluded.status = 'loading' THEN f.size ELSE excluded.size END,
                    mtime = CASE WHEN excluded.status = 'loading' THEN f.mtime ELSE excluded.mtime END,
                    sha256 = CASE WHEN excluded.status = 'loading' THEN f.sha256 ELSE excluded.sha256 END,
                    format = CASE WHEN excluded.transform_version IS NULL AND f.sha256 IS NOT DISTINCT FROM excluded.sha256 THEN f.format ELSE excluded.format END,
                    encoding = CASE WHEN excluded.transform_version IS NULL AND f.sha256 IS NOT DISTINCT FROM excluded.sha256 THEN f.encoding ELSE excluded.encoding END,
                    status = CASE WHEN excluded.transform_version IS NULL AND f.sha256 IS NOT DISTINCT FROM excluded.sha256 THEN f.status ELSE excluded.status END,
                    records = CASE WHEN excluded.transform_version IS NULL AND f.sha256 IS NOT DISTINCT FROM excluded.sha256 THEN f.records ELSE excluded.records END,
                    invalid_bytes = CASE WHEN excluded.transform_version IS NULL AND f.sha256 IS NOT DISTINCT FROM excluded.sha256 THEN f.invalid_bytes ELSE excluded.invalid_bytes END,
                    records_skipped = CASE WHEN excluded.transform_version IS NULL AND f.sha256 IS NOT DISTINCT FROM excluded.sha256 THEN f.records_skipped ELSE excluded.records_skipped END,
                    transform_version = coalesce(excluded.transform_version, f.transform_version),
                    last_run_id = excluded.last_run_id
                WHERE (f.size, f.mtime, f.sha256) IS DISTINCT FROM (excluded.size, excluded.mtime, excluded.sha256)
                   OR (excluded.transform_version IS NOT NULL AND excluded.transform_version IS DISTINCT FROM f.transform_version)
                   OR 'loading' IN (f.status, excluded.status)
                RETURNING f.file_id
            )
            SELECT count(*) FILTER (WHERE p.path IS NULL OR p.unknown),
                   count(*) FILTER (WHERE NOT p.unknown AND (s.sha256 IS NULL OR p.sha256 IS DISTINCT FROM s.sha256)),
                   count(*) FILTER (WHERE NOT p.unknown AND p.sha256 = s.sha256),
                   (SELECT count(*) FROM upserted)
            FROM stage_files s LEFT JOIN prior p ON p.root = s.root AND p.path = s.path
            WHERE s.status <> 'loading'
            """, [runID], as: (Int, Int, Int, Int).self)
        let (new, changed, same, _) = rows[0]
        counts.filesNew += new
        counts.filesChanged += changed
        counts.filesTouched += same
    }

    /// Lineage rows of re-read files whose record no longer produces an article are dropped
    /// (before the ledger is updated, while it still holds the old hash); for a part of a file
    /// read in parts, of the records that part holds.
    private func dropStaleLineage() throws {
        try connection.execute("""
            DELETE FROM etl.file_articles fa
            USING stage_files s JOIN etl.files f ON f.root = s.root AND f.path = s.path
            WHERE fa.file_id = f.file_id
              AND (f.sha256 IS DISTINCT FROM s.sha256 OR s.transform_version IS NOT NULL)
              AND fa.record_no >= s.first_record AND (s.last_record IS NULL OR fa.record_no <= s.last_record)
              AND NOT EXISTS (SELECT 1 FROM stage_articles sa
                              WHERE sa.root = s.root AND sa.path = s.path AND sa.record_no = fa.record_no)
              AND NOT EXISTS (SELECT 1 FROM stage_superseded sc
                              WHERE sc.root = s.root AND sc.path = s.path AND sc.record_no = fa.record_no)
            """)
    }

    /// (file, record) → article rows for what this batch read (superseded copies included: they
    /// point at the newer copy's article), with the crawl-archive record's id and offset; identical
    /// rows are left as they are.
    private func insertLineage() throws {
        try connection.execute("""
            INSERT INTO etl.file_articles AS fa (file_id, record_no, article_id, warc_record_id, byte_offset)
            SELECT f.file_id, s.record_no, a.article_id, s.warc_record_id, s.byte_offset
            FROM (SELECT root, path, record_no, article_key, warc_record_id, byte_offset FROM stage_articles
                  UNION ALL SELECT root, path, record_no, article_key, NULL, NULL FROM stage_superseded) s
            JOIN etl.files f ON f.root = s.root AND f.path = s.path
            JOIN news.articles a ON a.article_key = s.article_key
            ORDER BY f.file_id, s.record_no
            ON CONFLICT (file_id, record_no) DO UPDATE SET article_id = excluded.article_id,
                warc_record_id = excluded.warc_record_id, byte_offset = excluded.byte_offset
            WHERE (fa.article_id, fa.warc_record_id, fa.byte_offset)
                  IS DISTINCT FROM (excluded.article_id, excluded.warc_record_id, excluded.byte_offset)
            """)
    }

    /// Rejects are recorded for new or changed files only: a file the ledger already holds as it
    /// is (the same content, or for a file that could not be read, the same size and mtime) was
    /// rejected, recorded and counted before. Runs before the ledger is updated. What is recorded
    /// is counted once: a file nothing was loaded from (whatever the stage that rejected it), or a
    /// folder that could not be listed, in `files_rejected`; a record rejected in a file that
    /// loaded others, or in a file read in parts, in `records_rejected`.
    private func insertRejects(runID: Int64, into counts: inout BatchCounts) throws {
        let rows = try connection.query("""
            WITH inserted AS (
                INSERT INTO etl.rejects (run_id, root, path, record_no, stage, code, message)
                SELECT $1, r.root, r.path, r.record_no, r.stage, r.code, r.message
                FROM stage_rejects r
                WHERE NOT EXISTS (
                    SELECT 1 FROM stage_files s JOIN etl.files f ON f.root = s.root AND f.path = s.path
                    WHERE s.root = r.root AND s.path = r.path AND f.status <> 'loading'
                      AND CASE WHEN s.sha256 IS NULL
                               THEN f.sha256 IS NULL AND f.size = s.size
                                    AND f.mtime = timestamptz 'epoch' + s.mtime_us * interval '1 microsecond'
                               ELSE f.sha256 = s.sha256 END)
                RETURNING root, path
            )
            SELECT count(DISTINCT (i.root, i.path)) FILTER (WHERE s.status IS NULL OR (s.status = 'rejected' AND s.first_record = 1)),
                   count(*) FILTER (WHERE s.status <> 'rejected' OR s.first_record > 1)
            FROM inserted i LEFT JOIN stage_files s ON s.root = i.root AND s.path = i.path
            """, [runID], as: (Int, Int).self)
        counts.filesRejected += rows[0].0
        counts.recordsRejected += rows[0].1
    }
}

private struct FileKey: Hashable {
    let root: String
    let path: String
    init(_ root: String, _ path: String) {
        self.root = root
        self.path = path
    }
}
