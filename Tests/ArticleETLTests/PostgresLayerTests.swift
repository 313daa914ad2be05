import Logging
import Postgres
import Testing

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

    @Test func copyStoresCJKAndEscapedCharacters() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_copy (id int, body text, note text)")
        let bodies = ["工程师\t扎克伯格", "line one\nline two\r\nthree", "C:\\path\\to\\file \\N not null", "末尾\\", "😀"]
        let stored = try db.copyFrom("COPY t_copy (id, body, note) FROM STDIN") { writer in
            for (index, body) in bodies.enumerated() {
                try writer.writeRow([index, body, index == 0 ? nil : "n\(index)"] as [any PostgresEncodable])
            }
        }
        #expect(stored == bodies.count)
        let rows = try db.query("SELECT id, body, note FROM t_copy ORDER BY id", as: (Int, String, String?).self)
        #expect(rows.map(\.1) == bodies)
        #expect(rows[0].2 == nil)
        #expect(rows[1].2 == "n1")
    }

    @Test func copyAbortedByTheCallerLeavesNothing() throws {
        struct Stop: Error {}
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_abort (v text)")
        #expect(throws: Stop.self) {
            try db.copyFrom("COPY t_abort (v) FROM STDIN") { writer in
                for index in 0..<5000 { try writer.writeRow(["row \(index) 数据"]) }   // past one flush
                throw Stop()
            }
        }
        #expect(try db.query("SELECT count(*)::int FROM t_abort", as: Int.self) == [0])
        // The connection left COPY state and works.
        try db.copyFrom("COPY t_abort (v) FROM STDIN") { writer in try writer.writeRow(["ok"]) }
        #expect(try db.query("SELECT v FROM t_abort", as: String.self) == ["ok"])
    }

    @Test func nulCharactersAreRefusedBeforeReachingTheServer() throws {
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_nul (v text)")
        let copyError = #expect(throws: PostgresError.self) {
            try db.copyFrom("COPY t_nul (v) FROM STDIN") { writer in
                try writer.writeRow(["fine"])
                try writer.writeRow(["bad\u{0}value"])
            }
        }
        #expect(copyError?.kind == .invalidValue)
        let parameterError = #expect(throws: PostgresError.self) {
            try db.execute("INSERT INTO t_nul VALUES ($1)", ["bad\u{0}value"])
        }
        #expect(parameterError?.kind == .invalidValue)
        #expect(try db.query("SELECT count(*)::int FROM t_nul", as: Int.self) == [0])
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
