/* repere-rome-bundle.c: the ROME referential compiled into Repère
 *
 * data/rome/v460/ holds the twelve files of France Travail's ROME 4.0
 * export that Repère reads (version 60, "25M09", published 2025-09-18,
 * Licence Ouverte / Open Licence, Etalab), each gzip-compressed, compiled
 * into the data GResource as they are. A database with no ROME import in
 * force loads them through the same import engine as a user's folder
 * (decompressed while read by a GZlibDecompressor), recorded as the batch
 * "ROME v460 (bundled)", which is never rolled back.
 *
 * repere_db_open() does not load it: the application does, after its first
 * frame, on a worker thread with a connection of its own
 * (repere_rome_bundle_load_async()), and the command line before a command
 * that reads or changes the referential (repere_rome_bundle_load()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-bundle.h"

#include <glib/gi18n.h>

#include "repere-rome-private.h"
#include "repere-table-import.h"

#define RESOURCE_DIR                                                                               \
  "/org/observatoire_assistance/Repere/data/rome/" REPERE_ROME_BUNDLED_VERSION "/"
#define TOP_COMPETENCY_RESOURCE                                                                    \
  "/org/observatoire_assistance/Repere/data/rome/top_competency_rome.csv"

/**
 * repere_rome_bundle_needed:
 * @db: the database
 * @needed: (out): %TRUE when the bundled referential should be loaded: no
 *   ROME import is in force, or the one in force is the bundled version
 *   imported before Repère read the fiche texts, contexts, mobility and flags
 *   (a schema 4 database: loading the bundle over it completes it)
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: %TRUE when @needed was set
 */
gboolean
repere_rome_bundle_needed (RepereDb *db, gboolean *needed, GError **error)
{
  gint64 value = 0;

  if (!rome_query_int64 (
          repere_db_get_handle (db),
          "SELECT coalesce ((SELECT fiche = 0 AND version = '" REPERE_ROME_BUNDLED_VERSION
          "' FROM rome_batch WHERE rolled_back_at IS NULL ORDER BY batch_id DESC LIMIT 1), 1)",
          1, &value, error))
    return FALSE;
  *needed = value != 0;
  return TRUE;
}

/**
 * repere_rome_bundle_prepare:
 * @db: the database
 * @cancellable: (nullable): cancels the reading
 * @error: as repere_rome_import_prepare()
 *
 * Reads and stages the bundled release like a user's folder, and compares it
 * with the referential in force.
 *
 * Returns: (transfer full) (nullable): the staged import
 */
RepereRomeImport *
repere_rome_bundle_prepare (RepereDb *db, GCancellable *cancellable, GError **error)
{
  return rome_import_prepare_source (db, NULL, RESOURCE_DIR, REPERE_CSV_ENCODING_UTF8, NULL, NULL,
                                     cancellable, error);
}

/**
 * repere_rome_bundle_load:
 * @db: the database
 * @progress: (nullable) (scope call): progress of the reading, then of the apply
 * @user_data: for @progress
 * @cancellable: (nullable): cancels (the database is then left as it was)
 * @error: as repere_rome_import_prepare() and repere_rome_import_apply()
 *
 * Loads the bundled referential when repere_rome_bundle_needed() says so, in
 * one transaction, as the batch "ROME v460 (bundled)". When another process
 * loads it meanwhile, returns 0 without error.
 *
 * Returns: the batch; 0 when nothing was needed; -1 on error
 */
gint64
repere_rome_bundle_load (RepereDb *db, RepereRomeProgress progress, gpointer user_data,
                         GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean needed = FALSE;
  gint64 batch;

  if (!repere_rome_bundle_needed (db, &needed, error))
    return -1;
  if (!needed)
    return 0;
  batch = rome_import_run (db, NULL, RESOURCE_DIR, REPERE_CSV_ENCODING_UTF8, progress, user_data,
                           cancellable, NULL, &local_error);
  if (batch >= 0)
    return batch;
  if (g_error_matches (local_error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_CHANGED)
      && repere_rome_bundle_needed (db, &needed, NULL) && !needed)
    return 0;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return -1;
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr (RepereDb) db = repere_db_open (task_data, &error);
  gint64 batch;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  batch = repere_rome_bundle_load (db, NULL, NULL, cancellable, &error);
  if (batch < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, batch);
}

/**
 * repere_rome_bundle_load_async:
 * @db: the database, whose connection stays free for the calling thread
 * @cancellable: (nullable): cancels the load
 * @callback: called in the calling thread's main context once done
 * @user_data: for @callback
 *
 * repere_rome_bundle_load() on a worker thread, through a second connection
 * to the same file that the thread opens and closes: the caller's
 * connection keeps serving the window meanwhile (one connection per thread;
 * in WAL mode readers are not blocked, and it sees the referential once the
 * load commits; a write on it waits for the commit, at most the few tenths
 * of a second of the apply). The one exception to one connection per
 * process, for the first start only.
 */
void
repere_rome_bundle_load_async (RepereDb *db, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (db, cancellable, callback, user_data);

  g_task_set_source_tag (task, repere_rome_bundle_load_async);
  g_task_set_task_data (task, g_strdup (repere_db_get_path (db)), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * repere_rome_bundle_load_finish:
 *
 * Returns: as repere_rome_bundle_load()
 */
gint64
repere_rome_bundle_load_finish (RepereDb *db, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

/**
 * repere_rome_top_competencies_load:
 * @handle: the connection, inside the migration's transaction
 * @error: a #RepereImportError naming the line
 *
 * Fills top_competency_rome from data/rome/top_competency_rome.csv: the ROME
 * competencies that the ten most exposed competencies of section 3.3 name.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rome_top_competencies_load (sqlite3 *handle, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (TOP_COMPETENCY_RESOURCE, 0, error);
  g_autoptr (RepereCsvReader) reader = NULL;

  if (bytes == NULL)
    return FALSE;
  reader = repere_csv_reader_new_for_bytes (bytes, "data/rome/top_competency_rome.csv",
                                            REPERE_CSV_ENCODING_UTF8);
  return repere_table_import (handle, "top_competency_rome", reader, NULL, error);
}
