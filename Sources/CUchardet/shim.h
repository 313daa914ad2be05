#ifndef ARTICLE_ETL_CUCHARDET_SHIM_H
#define ARTICLE_ETL_CUCHARDET_SHIM_H

#include <uchardet/uchardet.h>

#endif
