/// Lines broken in the middle of a sentence, as text copied from a fixed-width layout or a PDF
/// comes: `在美國，科研機構和企業允許` / `科學家長期專注於研究`. Two lines become one paragraph when the
/// first is prose long enough not to be a heading (for Chinese: it holds a comma or a full stop),
/// does not end a sentence, and the second goes on with the same sentence. Chinese lines join without a space; Latin lines join with one (a hyphen at the
/// break stays). A blank line always ends a paragraph.
enum HardWraps {
    struct Outcome: Equatable {
        var paragraphs: [String]
        var joins: Int
    }

    /// Shorter lines are headings, bylines or list items rather than wrapped prose.
    static let minimumWrappedLength = 16

    /// `lines` are trimmed lines in order, with "" for blank lines.
    static func join(_ lines: [String]) -> Outcome {
        var paragraphs: [String] = []
        var joins = 0
        var current: String?
        for line in lines {
            guard !line.isEmpty else {
                if let paragraph = current { paragraphs.append(paragraph) }
                current = nil
                continue
            }
            if let paragraph = current, let separator = separator(between: paragraph, and: line) {
                current = paragraph + separator + line
                joins += 1
            } else {
                if let paragraph = current { paragraphs.append(paragraph) }
                current = line
            }
        }
        if let paragraph = current { paragraphs.append(paragraph) }
        return Outcome(paragraphs: paragraphs, joins: joins)
    }

    /// What goes between two lines that belong to one sentence ("" or " "), or nil if the first
    /// ends where a paragraph may end.
    static func separator(between first: String, and second: String) -> String? {
        guard let last = first.unicodeScalars.last, let next = second.unicodeScalars.first else { return nil }
        // The length of the line it ends; a wrapped paragraph's earlier lines count too.
        guard first.count >= minimumWrappedLength else { return nil }
        if isChinese(last) || last == "，" || last == "、" {
            // A Chinese line of prose (headings hold no commas or full stops) that stops
            // mid-sentence, and a next line that starts like words do.
            guard first.unicodeScalars.contains(where: { "，。；！？：、,;:".unicodeScalars.contains($0) }) else { return nil }
            guard isChinese(next) || isLatinLetterOrDigit(next) || next == "“" || next == "《" || next == "（" else { return nil }
            if isListMarker(second) { return nil }
            return ""
        }
        if isLatinLetterOrDigit(last) || last == "," || last == "-" {
            // English: a small letter must start the next line, so a sentence cannot have ended.
            guard next.properties.isLowercase else { return nil }
            if isChinese(next) { return "" }
            return last == "-" ? "" : " "
        }
        return nil
    }

    static func isChinese(_ scalar: Unicode.Scalar) -> Bool {
        ChineseFrequencies.isHan(scalar) || (0x3040...0x30FF).contains(scalar.value)
    }

    static func isLatinLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            || (0xC0...0x24F).contains(value)
    }

    /// `一、`, `1.`, `（1）`, `•`: the line starts an item, not the rest of a sentence.
    static func isListMarker(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars.prefix(4))
        guard let first = scalars.first else { return false }
        if "•·●○■□◆◇▪-*".unicodeScalars.contains(first) { return true }
        let numerals = "一二三四五六七八九十0123456789"
        var index = 0
        while index < scalars.count, numerals.unicodeScalars.contains(scalars[index]) { index += 1 }
        return index > 0 && index < scalars.count && "、.．)）".unicodeScalars.contains(scalars[index])
    }
}
