/* repere-recommendations-page.h: the "Préconisations" page of the window:
 * the study's priority actions, axes and recommendations, transverse use
 * cases and most exposed competencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_RECOMMENDATIONS_PAGE (repere_recommendations_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereRecommendationsPage, repere_recommendations_page, REPERE, RECOMMENDATIONS_PAGE, AdwBin)

void repere_recommendations_page_set_db (RepereRecommendationsPage *self, RepereDb *db);
gboolean repere_recommendations_page_fill (RepereRecommendationsPage *self, GError **error);

G_END_DECLS
