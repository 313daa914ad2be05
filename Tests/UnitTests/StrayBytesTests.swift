import Foundation
import Records
import Testing
import TestSupport
import TextTools
@testable import Extract

/// Text with a few stray bytes, and text in single-byte code pages, is decoded, not rejected
/// `undecodable` (issue 24); binary stays rejected and the Chinese legacy charsets decode as before.
@Suite("extract: stray bytes and single-byte code pages")
struct StrayBytesTests {
    /// About 4 KB of plain English, the kind of page the stray bytes sit in.
    static let english = String(repeating: "The committee met on Tuesday to discuss the budget for the coming year. "
        + "Members said the proposal would cut spending on roads and raise funds for schools.\n", count: 25)

    static func decode(_ bytes: [UInt8], declared: String? = nil) throws -> TextDecoding.Decoded {
        try TextDecoding.decode(bytes, declared: declared).get()
    }

    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8($0.value) }
    }

    /// Extracts one file and gives its entry and reject codes.
    func extract(_ bytes: [UInt8]) throws -> (FileEntry, [String]) {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("page.txt", bytes: Data(bytes))
        var problems: [RejectRecord] = []
        let file = try #require(FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems).first)
        guard case .read(let entry, _, let rejects) = FileExtractor(maxFileSize: 1 << 20).extract(file, ledger: nil) else {
            throw CancellationError()
        }
        return (entry, rejects.map(\.code))
    }

    @Test func aStrayByteWindows1252LeavesUndefinedIsReplacedAndCountedNotRejected() throws {
        let bytes = Self.latin1(Self.english + "Price list \u{90} valid until May.\n" + Self.english)
        let decoded = try Self.decode(bytes)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text.contains("Price list \u{FFFD} valid"))
        #expect(decoded.invalidBytes == 1)
        #expect(decoded.defects == ["legacy_encoding", "invalid_bytes"])
        let (entry, rejects) = try extract(bytes)
        #expect(rejects.isEmpty)
        #expect(entry.encoding == "windows-1252")
        #expect(entry.invalidBytes == 1)
    }

    /// The page of the issue: ASCII with `B\x90te`, which is Mac Roman's ê.
    @Test func aByteThatIsALetterInMacRomanInsideAWordIsReadAsMacRoman() throws {
        let decoded = try Self.decode(Self.latin1(Self.english + "La Belle et la B\u{90}te\n" + Self.english))
        #expect(decoded.encoding == "macintosh")
        #expect(decoded.text.contains("La Belle et la Bête"))
        #expect(decoded.invalidBytes == 0)
        #expect(decoded.defects == ["legacy_encoding"])
    }

    @Test func macRomanTextIsReadAsMacRoman() throws {
        let text = Self.english + "The café served crème brûlée; a naïve résumé from Müller.\n"
        let decoded = try Self.decode(try #require(Charset.encode(text, to: "macintosh")))
        #expect(decoded.encoding == "macintosh")
        #expect(decoded.text == text)
    }

    @Test func windows1252SmartQuotesAreQuotes() throws {
        let text = Self.english + "He said \u{201C}hello\u{201D} \u{2013} and didn\u{2019}t stay\u{2026}\n"
        let bytes = try #require(Charset.encode(text, to: "windows-1252"))
        #expect(bytes.contains(0x93) && bytes.contains(0x94))
        let decoded = try Self.decode(bytes)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == text)
        #expect(decoded.invalidBytes == 0)
    }

    /// Isolated Latin bytes that would also pair up as GB18030 (`\xE9s`) are not read as Han.
    @Test(arguments: [
        "Les élèves étudient à l'école où ils apprennent le français. Ça va très bien, merci.",
        "Die Größe der Stadt überrascht viele Besucher. Man fährt über die Brücke zum Ufer.",
        "Her résumé lists the café and the naïve façade of the Hôtel de Ville.",
    ])
    func latin1AccentsAreDecoded(sentence: String) throws {
        let text = Self.english + sentence + "\n"
        let decoded = try Self.decode(Self.latin1(text))
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == text)
    }

    /// A page that declares GBK but holds isolated Latin-1 accents: GB18030 would pair `\xE9s`
    /// into a Han character without an error; high bytes standing alone are no double-byte text.
    @Test func isolatedLatinBytesAreNotReadAsADeclaredDoubleByteCharset() throws {
        let text = Self.english + "Her résumé lists the café and the naïve façade of the Hôtel de Ville.\n"
        let decoded = try Self.decode(Self.latin1(text), declared: "gbk")
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == text)
        #expect(decoded.defects == ["legacy_encoding", "declared_charset_wrong"])
    }

    /// Text with compressed bodies inside (a WARC read as a text file): its high bytes sit among
    /// control bytes, which no code page's text does. Not read as windows-1252.
    @Test func textWithCompressedDataInsideIsNotReadAsACodePage() throws {
        var state: UInt64 = 7
        let noise: [UInt8] = (0..<600).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33) | 0x01   // no NUL: not caught as binary by zeros
        }
        let bytes = Array(Self.english.utf8) + Array("Content-Encoding: gzip\r\n\r\n".utf8) + noise + Array(Self.english.utf8)
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode(bytes).get() }
    }

    @Test(arguments: [
        ("koi8-r", "KOI8-R"), ("windows-1251", "windows-1251"), ("iso-8859-7", "ISO-8859-7"),
        ("iso-8859-2", "ISO-8859-2"), ("windows-1250", "windows-1250"),
    ])
    func singleByteCodePagesAreDetected(encoding: String, converter: String) throws {
        let text = switch encoding {
        case "koi8-r", "windows-1251":
            String(repeating: "Москва является столицей России и крупнейшим городом страны. В городе живут миллионы людей, работают театры и музеи.\n", count: 6)
        case "iso-8859-7":
            String(repeating: "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας. Στην πόλη υπάρχουν πολλά μουσεία.\n", count: 6)
        default:
            String(repeating: "Praha je hlavní město České republiky. Na řece Vltavě leží Karlův most, který spojuje Staré Město a Malou Stranu.\n", count: 6)
        }
        let decoded = try Self.decode(try #require(Charset.encode(text, to: converter)))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == text)
        #expect(decoded.defects == ["legacy_encoding"])
    }

    /// A few Cyrillic bytes are too little for uchardet; the page's own declaration decides then.
    @Test func aDeclaredSingleByteCharsetIsTheHintWhenTheBytesSayLittle() throws {
        let text = "<html><head><meta charset=\"windows-1251\"></head><body>" + Self.english + "Привет</body></html>"
        let bytes = try #require(Charset.encode(text, to: "windows-1251"))
        let decoded = try Self.decode(bytes, declared: DeclaredCharset.find(in: bytes))
        #expect(decoded.encoding == "windows-1251")
        #expect(decoded.text == text)
        #expect(try Self.decode(bytes).encoding == "windows-1252")   // without it: the default
    }

    @Test func utf8WithThreeStrayBytesStaysUTF8() throws {
        var bytes = Array((Self.english + "Café — “quoted” — naïve. 工程师在北京开会。\n" + Self.english).utf8)
        for offset in [100, 2000, 3000] { bytes.insert([0x90, 0xE9, 0xFF][offset % 3], at: offset) }
        let decoded = try Self.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.invalidBytes == 3)
        #expect(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 3)
        #expect(decoded.text.contains("Café — “quoted” — naïve. 工程师在北京开会。"))
        #expect(decoded.defects == ["invalid_bytes"])
        let (entry, rejects) = try extract(bytes)
        #expect(rejects.isEmpty)
        #expect(entry.invalidBytes == 3)
    }

    // A quote pasted from a Windows editor into UTF-8 text: a lone byte 0x93 or 0x94 (or ‘ ’ – —)
    // is the mark windows-1252 gives it, not U+FFFD; other stray bytes stay U+FFFD.
    @Test func aLoneWindows1252QuoteInUTF8TextIsTheQuote() throws {
        let before = Array("城市地铁新线路今日开通。市民说：".utf8), after = Array("很方便。工程师说这是".utf8)
        var bytes = before + [0x93] + Array("真正的进步".utf8) + [0x94, 0x97] + after + [0x96]
        bytes += Array("下月通车".utf8) + [0x90] + Array("。\n".utf8)
        let decoded = try Self.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.text == "城市地铁新线路今日开通。市民说：“真正的进步”—很方便。工程师说这是–下月通车\u{FFFD}。\n")
        #expect(decoded.invalidBytes == 5)
        // The rest of a character whose first byte is lost stays lost (E2 80 93 is –).
        let cut = Array("工程师".utf8) + [0x80, 0x93] + Array("北京".utf8)
        #expect(try Self.decode(cut).text == "工程师\u{FFFD}\u{FFFD}北京")
    }

    @Test func binaryStaysRejected() throws {
        var state: UInt64 = 24
        func random(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        func chunk(_ kind: String, _ payload: [UInt8]) -> [UInt8] {
            let length = UInt32(payload.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
                + Array(kind.utf8) + payload + random(4)
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", [0, 0, 0, 64, 0, 0, 0, 64, 8, 2, 0, 0, 0]) + chunk("IDAT", [0x78, 0xDA] + random(12_000))
            + chunk("IEND", [])
        for bytes in [random(4000), random(50_000), png] {
            let result = TextDecoding.decode(bytes)
            #expect(throws: TextDecoding.Failure.self) { try result.get() }
            let (_, rejects) = try extract(bytes)
            #expect(rejects == ["binary"] || rejects == ["undecodable"])
        }
    }

    @Test func chineseLegacyCharsetsAreUnchanged() throws {
        let simplified = String(repeating: "工程师在北京开会，讨论人工智能的发展与未来的机会。", count: 4)
        let traditional = String(repeating: "工程師在臺北開會，討論人工智慧的發展與未來的機會。", count: 4)
        for (text, converter, encoding) in [(simplified, "gbk", "gb18030"), (traditional, "Big5", "big5-hkscs"),
                                            ("Title\n" + simplified, "gb18030", "gb18030")] {
            let decoded = try Self.decode(try #require(Charset.encode(text, to: converter)))
            #expect(decoded.encoding == encoding)
            #expect(decoded.text == text)
            #expect(decoded.defects == ["legacy_encoding"])
        }
    }
}
