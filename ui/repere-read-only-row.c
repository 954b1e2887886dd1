/* repere-read-only-row.c: a boxed list's row that only shows text
 *
 * Issue 13: a row that only shows text (a work context, a competency to
 * strengthen, the study's advice) is neither activatable nor a Tab stop, as
 * the pages' labels are not; a button it holds still takes the focus.
 * GtkListBox hands the focus to the next row only and leaves the list when
 * that row takes none (gtk_list_box_focus() in GTK 4.8), which would skip
 * the buttons of the rows after a row without one: a read-only row the focus
 * enters passes it on to the next row (the previous one going back), so Tab
 * and the arrows go from button to button. Screen readers still read the
 * rows (their title and subtitle), as they read the labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-read-only-row.h"

struct _RepereReadOnlyRow
{
  AdwActionRow parent_instance;
};

G_DEFINE_TYPE (RepereReadOnlyRow, repere_read_only_row, ADW_TYPE_ACTION_ROW)

/* A row the focus enters takes it on a control it holds, else passes it on
 * to the next shown row of its list in @direction. */
static gboolean
repere_read_only_row_focus (GtkWidget *widget, GtkDirectionType direction)
{
  GtkWidget *list = gtk_widget_get_parent (widget);
  gboolean entering = gtk_widget_get_focus_child (widget) == NULL;
  int step = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN  ? 1
             : direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP ? -1
                                                                            : 0;
  GtkListBoxRow *next;

  if (GTK_WIDGET_CLASS (repere_read_only_row_parent_class)->focus (widget, direction))
    return TRUE;
  /* Leaving a button of this row: the list moves on by itself. */
  if (!entering || step == 0 || !GTK_IS_LIST_BOX (list))
    return FALSE;
  for (int i = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (widget)) + step;
       (next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i += step)
    if (gtk_widget_get_visible (GTK_WIDGET (next))
        && gtk_widget_get_child_visible (GTK_WIDGET (next))
        && gtk_widget_is_sensitive (GTK_WIDGET (next)))
      return gtk_widget_child_focus (GTK_WIDGET (next), direction);
  return FALSE;
}

static void
repere_read_only_row_class_init (RepereReadOnlyRowClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = repere_read_only_row_focus;
}

static void
repere_read_only_row_init (RepereReadOnlyRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/**
 * repere_read_only_row_new:
 *
 * An AdwActionRow (title, subtitle, prefixes and suffixes as usual) that is
 * not activatable and no Tab stop; a control added to it takes the focus.
 *
 * Returns: (transfer floating): a new #RepereReadOnlyRow
 */
GtkWidget *
repere_read_only_row_new (void)
{
  return g_object_new (REPERE_TYPE_READ_ONLY_ROW, NULL);
}

/**
 * repere_read_only_row_make:
 * @row: a plain row whose child only shows text (labels, selectable or
 *   not, none of them focusable)
 *
 * Makes @row read-only as a #RepereReadOnlyRow is: not activatable and no
 * Tab stop. For a list whose rows hold no control (nothing then to pass the
 * focus on to: the list leaves it).
 */
void
repere_read_only_row_make (GtkListBoxRow *row)
{
  g_return_if_fail (GTK_IS_LIST_BOX_ROW (row));

  gtk_list_box_row_set_activatable (row, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (row), FALSE);
}
