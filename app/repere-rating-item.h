/* repere-rating-item.h: one competency of a job in the rating grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_RATING_ITEM (repere_rating_item_get_type ())
G_DECLARE_FINAL_TYPE (RepereRatingItem, repere_rating_item, REPERE, RATING_ITEM, GObject)

/**
 * RepereRatingItem:
 *
 * A row of the rating grid: a competency of a job with its ratings in a
 * user assessment. Its rating properties change in place when the ratings
 * do (repere_rating_items_refresh()), with "notify", so that a view bound to
 * it keeps its rows, focus and scroll. Properties (read-only):
 * "competency-id", "kind" (0 savoir-faire, 1 savoir-être, 2 savoir),
 * "kind-label", "label", "category", "marks" (Principale / Émergente,
 * removed from ROME, ROME codes), "retained", "retained-text", "level"
 * (the assessment's, 0–5), "level-text", "own-level" (the grid's rater's),
 * "own-level-text", "rated-by", "rated-at" (ISO 8601), "rated-at-text"
 * (French date), "n-raters", "spread", "description" (the whole row in a
 * sentence, for assistive technologies).
 */

gint64 repere_rating_item_get_competency_id (RepereRatingItem *self);
const char *repere_rating_item_get_label (RepereRatingItem *self);
int repere_rating_item_get_level (RepereRatingItem *self);
int repere_rating_item_get_own_level (RepereRatingItem *self);
gboolean repere_rating_item_get_retained (RepereRatingItem *self);
guint repere_rating_item_get_n_raters (RepereRatingItem *self);
const char *repere_rating_item_get_rated_by (RepereRatingItem *self);
const char *repere_rating_item_get_description (RepereRatingItem *self);

const char *repere_rating_level_name (int level);
char *repere_rating_level_text (int level);

GListStore *repere_rating_items_new (RepereDb *db,
                                     const char *assessment_id,
                                     const char *job_id,
                                     const char *rater,
                                     GError **error);
gboolean repere_rating_items_refresh (GListModel *items,
                                      RepereDb *db,
                                      const char *assessment_id,
                                      const char *job_id,
                                      const char *rater,
                                      GError **error);

G_END_DECLS
