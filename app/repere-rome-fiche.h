/* repere-rome-fiche.h: a ROME fiche as the referential in force holds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-competency.h"
#include "repere-db.h"

G_BEGIN_DECLS

/* A yes / no / not stated flag of unix_referentiel_code_rome or
 * unix_referentiel_competence ("O", "N", empty). */
typedef enum
{
  REPERE_ROME_FLAG_UNKNOWN = -1,
  REPERE_ROME_FLAG_NO = 0,
  REPERE_ROME_FLAG_YES = 1,
} RepereRomeFlag;

/**
 * RepereRomeContext:
 * @id: code_ogr (unix_referentiel_contexte_travail)
 * @label: libelle_cont_travail
 * @core: "principale", "emergente" or "" (unix_coherence_item)
 */
typedef struct
{
  gint64 id;
  char *label;
  char *core;
} RepereRomeContext;

/**
 * RepereRomeContextGroup:
 * @type_code: code_type_cont_trav (1–7)
 * @type_label: libelle_type_cont_trav ("Horaires et durée du travail")
 * @contexts: (element-type RepereRomeContext): by label
 */
typedef struct
{
  int type_code;
  char *type_label;
  GPtrArray *contexts;
} RepereRomeContextGroup;

/**
 * RepereRomeMobility:
 * @code: the target code (code_rome_cible of unix_rubrique_mobilite)
 * @title: its libelle_rome
 * @position: numero_ordre, ROME's order
 * @job_ids, @job_names: (element-type utf8): the referential's jobs mapped to
 *   the target code (job_rome), in the study's order
 */
typedef struct
{
  char *code;
  char *title;
  int position;
  GPtrArray *job_ids;
  GPtrArray *job_names;
} RepereRomeMobility;

/**
 * RepereRomeFicheCompetency:
 * A competency of the fiche (bloc 5), with ROME's flags.
 */
typedef struct
{
  gint64 id;
  RepereCompetencyKind kind;
  char *label;
  gboolean is_macro;
  char *core;                    /* "principale", "emergente", "" */
  RepereRomeFlag transition_eco; /* transition_eco of the competency */
  RepereRomeFlag transition_num; /* transition_num */
} RepereRomeFicheCompetency;

/**
 * RepereRomeFiche:
 * @code: "D1408"
 * @title: libelle_rome
 * @grand_domain_code, @grand_domain: "D", "Commerce, Vente et Grande
 *   distribution" ("" when unknown)
 * @domain_code, @domain: "D14", "Force de vente"
 * @transition_eco: ROME's label ("Emploi Vert", "Emploi Brun", "Emploi
 *   stratégique pour la Transition écologique", "Emploi Blanc") or ""
 * @transition_num, @transition_demo, @regulated, @executive: the fiche's
 *   flags (numérique, démographique, emploi réglementé, emploi cadre)
 * @definition, @access: (element-type utf8): the sentences of unix_texte
 * @contexts: (element-type RepereRomeContextGroup): by type
 * @mobility: (element-type RepereRomeMobility): in ROME's order
 * @competencies: (element-type RepereRomeFicheCompetency): by kind, then
 *   Principale, Émergente, then label
 * @fiche_imported: %FALSE when the referential in force was imported
 *   before Repère read texts, contexts, mobility and flags (they are empty)
 */
typedef struct
{
  char *code;
  char *title;
  char *grand_domain_code;
  char *grand_domain;
  char *domain_code;
  char *domain;
  char *transition_eco;
  RepereRomeFlag transition_num;
  RepereRomeFlag transition_demo;
  RepereRomeFlag regulated;
  RepereRomeFlag executive;
  GPtrArray *definition;
  GPtrArray *access;
  GPtrArray *contexts;
  GPtrArray *mobility;
  GPtrArray *competencies;
  gboolean fiche_imported;
} RepereRomeFiche;

void
repere_rome_fiche_free (RepereRomeFiche *fiche);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereRomeFiche, repere_rome_fiche_free)

RepereRomeFiche *
repere_rome_fiche_get (RepereDb *db, const char *code, GError **error);
GPtrArray *
repere_rome_fiche_list_for_job (RepereDb *db, const char *job_id, GError **error);
const char *
repere_rome_transition_eco_label (const char *transition_eco);

/**
 * RepereTopCompetencyMatch:
 * @position: rank among the ten most exposed competencies of section 3.3
 * @label: the study's label
 * @exact: the ROME label is the study's; %FALSE for a close match
 * @note: why (French)
 */
typedef struct
{
  int position;
  char *label;
  gboolean exact;
  char *note;
} RepereTopCompetencyMatch;

void
repere_top_competency_match_free (RepereTopCompetencyMatch *match);
GPtrArray *
repere_rome_top_competency_matches (RepereDb *db, gint64 competency_id, GError **error);

G_END_DECLS
