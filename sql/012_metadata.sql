-- Publication dates as the source gave them, sources made from URLs, language from CLD2, bylines
-- checked (issue 27).

ALTER TABLE news.articles
    ADD COLUMN published_date      date,
    ADD COLUMN published_precision text CHECK (published_precision IN ('year', 'month', 'day', 'hour', 'minute', 'second')),
    ADD COLUMN published_offset    interval CHECK (published_offset BETWEEN interval '-16 hours' AND interval '16 hours');

COMMENT ON COLUMN news.articles.published_at IS 'Publication time as an instant. A time the source wrote with an offset (+08:00, Z, GMT) is that instant; one written without a zone is read in the zone of the site: the timeZone of its source in config/sources.json, else the zone its country-code domain suggests (.cn Asia/Shanghai, .tw Asia/Taipei, .hk Asia/Hong_Kong, .jp Asia/Tokyo, .uk Europe/London, …), else its language''s (zh-Hans Asia/Shanghai, zh-Hant Asia/Taipei, ja Asia/Tokyo, ko Asia/Seoul, …), else UTC (a .com site in English, say: published_offset NULL tells that no zone was stated). A value without a time of day is the start of its day (month, year) in that zone: see published_precision, and group by published_date, not by this column''s date. NULL when the source does not say.';
COMMENT ON COLUMN news.articles.published_date IS 'The publication day the site printed: for a time with an offset, the day at that offset; for a time or day without a zone, the day as written (never shifted by a zone). For precision month or year, the first day of it. Group by this column to count articles per publication day. NULL when published_at is NULL (and for rows transformed before this column existed, until backfill --reprocess).';
COMMENT ON COLUMN news.articles.published_precision IS 'How much of the time the source gave: year, month, day (a date alone: published_at is then midnight in the site''s zone, not a real time), hour, minute or second. NULL when published_at is NULL.';
COMMENT ON COLUMN news.articles.published_offset IS 'The offset from UTC the source stated with the time (+08:00 is 08:00:00, Z or GMT is 00:00:00). NULL when it stated none: the time was read in the site''s zone (see published_at), or given as epoch seconds.';
COMMENT ON COLUMN news.articles.lang IS 'Language (BCP 47 primary subtag: zh, en, id, tr, ru, ar, ...). Chinese, Japanese and Korean from the script of the body (zh with script Hans or Hant); every other language from Compact Language Detector 2 (libcld2) on the first 4 KB of the body, kept only when CLD2 judges it reliable. und when unknown, unreliable, or too short to tell.';
COMMENT ON COLUMN news.articles.source_id IS 'The platform or site (news.sources): the platform its text proves, else the configured source (config/sources.json) its URL''s host or site name matches, else a source made from its URL''s host (code the host without www.). NULL only without a URL (or with one whose host cannot be a code) and no known site name.';
COMMENT ON COLUMN news.articles.author IS 'Author or byline, when known. Form labels and interface strings (View Profile, Name *, Name (required), Leave a Reply, Login), e-mail addresses or @handles alone, text with a date or number in it (four digits or more) or without letters, text longer than a byline (80 characters, 12 words), and the site''s own name, host or configured source name are not bylines: NULL then. Separators around a name (| Jane Doe,) and e-mail addresses or @handles beside it are dropped.';

COMMENT ON TABLE news.sources IS 'Publishing platforms and sites articles come from: those of config/sources.json (kept in step with it at every run), and one per other site an article came from, made from its URL''s host when it is first loaded (never rewritten after).';
COMMENT ON COLUMN news.sources.code IS 'Stable lowercase code: a configured one (netease-hao), or the host of the site''s URLs in lower case without www. (nfl.si.com).';
COMMENT ON COLUMN news.sources.name IS 'Display name: the configured one (网易号), or the name the site gives itself (og:site_name, application-name, JSON-LD publisher, a scraper''s site field), else its host.';
COMMENT ON COLUMN news.sources.homepage IS 'Home page URL: the configured one, or for a source made from a host, its URLs'' scheme and host (https://nfl.si.com/).';

CREATE INDEX articles_published_date_idx ON news.articles (published_date);
