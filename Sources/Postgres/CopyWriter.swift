import CLibPQ

/// The two formats of `COPY … FROM STDIN`.
public enum CopyFormat: Sendable {
    /// Fields separated by tabs, NULL as `\N`, and `\`, tab, newline and carriage return escaped.
    case text
    /// PostgreSQL's binary format (`WITH (FORMAT binary)`): each field in its type's binary form,
    /// which the server stores without parsing.
    case binary
}

/// Writes the rows of a running `COPY … FROM STDIN` into a buffer and sends it to the server every
/// 256 KB: each row's fields as its type's columns say, in the format they share. Sends UTF-8 byte
/// counts and checks every `PQputCopyData` return. Made only by `Connection.copy`.
public struct CopyWriter {
    private let connection: OpaquePointer
    private let format: CopyFormat
    private var buffer: [UInt8] = []
    private let flushThreshold = 256 * 1024

    init(connection: OpaquePointer, format: CopyFormat) {
        self.connection = connection
        self.format = format
        buffer.reserveCapacity(flushThreshold + 4096)
        if format == .binary {
            // Signature, flags (no OIDs), header extension length.
            buffer.append(contentsOf: Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
            Self.appendInt32(0, to: &buffer)
            Self.appendInt32(0, to: &buffer)
        }
    }

    /// Appends one row: its columns' values, in the format the columns share.
    mutating func write<Row>(_ row: Row, columns: [CopyColumn<Row>]) throws {
        if format == .binary { Self.appendInt16(Int16(columns.count), to: &buffer) }
        for index in columns.indices {
            if format == .text && index > 0 { buffer.append(0x09) }
            try columns[index].write(row, &self)
        }
        if format == .text { buffer.append(0x0A) }
        if buffer.count >= flushThreshold { try flush() }
    }

    /// One text field.
    mutating func appendText(_ value: some PostgresEncodable) throws {
        try value.appendCopyText(to: &buffer)
    }

    /// One binary field: its length, then its bytes.
    mutating func appendBinary(_ value: some PostgresBinaryEncodable) {
        let lengthAt = buffer.count
        Self.appendInt32(0, to: &buffer)
        value.appendPostgresBinary(to: &buffer)
        let length = Int32(buffer.count - lengthAt - 4)
        buffer[lengthAt] = UInt8(truncatingIfNeeded: length >> 24)
        buffer[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 16)
        buffer[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 8)
        buffer[lengthAt + 3] = UInt8(truncatingIfNeeded: length)
    }

    /// Ends the data: the binary format's trailer, then what is buffered.
    mutating func finish() throws {
        if format == .binary { Self.appendInt16(-1, to: &buffer) }
        try flush()
    }

    /// Big-endian, as every integer of the binary format.
    static func appendInt16(_ value: Int16, to buffer: inout [UInt8]) {
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value))
    }

    static func appendInt32(_ value: Int32, to buffer: inout [UInt8]) {
        appendInt16(Int16(truncatingIfNeeded: value >> 16), to: &buffer)
        appendInt16(Int16(truncatingIfNeeded: value), to: &buffer)
    }

    /// A NULL field of the text format.
    static func appendNull(to buffer: inout [UInt8]) {
        buffer.append(0x5C); buffer.append(0x4E) // \N
    }

    /// Escapes one field into COPY text format.
    static func appendEscaped(_ field: String, to buffer: inout [UInt8]) throws {
        var field = field
        try field.withUTF8 { bytes in try appendEscaped(bytes: bytes, to: &buffer) }
    }

    static func appendEscaped(_ field: Substring, to buffer: inout [UInt8]) throws {
        var field = field
        try field.withUTF8 { bytes in try appendEscaped(bytes: bytes, to: &buffer) }
    }

    /// Runs of bytes that need no escape (nearly all of a text) are appended whole. NUL is refused:
    /// the error's statement and `file:line` are added by `Connection.copy`.
    private static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) throws {
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte <= 0x0D || byte == 0x5C else { continue }
            let escaped: UInt8
            switch byte {
            case 0x5C: escaped = 0x5C   // \\
            case 0x09: escaped = 0x74   // \t
            case 0x0A: escaped = 0x6E   // \n
            case 0x0D: escaped = 0x72   // \r
            case 0x00:
                throw PostgresError(kind: .invalidValue, message: "a COPY field contains a NUL character, which PostgreSQL text cannot hold",
                                    file: #fileID, line: #line)
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(0x5C)
            buffer.append(escaped)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(connection, chars.baseAddress, Int32(chars.count))
            }
        }
        guard status == 1 else {
            // The statement and the caller's file:line are added by `Connection.copy`.
            throw PostgresError(connection: connection, kind: .copy, prefix: "PQputCopyData failed", statement: nil,
                                file: #fileID, line: #line)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Binary forms of values for binary COPY columns, as PostgreSQL's `*_recv` functions read them.
public enum PostgresBinary {
    /// `tsvector` (as `tsvectorrecv` reads it): the number of lexemes, then each lexeme's UTF-8
    /// ended by a NUL, its number of positions and the positions (the weight in the top two bits),
    /// two bytes each.
    /// Lexeme `i` is `lexemeBytes` up to `lexemeEnds[i]`, its positions `positions` up to
    /// `positionEnds[i]`. Each lexeme must come once; in PostgreSQL's order (by bytes) the server
    /// need not sort them.
    public static func tsvector(lexemeBytes: [UInt8], lexemeEnds: [UInt32], positions: [UInt16], positionEnds: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + lexemeBytes.count + 3 * lexemeEnds.count + 2 * positions.count)
        CopyWriter.appendInt32(Int32(lexemeEnds.count), to: &bytes)
        var lexemeStart = 0
        var positionStart = 0
        // Read through buffers: a slice of an array retains the array, for every lexeme.
        lexemeBytes.withUnsafeBufferPointer { lexemeBytes in
            positions.withUnsafeBufferPointer { positions in
                for index in lexemeEnds.indices {
                    let lexemeEnd = Int(lexemeEnds[index]), positionEnd = Int(positionEnds[index])
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: lexemeBytes[lexemeStart..<lexemeEnd]))
                    bytes.append(0)
                    CopyWriter.appendInt16(Int16(positionEnd - positionStart), to: &bytes)
                    for position in positionStart..<positionEnd {
                        CopyWriter.appendInt16(Int16(bitPattern: positions[position]), to: &bytes)
                    }
                    lexemeStart = lexemeEnd
                    positionStart = positionEnd
                }
            }
        }
        return bytes
    }
}
