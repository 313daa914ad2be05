import Foundation

/// Where the project's own files (`config/…`, `sql/`) are found: in the working directory when it
/// holds them (a deployed checkout run from its root, as `scripts/nightly` does), else in the
/// source tree this binary was built from.
public enum ProjectFiles {
    /// `relative` (e.g. `config/entities.json`) in the working directory if present, else in the
    /// source tree.
    public static func path(_ relative: String) -> String {
        if FileManager.default.fileExists(atPath: relative) { return relative }
        return sourceTree.appendingPathComponent(relative).path
    }

    /// The checkout this binary was built from (Sources/Records/ProjectFiles.swift → root).
    static let sourceTree: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()
}
