/* repere-rome-fiche.c: a ROME fiche as the referential in force holds it
 *
 * Reads the tables of schema/005-rome-fiche.sql: the code's domain and
 * flags (unix_cr_gd_dp, unix_referentiel_code_rome), its définition and
 * accès à l'emploi (unix_texte), work contexts by type (bloc 6 of
 * unix_liens_rome_referentiels, unix_referentiel_contexte_travail), mobility
 * targets (unix_rubrique_mobilite) with the referential's jobs mapped to
 * them (job_rome), and its competencies (bloc 5) with their flags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-fiche.h"

#include <glib/gi18n.h>

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

static RepereRomeFlag
column_flag (sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return REPERE_ROME_FLAG_UNKNOWN;
  return sqlite3_column_int (stmt, column) ? REPERE_ROME_FLAG_YES : REPERE_ROME_FLAG_NO;
}

static void
context_free (RepereRomeContext *context)
{
  g_free (context->label);
  g_free (context->core);
  g_free (context);
}

static void
context_group_free (RepereRomeContextGroup *group)
{
  g_free (group->type_label);
  g_clear_pointer (&group->contexts, g_ptr_array_unref);
  g_free (group);
}

static void
mobility_free (RepereRomeMobility *mobility)
{
  g_free (mobility->code);
  g_free (mobility->title);
  g_clear_pointer (&mobility->job_ids, g_ptr_array_unref);
  g_clear_pointer (&mobility->job_names, g_ptr_array_unref);
  g_free (mobility);
}

static void
fiche_competency_free (RepereRomeFicheCompetency *competency)
{
  g_free (competency->label);
  g_free (competency->core);
  g_free (competency);
}

void
repere_rome_fiche_free (RepereRomeFiche *fiche)
{
  if (fiche == NULL)
    return;
  g_free (fiche->code);
  g_free (fiche->title);
  g_free (fiche->grand_domain_code);
  g_free (fiche->grand_domain);
  g_free (fiche->domain_code);
  g_free (fiche->domain);
  g_free (fiche->transition_eco);
  g_clear_pointer (&fiche->definition, g_ptr_array_unref);
  g_clear_pointer (&fiche->access, g_ptr_array_unref);
  g_clear_pointer (&fiche->contexts, g_ptr_array_unref);
  g_clear_pointer (&fiche->mobility, g_ptr_array_unref);
  g_clear_pointer (&fiche->competencies, g_ptr_array_unref);
  g_free (fiche);
}

static sqlite3_stmt *
prepare_code (sqlite3 *handle, const char *sql, const char *code, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      repere_sql_failed (handle, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
read_texts (sqlite3 *handle, RepereRomeFiche *fiche, GError **error)
{
  sqlite3_stmt *stmt = prepare_code (handle,
                                     "SELECT kind, text FROM rome_text WHERE rome_code = ?1"
                                     " ORDER BY kind, position",
                                     fiche->code, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "definition") == 0
                         ? fiche->definition
                         : fiche->access,
                     column_dup (stmt, 1));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || repere_sql_failed (handle, error);
}

static gboolean
read_contexts (sqlite3 *handle, RepereRomeFiche *fiche, GError **error)
{
  sqlite3_stmt *stmt
      = prepare_code (handle,
                      "SELECT c.type_code, c.type_label, c.id, c.label, l.core"
                      "  FROM rome_code_context l JOIN rome_context c ON c.id = l.context_id"
                      " WHERE l.rome_code = ?1 ORDER BY c.type_code, c.label COLLATE repere",
                      fiche->code, error);
  RepereRomeContextGroup *group = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeContext *context = g_new0 (RepereRomeContext, 1);

      if (group == NULL || group->type_code != sqlite3_column_int (stmt, 0))
        {
          group = g_new0 (RepereRomeContextGroup, 1);
          group->type_code = sqlite3_column_int (stmt, 0);
          group->type_label = column_dup (stmt, 1);
          group->contexts = g_ptr_array_new_with_free_func ((GDestroyNotify) context_free);
          g_ptr_array_add (fiche->contexts, group);
        }
      context->id = sqlite3_column_int64 (stmt, 2);
      context->label = column_dup (stmt, 3);
      context->core = column_dup (stmt, 4);
      g_ptr_array_add (group->contexts, context);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || repere_sql_failed (handle, error);
}

static gboolean
read_mobility (sqlite3 *handle, RepereRomeFiche *fiche, GError **error)
{
  sqlite3_stmt *stmt = prepare_code (
      handle,
      "SELECT m.target_code, coalesce (c.title, ''), m.position, j.id, j.name"
      "  FROM rome_mobility m LEFT JOIN rome_code c ON c.code = m.target_code"
      "  LEFT JOIN job_rome jr ON jr.rome_code = m.target_code"
      "  LEFT JOIN job j ON j.id = jr.job_id"
      " WHERE m.rome_code = ?1 ORDER BY m.position, m.target_code, j.family_code, j.position",
      fiche->code, error);
  RepereRomeMobility *mobility = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *target = (const char *) sqlite3_column_text (stmt, 0);

      if (mobility == NULL || g_strcmp0 (mobility->code, target) != 0)
        {
          mobility = g_new0 (RepereRomeMobility, 1);
          mobility->code = g_strdup (target);
          mobility->title = column_dup (stmt, 1);
          mobility->position = sqlite3_column_int (stmt, 2);
          mobility->job_ids = g_ptr_array_new_with_free_func (g_free);
          mobility->job_names = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (fiche->mobility, mobility);
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          g_ptr_array_add (mobility->job_ids, column_dup (stmt, 3));
          g_ptr_array_add (mobility->job_names, column_dup (stmt, 4));
        }
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || repere_sql_failed (handle, error);
}

static gboolean
read_competencies (sqlite3 *handle, RepereRomeFiche *fiche, GError **error)
{
  sqlite3_stmt *stmt = prepare_code (
      handle,
      "SELECT c.id, l.kind, c.label, c.nature = 'macro', l.core, c.transition_eco, c.transition_num"
      "  FROM rome_competency l JOIN competency c ON c.id = l.competency_id WHERE l.rome_code = ?1"
      " ORDER BY CASE l.kind WHEN 'savoir-faire' THEN 0 WHEN 'savoir-etre' THEN 1 ELSE 2 END,"
      "          CASE l.core WHEN 'principale' THEN 0 WHEN 'emergente' THEN 1 ELSE 2 END,"
      "          c.label COLLATE repere, c.id",
      fiche->code, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeFicheCompetency *c = g_new0 (RepereRomeFicheCompetency, 1);
      c->id = sqlite3_column_int64 (stmt, 0);
      c->kind = repere_competency_kind_from_id ((const char *) sqlite3_column_text (stmt, 1));
      c->label = column_dup (stmt, 2);
      c->is_macro = sqlite3_column_int (stmt, 3);
      c->core = column_dup (stmt, 4);
      c->transition_eco = column_flag (stmt, 5);
      c->transition_num = column_flag (stmt, 6);
      g_ptr_array_add (fiche->competencies, c);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || repere_sql_failed (handle, error);
}

/**
 * repere_rome_fiche_get:
 * @db: the database
 * @code: a ROME code, "D1408"
 * @error: %REPERE_DB_ERROR_NOT_FOUND when the referential in force has no
 *   such code, %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (nullable): the fiche
 */
RepereRomeFiche *
repere_rome_fiche_get (RepereDb *db, const char *code, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (RepereRomeFiche) fiche = NULL;
  sqlite3_stmt *stmt = prepare_code (
      handle,
      "SELECT c.code, c.title, coalesce (g.code, ''), coalesce (g.label, ''), coalesce (d.code, "
      "''),"
      "       coalesce (d.label, ''), c.transition_eco, c.transition_num, c.transition_demo,"
      "       c.regulated, c.executive,"
      "       coalesce ((SELECT fiche FROM rome_batch WHERE rolled_back_at IS NULL"
      "                   ORDER BY batch_id DESC LIMIT 1), 1)"
      "  FROM rome_code c LEFT JOIN rome_domain d ON d.code = c.domain_code"
      "  LEFT JOIN rome_grand_domain g ON g.code = d.grand_domain_code WHERE c.code = upper (?1)",
      code, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      fiche = g_new0 (RepereRomeFiche, 1);
      fiche->code = column_dup (stmt, 0);
      fiche->title = column_dup (stmt, 1);
      fiche->grand_domain_code = column_dup (stmt, 2);
      fiche->grand_domain = column_dup (stmt, 3);
      fiche->domain_code = column_dup (stmt, 4);
      fiche->domain = column_dup (stmt, 5);
      fiche->transition_eco = column_dup (stmt, 6);
      fiche->transition_num = column_flag (stmt, 7);
      fiche->transition_demo = column_flag (stmt, 8);
      fiche->regulated = column_flag (stmt, 9);
      fiche->executive = column_flag (stmt, 10);
      fiche->fiche_imported = sqlite3_column_int (stmt, 11);
      fiche->definition = g_ptr_array_new_with_free_func (g_free);
      fiche->access = g_ptr_array_new_with_free_func (g_free);
      fiche->contexts = g_ptr_array_new_with_free_func ((GDestroyNotify) context_group_free);
      fiche->mobility = g_ptr_array_new_with_free_func ((GDestroyNotify) mobility_free);
      fiche->competencies = g_ptr_array_new_with_free_func ((GDestroyNotify) fiche_competency_free);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  if (fiche == NULL)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   _ ("The ROME referential in force has no code %s"), code);
      return NULL;
    }
  if (!read_texts (handle, fiche, error) || !read_contexts (handle, fiche, error)
      || !read_mobility (handle, fiche, error) || !read_competencies (handle, fiche, error))
    return NULL;
  return g_steal_pointer (&fiche);
}

/**
 * repere_rome_fiche_list_for_job:
 * @db: the database
 * @job_id: a job id
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The fiches of the job's codes in the job ↔ ROME mapping (job_rome), in
 * code order; codes that the referential in force lacks are left out.
 *
 * Returns: (transfer full) (element-type RepereRomeFiche): the fiches
 */
GPtrArray *
repere_rome_fiche_list_for_job (RepereDb *db, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) fiches
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_fiche_free);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare_code (
      handle,
      "SELECT jr.rome_code FROM job_rome jr JOIN rome_code c ON c.code = jr.rome_code"
      " WHERE jr.job_id = ?1 ORDER BY jr.rome_code",
      job_id, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, column_dup (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  for (guint i = 0; i < codes->len; i++)
    {
      RepereRomeFiche *fiche = repere_rome_fiche_get (db, g_ptr_array_index (codes, i), error);
      if (fiche == NULL)
        return NULL;
      g_ptr_array_add (fiches, fiche);
    }
  return g_steal_pointer (&fiches);
}

/**
 * repere_rome_transition_eco_label:
 * @transition_eco: the transition_eco of a code, as imported
 *
 * Returns: (nullable): the translated name of a code's standing in the
 *   ecological transition, %NULL for "Emploi Blanc" (no particular
 *   standing) and an empty value; ROME's own label for a value Repère does
 *   not know
 */
const char *
repere_rome_transition_eco_label (const char *transition_eco)
{
  if (transition_eco == NULL || *transition_eco == '\0'
      || g_strcmp0 (transition_eco, "Emploi Blanc") == 0)
    return NULL;
  if (g_strcmp0 (transition_eco, "Emploi Vert") == 0)
    return _ ("Green job (ecological transition)");
  if (g_strcmp0 (transition_eco, "Emploi Brun") == 0)
    return _ ("Brown job (ecological transition)");
  if (g_strcmp0 (transition_eco, "Emploi stratégique pour la Transition écologique") == 0)
    return _ ("Strategic job for the ecological transition");
  return transition_eco;
}

void
repere_top_competency_match_free (RepereTopCompetencyMatch *match)
{
  g_free (match->label);
  g_free (match->note);
  g_free (match);
}

/**
 * repere_rome_top_competency_matches:
 * @db: the database
 * @competency_id: a competency's code_ogr
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereTopCompetencyMatch): the
 *   competencies of the top 10 of section 3.3 that name it
 *   (top_competency_rome, data/rome/top_competency_rome.csv), by rank
 */
GPtrArray *
repere_rome_top_competency_matches (RepereDb *db, gint64 competency_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) matches
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_top_competency_match_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (
          handle,
          "SELECT t.position, t.label, r.match = 'exact', r.note FROM top_competency_rome r"
          " JOIN top_competency t ON t.position = r.position WHERE r.competency_id = ?1"
          " ORDER BY t.position",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_int64 (stmt, 1, competency_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereTopCompetencyMatch *match = g_new0 (RepereTopCompetencyMatch, 1);
      match->position = sqlite3_column_int (stmt, 0);
      match->label = column_dup (stmt, 1);
      match->exact = sqlite3_column_int (stmt, 2);
      match->note = column_dup (stmt, 3);
      g_ptr_array_add (matches, match);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&matches);
}
