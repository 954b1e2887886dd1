/* rome-test-util.c: helpers of the ROME import tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rome-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

/**
 * rome_test_v460_dir:
 *
 * The real ROME v460 export, ../shared/rome/v460 beside the source tree
 * (REPERE_ROME_DIR). When it is missing the calling test is skipped, or fails
 * when CI=true: CI always has it.
 *
 * Returns: (nullable): the folder, or %NULL when the test must stop
 */
const char *
rome_test_v460_dir (void)
{
  const char *dir = g_getenv ("REPERE_ROME_DIR");

  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    return dir;
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("the ROME v460 export is missing (%s); CI must provide it",
                        dir ? dir : "REPERE_ROME_DIR unset");
  else
    g_test_skip ("the ROME v460 export (../shared/rome/v460) is not there");
  return NULL;
}

/**
 * rome_test_data_path:
 * @name: a path under tests/data
 *
 * Returns: (transfer full): its absolute path (REPERE_TEST_DATA)
 */
char *
rome_test_data_path (const char *name)
{
  const char *data = g_getenv ("REPERE_TEST_DATA");
  g_assert_nonnull (data);
  return g_build_filename (data, name, NULL);
}

/**
 * rome_test_copy_dir:
 * @from: a flat folder
 * @to: a folder, created when missing; files of the same name are replaced
 *
 * Copies every file of @from into @to, writable.
 */
void
rome_test_copy_dir (const char *from, const char *to)
{
  g_autoptr (GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autoptr (GFile) src_file = g_file_new_for_path (src);
      g_autoptr (GFile) dst_file = g_file_new_for_path (dst);
      g_autoptr (GError) error = NULL;

      g_file_copy (src_file, dst_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (dst, 0600), ==, 0);
    }
}

/**
 * rome_test_dump_query:
 * @db: a connection
 * @out: where the rows go, each value typed and byte for byte
 * @sql: a query
 */
void
rome_test_dump_query (sqlite3 *db, GString *out, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_string_append_printf (out, "## %s\n", sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_NULL:
              g_string_append (out, "NULL");
              break;
            case SQLITE_INTEGER:
              g_string_append_printf (out, "i%lld", (long long) sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              g_string_append_printf (out, "f%.17g", sqlite3_column_double (stmt, i));
              break;
            default:
              {
                /* text and blobs byte for byte, with their length */
                int len = sqlite3_column_bytes (stmt, i);
                const void *data = sqlite3_column_blob (stmt, i);
                g_string_append_printf (
                    out, "%c%d:", sqlite3_column_type (stmt, i) == SQLITE_TEXT ? 't' : 'b', len);
                g_string_append_len (out, data ? data : "", len);
              }
            }
          g_string_append_c (out, '|');
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/**
 * rome_test_dump:
 * @db: a connection
 *
 * Every table of the main database (FTS shadow tables included), row by row
 * in storage order, with the schema and user_version: two equal dumps mean
 * the same content byte for byte.
 *
 * Returns: (transfer full): the dump
 */
char *
rome_test_dump (sqlite3 *db)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  rome_test_dump_query (db, out, "PRAGMA user_version");
  rome_test_dump_query (db, out,
                        "SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY name");
  g_assert_cmpint (sqlite3_prepare_v2 (
                       db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY name",
                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      char *sql = sqlite3_mprintf ("SELECT * FROM main.\"%w\"",
                                   (const char *) g_ptr_array_index (tables, i));
      rome_test_dump_query (db, out, sql);
      sqlite3_free (sql);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rome_test_dump_referential:
 * @db: a connection
 *
 * The ROME referential (codes, appellations, competencies with their flags,
 * links, domains, texts, work contexts, mobility, undo rows) in key order,
 * and the label search on a few words.
 *
 * Returns: (transfer full): the dump
 */
char *
rome_test_dump_referential (sqlite3 *db)
{
  static const char *const queries[] = {
    "SELECT * FROM rome_code ORDER BY code",
    "SELECT * FROM rome_appellation ORDER BY id",
    "SELECT * FROM competency ORDER BY id",
    "SELECT * FROM rome_competency ORDER BY rome_code, competency_id",
    "SELECT * FROM rome_code_undo ORDER BY undo_batch_id, code",
    "SELECT * FROM rome_appellation_undo ORDER BY undo_batch_id, id",
    "SELECT * FROM competency_undo ORDER BY undo_batch_id, id",
    "SELECT * FROM rome_competency_undo ORDER BY undo_batch_id, rome_code, competency_id",
    /* issue 9: the fiche parts */
    "SELECT * FROM rome_grand_domain ORDER BY code",
    "SELECT * FROM rome_domain ORDER BY code",
    "SELECT * FROM rome_text ORDER BY rome_code, kind, position",
    "SELECT * FROM rome_context ORDER BY id",
    "SELECT * FROM rome_code_context ORDER BY rome_code, context_id",
    "SELECT * FROM rome_mobility ORDER BY rome_code, target_code",
    "SELECT * FROM rome_grand_domain_undo ORDER BY undo_batch_id, code",
    "SELECT * FROM rome_domain_undo ORDER BY undo_batch_id, code",
    "SELECT * FROM rome_text_undo ORDER BY undo_batch_id, rome_code, kind, position",
    "SELECT * FROM rome_context_undo ORDER BY undo_batch_id, id",
    "SELECT * FROM rome_code_context_undo ORDER BY undo_batch_id, rome_code, context_id",
    "SELECT * FROM rome_mobility_undo ORDER BY undo_batch_id, rome_code, target_code",
    "SELECT rowid FROM competency_search WHERE competency_search MATCH 'gerer OR accueil OR "
    "donnees' ORDER BY rowid",
  };
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    rome_test_dump_query (db, out, queries[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
