/* repere-rating-history-window.h: the history of rating changes (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_RATING_HISTORY_WINDOW (repere_rating_history_window_get_type ())
G_DECLARE_FINAL_TYPE (RepereRatingHistoryWindow, repere_rating_history_window, REPERE, RATING_HISTORY_WINDOW,
                      AdwWindow)

RepereRatingHistoryWindow *repere_rating_history_window_show (GtkWindow *parent,
                                                              RepereDb *db,
                                                              const char *assessment_id,
                                                              const char *job_id);
void repere_rating_history_window_reload (RepereRatingHistoryWindow *self);
guint repere_rating_history_window_get_n_changes (RepereRatingHistoryWindow *self);

G_END_DECLS
