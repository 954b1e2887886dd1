/* fuzz-mapping.c: libFuzzer target for the job ↔ ROME mapping import
 * (app/repere-mapping.c)
 *
 * One database for the whole run (a temporary file with the study, made
 * once); each input is imported as a mapping CSV. The import is all or
 * nothing: after a refused input the mapping is the one before, checked by
 * its row count. Run: `bash scripts/dev fuzz mapping SECONDS`; the seed
 * corpus (corpus-mapping/) replays as the meson test fuzz-mapping-replay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "repere-csv.h"
#include "repere-db.h"
#include "repere-mapping.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static RepereDb *db;
static char *dir;

static void
remove_database (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&db);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (dir, "/fuzz.db", suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static gint64
mapping_rows (void)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert (sqlite3_prepare_v2 (repere_db_get_handle (db), "SELECT count (*) FROM job_rome", -1,
                                &stmt, NULL)
            == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (RepereCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before;
  guint n_rows = 0;

  if (db == NULL)
    {
      g_autofree char *path = NULL;
      dir = g_dir_make_tmp ("repere-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      path = g_build_filename (dir, "fuzz.db", NULL);
      db = repere_db_open (path, &error);
      g_assert (db != NULL);
      /* Speed, not durability: the file is thrown away. */
      g_assert (repere_sql_exec (repere_db_get_handle (db), "PRAGMA synchronous = OFF", NULL));
      atexit (remove_database);
    }
  before = mapping_rows ();
  reader = repere_csv_reader_new_for_bytes (bytes, "fuzz.csv", REPERE_CSV_ENCODING_AUTO);
  if (repere_mapping_import_reader (db, reader, "fuzz", &n_rows, &error))
    g_assert ((gint64) n_rows == mapping_rows ());
  else
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      g_assert (mapping_rows () == before);
    }
  return 0;
}
