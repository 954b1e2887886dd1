/* repere-rating.c: competency ratings by several raters, retained
 * competencies, drafts and consolidation (issue 10)
 *
 * The model (docs/ratings.md, schema/007-ratings.sql):
 * - each rater's level of a job's competency is a row of rater_rating;
 * - the assessment's level (table rating) follows from its raters' levels by
 *   the assessment's consolidation rule (median by default), rewritten here
 *   after every change;
 * - a job's competencies are those of its ROME codes plus any rated ones;
 *   the user may mark some as not retained (competency_exclusion), as the
 *   study's revised assessment kept only some (3.2.2.1);
 * - a job's ratings give its score (basis 'ratings') only once they cover
 *   every retained competency, or once the user applies them; until then
 *   they are a draft "n / N" and no score moves.
 * Every write is one change of the history (repere-rating-history.c), in
 * one transaction with the consolidation and the recomputed scores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating.h"
#include "repere-text.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "repere-competency.h"
#include "repere-rating-history.h"
#include "repere-score.h"

/**
 * repere_rating_current_user:
 *
 * Returns: (transfer none): the name ratings and changes are recorded
 *   under: the user's real name (g_get_real_name()), else their login
 */
const char *
repere_rating_current_user (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

/**
 * repere_rating_display_name:
 * @name: (nullable): a rater or author as recorded (rater_rating.rater,
 *   rating.rated_by, rating_change.changed_by)
 *
 * The name as the window shows it (issue 13: no login names in the
 * interface). The user's own edits are recorded under
 * repere_rating_current_user(), which is their login when the system has
 * no real name for them (or a real name that is the login, as "root"'s):
 * such a name is shown as "you". Every other name is shown as recorded.
 *
 * Returns: (transfer full): the name to show
 */
char *
repere_rating_display_name (const char *name)
{
  if (name != NULL && g_str_equal (name, repere_rating_current_user ())
      && g_str_equal (name, g_get_user_name ()))
    /* TRANSLATORS: who rated, when it is the user and the system knows only their login: "Rated by you" */
    return g_strdup (C_ ("rater", "you"));
  return g_strdup (name ? name : "");
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

/* Consolidation rules ------------------------------------------------------ */

void
repere_rule_clear (RepereRule *rule)
{
  g_clear_pointer (&rule->rater, g_free);
  rule->kind = REPERE_RULE_MEDIAN;
}

/**
 * repere_rule_parse:
 * @text: "median", "mean" or "rater:NAME" (NAME as the rater is recorded)
 * @rule: (out caller-allocates): the rule; clear it with repere_rule_clear()
 * @error: %G_OPTION_ERROR_BAD_VALUE for anything else
 *
 * Returns: %TRUE when @text is a rule
 */
gboolean
repere_rule_parse (const char *text, RepereRule *rule, GError **error)
{
  rule->kind = REPERE_RULE_MEDIAN;
  rule->rater = NULL;
  if (g_strcmp0 (text, "median") == 0)
    return TRUE;
  if (g_strcmp0 (text, "mean") == 0)
    {
      rule->kind = REPERE_RULE_MEAN;
      return TRUE;
    }
  if (text && g_str_has_prefix (text, "rater:") && text[6] != '\0')
    {
      rule->kind = REPERE_RULE_RATER;
      rule->rater = g_strdup (text + 6);
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _ ("Unknown consolidation rule “%s” (median, mean or rater:NAME)"),
               text ? text : "");
  return FALSE;
}

/**
 * repere_rule_to_string:
 *
 * Returns: (transfer full): the rule as repere_rule_parse() reads it
 */
char *
repere_rule_to_string (const RepereRule *rule)
{
  switch (rule->kind)
    {
    case REPERE_RULE_MEAN:
      return g_strdup ("mean");
    case REPERE_RULE_RATER:
      return g_strconcat ("rater:", rule->rater, NULL);
    case REPERE_RULE_MEDIAN:
    default:
      return g_strdup ("median");
    }
}

/**
 * repere_rule_describe:
 *
 * Returns: (transfer full): the rule in words, translated ("median",
 *   "mean rounded", "the levels of Marie Dupont")
 */
char *
repere_rule_describe (const RepereRule *rule)
{
  switch (rule->kind)
    {
    case REPERE_RULE_MEAN:
      return g_strdup (_ ("mean rounded"));
    case REPERE_RULE_RATER:
      return g_strdup_printf (_ ("the levels of %s"), rule->rater);
    case REPERE_RULE_MEDIAN:
    default:
      return g_strdup (_ ("median"));
    }
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/**
 * repere_levels_median:
 * @levels: exposure levels 1–5
 * @n: how many, at least 1
 *
 * Returns: the median, exact: 2.5 for { 2, 3 }; 0 for @n = 0
 */
double
repere_levels_median (const int *levels, guint n)
{
  g_autofree int *sorted = NULL;

  if (n == 0)
    return 0;
  sorted = g_memdup2 (levels, n * sizeof (int));
  qsort (sorted, n, sizeof (int), compare_int);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

/**
 * repere_rule_apply:
 * @levels: the raters' levels of one competency (1–5)
 * @raters: (nullable): the raters' names, same order, for %REPERE_RULE_RATER
 * @n: how many raters, at least 1
 *
 * Returns: the assessment's level 1–5 by the rule, 0 when @n is 0
 */
int
repere_rule_apply (const RepereRule *rule, const int *levels, const char *const *raters, guint n)
{
  double value;

  if (n == 0)
    return 0;
  if (rule->kind == REPERE_RULE_RATER && raters)
    for (guint i = 0; i < n; i++)
      if (g_strcmp0 (raters[i], rule->rater) == 0)
        return levels[i];
  if (rule->kind == REPERE_RULE_MEAN)
    {
      int sum = 0;
      for (guint i = 0; i < n; i++)
        sum += levels[i];
      value = (double) sum / n;
    }
  else
    value = repere_levels_median (levels, n);
  /* Half up: 2.5 → 3. The 1e-9 keeps 2.4999… from sums of thirds at 2. */
  return CLAMP ((int) floor (value + 0.5 + 1e-9), REPERE_RATING_MIN, REPERE_RATING_MAX);
}

/**
 * repere_rating_get_rule:
 * @rule: (out caller-allocates): the assessment's rule (median when none
 *   was set); clear it with repere_rule_clear()
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_get_rule (RepereDb *db, const char *assessment_id, RepereRule *rule, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rule->kind = REPERE_RULE_MEDIAN;
  rule->rater = NULL;
  if (sqlite3_prepare_v2 (handle,
                          "SELECT rule, rater FROM consolidation_rule WHERE assessment_id = ?1", -1,
                          &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (kind, "mean") == 0)
        rule->kind = REPERE_RULE_MEAN;
      else if (g_strcmp0 (kind, "rater") == 0)
        {
          rule->kind = REPERE_RULE_RATER;
          rule->rater = column_dup (stmt, 1);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  return TRUE;
}

/**
 * repere_rating_job_competency_ids:
 * @assessment_id: an assessment
 * @job_id: a job
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type gint64): the ids (code_ogr) of the
 *   job's competencies: those its ROME codes list (job_rome, bloc 5), and
 *   those rated in the assessment already (a competency a later ROME
 *   version dropped), as a set
 */
GHashTable *
repere_rating_job_competency_ids (RepereDb *db, const char *assessment_id, const char *job_id,
                                  GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT rc.competency_id FROM job_rome m JOIN rome_competency rc ON "
                          "rc.rome_code = m.rome_code"
                          " WHERE m.job_id = ?1"
                          " UNION SELECT CAST (competency_id AS INTEGER) FROM rater_rating"
                          " WHERE assessment_id = ?2 AND job_id = ?1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, assessment_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&ids);
}

static gboolean
check_competencies (RepereDb *db, const char *assessment_id, const char *job_id, const gint64 *ids,
                    guint n, GError **error)
{
  g_autoptr (GHashTable) known
      = repere_rating_job_competency_ids (db, assessment_id, job_id, error);

  if (known == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (known, &ids[i]))
      {
        g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                     _ ("Competency %" PRId64 " is not one of “%s”’s ROME competencies"), ids[i],
                     job_id);
        return FALSE;
      }
  return TRUE;
}

/* Consolidation ------------------------------------------------------------ */

/**
 * repere_rating_reconsolidate:
 * @assessment_id: an assessment (nothing is done for the study's)
 * @job_id: (nullable): one job, or %NULL for every job
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Rewrites the assessment's levels (table rating) of the job, or of every
 * job, from its raters' levels (rater_rating) by the assessment's rule:
 * one row per rated competency, rated_by the rater's name (the raters'
 * names, ", "-separated, when several), rated_at the latest of their
 * ratings. The caller holds the transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_reconsolidate (RepereDb *db, const char *assessment_id, const char *job_id,
                             GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  RepereRule rule = { 0 };
  sqlite3_stmt *read = NULL, *write = NULL, *clear = NULL;
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) raters = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *group_job = NULL;
  g_autofree char *group_competency = NULL;
  g_autofree char *group_at = NULL;
  gboolean ok = FALSE;
  int rc;

  {
    sqlite3_stmt *stmt = NULL;
    gboolean study = TRUE;
    if (sqlite3_prepare_v2 (handle, "SELECT is_study FROM assessment WHERE id = ?1", -1, &stmt,
                            NULL)
        != SQLITE_OK)
      return repere_sql_failed (handle, error);
    sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      study = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    if (study)
      return TRUE;
  }
  if (!repere_rating_get_rule (db, assessment_id, &rule, error))
    return FALSE;
  if (sqlite3_prepare_v2 (
          handle, "DELETE FROM rating WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)", -1,
          &clear, NULL)
          != SQLITE_OK
      || sqlite3_prepare_v2 (
             handle,
             "SELECT job_id, competency_id, rater, level, rated_at FROM rater_rating"
             " WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)"
             " ORDER BY job_id, competency_id, rater",
             -1, &read, NULL)
             != SQLITE_OK
      || sqlite3_prepare_v2 (
             handle,
             "INSERT INTO rating (assessment_id, job_id, competency_id, level, rated_by, rated_at)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
             -1, &write, NULL)
             != SQLITE_OK)
    goto out;
  sqlite3_bind_text (clear, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (clear, 2, job_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (clear) != SQLITE_DONE)
    goto out;
  sqlite3_bind_text (read, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (read, 2, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 1, assessment_id, -1, SQLITE_TRANSIENT);
  for (;;)
    {
      const char *row_job = NULL, *row_competency = NULL;

      rc = sqlite3_step (read);
      if (rc == SQLITE_ROW)
        {
          row_job = (const char *) sqlite3_column_text (read, 0);
          row_competency = (const char *) sqlite3_column_text (read, 1);
        }
      else if (rc != SQLITE_DONE)
        goto out;
      /* A group ends at a new (job, competency) or at the end. */
      if (group_job
          && (rc == SQLITE_DONE || g_strcmp0 (row_job, group_job) != 0
              || g_strcmp0 (row_competency, group_competency) != 0))
        {
          g_autofree char *names = NULL;
          int level;

          g_ptr_array_add (raters, NULL);
          names = g_strjoinv (", ", (char **) raters->pdata);
          g_ptr_array_remove_index (raters, raters->len - 1);
          level = repere_rule_apply (&rule, (const int *) levels->data,
                                     (const char *const *) raters->pdata, levels->len);
          sqlite3_bind_text (write, 2, group_job, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (write, 3, group_competency, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (write, 4, level);
          sqlite3_bind_text (write, 5, names, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (write, 6, group_at, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (write) != SQLITE_DONE)
            goto out;
          sqlite3_reset (write);
          g_array_set_size (levels, 0);
          g_ptr_array_set_size (raters, 0);
          g_clear_pointer (&group_job, g_free);
          g_clear_pointer (&group_competency, g_free);
          g_clear_pointer (&group_at, g_free);
        }
      if (rc == SQLITE_DONE)
        break;
      if (group_job == NULL)
        {
          group_job = g_strdup (row_job);
          group_competency = g_strdup (row_competency);
        }
      {
        int level = sqlite3_column_int (read, 3);
        const char *at = (const char *) sqlite3_column_text (read, 4);
        g_array_append_val (levels, level);
        g_ptr_array_add (raters, column_dup (read, 2));
        if (group_at == NULL || g_strcmp0 (at, group_at) > 0)
          {
            g_free (group_at);
            group_at = g_strdup (at);
          }
      }
    }
  ok = TRUE;

out:
  if (!ok)
    repere_sql_failed (handle, error);
  sqlite3_finalize (clear);
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  repere_rule_clear (&rule);
  return ok;
}

/* Edits -------------------------------------------------------------------- */

/* Opens the savepoint and the change of an edit. */
static gint64
begin_edit (RepereDb *db, const char *assessment_id, const char *job_id, const char *kind,
            const char *detail, GError **error)
{
  gint64 id;

  if (!repere_sql_exec (repere_db_get_handle (db), "SAVEPOINT rating", error))
    return 0;
  id = repere_change_begin (db, assessment_id, job_id, kind, detail, 0, error);
  if (id == 0)
    sqlite3_exec (repere_db_get_handle (db), "ROLLBACK TO rating; RELEASE rating", NULL, NULL,
                  NULL);
  return id;
}

/* Ends an edit: consolidates the job (or every job), recomputes every score
 * of the assessment and closes the change when @ok, else rolls everything
 * back. */
static gboolean
end_edit (RepereDb *db, const char *assessment_id, const char *job_id, gint64 change_id,
          gboolean ok, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);

  if (ok && repere_rating_reconsolidate (db, assessment_id, job_id, error)
      && repere_score_recompute (db, assessment_id, error)
      && repere_change_end (db, change_id, error)
      && repere_sql_exec (handle, "RELEASE rating", error))
    return TRUE;
  sqlite3_exec (handle, "ROLLBACK TO rating; RELEASE rating", NULL, NULL, NULL);
  repere_change_forget_last (db);
  return FALSE;
}

static gboolean
step_done (sqlite3 *handle, sqlite3_stmt *stmt, GError **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    repere_sql_failed (handle, error);
  sqlite3_reset (stmt);
  return ok;
}

/**
 * repere_rating_rate:
 * @assessment_id: a user assessment
 * @job_id: a job
 * @rater: (nullable): whose levels these are; %NULL for the user
 *   (repere_rating_current_user())
 * @competency_ids: competencies of the job (listed by one of its ROME
 *   codes, or rated already)
 * @n_competencies: how many
 * @level: the exposure level 1–5 (3.2.1.1), or 0 to clear @rater's level
 * @error: %REPERE_DB_ERROR_READ_ONLY for a study assessment,
 *   %REPERE_DB_ERROR_NOT_FOUND (assessment, job, competency),
 *   %REPERE_DB_ERROR_QUERY for a level out of range
 *
 * Sets @rater's level of every competency given, in one change of the
 * history: the assessment's levels are consolidated again and every score
 * recomputed in the same transaction. A job whose ratings do not cover
 * its retained competencies stays a draft: its score does not move.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_rate (RepereDb *db, const char *assessment_id, const char *job_id, const char *rater,
                    const gint64 *competency_ids, guint n_competencies, int level, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *when = now_iso8601 ();
  sqlite3_stmt *stmt = NULL;
  gint64 change;
  gboolean ok = TRUE;

  if (level < 0 || level > REPERE_RATING_MAX)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                   _ ("A rating is a level from %d to %d (0 clears it), not %d"), REPERE_RATING_MIN,
                   REPERE_RATING_MAX, level);
      return FALSE;
    }
  if (rater == NULL)
    rater = repere_rating_current_user ();
  if (*rater == '\0')
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, _ ("A rater needs a name"));
      return FALSE;
    }
  if (!repere_text_is_name (rater))
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_INVALID,
                   _ ("A rater’s name cannot hold tabs, line breaks or other control characters"));
      return FALSE;
    }
  if (!repere_assessment_check_user (db, assessment_id, error)
      || !repere_job_check_exists (db, job_id, error)
      || (level > 0
          && !check_competencies (db, assessment_id, job_id, competency_ids, n_competencies,
                                  error)))
    return FALSE;
  if ((change = begin_edit (db, assessment_id, job_id, "rate", rater, error)) == 0)
    return FALSE;
  if (sqlite3_prepare_v2 (
          handle,
          level > 0
              ? "INSERT INTO rater_rating (assessment_id, job_id, competency_id, rater, level, "
                "rated_at,"
                "                          entered_by)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                " ON CONFLICT DO UPDATE SET level = excluded.level, rated_at = excluded.rated_at,"
                "   entered_by = excluded.entered_by, batch_id = NULL"
                " WHERE level <> excluded.level"
              : "DELETE FROM rater_rating WHERE assessment_id = ?1 AND job_id = ?2"
                " AND competency_id = ?3 AND rater = ?4",
          -1, &stmt, NULL)
      != SQLITE_OK)
    ok = repere_sql_failed (handle, error);
  for (guint i = 0; ok && i < n_competencies; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" PRId64, competency_ids[i]);
      sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, rater, -1, SQLITE_TRANSIENT);
      if (level > 0)
        {
          sqlite3_bind_int (stmt, 5, level);
          sqlite3_bind_text (stmt, 6, when, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 7, repere_rating_current_user (), -1, SQLITE_TRANSIENT);
        }
      ok = step_done (handle, stmt, error);
    }
  sqlite3_finalize (stmt);
  return end_edit (db, assessment_id, job_id, change, ok, error);
}

/**
 * repere_rating_set_retained:
 * @competency_ids: competencies of the job
 * @retained: %FALSE to mark them as not retained for the job in this
 *   assessment (their ratings stay, but no longer count), %TRUE to retain
 *   them again
 *
 * One change of the history; scores are recomputed (a job whose ratings
 * now cover every retained competency leaves the draft state).
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_set_retained (RepereDb *db, const char *assessment_id, const char *job_id,
                            const gint64 *competency_ids, guint n_competencies, gboolean retained,
                            GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *when = now_iso8601 ();
  sqlite3_stmt *stmt = NULL;
  gint64 change;
  gboolean ok = TRUE;

  if (!repere_assessment_check_user (db, assessment_id, error)
      || !repere_job_check_exists (db, job_id, error)
      || !check_competencies (db, assessment_id, job_id, competency_ids, n_competencies, error))
    return FALSE;
  if ((change = begin_edit (db, assessment_id, job_id, "retain", NULL, error)) == 0)
    return FALSE;
  if (sqlite3_prepare_v2 (
          handle,
          retained ? "DELETE FROM competency_exclusion WHERE assessment_id = ?1 AND job_id = ?2"
                     " AND competency_id = ?3 AND ?4 IS NOT NULL AND ?5 IS NOT NULL"
                   : "INSERT OR IGNORE INTO competency_exclusion"
                     " (assessment_id, job_id, competency_id, excluded_by, excluded_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
          -1, &stmt, NULL)
      != SQLITE_OK)
    ok = repere_sql_failed (handle, error);
  for (guint i = 0; ok && i < n_competencies; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" PRId64, competency_ids[i]);
      sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, repere_rating_current_user (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, when, -1, SQLITE_TRANSIENT);
      ok = step_done (handle, stmt, error);
    }
  sqlite3_finalize (stmt);
  return end_edit (db, assessment_id, job_id, change, ok, error);
}

/**
 * repere_rating_apply:
 * @applied: %TRUE: the job's ratings give its score although they do not
 *   cover every retained competency yet; %FALSE: back to a draft until
 *   they do
 *
 * One change of the history; every score of the assessment is recomputed.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_apply (RepereDb *db, const char *assessment_id, const char *job_id, gboolean applied,
                     GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *when = now_iso8601 ();
  sqlite3_stmt *stmt = NULL;
  gint64 change;
  gboolean ok = TRUE;

  if (!repere_assessment_check_user (db, assessment_id, error)
      || !repere_job_check_exists (db, job_id, error))
    return FALSE;
  if ((change = begin_edit (db, assessment_id, job_id, "apply", NULL, error)) == 0)
    return FALSE;
  if (sqlite3_prepare_v2 (
          handle,
          applied ? "INSERT OR IGNORE INTO rating_applied (assessment_id, job_id, applied_by, "
                    "applied_at)"
                    " VALUES (?1, ?2, ?3, ?4)"
                  : "DELETE FROM rating_applied WHERE assessment_id = ?1 AND job_id = ?2"
                    " AND ?3 IS NOT NULL AND ?4 IS NOT NULL",
          -1, &stmt, NULL)
      != SQLITE_OK)
    ok = repere_sql_failed (handle, error);
  else
    {
      sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, repere_rating_current_user (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, when, -1, SQLITE_TRANSIENT);
      ok = step_done (handle, stmt, error);
    }
  sqlite3_finalize (stmt);
  return end_edit (db, assessment_id, job_id, change, ok, error);
}

static gboolean
run_scoped (sqlite3 *handle, const char *sql, const char *assessment_id, const char *job_id,
            GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  ok = step_done (handle, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * repere_rating_revert:
 * @assessment_id: a user assessment
 * @job_id: (nullable): a job, or %NULL for the whole assessment
 *
 * Back to the published values: clears every rater's ratings, the
 * competencies marked as not retained, the applied flags and the level
 * counts entered for the job (or every job), in one change of the history
 * (undo brings them back); every score is recomputed.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_revert (RepereDb *db, const char *assessment_id, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  static const char *const sql[] = {
    "DELETE FROM rater_rating WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)",
    "DELETE FROM competency_exclusion WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)",
    "DELETE FROM rating_applied WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)",
    "DELETE FROM user_level_count WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)",
  };
  gint64 change;
  gboolean ok = TRUE;

  if (!repere_assessment_check_user (db, assessment_id, error)
      || (job_id != NULL && !repere_job_check_exists (db, job_id, error)))
    return FALSE;
  if ((change = begin_edit (db, assessment_id, job_id, "revert", NULL, error)) == 0)
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (sql); i++)
    ok = run_scoped (handle, sql[i], assessment_id, job_id, error);
  return end_edit (db, assessment_id, job_id, change, ok, error);
}

/**
 * repere_rating_consolidate:
 * @rule: how the assessment's levels follow from its raters' levels; for
 *   %REPERE_RULE_RATER, a rater of the assessment
 * @error: %REPERE_DB_ERROR_NOT_FOUND for a rater without ratings in it
 *
 * Sets the assessment's consolidation rule (one change of the history) and
 * rewrites its levels from its raters' by it; scores, ranks and classes
 * are recomputed.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_consolidate (RepereDb *db, const char *assessment_id, const RepereRule *rule,
                           GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *when = now_iso8601 ();
  g_autofree char *text = repere_rule_to_string (rule);
  sqlite3_stmt *stmt = NULL;
  gint64 change;
  gboolean ok = TRUE;

  if (!repere_assessment_check_user (db, assessment_id, error))
    return FALSE;
  if (rule->kind == REPERE_RULE_RATER)
    {
      gboolean known = FALSE;
      if (sqlite3_prepare_v2 (
              handle, "SELECT 1 FROM rater_rating WHERE assessment_id = ?1 AND rater = ?2 LIMIT 1",
              -1, &stmt, NULL)
          != SQLITE_OK)
        return repere_sql_failed (handle, error);
      sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, rule->rater, -1, SQLITE_TRANSIENT);
      known = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (!known)
        {
          g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                       _ ("“%s” has no rating in this assessment"),
                       rule->rater);
          return FALSE;
        }
    }
  if ((change = begin_edit (db, assessment_id, NULL, "consolidate", text, error)) == 0)
    return FALSE;
  if (sqlite3_prepare_v2 (
          handle,
          "INSERT INTO consolidation_rule (assessment_id, rule, rater, set_by, set_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5)"
          " ON CONFLICT DO UPDATE SET rule = excluded.rule, rater = excluded.rater,"
          "   set_by = excluded.set_by, set_at = excluded.set_at"
          " WHERE rule <> excluded.rule OR rater <> excluded.rater",
          -1, &stmt, NULL)
      != SQLITE_OK)
    ok = repere_sql_failed (handle, error);
  else
    {
      sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2,
                         rule->kind == REPERE_RULE_MEAN    ? "mean"
                         : rule->kind == REPERE_RULE_RATER ? "rater"
                                                           : "median",
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, rule->kind == REPERE_RULE_RATER ? rule->rater : "", -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, repere_rating_current_user (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, when, -1, SQLITE_TRANSIENT);
      ok = step_done (handle, stmt, error);
    }
  sqlite3_finalize (stmt);
  return end_edit (db, assessment_id, NULL, change, ok, error);
}

/* Coverage ----------------------------------------------------------------- */

/**
 * repere_rating_coverage:
 * @assessment_id: a user assessment
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * For every job with competencies: how many are retained, how many of
 * those the assessment rates, whether the ratings were applied, and the
 * level counts they give. What the scoring engine reads
 * (repere_score_recompute()).
 *
 * Returns: (transfer full) (element-type utf8 RepereCoverage): job id →
 *   coverage; jobs without any competency are absent
 */
GHashTable *
repere_rating_coverage (RepereDb *db, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GHashTable) coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (
          handle,
          "WITH listed AS ("
          "   SELECT m.job_id, CAST (rc.competency_id AS TEXT) AS competency_id"
          "     FROM job_rome m JOIN rome_competency rc ON rc.rome_code = m.rome_code"
          "   UNION SELECT job_id, competency_id FROM rater_rating WHERE assessment_id = ?1),"
          " retained AS ("
          "   SELECT l.job_id, l.competency_id FROM listed l"
          "    WHERE NOT EXISTS (SELECT 1 FROM competency_exclusion e WHERE e.assessment_id = ?1"
          "                         AND e.job_id = l.job_id AND e.competency_id = l.competency_id))"
          " SELECT t.job_id, count (*), count (r.level),"
          "        coalesce (sum (r.level = 1), 0), coalesce (sum (r.level = 2), 0), coalesce (sum "
          "(r.level = 3), 0),"
          "        coalesce (sum (r.level = 4), 0), coalesce (sum (r.level = 5), 0),"
          "        EXISTS (SELECT 1 FROM rating_applied a WHERE a.assessment_id = ?1 AND a.job_id "
          "= t.job_id)"
          "   FROM retained t"
          "   LEFT JOIN rating r ON r.assessment_id = ?1 AND r.job_id = t.job_id AND "
          "r.competency_id = t.competency_id"
          "  GROUP BY t.job_id",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereCoverage *c = g_new0 (RepereCoverage, 1);
      c->retained = sqlite3_column_int (stmt, 1);
      c->rated = sqlite3_column_int (stmt, 2);
      for (int l = 0; l < 5; l++)
        c->counts[l] = sqlite3_column_int (stmt, 3 + l);
      c->applied = sqlite3_column_int (stmt, 8);
      c->in_force = c->rated > 0 && (c->rated == c->retained || c->applied);
      g_hash_table_insert (coverage, column_dup (stmt, 0), c);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&coverage);
}

void
repere_rating_progress_clear (RepereRatingProgress *progress)
{
  g_clear_pointer (&progress->basis, g_free);
}

/**
 * repere_rating_get_progress:
 * @progress: (out caller-allocates): the basis of the job's score and the
 *   coverage of its ratings, as last computed; clear it with
 *   repere_rating_progress_clear()
 * @error: %REPERE_DB_ERROR_NOT_FOUND when the job has no result in the
 *   assessment
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_get_progress (RepereDb *db, const char *assessment_id, const char *job_id,
                            RepereRatingProgress *progress, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  memset (progress, 0, sizeof *progress);
  if (sqlite3_prepare_v2 (handle,
                          "SELECT c.basis, c.rated, c.retained,"
                          "       EXISTS (SELECT 1 FROM rating_applied a WHERE a.assessment_id = "
                          "?1 AND a.job_id = ?2),"
                          "       (SELECT count (DISTINCT rater) FROM rater_rating"
                          "         WHERE assessment_id = ?1 AND job_id = ?2)"
                          "  FROM computed_result c WHERE c.assessment_id = ?1 AND c.job_id = ?2",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      progress->basis = column_dup (stmt, 0);
      progress->rated = sqlite3_column_int (stmt, 1);
      progress->retained = sqlite3_column_int (stmt, 2);
      progress->applied = sqlite3_column_int (stmt, 3);
      progress->n_raters = sqlite3_column_int (stmt, 4);
    }
  sqlite3_finalize (stmt);
  if (!found)
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                 _ ("“%s” has no score in assessment “%s”"), job_id, assessment_id);
  return found;
}

/**
 * repere_rating_describe_basis:
 * @basis: published, counts or ratings (computed_result.basis)
 * @rated: retained competencies rated
 * @retained: retained competencies
 *
 * Returns: (transfer full): the basis of a job's score in words, as the
 *   job list and page show it: "published", "level counts entered",
 *   "ratings 46 / 46", or for a draft "published · draft 3 / 46 rated"
 */
char *
repere_rating_describe_basis (const char *basis, int rated, int retained)
{
  const char *base;

  if (g_strcmp0 (basis, "ratings") == 0)
    /* TRANSLATORS: the score comes from the competency ratings, n of N retained competencies rated
     */
    return g_strdup_printf (_ ("ratings %d / %d"), rated, retained);
  base = g_strcmp0 (basis, "counts") == 0 ? _ ("level counts entered") : _ ("published");
  if (rated > 0)
    /* TRANSLATORS: "published · draft 3 / 46 rated": ratings not yet in force */
    return g_strdup_printf (_ ("%s · draft %d / %d rated"), base, rated, retained);
  return g_strdup (base);
}

/**
 * repere_rating_revert_summary:
 * @job_id: (nullable): a job, or %NULL for the whole assessment
 * @summary: (out caller-allocates): what repere_rating_revert() would clear
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_revert_summary (RepereDb *db, const char *assessment_id, const char *job_id,
                              RepereRevertSummary *summary, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  memset (summary, 0, sizeof *summary);
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT (SELECT count (*) FROM rater_rating WHERE assessment_id = ?1 AND (?2 IS NULL OR "
          "job_id = ?2)),"
          "       (SELECT count (DISTINCT rater) FROM rater_rating"
          "         WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)),"
          "       (SELECT count (*) FROM (SELECT job_id FROM rater_rating WHERE assessment_id = ?1"
          "                               UNION SELECT job_id FROM competency_exclusion WHERE "
          "assessment_id = ?1"
          "                               UNION SELECT job_id FROM rating_applied WHERE "
          "assessment_id = ?1"
          "                               UNION SELECT job_id FROM user_level_count WHERE "
          "assessment_id = ?1)"
          "         WHERE ?2 IS NULL OR job_id = ?2),"
          "       (SELECT count (*) FROM user_level_count WHERE assessment_id = ?1 AND (?2 IS NULL "
          "OR job_id = ?2)),"
          "       (SELECT count (*) FROM competency_exclusion"
          "         WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)),"
          "       (SELECT count (*) FROM rating_applied WHERE assessment_id = ?1 AND (?2 IS NULL "
          "OR job_id = ?2))",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      summary->ratings = sqlite3_column_int (stmt, 0);
      summary->raters = sqlite3_column_int (stmt, 1);
      summary->jobs = sqlite3_column_int (stmt, 2);
      summary->counts = sqlite3_column_int (stmt, 3);
      summary->exclusions = sqlite3_column_int (stmt, 4);
      summary->applied = sqlite3_column_int (stmt, 5);
    }
  else
    repere_sql_failed (handle, error);
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * repere_rating_revert_describe:
 *
 * Returns: (transfer full): what reverting clears, in a sentence for the
 *   question asked before ("12 ratings by 2 raters, 3 competencies marked
 *   as not retained and the level counts of 1 job will be cleared."), or
 *   that nothing is to clear
 */
char *
repere_rating_revert_describe (const RepereRevertSummary *summary)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);

  if (summary->ratings)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating",
                                                          "%u ratings", summary->ratings),
                                             summary->ratings));
  if (summary->ratings && summary->raters)
    {
      char *with = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s by %u rater", "%s by %u raters", summary->raters),
          (char *) g_ptr_array_index (parts, parts->len - 1), summary->raters);
      g_free (g_ptr_array_index (parts, parts->len - 1));
      parts->pdata[parts->len - 1] = with;
    }
  if (summary->exclusions)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u competency marked as not retained",
                                                          "%u competencies marked as not retained",
                                                          summary->exclusions),
                                             summary->exclusions));
  if (summary->counts)
    g_ptr_array_add (
        parts,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the level counts entered for %u job",
                                      "the level counts entered for %u jobs", summary->counts),
                         summary->counts));
  if (summary->applied)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job’s applied draft",
                                                   "%u jobs’ applied drafts", summary->applied),
                                      summary->applied));
  if (parts->len == 0)
    return g_strdup (_ ("Nothing is to clear: the scores are the published ones."));
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == parts->len ? _ (" and ") : ", ");
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  /* TRANSLATORS: %s lists what goes: "12 ratings by 2 raters and the level counts entered for 1
   * job" */
  return g_strdup_printf (_ ("%s will be cleared. Undo (Ctrl+Z) brings them back."), text->str);
}

void
repere_job_rating_free (RepereJobRating *rating)
{
  g_free (rating->assessment_id);
  g_free (rating->assessment_name);
  g_free (rating->competency_id);
  g_free (rating->label);
  g_free (rating);
}

/**
 * repere_rating_list_for_job:
 * @job_id: a job id
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The job's competency levels in every assessment: the rows of table rating
 * (schema 001; each assessment's consolidated level, see
 * repere_rating_reconsolidate()), with the competency's label from the
 * imported ROME referential (unix_referentiel_competence or
 * unix_referentiel_savoir) or its code when the referential has none.
 * Sorted by assessment (study order, then name), then by level, highest
 * first, then by label. Empty when the job was never rated.
 *
 * Returns: (transfer full) (element-type RepereJobRating): the ratings
 */
GPtrArray *
repere_rating_list_for_job (RepereDb *db, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_job_rating_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT a.name, coalesce (c.label, r.competency_id), r.level, a.id, r.competency_id"
                          "  FROM rating r"
                          "  JOIN assessment a ON a.id = r.assessment_id"
                          "  LEFT JOIN competency c ON CAST (c.id AS TEXT) = r.competency_id"
                          " WHERE r.job_id = ?1 ORDER BY a.position, a.name, r.level DESC, 2",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, _ ("Cannot read the job’s ratings: %s"),
                   sqlite3_errmsg (handle));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereJobRating *rating = g_new0 (RepereJobRating, 1);
      rating->assessment_name = column_dup (stmt, 0);
      rating->label = column_dup (stmt, 1);
      rating->level = sqlite3_column_int (stmt, 2);
      rating->assessment_id = column_dup (stmt, 3);
      rating->competency_id = column_dup (stmt, 4);
      g_ptr_array_add (list, rating);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, _ ("Cannot read the job’s ratings: %s"),
                   sqlite3_errmsg (handle));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&list);
}

void
repere_rater_free (RepereRater *rater)
{
  g_free (rater->name);
  g_free (rater->first_at);
  g_free (rater->last_at);
  g_free (rater->sources);
  g_free (rater);
}

/**
 * repere_rating_list_raters:
 * @assessment_id: an assessment
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereRater): the assessment's
 *   raters by name, with their ratings, jobs, first and last rating and
 *   the sheets imported for them
 */
GPtrArray *
repere_rating_list_raters (RepereDb *db, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rater_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (
          handle,
          "SELECT r.rater, count (*), count (DISTINCT r.job_id), min (r.rated_at), max "
          "(r.rated_at),"
          "       coalesce ((SELECT group_concat (name, ', ') FROM (SELECT DISTINCT f.name"
          "                    FROM rater_rating s JOIN import_file f ON f.batch_id = s.batch_id"
          "                   WHERE s.assessment_id = ?1 AND s.rater = r.rater ORDER BY f.name)), "
          "'')"
          "  FROM rater_rating r WHERE r.assessment_id = ?1"
          " GROUP BY r.rater ORDER BY r.rater COLLATE repere",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRater *rater = g_new0 (RepereRater, 1);
      rater->name = column_dup (stmt, 0);
      rater->ratings = sqlite3_column_int (stmt, 1);
      rater->jobs = sqlite3_column_int (stmt, 2);
      rater->first_at = column_dup (stmt, 3);
      rater->last_at = column_dup (stmt, 4);
      rater->sources = column_dup (stmt, 5);
      g_ptr_array_add (list, rater);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&list);
}
