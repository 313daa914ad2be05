import Foundation

/// The charset a document declares for itself in `<meta charset>`, `<meta http-equiv>` or
/// `<?xml encoding?>`. Only a hint: scrapers often re-save pages as UTF-8 and keep the old meta.
public enum DeclaredCharset {
    private static let patterns: [NSRegularExpression] = [
        #"<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']"#,
        #"<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#,
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    /// The declared charset in the first 4 KiB of `bytes`, lowercased, if any.
    public static func find<Bytes: Collection<UInt8>>(in bytes: Bytes) -> String? {
        // Latin-1 maps each byte to one character, so offsets stay simple and no byte is invalid.
        let head = String(bytes.prefix(4096).map { Character(Unicode.Scalar($0)) })
        let range = NSRange(head.startIndex..., in: head)
        for pattern in patterns {
            if let match = pattern.firstMatch(in: head, range: range), let found = Range(match.range(at: 1), in: head) {
                return head[found].lowercased()
            }
        }
        return nil
    }
}
