/* repere-survey-chart-view.h: a question of the consultation drawn as the
 * study draws it (render/repere-survey-chart.h), with its values offered to
 * assistive technologies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-study.h"

G_BEGIN_DECLS

#define REPERE_TYPE_SURVEY_CHART_VIEW (repere_survey_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RepereSurveyChartView, repere_survey_chart_view, REPERE, SURVEY_CHART_VIEW, GtkWidget)

GtkWidget *repere_survey_chart_view_new (const RepereSurveyQuestion *question);
const RepereSurveyQuestion *repere_survey_chart_view_get_question (RepereSurveyChartView *self);
guint repere_survey_chart_view_get_n_draws (RepereSurveyChartView *self);

G_END_DECLS
