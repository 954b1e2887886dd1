/* repere-rating-history-window.c: the history of an assessment's rating
 * changes: each change with what it did, who made it and when (in French
 * form), most recent first; for one job or the whole assessment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-history-window.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>

#include "repere-rating-history.h"
#include "repere-rating.h"

/* Most changes listed (the oldest beyond are left out, and said so). */
#define MAX_CHANGES 500

struct _RepereRatingHistoryWindow
{
  AdwWindow parent_instance;

  RepereDb *db;
  char *assessment_id;
  char *job_id;
  guint n_changes;

  /* template */
  AdwWindowTitle *window_title;
  GtkToggleButton *job_toggle;
  GtkStack *stack;
  GtkListBox *list;
};

G_DEFINE_TYPE (RepereRatingHistoryWindow, repere_rating_history_window, ADW_TYPE_WINDOW)

static void
repere_rating_history_window_dispose (GObject *object)
{
  RepereRatingHistoryWindow *self = REPERE_RATING_HISTORY_WINDOW (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_rating_history_window_parent_class)->dispose (object);
}

static void
repere_rating_history_window_finalize (GObject *object)
{
  RepereRatingHistoryWindow *self = REPERE_RATING_HISTORY_WINDOW (object);

  g_free (self->assessment_id);
  g_free (self->job_id);
  G_OBJECT_CLASS (repere_rating_history_window_parent_class)->finalize (object);
}

static void
repere_rating_history_window_class_init (RepereRatingHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_rating_history_window_dispose;
  object_class->finalize = repere_rating_history_window_finalize;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-rating-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereRatingHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingHistoryWindow, job_toggle);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingHistoryWindow, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
repere_rating_history_window_init (RepereRatingHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  repere_window_close_on_escape (GTK_WINDOW (self)); /* issue 13 */
  g_signal_connect_swapped (self->job_toggle, "toggled",
                            G_CALLBACK (repere_rating_history_window_reload), self);
}

/**
 * repere_rating_history_window_reload:
 *
 * Lists the changes again (the toggle chooses the job's or the
 * assessment's).
 */
void
repere_rating_history_window_reload (RepereRatingHistoryWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  gboolean job_only = self->job_id && gtk_toggle_button_get_active (self->job_toggle);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  changes = repere_change_list (self->db, self->assessment_id, job_only ? self->job_id : NULL,
                                MAX_CHANGES, &error);
  if (changes == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  self->n_changes = changes->len;
  for (guint i = 0; i < changes->len; i++)
    {
      RepereChange *change = g_ptr_array_index (changes, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = repere_format_date (change->changed_at);
      g_autofree char *who = repere_rating_display_name (change->changed_by);
      g_autofree char *subtitle = *change->job_name ? g_strdup_printf ("%s · %s · %s", when, who, change->job_name)
                                                    : g_strdup_printf ("%s · %s", when, who);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->summary);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, changes->len ? "list" : "empty");
}

/**
 * repere_rating_history_window_show:
 * @parent: (nullable): the window it belongs to
 * @db: (transfer none): the database
 * @assessment_id: a user assessment
 * @job_id: (nullable): the job whose changes are shown first; %NULL for
 *   the whole assessment
 *
 * Returns: (transfer none): the window, presented
 */
RepereRatingHistoryWindow *
repere_rating_history_window_show (GtkWindow *parent, RepereDb *db, const char *assessment_id,
                                   const char *job_id)
{
  RepereRatingHistoryWindow *self
      = g_object_new (REPERE_TYPE_RATING_HISTORY_WINDOW, "transient-for", parent,
                      "destroy-with-parent", TRUE, NULL);
  g_autoptr (GPtrArray) assessments = repere_db_list_assessments (db, NULL);

  self->db = g_object_ref (db);
  self->assessment_id = g_strdup (assessment_id);
  self->job_id = g_strdup (job_id);
  gtk_widget_set_visible (GTK_WIDGET (self->job_toggle), job_id != NULL);
  for (guint i = 0; assessments && i < assessments->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (assessments, i);
      if (g_strcmp0 (ref->id, assessment_id) == 0)
        adw_window_title_set_subtitle (self->window_title, ref->name);
    }
  repere_rating_history_window_reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * repere_rating_history_window_get_n_changes:
 *
 * Returns: the changes listed
 */
guint
repere_rating_history_window_get_n_changes (RepereRatingHistoryWindow *self)
{
  return self->n_changes;
}
