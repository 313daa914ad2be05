import Foundation
import TextTools

/// The charset a document declares for itself in `<meta charset>`, `<meta http-equiv>` or
/// `<?xml encoding?>`. Only a hint: scrapers often re-save pages as UTF-8 and keep the old meta.
public enum DeclaredCharset {
    private static let patterns: [NSRegularExpression] = [
        #"<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']"#,
        #"<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#,
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    /// The declared charset in the first 4 KiB of `bytes`, lowercased, if any.
    public static func find<Bytes: Collection<UInt8>>(in bytes: Bytes) -> String? {
        let prefix = Array(bytes.prefix(4096))
        // Both patterns need one of these words: most files (text, JSON) have neither.
        let named = prefix.withUnsafeBufferPointer { head in
            ByteSearch.find("charset", in: head, ignoringASCIICase: true) != nil
                || ByteSearch.find("encoding", in: head, ignoringASCIICase: true) != nil
        }
        guard named else { return nil }
        // Read as Latin-1 (each byte one character, so offsets stay simple and no byte is invalid),
        // written out as UTF-8 directly.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(prefix.count * 2)
        for byte in prefix {
            if byte < 0x80 { utf8.append(byte) } else { utf8.append(0xC0 | byte >> 6); utf8.append(0x80 | byte & 0x3F) }
        }
        let head = String(decoding: utf8, as: UTF8.self)
        let range = NSRange(head.startIndex..., in: head)
        for pattern in patterns {
            if let match = pattern.firstMatch(in: head, range: range), let found = Range(match.range(at: 1), in: head) {
                return head[found].lowercased()
            }
        }
        return nil
    }
}
