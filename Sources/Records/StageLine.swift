import Foundation

/// One line of a stage file: the materialized output of `extract` (read by `transform`) or of
/// `transform` (read by `load`). Every line is one JSON object whose `kind` says what it holds:
///
/// - `header`: first line; names the stage that wrote the file and the format version.
/// - `file`: an input file that was read (new, changed, or touched: same content, new mtime).
///   The lines after it, up to the next `file` line, belong to it.
/// - `record` (extract output): one record of text decoded from the file.
/// - `article` (transform output): one clean article.
/// - `reject`: input that could not be used, with a code and message.
/// - `summary`: last line; counts of the files that were seen but skipped as unchanged.
///
/// Readable with `jq`, e.g. `jq -c 'select(.kind=="reject")' stage/transform.jsonl`.
public enum StageLine: Sendable, Equatable {
    case header(StageHeader)
    case file(FileEntry)
    case record(ExtractedRecord)
    case article(ArticleRecord)
    case reject(RejectRecord)
    case summary(StageSummary)
}

/// The first line of a stage file.
public struct StageHeader: Codable, Sendable, Equatable {
    /// The current version of the line format; readers refuse other versions. Version 2: an
    /// article carries `searchVector` (tsvector text) where version 1 had `searchTokens`.
    public static let currentVersion = 2

    /// `extract` or `transform`: the stage that wrote the file.
    public var stage: String
    public var version: Int
    public var createdAt: String
    public var inputs: [String]

    public init(stage: String, version: Int = StageHeader.currentVersion, createdAt: String, inputs: [String]) {
        self.stage = stage
        self.version = version
        self.createdAt = createdAt
        self.inputs = inputs
    }
}

/// The last line of a stage file: files seen, and files skipped without reading because the ledger
/// knew their size and mtime.
public struct StageSummary: Codable, Sendable, Equatable {
    public var filesSeen: Int
    public var filesUnchanged: Int

    public init(filesSeen: Int, filesUnchanged: Int) {
        self.filesSeen = filesSeen
        self.filesUnchanged = filesUnchanged
    }
}

extension StageLine: Codable {
    private enum KindKey: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "header": self = .header(try StageHeader(from: decoder))
        case "file": self = .file(try FileEntry(from: decoder))
        case "record": self = .record(try ExtractedRecord(from: decoder))
        case "article": self = .article(try ArticleRecord(from: decoder))
        case "reject": self = .reject(try RejectRecord(from: decoder))
        case "summary": self = .summary(try StageSummary(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "unknown line kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        switch self {
        case .header(let value): try container.encode("header", forKey: .kind); try value.encode(to: encoder)
        case .file(let value): try container.encode("file", forKey: .kind); try value.encode(to: encoder)
        case .record(let value): try container.encode("record", forKey: .kind); try value.encode(to: encoder)
        case .article(let value): try container.encode("article", forKey: .kind); try value.encode(to: encoder)
        case .reject(let value): try container.encode("reject", forKey: .kind); try value.encode(to: encoder)
        case .summary(let value): try container.encode("summary", forKey: .kind); try value.encode(to: encoder)
        }
    }
}
