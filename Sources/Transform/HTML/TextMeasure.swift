/// Counting and folding the text of a page: one pass over the scalars, no regular expressions.
enum TextMeasure {
    /// Han, kana and hangul: scripts written without spaces between words.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Punctuation that ends or splits a sentence, in Chinese and Latin text.
    static func isSentencePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFF0C, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x3001, 0x2C, 0x2E, 0x21, 0x3F, 0x3B: return true
        default: return false
        }
    }

    /// Unicode white space, zero-width space and BOM (a table lookup, not the Unicode property database).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    static func measure(_ text: String, into counts: inout PageTree.Counts) {
        var chars = 0, cjk = 0, punctuation = 0
        for scalar in text.unicodeScalars where !isSpace(scalar) {
            chars += 1
            if isCJK(scalar) { cjk += 1 } else if isSentencePunctuation(scalar) { punctuation += 1 }
        }
        counts.chars = chars
        counts.cjkChars = cjk
        counts.punctuation = punctuation
    }

    /// Whitespace runs become one space, except a run that holds a line break between two CJK
    /// characters or punctuation, which is a line wrap in the source and goes away; ends trimmed.
    static func fold(_ text: String) -> String {
        var output: [UInt8] = []   // UTF-8, made a String once: appending to a String scalar by scalar is slow
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var pendingBreak = false
        var last: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = true
                if scalar == "\n" || scalar == "\r" { pendingBreak = true }
                continue
            }
            if pendingSpace, let previous = last {
                let joins = pendingBreak && isWide(previous) && isWide(scalar)
                if !joins { output.append(0x20) }
            }
            pendingSpace = false
            pendingBreak = false
            output.appendUTF8(scalar)
            last = scalar
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// CJK characters and full-width punctuation.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        isCJK(scalar) || (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
    }

    /// Visible characters of `text`.
    static func count(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isSpace($1) ? 0 : 1) }
    }
}

extension Substring {
    /// Without the given characters at either end.
    func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

extension TextMeasure {
    /// Han, kana and hangul characters in `text`.
    static func countCJK(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isCJK($1) ? 1 : 0) }
    }
}

extension StringProtocol {
    /// Without white space at either end.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !TextMeasure.isSpace($0) }),
              let last = scalars.lastIndex(where: { !TextMeasure.isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
