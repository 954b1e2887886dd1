/* repere-score.c: the exposure score model
 *
 * A job's raw index is x_j = Σ w_l · n_jl / N_j (n_jl competencies at level
 * l, N_j in all); its score is x_j / max_k x_k in the assessment. The weights
 * are calibrated on the 30 (core job, assessment) points where the study
 * publishes both level counts (fiches, 4.2) and a score (ranking tables).
 * Jobs without counts keep the raw index their published score implies, so
 * that a re-rating renormalises the whole table (docs/scoring.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-score.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "repere-rating-history.h"
#include "repere-rating.h"
#include "repere-table-import.h"
#include "repere-text.h"

#define FIT_KEY "repere-score-fit"
#define FIT_ITERATIONS 500

static void
fit_point_free (RepereFitPoint *point)
{
  g_free (point->assessment_id);
  g_free (point->job_id);
  g_free (point->job_name);
  g_free (point);
}

void
repere_score_fit_free (RepereScoreFit *fit)
{
  if (fit == NULL)
    return;
  g_clear_pointer (&fit->assessments, g_ptr_array_unref);
  g_clear_pointer (&fit->max_index, g_array_unref);
  g_clear_pointer (&fit->points, g_ptr_array_unref);
  g_free (fit);
}

/* Solves the n×n system a·x = b (a row-major, overwritten) by Gaussian
 * elimination with partial pivoting. Returns FALSE when a is singular. */
static gboolean
solve (double *a, double *b, int n)
{
  for (int c = 0; c < n; c++)
    {
      int pivot = c;
      for (int r = c + 1; r < n; r++)
        if (fabs (a[r * n + c]) > fabs (a[pivot * n + c]))
          pivot = r;
      if (fabs (a[pivot * n + c]) < 1e-15)
        return FALSE;
      for (int k = 0; k < n; k++)
        {
          double t = a[c * n + k];
          a[c * n + k] = a[pivot * n + k];
          a[pivot * n + k] = t;
        }
      double t = b[c];
      b[c] = b[pivot];
      b[pivot] = t;
      for (int r = 0; r < n; r++)
        if (r != c)
          {
            double f = a[r * n + c] / a[c * n + c];
            for (int k = c; k < n; k++)
              a[r * n + k] -= f * a[c * n + k];
            b[r] -= f * b[c];
          }
    }
  for (int c = 0; c < n; c++)
    b[c] /= a[c * n + c];
  return TRUE;
}

/* Least squares with every weight >= 0: solves the 5×5 normal equations
 * (@normal, @rhs) on the free weights, fixes any negative one at 0 and solves
 * again (an active set; at most 5 rounds). */
static gboolean
solve_nonnegative (const double normal[25], const double rhs[5], double weights[5])
{
  gboolean fixed[5] = { FALSE };

  for (int round = 0; round < 5; round++)
    {
      double a[25], b[5];
      int index[5], n = 0;
      gboolean negative = FALSE;

      for (int i = 0; i < 5; i++)
        if (!fixed[i])
          index[n++] = i;
      for (int i = 0; i < n; i++)
        {
          b[i] = rhs[index[i]];
          for (int k = 0; k < n; k++)
            a[i * n + k] = normal[index[i] * 5 + index[k]];
        }
      if (n == 0 || !solve (a, b, n))
        return FALSE;
      for (int i = 0; i < 5; i++)
        weights[i] = 0;
      for (int i = 0; i < n; i++)
        {
          weights[index[i]] = b[i];
          if (b[i] < 0)
            {
              fixed[index[i]] = TRUE;
              negative = TRUE;
            }
        }
      if (!negative)
        return TRUE;
    }
  return FALSE;
}

static double
shares_index (const double weights[5], const int counts[5])
{
  int total = 0;
  double x = 0;

  for (int l = 0; l < 5; l++)
    total += counts[l];
  if (total == 0)
    return 0;
  for (int l = 0; l < 5; l++)
    x += weights[l] * counts[l] / total;
  return x;
}

/**
 * repere_score_raw_index:
 * @fit: the calibrated model
 * @counts: competencies at levels 1..5 (not all zero)
 *
 * Returns: the raw index x = Σ w_l · n_l / N (unitless, 0 … w5 = 1)
 */
double
repere_score_raw_index (const RepereScoreFit *fit, const int counts[5])
{
  return shares_index (fit->weights, counts);
}

/**
 * repere_score_fit_max_index:
 * @study_assessment_id: pwc-initial, pwc-revised or experts
 *
 * Returns: max_k x_k of that assessment as calibrated (the raw index of its
 *   job scored 1,00), or NAN for an unknown assessment
 */
double
repere_score_fit_max_index (const RepereScoreFit *fit, const char *study_assessment_id)
{
  for (guint i = 0; i < fit->assessments->len; i++)
    if (g_strcmp0 (g_ptr_array_index (fit->assessments, i), study_assessment_id) == 0)
      return g_array_index (fit->max_index, double, i);
  return NAN;
}

static RepereScoreFit *
compute_fit (RepereDb *db, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (RepereScoreFit) fit = g_new0 (RepereScoreFit, 1);
  g_autofree int *which = NULL;
  g_autofree double *scale = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_assessments, n_points;

  fit->assessments = g_ptr_array_new_with_free_func (g_free);
  fit->max_index = g_array_new (FALSE, TRUE, sizeof (double));
  fit->points = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_point_free);

  if (sqlite3_prepare_v2 (handle, "SELECT id FROM assessment WHERE is_study = 1 ORDER BY position", -1,
                          &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (fit->assessments, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (handle,
                          "SELECT l.assessment_id, l.job_id, j.name, l.n1, l.n2, l.n3, l.n4, l.n5, r.score"
                          "  FROM level_count l"
                          "  JOIN published_result r USING (assessment_id, job_id)"
                          "  JOIN job j ON j.id = l.job_id"
                          "  JOIN assessment a ON a.id = l.assessment_id"
                          " WHERE a.is_study = 1"
                          " ORDER BY a.position, j.name COLLATE repere",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RepereFitPoint *point = g_new0 (RepereFitPoint, 1);
      point->assessment_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      point->job_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      point->job_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      for (int l = 0; l < 5; l++)
        point->counts[l] = sqlite3_column_int (stmt, 3 + l);
      point->published = sqlite3_column_double (stmt, 8);
      g_ptr_array_add (fit->points, point);
    }
  sqlite3_finalize (stmt);

  n_assessments = fit->assessments->len;
  n_points = fit->points->len;
  if (n_points < 5 || n_assessments == 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   _("Not enough published level counts to calibrate the score model (%u points)"), n_points);
      return NULL;
    }
  which = g_new0 (int, n_points);
  for (guint p = 0; p < n_points; p++)
    {
      RepereFitPoint *point = g_ptr_array_index (fit->points, p);
      which[p] = -1;
      for (guint a = 0; a < n_assessments; a++)
        if (g_strcmp0 (point->assessment_id, g_ptr_array_index (fit->assessments, a)) == 0)
          which[p] = a;
    }

  /* Alternating least squares on score = s_a · Σ w_l p_l, with s_a = 1 / max x
   * of assessment a: w for fixed s (linear), then each s_a for fixed w. */
  scale = g_new (double, n_assessments);
  for (guint a = 0; a < n_assessments; a++)
    scale[a] = 1.0;
  for (int iteration = 0; iteration < FIT_ITERATIONS; iteration++)
    {
      double normal[25] = { 0 }, rhs[5] = { 0 };
      double norm;

      for (guint p = 0; p < n_points; p++)
        {
          RepereFitPoint *point = g_ptr_array_index (fit->points, p);
          double row[5];
          int total = 0;
          for (int l = 0; l < 5; l++)
            total += point->counts[l];
          for (int l = 0; l < 5; l++)
            row[l] = total ? scale[which[p]] * point->counts[l] / total : 0;
          for (int i = 0; i < 5; i++)
            {
              rhs[i] += row[i] * point->published;
              for (int k = 0; k < 5; k++)
                normal[i * 5 + k] += row[i] * row[k];
            }
        }
      if (!solve_nonnegative (normal, rhs, fit->weights))
        {
          g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                       _("The published level counts do not determine the five weights"));
          return NULL;
        }
      for (guint a = 0; a < n_assessments; a++)
        {
          double xy = 0, xx = 0;
          for (guint p = 0; p < n_points; p++)
            if (which[p] == (int) a)
              {
                RepereFitPoint *point = g_ptr_array_index (fit->points, p);
                double x = shares_index (fit->weights, point->counts);
                xy += x * point->published;
                xx += x * x;
              }
          if (xx > 0)
            scale[a] = xy / xx;
        }
      norm = fit->weights[4];
      for (int l = 0; l < 5; l++)
        fit->weights[l] /= norm;
      for (guint a = 0; a < n_assessments; a++)
        scale[a] *= norm;
    }

  for (guint a = 0; a < n_assessments; a++)
    {
      double max_index = 1.0 / scale[a];
      g_array_append_val (fit->max_index, max_index);
    }
  for (guint p = 0; p < n_points; p++)
    {
      RepereFitPoint *point = g_ptr_array_index (fit->points, p);
      point->fitted = which[p] >= 0 ? scale[which[p]] * shares_index (fit->weights, point->counts) : NAN;
      point->residual = point->fitted - point->published;
      if (fabs (point->residual) <= REPERE_SCORE_TOLERANCE + 1e-9)
        fit->within++;
    }
  return g_steal_pointer (&fit);
}

/**
 * repere_score_fit:
 * @db: the database
 * @error: %REPERE_DB_ERROR_NOT_FOUND when fewer than 5 points are published
 *
 * Calibrates the five level weights and each study assessment's max raw
 * index on the points where the study publishes level counts (4.2) and a
 * ranking-table score (Annexe 1.1, 3.2.2.1, 3.2.2.2), by least squares.
 * Computed once per database and kept with it.
 *
 * Returns: (transfer none): the calibrated model, owned by @db
 */
RepereScoreFit *
repere_score_fit (RepereDb *db, GError **error)
{
  RepereScoreFit *fit = g_object_get_data (G_OBJECT (db), FIT_KEY);

  if (fit == NULL)
    {
      fit = compute_fit (db, error);
      if (fit == NULL)
        return NULL;
      g_object_set_data_full (G_OBJECT (db), FIT_KEY, fit, (GDestroyNotify) repere_score_fit_free);
    }
  return fit;
}

/* The study assessment an assessment derives from (itself for the study's). */
static char *
root_assessment (sqlite3 *handle, const char *assessment_id, gboolean *is_study, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  char *root = NULL;

  if (sqlite3_prepare_v2 (handle,
                          "WITH RECURSIVE chain (id, based_on, is_study, depth) AS ("
                          "  SELECT id, based_on, is_study, 0 FROM assessment WHERE id = ?1"
                          "  UNION ALL SELECT a.id, a.based_on, a.is_study, depth + 1"
                          "  FROM assessment a JOIN chain c ON a.id = c.based_on"
                          "  WHERE c.is_study = 0 AND depth < 100)"
                          " SELECT id, (SELECT is_study FROM assessment WHERE id = ?1)"
                          "   FROM chain WHERE is_study = 1 ORDER BY depth LIMIT 1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      root = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (is_study)
        *is_study = sqlite3_column_int (stmt, 1);
    }
  else
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                 _("Unknown assessment “%s”, or not derived from one of the study’s"), assessment_id);
  sqlite3_finalize (stmt);
  return root;
}

typedef struct
{
  char *job_id;
  double x;
  const char *basis;
  double base_score;            /* -1 when unpublished */
  int base_rank;                /* 0 when unpublished */
  char *base_classification_id; /* NULL when unpublished */
  int rated;                    /* retained competencies rated (user assessments) */
  int retained;                 /* retained competencies */
} Index;

static void
index_clear (Index *index)
{
  g_free (index->job_id);
  g_free (index->base_classification_id);
}

/**
 * repere_score_recompute:
 * @assessment_id: any assessment
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * Recomputes every job's raw index and score in the assessment into
 * `computed_result` (ranks and suggested classes follow in the view
 * `computed_rank`). In a user assessment, a job whose competency ratings
 * are in force — they cover every retained competency, or the user applied
 * them (repere_rating_coverage()) — gets x = Σ w_l n_l / N with n_l its
 * retained competencies at level l (basis 'ratings'); draft ratings move
 * nothing. Else a job with level counts entered by the user gets
 * x = Σ w_l n_l / N; every other job keeps x = published score × max x of
 * the study assessment it derives from. Scores are x / max x; the
 * coverage (rated, retained) is stored beside them. Runs in a savepoint:
 * all or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_score_recompute (RepereDb *db, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  RepereScoreFit *fit = repere_score_fit (db, error);
  g_autofree char *root = NULL;
  g_autoptr (GArray) indices = g_array_new (FALSE, TRUE, sizeof (Index));
  g_autoptr (GHashTable) coverage = NULL;
  sqlite3_stmt *stmt = NULL;
  double root_max, max = 0;
  gboolean ok = FALSE, is_study = TRUE;

  g_array_set_clear_func (indices, (GDestroyNotify) index_clear);
  if (fit == NULL || (root = root_assessment (handle, assessment_id, &is_study, error)) == NULL)
    return FALSE;
  root_max = repere_score_fit_max_index (fit, root);

  /* A user assessment's competency ratings: coverage of each job, and the
   * level counts of those whose ratings are in force (repere-rating.c). */
  if (!is_study && (coverage = repere_rating_coverage (db, assessment_id, error)) == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (handle,
                          "SELECT j.id, r.score, u.n1, u.n2, u.n3, u.n4, u.n5, u.job_id IS NOT NULL,"
                          "       r.rank, r.classification_id"
                          "  FROM job j"
                          "  LEFT JOIN published_result r ON r.assessment_id = ?2 AND r.job_id = j.id"
                          "  LEFT JOIN user_level_count u ON u.assessment_id = ?1 AND u.job_id = j.id",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, root, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *job_id = (const char *) sqlite3_column_text (stmt, 0);
      RepereCoverage *cover = coverage ? g_hash_table_lookup (coverage, job_id) : NULL;
      Index index = { g_strdup (job_id), 0, "published",
                      sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 1),
                      sqlite3_column_int (stmt, 8), NULL, 0, 0 };

      if (cover)
        {
          index.rated = cover->rated;
          index.retained = cover->retained;
        }
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        index.base_classification_id = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      if (cover && cover->in_force)
        {
          /* Competency ratings in force come before level counts typed in. */
          index.x = repere_score_raw_index (fit, cover->counts);
          index.basis = "ratings";
        }
      else if (sqlite3_column_int (stmt, 7))
        {
          int counts[5];
          for (int l = 0; l < 5; l++)
            counts[l] = sqlite3_column_int (stmt, 2 + l);
          index.x = repere_score_raw_index (fit, counts);
          index.basis = "counts";
        }
      else if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        index.x = sqlite3_column_double (stmt, 1) * root_max;
      else
        {
          /* Neither published, nor counted, nor rated: no score. */
          index_clear (&index);
          continue;
        }
      max = MAX (max, index.x);
      g_array_append_val (indices, index);
    }
  sqlite3_finalize (stmt);

  if (!repere_sql_exec (handle, "SAVEPOINT recompute", error))
    return FALSE;
  if (sqlite3_prepare_v2 (handle, "DELETE FROM computed_result WHERE assessment_id = ?1", -1, &stmt, NULL)
      != SQLITE_OK)
    goto out_error;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto out_error;
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO computed_result (assessment_id, job_id, raw_index, score, basis,"
                          "                             base_rank, base_classification_id, base_score, rated, retained)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    goto out_error;
  for (guint i = 0; i < indices->len; i++)
    {
      Index *index = &g_array_index (indices, Index, i);
      sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, index->job_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 3, index->x);
      sqlite3_bind_double (stmt, 4, max > 0 ? CLAMP (index->x / max, 0.0, 1.0) : 0.0);
      sqlite3_bind_text (stmt, 5, index->basis, -1, SQLITE_STATIC);
      if (index->base_rank > 0)
        sqlite3_bind_int (stmt, 6, index->base_rank);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_text (stmt, 7, index->base_classification_id, -1, SQLITE_TRANSIENT);
      if (index->base_score >= 0)
        sqlite3_bind_double (stmt, 8, index->base_score);
      else
        sqlite3_bind_null (stmt, 8);
      sqlite3_bind_int (stmt, 9, index->rated);
      sqlite3_bind_int (stmt, 10, index->retained);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto out_error;
      sqlite3_reset (stmt);
    }
  ok = TRUE;

out_error:
  if (!ok)
    repere_sql_failed (handle, error);
  sqlite3_finalize (stmt);
  if (ok)
    return repere_sql_exec (handle, "RELEASE recompute", error);
  sqlite3_exec (handle, "ROLLBACK TO recompute; RELEASE recompute", NULL, NULL, NULL);
  return FALSE;
}

/**
 * repere_score_recompute_all:
 *
 * repere_score_recompute() for every assessment.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_score_recompute_all (RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) assessments = repere_db_list_assessments (db, error);

  if (assessments == NULL)
    return FALSE;
  for (guint i = 0; i < assessments->len; i++)
    if (!repere_score_recompute (db, ((RepereRef *) g_ptr_array_index (assessments, i))->id, error))
      return FALSE;
  return TRUE;
}

/**
 * repere_assessment_default_comparison:
 * @assessment_id: the assessment an evolution view shows
 * @error: %REPERE_DB_ERROR_QUERY (or %REPERE_DB_ERROR_DAMAGED)
 *
 * The assessment the evolution view compares @assessment_id with when none
 * is chosen: the one it derives from (assessment.based_on: "experts" from
 * "pwc-revised" from "pwc-initial", sections 3.2.2.1 and 3.2.2.2; a user
 * assessment from the one it copies), else the first other assessment,
 * study ones first in study order. An unknown @assessment_id, or a database
 * with no other assessment, gives @assessment_id itself.
 *
 * Returns: (transfer full): an assessment id; %NULL only with @error set
 */
char *
repere_assessment_default_comparison (RepereDb *db, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  char *other = NULL;
  int rc;

  g_return_val_if_fail (assessment_id != NULL, NULL);
  if (sqlite3_prepare_v2 (handle,
                          "SELECT coalesce (based_on, (SELECT id FROM assessment WHERE id <> ?1"
                          "                             ORDER BY is_study DESC, position LIMIT 1))"
                          "  FROM assessment WHERE id = ?1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      repere_sql_failed (handle, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return other ? other : g_strdup (assessment_id);
}

/**
 * repere_assessment_check_user:
 * @error: %REPERE_DB_ERROR_NOT_FOUND for an unknown assessment,
 *   %REPERE_DB_ERROR_READ_ONLY for one of the study's three
 *
 * Returns: %TRUE when @assessment_id is a user assessment (its level
 *   counts and ratings can change)
 */
gboolean
repere_assessment_check_user (RepereDb *db, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int is_study = -1;

  if (sqlite3_prepare_v2 (handle, "SELECT is_study FROM assessment WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    is_study = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (is_study == 0)
    return TRUE;
  if (is_study < 0)
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("Unknown assessment “%s”"),
                 assessment_id ? assessment_id : "");
  else
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY,
                 _("“%s” is one of the study’s assessments, which stay as published: create your own "
                   "assessment from it to re-rate"),
                 assessment_id);
  return FALSE;
}

/**
 * repere_job_check_exists:
 * @error: %REPERE_DB_ERROR_NOT_FOUND when there is no job @job_id
 *
 * Returns: %TRUE when the referential has the job
 */
gboolean
repere_job_check_exists (RepereDb *db, const char *job_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean exists;

  if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM job WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (!exists)
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("No job “%s”"), job_id ? job_id : "");
  return exists;
}

static gboolean
run (sqlite3 *handle, const char *sql, GError **error, ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  gboolean ok;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error);
  va_start (args, error);
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    sqlite3_bind_text (stmt, i, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
  va_end (args);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    repere_sql_failed (handle, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* Ends the "edit" savepoint: recomputes @assessment_id and releases it when
 * the change (@ok) succeeded, rolls everything back otherwise. */
static gboolean
finish_edit (RepereDb *db, const char *assessment_id, gboolean ok, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);

  if (ok && repere_score_recompute (db, assessment_id, error))
    return repere_sql_exec (handle, "RELEASE edit", error);
  sqlite3_exec (handle, "ROLLBACK TO edit; RELEASE edit", NULL, NULL, NULL);
  repere_change_forget_last (db);
  return FALSE;
}

/**
 * repere_assessment_create:
 * @name: the name shown, e.g. "Ma société 2026"
 * @based_on: the assessment it copies (a study one or a user one); its
 *   published scores are the starting point
 * @error: %REPERE_DB_ERROR_NOT_FOUND for an unknown @based_on
 *
 * Creates a user assessment: same scores, ranks and classes as @based_on
 * (whose entered level counts it copies) until jobs are re-rated.
 *
 * Returns: (transfer full) (nullable): the new assessment's id ("user-…")
 */
char *
repere_assessment_create (RepereDb *db, const char *name, const char *based_on, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *folded = repere_text_fold (name);
  g_autoptr (GString) slug = g_string_new ("user-");
  g_autofree char *root = NULL;
  g_autofree char *id = NULL;
  g_autofree char *description = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!repere_text_is_name (name))
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_INVALID,
                   _("An assessment’s name is text without tabs, line breaks or other control "
                     "characters"));
      return NULL;
    }
  if (*folded == '\0')
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("An assessment needs a name"));
      return NULL;
    }
  if ((root = root_assessment (handle, based_on, NULL, error)) == NULL)
    return NULL;
  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (slug, *p);
    else if (slug->str[slug->len - 1] != '-')
      g_string_append_c (slug, '-');
  while (slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM assessment WHERE name = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (ok)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_AMBIGUOUS, _("An assessment named “%s” exists already"),
                   name);
      return NULL;
    }
  for (int n = 1;; n++)
    {
      gboolean taken;
      g_free (id);
      id = n == 1 ? g_strdup (slug->str) : g_strdup_printf ("%s-%d", slug->str, n);
      if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM assessment WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
        return repere_sql_failed (handle, error), NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
      if (!taken)
        break;
    }

  description = g_strdup_printf (_("Copy of “%s”, re-rated by the user"), based_on);
  if (!repere_sql_exec (handle, "SAVEPOINT edit", error))
    return NULL;
  ok = run (handle,
            "INSERT INTO assessment (id, name, description, position, is_study, based_on, source)"
            " VALUES (?1, ?2, ?3, (SELECT max (position) + 1 FROM assessment), 0, ?4, 'user')",
            error, id, name, description, based_on)
       && run (handle,
               "INSERT INTO user_level_count (assessment_id, job_id, n1, n2, n3, n4, n5, edited_by, edited_at)"
               " SELECT ?1, job_id, n1, n2, n3, n4, n5, edited_by, edited_at"
               "   FROM user_level_count WHERE assessment_id = ?2",
               error, id, based_on)
       /* Each rater's levels, retained competencies, applied jobs and rule
        * (schema 7): the copy consolidates as the original does. */
       && run (handle,
               "INSERT INTO rater_rating (assessment_id, job_id, competency_id, rater, level, rated_at, entered_by,"
               "                          batch_id)"
               " SELECT ?1, job_id, competency_id, rater, level, rated_at, entered_by, batch_id FROM rater_rating"
               " WHERE assessment_id = ?2",
               error, id, based_on)
       && run (handle,
               "INSERT INTO competency_exclusion (assessment_id, job_id, competency_id, excluded_by, excluded_at)"
               " SELECT ?1, job_id, competency_id, excluded_by, excluded_at FROM competency_exclusion"
               " WHERE assessment_id = ?2",
               error, id, based_on)
       && run (handle,
               "INSERT INTO rating_applied (assessment_id, job_id, applied_by, applied_at)"
               " SELECT ?1, job_id, applied_by, applied_at FROM rating_applied WHERE assessment_id = ?2",
               error, id, based_on)
       && run (handle,
               "INSERT INTO consolidation_rule (assessment_id, rule, rater, set_by, set_at)"
               " SELECT ?1, rule, rater, set_by, set_at FROM consolidation_rule WHERE assessment_id = ?2",
               error, id, based_on)
       && repere_rating_reconsolidate (db, id, NULL, error);
  if (!finish_edit (db, id, ok, error))
    return NULL;
  return g_steal_pointer (&id);
}

/**
 * repere_assessment_delete:
 * @assessment_id: a user assessment
 * @error: %REPERE_DB_ERROR_READ_ONLY for a study assessment
 *
 * Deletes a user assessment, its level counts, competency ratings (each
 * rater's and consolidated), retained competencies, history and computed
 * results; the
 * assessments copied from it then derive from the one it was copied from.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_assessment_delete (RepereDb *db, const char *assessment_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);

  if (!repere_assessment_check_user (db, assessment_id, error))
    return FALSE;
  /* Assessments copied from this one now derive from what it derived from. */
  if (!repere_sql_exec (handle, "SAVEPOINT edit", error))
    return FALSE;
  if (run (handle,
           "UPDATE assessment SET based_on = (SELECT based_on FROM assessment WHERE id = ?1) WHERE based_on = ?1",
           error, assessment_id)
      /* rating.assessment_id has no ON DELETE CASCADE (migration 1). */
      && run (handle, "DELETE FROM rating WHERE assessment_id = ?1", error, assessment_id)
      && run (handle, "DELETE FROM assessment WHERE id = ?1 AND is_study = 0", error, assessment_id))
    return repere_sql_exec (handle, "RELEASE edit", error);
  sqlite3_exec (handle, "ROLLBACK TO edit; RELEASE edit", NULL, NULL, NULL);
  return FALSE;
}

/**
 * repere_assessment_set_level_counts:
 * @assessment_id: a user assessment
 * @job_id: a job
 * @counts: competencies at levels 1..5, not all zero
 * @error: %REPERE_DB_ERROR_READ_ONLY for a study assessment,
 *   %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY (e.g. negative counts)
 *
 * Stores the counts (with the user's name and the time) and recomputes every
 * score of the assessment in the same transaction.
 *
 * Returns: %TRUE on success
 */
/**
 * repere_assessment_count_ratings:
 * @assessment_id: an assessment id
 * @job_id: (nullable): a job id, %NULL for every job
 *
 * Returns: the number of competency ratings of the job, or of every job,
 *   in the assessment, every rater's (table rater_rating); -1 when the
 *   query fails
 */
int
repere_assessment_count_ratings (RepereDb *db, const char *assessment_id, const char *job_id)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT count (*) FROM rater_rating WHERE assessment_id = ?1 AND (?2 IS NULL OR job_id = ?2)",
                          -1,
                          &stmt, NULL)
      != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if (job_id)
    sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

gboolean
repere_assessment_set_level_counts (RepereDb *db, const char *assessment_id, const char *job_id,
                                    const int counts[5], GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  char *n[5] = { NULL };
  gint64 change;
  gboolean ok;

  if (!repere_assessment_check_user (db, assessment_id, error))
    return FALSE;
  for (int l = 0; l < 5; l++)
    if (counts[l] < 0)
      {
        g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, _("A level count cannot be negative"));
        return FALSE;
      }
  if (counts[0] + counts[1] + counts[2] + counts[3] + counts[4] == 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                   _("At least one competency must be counted at some level"));
      return FALSE;
    }
  if (!repere_job_check_exists (db, job_id, error))
    return FALSE;
  {
    /* Ratings come before typed counts (basis 'ratings'): counts stored
     * now would do nothing until the ratings are cleared. */
    int n_ratings = repere_assessment_count_ratings (db, assessment_id, job_id);
    if (n_ratings > 0)
      {
        g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_HAS_RATINGS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "“%s” has %d competency rating in this assessment, which gives its level counts: "
                                  "clear it before entering counts",
                                  "“%s” has %d competency ratings in this assessment, which give its level counts: "
                                  "clear them before entering counts",
                                  n_ratings),
                     job_id, n_ratings);
        return FALSE;
      }
  }
  for (int l = 0; l < 5; l++)
    n[l] = g_strdup_printf ("%d", counts[l]);
  if (!repere_sql_exec (handle, "SAVEPOINT edit", error))
    {
      for (int l = 0; l < 5; l++)
        g_free (n[l]);
      return FALSE;
    }
  /* One change of the history (schema 7), undoable like a rating; an
   * upsert, so that the log sees the counts before. */
  change = repere_change_begin (db, assessment_id, job_id, "counts", NULL, 0, error);
  ok = change > 0
       && run (handle,
               "INSERT INTO user_level_count"
               " (assessment_id, job_id, n1, n2, n3, n4, n5, edited_by, edited_at)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
               " ON CONFLICT DO UPDATE SET n1 = excluded.n1, n2 = excluded.n2, n3 = excluded.n3, n4 = excluded.n4,"
               "   n5 = excluded.n5, edited_by = excluded.edited_by, edited_at = excluded.edited_at",
               error, assessment_id, job_id, n[0], n[1], n[2], n[3], n[4], repere_rating_current_user (), when);
  for (int l = 0; l < 5; l++)
    g_free (n[l]);
  return finish_edit (db, assessment_id, ok && repere_change_end (db, change, error), error);
}

/**
 * repere_assessment_set_rating:
 * @assessment_id: a user assessment
 * @job_id: a job
 * @competency_id: a competency's code_ogr (not checked against the
 *   referential: see repere_competency_rate(), which is)
 * @level: exposure level 1–5, or 0 to clear the rating
 * @error: %REPERE_DB_ERROR_READ_ONLY for a study assessment,
 *   %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY for a level out of range
 *
 * The user's own level of one of the job's competencies
 * (repere_rating_rate() with the user as rater): stored with their real
 * name (else login) and the UTC time, consolidated with the other raters'
 * and every score of the assessment recomputed in the same transaction.
 * The job's ratings give its level counts (basis 'ratings') once they
 * cover its retained competencies or are applied.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_assessment_set_rating (RepereDb *db, const char *assessment_id, const char *job_id, gint64 competency_id,
                              int level, GError **error)
{
  return repere_rating_rate (db, assessment_id, job_id, NULL, &competency_id, 1, level, error);
}

/**
 * repere_assessment_revert:
 * @assessment_id: a user assessment
 * @job_id: (nullable): a job, or %NULL for every job
 *
 * Forgets the level counts, every rater's competency ratings, the retained
 * competencies and applied drafts of the job (or all jobs), in one change
 * of the history (repere_rating_revert()): its score returns to the
 * published one, and every score is recomputed.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_assessment_revert (RepereDb *db, const char *assessment_id, const char *job_id, GError **error)
{
  return repere_rating_revert (db, assessment_id, job_id, error);
}

/**
 * repere_assessment_get_level_counts:
 * @counts: (out): competencies at levels 1..5
 * @error: %REPERE_DB_ERROR_NOT_FOUND when neither the user nor the study
 *   gives counts for the job
 *
 * The counts in force, as the scoring engine takes them: the job's
 * competency ratings per level (view rating_in_force: retained
 * competencies, ratings covering them or applied) when in force, else the
 * counts the user entered, else those of the fiche (4.2) of the study
 * assessment it derives from.
 *
 * Returns: %TRUE when there are counts
 */
gboolean
repere_assessment_get_level_counts (RepereDb *db, const char *assessment_id, const char *job_id, int counts[5],
                                    GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *root = root_assessment (handle, assessment_id, NULL, error);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (root == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (handle,
                          "SELECT sum (level = 1), sum (level = 2), sum (level = 3), sum (level = 4), sum (level = 5)"
                          "  FROM rating_in_force WHERE assessment_id = ?1 AND job_id = ?3 HAVING count (*) > 0"
                          " UNION ALL SELECT n1, n2, n3, n4, n5 FROM user_level_count"
                          " WHERE assessment_id = ?1 AND job_id = ?3"
                          " UNION ALL SELECT n1, n2, n3, n4, n5 FROM level_count"
                          " WHERE assessment_id = ?2 AND job_id = ?3 LIMIT 1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, root, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, job_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      for (int l = 0; l < 5; l++)
        counts[l] = sqlite3_column_int (stmt, l);
    }
  sqlite3_finalize (stmt);
  if (!found)
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                 _("The study publishes no level counts for “%s”"), job_id);
  return found;
}
