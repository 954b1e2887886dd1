/* bench-search.c: from a search typed to the job list updated and painted (issue 13)
 *
 *   xvfb-run -a build/bench/bench-search [ITERATIONS]
 *
 * The window on a new database, the search entry's text set as a key press
 * would after GTK's search delay (repere_window_set_search(): the ranked
 * query, the snippets, the list and the job page refreshed), then the main
 * loop run until the next frame is painted. Reference runs in the same
 * process: an idle frame (queue_draw, painted) and a no-op refilter (the
 * list refreshed with the same filters, painted). Prints the median and
 * worst of ITERATIONS (default 20) for each search and its ratio to both
 * references. Target (issue 13): under 50 ms, GTK's search delay aside.
 * Also the median CPU time of the process over the same interval, all its
 * threads (the GL renderer's llvmpipe threads under Xvfb): less sensitive
 * than the wall time to other processes on a loaded machine, so that two
 * builds can be compared there.
 *
 * Two renderers, each in a process of its own (this program run again):
 * the one Repère picks at start (repere_renderer_select(): GTK's cairo
 * renderer when GL would be software, GTK's choice otherwise), then GTK's
 * default (what the same build did before, for comparison); each says which
 * renderer drew the window, and the last table gives the ratio of the two.
 * Set GSK_RENDERER to force one for both. One renderer by hand:
 * build/bench/bench-search --child repere|gtk-default ITERATIONS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "repere-renderer.h"
#include "repere-window.h"

static guint frames;

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  frames++;
}

static void
wait_frame (void)
{
  guint before = frames;
  while (frames == before)
    g_main_context_iteration (NULL, TRUE);
}

/* CPU time of the process, all threads, in milliseconds. */
static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The median of @n runs of @action (NULL: an idle frame), each ended by a
 * frame; @cpu: the median CPU time of those runs. */
static double
measure (RepereWindow *window, const char *text, int n, double *worst, double *cpu)
{
  g_autofree double *times = g_new (double, n);
  g_autofree double *cpu_times = g_new (double, n);

  for (int i = 0; i < n; i++)
    {
      double start, cpu_start;

      /* From an empty search each time, as a new search is typed. */
      if (text && *text)
        {
          repere_window_set_search (window, "");
          gtk_widget_queue_draw (GTK_WIDGET (window));
          wait_frame ();
        }
      start = bench_now_ms ();
      cpu_start = cpu_now_ms ();
      if (text)
        repere_window_set_search (window, text);
      if (g_getenv ("BENCH_TRACE"))
        g_printerr ("set_search %.1f ms\n", bench_now_ms () - start);
      /* A frame even when the search changed nothing on screen (the
       * list's filters leave unchanged rows alone). */
      gtk_widget_queue_draw (GTK_WIDGET (window));
      wait_frame ();
      times[i] = bench_now_ms () - start;
      cpu_times[i] = cpu_now_ms () - cpu_start;
    }
  bench_sort (times, n);
  *worst = times[n - 1];
  *cpu = bench_median (cpu_times, n);
  return bench_median (times, n);
}

static const char *const searches[] = { "médecin d'assistance", "assistance", "plateaux", "medcin", "m" };

/* One renderer: prints "RENDERER name" then, per line, "MEDIAN WORST CPU"
 * for the idle frame, the no-op refilter and each search. */
static int
child (int n, gboolean gtk_default)
{
  g_autofree char *dir = g_dir_make_tmp ("repere-bench-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  RepereWindow *window;
  double t, worst, cpu;

  /* As ui/main.c does, before GTK starts. */
  if (!gtk_default)
    repere_renderer_select (NULL);
  gtk_init ();
  adw_init ();
  if ((db = repere_db_open (path, &error)) == NULL)
    g_error ("%s", error->message);
  window = repere_window_new (NULL, db);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!g_getenv ("BENCH_NO_JOB"))
    repere_window_select_job (window, "medecin-d-assistance");
  wait_frame ();
  wait_frame ();

  printf ("RENDERER %s\n", repere_renderer_get_name (GTK_NATIVE (window)));
  t = measure (window, NULL, n, &worst, &cpu);
  printf ("%f %f %f\n", t, worst, cpu);
  t = measure (window, "", n, &worst, &cpu);
  printf ("%f %f %f\n", t, worst, cpu);
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      t = measure (window, searches[s], n, &worst, &cpu);
      printf ("%f %f %f\n", t, worst, cpu);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&db);
  bench_remove_dir (dir);
  return 0;
}

#define N_LINES (2 + G_N_ELEMENTS (searches))

typedef struct
{
  const char *label;
  gboolean gtk_default;
  char renderer[64];
  double median[N_LINES], worst[N_LINES], cpu[N_LINES];
} Mode;

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 20;
  Mode modes[] = { { "As Repère starts (repere_renderer_select())", FALSE },
                   { "GTK's default renderer (before issue 13's choice)", TRUE } };
  g_autofree char *count = NULL;

  setlocale (LC_ALL, "");
  if (argc > 3 && g_str_equal (argv[1], "--child"))
    return child (atoi (argv[3]), g_str_equal (argv[2], "gtk-default"));
  if (n < 1)
    n = 1;
  count = g_strdup_printf ("%d", n);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      Mode *mode = &modes[m];
      const char *child_argv[] = { argv[0], "--child", mode->gtk_default ? "gtk-default" : "repere", count, NULL };
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) lines = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, 0, NULL, NULL, &out, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("%s: %s", mode->label, error ? error->message : out);
      lines = g_strsplit (out, "\n", -1);
      if (g_strv_length (lines) < 1 + N_LINES || sscanf (lines[0], "RENDERER %63s", mode->renderer) != 1)
        g_error ("%s: %s", mode->label, out);
      for (guint l = 0; l < N_LINES; l++)
        if (sscanf (lines[1 + l], "%lf %lf %lf", &mode->median[l], &mode->worst[l], &mode->cpu[l]) != 3)
          g_error ("%s: %s", mode->label, out);
    }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      Mode *mode = &modes[m];
      double idle = mode->median[0], noop = mode->median[1];

      printf ("%s: drawn by %s\n", mode->label, mode->renderer);
      printf ("Search to list painted, %d runs (median / worst; median CPU time, all threads):\n", n);
      printf ("  %-24s %6.1f ms / %6.1f ms; CPU %5.1f ms\n", "idle frame", idle, mode->worst[0], mode->cpu[0]);
      printf ("  %-24s %6.1f ms / %6.1f ms; CPU %5.1f ms   ×%.1f idle frame\n", "no-op refilter", noop,
              mode->worst[1], mode->cpu[1], noop / idle);
      for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", searches[s]);
          g_autofree char *label = bench_pad (quoted, 24);
          double t = mode->median[2 + s];
          printf ("  %s %6.1f ms / %6.1f ms; CPU %5.1f ms   ×%.1f idle frame, ×%.1f no-op refilter   target < 50 ms\n",
                  label, t, mode->worst[2 + s], mode->cpu[2 + s], t / idle, t / noop);
        }
    }
  printf ("%s (%s) against %s (%s), medians: wall time, CPU time\n", "Repère's choice", modes[0].renderer,
          "GTK's default", modes[1].renderer);
  for (guint l = 0; l < N_LINES; l++)
    {
      g_autofree char *quoted = l == 0   ? g_strdup ("idle frame")
                                : l == 1 ? g_strdup ("no-op refilter")
                                         : g_strdup_printf ("“%s”", searches[l - 2]);
      g_autofree char *label = bench_pad (quoted, 24);
      printf ("  %s ×%.2f  ×%.2f\n", label, modes[0].median[l] / modes[1].median[l],
              modes[0].cpu[l] / modes[1].cpu[l]);
    }
  return 0;
}
