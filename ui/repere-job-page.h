/* repere-job-page.h: a job's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"
#include "repere-job-passerelles.h"
#include "repere-rome-fiche-view.h"
#include "repere-training-plan-view.h"

G_BEGIN_DECLS

#define REPERE_TYPE_JOB_PAGE (repere_job_page_get_type ())
G_DECLARE_FINAL_TYPE (RepereJobPage, repere_job_page, REPERE, JOB_PAGE, GtkBox)

RepereJobPage *repere_job_page_new (void);
/**
 * RepereRating:
 * @editable: the assessment is the user's: the counts can be changed
 * @edited: the user entered the counts (else they are the fiche's, or zeros)
 * @counts: competencies at levels 1..5 in force
 * @score: the job's score in the assessment, -1 for none
 * @rank: its rank, 0 for none
 * @classification_name: (nullable): its class
 */
typedef struct
{
  gboolean editable;
  gboolean edited;
  int counts[5];
  double score;
  int rank;
  const char *classification_name;
} RepereRating;

void repere_job_page_set_job (RepereJobPage *self,
                              const RepereJobDetail *job,
                              const char *assessment_id,
                              const RepereRating *rating);

/* The "Compétences ROME" section (issue 4): needs the database. */
void repere_job_page_set_db (RepereJobPage *self, RepereDb *db);
guint repere_job_page_get_n_competencies (RepereJobPage *self);
gboolean repere_job_page_has_rome_notice (RepereJobPage *self);
void repere_job_page_search_competencies (RepereJobPage *self, const char *text);
guint repere_job_page_get_n_search_hits (RepereJobPage *self);
GtkWindow *repere_job_page_show_competency (RepereJobPage *self, gint64 competency_id);

/* The Fiche ROME part and the bundled referential's loading (issue 9). */
void repere_job_page_set_rome_loading (RepereJobPage *self, gboolean loading);
gboolean repere_job_page_refresh_rome (RepereJobPage *self);
gboolean repere_job_page_is_rome_loading (RepereJobPage *self);
void repere_job_page_build_all (RepereJobPage *self);
RepereRomeFicheView *repere_job_page_get_rome_fiche (RepereJobPage *self);

/* The Passerelles part (issue 11). */
RepereJobPasserelles *repere_job_page_get_passerelles (RepereJobPage *self);
RepereTrainingPlanView *repere_job_page_get_training_plan (RepereJobPage *self);

G_END_DECLS
