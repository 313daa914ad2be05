import Logging
import Postgres
import Records

/// Loads batches into the warehouse. Per batch, in one transaction: two stories under one key
/// kept apart (`KeyConflicts`); COPY into session staging tables (`BatchStaging`: one article per
/// key, the `InBatchWinner`); one `INSERT … ON CONFLICT …
/// DO UPDATE … WHERE (…) IS DISTINCT FROM (…)` that rewrites only rows whose content changed and
/// never lets an older copy overwrite a newer one; duplicates; paragraphs, mentions and figures
/// replaced only for articles that changed; then the file ledger, lineage, rejects and run
/// counters. The statements are in `ArticleStatements` and `LedgerStatements`.
/// Beside the batches, a second session merges the search index's pending list
/// (`BatchLoader+SearchIndex`, `PendingListMerger`).
public final class BatchLoader {
    let connection: Connection
    let logger: Logger
    /// Fingerprints at most this many bits apart mark near duplicates.
    let nearDistance: Int
    var stagingReady = false
    /// Merges the search index's pending list beside the load once the batches have added about
    /// this many bytes to it (nil: never; the load's own inserts merge it at `sessionMemory`).
    let mergeThreshold: Int?
    /// The merging session: started with the staging tables (not in a dry run, and only for the
    /// index's owner), stopped by `finish`.
    var merger: PendingListMerger?
    /// Merges the merging session made, counted when `finish` stops it.
    public internal(set) var backgroundMerges = 0
    /// Merges the merging session has made so far.
    var mergesSoFar: Int { merger?.merges ?? backgroundMerges }

    /// The transform version recorded in the ledger for the files this loader's batches transformed.
    let transformVersion: Int

    public init(connection: Connection, logger: Logger, nearDistance: Int = 7, minimumLengthRatio: Double = 0.6,
                transformVersion: Int = 0, mergeThreshold: Int? = BatchLoader.mergeThreshold) {
        self.connection = connection
        self.logger = logger
        self.nearDistance = nearDistance
        self.minimumLengthRatio = minimumLengthRatio
        self.transformVersion = transformVersion
        self.mergeThreshold = mergeThreshold
    }

    deinit {
        merger?.stop()
    }

    /// Near copies' bodies are at least this fraction of each other's length.
    let minimumLengthRatio: Double

    /// Loads `batch` for run `runID` and returns what changed.
    public func load(_ batch: LoadBatch, runID: Int64) throws -> BatchCounts {
        try prepareStaging()
        let nested = connection.inTransaction
        let counts = try connection.transaction {
            // ON COMMIT DELETE ROWS empties the staging tables at each commit (and a rollback
            // takes back what a failed batch put in them), which costs the server less than a
            // TRUNCATE (new files for every table, every batch). A dry run's batches are
            // savepoints inside one transaction that never commits: there they are emptied here.
            if nested { try connection.execute(.truncateStaging) }
            // Two stories under one key are both kept (`KeyConflicts`).
            let keys = KeyConflicts(connection: connection, sameStoryDistance: 2 * nearDistance)
            let (separated, conflicts) = try keys.separate(batch)
            try BatchStaging(connection: connection, transformVersion: transformVersion).stage(separated)
            try connection.execute(.analyzeStaging)
            // Concurrent shards write one batch at a time from here to the commit: the duplicate
            // pass at the end rewrites rows of other keys, in no key order, so a shard that had
            // upserted one of them before waiting for the pass could deadlock with it.
            try connection.execute(.lockDuplicates)
            try connection.execute(.insertSources)
            try connection.execute(.insertOutletSources)
            var counts = try upsertArticles(runID: runID)
            counts.recordsSuperseded = batch.superseded.count
            try connection.execute(.analyzeChangedArticles)
            try replaceChildren()
            try insertRejects(runID: runID, into: &counts)
            try connection.execute(.dropStaleLineage)
            try upsertFiles(runID: runID, into: &counts)
            try keys.record(conflicts, runID: runID)
            try connection.execute(.insertLineage)
            try markDuplicates(runID: runID)
            try connection.execute(.addRunCounters, [
                runID, batch.files.count { $0.endsFile }, counts.filesNew, counts.filesChanged, counts.filesTouched,
                counts.filesRejected, counts.recordsRejected, counts.articlesInserted, counts.articlesUpdated,
                counts.articlesUnchanged, counts.recordsSuperseded,
            ])
            return counts
        }
        if !nested { mergeBesideTheLoad(batch) }
        return counts
    }

    /// Session settings and the staging tables, once per session; and the merging session.
    private func prepareStaging() throws {
        guard !stagingReady else { return }
        try connection.execute(.sessionSettings, [Self.sessionMemory])
        try connection.executeScript(.stagingTables)
        try startMerging()
        stagingReady = true
    }

    private func upsertArticles(runID: Int64) throws -> BatchCounts {
        let result = try connection.query(.upsertArticles, [runID, nearDistance, minimumLengthRatio],
                                          as: (Int, Int, Int).self)
        var counts = BatchCounts()
        let (candidates, inserted, updated) = result[0]
        counts.articlesInserted = inserted
        counts.articlesUpdated = updated
        counts.articlesUnchanged = candidates - inserted - updated
        return counts
    }

    /// Duplicates, for the clusters this batch can change. Two articles match when
    /// `news.copies_of` says so (the same body, or fingerprints at most `nearDistance` bits apart
    /// with comparable lengths); a cluster is a connected set of matches; every member but its root
    /// (the first by published_at, then observed_at, NULLs last, then article_key) points at the root.
    ///
    /// Clusters are kept incrementally. Before this pass, every stored cluster is settled as the
    /// stored articles give it. The batch's new articles can only join clusters; a changed article
    /// can also leave one and split it. So the pass probes the batch's articles and every member
    /// of the clusters its changed articles were in, and ties each member of the other clusters
    /// these matches reach to its root (those stay whole: none of their members changed). Every
    /// match of a probed article is found (`news.copies_of` reads each band whole), so the
    /// components of this graph are the new clusters of all its articles, and the answer is the
    /// one a load of all the articles at once would give, in whatever order they came.
    ///
    /// It runs last in the batch, under the advisory lock `load` takes before the upsert and holds
    /// to the commit: concurrent shards settle clusters one batch at a time, each seeing what the
    /// others committed.
    private func markDuplicates(runID: Int64) throws {
        try connection.execute(.touchFingerprints)
        try connection.execute(.recordFingerprints)
        try connection.execute(.dropFingerprints)
        try connection.execute(.touchFingerprints)
        try connection.execute(.settleFingerprintHeads)
        let edges = try connection.query(.duplicateGraph, [nearDistance, minimumLengthRatio], as: (Int64, Int64?).self)
        let clusters = DuplicateClusters(edges)
        guard !clusters.members.isEmpty else { return }
        func literal(_ values: [Int64]) -> String { "{" + values.map(String.init).joined(separator: ",") + "}" }
        try connection.execute(.markDuplicates, [literal(clusters.members), literal(clusters.labels), runID])
    }

    /// Paragraphs, mentions and figures, for the articles this batch inserted or changed, from
    /// the staged rows of each key's winner. Of a changed article only the paragraphs whose text
    /// changed are written, and those past its new end deleted: an edited article usually changes
    /// a few. A new article has no children yet, so its own are inserted without a conflict check.
    private func replaceChildren() throws {
        try connection.execute(.deleteParagraphsPastTheEnd)
        try connection.execute(.insertParagraphs)
        try connection.execute(.updateParagraphs)
        try connection.execute(.deleteMentions)
        try connection.execute(.deleteFigures)
        try connection.execute(.insertEntities)
        try connection.execute(.insertMentions)
        try connection.execute(.insertFigures)
    }

    /// The file ledger: new files inserted, changed or touched files updated, in path order. Counts
    /// new, changed (other content, or a file not read whose size or mtime changed) and touched
    /// (same content) files against the ledger as it was before the batch.
    ///
    /// A file read in parts (`FileEntry.part`) is recorded `loading` by each part that leaves
    /// records to come, keeping the size, mtime and hash the ledger had: the ledger does not hold
    /// the file as read (`FileLedger.entries` leaves it out, so a run stopped in between reads it
    /// again), and its last part is counted against what the ledger held before its first. The
    /// row adds up the records of the parts; the last part decides the status from them all.
    private func upsertFiles(runID: Int64, into counts: inout BatchCounts) throws {
        let rows = try connection.query(.upsertFiles, [runID], as: (Int, Int, Int, Int).self)
        let (new, changed, same, _) = rows[0]
        counts.filesNew += new
        counts.filesChanged += changed
        counts.filesTouched += same
    }

    /// Rejects are recorded for new or changed files only: a file the ledger already holds as it
    /// is (the same content, or for a file that could not be read, the same size and mtime) was
    /// rejected, recorded and counted before. Runs before the ledger is updated. What is recorded
    /// is counted once: a file nothing was loaded from (whatever the stage that rejected it), or a
    /// folder that could not be listed, in `files_rejected`; a record rejected in a file that
    /// loaded others, or in a file read in parts, in `records_rejected`.
    private func insertRejects(runID: Int64, into counts: inout BatchCounts) throws {
        let rows = try connection.query(.insertRejects, [runID], as: (Int, Int).self)
        counts.filesRejected += rows[0].0
        counts.recordsRejected += rows[0].1
    }
}
