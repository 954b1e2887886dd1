/* repere-rating-history.c: the history of rating changes, undo and redo
 *
 * Every change a user makes to a user assessment's ratings, retained
 * competencies, applied jobs, level counts or consolidation rule is one row
 * of table rating_change (schema/007-ratings.sql), opened before the change
 * and closed after it in the same transaction; while it is open, triggers
 * copy each row the change touches, before and after (JSON), into
 * rating_change_row. Undoing a change writes its rows back as they were,
 * redoing writes them as they became; both are changes of their own, so
 * the history shows them too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-history.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "repere-rating.h"
#include "repere-score.h"

#define LAST_CHANGE_KEY "repere-last-change"

void
repere_change_free (RepereChange *change)
{
  if (change == NULL)
    return;
  g_free (change->assessment_id);
  g_free (change->job_id);
  g_free (change->job_name);
  g_free (change->kind);
  g_free (change->detail);
  g_free (change->changed_by);
  g_free (change->changed_at);
  g_free (change->summary);
  g_free (change);
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

/**
 * repere_change_begin:
 * @assessment_id: the user assessment changed
 * @job_id: (nullable): the job changed, %NULL when several may be
 * @kind: rate, retain, apply, counts, revert, import, consolidate, undo or
 *   redo (the CHECK of rating_change.kind)
 * @detail: (nullable): what the summary needs: the rater, "RATER\tFILE" for
 *   an import, the rule for a consolidation
 * @undoes: for undo and redo, the change undone or redone; 0 otherwise
 * @error: %REPERE_DB_ERROR_QUERY (e.g. a change is open already)
 *
 * Opens a change: until repere_change_end(), every row of rater_rating,
 * competency_exclusion, rating_applied, user_level_count and
 * consolidation_rule that the caller writes for @assessment_id is logged
 * with it. The caller holds a transaction (or savepoint) around both.
 *
 * Returns: the change's id, 0 on error
 */
gint64
repere_change_begin (RepereDb *db, const char *assessment_id, const char *job_id, const char *kind,
                     const char *detail, gint64 undoes, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *when = now_iso8601 ();
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (
          handle,
          "INSERT INTO rating_change (assessment_id, job_id, kind, detail, changed_by, changed_at,"
          "                           undoes, open)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif (?7, 0), 1)",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), 0;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, detail ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, repere_rating_current_user (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, undoes);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    id = sqlite3_last_insert_rowid (handle);
  else
    repere_sql_failed (handle, error);
  sqlite3_finalize (stmt);
  return id;
}

/**
 * repere_change_end:
 * @change_id: a change opened by repere_change_begin()
 *
 * Closes the change. A change that touched no row is forgotten (the
 * history only lists what changed). The change becomes the one
 * repere_change_take_last() returns.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_change_end (RepereDb *db, gint64 change_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *sql = g_strdup_printf (
      "UPDATE rating_change SET open = 0 WHERE id = %" PRId64 ";"
      "DELETE FROM rating_change WHERE id = %" PRId64
      "   AND NOT EXISTS (SELECT 1 FROM rating_change_row WHERE change_id = %" PRId64 ");",
      change_id, change_id, change_id);

  if (!repere_sql_exec (handle, sql, error))
    return FALSE;
  g_object_set_data_full (
      G_OBJECT (db), LAST_CHANGE_KEY,
      sqlite3_changes (handle) > 0 ? NULL : g_memdup2 (&change_id, sizeof change_id), g_free);
  return TRUE;
}

/**
 * repere_change_take_last:
 *
 * Returns: the change the last successful edit on @db made (through any
 *   function of repere-rating.h or repere-score.h), 0 when it changed
 *   nothing; then forgets it, so that the same change is not taken twice
 */
gint64
repere_change_take_last (RepereDb *db)
{
  gint64 *last = g_object_get_data (G_OBJECT (db), LAST_CHANGE_KEY);
  gint64 id = last ? *last : 0;

  g_object_set_data (G_OBJECT (db), LAST_CHANGE_KEY, NULL);
  return id;
}

/**
 * repere_change_forget_last:
 *
 * Forgets the last change (an edit that was rolled back).
 */
void
repere_change_forget_last (RepereDb *db)
{
  g_object_set_data (G_OBJECT (db), LAST_CHANGE_KEY, NULL);
}

/**
 * repere_format_date:
 * @iso8601: a time as stored, "2026-12-04T15:22:20Z"
 *
 * Returns: (transfer full): the time in the user's time zone as people
 *   write it ("4 décembre 2026 à 16:22" in French); the text itself when it
 *   is not a time
 */
char *
repere_format_date (const char *iso8601)
{
  g_autoptr (GDateTime) utc
      = iso8601 && *iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601 ? iso8601 : "");
  local = g_date_time_to_local (utc);
  /* TRANSLATORS: a date and time, as g_date_time_format () takes it:
   * "4 December 2026 at 16:22"; French: "%-d %B %Y à %H:%M" */
  return g_date_time_format (local, _ ("%-d %B %Y at %H:%M"));
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

static RepereChange *
get_change (RepereDb *db, gint64 change_id, int depth, GError **error);

static char *
level_text (int level)
{
  return level > 0 ? g_strdup_printf ("%d", level) : g_strdup ("—");
}

/* The change's summary, from its kind, detail and rows (@one_* describe its
 * single row when it has exactly one). */
static char *
describe (RepereDb *db, const RepereChange *change, const char *one_label, int one_old, int one_new,
          int same_new, int depth)
{
  const char *kind = change->kind;
  guint n = change->n_rows;

  if (g_str_equal (kind, "rate"))
    {
      if (n == 1)
        {
          g_autofree char *from = level_text (one_old);
          g_autofree char *to = level_text (one_new);
          /* TRANSLATORS: "competency": level before → level after (rater) */
          return g_strdup_printf (_ ("“%s”: %s → %s (%s)"), one_label, from, to, change->detail);
        }
      if (same_new > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u competency rated %d (%s)",
                                             "%u competencies rated %d (%s)", n),
                                n, same_new, change->detail);
      if (same_new == 0)
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u rating cleared (%s)", "%u ratings cleared (%s)", n),
            n, change->detail);
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u rating changed (%s)", "%u ratings changed (%s)", n), n,
          change->detail);
    }
  if (g_str_equal (kind, "retain"))
    {
      /* one_new: 1 when the rows mark competencies not retained */
      if (n == 1)
        return g_strdup_printf (one_new ? _ ("“%s” not retained") : _ ("“%s” retained again"),
                                one_label);
      return g_strdup_printf (one_new
                                  ? g_dngettext (GETTEXT_PACKAGE, "%u competency not retained",
                                                 "%u competencies not retained", n)
                                  : g_dngettext (GETTEXT_PACKAGE, "%u competency retained again",
                                                 "%u competencies retained again", n),
                              n);
    }
  if (g_str_equal (kind, "apply"))
    return g_strdup (one_new ? _ ("Ratings applied before they cover every retained competency")
                             : _ ("Ratings back to a draft"));
  if (g_str_equal (kind, "counts"))
    return g_strdup (one_new ? _ ("Level counts entered") : _ ("Level counts cleared"));
  if (g_str_equal (kind, "revert"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Back to published: %u entry cleared",
                                         "Back to published: %u entries cleared", n),
                            n);
  if (g_str_equal (kind, "import"))
    {
      g_auto (GStrv) parts = g_strsplit (change->detail, "\t", 2);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Rating sheet %s imported: %u rating by %s",
                                           "Rating sheet %s imported: %u ratings by %s", n),
                              parts[0] && parts[1] ? parts[1] : "", n, parts[0] ? parts[0] : "");
    }
  if (g_str_equal (kind, "consolidate"))
    {
      RepereRule rule = { 0 };
      g_autofree char *text = NULL;
      if (repere_rule_parse (change->detail, &rule, NULL))
        text = repere_rule_describe (&rule);
      repere_rule_clear (&rule);
      return g_strdup_printf (_ ("Consolidation rule: %s"), text ? text : change->detail);
    }
  if (g_str_equal (kind, "undo") || g_str_equal (kind, "redo"))
    {
      g_autoptr (RepereChange) undone
          = depth < 2 && change->undoes ? get_change (db, change->undoes, depth + 1, NULL) : NULL;
      const char *what = undone ? undone->summary : "";
      return g_strdup_printf (g_str_equal (kind, "undo") ? _ ("Undone: %s") : _ ("Redone: %s"),
                              what);
    }
  return g_strdup (kind);
}

static GPtrArray *
list_changes (RepereDb *db, const char *assessment_id, const char *job_id, gint64 change_id,
              guint limit, int depth, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_change_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Per change: its rows, and for the summary the single row's competency
   * and levels, the one new level of all its rows (0: all cleared, -1:
   * several), whether its rows add (1) or remove (0) exclusions, applied
   * flags or counts. */
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT c.id, c.assessment_id, coalesce (c.job_id, ''), coalesce (j.name, ''), c.kind, "
          "c.detail,"
          "       c.changed_by, c.changed_at, coalesce (c.undoes, 0),"
          "       (SELECT count (*) FROM rating_change_row r WHERE r.change_id = c.id),"
          "       (SELECT coalesce (k.label, r.competency_id) FROM rating_change_row r"
          "          LEFT JOIN competency k ON CAST (k.id AS TEXT) = r.competency_id"
          "         WHERE r.change_id = c.id ORDER BY r.id LIMIT 1),"
          "       (SELECT coalesce (json_extract (r.old, '$.level'), 0) FROM rating_change_row r"
          "         WHERE r.change_id = c.id ORDER BY r.id LIMIT 1),"
          "       (SELECT coalesce (json_extract (r.new, '$.level'), 0) FROM rating_change_row r"
          "         WHERE r.change_id = c.id ORDER BY r.id LIMIT 1),"
          "       (SELECT CASE WHEN count (DISTINCT coalesce (json_extract (r.new, '$.level'), 0)) "
          "= 1"
          "                    THEN max (coalesce (json_extract (r.new, '$.level'), 0)) ELSE -1 END"
          "          FROM rating_change_row r WHERE r.change_id = c.id),"
          "       (SELECT r.new IS NOT NULL FROM rating_change_row r WHERE r.change_id = c.id"
          "         ORDER BY r.id LIMIT 1)"
          "  FROM rating_change c LEFT JOIN job j ON j.id = c.job_id"
          " WHERE c.open = 0 AND (?1 IS NULL OR c.assessment_id = ?1) AND (?2 IS NULL OR c.job_id "
          "= ?2)"
          "   AND (?3 = 0 OR c.id = ?3)"
          " ORDER BY c.id DESC LIMIT ?4",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, change_id);
  sqlite3_bind_int64 (stmt, 4, limit ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereChange *change = g_new0 (RepereChange, 1);
      g_autofree char *label = NULL;
      gboolean adds;

      change->id = sqlite3_column_int64 (stmt, 0);
      change->assessment_id = column_dup (stmt, 1);
      change->job_id = column_dup (stmt, 2);
      change->job_name = column_dup (stmt, 3);
      change->kind = column_dup (stmt, 4);
      change->detail = column_dup (stmt, 5);
      change->changed_by = column_dup (stmt, 6);
      change->changed_at = column_dup (stmt, 7);
      change->undoes = sqlite3_column_int64 (stmt, 8);
      change->n_rows = sqlite3_column_int (stmt, 9);
      label = column_dup (stmt, 10);
      adds = sqlite3_column_int (stmt, 14);
      if (g_str_equal (change->kind, "rate"))
        change->summary
            = describe (db, change, label, sqlite3_column_int (stmt, 11),
                        sqlite3_column_int (stmt, 12), sqlite3_column_int (stmt, 13), depth);
      else
        change->summary = describe (db, change, label, 0, adds, 0, depth);
      g_ptr_array_add (list, change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * repere_change_list:
 * @assessment_id: (nullable): one assessment's changes, %NULL for all
 * @job_id: (nullable): one job's changes, %NULL for all
 * @limit: most changes returned, 0 for all
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereChange): the changes, most
 *   recent first, each with a summary of what it did
 */
GPtrArray *
repere_change_list (RepereDb *db, const char *assessment_id, const char *job_id, guint limit,
                    GError **error)
{
  return list_changes (db, assessment_id, job_id, 0, limit, 0, error);
}

/**
 * repere_change_get:
 * @change_id: a change id
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (nullable): the change
 */
RepereChange *
repere_change_get (RepereDb *db, gint64 change_id, GError **error)
{
  return get_change (db, change_id, 0, error);
}

static RepereChange *
get_change (RepereDb *db, gint64 change_id, int depth, GError **error)
{
  g_autoptr (GPtrArray) list = list_changes (db, NULL, NULL, change_id, 1, depth, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   _ ("No change %" PRId64 " in the history"), change_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/* Writes one logged row back as @image (a JSON object, or NULL for "no
 * row") into its table. */
static gboolean
write_image (sqlite3 *handle, const char *assessment_id, const char *tbl, const char *job_id,
             const char *competency_id, const char *rater, const char *image, GError **error)
{
  const char *sql;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (g_str_equal (tbl, "rater_rating"))
    sql = image == NULL
              ? "DELETE FROM rater_rating WHERE assessment_id = ?1 AND job_id = ?2 AND "
                "competency_id = ?3"
                " AND rater = ?4"
              : "INSERT INTO rater_rating (assessment_id, job_id, competency_id, rater, level, "
                "rated_at, entered_by,"
                "                          batch_id)"
                " VALUES (?1, ?2, ?3, ?4, json_extract (?5, '$.level'), json_extract (?5, "
                "'$.rated_at'),"
                "         json_extract (?5, '$.entered_by'), json_extract (?5, '$.batch_id'))"
                " ON CONFLICT DO UPDATE SET level = excluded.level, rated_at = excluded.rated_at,"
                "   entered_by = excluded.entered_by, batch_id = excluded.batch_id";
  else if (g_str_equal (tbl, "competency_exclusion"))
    sql = image == NULL ? "DELETE FROM competency_exclusion WHERE assessment_id = ?1 AND job_id = "
                          "?2 AND competency_id = ?3"
                          " AND ?4 IS NOT NULL"
                        : "INSERT OR IGNORE INTO competency_exclusion (assessment_id, job_id, "
                          "competency_id, excluded_by,"
                          "                                            excluded_at)"
                          " SELECT ?1, ?2, ?3, json_extract (?5, '$.excluded_by'), json_extract "
                          "(?5, '$.excluded_at')"
                          "  WHERE ?4 IS NOT NULL";
  else if (g_str_equal (tbl, "rating_applied"))
    sql = image == NULL ? "DELETE FROM rating_applied WHERE assessment_id = ?1 AND job_id = ?2"
                          " AND ?3 IS NOT NULL AND ?4 IS NOT NULL"
                        : "INSERT OR IGNORE INTO rating_applied (assessment_id, job_id, "
                          "applied_by, applied_at)"
                          " SELECT ?1, ?2, json_extract (?5, '$.applied_by'), json_extract (?5, "
                          "'$.applied_at')"
                          "  WHERE ?3 IS NOT NULL AND ?4 IS NOT NULL";
  else if (g_str_equal (tbl, "user_level_count"))
    sql = image == NULL
              ? "DELETE FROM user_level_count WHERE assessment_id = ?1 AND job_id = ?2"
                " AND ?3 IS NOT NULL AND ?4 IS NOT NULL"
              : "INSERT INTO user_level_count (assessment_id, job_id, n1, n2, n3, n4, n5, "
                "edited_by, edited_at)"
                " SELECT ?1, ?2, json_extract (?5, '$.n1'), json_extract (?5, '$.n2'), "
                "json_extract (?5, '$.n3'),"
                "        json_extract (?5, '$.n4'), json_extract (?5, '$.n5'), json_extract (?5, "
                "'$.edited_by'),"
                "        json_extract (?5, '$.edited_at')"
                "  WHERE ?3 IS NOT NULL AND ?4 IS NOT NULL"
                " ON CONFLICT DO UPDATE SET n1 = excluded.n1, n2 = excluded.n2, n3 = excluded.n3,"
                "   n4 = excluded.n4, n5 = excluded.n5, edited_by = excluded.edited_by, edited_at "
                "= excluded.edited_at";
  else
    sql = image == NULL
              ? "DELETE FROM consolidation_rule WHERE assessment_id = ?1"
                " AND ?2 IS NOT NULL AND ?3 IS NOT NULL AND ?4 IS NOT NULL"
              : "INSERT INTO consolidation_rule (assessment_id, rule, rater, set_by, set_at)"
                " SELECT ?1, json_extract (?5, '$.rule'), json_extract (?5, '$.rater'),"
                "        json_extract (?5, '$.set_by'), json_extract (?5, '$.set_at')"
                "  WHERE ?2 IS NOT NULL AND ?3 IS NOT NULL AND ?4 IS NOT NULL"
                " ON CONFLICT DO UPDATE SET rule = excluded.rule, rater = excluded.rater,"
                "   set_by = excluded.set_by, set_at = excluded.set_at";

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, competency_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, rater, -1, SQLITE_TRANSIENT);
  if (image)
    sqlite3_bind_text (stmt, 5, image, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    repere_sql_failed (handle, error);
  sqlite3_finalize (stmt);
  return ok;
}

typedef struct
{
  char *tbl;
  char *job_id;
  char *competency_id;
  char *rater;
  char *image; /* JSON, NULL for "no row" */
} ReplayRow;

static void
replay_row_free (ReplayRow *row)
{
  g_free (row->tbl);
  g_free (row->job_id);
  g_free (row->competency_id);
  g_free (row->rater);
  g_free (row->image);
  g_free (row);
}

/* Undo (@forward FALSE: rows back as they were, last row first) or redo
 * (@forward TRUE: as they became, first row first) of @change_id, as a
 * change of its own. */
static gboolean
replay (RepereDb *db, gint64 change_id, gboolean forward, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (RepereChange) change = repere_change_get (db, change_id, error);
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  gboolean ok = TRUE;
  int rc;

  if (change == NULL)
    return FALSE;
  if (!repere_sql_exec (handle, "SAVEPOINT replay", error))
    return FALSE;
  id = repere_change_begin (db, change->assessment_id, *change->job_id ? change->job_id : NULL,
                            forward ? "redo" : "undo", NULL, change_id, error);
  ok = id > 0;
  if (ok
      && sqlite3_prepare_v2 (
             handle,
             forward ? "SELECT tbl, job_id, competency_id, rater, new FROM rating_change_row"
                       " WHERE change_id = ?1 ORDER BY id"
                     : "SELECT tbl, job_id, competency_id, rater, old FROM rating_change_row"
                       " WHERE change_id = ?1 ORDER BY id DESC",
             -1, &stmt, NULL)
             != SQLITE_OK)
    ok = repere_sql_failed (handle, error);
  if (ok)
    {
      /* Read every row first: the writes below add rows to the log. */
      g_autoptr (GPtrArray) rows
          = g_ptr_array_new_with_free_func ((GDestroyNotify) replay_row_free);
      sqlite3_bind_int64 (stmt, 1, change_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ReplayRow *row = g_new0 (ReplayRow, 1);
          row->tbl = column_dup (stmt, 0);
          row->job_id = column_dup (stmt, 1);
          row->competency_id = column_dup (stmt, 2);
          row->rater = column_dup (stmt, 3);
          row->image = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL : column_dup (stmt, 4);
          g_ptr_array_add (rows, row);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        ok = repere_sql_failed (handle, error);
      for (guint i = 0; ok && i < rows->len; i++)
        {
          ReplayRow *row = g_ptr_array_index (rows, i);
          ok = write_image (handle, change->assessment_id, row->tbl, row->job_id,
                            row->competency_id, row->rater, row->image, error);
        }
    }
  ok = ok && repere_rating_reconsolidate (db, change->assessment_id, NULL, error)
       && repere_score_recompute (db, change->assessment_id, error)
       && repere_change_end (db, id, error);
  if (ok)
    return repere_sql_exec (handle, "RELEASE replay", error);
  sqlite3_exec (handle, "ROLLBACK TO replay; RELEASE replay", NULL, NULL, NULL);
  repere_change_forget_last (db);
  return FALSE;
}

/**
 * repere_change_undo:
 * @change_id: a change of the history
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * Writes every row the change touched back as it was before it (the
 * ratings, retained competencies, applied jobs, level counts and rule), in
 * one transaction, as a change of kind "undo"; then consolidates and
 * recomputes the assessment. Meant for the last change: undoing an older
 * one also undoes what later changes did to the same rows.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_change_undo (RepereDb *db, gint64 change_id, GError **error)
{
  return replay (db, change_id, FALSE, error);
}

/**
 * repere_change_redo:
 * @change_id: a change undone by repere_change_undo()
 *
 * Writes every row the change touched as it became, as a change of kind
 * "redo".
 *
 * Returns: %TRUE on success
 */
gboolean
repere_change_redo (RepereDb *db, gint64 change_id, GError **error)
{
  return replay (db, change_id, TRUE, error);
}

/* The session's undo stack ------------------------------------------------ */

struct _RepereUndoStack
{
  GObject parent_instance;
  RepereDb *db;
  GArray *undo; /* gint64 change ids, most recent last */
  GArray *redo; /* gint64 change ids undone, most recently undone last */
};

G_DEFINE_TYPE (RepereUndoStack, repere_undo_stack, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
repere_undo_stack_finalize (GObject *object)
{
  RepereUndoStack *self = REPERE_UNDO_STACK (object);

  g_clear_object (&self->db);
  g_array_unref (self->undo);
  g_array_unref (self->redo);
  G_OBJECT_CLASS (repere_undo_stack_parent_class)->finalize (object);
}

static void
repere_undo_stack_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RepereUndoStack *self = REPERE_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, repere_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, repere_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
repere_undo_stack_class_init (RepereUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = repere_undo_stack_finalize;
  object_class->get_property = repere_undo_stack_get_property;
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
repere_undo_stack_init (RepereUndoStack *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->redo = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * repere_undo_stack_new:
 * @db: (transfer none): the database the changes are made in
 *
 * Returns: (transfer full): an empty stack
 */
RepereUndoStack *
repere_undo_stack_new (RepereDb *db)
{
  RepereUndoStack *self = g_object_new (REPERE_TYPE_UNDO_STACK, NULL);
  self->db = g_object_ref (db);
  return self;
}

static void
notify_both (RepereUndoStack *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/**
 * repere_undo_stack_push:
 * @change_id: a change just made (0 is ignored)
 *
 * Adds the change to undo; forgets what could be redone.
 */
void
repere_undo_stack_push (RepereUndoStack *self, gint64 change_id)
{
  if (change_id <= 0)
    return;
  g_array_append_val (self->undo, change_id);
  g_array_set_size (self->redo, 0);
  notify_both (self);
}

/**
 * repere_undo_stack_push_last:
 *
 * Pushes the change the last edit on the database made
 * (repere_change_take_last()), if any.
 *
 * Returns: %TRUE when a change was pushed
 */
gboolean
repere_undo_stack_push_last (RepereUndoStack *self)
{
  gint64 id = repere_change_take_last (self->db);
  repere_undo_stack_push (self, id);
  return id > 0;
}

gboolean
repere_undo_stack_can_undo (RepereUndoStack *self)
{
  return self->undo->len > 0;
}

gboolean
repere_undo_stack_can_redo (RepereUndoStack *self)
{
  return self->redo->len > 0;
}

static char *
describe_top (RepereUndoStack *self, GArray *ids)
{
  g_autoptr (RepereChange) change = NULL;

  if (ids->len == 0)
    return NULL;
  change = repere_change_get (self->db, g_array_index (ids, gint64, ids->len - 1), NULL);
  return change ? g_strdup (change->summary) : NULL;
}

/**
 * repere_undo_stack_describe_undo:
 *
 * Returns: (transfer full) (nullable): what undo would undo, in a sentence
 */
char *
repere_undo_stack_describe_undo (RepereUndoStack *self)
{
  return describe_top (self, self->undo);
}

/**
 * repere_undo_stack_describe_redo:
 *
 * Returns: (transfer full) (nullable): what redo would redo
 */
char *
repere_undo_stack_describe_redo (RepereUndoStack *self)
{
  return describe_top (self, self->redo);
}

static gboolean
move (RepereUndoStack *self, GArray *from, GArray *to, gboolean forward, char **assessment_id,
      GError **error)
{
  g_autoptr (RepereChange) change = NULL;
  gint64 id;

  if (from->len == 0)
    return FALSE;
  id = g_array_index (from, gint64, from->len - 1);
  change = repere_change_get (self->db, id, error);
  if (change == NULL || !replay (self->db, id, forward, error))
    return FALSE;
  repere_change_take_last (self->db);
  g_array_set_size (from, from->len - 1);
  g_array_append_val (to, id);
  if (assessment_id)
    *assessment_id = g_strdup (change->assessment_id);
  notify_both (self);
  return TRUE;
}

/**
 * repere_undo_stack_undo:
 * @assessment_id: (out) (optional) (transfer full): the assessment changed
 * @error: as repere_change_undo()
 *
 * Undoes the last change of the session.
 *
 * Returns: %TRUE when a change was undone; %FALSE with @error unset when
 *   there was none
 */
gboolean
repere_undo_stack_undo (RepereUndoStack *self, char **assessment_id, GError **error)
{
  return move (self, self->undo, self->redo, FALSE, assessment_id, error);
}

/**
 * repere_undo_stack_redo:
 * @assessment_id: (out) (optional) (transfer full): the assessment changed
 *
 * Redoes the last change undone.
 *
 * Returns: %TRUE when a change was redone
 */
gboolean
repere_undo_stack_redo (RepereUndoStack *self, char **assessment_id, GError **error)
{
  return move (self, self->redo, self->undo, TRUE, assessment_id, error);
}

/**
 * repere_undo_stack_clear:
 *
 * Forgets every change (e.g. after an import that the changes cannot cross).
 */
void
repere_undo_stack_clear (RepereUndoStack *self)
{
  g_array_set_size (self->undo, 0);
  g_array_set_size (self->redo, 0);
  notify_both (self);
}
