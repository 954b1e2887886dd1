/* repere-survey-page.h: the "Consultation" page of the window: the
 * consultation of the branch's companies (section 2 of the study), each
 * question drawn as the study draws it, with its analysis and
 * recommendations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_SURVEY_PAGE (repere_survey_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereSurveyPage, repere_survey_page, REPERE, SURVEY_PAGE, AdwBin)

void repere_survey_page_set_db (RepereSurveyPage *self, RepereDb *db);
guint repere_survey_page_get_n_charts (RepereSurveyPage *self);

G_END_DECLS
