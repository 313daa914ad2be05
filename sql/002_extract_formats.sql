-- 002_extract_formats.sql — what the extract stage learned to read: legacy encodings, HTML, JSON,
-- JSON Lines, gzip. Records the decoding damage per file and documents the new codes.

ALTER TABLE etl.files ADD COLUMN invalid_bytes integer NOT NULL DEFAULT 0 CHECK (invalid_bytes >= 0);
COMMENT ON COLUMN etl.files.invalid_bytes IS 'Invalid or unmappable byte sequences replaced by U+FFFD while decoding (and private-use characters out of GB decoding). 0 for clean files.';

COMMENT ON COLUMN etl.files.format IS 'Format sniffed from the content (the extension is only a hint): text, html, json (one object or an array), jsonl (one object a line). Gzip-compressed files are recorded by the format inside.';
COMMENT ON COLUMN etl.files.encoding IS 'Character encoding the bytes were decoded from: utf-8, utf-16le, utf-16be, utf-32le, utf-32be, gb18030 (also for GB2312 and GBK), big5-hkscs (Big5), euc-tw, …';

COMMENT ON COLUMN etl.rejects.code IS 'Stable reason code. extract: empty, unreadable, too_large, binary, undecodable, corrupt_gzip, invalid_json (record_no is the line or array position); transform: empty_text, no_title, no_body, unparsable_html, not_article (a list or index page).';

COMMENT ON COLUMN news.articles.defects IS 'Defect codes: damage found in the input and repaired or flagged. legacy_encoding (decoded from GB18030/Big5/EUC-TW/…), invalid_bytes (undecodable sequences replaced, count in etl.files.invalid_bytes), declared_charset_wrong (the page declared another charset than its bytes), mojibake_repaired, mojibake_unrepaired, ruby_pinyin, html_remnants, control_chars, hard_wrap, halfwidth_punct, boilerplate, not_article, exact_duplicate, near_duplicate.';
COMMENT ON COLUMN news.articles.url IS 'Canonical URL, when known (the record''s url field, else the page''s <link rel=canonical> or og:url).';
COMMENT ON COLUMN news.articles.published_at IS 'Publication time with its time zone (JSON field, JSON-LD/meta, <time>); a time written without a zone is read in the configured zone (default Asia/Shanghai). NULL when the source does not say.';
COMMENT ON COLUMN news.articles.observed_at IS 'How new this copy is: the scraper''s crawl time field when the record has one, else the file''s mtime. An older copy never overwrites a newer one.';
