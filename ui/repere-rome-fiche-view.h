/* repere-rome-fiche-view.h: the "Fiche ROME" part of a job's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-rome-fiche.h"

G_BEGIN_DECLS

#define REPERE_TYPE_ROME_FICHE_VIEW (repere_rome_fiche_view_get_type ())
G_DECLARE_FINAL_TYPE (RepereRomeFicheView, repere_rome_fiche_view, REPERE, ROME_FICHE_VIEW, GtkBox)

RepereRomeFicheView *
repere_rome_fiche_view_new (RepereDb *db);
void
repere_rome_fiche_view_set_job (RepereRomeFicheView *self, const char *job_id);
void
repere_rome_fiche_view_set_loading (RepereRomeFicheView *self, gboolean loading);
guint
repere_rome_fiche_view_get_n_codes (RepereRomeFicheView *self);
const char *
repere_rome_fiche_view_get_code (RepereRomeFicheView *self);
void
repere_rome_fiche_view_request_job (RepereRomeFicheView *self, const char *job_id);

G_END_DECLS
