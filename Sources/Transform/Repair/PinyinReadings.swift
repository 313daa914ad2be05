import CBzip2
import TextTools

/// Every Mandarin reading of every Han character, from the Unihan database (`kMandarin`,
/// `kHanyuPinyin`, `kXHC1983`, `kTGHZ2013`), read once from the bzip2 file Debian's
/// `unicode-data` installs. Tells a flattened ruby annotation `會(huì)` from a real bracket.
final class PinyinReadings: Sendable {
    static let unihanPath = "/usr/share/unicode/Unihan_Readings.txt.bz2"

    /// The shared table, or nil when Unihan is not installed (then no ruby pinyin is removed).
    static let shared: PinyinReadings? = PinyinReadings(path: unihanPath)

    /// Readings by character, in NFC with tone marks (`huì`, `men`).
    private let readings: [UInt32: [String]]
    /// Every syllable that is a reading of some character.
    private let syllables: Set<String>

    init?(path: String) {
        guard let bytes = Self.decompress(path: path) else { return nil }
        var readings: [UInt32: Set<String>] = [:]
        // Each distinct syllable as written, in NFC: there are about 1,500 among 100,000 readings.
        var forms: [String: String] = [:]
        // The file has 200,000 lines of `U+6703<TAB>kMandarin<TAB>huì`; its separators are ASCII,
        // so it is read as bytes, in place.
        bytes.withUnsafeBufferPointer { file in
            var lineStart = 0
            while lineStart < file.count {
                let lineEnd = file[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? file.count
                defer { lineStart = lineEnd + 1 }
                let line = file[lineStart..<lineEnd]
                // Most lines hold other fields (kCantonese, kDefinition, …): the field is looked at first.
                guard line.starts(with: "U+".utf8), let tab = line.firstIndex(of: UInt8(ascii: "\t")),
                      let fieldEnd = line[(tab + 1)...].firstIndex(of: UInt8(ascii: "\t")),
                      Self.fields.contains(where: { $0.elementsEqual(line[(tab + 1)..<fieldEnd]) }),
                      let value = UInt32(String(decoding: line[(lineStart + 2)..<tab], as: UTF8.self), radix: 16)
                else { continue }
                for entry in line[(fieldEnd + 1)...].split(separator: UInt8(ascii: " ")) {
                    // `kHanyuPinyin` and the dictionaries write `location:reading,reading`.
                    let list = entry.split(separator: UInt8(ascii: ":")).last ?? entry
                    for reading in list.split(separator: UInt8(ascii: ",")) {
                        let written = String(decoding: reading, as: UTF8.self)
                        let syllable: String
                        if let known = forms[written] {
                            syllable = known
                        } else {
                            syllable = Normalization.normalized(written, .canonical)
                            forms[written] = syllable
                        }
                        readings[value, default: []].insert(syllable)
                    }
                }
            }
        }
        guard !readings.isEmpty else { return nil }
        self.readings = readings.mapValues { $0.sorted() }
        self.syllables = Set(readings.values.joined())
    }

    /// The Unihan fields that hold Mandarin readings.
    private static let fields = ["kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013"].map { Array($0.utf8) }

    /// Whether `syllable` (tone marks or a tone digit, lower case) is a reading of `character`.
    func isReading(_ syllable: String, of character: Unicode.Scalar) -> Bool {
        guard let marked = Self.toneMarked(syllable), let list = readings[character.value] else { return false }
        return list.contains(marked)
    }

    /// Whether `syllable` is a reading of any character.
    func isSyllable(_ syllable: String) -> Bool {
        guard let marked = Self.toneMarked(syllable) else { return false }
        return syllables.contains(marked)
    }

    /// A syllable in tone-mark form: `hui4` → `huì`, `lv4` → `lǜ`, `men5` → `men`; a syllable
    /// already marked is only put in NFC. Nil if it is not lower-case pinyin letters.
    static func toneMarked(_ syllable: String) -> String? {
        var scalars = Array(syllable.unicodeScalars)
        if scalars.contains(where: { (0x300...0x36F).contains($0.value) }) {
            scalars = Array(Normalization.normalized(syllable, .canonical).unicodeScalars)
        }
        var tone = 0
        if let last = scalars.last, (0x30...0x35).contains(last.value) {
            tone = Int(last.value - 0x30)
            scalars.removeLast()
        }
        guard !scalars.isEmpty, scalars.count <= 6 else { return nil }
        var marked = false
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x61...0x7A:
                if scalar == "v" { scalars[index] = "ü" }
            case 0xFC: break
            default:
                guard toneVowels.contains(scalar) else { return nil }
                marked = true
            }
        }
        if marked || !(1...4).contains(tone) {
            // Already marked (a digit as well would be a contradiction), or neutral.
            guard !marked || tone == 0 else { return nil }
            return String(scalars: scalars)
        }
        // The mark goes on a or e if present, on the o of ou, else on the last vowel.
        let target: Int?
        if let index = scalars.firstIndex(where: { $0 == "a" || $0 == "e" }) {
            target = index
        } else if let index = scalars.firstIndex(of: "o"), index + 1 < scalars.count, scalars[index + 1] == "u" {
            target = index
        } else {
            target = scalars.lastIndex(where: { toneForms[$0] != nil })
        }
        guard let target, let forms = toneForms[scalars[target]] else { return nil }
        scalars[target] = forms[tone - 1]
        return String(scalars: scalars)
    }

    /// Each vowel's four tone-marked forms.
    static let toneForms: [Unicode.Scalar: [Unicode.Scalar]] = [
        "a": ["ā", "á", "ǎ", "à"], "e": ["ē", "é", "ě", "è"], "i": ["ī", "í", "ǐ", "ì"],
        "o": ["ō", "ó", "ǒ", "ò"], "u": ["ū", "ú", "ǔ", "ù"], "ü": ["ǖ", "ǘ", "ǚ", "ǜ"],
    ]
    static let toneVowels = Set(toneForms.values.joined())

    /// The whole decompressed file.
    static func decompress(path: String) -> [UInt8]? {
        guard let file = BZ2_bzopen(path, "rb") else { return nil }
        defer { BZ2_bzclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = chunk.withUnsafeMutableBytes { BZ2_bzread(file, $0.baseAddress, Int32($0.count)) }
            if read < 0 { return nil }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<Int(read)])
        }
        return bytes
    }
}
