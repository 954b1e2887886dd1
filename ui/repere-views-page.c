/* repere-views-page.c: the study's charts for the browser's filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-views-page.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>

#include "repere-passerelle-chart.h"
#include "repere-print-ui.h"

struct _RepereViewsPage
{
  GtkWidget parent_instance;

  RepereDb *db;
  RepereChartKind kind;
  /* The browser's filter, copied. */
  char *assessment;
  char *family;
  char *classification;
  gboolean core_only;
  char *search;
  RepereJobFilter filter;
  char *compare;            /* chosen by the user, NULL: the default */
  GPtrArray *assessments;   /* RepereRef */
  gboolean dirty;           /* the chart waits for the page to be shown */
  gboolean assessments_stale; /* so does the list of assessments (issue 13: not read per key press) */

  GtkWidget *box;
  GtkToggleButton *kind_buttons[REPERE_CHART_N_ALL_KINDS];
  GtkRevealer *compare_revealer;
  GtkDropDown *compare_dropdown;
  GtkLabel *error_label;
  AdwToastOverlay *toasts;
  RepereChartView *view;
};

G_DEFINE_TYPE (RepereViewsPage, repere_views_page, GTK_TYPE_WIDGET)

/* Short labels of the kind buttons; the chart titles give the full names. */
static const char *const kind_labels[REPERE_CHART_N_ALL_KINDS] = {
  N_("Ranking"), N_("Classes"), N_("Exposure"), N_("Evolution"), N_("Families"),
  /* issue 11 */
  N_("Shared"), N_("Passerelles"),
};

static GtkWindow *
parent_window (RepereViewsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
rebuild (RepereViewsPage *self)
{
  g_autoptr (GError) error = NULL;
  RepereChart *chart;

  if (self->db == NULL)
    return;
  /* Typing a search on the jobs page does not redraw a hidden chart. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  chart = repere_chart_new (self->db, self->kind, &self->filter, self->compare, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), chart == NULL);
  if (chart == NULL)
    gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->compare_revealer, self->kind == REPERE_CHART_EVOLUTION);

  /* Show the assessment compared with, also when it is the default one. */
  if (chart && repere_chart_get_other_assessment (chart) && self->assessments)
    for (guint i = 0; i < self->assessments->len; i++)
      if (g_strcmp0 (((RepereRef *) g_ptr_array_index (self->assessments, i))->id,
                     repere_chart_get_other_assessment (chart))
          == 0)
        {
          g_signal_handlers_block_matched (self->compare_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          gtk_drop_down_set_selected (self->compare_dropdown, i);
          g_signal_handlers_unblock_matched (self->compare_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
        }
  repere_chart_view_set_chart (self->view, chart);
  /* Issue 11: the branch views say their values in words. */
  if (chart && repere_chart_get_branch (chart))
    {
      g_autofree char *description = repere_passerelle_chart_describe (chart);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      repere_chart_get_title (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
load_assessments (RepereViewsPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) assessments = repere_db_list_assessments (self->db, &error);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  if (assessments == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (self->assessments && self->assessments->len == assessments->len)
    {
      gboolean same = TRUE;
      for (guint i = 0; i < assessments->len && same; i++)
        same = g_strcmp0 (((RepereRef *) g_ptr_array_index (assessments, i))->id,
                          ((RepereRef *) g_ptr_array_index (self->assessments, i))->id)
               == 0;
      if (same)
        return;
    }
  for (guint i = 0; i < assessments->len; i++)
    gtk_string_list_append (names, ((RepereRef *) g_ptr_array_index (assessments, i))->name);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  self->assessments = g_steal_pointer (&assessments);
  g_signal_handlers_block_matched (self->compare_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (names));
  g_signal_handlers_unblock_matched (self->compare_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
on_kind_toggled (GtkToggleButton *button, RepereViewsPage *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint k = 0; k < REPERE_CHART_N_ALL_KINDS; k++)
    if (self->kind_buttons[k] == button && self->kind != (RepereChartKind) k)
      {
        self->kind = k;
        rebuild (self);
      }
}

static void
on_compare_changed (RepereViewsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->compare_dropdown);

  if (self->assessments == NULL || i >= self->assessments->len)
    return;
  repere_views_page_set_compare (self, ((RepereRef *) g_ptr_array_index (self->assessments, i))->id);
}

/**
 * repere_views_page_export:
 * @path: the file to write, .png (at twice the view's width) or .svg
 *   (.pdf works too)
 * @error: #RepereChartError naming the file
 *
 * Writes the chart shown at the view's width (480 px at least) on a light
 * background, for reports and slides.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_views_page_export (RepereViewsPage *self, const char *path, GError **error)
{
  RepereChart *chart = repere_chart_view_get_chart (self->view);
  RepereRenderStyle style;

  if (chart == NULL)
    {
      g_set_error (error, REPERE_CHART_ERROR, REPERE_CHART_ERROR_WRITE, _("Nothing to export to “%s”"), path);
      return FALSE;
    }
  repere_chart_view_get_style (self->view, &style);
  repere_render_style_init (&style, FALSE, style.font_size);
  return repere_chart_export (chart, path, &style, MAX (repere_chart_view_get_chart_width (self->view), 480), error);
}

/**
 * repere_views_page_print_to_pdf:
 * @path: the PDF file to write
 * @error: #RepereDbError, or GTK's print error
 *
 * What "Print…" sends to the printer, through the same print operation,
 * written by GTK to @path without the dialog (A4 portrait): for tests and
 * scripts.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_views_page_print_to_pdf (RepereViewsPage *self, const char *path, GError **error)
{
  g_return_val_if_fail (self->db != NULL, FALSE);
  return repere_print_ui_export_chart_with_gtk (parent_window (self), self->db, self->kind, &self->filter,
                                                self->compare, path, error);
}

static void
on_export_response (GtkNativeDialog *dialog, int response, RepereViewsPage *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (repere_views_page_export (self, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Exported to %s"), name);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
    }
  else
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                   _("Export failed"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

static void
export_as (RepereViewsPage *self, const char *extension, const char *mime, const char *format_name)
{
  RepereChart *chart = repere_chart_view_get_chart (self->view);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (chart == NULL)
    return;
  name = g_strdup_printf ("%s-%s.%s", repere_chart_kind_id (repere_chart_get_kind (chart)),
                          repere_chart_get_assessment (chart), extension);
  dialog = gtk_file_chooser_native_new (_("Export View"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, format_name);
  gtk_file_filter_add_mime_type (filter, mime);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_png (RepereViewsPage *self)
{
  export_as (self, "png", "image/png", _("PNG image"));
}

static void
on_export_svg (RepereViewsPage *self)
{
  export_as (self, "svg", "image/svg+xml", _("SVG image"));
}

/* Print, PDF and CSV: from the database again, with the view's kind,
 * filter and compared assessment (render/repere-print.c,
 * render/repere-chart-csv.c), as `repere-cli print|export --chart`. */
static void
on_print (RepereViewsPage *self)
{
  if (self->db)
    repere_print_ui_print_chart (parent_window (self), self->db, self->kind, &self->filter, self->compare);
}

static void
on_export_pdf (RepereViewsPage *self)
{
  if (self->db)
    repere_print_ui_export_chart_pdf (parent_window (self), self->toasts, self->db, self->kind, &self->filter,
                                      self->compare);
}

static void
on_export_csv (RepereViewsPage *self)
{
  if (self->db)
    repere_print_ui_export_chart_csv (parent_window (self), self->toasts, self->db, self->kind, &self->filter,
                                      self->compare);
}

static GtkWidget *
export_button (const char *label, const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "document-save-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
repere_views_page_map (GtkWidget *widget)
{
  RepereViewsPage *self = REPERE_VIEWS_PAGE (widget);

  GTK_WIDGET_CLASS (repere_views_page_parent_class)->map (widget);
  if (self->assessments_stale && self->db)
    load_assessments (self);
  self->assessments_stale = FALSE;
  if (self->dirty)
    rebuild (self);
}

static void
repere_views_page_dispose (GObject *object)
{
  RepereViewsPage *self = REPERE_VIEWS_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (repere_views_page_parent_class)->dispose (object);
}

static void
repere_views_page_finalize (GObject *object)
{
  RepereViewsPage *self = REPERE_VIEWS_PAGE (object);

  g_clear_object (&self->db);
  g_free (self->assessment);
  g_free (self->family);
  g_free (self->classification);
  g_free (self->search);
  g_free (self->compare);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_views_page_parent_class)->finalize (object);
}

static void
repere_views_page_class_init (RepereViewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_views_page_dispose;
  object_class->finalize = repere_views_page_finalize;
  widget_class->map = repere_views_page_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "repere-views-page");
}

static void
repere_views_page_init (RepereViewsPage *self)
{
  /* Issue 13: the chart kinds and the exports on two lines when narrow (800 px). */
  GtkWidget *bar = gtk_flow_box_new ();
  GtkWidget *kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *exports = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *compare_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *compare_label = gtk_label_new (_("Compared with"));
  GtkWidget *png = export_button (_("PNG"), _("Export the view as a PNG image"));
  GtkWidget *svg = export_button (_("SVG"), _("Export the view as an SVG image"));
  GtkWidget *pdf = export_button (_("PDF…"), _("Export the view as PDF pages, as printed"));
  GtkWidget *csv = export_button (_("CSV…"), _("Export the table behind the view for a spreadsheet"));
  GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");

  repere_a11y_set_label (print, _("Print the view"));

  self->kind = REPERE_CHART_RANKING;
  self->filter.sort = REPERE_SORT_RANK;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (kinds, "linked");
  for (guint k = 0; k < REPERE_CHART_N_ALL_KINDS; k++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(kind_labels[k]));
      gtk_widget_set_tooltip_text (button, repere_chart_kind_name (k));
      if (k > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->kind_buttons[0]);
      self->kind_buttons[k] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (kinds), button);
    }
  gtk_toggle_button_set_active (self->kind_buttons[REPERE_CHART_RANKING], TRUE);
  for (guint k = 0; k < REPERE_CHART_N_ALL_KINDS; k++)
    g_signal_connect (self->kind_buttons[k], "toggled", G_CALLBACK (on_kind_toggled), self);

  gtk_widget_set_hexpand (exports, TRUE);
  gtk_widget_set_halign (exports, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (exports), png);
  gtk_box_append (GTK_BOX (exports), svg);
  gtk_box_append (GTK_BOX (exports), pdf);
  gtk_box_append (GTK_BOX (exports), csv);
  gtk_box_append (GTK_BOX (exports), print);
  gtk_widget_set_tooltip_text (print, _("Print the view…"));
  gtk_widget_set_name (print, "print-view");
  gtk_widget_set_name (pdf, "export-pdf");
  gtk_widget_set_name (csv, "export-csv");
  g_signal_connect_swapped (png, "clicked", G_CALLBACK (on_export_png), self);
  g_signal_connect_swapped (svg, "clicked", G_CALLBACK (on_export_svg), self);
  g_signal_connect_swapped (pdf, "clicked", G_CALLBACK (on_export_pdf), self);
  g_signal_connect_swapped (csv, "clicked", G_CALLBACK (on_export_csv), self);
  g_signal_connect_swapped (print, "clicked", G_CALLBACK (on_print), self);

  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (bar), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (bar), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (bar), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (bar), 6);
  gtk_flow_box_append (GTK_FLOW_BOX (bar), kinds);
  gtk_flow_box_append (GTK_FLOW_BOX (bar), exports);
  /* GTK 4.8 reads the flow box as a table named "GtkFlowBox". */
  repere_a11y_set_label (bar, _("Chart kinds and exports"));
  /* The buttons take the focus, not their cells. */
  gtk_widget_set_focusable (gtk_widget_get_parent (kinds), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (exports), FALSE);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->compare_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_dropdown),
                               _("The assessment whose scores and ranks the evolution starts from"));
  g_signal_connect_swapped (self->compare_dropdown, "notify::selected", G_CALLBACK (on_compare_changed), self);
  repere_a11y_label_control (GTK_WIDGET (self->compare_dropdown), _("Compared with"));
  gtk_widget_set_margin_start (compare_box, 6);
  gtk_widget_set_margin_bottom (compare_box, 6);
  gtk_box_append (GTK_BOX (compare_box), compare_label);
  gtk_box_append (GTK_BOX (compare_box), GTK_WIDGET (self->compare_dropdown));
  self->compare_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->compare_revealer, compare_box);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->compare_revealer));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->error_label));

  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->view = repere_chart_view_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->toasts));
}

/**
 * repere_views_page_new:
 *
 * Returns: (transfer floating): a views page; give it a database with
 *   repere_views_page_set_db()
 */
RepereViewsPage *
repere_views_page_new (void)
{
  return g_object_new (REPERE_TYPE_VIEWS_PAGE, NULL);
}

/**
 * repere_views_page_set_db:
 * @db: (transfer none): the database the charts are drawn from
 *
 * Shows the current view for %REPERE_DEFAULT_ASSESSMENT until
 * repere_views_page_set_filter() gives the browser's filter.
 */
void
repere_views_page_set_db (RepereViewsPage *self, RepereDb *db)
{
  g_return_if_fail (REPERE_IS_VIEWS_PAGE (self));

  g_set_object (&self->db, db);
  load_assessments (self);
  rebuild (self);
}

static void
replace (char **field, const char *value)
{
  char *copy = g_strdup (value);
  g_free (*field);
  *field = copy;
}

/**
 * repere_views_page_set_filter:
 * @filter: the job browser's filter (copied); called whenever the browser's
 *   assessment, filters or search change, or a re-rating changes the scores
 *
 * Redraws the view for @filter.
 */
void
repere_views_page_set_filter (RepereViewsPage *self, const RepereJobFilter *filter)
{
  g_return_if_fail (REPERE_IS_VIEWS_PAGE (self));

  replace (&self->assessment, filter->assessment);
  replace (&self->family, filter->family);
  replace (&self->classification, filter->classification);
  replace (&self->search, filter->search);
  self->core_only = filter->core_only;
  self->filter.assessment = self->assessment;
  self->filter.family = self->family;
  self->filter.classification = self->classification;
  self->filter.core_only = self->core_only;
  self->filter.search = self->search;
  self->filter.sort = filter->sort;
  self->filter.descending = filter->descending;
  /* Comparing an assessment with itself says nothing: back to the default. */
  if (g_strcmp0 (self->compare, self->assessment ? self->assessment : REPERE_DEFAULT_ASSESSMENT) == 0)
    g_clear_pointer (&self->compare, g_free);
  /* Issue 13: a search typed on the jobs page reads nothing for a hidden
   * page: the assessments are read again, and the chart drawn, when shown. */
  if (self->db && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->assessments_stale = TRUE;
      self->dirty = TRUE;
      return;
    }
  if (self->db)
    load_assessments (self);
  rebuild (self);
}

/**
 * repere_views_page_set_kind:
 * @kind: the view to show
 */
void
repere_views_page_set_kind (RepereViewsPage *self, RepereChartKind kind)
{
  g_return_if_fail ((guint) kind < REPERE_CHART_N_ALL_KINDS);
  gtk_toggle_button_set_active (self->kind_buttons[kind], TRUE);
}

RepereChartKind
repere_views_page_get_kind (RepereViewsPage *self)
{
  return self->kind;
}

/**
 * repere_views_page_get_compare:
 *
 * Returns: (transfer none) (nullable): the assessment the evolution chart
 *   compares with, as chosen; %NULL for the default
 */
const char *
repere_views_page_get_compare (RepereViewsPage *self)
{
  return self->compare;
}

/**
 * repere_views_page_set_compare:
 * @assessment_id: (nullable): the assessment the evolution compares with,
 *   %NULL for the one the shown assessment derives from
 */
void
repere_views_page_set_compare (RepereViewsPage *self, const char *assessment_id)
{
  if (g_strcmp0 (self->compare, assessment_id) == 0)
    return;
  replace (&self->compare, assessment_id);
  if (self->kind == REPERE_CHART_EVOLUTION)
    rebuild (self);
}

/* Returns: (transfer none): the view drawing the chart. */
RepereChartView *
repere_views_page_get_chart_view (RepereViewsPage *self)
{
  return self->view;
}
