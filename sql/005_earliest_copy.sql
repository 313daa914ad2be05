-- 005_earliest_copy.sql — what the loader needs to write each article once: the duplicate probe as
-- one function, so the loader can ask it before it writes an article (and write the row with its
-- duplicate_of) as well as after; the duplicate codes of defects set in one place; the search
-- index's pending list sized by the loader's session; and search queries split as the index is.
--
-- Each band probe walks news.fingerprints_bandN_idx in article_id order and stops after per_band
-- rows. Bitmap scans are turned off for the function: with statistics from a smaller table the
-- planner would otherwise fetch and sort every row of the band, and a band shared by thousands of
-- copies of one story made each probe cost thousands of rows.

CREATE FUNCTION news.earliest_copy(body_sha256 text, print bigint, below bigint,
                                   max_distance integer, per_band integer)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_bitmapscan = off
AS $$
    SELECT least(
        (SELECT o.article_id FROM news.articles o
         WHERE o.content_sha256 = body_sha256 AND o.article_id < below
         ORDER BY o.article_id LIMIT 1),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band1 = ((print >> 55) & 511)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band2 = ((print >> 46) & 511)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band3 = ((print >> 37) & 511)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band4 = ((print >> 28) & 511)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band5 = ((print >> 19) & 511)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band6 = ((print >> 10) & 511)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance),
        (SELECT min(f.article_id) FROM (SELECT article_id, fingerprint FROM news.fingerprints
                                        WHERE band7 = (print & 1023)::integer AND article_id < below
                                        ORDER BY article_id LIMIT per_band) f
         WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance))
$$;
COMMENT ON FUNCTION news.earliest_copy(text, bigint, bigint, integer, integer) IS
    'The earliest article (lowest article_id below `below`) whose body has SHA-256 `body_sha256` (exact copy) or whose fingerprint is at most `max_distance` bits from `print` (near copy), looking at the first `per_band` articles of each fingerprint band; NULL when none. What the loader stores in news.articles.duplicate_of.';

-- The loader's session sets gin_pending_list_limit (and work_mem) high, so new index entries are
-- merged into the GIN tree in large sorted runs instead of one article at a time, and merges what
-- is left at the end of each run (gin_clean_pending_list). A limit on the index itself would
-- override the session's, so the one 003 set is removed; other writers get the server's default.
ALTER INDEX news.articles_search_vector_idx RESET (gin_pending_list_limit);

-- The duplicate codes in news.articles.defects, set and cleared in one place.
CREATE FUNCTION etl.without_duplicate_flags(defects text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT array_remove(array_remove(defects, 'exact_duplicate'), 'near_duplicate') $$;
COMMENT ON FUNCTION etl.without_duplicate_flags(text[]) IS
    'defects without exact_duplicate and near_duplicate: what the loader compares to tell whether an article changed.';

CREATE FUNCTION etl.with_duplicate_flag(defects text[], original bigint, exact boolean) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT etl.without_duplicate_flags(defects)
           || CASE WHEN original IS NULL THEN '{}'::text[]
                   WHEN exact THEN '{exact_duplicate}'::text[] ELSE '{near_duplicate}'::text[] END
$$;
COMMENT ON FUNCTION etl.with_duplicate_flag(text[], bigint, boolean) IS
    'defects with the one duplicate code that fits: none without an original, exact_duplicate when the original has the same body, else near_duplicate.';

-- news.search_query again, with the Han characters of the supplementary planes (Extensions B to F,
-- 20000–2EBEF: rare characters of names and Cantonese) in its Chinese runs, as the loader's search
-- lexemes (TextClass.isHan) have them: such a run was one word in the query but bigrams in the index.
CREATE OR REPLACE FUNCTION news.search_query(query text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    parts text[] := '{}';
    run text;
    han text[];
    i integer;
BEGIN
    FOR run IN SELECT m[1] FROM regexp_matches(lower(query), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+|[[:alnum:]]+)', 'g') AS m LOOP
        IF run ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+$' THEN
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
