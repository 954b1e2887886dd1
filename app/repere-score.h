/* repere-score.h: the exposure score model (docs/scoring.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

/**
 * RepereFitPoint:
 * One (core job, assessment) point of the calibration: the level counts of
 * the job's fiche (4.2) and its score in the assessment's ranking table.
 */
typedef struct
{
  char *assessment_id;
  char *job_id;
  char *job_name;
  int counts[5];
  double published; /* ranking table score, 0–1 */
  double fitted;    /* the model's score for the counts */
  double residual;  /* fitted - published */
} RepereFitPoint;

/**
 * RepereScoreFit:
 * @weights: w1..w5, normalised so that w5 = 1
 * @assessments: study assessment ids, in study order
 * @max_index: per assessment (same order), the largest raw index max_k x_k,
 *   i.e. the raw index of the job scored 1,00
 * @points: the 30 calibration points (#RepereFitPoint)
 * @within: how many points the model reproduces within ±%REPERE_SCORE_TOLERANCE
 */
typedef struct
{
  double weights[5];
  GPtrArray *assessments; /* char* */
  GArray *max_index;      /* double */
  GPtrArray *points;      /* RepereFitPoint* */
  guint within;
} RepereScoreFit;

/* Agreement asked of the model on a published score (issue 3, ±0,02). */
#define REPERE_SCORE_TOLERANCE 0.02

void repere_score_fit_free (RepereScoreFit *fit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereScoreFit, repere_score_fit_free)

RepereScoreFit *repere_score_fit (RepereDb *db, GError **error);
double repere_score_raw_index (const RepereScoreFit *fit, const int counts[5]);
double repere_score_fit_max_index (const RepereScoreFit *fit, const char *study_assessment_id);

gboolean repere_score_recompute (RepereDb *db, const char *assessment_id, GError **error);
gboolean repere_score_recompute_all (RepereDb *db, GError **error);

char *repere_assessment_create (RepereDb *db, const char *name, const char *based_on, GError **error);
gboolean repere_assessment_delete (RepereDb *db, const char *assessment_id, GError **error);
int repere_assessment_count_ratings (RepereDb *db, const char *assessment_id, const char *job_id);
gboolean repere_assessment_set_level_counts (RepereDb *db,
                                             const char *assessment_id,
                                             const char *job_id,
                                             const int counts[5],
                                             GError **error);
gboolean repere_assessment_set_rating (RepereDb *db,
                                       const char *assessment_id,
                                       const char *job_id,
                                       gint64 competency_id,
                                       int level,
                                       GError **error);
gboolean repere_assessment_revert (RepereDb *db, const char *assessment_id, const char *job_id, GError **error);
char *repere_assessment_default_comparison (RepereDb *db, const char *assessment_id, GError **error);
gboolean repere_assessment_check_user (RepereDb *db, const char *assessment_id, GError **error);
gboolean repere_job_check_exists (RepereDb *db, const char *job_id, GError **error);
gboolean repere_assessment_get_level_counts (RepereDb *db,
                                             const char *assessment_id,
                                             const char *job_id,
                                             int counts[5],
                                             GError **error);

G_END_DECLS
