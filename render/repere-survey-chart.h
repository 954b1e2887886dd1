/* repere-survey-chart.h: a question of the consultation (section 2.2) drawn
 * as the study draws it: one bar of 100 % of the respondents, a coloured
 * segment per answer option ("% de répondants ayant sélectionné l'option de
 * réponse correspondant au segment de couleur"), then the options with their
 * colour and share. No GTK: the Consultation page, the printed consultation
 * and `repere-cli survey --output` draw the same chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "repere-chart.h"
#include "repere-render.h"
#include "repere-study.h"

G_BEGIN_DECLS

/**
 * RepereSurveyChartFlags:
 * @REPERE_SURVEY_CHART_TITLE: draw the section, theme and question above
 *   the bar (exported images; the window shows them apart)
 * @REPERE_SURVEY_CHART_QUESTION: draw the question above the bar (printed
 *   pages: it stays on the chart's page)
 */
typedef enum
{
  REPERE_SURVEY_CHART_TITLE = 1 << 0,
  REPERE_SURVEY_CHART_QUESTION = 1 << 1,
} RepereSurveyChartFlags;

double repere_survey_chart_get_height (const RepereSurveyQuestion *question,
                                       RepereSurveyChartFlags flags,
                                       cairo_t *cr,
                                       const RepereRenderStyle *style,
                                       double width);
void repere_survey_chart_draw (const RepereSurveyQuestion *question,
                               RepereSurveyChartFlags flags,
                               cairo_t *cr,
                               const RepereRenderStyle *style,
                               double width);
void repere_survey_chart_option_colour (const RepereSurveyQuestion *question,
                                        guint index,
                                        const RepereRenderStyle *style,
                                        double rgb[3]);
char *repere_survey_chart_describe (const RepereSurveyQuestion *question);
gboolean repere_survey_chart_export (GPtrArray *questions,
                                     const char *path,
                                     const RepereRenderStyle *style,
                                     double width,
                                     GError **error);

G_END_DECLS
