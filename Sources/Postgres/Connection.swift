import CLibPQ
import Glibc
import Logging

/// One libpq connection, used by one thread at a time. Statements take parameters (text format);
/// SQL text never carries data. Server notices go to the logger instead of stderr.
public final class Connection {
    let handle: OpaquePointer
    private let notices: NoticeSink
    private var savepoints = 0
    public let logger: Logger

    /// Connects to `url` (a libpq URI or key=value string); with nil, libpq reads its own `PG*`
    /// variables and `.pgpass`. `overrides` (libpq keywords such as `dbname`) win over the URL.
    /// The session always uses `client_encoding` UTF8. A `url` libpq cannot parse is refused before
    /// libpq connects: its parse error quotes the string, password and all.
    public convenience init(url: String?, overrides: [String: String] = [:], applicationName: String = "article-etl",
                            logger: Logger) throws {
        if let url, !url.isEmpty, !ConnectionString.isParseable(url) {
            throw PostgresError(kind: .connection, message: "cannot connect: \(ConnectionString.unparseable)")
        }
        // Defaults first, so the URL's own settings win; then the URL (dbname with expand_dbname=1);
        // then what this layer requires (UTF-8) and the caller's overrides.
        // A lost server is noticed within seconds on TCP too (unix sockets notice at once).
        var keys = ["connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
                    "application_name"]
        var values = ["10", "1", "10", "5", "3", applicationName]
        if let url, !url.isEmpty {
            keys.append("dbname")
            values.append(url)
        }
        keys.append("client_encoding")
        values.append("UTF8")
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            keys.append(key)
            values.append(value)
        }
        try self.init(keys: keys, values: values, expandDBName: true, logger: logger)
    }

    private init(keys: [String], values: [String], expandDBName: Bool, logger: Logger) throws {
        self.logger = logger
        // Both arrays end with a NULL entry, as PQconnectdbParams requires.
        let connection: OpaquePointer? = withOptionalCStringArray(keys + [nil]) { keyPointers in
            withOptionalCStringArray(values + [nil]) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, expandDBName ? 1 : 0)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "out of memory while connecting")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = PostgresError(connection: connection, kind: .connection, prefix: "cannot connect")
            PQfinish(connection)
            throw error
        }
        handle = connection
        notices = NoticeSink(logger: logger)
        PQsetNoticeReceiver(handle, noticeReceiver, Unmanaged.passUnretained(notices).toOpaque())
    }

    /// A second session to the same server and database, as the same role: the options this one
    /// connected with, as libpq reports them (`PQconninfo`), under another `application_name`.
    /// For work that runs beside this session's, on another thread.
    public func sibling(applicationName: String) throws -> Connection {
        guard let options = PQconninfo(handle) else {
            throw PostgresError(kind: .connection, message: "out of memory while reading the connection's options")
        }
        defer { PQconninfoFree(options) }
        var keys: [String] = [], values: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val, String(cString: keyword) != "application_name" {
                keys.append(String(cString: keyword))
                values.append(String(cString: value))
            }
            option += 1
        }
        keys.append("application_name")
        values.append(applicationName)
        return try Connection(keys: keys, values: values, expandDBName: false, logger: logger)
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether the connection is still usable.
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's process id for this session (for `pg_stat_activity` and diagnostics).
    public var backendPID: Int32 { PQbackendPID(handle) }

    // MARK: - Statements

    /// Runs one statement with parameters; returns its result (rows, if any, and the affected count).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> QueryResult {
        let texts = parameters.map { $0.postgresText }
        for text in texts {
            if let text, text.utf8.contains(0) {
                throw PostgresError(kind: .invalidValue, message: "a parameter contains a NUL character, which PostgreSQL text cannot hold")
            }
        }
        let result = withOptionalCStringArray(texts) { pointers in
            PQexecParams(handle, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try QueryResult(checking: result, connection: handle)
    }

    /// Runs one statement and decodes every row into a typed tuple; throws if the column count or a
    /// column's type does not match.
    public func query<each T: PostgresDecodable>(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], as types: (repeat each T).Type
    ) throws -> [(repeat each T)] {
        let result = try execute(sql, parameters)
        return try result.rows.map { row in try row.decode(as: types) }
    }

    /// Runs trusted SQL text that may hold several statements (migration files). Never pass data here.
    public func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        _ = try QueryResult(checking: result, connection: handle)
    }

    // MARK: - Transactions

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws. Inside an
    /// open transaction it uses a savepoint instead, so the outer transaction decides (a dry run
    /// wraps a whole run in one transaction and rolls it back).
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        if PQtransactionStatus(handle) == PQTRANS_INTRANS {
            savepoints += 1
            let name = "etl_savepoint_\(savepoints)"
            try execute("SAVEPOINT \(name)")
            do {
                let value = try body()
                try execute("RELEASE SAVEPOINT \(name)")
                return value
            } catch {
                if PQtransactionStatus(handle) == PQTRANS_INERROR || PQtransactionStatus(handle) == PQTRANS_INTRANS {
                    _ = try? execute("ROLLBACK TO SAVEPOINT \(name)")
                }
                throw error
            }
        }
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if PQtransactionStatus(handle) != PQTRANS_IDLE {
                do { try execute("ROLLBACK") } catch {
                    logger.warning("rollback failed", metadata: ["error": "\(error)"])
                }
            }
            throw error
        }
    }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    // MARK: - COPY

    /// Runs `COPY … FROM STDIN` and lets `body` write the rows in `format`, the one the statement
    /// names (`WITH (FORMAT binary)` for `.binary`). If `body` throws, the
    /// COPY is aborted with `PQputCopyEnd(conn, message)`, nothing is stored, and the error is rethrown.
    /// Returns the number of rows the server stored.
    @discardableResult
    public func copyFrom(_ sql: String, format: CopyFormat = .text, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        let start = PQexec(handle, sql)
        let status = start.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COPY_IN else {
            defer { PQclear(start) }
            if status == PGRES_FATAL_ERROR { throw PostgresError(result: start, connection: handle) }
            throw PostgresError(kind: .usage, message: "statement did not start a COPY FROM STDIN")
        }
        PQclear(start)
        var writer = CopyWriter(connection: handle, format: format)
        do {
            try body(&writer)
            try writer.finish()
        } catch {
            let message = "aborted by article-etl: \(error)"
            _ = PQputCopyEnd(handle, message)
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let error = PostgresError(connection: handle, kind: .copy, prefix: "COPY could not be ended")
            drainResults()
            throw error
        }
        var stored = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                stored = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = PostgresError(result: result, connection: handle, kind: .copy)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return stored
    }

    private func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }
}

/// Holds the logger for libpq's notice callback.
final class NoticeSink {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

private func noticeReceiver(context: UnsafeMutableRawPointer?, result: OpaquePointer?) {
    guard let context, let result else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
    let field = { (code: Int32) -> String in
        PQresultErrorField(result, code).map { String(cString: $0) } ?? ""
    }
    let severity = field(Int32(ETL_PG_DIAG_SEVERITY_NONLOCALIZED))
    let message = field(Int32(ETL_PG_DIAG_MESSAGE_PRIMARY))
    let metadata: Logger.Metadata = ["pg.severity": "\(severity)", "pg.sqlstate": "\(field(Int32(ETL_PG_DIAG_SQLSTATE)))"]
    if severity == "WARNING" {
        sink.logger.warning("server: \(message)", metadata: metadata)
    } else {
        sink.logger.debug("server: \(message)", metadata: metadata)
    }
}

/// Calls `body` with a C array of C strings that live for the duration of the call; nil entries
/// are NULL pointers (SQL NULL parameters, or an array terminator).
func withOptionalCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
