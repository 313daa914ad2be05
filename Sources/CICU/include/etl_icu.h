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

/* Normalizes UTF-8 `text` to NFC (`form` 'C') or NFKC ('K') into `out`. Returns 1 when the text is
 * already normalized (nothing is written: use it as it is), 0 when the normal form is in `out`,
 * -2 when it does not fit (`*written` then gives the size to retry with), -1 on failure. */
int etl_icu_normalize(char form, const uint8_t *text, int32_t length,
                      uint8_t *out, int32_t capacity, int32_t *written);

#ifdef __cplusplus
}
#endif

#endif
