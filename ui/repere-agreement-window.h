/* repere-agreement-window.h: agreement between raters and consolidation
 * (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-agreement.h"
#include "repere-db.h"
#include "repere-rating-history.h"

G_BEGIN_DECLS

#define REPERE_TYPE_AGREEMENT_WINDOW (repere_agreement_window_get_type ())
G_DECLARE_FINAL_TYPE (RepereAgreementWindow, repere_agreement_window, REPERE, AGREEMENT_WINDOW, AdwWindow)

RepereAgreementWindow *repere_agreement_window_show (GtkWindow *parent, RepereDb *db, RepereUndoStack *undo,
                                                     const char *assessment_id);
void repere_agreement_window_reload (RepereAgreementWindow *self);
const RepereAgreement *repere_agreement_window_get_report (RepereAgreementWindow *self);
gboolean repere_agreement_window_consolidate (RepereAgreementWindow *self, const RepereRule *rule, GError **error);

G_END_DECLS
