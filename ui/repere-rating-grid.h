/* repere-rating-grid.h: the rating grid of a job (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"
#include "repere-rating-history.h"
#include "repere-rating-item.h"

G_BEGIN_DECLS

#define REPERE_TYPE_RATING_GRID (repere_rating_grid_get_type ())
G_DECLARE_FINAL_TYPE (RepereRatingGrid, repere_rating_grid, REPERE, RATING_GRID, GtkBox)

RepereRatingGrid *repere_rating_grid_new (void);
gboolean repere_rating_grid_set_job (RepereRatingGrid *self,
                                     RepereDb *db,
                                     RepereUndoStack *undo,
                                     const char *assessment_id,
                                     const char *job_id,
                                     GError **error);
void repere_rating_grid_reload (RepereRatingGrid *self);
const char *repere_rating_grid_get_job (RepereRatingGrid *self);
const char *repere_rating_grid_get_assessment (RepereRatingGrid *self);

/* For tests and assistive technologies: what is shown and focused. */
GListModel *repere_rating_grid_get_shown (RepereRatingGrid *self);
guint repere_rating_grid_get_focus_position (RepereRatingGrid *self);
gboolean repere_rating_grid_focus_row (RepereRatingGrid *self, guint position);
gboolean repere_rating_grid_row_in_view (RepereRatingGrid *self, guint position);
void repere_rating_grid_set_unrated_only (RepereRatingGrid *self, gboolean unrated_only);
GtkScrolledWindow *repere_rating_grid_get_scroller (RepereRatingGrid *self);
const char *repere_rating_grid_get_progress_text (RepereRatingGrid *self);

G_END_DECLS
