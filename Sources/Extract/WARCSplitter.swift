import Foundation

/// The named fields of a WARC record's header (names folded to lower case), or those an ARC
/// record's header line gives, under the WARC names.
public struct WARCHeaders: Sendable, Equatable {
    public var version: String
    public var fields: [String: String]

    public subscript(_ name: String) -> String? { fields[name.lowercased()] }

    /// `WARC-Type`: `response`, `resource`, `request`, `metadata`, `revisit`, `warcinfo`, ….
    public var type: String { self["WARC-Type"]?.lowercased() ?? "" }
}

/// Splits a WARC 1.0/1.1 or ARC file, arriving in pieces (inflated, for gzip), into its records:
/// a header, then as many bytes of block as it says. It keeps at most one record, and none over
/// `limit` bytes (whose length it reports instead). A file cut short gives its last record as
/// broken; bytes where a record should start but none does are skipped to the next `WARC/1.` line
/// (a record whose length lied), reported once.
struct WARCSplitter {
    enum Layout { case warc, arc }

    enum Piece: Equatable {
        case record(recordNo: Int, offset: Int64, headers: WARCHeaders, block: [UInt8])
        case tooLarge(recordNo: Int, offset: Int64, headers: WARCHeaders, bytes: Int)
        case broken(recordNo: Int, offset: Int64, message: String)
    }

    let layout: Layout
    let limit: Int
    /// The number of the last record begun.
    private(set) var recordNo = 0
    /// Offset in the (inflated) stream of the next byte fed.
    private(set) var position: Int64 = 0
    /// The file offset of a record that starts at an offset of the inflated stream: for a gzip file,
    /// the offset of the member that starts there (as CDX indexes give it), else the offset itself.
    var fileOffset: (Int64) -> Int64 = { $0 }

    private enum State { case between, header, block(remaining: Int), lost }
    private var state = State.between
    private var header: [UInt8] = []
    private var headers = WARCHeaders(version: "", fields: [:])
    private var block: [UInt8] = []
    private var blockLength = 0
    private var skipped = 0
    private var recordStart: Int64 = 0
    /// While lost: the last bytes seen, to find `\nWARC/1.` across pieces.
    private var window: [UInt8] = []
    /// Bytes were lost since the last record read.
    private var losing = false

    init(layout: Layout, limit: Int) {
        self.layout = layout
        self.limit = limit
    }

    static let warcMagic = Array("WARC/1.".utf8)

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Piece) throws -> Void) rethrows {
        var index = 0
        while index < bytes.count {
            switch state {
            case .between:
                let byte = bytes[index]
                if byte == 0x0D || byte == 0x0A || byte == 0x20 {
                    index += 1
                    position += 1
                    continue
                }
                state = .header
                header.removeAll(keepingCapacity: true)
                recordStart = position
            case .header:
                let byte = bytes[index]
                header.append(byte)
                index += 1
                position += 1
                if layout == .warc && header.count <= Self.warcMagic.count && byte != Self.warcMagic[header.count - 1] {
                    try lose("no WARC record starts at byte \(fileOffset(recordStart))", emit)
                    continue
                }
                if headerEnded {
                    try startBlock(emit)
                } else if header.count > 1 << 16 {
                    try lose("the header of the record at byte \(fileOffset(recordStart)) does not end within 64 KB", emit)
                }
            case .block(let remaining):
                let count = min(remaining, bytes.count - index)
                keep(UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]))
                index += count
                position += Int64(count)
                if count == remaining {
                    try endRecord(emit)
                } else {
                    state = .block(remaining: remaining - count)
                }
            case .lost:
                let byte = bytes[index]
                index += 1
                position += 1
                window.append(byte)
                if window.count > Self.warcMagic.count + 1 { window.removeFirst(window.count - Self.warcMagic.count - 1) }
                if window.count == Self.warcMagic.count + 1, window.first == 0x0A, Array(window.dropFirst()) == Self.warcMagic {
                    state = .header
                    header = Self.warcMagic
                    recordStart = position - Int64(Self.warcMagic.count)
                    window.removeAll()
                }
            }
        }
    }

    /// At the end of the file: a record left open is broken.
    mutating func finish(_ emit: (Piece) throws -> Void) rethrows {
        switch state {
        case .block(let remaining):
            let offset = fileOffset(recordStart)
            state = .between
            block = []
            skipped = 0
            try emit(.broken(recordNo: recordNo, offset: offset,
                             message: "the file ends inside record \(recordNo) (at byte \(offset)): \(blockLength - remaining) of its \(blockLength) bytes"))
        case .header where header.contains(where: { $0 != 0x0D && $0 != 0x0A }):
            recordNo += 1
            state = .between
            try emit(.broken(recordNo: recordNo, offset: fileOffset(recordStart),
                             message: "the file ends inside the header of record \(recordNo) (at byte \(fileOffset(recordStart)))"))
        default:
            break
        }
    }

    private var headerEnded: Bool {
        let count = header.count
        switch layout {
        case .warc:
            return (count >= 4 && header[count - 4] == 0x0D && header[count - 3] == 0x0A && header[count - 2] == 0x0D && header[count - 1] == 0x0A)
                || (count >= 2 && header[count - 2] == 0x0A && header[count - 1] == 0x0A)
        case .arc:
            return header.last == 0x0A
        }
    }

    /// Bytes where a record should start but none does: they count as one broken record, and
    /// reading goes on at the next line that starts with `WARC/1.` (in an ARC file, at the next
    /// line, which may be a record's header). Bytes lost one after the other count once.
    private mutating func lose(_ message: String, _ emit: (Piece) throws -> Void) rethrows {
        state = layout == .warc ? .lost : .between
        window = Array(header.suffix(Self.warcMagic.count + 1))
        header.removeAll(keepingCapacity: true)
        guard !losing else { return }
        losing = true
        recordNo += 1
        try emit(.broken(recordNo: recordNo, offset: fileOffset(recordStart), message: message + "; skipped to the next record"))
    }

    private mutating func startBlock(_ emit: (Piece) throws -> Void) rethrows {
        let parsed = layout == .warc ? Self.warcHeaders(header) : Self.arcHeaders(header)
        guard let parsed, let length = parsed.fields["content-length"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
              length >= 0 else {
            try lose("the record at byte \(fileOffset(recordStart)) has no valid header or Content-Length", emit)
            return
        }
        recordNo += 1
        losing = false
        headers = parsed
        blockLength = length
        block.removeAll(keepingCapacity: block.capacity <= 1 << 20)
        skipped = 0
        if length == 0 {
            try endRecord(emit)
        } else {
            state = .block(remaining: length)
        }
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        if skipped > 0 || block.count + bytes.count > limit {
            if skipped == 0 { skipped = block.count }
            skipped += bytes.count
            block = []
        } else {
            block.append(contentsOf: bytes)
        }
    }

    private mutating func endRecord(_ emit: (Piece) throws -> Void) rethrows {
        state = .between
        let offset = fileOffset(recordStart)
        let piece: Piece = skipped > 0
            ? .tooLarge(recordNo: recordNo, offset: offset, headers: headers, bytes: skipped)
            : .record(recordNo: recordNo, offset: offset, headers: headers, block: block)
        block = []
        skipped = 0
        try emit(piece)
    }

    /// `WARC/1.x` then `Name: value` lines (a line starting with white space continues the last).
    static func warcHeaders(_ bytes: [UInt8]) -> WARCHeaders? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })[...]
        guard let first = lines.popFirst(), first.hasPrefix("WARC/") else { return nil }
        var fields: [String: String] = [:]
        var last: String?
        for line in lines {
            if let head = line.first, head == " " || head == "\t", let name = last {
                fields[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            last = name
        }
        return WARCHeaders(version: String(first.dropFirst(5)), fields: fields)
    }

    /// An ARC header line: `URL IP-address Archive-date Content-type [more fields] Archive-length`
    /// (version 1 has five fields, version 2 ten; a URL may hold spaces). The file's first record
    /// (`filedesc://`) is its description, taken as a `warcinfo`; the others as responses.
    static func arcHeaders(_ bytes: [UInt8]) -> WARCHeaders? {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 5, let length = Int(parts.last!) else { return nil }
        // Version 2's fields after the content type: result code, checksum, location, offset, filename.
        let version2 = parts.count >= 10 && Int(parts[parts.count - 6]) != nil && parts[parts.count - 9].contains(".")
            && parts[parts.count - 8].count == 14
        let trailing = version2 ? 9 : 4
        let url = parts.prefix(parts.count - trailing).joined(separator: "%20")
        parts = Array(parts.suffix(trailing))
        let date = parts[1]
        var fields = ["content-length": String(length), "warc-target-uri": url,
                      "content-type": url.hasPrefix("filedesc:") ? "text/plain" : "application/http; msgtype=response",
                      "warc-type": url.hasPrefix("filedesc:") ? "warcinfo" : "response"]
        if date.count == 14, date.allSatisfy(\.isNumber) {
            let c = Array(date)
            fields["warc-date"] = "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[8..<10])):\(String(c[10..<12])):\(String(c[12..<14]))Z"
        }
        return WARCHeaders(version: "arc", fields: fields)
    }
}
