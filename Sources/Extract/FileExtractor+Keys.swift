import Foundation
import Records
import TextTools

/// What keys the records of a JSON file, read without extracting them: `run`'s older-copies
/// pre-pass needs each record's URL field and crawl time, not its text.
extension FileExtractor {
    /// The records of a JSON or JSON Lines file that the extract stage would give (those with a
    /// body field) and that carry a URL field, holding only their URL, crawl time and the file's
    /// mtime (no text); empty for a file that is not read whole as JSON (over the size limit,
    /// unreadable, undecodable, a crawl archive, anything the sniffer takes for another format).
    /// The file is decoded and split as `extract` does it, with a field map of those fields only,
    /// so a record's URL and crawl time are the ones its extracted record will hold.
    public func keyFields(of file: DiscoveredFile) -> [ExtractedRecord] {
        guard file.validName, file.size <= maxFileSize,
              var bytes = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: file.absolutePath))), !bytes.isEmpty else { return [] }
        var name = file.path
        if Gzip.isCompressed(bytes) {
            guard Self.crawlArchive(head: Self.inflatedHead(bytes)) == nil,
                  case .success(let inflated) = Gzip.decompress(bytes, limit: Int(maxFileSize)) else { return [] }
            bytes = inflated
            if name.hasSuffix(".gz") { name.removeLast(3) }
        } else if Self.crawlArchive(head: bytes[...]) != nil {
            return []
        }
        guard case .success(let decoded) = TextDecoding.decode(bytes, declared: DeclaredCharset.find(in: bytes)) else { return [] }
        let keys = FieldMap(url: fields.url, title: [], body: fields.body, published: [], crawled: fields.crawled,
                            author: [], source: [])
        let items: [JSONRecords.Item]
        switch FormatSniffer.sniff(decoded.text, pathExtension: Self.pathExtension(of: name)) {
        case .jsonl: items = JSONRecords.lines(decoded.text, fields: keys)
        case .json: items = JSONRecords.document(decoded.text, fields: keys)
        default: return []
        }
        return items.compactMap { item in
            guard case .record(let recordNo, let found) = item, found.body != nil, let url = found.url else { return nil }
            return ExtractedRecord(root: file.root, path: file.path, recordNo: recordNo, format: .plain, text: "",
                                   observedAtMicros: file.mtimeMicros, url: url, crawled: found.crawled)
        }
    }
}
