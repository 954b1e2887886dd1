/* repere-study-print.h: the Consultation and Étude pages of the window as
 * printed documents (render/repere-print.h), and the fiche notes and future
 * roles of a printed job sheet. No GTK: the print dialog and `repere-cli
 * print --survey|--study` print the same pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-print.h"
#include "repere-study.h"
#include "repere-survey-chart.h"

G_BEGIN_DECLS

void repere_document_add_survey_chart (RepereDocument *doc, RepereSurveyQuestion *question);
RepereDocument *repere_print_survey_new (RepereDb *db, GError **error);
RepereDocument *repere_print_study_new (RepereDb *db, GError **error);
gboolean repere_print_add_fiche_notes (RepereDocument *doc, RepereDb *db, const char *job_id, GError **error);

G_END_DECLS
