/* repere-consistency.c: the consistency report of the study
 *
 * Compares the figures the study publishes more than once — a job's class in
 * a ranking table and in the classification figure, a fiche's level counts,
 * score and class against its number of competencies and the ranking table,
 * the non-core jobs' scores before and after the experts' requalification,
 * the evolution table of 3.2.2.2 against the ranking tables, the figures the
 * text of 3.2.2.1 and 3.2.2.2 states against the tables — and the ranking
 * tables against the score model (docs/scoring.md) and the class
 * thresholds. docs/study-data.md lists what it finds.
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
  KIND_EVOLUTION_VS_TABLE,
  KIND_PROSE_VS_TABLE,
  N_KINDS
};

static const char *const kinds[N_KINDS + 1] = {
  "table-vs-figure", "fiche-counts",   "fiche-score",         "fiche-class",        "non-core-moved",
  "model-residual",  "class-vs-thresholds", "evolution-vs-table", "prose-vs-table", NULL,
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
  if (g_strcmp0 (kind, "evolution-vs-table") == 0)
    return _("Evolution table vs. ranking tables");
  if (g_strcmp0 (kind, "prose-vs-table") == 0)
    return _("Figures stated in the text vs. the tables");
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

/* What a row of the evolution check compares (its @extra). */
static const char *
evolution_field (const char *field)
{
  if (g_strcmp0 (field, "score") == 0)
    return _("the score");
  if (g_strcmp0 (field, "rank") == 0)
    return _("the rank");
  if (g_strcmp0 (field, "class") == 0)
    return _("the class");
  /* Translators: column W of 3.2.2.2 Figure 3, against its ranks */
  return _("the rank change");
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
    case KIND_EVOLUTION_VS_TABLE:
      if (g_strcmp0 (extra, "rank-change") == 0)
        /* Translators: job, assessment, section, rank change, rank change. */
        return g_strdup_printf (_("%s, %s: the evolution table (%s) gives the rank change %s but its own ranks "
                                  "give %s."),
                                job_name, assessment, source_a, value_a, value_b);
      /* Translators: job, assessment, section, what ("the class"), value,
       * section, value. */
      return g_strdup_printf (_("%s, %s: the evolution table (%s) gives %s %s but the ranking table (%s) "
                                "gives %s."),
                              job_name, assessment, source_a, evolution_field (extra), value_a, source_b, value_b);
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

/* Figures stated in the text (3.2.2.1, 3.2.2.2) ------------------------- */

/* The tables a figure of the text is checked against: each row places a job
 * in an assessment, with its class, score and rank, as one table prints it:
 * the ranking tables (Figure 1), the classification figures (Figure 2, no
 * score) and the evolution table of 3.2.2.2 (Figure 3, the core jobs in
 * both assessments). */
#define PLACED_SQL                                                                                                  \
  "WITH placed (tbl, assessment_id, job_id, classification_id, score, rank, source) AS ("                          \
  "  SELECT 'ranking', assessment_id, job_id, classification_id, score, rank, source FROM published_result"        \
  "  UNION ALL"                                                                                                     \
  "  SELECT 'figure', assessment_id, job_id, classification_id, NULL, NULL, source FROM figure_classification"     \
  "  UNION ALL"                                                                                                     \
  "  SELECT 'evolution', '" EXPERTS_BASE_ASSESSMENT "', job_id, base_classification_id, base_score, base_rank,"    \
  "         source FROM figure_evolution"                                                                          \
  "  UNION ALL"                                                                                                     \
  "  SELECT 'evolution', '" EXPERTS_ASSESSMENT "', job_id, classification_id, score, rank, source"                 \
  "    FROM figure_evolution)"

/* The sources of one table in a claim's base and compared assessments:
 * "3.2.2.1 Figure 1 → 3.2.2.2 Figure 1", or the evolution table once. */
#define CHANGE_SOURCE_SQL                                                                                           \
  "  (SELECT CASE WHEN b.s = n.s THEN n.s ELSE b.s || ' → ' || n.s END"                                            \
  "     FROM (SELECT min (source) AS s FROM placed WHERE tbl = t.tbl AND assessment_id = c.base_assessment_id) b,"   \
  "          (SELECT min (source) AS s FROM placed WHERE tbl = t.tbl AND assessment_id = c.assessment_id) n)"

/* Claims above this position are the shares heading a classification
 * figure (figure_class_share), not the text's. */
#define HEADER_POSITION 1000

static const char *
table_label (const char *tbl, gboolean both)
{
  if (g_strcmp0 (tbl, "ranking") == 0)
    return both ? _("the ranking tables") : _("the ranking table");
  if (g_strcmp0 (tbl, "figure") == 0)
    return both ? _("the classification figures") : _("the classification figure");
  return _("the evolution table");
}

static char *
quoted (const char *name)
{
  /* Translators: a class name quoted in a sentence; French uses « » with
   * no-break spaces */
  return g_strdup_printf (_("“%s”"), name);
}

static char *
class_change (const char *from, const char *to)
{
  g_autofree char *a = quoted (from);
  g_autofree char *b = quoted (to);
  return g_strdup_printf ("%s → %s", a, b);
}

typedef gboolean (*ProseRow) (Context *ctx, sqlite3_stmt *stmt);

static gboolean
each_row (Context *ctx, const char *sql, ProseRow row, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (ctx->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (ctx->handle, error);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    row (ctx, stmt);
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    return repere_sql_failed (ctx->handle, error);
  return TRUE;
}

/* Adds a finding of the text against a table; takes @message. */
static void
add_prose_finding (Context *ctx, const char *job_id, const char *job_name, const char *assessment_id,
                   const char *value_a, const char *source_a, const char *value_b, const char *source_b,
                   char *message)
{
  add_finding (ctx, KIND_PROSE_VS_TABLE, job_id, job_name, assessment_id, value_a, source_a, value_b, source_b,
               message);
}

/* A count or share of jobs in a class ("33 métiers « En évolution », dont 6
 * cœurs d'assistance", "57% de l'ensemble", the shares heading 3.2.2.2
 * Figure 2) that a table does not give: position, kind, assessment, class, core_only, family, value,
 * printed, source, table, table source, jobs counted, jobs in the table. */
static gboolean
count_row (Context *ctx, sqlite3_stmt *stmt)
{
  gboolean share = g_strcmp0 (column_text (stmt, 1), "class-share") == 0;
  const char *assessment_id = column_text (stmt, 2);
  g_autofree char *class_name = quoted (column_text (stmt, 3));
  gboolean core = sqlite3_column_int (stmt, 4) != 0;
  int value = sqlite3_column_int (stmt, 6);
  int n = sqlite3_column_int (stmt, 11);
  int total = sqlite3_column_int (stmt, 12);
  int computed = share ? (total > 0 ? (int) lround (100.0 * n / total) : 0) : n;
  g_autofree char *what = NULL;
  g_autofree char *value_a = NULL;
  g_autofree char *value_b = NULL;
  const char *source_a = column_text (stmt, 8);
  const char *source_b = column_text (stmt, 10);
  char *message;

  if (computed == value)
    return TRUE;
  if (share)
    /* Translators: what a figure of the text counts; %s is a quoted class */
    what = g_strdup_printf (_("share of the jobs %s"), class_name);
  else if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    /* Translators: a quoted class, a family code and name */
    what = g_strdup_printf (_("jobs %s of family %s"), class_name, column_text (stmt, 5));
  else if (core)
    what = g_strdup_printf (_("core jobs %s"), class_name);
  else
    what = g_strdup_printf (_("jobs %s"), class_name);
  value_a = share ? g_strdup_printf ("%d%%", value) : g_strdup_printf ("%d", value);
  value_b = share ? g_strdup_printf ("%d%%", computed) : g_strdup_printf ("%d", computed);
  if (sqlite3_column_int (stmt, 0) > HEADER_POSITION)
    message = g_strdup_printf (_("%s, %s: the figure’s header (%s) says %s (“%s”) but %s (%s) gives %s."),
                               assessment_name (ctx, assessment_id), what, source_a, value_a, column_text (stmt, 7),
                               table_label (column_text (stmt, 9), FALSE), source_b, value_b);
  else
    /* Translators: assessment, what is counted, section, value, the words
     * printed, table ("classification figure"), its section, value */
    message = g_strdup_printf (_("%s, %s: the text (%s) says %s (“%s”) but %s (%s) gives %s."),
                               assessment_name (ctx, assessment_id), what, source_a, value_a, column_text (stmt, 7),
                               table_label (column_text (stmt, 9), FALSE), source_b, value_b);
  add_prose_finding (ctx, "", "", assessment_id, value_a, source_a, value_b, source_b, message);
  return TRUE;
}

/* "Une tendance à la hausse des scores d'exposition pour 6 métiers":
 * position, assessment, direction, core_only, value, printed, source,
 * table, its sources, jobs counted. */
static gboolean
trend_row (Context *ctx, sqlite3_stmt *stmt)
{
  const char *assessment_id = column_text (stmt, 1);
  gboolean up = g_strcmp0 (column_text (stmt, 2), "up") == 0;
  gboolean core = sqlite3_column_int (stmt, 3) != 0;
  int value = sqlite3_column_int (stmt, 4);
  int n = sqlite3_column_int (stmt, 9);
  g_autofree char *value_a = NULL;
  g_autofree char *value_b = NULL;
  const char *what;

  if (n == value)
    return TRUE;
  if (core)
    what = up ? _("core jobs whose score rises") : _("core jobs whose score falls");
  else
    what = up ? _("jobs whose score rises") : _("jobs whose score falls");
  value_a = g_strdup_printf ("%d", value);
  value_b = g_strdup_printf ("%d", n);
  add_prose_finding (ctx, "", "", assessment_id, value_a, column_text (stmt, 6), value_b, column_text (stmt, 8),
                     /* Translators: assessment, what is counted, section,
                      * value, the words printed, tables, their sections,
                      * value */
                     g_strdup_printf (_("%s, %s: the text (%s) says %s (“%s”); in %s (%s): %s."),
                                      assessment_name (ctx, assessment_id), what, column_text (stmt, 6), value_a,
                                      column_text (stmt, 5), table_label (column_text (stmt, 7), TRUE),
                                      column_text (stmt, 8), value_b));
  return TRUE;
}

/* A job that a class change of the text ("2 bascules d'une classification
 * « Non impacté » vers une classification « En évolution » (Infirmier et
 * Médecin d'assistance)") names but a table does not move that way, or that
 * a table moves that way but the text does not name: assessment, printed,
 * source, table, its sources, job id, job name, the job's class before and
 * after in the table, named, the claim's class before and after. */
static gboolean
change_row (Context *ctx, sqlite3_stmt *stmt)
{
  const char *assessment_id = column_text (stmt, 0);
  const char *source_a = column_text (stmt, 2);
  const char *source_b = column_text (stmt, 4);
  const char *job_name = column_text (stmt, 6);
  gboolean named = sqlite3_column_int (stmt, 9) != 0;
  g_autofree char *claimed = class_change (column_text (stmt, 10), column_text (stmt, 11));
  g_autofree char *actual = class_change (column_text (stmt, 7), column_text (stmt, 8));
  const char *table = table_label (column_text (stmt, 3), TRUE);
  char *message;

  if (named)
    /* Translators: job, assessment, section, "« A » → « B »", words
     * printed, table, its sections, "« A » → « B »" */
    message = g_strdup_printf (_("%s, %s: the text (%s) has it go %s (“%s”) but in %s (%s) it goes %s."),
                               job_name, assessment_name (ctx, assessment_id), source_a, claimed, column_text (stmt, 1),
                               table, source_b, actual);
  else
    /* Translators: job, assessment, tables, their sections, "« A » →
     * « B »", section, words printed */
    message = g_strdup_printf (_("%s, %s: in %s (%s) it goes %s but the text (%s) does not name it among “%s”."),
                               job_name, assessment_name (ctx, assessment_id), table, source_b, actual, source_a,
                               column_text (stmt, 1));
  add_prose_finding (ctx, column_text (stmt, 5), job_name, assessment_id, named ? claimed : _("not named"), source_a,
                     actual, source_b, message);
  return TRUE;
}

/* A job whose score moves the way a text says keeps its class ("qui
 * conservent toutefois une classification métier identique") but whose class
 * changes in a table: assessment, printed, source, table, its sources, job
 * id, job name, class before, class after. */
static gboolean
kept_row (Context *ctx, sqlite3_stmt *stmt)
{
  const char *assessment_id = column_text (stmt, 0);
  const char *job_name = column_text (stmt, 6);
  g_autofree char *actual = class_change (column_text (stmt, 7), column_text (stmt, 8));
  g_autofree char *kept = quoted (column_text (stmt, 7));

  add_prose_finding (ctx, column_text (stmt, 5), job_name, assessment_id, kept, column_text (stmt, 2), actual,
                     column_text (stmt, 4),
                     g_strdup_printf (_("%s, %s: the text (%s) says these jobs keep their class (“%s”) but in %s (%s) "
                                        "it goes %s."),
                                      job_name, assessment_name (ctx, assessment_id), column_text (stmt, 2),
                                      column_text (stmt, 1), table_label (column_text (stmt, 3), TRUE),
                                      column_text (stmt, 4), actual));
  return TRUE;
}

/* The rank changes the text gives ("Chargé de méthodes et procédures
 * (+29)") and calls the most significant: assessment, printed, source,
 * table, its sources, job id, job name, rank change in the table, the
 * text's change (NULL for a job it does not name, which then rises more
 * than the least of those it names). */
static gboolean
rank_row (Context *ctx, sqlite3_stmt *stmt)
{
  const char *assessment_id = column_text (stmt, 0);
  const char *job_name = column_text (stmt, 6);
  g_autofree char *actual = g_strdup_printf ("%+d", sqlite3_column_int (stmt, 7));
  g_autofree char *claimed = NULL;
  char *message;

  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    {
      claimed = g_strdup_printf ("%+d", sqlite3_column_int (stmt, 8));
      /* Translators: job, assessment, section, rank change, table, its
       * sections, rank change */
      message = g_strdup_printf (_("%s, %s: the text (%s) gives its rank change as %s but in %s (%s) it is %s."),
                                 job_name, assessment_name (ctx, assessment_id), column_text (stmt, 2), claimed,
                                 table_label (column_text (stmt, 3), TRUE), column_text (stmt, 4), actual);
    }
  else
    {
      claimed = g_strdup (_("not named"));
      message = g_strdup_printf (_("%s, %s: its rank changes by %s in %s (%s), more than one of the changes the text "
                                   "(%s) calls the most significant (“%s”)."),
                                 job_name, assessment_name (ctx, assessment_id), actual,
                                 table_label (column_text (stmt, 3), TRUE), column_text (stmt, 4),
                                 column_text (stmt, 2), column_text (stmt, 1));
    }
  add_prose_finding (ctx, column_text (stmt, 5), job_name, assessment_id, claimed, column_text (stmt, 2), actual,
                     column_text (stmt, 4), message);
  return TRUE;
}

/* The per-job checks share their columns: assessment, printed, source,
 * table, its sources, job id, job name. */
#define CLAIM_JOB_COLUMNS "c.assessment_id, c.printed, c.source, t.tbl, " CHANGE_SOURCE_SQL ", j.id, j.name"

/* Each claim of prose_claim (and the shares heading 3.2.2.2 Figure 2)
 * against the tables that print what it states. */
static gboolean
check_prose (Context *ctx, GError **error)
{
  static const char count_sql[]
      = PLACED_SQL ","
        " claim (position, kind, assessment_id, classification_id, core_only, family_code, value, printed, source) AS ("
        "  SELECT position, kind, assessment_id, classification_id, core_only, family_code, value, printed, source"
        "    FROM prose_claim WHERE kind IN ('class-count', 'class-share')"
        "  UNION ALL"
        "  SELECT " G_STRINGIFY (HEADER_POSITION) " + c.position, 'class-share', s.assessment_id, s.classification_id, 0, NULL, s.percent,"
        "         c.name || ' (' || s.percent || '%)', s.source"
        "    FROM figure_class_share s JOIN classification c ON c.id = s.classification_id)"
        "SELECT c.position, c.kind, c.assessment_id, cl.name, c.core_only,"
        "       CASE WHEN c.family_code IS NULL THEN NULL ELSE f.code || ' ' || f.name END,"
        "       c.value, c.printed, c.source, t.tbl,"
        "       (SELECT min (source) FROM placed p WHERE p.tbl = t.tbl AND p.assessment_id = c.assessment_id),"
        "       (SELECT count (*) FROM placed p JOIN job j ON j.id = p.job_id"
        "         WHERE p.tbl = t.tbl AND p.assessment_id = c.assessment_id"
        "           AND p.classification_id = c.classification_id AND (c.core_only = 0 OR j.core = 1)"
        "           AND (c.family_code IS NULL OR j.family_code = c.family_code)),"
        "       (SELECT count (*) FROM placed p WHERE p.tbl = t.tbl AND p.assessment_id = c.assessment_id)"
        "  FROM claim c"
        "  JOIN classification cl ON cl.id = c.classification_id"
        "  LEFT JOIN family f ON f.code = c.family_code"
        "  CROSS JOIN (SELECT 'ranking' AS tbl UNION ALL SELECT 'figure') t"
        " ORDER BY c.position, t.tbl DESC";
  static const char trend_sql[]
      = PLACED_SQL
        "SELECT c.position, c.assessment_id, c.direction, c.core_only, c.value, c.printed, c.source, t.tbl,"
        CHANGE_SOURCE_SQL ","
        "       (SELECT count (*) FROM placed n"
        "          JOIN placed b ON b.tbl = n.tbl AND b.job_id = n.job_id AND b.assessment_id = c.base_assessment_id"
        "          JOIN job j ON j.id = n.job_id"
        "         WHERE n.tbl = t.tbl AND n.assessment_id = c.assessment_id AND (c.core_only = 0 OR j.core = 1)"
        "           AND CASE c.direction WHEN 'up' THEN round (n.score, 2) > round (b.score, 2)"
        "                                ELSE round (n.score, 2) < round (b.score, 2) END)"
        "  FROM prose_claim c CROSS JOIN (SELECT 'ranking' AS tbl UNION ALL SELECT 'evolution') t"
        " WHERE c.kind = 'score-trend'"
        " ORDER BY c.position, t.tbl DESC";
  /* Jobs of the table on both sides of the change, named by the text or
   * moved by the table, but not both. */
  static const char change_sql[]
      = PLACED_SQL
        "SELECT " CLAIM_JOB_COLUMNS ", cb.name, cn.name,"
        "       EXISTS (SELECT 1 FROM prose_claim_job cj WHERE cj.claim_id = c.id AND cj.job_id = j.id) AS named,"
        "       cfrom.name, cto.name"
        "  FROM prose_claim c"
        "  CROSS JOIN (SELECT 'ranking' AS tbl UNION ALL SELECT 'figure' UNION ALL SELECT 'evolution') t"
        "  JOIN job j ON c.core_only = 0 OR j.core = 1"
        "  JOIN placed b ON b.tbl = t.tbl AND b.assessment_id = c.base_assessment_id AND b.job_id = j.id"
        "  JOIN placed n ON n.tbl = t.tbl AND n.assessment_id = c.assessment_id AND n.job_id = j.id"
        "  JOIN classification cb ON cb.id = b.classification_id"
        "  JOIN classification cn ON cn.id = n.classification_id"
        "  JOIN classification cfrom ON cfrom.id = c.base_classification_id"
        "  JOIN classification cto ON cto.id = c.classification_id"
        " WHERE c.kind = 'class-change'"
        "   AND named <> (b.classification_id = c.base_classification_id AND n.classification_id = c.classification_id)"
        " ORDER BY c.position, t.tbl DESC, j.name";
  /* Jobs whose score moves the claim's way, whose class changes. */
  static const char kept_sql[]
      = PLACED_SQL
        "SELECT " CLAIM_JOB_COLUMNS ", cb.name, cn.name"
        "  FROM prose_claim c"
        "  CROSS JOIN (SELECT 'ranking' AS tbl UNION ALL SELECT 'evolution') t"
        "  JOIN job j ON c.core_only = 0 OR j.core = 1"
        "  JOIN placed b ON b.tbl = t.tbl AND b.assessment_id = c.base_assessment_id AND b.job_id = j.id"
        "  JOIN placed n ON n.tbl = t.tbl AND n.assessment_id = c.assessment_id AND n.job_id = j.id"
        "  JOIN classification cb ON cb.id = b.classification_id"
        "  JOIN classification cn ON cn.id = n.classification_id"
        " WHERE c.kind = 'class-kept' AND b.classification_id <> n.classification_id"
        "   AND CASE c.direction WHEN 'up' THEN round (n.score, 2) > round (b.score, 2)"
        "                        ELSE round (n.score, 2) < round (b.score, 2) END"
        " ORDER BY c.position, t.tbl DESC, j.name";
  /* Named jobs whose change differs, and jobs not named whose rank moves the
   * claim's way more than the least of the named ones. */
  static const char rank_sql[]
      = PLACED_SQL
        "SELECT " CLAIM_JOB_COLUMNS ", b.rank - n.rank, cj.value"
        "  FROM prose_claim c"
        "  CROSS JOIN (SELECT 'ranking' AS tbl UNION ALL SELECT 'evolution') t"
        "  JOIN job j ON c.core_only = 0 OR j.core = 1"
        "  JOIN placed b ON b.tbl = t.tbl AND b.assessment_id = c.base_assessment_id AND b.job_id = j.id"
        "  JOIN placed n ON n.tbl = t.tbl AND n.assessment_id = c.assessment_id AND n.job_id = j.id"
        "  LEFT JOIN prose_claim_job cj ON cj.claim_id = c.id AND cj.job_id = j.id"
        " WHERE c.kind = 'rank-change'"
        "   AND CASE WHEN cj.job_id IS NOT NULL THEN cj.value <> b.rank - n.rank"
        "            WHEN c.direction = 'up' THEN b.rank - n.rank >"
        "                 (SELECT min (value) FROM prose_claim_job WHERE claim_id = c.id)"
        "            ELSE b.rank - n.rank < (SELECT max (value) FROM prose_claim_job WHERE claim_id = c.id) END"
        " ORDER BY c.position, t.tbl DESC, j.name";

  return each_row (ctx, count_sql, count_row, error) && each_row (ctx, trend_sql, trend_row, error)
         && each_row (ctx, change_sql, change_row, error) && each_row (ctx, kept_sql, kept_row, error)
         && each_row (ctx, rank_sql, rank_row, error);
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
  /* 3.2.2.2 Figure 3 against the ranking tables it summarises: columns Q R
   * T against 3.2.2.1 Figure 1, U V Y against 3.2.2.2 Figure 1, and its
   * rank change W against R - V. */
  { KIND_EVOLUTION_VS_TABLE,
    "WITH pair AS ("
    "  SELECT e.job_id, e.source, r.assessment_id, r.score, r.rank, r.classification_id, r.source AS r_source,"
    "         CASE r.assessment_id WHEN '" EXPERTS_ASSESSMENT "' THEN e.score ELSE e.base_score END AS e_score,"
    "         CASE r.assessment_id WHEN '" EXPERTS_ASSESSMENT "' THEN e.rank ELSE e.base_rank END AS e_rank,"
    "         CASE r.assessment_id WHEN '" EXPERTS_ASSESSMENT "' THEN e.classification_id"
    "              ELSE e.base_classification_id END AS e_class"
    "    FROM figure_evolution e"
    "    JOIN published_result r ON r.job_id = e.job_id"
    "     AND r.assessment_id IN ('" EXPERTS_BASE_ASSESSMENT "', '" EXPERTS_ASSESSMENT "')),"
    " diff (job_id, assessment_id, value_a, source_a, value_b, source_b, field) AS ("
    "  SELECT job_id, assessment_id, printf ('%.2f', e_score), source, printf ('%.2f', score), r_source, 'score'"
    "    FROM pair WHERE round (e_score, 2) <> round (score, 2)"
    "  UNION ALL"
    "  SELECT job_id, assessment_id, e_rank, source, rank, r_source, 'rank' FROM pair WHERE e_rank <> rank"
    "  UNION ALL"
    "  SELECT p.job_id, p.assessment_id, ce.name, p.source, cr.name, p.r_source, 'class' FROM pair p"
    "    JOIN classification ce ON ce.id = p.e_class JOIN classification cr ON cr.id = p.classification_id"
    "   WHERE p.e_class <> p.classification_id"
    "  UNION ALL"
    "  SELECT job_id, '" EXPERTS_ASSESSMENT "', printf ('%+d', rank_change), source, printf ('%+d', base_rank - rank),"
    "         source, 'rank-change'"
    "    FROM figure_evolution WHERE rank_change <> base_rank - rank)"
    "SELECT j.id, j.name, d.assessment_id, d.value_a, d.source_a, d.value_b, d.source_b, d.field"
    "  FROM diff d JOIN job j ON j.id = d.job_id" },
  { KIND_PROSE_VS_TABLE, NULL },
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
 *   (3.2.1.2, classification_threshold) contradict for the job's score;
 * - "evolution-vs-table": a cell of the evolution table of 3.2.2.2 (Figure
 *   3: score, rank, class before and after the experts' requalification)
 *   that differs from the ranking table it summarises, or a rank change that
 *   its own ranks do not give;
 * - "prose-vs-table": a figure the text of 3.2.2.1 or 3.2.2.2 states
 *   (prose_claim: counts and shares of jobs per class, of core jobs, per
 *   family; scores that rise or fall; the class changes and rank changes it
 *   names) or the shares heading 3.2.2.2 Figure 2, that a ranking table,
 *   classification figure or the evolution table contradicts. A count or
 *   share has no job (job_id and job_name ""); a class or rank change names
 *   the job the text names and the table does not move that way, or the
 *   other way round.
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
      gboolean ok;

      if (checks[c].kind == KIND_MODEL_RESIDUAL)
        ok = check_model (&ctx, db, error);
      else if (checks[c].kind == KIND_PROSE_VS_TABLE)
        ok = check_prose (&ctx, error);
      else
        ok = run_check (&ctx, checks[c].kind, checks[c].sql, error);
      if (!ok)
        return NULL;
    }

  g_array_sort (pending, compare_pending);
  findings = g_ptr_array_new_full (pending->len, (GDestroyNotify) repere_finding_free);
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (findings, g_steal_pointer (&g_array_index (pending, Pending, i).finding));
  return findings;
}
