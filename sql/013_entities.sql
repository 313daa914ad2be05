-- 013_entities.sql — entity names in English beside the Chinese canonical name, so that an analyst
-- can find an entity in either language (news.find_entities).

ALTER TABLE news.entities ADD COLUMN name_en text;
COMMENT ON COLUMN news.entities.name_en IS 'The entity''s name in English, from the "en" of config/entities.json (e.g. Apple for 苹果, Sam Altman for 奥尔特曼); NULL for person names found by pattern and entries without one. Written by the loader for every entity a batch names. Find an entity in either language with news.find_entities.';
COMMENT ON COLUMN news.entities.name IS 'Canonical name, as Chinese-language news most often writes it (aliases in the list map to it); the English name is name_en.';
COMMENT ON TABLE news.entities IS 'Organizations, people, places and products named in articles: the curated list in config/entities.json (name in Chinese, name_en in English), plus person names found by pattern. Example: SELECT * FROM news.find_entities(''apple'').';

CREATE INDEX entities_name_en_lower_idx ON news.entities (lower(name_en));

CREATE FUNCTION news.find_entities(query text)
RETURNS SETOF news.entities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT e.* FROM news.entities e
    WHERE e.name = query OR lower(e.name_en) = lower(query)
       OR strpos(lower(e.name), lower(query)) > 0 OR strpos(lower(e.name_en), lower(query)) > 0
    ORDER BY coalesce(e.name = query OR lower(e.name_en) = lower(query), false) DESC, e.kind, e.name
$$;
COMMENT ON FUNCTION news.find_entities(text) IS 'Entities whose Chinese name (name) or English name (name_en) is or contains the query, case-insensitively; exact names first. Example: SELECT m.article_id, m.count FROM news.find_entities(''Apple'') e JOIN news.mentions m USING (entity_id).';

COMMENT ON TABLE news.mentions IS 'How often each article names each entity. Replaced when the article''s content changes. Common-word aliases (Apple, Amazon, Claude, Musk) count only in proper case and where no neighbouring word makes them another name; nothing counts inside URLs or e-mail addresses; a surname alone does not count for a listed person when the article names another person of that surname (Jeffrey Altman) and not the listed one in full. The rules: config/README.md.';
COMMENT ON COLUMN news.mentions.count IS 'Occurrences in title and body (any alias, the English name included) that the matching rules count.';
