import Foundation

/// An HTTP response as a crawler recorded it in a WARC `response` record: status line, headers,
/// and the body as the page's bytes (chunks joined, content encoding undone). Servers lie, and
/// the parsing takes what they sent as a browser would: chunk sizes that run past the end are
/// taken as far as the data goes, a body that says it is chunked but is not is taken as it is,
/// and one that does not inflate as its encoding says is taken as sent.
struct HTTPResponse {
    var status: Int
    /// Header names folded to lower case; repeated headers joined by `, `.
    var headers: [String: String]
    var body: [UInt8]

    /// The media type of `Content-Type`, in lower case, without parameters.
    var mediaType: String? { headers["content-type"].map(Self.mediaType(of:)) }

    /// The `charset` parameter of `Content-Type`: a hint, weighed like a page's `<meta charset>`.
    var charset: String? { headers["content-type"].flatMap(Self.charset(of:)) }

    /// The media type of a `Content-Type` value (an HTTP header's, or a WARC record's).
    static func mediaType(of value: String) -> String {
        (value.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The `charset` parameter of a `Content-Type` value.
    static func charset(of value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }

    /// The response in `message`, or nil when it does not start with an HTTP status line.
    /// `limit` bounds the body once decoded.
    static func parse(_ message: [UInt8], limit: Int) -> HTTPResponse? {
        guard let end = headerEnd(message) else { return nil }
        let head = String(decoding: message[..<end.headerEnd], as: UTF8.self)
        var lines = head.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })[...]
        guard let statusLine = lines.popFirst(), statusLine.hasPrefix("HTTP/") else { return nil }
        let parts = statusLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        var body = Array(message[end.bodyStart...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true, let joined = dechunk(body) {
            body = joined
        }
        for coding in (headers["content-encoding"] ?? "").lowercased().split(separator: ",").reversed() {
            if let decoded = decode(body, coding: coding.trimmingCharacters(in: .whitespaces), limit: limit) { body = decoded }
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// Where the headers end (before the blank line) and the body starts.
    static func headerEnd(_ message: [UInt8]) -> (headerEnd: Int, bodyStart: Int)? {
        var index = 0
        while index < message.count {
            if message[index] == 0x0A {
                if index + 1 < message.count && message[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < message.count && message[index + 1] == 0x0D && message[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The chunks of a chunked body joined; nil when the body does not start with a chunk size (it
    /// was not chunked, whatever its header said). A size that runs past the data takes what is there.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var index = 0
        var chunks = 0
        while index < body.count {
            guard let lineEnd = body[index...].firstIndex(of: 0x0A) else { break }
            let line = String(decoding: body[index..<lineEnd], as: UTF8.self)
            let sizeText = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                return chunks == 0 ? nil : out
            }
            chunks += 1
            index = lineEnd + 1
            if size == 0 { break }
            let end = size >= body.count - index ? body.count : index + size
            out.append(contentsOf: body[index..<end])
            index = end
            // The chunk's CRLF.
            if index < body.count && body[index] == 0x0D { index += 1 }
            if index < body.count && body[index] == 0x0A { index += 1 }
        }
        return chunks == 0 ? nil : out
    }

    /// A body decoded from a content coding; nil for a coding it does not know or data that does not
    /// decode as that coding (the body is then taken as sent).
    static func decode(_ body: [UInt8], coding: String, limit: Int) -> [UInt8]? {
        switch coding {
        case "gzip", "x-gzip":
            return (try? Gzip.decompress(body, format: .gzip, limit: limit).get()) ?? Gzip.inflatedPrefix(body, limit: limit)
        case "deflate":
            return (try? Gzip.decompress(body, format: .zlib, limit: limit).get())
                ?? (try? Gzip.decompress(body, format: .rawDeflate, limit: limit).get())
        case "br":
            return Brotli.decompress(body, limit: limit)
        default:
            return nil
        }
    }
}
