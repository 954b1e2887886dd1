/* repere-study-rows.c: wrapped labels and rows for the study's texts
 *
 * Paragraphs are wrapped labels; list items, terms and values are rows of a
 * boxed list, which take the keyboard focus one after the other and are
 * read whole by screen readers (title and subtitle).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-study-rows.h"

#include "repere-study.h"
#include "repere-text.h"

/**
 * repere_study_group_new:
 * @page: the page to add the group to
 * @title: the group's title
 * @description: (nullable): its description
 *
 * Returns: (transfer none): a vertical box, the group's one child, to add
 *   the group's content to in order
 */
GtkWidget *
repere_study_group_new (AdwPreferencesPage *page, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return box;
}

/**
 * repere_study_text_new:
 * @text: plain text
 * @css_class: (nullable): "dim-label", "heading", "caption"…
 *
 * Returns: (transfer floating): a label wrapping @text at the page's width
 */
GtkWidget *
repere_study_text_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Returns: (transfer floating): an empty boxed list, rows not selectable. */
GtkWidget *
repere_study_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
row_new (const char *title, const char *subtitle, gboolean markup)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), markup);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle && *subtitle)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "study-text");
    }
  return row;
}

/**
 * repere_study_row_new:
 * @title: plain text, wrapped
 * @subtitle: (nullable): plain text under it, wrapped
 *
 * Returns: (transfer floating): a row for a boxed list
 */
GtkWidget *
repere_study_row_new (const char *title, const char *subtitle)
{
  return row_new (title, subtitle, FALSE);
}

/**
 * repere_study_markup_row_new:
 * @title: plain text
 * @subtitle_markup: pango markup (escaped text with <b> parts)
 *
 * Returns: (transfer floating): a row whose subtitle is markup
 */
GtkWidget *
repere_study_markup_row_new (const char *title, const char *subtitle_markup)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  return row_new (escaped, subtitle_markup, TRUE);
}

/**
 * repere_study_value_row_new:
 * @title: what the value is, wrapped
 * @value: the value, shown on the right
 * @muted: the value is dimmed ("not published")
 *
 * Returns: (transfer floating): a row "title … value"
 */
GtkWidget *
repere_study_value_row_new (const char *title, const char *value, gboolean muted)
{
  GtkWidget *row = repere_study_row_new (title, NULL);
  GtkWidget *label = gtk_label_new (value);

  gtk_widget_add_css_class (label, muted ? "dim-label" : "heading");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

/**
 * repere_study_add_passages:
 * @box: a vertical box
 * @passages: (element-type RepereStudyText): from
 *   repere_study_list_passages()
 * @headings: show a heading where the passages' heading changes
 * @shown: (nullable): the title the page already shows above @box: the
 *   first passages' heading is not repeated when it is the same
 *
 * Paragraphs as labels, the items of a list as the rows of one boxed list,
 * notes and footnotes dimmed.
 */
void
repere_study_add_passages (GtkBox *box, GPtrArray *passages, gboolean headings, const char *shown)
{
  g_autofree char *folded_shown = shown ? repere_text_fold (shown) : NULL;
  const char *heading = NULL;
  GtkWidget *list = NULL;

  for (guint i = 0; i < passages->len; i++)
    {
      RepereStudyText *t = g_ptr_array_index (passages, i);

      /* The heading the page shows above, accents, case and apostrophes
       * aside, is not repeated. */
      if (i == 0 && folded_shown)
        {
          g_autofree char *folded = repere_text_fold (t->title);
          if (g_str_equal (folded, folded_shown))
            heading = t->title;
        }
      if (headings && g_strcmp0 (heading, t->title) != 0)
        {
          gtk_box_append (box, repere_study_text_new (t->title, "heading"));
          list = NULL;
        }
      heading = t->title;
      if (g_str_equal (t->kind, "item"))
        {
          if (list == NULL)
            {
              list = repere_study_list_new ();
              gtk_box_append (box, list);
            }
          gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (t->text, NULL));
          continue;
        }
      list = NULL;
      gtk_box_append (box, repere_study_text_new (
                               t->text, g_str_equal (t->kind, "paragraph") ? NULL : "dim-label"));
    }
}
