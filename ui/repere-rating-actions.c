/* repere-rating-actions.c: the main window's rating actions (issue 10)
 *
 * A group of actions, "rating.*", that the main window inserts: open a
 * job's rating grid, undo and redo for the session (every change to
 * ratings, retained competencies, level counts, consolidation), the history
 * of changes, revert the whole assessment (with a question that says what
 * goes), export rating sheets for chosen jobs, import a filled sheet (with
 * the rater's name asked), and the agreement report. The window hooks
 * itself in with a few lines: it says which assessment and job are shown
 * (repere_rating_actions_set_context()) and reloads its lists on
 * "changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-actions.h"

#include <glib/gi18n.h>

#include "repere-agreement-window.h"
#include "repere-rating-history-window.h"
#include "repere-rating-sheet.h"
#include "repere-rating.h"

struct _RepereRatingActions
{
  GObject parent_instance;

  GtkWindow *window; /* weak */
  RepereDb *db;
  AdwToastOverlay *toasts; /* weak */
  RepereUndoStack *undo;
  GSimpleActionGroup *group;
  char *assessment_id;
  gboolean user;
  char *job_id;
  GPtrArray *grids; /* RepereRatingWindow*, open */
};

G_DEFINE_TYPE (RepereRatingActions, repere_rating_actions, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (RepereRatingActions *self, const char *text, gboolean undoable)
{
  AdwToast *toast;

  if (self->toasts == NULL)
    return;
  toast = adw_toast_new (text);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "rating.undo");
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
show_error (RepereRatingActions *self, const char *heading, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (self->window, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (RepereRatingActions *self)
{
  static const char *const user_only[] = { "rate-job",      "history",      "revert-assessment",
                                           "export-sheets", "import-sheet", "agreement" };

  for (guint i = 0; i < G_N_ELEMENTS (user_only); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->group), user_only[i]);
      gboolean enabled
          = self->user && (g_str_equal (user_only[i], "rate-job") ? self->job_id != NULL : TRUE);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
  g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->group), "undo")),
      repere_undo_stack_can_undo (self->undo));
  g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->group), "redo")),
      repere_undo_stack_can_redo (self->undo));
}

/* Something changed in the database: the open grids and the window. */
static void
changed (RepereRatingActions *self)
{
  for (guint i = 0; i < self->grids->len; i++)
    repere_rating_grid_reload (repere_rating_window_get_grid (g_ptr_array_index (self->grids, i)));
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * repere_rating_actions_pushed:
 *
 * Pushes the last change made on the database (by the window's own editors)
 * on the session's undo stack.
 */
void
repere_rating_actions_pushed (RepereRatingActions *self)
{
  repere_undo_stack_push_last (self->undo);
  update_actions (self);
}

/* Undo and redo ------------------------------------------------------------- */

/**
 * repere_rating_actions_undo:
 * @redo: redo instead
 *
 * Undoes (or redoes) the session's last change and says what.
 *
 * Returns: %TRUE when something was undone (redone)
 */
gboolean
repere_rating_actions_undo (RepereRatingActions *self, gboolean redo)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *what = redo ? repere_undo_stack_describe_redo (self->undo)
                               : repere_undo_stack_describe_undo (self->undo);
  gboolean ok = redo ? repere_undo_stack_redo (self->undo, NULL, &error)
                     : repere_undo_stack_undo (self->undo, NULL, &error);

  if (!ok)
    {
      if (error)
        show_error (self, _ ("The change could not be undone"), error);
      return FALSE;
    }
  if (what)
    {
      g_autofree char *message = g_strdup_printf (redo ? _ ("Redone: %s") : _ ("Undone: %s"), what);
      toast (self, message, FALSE);
    }
  changed (self);
  return TRUE;
}

static void
on_undo (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  repere_rating_actions_undo (data, g_str_equal (g_action_get_name (G_ACTION (action)), "redo"));
}

/* The grid ------------------------------------------------------------------ */

static void
on_grid_changed (RepereRatingActions *self)
{
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_grid_destroyed (RepereRatingActions *self, GtkWidget *window)
{
  g_ptr_array_remove (self->grids, window);
}

/**
 * repere_rating_actions_open_grid:
 * @job_id: a job
 *
 * Opens the job's rating grid in the current (user) assessment, or brings
 * its window to the front when it is open.
 *
 * Returns: (transfer none) (nullable): the window
 */
RepereRatingWindow *
repere_rating_actions_open_grid (RepereRatingActions *self, const char *job_id)
{
  g_autoptr (GError) error = NULL;
  RepereRatingWindow *window;

  for (guint i = 0; i < self->grids->len; i++)
    {
      window = g_ptr_array_index (self->grids, i);
      RepereRatingGrid *grid = repere_rating_window_get_grid (window);
      if (g_strcmp0 (repere_rating_grid_get_job (grid), job_id) == 0
          && g_strcmp0 (repere_rating_grid_get_assessment (grid), self->assessment_id) == 0)
        {
          gtk_window_present (GTK_WINDOW (window));
          return window;
        }
    }
  window = repere_rating_window_new (self->window, self->db, self->undo, self->assessment_id,
                                     job_id, &error);
  if (window == NULL)
    {
      show_error (self, _ ("The rating grid cannot open"), error);
      return NULL;
    }
  g_ptr_array_add (self->grids, window);
  g_signal_connect_object (repere_rating_window_get_grid (window), "changed",
                           G_CALLBACK (on_grid_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_grid_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_rate_job (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  RepereRatingActions *self = data;
  if (self->job_id)
    repere_rating_actions_open_grid (self, self->job_id);
}

/* History, agreement --------------------------------------------------------- */

static void
on_history (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  RepereRatingActions *self = data;
  repere_rating_history_window_show (self->window, self->db, self->assessment_id, NULL);
}

static void
on_agreement (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  RepereRatingActions *self = data;
  RepereAgreementWindow *window
      = repere_agreement_window_show (self->window, self->db, self->undo, self->assessment_id);
  g_signal_connect_object (window, "consolidated", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
}

/* Revert --------------------------------------------------------------------- */

static void
on_revert_response (AdwMessageDialog *dialog, const char *response, RepereRatingActions *self)
{
  const char *job_id = g_object_get_data (G_OBJECT (dialog), "job-id");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "revert") != 0)
    return;
  if (!repere_rating_revert (self->db, self->assessment_id, job_id, &error))
    {
      show_error (self, _ ("The assessment could not be reverted"), error);
      return;
    }
  repere_undo_stack_push_last (self->undo);
  toast (self,
         job_id ? _ ("Back to the published values")
                : _ ("The whole assessment is back to the published values"),
         TRUE);
  changed (self);
}

/**
 * repere_rating_actions_ask_revert:
 * @job_id: (nullable): a job, or %NULL for the whole assessment
 *
 * Asks whether to revert, saying what goes (how many ratings by how many
 * raters, competencies not retained, level counts, applied drafts); the
 * "revert" response reverts, as one change the session can undo.
 *
 * Returns: (transfer none) (nullable): the question, presented
 */
AdwMessageDialog *
repere_rating_actions_ask_revert (RepereRatingActions *self, const char *job_id)
{
  RepereRevertSummary summary;
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!repere_rating_revert_summary (self->db, self->assessment_id, job_id, &summary, &error))
    {
      show_error (self, _ ("The assessment could not be reverted"), error);
      return NULL;
    }
  if (job_id)
    {
      g_autoptr (RepereJobDetail) job = repere_db_get_job (self->db, job_id, NULL);
      heading = g_strdup_printf (_ ("Revert “%s” to published?"), job ? job->name : job_id);
    }
  else
    heading = g_strdup (_ ("Revert the Whole Assessment to Published?"));
  body = repere_rating_revert_describe (&summary);
  dialog = adw_message_dialog_new (self->window, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "revert",
                                    _ ("_Revert"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revert",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (
      ADW_MESSAGE_DIALOG (dialog), "revert",
      summary.ratings + summary.counts + summary.exclusions + summary.applied > 0);
  g_object_set_data_full (G_OBJECT (dialog), "job-id", g_strdup (job_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revert_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_revert_assessment (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  repere_rating_actions_ask_revert (data, NULL);
}

/* Export --------------------------------------------------------------------- */

typedef struct
{
  RepereRatingActions *self;
  GPtrArray *jobs; /* char* job ids chosen */
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_ptr_array_unref (export->jobs);
  g_free (export);
}

static void
on_export_file (GtkNativeDialog *chooser, int response, Export *export)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      g_ptr_array_add (export->jobs, NULL);
      if (!repere_rating_sheet_export (export->self->db, export->self->assessment_id,
                                       (const char *const *) export->jobs->pdata, NULL, path,
                                       &error))
        show_error (export->self, _ ("The rating sheets could not be written"), error);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_ ("Rating sheets saved as “%s”"), name);
          toast (export->self, message, FALSE);
        }
    }
  export_free (export);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_chosen (AdwMessageDialog *dialog, const char *response, RepereRatingActions *self)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "jobs");
  Export *export;
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();

  if (g_strcmp0 (response, "export") != 0)
    return;
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->jobs = g_ptr_array_new_with_free_func (g_free);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");
      if (check && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_ptr_array_add (export->jobs, g_strdup (g_object_get_data (G_OBJECT (row), "job-id")));
    }
  chooser
      = gtk_file_chooser_native_new (_ ("Export Rating Sheets"), self->window,
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_filter_set_name (xlsx,
                            _ ("Spreadsheet (XLSX): one sheet per job, for LibreOffice or Excel"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_set_name (csv, _ ("CSV: one line per competency"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  /* TRANSLATORS: default file name of exported rating sheets */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("rating-sheets.xlsx"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_toggled (AdwMessageDialog *dialog)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "jobs");
  gboolean any = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row && !any;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");
      any = check && gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
    }
  adw_message_dialog_set_response_enabled (dialog, "export", any);
}

/**
 * repere_rating_actions_choose_export:
 *
 * Asks which jobs' sheets to export (the shown job checked first), then
 * for the file (XLSX or CSV).
 *
 * Returns: (transfer none): the question, presented
 */
AdwMessageDialog *
repere_rating_actions_choose_export (RepereRatingActions *self)
{
  RepereJobFilter filter
      = { self->assessment_id, NULL, NULL, FALSE, NULL, REPERE_SORT_FAMILY, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) jobs = repere_db_list_jobs (self->db, &filter, &error);
  GtkWidget *dialog = adw_message_dialog_new (
      self->window, _ ("Export Rating Sheets"),
      _ ("Choose the jobs. Each rater fills the sheets in LibreOffice or Excel (a level from a "
         "list for each "
         "competency) and sends them back; import each filled file as that rater’s levels."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Jobs to export"), -1);
  for (guint i = 0; jobs && i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), repere_job_get_name (job));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), repere_job_get_family_name (job));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      repere_job_get_name (job), -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strcmp0 (repere_job_get_id (job), self->job_id) == 0);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data_full (G_OBJECT (row), "job-id", g_strdup (repere_job_get_id (job)), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_export_toggled), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "export",
                                    _ ("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_object_set_data (G_OBJECT (dialog), "jobs", list);
  on_export_toggled (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_export_sheets (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  repere_rating_actions_choose_export (data);
}

/* Import --------------------------------------------------------------------- */

static void
on_import_response (AdwMessageDialog *dialog, const char *response, RepereRatingActions *self)
{
  RepereSheetImport *import = g_object_get_data (G_OBJECT (dialog), "import");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "rater");
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "import") != 0)
    return;
  if (!repere_sheet_import_set_rater (import, gtk_editable_get_text (entry), &error)
      || !repere_rating_sheet_apply (self->db, import, &error))
    {
      show_error (self, _ ("The rating sheet could not be imported"), error);
      return;
    }
  repere_undo_stack_push_last (self->undo);
  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u level of %s imported", "%u levels of %s imported",
                   repere_sheet_import_get_n_ratings (import)),
      repere_sheet_import_get_n_ratings (import), repere_sheet_import_get_rater (import));
  toast (self, message, TRUE);
  changed (self);
}

static void
on_rater_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  adw_message_dialog_set_response_enabled (dialog, "import", *name != '\0');
}

/**
 * repere_rating_actions_import_sheet:
 * @path: a filled rating sheet (XLSX, ODS or CSV)
 *
 * Reads and checks the file; on an error says it (file, sheet, row,
 * column) and imports nothing; else asks for the rater's name (the one the
 * file gives, to confirm) and shows what will be imported and what not.
 *
 * Returns: (transfer none) (nullable): the question or the error, presented
 */
AdwMessageDialog *
repere_rating_actions_import_sheet (RepereRatingActions *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  RepereSheetImport *import
      = repere_rating_sheet_read (self->db, self->assessment_id, path, NULL, &error);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *name = g_path_get_basename (path);
  GtkWidget *dialog, *box, *entry;
  GPtrArray *notes;
  gboolean named = TRUE;

  if (import == NULL
      && g_error_matches (error, REPERE_RATING_SHEET_ERROR, REPERE_RATING_SHEET_ERROR_NO_RATER))
    {
      /* The file names nobody: the name is asked below. */
      g_clear_error (&error);
      import = repere_rating_sheet_read (self->db, self->assessment_id, path, "?", &error);
      named = FALSE;
    }
  if (import == NULL)
    {
      GtkWidget *failure = adw_message_dialog_new (
          self->window, _ ("This Rating Sheet Cannot Be Imported"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failure), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (failure));
      return ADW_MESSAGE_DIALOG (failure);
    }
  g_string_append_printf (
      body,
      g_dngettext (GETTEXT_PACKAGE, "%s (%s): %u level for %u job.",
                   "%s (%s): %u levels for %u jobs.", repere_sheet_import_get_n_ratings (import)),
      name, repere_sheet_import_get_format (import), repere_sheet_import_get_n_ratings (import),
      repere_sheet_import_get_n_jobs (import));
  notes = repere_sheet_import_get_notes (import);
  for (guint i = 0; i < notes->len && i < 8; i++)
    g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (notes, i));
  if (notes->len > 8)
    g_string_append_printf (body, "\n• …");
  g_string_append (body, "\n");
  g_string_append (
      body, _ ("The levels are recorded as this rater’s; a blank level leaves the rater’s earlier "
               "one as it was."));
  dialog = adw_message_dialog_new (self->window, _ ("Import the Rating Sheet?"), body->str);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), named ? repere_sheet_import_get_rater (import) : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Rater’s name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Rater’s name"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "import",
                                    _ ("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  g_object_set_data_full (G_OBJECT (dialog), "import", import,
                          (GDestroyNotify) repere_sheet_import_free);
  g_object_set_data (G_OBJECT (dialog), "rater", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rater_changed), dialog);
  on_rater_changed (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_import_file (GtkNativeDialog *chooser, int response, RepereRatingActions *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    repere_rating_actions_import_sheet (self, path);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_import_sheet (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  RepereRatingActions *self = data;
  GtkFileChooserNative *chooser
      = gtk_file_chooser_native_new (_ ("Import a Rating Sheet"), self->window,
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) sheets = gtk_file_filter_new ();

  gtk_file_filter_set_name (sheets, _ ("Rating sheets (XLSX, ODS, CSV)"));
  gtk_file_filter_add_suffix (sheets, "xlsx");
  gtk_file_filter_add_suffix (sheets, "ods");
  gtk_file_filter_add_suffix (sheets, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sheets);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_file), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The object ----------------------------------------------------------------- */

static void
repere_rating_actions_dispose (GObject *object)
{
  RepereRatingActions *self = REPERE_RATING_ACTIONS (object);

  g_clear_object (&self->db);
  g_clear_object (&self->undo);
  g_clear_object (&self->group);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->toasts);
  G_OBJECT_CLASS (repere_rating_actions_parent_class)->dispose (object);
}

static void
repere_rating_actions_finalize (GObject *object)
{
  RepereRatingActions *self = REPERE_RATING_ACTIONS (object);

  g_free (self->assessment_id);
  g_free (self->job_id);
  g_ptr_array_unref (self->grids);
  G_OBJECT_CLASS (repere_rating_actions_parent_class)->finalize (object);
}

static void
repere_rating_actions_class_init (RepereRatingActionsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = repere_rating_actions_dispose;
  G_OBJECT_CLASS (klass)->finalize = repere_rating_actions_finalize;

  /**
   * RepereRatingActions::changed:
   *
   * Ratings, level counts or the consolidation changed (undo, redo, a grid,
   * an import, a revert): the window's lists show new scores.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
repere_rating_actions_init (RepereRatingActions *self)
{
  self->grids = g_ptr_array_new ();
}

/**
 * repere_rating_actions_new:
 * @window: (transfer none): the main window; the "rating" action group is
 *   inserted in it
 * @db: (transfer none): the database
 * @toasts: (transfer none) (nullable): where to say what was done
 *
 * Returns: (transfer full): the actions, all disabled until
 *   repere_rating_actions_set_context() names a user assessment
 */
RepereRatingActions *
repere_rating_actions_new (GtkWindow *window, RepereDb *db, AdwToastOverlay *toasts)
{
  const GActionEntry entries[] = {
    { "undo", on_undo, NULL, NULL, NULL, { 0 } },
    { "redo", on_undo, NULL, NULL, NULL, { 0 } },
    { "rate-job", on_rate_job, NULL, NULL, NULL, { 0 } },
    { "history", on_history, NULL, NULL, NULL, { 0 } },
    { "revert-assessment", on_revert_assessment, NULL, NULL, NULL, { 0 } },
    { "export-sheets", on_export_sheets, NULL, NULL, NULL, { 0 } },
    { "import-sheet", on_import_sheet, NULL, NULL, NULL, { 0 } },
    { "agreement", on_agreement, NULL, NULL, NULL, { 0 } },
  };
  RepereRatingActions *self = g_object_new (REPERE_TYPE_RATING_ACTIONS, NULL);

  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->toasts, toasts);
  self->db = g_object_ref (db);
  self->undo = repere_undo_stack_new (db);
  self->group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->group), entries, G_N_ELEMENTS (entries),
                                   self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "rating", G_ACTION_GROUP (self->group));
  update_actions (self);
  return self;
}

/**
 * repere_rating_actions_set_context:
 * @assessment_id: the assessment the window shows
 * @user: whether it is a user assessment (the study's are read-only)
 * @job_id: (nullable): the job shown
 */
void
repere_rating_actions_set_context (RepereRatingActions *self, const char *assessment_id,
                                   gboolean user, const char *job_id)
{
  g_free (self->assessment_id);
  self->assessment_id = g_strdup (assessment_id);
  g_free (self->job_id);
  self->job_id = g_strdup (job_id);
  self->user = user;
  update_actions (self);
}

/**
 * repere_rating_actions_get_undo:
 *
 * Returns: (transfer none): the session's undo stack
 */
RepereUndoStack *
repere_rating_actions_get_undo (RepereRatingActions *self)
{
  return self->undo;
}
