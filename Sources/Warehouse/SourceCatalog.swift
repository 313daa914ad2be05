import Postgres
import Records

/// Keeps `news.sources` in step with the configured sources: inserts new codes, updates changed
/// names and home pages, rewrites nothing that is already the same. Never deletes (articles refer
/// to sources).
public enum SourceCatalog {
    @discardableResult
    public static func seed(_ sources: [Source], connection: Connection) throws -> Int {
        guard !sources.isEmpty else { return 0 }
        let result = try connection.execute("""
            INSERT INTO news.sources AS s (code, name, homepage)
            SELECT code, name, nullif(homepage, '') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(code, name, homepage)
            ORDER BY code
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, homepage = excluded.homepage
            WHERE (s.name, s.homepage) IS DISTINCT FROM (excluded.name, excluded.homepage)
            """, [sources.map(\.code), sources.map(\.name), sources.map { $0.homepage ?? "" }])
        return result.affectedRows
    }
}
