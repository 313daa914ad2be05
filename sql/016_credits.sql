-- 016_credits.sql — credits the article's own lines give, kept instead of dropped: the editor
-- (责任编辑：…), the title the story first ran under (原标题：…) and the outlet it is credited to
-- (来源：新华社). When the credited outlet is not the article's source (a platform that republished
-- the outlet's story), the outlet is a source of its own, referenced by outlet_source_id; the loader
-- creates its news.sources row when no configured source names it.

ALTER TABLE news.articles
    ADD COLUMN editor text,
    ADD COLUMN original_title text,
    ADD COLUMN credited_outlet text,
    ADD COLUMN outlet_source_id integer REFERENCES news.sources (source_id);

COMMENT ON COLUMN news.articles.editor IS 'The editor the article credits (责任编辑：张三, 责编：张三), as printed; NULL when it names none. The line itself is removed from the body (defect boilerplate).';
COMMENT ON COLUMN news.articles.original_title IS 'The title the story first ran under, as printed in a 原标题：… line (removed from the body); NULL when none.';
COMMENT ON COLUMN news.articles.credited_outlet IS 'The outlet the article credits as its origin (来源：新华社, （来源：人民日报）), as printed (Simplified, half-width punctuation); NULL when none.';
COMMENT ON COLUMN news.articles.outlet_source_id IS 'The credited outlet as a source (news.sources) when it is not source_id: the platform (source_id) only republished the outlet''s story. NULL when the article credits no outlet or credits its own source. coalesce(outlet_source_id, source_id) is where the story came from.';

CREATE INDEX articles_outlet_source_idx ON news.articles (outlet_source_id) WHERE outlet_source_id IS NOT NULL;
COMMENT ON INDEX news.articles_outlet_source_idx IS 'Articles by credited outlet (the stories a source wrote that other platforms republished).';

COMMENT ON COLUMN news.sources.code IS 'Stable lowercase code, e.g. netease-hao. Sources named in config/sources.json have their code there; an outlet credited by articles (news.articles.outlet_source_id) and named by no configured source gets one made from its name: its words in lower case joined by - for a name in ASCII (Associated Press → associated-press), else outlet- and the first 12 hex digits of the SHA-256 of its UTF-8 name (新华社客户端 → outlet-…).';
