/* bench-util.c: helpers shared by the benchmarks (not the tests: these
 * abort on failure, a benchmark has nothing to report then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

/* Monotonic time in milliseconds. */
double
bench_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @times (@n values) in increasing order. */
void
bench_sort (double *times, guint n)
{
  qsort (times, n, sizeof *times, compare_doubles);
}

/* Sorts @times and returns its median; @n >= 1. */
double
bench_median (double *times, guint n)
{
  bench_sort (times, n);
  return n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
}

/* Runs @sql; aborts with SQLite's message when it fails. */
void
bench_exec_or_die (sqlite3 *handle, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Removes @dir and the files in it (no sub-folders), if it exists. */
void
bench_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * bench_pad:
 * @text: UTF-8 text
 * @width: the column's width, in characters
 *
 * Returns: (transfer full): @text followed by spaces up to @width
 *   characters (printf's %-24s counts bytes, and « é » is two)
 */
char *
bench_pad (const char *text, guint width)
{
  glong length = g_utf8_strlen (text, -1);
  GString *padded = g_string_new (text);

  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}
