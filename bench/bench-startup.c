/* bench-startup.c: on a new database, how long until the window's first
 * frame, and until the job page shows the ROME competencies (issue 9)
 *
 *   xvfb-run -a build/bench/bench-startup [RUNS]
 *
 * Each run, in a child process so that every run starts cold in the same
 * way: a new database in a scratch folder, the window as the application
 * builds it (repere_db_open(), which creates the schema and loads the
 * study, repere_window_new(), present, the bundled referential loading on
 * its worker thread after the first frame), "Chargé d'assistance" selected.
 * Prints, from the child's main() to the first frame painted (the window's
 * frame clock "after-paint") and to the competencies shown, the median and
 * worst of RUNS (default 5). Targets (issue 9): first frame < 0.5 s,
 * competencies < 2 s.
 *
 * Issue 13: the same first frame on an existing database (the usual start:
 * the database made by a first run, the referential loaded), and, as the
 * reference measured the same way, a trivial GTK window (an
 * AdwApplicationWindow with one label); the first frames are printed as
 * ratios to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "repere-job-page.h"
#include "repere-window.h"

static double start_ms, first_frame_ms = -1;

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  if (first_frame_ms < 0)
    first_frame_ms = bench_now_ms () - start_ms;
}

static GtkWidget *
find_job_page (GtkWidget *widget)
{
  if (REPERE_IS_JOB_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_job_page (child);
      if (found)
        return found;
    }
  return NULL;
}

/* The reference: a trivial window's first frame; prints "FIRST_FRAME_MS 0". */
static int
hello (void)
{
  GtkWidget *window;

  start_ms = bench_now_ms ();
  gtk_init ();
  adw_init ();
  window = adw_application_window_new (NULL);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Bonjour"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (first_frame_ms < 0)
    g_main_context_iteration (NULL, TRUE);
  printf ("%.1f 0\n", first_frame_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* One run: prints "FIRST_FRAME_MS COMPETENCIES_MS". */
static int
child (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  RepereWindow *window;
  RepereJobPage *page;
  double ready_ms;

  start_ms = bench_now_ms ();
  gtk_init ();
  adw_init ();
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("init %.0f ms\n", bench_now_ms () - start_ms);
  if ((db = repere_db_open (path, &error)) == NULL)
    g_error ("%s", error->message);
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("database %.0f ms\n", bench_now_ms () - start_ms);
  window = repere_window_new (NULL, db);
  repere_window_select_job (window, "charge-d-assistance");
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("window %.0f ms\n", bench_now_ms () - start_ms);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!g_getenv ("BENCH_NO_ROME"))
    repere_window_load_bundled_rome (window);
  page = REPERE_JOB_PAGE (find_job_page (GTK_WIDGET (window)));
  while (first_frame_ms < 0 || repere_window_is_rome_loading (window)
         || (repere_job_page_get_n_competencies (page) == 0 && !g_getenv ("BENCH_NO_ROME")))
    g_main_context_iteration (NULL, TRUE);
  ready_ms = bench_now_ms () - start_ms;
  printf ("%.1f %.1f\n", first_frame_ms, ready_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int argc, char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 5;
  g_autofree double *first = NULL, *ready = NULL;

  setlocale (LC_ALL, "");
  if (argc > 2 && g_str_equal (argv[1], "--child"))
    return child (argv[2]);
  if (argc > 1 && g_str_equal (argv[1], "--hello"))
    return hello ();
  if (runs < 1)
    runs = 1;
  first = g_new (double, runs);
  ready = g_new (double, runs);
  for (int i = 0; i < runs; i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("repere-bench-startup-XXXXXX", NULL);
      const char *child_argv[] = { argv[0], "--child", dir, NULL };
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, 0, NULL, NULL, &out, NULL, &status,
                         &error)
          || !g_spawn_check_wait_status (status, &error)
          || sscanf (out, "%lf %lf", &first[i], &ready[i]) != 2)
        g_error ("run %d: %s", i, error ? error->message : out);
      bench_remove_dir (dir);
    }
  {
    g_autofree double *existing = g_new (double, runs);
    g_autofree double *reference = g_new (double, runs);
    g_autofree char *dir = g_dir_make_tmp ("repere-bench-startup-XXXXXX", NULL);
    double unused;

    /* A first run makes the database and loads the referential; then each run opens it. */
    for (int i = -1; i < runs; i++)
      {
        const char *child_argv[] = { argv[0], "--child", dir, NULL };
        const char *hello_argv[] = { argv[0], "--hello", NULL };
        g_autofree char *out = NULL;
        g_autofree char *out_hello = NULL;
        g_autoptr (GError) error = NULL;
        int status;

        if (!g_spawn_sync (NULL, (char **) child_argv, NULL, 0, NULL, NULL, &out, NULL, &status, &error)
            || !g_spawn_check_wait_status (status, &error)
            || sscanf (out, "%lf %lf", i >= 0 ? &existing[i] : &unused, &unused) != 2)
          g_error ("existing database, run %d: %s", i, error ? error->message : out);
        if (i < 0)
          continue;
        if (!g_spawn_sync (NULL, (char **) hello_argv, NULL, 0, NULL, NULL, &out_hello, NULL, &status, &error)
            || !g_spawn_check_wait_status (status, &error)
            || sscanf (out_hello, "%lf %lf", &reference[i], &unused) != 2)
          g_error ("hello, run %d: %s", i, error ? error->message : out_hello);
      }
    bench_remove_dir (dir);
    bench_sort (existing, runs);
    bench_sort (reference, runs);
    bench_sort (first, runs);
    printf ("Trivial GTK window (reference), %d runs: first frame %7.0f ms / %7.0f ms\n", runs,
            bench_median (reference, runs), reference[runs - 1]);
    printf ("Existing database: first frame  %7.0f ms / %7.0f ms   ×%.1f the trivial window   target < 500 ms\n",
            bench_median (existing, runs), existing[runs - 1],
            bench_median (existing, runs) / bench_median (reference, runs));
    printf ("New database: first frame       %7.0f ms            ×%.1f the trivial window\n",
            bench_median (first, runs), bench_median (first, runs) / bench_median (reference, runs));
  }
  bench_sort (first, runs);
  bench_sort (ready, runs);
  printf ("New database, %d runs (median / worst), from main():\n", runs);
  printf ("first frame:                      %7.0f ms / %7.0f ms   target < 500 ms\n",
          bench_median (first, runs), first[runs - 1]);
  printf ("ROME competencies on the job page: %7.0f ms / %7.0f ms   target < 2000 ms\n",
          bench_median (ready, runs), ready[runs - 1]);
  return 0;
}
