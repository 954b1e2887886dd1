/* repere-rating-sheet.c: rating sheets for workshops
 *
 * The study's business experts re-rated competencies in workshops (4.1).
 * Repère writes an assessment's sheets for chosen jobs, which raters fill
 * in LibreOffice or Excel, and reads them back as one rater's ratings:
 *
 * - XLSX (libxlsxwriter): an instructions sheet (the rater's name in B2,
 *   the level definitions of 3.2.1.1), then one sheet per job named after
 *   it; on every sheet row 3 is the reference Repère reads back (B3 the
 *   job id, C3 the assessment id, D3 the kind of sheet); row 5 the header,
 *   then one row per retained competency: A its id (code_ogr), B kind,
 *   C label, D category, E Principale / Émergente, F the level (a
 *   drop-down of the five level names; the only unlocked column). Sheets
 *   are protected (no password): labels and references stay as written.
 * - CSV (the reader of import/): one line per job and competency, with
 *   stable ASCII column keys (docs/ratings.md).
 *
 * Reading back (XLSX or ODS through import/repere-spreadsheet.c, CSV
 * through import/repere-csv.c) checks everything before anything is
 * written: a sheet renamed, of another assessment, of an unknown job, an
 * unknown competency, a level out of 1–5, an empty sheet: each is an error
 * naming the file, sheet, row and column, and nothing is applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-sheet.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "repere-competency.h"
#include "repere-csv.h"
#include "repere-export.h"
#include "repere-rating-history.h"
#include "repere-rating.h"
#include "repere-score.h"
#include "repere-spreadsheet.h"
#include "repere-text.h"

G_DEFINE_QUARK (repere - rating - sheet - error - quark, repere_rating_sheet_error)

/* The kind of sheet, in D3 of every sheet Repère writes (format 1). */
#define MARK_INSTRUCTIONS "repere-sheet:instructions:1"
#define MARK_JOB "repere-sheet:job:1"
/* Rows and columns of the layout (0-based, as libxlsxwriter counts). */
#define ROW_RATER 1
#define ROW_REFERENCE 2
#define ROW_HEADER 4
#define ROW_FIRST 5
#define COL_ID 0
#define COL_KIND 1
#define COL_LABEL 2
#define COL_CATEGORY 3
#define COL_CORE 4
#define COL_LEVEL 5
#define N_COLUMNS 6
/* Longest rater name accepted. */
#define MAX_RATER 100

/* CSV column keys (stable, ASCII, French as the users' spreadsheets). */
static const char *const csv_keys[]
    = { "qualification", "metier_id",  "metier",    "competence_id",
        "type",          "competence", "categorie", "principale_emergente",
        "niveau",        "notateur" };
enum
{
  CSV_ASSESSMENT,
  CSV_JOB_ID,
  CSV_JOB,
  CSV_COMPETENCY_ID,
  CSV_KIND,
  CSV_LABEL,
  CSV_CATEGORY,
  CSV_CORE,
  CSV_LEVEL,
  CSV_RATER,
  CSV_N_KEYS
};

/**
 * repere_rating_sheet_name:
 * @job_name: a job's name
 *
 * Returns: (transfer full): the name of the job's sheet: the job's name,
 *   with the characters spreadsheets refuse in sheet names ([ ] : * ? / \)
 *   as "-", cut to 31 characters ("…" as the 31st when longer)
 */
char *
repere_rating_sheet_name (const char *job_name)
{
  GString *name = g_string_new (NULL);
  glong n = 0, length = g_utf8_strlen (job_name, -1);

  for (const char *p = job_name; *p && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (length > 31 && n == 30)
        {
          g_string_append (name, "…");
          break;
        }
      if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\')
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  return g_string_free (name, FALSE);
}

/**
 * repere_rating_sheet_level_label:
 * @level: 1–5
 * @name: the level's name (exposure_level.name, 3.2.1.1)
 *
 * Returns: (transfer full): the level as the sheets' drop-down lists it,
 *   "4 – Important"
 */
char *
repere_rating_sheet_level_label (int level, const char *name)
{
  return g_strdup_printf ("%d – %s", level, name);
}

/* Export ------------------------------------------------------------------- */

typedef struct
{
  char *id;
  char *name;
  char *family;
} SheetJob;

static void
sheet_job_free (SheetJob *job)
{
  g_free (job->id);
  g_free (job->name);
  g_free (job->family);
  g_free (job);
}

/* The jobs asked for (all the jobs with ROME competencies when @job_ids is
 * NULL), in the study's order. */
static GPtrArray *
export_jobs (RepereDb *db, const char *const *job_ids, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_job_free);
  g_autoptr (GHashTable) wanted = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (job_ids)
    {
      wanted = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; job_ids[i]; i++)
        g_hash_table_add (wanted, (gpointer) job_ids[i]);
    }
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT j.id, j.name, f.code || ' – ' || f.name,"
          "       EXISTS (SELECT 1 FROM job_rome m JOIN rome_competency rc ON rc.rome_code = "
          "m.rome_code"
          "                WHERE m.job_id = j.id)"
          "  FROM job j JOIN family f ON f.code = j.family_code ORDER BY j.family_code, j.position",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      if (wanted ? g_hash_table_remove (wanted, id) : sqlite3_column_int (stmt, 3) != 0)
        {
          SheetJob *job = g_new0 (SheetJob, 1);
          job->id = g_strdup (id);
          job->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          job->family = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_ptr_array_add (jobs, job);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  if (wanted && g_hash_table_size (wanted) > 0)
    {
      GHashTableIter iter;
      gpointer key;
      g_hash_table_iter_init (&iter, wanted);
      g_hash_table_iter_next (&iter, &key, NULL);
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _ ("No job “%s”"),
                   (const char *) key);
      return NULL;
    }
  if (jobs->len == 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   _ ("No job has ROME competencies to rate: import a ROME referential and a "
                      "mapping first"));
      return NULL;
    }
  return g_steal_pointer (&jobs);
}

/* The job's retained competencies, in the job page's order. */
static GPtrArray *
retained_competencies (RepereDb *db, const char *assessment_id, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) all = repere_competency_list_for_job (db, job_id, assessment_id, error);
  g_autoptr (GHashTable) excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (all == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT competency_id FROM competency_exclusion WHERE assessment_id = ?1 AND job_id = ?2",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (excluded, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = all->len; i > 0; i--)
    {
      RepereJobCompetency *c = g_ptr_array_index (all, i - 1);
      g_autofree char *id = g_strdup_printf ("%" PRId64, c->id);
      if (g_hash_table_contains (excluded, id))
        g_ptr_array_remove_index (all, i - 1);
    }
  return g_steal_pointer (&all);
}

static const char *
core_label (const char *core)
{
  if (g_strcmp0 (core, "principale") == 0)
    return _ ("Principale");
  if (g_strcmp0 (core, "emergente") == 0)
    return _ ("Émergente");
  return "";
}

static char *
capitalised (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("");
  {
    gunichar first = g_unichar_totitle (g_utf8_get_char (text));
    char buffer[8] = { 0 };
    g_unichar_to_utf8 (first, buffer);
    return g_strconcat (buffer, g_utf8_next_char (text), NULL);
  }
}

/* A temporary name beside @path, so that a failed export never leaves a
 * broken file where the user expects theirs. */
static char *
temporary_beside (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s-XXXXXX", dir, base);
  int fd = g_mkstemp (template);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_WRITE,
                   _ ("Cannot write %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&template);
}

static gboolean
finish_file (const char *temporary, const char *path, gboolean ok, GError **error)
{
  if (ok)
    {
      /* g_mkstemp() made it private; a sheet is shared as any document. */
      mode_t mask = umask (0);
      umask (mask);
      g_chmod (temporary, 0666 & ~mask);
    }
  if (ok && g_rename (temporary, path) != 0)
    {
      int saved = errno;
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_WRITE,
                   _ ("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (temporary);
  return ok;
}

static void
write_text (lxw_worksheet *sheet, int row, int column, const char *text, lxw_format *format)
{
  g_autofree char *safe = repere_text_spreadsheet_safe (text, TRUE);
  if (*safe)
    worksheet_write_string (sheet, row, column, safe, format);
  else
    worksheet_write_blank (sheet, row, column, format);
}

/* @rater's levels of the assessment, "job\tcompetency" → level, or NULL. */
static GHashTable *
prefill_levels (RepereDb *db, const char *assessment_id, const char *rater, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GHashTable) levels = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (rater == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (sqlite3_prepare_v2 (handle,
                          "SELECT job_id || char (9) || competency_id, level FROM rater_rating"
                          " WHERE assessment_id = ?1 AND rater = ?2",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rater, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (levels, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&levels);
}

static int
prefilled (GHashTable *levels, const char *job_id, gint64 competency_id)
{
  g_autofree char *key = g_strdup_printf ("%s\t%" PRId64, job_id, competency_id);
  return GPOINTER_TO_INT (g_hash_table_lookup (levels, key));
}

static gboolean
export_xlsx (RepereDb *db, const char *assessment_id, const char *assessment_name, GPtrArray *jobs,
             const char *rater, GHashTable *prefill, const char *path, GError **error)
{
  g_autoptr (GPtrArray) levels = repere_db_list_exposure_levels (db, error);
  g_autofree char *temporary = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *title, *bold, *wrap, *locked_grey, *header, *input, *level_input, *cell, *number_cell;
  lxw_protection protection = { 0 };
  lxw_error status;
  int row;

  if (levels == NULL || (temporary = temporary_beside (path, error)) == NULL)
    return FALSE;
  for (guint l = 0; l < levels->len; l++)
    {
      RepereRef *level = g_ptr_array_index (levels, l);
      g_ptr_array_add (labels, repere_rating_sheet_level_label (l + 1, level->name));
    }
  g_ptr_array_add (labels, NULL);

  workbook = workbook_new (temporary);
  if (workbook == NULL)
    {
      finish_file (temporary, path, FALSE, NULL);
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_WRITE,
                   _ ("Cannot write %s"), path);
      return FALSE;
    }
  workbook_set_properties (
      workbook,
      &(lxw_doc_properties){ .title = (char *) assessment_name,
                             .author = "Repère",
                             .comments = (char *) _ ("Rating sheets written by Repère") });
  title = workbook_add_format (workbook);
  format_set_bold (title);
  format_set_font_size (title, 14);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  wrap = workbook_add_format (workbook);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  cell = workbook_add_format (workbook);
  format_set_text_wrap (cell);
  format_set_align (cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (cell, LXW_BORDER_HAIR);
  number_cell = workbook_add_format (workbook);
  format_set_align (number_cell, LXW_ALIGN_CENTER);
  format_set_align (number_cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (number_cell, LXW_BORDER_HAIR);
  locked_grey = workbook_add_format (workbook);
  format_set_font_color (locked_grey, 0x77767B);
  format_set_font_size (locked_grey, 9);
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xDEDDDA);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_text_wrap (header);
  input = workbook_add_format (workbook);
  format_set_unlocked (input);
  format_set_bg_color (input, 0xFFF5B1);
  format_set_border (input, LXW_BORDER_THIN);
  level_input = workbook_add_format (workbook);
  format_set_unlocked (level_input);
  format_set_bg_color (level_input, 0xFFF5B1);
  format_set_border (level_input, LXW_BORDER_THIN);
  format_set_align (level_input, LXW_ALIGN_VERTICAL_TOP);
  protection.format_columns = 1;
  protection.format_rows = 1;

  /* The instructions. */
  sheet = workbook_add_worksheet (workbook, _ ("Instructions"));
  {
    g_autofree char *heading = g_strdup_printf (_ ("Rating sheets — %s"), assessment_name);
    static const char *const steps[] = {
      N_ ("On each job’s sheet, choose in the column “Level” how exposed each competency is to "
          "generative AI, "
          "from 1 (Negligible) to 5 (Major), as the definitions below say (study, section "
          "3.2.1.1)."),
      N_ ("Leave blank a competency you cannot rate: Repère keeps it unrated."),
      N_ ("Do not rename the sheets or change the grey reference cells: Repère reads them to know "
          "which job and "
          "which assessment your levels are for."),
      N_ ("Save the file (XLSX or ODS) and send it back to the person running the workshop."),
    };
    worksheet_merge_range (sheet, 0, 0, 0, 3, "", title);
    write_text (sheet, 0, 0, heading, title);
    write_text (sheet, ROW_RATER, 0, _ ("Your name:"), bold);
    worksheet_merge_range (sheet, ROW_RATER, 1, ROW_RATER, 2, "", input);
    write_text (sheet, ROW_RATER, 1, rater, input);
    write_text (sheet, ROW_REFERENCE, 0, _ ("Reference (do not change):"), locked_grey);
    write_text (sheet, ROW_REFERENCE, 2, assessment_id, locked_grey);
    write_text (sheet, ROW_REFERENCE, 3, MARK_INSTRUCTIONS, locked_grey);
    row = ROW_HEADER;
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, _ (steps[i]));
        g_autofree char *safe = repere_text_spreadsheet_safe (line, TRUE);
        worksheet_merge_range (sheet, row, 0, row, 3, safe, wrap);
        worksheet_set_row (sheet, row, 30, NULL);
        row++;
      }
    row++;
    write_text (sheet, row, 0, _ ("Level"), header);
    write_text (sheet, row, 1, _ ("Name"), header);
    worksheet_merge_range (sheet, row, 2, row, 3, "", header);
    write_text (sheet, row, 2, _ ("Definition (study, 3.2.1.1)"), header);
    row++;
    for (guint l = 0; l < levels->len; l++, row++)
      {
        RepereRef *level = g_ptr_array_index (levels, l);
        g_autofree char *definition = capitalised (level->description);
        g_autofree char *safe = repere_text_spreadsheet_safe (definition, TRUE);
        worksheet_write_number (sheet, row, 0, l + 1, number_cell);
        write_text (sheet, row, 1, level->name, cell);
        worksheet_merge_range (sheet, row, 2, row, 3, safe, cell);
        worksheet_set_row (sheet, row, 45, NULL);
      }
    worksheet_set_column (sheet, 0, 0, 16, NULL);
    worksheet_set_column (sheet, 1, 1, 16, NULL);
    worksheet_set_column (sheet, 2, 2, 70, NULL);
    worksheet_set_column (sheet, 3, 3, 30, NULL);
    worksheet_set_landscape (sheet);
    worksheet_set_paper (sheet, 9); /* A4 */
    worksheet_fit_to_pages (sheet, 1, 0);
    worksheet_protect (sheet, NULL, &protection);
    worksheet_activate (sheet);
  }

  for (guint j = 0; j < jobs->len; j++)
    {
      SheetJob *job = g_ptr_array_index (jobs, j);
      g_autofree char *name = repere_rating_sheet_name (job->name);
      g_autofree char *subtitle
          = g_strdup_printf (_ ("Family %s · assessment “%s”"), job->family, assessment_name);
      g_autoptr (GPtrArray) competencies
          = retained_competencies (db, assessment_id, job->id, error);
      lxw_data_validation validation = { 0 };
      static const char *const headers[N_COLUMNS] = {
        N_ ("Id"),   N_ ("Kind"), N_ ("Competency"), N_ ("Category"), N_ ("Principale / Émergente"),
        N_ ("Level")
      };

      if (competencies == NULL)
        {
          workbook_close (workbook);
          return finish_file (temporary, path, FALSE, NULL);
        }
      sheet = workbook_add_worksheet (workbook, name);
      if (sheet == NULL)
        {
          workbook_close (workbook);
          finish_file (temporary, path, FALSE, NULL);
          g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_WRITE,
                       _ ("Cannot name a sheet “%s”"), name);
          return FALSE;
        }
      worksheet_merge_range (sheet, 0, 0, 0, N_COLUMNS - 1, "", title);
      write_text (sheet, 0, 0, job->name, title);
      worksheet_merge_range (sheet, 1, 0, 1, N_COLUMNS - 1, "", NULL);
      write_text (sheet, 1, 0, subtitle, NULL);
      write_text (sheet, ROW_REFERENCE, 0, _ ("Reference"), locked_grey);
      write_text (sheet, ROW_REFERENCE, 1, job->id, locked_grey);
      write_text (sheet, ROW_REFERENCE, 2, assessment_id, locked_grey);
      write_text (sheet, ROW_REFERENCE, 3, MARK_JOB, locked_grey);
      for (int c = 0; c < N_COLUMNS; c++)
        write_text (sheet, ROW_HEADER, c, _ (headers[c]), header);
      row = ROW_FIRST;
      for (guint i = 0; i < competencies->len; i++, row++)
        {
          RepereJobCompetency *c = g_ptr_array_index (competencies, i);
          g_autofree char *id = g_strdup_printf ("%" PRId64, c->id);
          write_text (sheet, row, COL_ID, id, cell);
          write_text (sheet, row, COL_KIND, repere_competency_kind_label (c->kind), cell);
          write_text (sheet, row, COL_LABEL, c->label, cell);
          write_text (sheet, row, COL_CATEGORY, c->category, cell);
          write_text (sheet, row, COL_CORE, core_label (c->core), cell);
          /* Spreadsheets do not grow a row for wrapped text on their own:
           * one line per 72 characters of the label (a 62-character wide
           * column holds about that many in proportional type), per 34 of
           * the category. */
          if (g_utf8_strlen (c->label, -1) > 72 || g_utf8_strlen (c->category, -1) > 34)
            worksheet_set_row (sheet, row,
                               15.0
                                   * MAX ((g_utf8_strlen (c->label, -1) + 71) / 72,
                                          (g_utf8_strlen (c->category, -1) + 33) / 34),
                               NULL);
          {
            int level = prefilled (prefill, job->id, c->id);
            write_text (sheet, row, COL_LEVEL,
                        level > 0 ? g_ptr_array_index (labels, level - 1) : NULL, level_input);
          }
        }
      if (competencies->len > 0)
        {
          validation.validate = LXW_VALIDATION_TYPE_LIST;
          validation.value_list = (char **) labels->pdata;
          validation.ignore_blank = LXW_VALIDATION_ON;
          validation.dropdown = LXW_VALIDATION_ON;
          validation.show_error = LXW_VALIDATION_ON;
          validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
          validation.error_title = (char *) _ ("Exposure level");
          validation.error_message
              = (char *) _ ("Choose a level from the list: 1 (Negligible) to 5 (Major), or "
                            "leave the cell blank.");
          validation.show_input = LXW_VALIDATION_ON;
          validation.input_title = (char *) _ ("Exposure level");
          validation.input_message
              = (char *) _ ("1 Negligible · 2 Slight · 3 Moderate · 4 Important · 5 Major "
                            "(definitions: sheet Instructions)");
          worksheet_data_validation_range (sheet, ROW_FIRST, COL_LEVEL, row - 1, COL_LEVEL,
                                           &validation);
        }
      worksheet_set_column (sheet, COL_ID, COL_ID, 10, NULL);
      worksheet_set_column (sheet, COL_KIND, COL_KIND, 24, NULL);
      worksheet_set_column (sheet, COL_LABEL, COL_LABEL, 62, NULL);
      worksheet_set_column (sheet, COL_CATEGORY, COL_CATEGORY, 30, NULL);
      worksheet_set_column (sheet, COL_CORE, COL_CORE, 14, NULL);
      worksheet_set_column (sheet, COL_LEVEL, COL_LEVEL, 18, NULL);
      worksheet_freeze_panes (sheet, ROW_FIRST, 0);
      worksheet_set_landscape (sheet);
      worksheet_set_paper (sheet, 9); /* A4 */
      worksheet_fit_to_pages (sheet, 1, 0);
      worksheet_repeat_rows (sheet, ROW_HEADER, ROW_HEADER);
      worksheet_protect (sheet, NULL, &protection);
    }
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      finish_file (temporary, path, FALSE, NULL);
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_WRITE,
                   _ ("Cannot write %s: %s"), path, lxw_strerror (status));
      return FALSE;
    }
  return finish_file (temporary, path, TRUE, error);
}

/* A formula-like text gets its guard in repere_export_csv_field(). */
static void
csv_put (GString *out, const char *text, gboolean first, const RepereExportOptions *options)
{
  repere_export_field (out, text, first, options);
}

static gboolean
export_csv (RepereDb *db, const char *assessment_id, GPtrArray *jobs, const char *rater,
            GHashTable *prefill, const char *path, GError **error)
{
  RepereExportOptions options;
  g_autoptr (GString) out = g_string_new (NULL);

  /* French spreadsheets: ';', and a byte order mark so that Excel reads
   * the accents as UTF-8. */
  repere_export_options_init (&options, TRUE);
  options.bom = TRUE;
  repere_export_begin (out, &options);
  for (guint k = 0; k < CSV_N_KEYS; k++)
    csv_put (out, csv_keys[k], k == 0, &options);
  repere_export_end_record (out, &options);
  for (guint j = 0; j < jobs->len; j++)
    {
      SheetJob *job = g_ptr_array_index (jobs, j);
      g_autoptr (GPtrArray) competencies
          = retained_competencies (db, assessment_id, job->id, error);

      if (competencies == NULL)
        return FALSE;
      for (guint i = 0; i < competencies->len; i++)
        {
          RepereJobCompetency *c = g_ptr_array_index (competencies, i);
          g_autofree char *id = g_strdup_printf ("%" PRId64, c->id);
          int level = prefilled (prefill, job->id, c->id);
          g_autofree char *level_text = level > 0 ? g_strdup_printf ("%d", level) : g_strdup ("");
          const char *fields[CSV_N_KEYS] = { assessment_id,
                                             job->id,
                                             job->name,
                                             id,
                                             repere_competency_kind_label (c->kind),
                                             c->label,
                                             c->category,
                                             core_label (c->core),
                                             level_text,
                                             rater ? rater : "" };
          for (guint k = 0; k < CSV_N_KEYS; k++)
            csv_put (out, fields[k], k == 0, &options);
          repere_export_end_record (out, &options);
        }
    }
  if (!repere_export_text_to_file (out->str, out->len, path, error))
    return FALSE;
  return TRUE;
}

/**
 * repere_rating_sheet_export:
 * @assessment_id: a user assessment
 * @job_ids: (nullable) (array zero-terminated=1): the jobs, %NULL for every
 *   job with ROME competencies
 * @rater: (nullable): a rater whose levels (and name) fill the sheets, to
 *   send them back their own sheet; %NULL for blank sheets
 * @path: where to write: FILE.xlsx (one sheet per job, an instructions
 *   sheet) or FILE.csv (one line per job and competency); replaced only
 *   once complete
 * @error: %REPERE_RATING_SHEET_ERROR_FORMAT for another extension,
 *   %REPERE_RATING_SHEET_ERROR_WRITE, %REPERE_DB_ERROR_NOT_FOUND
 *
 * Writes the sheets raters fill: each job's retained competencies, blank
 * levels (or @rater's).
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_sheet_export (RepereDb *db, const char *assessment_id, const char *const *job_ids,
                            const char *rater, const char *path, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GHashTable) prefill = NULL;
  g_autofree char *name = NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  sqlite3_stmt *stmt = NULL;

  if (!g_str_has_suffix (lower, ".xlsx") && !g_str_has_suffix (lower, ".csv"))
    {
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_FORMAT,
                   _ ("%s: rating sheets are written as .xlsx or .csv"), path);
      return FALSE;
    }
  if (!repere_assessment_check_user (db, assessment_id, error))
    return FALSE;
  if (sqlite3_prepare_v2 (handle, "SELECT name FROM assessment WHERE id = ?1", -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if ((jobs = export_jobs (db, job_ids, error)) == NULL
      || (prefill = prefill_levels (db, assessment_id, rater, error)) == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".csv"))
    return export_csv (db, assessment_id, jobs, rater, prefill, path, error);
  return export_xlsx (db, assessment_id, name ? name : assessment_id, jobs, rater, prefill, path,
                      error);
}

/* Import ------------------------------------------------------------------- */

typedef struct
{
  char *job_id;
  gint64 competency_id;
  int level;
} SheetRating;

struct _RepereSheetImport
{
  char *assessment_id;
  char *path;
  char *display_name;
  char *format; /* "XLSX", "ODS", "CSV" */
  char *sha256;
  char *rater;
  GArray *ratings;  /* SheetRating */
  GHashTable *jobs; /* job ids with at least one level */
  GPtrArray *notes; /* char*: what was read but not imported */
};

static void
sheet_rating_clear (SheetRating *rating)
{
  g_free (rating->job_id);
}

void
repere_sheet_import_free (RepereSheetImport *import)
{
  if (import == NULL)
    return;
  g_free (import->assessment_id);
  g_free (import->path);
  g_free (import->display_name);
  g_free (import->format);
  g_free (import->sha256);
  g_free (import->rater);
  g_clear_pointer (&import->ratings, g_array_unref);
  g_clear_pointer (&import->jobs, g_hash_table_unref);
  g_clear_pointer (&import->notes, g_ptr_array_unref);
  g_free (import);
}

const char *
repere_sheet_import_get_rater (RepereSheetImport *import)
{
  return import->rater;
}

const char *
repere_sheet_import_get_format (RepereSheetImport *import)
{
  return import->format;
}

guint
repere_sheet_import_get_n_ratings (RepereSheetImport *import)
{
  return import->ratings->len;
}

guint
repere_sheet_import_get_n_jobs (RepereSheetImport *import)
{
  return g_hash_table_size (import->jobs);
}

/**
 * repere_sheet_import_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): what the file holds that
 *   is not imported (sheets without any level, text outside the level
 *   column), one sentence each
 */
GPtrArray *
repere_sheet_import_get_notes (RepereSheetImport *import)
{
  return import->notes;
}

static gboolean
valid_rater (const char *name, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_NO_RATER,
                   _ ("A rater needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > MAX_RATER)
    {
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_NO_RATER,
                   _ ("A rater’s name is at most %d characters of text"), MAX_RATER);
      return FALSE;
    }
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (
            error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_NO_RATER,
            _ ("A rater’s name cannot hold tabs, line breaks or other control characters"));
        return FALSE;
      }
  return TRUE;
}

/**
 * repere_sheet_import_set_rater:
 * @rater: the name the ratings are recorded under (trimmed)
 * @error: %REPERE_RATING_SHEET_ERROR_NO_RATER for an empty name, one with
 *   control characters, or longer than 100 characters
 *
 * Returns: %TRUE when the name was taken
 */
gboolean
repere_sheet_import_set_rater (RepereSheetImport *import, const char *rater, GError **error)
{
  if (!valid_rater (rater, error))
    return FALSE;
  g_free (import->rater);
  import->rater = g_strstrip (g_strdup (rater));
  return TRUE;
}

/* What the levels can be written as: 1–5, "4 – Important", "Important". */
typedef struct
{
  char *folded[5]; /* the level names, folded */
} Levels;

static gboolean
levels_init (Levels *levels, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) list = repere_db_list_exposure_levels (db, error);

  memset (levels, 0, sizeof *levels);
  if (list == NULL)
    return FALSE;
  for (guint l = 0; l < list->len && l < 5; l++)
    levels->folded[l] = repere_text_fold (((RepereRef *) g_ptr_array_index (list, l))->name);
  return TRUE;
}

static void
levels_clear (Levels *levels)
{
  for (int l = 0; l < 5; l++)
    g_clear_pointer (&levels->folded[l], g_free);
}

/* The level a cell holds: 1–5, 0 for blank, -1 when it is none. */
static int
parse_level (const Levels *levels, const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *folded = NULL;

  if (*trimmed == '\0')
    return 0;
  if (trimmed[0] >= '1' && trimmed[0] <= '5')
    {
      const char *rest = trimmed + 1;
      int level = trimmed[0] - '0';
      g_autofree char *name = NULL;
      if (*rest == '\0')
        return level;
      /* "4 – Important", "4 - Important", "4 · Important": the name must
       * be the level's. */
      while (*rest
             && (g_unichar_isspace (g_utf8_get_char (rest)) || g_utf8_get_char (rest) == 0x2013
                 || g_utf8_get_char (rest) == 0x2014 || *rest == '-'
                 || g_utf8_get_char (rest) == 0xB7 || *rest == ':' || *rest == '.'))
        rest = g_utf8_next_char (rest);
      if (rest == trimmed + 1)
        return -1; /* "45", "4,0", "4.5" */
      name = repere_text_fold (rest);
      return levels->folded[level - 1] && g_strcmp0 (name, levels->folded[level - 1]) == 0 ? level
                                                                                           : -1;
    }
  folded = repere_text_fold (trimmed);
  for (int l = 0; l < 5; l++)
    if (levels->folded[l] && g_strcmp0 (folded, levels->folded[l]) == 0)
      return l + 1;
  return -1;
}

/* "equipe.xlsx, sheet “Chargé d’assistance”, row 12, column F (Level): " */
static char *
where (RepereSheetImport *import, const char *sheet, guint row, int column,
       const char *column_title)
{
  GString *text = g_string_new (import->display_name);

  if (sheet)
    g_string_append_printf (text, _ (", sheet “%s”"), sheet);
  if (row > 0)
    g_string_append_printf (text, sheet ? _ (", row %u") : _ (", line %u"), row);
  if (column >= 0)
    {
      g_autofree char *letters = repere_spreadsheet_column_name (column);
      if (sheet)
        g_string_append_printf (text, _ (", column %s (%s)"), letters, column_title);
      else
        g_string_append_printf (text, _ (", column %s"), column_title);
    }
  return g_string_free (text, FALSE);
}

static void
invalid (GError **error, char *place, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
invalid (GError **error, char *place, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "where: what is wrong" */
  g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_INVALID, _ ("%s: %s"),
               place, message);
  g_free (place);
}

static char *
level_problem (const char *text)
{
  if (strpbrk (text, ",.") && g_ascii_isdigit (text[0]))
    return g_strdup_printf (
        _ ("“%s” is not an exposure level: a rater gives one whole level, 1 to 5 (Repère "
           "computes medians itself)"),
        text);
  return g_strdup_printf (
      _ ("“%s” is not an exposure level: choose one from 1 (Negligible) to 5 (Major), or "
         "leave it blank"),
      text);
}

/* The state of reading one file. */
typedef struct
{
  RepereDb *db;
  RepereSheetImport *import;
  Levels levels;
  /* the current sheet */
  char *sheet;
  guint sheet_rows;
  gboolean is_instructions;
  gboolean is_job;
  char *job_id;
  GHashTable *competencies; /* the job's competency ids (gint64) */
  GHashTable *seen;         /* ids already read in this sheet */
  guint sheet_levels;
  gboolean header_seen;
  /* the whole file */
  char *sheet_rater;
  gboolean instructions_seen;
  char *file_rater;
  GHashTable *job_sheets; /* job id → sheet name */
} Reading;

/* Equal texts, but for the form of their apostrophes. */
static gboolean
same_but_apostrophes (const char *a, const char *b)
{
  g_autofree char *plain_a = repere_text_plain_apostrophes (a);
  g_autofree char *plain_b = repere_text_plain_apostrophes (b);

  return g_str_equal (plain_a, plain_b);
}

static gboolean
job_name_of (RepereDb *db, const char *job_id, char **name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (repere_db_get_handle (db), "SELECT name FROM job WHERE id = ?1", -1,
                          &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          found = TRUE;
        }
    }
  sqlite3_finalize (stmt);
  return found;
}

static GHashTable *
job_competencies (RepereDb *db, const char *assessment_id, const char *job_id, GError **error)
{
  return repere_rating_job_competency_ids (db, assessment_id, job_id, error);
}

static gboolean
add_rating (Reading *reading, const char *job_id, gint64 competency_id, int level)
{
  SheetRating rating = { g_strdup (job_id), competency_id, level };
  g_array_append_val (reading->import->ratings, rating);
  g_hash_table_add (reading->import->jobs, g_strdup (job_id));
  return TRUE;
}

/* Checks a competency id cell: a number, one of the job's, once. */
static gboolean
check_competency (Reading *reading, const char *text, gint64 *id, guint row, GError **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      invalid (error, where (reading->import, reading->sheet, row, COL_ID, _ ("Id")),
               _ ("“%s” is not a competency id (a ROME code_ogr, a number)"), text);
      return FALSE;
    }
  *id = (gint64) value;
  if (!g_hash_table_contains (reading->competencies, id))
    {
      g_autofree char *name = NULL;
      job_name_of (reading->db, reading->job_id, &name);
      invalid (error, where (reading->import, reading->sheet, row, COL_ID, _ ("Id")),
               _ ("competency %" PRId64 " is not one of “%s”’s competencies"), *id,
               name ? name : reading->job_id);
      return FALSE;
    }
  if (g_hash_table_contains (reading->seen, id))
    {
      invalid (error, where (reading->import, reading->sheet, row, COL_ID, _ ("Id")),
               _ ("competency %" PRId64 " is listed twice"), *id);
      return FALSE;
    }
  g_hash_table_add (reading->seen, g_memdup2 (id, sizeof *id));
  return TRUE;
}

static const char *
cell_at (const char *const *cells, guint n_cells, guint column)
{
  /* Without the guard repere_text_spreadsheet_safe() puts before a
   * formula-like text (a CSV export opened and saved as a spreadsheet
   * keeps it). */
  return column < n_cells ? repere_text_spreadsheet_plain (cells[column]) : NULL;
}

/* A CSV field without the guard of repere_text_spreadsheet_safe(). */
static const char *
csv_field (RepereCsvReader *csv, int column)
{
  return repere_text_spreadsheet_plain (repere_csv_reader_get_field (csv, column));
}

static gboolean
on_sheet_begin (guint index, const char *name, gpointer user_data, GError **error)
{
  Reading *reading = user_data;

  g_free (reading->sheet);
  reading->sheet = g_strdup (name);
  reading->sheet_rows = 0;
  reading->is_instructions = reading->is_job = FALSE;
  g_clear_pointer (&reading->job_id, g_free);
  g_clear_pointer (&reading->competencies, g_hash_table_unref);
  g_hash_table_remove_all (reading->seen);
  reading->sheet_levels = 0;
  reading->header_seen = FALSE;
  return TRUE;
}

/* Row 3 (reference): which sheet this is, for which job and assessment. */
static gboolean
read_reference (Reading *reading, const char *const *cells, guint n_cells, GError **error)
{
  const char *job = cell_at (cells, n_cells, 1);
  const char *assessment = cell_at (cells, n_cells, 2);
  const char *mark = cell_at (cells, n_cells, 3);

  if (g_strcmp0 (mark, MARK_INSTRUCTIONS) == 0)
    reading->is_instructions = reading->instructions_seen = TRUE;
  else if (g_strcmp0 (mark, MARK_JOB) == 0)
    reading->is_job = TRUE;
  else
    {
      invalid (error,
               where (reading->import, reading->sheet, ROW_REFERENCE + 1, 3, _ ("Reference")),
               _ ("this sheet is not a Repère rating sheet (its reference row is missing or was "
                  "changed)"));
      return FALSE;
    }
  if (g_strcmp0 (assessment, reading->import->assessment_id) != 0)
    {
      invalid (error,
               where (reading->import, reading->sheet, ROW_REFERENCE + 1, 2, _ ("Reference")),
               _ ("this sheet was written for the assessment “%s”, not “%s”"),
               assessment ? assessment : "", reading->import->assessment_id);
      return FALSE;
    }
  if (reading->is_job)
    {
      g_autofree char *name = NULL;
      g_autofree char *expected = NULL;
      const char *other;

      if (job == NULL || !job_name_of (reading->db, job, &name))
        {
          invalid (error,
                   where (reading->import, reading->sheet, ROW_REFERENCE + 1, 1, _ ("Reference")),
                   _ ("“%s” is not a job of the referential"), job ? job : "");
          return FALSE;
        }
      expected = repere_rating_sheet_name (name);
      /* A sheet written before the job names took ’ (issue 13) has ' in its name. */
      if (!same_but_apostrophes (expected, reading->sheet))
        {
          invalid (error,
                   where (reading->import, reading->sheet, ROW_REFERENCE + 1, 1, _ ("Reference")),
                   _ ("this is the sheet of “%s”, which Repère named “%s”: it was renamed; give it "
                      "back its name, "
                      "after checking that its levels are indeed for this job"),
                   name, expected);
          return FALSE;
        }
      if ((other = g_hash_table_lookup (reading->job_sheets, job)) != NULL)
        {
          invalid (error,
                   where (reading->import, reading->sheet, ROW_REFERENCE + 1, 1, _ ("Reference")),
                   _ ("the sheet “%s” is for the same job: keep one sheet per job"), other);
          return FALSE;
        }
      g_hash_table_insert (reading->job_sheets, g_strdup (job), g_strdup (reading->sheet));
      reading->job_id = g_strdup (job);
      reading->competencies
          = job_competencies (reading->db, reading->import->assessment_id, job, error);
      if (reading->competencies == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
on_row (guint row, const char *const *cells, guint n_cells, gpointer user_data, GError **error)
{
  Reading *reading = user_data;
  RepereSheetImport *import = reading->import;
  static const char *const titles[N_COLUMNS] = {
    N_ ("Id"),   N_ ("Kind"), N_ ("Competency"), N_ ("Category"), N_ ("Principale / Émergente"),
    N_ ("Level")
  };
  const char *id_text, *level_text;
  gint64 id = 0;
  int level;

  reading->sheet_rows++;
  if (row == ROW_RATER + 1)
    {
      /* B2: the rater's name, if this is the instructions sheet. */
      g_free (reading->sheet_rater);
      reading->sheet_rater = g_strdup (cell_at (cells, n_cells, 1));
      return TRUE;
    }
  if (row < ROW_REFERENCE + 1)
    return TRUE; /* the title */
  if (row == ROW_REFERENCE + 1)
    {
      if (!read_reference (reading, cells, n_cells, error))
        return FALSE;
      if (reading->is_instructions)
        {
          g_free (reading->file_rater);
          reading->file_rater = g_strdup (reading->sheet_rater);
        }
      return TRUE;
    }
  if (!reading->is_job && !reading->is_instructions)
    {
      invalid (error, where (import, reading->sheet, ROW_REFERENCE + 1, 3, _ ("Reference")),
               _ ("this sheet is not a Repère rating sheet (its reference row is missing or was "
                  "changed)"));
      return FALSE;
    }
  if (reading->is_instructions || row <= ROW_HEADER + 1)
    {
      reading->header_seen |= row == ROW_HEADER + 1;
      return TRUE;
    }
  if (!reading->header_seen)
    {
      invalid (error, where (import, reading->sheet, ROW_HEADER + 1, -1, NULL),
               _ ("the header row of the competencies is missing"));
      return FALSE;
    }
  id_text = cell_at (cells, n_cells, COL_ID);
  level_text = cell_at (cells, n_cells, COL_LEVEL);
  if (id_text == NULL)
    {
      g_autofree char *place = NULL;
      if (level_text)
        {
          invalid (error, where (import, reading->sheet, row, COL_ID, _ (titles[COL_ID])),
                   _ ("a level without a competency id"));
          return FALSE;
        }
      place = where (import, reading->sheet, row, -1, NULL);
      g_ptr_array_add (
          import->notes,
          g_strdup_printf (_ ("%s: text outside the table of competencies, not imported"), place));
      return TRUE;
    }
  if (!check_competency (reading, id_text, &id, row, error))
    return FALSE;
  level = parse_level (&reading->levels, level_text);
  if (level < 0)
    {
      g_autofree char *problem = level_problem (level_text);
      invalid (error, where (import, reading->sheet, row, COL_LEVEL, _ (titles[COL_LEVEL])), "%s",
               problem);
      return FALSE;
    }
  for (guint c = N_COLUMNS; c < n_cells; c++)
    if (cells[c])
      {
        g_autofree char *place = where (import, reading->sheet, row, c, "");
        g_ptr_array_add (
            import->notes,
            g_strdup_printf (_ ("%s: text beside the level column, not imported"), place));
        break;
      }
  if (level > 0)
    {
      reading->sheet_levels++;
      add_rating (reading, reading->job_id, id, level);
    }
  return TRUE;
}

static gboolean
on_sheet_end (gpointer user_data, GError **error)
{
  Reading *reading = user_data;
  RepereSheetImport *import = reading->import;

  if (reading->sheet_rows == 0)
    {
      invalid (error, where (import, reading->sheet, 0, -1, NULL),
               _ ("the sheet is empty: a rating sheet holds its reference and its competencies"));
      return FALSE;
    }
  if (!reading->is_job && !reading->is_instructions)
    {
      invalid (error, where (import, reading->sheet, ROW_REFERENCE + 1, 3, _ ("Reference")),
               _ ("this sheet is not a Repère rating sheet (its reference row is missing or was "
                  "changed)"));
      return FALSE;
    }
  if (reading->is_job && reading->sheet_levels == 0)
    g_ptr_array_add (
        import->notes,
        g_strdup_printf (_ ("Sheet “%s”: no level filled in, nothing imported from it"),
                         reading->sheet));
  return TRUE;
}

static gboolean
read_spreadsheet (Reading *reading, GError **error)
{
  g_autoptr (RepereSpreadsheet) spreadsheet
      = repere_spreadsheet_open (reading->import->path, error);
  static const RepereSpreadsheetCallbacks callbacks = { on_sheet_begin, on_row, on_sheet_end };

  if (spreadsheet == NULL)
    return FALSE;
  g_free (reading->import->format);
  reading->import->format = g_strdup (
      repere_spreadsheet_get_format (spreadsheet) == REPERE_SPREADSHEET_XLSX ? "XLSX" : "ODS");
  if (!repere_spreadsheet_read (spreadsheet, &callbacks, reading, error))
    return FALSE;
  if (!reading->instructions_seen)
    g_clear_pointer (&reading->file_rater, g_free);
  return TRUE;
}

static gboolean
read_csv (Reading *reading, GError **error)
{
  RepereSheetImport *import = reading->import;
  g_autoptr (RepereCsvReader) csv
      = repere_csv_reader_new_for_path (import->path, REPERE_CSV_ENCODING_AUTO, error);
  g_autoptr (GHashTable) raters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) job_competencies_ = g_hash_table_new_full (
      g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[CSV_N_KEYS];
  gboolean any_row = FALSE;

  g_free (import->format);
  import->format = g_strdup ("CSV");
  if (csv == NULL || !repere_csv_reader_read_header (csv, error))
    return FALSE;
  for (guint k = 0; k < CSV_N_KEYS; k++)
    columns[k] = repere_csv_reader_find_column (csv, csv_keys[k]);
  for (guint k = 0; k < CSV_N_KEYS; k++)
    if (columns[k] < 0 && (k == CSV_JOB_ID || k == CSV_COMPETENCY_ID || k == CSV_LEVEL))
      {
        invalid (
            error, where (import, NULL, 1, -1, NULL),
            _ ("the column “%s” is missing (a rating sheet in CSV has the columns %s, %s and %s)"),
            csv_keys[k], csv_keys[CSV_JOB_ID], csv_keys[CSV_COMPETENCY_ID], csv_keys[CSV_LEVEL]);
        return FALSE;
      }
  for (;;)
    {
      g_autoptr (GError) read_error = NULL;
      guint line;
      const char *job, *id_text, *level_text, *assessment, *rater;
      GHashTable *known;
      gint64 id;
      int level;

      if (!repere_csv_reader_next (csv, &read_error))
        {
          if (read_error)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              return FALSE;
            }
          break;
        }
      any_row = TRUE;
      line = repere_csv_reader_get_line (csv);
      job = csv_field (csv, columns[CSV_JOB_ID]);
      id_text = csv_field (csv, columns[CSV_COMPETENCY_ID]);
      level_text = csv_field (csv, columns[CSV_LEVEL]);
      assessment = columns[CSV_ASSESSMENT] >= 0
                       ? csv_field (csv, columns[CSV_ASSESSMENT])
                       : "";
      rater = columns[CSV_RATER] >= 0 ? csv_field (csv, columns[CSV_RATER]) : "";
      if (*assessment && g_strcmp0 (assessment, import->assessment_id) != 0)
        {
          invalid (error, where (import, NULL, line, CSV_ASSESSMENT, csv_keys[CSV_ASSESSMENT]),
                   _ ("this line was written for the assessment “%s”, not “%s”"), assessment,
                   import->assessment_id);
          return FALSE;
        }
      if ((known = g_hash_table_lookup (job_competencies_, job)) == NULL)
        {
          g_autofree char *name = NULL;
          if (!job_name_of (reading->db, job, &name))
            {
              invalid (error, where (import, NULL, line, CSV_JOB_ID, csv_keys[CSV_JOB_ID]),
                       _ ("“%s” is not a job of the referential"), job);
              return FALSE;
            }
          if ((known = job_competencies (reading->db, import->assessment_id, job, error)) == NULL)
            return FALSE;
          g_hash_table_insert (job_competencies_, g_strdup (job), known);
        }
      reading->competencies = known;
      g_free (reading->job_id);
      reading->job_id = g_strdup (job);
      {
        g_autofree char *key = g_strconcat (job, "\t", id_text, NULL);
        guint64 value;
        if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &value, NULL))
          {
            invalid (error,
                     where (import, NULL, line, CSV_COMPETENCY_ID, csv_keys[CSV_COMPETENCY_ID]),
                     _ ("“%s” is not a competency id (a ROME code_ogr, a number)"), id_text);
            return FALSE;
          }
        id = (gint64) value;
        if (!g_hash_table_contains (known, &id))
          {
            g_autofree char *name = NULL;
            job_name_of (reading->db, job, &name);
            invalid (error,
                     where (import, NULL, line, CSV_COMPETENCY_ID, csv_keys[CSV_COMPETENCY_ID]),
                     _ ("competency %" PRId64 " is not one of “%s”’s competencies"), id, name);
            return FALSE;
          }
        if (!g_hash_table_add (seen, g_steal_pointer (&key)))
          {
            invalid (error,
                     where (import, NULL, line, CSV_COMPETENCY_ID, csv_keys[CSV_COMPETENCY_ID]),
                     _ ("competency %" PRId64 " is listed twice"), id);
            return FALSE;
          }
      }
      level = parse_level (&reading->levels, level_text);
      if (level < 0)
        {
          g_autofree char *problem = level_problem (level_text);
          invalid (error, where (import, NULL, line, CSV_LEVEL, csv_keys[CSV_LEVEL]), "%s",
                   problem);
          return FALSE;
        }
      if (*rater)
        g_hash_table_add (raters, g_strstrip (g_strdup (rater)));
      if (level > 0)
        add_rating (reading, job, id, level);
    }
  reading->competencies = NULL; /* owned by job_competencies_ */
  if (!any_row)
    {
      invalid (error, where (import, NULL, 0, -1, NULL), _ ("the file has a header but no line"));
      return FALSE;
    }
  if (g_hash_table_size (raters) > 1)
    {
      g_autoptr (GString) names = g_string_new (NULL);
      GHashTableIter iter;
      gpointer name;
      g_hash_table_iter_init (&iter, raters);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", (char *) name);
      invalid (error, where (import, NULL, 0, CSV_RATER, csv_keys[CSV_RATER]),
               _ ("the file names several raters (%s): import one rater’s file at a time"),
               names->str);
      return FALSE;
    }
  if (g_hash_table_size (raters) == 1)
    {
      GHashTableIter iter;
      gpointer name;
      g_hash_table_iter_init (&iter, raters);
      g_hash_table_iter_next (&iter, &name, NULL);
      reading->file_rater = g_strdup (name);
    }
  return TRUE;
}

static char *
file_sha256 (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[65536];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error))
         > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * repere_rating_sheet_read:
 * @assessment_id: the user assessment the levels are for
 * @path: a filled sheet: XLSX or ODS (by content), or CSV
 * @rater: (nullable): whose levels they are; %NULL for the name the file
 *   gives (B2 of the instructions sheet, or the CSV's "notateur" column)
 * @error: %REPERE_RATING_SHEET_ERROR_FORMAT for a file that is neither,
 *   %REPERE_RATING_SHEET_ERROR_INVALID (file, sheet, row and column named),
 *   %REPERE_RATING_SHEET_ERROR_EMPTY when no level is filled in anywhere,
 *   %REPERE_RATING_SHEET_ERROR_NO_RATER, or an error of the readers
 *
 * Reads and checks the whole file; writes nothing. A blank level leaves
 * the rater's earlier level (if any) as it is.
 *
 * Returns: (transfer full) (nullable): what to apply with
 *   repere_rating_sheet_apply()
 */
RepereSheetImport *
repere_rating_sheet_read (RepereDb *db, const char *assessment_id, const char *path,
                          const char *rater, GError **error)
{
  g_autoptr (RepereSheetImport) import = g_new0 (RepereSheetImport, 1);
  Reading reading = { 0 };
  gboolean is_zip, ok;
  g_autofree char *what = NULL;

  import->assessment_id = g_strdup (assessment_id);
  import->path = g_strdup (path);
  import->display_name = g_path_get_basename (path);
  import->ratings = g_array_new (FALSE, FALSE, sizeof (SheetRating));
  g_array_set_clear_func (import->ratings, (GDestroyNotify) sheet_rating_clear);
  import->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->notes = g_ptr_array_new_with_free_func (g_free);

  if (!repere_assessment_check_user (db, assessment_id, error))
    return NULL;
  if (rater && !valid_rater (rater, error))
    return NULL;
  if (!repere_spreadsheet_sniff (path, &is_zip, &what, error))
    return NULL;
  if (what)
    {
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_FORMAT,
                   _ ("%s is not a rating sheet Repère can read (XLSX, ODS or CSV): it is %s"),
                   import->display_name, what);
      return NULL;
    }
  reading.db = db;
  reading.import = import;
  reading.seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reading.job_sheets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = levels_init (&reading.levels, db, error)
       && (is_zip ? read_spreadsheet (&reading, error) : read_csv (&reading, error));
  if (ok && import->ratings->len == 0)
    {
      g_set_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_EMPTY,
                   _ ("%s: no level is filled in, in any sheet: nothing to import"),
                   import->display_name);
      ok = FALSE;
    }
  if (ok)
    {
      const char *name = rater ? rater : reading.file_rater;
      g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
      if (*trimmed == '\0')
        {
          g_set_error (
              error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_NO_RATER,
              is_zip ? _ (
                  "%s does not say whose levels these are: its instructions sheet has no name in "
                  "B2; give the rater’s name")
                     : _ ("%s does not say whose levels these are: its column “notateur” is empty; "
                          "give "
                          "the rater’s name"),
              import->display_name);
          ok = FALSE;
        }
      else
        ok = repere_sheet_import_set_rater (import, name, error);
    }
  if (ok && (import->sha256 = file_sha256 (path, error)) == NULL)
    ok = FALSE;
  levels_clear (&reading.levels);
  g_free (reading.sheet);
  g_free (reading.sheet_rater);
  g_free (reading.job_id);
  g_free (reading.file_rater);
  if (is_zip)
    g_clear_pointer (&reading.competencies, g_hash_table_unref);
  g_hash_table_unref (reading.seen);
  g_hash_table_unref (reading.job_sheets);
  if (!ok)
    return NULL;
  return g_steal_pointer (&import);
}

/**
 * repere_rating_sheet_apply:
 * @import: a sheet read and checked by repere_rating_sheet_read()
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Records the levels as the rater's (an import batch of kind 'ratings'
 * with the file's name, SHA-256 and count), in one change of the history,
 * consolidates every job's levels again and recomputes every score, all
 * in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_sheet_apply (RepereDb *db, RepereSheetImport *import, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *detail = g_strconcat (import->rater, "\t", import->display_name, NULL);
  g_autofree char *label
      = g_strdup_printf ("Rating sheet %s (%s)", import->display_name, import->rater);
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 batch = 0;
  gint64 change = 0;
  gboolean ok;

  if (!repere_sql_exec (handle, "SAVEPOINT sheet", error))
    return FALSE;
  ok = sqlite3_prepare_v2 (handle,
                           "INSERT INTO import_batch (kind, label, started_at, finished_at, note)"
                           " VALUES ('ratings', ?1, ?2, ?2, ?3)",
                           -1, &stmt, NULL)
       == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, when, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, import->assessment_id, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      batch = sqlite3_last_insert_rowid (handle);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (ok)
    {
      ok = sqlite3_prepare_v2 (
               handle,
               "INSERT INTO import_file (batch_id, name, sha256, rows) VALUES (?1, ?2, ?3, ?4)", -1,
               &stmt, NULL)
           == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, batch);
          sqlite3_bind_text (stmt, 2, import->display_name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, import->sha256, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 4, import->ratings->len);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  if (!ok)
    repere_sql_failed (handle, error);
  if (ok)
    ok = (change = repere_change_begin (db, import->assessment_id,
                                        g_hash_table_size (import->jobs) == 1
                                            ? ((SheetRating *) import->ratings->data)->job_id
                                            : NULL,
                                        "import", detail, 0, error))
         > 0;
  if (ok
      && sqlite3_prepare_v2 (
             handle,
             "INSERT INTO rater_rating (assessment_id, job_id, competency_id, rater, level, "
             "rated_at,"
             "                          entered_by, batch_id)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
             " ON CONFLICT DO UPDATE SET level = excluded.level, rated_at = excluded.rated_at,"
             "   entered_by = excluded.entered_by, batch_id = excluded.batch_id"
             " WHERE level <> excluded.level",
             -1, &stmt, NULL)
             != SQLITE_OK)
    ok = repere_sql_failed (handle, error);
  for (guint i = 0; ok && i < import->ratings->len; i++)
    {
      SheetRating *rating = &g_array_index (import->ratings, SheetRating, i);
      char id[32];
      g_snprintf (id, sizeof id, "%" PRId64, rating->competency_id);
      sqlite3_bind_text (stmt, 1, import->assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, rating->job_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, import->rater, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, rating->level);
      sqlite3_bind_text (stmt, 6, when, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, repere_rating_current_user (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 8, batch);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        repere_sql_failed (handle, error);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  ok = ok && repere_rating_reconsolidate (db, import->assessment_id, NULL, error)
       && repere_score_recompute (db, import->assessment_id, error)
       && repere_change_end (db, change, error);
  if (ok)
    return repere_sql_exec (handle, "RELEASE sheet", error);
  sqlite3_exec (handle, "ROLLBACK TO sheet; RELEASE sheet", NULL, NULL, NULL);
  repere_change_forget_last (db);
  return FALSE;
}
