/* test-study.c: the database built from the bundled study, checked against
 * the study itself
 *
 * The first tests check the referential's shape and the query API. The
 * /study/text/ tests parse the study text (REPERE_STUDY_TEXT) and compare
 * every published ranking row, every level-count table of the fiches (4.2)
 * and every use case of the fiches with what the database returns.
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

  status = g_test_run ();
  g_clear_object (&study_db);
  repere_test_remove_dir (dir);
  return status;
}
