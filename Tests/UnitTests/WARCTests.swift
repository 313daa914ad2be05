import Foundation
import Records
import Testing
import TestSupport
@testable import Extract

/// Crawl archives as input: WARC and ARC files, plain or gzipped per record, read record by
/// record; pages become records of their file, everything else is passed over and counted (loading
/// them: IntegrationTests/WARCTests).
@Suite("WARC and ARC files")
struct WARCTests {
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
        let records = try CrawlArchive.crawl()
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
        let members = try CrawlArchive.crawl().map { try gzip($0) }
        let cut = Array(try gzip(CrawlArchive.response(14, body: Array(CrawlArchive.page.utf8), uri: "https://news.example.org/story/14")).dropLast(30))
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
        var lying = CrawlArchive.response(2, body: Array(CrawlArchive.page.utf8), uri: "https://news.example.org/story/2")
        // Content-Length says 40 bytes more than the block holds: the next record's start is eaten.
        let text = String(decoding: lying, as: UTF8.self)
        let length = Int(text.split(separator: "\r\n").first { $0.hasPrefix("Content-Length: ") }!.dropFirst(16))!
        lying = Array(text.replacingOccurrences(of: "Content-Length: \(length)\r\n", with: "Content-Length: \(length + 40)\r\n").utf8)
        let good = CrawlArchive.response(1, body: Array(CrawlArchive.page.utf8))
        let after = CrawlArchive.response(3, body: Array(CrawlArchive.chinesePage.utf8), uri: "https://news.example.org/zh/3")
        let cut = Array(CrawlArchive.response(4, body: Array(CrawlArchive.page.utf8), uri: "https://news.example.org/story/5").prefix(300))
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
        let http = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + CrawlArchive.page
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
}
