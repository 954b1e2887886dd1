/* repere-export.h: the job list as CSV for spreadsheets (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REPERE_EXPORT_ERROR (repere_export_error_quark ())

/**
 * RepereExportError:
 * @REPERE_EXPORT_ERROR_WRITE: the file could not be written (the message
 *   names it)
 */
typedef enum
{
  REPERE_EXPORT_ERROR_WRITE,
} RepereExportError;

/**
 * RepereExportOptions:
 * @delimiter: field separator: ';' for French spreadsheets, ',' otherwise
 * @decimal_comma: write "0,87" rather than "0.87"
 * @bom: start with a UTF-8 byte order mark (EF BB BF), which Excel needs to
 *   read UTF-8
 * @labels: a header of translated column titles ("Rang", "Métier"…) rather
 *   than the stable keys of `repere-cli jobs` ("rank", "job"…)
 * @newline: record separator, "\r\n" (RFC 4180) or "\n"
 */
typedef struct
{
  char delimiter;
  gboolean decimal_comma;
  gboolean bom;
  gboolean labels;
  const char *newline;
} RepereExportOptions;

GQuark repere_export_error_quark (void);

void repere_export_options_init (RepereExportOptions *options, gboolean french);
void repere_export_csv_field (GString *out, const char *value, char delimiter);
char *repere_export_jobs_csv (GListModel *jobs, const RepereExportOptions *options, gsize *length);
void repere_export_begin (GString *out, const RepereExportOptions *options);
void repere_export_field (GString *out, const char *value, gboolean first, const RepereExportOptions *options);
void repere_export_number_field (GString *out, double value, int decimals, gboolean first,
                                 const RepereExportOptions *options);
void repere_export_end_record (GString *out, const RepereExportOptions *options);
gboolean repere_export_text_to_file (const char *text, gsize length, const char *path, GError **error);
gboolean repere_export_jobs_to_file (GListModel *jobs, const RepereExportOptions *options, const char *path,
                                     GError **error);

G_END_DECLS
