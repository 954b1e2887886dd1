/* repere-rome-diff.c: what applying a staged ROME referential changes
 *
 * Compares the staging tables with the current referential, table by table
 * on their keys: codes and competencies added, removed, retitled; counts of
 * the other rows added, removed and changed; for each job of job_rome, the
 * competencies its codes gain and lose; the ratings whose competency goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-private.h"

#include <glib/gi18n.h>
#include <string.h>

/**
 * rome_counts_sql:
 *
 * Returns: (transfer full): a query of the current referential's sizes, in
 *   the order of #RepereRomeCounts (removed competencies not counted)
 */
char *
rome_counts_sql (void)
{
  /* One pass over each table (its filtered counts as aggregates). */
  return g_strdup (
      "SELECT c.n, a.n, k.competence, k.macro, k.savoir, l.n, l.savoir_faire, l.savoir_etre,"
      " l.savoir, g.n, d.n, t.definition, t.access, x.n, cx.n, mo.n"
      " FROM (SELECT count(*) AS n FROM main.rome_code) c,"
      " (SELECT count(*) AS n FROM main.rome_appellation) a,"
      " (SELECT count(*) FILTER (WHERE nature = 'competence') AS competence,"
      "   count(*) FILTER (WHERE nature = 'macro') AS macro,"
      "   count(*) FILTER (WHERE nature = 'savoir') AS savoir"
      "   FROM main.competency WHERE removed_batch_id IS NULL) k,"
      " (SELECT count(*) AS n, count(*) FILTER (WHERE kind = 'savoir-faire') AS savoir_faire,"
      "   count(*) FILTER (WHERE kind = 'savoir-etre') AS savoir_etre,"
      "   count(*) FILTER (WHERE kind = 'savoir') AS savoir FROM main.rome_competency) l,"
      " (SELECT count(*) AS n FROM main.rome_grand_domain) g,"
      " (SELECT count(*) AS n FROM main.rome_domain) d,"
      " (SELECT count(*) FILTER (WHERE kind = 'definition') AS definition,"
      "   count(*) FILTER (WHERE kind = 'access') AS access FROM main.rome_text) t,"
      " (SELECT count(*) AS n FROM main.rome_context) x,"
      " (SELECT count(*) AS n FROM main.rome_code_context) cx,"
      " (SELECT count(*) AS n FROM main.rome_mobility) mo");
}

/* The totals of each table in the columns of RepereRomeCounts, 0 for the
 * split by nature and kind: count(*) counts the cells of the b-tree pages
 * without decoding a row. The competencies' total is in the competencies
 * column (every one is current in a first import), the texts' in
 * texts_definition. */
const char rome_total_counts_sql[]
    = "SELECT (SELECT count(*) FROM main.rome_code), (SELECT count(*) FROM main.rome_appellation),"
      " (SELECT count(*) FROM main.competency), 0, 0, (SELECT count(*) FROM main.rome_competency),"
      " 0, 0, 0, (SELECT count(*) FROM main.rome_grand_domain),"
      " (SELECT count(*) FROM main.rome_domain), (SELECT count(*) FROM main.rome_text), 0,"
      " (SELECT count(*) FROM main.rome_context), (SELECT count(*) FROM main.rome_code_context),"
      " (SELECT count(*) FROM main.rome_mobility)";

/* Fills @counts from the first row of @sql, columns in struct order. */
gboolean
rome_read_counts (sqlite3 *handle, const char *sql, RepereRomeCounts *counts, GError **error)
{
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  guint *fields = (guint *) counts;
  int rc;

  G_STATIC_ASSERT (sizeof (RepereRomeCounts) == 16 * sizeof (guint));
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int i = 0; i < 16 && i < sqlite3_column_count (stmt); i++)
      fields[i] = sqlite3_column_int (stmt, i);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return rome_db_error (handle, error, sql);
  return TRUE;
}

/**
 * repere_rome_get_counts:
 * @db: the database
 * @counts: (out caller-allocates): sizes of the current referential (zeros
 *   when none was imported); removed competencies are not counted
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rome_get_counts (RepereDb *db, RepereRomeCounts *counts, GError **error)
{
  g_autofree char *sql = rome_counts_sql ();

  memset (counts, 0, sizeof *counts);
  return rome_read_counts (repere_db_get_handle (db), sql, counts, error);
}

/**
 * repere_rome_get_current_version:
 * @db: the database
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: (transfer full) (nullable): the version of the current referential
 *   ("v460"), or %NULL with @error unset when none was imported
 */
char *
repere_rome_get_current_version (RepereDb *db, GError **error)
{
  char *version = NULL;

  rome_query_text (repere_db_get_handle (db),
                   "SELECT version FROM rome_batch WHERE rolled_back_at IS NULL ORDER BY batch_id "
                   "DESC LIMIT 1",
                   &version, error);
  return version;
}

void
repere_rome_code_change_free (RepereRomeCodeChange *change)
{
  if (change == NULL)
    return;
  g_free (change->code);
  g_free (change->old_title);
  g_free (change->new_title);
  g_free (change);
}

void
repere_rome_competency_change_free (RepereRomeCompetencyChange *change)
{
  if (change == NULL)
    return;
  g_free (change->nature);
  g_free (change->old_label);
  g_free (change->new_label);
  g_free (change);
}

void
repere_rome_job_change_free (RepereRomeJobChange *change)
{
  if (change == NULL)
    return;
  g_free (change->job_id);
  g_free (change->job_name);
  g_clear_pointer (&change->codes_removed, g_ptr_array_unref);
  g_clear_pointer (&change->competencies_added, g_ptr_array_unref);
  g_clear_pointer (&change->competencies_removed, g_ptr_array_unref);
  g_free (change);
}

void
repere_flagged_rating_free (RepereFlaggedRating *rating)
{
  if (rating == NULL)
    return;
  g_free (rating->assessment_id);
  g_free (rating->job_id);
  g_free (rating->label);
  g_free (rating);
}

void
repere_rome_file_free (RepereRomeFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->sha256);
  g_free (file->encoding);
  g_free (file);
}

void
rome_diff_free (RepereRomeDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->version);
  g_free (diff->previous_version);
  g_clear_pointer (&diff->codes_added, g_ptr_array_unref);
  g_clear_pointer (&diff->codes_removed, g_ptr_array_unref);
  g_clear_pointer (&diff->codes_retitled, g_ptr_array_unref);
  g_clear_pointer (&diff->competencies_added, g_ptr_array_unref);
  g_clear_pointer (&diff->competencies_removed, g_ptr_array_unref);
  g_clear_pointer (&diff->competencies_relabelled, g_ptr_array_unref);
  g_clear_pointer (&diff->jobs, g_ptr_array_unref);
  g_clear_pointer (&diff->flagged_ratings, g_ptr_array_unref);
  g_free (diff);
}

static GPtrArray *
code_changes (sqlite3 *handle, const char *sql, GError **error)
{
  g_autoptr (GPtrArray) changes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_code_change_free);
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeCodeChange *change = g_new0 (RepereRomeCodeChange, 1);
      change->code = rome_column_dup (stmt, 0);
      change->old_title = rome_column_dup (stmt, 1);
      change->new_title = rome_column_dup (stmt, 2);
      g_ptr_array_add (changes, change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      rome_db_error (handle, error, sql);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

static GPtrArray *
competency_changes (sqlite3 *handle, const char *sql, GError **error)
{
  g_autoptr (GPtrArray) changes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_competency_change_free);
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeCompetencyChange *change = g_new0 (RepereRomeCompetencyChange, 1);
      change->id = sqlite3_column_int64 (stmt, 0);
      change->nature = rome_column_dup (stmt, 1);
      change->old_label = rome_column_dup (stmt, 2);
      change->new_label = rome_column_dup (stmt, 3);
      g_ptr_array_add (changes, change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      rome_db_error (handle, error, sql);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

static gboolean
compute_job_changes (RepereRomeImport *self, RepereRomeDiff *diff, GError **error)
{
  static const char sql[]
      = "WITH old AS (SELECT DISTINCT jr.job_id, rc.competency_id FROM main.job_rome jr"
        "              JOIN main.rome_competency rc ON rc.rome_code = jr.rome_code),"
        " new AS (SELECT DISTINCT jr.job_id, l.competency_id FROM main.job_rome jr"
        "              JOIN temp.rome_stage_link l ON l.rome_code = jr.rome_code),"
        " changes AS (SELECT job_id, competency_id, 1 AS added FROM (SELECT * FROM new EXCEPT "
        "SELECT * FROM old)"
        "   UNION ALL SELECT job_id, competency_id, 0 FROM (SELECT * FROM old EXCEPT SELECT * FROM "
        "new)"
        "   UNION ALL SELECT jr.job_id, NULL, 2 FROM main.job_rome jr"
        "    WHERE EXISTS (SELECT 1 FROM main.rome_code c WHERE c.code = jr.rome_code)"
        "      AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s WHERE s.code = jr.rome_code))"
        " SELECT ch.job_id, j.name, ch.added, ch.competency_id,"
        "        CASE ch.added WHEN 1 THEN s.nature ELSE m.nature END,"
        "        m.label, s.label,"
        "        (SELECT group_concat (jr.rome_code, ' ') FROM main.job_rome jr WHERE jr.job_id = "
        "ch.job_id"
        "          AND EXISTS (SELECT 1 FROM main.rome_code c WHERE c.code = jr.rome_code)"
        "          AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s2 WHERE s2.code = "
        "jr.rome_code))"
        "   FROM changes ch JOIN main.job j ON j.id = ch.job_id"
        "   LEFT JOIN temp.rome_stage_competency s ON s.id = ch.competency_id AND ch.added = 1"
        "   LEFT JOIN main.competency m ON m.id = ch.competency_id AND ch.added = 0"
        "  ORDER BY j.name, ch.job_id, ch.competency_id";
  /* Read straight into an empty referential: every competency of the
   * mapped jobs' codes is new. */
  static const char direct_sql[]
      = "SELECT ch.job_id, j.name, 1, ch.competency_id, c.nature, NULL, c.label, NULL"
        "  FROM (SELECT DISTINCT jr.job_id, rc.competency_id FROM main.job_rome jr"
        "         JOIN main.rome_competency rc ON rc.rome_code = jr.rome_code) ch"
        "  JOIN main.job j ON j.id = ch.job_id JOIN main.competency c ON c.id = ch.competency_id"
        " ORDER BY j.name, ch.job_id, ch.competency_id";
  sqlite3_stmt *stmt = rome_prepare (self->handle, self->direct ? direct_sql : sql, error);
  RepereRomeJobChange *job = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *job_id = (const char *) sqlite3_column_text (stmt, 0);
      RepereRomeCompetencyChange *change;

      if (job == NULL || g_strcmp0 (job->job_id, job_id) != 0)
        {
          g_autofree char *codes = rome_column_dup (stmt, 7);

          job = g_new0 (RepereRomeJobChange, 1);
          job->job_id = g_strdup (job_id);
          job->job_name = rome_column_dup (stmt, 1);
          job->codes_removed = g_ptr_array_new_with_free_func (g_free);
          job->competencies_added = g_ptr_array_new_with_free_func (
              (GDestroyNotify) repere_rome_competency_change_free);
          job->competencies_removed = g_ptr_array_new_with_free_func (
              (GDestroyNotify) repere_rome_competency_change_free);
          if (codes != NULL)
            {
              g_auto (GStrv) parts = g_strsplit (codes, " ", -1);
              for (guint i = 0; parts[i]; i++)
                g_ptr_array_add (job->codes_removed, g_strdup (parts[i]));
            }
          g_ptr_array_add (diff->jobs, job);
        }
      if (sqlite3_column_int (stmt, 2) == 2)
        continue;
      change = g_new0 (RepereRomeCompetencyChange, 1);
      change->id = sqlite3_column_int64 (stmt, 3);
      change->nature = rome_column_dup (stmt, 4);
      change->old_label = rome_column_dup (stmt, 5);
      change->new_label = rome_column_dup (stmt, 6);
      g_ptr_array_add (sqlite3_column_int (stmt, 2) == 1 ? job->competencies_added
                                                         : job->competencies_removed,
                       change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rome_db_error (self->handle, error, "job changes");
  return TRUE;
}

static gboolean
compute_flagged_ratings (RepereRomeImport *self, RepereRomeDiff *diff, GError **error)
{
  static const char sql[]
      = "SELECT r.assessment_id, r.job_id, m.id, m.label, r.level"
        "  FROM main.rating r JOIN main.competency m ON CAST (m.id AS TEXT) = r.competency_id"
        " WHERE m.removed_batch_id IS NULL"
        "   AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s WHERE s.id = m.id)"
        " ORDER BY r.assessment_id, r.job_id, m.id";
  sqlite3_stmt *stmt = rome_prepare (self->handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereFlaggedRating *rating = g_new0 (RepereFlaggedRating, 1);
      rating->assessment_id = rome_column_dup (stmt, 0);
      rating->job_id = rome_column_dup (stmt, 1);
      rating->competency_id = sqlite3_column_int64 (stmt, 2);
      rating->label = rome_column_dup (stmt, 3);
      rating->level = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (diff->flagged_ratings, rating);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rome_db_error (self->handle, error, sql);
  return TRUE;
}

static gboolean
count_into (sqlite3 *handle, const char *sql, guint *value, GError **error)
{
  gint64 n;

  if (!rome_query_int64 (handle, sql, 0, &n, error))
    return FALSE;
  *value = (guint) n;
  return TRUE;
}

/* Rows of one table added, removed and changed, on its key; @staged is the
 * staged row count, which is all "added" when the referential is empty. */
static gboolean
table_changes (RepereRomeImport *self, RomeTableId id, guint staged, RepereRomeRowChanges *out,
               GError **error)
{
  const RomeTable *t = &rome_tables[id];
  g_autofree char *on_keys = rome_table_join (t, "s", "m", FALSE);
  g_autofree char *same = rome_table_join (t, "s", "m", TRUE);
  g_autofree char *added = NULL, *removed = NULL, *changed = NULL;
  RepereRomeRowChanges result = { 0 };

  if (self->main_empty)
    {
      out->added += staged;
      return TRUE;
    }
  added
      = g_strdup_printf ("SELECT count(*) FROM temp.%s s WHERE NOT EXISTS (SELECT 1 FROM main.%s m"
                         " WHERE %s)",
                         t->stage, t->name, on_keys);
  removed
      = g_strdup_printf ("SELECT count(*) FROM main.%s m WHERE NOT EXISTS (SELECT 1 FROM temp.%s s"
                         " WHERE %s)",
                         t->name, t->stage, on_keys);
  /* Rows of both minus rows identical in every column. */
  changed = g_strdup_printf (
      "SELECT (SELECT count(*) FROM main.%1$s m WHERE EXISTS (SELECT 1 FROM temp.%2$s s"
      " WHERE %3$s)) - (SELECT count(*) FROM main.%1$s m WHERE EXISTS"
      " (SELECT 1 FROM temp.%2$s s WHERE %4$s))",
      t->name, t->stage, on_keys, same);
  if (!count_into (self->handle, added, &result.added, error)
      || !count_into (self->handle, removed, &result.removed, error)
      || !count_into (self->handle, changed, &result.changed, error))
    return FALSE;
  out->added += result.added;
  out->removed += result.removed;
  out->changed += result.changed;
  return TRUE;
}

/* The diff of a first import read straight into the main tables: all added. */
static gboolean
compute_direct_diff (RepereRomeImport *self, RepereRomeDiff *diff, GError **error)
{
  sqlite3 *h = self->handle;
  const RepereRomeCounts *c = &self->counts;

  memset (&diff->previous_counts, 0, sizeof diff->previous_counts);
  /* As the reading thread listed them (rome_read_files_into()), else from
   * the tables. */
  diff->codes_added = g_steal_pointer (&self->codes_read);
  diff->competencies_added = g_steal_pointer (&self->competencies_read);
  if ((diff->codes_added == NULL
       && (diff->codes_added
           = code_changes (h, "SELECT code, NULL, title FROM main.rome_code ORDER BY code", error))
              == NULL)
      || (diff->competencies_added == NULL
          && (diff->competencies_added = competency_changes (
                  h, "SELECT id, nature, NULL, label FROM main.competency ORDER BY id", error))
                 == NULL))
    return FALSE;
  diff->codes_removed
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_code_change_free);
  diff->codes_retitled
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_code_change_free);
  diff->competencies_removed
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_competency_change_free);
  diff->competencies_relabelled
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_competency_change_free);
  diff->appellations_added = c->appellations;
  diff->links_added = c->links;
  diff->domains.added = c->grand_domains + c->domains;
  diff->texts.added = c->texts_definition + c->texts_access;
  diff->contexts.added = c->contexts;
  diff->context_links.added = c->context_links;
  diff->mobility.added = c->mobility_links;
  diff->identical = FALSE;
  return compute_job_changes (self, diff, error);
}

/**
 * rome_compute_diff:
 *
 * Fills self->diff; inside the staging transaction.
 */
gboolean
rome_compute_diff (RepereRomeImport *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  RepereRomeDiff *diff = g_new0 (RepereRomeDiff, 1);
  sqlite3 *h = self->handle;
  RepereRomeRowChanges appellations = { 0 }, links = { 0 };
  const RepereRomeCounts *c = &self->counts;

  self->diff = diff;
  diff->version = g_strdup (self->version);
  diff->previous_version = repere_rome_get_current_version (self->db, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  diff->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_job_change_free);
  diff->flagged_ratings
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_flagged_rating_free);
  diff->counts = self->counts;
  if (self->direct)
    return compute_direct_diff (self, diff, error);
  if (!repere_rome_get_counts (self->db, &diff->previous_counts, error))
    return FALSE;

  if ((diff->codes_added = code_changes (h,
                                         "SELECT s.code, NULL, s.title FROM temp.rome_stage_code s"
                                         " WHERE NOT EXISTS (SELECT 1 FROM main.rome_code m WHERE "
                                         "m.code = s.code) ORDER BY s.code",
                                         error))
          == NULL
      || (diff->codes_removed
          = code_changes (h,
                          "SELECT m.code, m.title, NULL FROM main.rome_code m"
                          " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s WHERE s.code = "
                          "m.code) ORDER BY m.code",
                          error))
             == NULL
      || (diff->codes_retitled
          = code_changes (h,
                          "SELECT m.code, m.title, s.title FROM main.rome_code m"
                          " JOIN temp.rome_stage_code s ON s.code = m.code"
                          " WHERE s.title IS NOT m.title ORDER BY m.code",
                          error))
             == NULL)
    return FALSE;
  if (!count_into (
          h,
          "SELECT count(*) FROM main.rome_code m JOIN temp.rome_stage_code s ON s.code = m.code"
          " WHERE s.ogr IS NOT m.ogr OR s.parent_code IS NOT m.parent_code"
          " OR s.domain_code IS NOT m.domain_code OR s.transition_eco IS NOT m.transition_eco"
          " OR s.transition_num IS NOT m.transition_num OR s.transition_demo IS NOT "
          "m.transition_demo"
          " OR s.regulated IS NOT m.regulated OR s.executive IS NOT m.executive",
          &diff->codes_changed, error))
    return FALSE;

  if ((diff->competencies_added = competency_changes (
           h,
           "SELECT s.id, s.nature, NULL, s.label FROM temp.rome_stage_competency s"
           " WHERE NOT EXISTS (SELECT 1 FROM " ROME_CURRENT_COMPETENCY
           " m WHERE m.id = s.id) ORDER BY s.id",
           error))
          == NULL
      || (diff->competencies_removed = competency_changes (
              h,
              "SELECT m.id, m.nature, m.label, NULL FROM " ROME_CURRENT_COMPETENCY " m"
              " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s "
              "WHERE s.id = m.id) ORDER BY m.id",
              error))
             == NULL
      || (diff->competencies_relabelled = competency_changes (
              h,
              "SELECT m.id, s.nature, m.label, s.label FROM " ROME_CURRENT_COMPETENCY
              " m JOIN temp.rome_stage_competency s ON s.id = m.id"
              " WHERE s.label IS NOT m.label ORDER BY m.id",
              error))
             == NULL)
    return FALSE;
  if (!count_into (h,
                   "SELECT count(*) FROM " ROME_CURRENT_COMPETENCY
                   " m JOIN temp.rome_stage_competency s ON s.id = m.id"
                   " WHERE s.label IS m.label AND " ROME_COMPETENCY_DIFFERS,
                   &diff->competencies_changed, error))
    return FALSE;

  if (!table_changes (self, ROME_TABLE_APPELLATION, c->appellations, &appellations, error)
      || !table_changes (self, ROME_TABLE_LINK, c->links, &links, error)
      || !table_changes (self, ROME_TABLE_GRAND_DOMAIN, c->grand_domains, &diff->domains, error)
      || !table_changes (self, ROME_TABLE_DOMAIN, c->domains, &diff->domains, error)
      || !table_changes (self, ROME_TABLE_TEXT, c->texts_definition + c->texts_access, &diff->texts,
                         error)
      || !table_changes (self, ROME_TABLE_CONTEXT, c->contexts, &diff->contexts, error)
      || !table_changes (self, ROME_TABLE_CODE_CONTEXT, c->context_links, &diff->context_links,
                         error)
      || !table_changes (self, ROME_TABLE_MOBILITY, c->mobility_links, &diff->mobility, error))
    return FALSE;
  diff->appellations_added = appellations.added;
  diff->appellations_removed = appellations.removed;
  diff->appellations_changed = appellations.changed;
  diff->links_added = links.added;
  diff->links_removed = links.removed;
  diff->links_changed = links.changed;

  if (!compute_job_changes (self, diff, error) || !compute_flagged_ratings (self, diff, error))
    return FALSE;

#define NONE(r) ((r).added == 0 && (r).removed == 0 && (r).changed == 0)
  diff->identical = diff->codes_added->len == 0 && diff->codes_removed->len == 0
                    && diff->codes_retitled->len == 0 && diff->codes_changed == 0
                    && diff->competencies_added->len == 0 && diff->competencies_removed->len == 0
                    && diff->competencies_relabelled->len == 0 && diff->competencies_changed == 0
                    && NONE (appellations) && NONE (links) && NONE (diff->domains)
                    && NONE (diff->texts) && NONE (diff->contexts) && NONE (diff->context_links)
                    && NONE (diff->mobility);
#undef NONE
  return TRUE;
}
