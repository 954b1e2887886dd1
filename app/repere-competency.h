/* repere-competency.h: a job's ROME competencies, a competency's jobs,
 * label search and per-competency ratings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

/**
 * RepereCompetencyKind:
 * The three rubriques of bloc 5 of unix_liens_rome_referentiels, in the
 * order ROME fiches show them.
 */
typedef enum
{
  REPERE_COMPETENCY_SAVOIR_FAIRE, /* rubrique 1, 'savoir-faire' */
  REPERE_COMPETENCY_SAVOIR_ETRE,  /* rubrique 2, 'savoir-etre' */
  REPERE_COMPETENCY_SAVOIR,       /* rubrique 3, 'savoir' */
  REPERE_COMPETENCY_N_KINDS
} RepereCompetencyKind;

const char *repere_competency_kind_id (RepereCompetencyKind kind);
const char *repere_competency_kind_label (RepereCompetencyKind kind);
RepereCompetencyKind repere_competency_kind_from_id (const char *id);

/* Lowest and highest rating of a competency (exposure levels, 3.2.1.1). */
#define REPERE_RATING_MIN 1
#define REPERE_RATING_MAX 5

/**
 * RepereJobCompetency:
 * One competency of a job: from the ROME codes of its mapping (job_rome →
 * rome_competency → competency), or only from a rating kept after the link
 * went away.
 */
typedef struct
{
  gint64 id;              /* code_ogr */
  RepereCompetencyKind kind;
  char *label;
  char *category;         /* cat_comp / categorie_savoir */
  char *subcategory;      /* sous_cat_comp / sous_categorie_savoir */
  char *macro_label;      /* its macro-competency's label; "" for macros and savoirs */
  gboolean is_macro;      /* a macro-competency linked directly (all savoir-être are) */
  char *core;             /* "principale", "emergente" or "" (the strongest over the job's codes) */
  char *rome_codes;       /* the job's codes that list it, "D1408, M1601"; "" when none does any more */
  int rating;             /* 1–5 in the assessment asked for, 0 when not rated */
  char *rated_by;         /* "" when not rated */
  char *rated_at;         /* ISO 8601 UTC, "" when not rated */
  gboolean removed;       /* a later ROME import no longer has it (competency.removed_batch_id) */
  int transition_eco;     /* ROME's transition_eco: 1 O, 0 N, -1 not stated (issue 9) */
  int transition_num;     /* transition_num, likewise */
} RepereJobCompetency;

void repere_job_competency_free (RepereJobCompetency *competency);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereJobCompetency, repere_job_competency_free)

GPtrArray *repere_competency_list_for_job (RepereDb *db,
                                           const char *job_id,
                                           const char *assessment_id,
                                           GError **error);
GPtrArray *repere_competency_list_labels_for_job (RepereDb *db, const char *job_id, GError **error);
gboolean repere_competency_count_for_job (RepereDb *db,
                                          const char *job_id,
                                          int counts[REPERE_COMPETENCY_N_KINDS],
                                          GError **error);
gboolean repere_competency_has_referential (RepereDb *db);

/* A ROME code that lists a competency, and whether it calls it Principale/Émergente. */
typedef struct
{
  char *code;
  char *title;
  RepereCompetencyKind kind;
  char *core;
} RepereCompetencyCode;

/* One of the 58 jobs that shares a competency, through which of its codes. */
typedef struct
{
  char *job_id;
  char *job_name;
  char *family_name;
  char *rome_codes; /* "D1408, M1601" */
  gboolean core_job;
} RepereCompetencyJob;

typedef struct
{
  gint64 id;
  char *nature;      /* competence | macro | savoir */
  RepereCompetencyKind kind;
  char *label;
  char *definition;
  char *category;
  char *subcategory;
  char *macro_label; /* "" when none */
  gboolean removed;
  int transition_eco; /* 1 O, 0 N, -1 not stated (unix_referentiel_competence / _savoir) */
  int transition_num;
  GPtrArray *codes;  /* RepereCompetencyCode*, by code */
  GPtrArray *jobs;   /* RepereCompetencyJob*, in the study's job order */
} RepereCompetencyDetail;

void repere_competency_detail_free (RepereCompetencyDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereCompetencyDetail, repere_competency_detail_free)

RepereCompetencyDetail *repere_competency_get (RepereDb *db, gint64 competency_id, GError **error);

typedef struct
{
  gint64 id;
  RepereCompetencyKind kind;
  char *label;
  char *category;
  int n_codes; /* ROME codes listing it */
  int n_jobs;  /* of the 58 jobs, through the mapping */
  gboolean removed;
} RepereCompetencyHit;

void repere_competency_hit_free (RepereCompetencyHit *hit);

GPtrArray *repere_competency_search (RepereDb *db,
                                     const char *text,
                                     const char *job_id,
                                     gboolean jobs_only,
                                     guint limit,
                                     GError **error);

gboolean repere_competency_rate (RepereDb *db,
                                 const char *assessment_id,
                                 const char *job_id,
                                 gint64 competency_id,
                                 int level,
                                 GError **error);

G_END_DECLS
