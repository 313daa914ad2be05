import TextTools

/// What the bytes of a file that is not strict UTF-8 look like, read once: is it UTF-8 with a few
/// stray bytes, or a single-byte code page (its high bytes standing alone among ASCII), or neither.
/// Only files that failed strict UTF-8 get here, so valid UTF-8 pays nothing for it.
struct ByteProfile {
    /// Valid UTF-8 sequences of two to four bytes.
    var multibyte = 0
    /// Invalid UTF-8: the maximal ill-formed subsequences, each one U+FFFD when decoded as UTF-8
    /// (what the standard library's parser reports, and what `String(decoding:as:)` replaces).
    var invalid = 0
    /// Bytes 0x80–0xFF, and those of them with an ASCII byte (or the file's edge) on both sides.
    var high = 0
    var isolatedHigh = 0
    /// High bytes with a control byte (C0 other than whitespace and escape, or NUL) within two
    /// bytes: binary data (compressed bodies inside a WARC, an image) mixes the two, text does not.
    var highNearControl = 0
    /// ASCII letters: the denominator for how much of the text the high bytes are.
    var asciiLetters = 0

    init(_ bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): if scalar.count > 1 { multibyte += 1 }
            case .error: invalid += 1
            case .emptyInput: break loop
            }
        }
        var previousHigh = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 {
                high += 1
                if !previousHigh && (index + 1 == bytes.count || bytes[index + 1] < 0x80) { isolatedHigh += 1 }
                for near in max(0, index - 2)...min(bytes.count - 1, index + 2) where Self.isControl(bytes[near]) {
                    highNearControl += 1
                    break
                }
                previousHigh = true
            } else {
                previousHigh = false
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { asciiLetters += 1 }
            }
        }
    }

    @inline(__always)
    static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B
    }

    /// More than one high byte in ten next to a control byte: binary data, which no single-byte
    /// code page is tried for (any bytes decode in one).
    var highBytesAmongControls: Bool { highNearControl * 10 > high }

    /// UTF-8 with a few stray bytes: at least as many valid multi-byte sequences as invalid ones.
    /// (Legacy double-byte text forms some valid-looking pairs by chance: about one for every three
    /// or more invalid ones in real GB2312 and Big5 pages.) A single-byte decode would garble every
    /// valid sequence, so such a file is UTF-8, its invalid bytes U+FFFD.
    var isMostlyUTF8: Bool { multibyte > 0 && multibyte >= invalid }

    /// Four fifths or more of the high bytes stand alone between ASCII bytes: no double-byte
    /// charset writes text like that (its characters are pairs, mostly both high), a single-byte
    /// code page with a few accents, quotes or stray bytes in ASCII text does.
    var highBytesStandAlone: Bool { high > 0 && isolatedHigh * 5 >= high * 4 }

    /// Enough high bytes for uchardet's language models to tell one single-byte code page from
    /// another (Cyrillic, Greek, Central European, …): at least 16, and at least 2 % of the letters.
    /// Below that (a few quotes or accents in English text) its answer is close to a coin toss
    /// among code pages (IBM852, TIS-620, Mac Central European were seen for English pages).
    var singleByteEvidenceIsStrong: Bool { high >= 16 && high * 50 >= high + asciiLetters }
}

/// Single-byte code pages: their labels, and decoding through ICU with undefined bytes counted.
enum SingleByte {
    /// The ICU converter name for a single-byte charset label (uchardet's or a document's), nil
    /// for other labels. ISO-8859-1 and -15 read as windows-1252, as browsers do.
    static func codePage(of label: String) -> String? {
        let name = label.lowercased().replacingOccurrences(of: "_", with: "-")
        switch name {
        case "iso-8859-1", "latin1", "l1", "windows-1252", "cp1252", "iso-8859-15", "latin-9", "x-cp1252":
            return "windows-1252"
        case "koi8-r", "koi8-u", "ibm852", "ibm855", "ibm866", "cp866", "tis-620", "macintosh", "x-mac-roman",
             "mac-roman", "x-mac-cyrillic", "x-mac-centraleurroman":
            return name == "cp866" ? "ibm866" : name == "x-mac-roman" || name == "mac-roman" ? "macintosh" : name
        case "mac-cyrillic": return "x-mac-cyrillic"
        case "mac-centraleurope": return "x-mac-centraleurroman"
        default:
            if name.hasPrefix("iso-8859-"), let part = Int(name.dropFirst(9)), (2...14).contains(part), part != 12 {
                return name
            }
            if name.hasPrefix("windows-125"), let part = Int(name.dropFirst(11)), (0...8).contains(part) { return name }
            if name.hasPrefix("cp125"), let part = Int(name.dropFirst(5)), (0...8).contains(part) { return "windows-125\(part)" }
            return nil
        }
    }

    /// The code pages most of the world's Latin-script web was written in: uchardet's answer
    /// among them needs no strong evidence, and windows-1252 is the default when nothing is better.
    static func isWestern(_ codePage: String) -> Bool { codePage == "windows-1252" }

    /// `bytes` decoded from `codePage`. ICU maps a byte the code page leaves undefined to the C1
    /// control of the same number (0x90 in windows-1252 to U+0090); no text holds C1 controls, so
    /// each becomes U+FFFD and counts as damage, as do ICU's own substitutions.
    static func decode(_ bytes: [UInt8], from codePage: String) -> Charset.Decoded? {
        guard var decoded = Charset.decode(bytes, from: codePage) else { return nil }
        var c1 = 0
        for scalar in decoded.text.unicodeScalars where (0x80...0x9F).contains(scalar.value) { c1 += 1 }
        guard c1 > 0 else { return decoded }
        var scalars = String.UnicodeScalarView()
        for scalar in decoded.text.unicodeScalars {
            scalars.append((0x80...0x9F).contains(scalar.value) ? "\u{FFFD}" : scalar)
        }
        decoded.text = String(scalars)
        decoded.substitutions += c1
        return decoded
    }

    /// Whether Mac Roman reads a file better than windows-1252 (`windows` is its decoding). In
    /// 0x80–0x9F Mac Roman has accented letters (`B\u{90}te` is `Bête`, `r\u{8E}sum\u{8E}` is
    /// `résumé`), windows-1252 mostly quotes, dashes and bullets, and five undefined bytes.
    /// Mac Roman is taken when windows-1252 misreads such a byte (leaves it undefined, or puts
    /// something other than a lower-case letter or a quote inside a lower-case word) and Mac Roman
    /// reads each of them as a letter after an ASCII letter, of the case around it. An opening quote
    /// or a dash after a space, or `don\u{92}t` alone, keeps windows-1252.
    static func readsBetterAsMacRoman(_ bytes: [UInt8], windows: Charset.Decoded) -> Charset.Decoded? {
        guard bytes.contains(where: { (0x80...0x9F).contains($0) }) else { return nil }
        let windowsScalars = Array(windows.text.unicodeScalars)
        guard windowsScalars.count == bytes.count else { return nil }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        let windowsMisreads = bytes.indices.contains { index in
            guard (0x80...0x9F).contains(bytes[index]) else { return false }
            let scalar = windowsScalars[index]
            if scalar == "\u{FFFD}" { return true }
            guard index > 0, index + 1 < bytes.count, isLetter(bytes[index - 1]), isLower(bytes[index + 1]) else { return false }
            let properties = scalar.properties
            return !properties.isLowercase
                && properties.generalCategory != .initialPunctuation && properties.generalCategory != .finalPunctuation
        }
        guard windowsMisreads, let mac = decode(bytes, from: "macintosh"), mac.substitutions == 0 else { return nil }
        let scalars = Array(mac.text.unicodeScalars)
        guard scalars.count == bytes.count else { return nil }
        for index in bytes.indices where (0x80...0x9F).contains(bytes[index]) {
            let properties = scalars[index].properties
            guard index > 0, isLetter(bytes[index - 1]), properties.isAlphabetic else { return nil }
            let lowerAround = isLower(bytes[index - 1]) || (index + 1 < bytes.count && isLower(bytes[index + 1]))
            if lowerAround && !properties.isLowercase { return nil }
        }
        return mac
    }

    /// Text in any code page has almost no control characters other than whitespace and almost
    /// no undefined bytes; random bytes read through a code page have one in seven or more.
    static func looksLikeText(_ decoded: Charset.Decoded) -> Bool {
        let (controls, characters) = TextDecoding.controlCount(decoded.text)
        let all = max(1, characters < 65536 ? characters : decoded.text.unicodeScalars.count)
        return controls * 20 < max(1, characters) && decoded.substitutions * 20 < all
    }
}
