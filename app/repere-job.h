/* repere-job.h: one job (métier) as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define REPERE_TYPE_JOB (repere_job_get_type ())
G_DECLARE_FINAL_TYPE (RepereJob, repere_job, REPERE, JOB, GObject)

/**
 * RepereJob:
 *
 * A job of the referential (section 1.2.2) with its result in one assessment:
 * published score (0–1), published rank (1–58) and published classification
 * from the assessment's ranking table (Annexe 1.1, 3.2.2.1 or 3.2.2.2 Figure 1).
 * Immutable once built. Properties: "id", "name", "family-code",
 * "family-name", "core", "score", "rank", "classification-id",
 * "classification-name", "classification-position".
 */
RepereJob *repere_job_new (const char *id,
                           const char *name,
                           const char *family_code,
                           const char *family_name,
                           gboolean core,
                           double score,
                           int rank,
                           const char *classification_id,
                           const char *classification_name,
                           int classification_position);

void repere_job_set_computed (RepereJob *self,
                              double score,
                              int rank,
                              const char *suggested_classification_id,
                              const char *suggested_classification_name,
                              gboolean rated);

const char *repere_job_get_id (RepereJob *self);
const char *repere_job_get_name (RepereJob *self);
const char *repere_job_get_family_code (RepereJob *self);
const char *repere_job_get_family_name (RepereJob *self);
gboolean repere_job_get_core (RepereJob *self);
double repere_job_get_score (RepereJob *self);
int repere_job_get_rank (RepereJob *self);
const char *repere_job_get_classification_id (RepereJob *self);
const char *repere_job_get_classification_name (RepereJob *self);
int repere_job_get_classification_position (RepereJob *self);
double repere_job_get_computed_score (RepereJob *self);
int repere_job_get_computed_rank (RepereJob *self);
const char *repere_job_get_suggested_classification_id (RepereJob *self);
const char *repere_job_get_suggested_classification_name (RepereJob *self);
gboolean repere_job_is_rated (RepereJob *self);

/* The basis of the score and the coverage of the job's ratings (issue 10). */
void repere_job_set_basis (RepereJob *self, const char *basis, int rated, int retained);
const char *repere_job_get_basis (RepereJob *self);
int repere_job_get_rated (RepereJob *self);
int repere_job_get_retained (RepereJob *self);
gboolean repere_job_is_draft (RepereJob *self);

/* Why the job matched a search (issue 13). */
void repere_job_set_match (RepereJob *self, int tier, const char *where, const char *snippet);
int repere_job_get_match_tier (RepereJob *self);
const char *repere_job_get_match_where (RepereJob *self);
const char *repere_job_get_match_snippet (RepereJob *self);

G_END_DECLS
