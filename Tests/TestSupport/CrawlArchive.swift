import Foundation

/// Crawl archives written as a crawler would (WARC 1.1 records, HTTP responses in them), for the
/// tests that read them (UnitTests/WARCTests) and load them (IntegrationTests/WARCTests).
public enum CrawlArchive {
    public static let page = "<html><head><title>Council approves the budget</title></head><body><article>"
        + "<p>The city council approved next year's budget on Tuesday after a long debate about roads and schools.</p>"
        + "<p>Members said the plan would raise spending on schools while cutting the cost of repairs to bridges.</p>"
        + "</article></body></html>"
    public static let chinesePage = "<html><head><title>工程师在北京讨论人工智能</title></head><body><article>"
        + "<p>来自各地的工程师周二在北京开会，讨论人工智能的发展与未来的机会，会议持续了一整天。</p>"
        + "<p>与会者表示，这项计划将改善城市的交通状况，并为年轻人带来更多的工作岗位。</p></article></body></html>"
    /// `page` with another title, compressed with brotli.
    public static let brotliPage: [UInt8] = [
        0x1b, 0x91, 0x00, 0x00, 0x8d, 0xd4, 0x4e, 0xf9, 0x43, 0xcd, 0x48, 0xb7, 0x79, 0x3e, 0x92, 0xc7, 0x33, 0x76, 0xd4,
        0x75, 0x29, 0x44, 0x05, 0x85, 0x22, 0x05, 0x08, 0xd4, 0xe4, 0xc0, 0xe5, 0x6f, 0xef, 0x2d, 0x0a, 0x30, 0x4f, 0x02,
        0x8a, 0x38, 0xdd, 0x21, 0xbb, 0x9e, 0xcd, 0x24, 0x89, 0x8e, 0x18, 0x2f, 0x68, 0xe8, 0x07, 0x11, 0xaa, 0x17, 0x2b,
        0xa1, 0xb8, 0x90, 0x9a, 0x44, 0x72, 0xc4, 0xcb, 0x5b, 0x67, 0x7b, 0xc5, 0xbf, 0x47, 0xec, 0x72, 0xd5, 0xab, 0x2c,
        0xf7, 0xc2, 0xe1, 0xc1, 0x1b, 0x3e, 0x63, 0x47, 0xc2, 0xcb, 0xd3, 0xa0, 0xc9, 0x92, 0x00,
    ]

    public static func record(_ type: String, _ number: Int, uri: String? = "https://news.example.org/story/1",
                              date: String = "2025-03-04T05:06:07Z", contentType: String, block: [UInt8]) -> [UInt8] {
        var header = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-\(String(format: "%012d", number))>\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        header += "WARC-Date: \(date)\r\nContent-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    public static func response(_ number: Int, status: String = "200 OK", headers: [String] = ["Content-Type: text/html"],
                                body: [UInt8], uri: String = "https://news.example.org/story/1",
                                date: String = "2025-03-04T05:06:07Z") -> [UInt8] {
        let head = "HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
        return record("response", number, uri: uri, date: date, contentType: "application/http; msgtype=response",
                      block: Array(head.utf8) + body)
    }

    /// A crawl's records: one of each kind an archive holds, in order.
    public static func crawl() throws -> [[UInt8]] {
        let chunked = Array(page.utf8)
        let firstChunk = Array(chunked[..<100]), rest = Array(chunked[100...])
        // The second chunk's size says more than there is: taken as far as the data goes.
        let chunkedBody = Array((String(firstChunk.count, radix: 16) + "\r\n").utf8) + firstChunk + Array("\r\n".utf8)
            + Array((String(rest.count + 40, radix: 16) + "\r\n").utf8) + rest + Array("\r\n0\r\n\r\n".utf8)
        return [
            record("warcinfo", 1, uri: nil, contentType: "application/warc-fields", block: Array("software: test\r\n".utf8)),
            record("request", 2, contentType: "application/http; msgtype=request",
                   block: Array("GET /story/1 HTTP/1.1\r\nHost: news.example.org\r\n\r\n".utf8)),
            // 3: UTF-8 Chinese under a charset that lies.
            response(3, headers: ["Content-Type: text/html; charset=iso-8859-1"], body: Array(chinesePage.utf8),
                     uri: "https://news.example.org/zh/1"),
            // 4: gzipped, then sent in chunks.
            response(4, headers: ["Content-Type: text/html; charset=utf-8", "Transfer-Encoding: chunked", "Content-Encoding: gzip"],
                     body: try chunk(gzip(chunked)), uri: "https://news.example.org/story/4"),
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
            response(10, headers: ["Content-Type: text/html", "Content-Encoding: br"], body: brotliPage,
                     uri: "https://news.example.org/story/10"),
            response(11, headers: ["Content-Type: text/html", "Transfer-Encoding: chunked"], body: chunkedBody,
                     uri: "https://news.example.org/story/11"),
            record("resource", 12, uri: "file:///saved/story.html", contentType: "text/html",
                   block: Array(page.replacingOccurrences(of: "Council approves", with: "A resource:").utf8)),
            response(13, headers: ["Content-Type: text/plain"], body: Array("User-agent: *\nDisallow: /private\n".utf8),
                     uri: "https://news.example.org/robots.txt"),
        ]
    }

    /// `body` sent in chunks of 50 bytes.
    public static func chunk(_ body: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        for start in stride(from: 0, to: body.count, by: 50) {
            let piece = body[start..<min(start + 50, body.count)]
            out += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
        }
        return out + Array("0\r\n\r\n".utf8)
    }
}
