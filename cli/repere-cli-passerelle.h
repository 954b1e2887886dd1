/* repere-cli-passerelle.h: the `passerelles`, `gap`, `training-plan` and
 * `shared-competencies` commands of repere-cli (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

/**
 * RepereCliPasserelle:
 * @assessment: (nullable): assessment id, %NULL for the default
 * @format: (nullable): "tsv" (default) or "csv"
 * @all_rome: passerelles: also ROME codes outside the referential
 * @less_exposed: passerelles: clearly less exposed targets only
 * @max_gap: passerelles: at most this many competencies to acquire, -1 none
 * @to: (nullable): training-plan: the chosen passerelle's target
 * @pdf: (nullable): training-plan: write the plan as PDF there
 * @min_jobs: shared-competencies: at least this many jobs (default 2)
 */
typedef struct
{
  const char *assessment;
  const char *format;
  gboolean all_rome;
  gboolean less_exposed;
  int max_gap;
  const char *to;
  const char *pdf;
  int min_jobs;
} RepereCliPasserelle;

gboolean
repere_cli_passerelle_command (const char *command);
gboolean
repere_cli_passerelle (RepereDb *db, int argc, char **argv, const RepereCliPasserelle *options,
                       GError **error);

G_END_DECLS
