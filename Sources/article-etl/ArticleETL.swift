import ArgumentParser
import Logging
import Pipeline
import Postgres
import Warehouse

@main
struct ArticleETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article-etl",
        abstract: "Turns scraped article files into clean rows in a PostgreSQL warehouse.",
        discussion: """
            Stages: extract (find, read, decode files) → transform (clean articles) → load (upsert into \
            PostgreSQL). `run` chains all three in one process; each stage can also run alone through the \
            stage files in --stage DIR.

            Database: --database URL, else DATABASE_URL, else libpq's PG* variables and ~/.pgpass.

            Exit codes:
              0   success
              1   failure (the failing batch committed nothing; safe to rerun)
              2   partial (some input rejected; see etl.rejects)
              64  usage error
              75  another run holds the lock
              130 interrupted by SIGINT or SIGTERM (the current batch was finished or rolled back)
            """,
        version: Pipeline.programVersion,
        subcommands: [Migrate.self, Run.self, Backfill.self, Extract.self, Transform.self, Load.self, Status.self]
    )
}

/// Documented exit codes.
enum Exit {
    static let success = ExitCode(0)
    static let failure = ExitCode(1)
    static let partial = ExitCode(2)
    static let usage = ExitCode(64)
    static let locked = ExitCode(75)
    static let interrupted = ExitCode(130)
}
