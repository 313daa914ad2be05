import Extract
import Foundation
import Postgres
import Records
import Warehouse

/// The stages run alone, through stage files in a folder: `extract`, `transform`, `load`.
extension Pipeline {
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

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
