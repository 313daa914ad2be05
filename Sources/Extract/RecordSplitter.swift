import Foundation

/// Splits the bytes of a record file that arrive in pieces into its records: the lines of JSON
/// Lines, or the elements of a top-level JSON array. It finds where each record ends and nothing
/// more; each record is then parsed whole by `JSONRecords`. A record longer than `limit` bytes is
/// not kept: its length is reported instead, so memory stays bounded whatever the file holds.
struct RecordSplitter {
    enum Layout { case lines, array }

    enum Piece: Equatable {
        /// Record `recordNo`'s bytes (for lines, without the line feed; maybe blank).
        case record(recordNo: Int, bytes: [UInt8])
        /// Record `recordNo` is longer than the limit: `bytes` long (at least).
        case tooLarge(recordNo: Int, bytes: Int)
        /// The file ends inside record `recordNo`, or is not a JSON array at all.
        case broken(recordNo: Int, message: String)
    }

    let layout: Layout
    let limit: Int
    /// The number of the last record begun.
    private(set) var recordNo = 0
    private var buffer: [UInt8] = []
    /// Bytes of a record over the limit, counted but not kept.
    private var skipped = 0
    // The array's state: before its `[`, between elements, inside one, after its `]`.
    private var opened = false, closed = false, inElement = false
    private var depth = 0, inString = false, escaped = false

    init(layout: Layout, limit: Int) {
        self.layout = layout
        self.limit = limit
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Piece) throws -> Void) rethrows {
        switch layout {
        case .lines: try feedLines(bytes, emit)
        case .array: try feedArray(bytes, emit)
        }
    }

    /// At the end of the file: the last line (without a line feed), or what is left open.
    mutating func finish(_ emit: (Piece) throws -> Void) rethrows {
        switch layout {
        case .lines:
            if !buffer.isEmpty || skipped > 0 {
                recordNo += 1
                try endRecord(emit)
            }
        case .array:
            if inElement {
                buffer = []
                skipped = 0
                inElement = false
                try emit(.broken(recordNo: recordNo, message: "the file ends inside element \(recordNo) of the JSON array"))
            }
        }
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if skipped > 0 {
            skipped += bytes.count
        } else if buffer.count + bytes.count > limit {
            skipped = buffer.count + bytes.count
            buffer = []
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private mutating func endRecord(_ emit: (Piece) throws -> Void) rethrows {
        let piece: Piece = skipped > 0 ? .tooLarge(recordNo: recordNo, bytes: skipped) : .record(recordNo: recordNo, bytes: buffer)
        buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
        skipped = 0
        try emit(piece)
    }

    private mutating func feedLines(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Piece) throws -> Void) rethrows {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                keep(UnsafeBufferPointer(rebasing: bytes[start...]))
                return
            }
            let feed = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            keep(UnsafeBufferPointer(rebasing: bytes[start..<feed]))
            recordNo += 1
            try endRecord(emit)
            start = feed + 1
        }
    }

    private mutating func feedArray(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Piece) throws -> Void) rethrows {
        var index = 0
        var elementStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inElement {
                if inString {
                    if escaped { escaped = false }
                    else if byte == UInt8(ascii: "\\") { escaped = true }
                    else if byte == UInt8(ascii: "\"") { inString = false }
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 {
                        // The array's own `]` after an element that is no object or array.
                        keep(UnsafeBufferPointer(rebasing: bytes[elementStart..<index]))
                        inElement = false
                        closed = true
                        try endRecord(emit)
                        return
                    }
                    depth -= 1
                    if depth == 0 {
                        keep(UnsafeBufferPointer(rebasing: bytes[elementStart...index]))
                        inElement = false
                        try endRecord(emit)
                    }
                case UInt8(ascii: ","):
                    if depth == 0 {
                        keep(UnsafeBufferPointer(rebasing: bytes[elementStart..<index]))
                        inElement = false
                        try endRecord(emit)
                    }
                default:
                    break
                }
                index += 1
                continue
            }
            if closed { return }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF:   // white space, and a byte-order mark before the array
                break
            case UInt8(ascii: "[") where !opened:
                opened = true
            case UInt8(ascii: ","):
                break
            case UInt8(ascii: "]") where opened:
                closed = true
                return
            default:
                guard opened else {
                    closed = true
                    try emit(.broken(recordNo: 1, message: "the file is not a JSON array"))
                    return
                }
                inElement = true
                depth = 0
                recordNo += 1
                elementStart = index
                continue   // the element's first byte is read as part of it
            }
            index += 1
        }
        if inElement { keep(UnsafeBufferPointer(rebasing: bytes[elementStart...])) }
    }
}
