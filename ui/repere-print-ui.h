/* repere-print-ui.h: print dialog and export file choosers for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-chart.h"
#include "repere-db.h"
#include "repere-export.h"
#include "repere-print.h"

G_BEGIN_DECLS

/**
 * RepereCsvWriter:
 * Writes a table as CSV with @options to @path; %FALSE with @error set
 * (naming the file) when it cannot.
 */
typedef gboolean (*RepereCsvWriter) (const RepereExportOptions *options, const char *path, gpointer data,
                                     GError **error);

void repere_print_ui_use_settings (GSettings *settings);
void repere_print_ui_print_list (GtkWindow *parent, RepereDb *db, GListModel *jobs, const RepereJobFilter *filter);
void repere_print_ui_print_job (GtkWindow *parent, RepereDb *db, const char *job_id);
void repere_print_ui_export_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDb *db, GListModel *jobs,
                                 const RepereJobFilter *filter);
gboolean repere_print_ui_export_list_with_gtk (GtkWindow *parent, RepereDb *db, GListModel *jobs,
                                               const RepereJobFilter *filter, const char *path, GError **error);
void repere_print_ui_export_csv (GtkWindow *parent, AdwToastOverlay *toasts, GListModel *jobs);
void repere_print_ui_print_chart (GtkWindow *parent, RepereDb *db, RepereChartKind kind, const RepereJobFilter *filter,
                                  const char *compare);
void repere_print_ui_export_chart_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDb *db,
                                       RepereChartKind kind, const RepereJobFilter *filter, const char *compare);
gboolean repere_print_ui_export_chart_with_gtk (GtkWindow *parent, RepereDb *db, RepereChartKind kind,
                                                const RepereJobFilter *filter, const char *compare, const char *path,
                                                GError **error);
void repere_print_ui_export_chart_csv (GtkWindow *parent, AdwToastOverlay *toasts, RepereDb *db,
                                       RepereChartKind kind, const RepereJobFilter *filter, const char *compare);

void repere_print_ui_print_document (GtkWindow *parent, RepereDocument *doc);
void repere_print_ui_export_document_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDocument *doc,
                                          const char *title, const char *name);
void repere_print_ui_export_csv_with (GtkWindow *parent, AdwToastOverlay *toasts, const char *title, const char *name,
                                      RepereCsvWriter writer, gpointer data, GDestroyNotify destroy);

G_END_DECLS
