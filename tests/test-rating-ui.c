/* test-rating-ui.c: the rating grid driven by the keyboard alone (issue 10,
 * acceptance 1)
 *
 * Real key presses, sent to the X server with XTest (under Xvfb), go
 * through GTK's whole input path: the grid rates every competency of
 * Chargé d'assistance (46 with ROME v460 and the bundled mapping) with one
 * key each; after each key the focused row is the next one and the view
 * has not scrolled back to the top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "repere-job-page.h"
#include "repere-rating-history-window.h"
#include "repere-rating-window.h"
#include "repere-rating.h"
#include "repere-rome-import.h"
#include "repere-score.h"
#include "repere-test-util.h"
#include "repere-window.h"
#include "rome-test-util.h"
#include "x11-test-keys.h"

#define JOB "charge-d-assistance"

typedef struct
{
  char *dir;
  RepereDb *db;
  char *assessment;
  RepereWindow *window;
  RepereRatingWindow *rating;
  RepereRatingGrid *grid;
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @done (@data) or 10 s; returns @done's answer. */
static gboolean
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return done (data);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RepereRomeImport) import = NULL;

  f->dir = g_dir_make_tmp ("repere-rating-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "repere.db", NULL);
  f->db = repere_db_open (path, &error);
  g_assert_no_error (error);
  /* ROME v460 (../shared/rome/v460, as in CI) and the bundled mapping. */
  g_assert_nonnull (rome_test_v460_dir ());
  import = repere_rome_import_prepare (f->db, rome_test_v460_dir (), REPERE_CSV_ENCODING_AUTO, NULL,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_rome_import_apply (import, NULL, NULL, NULL, &error), >, 0);
  f->assessment = repere_assessment_create (f->db, "Atelier", "experts", &error);
  g_assert_no_error (error);

  f->window = repere_window_new (NULL, f->db);
  gtk_window_present (GTK_WINDOW (f->window));
  repere_window_set_assessment (f->window, f->assessment);
  repere_window_select_job (f->window, JOB);
  drain ();
  /* "Rate the competencies…" on the job page. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *found = NULL;
    /* The job page is inside the window; emitting its signal is what its
     * button does. */
    g_autoptr (GPtrArray) stack = g_ptr_array_new ();
    g_ptr_array_add (stack, f->window);
    while (stack->len && !found)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        if (REPERE_IS_JOB_PAGE (w))
          found = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_nonnull (found);
    g_signal_emit_by_name (found, "rate-requested", JOB);
    drain ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
        if (REPERE_IS_RATING_WINDOW (window))
          f->rating = REPERE_RATING_WINDOW (window);
      }
  }
  g_assert_nonnull (f->rating);
  f->grid = repere_rating_window_get_grid (f->rating);
  g_assert_true (wait_until (is_mapped, f->grid));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->db);
  g_free (f->assessment);
  repere_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* One real key press and release, as the keyboard sends them. */
static void
press (Fixture *f, KeySym keysym, gboolean shift)
{
  repere_test_x_press (GTK_WIDGET (f->rating), keysym, shift);
}

/* Gives the rating window the X keyboard focus (Xvfb runs no window
 * manager to do it). */
static void
focus_window (Fixture *f)
{
  repere_test_x_focus (GTK_WIDGET (f->rating));
  drain ();
}

typedef struct
{
  Fixture *f;
  guint position;
  int level;
} Expect;

static gboolean
rated_and_moved (gpointer data)
{
  Expect *e = data;
  GListModel *shown = repere_rating_grid_get_shown (e->f->grid);
  g_autoptr (RepereRatingItem) item = g_list_model_get_item (shown, e->position);
  guint next = MIN (e->position + 1, g_list_model_get_n_items (shown) - 1);

  return repere_rating_item_get_level (item) == e->level
         && repere_rating_grid_get_focus_position (e->f->grid) == next
         && repere_rating_grid_row_in_view (e->f->grid, next);
}

static gboolean
focused_first (gpointer data)
{
  Fixture *f = data;
  return repere_rating_grid_get_focus_position (f->grid) == 0;
}

/* Acceptance 1: every competency rated from the keyboard, one key each. */
static void
test_keyboard (Fixture *f, gconstpointer data)
{
  GListModel *shown = repere_rating_grid_get_shown (f->grid);
  GtkAdjustment *adjustment
      = gtk_scrolled_window_get_vadjustment (repere_rating_grid_get_scroller (f->grid));
  guint n = g_list_model_get_n_items (shown);
  double previous = 0;
  gboolean scrolled = FALSE;
  RepereRatingProgress progress;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (n, ==, 46);
  focus_window (f);
  repere_rating_grid_focus_row (f->grid, 0);
  g_assert_true (wait_until (focused_first, f));
  for (guint i = 0; i < n; i++)
    {
      Expect expect = { f, i, 1 + (int) (i % 5) };
      double value;

      press (f, XK_0 + expect.level, FALSE);
      if (!wait_until (rated_and_moved, &expect))
        {
          g_autoptr (RepereRatingItem) item = g_list_model_get_item (shown, i);
          g_error (
              "after the key of row %u: level %d (expected %d), focus on row %u (expected %u), "
              "in view: %d, scroll %g of %g (page %g)",
              i, repere_rating_item_get_level (item), expect.level,
              repere_rating_grid_get_focus_position (f->grid), MIN (i + 1, n - 1),
              repere_rating_grid_row_in_view (f->grid, MIN (i + 1, n - 1)),
              gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment),
              gtk_adjustment_get_page_size (adjustment));
        }
      value = gtk_adjustment_get_value (adjustment);
      /* The view follows the focus down and never jumps back up. */
      g_assert_cmpfloat (value, >=, previous - 0.5);
      scrolled |= value > 0;
      if (scrolled)
        g_assert_cmpfloat (value, >, 0);
      previous = value;
    }
  /* 46 rows do not fit: the view did scroll, and stayed down. */
  g_assert_true (scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  /* Every retained competency rated: the ratings give the score. */
  g_assert_true (repere_rating_get_progress (f->db, f->assessment, JOB, &progress, &error));
  g_assert_cmpstr (progress.basis, ==, "ratings");
  g_assert_cmpint (progress.rated, ==, 46);
  repere_rating_progress_clear (&progress);
  g_assert_nonnull (strstr (repere_rating_grid_get_progress_text (f->grid), "46 / 46"));
  /* One change per key: 46 in the history, each undoable. */
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (f->db),
                                          "SELECT count (*) FROM rating_change WHERE kind = 'rate'",
                                          NULL),
                   ==, 46);
}

typedef struct
{
  Fixture *f;
  guint count;
  int level;
} Count;

static gboolean
levels_set (gpointer data)
{
  Count *c = data;
  GListModel *shown = repere_rating_grid_get_shown (c->f->grid);
  guint n = 0;
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (RepereRatingItem) item = g_list_model_get_item (shown, i);
      n += repere_rating_item_get_level (item) == c->level;
    }
  return n == c->count;
}

static gboolean
n_shown_is (gpointer data)
{
  Count *c = data;
  return g_list_model_get_n_items (repere_rating_grid_get_shown (c->f->grid)) == c->count;
}

static gboolean
retained_45 (gpointer data)
{
  Fixture *f = data;
  RepereRatingProgress p;
  gboolean ok
      = repere_rating_get_progress (f->db, f->assessment, JOB, &p, NULL) && p.retained == 45;
  repere_rating_progress_clear (&p);
  return ok;
}

/* Shift+Down selects, one digit rates the selection; 0 clears; R marks
 * not retained; Ctrl+U shows the unrated ones; Ctrl+Z undoes. */
static void
test_keyboard_more (Fixture *f, gconstpointer data)
{
  Count three_at_2 = { f, 3, 2 };
  Count none_at_2 = { f, 0, 2 };
  g_autoptr (GError) error = NULL;
  RepereRatingProgress progress;

  focus_window (f);
  repere_rating_grid_focus_row (f->grid, 0);
  g_assert_true (wait_until (focused_first, f));
  press (f, XK_Down, TRUE);
  press (f, XK_Down, TRUE);
  press (f, XK_2, FALSE);
  g_assert_true (wait_until (levels_set, &three_at_2));
  g_assert_cmpuint (repere_rating_grid_get_focus_position (f->grid), ==, 3);
  /* Ctrl+Z: the three ratings were one change. */
  {
    Display *display
        = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (f->rating)));
    KeyCode control = XKeysymToKeycode (display, XK_Control_L);
    XTestFakeKeyEvent (display, control, True, CurrentTime);
    press (f, XK_z, FALSE);
    XTestFakeKeyEvent (display, control, False, CurrentTime);
    XFlush (display);
  }
  g_assert_true (wait_until (levels_set, &none_at_2));
  /* R on the focused row: not retained, 45 retained. */
  press (f, XK_r, FALSE);
  g_assert_true (wait_until (retained_45, f));
  /* Unrated only, then one key rates the first shown and it leaves the
   * list; the focus stays at the top of what is left. */
  repere_rating_grid_set_unrated_only (f->grid, TRUE);
  drain ();
  {
    Count all = { f, 46, 0 };
    Count one_less = { f, 45, 0 };
    g_assert_true (wait_until (n_shown_is, &all));
    focus_window (f);
    repere_rating_grid_focus_row (f->grid, 0);
    g_assert_true (wait_until (focused_first, f));
    press (f, XK_4, FALSE);
    g_assert_true (wait_until (n_shown_is, &one_less));
    g_assert_true (wait_until (focused_first, f));
  }
  g_assert_true (repere_rating_get_progress (f->db, f->assessment, JOB, &progress, &error));
  g_assert_cmpint (progress.rated, ==, 1);
  repere_rating_progress_clear (&progress);

  /* The history lists who did what. */
  {
    RepereRatingHistoryWindow *history
        = repere_rating_history_window_show (GTK_WINDOW (f->rating), f->db, f->assessment, JOB);
    g_assert_cmpuint (repere_rating_history_window_get_n_changes (history), >=, 4);
    gtk_window_destroy (GTK_WINDOW (history));
  }
}

/* Every job shown in the window: score, rank and class, by job id. */
typedef struct
{
  double score;
  int rank;
  int position;
  int rated;
  int retained;
  gboolean draft;
} Shown;

static GHashTable *
shown_jobs (Fixture *f)
{
  GListModel *jobs = repere_window_get_shown_jobs (f->window);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      Shown *s = g_new0 (Shown, 1);
      s->score = repere_job_get_score (job);
      s->rank = repere_job_get_rank (job);
      s->position = repere_job_get_classification_position (job);
      s->rated = repere_job_get_rated (job);
      s->retained = repere_job_get_retained (job);
      s->draft = repere_job_is_draft (job);
      g_hash_table_insert (table, g_strdup (repere_job_get_id (job)), s);
    }
  return table;
}

static gboolean
job_rated_3 (gpointer data)
{
  g_autoptr (GHashTable) shown = shown_jobs (data);
  Shown *s = g_hash_table_lookup (shown, JOB);
  return s && s->rated == 3;
}

static gboolean
job_not_draft (gpointer data)
{
  g_autoptr (GHashTable) shown = shown_jobs (data);
  Shown *s = g_hash_table_lookup (shown, JOB);
  return s && !s->draft && s->rated == 3;
}

static gboolean
job_unrated (gpointer data)
{
  g_autoptr (GHashTable) shown = shown_jobs (data);
  Shown *s = g_hash_table_lookup (shown, JOB);
  return s && s->rated == 0 && !s->draft;
}

static AdwMessageDialog *
find_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
question_shown (gpointer data)
{
  return find_question () != NULL;
}

/* Acceptance 2 in the window: 3 of 46 rated is a draft "3 / 46" and no
 * score, rank or class moves; applied, the table moves as the scores
 * computed from the database say; reverting the whole assessment from the
 * window (after a question that says what goes) restores every published
 * value exactly. */
static void
test_draft_apply_revert (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) published = shown_jobs (f);
  g_autoptr (GHashTable) draft = NULL;
  g_autoptr (GHashTable) applied = NULL;
  g_autoptr (GHashTable) reverted = NULL;
  g_autoptr (GListStore) from_db = NULL;
  RepereJobFilter filter = { 0 };
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *question;
  GHashTableIter iter;
  gpointer key, value;
  guint moved = 0;

  g_assert_cmpuint (g_hash_table_size (published), ==, 58);
  focus_window (f);
  repere_rating_grid_focus_row (f->grid, 0);
  g_assert_true (wait_until (focused_first, f));
  press (f, XK_4, FALSE);
  press (f, XK_2, FALSE);
  press (f, XK_5, FALSE);
  g_assert_true (wait_until (job_rated_3, f));
  draft = shown_jobs (f);
  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Shown *before = value, *now = g_hash_table_lookup (draft, key);
      g_assert_cmpfloat (now->score, ==, before->score);
      g_assert_cmpint (now->rank, ==, before->rank);
      g_assert_cmpint (now->position, ==, before->position);
    }
  {
    Shown *job = g_hash_table_lookup (draft, JOB);
    g_autofree char *basis = repere_rating_describe_basis ("published", job->rated, job->retained);
    g_assert_true (job->draft);
    g_assert_cmpint (job->retained, ==, 46);
    g_assert_nonnull (strstr (basis, "3 / 46"));
    g_assert_nonnull (strstr (repere_rating_grid_get_progress_text (f->grid), "3 / 46"));
  }

  /* Applied: the job's three levels give its score; the window shows what
   * the database computed for all 58. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->grid), "grid.apply", NULL));
  g_assert_true (wait_until (job_not_draft, f));
  applied = shown_jobs (f);
  filter.assessment = f->assessment;
  from_db = repere_db_list_jobs (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (from_db)), ==, 58);
  for (guint i = 0; i < 58; i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (from_db), i);
      Shown *now = g_hash_table_lookup (applied, repere_job_get_id (job));
      Shown *before = g_hash_table_lookup (published, repere_job_get_id (job));
      g_assert_cmpfloat (now->score, ==, repere_job_get_score (job));
      g_assert_cmpint (now->rank, ==, repere_job_get_rank (job));
      moved += now->score != before->score;
    }
  g_assert_cmpuint (moved, >, 0);

  /* Revert the whole assessment from the window: the question says what
   * goes; then every value is the published one again. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->window), "rating.revert-assessment", NULL));
  g_assert_true (wait_until (question_shown, NULL));
  question = find_question ();
  g_test_message ("%s", adw_message_dialog_get_body (question));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "3 ratings"));
  g_assert_true (adw_message_dialog_get_response_enabled (question, "revert"));
  adw_message_dialog_response (question, "revert");
  g_assert_true (wait_until (job_unrated, f));
  reverted = shown_jobs (f);
  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Shown *before = value, *now = g_hash_table_lookup (reverted, key);
      g_assert_cmpfloat (now->score, ==, before->score);
      g_assert_cmpint (now->rank, ==, before->rank);
      g_assert_cmpint (now->position, ==, before->position);
    }
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (f->db),
                                          "SELECT count (*) FROM rater_rating", NULL),
                   ==, 0);
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("the keyboard test needs X11 (GDK_BACKEND=x11 under Xvfb)");

  g_test_add ("/rating-ui/keyboard/one-key-each", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add ("/rating-ui/keyboard/selection-undo-filter", Fixture, NULL, fixture_set_up,
              test_keyboard_more, fixture_tear_down);
  g_test_add ("/rating-ui/draft-apply-revert", Fixture, NULL, fixture_set_up,
              test_draft_apply_revert, fixture_tear_down);
  return g_test_run ();
}
