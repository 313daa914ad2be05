import COpenCCDictionary

/// What a one-step OpenCC configuration does to a text that holds none of the few characters its
/// phrase entries treat differently: each character converted alone, looked up in a table instead
/// of OpenCC's dictionaries (a prefix search of two tries at every character).
///
/// OpenCC cuts a text into the longest dictionary keys it finds and writes each key's value. A
/// phrase whose value is its characters' single conversions gives the same text either way. The
/// others (for t2s, 256 of its 277 phrases: 乾隆 stays while 乾 alone is 干, 於菟 stays while
/// 於 alone is 于) each hold a character whose single conversion the phrase does not use; those
/// characters are `phraseCharacters` (22 for t2s: 乾 於 徵 瞭 藉 …). A text without any of them
/// holds none of those phrases, so converting it character by character gives OpenCC's own
/// output. The table is read from OpenCC's dictionaries through its API, and each character's
/// and phrase's conversion is OpenCC's, so it follows the installed dictionaries.
public struct CharacterConversion: Sendable {
    /// Each scalar of the Basic Multilingual Plane: its conversion when that is one other such
    /// scalar, `Self.same` when it is itself, `Self.elsewhere` when it is in `longForms`.
    private var forms = [UInt32](repeating: same, count: 0x10000)
    /// Conversions that are not one scalar of the Basic Multilingual Plane, and those of scalars
    /// beyond it.
    private var longForms: [UInt32: String] = [:]
    /// The characters some phrase entry converts otherwise than alone.
    public private(set) var phraseCharacters = ScalarSet([UInt32]())
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
        // Every character of a key converted alone, and every phrase, by OpenCC itself.
        var characters: [Unicode.Scalar] = []
        var seen = Set<Unicode.Scalar>()
        for entry in entries {
            for scalar in entry.key.unicodeScalars where seen.insert(scalar).inserted { characters.append(scalar) }
        }
        let phrases = entries.map(\.key).filter { $0.unicodeScalars.count > 1 }
        guard let alone = converter.convertEach(characters), let phraseForms = converter.convertEach(phrases) else { return nil }
        var single: [Unicode.Scalar: Substring] = [:]
        for (scalar, form) in zip(characters, alone) {
            single[scalar] = form
            guard form.unicodeScalars.count != 1 || form.unicodeScalars.first != scalar else { continue }
            if scalar.value < 0x10000, form.unicodeScalars.count == 1, let only = form.unicodeScalars.first, only.value < 0x10000 {
                forms[Int(scalar.value)] = only.value
            } else {
                if scalar.value < 0x10000 { forms[Int(scalar.value)] = Self.elsewhere }
                longForms[scalar.value] = String(form)
            }
        }
        // A phrase converted otherwise than its characters alone: the characters where the two
        // differ, or all of them when the two are not the same length.
        var marked: [Unicode.Scalar] = []
        for (phrase, form) in zip(phrases, phraseForms) {
            let key = Array(phrase.unicodeScalars)
            let parts = key.map { single[$0] ?? Substring(String($0)) }
            guard parts.joined() != form else { continue }
            let formScalars = Array(form.unicodeScalars)
            if parts.allSatisfy({ $0.unicodeScalars.count == 1 }) && formScalars.count == key.count {
                for (index, part) in parts.enumerated() where part.unicodeScalars.first! != formScalars[index] {
                    marked.append(key[index])
                }
            } else {
                marked += key
            }
        }
        phraseCharacters = ScalarSet(marked)
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
    /// `phraseCharacters`, where only OpenCC knows.
    public func convert(_ text: Substring) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var copied = text.utf8.startIndex
        for index in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[index]
            let value = scalar.value
            guard value >= lowestKey else { continue }
            if phraseCharacters.contains(value) { return nil }
            if value < 0x10000 && forms[Int(value)] == Self.same { continue }
            let form = form(of: scalar)
            output.append(contentsOf: text.utf8[copied..<index])
            output.append(contentsOf: form.utf8)
            copied = text.unicodeScalars.index(after: index)
        }
        output.append(contentsOf: text.utf8[copied...])
        return String(decoding: output, as: UTF8.self)
    }
}
