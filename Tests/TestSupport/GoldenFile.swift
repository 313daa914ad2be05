import Foundation
import Records
import Testing

/// Golden files: what a rule gives compared with what a person wrote down as right. A difference is
/// reported line by line; with `ARTICLE_ETL_UPDATE_GOLDEN=1` the files are written from what the
/// code gives instead (then read the change with `git diff` before committing it).
public enum GoldenFile {
    public static var updating: Bool { ProcessInfo.processInfo.environment["ARTICLE_ETL_UPDATE_GOLDEN"] == "1" }

    /// The golden cases in `folder`: the names of its files ending with `suffix`, without it, sorted.
    public static func cases(in folder: String, suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    /// Records an issue when `actual` differs from the file at `path` (or writes it, updating).
    public static func check(_ actual: String, against path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if updating {
            #expect(throws: Never.self, sourceLocation: sourceLocation) { try actual.write(toFile: path, atomically: true, encoding: .utf8) }
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("\(path) is missing (ARTICLE_ETL_UPDATE_GOLDEN=1 writes it)", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            Issue.record("\((path as NSString).lastPathComponent) differs (- expected, + actual):\n\(diff(expected, actual))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The lines that differ, with their line numbers: `- N: expected` and `+ N: actual`.
    public static func diff(_ expected: String, _ actual: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var lines: [String] = []
        for number in 0..<max(old.count, new.count) {
            let was = number < old.count ? old[number] : nil, now = number < new.count ? new[number] : nil
            guard was != now else { continue }
            if let was { lines.append("- \(number + 1): \(was.debugDescription)") }
            if let now { lines.append("+ \(number + 1): \(now.debugDescription)") }
        }
        return lines.joined(separator: "\n")
    }

    /// A transformed article as its golden file shows it: `title:`, `lang:`, `script:`, `defects:`,
    /// `source:` lines, `---`, then the body.
    public static func render(_ article: ArticleRecord) -> String {
        """
        title: \(article.title)
        lang: \(article.lang)
        script: \(article.script ?? "")
        defects:\(article.defects.isEmpty ? "" : " " + article.defects.joined(separator: " "))
        source: \(article.sourceCode ?? "")
        ---
        \(article.body)

        """
    }
}
