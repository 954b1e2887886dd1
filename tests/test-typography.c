/* test-typography.c: French typography of names (issue 13): "Émergent",
 * one apostrophe (’) in job names, both apostrophes accepted wherever a
 * job is looked up by name, and migration 10 for existing databases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "repere-competency.h"
#include "repere-csv.h"
#include "repere-db.h"
#include "repere-mapping.h"
#include "repere-rating-sheet.h"
#include "repere-rating.h"
#include "repere-score.h"
#include "repere-table-import.h"
#include "repere-test-util.h"
#include "repere-text.h"

/* The jobs whose name in 1.2.2 has a straight apostrophe (the 12 others
 * with an apostrophe have ’), as data/study/job.csv had them before. */
static const struct
{
  const char *id;
  const char *straight;
  const char *typographic;
} straight_jobs[] = {
  { "assistant-de-maitrise-d-ouvrage", "Assistant de maitrise d'ouvrage",
    "Assistant de maitrise d’ouvrage" },
  { "charge-d-etudes-rh", "Chargé d'études RH", "Chargé d’études RH" },
  { "manager-de-domaine-d-activite", "Manager de domaine d'activité",
    "Manager de domaine d’activité" },
  { "charge-d-etudes", "Chargé d'études", "Chargé d’études" },
};

static char *tmp_dir;

static char *
query_dump (sqlite3 *db, const char *sql)
{
  g_autoptr (GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (
            out, "%s%s", c ? "|" : "",
            sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static RepereDb *
open_db (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  RepereDb *db = repere_db_open (path, &error);

  g_assert_no_error (error);
  return db;
}

/* A small ROME referential mapped to Chargé d'assistance (as in
 * test-window.c): D1408 with three competencies. */
static void
load_rome_fixture (sqlite3 *db)
{
  exec_sql (
      db,
      "INSERT INTO import_batch (id, kind, label, started_at) VALUES"
      " (100, 'rome', 'ROME fixture', '2025-01-01T00:00:00Z');"
      "INSERT INTO rome_code (code, title, ogr, parent_code, batch_id) VALUES"
      " ('D1408', 'Conseiller / Conseillère clientèle à distance', 1, 'D1408', 100);"
      "INSERT INTO competency (id, nature, label, category, subcategory, batch_id) VALUES"
      " (500, 'macro', 'Développer la relation client', 'Savoir-faire', '', 100),"
      " (501, 'competence', 'Développer une relation de confiance', 'Savoir-faire', '', 100),"
      " (502, 'macro', 'Faire preuve d''écoute', 'Savoir-être professionnel', '', 100);"
      "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id) VALUES"
      " ('D1408', 500, 'savoir-faire', 'principale', 100), ('D1408', 501, 'savoir-faire', '', 100),"
      " ('D1408', 502, 'savoir-etre', '', 100);"
      "INSERT OR IGNORE INTO job_rome (job_id, rome_code) VALUES ('charge-d-assistance', "
      "'D1408');");
}

/* Stored names: ’ only, "Émergent"; the study's straight spellings are
 * aliases that the job page lists ("Also written in the study"). */
static void
test_stored_names (void)
{
  g_autoptr (RepereDb) db = open_db ("names.db");
  sqlite3 *h = repere_db_get_handle (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) classes = repere_db_list_classifications (db, &error);

  g_assert_no_error (error);
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM job WHERE instr (name, '''') > 0", NULL), ==,
      0);
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM family WHERE instr (name, '''') > 0", NULL),
      ==, 0);
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM job WHERE instr (name, '’') > 0", NULL), ==,
      16);
  for (guint i = 0; i < classes->len; i++)
    {
      RepereRef *class = g_ptr_array_index (classes, i);
      if (g_str_equal (class->id, "emergent"))
        g_assert_cmpstr (class->name, ==, "Émergent");
      g_assert_null (strstr (class->name, "Emergent"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (straight_jobs); i++)
    {
      g_autoptr (RepereJobDetail) detail = repere_db_get_job (db, straight_jobs[i].id, &error);
      gboolean aliased = FALSE;

      g_assert_no_error (error);
      g_assert_cmpstr (detail->name, ==, straight_jobs[i].typographic);
      for (guint a = 0; a < detail->aliases->len; a++)
        aliased |= g_str_equal (g_ptr_array_index (detail->aliases, a), straight_jobs[i].straight);
      g_assert_true (aliased);
    }
}

/* repere_db_find_job(), which the CLI's JOB arguments and --job, the
 * window's --job, the mapping import and the passerelles use: every job by
 * its name with either apostrophe, the same job, never ambiguous. */
static void
test_find_job (void)
{
  g_autoptr (RepereDb) db = open_db ("find.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) jobs = repere_db_list_jobs (db, &(RepereJobFilter){ 0 }, &error);
  guint with_apostrophe = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), ==, 58);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      const char *name = repere_job_get_name (job);
      g_autofree char *straight = repere_text_plain_apostrophes (name);
      g_autoptr (GString) typographic = g_string_new (straight);
      g_autofree char *by_straight = NULL;
      g_autofree char *by_typographic = NULL;

      if (strchr (straight, '\'') == NULL)
        continue;
      with_apostrophe++;
      g_string_replace (typographic, "'", "’", 0);
      by_straight = repere_db_find_job (db, straight, &error);
      g_assert_no_error (error);
      by_typographic = repere_db_find_job (db, typographic->str, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (by_straight, ==, repere_job_get_id (job));
      g_assert_cmpstr (by_typographic, ==, repere_job_get_id (job));
    }
  g_assert_cmpuint (with_apostrophe, ==, 16);
}

/* The search (window and `jobs --search`): both apostrophes, same jobs,
 * the job itself first. */
static void
test_search (void)
{
  g_autoptr (RepereDb) db = open_db ("search.db");
  static const char *const queries[][2] = {
    { "chargé d'études rh", "chargé d’études rh" },
    { "Médecin d'assistance", "Médecin d’assistance" },
    { "manager de domaine d'activité", "manager de domaine d’activité" },
  };
  static const char *const first[]
      = { "charge-d-etudes-rh", "medecin-d-assistance", "manager-de-domaine-d-activite" };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      char *ids[2] = { NULL, NULL };

      for (guint form = 0; form < 2; form++)
        {
          g_autoptr (GError) error = NULL;
          RepereJobFilter filter = { .search = queries[q][form], .sort = REPERE_SORT_RELEVANCE };
          g_autoptr (GListStore) jobs = repere_db_list_jobs (db, &filter, &error);
          g_autoptr (GString) list = g_string_new (NULL);

          g_assert_no_error (error);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), >, 0);
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
            {
              g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
              if (i == 0)
                g_assert_cmpstr (repere_job_get_id (job), ==, first[q]);
              g_string_append_printf (list, "%s ", repere_job_get_id (job));
            }
          ids[form] = g_string_free (g_steal_pointer (&list), FALSE);
        }
      g_assert_cmpstr (ids[0], ==, ids[1]);
      g_free (ids[0]);
      g_free (ids[1]);
    }
}

/* The mapping import: a job named with either apostrophe is the same job. */
static void
test_mapping_import (void)
{
  g_autoptr (RepereDb) db = open_db ("mapping.db");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "mapping.csv", NULL);
  guint n_rows = 0;

  g_assert_true (g_file_set_contents (path,
                                      "job,rome_code\n"
                                      "Chargé d'études RH,M1403\n"
                                      "Chargé d’études RH,M1502\n"
                                      "Chargé d'assistance,D1408\n"
                                      "Chargé d’assistance,H1101\n",
                                      -1, &error));
  g_assert_no_error (error);
  g_assert_true (repere_mapping_import (db, path, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 4);
  {
    g_autofree char *rows = query_dump (repere_db_get_handle (db),
                                        "SELECT job_id, rome_code FROM job_rome ORDER BY 1, 2");
    g_assert_cmpstr (rows, ==,
                     "charge-d-assistance|D1408\ncharge-d-assistance|H1101\n"
                     "charge-d-etudes-rh|M1403\ncharge-d-etudes-rh|M1502\n");
  }
}

/* A rating sheet written before the names took ’ (its sheet named with ')
 * is read after: the same job, not a renamed sheet. */
static void
test_rating_sheet (void)
{
  g_autoptr (RepereDb) db = open_db ("sheet.db");
  sqlite3 *h = repere_db_get_handle (db);
  g_autoptr (GError) error = NULL;
  g_autofree char *assessment = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "sheet.xlsx", NULL);
  const char *const jobs[] = { "charge-d-assistance", NULL };
  gint64 ids[] = { 500, 501, 502 };
  g_autoptr (RepereSheetImport) import = NULL;

  load_rome_fixture (h);
  assessment = repere_assessment_create (db, "Ma société", "experts", &error);
  g_assert_no_error (error);
  g_assert_true (
      repere_rating_rate (db, assessment, "charge-d-assistance", "Alice", ids, 3, 4, &error));
  g_assert_no_error (error);

  /* The sheet as the release before wrote it: the job's name with '. */
  exec_sql (h, "UPDATE job SET name = 'Chargé d''assistance' WHERE id = 'charge-d-assistance'");
  g_assert_true (repere_rating_sheet_export (db, assessment, jobs, "Alice", path, &error));
  g_assert_no_error (error);
  exec_sql (h, "UPDATE job SET name = 'Chargé d’assistance' WHERE id = 'charge-d-assistance'");

  import = repere_rating_sheet_read (db, assessment, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (repere_sheet_import_get_rater (import), ==, "Alice");
  g_assert_cmpuint (repere_sheet_import_get_n_jobs (import), ==, 1);
  g_assert_cmpuint (repere_sheet_import_get_n_ratings (import), ==, 3);
  g_assert_true (repere_rating_sheet_apply (db, import, &error));
  g_assert_no_error (error);

  /* A sheet really renamed (another job's name) is still refused. */
  exec_sql (h, "UPDATE job SET name = 'Chargé d’assistance bis' WHERE id = 'charge-d-assistance'");
  {
    g_autoptr (RepereSheetImport) refused
        = repere_rating_sheet_read (db, assessment, path, NULL, &error);
    g_assert_null (refused);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "renamed"));
    g_clear_error (&error);
  }
  exec_sql (h, "UPDATE job SET name = 'Chargé d’assistance' WHERE id = 'charge-d-assistance'");
}

/* repere-cli: `competencies JOB`, `--job` and `jobs --search` give the
 * same output with either apostrophe; the stored name has ’. */
static int
run_cli (const char *db_path, const char *const *args, char **out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REPERE_CLI"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, (gpointer) db_path);
  g_ptr_array_add (argv, "--no-bundled-rome");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_cli (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "cli.db", NULL);

  g_assert_nonnull (g_getenv ("REPERE_CLI"));
  {
    g_autoptr (RepereDb) db = open_db ("cli.db");
    load_rome_fixture (repere_db_get_handle (db));
  }
  {
    g_autofree char *straight = NULL;
    g_autofree char *typographic = NULL;
    g_assert_cmpint (
        run_cli (path, (const char *[]){ "competencies", "Chargé d'assistance", NULL }, &straight),
        ==, 0);
    g_assert_cmpint (run_cli (path, (const char *[]){ "competencies", "Chargé d’assistance", NULL },
                              &typographic),
                     ==, 0);
    g_assert_nonnull (strstr (straight, "Développer la relation client"));
    g_assert_cmpstr (straight, ==, typographic);
  }
  {
    g_autofree char *straight = NULL;
    g_autofree char *typographic = NULL;
    g_auto (GStrv) pdf = g_new0 (char *, 3);
    const char *names[2] = { "Chargé d'études RH", "Chargé d’études RH" };
    char **texts[2] = { &straight, &typographic };

    pdf[0] = g_build_filename (tmp_dir, "straight.pdf", NULL);
    pdf[1] = g_build_filename (tmp_dir, "typographic.pdf", NULL);

    /* print --job: the job's sheet, the same whichever apostrophe. */
    for (guint k = 0; k < 2; k++)
      {
        g_autofree char *out = NULL;
        g_autoptr (GError) error = NULL;
        const char *pdftotext[] = { "pdftotext", pdf[k], "-", NULL };

        g_assert_cmpint (
            run_cli (path, (const char *[]){ "print", "--pdf", pdf[k], "--job", names[k], NULL },
                     &out),
            ==, 0);
        g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                     NULL, texts[k], NULL, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (g_str_has_prefix (straight, "Chargé d’études RH\n"));
    g_assert_nonnull (strstr (straight, "Chargé d'études RH"));
    g_assert_cmpstr (straight, ==, typographic);
  }
  {
    g_autofree char *straight = NULL;
    g_autofree char *typographic = NULL;
    g_assert_cmpint (
        run_cli (path, (const char *[]){ "jobs", "--search", "chargé d'études", NULL }, &straight),
        ==, 0);
    g_assert_cmpint (run_cli (path, (const char *[]){ "jobs", "--search", "chargé d’études", NULL },
                              &typographic),
                     ==, 0);
    g_assert_cmpstr (straight, ==, typographic);
    /* The name as stored, with ’, and the class with its accent. */
    g_assert_nonnull (strstr (straight, "\tChargé d’études\t"));
    g_assert_null (strstr (straight, "Chargé d'études\t"));
  }
  {
    g_autofree char *out = NULL;
    g_assert_cmpint (
        run_cli (path, (const char *[]){ "jobs", "--classification", "Emergent", NULL }, &out), ==,
        0);
    g_assert_nonnull (strstr (out, "\tÉmergent\n"));
    g_assert_null (strstr (out, "\tEmergent"));
  }
}

/* Login names are not shown: the user's own edits recorded under their
 * login ("root", no real name) read "you"; other names as recorded. */
static void
test_display_name (void)
{
  const char *me = repere_rating_current_user ();
  g_autofree char *mine = repere_rating_display_name (me);
  g_autofree char *other = repere_rating_display_name ("Marie Dupont");
  g_autofree char *none = repere_rating_display_name (NULL);

  g_assert_cmpstr (other, ==, "Marie Dupont");
  g_assert_cmpstr (none, ==, "");
  if (g_str_equal (me, g_get_user_name ()))
    g_assert_cmpstr (mine, ==, "you");
  else
    g_assert_cmpstr (mine, ==, me);
  g_assert_cmpstr (mine, !=, g_get_user_name ());
}

/* Migration 10 -------------------------------------------------------- */

/* The tables data/study/ fills, in repere-db.c's order. */
static const char *const study_tables[] = { "family",
                                            "family_alias",
                                            "job",
                                            "job_alias",
                                            "exposure_level",
                                            "classification",
                                            "assessment",
                                            "published_result",
                                            "figure_classification",
                                            "figure_class_share",
                                            "level_count",
                                            "use_case",
                                            "job_use_case",
                                            "use_case_comment",
                                            "transverse_use_case",
                                            "top_competency",
                                            "recommendation_axis",
                                            "recommendation",
                                            "recommendation_illustration",
                                            "priority_action",
                                            "classification_threshold",
                                            "emergent_job",
                                            "study_passage",
                                            "study_figure",
                                            "survey_question",
                                            "survey_option",
                                            "survey_recommendation",
                                            "fiche_note",
                                            "job_future_role",
                                            "glossary_term",
                                            "bibliography_entry",
                                            "exposure_activity",
                                            "implementation_step",
                                            "classification_guidance",
                                            "figure_evolution",
                                            "prose_claim",
                                            "prose_claim_job",
                                            "training_guidance" };

/* A database as the release before writes it (schema 9): its schema files,
 * the study's tables with the names of then (four jobs with ', the class
 * "Emergent", no straight aliases for those four), a ROME fixture, and a
 * user assessment with ratings of two raters, an exclusion, an applied
 * job, typed level counts, a consolidation rule and their history. */
static void
build_schema9 (const char *path)
{
  static const char *const schema[]
      = { "001-initial.sql", "002-views-search.sql", "003-scoring.sql",
          "004-rome.sql",    "005-rome-fiche.sql",   "006-study.sql",
          "007-ratings.sql", "008-reserved.sql",     "009-passerelles.sql" };
  const char *root = g_getenv ("REPERE_SOURCE_ROOT");
  sqlite3 *db = NULL;

  g_assert_nonnull (root);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA foreign_keys = ON; BEGIN");
  for (guint i = 0; i < G_N_ELEMENTS (schema); i++)
    {
      g_autofree char *file = g_build_filename (root, "schema", schema[i], NULL);
      g_autofree char *sql = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (g_file_get_contents (file, &sql, NULL, &error));
      g_assert_no_error (error);
      exec_sql (db, sql);
    }
  for (guint i = 0; i < G_N_ELEMENTS (study_tables); i++)
    {
      g_autofree char *csv = g_strdup_printf ("%s/data/study/%s.csv", root, study_tables[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (RepereCsvReader) reader
          = repere_csv_reader_new_for_path (csv, REPERE_CSV_ENCODING_UTF8, &error);

      g_assert_no_error (error);
      g_assert_true (repere_table_import (db, study_tables[i], reader, NULL, &error));
      g_assert_no_error (error);
    }
  /* The names of schema 9's data. */
  for (guint i = 0; i < G_N_ELEMENTS (straight_jobs); i++)
    {
      char *sql = sqlite3_mprintf ("DELETE FROM job_alias WHERE alias = %Q;"
                                   " UPDATE job SET name = %Q WHERE id = %Q;",
                                   straight_jobs[i].straight, straight_jobs[i].straight,
                                   straight_jobs[i].id);
      exec_sql (db, sql);
      sqlite3_free (sql);
    }
  exec_sql (db, "UPDATE classification SET name = 'Emergent' WHERE id = 'emergent'");
  load_rome_fixture (db);
  exec_sql (
      db,
      "INSERT INTO import_batch (id, kind, label, started_at, finished_at) VALUES"
      " (200, 'ratings', 'Fiche de Bob', '2026-02-01T09:00:00Z', '2026-02-01T09:00:01Z');"
      "INSERT INTO assessment (id, name, description, position, is_study, based_on, source) VALUES"
      " ('user-ma-societe', 'Ma société', 'Copie', 4, 0, 'experts', 'user');"
      "INSERT INTO rater_rating (assessment_id, job_id, competency_id, rater, level, rated_at, "
      "entered_by,"
      " batch_id) VALUES"
      " ('user-ma-societe', 'charge-d-assistance', '500', 'Marie Dupont', 5, "
      "'2026-01-05T10:00:00Z',"
      "  'Marie Dupont', NULL),"
      " ('user-ma-societe', 'charge-d-assistance', '501', 'Bob', 2, '2026-02-01T09:00:00Z', 'Marie "
      "Dupont',"
      "  200);"
      "INSERT INTO competency_exclusion VALUES"
      " ('user-ma-societe', 'charge-d-assistance', '502', 'Marie Dupont', '2026-01-05T10:02:00Z');"
      "INSERT INTO rating_applied VALUES"
      " ('user-ma-societe', 'charge-d-assistance', 'Marie Dupont', '2026-01-05T10:03:00Z');"
      "INSERT INTO user_level_count VALUES"
      " ('user-ma-societe', 'charge-d-etudes-rh', 1, 2, 3, 4, 5, 'marie', '2026-01-04T09:00:00Z');"
      "INSERT INTO consolidation_rule (assessment_id, rule, rater, set_by, set_at) VALUES"
      " ('user-ma-societe', 'median', '', 'Marie Dupont', '2026-01-05T10:04:00Z');"
      "INSERT INTO rating_change (id, assessment_id, job_id, kind, detail, changed_by, changed_at, "
      "open)"
      " VALUES (1, 'user-ma-societe', 'charge-d-assistance', 'rate', 'Marie Dupont', 'Marie "
      "Dupont',"
      " '2026-01-05T10:00:00Z', 0);"
      "PRAGMA user_version = 9; COMMIT");
  sqlite3_close (db);
}

/* The user's rows, in a stable order, to compare before and after. */
static const char *const user_tables[]
    = { "SELECT * FROM assessment WHERE is_study = 0 ORDER BY id",
        "SELECT * FROM rater_rating ORDER BY 1, 2, 3, 4",
        "SELECT * FROM competency_exclusion ORDER BY 1, 2, 3",
        "SELECT * FROM rating_applied ORDER BY 1, 2",
        "SELECT * FROM user_level_count ORDER BY 1, 2",
        "SELECT * FROM consolidation_rule ORDER BY 1",
        "SELECT * FROM rating_change ORDER BY id",
        "SELECT * FROM import_batch WHERE kind <> 'study' ORDER BY id",
        "SELECT * FROM job_rome ORDER BY 1, 2",
        "SELECT * FROM rome_competency ORDER BY 1, 2" };

static void
test_upgrade (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "schema9.db", NULL);
  g_autoptr (GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RepereDb) db = NULL;
  g_autofree char *aliases_before = NULL;
  sqlite3 *old = NULL;
  sqlite3 *h;

  build_schema9 (path);
  g_assert_cmpint (sqlite3_open (path, &old), ==, SQLITE_OK);
  g_assert_cmpint (
      repere_test_query_int (old, "SELECT count (*) FROM job WHERE instr (name, '''') > 0", NULL),
      ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (user_tables); i++)
    g_ptr_array_add (before, query_dump (old, user_tables[i]));
  aliases_before = query_dump (old, "SELECT * FROM job_alias ORDER BY 1");
  sqlite3_close (old);

  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  h = repere_db_get_handle (db);
  g_assert_cmpint (repere_db_get_schema_version (db), ==, REPERE_DB_SCHEMA_VERSION);
  g_assert_cmpint (REPERE_DB_SCHEMA_VERSION, >=, 10);

  /* Names changed… */
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM job WHERE instr (name, '''') > 0", NULL), ==,
      0);
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM job WHERE instr (name, '’') > 0", NULL), ==,
      16);
  for (guint i = 0; i < G_N_ELEMENTS (straight_jobs); i++)
    {
      g_autofree char *found = repere_db_find_job (db, straight_jobs[i].straight, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, straight_jobs[i].id);
      g_assert_cmpint (repere_test_query_int (h, "SELECT count (*) FROM job WHERE name = ?1",
                                              straight_jobs[i].typographic),
                       ==, 1);
      g_assert_cmpint (repere_test_query_int (h, "SELECT count (*) FROM job_alias WHERE alias = ?1",
                                              straight_jobs[i].straight),
                       ==, 1);
    }
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM classification WHERE name = ?1", "Émergent"),
      ==, 1);
  g_assert_cmpint (
      repere_test_query_int (h, "SELECT count (*) FROM classification WHERE name = ?1", "Emergent"),
      ==, 0);
  /* …as a new database has them (same aliases, same names). */
  {
    g_autoptr (RepereDb) fresh = open_db ("fresh.db");
    g_autofree char *a = query_dump (h, "SELECT * FROM job_alias ORDER BY 1");
    g_autofree char *b
        = query_dump (repere_db_get_handle (fresh), "SELECT * FROM job_alias ORDER BY 1");
    g_autofree char *na
        = query_dump (h, "SELECT id, name FROM job UNION ALL SELECT id, name FROM classification"
                         " UNION ALL SELECT code, name FROM family ORDER BY 1");
    g_autofree char *nb
        = query_dump (repere_db_get_handle (fresh),
                      "SELECT id, name FROM job UNION ALL SELECT id, name FROM classification"
                      " UNION ALL SELECT code, name FROM family ORDER BY 1");
    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (na, ==, nb);
    g_assert_cmpstr (a, !=, aliases_before);
  }
  /* The search index has the new names. */
  {
    RepereJobFilter filter = { .search = "chargé d’études rh" };
    g_autoptr (GListStore) jobs = repere_db_list_jobs (db, &filter, &error);
    g_autoptr (RepereJob) job = NULL;
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), >, 0);
    job = g_list_model_get_item (G_LIST_MODEL (jobs), 0);
    g_assert_cmpstr (repere_job_get_name (job), ==, "Chargé d’études RH");
  }
  /* Nothing lost. */
  for (guint i = 0; i < G_N_ELEMENTS (user_tables); i++)
    {
      g_autofree char *after = query_dump (h, user_tables[i]);
      g_assert_cmpstr (after, ==, g_ptr_array_index (before, i));
      g_assert_cmpstr (after, !=, "");
    }
  /* The typed counts still give the job's score in the user's assessment. */
  g_assert_cmpint (repere_test_query_int (
                       h,
                       "SELECT count (*) FROM computed_result WHERE assessment_id = "
                       "'user-ma-societe' AND job_id = 'charge-d-etudes-rh' AND basis = 'counts'",
                       NULL),
                   ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("repere-typography-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/typography/stored-names", test_stored_names);
  g_test_add_func ("/typography/find-job", test_find_job);
  g_test_add_func ("/typography/search", test_search);
  g_test_add_func ("/typography/mapping-import", test_mapping_import);
  g_test_add_func ("/typography/rating-sheet", test_rating_sheet);
  g_test_add_func ("/typography/cli", test_cli);
  g_test_add_func ("/typography/display-name", test_display_name);
  g_test_add_func ("/typography/upgrade", test_upgrade);
  status = g_test_run ();
  repere_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
