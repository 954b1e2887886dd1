/* shot-passerelles.c: opens the window on a job's Passerelles part, on the
 * comparison of the job with one of its passerelles, or on a branch view,
 * for screenshots (not a test; issue 11)
 *
 *   shot-passerelles DATABASE JOB [compare INDEX | plan TARGET | view KIND]
 *
 * Loads the bundled referential when the database has none, then scrolls
 * the job page to its Passerelles part (to its development plan with
 * "plan", choosing TARGET's gap), opens the comparison with the
 * passerelle of rank INDEX + 1 over the window, or shows the Views page on
 * KIND ("passerelles", "shared-competencies").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "repere-job-page.h"
#include "repere-window.h"

static char **args;
static int n_shows;

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

static void
scroll_to (RepereJobPage *page, GtkWidget *part)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  if (gtk_widget_compute_point (part, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &point))
    {
      GtkAdjustment *adjustment
          = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      gtk_adjustment_set_value (adjustment, point.y - 12);
      if (g_getenv ("SHOT_DEBUG"))
        g_printerr ("scroll %g of %g\n", point.y, gtk_adjustment_get_upper (adjustment));
    }
}

static gboolean
show (gpointer data)
{
  RepereWindow *window = data;
  RepereJobPage *page;
  RepereJobPasserelles *part;

  if (repere_window_is_rome_loading (window))
    return G_SOURCE_CONTINUE;
  page = REPERE_JOB_PAGE (find_job_page (GTK_WIDGET (window)));
  part = repere_job_page_get_passerelles (page);
  if (g_getenv ("SHOT_DEBUG"))
    g_printerr ("part %p height %d\n", (void *) part,
                part ? gtk_widget_get_height (GTK_WIDGET (part)) : -1);
  if (part == NULL || gtk_widget_get_height (GTK_WIDGET (part)) == 0)
    return G_SOURCE_CONTINUE;
  /* The page settles (the fiche's pages, wrapped labels) before it scrolls. */
  if (++n_shows < 4)
    return G_SOURCE_CONTINUE;
  if (g_strcmp0 (args[3], "view") == 0)
    repere_window_show_view (window, args[4]);
  else if (g_strcmp0 (args[3], "compare") == 0)
    {
      GtkWindow *comparison = repere_job_passerelles_open_comparison (part, atoi (args[4]));
      if (g_getenv ("SHOT_DEBUG"))
        g_printerr ("comparison %p of %u mapped %d visible %d\n", (void *) comparison,
                    repere_job_passerelles_get_n_passerelles (part),
                    gtk_widget_get_mapped (GTK_WIDGET (comparison)),
                    gtk_widget_get_visible (GTK_WIDGET (comparison)));
      gtk_window_set_default_size (comparison, 1280, 800);
    }
  else if (g_strcmp0 (args[3], "plan") == 0)
    {
      RepereTrainingPlanView *plan = repere_job_page_get_training_plan (page);
      if (n_shows == 4)
        repere_training_plan_view_set_target (plan, args[4]);
      scroll_to (page, GTK_WIDGET (plan));
      return G_SOURCE_CONTINUE; /* until the screenshot: the page may settle late */
    }
  else
    {
      scroll_to (page, GTK_WIDGET (part));
      return G_SOURCE_CONTINUE; /* until the screenshot: the page may settle late */
    }
  return G_SOURCE_REMOVE;
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
    g_error ("usage: shot-passerelles DATABASE JOB [compare INDEX | plan TARGET | view KIND]");
  args = g_new0 (char *, 6);
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
  repere_window_load_bundled_rome (window);
  g_timeout_add (300, show, window);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
