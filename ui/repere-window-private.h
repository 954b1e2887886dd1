/* repere-window-private.h: the main window's internals, shared by
 * repere-window.c (the job list, the pages, the remembered state) and
 * repere-window-actions.c (the window's actions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-consistency-page.h"
#include "repere-families-page.h"
#include "repere-job-page.h"
#include "repere-rating-actions.h"
#include "repere-recommendations-page.h"
#include "repere-views-page.h"
#include "repere-window.h"

G_BEGIN_DECLS

struct _RepereWindow
{
  AdwApplicationWindow parent_instance;

  RepereDb *db;
  GPtrArray *assessments;     /* RepereRef */
  GPtrArray *families;        /* RepereRef */
  GPtrArray *classifications; /* RepereRef */
  /* Issue 13: the job list's model chain (repere-window.ui): one model per
   * assessment (all its jobs), sorted by the columns or by the search's
   * relevance, filtered by GtkFilters on top (@filtered: the jobs shown). */
  GHashTable *models;          /* assessment id → GListStore of RepereJob */
  GListStore *jobs;            /* the current assessment's, under the chain */
  GHashTable *search_order;    /* job id → position in the search's order + 1; NULL without a search */
  GtkSorter *relevance_sorter; /* by search_order */
  GtkSingleSelection *selection;
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkStringFilter *family_filter;
  GtkStringFilter *class_filter;
  GtkCustomFilter *core_filter;
  GtkCustomFilter *search_filter;
  char *shown_job;             /* the job the job page shows, NULL for none */
  gulong scroll_pending;       /* repere_window_select_job() before the list was mapped */
  RepereJobPage *job_page;
  RepereRatingActions *rating; /* issue 10: grids, undo/redo, history, sheets, agreement */
  guint rating_refresh;        /* pending refresh after ratings changed */
  GCancellable *rome_loading; /* issue 9: the bundled referential's load, while it runs */
  gulong first_map_handler;   /* a window not shown yet: waits for its map, */
  gulong first_paint_handler; /* then starts that load after the first frame */
  /* Issue 13: search order, empty state, remembered state */
  gboolean relevance;         /* the list in the search's order, not the columns' */
  gboolean searching;         /* the search entry has text */
  gboolean families_stale;     /* the Familles page waits to be shown */
  gboolean filters_only;      /* refresh_jobs() for a filter or the search: the job's data unchanged */
  GtkSorter *column_sorters[6]; /* each column's own sorter, by Column */
  int probe_column;           /* get_view_sort(): the first column asked */
  gboolean probing;
  GtkWidget *empty_page;      /* AdwStatusPage: nothing matched */
  GtkWidget *suggestion;      /* its "Did you mean …?" button */
  GSettings *settings;        /* NULL unless repere_window_restore_state() */
  /* Issue 13: the longest job and family names, in characters: the job and
   * family cells' natural width (max-width-chars), the same in every row. */
  int name_chars;
  int family_chars;
  /* Issue 13: the keyboard focus on the selected job's row when the rows
   * are replaced (another assessment, a reload) */
  gboolean refocus_on_enter;  /* replaced while the focus was elsewhere: at its return */
  guint refocus_idle;         /* that return's redirect, before the next key */
  guint refocus_tick;         /* waits for the row to be built */
  guint refocus_frames;       /* frames waited */

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkDropDown *assessment_dropdown;
  GtkDropDown *family_dropdown;
  GtkDropDown *class_dropdown;
  GtkToggleButton *core_toggle;
  GtkSearchEntry *search_entry;
  GtkColumnView *column_view;
  GtkLabel *count_label;
  GtkScrolledWindow *job_scroller;
  AdwBin *job_bin;
  RepereFamiliesPage *families_page;
  RepereRecommendationsPage *recommendations_page;
  RepereViewsPage *views_page;
  RepereConsistencyPage *consistency_page;
  GtkMenuButton *menu_button;
};

/* repere-window.c */
const char *_repere_window_current_assessment (RepereWindow *self);
void _repere_window_current_filter (RepereWindow *self, RepereJobFilter *filter);
void _repere_window_show_error (RepereWindow *self, const GError *error);
void _repere_window_toast (RepereWindow *self, const char *text, gboolean undoable);
void _repere_window_load_assessments (RepereWindow *self, const char *select_id);
void _repere_window_reload (RepereWindow *self);

/* repere-window-actions.c */
void _repere_window_class_actions_init (RepereWindowClass *klass);

G_END_DECLS
