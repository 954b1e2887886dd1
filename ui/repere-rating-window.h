/* repere-rating-window.h: a job's rating grid in its own window (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-rating-grid.h"

G_BEGIN_DECLS

#define REPERE_TYPE_RATING_WINDOW (repere_rating_window_get_type ())
G_DECLARE_FINAL_TYPE (RepereRatingWindow, repere_rating_window, REPERE, RATING_WINDOW, AdwWindow)

RepereRatingWindow *repere_rating_window_new (GtkWindow *parent, RepereDb *db, RepereUndoStack *undo,
                                              const char *assessment_id, const char *job_id, GError **error);
RepereRatingGrid *repere_rating_window_get_grid (RepereRatingWindow *self);

G_END_DECLS
