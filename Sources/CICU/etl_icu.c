#include "etl_icu.h"

#include <string.h>
#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>

/* Counts substitutions while substituting, by wrapping ICU's own substitute callback. */
typedef struct {
    int32_t count;
} etl_counter;

static void etl_count_substitute(const void *context, UConverterToUnicodeArgs *args,
                                 const char *codeUnits, int32_t length, UConverterCallbackReason reason,
                                 UErrorCode *err) {
    if (reason <= UCNV_IRREGULAR) {
        ((etl_counter *)context)->count += 1;
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, codeUnits, length, reason, err);
}

/* UTF-16 buffer for one conversion, on the heap. */
static UChar *etl_to_utf16(UConverter *converter, const uint8_t *bytes, int32_t length, int32_t *units,
                           UErrorCode *status) {
    int32_t capacity = length * 2 + 16;
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)capacity);
    if (!buffer) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    *units = ucnv_toUChars(converter, buffer, capacity, (const char *)bytes, length, status);
    if (*status == U_BUFFER_OVERFLOW_ERROR) {
        free(buffer);
        capacity = *units + 1;
        buffer = (UChar *)malloc(sizeof(UChar) * (size_t)capacity);
        if (!buffer) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
        *status = U_ZERO_ERROR;
        ucnv_resetToUnicode(converter);
        *units = ucnv_toUChars(converter, buffer, capacity, (const char *)bytes, length, status);
    }
    if (U_FAILURE(*status)) { free(buffer); return NULL; }
    return buffer;
}

static int etl_utf16_to_utf8(const UChar *units, int32_t count, uint8_t *out, int32_t capacity, int32_t *written) {
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)out, capacity, written, units, count, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
        return *written > capacity ? -2 : 0;
    }
    return U_FAILURE(status) ? -1 : 0;
}

int etl_icu_decode(const char *charset, const uint8_t *bytes, int32_t length,
                   uint8_t *out, int32_t capacity, int32_t *written, int32_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    etl_counter counter = {0};
    ucnv_setToUCallBack(converter, etl_count_substitute, &counter, NULL, NULL, &status);
    if (U_FAILURE(status)) { ucnv_close(converter); return -1; }
    int32_t units = 0;
    UChar *buffer = etl_to_utf16(converter, bytes, length, &units, &status);
    ucnv_close(converter);
    if (!buffer) return -1;
    *substitutions = counter.count;
    int result = etl_utf16_to_utf8(buffer, units, out, capacity, written);
    free(buffer);
    return result;
}

/* UTF-8 to a new UTF-16 buffer (free it), or NULL; `*units` receives its length. */
static UChar *etl_from_utf8(const uint8_t *text, int32_t length, int32_t *units) {
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, units, (const char *)text, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    status = U_ZERO_ERROR;
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)(*units + 1));
    if (!buffer) return NULL;
    u_strFromUTF8(buffer, *units + 1, NULL, (const char *)text, length, &status);
    if (U_FAILURE(status)) { free(buffer); return NULL; }
    return buffer;
}

int etl_icu_encode(const char *charset, const uint8_t *text, int32_t length,
                   uint8_t *out, int32_t capacity, int32_t *written) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    UChar *buffer = etl_from_utf8(text, length, &units);
    if (!buffer) return -1;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) { free(buffer); return -1; }
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    *written = ucnv_fromUChars(converter, (char *)out, capacity, buffer, units, &status);
    ucnv_close(converter);
    free(buffer);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND) return -3;
    if (status == U_STRING_NOT_TERMINATED_WARNING) return 0;
    return U_FAILURE(status) ? -3 : 0;
}

int etl_icu_normalize(char form, const uint8_t *text, int32_t length,
                      uint8_t *out, int32_t capacity, int32_t *written) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = form == 'K' ? unorm2_getNFKCInstance(&status) : unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t units = 0;
    UChar *source = etl_from_utf8(text, length, &units);
    if (!source) return -1;
    /* Most text is already normal: the quick check spans it without building anything. */
    int32_t normal = unorm2_spanQuickCheckYes(normalizer, source, units, &status);
    if (U_FAILURE(status)) { free(source); return -1; }
    if (normal == units) { free(source); return 1; }
    /* The normal prefix is kept; only the rest goes through the normalizer. */
    int32_t capacity16 = units + units / 2 + 16;
    UChar *result = NULL;
    int32_t count = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        result = (UChar *)malloc(sizeof(UChar) * (size_t)capacity16);
        if (!result) { free(source); return -1; }
        memcpy(result, source, sizeof(UChar) * (size_t)normal);
        status = U_ZERO_ERROR;
        count = unorm2_normalizeSecondAndAppend(normalizer, result, normal, capacity16,
                                                source + normal, units - normal, &status);
        if (status != U_BUFFER_OVERFLOW_ERROR) break;
        free(result);
        result = NULL;
        capacity16 = count + 16;
    }
    free(source);
    if (!result || U_FAILURE(status)) { free(result); return -1; }
    int outcome = etl_utf16_to_utf8(result, count, out, capacity, written);
    free(result);
    return outcome;
}
