/* bench-recompute.c: how long re-rating one job takes
 *
 * repere_assessment_set_level_counts() stores a job's level counts and
 * recomputes every score, rank and class of the assessment in the same
 * transaction. This times it on the study's 58 jobs, then on a synthetic
 * referential 100 times larger (5,800 jobs). Targets (issue): under 5 ms and
 * under 100 ms per recompute.
 *
 * Run (not part of `meson test`):
 *
 *   ninja -C build && build/bench/bench-recompute [ITERATIONS]
 *
 * or `meson test -C build --benchmark --verbose`. ITERATIONS defaults to 200.
 * The database is a fresh one in a temporary folder, removed at the end.
 *
 * The 5,742 synthetic jobs cannot have published results: published_result
 * allows ranks 1 to 58 only, each once per assessment (schema/001-initial.sql).
 * They get user level counts in the user assessment instead, which need no
 * published rank: the recompute then handles 58 published rows and 5,742
 * rows computed from counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "repere-db.h"
#include "repere-score.h"

#define DEFAULT_ITERATIONS 200
#define SYNTHETIC_JOBS 5742
#define TIMED_JOB "charge-d-assistance"

typedef struct
{
  double median;
  double p95;
  double max;
} Timing;

/* Sorts @times and returns its median and 95th percentile (nearest rank). */
static Timing
summarise (double *times, guint n)
{
  Timing timing;
  guint rank95 = (guint) ceil (0.95 * n);

  bench_sort (times, n);
  timing.median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  timing.p95 = times[MAX (rank95, 1) - 1];
  timing.max = times[n - 1];
  return timing;
}

/* Times @iterations re-ratings of TIMED_JOB, alternating two sets of counts
 * so that every call changes the stored row. */
static Timing
time_recompute (RepereDb *db, const char *assessment, guint iterations)
{
  static const int counts[2][5] = { { 0, 0, 0, 2, 15 }, { 7, 3, 6, 1, 0 } };
  g_autofree double *times = g_new (double, iterations);

  /* Warm the statement cache of SQLite and the page cache. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!repere_assessment_set_level_counts (db, assessment, TIMED_JOB, counts[i % 2], &error))
        g_error ("warm-up: %s", error->message);
    }
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr (GError) error = NULL;
      double start = bench_now_ms ();

      if (!repere_assessment_set_level_counts (db, assessment, TIMED_JOB, counts[i % 2], &error))
        g_error ("recompute: %s", error->message);
      times[i] = bench_now_ms () - start;
    }
  return summarise (times, iterations);
}

/* Times listing the assessment's jobs, as the browser does after an edit. */
static Timing
time_list_jobs (RepereDb *db, const char *assessment, guint iterations, guint *n_jobs)
{
  RepereJobFilter filter = { .assessment = assessment };
  g_autofree double *times = g_new (double, iterations);

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListStore) jobs = NULL;
      double start = bench_now_ms ();

      jobs = repere_db_list_jobs (db, &filter, &error);
      times[i] = bench_now_ms () - start;
      if (jobs == NULL)
        g_error ("list jobs: %s", error->message);
      *n_jobs = g_list_model_get_n_items (G_LIST_MODEL (jobs));
    }
  return summarise (times, iterations);
}

static gint64
query_int (sqlite3 *handle, const char *sql, const char *value)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result = -1;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  if (value)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return result;
}

static char *
query_text (sqlite3 *handle, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static sqlite3_stmt *
prepare_or_die (sqlite3 *handle, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  return stmt;
}

static void
step_or_die (sqlite3 *handle, sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s: %s", sqlite3_sql (stmt), sqlite3_errmsg (handle));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Shows why the synthetic jobs get no published result: the schema refuses a
 * 59th rank. Changes nothing. */
static void
probe_published_rank (sqlite3 *handle)
{
  const char *sql = "INSERT INTO published_result (assessment_id, job_id, score, rank, classification_id,"
                    "  printed_family, printed_job, printed_class, source)"
                    " SELECT 'experts', 'synthetic-00001', 0.5, 59, 'evolving', '', '', '', 'bench'";
  char *message = NULL;

  bench_exec_or_die (handle, "SAVEPOINT probe");
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_print ("published_result refuses rank 59: %s; synthetic jobs get user level counts instead\n", message);
  else
    g_print ("published_result accepts rank 59 (schema changed?); the bench still uses user level counts\n");
  sqlite3_free (message);
  bench_exec_or_die (handle, "ROLLBACK TO probe; RELEASE probe");
}

/* Adds SYNTHETIC_JOBS jobs spread over the 13 families, with random level
 * counts in @assessment, in one transaction. */
static void
add_synthetic_jobs (RepereDb *db, const char *assessment)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20250101);
  sqlite3_stmt *job, *counts;

  bench_exec_or_die (handle, "BEGIN IMMEDIATE");
  job = prepare_or_die (handle,
                        "INSERT INTO job (id, family_code, name, position, core, source)"
                        " VALUES (?1, ?2, ?3, ?4, 0, 'bench: synthetic')");
  counts = prepare_or_die (handle,
                           "INSERT INTO user_level_count"
                           " (assessment_id, job_id, n1, n2, n3, n4, n5, edited_by, edited_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'bench', '2025-01-01T00:00:00Z')");
  for (guint i = 1; i <= SYNTHETIC_JOBS; i++)
    {
      g_autofree char *id = g_strdup_printf ("synthetic-%05u", i);
      g_autofree char *name = g_strdup_printf ("Synthetic job %05u", i);
      g_autofree char *family = g_strdup_printf ("%02u", (i - 1) % 13 + 1);
      int n[5], total = 0;

      sqlite3_bind_text (job, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 2, family, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (job, 4, 100 + (i - 1) / 13);
      step_or_die (handle, job);
      if (i == 1)
        probe_published_rank (handle);

      /* 10 to 50 competencies, mostly at the low levels, as in the study. */
      for (int l = 0; l < 5; l++)
        {
          n[l] = g_rand_int_range (rand, 0, 12 - 2 * l);
          total += n[l];
        }
      if (total == 0)
        n[0] = 1;
      sqlite3_bind_text (counts, 1, assessment, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (counts, 2, id, -1, SQLITE_TRANSIENT);
      for (int l = 0; l < 5; l++)
        sqlite3_bind_int (counts, 3 + l, n[l]);
      step_or_die (handle, counts);
    }
  sqlite3_finalize (job);
  sqlite3_finalize (counts);
  bench_exec_or_die (handle, "COMMIT");
}

static void
report (const char *what, guint n, Timing timing, double target)
{
  g_print ("%s %u jobs: median %.3f ms, p95 %.3f ms (max %.3f ms)", what, n, timing.median, timing.p95, timing.max);
  if (target > 0)
    g_print (" — target < %g ms: %s", target, timing.p95 < target ? "met" : "MISSED");
  g_print ("\n");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *assessment = NULL;
  g_autoptr (RepereDb) db = NULL;
  g_autofree char *journal_mode = NULL;
  guint iterations = DEFAULT_ITERATIONS;
  guint n_small, n_large, n_listed;
  Timing small, large, list_small, list_large;
  sqlite3 *handle;
  double start;

  setlocale (LC_ALL, "");
  if (argc > 1 && (iterations = (guint) g_ascii_strtoull (argv[1], NULL, 10)) == 0)
    {
      g_printerr ("Usage: %s [ITERATIONS]\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("repere-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "repere.db", NULL);

  start = bench_now_ms ();
  db = repere_db_open (path, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  handle = repere_db_get_handle (db);
  journal_mode = query_text (handle, "PRAGMA journal_mode");
  g_print ("database: %s (created and loaded in %.0f ms; journal_mode %s, synchronous %" G_GINT64_FORMAT ")\n",
           path, bench_now_ms () - start, journal_mode, query_int (handle, "PRAGMA synchronous", NULL));
  g_print ("SQLite %s, %u iterations each\n", sqlite3_libversion (), iterations);

  assessment = repere_assessment_create (db, "Benchmark", "experts", &error);
  if (assessment == NULL)
    g_error ("%s", error->message);

  small = time_recompute (db, assessment, iterations);
  n_small = query_int (handle, "SELECT count(*) FROM computed_result WHERE assessment_id = ?1", assessment);
  list_small = time_list_jobs (db, assessment, MIN (iterations, 50), &n_listed);

  start = bench_now_ms ();
  add_synthetic_jobs (db, assessment);
  g_print ("added %u synthetic jobs with level counts in %.0f ms\n", SYNTHETIC_JOBS, bench_now_ms () - start);

  large = time_recompute (db, assessment, iterations);
  n_large = query_int (handle, "SELECT count(*) FROM computed_result WHERE assessment_id = ?1", assessment);
  if (n_large != n_small + SYNTHETIC_JOBS)
    g_error ("the recompute covered %u jobs, not %u", n_large, n_small + SYNTHETIC_JOBS);
  list_large = time_list_jobs (db, assessment, MIN (iterations, 20), &n_listed);

  report ("recompute", n_small, small, 5);
  report ("recompute", n_large, large, 100);
  g_print ("ratio %u/%u jobs: median ×%.1f, p95 ×%.1f\n", n_large, n_small, large.median / small.median,
           large.p95 / small.p95);
  report ("list_jobs", n_small, list_small, 0);
  report ("list_jobs", n_listed, list_large, 0);

  g_clear_object (&db);
  bench_remove_dir (dir);
  return 0;
}
