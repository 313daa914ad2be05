-- 010_duplicates.sql — duplicates an analyst can trust (issue 27).
--
-- A copy is an article that matches another: the same body (exact; a body shorter than 300 bytes
-- only under the same title, so different stories whose extracted body is one junk line are not
-- copies), or fingerprints at most 7 bits apart with bodies of comparable length (near; the
-- fingerprint is a MinHash of word shingles for Latin text and character shingles for Han text,
-- which replaces the SimHash of character 3-grams that converged on long Latin text; a short or
-- repetitive body has none). Copies form clusters: the connected components of the
-- "matches" relation. Every member of a cluster but one points at the cluster's root, the first
-- by (published_at, then observed_at, NULLs last, then article_key in byte order); never at another
-- copy. So the
-- answer depends only on the articles stored, not on the order, the batch size, the workers or
-- the shards they were loaded with; an earlier original that arrives later takes over its cluster.
--
-- news.earliest_copy (005) looked at the 32 lowest article_ids of each band and answered by load
-- order; it is replaced by news.copies_of, which finds every match.

DROP FUNCTION news.earliest_copy(text, bigint, bigint, integer, integer);

-- The fingerprints of before are SimHashes, which the new ones (MinHash) cannot be compared with:
-- the bands are emptied, and refilled as articles are loaded or reprocessed (found in review: old
-- SimHashes left in the bands rebuilt the false clusters of long Latin pages).
TRUNCATE news.fingerprints;

-- The body's length beside each fingerprint, so that the band probes compare lengths without
-- reading bodies; and which row heads its group (the lowest article_id of the articles with that
-- fingerprint and length, which all match each other): only heads are banded, so a story saved
-- thousands of times costs a probe one row, not thousands.
ALTER TABLE news.fingerprints ADD COLUMN body_bytes integer NOT NULL,
                              ADD COLUMN head boolean NOT NULL DEFAULT false;
CREATE INDEX fingerprints_group_idx ON news.fingerprints (fingerprint, body_bytes, article_id);

-- Eight bands of 8 bits instead of seven of 9 or 10: two fingerprints at most 7 bits apart agree on
-- one band at least (the new threshold; see Fingerprint.nearDistance). The old bands go with their
-- indexes.
ALTER TABLE news.fingerprints DROP COLUMN band1, DROP COLUMN band2, DROP COLUMN band3, DROP COLUMN band4,
    DROP COLUMN band5, DROP COLUMN band6, DROP COLUMN band7;
ALTER TABLE news.fingerprints
    ADD COLUMN band1 integer GENERATED ALWAYS AS ((fingerprint >> 56) & 255) STORED,
    ADD COLUMN band2 integer GENERATED ALWAYS AS ((fingerprint >> 48) & 255) STORED,
    ADD COLUMN band3 integer GENERATED ALWAYS AS ((fingerprint >> 40) & 255) STORED,
    ADD COLUMN band4 integer GENERATED ALWAYS AS ((fingerprint >> 32) & 255) STORED,
    ADD COLUMN band5 integer GENERATED ALWAYS AS ((fingerprint >> 24) & 255) STORED,
    ADD COLUMN band6 integer GENERATED ALWAYS AS ((fingerprint >> 16) & 255) STORED,
    ADD COLUMN band7 integer GENERATED ALWAYS AS ((fingerprint >> 8) & 255) STORED,
    ADD COLUMN band8 integer GENERATED ALWAYS AS ((fingerprint >> 0) & 255) STORED;
CREATE INDEX fingerprints_band1_idx ON news.fingerprints (band1) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band2_idx ON news.fingerprints (band2) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band3_idx ON news.fingerprints (band3) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band4_idx ON news.fingerprints (band4) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band5_idx ON news.fingerprints (band5) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band6_idx ON news.fingerprints (band6) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band7_idx ON news.fingerprints (band7) INCLUDE (fingerprint, body_bytes) WHERE head;
CREATE INDEX fingerprints_band8_idx ON news.fingerprints (band8) INCLUDE (fingerprint, body_bytes) WHERE head;
COMMENT ON COLUMN news.fingerprints.band1 IS 'Bits 56-63 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band2 IS 'Bits 48-55 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band3 IS 'Bits 40-47 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band4 IS 'Bits 32-39 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band5 IS 'Bits 24-31 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band6 IS 'Bits 16-23 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band7 IS 'Bits 8-15 of the fingerprint.';
COMMENT ON COLUMN news.fingerprints.band8 IS 'Bits 0-7 of the fingerprint.';

COMMENT ON TABLE news.fingerprints IS 'The fingerprint of each article that has one (news.articles.fingerprint not NULL), with its body length, cut into eight bands, indexed for the head of each group of equal fingerprints and lengths: two fingerprints at most 7 bits apart agree on one band at least, so news.copies_of finds every near copy without a scan. Rewritten when the article changes.';
COMMENT ON COLUMN news.fingerprints.head IS 'True for the lowest article_id among the articles with this fingerprint and body_bytes (they all match each other, so one stands for all): only heads are banded (the band indexes are partial).';
COMMENT ON COLUMN news.fingerprints.body_bytes IS 'octet_length(news.articles.body): near copies have bodies of comparable length (the shorter at least 0.6 of the longer).';
COMMENT ON COLUMN news.articles.fingerprint IS '64-bit one-permutation MinHash (one bit per bin) of the shingles of the normalized Simplified body: a shingle is three consecutive tokens, a token a Han character or a word of any other script (three characters of Chinese, three words of English); repeated shingles count once. Two bodies sharing a fraction J of their shingles differ in about 32*(1-J) bits. NULL for a body whose shingles fill fewer than 24 of the 64 bins (about 30 distinct shingles: short or repetitive, never a near duplicate). Near copies differ in at most 7 bits; banded in news.fingerprints.';
COMMENT ON COLUMN news.articles.duplicate_of IS 'article_id of the root of this article''s cluster of copies; NULL for a root and for an article that is no copy. Two articles match when they have the same body (content_sha256; a body under 300 bytes only under the same title) or fingerprints at most 7 bits apart and bodies of comparable length (a body under 300 bytes: not its own fingerprint and length under another title); a cluster is a connected set of matches, and its root is its first article by published_at, then observed_at (the first seen: the scraper''s time, else the file''s mtime; NULLs last), then article_key (byte order): not the first loaded. Every copy points at the root, never at another copy; recomputed when an article of the cluster is loaded or changed, so the same articles give the same value whatever the order, batch size, workers or shards of the load. Defect exact_duplicate when the body equals the root''s, else near_duplicate.';

-- The duplicate_of of before (the lowest article_id, chains of copies, long Latin pages taken for
-- copies of each other) is not kept: every article starts alone, and the loader settles clusters
-- again as articles are loaded or reprocessed (`backfill --reprocess` after the transform version
-- that brings the new fingerprint).
UPDATE news.articles SET duplicate_of = NULL, defects = etl.without_duplicate_flags(defects)
WHERE duplicate_of IS NOT NULL OR defects && '{exact_duplicate,near_duplicate}'::text[];

-- Every article that matches the given body: the same body (content_sha256; when the body is under
-- 300 bytes, only under the same title), or a fingerprint at most max_distance bits from print with
-- a body length at least min_length_ratio of the longer (for a body under 300 bytes, not the same
-- fingerprint and length, which stand for the same body). Each band is read whole (no cap): the answer
-- must not depend on which articles were stored first.
CREATE FUNCTION news.copies_of(sha text, heading text, bytes integer, print bigint,
                               max_distance integer, min_length_ratio double precision)
RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    -- Every article with the same body (under 300 bytes: and title) matches every other: the
    -- lowest id stands for all.
    SELECT min(o.article_id) FROM news.articles o
    WHERE o.content_sha256 = sha AND (bytes >= 300 OR o.title = heading)
    HAVING min(o.article_id) IS NOT NULL
    UNION
    -- Articles with the same fingerprint and length match each other (0 bits, ratio 1), so they are
    -- in one cluster: one of them (the lowest id, the group's head) stands for all, which keeps the
    -- probe small when thousands of copies of one story share the bands.
    SELECT min(f.article_id)
    FROM (
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band1 = ((print >> 56) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band2 = ((print >> 48) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band3 = ((print >> 40) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band4 = ((print >> 32) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band5 = ((print >> 24) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band6 = ((print >> 16) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band7 = ((print >> 8) & 255)::integer AND head
          UNION ALL
          SELECT article_id, fingerprint, body_bytes FROM news.fingerprints WHERE band8 = ((print >> 0) & 255)::integer AND head) f
    WHERE bit_count((f.fingerprint # print)::bit(64)) <= max_distance
      AND least(f.body_bytes, bytes) >= min_length_ratio * greatest(f.body_bytes, bytes)
      -- The same short body (under 300 bytes: the same fingerprint and length) is a copy only under
      -- the same title (above): different stories whose extracted body is one junk line are not.
      AND (bytes >= 300 OR f.fingerprint <> print OR f.body_bytes <> bytes)
    GROUP BY f.fingerprint, f.body_bytes
$$;
COMMENT ON FUNCTION news.copies_of(text, text, integer, bigint, integer, double precision) IS
    'The articles that match a body given by its SHA-256, title, length in bytes and fingerprint: of the articles with the same body (a body under 300 bytes only under the same title: exact copies, which all match each other), the lowest article_id; and of the articles whose fingerprint is at most max_distance bits away (for a body under 300 bytes, not the same fingerprint and length) with a body length at least min_length_ratio of the longer (near copy), one (the lowest article_id) per fingerprint and length, as those match each other and are in one cluster. The loader calls it with 7 and 0.6. Reads every article of the fingerprint''s bands (no cap), so the answer does not depend on load order.';

CREATE FUNCTION news.copies_of(article bigint, max_distance integer DEFAULT 7,
                               min_length_ratio double precision DEFAULT 0.6)
RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT m.id
    FROM news.articles a
    CROSS JOIN LATERAL news.copies_of(a.content_sha256, a.title, octet_length(a.body), a.fingerprint,
                                      max_distance, min_length_ratio) AS m(id)
    WHERE a.article_id = article AND m.id <> a.article_id
$$;
COMMENT ON FUNCTION news.copies_of(bigint, integer, double precision) IS
    'The articles that match article `article` directly, itself left out (one per fingerprint and length for near copies: see the other news.copies_of). Its cluster (what duplicate_of records) is the connected set of such matches.';
