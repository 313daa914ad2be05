/// Finds the stretches of a text that are UTF-8 bytes which someone decoded with a legacy code page:
/// the text's characters, encoded back into that page, form valid multi-byte UTF-8 sequences.
enum HiddenUTF8 {
    /// One decoded UTF-8 sequence of a stretch.
    struct Sequence: Equatable {
        /// The text's characters it was read from.
        var source: Range<Int>
        var scalar: Unicode.Scalar
        /// Length in bytes (2 to 4, or 6 for a CESU-8 surrogate pair).
        var byteCount: Int
        /// A lossy decoder had replaced part of it (with `?` or U+FFFD): the character is lost.
        var lost: Bool
        /// For a lost character of which all bytes but one survive: those bytes (`LostCharacters`).
        var clue: LostCharacters.Clue? = nil
    }

    /// A run of consecutive sequences that starts and ends on the text's character boundaries.
    struct Stretch: Equatable {
        var source: Range<Int>
        var sequences: [Sequence]
        /// Shorter stretches from the same start that also end on a character boundary: how many
        /// sequences each keeps, and where its source ends.
        var shorter: [(sequences: Int, end: Int)] = []

        static func == (left: Stretch, right: Stretch) -> Bool {
            left.source == right.source && left.sequences == right.sequences
        }

        /// The stretches from the same start, longest first (this one included).
        var prefixes: [Stretch] {
            [self] + shorter.reversed().map { Stretch(source: source.lowerBound..<$0.end, sequences: Array(sequences.prefix($0.sequences))) }
        }

        var decoded: [Unicode.Scalar] { sequences.map(\.scalar) }
        var longestSequence: Int { sequences.map(\.byteCount).max() ?? 0 }
        var hasLoss: Bool { sequences.contains(where: \.lost) }
    }

    /// The stretches of `scalars` read through `page`, left to right, none overlapping. A stretch
    /// never starts or ends in the middle of one of the text's characters.
    static func stretches(_ scalars: [Unicode.Scalar], page: CodePage) -> [Stretch] {
        var found: [Stretch] = []
        var scratch = Scratch()
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            // No single-byte page holds CJK characters; a double-byte page may.
            if value >= 0x80, page.isDoubleByte || !(0x2E80...0xFAFF).contains(value),
               page.mayStartUTF8(scalars[index], following: index + 1 < scalars.count ? scalars[index + 1] : nil),
               let stretch = stretch(scalars, from: index, page: page, scratch: &scratch) {
                found.append(stretch)
                index = stretch.source.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// The expected length of a UTF-8 sequence from its first byte, or nil for a byte that cannot start one.
    @inline(__always)
    static func sequenceLength(lead: UInt8) -> Int? {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return nil
        }
    }

    /// Whether `byte` may stand at `position` (1-based) of a sequence that starts with `lead`.
    @inline(__always)
    static func isContinuation(_ byte: UInt8, lead: UInt8, position: Int) -> Bool {
        guard (0x80...0xBF).contains(byte) else { return false }
        guard position == 1 else { return true }
        switch lead {
        case 0xE0: return byte >= 0xA0
        case 0xF0: return byte >= 0x90
        case 0xF4: return byte <= 0x8F
        default: return true   // 0xED may start a CESU-8 surrogate; checked when decoding
        }
    }

    /// The arrays `stretch` fills, kept from one candidate start to the next: most starts are
    /// given up after a byte or two, so allocating them anew for each would outweigh the search.
    struct Scratch {
        var bytes: [UInt8] = []
        var owner: [Int] = []
        var starts: [Bool] = []
    }

    private static func stretch(_ scalars: [Unicode.Scalar], from start: Int, page: CodePage,
                                scratch: inout Scratch) -> Stretch? {
        // The bytes of the characters from `start`, filled as needed: `owner[k]` is the character
        // byte k came from, `starts[k]` whether it is that character's first byte.
        // Taken out of `scratch` (so that each is uniquely held and keeps its room), put back at the end.
        var bytes: [UInt8] = [], owner: [Int] = [], starts: [Bool] = []
        swap(&bytes, &scratch.bytes)
        swap(&owner, &scratch.owner)
        swap(&starts, &scratch.starts)
        bytes.removeAll(keepingCapacity: true)
        owner.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        defer {
            swap(&bytes, &scratch.bytes)
            swap(&owner, &scratch.owner)
            swap(&starts, &scratch.starts)
        }
        var next = start
        func fill(_ count: Int) -> Bool {
            while bytes.count < count {
                guard next < scalars.count else { return false }
                let before = bytes.count
                guard page.append(scalars[next], to: &bytes) else { return false }
                for k in before..<bytes.count { owner.append(next); starts.append(k == before) }
                next += 1
            }
            return true
        }
        func isLossMark(_ scalar: Unicode.Scalar, known: Int, length: Int) -> Bool {
            if scalar.value == 0xFFFD { return true }
            // A `?` after one byte only counts if the sequence's remaining bytes follow it (checked below).
            return scalar == "?" && length >= 3 && known >= 1
        }

        var sequences: [Sequence] = []
        var good = 0            // sequences up to the last one that ended on a character boundary
        var goodEnd = start     // the character after that one
        var cuts: [(sequences: Int, end: Int)] = []
        var position = 0        // in `bytes`
        decoding: while fill(position + 1) {
            let lead = bytes[position]
            guard let length = sequenceLength(lead: lead) else { break }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var known = 1
            var mark: Int?
            while known < length {
                if fill(position + known + 1), isContinuation(bytes[position + known], lead: lead, position: known) {
                    value = value << 6 | UInt32(bytes[position + known] & 0x3F)
                    known += 1
                    continue
                }
                // Not a continuation: a lossy decoder's `?` or U+FFFD may stand for the rest.
                let candidate: Int
                if position + known < bytes.count {
                    guard starts[position + known] else { break decoding }
                    candidate = owner[position + known]
                } else {
                    guard next < scalars.count else { break decoding }
                    candidate = next
                }
                guard isLossMark(scalars[candidate], known: known, length: length) else { break decoding }
                mark = candidate
                break
            }
            if let mark {
                // The mark stands for one byte (two U+FFFD in a row, for the last two of a
                // sequence); the sequence's remaining bytes may follow it.
                let first = owner[position]
                let survivors = Array(bytes[position..<(position + known)])
                bytes.removeAll(); owner.removeAll(); starts.removeAll()
                let marks = known + 2 == length && mark + 1 < scalars.count && scalars[mark].value == 0xFFFD
                    && scalars[mark + 1].value == 0xFFFD ? 2 : 1
                next = mark + marks
                var skip = 0
                while skip < length - known - marks, fill(skip + 1), (0x80...0xBF).contains(bytes[skip]) { skip += 1 }
                if scalars[mark] == "?" && known < 2 && known + skip + 1 != length { break decoding }
                let clue: LostCharacters.Clue? = known + skip + marks == length
                    ? .utf8(bytes: survivors + bytes[0..<skip], missing: known) : nil
                sequences.append(Sequence(source: first..<(skip > 0 ? owner[skip - 1] + 1 : mark + marks), scalar: "\u{FFFD}",
                                          byteCount: length, lost: true, clue: clue))
                position = skip
                if position == 0 || position == bytes.count || starts[position] {
                    if good > 0 { cuts.append((good, goodEnd)) }
                    good = sequences.count
                    goodEnd = position == 0 ? mark + marks : (position == bytes.count ? next : owner[position])
                }
                continue
            }
            var byteCount = length
            if (0xD800...0xDBFF).contains(value) {
                // CESU-8: a high surrogate, then a low one, each as three bytes.
                guard fill(position + 6), bytes[position + 3] == 0xED,
                      (0xB0...0xBF).contains(bytes[position + 4]),
                      (0x80...0xBF).contains(bytes[position + 5]) else { break }
                let low = UInt32(bytes[position + 4] & 0x0F) << 6 | UInt32(bytes[position + 5] & 0x3F)
                value = 0x10000 + ((value - 0xD800) << 10) + low
                byteCount = 6
            } else if (0xDC00...0xDFFF).contains(value) {
                break
            }
            guard let scalar = Unicode.Scalar(value) else { break }
            let end = position + byteCount
            sequences.append(Sequence(source: owner[position]..<(owner[end - 1] + 1), scalar: scalar,
                                      byteCount: byteCount, lost: false))
            position = end
            if end == bytes.count || starts[end] {
                if good > 0 { cuts.append((good, goodEnd)) }
                good = sequences.count
                goodEnd = end == bytes.count ? next : owner[end]
            }
        }
        guard good > 0 else { return nil }
        return Stretch(source: start..<goodEnd, sequences: Array(sequences.prefix(good)), shorter: cuts)
    }
}
