/* repere-make-template.c: the database template, made at build time
 *
 *   repere-make-template OUTPUT
 *
 * Writes to OUTPUT the database that a first start of Repère builds: the
 * schema's migrations, the study's tables from data/study/, the bundled job
 * ↔ ROME mapping and the scores, by repere_db_open_full() with
 * REPERE_DB_OPEN_NO_TEMPLATE, the very code a start without a template
 * runs. The file is left in rollback-journal mode (a copy of it is a whole
 * database). The application and repere-cli carry it as a GResource
 * (app/repere-template.gresource.xml) and copy it when the database file
 * does not exist yet (issue 9: the first frame on a new database).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "repere-db.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT\n", argv[0]);
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (argv[1], suffixes[i], NULL);
      g_unlink (name);
    }
  db = repere_db_open_full (argv[1], REPERE_DB_OPEN_NO_TEMPLATE, &error);
  if (db == NULL || !repere_sql_exec (repere_db_get_handle (db), "PRAGMA journal_mode = DELETE", &error)
      || !repere_sql_exec (repere_db_get_handle (db), "VACUUM", &error))
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  return 0;
}
