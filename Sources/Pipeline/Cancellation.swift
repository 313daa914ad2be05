import Dispatch
import Foundation
import Synchronization

/// Set when SIGINT or SIGTERM arrives: the run takes no new files, finishes (or rolls back) the
/// batch in progress, records itself as interrupted and exits non-zero. A second signal ends the
/// process at once; the server then rolls back the open transaction.
public final class Cancellation: @unchecked Sendable {
    private let flag = Atomic<Int32>(0)
    /// Kept alive for the life of the process; written once, from the main thread.
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public var isCancelled: Bool { flag.load(ordering: .acquiring) != 0 }

    /// The signal that cancelled the run, or 0.
    public var signal: Int32 { flag.load(ordering: .acquiring) }

    public func cancel(signal: Int32 = SIGTERM) {
        _ = flag.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing)
    }

    /// Routes SIGINT and SIGTERM here instead of killing the process.
    public func installSignalHandlers(onFirst: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                if isCancelled { _exit(128 + number) }   // no atexit handlers: other threads may be mid-work
                cancel(signal: number)
                onFirst(number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
