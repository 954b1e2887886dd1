/* repere-comparison-window.h: two jobs side by side (issue 11): the
 * competencies a passerelle carries over, those to acquire and those no
 * longer needed, by kind, with their exposure level and ROME's flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_COMPARISON_WINDOW (repere_comparison_window_get_type ())
G_DECLARE_FINAL_TYPE (RepereComparisonWindow, repere_comparison_window, REPERE, COMPARISON_WINDOW,
                      AdwWindow)

GtkWindow *
repere_comparison_window_new (GtkWindow *parent, RepereDb *db, const char *from, const char *to,
                              const char *assessment_id, GError **error);
guint
repere_comparison_window_get_n_items (RepereComparisonWindow *self, int status);
gboolean
repere_comparison_window_print_to_pdf (RepereComparisonWindow *self, const char *path,
                                       GError **error);

G_END_DECLS
