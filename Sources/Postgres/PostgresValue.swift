import CLibPQ

/// A Swift value that can be sent as a query parameter or a COPY field, in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The value's text form, or nil for SQL NULL.
    var postgresText: String? { get }
    /// Appends the value as a field of a text COPY (escaped; NULL as `\N`). Throws for text
    /// PostgreSQL cannot store (NUL).
    func appendCopyText(to buffer: inout [UInt8]) throws
}

extension PostgresEncodable {
    public func appendCopyText(to buffer: inout [UInt8]) throws {
        guard let text = postgresText else {
            CopyWriter.appendNull(to: &buffer)
            return
        }
        try CopyWriter.appendEscaped(text, to: &buffer)
    }
}

/// A Swift value that a result column decodes into. Decoding checks the column's type, so asking for
/// an `Int` from a `text` column throws instead of guessing.
public protocol PostgresDecodable {
    /// Whether a column of this type OID can decode into `Self`.
    static func accepts(typeOID: UInt32) -> Bool
    /// Decodes the text form of a non-NULL value.
    init(postgresText: String) throws
    /// Decodes NULL; non-optional types throw.
    static func decodeNull() throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull() throws -> Self {
        throw PostgresError(kind: .decoding, message: "NULL cannot decode into non-optional \(Self.self)")
    }
}

/// Type OIDs of the built-in types this layer decodes (from pg_type.h).
public enum TypeOID {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let xid: UInt32 = 28
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let textArray: UInt32 = 1009
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802
    public static let json: UInt32 = 114

    static let textLike: Set<UInt32> = [name, text, bpchar, varchar, json, jsonb, uuid]
    static let integers: Set<UInt32> = [int2, int4, int8, oid, xid]
}

extension String: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self }
    public func appendCopyText(to buffer: inout [UInt8]) throws { try CopyWriter.appendEscaped(self, to: &buffer) }
    public static func accepts(typeOID: UInt32) -> Bool { TypeOID.textLike.contains(typeOID) }
    public init(postgresText: String) { self = postgresText }
}

extension Substring: PostgresEncodable {
    public var postgresText: String? { String(self) }
    /// Escaped from the substring's own bytes: no copy of it is made.
    public func appendCopyText(to buffer: inout [UInt8]) throws { try CopyWriter.appendEscaped(self, to: &buffer) }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public static func accepts(typeOID: UInt32) -> Bool { TypeOID.integers.contains(typeOID) }
    public init(postgresText: String) throws {
        guard let value = Int(postgresText) else {
            throw PostgresError(kind: .decoding, message: "'\(postgresText)' is not an integer")
        }
        self = value
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public static func accepts(typeOID: UInt32) -> Bool { TypeOID.integers.contains(typeOID) }
    public init(postgresText: String) throws {
        guard let value = Int64(postgresText) else {
            throw PostgresError(kind: .decoding, message: "'\(postgresText)' is not an integer")
        }
        self = value
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public static func accepts(typeOID: UInt32) -> Bool {
        typeOID == TypeOID.float4 || typeOID == TypeOID.float8 || typeOID == TypeOID.numeric
    }
    public init(postgresText: String) throws {
        guard let value = Double(postgresText) else {
            throw PostgresError(kind: .decoding, message: "'\(postgresText)' is not a number")
        }
        self = value
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self ? "t" : "f" }
    public static func accepts(typeOID: UInt32) -> Bool { typeOID == TypeOID.bool }
    public init(postgresText: String) throws {
        switch postgresText {
        case "t": self = true
        case "f": self = false
        default: throw PostgresError(kind: .decoding, message: "'\(postgresText)' is not a boolean")
        }
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
    public func appendCopyText(to buffer: inout [UInt8]) throws {
        switch self {
        case .none: CopyWriter.appendNull(to: &buffer)
        case .some(let value): try value.appendCopyText(to: &buffer)
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func accepts(typeOID: UInt32) -> Bool { Wrapped.accepts(typeOID: typeOID) }
    public init(postgresText: String) throws { self = try Wrapped(postgresText: postgresText) }
    public static func decodeNull() throws -> Self { nil }
}

/// `text[]`, sent and read as an array literal (`{"a","b \"c\""}`).
extension Array: PostgresEncodable where Element == String {
    public var postgresText: String? {
        "{" + map { element in
            var quoted = "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}

extension Array: PostgresDecodable where Element == String {
    public static func accepts(typeOID: UInt32) -> Bool { typeOID == TypeOID.textArray }
    public init(postgresText: String) throws { self = try ArrayLiteral.parse(postgresText) }
}

/// Parses a one-dimensional array literal of text elements, as the server prints it.
enum ArrayLiteral {
    static func parse(_ text: String) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "{", scalars.last == "}" else {
            throw PostgresError(kind: .decoding, message: "'\(text)' is not an array literal")
        }
        var elements: [String] = []
        var index = 1
        let end = scalars.count - 1
        while index < end {
            var element = String.UnicodeScalarView()
            if scalars[index] == "\"" {
                index += 1
                while index < end, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index += 1 }
                    guard index < end else { break }
                    element.append(scalars[index])
                    index += 1
                }
                index += 1 // closing quote
                elements.append(String(element))
            } else {
                while index < end, scalars[index] != "," {
                    element.append(scalars[index])
                    index += 1
                }
                let value = String(element)
                guard value != "NULL" else {
                    throw PostgresError(kind: .decoding, message: "NULL element in a text[] value")
                }
                elements.append(value)
            }
            if index < end, scalars[index] == "," { index += 1 }
        }
        return elements
    }
}
