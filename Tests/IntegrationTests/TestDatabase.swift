import Foundation
import Logging
import Postgres
import TestSupport

/// The test server comes from `ARTICLE_ETL_TEST_DATABASE_URL`, which `scripts/test` sets after
/// starting a throwaway PostgreSQL. Without it, database tests fail with a message saying so.
enum TestDatabase {
    static let variable = "ARTICLE_ETL_TEST_DATABASE_URL"

    static func requireURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw MissingServer()
        }
        return url
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "\(TestDatabase.variable) is not set: run the tests through scripts/test, which starts a throwaway PostgreSQL"
        }
    }

    /// A connection to the shared test database (for tests that only use temporary tables).
    static func connect(logger: Logger = TestLog.quiet) throws -> Connection {
        try Connection(url: try requireURL(), logger: logger)
    }

    /// A new, empty database for one test, dropped when `body` returns, so tests run in parallel.
    static func withFreshDatabase<R>(_ body: (_ name: String, _ connection: Connection) throws -> R) throws -> R {
        let admin = try connect()
        let name = "etl_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try admin.execute("CREATE DATABASE \(name)")
        defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        return try body(name, try connect(database: name))
    }

    /// Another connection to the database `name` of the test server.
    static func connect(database name: String) throws -> Connection {
        try Connection(url: try requireURL(), overrides: ["dbname": name], logger: TestLog.quiet)
    }
}
