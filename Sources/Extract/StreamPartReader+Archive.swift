import Foundation
import Records

extension PartReader {
    /// A record of a crawl archive: a page (an HTML or JSON payload of a `response` with a 2xx
    /// status, or of a `resource`) becomes a record of the file; any other record is passed over
    /// and counted; one that cannot be read is rejected with its number and offset.
    mutating func take(archive piece: WARCSplitter.Piece) {
        switch piece {
        case .record(let recordNo, let offset, let headers, let block):
            lastRecord = recordNo
            let place = "WARC record \(recordNo) (at byte \(offset))"
            var payload = block
            var mediaType = headers["Content-Type"].map(HTTPResponse.mediaType(of:))
            var charset = headers["Content-Type"].flatMap(HTTPResponse.charset(of:))
            switch headers.type {
            case "response" where mediaType == nil || mediaType == "application/http":
                guard let response = HTTPResponse.parse(block, limit: Int(extractor.maxFileSize)) else {
                    rejects.append(reject(recordNo, "invalid_http", "\(place): its HTTP response has no status line and headers"))
                    return
                }
                guard (200..<300).contains(response.status) else {
                    entry.recordsSkipped += 1
                    return
                }
                payload = response.body
                mediaType = response.mediaType
                charset = response.charset
            case "response", "resource":
                break
            default:
                entry.recordsSkipped += 1
                return
            }
            let page = mediaType.map { $0 == "text/html" || $0 == "application/xhtml+xml" } ?? true
            let json = mediaType.map { $0.hasSuffix("json") || $0.hasSuffix("jsonl") || $0.hasSuffix("ndjson") } ?? false
            guard (page || json), payload.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
                entry.recordsSkipped += 1
                return
            }
            itemsSeen += 1
            heldBytes += payload.count
            guard let decoded = decode(payload, declared: charset ?? DeclaredCharset.find(in: payload), recordNo: recordNo,
                                       place: place) else { return }
            let observed = headers["WARC-Date"].flatMap { dates.date(from: $0) ?? fractionalDates.date(from: $0) }
            var record: ExtractedRecord
            if json {
                // An article only when the field map reads one record with a body from it (an API's
                // answer about one article); any other JSON (an API's other answers) is passed over.
                var found: [ExtractedRecord] = []
                var refused: [RejectRecord] = []
                let items = JSONRecords.document(decoded.text, fields: extractor.fields)
                if items.count == 1 { extractor.take(items[0], of: file, defects: decoded.defects, records: &found, rejects: &refused) }
                guard let first = found.first else {
                    itemsSeen -= 1
                    entry.recordsSkipped += 1
                    return
                }
                record = first
                record.recordNo = recordNo
            } else {
                guard mediaType != nil || FormatSniffer.sniff(decoded.text, pathExtension: "") == .html else {
                    itemsSeen -= 1
                    entry.recordsSkipped += 1
                    return
                }
                record = extractor.record(of: file, recordNo, format: .html, text: decoded.text, defects: decoded.defects)
            }
            record.fetchedFrom = headers["WARC-Target-URI"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
            record.observedAtMicros = observed.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) } ?? record.observedAtMicros
            record.warcRecordID = headers["WARC-Record-ID"]
            record.byteOffset = offset
            records.append(record)
        case .tooLarge(let recordNo, let offset, let headers, let bytes):
            lastRecord = recordNo
            guard headers.type == "response" || headers.type == "resource" else {
                entry.recordsSkipped += 1
                return
            }
            itemsSeen += 1
            rejects.append(reject(recordNo, "too_large", "WARC record \(recordNo) (at byte \(offset)) is \(bytes) bytes or more; the limit for one record is \(extractor.maxFileSize)"))
        case .broken(let recordNo, let offset, let message):
            lastRecord = max(lastRecord, recordNo)
            rejects.append(reject(recordNo, "corrupt_record", "WARC record \(recordNo) (at byte \(offset)): \(message)"))
        }
    }

}

/// Where the gzip members of a file start, in the compressed and the inflated data: a WARC
/// record's offset is that of its member, as CDX indexes give it.
final class MemberStarts {
    private var starts: [Int64: Int64] = [0: 0]

    func add(compressed: Int64, inflated: Int64) {
        starts[inflated] = compressed
    }

    /// The offset in the file of the member that starts at `inflated`, else `inflated` itself (a
    /// plain file, or a record inside a member). Members before it are forgotten.
    func fileOffset(of inflated: Int64) -> Int64 {
        let found = starts[inflated]
        starts = starts.filter { $0.key >= inflated }
        return found ?? inflated
    }
}
