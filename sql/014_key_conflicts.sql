-- 014_key_conflicts.sql — two different stories under one article key are both kept, and the
-- meeting is recorded.
--
-- A canonical link or og:url that names a site's or a section's front page is no article key
-- (the transform falls back to the next key: the address the page was fetched from, the scraper's
-- document id, the content hash). Where two different bodies still meet on one key (a CMS that
-- prints one canonical link on many pages), the story the warehouse already holds keeps the key
-- and each copy of another story is loaded under `<key>#sha256:<content hash>`, with a row here.

CREATE TABLE etl.key_conflicts (
    article_key    text   NOT NULL,
    qualified_key  text   NOT NULL,
    run_id         bigint NOT NULL REFERENCES etl.runs (run_id),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_key, qualified_key)
);
COMMENT ON TABLE etl.key_conflicts IS 'Different stories that met on one article key (their bodies neither the same nor near copies): the article that holds article_key keeps it, and each other story was loaded under qualified_key. Join news.articles on article_key and on qualified_key to see both. A rerun adds no row.';
COMMENT ON COLUMN etl.key_conflicts.article_key IS 'The key the stories shared (news.articles.article_key of the story that kept it).';
COMMENT ON COLUMN etl.key_conflicts.qualified_key IS 'The key the other story was loaded under: article_key, #sha256:, and the hex SHA-256 of its body (news.articles.article_key).';
COMMENT ON COLUMN etl.key_conflicts.run_id IS 'The run that first found the conflict (etl.runs).';
COMMENT ON COLUMN etl.key_conflicts.recorded_at IS 'When it was found.';

COMMENT ON COLUMN news.articles.article_key IS 'Stable identity: the canonical URL when it names one article (not a site''s or a section''s front page); else the address the page was fetched from; else doc:<scraper document id> (from names like 000_11748bc2aa869176.txt); else sha256:<content hash>. A story that met another one on its key is keyed <key>#sha256:<content hash> (etl.key_conflicts).';
