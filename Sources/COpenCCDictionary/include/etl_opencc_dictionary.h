#ifndef ARTICLE_ETL_OPENCC_DICTIONARY_H
#define ARTICLE_ETL_OPENCC_DICTIONARY_H

// OpenCC's C API converts text but cannot list a configuration's dictionaries; its C++ API can.
// This shim reads them through that API (the library's own loader and lexicon), for callers in
// Swift that need to know which entries are phrases.

#ifdef __cplusplus
extern "C" {
#endif

/// Called with one dictionary entry: the conversion step it belongs to (0-based), its key and its
/// first (default) value, both UTF-8.
typedef void (*etl_opencc_entry_callback)(void *context, int step, const char *key, const char *value);

/// Calls `entry` for every entry of the dictionaries of each conversion step of the OpenCC
/// configuration `configuration` (a file name such as "t2s.json", found as opencc_open finds it).
/// Returns the number of conversion steps, or -1 when the configuration cannot be loaded.
int etl_opencc_entries(const char *configuration, etl_opencc_entry_callback entry, void *context);

#ifdef __cplusplus
}
#endif

#endif
