-- 001_core.sql — the core of the warehouse contract (see README "For analysts").
--
-- Applied once by `article-etl migrate`, inside one transaction, and recorded in
-- etl.schema_migrations with its SHA-256. Never edit an applied migration: add a new numbered file.
--
-- Schema news: what analysts read. Schema etl: pipeline bookkeeping, also readable by analysts.

CREATE SCHEMA IF NOT EXISTS news;
COMMENT ON SCHEMA news IS 'Clean, normalized news articles loaded by article-etl. Stable contract for analysts.';

CREATE SCHEMA IF NOT EXISTS etl;
COMMENT ON SCHEMA etl IS 'article-etl bookkeeping: runs, the file ledger, rejects and lineage.';

-- ---------------------------------------------------------------------------------------------
-- etl.runs — one row per invocation that writes to the warehouse.

CREATE TABLE etl.runs (
    run_id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                text        NOT NULL CHECK (kind IN ('nightly', 'backfill', 'manual')),
    started_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    status              text        NOT NULL DEFAULT 'running'
                        CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted', 'abandoned')),
    files_seen          integer     NOT NULL DEFAULT 0,
    files_new           integer     NOT NULL DEFAULT 0,
    files_changed       integer     NOT NULL DEFAULT 0,
    files_unchanged     integer     NOT NULL DEFAULT 0,
    files_rejected      integer     NOT NULL DEFAULT 0,
    records_rejected    integer     NOT NULL DEFAULT 0,
    articles_inserted   integer     NOT NULL DEFAULT 0,
    articles_updated    integer     NOT NULL DEFAULT 0,
    articles_unchanged  integer     NOT NULL DEFAULT 0,
    arguments           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    host                text,
    pid                 integer,
    program_version     text,
    error               text
);
COMMENT ON TABLE etl.runs IS 'One row per article-etl run that writes to the warehouse (run, load, backfill). Counters grow batch by batch, in the same transaction as the data they count.';
COMMENT ON COLUMN etl.runs.run_id IS 'Run identifier, increasing.';
COMMENT ON COLUMN etl.runs.kind IS 'nightly (article-etl run), backfill (article-etl backfill) or manual (article-etl load and other hand-started runs).';
COMMENT ON COLUMN etl.runs.started_at IS 'When the run started.';
COMMENT ON COLUMN etl.runs.finished_at IS 'When the run ended; NULL while running, or if it was killed (then status becomes abandoned at the next run).';
COMMENT ON COLUMN etl.runs.status IS 'running; ok (everything loaded); partial (some input rejected, see etl.rejects); failed (an error stopped the run; committed batches stay); interrupted (stopped by a signal); abandoned (the process died, found by a later run).';
COMMENT ON COLUMN etl.runs.files_seen IS 'Input files found under the input roots.';
COMMENT ON COLUMN etl.runs.files_new IS 'Files not in the ledger before this run.';
COMMENT ON COLUMN etl.runs.files_changed IS 'Files in the ledger whose content (SHA-256) changed.';
COMMENT ON COLUMN etl.runs.files_unchanged IS 'Files skipped because size and mtime, or else the content hash, matched the ledger.';
COMMENT ON COLUMN etl.runs.files_rejected IS 'Files rejected whole (unreadable, undecodable, empty, ...).';
COMMENT ON COLUMN etl.runs.records_rejected IS 'Records rejected inside otherwise readable files.';
COMMENT ON COLUMN etl.runs.articles_inserted IS 'Articles inserted into news.articles.';
COMMENT ON COLUMN etl.runs.articles_updated IS 'Existing articles whose content or metadata changed.';
COMMENT ON COLUMN etl.runs.articles_unchanged IS 'Articles processed whose row was already identical (not rewritten).';
COMMENT ON COLUMN etl.runs.arguments IS 'The command line and effective settings of the run (no secrets).';
COMMENT ON COLUMN etl.runs.host IS 'Host name of the machine that ran it.';
COMMENT ON COLUMN etl.runs.pid IS 'Process id of the run on that host.';
COMMENT ON COLUMN etl.runs.program_version IS 'article-etl version and transform version.';
COMMENT ON COLUMN etl.runs.error IS 'Why the run failed or stopped, if it did.';

-- ---------------------------------------------------------------------------------------------
-- news.sources

CREATE TABLE news.sources (
    source_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9.-]*$'),
    name       text NOT NULL,
    homepage   text
);
COMMENT ON TABLE news.sources IS 'Publishing platforms and sites articles come from.';
COMMENT ON COLUMN news.sources.source_id IS 'Source identifier.';
COMMENT ON COLUMN news.sources.code IS 'Stable lowercase code, e.g. netease-hao.';
COMMENT ON COLUMN news.sources.name IS 'Display name, e.g. 网易号.';
COMMENT ON COLUMN news.sources.homepage IS 'Home page URL, when known.';

-- ---------------------------------------------------------------------------------------------
-- news.articles

CREATE TABLE news.articles (
    article_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_key          text        NOT NULL UNIQUE,
    source_id            integer     REFERENCES news.sources (source_id),
    url                  text,
    title                text        NOT NULL,
    author               text,
    published_at         timestamptz,
    lang                 text        NOT NULL DEFAULT 'und',
    script               text,
    body                 text        NOT NULL,
    search_text          text,
    content_sha256       text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    duplicate_of         bigint      REFERENCES news.articles (article_id),
    defects              text[]      NOT NULL DEFAULT '{}',
    observed_at          timestamptz,
    transform_version    integer     NOT NULL,
    first_run_id         bigint      NOT NULL REFERENCES etl.runs (run_id),
    last_changed_run_id  bigint      NOT NULL REFERENCES etl.runs (run_id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE news.articles IS 'One row per distinct article. A rerun over unchanged input rewrites no row; an older copy never overwrites a newer one.';
COMMENT ON COLUMN news.articles.article_id IS 'Surrogate key, stable once assigned.';
COMMENT ON COLUMN news.articles.article_key IS 'Stable identity: the canonical URL when known; else doc:<scraper document id> (from names like 000_11748bc2aa869176.txt); else sha256:<content hash>.';
COMMENT ON COLUMN news.articles.source_id IS 'The platform or site (news.sources), when known.';
COMMENT ON COLUMN news.articles.url IS 'Canonical URL, when known.';
COMMENT ON COLUMN news.articles.title IS 'Clean title (for text files, the first non-empty line).';
COMMENT ON COLUMN news.articles.author IS 'Author or byline, when known.';
COMMENT ON COLUMN news.articles.published_at IS 'Publication time with its time zone; NULL when the source does not say.';
COMMENT ON COLUMN news.articles.lang IS 'Language (BCP 47 primary subtag: zh, en, ...; und when unknown).';
COMMENT ON COLUMN news.articles.script IS 'Script of the body (ISO 15924: Hans, Hant, Latn, ...).';
COMMENT ON COLUMN news.articles.body IS 'Clean body text, paragraphs separated by exactly one newline (\n). news.paragraphs holds the same paragraphs as rows.';
COMMENT ON COLUMN news.articles.search_text IS 'Normalized form of title and body used for search.';
COMMENT ON COLUMN news.articles.content_sha256 IS 'Hex SHA-256 of the UTF-8 body: equals encode(sha256(convert_to(body, ''UTF8'')), ''hex'').';
COMMENT ON COLUMN news.articles.duplicate_of IS 'article_id of the earlier copy when this article is an exact or near duplicate of it.';
COMMENT ON COLUMN news.articles.defects IS 'Defect codes: damage found in the input and repaired or flagged. Codes: legacy_encoding, declared_charset_wrong, mojibake_repaired, mojibake_unrepaired, ruby_pinyin, html_remnants, control_chars, hard_wrap, halfwidth_punct, boilerplate, not_article, exact_duplicate, near_duplicate.';
COMMENT ON COLUMN news.articles.observed_at IS 'How new this copy is: the scraper''s time, else the file''s mtime. An older copy never overwrites a newer one.';
COMMENT ON COLUMN news.articles.transform_version IS 'Version of the transform rules that produced this row (a backfill with --reprocess re-transforms older versions).';
COMMENT ON COLUMN news.articles.first_run_id IS 'The run that inserted the article (etl.runs).';
COMMENT ON COLUMN news.articles.last_changed_run_id IS 'The last run that changed the article (etl.runs).';
COMMENT ON COLUMN news.articles.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN news.articles.updated_at IS 'When the row last changed.';

CREATE INDEX articles_published_at_idx ON news.articles (published_at);
CREATE INDEX articles_source_id_idx ON news.articles (source_id);

-- ---------------------------------------------------------------------------------------------
-- news.paragraphs

CREATE TABLE news.paragraphs (
    article_id  bigint  NOT NULL REFERENCES news.articles (article_id) ON DELETE CASCADE,
    ordinal     integer NOT NULL CHECK (ordinal >= 1),
    text        text    NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
COMMENT ON TABLE news.paragraphs IS 'The paragraphs of each article body, in order. Replaced only when the article''s content changes.';
COMMENT ON COLUMN news.paragraphs.article_id IS 'The article (news.articles).';
COMMENT ON COLUMN news.paragraphs.ordinal IS 'Position in the body, from 1.';
COMMENT ON COLUMN news.paragraphs.text IS 'Paragraph text, no newline inside.';

-- ---------------------------------------------------------------------------------------------
-- etl.files — the file ledger

CREATE TABLE etl.files (
    file_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    root          text        NOT NULL,
    path          text        NOT NULL,
    size          bigint      NOT NULL,
    mtime         timestamptz NOT NULL,
    sha256        text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    format        text,
    encoding      text,
    status        text        NOT NULL CHECK (status IN ('loaded', 'partial', 'rejected')),
    records       integer     NOT NULL DEFAULT 0,
    first_run_id  bigint      NOT NULL REFERENCES etl.runs (run_id),
    last_run_id   bigint      NOT NULL REFERENCES etl.runs (run_id),
    UNIQUE (root, path)
);
COMMENT ON TABLE etl.files IS 'The file ledger: one row per input file. A file whose size and mtime match is skipped without being read; one whose content hash matches is not reloaded.';
COMMENT ON COLUMN etl.files.file_id IS 'File identifier.';
COMMENT ON COLUMN etl.files.root IS 'The input root the file was found under (absolute path).';
COMMENT ON COLUMN etl.files.path IS 'Path relative to its input root.';
COMMENT ON COLUMN etl.files.size IS 'Size in bytes when last read.';
COMMENT ON COLUMN etl.files.mtime IS 'Modification time when last read.';
COMMENT ON COLUMN etl.files.sha256 IS 'Hex SHA-256 of the file''s bytes; NULL if it could not be read.';
COMMENT ON COLUMN etl.files.format IS 'Format sniffed from the content: text, html, json, jsonl.';
COMMENT ON COLUMN etl.files.encoding IS 'Character encoding the bytes were decoded from, e.g. utf-8, gb18030, big5, utf-16le.';
COMMENT ON COLUMN etl.files.status IS 'loaded (every record produced an article); partial (some records rejected); rejected (nothing loaded; see etl.rejects).';
COMMENT ON COLUMN etl.files.records IS 'Records that produced articles.';
COMMENT ON COLUMN etl.files.first_run_id IS 'The run that first recorded the file.';
COMMENT ON COLUMN etl.files.last_run_id IS 'The last run that read the file and recorded a change (content or mtime).';

-- etl.file_articles — which (file, record) produced which article: the lineage behind etl.article_files.
CREATE TABLE etl.file_articles (
    file_id     bigint  NOT NULL REFERENCES etl.files (file_id) ON DELETE CASCADE,
    record_no   integer NOT NULL CHECK (record_no >= 1),
    article_id  bigint  NOT NULL REFERENCES news.articles (article_id) ON DELETE CASCADE,
    PRIMARY KEY (file_id, record_no)
);
COMMENT ON TABLE etl.file_articles IS 'Lineage: the article each record of each file produced. Several records may point at one article.';
COMMENT ON COLUMN etl.file_articles.file_id IS 'The file (etl.files).';
COMMENT ON COLUMN etl.file_articles.record_no IS '1-based position of the record in its file; 1 for a file that holds one article.';
COMMENT ON COLUMN etl.file_articles.article_id IS 'The article (news.articles).';
CREATE INDEX file_articles_article_id_idx ON etl.file_articles (article_id);

-- ---------------------------------------------------------------------------------------------
-- etl.rejects

CREATE TABLE etl.rejects (
    reject_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint      NOT NULL REFERENCES etl.runs (run_id),
    root        text        NOT NULL,
    path        text        NOT NULL,
    record_no   integer,
    stage       text        NOT NULL CHECK (stage IN ('extract', 'transform', 'load')),
    code        text        NOT NULL,
    message     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE etl.rejects IS 'Input that could not be loaded, with the reason. Written in the same transaction as the batch it belongs to.';
COMMENT ON COLUMN etl.rejects.reject_id IS 'Reject identifier.';
COMMENT ON COLUMN etl.rejects.run_id IS 'The run that rejected it.';
COMMENT ON COLUMN etl.rejects.root IS 'Input root of the file.';
COMMENT ON COLUMN etl.rejects.path IS 'File path relative to its input root.';
COMMENT ON COLUMN etl.rejects.record_no IS '1-based record (or line) in the file; NULL when the whole file was rejected.';
COMMENT ON COLUMN etl.rejects.stage IS 'The stage that rejected it: extract, transform or load.';
COMMENT ON COLUMN etl.rejects.code IS 'Stable reason code, e.g. empty, unreadable, undecodable, binary, too_large, no_title, empty_body, invalid_json.';
COMMENT ON COLUMN etl.rejects.message IS 'Human explanation.';
COMMENT ON COLUMN etl.rejects.created_at IS 'When it was recorded.';
CREATE INDEX rejects_run_id_idx ON etl.rejects (run_id);

-- ---------------------------------------------------------------------------------------------
-- etl.article_files — lineage for analysts: one row per (file, record) that produced an article.

CREATE VIEW etl.article_files AS
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
       f.sha256 AS file_sha256
FROM etl.file_articles fa
JOIN etl.files f ON f.file_id = fa.file_id
JOIN news.articles a ON a.article_id = fa.article_id
LEFT JOIN news.sources s ON s.source_id = a.source_id;
COMMENT ON VIEW etl.article_files IS 'Lineage: one row per (file, record) that produced an article; several files may point at one article.';
COMMENT ON COLUMN etl.article_files.path IS 'File path relative to its input root.';
COMMENT ON COLUMN etl.article_files.record_no IS '1-based position of the record in its file; 1 for a file that holds one article.';
COMMENT ON COLUMN etl.article_files.article_id IS 'The article (news.articles).';
COMMENT ON COLUMN etl.article_files.title IS 'news.articles.title.';
COMMENT ON COLUMN etl.article_files.body IS 'news.articles.body.';
COMMENT ON COLUMN etl.article_files.url IS 'news.articles.url.';
COMMENT ON COLUMN etl.article_files.published_at IS 'news.articles.published_at.';
COMMENT ON COLUMN etl.article_files.author IS 'news.articles.author.';
COMMENT ON COLUMN etl.article_files.lang IS 'news.articles.lang.';
COMMENT ON COLUMN etl.article_files.source_code IS 'news.sources.code of the article''s source.';
COMMENT ON COLUMN etl.article_files.defects IS 'news.articles.defects.';
COMMENT ON COLUMN etl.article_files.root IS 'Input root of the file.';
COMMENT ON COLUMN etl.article_files.file_sha256 IS 'SHA-256 of the file''s bytes.';
