-- 003_warehouse.sql — the rest of the contract: search, duplicates, entities, mentions, figures,
-- and the roles analysts and the loader use.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ---------------------------------------------------------------------------------------------
-- Search and near-duplicate fingerprints on news.articles

ALTER TABLE news.articles
    ADD COLUMN search_vector tsvector,
    ADD COLUMN fingerprint bigint;

-- The fingerprints again, narrow and cut into seven bands: two fingerprints at most 6 bits apart
-- share at least one band, so an index probe per band finds the earliest near duplicate without
-- reading the wide article rows.
CREATE TABLE news.fingerprints (
    article_id   bigint PRIMARY KEY REFERENCES news.articles (article_id) ON DELETE CASCADE,
    fingerprint  bigint NOT NULL,
    band1 integer GENERATED ALWAYS AS ((fingerprint >> 55) & 511) STORED,
    band2 integer GENERATED ALWAYS AS ((fingerprint >> 46) & 511) STORED,
    band3 integer GENERATED ALWAYS AS ((fingerprint >> 37) & 511) STORED,
    band4 integer GENERATED ALWAYS AS ((fingerprint >> 28) & 511) STORED,
    band5 integer GENERATED ALWAYS AS ((fingerprint >> 19) & 511) STORED,
    band6 integer GENERATED ALWAYS AS ((fingerprint >> 10) & 511) STORED,
    band7 integer GENERATED ALWAYS AS ((fingerprint >> 0) & 1023) STORED
);
COMMENT ON TABLE news.fingerprints IS 'The fingerprint of each article, cut into seven indexed bands, for finding near duplicates (news.articles.duplicate_of). Rewritten when the article changes.';
COMMENT ON COLUMN news.fingerprints.article_id IS 'The article (news.articles).';
COMMENT ON COLUMN news.fingerprints.fingerprint IS 'news.articles.fingerprint.';
COMMENT ON COLUMN news.fingerprints.band1 IS 'Bits 55-63 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band2 IS 'Bits 46-54 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band3 IS 'Bits 37-45 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band4 IS 'Bits 28-36 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band5 IS 'Bits 19-27 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band6 IS 'Bits 10-18 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band7 IS 'Bits 0-9 of the fingerprint.';
CREATE INDEX fingerprints_band1_idx ON news.fingerprints (band1, article_id) INCLUDE (fingerprint);
CREATE INDEX fingerprints_band2_idx ON news.fingerprints (band2, article_id) INCLUDE (fingerprint);
CREATE INDEX fingerprints_band3_idx ON news.fingerprints (band3, article_id) INCLUDE (fingerprint);
CREATE INDEX fingerprints_band4_idx ON news.fingerprints (band4, article_id) INCLUDE (fingerprint);
CREATE INDEX fingerprints_band5_idx ON news.fingerprints (band5, article_id) INCLUDE (fingerprint);
CREATE INDEX fingerprints_band6_idx ON news.fingerprints (band6, article_id) INCLUDE (fingerprint);
CREATE INDEX fingerprints_band7_idx ON news.fingerprints (band7, article_id) INCLUDE (fingerprint);

COMMENT ON COLUMN news.articles.search_text IS 'Title and body in the form used for search: Simplified Chinese (OpenCC, phrase-aware), NFKC, lower case.';
COMMENT ON COLUMN news.articles.search_vector IS 'Search lexemes of search_text (config simple): every pair of adjacent Han characters, lone Han characters, and Latin words and numbers. Queried by news.search(); GIN-indexed.';
COMMENT ON COLUMN news.articles.fingerprint IS '64-bit SimHash of the normalized Simplified body (character 3-grams); near duplicates differ in at most 6 bits (threshold measured on the project''s labelled set). Banded in news.fingerprints.';
COMMENT ON COLUMN news.articles.duplicate_of IS 'article_id of the earliest article (lowest article_id, i.e. loaded first) with the same body (defect exact_duplicate), or whose fingerprint differs in at most 6 bits (defect near_duplicate; compared with the 32 earliest articles of each fingerprint band); NULL for an original. Set when the article is loaded or changed.';

-- lz4 compresses and decompresses the long text columns several times faster than pglz.
ALTER TABLE news.articles
    ALTER COLUMN body SET COMPRESSION lz4,
    ALTER COLUMN search_text SET COMPRESSION lz4,
    ALTER COLUMN search_vector SET COMPRESSION lz4;
ALTER TABLE news.paragraphs ALTER COLUMN text SET COMPRESSION lz4;

CREATE INDEX articles_search_vector_idx ON news.articles USING gin (search_vector) WITH (gin_pending_list_limit = 32768);
CREATE INDEX articles_content_sha256_idx ON news.articles (content_sha256, article_id);
CREATE INDEX articles_duplicate_of_idx ON news.articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- news.search(query): Chinese words (in Simplified) and English words, ranked.
CREATE FUNCTION news.search_query(query text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    parts text[] := '{}';
    run text;
    han text[];
    i integer;
BEGIN
    FOR run IN SELECT m[1] FROM regexp_matches(lower(query), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[[:alnum:]]+)', 'g') AS m LOOP
        IF run ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$' THEN
            IF char_length(run) = 1 THEN
                -- One character: any bigram that starts with it, or the character standing alone.
                parts := parts || format('(%s:* | %s)', quote_literal(run), quote_literal(run));
            ELSE
                han := '{}';
                FOR i IN 1 .. char_length(run) - 1 LOOP
                    han := han || quote_literal(substr(run, i, 2));
                END LOOP;
                parts := parts || ('(' || array_to_string(han, ' <-> ') || ')');
            END IF;
        ELSE
            parts := parts || quote_literal(run);
        END IF;
    END LOOP;
    IF cardinality(parts) = 0 THEN
        RETURN NULL;
    END IF;
    RETURN to_tsquery('simple', array_to_string(parts, ' & '));
END $$;
COMMENT ON FUNCTION news.search_query(text) IS 'The tsquery news.search uses for a query: Chinese runs become phrases of character bigrams (工程师 → 工程 <-> 程师), other words stay words, all ANDed.';

CREATE FUNCTION news.search(query text)
RETURNS TABLE (article_id bigint, rank real)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT a.article_id, ts_rank_cd(a.search_vector, q) AS rank
    FROM news.articles a, news.search_query(query) AS q
    WHERE a.search_vector @@ q
    ORDER BY rank DESC, a.article_id
$$;
COMMENT ON FUNCTION news.search(text) IS 'Full-text search: articles whose title or body contains every word of the query — Chinese words in Simplified (found in Simplified and Traditional articles alike) and English words — ranked by ts_rank_cd. Example: SELECT a.title FROM news.search(''工程师'') s JOIN news.articles a USING (article_id).';

-- ---------------------------------------------------------------------------------------------
-- Entities, mentions, figures

CREATE TABLE news.entities (
    entity_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('org', 'person', 'place', 'product')),
    name       text NOT NULL,
    UNIQUE (kind, name)
);
COMMENT ON TABLE news.entities IS 'Organizations, people, places and products named in articles: the curated list in config/, plus person names found by pattern.';
COMMENT ON COLUMN news.entities.entity_id IS 'Entity identifier.';
COMMENT ON COLUMN news.entities.kind IS 'org, person, place or product.';
COMMENT ON COLUMN news.entities.name IS 'Canonical name (aliases in the list map to it).';

CREATE TABLE news.mentions (
    article_id  bigint  NOT NULL REFERENCES news.articles (article_id) ON DELETE CASCADE,
    entity_id   integer NOT NULL REFERENCES news.entities (entity_id),
    count       integer NOT NULL CHECK (count >= 1),
    PRIMARY KEY (article_id, entity_id)
);
COMMENT ON TABLE news.mentions IS 'How often each article names each entity. Replaced when the article''s content changes.';
COMMENT ON COLUMN news.mentions.article_id IS 'The article (news.articles).';
COMMENT ON COLUMN news.mentions.entity_id IS 'The entity (news.entities).';
COMMENT ON COLUMN news.mentions.count IS 'Occurrences in title and body (any alias).';
CREATE INDEX mentions_entity_id_idx ON news.mentions (entity_id);

CREATE TABLE news.figures (
    article_id  bigint  NOT NULL REFERENCES news.articles (article_id) ON DELETE CASCADE,
    ordinal     integer NOT NULL CHECK (ordinal >= 1),
    kind        text    NOT NULL CHECK (kind IN ('money', 'percent', 'quantity')),
    raw         text    NOT NULL,
    value       numeric NOT NULL,
    unit        text,
    value_max   numeric,
    position    integer,
    PRIMARY KEY (article_id, ordinal)
);
COMMENT ON TABLE news.figures IS 'Money amounts, percentages and quantities an article reports, in order. Replaced when the article''s content changes.';
COMMENT ON COLUMN news.figures.article_id IS 'The article (news.articles).';
COMMENT ON COLUMN news.figures.ordinal IS 'Order of appearance, from 1.';
COMMENT ON COLUMN news.figures.kind IS 'money, percent or quantity.';
COMMENT ON COLUMN news.figures.raw IS 'As written, e.g. 148亿美元, $14.3 billion, 0.3%.';
COMMENT ON COLUMN news.figures.value IS 'The number with its magnitude applied: 148亿美元 → 14800000000; 0.3% → 0.3; for a range, its lower end.';
COMMENT ON COLUMN news.figures.unit IS 'Currency (ISO 4217: USD, CNY, EUR, HKD, JPY, GBP, …) for money; % for percentages, pp for percentage points (5个百分点); the measure word (倍, 名, …) for quantities, NULL when none.';
COMMENT ON COLUMN news.figures.value_max IS 'Upper end of a range (3-5倍 → 5); NULL for a single value.';
COMMENT ON COLUMN news.figures.position IS 'Character offset of raw in the body (0-based), or NULL when found in the title.';
CREATE INDEX figures_kind_unit_idx ON news.figures (kind, unit);

-- ---------------------------------------------------------------------------------------------
-- Roles: news_writer loads (and owns the schemas where the migrating user may grant that);
-- news_reader reads news and etl. Created idempotently: roles belong to the whole cluster.

DO $$
BEGIN
    BEGIN
        CREATE ROLE news_writer NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE news_reader NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
END $$;
-- (No COMMENT ON ROLE: roles are cluster-wide, and concurrent migrations of several databases
-- would update the same catalog row. The README documents both roles.)

GRANT USAGE ON SCHEMA news, etl TO news_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA news, etl TO news_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA news TO news_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA news, etl GRANT SELECT ON TABLES TO news_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA news GRANT EXECUTE ON FUNCTIONS TO news_reader;

GRANT USAGE, CREATE ON SCHEMA news, etl TO news_writer;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON ALL TABLES IN SCHEMA news, etl TO news_writer;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA news, etl TO news_writer;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA news TO news_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA news, etl GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON TABLES TO news_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA news, etl GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO news_writer;

DO $$
BEGIN
    ALTER SCHEMA news OWNER TO news_writer;
    ALTER SCHEMA etl OWNER TO news_writer;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'news_writer does not own the schemas (the migrating role may not give them away); it has all privileges on them instead';
END $$;
