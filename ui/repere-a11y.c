/* repere-a11y.c: accessible names for what GTK 4.8 leaves unnamed
 *
 * GTK 4.8 names a widget by its accessible label, else by its type
 * ("GtkListBox", "GtkDropDown"): a screen reader reads that. These helpers
 * name the controls GTK builds inside a drop-down or a menu button, and the
 * lists and rows the pages fill from the database, after their visible text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-a11y.h"

#include <adwaita.h>

#define NAMED_KEY "repere-a11y-named"

/**
 * repere_a11y_set_label:
 * @widget: any widget
 * @label: its accessible name, already translated
 *
 * Sets @widget's accessible label and marks it named, so that
 * repere_a11y_name_lists() leaves it as it is.
 */
void
repere_a11y_set_label (GtkWidget *widget, const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (widget), NAMED_KEY, GINT_TO_POINTER (TRUE));
}

/**
 * repere_a11y_mark_named:
 * @widget: a widget named otherwise (a "labelled-by" relation in a .ui file)
 *
 * Tells repere_a11y_name_lists() to leave @widget's name as it is: GTK 4.8
 * would read a label of ours after the relation's.
 */
void
repere_a11y_mark_named (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), NAMED_KEY, GINT_TO_POINTER (TRUE));
}

/**
 * repere_a11y_label_control:
 * @control: a #GtkDropDown, a #GtkMenuButton or any control
 * @label: its accessible name, already translated
 *
 * Names @control and the button GTK builds inside a drop-down or a menu
 * button, which takes the keyboard focus and which a screen reader reads
 * (GTK 4.8 names it "GtkToggleButton").
 */
void
repere_a11y_label_control (GtkWidget *control, const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (control));

  repere_a11y_set_label (control, label);
  if (GTK_IS_DROP_DOWN (control) || GTK_IS_MENU_BUTTON (control))
    for (GtkWidget *child = gtk_widget_get_first_child (control); child; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child))
        repere_a11y_set_label (child, label);
}

static void
collect_text (GtkWidget *widget, GString *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *part = gtk_label_get_text (GTK_LABEL (widget));
      if (part && *part)
        {
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, part);
        }
      return;
    }
  if (ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_EXPANDER_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      if (title && *title)
        {
          g_autofree char *plain = NULL;
          if (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget))
              && pango_parse_markup (title, -1, 0, NULL, &plain, NULL, NULL))
            title = plain;
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, title);
          if (ADW_IS_ACTION_ROW (widget))
            {
              const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
              g_autofree char *plain_sub = NULL;
              if (subtitle && *subtitle && pango_parse_markup (subtitle, -1, 0, NULL, &plain_sub, NULL, NULL))
                g_string_append_printf (text, ", %s", plain_sub);
            }
          return;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/**
 * repere_a11y_widget_text:
 * @widget: a widget
 *
 * Returns: (transfer full): the text of @widget's visible labels (and rows'
 *   titles), joined by ", "; "" for none
 */
char *
repere_a11y_widget_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);
  return g_string_free (text, FALSE);
}

static gboolean
is_named (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), NAMED_KEY) != NULL;
}

/* libadwaita 1.2 names a preferences group's own list after its title and
 * an action row after its title: a label of ours would be read twice. The
 * group's list is the first child of its list box, three levels down. */
static gboolean
named_by_libadwaita (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);
      GtkWidget *group = parent ? gtk_widget_get_parent (parent) : NULL;
      group = group ? gtk_widget_get_parent (group) : NULL;
      return group && ADW_IS_PREFERENCES_GROUP (group) && gtk_widget_get_first_child (parent) == widget;
    }
  return ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_EXPANDER_ROW (widget)
         && *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) != '\0';
}

static void
name_lists (GtkWidget *widget, const char *heading)
{
  const char *inner = heading;

  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
      if (title && *title)
        inner = title;
    }
  else if (ADW_IS_EXPANDER_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      if (title && *title)
        inner = title;
    }
  if (named_by_libadwaita (widget))
    ;
  else if (GTK_IS_LIST_BOX (widget) && !is_named (widget) && inner)
    repere_a11y_set_label (widget, inner);
  else if (ADW_IS_EXPANDER_ROW (widget) && !is_named (widget))
    {
      /* GTK 4.8 and libadwaita 1.2 leave an expander row unnamed. */
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget));
      g_autofree char *plain = NULL;
      g_autofree char *label = NULL;

      if (title && adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget))
          && pango_parse_markup (title, -1, 0, NULL, &plain, NULL, NULL))
        title = plain;
      label = subtitle && *subtitle ? g_strdup_printf ("%s, %s", title ? title : "", subtitle) : g_strdup (title);
      if (label && *label)
        repere_a11y_set_label (widget, label);
    }
  else if (GTK_IS_LIST_BOX_ROW (widget) && !is_named (widget))
    {
      g_autofree char *text = repere_a11y_widget_text (widget);
      if (*text)
        repere_a11y_set_label (widget, text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    name_lists (child, inner);
}

/**
 * repere_a11y_name_lists:
 * @root: a page
 * @fallback: (nullable): the name of lists outside any titled group
 *
 * Names each #GtkListBox under @root after the title of its
 * #AdwPreferencesGroup (or expander row), else @fallback, and each row not
 * named yet after its visible text, so that a screen reader reads the row
 * it moves to. Widgets named with repere_a11y_set_label() keep their name.
 * Call again when the page's rows change.
 */
void
repere_a11y_name_lists (GtkWidget *root, const char *fallback)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_lists (root, fallback);
}

/**
 * repere_window_close_on_escape:
 * @window: a secondary window (rating grid, history, agreement, competency,
 *   import)
 *
 * Escape closes @window, as GNOME's dialogs do (the "window.close" action).
 */
void
repere_window_close_on_escape (GtkWindow *window)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/**
 * repere_a11y_name_scrollers:
 * @root: a page
 * @label: the name of its scrolled areas, already translated
 *
 * Names each #GtkScrolledWindow under @root not named yet (GTK 4.8 leaves
 * them unnamed, and a screen reader lists them as focusable panes).
 */
void
repere_a11y_name_scrollers (GtkWidget *root, const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_SCROLLED_WINDOW (root) && !is_named (root))
    repere_a11y_set_label (root, label);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    repere_a11y_name_scrollers (child, label);
}
