#ifndef ARTICLE_ETL_CCRYPTO_SHIM_H
#define ARTICLE_ETL_CCRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
