#ifndef ARTICLE_ETL_CLIBPQ_SHIM_H
#define ARTICLE_ETL_CLIBPQ_SHIM_H

#include <libpq-fe.h>

/* The PG_DIAG_* field codes are character-literal macros, which Swift does not import. */
static const int ETL_PG_DIAG_SEVERITY_NONLOCALIZED = 'V';
static const int ETL_PG_DIAG_SQLSTATE = 'C';
static const int ETL_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int ETL_PG_DIAG_MESSAGE_DETAIL = 'D';
static const int ETL_PG_DIAG_MESSAGE_HINT = 'H';
static const int ETL_PG_DIAG_SCHEMA_NAME = 's';
static const int ETL_PG_DIAG_TABLE_NAME = 't';
static const int ETL_PG_DIAG_COLUMN_NAME = 'c';
static const int ETL_PG_DIAG_CONSTRAINT_NAME = 'n';

#endif
