/* repere-spreadsheet.h: streaming reader of XLSX and ODS spreadsheets
 * (libgsf for the zip container, libxml2's reader for the XML parts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REPERE_SPREADSHEET_ERROR (repere_spreadsheet_error_quark ())

/**
 * RepereSpreadsheetError:
 * @REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET: the file is neither XLSX nor
 *   ODS (the message says what it looks like)
 * @REPERE_SPREADSHEET_ERROR_MALFORMED: a part of the file is missing or is
 *   not well-formed XML
 * @REPERE_SPREADSHEET_ERROR_TOO_LARGE: more sheets, rows, columns or text
 *   than a rating workbook can have (the limits below)
 * @REPERE_SPREADSHEET_ERROR_IO: the file cannot be read
 *
 * Every message names the file (and the sheet, row and column when there
 * is one).
 */
typedef enum
{
  REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
  REPERE_SPREADSHEET_ERROR_MALFORMED,
  REPERE_SPREADSHEET_ERROR_TOO_LARGE,
  REPERE_SPREADSHEET_ERROR_IO,
} RepereSpreadsheetError;

typedef enum
{
  REPERE_SPREADSHEET_XLSX,
  REPERE_SPREADSHEET_ODS,
} RepereSpreadsheetFormat;

/* Bounds that keep memory and time small whatever a file holds. */
#define REPERE_SPREADSHEET_MAX_SHEETS 256
#define REPERE_SPREADSHEET_MAX_ROWS 100000 /* rows with content, all sheets */
#define REPERE_SPREADSHEET_MAX_COLUMNS 256
#define REPERE_SPREADSHEET_MAX_CELL (64 * 1024)   /* bytes of one cell's text */
#define REPERE_SPREADSHEET_MAX_STRINGS (32 << 20) /* bytes of XLSX shared strings */
#define REPERE_SPREADSHEET_MAX_PART (256u << 20)  /* uncompressed bytes of one XML part */

/**
 * RepereSpreadsheetCallbacks:
 * @sheet_begin: a sheet starts: its 0-based index and name
 * @row: a row with at least one non-empty cell: its 1-based number and
 *   cells (index 0 is column A; %NULL for an empty cell). Numbers come as
 *   the file stores them ("4", "3.5"), not as displayed.
 * @sheet_end: the sheet is over
 *
 * Each returns %FALSE with @error set to stop the reading.
 */
typedef struct
{
  gboolean (*sheet_begin) (guint index, const char *name, gpointer user_data, GError **error);
  gboolean (*row) (guint row, const char *const *cells, guint n_cells, gpointer user_data,
                   GError **error);
  gboolean (*sheet_end) (gpointer user_data, GError **error);
} RepereSpreadsheetCallbacks;

typedef struct _RepereSpreadsheet RepereSpreadsheet;

GQuark repere_spreadsheet_error_quark (void);

RepereSpreadsheet *repere_spreadsheet_open (const char *path, GError **error);
void repere_spreadsheet_free (RepereSpreadsheet *self);
RepereSpreadsheetFormat repere_spreadsheet_get_format (RepereSpreadsheet *self);
gboolean repere_spreadsheet_read (RepereSpreadsheet *self, const RepereSpreadsheetCallbacks *callbacks,
                                  gpointer user_data, GError **error);
char *repere_spreadsheet_column_name (guint column);
gboolean repere_spreadsheet_sniff (const char *path, gboolean *is_zip, char **description, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereSpreadsheet, repere_spreadsheet_free)

G_END_DECLS
