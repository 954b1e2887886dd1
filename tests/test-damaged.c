/* test-damaged.c: repere-cli on a damaged or read-only database (issue 12,
 * point 5)
 *
 * A truncated file, an overwritten header, random bytes in the schema page
 * or in the pages of the main tables: every command fails with one message
 * that names the file and suggests `repere-cli check`, without a GLib
 * critical (the children run with G_DEBUG=fatal-criticals, so a critical
 * aborts them and fails the test) and without SQL text; the file is left
 * byte for byte as it was. A read-only folder or file is said as such.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *cli_path;
static char *tmp_dir;
static char *template_path;

typedef struct
{
  char *out;
  char *err;
  int status; /* exit status, -1 when killed (a critical aborts) */
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs repere-cli on @database with @args; as user nobody when @nobody
 * (root writes any file: the read-only cases need another user). */
static void
run_cli (Run *run, const char *database, const char *const *args, gboolean nobody)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *data_home = g_build_filename (tmp_dir, "data-home", NULL);
  int wait_status = 0;

  if (nobody)
    {
      g_ptr_array_add (argv, (gpointer) "setpriv");
      g_ptr_array_add (argv, (gpointer) "--reuid=65534");
      g_ptr_array_add (argv, (gpointer) "--regid=65534");
      g_ptr_array_add (argv, (gpointer) "--clear-groups");
      g_ptr_array_add (argv, (gpointer) "--");
    }
  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  g_ptr_array_add (argv, (gpointer) "--no-bundled-rome");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  /* A critical in the child aborts it. */
  env = g_environ_setenv (env, "G_DEBUG", "fatal-criticals", TRUE);

  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
    g_error ("cannot run %s: %s", cli_path, error->message);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
file_sha256 (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* A database with the study and the bundled ROME referential, one file
 * (the WAL checkpointed into it). */
static const char *template(void)
{
  if (template_path == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_auto (Run) run = { 0 };
      int wait_status = 0;

      template_path = g_build_filename (tmp_dir, "template.db", NULL);
      /* Without --no-bundled-rome: this loads the bundled referential. */
      {
        const char *argv[] = { cli_path,       "--database",          template_path,
                               "competencies", "charge-d-assistance", NULL };
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     &run.out, &run.err, &wait_status, &error));
      }
      g_assert_no_error (error);
      if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
        g_error ("cannot make the template: %s", run.err);
    }
  return template_path;
}

/* A copy of the template at @name in the test folder. */
static char *
copy_template (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_get_contents (template(), &data, &length, &error));
  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
  return path;
}

/* The root page numbers of every table and index of the template but the
 * table of tables, and its page size. */
static GArray *
root_pages (int *page_size)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (int));

  g_assert_cmpint (sqlite3_open_v2 (template(), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *page_size = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE rootpage > 1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int page = sqlite3_column_int (stmt, 0);
      g_array_append_val (pages, page);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (pages->len, >, 50);
  return pages;
}

/* Writes @length bytes from a fixed seed at @offset of @path. */
static void
scribble (const char *path, goffset offset, gsize length, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint8 *bytes = g_malloc (length);
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  for (gsize i = 0; i < length; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, length, file), ==, length);
  fclose (file);
}

/* One message on stderr (a line "repere-cli: …"; only progress lines,
 * ending with "%" or "…", besides), naming @path and suggesting `repere-cli check`, no critical, no
 * SQL. */
static void
assert_clear_error (const Run *run, const char *path, const char *command)
{
  g_auto (GStrv) lines = g_strsplit (run->err, "\n", -1);
  g_autoptr (GRegex) sql = g_regex_new (
      "\\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|FROM|WHERE|JOIN)\\b", 0, 0, NULL);
  g_autofree char *base = g_path_get_basename (path);
  const char *message = NULL;

  g_test_message ("%s: %s", command, run->err);
  if (run->status != 1)
    g_error ("%s on %s: exit status %d (%s)", command, path, run->status, run->err);
  g_assert_true (g_utf8_validate (run->err, -1, NULL));
  g_assert_null (strstr (run->err, "CRITICAL"));
  g_assert_null (strstr (run->err, "WARNING"));
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "repere-cli: "))
      {
        g_assert_null (message);
        message = lines[i];
      }
    else if (*lines[i])
      g_assert_true (g_str_has_suffix (lines[i], "%")
                     || g_str_has_suffix (lines[i], "…")); /* progress */
  g_assert_nonnull (message);
  if (strstr (message, base) == NULL)
    g_error ("%s: “%s” does not name %s", command, message, base);
  if (strstr (message, "repere-cli check") == NULL)
    g_error ("%s: “%s” does not suggest repere-cli check", command, message);
  if (g_regex_match (sql, message, 0, NULL))
    g_error ("%s: “%s” holds SQL", command, message);
}

typedef struct
{
  const char *name;
  const char *const *args;
} Command;

static const char *rome_mini;
static char *csv_out;
static char *mapping_in;

/* Every command a user runs on their database. */
static GPtrArray *
commands (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
#define ADD(...)                                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    static const char *const args_[] = { __VA_ARGS__, NULL };                                      \
    Command *c_ = g_new0 (Command, 1);                                                             \
    c_->name = args_[0];                                                                           \
    c_->args = args_;                                                                              \
    g_ptr_array_add (list, c_);                                                                    \
  }                                                                                                \
  G_STMT_END

  ADD ("jobs");
  ADD ("show", "charge-d-assistance");
  ADD ("families");
  ADD ("assessment", "list");
  ADD ("assessment", "create", "Essai");
  ADD ("competencies", "charge-d-assistance");
  ADD ("search-competencies", "accueil");
  ADD ("rome", "D1408");
  ADD ("rome-history");
  ADD ("history", "experts");
#undef ADD
  {
    Command *c;
    static const char *export_args[] = { "export", "--format", "csv", "--output", NULL, NULL };
    static const char *mapping_args[] = { "export-mapping", NULL, NULL };
    static const char *import_args[] = { "import-mapping", NULL, NULL };
    static const char *rome_args[] = { "import-rome", NULL, NULL };
    export_args[4] = csv_out;
    mapping_args[1] = csv_out;
    import_args[1] = mapping_in;
    rome_args[1] = rome_mini;
    c = g_new0 (Command, 1), c->name = "export", c->args = export_args, g_ptr_array_add (list, c);
    c = g_new0 (Command, 1), c->name = "export-mapping", c->args = mapping_args,
    g_ptr_array_add (list, c);
    c = g_new0 (Command, 1), c->name = "import-mapping", c->args = import_args,
    g_ptr_array_add (list, c);
    c = g_new0 (Command, 1), c->name = "import-rome", c->args = rome_args,
    g_ptr_array_add (list, c);
  }
  return list;
}

typedef void (*Damage) (const char *path);

static void
damage_truncate (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 3), ==, 0);
}

static void
damage_header (const char *path)
{
  scribble (path, 0, 100, 1);
}

static void
damage_schema (const char *path)
{
  /* Page 1 after the file header: the table of tables. */
  scribble (path, 100, 3996, 2);
}

/* Random bytes over the first page of every table and index. */
static void
damage_tables (const char *path)
{
  int page_size = 0;
  g_autoptr (GArray) pages = root_pages (&page_size);

  for (guint i = 0; i < pages->len; i++)
    scribble (path, (goffset) (g_array_index (pages, int, i) - 1) * page_size, page_size, 3 + i);
}

static void
test_damaged (gconstpointer data)
{
  Damage damage = (Damage) data;
  g_autoptr (GPtrArray) list = commands ();

  for (guint i = 0; i < list->len; i++)
    {
      Command *c = g_ptr_array_index (list, i);
      g_autofree char *path = copy_template ("damaged.db");
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_auto (Run) run = { 0 };

      damage (path);
      before = file_sha256 (path);
      run_cli (&run, path, c->args, FALSE);
      assert_clear_error (&run, path, c->name);
      after = file_sha256 (path);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A read-only folder and a read-only file are named as such. */
static void
test_read_only (void)
{
  gboolean nobody = geteuid () == 0;
  g_autofree char *dir = g_build_filename (tmp_dir, "read-only", NULL);
  g_autofree char *in_dir = g_build_filename (dir, "repere.db", NULL);
  g_autofree char *file = NULL;
  const char *const list[] = { "assessment", "list", NULL };
  const char *const create[] = { "assessment", "create", "Essai", NULL };

  if (nobody && !g_find_program_in_path ("setpriv"))
    g_error ("as root, the read-only cases run as nobody through setpriv (util-linux)");
  /* The test folder is private (0700): nobody must reach the files. */
  g_assert_cmpint (g_chmod (tmp_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  {
    g_autofree char *copy = copy_template ("read-only/repere.db");
    g_assert_cmpint (g_chmod (copy, 0666), ==, 0);
  }
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  /* The read-only file in a folder anyone can write. */
  {
    g_autofree char *open_dir = g_build_filename (tmp_dir, "open", NULL);
    g_assert_cmpint (g_mkdir (open_dir, 0777), ==, 0);
    g_assert_cmpint (g_chmod (open_dir, 0777), ==, 0);
  }
  file = copy_template ("open/read-only-file.db");
  g_assert_cmpint (g_chmod (file, 0444), ==, 0);

  for (guint k = 0; k < 2; k++)
    {
      const char *const *args = k ? create : list;
      g_auto (Run) in_folder = { 0 };
      g_auto (Run) on_file = { 0 };

      run_cli (&in_folder, in_dir, args, nobody);
      g_test_message ("%s", in_folder.err);
      g_assert_cmpint (in_folder.status, ==, 1);
      g_assert_nonnull (strstr (in_folder.err, "The folder"));
      g_assert_nonnull (strstr (in_folder.err, dir));
      g_assert_nonnull (strstr (in_folder.err, "read-only"));
      g_assert_null (strstr (in_folder.err, "not a database"));
      g_assert_null (strstr (in_folder.err, "CRITICAL"));

      run_cli (&on_file, file, args, nobody);
      g_test_message ("%s", on_file.err);
      g_assert_cmpint (on_file.status, ==, 1);
      g_assert_nonnull (strstr (on_file.err, file));
      g_assert_nonnull (strstr (on_file.err, "The database"));
      g_assert_nonnull (strstr (on_file.err, "is read-only"));
      g_assert_null (strstr (on_file.err, "The folder"));
      g_assert_null (strstr (on_file.err, "not a database"));
      g_assert_null (strstr (on_file.err, "CRITICAL"));
    }
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (tmp_dir, 0700), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *data_dir = g_getenv ("REPERE_TEST_DATA");
  const char *source = g_getenv ("REPERE_SOURCE_ROOT");
  g_autofree char *rome_dir = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli_path = g_strdup (g_getenv ("REPERE_CLI"));
  if (cli_path == NULL || data_dir == NULL || source == NULL)
    g_error ("REPERE_CLI, REPERE_TEST_DATA and REPERE_SOURCE_ROOT must be set (meson test does)");
  rome_dir = g_build_filename (data_dir, "rome-mini", NULL);
  rome_mini = rome_dir;
  mapping_in = g_build_filename (source, "data", "rome-mapping.csv", NULL);
  tmp_dir = g_dir_make_tmp ("repere-damaged-XXXXXX", &error);
  g_assert_no_error (error);
  csv_out = g_build_filename (tmp_dir, "out.csv", NULL);

  g_test_add_data_func ("/damaged/truncated", damage_truncate, test_damaged);
  g_test_add_data_func ("/damaged/header", damage_header, test_damaged);
  g_test_add_data_func ("/damaged/schema-page", damage_schema, test_damaged);
  g_test_add_data_func ("/damaged/table-pages", damage_tables, test_damaged);
  g_test_add_func ("/damaged/read-only", test_read_only);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (template_path);
  g_free (cli_path);
  g_free (csv_out);
  g_free (mapping_in);
  return status;
}
