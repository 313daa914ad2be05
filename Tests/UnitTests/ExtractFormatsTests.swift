import Foundation
import Records
import Testing
import TestSupport
import TextTools
@testable import Extract

/// Every format, every encoding and every reject code of the extract stage, on fixtures made here.
@Suite("extract: formats, encodings, rejects")
struct ExtractFormatsTests {
    static let chinese = "工程师在北京开会，讨论人工智能的发展。\n第二段落说明了更多的细节和背景。"

    /// Extracts one file with the given bytes and name.
    func extract(_ name: String, _ bytes: [UInt8], maxFileSize: Int64 = 1 << 20) throws -> (FileEntry, [ExtractedRecord], [RejectRecord]) {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(name, bytes: Data(bytes))
        var problems: [RejectRecord] = []
        let file = try #require(FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems).first)
        guard case .read(let entry, let records, let rejects) = FileExtractor(maxFileSize: maxFileSize).extract(file, ledger: nil) else {
            throw CancellationError()
        }
        return (entry, records, rejects)
    }

    // MARK: encodings

    @Test(arguments: [
        ("utf-8", [UInt8](("标题\n" + chinese).utf8), [String]()),
        ("utf-8", [0xEF, 0xBB, 0xBF] + [UInt8](("标题\n" + chinese).utf8), []),
        ("gb18030", Charset.encode("标题\n" + chinese, to: "gb18030")!, ["legacy_encoding"]),
        ("big5-hkscs", Charset.encode("標題\n工程師在臺北開會，討論人工智慧的發展與未來的機會。", to: "Big5-HKSCS")!, ["legacy_encoding"]),
        ("euc-tw", Charset.encode("標題\n工程師在臺北開會，討論人工智慧的發展與未來的機會。", to: "EUC-TW")!, ["legacy_encoding"]),
        ("utf-16le", [0xFF, 0xFE] + Charset.encode("标题\n" + chinese, to: "UTF-16LE")!, []),
        ("utf-16be", [0xFE, 0xFF] + Charset.encode("标题\n" + chinese, to: "UTF-16BE")!, []),
        ("utf-16le", Charset.encode("Title\nAn English body without any byte order mark at all.", to: "UTF-16LE")!, []),
        ("utf-32le", [0xFF, 0xFE, 0x00, 0x00] + Charset.encode("标题\n" + chinese, to: "UTF-32LE")!, []),
    ] as [(String, [UInt8], [String])])
    func encodingsAreDetectedAndDecoded(encoding: String, bytes: [UInt8], defects: [String]) throws {
        let (entry, records, rejects) = try extract("a.txt", bytes)
        #expect(rejects.isEmpty)
        #expect(entry.encoding == encoding)
        #expect(records.count == 1)
        #expect(records.first?.defects == defects)
        #expect(records.first?.text.contains("工程") == true || records.first?.text.contains("English") == true)
    }

    @Test func aDeclaredCharsetIsOnlyAHint() throws {
        let page = "<html><head><meta charset=\"gb2312\"><title>新闻标题</title></head><body><p>\(Self.chinese)</p></body></html>"
        let (utf8Entry, utf8Records, _) = try extract("page.html", Array(page.utf8))
        #expect(utf8Entry.encoding == "utf-8")
        #expect(utf8Records.first?.defects == ["declared_charset_wrong"])
        let (gbEntry, gbRecords, _) = try extract("page.html", try #require(Charset.encode(page, to: "gb18030")))
        #expect(gbEntry.encoding == "gb18030")
        #expect(gbRecords.first?.defects == ["legacy_encoding"])
        #expect(gbRecords.first?.text.contains("新闻标题") == true)
    }

    @Test func declaredCharsetsAreFoundInAnyLetterCase() {
        func find(_ text: String) -> String? { DeclaredCharset.find(in: Array(text.utf8)) }
        #expect(find(#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; CHARSET=GBK">"#) == "gbk")
        #expect(find(#"<?xml version="1.0" Encoding="Big5"?><rss/>"#) == "big5")
        #expect(find(#"<html><head><meta charset='utf-8'>"#) == "utf-8")
        #expect(find("The charset of this text is not declared; nor is its encoding.") == nil)
        #expect(find(String(repeating: "x", count: 4096) + "<meta charset=gbk>") == nil)   // past the first 4 KiB
    }

    /// The expressions read from the tag around the first place their word is in: the word may be
    /// first in text, or in another tag, before the declaration.
    @Test func aDeclarationAfterAnEarlierMentionIsFound() {
        func find(_ text: String) -> String? { DeclaredCharset.find(in: Array(text.utf8)) }
        #expect(find(#"<title>charset, encoding</title><meta http-equiv="content-type" content="text/html; charset=big5">"#) == "big5")
        #expect(find(#"<link rel="x" charset="utf-8"><p>x</p><meta charset="gb2312">"#) == "gb2312")
        #expect(find(#"<!-- encoding --><?xml version="1.0" encoding="GBK"?>"#) == "gbk")
        #expect(find(#"<meta name="charset"> <meta content="x"> <b>charset=gbk</b>"#) == nil)
    }

    @Test func invalidLegacyBytesAreReplacedAndCounted() throws {
        var bytes = try #require(Charset.encode("标题\n" + String(repeating: Self.chinese, count: 3), to: "gb18030"))
        bytes.insert(0xFF, at: 40)
        let (entry, records, rejects) = try extract("a.txt", bytes)
        #expect(rejects.isEmpty)
        #expect(entry.encoding == "gb18030")
        #expect(entry.invalidBytes >= 1)
        #expect(records.first?.defects == ["legacy_encoding", "invalid_bytes"])
    }

    // MARK: formats

    @Test func htmlPagesAreOneRecord() throws {
        let (entry, records, _) = try extract("000_0123456789abcdef.html", Array("<!doctype html><title>T</title><p>Body</p>".utf8))
        #expect(entry.format == .html)
        #expect(records.map(\.format) == [.html])
    }

    @Test func jsonLinesWithWindowsLineEndsSplitIntoRecords() throws {
        let text = #"{"title": "A", "content": "Body A"}"# + "\r\n" + #"{"title": "B", "content": "Body B"}"# + "\r\n"
        let (entry, records, rejects) = try extract("feed.jsonl", Array(text.utf8))
        #expect(entry.format == .jsonl)
        #expect(records.map(\.recordNo) == [1, 2])
        #expect(records.map { $0.title ?? "" } == ["A", "B"])
        #expect(rejects.isEmpty)
    }

    @Test func jsonLinesWithEscapedCJKUnderATxtNameSplitIntoRecords() throws {
        let lines = [
            #"{"url": "http://news.example.cn/1.html", "title": "\u7b2c\u4e00\u7bc7", "content": "\u6b63\u6587\u4e00", "time": 1458532800}"#,
            #"{"url": "http://news.example.cn/2.html", "title": "\u7b2c\u4e8c\u7bc7", "content": "\u6b63\u6587\u4e8c", "time": "2016-03-21 12:00:00"}"#,
            #"{"url": "http://news.example.cn/3.html", "title": broken"#,
            "",
            #"{"link": "http://news.example.cn/4.html", "headline": "Fourth", "body": "<p>HTML body</p>", "pubDate": "Mon, 21 Mar 2016 03:00:00 +0800", "byline": "Reporter"}"#,
        ]
        let (entry, records, rejects) = try extract("0.txt", Array(lines.joined(separator: "\n").utf8))
        #expect(entry.format == .jsonl)
        #expect(records.map(\.recordNo) == [1, 2, 5])
        #expect(records.map { $0.title ?? "" } == ["第一篇", "第二篇", "Fourth"])
        #expect(records[0].text == "正文一")
        #expect(records[0].published == "1458532800")
        #expect(records[0].format == .plain)
        #expect(records[2].format == .html)
        #expect(records[2].url == "http://news.example.cn/4.html")
        #expect(records[2].author == "Reporter")
        #expect(rejects.map(\.code) == ["invalid_json"])
        #expect(rejects.first?.recordNo == 3)
        #expect(rejects.first?.message.contains("line 3") == true)
    }

    /// Records are read with JSONDecoder, which makes strings only of the mapped keys; the values
    /// it reads must be what JSONSerialization's read gave: numbers as written (epoch times), also
    /// in exponent form, booleans as 1 and 0, lists joined, null and objects as nothing, escapes.
    @Test(arguments: [
        #"{"url": "http://a.cn/1", "crawled_at": 1700000000, "title": ["a", "", "b", ["c", 7]], "author": null, "content": "x"}"#,
        #"{"crawl_time": 1.7e9, "date": 1700000000.5, "time": 0.1, "published": -0, "pubDate": 1e18, "fetched_at": 123456789012345678}"#,
        #"{"date_publish": 12345678901234567890, "scraped_at": true, "writer": false, "byline": {"name": "x"}, "source": [null, {}]}"#,
        #"{"content": "\u4e2d\u6587 \ud83d\ude00 \"q\" \\ \/ \n", "title": "", "headline": "H", "link": 3, "unmapped": [1, 2]}"#,
    ])
    func recordsReadAsJSONSerializationReadThem(line: String) throws {
        let data = Data(line.utf8)
        let map = FieldMap.standard
        let decoder = FieldDecoding.decoder(for: map)
        let decoded = try #require(try JSONRecords.object(data, decoder: decoder))
        // Numbers from 10^18 on are left to JSONSerialization; the decoder reads the rest itself.
        let bigNumber = line.contains("1e18") || line.contains("12345678901234567890")
        let readByDecoder = (try? decoder.decode(FieldDecoding.Line.self, from: data)) != nil
        #expect(readByDecoder == !bigNumber)
        let serialized = FieldDecoding.values(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        let names = map.url + map.title + map.body + map.published + map.crawled + map.author + map.source
        for name in names {
            #expect(decoded[name]?.text(joiner: "|") == serialized[name]?.text(joiner: "|"), "\(name)")
        }
        #expect(decoded["unmapped"] == nil)
    }

    /// The binary test reads eight bytes at a time: it must count as a byte-by-byte loop does,
    /// over any mix of text, controls and multi-byte characters, up to its 65,536-character cut.
    @Test(arguments: [0, 1, 7, 9, 100, 65_530, 65_536, 65_545, 70_000])
    func binaryTextIsCountedAsByteByByte(scalars: Int) {
        func reference(_ text: String) -> (controls: Int, characters: Int) {
            var controls = 0, total = 0
            for byte in text.utf8 where byte & 0xC0 != 0x80 {
                total += 1
                if byte < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains(byte) { controls += 1 }
                if total == 65536 { break }
            }
            return (controls, total)
        }
        var generator = SystemRandomNumberGenerator()
        let pieces: [Unicode.Scalar] = ["a", " ", "\n", "\t", "\u{1B}", "é", "中", "😀", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}"]
        for controlShare in [0, 5, 9, 11, 30] {
            var text = String.UnicodeScalarView()
            for _ in 0..<scalars {
                let control = Int.random(in: 0..<100, using: &generator) < controlShare
                text.append(control ? ["\u{0}", "\u{1}", "\u{1F}", "\u{8}"].randomElement(using: &generator)! : pieces.randomElement(using: &generator)!)
            }
            let string = String(text)
            #expect(TextDecoding.controlCount(string) == reference(string), "\(controlShare) %")
        }
    }

    @Test func jsonObjectsAndArrays() throws {
        let object = #"{"title": "One", "maintext": "Body one.", "date_publish": "2017-07-17 17:03:00", "authors": ["A", "B"]}"#
        let (entry, records, _) = try extract("one.json", Array(object.utf8))
        #expect(entry.format == .json)
        #expect(records.first?.author == "A, B")
        #expect(records.first?.published == "2017-07-17 17:03:00")
        let array = "[\n  {\"title\": \"One\", \"text\": \"Body\"},\n  {\"title\": \"Two\", \"text\": \"Body\"},\n  42\n]"
        let (arrayEntry, arrayRecords, arrayRejects) = try extract("many.json", Array(array.utf8))
        #expect(arrayEntry.format == .json)
        #expect(arrayRecords.map(\.recordNo) == [1, 2])
        #expect(arrayRejects.map(\.code) == ["invalid_json"])
        #expect(arrayRejects.first?.recordNo == 3)
    }

    @Test func gzipFilesAreReadByWhatTheyHold() throws {
        let jsonl = #"{"title": "A", "content": "Body A"}"# + "\n" + #"{"title": "B", "content": "Body B"}"# + "\n"
        let (entry, records, rejects) = try extract("feed.jsonl.gz", try gzip(Array(jsonl.utf8)))
        #expect(rejects.isEmpty)
        #expect(entry.format == .jsonl)
        #expect(records.count == 2)
        let page = try gzip(Array("<html><title>Gz</title><p>Compressed page.</p></html>".utf8))
        let (pageEntry, pageRecords, _) = try extract("page.html.gz", page)
        #expect(pageEntry.format == .html && pageRecords.count == 1)
    }

    // MARK: rejects

    @Test func everyRejectCodeHasItsCase() throws {
        func code(_ name: String, _ bytes: [UInt8], maxFileSize: Int64 = 1 << 20) throws -> [String] {
            try extract(name, bytes, maxFileSize: maxFileSize).2.map(\.code)
        }
        #expect(try code("empty.txt", []) == ["empty"])
        #expect(try code("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 200)) == ["binary"])
        #expect(try code("big.txt", [UInt8](repeating: 0x41, count: 5000), maxFileSize: 1000) == ["too_large"])
        #expect(try code("bomb.txt.gz", try gzip([UInt8](repeating: 0x41, count: 5000)), maxFileSize: 1000) == ["too_large"])
        var truncated = try gzip(Array(String(repeating: "text ", count: 400).utf8))
        truncated.removeLast(truncated.count / 2)
        #expect(try code("cut.txt.gz", truncated) == ["corrupt_gzip"])
        #expect(try code("broken.json", Array(#"{"title": "x", "content": "#.utf8)) == ["invalid_json"])
        #expect(try code("nobody.json", Array(#"{"title": "x", "comments": 3}"#.utf8)) == ["no_body_field"])
        // Bytes that are neither UTF-8 nor anything legacy decodes cleanly.
        let noise = (0..<600).map { UInt8(truncatingIfNeeded: ($0 * 7919 + 13) % 251) | 0x80 }
        #expect(try code("noise.txt", noise) == ["undecodable"])
    }

    @Test func aFileThatVanishesIsUnreadable() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("gone.txt", "x")
        var problems: [RejectRecord] = []
        let file = try #require(FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems).first)
        try FileManager.default.removeItem(atPath: file.absolutePath)
        guard case .read(_, _, let rejects) = FileExtractor().extract(file, ledger: nil) else {
            Issue.record("not read")
            return
        }
        #expect(rejects.map(\.code) == ["unreadable"])
    }

    @Test func globsChooseTheFiles() {
        let filter = PathFilter(include: ["*.txt", "*.html"], exclude: ["*/drafts/*"])
        #expect(filter.accepts("2026-11-28/000_a.txt"))
        #expect(filter.accepts("a.html"))
        #expect(!filter.accepts("2026-11-28/drafts/000_a.txt"))
        #expect(!filter.accepts("notes.md"))
        #expect(PathFilter().accepts("anything"))
    }
}
