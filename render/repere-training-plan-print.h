/* repere-training-plan-print.h: a job's training plan ("plan de
 * développement des compétences", issue 11) as a printed document, with the
 * look of the job sheet (repere-print.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-passerelle.h"
#include "repere-print.h"

G_BEGIN_DECLS

RepereDocument *
repere_training_plan_document_new (const RepereTrainingPlan *plan);
gboolean
repere_training_plan_print_pdf (const RepereTrainingPlan *plan, const char *path,
                                const ReperePageSetup *setup, GError **error);

G_END_DECLS
