import Foundation
import Glibc

/// A one-line progress bar with counts, rate and ETA, redrawn on stderr when it is a terminal.
public final class Progress: @unchecked Sendable {
    private let total: Int
    private let start = Date()
    private var done = 0
    private var articles = 0
    private let lock = NSLock()
    private let enabled: Bool

    public init(totalFiles: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        total = totalFiles
        self.enabled = enabled
    }

    public func advance(files: Int, articles: Int) {
        lock.withLock {
            done += files
            self.articles += articles
            guard enabled else { return }
            FileHandle.standardError.write(Data(("\r" + line() + "\u{1B}[K").utf8))
        }
    }

    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    func line() -> String {
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let rate = Double(done) / elapsed
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        return String(format: "%@ %d/%d files  %d articles  %.1f files/s  ETA %@", bar, done, total, articles, rate,
                      Self.duration(remaining))
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60) }
        if total >= 60 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return "\(total)s"
    }
}
