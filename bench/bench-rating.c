/* bench-rating.c: importing a workshop's rating sheets and consolidating
 *
 * Issue 10, acceptance 5: 58 jobs × 3 raters × 40 ratings (6,960 levels),
 * imported from three filled XLSX workbooks (one per rater, one sheet per
 * job) and consolidated by median, under 1 s.
 *
 * The workbooks are written by Repère's own export, filled with each
 * rater's levels (rating-sheet export --rater), on a database with ROME
 * v460 imported and the bundled mapping; then the assessment is reverted
 * and the timed part reads, checks and applies the three files and
 * consolidates (every score recomputed after each). Each run starts from
 * the same reverted state (the revert is not timed).
 *
 * References measured in the same run, on the same rows:
 *   - SQLite alone: the 6,960 rows inserted into a plain table with one
 *     prepared statement in one transaction (the least any import costs);
 *   - one recompute of every score of the assessment.
 *
 * Run (not part of `meson test`):
 *
 *   ninja -C build && build/bench/bench-rating ../shared/rome/v460 [RUNS]
 *
 * RUNS defaults to 5; the medians are printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <inttypes.h>
#include <locale.h>
#include <stdlib.h>

#include "bench-util.h"
#include "repere-competency.h"
#include "repere-db.h"
#include "repere-rating-sheet.h"
#include "repere-rating.h"
#include "repere-rome-import.h"
#include "repere-score.h"

#define RATERS 3
#define PER_JOB 40
#define DEFAULT_RUNS 5

static void
die (const char *what, GError *error)
{
  g_printerr ("bench-rating: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

int
main (int argc, char **argv)
{
  static const char *const raters[RATERS] = { "Alice Martin", "Bruno Lefèvre", "Chloé Durand" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RepereDb) db = NULL;
  g_autoptr (RepereRomeImport) import = NULL;
  g_autofree char *assessment = NULL;
  g_autofree char *files[RATERS] = { NULL };
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree double *import_ms = NULL;
  g_autofree double *read_ms = NULL;
  g_autofree double *apply_ms = NULL;
  g_autofree double *consolidate_ms = NULL;
  g_autofree double *reference_ms = NULL;
  g_autofree double *recompute_ms = NULL;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : DEFAULT_RUNS;
  guint levels = 0;
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2 || !g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      g_printerr ("usage: bench-rating ROME_V460_DIR [RUNS]\n");
      return 2;
    }
  runs = MAX (runs, 1);
  dir = g_dir_make_tmp ("repere-bench-rating-XXXXXX", &error);
  if (dir == NULL)
    die ("temporary folder", error);
  path = g_build_filename (dir, "bench.db", NULL);
  if ((db = repere_db_open (path, &error)) == NULL)
    die ("database", error);
  handle = repere_db_get_handle (db);
  import = repere_rome_import_prepare (db, argv[1], REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL,
                                       &error);
  if (import == NULL || repere_rome_import_apply (import, NULL, NULL, NULL, &error) <= 0)
    die ("ROME import", error);
  if ((assessment = repere_assessment_create (db, "Atelier", "experts", &error)) == NULL)
    die ("assessment", error);

  /* Each rater's levels of 40 competencies of every job (all of a job's
   * when it has fewer), written into their own filled workbook. */
  bench_exec_or_die (handle, "SELECT 1");
  if (sqlite3_prepare_v2 (handle, "SELECT id FROM job ORDER BY family_code, position", -1, &stmt,
                          NULL)
      != SQLITE_OK)
    die ("jobs", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (jobs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint j = 0; j < jobs->len; j++)
    {
      g_autoptr (GPtrArray) list
          = repere_competency_list_for_job (db, g_ptr_array_index (jobs, j), assessment, &error);
      if (list == NULL)
        die ("competencies", error);
      for (guint i = 0; i < list->len && i < PER_JOB; i++)
        g_array_append_val (rows, ((RepereJobCompetency *) g_ptr_array_index (list, i))->id);
      /* One call per rater and level: the setup is not what is timed. */
      for (guint r = 0; r < RATERS; r++)
        for (int level = 1; level <= 5; level++)
          {
            g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
            for (guint i = 0; i < list->len && i < PER_JOB; i++)
              if (1 + (int) ((i * 7 + j * 3 + r * (i % 3 == 0 ? 2 : 1)) % 5) == level)
                g_array_append_val (ids, ((RepereJobCompetency *) g_ptr_array_index (list, i))->id);
            if (ids->len > 0
                && !repere_rating_rate (db, assessment, g_ptr_array_index (jobs, j), raters[r],
                                        (gint64 *) ids->data, ids->len, level, &error))
              die ("rating", error);
            levels += ids->len;
          }
    }
  for (guint r = 0; r < RATERS; r++)
    {
      files[r] = g_strdup_printf ("%s/rater%u.xlsx", dir, r);
      if (!repere_rating_sheet_export (db, assessment, NULL, raters[r], files[r], &error))
        die ("export", error);
    }

  import_ms = g_new (double, runs);
  read_ms = g_new0 (double, runs);
  apply_ms = g_new0 (double, runs);
  consolidate_ms = g_new0 (double, runs);
  reference_ms = g_new (double, runs);
  recompute_ms = g_new (double, runs);
  for (guint run = 0; run < runs; run++)
    {
      RepereRule median = { REPERE_RULE_MEDIAN, NULL };
      double start;

      if (!repere_rating_revert (db, assessment, NULL, &error))
        die ("revert", error);
      start = bench_now_ms ();
      for (guint r = 0; r < RATERS; r++)
        {
          double read_start = bench_now_ms (), apply_start;
          g_autoptr (RepereSheetImport) sheet
              = repere_rating_sheet_read (db, assessment, files[r], NULL, &error);
          if (sheet == NULL)
            die ("import", error);
          apply_start = bench_now_ms ();
          read_ms[run] += apply_start - read_start;
          if (!repere_rating_sheet_apply (db, sheet, &error))
            die ("import", error);
          apply_ms[run] += bench_now_ms () - apply_start;
        }
      {
        double consolidate_start = bench_now_ms ();
        if (!repere_rating_consolidate (db, assessment, &median, &error))
          die ("consolidate", error);
        consolidate_ms[run] = bench_now_ms () - consolidate_start;
      }
      import_ms[run] = bench_now_ms () - start;

      /* Reference: the same number of rows into a plain table. */
      bench_exec_or_die (
          handle,
          "DROP TABLE IF EXISTS temp.bench_rows;"
          "CREATE TEMP TABLE bench_rows (job TEXT, competency TEXT, rater TEXT, level INT)");
      start = bench_now_ms ();
      bench_exec_or_die (handle, "BEGIN");
      if (sqlite3_prepare_v2 (handle, "INSERT INTO temp.bench_rows VALUES (?1, ?2, ?3, ?4)", -1,
                              &stmt, NULL)
          != SQLITE_OK)
        die ("reference", NULL);
      for (guint i = 0; i < levels; i++)
        {
          char id[32];
          g_snprintf (id, sizeof id, "%" PRId64,
                      g_array_index (rows, gint64, (i / RATERS) % rows->len));
          /* (job, competency, rater, level): the shape of rater_rating. */
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (jobs, (i / RATERS / PER_JOB) % jobs->len),
                             -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, raters[i % RATERS], -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 4, 1 + i % 5);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            die ("reference insert", NULL);
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
      bench_exec_or_die (handle, "COMMIT");
      reference_ms[run] = bench_now_ms () - start;

      start = bench_now_ms ();
      if (!repere_score_recompute (db, assessment, &error))
        die ("recompute", error);
      recompute_ms[run] = bench_now_ms () - start;
    }

  {
    double import = bench_median (import_ms, runs);
    double reference = bench_median (reference_ms, runs);
    double recompute = bench_median (recompute_ms, runs);

    g_print (
        "# %u jobs × %u raters × up to %u ratings = %u levels, 3 XLSX files; median of %u runs\n",
        jobs->len, RATERS, PER_JOB, levels, runs);
    g_print ("what\tms\tratio to the reference\n");
    g_print ("import 3 sheets + consolidate (median)\t%.1f\t%.1f\n", import, import / reference);
    g_print ("  of which reading and checking the 3 files\t%.1f\t%.1f\n",
             bench_median (read_ms, runs), bench_median (read_ms, runs) / reference);
    g_print ("  of which applying them (3 transactions)\t%.1f\t%.1f\n",
             bench_median (apply_ms, runs), bench_median (apply_ms, runs) / reference);
    g_print ("  of which consolidating\t%.1f\t%.1f\n", bench_median (consolidate_ms, runs),
             bench_median (consolidate_ms, runs) / reference);
    g_print ("reference: %u rows into a plain SQLite table\t%.1f\t1.0\n", levels, reference);
    g_print ("one recompute of every score\t%.1f\t%.1f\n", recompute, recompute / reference);
    g_print ("# target: under 1000 ms: %s\n", import < 1000 ? "met" : "NOT MET");
  }
  g_clear_pointer (&import, repere_rome_import_free);
  g_clear_object (&db);
  bench_remove_dir (dir);
  return 0;
}
