/* test-print-ui.c: the window's print path (GtkPrintOperation) under Xvfb
 *
 * "Print List…" lays out and draws its pages in the print operation's
 * begin-print and draw-page handlers. GTK's export action runs the same
 * handlers without the dialog; the PDF it writes must list the jobs the
 * window shows, in its order, with the filters in the page header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "repere-chart.h"
#include "repere-print-ui.h"
#include "repere-views-page.h"
#include "repere-window.h"

static char *
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Text without whitespace: wrapped names compare with one-line ones. */
static char *
compact (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_print_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("repere-print-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "list.pdf", NULL);
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  RepereWindow *window;
  GListModel *jobs;
  RepereJobFilter filter = { .assessment = REPERE_DEFAULT_ASSESSMENT, .search = "assistance" };
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *squeezed = NULL;
  const char *cursor;

  g_assert_no_error (error);
  window = repere_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  repere_window_set_search (window, "assistance");
  drain ();
  jobs = repere_window_get_shown_jobs (window);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), <, 58);

  g_assert_true (repere_print_ui_export_list_with_gtk (GTK_WINDOW (window), db, jobs, &filter, pdf, &error));
  g_assert_no_error (error);

  {
    const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
    const char *pdftotext[] = { "pdftotext", "-raw", pdf, "-", NULL };
    info = run (pdfinfo);
    text = run (pdftotext);
  }
  /* A4 portrait, the default page setup. */
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (text, "Search: “assistance”"));
  g_assert_nonnull (strstr (text, "page 1 / "));
  squeezed = compact (text);
  cursor = squeezed;
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      g_autofree char *name = compact (repere_job_get_name (job));
      const char *found = strstr (cursor, name);
      if (found == NULL)
        g_error ("“%s” (row %u) missing or out of order", repere_job_get_name (job), i + 1);
      cursor = found + strlen (name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&db);
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_free (run (rm));
  }
}

/* The Views page's "Print…": the evolution of the core jobs through GTK's
 * print operation; every job of the chart, in its order, on pages with the
 * filter in the header and the "(continued)" title where it goes on. */
static void
test_print_view (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("repere-print-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "repere.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "view.pdf", NULL);
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  RepereJobFilter filter = { .assessment = "experts", .search = "assistance", .sort = REPERE_SORT_JOB };
  g_autoptr (RepereChart) chart = NULL;
  GtkWidget *window = gtk_window_new ();
  RepereViewsPage *page = repere_views_page_new ();
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *squeezed = NULL;
  const char *cursor;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  repere_views_page_set_db (page, db);
  repere_views_page_set_filter (page, &filter);
  repere_views_page_set_kind (page, REPERE_CHART_EVOLUTION);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_true (repere_views_page_print_to_pdf (page, pdf, &error));
  g_assert_no_error (error);

  chart = repere_chart_new (db, REPERE_CHART_EVOLUTION, &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (repere_chart_get_n_rows (chart), >, 10);
  {
    const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
    const char *pdftotext[] = { "pdftotext", "-raw", pdf, "-", NULL };
    info = run (pdfinfo);
    text = run (pdftotext);
  }
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (text, "Views — Experts métier assistance"));
  g_assert_nonnull (strstr (text, "Search: “assistance” · Sorted by: Job"));
  g_assert_nonnull (strstr (text, repere_chart_get_title (chart)));
  squeezed = compact (text);
  cursor = squeezed;
  for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
    {
      g_autofree char *name = compact (repere_chart_get_row (chart, i)->job_name);
      const char *found = strstr (cursor, name);
      if (found == NULL)
        g_error ("“%s” (row %u) missing or out of order", repere_chart_get_row (chart, i)->job_name, i + 1);
      cursor = found + strlen (name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&db);
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_free (run (rm));
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/print-ui/list", test_print_list);
  g_test_add_func ("/print-ui/view", test_print_view);
  return g_test_run ();
}
