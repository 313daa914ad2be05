import TextTools

/// UTF-8 read as a single-byte code page (windows-1252 or Latin-1 above all: `espaÃ§o`, `â€™`;
/// also windows-1251/1250/1257, ISO-8859-2, Mac Roman, code page 437), possibly more than once.
///
/// A stretch whose bytes form a UTF-8 sequence of three or more bytes is mojibake beyond doubt.
/// Two-byte sequences are weaker evidence (`É®` could be a brand name, `Ã¥` a typo), so they are
/// repaired only when the result is a common letter or sign, the letter case fits the word, and the
/// text does not also hold the same signs correctly decoded.
enum LatinMojibake {
    struct Outcome {
        var scalars: [Unicode.Scalar]
        /// Some characters were lost to a lossy decoder (now U+FFFD).
        var lost: Bool
    }

    /// The repaired text, or nil if nothing here is Latin-script mojibake.
    static func repair(_ input: [Unicode.Scalar]) -> Outcome? {
        guard input.contains(where: isCandidateStart) || input.contains(where: isC1) else { return nil }
        var scalars = input
        var lost = false
        var changed = false
        var evidence: CodePage?
        var sequences = 0
        // Text decoded wrongly twice holds mojibake of mojibake: peel up to three layers.
        for layer in 0..<3 {
            guard scalars.contains(where: isCandidateStart) else { break }
            var best: (score: Int, page: CodePage, stretches: [HiddenUTF8.Stretch])?
            for page in CodePage.singleByte {
                let accepted = acceptedStretches(scalars, page: page, firstLayer: layer == 0)
                let score = accepted.reduce(0) { $0 + ($1.longestSequence >= 3 ? 3 : 1) * $1.sequences.count }
                if score > 0, score > (best?.score ?? 0) { best = (score, page, accepted) }
            }
            guard let best else { break }
            for stretch in best.stretches.reversed() {
                scalars.replaceSubrange(stretch.source, with: stretch.decoded)
                lost = lost || stretch.hasLoss
                sequences += stretch.sequences.count
            }
            evidence = best.page
            changed = true
        }
        // A garble that still looks like mojibake after the repair is beyond help: leave it as it was.
        if sequences > 0, residue(scalars) * 2 >= sequences { return nil }
        if repairAbsorbedNoBreakSpace(&scalars, page: evidence ?? CodePage.singleByte[0], confirmed: evidence != nil) {
            changed = true
        }
        // C1 controls left in otherwise good text are windows-1252 punctuation read as Latin-1.
        if scalars.contains(where: isC1) {
            let page = CodePage.singleByte[0]
            scalars = scalars.map { scalar in
                guard isC1(scalar), let mapped = page.character(UInt8(scalar.value)), !isC1(mapped) else { return scalar }
                changed = true
                return mapped
            }
        }
        return changed ? Outcome(scalars: scalars, lost: lost) : nil
    }

    /// How many places in `scalars` still read as the start of a UTF-8 sequence in windows-1252.
    static func residue(_ scalars: [Unicode.Scalar]) -> Int {
        let page = CodePage.singleByte[0]
        var count = 0
        var bytes: [UInt8] = []
        var previousIsLead = false
        for scalar in scalars {
            bytes.removeAll(keepingCapacity: true)
            guard scalar.value >= 0x80, page.append(scalar, to: &bytes), let byte = bytes.first else { previousIsLead = false; continue }
            if previousIsLead && (0x80...0xBF).contains(byte) { count += 1 }
            previousIsLead = (0xC2...0xF4).contains(byte)
        }
        return count
    }

    /// `à` is C3 A0 in UTF-8, and A0 is the no-break space, which editors and browsers turn into
    /// a plain space or drop: `voilÃ le`, `jusqu'Ã nos`, `Ã s crianças` (Portuguese `às`). Repaired
    /// only between small letters, and outside windows-1252 only when the text holds other
    /// mojibake of the same page.
    static func repairAbsorbedNoBreakSpace(_ scalars: inout [Unicode.Scalar], page: CodePage, confirmed: Bool) -> Bool {
        guard page.name == "windows-1252" || confirmed, let lead = page.character(0xC3) else { return false }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\u{A0}" }
        var changed = false
        var index = scalars.count - 1
        while index >= 0 {
            defer { index -= 1 }
            guard scalars[index] == lead, index + 1 < scalars.count, isSpace(scalars[index + 1]) else { continue }
            var end = index + 1
            while end < scalars.count, isSpace(scalars[end]) { end += 1 }
            let before = index > 0 ? scalars[index - 1] : nil
            let next = end < scalars.count ? scalars[end] : nil
            let endsWord = before?.properties.isLowercase ?? false
            let standsAlone = (before == nil || before!.properties.isWhitespace || before == "'" || before == "\u{2019}")
                && (next?.properties.isLowercase ?? false)
            guard endsWord || standsAlone else { continue }
            if standsAlone, next == "s", end + 1 == scalars.count || scalars[end + 1].properties.isWhitespace {
                scalars.replaceSubrange(index..<(end + 1), with: ["\u{E0}", "s"])
            } else {
                scalars.replaceSubrange(index..<end, with: end < scalars.count ? ["\u{E0}", " "] : ["\u{E0}"])
            }
            changed = true
        }
        return changed
    }

    /// A character that may begin a stretch in some single-byte page: letters and signs below the
    /// CJK blocks (Latin, Cyrillic, Greek, punctuation, box drawing), and Mac Roman's ligatures.
    static func isCandidateStart(_ scalar: Unicode.Scalar) -> Bool {
        (0xC0..<0x2E80).contains(scalar.value) || scalar.value == 0xFB01 || scalar.value == 0xFB02
    }

    static func isC1(_ scalar: Unicode.Scalar) -> Bool { (0x80...0x9F).contains(scalar.value) }

    /// The stretches of `scalars` in `page` that are mojibake by the rules above.
    static func acceptedStretches(_ scalars: [Unicode.Scalar], page: CodePage, firstLayer: Bool = true) -> [HiddenUTF8.Stretch] {
        let stretches = HiddenUTF8.stretches(scalars, page: page)
        guard !stretches.isEmpty else { return [] }
        var strong: [HiddenUTF8.Stretch] = []
        var weak: [HiddenUTF8.Stretch] = []
        for stretch in stretches where isAllowed(stretch.decoded) {
            if stretch.longestSequence >= 3 || stretch.hasLoss {
                if isPlausibleLongRepair(stretch, in: scalars) { strong.append(stretch) }
            } else if isPlausibleTwoByteRepair(stretch, in: scalars, page: page) {
                weak.append(stretch)
            }
        }
        if !weak.isEmpty && strong.isEmpty && firstLayer {
            // Signs that would be bytes 0x80-0xBF in this page, standing correctly decoded outside
            // any stretch, say the text was decoded right: then a few weak stretches are more
            // likely real text than mojibake.
            var inside = [Bool](repeating: false, count: scalars.count)
            for stretch in stretches { for index in stretch.source { inside[index] = true } }
            var against = 0
            var bytes: [UInt8] = []
            for (index, scalar) in scalars.enumerated() where !inside[index] && scalar.value >= 0xA1 {
                bytes.removeAll(keepingCapacity: true)
                if page.append(scalar, to: &bytes), bytes.count == 1, (0x80...0xBF).contains(bytes[0]) { against += 1 }
            }
            if weak.count <= against { weak = [] }
        }
        return (strong + weak).sorted { $0.source.lowerBound < $1.source.lowerBound }
    }

    /// Characters a repair may produce: no controls, private use, unassigned code points or
    /// noncharacters. A C1 control may follow another decoded character: text decoded wrongly
    /// twice comes back one layer at a time, and the next layer reads it as a byte.
    static func isAllowed(_ decoded: [Unicode.Scalar]) -> Bool {
        for (index, scalar) in decoded.enumerated() where !isAllowedResult(scalar) {
            if index > 0 && isC1(scalar) { continue }
            return false
        }
        return true
    }

    static func isAllowedResult(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0xFFFD { return true }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return false }
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return false }
        switch scalar.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate, .control: return false
        default: return true
        }
    }

    static func isLetter(_ scalar: Unicode.Scalar?) -> Bool { scalar.map(UnicodeTables.isAlphabetic) ?? false }
    static func isLatinLetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || (0xC0...0x24F).contains(value)
            || (0x1E00...0x1EFF).contains(value) || (0xFB00...0xFB06).contains(value)
    }

    /// Whether a stretch with sequences of three or more bytes is mojibake: nearly always, unless
    /// it gives a lone letter of another script glued to a Latin word (`Brontë…”` is not 녔), a
    /// phonetic sign, or rare CJK characters.
    static func isPlausibleLongRepair(_ stretch: HiddenUTF8.Stretch, in scalars: [Unicode.Scalar]) -> Bool {
        let decoded = stretch.decoded
        if decoded.contains(where: { (0x250...0x2AF).contains($0.value) || (0x1D00...0x1DBF).contains($0.value) }) { return false }
        if decoded.contains(where: { (0x2E80...0x9FFF).contains($0.value) || (0xF900...0xFAFF).contains($0.value) }) {
            guard let lexicon = ChineseFrequencies.shared else { return stretch.sequences.count >= 2 }
            if lexicon.averageCost(decoded[...]) > 12 { return false }
        }
        if stretch.sequences.count == 1, let only = decoded.first, !stretch.hasLoss {
            let isOtherScriptLetter = only.properties.isAlphabetic && !isLatinLetter(only)
            let before = stretch.source.lowerBound > 0 ? scalars[stretch.source.lowerBound - 1] : nil
            let after = stretch.source.upperBound < scalars.count ? scalars[stretch.source.upperBound] : nil
            if isOtherScriptLetter && (isLatinLetter(before) || isLatinLetter(after)) { return false }
        }
        return true
    }

    /// Whether the two-byte sequences of `stretch` make common letters or signs that fit where they stand.
    static func isPlausibleTwoByteRepair(_ stretch: HiddenUTF8.Stretch, in scalars: [Unicode.Scalar], page: CodePage) -> Bool {
        let before = stretch.source.lowerBound > 0 ? scalars[stretch.source.lowerBound - 1] : nil
        let after = stretch.source.upperBound < scalars.count ? scalars[stretch.source.upperBound] : nil
        for (position, sequence) in stretch.sequences.enumerated() {
            let result = sequence.scalar
            // A C1 control after another decoded character is a byte for the next layer.
            if position > 0 && isC1(result) { continue }
            guard isCommonTwoByteResult(result.value) else { return false }
            // A combining mark needs something to combine with.
            if (0x300...0x36F).contains(result.value) && (before == nil || before!.properties.isWhitespace) { return false }
            guard sequence.source.count == 2 else { continue }
            let first = scalars[sequence.source.lowerBound], second = scalars[sequence.source.lowerBound + 1]
            // Two Latin letters do not come from one sign (`Āø` is a name, not `¸`).
            if isLatinLetter(first) && isLatinLetter(second) && !isLetter(result) { return false }
            // `Ã’s`: an apostrophe, not the second half of `Ò`.
            if (second == "\u{2019}" || second == "'") && isLetter(after) { return false }
            // `5×£35`: a multiplication sign after a number.
            if first == "\u{D7}" && (before?.properties.numericType != nil) { return false }
            // Box drawing is line art unless it spells more than one letter.
            if stretch.sequences.count == 1 && (0x2500...0x257F).contains(first.value) && (0x2500...0x257F).contains(second.value) { return false }
            // `NICIODATĂ™`: a trademark sign after a word, in any page but windows-1252.
            if page.name != "windows-1252" && second == "\u{2122}" && !isLetter(after) { return false }
            // Combining marks come from windows-1252 mojibake (`Ì¶` is U+0336), hardly from other pages.
            if (0x300...0x36F).contains(result.value) && page.name != "windows-1252" { return false }
        }
        let decoded = stretch.decoded
        // The word before the stretch is in capitals if it has two or more letters, all capitals.
        var wordBefore: [Unicode.Scalar] = []
        var position = stretch.source.lowerBound - 1
        while position >= 0, isLetter(scalars[position]) { wordBefore.append(scalars[position]); position -= 1 }
        let upperBefore = wordBefore.count >= 2 && wordBefore.allSatisfy { $0.properties.isUppercase }
        let upperAfter = after?.properties.isUppercase ?? false
        let lowerAfter = after?.properties.isLowercase ?? false
        // Inside a word in capitals only capitals fit (`AÃ‘OS` is AÑOS; `MISUTÂ AJIKKO` stays).
        if upperBefore && upperAfter && !decoded.allSatisfy({ $0.properties.isUppercase }) { return false }
        // At the end of a word in capitals a small letter is wrong (`SELKÄ…`).
        if upperBefore && !lowerAfter && decoded.contains(where: { $0.properties.isLowercase }) { return false }
        // An accented letter standing alone is one of the few that are words by themselves.
        if decoded.count == 1, !isLetter(before), !isLetter(after), isLetter(decoded[0]),
           !"àèéòóÀÈÉ".unicodeScalars.contains(decoded[0]) { return false }
        return true
    }

    /// What a two-byte sequence of real text commonly stands for.
    static func isCommonTwoByteResult(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0xFF: return true                       // Latin-1 signs and letters
        case 0x300...0x36F: return true                     // combining marks
        case 0x100...0x17F: return !rareLatinExtended.contains(value)
        case 0x1CD...0x1DC: return true                     // ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ (pinyin)
        case 0x218...0x21B: return true                     // ș ț
        case 0x386...0x3CE: return true                     // Greek
        case 0x400...0x45F, 0x490, 0x491: return true       // Cyrillic
        case 0x5D0...0x5EA: return true                     // Hebrew letters
        case 0x621...0x64A, 0x660...0x669, 0x67E, 0x686, 0x698, 0x6A9, 0x6AF, 0x6CC: return true   // Arabic, Persian
        default: return false
        }
    }

    /// Latin Extended-A letters that hardly any language written in news uses (Maltese, Esperanto,
    /// Sami, old orthographies): a two-byte repair to one of them is more likely a false alarm.
    static let rareLatinExtended: Set<UInt32> = [
        0x108, 0x109, 0x10A, 0x10B, 0x11C, 0x11D, 0x120, 0x121, 0x124, 0x125, 0x126, 0x127,
        0x12C, 0x12D, 0x132, 0x133, 0x134, 0x135, 0x138, 0x13F, 0x140, 0x149, 0x14A, 0x14B, 0x14E, 0x14F,
        0x156, 0x157, 0x15C, 0x15D, 0x166, 0x168, 0x169, 0x167, 0x16C, 0x16D, 0x174, 0x175, 0x176, 0x177, 0x17F,
    ]
}
