import Foundation
import Logging
import Postgres
import Records
import Transform
import Warehouse

/// A run's life in the warehouse: migrations, the run lock, its row in `etl.runs`, how it ended;
/// and what the next run would read.
extension Pipeline {
    /// Migrates (or, for a dry run, checks nothing is pending), takes the run lock, records the run,
    /// calls `body`, and records how it ended. A dry run does all of it inside one transaction that
    /// is rolled back, so its counts say what would change and nothing is written.
    func withRun(connection: Connection, options: RunOptions, cancellation: Cancellation,
                 _ body: (Int64, BatchLoader) throws -> Void) throws -> RunSummary {
        let migrator = try Migrator(folder: settings.sqlFolder, logger: logger)
        if options.dryRun {
            let pending = try migrator.pending(connection)
            guard pending.isEmpty else {
                throw Settings.ConfigError(path: "--dry-run", message: "the database lacks migrations \(pending.joined(separator: ", ")); run article-etl migrate first")
            }
            return try connection.transaction(ending: .rollBack) {
                try recordRun(connection: connection, options: options, cancellation: cancellation, body)
            }
        }
        try migrator.migrate(connection)
        try Self.fillSearchForms(connection, logger: logger)
        return try recordRun(connection: connection, options: options, cancellation: cancellation, body)
    }

    /// Applies the pending migrations of `sqlFolder`, then fills `news.search_forms` (how queries
    /// are converted to Simplified) from the installed OpenCC when it holds other entries.
    @discardableResult
    public static func migrate(_ connection: Connection, sqlFolder: String, logger: Logger) throws -> [String] {
        let applied = try Migrator(folder: sqlFolder, logger: logger).migrate(connection)
        try fillSearchForms(connection, logger: logger)
        return applied
    }

    /// Fills `news.search_forms` with the Traditional → Simplified entries the transform's search
    /// form uses, unless it holds them already (a newer OpenCC's dictionaries refill it).
    /// The dictionaries are read only when OpenCC's data files changed since the table was filled.
    public static func fillSearchForms(_ connection: Connection, logger: Logger) throws {
        let stamp = SearchText.simplifiedEntriesStamp()
        if let stamp, try SearchForms.storedStamp(connection) == stamp { return }
        guard let (configurations, entries, variants) = SearchText.simplifiedEntries() else {
            logger.warning("OpenCC cannot list its dictionaries: news.search_forms is left as it is")
            return
        }
        try SearchForms.refill(connection, version: SearchForms.version(configurations: configurations, entries: entries + variants),
                               entries: entries, variants: variants, stamp: stamp, logger: logger)
    }

    /// Takes the run lock, records the run, calls `body`, and records how it ended.
    private func recordRun(connection: Connection, options: RunOptions, cancellation: Cancellation,
                           _ body: (Int64, BatchLoader) throws -> Void) throws -> RunSummary {
        let shard = options.selection.shard?.description
        let runs = RunLedger(connection: connection)
        try runs.acquireLock(shard: shard)
        defer { try? runs.releaseLock(shard: shard) }
        try SourceCatalog.seed(settings.sources, connection: connection)
        let runID = try runs.start(kind: options.kind, arguments: options.arguments,
                                   programVersion: "\(Self.programVersion) transform \(ArticleTransformer.version)",
                                   shard: shard)
        var runLogger = logger
        runLogger[metadataKey: "run.id"] = "\(runID)"
        runLogger.info("run started", metadata: ["run.kind": "\(options.kind.rawValue)", "run.dry": "\(options.dryRun)"])
        do {
            let loader = BatchLoader(connection: connection, logger: runLogger, nearDistance: Fingerprint.nearDistance,
                                     minimumLengthRatio: Fingerprint.minimumLengthRatio, transformVersion: ArticleTransformer.version)
            try body(runID, loader)
            try loader.finish()
        } catch {
            runLogger.error("run failed", metadata: ["error": "\(error)"])
            if connection.isHealthy && !options.dryRun {
                try? runs.finish(runID: runID, status: .failed, error: "\(error)")
            }
            throw error
        }
        let counted = try runs.summary(runID: runID)
        let status: RunStatus = cancellation.isCancelled ? .interrupted
            : counted.filesRejected + counted.recordsRejected > 0 ? .partial : .ok
        try runs.finish(runID: runID, status: status,
                        error: cancellation.isCancelled ? "stopped by signal \(cancellation.signal)" : nil)
        var summary = try runs.summary(runID: runID)
        summary.dryRun = options.dryRun
        runLogger.info("run finished", metadata: ["run.status": "\(summary.status)",
                                                  "articles.inserted": "\(summary.articlesInserted)",
                                                  "articles.updated": "\(summary.articlesUpdated)",
                                                  "files.rejected": "\(summary.filesRejected)"])
        return summary
    }

    /// Files under the input roots that the next run would read: not in the ledger, or with
    /// another size or mtime. Reads no file.
    public func pending(connection: Connection) throws -> (seen: Int, new: Int, changed: Int) {
        var seen = 0, new = 0, changed = 0
        for root in settings.inputs {
            let listing = stages.list(root: root)
            let ledger = try FileLedger.entries(root: listing.root, connection: connection)
            for file in listing.files {
                seen += 1
                guard let known = ledger[file.path] else { new += 1; continue }
                if known.size != file.size || known.mtimeMicros != file.mtimeMicros { changed += 1 }
            }
        }
        return (seen, new, changed)
    }
}
