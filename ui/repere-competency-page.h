/* repere-competency-page.h: a ROME competency and every job that shares it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_COMPETENCY_PAGE (repere_competency_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereCompetencyPage, repere_competency_page, REPERE, COMPETENCY_PAGE, GtkBox)

RepereCompetencyPage *repere_competency_page_new (RepereDb *db);
gboolean repere_competency_page_set_competency (RepereCompetencyPage *self, gint64 competency_id, GError **error);
guint repere_competency_page_get_n_jobs (RepereCompetencyPage *self);
void repere_competency_page_activate_job (RepereCompetencyPage *self, const char *job_id);

GtkWindow *repere_competency_dialog_new (GtkWindow *parent, RepereDb *db, gint64 competency_id, GError **error);
RepereCompetencyPage *repere_competency_dialog_get_page (GtkWindow *dialog);

G_END_DECLS
