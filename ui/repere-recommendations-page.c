/* repere-recommendations-page.c: the "Préconisations" page of the window
 *
 * The study's six priority actions for 2025 (section 5), its axes with
 * their objective, stakes, recommendations and illustrations, the
 * transverse use cases (4.3.1) and the ten competencies most exposed to
 * generative AI (3.3). The groups' titles are the template's; their rows,
 * and the axes' groups, come from the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-recommendations-page.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include "repere-ui-resources.h"

struct _RepereRecommendationsPage
{
  AdwBin parent_instance;

  RepereDb *db;
  gboolean filled; /* repere_recommendations_page_fill() ran */

  /* template */
  AdwPreferencesPage *page;
  AdwPreferencesGroup *actions_group;
  GtkListBox *actions_list;
  AdwPreferencesGroup *transverse_group;
  GtkListBox *transverse_list;
  AdwPreferencesGroup *competencies_group;
  GtkListBox *competencies_list;
};

G_DEFINE_TYPE (RepereRecommendationsPage, repere_recommendations_page, ADW_TYPE_BIN)

static GtkWidget *
wrapped_label (const char *text, gboolean dim)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Copyable with the mouse, not a Tab stop selecting its text (issue 13);
   * out of the focus chain, where GTK 4.8 would let it claim the Tab (see
   * label_new() in repere-job-page.c). */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* @texts as rows of @list, "1. …" when @numbered. */
static void
append_texts (GtkListBox *list, GPtrArray *texts, gboolean numbered)
{
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *text = numbered ? g_strdup_printf ("%u. %s", i + 1, (char *) g_ptr_array_index (texts, i))
                                       : g_strdup (g_ptr_array_index (texts, i));
      gtk_list_box_append (list, wrapped_label (text, FALSE));
    }
}

/* A row "id. name" that expands to @description. */
static GtkWidget *
expander_row (const char *id, const char *name, const char *description)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf ("%s. %s", id, name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), wrapped_label (description, FALSE));
  return row;
}

/* An axis of section 5: its objective, stakes, recommendations (each
 * expanding to its text) and illustrations. */
static GtkWidget *
axis_group (RepereAxis *axis)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *title = g_strdup_printf (_("Axis %d – %s"), axis->number, axis->title);
  g_autofree char *objective = g_strdup_printf (_("Objective: %s"), axis->objective);
  g_autofree char *stakes = g_strdup_printf (_("Stakes: %s"), axis->stakes);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), wrapped_label (objective, FALSE));
  gtk_list_box_append (GTK_LIST_BOX (list), wrapped_label (stakes, TRUE));
  for (guint r = 0; r < axis->recommendations->len; r++)
    {
      RepereRef *rec = g_ptr_array_index (axis->recommendations, r);
      gtk_list_box_append (GTK_LIST_BOX (list), expander_row (rec->id, rec->name, rec->description));
    }
  for (guint r = 0; r < axis->illustrations->len; r++)
    {
      g_autofree char *text = g_strdup_printf (_("Illustration: %s"), (char *) g_ptr_array_index (axis->illustrations, r));
      GtkWidget *label = wrapped_label (text, TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

/**
 * repere_recommendations_page_fill:
 * @error: set when the database cannot be read
 *
 * Fills the page from the database of repere_recommendations_page_set_db(),
 * once: the six priority actions (texts "priority_action", numbered), one
 * group per axis of repere_db_list_axes(), the transverse use cases (texts
 * "transverse_use_case") and repere_db_list_top_competencies(). Later calls,
 * also after a failure, do nothing and return %TRUE; after a failure the
 * page stays empty.
 *
 * Returns: %FALSE with @error set on a database error
 */
gboolean
repere_recommendations_page_fill (RepereRecommendationsPage *self, GError **error)
{
  g_autoptr (GPtrArray) axes = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) transverse = NULL;
  g_autoptr (GPtrArray) top = NULL;
  GtkWidget *previous = GTK_WIDGET (self->actions_group);

  g_return_val_if_fail (REPERE_IS_RECOMMENDATIONS_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (self->filled)
    return TRUE;
  self->filled = TRUE;
  if ((axes = repere_db_list_axes (self->db, error)) == NULL
      || (actions = repere_db_list_texts (self->db, "priority_action", error)) == NULL
      || (transverse = repere_db_list_texts (self->db, "transverse_use_case", error)) == NULL
      || (top = repere_db_list_top_competencies (self->db, error)) == NULL)
    return FALSE;

  append_texts (self->actions_list, actions, TRUE);
  /* The axes between the priority actions and the transverse use cases
   * (AdwPreferencesPage 1.2 only appends). */
  for (guint i = 0; i < axes->len; i++)
    {
      GtkWidget *group = axis_group (g_ptr_array_index (axes, i));
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (group)), group, previous);
      previous = group;
    }
  append_texts (self->transverse_list, transverse, FALSE);
  for (guint i = 0; i < top->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (top, i);
      gtk_list_box_append (self->competencies_list, expander_row (ref->id, ref->name, ref->description));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->transverse_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->competencies_group), TRUE);
  repere_a11y_name_lists (GTK_WIDGET (self->page), NULL);
  return TRUE;
}

/**
 * repere_recommendations_page_set_db:
 * @db: (transfer none): the open database, kept by the page
 *
 * Sets where repere_recommendations_page_fill() reads; shows nothing by itself.
 */
void
repere_recommendations_page_set_db (RepereRecommendationsPage *self, RepereDb *db)
{
  g_return_if_fail (REPERE_IS_RECOMMENDATIONS_PAGE (self));

  g_set_object (&self->db, db);
}

static void
repere_recommendations_page_dispose (GObject *object)
{
  RepereRecommendationsPage *self = REPERE_RECOMMENDATIONS_PAGE (object);

  /* AdwBin's dispose unparents the page, the template's child: not
   * gtk_widget_dispose_template() too, which would unparent it first and
   * leave AdwBin a stale child (GTK 4.8). */
  self->page = NULL;
  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_recommendations_page_parent_class)->dispose (object);
}

static void
repere_recommendations_page_class_init (RepereRecommendationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_recommendations_page_dispose;
  (void) repere_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-recommendations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, page);
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, actions_group);
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, transverse_group);
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, transverse_list);
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, competencies_group);
  gtk_widget_class_bind_template_child (widget_class, RepereRecommendationsPage, competencies_list);
}

static void
repere_recommendations_page_init (RepereRecommendationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
