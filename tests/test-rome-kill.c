/* test-rome-kill.c: killing `repere-cli import-rome` at random points
 * (issue 4, acceptance 4; issue 9: the fiche parts and first imports)
 *
 * A database holds an older referential (tests/data/rome-mini); 16 times, a
 * copy of it receives the full v460 import in a child process that gets
 * SIGKILL after a random delay; then 11 times an empty referential receives
 * it (a first import, read straight into the tables). The delays are stratified over 1.1 times the
 * duration of an uninterrupted import (measured first), so that together
 * they cover the whole import, commit included; the seed is printed and can
 * be replayed with REPERE_KILL_SEED. Afterwards `repere-cli check` must pass
 * and the referential must be exactly the old one or the new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "rome-test-util.h"

#define RUNS 16       /* the last runs fall after the measured duration (1.1 × it) */
#define FIRST_RUNS 11

static const char *cli;
static char *tmp_dir;

/* Runs repere-cli to the end; returns its exit status, stdout in @out. */
static int
run_cli (const char *const *args, char **out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* stdout stays out of the TAP stream */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0), NULL,
                NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Runs repere-cli to the end; returns its exit status, stdout and stderr. */
static int
run_cli_full (const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) | (err == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0), NULL,
                NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr (GFile) src = g_file_new_for_path (from);
  g_autoptr (GFile) dst = g_file_new_for_path (to);
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  g_autofree char *src_wal = g_strconcat (from, "-wal", NULL);

  /* A cleanly closed database has no WAL left. */
  g_assert_false (g_file_test (src_wal, G_FILE_TEST_EXISTS));
  g_unlink (wal);
  g_unlink (shm);
  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* SHA-256 of the referential dump (rome_test_dump_referential()). */
static char *
referential_hash (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *dump = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  dump = rome_test_dump_referential (db);
  sqlite3_close (db);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, dump, -1);
}

/* Kills `repere-cli import-rome` on copies of @base, @runs times at delays
 * stratified over 1.1 times an uninterrupted import; each time check must
 * pass and the referential be the old or the new one. @flag is an option
 * given to every command (--no-bundled-rome), or %NULL. */
static void
kill_runs (const char *name, const char *base, const char *flag, const char *dir, guint runs)
{
  g_autofree char *reference = g_strdup_printf ("%s/%s-reference.db", tmp_dir, name);
  g_autofree char *victim = g_strdup_printf ("%s/%s-killed.db", tmp_dir, name);
  g_autofree char *old_hash = NULL;
  g_autofree char *new_hash = NULL;
  g_autoptr (GRand) rand = NULL;
  guint32 seed;
  gint64 start, duration;
  guint olds = 0, news = 0, finished = 0;
  guint strata = runs * 10 / 11;

  old_hash = referential_hash (base);

  /* An uninterrupted import: the duration to spread the kills over, and the
   * new referential. */
  copy_file (base, reference);
  start = g_get_monotonic_time ();
  {
    const char *const args[] = { "--database", reference, flag ? flag : "import-rome",
                                 flag ? "import-rome" : dir, flag ? dir : NULL, NULL };
    g_assert_cmpint (run_cli (args, NULL), ==, 0);
  }
  duration = g_get_monotonic_time () - start;
  new_hash = referential_hash (reference);
  g_assert_cmpstr (old_hash, !=, new_hash);

  seed = g_getenv ("REPERE_KILL_SEED")
             ? (guint32) g_ascii_strtoull (g_getenv ("REPERE_KILL_SEED"), NULL, 10)
             : g_random_int ();
  rand = g_rand_new_with_seed (seed);
  g_test_message ("kill test %s: seed %u (REPERE_KILL_SEED), uninterrupted import %.3f s", name, seed,
                  duration / 1e6);

  for (guint run = 0; run < runs; run++)
    {
      gint64 delay = (gint64) ((run + g_rand_double (rand)) / strata * duration);
      const char *const argv[] = { cli, "--database", victim, flag ? flag : "import-rome",
                                   flag ? "import-rome" : dir, flag ? dir : NULL, NULL };
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *hash = NULL;
      GPid pid;
      int status = 0;
      gboolean exited;

      copy_file (base, victim);
      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                        | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      exited = WIFEXITED (status);
      if (exited)
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          finished++;
        }

      {
        const char *const args[] = { "--database", victim, "check", NULL };
        g_assert_cmpint (run_cli (args, &out), ==, 0);
        g_assert_cmpstr (out, ==, "ok\n");
      }
      hash = referential_hash (victim);
      if (g_str_equal (hash, old_hash))
        olds++;
      else if (g_str_equal (hash, new_hash))
        news++;
      else
        g_test_fail_printf (
            "%s run %u (kill after %.3f s): the referential is neither the old nor the new one", name,
            run, delay / 1e6);
      g_test_message ("%s run %2u: kill after %.3f s: %s%s", name, run, delay / 1e6,
                      g_str_equal (hash, old_hash)   ? "old"
                      : g_str_equal (hash, new_hash) ? "new"
                                                     : "MIXED",
                      exited ? " (had finished)" : "");
    }
  g_test_message ("kill test %s: %u old, %u new (%u finished before the kill), seed %u", name, olds,
                  news, finished, seed);
  g_assert_cmpuint (olds + news, ==, runs);
  /* The earliest kills land before the commit. */
  g_assert_cmpuint (olds, >=, 1);
}

/* An update (staged, compared, applied): v460 over the older mini
 * referential; and a first import read straight into the tables: v460 into
 * an empty referential (--no-bundled-rome keeps the bundled one out of
 * both, as the kills are about the import itself). */
static void
test_kill (void)
{
  const char *v460 = rome_test_v460_dir ();
  g_autofree char *mini = rome_test_data_path ("rome-mini");
  g_autofree char *base = g_build_filename (tmp_dir, "base.db", NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "empty.db", NULL);

  if (v460 == NULL)
    return;
  {
    const char *const args[] = { "--database", base, "--no-bundled-rome", "import-rome", mini, NULL };
    g_assert_cmpint (run_cli (args, NULL), ==, 0);
  }
  kill_runs ("update", base, "--no-bundled-rome", v460, RUNS);
  {
    const char *const args[] = { "--database", empty, "--no-bundled-rome", "check", NULL };
    g_assert_cmpint (run_cli (args, NULL), ==, 0);
  }
  kill_runs ("first", empty, "--no-bundled-rome", v460, FIRST_RUNS);
}

/* The commands: --dry-run applies nothing, errors exit non-zero naming the
 * file and line, progress goes to stderr, history and rollback. */
static void
test_cli (void)
{
  g_autofree char *mini = rome_test_data_path ("rome-mini");
  g_autofree char *db = g_build_filename (tmp_dir, "cli.db", NULL);
  g_autofree char *broken = g_build_filename (tmp_dir, "broken", NULL);
  g_autofree char *overlay = rome_test_data_path ("rome-malformed/duplicate-key");

  {
    /* A new database loads the bundled referential first: the diff is
     * against it. */
    const char *const args[] = { "--database", db, "import-rome", "--dry-run", mini, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (err, "Loading the ROME v460 referential bundled with Repère"));
    g_assert_nonnull (strstr (out, "ROME v100 over the current ROME v460"));
    g_assert_nonnull (strstr (out, "4 ROME codes, 12 appellations"));
    g_assert_nonnull (strstr (out, "Dry run: nothing applied."));
    /* not a terminal: one line per phase */
    g_assert_nonnull (strstr (err, "Reading unix_grand_domaine_v100_utf8.csv 0 %\n"));
    g_assert_nonnull (strstr (err, "Reading unix_domaine_professionnel_v100_utf8.csv "));
  }
  {
    const char *const args[] = { "--database", db, "rome-history", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_true (g_str_has_prefix (out, "1\tROME v460 (bundled)\t") || strstr (out, "\tROME v460 (bundled)\t"));
    g_assert_null (strstr (err, "Loading"));
  }
  {
    const char *const args[] = { "--database", db, "import-rome", mini, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Applied as import"));
    g_assert_nonnull (strstr (err, "Saving 100 %\n"));
  }
  {
    const char *const args[] = { "--database", db, "import-rome", mini, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Identical to the current referential: nothing to change."));
  }
  {
    const char *const args[] = { "--database", db, "rome-history", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\tROME v100\t"));
    g_assert_nonnull (strstr (out, "\tunix_referentiel_code_rome_v100_utf8.csv\t4\t"));
  }
  rome_test_copy_dir (mini, broken);
  rome_test_copy_dir (overlay, broken);
  {
    const char *const args[] = { "--database", db, "import-rome", broken, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "repere-cli: unix_referentiel_code_rome_v100_utf8.csv, line 6, field “code_rome”"));
  }
  {
    const char *const args[] = { "--database", db, "import-rome", "--encoding", "ebcdic", mini, NULL };
    g_assert_cmpint (run_cli_full (args, NULL, NULL), ==, 1);
  }
  {
    /* Rolling back returns to the bundled release, never to nothing; that
     * one is not rolled back. */
    const char *const args[] = { "--database", db, "rollback-rome", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "The current referential is ROME v460."));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli_full (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "bundled with Repère"));
  }
  {
    /* --no-bundled-rome: a first import into an empty referential, rolled
     * back to nothing; without the option, the bundled one comes back. */
    g_autofree char *bare = g_build_filename (tmp_dir, "bare.db", NULL);
    const char *const dry[] = { "--database", bare, "--no-bundled-rome", "import-rome", "--dry-run", mini, NULL };
    const char *const import[] = { "--database", bare, "--no-bundled-rome", "import-rome", mini, NULL };
    const char *const rollback[] = { "--database", bare, "--no-bundled-rome", "rollback-rome", NULL };
    const char *const history[] = { "--database", bare, "rome-history", NULL };
    g_autofree char *out = NULL, *out2 = NULL, *out3 = NULL, *out4 = NULL;
    g_assert_cmpint (run_cli_full (dry, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "ROME v100, first import"));
    g_assert_cmpint (run_cli_full (import, &out2, NULL), ==, 0);
    g_assert_nonnull (strstr (out2, "Applied as import"));
    g_assert_cmpint (run_cli_full (rollback, &out3, NULL), ==, 0);
    g_assert_nonnull (strstr (out3, "No ROME referential remains."));
    g_assert_cmpint (run_cli_full (history, &out4, NULL), ==, 0);
    g_assert_nonnull (strstr (out4, "\tROME v460 (bundled)\t"));
  }
  {
    const char *const args[] = { "--database", db, "check", NULL };
    g_autofree char *out = NULL;
    g_assert_cmpint (run_cli_full (args, &out, NULL), ==, 0);
    g_assert_cmpstr (out, ==, "ok\n");
  }
  {
    g_autoptr (GDir) dir = g_dir_open (broken, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (broken, name, NULL);
        g_unlink (path);
      }
    g_rmdir (broken);
  }
}

/* Issue 9, acceptance 1: on a new database with no import, the commands
 * show the bundled referential. */
static void
test_cli_bundled (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "new.db", NULL);

  {
    const char *const args[] = { "--database", db, "competencies", "Chargé d’assistance", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_true (g_str_has_prefix (out, "kind\tid\tlabel\t"));
    g_assert_nonnull (strstr (out, "\nsavoir-faire\t"));
    g_assert_nonnull (strstr (out, "\nsavoir-etre\t"));
    g_assert_nonnull (strstr (out, "\nsavoir\t"));
    /* by kind: no savoir-faire after the first savoir */
    g_assert_null (strstr (strstr (out, "\nsavoir\t"), "\nsavoir-faire\t"));
    g_assert_nonnull (strstr (err, "charge-d-assistance: 17 savoir-faire, 4 savoir-être professionnels, 25 savoirs"));
  }
  {
    const char *const args[] = { "--database", db, "rome-history", NULL };
    g_autofree char *out = NULL;
    g_assert_cmpint (run_cli_full (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "\tROME v460 (bundled)\t"));
    g_assert_nonnull (strstr (out, "\tunix_rubrique_mobilite_v460_utf8.csv\t14912\t"));
  }
  {
    const char *const args[] = { "--database", db, "rome", "D1408", NULL };
    g_autofree char *out = NULL;
    g_assert_cmpint (run_cli_full (args, &out, NULL), ==, 0);
    g_assert_true (g_str_has_prefix (out, "D1408  Conseiller / Conseillère clientèle à distance\n"));
    g_assert_nonnull (strstr (out, "Domain: D Commerce, Vente et Grande distribution › D14 Force de vente"));
    g_assert_nonnull (strstr (out, "\nDefinition\n  – Le conseiller clientèle à distance"));
    g_assert_nonnull (strstr (out, "\nWork contexts\n"));
    g_assert_nonnull (strstr (out, "K2111  Formateur / Formatrice  → in the referential: Formateur d’assistance"));
    g_assert_nonnull (strstr (out, "Identifier, traiter une demande client [Principale]"));
  }
  {
    const char *const args[] = { "--database", db, "competency", "121718", NULL };
    g_autofree char *out = NULL;
    g_assert_cmpint (run_cli_full (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "no. 4 of the ten most exposed competencies, “Classer des documents” (exact match)"));
  }
  {
    const char *const args[] = { "--database", db, "rome", "Z0000", NULL };
    g_autofree char *err = NULL;
    g_assert_cmpint (run_cli_full (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no code Z0000"));
  }
}

int
main (int argc, char **argv)
{
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("REPERE_CLI");
  g_assert_nonnull (cli);
  tmp_dir = g_dir_make_tmp ("repere-test-rome-kill-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/rome/cli", test_cli);
  g_test_add_func ("/rome/cli-bundled", test_cli_bundled);
  g_test_add_func ("/rome/kill", test_kill);
  result = g_test_run ();

  {
    g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return result;
}
