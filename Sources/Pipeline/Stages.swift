import Extract
import Records
import Transform

/// The extract and transform stages over many files, in parallel, without any database:
/// the ledger arrives as a dictionary.
public struct Stages: Sendable {
    public let extractor: FileExtractor
    public let transformer: ArticleTransformer
    public let paths: PathFilter
    public let workers: Int

    public init(settings: Settings) {
        extractor = FileExtractor(maxFileSize: settings.maxFileSize, fields: settings.fields)
        transformer = ArticleTransformer(timestamps: Timestamps(defaultZone: settings.timeZone),
                                         sources: SourceMatcher(sources: settings.sources),
                                         entities: settings.entities == .standard ? .standard : EntityMatcher(list: settings.entities))
        paths = settings.paths
        workers = settings.workers
    }

    /// The files of one root, in order, with the problems met while listing it.
    public struct RootListing: Sendable {
        public var root: String
        public var files: FileList
        public var problems: [RejectRecord]
    }

    public func list(root: String) -> RootListing {
        let standardized = FileDiscovery.standardizedRoot(root)
        var problems: [RejectRecord] = []
        let files = FileDiscovery.files(under: standardized, problems: &problems).filter { paths.accepts($0.path) }
        return RootListing(root: standardized, files: files, problems: problems)
    }

    /// Extracts `files`; unchanged files (by the ledger) yield nil.
    public func extract(_ files: [DiscoveredFile], ledger: [String: LedgerEntry]) -> [FileUnit<ExtractedRecord>?] {
        parallelMap(files, workers: workers, cost: { $0.size }) { file in extract(file, ledger: ledger) }
    }

    /// Transforms the records of each unit into articles or rejects (those of a unit alone, a part
    /// of a streamed file, on every worker).
    public func transform(_ units: [FileUnit<ExtractedRecord>]) -> [FileUnit<ArticleRecord>] {
        if units.count == 1 { return [transformRecords(units[0])] }
        return parallelMap(units, workers: workers, cost: { $0.file?.size ?? 0 }) { unit in transformRecords(unit, workers: 1) }
    }

    /// Bytes of records a part of a streamed file holds at most (beside at most a batch's number of
    /// records): what a batch of saved pages holds, so the batch queue's memory stays as it is.
    static let partBytes = 8 << 20

    /// …and of a crawl archive's pages, which are mostly markup the transform drops: parts of
    /// 8 MB would hold about 90 pages, twice the transactions the same pages make as files, and
    /// the server spends more per transaction (BENCHMARKS.md).
    static let archivePartBytes = 16 << 20

    /// Reads `unit.streamed`, a record file too large to read whole, in parts of at most
    /// `recordsPerPart` records (or `partBytes` bytes), calling `part` with each part extracted;
    /// false once `part` returned false (the rest is not read).
    public func stream<Item>(_ unit: FileUnit<Item>, recordsPerPart: Int,
                             _ part: (FileUnit<ExtractedRecord>) throws -> Bool) throws -> Bool {
        guard let file = unit.streamed, let entry = unit.file else { return true }
        let archive = entry.format == .warc || entry.format == .arc
        return try extractor.stream(file, entry: entry, recordsPerPart: recordsPerPart,
                                    bytesPerPart: archive ? Self.archivePartBytes : Self.partBytes) { entry, records, rejects in
            try part(FileUnit(file: entry, items: records, rejects: rejects))
        }
    }

    /// Transforms the records of one unit on `workers` threads (all of them by default), keeping
    /// their order.
    func transformRecords(_ unit: FileUnit<ExtractedRecord>, workers: Int? = nil) -> FileUnit<ArticleRecord> {
        var out = FileUnit<ArticleRecord>(file: unit.file, rejects: unit.rejects)
        let results = parallelMap(unit.items, workers: workers ?? self.workers, cost: { Int64($0.text.utf8.count) }) {
            transformer.transform($0)
        }
        for result in results {
            switch result {
            case .article(let article): out.items.append(article)
            case .reject(let reject): out.rejects.append(reject)
            }
        }
        return out
    }

    /// Extracts and transforms `files` one file at a time on each worker, so a file's decoded text
    /// is let go once its records are transformed, not held until the whole batch is read (as
    /// `extract` then `transform` would: 200 saved pages hold about 25 MB). `olderCopies` takes older
    /// copies out of a file's records before the transform. Unchanged files (by the ledger) yield nil.
    func extractAndTransform(_ files: [DiscoveredFile], ledger: [String: LedgerEntry],
                             olderCopies: OlderCopies.Decisions? = nil) -> [FileUnit<ArticleRecord>?] {
        parallelMap(files, workers: workers, cost: { $0.size }) { file -> FileUnit<ArticleRecord>? in
            guard let unit = extract(file, ledger: ledger) else { return nil }
            if unit.streamed != nil { return FileUnit(file: unit.file, streamed: unit.streamed) }
            guard let olderCopies else { return transformRecords(unit, workers: 1) }
            let parts = olderCopies.split(unit, transformer: transformer)
            var out = transformRecords(parts.rest, workers: 1)
            out.superseded = parts.superseded
            return out
        }
    }

    private func extract(_ file: DiscoveredFile, ledger: [String: LedgerEntry]) -> FileUnit<ExtractedRecord>? {
        switch extractor.extract(file, ledger: ledger[file.path]) {
        case .unchanged: return nil
        case .read(let entry, let records, let rejects): return FileUnit(file: entry, items: records, rejects: rejects)
        case .stream(let entry): return FileUnit(file: entry, streamed: file)
        }
    }

}
