/// A row type for `Connection.copy`: it names its table and declares its columns once, and from
/// that one declaration come the COPY statement's column list, the row's encoding (each column
/// says how its value is read from the row) and, for tables the caller creates, their definition
/// (`CopyColumn.definition`).
public protocol CopyRow {
    /// The table the rows go to (a constant name, never data).
    static var table: String { get }
    /// The columns in COPY order; all text or all binary (`CopyColumn(_:_:binary:)`).
    static var columns: [CopyColumn<Self>] { get }
}

extension CopyRow {
    /// `COPY table (columns) FROM STDIN`, in the format the columns are written in; named after
    /// the table for errors.
    static var copyStatement: Statement {
        let names = columns.map(\.name).joined(separator: ", ")
        let format = copyFormat == .binary ? " WITH (FORMAT binary)" : ""
        return Statement("COPY \(table)", "COPY \(table) (\(names)) FROM STDIN\(format)")
    }

    static var copyFormat: CopyFormat {
        let format = columns.first?.format ?? .text
        precondition(columns.allSatisfy { $0.format == format }, "\(Self.self) mixes text and binary columns")
        return format
    }

    /// The columns as a table definition lists them: `name type constraints, …`.
    public static var columnDefinitions: String {
        columns.map { "\($0.name) \($0.definition)" }.joined(separator: ", ")
    }
}

/// One column of a `CopyRow`: its name, its definition (type and constraints, e.g. `text NOT
/// NULL`), and how its value is read from a row.
public struct CopyColumn<Row>: Sendable {
    public let name: String
    public let definition: String
    let format: CopyFormat
    let write: @Sendable (Row, inout CopyWriter) throws -> Void

    /// A column sent in text form.
    public init<Value: PostgresEncodable>(_ name: String, _ definition: String,
                                          _ value: @escaping @Sendable (Row) -> Value) {
        self.name = name
        self.definition = definition
        format = .text
        write = { row, writer in try writer.appendText(value(row)) }
    }

    /// A column sent in its type's binary form (see `PostgresBinaryEncodable`).
    public init<Value: PostgresBinaryEncodable>(_ name: String, _ definition: String,
                                                binary value: @escaping @Sendable (Row) -> Value) {
        self.name = name
        self.definition = definition
        format = .binary
        write = { row, writer in writer.appendBinary(value(row)) }
    }
}

/// A value in its column type's binary form, as PostgreSQL's `*_recv` functions read it.
public protocol PostgresBinaryEncodable: SendableMetatype {
    /// Appends the value's bytes (without the field's length, which the writer adds).
    func appendPostgresBinary(to buffer: inout [UInt8])
}

/// `int4`.
extension Int32: PostgresBinaryEncodable {
    public func appendPostgresBinary(to buffer: inout [UInt8]) { CopyWriter.appendInt32(self, to: &buffer) }
}

/// Bytes already in the column type's binary form (for example `PostgresBinary.tsvector`).
extension Array: PostgresBinaryEncodable where Element == UInt8 {
    public func appendPostgresBinary(to buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
}
