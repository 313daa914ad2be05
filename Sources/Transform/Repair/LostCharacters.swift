import Synchronization

/// Characters a lossy decoder lost, brought back from the bytes of theirs that survive and from
/// their neighbours.
///
/// When mojibake is decoded again, a character whose bytes are not all there any more is known
/// only in part: one byte of a GBK pair (the other went with a shifted reading, or into a pair the
/// decoder threw away), or all but one byte of a UTF-8 sequence (the decoder replaced one with `?`
/// or U+FFFD). That leaves at most 64 (UTF-8) or 190 (GBK) characters it can have been; the
/// word-frequency model (`ChineseFrequencies`) chooses the one that makes words with the text
/// around it (`中?` followed by `的` is 國). A choice is made only when it is credible: the
/// character must be common or part of a word with a neighbour, and clearly better than the next
/// candidate; otherwise the place stays U+FFFD (`mojibake_unrepaired`).
///
/// This runs only on places a repair has already found lost; text that is not mojibake never
/// comes here.
enum LostCharacters {
    /// What survives of one lost character.
    enum Clue: Hashable {
        /// The second byte of a GBK pair; the first is lost.
        case gbkTrail(UInt8)
        /// The first byte of a GBK pair; the second is lost.
        case gbkLead(UInt8)
        /// One byte of a GBK pair, the first or the second: the other is lost.
        case gbkHalf(UInt8)
        /// A UTF-8 sequence with one byte lost at `missing`, or two from there (`bytes` holds the
        /// others, in order; the sequence's first byte tells its length).
        case utf8(bytes: [UInt8], missing: Int)
    }

    /// How much better (in cost, a natural log) the chosen candidate must be than the next one.
    static let margin: Float = 1.0
    /// How many partial choices are kept from one lost character to the next.
    static let beam = 8

    /// The characters `clue` may stand for that can stand in Chinese text: Han characters and
    /// Chinese punctuation.
    static func candidates(_ clue: Clue) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        func add(_ scalar: Unicode.Scalar?) {
            guard let scalar, ChineseFrequencies.isHan(scalar) || ChineseFrequencies.isChinesePunctuation(scalar) else { return }
            found.append(scalar)
        }
        switch clue {
        case .gbkTrail(let trail):
            guard trail >= 0x40, trail != 0x7F, trail != 0xFF else { return [] }
            for lead in UInt8(0x81)...0xFE { add(CodePage.gbk.character(lead: lead, trail: trail)) }
        case .gbkLead(let lead):
            guard (0x81...0xFE).contains(lead) else { return [] }
            for trail in UInt8(0x40)...0xFE where trail != 0x7F { add(CodePage.gbk.character(lead: lead, trail: trail)) }
        case .gbkHalf(let byte):
            return candidates(.gbkTrail(byte)) + candidates(.gbkLead(byte))
        case .utf8(let bytes, let missing):
            // One byte lost (64 candidates) or two in a row (4,096).
            guard let lead = bytes.first, missing > 0, missing <= bytes.count,
                  let length = HiddenUTF8.sequenceLength(lead: lead), length - bytes.count == 1 || length - bytes.count == 2 else { return [] }
            let lost = length - bytes.count
            for code in 0..<(lost == 1 ? 64 : 4096) {
                var sequence = bytes
                if lost == 2 { sequence.insert(UInt8(0x80 | (code & 0x3F)), at: missing) }
                sequence.insert(UInt8(0x80 | (code >> (lost == 2 ? 6 : 0)) & 0x3F), at: missing)
                guard HiddenUTF8.isContinuation(sequence[1], lead: lead, position: 1) else { continue }
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for continuation in sequence.dropFirst() { value = value << 6 | UInt32(continuation & 0x3F) }
                add(Unicode.Scalar(value))
            }
        }
        return found
    }

    /// The characters for a run of lost characters (one clue each) between `left` and `right`, or
    /// nil when no choice is credible. Characters that stay uncertain among ones that are chosen
    /// come back as U+FFFD (the caller then still counts a loss).
    ///
    /// The answer depends only on the clues, three characters on each side and the script around,
    /// so it is kept (`answers`): a page saved again and again, or a headline repeated in its body,
    /// is weighed once.
    static func restore(_ clues: [Clue], left: ArraySlice<Unicode.Scalar>, right: ArraySlice<Unicode.Scalar>,
                        lexicon: ChineseFrequencies) -> [Unicode.Scalar]? {
        guard !clues.isEmpty, clues.count <= 4 else { return nil }
        // Only the neighbours up to a word's length away can make a word with a candidate.
        let question = Question(clues: clues, before: Array(left.suffix(3)), after: Array(right.prefix(3)),
                                script: scriptOf(left.suffix(12), right.prefix(12)), lexicon: ObjectIdentifier(lexicon))
        if let known = answers.withLock({ $0[question] }) { return known }
        let answer = weigh(question, lexicon: lexicon)
        answers.withLock { if $0.count < answersLimit { $0[question] = answer } }
        return answer
    }

    /// What `restore` weighs.
    struct Question: Hashable {
        var clues: [Clue]
        var before: [Unicode.Scalar]
        var after: [Unicode.Scalar]
        var script: Int
        var lexicon: ObjectIdentifier
    }

    private static let answers = Mutex<[Question: [Unicode.Scalar]?]>([:])
    static let answersLimit = 20_000

    private static func weigh(_ question: Question, lexicon: ChineseFrequencies) -> [Unicode.Scalar]? {
        let clues = question.clues, before = question.before, after = question.after, script = question.script
        // `extra`: what the model does not see (how common a mark is, a character of the other script).
        var states: [(cost: Float, extra: Float, chosen: [Unicode.Scalar])] = [(0, 0, [])]
        for (number, clue) in clues.enumerated() {
            let last = number == clues.count - 1
            let options = shortlist(candidates(clue), left: number == 0 ? before.last : nil,
                                    right: last ? after.first : nil, script: script, lexicon: lexicon)
            guard !options.isEmpty else { return nil }
            var next: [(cost: Float, extra: Float, chosen: [Unicode.Scalar])] = []
            next.reserveCapacity(states.count * options.count)
            for state in states {
                for option in options {
                    var text = before + state.chosen
                    text.append(option)
                    if last { text += after }
                    let extra = state.extra + punctuationCost(option) + scriptCost(option, script: script)
                    next.append((lexicon.segment(text[...]).cost + extra, extra, state.chosen + [option]))
                }
            }
            next.sort { $0.cost < $1.cost }
            states = Array(next.prefix(beam))
        }
        guard let best = states.first else { return nil }
        // A character is chosen where every choice that differs there is clearly worse; where
        // one is about as good, that character stays lost.
        var chosen = best.chosen
        for position in chosen.indices {
            if let rival = states.dropFirst().first(where: { $0.chosen[position] != best.chosen[position] }),
               rival.cost - best.cost < margin {
                chosen[position] = "\u{FFFD}"
            }
        }
        // Each chosen character must be at home where it stands.
        let text = before + best.chosen + after
        let inWord = lexicon.segment(text[...]).inWord
        for (offset, scalar) in chosen.enumerated() where scalar != "\u{FFFD}" {
            if ChineseFrequencies.isChinesePunctuation(scalar) {
                // Punctuation between two characters, never two marks in a row.
                let index = before.count + offset
                // At the end, only a mark that ends a sentence.
                if index > 0, ChineseFrequencies.isHan(text[index - 1]),
                   index + 1 < text.count || "。！？”".unicodeScalars.contains(scalar) { continue }
            } else if inWord[before.count + offset] || lexicon.cost(of: scalar) <= 9 {
                continue
            }
            chosen[offset] = "\u{FFFD}"
        }
        guard chosen.contains(where: { $0 != "\u{FFFD}" }) else { return nil }
        // Adjacent characters still lost are one U+FFFD, as before.
        var output: [Unicode.Scalar] = []
        for scalar in chosen where !(scalar == "\u{FFFD}" && output.last == "\u{FFFD}") { output.append(scalar) }
        return output
    }

    /// How many candidates of one lost character are weighed in context, beside those that make a
    /// word with a neighbour: the most common by themselves. (A GBK byte leaves 190 candidates,
    /// two lost UTF-8 bytes thousands; segmenting the text around each of them, for each partial
    /// choice kept, made a page of copies of one damaged headline cost seconds.)
    static let shortlistLength = 24

    /// `options` without those that cannot win: every candidate that makes a two-character word
    /// with the character beside it, and of the others the `shortlistLength` most common (with
    /// the cost of a mark and of the other script), in their first order.
    static func shortlist(_ options: [Unicode.Scalar], left: Unicode.Scalar?, right: Unicode.Scalar?, script: Int,
                          lexicon: ChineseFrequencies) -> [Unicode.Scalar] {
        guard options.count > shortlistLength else { return options }
        var keep = Set<Int>()
        var others: [(index: Int, cost: Float)] = []
        for (index, option) in options.enumerated() {
            if let left, lexicon.isWord([left, option]) { keep.insert(index); continue }
            if let right, lexicon.isWord([option, right]) { keep.insert(index); continue }
            others.append((index, lexicon.cost(of: option) + punctuationCost(option) + scriptCost(option, script: script)))
        }
        others.sort { $0.cost != $1.cost ? $0.cost < $1.cost : $0.index < $1.index }
        for other in others.prefix(shortlistLength) { keep.insert(other.index) }
        return options.indices.filter(keep.contains).map { options[$0] }
    }

    /// Traditional characters minus Simplified-only ones around a lost character.
    static func scriptOf(_ left: ArraySlice<Unicode.Scalar>, _ right: ArraySlice<Unicode.Scalar>) -> Int {
        var balance = 0
        for scalar in [left, right].joined() {
            if SimplifiedForms.isTraditional(scalar) { balance += 1 } else if isSimplifiedOnly(scalar) { balance -= 1 }
        }
        return balance
    }

    /// A character of the other script than its neighbours' is unlikely (个 among 們 and 來).
    static func scriptCost(_ scalar: Unicode.Scalar, script: Int) -> Float {
        if script > 0 && isSimplifiedOnly(scalar) { return 3 }
        if script < 0 && SimplifiedForms.isTraditional(scalar) { return 3 }
        return 0
    }

    /// Characters that are the Simplified form of another (个 of 個), by `scalar - 0x3400`.
    static let simplifiedOnly: [Bool] = {
        let range = SimplifiedForms.range
        var marks = [Bool](repeating: false, count: Int(range.upperBound - range.lowerBound) + 1)
        for (index, entry) in SimplifiedForms.table.enumerated() where entry != 0xFFFF && Int(entry) != index {
            marks[Int(entry)] = true
        }
        return marks
    }()

    static func isSimplifiedOnly(_ scalar: Unicode.Scalar) -> Bool {
        SimplifiedForms.range.contains(scalar.value) && simplifiedOnly[Int(scalar.value - SimplifiedForms.range.lowerBound)]
    }

    /// Added to the model's flat cost of a punctuation mark: the comma is common, others less so.
    static func punctuationCost(_ scalar: Unicode.Scalar) -> Float {
        guard ChineseFrequencies.isChinesePunctuation(scalar) else { return 0 }
        switch scalar.value {
        case 0xFF0C: return 0          // ，
        case 0x3002: return 1          // 。
        case 0x3001: return 2          // 、
        case 0xFF01, 0xFF1F, 0xFF1A, 0x201C, 0x201D: return 2   // ！？：“”
        default: return 4
        }
    }
}
