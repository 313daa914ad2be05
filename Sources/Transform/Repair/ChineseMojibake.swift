/// Chinese mojibake, judged by how much each reading looks like Chinese (`ChineseFrequencies`):
///
/// - UTF-8 read as GBK (`鎴戜滑` for 我们) or as Big5: stretches whose GBK or Big5 bytes form UTF-8;
/// - Big5 bytes read as GBK, and GBK bytes read as Big5: whole runs of CJK characters;
/// - GBK bytes read as GBK one byte off, after a byte was lost upstream (`ネ抵袊墓こ處煟` for
///   偷中國的工程師): the run is read again from its second byte. Characters whose bytes are
///   not all there any more become U+FFFD and the repair is flagged as incomplete;
/// - `锟斤拷`, the GBK reading of UTF-8 replacement characters, is one lost character.
enum ChineseMojibake {
    struct Outcome {
        var scalars: [Unicode.Scalar]
        /// Some characters could not be recovered (now U+FFFD).
        var lost: Bool
    }

    /// A reading must cost at most this much per character to count as Chinese …
    static let plausibleCost: Float = 10.5
    /// … and this much less than the text as it stands.
    static let requiredGain: Float = 3.5

    /// A U+FFFD a repair wrote for lost characters, at `index`, and what survives of each of them
    /// (nil when something of them is not known: then it stays U+FFFD).
    struct Slot {
        var index: Int
        var clues: [LostCharacters.Clue]?
    }

    /// The repaired text, or nil if nothing here is Chinese mojibake.
    static func repair(_ input: [Unicode.Scalar]) -> Outcome? {
        guard input.contains(where: { $0.value >= 0x2E80 }), let lexicon = ChineseFrequencies.shared else { return nil }
        var scalars = input
        var changed = false
        var lost = false
        var slots: [Slot] = []
        func replace(_ range: Range<Int>, with replacement: [Unicode.Scalar], slots new: [Slot]) {
            scalars.replaceSubrange(range, with: replacement)
            let delta = replacement.count - range.count
            slots.removeAll { range.contains($0.index) }
            for number in slots.indices where slots[number].index >= range.upperBound { slots[number].index += delta }
            slots += new.map { Slot(index: $0.index + range.lowerBound, clues: $0.clues) }
        }

        if let replaced = replaceReplacementMojibake(scalars) {
            scalars = replaced
            changed = true
            lost = true
        }
        for page in [CodePage.gbk, CodePage.big5] {
            let stretches = HiddenUTF8.stretches(scalars, page: page)
            for whole in stretches.reversed() {
                // The longest stretch from this start that reads as real text.
                guard let stretch = whole.prefixes.first(where: { isUTF8Repair($0, in: scalars, lexicon: lexicon) }) else { continue }
                var found: [Slot] = []
                for (index, sequence) in stretch.sequences.enumerated() where sequence.lost {
                    if let clue = sequence.clue { found.append(Slot(index: index, clues: [clue])) } else { lost = true }
                }
                replace(stretch.source, with: stretch.decoded, slots: found)
                changed = true
            }
        }
        for run in runs(scalars).reversed() where looksDamaged(scalars[run], lexicon: lexicon) {
            guard let (span, replacement) = bestRereading(scalars[run], lexicon: lexicon) else { continue }
            let found = replacement.slots.filter { $0.clues != nil }
            if replacement.scalars.count(where: { $0 == "\u{FFFD}" }) > found.count { lost = true }
            replace(span, with: replacement.scalars, slots: found)
            changed = true
        }
        // Lost characters back from what survives of them, left to right.
        slots.sort { $0.index < $1.index }
        var number = 0
        while number < slots.count {
            let slot = slots[number]
            number += 1
            guard slot.index < scalars.count, scalars[slot.index] == "\u{FFFD}" else { continue }
            guard let clues = slot.clues, let chosen = LostCharacters.restore(
                clues, left: scalars[..<slot.index], right: scalars[(slot.index + 1)...], lexicon: lexicon) else {
                lost = true
                continue
            }
            if chosen.contains("\u{FFFD}") { lost = true }
            var range = slot.index..<(slot.index + 1)
            if case .gbkHalf = clues[0], chosen[0] != "\u{FFFD}", let remnant = annotationRemnant(before: slot.index, in: scalars) { range = remnant.lowerBound..<range.upperBound }
            scalars.replaceSubrange(range, with: chosen)
            let delta = chosen.count - range.count
            for later in number..<slots.count { slots[later].index += delta }
        }
        return changed ? Outcome(scalars: scalars, lost: lost) : nil
    }

    /// `?nèi)` just before `index`: the bracket with a reading and the `?` of a character whose first
    /// byte a lossy decoder took with the bracket (`RubyPinyin` would make it one lost character).
    /// The character whose second byte opens a run read one byte off is that same character.
    static func annotationRemnant(before index: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard index >= 3, scalars[index - 1] == ")" || scalars[index - 1] == "）" else { return nil }
        var start = index - 2
        while start >= 0, index - start <= 8, RubyPinyin.isPinyinLetter(scalars[start]) { start -= 1 }
        guard start >= 0, start < index - 2, scalars[start] == "?" || scalars[start] == "\u{FFFD}",
              scalars[(start + 1)..<(index - 1)].contains(where: { $0.value >= 0x80 }) else { return nil }
        return start..<index
    }

    /// `锟斤拷` (and longer repeats of it) becomes one U+FFFD.
    static func replaceReplacementMojibake(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        let pattern: [Unicode.Scalar] = ["锟", "斤", "拷"]
        guard scalars.contains("锟") else { return nil }
        var output: [Unicode.Scalar] = []
        var index = 0
        var found = false
        while index < scalars.count {
            if index + 3 <= scalars.count, Array(scalars[index..<(index + 3)]) == pattern {
                if output.last != "\u{FFFD}" { output.append("\u{FFFD}") }
                index += 3
                found = true
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return found ? output : nil
    }

    /// Whether a stretch of UTF-8 read as GBK or Big5 should be decoded as UTF-8.
    static func isUTF8Repair(_ stretch: HiddenUTF8.Stretch, in scalars: [Unicode.Scalar], lexicon: ChineseFrequencies) -> Bool {
        let decoded = stretch.decoded
        guard decoded.allSatisfy(LatinMojibake.isAllowedResult) else { return false }
        if decoded.contains(where: { ChineseFrequencies.isHan($0) || ChineseFrequencies.isChinesePunctuation($0) }) {
            // Every character must be at home in Chinese text.
            guard decoded.allSatisfy({ ChineseFrequencies.isHan($0) || ChineseFrequencies.isChinesePunctuation($0)
                    || $0.value == 0xFFFD || (0x3000...0x30FF).contains($0.value) || (0xFF01...0xFF5E).contains($0.value) }) else { return false }
            let before = lexicon.averageCost(scalars[stretch.source])
            let after = lexicon.averageCost(decoded[...])
            return after <= plausibleCost && before - after >= requiredGain
        }
        // An accented Latin letter read as one Han character in a Latin word (`Z眉rich`, `caf茅`):
        // a common letter, after a letter of the word (or before one, at the word's start).
        guard decoded.allSatisfy({ ($0.value >= 0xC0 && $0.value <= 0xFF && $0.value != 0xD7 && $0.value != 0xF7)
                || ((0x100...0x17F).contains($0.value) && LatinMojibake.isCommonTwoByteResult($0.value)) }),
              stretch.source.count == decoded.count else { return false }
        let left = stretch.source.lowerBound > 0 ? scalars[stretch.source.lowerBound - 1] : nil
        let right = stretch.source.upperBound < scalars.count ? scalars[stretch.source.upperBound] : nil
        if let right, ChineseFrequencies.isHan(right) { return false }
        if LatinMojibake.isLatinLetter(left) { return true }
        return (left == nil || left!.properties.isWhitespace) && (right?.properties.isLowercase ?? false)
    }

    /// Maximal runs of non-ASCII characters (no spaces), three or more long. An ASCII character
    /// that GBK allows as a second byte (`@` to `~`) between two of them belongs to the run: a
    /// reading one byte off makes such characters (`碓O計` is `來設計` shifted).
    static func runs(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start: Int?
        func isWide(_ index: Int) -> Bool {
            guard index >= 0 && index < scalars.count else { return false }
            let value = scalars[index].value
            return value >= 0x80 && value != 0xA0 && value != 0x3000 && !(0x2000...0x200A).contains(value)
        }
        for index in 0...scalars.count {
            let inRun = isWide(index) || (index < scalars.count && (0x40...0x7E).contains(scalars[index].value)
                                          && isWide(index - 1) && isWide(index + 1))
            if inRun, start == nil { start = index }
            if !inRun, let first = start {
                if index - first >= 3 { found.append(first..<index) }
                start = nil
            }
        }
        return found
    }

    /// A run worth a closer look: three or more of its characters, or a quarter, are rare Han
    /// characters, kana or lost characters — what a wrong reading of GBK or Big5 bytes makes.
    static func looksDamaged(_ run: ArraySlice<Unicode.Scalar>, lexicon: ChineseFrequencies) -> Bool {
        guard run.contains(where: ChineseFrequencies.isHan) else { return false }
        let rare = run.reduce(0) { $0 + (isSuspicious($1, lexicon: lexicon, threshold: 14) ? 1 : 0) }
        return rare >= 3 || (rare > 0 && rare * 4 >= run.count)
    }

    /// A rare Han character, or a letter GBK and Big5 hold beside the Han characters — kana,
    /// Greek, Cyrillic, full-width Latin — or U+FFFD or a private-use character. (Signs are not:
    /// `──` and `※` are at home in Chinese text.)
    static func isSuspicious(_ scalar: Unicode.Scalar, lexicon: ChineseFrequencies, threshold: Float) -> Bool {
        switch scalar.value {
        case 0xFFFD, 0x3040...0x30FF, 0xE000...0xF8FF, 0x391...0x3C9, 0x410...0x451, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return true
        default:
            return ChineseFrequencies.isHan(scalar) && lexicon.cost(of: scalar) >= threshold
        }
    }

    /// The best way to read a damaged part of `run` again — one byte off as GBK, Big5 as GBK, GBK
    /// as Big5 — if one reads as Chinese and clearly better than the text as it stands: the part's
    /// range (indices of `run`'s base) and its new characters. The damaged part is found from the
    /// rare characters in it; its edges are tried a few characters wider, since a shifted reading
    /// can also make common characters.
    static func bestRereading(_ run: ArraySlice<Unicode.Scalar>, lexicon: ChineseFrequencies) -> (Range<Int>, Reread)? {
        let suspicious = run.indices.filter { isSuspicious(run[$0], lexicon: lexicon, threshold: 12) }
        guard let first = suspicious.first, let last = suspicious.last else { return nil }
        // Wrong readings of GBK and Big5 hold Han characters; a stretch of kana alone is Japanese.
        let han = run[first...last].reduce(0) { $0 + (ChineseFrequencies.isHan($1) ? 1 : 0) }
        guard han >= 2 else { return nil }
        let before = lexicon.segment(run).cost
        var best: (cost: Float, range: Range<Int>, reread: Reread)?
        for start in stride(from: first, through: max(run.startIndex, first - 4), by: -1) {
            for end in (last + 1)...min(run.endIndex, last + 4) {
                let part = run[start..<end]
                for reread in [shifted(part, lexicon: lexicon), recoded(part, from: .gbk, to: .big5).map { Reread(scalars: $0) },
                               recoded(part, from: .big5, to: .gbk).map { Reread(scalars: $0) }] {
                    guard let reread, !reread.scalars.isEmpty, lexicon.averageCost(reread.scalars[...]) <= plausibleCost else { continue }
                    var whole = Array(run[run.startIndex..<start])
                    whole += reread.scalars
                    whole += run[end..<run.endIndex]
                    // A U+FFFD standing for several lost characters costs as much as that many.
                    let hidden = reread.slots.reduce(0) { $0 + max(0, ($1.clues?.count ?? 1) - 1) }
                    let cost = lexicon.segment(whole[...]).cost + ChineseFrequencies.lostCost * Float(hidden)
                    if cost < (best?.cost ?? .infinity) { best = (cost, start..<end, reread) }
                }
            }
        }
        guard let best, before - best.cost >= requiredGain * Float(best.range.count) else { return nil }
        return (best.range, best.reread)
    }

    /// A part read again: its characters, and the lost ones among them (`Slot`, indices of `scalars`).
    struct Reread {
        var scalars: [Unicode.Scalar]
        var slots: [Slot] = []
    }

    /// The run read again as GBK from its second byte. The first byte and an odd last byte are
    /// halves of characters whose other half is gone; so are characters that make no sense where
    /// they stand (not common, and part of no word, or not Chinese at all: two halves of different
    /// characters read as one): each such place becomes one U+FFFD.
    static func shifted(_ run: ArraySlice<Unicode.Scalar>, lexicon: ChineseFrequencies) -> Reread? {
        // A U+FFFD in the run is where a decoder lost its way and found it again: each piece
        // between them may be off or not.
        var decoded: [Unicode.Scalar] = []
        var clues: [[LostCharacters.Clue]?] = []   // for each decoded character, if it is lost
        var anyShifted = false
        for (number, piece) in run.split(separator: "\u{FFFD}", omittingEmptySubsequences: false).enumerated() {
            // A decoder's U+FFFD right after a first byte whose second is lost is that second byte.
            if number > 0, !(decoded.last == "\u{FFFD}" && clues.last??.count == 1 && { if case .gbkLead = clues.last!![0] { true } else { false } }()) {
                decoded.append("\u{FFFD}"); clues.append(nil)
            }
            guard !piece.isEmpty else { continue }
            if let reread = shiftedPiece(piece), piece.count >= 2,
               lexicon.averageCost(reread.scalars[...]) + requiredGain <= lexicon.averageCost(piece) {
                decoded += reread.scalars
                clues += reread.clues
                anyShifted = true
            } else {
                decoded += piece
                clues += piece.map { _ in nil }   // not read again: nothing known of a loss here
            }
        }
        guard anyShifted else { return nil }
        let inWord = lexicon.segment(decoded[...]).inWord
        var output = Reread(scalars: [])
        for (index, scalar) in decoded.enumerated() {
            let makesSense = scalar.value < 0x80 || ChineseFrequencies.isChinesePunctuation(scalar)
                || (ChineseFrequencies.isHan(scalar) && (inWord[index] || lexicon.cost(of: scalar) <= 12))
            if makesSense && scalar != "\u{FFFD}" {
                output.scalars.append(scalar)
                continue
            }
            // What survives of the character(s) lost here: a lost one's clue, or the two bytes of a
            // character that is two halves (the second of one, the first of the next).
            var here: [LostCharacters.Clue]? = clues[index]
            if scalar != "\u{FFFD}", here?.isEmpty ?? false, let bytes = CodePage.gbk.encode([scalar]), bytes.count == 2 {
                here = [.gbkLead(bytes[0]), .gbkTrail(bytes[1])]
            } else if here?.isEmpty ?? false {
                here = nil
            }
            if output.scalars.last == "\u{FFFD}", let previous = output.slots.last, previous.index == output.scalars.count - 1 {
                // One U+FFFD for adjacent losses, known only if each of them is.
                if let known = previous.clues, let here { output.slots[output.slots.count - 1].clues = known + here } else {
                    output.slots[output.slots.count - 1].clues = nil
                }
                continue
            }
            if output.scalars.last == "\u{FFFD}" { continue }
            output.scalars.append("\u{FFFD}")
            output.slots.append(Slot(index: output.scalars.count - 1, clues: here))
        }
        return output
    }

    /// A piece read as GBK from its second byte: its first byte, and an odd last byte, are halves
    /// of characters whose other half is gone (U+FFFD). `clues` gives, for each character, what
    /// survives of it if it is lost (nil: nothing known), or [] for a character read whole.
    static func shiftedPiece(_ piece: ArraySlice<Unicode.Scalar>) -> (scalars: [Unicode.Scalar], clues: [[LostCharacters.Clue]?])? {
        guard let bytes = CodePage.gbk.encode(piece), bytes.count >= 3 else { return nil }
        var scalars: [Unicode.Scalar] = ["\u{FFFD}"]
        var clues: [[LostCharacters.Clue]?] = [[.gbkHalf(bytes[0])]]
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte)); clues.append([])
                index += 1
            } else if index + 1 < bytes.count, let scalar = CodePage.gbk.character(lead: byte, trail: bytes[index + 1]) {
                scalars.append(scalar); clues.append([])
                index += 2
            } else {
                scalars.append("\u{FFFD}")
                clues.append(index + 1 == bytes.count ? [.gbkLead(byte)] : nil)
                index += 1
            }
        }
        return (scalars, clues)
    }

    /// The run's bytes in one double-byte page read in another, or nil if they do not all read.
    static func recoded(_ run: ArraySlice<Unicode.Scalar>, from source: CodePage, to target: CodePage) -> [Unicode.Scalar]? {
        guard let bytes = source.encode(run) else { return nil }
        return target.decode(bytes, lossy: false)
    }
}
