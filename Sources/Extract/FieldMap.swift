import Foundation
import Records

/// Which JSON field names scrapers use for each article field, in order of preference. Loaded from
/// `config/fields.json` when present; the built-in table covers the common names.
public struct FieldMap: Sendable, Equatable {
    public var url: [String]
    public var title: [String]
    public var body: [String]
    public var published: [String]
    public var crawled: [String]
    public var author: [String]
    public var source: [String]

    public static let standard = FieldMap(
        url: ["url", "link", "canonical_url", "href"],
        title: ["title", "headline", "name"],
        body: ["content", "body", "text", "article", "maintext", "article_body", "articleBody"],
        published: ["publish_time", "published_at", "published", "pubDate", "date_publish", "datePublished", "time", "date"],
        crawled: ["crawled_at", "crawl_time", "date_download", "fetched_at", "scraped_at"],
        author: ["author", "byline", "authors", "writer"],
        source: ["source", "site", "source_domain", "site_name", "publisher"])

    public init(url: [String], title: [String], body: [String], published: [String], crawled: [String],
                author: [String], source: [String]) {
        self.url = url
        self.title = title
        self.body = body
        self.published = published
        self.crawled = crawled
        self.author = author
        self.source = source
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "field map \(path): \(message)" }
    }

    /// Reads a JSON object of field → list of names; fields it omits keep the standard names.
    public static func load(path: String) throws -> FieldMap {
        let object = try ConfigJSON.object(at: path) { LoadError(path: path, message: $0) }.object
        var map = FieldMap.standard
        for (key, value) in object where !key.hasPrefix("_") {
            guard let names = value as? [String], !names.isEmpty else {
                throw LoadError(path: path, message: "key '\(key)' must be a non-empty list of field names")
            }
            switch key {
            case "url": map.url = names
            case "title": map.title = names
            case "body": map.body = names
            case "published": map.published = names
            case "crawled": map.crawled = names
            case "author": map.author = names
            case "source": map.source = names
            default: throw LoadError(path: path, message: "unknown key '\(key)'")
            }
        }
        return map
    }
}
