/* repere-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-application.h"
#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_WINDOW (repere_window_get_type ())
G_DECLARE_FINAL_TYPE (RepereWindow, repere_window, REPERE, WINDOW, AdwApplicationWindow)

RepereWindow *repere_window_new (RepereApplication *app, RepereDb *db);

/* For tests and scripting: the same effect as the filter widgets. */
void repere_window_set_assessment (RepereWindow *self, const char *assessment_id);
void repere_window_set_family_filter (RepereWindow *self, const char *family_code);
void repere_window_set_classification_filter (RepereWindow *self, const char *classification_id);
void repere_window_set_core_only (RepereWindow *self, gboolean core_only);
void repere_window_set_search (RepereWindow *self, const char *text);
void repere_window_select_job (RepereWindow *self, const char *job_id);
guint repere_window_get_n_jobs_shown (RepereWindow *self);
GListModel *repere_window_get_shown_jobs (RepereWindow *self);
gboolean repere_window_show_view (RepereWindow *self, const char *view);
gboolean repere_window_load_bundled_rome (RepereWindow *self);
gboolean repere_window_is_rome_loading (RepereWindow *self);

/* Issue 13: the search's empty state, the remembered state. */
const char *repere_window_get_suggestion (RepereWindow *self);
void repere_window_accept_suggestion (RepereWindow *self);
void repere_window_restore_state (RepereWindow *self, GSettings *settings);

G_END_DECLS
