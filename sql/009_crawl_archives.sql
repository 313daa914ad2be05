-- 009_crawl_archives.sql — WARC and ARC files as input. Each response record holding a page is a
-- record of its file; the lineage says which WARC record it was and where it starts, so an
-- analyst can find the exact bytes; the ledger counts the records that are not articles.

ALTER TABLE etl.file_articles ADD COLUMN warc_record_id text, ADD COLUMN byte_offset bigint;
COMMENT ON COLUMN etl.file_articles.warc_record_id IS 'For a record of a WARC file: its WARC-Record-ID (e.g. <urn:uuid:…>); NULL for other files.';
COMMENT ON COLUMN etl.file_articles.byte_offset IS 'For a record of a WARC or ARC file: the byte offset where it starts in the file (for a .warc.gz, of the gzip member that holds it, as CDX indexes give it; for a record that does not start a member, its offset in the decompressed data); NULL for other files.';
COMMENT ON COLUMN etl.file_articles.record_no IS '1-based position of the record in its file: the line of JSON Lines, the element of a JSON array, the record of a WARC or ARC file (counting every record: warcinfo, requests, responses, …); 1 for a file that holds one article.';

ALTER TABLE etl.files ADD COLUMN records_skipped integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN etl.files.records_skipped IS 'Records of a crawl archive passed over as not articles, without a reject: requests, metadata, revisits, warcinfo, and responses that are not pages (images, scripts, robots.txt, HTTP errors and redirects). 0 for other files.';

CREATE OR REPLACE VIEW etl.article_files AS
SELECT f.path,
       fa.record_no,
       a.article_id,
       a.title,
       a.body,
       a.url,
       a.published_at,
       a.author,
       a.lang,
       s.code AS source_code,
       a.defects,
       f.root,
       f.sha256 AS file_sha256,
       fa.warc_record_id,
       fa.byte_offset
FROM etl.file_articles fa
JOIN etl.files f ON f.file_id = fa.file_id
JOIN news.articles a ON a.article_id = fa.article_id
LEFT JOIN news.sources s ON s.source_id = a.source_id;
COMMENT ON COLUMN etl.article_files.record_no IS '1-based position of the record in its file (the line of JSON Lines, the record of a WARC file); 1 for a file that holds one article.';
COMMENT ON COLUMN etl.article_files.warc_record_id IS 'etl.file_articles.warc_record_id: the WARC-Record-ID of the record, for a WARC file.';
COMMENT ON COLUMN etl.article_files.byte_offset IS 'etl.file_articles.byte_offset: where the record starts in its WARC or ARC file.';
COMMENT ON COLUMN etl.files.format IS 'Format sniffed from the content (the extension is only a hint): text, html, json (one object or an array), jsonl (one object a line), warc or arc (a crawl archive, known by its first bytes). Gzip-compressed files are recorded by the format inside.';
