import COpenCCDictionary

/// What a one-step OpenCC configuration does to a text that holds none of the few phrases that
/// convert a character otherwise than alone: each character converted alone, looked up in a table
/// instead of OpenCC's dictionaries (a prefix search of two tries at every character).
///
/// OpenCC cuts a text into segments, and each step writes, for the longest dictionary key it finds
/// in a segment, that key's value. A phrase whose value is its characters' single conversions
/// gives the same text either way. The others (with OpenCC 1.1's data, 256 of t2s's 277 phrases:
/// 乾隆 stays while 乾 alone is 干, 於菟 stays while 於 alone is 于) each hold a character whose
/// single conversion the phrase does not use; those characters are `phraseCharacters` (22 for
/// t2s: 乾 於 徵 瞭 藉 …). OpenCC writes a value only for a key the text holds, so in a text
/// without any of those phrases every key that can match gives what its characters give alone,
/// whatever the segments and whichever dictionary of a group matches: converting it character by
/// character gives OpenCC's own output. The table is read from OpenCC's dictionaries through its
/// API, with each character's conversion by OpenCC itself, so it follows the installed dictionaries.
public struct CharacterConversion: Sendable {
    /// Each scalar of the Basic Multilingual Plane: its conversion when that is one other such
    /// scalar, `Self.same` when it is itself, `Self.elsewhere` when it is in `longForms`.
    private var forms = [UInt32](repeating: same, count: 0x10000)
    /// Conversions that are not one scalar of the Basic Multilingual Plane, and those of scalars
    /// beyond it.
    private var longForms: [UInt32: String] = [:]
    /// The characters some phrase entry converts otherwise than alone.
    public private(set) var phraseCharacters = ScalarSet()
    /// For each of those characters, the phrases that convert it otherwise, with its place in each.
    private var phrasesOf: [UInt32: [(phrase: [Unicode.Scalar], offset: Int)]] = [:]
    /// The characters converted to something else when alone (for tw2t with OpenCC 1.1's data:
    /// 為, 裡, 著, … 39 of them).
    public private(set) var changedCharacters = ScalarSet()
    /// The lowest scalar of any key: below it every character is left as it is.
    private var lowestKey: UInt32 = 0

    private static let same: UInt32 = 0xFFFF_FFFF
    private static let elsewhere: UInt32 = 0xFFFF_FFFE

    /// The table of `configuration`; nil when OpenCC cannot open or list it, or when it converts
    /// in more than one step (a later step could join what the first one wrote).
    public init?(_ configuration: ChineseConverter.Configuration) {
        var entries: [(key: String, value: String)] = []
        let steps = withUnsafeMutablePointer(to: &entries) { pointer in
            etl_opencc_entries(configuration.rawValue, { context, _, key, value in
                guard let context, let key, let value else { return }
                context.assumingMemoryBound(to: [(key: String, value: String)].self)
                    .pointee.append((String(cString: key), String(cString: value)))
            }, pointer)
        }
        guard steps == 1, let converter = try? ChineseConverter(configuration) else { return nil }
        // Every character of a key converted alone, and every phrase, by OpenCC itself (alone, a
        // phrase is one segment and one key; in a text of another configuration it may be cut,
        // so its dictionary value counts too).
        var characters: [Unicode.Scalar] = []
        var seen = Set<Unicode.Scalar>()
        for entry in entries {
            for scalar in entry.key.unicodeScalars where seen.insert(scalar).inserted { characters.append(scalar) }
        }
        let phraseEntries = entries.filter { $0.key.unicodeScalars.count > 1 }
        let phrases = phraseEntries.map(\.key)
        guard let alone = converter.convertEach(characters), let phraseForms = converter.convertEach(phrases) else { return nil }
        var single: [Unicode.Scalar: Substring] = [:]
        var changed: [Unicode.Scalar] = []
        for (scalar, form) in zip(characters, alone) {
            single[scalar] = form
            guard form.unicodeScalars.count != 1 || form.unicodeScalars.first != scalar else { continue }
            changed.append(scalar)
            if scalar.value < 0x10000, form.unicodeScalars.count == 1, let only = form.unicodeScalars.first, only.value < 0x10000 {
                forms[Int(scalar.value)] = only.value
            } else {
                if scalar.value < 0x10000 { forms[Int(scalar.value)] = Self.elsewhere }
                longForms[scalar.value] = String(form)
            }
        }
        // A phrase converted (alone, or by its dictionary value) otherwise than its characters
        // alone: the characters where the two differ, or all of them when the two are not the
        // same length. Compared scalar by scalar: String's == takes canonically equivalent
        // texts (a compatibility ideograph and its unified twin) as equal.
        var marked: [Unicode.Scalar] = []
        for (entry, form) in zip(phraseEntries, phraseForms) {
            let key = Array(entry.key.unicodeScalars)
            let parts = key.map { single[$0] ?? Substring(String($0)) }
            let joined = Array(parts.joined().unicodeScalars)
            var offsets = Set<Int>()
            for written in [Array(form.unicodeScalars), Array(entry.value.unicodeScalars)] where written != joined {
                if parts.allSatisfy({ $0.unicodeScalars.count == 1 }) && written.count == key.count {
                    offsets.formUnion(key.indices.filter { joined[$0] != written[$0] })
                } else {
                    offsets.formUnion(key.indices)
                }
            }
            for offset in offsets.sorted() {
                marked.append(key[offset])
                phrasesOf[key[offset].value, default: []].append((key, offset))
            }
        }
        phraseCharacters = ScalarSet(marked)
        changedCharacters = ScalarSet(changed)
        lowestKey = characters.map(\.value).min() ?? 0
    }

    /// The conversion of `scalar` alone.
    public func form(of scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x10000 {
            let form = forms[Int(value)]
            if form == Self.same { return String(scalar) }
            if form != Self.elsewhere { return String(Unicode.Scalar(form)!) }
        }
        return longForms[value] ?? String(scalar)
    }

    /// `text` converted as OpenCC converts it, character by character; nil when it holds one of
    /// the phrases that convert one of `phraseCharacters` otherwise than alone, where only OpenCC
    /// knows. Only where one of those characters stands are the phrases looked for.
    public func convert(_ text: Substring) -> String? {
        var text = text
        return text.withUTF8(convert)
    }

    /// `convert` on UTF-8 (valid, as a String's), its scalars read by the standard library's UTF-8
    /// parser with their byte offsets: going through a substring's scalar view and copying its
    /// UTF-8 slices costs more.
    private func convert(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        var index = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            let scalar = Unicode.UTF8.decode(encoded)
            let value = scalar.value
            let next = index + encoded.count
            defer { index = next }
            guard value >= lowestKey else { continue }
            if phraseCharacters.contains(value) {
                for (phrase, offset) in phrasesOf[value] ?? [] where Self.holds(phrase, in: bytes, at: index, back: offset) {
                    return nil
                }
            }
            if value < 0x10000 && forms[Int(value)] == Self.same { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            output.append(contentsOf: form(of: scalar).utf8)
            copied = next
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `phrase` stands in `bytes` starting `back` scalars before the scalar at `index`.
    private static func holds(_ phrase: [Unicode.Scalar], in bytes: UnsafeBufferPointer<UInt8>, at index: Int, back: Int) -> Bool {
        var start = index
        for _ in 0..<back {
            guard start > 0 else { return false }
            start -= 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var iterator = UnsafeBufferPointer(rebasing: bytes[start...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        for scalar in phrase {
            guard case .valid(let encoded) = parser.parseScalar(from: &iterator),
                  Unicode.UTF8.decode(encoded) == scalar else { return false }
        }
        return true
    }
}
