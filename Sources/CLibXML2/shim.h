#ifndef ARTICLE_ETL_CLIBXML2_SHIM_H
#define ARTICLE_ETL_CLIBXML2_SHIM_H

/*
 * Debian's libxml2 is built with ICU, so libxml/encoding.h includes ICU's headers, which clash with
 * the ICU that Foundation carries ("UErrorCode has different definitions"). ICU appears there only
 * inside xmlCharEncodingHandler, which article-etl never touches (it hands libxml2 UTF-8 text and
 * says so), so the ICU parts are hidden from Swift here. Nothing else changes layout.
 */
#include <string.h>
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

/* xmlFree is a global function pointer, which Swift 6 refuses to touch: call it through here. */
static inline void etl_xml_free(void *pointer) { xmlFree(pointer); }

/*
 * Parses `size` bytes of HTML as htmlReadMemory(buffer, size, NULL, "UTF-8", options) does (the same
 * steps: a memory parser context with the HTML callbacks, the options, UTF-8 declared so that a
 * <meta charset> cannot switch the decoding), but with `sax`'s callbacks in place of libxml2's tree
 * builder, so no document is built. `user` is the context's _private, for the callbacks, which get
 * the context. Returns -1 if no parser context could be made.
 */
static inline int etl_html_parse_sax(const char *buffer, int size, const htmlSAXHandler *sax, void *user, int options) {
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return -1;
    if (ctxt->sax != NULL) memcpy(ctxt->sax, sax, sizeof(xmlSAXHandlerV1));
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler("UTF-8");
    if (handler != NULL) {
        xmlSwitchToEncoding(ctxt, handler);
        if (ctxt->input->encoding != NULL) xmlFree((xmlChar *) ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
    }
    ctxt->_private = user;
    htmlParseDocument(ctxt);
    xmlFreeParserCtxt(ctxt);
    return 0;
}

#endif
