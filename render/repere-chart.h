/* repere-chart.h: the study's views drawn from the database with cairo:
 * ranking (Annexe 2), classification table (3.2.2 Figure 2), competency
 * exposure (3.2.2 Figures 3 and 4), evolution between two assessments
 * (3.2.2.2 Figure 3) and classes per family. No GTK: the window, the print
 * dialog and `repere-cli chart` draw the same charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "repere-db.h"
#include "repere-render.h"

G_BEGIN_DECLS

#define REPERE_CHART_ERROR (repere_chart_error_quark ())

/**
 * RepereChartError:
 * @REPERE_CHART_ERROR_FORMAT: the export file name has no .png, .svg or .pdf
 *   extension
 * @REPERE_CHART_ERROR_WRITE: cairo could not write the file
 */
typedef enum
{
  REPERE_CHART_ERROR_FORMAT,
  REPERE_CHART_ERROR_WRITE,
} RepereChartError;

/**
 * RepereChartKind:
 * @REPERE_CHART_RANKING: horizontal bars of the scores in rank order,
 *   coloured by classification (Annexe 2.1 and 2.2)
 * @REPERE_CHART_CLASSIFICATION: the four classes as columns with their jobs
 *   and the share of jobs in each (3.2.2.1 and 3.2.2.2 Figure 2)
 * @REPERE_CHART_DISTRIBUTION: per job, the share of its competencies at each
 *   exposure level (3.2.2.1 Figure 3, 3.2.2.2 Figure 4)
 * @REPERE_CHART_EVOLUTION: two assessments side by side, with the rank
 *   change (3.2.2.2 Figure 3)
 * @REPERE_CHART_FAMILIES: jobs of each family per class
 * @REPERE_CHART_SHARED_COMPETENCIES: issue 11, the competencies several of
 *   the jobs carry (render/repere-passerelle-chart.h)
 * @REPERE_CHART_PASSERELLES: issue 11, the jobs' first passerelles by the
 *   source's and the target's score, and between classes
 */
typedef enum
{
  REPERE_CHART_RANKING,
  REPERE_CHART_CLASSIFICATION,
  REPERE_CHART_DISTRIBUTION,
  REPERE_CHART_EVOLUTION,
  REPERE_CHART_FAMILIES,
  REPERE_CHART_SHARED_COMPETENCIES,
  REPERE_CHART_PASSERELLES,
} RepereChartKind;

/* The study's five views ("all" of `repere-cli print --chart`). */
#define REPERE_CHART_N_KINDS 5
/* With the branch views of issue 11, which need the ROME referential. */
#define REPERE_CHART_N_ALL_KINDS 7

typedef struct _RepereChart RepereChart;

/**
 * RepereChartRow:
 * @job_id: the job's id (slug)
 * @job_name: its canonical name (1.2.2)
 * @family_code: "01"–"13"
 * @core: a cœur d'assistance job (4.1.1), marked ♥
 * @score: its score in the chart's assessment, 0–1, or -1 for none: the
 *   published one for a study assessment, the computed one for a user's (as
 *   the job browser shows it)
 * @rank: its rank in the assessment (1–58), 0 for none
 * @classification: index in the chart's classes (0 Emergent … 3 Non
 *   impacté, column order of Figure 2), -1 for none
 * @has_counts: @counts holds the job's level counts in force (the user's,
 *   else those of the fiche, 4.2)
 * @counts: competencies at exposure levels 1–5
 * @other_score, @other_rank, @other_classification: the same in the
 *   compared assessment (evolution only; -1, 0, -1 otherwise)
 *
 * One job of a chart, a copy of the database's values when the chart was
 * built.
 */
typedef struct
{
  char *job_id;
  char *job_name;
  char *family_code;
  gboolean core;
  double score;
  int rank;
  int classification;
  gboolean has_counts;
  int counts[5];
  double other_score;
  int other_rank;
  int other_classification;
} RepereChartRow;

/**
 * RepereChartMark:
 * @x, @y, @width, @height: the mark's box in the chart, same units as the
 *   width it was laid out at, from the chart's top-left corner
 * @row: the index of its job in the chart's rows
 *   (repere_chart_get_row()), -1 for a mark that is not a job (a family)
 * @text: what it shows, in words, with the figures the chart prints
 *
 * A mark of a chart (repere_chart_get_marks()).
 */
typedef struct
{
  double x, y, width, height;
  int row;
  char *text;
} RepereChartMark;

GQuark repere_chart_error_quark (void);

gboolean repere_chart_kind_parse (const char *text, RepereChartKind *kind);
const char *repere_chart_kind_name (RepereChartKind kind);
const char *repere_chart_kind_id (RepereChartKind kind);

RepereChart *repere_chart_new (RepereDb *db,
                               RepereChartKind kind,
                               const RepereJobFilter *filter,
                               const char *other_assessment,
                               GError **error);
void repere_chart_free (RepereChart *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereChart, repere_chart_free)

RepereChartKind repere_chart_get_kind (RepereChart *chart);
const char *repere_chart_get_title (RepereChart *chart);
const char *repere_chart_get_assessment (RepereChart *chart);
const char *repere_chart_get_other_assessment (RepereChart *chart);
const char *repere_chart_get_assessment_name (RepereChart *chart, gboolean other);

guint repere_chart_get_n_rows (RepereChart *chart);
const RepereChartRow *repere_chart_get_row (RepereChart *chart, guint index);
gboolean repere_chart_get_rank_change (const RepereChartRow *row, int *change);

guint repere_chart_get_n_classes (RepereChart *chart);
const char *repere_chart_get_class_id (RepereChart *chart, guint index);
const char *repere_chart_get_class_name (RepereChart *chart, guint index);
guint repere_chart_get_n_families (RepereChart *chart);
const char *repere_chart_get_family (RepereChart *chart, guint index, const char **name, int *per_class, int *jobs);
GPtrArray *repere_chart_get_class_jobs (RepereChart *chart, guint index);
int repere_chart_get_class_percent (RepereChart *chart, guint index);

double repere_chart_get_height (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width);
void repere_chart_draw (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width, double height);
GArray *repere_chart_get_breaks (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width);
GPtrArray *repere_chart_get_marks (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width);
double repere_chart_get_repeat_height (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style, double width);
void repere_chart_set_continued (RepereChart *chart, gboolean continued);
gpointer repere_chart_get_branch (RepereChart *chart);
/**
 * RepereDrawingMeasure:
 * Returns the height of a drawing for @width (see repere_chart_get_height()).
 */
typedef double (*RepereDrawingMeasure) (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width);
/**
 * RepereDrawingDraw:
 * Draws a drawing at @width × @height (see repere_chart_draw()).
 */
typedef void (*RepereDrawingDraw) (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width,
                                   double height);
gboolean repere_render_export_drawing (const char *path,
                                       RepereDrawingMeasure measure,
                                       RepereDrawingDraw draw,
                                       gpointer data,
                                       const RepereRenderStyle *style,
                                       double width,
                                       GError **error);
gboolean repere_chart_export (RepereChart *chart,
                              const char *path,
                              const RepereRenderStyle *style,
                              double width,
                              GError **error);

G_END_DECLS
