import CLibPQ

/// Writes rows into a running `COPY … FROM STDIN` in text format: fields separated by tabs, NULL as
/// `\N`, and `\`, tab, newline and carriage return escaped. Sends UTF-8 byte counts and checks every
/// `PQputCopyData` return. Made only by `Connection.copyFrom`.
public struct CopyWriter {
    private let connection: OpaquePointer
    private var buffer: [UInt8] = []
    private let flushThreshold = 256 * 1024
    public private(set) var rowsWritten = 0

    init(connection: OpaquePointer) {
        self.connection = connection
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// Appends one row; nil fields are NULL. Throws for text PostgreSQL cannot store (NUL).
    public mutating func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let field else {
                buffer.append(0x5C); buffer.append(0x4E) // \N
                continue
            }
            try Self.appendEscaped(field, to: &buffer)
        }
        buffer.append(0x0A)
        rowsWritten += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends one row of encodable values.
    public mutating func writeRow(_ values: [any PostgresEncodable]) throws {
        try writeRow(values.map { $0.postgresText })
    }

    /// Escapes one field into COPY text format. Runs of bytes that need no escape (nearly all of
    /// a text) are appended whole.
    static func appendEscaped(_ field: String, to buffer: inout [UInt8]) throws {
        var field = field
        try field.withUTF8 { bytes in
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
                    throw PostgresError(kind: .invalidValue, message: "a COPY field contains a NUL character, which PostgreSQL text cannot hold")
                default: continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(0x5C)
                buffer.append(escaped)
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
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
            throw PostgresError(connection: connection, kind: .copy, prefix: "PQputCopyData failed")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
