import TextTools

/// A legacy character set that mojibake comes from, as two lookup tables built once from ICU:
/// the bytes of each character, and the character of each byte sequence. Only one- and two-byte
/// sequences matter here (ASCII, the single-byte code pages, GBK, Big5); ASCII maps to itself.
struct CodePage: Sendable {
    let name: String
    let isDoubleByte: Bool
    /// Character → its non-ASCII bytes: one byte, or `lead << 8 | trail`; 0 where none.
    private let codes: Codes
    /// Single-byte pages: the character of bytes 0x80...0xFF (0 where none).
    /// Double-byte pages: the character of `lead << 8 | trail` (0 where none), 65,536 entries.
    private let characters: [UInt32]

    /// The bytes of `scalar` in this code page, or nil if it has none. ASCII is one byte.
    @inline(__always)
    func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) -> Bool {
        let value = scalar.value
        if value < 0x80 { bytes.append(UInt8(value)); return true }
        let code = codes[value]
        guard code != 0 else { return false }
        if isDoubleByte && code > 0xFF { bytes.append(UInt8(code >> 8)) }
        bytes.append(UInt8(code & 0xFF))
        return true
    }

    /// The first two bytes of the text from `scalar` on could start a UTF-8 sequence: a quick test
    /// before the closer look. `following` is the next character, for single-byte pages.
    @inline(__always)
    func mayStartUTF8(_ scalar: Unicode.Scalar, following: Unicode.Scalar?) -> Bool {
        let code = codes[scalar.value]
        guard code != 0 else { return false }
        if isDoubleByte && code > 0xFF {
            let lead = UInt8(code >> 8), trail = UInt8(code & 0xFF)
            return (0xC2...0xF4).contains(lead) && (0x80...0xBF).contains(trail)
        }
        let lead = UInt8(code & 0xFF)
        guard (0xC2...0xF4).contains(lead) else { return false }
        guard let following else { return false }
        if following.value == 0xFFFD { return true }
        let next = codes[following.value]
        guard next != 0 else { return false }
        let first = isDoubleByte && next > 0xFF ? UInt8(next >> 8) : UInt8(next & 0xFF)
        return (0x80...0xBF).contains(first)
    }

    /// The bytes of `scalars`, or nil if one of them has none in this code page.
    func encode<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in scalars { guard append(scalar, to: &bytes) else { return nil } }
        return bytes
    }

    /// `bytes` from `start` on, read in this double-byte page. A byte that starts no character
    /// becomes U+FFFD if `lossy`; otherwise the reading fails (nil).
    func decode(_ bytes: [UInt8], from start: Int = 0, lossy: Bool) -> [Unicode.Scalar]? {
        var decoded: [Unicode.Scalar] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                decoded.append(Unicode.Scalar(byte))
                index += 1
            } else if index + 1 < bytes.count, let scalar = character(lead: byte, trail: bytes[index + 1]) {
                decoded.append(scalar)
                index += 2
            } else {
                guard lossy else { return nil }
                decoded.append("\u{FFFD}")
                index += 1
            }
        }
        return decoded
    }

    /// How many bytes `scalar` takes in this code page, or nil if it has none.
    func byteCount(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.value < 0x80 { return 1 }
        let code = codes[scalar.value]
        guard code != 0 else { return nil }
        return isDoubleByte && code > 0xFF ? 2 : 1
    }

    /// The character of one byte (single-byte pages).
    func character(_ byte: UInt8) -> Unicode.Scalar? {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        guard !isDoubleByte else { return nil }
        let value = characters[Int(byte) - 0x80]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// The character of a lead and a trail byte (double-byte pages).
    func character(lead: UInt8, trail: UInt8) -> Unicode.Scalar? {
        guard isDoubleByte else { return nil }
        let value = characters[Int(lead) << 8 | Int(trail)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// A single-byte code page. `sloppy`: bytes the page leaves undefined stand for the C1 control
    /// of the same number, as Latin-1 would read them (how browsers and Python's `sloppy` codecs
    /// treat windows-1252).
    init(singleByte icuName: String, sloppy: Bool) {
        name = icuName
        isDoubleByte = false
        var characters = [UInt32](repeating: 0, count: 128)
        var codes = Codes()
        // Each byte followed by a newline, so that one undefined byte cannot swallow its neighbour.
        var input: [UInt8] = []
        for byte in 0x80...0xFF { input.append(UInt8(byte)); input.append(0x0A) }
        let pieces = Charset.decode(input, from: icuName)?.text.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        for (offset, piece) in pieces.prefix(128).enumerated() {
            let scalars = Array(piece.unicodeScalars)
            var value: UInt32 = 0
            if scalars.count == 1, scalars[0].value != 0xFFFD, scalars[0].value != 0x1A { value = scalars[0].value }
            if value == 0 && sloppy { value = UInt32(0x80 + offset) }
            characters[offset] = value
            if value != 0 && codes[value] == 0 { codes[value] = UInt16(0x80 + offset) }
        }
        if icuName == "windows-1252" {
            // Text read as Latin-1 holds C1 controls where windows-1252 has punctuation: both are
            // the same bytes, so encode them back to those bytes too.
            for value in UInt32(0x80)...0x9F where codes[value] == 0 { codes[value] = UInt16(value) }
        }
        self.characters = characters
        self.codes = codes
    }

    /// A double-byte code page (GBK as the two-byte part of GB18030, or Big5).
    init(doubleByte icuName: String) {
        name = icuName
        isDoubleByte = true
        var characters = [UInt32](repeating: 0, count: 65536)
        var codes = Codes()
        var pairs: [(UInt8, UInt8)] = []
        var input: [UInt8] = []
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                pairs.append((UInt8(lead), UInt8(trail)))
                input.append(UInt8(lead)); input.append(UInt8(trail)); input.append(0x0A)
            }
        }
        let pieces = Charset.decode(input, from: icuName)?.text.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        if pieces.count >= pairs.count {
            for (index, piece) in pieces.prefix(pairs.count).enumerated() {
                let scalars = Array(piece.unicodeScalars)
                guard scalars.count == 1 else { continue }
                let value = scalars[0].value
                if value < 0x80 || value == 0xFFFD || value == 0x1A { continue }
                let (lead, trail) = pairs[index]
                let code = UInt16(lead) << 8 | UInt16(trail)
                if codes[value] == 0 { codes[value] = code }
                // Private-use characters are what a wrong reading makes of user-defined byte
                // pairs: they encode back to those bytes, but no reading produces them.
                if (0xE000...0xF8FF).contains(value) || (0xF0000...0x10FFFF).contains(value) { continue }
                characters[Int(code)] = value
            }
        }
        self.characters = characters
        self.codes = codes
    }

    /// The two-byte part of GB18030 (GBK: GB2312 plus the rest of the unified ideographs).
    static let gbk = CodePage(doubleByte: "gb18030")
    /// Big5 with the Hong Kong supplement.
    static let big5 = CodePage(doubleByte: "Big5-HKSCS")

    /// The single-byte pages whose mojibake turns up in scraped text, most common first.
    static let singleByte: [CodePage] = [
        CodePage(singleByte: "windows-1252", sloppy: true),
        CodePage(singleByte: "windows-1251", sloppy: true),
        CodePage(singleByte: "windows-1250", sloppy: true),
        CodePage(singleByte: "ISO-8859-2", sloppy: false),
        CodePage(singleByte: "windows-1257", sloppy: true),
        CodePage(singleByte: "macintosh", sloppy: false),
        CodePage(singleByte: "ibm-437", sloppy: false),
    ]

    /// Character → code: a flat table for the Basic Multilingual Plane (one lookup, no hashing,
    /// since every character of every segment is looked up), a dictionary beyond it.
    struct Codes: Sendable {
        private var basic = [UInt16](repeating: 0, count: 0x10000)
        private var beyond: [UInt32: UInt16] = [:]

        subscript(value: UInt32) -> UInt16 {
            get { value < 0x10000 ? basic[Int(value)] : beyond[value] ?? 0 }
            set { if value < 0x10000 { basic[Int(value)] = newValue } else { beyond[value] = newValue } }
        }
    }
}
