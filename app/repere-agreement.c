/* repere-agreement.c: agreement between raters (Krippendorff's alpha) and
 * the consolidation report
 *
 * The study's experts rated competencies in workshops and consolidated
 * their levels (4.1); agreement between several raters of the same
 * competencies is measured, as is usual for ordinal ratings with missing
 * values, by Krippendorff's alpha for ordinal data, computed here from its
 * definition through the coincidence matrix (K. Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability", 2011):
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1)
 *   n_c = Σ_k o_ck, n = Σ_c n_c   (pairable values: units with m_u ≥ 2)
 *   α = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with, for ordinal data, δ_ck = Σ_{g=c..k} n_g − (n_c + n_k) / 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-agreement.h"

#include "repere-competency.h"
#include "repere-export.h"
#include "repere-rating-sheet.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Exposure levels are 1–5; the function takes any small number. */
#define MAX_LEVELS 32

static double
squared_difference (RepereAlphaMetric metric, int c, int k, const double *n_c)
{
  switch (metric)
    {
    case REPERE_ALPHA_NOMINAL:
      return c == k ? 0 : 1;
    case REPERE_ALPHA_INTERVAL:
      return (double) (c - k) * (c - k);
    case REPERE_ALPHA_RATIO:
      return ((double) (c - k) / (c + k)) * ((double) (c - k) / (c + k));
    case REPERE_ALPHA_ORDINAL:
    default:
      {
        int low = MIN (c, k), high = MAX (c, k);
        double d = 0;
        if (c == k)
          return 0;
        for (int g = low; g <= high; g++)
          d += n_c[g];
        d -= (n_c[low] + n_c[high]) / 2;
        return d * d;
      }
    }
}

/**
 * repere_alpha:
 * @values: @n_units rows of @n_raters values each, row by row: a value
 *   1..@n_levels, or 0 when that rater gave none for that unit
 * @n_units: units (competencies)
 * @n_raters: raters (observers)
 * @n_levels: the largest value (5 for exposure levels), at most 31
 * @metric: the difference function; %REPERE_ALPHA_ORDINAL for levels
 * @n_pairable: (out) (optional): the pairable values n (values of units
 *   that two raters or more rated)
 *
 * Krippendorff's alpha from the coincidence matrix (see the top of this
 * file). Units rated by fewer than two raters are not pairable and do not
 * count. 1 is perfect agreement, 0 agreement as by chance.
 *
 * Returns: alpha, or NAN when undefined: fewer than two pairable values,
 *   or all pairable values equal (no expected disagreement)
 */
double
repere_alpha (const int *values, guint n_units, guint n_raters, int n_levels,
              RepereAlphaMetric metric, guint *n_pairable)
{
  double o[MAX_LEVELS][MAX_LEVELS] = { { 0 } };
  double n_c[MAX_LEVELS] = { 0 };
  double n = 0, observed = 0, expected = 0;

  g_return_val_if_fail (n_levels > 0 && n_levels < MAX_LEVELS, NAN);
  for (guint u = 0; u < n_units; u++)
    {
      const int *row = values + (gsize) u * n_raters;
      guint m = 0;
      for (guint r = 0; r < n_raters; r++)
        m += row[r] >= 1 && row[r] <= n_levels;
      if (m < 2)
        continue;
      for (guint i = 0; i < n_raters; i++)
        for (guint j = 0; j < n_raters; j++)
          if (i != j && row[i] >= 1 && row[i] <= n_levels && row[j] >= 1 && row[j] <= n_levels)
            o[row[i]][row[j]] += 1.0 / (m - 1);
    }
  for (int c = 1; c <= n_levels; c++)
    for (int k = 1; k <= n_levels; k++)
      n_c[c] += o[c][k];
  for (int c = 1; c <= n_levels; c++)
    n += n_c[c];
  if (n_pairable)
    *n_pairable = (guint) lround (n);
  if (n < 2)
    return NAN;
  for (int c = 1; c <= n_levels; c++)
    for (int k = 1; k <= n_levels; k++)
      {
        double d = squared_difference (metric, c, k, n_c);
        observed += o[c][k] * d;
        expected += n_c[c] * n_c[k] * d;
      }
  if (expected <= 0)
    return NAN;
  return 1.0 - (n - 1) * observed / expected;
}

static void
row_free (RepereAgreementRow *row)
{
  g_free (row->job_id);
  g_free (row->job_name);
  g_free (row->label);
  g_free (row->levels);
  g_free (row);
}

static void
job_free (RepereAgreementJob *job)
{
  g_free (job->job_id);
  g_free (job->job_name);
  g_free (job);
}

void
repere_agreement_free (RepereAgreement *agreement)
{
  if (agreement == NULL)
    return;
  g_free (agreement->assessment_id);
  g_free (agreement->assessment_name);
  repere_rule_clear (&agreement->rule);
  g_clear_pointer (&agreement->raters, g_ptr_array_unref);
  g_clear_pointer (&agreement->rows, g_ptr_array_unref);
  g_clear_pointer (&agreement->jobs, g_ptr_array_unref);
  g_free (agreement);
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

/* Contested first, the widest spread first; then the job order and label
 * they were read in (@order). */
static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const RepereAgreementRow *x = *(RepereAgreementRow *const *) a;
  const RepereAgreementRow *y = *(RepereAgreementRow *const *) b;

  if (x->contested != y->contested)
    return x->contested ? -1 : 1;
  if (x->contested && x->spread != y->spread)
    return y->spread - x->spread;
  return 0;
}

/* Alpha of @rows (all, or one job's) as units × raters. */
static double
rows_alpha (GPtrArray *rows, const char *job_id, guint n_raters, guint *units, guint *pairable,
            guint *contested)
{
  g_autoptr (GArray) values = g_array_new (FALSE, TRUE, sizeof (int));
  guint n = 0;

  *contested = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      RepereAgreementRow *row = g_ptr_array_index (rows, i);
      if (job_id && g_strcmp0 (row->job_id, job_id) != 0)
        continue;
      g_array_append_vals (values, row->levels, n_raters);
      n++;
      *contested += row->contested;
    }
  *units = n;
  return repere_alpha ((const int *) values->data, n, n_raters, REPERE_RATING_MAX,
                       REPERE_ALPHA_ORDINAL, pairable);
}

/**
 * repere_agreement_compute:
 * @assessment_id: an assessment
 * @job_ids: (nullable) (array zero-terminated=1): the jobs reported, %NULL
 *   for every job with ratings
 * @error: %REPERE_DB_ERROR_NOT_FOUND (assessment), %REPERE_DB_ERROR_QUERY
 *
 * The consolidation report: for every retained competency with at least
 * one rater's level, each rater's level, the median, the spread and the
 * assessment's level by its rule; ordinal Krippendorff's alpha per job and
 * over all jobs; contested competencies (levels two or more apart) first.
 *
 * Returns: (transfer full) (nullable): the report
 */
RepereAgreement *
repere_agreement_compute (RepereDb *db, const char *assessment_id, const char *const *job_ids,
                          GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (RepereAgreement) report = g_new0 (RepereAgreement, 1);
  g_autoptr (GHashTable) wanted = NULL;
  g_autoptr (GHashTable) rater_index = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;
  RepereAgreementRow *row = NULL;
  int rc;

  report->raters = g_ptr_array_new_with_free_func (g_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  if (job_ids)
    {
      wanted = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; job_ids[i]; i++)
        g_hash_table_add (wanted, (gpointer) job_ids[i]);
    }

  if (sqlite3_prepare_v2 (handle, "SELECT id, name FROM assessment WHERE id = ?1", -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      report->assessment_id = column_dup (stmt, 0);
      report->assessment_name = column_dup (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (report->assessment_id == NULL)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _ ("Unknown assessment “%s”"),
                   assessment_id);
      return NULL;
    }
  if (!repere_rating_get_rule (db, assessment_id, &report->rule, error))
    return NULL;

  /* The raters of the jobs reported, by name. */
  if (sqlite3_prepare_v2 (handle,
                          "SELECT DISTINCT job_id, rater FROM rater_rating WHERE assessment_id = ?1"
                          " ORDER BY rater COLLATE repere, rater",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *job = (const char *) sqlite3_column_text (stmt, 0);
      const char *rater = (const char *) sqlite3_column_text (stmt, 1);
      if ((wanted == NULL || g_hash_table_contains (wanted, job))
          && !g_hash_table_contains (rater_index, rater))
        {
          char *name = g_strdup (rater);
          g_hash_table_insert (rater_index, name, GUINT_TO_POINTER (report->raters->len));
          g_ptr_array_add (report->raters, name);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;

  /* Every rater's level of every retained competency, by job and label. */
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT rr.job_id, j.name, rr.competency_id, coalesce (c.label, rr.competency_id),"
          "       rr.rater, rr.level, coalesce (r.level, 0)"
          "  FROM rater_rating rr JOIN job j ON j.id = rr.job_id"
          "  LEFT JOIN competency c ON CAST (c.id AS TEXT) = rr.competency_id"
          "  LEFT JOIN rating r ON r.assessment_id = rr.assessment_id AND r.job_id = rr.job_id"
          "                    AND r.competency_id = rr.competency_id"
          " WHERE rr.assessment_id = ?1"
          "   AND NOT EXISTS (SELECT 1 FROM competency_exclusion e WHERE e.assessment_id = ?1"
          "                      AND e.job_id = rr.job_id AND e.competency_id = rr.competency_id)"
          " ORDER BY j.family_code, j.position, j.id, 4 COLLATE repere, rr.competency_id",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error), NULL;
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *job = (const char *) sqlite3_column_text (stmt, 0);
      gint64 competency = sqlite3_column_int64 (stmt, 2);
      gpointer index;

      if (wanted && !g_hash_table_contains (wanted, job))
        continue;
      if (row == NULL || g_strcmp0 (row->job_id, job) != 0 || row->competency_id != competency)
        {
          row = g_new0 (RepereAgreementRow, 1);
          row->job_id = g_strdup (job);
          row->job_name = column_dup (stmt, 1);
          row->competency_id = competency;
          row->label = column_dup (stmt, 3);
          row->levels = g_new0 (int, MAX (report->raters->len, 1));
          row->level = sqlite3_column_int (stmt, 6);
          g_ptr_array_add (report->rows, row);
          if (report->jobs->len == 0
              || g_strcmp0 (((RepereAgreementJob *) g_ptr_array_index (report->jobs,
                                                                       report->jobs->len - 1))
                                ->job_id,
                            job)
                     != 0)
            {
              RepereAgreementJob *entry = g_new0 (RepereAgreementJob, 1);
              entry->job_id = g_strdup (job);
              entry->job_name = column_dup (stmt, 1);
              g_ptr_array_add (report->jobs, entry);
            }
        }
      if (g_hash_table_lookup_extended (rater_index, sqlite3_column_text (stmt, 4), NULL, &index))
        row->levels[GPOINTER_TO_UINT (index)] = sqlite3_column_int (stmt, 5);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;

  for (guint i = 0; i < report->rows->len; i++)
    {
      RepereAgreementRow *r = g_ptr_array_index (report->rows, i);
      int given[64];
      int low = REPERE_RATING_MAX, high = REPERE_RATING_MIN;

      for (guint k = 0; k < report->raters->len; k++)
        if (r->levels[k] > 0)
          {
            if (r->n_levels < G_N_ELEMENTS (given))
              given[r->n_levels++] = r->levels[k];
            low = MIN (low, r->levels[k]);
            high = MAX (high, r->levels[k]);
          }
      r->median = repere_levels_median (given, r->n_levels);
      r->spread = r->n_levels > 1 ? high - low : 0;
      r->contested = r->spread >= REPERE_AGREEMENT_CONTESTED_SPREAD;
    }
  for (guint j = 0; j < report->jobs->len; j++)
    {
      RepereAgreementJob *job = g_ptr_array_index (report->jobs, j);
      job->alpha = rows_alpha (report->rows, job->job_id, report->raters->len, &job->units,
                               &job->pairable, &job->contested);
    }
  report->alpha = rows_alpha (report->rows, NULL, report->raters->len, &report->units,
                              &report->pairable, &report->contested);
  /* Stable: the rows keep their job and label order within each group. */
  g_ptr_array_sort (report->rows, compare_rows);
  return g_steal_pointer (&report);
}

/**
 * repere_agreement_format_alpha:
 *
 * Returns: (transfer full): alpha to 3 decimals ("0.815"), or "NA" when
 *   undefined (machine-readable, for the CLI's TSV)
 */
char *
repere_agreement_format_alpha (double alpha)
{
  return isnan (alpha) ? g_strdup ("NA") : g_strdup_printf ("%.3f", alpha);
}

/**
 * repere_agreement_format_median:
 *
 * Returns: (transfer full): "3" or "2.5"
 */
char *
repere_agreement_format_median (double median)
{
  return fabs (median - round (median)) < 1e-9 ? g_strdup_printf ("%d", (int) round (median))
                                               : g_strdup_printf ("%.1f", median);
}

static void
put (GString *out, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c (out, '\t');
  for (const char *p = text; *p; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

/**
 * repere_agreement_to_tsv:
 *
 * Returns: (transfer full): the report as `repere-cli agreement` prints
 *   it: a header line "job, competency, one column per rater, median,
 *   spread" and one line per competency (contested first; an empty cell
 *   where a rater gave no level); an empty line; then "job, alpha,
 *   competencies, contested" per job and a last line "overall"
 */
char *
repere_agreement_to_tsv (const RepereAgreement *agreement)
{
  GString *out = g_string_new (NULL);

  put (out, "job", TRUE);
  put (out, "competency", FALSE);
  for (guint k = 0; k < agreement->raters->len; k++)
    put (out, g_ptr_array_index (agreement->raters, k), FALSE);
  put (out, "median", FALSE);
  put (out, "spread", FALSE);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < agreement->rows->len; i++)
    {
      RepereAgreementRow *row = g_ptr_array_index (agreement->rows, i);
      g_autofree char *median = repere_agreement_format_median (row->median);
      g_autofree char *spread = g_strdup_printf ("%d", row->spread);

      put (out, row->job_name, TRUE);
      put (out, row->label, FALSE);
      for (guint k = 0; k < agreement->raters->len; k++)
        {
          g_autofree char *level
              = row->levels[k] ? g_strdup_printf ("%d", row->levels[k]) : g_strdup ("");
          put (out, level, FALSE);
        }
      put (out, median, FALSE);
      put (out, spread, FALSE);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "\njob\talpha\tcompetencies\tcontested\n");
  for (guint j = 0; j < agreement->jobs->len; j++)
    {
      RepereAgreementJob *job = g_ptr_array_index (agreement->jobs, j);
      g_autofree char *alpha = repere_agreement_format_alpha (job->alpha);
      put (out, job->job_name, TRUE);
      g_string_append_printf (out, "\t%s\t%u\t%u\n", alpha, job->units, job->contested);
    }
  {
    g_autofree char *alpha = repere_agreement_format_alpha (agreement->alpha);
    g_string_append_printf (out, "overall\t%s\t%u\t%u\n", alpha, agreement->units,
                            agreement->contested);
  }
  return g_string_free (out, FALSE);
}

/**
 * repere_agreement_format_alpha_text:
 * @alpha: an alpha, or NAN
 *
 * Returns: (transfer full): alpha to 3 decimals for people, with the
 *   translation's decimal separator ("0,815" in French), or "—" when
 *   undefined
 */
char *
repere_agreement_format_alpha_text (double alpha)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_auto (GStrv) parts = NULL;

  if (isnan (alpha))
    return g_strdup ("—");
  g_ascii_formatd (buffer, sizeof buffer, "%.3f", alpha);
  parts = g_strsplit (buffer, ".", 2);
  /* TRANSLATORS: the decimal separator of printed scores: "," in French */
  return g_strjoinv (C_ ("decimal separator", "."), parts);
}

/**
 * repere_agreement_to_csv:
 * @options: delimiter, decimal comma, byte order mark, line ends
 * @length: (out) (optional): the text's length in bytes
 *
 * The report as a spreadsheet reads it: one line per competency (job,
 * competency, each rater's level, median, spread, the assessment's level),
 * contested first; then one line per job and one for all jobs with the
 * alpha. Translated column titles. A text cell a spreadsheet would run as
 * a formula is neutralised (repere_export_csv_field()).
 *
 * Returns: (transfer full): the CSV text
 */
char *
repere_agreement_to_csv (const RepereAgreement *agreement, const RepereExportOptions *options,
                         gsize *length)
{
  GString *out = g_string_new (NULL);

#define FIELD(text, first)                                                                         \
  G_STMT_START                                                                                     \
  {                                                                                                \
    repere_export_field (out, (text), (first), options);                                           \
  }                                                                                                \
  G_STMT_END

  repere_export_begin (out, options);
  FIELD (_ ("Job"), TRUE);
  FIELD (_ ("Competency"), FALSE);
  for (guint k = 0; k < agreement->raters->len; k++)
    FIELD (g_ptr_array_index (agreement->raters, k), FALSE);
  FIELD (_ ("Median"), FALSE);
  FIELD (_ ("Spread"), FALSE);
  FIELD (_ ("Assessment’s level"), FALSE);
  repere_export_end_record (out, options);
  for (guint i = 0; i < agreement->rows->len; i++)
    {
      RepereAgreementRow *row = g_ptr_array_index (agreement->rows, i);
      FIELD (row->job_name, TRUE);
      FIELD (row->label, FALSE);
      for (guint k = 0; k < agreement->raters->len; k++)
        {
          if (row->levels[k])
            repere_export_number_field (out, row->levels[k], 0, FALSE, options);
          else
            repere_export_field (out, "", FALSE, options);
        }
      repere_export_number_field (out, row->median,
                                  fabs (row->median - round (row->median)) < 1e-9 ? 0 : 1, FALSE,
                                  options);
      repere_export_number_field (out, row->spread, 0, FALSE, options);
      repere_export_number_field (out, row->level, 0, FALSE, options);
      repere_export_end_record (out, options);
    }
  repere_export_end_record (out, options);
  FIELD (_ ("Job"), TRUE);
  FIELD (_ ("Krippendorff’s alpha (ordinal)"), FALSE);
  FIELD (_ ("Competencies"), FALSE);
  FIELD (_ ("Contested"), FALSE);
  repere_export_end_record (out, options);
  for (guint j = 0; j <= agreement->jobs->len; j++)
    {
      gboolean all = j == agreement->jobs->len;
      RepereAgreementJob *job = all ? NULL : g_ptr_array_index (agreement->jobs, j);
      double alpha = all ? agreement->alpha : job->alpha;
      FIELD (all ? _ ("All jobs") : job->job_name, TRUE);
      if (isnan (alpha))
        repere_export_field (out, "", FALSE, options);
      else
        repere_export_number_field (out, alpha, 3, FALSE, options);
      repere_export_number_field (out, all ? agreement->units : job->units, 0, FALSE, options);
      repere_export_number_field (out, all ? agreement->contested : job->contested, 0, FALSE,
                                  options);
      repere_export_end_record (out, options);
    }
#undef FIELD
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}
