/* repere-job-page.h: a job's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_JOB_PAGE (repere_job_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereJobPage, repere_job_page, REPERE, JOB_PAGE, GtkBox)

RepereJobPage *repere_job_page_new (void);
void repere_job_page_set_job (RepereJobPage *self, const RepereJobDetail *job, const char *assessment_id);

G_END_DECLS
