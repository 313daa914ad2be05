import Postgres

/// The text `article-etl status` prints: the last runs and what they rejected.
public struct StatusReport {
    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    public func lines(lastRuns: Int) throws -> [String] {
        let runs = try connection.query("""
            SELECT run_id, kind, status, to_char(started_at, 'YYYY-MM-DD HH24:MI:SS TZ'),
                   coalesce(to_char(finished_at - started_at, 'HH24:MI:SS'), '-'),
                   files_seen, files_new + files_changed, files_rejected, records_rejected,
                   articles_inserted, articles_updated, articles_unchanged, records_superseded, coalesce(shard, '-')
            FROM etl.runs ORDER BY run_id DESC LIMIT $1
            """, [lastRuns], as: (Int64, String, String, String, String, Int, Int, Int, Int, Int, Int, Int, Int, String).self)
        // The counters as the summary line names them: a reject is counted once, as a file rejected
        // whole or as a record. The shard (K/N, also for --shard auto) comes last, `-` for the whole input.
        var lines = ["run    kind      status       started                   took      files  read  files_rejected  records_rejected  inserted  updated  unchanged  superseded  shard"]
        for r in runs {
            lines.append([pad("\(r.0)", 6), pad(r.1, 9), pad(r.2, 12), pad(r.3, 25), pad(r.4, 9),
                          pad("\(r.5)", 6), pad("\(r.6)", 5), pad("\(r.7)", 15), pad("\(r.8)", 17), pad("\(r.9)", 9),
                          pad("\(r.10)", 8), pad("\(r.11)", 10), pad("\(r.12)", 11), r.13].joined(separator: " "))
        }
        lines.append(contentsOf: try chart())
        if let latest = runs.first?.0 {
            let rejects = try connection.query("""
                SELECT code, count(*)::int FROM etl.rejects WHERE run_id = $1 GROUP BY code ORDER BY 2 DESC, 1
                """, [latest], as: (String, Int).self)
            lines.append(rejects.isEmpty ? "run \(latest): no rejects"
                         : "run \(latest) rejects: " + rejects.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
        }
        return lines
    }

    /// Articles inserted or updated per run over the last 30 runs (oldest first), as bars.
    func chart() throws -> [String] {
        let rows = try connection.query("""
            SELECT run_id, to_char(started_at, 'MM-DD HH24:MI'), kind, status, articles_inserted + articles_updated
            FROM (SELECT * FROM etl.runs ORDER BY run_id DESC LIMIT 30) r ORDER BY run_id
            """, as: (Int64, String, String, String, Int).self)
        guard !rows.isEmpty else { return ["no runs yet"] }
        let most = max(1, rows.map(\.4).max() ?? 1)
        var lines = ["", "articles loaded (inserted + updated) per run, last \(rows.count) runs:"]
        for row in rows {
            let width = Int((Double(row.4) / Double(most) * 40).rounded(.up))
            let mark = row.3 == "ok" ? "" : "  (\(row.3))"
            lines.append("\(pad("\(row.0)", 6)) \(row.1) \(pad(row.2, 8)) \(String(repeating: "█", count: width))\(row.4 > 0 ? " " : "")\(row.4)\(mark)")
        }
        lines.append("")
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
