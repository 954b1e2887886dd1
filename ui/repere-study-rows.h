/* repere-study-rows.h: the widgets the Consultation and Étude pages and the
 * job page's fiche notes build the study's texts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *repere_study_group_new (AdwPreferencesPage *page, const char *title, const char *description);
GtkWidget *repere_study_text_new (const char *text, const char *css_class);
GtkWidget *repere_study_list_new (void);
GtkWidget *repere_study_row_new (const char *title, const char *subtitle);
GtkWidget *repere_study_markup_row_new (const char *title, const char *subtitle_markup);
GtkWidget *repere_study_value_row_new (const char *title, const char *value, gboolean muted);
void repere_study_add_passages (GtkBox *box, GPtrArray *passages, gboolean headings, const char *shown);

G_END_DECLS
