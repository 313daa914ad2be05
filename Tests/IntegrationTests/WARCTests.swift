import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse
@testable import Extract

/// Crawl archives as input: WARC and ARC files, plain or gzipped per record, read record by
/// record; pages become records of their file, everything else is passed over and counted.
@Suite("WARC and ARC files")
struct WARCTests {
    // MARK: - writing archives, as a crawler would

    static let page = "<html><head><title>Council approves the budget</title></head><body><article>"
        + "<p>The city council approved next year's budget on Tuesday after a long debate about roads and schools.</p>"
        + "<p>Members said the plan would raise spending on schools while cutting the cost of repairs to bridges.</p>"
        + "</article></body></html>"
    static let chinesePage = "<html><head><title>工程师在北京讨论人工智能</title></head><body><article>"
        + "<p>来自各地的工程师周二在北京开会，讨论人工智能的发展与未来的机会，会议持续了一整天。</p>"
        + "<p>与会者表示，这项计划将改善城市的交通状况，并为年轻人带来更多的工作岗位。</p></article></body></html>"
    /// `page` with another title, compressed with brotli.
    static let brotliPage: [UInt8] = [
        0x1b, 0x91, 0x00, 0x00, 0x8d, 0xd4, 0x4e, 0xf9, 0x43, 0xcd, 0x48, 0xb7, 0x79, 0x3e, 0x92, 0xc7, 0x33, 0x76, 0xd4,
        0x75, 0x29, 0x44, 0x05, 0x85, 0x22, 0x05, 0x08, 0xd4, 0xe4, 0xc0, 0xe5, 0x6f, 0xef, 0x2d, 0x0a, 0x30, 0x4f, 0x02,
        0x8a, 0x38, 0xdd, 0x21, 0xbb, 0x9e, 0xcd, 0x24, 0x89, 0x8e, 0x18, 0x2f, 0x68, 0xe8, 0x07, 0x11, 0xaa, 0x17, 0x2b,
        0xa1, 0xb8, 0x90, 0x9a, 0x44, 0x72, 0xc4, 0xcb, 0x5b, 0x67, 0x7b, 0xc5, 0xbf, 0x47, 0xec, 0x72, 0xd5, 0xab, 0x2c,
        0xf7, 0xc2, 0xe1, 0xc1, 0x1b, 0x3e, 0x63, 0x47, 0xc2, 0xcb, 0xd3, 0xa0, 0xc9, 0x92, 0x00,
    ]

    static func record(_ type: String, _ number: Int, uri: String? = "https://news.example.org/story/1",
                       date: String = "2025-03-04T05:06:07Z", contentType: String, block: [UInt8]) -> [UInt8] {
        var header = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-\(String(format: "%012d", number))>\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        header += "WARC-Date: \(date)\r\nContent-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func response(_ number: Int, status: String = "200 OK", headers: [String] = ["Content-Type: text/html"],
                         body: [UInt8], uri: String = "https://news.example.org/story/1",
                         date: String = "2025-03-04T05:06:07Z") -> [UInt8] {
        let head = "HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
        return record("response", number, uri: uri, date: date, contentType: "application/http; msgtype=response",
                      block: Array(head.utf8) + body)
    }

    /// A crawl's records: one of each kind an archive holds, in order.
    static func crawl() throws -> [[UInt8]] {
        let chunked = Array(Self.page.utf8)
        let firstChunk = Array(chunked[..<100]), rest = Array(chunked[100...])
        // The second chunk's size says more than there is: taken as far as the data goes.
        let chunkedBody = Array((String(firstChunk.count, radix: 16) + "\r\n").utf8) + firstChunk + Array("\r\n".utf8)
            + Array((String(rest.count + 40, radix: 16) + "\r\n").utf8) + rest + Array("\r\n0\r\n\r\n".utf8)
        return [
            record("warcinfo", 1, uri: nil, contentType: "application/warc-fields", block: Array("software: test\r\n".utf8)),
            record("request", 2, contentType: "application/http; msgtype=request",
                   block: Array("GET /story/1 HTTP/1.1\r\nHost: news.example.org\r\n\r\n".utf8)),
            // 3: UTF-8 Chinese under a charset that lies.
            response(3, headers: ["Content-Type: text/html; charset=iso-8859-1"], body: Array(Self.chinesePage.utf8),
                     uri: "https://news.example.org/zh/1"),
            // 4: gzipped, then sent in chunks.
            response(4, headers: ["Content-Type: text/html; charset=utf-8", "Transfer-Encoding: chunked", "Content-Encoding: gzip"],
                     body: try Self.chunk(gzip(chunked)), uri: "https://news.example.org/story/4"),
            response(5, headers: ["Content-Type: image/png"], body: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
                     uri: "https://news.example.org/logo.png"),
            response(6, status: "404 Not Found", body: Array("<html><body><p>Not found</p></body></html>".utf8),
                     uri: "https://news.example.org/missing"),
            response(7, status: "301 Moved Permanently", headers: ["Location: https://news.example.org/story/4"], body: [],
                     uri: "http://news.example.org/story/4"),
            record("revisit", 8, contentType: "application/http; msgtype=response",
                   block: Array("HTTP/1.1 304 Not Modified\r\n\r\n".utf8)),
            record("metadata", 9, contentType: "application/warc-fields", block: Array("outlink: https://x.example/\r\n".utf8)),
            // 10: brotli; 11: chunked, the last size running past the data; 12: a resource page.
            response(10, headers: ["Content-Type: text/html", "Content-Encoding: br"], body: Self.brotliPage,
                     uri: "https://news.example.org/story/10"),
            response(11, headers: ["Content-Type: text/html", "Transfer-Encoding: chunked"], body: chunkedBody,
                     uri: "https://news.example.org/story/11"),
            record("resource", 12, uri: "file:///saved/story.html", contentType: "text/html",
                   block: Array(Self.page.replacingOccurrences(of: "Council approves", with: "A resource:").utf8)),
            response(13, headers: ["Content-Type: text/plain"], body: Array("User-agent: *\nDisallow: /private\n".utf8),
                     uri: "https://news.example.org/robots.txt"),
        ]
    }

    /// `body` sent in chunks of 50 bytes.
    static func chunk(_ body: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        for start in stride(from: 0, to: body.count, by: 50) {
            let piece = body[start..<min(start + 50, body.count)]
            out += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
        }
        return out + Array("0\r\n\r\n".utf8)
    }

    /// Everything `extractor` makes of the file at `path`, read as a stream.
    func read(_ folder: TempFolder, _ name: String, maxFileSize: Int64 = 16 << 20)
        throws -> (entry: FileEntry, records: [ExtractedRecord], rejects: [RejectRecord]) {
        var problems: [RejectRecord] = []
        let file = FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems)
            .first { $0.path == name }!
        let extractor = FileExtractor(maxFileSize: maxFileSize)
        guard case .stream(let entry) = extractor.extract(file, ledger: nil) else {
            throw CancellationError()
        }
        var last = entry
        var records: [ExtractedRecord] = [], rejects: [RejectRecord] = []
        _ = try extractor.stream(file, entry: entry, recordsPerPart: 4, bytesPerPart: 1 << 20) { entry, found, refused in
            last = entry
            records += found
            rejects += refused
            return true
        }
        return (last, records, rejects)
    }

    // MARK: - reading

    @Test func pagesAreRecordsAndEverythingElseIsPassedOverAndCounted() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let records = try Self.crawl()
        try folder.write("crawl.warc", bytes: Data(records.joined()))
        let (entry, found, rejects) = try read(folder, "crawl.warc")
        #expect(entry.format == .warc)
        #expect(rejects.isEmpty, "\(rejects)")
        #expect(found.map(\.recordNo) == [3, 4, 10, 11, 12])
        // warcinfo, request, image, 404, 301, revisit, metadata, robots.txt.
        #expect(entry.recordsSkipped == 8)
        #expect(found.allSatisfy { $0.format == .html })
        #expect(found[0].text.contains("工程师在北京讨论人工智能"))
        #expect(found[0].fetchedFrom == "https://news.example.org/zh/1")
        for record in [found[1], found[3], found[4]] {
            #expect(record.text.contains("approved next year's budget") && record.text.contains("</html>"), "\(record.recordNo)")
        }
        #expect(found[2].text.contains("Compressed with brotli"))
        #expect(found[4].fetchedFrom == "file:///saved/story.html")
        #expect(found.allSatisfy { $0.observedAtMicros == 1_741_064_767_000_000 })
        #expect(found[1].warcRecordID == "<urn:uuid:00000000-0000-0000-0000-000000000004>")
        // Offsets in a plain file: where each record's `WARC/1.1` starts.
        let bytes = records.joined().map { $0 }
        for record in found {
            let offset = Int(record.byteOffset!)
            #expect(Array(bytes[offset..<(offset + 8)]) == Array("WARC/1.1".utf8))
            #expect(offset == records[..<(record.recordNo - 1)].reduce(0) { $0 + $1.count })
        }
    }

    @Test func aGzipPerRecordFileGivesEachRecordItsMembersOffsetAndSurvivesACutLastMember() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let members = try Self.crawl().map { try gzip($0) }
        let cut = Array(try gzip(Self.response(14, body: Array(Self.page.utf8), uri: "https://news.example.org/story/14")).dropLast(30))
        try folder.write("crawl.warc.gz", bytes: Data(members.joined() + cut))
        let (entry, found, rejects) = try read(folder, "crawl.warc.gz")
        #expect(found.map(\.recordNo) == [3, 4, 10, 11, 12])
        for record in found {
            #expect(record.byteOffset == Int64(members[..<(record.recordNo - 1)].reduce(0) { $0 + $1.count }))
        }
        #expect(rejects.map(\.code).contains("corrupt_gzip") || rejects.map(\.code).contains("corrupt_record"))
        #expect(entry.sha256 != nil)
    }

    @Test func aRecordCutShortOrALyingLengthIsRejectedWithItsNumberAndTheRestLoads() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        var lying = Self.response(2, body: Array(Self.page.utf8), uri: "https://news.example.org/story/2")
        // Content-Length says 40 bytes more than the block holds: the next record's start is eaten.
        let text = String(decoding: lying, as: UTF8.self)
        let length = Int(text.split(separator: "\r\n").first { $0.hasPrefix("Content-Length: ") }!.dropFirst(16))!
        lying = Array(text.replacingOccurrences(of: "Content-Length: \(length)\r\n", with: "Content-Length: \(length + 40)\r\n").utf8)
        let good = Self.response(1, body: Array(Self.page.utf8))
        let after = Self.response(3, body: Array(Self.chinesePage.utf8), uri: "https://news.example.org/zh/3")
        let cut = Array(Self.response(4, body: Array(Self.page.utf8), uri: "https://news.example.org/story/5").prefix(300))
        try folder.write("damaged.warc", bytes: Data(good + lying + after + after + cut))
        let (_, found, rejects) = try read(folder, "damaged.warc")
        // 1 loads; 2 eats the start of the next, which is lost; the record after it loads; the cut one is rejected.
        #expect(found.map(\.recordNo).first == 1)
        #expect(found.contains { $0.fetchedFrom == "https://news.example.org/zh/3" })
        #expect(rejects.map(\.code).allSatisfy { $0 == "corrupt_record" })
        #expect(rejects.last?.message.contains("the file ends inside record") == true)
        #expect(rejects.allSatisfy { $0.recordNo != nil && $0.message.contains("at byte ") })
    }

    @Test func anARCFileIsReadLikeAWARC() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let description = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
        let http = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + Self.page
        let arc = "filedesc://test.arc 127.0.0.1 20250304050607 text/plain \(description.utf8.count)\n\(description)\n"
            + "http://news.example.org/story/a b 93.184.216.34 20250304050607 text/html \(http.utf8.count)\n\(http)\n"
        try folder.write("crawl.arc", arc)
        let (entry, found, rejects) = try read(folder, "crawl.arc")
        #expect(entry.format == .arc && rejects.isEmpty && entry.recordsSkipped == 1)
        #expect(found.map(\.recordNo) == [2])
        #expect(found.first?.fetchedFrom == "http://news.example.org/story/a%20b")
        #expect(found.first?.observedAtMicros == 1_741_064_767_000_000)
    }

    @Test func httpBodiesAreReadAsABrowserReadsThem() {
        let body = Array("hello, world".utf8)
        let lyingChunks = Array("5\r\nhello\r\nff\r\n, world".utf8)
        #expect(HTTPResponse.dechunk(lyingChunks) == body)
        #expect(HTTPResponse.dechunk(body) == nil)
        #expect(HTTPResponse.dechunk(Array("7fffffffffffffff\r\nhello".utf8)) == Array("hello".utf8))
        let message = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html; charset=\"GBK\"\r\n\r\n".utf8) + body
        let response = HTTPResponse.parse(message, limit: 1000)
        #expect(response?.body == body && response?.charset == "GBK" && response?.mediaType == "text/html")
        #expect(HTTPResponse.parse(Array("not http\r\n\r\nbody".utf8), limit: 1000) == nil)
    }

    // MARK: - through the warehouse

    @Test func anArchiveWithNoPageIsReadWholeAndRejectsNothing() throws {
        let input = try TempFolder()
        defer { input.remove() }
        let records = try Self.crawl()
        try input.write("2025-03-04/requests.warc", bytes: Data(records[0] + records[1] + records[4] + records[7]))
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            var settings = Settings()
            settings.inputs = [input.path]
            let run = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions())
            #expect(run.status == .ok && run.filesRejected == 0 && run.articlesInserted == 0, "\(run.line)")
            #expect(try db.query("SELECT status || ' ' || records || ' ' || records_skipped FROM etl.files", as: String.self)
                    == ["loaded 0 4"])
        }
    }

    @Test func aCrawlLoadsWithItsLineageAndTheNewerCrawlWins() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2025-03-04/crawl-1.warc.gz", bytes: Data(try Self.crawl().map { try gzip($0) }.joined()))
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            var settings = Settings()
            settings.inputs = [input.path]
            let pipeline = Pipeline(settings: settings, logger: TestLog.quiet)
            let first = try pipeline.run(connection: db, options: RunOptions())
            #expect(first.status == .ok && first.articlesInserted == 5, "\(first.line)")
            let lineage = try db.query("""
                SELECT record_no, url, warc_record_id, byte_offset FROM etl.article_files ORDER BY record_no
                """, as: (Int, String?, String, Int64).self)
            #expect(lineage.map(\.0) == [3, 4, 10, 11, 12])
            #expect(lineage[0].1 == "https://news.example.org/zh/1")
            #expect(lineage[1].2 == "<urn:uuid:00000000-0000-0000-0000-000000000004>")
            #expect(try db.query("SELECT records_skipped FROM etl.files", as: Int.self) == [8])
            #expect(try pipeline.run(connection: db, options: RunOptions()).filesUnchanged == 1)

            // Crawls of one URL with other text: the newer WARC-Date wins, the older changes nothing.
            func crawl(_ name: String, day: String, date: String) throws {
                let text = Self.page.replacingOccurrences(of: "on Tuesday", with: "on " + day)
                try input.write(name, bytes: Data(Self.response(1, body: Array(text.utf8), uri: "https://news.example.org/story/4", date: date)))
            }
            func body() throws -> String {
                try db.query("SELECT body FROM news.articles WHERE url = 'https://news.example.org/story/4'", as: String.self).first ?? ""
            }
            try crawl("2025-03-09/crawl-2.warc", day: "Wednesday", date: "2025-03-09T00:00:00Z")
            _ = try pipeline.run(connection: db, options: RunOptions())
            #expect(try body().contains("on Wednesday"))
            try crawl("2025-02-01/crawl-0.warc", day: "Monday", date: "2025-02-01T00:00:00Z")
            _ = try pipeline.run(connection: db, options: RunOptions())
            #expect(try body().contains("on Wednesday"))
        }
    }
}
