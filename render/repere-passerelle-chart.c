/* repere-passerelle-chart.c: the "Compétences partagées" and "Passerelles"
 * views (issue 11)
 *
 * Both are laid out by one pass that measures or draws, as repere-chart.c
 * does, so that the natural height, the page breaks and the drawing agree.
 * Their data is read once, when the chart is made: the chart's rows are the
 * jobs the filters keep (repere_chart_get_row()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-passerelle-chart.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "repere-competency.h"
#include "repere-passerelle.h"

#define N_CLASSES 4
#define N_LEVELS 5
/* Jobs listed under "held by one job only". */
#define SINGLE_DRAWN 15

typedef struct
{
  char *source_id;
  char *source_name;
  char *target_id;
  char *target_name;
  double source_score;
  double target_score;
  int source_class; /* index in classes, -1 none */
  int target_class;
  guint rank; /* in the source's ranking, 1… */
  guint shared;
  guint to_acquire;
} Mark;

typedef struct
{
  char *competency_id;
  char *label;
  char *kind;
  guint n_jobs;      /* among the chart's jobs */
  double mean_level; /* over the assessment's ratings, NAN none */
  guint n_rated;
  char *jobs; /* the chart's jobs that carry it, " · " */
} Shared;

typedef struct
{
  char *job_name;
  guint count;
} Single;

struct _ReperePasserelleChart
{
  RepereChartKind kind;
  char *message; /* why there is nothing to draw, or NULL */
  guint n_jobs;  /* the chart's jobs */
  GArray *marks; /* Mark */
  int flows[N_CLASSES][N_CLASSES];
  GArray *shared;  /* Shared, n_jobs descending; those with 1 job last */
  guint n_shared;  /* of them, held by 2 jobs or more */
  GArray *singles; /* Single, count descending */
  guint n_classes;
  char *class_names[N_CLASSES];
  double class_rgb[N_CLASSES][3];
  double level_rgb[N_LEVELS][3];
  char *level_names[N_LEVELS];
};

static void
mark_clear (Mark *m)
{
  g_free (m->source_id);
  g_free (m->source_name);
  g_free (m->target_id);
  g_free (m->target_name);
}

static void
shared_clear (Shared *s)
{
  g_free (s->competency_id);
  g_free (s->label);
  g_free (s->kind);
  g_free (s->jobs);
}

static void
single_clear (Single *s)
{
  g_free (s->job_name);
}

/**
 * repere_passerelle_chart_free:
 * @data: (nullable): what repere_passerelle_chart_load() read
 */
void
repere_passerelle_chart_free (ReperePasserelleChart *data)
{
  if (data == NULL)
    return;
  g_free (data->message);
  g_clear_pointer (&data->marks, g_array_unref);
  g_clear_pointer (&data->shared, g_array_unref);
  g_clear_pointer (&data->singles, g_array_unref);
  for (guint i = 0; i < N_CLASSES; i++)
    g_free (data->class_names[i]);
  for (guint i = 0; i < N_LEVELS; i++)
    g_free (data->level_names[i]);
  g_free (data);
}

static int
class_index (ReperePasserelleChart *data, GPtrArray *classes, const char *id)
{
  for (guint i = 0; id && i < data->n_classes; i++)
    if (g_strcmp0 (((RepereRef *) g_ptr_array_index (classes, i))->id, id) == 0)
      return (int) i;
  return -1;
}

static gboolean
load_marks (ReperePasserelleChart *data, RepereChart *chart, RepereDb *db, GPtrArray *classes,
            GError **error)
{
  g_autoptr (ReperePasserelleIndex) index
      = repere_passerelle_index_new (db, repere_chart_get_assessment (chart), error);
  ReperePasserelleFilter filter = { FALSE, FALSE, -1 };

  if (index == NULL)
    return FALSE;
  data->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (data->marks, (GDestroyNotify) mark_clear);
  for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
    {
      const RepereChartRow *row = repere_chart_get_row (chart, r);
      g_autoptr (GPtrArray) list = NULL;
      guint taken = 0;

      if (row->score < 0)
        continue;
      list = repere_passerelle_index_list (index, row->job_id, &filter, error);
      if (list == NULL)
        return FALSE;
      for (guint i = 0; i < list->len && taken < REPERE_PASSERELLE_CHART_PER_JOB; i++)
        {
          ReperePasserelle *p = g_ptr_array_index (list, i);
          Mark m = { 0 };

          if (!p->target_is_job || isnan (p->target_score))
            continue;
          m.source_id = g_strdup (row->job_id);
          m.source_name = g_strdup (row->job_name);
          m.target_id = g_strdup (p->target);
          m.target_name = g_strdup (p->target_title);
          m.source_score = row->score;
          m.target_score = p->target_score;
          m.source_class = row->classification;
          m.target_class = class_index (data, classes, p->target_classification);
          m.rank = i + 1;
          m.shared = p->shared;
          m.to_acquire = p->to_acquire;
          if (m.source_class >= 0 && m.target_class >= 0)
            data->flows[m.source_class][m.target_class]++;
          g_array_append_val (data->marks, m);
          taken++;
        }
    }
  if (data->marks->len == 0)
    data->message
        = g_strdup (_ ("None of these jobs has a passerelle towards a job of the referential."));
  return TRUE;
}

static int
compare_shared (gconstpointer a, gconstpointer b)
{
  const Shared *x = a, *y = b;

  if (x->n_jobs != y->n_jobs)
    return x->n_jobs > y->n_jobs ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static int
compare_single (gconstpointer a, gconstpointer b)
{
  const Single *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->job_name, y->job_name);
}

static gboolean
load_shared (ReperePasserelleChart *data, RepereChart *chart, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) list
      = repere_shared_competency_list (db, repere_chart_get_assessment (chart), 1, error);
  g_autoptr (GHashTable) jobs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) singles = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  if (list == NULL)
    return FALSE;
  for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
    g_hash_table_add (jobs, repere_chart_get_row (chart, r)->job_name);
  data->shared = g_array_new (FALSE, TRUE, sizeof (Shared));
  g_array_set_clear_func (data->shared, (GDestroyNotify) shared_clear);
  data->singles = g_array_new (FALSE, TRUE, sizeof (Single));
  g_array_set_clear_func (data->singles, (GDestroyNotify) single_clear);
  for (guint i = 0; i < list->len; i++)
    {
      RepereSharedCompetency *c = g_ptr_array_index (list, i);
      g_autoptr (GString) names = g_string_new (NULL);
      const char *last = NULL;
      Shared s = { 0 };

      for (guint j = 0; c->jobs && j < c->jobs->len; j++)
        {
          const char *job = g_ptr_array_index (c->jobs, j);
          if (!g_hash_table_contains (jobs, job))
            continue;
          g_string_append_printf (names, "%s%s", names->len ? " · " : "", job);
          s.n_jobs++;
          last = job;
        }
      if (s.n_jobs == 0)
        continue;
      if (s.n_jobs == 1)
        g_hash_table_insert (
            singles, (gpointer) last,
            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (singles, last)) + 1));
      else
        data->n_shared++;
      s.competency_id = g_strdup (c->competency_id);
      s.label = g_strdup (c->label);
      s.kind = g_strdup (c->kind);
      s.mean_level = c->mean_level;
      s.n_rated = c->n_rated;
      s.jobs = g_string_free (g_steal_pointer (&names), FALSE);
      g_array_append_val (data->shared, s);
    }
  g_array_sort (data->shared, compare_shared);
  g_hash_table_iter_init (&iter, singles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Single s = { g_strdup (key), GPOINTER_TO_UINT (value) };
      g_array_append_val (data->singles, s);
    }
  g_array_sort (data->singles, compare_single);
  if (data->n_shared == 0)
    data->message = g_strdup (_ ("No competency is shared by two of these jobs."));
  return TRUE;
}

/**
 * repere_passerelle_chart_load:
 * @chart: a chart of kind %REPERE_CHART_SHARED_COMPETENCIES or
 *   %REPERE_CHART_PASSERELLES whose rows (the filtered jobs) are read
 * @db: the database
 * @error: #RepereDbError
 *
 * Reads what the view draws: for the Passerelles view, the first
 * %REPERE_PASSERELLE_CHART_PER_JOB passerelles of each job towards jobs of
 * the referential (repere_passerelle_index_list(), the ranking of
 * docs/passerelles.md) with both scores and classes; for the Compétences
 * partagées view, each competency of the jobs with the number of them that
 * carry it (repere_shared_competency_list(), counted among the chart's
 * jobs) and its mean exposure level in the assessment where rated. Without
 * a ROME referential, a message says so and nothing is drawn.
 *
 * Returns: (transfer full): the view's data, or %NULL with @error set
 */
ReperePasserelleChart *
repere_passerelle_chart_load (RepereChart *chart, RepereDb *db, GError **error)
{
  ReperePasserelleChart *data = g_new0 (ReperePasserelleChart, 1);
  g_autoptr (GPtrArray) classes = repere_db_list_classifications (db, error);
  g_autoptr (GPtrArray) levels = classes ? repere_db_list_exposure_levels (db, error) : NULL;
  gboolean ok = TRUE;

  data->kind = repere_chart_get_kind (chart);
  data->n_jobs = repere_chart_get_n_rows (chart);
  if (levels == NULL)
    {
      repere_passerelle_chart_free (data);
      return NULL;
    }
  data->n_classes = MIN (classes->len, N_CLASSES);
  for (guint i = 0; i < data->n_classes; i++)
    {
      RepereRef *c = g_ptr_array_index (classes, i);
      data->class_names[i] = g_strdup (c->name);
      if (!repere_render_parse_colour (c->colour, data->class_rgb[i]))
        data->class_rgb[i][0] = data->class_rgb[i][1] = data->class_rgb[i][2] = 0.5;
    }
  for (guint i = 0; i < N_LEVELS && i < levels->len; i++)
    {
      RepereRef *l = g_ptr_array_index (levels, i);
      data->level_names[i] = g_strdup (l->name);
      if (!repere_render_parse_colour (l->colour, data->level_rgb[i]))
        data->level_rgb[i][0] = data->level_rgb[i][1] = data->level_rgb[i][2] = 0.5;
    }
  if (!repere_competency_has_referential (db))
    data->message = g_strdup (
        _ ("This view needs the ROME referential, which Repère bundles: it loads at the first "
           "start (menu ▸ Import ROME data… for a newer release)."));
  else if (data->n_jobs == 0)
    data->message = g_strdup (_ ("No job matches the filters."));
  else if (data->kind == REPERE_CHART_PASSERELLES)
    ok = load_marks (data, chart, db, classes, error);
  else
    ok = load_shared (data, chart, db, error);
  if (!ok)
    {
      repere_passerelle_chart_free (data);
      return NULL;
    }
  return data;
}

/* Layout ------------------------------------------------------------------ */

typedef struct
{
  ReperePasserelleChart *data;
  cairo_t *cr;
  const RepereRenderStyle *style;
  double x;     /* left of the drawing */
  double width; /* its width */
  gboolean draw;
  GArray *breaks;
  double first_break;
} Pass;

static void
add_break (Pass *p, double y)
{
  if (p->first_break <= 0)
    p->first_break = y;
  if (p->breaks)
    g_array_append_val (p->breaks, y);
}

static double
put_text (Pass *p, const char *text, double x, double y, double w, double scale,
          RepereTextFlags flags, const double rgb[3])
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, w, scale, flags);
  double h = repere_render_layout_height (layout);

  if (p->draw)
    repere_render_show (p->cr, layout, x, y, rgb);
  return h;
}

static double
text_width (Pass *p, const char *text, double scale)
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, -1, scale, 0);
  return repere_render_layout_width (layout);
}

static double
text_height (Pass *p, const char *text, double w, double scale, RepereTextFlags flags)
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, w, scale, flags);
  return repere_render_layout_height (layout);
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

/* "0,87" in French (the msgctxt of repere-chart.c's scores). */
static char *
format_decimal (double value, int digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%df", digits);
  const char *separator = C_ ("decimal separator", ".");
  GString *text = g_string_new (g_ascii_formatd (buffer, sizeof buffer, format, value));

  g_string_replace (text, ".", separator, 1);
  return g_string_free (text, FALSE);
}

static void
less_colour (const RepereRenderStyle *style, double rgb[3])
{
  repere_render_parse_colour (style->dark ? "#57e389" : "#26a269", rgb);
}

/* Swatches then labels, flowing left to right. */
static double
legend (Pass *p, double y, const double (*rgb)[3], const char *const *labels, guint n)
{
  double size = p->style->font_size;
  double box = size * 0.85;
  double x = p->x;
  double lh = text_height (p, "Ag", -1, 0.9, 0);
  double right = p->x + p->width;

  for (guint i = 0; i < n; i++)
    {
      double w = box + size * 0.35 + text_width (p, labels[i], 0.9);
      if (x > p->x && x + w > right)
        {
          x = p->x;
          y += lh + size * 0.3;
        }
      if (rgb[i][0] >= 0)
        fill_rect (p, x, y + (lh - box) / 2, box, box, rgb[i], 1);
      put_text (p, labels[i], x + box + size * 0.35, y, right - x - box - size * 0.35, 0.9, 0,
                p->style->foreground);
      x += w + size * 1.2;
    }
  return y + lh + size * 0.9;
}

static double
render_message (Pass *p, double y)
{
  y += p->style->font_size;
  y += put_text (p, p->data->message, p->x, y, p->width, 1.0,
                 REPERE_TEXT_CENTER | REPERE_TEXT_ITALIC, p->style->muted);
  return y + p->style->font_size;
}

/* Passerelles: the scatter of source and target scores. */
static double
render_scatter (Pass *p, double y)
{
  ReperePasserelleChart *data = p->data;
  double size = p->style->font_size;
  double tick_w = text_width (p, "1,00", 0.8) + size * 0.4;
  double lh = text_height (p, "Ag", -1, 0.8, 0);
  double side = MIN (p->width - tick_w - size, size * 30);
  double left = p->x + tick_w;
  double top, radius = MAX (size * 0.32, 3);
  double less[3];

  less_colour (p->style, less);
  y += put_text (p, _ ("Target’s score"), p->x, y, p->width, 0.8, REPERE_TEXT_BOLD,
                 p->style->muted);
  y += size * 0.3;
  top = y;
  if (p->draw)
    {
      cairo_t *cr = p->cr;

      /* Below the diagonal: the target is less exposed. */
      repere_render_set_rgba (cr, less, 0.10);
      cairo_move_to (cr, left, top + side);
      cairo_line_to (cr, left + side, top + side);
      cairo_line_to (cr, left + side, top);
      cairo_close_path (cr);
      cairo_fill (cr);
      repere_render_set_rgb (cr, p->style->grid);
      cairo_set_line_width (cr, 1);
      for (int t = 0; t <= 4; t++)
        {
          double at = floor (side * t / 4.0) + 0.5;
          cairo_move_to (cr, left + at, top);
          cairo_line_to (cr, left + at, top + side);
          cairo_move_to (cr, left, top + side - at);
          cairo_line_to (cr, left + side, top + side - at);
        }
      cairo_stroke (cr);
      repere_render_set_rgb (cr, p->style->muted);
      cairo_set_dash (cr, (double[]){ 4, 3 }, 2, 0);
      cairo_move_to (cr, left, top + side);
      cairo_line_to (cr, left + side, top);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (int t = 0; t <= 4; t++)
    {
      g_autofree char *label = format_decimal (t * 0.25, 2);
      double w = text_width (p, label, 0.8);
      put_text (p, label, left - w - size * 0.3, top + side - side * t / 4.0 - lh / 2, -1, 0.8, 0,
                p->style->muted);
      put_text (p, label, MIN (left + side * t / 4.0 - w / 2, p->x + p->width - w),
                top + side + size * 0.2, -1, 0.8, 0, p->style->muted);
    }
  if (p->draw)
    for (guint i = 0; i < data->marks->len; i++)
      {
        const Mark *m = &g_array_index (data->marks, Mark, i);
        double cx = left + side * CLAMP (m->source_score, 0, 1);
        double cy = top + side - side * CLAMP (m->target_score, 0, 1);
        const double *rgb
            = m->target_class >= 0 ? data->class_rgb[m->target_class] : p->style->muted;

        cairo_new_path (p->cr);
        cairo_arc (p->cr, cx, cy, radius, 0, 2 * G_PI);
        repere_render_set_rgba (p->cr, rgb, 0.75);
        cairo_fill_preserve (p->cr);
        repere_render_set_rgb (p->cr, p->style->foreground);
        cairo_set_line_width (p->cr, 0.75);
        cairo_stroke (p->cr);
      }
  y = top + side + size * 0.2 + lh + size * 0.2;
  y += put_text (p, _ ("Source job’s score"), left, y, side, 0.8,
                 REPERE_TEXT_BOLD | REPERE_TEXT_CENTER, p->style->muted);
  y += put_text (p,
                 _ ("Below the dashed diagonal the target is less exposed than the job people "
                    "leave; the shaded "
                    "area. Each point is a passerelle, coloured by the target’s class."),
                 p->x, y + size * 0.3, p->width, 0.8, REPERE_TEXT_ITALIC, p->style->muted);
  return y + size;
}

/* Passerelles: flows between classes, a table source class × target class. */
static double
render_flows (Pass *p, double y)
{
  ReperePasserelleChart *data = p->data;
  double size = p->style->font_size;
  guint n = data->n_classes;
  double head_w = MIN (p->width * 0.28, size * 12);
  double cell_w = (p->width - head_w) / MAX (n, 1);
  double pad = size * 0.3;
  double header_h = 0;
  int max = 1;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      max = MAX (max, data->flows[i][j]);
  y += put_text (
      p, _ ("Passerelles between classes: the source job’s class (rows) → the target’s (columns)"),
      p->x, y, p->width, 1.0, REPERE_TEXT_BOLD, p->style->foreground);
  y += size * 0.4;
  for (guint j = 0; j < n; j++)
    header_h = MAX (header_h, text_height (p, data->class_names[j], cell_w - 2 * pad, 0.85,
                                           REPERE_TEXT_CENTER));
  for (guint j = 0; j < n; j++)
    put_text (p, data->class_names[j], p->x + head_w + j * cell_w + pad, y, cell_w - 2 * pad, 0.85,
              REPERE_TEXT_CENTER | REPERE_TEXT_BOLD, p->style->foreground);
  y += header_h + pad;
  add_break (p, y);
  for (guint i = 0; i < n; i++)
    {
      double name_h = text_height (p, data->class_names[i], head_w - pad, 0.85, 0);
      double h = MAX (name_h, text_height (p, "0", -1, 1.0, 0)) + 2 * pad;

      put_text (p, data->class_names[i], p->x, y + (h - name_h) / 2, head_w - pad, 0.85,
                REPERE_TEXT_BOLD, p->style->foreground);
      for (guint j = 0; j < n; j++)
        {
          int count = data->flows[i][j];
          g_autofree char *text = g_strdup_printf ("%d", count);
          double th = text_height (p, text, -1, 1.0, 0);

          fill_rect (p, p->x + head_w + j * cell_w + 1, y + 1, cell_w - 2, h - 2,
                     data->class_rgb[j], count ? 0.15 + 0.6 * count / max : 0.04);
          put_text (p, text, p->x + head_w + j * cell_w, y + (h - th) / 2, cell_w, 1.0,
                    REPERE_TEXT_CENTER | (i != j && count ? REPERE_TEXT_BOLD : 0),
                    p->style->foreground);
        }
      y += h;
      add_break (p, y);
    }
  return y + size * 0.5;
}

static double
render_passerelles (Pass *p, double y)
{
  ReperePasserelleChart *data = p->data;
  const char *labels[N_CLASSES];
  double rgb[N_CLASSES][3];

  for (guint i = 0; i < data->n_classes; i++)
    {
      labels[i] = data->class_names[i];
      memcpy (rgb[i], data->class_rgb[i], sizeof rgb[i]);
    }
  y = legend (p, y, (const double (*)[3]) rgb, labels, data->n_classes);
  add_break (p, y);
  if (data->message)
    return render_message (p, y);
  y = render_scatter (p, y);
  add_break (p, y);
  return render_flows (p, y);
}

/* Compétences partagées: a bar per competency, the number of jobs. */
static double
render_shared (Pass *p, double y)
{
  ReperePasserelleChart *data = p->data;
  double size = p->style->font_size;
  double pad = size * 0.25;
  double label_w = p->width * 0.42;
  double value_w = text_width (p, "58 jobs · level 3,4", 0.9) + size * 0.5;
  double bar_x = p->x + label_w + size * 0.6;
  double bar_w = MAX (p->width - label_w - size * 0.6 - value_w, size * 4);
  const char *labels[N_LEVELS + 1];
  double rgb[N_LEVELS + 1][3];
  guint drawn = MIN (data->n_shared, REPERE_PASSERELLE_CHART_SHARED_DRAWN);
  guint max = 1;

  for (guint i = 0; i < N_LEVELS; i++)
    {
      labels[i] = data->level_names[i] ? data->level_names[i] : "";
      memcpy (rgb[i], data->level_rgb[i], sizeof rgb[i]);
    }
  labels[N_LEVELS] = _ ("Not rated in this assessment");
  memcpy (rgb[N_LEVELS], p->style->muted, sizeof rgb[N_LEVELS]);
  y += put_text (p, _ ("Colour: the competency’s mean exposure level where it is rated"), p->x, y,
                 p->width, 0.85, REPERE_TEXT_ITALIC, p->style->muted);
  y += size * 0.3;
  y = legend (p, y, (const double (*)[3]) rgb, labels, N_LEVELS + 1);
  add_break (p, y);
  if (data->message)
    return render_message (p, y);

  for (guint i = 0; i < drawn; i++)
    max = MAX (max, g_array_index (data->shared, Shared, i).n_jobs);
  for (guint i = 0; i < drawn; i++)
    {
      const Shared *s = &g_array_index (data->shared, Shared, i);
      double label_h = text_height (p, s->label, label_w, 1.0, 0);
      double jobs_h = text_height (p, s->jobs, p->width, 0.75, REPERE_TEXT_ELLIPSIZE);
      double bar_h = text_height (p, "Ag", -1, 1.0, 0) * 0.8;
      double h = label_h + jobs_h + 3 * pad;
      double length = bar_w * s->n_jobs / max;
      g_autofree char *value = NULL;
      const double *colour = p->style->muted;

      if (!isnan (s->mean_level))
        {
          g_autofree char *level = format_decimal (s->mean_level, 1);
          int l = CLAMP ((int) lround (s->mean_level), 1, N_LEVELS);
          colour = data->level_rgb[l - 1];
          value = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%u job · level %s", "%u jobs · level %s", s->n_jobs),
              s->n_jobs, level);
        }
      else
        value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", s->n_jobs),
                                 s->n_jobs);
      put_text (p, s->label, p->x, y + pad, label_w, 1.0, 0, p->style->foreground);
      fill_rect (p, bar_x, y + pad + (MIN (label_h, bar_h / 0.8) - bar_h) / 2, length, bar_h,
                 colour, 1);
      put_text (p, value, bar_x + length + size * 0.3, y + pad, -1, 0.9, 0, p->style->foreground);
      put_text (p, s->jobs, p->x, y + 2 * pad + label_h, p->width, 0.75, REPERE_TEXT_ELLIPSIZE,
                p->style->muted);
      y += h;
      add_break (p, y);
    }
  if (data->n_shared > drawn)
    {
      g_autofree char *more
          = g_strdup_printf (_ ("… and %u more competencies shared by fewer jobs (all of them in "
                                "the CSV export)."),
                             data->n_shared - drawn);
      y += put_text (p, more, p->x, y + pad, p->width, 0.85, REPERE_TEXT_ITALIC, p->style->muted)
           + pad;
    }

  /* The competencies only one job holds. */
  y += size;
  y += put_text (p, _ ("Competencies held by one job only"), p->x, y, p->width, 1.0,
                 REPERE_TEXT_BOLD, p->style->foreground);
  y += size * 0.4;
  add_break (p, y);
  if (data->singles->len == 0)
    y += put_text (p, _ ("None: every competency of these jobs is shared by another one."), p->x, y,
                   p->width, 0.9, REPERE_TEXT_ITALIC, p->style->muted);
  for (guint i = 0; i < data->singles->len && i < SINGLE_DRAWN; i++)
    {
      const Single *s = &g_array_index (data->singles, Single, i);
      guint top = g_array_index (data->singles, Single, 0).count;
      double name_h = text_height (p, s->job_name, label_w, 0.9, 0);
      double bar_h = text_height (p, "Ag", -1, 0.9, 0) * 0.7;
      double length = bar_w * s->count / MAX (top, 1);
      g_autofree char *value = g_strdup_printf ("%u", s->count);

      put_text (p, s->job_name, p->x, y + pad, label_w, 0.9, 0, p->style->foreground);
      fill_rect (p, bar_x, y + pad + (bar_h / 0.7 - bar_h) / 2, length, bar_h, p->style->muted,
                 0.6);
      put_text (p, value, bar_x + length + size * 0.3, y + pad, -1, 0.9, 0, p->style->foreground);
      y += name_h + 2 * pad;
      add_break (p, y);
    }
  return y;
}

/**
 * repere_passerelle_chart_render:
 * @x, @width: the drawing's left and width (the chart's margins are the
 *   caller's)
 * @y: where the drawing starts, below the chart's title and filter line
 * @draw: draw, or only measure
 * @breaks: (nullable): where a printed page may end are appended to it
 * @first_break: (out): the first of them, the end of the part a continued
 *   page repeats (legend)
 *
 * Lays out (and draws) the view of @chart's kind.
 *
 * Returns: the y below the drawing
 */
double
repere_passerelle_chart_render (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style,
                                double x, double width, double y, gboolean draw, GArray *breaks,
                                double *first_break)
{
  Pass p = { repere_chart_get_branch (chart), cr, style, x, width, draw, breaks, 0 };

  if (p.data == NULL)
    return y;
  y = p.data->kind == REPERE_CHART_PASSERELLES ? render_passerelles (&p, y) : render_shared (&p, y);
  *first_break = p.first_break;
  return y;
}

/**
 * repere_passerelle_chart_csv:
 * @out: where the records are appended (after repere_export_begin())
 *
 * The table behind the view:
 * - passerelles: per mark, source job id, source job, its score and class,
 *   the passerelle's rank in its ranking, target job id, target job, its
 *   score and class, score change, competencies carried over and to acquire;
 * - shared competencies: per competency of the jobs, its id (code_ogr),
 *   label, kind, number of jobs, mean exposure level (1 decimal, empty when
 *   not rated), ratings, and the jobs (" · "); those held by one job last.
 */
void
repere_passerelle_chart_csv (RepereChart *chart, GString *out, const RepereExportOptions *options)
{
  ReperePasserelleChart *data = repere_chart_get_branch (chart);

  if (data == NULL)
    return;
  if (data->kind == REPERE_CHART_PASSERELLES)
    {
      const char *keys[]
          = { "source_id", "source",       "source_score", "source_class", "rank",   "target_id",
              "target",    "target_score", "target_class", "score_change", "shared", "to_acquire" };
      const char *labels[]
          = { N_ ("Source job id"), N_ ("Source job"),    N_ ("Source score"), N_ ("Source class"),
              N_ ("Rank"),          N_ ("Target job id"), N_ ("Target job"),   N_ ("Target score"),
              N_ ("Target class"),  N_ ("Score change"),  N_ ("Carried over"), N_ ("To acquire") };
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        repere_export_field (out, options->labels ? _ (labels[i]) : keys[i], i == 0, options);
      repere_export_end_record (out, options);
      for (guint i = 0; data->marks && i < data->marks->len; i++)
        {
          const Mark *m = &g_array_index (data->marks, Mark, i);
          g_autofree char *rank = g_strdup_printf ("%u", m->rank);
          g_autofree char *shared = g_strdup_printf ("%u", m->shared);
          g_autofree char *acquire = g_strdup_printf ("%u", m->to_acquire);
          double change = m->target_score - m->source_score;
          g_autofree char *change_text = NULL;

          repere_export_field (out, m->source_id, TRUE, options);
          repere_export_field (out, m->source_name, FALSE, options);
          repere_export_number_field (out, m->source_score, 2, FALSE, options);
          repere_export_field (out,
                               m->source_class >= 0 ? data->class_names[m->source_class] : NULL,
                               FALSE, options);
          repere_export_field (out, rank, FALSE, options);
          repere_export_field (out, m->target_id, FALSE, options);
          repere_export_field (out, m->target_name, FALSE, options);
          repere_export_number_field (out, m->target_score, 2, FALSE, options);
          repere_export_field (out,
                               m->target_class >= 0 ? data->class_names[m->target_class] : NULL,
                               FALSE, options);
          /* A signed number: the export's number field takes none below 0. */
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            GString *text = g_string_new (g_ascii_formatd (buffer, sizeof buffer, "%.2f", change));
            if (options->delimiter == ';')
              g_string_replace (text, ".", ",", 1);
            change_text = g_string_free (text, FALSE);
          }
          repere_export_field (out, change_text, FALSE, options);
          repere_export_field (out, shared, FALSE, options);
          repere_export_field (out, acquire, FALSE, options);
          repere_export_end_record (out, options);
        }
      return;
    }
  {
    const char *keys[]
        = { "competency_id", "competency", "kind", "jobs", "mean_level", "rated", "job_names" };
    const char *labels[]
        = { N_ ("Competency id"), N_ ("Competency"), N_ ("Kind"),           N_ ("Jobs"),
            N_ ("Mean level"),    N_ ("Ratings"),    N_ ("Jobs holding it") };
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      repere_export_field (out, options->labels ? _ (labels[i]) : keys[i], i == 0, options);
    repere_export_end_record (out, options);
    for (guint i = 0; data->shared && i < data->shared->len; i++)
      {
        const Shared *s = &g_array_index (data->shared, Shared, i);
        g_autofree char *n = g_strdup_printf ("%u", s->n_jobs);
        g_autofree char *rated = g_strdup_printf ("%u", s->n_rated);

        repere_export_field (out, s->competency_id, TRUE, options);
        repere_export_field (out, s->label, FALSE, options);
        repere_export_field (out, s->kind, FALSE, options);
        repere_export_field (out, n, FALSE, options);
        repere_export_number_field (out, isnan (s->mean_level) ? -1 : s->mean_level, 1, FALSE,
                                    options);
        repere_export_field (out, rated, FALSE, options);
        repere_export_field (out, s->jobs, FALSE, options);
        repere_export_end_record (out, options);
      }
  }
}

/**
 * repere_passerelle_chart_describe:
 *
 * The view in words, for assistive technologies: what it shows, then its
 * values (the flows between classes and each passerelle with both scores;
 * or the shared competencies with their number of jobs and level, then the
 * competencies held by one job only, per job).
 *
 * Returns: (transfer full): the text
 */
char *
repere_passerelle_chart_describe (RepereChart *chart)
{
  ReperePasserelleChart *data = repere_chart_get_branch (chart);
  GString *text = g_string_new (NULL);

  if (data == NULL)
    return g_string_free (text, FALSE);
  if (data->message)
    {
      g_string_append (text, data->message);
      return g_string_free (text, FALSE);
    }
  if (data->kind == REPERE_CHART_PASSERELLES)
    {
      g_string_append_printf (
          text,
          _ ("%u passerelles: the first %d of each job towards jobs of the referential, placed "
             "by the source job’s score and the target’s."),
          data->marks->len, REPERE_PASSERELLE_CHART_PER_JOB);
      g_string_append_c (text, ' ');
      g_string_append (text, _ ("Between classes:"));
      for (guint i = 0; i < data->n_classes; i++)
        for (guint j = 0; j < data->n_classes; j++)
          if (data->flows[i][j])
            g_string_append_printf (text, " %s → %s : %d ;", data->class_names[i],
                                    data->class_names[j], data->flows[i][j]);
      for (guint i = 0; i < data->marks->len; i++)
        {
          const Mark *m = &g_array_index (data->marks, Mark, i);
          g_autofree char *from = format_decimal (m->source_score, 2);
          g_autofree char *to = format_decimal (m->target_score, 2);
          g_string_append_c (text, '\n');
          /* Translators: one passerelle of the view, for screen readers */
          g_string_append_printf (text, _ ("%s (%s) → %s (%s), %u carried over, %u to acquire"),
                                  m->source_name, from, m->target_name, to, m->shared,
                                  m->to_acquire);
        }
      return g_string_free (text, FALSE);
    }
  g_string_append_printf (
      text, _ ("%u competencies shared by at least two of the %u jobs, by number of jobs."),
      data->n_shared, data->n_jobs);
  for (guint i = 0; i < data->n_shared && i < REPERE_PASSERELLE_CHART_SHARED_DRAWN; i++)
    {
      const Shared *s = &g_array_index (data->shared, Shared, i);
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%s: %u job", "%s: %u jobs", s->n_jobs),
                              s->label, s->n_jobs);
      if (!isnan (s->mean_level))
        {
          g_autofree char *level = format_decimal (s->mean_level, 1);
          g_string_append_printf (text, _ (", mean level %s"), level);
        }
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _ ("Competencies held by one job only:"));
  for (guint i = 0; i < data->singles->len; i++)
    {
      const Single *s = &g_array_index (data->singles, Single, i);
      g_string_append_printf (text, " %s, %u ;", s->job_name, s->count);
    }
  return g_string_free (text, FALSE);
}

/**
 * repere_passerelle_chart_get_n_marks:
 *
 * Returns: the passerelles the Passerelles view places (0 for the other
 *   kinds)
 */
guint
repere_passerelle_chart_get_n_marks (RepereChart *chart)
{
  ReperePasserelleChart *data = repere_chart_get_branch (chart);
  return data && data->marks ? data->marks->len : 0;
}

/**
 * repere_passerelle_chart_get_flow:
 * @from_class, @to_class: class indexes (repere_chart_get_class_id())
 *
 * Returns: the passerelles of the Passerelles view from a job of
 *   @from_class to one of @to_class
 */
int
repere_passerelle_chart_get_flow (RepereChart *chart, guint from_class, guint to_class)
{
  ReperePasserelleChart *data = repere_chart_get_branch (chart);
  g_return_val_if_fail (from_class < N_CLASSES && to_class < N_CLASSES, 0);
  return data ? data->flows[from_class][to_class] : 0;
}
