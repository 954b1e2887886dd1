/* repere-export.c: the job list as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-export.h"

#include <glib/gi18n.h>
#include <string.h>

#include "repere-job.h"
#include "repere-text.h"

G_DEFINE_QUARK (repere-export-error-quark, repere_export_error)

/**
 * repere_export_options_init:
 * @options: (out caller-allocates): the options to fill
 * @french: %TRUE for French spreadsheets (';' and decimal commas, what
 *   LibreOffice Calc and Excel expect in a French locale), %FALSE for ','
 *   and decimal points
 *
 * Translated column titles, CRLF line ends (RFC 4180), no byte order mark.
 */
void
repere_export_options_init (RepereExportOptions *options, gboolean french)
{
  options->delimiter = french ? ';' : ',';
  options->decimal_comma = french;
  options->bom = FALSE;
  options->labels = TRUE;
  options->newline = "\r\n";
}

/**
 * repere_export_csv_field:
 * @out: where to append
 * @value: the field's UTF-8 text
 * @delimiter: the field separator in use
 *
 * Appends @value, quoted as RFC 4180 asks when it holds the delimiter, a
 * double quote or a line break (inner quotes doubled), as is otherwise.
 * A value a spreadsheet would run as a formula is neutralised first
 * (repere_text_spreadsheet_safe(): "=1+1" is written "'=1+1"): every CSV
 * Repère writes goes through here.
 */
void
repere_export_csv_field (GString *out, const char *text, char delimiter)
{
  const char specials[] = { delimiter, '"', '\r', '\n', '\0' };
  g_autofree char *value = repere_text_spreadsheet_safe (text, FALSE);

  if (strpbrk (value, specials) == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
put_number (GString *out, double value, const char *format, const RepereExportOptions *options)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE] = "";

  if (value >= 0)
    {
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (options->decimal_comma)
        for (char *p = buffer; *p; p++)
          if (*p == '.')
            *p = ',';
    }
  g_string_append (out, buffer);
}

/**
 * repere_export_begin:
 * @out: an empty string to write the CSV in
 * @options: their @bom: the byte order mark first
 *
 * Starts a CSV of any table (a view's rows, render/repere-chart-csv.c):
 * then for each record (the header first) repere_export_field() and
 * repere_export_number_field() for each field, repere_export_end_record().
 */
void
repere_export_begin (GString *out, const RepereExportOptions *options)
{
  if (options->bom)
    g_string_append (out, "\xEF\xBB\xBF");
}

/**
 * repere_export_field:
 * @value: (nullable): UTF-8 text, %NULL for an empty field
 * @first: the record's first field (no delimiter before it)
 *
 * Appends a text field, quoted as needed (repere_export_csv_field()).
 */
void
repere_export_field (GString *out, const char *value, gboolean first, const RepereExportOptions *options)
{
  if (!first)
    g_string_append_c (out, options->delimiter);
  repere_export_csv_field (out, value ? value : "", options->delimiter);
}

/**
 * repere_export_number_field:
 * @value: the number, >= 0; a negative value means none (empty field)
 * @decimals: digits after the separator, 0–6
 * @first: the record's first field
 *
 * Appends a number with a decimal comma or point as @options ask
 * ("0,87" / "0.87"); never quoted (no delimiter can appear in it).
 */
void
repere_export_number_field (GString *out, double value, int decimals, gboolean first,
                            const RepereExportOptions *options)
{
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 6));
  if (!first)
    g_string_append_c (out, options->delimiter);
  put_number (out, value, format, options);
}

/* Ends a record with @options->newline. */
void
repere_export_end_record (GString *out, const RepereExportOptions *options)
{
  g_string_append (out, options->newline);
}

/**
 * repere_export_text_to_file:
 * @text: the CSV
 * @length: its length in bytes
 * @path: the file, replaced atomically (an existing file is left as it was
 *   when writing fails)
 * @error: %REPERE_EXPORT_ERROR_WRITE naming @path
 */
gboolean
repere_export_text_to_file (const char *text, gsize length, const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!g_file_set_contents (path, text, (gssize) length, &local_error))
    {
      g_set_error (error, REPERE_EXPORT_ERROR, REPERE_EXPORT_ERROR_WRITE, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * repere_export_jobs_csv:
 * @jobs: #RepereJob rows in the order to write (as on screen)
 * @options: delimiter, decimals, BOM, header and line ends
 * @length: (out) (optional): the length in bytes
 *
 * One record per job: rank, job id, job, family ("03 Name"), core (1 or 0),
 * score (2 decimals, the assessment's published ranking table or the
 * recomputed score of a user assessment, as on screen), classification,
 * then the computed score (4 decimals), computed rank and suggested class
 * of the scoring model (docs/scoring.md). Empty fields where there is no
 * value. UTF-8.
 *
 * Returns: (transfer full): the CSV text
 */
char *
repere_export_jobs_csv (GListModel *jobs, const RepereExportOptions *options, gsize *length)
{
  static const char *const keys[] = { "rank", "job_id", "job", "family", "core", "score", "classification",
                                       "computed_score", "computed_rank", "suggested_classification" };
  const char *const labels[] = { _("Rank"), _("Job id"), _("Job"), _("Family"), _("Core assistance job"),
                                 _("Score"), _("Classification"), _("Computed score"), _("Computed rank"),
                                 _("Suggested classification") };
  GString *out = g_string_new (options->bom ? "\xEF\xBB\xBF" : "");
  char d = options->delimiter;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (i > 0)
        g_string_append_c (out, d);
      repere_export_csv_field (out, options->labels ? labels[i] : keys[i], d);
    }
  g_string_append (out, options->newline);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      g_autofree char *family = g_strdup_printf ("%s %s", repere_job_get_family_code (job),
                                                 repere_job_get_family_name (job));
      const char *class_name = repere_job_get_classification_name (job);
      const char *suggested = repere_job_get_suggested_classification_name (job);

      if (repere_job_get_rank (job) > 0)
        g_string_append_printf (out, "%d", repere_job_get_rank (job));
      g_string_append_c (out, d);
      repere_export_csv_field (out, repere_job_get_id (job), d);
      g_string_append_c (out, d);
      repere_export_csv_field (out, repere_job_get_name (job), d);
      g_string_append_c (out, d);
      repere_export_csv_field (out, family, d);
      g_string_append_c (out, d);
      g_string_append (out, repere_job_get_core (job) ? "1" : "0");
      g_string_append_c (out, d);
      put_number (out, repere_job_get_score (job), "%.2f", options);
      g_string_append_c (out, d);
      repere_export_csv_field (out, class_name ? class_name : "", d);
      g_string_append_c (out, d);
      put_number (out, repere_job_get_computed_score (job), "%.4f", options);
      g_string_append_c (out, d);
      if (repere_job_get_computed_rank (job) > 0)
        g_string_append_printf (out, "%d", repere_job_get_computed_rank (job));
      g_string_append_c (out, d);
      repere_export_csv_field (out, suggested ? suggested : "", d);
      g_string_append (out, options->newline);
    }
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * repere_export_jobs_to_file:
 * @path: the CSV file to write, replaced atomically (an existing file is
 *   left as it was when writing fails)
 * @error: %REPERE_EXPORT_ERROR_WRITE naming @path
 *
 * repere_export_jobs_csv() written to @path.
 */
gboolean
repere_export_jobs_to_file (GListModel *jobs, const RepereExportOptions *options, const char *path, GError **error)
{
  gsize length;
  g_autofree char *text = repere_export_jobs_csv (jobs, options, &length);

  return repere_export_text_to_file (text, length, path, error);
}
