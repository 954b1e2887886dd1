/* repere-passerelle.h: passerelles métier (moves from one job to another),
 * the gap between two jobs, training plans and the competencies the
 * referential's jobs share (issue 11, the study's Axe 4).
 *
 * Where the figures come from:
 *  - a job's competencies: the union of bloc 5 (unix_liens_rome_referentiels,
 *    table rome_competency) over the ROME codes of its mapping (job_rome,
 *    data/rome-mapping.csv);
 *  - ROME mobility: unix_rubrique_mobilite (table rome_mobility);
 *  - scores and classes: the chosen assessment (view job_result: the
 *    published ranking tables of 3.2.2.1, 3.2.2.2, Annexe 1, or a user
 *    assessment's computed scores);
 *  - exposure levels of competencies: the assessment's ratings (table
 *    rating), only where rated (the study's own assessments publish none).
 * The ranking and its thresholds are explained in docs/passerelles.md.
 *
 * No GTK. All lists are GPtrArrays that own their elements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

/* A target is "clearly less exposed" when its score is at least this much
 * below the source's (scores 0–1; docs/passerelles.md says why 0.20). */
#define REPERE_PASSERELLE_CLEAR_DROP 0.20

/* A target is reached "via competencies" when it has at least this many
 * competencies in common with the source (distinct code_ogr of bloc 5;
 * docs/passerelles.md says why a count, and why 3). */
#define REPERE_PASSERELLE_MIN_SHARED 3

/**
 * ReperePasserelleVia:
 * How a target is reached; bit flags, both = 3.
 * @REPERE_PASSERELLE_VIA_MOBILITY: a ROME mobility link
 *   (unix_rubrique_mobilite) goes from one of the source's codes to the
 *   target code (or to one of the target job's codes)
 * @REPERE_PASSERELLE_VIA_COMPETENCIES: the source carries at least
 *   %REPERE_PASSERELLE_MIN_SHARED of the target's competencies
 */
typedef enum
{
  REPERE_PASSERELLE_VIA_MOBILITY = 1 << 0,
  REPERE_PASSERELLE_VIA_COMPETENCIES = 1 << 1,
} ReperePasserelleVia;

const char *
repere_passerelle_via_id (guint via); /* "mobility", "competencies", "both", "" */

/**
 * ReperePasserelleTier:
 * The first key of the ranking (docs/passerelles.md), best first.
 * @REPERE_PASSERELLE_TIER_LESS_EXPOSED: score change ≤ −%REPERE_PASSERELLE_CLEAR_DROP
 *   or a target classed Emergent whose source is not
 * @REPERE_PASSERELLE_TIER_UNKNOWN: no score (a ROME code outside the referential)
 * @REPERE_PASSERELLE_TIER_SIMILAR: −0.20 < change < +0.20
 * @REPERE_PASSERELLE_TIER_MORE_EXPOSED: change ≥ +0.20
 */
typedef enum
{
  REPERE_PASSERELLE_TIER_LESS_EXPOSED,
  REPERE_PASSERELLE_TIER_UNKNOWN,
  REPERE_PASSERELLE_TIER_SIMILAR,
  REPERE_PASSERELLE_TIER_MORE_EXPOSED,
} ReperePasserelleTier;

/**
 * ReperePasserelle:
 * One passerelle from a job.
 * @target: job id (target_is_job) or ROME code
 * @target_title: the job's name, or the ROME code's title (libelle_rome)
 * @target_is_job: a job of the referential; else a ROME code that no job
 *   of the referential is mapped to
 * @via: #ReperePasserelleVia flags
 * @shared: competencies of the target the source carries over
 * @to_acquire: competencies of the target the source lacks
 * @target_competencies: shared + to_acquire
 * @gap: to_acquire / target_competencies (0–1), the share still to learn
 * @shared_mean_level: mean exposure level (1–5) of the carried competencies
 *   the source job has rated in the assessment; NAN when none is rated
 * @to_acquire_mean_level: mean level of the competencies to acquire the
 *   target job has rated; NAN when none (always for ROME targets)
 * @target_score: the target's score 0–1 in the assessment; NAN for a ROME target
 * @score_change: target_score − the source's score; NAN when either is missing
 * @target_classification: class id ("evolving"…) or %NULL
 * @tier: the #ReperePasserelleTier
 * @ranking: the sort key, smaller first: 2 × tier + gap − (via mobility ? 0.05 : 0)
 *   (docs/passerelles.md); @rank is its position 1..n in the list asked for
 */
typedef struct
{
  char *target;
  char *target_title;
  gboolean target_is_job;
  guint via;
  guint shared;
  guint to_acquire;
  guint target_competencies;
  double gap;
  double shared_mean_level;
  double to_acquire_mean_level;
  double target_score;
  double score_change;
  char *target_classification;
  ReperePasserelleTier tier;
  double ranking;
  guint rank;
} ReperePasserelle;

void
repere_passerelle_free (ReperePasserelle *passerelle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReperePasserelle, repere_passerelle_free)

/**
 * ReperePasserelleFilter:
 * @all_rome: also list ROME codes that no job of the referential is mapped
 *   to (default: jobs of the referential only)
 * @less_exposed_only: keep the targets of tier
 *   %REPERE_PASSERELLE_TIER_LESS_EXPOSED only
 * @max_gap: keep targets with at most this many competencies to acquire;
 *   -1 for no limit
 *
 * A zeroed filter with max_gap = -1 lists the referential's jobs.
 */
typedef struct
{
  gboolean all_rome;
  gboolean less_exposed_only;
  int max_gap;
} ReperePasserelleFilter;

/* Opaque in-memory index of the referential (codes, competencies, mobility,
 * jobs, scores of one assessment); built once, queried many times. */
typedef struct _ReperePasserelleIndex ReperePasserelleIndex;

ReperePasserelleIndex *
repere_passerelle_index_new (RepereDb *db, const char *assessment, GError **error);
void
repere_passerelle_index_free (ReperePasserelleIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReperePasserelleIndex, repere_passerelle_index_free)

/* Builder, for benchmarks and tests that make a referential by hand. */
ReperePasserelleIndex *
repere_passerelle_index_new_empty (void);
guint
repere_passerelle_index_add_code (ReperePasserelleIndex *index, const char *code, const char *title,
                                  const guint32 *competencies, guint n_competencies);
void
repere_passerelle_index_add_mobility (ReperePasserelleIndex *index, guint from_code, guint to_code);
guint
repere_passerelle_index_add_job (ReperePasserelleIndex *index, const char *id, const char *name,
                                 const guint *codes, guint n_codes, double score,
                                 const char *classification);
void
repere_passerelle_index_seal (ReperePasserelleIndex *index);
guint
repere_passerelle_index_n_jobs (ReperePasserelleIndex *index);
guint
repere_passerelle_index_n_codes (ReperePasserelleIndex *index);
const char *
repere_passerelle_index_job_id (ReperePasserelleIndex *index, guint job);

GPtrArray *
repere_passerelle_index_list (ReperePasserelleIndex *index, const char *job_id,
                              const ReperePasserelleFilter *filter, GError **error);

GPtrArray *
repere_passerelle_list (RepereDb *db, const char *job, const char *assessment,
                        const ReperePasserelleFilter *filter, GError **error);

/**
 * RepereGapStatus:
 * @REPERE_GAP_CARRIED: both have it
 * @REPERE_GAP_TO_ACQUIRE: the target has it, the source does not
 * @REPERE_GAP_NO_LONGER_NEEDED: the source has it, the target does not
 */
typedef enum
{
  REPERE_GAP_CARRIED,
  REPERE_GAP_TO_ACQUIRE,
  REPERE_GAP_NO_LONGER_NEEDED,
} RepereGapStatus;

const char *
repere_gap_status_id (RepereGapStatus status); /* "carried", "to-acquire", "no-longer-needed" */

/**
 * RepereGapItem:
 * One competency of the source or the target.
 * @competency_id: code_ogr
 * @label: ROME's label
 * @kind: "savoir-faire", "savoir-etre" or "savoir" (bloc 5 rubrique)
 * @status: #RepereGapStatus
 * @level: the exposure level that matters, 1–5 or 0 when unrated: the
 *   target's for carried and to-acquire items, the source's for
 *   no-longer-needed ones
 * @from_level, @to_level: the source's and the target's levels (0 unrated;
 *   always 0 for a ROME code)
 * @principal, @emergent: ROME's coeur_metier (Principale / Émergente) on the
 *   target (on the source for no-longer-needed items)
 * @transition_num: ROME's transition numérique flag of the competency
 */
typedef struct
{
  char *competency_id;
  char *label;
  char *kind;
  RepereGapStatus status;
  int level;
  int from_level;
  int to_level;
  gboolean principal;
  gboolean emergent;
  gboolean transition_num;
} RepereGapItem;

void
repere_gap_item_free (RepereGapItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereGapItem, repere_gap_item_free)

GPtrArray *
repere_passerelle_gap (RepereDb *db, const char *from, const char *to, const char *assessment,
                       GError **error);

/**
 * RepereTrainingGuidance:
 * One piece of the study's training guidance (table training_guidance,
 * data/study/training_guidance.csv).
 * @kind: "base" (training for all), "job-path" (paths by job and exposure),
 *   "hr-support", "mobility", "managers", "certification", "peers"
 * @text: the study's words
 * @source: its section ("5 Axe 4", "3.2.1.2"…)
 * @typology: the position of the matching option of the training typology
 *   of 2.2.10 (survey question "training"), 0 when none
 * @typology_label: that option's label, "" when none
 * @typology_share: its share of respondents (percent), NAN when none
 */
typedef struct
{
  char *kind;
  char *text;
  char *source;
  int typology;
  char *typology_label;
  double typology_share;
} RepereTrainingGuidance;

void
repere_training_guidance_free (RepereTrainingGuidance *guidance);

GPtrArray *
repere_training_guidance_list (RepereDb *db, const char *classification_id, GError **error);

/**
 * RepereTrainingPlan:
 * A job's "plan de développement des compétences".
 * @job_id, @job_name: the job
 * @assessment_id: the assessment read
 * @score: the job's score in it (NAN when none)
 * @classification_id, @classification_name: its class
 * @strengthen: (element-type RepereGapItem): competencies to strengthen:
 *   rated 4–5 in the assessment, or ROME Émergente, or transition numérique
 *   (status %REPERE_GAP_CARRIED, level the job's own)
 * @guidance: (element-type RepereTrainingGuidance): the study's guidance for
 *   the job's class and for all classes
 * @target, @target_title: the chosen passerelle, %NULL when none
 * @to_acquire: (element-type RepereGapItem): its competencies to acquire,
 *   %NULL when no target
 * @target_score, @score_change: NAN when unknown
 */
typedef struct
{
  char *job_id;
  char *job_name;
  char *assessment_id;
  char *assessment_name;
  double score;
  char *classification_id;
  char *classification_name;
  GPtrArray *strengthen;
  GPtrArray *guidance;
  char *target;
  char *target_title;
  GPtrArray *to_acquire;
  double target_score;
  double score_change;
} RepereTrainingPlan;

void
repere_training_plan_free (RepereTrainingPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereTrainingPlan, repere_training_plan_free)

RepereTrainingPlan *
repere_training_plan_new (RepereDb *db, const char *job, const char *assessment, const char *to,
                          GError **error);

/**
 * RepereSharedCompetency:
 * A competency and the referential's jobs that carry it.
 * @competency_id: code_ogr
 * @label, @kind: as #RepereGapItem
 * @n_jobs: jobs whose ROME codes list it
 * @mean_level: mean exposure level of its ratings in the assessment, NAN when
 *   none is rated
 * @n_rated: how many of those jobs rated it
 * @jobs: (element-type utf8): the jobs' names, in referential order
 */
typedef struct
{
  char *competency_id;
  char *label;
  char *kind;
  guint n_jobs;
  double mean_level;
  guint n_rated;
  GPtrArray *jobs;
} RepereSharedCompetency;

void
repere_shared_competency_free (RepereSharedCompetency *shared);

GPtrArray *
repere_shared_competency_list (RepereDb *db, const char *assessment, guint min_jobs,
                               GError **error);

G_END_DECLS
