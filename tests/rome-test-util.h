/* rome-test-util.h: helpers of the ROME import tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

const char *
rome_test_v460_dir (void);
char *
rome_test_data_path (const char *name);
void
rome_test_copy_dir (const char *from, const char *to);
char *
rome_test_dump (sqlite3 *db);
char *
rome_test_dump_referential (sqlite3 *db);
void
rome_test_dump_query (sqlite3 *db, GString *out, const char *sql);

G_END_DECLS
