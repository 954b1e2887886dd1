/* repere-competency.c: a job's ROME competencies, a competency's jobs,
 * label search and per-competency ratings
 *
 * Reads the ROME 4.0 tables of schema/004-rome.sql (filled by the ROME
 * import from unix_referentiel_competence, unix_referentiel_savoir, bloc 5
 * of unix_liens_rome_referentiels and unix_coherence_item) through the
 * job ↔ ROME mapping (job_rome, data/rome-mapping.csv or the user's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-competency.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "repere-score.h"

static const struct
{
  const char *id;
  const char *label;
} kinds[REPERE_COMPETENCY_N_KINDS] = {
  { "savoir-faire", N_("Savoir-faire") },
  { "savoir-etre", N_("Savoir-être professionnels") },
  { "savoir", N_("Savoirs") },
};

/**
 * repere_competency_kind_id:
 *
 * Returns: the kind as rome_competency.kind stores it ("savoir-faire",
 *   "savoir-etre", "savoir")
 */
const char *
repere_competency_kind_id (RepereCompetencyKind kind)
{
  g_return_val_if_fail (kind < REPERE_COMPETENCY_N_KINDS, "");
  return kinds[kind].id;
}

/**
 * repere_competency_kind_label:
 *
 * Returns: the rubrique's name as ROME fiches print it, translated
 */
const char *
repere_competency_kind_label (RepereCompetencyKind kind)
{
  g_return_val_if_fail (kind < REPERE_COMPETENCY_N_KINDS, "");
  return _(kinds[kind].label);
}

/**
 * repere_competency_kind_from_id:
 * @id: "savoir-faire", "savoir-etre" or "savoir"
 *
 * Returns: the kind; %REPERE_COMPETENCY_SAVOIR_FAIRE for anything else
 */
RepereCompetencyKind
repere_competency_kind_from_id (const char *id)
{
  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    if (g_strcmp0 (id, kinds[k].id) == 0)
      return k;
  return REPERE_COMPETENCY_SAVOIR_FAIRE;
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

/* SQL: the kind order of a rome_competency row, 0 savoir-faire … 2 savoir. */
#define KIND_ORDER(k) "CASE " k " WHEN 'savoir-faire' THEN 0 WHEN 'savoir-etre' THEN 1 ELSE 2 END"
/* SQL: the kind order of a competency row without a link (nature, cat_comp). */
#define NATURE_ORDER(c)                                                                                            \
  "CASE WHEN " c ".nature = 'savoir' THEN 2 WHEN " c ".category LIKE 'Savoir-_tre%' THEN 1 ELSE 0 END"

/* The job's linked competencies (one row each, over all its codes). */
#define JOB_LINKS                                                                                                  \
  "l AS (SELECT rc.competency_id AS id, " KIND_ORDER ("rc.kind") " AS k,"                                          \
  "             CASE rc.core WHEN 'principale' THEN 2 WHEN 'emergente' THEN 1 ELSE 0 END AS c, m.rome_code"       \
  "        FROM job_rome m JOIN rome_competency rc ON rc.rome_code = m.rome_code"                                  \
  "       WHERE m.job_id = ?1 ORDER BY m.rome_code),"                                                              \
  " g AS (SELECT id, min (k) AS k, max (c) AS c, group_concat (rome_code, ', ') AS codes FROM l GROUP BY id)"

void
repere_job_competency_free (RepereJobCompetency *competency)
{
  g_free (competency->label);
  g_free (competency->category);
  g_free (competency->subcategory);
  g_free (competency->macro_label);
  g_free (competency->core);
  g_free (competency->rome_codes);
  g_free (competency->rated_by);
  g_free (competency->rated_at);
  g_free (competency);
}

/**
 * repere_competency_list_for_job:
 * @job_id: a job id
 * @assessment_id: (nullable): the assessment whose ratings to return; %NULL
 *   for none
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The job's competencies: every competency that bloc 5 links to one of the
 * job's ROME codes (job_rome), plus any the job was rated on in
 * @assessment_id that no code lists any more (ratings are never deleted).
 * Sorted by kind (savoir-faire, savoir-être professionnels, savoirs), then
 * Principale before Émergente before the others, then category and label.
 * Empty when the job has no mapping or no referential is imported.
 *
 * Returns: (transfer full) (element-type RepereJobCompetency): the list
 */
GPtrArray *
repere_competency_list_for_job (RepereDb *db, const char *job_id, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_job_competency_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (
          handle,
          "WITH " JOB_LINKS ","
          " r AS (SELECT CAST (competency_id AS INTEGER) AS id, level, rated_by, rated_at FROM rating"
          "        WHERE assessment_id = ?2 AND job_id = ?1),"
          " ids AS (SELECT id FROM g UNION SELECT id FROM r)"
          " SELECT ids.id, coalesce (g.k, " NATURE_ORDER ("c") ") AS kind, c.label, coalesce (c.category, ''),"
          "        coalesce (c.subcategory, ''), coalesce (mc.label, ''), coalesce (c.nature = 'macro', 0),"
          "        CASE coalesce (g.c, 0) WHEN 2 THEN 'principale' WHEN 1 THEN 'emergente' ELSE '' END,"
          "        coalesce (g.codes, ''), coalesce (r.level, 0), coalesce (r.rated_by, ''),"
          "        coalesce (r.rated_at, ''), c.removed_batch_id IS NOT NULL,"
          "        coalesce (c.transition_eco, -1), coalesce (c.transition_num, -1)"
          "   FROM ids LEFT JOIN g ON g.id = ids.id LEFT JOIN r ON r.id = ids.id"
          "   LEFT JOIN competency c ON c.id = ids.id LEFT JOIN competency mc ON mc.id = c.macro_id"
          "  ORDER BY kind, coalesce (g.c, 0) DESC, c.category COLLATE repere, c.label COLLATE repere, ids.id",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, assessment_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereJobCompetency *competency = g_new0 (RepereJobCompetency, 1);
      competency->id = sqlite3_column_int64 (stmt, 0);
      competency->kind = CLAMP (sqlite3_column_int (stmt, 1), 0, REPERE_COMPETENCY_N_KINDS - 1);
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        /* A rating on a competency no imported referential has (rolled back). */
        competency->label = g_strdup_printf (_("Competency %" PRId64 " (not in the imported referential)"),
                                             competency->id);
      else
        competency->label = column_dup (stmt, 2);
      competency->category = column_dup (stmt, 3);
      competency->subcategory = column_dup (stmt, 4);
      competency->macro_label = column_dup (stmt, 5);
      competency->is_macro = sqlite3_column_int (stmt, 6);
      competency->core = column_dup (stmt, 7);
      competency->rome_codes = column_dup (stmt, 8);
      competency->rating = sqlite3_column_int (stmt, 9);
      competency->rated_by = column_dup (stmt, 10);
      competency->rated_at = column_dup (stmt, 11);
      competency->removed = sqlite3_column_int (stmt, 12) || sqlite3_column_type (stmt, 2) == SQLITE_NULL;
      competency->transition_eco = sqlite3_column_int (stmt, 13);
      competency->transition_num = sqlite3_column_int (stmt, 14);
      g_ptr_array_add (list, competency);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * repere_competency_list_labels_for_job:
 * @job_id: a job id
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The job's current ROME competencies as its printed sheet lists them:
 * those bloc 5 of unix_liens_rome_referentiels links to one of the job's
 * ROME codes (job_rome → rome_competency → competency), not removed by a
 * later import, each label once. The merge rule is the job page's
 * (repere_competency_list_for_job()): a competency that several of the
 * job's codes list comes once, with the strongest flag any of them gives
 * it (Principale, then Émergente, then none), under the first kind in
 * order; competencies with the same label are one row too. Sorted by kind
 * (savoir-faire, savoir-être professionnels, savoirs), then flagged ones
 * before the others, then by label (collation "repere"). Empty when the
 * job has no mapping or no referential is imported.
 *
 * Unlike repere_competency_list_for_job(), only @kind, @label, @core,
 * @transition_eco and @transition_num of each #RepereJobCompetency are set:
 * @id and the other numbers are 0, the other strings "" (a row may stand for
 * several competencies with the same label: a transition flag is 1 when ROME
 * sets it on one of them, 0 when one says no, -1 when none says; issue 13,
 * the printed sheet shows them as the job page does).
 *
 * Returns: (transfer full) (element-type RepereJobCompetency): the list
 */
GPtrArray *
repere_competency_list_labels_for_job (RepereDb *db, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_job_competency_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle,
                          "WITH " JOB_LINKS
                          " SELECT c.label, CASE max (g.c) WHEN 2 THEN 'principale' WHEN 1 THEN 'emergente'"
                          "                 ELSE '' END,"
                          "        coalesce (max (c.transition_eco), -1), coalesce (max (c.transition_num), -1)"
                          "   FROM g JOIN competency c ON c.id = g.id"
                          "  WHERE g.k = ?2 AND c.removed_batch_id IS NULL"
                          "  GROUP BY c.label ORDER BY max (g.c) = 0, c.label COLLATE repere",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, _("Cannot read the job’s competencies: %s"),
                   sqlite3_errmsg (handle));
      return NULL;
    }
  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, k);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RepereJobCompetency *competency = g_new0 (RepereJobCompetency, 1);
          competency->kind = k;
          competency->label = column_dup (stmt, 0);
          competency->core = column_dup (stmt, 1);
          competency->category = g_strdup ("");
          competency->subcategory = g_strdup ("");
          competency->macro_label = g_strdup ("");
          competency->rome_codes = g_strdup ("");
          competency->rated_by = g_strdup ("");
          competency->rated_at = g_strdup ("");
          competency->transition_eco = sqlite3_column_int (stmt, 2);
          competency->transition_num = sqlite3_column_int (stmt, 3);
          g_ptr_array_add (list, competency);
        }
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, _("Cannot read the job’s competencies: %s"),
                       sqlite3_errmsg (handle));
          sqlite3_finalize (stmt);
          return NULL;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&list);
}

/**
 * repere_competency_count_for_job:
 * @counts: (out): distinct competencies the job's ROME codes list, per
 *   #RepereCompetencyKind
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Counts the job's current competencies (through job_rome and bloc 5),
 * each once however many of its codes list it; ratings are not counted.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_competency_count_for_job (RepereDb *db, const char *job_id, int counts[REPERE_COMPETENCY_N_KINDS],
                                 GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    counts[k] = 0;
  if (sqlite3_prepare_v2 (handle, "WITH " JOB_LINKS " SELECT k, count (*) FROM g GROUP BY k", -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    counts[CLAMP (sqlite3_column_int (stmt, 0), 0, REPERE_COMPETENCY_N_KINDS - 1)] = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  return TRUE;
}

/**
 * repere_competency_has_referential:
 *
 * Returns: %TRUE when a ROME referential is imported (rome_code has rows)
 */
gboolean
repere_competency_has_referential (RepereDb *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean has = FALSE;

  if (sqlite3_prepare_v2 (repere_db_get_handle (db), "SELECT EXISTS (SELECT 1 FROM rome_code)", -1, &stmt, NULL)
          == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    has = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return has;
}

static void
code_free (RepereCompetencyCode *code)
{
  g_free (code->code);
  g_free (code->title);
  g_free (code->core);
  g_free (code);
}

static void
job_free (RepereCompetencyJob *job)
{
  g_free (job->job_id);
  g_free (job->job_name);
  g_free (job->family_name);
  g_free (job->rome_codes);
  g_free (job);
}

void
repere_competency_detail_free (RepereCompetencyDetail *detail)
{
  g_free (detail->nature);
  g_free (detail->label);
  g_free (detail->definition);
  g_free (detail->category);
  g_free (detail->subcategory);
  g_free (detail->macro_label);
  g_clear_pointer (&detail->codes, g_ptr_array_unref);
  g_clear_pointer (&detail->jobs, g_ptr_array_unref);
  g_free (detail);
}

/**
 * repere_competency_get:
 * @competency_id: a competency's code_ogr
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * A competency's page: its label, definition, category, macro-competency,
 * every ROME code that lists it (bloc 5, with Principale/Émergente) and
 * every one of the 58 jobs that shares it through the mapping.
 *
 * Returns: (transfer full) (nullable): the detail
 */
RepereCompetencyDetail *
repere_competency_get (RepereDb *db, gint64 competency_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (RepereCompetencyDetail) detail = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT c.nature, c.label, c.definition, c.category, c.subcategory,"
                          "       coalesce (mc.label, ''), c.removed_batch_id IS NOT NULL,"
                          "       coalesce ((SELECT min (" KIND_ORDER ("rc.kind") ") FROM rome_competency rc"
                          "                   WHERE rc.competency_id = c.id), " NATURE_ORDER ("c") "),"
                          "       coalesce (c.transition_eco, -1), coalesce (c.transition_num, -1)"
                          "  FROM competency c LEFT JOIN competency mc ON mc.id = c.macro_id WHERE c.id = ?1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_int64 (stmt, 1, competency_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      detail = g_new0 (RepereCompetencyDetail, 1);
      detail->id = competency_id;
      detail->nature = column_dup (stmt, 0);
      detail->label = column_dup (stmt, 1);
      detail->definition = column_dup (stmt, 2);
      detail->category = column_dup (stmt, 3);
      detail->subcategory = column_dup (stmt, 4);
      detail->macro_label = column_dup (stmt, 5);
      detail->removed = sqlite3_column_int (stmt, 6);
      detail->kind = CLAMP (sqlite3_column_int (stmt, 7), 0, REPERE_COMPETENCY_N_KINDS - 1);
      detail->transition_eco = sqlite3_column_int (stmt, 8);
      detail->transition_num = sqlite3_column_int (stmt, 9);
      detail->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) code_free);
      detail->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  if (detail == NULL)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("No competency %" PRId64),
                   competency_id);
      return NULL;
    }

  if (sqlite3_prepare_v2 (handle,
                          "SELECT rc.rome_code, coalesce (r.title, ''), rc.kind, rc.core"
                          "  FROM rome_competency rc LEFT JOIN rome_code r ON r.code = rc.rome_code"
                          " WHERE rc.competency_id = ?1 ORDER BY rc.rome_code",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_int64 (stmt, 1, competency_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereCompetencyCode *code = g_new0 (RepereCompetencyCode, 1);
      code->code = column_dup (stmt, 0);
      code->title = column_dup (stmt, 1);
      code->kind = repere_competency_kind_from_id ((const char *) sqlite3_column_text (stmt, 2));
      code->core = column_dup (stmt, 3);
      g_ptr_array_add (detail->codes, code);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT j.id, j.name, f.name, group_concat (m.rome_code, ', '), j.core"
                          "  FROM (SELECT m.* FROM job_rome m JOIN rome_competency rc"
                          "          ON rc.rome_code = m.rome_code AND rc.competency_id = ?1"
                          "         ORDER BY m.rome_code) m"
                          "  JOIN job j ON j.id = m.job_id JOIN family f ON f.code = j.family_code"
                          " GROUP BY j.id ORDER BY j.family_code, j.position",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_int64 (stmt, 1, competency_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereCompetencyJob *job = g_new0 (RepereCompetencyJob, 1);
      job->job_id = column_dup (stmt, 0);
      job->job_name = column_dup (stmt, 1);
      job->family_name = column_dup (stmt, 2);
      job->rome_codes = column_dup (stmt, 3);
      job->core_job = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (detail->jobs, job);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&detail);
}

void
repere_competency_hit_free (RepereCompetencyHit *hit)
{
  g_free (hit->label);
  g_free (hit->category);
  g_free (hit);
}

/* An FTS5 query from free text: every word, as a prefix, must occur.
 * Returns NULL when the text has no word. */
static char *
fts_query (const char *text)
{
  g_autoptr (GString) query = g_string_new (NULL);
  g_autoptr (GString) word = g_string_new (NULL);
  g_autofree char *normalized = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_DEFAULT_COMPOSE);

  /* Invalid UTF-8: repere_competency_search () refuses it before. */
  if (normalized == NULL)
    return NULL;
  for (const char *p = normalized;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  return query->len ? g_strdup (query->str) : NULL;
}

/**
 * repere_competency_search:
 * @text: words to find in competency labels (savoir-faire, savoir-être,
 *   savoirs, macro-competencies), each as a word prefix; case and accents
 *   ignored ("developper" finds "Développer…")
 * @job_id: (nullable): only the competencies of this job (through its
 *   mapping)
 * @jobs_only: only competencies that at least one of the 58 jobs has
 * @limit: most hits returned, 0 for all
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Full-text search on competency_search (FTS5, unicode61 remove_diacritics
 * 2), best matches first (bm25), then label.
 *
 * Returns: (transfer full) (element-type RepereCompetencyHit): the hits;
 *   empty for a text without any word
 */
GPtrArray *
repere_competency_search (RepereDb *db, const char *text, const char *job_id, gboolean jobs_only, guint limit,
                          GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_competency_hit_free);
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_INVALID,
                   _("The text to search for is not valid UTF-8"));
      return NULL;
    }
  query = fts_query (text);
  if (query == NULL)
    return g_steal_pointer (&hits);
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT * FROM ("
          " SELECT c.id, coalesce ((SELECT min (" KIND_ORDER ("rc.kind") ") FROM rome_competency rc"
          "                          WHERE rc.competency_id = c.id), " NATURE_ORDER ("c") "),"
          "        c.label, c.category,"
          "        (SELECT count (*) FROM rome_competency rc WHERE rc.competency_id = c.id) AS n_codes,"
          "        (SELECT count (DISTINCT m.job_id) FROM rome_competency rc"
          "           JOIN job_rome m ON m.rome_code = rc.rome_code WHERE rc.competency_id = c.id) AS n_jobs,"
          "        c.removed_batch_id IS NOT NULL, s.rank AS score"
          "   FROM competency_search s JOIN competency c ON c.id = s.rowid"
          "  WHERE competency_search MATCH ?1"
          "    AND (?2 IS NULL OR EXISTS (SELECT 1 FROM job_rome m JOIN rome_competency rc"
          "                                 ON rc.rome_code = m.rome_code"
          "                              WHERE m.job_id = ?2 AND rc.competency_id = c.id)))"
          " WHERE NOT ?3 OR n_jobs > 0"
          " ORDER BY score, label COLLATE repere LIMIT ?4",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, jobs_only);
  sqlite3_bind_int64 (stmt, 4, limit ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereCompetencyHit *hit = g_new0 (RepereCompetencyHit, 1);
      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->kind = CLAMP (sqlite3_column_int (stmt, 1), 0, REPERE_COMPETENCY_N_KINDS - 1);
      hit->label = column_dup (stmt, 2);
      hit->category = column_dup (stmt, 3);
      hit->n_codes = sqlite3_column_int (stmt, 4);
      hit->n_jobs = sqlite3_column_int (stmt, 5);
      hit->removed = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&hits);
}

/**
 * repere_competency_rate:
 * @assessment_id: a user assessment (the study's are read-only)
 * @job_id: a job id
 * @competency_id: one of the job's competencies (listed by one of its ROME
 *   codes), or one it is rated on already
 * @level: exposure level 1–5 (3.2.1.1), or 0 to clear the rating
 * @error: %REPERE_DB_ERROR_NOT_FOUND for a competency the job does not have,
 *   %REPERE_DB_ERROR_READ_ONLY for a study assessment, %REPERE_DB_ERROR_QUERY
 *   for a level out of range
 *
 * Rates the job's competency in the assessment (stored with the user's name
 * and the UTC time) and recomputes every score of the assessment: a job
 * with ratings takes its level counts from them (basis 'ratings', see
 * repere_assessment_set_rating()).
 *
 * Returns: %TRUE on success
 */
gboolean
repere_competency_rate (RepereDb *db, const char *assessment_id, const char *job_id, gint64 competency_id,
                        int level, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean known = FALSE;

  if (level < 0 || level > REPERE_RATING_MAX)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                   _("A rating is a level from %d to %d (0 clears it), not %d"), REPERE_RATING_MIN,
                   REPERE_RATING_MAX, level);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (handle,
                          "SELECT EXISTS (SELECT 1 FROM job_rome m JOIN rome_competency rc"
                          "                 ON rc.rome_code = m.rome_code"
                          "                WHERE m.job_id = ?1 AND rc.competency_id = ?2)"
                          "    OR EXISTS (SELECT 1 FROM rating WHERE job_id = ?1 AND competency_id = ?3"
                          "                  AND assessment_id = ?4)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, competency_id);
    sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, competency_id);
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, assessment_id, -1, SQLITE_TRANSIENT);
  }
  known = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (!known && level > 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   _("Competency %" PRId64 " is not one of “%s”’s ROME competencies"), competency_id,
                   job_id);
      return FALSE;
    }
  return repere_assessment_set_rating (db, assessment_id, job_id, competency_id, level, error);
}
