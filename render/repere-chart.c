/* repere-chart.c: the study's views drawn with cairo and pango
 *
 * Every view is laid out by one pass (render()) that either measures or
 * draws, so that the natural height, the page breaks and the drawing agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-chart.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "repere-passerelle-chart.h"
#include "repere-score.h"

#define N_CLASSES 4
#define N_LEVELS 5

typedef struct
{
  char *id;
  char *name;
  double rgb[3];
} Swatch;

typedef struct
{
  char *code;
  char *name;
  int per_class[N_CLASSES];
  int jobs;
} FamilyBar;

struct _RepereChart
{
  RepereChartKind kind;
  char *assessment_id;
  char *assessment_name;
  char *other_id;   /* evolution only */
  char *other_name; /* evolution only */
  char *title;
  char *subtitle;
  char *empty_message;
  GArray *rows;      /* RepereChartRow */
  Swatch classes[N_CLASSES];
  guint n_classes;
  Swatch levels[N_LEVELS];
  GArray *families;  /* FamilyBar, families kind only */
  int percents[N_CLASSES];
  guint n_without_counts; /* distribution: filtered jobs left out */
  gboolean continued;     /* print: the title says "(continued)" */
  ReperePasserelleChart *branch; /* issue 11's views (repere-passerelle-chart.c) */
};

static const struct
{
  const char *id;
  const char *name;
} kinds[REPERE_CHART_N_ALL_KINDS] = {
  [REPERE_CHART_RANKING] = { "ranking", N_("Ranking") },
  [REPERE_CHART_CLASSIFICATION] = { "classification", N_("Classification table") },
  [REPERE_CHART_DISTRIBUTION] = { "distribution", N_("Competency exposure") },
  [REPERE_CHART_EVOLUTION] = { "evolution", N_("Evolution") },
  [REPERE_CHART_FAMILIES] = { "families", N_("Classes per family") },
  [REPERE_CHART_SHARED_COMPETENCIES] = { "shared-competencies", N_("Shared competencies") },
  [REPERE_CHART_PASSERELLES] = { "passerelles", N_("Passerelles") },
};

G_DEFINE_QUARK (repere-chart-error-quark, repere_chart_error)

/**
 * repere_chart_kind_parse:
 * @text: "ranking", "classification", "distribution", "evolution" or
 *   "families" (case ignored)
 * @kind: (out): the kind
 *
 * Returns: %FALSE, leaving @kind untouched, for any other text
 */
gboolean
repere_chart_kind_parse (const char *text, RepereChartKind *kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (text, kinds[i].id) == 0)
      {
        *kind = (RepereChartKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * repere_chart_kind_name:
 *
 * Returns: (transfer none): the view's translated display name
 */
const char *
repere_chart_kind_name (RepereChartKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return _(kinds[kind].name);
}

/**
 * repere_chart_kind_id:
 *
 * Returns: (transfer none): the id repere_chart_kind_parse() reads
 *   ("ranking" …), for the command line and settings
 */
const char *
repere_chart_kind_id (RepereChartKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind].id;
}

static void
row_clear (RepereChartRow *row)
{
  g_free (row->job_id);
  g_free (row->job_name);
  g_free (row->family_code);
}

static void
family_bar_clear (FamilyBar *bar)
{
  g_free (bar->code);
  g_free (bar->name);
}

/**
 * repere_chart_free:
 * @chart: (transfer full) (nullable): a chart
 */
void
repere_chart_free (RepereChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->assessment_id);
  g_free (chart->assessment_name);
  g_free (chart->other_id);
  g_free (chart->other_name);
  g_free (chart->title);
  g_free (chart->subtitle);
  g_free (chart->empty_message);
  g_clear_pointer (&chart->rows, g_array_unref);
  g_clear_pointer (&chart->families, g_array_unref);
  g_clear_pointer (&chart->branch, repere_passerelle_chart_free);
  for (guint i = 0; i < N_CLASSES; i++)
    {
      g_free (chart->classes[i].id);
      g_free (chart->classes[i].name);
    }
  for (guint i = 0; i < N_LEVELS; i++)
    {
      g_free (chart->levels[i].id);
      g_free (chart->levels[i].name);
    }
  g_free (chart);
}

/* Loading ----------------------------------------------------------------- */

static const RepereRef *
find_ref (GPtrArray *refs, const char *id)
{
  for (guint i = 0; refs && id && i < refs->len; i++)
    if (g_strcmp0 (((RepereRef *) g_ptr_array_index (refs, i))->id, id) == 0)
      return g_ptr_array_index (refs, i);
  return NULL;
}

static int
class_index (RepereChart *chart, const char *id)
{
  for (guint i = 0; id && i < chart->n_classes; i++)
    if (g_strcmp0 (chart->classes[i].id, id) == 0)
      return (int) i;
  return -1;
}

static int
compare_rank (gconstpointer a, gconstpointer b)
{
  const RepereChartRow *ra = a, *rb = b;
  int ka = ra->rank > 0 ? ra->rank : G_MAXINT;
  int kb = rb->rank > 0 ? rb->rank : G_MAXINT;

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return g_utf8_collate (ra->job_name, rb->job_name);
}

/* Shares of @counts in percent, rounded so that they add up to 100 (largest
 * remainder); all 0 when @total is 0. */
static void
round_percents (const int *counts, guint n, int total, int *percents)
{
  double remainder[N_LEVELS > N_CLASSES ? N_LEVELS : N_CLASSES];
  int sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double exact = total > 0 ? 100.0 * counts[i] / total : 0;
      percents[i] = (int) floor (exact);
      remainder[i] = exact - percents[i];
      sum += percents[i];
    }
  while (total > 0 && sum < 100)
    {
      guint best = 0;
      for (guint i = 1; i < n; i++)
        if (remainder[i] > remainder[best])
          best = i;
      percents[best]++;
      remainder[best] = -1;
      sum++;
    }
}

static char *
describe_filter (RepereChart *chart, RepereDb *db, const RepereJobFilter *filter, GPtrArray *families, guint n)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (chart->kind == REPERE_CHART_FAMILIES)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n), n);
  else if (chart->kind == REPERE_CHART_DISTRIBUTION)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "%u job with level counts", "%u jobs with level counts", n),
                            n);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n), n);

  if (filter->family && *filter->family)
    {
      g_autofree char *code = strlen (filter->family) == 1 ? g_strconcat ("0", filter->family, NULL)
                                                           : g_strdup (filter->family);
      const RepereRef *family = find_ref (families, code);
      g_string_append_printf (text, " · %s %s", code, family ? family->name : "");
    }
  if (filter->classification && *filter->classification)
    {
      g_autofree char *id = NULL;
      int c = repere_db_resolve_classification (db, filter->classification, &id, NULL) ? class_index (chart, id) : -1;
      g_string_append_printf (text, " · %s", c >= 0 ? chart->classes[c].name : filter->classification);
    }
  if (filter->core_only)
    g_string_append_printf (text, " · %s", _("core assistance jobs only"));
  if (filter->search && *filter->search)
    g_string_append_printf (text, " · %s", filter->search);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
load_rows (RepereChart *chart, RepereDb *db, const RepereJobFilter *filter, GError **error)
{
  g_autoptr (GListStore) jobs = repere_db_list_jobs (db, filter, error);

  if (jobs == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      RepereChartRow row = { 0 };

      row.job_id = g_strdup (repere_job_get_id (job));
      row.job_name = g_strdup (repere_job_get_name (job));
      row.family_code = g_strdup (repere_job_get_family_code (job));
      row.core = repere_job_get_core (job);
      row.score = repere_job_get_score (job);
      row.rank = repere_job_get_rank (job);
      row.classification = class_index (chart, repere_job_get_classification_id (job));
      row.other_score = -1;
      row.other_rank = 0;
      row.other_classification = -1;
      if (chart->kind == REPERE_CHART_DISTRIBUTION)
        {
          row.has_counts
              = repere_assessment_get_level_counts (db, chart->assessment_id, row.job_id, row.counts, NULL);
          if (!row.has_counts || row.counts[0] + row.counts[1] + row.counts[2] + row.counts[3] + row.counts[4] <= 0)
            {
              chart->n_without_counts++;
              row_clear (&row);
              continue;
            }
        }
      g_array_append_val (chart->rows, row);
    }
  return TRUE;
}

static gboolean
load_other (RepereChart *chart, RepereDb *db, GError **error)
{
  RepereJobFilter all = { .assessment = chart->other_id, .sort = REPERE_SORT_RANK };
  g_autoptr (GListStore) jobs = repere_db_list_jobs (db, &all, error);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (jobs == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      RepereJob *job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      g_hash_table_insert (by_id, (gpointer) repere_job_get_id (job), job);
      g_object_unref (job); /* the store keeps it */
    }
  for (guint i = 0; i < chart->rows->len; i++)
    {
      RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
      RepereJob *job = g_hash_table_lookup (by_id, row->job_id);
      if (job == NULL)
        continue;
      row->other_score = repere_job_get_score (job);
      row->other_rank = repere_job_get_rank (job);
      row->other_classification = class_index (chart, repere_job_get_classification_id (job));
    }
  return TRUE;
}

/**
 * repere_chart_new:
 * @db: the database; the chart copies what it shows and keeps no reference
 * @kind: the view
 * @filter: the job browser's filters (assessment, family, classification,
 *   core, search, as repere_db_list_jobs() reads them); @filter->sort gives
 *   the order of the distribution and evolution rows, the ranking is in rank
 *   order and the classification columns list jobs by rank
 * @other_assessment: (nullable): evolution only, the assessment compared
 *   with @filter->assessment; %NULL for the one it derives from
 *   (pwc-revised for experts, as 3.2.2.2 Figure 3)
 * @error: %REPERE_DB_ERROR_NOT_FOUND for an unknown assessment, family or
 *   class, %REPERE_DB_ERROR_QUERY
 *
 * Reads the jobs the filter keeps with their score (the published one for
 * the study's assessments, the computed one for a user's: the job browser's
 * values), rank and class; the level counts in force for the distribution;
 * the compared assessment's values for the evolution.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
RepereChart *
repere_chart_new (RepereDb *db, RepereChartKind kind, const RepereJobFilter *filter, const char *other_assessment,
                  GError **error)
{
  g_autoptr (RepereChart) chart = g_new0 (RepereChart, 1);
  g_autoptr (GPtrArray) assessments = NULL;
  g_autoptr (GPtrArray) classes = NULL;
  g_autoptr (GPtrArray) levels = NULL;
  g_autoptr (GPtrArray) families = NULL;
  const RepereRef *ref;
  int class_counts[N_CLASSES] = { 0 };
  int classified = 0;

  g_return_val_if_fail (REPERE_IS_DB (db), NULL);
  g_return_val_if_fail ((guint) kind < REPERE_CHART_N_ALL_KINDS, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  chart->kind = kind;
  chart->rows = g_array_new (FALSE, TRUE, sizeof (RepereChartRow));
  g_array_set_clear_func (chart->rows, (GDestroyNotify) row_clear);
  chart->assessment_id = g_strdup (filter->assessment ? filter->assessment : REPERE_DEFAULT_ASSESSMENT);

  if ((assessments = repere_db_list_assessments (db, error)) == NULL
      || (classes = repere_db_list_classifications (db, error)) == NULL
      || (levels = repere_db_list_exposure_levels (db, error)) == NULL
      || (families = repere_db_list_families (db, error)) == NULL)
    return NULL;

  chart->n_classes = MIN (classes->len, N_CLASSES);
  for (guint i = 0; i < chart->n_classes; i++)
    {
      RepereRef *c = g_ptr_array_index (classes, i);
      chart->classes[i].id = g_strdup (c->id);
      chart->classes[i].name = g_strdup (c->name);
      if (!repere_render_parse_colour (c->colour, chart->classes[i].rgb))
        chart->classes[i].rgb[0] = chart->classes[i].rgb[1] = chart->classes[i].rgb[2] = 0.5;
    }
  for (guint i = 0; i < N_LEVELS && i < levels->len; i++)
    {
      RepereRef *l = g_ptr_array_index (levels, i);
      chart->levels[i].id = g_strdup (l->id);
      chart->levels[i].name = g_strdup (l->name);
      if (!repere_render_parse_colour (l->colour, chart->levels[i].rgb))
        chart->levels[i].rgb[0] = chart->levels[i].rgb[1] = chart->levels[i].rgb[2] = 0.5;
    }

  if (!load_rows (chart, db, filter, error))
    return NULL;
  ref = find_ref (assessments, chart->assessment_id);
  chart->assessment_name = g_strdup (ref ? ref->name : chart->assessment_id);

  if (kind == REPERE_CHART_EVOLUTION)
    {
      chart->other_id = other_assessment ? g_strdup (other_assessment)
                                         : repere_assessment_default_comparison (db, chart->assessment_id, error);
      if (chart->other_id == NULL || !load_other (chart, db, error))
        return NULL;
      ref = find_ref (assessments, chart->other_id);
      chart->other_name = g_strdup (ref ? ref->name : chart->other_id);
      /* Translators: evolution title: view name, compared assessment → assessment */
      chart->title = g_strdup_printf (_("%s — %s → %s"), repere_chart_kind_name (kind), chart->other_name,
                                      chart->assessment_name);
    }
  else
    /* Translators: chart title: view name — assessment name */
    chart->title = g_strdup_printf (_("%s — %s"), repere_chart_kind_name (kind), chart->assessment_name);

  if (kind == REPERE_CHART_RANKING || kind == REPERE_CHART_CLASSIFICATION)
    g_array_sort (chart->rows, compare_rank);

  for (guint i = 0; i < chart->rows->len; i++)
    {
      RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
      if (row->classification >= 0)
        {
          class_counts[row->classification]++;
          classified++;
        }
    }
  round_percents (class_counts, chart->n_classes, classified, chart->percents);

  if (kind == REPERE_CHART_FAMILIES)
    {
      chart->families = g_array_new (FALSE, TRUE, sizeof (FamilyBar));
      g_array_set_clear_func (chart->families, (GDestroyNotify) family_bar_clear);
      for (guint f = 0; f < families->len; f++)
        {
          RepereRef *family = g_ptr_array_index (families, f);
          FamilyBar bar = { 0 };
          for (guint i = 0; i < chart->rows->len; i++)
            {
              RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
              if (g_strcmp0 (row->family_code, family->id) != 0)
                continue;
              bar.jobs++;
              if (row->classification >= 0)
                bar.per_class[row->classification]++;
            }
          if (bar.jobs == 0)
            continue;
          bar.code = g_strdup (family->id);
          bar.name = g_strdup (family->name);
          g_array_append_val (chart->families, bar);
        }
    }

  /* Issue 11: the branch views read their own data for these jobs. */
  if (kind >= REPERE_CHART_N_KINDS && (chart->branch = repere_passerelle_chart_load (chart, db, error)) == NULL)
    return NULL;

  chart->subtitle = describe_filter (chart, db, filter, families, chart->rows->len);
  if (kind == REPERE_CHART_PASSERELLES)
    {
      char *subtitle = g_strdup_printf (_("%s · the first %d passerelles of each job, towards jobs of the referential"),
                                        chart->subtitle, REPERE_PASSERELLE_CHART_PER_JOB);
      g_free (chart->subtitle);
      chart->subtitle = subtitle;
    }
  if (kind == REPERE_CHART_DISTRIBUTION && chart->rows->len == 0 && chart->n_without_counts > 0)
    chart->empty_message = g_strdup (_("None of these jobs has level counts: the study publishes them for the "
                                       "10 core assistance jobs (fiches of section 4.2)."));
  else if (chart->rows->len == 0)
    chart->empty_message = g_strdup (_("No job matches the filters."));
  return g_steal_pointer (&chart);
}

/* Accessors --------------------------------------------------------------- */

RepereChartKind
repere_chart_get_kind (RepereChart *chart)
{
  return chart->kind;
}

/**
 * repere_chart_get_title:
 *
 * Returns: (transfer none): the chart's title, "Ranking — Experts métier
 *   assistance" (the view's name and the assessment's)
 */
const char *
repere_chart_get_title (RepereChart *chart)
{
  return chart->title;
}

/* Returns: (transfer none): the assessment id the chart shows. */
const char *
repere_chart_get_assessment (RepereChart *chart)
{
  return chart->assessment_id;
}

/* Returns: (transfer none) (nullable): the compared assessment id
 * (evolution), %NULL for the other views. */
const char *
repere_chart_get_other_assessment (RepereChart *chart)
{
  return chart->other_id;
}

/**
 * repere_chart_get_assessment_name:
 * @other: %TRUE for the compared assessment (evolution; %NULL otherwise)
 *
 * Returns: (transfer none) (nullable): the assessment's display name
 */
const char *
repere_chart_get_assessment_name (RepereChart *chart, gboolean other)
{
  return other ? chart->other_name : chart->assessment_name;
}

/* Returns: the number of jobs the chart shows. */
guint
repere_chart_get_n_rows (RepereChart *chart)
{
  return chart->rows->len;
}

/**
 * repere_chart_get_row:
 * @index: 0 to repere_chart_get_n_rows() - 1, in the order drawn
 *
 * Returns: (transfer none): the job's values as the chart holds them
 */
const RepereChartRow *
repere_chart_get_row (RepereChart *chart, guint index)
{
  g_return_val_if_fail (index < chart->rows->len, NULL);
  return &g_array_index (chart->rows, RepereChartRow, index);
}

/**
 * repere_chart_get_rank_change:
 * @row: an evolution row
 * @change: (out): positions gained from the compared assessment to the
 *   chart's: compared rank - rank, > 0 when the job moved up the table
 *   (more exposed, orange in 3.2.2.2 Figure 3), < 0 when it moved down
 *
 * Returns: %FALSE when either rank is unknown
 */
gboolean
repere_chart_get_rank_change (const RepereChartRow *row, int *change)
{
  if (row->rank <= 0 || row->other_rank <= 0)
    return FALSE;
  *change = row->other_rank - row->rank;
  return TRUE;
}

/* Returns: the number of classes (4, the columns of Figure 2). */
guint
repere_chart_get_n_classes (RepereChart *chart)
{
  return chart->n_classes;
}

/* Returns: (transfer none): the id of class @index (0 emergent … 3
 * not-impacted). */
const char *
repere_chart_get_class_id (RepereChart *chart, guint index)
{
  g_return_val_if_fail (index < chart->n_classes, NULL);
  return chart->classes[index].id;
}

/* Returns: (transfer none): the translated name of class @index. */
const char *
repere_chart_get_class_name (RepereChart *chart, guint index)
{
  g_return_val_if_fail (index < chart->n_classes, NULL);
  return chart->classes[index].name;
}

/* Returns: the number of families the families view draws (those with at
 * least one of the chart's jobs), 0 for the other views. */
guint
repere_chart_get_n_families (RepereChart *chart)
{
  return chart->families ? chart->families->len : 0;
}

/**
 * repere_chart_get_family:
 * @index: 0 to repere_chart_get_n_families() - 1, in the order drawn
 *   (family code)
 * @name: (out) (optional) (transfer none): the family's name
 * @per_class: (out caller-allocates) (optional) (array fixed-size=4): the
 *   family's jobs in each class (index as repere_chart_get_class_id())
 * @jobs: (out) (optional): the family's jobs among the chart's, classified
 *   or not
 *
 * Returns: (transfer none): the family's code, "01"–"13"
 */
const char *
repere_chart_get_family (RepereChart *chart, guint index, const char **name, int *per_class, int *jobs)
{
  FamilyBar *bar;

  g_return_val_if_fail (index < repere_chart_get_n_families (chart), NULL);
  bar = &g_array_index (chart->families, FamilyBar, index);
  if (name)
    *name = bar->name;
  if (per_class)
    memcpy (per_class, bar->per_class, sizeof bar->per_class);
  if (jobs)
    *jobs = bar->jobs;
  return bar->code;
}

/**
 * repere_chart_get_class_jobs:
 * @index: a class, 0 to repere_chart_get_n_classes() - 1
 *
 * Returns: (transfer container) (element-type utf8): the ids of the jobs
 *   the chart puts in the class, in rank order (the classification view's
 *   column); the strings belong to the chart
 */
GPtrArray *
repere_chart_get_class_jobs (RepereChart *chart, guint index)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < chart->rows->len; i++)
    {
      RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
      if (row->classification == (int) index)
        g_ptr_array_add (ids, row->job_id);
    }
  return ids;
}

/**
 * repere_chart_get_class_percent:
 * @index: a class
 *
 * Returns: the share of the chart's classified jobs in the class, in whole
 *   percent, rounded so that the classes add up to 100 (largest remainder),
 *   as the header of Figure 2 of 3.2.2.2 prints them
 */
int
repere_chart_get_class_percent (RepereChart *chart, guint index)
{
  g_return_val_if_fail (index < chart->n_classes, 0);
  return chart->percents[index];
}

/* Layout ------------------------------------------------------------------ */

typedef struct
{
  RepereChart *chart;
  cairo_t *cr;
  const RepereRenderStyle *style;
  double width;   /* whole chart */
  double margin;  /* left, right, top, bottom */
  double gap;     /* between columns */
  double inner;   /* width - 2 margin */
  gboolean draw;
  GArray *breaks; /* (nullable) */
  double repeat;  /* end of the part a continued page repeats, 0: not yet */
  /* line heights already measured, by text scale */
  double lh_scale[6];
  double lh_value[6];
  guint n_lh;
  GPtrArray *marks; /* (nullable) RepereChartMark, collected by repere_chart_get_marks() */
} Pass;

static void
add_break (Pass *p, double y)
{
  if (p->repeat <= 0)
    p->repeat = y;
  if (p->breaks)
    g_array_append_val (p->breaks, y);
}

/* Draws (or measures) @text at (@x, @y) within @w; returns its height. */
static double
put_text (Pass *p, const char *text, double x, double y, double w, double scale, RepereTextFlags flags,
          const double rgb[3])
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, w, scale, flags);
  double h = repere_render_layout_height (layout);

  if (p->draw)
    repere_render_show (p->cr, layout, x, y, rgb);
  return h;
}

static double
text_width (Pass *p, const char *text, double scale, RepereTextFlags flags)
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, -1, scale, flags);
  return repere_render_layout_width (layout);
}

/* Height of one line of body text at @scale; measured once per pass. */
static double
line_height (Pass *p, double scale)
{
  g_autoptr (PangoLayout) layout = NULL;
  double h;

  for (guint i = 0; i < p->n_lh; i++)
    if (p->lh_scale[i] == scale)
      return p->lh_value[i];
  layout = repere_render_layout (p->cr, p->style, "Ag", -1, scale, 0);
  h = repere_render_layout_height (layout);
  if (p->n_lh < G_N_ELEMENTS (p->lh_scale))
    {
      p->lh_scale[p->n_lh] = scale;
      p->lh_value[p->n_lh++] = h;
    }
  return h;
}

static void
fill_rect (Pass *p, double x, double y, double w, double h, const double rgb[3], double alpha)
{
  if (!p->draw || w <= 0 || h <= 0)
    return;
  repere_render_set_rgba (p->cr, rgb, alpha);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_fill (p->cr);
}

static void
hline (Pass *p, double x, double y, double w)
{
  if (!p->draw)
    return;
  repere_render_set_rgb (p->cr, p->style->grid);
  cairo_set_line_width (p->cr, 1);
  cairo_move_to (p->cr, x, floor (y) + 0.5);
  cairo_line_to (p->cr, x + w, floor (y) + 0.5);
  cairo_stroke (p->cr);
}

/* "0,87" in French: the decimal separator is translated, so the chart reads
 * the same from the window and from repere-cli (which keeps LC_NUMERIC=C). */
static char *
format_decimal (double value, int digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%df", digits);
  /* Translators: the decimal separator of scores ("0.87"); French uses "," */
  const char *separator = C_ ("decimal separator", ".");
  GString *text = g_string_new (g_ascii_formatd (buffer, sizeof buffer, format, value));

  g_string_replace (text, ".", separator, 1);
  return g_string_free (text, FALSE);
}

static char *
format_score (double score)
{
  return score < 0 ? g_strdup ("—") : format_decimal (score, 2);
}

static char *
format_percent (int percent)
{
  /* Translators: a share in percent; French puts a no-break space before % */
  return g_strdup_printf (_("%d%%"), percent);
}

static void
add_mark (Pass *p, double x, double y, double w, double h, int row, char *text)
{
  RepereChartMark *mark;

  if (p->marks == NULL)
    {
      g_free (text);
      return;
    }
  mark = g_new0 (RepereChartMark, 1);
  mark->x = x;
  mark->y = y;
  mark->width = w;
  mark->height = h;
  mark->row = row;
  mark->text = text;
  g_ptr_array_add (p->marks, mark);
}

static const char *
class_name_or_dash (RepereChart *chart, int classification)
{
  return classification >= 0 && (guint) classification < chart->n_classes ? chart->classes[classification].name
                                                                          : "—";
}

/* What a screen reader says of a job's mark: name, rank, score, class. */
static char *
describe_rank (RepereChart *chart, const RepereChartRow *row)
{
  g_autofree char *score = format_score (row->score);
  const char *core = row->core ? _(", core assistance job") : "";

  if (row->rank > 0)
    /* TRANSLATORS: a job's bar in a chart, for screen readers and tooltips */
    return g_strdup_printf (_("%s%s: rank %d, score %s, %s"), row->job_name, core, row->rank, score,
                            class_name_or_dash (chart, row->classification));
  return g_strdup_printf (_("%s%s: score %s, %s"), row->job_name, core, score,
                          class_name_or_dash (chart, row->classification));
}

static char *
colour_hex (const double rgb[3])
{
  return g_strdup_printf ("#%02x%02x%02x", (int) round (rgb[0] * 255), (int) round (rgb[1] * 255),
                          (int) round (rgb[2] * 255));
}

/* Green of a rank moving down (3.2.2.2 Figure 3), for the background. */
static void
down_colour (const RepereRenderStyle *style, double rgb[3])
{
  if (style->dark)
    repere_render_parse_colour ("#57e389", rgb);
  else
    repere_render_parse_colour ("#26a269", rgb);
}

/* Title, filter line: returns the y below them. */
static double
render_header (Pass *p, double y)
{
  /* Translators: title of a printed view on the pages after its first */
  g_autofree char *title = p->chart->continued ? g_strdup_printf (_("%s (continued)"), p->chart->title) : NULL;

  y += put_text (p, title ? title : p->chart->title, p->margin, y, p->inner, 1.35, REPERE_TEXT_BOLD,
                 p->style->foreground);
  y += p->style->font_size * 0.2;
  y += put_text (p, p->chart->subtitle, p->margin, y, p->inner, 0.9, 0, p->style->muted);
  return y + p->style->font_size * 0.8;
}

typedef struct
{
  const double *rgb; /* swatch colour, NULL for a text mark */
  const char *mark;  /* drawn instead of a swatch ("♥") */
  const double *mark_rgb;
  const char *label;
} LegendItem;

/* Legend items flowing left to right, wrapping to the width. */
static double
render_legend (Pass *p, double y, const LegendItem *items, guint n)
{
  double size = p->style->font_size;
  double lh = line_height (p, 0.9);
  double box = size * 0.85;
  double x = p->margin;
  double row_h = lh;
  double right = p->margin + p->inner;

  for (guint i = 0; i < n; i++)
    {
      double mark_w = items[i].mark ? text_width (p, items[i].mark, 0.9, 0) : box;
      double label_w = text_width (p, items[i].label, 0.9, 0);
      double item_w = mark_w + size * 0.35 + label_w;
      double label_x, h;

      if (x > p->margin && x + item_w > right)
        {
          x = p->margin;
          y += row_h + size * 0.3;
          row_h = lh;
        }
      if (items[i].mark)
        put_text (p, items[i].mark, x, y, -1, 0.9, 0, items[i].mark_rgb);
      else
        fill_rect (p, x, y + (lh - box) / 2, box, box, items[i].rgb, 1);
      label_x = x + mark_w + size * 0.35;
      h = put_text (p, items[i].label, label_x, y, right - label_x, 0.9, 0, p->style->foreground);
      row_h = MAX (row_h, h);
      x = label_x + MIN (label_w, right - label_x) + size * 1.2;
    }
  return y + row_h + size * 0.9;
}

static double
render_class_legend (Pass *p, double y, gboolean with_core)
{
  LegendItem items[N_CLASSES + 1];
  guint n = 0;

  for (guint i = 0; i < p->chart->n_classes; i++)
    items[n++] = (LegendItem){ p->chart->classes[i].rgb, NULL, NULL, p->chart->classes[i].name };
  if (with_core)
    items[n++] = (LegendItem){ NULL, "♥", p->style->accent, _("Core assistance job") };
  return render_legend (p, y, items, n);
}

static double
render_empty (Pass *p, double y)
{
  y += p->style->font_size;
  y += put_text (p, p->chart->empty_message, p->margin, y, p->inner, 1.0, REPERE_TEXT_CENTER | REPERE_TEXT_ITALIC,
                 p->style->muted);
  return y + p->style->font_size;
}

/* Label column of a job row: rank (optional), ♥, wrapped name. */
typedef struct
{
  double rank_w;  /* 0: no rank column */
  double heart_w;
  double name_x;
  double name_w;
  double end;     /* x where the label column ends (bars start after a gap) */
} LabelColumns;

static void
label_columns (Pass *p, gboolean with_rank, double max_fraction, LabelColumns *cols)
{
  double max_name = 0;

  cols->rank_w = with_rank ? text_width (p, "58", 1.0, 0) : 0;
  cols->heart_w = text_width (p, "♥", 1.0, 0) + p->style->font_size * 0.3;
  for (guint i = 0; i < p->chart->rows->len; i++)
    max_name = MAX (max_name, text_width (p, g_array_index (p->chart->rows, RepereChartRow, i).job_name, 1.0, 0));
  cols->name_x = p->margin + (with_rank ? cols->rank_w + p->gap : 0) + cols->heart_w;
  cols->name_w = CLAMP (ceil (max_name) + 1, p->style->font_size * 6, p->inner * max_fraction);
  cols->end = cols->name_x + cols->name_w;
}

/* Draws the label column of @row at @y for a row of height @h (measured
 * beforehand); returns the height of the name. */
static double
render_label (Pass *p, const LabelColumns *cols, const RepereChartRow *row, double y, double h)
{
  double name_h = put_text (&(Pass){ .cr = p->cr, .style = p->style }, row->job_name, 0, 0, cols->name_w, 1.0, 0,
                            NULL);
  double lh = line_height (p, 1.0);
  double top = y + (h - name_h) / 2;

  if (cols->rank_w > 0 && row->rank > 0)
    {
      g_autofree char *rank = g_strdup_printf ("%d", row->rank);
      put_text (p, rank, p->margin, top, cols->rank_w, 1.0, REPERE_TEXT_RIGHT, p->style->muted);
    }
  if (row->core)
    put_text (p, "♥", cols->name_x - cols->heart_w, top + (MIN (name_h, lh) - lh) / 2, -1, 1.0, 0,
              p->style->accent);
  put_text (p, row->job_name, cols->name_x, top, cols->name_w, 1.0, 0, p->style->foreground);
  return name_h;
}

/* Ranking: Annexe 2 */
static double
render_ranking (Pass *p, double y)
{
  LabelColumns cols;
  double size = p->style->font_size;
  double value_w = text_width (p, "0,00", 1.0, 0) + size * 0.4;
  double bar_x, bar_w;
  double lh = line_height (p, 1.0);
  double pad = size * 0.2;
  double bar_h = lh * 0.8;

  y = render_class_legend (p, y, TRUE);
  if (p->chart->rows->len == 0)
    return render_empty (p, y);

  label_columns (p, TRUE, 0.42, &cols);
  bar_x = cols.end + p->gap;
  bar_w = p->margin + p->inner - value_w - bar_x;

  /* Scale at the top: 0 to 1 by 0.25. */
  for (int t = 0; t <= 4; t++)
    {
      g_autofree char *label = format_decimal (t * 0.25, t % 2 ? 2 : t == 2 ? 1 : 0);
      double w = text_width (p, label, 0.8, 0);
      double x = bar_x + bar_w * t / 4.0 - w / 2;
      put_text (p, label, MIN (x, p->margin + p->inner - w), y, -1, 0.8, 0, p->style->muted);
    }
  y += line_height (p, 0.8) + pad;
  add_break (p, y);

  for (guint i = 0; i < p->chart->rows->len; i++)
    {
      const RepereChartRow *row = &g_array_index (p->chart->rows, RepereChartRow, i);
      double name_h = put_text (&(Pass){ .cr = p->cr, .style = p->style }, row->job_name, 0, 0, cols.name_w, 1.0, 0,
                                NULL);
      double h = MAX (name_h, lh) + 2 * pad;
      g_autofree char *value = format_score (row->score);
      double length = row->score > 0 ? bar_w * MIN (row->score, 1.0) : 0;

      /* Grid lines at each quarter, behind the bar. */
      if (p->draw)
        {
          repere_render_set_rgb (p->cr, p->style->grid);
          cairo_set_line_width (p->cr, 1);
          for (int t = 0; t <= 4; t++)
            {
              double x = floor (bar_x + bar_w * t / 4.0) + 0.5;
              cairo_move_to (p->cr, x, y);
              cairo_line_to (p->cr, x, y + h);
            }
          cairo_stroke (p->cr);
        }
      render_label (p, &cols, row, y, h);
      if (row->classification >= 0)
        fill_rect (p, bar_x, y + (h - bar_h) / 2, length, bar_h, p->chart->classes[row->classification].rgb, 1);
      else
        fill_rect (p, bar_x, y + (h - bar_h) / 2, length, bar_h, p->style->muted, 1);
      put_text (p, value, bar_x + length + size * 0.3, y + (h - lh) / 2, -1, 1.0, 0, p->style->foreground);
      add_mark (p, p->margin, y, p->inner, h, (int) i, describe_rank (p->chart, row));
      y += h;
      add_break (p, y);
    }
  return y;
}

static void
unref_nullable (gpointer object)
{
  if (object)
    g_object_unref (object);
}

/* Classification table: 3.2.2.1 and 3.2.2.2 Figure 2. The four classes
 * side by side; below 9 em a column, two bands of two classes. */
static double
render_classification (Pass *p, double y)
{
  RepereChart *chart = p->chart;
  double size = p->style->font_size;
  guint n = MAX (chart->n_classes, 1);
  guint per_band = n;
  double col_w = (p->inner - (n - 1) * p->gap) / n;
  double scale, pad, bullet_w;
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *accent = colour_hex (p->style->accent);
  g_autofree char *muted = colour_hex (p->style->muted);
  const char *nbsp = "\u00a0";

  y = render_legend (p, y, &(LegendItem){ NULL, "♥", p->style->accent, _("Core assistance job") }, 1);
  if (chart->rows->len == 0)
    return render_empty (p, y);

  if (col_w < size * 9 && n > 2)
    {
      per_band = (n + 1) / 2;
      col_w = (p->inner - (per_band - 1) * p->gap) / per_band;
    }
  /* In two bands the column header changes down the table: a continued
   * page repeats the title and legend only. */
  if (per_band < n && p->repeat <= 0)
    p->repeat = y;
  scale = col_w < size * 12 ? 0.9 : 1.0;
  pad = size * 0.4;
  {
    g_autofree char *bullet = g_strconcat ("♥", nbsp, NULL);
    bullet_w = text_width (p, bullet, scale, 0);
  }
  for (guint c = 0; c < chart->n_classes; c++)
    g_ptr_array_add (columns, repere_chart_get_class_jobs (chart, c));

  for (guint first = 0; first < chart->n_classes; first += per_band)
    {
      guint last = MIN (first + per_band, chart->n_classes);
      double header_h = 0;
      guint n_rows = 0;

      if (first > 0)
        y += size;
      for (guint c = first; c < last; c++)
        {
          g_autofree char *percent = format_percent (chart->percents[c]);
          g_autofree char *text = g_strdup_printf ("%s\n(%s)", chart->classes[c].name, percent);
          header_h = MAX (header_h, put_text (&(Pass){ .cr = p->cr, .style = p->style }, text, 0, 0, col_w - 2 * pad,
                                              scale, REPERE_TEXT_BOLD | REPERE_TEXT_CENTER, NULL));
          n_rows = MAX (n_rows, ((GPtrArray *) g_ptr_array_index (columns, c))->len);
        }
      header_h += 2 * pad;
      for (guint c = first; c < last; c++)
        {
          double x = p->margin + (c - first) * (col_w + p->gap);
          g_autofree char *percent = format_percent (chart->percents[c]);
          g_autofree char *text = g_strdup_printf ("%s\n(%s)", chart->classes[c].name, percent);
          double ink[3];
          double h = put_text (&(Pass){ .cr = p->cr, .style = p->style }, text, 0, 0, col_w - 2 * pad, scale,
                               REPERE_TEXT_BOLD | REPERE_TEXT_CENTER, NULL);

          repere_render_readable_on (chart->classes[c].rgb, ink);
          fill_rect (p, x, y, col_w, header_h, chart->classes[c].rgb, 1);
          put_text (p, text, x + pad, y + (header_h - h) / 2, col_w - 2 * pad, scale,
                    REPERE_TEXT_BOLD | REPERE_TEXT_CENTER, ink);
        }
      y += header_h;
      /* A page may end above a band's header, not right below it. */
      if (first == 0)
        add_break (p, y);

      for (guint r = 0; r < n_rows; r++)
        {
          double h = 0;
          g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (unref_nullable);

          for (guint c = first; c < last; c++)
            {
              GPtrArray *ids = g_ptr_array_index (columns, c);
              PangoLayout *layout = NULL;
              for (guint i = 0; r < ids->len && i < chart->rows->len; i++)
                {
                  const RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
                  if (row->job_id == g_ptr_array_index (ids, r))
                    {
                      g_autofree char *name = g_markup_escape_text (row->job_name, -1);
                      /* The mark stays on the name's first line. */
                      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">%s%s</span>%s",
                                                                 row->core ? accent : muted, row->core ? "♥" : "•",
                                                                 nbsp, name);
                      layout = repere_render_layout (p->cr, p->style, markup, col_w - 2 * pad, scale,
                                                     REPERE_TEXT_MARKUP);
                      pango_layout_set_indent (layout, (int) (-bullet_w * PANGO_SCALE));
                      h = MAX (h, repere_render_layout_height (layout));
                      break;
                    }
                }
              g_ptr_array_add (layouts, layout);
            }
          h += pad;
          for (guint c = first; c < last; c++)
            {
              double x = p->margin + (c - first) * (col_w + p->gap);
              GPtrArray *ids = g_ptr_array_index (columns, c);
              fill_rect (p, x, y, col_w, h, chart->classes[c].rgb, r % 2 ? 0.06 : 0.12);
              for (guint i = 0; p->marks && r < ids->len && i < chart->rows->len; i++)
                if (g_array_index (chart->rows, RepereChartRow, i).job_id == g_ptr_array_index (ids, r))
                  add_mark (p, x, y, col_w, h, (int) i,
                            describe_rank (chart, &g_array_index (chart->rows, RepereChartRow, i)));
              if (r < ids->len && p->draw)
                repere_render_show (p->cr, g_ptr_array_index (layouts, c - first), x + pad, y + pad * 0.5,
                                    p->style->foreground);
            }
          y += h;
          add_break (p, y);
        }
    }
  return y;
}

/* Competency exposure: 3.2.2.1 Figure 3, 3.2.2.2 Figure 4 */
static double
render_distribution (Pass *p, double y)
{
  RepereChart *chart = p->chart;
  LegendItem items[N_LEVELS];
  char *labels[N_LEVELS] = { NULL };
  LabelColumns cols;
  double size = p->style->font_size;
  double lh = line_height (p, 1.0);
  double small = line_height (p, 0.8);
  double pad = size * 0.25;
  double count_w = text_width (p, "000", 0.8, 0) + size * 0.3;
  double bar_x, bar_w;

  for (guint l = 0; l < N_LEVELS; l++)
    {
      labels[l] = g_strdup_printf ("%u – %s", l + 1, chart->levels[l].name ? chart->levels[l].name : "");
      items[l] = (LegendItem){ chart->levels[l].rgb, NULL, NULL, labels[l] };
    }
  y = render_legend (p, y, items, N_LEVELS);
  for (guint l = 0; l < N_LEVELS; l++)
    g_free (labels[l]);
  if (chart->rows->len == 0)
    return render_empty (p, y);

  label_columns (p, FALSE, 0.38, &cols);
  bar_x = cols.end + p->gap;
  bar_w = p->margin + p->inner - count_w - bar_x;
  put_text (p, _("Competencies"), p->margin, y, p->inner, 0.8, REPERE_TEXT_RIGHT, p->style->muted);
  y += small + pad;
  add_break (p, y);

  for (guint i = 0; i < chart->rows->len; i++)
    {
      const RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
      double name_h = put_text (&(Pass){ .cr = p->cr, .style = p->style }, row->job_name, 0, 0, cols.name_w, 1.0, 0,
                                NULL);
      double h = MAX (name_h, lh * 1.2) + 2 * pad;
      double bar_h = lh * 1.2;
      double by = y + (h - bar_h) / 2;
      int total = 0, percents[N_LEVELS];
      double x = bar_x;
      g_autofree char *count = NULL;

      for (guint l = 0; l < N_LEVELS; l++)
        total += row->counts[l];
      round_percents (row->counts, N_LEVELS, total, percents);
      render_label (p, &cols, row, y, h);
      for (guint l = 0; l < N_LEVELS; l++)
        {
          double w = total > 0 ? bar_w * row->counts[l] / total : 0;
          g_autofree char *text = format_percent (percents[l]);
          double tw = text_width (p, text, 0.8, 0);
          double ink[3];

          fill_rect (p, x, by, w, bar_h, chart->levels[l].rgb, 1);
          if (w > 0 && tw + size * 0.3 <= w)
            {
              repere_render_readable_on (chart->levels[l].rgb, ink);
              put_text (p, text, x, by + (bar_h - small) / 2, w, 0.8, REPERE_TEXT_CENTER, ink);
            }
          x += w;
        }
      count = g_strdup_printf ("%d", total);
      put_text (p, count, bar_x + bar_w, y + (h - small) / 2, count_w, 0.8, REPERE_TEXT_RIGHT, p->style->muted);
      if (p->marks)
        {
          GString *text = g_string_new (NULL);
          /* TRANSLATORS: a job's bar in the competency chart: name, number of competencies */
          g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %d competency", "%s: %d competencies", total),
                           row->job_name, total);
          for (guint l = 0; l < N_LEVELS; l++)
            {
              g_autofree char *percent = format_percent (percents[l]);
              /* TRANSLATORS: between the parts of a chart's mark read aloud; French: no-break space, ";" */
              g_string_append_printf (text, "%s%u – %s %s (%d)", C_ ("list separator", "; "), l + 1,
                                      chart->levels[l].name ? chart->levels[l].name : "", percent, row->counts[l]);
            }
          add_mark (p, p->margin, y, p->inner, h, (int) i, g_string_free (text, FALSE));
        }
      y += h;
      add_break (p, y);
    }
  if (chart->n_without_counts > 0)
    {
      g_autofree char *note = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "%u job without level counts is not shown: the study publishes them for the 10 core "
                       "assistance jobs (fiches of section 4.2).",
                       "%u jobs without level counts are not shown: the study publishes them for the 10 core "
                       "assistance jobs (fiches of section 4.2).",
                       chart->n_without_counts),
          chart->n_without_counts);
      y += size * 0.6;
      y += put_text (p, note, p->margin, y, p->inner, 0.8, REPERE_TEXT_ITALIC, p->style->muted);
    }
  return y;
}

/* A class as a small swatch and its wrapped name; returns the height. */
static double
render_class_cell (Pass *p, int classification, double x, double y, double w, double scale, gboolean compact)
{
  double size = p->style->font_size;
  double box = size * 0.7;
  double lh = line_height (p, scale);

  if (classification < 0)
    return put_text (p, "—", x, y, w, scale, 0, p->style->muted);
  fill_rect (p, x, y + (lh - box) / 2, box, box, p->chart->classes[classification].rgb, 1);
  if (compact)
    return lh;
  return put_text (p, p->chart->classes[classification].name, x + box + size * 0.3, y, w - box - size * 0.3, scale, 0,
                   p->style->foreground);
}

/* Evolution: 3.2.2.2 Figure 3 */
static double
render_evolution (Pass *p, double y)
{
  RepereChart *chart = p->chart;
  double size = p->style->font_size;
  double lh = line_height (p, 1.0);
  double small = 0.85;
  double pad = size * 0.25;
  const char *h_score = _("Score");
  const char *h_rank = _("Rank");
  const char *h_class = _("Class");
  const char *h_change = _("Change");
  double score_w = MAX (text_width (p, "0,00", 1.0, 0), text_width (p, h_score, small, REPERE_TEXT_BOLD));
  double rank_w = MAX (text_width (p, "58", 1.0, 0), text_width (p, h_rank, small, REPERE_TEXT_BOLD));
  double change_w = MAX (text_width (p, "▲ +29", 1.0, REPERE_TEXT_BOLD), text_width (p, h_change, small, REPERE_TEXT_BOLD));
  double heart_w = text_width (p, "♥", 1.0, 0) + size * 0.3;
  double rest = p->inner - heart_w - 2 * (score_w + rank_w) - change_w - 7 * p->gap;
  double name_w = rest * 0.4, class_w = rest * 0.3;
  /* Narrow: the classes as swatches only (the legend names them), the
   * names get the room. */
  gboolean compact = class_w < size * 9;
  Pass measure;
  double x_name, x_a, x_b, x_change, group_w;
  double down[3];
  double h;

  if (compact)
    {
      class_w = size * 0.7;
      name_w = rest - 2 * class_w;
    }
  x_name = p->margin + heart_w;
  x_a = x_name + name_w + p->gap; /* compared assessment: score, rank, class */
  x_b = x_a + score_w + rank_w + class_w + 3 * p->gap;
  x_change = x_b + score_w + rank_w + class_w + 3 * p->gap;
  group_w = score_w + rank_w + class_w + 2 * p->gap;

  down_colour (p->style, down);
  {
    LegendItem items[N_CLASSES + 3];
    guint n = 0;
    for (guint i = 0; i < chart->n_classes; i++)
      items[n++] = (LegendItem){ chart->classes[i].rgb, NULL, NULL, chart->classes[i].name };
    items[n++] = (LegendItem){ NULL, "♥", p->style->accent, _("Core assistance job") };
    items[n++] = (LegendItem){ NULL, "▲", p->style->accent, _("up the table: more exposed") };
    items[n++] = (LegendItem){ NULL, "▼", down, _("down the table: less exposed") };
    y = render_legend (p, y, items, n);
  }
  if (chart->rows->len == 0)
    return render_empty (p, y);

  /* Two header lines: the assessments, then the columns. */
  h = MAX (put_text (p, chart->other_name, x_a, y, group_w, small, REPERE_TEXT_BOLD, p->style->foreground),
           put_text (p, chart->assessment_name, x_b, y, group_w, small, REPERE_TEXT_BOLD, p->style->foreground));
  y += h + pad;
  hline (p, x_a, y, group_w);
  hline (p, x_b, y, group_w);
  y += pad;
  h = 0;
  h = MAX (h, put_text (p, _("Job"), x_name, y, name_w, small, REPERE_TEXT_BOLD, p->style->muted));
  for (int g = 0; g < 2; g++)
    {
      double x = g ? x_b : x_a;
      h = MAX (h, put_text (p, h_score, x, y, score_w, small, REPERE_TEXT_BOLD | REPERE_TEXT_RIGHT, p->style->muted));
      h = MAX (h, put_text (p, h_rank, x + score_w + p->gap, y, rank_w, small, REPERE_TEXT_BOLD | REPERE_TEXT_RIGHT,
                            p->style->muted));
      if (!compact)
        h = MAX (h, put_text (p, h_class, x + score_w + rank_w + 2 * p->gap, y, class_w, small, REPERE_TEXT_BOLD,
                              p->style->muted));
    }
  h = MAX (h, put_text (p, h_change, x_change, y, change_w, small, REPERE_TEXT_BOLD | REPERE_TEXT_RIGHT,
                        p->style->muted));
  y += h + pad;
  hline (p, p->margin, y, p->inner);
  add_break (p, y);

  measure = (Pass){ .chart = chart, .cr = p->cr, .style = p->style, .draw = FALSE };
  for (guint i = 0; i < chart->rows->len; i++)
    {
      const RepereChartRow *row = &g_array_index (chart->rows, RepereChartRow, i);
      double row_h = put_text (&measure, row->job_name, 0, 0, name_w, 1.0, 0, NULL);
      int change;

      row_h = MAX (row_h, render_class_cell (&measure, row->other_classification, 0, 0, class_w, small, compact));
      row_h = MAX (row_h, render_class_cell (&measure, row->classification, 0, 0, class_w, small, compact));
      row_h = MAX (row_h, lh) + 2 * pad;

      if (row->core)
        put_text (p, "♥", p->margin, y + pad, -1, 1.0, 0, p->style->accent);
      put_text (p, row->job_name, x_name, y + pad, name_w, 1.0, 0, p->style->foreground);
      for (int g = 0; g < 2; g++)
        {
          double x = g ? x_b : x_a;
          double score = g ? row->score : row->other_score;
          int rank = g ? row->rank : row->other_rank;
          g_autofree char *s = format_score (score);
          g_autofree char *r = rank > 0 ? g_strdup_printf ("%d", rank) : g_strdup ("—");
          put_text (p, s, x, y + pad, score_w, 1.0, REPERE_TEXT_RIGHT, p->style->foreground);
          put_text (p, r, x + score_w + p->gap, y + pad, rank_w, 1.0, REPERE_TEXT_RIGHT, p->style->foreground);
          render_class_cell (p, g ? row->classification : row->other_classification,
                             x + score_w + rank_w + 2 * p->gap, y + pad + (lh - line_height (p, small)) / 2, class_w,
                             small, compact);
        }
      if (repere_chart_get_rank_change (row, &change))
        {
          g_autofree char *text = change > 0   ? g_strdup_printf ("▲ +%d", change)
                                  : change < 0 ? g_strdup_printf ("▼ −%d", -change)
                                               : g_strdup ("=");
          put_text (p, text, x_change, y + pad, change_w, 1.0, REPERE_TEXT_BOLD | REPERE_TEXT_RIGHT,
                    change > 0 ? p->style->accent : change < 0 ? down : p->style->muted);
        }
      else
        put_text (p, "—", x_change, y + pad, change_w, 1.0, REPERE_TEXT_RIGHT, p->style->muted);
      if (p->marks)
        {
          g_autofree char *before = format_score (row->other_score);
          g_autofree char *after = format_score (row->score);
          g_autofree char *moved = !repere_chart_get_rank_change (row, &change) ? g_strdup ("—")
                                   : change > 0 ? g_strdup_printf (_("up %d places"), change)
                                   : change < 0 ? g_strdup_printf (_("down %d places"), -change)
                                                : g_strdup (_("same rank"));
          /* TRANSLATORS: a job's line in the evolution chart: name, first assessment, score, rank, class,
           * then the same in the second, then the rank change */
          add_mark (p, p->margin, y, p->inner, row_h, (int) i,
                    g_strdup_printf (_("%s: %s score %s, rank %d, %s; %s score %s, rank %d, %s; %s"), row->job_name,
                                     chart->other_name, before, row->other_rank,
                                     class_name_or_dash (chart, row->other_classification), chart->assessment_name,
                                     after, row->rank, class_name_or_dash (chart, row->classification), moved));
        }
      y += row_h;
      hline (p, p->margin, y, p->inner);
      add_break (p, y);
    }
  return y;
}

/* Classes per family */
static double
render_families (Pass *p, double y)
{
  RepereChart *chart = p->chart;
  double size = p->style->font_size;
  double lh = line_height (p, 1.0);
  double small = line_height (p, 0.85);
  double pad = size * 0.25;
  double label_w = 0, bar_x, bar_w, total_w = text_width (p, "00", 1.0, 0) + size * 0.4;
  int max_jobs = 1;

  y = render_class_legend (p, y, FALSE);
  if (chart->families == NULL || chart->families->len == 0)
    return render_empty (p, y);

  for (guint f = 0; f < chart->families->len; f++)
    {
      FamilyBar *bar = &g_array_index (chart->families, FamilyBar, f);
      g_autofree char *label = g_strdup_printf ("%s %s", bar->code, bar->name);
      label_w = MAX (label_w, text_width (p, label, 1.0, 0));
      max_jobs = MAX (max_jobs, bar->jobs);
    }
  label_w = CLAMP (ceil (label_w) + 1, size * 6, p->inner * 0.4);
  bar_x = p->margin + label_w + p->gap;
  bar_w = p->margin + p->inner - total_w - bar_x;
  add_break (p, y);

  for (guint f = 0; f < chart->families->len; f++)
    {
      FamilyBar *bar = &g_array_index (chart->families, FamilyBar, f);
      g_autofree char *label = g_strdup_printf ("%s %s", bar->code, bar->name);
      g_autofree char *total = g_strdup_printf ("%d", bar->jobs);
      double name_h = put_text (&(Pass){ .cr = p->cr, .style = p->style }, label, 0, 0, label_w, 1.0, 0, NULL);
      double bar_h = lh * 1.1;
      double h = MAX (name_h, bar_h) + 2 * pad;
      double x = bar_x, by = y + (h - bar_h) / 2;

      put_text (p, label, p->margin, y + (h - name_h) / 2, label_w, 1.0, 0, p->style->foreground);
      for (guint c = 0; c < chart->n_classes; c++)
        {
          double w = bar_w * bar->per_class[c] / max_jobs;
          g_autofree char *count = g_strdup_printf ("%d", bar->per_class[c]);
          double ink[3];

          fill_rect (p, x, by, w, bar_h, chart->classes[c].rgb, 1);
          if (w > 0 && text_width (p, count, 0.85, 0) + size * 0.3 <= w)
            {
              repere_render_readable_on (chart->classes[c].rgb, ink);
              put_text (p, count, x, by + (bar_h - small) / 2, w, 0.85, REPERE_TEXT_CENTER, ink);
            }
          x += w;
        }
      put_text (p, total, x + size * 0.3, y + (h - lh) / 2, -1, 1.0, REPERE_TEXT_BOLD, p->style->foreground);
      if (p->marks)
        {
          GString *text = g_string_new (NULL);
          g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %d job", "%s: %d jobs", bar->jobs), label,
                           bar->jobs);
          for (guint c = 0; c < chart->n_classes; c++)
            if (bar->per_class[c] > 0)
              g_string_append_printf (text, "%s%d %s", C_ ("list separator", "; "), bar->per_class[c],
                                      chart->classes[c].name);
          add_mark (p, p->margin, y, p->inner, h, -1, g_string_free (text, FALSE));
        }
      y += h;
      add_break (p, y);
    }
  return y;
}

/* Lays the chart out at @width; draws when @draw. Returns the height. */
static double
render_marks (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width, gboolean draw,
              GArray *breaks, double *repeat, GPtrArray *marks)
{
  Pass p = { chart, cr, style, width, 0, 0, 0, draw, breaks, 0 };
  double y;

  p.marks = marks;
  p.margin = style->font_size;
  p.gap = style->font_size * 0.6;
  p.inner = MAX (width - 2 * p.margin, style->font_size * 10);
  y = render_header (&p, p.margin);
  switch (chart->kind)
    {
    case REPERE_CHART_RANKING:
      y = render_ranking (&p, y);
      break;
    case REPERE_CHART_CLASSIFICATION:
      y = render_classification (&p, y);
      break;
    case REPERE_CHART_DISTRIBUTION:
      y = render_distribution (&p, y);
      break;
    case REPERE_CHART_EVOLUTION:
      y = render_evolution (&p, y);
      break;
    case REPERE_CHART_FAMILIES:
      y = render_families (&p, y);
      break;
    case REPERE_CHART_SHARED_COMPETENCIES:
    case REPERE_CHART_PASSERELLES:
      {
        double first_break = 0;
        y = repere_passerelle_chart_render (chart, cr, style, p.margin, p.inner, y, draw, breaks, &first_break);
        p.repeat = first_break;
      }
      break;
    }
  if (repeat)
    *repeat = p.repeat > 0 ? p.repeat : y;
  return ceil (y + p.margin);
}

static double
render (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width, gboolean draw, GArray *breaks,
        double *repeat)
{
  return render_marks (chart, cr, style, width, draw, breaks, repeat, NULL);
}

static void
mark_free (RepereChartMark *mark)
{
  g_free (mark->text);
  g_free (mark);
}

/**
 * repere_chart_get_marks:
 * @cr: a context on the target surface (see repere_chart_get_height());
 *   nothing is drawn
 * @width: the chart's width (see repere_chart_get_height())
 *
 * The chart's marks as laid out at @width, in drawing order: a job's bar
 * (ranking, competencies), line (evolution) or name in its class column
 * (classification), a family's bar (classes per family). Each says what it
 * shows in words, the figures as the chart prints them: the window's
 * tooltips, keyboard focus and screen readers use them.
 *
 * Returns: (transfer full) (element-type RepereChartMark): the marks
 */
GPtrArray *
repere_chart_get_marks (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  GPtrArray *marks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);

  cairo_save (cr);
  render_marks (chart, cr, style, width, FALSE, NULL, NULL, marks);
  cairo_restore (cr);
  return marks;
}

/**
 * repere_chart_get_height:
 * @cr: a context on the target surface (its font options drive the text
 *   metrics); nothing is drawn
 * @style: colours, font and body size
 * @width: the chart's width, in the surface's units (pixels on screen,
 *   points in print); the layout is meant for 480 px and more
 *
 * Returns: the chart's natural height at @width, same units
 */
double
repere_chart_get_height (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  double height;

  cairo_save (cr);
  height = render (chart, cr, style, width, FALSE, NULL, NULL);
  cairo_restore (cr);
  return height;
}

/**
 * repere_chart_draw:
 * @cr: the target, its origin at the chart's top-left corner
 * @width: the chart's width (see repere_chart_get_height())
 * @height: the area to fill with the background; the chart is drawn at its
 *   natural height from the top, whatever @height
 *
 * Draws the chart: title, filter line, legend, then the view.
 */
void
repere_chart_draw (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width, double height)
{
  cairo_save (cr);
  repere_render_set_rgb (cr, style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  render (chart, cr, style, width, TRUE, NULL, NULL);
  cairo_restore (cr);
}

/**
 * repere_chart_get_breaks:
 * @width: the chart's width (see repere_chart_get_height())
 *
 * Where a printed page may end: below the legend and table header, then
 * between two rows (jobs, families, or lines of the classification table).
 *
 * Returns: (transfer full) (element-type double): ascending y offsets from
 *   the chart's top, each within the natural height
 */
GArray *
repere_chart_get_breaks (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_save (cr);
  render (chart, cr, style, width, FALSE, breaks, NULL);
  cairo_restore (cr);
  return breaks;
}

/**
 * repere_chart_get_repeat_height:
 * @width: the chart's width (see repere_chart_get_height())
 *
 * The top of the chart that a printed page continuing it repeats: title,
 * filter line, legend and the table's header (the scale of the ranking, the
 * column titles of the evolution, the class headers of a one-band
 * classification table); title, filter line and legend only where the
 * header changes down the chart. It ends at the first of
 * repere_chart_get_breaks() or above it. With repere_chart_set_continued()
 * the title reads "… (continued)".
 *
 * Returns: the height of that part, same units as @width
 */
double
repere_chart_get_repeat_height (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  double repeat = 0;

  cairo_save (cr);
  render (chart, cr, style, width, FALSE, NULL, &repeat);
  cairo_restore (cr);
  return repeat;
}

/**
 * repere_chart_set_continued:
 * @continued: %TRUE to draw the title as "Ranking — Experts (continued)"
 *   (French "(suite)"), for the top of a printed page that continues the
 *   chart; %FALSE for the plain title
 */
void
repere_chart_set_continued (RepereChart *chart, gboolean continued)
{
  chart->continued = continued;
}

/**
 * repere_chart_get_branch:
 *
 * Returns: (transfer none) (nullable): the data of an issue 11 view
 *   (#ReperePasserelleChart), %NULL for the study's views
 */
gpointer
repere_chart_get_branch (RepereChart *chart)
{
  return chart->branch;
}

/**
 * repere_chart_export:
 * @path: the file to write; its extension gives the format: .png (drawn at
 *   twice @width for sharp text), .svg or .pdf (one page at the natural
 *   height)
 * @style: colours and font; @style->font_size in pixels (PNG) or points
 * @width: the chart's width in pixels (PNG) or points (SVG, PDF), >= 480
 *   recommended
 * @error: %REPERE_CHART_ERROR_FORMAT for another extension,
 *   %REPERE_CHART_ERROR_WRITE when the file cannot be written; both name the
 *   file
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_chart_export (RepereChart *chart, const char *path, const RepereRenderStyle *style, double width,
                     GError **error)
{
  return repere_render_export_drawing (path, (RepereDrawingMeasure) repere_chart_get_height,
                                       (RepereDrawingDraw) repere_chart_draw, chart, style, width, error);
}

/**
 * repere_render_export_drawing:
 * @path: the file to write; its extension gives the format: .png (drawn at
 *   twice @width for sharp text), .svg or .pdf (one page at the natural
 *   height)
 * @measure: gives the drawing's height for a width
 * @draw: draws it
 * @data: what @measure and @draw draw (a #RepereChart, a survey question…)
 * @style: colours and font; @style->font_size in pixels (PNG) or points
 * @width: the width in pixels (PNG) or points (SVG, PDF)
 * @error: %REPERE_CHART_ERROR_FORMAT for another extension,
 *   %REPERE_CHART_ERROR_WRITE when the file cannot be written; both name the
 *   file
 *
 * What repere_chart_export() does for any drawing: the file replaces @path
 * only once complete (repere_render_sink_open()).
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_render_export_drawing (const char *path, RepereDrawingMeasure measure, RepereDrawingDraw draw, gpointer data,
                              const RepereRenderStyle *style, double width, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *measure_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *measure_cr = cairo_create (measure_surface);
  double height = measure (data, measure_cr, style, width);
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png = FALSE;
  RepereRenderSink sink;
  g_autoptr (GError) local_error = NULL;

  cairo_destroy (measure_cr);
  cairo_surface_destroy (measure_surface);

  png = g_str_has_suffix (lower, ".png");
  if (!png && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (error, REPERE_CHART_ERROR, REPERE_CHART_ERROR_FORMAT,
                   _("Cannot export to “%s”: the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  /* A file that replaces @path only once complete. */
  if (!repere_render_sink_open (&sink, path, &local_error))
    {
      g_set_error (error, REPERE_CHART_ERROR, REPERE_CHART_ERROR_WRITE, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * 2), (int) ceil (height * 2));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create_for_stream (repere_render_sink_write, &sink, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (repere_render_sink_write, &sink, width, height);

  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, 2, 2);
  draw (data, cr, style, width, height);
  cairo_show_page (cr);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png_stream (surface, repere_render_sink_write, &sink);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (!repere_render_sink_close (&sink, status, &local_error))
    {
      g_set_error (error, REPERE_CHART_ERROR, REPERE_CHART_ERROR_WRITE, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
