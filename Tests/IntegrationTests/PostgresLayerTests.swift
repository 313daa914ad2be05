import Logging
import Postgres
import Testing
import TestSupport

@Suite("libpq layer against a real PostgreSQL")
struct PostgresLayerTests {
    @Test func parametersCarryNullAndCJKText() throws {
        let db = try TestDatabase.connect()
        let rows = try db.query("SELECT $1::text, $2::text, $3::int8, length($1::text)",
                                ["工程师 Ünïcode 😀", String?.none, 42], as: (String, String?, Int64, Int).self)
        #expect(rows.count == 1)
        #expect(rows[0].0 == "工程师 Ünïcode 😀")
        #expect(rows[0].1 == nil)
        #expect(rows[0].2 == 42)
        #expect(rows[0].3 == 13)   // characters, not bytes: the server got UTF-8 intact
    }

    /// A sibling is a session of its own, on the database this one reached (here through an
    /// override of the URL's), as the same role, under its own application name.
    @Test func aSiblingSessionReachesTheSameDatabaseAsTheSameRole() throws {
        try TestDatabase.withFreshDatabase { name, db in
            try db.execute("SET work_mem = '7MB'")
            let sibling = try db.sibling(applicationName: "etl sibling test")
            let statement = """
                SELECT current_database()::text, current_user::text, pg_backend_pid()::int8,
                       current_setting('application_name'), current_setting('work_mem')
                """
            let mine = try #require(try db.query(statement, as: (String, String, Int64, String, String).self).first)
            let theirs = try #require(try sibling.query(statement, as: (String, String, Int64, String, String).self).first)
            #expect(mine.0 == name && theirs.0 == name)
            #expect(theirs.1 == mine.1)
            #expect(theirs.2 != mine.2)
            #expect(theirs.3 == "etl sibling test" && mine.3 == "article-etl")
            #expect(mine.4 == "7MB" && theirs.4 != "7MB")
        }
    }

    @Test func uniqueViolationCarriesSQLSTATEAndConstraint() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_unique (k text CONSTRAINT t_unique_k UNIQUE)")
        try db.execute("INSERT INTO t_unique VALUES ($1)", ["a"])
        let error = #expect(throws: PostgresError.self) {
            try db.execute("INSERT INTO t_unique VALUES ($1)", ["a"])
        }
        #expect(error?.code == .uniqueViolation)
        #expect(error?.constraint == "t_unique_k")
        #expect(error?.kind == .server)
        #expect(error?.description.contains("23505") == true)
        // The connection is still usable after a failed statement.
        #expect(try db.query("SELECT count(*)::int FROM t_unique", as: Int.self) == [1])
    }

    @Test func decodingChecksTypesNullsAndColumnCount() throws {
        let db = try TestDatabase.connect()
        #expect(throws: PostgresError.self) { try db.query("SELECT 'x'::text", as: Int.self) }
        #expect(throws: PostgresError.self) { try db.query("SELECT NULL::text", as: String.self) }
        #expect(throws: PostgresError.self) { try db.query("SELECT 1::int, 2::int", as: Int.self) }
        #expect(throws: PostgresError.self) { try db.query("SELECT 1::int", as: (Int, Int).self) }
        let nulls: [Int?] = try db.query("SELECT NULL::int", as: Int?.self)
        #expect(nulls.count == 1 && nulls[0] == nil)
        #expect(try db.query("SELECT true", as: Bool.self) == [true])
    }

    @Test func textArraysRoundTrip() throws {
        let db = try TestDatabase.connect()
        let values = ["plain", "with \"quote\"", "back\\slash", "逗号,和{括号}", "", "NULL"]
        let rows = try db.query("SELECT $1::text[], cardinality($1::text[])", [values], as: ([String], Int).self)
        #expect(rows[0].0 == values)
        #expect(rows[0].1 == values.count)
    }

    /// A row of `t_copy`: its columns declared once, for the COPY and the table alike.
    struct CopiedRow: CopyRow {
        var id: Int
        var body: Substring
        var note: String?
        static let table = "t_copy"
        static let columns: [CopyColumn<CopiedRow>] = [
            CopyColumn("id", "int NOT NULL") { $0.id },
            CopyColumn("body", "text NOT NULL") { $0.body },
            CopyColumn("note", "text") { $0.note },
        ]
    }

    @Test func copyStoresCJKAndEscapedCharacters() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_copy (\(CopiedRow.columnDefinitions))")
        let bodies = ["工程师\t扎克伯格", "line one\nline two\r\nthree", "C:\\path\\to\\file \\N not null", "末尾\\", "😀"]
        // Substrings are sent from their own bytes: here the middle of a longer text.
        let stored = try db.copy(bodies.indices.lazy.map { index in
            let padded = "<<" + bodies[index] + ">>"
            return CopiedRow(id: index, body: padded.dropFirst(2).dropLast(2), note: index == 0 ? nil : "n\(index)")
        })
        #expect(stored == bodies.count)
        let rows = try db.query("SELECT id, body, note FROM t_copy ORDER BY id", as: (Int, String, String?).self)
        #expect(rows.map(\.1) == bodies)
        #expect(rows[0].2 == nil)
        #expect(rows[1].2 == "n1")
    }

    struct Line: CopyRow {
        var value: String
        static let table = "t_lines"
        static let columns: [CopyColumn<Line>] = [CopyColumn("v", "text") { $0.value }]
    }

    /// A row that cannot be sent (a NUL) after more than one flush of rows: the COPY is aborted
    /// and none of them is stored.
    @Test func copyAbortedMidwayLeavesNothing() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_lines (v text)")
        let text = String(repeating: "数据", count: 20)
        #expect(throws: PostgresError.self) {
            try db.copy((0...5000).lazy.map { Line(value: $0 == 5000 ? "bad\u{0}" : "row \($0) \(text)") })
        }
        #expect(try db.query("SELECT count(*)::int FROM t_lines", as: Int.self) == [0])
        // The connection left COPY state and works.
        try db.copy([Line(value: "ok")])
        #expect(try db.query("SELECT v FROM t_lines", as: String.self) == ["ok"])
    }

    @Test func nulCharactersAreRefusedBeforeReachingTheServer() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_lines (v text)")
        let copyError = #expect(throws: PostgresError.self) {
            try db.copy([Line(value: "fine"), Line(value: "bad\u{0}value")])
        }
        #expect(copyError?.kind == .invalidValue)
        #expect(copyError?.statement == "COPY t_lines")
        #expect(copyError?.file == #fileID)
        let parameterError = #expect(throws: PostgresError.self) {
            try db.execute("INSERT INTO t_lines VALUES ($1)", ["bad\u{0}value"])
        }
        #expect(parameterError?.kind == .invalidValue)
        #expect(try db.query("SELECT count(*)::int FROM t_lines", as: Int.self) == [0])
    }

    /// A server error names the statement that failed and the line that asked for it, not a line
    /// of the libpq layer.
    @Test func serverErrorsNameTheStatementAndTheCallersLine() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_named (k int PRIMARY KEY)")
        let insert = Statement("insert a key", "INSERT INTO t_named VALUES ($1)")
        try db.execute(insert, [1])
        // Not inside #expect's closure: a macro's expansion has the macro's own line.
        var error: PostgresError?
        let line = #line + 1
        do { try db.execute(insert, [1]) } catch let thrown as PostgresError { error = thrown }
        #expect(error?.code == .uniqueViolation)
        #expect(error?.statement == "insert a key")
        #expect(error?.file == #fileID)
        #expect(error?.line == line)
        #expect(error?.description.contains("insert a key") == true)
        #expect(error?.debugDescription.contains("at \(#fileID):\(line)") == true)
        // Through a query, a COPY and a decoding failure alike; a statement without a name by its text.
        let queryLine = #line + 1
        let decoding = #expect(throws: PostgresError.self) { try db.query("SELECT 'x'::text", as: Int.self) }
        #expect(decoding?.kind == .decoding && decoding?.statement == "SELECT 'x'::text")
        #expect(decoding?.file == #fileID && decoding?.line == queryLine)
        let copyLine = #line + 1
        let copy = #expect(throws: PostgresError.self) { try db.copy([Line(value: "x")]) }   // no table t_lines here
        #expect(copy?.code == .undefinedTable && copy?.statement == "COPY t_lines")
        #expect(copy?.file == #fileID && copy?.line == copyLine)
    }

    @Test func transactionsRollBackWhenTheBodyThrows() throws {
        struct Stop: Error {}
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_tx (v int)")
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute("INSERT INTO t_tx VALUES (1)")
                throw Stop()
            }
        }
        _ = try db.transaction { try db.execute("INSERT INTO t_tx VALUES (2)") }
        #expect(try db.query("SELECT v FROM t_tx", as: Int.self) == [2])
    }

    /// A dry run's transaction rolls back what its body did, and inside it each nested
    /// transaction is a savepoint that commits into it or rolls back alone.
    @Test func aTransactionEndingInARollBackKeepsNothing() throws {
        struct Stop: Error {}
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_dry (v int)")
        let seen = try db.transaction(ending: .rollBack) { () throws -> [Int] in
            _ = try db.transaction { try db.execute("INSERT INTO t_dry VALUES (1)") }
            #expect(throws: Stop.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t_dry VALUES (2)")
                    throw Stop()
                }
            }
            #expect(db.inTransaction)
            return try db.query("SELECT v FROM t_dry ORDER BY v", as: Int.self)
        }
        #expect(seen == [1])
        #expect(!db.inTransaction)
        #expect(try db.query("SELECT count(*)::int FROM t_dry", as: Int.self) == [0])
    }

    @Test func serverNoticesGoToTheLogger() throws {
        let (logger, handler) = TestLog.capturing()
        let db = try TestDatabase.connect(logger: logger)
        try db.execute("DO $$ BEGIN RAISE WARNING 'careful: 注意'; END $$")
        #expect(handler.messages.contains { $0.level == .warning && $0.message.contains("careful: 注意") })
    }

    @Test func connectionErrorsNeverShowThePassword() throws {
        let url = try TestDatabase.requireURL()
        let error = #expect(throws: PostgresError.self) {
            _ = try Connection(url: url, overrides: ["dbname": "no_such_database_x", "password": "s3cret-pw"],
                               logger: TestLog.quiet)
        }
        #expect(error?.kind == .connection)
        #expect(error?.description.contains("s3cret-pw") == false)
        #expect(error?.debugDescription.contains("s3cret-pw") == false)
    }
}
