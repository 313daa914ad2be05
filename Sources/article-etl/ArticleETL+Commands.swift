import ArgumentParser
import Extract
import Foundation
import Logging
import Pipeline
import Postgres
import Warehouse

/// Options of the commands that read input roots.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input"), help: "An input root (repeatable); replaces the configured roots.")
    var inputs: [String] = []

    @Option(name: .long, help: "Files per batch (one transaction each).")
    var batchSize: Int?

    @Option(name: .long, help: "Threads for extract and transform.")
    var workers: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Take only shard K of N of the input files (by a stable hash of the path), e.g. 1/4; auto: the shard a Kubernetes Indexed Job or a Slurm job array gives.",
        discussion: "auto reads JOB_COMPLETION_INDEX (0-based) and ARTICLE_ETL_SHARD_COUNT (set by the manifest to the Job's completions), or SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN; both at once, neither, or values that disagree are a usage error (64).",
        valueName: "K/N|auto"))
    var shard: String?

    func validate() throws {
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        do {
            _ = try resolvedShard()
        } catch let error as FileSelection.Shard.EnvironmentError {
            throw ValidationError("--shard auto: \(error)")
        }
    }

    /// The shard the run takes: `--shard K/N`, or for `--shard auto` the one the job engine's
    /// variables give (`FileSelection.Shard.fromEnvironment`); nil for the whole input.
    func resolvedShard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FileSelection.Shard? {
        guard let shard else { return nil }
        if shard == "auto" { return try FileSelection.Shard.fromEnvironment(environment) }
        guard let parsed = FileSelection.Shard(shard) else { throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/4, or auto") }
        return parsed
    }

    func apply(to settings: inout Settings) {
        if !inputs.isEmpty { settings.inputs = inputs }
        if let batchSize { settings.batchSize = batchSize }
        if let workers { settings.workers = workers }
    }

    func requireInputs(_ settings: Settings) throws {
        guard !settings.inputs.isEmpty else {
            throw Settings.ConfigError(path: "--input", message: "no input roots: pass --input DIR or set inputs in the configuration")
        }
    }

    /// The files the run takes; with `--shard auto` the resolved K/N, which is also what
    /// `shardArguments` records in etl.runs (validate() has already refused a shard it cannot resolve).
    func selection() throws -> FileSelection { FileSelection(shard: try resolvedShard()) }

    /// The shard as the run's recorded arguments hold it: the resolved K/N (and, for auto, that it was auto).
    func shardArguments(_ selection: FileSelection) -> [String: String] {
        guard let resolved = selection.shard else { return [:] }
        return shard == "auto" ? ["shard": resolved.description, "shardFrom": "auto"] : ["shard": resolved.description]
    }
}

/// The effective arguments recorded in etl.runs (no secrets: the database URL is not recorded).
func arguments(_ command: String, _ settings: Settings, _ extra: [String: String] = [:]) -> [String: String] {
    var values = ["command": command, "inputs": settings.inputs.joined(separator: ":"),
                  "batchSize": "\(settings.batchSize)", "workers": "\(settings.workers)"]
    values.merge(extra) { _, new in new }
    return values
}

/// The body of `run` and `backfill`: settings, connection, the pipeline, the summary line.
func runPipeline(common: CommonOptions, input: InputOptions,
                 options makeOptions: (Settings) throws -> RunOptions) throws {
    let logger = common.makeLogger()
    try runReportingErrors(logger: logger) {
        var settings = try common.settings()
        input.apply(to: &settings)
        try input.requireInputs(settings)
        let connection = try common.connect(logger: logger)
        let summary = try Pipeline(settings: settings, logger: logger)
            .run(connection: connection, options: try makeOptions(settings),
                 cancellation: cancellationOnSignals(logger: logger), progress: { Progress(totalFiles: $0) })
        print(summary.line)
        return exitStatus(for: summary)
    }
}

/// SIGINT and SIGTERM stop a run between batches.
func cancellationOnSignals(logger: Logger) -> Cancellation {
    let cancellation = Cancellation()
    cancellation.installSignalHandlers { signal in
        logger.warning("signal received: finishing the current batch, taking no new files; a second signal stops at once",
                       metadata: ["signal": "\(signal)"])
    }
    return cancellation
}

extension ArticleETL {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending sql/ migrations.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                let settings = try common.settings()
                let connection = try common.connect(logger: logger)
                let applied = try Pipeline.migrate(connection, sqlFolder: settings.sqlFolder, logger: logger)
                print(applied.isEmpty ? "article-etl: schema is up to date" : "article-etl: applied \(applied.joined(separator: ", "))")
                return Exit.success
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract, transform and load what is new or changed under the input roots (the nightly job).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var input: InputOptions

        func run() throws {
            try runPipeline(common: common, input: input) { settings in
                let selection = try input.selection()
                return RunOptions(kind: .nightly, selection: selection,
                                  arguments: arguments("run", settings, input.shardArguments(selection)))
            }
        }
    }

    struct Backfill: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a range of days, a folder, or re-transform stored articles (resumable; --dry-run writes nothing).",
            discussion: """
                Files are chosen by the scraper's day folders (YYYY-MM-DD) between --from and --to; a file \
                outside any day folder is kept when one of its articles was published in the range. \
                Committed batches are in the file ledger, so a killed backfill, restarted with the same \
                arguments, goes on where it stopped. An older copy never overwrites a newer article.
                """)
        @OptionGroup var common: CommonOptions
        @OptionGroup var input: InputOptions

        @Option(help: "First day (YYYY-MM-DD), inclusive.") var from: String?
        @Option(help: "Last day (YYYY-MM-DD), inclusive.") var to: String?
        @Option(help: "Only files under this folder, relative to the input root.") var path: String?
        @Option(help: "Read again files the ledger holds unchanged: outdated (transformed by an older transform version) or all.")
        var reprocess: String?
        @Flag(help: "Read and transform, report what would change, write nothing.") var dryRun = false

        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, !FileSelection.isDay(value) { throw ValidationError("\(name) must be a day, YYYY-MM-DD") }
            }
            if let from, let to, from > to { throw ValidationError("--from must not be after --to") }
            if let reprocess, RunOptions.Reprocess(rawValue: reprocess) == nil {
                throw ValidationError("--reprocess must be outdated or all")
            }
        }

        func run() throws {
            try runPipeline(common: common, input: input) { settings in
                var selection = try input.selection()
                selection.fromDay = from
                selection.toDay = to
                selection.subpath = path.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
                var extra = input.shardArguments(selection)
                extra["from"] = from
                extra["to"] = to
                extra["path"] = path
                extra["reprocess"] = reprocess
                if dryRun { extra["dryRun"] = "true" }
                return RunOptions(kind: .backfill, selection: selection,
                                  reprocess: reprocess.flatMap(RunOptions.Reprocess.init(rawValue:)),
                                  dryRun: dryRun, arguments: arguments("backfill", settings, extra))
            }
        }
    }

    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read new or changed input files into <stage>/extract.jsonl.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var input: InputOptions
        @Option(help: "Folder for the stage files.") var stage: String
        @Flag(help: "Read every file; do not consult the file ledger in the database.") var noLedger = false

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                var settings = try common.settings()
                input.apply(to: &settings)
                try input.requireInputs(settings)
                let connection = noLedger ? nil : try common.connect(logger: logger)
                let summary = try Pipeline(settings: settings, logger: logger)
                    .extract(stageFolder: stage, connection: connection, selection: try input.selection())
                print("article-etl extract files_seen=\(summary.filesSeen) files_unchanged=\(summary.filesUnchanged) output=\(stage)/\(Pipeline.extractFile)")
                return Exit.success
            }
        }
    }

    struct Transform: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn <stage>/extract.jsonl into clean articles in <stage>/transform.jsonl.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Folder for the stage files.") var stage: String

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                try Pipeline(settings: try common.settings(), logger: logger).transform(stageFolder: stage)
                print("article-etl transform output=\(stage)/\(Pipeline.transformFile)")
                return Exit.success
            }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load <stage>/transform.jsonl into the warehouse.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Folder for the stage files.") var stage: String
        @Option(help: "Files per batch (one transaction each).") var batchSize: Int?

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                var settings = try common.settings()
                if let batchSize { settings.batchSize = max(1, batchSize) }
                let connection = try common.connect(logger: logger)
                let summary = try Pipeline(settings: settings, logger: logger)
                    .load(stageFolder: stage, connection: connection,
                          options: RunOptions(kind: .manual, arguments: ["command": "load", "stage": stage]),
                          cancellation: cancellationOnSignals(logger: logger))
                print(summary.line)
                return exitStatus(for: summary)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the last runs, rejects by code, what is pending, and articles loaded per night.")
        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("input"), help: "An input root to count pending files in (default: the configured roots).")
        var inputs: [String] = []
        @Option(help: "How many runs to list.") var last: Int = 10

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                var settings = try common.settings()
                if !inputs.isEmpty { settings.inputs = inputs }
                let connection = try common.connect(logger: logger)
                var lines = try StatusReport(connection: connection).lines(lastRuns: last)
                if !settings.inputs.isEmpty {
                    let pending = try Pipeline(settings: settings, logger: logger).pending(connection: connection)
                    lines.append("pending: \(pending.new) new and \(pending.changed) changed files of \(pending.seen) under \(settings.inputs.joined(separator: ", "))")
                }
                for line in lines { print(line) }
                return Exit.success
            }
        }
    }
}
