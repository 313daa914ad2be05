-- 017_analyst_layer.sql — views for BI tools and dbt, and an index for finding a file by its path.
--
-- news.articles carries what the loader needs (search_text, search_vector, fingerprint) beside
-- what analysts read, and its defects are an array, which query builders cannot filter. The views
-- give the common questions plain columns: one row per article without the search and
-- fingerprint columns, one row per defect, and the articles of each publication day.

CREATE VIEW news.article_overview AS
SELECT a.article_id,
       a.article_key,
       a.title,
       a.url,
       lower(substring(a.url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(?:[Ww][Ww][Ww]\.)?([^/?#:]+)')) AS host,
       a.source_id,
       s.code AS source_code,
       s.name AS source_name,
       a.credited_outlet,
       coalesce(a.outlet_source_id, a.source_id) AS origin_source_id,
       a.author,
       a.editor,
       a.published_at,
       a.published_date,
       a.published_precision,
       a.lang,
       a.script,
       octet_length(a.body) AS body_bytes,
       a.duplicate_of,
       a.duplicate_of IS NULL AS is_original,
       cardinality(a.defects) AS defect_count,
       a.first_run_id,
       a.last_changed_run_id,
       a.created_at,
       a.updated_at
FROM news.articles a
LEFT JOIN news.sources s ON s.source_id = a.source_id;
COMMENT ON VIEW news.article_overview IS 'One row per article (news.articles) without its body, search and fingerprint columns, with its source''s code and name, its URL''s host and its publication day: the table for BI tools. Join news.articles on article_id for the body.';
COMMENT ON COLUMN news.article_overview.article_id IS 'news.articles.article_id.';
COMMENT ON COLUMN news.article_overview.article_key IS 'news.articles.article_key: the stable identity.';
COMMENT ON COLUMN news.article_overview.title IS 'news.articles.title.';
COMMENT ON COLUMN news.article_overview.url IS 'news.articles.url: the address that names this article, when known.';
COMMENT ON COLUMN news.article_overview.host IS 'The host of url, in lower case, without www. (NULL without a url).';
COMMENT ON COLUMN news.article_overview.source_id IS 'news.articles.source_id: the platform or site.';
COMMENT ON COLUMN news.article_overview.source_code IS 'news.sources.code of source_id.';
COMMENT ON COLUMN news.article_overview.source_name IS 'news.sources.name of source_id.';
COMMENT ON COLUMN news.article_overview.credited_outlet IS 'news.articles.credited_outlet: the outlet the article credits (来源：新华社).';
COMMENT ON COLUMN news.article_overview.origin_source_id IS 'Where the story came from: the credited outlet''s source when a platform republished it (news.articles.outlet_source_id), else source_id.';
COMMENT ON COLUMN news.article_overview.author IS 'news.articles.author.';
COMMENT ON COLUMN news.article_overview.editor IS 'news.articles.editor.';
COMMENT ON COLUMN news.article_overview.published_at IS 'news.articles.published_at: the publication instant.';
COMMENT ON COLUMN news.article_overview.published_date IS 'news.articles.published_date: the publication day the site printed; group by this.';
COMMENT ON COLUMN news.article_overview.published_precision IS 'news.articles.published_precision: year, month, day, hour, minute or second.';
COMMENT ON COLUMN news.article_overview.lang IS 'news.articles.lang.';
COMMENT ON COLUMN news.article_overview.script IS 'news.articles.script.';
COMMENT ON COLUMN news.article_overview.body_bytes IS 'Length of the body in UTF-8 bytes (read without reading the body).';
COMMENT ON COLUMN news.article_overview.duplicate_of IS 'news.articles.duplicate_of: the root of the article''s cluster of copies, NULL for an original.';
COMMENT ON COLUMN news.article_overview.is_original IS 'True when the article is no copy of another (duplicate_of IS NULL).';
COMMENT ON COLUMN news.article_overview.defect_count IS 'How many defect codes the article has (news.article_defects lists them).';
COMMENT ON COLUMN news.article_overview.first_run_id IS 'news.articles.first_run_id.';
COMMENT ON COLUMN news.article_overview.last_changed_run_id IS 'news.articles.last_changed_run_id.';
COMMENT ON COLUMN news.article_overview.created_at IS 'news.articles.created_at.';
COMMENT ON COLUMN news.article_overview.updated_at IS 'news.articles.updated_at.';

CREATE VIEW news.article_defects AS
SELECT a.article_id, d.defect
FROM news.articles a
CROSS JOIN LATERAL unnest(a.defects) AS d(defect);
COMMENT ON VIEW news.article_defects IS 'One row per defect code of each article (news.articles.defects unnested), for tools that cannot filter an array. The codes are listed in the COMMENT of news.articles.defects.';
COMMENT ON COLUMN news.article_defects.article_id IS 'The article (news.articles).';
COMMENT ON COLUMN news.article_defects.defect IS 'One defect code, e.g. mojibake_repaired, boilerplate, near_duplicate.';

CREATE VIEW news.daily_articles AS
SELECT a.published_date,
       a.source_id,
       a.lang,
       count(*) AS articles,
       count(*) FILTER (WHERE a.duplicate_of IS NULL) AS originals
FROM news.articles a
WHERE a.published_date IS NOT NULL
GROUP BY a.published_date, a.source_id, a.lang;
COMMENT ON VIEW news.daily_articles IS 'Articles per publication day (as the site printed it), source and language.';
COMMENT ON COLUMN news.daily_articles.published_date IS 'news.articles.published_date.';
COMMENT ON COLUMN news.daily_articles.source_id IS 'news.articles.source_id (news.sources).';
COMMENT ON COLUMN news.daily_articles.lang IS 'news.articles.lang.';
COMMENT ON COLUMN news.daily_articles.articles IS 'Articles published that day.';
COMMENT ON COLUMN news.daily_articles.originals IS 'Of them, those that are no copy of another (duplicate_of IS NULL).';

GRANT SELECT ON news.article_overview, news.article_defects, news.daily_articles TO news_reader;

-- Finding a file by its path: the ledger's unique index starts with root.
CREATE INDEX files_path_idx ON etl.files (path);
COMMENT ON INDEX etl.files_path_idx IS 'Finds a file by its path (relative to its input root) whatever the root.';
