import Postgres

/// The loader session's own statements: its settings, its staging tables and the search index's
/// pending list. Each has a name that its errors carry (`PostgresError.statement`).
extension Statement {
    /// Session settings ($1 `BatchLoader.sessionMemory`):
    /// - `work_mem` and `gin_pending_list_limit`: see `BatchLoader.sessionMemory`.
    /// - `random_page_cost` 1.1: the loader reaches stored rows by key, a few hundred per batch, in
    ///   tables that are mostly cached; at the default 4 the planner prefers reading a whole table
    ///   once to a few hundred index probes.
    /// - JIT off: a batch's statements are short; compiling them costs milliseconds each.
    static let sessionSettings = Statement("session settings", """
        SELECT set_config('work_mem', $1, false), set_config('gin_pending_list_limit', $1, false),
               set_config('jit', 'off', false), set_config('random_page_cost', '1.1', false)
        """)

    /// The staging tables (`StagingRow`), `changed_articles`: what the upsert wrote, for the
    /// statements after it, and `touched_fingerprints`: the groups of equal fingerprints and
    /// lengths the batch's articles left or joined (`Statement.settleFingerprintHeads`).
    static let stagingTables = Statement("create staging tables", (BatchStaging.tables.map { $0.definition } + ["""
        CREATE TEMP TABLE IF NOT EXISTS changed_articles (
            article_id bigint NOT NULL, inserted boolean NOT NULL, paragraphs integer NOT NULL,
            original bigint
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS touched_fingerprints (
            fingerprint bigint NOT NULL, body_bytes integer NOT NULL
        ) ON COMMIT DELETE ROWS;
        """]).joined(separator: "\n"))

    /// Empties the staging tables inside a transaction that does not commit (a dry run's batches).
    static let truncateStaging = Statement("truncate staging tables",
        "TRUNCATE " + (BatchStaging.tables.map { $0.table } + ["changed_articles", "touched_fingerprints"]).joined(separator: ", "))

    /// Statistics for the staging tables, taken once they are filled. Autovacuum never analyzes
    /// temporary tables, and without statistics the planner takes them for a thousand rows or more
    /// and joins them to the warehouse by reading whole tables (news.articles, news.figures, …)
    /// for every batch, a cost that grows with the warehouse. Only the columns joins and sorts use
    /// (`StagingRow.analyzed`).
    static let analyzeStaging = Statement("analyze staging tables", "ANALYZE " + BatchStaging.tables.map {
        "\($0.table) (\($0.analyzed.joined(separator: ", ")))"
    }.joined(separator: ", "))

    static let analyzeChangedArticles = Statement("analyze changed articles", "ANALYZE changed_articles")

    /// Merges the search index's pending list into its GIN tree.
    static let mergePendingList = Statement("merge the search index's pending list", """
        SELECT gin_clean_pending_list('news.articles_search_vector_idx'::regclass)
        """)

    /// Whether this session's role may merge the search index's pending list (its owner may).
    static let ownsSearchIndex = Statement("owns the search index", """
        SELECT pg_has_role(c.relowner, 'USAGE') FROM pg_class c
        WHERE c.oid = 'news.articles_search_vector_idx'::regclass
        """)
}
