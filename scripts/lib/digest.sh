# The canonical digest of a warehouse: article keys, titles, body hashes, dates, languages, sources,
# defects and duplicates, paragraphs, figures, mentions, lineage, the file ledger and rejects, as
# "md5 count". Two warehouses with the same digest hold the same data (ids and times aside).
# Sourced by scripts/reliability and scripts/compare-builds; needs a function `sql DB QUERY`.
digest() {   # digest DB [content]: with "content", leave out which copy counts as the original
  local dup="coalesce(d.article_key, '') || '|' || array_to_string(a.defects, ',')"
  [ "${2:-}" == "content" ] && dup="array_to_string(array_remove(array_remove(a.defects, 'near_duplicate'), 'exact_duplicate'), ',')"
  sql "$1" "SELECT md5(string_agg(line, E'\n' ORDER BY line)) || ' ' || count(*) FROM (
    SELECT 'A|' || a.article_key || '|' || a.title || '|' || a.content_sha256 || '|' || coalesce(a.published_at::text, '')
           || '|' || a.lang || '|' || coalesce(s.code, '') || '|' || $dup AS line
    FROM news.articles a LEFT JOIN news.articles d ON d.article_id = a.duplicate_of LEFT JOIN news.sources s ON s.source_id = a.source_id
    UNION ALL SELECT 'P|' || a.article_key || '|' || p.ordinal || '|' || md5(p.text) FROM news.paragraphs p JOIN news.articles a USING (article_id)
    UNION ALL SELECT 'F|' || a.article_key || '|' || f.ordinal || '|' || f.kind || '|' || f.value || '|' || coalesce(f.unit, '') FROM news.figures f JOIN news.articles a USING (article_id)
    UNION ALL SELECT 'M|' || a.article_key || '|' || e.kind || '|' || e.name || '|' || m.count FROM news.mentions m JOIN news.articles a USING (article_id) JOIN news.entities e USING (entity_id)
    UNION ALL SELECT 'L|' || f.path || '|' || fa.record_no || '|' || a.article_key FROM etl.file_articles fa JOIN etl.files f USING (file_id) JOIN news.articles a USING (article_id)
    UNION ALL SELECT 'E|' || path || '|' || coalesce(sha256, '') || '|' || status || '|' || records FROM etl.files
    UNION ALL SELECT DISTINCT 'R|' || path || '|' || coalesce(record_no, 0) || '|' || code FROM etl.rejects) t"
}
