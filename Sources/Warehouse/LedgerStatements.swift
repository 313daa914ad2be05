import Postgres

/// The statements that record a batch in `etl`: the file ledger, the lineage, rejects and the
/// run's counters. Each has a name that its errors carry (`PostgresError.statement`).
extension Statement {
    /// The file ledger (see `BatchLoader.upsertFiles`). $1 run. Returns (new, changed, same, written).
    static let upsertFiles = Statement("upsert files", """
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
        """)

    /// Rejects of new or changed files (see `BatchLoader.insertRejects`). $1 run. Returns (files
    /// rejected, records rejected).
    static let insertRejects = Statement("insert rejects", """
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
        """)

    /// Lineage rows of re-read files whose record no longer produces an article (before the
    /// ledger is updated, while it still holds the old hash); for a part of a file read in parts,
    /// of the records that part holds.
    static let dropStaleLineage = Statement("drop stale lineage", """
        DELETE FROM etl.file_articles fa
        USING stage_files s JOIN etl.files f ON f.root = s.root AND f.path = s.path
        WHERE fa.file_id = f.file_id
          AND (f.sha256 IS DISTINCT FROM s.sha256 OR s.transform_version IS NOT NULL)
          AND fa.record_no >= s.first_record AND (s.last_record IS NULL OR fa.record_no <= s.last_record)
          AND NOT EXISTS (SELECT 1 FROM stage_records sr
                          WHERE sr.root = s.root AND sr.path = s.path AND sr.record_no = fa.record_no)
        """)

    /// (file, record) → article rows for every record the batch read (older copies left
    /// untransformed included: they point at the newer copy's article), with the crawl-archive
    /// record's id and offset; identical rows are left as they are.
    static let insertLineage = Statement("insert lineage", """
        INSERT INTO etl.file_articles AS fa (file_id, record_no, article_id, warc_record_id, byte_offset)
        SELECT f.file_id, s.record_no, a.article_id, s.warc_record_id, s.byte_offset
        FROM stage_records s
        JOIN etl.files f ON f.root = s.root AND f.path = s.path
        JOIN news.articles a ON a.article_key = s.article_key
        ORDER BY f.file_id, s.record_no
        ON CONFLICT (file_id, record_no) DO UPDATE SET article_id = excluded.article_id,
            warc_record_id = excluded.warc_record_id, byte_offset = excluded.byte_offset
        WHERE (fa.article_id, fa.warc_record_id, fa.byte_offset)
              IS DISTINCT FROM (excluded.article_id, excluded.warc_record_id, excluded.byte_offset)
        """)

    /// The batch's counters added to its run's. $1 run, then the counters in this order.
    static let addRunCounters = Statement("add run counters", """
        UPDATE etl.runs SET
            files_seen = files_seen + $2, files_new = files_new + $3, files_changed = files_changed + $4,
            files_unchanged = files_unchanged + $5, files_rejected = files_rejected + $6,
            records_rejected = records_rejected + $7, articles_inserted = articles_inserted + $8,
            articles_updated = articles_updated + $9, articles_unchanged = articles_unchanged + $10,
            records_superseded = records_superseded + $11
        WHERE run_id = $1
        """)
}
