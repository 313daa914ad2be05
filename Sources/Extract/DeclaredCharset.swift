import Foundation
import TextTools

/// The charset a document declares for itself in `<meta charset>`, `<meta http-equiv>` or
/// `<?xml encoding?>`. Only a hint: scrapers often re-save pages as UTF-8 and keep the old meta.
public enum DeclaredCharset {
    /// Each expression with a word every match of it holds.
    private static let patterns: [(word: StaticString, expression: NSRegularExpression)] = [
        ("encoding", #"<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']"#),
        ("charset", #"<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1, options: [.caseInsensitive])) }

    /// The declared charset in the first 4 KiB of `bytes`, lowercased, if any.
    public static func find<Bytes: Collection<UInt8>>(in bytes: Bytes) -> String? {
        let prefix = Array(bytes.prefix(4096))
        return prefix.withUnsafeBufferPointer { head in
            for (word, expression) in patterns {
                // Most files (text, JSON) hold neither word. A match holds the word inside the tag
                // it starts, with no `>` between: it starts after the last `>` before the word's
                // first place, so the expression reads from there, not the whole head.
                guard let first = ByteSearch.find(word, in: head, ignoringASCIICase: true) else { continue }
                let start = head[..<first].lastIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? 0
                let text = latin1(UnsafeBufferPointer(rebasing: head[start...]))
                if let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                   let found = Range(match.range(at: 1), in: text) {
                    return text[found].lowercased()
                }
            }
            return nil
        }
    }

    /// `bytes` read as Latin-1 (each byte one character, so no byte is invalid), written out as
    /// UTF-8 directly.
    private static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 { utf8.append(byte) } else { utf8.append(0xC0 | byte >> 6); utf8.append(0x80 | byte & 0x3F) }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
