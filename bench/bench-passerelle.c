/* bench-passerelle.c: the passerelles of every job towards every ROME code
 * (issue 11, acceptance 5: under 200 ms for the 58 jobs and v460), and how
 * the time grows on a referential 100 times larger.
 *
 * Run (not part of `meson test`):
 *
 *   ninja -C build && build/bench/bench-passerelle [ITERATIONS]
 *
 * or `meson test -C build --benchmark --verbose`. ITERATIONS defaults to 20.
 * A fresh database in a temporary folder gets the bundled ROME v460 and the
 * bundled mapping; it is removed at the end.
 *
 * Figures, each the median of ITERATIONS runs, and as ratios to a reference
 * run in the same process:
 *  - reference "scan": one pass over every (code, competency) link of
 *    rome_competency through SQLite (SELECT rome_code, competency_id), the
 *    least any computation from the database must do;
 *  - "index": reading the referential into memory (repere_passerelle_index_new);
 *  - "58 jobs": the passerelles of all 58 jobs towards all ROME codes
 *    (all_rome) on that index; "total" = index + 58 jobs, the acceptance
 *    figure.
 * Then the referential 100 times larger, built with the index's builder from
 * the same data: 100 copies of every code (158,400 codes) and of every job
 * (5,800 jobs), with mobility inside each copy, in two shapes:
 *  - "disjoint": each copy has its own competencies (252,700): the larger
 *    referential is as sparse as v460; all 5,800 jobs are timed;
 *  - "shared": every copy keeps v460's competencies, so each competency is
 *    held by 100 times more codes (the worst case: the work per job grows
 *    100 times); 58 jobs (one of each) are timed, and the time for 5,800
 *    jobs is that × 100.
 * The reference there is one pass over the index's links in memory (the
 * bench's own arrays, same size). Peak RSS (getrusage) is printed after each
 * part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "repere-db.h"
#include "repere-passerelle.h"
#include "repere-rome-bundle.h"

#define DEFAULT_ITERATIONS 20
#define COPIES 100

typedef struct
{
  char *code;
  char *title;
  GArray *comps;    /* guint32 */
  GArray *mobility; /* guint: code index */
} BenchCode;

typedef struct
{
  char *id;
  GArray *codes; /* guint */
  double score;
  char *classification;
} BenchJob;

static GPtrArray *codes; /* BenchCode */
static GPtrArray *jobs;  /* BenchJob */

static double
peak_rss_mb (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

static void
die_on_error (GError *error)
{
  if (error)
    {
      g_printerr ("bench-passerelle: %s\n", error->message);
      exit (1);
    }
}

/* The referential as plain arrays, read once (for the builder). */
static void
read_referential (RepereDb *db)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_job = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;

  codes = g_ptr_array_new ();
  jobs = g_ptr_array_new ();
  sqlite3_prepare_v2 (handle, "SELECT code, title FROM rome_code ORDER BY code", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BenchCode *c = g_new0 (BenchCode, 1);
      c->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c->comps = g_array_new (FALSE, FALSE, sizeof (guint32));
      c->mobility = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (codes, c);
      g_hash_table_insert (by_code, c->code, GUINT_TO_POINTER (codes->len));
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (handle, "SELECT rome_code, competency_id FROM rome_competency", -1, &stmt,
                      NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0)));
      guint32 ogr = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (((BenchCode *) g_ptr_array_index (codes, i - 1))->comps, ogr);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (
      handle, "SELECT rome_code, target_code FROM rome_mobility ORDER BY rome_code, position", -1,
      &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0)));
      guint to
          = GPOINTER_TO_UINT (g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 1))) - 1;
      g_array_append_val (((BenchCode *) g_ptr_array_index (codes, from - 1))->mobility, to);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (handle,
                      "SELECT j.id, r.score, r.classification_id FROM job j"
                      " JOIN job_result r ON r.job_id = j.id AND r.assessment_id = 'experts'"
                      " ORDER BY j.family_code, j.position",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BenchJob *j = g_new0 (BenchJob, 1);
      j->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      j->score = sqlite3_column_double (stmt, 1);
      j->classification = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      j->codes = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (jobs, j);
      g_hash_table_insert (by_job, j->id, GUINT_TO_POINTER (jobs->len));
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (handle, "SELECT job_id, rome_code FROM job_rome", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (by_job, sqlite3_column_text (stmt, 0)));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 1)));
      if (j && c)
        {
          c--;
          g_array_append_val (((BenchJob *) g_ptr_array_index (jobs, j - 1))->codes, c);
        }
    }
  sqlite3_finalize (stmt);
}

/* @copies copies of the referential; competencies offset per copy when
 * @disjoint. */
static ReperePasserelleIndex *
build_synthetic (guint copies, gboolean disjoint)
{
  ReperePasserelleIndex *index = repere_passerelle_index_new_empty ();
  guint n = codes->len;
  g_autoptr (GArray) comps = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) job_codes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < n; i++)
      {
        BenchCode *c = g_ptr_array_index (codes, i);
        g_autofree char *name = k ? g_strdup_printf ("%s-%u", c->code, k) : g_strdup (c->code);
        g_array_set_size (comps, 0);
        for (guint m = 0; m < c->comps->len; m++)
          {
            guint32 ogr = g_array_index (c->comps, guint32, m) + (disjoint ? k * 10000000u : 0);
            g_array_append_val (comps, ogr);
          }
        repere_passerelle_index_add_code (index, name, c->title, (guint32 *) comps->data,
                                          comps->len);
      }
  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < n; i++)
      {
        BenchCode *c = g_ptr_array_index (codes, i);
        for (guint m = 0; m < c->mobility->len; m++)
          repere_passerelle_index_add_mobility (index, k * n + i,
                                                k * n + g_array_index (c->mobility, guint, m));
      }
  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < jobs->len; i++)
      {
        BenchJob *j = g_ptr_array_index (jobs, i);
        g_autofree char *id = k ? g_strdup_printf ("%s-%u", j->id, k) : g_strdup (j->id);
        g_array_set_size (job_codes, 0);
        for (guint m = 0; m < j->codes->len; m++)
          {
            guint code = k * n + g_array_index (j->codes, guint, m);
            g_array_append_val (job_codes, code);
          }
        repere_passerelle_index_add_job (index, id, id, (guint *) job_codes->data, job_codes->len,
                                         j->score, j->classification);
      }
  repere_passerelle_index_seal (index);
  return index;
}

/* Lists the passerelles of @n_jobs jobs (every @step-th) towards every code;
 * returns the time in ms and adds the targets listed to @targets. */
static double
run_jobs (ReperePasserelleIndex *index, guint first, guint n_jobs, guint step, guint64 *targets)
{
  ReperePasserelleFilter all = { TRUE, FALSE, -1 };
  double start = bench_now_ms ();

  for (guint i = 0; i < n_jobs; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) list = repere_passerelle_index_list (
          index, repere_passerelle_index_job_id (index, first + i * step), &all, &error);
      die_on_error (error);
      *targets += list->len;
    }
  return bench_now_ms () - start;
}

/* The in-memory reference: one pass over every (code, competency) link of
 * @copies copies. */
static double
scan_memory (guint copies, guint64 *sum)
{
  double start = bench_now_ms ();
  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < codes->len; i++)
      {
        BenchCode *c = g_ptr_array_index (codes, i);
        for (guint m = 0; m < c->comps->len; m++)
          *sum += g_array_index (c->comps, guint32, m) + k;
      }
  return bench_now_ms () - start;
}

int
main (int argc, char **argv)
{
  guint iterations = argc > 1 ? (guint) atoi (argv[1]) : DEFAULT_ITERATIONS;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-passerelle-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (RepereDb) db = NULL;
  g_autofree double *scan = NULL, *build = NULL, *list = NULL, *total = NULL;
  guint64 links = 0, targets = 0, sum = 0;
  double scan_ms, build_ms, list_ms, total_ms;

  setlocale (LC_ALL, "");
  die_on_error (error);
  if (iterations == 0)
    iterations = DEFAULT_ITERATIONS;
  path = g_build_filename (dir, "repere.db", NULL);
  db = repere_db_open (path, &error);
  die_on_error (error);
  if (repere_rome_bundle_load (db, NULL, NULL, NULL, &error) < 0)
    die_on_error (error);

  scan = g_new (double, iterations);
  build = g_new (double, iterations);
  list = g_new (double, iterations);
  total = g_new (double, iterations);
  for (guint it = 0; it < iterations; it++)
    {
      sqlite3_stmt *stmt = NULL;
      g_autoptr (ReperePasserelleIndex) index = NULL;
      double start = bench_now_ms ();

      links = 0;
      sqlite3_prepare_v2 (repere_db_get_handle (db),
                          "SELECT rome_code, competency_id FROM rome_competency", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        links += sqlite3_column_bytes (stmt, 0) > 0;
      sqlite3_finalize (stmt);
      scan[it] = bench_now_ms () - start;

      start = bench_now_ms ();
      index = repere_passerelle_index_new (db, "experts", &error);
      die_on_error (error);
      build[it] = bench_now_ms () - start;
      targets = 0;
      list[it] = run_jobs (index, 0, repere_passerelle_index_n_jobs (index), 1, &targets);
      total[it] = build[it] + list[it];
    }
  scan_ms = bench_median (scan, iterations);
  build_ms = bench_median (build, iterations);
  list_ms = bench_median (list, iterations);
  total_ms = bench_median (total, iterations);
  printf ("v460: %u codes, %" G_GUINT64_FORMAT " competency links, 58 jobs; %" G_GUINT64_FORMAT
          " passerelles listed (all ROME codes); median of %u runs\n",
          1584u, links, targets, iterations);
  printf ("  scan of rome_competency (reference)  %8.2f ms  1.00\n", scan_ms);
  printf ("  index from the database              %8.2f ms  %5.2f\n", build_ms, build_ms / scan_ms);
  printf ("  passerelles of the 58 jobs           %8.2f ms  %5.2f\n", list_ms, list_ms / scan_ms);
  printf ("  total (acceptance: < 200 ms)         %8.2f ms  %5.2f  %s\n", total_ms,
          total_ms / scan_ms, total_ms < 200 ? "OK" : "OVER");
  printf ("  peak RSS %.1f MB\n", peak_rss_mb ());

  read_referential (db);
  {
    /* The builder gives what the database gives. */
    g_autoptr (ReperePasserelleIndex) one = build_synthetic (1, FALSE);
    g_autoptr (ReperePasserelleIndex) from_db = repere_passerelle_index_new (db, "experts", &error);
    guint64 a = 0, b = 0;
    die_on_error (error);
    run_jobs (one, 0, jobs->len, 1, &a);
    run_jobs (from_db, 0, jobs->len, 1, &b);
    if (a != b)
      {
        g_printerr ("bench-passerelle: the builder's index lists %" G_GUINT64_FORMAT
                    " passerelles, the database's %" G_GUINT64_FORMAT "\n",
                    a, b);
        return 1;
      }
  }

  for (int shape = 0; shape < 2; shape++)
    {
      gboolean disjoint = shape == 0;
      guint runs = MAX (iterations / 10, 1);
      g_autofree double *big_scan = g_new (double, runs);
      g_autofree double *base_scan = g_new (double, runs);
      g_autofree double *big_list = g_new (double, runs);
      g_autofree double *base_list = g_new (double, runs);
      g_autoptr (ReperePasserelleIndex) base = build_synthetic (1, disjoint);
      double start = bench_now_ms ();
      g_autoptr (ReperePasserelleIndex) big = build_synthetic (COPIES, disjoint);
      double build_big = bench_now_ms () - start;
      guint64 big_targets = 0, base_targets = 0;
      double big_ms, base_ms, big_scan_ms, base_scan_ms, per_job_ratio;

      for (guint r = 0; r < runs; r++)
        {
          base_scan[r] = scan_memory (1, &sum);
          big_scan[r] = scan_memory (COPIES, &sum);
          base_targets = big_targets = 0;
          base_list[r] = run_jobs (base, 0, jobs->len, 1, &base_targets);
          if (disjoint)
            big_list[r] = run_jobs (big, 0, repere_passerelle_index_n_jobs (big), 1, &big_targets);
          else /* one job of each kind, spread over the copies */
            big_list[r] = run_jobs (big, 0, jobs->len, COPIES + 1, &big_targets);
        }
      base_ms = bench_median (base_list, runs);
      big_ms = bench_median (big_list, runs);
      base_scan_ms = bench_median (base_scan, runs);
      big_scan_ms = bench_median (big_scan, runs);
      per_job_ratio = disjoint ? big_ms / base_ms / COPIES : big_ms / base_ms;
      printf ("\n%s, ×%u (%u codes, %u jobs; index built in %.0f ms); median of %u runs\n",
              disjoint ? "disjoint: each copy its own competencies"
                       : "shared: every copy v460's competencies",
              COPIES, repere_passerelle_index_n_codes (big), repere_passerelle_index_n_jobs (big),
              build_big, runs);
      printf ("  scan of the links in memory, ×1 / ×%u   %9.2f / %9.2f ms  ×%.0f\n", COPIES,
              base_scan_ms, big_scan_ms, big_scan_ms / base_scan_ms);
      printf ("  passerelles of the 58 jobs, ×1          %9.2f ms  (%.1f × scan)\n", base_ms,
              base_ms / base_scan_ms);
      if (disjoint)
        printf ("  passerelles of all %u jobs, ×%u      %9.2f ms  (%.1f × scan; ×%.0f the ×1 time; "
                "per job ×%.2f)\n",
                repere_passerelle_index_n_jobs (big), COPIES, big_ms, big_ms / big_scan_ms,
                big_ms / base_ms, per_job_ratio);
      else
        printf ("  passerelles of 58 of the %u jobs, ×%u  %9.2f ms  (per job ×%.0f the ×1 time; "
                "all %u jobs ≈ %.1f s)\n",
                repere_passerelle_index_n_jobs (big), COPIES, big_ms, per_job_ratio,
                repere_passerelle_index_n_jobs (big), big_ms * COPIES / 1000.0);
      printf ("  passerelles listed: ×1 %" G_GUINT64_FORMAT ", ×%u %" G_GUINT64_FORMAT "\n",
              base_targets, COPIES, big_targets);
      printf ("  peak RSS %.1f MB\n", peak_rss_mb ());
    }
  if (sum == 42)
    printf ("\n");
  g_clear_object (&db);
  bench_remove_dir (dir);
  return total_ms < 200 ? 0 : 1;
}
