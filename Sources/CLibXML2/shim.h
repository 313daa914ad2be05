#ifndef ARTICLE_ETL_CLIBXML2_SHIM_H
#define ARTICLE_ETL_CLIBXML2_SHIM_H

/*
 * Debian's libxml2 is built with ICU, so libxml/encoding.h includes ICU's headers, which clash with
 * the ICU that Foundation carries ("UErrorCode has different definitions"). ICU appears there only
 * inside xmlCharEncodingHandler, which article-etl never touches (it hands libxml2 UTF-8 text and
 * says so), so the ICU parts are hidden from Swift here. Nothing else changes layout.
 */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>

/* xmlFree is a global function pointer, which Swift 6 refuses to touch: call it through here. */
static inline void etl_xml_free(void *pointer) { xmlFree(pointer); }

#endif
