/* repere-consistency.c: the consistency report of the study
 *
 * Compares the figures the study publishes more than once — a job's class in
 * a ranking table and in the classification figure, a fiche's level counts,
 * score and class against its number of competencies and the ranking table,
 * the non-core jobs' scores before and after the experts' requalification —
 * and the ranking tables against the score model (docs/scoring.md) and the
 * class thresholds. docs/study-data.md lists what it finds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-consistency.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "repere-score.h"

/* Report order of the kinds; the index is the first sort key. */
enum
{
  KIND_TABLE_VS_FIGURE,
  KIND_FICHE_COUNTS,
  KIND_FICHE_SCORE,
  KIND_FICHE_CLASS,
  KIND_NON_CORE_MOVED,
  KIND_MODEL_RESIDUAL,
  KIND_CLASS_VS_THRESHOLDS,
  N_KINDS
};

static const char *const kinds[N_KINDS + 1] = {
  "table-vs-figure", "fiche-counts",   "fiche-score",         "fiche-class",
  "non-core-moved",  "model-residual", "class-vs-thresholds", NULL,
};

/* 3.2.2.2: the experts requalified the 10 core jobs only; "les scores
 * d'exposition et positionnements relatifs des 48 autres métiers du tableau
 * demeurent identiques par rapport à la qualification précédente" (3.2.2.1). */
#define EXPERTS_ASSESSMENT "experts"
#define EXPERTS_BASE_ASSESSMENT "pwc-revised"

/* Section giving the classification rules the thresholds are derived from. */
#define THRESHOLDS_SOURCE "3.2.1.2"

typedef struct
{
  char *name;
  int position;
} AssessmentInfo;

typedef struct
{
  RepereFinding *finding;
  guint kind;
  int position; /* of the assessment */
  char *key;    /* job name folded to ASCII lower case */
} Pending;

typedef struct
{
  sqlite3 *handle;
  GHashTable *assessments; /* id → AssessmentInfo* */
  GArray *pending;         /* Pending */
} Context;

/**
 * repere_finding_free:
 * @finding: (nullable) (transfer full): a finding
 *
 * Frees @finding and its strings.
 */
void
repere_finding_free (RepereFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->kind);
  g_free (finding->job_id);
  g_free (finding->job_name);
  g_free (finding->assessment_id);
  g_free (finding->value_a);
  g_free (finding->source_a);
  g_free (finding->value_b);
  g_free (finding->source_b);
  g_free (finding->message);
  g_free (finding);
}

/**
 * repere_consistency_kinds:
 *
 * The stable ids of #RepereFinding.kind, in report order.
 *
 * Returns: (transfer none) (array zero-terminated=1): static ids
 */
const char *const *
repere_consistency_kinds (void)
{
  return kinds;
}

/**
 * repere_consistency_kind_title:
 * @kind: a #RepereFinding.kind id
 *
 * A short translated title for a group of findings, e.g. for a heading of
 * the report page.
 *
 * Returns: (transfer none): the title, @kind itself when unknown
 */
const char *
repere_consistency_kind_title (const char *kind)
{
  if (g_strcmp0 (kind, "table-vs-figure") == 0)
    return _("Ranking table vs. classification figure");
  if (g_strcmp0 (kind, "fiche-counts") == 0)
    return _("Fiche level counts vs. number of competencies");
  if (g_strcmp0 (kind, "fiche-score") == 0)
    return _("Fiche score vs. ranking table");
  if (g_strcmp0 (kind, "fiche-class") == 0)
    return _("Fiche class vs. ranking table");
  if (g_strcmp0 (kind, "non-core-moved") == 0)
    return _("Non-core scores that moved between assessments");
  if (g_strcmp0 (kind, "model-residual") == 0)
    return _("Published scores the model does not reproduce");
  if (g_strcmp0 (kind, "class-vs-thresholds") == 0)
    return _("Published class vs. class thresholds");
  return kind;
}

static void
assessment_info_free (AssessmentInfo *info)
{
  g_free (info->name);
  g_free (info);
}

static void
pending_clear (Pending *pending)
{
  g_clear_pointer (&pending->finding, repere_finding_free);
  g_free (pending->key);
}

static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text ? text : "";
}

static const char *
assessment_name (Context *ctx, const char *id)
{
  AssessmentInfo *info = g_hash_table_lookup (ctx->assessments, id);
  return info ? info->name : id;
}

/* "%.2f" whatever the locale. */
static char *
format_number (double value, const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* Takes @message. */
static void
add_finding (Context *ctx,
             guint kind,
             const char *job_id,
             const char *job_name,
             const char *assessment_id,
             const char *value_a,
             const char *source_a,
             const char *value_b,
             const char *source_b,
             char *message)
{
  RepereFinding *finding = g_new0 (RepereFinding, 1);
  AssessmentInfo *info = g_hash_table_lookup (ctx->assessments, assessment_id);
  g_autofree char *ascii = g_str_to_ascii (job_name, "C");
  Pending pending = { 0 };

  finding->kind = g_strdup (kinds[kind]);
  finding->job_id = g_strdup (job_id);
  finding->job_name = g_strdup (job_name);
  finding->assessment_id = g_strdup (assessment_id);
  finding->value_a = g_strdup (value_a);
  finding->source_a = g_strdup (source_a);
  finding->value_b = g_strdup (value_b);
  finding->source_b = g_strdup (source_b);
  finding->message = message;

  pending.finding = finding;
  pending.kind = kind;
  pending.position = info ? info->position : G_MAXINT;
  pending.key = g_ascii_strdown (ascii, -1);
  g_array_append_val (ctx->pending, pending);
}

/* The translated sentence of a finding of @kind. @extra is the score for
 * class-vs-thresholds and the level counts for fiche-counts. */
static char *
build_message (Context *ctx,
               guint kind,
               const char *job_name,
               const char *assessment_id,
               const char *value_a,
               const char *source_a,
               const char *value_b,
               const char *source_b,
               const char *extra)
{
  const char *assessment = assessment_name (ctx, assessment_id);

  switch (kind)
    {
    case KIND_TABLE_VS_FIGURE:
      /* Translators: job, assessment, section, class, section, class. */
      return g_strdup_printf (_("%s, %s: the ranking table (%s) classes it %s but the classification figure (%s) "
                                "lists it under %s."),
                              job_name, assessment, source_a, value_a, source_b, value_b);
    case KIND_FICHE_COUNTS:
      /* Translators: job, assessment, section, number, "n1, n2, n3, n4, n5", number. */
      return g_strdup_printf (_("%s, %s: the fiche (%s) says %s competencies but its level counts (%s) add up "
                                "to %s."),
                              job_name, assessment, source_a, value_a, extra, value_b);
    case KIND_FICHE_SCORE:
      /* Translators: job, assessment, section, score, section, score. */
      return g_strdup_printf (_("%s, %s: the fiche (%s) prints the score %s but the ranking table (%s) "
                                "gives %s."),
                              job_name, assessment, source_a, value_a, source_b, value_b);
    case KIND_FICHE_CLASS:
      /* Translators: job, assessment, section, class, section, class. */
      return g_strdup_printf (_("%s, %s: the fiche (%s) classes it %s but the ranking table (%s) classes it "
                                "%s."),
                              job_name, assessment, source_a, value_a, source_b, value_b);
    case KIND_NON_CORE_MOVED:
      /* Translators: job, score, assessment, section, score, assessment, section. */
      return g_strdup_printf (_("%s: %s in %s (%s) but %s in %s (%s), although 3.2.2.2 says the scores of "
                                "the 48 non-core jobs stay identical."),
                              job_name, value_a, assessment_name (ctx, EXPERTS_BASE_ASSESSMENT), source_a,
                              value_b, assessment, source_b);
    case KIND_MODEL_RESIDUAL:
      /* Translators: job, assessment, section, score, model score, section,
       * tolerance ("0.02"). */
      return g_strdup_printf (_("%s, %s: the ranking table (%s) gives %s but the score model gives %s for "
                                "the fiche’s level counts (%s), more than %s apart."),
                              job_name, assessment, source_a, value_a, value_b, source_b, extra);
    case KIND_CLASS_VS_THRESHOLDS:
      /* Translators: job, assessment, section, class, score, section, class. */
      return g_strdup_printf (_("%s, %s: the ranking table (%s) classes it %s at %s, but by the class "
                                "thresholds (%s, derived from the ranking tables) that score is %s."),
                              job_name, assessment, source_a, value_a, extra, source_b, value_b);
    default:
      g_assert_not_reached ();
    }
}

/* Runs @sql, whose rows are (job_id, job_name, assessment_id, value_a,
 * source_a, value_b, source_b, extra), and adds a finding of @kind for each. */
static gboolean
run_check (Context *ctx, guint kind, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (ctx->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (ctx->handle, error);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *job_name = column_text (stmt, 1);
      const char *assessment_id = column_text (stmt, 2);
      const char *value_a = column_text (stmt, 3);
      const char *source_a = column_text (stmt, 4);
      const char *value_b = column_text (stmt, 5);
      const char *source_b = column_text (stmt, 6);
      char *message = build_message (ctx, kind, job_name, assessment_id, value_a, source_a, value_b, source_b,
                                     column_text (stmt, 7));

      add_finding (ctx, kind, column_text (stmt, 0), job_name, assessment_id, value_a, source_a, value_b,
                   source_b, message);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    return repere_sql_failed (ctx->handle, error);
  return TRUE;
}

/* The ranking tables' scores the calibrated model (docs/scoring.md) misses
 * by more than REPERE_SCORE_TOLERANCE. */
static gboolean
check_model (Context *ctx, RepereDb *db, GError **error)
{
  RepereScoreFit *fit = repere_score_fit (db, error); /* owned by @db */
  sqlite3_stmt *stmt = NULL;
  g_autofree char *tolerance = format_number (REPERE_SCORE_TOLERANCE, "%.2f");

  if (fit == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (ctx->handle,
                          "SELECT r.source, l.source FROM published_result r"
                          "  JOIN level_count l USING (assessment_id, job_id)"
                          " WHERE r.assessment_id = ?1 AND r.job_id = ?2",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (ctx->handle, error);
  for (guint p = 0; p < fit->points->len; p++)
    {
      RepereFitPoint *point = g_ptr_array_index (fit->points, p);
      g_autofree char *published = NULL;
      g_autofree char *fitted = NULL;
      const char *source_a = "";
      const char *source_b = "";
      char *message;

      /* A point the model has no scale for (NAN) is not a disagreement. */
      if (isnan (point->residual) || fabs (point->residual) <= REPERE_SCORE_TOLERANCE + 1e-9)
        continue;
      published = format_number (point->published, "%.2f");
      fitted = format_number (point->fitted, "%.3f");
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, point->assessment_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, point->job_id, -1, SQLITE_TRANSIENT);
      switch (sqlite3_step (stmt))
        {
        case SQLITE_ROW:
          source_a = column_text (stmt, 0);
          source_b = column_text (stmt, 1);
          break;
        case SQLITE_DONE:
          break;
        default:
          sqlite3_finalize (stmt);
          return repere_sql_failed (ctx->handle, error);
        }
      message = build_message (ctx, KIND_MODEL_RESIDUAL, point->job_name, point->assessment_id, published,
                               source_a, fitted, source_b, tolerance);
      add_finding (ctx, KIND_MODEL_RESIDUAL, point->job_id, point->job_name, point->assessment_id, published,
                   source_a, fitted, source_b, message);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
load_assessments (Context *ctx, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (ctx->handle, "SELECT id, name, position FROM assessment", -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (ctx->handle, error);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssessmentInfo *info = g_new0 (AssessmentInfo, 1);
      info->name = g_strdup (column_text (stmt, 1));
      info->position = sqlite3_column_int (stmt, 2);
      g_hash_table_insert (ctx->assessments, g_strdup (column_text (stmt, 0)), info);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    return repere_sql_failed (ctx->handle, error);
  return TRUE;
}

static int
compare_pending (gconstpointer a, gconstpointer b)
{
  const Pending *x = a;
  const Pending *y = b;
  int c;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if ((c = strcmp (x->key, y->key)) != 0)
    return c;
  if ((c = strcmp (x->finding->job_id, y->finding->job_id)) != 0)
    return c;
  return strcmp (x->finding->assessment_id, y->finding->assessment_id);
}

/* The checks, one SQL query each but the model's; each row is (job_id,
 * job_name, assessment_id, value_a, source_a, value_b, source_b, extra). */
static const struct
{
  guint kind;
  const char *sql;
} checks[] = {
  /* The class of a job in a ranking table (Annexe 1.1, 3.2.2.1 and 3.2.2.2
   * Figure 1) and the column listing it in the classification figure of the
   * same assessment (Annexe 1.2, 3.2.2.1 and 3.2.2.2 Figure 2). */
  { KIND_TABLE_VS_FIGURE,
    "SELECT j.id, j.name, r.assessment_id, cr.name, r.source, cf.name, f.source, ''"
    "  FROM published_result r"
    "  JOIN figure_classification f USING (assessment_id, job_id)"
    "  JOIN job j ON j.id = r.job_id"
    "  JOIN classification cr ON cr.id = r.classification_id"
    "  JOIN classification cf ON cf.id = f.classification_id"
    " WHERE f.classification_id <> r.classification_id" },
  /* A fiche's "N compétences analysées / retenues" and its counts per
   * exposure level (4.2). */
  { KIND_FICHE_COUNTS,
    "SELECT j.id, j.name, l.assessment_id, l.competencies, l.source,"
    "       l.n1 + l.n2 + l.n3 + l.n4 + l.n5, l.source,"
    "       printf ('%d, %d, %d, %d, %d', l.n1, l.n2, l.n3, l.n4, l.n5)"
    "  FROM level_count l JOIN job j ON j.id = l.job_id"
    " WHERE l.n1 + l.n2 + l.n3 + l.n4 + l.n5 <> l.competencies" },
  /* The score a fiche prints (4.2) and the ranking table's. */
  { KIND_FICHE_SCORE,
    "SELECT j.id, j.name, l.assessment_id, printf ('%.2f', l.score), l.source,"
    "       printf ('%.2f', r.score), r.source, ''"
    "  FROM level_count l"
    "  JOIN published_result r USING (assessment_id, job_id)"
    "  JOIN job j ON j.id = l.job_id"
    " WHERE round (l.score, 2) <> round (r.score, 2)" },
  /* The class a fiche prints (4.2) and the ranking table's. */
  { KIND_FICHE_CLASS,
    "SELECT j.id, j.name, l.assessment_id, cl.name, l.source, cr.name, r.source, ''"
    "  FROM level_count l"
    "  JOIN published_result r USING (assessment_id, job_id)"
    "  JOIN job j ON j.id = l.job_id"
    "  JOIN classification cl ON cl.id = l.classification_id"
    "  JOIN classification cr ON cr.id = r.classification_id"
    " WHERE l.classification_id <> r.classification_id" },
  /* 3.2.2.2: the 48 non-core jobs keep the scores of 3.2.2.1. */
  { KIND_NON_CORE_MOVED,
    "SELECT j.id, j.name, e.assessment_id, printf ('%.2f', b.score), b.source,"
    "       printf ('%.2f', e.score), e.source, ''"
    "  FROM published_result e"
    "  JOIN published_result b ON b.job_id = e.job_id AND b.assessment_id = '" EXPERTS_BASE_ASSESSMENT "'"
    "  JOIN job j ON j.id = e.job_id"
    " WHERE e.assessment_id = '" EXPERTS_ASSESSMENT "' AND j.core = 0"
    "   AND round (b.score, 2) <> round (e.score, 2)" },
  { KIND_MODEL_RESIDUAL, NULL },
  /* A ranking table's class and the one its score falls in by the thresholds
   * (classification_threshold), Emergent for the emergent jobs: the rule of
   * the computed_rank view. */
  { KIND_CLASS_VS_THRESHOLDS,
    "SELECT j.id, j.name, r.assessment_id, cr.name, r.source, ct.name, '" THRESHOLDS_SOURCE "',"
    "       printf ('%.2f', r.score)"
    "  FROM (SELECT r.*,"
    "               CASE WHEN e.job_id IS NOT NULL THEN 'emergent'"
    "                    ELSE (SELECT t.classification_id FROM classification_threshold t"
    "                           WHERE round (r.score, 2) >= t.min_score"
    "                           ORDER BY t.min_score DESC LIMIT 1)"
    "               END AS threshold_class"
    "          FROM published_result r LEFT JOIN emergent_job e ON e.job_id = r.job_id) r"
    "  JOIN job j ON j.id = r.job_id"
    "  JOIN classification cr ON cr.id = r.classification_id"
    "  JOIN classification ct ON ct.id = r.threshold_class"
    " WHERE r.threshold_class <> r.classification_id" },
};

/**
 * repere_consistency_check_study:
 * @db: the database
 * @error: %REPERE_DB_ERROR_QUERY when a query fails; the errors of
 *   repere_score_fit() (%REPERE_DB_ERROR_NOT_FOUND when too few points are
 *   published to calibrate the model)
 *
 * Lists every place where the study's published figures disagree with each
 * other or with the score model:
 *
 * - "table-vs-figure": a job's class in a ranking table (Annexe 1.1,
 *   3.2.2.1 and 3.2.2.2 Figure 1) differs from the column of the
 *   classification figure listing it (Annexe 1.2, 3.2.2.1 and 3.2.2.2
 *   Figure 2);
 * - "fiche-counts": a fiche's (4.2) level counts do not add up to its number
 *   of competencies analysed or retained;
 * - "fiche-score", "fiche-class": a fiche's score or class differs from the
 *   ranking table's;
 * - "non-core-moved": a non-core job's score differs between 3.2.2.1 and
 *   3.2.2.2 Figure 1, although 3.2.2.2 says the 48 non-core jobs keep theirs;
 * - "model-residual": a ranking-table score of a core job that the calibrated
 *   model (repere_score_fit(), docs/scoring.md) misses by more than
 *   %REPERE_SCORE_TOLERANCE;
 * - "class-vs-thresholds": a ranking table's class that the class thresholds
 *   (3.2.1.2, classification_threshold) contradict for the job's score.
 *
 * Only the study's published tables are read; the user's assessments play no
 * part. The findings are the study's, not signs of a damaged database.
 *
 * Returns: (transfer full) (element-type RepereFinding): the findings, by
 *   kind in the order above, then assessment position, then job name
 *   (accents and case ignored); %NULL on error
 */
GPtrArray *
repere_consistency_check_study (RepereDb *db, GError **error)
{
  g_autoptr (GHashTable) assessments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              (GDestroyNotify) assessment_info_free);
  g_autoptr (GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  Context ctx = { NULL, assessments, pending };
  GPtrArray *findings;

  g_return_val_if_fail (REPERE_IS_DB (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.handle = repere_db_get_handle (db);
  g_array_set_clear_func (pending, (GDestroyNotify) pending_clear);
  if (!load_assessments (&ctx, error))
    return NULL;
  for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
    {
      gboolean ok = checks[c].kind == KIND_MODEL_RESIDUAL ? check_model (&ctx, db, error)
                                                          : run_check (&ctx, checks[c].kind, checks[c].sql, error);
      if (!ok)
        return NULL;
    }

  g_array_sort (pending, compare_pending);
  findings = g_ptr_array_new_full (pending->len, (GDestroyNotify) repere_finding_free);
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (findings, g_steal_pointer (&g_array_index (pending, Pending, i).finding));
  return findings;
}
