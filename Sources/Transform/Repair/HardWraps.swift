import TextTools

/// Lines broken in the middle of a sentence, as text copied from a fixed-width layout or a PDF
/// comes: `在美國，科研機構和企業允許` / `科學家長期專注於研究`. Two lines become one paragraph when the
/// first is prose long enough not to be a heading, does not end a sentence (for Chinese: its
/// unfinished sentence is a clause with a comma, or a long one after a full stop), and the second
/// goes on with the same sentence. Chinese lines join without a space; Latin lines join with one (a hyphen at the
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
        guard first.hasAtLeast(minimumWrappedLength) else { return nil }
        if isChinese(last) || "，、,".unicodeScalars.contains(last) {
            guard isChinese(next) || isLatinLetterOrDigit(next) || next == "“" || next == "《" || next == "（" else { return nil }
            if isListMarker(second) || isCaption(second) { return nil }
            // A line that ends with a comma, or with a word that cannot end a sentence
            // (`在`, `對`, `第`, `這` standing alone, not the end of `行为` or `因此`), stops
            // mid-sentence. (A semicolon may end a list item on its line.)
            if !isChinese(last) || endsWithFunctionWord(first) { return "" }
            // Otherwise the line must have finished a sentence and started another that it does
            // not finish: a clause with a comma, or a long one. A paragraph that merely lacks its
            // full stop (a caption, a subheading, `…加快脱困转型的速度`) has no such tail; neither
            // does a byline (words spaced apart) or an attribution (`——某某`).
            let tail = unfinishedSentence(first)
            let tailLength = tail.count
            guard first.hasAtLeast(tailLength + 1), tailLength >= 8, !tail.contains(" "), !tail.hasPrefix("—"), !isCaption(tail) else { return nil }
            let hasComma = tail.unicodeScalars.contains(where: { "，、,".unicodeScalars.contains($0) })
            return hasComma || tailLength >= 12 ? "" : nil
        }
        if isLatinLetterOrDigit(last) || last == "," || last == "-" {
            // English: a small letter must start the next line, so a sentence cannot have ended.
            guard next.properties.isLowercase else { return nil }
            if isChinese(next) { return "" }
            return last == "-" ? "" : " "
        }
        return nil
    }

    /// Characters that cannot end a Chinese sentence (Simplified): prepositions, conjunctions,
    /// demonstratives, ordinal and degree words, adverbs that need a verb after them.
    static let cannotEndSentence = Set("在对把被从向和与及或而但并且第这那每各该其之所以于为将由让使因如若给跟同比往至自即就才都也还又再更最很太非没未仅已曾正刚令".unicodeScalars)

    /// Whether the last word of `line` is one character that cannot end a sentence. The word is
    /// the last character unless it and the one before make a word of the dictionary.
    static func endsWithFunctionWord(_ line: String) -> Bool {
        let scalars = line.unicodeScalars
        guard let last = scalars.last, cannotEndSentence.contains(SimplifiedForms.simplified(last)),
              let lexicon = ChineseFrequencies.shared else { return false }
        let before = scalars.dropLast().last
        if let before, ChineseFrequencies.isHan(before), lexicon.isWord([before, last]) { return false }
        return true
    }

    /// A photo caption or a summary line: `图／…`, `图片：…`, `图为…`, `简介：…`, `资料图…`.
    static func isCaption<Text: StringProtocol>(_ line: Text) -> Bool {
        ["图：", "图:", "图／", "图/", "图片：", "图片:", "图为", "简介：", "简介:", "资料图", "（图", "(图"].contains { line.hasPrefix($0) }
    }

    /// What follows the last sentence end (。！？… or a closing quote after one) of a paragraph.
    static func unfinishedSentence(_ paragraph: String) -> Substring {
        let ends = "。！？!?…".unicodeScalars
        guard let index = paragraph.unicodeScalars.lastIndex(where: { ends.contains($0) }) else { return paragraph[...] }
        var start = paragraph.unicodeScalars.index(after: index)
        while start < paragraph.endIndex, "”」』\"".unicodeScalars.contains(paragraph.unicodeScalars[start]) {
            start = paragraph.unicodeScalars.index(after: start)
        }
        return paragraph[start...]
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
        var scalars = Array(line.unicodeScalars.prefix(5))
        guard let first = scalars.first else { return false }
        if "•·●○■□◆◇▪-*".unicodeScalars.contains(first) { return true }
        if first == "（" || first == "(" { scalars.removeFirst() }
        let numerals = "一二三四五六七八九十0123456789"
        var index = 0
        while index < scalars.count, numerals.unicodeScalars.contains(scalars[index]) { index += 1 }
        return index > 0 && index < scalars.count && "、.．)）".unicodeScalars.contains(scalars[index])
    }
}
