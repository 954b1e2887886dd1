/* repere-consistency-page.h: the window's page listing where the study's
 * published figures disagree (app/repere-consistency.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_CONSISTENCY_PAGE (repere_consistency_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereConsistencyPage, repere_consistency_page, REPERE, CONSISTENCY_PAGE, AdwBin)

RepereConsistencyPage *repere_consistency_page_new (void);
void repere_consistency_page_set_db (RepereConsistencyPage *self, RepereDb *db);
guint repere_consistency_page_get_n_findings (RepereConsistencyPage *self);
guint repere_consistency_page_get_n_groups (RepereConsistencyPage *self);

G_END_DECLS
