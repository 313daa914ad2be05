import CLibPQ
import Glibc
import Logging

/// One libpq connection, used by one thread at a time. Statements take parameters (text format);
/// SQL text never carries data. Server notices go to the logger instead of stderr. Every method
/// takes its caller's `#fileID` and `#line`, which its errors carry.
public final class Connection {
    let handle: OpaquePointer
    private let notices: NoticeSink
    /// Savepoints opened so far, for unique names (`transaction` inside a transaction).
    var savepoints = 0
    public let logger: Logger

    /// Connects to `url` (a libpq URI or key=value string); with nil, libpq reads its own `PG*`
    /// variables and `.pgpass`. `overrides` (libpq keywords such as `dbname`) win over the URL.
    /// The session always uses `client_encoding` UTF8. A `url` libpq cannot parse is refused before
    /// libpq connects: its parse error quotes the string, password and all.
    public convenience init(url: String?, overrides: [String: String] = [:], applicationName: String = "article-etl",
                            logger: Logger, file: String = #fileID, line: Int = #line) throws {
        if let url, !url.isEmpty, !ConnectionString.isParseable(url) {
            throw PostgresError(kind: .connection, message: "cannot connect: \(ConnectionString.unparseable)",
                                file: file, line: line)
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
        try self.init(keys: keys, values: values, expandDBName: true, logger: logger, file: file, line: line)
    }

    private init(keys: [String], values: [String], expandDBName: Bool, logger: Logger, file: String, line: Int) throws {
        self.logger = logger
        // Both arrays end with a NULL entry, as PQconnectdbParams requires.
        let connection: OpaquePointer? = withOptionalCStringArray(keys + [nil]) { keyPointers in
            withOptionalCStringArray(values + [nil]) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, expandDBName ? 1 : 0)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "out of memory while connecting", file: file, line: line)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = PostgresError(connection: connection, kind: .connection, prefix: "cannot connect", statement: nil,
                                      file: file, line: line)
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
    public func sibling(applicationName: String, file: String = #fileID, line: Int = #line) throws -> Connection {
        guard let options = PQconninfo(handle) else {
            throw PostgresError(kind: .connection, message: "out of memory while reading the connection's options",
                                file: file, line: line)
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
        return try Connection(keys: keys, values: values, expandDBName: false, logger: logger, file: file, line: line)
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether the connection is still usable.
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }
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
