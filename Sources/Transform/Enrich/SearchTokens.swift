import Records

/// The lexemes a search index holds for a text: every pair of adjacent Han characters (bigrams,
/// as CJK search engines index Chinese, so any word of two or more characters is found without a
/// dictionary) plus single Han characters that stand alone, Latin words and numbers, and dotted
/// abbreviations (`u.s.`, `e.g.`, `a.m.`: single ASCII letters each followed by a dot, the last dot
/// optional and left out of the lexeme `u.s`, the last letter followed by no letter or digit) as
/// one word. The
/// text is expected in search form (lower case). `news.search` splits a query the same way.
public enum SearchTokens {
    /// One lexeme of a text: its bytes in the text's UTF-8 (`start..<end`) and, for a Han lexeme,
    /// its one or two characters packed as `first << 18 | second` (`second` 0 when it stands
    /// alone; every Han scalar is below 2^18); 0 for a word.
    struct Lexeme {
        var start: Int
        var end: Int
        var han: UInt64
    }

    /// Calls `body` with each lexeme of the UTF-8 text `bytes`, in order.
    static func forEachLexeme(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Lexeme) -> Void) {
        var previousHan: (start: Int, value: UInt32)?
        var hanRun = 0
        var wordStart: Int?
        func endHanRun(at end: Int) {
            if hanRun == 1, let single = previousHan { body(Lexeme(start: single.start, end: end, han: UInt64(single.value) << 18)) }
            hanRun = 0
            previousHan = nil
        }
        func endWord(at end: Int) {
            defer { wordStart = nil }
            guard let start = wordStart else { return }
            // PostgreSQL's parser reads a word that starts like `3e8` (ASCII digits, `e`, digits)
            // as a number and what follows as another word: `3e8f2a` is `3e8` and `f2a`.
            var digitsEnd = start
            while digitsEnd < end, (0x30...0x39).contains(bytes[digitsEnd]) { digitsEnd += 1 }
            if digitsEnd > start, digitsEnd + 1 < end, bytes[digitsEnd] == 0x65 {
                var exponent = digitsEnd + 1
                while exponent < end, (0x30...0x39).contains(bytes[exponent]) { exponent += 1 }
                if exponent > digitsEnd + 1, exponent < end {
                    body(Lexeme(start: start, end: exponent, han: 0))
                    body(Lexeme(start: exponent, end: end, han: 0))
                    return
                }
            }
            body(Lexeme(start: start, end: end, han: 0))
        }
        var index = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            let scalar = Unicode.UTF8.decode(encoded)
            let value = scalar.value
            let next = index + encoded.count
            if wordStart == nil, value < 0x80, (0x61...0x7A).contains(value),
               let end = abbreviationEnd(in: bytes, at: index) {
                endHanRun(at: index)
                body(Lexeme(start: index, end: end, han: 0))
                for _ in next..<end { _ = iterator.next() }   // ASCII: a byte a scalar
                index = end
                continue
            }
            if TextClass.isHan(value) {
                endWord(at: index)
                if let previous = previousHan {
                    body(Lexeme(start: previous.start, end: next, han: UInt64(previous.value) << 18 | UInt64(value)))
                }
                previousHan = (index, value)
                hanRun += 1
            } else if TextClass.isWordCharacter(scalar) {
                endHanRun(at: index)
                if wordStart == nil { wordStart = index }
            } else {
                endHanRun(at: index)
                endWord(at: index)
            }
            index = next
        }
        endHanRun(at: bytes.count)
        endWord(at: bytes.count)
    }

    /// Where the dotted abbreviation that starts at `start` (a small ASCII letter) ends: after its
    /// last letter, when two letters or more each come with a dot between them (`u.s`, `u.s.a`)
    /// and what follows the last letter is no letter or digit but Han (the query side sets Chinese
    /// runs apart): `news.search_query`'s `[a-z](?:\.[a-z])+(?![[:alnum:]])`; nil when there is none.
    @inline(__always)
    static func abbreviationEnd(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        func isSmallLetter(_ at: Int) -> Bool { at < bytes.count && (0x61...0x7A).contains(bytes[at]) }
        var end = start + 1
        while end + 1 < bytes.count, bytes[end] == 0x2E, isSmallLetter(end + 1) { end += 2 }
        guard end > start + 1 else { return nil }
        // What follows the last letter: not a word character (a Han character ends it too).
        let after = end
        guard after < bytes.count else { return end }
        if bytes[after] < 0x80 {
            let byte = bytes[after]
            return (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) ? nil : end
        }
        var iterator = UnsafeBufferPointer(rebasing: bytes[after...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return end }
        let scalar = Unicode.UTF8.decode(encoded)
        return TextClass.isWordCharacter(scalar) && !TextClass.isHan(scalar.value) ? nil : end
    }

    /// `body` with the text's UTF-8 in contiguous memory (a native string's own storage).
    static func withContiguousUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    /// At most this many lexemes are indexed per article (far beyond any real article).
    public static let maxLexemes = 100_000

    /// The tsvector of the lexemes: the value `to_tsvector('simple', …)` makes of them joined by
    /// spaces (the tests check it against the server's own reading of that string), built here so
    /// the server only stores it rather than running its text parser on every article of a load.
    /// It follows PostgreSQL's rules: positions count from 1; a word of 2,047 bytes or more is left
    /// out and takes no position; positions above 16,383 are 16,383; a lexeme keeps at most its
    /// first 255 positions, none after a 16,383. Lexemes stop, too, before they could pass the
    /// 1 MB of lexemes and positions a tsvector holds, where `to_tsvector` would fail the batch;
    /// the bound counts every occurrence as a new lexeme, so it is conservative (an article of
    /// some 70,000 lexemes and more may keep fewer than `to_tsvector` would; real ones have a few
    /// thousand).
    ///
    /// The lexemes of the first `titleBytes` bytes of the text (the title) have weight A, so a
    /// match in the title ranks above one in the body (`ts_rank_cd`'s weights: A 1.0, D 0.1).
    public static func tsvector(_ text: String, titleBytes: Int = 0) -> SearchVector {
        // Han lexemes as (packed characters) << 14 | position: sorted, each lexeme's positions
        // come together and in order, with no hashing of strings. Words are few in Chinese text.
        var han: [UInt64] = []
        var words: [[UInt8]: [Int]] = [:]
        var position = 0
        var count = 0
        var bytesSeen = 0
        var titlePositions = 0
        withContiguousUTF8(text) { bytes in
            forEachLexeme(in: bytes) { lexeme in
                guard count < maxLexemes else { return }
                let length = lexeme.end - lexeme.start
                // What the lexeme can add to the vector's data: its bytes, a position, and (if it is
                // new) its count of positions and an alignment byte.
                let size = length + 5
                guard length < maxLexemeBytes, bytesSeen + size < maxVectorBytes else {
                    if length >= maxLexemeBytes { count += 1 } else { count = maxLexemes }   // skipped, or the end
                    return
                }
                count += 1
                position += 1
                bytesSeen += size
                if lexeme.start < titleBytes { titlePositions = position }
                if lexeme.han != 0 {
                    han.append(lexeme.han << 14 | UInt64(min(position, maxPosition)))
                } else {
                    words[Array(bytes[lexeme.start..<lexeme.end]), default: []].append(min(position, maxPosition))
                }
            }
        }
        sortByCharacters(&han)
        let sortedWords = words.keys.sorted { $0.lexicographicallyPrecedes($1) }

        // Han lexemes and words merged in byte order, as PostgreSQL orders a tsvector's lexemes.
        var vector = SearchVector()
        var kept: [UInt16] = []
        var hanLexeme: [UInt8] = []
        var index = 0
        var wordIndex = 0
        while index < han.count || wordIndex < sortedWords.count {
            var key: UInt64 = 0
            if index < han.count {
                key = han[index] >> 14
                hanLexeme.removeAll(keepingCapacity: true)
                hanLexeme.appendUTF8(Unicode.Scalar(UInt32(key >> 18))!)
                if key & 0x3FFFF != 0 { hanLexeme.appendUTF8(Unicode.Scalar(UInt32(key & 0x3FFFF))!) }
            }
            kept.removeAll(keepingCapacity: true)
            if wordIndex < sortedWords.count, index == han.count || sortedWords[wordIndex].lexicographicallyPrecedes(hanLexeme) {
                let word = sortedWords[wordIndex]
                for p in words[word]! { keep(p, title: titlePositions, in: &kept) }
                vector.append(lexeme: word, positions: kept)
                wordIndex += 1
            } else {
                while index < han.count && han[index] >> 14 == key {
                    keep(Int(han[index] & 0x3FFF), title: titlePositions, in: &kept)
                    index += 1
                }
                vector.append(characters: Unicode.Scalar(UInt32(key >> 18))!,
                              key & 0x3FFFF != 0 ? Unicode.Scalar(UInt32(key & 0x3FFFF))! : nil, positions: kept)
            }
        }
        return vector
    }

    /// Sorts Han lexemes (`characters << 14 | position`, see `tsvector`) by their characters,
    /// keeping each lexeme's positions in the order they come, which is the order `sort()` gives
    /// the whole values: they come in position order. A stable radix sort, a byte of the 36 bits
    /// of characters at a time (a pass where every lexeme has the same byte is skipped), it takes
    /// a fraction of the time of `sort()`, a merge sort, on an article's thousands of lexemes.
    static func sortByCharacters(_ values: inout [UInt64]) {
        guard values.count > 64 else { values.sort(); return }
        var spare = [UInt64](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 256)
        var shift: UInt64 = 14
        while shift < 14 + 36 {
            for index in counts.indices { counts[index] = 0 }
            for value in values { counts[Int(truncatingIfNeeded: value >> shift) & 0xFF] += 1 }
            if !counts.contains(values.count) {
                var start = 0
                for index in counts.indices { (counts[index], start) = (start, start + counts[index]) }
                values.withUnsafeBufferPointer { source in
                    spare.withUnsafeMutableBufferPointer { target in
                        for value in source {
                            let bucket = Int(truncatingIfNeeded: value >> shift) & 0xFF
                            target[counts[bucket]] = value
                            counts[bucket] += 1
                        }
                    }
                }
                swap(&values, &spare)
            }
            shift += 8
        }
    }

    /// PostgreSQL's limits: the largest position (MAXENTRYPOS − 1), positions kept per lexeme
    /// (MAXNUMPOS − 1), the length of a word `to_tsvector` skips (MAXSTRLEN), and the bytes of
    /// lexemes and positions one tsvector holds (MAXSTRPOS).
    static let maxPosition = 16_383
    static let maxPositionsPerLexeme = 255
    static let maxLexemeBytes = 2_047
    static let maxVectorBytes = 1 << 20

    /// Adds a position to a lexeme's ascending list as PostgreSQL keeps them, with weight A (the
    /// top two bits, as a tsvector holds them) when it is one of the title's first `title`.
    private static func keep(_ position: Int, title: Int, in kept: inout [UInt16]) {
        let last = kept.last.map { Int($0 & SearchVector.positionMask) } ?? 0
        guard kept.count < maxPositionsPerLexeme, last != maxPosition, last != position else { return }
        kept.append(UInt16(position) | (position <= title && position < maxPosition ? SearchVector.weightA : 0))
    }
}
