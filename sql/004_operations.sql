-- 004_operations.sql — what operations need: shards in the run ledger, interrupted runs, and the
-- transform version each file was last processed with (for backfill --reprocess).

ALTER TABLE etl.runs ADD COLUMN shard text CHECK (shard ~ '^[0-9]+/[0-9]+$');
COMMENT ON COLUMN etl.runs.shard IS 'K/N when the run took only shard K of N of the input (--shard); NULL for the whole input.';

ALTER TABLE etl.runs ADD COLUMN dry_run boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN etl.runs.dry_run IS 'Always false in the table: a dry run (backfill --dry-run) rolls its run row back with everything else.';

COMMENT ON COLUMN etl.runs.status IS 'running; ok (everything loaded); partial (some input rejected, see etl.rejects); failed (an error stopped the run; committed batches stay; safe to rerun); interrupted (SIGINT or SIGTERM: the current batch was finished or rolled back, no new files taken); abandoned (the process died without finishing; found and marked by a later run).';
COMMENT ON COLUMN etl.runs.kind IS 'nightly (article-etl run), backfill (article-etl backfill) or manual (article-etl load).';

ALTER TABLE etl.files ADD COLUMN transform_version integer;
COMMENT ON COLUMN etl.files.transform_version IS 'Version of the transform rules that last turned this file into articles (backfill --reprocess outdated re-reads files below the current version). NULL for files never transformed (rejected by extract).';
CREATE INDEX files_transform_version_idx ON etl.files (transform_version);

CREATE INDEX runs_status_idx ON etl.runs (status) WHERE status = 'running';
