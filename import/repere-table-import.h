/* repere-table-import.h: one CSV file into one SQLite table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "repere-csv.h"

G_BEGIN_DECLS

#define REPERE_IMPORT_ERROR (repere_import_error_quark ())

/**
 * RepereImportError:
 * @REPERE_IMPORT_ERROR_UNKNOWN_COLUMN: the header names a column the table does not have
 * @REPERE_IMPORT_ERROR_MISSING_COLUMN: a required column is absent from the header
 * @REPERE_IMPORT_ERROR_INVALID: a row breaks a constraint (type, range, duplicate key, unknown reference)
 * @REPERE_IMPORT_ERROR_DATABASE: SQLite failed for another reason
 */
typedef enum
{
  REPERE_IMPORT_ERROR_UNKNOWN_COLUMN,
  REPERE_IMPORT_ERROR_MISSING_COLUMN,
  REPERE_IMPORT_ERROR_INVALID,
  REPERE_IMPORT_ERROR_DATABASE,
} RepereImportError;

GQuark repere_import_error_quark (void);

char *repere_sql_printf (const char *format, ...);

gboolean repere_table_import (sqlite3 *db,
                              const char *table,
                              RepereCsvReader *reader,
                              guint64 *n_rows,
                              GError **error);

G_END_DECLS
