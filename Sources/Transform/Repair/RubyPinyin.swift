import TextTools

/// Ruby pinyin flattened into the text, as a Simplified→Traditional converter with annotations
/// leaves it: `會(huì)`, `發（fā）`. A bracket goes only when it directly follows one Han character
/// and holds one lower-case pinyin syllable (tone marks or a tone digit) that is a reading of
/// that character; `(MIT)`, `(AI)`, `(2024)`, `王(Wang)`, `行(xíng)長` where 行 is read so, stay
/// or go by that rule alone. Spaces that other repairs or a layout leave inside the brackets
/// (`证( zhèng)`, `证（zhèng ）`) do not hide an annotation; a space before the bracket
/// (`會 (huì)`) is an author's gloss and stays.
///
/// Damage around annotations is mended as far as the bytes allow: a lossy decoder sometimes ate the
/// character and the opening bracket (`?nèi)`), and such a remnant after a `?` or U+FFFD becomes one
/// U+FFFD (the lost character); a character read one byte off as GBK before its annotation
/// (`崿F(xiàn)`) is read again where its reading says it is (`�現`).
enum RubyPinyin {
    struct Outcome: Equatable {
        var text: String
        var removed: Int
        /// Remnants of annotations whose character was lost (now U+FFFD).
        var lost: Int
    }

    /// The readings are loaded (once, about a third of a second) only for a text where a closing
    /// bracket follows pinyin letters, as every annotation and remnant ends.
    static func strip(_ text: String, readings: @autoclosure () -> PinyinReadings? = PinyinReadings.shared) -> Outcome {
        guard mayHoldAnnotation(text), let readings = readings() else {
            return Outcome(text: text, removed: 0, lost: 0)
        }
        let scalars = text.scalarArray
        var output: [Unicode.Scalar] = []   // made a String only if something is removed
        output.reserveCapacity(scalars.count)
        var removed = 0, lost = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            // `字(zì)` after a Han character.
            if scalar == "(" || scalar == "（", let previous = output.last, ChineseFrequencies.isHan(previous),
               let (syllable, end) = bracketed(scalars, open: index), readings.isReading(syllable, of: previous) {
                removed += 1
                index = end
                continue
            }
            // `崿F(xiàn)`: the annotated character was read one byte off as GBK; its reading
            // tells which bytes were the character (`ac 46` is 現).
            if scalar == "(" || scalar == "（", let (syllable, end) = bracketed(scalars, open: index),
               let realigned = realign(&output, reading: syllable, readings: readings, following: scalars[end...]) {
                output.append(realigned.character)
                removed += 1
                if !realigned.restored { lost += 1 } else if realigned.tookLoss { lost -= 1 }
                index = end
                continue
            }
            // `?nèi)`: the character and its opening bracket were lost.
            if scalar == "?" || scalar == "\u{FFFD}", let (syllable, end) = remnant(scalars, from: index + 1),
               readings.isSyllable(syllable) {
                if output.last != "\u{FFFD}" { output.append("\u{FFFD}") }
                lost += 1
                index = end
                // One lost character: a following U+FFFD stands for the same one.
                if index < scalars.count, scalars[index] == "\u{FFFD}" { index += 1 }
                continue
            }
            output.append(scalar)
            index += 1
        }
        guard removed > 0 || lost > 0 else { return Outcome(text: text, removed: 0, lost: 0) }
        return Outcome(text: String(scalars: output), removed: removed, lost: lost)
    }

    /// If the last one to three characters of `output`, encoded as GBK, end in the two bytes of a
    /// Han character that `reading` is a reading of (and that is not simply the last character),
    /// replaces them by U+FFFD (the lost half before) and returns that character. When one byte is
    /// left of the character before (`8d` of `崿`), that one comes back if its neighbours say which
    /// it was (`LostCharacters`: 實 before 現), and `restored` is true.
    static func realign(_ output: inout [Unicode.Scalar], reading: String, readings: PinyinReadings,
                        following: ArraySlice<Unicode.Scalar> = []) -> (character: Unicode.Scalar, restored: Bool, tookLoss: Bool)? {
        guard let last = output.last, !ChineseFrequencies.isHan(last) || !readings.isReading(reading, of: last) else { return nil }
        var tail: [Unicode.Scalar] = []
        for scalar in output.reversed() {
            guard tail.count < 3, !scalar.properties.isWhitespace, scalar != "\u{FFFD}", scalar != "?" else { break }
            tail.insert(scalar, at: 0)
        }
        guard tail.contains(where: { $0.value >= 0x80 }) else { return nil }
        for count in 1...tail.count {
            guard let bytes = CodePage.gbk.encode(tail.suffix(count)), bytes.count >= 3 else { continue }
            let lead = bytes[bytes.count - 2], trail = bytes[bytes.count - 1]
            guard let character = CodePage.gbk.character(lead: lead, trail: trail), ChineseFrequencies.isHan(character),
                  readings.isReading(reading, of: character) else { continue }
            output.removeLast(count)
            if bytes.count == 3, let lexicon = ChineseFrequencies.shared,
               let chosen = LostCharacters.restore([.gbkTrail(bytes[0])], left: output[...],
                                                   right: ([character] + following.prefix(3))[...], lexicon: lexicon) {
                // A remnant's U+FFFD just before is the same lost character, now back.
                let tookLoss = output.last == "\u{FFFD}"
                if tookLoss { output.removeLast() }
                output += chosen
                return (character, true, tookLoss)
            }
            if output.last != "\u{FFFD}" { output.append("\u{FFFD}") }
            return (character, false, false)
        }
        return nil
    }

    /// The syllable in the bracket opening at `open`, and the index after its closing bracket.
    /// Spaces around the syllable inside the brackets (`( zhèng)`) are no part of it.
    static func bracketed(_ scalars: [Unicode.Scalar], open: Int) -> (String, Int)? {
        var index = open + 1
        while index < scalars.count, index - open <= 3, isSpace(scalars[index]) { index += 1 }
        let first = index
        var last = index   // after the syllable's last letter
        while index < scalars.count, index - first <= 8 {
            let scalar = scalars[index]
            if scalar == ")" || scalar == "）" {
                guard last > first else { return nil }
                let syllable = scalars[first..<last]
                return (String(scalars: syllable.contains(where: isInvisible) ? ArraySlice(syllable.filter { !isInvisible($0) }) : syllable),
                        index + 1)
            }
            if isSpace(scalar) {
                index += 1
                continue
            }
            if isInvisible(scalar), last == index {   // `fá&shy;`: no part of the syllable
                index += 1
                last = index
                continue
            }
            guard isPinyinLetter(scalar), last == index else { return nil }   // no space inside the syllable
            index += 1
            last = index
        }
        return nil
    }

    /// A soft hyphen or a zero-width character, which a page may leave inside a word.
    @inline(__always)
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// Annotations at the start of a line that belong to the last character of the line before
    /// (`會` / `(huì)繼續`: a hard wrap between a character and its annotation) are removed, so
    /// that the lines can be joined as the wrap's other lines are. Returns how many went.
    static func stripAcrossBreaks(_ lines: inout [String]) -> Int {
        var removed = 0
        for index in lines.indices.dropFirst() {
            guard let first = lines[index].unicodeScalars.first, first == "(" || first == "（",
                  let previous = lines[index - 1].unicodeScalars.last, ChineseFrequencies.isHan(previous) else { continue }
            let scalars = lines[index].scalarArray
            guard let (syllable, end) = bracketed(scalars, open: 0), end < scalars.count,
                  let readings = PinyinReadings.shared, readings.isReading(syllable, of: previous) else { continue }
            lines[index] = String(scalars: scalars[end...])
            removed += 1
        }
        return removed
    }

    /// A space that may stand between a character and its annotation, or inside the brackets.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{3000}" || scalar == "\u{A0}"
    }

    /// A tone-marked syllable from `start` up to a closing bracket, and the index after the bracket.
    static func remnant(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var index = start
        while index < scalars.count, index - start <= 7 {
            let scalar = scalars[index]
            if scalar == ")" || scalar == "）" {
                let syllable = scalars[start..<index]
                guard syllable.contains(where: { $0.value >= 0x80 }) else { return nil }
                return (String(scalars: syllable), index + 1)
            }
            guard isPinyinLetter(scalar) else { return nil }
            index += 1
        }
        return nil
    }

    /// Whether somewhere in `text` a closing bracket directly follows a run of pinyin letters that
    /// is not only tone digits (`(2024)` is no reading of anything).
    static func mayHoldAnnotation(_ text: String) -> Bool {
        var letters = false
        for scalar in text.unicodeScalars {
            if (scalar == ")" || scalar == "）") && letters { return true }
            // Spaces after the letters keep them (`(zhèng )`), and so do invisible characters.
            if letters && (isSpace(scalar) || isInvisible(scalar)) { continue }
            letters = isPinyinLetter(scalar) && (letters || !(0x30...0x35).contains(scalar.value))
        }
        return false
    }

    /// Lower-case letters, tone-marked vowels, ü, combining tone marks and tone digits.
    static func isPinyinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x35: return true
        case 0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC: return true
        case 0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4, 0x1D6, 0x1D8, 0x1DA, 0x1DC: return true
        case 0x300, 0x301, 0x304, 0x30C: return true
        default: return false
        }
    }
}
