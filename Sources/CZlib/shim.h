#ifndef ARTICLE_ETL_CZLIB_SHIM_H
#define ARTICLE_ETL_CZLIB_SHIM_H

#include <zlib.h>

#endif
