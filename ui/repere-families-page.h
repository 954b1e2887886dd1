/* repere-families-page.h: the "Familles" page of the window: the job
 * families of an assessment, their jobs and scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_FAMILIES_PAGE (repere_families_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereFamiliesPage, repere_families_page, REPERE, FAMILIES_PAGE, AdwBin)

void repere_families_page_set_db (RepereFamiliesPage *self, RepereDb *db);
gboolean repere_families_page_refresh (RepereFamiliesPage *self, const char *assessment_id, GError **error);

G_END_DECLS
