/* repere-training-plan-view.h: the "Plan de développement des
 * compétences" part of a job's page (issue 11): the competencies to
 * strengthen, the training the study recommends for the job's class, and
 * the competencies to acquire for a chosen passerelle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_TRAINING_PLAN_VIEW (repere_training_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (RepereTrainingPlanView, repere_training_plan_view, REPERE, TRAINING_PLAN_VIEW,
                      GtkBox)

RepereTrainingPlanView *
repere_training_plan_view_new (RepereDb *db);
void
repere_training_plan_view_set_job (RepereTrainingPlanView *self, const char *job_id,
                                   const char *assessment_id, gboolean rome_loading);
gboolean
repere_training_plan_view_set_target (RepereTrainingPlanView *self, const char *target);
guint
repere_training_plan_view_get_n_strengthen (RepereTrainingPlanView *self);
guint
repere_training_plan_view_get_n_guidance (RepereTrainingPlanView *self);
guint
repere_training_plan_view_get_n_to_acquire (RepereTrainingPlanView *self);
gboolean
repere_training_plan_view_print_to_pdf (RepereTrainingPlanView *self, const char *path,
                                        GError **error);

G_END_DECLS
