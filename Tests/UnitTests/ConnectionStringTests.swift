import Testing
import TestSupport
@testable import Postgres

/// Connection strings as logs show them: libpq parses them, so every form it accepts keeps its
/// password out of the text, and what is not secret (host, database, user) is still there.
@Suite("connection strings for display")
struct ConnectionStringTests {
    /// One form of connection string: the text of its secrets, and what the display must show.
    struct Form: Sendable, CustomTestStringConvertible {
        var name: String
        var url: String
        var secrets: [String]
        var shown: [String]
        var testDescription: String { name }
    }

    static let forms: [Form] = [
        Form(name: "URI with user:password@", url: "postgresql://etl:Sekr3t-Pa55@db.example:5432/news",
             secrets: ["Sekr3t-Pa55"], shown: ["host=db.example", "port=5432", "dbname=news", "user=etl", "password=***"]),
        Form(name: "postgres:// URI with user:password@", url: "postgres://etl:Sekr3t-Pa55@db.example/news",
             secrets: ["Sekr3t-Pa55"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: "URI with a percent-encoded password", url: "postgresql://etl:Sekr3t%40Pa55@db.example/news",
             secrets: ["Sekr3t", "Pa55"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: "URI with ?password=", url: "postgresql://etl@db.example/news?password=Sekr3t-Pa55",
             secrets: ["Sekr3t-Pa55"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: "URI with ?password= among other parameters, percent-encoded",
             url: "postgresql:///news?host=%2Fvar%2Frun%2Fpg&sslmode=prefer&password=Sekr3t%2DPa55&user=etl&application_name=etl%20job",
             secrets: ["Sekr3t", "Pa55"],
             shown: ["host=/var/run/pg", "dbname=news", "user=etl", "password=***", "sslmode=prefer",
                     "application_name='etl job'"]),
        Form(name: "key=value", url: "host=db.example user=etl password=Sekr3t-Pa55 dbname=news",
             secrets: ["Sekr3t-Pa55"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: "key = value, blanks around =", url: "host = db.example  user= etl password =Sekr3t-Pa55 dbname = news",
             secrets: ["Sekr3t-Pa55"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: "a single-quoted password with blanks", url: "host=db.example password = 'Sekr3t Pa55' user=etl dbname=news",
             secrets: ["Sekr3t", "Pa55"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: #"a quoted password with \' and \\"#, url: #"host=db.example user=etl dbname=news password='it\'s Sekr3t \\ Pa55'"#,
             secrets: ["it's", "Sekr3t", "Pa55", #"\"#], shown: ["host=db.example", "dbname=news", "user=etl", "password=***"]),
        Form(name: "sslpassword", url: "host=db.example user=etl dbname=news sslmode=require sslpassword=Key-Sekr3t",
             secrets: ["Key-Sekr3t"], shown: ["host=db.example", "dbname=news", "user=etl", "sslmode=require", "sslpassword=***"]),
        Form(name: "password and sslpassword in a URI", url: "postgresql://etl:Sekr3t-Pa55@db.example/news?sslpassword=Key-Sekr3t",
             secrets: ["Sekr3t-Pa55", "Key-Sekr3t"], shown: ["host=db.example", "dbname=news", "user=etl", "password=***", "sslpassword=***"]),
    ]

    @Test(arguments: forms)
    func passwordsAreHiddenAndTheRestShown(form: Form) {
        let shown = ConnectionString.redacted(form.url)
        for secret in form.secrets {
            #expect(!shown.contains(secret), "\(secret) in \(shown)")
        }
        for part in form.shown {
            #expect(shown.contains(part), "\(part) not in \(shown)")
        }
    }

    /// The display is itself a key=value string libpq reads back to the same options, the secrets
    /// excepted (they read back as `***`).
    @Test(arguments: forms)
    func theDisplayReadsBackToTheSameOptions(form: Form) throws {
        let original = try #require(ConnectionString.options(of: form.url))
        let shown = try #require(ConnectionString.options(of: ConnectionString.redacted(form.url)))
        #expect(shown.map(\.keyword).sorted() == original.map(\.keyword).sorted())
        for option in shown {
            let value = original.first { $0.keyword == option.keyword }?.value
            #expect(option.value == (option.isSecret ? "***" : value), "\(option.keyword)")
        }
    }

    @Test(arguments: [
        ("postgresql://etl@db.example:5432/news?sslmode=require", "host=db.example port=5432 dbname=news user=etl sslmode=require"),
        ("dbname = news host=/tmp/sock port=5433 user=postgres", "host=/tmp/sock port=5433 dbname=news user=postgres"),
        ("host=db.example dbname='my news'", "host=db.example dbname='my news'"),
        ("news", "dbname=news"),
    ])
    func withoutAPasswordEverythingIsShown(url: String, expected: String) {
        #expect(ConnectionString.redacted(url) == expected)
    }

    /// Where libpq's parse fails, which part is a password cannot be known: nothing is echoed.
    @Test(arguments: [
        "host=db.example user=etl password=Sekr3t Pa55 dbname=news",    // a blank in an unquoted value
        "host=db.example user=etl password='Sekr3t-Pa55 dbname=news",   // an unterminated quote
        "host=db.example user=etl passwrd=Sekr3t-Pa55 dbname=news",     // an unknown keyword
        "postgresql://etl:Sekr3t-Pa55@[::1/news",                         // an unterminated IPv6 host
        "postgresql://etl:Sekr3t%zzPa55@db.example/news",                // a bad percent-encoding
        "postgresql://etl@db.example/news?pasword=Sekr3t-Pa55",          // an unknown query parameter
    ])
    func anUnparseableStringIsNeverEchoed(url: String) {
        let shown = ConnectionString.redacted(url)
        #expect(shown == ConnectionString.unparseable)
        for part in ["Sekr3t", "Pa55", "db.example", "etl", "news"] {
            #expect(!shown.contains(part), "\(part) in \(shown)")
        }
    }

    /// libpq's own message for such a string quotes it; `Connection` refuses it before libpq sees it.
    @Test func aConnectionErrorNeverQuotesAnUnparseableString() {
        let error = #expect(throws: PostgresError.self) {
            _ = try Connection(url: "host=/nonexistent user=etl password=Sekr3t Pa55", logger: TestLog.quiet)
        }
        #expect(error?.kind == .connection)
        #expect(error?.description.contains(ConnectionString.unparseable) == true)
        for part in ["Sekr3t", "Pa55"] {
            #expect(error?.description.contains(part) == false)
            #expect(error?.debugDescription.contains(part) == false)
        }
    }
}
