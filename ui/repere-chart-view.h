/* repere-chart-view.h: a RepereChart drawn at the allocated width, scrolling
 * vertically, following the dark/light style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-chart.h"

G_BEGIN_DECLS

#define REPERE_TYPE_CHART_VIEW (repere_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RepereChartView, repere_chart_view, REPERE, CHART_VIEW, GtkWidget)

RepereChartView *repere_chart_view_new (void);
void repere_chart_view_set_chart (RepereChartView *self, RepereChart *chart);
RepereChart *repere_chart_view_get_chart (RepereChartView *self);
void repere_chart_view_get_style (RepereChartView *self, RepereRenderStyle *style);
void repere_widget_get_render_style (GtkWidget *widget, RepereRenderStyle *style);
int repere_chart_view_get_chart_width (RepereChartView *self);
guint repere_chart_view_get_n_draws (RepereChartView *self);
GPtrArray *repere_chart_view_get_marks (RepereChartView *self);

G_END_DECLS
