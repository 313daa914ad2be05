import Foundation

/// What a page's JSON-LD (`<script type="application/ld+json">`) says about its article:
/// schema.org `NewsArticle`, `Article`, `BlogPosting` … and, failing those, `WebPage`.
struct JSONLD: Equatable {
    var headline: String?
    var datePublished: String?
    var author: String?
    var publisher: String?
    var articleBody: String?
    var url: String?
    /// The `@type` of the first article-typed object (`NewsArticle`, `BlogPosting` …), nil without one.
    var articleType: String?

    static let articleTypes: Set<String> = ["newsarticle", "article", "blogposting", "reportagenewsarticle",
                                            "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                                            "backgroundnewsarticle", "liveblogposting", "scholarlyarticle",
                                            "techarticle", "report", "socialmediaposting", "posting"]

    init() {}

    /// Reads every block; the first article-typed object wins, a `WebPage` fills what it left.
    init(scripts: [String]) {
        var articles: [[String: Any]] = []
        var pages: [[String: Any]] = []
        for script in scripts {
            guard let value = Self.parse(script) else { continue }
            var queue: [Any] = [value]
            var seen = 0
            while let next = queue.popLast(), seen < 1000 {
                seen += 1
                if let list = next as? [Any] {
                    queue.append(contentsOf: list.reversed())
                    continue
                }
                guard let object = next as? [String: Any] else { continue }
                if let graph = object["@graph"] { queue.append(graph) }
                let types = Self.strings(object["@type"]).map { $0.lowercased() }
                if let type = types.first(where: Self.articleTypes.contains) {
                    articleType = articleType ?? type
                    articles.append(object)
                } else if types.contains(where: { $0.hasSuffix("webpage") }) {
                    pages.append(object)
                }
            }
        }
        for object in articles + pages {
            headline = headline ?? Self.text(object["headline"]) ?? Self.text(object["name"])
            datePublished = datePublished ?? Self.text(object["datePublished"]) ?? Self.text(object["dateCreated"])
            author = author ?? Self.names(object["author"]) ?? Self.names(object["creator"])
            publisher = publisher ?? Self.names(object["publisher"])
            articleBody = articleBody ?? Self.text(object["articleBody"])
            url = url ?? Self.text(object["url"]) ?? Self.names(object["mainEntityOfPage"], key: "@id")
        }
    }

    /// Pages write JSON-LD by hand: raw line breaks and tabs inside strings are common, so a second
    /// try reads them as spaces.
    static func parse(_ script: String) -> Any? {
        let trimmed = script.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if let value = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) { return value }
        let flattened = String(String.UnicodeScalarView(trimmed.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
        return try? JSONSerialization.jsonObject(with: Data(flattened.utf8))
    }

    static func strings(_ value: Any?) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.compactMap { $0 as? String } }
        return []
    }

    static func text(_ value: Any?) -> String? {
        let text = (value as? String).map(TextMeasure.fold) ?? strings(value).first.map(TextMeasure.fold)
        return text?.isEmpty == false ? text : nil
    }

    /// A name, an object with a `name`, or a list of them joined with commas.
    static func names(_ value: Any?, key: String = "name") -> String? {
        var found: [String] = []
        var queue: [Any] = value.map { [$0] } ?? []
        while let next = queue.popLast(), found.count < 10 {
            if let text = next as? String {
                found.append(text)
            } else if let object = next as? [String: Any] {
                if let name = object[key] { queue.append(name) }
            } else if let list = next as? [Any] {
                queue.append(contentsOf: list.reversed())
            }
        }
        let cleaned = found.map(TextMeasure.fold).filter { !$0.isEmpty }
        return cleaned.isEmpty ? nil : cleaned.joined(separator: ", ")
    }
}
