/* repere-rating.h: competency ratings by several raters, retained
 * competencies, drafts and consolidation (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

const char *repere_rating_current_user (void);
char *repere_rating_display_name (const char *name);

/**
 * RepereRuleKind:
 * @REPERE_RULE_MEDIAN: the median of the raters' levels; with an even
 *   number of raters, the mean of the two middle levels rounded half up
 *   (2 and 3 give 3), as the study's experts consolidated (4.1)
 * @REPERE_RULE_MEAN: the mean of the raters' levels rounded half up
 * @REPERE_RULE_RATER: one rater's level; the median of the others where
 *   that rater gave none
 *
 * How an assessment's level of a competency follows from its raters'.
 */
typedef enum
{
  REPERE_RULE_MEDIAN,
  REPERE_RULE_MEAN,
  REPERE_RULE_RATER,
} RepereRuleKind;

typedef struct
{
  RepereRuleKind kind;
  char *rater; /* %REPERE_RULE_RATER: whose levels; %NULL otherwise */
} RepereRule;

void repere_rule_clear (RepereRule *rule);
gboolean repere_rule_parse (const char *text, RepereRule *rule, GError **error);
char *repere_rule_to_string (const RepereRule *rule);
char *repere_rule_describe (const RepereRule *rule);
int repere_rule_apply (const RepereRule *rule, const int *levels, const char *const *raters, guint n);
double repere_levels_median (const int *levels, guint n);

gboolean repere_rating_get_rule (RepereDb *db, const char *assessment_id, RepereRule *rule, GError **error);
gboolean repere_rating_reconsolidate (RepereDb *db, const char *assessment_id, const char *job_id,
                                      GError **error);
GHashTable *repere_rating_job_competency_ids (RepereDb *db, const char *assessment_id, const char *job_id,
                                              GError **error);

gboolean repere_rating_rate (RepereDb *db, const char *assessment_id, const char *job_id, const char *rater,
                             const gint64 *competency_ids, guint n_competencies, int level, GError **error);
gboolean repere_rating_set_retained (RepereDb *db, const char *assessment_id, const char *job_id,
                                     const gint64 *competency_ids, guint n_competencies, gboolean retained,
                                     GError **error);
gboolean repere_rating_apply (RepereDb *db, const char *assessment_id, const char *job_id, gboolean applied,
                              GError **error);
gboolean repere_rating_revert (RepereDb *db, const char *assessment_id, const char *job_id, GError **error);
gboolean repere_rating_consolidate (RepereDb *db, const char *assessment_id, const RepereRule *rule,
                                    GError **error);

/**
 * RepereCoverage:
 * How far a job's ratings cover its retained competencies in an
 * assessment, and whether they give its score.
 */
typedef struct
{
  int rated;    /* retained competencies with a level */
  int retained; /* the job's competencies (ROME codes and rated ones) not marked as not retained */
  gboolean applied;  /* the user applied the ratings before they were complete */
  gboolean in_force; /* rated > 0 and (rated == retained or applied): the ratings give the score */
  int counts[5];     /* levels 1..5 of the retained competencies rated */
} RepereCoverage;

GHashTable *repere_rating_coverage (RepereDb *db, const char *assessment_id, GError **error);

/**
 * RepereRatingProgress:
 * What the job shows as the basis of its score in an assessment.
 */
typedef struct
{
  char *basis;      /* published | counts | ratings (computed_result.basis) */
  int rated;        /* retained competencies with a level */
  int retained;     /* retained competencies */
  gboolean applied; /* applied before complete */
  guint n_raters;   /* raters with at least one rating on the job */
} RepereRatingProgress;

void repere_rating_progress_clear (RepereRatingProgress *progress);
gboolean repere_rating_get_progress (RepereDb *db, const char *assessment_id, const char *job_id,
                                     RepereRatingProgress *progress, GError **error);
char *repere_rating_describe_basis (const char *basis, int rated, int retained);

/**
 * RepereRevertSummary:
 * What reverting a job or an assessment to published would clear.
 */
typedef struct
{
  guint ratings;    /* rater_rating rows */
  guint raters;     /* distinct raters among them */
  guint jobs;       /* jobs with anything to clear */
  guint counts;     /* jobs with level counts entered */
  guint exclusions; /* competencies marked as not retained */
  guint applied;    /* jobs whose ratings were applied before complete */
} RepereRevertSummary;

gboolean repere_rating_revert_summary (RepereDb *db, const char *assessment_id, const char *job_id,
                                       RepereRevertSummary *summary, GError **error);
char *repere_rating_revert_describe (const RepereRevertSummary *summary);

/**
 * RepereJobRating:
 * A job's level of one competency in one assessment (table rating).
 */
typedef struct
{
  char *assessment_id;
  char *assessment_name;
  char *competency_id; /* code_ogr as stored (kept when the competency leaves ROME) */
  char *label;         /* the competency's label; competency_id when the referential has none */
  int level;           /* exposure level 1–5 (3.2.1.1) */
} RepereJobRating;

void repere_job_rating_free (RepereJobRating *rating);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereJobRating, repere_job_rating_free)
GPtrArray *repere_rating_list_for_job (RepereDb *db, const char *job_id, GError **error);

/* One rater of an assessment, for `repere-cli raters` and the report. */
typedef struct
{
  char *name;
  guint ratings;
  guint jobs;
  char *first_at; /* ISO 8601 UTC */
  char *last_at;
  char *sources; /* the sheets imported for them, ", "-separated; "" when rated in Repère */
} RepereRater;

void repere_rater_free (RepereRater *rater);
GPtrArray *repere_rating_list_raters (RepereDb *db, const char *assessment_id, GError **error);

G_END_DECLS
