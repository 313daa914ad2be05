import Foundation

/// Errors reading a stage file.
public struct StageFileError: Error, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { "\(path):\(line): \(message)" }

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
}

/// Writes stage lines to a file, one JSON object per line, buffered.
public final class StageWriter {
    private let handle: FileHandle
    private let encoder: JSONEncoder
    private var buffer = Data()
    public let path: String

    /// Creates (or truncates) `path` and writes the header line.
    public init(path: String, header: StageHeader) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw StageFileError(path: path, line: 0, message: "cannot create the stage file")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        try write(.header(header))
    }

    public func write(_ line: StageLine) throws {
        buffer.append(try encoder.encode(line))
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; call once at the end.
    public func close() throws {
        try flush()
        try handle.close()
    }
}

/// Reads a stage file line by line, in bounded memory, checking its header.
public final class StageReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private let decoder = JSONDecoder()
    private var buffer = LineBuffer()
    private var atEnd = false
    public let path: String
    public let header: StageHeader
    public private(set) var lineNumber = 0
    /// Set when a line fails to decode; iteration stops there.
    public private(set) var error: StageFileError?

    /// Opens `path`; throws unless it starts with a header of `expectedStage` in the current version.
    public init(path: String, expectedStage: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StageFileError(path: path, line: 0, message: "cannot open the stage file (run the previous stage first)")
        }
        self.handle = handle
        var first: StageHeader?
        if let data = Self.nextLine(handle: handle, buffer: &buffer, atEnd: &atEnd) {
            first = try? decoder.decode(StageLineHeaderProbe.self, from: data).header
        }
        guard let header = first else {
            throw StageFileError(path: path, line: 1, message: "not a stage file: the first line is not a header")
        }
        guard header.stage == expectedStage else {
            throw StageFileError(path: path, line: 1, message: "written by stage '\(header.stage)', expected '\(expectedStage)'")
        }
        guard header.version == StageHeader.currentVersion else {
            throw StageFileError(path: path, line: 1,
                                 message: "format version \(header.version); this build reads version \(StageHeader.currentVersion)")
        }
        self.header = header
        lineNumber = 1
    }

    public func next() -> StageLine? {
        guard error == nil, let data = Self.nextLine(handle: handle, buffer: &buffer, atEnd: &atEnd) else { return nil }
        lineNumber += 1
        do {
            return try decoder.decode(StageLine.self, from: data)
        } catch {
            self.error = StageFileError(path: path, line: lineNumber, message: "invalid line: \(error)")
            return nil
        }
    }

    private static func nextLine(handle: FileHandle, buffer: inout LineBuffer, atEnd: inout Bool) -> Data? {
        while true {
            if let line = buffer.takeLine() { return line }
            if atEnd { return buffer.takeRest() }
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
            if let chunk, !chunk.isEmpty { buffer.append(chunk) } else { atEnd = true }
        }
    }
}

/// Bytes read but not yet split into lines; consumed from a moving start, compacted on append.
struct LineBuffer {
    private var bytes = [UInt8]()
    private var start = 0

    mutating func append(_ data: Data) {
        if start > 0 {
            bytes.removeFirst(start)
            start = 0
        }
        bytes.append(contentsOf: data)
    }

    /// The next non-empty line without its newline, or nil if no full line is buffered.
    mutating func takeLine() -> Data? {
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            let line = bytes[start..<newline]
            start = newline + 1
            if !line.isEmpty { return Data(line) }
        }
        return nil
    }

    /// What is left after the last newline, at the end of the file.
    mutating func takeRest() -> Data? {
        defer { bytes.removeAll(); start = 0 }
        return start < bytes.count ? Data(bytes[start...]) : nil
    }
}

/// Decodes only the header of the first line.
private struct StageLineHeaderProbe: Decodable {
    let header: StageHeader
    init(from decoder: any Decoder) throws {
        guard case .header(let header) = try StageLine(from: decoder) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a header"))
        }
        self.header = header
    }
}
