/// The format of a decoded file, from its content; the file name's extension is only a hint.
/// Crawl archives (`warc`, `arc`) are known by their first bytes, before any decoding.
public enum FileFormat: String, Codable, Sendable, Equatable {
    case text, html, json, jsonl, warc, arc
}
