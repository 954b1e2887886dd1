/* repere-chart-csv.h: the table behind each view as CSV for spreadsheets
 * (the "Export CSV…" of the Views page, `repere-cli export --chart`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "repere-chart.h"
#include "repere-export.h"

G_BEGIN_DECLS

char *repere_chart_csv (RepereChart *chart, const RepereExportOptions *options, gsize *length);
gboolean repere_chart_csv_to_file (RepereChart *chart, const RepereExportOptions *options, const char *path,
                                   GError **error);

G_END_DECLS
