/// The stable identity of an article (`news.articles.article_key`).
public enum ArticleIdentity {
    /// The canonical URL when known and it names one article (`namesOneArticle`); else
    /// `doc:<id>` when the file name carries the scraper's document id (`000_11748bc2aa869176.txt`:
    /// a sequence, `_`, 16 hex digits); else `sha256:<content hash>`.
    public static func key(url: String?, path: String, contentSHA256: String) -> String {
        if let url, !url.isEmpty, namesOneArticle(url) { return url }
        if let id = scraperDocumentID(path: path) { return "doc:" + id }
        return "sha256:" + contentSHA256
    }

    /// The first of `candidates` (the record's URL field, the page's canonical link, og:url,
    /// JSON-LD url, the address it was fetched from: in order of trust) that names one article
    /// and is no front page of a section another candidate lies in; nil when none does.
    public static func articleAddress(_ candidates: [String?]) -> String? {
        let known = candidates.compactMap { $0 }.filter { !$0.isEmpty }
        return known.first { url in namesOneArticle(url) && !known.contains { isSection(url, of: $0) } }
    }

    /// Whether an http(s) URL can name one article rather than a site or a section of one: not
    /// a site's root (`https://www.china.com.cn/`), nor a folder's front page (`/index.html`,
    /// `/default.aspx`, `/home`), nor a section front (`/news/`, `/es/`, `/blog/tom-keating/`: at
    /// most two path segments, each one or two words of two letters or more, without a digit, a file extension
    /// or a query). Scrapers and CMSs print such an address as the canonical link or og:url of
    /// every page under it, so it cannot tell two articles apart.
    public static func namesOneArticle(_ url: String) -> Bool {
        guard let address = Address(url) else { return false }
        if address.hasQuery { return true }
        let segments = withoutFrontPage(address.segments)
        guard !segments.isEmpty else { return false }
        return !(segments.count <= 2 && segments.allSatisfy(isSectionName))
    }

    /// Whether `section`'s path is a proper ancestor of `url`'s on the same host: the page at
    /// `url` lies in the section `section` names.
    static func isSection(_ section: String, of url: String) -> Bool {
        guard let outer = Address(section), let inner = Address(url), !outer.hasQuery,
              outer.host == inner.host else { return false }
        let folder = withoutFrontPage(outer.segments), page = withoutFrontPage(inner.segments)
        return page.count > folder.count && page.prefix(folder.count).elementsEqual(folder)
    }

    /// A path's segments without a last one that names a folder's front page.
    private static func withoutFrontPage(_ segments: [Substring]) -> ArraySlice<Substring> {
        if let last = segments.last, isFrontPageName(last) { return segments.dropLast() }
        return segments[...]
    }

    /// `index`, `default`, `home` or `main`, bare or with a file extension (`index.html`, `default.aspx`).
    private static func isFrontPageName(_ segment: Substring) -> Bool {
        let stem = segment.split(separator: ".", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return ["index", "default", "home", "main"].contains(stem)
            && (segment.count == stem.count || !segment.dropFirst(stem.count + 1).contains("."))
    }

    /// One or two words of letters (`news`, `tom-keating`, `world_news`), 2 to 24 characters.
    private static func isSectionName(_ segment: Substring) -> Bool {
        guard (2...24).contains(segment.count), segment.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return false }
        return segment.split(whereSeparator: { $0 == "-" || $0 == "_" }).count <= 2
    }

    /// The host (lowercased, without `www.`) and path segments of an http(s) URL.
    private struct Address {
        var host: Substring
        var segments: [Substring]
        var hasQuery: Bool

        init?(_ url: String) {
            var rest = Substring(url)
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
            } else {
                guard let scheme = rest.byteRange(of: "://"), ["http", "https"].contains(rest[..<scheme.lowerBound].lowercased())
                else { return nil }
                rest = rest[scheme.upperBound...]
            }
            if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
            let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            var host = Substring(rest[..<hostEnd].lowercased())
            guard !host.isEmpty else { return nil }
            if host.hasPrefix("www.") { host = host.dropFirst(4) }
            self.host = host
            var path = rest[hostEnd...]
            hasQuery = false
            if let question = path.firstIndex(of: "?") {
                hasQuery = path.index(after: question) < path.endIndex
                path = path[..<question]
            }
            segments = path.split(separator: "/")
        }
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
