/* repere-rome-private.h: what the stages of the ROME import share
 *
 * The import is split by stage: reading and checking the files
 * (repere-rome-read.c), staging and preparing (repere-rome-stage.c), the
 * diff (repere-rome-diff.c), applying (repere-rome-apply.c), and rolling
 * back, the history and the checks (repere-rome-undo.c); the helpers and the
 * table descriptions are in repere-rome-common.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-rome-import.h"

G_BEGIN_DECLS

/* The files read, in reading order: codes before what names them, the
 * coherence file before the links it qualifies. */
typedef enum
{
  ROME_FILE_GRAND_DOMAIN,
  ROME_FILE_DOMAIN,
  ROME_FILE_CODE,
  ROME_FILE_CODE_DOMAIN,
  ROME_FILE_APPELLATION,
  ROME_FILE_COMPETENCE,
  ROME_FILE_SAVOIR,
  ROME_FILE_CONTEXT,
  ROME_FILE_COHERENCE,
  ROME_FILE_LINK,
  ROME_FILE_TEXT,
  ROME_FILE_MOBILITY,
  ROME_N_FILES
} RomeFileId;

#define ROME_MAX_COLUMNS 10

typedef struct
{
  const char *name; /* unix_NAME_vNNN_utf8.csv */
  const char *columns[ROME_MAX_COLUMNS];
} RomeFileSpec;

extern const RomeFileSpec rome_file_specs[ROME_N_FILES];

/* A table of the referential with its staging table, its key and its other
 * columns (all compared by the diff, copied by the undo rows). */
typedef struct
{
  const char *name;   /* main table, "rome_mobility" */
  const char *stage;  /* temp table, "rome_stage_mobility" */
  const char *keys;   /* "rome_code, target_code" */
  const char *values; /* "position" */
} RomeTable;

/* The tables handled alike (competency is not: it is never deleted). */
typedef enum
{
  ROME_TABLE_GRAND_DOMAIN,
  ROME_TABLE_DOMAIN,
  ROME_TABLE_CONTEXT,
  ROME_TABLE_CODE,
  ROME_TABLE_APPELLATION,
  ROME_TABLE_LINK,
  ROME_TABLE_CODE_CONTEXT,
  ROME_TABLE_MOBILITY,
  ROME_TABLE_TEXT,
  ROME_N_TABLES
} RomeTableId;

extern const RomeTable rome_tables[ROME_N_TABLES];

/* Fields of a competency that make two versions differ (s staged, m main). */
#define ROME_COMPETENCY_VALUES                                                                     \
  "nature, label, definition, category, subcategory, macro_id, macro_code, transition_eco, "       \
  "transition_num"
#define ROME_COMPETENCY_DIFFERS                                                                    \
  "(s.nature IS NOT m.nature OR s.label IS NOT m.label OR s.definition IS NOT m.definition"        \
  " OR s.category IS NOT m.category OR s.subcategory IS NOT m.subcategory"                         \
  " OR s.macro_id IS NOT m.macro_id OR s.macro_code IS NOT m.macro_code"                           \
  " OR s.transition_eco IS NOT m.transition_eco OR s.transition_num IS NOT m.transition_num)"
/* Current competencies: the rows no import has dropped. */
#define ROME_CURRENT_COMPETENCY "(SELECT * FROM main.competency WHERE removed_batch_id IS NULL)"

/* Where the files come from: a folder, or the copy compiled into Repère. */
typedef struct
{
  char *name;   /* unix_referentiel_code_rome_v460_utf8.csv */
  char *path;   /* folder: its path; bundle: the resource path */
  guint64 size; /* bytes once decompressed, for the progress */
} RomeSourceFile;

struct _RepereRomeImport
{
  RepereDb *db;
  sqlite3 *handle;
  char *dir; /* the folder read, or the bundle's resource folder */
  gboolean bundled;
  char *version;
  RomeSourceFile files_in[ROME_N_FILES];
  GPtrArray *files;        /* RepereRomeFile*, as read */
  RepereRomeCounts counts; /* counted while reading */

  /* What the files read so far define, for the checks of the next ones;
   * each value is the line that defined the key. */
  GHashTable *codes;         /* ROME code (string) → line */
  GHashTable *competencies;  /* code_ogr → tag (RomeNature) | line << 2 */
  GHashTable *keys;          /* keys of the file being read → line */
  GHashTable *domains;       /* domain code → line */
  GHashTable *contexts;      /* context code_ogr → line */
  GHashTable *cores;         /* packed (code, code_ogr) → core (1, 2) */
  GHashTable *context_types; /* type code → its label, to check they agree */
  GArray *pending;           /* RomePending: references to check after a file */

  RepereRomeDiff *diff;
  gint64 base_batch; /* current ROME batch when prepared, 0 for none */
  gboolean main_empty;
  gboolean direct; /* a first import, read straight into the main tables */
  gboolean rollback_journal; /* ... in rollback-journal mode (enter_rollback_journal()) */
  gint64 batch;    /* direct: the batch being written */
  GPtrArray *codes_read;        /* direct: RepereRomeCodeChange*, as read */
  GPtrArray *competencies_read; /* direct: RepereRomeCompetencyChange*, as read */
  GPtrArray *indexes; /* direct: CREATE INDEX statements to run once the
                       * links are in (dropped for the import) */
  gboolean applied;
  gboolean staged;

  /* progress */
  RepereRomeProgress progress;
  gpointer progress_data;
  double reported;
  char *reported_phase;
  GCancellable *cancellable;
};

/* A reference to check once its file is read (it may name a later row). */
typedef struct
{
  guint64 line;
  gint64 value;   /* macro code_ogr */
  char parent[6]; /* parent ROME code */
} RomePending;

/* Nature tags of the competencies map. */
typedef enum
{
  ROME_NATURE_COMPETENCE = 1,
  ROME_NATURE_MACRO = 2,
  ROME_NATURE_SAVOIR = 3,
} RomeNature;

/* common */
char *
rome_now_iso8601 (void);
gboolean
rome_db_error (sqlite3 *handle, GError **error, const char *what);
gboolean
rome_exec (sqlite3 *handle, const char *sql, GError **error);
sqlite3_stmt *
rome_prepare (sqlite3 *handle, const char *sql, GError **error);
gboolean
rome_exec_batch (sqlite3 *handle, const char *sql, gint64 batch, GError **error);
gboolean
rome_query_int64 (sqlite3 *handle, const char *sql, gint64 fallback, gint64 *value, GError **error);
gboolean
rome_query_text (sqlite3 *handle, const char *sql, char **value, GError **error);
char *
rome_column_dup (sqlite3_stmt *stmt, int column);
void
rome_report (RepereRomeImport *self, double fraction, const char *phase);
int
rome_on_sqlite_progress (void *data);
gboolean
rome_current_batch (sqlite3 *handle, gint64 *batch, GError **error);
char *
rome_table_join (const RomeTable *table, const char *left, const char *right, gboolean values);
char *
rome_table_columns (const RomeTable *table, const char *alias);

/* read */
gboolean
rome_find_files (RepereRomeImport *self, GError **error);
gboolean
rome_find_bundled_files (RepereRomeImport *self, const char *resource_dir, GError **error);
gboolean
rome_read_files_into (RepereRomeImport *self, RepereCsvEncoding encoding, GError **error);

/* stage */
extern const char rome_stage_sql[];
extern const char rome_unstage_sql[];
RepereRomeImport *
rome_import_new (RepereDb *db, const char *path, const char *resource_dir,
                 RepereRomeProgress progress, gpointer user_data, GCancellable *cancellable,
                 GError **error);
gboolean
rome_is_main_empty (RepereRomeImport *self, GError **error);
gboolean
rome_read_files (RepereRomeImport *self, RepereCsvEncoding encoding, GError **error);
gboolean
rome_import_stage (RepereRomeImport *self, RepereCsvEncoding encoding, GError **error);
RepereRomeImport *
rome_import_prepare_source (RepereDb *db, const char *path, const char *resource_dir,
                            RepereCsvEncoding encoding, RepereRomeProgress progress,
                            gpointer user_data, GCancellable *cancellable, GError **error);

double rome_thread_cpu (void);

/* diff */
gboolean
rome_read_counts (sqlite3 *handle, const char *sql, RepereRomeCounts *counts, GError **error);
char *
rome_counts_sql (void);
extern const char rome_total_counts_sql[];
gboolean
rome_compute_diff (RepereRomeImport *self, GError **error);
void
rome_diff_free (RepereRomeDiff *diff);

/* apply */
gint64
rome_import_apply (RepereRomeImport *import, gboolean bundled, RepereRomeProgress progress,
                   gpointer user_data, GCancellable *cancellable, GError **error);
gint64
rome_import_run (RepereDb *db, const char *path, const char *resource_dir,
                 RepereCsvEncoding encoding, RepereRomeProgress progress, gpointer user_data,
                 GCancellable *cancellable, RepereRomeImport **import, GError **error);

G_END_DECLS
