/* repere-db.h: the Repère database (one SQLite connection per process)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "repere-job.h"

G_BEGIN_DECLS

#define REPERE_DB_ERROR (repere_db_error_quark ())

/**
 * RepereDbError:
 * @REPERE_DB_ERROR_OPEN: the file cannot be opened or is not a Repère database
 * @REPERE_DB_ERROR_MIGRATE: a schema migration failed (the file is left as it was)
 * @REPERE_DB_ERROR_QUERY: SQLite failed on a query
 * @REPERE_DB_ERROR_NOT_FOUND: no job, assessment, family or class by that name
 * @REPERE_DB_ERROR_AMBIGUOUS: a name matches several jobs
 * @REPERE_DB_ERROR_TOO_NEW: the file was written by a newer Repère
 * @REPERE_DB_ERROR_READ_ONLY: the study's published values cannot be changed
 * @REPERE_DB_ERROR_HAS_RATINGS: the job's competency ratings give its level
 *   counts; they must be cleared first
 * @REPERE_DB_ERROR_INVALID: text that is not valid UTF-8, or a name with
 *   control characters (repere_text_is_name())
 * @REPERE_DB_ERROR_DAMAGED: the database file is damaged (SQLite found a
 *   malformed page or header); the message names the file and says, in
 *   the window's terms, what to do (put back a copy saved before, or rename
 *   it so that Repère creates a new database); repere-cli adds its `check`
 *   command
 * @REPERE_DB_ERROR_FILE_READ_ONLY: the database file, or the folder that
 *   holds it (where SQLite writes its journal), cannot be written
 */
typedef enum
{
  REPERE_DB_ERROR_OPEN,
  REPERE_DB_ERROR_MIGRATE,
  REPERE_DB_ERROR_QUERY,
  REPERE_DB_ERROR_NOT_FOUND,
  REPERE_DB_ERROR_AMBIGUOUS,
  REPERE_DB_ERROR_TOO_NEW,
  REPERE_DB_ERROR_READ_ONLY,
  REPERE_DB_ERROR_HAS_RATINGS,
  REPERE_DB_ERROR_INVALID,
  REPERE_DB_ERROR_DAMAGED,
  REPERE_DB_ERROR_FILE_READ_ONLY,
} RepereDbError;

/* Schema version written in PRAGMA user_version (schema/NNN-*.sql). */
#define REPERE_DB_SCHEMA_VERSION 11

/* The assessment shown when none is chosen: the study's final one (3.2.2.2). */
#define REPERE_DEFAULT_ASSESSMENT "experts"

#define REPERE_TYPE_DB (repere_db_get_type ())
G_DECLARE_FINAL_TYPE (RepereDb, repere_db, REPERE, DB, GObject)

GQuark repere_db_error_quark (void);

char *repere_db_default_path (void);
gboolean repere_sql_exec (sqlite3 *handle, const char *sql, GError **error);
gboolean repere_sql_failed (sqlite3 *handle, GError **error);
gboolean repere_sql_set_error (sqlite3 *handle, GError **error, GQuark domain, int code, const char *sql);
void repere_db_explain_failure (RepereDb *self, GError **error);
gboolean repere_db_damage_seen (RepereDb *self, GError **error);
RepereDb *repere_db_open (const char *path, GError **error);

/**
 * RepereDbOpenFlags:
 * @REPERE_DB_OPEN_DEFAULT: a new file is made from the database template
 *   when the program has one (app/repere-make-template.c)
 * @REPERE_DB_OPEN_NO_TEMPLATE: a new file is always built by the migrations
 *   and the study load (what the template itself is made with)
 */
typedef enum
{
  REPERE_DB_OPEN_DEFAULT = 0,
  REPERE_DB_OPEN_NO_TEMPLATE = 1 << 0,
} RepereDbOpenFlags;

/* Where a program linked with the template (core_template_dep) has it. */
#define REPERE_DB_TEMPLATE_RESOURCE "/org/observatoire_assistance/Repere/template/repere.db"

RepereDb *repere_db_open_full (const char *path, RepereDbOpenFlags flags, GError **error);
gboolean repere_db_is_from_template (RepereDb *self);
gboolean repere_db_check_path (const char *path, GError **error);
sqlite3 *repere_db_get_handle (RepereDb *self);
const char *repere_db_get_path (RepereDb *self);
int repere_db_get_schema_version (RepereDb *self);
GPtrArray *repere_db_check (RepereDb *self, GError **error);

/**
 * RepereSortColumn:
 * The columns of the job browser, in screen order.
 */
typedef enum
{
  REPERE_SORT_RANK,
  REPERE_SORT_JOB,
  REPERE_SORT_FAMILY,
  REPERE_SORT_CORE,
  REPERE_SORT_SCORE,
  REPERE_SORT_CLASSIFICATION,
  REPERE_SORT_RELEVANCE, /* issue 13: the search's order (see repere_db_list_jobs()); rank without a search */
} RepereSortColumn;

gboolean repere_sort_column_parse (const char *text, RepereSortColumn *column);

/**
 * RepereJobFilter:
 * @assessment: assessment id ("pwc-initial", "pwc-revised", "experts", or a
 *   user assessment); %NULL for %REPERE_DEFAULT_ASSESSMENT
 * @family: (nullable): family code "01"–"13" ("7" is accepted), %NULL for all
 * @classification: (nullable): class id or name (accents and case ignored,
 *   a prefix is enough: "evol", "Non impacté"), %NULL for all
 * @core_only: keep the 10 cœur d'assistance jobs only
 * @search: (nullable): words that must all occur, as word prefixes, in the
 *   job's names, family, texts or use cases; case and accents ignored
 * @sort: the column to sort on, or %REPERE_SORT_RELEVANCE; ties are broken by
 *   published rank then name
 * @descending: reverse the order
 */
typedef struct
{
  const char *assessment;
  const char *family;
  const char *classification;
  gboolean core_only;
  const char *search;
  RepereSortColumn sort;
  gboolean descending;
} RepereJobFilter;

GListStore *repere_db_list_jobs (RepereDb *self, const RepereJobFilter *filter, GError **error);

/* Reference lists: assessments, families, classes. */
typedef struct
{
  char *id;          /* assessment id, family code or class id */
  char *name;
  char *description; /* assessment description, class definition, "" for families */
  char *extra;       /* class rule; assessment source section; "" for families */
  char *colour;      /* class colour "#rrggbb"; "" otherwise */
} RepereRef;

void repere_ref_free (RepereRef *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereRef, repere_ref_free)

GPtrArray *repere_db_list_assessments (RepereDb *self, GError **error);
GPtrArray *repere_db_list_families (RepereDb *self, GError **error);
GPtrArray *repere_db_list_classifications (RepereDb *self, GError **error);
GPtrArray *repere_db_list_exposure_levels (RepereDb *self, GError **error);
gboolean repere_db_resolve_classification (RepereDb *self, const char *text, char **id, GError **error);

/* Job page. */
typedef struct
{
  char *assessment_id;
  char *assessment_name;
  double score;          /* published, ranking table; -1 if none */
  int rank;              /* published, 0 if none */
  char *classification_id;
  char *classification_name;
  char *figure_classification_id;   /* column of the classification figure, NULL if absent */
  char *figure_classification_name;
  gboolean has_counts;   /* a fiche of 4.2 prints level counts */
  int competencies;      /* "N compétences analysées / retenues" */
  int counts[5];         /* competencies at levels 1..5 */
  double fiche_score;    /* score printed on the fiche */
  char *fiche_classification_name;
  char *source;          /* study section of the ranking row */
} RepereJobResult;

typedef struct
{
  char *kind; /* approfondissement | limite | prerequis | note */
  char *text;
} RepereComment;

typedef struct
{
  char *id;
  char *title;
  char *origin;      /* workshop | observatoire */
  char *context;     /* sub-table of the fiche, "" for the main table */
  char *body;        /* Observatoire complements: full text */
  int priority;      /* 1..3, 0 for Observatoire complements */
  GPtrArray *comments;    /* RepereComment* */
  GPtrArray *shared_with; /* char*: names of the other jobs listing it */
  char *source;
} RepereUseCase;

typedef struct
{
  char *id;
  char *name;
  char *family_code;
  char *family_name;
  gboolean core;
  char *description;
  char *short_term;
  char *scenario_5y;
  char *source;
  GPtrArray *aliases;   /* char*: other spellings used in the study */
  GPtrArray *results;   /* RepereJobResult*, in assessment order */
  GPtrArray *use_cases; /* RepereUseCase*, by context then position */
} RepereJobDetail;

void repere_job_detail_free (RepereJobDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereJobDetail, repere_job_detail_free)

char *repere_db_find_job (RepereDb *self, const char *query, GError **error);
RepereJobDetail *repere_db_get_job (RepereDb *self, const char *job_id, GError **error);
int repere_db_count_jobs (RepereDb *self, GError **error);

/* Section 5 and 3.3, 4.3.1. */
typedef struct
{
  int number;
  char *title;
  char *objective;
  char *stakes;
  GPtrArray *recommendations; /* RepereRef*: id = number, name = title, description = text */
  GPtrArray *illustrations;   /* char* */
} RepereAxis;

void repere_axis_free (RepereAxis *axis);
GPtrArray *repere_db_list_axes (RepereDb *self, GError **error);
GPtrArray *repere_db_list_texts (RepereDb *self, const char *table, GError **error);
GPtrArray *repere_db_list_top_competencies (RepereDb *self, GError **error);

/* Family overview. */
typedef struct
{
  char *code;
  char *name;
  int jobs;
  int core_jobs;
  int per_class[4]; /* emergent, strong transformation, evolving, not impacted */
  GPtrArray *job_names; /* char*, in rank order, "♥ " before core jobs */
} RepereFamilySummary;

void repere_family_summary_free (RepereFamilySummary *summary);
GPtrArray *repere_db_family_overview (RepereDb *self, const char *assessment, GError **error);

G_END_DECLS
