/* repere-passerelle-chart.h: the two branch views of issue 11, drawn with
 * cairo for the jobs the browser's filters keep:
 * - "Compétences partagées": the competencies several of those jobs carry
 *   (ROME 4.0 bloc 5 through the job ↔ ROME mapping), with the number of
 *   jobs, their mean exposure level where rated and the jobs; then, per
 *   job, the competencies it alone holds;
 * - "Passerelles": the first passerelles of each job (app/repere-passerelle.h
 *   ranking) placed by the source's and the target's score, and their
 *   flows between classes.
 * They are kinds of #RepereChart (REPERE_CHART_SHARED_COMPETENCIES,
 * REPERE_CHART_PASSERELLES): repere-chart.c calls these functions for
 * them, so that the window, printing, PNG/SVG/PDF and CSV export and
 * `repere-cli chart|print|export --chart` draw them like the study's views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "repere-chart.h"
#include "repere-export.h"
#include "repere-render.h"

G_BEGIN_DECLS

/* Passerelles of each job the Passerelles view places (the first ones of
 * its ranking, referential jobs only). */
#define REPERE_PASSERELLE_CHART_PER_JOB 3
/* Shared competencies the view draws (all of them go to the CSV). */
#define REPERE_PASSERELLE_CHART_SHARED_DRAWN 30

typedef struct _ReperePasserelleChart ReperePasserelleChart;

ReperePasserelleChart *
repere_passerelle_chart_load (RepereChart *chart, RepereDb *db, GError **error);
void
repere_passerelle_chart_free (ReperePasserelleChart *data);
double
repere_passerelle_chart_render (RepereChart *chart, cairo_t *cr, const RepereRenderStyle *style,
                                double x, double width, double y, gboolean draw, GArray *breaks,
                                double *first_break);
void
repere_passerelle_chart_csv (RepereChart *chart, GString *out, const RepereExportOptions *options);
char *
repere_passerelle_chart_describe (RepereChart *chart);
guint
repere_passerelle_chart_get_n_marks (RepereChart *chart);
int
repere_passerelle_chart_get_flow (RepereChart *chart, guint from_class, guint to_class);

G_END_DECLS
