import Foundation
import Logging

/// Loggers for tests: never bootstrap the logging system in tests.
public enum TestLog {
    public static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A logger whose messages land in the returned handler.
    public static func capturing() -> (Logger, CapturingLogHandler) {
        let handler = CapturingLogHandler()
        return (Logger(label: "test", factory: { _ in handler }), handler)
    }
}

/// A log handler that keeps what it is given, to assert on log output.
public final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(level: Logger.Level, message: String)] = []
    public init() {}
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public var messages: [(level: Logger.Level, message: String)] { lock.withLock { stored } }

    public func log(event: LogEvent) {
        lock.withLock { stored.append((event.level, event.message.description)) }
    }
}
