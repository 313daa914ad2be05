import Extract
import Foundation
import Logging
import Postgres
import Records
import Transform
import Warehouse

/// Runs the stages: all three in one process (`run`), or each alone through stage files in a
/// folder (`extract`, `transform`, `load`).
public struct Pipeline {
    public static let programVersion = "0.1.0"
    public static let extractFile = "extract.jsonl"
    public static let transformFile = "transform.jsonl"

    public let settings: Settings
    public let logger: Logger
    let stages: Stages

    public init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        stages = Stages(settings: settings)
    }

    // MARK: - run: extract → transform → load in one process

    /// Reads the input roots, loads what is new or changed, and returns the run's summary. Extract
    /// and transform run on a producer thread (on `settings.workers` threads, file by file) up to
    /// `queuedBatches` batches (`queuedBytes`) ahead of the load, so both cores stay busy; memory
    /// stays bounded.
    /// Files holding older copies of a newer record or stored article (`OlderCopies`: JSON records
    /// by their URL, saved pages by their canonical link) come last, newest first, and their older
    /// copies are recorded without a transform.
    public func run(connection: Connection, options: RunOptions = RunOptions(),
                    cancellation: Cancellation = Cancellation(), progress: ((Int) -> Progress?)? = nil) throws -> RunSummary {
        try withRun(connection: connection, options: options, cancellation: cancellation) { runID, loader in
            // Everything the producer needs from the database, fetched before it starts.
            var plans: [RootPlan] = []
            for root in settings.inputs {
                let listing = stages.list(root: root)
                let files = listing.files.filter { options.selection.accepts($0.path) }
                var ledger = try FileLedger.entries(root: listing.root, connection: connection)
                switch options.reprocess {
                case .all?: ledger = [:]
                case .outdated?:
                    for path in try FileLedger.outdated(root: listing.root, below: ArticleTransformer.version,
                                                        connection: connection) {
                        ledger[path] = nil
                    }
                case nil: break
                }
                logger.info("reading input", metadata: ["input.root": "\(listing.root)", "files": "\(files.count)",
                                                        "ledger.files": "\(ledger.count)"])
                plans.append(RootPlan(problems: listing.problems, files: files, ledger: ledger))
            }
            let bar = progress?(plans.reduce(0) { $0 + $1.files.count })
            defer { bar?.finish() }
            for plan in plans where !plan.problems.isEmpty {
                logRejects(plan.problems, runID: runID)
                _ = try loader.load(LoadBatch(rejects: plan.problems), runID: runID)
            }
            let older = try OlderCopies.takeOut(of: &plans, selection: options.selection, stages: stages,
                                                connection: connection)
            if older.count > 0 {
                logger.info("older copies put off to the end of the run", metadata: ["files": "\(older.count)"])
            }

            try loadBatches(connection: connection, runID: runID, loader: loader, cancellation: cancellation, bar: bar) { [stages, settings, plans] queue in
                for plan in plans {
                    guard try Self.produce(plan.files, of: plan, stages: stages, settings: settings, selection: options.selection,
                                       cancellation: cancellation, into: queue) else { return }
                }
            }
            guard older.count > 0, !cancellation.isCancelled else { return }

            // The files with older copies, once everything else is loaded, newest first: records with
            // a newer copy stored or put off are recorded untransformed, the rest go through as any.
            let decisions = try older.decisions(connection: connection)
            let superseded = Tally()
            try loadBatches(connection: connection, runID: runID, loader: loader, cancellation: cancellation, bar: bar) { [stages, settings, plans] queue in
                for (plan, copies) in zip(plans, older.deferred) {
                    guard try Self.produce(copies.picking(copies.indices.reversed()), of: plan, stages: stages, settings: settings,
                                       selection: options.selection, cancellation: cancellation, into: queue,
                                       olderCopies: decisions, superseded: superseded) else { return }
                }
            }
            logger.info("older copies recorded without transforming them", metadata: ["records": "\(superseded.value)",
                                                                                       "files": "\(older.count)"])
        }
    }

    /// One input root: what its listing rejected, the files this run takes, and the ledger to
    /// compare them with. (Not the whole listing: held for the run, it would be a second copy of
    /// the file list.)
    struct RootPlan: Sendable {
        var problems: [RejectRecord]
        var files: FileList
        var ledger: [String: LedgerEntry]
    }
}
