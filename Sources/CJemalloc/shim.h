#ifndef ARTICLE_ETL_CJEMALLOC_SHIM_H
#define ARTICLE_ETL_CJEMALLOC_SHIM_H

// Debian's jemalloc exports malloc, free and the rest unprefixed: linked into the executable, it
// is the allocator of the whole process (Swift runtime, Foundation, ICU, libxml2 alike).
#include <jemalloc/jemalloc.h>

#endif
