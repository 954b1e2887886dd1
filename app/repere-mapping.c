/* repere-mapping.c: the job ↔ ROME mapping (table job_rome), CSV import
 * and export
 *
 * The study matched its 58 jobs to ROME codes through the OPCO Atlas
 * referential without publishing the result (3.2.1.1, "Méthode suivie");
 * data/rome-mapping.csv is Repère's own proposal (docs/rome-mapping.md),
 * loaded through repere_mapping_import_reader() like a user's file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-mapping.h"
#include "repere-export.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "repere-table-import.h"
#include "repere-text.h"

G_DEFINE_QUARK (repere-mapping-error-quark, repere_mapping_error)

/* Columns of a mapping file; job and rome_code are required. */
static const char *const mapping_columns[] = { "job", "rome_code", "appellation", "confidence", "note" };
enum
{
  COLUMN_JOB,
  COLUMN_CODE,
  COLUMN_APPELLATION,
  COLUMN_CONFIDENCE,
  COLUMN_NOTE,
  N_COLUMNS
};

/**
 * repere_mapping_code_is_valid:
 * @code: a candidate ROME code
 *
 * ROME 4.0 codes are a letter of the 14 grands domaines (A–N) and four
 * digits, "K1903" (unix_referentiel_code_rome, column code_rome).
 *
 * Returns: %TRUE when @code has that form
 */
gboolean
repere_mapping_code_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 5 || code[0] < 'A' || code[0] > 'N')
    return FALSE;
  for (int i = 1; i < 5; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

typedef struct
{
  char *job_id;
  char *code;
  char *appellation;
  char *confidence;
  char *note;
  guint64 line;
} Row;

static void
row_free (Row *row)
{
  g_free (row->job_id);
  g_free (row->code);
  g_free (row->appellation);
  g_free (row->confidence);
  g_free (row->note);
  g_free (row);
}

static void
set_field_error (GError **error, RepereCsvReader *reader, int code, const char *column, const char *value,
                 const char *what)
{
  g_set_error (error, REPERE_MAPPING_ERROR, code, _("%s, line %" PRIu64 ", field “%s” = “%s”: %s"),
               repere_csv_reader_get_display_name (reader), repere_csv_reader_get_line (reader), column, value,
               what);
}

/* Reads and checks every row before anything is written. */
static GPtrArray *
read_rows (RepereDb *db, RepereCsvReader *reader, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *file = repere_csv_reader_get_display_name (reader);
  int index[N_COLUMNS];
  gboolean has_referential = FALSE;
  sqlite3_stmt *known = NULL;

  if (!repere_csv_reader_read_header (reader, error))
    return NULL;
  for (guint i = 0; i < repere_csv_reader_get_n_columns (reader); i++)
    {
      const char *name = repere_csv_reader_get_column_name (reader, i);
      gboolean found = FALSE;
      for (guint c = 0; c < N_COLUMNS; c++)
        found |= strcmp (name, mapping_columns[c]) == 0;
      if (!found)
        {
          g_set_error (error, REPERE_MAPPING_ERROR, REPERE_MAPPING_ERROR_COLUMN,
                       _("%s, line 1: unknown column “%s” (a mapping has the columns job, rome_code, "
                         "appellation, confidence, note)"),
                       file, name);
          return NULL;
        }
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      index[c] = repere_csv_reader_find_column (reader, mapping_columns[c]);
      if (index[c] < 0 && c <= COLUMN_CODE)
        {
          g_set_error (error, REPERE_MAPPING_ERROR, REPERE_MAPPING_ERROR_COLUMN,
                       _("%s, line 1: column “%s” is missing"), file, mapping_columns[c]);
          return NULL;
        }
    }

  /* Codes are checked against the referential only once one is imported:
   * job_rome has no foreign key to rome_code. */
  if (sqlite3_prepare_v2 (handle, "SELECT EXISTS (SELECT 1 FROM rome_code)", -1, &known, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  has_referential = sqlite3_step (known) == SQLITE_ROW && sqlite3_column_int (known, 0);
  sqlite3_finalize (known);
  if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM rome_code WHERE code = ?1", -1, &known, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;

  for (;;)
    {
      g_autoptr (GError) read_error = NULL;
      g_autoptr (GError) job_error = NULL;
      const char *field[N_COLUMNS];
      g_autofree char *job_text = NULL;
      g_autofree char *code = NULL;
      g_autofree char *key = NULL;
      Row *row;

      if (!repere_csv_reader_next (reader, &read_error))
        {
          sqlite3_finalize (known);
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              return NULL;
            }
          break;
        }
      for (guint c = 0; c < N_COLUMNS; c++)
        /* Without the guard export_mapping put before a formula-like note. */
        field[c] = index[c] >= 0 ? repere_text_spreadsheet_plain (repere_csv_reader_get_field (reader, index[c])) : "";

      /* A line with every field empty (a spreadsheet's trailing rows) is skipped. */
      job_text = g_strstrip (g_strdup (field[COLUMN_JOB]));
      if (*job_text == '\0')
        {
          gboolean blank = TRUE;
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              g_autofree char *value = g_strstrip (g_strdup (field[c]));
              blank &= *value == '\0';
            }
          if (blank)
            continue;
        }

      row = g_new0 (Row, 1);
      row->line = repere_csv_reader_get_line (reader);
      g_ptr_array_add (rows, row);

      row->job_id = repere_db_find_job (db, job_text, &job_error);
      if (row->job_id == NULL)
        {
          sqlite3_finalize (known);
          set_field_error (error, reader, REPERE_MAPPING_ERROR_UNKNOWN_JOB, "job", job_text, job_error->message);
          return NULL;
        }

      code = g_ascii_strup (field[COLUMN_CODE], -1);
      g_strstrip (code);
      if (!repere_mapping_code_is_valid (code))
        {
          sqlite3_finalize (known);
          set_field_error (error, reader, REPERE_MAPPING_ERROR_BAD_CODE, "rome_code", field[COLUMN_CODE],
                           _("not a ROME code (a letter A–N and four digits, e.g. K1903)"));
          return NULL;
        }
      if (has_referential)
        {
          gboolean exists;
          sqlite3_bind_text (known, 1, code, -1, SQLITE_TRANSIENT);
          exists = sqlite3_step (known) == SQLITE_ROW;
          sqlite3_reset (known);
          if (!exists)
            {
              sqlite3_finalize (known);
              set_field_error (error, reader, REPERE_MAPPING_ERROR_UNKNOWN_CODE, "rome_code", code,
                               _("no such code in the imported ROME referential"));
              return NULL;
            }
        }
      row->code = g_strdup (code);

      row->confidence = g_strstrip (g_ascii_strdown (field[COLUMN_CONFIDENCE], -1));
      if (*row->confidence && strcmp (row->confidence, "high") != 0 && strcmp (row->confidence, "medium") != 0
          && strcmp (row->confidence, "low") != 0)
        {
          sqlite3_finalize (known);
          set_field_error (error, reader, REPERE_MAPPING_ERROR_INVALID, "confidence", field[COLUMN_CONFIDENCE],
                           _("expected high, medium, low or nothing"));
          return NULL;
        }
      row->appellation = g_strstrip (g_strdup (field[COLUMN_APPELLATION]));
      row->note = g_strstrip (g_strdup (field[COLUMN_NOTE]));

      key = g_strconcat (row->job_id, "\t", row->code, NULL);
      if (g_hash_table_contains (seen, key))
        {
          g_autofree char *what = g_strdup_printf (
              _("%s is mapped to %s already, on line %" PRIu64), row->job_id, row->code,
              (guint64) GPOINTER_TO_SIZE (g_hash_table_lookup (seen, key)));
          sqlite3_finalize (known);
          set_field_error (error, reader, REPERE_MAPPING_ERROR_INVALID, "rome_code", code, what);
          return NULL;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) row->line));
    }

  if (rows->len == 0)
    {
      g_set_error (error, REPERE_MAPPING_ERROR, REPERE_MAPPING_ERROR_EMPTY,
                   _("%s: no mapping row (the mapping in force is kept)"), file);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * repere_mapping_import_reader:
 * @db: the database
 * @reader: a CSV reader on a mapping file (columns job, rome_code, and
 *   optionally appellation, confidence, note, in any order); not yet read
 * @label: the import's label in the history, e.g. the file name
 * @n_rows: (out) (optional): rows imported
 * @error: #RepereMappingError naming file, line and field; a
 *   #RepereCsvError; %REPERE_DB_ERROR_QUERY
 *
 * Replaces the whole job ↔ ROME mapping with the file's rows and records an
 * import_batch of kind 'mapping' (with the file's SHA-256 and row count).
 * A job is given by its id or any name repere_db_find_job() accepts; a code
 * must have the ROME form and, once a referential is imported, exist in it.
 * All or nothing: every row is checked before anything is written, and the
 * writes run in a savepoint (so this also works inside the caller's
 * transaction, as on first start). Ratings are left untouched.
 *
 * Returns: %TRUE on success; on failure the database is unchanged
 */
gboolean
repere_mapping_import_reader (RepereDb *db, RepereCsvReader *reader, const char *label, guint *n_rows,
                              GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) rows = read_rows (db, reader, error);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = g_date_time_format_iso8601 (now);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 batch;
  gboolean ok = FALSE;

  if (rows == NULL)
    return FALSE;
  if (!repere_sql_exec (handle, "SAVEPOINT mapping", error))
    return FALSE;
  sql = repere_sql_printf ("INSERT INTO import_batch (kind, label, started_at, note) VALUES"
                           " ('mapping', %Q, %Q, %Q)",
                           label, started, repere_csv_reader_get_display_name (reader));
  if (!repere_sql_exec (handle, sql, error) || !repere_sql_exec (handle, "DELETE FROM job_rome", error))
    goto out;
  batch = sqlite3_last_insert_rowid (handle);
  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO job_rome (job_id, rome_code, appellation, confidence, note)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      repere_sql_failed (handle, error);
      goto out;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      sqlite3_bind_text (stmt, 1, row->job_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, row->appellation, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->confidence, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, row->note, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_set_error (error, REPERE_MAPPING_ERROR, REPERE_MAPPING_ERROR_INVALID, _("%s, line %" PRIu64 ": %s"),
                       repere_csv_reader_get_display_name (reader), row->line, sqlite3_errmsg (handle));
          goto out;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  {
    g_autoptr (GDateTime) end = g_date_time_new_now_utc ();
    g_autofree char *finished = g_date_time_format_iso8601 (end);
    g_autofree char *file_sql = repere_sql_printf (
        "INSERT INTO import_file (batch_id, name, sha256, rows) VALUES (%lld, %Q, %Q, %u);"
        "UPDATE import_batch SET finished_at = %Q WHERE id = %lld",
        (long long) batch, repere_csv_reader_get_display_name (reader), repere_csv_reader_get_sha256 (reader),
        rows->len, finished, (long long) batch);
    if (!repere_sql_exec (handle, file_sql, error))
      goto out;
  }
  ok = repere_sql_exec (handle, "RELEASE mapping", error);

out:
  sqlite3_finalize (stmt);
  if (!ok)
    {
      sqlite3_exec (handle, "ROLLBACK TO mapping; RELEASE mapping", NULL, NULL, NULL);
      return FALSE;
    }
  if (n_rows)
    *n_rows = rows->len;
  return TRUE;
}

/**
 * repere_mapping_import:
 * @path: a mapping CSV file (any delimiter, UTF-8 or Windows-1252, see
 *   #RepereCsvReader)
 *
 * repere_mapping_import_reader() on a file; the history names the file.
 *
 * Returns: %TRUE on success; on failure the database is unchanged
 */
gboolean
repere_mapping_import (RepereDb *db, const char *path, guint *n_rows, GError **error)
{
  return repere_mapping_import_full (db, path, n_rows, NULL, error);
}

/**
 * repere_mapping_import_full:
 * @path: a mapping CSV file
 * @n_rows: (out) (optional): rows imported
 * @encoding: (out) (optional): the encoding the file was read in (UTF-8,
 *   Windows-1252, UTF-16…: decided on the whole file, never guessed), for
 *   the import's summary
 *
 * repere_mapping_import() that also says how the file was read.
 *
 * Returns: %TRUE on success; on failure the database is unchanged
 */
gboolean
repere_mapping_import_full (RepereDb *db, const char *path, guint *n_rows, RepereCsvEncoding *encoding,
                            GError **error)
{
  g_autoptr (RepereCsvReader) reader = repere_csv_reader_new_for_path (path, REPERE_CSV_ENCODING_AUTO, error);
  g_autofree char *base = g_path_get_basename (path);

  if (reader == NULL)
    return FALSE;
  if (!repere_mapping_import_reader (db, reader, base, n_rows, error))
    return FALSE;
  if (encoding)
    *encoding = repere_csv_reader_get_encoding (reader);
  return TRUE;
}

/**
 * repere_mapping_restore_bundled:
 * @n_rows: (out) (optional): rows imported
 * @error: as repere_mapping_import_reader(); a bundled code that an
 *   imported referential no longer has is an error naming the line
 *
 * Replaces the mapping in force by the one compiled into Repère
 * (data/rome-mapping.csv, docs/rome-mapping.md), the way back after a
 * user's mapping was imported. Ratings are left untouched.
 *
 * Returns: %TRUE on success; on failure the database is unchanged
 */
gboolean
repere_mapping_restore_bundled (RepereDb *db, guint *n_rows, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data ("/org/observatoire_assistance/Repere/" REPERE_MAPPING_RESOURCE,
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autoptr (RepereCsvReader) reader = NULL;

  if (bytes == NULL)
    return FALSE;
  reader = repere_csv_reader_new_for_bytes (bytes, REPERE_MAPPING_RESOURCE, REPERE_CSV_ENCODING_UTF8);
  return repere_mapping_import_reader (db, reader, "Job ↔ ROME mapping (bundled)", n_rows, error);
}

/* One field, quoted as RFC 4180 asks, a formula neutralised
 * (repere_export_csv_field()). */
static void
append_field (GString *out, const char *value, gboolean last)
{
  repere_export_csv_field (out, value, ',');
  g_string_append_c (out, last ? '\n' : ',');
}

/**
 * repere_mapping_export:
 * @path: the file to write (replaced atomically)
 * @n_rows: (out) (optional): rows written
 * @error: %REPERE_DB_ERROR_QUERY or a #GFileError
 *
 * Writes the mapping in force as UTF-8 CSV, comma-separated, with the
 * columns job (job id), rome_code, appellation, confidence, note, sorted by
 * the job's place in the study's list (1.2.2) then code: the format
 * repere_mapping_import() reads back unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_mapping_export (RepereDb *db, const char *path, guint *n_rows, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;
  int rc;

  for (guint c = 0; c < N_COLUMNS; c++)
    append_field (out, mapping_columns[c], c + 1 == N_COLUMNS);
  if (sqlite3_prepare_v2 (handle,
                          "SELECT m.job_id, m.rome_code, m.appellation, m.confidence, m.note"
                          "  FROM job_rome m JOIN job j ON j.id = m.job_id"
                          " ORDER BY j.family_code, j.position, m.rome_code",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < N_COLUMNS; c++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, c);
          append_field (out, text ? (const char *) text : "", c + 1 == N_COLUMNS);
        }
      rows++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  if (!repere_export_text_to_file (out->str, out->len, path, error))
    return FALSE;
  if (n_rows)
    *n_rows = rows;
  return TRUE;
}

void
repere_mapping_row_free (RepereMappingRow *row)
{
  g_free (row->job_id);
  g_free (row->job_name);
  g_free (row->rome_code);
  g_free (row->rome_title);
  g_free (row->appellation);
  g_free (row->confidence);
  g_free (row->note);
  g_free (row);
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

/**
 * repere_mapping_list:
 * @job_id: (nullable): one job, or %NULL for the whole mapping
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The mapping in force, in the study's job order then code, with each
 * code's title from the imported referential ("" when absent).
 *
 * Returns: (transfer full) (element-type RepereMappingRow): the rows
 */
GPtrArray *
repere_mapping_list (RepereDb *db, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_mapping_row_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT m.job_id, j.name, m.rome_code, coalesce (r.title, ''), m.appellation,"
                          "       m.confidence, m.note"
                          "  FROM job_rome m JOIN job j ON j.id = m.job_id"
                          "  LEFT JOIN rome_code r ON r.code = m.rome_code"
                          " WHERE ?1 IS NULL OR m.job_id = ?1"
                          " ORDER BY j.family_code, j.position, m.rome_code",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereMappingRow *row = g_new0 (RepereMappingRow, 1);
      row->job_id = column_dup (stmt, 0);
      row->job_name = column_dup (stmt, 1);
      row->rome_code = column_dup (stmt, 2);
      row->rome_title = column_dup (stmt, 3);
      row->appellation = column_dup (stmt, 4);
      row->confidence = column_dup (stmt, 5);
      row->note = column_dup (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&rows);
}
