import Postgres
import Records

/// Puts a batch into the staging tables (`StagingRows`): one COPY per table, rows made as they are
/// sent. Of the articles, only each key's winner (`InBatchWinner`) is staged with its text, search
/// vector, paragraphs, mentions and figures; every record is staged for the lineage.
struct BatchStaging {
    let connection: Connection
    /// The transform version recorded for the files the batch transformed.
    let transformVersion: Int

    /// Every staging table, in the order their definitions are run.
    static var tables: [any StagingRow.Type] { [
        StagedFile.self, StagedArticle.self, StagedVector.self, StagedRecord.self, StagedReject.self,
        StagedParagraph.self, StagedMention.self, StagedFigure.self,
    ] }

    func stage(_ batch: LoadBatch) throws {
        let winners = InBatchWinner.winners(of: batch.articles)
        let paragraphs = winners.map(\.paragraphs)
        try copy(files(of: batch))
        try copy(winners.indices.lazy.map { StagedArticle(rowNo: $0, article: winners[$0], paragraphs: paragraphs[$0].count) })
        try copy(winners.indices.lazy.map { StagedVector(rowNo: Int32($0), vector: winners[$0].searchVector) })
        try copy(batch.articles.lazy.map {
            StagedRecord(root: $0.root, path: $0.path, recordNo: $0.recordNo, articleKey: $0.articleKey,
                         warcRecordID: $0.warcRecordID, byteOffset: $0.byteOffset)
        })
        try copy(batch.superseded.lazy.map {
            StagedRecord(root: $0.root, path: $0.path, recordNo: $0.recordNo, articleKey: $0.articleKey)
        })
        try copy(batch.rejects.lazy.map(StagedReject.init))
        try copy(winners.indices.lazy.flatMap { index in
            paragraphs[index].indices.lazy.map { line in
                StagedParagraph(articleKey: winners[index].articleKey, ordinal: line + 1, text: paragraphs[index][line])
            }
        })
        try copy(winners.lazy.flatMap { article in
            article.mentions.lazy.map { StagedMention(articleKey: article.articleKey, mention: $0) }
        })
        try copy(winners.lazy.flatMap { article in
            article.figures.indices.lazy.map {
                StagedFigure(articleKey: article.articleKey, ordinal: $0 + 1, figure: article.figures[$0])
            }
        })
    }

    /// A table with no rows for this batch is left alone (staging tables are empty at each batch's start).
    private func copy<Rows: Collection>(_ rows: Rows) throws where Rows.Element: StagingRow {
        guard !rows.isEmpty else { return }
        try connection.copy(rows)
    }

    /// The batch's files with the status each is recorded with: `loading` for a part of a file read
    /// in parts that leaves records to come (`upsertFiles`); `rejected` for a file that produced no
    /// record (but a crawl archive whose records were all passed over, which is loaded); `partial`
    /// for one with a reject; else `loaded`. A file's records count its articles and its older
    /// copies left untransformed (each stands for the stored article).
    private func files(of batch: LoadBatch) -> [StagedFile] {
        var produced: [FileKey: Int] = [:]
        for article in batch.articles { produced[FileKey(article.root, article.path), default: 0] += 1 }
        for copy in batch.superseded { produced[FileKey(copy.root, copy.path), default: 0] += 1 }
        var rejected: Set<FileKey> = []
        for reject in batch.rejects { rejected.insert(FileKey(reject.root, reject.path)) }
        return batch.files.map { file in
            let key = FileKey(file.root, file.path)
            let count = produced[key] ?? 0
            let status = !file.endsFile ? "loading" : file.change == .touched ? "loaded"
                : count == 0 && file.recordsSkipped == 0 ? "rejected" : rejected.contains(key) ? "partial" : "loaded"
            return StagedFile(file: file, status: status, records: count,
                              transformVersion: file.change == .touched || file.format == nil ? nil : transformVersion)
        }
    }
}

private struct FileKey: Hashable {
    let root: String
    let path: String
    init(_ root: String, _ path: String) {
        self.root = root
        self.path = path
    }
}
