#ifndef ARTICLE_ETL_CLIBXML2_SHIM_H
#define ARTICLE_ETL_CLIBXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/parser.h>

#endif
