import Extract
import Warehouse

/// What one run does: its kind, which files it takes, whether it re-transforms stored articles,
/// whether it writes at all.
public struct RunOptions: Sendable {
    /// `backfill --reprocess`: read again files the ledger holds unchanged.
    public enum Reprocess: String, Sendable, CaseIterable {
        /// Files last transformed by an older transform version.
        case outdated
        /// Every file.
        case all
    }

    public var kind: RunLedger.Kind
    public var selection: FileSelection
    public var reprocess: Reprocess?
    /// Read and transform, report what would change, write nothing.
    public var dryRun: Bool
    /// Recorded in `etl.runs.arguments` (no secrets).
    public var arguments: [String: String]

    public init(kind: RunLedger.Kind = .nightly, selection: FileSelection = FileSelection(), reprocess: Reprocess? = nil,
                dryRun: Bool = false, arguments: [String: String] = [:]) {
        self.kind = kind
        self.selection = selection
        self.reprocess = reprocess
        self.dryRun = dryRun
        self.arguments = arguments
    }
}
