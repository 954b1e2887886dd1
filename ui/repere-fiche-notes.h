/* repere-fiche-notes.h: on a job page, what the job's fiche notes and its
 * future role (section 4.2 of the study, and section 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_FICHE_NOTES (repere_fiche_notes_get_type ())
G_DECLARE_FINAL_TYPE (RepereFicheNotes, repere_fiche_notes, REPERE, FICHE_NOTES, GtkBox)

GtkWidget *repere_fiche_notes_new (RepereDb *db, const RepereJobDetail *job);
guint repere_fiche_notes_get_n_notes (RepereFicheNotes *self);
guint repere_fiche_notes_get_n_roles (RepereFicheNotes *self);

G_END_DECLS
