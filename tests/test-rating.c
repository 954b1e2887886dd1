/* test-rating.c: ratings by several raters, drafts, retained competencies,
 * history, consolidation, Krippendorff's alpha, rating sheets, and the
 * upgrade of a schema 4 database (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "repere-agreement.h"
#include "repere-competency.h"
#include "repere-csv.h"
#include "repere-db.h"
#include "repere-rating-history.h"
#include "repere-rating-sheet.h"
#include "repere-rating.h"
#include "repere-rome-import.h"
#include "repere-score.h"
#include "repere-spreadsheet.h"
#include "repere-table-import.h"
#include "repere-test-util.h"
#include "repere-text.h"
#include "rome-test-util.h"

/* libgsf declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)

/* The job of acceptance 2: Chargé d'assistance, 46 competencies through the
 * bundled mapping (D1408, M1601 …) in ROME v460. */
#define JOB "charge-d-assistance"

typedef struct
{
  char *dir;
  char *path;
  RepereDb *db;
  char *assessment;
} Fixture;

static char *template_path; /* a database with ROME v460 imported, made once */

static sqlite3 *
handle (Fixture *f)
{
  return repere_db_get_handle (f->db);
}

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
copy_file (const char *from, const char *to)
{
  g_autoptr (GFile) a = g_file_new_for_path (from);
  g_autoptr (GFile) b = g_file_new_for_path (to);
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A database with ROME v460 imported (../shared/rome/v460, as in CI). */
static const char *
v460_template (void)
{
  if (template_path == NULL)
    {
      const char *rome = rome_test_v460_dir ();
      g_autoptr (GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("repere-rating-template-XXXXXX", &error);
      g_autoptr (RepereDb) db = NULL;
      g_autoptr (RepereRomeImport) import = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (rome);
      template_path = g_build_filename (dir, "template.db", NULL);
      db = repere_db_open (template_path, &error);
      g_assert_no_error (error);
      import = repere_rome_import_prepare (db, rome, REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL,
                                           &error);
      g_assert_no_error (error);
      g_assert_cmpint (repere_rome_import_apply (import, NULL, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
      g_assert_true (
          repere_sql_exec (repere_db_get_handle (db), "PRAGMA wal_checkpoint (TRUNCATE)", NULL));
    }
  return template_path;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("repere-rating-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "repere.db", NULL);
  if (data != NULL)
    copy_file (v460_template (), f->path);
  f->db = repere_db_open (f->path, &error);
  g_assert_no_error (error);
  f->assessment = repere_assessment_create (f->db, "Ma société", "experts", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->assessment, ==, "user-ma-societe");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  g_free (f->path);
  g_free (f->assessment);
  repere_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* The job's retained competency ids, in the job page's order. */
static GArray *
competency_ids (Fixture *f, const char *job)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = repere_competency_list_for_job (f->db, job, f->assessment, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_array_append_val (ids, ((RepereJobCompetency *) g_ptr_array_index (list, i))->id);
  return ids;
}

static void
rate (Fixture *f, const char *job, const char *rater, gint64 id, int level)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (repere_rating_rate (f->db, f->assessment, job, rater, &id, 1, level, &error));
  g_assert_no_error (error);
}

/* Krippendorff's alpha --------------------------------------------------- */

/* The worked example of K. Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability" (2011-01-25, ScholarlyCommons, University of
 * Pennsylvania, asc_papers/43), section C: 4 observers, 12 units, values
 * 1–5, missing values ('.' = 0 here). The paper gives α = 0.743 (nominal),
 * 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio); n = 40 pairable
 * values (units 12, with one value, and unit 11 … are as in the paper). */
static const int krippendorff_2011[12 * 4] = {
  /*        A  B  C  D */
  /* 1 */ 1,  1, 0, 1,
  /* 2 */ 2,  2, 3, 2,
  /* 3 */ 3,  3, 3, 3,
  /* 4 */ 3,  3, 3, 3,
  /* 5 */ 2,  2, 2, 2,
  /* 6 */ 1,  2, 3, 4,
  /* 7 */ 4,  4, 4, 4,
  /* 8 */ 1,  1, 2, 1,
  /* 9 */ 2,  2, 2, 2,
  /* 10 */ 0, 5, 5, 5,
  /* 11 */ 0, 0, 1, 1,
  /* 12 */ 0, 3, 0, 0,
};

static void
test_alpha_worked_example (void)
{
  guint pairable = 0;

  g_assert_cmpfloat_with_epsilon (
      repere_alpha (krippendorff_2011, 12, 4, 5, REPERE_ALPHA_ORDINAL, &pairable), 0.815, 0.0005);
  g_assert_cmpuint (pairable, ==, 40);
  g_assert_cmpfloat_with_epsilon (
      repere_alpha (krippendorff_2011, 12, 4, 5, REPERE_ALPHA_NOMINAL, NULL), 0.743, 0.0005);
  g_assert_cmpfloat_with_epsilon (
      repere_alpha (krippendorff_2011, 12, 4, 5, REPERE_ALPHA_INTERVAL, NULL), 0.849, 0.0005);
  g_assert_cmpfloat_with_epsilon (
      repere_alpha (krippendorff_2011, 12, 4, 5, REPERE_ALPHA_RATIO, NULL), 0.797, 0.0005);
}

static void
test_alpha_limits (void)
{
  static const int perfect[] = { 1, 1, 3, 3, 5, 5, 2, 2 };
  static const int same[] = { 3, 3, 3, 3 };
  static const int lone[] = { 1, 0, 0, 4, 5, 0 };
  static const int opposite[] = { 1, 5, 5, 1 };
  guint pairable;

  g_assert_cmpfloat (repere_alpha (perfect, 4, 2, 5, REPERE_ALPHA_ORDINAL, NULL), ==, 1.0);
  /* No variation: expected disagreement 0, alpha undefined. */
  g_assert_true (isnan (repere_alpha (same, 2, 2, 5, REPERE_ALPHA_ORDINAL, NULL)));
  /* Units with one value are not pairable. */
  g_assert_true (isnan (repere_alpha (lone, 3, 2, 5, REPERE_ALPHA_ORDINAL, &pairable)));
  g_assert_cmpuint (pairable, ==, 0);
  /* Systematic disagreement: below 0. */
  g_assert_cmpfloat (repere_alpha (opposite, 2, 2, 5, REPERE_ALPHA_ORDINAL, NULL), <, 0.0);
}

static void
test_rules (void)
{
  RepereRule median = { REPERE_RULE_MEDIAN, NULL }, mean = { REPERE_RULE_MEAN, NULL };
  RepereRule bob = { REPERE_RULE_RATER, (char *) "Bob" };
  g_autoptr (GError) error = NULL;
  RepereRule parsed = { 0 };
  const char *const raters[] = { "Alice", "Bob", "Carol", "Dan" };
  const int two[] = { 2, 3 };
  const int three[] = { 1, 2, 4 };
  const int four[] = { 2, 3, 4, 4 };
  const int far[] = { 1, 5 };

  g_assert_cmpfloat (repere_levels_median (two, 2), ==, 2.5);
  g_assert_cmpint (repere_rule_apply (&median, two, NULL, 2), ==, 3);
  g_assert_cmpint (repere_rule_apply (&median, three, NULL, 3), ==, 2);
  g_assert_cmpint (repere_rule_apply (&mean, three, NULL, 3), ==, 2);  /* 2.33 */
  g_assert_cmpint (repere_rule_apply (&median, four, NULL, 4), ==, 4); /* 3.5 */
  g_assert_cmpint (repere_rule_apply (&mean, four, NULL, 4), ==, 3);   /* 3.25 */
  g_assert_cmpint (repere_rule_apply (&median, far, NULL, 2), ==, 3);
  g_assert_cmpint (repere_rule_apply (&bob, three, raters, 3), ==, 2);
  g_assert_cmpint (repere_rule_apply (&bob, four, raters + 2, 2), ==, 3); /* no Bob: the median */
  g_assert_true (repere_rule_parse ("rater:Léa Petit", &parsed, &error));
  g_assert_cmpint (parsed.kind, ==, REPERE_RULE_RATER);
  g_assert_cmpstr (parsed.rater, ==, "Léa Petit");
  repere_rule_clear (&parsed);
  g_assert_false (repere_rule_parse ("mode", &parsed, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

/* Drafts and coverage (acceptance 2) ------------------------------------- */

static char *
scores (Fixture *f)
{
  return query_dump (handle (f), "SELECT job_id, raw_index, score, basis FROM computed_result"
                                 " WHERE assessment_id = 'user-ma-societe' ORDER BY job_id");
}

/* What the model of docs/scoring.md gives every job once @job's ratings
 * are in force with @counts: x_j / max x, the other jobs at their
 * published score × max x of the experts' table. */
static void
assert_model (Fixture *f, const char *job, const int counts[5])
{
  g_autoptr (GError) error = NULL;
  RepereScoreFit *fit = repere_score_fit (f->db, &error);
  double root_max = repere_score_fit_max_index (fit, "experts");
  double x_job = repere_score_raw_index (fit, counts), max = x_job;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (
                       handle (f),
                       "SELECT r.job_id, r.score, c.score FROM published_result r"
                       " JOIN computed_result c ON c.job_id = r.job_id"
                       " AND c.assessment_id = 'user-ma-societe' WHERE r.assessment_id = 'experts'",
                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), job) != 0)
      max = MAX (max, sqlite3_column_double (stmt, 1) * root_max);
  sqlite3_reset (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      double expected = g_strcmp0 (id, job) == 0 ? x_job / max
                                                 : sqlite3_column_double (stmt, 1) * root_max / max;
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 2), expected, 1e-9);
    }
  sqlite3_finalize (stmt);
}

static char *run_cli (const char *const *args, int expected_status, char **errors);

static void
test_draft (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = competency_ids (f, JOB);
  g_autofree char *published = scores (f);
  g_autofree char *after = NULL;
  g_autofree char *basis = NULL;
  g_autofree char *expected_basis = NULL;
  RepereRatingProgress progress;
  int counts[5] = { 0 };

  /* Chargé d'assistance has 46 competencies through the bundled mapping. */
  g_assert_cmpuint (ids->len, ==, 46);
  /* Three ratings of 46: a draft "3 / 46"; no score of the assessment
   * moves, the job's included. */
  rate (f, JOB, NULL, g_array_index (ids, gint64, 0), 4);
  rate (f, JOB, NULL, g_array_index (ids, gint64, 1), 5);
  rate (f, JOB, NULL, g_array_index (ids, gint64, 2), 2);
  after = scores (f);
  g_assert_cmpstr (after, ==, published);
  g_assert_true (repere_rating_get_progress (f->db, f->assessment, JOB, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (progress.basis, ==, "published");
  g_assert_cmpint (progress.rated, ==, 3);
  g_assert_cmpint (progress.retained, ==, 46);
  g_assert_cmpuint (progress.n_raters, ==, 1);
  basis = repere_rating_describe_basis (progress.basis, progress.rated, progress.retained);
  g_assert_nonnull (strstr (basis, "3 / 46"));
  repere_rating_progress_clear (&progress);
  /* The job list shows it too. */
  {
    RepereJobFilter filter = { f->assessment, NULL, NULL, FALSE, NULL, REPERE_SORT_RANK, FALSE };
    g_autoptr (GListStore) jobs = repere_db_list_jobs (f->db, &filter, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
      {
        g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
        g_assert_cmpint (repere_job_is_draft (job), ==,
                         g_strcmp0 (repere_job_get_id (job), JOB) == 0);
        if (repere_job_is_draft (job))
          {
            g_assert_cmpint (repere_job_get_rated (job), ==, 3);
            g_assert_cmpint (repere_job_get_retained (job), ==, 46);
          }
      }
  }
  /* And repere-cli show. */
  {
    const char *show[] = { "--database", f->path, "show", JOB, "--assessment", f->assessment, NULL };
    g_autofree char *out = run_cli (show, 0, NULL);
    g_assert_nonnull (strstr (out, "basis of the score: published · draft 3 / 46 rated"));
  }
  /* The counts in force are still the fiche's (4.2). */
  g_assert_true (repere_assessment_get_level_counts (f->db, f->assessment, JOB, counts, &error));
  g_assert_cmpint (counts[0] + counts[1] + counts[2] + counts[3] + counts[4], ==, 17);

  /* Applied: the table moves as the model says. */
  g_assert_true (repere_rating_apply (f->db, f->assessment, JOB, TRUE, &error));
  g_assert_no_error (error);
  {
    const int applied[5] = { 0, 1, 0, 1, 1 };
    assert_model (f, JOB, applied);
  }
  /* Back to a draft: the published table exactly. */
  g_assert_true (repere_rating_apply (f->db, f->assessment, JOB, FALSE, &error));
  g_clear_pointer (&after, g_free);
  after = scores (f);
  g_assert_cmpstr (after, ==, published);

  /* Complete: every retained competency rated, in force without applying. */
  {
    g_autoptr (GArray) rest = g_array_new (FALSE, FALSE, sizeof (gint64));
    const int complete[5] = { 0, 1, 43, 1, 1 };
    g_array_append_vals (rest, &g_array_index (ids, gint64, 3), ids->len - 3);
    g_assert_true (repere_rating_rate (f->db, f->assessment, JOB, NULL, (gint64 *) rest->data,
                                       rest->len, 3, &error));
    g_assert_no_error (error);
    assert_model (f, JOB, complete);
    g_assert_true (repere_rating_get_progress (f->db, f->assessment, JOB, &progress, &error));
    g_assert_cmpstr (progress.basis, ==, "ratings");
    expected_basis
        = repere_rating_describe_basis (progress.basis, progress.rated, progress.retained);
    g_assert_nonnull (strstr (expected_basis, "46 / 46"));
    repere_rating_progress_clear (&progress);
  }
  /* One competency not retained: 45 / 45, still complete, one level less. */
  {
    gint64 first = g_array_index (ids, gint64, 0);
    const int retained[5] = { 0, 1, 43, 0, 1 };
    g_assert_true (
        repere_rating_set_retained (f->db, f->assessment, JOB, &first, 1, FALSE, &error));
    g_assert_no_error (error);
    assert_model (f, JOB, retained);
    g_assert_true (repere_rating_get_progress (f->db, f->assessment, JOB, &progress, &error));
    g_assert_cmpint (progress.retained, ==, 45);
    g_assert_cmpint (progress.rated, ==, 45);
    repere_rating_progress_clear (&progress);
  }
  /* Reverting the assessment: the published values exactly. */
  g_assert_true (repere_rating_revert (f->db, f->assessment, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = scores (f);
  g_assert_cmpstr (after, ==, published);
  g_assert_cmpint (
      repere_test_query_int (handle (f), "SELECT count (*) FROM competency_exclusion", NULL), ==,
      0);
}

/* A rating of a competency the job does not have, of a study assessment,
 * out of range: refused, nothing written. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = rome_test_dump (handle (f));
  g_autofree char *after = NULL;
  gint64 unknown = 999999999, id;
  g_autoptr (GArray) ids = competency_ids (f, JOB);

  id = g_array_index (ids, gint64, 0);
  g_assert_false (repere_rating_rate (f->db, f->assessment, JOB, NULL, &unknown, 1, 3, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (repere_rating_rate (f->db, "experts", JOB, NULL, &id, 1, 3, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (repere_rating_rate (f->db, f->assessment, JOB, NULL, &id, 1, 6, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_false (repere_rating_rate (f->db, f->assessment, JOB, "", &id, 1, 3, &error));
  g_clear_error (&error);
  after = rome_test_dump (handle (f));
  g_assert_cmpstr (after, ==, before);
}

/* History, undo and redo ------------------------------------------------- */

static char *
state (Fixture *f)
{
  return query_dump (
      handle (f),
      "SELECT 'r', assessment_id, job_id, competency_id, rater, level, rated_at FROM rater_rating"
      " UNION ALL SELECT 'c', assessment_id, job_id, competency_id, level, rated_by, rated_at FROM "
      "rating"
      " UNION ALL SELECT 'e', assessment_id, job_id, competency_id, excluded_by, '', '' FROM"
      " competency_exclusion"
      " UNION ALL SELECT 'a', assessment_id, job_id, applied_by, '', '', '' FROM rating_applied"
      " UNION ALL SELECT 'u', assessment_id, job_id, n1 || n2 || n3 || n4 || n5, '', '', ''"
      "   FROM user_level_count"
      " UNION ALL SELECT 'k', assessment_id, rule, rater, '', '', '' FROM consolidation_rule"
      " UNION ALL SELECT 's', assessment_id, job_id, printf ('%.12f', score), basis, rated, "
      "retained"
      "   FROM computed_result WHERE assessment_id <> 'experts'"
      " ORDER BY 1, 2, 3, 4, 5");
}

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = competency_ids (f, JOB);
  g_autoptr (RepereUndoStack) stack = repere_undo_stack_new (f->db);
  g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) changes = NULL;
  const int counts[5] = { 3, 3, 3, 3, 3 };
  RepereRule mean = { REPERE_RULE_MEAN, NULL };
  gint64 two[2];
  guint n_changes;

  two[0] = g_array_index (ids, gint64, 0);
  two[1] = g_array_index (ids, gint64, 1);
  g_ptr_array_add (states, state (f));
  /* Each kind of change, one after the other, each pushed for undo. */
  g_assert_true (repere_rating_rate (f->db, f->assessment, JOB, "Alice", two, 2, 4, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_true (repere_rating_rate (f->db, f->assessment, JOB, "Bob", two, 1, 1, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_true (repere_rating_set_retained (f->db, f->assessment, JOB, two + 1, 1, FALSE, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_true (repere_rating_apply (f->db, f->assessment, JOB, TRUE, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_true (repere_rating_consolidate (f->db, f->assessment, &mean, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_true (
      repere_assessment_set_level_counts (f->db, f->assessment, "juriste", counts, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_true (repere_rating_revert (f->db, f->assessment, NULL, &error));
  g_assert_true (repere_undo_stack_push_last (stack));
  g_ptr_array_add (states, state (f));
  g_assert_no_error (error);
  /* A change that changes nothing is no change. */
  g_assert_true (repere_rating_apply (f->db, f->assessment, JOB, FALSE, &error));
  g_assert_false (repere_undo_stack_push_last (stack));

  /* The history lists them, newest first, with who and what. */
  changes = repere_change_list (f->db, f->assessment, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 7);
  g_assert_cmpstr (((RepereChange *) g_ptr_array_index (changes, 0))->kind, ==, "revert");
  g_assert_cmpstr (((RepereChange *) g_ptr_array_index (changes, 6))->kind, ==, "rate");
  g_assert_cmpstr (((RepereChange *) g_ptr_array_index (changes, 6))->changed_by, ==,
                   repere_rating_current_user ());
  g_assert_nonnull (strstr (((RepereChange *) g_ptr_array_index (changes, 6))->summary, "Alice"));
  g_assert_cmpuint (((RepereChange *) g_ptr_array_index (changes, 6))->n_rows, ==, 2);
  {
    /* Dates as people write them, not ISO. */
    g_autofree char *date
        = repere_format_date (((RepereChange *) g_ptr_array_index (changes, 0))->changed_at);
    g_assert_null (strchr (date, 'T'));
    g_assert_nonnull (strstr (date, "20"));
  }
  n_changes = changes->len;

  /* Undo each, back to the start, state by state; then redo each. */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;
      g_assert_true (repere_undo_stack_can_undo (stack));
      g_assert_true (repere_undo_stack_undo (stack, NULL, &error));
      g_assert_no_error (error);
      now = state (f);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (repere_undo_stack_can_undo (stack));
  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;
      g_assert_true (repere_undo_stack_redo (stack, NULL, &error));
      g_assert_no_error (error);
      now = state (f);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (repere_undo_stack_can_redo (stack));
  /* Undo and redo are in the history too. */
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = repere_change_list (f->db, f->assessment, NULL, 0, &error);
  g_assert_cmpuint (changes->len, ==, n_changes + 2 * (states->len - 1));
  g_assert_cmpstr (((RepereChange *) g_ptr_array_index (changes, 0))->kind, ==, "redo");
  g_assert_nonnull (
      strstr (((RepereChange *) g_ptr_array_index (changes, 0))->summary, "published"));
  /* A new change forgets what could be redone. */
  g_assert_true (repere_undo_stack_undo (stack, NULL, &error));
  g_assert_true (repere_undo_stack_can_redo (stack));
  rate (f, JOB, NULL, two[0], 2);
  repere_undo_stack_push_last (stack);
  g_assert_false (repere_undo_stack_can_redo (stack));
}

/* Upgrade of a schema 4 database ----------------------------------------- */

static void
exec_file (sqlite3 *db, const char *path)
{
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (path, &sql, NULL, &error));
  g_assert_no_error (error);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", path, message);
}

/* A database as the current release (schema 4) writes it: its schema
 * files, the study's tables, a small ROME referential mapped to Chargé
 * d'assistance, a user assessment with competency ratings by "Marie
 * Dupont" and level counts typed for another job. */
static void
build_schema4 (const char *path)
{
  static const char *const schema[]
      = { "001-initial.sql", "002-views-search.sql", "003-scoring.sql", "004-rome.sql" };
  static const char *const study[] = { "family",
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
                                       "emergent_job" };
  const char *root = g_getenv ("REPERE_SOURCE_ROOT");
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_nonnull (root);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON; BEGIN", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (schema); i++)
    {
      g_autofree char *file = g_build_filename (root, "schema", schema[i], NULL);
      exec_file (db, file);
    }
  for (guint i = 0; i < G_N_ELEMENTS (study); i++)
    {
      g_autofree char *csv = g_strdup_printf ("%s/data/study/%s.csv", root, study[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (RepereCsvReader) reader
          = repere_csv_reader_new_for_path (csv, REPERE_CSV_ENCODING_UTF8, &error);
      g_assert_no_error (error);
      g_assert_true (repere_table_import (db, study[i], reader, NULL, &error));
      g_assert_no_error (error);
    }
  if (sqlite3_exec (
          db,
          "INSERT INTO import_batch (id, kind, label, started_at) VALUES"
          " (100, 'rome', 'ROME fixture', '2025-01-01T00:00:00Z');"
          "INSERT INTO rome_code VALUES ('D1408', 'Conseiller clientèle à distance', 1, 'D1408', "
          "100);"
          "INSERT INTO competency (id, nature, label, category, subcategory, batch_id) VALUES"
          " (500, 'macro', 'Développer la relation client', 'Savoir-faire', '', 100),"
          " (501, 'competence', 'Développer une relation de confiance', 'Savoir-faire', '', 100),"
          " (502, 'macro', 'Faire preuve d''écoute', 'Savoir-être professionnel', '', 100);"
          "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id) VALUES"
          " ('D1408', 500, 'savoir-faire', 'principale', 100), ('D1408', 501, 'savoir-faire', '', "
          "100),"
          " ('D1408', 502, 'savoir-etre', '', 100);"
          "INSERT INTO job_rome (job_id, rome_code) VALUES ('charge-d-assistance', 'D1408');"
          "INSERT INTO assessment (id, name, description, position, is_study, based_on, source) "
          "VALUES"
          " ('user-ma-societe', 'Ma société', 'Copie', 4, 0, 'experts', 'user');"
          "INSERT INTO rating VALUES"
          " ('user-ma-societe', 'charge-d-assistance', '500', 5, 'Marie Dupont', "
          "'2026-01-05T10:00:00Z'),"
          " ('user-ma-societe', 'charge-d-assistance', '501', 1, 'Marie Dupont', "
          "'2026-01-05T10:01:00Z');"
          "INSERT INTO user_level_count VALUES"
          " ('user-ma-societe', 'juriste', 1, 2, 3, 4, 5, 'marie', '2026-01-04T09:00:00Z');"
          "PRAGMA user_version = 4; COMMIT",
          NULL, NULL, &message)
      != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static void
test_upgrade (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("repere-upgrade-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr (RepereDb) db = NULL;
  g_autofree char *ratings_before = NULL;
  g_autofree char *ratings_after = NULL;
  g_autofree char *counts_before = NULL;
  g_autofree char *counts_after = NULL;
  sqlite3 *old = NULL;
  sqlite3 *h;

  build_schema4 (path);
  g_assert_cmpint (sqlite3_open (path, &old), ==, SQLITE_OK);
  ratings_before = query_dump (old, "SELECT * FROM rating ORDER BY 1, 2, 3");
  counts_before = query_dump (old, "SELECT * FROM user_level_count ORDER BY 1, 2");
  sqlite3_close (old);

  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  h = repere_db_get_handle (db);
  g_assert_cmpint (repere_db_get_schema_version (db), ==, REPERE_DB_SCHEMA_VERSION);
  /* Nothing lost: the ratings and counts as they were; the ratings are
   * now the ratings of the rater recorded with them. */
  ratings_after = query_dump (h, "SELECT * FROM rating ORDER BY 1, 2, 3");
  g_assert_cmpstr (ratings_after, ==, ratings_before);
  counts_after = query_dump (h, "SELECT * FROM user_level_count ORDER BY 1, 2");
  g_assert_cmpstr (counts_after, ==, counts_before);
  {
    g_autofree char *raters
        = query_dump (h, "SELECT job_id, competency_id, rater, level, rated_at FROM rater_rating"
                         " ORDER BY 1, 2");
    g_assert_cmpstr (raters, ==,
                     "charge-d-assistance|500|Marie Dupont|5|2026-01-05T10:00:00Z\n"
                     "charge-d-assistance|501|Marie Dupont|1|2026-01-05T10:01:00Z\n");
  }
  /* No score moves: as in schema 4 the ratings give the job's counts
   * (1, 0, 0, 0, 1), 2 of its 3 competencies, applied on upgrade; its raw
   * index (w1 + w5) / 2 is the largest, so it scores 1,00. */
  g_assert_cmpint (repere_test_query_int (h, "SELECT count (*) FROM rating_applied", NULL), ==, 1);
  g_assert_cmpint (
      repere_test_query_int (h,
                             "SELECT basis = 'ratings' AND score = 1 AND rated = 2 AND retained = 3"
                             " FROM computed_result WHERE assessment_id = 'user-ma-societe'"
                             " AND job_id = 'charge-d-assistance'",
                             NULL),
      ==, 1);
  g_assert_cmpint (
      repere_test_query_int (h,
                             "SELECT basis = 'counts' FROM computed_result"
                             " WHERE assessment_id = 'user-ma-societe' AND job_id = 'juriste'",
                             NULL),
      ==, 1);
  /* The upgrade is no change of the history; the assessment can be used. */
  g_assert_cmpint (repere_test_query_int (h, "SELECT count (*) FROM rating_change", NULL), ==, 0);
  {
    gint64 id = 502;
    g_assert_true (repere_rating_rate (db, "user-ma-societe", "charge-d-assistance", "Marie Dupont",
                                       &id, 1, 2, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&db);
  repere_test_remove_dir (dir);
}

/* Rating sheets: round trip (acceptance 3) -------------------------------- */

static char *
run_cli (const char *const *args, int expected_status, char **errors)
{
  const char *cli = g_getenv ("REPERE_CLI");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  char *err = NULL;
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (expected_status == 0 && !g_spawn_check_wait_status (status, NULL))
    g_error ("repere-cli %s failed: %s", args[0], err);
  if (expected_status != 0)
    g_assert_false (g_spawn_check_wait_status (status, NULL));
  if (errors)
    *errors = err;
  else
    g_free (err);
  return out;
}

/* Converts @path with LibreOffice (headless) into @format in @dir. */
static char *
libreoffice (const char *path, const char *format, const char *extension, const char *dir)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile
      = g_strconcat ("-env:UserInstallation=file://", dir, "/lo-profile", NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_strndup (base, strrchr (base, '.') - base);
  g_autofree char *out_dir = g_build_filename (dir, extension, NULL);
  char *converted = g_strdup_printf ("%s/%s.%s", out_dir, stem, extension);
  const char *argv[]
      = { soffice, "--headless", profile, "--convert-to", format, "--outdir", out_dir, path, NULL };
  g_autoptr (GError) error = NULL;
  int status;

  if (soffice == NULL)
    g_error ("soffice not found: scripts/dev deps installs libreoffice-calc-nogui");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (converted, G_FILE_TEST_IS_REGULAR));
  return converted;
}

static const char *const raters[] = { "Alice Martin", "Bruno Lefèvre", "Chloé Durand" };

/* Rater r's level of the i-th competency of job j: fixed, varied, some
 * two levels apart. */
static int
level_of (guint r, guint j, guint i)
{
  return 1 + (int) ((i * 7 + j * 3 + r * (i % 3 == 0 ? 2 : 1)) % 5);
}

static void
test_sheets_round_trip (Fixture *f, gconstpointer data)
{
  static const char *const jobs[] = { JOB, "medecin-d-assistance", "formateur-d-assistance", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *files[3] = { NULL };
  g_autofree char *ods = NULL;
  g_autofree char *xlsx_lo = NULL;
  GArray *all_ids[3] = { NULL };
  g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *tsv = NULL;
  const char *levels_out[] = { "rating-sheet",
                               "export",
                               "user-ma-societe",
                               "--job",
                               "Chargé d’assistance",
                               "--job",
                               "Médecin d’assistance",
                               "--job",
                               "Formateur d’assistance",
                               "--rater",
                               NULL,
                               "--output",
                               NULL,
                               "--database",
                               f->path,
                               NULL };
  int counts[3][5] = { { 0 } };

  /* Each rater's levels, typed in Repère, then exported as their filled
   * sheet: Alice's as XLSX, Bruno's as CSV, Chloé's as XLSX that
   * LibreOffice turns into ODS. */
  for (guint j = 0; jobs[j]; j++)
    {
      all_ids[j] = competency_ids (f, jobs[j]);
      for (guint r = 0; r < G_N_ELEMENTS (raters); r++)
        for (guint i = 0; i < all_ids[j]->len; i++)
          rate (f, jobs[j], raters[r], g_array_index (all_ids[j], gint64, i), level_of (r, j, i));
    }
  g_clear_object (&f->db); /* the CLI writes */
  for (guint r = 0; r < G_N_ELEMENTS (raters); r++)
    {
      g_free (files[r]);
      files[r] = g_strdup_printf ("%s/rater%u.%s", f->dir, r, r == 1 ? "csv" : "xlsx");
      levels_out[10] = raters[r];
      levels_out[12] = files[r];
      g_free (run_cli (levels_out, 0, NULL));
    }
  ods = libreoffice (files[2], "ods", "ods", f->dir);
  /* And Alice's sheet, saved again as XLSX by LibreOffice. */
  xlsx_lo = libreoffice (ods, "xlsx:Calc MS Excel 2007 XML", "xlsx", f->dir);

  /* The assessment back to published; then the three sheets imported. */
  f->db = repere_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (repere_rating_revert (f->db, f->assessment, NULL, &error));
  g_assert_cmpint (repere_test_query_int (handle (f), "SELECT count (*) FROM rater_rating", NULL),
                   ==, 0);
  g_clear_object (&f->db);
  {
    const char *import_alice[]
        = { "rating-sheet", "import", "user-ma-societe", files[0], "--database", f->path, NULL };
    const char *import_bruno[]
        = { "rating-sheet", "import", "user-ma-societe", files[1], "--database", f->path, NULL };
    const char *import_chloe[]
        = { "rating-sheet", "import", "user-ma-societe", ods, "--database", f->path, NULL };
    g_autofree char *said = NULL;
    g_free (run_cli (import_alice, 0, &said));
    g_assert_nonnull (strstr (said, "Alice Martin"));
    g_assert_nonnull (strstr (said, "XLSX"));
    g_free (run_cli (import_bruno, 0, NULL));
    g_clear_pointer (&said, g_free);
    g_free (run_cli (import_chloe, 0, &said));
    g_assert_nonnull (strstr (said, "ODS"));
  }
  {
    const char *list[] = { "raters", "user-ma-societe", "--database", f->path, NULL };
    g_autofree char *out = run_cli (list, 0, NULL);
    g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 5); /* header, 3 raters, "" */
    g_assert_true (g_str_has_prefix (lines[1], "Alice Martin\t"));
    g_assert_nonnull (strstr (lines[3], "rater2.ods"));
  }

  /* agreement: the expected median of every competency. */
  {
    const char *agreement[] = { "agreement", "user-ma-societe", "--database", f->path, NULL };
    g_auto (GStrv) lines = NULL;
    guint n_rows = 0, total = 0;
    gboolean contested_part = TRUE;

    for (guint j = 0; jobs[j]; j++)
      {
        g_autoptr (GPtrArray) list = NULL;
        f->db = repere_db_open (f->path, &error);
        list = repere_competency_list_for_job (f->db, jobs[j], f->assessment, &error);
        g_clear_object (&f->db);
        g_assert_no_error (error);
        for (guint i = 0; i < list->len; i++)
          {
            RepereJobCompetency *c = g_ptr_array_index (list, i);
            int l[3];
            guint index;
            for (guint r = 0; r < 3; r++)
              {
                /* The index of this competency in the job's order at export. */
                for (index = 0; g_array_index (all_ids[j], gint64, index) != c->id; index++)
                  ;
                l[r] = level_of (r, j, index);
              }
            g_hash_table_insert (
                expected, g_strdup_printf ("%s\t%s", jobs[j], c->label),
                g_strdup_printf ("%d\t%d\t%d\t%g\t%d", l[0], l[1], l[2],
                                 repere_levels_median (l, 3),
                                 MAX (MAX (l[0], l[1]), l[2]) - MIN (MIN (l[0], l[1]), l[2])));
            counts[j][(int) repere_levels_median (l, 3) - 1]++;
          }
        total += list->len;
      }
    tsv = run_cli (agreement, 0, NULL);
    lines = g_strsplit (tsv, "\n", -1);
    g_assert_cmpstr (lines[0], ==,
                     "job\tcompetency\tAlice Martin\tBruno Lefèvre\tChloé Durand\tmedian\tspread");
    for (guint i = 1; lines[i] && *lines[i]; i++)
      {
        g_auto (GStrv) cells = g_strsplit (lines[i], "\t", -1);
        g_autofree char *job_id = NULL;
        g_autofree char *key = NULL;
        g_autofree char *rest = NULL;
        const char *want;
        g_assert_cmpuint (g_strv_length (cells), ==, 7);
        job_id = g_str_equal (cells[0], "Chargé d’assistance") ? g_strdup (JOB)
                 : g_str_equal (cells[0], "Médecin d’assistance")
                     ? g_strdup ("medecin-d-assistance")
                     : g_strdup ("formateur-d-assistance");
        key = g_strdup_printf ("%s\t%s", job_id, cells[1]);
        rest = g_strjoinv ("\t", cells + 2);
        want = g_hash_table_lookup (expected, key);
        g_assert_nonnull (want);
        g_assert_cmpstr (rest, ==, want);
        /* Contested (spread ≥ 2) first. */
        if (atoi (cells[6]) < 2)
          contested_part = FALSE;
        else
          g_assert_true (contested_part);
        n_rows++;
      }
    g_assert_cmpuint (n_rows, ==, total);
    /* Then alpha per job and overall, to 3 decimals. */
    g_assert_nonnull (strstr (tsv, "\njob\talpha\tcompetencies\tcontested\n"));
    g_assert_nonnull (strstr (tsv, "\noverall\t"));
  }

  /* Consolidation by median (the default): every competency rated, the
   * jobs' ratings are in force; scores as the model gives them. */
  f->db = repere_db_open (f->path, &error);
  g_assert_no_error (error);
  for (guint j = 0; jobs[j]; j++)
    {
      RepereRatingProgress progress;
      g_assert_true (repere_rating_get_progress (f->db, f->assessment, jobs[j], &progress, &error));
      g_assert_cmpstr (progress.basis, ==, "ratings");
      g_assert_cmpuint (progress.n_raters, ==, 3);
      repere_rating_progress_clear (&progress);
    }
  {
    RepereScoreFit *fit = repere_score_fit (f->db, &error);
    double root_max = repere_score_fit_max_index (fit, "experts"), max = 0, x[3];
    sqlite3_stmt *stmt = NULL;
    for (guint j = 0; j < 3; j++)
      max = MAX (max, x[j] = repere_score_raw_index (fit, counts[j]));
    g_assert_cmpint (sqlite3_prepare_v2 (
                         handle (f),
                         "SELECT r.job_id, r.score FROM published_result r WHERE r.assessment_id = "
                         "'experts' AND r.job_id NOT IN ('charge-d-assistance', "
                         "'medecin-d-assistance', 'formateur-d-assistance')",
                         -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      max = MAX (max, sqlite3_column_double (stmt, 1) * root_max);
    sqlite3_finalize (stmt);
    for (guint j = 0; jobs[j]; j++)
      {
        g_autofree char *sql
            = g_strdup_printf ("SELECT round (score * 1e9) FROM computed_result WHERE assessment_id"
                               " = 'user-ma-societe' AND job_id = '%s'",
                               jobs[j]);
        g_assert_cmpint (repere_test_query_int (handle (f), sql, NULL), ==,
                         (gint64) round (x[j] / max * 1e9));
      }
  }
  /* The agreement report, from the library: three raters, alpha per job. */
  {
    g_autoptr (RepereAgreement) report
        = repere_agreement_compute (f->db, f->assessment, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->raters->len, ==, 3);
    g_assert_cmpuint (report->jobs->len, ==, 3);
    g_assert_false (isnan (report->alpha));
    g_assert_cmpfloat (report->alpha, <, 1.0);
  }
  for (guint j = 0; j < 3; j++)
    g_array_unref (all_ids[j]);
  /* By one rater's levels: Alice's, exactly. */
  {
    RepereRule alice = { REPERE_RULE_RATER, (char *) raters[0] };
    g_assert_true (repere_rating_consolidate (f->db, f->assessment, &alice, &error));
    g_assert_no_error (error);
    g_assert_cmpint (repere_test_query_int (
                         handle (f),
                         "SELECT count (*) FROM rating r JOIN rater_rating a USING (assessment_id,"
                         " job_id, competency_id) WHERE a.rater = 'Alice Martin'"
                         " AND r.level <> a.level",
                         NULL),
                     ==, 0);
  }
  /* Re-importing the LibreOffice-saved XLSX of Chloé's sheet changes
   * nothing: same levels. */
  {
    g_autofree char *before = state (f);
    g_autofree char *after = NULL;
    g_autoptr (RepereSheetImport) again
        = repere_rating_sheet_read (f->db, f->assessment, xlsx_lo, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (repere_sheet_import_get_rater (again), ==, "Chloé Durand");
    g_assert_cmpstr (repere_sheet_import_get_format (again), ==, "XLSX");
    g_assert_true (repere_rating_sheet_apply (f->db, again, &error));
    g_assert_no_error (error);
    after = state (f);
    g_assert_cmpstr (after, ==, before);
  }
}

/* Malformed sheets (acceptance 4) ------------------------------------------ */

/* Writes a workbook: each sheet a name and rows, "|" between cells, "\n"
 * between rows (an empty line is an empty row). */
static void
write_xlsx (const char *path, const char *const *sheets)
{
  lxw_workbook *workbook = workbook_new (path);

  for (guint s = 0; sheets[s]; s += 2)
    {
      lxw_worksheet *sheet = workbook_add_worksheet (workbook, sheets[s]);
      g_auto (GStrv) rows = g_strsplit (sheets[s + 1], "\n", -1);
      for (guint r = 0; rows[r]; r++)
        {
          g_auto (GStrv) cells = g_strsplit (rows[r], "|", -1);
          for (guint c = 0; cells[c]; c++)
            if (*cells[c])
              worksheet_write_string (sheet, r, c, cells[c], NULL);
        }
    }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static void
write_zip (const char *path, const char *const *members)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GsfOutput) sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  for (guint i = 0; members[i]; i += 2)
    {
      GsfOutput *member = gsf_outfile_new_child (zip, members[i], FALSE);
      gsf_output_write (member, strlen (members[i + 1]), (const guint8 *) members[i + 1]);
      gsf_output_close (member);
      g_object_unref (member);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
}

/* @path, an XLSX file, holds no formula (<f> element) in any sheet and has
 * @text as a shared string (a string cell), with its guard when it begins
 * with an apostrophe (repere_text_spreadsheet_safe()). */
static void
assert_no_formula (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;
  GsfInput *input = gsf_input_stdio_new (path, &error);
  GsfInfile *zip = NULL;
  g_autofree char *cell = repere_text_spreadsheet_safe (text, TRUE);
  gboolean shared = FALSE;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      static const char *const members[] = { "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                                             "xl/sharedStrings.xml" };
      g_auto (GStrv) parts = g_strsplit (members[i], "/", -1);
      GsfInput *member = gsf_infile_child_by_aname (zip, (const char **) parts);
      g_autofree char *xml = NULL;
      gsize size;

      g_assert_nonnull (member);
      size = gsf_input_size (member);
      xml = g_malloc0 (size + 1);
      g_assert_nonnull (gsf_input_read (member, size, (guint8 *) xml));
      if (i < 2)
        g_assert_null (strstr (xml, "<f>"));
      else
        shared = strstr (xml, cell) != NULL; /* no & < > in the names tried */
      g_object_unref (member);
    }
  g_object_unref (zip);
  g_object_unref (input);
  g_assert_true (shared);
}

/* Issue 12, point 4: rater names a spreadsheet would run as formulas go
 * out neutralised (CSV: "'=1+1"; XLSX: a string cell) and come back as
 * they were, from CSV, XLSX and ODS; the agreement report's CSV has them
 * neutralised too. */
static void
test_sheets_formula_text (Fixture *f, gconstpointer data)
{
  static const char *const names[] = { "=1+1", "+33 1 23 45 67 89", "-", "@SUM(A1)", "'=x", "'abc" };
  static const char *const guarded[] = { "'=1+1", "'+33 1 23 45 67 89", "'-", "'@SUM(A1)", "''=x", "'abc" };
  static const char *const jobs[] = { JOB, NULL };
  g_autoptr (GArray) ids = competency_ids (f, JOB);
  g_autoptr (GError) error = NULL;

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    rate (f, JOB, names[n], g_array_index (ids, gint64, 0), 1 + n % 5);
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint format = 0; format < 3; format++)
      {
        g_autofree char *path = g_strdup_printf ("%s/sheet%u.%s", f->dir, n, format == 1 ? "csv" : "xlsx");
        g_autofree char *ods = NULL;
        g_autoptr (RepereSheetImport) import = NULL;

        g_assert_true (repere_rating_sheet_export (f->db, f->assessment, jobs, names[n], path, &error));
        g_assert_no_error (error);
        if (format == 0)
          assert_no_formula (path, names[n]);
        if (format == 1)
          {
            g_autofree char *text = NULL;
            g_autofree char *cell = g_strdup_printf (";%s\r\n", guarded[n]);
            g_assert_true (g_file_get_contents (path, &text, NULL, &error));
            g_assert_no_error (error);
            if (strstr (text, cell) == NULL)
              g_error ("%s does not end a line with “%s”", path, cell);
          }
        /* The slow LibreOffice conversion for two names only. */
        if (format == 2 && n != 0 && n != 4)
          continue;
        if (format == 2)
          ods = libreoffice (path, "ods", "ods", f->dir);
        import = repere_rating_sheet_read (f->db, f->assessment, ods ? ods : path, NULL, &error);
        g_assert_no_error (error);
        g_test_message ("%s: %s", path, repere_sheet_import_get_rater (import));
        g_assert_cmpstr (repere_sheet_import_get_rater (import), ==, names[n]);
        g_assert_cmpuint (repere_sheet_import_get_n_ratings (import), ==, 1);
      }

  {
    g_autoptr (RepereAgreement) report = repere_agreement_compute (f->db, f->assessment, NULL, &error);
    RepereExportOptions options;
    g_autofree char *csv = NULL;
    g_auto (GStrv) lines = NULL;
    g_auto (GStrv) header = NULL;

    g_assert_no_error (error);
    repere_export_options_init (&options, TRUE);
    csv = repere_agreement_to_csv (report, &options, NULL);
    lines = g_strsplit (csv, "\r\n", -1);
    header = g_strsplit (lines[0], ";", -1);
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      g_assert_true (g_strv_contains ((const char *const *) header, guarded[n]));
  }
}

static void
expect_refused (Fixture *f, const char *path, GQuark domain, int code, const char *const *mentions)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = rome_test_dump (handle (f));
  g_autofree char *after = NULL;
  g_autoptr (RepereSheetImport) import
      = repere_rating_sheet_read (f->db, f->assessment, path, "Dan", &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (import);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, base));
  for (guint i = 0; mentions && mentions[i]; i++)
    if (strstr (error->message, mentions[i]) == NULL)
      g_error ("“%s” does not say “%s”", error->message, mentions[i]);
  after = rome_test_dump (handle (f));
  g_assert_cmpstr (after, ==, before);
}

static void
test_sheets_malformed (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) ids = competency_ids (f, JOB);
  g_autoptr (GArray) other = competency_ids (f, "medecin-d-assistance");
  g_autofree char *first = g_strdup_printf ("%" PRId64, g_array_index (ids, gint64, 0));
  g_autofree char *second = g_strdup_printf ("%" PRId64, g_array_index (ids, gint64, 1));
  g_autofree char *foreign = NULL;
  const char *head
      = "Chargé d’assistance\n\nRef|charge-d-assistance|user-ma-societe|repere-sheet:job:1\n\n"
        "Id|Type|Compétence|Catégorie|Principale / Émergente|Niveau\n";
  const char *instructions
      = "Consignes\nVotre nom :|Dan\nRef||user-ma-societe|repere-sheet:instructions:1";
  guint64 found;

  for (guint i = 0; i < other->len; i++)
    {
      gint64 id = g_array_index (other, gint64, i);
      gboolean shared = FALSE;
      for (guint k = 0; k < ids->len; k++)
        shared |= g_array_index (ids, gint64, k) == id;
      if (!shared)
        {
          foreign = g_strdup_printf ("%" PRId64, id);
          break;
        }
    }
  g_assert_nonnull (foreign);

  /* A well-formed sheet is accepted (the cases below differ by one thing). */
  {
    g_autofree char *path = g_build_filename (f->dir, "good.xlsx", NULL);
    g_autofree char *sheet
        = g_strdup_printf ("%s%s|||||4 – Important|à revoir\n%s|||||2", head, first, second);
    const char *sheets[] = { "Consignes", instructions, "Chargé d’assistance", sheet, NULL };
    g_autoptr (GError) error = NULL;
    g_autoptr (RepereSheetImport) import = NULL;
    write_xlsx (path, sheets);
    import = repere_rating_sheet_read (f->db, f->assessment, path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (repere_sheet_import_get_n_ratings (import), ==, 2);
    g_assert_cmpstr (repere_sheet_import_get_rater (import), ==, "Dan");
    /* Text beside the level column is said, not lost silently. */
    g_assert_cmpuint (repere_sheet_import_get_notes (import)->len, ==, 1);
  }

  /* Another job's competency on this job's sheet; an unknown competency;
   * level 7; a decimal level; an empty sheet; a renamed sheet; a sheet of
   * another assessment; a job not in the referential; a sheet without
   * reference. */
  {
    static const struct
    {
      const char *file;
      const char *sheet_name;
      const char *row;        /* %s: a competency id of the job */
      const char *reference;  /* NULL: the usual one */
      const char *mention[4]; /* what the message must say, NULL-terminated */
    } cases[] = {
      { "another-job.xlsx",
        "Chargé d’assistance",
        "FOREIGN|||||3",
        NULL,
        { "row 6", "column A", "is not one of" } },
      { "unknown.xlsx",
        "Chargé d’assistance",
        "999999999|||||3",
        NULL,
        { "row 6", "999999999", NULL } },
      { "level7.xlsx", "Chargé d’assistance", "%s|||||7", NULL, { "row 6", "column F", "“7”" } },
      { "decimal.xlsx",
        "Chargé d’assistance",
        "%s|||||2,5",
        NULL,
        { "column F", "whole level", NULL } },
      { "renamed.xlsx", "Feuille1", "%s|||||3", NULL, { "Feuille1", "renamed", NULL } },
      { "other-assessment.xlsx",
        "Chargé d’assistance",
        "%s|||||3",
        "Ref|charge-d-assistance|user-autre|repere-sheet:job:1",
        { "user-autre", NULL, NULL } },
      { "unknown-job.xlsx",
        "Chargé d’assistance",
        "%s|||||3",
        "Ref|metier-inconnu|user-ma-societe|repere-sheet:job:1",
        { "metier-inconnu", NULL, NULL } },
      { "no-reference.xlsx",
        "Chargé d’assistance",
        "%s|||||3",
        "Ref|charge-d-assistance|user-ma-societe|",
        { "not a Repère rating sheet", NULL, NULL } },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = g_build_filename (f->dir, cases[i].file, NULL);
        g_autofree char *row = NULL;
        g_autofree char *sheet = NULL;
        g_autofree char *top = NULL;
        if (g_str_has_prefix (cases[i].row, "FOREIGN"))
          row = g_strconcat (foreign, cases[i].row + strlen ("FOREIGN"), NULL);
        else
          row = g_strdup_printf (cases[i].row, first);
        top = cases[i].reference ? g_strdup_printf (
                  "Chargé d’assistance\n\n%s\n\nId|Type|Compétence|Catégorie|P / É|Niveau\n",
                  cases[i].reference)
                                 : g_strdup (head);
        sheet = g_strconcat (top, row, NULL);
        {
          const char *sheets[] = { "Consignes", instructions, cases[i].sheet_name, sheet, NULL };
          write_xlsx (path, sheets);
        }
        expect_refused (f, path, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_INVALID,
                        cases[i].mention);
      }
  }
  /* An empty sheet. */
  {
    g_autofree char *path = g_build_filename (f->dir, "empty.xlsx", NULL);
    g_autofree char *sheet = g_strdup_printf ("%s%s|||||3", head, first);
    const char *sheets[]
        = { "Consignes", instructions, "Chargé d’assistance", sheet, "Médecin d’assistance",
            "",          NULL };
    const char *mention[] = { "Médecin d’assistance", "empty", NULL };
    write_xlsx (path, sheets);
    expect_refused (f, path, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_INVALID, mention);
  }
  /* A CSV with ';' and decimal commas. */
  {
    g_autofree char *path = g_build_filename (f->dir, "virgules.csv", NULL);
    g_autofree char *text = g_strdup_printf ("qualification;metier_id;competence_id;niveau\n"
                                             "user-ma-societe;charge-d-assistance;%s;3\n"
                                             "user-ma-societe;charge-d-assistance;%s;2,5\n",
                                             first, second);
    const char *mention[] = { "line 3", "niveau", "2,5", NULL };
    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    expect_refused (f, path, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_INVALID, mention);
  }
  /* Files that are not spreadsheets: a PDF, binary data, a ZIP archive
   * without a workbook, a damaged XLSX (cut in two). */
  {
    g_autofree char *pdf = g_build_filename (f->dir, "notes.xlsx", NULL);
    g_autofree char *binary = g_build_filename (f->dir, "data.csv", NULL);
    g_autofree char *zip = g_build_filename (f->dir, "archive.ods", NULL);
    g_autofree char *cut = g_build_filename (f->dir, "cut.xlsx", NULL);
    g_autofree char *good = g_build_filename (f->dir, "good.xlsx", NULL);
    const char *members[] = { "readme.txt", "hello", NULL };
    const char *pdf_mention[] = { "PDF", NULL };
    g_autofree char *bytes = NULL;
    gsize length;
    g_assert_true (g_file_set_contents (pdf, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", -1, NULL));
    expect_refused (f, pdf, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_FORMAT,
                    pdf_mention);
    g_assert_true (g_file_set_contents (binary, "a\0b\0c\0\xff\xfe", 9, NULL));
    expect_refused (f, binary, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_FORMAT, NULL);
    write_zip (zip, members);
    expect_refused (f, zip, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                    NULL);
    g_assert_true (g_file_get_contents (good, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (cut, bytes, length / 2, NULL));
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *before = rome_test_dump (handle (f));
      g_autofree char *after = NULL;
      g_assert_null (repere_rating_sheet_read (f->db, f->assessment, cut, NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "cut.xlsx"));
      after = rome_test_dump (handle (f));
      g_assert_cmpstr (after, ==, before);
    }
  }
  /* No rater: neither in the file nor given. */
  {
    g_autofree char *path = g_build_filename (f->dir, "anonymous.xlsx", NULL);
    g_autofree char *sheet = g_strdup_printf ("%s%s|||||3", head, first);
    const char *sheets[]
        = { "Consignes", "Consignes\n\nRef||user-ma-societe|repere-sheet:instructions:1",
            "Chargé d’assistance", sheet, NULL };
    g_autoptr (GError) error = NULL;
    write_xlsx (path, sheets);
    g_assert_null (repere_rating_sheet_read (f->db, f->assessment, path, NULL, &error));
    g_assert_error (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_NO_RATER);
  }
  /* Nothing at all imported: every case changed nothing. */
  found = repere_test_query_int (handle (f), "SELECT count (*) FROM rater_rating", NULL);
  g_assert_cmpuint (found, ==, 0);
}

static gboolean
bounds_begin (guint index, const char *name, gpointer data, GError **error)
{
  return TRUE;
}

static gboolean
bounds_row (guint number, const char *const *cells, guint n, gpointer data, GError **error)
{
  /* The number as stored, not as a French locale shows it. */
  g_assert_cmpstr (cells[0], ==, "4");
  g_assert_cmpuint (n, ==, 1);
  (*(guint *) data)++;
  return TRUE;
}

static gboolean
bounds_end (gpointer data, GError **error)
{
  return TRUE;
}

/* Bounded: an ODS whose last row repeats a million times (as LibreOffice
 * writes a sheet's empty tail) is read at once; a row beyond the column
 * limit is refused. */
static void
test_spreadsheet_bounds (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "tail.ods", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereSpreadsheet) spreadsheet = NULL;
  const char *members[] = {
    "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml",
    "<?xml version=\"1.0\"?><office:document-content"
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:"
    "spreadsheet>"
    "<table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"float\""
    " office:value=\"4\"><text:p>4,0</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16383\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell"
    " table:number-columns-repeated=\"16384\"/></table:table-row></table:table>"
    "</office:spreadsheet></office:body></office:document-content>",
    NULL
  };
  gint64 start = g_get_monotonic_time ();
  guint rows = 0;
  static const RepereSpreadsheetCallbacks callbacks = { bounds_begin, bounds_row, bounds_end };

  write_zip (path, members);
  spreadsheet = repere_spreadsheet_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_spreadsheet_get_format (spreadsheet), ==, REPERE_SPREADSHEET_ODS);
  g_assert_true (repere_spreadsheet_read (spreadsheet, &callbacks, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 1);
  /* A second is generous: expanding the repeats would take minutes. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  {
    g_autofree char *name = repere_spreadsheet_column_name (27);
    g_assert_cmpstr (name, ==, "AB");
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rating/alpha/krippendorff-2011", test_alpha_worked_example);
  g_test_add_func ("/rating/alpha/limits", test_alpha_limits);
  g_test_add_func ("/rating/rules", test_rules);
  g_test_add_func ("/rating/upgrade-from-schema-4", test_upgrade);
  g_test_add ("/rating/draft", Fixture, "v460", fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/rating/refused", Fixture, "v460", fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/rating/history", Fixture, "v460", fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/rating/sheets/round-trip", Fixture, "v460", fixture_set_up, test_sheets_round_trip,
              fixture_tear_down);
  g_test_add ("/rating/sheets/formula-text", Fixture, "v460", fixture_set_up, test_sheets_formula_text,
              fixture_tear_down);
  g_test_add ("/rating/sheets/malformed", Fixture, "v460", fixture_set_up, test_sheets_malformed,
              fixture_tear_down);
  g_test_add ("/rating/sheets/bounds", Fixture, NULL, fixture_set_up, test_spreadsheet_bounds,
              fixture_tear_down);
  status = g_test_run ();
  if (template_path)
    {
      g_autofree char *dir = g_path_get_dirname (template_path);
      repere_test_remove_dir (dir);
    }
  return status;
}
