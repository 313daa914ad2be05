import TextTools

/// The article key of a saved page read from its bytes, without parsing it: the `href` of its first
/// `<link rel="canonical">`, when nothing before that link could make libxml2's HTML parser read
/// the page otherwise; or, for a page that holds no "canonical" at all, the `content` of its first
/// `og:url` meta tag, read the same way (the transform's next choice). `run` uses it to leave
/// untransformed the older copies of an article whose newer copy is stored (`OlderCopies`), reading
/// the first bytes of a file to find them and the whole decoded page to decide. A wrong key there
/// would leave an article out, so the reading gives up (nil) on anything it is not sure of:
/// - it passes over the head's plain parts only: the doctype, `<?…>`, comments (to `-->`), `html`,
///   `head`, `meta` and `base` tags, `title` (text without `<`), `script` and `style` (to their
///   closing tag, where the parser ends them), and `link` tags; any other tag (`body`, `noscript`,
///   `div`, …) ends the search;
/// - it reads a tag's attributes as the parser does (quoted or bare values; the first of a name
///   counts) and gives up on one it could read otherwise (an odd name, an unclosed quote);
/// - the `href` (or `content`) must be an absolute http(s) URL of plain URL characters: no `&` (the
///   parser decodes entities) and no blank; a canonical link without one ends the search;
/// - a NUL among the first 4 KB (UTF-16, UTF-32) ends it before it starts;
/// - an address that names a site's or a section's front page (`ArticleIdentity.namesOneArticle`)
///   gives no key.
/// Within those bounds the key equals the one `ArticleTransformer` gives the page's article
/// (`ArticleIdentity.key` of the canonical URL), which `run` checks again on the decoded text.
public enum CanonicalHint {
    /// How much of a file is read for the hint: the canonical link of 95 % of the bench corpus's
    /// pages that have one stands within its first 32 KB.
    public static let prefixLength = 32 * 1024

    /// The article key the page's canonical link (or og:url) gives, or nil. Of the first bytes of
    /// a page only, an og:url key may be wrong: a canonical link may follow.
    public static func key(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { key(in: $0) }
    }

    public static func key(in page: UnsafeBufferPointer<UInt8>) -> String? {
        hint(in: page)?.key
    }

    /// The key, and the text of the page's `<title>` when it comes before the key's link (as
    /// written, whitespace folded; nil without one): two pages that give one key under different
    /// titles may be two stories (`OlderCopies` then leaves both to the transform).
    public static func hint(in bytes: [UInt8]) -> (key: String, title: String?)? {
        bytes.withUnsafeBufferPointer { hint(in: $0) }
    }

    public static func hint(in page: UnsafeBufferPointer<UInt8>) -> (key: String, title: String?)? {
        var title: String?
        return key(in: page, title: &title).map { ($0, title) }
    }

    private static func key(in page: UnsafeBufferPointer<UInt8>, title: inout String?) -> String? {
        guard !page.prefix(4096).contains(0) else { return nil }
        // The first og:url meta's content (nil content: one was found but cannot serve).
        var ogURL: ArraySlice<UInt8>??
        // Where the reading stops short of a canonical link, the og:url found before serves if the
        // page names no canonical link anywhere.
        func fallback() -> String? {
            guard let found = ogURL, let content = found, content.allSatisfy(isPlainURLByte),
                  ByteSearch.find("canonical", in: page, ignoringASCIICase: true) == nil else { return nil }
            return articleAddress(content)
        }
        var index = 0
        while let open = ByteSearch.find("<", in: page, from: index) {
            if ByteSearch.matches("<!--", in: page, at: open) {
                guard let end = ByteSearch.find("-->", in: page, from: open + 4),
                      ByteSearch.find("--!>", in: page, from: open + 4, to: end + 3) == nil else { return fallback() }
                index = end + 3
                continue
            }
            if ByteSearch.matches("<!doctype", in: page, at: open, ignoringASCIICase: true)
                || ByteSearch.matches("<?", in: page, at: open) || closesHeadElement(page, at: open) {
                guard let end = ByteSearch.find(">", in: page, from: open) else { return fallback() }
                index = end + 1
                continue
            }
            guard let tag = StartTag(page, at: open) else { return fallback() }
            switch tag.name {
            case "meta":
                // As the page tree reads it: the first meta with a content whose property, name or
                // itemprop is og:url.
                if ogURL == nil, let content = tag.value(of: "content"), !content.isEmpty,
                   ["property", "name", "itemprop"].contains(where: { tag.value(of: $0).map(isOGURL) ?? false }) {
                    ogURL = .some(content.contains(UInt8(ascii: "&")) ? nil : content)
                }
                index = tag.end
            case "html", "head", "base":
                index = tag.end
            case "title":
                guard let close = ByteSearch.find("</title", in: page, from: tag.end, ignoringASCIICase: true),
                      ByteSearch.find("<", in: page, from: tag.end, to: close) == nil else { return fallback() }
                if title == nil {
                    title = String(decoding: page[tag.end..<close], as: UTF8.self)
                        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                }
                index = close
            case "script", "style":
                let closing = tag.name == "script" ? ByteSearch.find("</script", in: page, from: tag.end, ignoringASCIICase: true)
                                                   : ByteSearch.find("</style", in: page, from: tag.end, ignoringASCIICase: true)
                guard let close = closing else { return fallback() }
                index = close
            case "link":
                guard let rel = tag.value(of: "rel") else { index = tag.end; continue }
                guard !rel.contains(UInt8(ascii: "&")) else { return nil }
                guard String(decoding: rel, as: UTF8.self).lowercased() == "canonical" else { index = tag.end; continue }
                guard let href = tag.value(of: "href"), href.allSatisfy(isPlainURLByte) else { return nil }
                return articleAddress(href)
            default:
                return fallback()
            }
        }
        return fallback()
    }

    /// The URL in `bytes` when it names one article; nil for a site's or a section's front page
    /// (the transform keys such a page otherwise: `ArticleIdentity.articleAddress`).
    private static func articleAddress(_ bytes: ArraySlice<UInt8>) -> String? {
        HTMLText.httpURL(String(decoding: bytes, as: UTF8.self)).flatMap { ArticleIdentity.namesOneArticle($0) ? $0 : nil }
    }

    private static func isOGURL(_ value: ArraySlice<UInt8>) -> Bool {
        value.count == 6 && String(decoding: value, as: UTF8.self).lowercased() == "og:url"
    }

    /// `</head`, `</title`, `</script`, `</style`, `</meta` or `</link`, then a blank or `>`.
    private static func closesHeadElement(_ page: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard ByteSearch.matches("</", in: page, at: index) else { return false }
        for name: StaticString in ["head", "title", "script", "style", "meta", "link"]
        where ByteSearch.matches(name, in: page, at: index + 2, ignoringASCIICase: true) {
            let after = index + 2 + name.utf8CodeUnitCount
            return after < page.count && (HTMLBytes.isBlank(page[after]) || page[after] == UInt8(ascii: ">"))
        }
        return false
    }

    /// A start tag read as libxml2's HTML parser reads one; nil where it might read it otherwise.
    private struct StartTag {
        /// Lowercase.
        var name: String
        var attributes: [(name: String, value: ArraySlice<UInt8>?)] = []
        /// Just past the `>`.
        var end: Int

        init?(_ page: UnsafeBufferPointer<UInt8>, at open: Int) {
            var index = open + 1
            guard index < page.count, ByteSearch.isASCIILetter(page[index]) else { return nil }
            while index < page.count, HTMLBytes.isNameByte(page[index]) { index += 1 }
            name = String(decoding: page[(open + 1)..<index], as: UTF8.self).lowercased()
            end = 0
            while true {
                while index < page.count, HTMLBytes.isBlank(page[index]) { index += 1 }
                guard index < page.count else { return nil }
                if page[index] == UInt8(ascii: ">") { end = index + 1; return }
                if ByteSearch.matches("/>", in: page, at: index) { end = index + 2; return }
                // A name: a letter, `_`, `:` or `.`, then those, digits and `-`.
                guard HTMLBytes.isNameStart(page[index]) else { return nil }
                let nameStart = index
                while index < page.count, HTMLBytes.isNameByte(page[index]) { index += 1 }
                let attribute = String(decoding: page[nameStart..<index], as: UTF8.self).lowercased()
                while index < page.count, HTMLBytes.isBlank(page[index]) { index += 1 }
                var value: ArraySlice<UInt8>?
                if index < page.count, page[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < page.count, HTMLBytes.isBlank(page[index]) { index += 1 }
                    guard index < page.count else { return nil }
                    let quote = page[index]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let close = page[(index + 1)...].firstIndex(of: quote) else { return nil }
                        value = ArraySlice(page[(index + 1)..<close])
                        index = close + 1
                    } else {
                        let start = index
                        while index < page.count, !HTMLBytes.isBlank(page[index]), page[index] != UInt8(ascii: ">") { index += 1 }
                        guard index > start else { return nil }
                        value = ArraySlice(page[start..<index])
                    }
                }
                attributes.append((attribute, value))
            }
        }

        /// The value of the first attribute of this name (nil without one, or without a value).
        func value(of attribute: String) -> ArraySlice<UInt8>? {
            attributes.first { $0.name == attribute }?.value ?? nil
        }
    }

    /// Printable ASCII that a URL holds as it is: not a blank, a quote, `&`, `<`, `>`, `\`, `^`,
    /// `` ` ``, `{`, `|` or `}`.
    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        guard byte > 0x20 && byte < 0x7F else { return false }
        return !"\"&'<>\\^`{|}".utf8.contains(byte)
    }
}
