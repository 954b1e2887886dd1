/* repere-job-passerelles.h: the "Passerelles" part of a job's page (issue
 * 11): the jobs (and, on request, ROME codes) its people could move to,
 * ranked as app/repere-passerelle.h ranks them, with the filters of the
 * study's Axe 4 (referential only, less exposed only, a largest gap)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"
#include "repere-passerelle.h"

G_BEGIN_DECLS

#define REPERE_TYPE_JOB_PASSERELLES (repere_job_passerelles_get_type ())
G_DECLARE_FINAL_TYPE (RepereJobPasserelles, repere_job_passerelles, REPERE, JOB_PASSERELLES, GtkBox)

RepereJobPasserelles *
repere_job_passerelles_new (RepereDb *db);
void
repere_job_passerelles_set_job (RepereJobPasserelles *self, const char *job_id,
                                const char *assessment_id, gboolean rome_loading);
void
repere_job_passerelles_set_filter (RepereJobPasserelles *self,
                                   const ReperePasserelleFilter *filter);
void
repere_job_passerelles_get_filter (RepereJobPasserelles *self, ReperePasserelleFilter *filter);
const char *
repere_job_passerelles_get_job_id (RepereJobPasserelles *self);
guint
repere_job_passerelles_get_n_passerelles (RepereJobPasserelles *self);
guint
repere_job_passerelles_get_n_rows (RepereJobPasserelles *self);
const ReperePasserelle *
repere_job_passerelles_get_passerelle (RepereJobPasserelles *self, guint index);
void
repere_job_passerelles_show_all (RepereJobPasserelles *self);
void
repere_drop_down_name_button (GtkDropDown *dropdown, const char *name);
GtkWindow *
repere_job_passerelles_open_comparison (RepereJobPasserelles *self, guint index);

G_END_DECLS
