import CLibPQ

extension Connection {
    /// Runs one statement with parameters; returns its result (rows, if any, and the affected count).
    @discardableResult
    public func execute(_ statement: Statement, _ parameters: [any PostgresEncodable] = [],
                        file: String = #fileID, line: Int = #line) throws -> QueryResult {
        let texts = parameters.map { $0.postgresText }
        for text in texts {
            if let text, text.utf8.contains(0) {
                throw PostgresError(kind: .invalidValue, message: "a parameter contains a NUL character, which PostgreSQL text cannot hold",
                                    statement: statement.description, file: file, line: line)
            }
        }
        let result = withOptionalCStringArray(texts) { pointers in
            PQexecParams(handle, statement.sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try QueryResult(checking: result, connection: handle, statement: statement.description, file: file, line: line)
    }

    /// Runs one statement without a name: errors carry its text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = [],
                        file: String = #fileID, line: Int = #line) throws -> QueryResult {
        try execute(Statement(sql: sql), parameters, file: file, line: line)
    }

    /// Runs one statement and decodes every row into a typed tuple; throws if the column count or a
    /// column's type does not match.
    public func query<each T: PostgresDecodable>(
        _ statement: Statement, _ parameters: [any PostgresEncodable] = [], as types: (repeat each T).Type,
        file: String = #fileID, line: Int = #line
    ) throws -> [(repeat each T)] {
        let result = try execute(statement, parameters, file: file, line: line)
        do {
            return try result.rows.map { row in try row.decode(as: types) }
        } catch let error as PostgresError {
            throw error.located(statement: statement.description, file: file, line: line)
        }
    }

    /// `query` for a statement without a name: errors carry its text.
    public func query<each T: PostgresDecodable>(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], as types: (repeat each T).Type,
        file: String = #fileID, line: Int = #line
    ) throws -> [(repeat each T)] {
        try query(Statement(sql: sql), parameters, as: types, file: file, line: line)
    }

    /// Runs trusted SQL text that may hold several statements (migration files, table definitions).
    /// Never pass data here.
    public func executeScript(_ statement: Statement, file: String = #fileID, line: Int = #line) throws {
        let result = PQexec(handle, statement.sql)
        _ = try QueryResult(checking: result, connection: handle, statement: statement.description, file: file, line: line)
    }

    /// `executeScript` for a script without a name: errors carry its text.
    public func executeScript(_ sql: String, file: String = #fileID, line: Int = #line) throws {
        try executeScript(Statement(sql: sql), file: file, line: line)
    }
}
