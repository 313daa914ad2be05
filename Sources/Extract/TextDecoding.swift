import TextTools

/// Turns bytes into text. In order: a byte-order mark decides; UTF-16 without a BOM is recognized
/// by its zero bytes; strict UTF-8; UTF-8 with a few stray bytes (more valid multi-byte sequences
/// than invalid ones) stays UTF-8 with U+FFFD; else the candidates uchardet and the declared charset
/// name, decoded with ICU, the one with the least damage winning, windows-1252 last when nothing is
/// better. GB2312 and GBK are decoded as GB18030, Big5 as Big5-HKSCS. A declared charset is only a
/// hint and loses to the bytes. `undecodable` is for bytes that are not text in any of these.
public enum TextDecoding {
    public struct Decoded: Equatable, Sendable {
        public var text: String
        /// The encoding's name as recorded in `etl.files.encoding`.
        public var encoding: String
        public var defects: [String]
        /// Invalid or unmappable sequences replaced (and private-use characters out of GB decoding).
        public var invalidBytes: Int

        public init(text: String, encoding: String, defects: [String] = [], invalidBytes: Int = 0) {
            self.text = text
            self.encoding = encoding
            self.defects = defects
            self.invalidBytes = invalidBytes
        }
    }

    public enum Failure: Error, Equatable {
        /// Not text at all (NUL and control bytes).
        case binary
        /// Too much could not be decoded in any candidate encoding.
        case undecodable(String)
    }

    /// Decodes `bytes`; `declared` is the charset the document claims, if any.
    public static func decode(_ bytes: [UInt8], declared: String? = nil) -> Result<Decoded, Failure> {
        if let bom = byteOrderMark(bytes) {
            return finish(Charset.decode(bytes.dropFirst(bom.length), from: bom.charset), charset: bom.name, declared: nil)
        }
        if let utf16 = utf16WithoutBOM(bytes) {
            return finish(Charset.decode(bytes, from: utf16), charset: utf16.lowercased(), declared: nil)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            if looksBinary(text) { return .failure(.binary) }
            var defects: [String] = []
            if let declared, let family = family(of: declared) ?? SingleByte.codePage(of: declared), family != "utf-8" {
                defects.append("declared_charset_wrong")
            }
            return .success(Decoded(text: text, encoding: "utf-8", defects: defects))
        }
        if bytes.filter({ $0 == 0 }).count * 100 > bytes.count { return .failure(.binary) }
        let profile = ByteProfile(bytes)
        if profile.isMostlyUTF8 { return strayBytesInUTF8(bytes, invalid: profile.invalid, declared: declared) }
        // Trusted candidates: what uchardet recognizes and what the document declares. Fallbacks
        // must also look like real text in that charset (random high bytes are valid GB18030).
        // High bytes standing alone among ASCII are a single-byte code page's: no double-byte
        // charset is tried then (GB18030 or Shift-JIS would turn `B\u{90}te` into `B徼e`).
        let doubleByte = !profile.highBytesStandAlone
        var candidates: [(charset: String, trusted: Bool)] = []
        func add(_ charset: String, trusted: Bool) {
            if !candidates.contains(where: { $0.charset == charset }) { candidates.append((charset, trusted)) }
        }
        if let guess = Charset.guess(bytes) {
            if let family = family(of: guess) {
                if doubleByte { add(family, trusted: true) }
            } else if let codePage = SingleByte.codePage(of: guess),
                      SingleByte.isWestern(codePage) || profile.singleByteEvidenceIsStrong {
                add(codePage, trusted: true)
            }
        }
        if let declared {
            if let family = family(of: declared) {
                if doubleByte { add(family, trusted: true) }
            } else if let codePage = SingleByte.codePage(of: declared) {
                add(codePage, trusted: true)
            }
        }
        if doubleByte {
            for fallback in ["gb18030", "Big5-HKSCS"] { add(fallback, trusted: false) }
        }
        // Nothing better: windows-1252, the commonest single-byte code page of the web, for text that
        // is mostly ASCII as Latin-script text is. Only when no other candidate decoded (a plausible
        // GB18030 file with a damaged byte stays GB18030, though windows-1252 defines every byte).
        let fallback = profile.high * 4 <= bytes.count ? "windows-1252" : nil
        if let fallback { add(fallback, trusted: false) }
        var best: (decoded: Charset.Decoded, charset: String, damage: Int)?
        for (charset, trusted) in candidates {
            if charset == fallback && !trusted, let found = best,
               !mostlyDamaged(found.damage, of: max(1, found.decoded.text.unicodeScalars.count)) { break }
            let singleByte = family(of: charset) == nil
            if singleByte && profile.highBytesAmongControls { continue }
            guard trusted || singleByte || LegacyPlausibility.looksLike(charset, bytes) else { continue }
            guard let decoded = singleByte ? SingleByte.decode(bytes, from: charset) : Charset.decode(bytes, from: charset)
            else { continue }
            // A single-byte code page decodes any bytes: only text with few controls and few
            // undefined bytes is taken for it (random bytes are not).
            if singleByte && !SingleByte.looksLikeText(decoded) { continue }
            let damage = decoded.substitutions + (charset == "gb18030" ? privateUseCount(decoded.text) : 0)
            if best == nil || damage < best!.damage { best = (decoded, charset, damage) }
            if damage == 0 { break }
        }
        if let chosen = best, chosen.charset == "windows-1252",
           let mac = SingleByte.readsBetterAsMacRoman(bytes, windows: chosen.decoded) {
            best = (mac, "macintosh", 0)
        }
        guard let best else {
            return .failure(.undecodable("not UTF-8, and not plausibly GB18030, Big5, a single-byte code page or another known encoding"))
        }
        let characters = max(1, best.decoded.text.unicodeScalars.count)
        if Self.mostlyDamaged(best.damage, of: characters) {
            return .failure(.undecodable("\(best.damage) of \(characters) characters are invalid even as \(best.charset)"))
        }
        var decoded = Decoded(text: best.decoded.text, encoding: best.charset.lowercased(),
                              defects: ["legacy_encoding"], invalidBytes: best.damage)
        if best.damage > 0 { decoded.defects.append("invalid_bytes") }
        if let declared, let family = family(of: declared) ?? SingleByte.codePage(of: declared), family != best.charset {
            decoded.defects.append("declared_charset_wrong")
        }
        if looksBinary(decoded.text) { return .failure(.binary) }
        return .success(decoded)
    }

    /// UTF-8 text with a few invalid bytes: decoded as UTF-8, each invalid sequence U+FFFD — except
    /// a lone byte that windows-1252 reads as a quote or a dash (0x91–0x97), as a page pasted from
    /// a Windows editor leaves them (`\x93quoted\x94`): that is the mark it was.
    private static func strayBytesInUTF8(_ bytes: [UInt8], invalid: Int, declared: String?) -> Result<Decoded, Failure> {
        let text = utf8KeepingWindowsPunctuation(bytes)
        if looksBinary(text) { return .failure(.binary) }
        let characters = max(1, text.unicodeScalars.count)
        if Self.mostlyDamaged(invalid, of: characters) {
            return .failure(.undecodable("\(invalid) of \(characters) characters are invalid UTF-8"))
        }
        var defects = ["invalid_bytes"]
        if let declared, let family = family(of: declared) ?? SingleByte.codePage(of: declared), family != "utf-8" {
            defects.append("declared_charset_wrong")
        }
        return .success(Decoded(text: text, encoding: "utf-8", defects: defects, invalidBytes: invalid))
    }

    /// `bytes` as UTF-8, an invalid sequence U+FFFD, but a lone invalid byte 0x91–0x97 its
    /// windows-1252 mark (‘ ’ “ ” • – —).
    static func utf8KeepingWindowsPunctuation(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var position = 0
        var afterCharacter = true   // the byte before was part of a valid character or such a mark (or there is none)
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
                afterCharacter = true
            case .error(let length):
                let byte = bytes[position]
                // Alone (or among such marks): not the rest of a character whose first bytes are
                // lost (`80 93` of `–`), nor the start of one cut short.
                var end = position
                while end < bytes.count, (0x91...0x97).contains(bytes[end]) { end += 1 }
                let alone = length == 1 && afterCharacter && end > position
                    && (end == bytes.count || !(0x80...0xBF).contains(bytes[end]))
                afterCharacter = alone
                if alone {
                    let marks: [Unicode.Scalar] = ["\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}"]
                    scalars.append(marks[Int(byte - 0x91)])
                } else {
                    scalars.append("\u{FFFD}")
                }
                position += length
            case .emptyInput:
                break loop
            }
        }
        return String(scalars)
    }

    /// ICU converter name for a multi-byte charset label, folding the GB and Big5 families
    /// together; nil for single-byte code pages (`SingleByte.codePage(of:)` names those) and for
    /// labels this pipeline does not trust (unknown or ASCII, which says nothing).
    static func family(of label: String) -> String? {
        let name = label.lowercased().replacingOccurrences(of: "_", with: "-")
        switch name {
        case "gb2312", "gbk", "gb18030", "x-gbk", "euc-cn", "cp936", "windows-936", "hz-gb-2312", "csgb2312", "chinese":
            return "gb18030"
        case "big5", "big5-hkscs", "cp950", "x-x-big5", "csbig5", "windows-950": return "Big5-HKSCS"
        case "euc-tw", "x-euc-tw": return "EUC-TW"
        case "utf-8", "utf8": return "utf-8"
        case "us-ascii", "ascii": return nil
        case "shift-jis", "sjis", "euc-jp", "euc-kr", "iso-2022-jp":
            return name
        default: return nil
        }
    }

    private static func byteOrderMark(_ bytes: [UInt8]) -> (charset: String, name: String, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", "utf-8", 3) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32LE", "utf-32le", 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32BE", "utf-32be", 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", "utf-16le", 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", "utf-16be", 2) }
        return nil
    }

    /// UTF-16 without a BOM: in ASCII-heavy text every other byte is zero.
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 8, sample.count % 2 == 0 || bytes.count > 4096 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample.count / 2
        if oddZeros * 10 > pairs * 3 && evenZeros * 20 < pairs { return "UTF-16LE" }
        if evenZeros * 10 > pairs * 3 && oddZeros * 20 < pairs { return "UTF-16BE" }
        return nil
    }

    private static func finish(_ decoded: Charset.Decoded?, charset: String, declared: String?) -> Result<Decoded, Failure> {
        guard let decoded else { return .failure(.undecodable("ICU cannot decode \(charset)")) }
        let characters = max(1, decoded.text.unicodeScalars.count)
        if Self.mostlyDamaged(decoded.substitutions, of: characters) {
            return .failure(.undecodable("\(decoded.substitutions) of \(characters) characters are invalid \(charset)"))
        }
        return .success(Decoded(text: decoded.text, encoding: charset,
                                defects: decoded.substitutions > 0 ? ["invalid_bytes"] : [],
                                invalidBytes: decoded.substitutions))
    }

    /// A quarter or more of the characters invalid: the text is not worth loading. (A damaged legacy
    /// file, where one dropped byte misaligns what follows, stays well below that.)
    static func mostlyDamaged(_ damage: Int, of characters: Int) -> Bool {
        damage * 4 >= characters && damage > 2
    }

    /// Private-use characters: ICU's GBK tables map some invalid bytes there without an error.
    private static func privateUseCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { count, scalar in
            (0xE000...0xF8FF).contains(scalar.value) ? count + 1 : count
        }
    }

    /// Text with many control characters (other than tab, newline, carriage return, form feed and
    /// escape) among its first 65,536 characters is binary.
    static func looksBinary(_ text: String) -> Bool {
        let (controls, characters) = controlCount(text)
        return characters > 0 && controls * 10 > characters
    }

    /// The control characters `looksBinary` counts among the text's first 65,536 characters, and
    /// how many characters that is.
    static func controlCount(_ text: String) -> (controls: Int, characters: Int) {
        // Over the UTF-8 bytes: every scalar starts with one byte that is not a continuation
        // byte, and the control characters counted are single ASCII bytes. Eight bytes at a time
        // while the count allows: every file's text passes here (BENCHMARKS.md).
        var text = text
        return text.withUTF8 { bytes in
            var controls = 0, total = 0, index = 0
            if let base = bytes.baseAddress {
                let high: UInt64 = 0x8080_8080_8080_8080
                while index + 8 <= bytes.count && total + 8 <= 65536 {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    // 10xxxxxx: the high bit set, the next one clear.
                    total += 8 - (word & ~(word << 1) & high).nonzeroBitCount
                    // Bytes below 0x20: the high bit clear, and adding 0x60 to the low seven bits
                    // does not carry into it.
                    var below = ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x6060_6060_6060_6060) | word) & high
                    while below != 0 {
                        let byte = bytes[index + below.trailingZeroBitCount / 8]
                        if isCountedControl(byte) { controls += 1 }
                        below &= below - 1
                    }
                    index += 8
                }
            }
            for byte in bytes[index...] where byte & 0xC0 != 0x80 {
                if total == 65536 { break }
                total += 1
                if isCountedControl(byte) { controls += 1 }
            }
            return (controls, total)
        }
    }

    @inline(__always)
    private static func isCountedControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B
    }
}
