#include "etl_cld2.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cstring>

extern "C" void etl_cld2_detect(const char *text, int length, etl_cld2_result *result) {
    CLD2::Language top3[3];
    int percent3[3] = {0, 0, 0};
    int textBytes = 0;
    bool reliable = false;
    // The extended summary answers UNKNOWN_LANGUAGE ("un") for text it cannot tell, where the
    // plain one says ENGLISH.
    CLD2::Language language = CLD2::ExtDetectLanguageSummary(text, length, true, top3, percent3, &textBytes,
                                                              &reliable);
    const char *code = CLD2::LanguageCode(language);
    std::strncpy(result->code, code ? code : "un", sizeof result->code - 1);
    result->code[sizeof result->code - 1] = '\0';
    result->reliable = reliable ? 1 : 0;
    result->percent = percent3[0];
    result->text_bytes = textBytes;
}
