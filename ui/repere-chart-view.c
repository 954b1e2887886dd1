/* repere-chart-view.c: a RepereChart in a scrolled window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-chart-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "repere-a11y.h"

struct _RepereChartView
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkDrawingArea *area;
  RepereChart *chart;
  int measured_width; /* width the content height was computed for, -1 none */
  guint n_draws;
  /* Issue 13: the chart's marks for the keyboard, tooltips and screen
   * readers; the list of their values under the chart. */
  GPtrArray *marks;  /* RepereChartMark at measured_width */
  int focus_mark;    /* index in marks, -1 none */
  GtkWidget *values_box;       /* boxed list holding the expander */
  AdwExpanderRow *values_expander;
  GPtrArray *value_rows;       /* AdwActionRow in values_expander */
};

enum
{
  SIGNAL_JOB_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
activate_row (RepereChartView *self, int row)
{
  const RepereChartRow *r;

  if (self->chart == NULL || row < 0 || (guint) row >= repere_chart_get_n_rows (self->chart))
    return;
  r = repere_chart_get_row (self->chart, row);
  g_signal_emit (self, signals[SIGNAL_JOB_ACTIVATED], 0, r->job_id);
}

static void
on_value_activated (AdwActionRow *row, RepereChartView *self)
{
  activate_row (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "chart-row")));
}

/* The list of the marks' values, under the chart: a screen reader reads it,
 * the keyboard walks it, a row opens its job. */
static void
fill_values (RepereChartView *self)
{
  for (guint i = 0; i < self->value_rows->len; i++)
    adw_expander_row_remove (self->values_expander, g_ptr_array_index (self->value_rows, i));
  g_ptr_array_set_size (self->value_rows, 0);
  for (guint i = 0; self->marks && i < self->marks->len; i++)
    {
      RepereChartMark *mark = g_ptr_array_index (self->marks, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mark->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), mark->row >= 0);
      g_object_set_data (G_OBJECT (row), "chart-row", GINT_TO_POINTER (mark->row));
      /* libadwaita names the row after its title. */
      if (mark->row >= 0)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect (row, "activated", G_CALLBACK (on_value_activated), self);
        }
      adw_expander_row_add_row (self->values_expander, row);
      g_ptr_array_add (self->value_rows, row);
    }
  /* The expander's inner list: a screen reader names it after the values. */
  repere_a11y_name_lists (self->values_box, _("Values of the chart"));
  gtk_widget_set_visible (self->values_box, self->marks && self->marks->len > 0);
}

/* The drawing area's accessible name: the chart's title, then the mark
 * that has the keyboard focus. */
static void
update_accessible (RepereChartView *self)
{
  const char *title = self->chart ? repere_chart_get_title (self->chart) : "";
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->focus_mark >= 0 && self->marks && (guint) self->focus_mark < self->marks->len)
    label = g_strdup_printf (_("Chart: %s — %s"), title,
                             ((RepereChartMark *) g_ptr_array_index (self->marks, self->focus_mark))->text);
  else
    label = g_strdup_printf (_("Chart: %s"), title);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u mark: the arrow keys go from one to the next, Enter opens its "
                                              "job; their values are listed under the chart",
                                              "%u marks: the arrow keys go from one to the next, Enter opens its "
                                              "job; their values are listed under the chart",
                                              self->marks ? self->marks->len : 0),
                                 self->marks ? self->marks->len : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
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
      g_clear_pointer (&self->marks, g_ptr_array_unref);
      self->focus_mark = -1;
      fill_values (self);
      update_accessible (self);
      return;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  repere_chart_view_get_style (self, &style);
  height = repere_chart_get_height (self->chart, cr, &style, width);
  {
    /* The same marks at the new width: keep the focus on the same one. */
    gboolean same = self->marks != NULL;
    GPtrArray *marks = repere_chart_get_marks (self->chart, cr, &style, width);

    if (same && self->marks->len == marks->len)
      for (guint i = 0; same && i < marks->len; i++)
        same = g_strcmp0 (((RepereChartMark *) g_ptr_array_index (marks, i))->text,
                          ((RepereChartMark *) g_ptr_array_index (self->marks, i))->text)
               == 0;
    else
      same = FALSE;
    g_clear_pointer (&self->marks, g_ptr_array_unref);
    self->marks = marks;
    if (!same)
      {
        self->focus_mark = -1;
        fill_values (self);
      }
    update_accessible (self);
  }
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
  /* The mark that has the keyboard focus. */
  if (gtk_widget_has_visible_focus (GTK_WIDGET (area)) && self->marks && self->focus_mark >= 0
      && (guint) self->focus_mark < self->marks->len)
    {
      RepereChartMark *mark = g_ptr_array_index (self->marks, self->focus_mark);
      cairo_save (cr);
      repere_render_set_rgb (cr, style.accent);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, mark->x - 3, mark->y + 1, mark->width + 6, mark->height - 2);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  self->n_draws++;
}

static int
mark_at (RepereChartView *self, double x, double y)
{
  for (guint i = 0; self->marks && i < self->marks->len; i++)
    {
      RepereChartMark *mark = g_ptr_array_index (self->marks, i);
      if (x >= mark->x && x < mark->x + mark->width && y >= mark->y && y < mark->y + mark->height)
        return (int) i;
    }
  return -1;
}

static gboolean
on_query_tooltip (GtkWidget *area, int x, int y, gboolean keyboard, GtkTooltip *tooltip, RepereChartView *self)
{
  int i = keyboard ? self->focus_mark : mark_at (self, x, y);
  RepereChartMark *mark;

  if (i < 0 || self->marks == NULL || (guint) i >= self->marks->len)
    return FALSE;
  mark = g_ptr_array_index (self->marks, i);
  gtk_tooltip_set_text (tooltip, mark->text);
  {
    GdkRectangle rect = { (int) mark->x, (int) mark->y, (int) mark->width, (int) mark->height };
    gtk_tooltip_set_tip_area (tooltip, &rect);
  }
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, RepereChartView *self)
{
  int i = mark_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self->area));
  if (i < 0)
    return;
  self->focus_mark = i;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  activate_row (self, ((RepereChartMark *) g_ptr_array_index (self->marks, i))->row);
}

/* Scrolls so that the focused mark shows. */
static void
show_focus_mark (RepereChartView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  RepereChartMark *mark = g_ptr_array_index (self->marks, self->focus_mark);
  double top = gtk_adjustment_get_value (adj);
  double page = gtk_adjustment_get_page_size (adj);

  if (mark->y < top)
    gtk_adjustment_set_value (adj, mark->y);
  else if (mark->y + mark->height > top + page)
    gtk_adjustment_set_value (adj, mark->y + mark->height - page);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                RepereChartView *self)
{
  int n = self->marks ? (int) self->marks->len : 0;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      self->focus_mark = MIN (self->focus_mark + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      self->focus_mark = MAX (self->focus_mark - 1, 0);
      break;
    case GDK_KEY_Home:
      self->focus_mark = 0;
      break;
    case GDK_KEY_End:
      self->focus_mark = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->focus_mark >= 0 && self->focus_mark < n)
        activate_row (self, ((RepereChartMark *) g_ptr_array_index (self->marks, self->focus_mark))->row);
      return TRUE;
    default:
      return FALSE;
    }
  show_focus_mark (self);
  return TRUE;
}

static void
on_focus_changed (RepereChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
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
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
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

  /**
   * RepereChartView::job-activated:
   * @job_id: the job whose mark was clicked or activated (Enter, Space)
   */
  signals[SIGNAL_JOB_ACTIVATED] = g_signal_new ("job-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
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
  {
    /* Issue 13: the marks take the focus, answer the arrows, Enter and a
     * click, and show a tooltip; their values are listed under the chart. */
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkGesture *click = gtk_gesture_click_new ();
    GtkEventController *focus = gtk_event_controller_focus_new ();

    self->focus_mark = -1;
    gtk_widget_set_focusable (GTK_WIDGET (self->area), TRUE);
    gtk_widget_set_has_tooltip (GTK_WIDGET (self->area), TRUE);
    g_signal_connect (self->area, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), keys);
    g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
    g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
    g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), focus);

    /* As the Consultation page does: an expander row, whose rows stay on
     * the accessibility bus while it is closed. */
    self->value_rows = g_ptr_array_new ();
    self->values_box = gtk_list_box_new ();
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->values_box), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (self->values_box, "boxed-list");
    gtk_widget_set_margin_start (self->values_box, 12);
    gtk_widget_set_margin_end (self->values_box, 12);
    gtk_widget_set_margin_bottom (self->values_box, 12);
    repere_a11y_set_label (self->values_box, _("Values of the chart"));
    self->values_expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->values_expander), _("Values of the chart"));
    adw_expander_row_set_subtitle (self->values_expander, _("Each mark with its figures; a row opens its job"));
    repere_a11y_set_label (GTK_WIDGET (self->values_expander), _("Values of the chart"));
    gtk_list_box_append (GTK_LIST_BOX (self->values_box), GTK_WIDGET (self->values_expander));
    gtk_widget_set_visible (self->values_box, FALSE);
    /* The area fills the height the values leave, so that it is
     * allocated (and measures the chart) even before its content height. */
    gtk_widget_set_vexpand (GTK_WIDGET (self->area), TRUE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->area));
    gtk_box_append (GTK_BOX (box), self->values_box);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);
  }
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

/**
 * repere_chart_view_get_marks:
 *
 * Returns: (transfer none) (nullable) (element-type RepereChartMark): the
 *   chart's marks at the width shown, %NULL before it is allocated
 */
GPtrArray *
repere_chart_view_get_marks (RepereChartView *self)
{
  return self->marks;
}

/* Returns: how many times the chart was drawn, for tests. */
guint
repere_chart_view_get_n_draws (RepereChartView *self)
{
  return self->n_draws;
}
