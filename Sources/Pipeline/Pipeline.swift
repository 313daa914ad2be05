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

    /// Reads the input roots, loads what is new or changed, and returns the run's summary.
    public func run(connection: Connection, kind: RunLedger.Kind, arguments: [String: String]) throws -> RunSummary {
        try withRun(connection: connection, kind: kind, arguments: arguments) { runID, loader in
            var skipped = 0, seen = 0
            for root in settings.inputs {
                let listing = stages.list(root: root)
                let ledger = try FileLedger.entries(root: listing.root, connection: connection)
                logger.info("reading input", metadata: ["input.root": "\(listing.root)", "files": "\(listing.files.count)",
                                                        "ledger.files": "\(ledger.count)"])
                if !listing.problems.isEmpty {
                    _ = try loader.load(LoadBatch(rejects: listing.problems), runID: runID)
                }
                for start in stride(from: 0, to: listing.files.count, by: settings.batchSize) {
                    let chunk = Array(listing.files[start..<min(start + settings.batchSize, listing.files.count)])
                    let extracted = stages.extract(chunk, ledger: ledger)
                    let read = extracted.compactMap { $0 }
                    skipped += extracted.count - read.count
                    seen += extracted.count
                    guard !read.isEmpty else { continue }
                    let counts = try loader.load(LoadBatch(units: stages.transform(read)), runID: runID)
                    logger.debug("batch loaded", metadata: ["run.id": "\(runID)", "files": "\(read.count)",
                                                            "articles.inserted": "\(counts.articlesInserted)",
                                                            "articles.updated": "\(counts.articlesUpdated)"])
                }
            }
            try RunLedger(connection: connection).addSkipped(runID: runID, seen: skipped, unchanged: skipped)
            _ = seen
        }
    }

    // MARK: - the stages alone

    /// Extracts the input roots into `<stage>/extract.jsonl`. With a connection, files the ledger
    /// already holds unchanged are skipped; without one, every file is read.
    @discardableResult
    public func extract(stageFolder: String, connection: Connection?) throws -> StageSummary {
        try FileManager.default.createDirectory(atPath: stageFolder, withIntermediateDirectories: true)
        let writer = try StageWriter(path: stageFolder + "/" + Self.extractFile,
                                     header: StageHeader(stage: "extract", createdAt: Self.now(), inputs: settings.inputs))
        var summary = StageSummary(filesSeen: 0, filesUnchanged: 0)
        for root in settings.inputs {
            let listing = stages.list(root: root)
            let ledger = try connection.map { try FileLedger.entries(root: listing.root, connection: $0) } ?? [:]
            for problem in listing.problems { try writer.write(.reject(problem)) }
            for start in stride(from: 0, to: listing.files.count, by: settings.batchSize) {
                let chunk = Array(listing.files[start..<min(start + settings.batchSize, listing.files.count)])
                for unit in stages.extract(chunk, ledger: ledger) {
                    summary.filesSeen += 1
                    guard let unit, let file = unit.file else { summary.filesUnchanged += 1; continue }
                    try writer.write(.file(file))
                    for record in unit.items { try writer.write(.record(record)) }
                    for reject in unit.rejects { try writer.write(.reject(reject)) }
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
        var pending: [FileUnit<ExtractedRecord>] = []
        func flush() throws {
            for unit in stages.transform(pending) {
                if let file = unit.file { try writer.write(.file(file)) }
                for article in unit.items { try writer.write(.article(article)) }
                for reject in unit.rejects { try writer.write(.reject(reject)) }
            }
            pending.removeAll()
        }
        var summary: StageSummary?
        for line in reader {
            switch line {
            case .file(let file):
                if pending.count >= settings.batchSize { try flush() }
                pending.append(FileUnit(file: file))
            case .record(let record):
                guard !pending.isEmpty else { throw lineOutsideFile(reader) }
                pending[pending.count - 1].items.append(record)
            case .reject(let reject):
                if pending.last.map({ $0.file?.path == reject.path && $0.file?.root == reject.root }) == true {
                    pending[pending.count - 1].rejects.append(reject)
                } else {
                    pending.append(FileUnit(file: nil, rejects: [reject]))
                }
            case .summary(let value): summary = value
            case .header, .article:
                throw StageFileError(path: reader.path, line: reader.lineNumber, message: "unexpected line in extract output")
            }
        }
        if let error = reader.error { throw error }
        try flush()
        try writer.write(.summary(summary ?? StageSummary(filesSeen: 0, filesUnchanged: 0)))
        try writer.close()
    }

    /// Loads `<stage>/transform.jsonl` into the warehouse, in batches of files.
    public func load(stageFolder: String, connection: Connection, kind: RunLedger.Kind,
                     arguments: [String: String]) throws -> RunSummary {
        let reader = try StageReader(path: stageFolder + "/" + Self.transformFile, expectedStage: "transform")
        return try withRun(connection: connection, kind: kind, arguments: arguments) { runID, loader in
            var pending: [FileUnit<ArticleRecord>] = []
            func flush() throws {
                guard !pending.isEmpty else { return }
                _ = try loader.load(LoadBatch(units: pending), runID: runID)
                pending.removeAll()
            }
            for line in reader {
                switch line {
                case .file(let file):
                    if pending.count >= settings.batchSize { try flush() }
                    pending.append(FileUnit(file: file))
                case .article(let article):
                    guard !pending.isEmpty else { throw lineOutsideFile(reader) }
                    pending[pending.count - 1].items.append(article)
                case .reject(let reject):
                    pending.append(FileUnit(file: nil, rejects: [reject]))
                case .summary(let summary):
                    try flush()
                    try RunLedger(connection: connection).addSkipped(runID: runID, seen: summary.filesUnchanged,
                                                                     unchanged: summary.filesUnchanged)
                case .header, .record:
                    throw StageFileError(path: reader.path, line: reader.lineNumber, message: "unexpected line in transform output")
                }
            }
            if let error = reader.error { throw error }
            try flush()
        }
    }

    // MARK: - the run's life

    /// Migrates, takes the run lock, records the run, calls `body`, and records how it ended.
    func withRun(connection: Connection, kind: RunLedger.Kind, arguments: [String: String],
                 _ body: (Int64, BatchLoader) throws -> Void) throws -> RunSummary {
        try Migrator(folder: settings.sqlFolder, logger: logger).migrate(connection)
        let runs = RunLedger(connection: connection)
        try runs.acquireLock()
        try SourceCatalog.seed(settings.sources, connection: connection)
        defer { try? runs.releaseLock() }
        let runID = try runs.start(kind: kind, arguments: arguments,
                                   programVersion: "\(Self.programVersion) transform \(ArticleTransformer.version)")
        var runLogger = logger
        runLogger[metadataKey: "run.id"] = "\(runID)"
        runLogger.info("run started", metadata: ["run.kind": "\(kind.rawValue)"])
        do {
            try body(runID, BatchLoader(connection: connection, logger: runLogger, nearDistance: SimHash.nearDistance))
        } catch {
            runLogger.error("run failed", metadata: ["error": "\(error)"])
            if connection.isHealthy {
                try? runs.finish(runID: runID, status: .failed, error: "\(error)")
            }
            throw error
        }
        let counted = try runs.summary(runID: runID)
        let status: RunLedger.Status = counted.filesRejected + counted.recordsRejected > 0 ? .partial : .ok
        try runs.finish(runID: runID, status: status, error: nil)
        return try runs.summary(runID: runID)
    }

    private func lineOutsideFile(_ reader: StageReader) -> StageFileError {
        StageFileError(path: reader.path, line: reader.lineNumber, message: "a record line comes before any file line")
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
