import Checksum
import Records

/// The transform stage for one record: clean text in, an article or a reject out. Pure: no I/O,
/// no clock, so the same record always gives the same article.
public struct ArticleTransformer: Sendable {
    /// Bump when a rule change should re-transform stored articles (`backfill --reprocess`).
    public static let version = 5

    public enum Outcome: Sendable, Equatable {
        case article(ArticleRecord)
        case reject(RejectRecord)
    }

    let repair: TextRepair
    let timestamps: Timestamps
    let sources: SourceMatcher
    let entities: EntityMatcher

    public init(repair: TextRepair = TextRepair(), timestamps: Timestamps = Timestamps(),
                sources: SourceMatcher = SourceMatcher(sources: []), entities: EntityMatcher = .standard) {
        self.repair = repair
        self.timestamps = timestamps
        self.sources = sources
        self.entities = entities
    }

    /// The article key and observed time (microseconds) of `record`'s article when the record
    /// alone decides them, before any transform: a record whose own URL field is an http(s) URL
    /// (JSON, JSON Lines), which is then its key whatever its text. Nil for any other record.
    public func identity(of record: ExtractedRecord) -> (key: String, observed: Int64)? {
        guard let url = record.url.flatMap(HTMLText.httpURL), !url.isEmpty, ArticleIdentity.namesOneArticle(url),
              let observed = observedTime(of: record) else { return nil }
        return (ArticleIdentity.key(url: url, path: record.path, contentSHA256: ""), observed)
    }

    /// When the copy was seen: the scraper's crawl time when the record has one, else the file's mtime.
    func observedTime(of record: ExtractedRecord) -> Int64? {
        record.crawled.flatMap { timestamps.parse($0) }?.microseconds ?? record.observedAtMicros
    }

    /// The credits an article's lines gave: its editor, original title and credited outlet, and the
    /// outlet as a source (`outletSourceCode`, from `config/sources.json` by name or alias, else
    /// `Credits.sourceCode(outlet:)`) when it is not the article's own source: a platform that
    /// republished the outlet's story.
    func credit(_ article: inout ArticleRecord, _ credits: Credits) {
        article.editor = credits.editor
        article.originalTitle = credits.originalTitle
        guard let outlet = credits.outlet else { return }
        article.creditedOutlet = outlet
        let code = sources.code(url: nil, siteName: outlet) ?? Credits.sourceCode(outlet: outlet)
        if code != article.sourceCode { article.outletSourceCode = code }
    }

    public func transform(_ record: ExtractedRecord) -> Outcome {
        func reject(_ code: String, _ message: String) -> Outcome {
            .reject(RejectRecord(root: record.root, path: record.path, recordNo: record.recordNo,
                                 stage: .transform, code: code, message: message))
        }
        var defects = Set(record.defects)
        var rawTitle = record.title ?? ""
        var rawBody: String
        var url = record.url.flatMap(HTMLText.httpURL)
        // Where the site is told from: the article's address, else any address the page gives.
        var siteAddress = url
        var published = record.published
        var author = record.author
        var siteName = record.source
        var pageCredits: Credits?
        switch record.format {
        case .html:
            guard let page = HTMLText.extract(record.text) else {
                return reject("unparsable_html", "libxml2 could not parse the page")
            }
            guard page.isArticle else {
                return reject("not_article", "not an article: \(page.notArticleReason ?? "a list or index page")")
            }
            if rawTitle.isEmpty { rawTitle = page.title ?? "" }
            rawBody = page.paragraphs.joined(separator: "\n")
            // A page fetched from an address (a crawl archive's record) is known by the canonical
            // address it names, else by that one; an address that names a site's or a section's
            // front page, or a section the page's other addresses lie in, names no article.
            let addresses = [url] + page.addresses + [record.fetchedFrom.flatMap(HTMLText.httpURL)]
            url = ArticleIdentity.articleAddress(addresses)
            siteAddress = url ?? addresses.lazy.compactMap { $0 }.first
            published = published ?? page.published
            author = author ?? page.author
            siteName = siteName ?? page.siteName
            pageCredits = page.credits
        case .plain:
            rawBody = record.text
            if rawTitle.isEmpty { (rawTitle, rawBody) = TextLayout.splitTitle(record.text) }
        case .text:
            // A text record holds the title on its first non-blank line and the body after it,
            // unless that line is the opening paragraph (then the body keeps it).
            (rawTitle, rawBody) = TextLayout.splitTitle(record.text)
            if TextLayout.readsAsParagraph(rawTitle) { (rawTitle, rawBody) = ("", record.text) }
        }
        if rawTitle.allSatisfy(\.isWhitespace) {
            // No title in the metadata: a short first line of the body serves, as an editor would take it.
            let (first, rest) = TextLayout.splitTitle(rawBody)
            if first.count <= 100 && !TextLayout.readsAsParagraph(first) && rest.contains(where: { !$0.isWhitespace }) {
                (rawTitle, rawBody) = (first, rest)
            }
        }
        var repaired = repair.repair(title: rawTitle, body: rawBody)
        defects.formUnion(repaired.defects)
        guard !repaired.title.isEmpty || !repaired.paragraphs.isEmpty else {
            return reject("empty_text", "the record holds no visible text")
        }
        if repaired.title.isEmpty, let first = repaired.paragraphs.first {
            // Still no title (the first line was long, or the only one): its opening serves, and the
            // body keeps the whole line.
            repaired.title = TitleText.fromLine(first)
        }
        guard !repaired.title.isEmpty else { return reject("no_title", "the record has no title") }
        guard !repaired.paragraphs.isEmpty else { return reject("no_body", "the record has a title but no body") }

        let body = repaired.paragraphs.joined(separator: "\n")
        let contentHash = SHA256.hex(utf8: body)
        let detected = LanguageDetection.detect(body)
        // The source: the platform the text proves, else a configured one the URL or site name
        // matches, else one made from the URL's host (which the loader adds to news.sources).
        let host = siteAddress.flatMap(SourceMatcher.host)
        let configuredSource = repaired.sourceCode ?? sources.code(url: siteAddress, siteName: siteName)
        let derivedSource = configuredSource == nil ? SourceMatcher.derived(url: siteAddress, siteName: siteName) : nil
        // A time without a zone is read in the site's (its source's, its domain's or its language's).
        let zone = SiteZones.zone(configured: sources.zone(code: configuredSource), host: host, lang: detected.lang,
                                  script: detected.script) ?? SiteZones.unknown
        let publishedAt = published.flatMap { timestamps.parse($0, zone: zone) }
        let observed = observedTime(of: record)
        let cleanAuthor = author.map { TextLayout.paragraphs(TextLayout.normalize($0).text).joined(separator: " ") }
            .flatMap { BylineCheck.accept($0, siteName: siteName, host: host, sourceNames: sources.names(code: configuredSource)) }
        let casedTitle = SearchText.casedForm(repaired.title)
        let casedBody = SearchText.casedForm(body)
        let searchTitle = SearchText.lowercased(casedTitle)
        let searchBody = SearchText.lowercased(casedBody)
        let searchText = searchTitle + "\n" + searchBody
        var article = ArticleRecord(
            root: record.root, path: record.path, recordNo: record.recordNo,
            articleKey: ArticleIdentity.key(url: url, path: record.path, contentSHA256: contentHash),
            sourceCode: configuredSource ?? derivedSource?.code, url: url,
            title: repaired.title, author: cleanAuthor.flatMap { $0.isEmpty ? nil : $0 },
            publishedAt: publishedAt?.iso8601, lang: detected.lang, script: detected.script, body: body,
            searchText: searchText, searchVector: SearchTokens.tsvector(searchText, titleBytes: searchTitle.utf8.count),
            fingerprint: Fingerprint.fingerprint(searchBody), contentSHA256: contentHash,
            defects: defects.sorted(), observedAtMicros: observed, transformVersion: Self.version)
        article.sourceName = derivedSource?.name
        article.sourceHomepage = derivedSource?.homepage
        article.publishedDate = publishedAt?.date
        article.publishedPrecision = publishedAt?.precision.rawValue
        article.publishedOffsetMinutes = publishedAt?.statedOffsetMinutes
        article.warcRecordID = record.warcRecordID
        article.byteOffset = record.byteOffset
        article.mentions = entities.mentions(casedTitle: casedTitle, casedBody: casedBody)
        article.figures = FigureGrammar.figures(title: repaired.title, body: body)
        credit(&article, Credits(metadata: repaired.metadata, other: pageCredits))
        return .article(article)
    }
}
