import CLibPQ

extension Connection {
    /// COPYs `rows` into their table (`CopyRow`): the statement's column list and each row's fields
    /// come from the row type's one declaration of its columns. Rows are encoded into a buffer sent
    /// every 256 KB, as they come (a lazy sequence is never held whole). If encoding a row throws,
    /// the COPY is aborted with `PQputCopyEnd(conn, message)`, nothing is stored, and the error is
    /// rethrown. Returns the number of rows the server stored.
    @discardableResult
    public func copy<Rows: Sequence>(_ rows: Rows, file: String = #fileID, line: Int = #line) throws -> Int
    where Rows.Element: CopyRow {
        let statement = Rows.Element.copyStatement
        let columns = Rows.Element.columns
        let start = PQexec(handle, statement.sql)
        let status = start.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COPY_IN else {
            defer { PQclear(start) }
            if status == PGRES_FATAL_ERROR {
                throw PostgresError(result: start, connection: handle, kind: .server, statement: statement.description,
                                    file: file, line: line)
            }
            throw PostgresError(kind: .usage, message: "statement did not start a COPY FROM STDIN",
                                statement: statement.description, file: file, line: line)
        }
        PQclear(start)
        var writer = CopyWriter(connection: handle, format: Rows.Element.copyFormat)
        do {
            for row in rows { try writer.write(row, columns: columns) }
            try writer.finish()
        } catch {
            let message = "aborted by article-etl: \(error)"
            _ = PQputCopyEnd(handle, message)
            drainResults()
            if let error = error as? PostgresError {
                throw error.located(statement: statement.description, file: file, line: line)
            }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let error = PostgresError(connection: handle, kind: .copy, prefix: "COPY could not be ended",
                                      statement: statement.description, file: file, line: line)
            drainResults()
            throw error
        }
        var stored = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                stored = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = PostgresError(result: result, connection: handle, kind: .copy, statement: statement.description,
                                        file: file, line: line)
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
