/* repere-rating-window.c: a job's rating grid in its own window
 *
 * The title names the job and the assessment; Escape closes; the grid
 * (ui/repere-rating-grid.c) does the rest and says when ratings change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-window.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>

struct _RepereRatingWindow
{
  AdwWindow parent_instance;

  /* template */
  AdwWindowTitle *window_title;
  RepereRatingGrid *grid;
};

G_DEFINE_TYPE (RepereRatingWindow, repere_rating_window, ADW_TYPE_WINDOW)

static void
repere_rating_window_class_init (RepereRatingWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (REPERE_TYPE_RATING_GRID);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-rating-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereRatingWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingWindow, grid);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
repere_rating_window_init (RepereRatingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  repere_window_close_on_escape (GTK_WINDOW (self)); /* issue 13 */
}

/**
 * repere_rating_window_new:
 * @parent: (nullable): the main window
 * @db: (transfer none): the database
 * @undo: (transfer none) (nullable): the session's undo stack
 * @assessment_id: a user assessment
 * @job_id: the job to rate
 * @error: as repere_rating_grid_set_job()
 *
 * Returns: (transfer none) (nullable): the window, not yet presented
 */
RepereRatingWindow *
repere_rating_window_new (GtkWindow *parent, RepereDb *db, RepereUndoStack *undo,
                          const char *assessment_id, const char *job_id, GError **error)
{
  RepereRatingWindow *self = g_object_new (REPERE_TYPE_RATING_WINDOW, "transient-for", parent,
                                           "destroy-with-parent", TRUE, NULL);
  g_autoptr (RepereJobDetail) job = NULL;
  g_autoptr (GPtrArray) assessments = NULL;
  g_autofree char *title = NULL;

  if (!repere_rating_grid_set_job (self->grid, db, undo, assessment_id, job_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  job = repere_db_get_job (db, job_id, NULL);
  /* TRANSLATORS: title of the rating window: "Rating: Chargé d'assistance" */
  title = g_strdup_printf (_ ("Rating: %s"), job ? job->name : job_id);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  assessments = repere_db_list_assessments (db, NULL);
  for (guint i = 0; assessments && i < assessments->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (assessments, i);
      if (g_strcmp0 (ref->id, assessment_id) == 0)
        adw_window_title_set_subtitle (self->window_title, ref->name);
    }
  return self;
}

/**
 * repere_rating_window_get_grid:
 *
 * Returns: (transfer none): the grid
 */
RepereRatingGrid *
repere_rating_window_get_grid (RepereRatingWindow *self)
{
  return self->grid;
}
