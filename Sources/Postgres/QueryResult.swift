import CLibPQ

/// The rows and counts of one statement, copied out of libpq's result so it can be freed at once.
public struct QueryResult: Sendable {
    /// Column names and type OIDs.
    public let columns: [(name: String, typeOID: UInt32)]
    /// Row values in text form; nil is SQL NULL.
    public let rows: [Row]
    /// The count from the command tag (`INSERT 0 5` → 5), or 0.
    public let affectedRows: Int

    init(checking result: OpaquePointer?, connection: OpaquePointer, statement: String, file: String, line: Int) throws {
        guard let result else {
            throw PostgresError(connection: connection, kind: .connection, prefix: "no result from server",
                                statement: statement, file: file, line: line)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            let kind: PostgresError.Kind = PQstatus(connection) == CONNECTION_OK ? .server : .connection
            throw PostgresError(result: result, connection: connection, kind: kind, statement: statement, file: file, line: line)
        }
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { index in
            (name: String(cString: PQfname(result, Int32(index))), typeOID: UInt32(PQftype(result, Int32(index))))
        }
        self.columns = columns
        rows = (0..<Int(PQntuples(result))).map { rowIndex in
            Row(columns: columns, values: (0..<columnCount).map { column in
                PQgetisnull(result, Int32(rowIndex), Int32(column)) == 1
                    ? nil : String(cString: PQgetvalue(result, Int32(rowIndex), Int32(column)))
            })
        }
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}

/// One result row. Values decode by position into types that check the column's type.
public struct Row: Sendable {
    public let columns: [(name: String, typeOID: UInt32)]
    public let values: [String?]

    /// Decodes the value at `index` as `T`, checking the column type and NULL. Errors carry the
    /// caller's `file:line`.
    public func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self,
                                             file: String = #fileID, line: Int = #line) throws -> T {
        guard index < values.count else {
            throw PostgresError(kind: .decoding, message: "column \(index) is out of range (\(values.count) columns)",
                                file: file, line: line)
        }
        let column = columns[index]
        guard T.accepts(typeOID: column.typeOID) else {
            throw PostgresError(kind: .decoding, message: "column \(column.name) has type OID \(column.typeOID), which does not decode into \(T.self)",
                                file: file, line: line)
        }
        do {
            guard let text = values[index] else { return try T.decodeNull() }
            return try T(postgresText: text)
        } catch let error as PostgresError {
            throw error.located(statement: nil, file: file, line: line)
        }
    }

    /// Decodes the whole row into a tuple; the column count must match exactly.
    public func decode<each T: PostgresDecodable>(as types: (repeat each T).Type,
                                                  file: String = #fileID, line: Int = #line) throws -> (repeat each T) {
        var expected = 0
        for _ in repeat (each T).self { expected += 1 }
        guard expected == values.count else {
            throw PostgresError(kind: .decoding, message: "row has \(values.count) columns, expected \(expected)",
                                file: file, line: line)
        }
        var index = 0
        func next<U: PostgresDecodable>(_ type: U.Type) throws -> U {
            defer { index += 1 }
            return try decode(index, as: type, file: file, line: line)
        }
        return (repeat try next((each T).self))
    }
}
