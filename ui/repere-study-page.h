/* repere-study-page.h: the "Étude" page of the window: what the study is,
 * how it was made, what each class means, the implementation steps, the
 * conclusion, the glossary and the bibliography
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_STUDY_PAGE (repere_study_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereStudyPage, repere_study_page, REPERE, STUDY_PAGE, AdwBin)

void repere_study_page_set_db (RepereStudyPage *self, RepereDb *db);
guint repere_study_page_get_n_groups (RepereStudyPage *self);

G_END_DECLS
