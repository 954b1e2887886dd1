/* repere-rome-flags.h: ROME's flags of a code or a competency, as badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-rome-fiche.h"

G_BEGIN_DECLS

GtkWidget *
repere_rome_badge_new (const char *text, const char *css_class, const char *tooltip);
void
repere_rome_flags_add_to_row (AdwActionRow *row, const char *core, int transition_eco,
                              int transition_num);
GtkWidget *
repere_rome_flags_for_competency (int transition_eco, int transition_num);
GtkWidget *
repere_rome_flags_for_code (const RepereRomeFiche *fiche);
GtkWidget *
repere_rome_top_competency_note (RepereDb *db, gint64 competency_id);

G_END_DECLS
