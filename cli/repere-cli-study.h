/* repere-cli-study.h: the `survey` and `study` commands of repere-cli and
 * the printed and exported Consultation and Étude pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"
#include "repere-export.h"
#include "repere-print.h"

G_BEGIN_DECLS

/**
 * RepereCliSurvey:
 * @question: (nullable): a question id ("training"), %NULL for all ten
 * @format: (nullable): "tsv" (default) or "csv"
 * @output: (nullable): write the charts to this .png, .svg or .pdf file
 *   instead of printing the shares
 * @dark: draw the charts light on dark
 * @width: the charts' width in pixels (PNG) or points, 0 for the default
 */
typedef struct
{
  const char *question;
  const char *format;
  const char *output;
  gboolean dark;
  int width;
} RepereCliSurvey;

gboolean repere_cli_survey (RepereDb *db, const RepereCliSurvey *survey, GError **error);
gboolean repere_cli_study (RepereDb *db, int argc, char **argv, const char *format, GError **error);
gboolean repere_cli_print_study (RepereDb *db, gboolean survey, const ReperePageSetup *setup, const char *path,
                                 GError **error);
gboolean repere_cli_export_survey (RepereDb *db, const RepereExportOptions *options, const char *output,
                                   GError **error);
gboolean repere_cli_show_fiche (RepereDb *db, const char *job_id, GError **error);

G_END_DECLS
