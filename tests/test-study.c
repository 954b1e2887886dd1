/* test-study.c: the database built from the bundled study, checked against
 * the study itself
 *
 * The first tests check the referential's shape and the query API. The
 * /study/text/ tests parse the study text (REPERE_STUDY_TEXT) and compare
 * every published ranking row, every level-count table of the fiches (4.2)
 * and every use case of the fiches with what the database returns; then the
 * rest of the study (schema 6): the survey of section 2 with every share,
 * the passages and figures of the context and method, the fiche notes and
 * future roles, the glossary, the bibliography, 3.3, 4.3.2, the classes'
 * guidance, 3.2.2.2 Figure 3 and the figures the text of 3.2.2.1 and
 * 3.2.2.2 states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "repere-db.h"
#include "repere-study.h"
#include "repere-text.h"

static const char *const assessments[] = { "pwc-initial", "pwc-revised", "experts" };

/* Shared database, created once in a temporary folder by main(). */
static RepereDb *study_db;

/* Helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("repere-study-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static GListStore *
list_jobs (RepereDb *db, const RepereJobFilter *filter)
{
  g_autoptr (GError) error = NULL;
  GListStore *jobs = repere_db_list_jobs (db, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (jobs);
  return jobs;
}

static guint
n_items (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static RepereJob *
item (GListStore *store, guint position)
{
  /* The store keeps its reference; the caller does not own the job. */
  RepereJob *job = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_object_unref (job);
  return job;
}

static gboolean
store_has_job (GListStore *store, const char *id)
{
  for (guint i = 0; i < n_items (store); i++)
    if (g_strcmp0 (repere_job_get_id (item (store, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static char *
job_ids (GListStore *store)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < n_items (store); i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "", repere_job_get_id (item (store, i)));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static guint
count_class (GListStore *store, const char *class_id)
{
  guint n = 0;

  for (guint i = 0; i < n_items (store); i++)
    if (g_strcmp0 (repere_job_get_classification_id (item (store, i)), class_id) == 0)
      n++;
  return n;
}

static gint64
table_count (sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  return repere_test_query_int (db, sql, NULL);
}

/* Referential and query API */

static void
test_schema (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = repere_db_check (study_db, &error);

  g_assert_cmpint (repere_db_get_schema_version (study_db), ==, REPERE_DB_SCHEMA_VERSION);
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Jobs per family, families 01 to 13: the list of section 1.2.2. */
static const guint jobs_per_family[] = { 7, 3, 4, 3, 2, 7, 9, 6, 3, 2, 4, 4, 4 };

static void
test_families (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) families = repere_db_list_families (study_db, &error);
  guint total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (families->len, ==, 13);
  g_assert_cmpuint (G_N_ELEMENTS (jobs_per_family), ==, 13);
  for (guint f = 0; f < families->len; f++)
    {
      RepereRef *family = g_ptr_array_index (families, f);
      g_autofree char *code = g_strdup_printf ("%02u", f + 1);
      g_autofree char *short_code = g_strdup_printf ("%u", f + 1);
      RepereJobFilter filter = { .family = code };
      g_autoptr (GListStore) jobs = NULL;
      g_autoptr (GListStore) again = NULL;

      g_assert_cmpstr (family->id, ==, code);
      g_assert_cmpstr (family->name, !=, "");
      jobs = list_jobs (study_db, &filter);
      g_assert_cmpuint (n_items (jobs), ==, jobs_per_family[f]);
      for (guint i = 0; i < n_items (jobs); i++)
        {
          g_assert_cmpstr (repere_job_get_family_code (item (jobs, i)), ==, code);
          g_assert_cmpstr (repere_job_get_family_name (item (jobs, i)), ==, family->name);
        }
      /* "7" is accepted for "07". */
      if (f < 9)
        {
          filter.family = short_code;
          again = list_jobs (study_db, &filter);
          g_assert_cmpuint (n_items (again), ==, jobs_per_family[f]);
        }
      total += jobs_per_family[f];
    }
  g_assert_cmpuint (total, ==, 58);
  g_assert_cmpint (table_count (repere_db_get_handle (study_db), "family"), ==, 13);
}

static void
test_jobs (void)
{
  sqlite3 *db = repere_db_get_handle (study_db);
  RepereJobFilter core = { .core_only = TRUE };
  g_autoptr (GListStore) core_jobs = list_jobs (study_db, &core);

  g_assert_cmpint (table_count (db, "job"), ==, 58);
  g_assert_cmpint (repere_test_query_int (db, "SELECT count(*) FROM job WHERE core = 1", NULL), ==, 10);
  g_assert_cmpuint (n_items (core_jobs), ==, 10);
  for (guint i = 0; i < n_items (core_jobs); i++)
    g_assert_true (repere_job_get_core (item (core_jobs, i)));

  for (guint a = 0; a < G_N_ELEMENTS (assessments); a++)
    {
      RepereJobFilter filter = { .assessment = assessments[a] };
      g_autoptr (GListStore) jobs = list_jobs (study_db, &filter);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (n_items (jobs), ==, 58);
      for (guint i = 0; i < n_items (jobs); i++)
        {
          RepereJob *job = item (jobs, i);
          /* Default order: published rank. */
          g_assert_cmpint (repere_job_get_rank (job), ==, (int) i + 1);
          g_assert_cmpfloat (repere_job_get_score (job), >=, 0.0);
          g_assert_cmpfloat (repere_job_get_score (job), <=, 1.0);
          g_assert_nonnull (repere_job_get_classification_id (job));
          g_assert_true (g_hash_table_add (seen, (gpointer) repere_job_get_id (job)));
        }
    }
}

/* Jobs per published class in each ranking table, counted in the tables
 * themselves (Annexe 1.1, 3.2.2.1 Figure 1, 3.2.2.2 Figure 1); the
 * /study/text/ranking test checks every row against the study text.
 * The prose of 3.2.2.1 and 3.2.2.2 gives the same counts (6 / 33 / 8 / 11 and
 * 10 / 30 / 8 / 10); Annexe 1 has no prose count. Note that in the 3.2.2.1
 * table "Médecin d'assistance" is printed "En évolution" and "Manager de
 * proximité d'assistance" "Non impacté", the reverse of Figure 2: the totals
 * agree either way, and the tables are what is checked here. */
static const struct
{
  const char *assessment;
  guint emergent, strong, evolving, not_impacted;
} class_counts[] = {
  { "pwc-initial", 8, 7, 32, 11 },
  { "pwc-revised", 8, 6, 33, 11 },
  { "experts", 8, 10, 30, 10 },
};

static void
test_classes (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (class_counts); a++)
    {
      RepereJobFilter filter = { .assessment = class_counts[a].assessment };
      g_autoptr (GListStore) jobs = list_jobs (study_db, &filter);
      const char *ids[] = { "emergent", "strong-transformation", "evolving", "not-impacted" };
      guint expected[] = { class_counts[a].emergent, class_counts[a].strong, class_counts[a].evolving,
                           class_counts[a].not_impacted };
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) overview = repere_db_family_overview (study_db, class_counts[a].assessment,
                                                                   &error);
      guint per_class[4] = { 0 };
      guint jobs_total = 0;
      guint core_total = 0;

      g_test_message ("%s", class_counts[a].assessment);
      g_assert_cmpuint (expected[0] + expected[1] + expected[2] + expected[3], ==, 58);
      for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
        {
          g_autoptr (GListStore) filtered = NULL;

          g_assert_cmpuint (count_class (jobs, ids[c]), ==, expected[c]);
          /* The classification filter agrees. */
          filter.classification = ids[c];
          filtered = list_jobs (study_db, &filter);
          g_assert_cmpuint (n_items (filtered), ==, expected[c]);
          g_assert_cmpuint (count_class (filtered, ids[c]), ==, expected[c]);
          filter.classification = NULL;
        }

      /* The family overview adds up to the same counts. */
      g_assert_no_error (error);
      g_assert_cmpuint (overview->len, ==, 13);
      for (guint f = 0; f < overview->len; f++)
        {
          RepereFamilySummary *family = g_ptr_array_index (overview, f);
          g_assert_cmpint (family->jobs, ==, jobs_per_family[f]);
          g_assert_cmpuint (family->job_names->len, ==, jobs_per_family[f]);
          jobs_total += family->jobs;
          core_total += family->core_jobs;
          for (guint c = 0; c < 4; c++)
            per_class[c] += family->per_class[c];
        }
      g_assert_cmpuint (jobs_total, ==, 58);
      g_assert_cmpuint (core_total, ==, 10);
      for (guint c = 0; c < 4; c++)
        g_assert_cmpuint (per_class[c], ==, expected[c]);
    }
}

static void
test_filters (void)
{
  RepereJobFilter filter = { .family = "07" };
  g_autoptr (GListStore) family = list_jobs (study_db, &filter);
  RepereJobFilter by_name = { .assessment = "experts", .classification = "Non impacté" };
  RepereJobFilter by_prefix = { .assessment = "experts", .classification = "NON IMPACTE OU" };
  RepereJobFilter by_id = { .assessment = "experts", .classification = "not-impacted" };
  g_autoptr (GListStore) jobs_by_name = list_jobs (study_db, &by_name);
  g_autoptr (GListStore) jobs_by_prefix = list_jobs (study_db, &by_prefix);
  g_autoptr (GListStore) jobs_by_id = list_jobs (study_db, &by_id);
  g_autofree char *ids_by_name = job_ids (jobs_by_name);
  g_autofree char *ids_by_prefix = job_ids (jobs_by_prefix);
  g_autofree char *ids_by_id = job_ids (jobs_by_id);
  RepereJobFilter combined = { .family = "01", .core_only = TRUE, .classification = "evolving",
                               .assessment = "pwc-revised" };
  g_autoptr (GListStore) combined_jobs = list_jobs (study_db, &combined);
  RepereJobFilter all = { .assessment = "pwc-revised" };
  g_autoptr (GListStore) all_jobs = list_jobs (study_db, &all);
  guint expected_combined = 0;

  g_assert_cmpuint (n_items (family), ==, 9);
  g_assert_cmpstr (ids_by_name, ==, ids_by_id);
  g_assert_cmpstr (ids_by_prefix, ==, ids_by_id);
  g_assert_cmpuint (n_items (jobs_by_id), >, 0);

  /* Filters combine: count by hand over the unfiltered list. */
  for (guint i = 0; i < n_items (all_jobs); i++)
    {
      RepereJob *job = item (all_jobs, i);
      if (g_str_equal (repere_job_get_family_code (job), "01") && repere_job_get_core (job)
          && g_strcmp0 (repere_job_get_classification_id (job), "evolving") == 0)
        expected_combined++;
    }
  g_assert_cmpuint (expected_combined, >, 0);
  g_assert_cmpuint (n_items (combined_jobs), ==, expected_combined);
}

/* repere_db_resolve_classification(): ids, names, and the prefixes that
 * repere-db.h documents. */
static void
test_classification_names (void)
{
  static const struct
  {
    const char *text;
    const char *id;
  } names[] = {
    { "evolving", "evolving" },
    { "En évolution", "evolving" },
    { "EN EVOLUTION", "evolving" },
    { "en evol", "evolving" },
    { "Non impacté", "not-impacted" },
    { "Non impacté ou de manière négligeable", "not-impacted" },
    { "En forte", "strong-transformation" },
    { "emergent", "emergent" },
    { "Émergent", "emergent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = NULL;
      g_test_message ("%s", names[i].text);
      g_assert_true (repere_db_resolve_classification (study_db, names[i].text, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, names[i].id);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *id = NULL;
    g_assert_false (repere_db_resolve_classification (study_db, "en", &id, &error));
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_AMBIGUOUS);
  }
  {
    /* RepereJobFilter's documentation gives "evol" as an example. */
    g_autoptr (GError) error = NULL;
    g_autofree char *id = NULL;
    g_assert_true (repere_db_resolve_classification (study_db, "evol", &id, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (id, ==, "evolving");
  }
}

static void
test_filter_errors (void)
{
  static const RepereJobFilter filters[] = {
    { .assessment = "no-such-assessment" },
    { .family = "99" },
    { .family = "1a" },
    { .classification = "wonderful" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListStore) jobs = repere_db_list_jobs (study_db, &filters[i], &error);
      g_assert_null (jobs);
      g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
    }
}

static void
test_sort (void)
{
  RepereJobFilter filter = { .assessment = "experts", .sort = REPERE_SORT_SCORE };
  g_autoptr (GListStore) by_score = list_jobs (study_db, &filter);
  g_autoptr (GListStore) by_score_asc = NULL;
  g_autoptr (GListStore) by_name = NULL;

  /* High scores first, ties by rank. */
  g_assert_cmpuint (n_items (by_score), ==, 58);
  for (guint i = 1; i < n_items (by_score); i++)
    {
      RepereJob *a = item (by_score, i - 1);
      RepereJob *b = item (by_score, i);
      g_assert_cmpfloat (repere_job_get_score (a), >=, repere_job_get_score (b));
      if (repere_job_get_score (a) == repere_job_get_score (b))
        g_assert_cmpint (repere_job_get_rank (a), <, repere_job_get_rank (b));
    }
  filter.descending = TRUE;
  by_score_asc = list_jobs (study_db, &filter);
  g_assert_cmpfloat (repere_job_get_score (item (by_score_asc, 0)), ==,
                     repere_job_get_score (item (by_score, 57)));
  g_assert_cmpfloat (repere_job_get_score (item (by_score_asc, 57)), ==,
                     repere_job_get_score (item (by_score, 0)));

  filter.sort = REPERE_SORT_JOB;
  filter.descending = FALSE;
  by_name = list_jobs (study_db, &filter);
  for (guint i = 1; i < n_items (by_name); i++)
    {
      g_autofree char *a = repere_text_fold (repere_job_get_name (item (by_name, i - 1)));
      g_autofree char *b = repere_text_fold (repere_job_get_name (item (by_name, i)));
      g_assert_cmpint (g_utf8_collate (a, b), <=, 0);
    }
}

static void
test_search (void)
{
  static const char *const spellings[] = { "MÉDECIN", "médecin", "Medecin", "mèdecin" };
  RepereJobFilter filter = { .search = "medecin" };
  g_autoptr (GListStore) plain = list_jobs (study_db, &filter);
  g_autofree char *plain_ids = job_ids (plain);
  RepereJobFilter two_words = { .search = "médecin assistance" };
  g_autoptr (GListStore) both = list_jobs (study_db, &two_words);
  RepereJobFilter prefix = { .search = "méd" };
  g_autoptr (GListStore) prefixed = list_jobs (study_db, &prefix);
  RepereJobFilter nothing = { .search = "zzyzzyx" };
  g_autoptr (GListStore) none = list_jobs (study_db, &nothing);

  g_assert_true (store_has_job (plain, "medecin-d-assistance"));
  g_assert_cmpuint (n_items (plain), <, 58);
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      RepereJobFilter other = { .search = spellings[i] };
      g_autoptr (GListStore) jobs = list_jobs (study_db, &other);
      g_autofree char *ids = job_ids (jobs);
      g_test_message ("%s: %s", spellings[i], ids);
      g_assert_cmpstr (ids, ==, plain_ids);
    }
  g_assert_true (store_has_job (both, "medecin-d-assistance"));
  g_assert_cmpuint (n_items (both), <=, n_items (plain));
  /* Words are prefixes. */
  g_assert_true (store_has_job (prefixed, "medecin-d-assistance"));
  g_assert_cmpuint (n_items (prefixed), >=, n_items (plain));
  g_assert_cmpuint (n_items (none), ==, 0);
}

static void
test_find_job (void)
{
  static const struct
  {
    const char *query;
    const char *id;
  } found[] = {
    { "medecin-d-assistance", "medecin-d-assistance" },
    { "Médecin d'assistance", "medecin-d-assistance" },
    { "medecin d’assistance", "medecin-d-assistance" },
    { "  MÉDECIN   D'ASSISTANCE ", "medecin-d-assistance" },
    { "Médecin assistance", "medecin-d-assistance" },
    { "Infirmier assistance", "infirmier-d-assistance" },
    { "Gestionnaire de réseaux prestataires", "gestionnaire-de-reseau-prestataires" },
    { "cybersécurité", "specialiste-cybersecurite" },
    /* An exact name wins over the longer names it is a part of. */
    { "Manager de proximité", "manager-de-proximite" },
  };
  static const char *const ambiguous[] = { "Chargé", "charge", "MANAGER" };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = repere_db_find_job (study_db, found[i].query, &error);
      g_test_message ("%s", found[i].query);
      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, found[i].id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ambiguous); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = repere_db_find_job (study_db, ambiguous[i], &error);
      g_test_message ("%s", ambiguous[i]);
      g_assert_null (id);
      g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_AMBIGUOUS);
      /* The message names the candidates. */
      g_assert_nonnull (strstr (error->message, "-"));
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *id = repere_db_find_job (study_db, "nosuchjob", &error);
    g_assert_null (id);
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "nosuchjob"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RepereJobDetail) detail = repere_db_get_job (study_db, "nosuchjob", &error);
    g_assert_null (detail);
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
  }
}

static void
test_job_detail (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereJobDetail) detail = repere_db_get_job (study_db, "medecin-d-assistance", &error);
  g_autoptr (GPtrArray) list = repere_db_list_assessments (study_db, &error);
  gboolean shared = FALSE;

  g_assert_no_error (error);
  g_assert_true (detail->core);
  g_assert_cmpstr (detail->family_code, ==, "02");
  g_assert_cmpstr (detail->description, !=, "");
  g_assert_cmpuint (detail->results->len, ==, list->len);
  for (guint i = 0; i < detail->results->len; i++)
    {
      RepereJobResult *result = g_ptr_array_index (detail->results, i);
      RepereRef *assessment = g_ptr_array_index (list, i);
      g_assert_cmpstr (result->assessment_id, ==, assessment->id);
      g_assert_cmpint (result->rank, >=, 1);
      g_assert_true (result->has_counts);
    }
  g_assert_cmpuint (detail->use_cases->len, >, 0);
  for (guint i = 0; i < detail->use_cases->len; i++)
    {
      RepereUseCase *use_case = g_ptr_array_index (detail->use_cases, i);
      g_assert_true (use_case->priority >= 0 && use_case->priority <= 3);
      g_assert_true ((use_case->priority == 0) == g_str_equal (use_case->origin, "observatoire"));
      for (guint s = 0; s < use_case->shared_with->len; s++)
        if (g_str_equal (g_ptr_array_index (use_case->shared_with, s), "Infirmier d’assistance"))
          shared = TRUE;
    }
  /* 4.2.4: "Cas d'usage partagés avec le métier 'Infirmier d'assistance'". */
  g_assert_true (shared);
}

/* Rows of a query, one "a|b|c" string per row, joined with ";". */
static char *
query_rows (sqlite3 *db, const char *sql)
{
  g_autoptr (GString) rows = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (rows->len)
        g_string_append_c (rows, ';');
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (rows, "%s%s", c ? "|" : "", sqlite3_column_text (stmt, c));
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

/* The disagreements between the study's own figures that docs/study-data.md
 * lists ("Where the published figures disagree"), found in the bundled data
 * by these queries: exactly those, no more. */
static void
test_disagreements (void)
{
  sqlite3 *db = repere_db_get_handle (study_db);
  g_autofree char *figure = query_rows (
      db, "SELECT r.assessment_id, r.job_id, r.classification_id, f.classification_id"
          "  FROM published_result r JOIN figure_classification f USING (assessment_id, job_id)"
          " WHERE f.classification_id <> r.classification_id ORDER BY 1, 2");
  g_autofree char *sums = query_rows (
      db, "SELECT assessment_id, job_id, competencies, n1 + n2 + n3 + n4 + n5 FROM level_count"
          " WHERE n1 + n2 + n3 + n4 + n5 <> competencies ORDER BY 1, 2");
  g_autofree char *scores = query_rows (
      db, "SELECT l.assessment_id, l.job_id, printf ('%.2f', l.score), printf ('%.2f', r.score)"
          "  FROM level_count l JOIN published_result r USING (assessment_id, job_id)"
          " WHERE abs (l.score - r.score) > 0.001 ORDER BY 1, 2");
  g_autofree char *figure_evolving = query_rows (
      db, "SELECT assessment_id, count (*) FROM figure_classification"
          " WHERE classification_id IN ('evolving', 'not-impacted')"
          " GROUP BY assessment_id, classification_id ORDER BY 1, classification_id");

  /* Ranking table vs. classification figure. */
  g_assert_cmpstr (figure, ==,
                   "experts|manager-de-proximite-d-assistance|not-impacted|evolving;"
                   "pwc-revised|manager-de-proximite-d-assistance|not-impacted|evolving;"
                   "pwc-revised|medecin-d-assistance|evolving|not-impacted");
  /* Counts vs. competencies. */
  g_assert_cmpstr (sums, ==, "experts|medecin-d-assistance|19|17");
  /* Fiche vs. table. */
  g_assert_cmpstr (scores, ==,
                   "experts|assistant-administratif-de-plateaux|0.60|0.58;"
                   "pwc-revised|charge-d-assistance|0.38|0.30");
  /* Figure 2 of 3.2.2.2 lists 31 En évolution and 9 Non impacté. */
  g_assert_cmpstr (figure_evolving, ==,
                   "experts|31;experts|9;pwc-initial|32;pwc-initial|11;pwc-revised|33;pwc-revised|11");
}

static void
test_reopen (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "repere.db", NULL);
  g_autofree char *sub = g_path_get_dirname (path);
  static const char *const tables[] = { "job", "published_result", "level_count", "use_case",
                                        "job_use_case", "job_alias", "import_file", "import_batch",
                                        "job_search" };
  gint64 counts[G_N_ELEMENTS (tables)];

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (GError) error = NULL;
      /* The folder is created on first open. */
      g_autoptr (RepereDb) db = repere_db_open (path, &error);
      sqlite3 *handle;

      g_assert_no_error (error);
      g_assert_nonnull (db);
      handle = repere_db_get_handle (db);
      g_assert_cmpint (repere_db_get_schema_version (db), ==, REPERE_DB_SCHEMA_VERSION);
      g_assert_cmpint (repere_test_query_int (handle, "SELECT count(*) FROM import_batch WHERE kind = 'study'", NULL), ==, 1);
      g_assert_cmpint (repere_test_query_int (handle, "SELECT count(*) FROM import_batch WHERE finished_at IS NULL", NULL), ==, 0);
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          gint64 n = table_count (handle, tables[t]);
          g_assert_cmpint (n, >, 0);
          if (round == 0)
            counts[t] = n;
          else
            g_assert_cmpint (n, ==, counts[t]);
        }
    }
  g_assert_cmpint (counts[0], ==, 58);
  repere_test_remove_dir (sub);
  repere_test_remove_dir (dir);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
test_not_repere (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GBytes) text_before = NULL;
  g_autoptr (GBytes) text_after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  g_autofree char *name = g_strdup_printf ("t%08x", g_random_int ());
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE %s (x INTEGER, y TEXT);"
                                          "INSERT INTO %s VALUES (%d, 'kept');",
                                          name, name, g_random_int_range (1, 1000000));
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  before = read_bytes (path);

  db = repere_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Nothing was created in it, and its data is intact. */
  g_assert_cmpint (sqlite3_open_v2 (path, &other, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (repere_test_query_int (other, "SELECT count(*) FROM sqlite_schema", NULL), ==, 1);
  g_assert_cmpint (repere_test_query_int (other, "PRAGMA user_version", NULL), ==, 0);
  g_assert_cmpint (table_count (other, name), ==, 1);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  after = read_bytes (path);
  /* The file is left byte for byte as it was (no WAL switch, no migration). */
  g_assert_true (g_bytes_equal (before, after));

  /* A file that is not SQLite at all. */
  g_assert_true (g_file_set_contents (text_path, "jobs, families\nnot a database\n", -1, &error));
  text_before = read_bytes (text_path);
  db = repere_db_open (text_path, &error);
  g_assert_null (db);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN);
  text_after = read_bytes (text_path);
  g_assert_true (g_bytes_equal (text_before, text_after));

  repere_test_remove_dir (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", REPERE_DB_SCHEMA_VERSION + 1);
  RepereDb *db = repere_db_open (path, &error);
  sqlite3 *handle;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (repere_db_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_object_unref (db);

  db = repere_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_TOO_NEW);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (repere_test_query_int (handle, "PRAGMA user_version", NULL), ==, REPERE_DB_SCHEMA_VERSION + 1);
  g_assert_cmpint (table_count (handle, "job"), ==, 58);
  sqlite3_close (handle);
  repere_test_remove_dir (dir);
}

/* The study text */

typedef struct
{
  char *contents;
  char **lines;
  guint n_lines;
} StudyText;

static void
study_text_free (StudyText *text)
{
  g_free (text->contents);
  g_strfreev (text->lines);
  g_free (text);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudyText, study_text_free)

/* Loads REPERE_STUDY_TEXT, or skips the test. */
static StudyText *
study_text_load (void)
{
  const char *path = g_getenv ("REPERE_STUDY_TEXT");
  g_autoptr (GError) error = NULL;
  StudyText *text;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf ("study text not found (REPERE_STUDY_TEXT=%s)",
                                                  path ? path : "unset");
      g_test_skip (message);
      return NULL;
    }
  text = g_new0 (StudyText, 1);
  g_assert_true (g_file_get_contents (path, &text->contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text->contents, -1, NULL));
  text->lines = g_strsplit (text->contents, "\n", -1);
  text->n_lines = g_strv_length (text->lines);
  for (guint i = 0; i < text->n_lines; i++)
    g_strchomp (text->lines[i]);
  return text;
}

/* Fold, then drop all white space: "Synthèse de support / document" and
 * "Synthese de support/document" compare equal. */
static char *
title_key (const char *title)
{
  g_autofree char *folded = repere_text_fold (title);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (*p != ' ')
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

static char *
strip_tags (const char *html)
{
  GString *text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (text, *p);
    }
  return g_strstrip (g_string_free (text, FALSE));
}

static double
parse_score (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strstrip (g_strdup (text)), ",", '.');
  char *end = NULL;
  double value = g_ascii_strtod (copy, &end);

  if (end == copy || *end != '\0')
    g_error ("not a score: “%s”", text);
  return value;
}

static int
parse_int (const char *text)
{
  gint64 value = 0;
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (!g_ascii_string_to_signed (copy, 10, 0, G_MAXINT, &value, &error))
    g_error ("not a number: “%s”", text);
  return (int) value;
}

/* The class a printed, possibly truncated cell means: the one class whose
 * folded name starts with the folded cell, or, when the cell's last word is
 * cut ("Non impacté ou de manière r"), with the cell without it. */
static const char *
printed_class_id (GPtrArray *classes, const char *printed)
{
  g_autofree char *cell = repere_text_fold (printed);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      const char *found = NULL;
      guint matches = 0;

      for (guint c = 0; c < classes->len; c++)
        {
          RepereRef *class = g_ptr_array_index (classes, c);
          g_autofree char *name = repere_text_fold (class->name);
          if (*cell && g_str_has_prefix (name, cell))
            {
              found = class->id;
              matches++;
            }
        }
      if (matches == 1)
        return found;
      if (attempt == 0)
        {
          char *space = strrchr (cell, ' ');
          if (space == NULL)
            break;
          *space = '\0';
        }
    }
  g_error ("printed class “%s” matches no single class", printed);
  return NULL;
}

/* The printed job name is the job's name, a truncation of it, or one of the
 * study's other spellings. */
static gboolean
printed_name_matches (const RepereJobDetail *detail, const char *printed)
{
  g_autofree char *cell = repere_text_fold (printed);
  g_autofree char *name = repere_text_fold (detail->name);

  if (*cell == '\0')
    return FALSE;
  if (g_str_equal (cell, name) || g_str_has_prefix (name, cell))
    return TRUE;
  for (guint i = 0; i < detail->aliases->len; i++)
    {
      g_autofree char *alias = repere_text_fold (g_ptr_array_index (detail->aliases, i));
      if (g_str_equal (cell, alias))
        return TRUE;
    }
  return FALSE;
}

/* Index of the first line after @from that starts with @prefix, or -1. */
static int
find_line (const StudyText *text, guint from, const char *prefix)
{
  for (guint i = from; i < text->n_lines; i++)
    if (g_str_has_prefix (text->lines[i], prefix))
      return (int) i;
  return -1;
}

/* Line of the header of the ranking table of @assessment. */
static int
ranking_table (const StudyText *text, const char *assessment)
{
  int start = -1;

  for (guint i = 0; i < text->n_lines && start < 0; i++)
    {
      const char *line = text->lines[i];
      if (g_str_equal (assessment, "pwc-initial") && g_str_has_prefix (line, "### Annexe 1.1 "))
        start = (int) i;
      else if (g_str_has_prefix (line, "Figure 1 - Tableau consolidé"))
        {
          /* The source may continue on the next line. */
          g_autofree char *caption = g_strconcat (line, " ", i + 1 < text->n_lines ? text->lines[i + 1] : "",
                                                  NULL);
          if (g_str_equal (assessment, "pwc-revised") && strstr (caption, "(PwC)"))
            start = (int) i;
          if (g_str_equal (assessment, "experts") && strstr (caption, "(Experts métier Assistance)"))
            start = (int) i;
        }
    }
  g_assert_cmpint (start, >=, 0);
  return find_line (text, start, "FAMILLE METIER");
}

static void
test_text_ranking (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) classes = NULL;

  if (text == NULL)
    return;
  classes = repere_db_list_classifications (study_db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (classes->len, ==, 4);

  for (guint a = 0; a < G_N_ELEMENTS (assessments); a++)
    {
      RepereJobFilter filter = { .assessment = assessments[a], .sort = REPERE_SORT_RANK };
      g_autoptr (GListStore) jobs = list_jobs (study_db, &filter);
      int header = ranking_table (text, assessments[a]);
      guint row = 0;

      g_test_message ("%s: table at line %d", assessments[a], header + 1);
      g_assert_cmpint (header, >=, 0);
      for (guint l = header + 1; l < text->n_lines; l++, row++)
        {
          g_auto (GStrv) cells = g_strsplit (text->lines[l], "\t", -1);
          g_autoptr (RepereJobDetail) detail = NULL;
          g_autofree char *family = NULL;
          RepereJob *job;
          int rank;

          if (g_strv_length (cells) < 6)
            break;
          g_assert_cmpuint (row, <, n_items (jobs));
          job = item (jobs, row);
          rank = parse_int (cells[4]);
          g_test_message ("%s #%d %s → %s", assessments[a], rank, cells[1], repere_job_get_id (job));
          g_assert_cmpint (rank, ==, (int) row + 1);
          g_assert_cmpint (repere_job_get_rank (job), ==, rank);
          g_assert_cmpfloat_with_epsilon (repere_job_get_score (job), parse_score (cells[3]), 0.001);
          g_assert_true (g_str_equal (cells[2], "Oui") || g_str_equal (cells[2], "Non"));
          g_assert_cmpint (repere_job_get_core (job), ==, g_str_equal (cells[2], "Oui"));
          family = g_strndup (cells[0], 2);
          g_assert_cmpstr (repere_job_get_family_code (job), ==, family);
          detail = repere_db_get_job (study_db, repere_job_get_id (job), &error);
          g_assert_no_error (error);
          if (!printed_name_matches (detail, cells[1]))
            g_error ("%s rank %d: printed “%s”, job “%s”", assessments[a], rank, cells[1], detail->name);
          g_assert_cmpstr (repere_job_get_classification_id (job), ==, printed_class_id (classes, cells[5]));
        }
      g_assert_cmpuint (row, ==, 58);
      g_assert_cmpuint (n_items (jobs), ==, 58);
    }
}

typedef struct
{
  int number;     /* N of "## 4.2.N." */
  char *name;     /* heading */
  guint start;    /* heading line */
  guint end;      /* next heading line */
} Fiche;

static void
fiche_free (Fiche *fiche)
{
  g_free (fiche->name);
  g_free (fiche);
}

/* The fiches of section 4.2, in order. */
static GPtrArray *
list_fiches (const StudyText *text)
{
  g_autoptr (GRegex) heading = g_regex_new ("^## 4\\.2\\.(\\d+)\\. (.+)$", 0, 0, NULL);
  GPtrArray *fiches = g_ptr_array_new_with_free_func ((GDestroyNotify) fiche_free);

  for (guint i = 0; i < text->n_lines; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      if (fiches->len > 0 && (g_str_has_prefix (text->lines[i], "## 4.3") ||
                              g_regex_match (heading, text->lines[i], 0, NULL)))
        {
          Fiche *last = g_ptr_array_index (fiches, fiches->len - 1);
          if (last->end == 0)
            last->end = i;
        }
      if (g_regex_match (heading, text->lines[i], 0, &match))
        {
          Fiche *fiche = g_new0 (Fiche, 1);
          g_autofree char *number = g_match_info_fetch (match, 1);
          fiche->number = parse_int (number);
          fiche->name = g_strstrip (g_match_info_fetch (match, 2));
          fiche->start = i;
          g_ptr_array_add (fiches, fiche);
        }
    }
  g_assert_cmpuint (fiches->len, ==, 10);
  for (guint f = 0; f < fiches->len; f++)
    {
      Fiche *fiche = g_ptr_array_index (fiches, f);
      g_assert_cmpint (fiche->number, ==, (int) f + 1);
      g_assert_cmpuint (fiche->end, >, fiche->start);
    }
  return fiches;
}

static char *
fiche_job (const Fiche *fiche)
{
  g_autoptr (GError) error = NULL;
  char *id = repere_db_find_job (study_db, fiche->name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static RepereJobResult *
find_result (RepereJobDetail *detail, const char *assessment)
{
  for (guint i = 0; i < detail->results->len; i++)
    {
      RepereJobResult *result = g_ptr_array_index (detail->results, i);
      if (g_str_equal (result->assessment_id, assessment))
        return result;
    }
  g_error ("%s has no result for %s", detail->id, assessment);
  return NULL;
}

static void
test_text_level_counts (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GPtrArray) fiches = NULL;
  g_autoptr (GRegex) competencies = g_regex_new ("(\\d+) compétences (analysées|retenues)", 0, 0, NULL);
  g_autoptr (GHashTable) jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RepereJobFilter core = { .core_only = TRUE };
  g_autoptr (GListStore) core_jobs = NULL;
  guint n_tables = 0;

  if (text == NULL)
    return;
  fiches = list_fiches (text);
  for (guint f = 0; f < fiches->len; f++)
    {
      Fiche *fiche = g_ptr_array_index (fiches, f);
      g_autofree char *id = fiche_job (fiche);
      g_autoptr (GError) error = NULL;
      g_autoptr (RepereJobDetail) detail = repere_db_get_job (study_db, id, &error);
      guint table = 0;
      int n_competencies = -1;

      g_assert_no_error (error);
      g_test_message ("4.2.%d %s → %s", fiche->number, fiche->name, id);
      g_assert_true (detail->core);
      g_assert_true (g_hash_table_add (jobs, g_strdup (id)));
      for (guint l = fiche->start; l < fiche->end; l++)
        {
          g_autoptr (GMatchInfo) match = NULL;
          g_auto (GStrv) cells = NULL;
          RepereJobResult *result;
          guint data = l + 1;

          if (g_regex_match (competencies, text->lines[l], 0, &match))
            {
              g_autofree char *number = g_match_info_fetch (match, 1);
              n_competencies = parse_int (number);
            }
          if (!g_str_has_prefix (text->lines[l], "SCORE EXPOSITION\t"))
            continue;
          while (data < fiche->end && *text->lines[data] == '\0')
            data++;
          cells = g_strsplit (text->lines[data], "\t", -1);
          g_assert_cmpuint (g_strv_length (cells), >=, 7);
          g_assert_cmpuint (table, <, G_N_ELEMENTS (assessments));
          g_assert_cmpint (n_competencies, >=, 0);

          result = find_result (detail, assessments[table]);
          g_test_message ("  %s: %s (%d competencies)", assessments[table], text->lines[data], n_competencies);
          g_assert_true (result->has_counts);
          g_assert_cmpint (result->competencies, ==, n_competencies);
          for (guint level = 0; level < 5; level++)
            g_assert_cmpint (result->counts[level], ==, parse_int (cells[1 + level]));
          g_assert_cmpfloat_with_epsilon (result->fiche_score, parse_score (cells[0]), 0.001);
          {
            g_autofree char *printed = repere_text_fold (cells[6]);
            g_autofree char *stored = repere_text_fold (result->fiche_classification_name);
            g_assert_cmpstr (stored, ==, printed);
          }
          n_competencies = -1;
          table++;
          n_tables++;
        }
      g_assert_cmpuint (table, ==, G_N_ELEMENTS (assessments));
    }
  g_assert_cmpuint (n_tables, ==, 30);
  g_assert_cmpint (table_count (repere_db_get_handle (study_db), "level_count"), ==, 30);

  /* The ten fiches are the ten core jobs. */
  core_jobs = list_jobs (study_db, &core);
  g_assert_cmpuint (g_hash_table_size (jobs), ==, n_items (core_jobs));
  for (guint i = 0; i < n_items (core_jobs); i++)
    g_assert_true (g_hash_table_contains (jobs, repere_job_get_id (item (core_jobs, i))));
}

static void
test_text_use_cases (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GPtrArray) fiches = NULL;
  /* title key → (job id → TRUE): the fiches listing each use case */
  g_autoptr (GHashTable) listed_by = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GString) missing = g_string_new (NULL);
  sqlite3 *db = repere_db_get_handle (study_db);
  GHashTableIter iter;
  gpointer key, value;
  guint n_lines = 0;
  guint n_shared = 0;
  g_autofree char *meeting_key = title_key ("Synthèse de réunion");

  if (text == NULL)
    return;
  fiches = list_fiches (text);
  for (guint f = 0; f < fiches->len; f++)
    {
      Fiche *fiche = g_ptr_array_index (fiches, f);
      g_autofree char *id = fiche_job (fiche);
      g_autoptr (GError) error = NULL;
      g_autoptr (RepereJobDetail) detail = repere_db_get_job (study_db, id, &error);
      gboolean in_table = FALSE;
      guint fiche_lines = 0;

      g_assert_no_error (error);
      for (guint l = fiche->start; l < fiche->end; l++)
        {
          const char *line = text->lines[l];
          g_auto (GStrv) cells = NULL;
          g_autofree char *title = NULL;
          g_autofree char *wanted = NULL;
          gboolean found = FALSE;
          int priority;
          GHashTable *jobs;

          /* The use-case tables start with the header "\tCAS D'USAGE\tCOMMENTAIRE". */
          if (g_str_has_prefix (line, "\tCAS D"))
            in_table = TRUE;
          if (!in_table || line[0] < '1' || line[0] > '3' || line[1] != '\t')
            continue;
          cells = g_strsplit (line, "\t", -1);
          g_assert_cmpuint (g_strv_length (cells), >=, 2);
          priority = line[0] - '0';
          title = strip_tags (cells[1]);
          g_assert_cmpstr (title, !=, "");
          wanted = title_key (title);
          for (guint u = 0; u < detail->use_cases->len && !found; u++)
            {
              RepereUseCase *use_case = g_ptr_array_index (detail->use_cases, u);
              g_autofree char *have = title_key (use_case->title);
              found = use_case->priority == priority && g_str_equal (have, wanted);
            }
          if (!found)
            g_string_append_printf (missing, "4.2.%d %s: priority %d “%s”\n", fiche->number, id, priority,
                                    title);
          jobs = g_hash_table_lookup (listed_by, wanted);
          if (jobs == NULL)
            {
              jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_insert (listed_by, g_strdup (wanted), jobs);
            }
          g_hash_table_add (jobs, g_strdup (id));
          fiche_lines++;
        }
      g_test_message ("4.2.%d %s: %u use cases", fiche->number, id, fiche_lines);
      g_assert_cmpuint (fiche_lines, >, 0);
      n_lines += fiche_lines;
    }
  if (missing->len > 0)
    g_error ("use cases of the fiches missing from the database:\n%s", missing->str);
  g_assert_cmpuint (n_lines, >, 0);

  /* A use case several fiches list is one row, linked to each of them. */
  g_hash_table_iter_init (&iter, listed_by);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTable *jobs = value;
      sqlite3_stmt *stmt = NULL;
      g_autofree char *use_case = NULL;
      guint rows = 0;

      if (g_hash_table_size (jobs) < 2)
        continue;
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT id FROM use_case"
                                           " WHERE replace (repere_fold (title), ' ', '') = ?1",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          rows++;
          g_free (use_case);
          use_case = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_finalize (stmt);
      g_test_message ("shared by %u fiches: %s", g_hash_table_size (jobs), use_case);
      g_assert_cmpuint (rows, ==, 1);
      g_assert_cmpint (repere_test_query_int (db, "SELECT count(*) FROM use_case WHERE id = ?1", use_case), ==, 1);
      g_assert_cmpint (repere_test_query_int (db, "SELECT count(DISTINCT job_id) FROM job_use_case WHERE use_case_id = ?1",
                                  use_case),
                       ==, g_hash_table_size (jobs));
      n_shared++;
    }
  g_assert_cmpuint (n_shared, >, 0);

  /* "Synthèse de réunion" in particular: fiches 4.2.1, 4.2.2, 4.2.3, 4.2.8,
   * 4.2.9 and 4.2.10 list it. */
  {
    GHashTable *jobs = g_hash_table_lookup (listed_by, meeting_key);
    g_assert_nonnull (jobs);
    g_assert_cmpuint (g_hash_table_size (jobs), >=, 3);
    g_assert_cmpint (repere_test_query_int (db, "SELECT count(*) FROM use_case WHERE id = 'synthese-de-reunion'", NULL), ==, 1);
    g_assert_cmpint (repere_test_query_int (db, "SELECT count(*) FROM job_use_case WHERE use_case_id = 'synthese-de-reunion'",
                                NULL),
                     >=, 3);
  }
}

/* The rest of the study (schema/006-study.sql): the consultation (section
 * 2), passages, figures, fiche notes and roles, glossary, bibliography, 3.3,
 * 4.3.2, the classes' guidance, 3.2.2.2 Figure 3 and the figures the text of
 * 3.2.2.1 and 3.2.2.2 states. Each test reads the study text itself and
 * compares every value with what app/repere-study.c returns. */

/* The form texts are compared in: page rules and (unless @keep_notes)
 * footnote lines dropped, "<http…>" kept as the address, "<sup>n</sup>" and
 * other tags removed, '*' (markdown emphasis, the "\*" note marks) removed,
 * white space collapsed: a paragraph broken by a page break reads whole. */
static char *
clean_text (const char *raw, gboolean keep_notes)
{
  g_auto (GStrv) lines = g_strsplit (raw, "\n", -1);
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GRegex) url = g_regex_new ("<(https?://[^>]+)>", 0, 0, NULL);
  g_autoptr (GRegex) sup = g_regex_new ("<sup>[^<]*</sup>", 0, 0, NULL);
  g_autoptr (GRegex) tag = g_regex_new ("<[^>]*>", 0, 0, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  gboolean space = TRUE;

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));
      if (g_str_equal (stripped, "---") || (!keep_notes && g_str_has_prefix (stripped, "<sup>")))
        continue;
      g_string_append (joined, lines[i]);
      g_string_append_c (joined, '\n');
    }
  a = g_regex_replace (url, joined->str, -1, 0, "\\1", 0, NULL);
  b = g_regex_replace_literal (sup, a, -1, 0, "", 0, NULL);
  c = g_regex_replace_literal (tag, b, -1, 0, " ", 0, NULL);
  for (const char *p = c; *p; p++)
    {
      if (*p == '\\' && p[1] == '*')
        {
          p++;
          continue;
        }
      if (*p == '*')
        continue;
      if (g_ascii_isspace (*p))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_c (out, *p);
      space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The section number a heading line carries ("#### **3.2.1.2. Rappel…" →
 * "3.2.1.2"), or NULL. */
static char *
heading_number (const char *line)
{
  const char *p = line;
  const char *start;

  if (*p != '#')
    return NULL;
  while (*p == '#' || *p == ' ' || *p == '*')
    p++;
  start = p;
  while (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    p++;
  if (p == start || *p != '.')
    return NULL;
  return g_strndup (start, p - start);
}

/* Lines [start, end) of the section a row's `source` names: a numbered
 * section ("3.2.1.1", "4.2.4 Conclusion", "5 Axe 4" → 5) up to the next
 * section that is not inside it, or one of the unnumbered parts. */
static void
section_range (const StudyText *text, const char *source, guint *start, guint *end)
{
  static const struct
  {
    const char *source, *heading;
  } named[] = {
    { "Glossaire", "## Glossaire" },
    { "Bibliographie", "## Bibliographie" },
  };
  g_autofree char *number = g_strndup (source, strcspn (source, " "));
  g_autofree char *prefix = g_strconcat (number, ".", NULL);

  *start = *end = 0;
  for (guint n = 0; n < G_N_ELEMENTS (named); n++)
    if (g_str_equal (source, named[n].source))
      {
        int line = find_line (text, 0, named[n].heading);
        g_assert_cmpint (line, >=, 0);
        *start = (guint) line;
        for (*end = *start + 1; *end < text->n_lines; (*end)++)
          if (g_str_has_prefix (text->lines[*end], "## ") || g_str_has_prefix (text->lines[*end], "# "))
            break;
        return;
      }
  for (guint l = 0; l < text->n_lines; l++)
    {
      g_autofree char *found = heading_number (text->lines[l]);
      if (found && g_str_equal (found, number))
        {
          *start = l;
          break;
        }
    }
  if (!g_ascii_isdigit (*source) || *start == 0)
    g_error ("no section for source “%s”", source);
  for (*end = *start + 1; *end < text->n_lines; (*end)++)
    {
      const char *line = text->lines[*end];
      g_autofree char *found = heading_number (line);

      if (g_str_has_prefix (line, "# "))
        break;
      if (found && !g_str_has_prefix (found, prefix))
        break;
    }
}

static char *
section_raw (const StudyText *text, const char *source)
{
  guint start, end;
  g_autoptr (GString) raw = g_string_new (NULL);

  section_range (text, source, &start, &end);
  for (guint l = start; l < end; l++)
    g_string_append_printf (raw, "%s\n", text->lines[l]);
  return g_string_free (g_steal_pointer (&raw), FALSE);
}

static char *
section_clean (const StudyText *text, const char *source, gboolean keep_notes)
{
  g_autofree char *raw = section_raw (text, source);
  return clean_text (raw, keep_notes);
}

static void
assert_in_section (const StudyText *text, const char *source, const char *needle, gboolean keep_notes)
{
  g_autofree char *section = section_clean (text, source, keep_notes);

  if (strstr (section, needle) == NULL)
    g_error ("not in section %s: “%s”", source, needle);
}

/* An item line ("- Foo ;", "1. Foo") without its mark and trailing " ;". */
static char *
item_text (const char *line)
{
  g_autofree char *clean = clean_text (line, TRUE);
  const char *p = clean;
  char *item;

  if (g_str_has_prefix (p, "- "))
    p += 2;
  item = g_strdup (p);
  if (g_str_has_suffix (item, " ;"))
    item[strlen (item) - 2] = '\0';
  else if (g_str_has_suffix (item, ";"))
    item[strlen (item) - 1] = '\0';
  return g_strstrip (item);
}

/* Passages: each as printed in its section, under its heading; the sections
 * transcribed whole have every line in a passage. */
static void
test_text_passages (void)
{
  static const struct
  {
    const char *part;
    guint n;
  } parts[] = {
    { "study", 14 },    { "sector", 13 },         { "survey", 24 },          { "method", 16 },
    { "exposure", 2 },  { "workshops", 12 },      { "implementation", 2 },   { "recommendations", 5 },
    { "conclusion", 8 },
  };
  /* Transcribed whole: every line but headings, footnotes and cross
   * references ("Voir section…") is in a passage of the section. */
  static const char *const whole[] = { "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "2.1.1", "2.1.2",
                                       "2.1.3", "2.1.4", "3.1.1", "3.1.2", "3.1.3", "6" };
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint total = 0;

  if (text == NULL)
    return;
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr (GError) error = NULL;
      GPtrArray *passages = repere_study_list_passages (study_db, parts[p].part, &error);

      g_assert_no_error (error);
      g_ptr_array_add (all, passages);
      g_test_message ("%s: %u passages", parts[p].part, passages->len);
      g_assert_cmpuint (passages->len, ==, parts[p].n);
      for (guint i = 0; i < passages->len; i++)
        {
          RepereStudyText *t = g_ptr_array_index (passages, i);
          gboolean note = g_str_equal (t->kind, "footnote");
          /* A footnote is printed at the foot of its page, maybe in the
           * next section: anywhere in the text. */
          g_autofree char *section = note ? clean_text (text->contents, TRUE)
                                          : section_clean (text, t->source, FALSE);
          g_autofree char *heading_section = section_clean (text, t->source, FALSE);
          g_autofree char *folded_section = repere_text_fold (heading_section);
          g_autofree char *folded_heading = repere_text_fold (t->title);

          g_assert_cmpint (t->position, ==, (int) i + 1);
          g_assert_true (g_str_equal (t->kind, "paragraph") || g_str_equal (t->kind, "item")
                         || g_str_equal (t->kind, "note") || note);
          if (strstr (section, t->text) == NULL)
            g_error ("%s %d not in %s: “%s”", parts[p].part, t->position, t->source, t->text);
          if (strstr (folded_section, folded_heading) == NULL)
            g_error ("%s %d: heading “%s” not in %s", parts[p].part, t->position, t->title, t->source);
        }
      total += passages->len;
    }
  g_assert_cmpint (table_count (repere_db_get_handle (study_db), "study_passage"), ==, total);

  for (guint w = 0; w < G_N_ELEMENTS (whole); w++)
    {
      guint start, end;

      section_range (text, whole[w], &start, &end);
      for (guint l = start + 1; l < end; l++)
        {
          const char *line = text->lines[l];
          g_autofree char *item = NULL;
          gboolean found = FALSE;

          if (*line == '#' || g_str_has_prefix (line, "<sup>") || g_str_has_prefix (line, "*Voir section")
              || g_str_equal (line, "---"))
            continue;
          item = item_text (line);
          if (*item == '\0')
            continue;
          for (guint p = 0; p < all->len && !found; p++)
            {
              GPtrArray *passages = g_ptr_array_index (all, p);
              for (guint i = 0; i < passages->len && !found; i++)
                {
                  RepereStudyText *t = g_ptr_array_index (passages, i);
                  found = g_str_has_prefix (t->source, whole[w]) && strstr (t->text, item) != NULL;
                }
            }
          if (!found)
            g_error ("line %u of %s is in no passage: “%s”", l + 1, whole[w], item);
        }
    }
}

/* "12 512" → 12512; "cinquantaine" → 50, "deux" → 2. */
static double
figure_number (const char *printed)
{
  static const struct
  {
    const char *word;
    double value;
  } words[] = { { "deux", 2 }, { "cinquantaine", 50 } };
  g_autoptr (GString) digits = g_string_new (NULL);

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    if (g_str_equal (printed, words[w].word))
      return words[w].value;
  for (const char *p = printed; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != ' ')
      g_error ("not a figure: “%s”", printed);
  {
    guint64 value = 0;
    g_assert_true (g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXUINT64, &value, NULL));
    return (double) value;
  }
}

/* Every figure of study_figure, read in its section by this test's own
 * pattern. */
static void
test_text_figures (void)
{
  static const struct
  {
    const char *id, *pattern, *qualifier;
  } figures[] = {
    { "study-duration", "durée de (\\d+) mois", "exact" },
    { "study-phases", "déclinée en (\\d+) phases", "exact" },
    { "study-objectives", "répond à (\\d+) objectifs principaux", "exact" },
    { "sector-staff", "([\\d ]+) collaborateurs en 2023", "exact" },
    { "sector-cdi-share", "dont (\\d+)% en CDI", "exact" },
    { "sector-companies", "(\\d+) entreprises représentant", "exact" },
    { "sector-companies-share", "représentant (\\d+)% de la profession", "exact" },
    { "sector-families", "(\\d+) familles métier, avec", "exact" },
    { "sector-operations-share", "\\((\\d+)% des effectifs globaux\\)", "exact" },
    { "sector-dossiers", "([\\d ]+) dossiers traités en 2023", "exact" },
    { "sector-dossiers-automobile-share", "dont (\\d+)% sur la partie Automobile", "exact" },
    { "sector-turnover", "([\\d ]+) de chiffre d'affaires cumulé", "exact" },
    { "sector-observatoire-created", "créé en (\\d{4})", "exact" },
    { "sector-jobs", "(\\d+) métiers de l'assistance sont référencés", "exact" },
    { "survey-respondents", "avec (\\d+) répondants", "exact" },
    { "survey-companies", "représentant (\\d+) entreprises de l'assistance", "exact" },
    { "survey-profiles", "(\\d+) profils métier principaux", "exact" },
    { "survey-roles", "plus de (\\d+) rôles", "more-than" },
    { "method-horizon", "à horizon (\\d+) ans", "exact" },
    { "method-levels", "échelle d'impact de (\\d+) niveaux", "exact" },
    { "method-classes", "(\\d+) grandes catégories de profils d'impact", "exact" },
    { "method-competencies-per-job-min", "\\((\\d+) à \\d+ compétences par métier\\)", "exact" },
    { "method-competencies-per-job-max", "\\(\\d+ à (\\d+) compétences par métier\\)", "exact" },
    { "method-competencies", "(\\d+) compétences uniques", "exact" },
    { "method-competency-lines", "Au total (\\d+) lignes compétences", "exact" },
    { "workshops-core-jobs", "(\\d+) métiers ont été identifiés par l'Observatoire", "exact" },
    { "workshops-representatives", "rassemblé (\\d+) représentants métier", "exact" },
    { "workshops-companies", "issus de (\\d+) entreprises", "exact" },
    { "workshops-levels-rerated", "Requalifier (\\d+) niveaux", "exact" },
    { "workshops-fiches", "\\((\\d+) fiches de transformation\\)", "exact" },
    { "workshops-horizon", "moyen-terme \\((\\d+) ans\\)", "exact" },
    { "dial-ia-months", "pendant (\\d+) mois", "exact" },
    { "dial-ia-participants", "une (cinquantaine) de participants", "about" },
    { "dial-ia-deliverables", "sur (deux) livrables", "exact" },
  };
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  if (text == NULL)
    return;
  rows = repere_study_list_figures (study_db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (figures));
  for (guint i = 0; i < rows->len; i++)
    {
      RepereStudyFigure *f = g_ptr_array_index (rows, i);
      g_autofree char *section = section_clean (text, f->source, FALSE);
      g_autoptr (GRegex) regex = NULL;
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *number = NULL;
      g_autofree char *formatted = repere_study_figure_format (f);
      guint k = G_N_ELEMENTS (figures);

      for (guint j = 0; j < G_N_ELEMENTS (figures); j++)
        if (g_str_equal (figures[j].id, f->id))
          k = j;
      g_test_message ("%s %s: %g (%s) “%s” → %s", f->source, f->id, f->value, f->unit, f->printed, formatted);
      g_assert_cmpuint (k, <, G_N_ELEMENTS (figures));
      g_assert_true (g_str_has_prefix (f->id, f->part));
      regex = g_regex_new (figures[k].pattern, 0, 0, NULL);
      if (!g_regex_match (regex, section, 0, &match))
        g_error ("%s: /%s/ not in %s", f->id, figures[k].pattern, f->source);
      number = g_match_info_fetch (match, 1);
      g_assert_cmpfloat (f->value, ==, figure_number (number));
      g_assert_cmpstr (f->qualifier, ==, figures[k].qualifier);
      if (strstr (section, f->printed) == NULL)
        g_error ("%s: “%s” not in %s", f->id, f->printed, f->source);
      if (g_str_equal (f->unit, "percent"))
        g_assert_nonnull (strstr (f->printed, "%"));
      g_assert_cmpstr (formatted, !=, "");
    }
}

/* The share of an option as the analysis prints it, by question (2.2.N)
 * and option: this test's own reading of the text. */
static const struct
{
  int question, option;
  const char *printed;
  double share;
  gboolean exact;
} survey_shares[] = {
  { 2, 1, "5 %", 5, TRUE },    /* "les TPE/PME … avec 5 % des répondants" */
  { 2, 2, "28 %", 28, TRUE },  /* "taille intermédiaire … (28 %)" */
  { 2, 3, "68 %", 68, TRUE },  /* "68 % … grandes entreprises" */
  { 3, 2, "45%", 45, TRUE },   /* "intérêt naissant" */
  { 3, 3, "35%", 35, TRUE },   /* "stratégie formelle en cours de définition" */
  { 3, 4, "11%", 11, TRUE },   /* "pleinement intégré" */
  { 4, 2, "58%", 58, TRUE },   /* "compréhension encore limitée" */
  { 4, 3, "34%", 34, TRUE },   /* "bonne compréhension à l'échelle de l'organisation" */
  { 5, 2, "Une première moitié de répondants", 50, FALSE }, /* "sans … feuille de route" */
  { 5, 3, "L'autre moitié des répondants", 50, FALSE },     /* "feuille de route … peu de transversalité" */
  { 6, 1, "23%", 23, TRUE },   /* "l'absence d'intégration" */
  { 6, 2, "68%", 68, TRUE },   /* "premières initiatives et pilotes" */
  { 6, 3, "9%", 9, TRUE },     /* "bonne intégration … nombre significatif" */
  { 7, 1, "38 %", 38, TRUE },  /* "pas encore intégrée" */
  { 7, 2, "La moitié des répondants", 50, FALSE }, /* "déploiement en cours pour des solutions standards" */
  { 7, 3, "13%", 13, TRUE },   /* "intégration plus poussée, incluant des pilotes" */
  { 8, 1, "18%", 18, TRUE },   /* "exclusivement des solutions disponibles sur le marché" */
  { 8, 2, "la moitié des répondants", 50, FALSE }, /* "L'approche hybride" */
  { 8, 3, "8%", 8, TRUE },     /* "« in-house »" */
  { 9, 1, "36%", 36, TRUE },   /* "aucune règles établies" */
  { 9, 2, "37%", 37, TRUE },   /* "majoritairement informelles" */
  { 9, 3, "18%", 18, TRUE },   /* "charte d'utilisation formelle … sans … obligation" */
  { 9, 4, "9%", 9, TRUE },     /* "charte approfondie … formation préalable obligatoire" */
  { 10, 1, "37%", 37, TRUE },  /* "aucun dispositif" */
  { 10, 2, "Un autre tiers", 33, FALSE }, /* "formations courtes … sensibilisation" */
  { 10, 3, "14%", 14, TRUE },  /* "formations basiques disponibles à la demande" */
  { 10, 4, "7%", 7, TRUE },    /* "programme de formation structuré" */
  { 10, 5, "Aucun répondant", 0, TRUE }, /* "parcours complet et intégré" */
};

/* The lines of a section between the line starting with @from (excluded)
 * and the next heading. */
static GPtrArray *
lines_after (const StudyText *text, guint start, guint end, const char *from, guint *next)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  guint l = start;

  while (l < end && !g_str_has_prefix (text->lines[l], from))
    l++;
  g_assert_cmpuint (l, <, end);
  for (l++; l < end && text->lines[l][0] != '#'; l++)
    {
      g_autofree char *line = g_strstrip (g_strdup (text->lines[l]));
      if (*line)
        g_ptr_array_add (lines, g_strdup (text->lines[l]));
    }
  if (next)
    *next = l;
  return lines;
}

/* Lines [from, to) of @lines as items, one a line (how the analyses,
 * "Pour aller plus loin" and "Le saviez-vous ?" are stored). */
static char *
join_items (GPtrArray *lines, guint from, guint to)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = from; i < to && i < lines->len; i++)
    {
      g_autofree char *item = item_text (g_ptr_array_index (lines, i));
      if (*item)
        g_string_append_printf (joined, "%s%s", joined->len ? "\n" : "", item);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The text of the heading line at @l: "### **Pour aller plus loin**" →
 * "Pour aller plus loin". */
static char *
heading_text (const char *line)
{
  const char *p = line;

  while (*p == '#' || *p == ' ')
    p++;
  return clean_text (p, FALSE);
}

/* The ten questions of section 2.2: theme, question, caption, options,
 * analysis, "Pour aller plus loin", "Le saviez-vous ?" and every share. */
static void
test_text_survey (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) questions = NULL;
  g_autoptr (GRegex) percent = g_regex_new ("\\d+ ?%", 0, 0, NULL);
  guint n_options = 0, n_shares = 0;

  if (text == NULL)
    return;
  questions = repere_study_list_survey (study_db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (questions->len, ==, 10);
  for (guint q = 0; q < questions->len; q++)
    {
      RepereSurveyQuestion *question = g_ptr_array_index (questions, q);
      g_autofree char *source = g_strdup_printf ("2.2.%u", q + 1);
      guint start, end, l, after_options;
      g_autofree char *heading = NULL;
      g_autofree char *number = NULL;
      g_autoptr (GPtrArray) options = NULL;
      g_autoptr (GPtrArray) finding = NULL;
      g_autofree char *analysis = NULL;
      g_autoptr (GMatchInfo) match = NULL;
      guint n_printed_percents = 0;

      g_test_message ("%s %s", source, question->id);
      g_assert_cmpint (question->position, ==, (int) q + 1);
      g_assert_cmpstr (question->source, ==, source);
      section_range (text, source, &start, &end);
      number = heading_number (text->lines[start]);
      heading = heading_text (text->lines[start] + strcspn (text->lines[start], "0123456789") + strlen (number) + 1);
      g_assert_cmpstr (question->theme, ==, heading);

      /* "**Question :** …" */
      for (l = start; l < end && !g_str_has_prefix (text->lines[l], "**Question :**"); l++)
        ;
      g_assert_cmpuint (l, <, end);
      {
        g_autofree char *line = clean_text (text->lines[l], FALSE);
        g_assert_true (g_str_has_prefix (line, "Question : "));
        g_assert_cmpstr (question->question, ==, line + strlen ("Question : "));
      }

      /* The caption and the options listed under it. */
      options = lines_after (text, l, end, "**Question :**", &after_options);
      g_assert_cmpuint (options->len, >=, 0);
      if (options->len > 0 && g_str_has_prefix (g_ptr_array_index (options, 0), "% de répondants"))
        {
          g_autofree char *caption = clean_text (g_ptr_array_index (options, 0), FALSE);
          g_assert_cmpstr (question->caption, ==, caption);
          g_ptr_array_remove_index (options, 0);
        }
      else
        g_assert_cmpstr (question->caption, ==, "");
      if (q >= 2)
        {
          g_assert_cmpuint (question->options->len, ==, options->len);
          for (guint o = 0; o < options->len; o++)
            {
              RepereSurveyOption *option = g_ptr_array_index (question->options, o);
              g_autofree char *item = item_text (g_ptr_array_index (options, o));
              g_assert_cmpstr (option->label, ==, item);
              g_assert_cmpint (option->position, ==, (int) o + 1);
              g_assert_cmpint (option->dont_know, ==, g_str_equal (item, "Je ne sais pas"));
            }
        }
      else
        g_assert_cmpuint (options->len, ==, 0);

      /* The analysis: the first heading after the options, its lines. */
      if (q == 0)
        {
          /* 2.2.1 prints no analysis; its options are the four profiles of
           * 2.1.2. */
          guint s2, e2, o = 0;
          g_assert_cmpstr (question->finding_title, ==, "");
          g_assert_cmpstr (question->finding, ==, "");
          section_range (text, "2.1.2", &s2, &e2);
          for (guint k = s2; k < e2; k++)
            if (g_str_has_prefix (text->lines[k], "- "))
              {
                g_autofree char *item = item_text (text->lines[k]);
                RepereSurveyOption *option = g_ptr_array_index (question->options, o++);
                g_assert_cmpstr (option->label, ==, item);
                g_assert_true (isnan (option->share));
              }
          g_assert_cmpuint (o, ==, 4);
          g_assert_cmpuint (question->options->len, ==, 4);
          n_options += 4;
          continue;
        }
      g_assert_cmpuint (after_options, <, end);
      {
        g_autofree char *title = heading_text (text->lines[after_options]);
        g_assert_cmpstr (question->finding_title, ==, title);
      }
      finding = lines_after (text, after_options, end, text->lines[after_options], NULL);
      analysis = join_items (finding, 0, finding->len);
      g_assert_cmpstr (question->finding, ==, analysis);

      /* "Pour aller plus loin" and "Le saviez-vous ?". */
      for (l = after_options + 1; l < end; l++)
        {
          g_autofree char *title = text->lines[l][0] == '#' ? heading_text (text->lines[l]) : NULL;
          g_autoptr (GPtrArray) body = NULL;

          if (title == NULL)
            continue;
          body = lines_after (text, l, end, text->lines[l], NULL);
          if (g_str_equal (title, "Pour aller plus loin"))
            {
              g_autofree char *further = join_items (body, 0, body->len);
              g_assert_cmpstr (question->further, ==, further);
            }
          else if (g_str_equal (title, "Le saviez-vous ?"))
            {
              g_autofree char *fact = join_items (body, 0, body->len - 1);
              g_autofree char *source_line = join_items (body, body->len - 1, body->len);
              g_assert_cmpstr (question->fact, ==, fact);
              g_assert_true (g_str_has_prefix (source_line, "Source : "));
              g_assert_cmpstr (question->fact_source, ==, source_line + strlen ("Source : "));
            }
        }
      g_assert_cmpstr (question->further, !=, "");

      /* Every share: this test's reading of the analysis, and every
       * percentage the analysis prints is one of them. */
      for (guint o = 0; o < question->options->len; o++)
        {
          RepereSurveyOption *option = g_ptr_array_index (question->options, o);
          guint k = G_N_ELEMENTS (survey_shares);

          for (guint s = 0; s < G_N_ELEMENTS (survey_shares); s++)
            if (survey_shares[s].question == (int) q + 1 && survey_shares[s].option == option->position)
              k = s;
          if (k == G_N_ELEMENTS (survey_shares))
            {
              g_assert_true (isnan (option->share));
              g_assert_cmpstr (option->printed, ==, "");
            }
          else
            {
              g_autofree char *shown = repere_survey_option_format_share (option);
              g_test_message ("  %d: %s = %g (%s)", option->position, option->printed, option->share, shown);
              g_assert_cmpstr (option->printed, ==, survey_shares[k].printed);
              g_assert_cmpfloat (option->share, ==, survey_shares[k].share);
              g_assert_cmpint (option->exact, ==, survey_shares[k].exact);
              if (strstr (analysis, option->printed) == NULL)
                g_error ("%s: “%s” not in the analysis", source, option->printed);
              n_shares++;
            }
          n_options++;
        }
      for (guint o = 0; o < question->options->len; o++)
        if (g_regex_match (percent, ((RepereSurveyOption *) g_ptr_array_index (question->options, o))->printed, 0,
                           NULL))
          n_printed_percents++;
      g_regex_match (percent, analysis, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *found = g_match_info_fetch (match, 0);
          gboolean known = FALSE;

          for (guint o = 0; o < question->options->len; o++)
            known |= g_str_equal (((RepereSurveyOption *) g_ptr_array_index (question->options, o))->printed, found);
          if (!known)
            g_error ("%s: the analysis prints “%s”, which no option has", source, found);
          g_assert_cmpuint (n_printed_percents, >, 0);
          n_printed_percents--;
        }
      g_assert_cmpuint (n_printed_percents, ==, 0);
    }
  g_assert_cmpuint (n_shares, ==, G_N_ELEMENTS (survey_shares));
  g_assert_cmpuint (n_options, ==, 40);
  g_assert_cmpint (table_count (repere_db_get_handle (study_db), "survey_option"), ==, 40);
}

/* The six recommendations of 2.3, with the words in bold; each answers a
 * different question. */
static void
test_text_survey_recommendations (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recommendations = NULL;
  g_autoptr (GHashTable) questions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GRegex) bold = g_regex_new ("\\*\\*([^*]+)\\*\\*", 0, 0, NULL);
  guint start, end, n = 0;

  if (text == NULL)
    return;
  recommendations = repere_study_list_survey_recommendations (study_db, &error);
  g_assert_no_error (error);
  section_range (text, "2.3", &start, &end);
  for (guint l = start; l < end; l++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *item = NULL;
      g_autofree char *emphasis = NULL;
      RepereStudyText *r;

      if (!g_str_has_prefix (text->lines[l], "- "))
        continue;
      g_assert_cmpuint (n, <, recommendations->len);
      r = g_ptr_array_index (recommendations, n++);
      item = item_text (text->lines[l]);
      g_assert_true (g_regex_match (bold, text->lines[l], 0, &match));
      emphasis = g_match_info_fetch (match, 1);
      g_assert_cmpstr (r->text, ==, item);
      g_assert_cmpstr (r->title, ==, emphasis);
      g_assert_cmpstr (r->source, ==, "2.3");
      g_assert_true (g_hash_table_add (questions, r->extra));
    }
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (recommendations->len, ==, 6);
}

/* The "A noter" lines and conclusions of the fiches: in the exposure part
 * of a fiche a note is about the rating (of the experts', after their
 * heading), elsewhere about the use cases. */
static void
test_text_fiche_notes (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GPtrArray) fiches = NULL;
  guint total = 0;

  if (text == NULL)
    return;
  fiches = list_fiches (text);
  for (guint f = 0; f < fiches->len; f++)
    {
      Fiche *fiche = g_ptr_array_index (fiches, f);
      g_autofree char *id = fiche_job (fiche);
      g_autofree char *source = g_strdup_printf ("4.2.%d", fiche->number);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) notes = repere_study_list_fiche_notes (study_db, id, &error);
      gboolean exposure = FALSE, experts = FALSE;
      guint n = 0;

      g_assert_no_error (error);
      for (guint l = fiche->start; l < fiche->end; l++)
        {
          const char *line = text->lines[l];
          g_autofree char *clean = clean_text (line, FALSE);
          const char *kind = NULL;
          const char *body = NULL;
          g_autofree char *conclusion = NULL;
          g_autofree char *note_source = NULL;
          RepereStudyText *note;

          if (strstr (line, "EVALUATION EXPOSITION"))
            exposure = TRUE;
          if (strstr (line, "CAS D"))
            exposure = FALSE;
          if (g_str_has_prefix (line, "- **Qualification experts métier**"))
            experts = TRUE;
          if (g_str_has_prefix (clean, "A noter : "))
            {
              kind = exposure ? "rating" : "use-cases";
              body = clean + strlen ("A noter : ");
            }
          else if (g_str_has_prefix (line, "### ") && g_str_equal (clean, "### Conclusion"))
            {
              guint next = l + 1;
              while (next < fiche->end && *text->lines[next] == '\0')
                next++;
              conclusion = clean_text (text->lines[next], FALSE);
              kind = "conclusion";
              body = conclusion;
            }
          if (kind == NULL)
            continue;
          g_assert_cmpuint (n, <, notes->len);
          note = g_ptr_array_index (notes, n++);
          note_source = g_str_equal (kind, "conclusion") ? g_strconcat (source, " Conclusion", NULL)
                                                         : g_strdup (source);
          g_test_message ("%s %s: %s", source, kind, body);
          g_assert_cmpstr (note->kind, ==, kind);
          g_assert_cmpstr (note->text, ==, body);
          g_assert_cmpstr (note->source, ==, note_source);
          g_assert_cmpstr (note->extra, ==, g_str_equal (kind, "rating") && experts ? "experts" : "");
        }
      g_assert_cmpuint (n, ==, notes->len);
      total += n;
    }
  g_assert_cmpuint (total, ==, 10);
  g_assert_cmpint (table_count (repere_db_get_handle (study_db), "fiche_note"), ==, total);
}

/* Each core job's future role, as this test reads the fiches and section
 * 5: the quote is a whole sentence (or list item) of its section. */
static void
test_text_future_roles (void)
{
  static const struct
  {
    const char *job_id, *kind, *role, *source;
  } roles[] = {
    { "charge-d-assistance", "role", "conseiller d'assistance augmentée", "4.2.1" },
    { "support-technique-d-assistance", "role", "référent expert", "4.2.2" },
    { "assistant-administratif-de-plateaux", "role", "rôle pivot dans le bon fonctionnement des plateaux d'assistance",
      "4.2.3" },
    { "medecin-d-assistance", "focus", "l'analyse clinique et la relation patient", "4.2.4" },
    { "formateur-d-assistance", "focus", "optimiser la préparation et l'animation des formations", "4.2.7" },
    { "formateur-d-assistance", "role", "concepteurs pédagogiques", "5 Axe 4" },
    { "gestionnaire-de-reseau-prestataires", "focus", "piloter son réseau et optimiser les coûts", "4.2.8" },
    { "gestionnaire-de-dossiers-d-assistance", "focus",
      "gérer les situations complexes nécessitant une intervention personnalisée", "4.2.9" },
    { "charge-de-reclamations-clients", "role", "rôles analytiques", "5 Axe 4" },
  };
  g_autoptr (StudyText) text = study_text_load ();
  RepereJobFilter filter = { .core_only = TRUE };
  g_autoptr (GListStore) core = NULL;
  guint n = 0;

  if (text == NULL)
    return;
  core = list_jobs (study_db, &filter);
  for (guint j = 0; j < n_items (core); j++)
    {
      const char *id = repere_job_get_id (item (core, j));
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) rows = repere_study_list_future_roles (study_db, id, &error);
      guint k = 0;

      g_assert_no_error (error);
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          RepereStudyText *row;
          g_autofree char *section = NULL;
          const char *at;

          if (!g_str_equal (roles[r].job_id, id))
            continue;
          g_assert_cmpuint (k, <, rows->len);
          row = g_ptr_array_index (rows, k++);
          g_test_message ("%s (%s): %s", id, row->source, row->title);
          g_assert_cmpstr (row->kind, ==, roles[r].kind);
          g_assert_cmpstr (row->title, ==, roles[r].role);
          g_assert_cmpstr (row->source, ==, roles[r].source);
          g_assert_nonnull (strstr (row->text, row->title));
          section = section_clean (text, row->source, FALSE);
          at = strstr (section, row->text);
          if (at == NULL)
            g_error ("%s: “%s” not in %s", id, row->text, row->source);
          /* A whole sentence or list item. */
          g_assert_true (at - section >= 2);
          g_assert_true (g_str_has_prefix (at - 2, ". ") || g_str_has_prefix (at - 2, "; ")
                         || g_str_has_prefix (at - 2, "- ") || g_str_has_prefix (at - 2, ": "));
          n++;
        }
      g_assert_cmpuint (k, ==, rows->len);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (roles));
}

static void
test_text_glossary (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) terms = NULL;
  guint start, end, n = 0;

  if (text == NULL)
    return;
  terms = repere_study_list_glossary (study_db, &error);
  g_assert_no_error (error);
  section_range (text, "Glossaire", &start, &end);
  for (guint l = start + 1; l < end; l++)
    {
      const char *line = text->lines[l];
      g_autofree char *term = NULL;
      g_autofree char *definition = NULL;
      RepereStudyText *t;
      guint next = l + 1;

      /* "### **Term**", or a line in bold only (the last term). */
      if (g_str_has_prefix (line, "### "))
        term = heading_text (line);
      else if (g_str_has_prefix (line, "**") && g_str_has_suffix (line, "**"))
        term = clean_text (line, FALSE);
      else
        continue;
      while (next < end && *text->lines[next] == '\0')
        next++;
      definition = clean_text (text->lines[next], FALSE);
      g_assert_cmpuint (n, <, terms->len);
      t = g_ptr_array_index (terms, n++);
      g_assert_cmpstr (t->title, ==, term);
      g_assert_cmpstr (t->text, ==, definition);
      g_assert_cmpstr (t->source, ==, "Glossaire");
    }
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpuint (terms->len, ==, 9);
}

static void
test_text_bibliography (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) references = NULL;
  guint start, end, n = 0;

  if (text == NULL)
    return;
  references = repere_study_list_bibliography (study_db, &error);
  g_assert_no_error (error);
  section_range (text, "Bibliographie", &start, &end);
  for (guint l = start + 1; l < end; l++)
    {
      g_autofree char *printed = NULL;
      g_autofree char *year = NULL;
      g_autofree char *tail = NULL;
      RepereReference *r;

      if (!g_str_has_prefix (text->lines[l], "- "))
        continue;
      printed = clean_text (text->lines[l] + 2, FALSE);
      g_assert_cmpuint (n, <, references->len);
      r = g_ptr_array_index (references, n++);
      g_test_message ("%d %s", r->position, r->text);
      g_assert_cmpint (r->position, ==, (int) n);
      g_assert_cmpstr (r->text, ==, printed);
      /* "Authors. (Year). Title. Publisher." */
      g_assert_true (g_str_has_prefix (printed, r->authors));
      year = g_strdup_printf ("(%d). %s", r->year, r->title);
      g_assert_nonnull (strstr (printed, year));
      g_assert_cmpint (r->year, >=, 2013);
      g_assert_cmpint (r->year, <=, 2024);
      if (*r->publisher)
        {
          tail = g_strdup_printf (" %s.", r->publisher);
          g_assert_true (g_str_has_suffix (printed, tail));
        }
    }
  g_assert_cmpuint (n, ==, 17);
  g_assert_cmpuint (references->len, ==, 17);
}

/* 3.3: the activities of the most and of the least exposed jobs, each with
 * its example. */
static void
test_text_activities (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  const char *exposure = NULL;
  guint start, end, n = 0;

  if (text == NULL)
    return;
  activities = repere_study_list_activities (study_db, &error);
  g_assert_no_error (error);
  section_range (text, "3.3", &start, &end);
  for (guint l = start + 1; l < end && !g_str_has_prefix (text->lines[l], "*Illustration"); l++)
    {
      const char *line = text->lines[l];
      g_autofree char *title = NULL;
      g_autofree char *example = NULL;
      RepereStudyText *a;

      if (strstr (line, "plus exposés"))
        exposure = "most";
      else if (strstr (line, "moins exposés"))
        exposure = "least";
      if (!g_str_has_prefix (line, "- "))
        continue;
      title = item_text (line);
      example = clean_text (text->lines[l + 1], FALSE);
      g_assert_true (g_str_has_prefix (example, "Exemple : "));
      g_assert_cmpuint (n, <, activities->len);
      a = g_ptr_array_index (activities, n++);
      g_assert_nonnull (exposure);
      g_assert_cmpstr (a->kind, ==, exposure);
      g_assert_cmpstr (a->title, ==, title);
      g_assert_cmpstr (a->text, ==, example + strlen ("Exemple : "));
    }
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (activities->len, ==, 5);
}

/* 4.3.2: six steps; the second is broken by a page break. */
static void
test_text_steps (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) steps = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint start, end;

  if (text == NULL)
    return;
  steps = repere_study_list_steps (study_db, &error);
  g_assert_no_error (error);
  section_range (text, "4.3.2", &start, &end);
  for (guint l = start + 1; l < end; l++)
    {
      const char *line = text->lines[l];
      if (g_str_has_prefix (line, "- "))
        g_ptr_array_add (items, item_text (line));
      else if (*line && items->len > 0 && *line != '#'
               && !g_str_has_suffix (g_ptr_array_index (items, items->len - 1), "."))
        {
          g_autofree char *continued = clean_text (line, FALSE);
          char *last = g_ptr_array_index (items, items->len - 1);
          items->pdata[items->len - 1] = g_strconcat (last, " ", continued, NULL);
          g_free (last);
        }
    }
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpuint (steps->len, ==, 6);
  for (guint i = 0; i < items->len; i++)
    {
      RepereStudyText *step = g_ptr_array_index (steps, i);
      g_assert_cmpstr (step->text, ==, g_ptr_array_index (items, i));
      g_assert_cmpstr (step->source, ==, "4.3.2");
    }
}

/* The class a quoted word of the text names: the class whose folded name
 * shares its first 8 letters ("Emergents", "en évolution", "Non
 * impactés…"). Returns an interned id. */
static const char *
class_of_word (const char *word)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) classes = repere_db_list_classifications (study_db, &error);
  g_autofree char *folded = repere_text_fold (word);
  const char *found = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (folded), >=, 8);
  for (guint c = 0; c < classes->len; c++)
    {
      RepereRef *class = g_ptr_array_index (classes, c);
      g_autofree char *name = repere_text_fold (class->name);
      if (strncmp (name, folded, 8) == 0)
        {
          g_assert_null (found);
          found = g_intern_string (class->id);
        }
    }
  if (found == NULL)
    g_error ("no class for “%s”", word);
  return found;
}

/* Each guidance row in its section; the meaning of a class names it; the
 * rows quoting a recommendation of section 5 quote it. */
static void
test_text_guidance (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GRegex) quoted = g_regex_new ("identifiés “([^”]+)”", 0, 0, NULL);
  sqlite3 *db = repere_db_get_handle (study_db);
  guint n_meaning = 0;

  if (text == NULL)
    return;
  rows = repere_study_list_guidance (study_db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 13);
  for (guint i = 0; i < rows->len; i++)
    {
      RepereStudyText *g = g_ptr_array_index (rows, i);

      g_test_message ("%s %s %s: %s", g->source, g->extra, g->kind, g->text);
      assert_in_section (text, g->source, g->text, FALSE);
      if (g_str_equal (g->kind, "meaning"))
        {
          g_autoptr (GMatchInfo) match = NULL;
          g_autofree char *word = NULL;

          g_assert_true (g_regex_match (quoted, g->text, 0, &match));
          word = g_match_info_fetch (match, 1);
          g_assert_cmpstr (g->extra, ==, class_of_word (word));
          n_meaning++;
        }
      if (*g->title)
        {
          g_auto (GStrv) parts = g_strsplit (g->title, ".", 2);
          g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM recommendation WHERE axis_number = %s"
                                                  " AND number = %s AND (instr (title, ?1) OR instr (text, ?1))",
                                                  parts[0], parts[1]);
          g_assert_cmpint (repere_test_query_int (db, sql, g->text), ==, 1);
        }
      else if (g_str_equal (g->source, "5 Pour aller plus loin"))
        g_assert_cmpint (repere_test_query_int (db, "SELECT count (*) FROM priority_action WHERE text = ?1", g->text),
                         ==, 1);
    }
  g_assert_cmpuint (n_meaning, ==, 3);
  /* Every class has guidance; the training row about exposure levels is
   * returned for each. */
  for (const char *const *c = (const char *const[]){ "emergent", "strong-transformation", "evolving", "not-impacted",
                                                     NULL };
       *c; c++)
    {
      g_autoptr (GPtrArray) mine = repere_study_list_guidance (study_db, *c, &error);
      gboolean training = FALSE;

      g_assert_no_error (error);
      for (guint i = 0; i < mine->len; i++)
        {
          RepereStudyText *g = g_ptr_array_index (mine, i);
          g_assert_true (g_str_equal (g->extra, *c) || g_str_equal (g->extra, ""));
          training |= g_str_equal (g->kind, "training");
        }
      g_assert_true (training);
      g_assert_cmpuint (mine->len, >=, 2);
    }
}

/* Issue 11: each training guidance row (schema 9) in its section, quoting
 * its recommendation when it names one; a row that points at a class
 * guidance row finds that row's words in its own section; a typology is an
 * option of the training question of 2.2.10. */
static void
test_text_training_guidance (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  sqlite3 *db = repere_db_get_handle (study_db);
  sqlite3_stmt *stmt = NULL;
  guint rows = 0, pointed = 0;

  if (text == NULL)
    return;
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT g.position, CASE WHEN g.text = '' THEN c.text ELSE g.text END, g.source,"
                                       "       g.axis_number, g.recommendation_number, g.typology, g.guidance_position,"
                                       "       (SELECT label FROM survey_option o WHERE o.question_id = 'training'"
                                       "         AND o.position = g.typology)"
                                       "  FROM training_guidance g"
                                       "  LEFT JOIN classification_guidance c ON c.position = g.guidance_position"
                                       " ORDER BY g.position",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *words = (const char *) sqlite3_column_text (stmt, 1);
      const char *source = (const char *) sqlite3_column_text (stmt, 2);

      g_assert_nonnull (words);
      g_test_message ("%d %s: %s", sqlite3_column_int (stmt, 0), source, words);
      assert_in_section (text, source, words, FALSE);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM recommendation WHERE axis_number = %d"
                                                  " AND number = %d AND (instr (?1, title) OR instr (?1, text)"
                                                  "   OR instr (title || ' : ' || text, ?1))",
                                                  sqlite3_column_int (stmt, 3), sqlite3_column_int (stmt, 4));
          g_assert_cmpint (repere_test_query_int (db, sql, words), ==, 1);
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        g_assert_cmpint (sqlite3_column_type (stmt, 7), !=, SQLITE_NULL);
      pointed += sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 12);
  g_assert_cmpuint (pointed, ==, 6);
}

/* 3.2.2.2 Figure 3, cell by cell. */
static void
test_text_evolution (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) classes = NULL;
  sqlite3 *db = repere_db_get_handle (study_db);
  sqlite3_stmt *stmt = NULL;
  int caption;
  guint row = 0;

  if (text == NULL)
    return;
  classes = repere_db_list_classifications (study_db, &error);
  g_assert_no_error (error);
  caption = find_line (text, 0, "Figure 3 – Tableau d'évolution");
  g_assert_cmpint (caption, >=, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT job_id, base_score, base_rank, base_classification_id, score, rank,"
                                       "       rank_change, classification_id, printed_job, source"
                                       "  FROM figure_evolution ORDER BY position",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint l = find_line (text, caption, "FAMILLE METIER") + 1; l < text->n_lines; l++)
    {
      g_auto (GStrv) cells = g_strsplit (text->lines[l], "\t", -1);
      g_autoptr (RepereJobDetail) detail = NULL;
      g_autofree char *family = NULL;

      if (g_strv_length (cells) < 10)
        break;
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      detail = repere_db_get_job (study_db, (const char *) sqlite3_column_text (stmt, 0), &error);
      g_assert_no_error (error);
      g_test_message ("%s → %s", cells[1], detail->id);
      g_assert_true (printed_name_matches (detail, cells[1]));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 8), ==, cells[1]);
      g_assert_true (detail->core);
      family = g_strndup (cells[0], 2);
      g_assert_cmpstr (detail->family_code, ==, family);
      g_assert_cmpstr (cells[2], ==, "Oui");
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 1), parse_score (cells[3]), 0.001);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, parse_int (cells[4]));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, printed_class_id (classes, cells[5]));
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 4), parse_score (cells[6]), 0.001);
      g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, parse_int (cells[7]));
      {
        /* "+4", "-5" */
        gint64 change = 0;
        g_assert_true (g_ascii_string_to_signed (cells[8][0] == '+' ? cells[8] + 1 : cells[8], 10, -58, 58, &change,
                                                 NULL));
        g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, (int) change);
      }
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, printed_class_id (classes, cells[9]));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 9), ==, "3.2.2.2 Figure 3");
      row++;
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (row, ==, 10);
}

typedef struct
{
  char *id, *kind, *assessment_id, *classification_id, *base_classification_id, *family_code, *direction;
  char *printed, *source;
  gboolean core_only;
  int value; /* G_MININT: NULL */
} Claim;

static void
claim_free (Claim *c)
{
  g_free (c->id);
  g_free (c->kind);
  g_free (c->assessment_id);
  g_free (c->classification_id);
  g_free (c->base_classification_id);
  g_free (c->family_code);
  g_free (c->direction);
  g_free (c->printed);
  g_free (c->source);
  g_free (c);
}

static GPtrArray *
list_claims (void)
{
  sqlite3 *db = repere_db_get_handle (study_db);
  sqlite3_stmt *stmt = NULL;
  GPtrArray *claims = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, kind, assessment_id, coalesce (classification_id, ''),"
                                       "       coalesce (base_classification_id, ''), coalesce (family_code, ''),"
                                       "       coalesce (direction, ''), printed, source, core_only, value"
                                       "  FROM prose_claim ORDER BY position",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Claim *c = g_new0 (Claim, 1);
      c->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c->assessment_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->classification_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->base_classification_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      c->family_code = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      c->direction = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      c->printed = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      c->source = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      c->core_only = sqlite3_column_int (stmt, 9);
      c->value = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? G_MININT : sqlite3_column_int (stmt, 10);
      g_ptr_array_add (claims, c);
    }
  sqlite3_finalize (stmt);
  return claims;
}

/* The one claim of @kind matching the rest (NULL: any), which must exist. */
static Claim *
find_claim (GPtrArray *claims, const char *kind, const char *assessment_id, const char *class_id, gboolean core,
            const char *family)
{
  Claim *found = NULL;

  for (guint i = 0; i < claims->len; i++)
    {
      Claim *c = g_ptr_array_index (claims, i);
      if (g_str_equal (c->kind, kind) && g_str_equal (c->assessment_id, assessment_id)
          && (class_id == NULL || g_str_equal (c->classification_id, class_id)) && c->core_only == core
          && g_str_equal (c->family_code, family ? family : ""))
        {
          g_assert_null (found);
          found = c;
        }
    }
  if (found == NULL)
    g_error ("no %s claim for %s %s", kind, assessment_id, class_id ? class_id : "");
  return found;
}

/* The family of 1.2.2 a short name of the text means ("Support pilotage et
 * projets", "Commercial"): punctuation, case and accents ignored. */
static const char *
family_of_name (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) families = repere_db_list_families (study_db, &error);
  g_autofree char *want = repere_text_fold (name);
  g_autoptr (GString) key = g_string_new (NULL);
  const char *found = NULL;

  g_assert_no_error (error);
  for (const char *p = want; *p; p++)
    if (g_ascii_isalnum (*p) || *p == ' ')
      g_string_append_c (key, *p);
  for (guint f = 0; f < families->len; f++)
    {
      RepereRef *family = g_ptr_array_index (families, f);
      g_autofree char *folded = repere_text_fold (family->name);
      g_autoptr (GString) candidate = g_string_new (NULL);

      for (const char *p = folded; *p; p++)
        if (g_ascii_isalnum (*p) || *p == ' ')
          g_string_append_c (candidate, *p);
      if (g_str_has_prefix (candidate->str, key->str))
        {
          g_assert_null (found);
          found = g_intern_string (family->id);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* The figures the text of 3.2.2.1 and 3.2.2.2 states, as this test reads
 * them, are the claims the consistency report checks. */
static void
test_text_claims (void)
{
  g_autoptr (StudyText) text = study_text_load ();
  g_autoptr (GPtrArray) claims = NULL;
  g_autoptr (GRegex) count_line = g_regex_new ("^- (\\d+) métiers « ([^»,.]+)", 0, 0, NULL);
  g_autoptr (GRegex) core_count = g_regex_new ("dont (\\d+) cœurs?", 0, 0, NULL);
  g_autoptr (GRegex) share = g_regex_new ("\\((\\d+) métiers, (\\d+)% de l'ensemble\\)", 0, 0, NULL);
  g_autoptr (GRegex) strong_share = g_regex_new ("(\\d+)% des métiers sont considérés « ([^»]+) »", 0, 0, NULL);
  g_autoptr (GRegex) family = g_regex_new ("(\\d+) métiers? '(.+?)'(?=,| ainsi|\\.)", 0, 0, NULL);
  g_autoptr (GRegex) trend = g_regex_new ("tendance à la (hausse|baisse) des scores d'exposition pour (\\d+) métiers",
                                          0, 0, NULL);
  g_autoptr (GRegex) change
      = g_regex_new ("(\\d+) bascules d'une classification (?:métier )?« ([^»]+) » vers une classification « ([^»]+) »"
                     " \\(([^)]+)\\)",
                     0, 0, NULL);
  g_autoptr (GRegex) rank = g_regex_new ("([^,()]+?) \\(([+-]\\d+)\\)", 0, 0, NULL);
  sqlite3 *db = repere_db_get_handle (study_db);
  const char *const sections[] = { "3.2.2.1", "3.2.2.2" };
  const char *const section_assessments[] = { "pwc-revised", "experts" };
  guint n_checked = 0;

  if (text == NULL)
    return;
  claims = list_claims ();
  for (guint i = 0; i < claims->len; i++)
    {
      Claim *c = g_ptr_array_index (claims, i);
      assert_in_section (text, c->source, c->printed, FALSE);
    }

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      guint start, end;
      g_autofree char *section = section_clean (text, sections[s], FALSE);
      g_autoptr (GMatchInfo) match = NULL;
      const char *assessment_id = section_assessments[s];
      guint n_lines = 0;

      section_range (text, sections[s], &start, &end);
      /* "- 33 métiers « En évolution », dont 6 cœurs d'assistance ;" */
      for (guint l = start; l < end; l++)
        {
          g_autofree char *line = clean_text (text->lines[l], FALSE);
          g_autoptr (GMatchInfo) m = NULL;
          g_autoptr (GMatchInfo) core = NULL;
          g_autofree char *n = NULL;
          g_autofree char *word = NULL;
          const char *class_id;

          if (!g_regex_match (count_line, line, 0, &m))
            continue;
          n = g_match_info_fetch (m, 1);
          word = g_strstrip (g_match_info_fetch (m, 2));
          class_id = class_of_word (word);
          g_test_message ("%s: %s %s", sections[s], n, class_id);
          g_assert_cmpint (find_claim (claims, "class-count", assessment_id, class_id, FALSE, NULL)->value, ==,
                           parse_int (n));
          n_checked++;
          if (g_regex_match (core_count, line, 0, &core))
            {
              g_autofree char *cn = g_match_info_fetch (core, 1);
              g_assert_cmpint (find_claim (claims, "class-count", assessment_id, class_id, TRUE, NULL)->value, ==,
                               parse_int (cn));
              n_checked++;
            }
          n_lines++;
        }
      g_assert_cmpuint (n_lines, ==, 4);

      /* 3.2.2.1: "(33 métiers, 57% de l'ensemble)", "10% des métiers sont
       * considérés « en forte transformation »", the families. */
      if (g_regex_match (share, section, 0, &match))
        {
          g_autofree char *n = g_match_info_fetch (match, 1);
          g_autofree char *percent = g_match_info_fetch (match, 2);
          Claim *evolving = find_claim (claims, "class-count", assessment_id, "evolving", FALSE, NULL);
          g_assert_cmpint (evolving->value, ==, parse_int (n));
          g_assert_cmpint (find_claim (claims, "class-share", assessment_id, "evolving", FALSE, NULL)->value, ==,
                           parse_int (percent));
          n_checked++;
        }
      g_clear_pointer (&match, g_match_info_free);
      if (g_regex_match (strong_share, section, 0, &match))
        {
          g_autofree char *percent = g_match_info_fetch (match, 1);
          g_autofree char *word = g_match_info_fetch (match, 2);
          g_assert_cmpint (find_claim (claims, "class-share", assessment_id, class_of_word (word), FALSE, NULL)->value,
                           ==, parse_int (percent));
          n_checked++;
        }
      g_clear_pointer (&match, g_match_info_free);
      {
        const char *families = strstr (section, "plusieurs « familles métier » sont représentées");
        if (families)
          for (g_regex_match (family, families, 0, &match); g_match_info_matches (match);
               g_match_info_next (match, NULL))
            {
              g_autofree char *n = g_match_info_fetch (match, 1);
              g_autofree char *name = g_match_info_fetch (match, 2);
              g_test_message ("%s: %s %s", sections[s], n, name);
              g_assert_cmpint (find_claim (claims, "class-count", assessment_id, "strong-transformation", FALSE,
                                           family_of_name (name))
                                   ->value,
                               ==, parse_int (n));
              n_checked++;
            }
      }
      g_clear_pointer (&match, g_match_info_free);

      /* 3.2.2.2: the trends, the class changes with the jobs they name,
       * the rank changes. */
      for (g_regex_match (trend, section, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *direction = g_match_info_fetch (match, 1);
          g_autofree char *n = g_match_info_fetch (match, 2);
          Claim *c = NULL;

          for (guint i = 0; i < claims->len; i++)
            {
              Claim *candidate = g_ptr_array_index (claims, i);
              if (g_str_equal (candidate->kind, "score-trend")
                  && g_str_equal (candidate->direction, g_str_equal (direction, "hausse") ? "up" : "down"))
                c = candidate;
            }
          g_assert_nonnull (c);
          g_assert_cmpint (c->value, ==, parse_int (n));
          g_assert_cmpstr (c->assessment_id, ==, assessment_id);
          g_assert_true (c->core_only);
          n_checked++;
        }
      g_clear_pointer (&match, g_match_info_free);
      for (g_regex_match (change, section, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *n = g_match_info_fetch (match, 1);
          g_autofree char *from = g_match_info_fetch (match, 2);
          g_autofree char *to = g_match_info_fetch (match, 3);
          g_autofree char *names = g_match_info_fetch (match, 4);
          const char *from_id = class_of_word (g_strstrip (from));
          const char *to_id = class_of_word (g_strstrip (to));
          Claim *c = NULL;
          g_autofree char *sql = NULL;

          for (guint i = 0; i < claims->len; i++)
            {
              Claim *candidate = g_ptr_array_index (claims, i);
              if (g_str_equal (candidate->kind, "class-change")
                  && g_str_equal (candidate->base_classification_id, from_id)
                  && g_str_equal (candidate->classification_id, to_id))
                c = candidate;
            }
          g_assert_nonnull (c);
          g_assert_cmpint (c->value, ==, parse_int (n));
          /* Every job it names, and no other. */
          sql = g_strdup_printf ("SELECT count (*) FROM prose_claim_job WHERE claim_id = '%s'", c->id);
          g_assert_cmpint (repere_test_query_int (db, sql, NULL), ==, parse_int (n));
          {
            sqlite3_stmt *stmt = NULL;
            g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT cj.printed, j.name FROM prose_claim_job cj"
                                                     " JOIN job j ON j.id = cj.job_id WHERE cj.claim_id = ?1",
                                                 -1, &stmt, NULL),
                             ==, SQLITE_OK);
            sqlite3_bind_text (stmt, 1, c->id, -1, SQLITE_TRANSIENT);
            while (sqlite3_step (stmt) == SQLITE_ROW)
              {
                g_autofree char *printed = repere_text_fold ((const char *) sqlite3_column_text (stmt, 0));
                g_autofree char *name = repere_text_fold ((const char *) sqlite3_column_text (stmt, 1));
                g_assert_nonnull (strstr (names, (const char *) sqlite3_column_text (stmt, 0)));
                g_assert_true (g_str_has_prefix (name, printed));
              }
            sqlite3_finalize (stmt);
          }
          n_checked++;
        }
      g_clear_pointer (&match, g_match_info_free);
      {
        const char *largest = strstr (section, "Les plus significatives concernent les métiers ");
        guint n_jobs = 0;

        if (largest)
          {
            g_autofree char *list = g_strndup (largest, strcspn (largest, "."));
            Claim *c = NULL;

            for (guint i = 0; i < claims->len; i++)
              if (g_str_equal (((Claim *) g_ptr_array_index (claims, i))->kind, "rank-change"))
                c = g_ptr_array_index (claims, i);
            g_assert_nonnull (c);
            for (g_regex_match (rank, list + strlen ("Les plus significatives concernent les métiers "), 0, &match);
                 g_match_info_matches (match); g_match_info_next (match, NULL))
              {
                g_autofree char *name = g_strstrip (g_match_info_fetch (match, 1));
                g_autofree char *value = g_match_info_fetch (match, 2);
                g_autofree char *sql = NULL;
                const char *job = g_str_has_prefix (name, "et ") ? name + 3 : name;

                sql = g_strdup_printf ("SELECT value FROM prose_claim_job WHERE claim_id = '%s' AND printed = ?1",
                                       c->id);
                g_assert_cmpint (repere_test_query_int (db, sql, job), ==, parse_int (value + (*value == '+')));
                n_jobs++;
              }
            g_clear_pointer (&match, g_match_info_free);
            g_assert_cmpuint (n_jobs, ==, 3);
            g_assert_cmpint (c->value, ==, 3);
            n_checked++;
          }
      }
    }
  /* 3.2.2.1: 4 classes, 3 core counts, 2 shares, 5 families; 3.2.2.2: 4
   * classes, 2 core counts, 2 trends, 2 changes, the largest rises. */
  g_assert_cmpuint (n_checked, ==, 4 + 3 + 2 + 5 + 4 + 2 + 2 + 2 + 1);
  /* And the rest: "qui conservent toutefois une classification métier
   * identique". */
  g_assert_cmpuint (claims->len, ==, n_checked + 1);
  g_assert_cmpstr (find_claim (claims, "class-kept", "experts", NULL, TRUE, NULL)->direction, ==, "down");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = make_tmp_dir ();
  path = g_build_filename (dir, "repere.db", NULL);
  study_db = repere_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (study_db);

  g_test_add_func ("/study/schema", test_schema);
  g_test_add_func ("/study/families", test_families);
  g_test_add_func ("/study/jobs", test_jobs);
  g_test_add_func ("/study/classes", test_classes);
  g_test_add_func ("/study/filters", test_filters);
  g_test_add_func ("/study/classification-names", test_classification_names);
  g_test_add_func ("/study/filter-errors", test_filter_errors);
  g_test_add_func ("/study/sort", test_sort);
  g_test_add_func ("/study/search", test_search);
  g_test_add_func ("/study/find-job", test_find_job);
  g_test_add_func ("/study/job-detail", test_job_detail);
  g_test_add_func ("/study/disagreements", test_disagreements);
  g_test_add_func ("/study/reopen", test_reopen);
  g_test_add_func ("/study/not-repere", test_not_repere);
  g_test_add_func ("/study/too-new", test_too_new);
  g_test_add_func ("/study/text/ranking", test_text_ranking);
  g_test_add_func ("/study/text/level-counts", test_text_level_counts);
  g_test_add_func ("/study/text/use-cases", test_text_use_cases);
  g_test_add_func ("/study/text/passages", test_text_passages);
  g_test_add_func ("/study/text/figures", test_text_figures);
  g_test_add_func ("/study/text/survey", test_text_survey);
  g_test_add_func ("/study/text/survey-recommendations", test_text_survey_recommendations);
  g_test_add_func ("/study/text/fiche-notes", test_text_fiche_notes);
  g_test_add_func ("/study/text/future-roles", test_text_future_roles);
  g_test_add_func ("/study/text/glossary", test_text_glossary);
  g_test_add_func ("/study/text/bibliography", test_text_bibliography);
  g_test_add_func ("/study/text/activities", test_text_activities);
  g_test_add_func ("/study/text/steps", test_text_steps);
  g_test_add_func ("/study/text/guidance", test_text_guidance);
  g_test_add_func ("/study/text/training-guidance", test_text_training_guidance);
  g_test_add_func ("/study/text/evolution", test_text_evolution);
  g_test_add_func ("/study/text/claims", test_text_claims);

  status = g_test_run ();
  g_clear_object (&study_db);
  repere_test_remove_dir (dir);
  return status;
}
