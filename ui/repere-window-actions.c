/* repere-window-actions.c: the main window's actions and their shortcuts
 *
 * The "win." actions of the primary menu, the header bar and the keyboard
 * (Ctrl+Z, Ctrl+Shift+Z, Ctrl+P, Alt+1 … Alt+7), kept apart from the job
 * list and its pages in repere-window.c, as GNOME Text Editor keeps its
 * window's actions in editor-window-actions.c. The "rating." actions are
 * ui/repere-rating-actions.c's; the application's ("app.") are
 * ui/repere-application.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "repere-import-dialog.h"
#include "repere-print-ui.h"
#include "repere-score.h"
#include "repere-window-private.h"

/* Importing and exporting the referential and the mapping ------------------ */

static void
on_import_done (const char *message, gpointer user_data)
{
  RepereWindow *self = user_data;
  _repere_window_reload (self);
  _repere_window_toast (self, message, FALSE);
  /* A rollback never leaves the window without a referential (issue 9). */
  repere_window_load_bundled_rome (self);
}

static void
on_import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereWindow *self = REPERE_WINDOW (widget);

  if (g_str_equal (action_name, "win.import-rome"))
    repere_import_rome_choose (GTK_WINDOW (self), self->db, on_import_done, self);
  else if (g_str_equal (action_name, "win.rollback-rome"))
    repere_rome_rollback_choose (GTK_WINDOW (self), self->db, on_import_done, self);
  else if (g_str_equal (action_name, "win.restore-mapping"))
    repere_restore_mapping_choose (GTK_WINDOW (self), self->db, on_import_done, self);
  else if (g_str_equal (action_name, "win.import-mapping"))
    repere_import_mapping_choose (GTK_WINDOW (self), self->db, on_import_done, self);
  else
    repere_export_mapping_choose (GTK_WINDOW (self), self->db, on_import_done, self);
}

/* Undo and redo ------------------------------------------------------------ */

static void
on_undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereWindow *self = REPERE_WINDOW (widget);

  /* The session's undo stack (issue 10): counts, ratings, sheets, reverts;
   * the lists follow at once. */
  if (repere_rating_actions_undo (self->rating, g_str_equal (action_name, "win.redo")))
    {
      g_clear_handle_id (&self->rating_refresh, g_source_remove);
      _repere_window_reload (self);
    }
}

/* A new assessment --------------------------------------------------------- */

static void
on_new_assessment_response (AdwMessageDialog *dialog, const char *response, RepereWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;
  id = repere_assessment_create (self->db, gtk_editable_get_text (entry), _repere_window_current_assessment (self),
                                 &error);
  if (id == NULL)
    {
      _repere_window_show_error (self, error);
      return;
    }
  _repere_window_load_assessments (self, id);
  _repere_window_reload (self);
}

static void
on_new_assessment_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereWindow *self = REPERE_WINDOW (widget);
  guint i = gtk_drop_down_get_selected (self->assessment_dropdown);
  const char *base = i < self->assessments->len ? ((RepereRef *) g_ptr_array_index (self->assessments, i))->name : "";
  g_autofree char *body = g_strdup_printf (_("The new assessment starts as a copy of “%s”. Re-rate jobs in it: "
                                             "the study’s values stay as published."),
                                           base);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Assessment"), body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, e.g. “My company 2026”"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_assessment_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Search, printing and the pages --------------------------------------------- */

static void
on_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereWindow *self = REPERE_WINDOW (widget);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK)), "jobs");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Printing and export (ui/repere-print-ui.c): the list as shown. */
static void
on_print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereWindow *self = REPERE_WINDOW (widget);
  RepereJobFilter filter;
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);

  _repere_window_current_filter (self, &filter);
  if (g_strcmp0 (action_name, "win.print-list") == 0)
    repere_print_ui_print_list (GTK_WINDOW (self), self->db, G_LIST_MODEL (self->filtered), &filter);
  else if (g_strcmp0 (action_name, "win.export-pdf") == 0)
    repere_print_ui_export_pdf (GTK_WINDOW (self), self->toast_overlay, self->db, G_LIST_MODEL (self->filtered),
                                &filter);
  else if (g_strcmp0 (action_name, "win.export-csv") == 0)
    repere_print_ui_export_csv (GTK_WINDOW (self), self->toast_overlay, G_LIST_MODEL (self->filtered));
  else if (job)
    repere_print_ui_print_job (GTK_WINDOW (self), self->db, repere_job_get_id (job));
}


/* Alt+1 … Alt+7: the pages of the view switcher, in order. */
static gboolean
on_switch_page (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RepereWindow *self = REPERE_WINDOW (widget);
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
  g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  guint index = (guint) g_variant_get_int32 (args);
  g_autoptr (AdwViewStackPage) page = NULL;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (pages)))
    return FALSE;
  page = g_list_model_get_item (G_LIST_MODEL (pages), index);
  adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (page));
  return TRUE;
}

/**
 * _repere_window_class_actions_init:
 * @klass: the window's class
 *
 * Installs the window's actions and their shortcuts on @klass; called from
 * repere_window_class_init(). Their enabled state follows the window
 * (win.print-job with the shown job, win.import-rome and win.rollback-rome
 * while the bundled referential loads).
 */
void
_repere_window_class_actions_init (RepereWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, on_search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, on_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, on_undo_action);
  gtk_widget_class_install_action (widget_class, "win.new-assessment", NULL, on_new_assessment_action);
  gtk_widget_class_install_action (widget_class, "win.import-rome", NULL, on_import_action);
  gtk_widget_class_install_action (widget_class, "win.rollback-rome", NULL, on_import_action);
  gtk_widget_class_install_action (widget_class, "win.restore-mapping", NULL, on_import_action);
  gtk_widget_class_install_action (widget_class, "win.import-mapping", NULL, on_import_action);
  gtk_widget_class_install_action (widget_class, "win.export-mapping", NULL, on_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.print-list", NULL, on_print_action);
  gtk_widget_class_install_action (widget_class, "win.print-job", NULL, on_print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, on_print_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, on_print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-list", NULL);
  for (int i = 0; i < 7; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, on_switch_page, "i", i);
}
