#ifndef ARTICLE_ETL_CLD2_H
#define ARTICLE_ETL_CLD2_H

// Compact Language Detector 2 (Debian's libcld2) has a C++ API only. This shim calls it for
// callers in Swift: one call per text, no state, thread-safe as CLD2 is.

#ifdef __cplusplus
extern "C" {
#endif

/// What CLD2 found in a text.
typedef struct {
    /// The language's code as CLD2 writes it (`en`, `id`, `zh`, `zh-Hant`, `un` when unknown),
    /// NUL-terminated.
    char code[16];
    /// Whether CLD2 judged its answer reliable (clearly ahead of the second language, enough text).
    int reliable;
    /// The share (0 to 100) of the text in that language.
    int percent;
    /// How many bytes of letters CLD2 scored.
    int text_bytes;
} etl_cld2_result;

/// Detects the language of `length` bytes of valid UTF-8 plain text (not HTML) at `text`.
void etl_cld2_detect(const char *text, int length, etl_cld2_result *result);

#ifdef __cplusplus
}
#endif

#endif
