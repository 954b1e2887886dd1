/* repere-import-dialog.c: importing ROME data and the job ↔ ROME mapping
 * from the window
 *
 * A ROME import reads and checks a folder of unix_*_vNNN_utf8.csv files on
 * a worker thread (repere_rome_import_prepare()), shows what would change
 * (codes added, removed, retitled; for each mapped job, competencies gained
 * and lost; ratings whose competency goes away, which are kept and flagged),
 * applies it in one transaction on Apply (repere_rome_import_apply()), with
 * a progress bar and Cancel throughout, and ends with a summary. The window
 * is modal meanwhile: the database connection serves one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-import-dialog.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "repere-mapping.h"
#include "repere-rating-history.h"
#include "repere-rome-import.h"

/* Changes listed one by one in the preview before "… and N more". */
#define PREVIEW_ITEMS 12

struct _RepereImportDialog
{
  AdwWindow parent_instance;
  RepereDb *db;
  char *path;
  RepereImportState state;
  RepereRomeImport *import;  /* owned by the main thread between the two steps */
  gboolean busy;             /* a worker thread reads or applies the import */
  gboolean disposed;
  GCancellable *cancellable;
  GString *text;             /* the preview or summary shown, as plain text */

  GtkStack *stack;
  GtkLabel *phase;
  GtkProgressBar *progress;
  GtkLabel *preview;
  GtkLabel *summary;
  GtkButton *apply;
  GtkButton *cancel;
};

G_DEFINE_TYPE (RepereImportDialog, repere_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
repere_import_dialog_dispose (GObject *object)
{
  RepereImportDialog *self = REPERE_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  /* The import's staging tables are on the window's connection: they are
   * dropped now, on the main thread, when the dialog closes, not when it is
   * finalized, whenever its last reference goes (a progress idle still
   * queued), possibly while the next import's worker reads on that
   * connection: the DROP then failed on "database table is locked", the
   * tables stayed, and the next import failed to stage (issue 9). While a
   * worker still uses the import, its callback frees it. */
  if (!self->busy)
    g_clear_pointer (&self->import, repere_rome_import_free);
  G_OBJECT_CLASS (repere_import_dialog_parent_class)->dispose (object);
}

static void
repere_import_dialog_finalize (GObject *object)
{
  RepereImportDialog *self = REPERE_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, repere_rome_import_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_free (self->path);
  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (repere_import_dialog_parent_class)->finalize (object);
}

static void
repere_import_dialog_class_init (RepereImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = repere_import_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = repere_import_dialog_finalize;

  /**
   * RepereImportDialog::imported:
   * @message: a one-line summary
   *
   * The ROME import was applied: the database changed.
   */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                           NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
text_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Copyable with the mouse, not a Tab stop selecting its text (issue 13);
   * out of the focus chain, where GTK 4.8 would let it claim the Tab (see
   * label_new() in repere-job-page.c). */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_start (child, 18);
  gtk_widget_set_margin_end (child, 18);
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  return scroller;
}

static void
on_cancel_clicked (RepereImportDialog *self)
{
  repere_import_dialog_cancel (self);
}

static void
on_apply_clicked (RepereImportDialog *self)
{
  repere_import_dialog_apply (self);
}

static void
repere_import_dialog_init (RepereImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  repere_window_close_on_escape (GTK_WINDOW (self)); /* issue 13 */

  self->text = g_string_new (NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Import ROME data"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->phase = GTK_LABEL (text_label (NULL));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (progress_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (progress_box, 24);
  gtk_widget_set_margin_end (progress_box, 24);
  gtk_box_append (GTK_BOX (progress_box), GTK_WIDGET (self->phase));
  gtk_box_append (GTK_BOX (progress_box), GTK_WIDGET (self->progress));
  gtk_stack_add_named (self->stack, progress_box, "progress");
  self->preview = GTK_LABEL (text_label (NULL));
  gtk_stack_add_named (self->stack, scrolled (GTK_WIDGET (self->preview)), "preview");
  self->summary = GTK_LABEL (text_label (NULL));
  gtk_stack_add_named (self->stack, scrolled (GTK_WIDGET (self->summary)), "summary");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->cancel = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  self->apply = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Apply")));
  gtk_widget_add_css_class (GTK_WIDGET (self->apply), "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_start (buttons, 12);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->apply));
  gtk_box_append (GTK_BOX (box), buttons);
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  g_signal_connect_swapped (self->apply, "clicked", G_CALLBACK (on_apply_clicked), self);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* Progress from the worker thread, shown on the main one. */
typedef struct
{
  RepereImportDialog *self;
  double fraction;
  char *phase;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;

  if (p->self->state == REPERE_IMPORT_READING || p->self->state == REPERE_IMPORT_APPLYING)
    {
      gtk_progress_bar_set_fraction (p->self->progress, p->fraction);
      gtk_label_set_text (p->self->phase, p->phase);
    }
  g_object_unref (p->self);
  g_free (p->phase);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
on_progress (double fraction, const char *phase, gpointer user_data)
{
  Progress *p = g_new0 (Progress, 1);

  p->self = g_object_ref (user_data);
  p->fraction = fraction;
  p->phase = g_strdup (phase);
  g_idle_add (show_progress, p);
}

static void
set_state (RepereImportDialog *self, RepereImportState state)
{
  self->state = state;
  switch (state)
    {
    case REPERE_IMPORT_READING:
    case REPERE_IMPORT_APPLYING:
      gtk_progress_bar_set_fraction (self->progress, 0);
      gtk_stack_set_visible_child_name (self->stack, "progress");
      gtk_button_set_label (self->cancel, _("_Cancel"));
      gtk_button_set_use_underline (self->cancel, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->apply), FALSE);
      break;
    case REPERE_IMPORT_PREVIEW:
      gtk_label_set_text (self->preview, self->text->str);
      gtk_stack_set_visible_child_name (self->stack, "preview");
      gtk_widget_set_visible (GTK_WIDGET (self->apply), TRUE);
      break;
    case REPERE_IMPORT_DONE:
    case REPERE_IMPORT_FAILED:
      gtk_label_set_text (self->summary, self->text->str);
      gtk_stack_set_visible_child_name (self->stack, "summary");
      gtk_button_set_label (self->cancel, _("_Close"));
      gtk_button_set_use_underline (self->cancel, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->apply), FALSE);
      break;
    }
}

static void
append_counts (GString *out, const RepereRomeCounts *c)
{
  g_string_append_printf (out,
                          _("%u ROME codes, %u appellations, %u competencies, %u macro-competencies, %u savoirs; "
                            "%u links (%u savoir-faire, %u savoir-être, %u savoirs)\n"),
                          c->codes, c->appellations, c->competencies, c->macros, c->savoirs, c->links,
                          c->links_savoir_faire, c->links_savoir_etre, c->links_savoir);
}

static void
append_code_changes (GString *out, const char *title, GPtrArray *changes)
{
  if (changes->len == 0)
    return;
  g_string_append_printf (out, "\n%s (%u)\n", title, changes->len);
  for (guint i = 0; i < changes->len && i < PREVIEW_ITEMS; i++)
    {
      RepereRomeCodeChange *c = g_ptr_array_index (changes, i);
      if (c->old_title && c->new_title)
        g_string_append_printf (out, "  %s  %s → %s\n", c->code, c->old_title, c->new_title);
      else
        g_string_append_printf (out, "  %s  %s\n", c->code, c->new_title ? c->new_title : c->old_title);
    }
  if (changes->len > PREVIEW_ITEMS)
    g_string_append_printf (out, _("  … %u more\n"), changes->len - PREVIEW_ITEMS);
}

/* The preview: what applying would change. */
static void
describe_diff (GString *out, const RepereRomeDiff *diff)
{
  g_string_truncate (out, 0);
  if (diff->previous_version)
    g_string_append_printf (out, _("ROME %s replaces ROME %s.\n"), diff->version, diff->previous_version);
  else
    g_string_append_printf (out, _("ROME %s, first import.\n"), diff->version);
  append_counts (out, &diff->counts);
  if (diff->identical)
    {
      g_string_append (out, _("\nNothing changes: this version is the referential in force already.\n"));
      return;
    }
  append_code_changes (out, _("ROME codes added"), diff->codes_added);
  append_code_changes (out, _("ROME codes removed"), diff->codes_removed);
  append_code_changes (out, _("ROME codes retitled"), diff->codes_retitled);
  if (diff->previous_version)
    g_string_append_printf (out, _("\nCompetencies: %u added, %u removed, %u relabelled, %u otherwise changed.\n"),
                            diff->competencies_added->len, diff->competencies_removed->len,
                            diff->competencies_relabelled->len, diff->competencies_changed);
  /* Issue 9: the fiche parts, as repere-cli prints them. */
  if (diff->previous_version)
    g_string_append_printf (
        out,
        _("Fiches: %u codes with other flags or domain; texts +%u −%u ~%u; work contexts +%u −%u ~%u, their "
          "links +%u −%u ~%u; mobility +%u −%u ~%u; domains +%u −%u ~%u\n"),
        diff->codes_changed, diff->texts.added, diff->texts.removed, diff->texts.changed, diff->contexts.added,
        diff->contexts.removed, diff->contexts.changed, diff->context_links.added, diff->context_links.removed,
        diff->context_links.changed, diff->mobility.added, diff->mobility.removed, diff->mobility.changed,
        diff->domains.added, diff->domains.removed, diff->domains.changed);
  if (diff->jobs->len > 0)
    {
      g_string_append_printf (out, _("\nMapped jobs whose competencies change (%u)\n"), diff->jobs->len);
      for (guint i = 0; i < diff->jobs->len; i++)
        {
          RepereRomeJobChange *j = g_ptr_array_index (diff->jobs, i);
          g_string_append_printf (out, _("  %s: +%u, −%u"), j->job_name, j->competencies_added->len,
                                  j->competencies_removed->len);
          if (j->codes_removed->len > 0)
            {
              g_string_append (out, _(" (codes gone:"));
              for (guint k = 0; k < j->codes_removed->len; k++)
                g_string_append_printf (out, " %s", (char *) g_ptr_array_index (j->codes_removed, k));
              g_string_append_c (out, ')');
            }
          g_string_append_c (out, '\n');
        }
    }
  if (diff->flagged_ratings->len > 0)
    {
      g_string_append_printf (out, _("\nRatings on competencies this version drops (%u): kept, and flagged as "
                                     "removed\n"),
                              diff->flagged_ratings->len);
      for (guint i = 0; i < diff->flagged_ratings->len && i < PREVIEW_ITEMS; i++)
        {
          RepereFlaggedRating *r = g_ptr_array_index (diff->flagged_ratings, i);
          g_string_append_printf (out, "  %s · %s · %s : %d\n", r->assessment_id, r->job_id, r->label, r->level);
        }
    }
  g_string_append (out, _("\nApply writes all of it in one transaction; Cancel leaves the database as it is.\n"));
}

static void
fail (RepereImportDialog *self, const GError *error)
{
  g_string_truncate (self->text, 0);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_string_append (self->text, _("Import cancelled: the database is unchanged."));
  else
    g_string_printf (self->text, _("The import failed, the database is unchanged:\n\n%s"), error->message);
  set_state (self, REPERE_IMPORT_FAILED);
}

/* Reading and checking, on the worker thread.
 *
 * The tasks have no source object: the reference on the dialog that the
 * worker needs is the callback's (its user data), dropped by the callback
 * on the main thread. A task's last reference may go on the worker thread,
 * after the callback; had the task held the dialog, a closed dialog would
 * then be finalized there, freeing its import (which drops the staging
 * tables of the window's connection) while the main thread or the next
 * import's worker used that connection (issue 9). */

static void
prepare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RepereImportDialog *self = task_data; /* alive until prepare_done() */
  GError *error = NULL;
  RepereRomeImport *import = repere_rome_import_prepare (self->db, self->path, REPERE_CSV_ENCODING_AUTO,
                                                         on_progress, self, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) repere_rome_import_free);
}

static void
prepare_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (RepereImportDialog) self = data;
  g_autoptr (GError) error = NULL;
  RepereRomeImport *import = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy = FALSE;
  if (self->disposed)
    {
      /* Closed while reading: freed here, on the main thread. */
      repere_rome_import_free (import);
      return;
    }
  if (import != NULL && g_cancellable_is_cancelled (self->cancellable))
    {
      /* Read to the end just before the cancel: cancelled all the same. */
      g_clear_pointer (&import, repere_rome_import_free);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
    }
  if (import == NULL)
    {
      fail (self, error);
      return;
    }
  self->import = import;
  describe_diff (self->text, repere_rome_import_get_diff (import));
  {
    g_autofree char *encodings = repere_rome_import_describe_encodings (import);
    g_string_append_printf (self->text, "%s\n", encodings);
  }
  if (repere_rome_import_get_diff (import)->identical)
    set_state (self, REPERE_IMPORT_DONE);
  else
    set_state (self, REPERE_IMPORT_PREVIEW);
}

/* Applying, on the worker thread */

static void
apply_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RepereImportDialog *self = task_data; /* alive until apply_done() */
  GError *error = NULL;
  gint64 batch = repere_rome_import_apply (self->import, on_progress, self, cancellable, &error);

  if (batch < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, batch);
}

static void
apply_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (RepereImportDialog) self = data;
  g_autoptr (GError) error = NULL;
  const RepereRomeDiff *diff = repere_rome_import_get_diff (self->import);
  gssize batch = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *message = NULL;

  self->busy = FALSE;
  if (self->disposed)
    {
      g_clear_pointer (&self->import, repere_rome_import_free);
      return;
    }
  if (batch < 0)
    {
      fail (self, error);
      return;
    }
  g_string_truncate (self->text, 0);
  g_string_append_printf (self->text, _("ROME %s is imported (import %" PRId64 " in the history).\n"),
                          diff->version, (gint64) batch);
  append_counts (self->text, &diff->counts);
  g_string_append_printf (self->text,
                          _("\nCodes: %u added, %u removed, %u retitled. Ratings kept on removed competencies: "
                            "%u.\nThe last import can be rolled back from the main menu (Roll Back the Last ROME Import…).\n"),
                          diff->codes_added->len, diff->codes_removed->len, diff->codes_retitled->len,
                          diff->flagged_ratings->len);
  {
    g_autofree char *encodings = repere_rome_import_describe_encodings (self->import);
    g_string_append_printf (self->text, "%s\n", encodings);
  }
  set_state (self, REPERE_IMPORT_DONE);
  message = g_strdup_printf (_("ROME %s imported"), diff->version);
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, message);
}

/**
 * repere_import_dialog_new:
 * @parent: (nullable): the window
 * @db: the database
 * @path: a folder of unix_*_vNNN_utf8.csv files (or one of them)
 *
 * Creates and presents the dialog, and starts reading @path at once.
 *
 * Returns: (transfer none): the dialog (destroyed when closed)
 */
RepereImportDialog *
repere_import_dialog_new (GtkWindow *parent, RepereDb *db, const char *path)
{
  RepereImportDialog *self = g_object_new (REPERE_TYPE_IMPORT_DIALOG, NULL);
  g_autoptr (GTask) task = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *reading = g_strdup_printf (_("Reading %s…"), base);

  if (parent)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->db = g_object_ref (db);
  self->path = g_strdup (path);
  self->cancellable = g_cancellable_new ();
  set_state (self, REPERE_IMPORT_READING);
  gtk_label_set_text (self->phase, reading);
  gtk_window_present (GTK_WINDOW (self));
  task = g_task_new (NULL, self->cancellable, prepare_done, g_object_ref (self));
  g_task_set_task_data (task, self, NULL);
  /* prepare_done() gets the import even when cancelled, and frees it on
   * the main thread (a result left in the task would be freed with the
   * task, on whichever thread drops it last). */
  g_task_set_check_cancellable (task, FALSE);
  self->busy = TRUE;
  g_task_run_in_thread (task, prepare_thread);
  return self;
}

/**
 * repere_import_dialog_get_state:
 *
 * Returns: where the import is
 */
RepereImportState
repere_import_dialog_get_state (RepereImportDialog *self)
{
  return self->state;
}

/**
 * repere_import_dialog_get_text:
 *
 * Returns: (transfer none): the preview, summary or error shown
 */
const char *
repere_import_dialog_get_text (RepereImportDialog *self)
{
  return self->text->str;
}

/**
 * repere_import_dialog_apply:
 *
 * What the Apply button does in the preview: applies the import on the
 * worker thread; ::imported follows on success.
 */
void
repere_import_dialog_apply (RepereImportDialog *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->state != REPERE_IMPORT_PREVIEW || self->import == NULL)
    return;
  set_state (self, REPERE_IMPORT_APPLYING);
  gtk_label_set_text (self->phase, _("Applying…"));
  task = g_task_new (NULL, self->cancellable, apply_done, g_object_ref (self));
  g_task_set_task_data (task, self, NULL);
  /* A cancel that comes after the commit does not undo it: the summary
   * says what happened. */
  g_task_set_check_cancellable (task, FALSE);
  self->busy = TRUE;
  g_task_run_in_thread (task, apply_thread);
}

/**
 * repere_import_dialog_cancel:
 *
 * What the Cancel / Close button does: cancels the reading or the
 * transaction under way (the database stays as it was), or closes the
 * dialog once nothing runs.
 */
void
repere_import_dialog_cancel (RepereImportDialog *self)
{
  if (self->state == REPERE_IMPORT_READING || self->state == REPERE_IMPORT_APPLYING)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The file choosers */

typedef struct
{
  GtkWindow *parent;
  RepereDb *db;
  RepereImportDone done;
  gpointer user_data;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->db);
  g_free (choice);
}

static Choice *
choice_new (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data)
{
  Choice *choice = g_new0 (Choice, 1);
  choice->parent = parent;
  choice->db = g_object_ref (db);
  choice->done = done;
  choice->user_data = user_data;
  return choice;
}

static void
choice_closure_free (gpointer data, GClosure *closure)
{
  choice_free (data);
}

static void
on_imported (RepereImportDialog *dialog, const char *message, Choice *choice)
{
  if (choice->done)
    choice->done (message, choice->user_data);
}

static char *
chosen_path (GtkNativeDialog *native, int response)
{
  g_autoptr (GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  return file ? g_file_get_path (file) : NULL;
}

static void
on_rome_chosen (GtkNativeDialog *native, int response, Choice *choice)
{
  g_autofree char *path = chosen_path (native, response);

  if (path)
    {
      RepereImportDialog *dialog = repere_import_dialog_new (choice->parent, choice->db, path);
      g_signal_connect_data (dialog, "imported", G_CALLBACK (on_imported), choice, choice_closure_free, 0);
    }
  else
    choice_free (choice);
  g_object_unref (native);
}

/**
 * repere_import_rome_choose:
 * @parent: the window
 * @db: the database
 * @done: (nullable): called once an import is applied
 *
 * Asks for a folder of ROME files (GtkFileChooserNative), then runs the
 * import dialog on it.
 */
void
repere_import_rome_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
      _("Folder of ROME files (unix_*_vNNN_utf8.csv)"), parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"),
      _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_rome_chosen), choice_new (parent, db, done, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
show_message (GtkWindow *parent, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_mapping_chosen (GtkNativeDialog *native, int response, Choice *choice)
{
  g_autofree char *path = chosen_path (native, response);
  g_autoptr (GError) error = NULL;
  guint rows = 0;
  RepereCsvEncoding encoding = REPERE_CSV_ENCODING_AUTO;

  if (path && repere_mapping_import_full (choice->db, path, &rows, &encoding, &error))
    {
      g_autofree char *imported = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Mapping imported: %u row replaces the previous mapping",
                       "Mapping imported: %u rows replace the previous mapping", rows),
          rows);
      g_autofree char *message = g_strdup_printf (_("%s (read as %s)"), imported,
                                                  repere_csv_encoding_get_name (encoding));
      if (choice->done)
        choice->done (message, choice->user_data);
    }
  else if (path)
    show_message (choice->parent, _("The mapping was not imported"), error->message);
  choice_free (choice);
  g_object_unref (native);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

/**
 * repere_import_mapping_choose:
 * @parent: the window
 * @db: the database
 * @done: (nullable): called once a mapping is imported
 *
 * Asks for a mapping CSV file (columns job, rome_code, appellation,
 * confidence, note) and imports it: all or nothing, an error naming the
 * line is shown otherwise.
 */
void
repere_import_mapping_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Import a job ↔ ROME mapping"), parent,
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                              _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = csv_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_mapping_chosen), choice_new (parent, db, done, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_export_chosen (GtkNativeDialog *native, int response, Choice *choice)
{
  g_autofree char *path = chosen_path (native, response);
  g_autoptr (GError) error = NULL;
  guint rows = 0;

  if (path && repere_mapping_export (choice->db, path, &rows, &error))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u mapping row written to %s", "%u mapping rows written to %s", rows),
          rows, base);
      if (choice->done)
        choice->done (message, choice->user_data);
    }
  else if (path)
    show_message (choice->parent, _("The mapping was not exported"), error->message);
  choice_free (choice);
  g_object_unref (native);
}

/**
 * repere_export_mapping_choose:
 * @parent: the window
 * @db: the database
 * @done: (nullable): called with a summary once written
 *
 * Asks where to save the mapping in force as CSV (the format
 * repere_import_mapping_choose() reads back).
 */
void
repere_export_mapping_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Export the job ↔ ROME mapping"), parent,
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                              _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = csv_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "rome-mapping.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_chosen), choice_new (parent, db, done, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* A question with Cancel (the default) and one destructive @action; @on_response
 * gets @choice, freed with the dialog. */
static AdwMessageDialog *
ask (GtkWindow *parent, const char *heading, const char *body, const char *action, const char *label,
     GCallback on_response, Choice *choice)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), action, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), action, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", on_response, choice, choice_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_rollback_response (AdwMessageDialog *dialog, const char *response, Choice *choice)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereRomeBatch) batch = NULL;

  if (g_strcmp0 (response, "rollback") != 0)
    return;
  if (!repere_rome_rollback_last (choice->db, &batch, &error))
    {
      show_message (choice->parent, _("The import was not rolled back"), error->message);
      return;
    }
  if (choice->done)
    {
      g_autofree char *message
          = g_strdup_printf (_("%s rolled back: the previous referential is back"), batch ? batch->label : "ROME");
      choice->done (message, choice->user_data);
    }
}

/**
 * repere_rome_rollback_choose:
 * @parent: the window
 * @db: the database
 * @done: (nullable): called with a summary once rolled back
 * @user_data: for @done
 *
 * Asks whether to roll back the last ROME import (import history of
 * repere_rome_list_history()), naming it and the referential that comes
 * back; ratings are kept either way. Says so when there is nothing to roll
 * back.
 *
 * Returns: (transfer none) (nullable): the question, or %NULL when a
 *   message was shown instead (no import in force, unreadable history)
 */
AdwMessageDialog *
repere_rome_rollback_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = repere_rome_list_history (db, &error);
  RepereRomeBatch *last = NULL;
  RepereRomeBatch *before = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *when = NULL;

  if (history == NULL)
    {
      show_message (parent, _("The import history cannot be read"), error->message);
      return NULL;
    }
  /* Newest first; rolled-back imports stay in the history. */
  for (guint i = 0; i < history->len; i++)
    {
      RepereRomeBatch *batch = g_ptr_array_index (history, i);
      if (batch->rolled_back_at != NULL)
        continue;
      if (last == NULL)
        last = batch;
      else if (before == NULL)
        before = batch;
    }
  if (last == NULL)
    {
      show_message (parent, _("Nothing to roll back"), _("No ROME import is in force."));
      return NULL;
    }
  /* "4 décembre 2026 à 16:22", not the stored "2026-12-04T15:22:20Z" (issue 13). */
  when = repere_format_date (last->finished_at ? last->finished_at : last->started_at);
  heading = g_strdup_printf (_("Roll back the import of %s?"), last->label);
  body = before ? g_strdup_printf (_("Imported on %s. The referential goes back to %s, as it was before. Ratings "
                                     "are kept; those on competencies that leave are flagged."),
                                   when, before->label)
                : g_strdup_printf (_("Imported on %s. It is the only import: no ROME referential will remain. "
                                     "Ratings are kept and flagged."),
                                   when);
  return ask (parent, heading, body, "rollback", _("_Roll Back"), G_CALLBACK (on_rollback_response),
              choice_new (parent, db, done, user_data));
}

static void
on_restore_response (AdwMessageDialog *dialog, const char *response, Choice *choice)
{
  g_autoptr (GError) error = NULL;
  guint rows = 0;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  if (!repere_mapping_restore_bundled (choice->db, &rows, &error))
    {
      show_message (choice->parent, _("The bundled mapping was not restored"), error->message);
      return;
    }
  if (choice->done)
    {
      g_autofree char *message = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Bundled mapping restored: %u row", "Bundled mapping restored: %u rows", rows),
          rows);
      choice->done (message, choice->user_data);
    }
}

/**
 * repere_restore_mapping_choose:
 * @parent: the window
 * @db: the database
 * @done: (nullable): called with a summary once restored
 * @user_data: for @done
 *
 * Asks whether to replace the mapping in force by Repère's bundled one
 * (repere_mapping_restore_bundled()), suggesting to export it first.
 *
 * Returns: (transfer none): the question
 */
AdwMessageDialog *
repere_restore_mapping_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data)
{
  return ask (parent, _("Restore the bundled mapping?"),
              _("The job ↔ ROME mapping in force is replaced by the one Repère proposes. "
                "Export it first to keep a copy. Ratings are kept."),
              "restore", _("_Restore"), G_CALLBACK (on_restore_response), choice_new (parent, db, done, user_data));
}
