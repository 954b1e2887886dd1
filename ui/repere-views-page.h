/* repere-views-page.h: the "Views" page of the window: the study's charts
 * (render/repere-chart.h) for the job browser's filters, with PNG and SVG
 * export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-chart-view.h"
#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_VIEWS_PAGE (repere_views_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereViewsPage, repere_views_page, REPERE, VIEWS_PAGE, GtkWidget)

RepereViewsPage *repere_views_page_new (void);
void repere_views_page_set_db (RepereViewsPage *self, RepereDb *db);
void repere_views_page_set_filter (RepereViewsPage *self, const RepereJobFilter *filter);
void repere_views_page_set_kind (RepereViewsPage *self, RepereChartKind kind);
RepereChartKind repere_views_page_get_kind (RepereViewsPage *self);
void repere_views_page_set_compare (RepereViewsPage *self, const char *assessment_id);
const char *repere_views_page_get_compare (RepereViewsPage *self);
RepereChartView *repere_views_page_get_chart_view (RepereViewsPage *self);
gboolean repere_views_page_export (RepereViewsPage *self, const char *path, GError **error);
gboolean repere_views_page_print_to_pdf (RepereViewsPage *self, const char *path, GError **error);

G_END_DECLS
