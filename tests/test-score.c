/* test-score.c: the exposure score model and user assessments
 *
 * Checks the calibration of the level weights on the 30 published points
 * (repere_score_fit), that the computed scores of the study's assessments
 * reproduce the published ones, and the re-rating workflow of a user
 * assessment: set level counts, renormalisation of the whole table, revert,
 * read-only study assessments, persistence, refused counts and assessments
 * derived from other user assessments; the job count and the evolution
 * view's default comparison. Each test runs on a fresh database in
 * its own temporary folder.
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
#include "repere-score.h"

static const char *const study_assessments[] = { "pwc-initial", "pwc-revised", "experts" };

/* The job the experts score 1,00 among the ten with published counts. */
#define TOP_EXPERTS_JOB "gestionnaire-de-dossiers-d-assistance"
/* The core job re-rated by the acceptance scenario. */
#define RERATED_JOB "charge-d-assistance"

/* Class thresholds on the score shown (2 decimals), from the published
 * ranking tables (data/study/classification_threshold.csv). Written out here
 * rather than read back, so that the test checks the data too. */
#define STRONG_TRANSFORMATION_MIN 0.50
#define EVOLVING_MIN 0.15

typedef struct
{
  char *dir;
  char *path;
  RepereDb *db;
} Fixture;

/* Helpers */

static RepereDb *
open_db (const char *path)
{
  g_autoptr (GError) error = NULL;
  RepereDb *db = repere_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("repere-score-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "repere.db", NULL);
  fixture->db = open_db (fixture->path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->db);
  repere_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Every row a query returns, one line each, columns separated by '|'. */
static char *
query_dump (sqlite3 *db, const char *sql, const char *value)
{
  g_autoptr (GString) dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (value)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (dump, "%s%s", c ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (dump, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* Everything the scoring engine stores, to check that a refused edit changed
 * nothing. */
static char *
score_state (RepereDb *db)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *counts = query_dump (handle,
                                        "SELECT assessment_id, job_id, n1, n2, n3, n4, n5, edited_by, edited_at"
                                        "  FROM user_level_count ORDER BY assessment_id, job_id",
                                        NULL);
  g_autofree char *results = query_dump (handle,
                                         "SELECT assessment_id, job_id, quote (raw_index), quote (score), basis"
                                         "  FROM computed_result ORDER BY assessment_id, job_id",
                                         NULL);
  g_autofree char *published = query_dump (handle,
                                           "SELECT assessment_id, job_id, quote (score), rank, classification_id"
                                           "  FROM published_result ORDER BY assessment_id, job_id",
                                           NULL);

  return g_strconcat (counts, "--\n", results, "--\n", published, NULL);
}

/* The jobs of an assessment, by id. */
static GHashTable *
jobs_by_id (RepereDb *db, const char *assessment)
{
  g_autoptr (GError) error = NULL;
  RepereJobFilter filter = { .assessment = assessment };
  g_autoptr (GListStore) store = repere_db_list_jobs (db, &filter, &error);
  GHashTable *jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      RepereJob *job = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_hash_table_insert (jobs, (gpointer) repere_job_get_id (job), job);
    }
  g_assert_cmpuint (g_hash_table_size (jobs), ==, 58);
  return jobs;
}

static RepereJob *
lookup_job (GHashTable *jobs, const char *id)
{
  RepereJob *job = g_hash_table_lookup (jobs, id);

  g_assert_nonnull (job);
  return job;
}

/* A score as displayed: 2 decimals. */
static double
round2 (double score)
{
  return round (score * 100) / 100;
}

/* The class the thresholds give to a non-emergent job's score. */
static const char *
threshold_class (double score)
{
  double shown = round2 (score);

  if (shown >= STRONG_TRANSFORMATION_MIN - 1e-9)
    return "strong-transformation";
  if (shown >= EVOLVING_MIN - 1e-9)
    return "evolving";
  return "not-impacted";
}

static char *
create_assessment (RepereDb *db, const char *name, const char *based_on)
{
  g_autoptr (GError) error = NULL;
  char *id = repere_assessment_create (db, name, based_on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
set_counts (RepereDb *db, const char *assessment, const char *job, int n1, int n2, int n3, int n4, int n5)
{
  g_autoptr (GError) error = NULL;
  const int counts[5] = { n1, n2, n3, n4, n5 };

  g_assert_true (repere_assessment_set_level_counts (db, assessment, job, counts, &error));
  g_assert_no_error (error);
}

static void
assert_counts (RepereDb *db, const char *assessment, const char *job, const int expected[5])
{
  g_autoptr (GError) error = NULL;
  int counts[5] = { -1, -1, -1, -1, -1 };

  g_assert_true (repere_assessment_get_level_counts (db, assessment, job, counts, &error));
  g_assert_no_error (error);
  for (int l = 0; l < 5; l++)
    g_assert_cmpint (counts[l], ==, expected[l]);
}

/* Asserts that a user assessment shows exactly the published values of a
 * study assessment: effective score, rank and class of every job. */
static void
assert_same_as_published (RepereDb *db, const char *assessment, const char *study)
{
  g_autoptr (GHashTable) user = jobs_by_id (db, assessment);
  g_autoptr (GHashTable) published = jobs_by_id (db, study);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RepereJob *expected = value;
      RepereJob *job = lookup_job (user, key);

      g_assert_cmpfloat (repere_job_get_score (job), ==, repere_job_get_score (expected));
      g_assert_cmpint (repere_job_get_rank (job), ==, repere_job_get_rank (expected));
      g_assert_cmpstr (repere_job_get_classification_id (job), ==, repere_job_get_classification_id (expected));
    }
}

/* The fit */

static void
test_fit (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  RepereScoreFit *fit = repere_score_fit (fixture->db, &error);
  int top_counts[5];
  guint outside = 0;
  double top_index, max_index;

  g_assert_no_error (error);
  g_assert_nonnull (fit);
  g_test_message ("weights: %.4f %.4f %.4f %.4f %.4f", fit->weights[0], fit->weights[1], fit->weights[2],
                  fit->weights[3], fit->weights[4]);

  g_assert_cmpuint (fit->assessments->len, ==, G_N_ELEMENTS (study_assessments));
  for (guint a = 0; a < fit->assessments->len; a++)
    {
      g_assert_cmpstr (g_ptr_array_index (fit->assessments, a), ==, study_assessments[a]);
      g_test_message ("max index %s: %.4f", study_assessments[a], g_array_index (fit->max_index, double, a));
    }
  g_assert_cmpuint (fit->max_index->len, ==, fit->assessments->len);

  g_assert_cmpuint (fit->points->len, ==, 30);
  for (guint p = 0; p < fit->points->len; p++)
    {
      RepereFitPoint *point = g_ptr_array_index (fit->points, p);

      g_test_message ("%s %s: published %.2f fitted %.4f residual %+.4f", point->assessment_id, point->job_id,
                      point->published, point->fitted, point->residual);
      g_assert_cmpfloat_with_epsilon (point->residual, point->fitted - point->published, 1e-12);
      if (fabs (point->residual) > REPERE_SCORE_TOLERANCE + 1e-9)
        outside++;
    }
  g_assert_cmpuint (fit->within, >=, 29);
  g_assert_cmpuint (outside, <=, 1);
  g_assert_cmpuint (fit->within + outside, ==, fit->points->len);

  /* Higher exposure levels weigh more; w5 is the unit. */
  for (int l = 0; l < 5; l++)
    g_assert_cmpfloat (fit->weights[l], >=, 0);
  g_assert_cmpfloat (fit->weights[1], <, fit->weights[2]);
  g_assert_cmpfloat (fit->weights[2], <, fit->weights[3]);
  g_assert_cmpfloat (fit->weights[3], <, fit->weights[4]);
  g_assert_cmpfloat (fit->weights[4], ==, 1.0);

  /* The experts' table is normalised on the job it scores 1,00. */
  assert_counts (fixture->db, "experts", TOP_EXPERTS_JOB, (const int[5]) { 3, 4, 2, 6, 1 });
  g_assert_true (repere_assessment_get_level_counts (fixture->db, "experts", TOP_EXPERTS_JOB, top_counts, NULL));
  top_index = repere_score_raw_index (fit, top_counts);
  max_index = repere_score_fit_max_index (fit, "experts");
  g_test_message ("raw index of %s (experts): %.4f, max index %.4f", TOP_EXPERTS_JOB, top_index, max_index);
  g_assert_cmpfloat_with_epsilon (max_index, top_index, 0.003);
  g_assert_true (isnan (repere_score_fit_max_index (fit, "no-such-assessment")));

  /* Computed once per database. */
  g_assert_true (repere_score_fit (fixture->db, NULL) == fit);
}

/* The study's assessments, computed */

/* Jobs whose published class is not the one the thresholds give to their
 * published score: the study's own inconsistencies (docs/study-data.md). */
static const char *const inconsistent_classes[] = {
  /* 3.2.2.1 Figure 1 prints Médecin d'assistance "En évolution" at 0,06
   * (Non impacté in Figure 2 and on its fiche). */
  "pwc-revised/medecin-d-assistance",
};

static void
test_study_computed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) differing = g_ptr_array_new_with_free_func (g_free);

  for (guint a = 0; a < G_N_ELEMENTS (study_assessments); a++)
    {
      g_autoptr (GHashTable) jobs = jobs_by_id (fixture->db, study_assessments[a]);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, jobs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          RepereJob *job = value;

          g_assert_cmpfloat (repere_job_get_score (job), >=, 0);
          g_assert_cmpfloat_with_epsilon (repere_job_get_computed_score (job), repere_job_get_score (job), 1e-9);
          g_assert_cmpint (repere_job_get_computed_rank (job), >=, 1);
          g_assert_cmpint (repere_job_get_computed_rank (job), <=, repere_job_get_rank (job));
          g_assert_nonnull (repere_job_get_suggested_classification_id (job));
          if (g_strcmp0 (repere_job_get_suggested_classification_id (job),
                         repere_job_get_classification_id (job))
              != 0)
            {
              g_test_message ("%s %s: published %s at %.2f, suggested %s", study_assessments[a],
                              repere_job_get_id (job), repere_job_get_classification_id (job),
                              repere_job_get_score (job), repere_job_get_suggested_classification_id (job));
              g_ptr_array_add (differing,
                               g_strdup_printf ("%s/%s", study_assessments[a], repere_job_get_id (job)));
            }
        }
    }
  g_assert_cmpuint (differing->len, ==, G_N_ELEMENTS (inconsistent_classes));
  for (guint i = 0; i < G_N_ELEMENTS (inconsistent_classes); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (differing, inconsistent_classes[i], g_str_equal, NULL));
}

/* User assessments */

/* The acceptance scenario of the issue: one core job re-rated above every
 * other job of the experts' table, then reverted. */
static void
test_rerate_and_revert (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  RepereScoreFit *fit = repere_score_fit (fixture->db, &error);
  g_autofree char *id = create_assessment (fixture->db, "Ma société 2026", "experts");
  g_autoptr (GHashTable) published = jobs_by_id (fixture->db, "experts");
  g_autoptr (GHashTable) after = NULL;
  g_autofree gpointer *ids = NULL;
  const int counts[5] = { 0, 0, 0, 2, 15 };
  double new_index, old_max, ratio;
  int old_rank;
  guint n_ids, changed = 0, reclassed = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "user-ma-societe-2026");

  /* A new assessment shows the published values. */
  assert_same_as_published (fixture->db, id, "experts");

  new_index = repere_score_raw_index (fit, counts);
  old_max = repere_score_fit_max_index (fit, "experts");
  ratio = old_max / new_index;
  g_test_message ("raw index %.4f > max index %.4f: ratio %.4f", new_index, old_max, ratio);
  /* Above every other job, and far enough for none to keep 1,00. */
  g_assert_cmpfloat (ratio, <, 0.995);

  old_rank = repere_job_get_rank (lookup_job (published, RERATED_JOB));
  set_counts (fixture->db, id, RERATED_JOB, 0, 0, 0, 2, 15);
  assert_counts (fixture->db, id, RERATED_JOB, counts);
  after = jobs_by_id (fixture->db, id);

  {
    RepereJob *job = lookup_job (after, RERATED_JOB);
    g_assert_cmpfloat (repere_job_get_score (job), ==, 1.0);
    g_assert_cmpfloat (repere_job_get_computed_score (job), ==, 1.0);
    g_assert_cmpint (repere_job_get_rank (job), ==, 1);
    g_assert_cmpint (repere_job_get_computed_rank (job), ==, 1);
    g_assert_cmpstr (repere_job_get_classification_id (job), ==, "strong-transformation");
    g_assert_cmpstr (repere_job_get_suggested_classification_id (job), ==, "strong-transformation");
  }

  ids = g_hash_table_get_keys_as_array (published, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      RepereJob *old = lookup_job (published, ids[i]);
      RepereJob *job = lookup_job (after, ids[i]);
      double score = repere_job_get_score (job);
      int rank = repere_job_get_rank (old);
      guint higher = 0;
      const char *expected_class;

      if (strcmp (ids[i], RERATED_JOB) == 0)
        continue;

      /* The whole table is renormalised on the new maximum. */
      g_assert_cmpfloat_with_epsilon (score, repere_job_get_score (old) * ratio, 1e-9);
      g_assert_cmpfloat (repere_job_get_computed_score (job), ==, score);

      /* Positions: one place lower for the jobs above the re-rated one; ties
       * on the score shown are broken as the study broke them. */
      g_assert_cmpint (repere_job_get_rank (job), ==, rank < old_rank ? rank + 1 : rank);

      /* Computed rank: ties as ties, on the score shown. */
      for (guint k = 0; k < n_ids; k++)
        if (round2 (repere_job_get_score (lookup_job (after, ids[k]))) > round2 (score) + 1e-9)
          higher++;
      g_assert_cmpint (repere_job_get_computed_rank (job), ==, higher + 1);

      /* Classes: the published one while the score shown is unchanged, else
       * the thresholds'. Emergent jobs stay emergent. */
      if (g_strcmp0 (repere_job_get_classification_id (old), "emergent") == 0)
        expected_class = "emergent";
      else
        expected_class = threshold_class (score);
      g_assert_cmpstr (repere_job_get_suggested_classification_id (job), ==, expected_class);
      if (fabs (round2 (score) - round2 (repere_job_get_score (old))) < 1e-9)
        g_assert_cmpstr (repere_job_get_classification_id (job), ==, repere_job_get_classification_id (old));
      else
        {
          changed++;
          g_assert_cmpstr (repere_job_get_classification_id (job), ==, expected_class);
          if (g_strcmp0 (expected_class, repere_job_get_classification_id (old)) != 0)
            {
              g_test_message ("%s: %.2f %s -> %.2f %s", (const char *) ids[i], repere_job_get_score (old),
                              repere_job_get_classification_id (old), score, expected_class);
              reclassed++;
            }
        }
    }
  g_test_message ("%u scores shown changed, %u jobs changed class", changed, reclassed);
  g_assert_cmpuint (changed, >, 0);

  /* Revert: back to the published table, exactly. */
  g_assert_true (repere_assessment_revert (fixture->db, id, NULL, &error));
  g_assert_no_error (error);
  assert_same_as_published (fixture->db, id, "experts");
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (fixture->db),
                              "SELECT count(*) FROM user_level_count WHERE assessment_id = ?1", id),
                   ==, 0);
  assert_counts (fixture->db, id, RERATED_JOB, (const int[5]) { 7, 3, 6, 1, 0 });
}

/* The study's assessments stay as published. */
static void
test_read_only (Fixture *fixture, gconstpointer data)
{
  g_autofree char *state = score_state (fixture->db);
  g_autofree char *state_after = NULL;
  const int counts[5] = { 0, 0, 0, 2, 15 };

  for (guint a = 0; a < G_N_ELEMENTS (study_assessments); a++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) revert_error = NULL;
      g_autoptr (GError) delete_error = NULL;

      g_assert_false (repere_assessment_set_level_counts (fixture->db, study_assessments[a], RERATED_JOB, counts,
                                                          &error));
      g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY);
      g_assert_false (repere_assessment_revert (fixture->db, study_assessments[a], NULL, &revert_error));
      g_assert_error (revert_error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY);
      g_assert_false (repere_assessment_delete (fixture->db, study_assessments[a], &delete_error));
      g_assert_error (delete_error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY);
    }
  state_after = score_state (fixture->db);
  g_assert_cmpstr (state_after, ==, state);
  assert_counts (fixture->db, "experts", RERATED_JOB, (const int[5]) { 7, 3, 6, 1, 0 });

  {
    g_autoptr (GError) error = NULL;
    g_assert_false (repere_assessment_set_level_counts (fixture->db, "no-such-assessment", RERATED_JOB, counts,
                                                        &error));
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
  }
}

/* Edits are stored, with who made them and when. */
static void
test_reopen (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) start = g_date_time_new_now_utc ();
  g_autofree char *id = create_assessment (fixture->db, "Réévaluation", "pwc-revised");
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) reopened = NULL;
  g_autofree char *edited_by = NULL;
  g_autofree char *edited_at = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) end = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle;
  GHashTableIter iter;
  gpointer key, value;

  set_counts (fixture->db, id, "infirmier-d-assistance", 1, 2, 3, 4, 5);
  set_counts (fixture->db, id, "formateur-d-assistance", 9, 8, 7, 0, 0);
  end = g_date_time_new_now_utc ();
  before = jobs_by_id (fixture->db, id);

  g_clear_object (&fixture->db);
  fixture->db = open_db (fixture->path);
  handle = repere_db_get_handle (fixture->db);

  assert_counts (fixture->db, id, "infirmier-d-assistance", (const int[5]) { 1, 2, 3, 4, 5 });
  assert_counts (fixture->db, id, "formateur-d-assistance", (const int[5]) { 9, 8, 7, 0, 0 });
  reopened = jobs_by_id (fixture->db, id);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RepereJob *job = lookup_job (reopened, key);
      g_assert_cmpfloat (repere_job_get_score (job), ==, repere_job_get_score (value));
      g_assert_cmpint (repere_job_get_rank (job), ==, repere_job_get_rank (value));
      g_assert_cmpstr (repere_job_get_classification_id (job), ==, repere_job_get_classification_id (value));
    }

  g_assert_cmpint (repere_test_query_int (handle, "SELECT count(*) FROM user_level_count WHERE assessment_id = ?1", id), ==, 2);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT edited_by, edited_at FROM user_level_count"
                                       " WHERE assessment_id = ?1 AND job_id = 'infirmier-d-assistance'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  edited_by = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  edited_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  g_test_message ("edited by %s at %s", edited_by, edited_at);
  g_assert_cmpstr (edited_by, ==, g_get_user_name ());
  when = g_date_time_new_from_iso8601 (edited_at, NULL);
  g_assert_nonnull (when);
  /* The ISO 8601 text may drop sub-second digits. */
  g_assert_cmpint (g_date_time_difference (when, start), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (end, when), >=, 0);
}

/* Negative and all-zero counts are refused and change nothing. */
static void
test_refused_counts (Fixture *fixture, gconstpointer data)
{
  g_autofree char *id = create_assessment (fixture->db, "Refus", "experts");
  g_autofree char *state = NULL;
  const int negative[5] = { 1, 2, -1, 3, 4 };
  const int zero[5] = { 0, 0, 0, 0, 0 };

  set_counts (fixture->db, id, RERATED_JOB, 1, 1, 1, 5, 3);
  state = score_state (fixture->db);

  {
    g_autoptr (GError) error = NULL;
    g_assert_false (repere_assessment_set_level_counts (fixture->db, id, RERATED_JOB, negative, &error));
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
    g_test_message ("negative: %s", error->message);
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (repere_assessment_set_level_counts (fixture->db, id, RERATED_JOB, zero, &error));
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
    g_test_message ("all zero: %s", error->message);
  }
  /* On a job without counts yet too. */
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (repere_assessment_set_level_counts (fixture->db, id, "juriste", zero, &error));
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
  }
  {
    g_autofree char *state_after = score_state (fixture->db);
    g_assert_cmpstr (state_after, ==, state);
  }
  assert_counts (fixture->db, id, RERATED_JOB, (const int[5]) { 1, 1, 1, 5, 3 });

  /* The connection is usable afterwards: no transaction left open. */
  g_assert_true (sqlite3_get_autocommit (repere_db_get_handle (fixture->db)));
  set_counts (fixture->db, id, RERATED_JOB, 2, 1, 1, 5, 3);
  assert_counts (fixture->db, id, RERATED_JOB, (const int[5]) { 2, 1, 1, 5, 3 });
}

/* An assessment copied from a user assessment derives from the same study
 * assessment: published scores and max index of that root. */
static void
test_based_on_user (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  RepereScoreFit *fit = repere_score_fit (fixture->db, &error);
  g_autofree char *first = create_assessment (fixture->db, "Première", "pwc-initial");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (GHashTable) published = jobs_by_id (fixture->db, "pwc-initial");
  g_autoptr (GHashTable) jobs = NULL;
  g_autofree gpointer *ids = NULL;
  const int counts[5] = { 0, 0, 1, 3, 12 };
  double ratio;
  guint n_ids;

  g_assert_no_error (error);
  /* Level 1 only: the lowest exposure there is. The weights are kept
   * non-negative, so the score is within 0..1. */
  set_counts (fixture->db, first, "medecin-d-assistance", 27, 0, 0, 0, 0);
  {
    g_autoptr (GHashTable) first_jobs = jobs_by_id (fixture->db, first);
    double score = repere_job_get_computed_score (lookup_job (first_jobs, "medecin-d-assistance"));
    g_test_message ("level 1 only: score %.4f (w1 = %.4f)", score, fit->weights[0]);
    g_assert_cmpfloat (score, >=, 0);
    g_assert_cmpfloat (score, <=, 0.02);
  }
  second = create_assessment (fixture->db, "Seconde", first);
  third = create_assessment (fixture->db, "Troisième", second);
  g_assert_cmpstr (second, ==, "user-seconde");
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (fixture->db),
                              "SELECT count(*) FROM assessment WHERE based_on = ?1", first),
                   ==, 1);

  /* Re-rating the third (two levels down) renormalises on pwc-initial. */
  set_counts (fixture->db, third, "support-technique-d-assistance", 0, 0, 1, 3, 12);
  ratio = repere_score_fit_max_index (fit, "pwc-initial") / repere_score_raw_index (fit, counts);
  g_assert_cmpfloat (ratio, <, 1);
  jobs = jobs_by_id (fixture->db, third);
  ids = g_hash_table_get_keys_as_array (published, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      RepereJob *job = lookup_job (jobs, ids[i]);
      double expected = repere_job_get_score (lookup_job (published, ids[i])) * ratio;

      if (strcmp (ids[i], "support-technique-d-assistance") == 0)
        expected = 1.0;
      /* Copies inherit the counts entered upstream: Médecin's level-1-only row. */
      if (strcmp (ids[i], "medecin-d-assistance") == 0)
        expected = repere_score_raw_index (fit, (const int[5]) { 27, 0, 0, 0, 0 }) / repere_score_raw_index (fit, counts);
      g_assert_cmpfloat_with_epsilon (repere_job_get_computed_score (job), expected, 1e-9);
    }

  /* The chain's other assessments are untouched by the third's edit. */
  assert_counts (fixture->db, first, "medecin-d-assistance", (const int[5]) { 27, 0, 0, 0, 0 });
  assert_counts (fixture->db, second, "support-technique-d-assistance", (const int[5]) { 11, 9, 22, 4, 3 });

  /* Reverting the third returns it to pwc-initial's published table. */
  g_assert_true (repere_assessment_revert (fixture->db, third, NULL, &error));
  g_assert_no_error (error);
  assert_same_as_published (fixture->db, third, "pwc-initial");
}

/* A copy of a user assessment starts with that assessment's scores, ranks and
 * classes (repere_assessment_create: "same scores, ranks and classes as
 * @based_on until jobs are re-rated"). */
static void
test_copy_of_user (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = create_assessment (fixture->db, "Originale", "experts");
  g_autofree char *copy = NULL;
  g_autoptr (GHashTable) original = NULL;
  g_autoptr (GHashTable) copied = NULL;
  g_autofree gpointer *ids = NULL;
  guint n_ids, differ = 0;

  set_counts (fixture->db, first, RERATED_JOB, 0, 0, 0, 2, 15);
  copy = create_assessment (fixture->db, "Copie", first);
  original = jobs_by_id (fixture->db, first);
  copied = jobs_by_id (fixture->db, copy);
  ids = g_hash_table_get_keys_as_array (original, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      RepereJob *expected = lookup_job (original, ids[i]);
      RepereJob *job = lookup_job (copied, ids[i]);

      if (repere_job_get_score (job) != repere_job_get_score (expected)
          || repere_job_get_rank (job) != repere_job_get_rank (expected)
          || g_strcmp0 (repere_job_get_classification_id (job), repere_job_get_classification_id (expected)) != 0)
        differ++;
    }
  /* The copy starts with the counts entered in @based_on, so with its table. */
  g_assert_cmpuint (differ, ==, 0);
  assert_counts (fixture->db, copy, RERATED_JOB, (const int[5]) { 0, 0, 0, 2, 15 });
}

/* Counts for a job that does not exist are refused and change nothing. */
static void
test_unknown_job (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = create_assessment (fixture->db, "Inconnu", "experts");
  g_autofree char *state = score_state (fixture->db);
  g_autofree char *state_after = NULL;
  const int counts[5] = { 1, 2, 3, 4, 5 };

  g_assert_false (repere_assessment_set_level_counts (fixture->db, id, "no-such-job", counts, &error));
  g_assert_nonnull (error);
  g_test_message ("unknown job: %s", error->message);
  g_assert_true (error->domain == REPERE_DB_ERROR);
  g_assert_true (error->code == REPERE_DB_ERROR_NOT_FOUND || error->code == REPERE_DB_ERROR_QUERY);
  state_after = score_state (fixture->db);
  g_assert_cmpstr (state_after, ==, state);
  g_assert_true (sqlite3_get_autocommit (repere_db_get_handle (fixture->db)));
}

/* The job sheet prints ranks "out of" the referential's jobs: the study's
 * 58 (Annexe 1.1, each ranking table ranks 1–58). */
static void
test_count_jobs (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) jobs = repere_db_list_jobs (fixture->db, &(RepereJobFilter) { 0 }, &error);

  g_assert_no_error (error);
  g_assert_cmpint (repere_db_count_jobs (fixture->db, &error), ==, 58);
  g_assert_no_error (error);
  g_assert_cmpint (repere_db_count_jobs (fixture->db, &error), ==, (int) g_list_model_get_n_items (G_LIST_MODEL (jobs)));
  /* A database without its job table: -1 and an error, not a guess. */
  g_assert_true (repere_sql_exec (repere_db_get_handle (fixture->db), "ALTER TABLE job RENAME TO job_gone", &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_db_count_jobs (fixture->db, &error), ==, -1);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
}

/* The evolution view's comparison when none is chosen: the assessment each
 * derives from, as the study builds them (3.2.2.1 revises the initial
 * ranking of Annexe 1.1, 3.2.2.2 the revised one), a user assessment's
 * base, else the first other study assessment. */
static void
test_default_comparison (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *assessment;
    const char *expected;
  } cases[] = { { "experts", "pwc-revised" },
                { "pwc-revised", "pwc-initial" },
                { "pwc-initial", "pwc-revised" },
                { "no-such-assessment", "no-such-assessment" } };
  g_autoptr (GError) error = NULL;
  g_autofree char *user = create_assessment (fixture->db, "Comparée", "experts");
  g_autofree char *copy = create_assessment (fixture->db, "Copie comparée", user);
  g_autofree char *other = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = repere_assessment_default_comparison (fixture->db, cases[i].assessment, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, cases[i].expected);
    }
  other = repere_assessment_default_comparison (fixture->db, user, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, ==, "experts");
  g_clear_pointer (&other, g_free);
  other = repere_assessment_default_comparison (fixture->db, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, ==, user);
  g_clear_pointer (&other, g_free);
  /* A query that cannot run is an error, not the assessment itself. */
  g_assert_true (repere_sql_exec (repere_db_get_handle (fixture->db),
                                  "ALTER TABLE assessment RENAME TO assessment_gone", &error));
  g_assert_no_error (error);
  other = repere_assessment_default_comparison (fixture->db, "experts", &error);
  g_assert_null (other);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/score/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fit", test_fit);
  ADD ("study-computed", test_study_computed);
  ADD ("rerate-and-revert", test_rerate_and_revert);
  ADD ("read-only", test_read_only);
  ADD ("reopen", test_reopen);
  ADD ("refused-counts", test_refused_counts);
  ADD ("based-on-user", test_based_on_user);
  ADD ("copy-of-user", test_copy_of_user);
  ADD ("unknown-job", test_unknown_job);
  ADD ("count-jobs", test_count_jobs);
  ADD ("default-comparison", test_default_comparison);
#undef ADD

  return g_test_run ();
}
