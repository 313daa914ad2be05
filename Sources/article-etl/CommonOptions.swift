import ArgumentParser
import Foundation
import Logging
import Pipeline
import Postgres
import Warehouse

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "PostgreSQL connection URL (default: DATABASE_URL, else libpq's PG* variables).")
    var database: String?

    @Option(name: .long, help: "Configuration file (JSON; see config/article-etl.example.json).")
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(name: .long, help: "Folder holding the numbered migration files (default: sql/).")
    var sql: String?

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Bootstraps logging once per process and returns the root logger.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "article-etl")
    }

    /// The configuration file's settings (or defaults), before flags.
    func settings() throws -> Settings {
        var settings = Settings()
        if let path = config ?? ProcessInfo.processInfo.environment["ARTICLE_ETL_CONFIG"] {
            settings = try Settings.load(path: path)
        }
        if let sql { settings.sqlFolder = sql }
        return settings
    }

    /// Connects; the target is logged without its password.
    func connect(logger: Logger) throws -> Connection {
        let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
        logger.debug("connecting", metadata: ["database": "\(url.map(ConnectionString.redacted) ?? "libpq defaults (PG* variables)")"])
        return try Connection(url: url, logger: logger)
    }
}

/// Runs a command body and maps errors to the documented exit codes; the error goes to stderr as
/// one line (a run's failure is also logged, with its run id, by the pipeline).
func runReportingErrors(logger: Logger, _ body: () throws -> ExitCode) throws {
    let code: ExitCode
    do {
        code = try body()
    } catch let error as RunLedger.LockHeld {
        printError("article-etl: \(error)")
        throw Exit.locked
    } catch let error as Settings.ConfigError {
        printError("article-etl: \(error)")
        throw Exit.usage
    } catch {
        printError("article-etl: error: \(error)")
        throw Exit.failure
    }
    if code != Exit.success { throw code }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The exit code a finished run earns.
func exitStatus(for summary: RunSummary) -> ExitCode {
    summary.status == "partial" ? Exit.partial : Exit.success
}
