/* repere-chart-view.c: a RepereChart in a scrolled window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-chart-view.h"

#include <math.h>

struct _RepereChartView
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkDrawingArea *area;
  RepereChart *chart;
  int measured_width; /* width the content height was computed for, -1 none */
  guint n_draws;
};

G_DEFINE_TYPE (RepereChartView, repere_chart_view, GTK_TYPE_WIDGET)

/**
 * repere_chart_view_get_style:
 * @style: (out caller-allocates): the style the view draws with
 *
 * Light or dark as libadwaita's style manager says, the body size of the
 * widget's font in pixels (GTK lays text out at 96 dpi).
 */
void
repere_chart_view_get_style (RepereChartView *self, RepereRenderStyle *style)
{
  repere_widget_get_render_style (GTK_WIDGET (self), style);
}

/**
 * repere_widget_get_render_style:
 * @widget: the widget that draws
 * @style: (out caller-allocates): the style to draw with
 *
 * What repere_chart_view_get_style() gives, for any widget drawing with
 * render/: light or dark as libadwaita says, the body size of @widget's
 * font in pixels.
 */
void
repere_widget_get_render_style (GtkWidget *widget, RepereRenderStyle *style)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = 14;

  if (font && pango_font_description_get_size (font) > 0)
    {
      size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        size *= 96.0 / 72.0;
    }
  repere_render_style_init (style, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                            CLAMP (size, 9, 32));
}

static void
update_height (RepereChartView *self, int width)
{
  RepereRenderStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  if (self->chart == NULL || width <= 0)
    {
      gtk_drawing_area_set_content_height (self->area, 0);
      return;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  repere_chart_view_get_style (self, &style);
  height = repere_chart_get_height (self->chart, cr, &style, width);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  self->measured_width = width;
  gtk_drawing_area_set_content_height (self->area, (int) ceil (height));
}

static void
on_resize (GtkDrawingArea *area, int width, int height, RepereChartView *self)
{
  if (width != self->measured_width)
    update_height (self, width);
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  RepereChartView *self = REPERE_CHART_VIEW (user_data);
  RepereRenderStyle style;

  if (self->chart == NULL)
    return;
  repere_chart_view_get_style (self, &style);
  repere_chart_draw (self->chart, cr, &style, width, height);
  self->n_draws++;
}

static void
on_dark_changed (RepereChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
repere_chart_view_dispose (GObject *object)
{
  RepereChartView *self = REPERE_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->chart, repere_chart_free);
  G_OBJECT_CLASS (repere_chart_view_parent_class)->dispose (object);
}

static void
repere_chart_view_class_init (RepereChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_chart_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "repere-chart-view");
}

static void
repere_chart_view_init (RepereChartView *self)
{
  self->measured_width = -1;
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->area), TRUE);
  /* The charts are laid out for 480 px and more (render/repere-chart.c). */
  gtk_widget_set_size_request (GTK_WIDGET (self->area), 480, -1);
  gtk_drawing_area_set_draw_func (self->area, draw, self, NULL);
  g_signal_connect (self->area, "resize", G_CALLBACK (on_resize), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->area));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self);
}

/**
 * repere_chart_view_new:
 *
 * Returns: (transfer floating): an empty chart view
 */
RepereChartView *
repere_chart_view_new (void)
{
  return g_object_new (REPERE_TYPE_CHART_VIEW, NULL);
}

/**
 * repere_chart_view_set_chart:
 * @chart: (transfer full) (nullable): the chart to show, %NULL for none
 *
 * Shows @chart at the view's width; its natural height sets the scrolled
 * height.
 */
void
repere_chart_view_set_chart (RepereChartView *self, RepereChart *chart)
{
  g_return_if_fail (REPERE_IS_CHART_VIEW (self));

  g_clear_pointer (&self->chart, repere_chart_free);
  self->chart = chart;
  update_height (self, gtk_widget_get_width (GTK_WIDGET (self->area)));
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

/* Returns: (transfer none) (nullable): the chart shown. */
RepereChart *
repere_chart_view_get_chart (RepereChartView *self)
{
  return self->chart;
}

/* Returns: the width the chart is drawn at, in pixels (0 before the view is
 * allocated). */
int
repere_chart_view_get_chart_width (RepereChartView *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self->area));
}

/* Returns: how many times the chart was drawn, for tests. */
guint
repere_chart_view_get_n_draws (RepereChartView *self)
{
  return self->n_draws;
}
