/* bench-chart.c: how long a view takes to build and draw
 *
 * For each chart kind on the study's 58 jobs (experts assessment): the time
 * of repere_chart_new() (the database queries), of repere_chart_get_height()
 * (the layout pass) and of repere_chart_draw() on a 1000 px wide image
 * surface (what the window does on each redraw), in milliseconds per call,
 * the median of ITERATIONS runs. The window redraws a chart when the view's
 * width or the filters change; under 16 ms a draw keeps up with a 60 Hz
 * resize.
 *
 * Run (not part of `meson test`):
 *
 *   ninja -C build && build/bench/bench-chart [ITERATIONS]
 *
 * ITERATIONS defaults to 20. The database is a fresh one in a temporary
 * folder, removed at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "repere-chart.h"

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, times->len / 2);
}

int
main (int argc, char **argv)
{
  int iterations = argc > 1 ? atoi (argv[1]) : 20;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("repere-bench-chart-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (RepereDb) db = NULL;
  RepereJobFilter filter = { .assessment = "experts" };
  RepereRenderStyle style;

  setlocale (LC_ALL, "");
  if (dir == NULL || iterations < 1)
    {
      g_printerr ("bench-chart: %s\n", error ? error->message : "ITERATIONS must be 1 or more");
      return 1;
    }
  path = g_build_filename (dir, "repere.db", NULL);
  if ((db = repere_db_open (path, &error)) == NULL)
    {
      g_printerr ("bench-chart: %s\n", error->message);
      return 1;
    }
  repere_render_style_init (&style, FALSE, 14);

  g_print ("view\tbuild_ms\tlayout_ms\tdraw_ms\theight_px\n");
  for (RepereChartKind kind = 0; kind < REPERE_CHART_N_KINDS; kind++)
    {
      g_autoptr (GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) layout = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) draw = g_array_new (FALSE, FALSE, sizeof (double));
      double height = 0;

      for (int i = 0; i < iterations; i++)
        {
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr (RepereChart) chart = repere_chart_new (db, kind, &filter, NULL, &error);
          gint64 t1, t2, t3;
          cairo_surface_t *surface;
          cairo_t *cr;
          double value;

          if (chart == NULL)
            {
              g_printerr ("bench-chart: %s\n", error->message);
              return 1;
            }
          t1 = g_get_monotonic_time ();
          surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 4000);
          cr = cairo_create (surface);
          height = repere_chart_get_height (chart, cr, &style, 1000);
          t2 = g_get_monotonic_time ();
          repere_chart_draw (chart, cr, &style, 1000, height);
          cairo_surface_flush (surface);
          t3 = g_get_monotonic_time ();
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          value = (t1 - t0) / 1000.0;
          g_array_append_val (build, value);
          value = (t2 - t1) / 1000.0;
          g_array_append_val (layout, value);
          value = (t3 - t2) / 1000.0;
          g_array_append_val (draw, value);
        }
      g_print ("%s\t%.2f\t%.2f\t%.2f\t%.0f\n", repere_chart_kind_id (kind), median (build), median (layout),
               median (draw), height);
    }

  g_clear_object (&db);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
