import TextTools

/// Half-width `, ? ! : ;` in Chinese text become the full-width marks Chinese typesetting uses
/// (`你敢信?這` → `你敢信？這`, `當時,deepseek` → `當時，deepseek`); spaces around them go, since
/// a full-width mark carries its own. A `.` that ends a Chinese paragraph becomes `。`. Spaces
/// between Chinese words stay: news uses them in bylines and datelines (`新京报记者 王嘉宁 摄`). English keeps ASCII punctuation, and so do numbers
/// (`1,000`, `3:30`) and addresses (`https://`).
///
/// Straight double quotes become “ ” only when every pair in the paragraph clearly quotes Chinese
/// words inside Chinese text (`形成"中西結合"的` → `形成“中西結合”的`); otherwise they stay.
enum PunctuationWidth {
    struct Outcome: Equatable {
        var text: String
        var changed: Bool
        /// Punctuation was made full-width or quotes curled (`halfwidth_punct`).
        var widened: Bool
    }

    static func fullWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case ",": "，"
        case "?": "？"
        case "!": "！"
        case ":": "："
        case ";": "；"
        default: nil
        }
    }

    static func apply(_ text: String) -> Outcome {
        let scalars = text.scalarArray
        guard scalars.contains(where: ChineseFrequencies.isHan) else { return Outcome(text: text, changed: false, widened: false) }
        let chineseParagraph = isChineseDominant(scalars)
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var changed = false
        var widened = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == ".", isSentenceEnd(scalars, at: index) {
                output.append("。")
                index += 1
                changed = true
                widened = true
                continue
            }
            if let wide = fullWidth(scalar), shouldWiden(scalars, at: index, chineseParagraph: chineseParagraph) {
                while output.last == " " { output.removeLast() }
                output.append(wide)
                index += 1
                while index < scalars.count, scalars[index] == " " { index += 1 }
                changed = true
                widened = true
                continue
            }
            output.append(scalar)
            index += 1
        }
        if chineseParagraph, let quoted = curlQuotes(output) {
            output = quoted
            changed = true
            widened = true
        }
        guard changed else { return Outcome(text: text, changed: false, widened: false) }
        return Outcome(text: String(scalars: output), changed: true, widened: widened)
    }

    /// There are at least as many Han characters as Latin words.
    static func isChineseDominant(_ scalars: [Unicode.Scalar]) -> Bool {
        var han = 0, words = 0
        var inWord = false
        for scalar in scalars {
            if ChineseFrequencies.isHan(scalar) { han += 1 }
            let latin = isASCIILetter(scalar) || (0xC0...0x24F).contains(scalar.value)
            if latin && !inWord { words += 1 }
            inWord = latin
        }
        return han >= words
    }

    /// Marks that only Chinese and Japanese text use.
    static func isCJKMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x3011, 0x3014...0x301F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0x2026: return true
        default: return false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0x30...0x39).contains(value)
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// Whether the side of `index` toward `step` (-1 or +1), spaces skipped, is Chinese text:
    /// a Han character or kana, a CJK mark, or a curly quote with Chinese on its far side.
    static func isChineseSide(_ scalars: [Unicode.Scalar], from index: Int, step: Int) -> Bool {
        var position = index + step
        while position >= 0, position < scalars.count, scalars[position] == " " { position += step }
        guard position >= 0, position < scalars.count else { return false }
        let scalar = scalars[position]
        if HardWraps.isChinese(scalar) || isCJKMark(scalar) { return true }
        if "“”‘’".unicodeScalars.contains(scalar) {
            let beyond = position + step
            return beyond >= 0 && beyond < scalars.count && HardWraps.isChinese(scalars[beyond])
        }
        return false
    }

    static func shouldWiden(_ scalars: [Unicode.Scalar], at index: Int, chineseParagraph: Bool) -> Bool {
        let before = index > 0 ? scalars[index - 1] : nil
        let after = index + 1 < scalars.count ? scalars[index + 1] : nil
        // Numbers and addresses keep their marks: 1,000 · 3:30 · https:// · a.b?c=d
        if isDigit(before) && isDigit(after) { return false }
        // Doubled marks (`19：:4`) are not made worse.
        if let before, "。，、：；！？".unicodeScalars.contains(before) { return false }
        if scalars[index] == ":" && after == "/" { return false }
        if scalars[index] == "?" && (after == "=" || before == "/") { return false }
        let chineseBefore = isChineseSide(scalars, from: index, step: -1)
        if chineseBefore { return true }
        // After a Latin word, only inside a Chinese paragraph and before Chinese text (`OpenAI,谷歌`).
        guard chineseParagraph, isChineseSide(scalars, from: index, step: 1) else { return false }
        return !(isASCIILetter(before) && isASCIILetter(after))
    }

    /// A full stop right after a Chinese character that ends the paragraph or comes before a
    /// closing quote (`负责.` → `负责。`). Between Chinese characters a dot may separate the parts
    /// of a foreign name (`莱昂内尔.巴贝尔`), so it stays.
    static func isSentenceEnd(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index > 0, HardWraps.isChinese(scalars[index - 1]) else { return false }
        guard index + 1 < scalars.count else { return true }
        let next = scalars[index + 1]
        return next == "\"" || next == "”" || next == "」" || next == "』"
    }

    /// “ ” for straight double quotes when every pair quotes Chinese inside Chinese; nil otherwise.
    static func curlQuotes(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        let positions = scalars.indices.filter { scalars[$0] == "\"" }
        guard !positions.isEmpty, positions.count % 2 == 0 else { return nil }
        for pair in stride(from: 0, to: positions.count, by: 2) {
            let open = positions[pair], close = positions[pair + 1]
            let inside = scalars[(open + 1)..<close]
            guard inside.contains(where: ChineseFrequencies.isHan) else { return nil }
            let before = open > 0 ? scalars[open - 1] : nil
            let after = close + 1 < scalars.count ? scalars[close + 1] : nil
            if isASCIILetter(before) || isDigit(before) || isASCIILetter(after) || isDigit(after) { return nil }
            if let before, before != " ", !HardWraps.isChinese(before) && !isCJKMark(before) { return nil }
        }
        var output = scalars
        for (number, position) in positions.enumerated() { output[position] = number % 2 == 0 ? "“" : "”" }
        return output
    }
}
