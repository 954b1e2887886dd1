/* repere-rome-undo.c: rolling back a ROME import, the import history and
 * the consistency checks of the ROME tables
 *
 * Rolling back batch B deletes the rows whose batch_id is B, puts back B's
 * undo rows and forgets them, table by table, in one transaction
 * (docs/rome-import.md, "Rollback").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

/* Competencies the batch brought: dropped again, except those rated since,
 * which stay flagged as removed; the ones it changed or flagged come back. */
static const char *const competency_rollback[] = {
  "UPDATE competency SET removed_batch_id = ?1 WHERE batch_id = ?1 AND removed_batch_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM competency_undo u WHERE u.undo_batch_id = ?1 AND u.id = "
  "competency.id)"
  " AND EXISTS (SELECT 1 FROM rating r WHERE r.competency_id = CAST (competency.id AS TEXT))",
  "DELETE FROM competency WHERE batch_id = ?1 AND removed_batch_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM competency_undo u WHERE u.undo_batch_id = ?1 AND u.id = "
  "competency.id)",
  "INSERT OR REPLACE INTO competency (id, " ROME_COMPETENCY_VALUES ", batch_id, removed_batch_id)"
  " SELECT id, " ROME_COMPETENCY_VALUES ", batch_id, removed_batch_id"
  "   FROM competency_undo WHERE undo_batch_id = ?1 ORDER BY id",
  "DELETE FROM competency_undo WHERE undo_batch_id = ?1",
  "INSERT INTO competency_search (competency_search) VALUES ('rebuild')",
};

static GPtrArray *
rollback_steps (void)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ROME_N_TABLES; i++)
    {
      const RomeTable *t = &rome_tables[i];
      g_autofree char *columns = rome_table_columns (t, NULL);

      g_ptr_array_add (steps, g_strdup_printf ("DELETE FROM %s WHERE batch_id = ?1", t->name));
      g_ptr_array_add (steps,
                       g_strdup_printf ("INSERT INTO %1$s (%2$s, batch_id) SELECT %2$s, batch_id"
                                        " FROM %1$s_undo WHERE undo_batch_id = ?1 ORDER BY %3$s",
                                        t->name, columns, t->keys));
      g_ptr_array_add (steps,
                       g_strdup_printf ("DELETE FROM %s_undo WHERE undo_batch_id = ?1", t->name));
    }
  for (guint i = 0; i < G_N_ELEMENTS (competency_rollback); i++)
    g_ptr_array_add (steps, g_strdup (competency_rollback[i]));
  return steps;
}

/**
 * repere_rome_rollback_last:
 * @db: the database
 * @rolled_back: (out) (optional) (transfer full): the batch rolled back
 * @error: %REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK when no ROME import stands
 *   or the one that stands is the bundled referential,
 *   %REPERE_ROME_ERROR_DATABASE
 *
 * Undoes the last ROME import that was not rolled back, in one transaction:
 * the referential and the removed flags become exactly what they were
 * before it (empty for the first import). A competency that only this import
 * brought is deleted again, unless a rating uses it: it then stays, flagged
 * as removed. The batch stays in the history, marked rolled back; calling
 * again rolls back the import before. The referential bundled with Repère
 * is never rolled back: an import over it returns to it.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rome_rollback_last (RepereDb *db, RepereRomeBatch **rolled_back, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *now = rome_now_iso8601 ();
  g_autofree char *origin = NULL;
  g_autoptr (GPtrArray) steps = rollback_steps ();
  gint64 batch = 0;

  if (!rome_exec (handle, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!rome_current_batch (handle, &batch, error)
      || !rome_query_text (handle,
                           "SELECT origin FROM rome_batch WHERE rolled_back_at IS NULL"
                           " ORDER BY batch_id DESC LIMIT 1",
                           &origin, error))
    goto fail;
  if (batch == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK,
                   _ ("There is no ROME import to roll back"));
      goto fail;
    }
  if (g_strcmp0 (origin, "bundled") == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK,
                   _ ("The ROME referential in force is the one bundled with Repère: there is no "
                      "import to roll back"));
      goto fail;
    }
  if (!rome_exec (handle, "PRAGMA defer_foreign_keys = ON", error))
    goto fail;
  for (guint i = 0; i < steps->len; i++)
    if (!rome_exec_batch (handle, g_ptr_array_index (steps, i), batch, error))
      goto fail;
  {
    sqlite3_stmt *stmt = rome_prepare (
        handle, "UPDATE rome_batch SET rolled_back_at = ?2 WHERE batch_id = ?1", error);
    int rc;
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, batch);
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      {
        rome_db_error (handle, error, "rome_batch");
        goto fail;
      }
  }
  if (!rome_exec (handle, "COMMIT", error))
    goto fail;
  if (rolled_back)
    {
      g_autoptr (GPtrArray) history = repere_rome_list_history (db, NULL);
      *rolled_back = NULL;
      for (guint i = 0; history && i < history->len; i++)
        {
          RepereRomeBatch *b = g_ptr_array_index (history, i);
          if (b->batch_id == batch)
            *rolled_back = g_ptr_array_steal_index (history, i);
        }
    }
  return TRUE;

fail:
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

void
repere_rome_batch_free (RepereRomeBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->label);
  g_free (batch->version);
  g_free (batch->started_at);
  g_free (batch->finished_at);
  g_free (batch->rolled_back_at);
  g_clear_pointer (&batch->files, g_ptr_array_unref);
  g_free (batch);
}

/* The sizes a batch recorded, in the order of #RepereRomeCounts. */
#define RECORDED_COUNTS                                                                            \
  "r.codes, r.appellations, r.competencies, r.macros, r.savoirs, r.links, r.links_savoir_faire,"   \
  " r.links_savoir_etre, r.links_savoir, r.grand_domains, r.domains, r.texts_definition,"          \
  " r.texts_access, r.contexts, r.context_links, r.mobility_links"

static void
read_recorded_counts (sqlite3_stmt *stmt, int first, RepereRomeCounts *counts)
{
  guint *fields = (guint *) counts;

  for (int i = 0; i < 16; i++)
    fields[i] = sqlite3_column_int (stmt, first + i);
}

/**
 * repere_rome_list_history:
 * @db: the database
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: (transfer full) (element-type RepereRomeBatch): every ROME import,
 *   newest first, with its files
 */
GPtrArray *
repere_rome_list_history (RepereDb *db, GError **error)
{
  static const char sql[]
      = "SELECT b.id, b.label, r.version, b.started_at, b.finished_at, r.rolled_back_at,"
        " r.codes_added, r.codes_removed, r.codes_retitled, r.competencies_added,"
        " r.competencies_removed, r.origin = 'bundled', r.fiche, " RECORDED_COUNTS
        " FROM rome_batch r JOIN import_batch b ON b.id = r.batch_id ORDER BY b.id DESC";
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) history
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_batch_free);
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  sqlite3_stmt *files = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if ((files = rome_prepare (
           handle, "SELECT name, sha256, rows FROM import_file WHERE batch_id = ?1 ORDER BY name",
           error))
      == NULL)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeBatch *batch = g_new0 (RepereRomeBatch, 1);
      batch->batch_id = sqlite3_column_int64 (stmt, 0);
      batch->label = rome_column_dup (stmt, 1);
      batch->version = rome_column_dup (stmt, 2);
      batch->started_at = rome_column_dup (stmt, 3);
      batch->finished_at = rome_column_dup (stmt, 4);
      batch->rolled_back_at = rome_column_dup (stmt, 5);
      batch->codes_added = sqlite3_column_int (stmt, 6);
      batch->codes_removed = sqlite3_column_int (stmt, 7);
      batch->codes_retitled = sqlite3_column_int (stmt, 8);
      batch->competencies_added = sqlite3_column_int (stmt, 9);
      batch->competencies_removed = sqlite3_column_int (stmt, 10);
      batch->bundled = sqlite3_column_int (stmt, 11);
      batch->fiche = sqlite3_column_int (stmt, 12);
      read_recorded_counts (stmt, 13, &batch->counts);
      batch->files = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_file_free);
      sqlite3_bind_int64 (files, 1, batch->batch_id);
      while (sqlite3_step (files) == SQLITE_ROW)
        {
          RepereRomeFile *file = g_new0 (RepereRomeFile, 1);
          file->name = rome_column_dup (files, 0);
          file->sha256 = rome_column_dup (files, 1);
          file->rows = sqlite3_column_int64 (files, 2);
          g_ptr_array_add (batch->files, file);
        }
      sqlite3_reset (files);
      g_ptr_array_add (history, batch);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (files);
  if (rc != SQLITE_DONE)
    {
      rome_db_error (handle, error, sql);
      return NULL;
    }
  return g_steal_pointer (&history);
}

/**
 * repere_rome_check:
 * @db: the database
 * @problems: (element-type utf8): where to append a sentence per problem found
 * @error: %REPERE_ROME_ERROR_DATABASE when a check cannot run
 *
 * Consistency of the ROME tables beyond SQLite's own checks: the label index
 * matches the competencies (FTS5 integrity-check), the current referential
 * has the sizes its import recorded (every table, fiche parts included),
 * links name current competencies of the matching nature, and no undo rows
 * remain for a rolled-back import.
 *
 * Returns: %TRUE when the checks ran (whether or not they found problems)
 */
gboolean
repere_rome_check (RepereDb *db, GPtrArray *problems, GError **error)
{
  static const struct
  {
    const char *sql; /* returns a count of faulty rows */
    const char *message;
  } checks[] = {
    { "SELECT count(*) FROM rome_competency l JOIN competency c ON c.id = l.competency_id"
      " WHERE c.removed_batch_id IS NOT NULL",
      N_ ("ROME: %" PRId64 " links name a removed competency") },
    { "SELECT count(*) FROM rome_competency l JOIN competency c ON c.id = l.competency_id"
      " WHERE (l.kind = 'savoir') <> (c.nature = 'savoir')",
      N_ ("ROME: %" PRId64 " links whose kind does not match the competency’s nature") },
  };
  sqlite3 *handle = repere_db_get_handle (db);
  RepereRomeCounts counts, recorded = { 0 };
  g_autofree char *version = NULL;
  g_autoptr (GString) undo_sql = g_string_new ("SELECT 0");
  GError *local_error = NULL;
  gint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      if (!rome_query_int64 (handle, checks[i].sql, 0, &n, error))
        return FALSE;
      if (n != 0)
        g_ptr_array_add (problems, g_strdup_printf (_ (checks[i].message), n));
    }
  /* Undo rows of batches that are not standing any more. */
  for (guint i = 0; i <= ROME_N_TABLES; i++)
    g_string_append_printf (
        undo_sql,
        " + (SELECT count(*) FROM %s_undo u WHERE NOT EXISTS (SELECT 1 FROM rome_batch b"
        " WHERE b.batch_id = u.undo_batch_id AND b.rolled_back_at IS NULL))",
        i < ROME_N_TABLES ? rome_tables[i].name : "competency");
  if (!rome_query_int64 (handle, undo_sql->str, 0, &n, error))
    return FALSE;
  if (n != 0)
    g_ptr_array_add (
        problems,
        g_strdup_printf (_ ("ROME: %" PRId64 " undo rows belong to no standing import"), n));

  if (sqlite3_exec (handle,
                    "INSERT INTO competency_search (competency_search) VALUES ('integrity-check')",
                    NULL, NULL, NULL)
      != SQLITE_OK)
    g_ptr_array_add (problems,
                     g_strdup_printf (_ ("ROME: the competency label index does not match the "
                                         "competencies (%s)"),
                                      sqlite3_errmsg (handle)));

  if (!repere_rome_get_counts (db, &counts, error))
    return FALSE;
  version = repere_rome_get_current_version (db, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (version)
    {
      sqlite3_stmt *stmt
          = rome_prepare (handle,
                          "SELECT " RECORDED_COUNTS " FROM rome_batch r"
                          " WHERE rolled_back_at IS NULL ORDER BY batch_id DESC LIMIT 1",
                          error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        read_recorded_counts (stmt, 0, &recorded);
      sqlite3_finalize (stmt);
    }
  if (memcmp (&counts, &recorded, sizeof counts) != 0)
    g_ptr_array_add (
        problems,
        g_strdup_printf (
            _ ("ROME: the referential has %u codes, %u competencies, %u links, %u fiche sentences, "
               "%u work contexts and %u mobility links where its import (%s) recorded %u, %u, %u, "
               "%u, %u and %u"),
            counts.codes, counts.competencies, counts.links,
            counts.texts_definition + counts.texts_access, counts.context_links,
            counts.mobility_links, version ? version : _ ("none"), recorded.codes,
            recorded.competencies, recorded.links,
            recorded.texts_definition + recorded.texts_access, recorded.context_links,
            recorded.mobility_links));
  return TRUE;
}
