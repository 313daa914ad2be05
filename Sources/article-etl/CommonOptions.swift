import ArgumentParser
import Foundation
import Logging
import Pipeline
import Postgres
import Warehouse

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "PostgreSQL connection URL (default: DATABASE_URL, else libpq's PG* variables and ~/.pgpass).")
    var database: String?

    @Option(name: .long, help: "Configuration file (JSON; see config/article-etl.example.json; default: ARTICLE_ETL_CONFIG).")
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(name: .long, help: "Log format: text or json (default: text on a terminal, json otherwise).")
    var logFormat: String?

    @Option(name: .long, help: "Folder holding the numbered migration files (default: sql/).")
    var sql: String?

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        if let logFormat, logFormat != "text" && logFormat != "json" {
            throw ValidationError("--log-format must be text or json")
        }
    }

    /// Bootstraps logging once per process and returns the root logger.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format = logFormat ?? ProcessInfo.processInfo.environment["ARTICLE_ETL_LOG_FORMAT"]
            ?? (isatty(STDERR_FILENO) == 1 ? "text" : "json")
        LoggingSystem.bootstrap { label in
            if format == "json" {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "article-etl")
        logger.debug("starting", metadata: ["version": "\(Pipeline.programVersion)", "allocator": "\(Allocator.description)"])
        return logger
    }

    /// The configuration file's settings (or defaults), then the environment's overrides.
    func settings() throws -> Settings {
        var settings = Settings()
        let environment = ProcessInfo.processInfo.environment
        if let path = config ?? environment["ARTICLE_ETL_CONFIG"] {
            settings = try Settings.load(path: path)
        }
        try settings.applyEnvironment(environment)
        if let sql { settings.sqlFolder = sql }
        return settings
    }

    /// Connects; the target is logged as libpq reads it, without its password
    /// (`ConnectionString.redacted`). An empty URL is no URL, as for `Connection`.
    func connect(logger: Logger) throws -> Connection {
        let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
        let shown = url.flatMap { $0.isEmpty ? nil : ConnectionString.redacted($0) } ?? "libpq defaults (PG* variables)"
        logger.debug("connecting", metadata: ["database": "\(shown)"])
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
    switch summary.status {
    case .interrupted: return Exit.interrupted
    case .partial: return Exit.partial
    case .ok, .running, .failed, .abandoned: return Exit.success
    }
}
