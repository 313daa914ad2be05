import Foundation
import Records
import Testing
import TestSupport

@Suite("stage file format")
struct StageFormatTests {
    @Test func linesRoundTripInOrder() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/extract.jsonl"
        let lines: [StageLine] = [
            .file(FileEntry(root: "/in", path: "a.txt", size: 3, mtimeMicros: 1, sha256: "ab", format: .text,
                            encoding: "utf-8", change: .new)),
            .record(ExtractedRecord(root: "/in", path: "a.txt", recordNo: 1, format: .text, text: "标题\n正文\t\"引号\"",
                                    defects: ["x"], observedAtMicros: 5)),
            .reject(RejectRecord(root: "/in", path: "b.txt", stage: .extract, code: "empty", message: "the file is empty")),
            .summary(StageSummary(filesSeen: 2, filesUnchanged: 0)),
        ]
        let writer = try StageWriter(path: path, header: StageHeader(stage: "extract", createdAt: "now", inputs: ["/in"]))
        for line in lines { try writer.write(line) }
        try writer.close()
        let reader = try StageReader(path: path, expectedStage: "extract")
        #expect(Array(reader) == lines)
        #expect(reader.error == nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == lines.count + 1)
    }

    @Test func readersRefuseTheWrongStageOrVersion() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/x.jsonl"
        try StageWriter(path: path, header: StageHeader(stage: "extract", createdAt: "now", inputs: [])).close()
        #expect(throws: StageFileError.self) { try StageReader(path: path, expectedStage: "transform") }
        try folder.write("x.jsonl", #"{"kind":"header","stage":"extract","version":99,"createdAt":"now","inputs":[]}"# + "\n")
        #expect(throws: StageFileError.self) { try StageReader(path: path, expectedStage: "extract") }
        try folder.write("x.jsonl", "not json\n")
        #expect(throws: StageFileError.self) { try StageReader(path: path, expectedStage: "extract") }
    }

    @Test func aBrokenLineStopsTheReaderWithItsLineNumber() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("x.jsonl", #"{"kind":"header","stage":"extract","version":\#(StageHeader.currentVersion),"createdAt":"now","inputs":[]}"#
                         + "\n" + #"{"kind":"summary","filesSeen":1,"filesUnchanged":1}"# + "\n{broken\n")
        let reader = try StageReader(path: folder.path + "/x.jsonl", expectedStage: "extract")
        #expect(Array(reader).count == 1)
        #expect(reader.error?.line == 3)
    }
}
