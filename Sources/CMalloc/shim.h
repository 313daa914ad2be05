#ifndef ARTICLE_ETL_CMALLOC_SHIM_H
#define ARTICLE_ETL_CMALLOC_SHIM_H

// glibc's malloc tuning (mallopt), which the Glibc module does not bring in.
#include <malloc.h>

#endif
