#ifndef ARTICLE_ETL_CBZIP2_SHIM_H
#define ARTICLE_ETL_CBZIP2_SHIM_H

#include <bzlib.h>

#endif
