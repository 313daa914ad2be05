-- 011_search.sql — search in either script, and fast (issue 27).
--
-- A query now goes through the conversion the index went through: OpenCC's Traditional→Simplified
-- entries (phrases and characters, of t2s and of the variant steps of tw2s and hk2s, each with what
-- OpenCC itself writes for it) are kept in news.search_forms, filled by the loader (`article-etl
-- migrate` and `run`) from the installed OpenCC's own dictionaries, and refilled when they change.
-- The query is converted by longest match over them, then NFKC and lower case, as the index is.
-- Taiwan's words (人工智慧, 软体) stay in the index as the article writes them (tw2s converts
-- characters, not words); a query looks for both regions' word (news.search_variants).
-- Quoted text is a phrase; a dotted abbreviation (U.S., e.g.) is one word, as the transform indexes
-- it. Ranks are normalised by length (a long page no longer wins by repeating a word) and the
-- transform writes the title's lexemes with weight A. news.search is a plain SQL function the
-- planner inlines into the caller's query, so a LIMIT sorts only the top rows, and the query's
-- tsquery is computed once.

CREATE TABLE news.search_forms (
    source  text PRIMARY KEY,
    target  text NOT NULL
);
COMMENT ON TABLE news.search_forms IS 'Traditional Chinese → Simplified, as the search index converts text (OpenCC''s t2s phrases and characters, and the Taiwan and Hong Kong variant characters and phrases of tw2s and hk2s): news.search_form converts a query by longest match over these entries. Filled by article-etl (migrate, run) from the installed OpenCC''s dictionaries; see news.search_forms_version.';
COMMENT ON COLUMN news.search_forms.source IS 'A Traditional character or phrase (an OpenCC dictionary key).';
COMMENT ON COLUMN news.search_forms.target IS 'What OpenCC writes for it in Simplified (the configuration the key belongs to, converting the key alone).';

CREATE TABLE news.search_variants (
    form     text PRIMARY KEY,
    variant  text NOT NULL
);
COMMENT ON TABLE news.search_variants IS 'Words Taiwan writes otherwise than the mainland, both in Simplified search form and both ways (人工智能 ↔ 人工智慧, 软件 ↔ 软体, 出租车 ↔ 计程车): OpenCC''s TWPhrases (the phrase step of s2twp). The index keeps each article''s own word (tw2s converts characters, not words); news.search_query looks for a Chinese run and its variant. Filled with news.search_forms.';
COMMENT ON COLUMN news.search_variants.form IS 'A word in search form (Simplified).';
COMMENT ON COLUMN news.search_variants.variant IS 'The other region''s word for it, in search form.';

CREATE TABLE news.search_forms_version (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version     text NOT NULL,
    entries     integer NOT NULL,
    longest     integer NOT NULL,
    variants    integer NOT NULL,
    longest_variant integer NOT NULL,
    stamp       text,
    filled_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE news.search_forms_version IS 'Which OpenCC dictionaries news.search_forms holds (one row; none before article-etl first fills it, when queries are not converted). article-etl refills the table when the installed dictionaries differ.';
COMMENT ON COLUMN news.search_forms_version.only_row IS 'Always true: the table has one row.';
COMMENT ON COLUMN news.search_forms_version.version IS 'OpenCC''s configurations used and the SHA-256 of their entries as stored.';
COMMENT ON COLUMN news.search_forms_version.entries IS 'Rows in news.search_forms.';
COMMENT ON COLUMN news.search_forms_version.longest IS 'The longest source, in characters (how far news.search_form looks ahead).';
COMMENT ON COLUMN news.search_forms_version.variants IS 'Rows in news.search_variants.';
COMMENT ON COLUMN news.search_forms_version.longest_variant IS 'The longest form in news.search_variants, in characters.';
COMMENT ON COLUMN news.search_forms_version.stamp IS 'The names, sizes and times of the OpenCC data files the entries were read from: while they are the same, article-etl does not read the dictionaries again.';
COMMENT ON COLUMN news.search_forms_version.filled_at IS 'When the table was last filled.';

-- Longest match: each place of `query` takes the value of the longest key of `pairs` found there
-- (a key of at most `longest` characters), or keeps its character.
CREATE FUNCTION news.search_longest_match(query text, pairs jsonb, longest integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    n integer := char_length(query);
    i integer := 1;
    k integer;
    piece text;
    result text := '';
BEGIN
    WHILE i <= n LOOP
        k := least(longest, n - i + 1);
        piece := NULL;
        WHILE k >= 1 LOOP
            piece := pairs ->> substr(query, i, k);
            EXIT WHEN piece IS NOT NULL;
            k := k - 1;
        END LOOP;
        IF piece IS NULL THEN
            result := result || substr(query, i, 1);
            i := i + 1;
        ELSE
            result := result || piece;
            i := i + k;
        END IF;
    END LOOP;
    RETURN result;
END $$;
COMMENT ON FUNCTION news.search_longest_match(text, jsonb, integer) IS 'query with, at each place, the value in pairs (a JSON object) of the longest key found there (keys of at most longest characters), else the character itself: OpenCC''s way of applying a dictionary. Used by news.search_form and news.search_variant.';

-- The substrings of `query` of at most `longest` characters (the keys it could hold).
CREATE FUNCTION news.search_substrings(query text, longest integer) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT substr(query, s, l)
                 FROM generate_series(1, char_length(query)) s, generate_series(1, least(longest, char_length(query))) l
                 WHERE s + l - 1 <= char_length(query))
$$;
COMMENT ON FUNCTION news.search_substrings(text, integer) IS 'Every substring of query of 1 to longest characters: the keys news.search_form and news.search_variant look up, in one index probe each.';

-- A query in the index's search form: Simplified by longest match, then NFKC, then lower case
-- (the transform's SearchText.form does the same, in the same order).
CREATE FUNCTION news.search_form(query text) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    longest integer;
    pairs jsonb;
BEGIN
    SELECT v.longest INTO longest FROM news.search_forms_version v;
    IF longest IS NOT NULL AND query ~ '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]' THEN
        SELECT jsonb_object_agg(f.source, f.target) INTO pairs
        FROM news.search_forms f WHERE f.source = ANY (news.search_substrings(query, longest));
    END IF;
    IF pairs IS NOT NULL THEN
        query := news.search_longest_match(query, pairs, longest);
    END IF;
    RETURN lower(normalize(query, NFKC));
END $$;
COMMENT ON FUNCTION news.search_form(text) IS 'A text in the form the search index holds: Traditional Chinese converted to Simplified by longest match over news.search_forms (OpenCC''s phrases before its characters: 頭髮 → 头发, 乾隆 stays), then NFKC (full-width letters and digits become ASCII) and lower case. Example: SELECT news.search_form(''工程師 ＵＳ'') gives ''工程师 us''.';

-- A Chinese run (in search form) with Taiwan's words for the mainland's and the mainland's for
-- Taiwan's; NULL when it holds none.
CREATE FUNCTION news.search_variant(run text) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    longest integer;
    pairs jsonb;
    result text;
BEGIN
    SELECT v.longest_variant INTO longest FROM news.search_forms_version v;
    IF longest IS NULL OR longest = 0 THEN
        RETURN NULL;
    END IF;
    SELECT jsonb_object_agg(f.form, f.variant) INTO pairs
    FROM news.search_variants f WHERE f.form = ANY (news.search_substrings(run, longest));
    IF pairs IS NULL THEN
        RETURN NULL;
    END IF;
    result := news.search_longest_match(run, pairs, longest);
    RETURN nullif(result, run);
END $$;
COMMENT ON FUNCTION news.search_variant(text) IS 'A Chinese run in search form with each regional word replaced by the other region''s (news.search_variants, longest match: 人工智慧 → 人工智能, 人工智能 → 人工智慧); NULL when none is there. news.search_query looks for the run or its variant.';

-- One token of a query (in search form) as a tsquery: a Chinese run as a phrase of bigrams (or
-- the phrase of its regional variant), one
-- character as a bigram prefix or itself, a dotted abbreviation as one lexeme, a word as the
-- server's parser reads it (3e8f2a is 3e8 <-> f2a, as the transform indexes it).
CREATE FUNCTION news.search_term(token text) RETURNS tsquery
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    han text[];
    spelling text;
    result tsquery;
    i integer;
BEGIN
    IF token ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+$' THEN
        IF char_length(token) = 1 THEN
            RETURN to_tsquery('simple', format('%s:* | %s', quote_literal(token), quote_literal(token)));
        END IF;
        -- The run, or the run with the other region's words.
        FOREACH spelling IN ARRAY array_remove(ARRAY[token, news.search_variant(token)], NULL) LOOP
            han := '{}';
            FOR i IN 1 .. char_length(spelling) - 1 LOOP
                han := han || quote_literal(substr(spelling, i, 2));
            END LOOP;
            result := CASE WHEN result IS NULL THEN to_tsquery('simple', array_to_string(han, ' <-> '))
                           ELSE result || to_tsquery('simple', array_to_string(han, ' <-> ')) END;
        END LOOP;
        RETURN result;
    ELSIF token ~ '^[a-z](\.[a-z])+$' THEN
        RETURN quote_literal(token)::tsquery;
    END IF;
    RETURN to_tsquery('simple', quote_literal(token));
END $$;
COMMENT ON FUNCTION news.search_term(text) IS 'One token of a search query (already in news.search_form) as a tsquery: Chinese 工程师 → 工程 <-> 程师 (the index holds character bigrams), or its regional variant too (人工智慧 → 人工 <-> 工智 <-> 智慧 | 人工 <-> 工智 <-> 智能, news.search_variant), one character 中 → 中:* | 中, an abbreviation u.s → ''u.s'', a word as itself.';

-- The tokens: quoted phrases ("…" or “…”), dotted abbreviations (letters each followed by a dot:
-- u.s., e.g., a.m.; the last dot optional, not followed by a letter or digit), Chinese runs and
-- words. Chinese runs are set apart by spaces first, so a word never runs into one.
CREATE OR REPLACE FUNCTION news.search_query(query text) RETURNS tsquery
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tokens CONSTANT text := '[a-z](?:\.[a-z])+(?![[:alnum:]])|[[:alnum:]]+';
    spaced text;
    outer_token text;
    inner_token text;
    part tsquery;
    term tsquery;
    result tsquery;
BEGIN
    spaced := regexp_replace(news.search_form(query),
                             '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+)', ' \1 ', 'g');
    FOR outer_token IN SELECT m[1] FROM regexp_matches(spaced, '("[^"]*"|“[^”]*”|' || tokens || ')', 'g') AS m LOOP
        IF left(outer_token, 1) IN ('"', '“') THEN
            part := NULL;
            FOR inner_token IN SELECT m[1] FROM regexp_matches(substr(outer_token, 2, char_length(outer_token) - 2), '(' || tokens || ')', 'g') AS m LOOP
                term := news.search_term(inner_token);
                CONTINUE WHEN numnode(term) = 0;
                part := CASE WHEN part IS NULL THEN term ELSE part <-> term END;
            END LOOP;
        ELSE
            part := news.search_term(outer_token);
        END IF;
        CONTINUE WHEN part IS NULL OR numnode(part) = 0;
        result := CASE WHEN result IS NULL THEN part ELSE result && part END;
    END LOOP;
    RETURN result;
END $$;
COMMENT ON FUNCTION news.search_query(text) IS 'The tsquery news.search uses for a query: the query in the index''s form (news.search_form: Simplified, NFKC, lower case), then every word ANDed — Chinese runs as phrases of character bigrams (工程師 → 工程 <-> 程师), or of their regional variant (人工智慧 or 人工智能: news.search_variants), dotted abbreviations as one word (U.S. → ''u.s''), "quoted text" as a phrase (artificial <-> intelligence), other words as themselves. NULL when the query has no word. Example: SELECT news.search_query(''"Artificial Intelligence" 中國'').';

CREATE OR REPLACE FUNCTION news.search(query text)
RETURNS TABLE (article_id bigint, rank real)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT a.article_id, ts_rank_cd(a.search_vector, q.q, 2) AS rank
    FROM news.search_query(query) AS q (q), news.articles a
    WHERE a.search_vector @@ q.q
    ORDER BY rank DESC, a.article_id
$$;
COMMENT ON FUNCTION news.search(text) IS 'Full-text search: articles whose title or body contains every word of the query, in either script (the query is converted to Simplified as the index is: 中國 finds what 中国 finds), with "quoted words" as a phrase and U.S. as one word; ranked by ts_rank_cd with title words weighing 10 times body words (weight A), divided by the article''s length in words, best first. A plain SQL function the planner inlines: a LIMIT in the calling query ranks only what it needs to sort. Example: SELECT a.title, s.rank FROM news.search(''人工智能'') s JOIN news.articles a USING (article_id) ORDER BY s.rank DESC LIMIT 10.';
