/* repere-table-import.c: one CSV file into one SQLite table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-table-import.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

G_DEFINE_QUARK (repere-import-error-quark, repere_import_error)

/**
 * repere_sql_printf:
 * @format: a sqlite3_mprintf() format (%Q quotes a string literal, %w an identifier)
 *
 * Returns: (transfer full): the formatted SQL, to free with g_free()
 */
char *
repere_sql_printf (const char *format, ...)
{
  va_list args;
  char *sql;
  char *copy;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  copy = g_strdup (sql);
  sqlite3_free (sql);
  return copy;
}

typedef struct
{
  char *name;
  gboolean not_null;
  gboolean has_default;
  gboolean primary_key;
} Column;

static void
column_free (Column *column)
{
  g_free (column->name);
  g_free (column);
}

static GPtrArray *
table_columns (sqlite3 *db, const char *table, GError **error)
{
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  g_autofree char *sql = repere_sql_printf ("PRAGMA table_info(%Q)", table);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_DATABASE, "%s", sqlite3_errmsg (db));
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Column *column = g_new0 (Column, 1);
      column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      column->not_null = sqlite3_column_int (stmt, 3);
      column->has_default = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      column->primary_key = sqlite3_column_int (stmt, 5) > 0;
      g_ptr_array_add (columns, column);
    }
  sqlite3_finalize (stmt);
  if (columns->len == 0)
    {
      g_set_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_DATABASE, _("no table “%s”"), table);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

/* The header column a SQLite constraint message names ("… failed: job.id",
 * "… in INTEGER column job.position"), or -1. */
static int
column_in_message (RepereCsvReader *reader, const char *table, const char *message)
{
  g_autofree char *prefix = g_strconcat (table, ".", NULL);
  const char *p = strstr (message, prefix);

  if (p == NULL)
    return -1;
  p += strlen (prefix);
  for (guint i = 0; i < repere_csv_reader_get_n_columns (reader); i++)
    {
      const char *name = repere_csv_reader_get_column_name (reader, i);
      gsize len = strlen (name);
      if (strncmp (p, name, len) == 0 && !g_ascii_isalnum (p[len]) && p[len] != '_')
        return (int) i;
    }
  return -1;
}

/* After a failed foreign key, which reference the current record breaks:
 * the header column of its first child column, or -1 when none can be told
 * (SQLite's message names none). */
static int
broken_reference (sqlite3 *db, const char *table, RepereCsvReader *reader, const gboolean *nullable)
{
  g_autofree char *sql = repere_sql_printf ("PRAGMA foreign_key_list(%Q)", table);
  g_autoptr (GString) check = g_string_new (NULL);
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  sqlite3_stmt *list = NULL;
  gboolean usable = FALSE;
  int reference = -1;
  int first = -1;
  int found = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &list, NULL) != SQLITE_OK)
    return -1;
  for (;;)
    {
      gboolean more = sqlite3_step (list) == SQLITE_ROW;
      const char *to;
      int index;

      if (!more || sqlite3_column_int (list, 0) != reference)
        {
          /* The previous reference is complete: does its parent row exist? */
          if (usable && first >= 0)
            {
              sqlite3_stmt *stmt = NULL;
              gboolean exists = TRUE;
              if (sqlite3_prepare_v2 (db, check->str, -1, &stmt, NULL) == SQLITE_OK)
                {
                  for (guint i = 0; i < values->len; i++)
                    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);
                  exists = sqlite3_step (stmt) == SQLITE_ROW;
                }
              sqlite3_finalize (stmt);
              if (!exists)
                {
                  found = first;
                  break;
                }
            }
          if (!more)
            break;
          reference = sqlite3_column_int (list, 0);
          g_string_printf (check, "SELECT 1 FROM \"%s\" WHERE 1", sqlite3_column_text (list, 2));
          g_ptr_array_set_size (values, 0);
          usable = TRUE;
          first = -1;
        }
      to = (const char *) sqlite3_column_text (list, 4);
      index = repere_csv_reader_find_column (reader, (const char *) sqlite3_column_text (list, 3));
      /* A NULL child value never breaks a reference; a column left to its
       * default or a reference to an implicit key is not checked here. */
      if (to == NULL || index < 0
          || (*repere_csv_reader_get_field (reader, index) == '\0' && nullable[index]))
        {
          usable = FALSE;
          continue;
        }
      g_ptr_array_add (values, (gpointer) repere_csv_reader_get_field (reader, index));
      g_string_append_printf (check, " AND \"%s\" = ?%u", to, values->len);
      if (first < 0)
        first = index;
    }
  sqlite3_finalize (list);
  return found;
}

static const char *
explain (int extended_code)
{
  switch (extended_code)
    {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return _("duplicate key");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return _("refers to something that does not exist");
    case SQLITE_CONSTRAINT_NOTNULL:
      return _("a value is required");
    case SQLITE_CONSTRAINT_CHECK:
      return _("value out of range");
    case SQLITE_CONSTRAINT_DATATYPE:
      return _("wrong type of value");
    default:
      return _("invalid row");
    }
}

/**
 * repere_table_import:
 * @db: an open connection; the caller holds the transaction
 * @table: the table to fill; the CSV header names its columns
 * @reader: (transfer none): a reader that has read nothing yet
 * @n_rows: (out) (optional): rows inserted
 * @error: #RepereCsvError for unreadable input, #RepereImportError for a
 *   header that does not fit the table or a row that breaks a constraint;
 *   every message names the file, the line and the field
 *
 * Inserts every record of @reader into @table. An empty field becomes NULL in
 * a column that accepts NULL, and the empty string otherwise. Nothing is
 * rolled back here: on error the caller rolls back its transaction.
 *
 * Returns: %TRUE when every record was inserted
 */
gboolean
repere_table_import (sqlite3 *db, const char *table, RepereCsvReader *reader, guint64 *n_rows,
                     GError **error)
{
  g_autoptr (GPtrArray) columns = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autofree gboolean *nullable = NULL;
  const char *file = repere_csv_reader_get_display_name (reader);
  sqlite3_stmt *stmt = NULL;
  guint n_columns;
  guint64 rows = 0;
  gboolean ok = TRUE;

  columns = table_columns (db, table, error);
  if (columns == NULL || !repere_csv_reader_read_header (reader, error))
    return FALSE;
  n_columns = repere_csv_reader_get_n_columns (reader);
  nullable = g_new0 (gboolean, n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = repere_csv_reader_get_column_name (reader, i);
      gboolean found = FALSE;
      for (guint c = 0; c < columns->len; c++)
        {
          Column *column = g_ptr_array_index (columns, c);
          if (g_strcmp0 (column->name, name) == 0)
            {
              found = TRUE;
              nullable[i] = !column->not_null && !column->primary_key;
            }
        }
      if (!found)
        {
          g_set_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_UNKNOWN_COLUMN,
                       _("%s, line 1: unknown column “%s” (the delimiter detected is “%s”)"), file,
                       name, repere_csv_reader_get_delimiter (reader) == '\t' ? "\\t"
                             : (char[]){ repere_csv_reader_get_delimiter (reader), 0 });
          return FALSE;
        }
    }
  for (guint c = 0; c < columns->len; c++)
    {
      Column *column = g_ptr_array_index (columns, c);
      if (column->not_null && !column->has_default
          && repere_csv_reader_find_column (reader, column->name) < 0)
        {
          g_set_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_MISSING_COLUMN,
                       _("%s, line 1: column “%s” is missing"), file, column->name);
          return FALSE;
        }
    }

  g_string_append_printf (sql, "INSERT INTO \"%s\" (", table);
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", repere_csv_reader_get_column_name (reader, i));
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (sql, "%s?", i ? ", " : "");
  g_string_append (sql, ")");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_DATABASE, "%s: %s", file,
                   sqlite3_errmsg (db));
      return FALSE;
    }

  for (;;)
    {
      g_autoptr (GError) read_error = NULL;
      if (!repere_csv_reader_next (reader, &read_error))
        {
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              ok = FALSE;
            }
          break;
        }
      for (guint i = 0; i < n_columns; i++)
        {
          const char *value = repere_csv_reader_get_field (reader, i);
          if (*value == '\0' && nullable[i])
            sqlite3_bind_null (stmt, i + 1);
          else
            sqlite3_bind_text (stmt, i + 1, value, -1, SQLITE_STATIC);
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          /* Copied: looking for the broken reference runs other statements. */
          g_autofree char *message = g_strdup (sqlite3_errmsg (db));
          int code = sqlite3_extended_errcode (db);
          int field = code == SQLITE_CONSTRAINT_FOREIGNKEY
                          ? broken_reference (db, table, reader, nullable)
                          : column_in_message (reader, table, message);
          guint64 line = repere_csv_reader_get_line (reader);

          if (field >= 0)
            g_set_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_INVALID,
                         _("%s, line %" PRIu64 ", field %d (“%s” = “%s”): %s (%s)"), file,
                         line, field + 1, repere_csv_reader_get_column_name (reader, field),
                         repere_csv_reader_get_field (reader, field), explain (code), message);
          else
            g_set_error (error, (code & 0xff) == SQLITE_CONSTRAINT ? REPERE_IMPORT_ERROR : REPERE_IMPORT_ERROR,
                         (code & 0xff) == SQLITE_CONSTRAINT ? REPERE_IMPORT_ERROR_INVALID
                                                            : REPERE_IMPORT_ERROR_DATABASE,
                         _("%s, line %" PRIu64 ": %s (%s)"), file, line, explain (code),
                         message);
          ok = FALSE;
          break;
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      rows++;
    }
  sqlite3_finalize (stmt);
  if (n_rows)
    *n_rows = rows;
  return ok;
}
