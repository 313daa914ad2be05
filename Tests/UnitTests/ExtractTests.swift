import Foundation
import Records
import Testing
import TestSupport
@testable import Extract

@Suite("extract: discovery, decoding, the ledger")
struct ExtractTests {
    @Test func decodingFollowsTheByteOrderMarkElseStrictUTF8() throws {
        #expect(try TextDecoding.decode(Array("工程师".utf8)).get().encoding == "utf-8")
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("abc".utf8)).get().text == "abc")
        let le: [UInt8] = [0xFF, 0xFE, 0xE5, 0x5D, 0x0B, 0x7A]   // 工程 in UTF-16LE
        #expect(try TextDecoding.decode(le).get() == TextDecoding.Decoded(text: "工程", encoding: "utf-16le"))
        let be: [UInt8] = [0xFE, 0xFF, 0x5D, 0xE5, 0x7A, 0x0B]
        #expect(try TextDecoding.decode(be).get().text == "工程")
    }

    @Test func discoveryListsRegularFilesSortedAndSkipsHiddenOnesAndLinks() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("b/2.txt", "x")
        try folder.write("a/1.txt", "x")
        try folder.write(".partial/3.txt", "x")
        try folder.write("a/.4.txt.tmp", "x")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        var problems: [RejectRecord] = []
        let files = FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems)
        #expect(files.map(\.path) == ["a/1.txt", "b/2.txt"])
        #expect(problems.isEmpty)
    }

    @Test func aFileListGivesBackWhatWasPutInAndSortsByPathBytes() {
        let files = [
            DiscoveredFile(root: "/in", path: "a/b.html", size: 10, mtimeMicros: 1),
            DiscoveredFile(root: "/in", path: "a-b/c.txt", size: 0, mtimeMicros: -5),
            DiscoveredFile(root: "/in", path: "新闻/\u{FFFD}.txt", size: 7, mtimeMicros: 1_700_000_000_000_000, validName: false),
            DiscoveredFile(root: "/in", path: "a", size: 1, mtimeMicros: 2),
        ]
        var list = FileList(root: "/in")
        for file in files { list.append(file) }
        #expect(Array(list) == files)
        // Byte order, as the walk promises: "-" (0x2D) sorts before "/" (0x2F), a prefix first.
        #expect(list.sortedByPath().map(\.path) == ["a", "a-b/c.txt", "a/b.html", "新闻/\u{FFFD}.txt"])
        #expect(list.sortedByPath().map(\.path) == files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Array(list.picking([2, 0])) == [files[2], files[0]])
        #expect(Array(list.filter { $0.size > 5 }) == [files[0], files[2]])
        #expect(list.picking([Int]()).isEmpty && list.picking([Int]()).root == "/in")
    }

    @Test func linesEndAtALineFeedOrACarriageReturnAndLineFeedAsCharactersWould() {
        let texts = ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\n", "\r\r\n\n", "{\"x\": 1}\n\u{301}é\r\n末行",
                     "\n\n", "x\r", "标题\u{2028}正文\n第二行"]
        for text in texts {
            var lines: [Substring] = []
            JSONRecords.forEachLine(of: text) { lines.append($0); return true }
            var expected = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            if expected.last == "" { expected.removeLast() }   // nothing after the last line end
            #expect(lines == expected, "\(text.debugDescription)")
        }
        var seen = 0
        JSONRecords.forEachLine(of: "1\n2\n3\n") { _ in seen += 1; return seen < 2 }
        #expect(seen == 2)
    }

    @Test func rootsAreStandardized() {
        #expect(FileDiscovery.standardizedRoot("/data/./scraper/../out/") == "/data/out")
        #expect(FileDiscovery.standardizedRoot("relative").hasPrefix("/"))
    }

    @Test func theLedgerDecidesWhatIsRead() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("a.txt", "Title\nBody")
        var problems: [RejectRecord] = []
        let file = FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems)[0]
        let extractor = FileExtractor()
        guard case .read(let entry, let records, _) = extractor.extract(file, ledger: nil) else {
            Issue.record("not read")
            return
        }
        #expect(entry.change == .new && records.count == 1 && entry.format == .text)
        let same = LedgerEntry(size: file.size, mtimeMicros: file.mtimeMicros, sha256: entry.sha256)
        #expect(extractor.extract(file, ledger: same) == .unchanged)
        let touched = LedgerEntry(size: file.size, mtimeMicros: file.mtimeMicros - 1, sha256: entry.sha256)
        guard case .read(let touchedEntry, let none, _) = extractor.extract(file, ledger: touched) else {
            Issue.record("not read")
            return
        }
        #expect(touchedEntry.change == .touched && none.isEmpty)
        let changed = LedgerEntry(size: 1, mtimeMicros: 0, sha256: String(repeating: "0", count: 64))
        guard case .read(let changedEntry, let again, _) = extractor.extract(file, ledger: changed) else {
            Issue.record("not read")
            return
        }
        #expect(changedEntry.change == .changed && again.count == 1)
    }

    @Test func tooLargeFilesAreRejectedWithoutReading() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("big.txt", String(repeating: "x", count: 2000))
        var problems: [RejectRecord] = []
        let file = FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems)[0]
        guard case .read(_, _, let rejects) = FileExtractor(maxFileSize: 1000).extract(file, ledger: nil) else {
            Issue.record("not read")
            return
        }
        #expect(rejects.map(\.code) == ["too_large"])
    }
}
