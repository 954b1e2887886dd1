/* shot-rome.c: opens the window on a job's Fiche ROME part, or on a
 * competency's page, for screenshots (not a test; issue 9)
 *
 *   shot-rome DATABASE JOB [COMPETENCY_ID] [CODE]
 *
 * Loads the bundled referential when the database has none, scrolls the
 * job page to its Fiche ROME part (the page of CODE when given) and, with
 * COMPETENCY_ID, opens that competency's page. SHOT_SCROLL=N scrolls N
 * pixels further.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "repere-competency-page.h"
#include "repere-job-page.h"
#include "repere-window.h"

static char **args;

static gboolean
show (gpointer data)
{
  RepereWindow *window = data;
  RepereJobPage *page;
  RepereRomeFicheView *fiche;
  GtkWidget *scroller;
  graphene_point_t point;

  if (repere_window_is_rome_loading (window))
    return G_SOURCE_CONTINUE;
  page = REPERE_JOB_PAGE (g_object_get_data (G_OBJECT (window), "shot-page"));
  fiche = repere_job_page_get_rome_fiche (page);
  if (fiche == NULL || gtk_widget_get_height (GTK_WIDGET (fiche)) == 0)
    return G_SOURCE_CONTINUE;
  if (args[4])
    {
      GtkWidget *stack = gtk_widget_get_last_child (GTK_WIDGET (fiche));
      gtk_stack_set_visible_child_name (GTK_STACK (stack), args[4]);
    }
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  if (gtk_widget_compute_point (GTK_WIDGET (fiche), GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0),
                                &point))
    gtk_adjustment_set_value (
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
        point.y + (g_getenv ("SHOT_SCROLL") ? g_ascii_strtod (g_getenv ("SHOT_SCROLL"), NULL) : 0));
  if (args[3] && *args[3])
    gtk_window_present (
        repere_job_page_show_competency (page, g_ascii_strtoll (args[3], NULL, 10)));
  return G_SOURCE_REMOVE;
}

static GtkWidget *
find_job_page (GtkWidget *widget)
{
  if (REPERE_IS_JOB_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_job_page (child);
      if (found)
        return found;
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  g_autofree char *job = NULL;
  RepereWindow *window;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc < 3)
    g_error ("usage: shot-rome DATABASE JOB [COMPETENCY_ID] [CODE]");
  args = g_new0 (char *, 5);
  for (int i = 0; i < argc && i < 5; i++)
    args[i] = argv[i];
  gtk_init ();
  adw_init ();
  db = repere_db_open (argv[1], &error);
  g_assert_no_error (error);
  job = repere_db_find_job (db, argv[2], &error);
  g_assert_no_error (error);
  window = repere_window_new (NULL, db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  repere_window_select_job (window, job);
  g_object_set_data (G_OBJECT (window), "shot-page", find_job_page (GTK_WIDGET (window)));
  repere_window_load_bundled_rome (window);
  g_timeout_add (200, show, window);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
