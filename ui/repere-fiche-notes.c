/* repere-fiche-notes.c: a job's fiche notes and future role on its page
 *
 * The "A noter" lines and conclusions of the job's fiche (4.2): a note
 * about the rating shows beside it the rank change it explains (Infirmier
 * d'assistance: the experts' rating was made by doctors, without nurses; the
 * job rises 28 places). Then the job's future role as the fiche or section 5
 * words it, the role in bold in its sentence. Each part hides when the job
 * has none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-fiche-notes.h"
#include "repere-a11y.h"
#include "repere-read-only-row.h"

#include <glib/gi18n.h>

#include "repere-study-rows.h"
#include "repere-study.h"
#include "repere-ui-resources.h"

struct _RepereFicheNotes
{
  GtkBox parent_instance;

  guint n_notes;
  guint n_roles;

  /* template */
  GtkWidget *notes_heading;
  GtkWidget *notes_list;
  GtkWidget *roles_heading;
  GtkWidget *roles_list;
};

G_DEFINE_TYPE (RepereFicheNotes, repere_fiche_notes, GTK_TYPE_BOX)

static void
repere_fiche_notes_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REPERE_TYPE_FICHE_NOTES);
  G_OBJECT_CLASS (repere_fiche_notes_parent_class)->dispose (object);
}

static void
repere_fiche_notes_class_init (RepereFicheNotesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = repere_fiche_notes_dispose;
  (void) repere_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-fiche-notes.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereFicheNotes, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, RepereFicheNotes, notes_list);
  gtk_widget_class_bind_template_child (widget_class, RepereFicheNotes, roles_heading);
  gtk_widget_class_bind_template_child (widget_class, RepereFicheNotes, roles_list);
}

static void
repere_fiche_notes_init (RepereFicheNotes *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Named by their headings (labelled-by): issue 13's naming leaves them. */
  repere_a11y_mark_named (self->notes_list);
  repere_a11y_mark_named (self->roles_list);
}

/* The rank change in @assessment_id against the assessment before it
 * ("rank 45 → 17, +28"), or NULL. */
static char *
rank_change (const RepereJobDetail *job, const char *assessment_id)
{
  for (guint i = 1; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      RepereJobResult *before = g_ptr_array_index (job->results, i - 1);

      if (g_strcmp0 (r->assessment_id, assessment_id) != 0 || r->rank <= 0 || before->rank <= 0)
        continue;
      /* Translators: a rank change between two assessments: assessment,
       * rank before, rank after, change ("+28"), assessment before */
      return g_strdup_printf (_ ("%s: rank %d → %d (%+d places) against %s"), r->assessment_name,
                              before->rank, r->rank, before->rank - r->rank,
                              before->assessment_name);
    }
  return NULL;
}

static const char *
note_title (const char *kind)
{
  if (g_str_equal (kind, "rating"))
    return _ ("About the rating");
  if (g_str_equal (kind, "conclusion"))
    return _ ("Conclusion of the Observatoire’s use cases");
  return _ ("About the use cases");
}

/**
 * repere_fiche_notes_new:
 * @db: (transfer none): the database
 * @job: the job shown
 *
 * Returns: (transfer floating): the job's fiche notes and future role;
 *   hidden when the job has neither (the 48 jobs without a fiche)
 */
GtkWidget *
repere_fiche_notes_new (RepereDb *db, const RepereJobDetail *job)
{
  RepereFicheNotes *self = g_object_new (REPERE_TYPE_FICHE_NOTES, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) notes = repere_study_list_fiche_notes (db, job->id, &error);
  g_autoptr (GPtrArray) roles = notes ? repere_study_list_future_roles (db, job->id, &error) : NULL;

  if (roles == NULL)
    {
      g_warning ("%s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return GTK_WIDGET (self);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      RepereStudyText *n = g_ptr_array_index (notes, i);
      g_autofree char *change = *n->extra ? rank_change (job, n->extra) : NULL;
      g_autofree char *title = g_strdup_printf ("%s (%s)", note_title (n->kind), n->source);
      g_autofree char *subtitle
          = change ? g_strdup_printf ("%s\n%s", n->text, change) : g_strdup (n->text);
      GtkWidget *row = repere_study_row_new (title, subtitle);

      if (g_str_equal (n->kind, "rating"))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _ ("Note on the rating"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      /* On the job page, text only: no Tab stop (issue 13) */
      repere_read_only_row_make (GTK_LIST_BOX_ROW (row));
      gtk_list_box_append (GTK_LIST_BOX (self->notes_list), row);
    }
  for (guint i = 0; i < roles->len; i++)
    {
      RepereStudyText *r = g_ptr_array_index (roles, i);
      g_autofree char *markup = repere_study_markup_emphasis (r->text, r->title);
      /* Translators: a future role's row title: the role, its section */
      g_autofree char *title = g_strdup_printf (_ ("%s (%s)"), r->title, r->source);
      GtkWidget *row = repere_study_markup_row_new (title, markup);

      repere_read_only_row_make (GTK_LIST_BOX_ROW (row));
      gtk_list_box_append (GTK_LIST_BOX (self->roles_list), row);
    }
  self->n_notes = notes->len;
  self->n_roles = roles->len;
  gtk_widget_set_visible (self->notes_heading, notes->len > 0);
  gtk_widget_set_visible (self->notes_list, notes->len > 0);
  gtk_widget_set_visible (self->roles_heading, roles->len > 0);
  gtk_widget_set_visible (self->roles_list, roles->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), notes->len + roles->len > 0);
  return GTK_WIDGET (self);
}

/* Returns: the fiche notes shown. */
guint
repere_fiche_notes_get_n_notes (RepereFicheNotes *self)
{
  return self->n_notes;
}

/* Returns: the future roles shown. */
guint
repere_fiche_notes_get_n_roles (RepereFicheNotes *self)
{
  return self->n_roles;
}
