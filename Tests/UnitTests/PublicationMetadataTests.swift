import Foundation
import Records
import Testing
import TestSupport
@testable import Transform

/// Publication dates kept as the source gave them, sources made from hosts, the language from CLD2
/// (issue 27). Bylines have their golden file (`BylineGoldenTests`).
@Suite("publication metadata: dates, zones, sources, language")
struct PublicationMetadataTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let london = TimeZone(identifier: "Europe/London")!

    /// (raw, zone of the site, printed day, precision, stated offset in minutes, instant).
    /// A run of digits read as one number can be any size: no year but one of four digits is read
    /// (found in review: these trapped on an overflow).
    @Test(arguments: ["20240509102100-05", "May 202405091021", "202405091021", "9999999999999999 May 9", "12/05/99999999999"])
    func digitRunsThatAreNoYearAreNoDate(raw: String) {
        #expect(Timestamps().parse(raw, zone: Self.utc) == nil || Timestamps().parse(raw, zone: Self.utc)?.date.count == 10)
    }

    @Test(arguments: [
        ("2012-11-12", utc, "2012-11-12", "day", nil, "2012-11-12T00:00:00+00:00"),
        ("2012-11-12", shanghai, "2012-11-12", "day", nil, "2012-11-12T00:00:00+08:00"),
        ("2012/11/12", newYork, "2012-11-12", "day", nil, "2012-11-12T00:00:00-05:00"),
        ("2024-05-09 10:21", shanghai, "2024-05-09", "minute", nil, "2024-05-09T10:21:00+08:00"),
        ("2024-07-04 12:00", london, "2024-07-04", "minute", nil, "2024-07-04T12:00:00+01:00"),
        ("2024-05-09T23:30:00-05:00", shanghai, "2024-05-09", "second", -300, "2024-05-09T23:30:00-05:00"),
        ("2024-05-09T10:21Z", shanghai, "2024-05-09", "minute", 0, "2024-05-09T10:21:00+00:00"),
        ("Thu, 09 May 2024 02:21:00 GMT", shanghai, "2024-05-09", "second", 0, "2024-05-09T02:21:00+00:00"),
        ("Mon, 21 Mar 2016 03:00:00 +0800", utc, "2016-03-21", "second", 480, "2016-03-21T03:00:00+08:00"),
        ("May 9, 2024 10:21 PM", newYork, "2024-05-09", "minute", nil, "2024-05-09T22:21:00-04:00"),
        ("May 9, 2024 12:05 am", utc, "2024-05-09", "minute", nil, "2024-05-09T00:05:00+00:00"),
        ("May 9, 2024", newYork, "2024-05-09", "day", nil, "2024-05-09T00:00:00-04:00"),
        ("2024年5月9日", shanghai, "2024-05-09", "day", nil, "2024-05-09T00:00:00+08:00"),
        ("2024-05", utc, "2024-05-01", "month", nil, "2024-05-01T00:00:00+00:00"),
        ("May 2024", utc, "2024-05-01", "month", nil, "2024-05-01T00:00:00+00:00"),
        ("2024", utc, "2024-01-01", "year", nil, "2024-01-01T00:00:00+00:00"),
        // An instant counted in seconds states no offset; its day is the site's.
        ("1458532800", newYork, "2016-03-21", "second", nil, "2016-03-21T00:00:00-04:00"),
        ("1458532800", shanghai, "2016-03-21", "second", nil, "2016-03-21T12:00:00+08:00"),
    ] as [(String, TimeZone, String, String, Int?, String)])
    func datesKeepWhatTheSourceGave(raw: String, zone: TimeZone, date: String, precision: String, offset: Int?,
                                    iso: String) {
        let instant = Timestamps().parse(raw, zone: zone)
        #expect(instant?.date == date)
        #expect(instant?.precision.rawValue == precision)
        #expect(instant?.statedOffsetMinutes == offset)
        #expect(instant?.iso8601 == iso)
    }

    @Test(arguments: [
        (nil, "nfl.si.com", "en", "Latn", nil),
        (nil, "news.sina.com.cn", "zh", "Hans", "Asia/Shanghai"),
        (nil, "www.bbc.co.uk", "en", "Latn", "Europe/London"),
        (nil, "www.udn.com.tw", "zh", "Hant", "Asia/Taipei"),
        (nil, "news.example.hk", "en", "Latn", "Asia/Hong_Kong"),
        (nil, "www.example.jp", "und", "Latn", "Asia/Tokyo"),
        (nil, nil, "zh", "Hans", "Asia/Shanghai"),
        (nil, "example.com", "zh", "Hant", "Asia/Taipei"),
        (nil, "example.com", "ja", "Jpan", "Asia/Tokyo"),
        (nil, "example.org", "fr", "Latn", nil),
        ("America/New_York", "www.example.cn", "zh", "Hans", "America/New_York"),
    ] as [(String?, String?, String, String?, String?)])
    func theSiteZoneComesFromTheSourceTheDomainOrTheLanguage(configured: String?, host: String?, lang: String,
                                                             script: String?, expected: String?) {
        let zone = SiteZones.zone(configured: configured.flatMap(TimeZone.init(identifier:)), host: host, lang: lang,
                                  script: script)
        #expect(zone?.identifier == expected)
    }

    @Test(arguments: [
        ("https://www.Example.COM/a/1.html", "Example News", "example.com", "Example News", "https://www.example.com/"),
        ("https://nfl.si.com/2012/11/12/story", nil, "nfl.si.com", "nfl.si.com", "https://nfl.si.com/"),
        ("http://news.example.org:8080/x", "  The \n Example  ", "news.example.org", "The Example",
         "http://news.example.org/"),
        ("https://user@blog.example.net/x", "", "blog.example.net", "blog.example.net", "https://blog.example.net/"),
    ] as [(String, String?, String, String, String)])
    func aSourceIsMadeFromTheHost(url: String, siteName: String?, code: String, name: String, homepage: String) {
        let source = SourceMatcher.derived(url: url, siteName: siteName)
        #expect(source?.code == code)
        #expect(source?.name == name)
        #expect(source?.homepage == homepage)
    }

    @Test(arguments: ["http://192.168.0.1/x", "https://例子.中国/a", "https://localhost/a", "https://-bad.example/a",
                      "not a url", "ftp://example.com/a"])
    func aHostThatCannotBeACodeMakesNoSource(url: String) {
        #expect(SourceMatcher.derived(url: url, siteName: "Site") == nil)
    }

    static let siPage = page(head: """
        <link rel="canonical" href="https://nfl.si.com/2012/11/12/river-rises">
        <meta property="og:site_name" content="SI.com">
        <meta name="author" content="View Profile">
        """)

    @Test func aDateAloneLandsOnItsPrintedDayWithASourceMadeFromTheHost() throws {
        let record = ExtractedRecord(root: "/in", path: "si.html", recordNo: 1, format: .html, text: Self.siPage)
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.publishedDate == "2012-11-12")
        #expect(article.publishedPrecision == "day")
        #expect(article.publishedOffsetMinutes == nil)
        #expect(article.publishedAt == "2012-11-12T00:00:00+00:00")
        #expect(article.sourceCode == "nfl.si.com")
        #expect(article.sourceName == "SI.com")
        #expect(article.sourceHomepage == "https://nfl.si.com/")
        #expect(article.author == nil)   // "View Profile" is no byline
        #expect(article.lang == "en")
    }

    @Test func aConfiguredSourceWinsAndGivesItsZone() throws {
        let si = Source(code: "si", name: "Sports Illustrated", hosts: ["si.com"], timeZone: "America/New_York")
        let transformer = ArticleTransformer(sources: SourceMatcher(sources: [si]))
        let record = ExtractedRecord(root: "/in", path: "si.html", recordNo: 1, format: .html, text: Self.siPage)
        guard case .article(let article) = transformer.transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.sourceCode == "si")
        #expect(article.sourceName == nil)   // known: nothing for the loader to add
        #expect(article.publishedAt == "2012-11-12T00:00:00-05:00")
        #expect(article.publishedDate == "2012-11-12")
    }

    @Test func aStatedOffsetIsKept() throws {
        let html = page(head: """
            <link rel="canonical" href="https://www.example.cn/a/1.html">
            <meta property="article:published_time" content="2024-05-09T23:30:00-05:00">
            """)
        let record = ExtractedRecord(root: "/in", path: "a.html", recordNo: 1, format: .html, text: html)
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.publishedDate == "2024-05-09")
        #expect(article.publishedOffsetMinutes == -300)
        #expect(article.publishedPrecision == "second")
    }

    @Test func aBylineThatIsTheConfiguredSourceIsNone() {
        let netease = Source(code: "netease", name: "网易新闻", hosts: ["163.com"], aliases: ["网易", "NetEase"])
        let matcher = SourceMatcher(sources: [netease])
        #expect(BylineCheck.accept("网易", sourceNames: matcher.names(code: "netease")) == nil)
        #expect(BylineCheck.accept("netease", sourceNames: matcher.names(code: "netease")) == nil)
        #expect(BylineCheck.accept("网易", sourceNames: matcher.names(code: "sohu")) == "网易")
        #expect(BylineCheck.accept("王小明", sourceNames: matcher.names(code: "netease")) == "王小明")
    }

    @Test(arguments: [
        ("https://blog.example.com/2019/05/a-story/", "2019-05"),
        ("https://blog.example.com/2019/05/09/a-story/", "2019-05-09"),
        ("https://blog.example.com/2019/05/123456", "2019-05"),
        ("https://blog.example.com/v2019/05/a-story", nil),
        ("https://blog.example.com/a-2019-05-story", nil),
        ("https://blog.example.com/2019/13/a-story", nil),
    ] as [(String, String?)])
    func aMonthInTheURLIsAMonth(url: String, expected: String?) {
        #expect(DateInText.inURL(url) == expected)
        if let expected {
            #expect(Timestamps().parse(expected, zone: Self.utc)?.precision.rawValue == (expected.count == 7 ? "month" : "day"))
        }
    }

    @Test func anUnknownZoneInTheSourcesFileIsAnError() {
        let json = #"{"code": "x", "name": "X", "timeZone": "Mars/Olympus"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Source.self, from: Data(json.utf8)) }
    }

    /// Texts written for these tests, one per language the common-word guesser got wrong or could
    /// not name, and the ones it handled.
    @Test(arguments: [
        ("Pemerintah daerah akan membangun jembatan baru di atas sungai itu tahun depan. Warga desa sudah lama menunggu jalan yang lebih aman untuk anak-anak mereka yang berangkat ke sekolah setiap pagi.", "id", "Latn"),
        ("Belediye, gelecek yıl nehrin üzerine yeni bir köprü inşa edecek. Köy halkı, her sabah okula giden çocukları için daha güvenli bir yolu uzun zamandır bekliyordu.", "tr", "Latn"),
        ("Городские власти построят новый мост через реку в следующем году. Жители деревни давно ждали более безопасной дороги для детей, которые каждое утро ходят в школу.", "ru", "Cyrl"),
        ("ستقوم البلدية ببناء جسر جديد فوق النهر في العام المقبل. وقد انتظر سكان القرية طويلا طريقا أكثر أمانا لأطفالهم الذين يذهبون إلى المدرسة كل صباح.", "ar", "Arab"),
        ("The town council will build a new bridge over the river next year. People in the village have long waited for a safer road for the children who walk to school every morning.", "en", "Latn"),
        ("La mairie construira un nouveau pont sur la rivière l'année prochaine. Les habitants du village attendent depuis longtemps une route plus sûre pour les enfants qui vont à l'école chaque matin.", "fr", "Latn"),
        ("市政府明年将在河上修建一座新桥。村民们一直在等待一条更安全的道路，让每天早上去上学的孩子们走。", "zh", "Hans"),
        ("市政府明年將在河上修建一座新橋。村民們一直在等待一條更安全的道路，讓每天早上去上學的孩子們走。", "zh", "Hant"),
        ("市は来年、川に新しい橋を建設します。村の人々は、毎朝学校に通う子どもたちのために、より安全な道を長い間待っていました。", "ja", "Jpan"),
        ("Hello there", "und", "Latn"),
        ("12345 ... !!!", "und", nil),
    ] as [(String, String, String?)])
    func theLanguageComesFromCLD2AndChineseFromItsScript(text: String, lang: String, script: String?) {
        #expect(LanguageDetection.detect(text) == ScriptDetection.Result(lang: lang, script: script))
    }

    @Test func cld2ReadsOnlyTheStartOfALongText() {
        // Past the sample, the text is another language: the answer is the start's.
        let english = String(repeating: "The council met on Monday and agreed to repair the old road. ", count: 80)
        let french = String(repeating: "Le conseil s'est réuni lundi et a décidé de réparer la vieille route. ", count: 200)
        #expect(english.utf8.count > LanguageDetection.sampleBytes)
        #expect(LanguageDetection.detect(english + french).lang == "en")
        // A multi-byte letter cut at the sample's end is not split.
        let cyrillic = String(repeating: "Жители деревни давно ждали новую дорогу. ", count: 200)
        #expect(LanguageDetection.detect("x" + cyrillic).lang == "ru")
    }
}
