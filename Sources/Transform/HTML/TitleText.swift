import Foundation
import TextTools

/// A page title without the site's name: `标题_科技_腾讯网` → `标题`, `Headline - Breitbart` →
/// `Headline`, `Headline | Reuters` → `Headline`.
enum TitleText {
    /// Separators between a headline and the site or channel names after it.
    static let separators = [" | ", " - ", " – ", " — ", "_", "｜", "丨", " :: ", " · ", "--", " —— ", "-", "|", "–"]

    /// Drops trailing parts that name a site or channel: short parts after a longer headline, or
    /// the known site name.
    static func strip(_ raw: String, siteName: String?) -> String {
        let title = TextMeasure.fold(raw)
        var text = title
        if let site = siteName.map(TextMeasure.fold), !site.isEmpty, text.hasSuffix(site), text.count > site.count + 4 {
            text = String(text.dropLast(site.count))
            text = String(Substring(text).trimmingCharacters(in: " |-_–—｜丨:·"))
        }
        while let (head, tail) = splitLast(text) {
            let headLength = head.count
            let tailLength = tail.count
            // A part is a site or channel name when it is short next to what stays.
            let isSuffix = tailLength <= 24 && headLength >= 4 && (tailLength * 2 <= headLength || tailLength <= 6)
            guard isSuffix else { break }
            text = head
        }
        text = Substring(text).trimmingCharacters(in: " |-_–—｜丨:·")
        return text.isEmpty ? title : text
    }

    /// The last part of a title (`腾讯网` in `标题_科技_腾讯网`), when it looks like a site's name.
    static func siteSuffix(_ raw: String) -> String? {
        guard let (head, tail) = splitLast(TextMeasure.fold(raw)), tail.count <= 24, head.count >= 2 else { return nil }
        let named = ["网", "报", "站", "新闻", "频道", "日报", "在线", ".com", ".cn", "News", "Times", "Post", "Journal"]
        return head.count > tail.count || named.contains(where: tail.contains) ? tail : nil
    }

    /// (everything before the last separator, the part after it).
    static func splitLast(_ text: String) -> (String, String)? {
        var best: Range<String.Index>?
        for separator in separators {
            // A bare "-", "|" or "–" separates only between CJK text or with spaces around it.
            guard let range = text.byteRange(of: separator, backwards: true) else { continue }
            if separator.count == 1 && ["-", "|", "–"].contains(separator) {
                let before = text[..<range.lowerBound].unicodeScalars.last
                let after = text[range.upperBound...].unicodeScalars.first
                guard let before, let after, TextMeasure.isWide(before) || TextMeasure.isWide(after) else { continue }
            }
            if best == nil || range.lowerBound > best!.lowerBound { best = range }
        }
        guard let best else { return nil }
        let head = String(text[..<best.lowerBound]).trimmingSpaces
        let tail = String(text[best.upperBound...]).trimmingSpaces
        guard !head.isEmpty, !tail.isEmpty else { return nil }
        return (head, tail)
    }
}

extension TitleText {
    /// A title from a line of text, for a page or record that names none: the line itself when it is
    /// short, else its first sentence, else its first 80 characters cut at a space.
    static func fromLine(_ raw: String) -> String {
        let line = TextMeasure.fold(raw)
        guard line.count > 100 else { return line }
        let ends: Set<Character> = ["。", "！", "？", ".", "!", "?", "；", ";"]
        if let end = line.prefix(100).firstIndex(where: ends.contains), line.distance(from: line.startIndex, to: end) >= 10 {
            let sentence = line[...end]
            // "U.S." and "No. 5" are not the end of a sentence: a full stop counts before a space only.
            let next = line.index(after: end)
            if line[end] != "." || next == line.endIndex || line[next] == " " { return String(sentence) }
        }
        let head = line.prefix(80)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= 40 {
            return String(head[..<space]) + "…"
        }
        return String(head) + "…"
    }
}
