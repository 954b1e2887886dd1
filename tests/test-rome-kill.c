/* test-rome-kill.c: killing `repere-cli import-rome` at random points
 * (issue 4, acceptance 4)
 *
 * A database holds an older referential (tests/data/rome-mini); 22 times, a
 * copy of it receives the full v460 import in a child process that gets
 * SIGKILL after a random delay. The delays are stratified over 1.1 times the
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

#define RUNS 22
#define STRATA 20 /* runs 20 and 21 fall after the measured duration */

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

static void
test_kill (void)
{
  const char *v460 = rome_test_v460_dir ();
  g_autofree char *mini = rome_test_data_path ("rome-mini");
  g_autofree char *base = g_build_filename (tmp_dir, "base.db", NULL);
  g_autofree char *reference = g_build_filename (tmp_dir, "reference.db", NULL);
  g_autofree char *victim = g_build_filename (tmp_dir, "killed.db", NULL);
  g_autofree char *old_hash = NULL;
  g_autofree char *new_hash = NULL;
  g_autoptr (GRand) rand = NULL;
  guint32 seed;
  gint64 start, duration;
  guint olds = 0, news = 0, finished = 0;

  if (v460 == NULL)
    return;

  {
    const char *const args[] = { "--database", base, "import-rome", mini, NULL };
    g_assert_cmpint (run_cli (args, NULL), ==, 0);
  }
  old_hash = referential_hash (base);

  /* An uninterrupted import: the duration to spread the kills over, and the
   * new referential. */
  copy_file (base, reference);
  start = g_get_monotonic_time ();
  {
    const char *const args[] = { "--database", reference, "import-rome", v460, NULL };
    g_assert_cmpint (run_cli (args, NULL), ==, 0);
  }
  duration = g_get_monotonic_time () - start;
  new_hash = referential_hash (reference);
  g_assert_cmpstr (old_hash, !=, new_hash);

  seed = g_getenv ("REPERE_KILL_SEED")
             ? (guint32) g_ascii_strtoull (g_getenv ("REPERE_KILL_SEED"), NULL, 10)
             : g_random_int ();
  rand = g_rand_new_with_seed (seed);
  g_test_message ("kill test: seed %u (REPERE_KILL_SEED), uninterrupted import %.3f s", seed,
                  duration / 1e6);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 delay = (gint64) ((run + g_rand_double (rand)) / STRATA * duration);
      const char *const argv[] = { cli, "--database", victim, "import-rome", v460, NULL };
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
            "run %u (kill after %.3f s): the referential is neither the old nor the new one", run,
            delay / 1e6);
      g_test_message ("run %2u: kill after %.3f s: %s%s", run, delay / 1e6,
                      g_str_equal (hash, old_hash)   ? "old"
                      : g_str_equal (hash, new_hash) ? "new"
                                                     : "MIXED",
                      exited ? " (had finished)" : "");
    }
  g_test_message ("kill test: %u old, %u new (%u finished before the kill), seed %u", olds, news,
                  finished, seed);
  g_assert_cmpuint (olds + news, ==, RUNS);
  /* The earliest kills land before the commit. */
  g_assert_cmpuint (olds, >=, 1);
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
    const char *const args[] = { "--database", db, "import-rome", "--dry-run", mini, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "ROME v100, first import"));
    g_assert_nonnull (strstr (out, "4 ROME codes, 12 appellations"));
    g_assert_nonnull (strstr (out, "Dry run: nothing applied."));
    /* not a terminal: one line per phase */
    g_assert_nonnull (strstr (err, "Reading unix_referentiel_code_rome_v100_utf8.csv 0 %\n"));
  }
  {
    const char *const args[] = { "--database", db, "rome-history", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, "No ROME import yet.\n");
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
    const char *const args[] = { "--database", db, "rollback-rome", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_full (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "No ROME referential remains."));
    g_assert_cmpint (run_cli_full (args, NULL, &err), ==, 1);
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
