#include "etl_icu.h"

#include <string.h>
#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

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

int etl_icu_detect(const uint8_t *bytes, int32_t length, const char *declared,
                   char *name, int32_t name_capacity, int32_t *confidence) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    /* The detector keeps a pointer to the bytes: they stay valid until ucsdet_close below. */
    ucsdet_setText(detector, (const char *)bytes, length, &status);
    if (declared && declared[0]) ucsdet_setDeclaredEncoding(detector, declared, -1, &status);
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    if (U_FAILURE(status) || !match) { ucsdet_close(detector); return -1; }
    const char *found = ucsdet_getName(match, &status);
    *confidence = ucsdet_getConfidence(match, &status);
    if (U_FAILURE(status) || !found || (int32_t)strlen(found) + 1 > name_capacity) {
        ucsdet_close(detector);
        return -1;
    }
    strcpy(name, found);
    ucsdet_close(detector);
    return 0;
}

int etl_icu_words(const uint8_t *text, int32_t length, int32_t *starts, int32_t *ends,
                  int32_t capacity, int32_t *count) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    UChar *buffer = etl_from_utf8(text, length, &units);
    /* UTF-8 offset of each UTF-16 unit, so the caller gets byte offsets. */
    int32_t *offsets = buffer ? (int32_t *)malloc(sizeof(int32_t) * (size_t)(units + 1)) : NULL;
    if (!buffer || !offsets) { free(buffer); free(offsets); return -1; }
    int32_t byte = 0;
    for (int32_t i = 0; i < units; i++) {
        offsets[i] = byte;
        UChar c = buffer[i];
        if (c < 0x80) byte += 1;
        else if (c < 0x800) byte += 2;
        else if (c >= 0xD800 && c <= 0xDBFF) { byte += 4; if (i + 1 < units) { offsets[i + 1] = byte - 4; i++; } }
        else byte += 3;
    }
    offsets[units] = byte;
    /* The iterator keeps a pointer to `buffer`: it stays valid until ubrk_close below. */
    UBreakIterator *words = ubrk_open(UBRK_WORD, "zh", buffer, units, &status);
    if (U_FAILURE(status)) { free(buffer); free(offsets); return -1; }
    int32_t found = 0;
    int32_t start = ubrk_first(words);
    for (int32_t end = ubrk_next(words); end != UBRK_DONE; start = end, end = ubrk_next(words)) {
        int32_t status_tag = ubrk_getRuleStatus(words);
        if (status_tag < UBRK_WORD_NUMBER) continue;   /* spaces and punctuation */
        if (found < capacity) {
            starts[found] = offsets[start];
            ends[found] = offsets[end];
        }
        found++;
    }
    ubrk_close(words);
    free(buffer);
    free(offsets);
    *count = found;
    return 0;
}
