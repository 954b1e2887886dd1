/* repere-survey-chart-view.c: a survey chart in the window
 *
 * The chart (repere_survey_chart_draw()) takes the widget's width and the
 * height it needs for it (height-for-width). For assistive technologies it
 * is an image whose name is the question's theme and whose description is
 * the chart in words (repere_survey_chart_describe()); it takes the
 * keyboard focus so that a screen reader reaches it in the tab order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-survey-chart-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "repere-chart-view.h"
#include "repere-survey-chart.h"

/* Narrowest width the chart is laid out for, and its natural width. */
#define MIN_WIDTH 320
#define NATURAL_WIDTH 640

struct _RepereSurveyChartView
{
  GtkWidget parent_instance;

  const RepereSurveyQuestion *question; /* not owned: the page's */
  guint n_draws;
};

G_DEFINE_TYPE (RepereSurveyChartView, repere_survey_chart_view, GTK_TYPE_WIDGET)

static double
chart_height (RepereSurveyChartView *self, int width)
{
  RepereRenderStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double height;

  repere_widget_get_render_style (GTK_WIDGET (self), &style);
  height = repere_survey_chart_get_height (self->question, 0, cr, &style, width);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return height;
}

static GtkSizeRequestMode
get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
         int *minimum_baseline, int *natural_baseline)
{
  RepereSurveyChartView *self = REPERE_SURVEY_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
      return;
    }
  *minimum = *natural = self->question ? (int) ceil (chart_height (
                            self, for_size > 0 ? MAX (for_size, MIN_WIDTH) : NATURAL_WIDTH))
                                       : 0;
}

static void
snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RepereSurveyChartView *self = REPERE_SURVEY_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  RepereRenderStyle style;
  cairo_t *cr;

  if (self->question == NULL || width <= 0 || height <= 0)
    return;
  repere_widget_get_render_style (widget, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  repere_survey_chart_draw (self->question, 0, cr, &style, width);
  cairo_destroy (cr);
  self->n_draws++;
}

static void
on_dark_changed (RepereSurveyChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
repere_survey_chart_view_dispose (GObject *object)
{
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), object);
  G_OBJECT_CLASS (repere_survey_chart_view_parent_class)->dispose (object);
}

static void
repere_survey_chart_view_class_init (RepereSurveyChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_survey_chart_view_dispose;
  widget_class->get_request_mode = get_request_mode;
  widget_class->measure = measure;
  widget_class->snapshot = snapshot;
  gtk_widget_class_set_css_name (widget_class, "repere-survey-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
repere_survey_chart_view_init (RepereSurveyChartView *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
}

/**
 * repere_survey_chart_view_new:
 * @question: (transfer none): a question of repere_study_list_survey(); it
 *   must outlive the widget
 *
 * Returns: (transfer floating): the chart of @question, named for assistive
 *   technologies "Chart: THEME" and described by the chart in words
 */
GtkWidget *
repere_survey_chart_view_new (const RepereSurveyQuestion *question)
{
  RepereSurveyChartView *self = g_object_new (REPERE_TYPE_SURVEY_CHART_VIEW, NULL);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (question != NULL, NULL);
  self->question = question;
  /* Translators: accessible name of a survey chart; %s is its theme */
  label = g_strdup_printf (_ ("Chart: %s"), question->theme);
  description = repere_survey_chart_describe (question);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none): the question drawn. */
const RepereSurveyQuestion *
repere_survey_chart_view_get_question (RepereSurveyChartView *self)
{
  return self->question;
}

/* Returns: how many times the chart was drawn, for tests. */
guint
repere_survey_chart_view_get_n_draws (RepereSurveyChartView *self)
{
  return self->n_draws;
}
