import Extract
import Foundation
import Logging
import Postgres
import Records
import Transform
import Warehouse

/// Runs the stages: all three in one process (`run`), or each alone through stage files in a
/// folder (`extract`, `transform`, `load`).
public struct Pipeline {
    public static let programVersion = "0.1.0"
    public static let extractFile = "extract.jsonl"
    public static let transformFile = "transform.jsonl"

    public let settings: Settings
    public let logger: Logger
    let stages: Stages

    public init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        stages = Stages(settings: settings)
    }

    // MARK: - run: extract → transform → load in one process

    /// Reads the input roots, loads what is new or changed, and returns the run's summary. Extract
    /// and transform run on a producer thread (on `settings.workers` threads, file by file) up to
    /// `queuedBatches` batches (`queuedBytes`) ahead of the load, so both cores stay busy; memory
    /// stays bounded.
    /// Files holding older copies of a newer record or stored article (`OlderCopies`: JSON records
    /// by their URL, saved pages by their canonical link) come last, newest first, and the copies
    /// whose article is by then stored newer are recorded without a transform.
    public func run(connection: Connection, options: RunOptions = RunOptions(),
                    cancellation: Cancellation = Cancellation(), progress: ((Int) -> Progress?)? = nil) throws -> RunSummary {
        try withRun(connection: connection, options: options, cancellation: cancellation) { runID, loader in
            // Everything the producer needs from the database, fetched before it starts.
            var plans: [RootPlan] = []
            for root in settings.inputs {
                let listing = stages.list(root: root)
                let files = listing.files.filter { options.selection.accepts($0.path) }
                var ledger = try FileLedger.entries(root: listing.root, connection: connection)
                switch options.reprocess {
                case .all?: ledger = [:]
                case .outdated?:
                    for path in try FileLedger.outdated(root: listing.root, below: ArticleTransformer.version,
                                                        connection: connection) {
                        ledger[path] = nil
                    }
                case nil: break
                }
                logger.info("reading input", metadata: ["input.root": "\(listing.root)", "files": "\(files.count)",
                                                        "ledger.files": "\(ledger.count)"])
                plans.append(RootPlan(problems: listing.problems, files: files, ledger: ledger))
            }
            let bar = progress?(plans.reduce(0) { $0 + $1.files.count })
            defer { bar?.finish() }
            for plan in plans where !plan.problems.isEmpty {
                logRejects(plan.problems, runID: runID)
                _ = try loader.load(LoadBatch(rejects: plan.problems), runID: runID)
            }
            let older = try OlderCopies.takeOut(of: &plans, selection: options.selection, stages: stages,
                                                connection: connection)
            if older.count > 0 {
                logger.info("older copies put off to the end of the run", metadata: ["files": "\(older.count)"])
            }

            try loadBatches(connection: connection, runID: runID, loader: loader, cancellation: cancellation, bar: bar) { [stages, settings, plans] queue in
                for plan in plans {
                    guard try Self.produce(plan.files, of: plan, stages: stages, settings: settings, selection: options.selection,
                                       cancellation: cancellation, into: queue) else { return }
                }
            }
            guard older.count > 0, !cancellation.isCancelled else { return }

            // The files with older copies, once everything else is loaded, newest first: records whose
            // article is stored newer are recorded untransformed, the rest go through as any.
            let decisions = OlderCopies.Decisions(stored: try StoredArticles.observedTimes(keys: older.keys, connection: connection))
            try loadBatches(connection: connection, runID: runID, loader: loader, cancellation: cancellation, bar: bar) { [stages, settings, plans] queue in
                for (plan, copies) in zip(plans, older.deferred) {
                    guard try Self.produce(copies.picking(copies.indices.reversed()), of: plan, stages: stages, settings: settings,
                                       selection: options.selection, cancellation: cancellation, into: queue,
                                       olderCopies: decisions) else { return }
                }
            }
            logger.info("older copies recorded without transforming them", metadata: ["records": "\(decisions.superseded)",
                                                                                       "files": "\(older.count)"])
        }
    }

    /// Extracts, transforms and queues `files` of `plan` in batches; false once the run stops. With
    /// `olderCopies`, records that are older copies of stored articles are recorded untransformed
    /// (`OlderCopies`). A backfill by date drops files outside its range. Record files too large to
    /// read whole follow their batch, a part per batch (`stream`).
    static func produce(_ files: FileList, of plan: RootPlan, stages: Stages, settings: Settings,
                        selection: FileSelection, cancellation: Cancellation, into queue: BatchQueue,
                        olderCopies: OlderCopies.Decisions? = nil) throws -> Bool {
        for start in stride(from: 0, to: files.count, by: settings.batchSize) {
            if cancellation.isCancelled || queue.isClosed { return false }
            let range = start..<min(start + settings.batchSize, files.count)
            let done = stages.extractAndTransform(Array(files[range]), ledger: plan.ledger, olderCopies: olderCopies)
            var units = done.compactMap { $0 }
            let streamed = units.filter { $0.streamed != nil }
            units.removeAll { $0.streamed != nil }
            if selection.restrictsDays {
                units = units.filter { inDayRange($0, selection: selection) }
            }
            olderCopies?.learn(units.flatMap(\.items))
            queue.put(PreparedBatch(units: units, files: range.count - streamed.count, skipped: done.count { $0 == nil }))
            for unit in streamed {
                guard try stream(unit, stages: stages, settings: settings, cancellation: cancellation, into: queue) else { return false }
            }
        }
        return true
    }

    /// Reads a record file too large to read whole part by part, transforming and queueing each
    /// part as a batch of its own; false once the run stops. The file's ledger entry comes with its
    /// last part, so a run stopped in between reads the file again. (A backfill by date loads such
    /// a file whole: its records' dates are only known part by part.)
    ///
    /// Reading a part (inflating, splitting, decoding its records) takes one thread; the part read
    /// before it is transformed meanwhile, on every worker, and queued in order once the next is
    /// read: the file is not read and transformed by turns.
    static func stream(_ unit: FileUnit<ArticleRecord>, stages: Stages, settings: Settings, cancellation: Cancellation,
                       into queue: BatchQueue) throws -> Bool {
        var transforming: (done: DispatchGroup, result: PartResult)?
        func queueTransformed() {
            guard let (done, result) = transforming else { return }
            done.wait()
            transforming = nil
            guard let part = result.part else { return }
            queue.put(PreparedBatch(units: [part], files: part.file?.endsFile == true ? 1 : 0, skipped: 0))
        }
        defer { queueTransformed() }
        return try stages.stream(unit, recordsPerPart: settings.batchSize) { part in
            queueTransformed()
            if cancellation.isCancelled || queue.isClosed { return false }
            let done = DispatchGroup(), result = PartResult()
            DispatchQueue.global().async(group: done) { result.part = stages.transform([part])[0] }
            transforming = (done, result)
            return true
        }
    }

    /// A part transformed on another thread, read once its group is done.
    final class PartResult: @unchecked Sendable {
        var part: FileUnit<ArticleRecord>?
    }

    /// Batches the transform may have ready before the loader takes them. The loader waits on the
    /// server at times (longest when the server merges the search index's pending list into the
    /// index: about 3 s every 6,000 articles on the bench corpus); with one batch of room the
    /// transform stopped then and a core stood idle, with eight it works on (full bench runs
    /// 52.3 and 52.4 s → 48.6 and 47.2 s, peak memory 170 → 210 MB; BENCHMARKS.md).
    static let queuedBatches = 8

    /// …and the bytes their articles may hold (`ArticleRecord.heldBytes`), so the queue's memory
    /// does not follow the batch size or the articles' length: four of the bench corpus's batches
    /// (about 8 MB each). Full runs of the 20k and 125k corpora with 64 MB: 32.9 and 221.6 s, peak
    /// 158 and 208 MB; with 32 MB: 32.3 and 216.5 s, peak 148 and 191 MB.
    static let queuedBytes = 32 << 20

    /// Loads the batches `produce` puts in the queue, while `produce` runs on a thread of its own
    /// up to `queuedBatches` batches or `queuedBytes` ahead (in memory are those queued, the one
    /// loading and the one being made), then records the files skipped as unchanged. Once
    /// cancelled, no further batch is loaded: the one in progress finishes. An error `produce`
    /// throws is thrown here once the batches before it are loaded.
    /// Whatever happens, the producer has stopped before this returns: a process that exits while
    /// another thread is inside ICU, OpenCC or libxml2 can crash in their destructors.
    func loadBatches(connection: Connection, runID: Int64, loader: BatchLoader, cancellation: Cancellation, bar: Progress? = nil,
                     produce: @escaping @Sendable (BatchQueue) throws -> Void) throws {
        let queue = BatchQueue(capacity: Self.queuedBatches, byteLimit: Self.queuedBytes)
        let producerDone = DispatchSemaphore(value: 0)
        let producer = Thread {
            defer { producerDone.signal() }
            do {
                try produce(queue)
                queue.finish()
            } catch {
                queue.finish(failure: error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer {
            queue.close()
            producerDone.wait()
        }

        var skipped = 0
        while let batch = queue.take(), !cancellation.isCancelled {
            skipped += batch.skipped
            if !batch.units.isEmpty {
                let load = LoadBatch(units: batch.units)
                logRejects(load.rejects, runID: runID)
                let counts = try loader.load(load, runID: runID)
                logger.debug("batch loaded", metadata: ["run.id": "\(runID)", "files": "\(batch.units.count)",
                                                        "articles.inserted": "\(counts.articlesInserted)",
                                                        "articles.updated": "\(counts.articlesUpdated)"])
            }
            bar?.advance(files: batch.files, articles: batch.units.reduce(0) { $0 + $1.items.count })
        }
        if let failure = queue.failure { throw failure }
        try RunLedger(connection: connection).addSkipped(runID: runID, seen: skipped, unchanged: skipped)
    }

    /// One input root: what its listing rejected, the files this run takes, and the ledger to
    /// compare them with. (Not the whole listing: held for the run, it would be a second copy of
    /// the file list.)
    struct RootPlan: Sendable {
        var problems: [RejectRecord]
        var files: FileList
        var ledger: [String: LedgerEntry]
    }

    /// A backfill by date keeps a file outside the day folders only when one of its articles was
    /// published inside the range (files rejected whole are kept: their reject is worth recording).
    static func inDayRange(_ unit: FileUnit<ArticleRecord>, selection: FileSelection) -> Bool {
        guard let file = unit.file, FileSelection.dayFolder(of: file.path) == nil, !unit.items.isEmpty else { return true }
        return unit.items.contains { article in
            guard let published = article.publishedAt, published.count >= 10 else { return false }
            let day = String(published.prefix(10))
            return (selection.fromDay.map { day >= $0 } ?? true) && (selection.toDay.map { day <= $0 } ?? true)
        }
    }

    /// Rejects go to the log too, so a cron mail says what was rejected and why.
    func logRejects(_ rejects: [RejectRecord], runID: Int64) {
        for reject in rejects {
            logger.warning("rejected", metadata: ["run.id": "\(runID)", "file.path": "\(reject.path)",
                                                  "record.no": "\(reject.recordNo.map(String.init) ?? "-")",
                                                  "reject.stage": "\(reject.stage.rawValue)",
                                                  "reject.code": "\(reject.code)", "reject.message": "\(reject.message)"])
        }
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

    // MARK: - the stages alone

    /// Extracts the input roots into `<stage>/extract.jsonl`. With a connection, files the ledger
    /// already holds unchanged are skipped; without one, every file is read.
    @discardableResult
    public func extract(stageFolder: String, connection: Connection?, selection: FileSelection = FileSelection()) throws -> StageSummary {
        try FileManager.default.createDirectory(atPath: stageFolder, withIntermediateDirectories: true)
        let writer = try StageWriter(path: stageFolder + "/" + Self.extractFile,
                                     header: StageHeader(stage: "extract", createdAt: Self.now(), inputs: settings.inputs))
        var summary = StageSummary(filesSeen: 0, filesUnchanged: 0)
        for root in settings.inputs {
            let listing = stages.list(root: root)
            let files = listing.files.filter { selection.accepts($0.path) }
            let ledger = try connection.map { try FileLedger.entries(root: listing.root, connection: $0) } ?? [:]
            for problem in listing.problems { try writer.write(.reject(problem)) }
            for start in stride(from: 0, to: files.count, by: settings.batchSize) {
                let chunk = Array(files[start..<min(start + settings.batchSize, files.count)])
                for unit in stages.extract(chunk, ledger: ledger) {
                    summary.filesSeen += 1
                    guard let unit, unit.file != nil else { summary.filesUnchanged += 1; continue }
                    func write(_ unit: FileUnit<ExtractedRecord>) throws {
                        try writer.write(.file(unit.file!))
                        for record in unit.items { try writer.write(.record(record)) }
                        for reject in unit.rejects { try writer.write(.reject(reject)) }
                    }
                    if unit.streamed != nil {
                        // A file line for each part, the last with the file's hash.
                        _ = try stages.stream(unit, recordsPerPart: settings.batchSize) { part in
                            try write(part)
                            return true
                        }
                    } else {
                        try write(unit)
                    }
                }
            }
        }
        try writer.write(.summary(summary))
        try writer.close()
        return summary
    }

    /// Transforms `<stage>/extract.jsonl` into `<stage>/transform.jsonl`.
    public func transform(stageFolder: String) throws {
        let reader = try StageReader(path: stageFolder + "/" + Self.extractFile, expectedStage: "extract")
        let writer = try StageWriter(path: stageFolder + "/" + Self.transformFile,
                                     header: StageHeader(stage: "transform", createdAt: Self.now(), inputs: reader.header.inputs))
        let summary = try Self.readBatches(reader, batchSize: settings.batchSize, stage: "extract", item: { line in
            if case .record(let record) = line { record } else { nil }
        }) { batch in
            for unit in stages.transform(batch) {
                if let file = unit.file { try writer.write(.file(file)) }
                for article in unit.items { try writer.write(.article(article)) }
                for reject in unit.rejects { try writer.write(.reject(reject)) }
            }
            return true
        }
        try writer.write(.summary(summary ?? StageSummary(filesSeen: 0, filesUnchanged: 0)))
        try writer.close()
    }

    /// Loads `<stage>/transform.jsonl` into the warehouse, in batches of files.
    public func load(stageFolder: String, connection: Connection, options: RunOptions = RunOptions(kind: .manual),
                     cancellation: Cancellation = Cancellation()) throws -> RunSummary {
        let reader = try StageReader(path: stageFolder + "/" + Self.transformFile, expectedStage: "transform")
        // The reader is handed to the producer thread, which alone reads it from then on.
        nonisolated(unsafe) let lines = reader
        return try withRun(connection: connection, options: options, cancellation: cancellation) { runID, loader in
            try loadBatches(connection: connection, runID: runID, loader: loader, cancellation: cancellation) { [settings] queue in
                let summary = try Self.readBatches(lines, batchSize: settings.batchSize, stage: "transform", item: { line in
                    if case .article(let article) = line { article } else { nil }
                }) { batch in
                    queue.put(PreparedBatch(units: batch, files: batch.count, skipped: 0))
                    return !(cancellation.isCancelled || queue.isClosed)
                }
                if let summary { queue.put(PreparedBatch(units: [], files: 0, skipped: summary.filesUnchanged)) }
            }
        }
    }

    /// Reads a stage file in batches of `batchSize` files: a `file` line starts a unit, the lines
    /// `item` takes (records or articles) and the file's rejects join it. `batch` gets each full
    /// batch, then the last, and returns false to stop. Returns the summary line (nil when the file
    /// has none, or when stopped).
    /// Throws for a line that does not decode, an item before any file, or a line of another stage,
    /// once the batches before it are handed over.
    static func readBatches<Item>(_ reader: StageReader, batchSize: Int, stage: String,
                                  item: (StageLine) -> Item?,
                                  batch: ([FileUnit<Item>]) throws -> Bool) throws -> StageSummary? {
        var pending: [FileUnit<Item>] = []
        var summary: StageSummary?
        for line in reader {
            switch line {
            case .file(let file):
                // A part of a file read in parts goes alone: the loader takes one part of a file
                // at a time, and a part holds as much as a batch.
                if pending.count >= batchSize || (!pending.isEmpty && (file.part != nil || pending.last?.file?.part != nil)) {
                    guard try batch(pending) else { return nil }
                    pending.removeAll()
                }
                pending.append(FileUnit(file: file))
            case .reject(let reject):
                if pending.last.map({ $0.file?.path == reject.path && $0.file?.root == reject.root }) == true {
                    pending[pending.count - 1].rejects.append(reject)
                } else {
                    pending.append(FileUnit(file: nil, rejects: [reject]))
                }
            case .summary(let value):
                summary = value
            default:
                guard let found = item(line) else {
                    throw StageFileError(path: reader.path, line: reader.lineNumber, message: "unexpected line in \(stage) output")
                }
                guard !pending.isEmpty else {
                    throw StageFileError(path: reader.path, line: reader.lineNumber, message: "a record line comes before any file line")
                }
                pending[pending.count - 1].items.append(found)
            }
        }
        if let error = reader.error { throw error }
        if !pending.isEmpty { guard try batch(pending) else { return nil } }
        return summary
    }

    // MARK: - the run's life

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
        return try recordRun(connection: connection, options: options, cancellation: cancellation, body)
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
            let loader = BatchLoader(connection: connection, logger: runLogger, nearDistance: SimHash.nearDistance,
                                     transformVersion: ArticleTransformer.version)
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
        let status: RunLedger.Status = cancellation.isCancelled ? .interrupted
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

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
