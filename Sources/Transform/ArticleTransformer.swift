import Checksum
import Records

/// The transform stage for one record: clean text in, an article or a reject out. Pure: no I/O,
/// no clock, so the same record always gives the same article.
public struct ArticleTransformer: Sendable {
    /// Bump when a rule change should re-transform stored articles (`backfill --reprocess`).
    public static let version = 1

    let repair: TextRepair

    public init(repair: TextRepair = TextRepair()) {
        self.repair = repair
    }

    public enum Outcome: Sendable, Equatable {
        case article(ArticleRecord)
        case reject(RejectRecord)
    }

    public func transform(_ record: ExtractedRecord) -> Outcome {
        func reject(_ code: String, _ message: String) -> Outcome {
            .reject(RejectRecord(root: record.root, path: record.path, recordNo: record.recordNo,
                                 stage: .transform, code: code, message: message))
        }
        // A text record holds the title on its first non-blank line and the body after it.
        let (rawTitle, rawBody) = TextLayout.splitTitle(record.text)
        let repaired = repair.repair(title: rawTitle, body: rawBody)
        let defects = Set(record.defects).union(repaired.defects)
        guard !repaired.title.isEmpty || !repaired.paragraphs.isEmpty else {
            return reject("empty_text", "the record holds no visible text")
        }
        guard !repaired.title.isEmpty else { return reject("no_title", "the record has no title") }
        guard !repaired.paragraphs.isEmpty else { return reject("no_body", "the record has a title but no body") }
        let body = repaired.paragraphs.joined(separator: "\n")
        let contentHash = SHA256.hex(utf8: body)
        let detected = ScriptDetection.detect(body)
        return .article(ArticleRecord(
            root: record.root, path: record.path, recordNo: record.recordNo,
            articleKey: ArticleIdentity.key(url: nil, path: record.path, contentSHA256: contentHash),
            sourceCode: repaired.sourceCode,
            title: repaired.title, lang: detected.lang, script: detected.script, body: body,
            searchText: SearchText.make(title: repaired.title, body: body), contentSHA256: contentHash,
            defects: defects.sorted(), observedAtMicros: record.observedAtMicros,
            transformVersion: Self.version))
    }
}
