/* repere-rome-common.c: the files and tables of the ROME import, and the
 * helpers its stages share (repere-rome-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-private.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>

G_DEFINE_QUARK (repere - rome - error - quark, repere_rome_error)

/* Columns read from each file, by name (order and extra columns do not
 * matter). docs/rome-import.md lists where each goes. */
const RomeFileSpec rome_file_specs[ROME_N_FILES] = {
  [ROME_FILE_GRAND_DOMAIN] = { "grand_domaine", { "code_grand_domaine", "libelle_grand_domaine" } },
  [ROME_FILE_DOMAIN]
  = { "domaine_professionnel", { "code_domaine_professionnel", "libelle_domaine_professionnel" } },
  [ROME_FILE_CODE]
  = { "referentiel_code_rome",
      { "code_rome", "code_ogr", "libelle_rome", "code_rome_parent", "transition_eco",
        "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre" } },
  [ROME_FILE_CODE_DOMAIN]
  = { "cr_gd_dp", { "code_rome", "code_grand_domaine", "code_domaine_professionel" } },
  [ROME_FILE_APPELLATION] = { "referentiel_appellation",
                              { "code_ogr", "libelle_appellation_long", "libelle_appellation_court",
                                "code_rome", "peu_usite" } },
  [ROME_FILE_COMPETENCE]
  = { "referentiel_competence",
      { "code_ogr", "nature", "libelle_competence", "definition", "code_ogr_macro_comp",
        "code_macro_comp", "cat_comp", "sous_cat_comp", "transition_eco", "transition_num" } },
  [ROME_FILE_SAVOIR] = { "referentiel_savoir",
                         { "code_ogr_savoir", "libelle_savoir", "categorie_savoir",
                           "sous_categorie_savoir", "transition_eco", "transition_num" } },
  [ROME_FILE_CONTEXT]
  = { "referentiel_contexte_travail",
      { "code_ogr", "libelle_cont_travail", "code_type_cont_trav", "libelle_type_cont_trav" } },
  [ROME_FILE_COHERENCE] = { "coherence_item", { "code_rome", "code_ogr", "coeur_metier" } },
  [ROME_FILE_LINK]
  = { "liens_rome_referentiels", { "code_rome", "code_compo_bloc", "code_rubrique", "code_ogr" } },
  [ROME_FILE_TEXT] = { "texte",
                       { "code_rome", "code_compo_bloc", "libelle_type_texte", "position_phrase",
                         "libelle_texte" } },
  [ROME_FILE_MOBILITY]
  = { "rubrique_mobilite", { "code_rome", "code_rome_cible", "numero_ordre" } },
};

/* The staging tables have the same column names as the main ones. */
const RomeTable rome_tables[ROME_N_TABLES] = {
  [ROME_TABLE_GRAND_DOMAIN] = { "rome_grand_domain", "rome_stage_grand_domain", "code", "label" },
  [ROME_TABLE_DOMAIN] = { "rome_domain", "rome_stage_domain", "code", "grand_domain_code, label" },
  [ROME_TABLE_CONTEXT]
  = { "rome_context", "rome_stage_context", "id", "label, type_code, type_label" },
  [ROME_TABLE_CODE] = { "rome_code", "rome_stage_code", "code",
                        "title, ogr, parent_code, domain_code, transition_eco, transition_num,"
                        " transition_demo, regulated, executive" },
  [ROME_TABLE_APPELLATION] = { "rome_appellation", "rome_stage_appellation", "id",
                               "rome_code, label, short_label, rarely_used" },
  [ROME_TABLE_LINK]
  = { "rome_competency", "rome_stage_link", "rome_code, competency_id", "kind, core" },
  [ROME_TABLE_CODE_CONTEXT]
  = { "rome_code_context", "rome_stage_code_context", "rome_code, context_id", "core" },
  [ROME_TABLE_MOBILITY]
  = { "rome_mobility", "rome_stage_mobility", "rome_code, target_code", "position" },
  [ROME_TABLE_TEXT] = { "rome_text", "rome_stage_text", "rome_code, kind, position", "text" },
};

char *
rome_now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

gboolean
rome_db_error (sqlite3 *handle, GError **error, const char *what)
{
  if (sqlite3_errcode (handle) == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _ ("The ROME import was cancelled"));
  else
    repere_sql_set_error (handle, error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_DATABASE, what);
  return FALSE;
}

gboolean
rome_exec (sqlite3 *handle, const char *sql, GError **error)
{
  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return rome_db_error (handle, error, sql);
  return TRUE;
}

sqlite3_stmt *
rome_prepare (sqlite3 *handle, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      rome_db_error (handle, error, sql);
      return NULL;
    }
  return stmt;
}

/* Runs @sql with ?1 bound to @batch. */
gboolean
rome_exec_batch (sqlite3 *handle, const char *sql, gint64 batch, GError **error)
{
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, batch);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return rome_db_error (handle, error, sql);
  return TRUE;
}

/* First column of the first row of @sql as an integer; @fallback when none. */
gboolean
rome_query_int64 (sqlite3 *handle, const char *sql, gint64 fallback, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
               ? sqlite3_column_int64 (stmt, 0)
               : fallback;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rome_db_error (handle, error, sql);
  return TRUE;
}

/* First column of the first row of @sql as text; %NULL when none. */
gboolean
rome_query_text (sqlite3 *handle, const char *sql, char **value, GError **error)
{
  sqlite3_stmt *stmt = rome_prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? rome_column_dup (stmt, 0) : NULL;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rome_db_error (handle, error, sql);
  return TRUE;
}

char *
rome_column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
}

/* The CPU time of the calling thread, in seconds, for the debug messages
 * (G_MESSAGES_DEBUG=Repere): the writing thread of an import. */
double
rome_thread_cpu (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void
rome_report (RepereRomeImport *self, double fraction, const char *phase)
{
  gboolean same_phase = g_strcmp0 (phase, self->reported_phase) == 0;

  if (!same_phase)
    g_debug ("ROME import: %.3f s CPU, %.3f s in this thread, %s",
             (double) clock () / CLOCKS_PER_SEC, rome_thread_cpu (), phase);
  if (self->progress == NULL)
    return;
  if (fraction < self->reported)
    fraction = self->reported;
  if (same_phase && fraction < self->reported + 0.01 && fraction < 1.0)
    return;
  self->reported = fraction;
  if (!same_phase)
    {
      g_free (self->reported_phase);
      self->reported_phase = g_strdup (phase);
    }
  self->progress (MIN (fraction, 1.0), phase, self->progress_data);
}

int
rome_on_sqlite_progress (void *data)
{
  RepereRomeImport *self = data;
  return g_cancellable_is_cancelled (self->cancellable) ? 1 : 0;
}

gboolean
rome_current_batch (sqlite3 *handle, gint64 *batch, GError **error)
{
  return rome_query_int64 (
      handle, "SELECT max (batch_id) FROM main.rome_batch WHERE rolled_back_at IS NULL", 0, batch,
      error);
}

/* "@left.k1 = @right.k1 AND …" over the keys, then, with @values,
 * "AND @left.v1 IS @right.v1 …" over the other columns. */
char *
rome_table_join (const RomeTable *table, const char *left, const char *right, gboolean values)
{
  g_auto (GStrv) keys = g_strsplit (table->keys, ",", -1);
  g_auto (GStrv) others = g_strsplit (table->values, ",", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; keys[i]; i++)
    {
      g_strstrip (keys[i]);
      g_string_append_printf (out, "%s%s.%s = %s.%s", i ? " AND " : "", left, keys[i], right,
                              keys[i]);
    }
  for (guint i = 0; values && others[i]; i++)
    {
      g_strstrip (others[i]);
      g_string_append_printf (out, " AND %s.%s IS %s.%s", left, others[i], right, others[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "@alias.k1, @alias.k2, @alias.v1 …": every column but batch_id. */
char *
rome_table_columns (const RomeTable *table, const char *alias)
{
  g_autofree char *all = g_strconcat (table->keys, ",", table->values, NULL);
  g_auto (GStrv) columns = g_strsplit (all, ",", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; columns[i]; i++)
    {
      g_strstrip (columns[i]);
      if (alias)
        g_string_append_printf (out, "%s%s.%s", i ? ", " : "", alias, columns[i]);
      else
        g_string_append_printf (out, "%s%s", i ? ", " : "", columns[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
