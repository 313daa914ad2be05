import Checksum
import Logging
import Postgres

/// `news.search_forms`: the Traditional → Simplified entries `news.search_form` converts a query
/// with, so a query in either script finds what the index holds in Simplified; and
/// `news.search_variants`, the words Taiwan writes otherwise, which a query looks for too. The loader fills it
/// from the installed OpenCC (the caller lists the entries; this module knows no text) and refills
/// it only when they differ from what it holds; the caller reads them only when the stamp of
/// OpenCC's data files differs from the stored one.
public enum SearchForms {
    /// The version label of `entries` read from `configurations`: their names and the SHA-256 of
    /// the entries (`source TAB target` lines).
    public static func version(configurations: [String], entries: [(source: String, target: String)]) -> String {
        var lines = ""
        for entry in entries { lines += entry.source + "\t" + entry.target + "\n" }
        return "opencc " + configurations.joined(separator: " ") + " sha256:" + SHA256.hex(utf8: lines)
    }

    /// The stamp of the OpenCC data the table was filled from (nil when never filled, or before 011).
    public static func storedStamp(_ connection: Connection) throws -> String? {
        try connection.query("SELECT stamp FROM news.search_forms_version", as: String?.self).first ?? nil
    }

    /// Replaces the tables' rows with `entries` and `variants` unless it holds that version already; returns
    /// whether it wrote. Once migrated only (the table comes with 011_search.sql).
    @discardableResult
    public static func refill(_ connection: Connection, version: String, entries: [(source: String, target: String)],
                              variants: [(source: String, target: String)] = [], stamp: String? = nil,
                              logger: Logger) throws -> Bool {
        try connection.transaction {
            try connection.execute("LOCK TABLE news.search_forms_version IN EXCLUSIVE MODE")
            let stored = try connection.query("SELECT version, stamp FROM news.search_forms_version", as: (String, String?).self)
            guard stored.first?.0 != version else {
                if let stamp, stored.first?.1 != stamp {
                    try connection.execute("UPDATE news.search_forms_version SET stamp = $1", [stamp])
                }
                return false
            }
            try connection.execute("DELETE FROM news.search_forms")
            try connection.execute("""
                INSERT INTO news.search_forms (source, target) SELECT * FROM unnest($1::text[], $2::text[])
                """, [entries.map(\.source), entries.map(\.target)])
            try connection.execute("DELETE FROM news.search_variants")
            try connection.execute("""
                INSERT INTO news.search_variants (form, variant) SELECT * FROM unnest($1::text[], $2::text[])
                """, [variants.map(\.source), variants.map(\.target)])
            try connection.execute("DELETE FROM news.search_forms_version")
            try connection.execute("""
                INSERT INTO news.search_forms_version (version, stamp, entries, longest, variants, longest_variant)
                SELECT $1, $2, (SELECT count(*) FROM news.search_forms),
                       (SELECT coalesce(max(char_length(source)), 1) FROM news.search_forms),
                       (SELECT count(*) FROM news.search_variants),
                       (SELECT coalesce(max(char_length(form)), 0) FROM news.search_variants)
                """, [version, stamp])
            logger.info("filled news.search_forms", metadata: ["entries": "\(entries.count)", "variants": "\(variants.count)",
                                                               "version": "\(version)"])
            return true
        }
    }
}
