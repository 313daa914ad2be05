/// The stable identity of an article (`news.articles.article_key`).
public enum ArticleIdentity {
    /// The canonical URL when known; else `doc:<id>` when the file name carries the scraper's
    /// document id (`000_11748bc2aa869176.txt`: a sequence, `_`, 16 hex digits); else
    /// `sha256:<content hash>`.
    public static func key(url: String?, path: String, contentSHA256: String) -> String {
        if let url, !url.isEmpty { return url }
        if let id = scraperDocumentID(path: path) { return "doc:" + id }
        return "sha256:" + contentSHA256
    }

    /// The scraper's document id from a file name such as `000_11748bc2aa869176.txt`, lowercased.
    public static func scraperDocumentID(path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit),
              parts[1].count == 16, parts[1].allSatisfy(\.isHexDigit) else { return nil }
        return parts[1].lowercased()
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
