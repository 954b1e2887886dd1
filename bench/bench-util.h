/* bench-util.h: what the benchmarks share: a clock, a median, SQL that
 * must not fail, a scratch folder to remove.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

double bench_now_ms (void);
void bench_sort (double *times, guint n);
double bench_median (double *times, guint n);
void bench_exec_or_die (sqlite3 *handle, const char *sql);
void bench_remove_dir (const char *dir);
char *bench_pad (const char *text, guint width);

G_END_DECLS
