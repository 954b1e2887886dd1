/* bench-startup.c: on a new database, how long until the window's first
 * frame, and until the job page shows the ROME competencies (issue 9)
 *
 *   xvfb-run -a build/bench/bench-startup [RUNS]
 *
 * Each run, in a child process so that every run starts cold in the same
 * way: a new database in a scratch folder, the window as the application
 * builds it (repere_db_open(), which creates the schema and loads the
 * study, repere_window_new(), the bundled referential said to be loading,
 * "Chargé d'assistance" selected, present; the referential loads on its
 * worker thread after the first frame).
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
 * Two renderers, run in turn in each round so that both see the same load:
 * the one Repère picks at start (repere_renderer_select(): GTK's cairo
 * renderer when GL would be software, GTK's choice otherwise) and GTK's
 * default (what the same build did before, for comparison). Each line says
 * which renderer drew the window (GskCairoRenderer, GskGLRenderer…); set
 * GSK_RENDERER to force one for both.
 *
 * Issue 9: a new database is copied from the database template
 * (repere_db_open_full()); the same start with the database built by the
 * migrations and the study load, as before the template, is measured in
 * each round too.
 *
 * One run by hand: build/bench/bench-startup --child repere|gtk-default[-built] DIR
 * (BENCH_TRACE=1: the time of each step on stderr; BENCH_NO_ROME=1: no
 * bundled referential; BENCH_NO_JOB=1: no job opened; BENCH_FIRST_FRAME_ONLY=1:
 * exits at the first frame, to profile it, as with
 * perf record --call-graph dwarf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "repere-job-page.h"
#include "repere-renderer.h"
#include "repere-window.h"

static double start_ms, first_frame_ms = -1, first_frame_cpu_ms;

/* CPU time of the process since exec, all threads, in milliseconds. */
static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  if (first_frame_ms < 0)
    {
      first_frame_ms = bench_now_ms () - start_ms;
      first_frame_cpu_ms = cpu_now_ms ();
      if (g_getenv ("BENCH_FIRST_FRAME_ONLY"))
        {
          printf ("%.1f 0 - %.1f\n", first_frame_ms, first_frame_cpu_ms);
          exit (0);
        }
    }
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

/* The reference: a trivial window's first frame; prints "FIRST_FRAME_MS 0 RENDERER". */
static int
hello (gboolean gtk_default)
{
  GtkWidget *window;

  start_ms = bench_now_ms ();
  if (!gtk_default)
    repere_renderer_select (NULL);
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
  printf ("%.1f 0 %s %.1f\n", first_frame_ms, repere_renderer_get_name (GTK_NATIVE (window)), first_frame_cpu_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* One run: prints "FIRST_FRAME_MS COMPETENCIES_MS RENDERER". */
static int
child (const char *dir, gboolean gtk_default, gboolean built)
{
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  RepereWindow *window;
  RepereJobPage *page;
  double ready_ms;

  start_ms = bench_now_ms ();
  /* As ui/main.c does, before GTK starts. */
  if (!gtk_default)
    repere_renderer_select (NULL);
  gtk_init ();
  adw_init ();
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("init %.0f ms\n", bench_now_ms () - start_ms);
  if ((db = repere_db_open_full (path, built ? REPERE_DB_OPEN_NO_TEMPLATE : REPERE_DB_OPEN_DEFAULT, &error)) == NULL)
    g_error ("%s", error->message);
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("database %.0f ms\n", bench_now_ms () - start_ms);
  window = repere_window_new (NULL, db);
  /* As RepereApplication does: before a job is shown. */
  if (!g_getenv ("BENCH_NO_ROME"))
    repere_window_load_bundled_rome (window);
  if (!g_getenv ("BENCH_NO_JOB"))
    repere_window_select_job (window, "charge-d-assistance");
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("window %.0f ms\n", bench_now_ms () - start_ms);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("realized %.0f ms\n", bench_now_ms () - start_ms);
  gtk_window_present (GTK_WINDOW (window));
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("presented %.0f ms\n", bench_now_ms () - start_ms);
  page = REPERE_JOB_PAGE (find_job_page (GTK_WIDGET (window)));
  while (first_frame_ms < 0 || repere_window_is_rome_loading (window)
         || (repere_job_page_get_n_competencies (page) == 0 && !g_getenv ("BENCH_NO_ROME")))
    g_main_context_iteration (NULL, TRUE);
  ready_ms = bench_now_ms () - start_ms;
  printf ("%.1f %.1f %s %.1f\n", first_frame_ms, ready_ms, repere_renderer_get_name (GTK_NATIVE (window)),
          first_frame_cpu_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Runs this program in @mode ("--child" on @dir, or "--hello"), with GTK's default renderer
 * or Repère's choice, a new database @built without the template; reads "FIRST READY RENDERER CPU". */
static void
run (const char *self, const char *mode, const char *dir, gboolean gtk_default, gboolean built, double *first,
     double *ready, char **renderer, double *cpu)
{
  const char *child_argv[] = { self, mode,
                               gtk_default ? (built ? "gtk-default-built" : "gtk-default")
                                           : (built ? "repere-built" : "repere"),
                               dir, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  char name[64] = "";
  double unused;
  int status;

  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, 0, NULL, NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error)
      || sscanf (out, "%lf %lf %63s %lf", first, ready ? ready : &unused, name, cpu ? cpu : &unused) != 4)
    g_error ("%s %s: %s", mode, child_argv[2], error ? error->message : out);
  if (renderer && *renderer == NULL)
    *renderer = g_strdup (name);
}

typedef struct
{
  const char *label;
  gboolean gtk_default;
  double *hello, *existing, *first, *ready, *built;
  double *hello_cpu, *existing_cpu, *first_cpu, *built_cpu; /* CPU time to the first frame */
  char *renderer; /* of the Repère window */
  char *hello_renderer;
} Mode;

int
main (int argc, char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 5;
  Mode modes[] = { { "As Repère starts (repere_renderer_select())", FALSE },
                   { "GTK's default renderer (before issue 13's choice)", TRUE } };
  g_autofree char *existing_dir = NULL;

  setlocale (LC_ALL, "");
  if (argc > 3 && g_str_equal (argv[1], "--child"))
    return child (argv[3], g_str_has_prefix (argv[2], "gtk-default"), g_str_has_suffix (argv[2], "-built"));
  if (argc > 2 && g_str_equal (argv[1], "--hello"))
    return hello (g_str_equal (argv[2], "gtk-default"));
  if (runs < 1)
    runs = 1;
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      modes[m].hello = g_new (double, runs);
      modes[m].existing = g_new (double, runs);
      modes[m].first = g_new (double, runs);
      modes[m].ready = g_new (double, runs);
      modes[m].built = g_new (double, runs);
      modes[m].built_cpu = g_new (double, runs);
      modes[m].hello_cpu = g_new (double, runs);
      modes[m].existing_cpu = g_new (double, runs);
      modes[m].first_cpu = g_new (double, runs);
    }
  /* A first run makes the database and loads the referential; then each run opens it. */
  existing_dir = g_dir_make_tmp ("repere-bench-startup-XXXXXX", NULL);
  {
    double unused;
    run (argv[0], "--child", existing_dir, FALSE, FALSE, &unused, NULL, NULL, NULL);
  }
  /* The four starts of a round in turn, each round from the next one: the
   * first start after the other renderer's (GL's libraries loaded) is
   * slower, and no kind of start should always be that one. */
  for (int i = 0; i < runs; i++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      for (int k = 0; k < 4; k++)
        {
          Mode *mode = &modes[m];
          g_autofree char *dir = NULL;

          switch ((k + i) % 4)
            {
            case 0: /* new database, from the template */
              dir = g_dir_make_tmp ("repere-bench-startup-XXXXXX", NULL);
              run (argv[0], "--child", dir, mode->gtk_default, FALSE, &mode->first[i], &mode->ready[i],
                   &mode->renderer, &mode->first_cpu[i]);
              bench_remove_dir (dir);
              break;
            case 1: /* new database, built */
              dir = g_dir_make_tmp ("repere-bench-startup-XXXXXX", NULL);
              run (argv[0], "--child", dir, mode->gtk_default, TRUE, &mode->built[i], NULL, NULL,
                   &mode->built_cpu[i]);
              bench_remove_dir (dir);
              break;
            case 2:
              run (argv[0], "--child", existing_dir, mode->gtk_default, FALSE, &mode->existing[i], NULL, NULL,
                   &mode->existing_cpu[i]);
              break;
            default:
              run (argv[0], "--hello", "-", mode->gtk_default, FALSE, &mode->hello[i], NULL,
                   &mode->hello_renderer, &mode->hello_cpu[i]);
            }
        }
  bench_remove_dir (existing_dir);

  printf ("First frame from main(), %d runs per line (median / worst; median CPU time of the process to it, all "
          "threads), the two renderers in turn:\n", runs);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      Mode *mode = &modes[m];
      double reference;

      bench_sort (mode->hello, runs);
      bench_sort (mode->existing, runs);
      bench_sort (mode->first, runs);
      bench_sort (mode->ready, runs);
      bench_sort (mode->hello_cpu, runs);
      bench_sort (mode->existing_cpu, runs);
      bench_sort (mode->first_cpu, runs);
      bench_sort (mode->built, runs);
      bench_sort (mode->built_cpu, runs);
      reference = bench_median (mode->hello, runs);
      printf ("%s: Repère drawn by %s, the trivial window by %s\n", mode->label, mode->renderer,
              mode->hello_renderer);
      printf ("  trivial GTK window (reference)     %7.0f ms / %7.0f ms; CPU %5.0f ms\n", reference,
              mode->hello[runs - 1], bench_median (mode->hello_cpu, runs));
      printf ("  existing database: first frame     %7.0f ms / %7.0f ms; CPU %5.0f ms   ×%.2f the trivial window (CPU "
              "×%.2f)   target < 500 ms\n",
              bench_median (mode->existing, runs), mode->existing[runs - 1], bench_median (mode->existing_cpu, runs),
              bench_median (mode->existing, runs) / reference,
              bench_median (mode->existing_cpu, runs) / bench_median (mode->hello_cpu, runs));
      printf ("  new database: first frame          %7.0f ms / %7.0f ms; CPU %5.0f ms   ×%.2f the trivial window (CPU "
              "×%.2f)   target < 500 ms\n",
              bench_median (mode->first, runs), mode->first[runs - 1], bench_median (mode->first_cpu, runs),
              bench_median (mode->first, runs) / reference,
              bench_median (mode->first_cpu, runs) / bench_median (mode->hello_cpu, runs));
      printf ("  new database built, no template    %7.0f ms / %7.0f ms; CPU %5.0f ms   ×%.2f the trivial window (CPU "
              "×%.2f)   (before the template)\n",
              bench_median (mode->built, runs), mode->built[runs - 1], bench_median (mode->built_cpu, runs),
              bench_median (mode->built, runs) / reference,
              bench_median (mode->built_cpu, runs) / bench_median (mode->hello_cpu, runs));
      printf ("  new database: ROME competencies    %7.0f ms / %7.0f ms                            target < 2000 ms\n",
              bench_median (mode->ready, runs), mode->ready[runs - 1]);
    }
  printf ("New database from the template against built (issue 9), medians: ×%.2f with Repère's renderer, ×%.2f "
          "with GTK's default\n",
          bench_median (modes[0].first, runs) / bench_median (modes[0].built, runs),
          bench_median (modes[1].first, runs) / bench_median (modes[1].built, runs));
  printf ("Repère's choice against GTK's default, medians: trivial window ×%.2f, existing database ×%.2f, "
          "new database ×%.2f, competencies ×%.2f\n",
          bench_median (modes[0].hello, runs) / bench_median (modes[1].hello, runs),
          bench_median (modes[0].existing, runs) / bench_median (modes[1].existing, runs),
          bench_median (modes[0].first, runs) / bench_median (modes[1].first, runs),
          bench_median (modes[0].ready, runs) / bench_median (modes[1].ready, runs));
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_free (modes[m].hello);
      g_free (modes[m].existing);
      g_free (modes[m].first);
      g_free (modes[m].ready);
      g_free (modes[m].hello_cpu);
      g_free (modes[m].existing_cpu);
      g_free (modes[m].first_cpu);
      g_free (modes[m].built);
      g_free (modes[m].built_cpu);
      g_free (modes[m].renderer);
      g_free (modes[m].hello_renderer);
    }
  return 0;
}
