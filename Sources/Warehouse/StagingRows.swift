import Postgres
import Records

/// A row of one of the loader's staging tables: session-local tables, emptied at every commit,
/// that a batch is COPied into before the statements merge it into the warehouse. Each row type
/// declares its columns once (`CopyRow.columns`); the table's definition, its COPY and the
/// statistics taken of it (`analyzed`) all come from that declaration.
protocol StagingRow: CopyRow {
    /// The columns the merge statements join or sort on: the only ones `ANALYZE` reads.
    static var analyzed: [String] { get }
    /// Text kept out of line uncompressed: it is read once, by the merge, and compressing it (pglz
    /// by default) costs the server more than it saves.
    static var uncompressed: [String] { get }
}

extension StagingRow {
    static var uncompressed: [String] { [] }

    /// The table's definition (and its storage settings), run once per session.
    static var definition: String {
        var sql = "CREATE TEMP TABLE IF NOT EXISTS \(table) (\(columnDefinitions)) ON COMMIT DELETE ROWS;"
        if !uncompressed.isEmpty {
            sql += "\nALTER TABLE \(table) "
                + uncompressed.map { "ALTER COLUMN \($0) SET STORAGE EXTERNAL" }.joined(separator: ", ") + ";"
        }
        return sql
    }
}

/// A file the batch read, with the status and record count the loader gives it (`BatchStaging`).
struct StagedFile: StagingRow {
    var file: FileEntry
    var status: String
    var records: Int
    var transformVersion: Int?

    static let table = "stage_files"
    static let analyzed = ["root", "path"]
    static let columns: [CopyColumn<StagedFile>] = [
        CopyColumn("root", "text NOT NULL") { $0.file.root },
        CopyColumn("path", "text NOT NULL") { $0.file.path },
        CopyColumn("size", "bigint NOT NULL") { $0.file.size },
        CopyColumn("mtime_us", "bigint NOT NULL") { $0.file.mtimeMicros },
        CopyColumn("sha256", "text") { $0.file.sha256 },
        CopyColumn("format", "text") { $0.file.format?.rawValue },
        CopyColumn("encoding", "text") { $0.file.encoding },
        CopyColumn("status", "text NOT NULL") { $0.status },
        CopyColumn("records", "integer NOT NULL") { $0.records },
        CopyColumn("invalid_bytes", "integer NOT NULL") { $0.file.invalidBytes },
        CopyColumn("transform_version", "integer") { $0.transformVersion },
        CopyColumn("first_record", "integer NOT NULL") { $0.file.part?.firstRecord ?? 1 },
        CopyColumn("last_record", "integer") { $0.file.part?.lastRecord },
        CopyColumn("records_skipped", "integer NOT NULL") { $0.file.recordsSkipped },
    ]
}

/// The article a batch loads for one key (`InBatchWinner`); `rowNo` joins it to its search vector.
struct StagedArticle: StagingRow {
    var rowNo: Int
    var article: ArticleRecord
    /// How many paragraphs the article has (its `StagedParagraph` rows).
    var paragraphs: Int

    static let table = "stage_articles"
    static let analyzed = ["row_no", "article_key"]
    static let uncompressed = ["body", "search_text"]
    static let columns: [CopyColumn<StagedArticle>] = [
        CopyColumn("row_no", "integer NOT NULL") { $0.rowNo },
        CopyColumn("article_key", "text NOT NULL") { $0.article.articleKey },
        CopyColumn("source_code", "text") { $0.article.sourceCode },
        CopyColumn("source_name", "text") { $0.article.sourceName },
        CopyColumn("source_homepage", "text") { $0.article.sourceHomepage },
        CopyColumn("url", "text") { $0.article.url },
        CopyColumn("title", "text NOT NULL") { $0.article.title },
        CopyColumn("author", "text") { $0.article.author },
        CopyColumn("published_at", "timestamptz") { $0.article.publishedAt },
        CopyColumn("published_date", "date") { $0.article.publishedDate },
        CopyColumn("published_precision", "text") { $0.article.publishedPrecision },
        CopyColumn("published_offset_min", "integer") { $0.article.publishedOffsetMinutes },
        CopyColumn("lang", "text NOT NULL") { $0.article.lang },
        CopyColumn("script", "text") { $0.article.script },
        CopyColumn("body", "text NOT NULL") { $0.article.body },
        CopyColumn("search_text", "text") { $0.article.searchText },
        CopyColumn("fingerprint", "bigint") { $0.article.fingerprint },
        CopyColumn("content_sha256", "text NOT NULL") { $0.article.contentSHA256 },
        CopyColumn("defects", "text[] NOT NULL") { $0.article.defects },
        CopyColumn("observed_us", "bigint") { $0.article.observedAtMicros },
        CopyColumn("transform_version", "integer NOT NULL") { $0.article.transformVersion },
        CopyColumn("paragraphs", "integer NOT NULL") { $0.paragraphs },
        // Credits (`Statement.insertOutletSources`, `Statement.upsertArticles`).
        CopyColumn("editor", "text") { $0.article.editor },
        CopyColumn("original_title", "text") { $0.article.originalTitle },
        CopyColumn("credited_outlet", "text") { $0.article.creditedOutlet },
        CopyColumn("outlet_code", "text") { $0.article.outletSourceCode },
    ]
}

/// A staged article's search vector, in tsvector's binary form, which the server stores as it is:
/// the text form cost it more to parse than anything else staged.
struct StagedVector: StagingRow {
    var rowNo: Int32
    var vector: SearchVector

    static let table = "stage_vectors"
    static let analyzed = ["row_no"]
    static let uncompressed = ["search_vector"]
    static let columns: [CopyColumn<StagedVector>] = [
        CopyColumn("row_no", "integer NOT NULL", binary: { $0.rowNo }),
        CopyColumn("search_vector", "tsvector NOT NULL", binary: { $0.vector.postgresBinary }),
    ]
}

/// A record the batch read and the article it stands for: every copy of an article, the winner
/// or not, and every older copy left untransformed (`SupersededCopy`, without a crawl record).
struct StagedRecord: StagingRow {
    var root: String
    var path: String
    var recordNo: Int
    var articleKey: String
    var warcRecordID: String?
    var byteOffset: Int64?

    static let table = "stage_records"
    static let analyzed = ["root", "path", "record_no", "article_key"]
    static let columns: [CopyColumn<StagedRecord>] = [
        CopyColumn("root", "text NOT NULL") { $0.root },
        CopyColumn("path", "text NOT NULL") { $0.path },
        CopyColumn("record_no", "integer NOT NULL") { $0.recordNo },
        CopyColumn("article_key", "text NOT NULL") { $0.articleKey },
        CopyColumn("warc_record_id", "text") { $0.warcRecordID },
        CopyColumn("byte_offset", "bigint") { $0.byteOffset },
    ]
}

struct StagedReject: StagingRow {
    var reject: RejectRecord

    static let table = "stage_rejects"
    static let analyzed = ["root", "path"]
    static let columns: [CopyColumn<StagedReject>] = [
        CopyColumn("root", "text NOT NULL") { $0.reject.root },
        CopyColumn("path", "text NOT NULL") { $0.reject.path },
        CopyColumn("record_no", "integer") { $0.reject.recordNo },
        CopyColumn("stage", "text NOT NULL") { $0.reject.stage.rawValue },
        CopyColumn("code", "text NOT NULL") { $0.reject.code },
        CopyColumn("message", "text NOT NULL") { $0.reject.message },
    ]
}

/// A staged article's paragraph: the body's lines, numbered from 1.
struct StagedParagraph: StagingRow {
    var articleKey: String
    var ordinal: Int
    var text: Substring

    static let table = "stage_paragraphs"
    static let analyzed = ["article_key"]
    static let uncompressed = ["text"]
    static let columns: [CopyColumn<StagedParagraph>] = [
        CopyColumn("article_key", "text NOT NULL") { $0.articleKey },
        CopyColumn("ordinal", "integer NOT NULL") { $0.ordinal },
        CopyColumn("text", "text NOT NULL") { $0.text },
    ]
}

struct StagedMention: StagingRow {
    var articleKey: String
    var mention: Mention

    static let table = "stage_mentions"
    static let analyzed = ["article_key", "kind", "name"]
    static let columns: [CopyColumn<StagedMention>] = [
        CopyColumn("article_key", "text NOT NULL") { $0.articleKey },
        CopyColumn("kind", "text NOT NULL") { $0.mention.kind.rawValue },
        CopyColumn("name", "text NOT NULL") { $0.mention.name },
        CopyColumn("count", "integer NOT NULL") { $0.mention.count },
        CopyColumn("name_en", "text") { $0.mention.english },
    ]
}

/// A staged article's figure, numbered from 1 in the order the article gives them.
struct StagedFigure: StagingRow {
    var articleKey: String
    var ordinal: Int
    var figure: Figure

    static let table = "stage_figures"
    static let analyzed = ["article_key"]
    static let columns: [CopyColumn<StagedFigure>] = [
        CopyColumn("article_key", "text NOT NULL") { $0.articleKey },
        CopyColumn("ordinal", "integer NOT NULL") { $0.ordinal },
        CopyColumn("kind", "text NOT NULL") { $0.figure.kind.rawValue },
        CopyColumn("raw", "text NOT NULL") { $0.figure.raw },
        CopyColumn("value", "numeric NOT NULL") { $0.figure.value },
        CopyColumn("value_max", "numeric") { $0.figure.valueMax },
        CopyColumn("unit", "text") { $0.figure.unit },
        CopyColumn("position", "integer") { $0.figure.position },
    ]
}
