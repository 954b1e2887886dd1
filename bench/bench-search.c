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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
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

int
main (int argc, char **argv)
{
  static const char *const searches[]
      = { "médecin d'assistance", "assistance", "plateaux", "medcin", "m" };
  int n = argc > 1 ? atoi (argv[1]) : 20;
  g_autofree char *dir = g_dir_make_tmp ("repere-bench-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  RepereWindow *window;
  double idle, idle_worst, idle_cpu, noop, noop_worst, noop_cpu;

  setlocale (LC_ALL, "");
  if (n < 1)
    n = 1;
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

  idle = measure (window, NULL, n, &idle_worst, &idle_cpu);
  noop = measure (window, "", n, &noop_worst, &noop_cpu);
  printf ("Search to list painted, %d runs (median / worst; median CPU time, all threads):\n", n);
  printf ("  %-24s %6.1f ms / %6.1f ms; CPU %5.1f ms\n", "idle frame", idle, idle_worst, idle_cpu);
  printf ("  %-24s %6.1f ms / %6.1f ms; CPU %5.1f ms   ×%.1f idle frame\n", "no-op refilter", noop, noop_worst,
          noop_cpu, noop / idle);
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      double worst, cpu, t = measure (window, searches[s], n, &worst, &cpu);
      g_autofree char *label = g_strdup_printf ("“%s”", searches[s]);
      printf ("  %-24s %6.1f ms / %6.1f ms; CPU %5.1f ms   ×%.1f idle frame, ×%.1f no-op refilter   target < 50 ms\n",
              label, t, worst, cpu, t / idle, t / noop);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&db);
  bench_remove_dir (dir);
  return 0;
}
