extension StringProtocol {
    /// The number of characters, counted no further than `limit`: `min(count, limit)`. `count`
    /// walks the whole text, where a test against a bound need not (a wrapped paragraph being
    /// joined is asked again for every line added to it).
    @inlinable
    public func count(upTo limit: Int) -> Int {
        var counted = 0
        var index = startIndex
        while counted < limit && index < endIndex {
            formIndex(after: &index)
            counted += 1
        }
        return counted
    }

    /// Whether the text has at least `count` characters, counting no further (see `count(upTo:)`).
    @inlinable
    public func hasAtLeast(_ count: Int) -> Bool {
        self.count(upTo: count) >= count
    }
}

extension String {
    /// `count(upTo:)` without grapheme breaking where none is needed: while every scalar is one
    /// that is a character by itself wherever it stands (`isCharacterAlone`), scalars are counted;
    /// a text with another before the bound is counted by characters. (Breaking Chinese text into
    /// characters costs far more than counting scalars, and the boilerplate rules' length test
    /// counts every paragraph.)
    @inlinable
    public func count(upTo limit: Int) -> Int {
        var counted = 0
        for scalar in unicodeScalars {
            guard counted < limit else { break }
            guard Self.isCharacterAlone(scalar) else { return self[...].count(upTo: limit) }
            counted += 1
        }
        return counted
    }

    /// Whether the text has at least `count` characters, counting no further (see `count(upTo:)`).
    @inlinable
    public func hasAtLeast(_ count: Int) -> Bool {
        self.count(upTo: count) >= count
    }

    /// A scalar with a grapheme break before and after it whatever its neighbours, among those
    /// that are: no combining mark, joiner, prepended or spacing mark, Hangul jamo or syllable,
    /// regional indicator, or carriage return (which joins a line feed) — ASCII but CR; Latin-1
    /// and Latin letters up to the combining marks (U+0300); general punctuation but the joiners
    /// and currency signs; CJK punctuation, kana and Han but the marks that combine with them
    /// (U+302A–302F, U+3099–309A, U+FF9E–FF9F); full-width forms. A test holds each to `Character`.
    @inlinable
    public static func isCharacterAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0D: return false
        case 0..<0x300: return true
        case 0x200C, 0x200D: return false
        case 0x2000...0x206F, 0x20A0...0x20CF: return true
        case 0x302A...0x302F: return false
        case 0x3000...0x303F, 0x3040...0x3098, 0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        case 0xFF01...0xFF9D: return true
        default: return false
        }
    }

    /// The text's Unicode scalars, each through `transform`, decoded once: `Array(unicodeScalars)`
    /// and `unicodeScalars.map` decode the UTF-8 twice (once to count the scalars). The array may
    /// hold spare capacity: it is reserved for one scalar per byte.
    @inlinable
    public func mapScalars<Element>(_ transform: (Unicode.Scalar) -> Element) -> [Element] {
        var elements: [Element] = []
        elements.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { elements.append(transform(scalar)) }
        return elements
    }

    /// The text's Unicode scalars, decoded once (see `mapScalars`).
    @inlinable
    public var scalarArray: [Unicode.Scalar] { mapScalars { $0 } }
}
