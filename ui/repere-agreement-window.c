/* repere-agreement-window.c: agreement between an assessment's raters and
 * the consolidation of their levels
 *
 * For every competency each rater's level, the median and the spread,
 * contested ones (levels two or more apart) first; per job and overall the
 * ordinal Krippendorff's alpha; a rule (median, mean rounded, or one
 * rater's levels) that gives the assessment's levels, applied with
 * "Consolidate" (scores, ranks and classes recompute). Prints and exports
 * (PDF, CSV) like the Views page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-agreement-window.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>

#include "repere-agreement-print.h"
#include "repere-print-ui.h"

/* A row of the table: its index in the report. */
#define REPERE_TYPE_AGREEMENT_ROW_ITEM (repere_agreement_row_item_get_type ())
G_DECLARE_FINAL_TYPE (RepereAgreementRowItem, repere_agreement_row_item, REPERE, AGREEMENT_ROW_ITEM,
                      GObject)

struct _RepereAgreementRowItem
{
  GObject parent_instance;
  guint index;
};

G_DEFINE_TYPE (RepereAgreementRowItem, repere_agreement_row_item, G_TYPE_OBJECT)

static void
repere_agreement_row_item_class_init (RepereAgreementRowItemClass *klass)
{
}

static void
repere_agreement_row_item_init (RepereAgreementRowItem *self)
{
}

struct _RepereAgreementWindow
{
  AdwWindow parent_instance;

  RepereDb *db;
  RepereUndoStack *undo;
  char *assessment_id;
  RepereAgreement *report;
  GPtrArray *rules; /* char*: the rules the drop-down offers, as repere_rule_parse() reads them */

  /* template */
  AdwToastOverlay *toasts;
  AdwWindowTitle *window_title;
  GtkLabel *summary_label;
  GtkDropDown *rule_dropdown;
  GtkLabel *rule_label;
  GtkStack *stack;
  GtkListBox *jobs_list;
  GtkColumnView *column_view;
};

G_DEFINE_TYPE (RepereAgreementWindow, repere_agreement_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CONSOLIDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Columns: job, competency, one per rater, median, spread, level. */
enum
{
  COLUMN_JOB = -1,
  COLUMN_COMPETENCY = -2,
  COLUMN_MEDIAN = -3,
  COLUMN_SPREAD = -4,
  COLUMN_LEVEL = -5,
};

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  int column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  /* Levels are single digits: centred under their titles. */
  gtk_label_set_xalign (GTK_LABEL (label),
                        column == COLUMN_JOB || column == COLUMN_COMPETENCY ? 0 : 0.5);
  gtk_label_set_wrap (GTK_LABEL (label), column == COLUMN_JOB || column == COLUMN_COMPETENCY);
  if (column != COLUMN_JOB && column != COLUMN_COMPETENCY)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  int column = GPOINTER_TO_INT (data);
  RepereAgreementWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  RepereAgreementRowItem *row_item = gtk_list_item_get_item (item);
  RepereAgreementRow *row;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  if (self->report == NULL || row_item->index >= self->report->rows->len)
    return;
  row = g_ptr_array_index (self->report->rows, row_item->index);
  switch (column)
    {
    case COLUMN_JOB:
      text = g_strdup (row->job_name);
      break;
    case COLUMN_COMPETENCY:
      text = g_strdup (row->label);
      break;
    case COLUMN_MEDIAN:
      {
        g_autofree char *median = repere_agreement_format_median (row->median);
        g_auto (GStrv) parts = g_strsplit (median, ".", 2);
        /* TRANSLATORS: the decimal separator of printed scores: "," in French */
        text = g_strjoinv (C_ ("decimal separator", "."), parts);
      }
      break;
    case COLUMN_SPREAD:
      text = g_strdup_printf ("%d", row->spread);
      break;
    case COLUMN_LEVEL:
      text = g_strdup_printf ("%d", row->level);
      break;
    default:
      text = column < (int) self->report->raters->len && row->levels[column]
                 ? g_strdup_printf ("%d", row->levels[column])
                 : g_strdup ("—");
    }
  gtk_label_set_text (label, text);
  if (row->contested && (column == COLUMN_SPREAD))
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
add_column (RepereAgreementWindow *self, const char *title, int column, gboolean expand, int width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "window", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

static void
fill_columns (RepereAgreementWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
  add_column (self, _ ("Job"), COLUMN_JOB, FALSE, 150);
  add_column (self, _ ("Competency"), COLUMN_COMPETENCY, TRUE, -1);
  for (guint k = 0; k < self->report->raters->len; k++)
    add_column (self, g_ptr_array_index (self->report->raters, k), (int) k, FALSE, 110);
  add_column (self, _ ("Median"), COLUMN_MEDIAN, FALSE, 80);
  add_column (self, _ ("Spread"), COLUMN_SPREAD, FALSE, 70);
  add_column (self, _ ("Level"), COLUMN_LEVEL, FALSE, 80);
}

static void
fill_rules (RepereAgreementWindow *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  RepereRule rule = { 0 };
  g_autofree char *current = NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->rules, 0);
  g_ptr_array_add (self->rules, g_strdup ("median"));
  gtk_string_list_append (names, _ ("Median (the study’s)"));
  g_ptr_array_add (self->rules, g_strdup ("mean"));
  gtk_string_list_append (names, _ ("Mean rounded"));
  for (guint k = 0; k < self->report->raters->len; k++)
    {
      const char *rater = g_ptr_array_index (self->report->raters, k);
      g_autofree char *label = g_strdup_printf (_ ("Levels of %s"), rater);
      g_ptr_array_add (self->rules, g_strconcat ("rater:", rater, NULL));
      gtk_string_list_append (names, label);
    }
  if (repere_rating_get_rule (self->db, self->assessment_id, &rule, NULL))
    current = repere_rule_to_string (&rule);
  for (guint i = 0; i < self->rules->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->rules, i), current) == 0)
      selected = i;
  gtk_drop_down_set_model (self->rule_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->rule_dropdown, selected);
  {
    g_autofree char *text = repere_rule_describe (&rule);
    g_autofree char *line
        = g_strdup_printf (_ ("In force: %s. With an even number of raters, the median of the "
                              "two middle levels is rounded up."),
                           text);
    gtk_label_set_text (self->rule_label, line);
  }
  repere_rule_clear (&rule);
}

/**
 * repere_agreement_window_reload:
 *
 * Computes the report again (after ratings changed elsewhere).
 */
void
repere_agreement_window_reload (RepereAgreementWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) rows = g_list_store_new (REPERE_TYPE_AGREEMENT_ROW_ITEM);
  g_autofree char *alpha = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  RepereAgreement *report = repere_agreement_compute (self->db, self->assessment_id, NULL, &error);

  if (report == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_clear_pointer (&self->report, repere_agreement_free);
  self->report = report;
  adw_window_title_set_subtitle (self->window_title, report->assessment_name);
  alpha = repere_agreement_format_alpha_text (report->alpha);
  summary = g_strdup_printf (
      g_dngettext (
          GETTEXT_PACKAGE,
          "%u rater · %u competencies rated · %u contested (levels two or more apart) · overall "
          "agreement, Krippendorff’s alpha (ordinal): %s",
          "%u raters · %u competencies rated · %u contested (levels two or more apart) · overall "
          "agreement, Krippendorff’s alpha (ordinal): %s",
          report->raters->len),
      report->raters->len, report->units, report->contested, alpha);
  gtk_label_set_text (self->summary_label, summary);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->jobs_list))) != NULL)
    gtk_list_box_remove (self->jobs_list, child);
  for (guint j = 0; j < report->jobs->len; j++)
    {
      RepereAgreementJob *job = g_ptr_array_index (report->jobs, j);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *job_alpha = repere_agreement_format_alpha_text (job->alpha);
      g_autofree char *subtitle = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "alpha %s · %u competency · %u contested",
                       "alpha %s · %u competencies · %u contested", job->units),
          job_alpha, job->units, job->contested);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), job->job_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->jobs_list, row);
    }
  for (guint i = 0; i < report->rows->len; i++)
    {
      RepereAgreementRowItem *item = g_object_new (REPERE_TYPE_AGREEMENT_ROW_ITEM, NULL);
      item->index = i;
      g_list_store_append (rows, item);
      g_object_unref (item);
    }
  fill_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                    G_LIST_MODEL (g_steal_pointer (&rows)))));
  fill_rules (self);
  gtk_stack_set_visible_child_name (self->stack, report->rows->len ? "report" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.consolidate", report->rows->len > 0);
}

/**
 * repere_agreement_window_consolidate:
 * @rule: the rule that gives the assessment's levels
 *
 * What "Consolidate" does: sets the rule (one change of the history, on
 * the session's undo stack), recomputes the scores, and says so.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_agreement_window_consolidate (RepereAgreementWindow *self, const RepereRule *rule,
                                     GError **error)
{
  g_autofree char *text = repere_rule_describe (rule);
  g_autofree char *message = NULL;

  if (!repere_rating_consolidate (self->db, self->assessment_id, rule, error))
    return FALSE;
  if (self->undo)
    repere_undo_stack_push_last (self->undo);
  repere_agreement_window_reload (self);
  message = g_strdup_printf (_ ("Levels consolidated by %s: scores, ranks and classes recomputed"),
                             text);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
  g_signal_emit (self, signals[SIGNAL_CONSOLIDATED], 0);
  return TRUE;
}

static void
on_consolidate_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereAgreementWindow *self = REPERE_AGREEMENT_WINDOW (widget);
  guint i = gtk_drop_down_get_selected (self->rule_dropdown);
  g_autoptr (GError) error = NULL;
  RepereRule rule = { 0 };

  if (i >= self->rules->len
      || !repere_rule_parse (g_ptr_array_index (self->rules, i), &rule, &error)
      || !repere_agreement_window_consolidate (self, &rule, &error))
    {
      GtkWidget *dialog
          = adw_message_dialog_new (GTK_WINDOW (self), _ ("The levels could not be consolidated"),
                                    error ? error->message : "");
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  repere_rule_clear (&rule);
}

static gboolean
write_csv (const RepereExportOptions *options, const char *path, gpointer data, GError **error)
{
  gsize length;
  g_autofree char *text = repere_agreement_to_csv (data, options, &length);

  return repere_export_text_to_file (text, length, path, error);
}

static void
on_report_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereAgreementWindow *self = REPERE_AGREEMENT_WINDOW (widget);
  /* TRANSLATORS: default file name of the exported consolidation report */
  g_autofree char *pdf_name = g_strdup_printf (_ ("agreement-%s.pdf"), self->assessment_id);
  g_autofree char *csv_name = g_strdup_printf (_ ("agreement-%s.csv"), self->assessment_id);
  g_autoptr (GError) error = NULL;

  if (self->report == NULL)
    return;
  if (g_str_equal (name, "report.print"))
    repere_print_ui_print_document (GTK_WINDOW (self), repere_print_agreement_new (self->report));
  else if (g_str_equal (name, "report.export-pdf"))
    repere_print_ui_export_document_pdf (GTK_WINDOW (self), self->toasts,
                                         repere_print_agreement_new (self->report),
                                         _ ("Export the Report as PDF"), pdf_name);
  else
    {
      /* The CSV is written from a report of its own: the window's may be
       * recomputed while the file chooser is open. */
      RepereAgreement *copy
          = repere_agreement_compute (self->db, self->assessment_id, NULL, &error);
      if (copy)
        repere_print_ui_export_csv_with (GTK_WINDOW (self), self->toasts,
                                         _ ("Export the Report as CSV"), csv_name, write_csv, copy,
                                         (GDestroyNotify) repere_agreement_free);
    }
}

static void
repere_agreement_window_dispose (GObject *object)
{
  RepereAgreementWindow *self = REPERE_AGREEMENT_WINDOW (object);

  g_clear_object (&self->db);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (repere_agreement_window_parent_class)->dispose (object);
}

static void
repere_agreement_window_finalize (GObject *object)
{
  RepereAgreementWindow *self = REPERE_AGREEMENT_WINDOW (object);

  g_free (self->assessment_id);
  g_clear_pointer (&self->report, repere_agreement_free);
  g_ptr_array_unref (self->rules);
  G_OBJECT_CLASS (repere_agreement_window_parent_class)->finalize (object);
}

static void
repere_agreement_window_class_init (RepereAgreementWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_agreement_window_dispose;
  object_class->finalize = repere_agreement_window_finalize;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-agreement-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, rule_label);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, jobs_list);
  gtk_widget_class_bind_template_child (widget_class, RepereAgreementWindow, column_view);
  gtk_widget_class_install_action (widget_class, "report.consolidate", NULL, on_consolidate_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, on_report_action);
  gtk_widget_class_install_action (widget_class, "report.export-pdf", NULL, on_report_action);
  gtk_widget_class_install_action (widget_class, "report.export-csv", NULL, on_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "report.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * RepereAgreementWindow::consolidated:
   *
   * The assessment's levels were consolidated by a new rule: scores moved.
   */
  signals[SIGNAL_CONSOLIDATED]
      = g_signal_new ("consolidated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 0);
}

static void
repere_agreement_window_init (RepereAgreementWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  repere_window_close_on_escape (GTK_WINDOW (self)); /* issue 13 */
  self->rules = g_ptr_array_new_with_free_func (g_free);
}

/**
 * repere_agreement_window_show:
 * @parent: (nullable): the main window
 * @db: (transfer none): the database
 * @undo: (transfer none) (nullable): the session's undo stack
 * @assessment_id: a user assessment
 *
 * Returns: (transfer none): the window, presented
 */
RepereAgreementWindow *
repere_agreement_window_show (GtkWindow *parent, RepereDb *db, RepereUndoStack *undo,
                              const char *assessment_id)
{
  RepereAgreementWindow *self = g_object_new (REPERE_TYPE_AGREEMENT_WINDOW, "transient-for", parent,
                                              "destroy-with-parent", TRUE, NULL);

  self->db = g_object_ref (db);
  self->undo = undo ? g_object_ref (undo) : NULL;
  self->assessment_id = g_strdup (assessment_id);
  repere_agreement_window_reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * repere_agreement_window_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
const RepereAgreement *
repere_agreement_window_get_report (RepereAgreementWindow *self)
{
  return self->report;
}
