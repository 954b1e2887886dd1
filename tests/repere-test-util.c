/* repere-test-util.c: helpers shared by the GLib tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-test-util.h"

#include <glib/gstdio.h>

/**
 * repere_test_remove_dir:
 * @dir: a temporary folder (a test database and its -wal/-shm files, a
 *   LibreOffice profile…)
 *
 * Deletes what @dir holds, folders included (not following symbolic
 * links), then @dir; asserts that each removal succeeds.
 */
void
repere_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        repere_test_remove_dir (path);
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/**
 * repere_test_query_int:
 * @db: a connection
 * @sql: a query returning at least one row; ?1 is bound to @value
 * @value: (nullable): the text bound to ?1, if any
 *
 * Returns: the first column of the first row; aborts the test when the query
 *   fails or returns no row
 */
gint64
repere_test_query_int (sqlite3 *db, const char *sql, const char *value)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (value)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return result;
}

/**
 * repere_test_query_text:
 * @db: a connection
 * @sql: a query returning at least one row
 *
 * Returns: (transfer full) (nullable): the first column of the first row as
 *   text, %NULL when it is NULL; aborts the test when the query fails or
 *   returns no row
 */
char *
repere_test_query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}
