import CLibPQ

/// An error from the server or from libpq. Keeps the server's fields verbatim (SQLSTATE, message,
/// detail, constraint) so callers can branch on `code`, never on message text, and says where it
/// arose: the statement (its name, or its text when it has none) and the caller's `file:line`
/// (every `Connection` method takes `#fileID` and `#line` from its caller). A password cannot
/// leak through the description: libpq's connection messages name the host, port, user and
/// database, never the password, and a connection string libpq cannot parse (whose message would
/// quote it) never reaches libpq (`Connection`).
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// A SQLSTATE code, open for values this file does not name.
    public struct Code: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }

        public static let uniqueViolation: Code = "23505"
        public static let foreignKeyViolation: Code = "23503"
        public static let notNullViolation: Code = "23502"
        public static let checkViolation: Code = "23514"
        public static let undefinedTable: Code = "42P01"
        public static let syntaxError: Code = "42601"
        public static let queryCanceled: Code = "57014"
        public static let adminShutdown: Code = "57P01"
        public static let characterNotInRepertoire: Code = "22021"
        public static let untranslatableCharacter: Code = "22P05"
    }

    /// Where the error arose.
    public enum Kind: String, Sendable {
        case connection     // could not connect, or the connection was lost
        case server         // the server answered with an error
        case copy           // a COPY failed or was aborted
        case decoding       // a value did not decode into the requested Swift type
        case invalidValue   // a value cannot be sent (for example a NUL character)
        case usage          // the API was misused (for example a COPY outside COPY state)
    }

    public var kind: Kind
    public var code: Code?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var constraint: String?
    /// The statement that failed: its name (`Statement.name`), else its SQL text.
    public var statement: String?
    /// Where the caller of this layer asked for the statement (`#fileID`, `#line`).
    public var file: String
    public var line: Int

    public init(kind: Kind, code: Code? = nil, message: String, detail: String? = nil, statement: String? = nil,
                file: String = #fileID, line: Int = #line) {
        self.kind = kind
        self.code = code
        self.message = message
        self.detail = detail
        self.statement = statement
        self.file = file
        self.line = line
    }

    /// Builds an error from a failed result, taking every diagnostic field the server sent.
    init(result: OpaquePointer?, connection: OpaquePointer?, kind: Kind, statement: String?, file: String, line: Int) {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let primary = field(Int32(ETL_PG_DIAG_MESSAGE_PRIMARY))
        var fallback = "unknown error"
        if let result, let text = PQresultErrorMessage(result), text.pointee != 0 {
            fallback = String(cString: text)
        } else if let connection, let text = PQerrorMessage(connection) {
            fallback = String(cString: text)
        }
        self.init(kind: kind, code: field(Int32(ETL_PG_DIAG_SQLSTATE)).map { Code($0) },
                  message: primary ?? Self.trimmed(fallback), detail: field(Int32(ETL_PG_DIAG_MESSAGE_DETAIL)),
                  statement: statement, file: file, line: line)
        hint = field(Int32(ETL_PG_DIAG_MESSAGE_HINT))
        schema = field(Int32(ETL_PG_DIAG_SCHEMA_NAME))
        table = field(Int32(ETL_PG_DIAG_TABLE_NAME))
        column = field(Int32(ETL_PG_DIAG_COLUMN_NAME))
        constraint = field(Int32(ETL_PG_DIAG_CONSTRAINT_NAME))
    }

    /// Builds an error from the connection's last error message (connection and COPY failures).
    init(connection: OpaquePointer?, kind: Kind, prefix: String, statement: String?, file: String, line: Int) {
        var text = ""
        if let connection, let message = PQerrorMessage(connection) { text = String(cString: message) }
        let message = Self.trimmed(text)
        self.init(kind: kind, message: message.isEmpty ? prefix : "\(prefix): \(message)", statement: statement,
                  file: file, line: line)
    }

    /// The same error, said to arise from `statement` at the caller's `file:line` (for errors made
    /// below the call, such as a column that does not decode).
    func located(statement: String?, file: String, line: Int) -> PostgresError {
        var error = self
        error.statement = statement ?? error.statement
        error.file = file
        error.line = line
        return error
    }

    static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// One line for logs and operators: SQLSTATE, message, constraint and the statement (a text
    /// without a name shortened to its first line).
    public var description: String {
        var text = "PostgreSQL \(kind.rawValue) error"
        if let code { text += " \(code)" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let statement { text += " [statement: \(Self.firstLine(of: statement))]" }
        return text
    }

    static func firstLine(of statement: String) -> String {
        let line = statement.drop { $0.isWhitespace }.prefix { $0 != "\n" }
        return line.count > 80 ? line.prefix(80) + "…" : String(line)
    }

    /// Everything known, for debugging: adds detail, hint, table, column and the Swift source location.
    public var debugDescription: String {
        var parts = [description]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let schema, let table { parts.append("table: \(schema).\(table)") }
        if let column { parts.append("column: \(column)") }
        if let statement, statement.contains("\n") { parts.append("statement: \(statement)") }
        parts.append("at \(file):\(line)")
        return parts.joined(separator: "; ")
    }
}
