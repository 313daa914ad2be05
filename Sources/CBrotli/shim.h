#ifndef ARTICLE_ETL_CBROTLI_SHIM_H
#define ARTICLE_ETL_CBROTLI_SHIM_H

#include <brotli/decode.h>

#endif
