/* test-cli.c: repere-cli, run as a child process on a temporary database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "repere-csv.h"

static const char *const assessments[] = { "pwc-initial", "pwc-revised", "experts" };
static const char *const tsv_header = "rank\tjob_id\tjob\tfamily\tcore\tscore\tclassification\tcomputed_score\tcomputed_rank\tsuggested_classification";

static char *cli_path;
static char *tmp_dir;
static char *db_path;

typedef struct
{
  char *out;
  char *err;
  int status; /* exit status, -1 when killed */
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs repere-cli with @args (NULL-terminated), on @database when not NULL.
 * The child runs in C.UTF-8 so that it prints the untranslated (English)
 * strings in UTF-8; in plain "C", g_print() would turn every non-ASCII
 * character of the study into "?". */
static void
run_cli_on (Run *run, const char *database, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *data_home = g_build_filename (tmp_dir, "data-home", NULL);
  int wait_status = 0;

  g_ptr_array_add (argv, cli_path);
  if (database)
    {
      g_ptr_array_add (argv, (gpointer) "--database");
      g_ptr_array_add (argv, (gpointer) database);
    }
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "LANG");
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);

  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                     &wait_status, &error))
    g_error ("cannot run %s: %s", cli_path, error->message);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_assert_true (g_utf8_validate (run->out, -1, NULL));
  g_assert_true (g_utf8_validate (run->err, -1, NULL));
}

static void
run_cli (Run *run, const char *const *args)
{
  run_cli_on (run, db_path, args);
}

static void
assert_success (const Run *run)
{
  if (run->status != 0)
    g_error ("repere-cli failed (%d): %s", run->status, run->err);
}

/* The lines of @text without the final empty one. */
static GStrv
split_lines (const char *text)
{
  char **lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 0);
  /* Output ends with a newline. */
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  return lines;
}

/* `jobs` output as rows of cells, header first, checked for shape. */
static GPtrArray *
parse_tsv (const char *text)
{
  g_auto (GStrv) lines = split_lines (text);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_cmpstr (lines[0], ==, tsv_header);
  for (guint i = 0; lines[i]; i++)
    {
      char **cells = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 10);
      g_ptr_array_add (rows, cells);
    }
  return rows;
}

static const char *
cell (GPtrArray *rows, guint row, guint column)
{
  return ((char **) g_ptr_array_index (rows, row))[column];
}

static void
test_jobs_rank (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (assessments); a++)
    {
      const char *args[] = { "jobs", "--assessment", assessments[a], "--sort", "rank", NULL };
      g_auto (Run) run = { 0 };
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

      run_cli (&run, args);
      assert_success (&run);
      g_assert_cmpstr (run.err, ==, "");
      rows = parse_tsv (run.out);
      g_assert_cmpuint (rows->len, ==, 1 + 58);
      for (guint i = 1; i < rows->len; i++)
        {
          g_autofree char *rank = g_strdup_printf ("%u", i);
          g_assert_cmpstr (cell (rows, i, 0), ==, rank);
          g_assert_true (g_hash_table_add (ids, (gpointer) cell (rows, i, 1)));
          g_assert_true (g_str_equal (cell (rows, i, 4), "0") || g_str_equal (cell (rows, i, 4), "1"));
          /* Scores print with a decimal point whatever the locale. */
          g_assert_nonnull (strchr (cell (rows, i, 5), '.'));
          g_assert_cmpstr (cell (rows, i, 6), !=, "");
        }
    }
}

static void
test_jobs_filters (void)
{
  g_auto (Run) family = { 0 };
  g_auto (Run) core = { 0 };
  g_auto (Run) all = { 0 };
  g_auto (Run) emergent = { 0 };
  g_auto (Run) search = { 0 };
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) all_rows = NULL;
  guint expected_emergent = 0;

  run_cli (&family, (const char *[]){ "jobs", "--family", "07", NULL });
  assert_success (&family);
  rows = parse_tsv (family.out);
  g_assert_cmpuint (rows->len - 1, ==, 9);
  for (guint i = 1; i < rows->len; i++)
    g_assert_true (g_str_has_prefix (cell (rows, i, 3), "07 "));
  g_clear_pointer (&rows, g_ptr_array_unref);

  run_cli (&core, (const char *[]){ "jobs", "--core", NULL });
  assert_success (&core);
  rows = parse_tsv (core.out);
  g_assert_cmpuint (rows->len - 1, ==, 10);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpstr (cell (rows, i, 4), ==, "1");
  g_clear_pointer (&rows, g_ptr_array_unref);

  run_cli (&all, (const char *[]){ "jobs", NULL });
  assert_success (&all);
  all_rows = parse_tsv (all.out);
  for (guint i = 1; i < all_rows->len; i++)
    {
      /* Issue 13: the class with its capital accent, never "Emergent". */
      g_assert_cmpstr (cell (all_rows, i, 6), !=, "Emergent");
      if (g_str_equal (cell (all_rows, i, 6), "Émergent"))
        expected_emergent++;
    }
  g_assert_cmpuint (expected_emergent, >, 0);

  run_cli (&emergent, (const char *[]){ "jobs", "--classification", "emergent", NULL });
  assert_success (&emergent);
  {
    g_auto (GStrv) lines = split_lines (emergent.out);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + expected_emergent);
    for (guint i = 1; lines[i]; i++)
      if (!g_str_has_suffix (lines[i], "\tÉmergent"))
        g_error ("not an emergent job: %s", lines[i]);
  }

  run_cli (&search, (const char *[]){ "jobs", "--search", "medecin", NULL });
  assert_success (&search);
  g_assert_nonnull (strstr (search.out, "\tMédecin d’assistance\t"));
}

/* Reads CSV text with the project's reader into rows of cells, header first. */
static GPtrArray *
parse_csv (const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (RepereCsvReader) reader = repere_csv_reader_new_for_bytes (bytes, "stdout.csv",
                                                                        REPERE_CSV_ENCODING_AUTO);
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrvBuilder *builder;

  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_csv_reader_get_delimiter (reader), ==, ',');
  builder = g_strv_builder_new ();
  for (guint i = 0; i < repere_csv_reader_get_n_columns (reader); i++)
    g_strv_builder_add (builder, repere_csv_reader_get_column_name (reader, i));
  g_ptr_array_add (rows, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);
  while (repere_csv_reader_next (reader, &error))
    {
      builder = g_strv_builder_new ();
      for (guint i = 0; i < repere_csv_reader_get_n_fields (reader); i++)
        g_strv_builder_add (builder, repere_csv_reader_get_field (reader, i));
      g_ptr_array_add (rows, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  g_assert_no_error (error);
  return rows;
}

static void
test_jobs_csv (void)
{
  const char *const *option_sets[] = {
    (const char *[]){ "jobs", NULL },
    (const char *[]){ "jobs", "--assessment", "pwc-initial", "--sort", "job", "--desc", NULL },
    (const char *[]){ "jobs", "--family", "06", "--sort", "score", NULL },
  };
  gboolean quoted = FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (option_sets); s++)
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) csv_args = NULL;
      g_auto (Run) tsv = { 0 };
      g_auto (Run) csv = { 0 };
      g_autoptr (GPtrArray) tsv_rows = NULL;
      g_autoptr (GPtrArray) csv_rows = NULL;

      g_strv_builder_addv (builder, (const char **) option_sets[s]);
      g_strv_builder_add_many (builder, "--format", "csv", NULL);
      csv_args = g_strv_builder_end (builder);

      run_cli (&tsv, option_sets[s]);
      run_cli (&csv, (const char *const *) csv_args);
      assert_success (&tsv);
      assert_success (&csv);
      g_assert_cmpstr (tsv.out, !=, csv.out);
      tsv_rows = parse_tsv (tsv.out);
      csv_rows = parse_csv (csv.out);
      g_assert_cmpuint (csv_rows->len, ==, tsv_rows->len);
      g_assert_cmpuint (tsv_rows->len, >, 1);
      for (guint r = 0; r < tsv_rows->len; r++)
        {
          char **a = g_ptr_array_index (tsv_rows, r);
          char **b = g_ptr_array_index (csv_rows, r);
          g_assert_cmpuint (g_strv_length (b), ==, g_strv_length (a));
          for (guint c = 0; a[c]; c++)
            {
              g_assert_cmpstr (b[c], ==, a[c]);
              if (strchr (b[c], ','))
                quoted = TRUE;
            }
        }
    }
  /* Some field ("06 Commercial, marketing, communication") needed quoting. */
  g_assert_true (quoted);
}

static void
test_show (void)
{
  g_auto (Run) run = { 0 };
  g_auto (Run) by_id = { 0 };
  const char *p1, *p2;

  run_cli (&run, (const char *[]){ "show", "medecin d'assistance", NULL });
  assert_success (&run);
  g_assert_cmpstr (run.err, ==, "");
  /* The core job's name comes first, with its heart. */
  g_assert_true (g_str_has_prefix (run.out, "♥ Médecin d’assistance\n"));
  g_assert_nonnull (strstr (run.out, "\nId: medecin-d-assistance\n"));
  g_assert_nonnull (strstr (run.out, "\nResults by assessment\n"));
  p1 = strstr (run.out, "\n  Priority 1\n");
  p2 = strstr (run.out, "\n  Priority 2\n");
  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  g_assert_true (p1 < p2);
  g_assert_nonnull (strstr (run.out, "  - Analyse et traitement des factures\n"));

  /* The id, the alias and the name give the same page. */
  run_cli (&by_id, (const char *[]){ "show", "medecin-d-assistance", NULL });
  assert_success (&by_id);
  g_assert_cmpstr (by_id.out, ==, run.out);
}

static void
test_check (void)
{
  g_auto (Run) run = { 0 };
  g_auto (Run) families = { 0 };
  g_auto (GStrv) lines = NULL;

  run_cli (&run, (const char *[]){ "check", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "ok\n");
  g_assert_cmpstr (run.err, ==, "");

  run_cli (&families, (const char *[]){ "families", NULL });
  assert_success (&families);
  lines = split_lines (families.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 13);
  g_assert_true (g_str_has_prefix (lines[1], "01\t"));
  g_assert_true (g_str_has_prefix (lines[13], "13\t"));
}

static void
test_default_database (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *expected = g_build_filename (tmp_dir, "data-home", "repere", "repere.db", NULL);

  /* Without --database: $XDG_DATA_HOME/repere/repere.db, folder created. */
  run_cli_on (&run, NULL, (const char *[]){ "check", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "ok\n");
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_errors (void)
{
  static const struct
  {
    const char *args[6];
    const char *needle;
  } cases[] = {
    { { "jobs", "--assessment", "no-such-assessment" }, "no-such-assessment" },
    { { "jobs", "--family", "99" }, "99" },
    { { "jobs", "--classification", "wonderful" }, "wonderful" },
    { { "jobs", "--format", "xml" }, "xml" },
    { { "jobs", "--sort", "height" }, "height" },
    { { "frobnicate" }, "frobnicate" },
    { { "show", "nosuchjob" }, "nosuchjob" },
    { { "show", "Chargé" }, "Chargé" },
    { { "show" }, "show" },
    { { "jobs", "--no-such-option" }, "--no-such-option" },
    { { NULL }, "command" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) run = { 0 };

      run_cli (&run, cases[i].args);
      g_test_message ("%s → %d: %s", cases[i].args[0] ? cases[i].args[0] : "(none)", run.status, run.err);
      g_assert_cmpint (run.status, !=, 0);
      g_assert_cmpstr (run.out, ==, "");
      if (strstr (run.err, cases[i].needle) == NULL)
        g_error ("stderr “%s” does not mention “%s”", run.err, cases[i].needle);
    }
}

/* An unknown --assessment is answered with every known id: the study's
 * three and the user's own (chart used to list the study's only). */
static void
test_unknown_assessment_lists_all (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "assessments.db", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "unknown.png", NULL);
  const char *create[] = { "assessment", "create", "Atelier mars", NULL };
  const char *chart[] = { "chart", "ranking", "--output", png, "--assessment", "nope", NULL };
  const char *jobs[] = { "jobs", "--assessment", "nope", NULL };
  g_auto (Run) created = { 0 };
  g_autofree char *id = NULL;

  run_cli_on (&created, path, create);
  assert_success (&created);
  id = g_strstrip (g_strdup (created.out));
  g_assert_true (g_str_has_prefix (id, "user-"));
  for (guint k = 0; k < 2; k++)
    {
      g_auto (Run) run = { 0 };
      run_cli_on (&run, path, k == 0 ? chart : jobs);
      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, !=, 0);
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      g_assert_nonnull (strstr (run.err, "“nope”"));
      for (const char *const *known = (const char *const[]){ "pwc-initial", "pwc-revised", "experts", NULL };
           *known; known++)
        g_assert_nonnull (strstr (run.err, *known));
      if (strstr (run.err, id) == NULL)
        g_error ("“%s” does not list the user's assessment %s", run.err, id);
    }
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cli_path = g_strdup (g_getenv ("REPERE_CLI"));
  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("REPERE_CLI must name the repere-cli executable (is %s)", cli_path ? cli_path : "unset");
  tmp_dir = g_dir_make_tmp ("repere-cli-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "repere.db", NULL);

  g_test_add_func ("/cli/jobs-rank", test_jobs_rank);
  g_test_add_func ("/cli/jobs-filters", test_jobs_filters);
  g_test_add_func ("/cli/jobs-csv", test_jobs_csv);
  g_test_add_func ("/cli/show", test_show);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/default-database", test_default_database);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/unknown-assessment-lists-all", test_unknown_assessment_lists_all);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  g_free (cli_path);
  return status;
}
