/* repere-rome-import.h: import of the ROME 4.0 referential (France Travail
 * open data, files unix_*_vNNN_utf8.csv), its diff, history and rollback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "repere-csv.h"
#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_ROME_ERROR (repere_rome_error_quark ())

/**
 * RepereRomeError:
 * @REPERE_ROME_ERROR_NO_VERSION: the folder holds no unix_*_vNNN_utf8.csv file,
 *   or files of several versions
 * @REPERE_ROME_ERROR_MISSING_FILE: one of the files the import reads is absent
 * @REPERE_ROME_ERROR_MISSING_COLUMN: a file lacks a column the import reads (line 1)
 * @REPERE_ROME_ERROR_INVALID: a malformed value (ROME code, code_ogr, nature,
 *   rubrique, coeur_metier), named by file, line and field
 * @REPERE_ROME_ERROR_DUPLICATE: a key appears twice (file, both lines, field)
 * @REPERE_ROME_ERROR_UNKNOWN_REFERENCE: a link, appellation or coherence row
 *   names a ROME code or a competency the referential does not have
 * @REPERE_ROME_ERROR_CHANGED: the referential changed between
 *   repere_rome_import_prepare() and repere_rome_import_apply()
 * @REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK: no ROME import to roll back, or
 *   the one in force is the referential bundled with Repère (never rolled back)
 * @REPERE_ROME_ERROR_DATABASE: SQLite failed
 *
 * CSV syntax and encoding problems come as #RepereCsvError; a cancel as
 * %G_IO_ERROR_CANCELLED. Every message names the file, the line and, where
 * there is one, the field.
 */
typedef enum
{
  REPERE_ROME_ERROR_NO_VERSION,
  REPERE_ROME_ERROR_MISSING_FILE,
  REPERE_ROME_ERROR_MISSING_COLUMN,
  REPERE_ROME_ERROR_INVALID,
  REPERE_ROME_ERROR_DUPLICATE,
  REPERE_ROME_ERROR_UNKNOWN_REFERENCE,
  REPERE_ROME_ERROR_CHANGED,
  REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK,
  REPERE_ROME_ERROR_DATABASE,
} RepereRomeError;

GQuark
repere_rome_error_quark (void);

/**
 * RepereRomeProgress:
 * @fraction: 0.0 to 1.0, never decreasing within one call of prepare or apply
 * @phase: translated text of the current step ("Reading unix_item_v460_utf8.csv")
 * @user_data: the data given with the callback
 *
 * Called on the importing thread, at most about a hundred times per call.
 */
typedef void (*RepereRomeProgress) (double fraction, const char *phase, gpointer user_data);

/**
 * RepereRomeCodeChange:
 * @code: ROME code, "K1903"
 * @old_title: (nullable): libelle_rome before; %NULL for an added code
 * @new_title: (nullable): libelle_rome after; %NULL for a removed code
 */
typedef struct
{
  char *code;
  char *old_title;
  char *new_title;
} RepereRomeCodeChange;

/**
 * RepereRomeCompetencyChange:
 * @id: code_ogr of the competency or savoir
 * @nature: "competence", "macro" or "savoir" (the new one, or the old one for
 *   a removed competency)
 * @old_label: (nullable): label before; %NULL for an added competency
 * @new_label: (nullable): label after; %NULL for a removed competency
 */
typedef struct
{
  gint64 id;
  char *nature;
  char *old_label;
  char *new_label;
} RepereRomeCompetencyChange;

/**
 * RepereRomeJobChange:
 * @job_id: a job mapped to ROME codes in job_rome
 * @job_name: its name
 * @codes_removed: (element-type utf8): the job's mapped codes that the new
 *   version no longer has
 * @competencies_added: (element-type RepereRomeCompetencyChange): competencies
 *   that the job's codes gain (union over its codes), by id
 * @competencies_removed: (element-type RepereRomeCompetencyChange): those they lose
 */
typedef struct
{
  char *job_id;
  char *job_name;
  GPtrArray *codes_removed;
  GPtrArray *competencies_added;
  GPtrArray *competencies_removed;
} RepereRomeJobChange;

/**
 * RepereRomeFlaggedRating:
 * @assessment_id: assessment of the rating
 * @job_id: rated job
 * @competency_id: the competency that the new version drops
 * @label: its label
 * @level: the rating, 1–5
 *
 * A rating that stays but whose competency will be flagged as removed.
 */
typedef struct
{
  char *assessment_id;
  char *job_id;
  gint64 competency_id;
  char *label;
  int level;
} RepereFlaggedRating;

/**
 * RepereRomeCounts:
 * Sizes of one referential, as imported (acceptance 1 of issue 4 for v460:
 * 1584, 13120, 17810, 507, 15354, 90556, 49440, 5255, 35861; acceptance 3
 * of issue 9: 14, 110, 9602, 2378, 179, 13663, 14912).
 */
typedef struct
{
  guint codes;              /* unix_referentiel_code_rome */
  guint appellations;       /* unix_referentiel_appellation */
  guint competencies;       /* unix_referentiel_competence, nature Compétence */
  guint macros;             /* unix_referentiel_competence, nature Macro-compétence */
  guint savoirs;            /* unix_referentiel_savoir */
  guint links;              /* unix_liens_rome_referentiels, bloc 5 */
  guint links_savoir_faire; /* code_rubrique 1 */
  guint links_savoir_etre;  /* code_rubrique 2 */
  guint links_savoir;       /* code_rubrique 3 */
  guint grand_domains;      /* unix_grand_domaine */
  guint domains;            /* unix_domaine_professionnel */
  guint texts_definition;   /* unix_texte, définition sentences (bloc 3) */
  guint texts_access;       /* unix_texte, accès à l'emploi sentences (bloc 4) */
  guint contexts;           /* unix_referentiel_contexte_travail */
  guint context_links;      /* unix_liens_rome_referentiels, bloc 6 */
  guint mobility_links;     /* unix_rubrique_mobilite */
} RepereRomeCounts;

/**
 * RepereRomeRowChanges:
 * @added: rows the new version has and the current one lacks (by key)
 * @removed: rows the current version has and the new one lacks
 * @changed: rows of both whose other fields differ
 */
typedef struct
{
  guint added;
  guint removed;
  guint changed;
} RepereRomeRowChanges;

/**
 * RepereRomeDiff:
 * @version: the version read, "v460"
 * @previous_version: (nullable): the current referential's version, %NULL
 *   when none was imported
 * @identical: %TRUE when the files hold exactly the current referential
 *   (applying then changes nothing and records no batch)
 * @counts: sizes of the new referential
 * @previous_counts: sizes of the current one (zeros when none)
 * @codes_added, @codes_removed, @codes_retitled: (element-type RepereRomeCodeChange)
 *   sorted by code
 * @competencies_added, @competencies_removed, @competencies_relabelled:
 *   (element-type RepereRomeCompetencyChange) sorted by id; an added
 *   competency may be one an earlier version dropped
 * @competencies_changed: competencies whose label is the same but another
 *   field (nature, definition, category, sub-category, macro-competency,
 *   transition flags) changed
 * @codes_changed: codes whose other fields (code_ogr, parent, domain,
 *   transition flags, emploi réglementé or cadre) changed, retitled or not
 * @appellations_added, @appellations_removed, @appellations_changed: counts
 * @links_added, @links_removed, @links_changed: counts of bloc 5 links
 *   (changed: kind or coeur_metier)
 * @domains: grands domaines and domaines professionnels, together
 * @texts: sentences of the fiche texts (key: code, kind, position)
 * @contexts: work contexts (key: code_ogr)
 * @context_links: bloc 6 links (key: code, context; changed: coeur_metier)
 * @mobility: mobility links (key: code, target; changed: order)
 * @jobs: (element-type RepereRomeJobChange): mapped jobs whose competencies
 *   change, by job name
 * @flagged_ratings: (element-type RepereFlaggedRating): ratings on
 *   competencies the new version drops
 */
typedef struct
{
  char *version;
  char *previous_version;
  gboolean identical;
  RepereRomeCounts counts;
  RepereRomeCounts previous_counts;
  GPtrArray *codes_added;
  GPtrArray *codes_removed;
  GPtrArray *codes_retitled;
  GPtrArray *competencies_added;
  GPtrArray *competencies_removed;
  GPtrArray *competencies_relabelled;
  guint competencies_changed;
  guint appellations_added;
  guint appellations_removed;
  guint appellations_changed;
  guint links_added;
  guint links_removed;
  guint links_changed;
  guint codes_changed;
  RepereRomeRowChanges domains;
  RepereRomeRowChanges texts;
  RepereRomeRowChanges contexts;
  RepereRomeRowChanges context_links;
  RepereRomeRowChanges mobility;
  GPtrArray *jobs;
  GPtrArray *flagged_ratings;
} RepereRomeDiff;

/**
 * RepereRomeFile:
 * @name: file name as read ("unix_item_v460_utf8.csv")
 * @sha256: SHA-256 of its bytes, hex
 * @rows: data rows (header excluded)
 * @encoding: (nullable): the encoding it was read in ("UTF-8",
 *   "Windows-1252", "UTF-16LE"…, repere_csv_encoding_get_name()); %NULL in
 *   the history, which does not record it
 */
typedef struct
{
  char *name;
  char *sha256;
  gint64 rows;
  char *encoding;
} RepereRomeFile;

/**
 * RepereRomeBatch:
 * @batch_id: the import_batch row
 * @label: "ROME v460", "ROME v460 (bundled)"
 * @version: "v460"
 * @started_at, @finished_at: ISO 8601 UTC
 * @rolled_back_at: (nullable): when it was rolled back, %NULL if it was not
 * @counts: sizes of the referential it installed
 * @codes_added, @codes_removed, @codes_retitled, @competencies_added,
 *   @competencies_removed: its diff against the referential before it
 * @files: (element-type RepereRomeFile): the files read, by name
 * @bundled: the referential compiled into Repère (never rolled back)
 * @fiche: %FALSE for an import made before Repère read the fiche texts,
 *   contexts, mobility and flags (schema 4): those parts are empty
 */
typedef struct
{
  gint64 batch_id;
  char *label;
  char *version;
  char *started_at;
  char *finished_at;
  char *rolled_back_at;
  RepereRomeCounts counts;
  guint codes_added;
  guint codes_removed;
  guint codes_retitled;
  guint competencies_added;
  guint competencies_removed;
  GPtrArray *files;
  gboolean bundled;
  gboolean fiche;
} RepereRomeBatch;

typedef struct _RepereRomeImport RepereRomeImport;

RepereRomeImport *
repere_rome_import_prepare (RepereDb *db, const char *path, RepereCsvEncoding encoding,
                            RepereRomeProgress progress, gpointer user_data,
                            GCancellable *cancellable, GError **error);
const RepereRomeDiff *
repere_rome_import_get_diff (RepereRomeImport *import);
const char *
repere_rome_import_get_version (RepereRomeImport *import);
GPtrArray *
repere_rome_import_get_files (RepereRomeImport *import);
char *
repere_rome_import_describe_encodings (RepereRomeImport *import);
gint64
repere_rome_import_apply (RepereRomeImport *import, RepereRomeProgress progress, gpointer user_data,
                          GCancellable *cancellable, GError **error);
gint64
repere_rome_import_run (RepereDb *db, const char *path, RepereCsvEncoding encoding,
                        RepereRomeProgress progress, gpointer user_data, GCancellable *cancellable,
                        RepereRomeImport **import, GError **error);
void
repere_rome_import_free (RepereRomeImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereRomeImport, repere_rome_import_free)

gboolean
repere_rome_rollback_last (RepereDb *db, RepereRomeBatch **rolled_back, GError **error);
GPtrArray *
repere_rome_list_history (RepereDb *db, GError **error);
gboolean
repere_rome_get_counts (RepereDb *db, RepereRomeCounts *counts, GError **error);
char *
repere_rome_get_current_version (RepereDb *db, GError **error);
gboolean
repere_rome_check (RepereDb *db, GPtrArray *problems, GError **error);

void
repere_rome_code_change_free (RepereRomeCodeChange *change);
void
repere_rome_competency_change_free (RepereRomeCompetencyChange *change);
void
repere_rome_job_change_free (RepereRomeJobChange *change);
void
repere_flagged_rating_free (RepereFlaggedRating *rating);
void
repere_rome_file_free (RepereRomeFile *file);
void
repere_rome_batch_free (RepereRomeBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereRomeBatch, repere_rome_batch_free)

G_END_DECLS
