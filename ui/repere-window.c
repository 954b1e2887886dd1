/* repere-window.c: the main window: job browser, job page, families, recommendations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-window-private.h"
#include "repere-competency.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include "repere-consistency-page.h"
#include "repere-families-page.h"
#include "repere-rome-bundle.h"
#include "repere-job-page.h"
#include "repere-print-ui.h"
#include "repere-rating-actions.h"
#include "repere-rating.h"
#include "repere-recommendations-page.h"
#include "repere-ui-resources.h"
#include "repere-score.h"
#include "repere-search.h"
#include "repere-settings.h"
#include "repere-study-page.h"
#include "repere-survey-page.h"
#include "repere-text.h"
#include "repere-views-page.h"

G_DEFINE_TYPE (RepereWindow, repere_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
is_user_assessment (RepereWindow *self, const char *assessment_id)
{
  for (guint i = 0; self->assessments && i < self->assessments->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (self->assessments, i);
      if (g_strcmp0 (ref->id, assessment_id) == 0)
        return g_strcmp0 (ref->extra, "user") == 0;
    }
  return FALSE;
}

/* The assessment the drop-down shows: its id (transfer none). */
const char *
_repere_window_current_assessment (RepereWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->assessment_dropdown);
  if (self->assessments == NULL || i >= self->assessments->len)
    return REPERE_DEFAULT_ASSESSMENT;
  return ((RepereRef *) g_ptr_array_index (self->assessments, i))->id;
}

/* Index 0 of the family and class drop-downs is "all". */
static const char *
selected_ref (GtkDropDown *dropdown, GPtrArray *refs)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  if (refs == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION || i > refs->len)
    return NULL;
  return ((RepereRef *) g_ptr_array_index (refs, i - 1))->id;
}

/* @error in a dialog over the window. */
void
_repere_window_show_error (RepereWindow *self, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Something went wrong"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_selected_job (RepereWindow *self)
{
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereJobDetail) detail = NULL;

  g_free (self->shown_job);
  self->shown_job = job ? g_strdup (repere_job_get_id (job)) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-job", job != NULL);
  if (self->rating)
    repere_rating_actions_set_context (self->rating, _repere_window_current_assessment (self),
                                       is_user_assessment (self, _repere_window_current_assessment (self)),
                                       job ? repere_job_get_id (job) : NULL);
  if (job == NULL)
    {
      repere_job_page_set_job (self->job_page, NULL, _repere_window_current_assessment (self), NULL);
      return;
    }
  detail = repere_db_get_job (self->db, repere_job_get_id (job), &error);
  if (detail == NULL)
    {
      _repere_window_show_error (self, error);
      return;
    }
  if (is_user_assessment (self, _repere_window_current_assessment (self)))
    {
      RepereRating rating = { TRUE, FALSE, { 0 }, repere_job_get_score (job), repere_job_get_rank (job),
                              repere_job_get_classification_name (job) };
      rating.edited = repere_job_is_rated (job);
      repere_assessment_get_level_counts (self->db, _repere_window_current_assessment (self), repere_job_get_id (job),
                                          rating.counts, NULL);
      repere_job_page_set_job (self->job_page, detail, _repere_window_current_assessment (self), &rating);
    }
  else
    repere_job_page_set_job (self->job_page, detail, _repere_window_current_assessment (self), NULL);
}

/* The browser's filters, into @filter (its strings are the window's); the
 * sort is the column view's, on top of rank. */
void
_repere_window_current_filter (RepereWindow *self, RepereJobFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->assessment = _repere_window_current_assessment (self);
  filter->family = selected_ref (self->family_dropdown, self->families);
  filter->classification = selected_ref (self->class_dropdown, self->classifications);
  filter->core_only = gtk_toggle_button_get_active (self->core_toggle);
  filter->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter->sort = REPERE_SORT_RANK;
}

static void on_selection_changed (RepereWindow *self);

static void save_state (RepereWindow *self);
static void update_empty_state (RepereWindow *self, guint n, const char *search);

/* The current assessment's jobs, all of them, from the cache when loaded. */
static GListStore *
assessment_jobs (RepereWindow *self, GError **error)
{
  const char *assessment = _repere_window_current_assessment (self);
  GListStore *store = g_hash_table_lookup (self->models, assessment);

  if (store == NULL)
    {
      RepereJobFilter filter = { 0 };
      filter.assessment = assessment;
      filter.sort = REPERE_SORT_RANK;
      store = repere_db_list_jobs (self->db, &filter, error);
      if (store == NULL)
        return NULL;
      g_hash_table_replace (self->models, g_strdup (assessment), store);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        {
          g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (store), i);
          self->name_chars = MAX (self->name_chars, (int) g_utf8_strlen (repere_job_get_name (job), -1));
        }
    }
  return store;
}

static gboolean
match_core (gpointer item, gpointer data)
{
  return repere_job_get_core (item);
}

static gboolean
match_search (gpointer item, gpointer data)
{
  RepereWindow *self = data;
  return self->search_order == NULL || g_hash_table_contains (self->search_order, repere_job_get_id (item));
}

/* The search's position of @job, from 1; G_MAXUINT for a job it did not find. */
static guint
relevance_position (RepereWindow *self, RepereJob *job)
{
  guint position = self->search_order ? GPOINTER_TO_UINT (g_hash_table_lookup (self->search_order, repere_job_get_id (job))) : 0;

  return position ? position : G_MAXUINT;
}

/* The hits first, in the search's order; the others after them, in the
 * assessment's order (the sort is stable): the filter above the sort then
 * sees the new hits in the range the sort changed, all in one change. */
static int
compare_relevance (gconstpointer a, gconstpointer b, gpointer data)
{
  RepereWindow *self = data;
  guint pa = relevance_position (self, (RepereJob *) a);
  guint pb = relevance_position (self, (RepereJob *) b);

  return pa < pb ? -1 : pa > pb;
}

/* The search (FTS5 and bm25 in repere_db_list_jobs()): which jobs it keeps,
 * in which order, and why each matched, set on the shown model's jobs. */
static gboolean
run_search (RepereWindow *self, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GListStore) hits = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  g_clear_pointer (&self->search_order, g_hash_table_unref);
  if (*text != '\0')
    {
      RepereJobFilter filter = { 0 };
      filter.assessment = _repere_window_current_assessment (self);
      filter.search = text;
      filter.sort = REPERE_SORT_RELEVANCE;
      if ((hits = repere_db_list_jobs (self->db, &filter, error)) == NULL)
        return FALSE;
      self->search_order = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (hits)); i++)
        {
          RepereJob *hit = g_list_model_get_item (G_LIST_MODEL (hits), i);
          g_hash_table_insert (self->search_order, g_strdup (repere_job_get_id (hit)), GUINT_TO_POINTER (i + 1));
          g_hash_table_insert (by_id, (gpointer) repere_job_get_id (hit), hit);
          g_object_unref (hit); /* @hits keeps it */
        }
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);
      RepereJob *hit = g_hash_table_lookup (by_id, repere_job_get_id (job));
      if (hit)
        repere_job_set_match (job, repere_job_get_match_tier (hit), repere_job_get_match_where (hit),
                              repere_job_get_match_snippet (hit));
      else
        repere_job_set_match (job, -1, NULL, NULL);
    }
  return TRUE;
}

/* After any change of the chain: the count, the empty state, the views'
 * filter, the open job (kept while it is listed: GtkSingleSelection follows
 * its item through the filters). */
static void
after_filtering (RepereWindow *self, gboolean job_changed)
{
  RepereJobFilter filter = { 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job of 58", "%u jobs of 58", n), n);

  _repere_window_current_filter (self, &filter);
  repere_views_page_set_filter (self->views_page, &filter);
  update_empty_state (self, n, filter.search);
  gtk_label_set_text (self->count_label, count);
  if (job_changed)
    show_selected_job (self);
}

/* The sort: the search's relevance until a column header is clicked. */
static void
update_sorter (RepereWindow *self)
{
  GtkSorter *wanted = self->relevance && self->search_order ? self->relevance_sorter
                                                            : gtk_column_view_get_sorter (self->column_view);

  if (gtk_sort_list_model_get_sorter (self->sorted) != wanted)
    gtk_sort_list_model_set_sorter (self->sorted, wanted);
  else if (wanted == self->relevance_sorter)
    gtk_sorter_changed (wanted, GTK_SORTER_CHANGE_DIFFERENT);
}

/* The filters and the search as the controls say. */
static void
apply_filters (RepereWindow *self)
{
  RepereJobFilter filter;

  _repere_window_current_filter (self, &filter);
  gtk_string_filter_set_search (self->family_filter, filter.family);
  gtk_string_filter_set_search (self->class_filter, filter.classification);
  gtk_custom_filter_set_filter_func (self->core_filter, filter.core_only ? match_core : NULL, NULL, NULL);
}

/* The keyboard focus in the list ------------------------------------------ */

/* Set on each cell's child: the cell's GtkListItem (its job, its position). */
#define LIST_ITEM_KEY "repere-list-item"

static void scroll_to_selected (RepereWindow *self);

/* The column view's list view (GTK 4.8: its last child): the rows, and the
 * "list." actions. */
static GtkWidget *
list_view (RepereWindow *self)
{
  return gtk_widget_get_last_child (GTK_WIDGET (self->column_view));
}

/* The row widget that shows @job, or NULL when it is not built. */
static GtkWidget *
row_of_job (RepereWindow *self, RepereJob *job)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list_view (self)); job && row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *child = cell ? gtk_widget_get_first_child (cell) : NULL;
      GtkListItem *item = child ? g_object_get_data (G_OBJECT (child), LIST_ITEM_KEY) : NULL;

      if (item && gtk_list_item_get_item (item) == (gpointer) job)
        return row;
    }
  return NULL;
}

static gboolean
focus_in_list (RepereWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));
}

/* The selected job's row has the keyboard focus, or takes it; FALSE while
 * that row is not built yet. TRUE with no job selected (nothing to do). */
static gboolean
grab_selected_row (RepereWindow *self)
{
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;

  if (job == NULL)
    return TRUE;
  if ((row = row_of_job (self, job)) == NULL)
    return FALSE;
  if (focus && (focus == row || gtk_widget_is_ancestor (focus, row)))
    return TRUE;
  return gtk_widget_grab_focus (row);
}

static gboolean
refocus_next_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  RepereWindow *self = data;

  /* a few frames at most: the row is built when the list is laid out */
  if (grab_selected_row (self) || ++self->refocus_frames > 10)
    {
      self->refocus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Issue 13: the keyboard focus onto the selected job's row, scrolled to
 * (at the next frames when its row is not built yet). */
static void
focus_selected_row (RepereWindow *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    return;
  /* scrolling sets GTK's anchor on the row: that builds it */
  scroll_to_selected (self);
  if (grab_selected_row (self) || self->refocus_tick != 0)
    return;
  self->refocus_frames = 0;
  self->refocus_tick = gtk_widget_add_tick_callback (list_view (self), refocus_next_frame, self, NULL);
}

static gboolean
refocus_after_enter (gpointer data)
{
  RepereWindow *self = data;

  self->refocus_idle = 0;
  if (focus_in_list (self))
    focus_selected_row (self);
  return G_SOURCE_REMOVE;
}

/* The focus came into the list (Tab, a click) after its rows were replaced:
 * GTK 4.8 puts it on the row at the position the focus had before, which
 * now shows another job. It goes on to the selected job's row, before the
 * next key is handled (a higher priority than the display's events). */
static void
on_list_focus_enter (RepereWindow *self)
{
  if (!self->refocus_on_enter)
    return;
  self->refocus_on_enter = FALSE;
  if (self->refocus_idle == 0)
    self->refocus_idle = g_idle_add_full (G_PRIORITY_HIGH, refocus_after_enter, self, NULL);
}

/* The data changed (ratings, an import, a new assessment) or the
 * assessment: its model under the chain, the search run again, the same job
 * kept open when it is still listed. */
static void
refresh_jobs (RepereWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *selected_id = NULL;
  RepereJob *selected = gtk_single_selection_get_selected_item (self->selection);
  gboolean had_focus = focus_in_list (self);
  GListStore *store;

  if (selected)
    selected_id = g_strdup (repere_job_get_id (selected));
  if (!self->filters_only)
    g_hash_table_remove_all (self->models);
  if ((store = assessment_jobs (self, &error)) == NULL)
    {
      _repere_window_show_error (self, error);
      return;
    }
  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  self->jobs = store;
  gtk_sort_list_model_set_model (self->sorted, G_LIST_MODEL (store));
  if (!run_search (self, &error))
    _repere_window_show_error (self, error);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  apply_filters (self);
  update_sorter (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id && i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (g_strcmp0 (repere_job_get_id (job), selected_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
  after_filtering (self, TRUE);
  /* Issue 13: every job object under the list is new, and so is every row:
   * GTK 4.8 keeps the focus on the row at the position it had, which now
   * shows another job, and Down went on from there. The focus stays in the
   * list, on the same job's row, so that Down and Up move from it; when it
   * is elsewhere, it goes there when it comes back (on_list_focus_enter()). */
  if (had_focus)
    focus_selected_row (self);
  else
    self->refocus_on_enter = TRUE;
}

/* A job row of the Familles page: the list filtered on its family, the job open. */
static void
on_family_job_activated (RepereWindow *self, const char *job_id, const char *family)
{
  g_autofree char *id = g_strdup (job_id);
  g_autofree char *family_code = g_strdup (family);

  repere_window_set_classification_filter (self, NULL);
  repere_window_set_core_only (self, FALSE);
  repere_window_set_search (self, "");
  repere_window_set_family_filter (self, family_code);
  repere_window_select_job (self, id);
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK)), "jobs");
}

static gboolean
page_shown (RepereWindow *self, const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), name) == 0;
}

static void
refresh_families (RepereWindow *self)
{
  g_autoptr (GError) error = NULL;

  /* Issue 13 (start-up): built when shown, not before the first frame. */
  if (!page_shown (self, "families"))
    {
      self->families_stale = TRUE;
      return;
    }
  self->families_stale = FALSE;
  if (!repere_families_page_refresh (self->families_page, _repere_window_current_assessment (self), &error))
    _repere_window_show_error (self, error);
}

/* Re-rating ---------------------------------------------------------------- */

/* The assessments again (one was created), @select_id selected. */
void
_repere_window_load_assessments (RepereWindow *self, const char *select_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) assessments = repere_db_list_assessments (self->db, &error);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  if (assessments == NULL)
    {
      _repere_window_show_error (self, error);
      return;
    }
  for (guint i = 0; i < assessments->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (assessments, i);
      gtk_string_list_append (names, ref->name);
      if (g_strcmp0 (ref->id, select_id) == 0)
        selected = i;
    }
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  self->assessments = g_steal_pointer (&assessments);
  g_signal_handlers_block_matched (self->assessment_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->assessment_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->assessment_dropdown, selected);
  g_signal_handlers_unblock_matched (self->assessment_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* @text as a toast, with an Undo button (win.undo) when @undoable. */
void
_repere_window_toast (RepereWindow *self, const char *text, gboolean undoable)
{
  AdwToast *toast = adw_toast_new (text);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Applies @counts to the selected job, as one change of the session's undo
 * stack, and shows the result at once. */
static void
edit_selected_job (RepereWindow *self, const int *counts)
{
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (job == NULL)
    return;
  message = g_strdup_printf (_("%s re-rated: scores, ranks and classes recomputed"), repere_job_get_name (job));
  if (!repere_assessment_set_level_counts (self->db, _repere_window_current_assessment (self), repere_job_get_id (job), counts,
                                           &error))
    {
      _repere_window_show_error (self, error);
      return;
    }
  repere_rating_actions_pushed (self->rating);
  _repere_window_reload (self);
  _repere_window_toast (self, message, TRUE);
}

static void
on_rating_applied (RepereWindow *self, int n1, int n2, int n3, int n4, int n5, RepereJobPage *page)
{
  const int counts[5] = { n1, n2, n3, n4, n5 };
  edit_selected_job (self, counts);
}

static void
on_rating_reverted (RepereWindow *self, RepereJobPage *page)
{
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);
  if (job)
    repere_rating_actions_ask_revert (self->rating, repere_job_get_id (job));
}

/* Ratings changed (issue 10: a grid, undo, redo, an imported sheet, a
 * revert, a consolidation): the lists reload, once for a run of keys. */
static gboolean
refresh_after_ratings (gpointer data)
{
  RepereWindow *self = data;

  self->rating_refresh = 0;
  _repere_window_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_ratings_changed (RepereWindow *self)
{
  if (self->rating_refresh == 0)
    self->rating_refresh = g_timeout_add (150, refresh_after_ratings, self);
}

static void
on_rate_requested (RepereWindow *self, const char *job_id, RepereJobPage *page)
{
  repere_rating_actions_open_grid (self->rating, job_id);
}

static void
on_job_requested (RepereWindow *self, const char *job_id, RepereJobPage *page)
{
  repere_window_set_family_filter (self, NULL);
  repere_window_set_classification_filter (self, NULL);
  repere_window_set_core_only (self, FALSE);
  repere_window_set_search (self, "");
  repere_window_select_job (self, job_id);
}


/* Column cells ------------------------------------------------------------ */

/* The job list's columns, in the order of repere-window.ui. */
typedef enum
{
  COLUMN_RANK,
  COLUMN_JOB,
  COLUMN_FAMILY,
  COLUMN_CORE,
  COLUMN_SCORE,
  COLUMN_CLASSIFICATION,
} Column;

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  RepereWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_JOB)
    {
      /* The name, and under it where a search found the job (issue 13). */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *match = gtk_label_new (NULL);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (match), 0);
      gtk_label_set_wrap (GTK_LABEL (match), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (match), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (match), 2);
      gtk_label_set_ellipsize (GTK_LABEL (match), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (match, "caption");
      gtk_widget_add_css_class (match, "dim-label");
      /* Issue 13: the longest name's width, in every row (see below). */
      if (self->name_chars > 0)
        {
          gtk_label_set_max_width_chars (GTK_LABEL (label), self->name_chars);
          gtk_label_set_max_width_chars (GTK_LABEL (match), self->name_chars);
        }
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), match);
      g_object_set_data (G_OBJECT (box), LIST_ITEM_KEY, item);
      gtk_list_item_set_child (item, box);
      return;
    }
  if (column == COLUMN_SCORE)
    {
      /* The score, and under it its basis in a user assessment (issue 10). */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *basis = gtk_label_new (NULL);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (basis), 1);
      gtk_label_set_ellipsize (GTK_LABEL (basis), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (basis, "caption");
      gtk_widget_add_css_class (basis, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), basis);
      g_object_set_data (G_OBJECT (box), LIST_ITEM_KEY, item);
      gtk_list_item_set_child (item, box);
      return;
    }

  switch (column)
    {
    case COLUMN_RANK:
    case COLUMN_SCORE:
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_CORE:
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      gtk_widget_add_css_class (label, "core-mark");
      break;
    case COLUMN_JOB:
    case COLUMN_FAMILY:
    case COLUMN_CLASSIFICATION:
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* Issue 13: a wrapping label's natural width is its text on one line;
       * a column's, the widest of the rows that have widgets, which change
       * as the list scrolls and filters. With max-width-chars, every family
       * cell asks the width of the longest family name (its minimum stays
       * its longest word): the column's natural width is the same whatever
       * the rows, and so is the list's, which the leaflet gives it when the
       * window is wide enough (repere-window.ui). */
      if (column == COLUMN_FAMILY && self->family_chars > 0)
        gtk_label_set_max_width_chars (GTK_LABEL (label), self->family_chars);
      break;
    }
  g_object_set_data (G_OBJECT (label), LIST_ITEM_KEY, item);
  gtk_list_item_set_child (item, label);
}

static void name_row (GtkWidget *cell_child, RepereJob *job);

/* gtk_widget_set_tooltip_text() asks the display where the pointer is (X
 * round trips under X11) even when the text is the same: a row re-bound by
 * a search or a filter keeps its tooltip without that cost. */
static void
set_tooltip_if_changed (GtkWidget *widget, const char *text)
{
  const char *current = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (current, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
on_match_changed (RepereJob *job, GParamSpec *pspec, GtkLabel *match)
{
  g_autofree char *markup = repere_search_match_markup (job);

  gtk_label_set_markup (match, markup ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (match), markup != NULL);
}

static void
unbind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "match-handler"));
  RepereJob *job = gtk_list_item_get_item (item);

  if (handler && job && g_signal_handler_is_connected (job, handler))
    g_signal_handler_disconnect (job, handler);
  g_object_set_data (G_OBJECT (item), "match-handler", NULL);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  RepereJob *job = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkLabel *label = GTK_LABEL (GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child));
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_RANK:
      text = repere_job_get_rank (job) > 0 ? g_strdup_printf ("%d", repere_job_get_rank (job)) : g_strdup ("—");
      break;
    case COLUMN_JOB:
      text = g_strdup (repere_job_get_name (job));
      {
        /* Where the search found it, kept up to date while the row stays
         * bound: a search that keeps the job listed may not re-bind its row
         * (GTK 4.8 destroys the widgets of the rows a filter removes). */
        GtkLabel *match = GTK_LABEL (gtk_widget_get_last_child (child));
        gulong handler = g_signal_connect_object (job, "notify::match-snippet", G_CALLBACK (on_match_changed),
                                                  match, 0);
        g_object_set_data (G_OBJECT (item), "match-handler", GSIZE_TO_POINTER (handler));
        on_match_changed (job, NULL, match);
      }
      name_row (child, job);
      break;
    case COLUMN_FAMILY:
      text = g_strdup_printf ("%s %s", repere_job_get_family_code (job), repere_job_get_family_name (job));
      break;
    case COLUMN_CORE:
      text = g_strdup (repere_job_get_core (job) ? "♥" : "");
      set_tooltip_if_changed (GTK_WIDGET (label), repere_job_get_core (job) ? _("Core assistance job") : NULL);
      break;
    case COLUMN_SCORE:
      text = repere_text_format_score (repere_job_get_score (job));
      {
        /* Issue 10: what the score rests on, in a user assessment. */
        GtkLabel *basis = GTK_LABEL (gtk_widget_get_last_child (child));
        const char *id = repere_job_get_basis (job);
        g_autofree char *full = id ? repere_rating_describe_basis (id, repere_job_get_rated (job),
                                                                   repere_job_get_retained (job))
                                   : NULL;
        g_autofree char *spoken = full ? g_strdup_printf ("%s, %s", text, full) : NULL;
        g_autofree char *line = NULL;

        if (repere_job_is_draft (job))
          /* TRANSLATORS: under a score in the job list: a draft, 3 of 46 competencies rated */
          line = g_strdup_printf (_("%d / %d rated"), repere_job_get_rated (job), repere_job_get_retained (job));
        else if (g_strcmp0 (id, "ratings") == 0)
          line = g_strdup (_("ratings"));
        else if (g_strcmp0 (id, "counts") == 0)
          line = g_strdup (_("counts"));
        gtk_label_set_text (basis, line ? line : "");
        gtk_widget_set_visible (GTK_WIDGET (basis), line != NULL);
        set_tooltip_if_changed (child, full);
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken ? spoken : text,
                                        -1);
      }
      break;
    case COLUMN_CLASSIFICATION:
      text = g_strdup (repere_job_get_classification_name (job) ? repere_job_get_classification_name (job) : "—");
      break;
    }
  gtk_label_set_text (label, text);
}

static int
probe_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  RepereWindow *self = g_object_get_data (G_OBJECT (data), "window");
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "column"));

  if (self->probing && self->probe_column < 0)
    self->probe_column = column;
  return gtk_sorter_compare (GTK_SORTER (data), (gpointer) a, (gpointer) b);
}

/* Issue 13: a screen reader reads the row it moves to: its job, rank, score
 * and class (GTK 4.8 names the row "GtkListItemWidget"). The row is the
 * parent of the cell holding @cell_child. */
static void
name_row (GtkWidget *cell_child, RepereJob *job)
{
  GtkWidget *cell = gtk_widget_get_parent (cell_child);
  GtkWidget *row = cell ? gtk_widget_get_parent (cell) : NULL;
  g_autofree char *score = repere_text_format_score (repere_job_get_score (job));
  g_autofree char *label = NULL;
  const char *class_name = repere_job_get_classification_name (job);

  if (row == NULL)
    return;
  if (repere_job_get_rank (job) > 0)
    /* TRANSLATORS: what a screen reader reads for a row of the job list: name, rank, score, class, ♥ */
    label = g_strdup_printf (_("%s, rank %d, score %s, %s%s"), repere_job_get_name (job), repere_job_get_rank (job),
                             score, class_name ? class_name : "—",
                             repere_job_get_core (job) ? _(", core job") : "");
  else
    label = g_strdup_printf ("%s%s", repere_job_get_name (job), repere_job_get_core (job) ? _(", core job") : "");
  repere_a11y_set_label (cell, repere_job_get_name (job));
  repere_a11y_set_label (row, label);
}

/* Issue 13: names for the controls GTK builds inside the header's
 * drop-downs and menu button, the list and its column headers. */
static void
name_controls (RepereWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  repere_a11y_label_control (GTK_WIDGET (self->assessment_dropdown), _("Assessment"));
  repere_a11y_label_control (GTK_WIDGET (self->family_dropdown), _("Job family"));
  repere_a11y_label_control (GTK_WIDGET (self->class_dropdown), _("Classification"));
  repere_a11y_label_control (GTK_WIDGET (self->menu_button), _("Main menu"));
  repere_a11y_set_label (GTK_WIDGET (self->column_view), _("Jobs"));
  repere_a11y_set_label (GTK_WIDGET (self->job_scroller), _("Job page"));
  repere_a11y_name_scrollers (GTK_WIDGET (self->leaflet), _("Jobs"));
  {
    AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
    g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
      {
        g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
        repere_a11y_name_scrollers (adw_view_stack_page_get_child (page), adw_view_stack_page_get_title (page));
      }
  }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      guint i = 0;

      if (GTK_IS_LIST_VIEW (child))
        {
          repere_a11y_set_label (child, _("Jobs"));
          continue;
        }
      /* The header: one title per column, in order. */
      repere_a11y_set_label (child, _("Column headers"));
      for (GtkWidget *title = gtk_widget_get_first_child (child); title; title = gtk_widget_get_next_sibling (title))
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i++);
          const char *text = column ? gtk_column_view_column_get_title (column) : NULL;

          /* GTK 4.8 has made the title's accessible (a filler) by now: its
           * role cannot change; its name says which column it heads. */
          if (text)
            repere_a11y_set_label (title, g_strcmp0 (text, "♥") == 0 ? _("Core job") : text);
        }
    }
}

/* Issue 13: the job list is one Tab stop, the arrows move inside it (GTK
 * 4.8's list views would take one Tab per row): Tab and Shift+Tab from a
 * row leave the list for the next control of the window. */
/* The first control of the job page takes the keyboard focus. The page
 * itself, not its scrolled window: from the list, the scrolled window's
 * focus handling kept the focus where it was (GTK 4.8). */
static gboolean
focus_job_page (RepereWindow *self)
{
  GtkWidget *before = gtk_root_get_focus (GTK_ROOT (self));

  /* The page adds its parts with controls (the fiche, the passerelles, the
   * competencies) after its first frame, and its top has none but in a user
   * assessment: Tab pressed at once after Enter opened the job found none
   * and went to the search. Built now then (issue 13). */
  if (!gtk_widget_child_focus (GTK_WIDGET (self->job_page), GTK_DIR_TAB_FORWARD))
    {
      repere_job_page_build_all (self->job_page);
      if (!gtk_widget_child_focus (GTK_WIDGET (self->job_page), GTK_DIR_TAB_FORWARD))
        return FALSE;
    }
  return gtk_root_get_focus (GTK_ROOT (self)) != before;
}

static gboolean
on_list_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                     RepereWindow *self)
{
  GtkDirectionType direction;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = state & GDK_SHIFT_MASK ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  /* Forward: the job page beside the list, else (folded, or nothing to
   * focus there) the search; backward: the last filter above the list. */
  if (direction == GTK_DIR_TAB_BACKWARD)
    gtk_widget_child_focus (GTK_WIDGET (self->class_dropdown), GTK_DIR_TAB_FORWARD);
  else if (adw_leaflet_get_folded (self->leaflet) || !focus_job_page (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Escape in the search entry clears the search. */
static void
on_stop_search (RepereWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}


static void
setup_keyboard (RepereWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus;

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_list_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), focus);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
}

/* The columns, with their titles, widths and sorters, are the template's
 * (repere-window.ui), in the order of Column; their cells are made here.
 * Issue 13: GTK 4.8 has no getter for the column view's sort, so each
 * column's sorter goes through probe_compare() (get_view_sort()). */
static void
setup_columns (RepereWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr (GtkColumnViewColumn) rank = NULL;

  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (self->column_sorters));
  for (guint i = 0; i < G_N_ELEMENTS (self->column_sorters); i++)
    {
      Column column = i;
      g_autoptr (GtkColumnViewColumn) view_column = g_list_model_get_item (columns, i);
      GtkSorter *own_sorter = gtk_column_view_column_get_sorter (view_column);
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (own_sorter), "window", self);
      g_object_set_data (G_OBJECT (own_sorter), "column", GINT_TO_POINTER (column));
      self->column_sorters[column] = g_object_ref (own_sorter);
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, g_object_ref (own_sorter), g_object_unref));
      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_set_data (G_OBJECT (factory), "window", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (column));
      gtk_column_view_column_set_factory (view_column, factory);
    }
  rank = g_list_model_get_item (columns, COLUMN_RANK);
  gtk_column_view_sort_by_column (self->column_view, rank, GTK_SORT_ASCENDING);
}

/* Signals ----------------------------------------------------------------- */

static void
on_filter_changed (RepereWindow *self)
{
  apply_filters (self);
  after_filtering (self, FALSE);
}

static void
on_assessment_changed (RepereWindow *self)
{
  self->filters_only = TRUE; /* another assessment: its model, kept if loaded */
  refresh_jobs (self);
  self->filters_only = FALSE;
  refresh_families (self);
}

static void
on_search_changed (RepereWindow *self)
{
  g_autoptr (GError) error = NULL;
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  /* A new search starts in the search's order (issue 13). */
  if (searching && !self->searching)
    self->relevance = TRUE;
  if (!searching)
    self->relevance = FALSE;
  self->searching = searching;
  if (!run_search (self, &error))
    _repere_window_show_error (self, error);
  /* The sort first: the filter above it re-checks the rows it moves with
   * the new hits, so the list gets one change for both; the filter then
   * re-checks the rest (no change when they stay as they are). */
  update_sorter (self);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  after_filtering (self, FALSE);
}

/* A column header clicked: the columns' order, also during a search. */
static void
on_view_sorter_changed (RepereWindow *self)
{
  if (self->relevance)
    {
      self->relevance = FALSE;
      update_sorter (self);
    }
}

static void
on_selection_changed (RepereWindow *self)
{
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);

  /* The filters move the open job's row: the same job stays as it is. */
  if (job && self->shown_job && g_strcmp0 (repere_job_get_id (job), self->shown_job) == 0)
    return;
  show_selected_job (self);
}

/* To the job page; folded, the keyboard goes with it (the list it leaves
 * is hidden: Tab there would go round hidden widgets). */
static void
navigate_to_job (RepereWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (adw_leaflet_get_folded (self->leaflet))
    focus_job_page (self);
}

static void
on_row_activated (RepereWindow *self, guint position)
{
  show_selected_job (self);
  navigate_to_job (self);
}

static void
on_list_clicked (RepereWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet)
      && gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    navigate_to_job (self);
}

static void
on_back_clicked (RepereWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* A finding of the consistency page: its job in its assessment, all filters off. */
static void
on_finding_activated (RepereWindow *self, const char *job_id, const char *assessment_id)
{
  repere_window_set_assessment (self, assessment_id);
  repere_window_set_family_filter (self, NULL);
  repere_window_set_classification_filter (self, NULL);
  repere_window_set_core_only (self, FALSE);
  repere_window_set_search (self, "");
  repere_window_select_job (self, job_id);
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK)), "jobs");
}

/* Issue 13: a job's mark in a chart, clicked or activated by keyboard: its
 * page, the filters kept (the chart shows the jobs of the list). */
static void
on_chart_job_activated (RepereWindow *self, const char *job_id)
{
  RepereJob *job;

  repere_window_select_job (self, job_id);
  job = gtk_single_selection_get_selected_item (self->selection);
  if (job == NULL || g_strcmp0 (repere_job_get_id (job), job_id) != 0)
    {
      on_finding_activated (self, job_id, _repere_window_current_assessment (self));
      return;
    }
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK)), "jobs");
}

/* The job page shows the job selected in the list. */
static gboolean
job_page_shows_selection (RepereWindow *self)
{
  RepereJob *job = gtk_single_selection_get_selected_item (self->selection);

  return job != NULL && g_strcmp0 (self->shown_job, repere_job_get_id (job)) == 0;
}

/* Issue 9: the ROME referential bundled with Repère, loaded after the
 * first frame on a worker thread with its own connection
 * (repere_rome_bundle_load_async()); meanwhile the job page says the
 * competencies are loading and the ROME import actions wait. */
static void
set_rome_loading (RepereWindow *self, gboolean loading)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-rome", !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rollback-rome", !loading);
  repere_job_page_set_rome_loading (self->job_page, loading);
  /* The page's ROME parts only, when it shows the selected job: the rest
   * of it stays as the user (or a screen reader) is reading it. */
  if (!job_page_shows_selection (self) || !repere_job_page_refresh_rome (self->job_page))
    show_selected_job (self);
}

static void
on_bundled_rome_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (RepereWindow) self = data;
  g_autoptr (GError) error = NULL;
  gint64 batch = repere_rome_bundle_load_finish (REPERE_DB (source), result, &error);

  g_clear_object (&self->rome_loading);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  set_rome_loading (self, FALSE);
  if (batch < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _repere_window_show_error (self, error);
  else if (batch > 0)
    _repere_window_toast (self, _("ROME 4.0 v460 loaded: the jobs’ competencies and fiches are there"), FALSE);
}

static void
start_bundled_rome (RepereWindow *self)
{
  if (self->first_paint_handler)
    g_clear_signal_handler (&self->first_paint_handler, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  repere_rome_bundle_load_async (self->db, self->rome_loading, on_bundled_rome_loaded, g_object_ref (self));
}

/* The worker takes a core for a second: not before the window's first frame. */
static void
start_after_first_frame (RepereWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_signal_handler (&self->first_map_handler, self);
  if (clock == NULL)
    {
      start_bundled_rome (self);
      return;
    }
  self->first_paint_handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (start_bundled_rome), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/**
 * repere_window_load_bundled_rome:
 *
 * Loads the ROME referential bundled with Repère when the database has none
 * in force (repere_rome_bundle_needed()), without blocking the window: the
 * job page says at once that the competencies are loading, and the load
 * starts on a worker thread after the window's first frame. Called before
 * the window is presented (as RepereApplication does, so that the job page
 * is built once, in its loading state, before the window measures it), the
 * load waits for the window to be shown.
 *
 * Returns: %TRUE when a load started or waits for the first frame
 */
gboolean
repere_window_load_bundled_rome (RepereWindow *self)
{
  g_autoptr (GError) error = NULL;
  gboolean needed = FALSE;

  if (self->rome_loading != NULL)
    return TRUE;
  if (!repere_rome_bundle_needed (self->db, &needed, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  if (!needed)
    return FALSE;
  self->rome_loading = g_cancellable_new ();
  set_rome_loading (self, TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_after_first_frame (self);
  else
    self->first_map_handler = g_signal_connect_swapped (self, "map", G_CALLBACK (start_after_first_frame), self);
  return TRUE;
}

/**
 * repere_window_is_rome_loading:
 *
 * Returns: %TRUE while the bundled referential loads
 */
gboolean
repere_window_is_rome_loading (RepereWindow *self)
{
  return self->rome_loading != NULL;
}

static void
repere_window_dispose (GObject *object)
{
  RepereWindow *self = REPERE_WINDOW (object);

  g_clear_handle_id (&self->rating_refresh, g_source_remove);
  g_clear_handle_id (&self->refocus_idle, g_source_remove);
  if (self->refocus_tick && self->column_view)
    gtk_widget_remove_tick_callback (list_view (self), self->refocus_tick);
  self->refocus_tick = 0;
  /* Issue 13: a window destroyed without closing keeps its state too. */
  save_state (self);
  g_clear_object (&self->settings);
  if (self->column_view)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  g_clear_object (&self->rating);
  /* A bundled load waiting for the first frame does not start any more. */
  g_clear_signal_handler (&self->first_map_handler, self);
  if (self->first_paint_handler && gtk_widget_get_frame_clock (GTK_WIDGET (self)))
    g_clear_signal_handler (&self->first_paint_handler, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  if (self->rome_loading)
    g_cancellable_cancel (self->rome_loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), REPERE_TYPE_WINDOW);
  G_OBJECT_CLASS (repere_window_parent_class)->dispose (object);
}

static void
repere_window_finalize (GObject *object)
{
  RepereWindow *self = REPERE_WINDOW (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->families, g_ptr_array_unref);
  g_clear_pointer (&self->classifications, g_ptr_array_unref);
  self->jobs = NULL; /* owned by models */
  g_clear_pointer (&self->shown_job, g_free);
  g_clear_pointer (&self->models, g_hash_table_unref);
  g_clear_pointer (&self->search_order, g_hash_table_unref);
  g_clear_object (&self->relevance_sorter);
  for (guint i = 0; i < G_N_ELEMENTS (self->column_sorters); i++)
    g_clear_object (&self->column_sorters[i]);
  G_OBJECT_CLASS (repere_window_parent_class)->finalize (object);
}

static void
repere_window_class_init (RepereWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_window_dispose;
  object_class->finalize = repere_window_finalize;

  /* Referencing the bundle links it in; its constructor registers it. */
  (void) repere_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/observatoire_assistance/Repere/ui/repere-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, assessment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, family_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, core_toggle);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, sorted);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, filtered);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, family_filter);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, class_filter);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, core_filter);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, search_filter);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, job_scroller);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, job_bin);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, families_page);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, recommendations_page);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, views_page);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, consistency_page);
  gtk_widget_class_bind_template_child (widget_class, RepereWindow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  _repere_window_class_actions_init (klass);
}

static void
repere_window_init (RepereWindow *self)
{
  g_type_ensure (REPERE_TYPE_JOB); /* the list's filters look up its properties */
  g_type_ensure (REPERE_TYPE_JOB_PAGE);
  g_type_ensure (REPERE_TYPE_VIEWS_PAGE);
  g_type_ensure (REPERE_TYPE_CONSISTENCY_PAGE);
  g_type_ensure (REPERE_TYPE_SURVEY_PAGE);
  g_type_ensure (REPERE_TYPE_STUDY_PAGE);
  g_type_ensure (REPERE_TYPE_FAMILIES_PAGE);
  g_type_ensure (REPERE_TYPE_RECOMMENDATIONS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void create_empty_page (RepereWindow *self);

/* Issue 13 (start-up): the Familles and Préconisations pages are built the
 * first time they are shown. */
static void
on_page_shown (RepereWindow *self)
{
  if (self->families_stale && page_shown (self, "families"))
    refresh_families (self);
  if (page_shown (self, "recommendations"))
    {
      g_autoptr (GError) error = NULL;
      if (!repere_recommendations_page_fill (self->recommendations_page, &error))
        g_warning ("%s", error->message);
    }
}

/* Issue 13: the job page's natural width, in pixels, margins included: a
 * reading width (some 110 characters of its body text), not the width of its
 * longest paragraph on one line (5,788 px for Infirmier d’assistance), which
 * would take the leaflet's room from the list. The page still fills the
 * width it gets, and asks at least its minimum. */
#define JOB_PAGE_NATURAL_WIDTH 820
/* Its minimum width, in pixels, whatever the job: the widest page at its
 * narrowest with the study's three assessments (512 px for Gestionnaire de
 * dossiers d’assistance, whose classifications are « En forte
 * transformation »; 442 px for the narrowest). The leaflet folds when the
 * list's and the page's minimums do not fit: with each page's own minimum,
 * it folded for some jobs and not for others at the same window width
 * (1,150 to 1,350 px), and opening a job from the list could hide the list.
 * A user assessment adds a column to the page's table, which may then ask
 * more. */
#define JOB_PAGE_MIN_WIDTH 520

static GtkSizeRequestMode
job_bin_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
job_bin_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                 int *minimum_baseline, int *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  /* The same request for every job, whatever its page holds, and before
   * and after the parts that come after its first frame: the leaflet's
   * split does not move when a job opens. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, JOB_PAGE_MIN_WIDTH);
      *natural = MAX (*minimum, JOB_PAGE_NATURAL_WIDTH);
    }
}

static void
job_bin_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static GtkStringList *
ref_names (GPtrArray *refs, const char *all_label, gboolean with_code)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (all_label)
    gtk_string_list_append (list, all_label);
  for (guint i = 0; i < refs->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (refs, i);
      g_autofree char *name = with_code ? g_strdup_printf ("%s %s", ref->id, ref->name) : g_strdup (ref->name);
      gtk_string_list_append (list, name);
    }
  return list;
}

/**
 * repere_window_new:
 * @app: the application
 * @db: (transfer none): the open database
 *
 * Returns: (transfer none): a new main window on @db, listing the jobs of
 *   %REPERE_DEFAULT_ASSESSMENT
 */
RepereWindow *
repere_window_new (RepereApplication *app, RepereDb *db)
{
  RepereWindow *self = g_object_new (REPERE_TYPE_WINDOW, "application", app, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) family_names = NULL;
  g_autoptr (GtkStringList) class_names = NULL;
  GtkSorter *view_sorter;

  self->db = g_object_ref (db);
  self->families = repere_db_list_families (db, &error);
  if (self->families)
    self->classifications = repere_db_list_classifications (db, &error);
  if (self->classifications == NULL)
    {
      _repere_window_show_error (self, error);
      return self;
    }

  family_names = ref_names (self->families, _("All families"), TRUE);
  class_names = ref_names (self->classifications, _("All classifications"), FALSE);
  _repere_window_load_assessments (self, REPERE_DEFAULT_ASSESSMENT);
  gtk_drop_down_set_model (self->family_dropdown, G_LIST_MODEL (family_names));
  gtk_drop_down_set_model (self->class_dropdown, G_LIST_MODEL (class_names));

  /* Issue 13: the model chain is the template's; the models, the search and
   * the relevance order are set here. */
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < self->families->len; i++)
    {
      RepereRef *family = g_ptr_array_index (self->families, i);
      /* As the cells write it: "04 Gestion d’assistance". */
      int chars = g_utf8_strlen (family->id, -1) + 1 + g_utf8_strlen (family->name, -1);
      self->family_chars = MAX (self->family_chars, chars);
    }
  setup_columns (self);
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  self->relevance_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_relevance, self, NULL));
  gtk_custom_filter_set_filter_func (self->search_filter, match_search, self, NULL);
  gtk_sort_list_model_set_sorter (self->sorted, view_sorter);

  self->job_page = repere_job_page_new ();
  gtk_widget_set_layout_manager (GTK_WIDGET (self->job_bin),
                                 gtk_custom_layout_new (job_bin_request_mode, job_bin_measure, job_bin_allocate));
  adw_bin_set_child (self->job_bin, GTK_WIDGET (self->job_page));

  g_signal_connect_swapped (self->assessment_dropdown, "notify::selected", G_CALLBACK (on_assessment_changed), self);
  g_signal_connect_swapped (self->family_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->class_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->core_toggle, "toggled", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (view_sorter, "changed", G_CALLBACK (on_view_sorter_changed), self);
  {
    /* Issue 13: folded (narrow window), one click on a row opens its job. */
    GtkGesture *click = gtk_gesture_click_new ();
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
    g_signal_connect_swapped (click, "released", G_CALLBACK (on_list_clicked), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
  }
  create_empty_page (self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->job_page, "rating-applied", G_CALLBACK (on_rating_applied), self);
  g_signal_connect_swapped (self->job_page, "rating-reverted", G_CALLBACK (on_rating_reverted), self);
  repere_job_page_set_db (self->job_page, db);
  /* Ratings (issue 10): the "rating" actions, the job's grid. */
  self->rating = repere_rating_actions_new (GTK_WINDOW (self), db, self->toast_overlay);
  g_signal_connect_swapped (self->rating, "changed", G_CALLBACK (on_ratings_changed), self);
  g_signal_connect_swapped (self->job_page, "rate-requested", G_CALLBACK (on_rate_requested), self);
  g_signal_connect_swapped (self->job_page, "job-requested", G_CALLBACK (on_job_requested), self);

  repere_views_page_set_db (self->views_page, db);
  g_signal_connect_swapped (repere_views_page_get_chart_view (self->views_page), "job-activated",
                            G_CALLBACK (on_chart_job_activated), self);
  repere_consistency_page_set_db (self->consistency_page, db);
  repere_families_page_set_db (self->families_page, db);
  g_signal_connect_swapped (self->families_page, "job-activated", G_CALLBACK (on_family_job_activated), self);
  repere_recommendations_page_set_db (self->recommendations_page, db);
  g_signal_connect_swapped (self->consistency_page, "job-activated", G_CALLBACK (on_finding_activated), self);
  {
    /* The Consultation and Étude pages (the rest of the study). */
    AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
    repere_survey_page_set_db (REPERE_SURVEY_PAGE (adw_view_stack_get_child_by_name (stack, "survey")), db);
    repere_study_page_set_db (REPERE_STUDY_PAGE (adw_view_stack_get_child_by_name (stack, "study")), db);
    /* Issue 13: their lists and rows named after their text. */
    repere_a11y_name_lists (adw_view_stack_get_child_by_name (stack, "survey"), NULL);
    repere_a11y_name_lists (adw_view_stack_get_child_by_name (stack, "study"), NULL);
    repere_a11y_name_lists (GTK_WIDGET (self->consistency_page), NULL);
    repere_a11y_name_lists (GTK_WIDGET (self->views_page), NULL);
  }

  name_controls (self);
  setup_keyboard (self);
  _repere_window_reload (self);
  {
    AdwViewStack *stack
        = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
    g_signal_connect_swapped (stack, "notify::visible-child-name", G_CALLBACK (on_page_shown), self);
    on_page_shown (self);
  }
  return self;
}

/* Search: the empty state and its suggestion (issue 13) -------------------- */

static void
on_suggestion_clicked (GtkButton *button, RepereWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "job-name");
  if (name)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), name);
}

static void
create_empty_page (RepereWindow *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->column_view), GTK_TYPE_SCROLLED_WINDOW);

  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Job Matches"));
  gtk_widget_set_vexpand (self->empty_page, TRUE);
  gtk_widget_add_css_class (self->empty_page, "compact");
  self->suggestion = gtk_button_new ();
  gtk_widget_set_halign (self->suggestion, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->suggestion, "pill");
  g_signal_connect (self->suggestion, "clicked", G_CALLBACK (on_suggestion_clicked), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (self->empty_page), self->suggestion);
  gtk_widget_set_visible (self->empty_page, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (scroller)), self->empty_page, scroller);
}

/* Shows the status page instead of the list when nothing is shown, with the
 * job titles nearest to the search (repere_search_suggest()). */
static void
update_empty_state (RepereWindow *self, guint n, const char *search)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->column_view), GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr (GPtrArray) names = NULL;

  if (self->empty_page == NULL)
    return;
  gtk_widget_set_visible (scroller, n > 0);
  gtk_widget_set_visible (self->empty_page, n == 0);
  if (n > 0)
    return;
  if (search && *search)
    names = repere_search_suggest (self->db, search, 1, NULL);
  if (names && names->len > 0)
    {
      g_autofree char *label = g_strdup_printf (_("Did you mean “%s”?"), (char *) g_ptr_array_index (names, 0));
      g_object_set_data_full (G_OBJECT (self->suggestion), "job-name", g_strdup (g_ptr_array_index (names, 0)),
                              g_free);
      gtk_button_set_label (GTK_BUTTON (self->suggestion), label);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                       _("No job has these words in its name or its texts."));
    }
  else
    adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                     search && *search ? _("No job has these words in its name or its texts.")
                                                       : _("No job passes these filters."));
  gtk_widget_set_visible (self->suggestion, names && names->len > 0);
}

/**
 * repere_window_get_suggestion:
 *
 * Returns: (transfer none) (nullable): the job name the empty state offers,
 *   %NULL when the list is not empty or has no suggestion
 */
const char *
repere_window_get_suggestion (RepereWindow *self)
{
  if (!gtk_widget_get_visible (self->empty_page) || !gtk_widget_get_visible (self->suggestion))
    return NULL;
  return g_object_get_data (G_OBJECT (self->suggestion), "job-name");
}

/**
 * repere_window_accept_suggestion:
 *
 * Clicks the empty state's "Did you mean …?" button.
 */
void
repere_window_accept_suggestion (RepereWindow *self)
{
  g_signal_emit_by_name (self->suggestion, "clicked");
}

static guint
find_ref (GPtrArray *refs, const char *id)
{
  for (guint i = 0; refs && id && i < refs->len; i++)
    if (g_strcmp0 (((RepereRef *) g_ptr_array_index (refs, i))->id, id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/**
 * repere_window_set_assessment:
 * @assessment_id: an assessment id; unknown ids are ignored
 */
void
repere_window_set_assessment (RepereWindow *self, const char *assessment_id)
{
  guint i = find_ref (self->assessments, assessment_id);
  if (i != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->assessment_dropdown, i);
}

/**
 * repere_window_set_family_filter:
 * @family_code: (nullable): "01"–"13", or %NULL for all families
 */
void
repere_window_set_family_filter (RepereWindow *self, const char *family_code)
{
  guint i = find_ref (self->families, family_code);
  gtk_drop_down_set_selected (self->family_dropdown, i == GTK_INVALID_LIST_POSITION ? 0 : i + 1);
}

/**
 * repere_window_set_classification_filter:
 * @classification_id: (nullable): a class id, or %NULL for all
 */
void
repere_window_set_classification_filter (RepereWindow *self, const char *classification_id)
{
  guint i = find_ref (self->classifications, classification_id);
  gtk_drop_down_set_selected (self->class_dropdown, i == GTK_INVALID_LIST_POSITION ? 0 : i + 1);
}

void
repere_window_set_core_only (RepereWindow *self, gboolean core_only)
{
  gtk_toggle_button_set_active (self->core_toggle, core_only);
}

/**
 * repere_window_set_search:
 * @text: words to find; the list updates at once
 */
void
repere_window_set_search (RepereWindow *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

static void
scroll_to_selected (RepereWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (gtk_widget_get_last_child (GTK_WIDGET (self->column_view)), "list.scroll-to-item",
                                "u", position);
}

static gboolean
scroll_when_allocated (gpointer data)
{
  RepereWindow *self = data;

  scroll_to_selected (self);
  return G_SOURCE_REMOVE;
}

static void
on_list_mapped (RepereWindow *self)
{
  g_clear_signal_handler (&self->scroll_pending, self->column_view);
  /* After the first allocation: the list view then knows its rows' height. */
  g_idle_add_full (G_PRIORITY_LOW, scroll_when_allocated, g_object_ref (self), g_object_unref);
}

/**
 * repere_window_select_job:
 * @job_id: a job id among those shown
 */
void
repere_window_select_job (RepereWindow *self, const char *job_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (g_strcmp0 (repere_job_get_id (job), job_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* Issue 13: scrolled to in the list (GTK 4.8 has no
           * gtk_column_view_scroll_to(); its list view has the action);
           * before the window shows (--job), once it has a size. */
          if (gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
            scroll_to_selected (self);
          else if (self->scroll_pending == 0)
            self->scroll_pending = g_signal_connect_swapped (self->column_view, "map",
                                                             G_CALLBACK (on_list_mapped), self);
          navigate_to_job (self);
          return;
        }
    }
}

/**
 * repere_window_get_n_jobs_shown:
 *
 * Returns: the number of rows the job list shows
 */
guint
repere_window_get_n_jobs_shown (RepereWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

/**
 * repere_window_get_shown_jobs:
 *
 * Returns: (transfer none): the jobs as shown, filtered and sorted
 */
GListModel *
repere_window_get_shown_jobs (RepereWindow *self)
{
  return G_LIST_MODEL (self->filtered);
}

/**
 * repere_window_show_view:
 * @view: a chart kind ("ranking", "classification", "distribution",
 *   "evolution", "families"), "consistency", "survey" or "study"
 *
 * Shows the Views page on that chart, or the Consistency, Consultation or
 * Étude page.
 *
 * Returns: %FALSE, showing nothing new, for another name
 */
gboolean
repere_window_show_view (RepereWindow *self, const char *view)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
  RepereChartKind kind;

  if (g_strcmp0 (view, "consistency") == 0 || g_strcmp0 (view, "survey") == 0 || g_strcmp0 (view, "study") == 0)
    {
      adw_view_stack_set_visible_child_name (stack, view);
      return TRUE;
    }
  /* Issue 10: the shown job's rating grid, the agreement report, the
   * history of changes (of a user assessment). */
  if (g_strcmp0 (view, "rating") == 0)
    return gtk_widget_activate_action (GTK_WIDGET (self), "rating.rate-job", NULL);
  if (g_strcmp0 (view, "agreement") == 0 || g_strcmp0 (view, "history") == 0)
    {
      g_autofree char *action = g_strconcat ("rating.", view, NULL);
      return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
    }
  if (!repere_chart_kind_parse (view, &kind))
    return FALSE;
  repere_views_page_set_kind (self->views_page, kind);
  adw_view_stack_set_visible_child_name (stack, "views");
  return TRUE;
}

/* Remembered state (issue 13) ------------------------------------------------ */

static const char *const sort_names[] = { "rank", "job", "family", "core", "score", "classification" };

/* The column view's sort in GTK 4.8, which has no getter for it: each
 * column's sorter goes through probe_compare(), so the first one the view's
 * sorter asks is its primary column; the direction is whether the view's
 * answer is the column's own or its opposite. */
static gboolean
get_view_sort (RepereWindow *self, guint *column, gboolean *descending)
{
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);
  GListModel *jobs = G_LIST_MODEL (self->jobs);

  for (guint i = 0; i + 1 < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr (GObject) a = g_list_model_get_item (jobs, i);
      g_autoptr (GObject) b = g_list_model_get_item (jobs, i + 1);
      GtkOrdering view_order, own_order;

      self->probe_column = -1;
      self->probing = TRUE;
      view_order = gtk_sorter_compare (view_sorter, a, b);
      self->probing = FALSE;
      if (self->probe_column < 0 || self->probe_column >= (int) G_N_ELEMENTS (self->column_sorters))
        return FALSE; /* no column sorts */
      own_order = gtk_sorter_compare (self->column_sorters[self->probe_column], a, b);
      if (own_order != GTK_ORDERING_EQUAL && view_order != GTK_ORDERING_EQUAL)
        {
          *column = self->probe_column;
          *descending = view_order != own_order;
          return TRUE;
        }
    }
  return FALSE;
}

static void
save_state (RepereWindow *self)
{
  GSettings *settings = self->settings;
  AdwViewStack *stack;
  int width = 0, height = 0;
  guint column;
  gboolean descending;
  const char *page;

  if (settings == NULL || self->assessments == NULL)
    return;
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
  g_settings_delay (settings);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (settings, "assessment", _repere_window_current_assessment (self));
  g_settings_set_string (settings, "family", selected_ref (self->family_dropdown, self->families) ?: "");
  g_settings_set_string (settings, "classification",
                         selected_ref (self->class_dropdown, self->classifications) ?: "");
  g_settings_set_boolean (settings, "core-only", gtk_toggle_button_get_active (self->core_toggle));
  if (get_view_sort (self, &column, &descending) && column < G_N_ELEMENTS (sort_names))
    {
      g_settings_set_string (settings, "sort-column", sort_names[column]);
      g_settings_set_boolean (settings, "sort-descending", descending);
    }
  page = adw_view_stack_get_visible_child_name (stack);
  if (page)
    g_settings_set_string (settings, "page", page);
  g_settings_set_string (settings, "view", repere_chart_kind_id (repere_views_page_get_kind (self->views_page)));
  g_settings_set_string (settings, "compared-assessment", repere_views_page_get_compare (self->views_page) ?: "");
  g_settings_apply (settings);
}

static gboolean
on_close_request (RepereWindow *self)
{
  save_state (self);
  return FALSE;
}

/**
 * repere_window_restore_state:
 * @settings: (transfer none): the settings of
 *   data/org.observatoire_assistance.Repere.gschema.xml (repere_settings_new())
 *
 * Restores from @settings the window's size and maximised state, the
 * assessment (an unknown one, e.g. deleted since, leaves the default), the
 * family, classification and core filters, the sort, the page and the view
 * with its compared assessment, and the print settings and page setup
 * (repere_print_ui_use_settings()); keeps them there when the window closes
 * or is destroyed. The search text is not kept.
 */
void
repere_window_restore_state (RepereWindow *self, GSettings *settings)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self->leaflet), ADW_TYPE_VIEW_STACK));
  g_autofree char *assessment = g_settings_get_string (settings, "assessment");
  g_autofree char *family = g_settings_get_string (settings, "family");
  g_autofree char *classification = g_settings_get_string (settings, "classification");
  g_autofree char *sort = g_settings_get_string (settings, "sort-column");
  g_autofree char *page = g_settings_get_string (settings, "page");
  g_autofree char *view = g_settings_get_string (settings, "view");
  g_autofree char *compare = g_settings_get_string (settings, "compared-assessment");
  RepereChartKind kind;

  g_set_object (&self->settings, settings);
  if (self->assessments == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  repere_window_set_assessment (self, assessment);
  repere_window_set_family_filter (self, *family ? family : NULL);
  repere_window_set_classification_filter (self, *classification ? classification : NULL);
  repere_window_set_core_only (self, g_settings_get_boolean (settings, "core-only"));
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_strcmp0 (sort, sort_names[i]) == 0)
      {
        GListModel *columns = gtk_column_view_get_columns (self->column_view);
        g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        if (column)
          gtk_column_view_sort_by_column (self->column_view, column,
                                          g_settings_get_boolean (settings, "sort-descending")
                                              ? GTK_SORT_DESCENDING
                                              : GTK_SORT_ASCENDING);
      }
  if (*compare)
    repere_views_page_set_compare (self->views_page, compare);
  if (repere_chart_kind_parse (view, &kind))
    repere_views_page_set_kind (self->views_page, kind);
  if (adw_view_stack_get_child_by_name (stack, page))
    adw_view_stack_set_visible_child_name (stack, page);
  repere_print_ui_use_settings (settings);
  g_signal_connect_swapped (self, "close-request", G_CALLBACK (on_close_request), self);
}

/* Shared with the actions (repere-window-private.h) ------------------------- */

/* The data changed (an import, undo, a new assessment): the job list and
 * the Familles page again, the open job kept while it is listed. */
void
_repere_window_reload (RepereWindow *self)
{
  refresh_jobs (self);
  refresh_families (self);
}
