/* repere-rating-actions.h: the window's rating actions (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"
#include "repere-rating-history.h"
#include "repere-rating-window.h"

G_BEGIN_DECLS

#define REPERE_TYPE_RATING_ACTIONS (repere_rating_actions_get_type ())
G_DECLARE_FINAL_TYPE (RepereRatingActions, repere_rating_actions, REPERE, RATING_ACTIONS, GObject)

RepereRatingActions *repere_rating_actions_new (GtkWindow *window, RepereDb *db, AdwToastOverlay *toasts);
void repere_rating_actions_set_context (RepereRatingActions *self, const char *assessment_id, gboolean user,
                                        const char *job_id);
RepereUndoStack *repere_rating_actions_get_undo (RepereRatingActions *self);
void repere_rating_actions_pushed (RepereRatingActions *self);
RepereRatingWindow *repere_rating_actions_open_grid (RepereRatingActions *self, const char *job_id);
AdwMessageDialog *repere_rating_actions_ask_revert (RepereRatingActions *self, const char *job_id);
gboolean repere_rating_actions_undo (RepereRatingActions *self, gboolean redo);
AdwMessageDialog *repere_rating_actions_import_sheet (RepereRatingActions *self, const char *path);
AdwMessageDialog *repere_rating_actions_choose_export (RepereRatingActions *self);

G_END_DECLS
