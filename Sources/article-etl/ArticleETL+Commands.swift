import ArgumentParser
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

    func validate() throws {
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
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
                let applied = try Migrator(folder: settings.sqlFolder, logger: logger).migrate(connection)
                print(applied.isEmpty ? "article-etl: schema is up to date" : "article-etl: applied \(applied.joined(separator: ", "))")
                return Exit.success
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract, transform and load the input roots in one process (the nightly job).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var input: InputOptions

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                var settings = try common.settings()
                input.apply(to: &settings)
                try input.requireInputs(settings)
                let connection = try common.connect(logger: logger)
                let summary = try Pipeline(settings: settings, logger: logger)
                    .run(connection: connection, kind: .nightly, arguments: arguments(settings))
                print(summary.line)
                return exitStatus(for: summary)
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
                let summary = try Pipeline(settings: settings, logger: logger).extract(stageFolder: stage, connection: connection)
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
                    .load(stageFolder: stage, connection: connection, kind: .manual,
                          arguments: ["command": "load", "stage": stage])
                print(summary.line)
                return exitStatus(for: summary)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the last runs and their rejects.")
        @OptionGroup var common: CommonOptions
        @Option(help: "How many runs to show.") var last: Int = 10

        func run() throws {
            let logger = common.makeLogger()
            try runReportingErrors(logger: logger) {
                let connection = try common.connect(logger: logger)
                for line in try StatusReport(connection: connection).lines(lastRuns: last) { print(line) }
                return Exit.success
            }
        }
    }
}

/// The effective arguments recorded in etl.runs (no secrets: the database URL is not recorded).
func arguments(_ settings: Settings) -> [String: String] {
    ["command": "run", "inputs": settings.inputs.joined(separator: ":"), "batchSize": "\(settings.batchSize)",
     "workers": "\(settings.workers)"]
}
