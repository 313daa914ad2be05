@testable import Extract
import Checksum
import Foundation
import Records
import Testing
import TestSupport

/// Record files too large to read whole are read as a stream, part by part: a record over the
/// limit is rejected alone, the rest is read (loading them: IntegrationTests/StreamedFeedTests).
@Suite("record files read as a stream")
struct StreamedFeedTests {
    // MARK: - splitting records out of pieces

    /// Every piece the splitter gives for `bytes` fed `step` bytes at a time.
    func split(_ text: String, _ layout: RecordSplitter.Layout, limit: Int = 1000, step: Int) -> [RecordSplitter.Piece] {
        var splitter = RecordSplitter(layout: layout, limit: limit)
        var pieces: [RecordSplitter.Piece] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: step) {
            bytes[start..<min(start + step, bytes.count)].withUnsafeBufferPointer { splitter.feed($0) { pieces.append($0) } }
        }
        splitter.finish { pieces.append($0) }
        return pieces
    }

    func texts(_ pieces: [RecordSplitter.Piece]) -> [String] {
        pieces.map { piece in
            switch piece {
            case .record(let no, let bytes): "\(no):" + String(decoding: bytes, as: UTF8.self)
            case .tooLarge(let no, let bytes): "\(no):too large \(bytes)"
            case .broken(let no, let message): "\(no):broken \(message)"
            }
        }
    }

    @Test(arguments: [1, 3, 7, 4096])
    func linesAreSplitWhereverThePiecesEnd(step: Int) {
        let feed = "{\"a\": 1}\n\n{\"b\": \"x\\ny\"}\r\n" + "{\"c\": \"" + String(repeating: "z", count: 1200) + "\"}\n{\"d\": 4}"
        #expect(texts(split(feed, .lines, step: step)) == [
            "1:{\"a\": 1}", "2:", "3:{\"b\": \"x\\ny\"}\r", "4:too large 1209", "5:{\"d\": 4}",
        ])
    }

    @Test(arguments: [1, 2, 5, 4096])
    func arrayElementsEndAtTheirOwnBracketNotOneInAString(step: Int) {
        let array = " \u{FEFF}[ {\"t\": \"a ] } , [ \\\" {\", \"n\": [1, {\"x\": 2}]},\n 17 , \"s,]\",{\"u\": \"" + String(repeating: "w", count: 1100) + "\"}, {} ]  trailing"
        #expect(texts(split(array, .array, step: step)) == [
            "1:{\"t\": \"a ] } , [ \\\" {\", \"n\": [1, {\"x\": 2}]}", "2:17 ", "3:\"s,]\"", "4:too large 1109", "5:{}",
        ])
    }

    @Test func aCutArrayAndSomethingElseAreBroken() {
        #expect(texts(split("[{\"a\": 1}, {\"b\": ", .array, step: 4)) == ["1:{\"a\": 1}", "2:broken the file ends inside element 2 of the JSON array"])
        #expect(texts(split("hello [1]", .array, step: 4)) == ["1:broken the file is not a JSON array"])
    }

    // MARK: - which files are streamed

    @Test func aRecordFileOverTheLimitIsStreamedAndAnyOtherIsTooLarge() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let record = "{\"url\": \"https://example.com/1\", \"title\": \"T\", \"content\": \"" + String(repeating: "b", count: 600) + "\"}\n"
        try folder.write("feed.jsonl", String(repeating: record, count: 3))
        try folder.write("feed.txt", String(repeating: record, count: 3))
        try folder.write("array.json", "[" + Array(repeating: record, count: 3).joined(separator: ",") + "]")
        try folder.write("pretty.json", "{\n  \"content\": \"" + String(repeating: "b", count: 2000) + "\"\n}\n")
        try folder.write("text.txt", "[Breaking] " + String(repeating: "news ", count: 500))
        try folder.write("feed.jsonl.gz", bytes: Data(try gzip(Array(String(repeating: record, count: 8).utf8))))
        var problems: [RejectRecord] = []
        let files = FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems)
        let extractor = FileExtractor(maxFileSize: 1500)
        var outcome: [String: String] = [:]
        for file in files {
            switch extractor.extract(file, ledger: nil) {
            case .stream(let entry): outcome[file.path] = "stream " + (entry.format?.rawValue ?? "?")
            case .read(_, _, let rejects): outcome[file.path] = rejects.map(\.code).joined(separator: ",")
            case .unchanged: outcome[file.path] = "unchanged"
            }
        }
        #expect(outcome == ["feed.jsonl": "stream jsonl", "feed.txt": "stream jsonl", "array.json": "stream json",
                            "pretty.json": "too_large", "text.txt": "too_large", "feed.jsonl.gz": "stream jsonl"])
    }

    @Test func aStreamedFileComesInPartsWithItsHashAtTheEnd() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        var lines: [String] = []
        for n in 1...10 {
            lines.append("{\"url\": \"https://example.com/\(n)\", \"title\": \"Title \(n)\", \"content\": \"Body \(n) " + String(repeating: "b", count: 300) + "\"}")
        }
        lines[4] = "{\"url\": \"https://example.com/5\", \"content\": \"" + String(repeating: "x", count: 2000) + "\"}"
        let text = lines.joined(separator: "\n") + "\n"
        try folder.write("big.jsonl.gz", bytes: Data(try gzip(Array(text.utf8))))
        var problems: [RejectRecord] = []
        let file = FileDiscovery.files(under: FileDiscovery.standardizedRoot(folder.path), problems: &problems)[0]
        let extractor = FileExtractor(maxFileSize: 1500)
        guard case .stream(let entry) = extractor.extract(file, ledger: nil) else {
            Issue.record("not streamed")
            return
        }
        var parts: [(FileEntry, [Int], [String])] = []
        let finished = try extractor.stream(file, entry: entry, recordsPerPart: 4, bytesPerPart: 1 << 20) { entry, records, rejects in
            parts.append((entry, records.map(\.recordNo), rejects.map { "\($0.recordNo ?? 0):\($0.code)" }))
            return true
        }
        #expect(finished)
        // Four records or rejects a part.
        #expect(parts.map(\.1) == [[1, 2, 3, 4], [6, 7, 8], [9, 10]])
        #expect(parts.map(\.2) == [[], ["5:too_large"], []])
        #expect(parts.map(\.0.part) == [FileEntry.Part(firstRecord: 1, lastRecord: 4), FileEntry.Part(firstRecord: 5, lastRecord: 8),
                                         FileEntry.Part(firstRecord: 9, lastRecord: nil)])
        #expect(parts.map { $0.0.sha256 == nil } == [true, true, false])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file.absolutePath))
        #expect(parts.last?.0.sha256 == Checksum.SHA256.hex([UInt8](bytes)))
        #expect(parts.last?.0.size == Int64(bytes.count))

        // Stopped after the first part: nothing more is read.
        var calls = 0
        #expect(try extractor.stream(file, entry: entry, recordsPerPart: 4, bytesPerPart: 1 << 20) { _, _, _ in calls += 1; return false } == false)
        #expect(calls == 1)

        // A truncated gzip member: what was read loads, the file gets a reject.
        let cut = try gzip(Array(text.utf8)).dropLast(20)
        try folder.write("big.jsonl.gz", bytes: Data(cut))
        var rejects: [String] = []
        _ = try extractor.stream(file, entry: entry, recordsPerPart: 100, bytesPerPart: 1 << 20) { _, _, found in
            rejects += found.map { "\($0.recordNo.map(String.init) ?? "file"):\($0.code)" }
            return true
        }
        #expect(rejects.contains("file:corrupt_gzip"))
    }
}
