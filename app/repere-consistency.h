/* repere-consistency.h: where the study's published figures disagree with
 * each other or with the score model (docs/study-data.md, "Where the
 * published figures disagree")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

/**
 * RepereFinding:
 * @kind: stable id of the check that found it, one of (in report order)
 *   "table-vs-figure", "fiche-counts", "fiche-score", "fiche-class",
 *   "non-core-moved", "model-residual", "class-vs-thresholds",
 *   "evolution-vs-table", "prose-vs-table"
 * @job_id: the job's id (slug); "" for a count of the text (prose-vs-table)
 * @job_name: the job's canonical name (1.2.2); "" when @job_id is
 * @assessment_id: the study assessment the disagreement is in
 * @value_a: the first value as printed ("0.38", "19", a class name; for
 *   prose-vs-table the text's: "6", "52%", "“Non impacté…” → “En évolution”",
 *   "+29", "not named")
 * @source_a: where @value_a is published ("4.2.1", "3.2.2.1 Figure 1")
 * @value_b: the value it disagrees with
 * @source_b: where @value_b comes from
 * @message: one translated sentence naming the job, the assessment, both
 *   values and their sections
 *
 * One disagreement between two published figures of the study, or between a
 * published figure and the score model. Scores are printed with two decimals
 * and a decimal point ("%.2f"), the model's with three.
 */
typedef struct
{
  char *kind;
  char *job_id;
  char *job_name;
  char *assessment_id;
  char *value_a;
  char *source_a;
  char *value_b;
  char *source_b;
  char *message;
} RepereFinding;

void repere_finding_free (RepereFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereFinding, repere_finding_free)

const char *const *repere_consistency_kinds (void);
const char *repere_consistency_kind_title (const char *kind);
GPtrArray *repere_consistency_check_study (RepereDb *db, GError **error);

G_END_DECLS
