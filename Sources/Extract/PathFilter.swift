import Glibc

/// Include and exclude globs over paths relative to their input root (`fnmatch` patterns, where
/// `*` also crosses `/`: `*.html` matches at any depth, `2026-11-*/*` a month of day folders).
/// A path is taken when it matches some include (or there are none) and no exclude.
public struct PathFilter: Sendable, Equatable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    public func accepts(_ path: String) -> Bool {
        if !include.isEmpty && !include.contains(where: { matches($0, path) }) { return false }
        return !exclude.contains { matches($0, path) }
    }

    private func matches(_ pattern: String, _ path: String) -> Bool {
        fnmatch(pattern, path, 0) == 0
    }
}
