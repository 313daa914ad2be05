-- 006_older_copies_count.sql — the run ledger counts the older copies a run recorded without
-- transforming them, so that a run's counters account for every record it read: inserted,
-- updated, unchanged, rejected or superseded.

ALTER TABLE etl.runs ADD COLUMN records_superseded integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN etl.runs.records_superseded IS 'Records that are older copies of an article stored with a later observed time (same URL or canonical link): recorded in etl.file_articles against that article without being transformed or rewriting it. Only article-etl run and backfill put copies off; a run of the load stage counts none (the transform stage run alone transforms every record).';
