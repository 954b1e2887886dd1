/* repere-rating-grid.c: the rating grid of a job in a user assessment
 *
 * One row per competency of the job (kind, label and category, ROME's
 * Principale / Émergente and "removed" marks, retained or not, the level,
 * who rated and when), keyboard first: the digits 1–5 rate the focused row
 * (or every selected row) and move the focus to the next one; 0, Delete or
 * Backspace clear; R toggles "retained"; arrows move, Shift+arrows select,
 * Ctrl+U shows the unrated ones only. The rows are updated in place after
 * each rating (repere_rating_items_refresh()), so that the focus and the
 * scroll position stay where the user is; the grid opens on the first
 * competency without a level. The levels' names and definitions of 3.2.1.1
 * are beside the grid. French keyboards: the digit row's unshifted keys
 * (& é " ' ( and à) count as 1–5 and 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-grid.h"

#include <glib/gi18n.h>

#include "repere-competency.h"
#include "repere-rating-history-window.h"
#include "repere-rating-sheet.h"
#include "repere-rating.h"
#include "repere-score.h"

struct _RepereRatingGrid
{
  GtkBox parent_instance;

  RepereDb *db;
  RepereUndoStack *undo;
  char *assessment_id;
  char *job_id;
  char *job_name;
  char *rater; /* whose levels the keys set */
  GListStore *items;
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  GtkMultiSelection *selection;
  GPtrArray *raters;  /* char*, in the drop-down's order */
  guint focus_source; /* retrying to focus and show pending_focus */
  guint focus_tries;
  guint pending_focus;
  char *progress;
  GtkColumnViewColumn *own_column_ref; /* a reference while out of the view */

  /* template */
  GtkLabel *progress_label;
  GtkBox *rater_box;
  GtkDropDown *rater_dropdown;
  GtkToggleButton *unrated_toggle;
  GtkButton *apply_button;
  GtkMenuButton *more_button;
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  GtkColumnViewColumn *level_column;
  GtkColumnViewColumn *own_column;
  GtkBox *legend_box;
};

G_DEFINE_TYPE (RepereRatingGrid, repere_rating_grid, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define LIST_ITEM_KEY "repere-list-item"

static void
show_error (RepereRatingGrid *self, const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog
      = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                _ ("The ratings could not be changed"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Progress and actions ----------------------------------------------------- */

static void
update_progress (RepereRatingGrid *self)
{
  RepereRatingProgress progress;
  g_autoptr (GError) error = NULL;
  g_autofree char *basis = NULL;
  const char *state;

  if (self->job_id == NULL
      || !repere_rating_get_progress (self->db, self->assessment_id, self->job_id, &progress,
                                      &error))
    return;
  basis = repere_rating_describe_basis (progress.basis, progress.rated, progress.retained);
  if (g_strcmp0 (progress.basis, "ratings") == 0)
    state = progress.rated == progress.retained
                ? _ ("every retained competency is rated: the ratings give the score")
                : _ ("applied: the ratings give the score");
  else if (progress.rated > 0)
    state = _ ("draft: no score moves until every retained competency is rated, or you apply them");
  else
    state = _ ("no rating yet: the score is the published one");
  g_free (self->progress);
  /* TRANSLATORS: "12 / 46 rated · draft: no score moves …" */
  self->progress
      = g_strdup_printf (_ ("%d / %d rated · %s"), progress.rated, progress.retained, state);
  gtk_label_set_text (self->progress_label, self->progress);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_label), basis);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.apply",
                                 progress.rated > 0 && g_strcmp0 (progress.basis, "ratings") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.unapply", progress.applied);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button),
                          progress.rated > 0 && g_strcmp0 (progress.basis, "ratings") != 0);
  repere_rating_progress_clear (&progress);
}

static void
update_undo_actions (RepereRatingGrid *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.undo",
                                 self->undo && repere_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.redo",
                                 self->undo && repere_undo_stack_can_redo (self->undo));
}

/* After a change in the database: the rows in place, the progress, the
 * window told. */
static void
after_change (RepereRatingGrid *self, gboolean pushed)
{
  repere_rating_grid_reload (self);
  if (pushed && self->undo)
    repere_undo_stack_push_last (self->undo);
  update_undo_actions (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Focus -------------------------------------------------------------------- */

/* The level cell (our widget, tagged with its GtkListItem) under @widget. */
static GtkWidget *
find_level_cell (GtkWidget *widget, int depth)
{
  if (g_object_get_data (G_OBJECT (widget), LIST_ITEM_KEY))
    return widget;
  if (depth > 6)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_level_cell (child, depth + 1);
      if (found)
        return found;
    }
  return NULL;
}

/**
 * repere_rating_grid_get_focus_position:
 *
 * Returns: the position, in the rows shown, of the row that has the
 *   keyboard focus, or %G_MAXUINT when no row has it
 */
guint
repere_rating_grid_get_focus_position (RepereRatingGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w && w != GTK_WIDGET (self->column_view);
       w = gtk_widget_get_parent (w))
    {
      GtkWidget *cell = find_level_cell (w, 0);
      if (cell)
        {
          GtkListItem *item = g_object_get_data (G_OBJECT (cell), LIST_ITEM_KEY);
          return gtk_list_item_get_position (item);
        }
    }
  return G_MAXUINT;
}

/* The row widget of @position, when it is built. */
static GtkWidget *
row_widget (GtkWidget *widget, guint position)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), LIST_ITEM_KEY);

  if (item && gtk_list_item_get_position (item) == position && gtk_list_item_get_item (item))
    {
      /* cell child → cell → row */
      GtkWidget *cell = gtk_widget_get_parent (widget);
      return cell ? gtk_widget_get_parent (cell) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = row_widget (child, position);
      if (found)
        return found;
    }
  return NULL;
}

/* Scrolls the least needed to show the row of @position whole (@scroll),
 * or says whether it is shown whole (not @scroll), when it is built and
 * laid out. Returns %FALSE when it is not yet. */
static gboolean
show_row_full (RepereRatingGrid *self, guint position, gboolean scroll)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkWidget *row = row_widget (view, position);
  GtkWidget *titles = gtk_widget_get_first_child (view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double header = titles ? gtk_widget_get_height (titles) : 0;
  double visible = gtk_widget_get_height (view) - header;
  graphene_rect_t bounds;
  double top, bottom, value;

  /* Rows are placed under the column titles, offset by the scroll. */
  if (row == NULL || !gtk_widget_compute_bounds (row, view, &bounds) || bounds.size.height < 2
      || visible <= 0)
    return FALSE;
  top = bounds.origin.y - header;
  bottom = top + bounds.size.height;
  value = gtk_adjustment_get_value (adjustment);
  if (!scroll)
    return top >= -0.5 && bottom <= visible + 0.5;
  if (top < 0)
    gtk_adjustment_set_value (adjustment, value + top);
  else if (bottom > visible)
    gtk_adjustment_set_value (adjustment, value + MIN (top, bottom - visible));
  return TRUE;
}

static gboolean
show_row (RepereRatingGrid *self, guint position)
{
  return show_row_full (self, position, TRUE);
}

/**
 * repere_rating_grid_row_in_view:
 * @position: a row shown
 *
 * Returns: %TRUE when the row is laid out and wholly inside the visible
 *   part of the grid
 */
gboolean
repere_rating_grid_row_in_view (RepereRatingGrid *self, guint position)
{
  return show_row_full (self, position, FALSE);
}

static gboolean
grab_row (RepereRatingGrid *self, guint position)
{
  GtkWidget *row = row_widget (GTK_WIDGET (self->column_view), position);
  return row && gtk_widget_grab_focus (row);
}

/* Until the row is built and laid out (a few frames at most): the focus on
 * it, and the row in view. */
static GtkWidget *
list_view (RepereRatingGrid *self)
{
  GtkWidget *list;

  /* The column view's list view holds the "list." actions. */
  for (list = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       list && !GTK_IS_LIST_VIEW (list); list = gtk_widget_get_next_sibling (list))
    ;
  return list;
}

static gboolean
retry_focus (gpointer data)
{
  RepereRatingGrid *self = data;
  gboolean focused = repere_rating_grid_get_focus_position (self) == self->pending_focus
                     || grab_row (self, self->pending_focus);
  GtkWidget *list = list_view (self);

  gboolean shown = focused && show_row (self, self->pending_focus);

  /* Counted once the grid is on screen (the window may take seconds to
   * come up on a loaded machine). */
  if (list && gtk_widget_get_mapped (list))
    {
      /* Not built or laid out yet (the grid was not on screen when asked,
       * or the row is off it): scrolled to again, now and then. */
      if (!shown && self->focus_tries % 5 == 0)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", self->pending_focus);
      self->focus_tries++;
    }
  if (shown || self->focus_tries > 250)
    {
      self->focus_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/**
 * repere_rating_grid_focus_row:
 * @position: a row shown (clamped to the last)
 *
 * Scrolls the least needed to show the row, selects it alone and gives it
 * the keyboard focus (at the next frame when the row is not built yet).
 *
 * Returns: %FALSE when no row is shown
 */
gboolean
repere_rating_grid_focus_row (RepereRatingGrid *self, guint position)
{
  guint n = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  GtkWidget *list = list_view (self);

  if (n == 0)
    return FALSE;
  position = MIN (position, n - 1);
  /* Selected through the list, so that Shift+arrows extend from it. */
  if (list)
    {
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
      gtk_widget_activate_action (list, "list.select-item", "(ubb)", position, FALSE, FALSE);
    }
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* Scrolled into view here when the row is laid out already (GTK 4.8's
   * scroll-to-item does not always bring it), else as soon as it is. */
  self->pending_focus = position;
  self->focus_tries = 0;
  if (grab_row (self, position) && show_row (self, position))
    return TRUE;
  if (self->focus_source == 0)
    self->focus_source = g_timeout_add (20, retry_focus, self);
  return TRUE;
}

/* Rating ------------------------------------------------------------------- */

/* The rows a key acts on: the selection when it holds several, else the
 * focused row. */
static GArray *
target_positions (RepereRatingGrid *self)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GtkBitset) selected
      = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint focus = repere_rating_grid_get_focus_position (self);

  if (gtk_bitset_get_size (selected) > 1
      && (focus == G_MAXUINT || gtk_bitset_contains (selected, focus)))
    {
      GtkBitsetIter iter;
      guint position;
      for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
           more = gtk_bitset_iter_next (&iter, &position))
        g_array_append_val (positions, position);
    }
  else if (focus != G_MAXUINT)
    g_array_append_val (positions, focus);
  return positions;
}

static RepereRatingItem *
shown_item (RepereRatingGrid *self, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
}

static guint
position_of (RepereRatingGrid *self, RepereRatingItem *target)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; target && i < n; i++)
    {
      g_autoptr (RepereRatingItem) item = shown_item (self, i);
      if (item == target)
        return i;
    }
  return G_MAXUINT;
}

/* Rates (@level 0–5) or toggles "retained" (@level -1) of the rows the key
 * acts on, then moves the focus to the row after the last of them. */
static gboolean
act (RepereRatingGrid *self, int level)
{
  g_autoptr (GArray) positions = target_positions (self);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereRatingItem) next = NULL;
  guint last, n;
  gboolean ok, retained = TRUE;

  if (positions->len == 0 || self->job_id == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  last = g_array_index (positions, guint, positions->len - 1);
  for (guint i = 0; i < positions->len; i++)
    {
      g_autoptr (RepereRatingItem) item = shown_item (self, g_array_index (positions, guint, i));
      gint64 id = repere_rating_item_get_competency_id (item);
      g_array_append_val (ids, id);
      if (i == 0)
        retained = repere_rating_item_get_retained (item);
    }
  /* The row to go to: after the last acted on (a rating); the same row
   * when toggling "retained". */
  if (level >= 0 && last + 1 < n)
    next = shown_item (self, last + 1);
  else
    next = shown_item (self, last);
  if (level >= 0)
    ok = repere_rating_rate (self->db, self->assessment_id, self->job_id, self->rater,
                             (gint64 *) ids->data, ids->len, level, &error);
  else
    ok = repere_rating_set_retained (self->db, self->assessment_id, self->job_id,
                                     (gint64 *) ids->data, ids->len, !retained, &error);
  if (!ok)
    {
      show_error (self, error);
      return TRUE;
    }
  after_change (self, TRUE);
  /* With "unrated only", the rated rows are gone: the row that followed
   * them is where they were. */
  {
    guint target = position_of (self, next);
    if (target == G_MAXUINT)
      target = MIN (last, g_list_model_get_n_items (G_LIST_MODEL (self->filtered)));
    repere_rating_grid_focus_row (self, target);
  }
  return TRUE;
}

/* The level a key means: 1–5, 0 to clear, -1 for none. */
static int
key_level (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_1:
    case GDK_KEY_KP_1:
    case GDK_KEY_ampersand:
      return 1;
    case GDK_KEY_2:
    case GDK_KEY_KP_2:
    case GDK_KEY_eacute:
      return 2;
    case GDK_KEY_3:
    case GDK_KEY_KP_3:
    case GDK_KEY_quotedbl:
      return 3;
    case GDK_KEY_4:
    case GDK_KEY_KP_4:
    case GDK_KEY_apostrophe:
      return 4;
    case GDK_KEY_5:
    case GDK_KEY_KP_5:
    case GDK_KEY_parenleft:
      return 5;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
    case GDK_KEY_agrave:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      return 0;
    default:
      return -1;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, RepereRatingGrid *self)
{
  int level;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (keyval == GDK_KEY_r || keyval == GDK_KEY_R)
    return act (self, -1);
  level = key_level (keyval);
  if (level < 0)
    return FALSE;
  return act (self, level);
}

/* The level cell: a flat menu button showing the level, whose popover
 * offers the six choices; its accessible name names the competency. */

static void
on_level_chosen (GtkButton *button, RepereRatingGrid *self)
{
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (button), "menu-button");
  GtkListItem *list_item = g_object_get_data (G_OBJECT (menu_button), LIST_ITEM_KEY);
  RepereRatingItem *item = list_item ? gtk_list_item_get_item (list_item) : NULL;
  int level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "level"));
  g_autoptr (GError) error = NULL;
  gint64 id;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  if (item == NULL)
    return;
  id = repere_rating_item_get_competency_id (item);
  if (!repere_rating_rate (self->db, self->assessment_id, self->job_id, self->rater, &id, 1, level,
                           &error))
    {
      show_error (self, error);
      return;
    }
  after_change (self, TRUE);
}

static void
setup_level (GtkSignalListItemFactory *factory, GtkListItem *list_item, RepereRatingGrid *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  /* The row takes the focus and the keys; the button is for the mouse
   * (neither it nor its inner button is a Tab stop). */
  gtk_widget_set_can_focus (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  for (int level = 1; level <= 6; level++)
    {
      int value = level % 6; /* 1…5, then 0: clear */
      g_autofree char *text = value ? repere_rating_level_text (value) : g_strdup (_ ("— Clear"));
      GtkWidget *choice = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (choice, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (choice))), 0);
      g_object_set_data (G_OBJECT (choice), "level", GINT_TO_POINTER (value));
      g_object_set_data (G_OBJECT (choice), "menu-button", button);
      g_signal_connect (choice, "clicked", G_CALLBACK (on_level_chosen), self);
      gtk_box_append (GTK_BOX (box), choice);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_list_item_set_child (list_item, button);
}

static void
update_level_cell (GtkWidget *button, RepereRatingItem *item)
{
  g_autofree char *text = repere_rating_level_text (repere_rating_item_get_level (item));
  /* TRANSLATORS: accessible name of a rating control: "Exposure level of
   * “competency”: 4 · Important" */
  g_autofree char *name
      = g_strdup_printf (_ ("Exposure level of “%s”: %s"), repere_rating_item_get_label (item),
                         repere_rating_item_get_level (item) ? text : _ ("not rated"));
  GtkWidget *cell = gtk_widget_get_parent (button);
  GtkWidget *row = cell ? gtk_widget_get_parent (cell) : NULL;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* Its inner toggle button too: it is what assistive technologies reach. */
  if (gtk_widget_get_first_child (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (button)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, _ ("Choose the level, or press 1 to 5 on the row"));
  /* The row read as a whole: the competency, its level, who, when. */
  if (row)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    repere_rating_item_get_description (item), -1);
}

static void
on_item_notify (RepereRatingItem *item, GParamSpec *pspec, GtkWidget *button)
{
  update_level_cell (button, item);
}

static void
bind_level (GtkSignalListItemFactory *factory, GtkListItem *list_item, RepereRatingGrid *self)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  RepereRatingItem *item = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (button), LIST_ITEM_KEY, list_item);
  update_level_cell (button, item);
  g_signal_connect_object (item, "notify::description", G_CALLBACK (on_item_notify), button, 0);
}

static void
unbind_level (GtkSignalListItemFactory *factory, GtkListItem *list_item, RepereRatingGrid *self)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  RepereRatingItem *item = gtk_list_item_get_item (list_item);

  if (item)
    g_signal_handlers_disconnect_by_func (item, on_item_notify, button);
  g_object_set_data (G_OBJECT (button), LIST_ITEM_KEY, NULL);
}

/* Filter, raters, legend --------------------------------------------------- */

static gboolean
unrated (gpointer item, gpointer data)
{
  return repere_rating_item_get_level (REPERE_RATING_ITEM (item)) == 0;
}

static void
on_unrated_toggled (RepereRatingGrid *self)
{
  gboolean on = gtk_toggle_button_get_active (self->unrated_toggle);
  gtk_custom_filter_set_filter_func (self->filter, on ? unrated : NULL, NULL, NULL);
  repere_rating_grid_focus_row (self, 0);
}

static void
fill_raters (RepereRatingGrid *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = repere_rating_list_raters (self->db, self->assessment_id, &error);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->raters, 0);
  for (guint i = 0; list && i < list->len; i++)
    g_ptr_array_add (self->raters, g_strdup (((RepereRater *) g_ptr_array_index (list, i))->name));
  if (!g_ptr_array_find_with_equal_func (self->raters, repere_rating_current_user (), g_str_equal,
                                         NULL))
    g_ptr_array_add (self->raters, g_strdup (repere_rating_current_user ()));
  for (guint i = 0; i < self->raters->len; i++)
    {
      gtk_string_list_append (names, g_ptr_array_index (self->raters, i));
      if (g_strcmp0 (g_ptr_array_index (self->raters, i), self->rater) == 0)
        selected = i;
    }
  g_signal_handlers_block_matched (self->rater_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_drop_down_set_model (self->rater_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->rater_dropdown, selected);
  g_signal_handlers_unblock_matched (self->rater_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  /* The column of the chosen rater's own levels is titled with their name. */
  if (self->rater)
    gtk_column_view_column_set_title (self->own_column, self->rater);
  /* Several raters: whose levels the keys set, and theirs beside. */
  gtk_widget_set_visible (GTK_WIDGET (self->rater_box), self->raters->len > 1);
  /* The column is in the view only when there are several raters (GTK 4.8
   * still gives a hidden column its width). */
  {
    GListModel *columns = gtk_column_view_get_columns (self->column_view);
    gboolean shown = FALSE;
    guint level_position = 0;
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        shown |= column == self->own_column;
        if (column == self->level_column)
          level_position = i;
      }
    if (self->raters->len > 1 && !shown)
      gtk_column_view_insert_column (self->column_view, level_position + 1, self->own_column);
    else if (self->raters->len <= 1 && shown)
      gtk_column_view_remove_column (self->column_view, self->own_column);
  }
}

static void
on_rater_selected (RepereRatingGrid *self)
{
  guint i = gtk_drop_down_get_selected (self->rater_dropdown);

  if (i >= self->raters->len)
    return;
  g_free (self->rater);
  self->rater = g_strdup (g_ptr_array_index (self->raters, i));
  gtk_column_view_column_set_title (self->own_column, self->rater);
  repere_rating_grid_reload (self);
}

static GtkWidget *
legend_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
fill_legend (RepereRatingGrid *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) levels = repere_db_list_exposure_levels (self->db, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box))) != NULL)
    gtk_box_remove (self->legend_box, child);
  gtk_box_append (self->legend_box,
                  legend_label (_ ("Exposure levels (study, 3.2.1.1)"), "heading"));
  for (guint l = 0; levels && l < levels->len; l++)
    {
      RepereRef *level = g_ptr_array_index (levels, l);
      g_autofree char *title = repere_rating_level_text (l + 1);
      g_autofree char *definition = NULL;
      gunichar first = g_utf8_get_char (level->description);
      char buffer[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
      definition = g_strconcat (buffer, g_utf8_next_char (level->description), NULL);
      gtk_box_append (self->legend_box, legend_label (title, "caption-heading"));
      gtk_box_append (self->legend_box, legend_label (definition, "caption"));
    }
  gtk_box_append (self->legend_box, legend_label (_ ("Keyboard"), "heading"));
  gtk_box_append (
      self->legend_box,
      legend_label (_ ("1 to 5: rate the focused competency and go to the next one. 0 or Delete: "
                       "clear. Shift+arrows: select several rows, then one digit rates them all. "
                       "R: retained or not. Ctrl+U: unrated only. Ctrl+Z: undo."),
                    "caption"));
}

/* Actions ------------------------------------------------------------------ */

static void
on_undo_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (widget);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (self->undo == NULL)
    return;
  ok = g_str_equal (name, "grid.undo") ? repere_undo_stack_undo (self->undo, NULL, &error)
                                       : repere_undo_stack_redo (self->undo, NULL, &error);
  if (!ok && error)
    show_error (self, error);
  after_change (self, FALSE);
}

static void
on_apply_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (widget);
  g_autoptr (GError) error = NULL;

  if (!repere_rating_apply (self->db, self->assessment_id, self->job_id,
                            g_str_equal (name, "grid.apply"), &error))
    show_error (self, error);
  else
    after_change (self, TRUE);
}

static void
on_rate_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  act (REPERE_RATING_GRID (widget), CLAMP (g_variant_get_int32 (parameter), 0, REPERE_RATING_MAX));
}

static void
on_toggle_retained_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  act (REPERE_RATING_GRID (widget), -1);
}

static void
on_unrated_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (widget);
  gtk_toggle_button_set_active (self->unrated_toggle,
                                !gtk_toggle_button_get_active (self->unrated_toggle));
}

static void
on_history_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  repere_rating_history_window_show (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db,
                                     self->assessment_id, self->job_id);
}

static void
on_revert_response (AdwMessageDialog *dialog, const char *response, RepereRatingGrid *self)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "revert") != 0)
    return;
  if (!repere_rating_revert (self->db, self->assessment_id, self->job_id, &error))
    show_error (self, error);
  else
    after_change (self, TRUE);
}

static void
on_revert_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RepereRevertSummary summary;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!repere_rating_revert_summary (self->db, self->assessment_id, self->job_id, &summary, &error))
    {
      show_error (self, error);
      return;
    }
  heading = g_strdup_printf (_ ("Revert “%s” to published?"), self->job_name);
  body = repere_rating_revert_describe (&summary);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "revert",
                                    _ ("_Revert"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revert",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (
      ADW_MESSAGE_DIALOG (dialog), "revert",
      summary.ratings + summary.counts + summary.exclusions + summary.applied > 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revert_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_response (GtkNativeDialog *chooser, int response, RepereRatingGrid *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char *jobs[] = { self->job_id, NULL };

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL
      && !repere_rating_sheet_export (self->db, self->assessment_id, jobs, NULL, path, &error))
    show_error (self, error);
  g_object_unref (chooser);
}

static void
on_export_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Export the Rating Sheet"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  g_autofree char *file_name = g_strdup_printf (_ ("%s — rating sheet.xlsx"), self->job_name);
  g_autoptr (GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();

  gtk_file_filter_set_name (xlsx, _ ("Spreadsheet (XLSX)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_set_name (csv, _ ("CSV"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The widget ---------------------------------------------------------------- */

static void
repere_rating_grid_dispose (GObject *object)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (object);

  g_clear_handle_id (&self->focus_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REPERE_TYPE_RATING_GRID);
  g_clear_object (&self->own_column_ref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_object (&self->undo);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_rating_grid_parent_class)->dispose (object);
}

static void
repere_rating_grid_finalize (GObject *object)
{
  RepereRatingGrid *self = REPERE_RATING_GRID (object);

  g_free (self->assessment_id);
  g_free (self->job_id);
  g_free (self->job_name);
  g_free (self->rater);
  g_free (self->progress);
  g_ptr_array_unref (self->raters);
  G_OBJECT_CLASS (repere_rating_grid_parent_class)->finalize (object);
}

static void
repere_rating_grid_class_init (RepereRatingGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_rating_grid_dispose;
  object_class->finalize = repere_rating_grid_finalize;
  /* The factories of the .ui look the item type up by name. */
  g_type_ensure (REPERE_TYPE_RATING_ITEM);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-rating-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, rater_box);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, rater_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, unrated_toggle);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, apply_button);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, more_button);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, column_view);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, level_column);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, own_column);
  gtk_widget_class_bind_template_child (widget_class, RepereRatingGrid, legend_box);
  gtk_widget_class_install_action (widget_class, "grid.undo", NULL, on_undo_action);
  gtk_widget_class_install_action (widget_class, "grid.redo", NULL, on_undo_action);
  gtk_widget_class_install_action (widget_class, "grid.apply", NULL, on_apply_action);
  gtk_widget_class_install_action (widget_class, "grid.unapply", NULL, on_apply_action);
  /* What the digit keys do, for menus and scripts: "grid.rate" (0 clears). */
  gtk_widget_class_install_action (widget_class, "grid.rate", "i", on_rate_action);
  gtk_widget_class_install_action (widget_class, "grid.toggle-retained", NULL,
                                   on_toggle_retained_action);
  gtk_widget_class_install_action (widget_class, "grid.unrated-only", NULL, on_unrated_action);
  gtk_widget_class_install_action (widget_class, "grid.history", NULL, on_history_action);
  gtk_widget_class_install_action (widget_class, "grid.revert", NULL, on_revert_action);
  gtk_widget_class_install_action (widget_class, "grid.export-sheet", NULL, on_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "grid.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "grid.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "grid.unrated-only", NULL);

  /**
   * RepereRatingGrid::changed:
   *
   * Ratings, retained competencies or the applied state changed (already
   * stored, scores recomputed): the job list and page may show new values.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
repere_rating_grid_init (RepereRatingGrid *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->raters = g_ptr_array_new_with_free_func (g_free);
  /* Kept while out of the view (one rater). */
  self->own_column_ref = g_object_ref (self->own_column);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_level), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_level), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_level), self);
  gtk_column_view_column_set_factory (self->level_column, factory);
  g_object_unref (factory);
  /* The column view's own parts, named for assistive technologies: the
   * column titles and the list of rows. */
  for (GtkWidget *part = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); part;
       part = gtk_widget_get_next_sibling (part))
    gtk_accessible_update_property (
        GTK_ACCESSIBLE (part), GTK_ACCESSIBLE_PROPERTY_LABEL,
        GTK_IS_LIST_VIEW (part) ? _ ("Competencies") : _ ("Column titles"), -1);
  /* Before the list's own bindings: the digits are ours. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  g_signal_connect_swapped (self->unrated_toggle, "toggled", G_CALLBACK (on_unrated_toggled), self);
  g_signal_connect_swapped (self->rater_dropdown, "notify::selected",
                            G_CALLBACK (on_rater_selected), self);
  update_undo_actions (self);
}

RepereRatingGrid *
repere_rating_grid_new (void)
{
  return g_object_new (REPERE_TYPE_RATING_GRID, NULL);
}

static char *
job_name (RepereDb *db, const char *job_id)
{
  g_autoptr (RepereJobDetail) detail = repere_db_get_job (db, job_id, NULL);
  return g_strdup (detail ? detail->name : job_id);
}

/**
 * repere_rating_grid_set_job:
 * @db: (transfer none): the database
 * @undo: (transfer none) (nullable): the session's undo stack, where each
 *   change made in the grid goes
 * @assessment_id: a user assessment
 * @job_id: a job
 * @error: %REPERE_DB_ERROR_READ_ONLY for a study assessment,
 *   %REPERE_DB_ERROR_QUERY
 *
 * Shows the job's competencies, rated as the user (repere_rating_current_user());
 * the first row takes the focus.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rating_grid_set_job (RepereRatingGrid *self, RepereDb *db, RepereUndoStack *undo,
                            const char *assessment_id, const char *job_id, GError **error)
{
  g_autoptr (GListStore) items = NULL;

  if (!repere_assessment_check_user (db, assessment_id, error))
    return FALSE;
  g_set_object (&self->db, db);
  g_set_object (&self->undo, undo);
  g_free (self->assessment_id);
  self->assessment_id = g_strdup (assessment_id);
  g_free (self->job_id);
  self->job_id = g_strdup (job_id);
  g_free (self->job_name);
  self->job_name = job_name (db, job_id);
  g_free (self->rater);
  self->rater = g_strdup (repere_rating_current_user ());
  if ((items = repere_rating_items_new (db, assessment_id, job_id, self->rater, error)) == NULL)
    return FALSE;
  g_set_object (&self->items, items);
  g_clear_object (&self->filtered);
  g_clear_object (&self->selection);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  fill_raters (self);
  fill_legend (self);
  update_progress (self);
  update_undo_actions (self);
  /* Where the rating stopped: the first competency without a level. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)), first = 0;
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (RepereRatingItem) item
            = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
        if (unrated (item, NULL))
          {
            first = i;
            break;
          }
      }
    repere_rating_grid_focus_row (self, first);
  }
  return TRUE;
}

/**
 * repere_rating_grid_reload:
 *
 * Reads the ratings again (after a change made elsewhere: undo in the main
 * window, an imported sheet) and updates the rows in place; the focus and
 * scroll stay. When the job's competencies changed, the rows are rebuilt.
 */
void
repere_rating_grid_reload (RepereRatingGrid *self)
{
  g_autoptr (GError) error = NULL;

  if (self->items == NULL)
    return;
  if (!repere_rating_items_refresh (G_LIST_MODEL (self->items), self->db, self->assessment_id,
                                    self->job_id, self->rater, &error))
    {
      g_autoptr (GListStore) items = NULL;
      if (error)
        {
          g_warning ("%s", error->message);
          return;
        }
      items = repere_rating_items_new (self->db, self->assessment_id, self->job_id, self->rater,
                                       &error);
      if (items == NULL)
        return;
      g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                           NULL, 0);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (items), i);
          g_list_store_append (self->items, item);
        }
    }
  /* "Unrated only" hides what was just rated. */
  if (gtk_toggle_button_get_active (self->unrated_toggle))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  fill_raters (self);
  update_progress (self);
  update_undo_actions (self);
}

const char *
repere_rating_grid_get_job (RepereRatingGrid *self)
{
  return self->job_id;
}

const char *
repere_rating_grid_get_assessment (RepereRatingGrid *self)
{
  return self->assessment_id;
}

/**
 * repere_rating_grid_get_shown:
 *
 * Returns: (transfer none): the rows shown (#RepereRatingItem), filtered
 */
GListModel *
repere_rating_grid_get_shown (RepereRatingGrid *self)
{
  return G_LIST_MODEL (self->filtered);
}

void
repere_rating_grid_set_unrated_only (RepereRatingGrid *self, gboolean unrated_only)
{
  gtk_toggle_button_set_active (self->unrated_toggle, unrated_only);
}

/**
 * repere_rating_grid_get_scroller:
 *
 * Returns: (transfer none): the scrolled window of the rows (its vertical
 *   adjustment says where the view is)
 */
GtkScrolledWindow *
repere_rating_grid_get_scroller (RepereRatingGrid *self)
{
  return self->scroller;
}

/**
 * repere_rating_grid_get_progress_text:
 *
 * Returns: (transfer none): the line above the grid: "12 / 46 rated · …"
 */
const char *
repere_rating_grid_get_progress_text (RepereRatingGrid *self)
{
  return self->progress ? self->progress : "";
}
