/* repere-agreement.h: agreement between raters (Krippendorff's alpha) and
 * the consolidation report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"
#include "repere-export.h"
#include "repere-rating.h"

G_BEGIN_DECLS

/**
 * RepereAlphaMetric:
 * The difference functions of Krippendorff's alpha: nominal, ordinal (the
 * one for exposure levels), interval and ratio.
 */
typedef enum
{
  REPERE_ALPHA_NOMINAL,
  REPERE_ALPHA_ORDINAL,
  REPERE_ALPHA_INTERVAL,
  REPERE_ALPHA_RATIO,
} RepereAlphaMetric;

double repere_alpha (const int *values, guint n_units, guint n_raters, int n_levels,
                     RepereAlphaMetric metric, guint *n_pairable);

/* Disagreement of two or more levels apart: a contested competency. */
#define REPERE_AGREEMENT_CONTESTED_SPREAD 2

/**
 * RepereAgreementRow:
 * One competency of a job: each rater's level, their median and spread,
 * and the assessment's level by its rule.
 */
typedef struct
{
  char *job_id;
  char *job_name;
  gint64 competency_id;
  char *label;
  int *levels;        /* per rater, in #RepereAgreement.raters order; 0 when the rater gave none */
  guint n_levels;     /* raters who gave a level */
  double median;      /* exact: 2.5 for { 2, 3 } */
  int spread;         /* highest level − lowest */
  int level;          /* the assessment's level (consolidated) */
  gboolean contested; /* spread >= %REPERE_AGREEMENT_CONTESTED_SPREAD */
} RepereAgreementRow;

typedef struct
{
  char *job_id;
  char *job_name;
  double alpha;    /* ordinal Krippendorff's alpha; NAN when undefined */
  guint units;     /* competencies with at least one level */
  guint pairable;  /* values in units rated by two raters or more */
  guint contested; /* contested competencies */
} RepereAgreementJob;

typedef struct
{
  char *assessment_id;
  char *assessment_name;
  RepereRule rule;
  GPtrArray *raters; /* char*, by name */
  GPtrArray
      *rows; /* RepereAgreementRow*: contested first (widest spread first), then by job and label */
  GPtrArray *jobs; /* RepereAgreementJob*, in the study's job order */
  double alpha;    /* over every competency of every job; NAN when undefined */
  guint units;
  guint pairable;
  guint contested;
} RepereAgreement;

void repere_agreement_free (RepereAgreement *agreement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereAgreement, repere_agreement_free)

RepereAgreement *repere_agreement_compute (RepereDb *db, const char *assessment_id, const char *const *job_ids,
                                           GError **error);
char *repere_agreement_to_tsv (const RepereAgreement *agreement);
char *repere_agreement_format_alpha (double alpha);
char *repere_agreement_format_median (double median);
char *repere_agreement_format_alpha_text (double alpha);
char *repere_agreement_to_csv (const RepereAgreement *agreement, const RepereExportOptions *options,
                               gsize *length);

G_END_DECLS
