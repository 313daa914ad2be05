import Checksum
import Records

/// The transform stage for one record: clean text in, an article or a reject out. Pure: no I/O,
/// no clock, so the same record always gives the same article.
public struct ArticleTransformer: Sendable {
    /// Bump when a rule change should re-transform stored articles (`backfill --reprocess`).
    public static let version = 1

    public init() {}

    public enum Outcome: Sendable, Equatable {
        case article(ArticleRecord)
        case reject(RejectRecord)
    }

    public func transform(_ record: ExtractedRecord) -> Outcome {
        func reject(_ code: String, _ message: String) -> Outcome {
            .reject(RejectRecord(root: record.root, path: record.path, recordNo: record.recordNo,
                                 stage: .transform, code: code, message: message))
        }
        var defects = record.defects
        let normalized = TextLayout.normalize(record.text)
        if normalized.removedControls { defects.append("control_chars") }
        var lines = TextLayout.paragraphs(normalized.text)
        guard !lines.isEmpty else { return reject("empty_text", "the record holds no visible text") }
        let title = lines.removeFirst()
        guard !lines.isEmpty else { return reject("no_body", "the record has a title line but no body") }
        let body = lines.joined(separator: "\n")
        let contentHash = SHA256.hex(utf8: body)
        let detected = ScriptDetection.detect(body)
        return .article(ArticleRecord(
            root: record.root, path: record.path, recordNo: record.recordNo,
            articleKey: ArticleIdentity.key(url: nil, path: record.path, contentSHA256: contentHash),
            title: title, lang: detected.lang, script: detected.script, body: body,
            searchText: (title + "\n" + body).lowercased(), contentSHA256: contentHash,
            defects: Array(Set(defects)).sorted(), observedAtMicros: record.observedAtMicros,
            transformVersion: Self.version))
    }
}
