-- 008_streamed_files.sql — record files too large to read whole (JSON Lines, JSON arrays) are
-- read and loaded part by part, a transaction each. Until the last part is loaded the ledger marks
-- the file `loading`, so a run stopped in between reads it again, and an analyst sees which
-- feeds are half loaded.

ALTER TABLE etl.files DROP CONSTRAINT files_status_check,
    ADD CONSTRAINT files_status_check CHECK (status IN ('loaded', 'partial', 'rejected', 'loading'));
COMMENT ON COLUMN etl.files.status IS 'loaded (every record produced an article); partial (some records rejected); rejected (nothing loaded; see etl.rejects); loading (a record file read in parts, not all of them loaded yet: the run reading it is going on or was stopped; the next run reads the file again; size, mtime and sha256 are still those of the content read before, if any).';
COMMENT ON COLUMN etl.files.records IS 'Records that produced articles (for a file loading, in the parts loaded so far).';
