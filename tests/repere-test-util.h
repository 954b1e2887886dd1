/* repere-test-util.h: helpers shared by the GLib tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

void repere_test_remove_dir (const char *dir);
gint64 repere_test_query_int (sqlite3 *db, const char *sql, const char *value);
char *repere_test_query_text (sqlite3 *db, const char *sql);

G_END_DECLS
