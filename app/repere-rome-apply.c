/* repere-rome-apply.c: installing a staged ROME referential
 *
 * One BEGIN IMMEDIATE transaction: for each table, the rows that the new
 * version changes or drops are copied into its *_undo table under the new
 * batch and deleted, the staged rows that are not there yet go in;
 * competencies are never deleted but flagged; the batch is recorded with
 * its files and sizes (schema/004-rome.sql, schema/005-rome-fiche.sql).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-private.h"
#include "repere-table-import.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>

/* Children before parents when deleting, the reverse when inserting. */
static const RomeTableId delete_order[] = {
  ROME_TABLE_LINK,    ROME_TABLE_CODE_CONTEXT, ROME_TABLE_MOBILITY,
  ROME_TABLE_TEXT,    ROME_TABLE_APPELLATION,  ROME_TABLE_CODE,
  ROME_TABLE_CONTEXT, ROME_TABLE_DOMAIN,       ROME_TABLE_GRAND_DOMAIN,
};

/* Competencies: never deleted; dropped ones are flagged, changed ones
 * updated in place (their old row kept for the rollback). */
static const char *const competency_steps[] = {
  "INSERT INTO main.competency_undo (undo_batch_id, id, " ROME_COMPETENCY_VALUES
  ", batch_id, removed_batch_id)"
  " SELECT ?1, m.id, m.nature, m.label, m.definition, m.category, m.subcategory, m.macro_id,"
  " m.macro_code, m.transition_eco, m.transition_num, m.batch_id, m.removed_batch_id"
  " FROM main.competency m"
  " WHERE (m.removed_batch_id IS NULL AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s "
  "WHERE s.id = m.id))"
  "    OR EXISTS (SELECT 1 FROM temp.rome_stage_competency s WHERE s.id = m.id"
  "               AND (m.removed_batch_id IS NOT NULL OR " ROME_COMPETENCY_DIFFERS "))",
  "UPDATE main.competency SET removed_batch_id = ?1 WHERE removed_batch_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s WHERE s.id = competency.id)",
  "INSERT INTO main.competency (id, " ROME_COMPETENCY_VALUES ", batch_id, removed_batch_id)"
  " SELECT s.id, s.nature, s.label, s.definition, s.category, s.subcategory, s.macro_id,"
  " s.macro_code, s.transition_eco, s.transition_num, ?1, NULL"
  "   FROM temp.rome_stage_competency s WHERE TRUE ORDER BY s.id"
  " ON CONFLICT (id) DO UPDATE SET nature = excluded.nature, label = excluded.label,"
  "   definition = excluded.definition, category = excluded.category,"
  "   subcategory = excluded.subcategory, macro_id = excluded.macro_id,"
  "   macro_code = excluded.macro_code, transition_eco = excluded.transition_eco,"
  "   transition_num = excluded.transition_num, batch_id = excluded.batch_id,"
  "   removed_batch_id = NULL"
  " WHERE EXISTS (SELECT 1 FROM main.competency_undo u WHERE u.undo_batch_id = ?1 AND u.id = "
  "excluded.id)",
};

/* The steps of one apply, in order; ?1 is the batch. */
static GPtrArray *
apply_steps (gboolean main_empty)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);

  /* Rows the new version changes or drops: kept, then deleted. Nothing to
   * do into an empty referential. */
  for (guint i = 0; !main_empty && i < G_N_ELEMENTS (delete_order); i++)
    {
      const RomeTable *t = &rome_tables[delete_order[i]];
      g_autofree char *columns = rome_table_columns (t, NULL);
      g_autofree char *m_columns = rome_table_columns (t, "m");
      g_autofree char *same = rome_table_join (t, "s", "m", TRUE);

      g_ptr_array_add (steps,
                       g_strdup_printf ("INSERT INTO main.%1$s_undo (undo_batch_id, %2$s, batch_id)"
                                        " SELECT ?1, %3$s, m.batch_id FROM main.%1$s m"
                                        " WHERE NOT EXISTS (SELECT 1 FROM temp.%4$s s WHERE %5$s)",
                                        t->name, columns, m_columns, t->stage, same));
      g_ptr_array_add (
          steps, g_strdup_printf ("DELETE FROM main.%1$s WHERE (%2$s) IN"
                                  " (SELECT %2$s FROM main.%1$s_undo WHERE undo_batch_id = ?1)",
                                  t->name, t->keys));
    }
  for (guint i = 0; i < G_N_ELEMENTS (competency_steps); i++)
    if (!main_empty || i == 2)
      g_ptr_array_add (steps, g_strdup (competency_steps[i]));
  /* What remains of a table equals its staged rows: the others go in. */
  for (guint i = G_N_ELEMENTS (delete_order); i-- > 0;)
    {
      const RomeTable *t = &rome_tables[delete_order[i]];
      g_autofree char *columns = rome_table_columns (t, NULL);

      g_ptr_array_add (steps, g_strdup_printf ("INSERT OR IGNORE INTO main.%1$s (%2$s, batch_id)"
                                               " SELECT %2$s, ?1 FROM temp.%3$s ORDER BY %4$s",
                                               t->name, columns, t->stage, t->keys));
    }
  g_ptr_array_add (
      steps,
      g_strdup ("INSERT INTO main.competency_search (competency_search) VALUES ('rebuild')"));
  return steps;
}

/* Page cache during apply, KiB: the full v460 referential takes about 30 MB
 * of pages with its indexes. */
#define APPLY_CACHE_KIB 65536

static void
restore_settings (sqlite3 *handle, gint64 cache_size, gint64 foreign_keys)
{
  g_autofree char *sql
      = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT "; PRAGMA foreign_keys = %d",
                         cache_size, foreign_keys ? 1 : 0);
  sqlite3_exec (handle, sql, NULL, NULL, NULL);
}

/* The import_batch row, first: every row written carries its id. */
static gboolean
record_import_batch (RepereRomeImport *self, gboolean bundled, gint64 *batch, GError **error)
{
  g_autofree char *started = rome_now_iso8601 ();
  g_autofree char *label = bundled ? g_strdup_printf ("ROME %s (bundled)", self->version)
                                   : g_strdup_printf ("ROME %s", self->version);
  g_autofree char *sql = NULL;

  sql = repere_sql_printf (
      "INSERT INTO main.import_batch (kind, label, started_at, note)"
      " VALUES ('rome', %Q, %Q, %Q)",
      label, started,
      bundled ? "France Travail, ROME 4.0, Licence Ouverte / Open Licence (Etalab)" : self->dir);
  if (!rome_exec (self->handle, sql, error))
    return FALSE;
  *batch = sqlite3_last_insert_rowid (self->handle);
  return TRUE;
}

/* Its files and the rome_batch row, once the diff is known. */
static gboolean
record_rome_batch (RepereRomeImport *self, gboolean bundled, gint64 batch, GError **error)
{
  const RepereRomeDiff *d = self->diff;
  const RepereRomeCounts *c = &d->counts;
  sqlite3_stmt *stmt;
  int rc;

  stmt = rome_prepare (
      self->handle,
      "INSERT INTO main.import_file (batch_id, name, sha256, rows) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->files->len; i++)
    {
      RepereRomeFile *file = g_ptr_array_index (self->files, i);
      sqlite3_bind_int64 (stmt, 1, batch);
      sqlite3_bind_text (stmt, 2, file->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, file->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, file->rows);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return rome_db_error (self->handle, error, "import_file");
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  stmt = rome_prepare (
      self->handle,
      "INSERT INTO main.rome_batch (batch_id, version, previous_batch_id, codes, appellations, "
      "competencies,"
      " macros, savoirs, links, links_savoir_faire, links_savoir_etre, links_savoir, codes_added,"
      " codes_removed, codes_retitled, competencies_added, competencies_removed, origin, fiche,"
      " grand_domains, domains, texts_definition, texts_access, contexts, context_links, "
      "mobility_links)"
      " VALUES (?1, ?2, nullif (?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
      "?17,"
      " ?18, 1, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  sqlite3_bind_text (stmt, 2, self->version, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, self->base_batch);
  sqlite3_bind_int (stmt, 4, c->codes);
  sqlite3_bind_int (stmt, 5, c->appellations);
  sqlite3_bind_int (stmt, 6, c->competencies);
  sqlite3_bind_int (stmt, 7, c->macros);
  sqlite3_bind_int (stmt, 8, c->savoirs);
  sqlite3_bind_int (stmt, 9, c->links);
  sqlite3_bind_int (stmt, 10, c->links_savoir_faire);
  sqlite3_bind_int (stmt, 11, c->links_savoir_etre);
  sqlite3_bind_int (stmt, 12, c->links_savoir);
  sqlite3_bind_int (stmt, 13, d->codes_added->len);
  sqlite3_bind_int (stmt, 14, d->codes_removed->len);
  sqlite3_bind_int (stmt, 15, d->codes_retitled->len);
  sqlite3_bind_int (stmt, 16, d->competencies_added->len);
  sqlite3_bind_int (stmt, 17, d->competencies_removed->len);
  sqlite3_bind_text (stmt, 18, bundled ? "bundled" : "user", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 19, c->grand_domains);
  sqlite3_bind_int (stmt, 20, c->domains);
  sqlite3_bind_int (stmt, 21, c->texts_definition);
  sqlite3_bind_int (stmt, 22, c->texts_access);
  sqlite3_bind_int (stmt, 23, c->contexts);
  sqlite3_bind_int (stmt, 24, c->context_links);
  sqlite3_bind_int (stmt, 25, c->mobility_links);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rome_db_error (self->handle, error, "rome_batch");
  return TRUE;
}

/* G_MESSAGES_DEBUG=Repere: the CPU time at the end of a step (docs/rome-import.md). */
static void
debug_phase (const char *what)
{
  g_debug ("ROME import: %.3f s CPU, %.3f s in this thread, %s", (double) clock () / CLOCKS_PER_SEC,
           rome_thread_cpu (), what);
}

/* Last checks and the commit. Foreign keys are not enforced row by row
 * during an import: every reference was checked while reading and the
 * tables now hold exactly the rows read, which the counts confirm.
 * repere-cli check runs the full check. */
static gboolean
finish (RepereRomeImport *self, gint64 batch, GError **error)
{
  g_autofree char *finished = NULL;
  RepereRomeCounts counts;
  sqlite3_stmt *stmt;
  int rc;

  if (self->direct)
    {
      /* A first import filled empty tables with plain INSERTs, the kinds
       * and natures bound from what the reading counted: the totals of
       * count(*) (b-tree pages only) confirm every row, where the split
       * by kind would decode each of them again (0.015 s for v460).
       * repere-cli check compares the split. */
      const RepereRomeCounts *read = &self->diff->counts;

      if (!rome_read_counts (self->handle, rome_total_counts_sql, &counts, error))
        return FALSE;
      counts.links_savoir_faire = read->links_savoir_faire;
      counts.links_savoir_etre = read->links_savoir_etre;
      counts.links_savoir = read->links_savoir;
      if (counts.competencies == read->competencies + read->macros + read->savoirs)
        {
          counts.competencies = read->competencies;
          counts.macros = read->macros;
          counts.savoirs = read->savoirs;
        }
      if (counts.texts_definition == read->texts_definition + read->texts_access)
        {
          counts.texts_definition = read->texts_definition;
          counts.texts_access = read->texts_access;
        }
    }
  else if (!repere_rome_get_counts (self->db, &counts, error))
    return FALSE;
  if (memcmp (&counts, &self->diff->counts, sizeof counts) != 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_DATABASE,
                   _ ("The imported referential does not have the size of the files (%u codes, %u "
                      "links instead of "
                      "%u, %u)"),
                   counts.codes, counts.links, self->diff->counts.codes, self->diff->counts.links);
      return FALSE;
    }
  finished = rome_now_iso8601 ();
  stmt = rome_prepare (self->handle, "UPDATE main.import_batch SET finished_at = ?2 WHERE id = ?1",
                       error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  sqlite3_bind_text (stmt, 2, finished, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rome_db_error (self->handle, error, "import_batch");
  rome_report (self, 0.98, _ ("Saving"));
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error)
      || !rome_exec (self->handle, "COMMIT", error))
    return FALSE;
  return TRUE;
}

gint64
rome_import_apply (RepereRomeImport *import, gboolean bundled, RepereRomeProgress progress,
                   gpointer user_data, GCancellable *cancellable, GError **error)
{
  RepereRomeImport *self = import;
  gint64 batch = 0, current = 0, cache_size = -2000, foreign_keys = 0;
  const char *phase = _ ("Applying the changes");
  g_autofree char *index_sql = NULL;
  g_autoptr (GPtrArray) steps = NULL;

  g_return_val_if_fail (import != NULL && import->diff != NULL, -1);
  if (import->applied && import->direct)
    return import->batch; /* rome_import_run() applied it while reading */
  g_return_val_if_fail (!import->applied, -1);
  if (self->diff->identical)
    return 0;
  self->progress = progress;
  self->progress_data = user_data;
  self->reported = 0;
  g_clear_pointer (&self->reported_phase, g_free);
  self->cancellable = cancellable;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  rome_report (self, 0.0, phase);
  /* The whole transaction's pages in the cache rather than spilled to the
   * WAL before the commit; restored afterwards. */
  if (!rome_query_int64 (self->handle, "PRAGMA main.cache_size", -2000, &cache_size, error)
      || !rome_query_int64 (self->handle, "PRAGMA foreign_keys", 0, &foreign_keys, error)
      || !rome_exec (self->handle, "PRAGMA main.cache_size = -" G_STRINGIFY (APPLY_CACHE_KIB),
                     error)
      || !rome_exec (self->handle, "PRAGMA foreign_keys = OFF", error))
    return -1;
  if (!rome_exec (self->handle, "BEGIN IMMEDIATE", error))
    {
      restore_settings (self->handle, cache_size, foreign_keys);
      return -1;
    }
  sqlite3_progress_handler (self->handle, 20000, rome_on_sqlite_progress, self);
  if (!rome_current_batch (self->handle, &current, error))
    goto fail;
  if (current != self->base_batch)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_CHANGED,
                   _ ("The ROME referential changed since the files were read; read them again"));
      goto fail;
    }
  if (!record_import_batch (self, bundled, &batch, error)
      || !record_rome_batch (self, bundled, batch, error))
    goto fail;
  /* Into an empty table, building the competency index once at the end is
   * several times faster than updating it row by row. */
  if (self->diff->previous_counts.links == 0
      && !rome_query_text (
          self->handle,
          "SELECT sql FROM main.sqlite_schema WHERE name = 'rome_competency_competency'",
          &index_sql, error))
    goto fail;
  if (index_sql && !rome_exec (self->handle, "DROP INDEX main.rome_competency_competency", error))
    goto fail;
  steps = apply_steps (self->main_empty);
  for (guint i = 0; i < steps->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (i == steps->len - 1)
        {
          phase = _ ("Indexing the competency labels");
          if (index_sql && !rome_exec (self->handle, index_sql, error))
            goto fail;
        }
      rome_report (self, 0.95 * i / steps->len, phase);
      if (!rome_exec_batch (self->handle, g_ptr_array_index (steps, i), batch, error))
        goto fail;
    }
  if (!finish (self, batch, error))
    goto fail;
  debug_phase ("committed");
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);
  restore_settings (self->handle, cache_size, foreign_keys);
  self->base_batch = batch;
  self->applied = TRUE;
  rome_report (self, 1.0, _ ("Saving"));
  return batch;

fail:
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);
  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  restore_settings (self->handle, cache_size, foreign_keys);
  return -1;
}

/**
 * repere_rome_import_apply:
 * @import: a prepared import, not applied yet (applying twice is a programming error)
 * @progress: (nullable) (scope call): progress callback, 0 → 1
 * @user_data: data for @progress
 * @cancellable: (nullable): cancels the transaction (%G_IO_ERROR_CANCELLED)
 * @error: %REPERE_ROME_ERROR_CHANGED when the referential changed since
 *   repere_rome_import_prepare(), %REPERE_ROME_ERROR_DATABASE, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Installs the staged referential in one transaction: on any failure or a
 * cancel, the database is left exactly as it was. Records the batch (kind
 * 'rome', label "ROME vNNN", time, files with SHA-256 and rows), keeps the
 * replaced rows for repere_rome_rollback_last(), flags the competencies the
 * version drops (their ratings stay), rebuilds competency_search.
 *
 * Returns: the new batch id; 0 when the diff is identical (nothing is
 *   written, no batch recorded); -1 on error
 */
gint64
repere_rome_import_apply (RepereRomeImport *import, RepereRomeProgress progress, gpointer user_data,
                          GCancellable *cancellable, GError **error)
{
  return rome_import_apply (import, FALSE, progress, user_data, cancellable, error);
}

/* The secondary indexes of the referential's tables (not the undo
 * tables), dropped for a first import: into empty tables, building each
 * once at the end is several times faster than updating it row by row.
 * Returns their CREATE statements, to run after the rows are in, or %NULL
 * on error. Inside the import's transaction: a failure restores them. */
static GPtrArray *
drop_secondary_indexes (sqlite3 *handle, GError **error)
{
  g_autoptr (GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rome_prepare (handle,
                       "SELECT name, sql FROM main.sqlite_schema WHERE type = 'index'"
                       " AND sql IS NOT NULL AND tbl_name IN ('rome_code', 'rome_appellation',"
                       " 'competency', 'rome_competency', 'rome_grand_domain', 'rome_domain',"
                       " 'rome_text', 'rome_context', 'rome_code_context', 'rome_mobility')"
                       " ORDER BY name",
                       error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (creates, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      rome_db_error (handle, error, "sqlite_schema");
      return NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop
          = repere_sql_printf ("DROP INDEX main.%w", (const char *) g_ptr_array_index (names, i));
      if (!rome_exec (handle, drop, error))
        return NULL;
    }
  return g_steal_pointer (&creates);
}

/* A first import writes about 16 MB of new pages. In WAL mode they go to
 * the WAL at the commit and the checkpoint then copies them into the
 * database (a second write of each page, and its reading back); with a
 * rollback journal they are written once, into the database, and only the
 * few pages that existed before are journalled. The switch out of WAL needs
 * the database to itself: when another connection has it open (the
 * window's, while its worker loads the bundled referential), it fails at
 * once (busy timeout 0 for the attempt) and the import stays in WAL. Both
 * modes make the transaction atomic: a killed import leaves a hot journal
 * that the next connection rolls back. Returns whether the mode changed. */
static gboolean
enter_rollback_journal (sqlite3 *handle)
{
  g_autofree char *mode = NULL;
  gint64 timeout = 0;
  gboolean changed;

  if (!rome_query_text (handle, "PRAGMA main.journal_mode", &mode, NULL)
      || g_strcmp0 (mode, "wal") != 0
      || !rome_query_int64 (handle, "PRAGMA busy_timeout", 0, &timeout, NULL))
    return FALSE;
  g_clear_pointer (&mode, g_free);
  sqlite3_busy_timeout (handle, 0);
  changed = rome_query_text (handle, "PRAGMA main.journal_mode = DELETE", &mode, NULL)
            && g_strcmp0 (mode, "delete") == 0;
  sqlite3_busy_timeout (handle, (int) timeout);
  return changed;
}

/* Back to WAL, the mode of every connection of Repère (repere_db_open()).
 * Should it fail, the next opening sets it again. */
static void
leave_rollback_journal (sqlite3 *handle)
{
  sqlite3_exec (handle, "PRAGMA main.journal_mode = WAL", NULL, NULL, NULL);
}

/* A first import (empty referential): the rows go straight from the files
 * into the main tables, in one BEGIN IMMEDIATE transaction, with no staging
 * copy. Sets *@fallback when the referential turned out not to be empty
 * (nothing written: the caller stages instead). */
static gint64
import_direct (RepereRomeImport *self, RepereCsvEncoding encoding, gboolean bundled,
               gboolean *fallback, GError **error)
{
  gint64 cache_size = -2000, foreign_keys = 0;
  gboolean rollback_journal;

  *fallback = FALSE;
  if (!rome_query_int64 (self->handle, "PRAGMA main.cache_size", -2000, &cache_size, error)
      || !rome_query_int64 (self->handle, "PRAGMA foreign_keys", 0, &foreign_keys, error)
      || !rome_exec (self->handle, "PRAGMA main.cache_size = -" G_STRINGIFY (APPLY_CACHE_KIB),
                     error)
      || !rome_exec (self->handle, "PRAGMA foreign_keys = OFF", error))
    return -1;
  rollback_journal = enter_rollback_journal (self->handle);
  if (!rome_exec (self->handle, "BEGIN IMMEDIATE", error))
    {
      if (rollback_journal)
        leave_rollback_journal (self->handle);
      restore_settings (self->handle, cache_size, foreign_keys);
      return -1;
    }
  sqlite3_progress_handler (self->handle, 20000, rome_on_sqlite_progress, self);
  if (!rome_current_batch (self->handle, &self->base_batch, error)
      || !rome_is_main_empty (self, error))
    goto fail;
  if (!self->main_empty)
    {
      *fallback = TRUE;
      goto fail;
    }
  self->direct = TRUE;
  self->rollback_journal = rollback_journal;
  /* The diff's lists of added codes and competencies, made while reading. */
  self->codes_read = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_code_change_free);
  self->competencies_read
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_competency_change_free);
  if (!record_import_batch (self, bundled, &self->batch, error)
      || (self->indexes = drop_secondary_indexes (self->handle, error)) == NULL
      || !rome_read_files (self, encoding, error))
    goto fail;
  /* Built while reading (rome_read_files_into()), or else now. */
  for (guint i = 0; self->indexes && i < self->indexes->len; i++)
    if (!rome_exec (self->handle, g_ptr_array_index (self->indexes, i), error))
      goto fail;
  g_clear_pointer (&self->indexes, g_ptr_array_unref);
  debug_phase ("indexes built");
  if (!rome_compute_diff (self, error))
    goto fail;
  debug_phase ("diff done");
  if (!record_rome_batch (self, bundled, self->batch, error) || !finish (self, self->batch, error))
    goto fail;
  debug_phase ("committed");
  self->rollback_journal = FALSE;
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);
  if (rollback_journal)
    leave_rollback_journal (self->handle);
  restore_settings (self->handle, cache_size, foreign_keys);
  self->applied = TRUE;
  rome_report (self, 1.0, _ ("Saving"));
  return self->batch;

fail:
  self->direct = FALSE;
  self->rollback_journal = FALSE;
  g_clear_pointer (&self->indexes, g_ptr_array_unref);
  g_clear_pointer (&self->codes_read, g_ptr_array_unref);
  g_clear_pointer (&self->competencies_read, g_ptr_array_unref);
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);
  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  if (rollback_journal)
    leave_rollback_journal (self->handle);
  restore_settings (self->handle, cache_size, foreign_keys);
  return -1;
}

/**
 * rome_import_run:
 * @path: (nullable): a folder of an export; %NULL with @resource_dir
 * @resource_dir: (nullable): the bundled release's resource folder (the
 *   batch is then recorded as bundled)
 * @import: (out) (optional) (transfer full): the import, for its diff
 *
 * Reads and applies at once: into an empty referential, straight into the
 * main tables; otherwise staged, compared and applied as
 * repere_rome_import_prepare() and repere_rome_import_apply() do.
 */
gint64
rome_import_run (RepereDb *db, const char *path, const char *resource_dir,
                 RepereCsvEncoding encoding, RepereRomeProgress progress, gpointer user_data,
                 GCancellable *cancellable, RepereRomeImport **import, GError **error)
{
  g_autoptr (RepereRomeImport) self
      = rome_import_new (db, path, resource_dir, progress, user_data, cancellable, error);
  gboolean fallback = FALSE;
  gint64 batch;

  if (self == NULL)
    return -1;
  if (!rome_is_main_empty (self, error))
    return -1;
  if (self->main_empty)
    {
      batch = import_direct (self, encoding, self->bundled, &fallback, error);
      if (batch < 0 && !fallback)
        return -1;
    }
  if (!self->main_empty || fallback)
    {
      if (!rome_import_stage (self, encoding, error))
        return -1;
      batch = rome_import_apply (self, self->bundled, progress, user_data, cancellable, error);
      if (batch < 0)
        return -1;
    }
  if (import)
    *import = g_steal_pointer (&self);
  return batch;
}

/**
 * repere_rome_import_run:
 * @db: the database
 * @path: a folder of unix_*_vNNN_utf8.csv files (or one of them)
 * @encoding: as repere_rome_import_prepare()
 * @progress: (nullable) (scope call): progress callback, 0 → 1 for the
 *   reading, then again for the apply when they are separate
 * @user_data: data for @progress
 * @cancellable: (nullable): cancels (%G_IO_ERROR_CANCELLED); the database is
 *   then left as it was
 * @import: (out) (optional) (transfer full): the import, whose diff says
 *   what changed (repere_rome_import_get_diff())
 * @error: as repere_rome_import_prepare() and repere_rome_import_apply()
 *
 * repere_rome_import_prepare() then repere_rome_import_apply(), without a
 * preview in between: into an empty referential (a first import) the rows
 * go straight into the tables in the very transaction that records the
 * batch, which saves the staging copy; the diff is the same.
 *
 * Returns: the new batch, 0 when the files hold the referential in force,
 *   -1 on error
 */
gint64
repere_rome_import_run (RepereDb *db, const char *path, RepereCsvEncoding encoding,
                        RepereRomeProgress progress, gpointer user_data, GCancellable *cancellable,
                        RepereRomeImport **import, GError **error)
{
  return rome_import_run (db, path, NULL, encoding, progress, user_data, cancellable, import,
                          error);
}
