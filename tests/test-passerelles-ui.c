/* test-passerelles-ui.c: the Passerelles part of the job page, the
 * comparison window, the development plan and the branch views (issue 11)
 * under Xvfb, against the core's lists (app/repere-passerelle.h)
 *
 * The database gets the ROME referential bundled with Repère (v460) once;
 * every test opens a window on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "repere-chart-csv.h"
#include "repere-comparison-window.h"
#include "repere-job-page.h"
#include "repere-passerelle-chart.h"
#include "repere-passerelle.h"
#include "repere-print.h"
#include "repere-rome-bundle.h"
#include "repere-views-page.h"
#include "repere-window.h"

static char *dir;
static RepereDb *db;

#define GESTIONNAIRE "gestionnaire-de-dossiers-d-assistance"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

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

static GtkWidget *
find_type (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static RepereWindow *
window_on (const char *job_id)
{
  RepereWindow *window = repere_window_new (NULL, db);

  gtk_window_present (GTK_WINDOW (window));
  if (job_id)
    repere_window_select_job (window, job_id);
  drain ();
  return window;
}

static RepereJobPage *
job_page (RepereWindow *window)
{
  return REPERE_JOB_PAGE (find_type (GTK_WIDGET (window), REPERE_TYPE_JOB_PAGE));
}

static GPtrArray *
core_list (const char *job_id, const ReperePasserelleFilter *filter)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = repere_passerelle_list (db, job_id, REPERE_DEFAULT_ASSESSMENT, filter, &error);

  g_assert_no_error (error);
  return list;
}

/* The part lists what the core lists, in the same order, with each filter. */
static void
assert_part_matches (RepereJobPasserelles *part, const char *job_id,
                     const ReperePasserelleFilter *filter)
{
  g_autoptr (GPtrArray) list = core_list (job_id, filter);
  guint n = list->len;

  repere_job_passerelles_set_filter (part, filter);
  g_assert_cmpuint (repere_job_passerelles_get_n_passerelles (part), ==, n);
  g_assert_cmpuint (repere_job_passerelles_get_n_rows (part), ==, MIN (n, 8));
  for (guint i = 0; i < n; i++)
    {
      const ReperePasserelle *shown = repere_job_passerelles_get_passerelle (part, i);
      const ReperePasserelle *core = g_ptr_array_index (list, i);
      g_assert_cmpstr (shown->target, ==, core->target);
      g_assert_cmpuint (shown->shared, ==, core->shared);
      g_assert_cmpuint (shown->to_acquire, ==, core->to_acquire);
    }
  repere_job_passerelles_show_all (part);
  g_assert_cmpuint (repere_job_passerelles_get_n_rows (part), ==, n);
}

static void
test_part (void)
{
  RepereWindow *window = window_on (GESTIONNAIRE);
  RepereJobPasserelles *part = repere_job_page_get_passerelles (job_page (window));
  ReperePasserelleFilter filter = { FALSE, FALSE, -1 };
  g_autoptr (GPtrArray) referential = core_list (GESTIONNAIRE, &filter);

  g_assert_nonnull (part);
  g_assert_cmpstr (repere_job_passerelles_get_job_id (part), ==, GESTIONNAIRE);
  /* At first: referential jobs only, no other filter. */
  g_assert_cmpuint (repere_job_passerelles_get_n_passerelles (part), ==, referential->len);
  g_assert_cmpuint (repere_job_passerelles_get_n_passerelles (part), >=, 3);
  g_assert_cmpuint (repere_job_passerelles_get_n_rows (part), ==, MIN (referential->len, 8));
  assert_part_matches (part, GESTIONNAIRE, &filter);
  filter.less_exposed_only = TRUE;
  assert_part_matches (part, GESTIONNAIRE, &filter);
  filter.less_exposed_only = FALSE;
  filter.max_gap = 40;
  assert_part_matches (part, GESTIONNAIRE, &filter);
  /* ROME codes outside the referential: more than eight, "Show all". */
  filter.max_gap = -1;
  filter.all_rome = TRUE;
  assert_part_matches (part, GESTIONNAIRE, &filter);
  g_assert_cmpuint (repere_job_passerelles_get_n_passerelles (part), >, referential->len);
  g_assert_cmpuint (repere_job_passerelles_get_n_passerelles (part), >, 8);
  /* Every core job has its part. */
  repere_window_select_job (window, "formateur-d-assistance");
  drain ();
  part = repere_job_page_get_passerelles (job_page (window));
  g_assert_cmpstr (repere_job_passerelles_get_job_id (part), ==, "formateur-d-assistance");
  {
    ReperePasserelleFilter none = { FALSE, FALSE, -1 };
    g_autoptr (GPtrArray) list = core_list ("formateur-d-assistance", &none);
    g_assert_cmpuint (repere_job_passerelles_get_n_passerelles (part), ==, list->len);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A target's arrow button opens its job. */
static void
test_open_job (void)
{
  RepereWindow *window = window_on (GESTIONNAIRE);
  RepereJobPasserelles *part = repere_job_page_get_passerelles (job_page (window));
  const ReperePasserelle *first = repere_job_passerelles_get_passerelle (part, 0);
  g_autofree char *target = g_strdup (first->target);
  GtkWidget *row = gtk_widget_get_first_child (find_type (GTK_WIDGET (part), GTK_TYPE_LIST_BOX));
  GtkWidget *button = NULL;

  g_assert_true (first->target_is_job);
  /* The row's last suffix: the button with the target. */
  {
    GPtrArray *stack = g_ptr_array_new ();
    g_ptr_array_add (stack, row);
    while (stack->len > 0 && button == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        if (GTK_IS_BUTTON (w) && g_object_get_data (G_OBJECT (w), "target"))
          button = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_free (stack, TRUE);
  }
  g_assert_nonnull (button);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (button), "target"), ==, target);
  g_signal_emit_by_name (button, "clicked");
  drain ();
  part = repere_job_page_get_passerelles (job_page (window));
  g_assert_cmpstr (repere_job_passerelles_get_job_id (part), ==, target);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_comparison (void)
{
  RepereWindow *window = window_on (GESTIONNAIRE);
  RepereJobPasserelles *part = repere_job_page_get_passerelles (job_page (window));
  const ReperePasserelle *first = repere_job_passerelles_get_passerelle (part, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) gap
      = repere_passerelle_gap (db, GESTIONNAIRE, first->target, REPERE_DEFAULT_ASSESSMENT, &error);
  guint n[3] = { 0 };
  g_autofree char *pdf = g_build_filename (dir, "comparison.pdf", NULL);
  GtkWindow *comparison;
  gchar *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < gap->len; i++)
    n[((RepereGapItem *) g_ptr_array_index (gap, i))->status]++;
  comparison = repere_job_passerelles_open_comparison (part, 0);
  g_assert_nonnull (comparison);
  g_object_add_weak_pointer (G_OBJECT (comparison), (gpointer *) &comparison);
  wait_ms (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (comparison)));
  g_assert_true (gtk_window_get_transient_for (comparison) == GTK_WINDOW (window));
  for (int s = 0; s < 3; s++)
    g_assert_cmpuint (
        repere_comparison_window_get_n_items (REPERE_COMPARISON_WINDOW (comparison), s), ==, n[s]);
  /* The part's counts are the comparison's. */
  g_assert_cmpuint (n[REPERE_GAP_CARRIED], ==, first->shared);
  g_assert_cmpuint (n[REPERE_GAP_TO_ACQUIRE], ==, first->to_acquire);
  g_assert_cmpuint (n[REPERE_GAP_NO_LONGER_NEEDED], >, 0);
  /* Printed: a PDF. */
  g_assert_true (
      repere_comparison_window_print_to_pdf (REPERE_COMPARISON_WINDOW (comparison), pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_free (contents);
  g_unlink (pdf);
  /* Escape closes it: the window's binding runs window.close. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (comparison), "window.close", NULL));
  wait_ms (100);
  g_assert_null (comparison);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_training_plan (void)
{
  RepereWindow *window = window_on (GESTIONNAIRE);
  RepereTrainingPlanView *view = repere_job_page_get_training_plan (job_page (window));
  RepereJobPasserelles *part = repere_job_page_get_passerelles (job_page (window));
  g_autofree char *target = g_strdup (repere_job_passerelles_get_passerelle (part, 0)->target);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereTrainingPlan) plan
      = repere_training_plan_new (db, GESTIONNAIRE, REPERE_DEFAULT_ASSESSMENT, NULL, &error);
  g_autoptr (RepereTrainingPlan) to = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (view);
  g_assert_cmpuint (repere_training_plan_view_get_n_strengthen (view), ==, plan->strengthen->len);
  g_assert_cmpuint (repere_training_plan_view_get_n_guidance (view), ==, plan->guidance->len);
  g_assert_cmpuint (repere_training_plan_view_get_n_guidance (view), >, 0);
  g_assert_cmpuint (repere_training_plan_view_get_n_to_acquire (view), ==, 0);
  to = repere_training_plan_new (db, GESTIONNAIRE, REPERE_DEFAULT_ASSESSMENT, target, &error);
  g_assert_no_error (error);
  g_assert_true (repere_training_plan_view_set_target (view, target));
  g_assert_cmpuint (repere_training_plan_view_get_n_to_acquire (view), ==, to->to_acquire->len);
  g_assert_cmpuint (repere_training_plan_view_get_n_to_acquire (view), >, 0);
  g_assert_false (repere_training_plan_view_set_target (view, "no-such-job"));
  /* Printed with the chosen passerelle: a PDF that names it. */
  {
    g_autofree char *pdf = g_build_filename (dir, "plan.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_assert_true (repere_training_plan_view_print_to_pdf (view, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_cmpuint (length, >, 2000);
    g_unlink (pdf);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Passerelles view places the first three referential passerelles of
 * each job with a score, as the core ranks them. */
static void
test_views (void)
{
  RepereWindow *window = window_on (NULL);
  RepereViewsPage *page
      = REPERE_VIEWS_PAGE (find_type (GTK_WIDGET (window), REPERE_TYPE_VIEWS_PAGE));
  RepereChartView *view = repere_views_page_get_chart_view (page);
  RepereChart *chart;
  ReperePasserelleFilter filter = { FALSE, FALSE, -1 };
  guint expected = 0;
  int flows = 0;

  g_assert_true (repere_window_show_view (window, "passerelles"));
  drain ();
  g_assert_cmpint (repere_views_page_get_kind (page), ==, REPERE_CHART_PASSERELLES);
  chart = repere_chart_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpint (repere_chart_get_kind (chart), ==, REPERE_CHART_PASSERELLES);
  for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
    {
      const RepereChartRow *row = repere_chart_get_row (chart, r);
      g_autoptr (GPtrArray) list = core_list (row->job_id, &filter);
      guint taken = 0;
      for (guint i = 0; i < list->len && taken < REPERE_PASSERELLE_CHART_PER_JOB; i++)
        {
          ReperePasserelle *p = g_ptr_array_index (list, i);
          if (p->target_is_job && !isnan (p->target_score) && row->score >= 0)
            taken++;
        }
      expected += taken;
    }
  g_assert_cmpuint (repere_chart_get_n_rows (chart), ==, 58);
  g_assert_cmpuint (repere_passerelle_chart_get_n_marks (chart), ==, expected);
  for (guint i = 0; i < repere_chart_get_n_classes (chart); i++)
    for (guint j = 0; j < repere_chart_get_n_classes (chart); j++)
      flows += repere_passerelle_chart_get_flow (chart, i, j);
  g_assert_cmpint (flows, ==, (int) expected);
  {
    g_autofree char *text = repere_passerelle_chart_describe (chart);
    g_assert_nonnull (strstr (text, "→"));
  }

  /* Exported and printed as the study's views: PNG, SVG, PDF, CSV (a
   * header then one record per mark), the print document. */
  {
    RepereRenderStyle style;
    RepereExportOptions options;
    RepereJobFilter all = { .assessment = REPERE_DEFAULT_ASSESSMENT };
    RepereChartKind kinds[] = { REPERE_CHART_SHARED_COMPETENCIES, REPERE_CHART_PASSERELLES };
    ReperePageSetup setup;
    g_autoptr (GError) error = NULL;
    g_autofree char *csv = NULL;
    g_auto (GStrv) lines = NULL;
    const char *const extensions[] = { "png", "svg", "pdf" };

    repere_render_style_init (&style, FALSE, 14);
    for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
      {
        g_autofree char *name = g_strdup_printf ("passerelles.%s", extensions[i]);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        GStatBuf st;
        g_assert_true (repere_chart_export (chart, path, &style, 800, &error));
        g_assert_no_error (error);
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 5000);
        g_unlink (path);
      }
    repere_export_options_init (&options, TRUE);
    csv = repere_chart_csv (chart, &options, NULL);
    lines = g_strsplit (g_strstrip (csv), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, expected + 1);
    repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, 10);
    {
      g_autofree char *pdf = g_build_filename (dir, "views.pdf", NULL);
      g_assert_true (repere_print_charts_to_pdf (db, kinds, G_N_ELEMENTS (kinds), &all, NULL,
                                                 &setup, pdf, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
      g_unlink (pdf);
    }
  }

  /* Shared competencies, for the browser's filter. */
  repere_window_set_family_filter (window, "04");
  g_assert_true (repere_window_show_view (window, "shared-competencies"));
  drain ();
  chart = repere_chart_view_get_chart (view);
  g_assert_cmpint (repere_chart_get_kind (chart), ==, REPERE_CHART_SHARED_COMPETENCIES);
  g_assert_cmpuint (repere_chart_get_n_rows (chart), <, 58);
  {
    g_autofree char *text = repere_passerelle_chart_describe (chart);
    g_assert_nonnull (strstr (text, "Gestionnaire de dossiers d’assistance"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = g_dir_make_tmp ("repere-passerelles-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "repere.db", NULL);
  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_rome_bundle_load (db, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_test_add_func ("/passerelles-ui/part", test_part);
  g_test_add_func ("/passerelles-ui/open-job", test_open_job);
  g_test_add_func ("/passerelles-ui/comparison", test_comparison);
  g_test_add_func ("/passerelles-ui/training-plan", test_training_plan);
  g_test_add_func ("/passerelles-ui/views", test_views);
  status = g_test_run ();

  g_clear_object (&db);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
  return status;
}
