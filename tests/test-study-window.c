/* test-study-window.c: the Consultation and Étude pages and a job's fiche
 * notes in the window, under Xvfb (tests/a11y/test-study-a11y.py reads the
 * same pages over AT-SPI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "repere-fiche-notes.h"
#include "repere-study-page.h"
#include "repere-survey-chart-view.h"
#include "repere-survey-page.h"
#include "repere-test-util.h"
#include "repere-window.h"

static char *dir;
static RepereDb *db;
static RepereWindow *window;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The widgets of @type under @root, depth first. */
static void
collect (GtkWidget *root, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWidget *
find_one (GType type)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (window), type, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static void
test_survey_page (void)
{
  RepereSurveyPage *page = REPERE_SURVEY_PAGE (find_one (REPERE_TYPE_SURVEY_PAGE));
  g_autoptr (GPtrArray) charts = g_ptr_array_new ();
  RepereSurveyChartView *first;
  int narrow = 0, wide = 0, unused;

  g_assert_true (repere_window_show_view (window, "survey"));
  drain ();
  g_assert_cmpuint (repere_survey_page_get_n_charts (page), ==, 10);
  collect (GTK_WIDGET (page), REPERE_TYPE_SURVEY_CHART_VIEW, charts);
  g_assert_cmpuint (charts->len, ==, 10);
  first = g_ptr_array_index (charts, 0);
  g_assert_cmpstr (repere_survey_chart_view_get_question (first)->id, ==, "respondent-profile");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (first)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (first)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  /* Height for width: a narrower chart wraps its options on more lines. */
  gtk_widget_measure (GTK_WIDGET (first), GTK_ORIENTATION_VERTICAL, 360, &narrow, &unused, NULL,
                      NULL);
  gtk_widget_measure (GTK_WIDGET (first), GTK_ORIENTATION_VERTICAL, 900, &wide, &unused, NULL,
                      NULL);
  g_assert_cmpint (narrow, >, wide);
  g_assert_cmpint (wide, >, 0);
  /* The charts are drawn once shown. */
  for (int i = 0; i < 50 && repere_survey_chart_view_get_n_draws (first) == 0; i++)
    {
      g_usleep (20000);
      drain ();
    }
  g_assert_cmpuint (repere_survey_chart_view_get_n_draws (first), >, 0);
  g_assert_true (repere_window_show_view (window, "study"));
  drain ();
  g_assert_false (repere_window_show_view (window, "no-such-view"));
}

static void
test_study_page (void)
{
  RepereStudyPage *page = REPERE_STUDY_PAGE (find_one (REPERE_TYPE_STUDY_PAGE));

  g_assert_true (repere_window_show_view (window, "study"));
  drain ();
  /* The study, the sector, method, classes, 3.3, the workshops, 4.3, 5,
   * the conclusion, the glossary, the bibliography. */
  g_assert_cmpuint (repere_study_page_get_n_groups (page), ==, 11);
}

/* The notes and roles shown for @job_id: (n_notes, n_roles), hidden when
 * none. */
static void
assert_fiche (const char *job_id, guint n_notes, guint n_roles)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  RepereFicheNotes *notes;

  repere_window_set_search (window, "");
  repere_window_select_job (window, job_id);
  drain ();
  collect (GTK_WIDGET (window), REPERE_TYPE_FICHE_NOTES, found);
  g_assert_cmpuint (found->len, ==, 1);
  notes = g_ptr_array_index (found, 0);
  g_test_message ("%s: %u notes, %u roles", job_id, repere_fiche_notes_get_n_notes (notes),
                  repere_fiche_notes_get_n_roles (notes));
  g_assert_cmpuint (repere_fiche_notes_get_n_notes (notes), ==, n_notes);
  g_assert_cmpuint (repere_fiche_notes_get_n_roles (notes), ==, n_roles);
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (notes)), ==, n_notes + n_roles > 0);
}

static void
test_fiche_notes (void)
{
  /* 4.2.5: the rating by doctors, the shared use cases, the conclusion. */
  assert_fiche ("infirmier-d-assistance", 3, 0);
  /* 4.2.1: "conseiller d'assistance augmentée". */
  assert_fiche ("charge-d-assistance", 1, 1);
  /* 4.2.7 and section 5: two roles, no note. */
  assert_fiche ("formateur-d-assistance", 0, 2);
  /* No fiche. */
  assert_fiche ("acheteur", 0, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dir = g_dir_make_tmp ("repere-study-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "repere.db", NULL);
  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  window = repere_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  g_test_add_func ("/study-window/survey-page", test_survey_page);
  g_test_add_func ("/study-window/study-page", test_study_page);
  g_test_add_func ("/study-window/fiche-notes", test_fiche_notes);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&db);
  repere_test_remove_dir (dir);
  g_free (dir);
  return status;
}
