/* repere-agreement-print.h: the consolidation report, printed (issue 10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-agreement.h"
#include "repere-print.h"

G_BEGIN_DECLS

RepereDocument *repere_print_agreement_new (const RepereAgreement *agreement);
gboolean repere_print_agreement_to_pdf (RepereDb *db, const char *assessment_id, const char *const *job_ids,
                                        const ReperePageSetup *setup, const char *path, GError **error);

G_END_DECLS
