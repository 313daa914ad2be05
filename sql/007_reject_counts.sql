-- 007_reject_counts.sql — what the run ledger's reject counters mean, now that every reject is
-- counted, once, whatever the stage or the code: a file nothing was loaded from counts in
-- files_rejected, a record rejected in a file that loaded others in records_rejected.

COMMENT ON COLUMN etl.runs.files_rejected IS 'Files this run rejected whole, at any stage and for any reason (too large, unreadable, invalid name, undecodable, empty, no title, not an article, ...), and folders it could not list: nothing was loaded from them. Each has its rows in etl.rejects. A file rejected before, unchanged since, is not counted again.';
COMMENT ON COLUMN etl.runs.records_rejected IS 'Records this run rejected in files that loaded other records (etl.files.status = partial), one per row in etl.rejects. A run with files_rejected + records_rejected > 0 ends partial (exit code 2).';
