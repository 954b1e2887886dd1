/* bench-print.c: how long printing the job list to PDF takes
 *
 * Times repere_print_list_to_pdf() (list the jobs, lay out every row, cut
 * into pages, draw and write the PDF: what `repere-cli print --pdf` and
 * "Export List as PDF…" do) on the study's 58 jobs, then on a synthetic
 * referential 100 times larger (5,800 jobs), a job sheet, and the five
 * views of the 58 jobs (repere_print_charts_to_pdf(): `repere-cli print
 * --chart all`), with their ratio to the 58-job list. Targets (issue 5):
 * under 1 s and under 10 s. Each figure comes with the time
 * repere_db_list_jobs() takes for the same rows, as the reference.
 *
 * Run (not part of `meson test`):
 *
 *   ninja -C build && build/bench/bench-print [ITERATIONS]
 *
 * ITERATIONS (default 10) for the 58-job list; the 5,800-job list is printed
 * 3 times. The synthetic jobs are added as in bench-recompute.c: jobs with
 * user level counts in a user assessment (published ranks stop at 58). The
 * database and PDFs live in a temporary folder, removed at the end.
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
#include "repere-print.h"
#include "repere-score.h"

#define SYNTHETIC_JOBS 5742

/* Median time of @iterations list prints to @pdf; *@pages gets the page count. */
static double
time_print (RepereDb *db, const RepereJobFilter *filter, const char *pdf, guint iterations, guint *pages)
{
  g_autofree double *times = g_new (double, iterations);
  ReperePageSetup setup;

  repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, REPERE_PRINT_DEFAULT_FONT_SIZE);
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr (GError) error = NULL;
      double start = bench_now_ms ();

      if (!repere_print_list_to_pdf (db, filter, &setup, pdf, &error))
        g_error ("print: %s", error->message);
      times[i] = bench_now_ms () - start;
    }
  {
    /* The page count, from a layout pass on a throwaway surface. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GListStore) jobs = repere_db_list_jobs (db, filter, &error);
    g_autoptr (RepereDocument) doc = jobs ? repere_print_list_new (db, G_LIST_MODEL (jobs), filter, &error) : NULL;
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);

    if (doc == NULL)
      g_error ("%s", error->message);
    *pages = repere_document_paginate (doc, cr, &setup);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  return bench_median (times, iterations);
}

static double
time_list (RepereDb *db, const RepereJobFilter *filter, guint iterations, guint *n)
{
  g_autofree double *times = g_new (double, iterations);

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListStore) jobs = NULL;
      double start = bench_now_ms ();

      if ((jobs = repere_db_list_jobs (db, filter, &error)) == NULL)
        g_error ("list: %s", error->message);
      times[i] = bench_now_ms () - start;
      *n = g_list_model_get_n_items (G_LIST_MODEL (jobs));
    }
  return bench_median (times, iterations);
}

/* SYNTHETIC_JOBS jobs over the 13 families with level counts in
 * @assessment, then one recompute of the assessment. */
static void
add_synthetic_jobs (RepereDb *db, const char *assessment)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20250101);
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *job, *counts;
  static const int last[5] = { 4, 3, 2, 1, 1 };

  bench_exec_or_die (handle, "BEGIN IMMEDIATE");
  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO job (id, family_code, name, position, core, source)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, 'bench: synthetic')",
                          -1, &job, NULL)
          != SQLITE_OK
      || sqlite3_prepare_v2 (handle,
                             "INSERT INTO user_level_count"
                             " (assessment_id, job_id, n1, n2, n3, n4, n5, edited_by, edited_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'bench', '2025-01-01T00:00:00Z')",
                             -1, &counts, NULL)
             != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (handle));
  for (guint i = 1; i <= SYNTHETIC_JOBS; i++)
    {
      g_autofree char *id = g_strdup_printf ("synthetic-%05u", i);
      /* Names of varied length, some wrapping in the job column. */
      g_autofree char *name = g_strdup_printf (i % 3 ? "Métier synthétique %05u" : "Métier synthétique %05u "
                                                                                  "chargé de la coordination des "
                                                                                  "prestataires d’assistance",
                                               i);
      g_autofree char *family = g_strdup_printf ("%02u", (i - 1) % 13 + 1);

      sqlite3_bind_text (job, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 2, family, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (job, 4, 100 + (i - 1) / 13);
      sqlite3_bind_int (job, 5, i % 17 == 0);
      if (sqlite3_step (job) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (handle));
      sqlite3_reset (job);
      sqlite3_bind_text (counts, 1, assessment, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (counts, 2, id, -1, SQLITE_TRANSIENT);
      for (int l = 0; l < 5; l++)
        sqlite3_bind_int (counts, 3 + l, g_rand_int_range (rand, l == 0 ? 1 : 0, 12 - 2 * l));
      if (sqlite3_step (counts) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (handle));
      sqlite3_reset (counts);
    }
  sqlite3_finalize (job);
  sqlite3_finalize (counts);
  bench_exec_or_die (handle, "COMMIT");
  /* One edit recomputes every score, rank and class of the assessment. */
  if (!repere_assessment_set_level_counts (db, assessment, "synthetic-00001", last, &error))
    g_error ("%s", error->message);
}

static void
report (const char *what, guint n, guint pages, double ms, double list_ms, double target_ms)
{
  g_print ("%s: %u jobs, %u pages: median %.0f ms (list_jobs %.2f ms, ×%.0f) — target < %.0f ms: %s\n", what, n,
           pages, ms, list_ms, ms / list_ms, target_ms, ms < target_ms ? "met" : "MISSED");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *assessment = NULL;
  g_autoptr (RepereDb) db = NULL;
  guint iterations = 10, pages_small, pages_large, pages_views, n_small, n_large;
  RepereJobFilter study = { 0 }, synthetic = { 0 };
  double small, large, list_small, list_large, sheet, views;

  setlocale (LC_ALL, "");
  if (argc > 1 && (iterations = (guint) g_ascii_strtoull (argv[1], NULL, 10)) == 0)
    {
      g_printerr ("Usage: %s [ITERATIONS]\n", argv[0]);
      return 2;
    }
  if ((dir = g_dir_make_tmp ("repere-bench-print-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "repere.db", NULL);
  pdf = g_build_filename (dir, "list.pdf", NULL);
  if ((db = repere_db_open (path, &error)) == NULL)
    g_error ("%s", error->message);

  study.assessment = REPERE_DEFAULT_ASSESSMENT;
  small = time_print (db, &study, pdf, iterations, &pages_small);
  list_small = time_list (db, &study, 50, &n_small);
  {
    g_autofree double *times = g_new (double, iterations);
    ReperePageSetup setup;
    repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, REPERE_PRINT_DEFAULT_FONT_SIZE);
    for (guint i = 0; i < iterations; i++)
      {
        double start = bench_now_ms ();
        if (!repere_print_job_to_pdf (db, "gestionnaire-de-dossiers-d-assistance", &setup, pdf, &error))
          g_error ("%s", error->message);
        times[i] = bench_now_ms () - start;
      }
    sheet = bench_median (times, iterations);
  }

  {
    /* The five views, each from a new page. */
    RepereChartKind kinds[REPERE_CHART_N_KINDS];
    g_autofree double *times = g_new (double, iterations);
    g_autoptr (RepereDocument) doc = NULL;
    ReperePageSetup setup;
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);

    for (guint k = 0; k < REPERE_CHART_N_KINDS; k++)
      kinds[k] = (RepereChartKind) k;
    repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, REPERE_PRINT_DEFAULT_FONT_SIZE);
    for (guint i = 0; i < iterations; i++)
      {
        double start = bench_now_ms ();
        if (!repere_print_charts_to_pdf (db, kinds, REPERE_CHART_N_KINDS, &study, NULL, &setup, pdf, &error))
          g_error ("%s", error->message);
        times[i] = bench_now_ms () - start;
      }
    views = bench_median (times, iterations);
    if ((doc = repere_print_charts_new (db, kinds, REPERE_CHART_N_KINDS, &study, NULL, &error)) == NULL)
      g_error ("%s", error->message);
    pages_views = repere_document_paginate (doc, cr, &setup);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  if ((assessment = repere_assessment_create (db, "Benchmark", "experts", &error)) == NULL)
    g_error ("%s", error->message);
  add_synthetic_jobs (db, assessment);
  synthetic.assessment = assessment;
  large = time_print (db, &synthetic, pdf, 3, &pages_large);
  list_large = time_list (db, &synthetic, 10, &n_large);

  report ("print list", n_small, pages_small, small, list_small, 1000);
  report ("print list", n_large, pages_large, large, list_large, 10000);
  g_print ("ratio %u/%u jobs: ×%.1f time for ×%.1f pages\n", n_large, n_small, large / small,
           (double) pages_large / pages_small);
  g_print ("print job sheet (Gestionnaire de dossiers d’assistance): median %.0f ms\n", sheet);
  g_print ("print the five views of %u jobs: %u pages: median %.0f ms (×%.1f the %u-job list, %u pages) — target "
           "< 1000 ms: %s\n",
           n_small, pages_views, views, views / small, n_small, pages_small, views < 1000 ? "met" : "MISSED");

  g_clear_object (&db);
  bench_remove_dir (dir);
  return 0;
}
