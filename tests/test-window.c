/* test-window.c: the main window under Xvfb: filters, search, sorting, job page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/keysym.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "repere-application.h"
#include "repere-competency-page.h"
#include "repere-consistency-page.h"
#include "repere-consistency.h"
#include "repere-import-dialog.h"
#include "repere-job-page.h"
#include "repere-rating-window.h"
#include "repere-renderer.h"
#include "repere-score.h"
#include "repere-views-page.h"
#include "repere-window.h"
#include "repere-test-util.h"
#include "x11-test-keys.h"

typedef struct
{
  char *dir;
  RepereDb *db;
  RepereWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("repere-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "repere.db", NULL);
  f->db = repere_db_open (path, &error);
  g_assert_no_error (error);
  /* No GtkApplication: registering one needs a D-Bus session bus, which Xvfb
   * does not have. The window works the same without it. */
  f->window = repere_window_new (NULL, f->db);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "repere.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->db);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @done (@data) or @seconds pass. A timeout
 * wakes the loop every 100 ms, so that the deadline holds when nothing else
 * happens: a worker that failed and sends nothing more made a bare
 * g_main_context_iteration (NULL, TRUE) wait forever (issue 9). */
static void
iterate_until (gboolean (*done) (gpointer data), gpointer data, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint waker = g_timeout_add (100, wake, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
}

static gboolean
shown_includes (RepereWindow *window, const char *job_id)
{
  GListModel *jobs = repere_window_get_shown_jobs (window);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      if (g_strcmp0 (repere_job_get_id (job), job_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 58);

  repere_window_set_family_filter (f->window, "07");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 9);

  repere_window_set_core_only (f->window, TRUE);
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 0);

  repere_window_set_family_filter (f->window, NULL);
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 10);

  repere_window_set_core_only (f->window, FALSE);
  repere_window_set_classification_filter (f->window, "emergent");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 8);
  repere_window_set_classification_filter (f->window, NULL);
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 58);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  repere_window_set_search (f->window, "MEDECIN");
  drain ();
  g_assert_true (shown_includes (f->window, "medecin-d-assistance"));
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), <, 58);

  repere_window_set_search (f->window, "no such word anywhere");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 0);

  repere_window_set_search (f->window, "");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 58);
}

static RepereJobPage *job_page (RepereWindow *window);
static GtkWidget *find_descendant (GtkWidget *widget, GType type);

/* Issue 13: --job selects the job before the window shows; the list then
 * scrolls to it (Chargé d'assistance is 45th of 58 in the experts'
 * assessment, below the first screen). */
static void
test_select_before_shown (Fixture *f, gconstpointer data)
{
  RepereWindow *window = repere_window_new (NULL, f->db);
  GtkWidget *column_view = find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *scroller = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gint64 end;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 700);
  repere_window_select_job (window, "charge-d-assistance");
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_adjustment_get_value (adjustment) <= 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static RepereJob *
listed_job (RepereWindow *window, const char *id)
{
  GListModel *jobs = repere_window_get_shown_jobs (window);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      if (g_strcmp0 (repere_job_get_id (job), id) == 0)
        return job; /* the window's model keeps it */
    }
  return NULL;
}

/* Issue 13, item 8: the list is one model per assessment under GtkFilters.
 * Searching and filtering hide rows of the same jobs (the same objects, so
 * GTK keeps their rows), the search's order comes first, each row says why
 * it matched, and the open job's page is left as it is while it is listed. */
static void
test_filter_chain (Fixture *f, gconstpointer data)
{
  RepereJob *before, *during;
  GtkWidget *page = GTK_WIDGET (job_page (f->window));
  GtkWidget *title;
  g_autoptr (RepereJob) first = NULL;

  repere_window_select_job (f->window, "medecin-d-assistance");
  drain ();
  before = listed_job (f->window, "medecin-d-assistance");
  g_assert_nonnull (before);
  g_assert_null (repere_job_get_match_snippet (before));
  /* rebuilt by every repere_job_page_set_job() (the header is the template's) */
  title = GTK_WIDGET (repere_job_page_get_rome_fiche (REPERE_JOB_PAGE (page)));
  g_assert_nonnull (title);

  repere_window_set_search (f->window, "médecin d'assistance");
  drain ();
  during = listed_job (f->window, "medecin-d-assistance");
  g_assert_true (during == before);
  g_assert_nonnull (repere_job_get_match_snippet (during));
  first = g_list_model_get_item (repere_window_get_shown_jobs (f->window), 0);
  g_assert_cmpstr (repere_job_get_id (first), ==, "medecin-d-assistance");
  /* the page was not rebuilt: its Fiche ROME part is the same widget */
  g_assert_true (GTK_WIDGET (repere_job_page_get_rome_fiche (REPERE_JOB_PAGE (page))) == title);

  repere_window_set_core_only (f->window, TRUE);
  drain ();
  g_assert_true (listed_job (f->window, "medecin-d-assistance") == before);
  g_assert_true (GTK_WIDGET (repere_job_page_get_rome_fiche (REPERE_JOB_PAGE (page))) == title);

  /* a search that leaves it out closes it */
  repere_window_set_search (f->window, "plateaux");
  drain ();
  g_assert_null (listed_job (f->window, "medecin-d-assistance"));
  g_assert_false (GTK_WIDGET (repere_job_page_get_rome_fiche (REPERE_JOB_PAGE (page))) == title);

  /* back to no search: the same objects again, the snippet cleared */
  repere_window_set_core_only (f->window, FALSE);
  repere_window_set_search (f->window, "");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 58);
  g_assert_true (listed_job (f->window, "medecin-d-assistance") == before);
  g_assert_null (repere_job_get_match_snippet (before));
}

/* The assessment switch re-ranks the list: each assessment's first job is
 * its ranking table's rank 1. */
static void
test_assessment_switch (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *assessment;
    const char *first;
    double score;
  } expected[] = {
    { "experts", "gestionnaire-de-dossiers-d-assistance", 1.0 },
    { "pwc-revised", "statisticien-data-analyst", 1.0 },
    { "pwc-initial", "statisticien-data-analyst", 1.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GListModel *jobs;
      g_autoptr (RepereJob) first = NULL;
      g_autoptr (RepereJob) second = NULL;

      repere_window_set_assessment (f->window, expected[i].assessment);
      drain ();
      jobs = repere_window_get_shown_jobs (f->window);
      g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 58);
      first = g_list_model_get_item (jobs, 0);
      second = g_list_model_get_item (jobs, 1);
      g_assert_cmpstr (repere_job_get_id (first), ==, expected[i].first);
      g_assert_cmpint (repere_job_get_rank (first), ==, 1);
      g_assert_cmpfloat_with_epsilon (repere_job_get_score (first), expected[i].score, 1e-9);
      g_assert_cmpint (repere_job_get_rank (second), ==, 2);
    }
  /* Formateur d'assistance: rank 4 in the initial table, 2 in PwC revised, 7 for the experts. */
  repere_window_set_assessment (f->window, "pwc-revised");
  repere_window_set_core_only (f->window, TRUE);
  drain ();
  {
    g_autoptr (RepereJob) first = g_list_model_get_item (repere_window_get_shown_jobs (f->window), 0);
    g_assert_cmpstr (repere_job_get_id (first), ==, "formateur-d-assistance");
    g_assert_cmpint (repere_job_get_rank (first), ==, 2);
  }
}

static void
test_select_job (Fixture *f, gconstpointer data)
{
  repere_window_select_job (f->window, "medecin-d-assistance");
  drain ();
  /* The selection survives a filter that keeps the job, and the list still shows it. */
  repere_window_set_family_filter (f->window, "02");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 3);
  g_assert_true (shown_includes (f->window, "medecin-d-assistance"));
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static RepereJob *
shown_job (RepereWindow *window, guint position)
{
  return g_list_model_get_item (repere_window_get_shown_jobs (window), position);
}

/* The shown list is the search's relevance order (repere_db_list_jobs()). */
static void
assert_relevance_order (Fixture *f, const char *search)
{
  RepereJobFilter filter = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) hits = NULL;
  GListModel *jobs = repere_window_get_shown_jobs (f->window);

  filter.search = search;
  filter.sort = REPERE_SORT_RELEVANCE;
  hits = repere_db_list_jobs (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (hits)), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, g_list_model_get_n_items (G_LIST_MODEL (hits)));
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) shown = g_list_model_get_item (jobs, i);
      g_autoptr (RepereJob) hit = g_list_model_get_item (G_LIST_MODEL (hits), i);
      g_assert_cmpstr (repere_job_get_id (shown), ==, repere_job_get_id (hit));
    }
}

/* Issue 13, item 8: the columns and their sorters are repere-window.ui's.
 * Each header sorts by its column, in its own direction first (score and ♥
 * highest first); a search lists in its relevance order until a header is
 * clicked, and a new search starts in relevance order again. */
static void
test_columns (Fixture *f, gconstpointer data)
{
  static const char *const titles[] = { "Rank", "Job", "Family", "♥", "Score", "Classification" };
  GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (f->window), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *jobs = repere_window_get_shown_jobs (f->window);
  g_autoptr (GtkColumnViewColumn) job_column = NULL;
  g_autoptr (GtkColumnViewColumn) score_column = NULL;
  g_autoptr (RepereJob) first = NULL;
  guint n;

  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      g_assert_nonnull (gtk_column_view_column_get_factory (column));
      g_assert_true (gtk_column_view_column_get_resizable (column));
    }

  /* By rank at start. */
  n = g_list_model_get_n_items (jobs);
  g_assert_cmpuint (n, ==, 58);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr (RepereJob) a = g_list_model_get_item (jobs, i);
      g_autoptr (RepereJob) b = g_list_model_get_item (jobs, i + 1);
      g_assert_cmpint (repere_job_get_rank (a), <=, repere_job_get_rank (b));
    }
  first = g_list_model_get_item (jobs, 0);
  g_assert_cmpint (repere_job_get_rank (first), ==, 1);
  g_clear_object (&first);

  /* The score's header: highest first, then reversed. */
  score_column = g_list_model_get_item (columns, 4);
  for (int pass = 0; pass < 2; pass++)
    {
      gtk_column_view_sort_by_column (view, score_column, pass == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      drain ();
      for (guint i = 0; i + 1 < n; i++)
        {
          g_autoptr (RepereJob) a = g_list_model_get_item (jobs, i);
          g_autoptr (RepereJob) b = g_list_model_get_item (jobs, i + 1);
          if (pass == 0)
            g_assert_cmpfloat (repere_job_get_score (a), >=, repere_job_get_score (b));
          else
            g_assert_cmpfloat (repere_job_get_score (a), <=, repere_job_get_score (b));
        }
    }

  /* A search: its order, although the columns sort by score (lowest first). */
  repere_window_set_search (f->window, "assistance");
  drain ();
  assert_relevance_order (f, "assistance");

  /* The job's header during the search, both ways (one of them is not the
   * relevance order): by name, case aside. */
  job_column = g_list_model_get_item (columns, 1);
  for (int pass = 0; pass < 2; pass++)
    {
      gtk_column_view_sort_by_column (view, job_column, pass == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      drain ();
      for (guint i = 0; i + 1 < g_list_model_get_n_items (jobs); i++)
        {
          g_autoptr (RepereJob) a = g_list_model_get_item (jobs, i);
          g_autoptr (RepereJob) b = g_list_model_get_item (jobs, i + 1);
          g_autofree char *ka = g_utf8_casefold (repere_job_get_name (a), -1);
          g_autofree char *kb = g_utf8_casefold (repere_job_get_name (b), -1);
          if (pass == 0)
            g_assert_cmpint (g_utf8_collate (ka, kb), <=, 0);
          else
            g_assert_cmpint (g_utf8_collate (ka, kb), >=, 0);
        }
    }

  /* A new search starts in its own order again, whatever the columns' (now
   * highest score first: both score orders cannot be the relevance's). */
  repere_window_set_search (f->window, "");
  gtk_column_view_sort_by_column (view, score_column, GTK_SORT_ASCENDING);
  repere_window_set_search (f->window, "assistance");
  drain ();
  assert_relevance_order (f, "assistance");
}

/* Re-rating in a user assessment through the job page: the job goes to the
 * top with 1,00, the list re-ranks at once, and undo restores the published
 * table. */
static void
test_rerate_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  GtkWidget *page;

  gtk_window_destroy (GTK_WINDOW (f->window));
  id = repere_assessment_create (f->db, "Test company", "experts", &error);
  g_assert_no_error (error);
  f->window = repere_window_new (NULL, f->db);
  gtk_window_present (GTK_WINDOW (f->window));
  repere_window_set_assessment (f->window, id);
  drain ();
  {
    g_autoptr (RepereJob) first = shown_job (f->window, 0);
    g_assert_cmpstr (repere_job_get_id (first), ==, "gestionnaire-de-dossiers-d-assistance");
  }

  repere_window_select_job (f->window, "charge-d-assistance");
  drain ();
  page = find_descendant (GTK_WIDGET (f->window), REPERE_TYPE_JOB_PAGE);
  g_assert_nonnull (page);
  g_signal_emit_by_name (page, "rating-applied", 0, 0, 0, 2, 15);
  drain ();
  {
    g_autoptr (RepereJob) first = shown_job (f->window, 0);
    g_autoptr (RepereJob) second = shown_job (f->window, 1);
    g_assert_cmpstr (repere_job_get_id (first), ==, "charge-d-assistance");
    g_assert_cmpfloat_with_epsilon (repere_job_get_score (first), 1.0, 1e-9);
    g_assert_cmpint (repere_job_get_rank (first), ==, 1);
    /* Gestionnaire de dossiers d'assistance, 1,00 before, is scaled down. */
    g_assert_cmpstr (repere_job_get_id (second), ==, "gestionnaire-de-dossiers-d-assistance");
    g_assert_cmpfloat (repere_job_get_score (second), <, 0.5);
  }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  drain ();
  {
    g_autoptr (RepereJob) first = shown_job (f->window, 0);
    g_assert_cmpstr (repere_job_get_id (first), ==, "gestionnaire-de-dossiers-d-assistance");
    g_assert_cmpfloat_with_epsilon (repere_job_get_score (first), 1.0, 1e-9);
  }
  repere_window_set_search (f->window, "chargé d'assistance");
  drain ();
  g_assert_true (shown_includes (f->window, "charge-d-assistance"));
  for (guint i = 0; i < repere_window_get_n_jobs_shown (f->window); i++)
    {
      g_autoptr (RepereJob) job = shown_job (f->window, i);
      if (g_strcmp0 (repere_job_get_id (job), "charge-d-assistance") == 0)
        {
          g_assert_cmpfloat_with_epsilon (repere_job_get_score (job), 0.17, 1e-9);
          g_assert_cmpint (repere_job_get_rank (job), ==, 45);
          g_assert_false (repere_job_is_rated (job));
        }
    }
}

/* Runs the main loop for @ms milliseconds (the window refreshes its lists
 * 150 ms after a run of ratings). */
static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static double shown_score (RepereWindow *window, const char *job_id);

/* Runs the main loop until the list shows @score for @job_id (the window
 * refreshes it shortly after a run of ratings), or 10 s. */
static void
wait_for_score (RepereWindow *window, const char *job_id, double score)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (fabs (shown_score (window, job_id) - score) > 1e-9 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpfloat_with_epsilon (shown_score (window, job_id), score, 1e-9);
}

/* The rating grid of the open rating window, if any. */
static RepereRatingGrid *
find_rating_grid (void)
{
  GListModel *windows = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (windows, i);
      if (REPERE_IS_RATING_WINDOW (window))
        return repere_rating_window_get_grid (REPERE_RATING_WINDOW (window));
    }
  return NULL;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @view has drawn more than @n_draws times, or 5 s. */
static void
wait_for_draw (RepereChartView *view, guint n_draws)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (5000, on_timeout, &timed_out);

  while (repere_chart_view_get_n_draws (view) <= n_draws && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_assert_cmpuint (repere_chart_view_get_n_draws (view), >, n_draws);
}

/* The Views page draws each chart for the browser's filters; switching the
 * kind or a filter redraws it (criticals are fatal in the tests). */
static void
test_views (Fixture *f, gconstpointer data)
{
  RepereViewsPage *page = REPERE_VIEWS_PAGE (find_descendant (GTK_WIDGET (f->window), REPERE_TYPE_VIEWS_PAGE));
  RepereChartView *view = repere_views_page_get_chart_view (page);
  g_autofree char *png = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (repere_window_show_view (f->window, "ranking"));
  g_assert_false (repere_window_show_view (f->window, "pie"));
  wait_for_draw (view, 0);
  g_assert_cmpint (repere_chart_view_get_chart_width (view), >=, 480);
  g_assert_cmpuint (repere_chart_get_n_rows (repere_chart_view_get_chart (view)), ==, 58);

  /* Every other kind, then back to the ranking. */
  for (guint k = 1; k <= REPERE_CHART_N_KINDS; k++)
    {
      RepereChartKind kind = k % REPERE_CHART_N_KINDS;
      guint before = repere_chart_view_get_n_draws (view);
      g_assert_true (repere_window_show_view (f->window, repere_chart_kind_id (kind)));
      g_assert_cmpint (repere_views_page_get_kind (page), ==, kind);
      g_assert_cmpint (repere_chart_get_kind (repere_chart_view_get_chart (view)), ==, kind);
      wait_for_draw (view, before);
    }

  /* The browser's filter and assessment follow. */
  repere_window_show_view (f->window, "ranking");
  repere_window_set_family_filter (f->window, "07");
  repere_window_set_assessment (f->window, "pwc-initial");
  drain ();
  {
    RepereChart *chart = repere_chart_view_get_chart (view);
    g_assert_cmpuint (repere_chart_get_n_rows (chart), ==, 9);
    g_assert_cmpstr (repere_chart_get_assessment (chart), ==, "pwc-initial");
    for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
      g_assert_cmpstr (repere_chart_get_row (chart, i)->family_code, ==, "07");
  }

  /* Evolution compares with the chosen assessment. */
  repere_window_show_view (f->window, "evolution");
  repere_views_page_set_compare (page, "experts");
  g_assert_cmpstr (repere_chart_get_other_assessment (repere_chart_view_get_chart (view)), ==, "experts");

  dir = g_dir_make_tmp ("repere-views-XXXXXX", &error);
  g_assert_no_error (error);
  png = g_build_filename (dir, "evolution.png", NULL);
  g_assert_true (repere_views_page_export (page, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_unlink (png);
  g_rmdir (dir);
}

/* The Consistency page lists every finding of the report, grouped by kind;
 * activating one shows its job with the filters off. */
static void
test_consistency_page (Fixture *f, gconstpointer data)
{
  RepereConsistencyPage *page
      = REPERE_CONSISTENCY_PAGE (find_descendant (GTK_WIDGET (f->window), REPERE_TYPE_CONSISTENCY_PAGE));
  g_autoptr (GPtrArray) findings = repere_consistency_check_study (f->db, NULL);
  g_autoptr (GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (findings);
  /* Issue 13 (start-up): nothing built before the page is first shown. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (find_descendant (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_GROUP));
  for (guint i = 0; i < findings->len; i++)
    g_hash_table_add (kinds, ((RepereFinding *) g_ptr_array_index (findings, i))->kind);
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpuint (repere_consistency_page_get_n_findings (page), ==, findings->len);
  g_assert_cmpuint (repere_consistency_page_get_n_groups (page), ==, 1 + g_hash_table_size (kinds));

  g_assert_true (repere_window_show_view (f->window, "consistency"));
  repere_window_set_family_filter (f->window, "07");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 9);
  g_signal_emit_by_name (page, "job-activated", "medecin-d-assistance", "pwc-revised");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 58);
  g_assert_true (shown_includes (f->window, "medecin-d-assistance"));
}

/* ROME competencies on the job page (issue 4) */

/* A small ROME referential written straight into the tables of schema 4:
 * D1408 (mapped to Chargé d'assistance and Chargé d'accueil d'assistance by
 * the bundled mapping) with two savoir-faire, a savoir-être and a savoir. */
static void
load_rome_fixture (RepereDb *db)
{
  char *message = NULL;

  if (sqlite3_exec (repere_db_get_handle (db),
                    "INSERT INTO import_batch (id, kind, label, started_at) VALUES"
                    " (100, 'rome', 'ROME fixture', '2025-01-01T00:00:00Z');"
                    "INSERT INTO rome_code (code, title, ogr, parent_code, batch_id) VALUES"
                    " ('D1408', 'Conseiller / Conseillère clientèle à distance', 1, 'D1408', 100);"
                    "INSERT INTO competency (id, nature, label, category, subcategory, macro_id, batch_id) VALUES"
                    " (500, 'macro', 'Développer et fidéliser la relation client', 'Savoir-faire', 'Transverse', NULL, 100),"
                    " (501, 'competence', 'Développer une relation de confiance', 'Savoir-faire', 'Technique', 500, 100),"
                    " (502, 'macro', 'Faire preuve d''écoute', 'Savoir-être professionnel', 'Transverse', NULL, 100),"
                    " (503, 'savoir', 'Techniques de vente à distance', 'Techniques professionnelles', '', NULL, 100);"
                    "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id) VALUES"
                    " ('D1408', 500, 'savoir-faire', 'principale', 100), ('D1408', 501, 'savoir-faire', '', 100),"
                    " ('D1408', 502, 'savoir-etre', 'emergente', 100), ('D1408', 503, 'savoir', '', 100);"
                    "INSERT INTO competency_search (competency_search) VALUES ('rebuild');",
                    NULL, NULL, &message)
      != SQLITE_OK)
    g_error ("%s", message);
}

static RepereJobPage *
job_page (RepereWindow *window)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (window), REPERE_TYPE_JOB_PAGE);
  g_assert_nonnull (page);
  return REPERE_JOB_PAGE (page);
}

static double
shown_score (RepereWindow *window, const char *job_id)
{
  GListModel *jobs = repere_window_get_shown_jobs (window);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      if (g_strcmp0 (repere_job_get_id (job), job_id) == 0)
        return repere_job_get_score (job);
    }
  g_assert_not_reached ();
}

static void
test_competencies_without_rome (Fixture *f, gconstpointer data)
{
  repere_window_select_job (f->window, "charge-d-assistance");
  drain ();
  g_assert_true (repere_job_page_has_rome_notice (job_page (f->window)));
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->window)));
}

/* Rating a competency on the job page moves the job's score in the list at
 * once; clearing it restores the published one; search and the
 * competency's page lead to the jobs that share it. */
static void
test_competencies_rate (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  GtkWindow *dialog;
  RepereCompetencyPage *competency;
  RepereRatingGrid *grid;

  gtk_window_destroy (GTK_WINDOW (f->window));
  load_rome_fixture (f->db);
  id = repere_assessment_create (f->db, "Test company", "experts", &error);
  g_assert_no_error (error);
  f->window = repere_window_new (NULL, f->db);
  gtk_window_present (GTK_WINDOW (f->window));
  repere_window_set_assessment (f->window, id);
  repere_window_select_job (f->window, "charge-d-assistance");
  drain ();
  g_assert_false (repere_job_page_has_rome_notice (job_page (f->window)));
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), ==, 4);
  g_assert_cmpfloat_with_epsilon (shown_score (f->window, "charge-d-assistance"), 0.17, 1e-9);

  /* The job's rating grid, from the job page (issue 10). */
  g_signal_emit_by_name (job_page (f->window), "rate-requested", "charge-d-assistance");
  drain ();
  grid = find_rating_grid ();
  g_assert_nonnull (grid);
  g_assert_cmpuint (g_list_model_get_n_items (repere_rating_grid_get_shown (grid)), ==, 4);
  /* One of four rated: a draft, no score moves. */
  repere_rating_grid_focus_row (grid, 0);
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.rate", "i", 5));
  wait_ms (300);
  g_assert_cmpfloat_with_epsilon (shown_score (f->window, "charge-d-assistance"), 0.17, 1e-9);
  g_assert_nonnull (strstr (repere_rating_grid_get_progress_text (grid), "1 / 4"));
  /* Applied: the job's counts (0, 0, 0, 0, 1) give it 1,00. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.apply", NULL));
  wait_for_score (f->window, "charge-d-assistance", 1.0);
  g_assert_cmpfloat (shown_score (f->window, "gestionnaire-de-dossiers-d-assistance"), <, 0.5);
  /* Undo (Ctrl+Z in the main window) takes back the apply, then the rating. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  wait_for_score (f->window, "charge-d-assistance", 0.17);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  wait_ms (300);
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (f->db), "SELECT count (*) FROM rating", NULL), ==, 0);
  /* Redo brings the rating back, the grid shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  wait_ms (300);
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (f->db),
                                          "SELECT level FROM rating WHERE competency_id = '500'", NULL),
                   ==, 5);
  {
    g_autoptr (RepereRatingItem) first = g_list_model_get_item (repere_rating_grid_get_shown (grid), 0);
    g_assert_cmpint (repere_rating_item_get_level (first), ==, 5);
  }
  /* The study's assessments cannot be rated. */
  {
    g_autoptr (GError) grid_error = NULL;
    g_assert_null (repere_rating_window_new (GTK_WINDOW (f->window), f->db, NULL, "experts", "charge-d-assistance",
                                             &grid_error));
    g_assert_error (grid_error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY);
  }

  /* Accent-insensitive search over the 58 jobs' competencies. */
  repere_job_page_search_competencies (job_page (f->window), "developper");
  g_assert_cmpuint (repere_job_page_get_n_search_hits (job_page (f->window)), ==, 2);
  repere_job_page_search_competencies (job_page (f->window), "ÉCOUTE");
  g_assert_cmpuint (repere_job_page_get_n_search_hits (job_page (f->window)), ==, 1);

  /* The competency's page lists both jobs mapped to D1408; choosing one
   * shows it and closes the page. */
  dialog = repere_job_page_show_competency (job_page (f->window), 502);
  g_assert_nonnull (dialog);
  competency = repere_competency_dialog_get_page (dialog);
  g_assert_cmpuint (repere_competency_page_get_n_jobs (competency), ==, 2);
  repere_window_set_family_filter (f->window, "13");
  drain ();
  repere_competency_page_activate_job (competency, "charge-d-accueil-d-assistance");
  drain ();
  g_assert_true (shown_includes (f->window, "charge-d-accueil-d-assistance"));
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), ==, 58);
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), ==, 4);

  /* The study's assessments show the competencies too. */
  repere_window_set_assessment (f->window, "experts");
  drain ();
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), ==, 4);
}

static void
on_imported (RepereImportDialog *dialog, const char *message, guint *count)
{
  (*count)++;
}

static gboolean
import_settled (gpointer dialog)
{
  RepereImportState state = repere_import_dialog_get_state (dialog);
  return state != REPERE_IMPORT_READING && state != REPERE_IMPORT_APPLYING;
}

/* Waits until the dialog's worker is done, then asserts it reached @state:
 * a failure fails the test at once, with the dialog's text. */
static void
wait_state (RepereImportDialog *dialog, RepereImportState state)
{
  iterate_until (import_settled, dialog, 60);
  g_test_message ("%s", repere_import_dialog_get_text (dialog));
  g_assert_cmpint (repere_import_dialog_get_state (dialog), ==, state);
}

/* The import dialog on ../shared/rome/v460: preview, apply, summary; then
 * every job page has its competencies (acceptance 6 of issue 4). */
static void
test_import_dialog (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (g_getenv ("REPERE_ROME_V460") ? g_getenv ("REPERE_ROME_V460") : "", NULL);
  RepereImportDialog *dialog;
  guint imported = 0;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/rome/v460 is absent");
      return;
    }
  /* Staging tables that an import could not drop ("database table is
   * locked": another statement of the connection was active) do not stop
   * the next import: it drops them (issue 9). */
  g_assert_true (repere_sql_exec (repere_db_get_handle (f->db),
                                  "CREATE TEMP TABLE rome_stage_grand_domain (code TEXT, label TEXT)", NULL));
  /* A folder without ROME files fails, and changes nothing. */
  dialog = repere_import_dialog_new (GTK_WINDOW (f->window), f->db, f->dir);
  wait_state (dialog, REPERE_IMPORT_FAILED);
  repere_import_dialog_cancel (dialog);

  dialog = repere_import_dialog_new (GTK_WINDOW (f->window), f->db, dir);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);
  wait_state (dialog, REPERE_IMPORT_PREVIEW);
  g_assert_nonnull (strstr (repere_import_dialog_get_text (dialog), "v460"));
  g_assert_nonnull (strstr (repere_import_dialog_get_text (dialog), "1584"));
  repere_import_dialog_apply (dialog);
  wait_state (dialog, REPERE_IMPORT_DONE);
  g_assert_cmpuint (imported, ==, 1);
  repere_import_dialog_cancel (dialog);
  drain ();

  repere_window_select_job (f->window, "charge-d-assistance");
  drain ();
  g_assert_false (repere_job_page_has_rome_notice (job_page (f->window)));
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), >=, 20);

  /* The same version again: nothing to apply, said so. */
  dialog = repere_import_dialog_new (GTK_WINDOW (f->window), f->db, dir);
  wait_state (dialog, REPERE_IMPORT_DONE);
  g_assert_nonnull (strstr (repere_import_dialog_get_text (dialog), "Nothing changes"));
  repere_import_dialog_cancel (dialog);
  drain ();

  /* Rolling back the only import, from the menu's question: no referential
   * remains and the job page says so again. */
  {
    AdwMessageDialog *question = repere_rome_rollback_choose (GTK_WINDOW (f->window), f->db, NULL, NULL);

    g_assert_nonnull (question);
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), "ROME v460"));
    adw_message_dialog_response (question, "rollback");
    drain ();
    g_assert_cmpint (repere_test_query_int (repere_db_get_handle (f->db), "SELECT count (*) FROM rome_code", NULL), ==,
                     0);
    /* Nothing left to roll back: a message, no question. */
    g_assert_null (repere_rome_rollback_choose (GTK_WINDOW (f->window), f->db, NULL, NULL));
  }

  /* Restoring the bundled mapping, after a user's mapping replaced it. */
  {
    AdwMessageDialog *question;

    g_assert_true (repere_sql_exec (repere_db_get_handle (f->db), "DELETE FROM job_rome", NULL));
    question = repere_restore_mapping_choose (GTK_WINDOW (f->window), f->db, NULL, NULL);
    adw_message_dialog_response (question, "restore");
    drain ();
    g_assert_cmpint (repere_test_query_int (repere_db_get_handle (f->db), "SELECT count (*) FROM job_rome", NULL), ==,
                     90);
  }
}

/* Issue 9: on a new database the window loads the bundled referential after
 * its first frame, on a worker thread; meanwhile the job page says the
 * competencies are loading, then shows them and the Fiche ROME part, whose
 * mobility targets lead to the referential's jobs. */
static gboolean
rome_loaded (gpointer window)
{
  return !repere_window_is_rome_loading (window);
}

static void
test_rome_bundled (Fixture *f, gconstpointer data)
{
  RepereRomeFicheView *fiche;
  GtkWidget *top;

  repere_window_select_job (f->window, "charge-d-assistance");
  drain ();
  g_assert_true (repere_job_page_has_rome_notice (job_page (f->window)));
  g_assert_true (repere_window_load_bundled_rome (f->window));
  g_assert_true (repere_window_is_rome_loading (f->window));
  g_assert_true (repere_job_page_is_rome_loading (job_page (f->window)));
  g_assert_false (repere_job_page_has_rome_notice (job_page (f->window)));
  /* the page's top, which the load leaves as it is (its ROME parts only
   * are built again: a screen reader keeps its place) */
  drain ();
  repere_job_page_build_all (job_page (f->window));
  top = find_descendant (GTK_WIDGET (job_page (f->window)), GTK_TYPE_GRID);
  g_assert_nonnull (top);
  g_object_add_weak_pointer (G_OBJECT (top), (gpointer *) &top);
  /* the window keeps answering while it loads */
  repere_window_set_search (f->window, "médecin");
  drain ();
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), <, 58);
  g_assert_cmpuint (repere_window_get_n_jobs_shown (f->window), >, 0);
  repere_window_set_search (f->window, "");
  iterate_until (rome_loaded, f->window, 120);
  g_assert_false (repere_window_is_rome_loading (f->window));
  drain ();
  g_assert_false (repere_job_page_is_rome_loading (job_page (f->window)));
  g_assert_false (repere_job_page_has_rome_notice (job_page (f->window)));
  /* D1408: 17 savoir-faire, 4 savoir-être, 25 savoirs */
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), ==, 46);
  g_assert_nonnull (top);
  g_assert_true (gtk_widget_is_ancestor (top, GTK_WIDGET (job_page (f->window))));
  g_object_remove_weak_pointer (G_OBJECT (top), (gpointer *) &top);
  fiche = repere_job_page_get_rome_fiche (job_page (f->window));
  g_assert_nonnull (fiche);
  g_assert_cmpuint (repere_rome_fiche_view_get_n_codes (fiche), ==, 1);
  g_assert_cmpstr (repere_rome_fiche_view_get_code (fiche), ==, "D1408");
  /* not loaded twice */
  g_assert_false (repere_window_load_bundled_rome (f->window));
  /* K2111 Formateur is a mobility target of D1408, mapped to Formateur d'assistance */
  repere_rome_fiche_view_request_job (fiche, "formateur-d-assistance");
  drain ();
  fiche = repere_job_page_get_rome_fiche (job_page (f->window));
  g_assert_cmpstr (repere_rome_fiche_view_get_code (fiche), ==, "K2111");
  /* a job with two codes gets a page per code */
  repere_window_select_job (f->window, "medecin-d-assistance");
  drain ();
  g_assert_cmpuint (repere_rome_fiche_view_get_n_codes (repere_job_page_get_rome_fiche (job_page (f->window))), ==, 2);
}


/* Keyboard, for real ------------------------------------------------------ */

/* The row widget of the job list that shows @job (its name cell's label),
 * or NULL when it has none (off screen). */
static GtkWidget *
row_of_job (RepereWindow *window, RepereJob *job)
{
  GtkWidget *view = find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list = find_descendant (view, GTK_TYPE_LIST_VIEW);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr (GPtrArray) stack = g_ptr_array_new ();
      g_ptr_array_add (stack, row);
      while (stack->len)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
          if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), repere_job_get_name (job)) == 0
              && gtk_widget_get_visible (row))
            return row;
          for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (stack, c);
        }
    }
  return NULL;
}

/* The job whose row holds the keyboard focus, or NULL when the focus is
 * not in the list. */
static RepereJob *
focused_job (RepereWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *view = find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  GListModel *jobs = repere_window_get_shown_jobs (window);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, view))
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      GtkWidget *row = row_of_job (window, job);
      if (row && (focus == row || gtk_widget_is_ancestor (focus, row)))
        return job;
    }
  return NULL;
}

static const char *
focus_name (RepereWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  return focus ? G_OBJECT_TYPE_NAME (focus) : "nothing";
}

/* The job selected in the list (its selection model's). */
static RepereJob *
selected_job (RepereWindow *window)
{
  GtkWidget *view = find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

typedef struct
{
  Fixture *f;
  RepereJob *was;
} Moved;

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0;
}

/* The row of @was is built and laid out. */
static gboolean
row_laid_out (gpointer data)
{
  Moved *m = data;
  GtkWidget *row = row_of_job (m->f->window, m->was);
  return row && gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0;
}

/* Runs the main loop until @done (@data) or 10 s (iterate_until()). */
static gboolean
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  iterate_until (done, data, 10);
  return done (data);
}

/* The window gets the X keyboard focus (Xvfb runs no window manager). */
static void
focus_window (Fixture *f)
{
  repere_test_x_focus (GTK_WIDGET (f->window));
  drain ();
}

/* One real key press and release (XTest), with Shift when @shift, sent to
 * the window once it has the X keyboard focus. */
static void
press (Fixture *f, KeySym keysym, gboolean shift)
{
  focus_window (f);
  repere_test_x_press (GTK_WIDGET (f->window), keysym, shift);
}

/* Presses the key (press()) and runs the main loop until the keyboard
 * focus moves, for 20 s at most. The tests beside this one present windows
 * on the same display, and with no window manager a window presented takes
 * the X focus: a key that went there moved nothing here, and it is sent
 * again once the window has the focus back. Returns whether it moved. */
static gboolean
press_and_wait (Fixture *f, KeySym keysym, gboolean shift)
{
  GtkRoot *root = GTK_ROOT (f->window);
  GtkWidget *before = gtk_root_get_focus (root);
  gint64 start = g_get_monotonic_time ();
  gint64 sent = start;

  press (f, keysym, shift);
  while (gtk_root_get_focus (root) == before && g_get_monotonic_time () < start + 20 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (!gtk_window_is_active (GTK_WINDOW (f->window)) && g_get_monotonic_time () > sent + G_USEC_PER_SEC)
        {
          g_test_message ("the window lost the X focus: the key is sent again");
          press (f, keysym, shift);
          sent = g_get_monotonic_time ();
        }
    }
  return gtk_root_get_focus (root) != before;
}

/* The window's error dialog whose text holds @text, or %NULL. */
static AdwMessageDialog *
find_error_dialog (RepereWindow *window, const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (toplevel)), text))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Issue 9: when the bundled load fails on its worker (here a trigger of
 * the database refuses its rows), the window hears of it: the job page
 * stops saying the competencies are loading, an error dialog says why, and
 * the database keeps no part of the referential. */
/* The texts of the labels under @widget, in the order of the page. */
static void
collect_label_texts (GtkWidget *widget, GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static int
label_index (GPtrArray *texts, const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return i;
  return -1;
}

static gboolean
has_use_cases (gpointer page)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();

  collect_label_texts (page, texts);
  return label_index (texts, "Generative AI use cases") >= 0;
}

/* Issue 9 (the first frame): a job's page shows its top at once, and the
 * parts below the fold once its top is painted, in the same order as
 * before: the study's texts, the use cases, then the ROME parts. */
static void
test_job_page_parts (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) top = g_ptr_array_new ();
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  RepereJobPage *page = job_page (f->window);
  int specifics, short_term, scenario, use_cases, competencies;

  repere_window_select_job (f->window, "medecin-d-assistance");
  drain ();
  repere_window_select_job (f->window, "charge-d-assistance");
  collect_label_texts (GTK_WIDGET (page), top);
  g_assert_cmpint (label_index (top, "Job specifics"), >=, 0);
  g_assert_cmpint (label_index (top, "Short-term applications of generative AI"), <, 0);
  g_assert_cmpint (label_index (top, "Five-year scenario"), <, 0);
  g_assert_cmpint (label_index (top, "Generative AI use cases"), <, 0);
  /* once painted, the rest comes without anyone asking */
  iterate_until (has_use_cases, page, 30);
  collect_label_texts (GTK_WIDGET (page), all);
  specifics = label_index (all, "Job specifics");
  short_term = label_index (all, "Short-term applications of generative AI");
  scenario = label_index (all, "Five-year scenario");
  use_cases = label_index (all, "Generative AI use cases");
  competencies = label_index (all, "ROME competencies");
  g_assert_cmpint (specifics, >=, 0);
  g_assert_cmpint (short_term, >, specifics);
  g_assert_cmpint (scenario, >, short_term);
  g_assert_cmpint (use_cases, >, scenario);
  g_assert_cmpint (competencies, >, use_cases);
  /* a job outside the 10 core ones: the note in its top, nothing after */
  repere_window_select_job (f->window, "acheteur");
  g_ptr_array_set_size (top, 0);
  collect_label_texts (GTK_WIDGET (page), top);
  g_assert_cmpint (label_index (top, "The study has a transformation fiche, with texts and use cases, only for the "
                                     "10 core assistance jobs."),
                   >=, 0);
}

/* Issue 9 (layout): with the bundled referential, every job's page asks
 * the window for the same width, its parts after the first frame built or
 * not, so that the list and the page part at the same place and the leaflet
 * folds at the same window width whatever the job. Assistant's three
 * mobility jobs side by side made its page 695 px wide at least; the study's
 * classifications, 442 to 512 px. */
static void
test_job_page_same_width (Fixture *f, gconstpointer data)
{
  RepereJobPage *page = job_page (f->window);
  GtkWidget *bin = gtk_widget_get_parent (GTK_WIDGET (page));
  GListModel *jobs;
  int first_min = -1, first_nat = -1;
  guint n;

  g_assert_true (repere_window_load_bundled_rome (f->window));
  iterate_until (rome_loaded, f->window, 120);
  g_assert_false (repere_window_is_rome_loading (f->window));
  jobs = repere_window_get_shown_jobs (f->window);
  n = g_list_model_get_n_items (jobs);
  g_assert_cmpuint (n, ==, 58);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      int min, nat, top_min, top_nat;

      repere_window_select_job (f->window, repere_job_get_id (job));
      gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, -1, &top_min, &top_nat, NULL, NULL);
      repere_job_page_build_all (page);
      gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      if (first_min < 0)
        {
          first_min = min;
          first_nat = nat;
        }
      if (min != first_min || nat != first_nat || top_min != min || top_nat != nat)
        g_error ("%s: the page asks %d..%d px (%d..%d before its parts after the first frame), the first job "
                 "%d..%d px",
                 repere_job_get_id (job), min, nat, top_min, top_nat, first_min, first_nat);
    }
  g_assert_cmpint (first_nat, >, first_min);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Issue 9: asked before the window is shown (as RepereApplication does, so
 * that the job page is built once, in its loading state), the load waits
 * for the window's first frame, then runs. */
static void
test_rome_bundled_before_shown (Fixture *f, gconstpointer data)
{
  sqlite3 *handle = repere_db_get_handle (f->db);
  RepereWindow *window = repere_window_new (NULL, f->db);

  g_assert_true (repere_window_load_bundled_rome (window));
  repere_window_select_job (window, "charge-d-assistance");
  g_assert_true (repere_window_is_rome_loading (window));
  g_assert_true (repere_job_page_is_rome_loading (job_page (window)));
  g_assert_false (repere_job_page_has_rome_notice (job_page (window)));
  /* not shown: nothing starts */
  iterate_until (never, NULL, 1);
  g_assert_true (repere_window_is_rome_loading (window));
  g_assert_cmpint (repere_test_query_int (handle, "SELECT count (*) FROM rome_batch", NULL), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (rome_loaded, window, 120);
  g_assert_false (repere_window_is_rome_loading (window));
  drain ();
  g_assert_cmpint (repere_test_query_int (handle, "SELECT count (*) FROM rome_batch", NULL), ==, 1);
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (window)), ==, 46);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_rome_bundled_error (Fixture *f, gconstpointer data)
{
  sqlite3 *handle = repere_db_get_handle (f->db);
  AdwMessageDialog *dialog;

  g_assert_true (repere_sql_exec (handle,
                                  "CREATE TRIGGER test_refuse BEFORE INSERT ON rome_grand_domain"
                                  " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                  NULL));
  repere_window_select_job (f->window, "charge-d-assistance");
  drain ();
  g_assert_true (repere_window_load_bundled_rome (f->window));
  g_assert_true (repere_job_page_is_rome_loading (job_page (f->window)));
  iterate_until (rome_loaded, f->window, 120);
  g_assert_false (repere_window_is_rome_loading (f->window));
  drain ();
  g_assert_false (repere_job_page_is_rome_loading (job_page (f->window)));
  g_assert_true (repere_job_page_has_rome_notice (job_page (f->window)));
  dialog = find_error_dialog (f->window, "refused by the test");
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (repere_test_query_int (handle, "SELECT count (*) FROM rome_grand_domain", NULL), ==, 0);
  g_assert_cmpint (repere_test_query_int (handle, "SELECT count (*) FROM rome_batch", NULL), ==, 0);
  /* Once the cause is gone, it loads. */
  g_assert_true (repere_sql_exec (handle, "DROP TRIGGER test_refuse", NULL));
  g_assert_true (repere_window_load_bundled_rome (f->window));
  iterate_until (rome_loaded, f->window, 120);
  drain ();
  g_assert_null (find_error_dialog (f->window, "refused by the test"));
  g_assert_cmpuint (repere_job_page_get_n_competencies (job_page (f->window)), ==, 46);
}

/* The controls of @widget's subtree a Tab press can reach now: shown
 * buttons and activatable rows (an expander's header), counted in @n; and
 * the read-only rows (neither activatable nor holding a control) in
 * @n_read_only. */
static void
count_fiche_controls (GtkWidget *widget, guint *n, guint *n_read_only)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) && gtk_widget_is_sensitive (widget))
    (*n)++;
  else if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_EXPANDER_ROW (widget))
    {
      if (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
        (*n)++;
      else
        (*n_read_only)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    count_fiche_controls (child, n, n_read_only);
}

/* Walks the job page with Tab (@direction forward or backward) as
 * gtk_window's focus chain does; returns the stops in order. */
static GPtrArray *
tab_walk (Fixture *f, GtkWidget *page, GtkDirectionType direction)
{
  GtkRoot *root = GTK_ROOT (f->window);
  GPtrArray *stops = g_ptr_array_new ();

  gtk_root_set_focus (root, NULL);
  for (;;)
    {
      GtkWidget *before = gtk_root_get_focus (root);
      GtkWidget *focus;

      if (!gtk_widget_child_focus (page, direction))
        break;
      focus = gtk_root_get_focus (root);
      if (focus == before)
        g_error ("Tab stop %u: a widget of the job page claimed the Tab, the focus stayed on %s", stops->len + 1,
                 before ? G_OBJECT_TYPE_NAME (before) : "nothing");
      g_assert_true (gtk_widget_is_ancestor (focus, page));
      g_ptr_array_add (stops, focus);
      g_assert_cmpuint (stops->len, <, 500);
    }
  return stops;
}

/* The nearest part of the job page holding @widget, for a message. */
static const char *
part_of (GtkWidget *widget, GtkWidget *page)
{
  for (GtkWidget *w = widget; w && w != page; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Repere") && w != widget)
      return G_OBJECT_TYPE_NAME (w);
  return "the job page";
}

/* Walks the page of @job_id with Tab and Shift+Tab (tab_walk()): the same
 * stops both ways, and none a read-only row (neither activatable nor
 * holding a control: the job page's use cases, the fiche's notes, the
 * Fiche ROME's work contexts and targets, the plan's competencies and the
 * study's advice; issue 13). The number of stops in @n_stops, of read-only
 * rows shown in @n_read_only. Returns the forward stops. */
static GPtrArray *
walk_job_page (Fixture *f, const char *job_id, guint *n_read_only)
{
  GtkWidget *page = GTK_WIDGET (job_page (f->window));
  g_autoptr (GPtrArray) backward = NULL;
  GPtrArray *forward;
  guint controls = 0;

  repere_window_select_job (f->window, job_id);
  drain ();
  /* the parts the page adds after its first frame */
  repere_job_page_build_all (job_page (f->window));
  drain ();
  forward = tab_walk (f, page, GTK_DIR_TAB_FORWARD);
  for (guint i = 0; i < forward->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (forward, i);

      /* A row that does nothing is no stop. */
      if (GTK_IS_LIST_BOX_ROW (focus) && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus)))
        g_error ("%s: Tab stop %u is a read-only row of %s (%s)", job_id, i + 1, part_of (focus, page),
                 ADW_IS_PREFERENCES_ROW (focus) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus))
                                                : G_OBJECT_TYPE_NAME (focus));
    }
  *n_read_only = 0;
  count_fiche_controls (page, &controls, n_read_only);
  /* Shift+Tab: the same stops, in the reverse order. */
  backward = tab_walk (f, page, GTK_DIR_TAB_BACKWARD);
  g_assert_cmpuint (backward->len, ==, forward->len);
  for (guint i = 0; i < forward->len; i++)
    g_assert_true (g_ptr_array_index (backward, backward->len - 1 - i) == g_ptr_array_index (forward, i));
  return forward;
}

/* The read-only rows shown under @widget (count_fiche_controls()). */
static guint
n_read_only_rows (GtkWidget *widget)
{
  guint controls = 0, read_only = 0;

  count_fiche_controls (widget, &controls, &read_only);
  return read_only;
}

/* Issue 13: Tab walks the whole job page. Each step of the focus chain
 * (what one Tab press does) either moves the focus to a control of the page
 * or leaves the page; none claims the Tab and keeps the focus where it was
 * (GTK 4.8's selectable labels did, so that Tab stopped at the job's title
 * and never reached the Fiche ROME part). With the bundled referential, the
 * walk reaches the fiche's mobility buttons, and in the fiche it stops on
 * its controls only. No read-only row of the page is a stop: they were 21
 * stops in Acheteur's fiche for its 3 buttons and 3 expanders, 12 more for
 * the 4 competencies to strengthen and the 8 pieces of the study's advice
 * of its training plan (65 stops in all, 53 now), and Chargé d'assistance's
 * 27 use cases and 2 notes of its fiche were 29 stops. */
static void
test_job_page_tab (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) forward = NULL;
  g_autoptr (GPtrArray) other = NULL;
  g_autoptr (GPtrArray) in_fiche = g_ptr_array_new ();
  GtkWidget *fiche;
  GtkWidget *plan;
  guint fiche_buttons = 0, controls = 0, read_only = 0, page_read_only = 0;

  if (g_file_test (g_getenv ("REPERE_ROME_V460") ? g_getenv ("REPERE_ROME_V460") : "", G_FILE_TEST_IS_DIR))
    {
      g_assert_true (repere_window_load_bundled_rome (f->window));
      iterate_until (rome_loaded, f->window, 120);
      g_assert_false (repere_window_is_rome_loading (f->window));
      drain ();
    }
  forward = walk_job_page (f, "acheteur", &page_read_only);
  fiche = GTK_WIDGET (repere_job_page_get_rome_fiche (job_page (f->window)));
  plan = GTK_WIDGET (repere_job_page_get_training_plan (job_page (f->window)));
  for (guint i = 0; i < forward->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (forward, i);
      if (fiche == NULL || !gtk_widget_is_ancestor (focus, fiche))
        continue;
      g_ptr_array_add (in_fiche, focus);
      if (GTK_IS_BUTTON (focus))
        fiche_buttons++;
    }
  g_test_message ("acheteur: %u Tab stops on the job page, %u in the fiche, %u buttons of the fiche; "
                  "%u read-only rows, %u of them in the plan",
                  forward->len, in_fiche->len, fiche_buttons, page_read_only, plan ? n_read_only_rows (plan) : 0);
  g_assert_cmpuint (forward->len, >, 0);
  if (fiche)
    {
      /* Acheteur (M1101): Animateur de réseau de prestataire, Chef de
       * produit marketing, Formateur d'assistance among its mobility
       * targets; 5 types of work contexts, 10 targets. */
      g_assert_cmpuint (fiche_buttons, >=, 3);
      count_fiche_controls (fiche, &controls, &read_only);
      g_assert_cmpuint (read_only, ==, 5 + 10);
      g_assert_cmpuint (in_fiche->len, ==, controls);
      /* its training plan: competencies to strengthen, the study's advice */
      g_assert_nonnull (plan);
      g_assert_cmpuint (n_read_only_rows (plan), >, 0);
    }

  /* A job with use cases and notes of its fiche: no stops either. */
  other = walk_job_page (f, "charge-d-assistance", &page_read_only);
  g_test_message ("charge-d-assistance: %u Tab stops on the job page, %u read-only rows", other->len,
                  page_read_only);
  g_assert_cmpuint (other->len, >, 0);
  g_assert_cmpuint (page_read_only, >=, 27 + 2);
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = find_descendant (data, GTK_TYPE_POPOVER);
  return popover && gtk_widget_get_mapped (popover);
}

static gboolean
popover_hidden (gpointer data)
{
  return !popover_shown (data);
}

static gboolean
focus_inside (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The position of @job in the list as shown. */
static guint
shown_position (RepereWindow *window, RepereJob *job)
{
  GListModel *jobs = repere_window_get_shown_jobs (window);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) item = g_list_model_get_item (jobs, i);
      if (g_strcmp0 (repere_job_get_id (item), repere_job_get_id (job)) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The name of @job, or of the widget with the focus when @job is NULL. */
static const char *
focus_label (RepereWindow *window, RepereJob *job)
{
  return job ? repere_job_get_name (job) : focus_name (window);
}

/* The focus is on the selected job's row; Down moves it and the selection
 * to the next job of the list as shown, and it is still there once frames
 * went by (the row's widget kept, the focus not dropped). @after names the
 * change before, for the messages. */
static void
assert_down_moves (Fixture *f, const char *after)
{
  GListModel *jobs = repere_window_get_shown_jobs (f->window);
  RepereJob *from = focused_job (f->window);
  g_autoptr (RepereJob) next = NULL;
  guint position;

  if (from == NULL || from != selected_job (f->window))
    g_error ("%s: the focus is on %s, not on the selected job’s row (%s)", after, focus_label (f->window, from),
             selected_job (f->window) ? repere_job_get_name (selected_job (f->window)) : "none");
  position = shown_position (f->window, from);
  g_assert_cmpuint (position + 1, <, g_list_model_get_n_items (jobs));
  next = g_list_model_get_item (jobs, position + 1);
  press_and_wait (f, XK_Down, FALSE);
  /* a few frames: GTK 4.8 could drop the row and the focus at the next one */
  wait_ms (300);
  if (focused_job (f->window) != next)
    g_error ("%s: Down from %s (row %u) moved the focus to %s, not to the next row (%s)", after,
             repere_job_get_name (from), position + 1, focus_label (f->window, focused_job (f->window)),
             repere_job_get_name (next));
  g_assert_true (selected_job (f->window) == next);
}

/* Issue 13: another assessment puts another model under the list (new job
 * objects, new rows). The same job stays selected, the focus stays in the
 * list on its row, and Down moves from it to the next job of the new
 * order. By keyboard alone: from the row, Shift+Tab to the assessment,
 * Space, Down, Return, Tab back to the list, Down; then with the focus in
 * the list while the assessment changes (a finding of the Cohérence page,
 * state restored); then a filter, which keeps the rows. */
static void
test_list_keyboard_assessment (Fixture *f, gconstpointer data)
{
  GtkWidget *header = find_descendant (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
  GtkWidget *assessment = find_descendant (header, GTK_TYPE_DROP_DOWN);
  GtkWidget *view = find_descendant (GTK_WIDGET (f->window), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list = find_descendant (view, GTK_TYPE_LIST_VIEW);
  GtkWidget *leaflet = find_descendant (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET);
  RepereJob *job;
  guint presses;

  repere_window_set_assessment (f->window, "pwc-initial");
  repere_window_select_job (f->window, "acheteur");
  drain ();
  /* folded (a small screen): back to the list */
  if (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)))
    adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK);
  job = selected_job (f->window);
  g_assert_nonnull (job);
  focus_window (f);
  g_assert_true (wait_for (is_mapped, list));
  wait_ms (100);
  {
    Moved row = { f, job };
    /* Acheteur is row 25: scrolled to, the window up */
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", shown_position (f->window, job));
    g_assert_true (wait_for (row_laid_out, &row));
  }
  g_assert_true (gtk_widget_grab_focus (row_of_job (f->window, job)));
  g_assert_true (focused_job (f->window) == job);

  /* Shift+Tab from the list to the filters above it, on to the assessment. */
  for (presses = 0; !focus_inside (assessment) && presses < 20; presses++)
    g_assert_true (press_and_wait (f, XK_Tab, TRUE));
  g_assert_true (focus_inside (assessment));
  /* Space opens its list, Down goes to the next assessment, Return takes it. */
  g_assert_true (press_and_wait (f, XK_space, FALSE));
  g_assert_true (wait_for (popover_shown, assessment));
  g_assert_true (press_and_wait (f, XK_Down, FALSE));
  g_assert_true (press_and_wait (f, XK_Return, FALSE));
  g_assert_true (wait_for (popover_hidden, assessment));
  drain ();
  /* another model: the same job, another object */
  g_assert_cmpstr (repere_job_get_id (selected_job (f->window)), ==, "acheteur");
  g_assert_false (selected_job (f->window) == job);
  for (presses = 0; !focus_inside (view) && presses < 20; presses++)
    g_assert_true (press_and_wait (f, XK_Tab, FALSE));
  g_assert_true (focus_inside (view));
  /* before the next key (which this test sends at once) */
  drain ();
  assert_down_moves (f, "the assessment changed by keyboard");

  /* The focus in the list while the assessment changes. */
  job = selected_job (f->window);
  repere_window_set_assessment (f->window, "experts");
  drain ();
  wait_ms (300);
  g_assert_cmpstr (repere_job_get_id (selected_job (f->window)), ==, repere_job_get_id (job));
  assert_down_moves (f, "the assessment changed with the focus in the list");

  /* A filter keeps the rows it keeps: Down goes on from the same one. */
  repere_window_set_classification_filter (f->window, repere_job_get_classification_id (selected_job (f->window)));
  drain ();
  wait_ms (300);
  if (g_list_model_get_n_items (repere_window_get_shown_jobs (f->window))
      > shown_position (f->window, selected_job (f->window)) + 1)
    assert_down_moves (f, "a class filter after the assessment");
}

/* Issue 13: the renderer rule. GTK's choice with a GPU render node; the cairo
 * renderer without one or with LIBGL_ALWAYS_SOFTWARE true (read as Mesa
 * reads it); GSK_RENDERER set by the user always wins. */
static void
test_renderer_choose (void)
{
  g_autofree char *dir = g_dir_make_tmp ("repere-dri-XXXXXX", NULL);
  g_autofree char *card = g_build_filename (dir, "card0", NULL);
  g_autofree char *node = g_build_filename (dir, "renderD128", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);

  g_assert_null (repere_renderer_choose (NULL, NULL, TRUE));
  g_assert_cmpstr (repere_renderer_choose (NULL, NULL, FALSE), ==, "cairo");
  g_assert_cmpstr (repere_renderer_choose ("", NULL, FALSE), ==, "cairo");
  g_assert_null (repere_renderer_choose ("gl", NULL, FALSE));
  g_assert_null (repere_renderer_choose ("ngl", "1", TRUE));
  g_assert_null (repere_renderer_choose ("cairo", NULL, TRUE));
  g_assert_cmpstr (repere_renderer_choose (NULL, "1", TRUE), ==, "cairo");
  g_assert_cmpstr (repere_renderer_choose (NULL, "true", TRUE), ==, "cairo");
  g_assert_cmpstr (repere_renderer_choose (NULL, "YES", TRUE), ==, "cairo");
  g_assert_null (repere_renderer_choose (NULL, "0", TRUE));
  g_assert_null (repere_renderer_choose (NULL, "false", TRUE));
  g_assert_null (repere_renderer_choose (NULL, "", TRUE));

  /* The render node: a "renderD" name in the folder, nothing else. */
  g_assert_false (repere_renderer_has_render_node (missing));
  g_assert_false (repere_renderer_has_render_node (dir));
  g_assert_true (g_file_set_contents (card, "", 0, NULL));
  g_assert_false (repere_renderer_has_render_node (dir));
  g_assert_true (g_file_set_contents (node, "", 0, NULL));
  g_assert_true (repere_renderer_has_render_node (dir));
  g_unlink (card);
  g_unlink (node);
  g_rmdir (dir);
}

/* Issue 13: repere_renderer_select() on the environment, in subprocesses
 * (it sets variables; GTK reads GSK_RENDERER when the first window is
 * realized). Each case gets a folder standing for /dev/dri. */
static void
test_renderer_select (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *dir = NULL;

  if (!g_test_subprocess ())
    {
      g_autofree char *path = g_strdup_printf ("/window/renderer/select/%s", mode);
      g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  /* The suite runs with GSK_RENDERER=cairo: here, as a user's session. */
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("LIBGL_ALWAYS_SOFTWARE");
  g_unsetenv ("GDK_DEBUG");
  g_unsetenv ("GDK_DISABLE");
  dir = g_dir_make_tmp ("repere-dri-XXXXXX", NULL);
  if (g_str_equal (mode, "gpu") || g_str_equal (mode, "software"))
    {
      g_autofree char *node = g_build_filename (dir, "renderD128", NULL);
      g_assert_true (g_file_set_contents (node, "", 0, NULL));
    }
  if (g_str_equal (mode, "gpu"))
    {
      /* A GPU: nothing changes. */
      g_assert_null (repere_renderer_select (dir));
      g_assert_null (g_getenv ("GSK_RENDERER"));
      g_assert_null (g_getenv ("GDK_DEBUG"));
      g_assert_null (g_getenv ("GDK_DISABLE"));
    }
  else if (g_str_equal (mode, "user"))
    {
      /* The user's choice wins, even without a GPU. */
      g_setenv ("GSK_RENDERER", "gl", TRUE);
      g_assert_null (repere_renderer_select (dir));
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
      g_assert_null (g_getenv ("GDK_DEBUG"));
    }
  else
    {
      /* No render node, or LIBGL_ALWAYS_SOFTWARE: cairo, GL not set up,
       * and a window drawn by GTK's cairo renderer. A GDK_DEBUG of the
       * user's is left as it is. */
      GtkWidget *window;

      if (g_str_equal (mode, "software"))
        {
          g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
          g_setenv ("GDK_DEBUG", "opengl", TRUE);
        }
      g_assert_cmpstr (repere_renderer_select (dir), ==, "cairo");
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      if (g_str_equal (mode, "software"))
        g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "opengl");
      else if (gtk_get_minor_version () < 16)
        g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");
      else
        g_assert_cmpstr (g_getenv ("GDK_DISABLE"), ==, "gl");
      window = gtk_window_new ();
      gtk_widget_realize (window);
      g_assert_cmpstr (repere_renderer_get_name (GTK_NATIVE (window)), ==, "GskCairoRenderer");
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/window/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/window/select-before-shown", Fixture, NULL, fixture_set_up, test_select_before_shown,
              fixture_tear_down);
  g_test_add ("/window/filter-chain", Fixture, NULL, fixture_set_up, test_filter_chain, fixture_tear_down);
  g_test_add ("/window/assessment-switch", Fixture, NULL, fixture_set_up, test_assessment_switch,
              fixture_tear_down);
  g_test_add ("/window/select-job", Fixture, NULL, fixture_set_up, test_select_job, fixture_tear_down);
  g_test_add ("/window/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/window/rerate-and-undo", Fixture, NULL, fixture_set_up, test_rerate_and_undo, fixture_tear_down);
  g_test_add ("/window/views", Fixture, NULL, fixture_set_up, test_views, fixture_tear_down);
  g_test_add ("/window/consistency", Fixture, NULL, fixture_set_up, test_consistency_page, fixture_tear_down);
  g_test_add_func ("/window/renderer/choose", test_renderer_choose);
  g_test_add_data_func ("/window/renderer/select/gpu", "gpu", test_renderer_select);
  g_test_add_data_func ("/window/renderer/select/user", "user", test_renderer_select);
  g_test_add_data_func ("/window/renderer/select/no-gpu", "no-gpu", test_renderer_select);
  g_test_add_data_func ("/window/renderer/select/software", "software", test_renderer_select);
  g_test_add ("/window/competencies/without-rome", Fixture, NULL, fixture_set_up, test_competencies_without_rome,
              fixture_tear_down);
  g_test_add ("/window/competencies/rate", Fixture, NULL, fixture_set_up, test_competencies_rate, fixture_tear_down);
  g_test_add ("/window/rome/bundled", Fixture, NULL, fixture_set_up, test_rome_bundled, fixture_tear_down);
  g_test_add ("/window/list/keyboard-assessment", Fixture, NULL, fixture_set_up, test_list_keyboard_assessment,
              fixture_tear_down);
  g_test_add ("/window/job-page/same-width", Fixture, NULL, fixture_set_up, test_job_page_same_width,
              fixture_tear_down);
  g_test_add ("/window/job-page/parts", Fixture, NULL, fixture_set_up, test_job_page_parts, fixture_tear_down);
  g_test_add ("/window/rome/bundled-before-shown", Fixture, NULL, fixture_set_up, test_rome_bundled_before_shown,
              fixture_tear_down);
  g_test_add ("/window/rome/bundled-error", Fixture, NULL, fixture_set_up, test_rome_bundled_error, fixture_tear_down);
  g_test_add ("/window/job-page/tab", Fixture, NULL, fixture_set_up, test_job_page_tab, fixture_tear_down);
  g_test_add ("/window/competencies/import-dialog", Fixture, NULL, fixture_set_up, test_import_dialog,
              fixture_tear_down);
  return g_test_run ();
}
