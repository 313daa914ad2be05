#ifndef ARTICLE_ETL_ICU_H
#define ARTICLE_ETL_ICU_H

/*
 * A small C face over the parts of ICU article-etl uses. This public header includes no ICU
 * header on purpose: Foundation on Linux carries its own ICU, and importing ICU's headers next to
 * Foundation clashes on clean builds. Only plain C types cross this boundary; strings are UTF-8.
 * Every function returns 0 on success and a negative value on failure.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decodes `length` bytes in `charset` (an ICU converter name, e.g. "gb18030", "Big5-HKSCS",
 * "UTF-16LE") into UTF-8 in `out` (capacity `capacity`). Invalid or unmappable sequences become
 * U+FFFD and are counted in `*substitutions`. `*written` receives the UTF-8 length; if it exceeds
 * `capacity`, nothing useful was written and the call returns -2 (retry with that capacity). */
int etl_icu_decode(const char *charset, const uint8_t *bytes, int32_t length,
                   uint8_t *out, int32_t capacity, int32_t *written, int32_t *substitutions);

/* Encodes UTF-8 `text` into `charset`, stopping at the first character the charset cannot hold
 * (returns -3). `*written` as for etl_icu_decode. */
int etl_icu_encode(const char *charset, const uint8_t *text, int32_t length,
                   uint8_t *out, int32_t capacity, int32_t *written);

/* Guesses the charset of `bytes` with ICU's detector. Writes the name (e.g. "GB18030", "Big5",
 * "UTF-8") into `name` (capacity `name_capacity`) and the confidence (0-100) into `*confidence`.
 * `declared` may be NULL or a declared charset to use as a hint. */
int etl_icu_detect(const uint8_t *bytes, int32_t length, const char *declared,
                   char *name, int32_t name_capacity, int32_t *confidence);

/* Word boundaries of UTF-8 `text` by ICU's word break iterator (dictionary-based for Chinese).
 * Writes up to `capacity` pairs of UTF-8 byte offsets [start, end) of the words that contain a
 * letter or ideograph into `starts` and `ends`; `*count` receives the number of words (which may
 * exceed capacity: then retry). */
int etl_icu_words(const uint8_t *text, int32_t length, int32_t *starts, int32_t *ends,
                  int32_t capacity, int32_t *count);

#ifdef __cplusplus
}
#endif

#endif
