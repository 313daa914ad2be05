#ifndef ARTICLE_ETL_COPENCC_SHIM_H
#define ARTICLE_ETL_COPENCC_SHIM_H

#include <opencc/opencc.h>

#endif
