/* test-template.c: a new database copied from the database template is the
 * database a first start builds (issue 9: the first frame on a new database)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "repere-db.h"
#include "repere-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("repere-template-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  repere_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gint64
query_int (RepereDb *db, const char *sql)
{
  return repere_test_query_int (repere_db_get_handle (db), sql, NULL);
}

/* The rows of @table in main and not in built, and the other way round. */
static gint64
rows_apart (RepereDb *db, const char *table, const char *columns)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT (SELECT count (*) FROM (SELECT %s FROM main.\"%s\""
                         "                              EXCEPT SELECT %s FROM built.\"%s\"))"
                         " + (SELECT count (*) FROM (SELECT %s FROM built.\"%s\""
                         "                           EXCEPT SELECT %s FROM main.\"%s\"))",
                         columns, table, columns, table, columns, table, columns, table);
  return query_int (db, sql);
}

/* A file that does not exist is copied from the template, and holds what the
 * migrations and the study load build: the same schema, the same rows in
 * every table (the full-text indexes included), its import batches dated
 * at the copy. */
static void
test_same_as_built (Fixture *f, gconstpointer data)
{
  g_autofree char *copied_path = g_build_filename (f->dir, "copied.db", NULL);
  g_autofree char *built_path = g_build_filename (f->dir, "built.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) copied = NULL;
  g_autoptr (RepereDb) built = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) after = NULL;
  g_autofree char *earliest = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *integrity = NULL;
  char *attach = NULL;
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  guint tables = 0;

  copied = repere_db_open (copied_path, &error);
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();
  g_assert_true (repere_db_is_from_template (copied));
  built = repere_db_open_full (built_path, REPERE_DB_OPEN_NO_TEMPLATE, &error);
  g_assert_no_error (error);
  g_assert_false (repere_db_is_from_template (built));
  g_assert_cmpint (repere_db_get_schema_version (copied), ==, REPERE_DB_SCHEMA_VERSION);
  mode = repere_test_query_text (repere_db_get_handle (copied), "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  integrity = repere_test_query_text (repere_db_get_handle (copied), "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (query_int (copied, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  g_clear_object (&built);

  handle = repere_db_get_handle (copied);
  attach = sqlite3_mprintf ("ATTACH %Q AS built", built_path);
  g_assert_true (repere_sql_exec (handle, attach, NULL));
  sqlite3_free (attach);
  /* the same schema */
  g_assert_cmpint (query_int (copied, "SELECT count (*) FROM (SELECT type, name, tbl_name, sql FROM main.sqlite_schema"
                                      " EXCEPT SELECT type, name, tbl_name, sql FROM built.sqlite_schema)"),
                   ==, 0);
  g_assert_cmpint (query_int (copied, "SELECT count (*) FROM (SELECT type, name, tbl_name, sql FROM built.sqlite_schema"
                                      " EXCEPT SELECT type, name, tbl_name, sql FROM main.sqlite_schema)"),
                   ==, 0);
  /* the same rows, table by table */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM main.sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'import_batch'"
                                       " ORDER BY name",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count (*) FROM main.\"%s\"", table);
      g_autofree char *built_sql = g_strdup_printf ("SELECT count (*) FROM built.\"%s\"", table);

      if (rows_apart (copied, table, "*") != 0)
        g_error ("%s: the copy and the built database differ", table);
      g_assert_cmpint (query_int (copied, count_sql), ==, query_int (copied, built_sql));
      tables++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables, >, 40);
  /* the study's 58 jobs, their scores and their search index came along */
  g_assert_cmpint (query_int (copied, "SELECT count (*) FROM job"), ==, 58);
  g_assert_cmpint (query_int (copied, "SELECT count (*) FROM job_search WHERE job_search MATCH 'assistance'"), >, 0);
  /* the batches: the same but for their dates, which are the copy's */
  g_assert_cmpint (rows_apart (copied, "import_batch", "id, kind, label, note"), ==, 0);
  g_assert_cmpint (query_int (copied, "SELECT count (*) FROM import_batch"), ==, 2);
  earliest = repere_test_query_text (handle, "SELECT min (min (started_at), min (finished_at)) FROM import_batch");
  latest = repere_test_query_text (handle, "SELECT max (max (started_at), max (finished_at)) FROM import_batch");
  {
    g_autoptr (GDateTime) first = g_date_time_new_from_iso8601 (earliest, NULL);
    g_autoptr (GDateTime) last = g_date_time_new_from_iso8601 (latest, NULL);
    g_assert_nonnull (first);
    g_assert_nonnull (last);
    g_assert_cmpint (g_date_time_compare (first, before), >=, 0);
    g_assert_cmpint (g_date_time_compare (last, after), <=, 0);
  }
  /* no file left beside it */
  {
    g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (strstr (name, ".new-"));
  }
}

/* A file that exists is never replaced by the template: a database already
 * there is opened as it is, and so is an empty file (built as before). */
static void
test_existing_kept (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "repere.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;

  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (repere_db_is_from_template (db));
  g_assert_true (repere_sql_exec (repere_db_get_handle (db),
                                  "INSERT INTO import_batch (kind, label, started_at)"
                                  " VALUES ('mapping', 'mine', 'now')",
                                  NULL));
  g_clear_object (&db);
  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (repere_db_is_from_template (db));
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM import_batch WHERE label = 'mine'"), ==, 1);
  g_clear_object (&db);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  db = repere_db_open (empty, &error);
  g_assert_no_error (error);
  g_assert_false (repere_db_is_from_template (db));
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM job"), ==, 58);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/template/same-as-built", Fixture, NULL, fixture_set_up, test_same_as_built, fixture_tear_down);
  g_test_add ("/template/existing-kept", Fixture, NULL, fixture_set_up, test_existing_kept, fixture_tear_down);
  return g_test_run ();
}
