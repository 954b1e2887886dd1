/* repere-rome-import.c: import of the ROME 4.0 referential
 *
 * Reads six files of a France Travail ROME 4.0 export (unix_*_vNNN_utf8.csv)
 * with the streaming CSV reader, stages them in TEMP tables while checking
 * every value, compares the staged referential with the current one, and
 * applies the difference in one transaction, keeping in the *_undo tables
 * what it replaces so that the last import can be rolled back
 * (schema/004-rome.sql, docs/rome-import.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-import.h"

#include "repere-table-import.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (repere - rome - error - quark, repere_rome_error)

/* The files read, in reading order (links need codes and competencies). */
typedef enum
{
  FILE_CODE,
  FILE_APPELLATION,
  FILE_COMPETENCE,
  FILE_SAVOIR,
  FILE_LINK,
  FILE_COHERENCE,
  N_FILES
} FileId;

#define MAX_COLUMNS 8

static const struct
{
  const char *name; /* unix_NAME_vNNN_utf8.csv */
  const char *columns[MAX_COLUMNS];
} file_specs[N_FILES] = {
  [FILE_CODE]
  = { "referentiel_code_rome", { "code_rome", "code_ogr", "libelle_rome", "code_rome_parent" } },
  [FILE_APPELLATION] = { "referentiel_appellation",
                         { "code_ogr", "libelle_appellation_long", "libelle_appellation_court",
                           "code_rome", "peu_usite" } },
  [FILE_COMPETENCE] = { "referentiel_competence",
                        { "code_ogr", "nature", "libelle_competence", "definition",
                          "code_ogr_macro_comp", "code_macro_comp", "cat_comp", "sous_cat_comp" } },
  [FILE_SAVOIR]
  = { "referentiel_savoir",
      { "code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir" } },
  [FILE_LINK]
  = { "liens_rome_referentiels", { "code_rome", "code_compo_bloc", "code_rubrique", "code_ogr" } },
  [FILE_COHERENCE] = { "coherence_item", { "code_rome", "code_ogr", "coeur_metier" } },
};

/* Staging tables, in the connection's temp schema; `line` is where the row
 * starts in its file, for messages. */
static const char stage_sql[]
    = "CREATE TEMP TABLE rome_stage_code ("
      " code TEXT PRIMARY KEY, title TEXT NOT NULL, ogr INTEGER NOT NULL, parent_code TEXT NOT "
      "NULL,"
      " line INTEGER NOT NULL) WITHOUT ROWID;"
      "CREATE TEMP TABLE rome_stage_appellation ("
      " id INTEGER PRIMARY KEY, rome_code TEXT NOT NULL, label TEXT NOT NULL, short_label TEXT NOT "
      "NULL,"
      " rarely_used INTEGER NOT NULL, line INTEGER NOT NULL);"
      "CREATE TEMP TABLE rome_stage_competency ("
      " id INTEGER PRIMARY KEY, nature TEXT NOT NULL, label TEXT NOT NULL, definition TEXT NOT "
      "NULL,"
      " category TEXT NOT NULL, subcategory TEXT NOT NULL, macro_id INTEGER, macro_code TEXT NOT "
      "NULL,"
      " file INTEGER NOT NULL, line INTEGER NOT NULL);"
      "CREATE TEMP TABLE rome_stage_link ("
      " rome_code TEXT NOT NULL, competency_id INTEGER NOT NULL, kind TEXT NOT NULL,"
      " core TEXT NOT NULL DEFAULT '', line INTEGER NOT NULL,"
      " PRIMARY KEY (rome_code, competency_id)) WITHOUT ROWID;";

static const char unstage_sql[] = "DROP TABLE IF EXISTS temp.rome_stage_code;"
                                  "DROP TABLE IF EXISTS temp.rome_stage_appellation;"
                                  "DROP TABLE IF EXISTS temp.rome_stage_competency;"
                                  "DROP TABLE IF EXISTS temp.rome_stage_link;";

struct _RepereRomeImport
{
  RepereDb *db;
  sqlite3 *handle;
  char *dir;
  char *version;
  char *paths[N_FILES];
  char *names[N_FILES];
  GPtrArray *files; /* RepereRomeFile* */
  /* What the files read so far define, for the checks of the next ones. */
  GHashTable *codes;        /* ROME code → line, unix_referentiel_code_rome */
  GHashTable *competencies; /* code_ogr → FILE_COMPETENCE or FILE_SAVOIR */
  RepereRomeDiff *diff;
  gint64 base_batch; /* current ROME batch when prepared, 0 for none */
  gboolean applied;
  gboolean staged;

  /* progress */
  RepereRomeProgress progress;
  gpointer progress_data;
  double reported;
  const char *reported_phase;
  GCancellable *cancellable;
};

typedef struct
{
  RepereRomeImport *self;
  RepereCsvReader *reader;
  const char *file;
  int columns[MAX_COLUMNS];
  sqlite3_stmt *insert;
  guint64 rows;
} FileRead;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

static gboolean
db_error (sqlite3 *handle, GError **error, const char *what)
{
  if (sqlite3_errcode (handle) == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _ ("The ROME import was cancelled"));
  else
    g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_DATABASE, "%s: %s", what,
                 sqlite3_errmsg (handle));
  return FALSE;
}

static gboolean
exec (sqlite3 *handle, const char *sql, GError **error)
{
  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (handle, error, sql);
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3 *handle, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (handle, error, sql);
      return NULL;
    }
  return stmt;
}

/* Runs @sql with ?1 bound to @batch. */
static gboolean
exec_batch (sqlite3 *handle, const char *sql, gint64 batch, GError **error)
{
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_error (handle, error, sql);
  return TRUE;
}

/* First column of the first row of @sql as an integer; @fallback when none. */
static gboolean
query_int64 (sqlite3 *handle, const char *sql, gint64 fallback, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
               ? sqlite3_column_int64 (stmt, 0)
               : fallback;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_error (handle, error, sql);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt, int column);

/* First column of the first row of @sql as text; %NULL when none. */
static gboolean
query_text (sqlite3 *handle, const char *sql, char **value, GError **error)
{
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? column_dup (stmt, 0) : NULL;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_error (handle, error, sql);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
}

static void
report (RepereRomeImport *self, double fraction, const char *phase)
{
  if (self->progress == NULL)
    return;
  if (fraction < self->reported)
    fraction = self->reported;
  if (phase == self->reported_phase && fraction < self->reported + 0.01 && fraction < 1.0)
    return;
  self->reported = fraction;
  self->reported_phase = phase;
  self->progress (MIN (fraction, 1.0), phase, self->progress_data);
}

static int
on_sqlite_progress (void *data)
{
  RepereRomeImport *self = data;
  return g_cancellable_is_cancelled (self->cancellable) ? 1 : 0;
}

/* "file, line N, field “name”: message" */
G_GNUC_PRINTF (6, 7)
static gboolean
row_error (GError **error, int code, const char *file, guint64 line, const char *field,
           const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (field)
    g_set_error (error, REPERE_ROME_ERROR, code, _ ("%s, line %" PRIu64 ", field “%s”: %s"), file,
                 line, field, message);
  else
    g_set_error (error, REPERE_ROME_ERROR, code, _ ("%s, line %" PRIu64 ": %s"), file, line,
                 message);
  return FALSE;
}

static const char *
field (FileRead *read, guint index)
{
  return repere_csv_reader_get_field (read->reader, read->columns[index]);
}

static const char *
column_name (FileId file, guint index)
{
  return file_specs[file].columns[index];
}

/* A ROME code: a letter A–Z and four digits ("K1903"). */
static gboolean
is_rome_code (const char *text)
{
  return g_ascii_isupper (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2])
         && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) && text[5] == '\0';
}

static gboolean
check_code (FileRead *read, FileId file, guint index, GError **error)
{
  const char *text = field (read, index);

  if (is_rome_code (text))
    return TRUE;
  return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                    repere_csv_reader_get_line (read->reader), column_name (file, index),
                    _ ("“%s” is not a ROME code (a capital letter and four digits, e.g. K1903)"),
                    text);
}

/* A ROME code of unix_referentiel_code_rome (read first). */
static gboolean
known_code (FileRead *read, FileId file, guint index, GError **error)
{
  const char *text = field (read, index);

  if (g_hash_table_contains (read->self->codes, text))
    return TRUE;
  return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file,
                    repere_csv_reader_get_line (read->reader), column_name (file, index),
                    _ ("the ROME code %s is not in %s"), text, read->self->names[FILE_CODE]);
}

/* A code_ogr: a positive whole number of at most 18 digits. */
static gboolean
parse_ogr (FileRead *read, FileId file, guint index, gint64 *value, GError **error)
{
  const char *text = field (read, index);
  gint64 result = 0;
  const char *p;

  for (p = text; g_ascii_isdigit (*p) && p - text < 18; p++)
    result = result * 10 + (*p - '0');
  if (p != text && *p == '\0' && result > 0)
    {
      *value = result;
      return TRUE;
    }
  return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                    repere_csv_reader_get_line (read->reader), column_name (file, index),
                    _ ("“%s” is not a code (a positive whole number)"), text);
}

static gboolean
check_not_empty (FileRead *read, FileId file, guint index, GError **error)
{
  if (*field (read, index) != '\0')
    return TRUE;
  return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                    repere_csv_reader_get_line (read->reader), column_name (file, index), "%s",
                    _ ("the field is empty"));
}

static void
bind_field (FileRead *read, int parameter, guint index)
{
  sqlite3_bind_text (read->insert, parameter, field (read, index), -1, SQLITE_STATIC);
}

/* ------------------------------------------------------------------ */
/* Reading the files                                                   */

/* Line where a key was first staged, from @sql with the key bound to ?1 (and
 * ?2); its second column, when there is one, is the file (0 competence,
 * 1 savoir). Returns 0 when not found. */
static gint64
first_line (sqlite3 *handle, const char *sql, const char *key1, gint64 key2, int *file_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 line = 0;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (key1)
    {
      sqlite3_bind_text (stmt, 1, key1, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, key2);
    }
  else
    sqlite3_bind_int64 (stmt, 1, key2);
  *file_out = -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      line = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_count (stmt) > 1)
        *file_out = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return line;
}

/* Steps read->insert; on a primary-key conflict, a duplicate-key error naming
 * both lines. */
static gboolean
insert_or_duplicate (FileRead *read, FileId file, guint key_index, const char *dup_sql,
                     const char *key1, gint64 key2, GError **error)
{
  RepereRomeImport *self = read->self;
  int rc = sqlite3_step (read->insert);
  const char *other_file = NULL;
  g_autofree char *key_text = NULL;
  int other = -1;
  gint64 line;

  sqlite3_reset (read->insert);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_CONSTRAINT_PRIMARYKEY)
    return db_error (self->handle, error, read->file);

  line = first_line (self->handle, dup_sql, key1, key2, &other);
  if (other >= 0)
    other_file = self->names[other == 0 ? FILE_COMPETENCE : FILE_SAVOIR];
  key_text = key1 && key2 ? g_strdup_printf ("%s / %" G_GINT64_FORMAT, key1, key2)
             : key1       ? g_strdup (key1)
                          : g_strdup_printf ("%" G_GINT64_FORMAT, key2);
  if (other_file != NULL && g_strcmp0 (other_file, read->file) != 0)
    return row_error (error, REPERE_ROME_ERROR_DUPLICATE, read->file,
                      repere_csv_reader_get_line (read->reader), column_name (file, key_index),
                      _ ("%s is already the code of line %" PRId64 " of %s"), key_text, line,
                      other_file);
  return row_error (error, REPERE_ROME_ERROR_DUPLICATE, read->file,
                    repere_csv_reader_get_line (read->reader), column_name (file, key_index),
                    _ ("%s appears twice (first on line %" PRId64 ")"), key_text, line);
}

static gboolean
read_code (FileRead *read, GError **error)
{
  gint64 ogr;
  const char *code = field (read, 0);

  if (!check_code (read, FILE_CODE, 0, error) || !parse_ogr (read, FILE_CODE, 1, &ogr, error)
      || !check_not_empty (read, FILE_CODE, 2, error))
    return FALSE;
  if (*field (read, 3) != '\0' && !check_code (read, FILE_CODE, 3, error))
    return FALSE;
  sqlite3_bind_text (read->insert, 1, code, -1, SQLITE_STATIC);
  bind_field (read, 2, 2);
  sqlite3_bind_int64 (read->insert, 3, ogr);
  bind_field (read, 4, 3);
  sqlite3_bind_int64 (read->insert, 5, repere_csv_reader_get_line (read->reader));
  if (!insert_or_duplicate (read, FILE_CODE, 0,
                            "SELECT line FROM temp.rome_stage_code WHERE code = ?1", code, 0,
                            error))
    return FALSE;
  g_hash_table_add (read->self->codes, g_strdup (code));
  return TRUE;
}

static gboolean
read_appellation (FileRead *read, GError **error)
{
  gint64 id;
  const char *rarely = field (read, 4);

  if (!parse_ogr (read, FILE_APPELLATION, 0, &id, error)
      || !check_not_empty (read, FILE_APPELLATION, 1, error)
      || !check_code (read, FILE_APPELLATION, 3, error))
    return FALSE;
  if (g_strcmp0 (rarely, "O") != 0 && g_strcmp0 (rarely, "N") != 0 && *rarely != '\0')
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                      repere_csv_reader_get_line (read->reader), column_name (FILE_APPELLATION, 4),
                      _ ("“%s” is neither O nor N"), rarely);
  if (!known_code (read, FILE_APPELLATION, 3, error))
    return FALSE;
  sqlite3_bind_int64 (read->insert, 1, id);
  bind_field (read, 2, 3);
  bind_field (read, 3, 1);
  bind_field (read, 4, 2);
  sqlite3_bind_int (read->insert, 5, g_strcmp0 (rarely, "O") == 0);
  sqlite3_bind_int64 (read->insert, 6, repere_csv_reader_get_line (read->reader));
  return insert_or_duplicate (read, FILE_APPELLATION, 0,
                              "SELECT line FROM temp.rome_stage_appellation WHERE id = ?1", NULL,
                              id, error);
}

static const char competency_dup_sql[]
    = "SELECT line, file FROM temp.rome_stage_competency WHERE id = ?1";

static gboolean
read_competence (FileRead *read, GError **error)
{
  gint64 id, macro = 0;
  const char *nature = field (read, 1);
  gboolean is_macro;

  if (!parse_ogr (read, FILE_COMPETENCE, 0, &id, error)
      || !check_not_empty (read, FILE_COMPETENCE, 2, error))
    return FALSE;
  if (g_strcmp0 (nature, "Compétence") == 0)
    is_macro = FALSE;
  else if (g_strcmp0 (nature, "Macro-compétence") == 0)
    is_macro = TRUE;
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                      repere_csv_reader_get_line (read->reader), column_name (FILE_COMPETENCE, 1),
                      _ ("“%s” is neither Compétence nor Macro-compétence"), nature);
  if (*field (read, 4) != '\0' && !parse_ogr (read, FILE_COMPETENCE, 4, &macro, error))
    return FALSE;
  sqlite3_bind_int64 (read->insert, 1, id);
  sqlite3_bind_text (read->insert, 2, is_macro ? "macro" : "competence", -1, SQLITE_STATIC);
  bind_field (read, 3, 2);
  bind_field (read, 4, 3);
  bind_field (read, 5, 6);
  bind_field (read, 6, 7);
  /* A macro-competency names itself as its macro; keep the link for the others. */
  if (macro > 0 && macro != id)
    sqlite3_bind_int64 (read->insert, 7, macro);
  else
    sqlite3_bind_null (read->insert, 7);
  bind_field (read, 8, 5);
  sqlite3_bind_int (read->insert, 9, 0);
  sqlite3_bind_int64 (read->insert, 10, repere_csv_reader_get_line (read->reader));
  if (!insert_or_duplicate (read, FILE_COMPETENCE, 0, competency_dup_sql, NULL, id, error))
    return FALSE;
  g_hash_table_insert (read->self->competencies, GSIZE_TO_POINTER ((gsize) id),
                       GINT_TO_POINTER (FILE_COMPETENCE));
  return TRUE;
}

static gboolean
read_savoir (FileRead *read, GError **error)
{
  gint64 id;

  if (!parse_ogr (read, FILE_SAVOIR, 0, &id, error)
      || !check_not_empty (read, FILE_SAVOIR, 1, error))
    return FALSE;
  sqlite3_bind_int64 (read->insert, 1, id);
  sqlite3_bind_text (read->insert, 2, "savoir", -1, SQLITE_STATIC);
  bind_field (read, 3, 1);
  sqlite3_bind_text (read->insert, 4, "", -1, SQLITE_STATIC);
  bind_field (read, 5, 2);
  bind_field (read, 6, 3);
  sqlite3_bind_null (read->insert, 7);
  sqlite3_bind_text (read->insert, 8, "", -1, SQLITE_STATIC);
  sqlite3_bind_int (read->insert, 9, 1);
  sqlite3_bind_int64 (read->insert, 10, repere_csv_reader_get_line (read->reader));
  if (!insert_or_duplicate (read, FILE_SAVOIR, 0, competency_dup_sql, NULL, id, error))
    return FALSE;
  g_hash_table_insert (read->self->competencies, GSIZE_TO_POINTER ((gsize) id),
                       GINT_TO_POINTER (FILE_SAVOIR));
  return TRUE;
}

static gboolean
read_link (FileRead *read, GError **error)
{
  const char *bloc = field (read, 1);
  const char *rubrique;
  const char *kind;
  FileId target;
  gint64 id;

  if (!check_code (read, FILE_LINK, 0, error))
    return FALSE;
  if (bloc[0] != '5' || bloc[1] != '\0')
    return TRUE;
  rubrique = field (read, 2);
  if (g_strcmp0 (rubrique, "1") == 0)
    kind = "savoir-faire", target = FILE_COMPETENCE;
  else if (g_strcmp0 (rubrique, "2") == 0)
    kind = "savoir-etre", target = FILE_COMPETENCE;
  else if (g_strcmp0 (rubrique, "3") == 0)
    kind = "savoir", target = FILE_SAVOIR;
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                      repere_csv_reader_get_line (read->reader), column_name (FILE_LINK, 2),
                      _ ("“%s” is not a rubrique of bloc 5 (1, 2 or 3)"), rubrique);
  if (!known_code (read, FILE_LINK, 0, error) || !parse_ogr (read, FILE_LINK, 3, &id, error))
    return FALSE;
  if (GPOINTER_TO_INT (
          g_hash_table_lookup (read->self->competencies, GSIZE_TO_POINTER ((gsize) id)))
      != (int) target)
    return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file,
                      repere_csv_reader_get_line (read->reader), column_name (FILE_LINK, 3),
                      target == FILE_SAVOIR ? _ ("the savoir %s is not in %s")
                                            : _ ("the competency %s is not in %s"),
                      field (read, 3), read->self->names[target]);
  sqlite3_bind_text (read->insert, 1, field (read, 0), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (read->insert, 2, id);
  sqlite3_bind_text (read->insert, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (read->insert, 4, repere_csv_reader_get_line (read->reader));
  return insert_or_duplicate (
      read, FILE_LINK, 3,
      "SELECT line FROM temp.rome_stage_link WHERE rome_code = ?1 AND competency_id = ?2",
      field (read, 0), id, error);
}

static gboolean
read_coherence (FileRead *read, GError **error)
{
  const char *core = field (read, 2);
  const char *value;
  gint64 id;

  if (*core == '\0')
    return TRUE;
  if (g_strcmp0 (core, "Principale") == 0)
    value = "principale";
  else if (g_strcmp0 (core, "Émergente") == 0)
    value = "emergente";
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file,
                      repere_csv_reader_get_line (read->reader), column_name (FILE_COHERENCE, 2),
                      _ ("“%s” is neither Principale, Émergente nor empty"), core);
  if (!check_code (read, FILE_COHERENCE, 0, error)
      || !parse_ogr (read, FILE_COHERENCE, 1, &id, error))
    return FALSE;
  /* coeur_metier goes on the bloc 5 link it describes; the other rows are
   * about bloc 6 (work contexts), which the import does not keep. */
  sqlite3_bind_text (read->insert, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (read->insert, 2, field (read, 0), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (read->insert, 3, id);
  if (sqlite3_step (read->insert) != SQLITE_DONE)
    {
      sqlite3_reset (read->insert);
      return db_error (read->self->handle, error, read->file);
    }
  sqlite3_reset (read->insert);
  return TRUE;
}

static const struct
{
  gboolean (*row) (FileRead *read, GError **error);
  const char *insert_sql;
} file_readers[N_FILES] = {
  [FILE_CODE] = { read_code, "INSERT INTO temp.rome_stage_code VALUES (?1, ?2, ?3, ?4, ?5)" },
  [FILE_APPELLATION]
  = { read_appellation, "INSERT INTO temp.rome_stage_appellation VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
  [FILE_COMPETENCE]
  = { read_competence,
      "INSERT INTO temp.rome_stage_competency VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)" },
  [FILE_SAVOIR]
  = { read_savoir,
      "INSERT INTO temp.rome_stage_competency VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)" },
  [FILE_LINK]
  = { read_link, "INSERT INTO temp.rome_stage_link (rome_code, competency_id, kind, line)"
                 " VALUES (?1, ?2, ?3, ?4)" },
  [FILE_COHERENCE] = { read_coherence, "UPDATE temp.rome_stage_link SET core = ?1"
                                       " WHERE rome_code = ?2 AND competency_id = ?3" },
};

/* Whether the first 64 KiB of a file are UTF-8 (a sequence cut at the end
 * of the block allowed), as the CSV reader decides in automatic mode. */
static gboolean
starts_as_utf8 (const char *path)
{
  g_autofree char *block = g_malloc (64 * 1024);
  const char *end;
  gssize n;
  FILE *file = fopen (path, "rb");

  if (file == NULL)
    return FALSE;
  n = fread (block, 1, 64 * 1024, file);
  fclose (file);
  if (g_utf8_validate_len (block, n, &end))
    return TRUE;
  return end + 4 > block + n && g_utf8_get_char_validated (end, block + n - end) == (gunichar) -2;
}

/* Share of the work that reading the files takes, for the progress bar. */
#define READ_SHARE 0.85

static gboolean
read_one_file (RepereRomeImport *self, FileId id, RepereCsvEncoding encoding, guint64 done,
               guint64 total, GError **error)
{
  g_autoptr (RepereCsvReader) reader = NULL;
  g_autofree char *phase = g_strdup_printf (_ ("Reading %s"), self->names[id]);
  FileRead read = { self };
  RepereRomeFile *file;
  gboolean ok = FALSE;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  /* A chosen encoding is for the files that are not UTF-8: a folder may mix
   * them (v460 has one Windows-1252 file). */
  if (encoding != REPERE_CSV_ENCODING_AUTO && encoding != REPERE_CSV_ENCODING_UTF8
      && starts_as_utf8 (self->paths[id]))
    encoding = REPERE_CSV_ENCODING_UTF8;
  if ((reader = repere_csv_reader_new_for_path (self->paths[id], encoding, error)) == NULL)
    return FALSE;
  if (!repere_csv_reader_read_header (reader, error))
    return FALSE;
  read.reader = reader;
  read.file = self->names[id];
  for (guint i = 0; i < MAX_COLUMNS && file_specs[id].columns[i]; i++)
    if ((read.columns[i] = repere_csv_reader_find_column (reader, file_specs[id].columns[i])) < 0)
      {
        g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_MISSING_COLUMN,
                     _ ("%s, line 1: the column “%s” is missing"), self->names[id],
                     file_specs[id].columns[i]);
        return FALSE;
      }
  if ((read.insert = prepare (self->handle, file_readers[id].insert_sql, error)) == NULL)
    return FALSE;
  report (self, READ_SHARE * done / MAX (total, 1), phase);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;

      if (!repere_csv_reader_next (reader, &local_error))
        {
          if (local_error)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto out;
            }
          break;
        }
      read.rows++;
      if (!file_readers[id].row (&read, error))
        goto out;
      if ((read.rows & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
            goto out;
          report (self,
                  READ_SHARE * (done + repere_csv_reader_get_bytes_read (reader)) / MAX (total, 1),
                  phase);
        }
    }
  if (read.rows == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_INVALID,
                   _ ("%s: the file has a header but no rows"), self->names[id]);
      goto out;
    }
  file = g_new0 (RepereRomeFile, 1);
  file->name = g_strdup (self->names[id]);
  file->sha256 = g_strdup (repere_csv_reader_get_sha256 (reader));
  file->rows = (gint64) read.rows;
  g_ptr_array_add (self->files, file);
  ok = TRUE;

out:
  sqlite3_finalize (read.insert);
  return ok;
}

/* Finds the six files and the version in @dir. */
static gboolean
find_files (RepereRomeImport *self, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("^unix_([a-z0-9_]+)_v([0-9]+)_utf8\\.csv$", 0, 0, NULL);
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if ((dir = g_dir_open (self->dir, 0, error)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *table = NULL;
      g_autofree char *version = NULL;

      if (!g_regex_match (regex, name, 0, &match))
        continue;
      table = g_match_info_fetch (match, 1);
      {
        g_autofree char *digits = g_match_info_fetch (match, 2);
        version = g_strconcat ("v", digits, NULL);
      }
      for (guint i = 0; i < N_FILES; i++)
        if (g_strcmp0 (table, file_specs[i].name) == 0)
          {
            if (!g_ptr_array_find_with_equal_func (versions, version, g_str_equal, NULL))
              g_ptr_array_add (versions, g_strdup (version));
            if (self->names[i] == NULL || strcmp (name, self->names[i]) > 0)
              {
                g_free (self->names[i]);
                self->names[i] = g_strdup (name);
              }
          }
    }
  if (versions->len == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_NO_VERSION,
                   _ ("%s holds no ROME file (unix_referentiel_code_rome_vNNN_utf8.csv…)"),
                   self->dir);
      return FALSE;
    }
  if (versions->len > 1)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (versions, NULL);
      list = g_strjoinv (", ", (char **) versions->pdata);
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_NO_VERSION,
                   _ ("%s holds ROME files of several versions (%s); keep one version per folder"),
                   self->dir, list);
      return FALSE;
    }
  self->version = g_strdup (g_ptr_array_index (versions, 0));
  for (guint i = 0; i < N_FILES; i++)
    {
      if (self->names[i] == NULL)
        {
          g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_MISSING_FILE,
                       _ ("%s: unix_%s_%s_utf8.csv is missing"), self->dir, file_specs[i].name,
                       self->version);
          return FALSE;
        }
      self->paths[i] = g_build_filename (self->dir, self->names[i], NULL);
    }
  return TRUE;
}

/* Checks of references to rows that may come later in the same file (the
 * others are checked as the rows are read). */
static gboolean
check_references (RepereRomeImport *self, GError **error)
{
  static const struct
  {
    FileId file;
    guint field;
    const char *sql; /* line, offending value; first offending row */
    const char *message;
  } checks[] = {
    { FILE_CODE, 3,
      "SELECT line, parent_code FROM temp.rome_stage_code a WHERE parent_code <> ''"
      " AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_code c WHERE c.code = a.parent_code) ORDER "
      "BY line LIMIT 1",
      N_ ("the ROME code %s is not in %s") },
    { FILE_COMPETENCE, 4,
      "SELECT line, macro_id FROM temp.rome_stage_competency a WHERE macro_id IS NOT NULL"
      " AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency c WHERE c.id = a.macro_id AND "
      "c.nature = 'macro')"
      " ORDER BY line LIMIT 1",
      N_ ("%s is not a macro-competency of %s") },
  };
  /* The file each check's value refers to. */
  static const FileId targets[] = { FILE_CODE, FILE_COMPETENCE };

  G_STATIC_ASSERT (G_N_ELEMENTS (targets) == G_N_ELEMENTS (checks));
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = prepare (self->handle, checks[i].sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *value = column_dup (stmt, 1);
          gint64 line = sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
          return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, self->names[checks[i].file],
                            line, column_name (checks[i].file, checks[i].field),
                            _ (checks[i].message), value, self->names[targets[i]]);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return db_error (self->handle, error, checks[i].sql);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Counts and diff                                                     */

/* Sizes of a referential: tables of codes, appellations, competencies (the
 * current ones) and links. */
static char *
counts_sql (const char *codes, const char *appellations, const char *competencies,
            const char *links)
{
  return g_strdup_printf ("SELECT (SELECT count(*) FROM %1$s), (SELECT count(*) FROM %2$s),"
                          " (SELECT count(*) FROM %3$s WHERE nature = 'competence'),"
                          " (SELECT count(*) FROM %3$s WHERE nature = 'macro'),"
                          " (SELECT count(*) FROM %3$s WHERE nature = 'savoir'),"
                          " (SELECT count(*) FROM %4$s),"
                          " (SELECT count(*) FROM %4$s WHERE kind = 'savoir-faire'),"
                          " (SELECT count(*) FROM %4$s WHERE kind = 'savoir-etre'),"
                          " (SELECT count(*) FROM %4$s WHERE kind = 'savoir')",
                          codes, appellations, competencies, links);
}

static gboolean
read_counts (sqlite3 *handle, const char *sql, RepereRomeCounts *counts, GError **error)
{
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->codes = sqlite3_column_int (stmt, 0);
      counts->appellations = sqlite3_column_int (stmt, 1);
      counts->competencies = sqlite3_column_int (stmt, 2);
      counts->macros = sqlite3_column_int (stmt, 3);
      counts->savoirs = sqlite3_column_int (stmt, 4);
      counts->links = sqlite3_column_int (stmt, 5);
      counts->links_savoir_faire = sqlite3_column_int (stmt, 6);
      counts->links_savoir_etre = sqlite3_column_int (stmt, 7);
      counts->links_savoir = sqlite3_column_int (stmt, 8);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return db_error (handle, error, sql);
  return TRUE;
}

/**
 * repere_rome_get_counts:
 * @db: the database
 * @counts: (out caller-allocates): sizes of the current referential (zeros
 *   when none was imported); removed competencies are not counted
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rome_get_counts (RepereDb *db, RepereRomeCounts *counts, GError **error)
{
  g_autofree char *sql
      = counts_sql ("main.rome_code", "main.rome_appellation",
                    "(SELECT nature FROM main.competency WHERE removed_batch_id IS NULL)",
                    "main.rome_competency");

  memset (counts, 0, sizeof *counts);
  return read_counts (repere_db_get_handle (db), sql, counts, error);
}

/**
 * repere_rome_get_current_version:
 * @db: the database
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: (transfer full) (nullable): the version of the current referential
 *   ("v460"), or %NULL with @error unset when none was imported
 */
char *
repere_rome_get_current_version (RepereDb *db, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  const char *sql = "SELECT version FROM rome_batch WHERE rolled_back_at IS NULL ORDER BY batch_id "
                    "DESC LIMIT 1";
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  char *version = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    version = column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    db_error (handle, error, sql);
  return version;
}

void
repere_rome_code_change_free (RepereRomeCodeChange *change)
{
  if (change == NULL)
    return;
  g_free (change->code);
  g_free (change->old_title);
  g_free (change->new_title);
  g_free (change);
}

void
repere_rome_competency_change_free (RepereRomeCompetencyChange *change)
{
  if (change == NULL)
    return;
  g_free (change->nature);
  g_free (change->old_label);
  g_free (change->new_label);
  g_free (change);
}

void
repere_rome_job_change_free (RepereRomeJobChange *change)
{
  if (change == NULL)
    return;
  g_free (change->job_id);
  g_free (change->job_name);
  g_ptr_array_unref (change->codes_removed);
  g_ptr_array_unref (change->competencies_added);
  g_ptr_array_unref (change->competencies_removed);
  g_free (change);
}

void
repere_flagged_rating_free (RepereFlaggedRating *rating)
{
  if (rating == NULL)
    return;
  g_free (rating->assessment_id);
  g_free (rating->job_id);
  g_free (rating->label);
  g_free (rating);
}

void
repere_rome_file_free (RepereRomeFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->sha256);
  g_free (file);
}

void
repere_rome_batch_free (RepereRomeBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->label);
  g_free (batch->version);
  g_free (batch->started_at);
  g_free (batch->finished_at);
  g_free (batch->rolled_back_at);
  g_clear_pointer (&batch->files, g_ptr_array_unref);
  g_free (batch);
}

static void
diff_free (RepereRomeDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->version);
  g_free (diff->previous_version);
  g_ptr_array_unref (diff->codes_added);
  g_ptr_array_unref (diff->codes_removed);
  g_ptr_array_unref (diff->codes_retitled);
  g_ptr_array_unref (diff->competencies_added);
  g_ptr_array_unref (diff->competencies_removed);
  g_ptr_array_unref (diff->competencies_relabelled);
  g_ptr_array_unref (diff->jobs);
  g_ptr_array_unref (diff->flagged_ratings);
  g_free (diff);
}

static GPtrArray *
code_changes (sqlite3 *handle, const char *sql, GError **error)
{
  g_autoptr (GPtrArray) changes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_code_change_free);
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeCodeChange *change = g_new0 (RepereRomeCodeChange, 1);
      change->code = column_dup (stmt, 0);
      change->old_title = column_dup (stmt, 1);
      change->new_title = column_dup (stmt, 2);
      g_ptr_array_add (changes, change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (handle, error, sql);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

static GPtrArray *
competency_changes (sqlite3 *handle, const char *sql, GError **error)
{
  g_autoptr (GPtrArray) changes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_competency_change_free);
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeCompetencyChange *change = g_new0 (RepereRomeCompetencyChange, 1);
      change->id = sqlite3_column_int64 (stmt, 0);
      change->nature = column_dup (stmt, 1);
      change->old_label = column_dup (stmt, 2);
      change->new_label = column_dup (stmt, 3);
      g_ptr_array_add (changes, change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (handle, error, sql);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/* Current competencies: the rows no import has dropped. */
#define CURRENT_COMPETENCY "(SELECT * FROM main.competency WHERE removed_batch_id IS NULL)"
/* Fields that make two versions of a competency differ. */
#define COMPETENCY_DIFFERS                                                                         \
  "(s.nature IS NOT m.nature OR s.label IS NOT m.label OR s.definition IS NOT m.definition"        \
  " OR s.category IS NOT m.category OR s.subcategory IS NOT m.subcategory OR s.macro_id IS NOT "   \
  "m.macro_id"                                                                                     \
  " OR s.macro_code IS NOT m.macro_code)"

static gboolean
compute_job_changes (RepereRomeImport *self, RepereRomeDiff *diff, GError **error)
{
  static const char sql[]
      = "WITH old AS (SELECT DISTINCT jr.job_id, rc.competency_id FROM main.job_rome jr"
        "              JOIN main.rome_competency rc ON rc.rome_code = jr.rome_code),"
        " new AS (SELECT DISTINCT jr.job_id, l.competency_id FROM main.job_rome jr"
        "              JOIN temp.rome_stage_link l ON l.rome_code = jr.rome_code),"
        " changes AS (SELECT job_id, competency_id, 1 AS added FROM (SELECT * FROM new EXCEPT "
        "SELECT * FROM old)"
        "   UNION ALL SELECT job_id, competency_id, 0 FROM (SELECT * FROM old EXCEPT SELECT * FROM "
        "new)"
        "   UNION ALL SELECT jr.job_id, NULL, 2 FROM main.job_rome jr"
        "    WHERE EXISTS (SELECT 1 FROM main.rome_code c WHERE c.code = jr.rome_code)"
        "      AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s WHERE s.code = jr.rome_code))"
        " SELECT ch.job_id, j.name, ch.added, ch.competency_id,"
        "        CASE ch.added WHEN 1 THEN s.nature ELSE m.nature END,"
        "        m.label, s.label,"
        "        (SELECT group_concat (jr.rome_code, ' ') FROM main.job_rome jr WHERE jr.job_id = "
        "ch.job_id"
        "          AND EXISTS (SELECT 1 FROM main.rome_code c WHERE c.code = jr.rome_code)"
        "          AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s2 WHERE s2.code = "
        "jr.rome_code))"
        "   FROM changes ch JOIN main.job j ON j.id = ch.job_id"
        "   LEFT JOIN temp.rome_stage_competency s ON s.id = ch.competency_id AND ch.added = 1"
        "   LEFT JOIN main.competency m ON m.id = ch.competency_id AND ch.added = 0"
        "  ORDER BY j.name, ch.job_id, ch.competency_id";
  sqlite3_stmt *stmt = prepare (self->handle, sql, error);
  RepereRomeJobChange *job = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *job_id = (const char *) sqlite3_column_text (stmt, 0);
      RepereRomeCompetencyChange *change;

      if (job == NULL || g_strcmp0 (job->job_id, job_id) != 0)
        {
          g_autofree char *codes = column_dup (stmt, 7);

          job = g_new0 (RepereRomeJobChange, 1);
          job->job_id = g_strdup (job_id);
          job->job_name = column_dup (stmt, 1);
          job->codes_removed = g_ptr_array_new_with_free_func (g_free);
          job->competencies_added = g_ptr_array_new_with_free_func (
              (GDestroyNotify) repere_rome_competency_change_free);
          job->competencies_removed = g_ptr_array_new_with_free_func (
              (GDestroyNotify) repere_rome_competency_change_free);
          if (codes != NULL)
            {
              g_auto (GStrv) parts = g_strsplit (codes, " ", -1);
              for (guint i = 0; parts[i]; i++)
                g_ptr_array_add (job->codes_removed, g_strdup (parts[i]));
            }
          g_ptr_array_add (diff->jobs, job);
        }
      if (sqlite3_column_int (stmt, 2) == 2)
        continue;
      change = g_new0 (RepereRomeCompetencyChange, 1);
      change->id = sqlite3_column_int64 (stmt, 3);
      change->nature = column_dup (stmt, 4);
      change->old_label = column_dup (stmt, 5);
      change->new_label = column_dup (stmt, 6);
      g_ptr_array_add (sqlite3_column_int (stmt, 2) == 1 ? job->competencies_added
                                                         : job->competencies_removed,
                       change);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self->handle, error, "job changes");
  return TRUE;
}

static gboolean
compute_flagged_ratings (RepereRomeImport *self, RepereRomeDiff *diff, GError **error)
{
  static const char sql[]
      = "SELECT r.assessment_id, r.job_id, m.id, m.label, r.level"
        "  FROM main.rating r JOIN main.competency m ON CAST (m.id AS TEXT) = r.competency_id"
        " WHERE m.removed_batch_id IS NULL"
        "   AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s WHERE s.id = m.id)"
        " ORDER BY r.assessment_id, r.job_id, m.id";
  sqlite3_stmt *stmt = prepare (self->handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereFlaggedRating *rating = g_new0 (RepereFlaggedRating, 1);
      rating->assessment_id = column_dup (stmt, 0);
      rating->job_id = column_dup (stmt, 1);
      rating->competency_id = sqlite3_column_int64 (stmt, 2);
      rating->label = column_dup (stmt, 3);
      rating->level = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (diff->flagged_ratings, rating);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self->handle, error, sql);
  return TRUE;
}

static gboolean
count_into (sqlite3 *handle, const char *sql, guint *value, GError **error)
{
  gint64 n;

  if (!query_int64 (handle, sql, 0, &n, error))
    return FALSE;
  *value = (guint) n;
  return TRUE;
}

static gboolean
compute_diff (RepereRomeImport *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  RepereRomeDiff *diff = g_new0 (RepereRomeDiff, 1);
  sqlite3 *h = self->handle;
  g_autofree char *stage_counts = NULL;
  guint codes_changed = 0;

  self->diff = diff;
  diff->version = g_strdup (self->version);
  diff->previous_version = repere_rome_get_current_version (self->db, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  diff->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_job_change_free);
  diff->flagged_ratings
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_flagged_rating_free);
  stage_counts = counts_sql ("temp.rome_stage_code", "temp.rome_stage_appellation",
                             "temp.rome_stage_competency", "temp.rome_stage_link");
  if (!read_counts (h, stage_counts, &diff->counts, error)
      || !repere_rome_get_counts (self->db, &diff->previous_counts, error))
    return FALSE;

  if ((diff->codes_added = code_changes (h,
                                         "SELECT s.code, NULL, s.title FROM temp.rome_stage_code s"
                                         " WHERE NOT EXISTS (SELECT 1 FROM main.rome_code m WHERE "
                                         "m.code = s.code) ORDER BY s.code",
                                         error))
          == NULL
      || (diff->codes_removed
          = code_changes (h,
                          "SELECT m.code, m.title, NULL FROM main.rome_code m"
                          " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s WHERE s.code = "
                          "m.code) ORDER BY m.code",
                          error))
             == NULL
      || (diff->codes_retitled
          = code_changes (h,
                          "SELECT m.code, m.title, s.title FROM main.rome_code m"
                          " JOIN temp.rome_stage_code s ON s.code = m.code"
                          " WHERE s.title IS NOT m.title ORDER BY m.code",
                          error))
             == NULL)
    return FALSE;
  if (!count_into (
          h,
          "SELECT count(*) FROM main.rome_code m JOIN temp.rome_stage_code s ON s.code = m.code"
          " WHERE s.ogr IS NOT m.ogr OR s.parent_code IS NOT m.parent_code",
          &codes_changed, error))
    return FALSE;

  if ((diff->competencies_added = competency_changes (
           h,
           "SELECT s.id, s.nature, NULL, s.label FROM temp.rome_stage_competency s"
           " WHERE NOT EXISTS (SELECT 1 FROM " CURRENT_COMPETENCY
           " m WHERE m.id = s.id) ORDER BY s.id",
           error))
          == NULL
      || (diff->competencies_removed
          = competency_changes (h,
                                "SELECT m.id, m.nature, m.label, NULL FROM " CURRENT_COMPETENCY " m"
                                " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s "
                                "WHERE s.id = m.id) ORDER BY m.id",
                                error))
             == NULL
      || (diff->competencies_relabelled
          = competency_changes (h,
                                "SELECT m.id, s.nature, m.label, s.label FROM " CURRENT_COMPETENCY
                                " m JOIN temp.rome_stage_competency s ON s.id = m.id"
                                " WHERE s.label IS NOT m.label ORDER BY m.id",
                                error))
             == NULL)
    return FALSE;

  if (!count_into (h,
                   "SELECT count(*) FROM " CURRENT_COMPETENCY
                   " m JOIN temp.rome_stage_competency s ON s.id = m.id"
                   " WHERE s.label IS m.label AND " COMPETENCY_DIFFERS,
                   &diff->competencies_changed, error)
      || !count_into (h,
                      "SELECT count(*) FROM temp.rome_stage_appellation s"
                      " WHERE NOT EXISTS (SELECT 1 FROM main.rome_appellation m WHERE m.id = s.id)",
                      &diff->appellations_added, error)
      || !count_into (
          h,
          "SELECT count(*) FROM main.rome_appellation m"
          " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_appellation s WHERE s.id = m.id)",
          &diff->appellations_removed, error)
      || !count_into (
          h,
          "SELECT count(*) FROM main.rome_appellation m JOIN temp.rome_stage_appellation s ON s.id "
          "= m.id"
          " WHERE s.rome_code IS NOT m.rome_code OR s.label IS NOT m.label"
          " OR s.short_label IS NOT m.short_label OR s.rarely_used IS NOT m.rarely_used",
          &diff->appellations_changed, error)
      || !count_into (h,
                      "SELECT count(*) FROM temp.rome_stage_link s WHERE NOT EXISTS (SELECT 1 FROM "
                      "main.rome_competency m"
                      " WHERE m.rome_code = s.rome_code AND m.competency_id = s.competency_id)",
                      &diff->links_added, error)
      || !count_into (h,
                      "SELECT count(*) FROM main.rome_competency m WHERE NOT EXISTS (SELECT 1 FROM "
                      "temp.rome_stage_link s"
                      " WHERE s.rome_code = m.rome_code AND s.competency_id = m.competency_id)",
                      &diff->links_removed, error)
      || !count_into (h,
                      "SELECT count(*) FROM main.rome_competency m JOIN temp.rome_stage_link s"
                      " ON s.rome_code = m.rome_code AND s.competency_id = m.competency_id"
                      " WHERE s.kind IS NOT m.kind OR s.core IS NOT m.core",
                      &diff->links_changed, error))
    return FALSE;

  if (!compute_job_changes (self, diff, error) || !compute_flagged_ratings (self, diff, error))
    return FALSE;

  diff->identical = diff->codes_added->len == 0 && diff->codes_removed->len == 0
                    && diff->codes_retitled->len == 0 && codes_changed == 0
                    && diff->competencies_added->len == 0 && diff->competencies_removed->len == 0
                    && diff->competencies_relabelled->len == 0 && diff->competencies_changed == 0
                    && diff->appellations_added == 0 && diff->appellations_removed == 0
                    && diff->appellations_changed == 0 && diff->links_added == 0
                    && diff->links_removed == 0 && diff->links_changed == 0;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Prepare                                                             */

static gboolean
current_batch (sqlite3 *handle, gint64 *batch, GError **error)
{
  return query_int64 (handle,
                      "SELECT max (batch_id) FROM main.rome_batch WHERE rolled_back_at IS NULL", 0,
                      batch, error);
}

/**
 * repere_rome_import_prepare:
 * @db: the database; one import at a time per #RepereDb
 * @path: a folder holding unix_*_vNNN_utf8.csv files of one version, or one
 *   of those files (its folder is read)
 * @encoding: the encoding of the files that are not UTF-8: each file whose
 *   first 64 KiB are valid UTF-8 is read as UTF-8, the others in @encoding
 *   (%REPERE_CSV_ENCODING_AUTO: Windows-1252); %REPERE_CSV_ENCODING_UTF8
 *   reads every file as UTF-8
 * @progress: (nullable) (scope call): progress callback, 0 → 1
 * @user_data: data for @progress
 * @cancellable: (nullable): cancels the reading (%G_IO_ERROR_CANCELLED)
 * @error: a #RepereRomeError, a #RepereCsvError or %G_IO_ERROR, naming file,
 *   line and field
 *
 * Reads unix_referentiel_code_rome, unix_referentiel_appellation,
 * unix_referentiel_competence, unix_referentiel_savoir,
 * unix_liens_rome_referentiels (bloc 5) and unix_coherence_item, checks them
 * (required columns by name, well-formed codes, unique keys, every reference
 * known), stages them in TEMP tables and compares them with the current
 * referential. The database's content is not changed.
 *
 * Returns: (transfer full) (nullable): the staged import, to apply or free
 */
RepereRomeImport *
repere_rome_import_prepare (RepereDb *db, const char *path, RepereCsvEncoding encoding,
                            RepereRomeProgress progress, gpointer user_data,
                            GCancellable *cancellable, GError **error)
{
  g_autoptr (RepereRomeImport) self = g_new0 (RepereRomeImport, 1);
  guint64 total = 0, done = 0;
  gboolean in_transaction = FALSE;

  g_return_val_if_fail (REPERE_IS_DB (db), NULL);
  self->db = g_object_ref (db);
  self->handle = repere_db_get_handle (db);
  self->dir = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path) : g_path_get_dirname (path);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_file_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->competencies = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->progress = progress;
  self->progress_data = user_data;
  self->cancellable = cancellable;

  if (!find_files (self, error))
    return NULL;
  for (guint i = 0; i < N_FILES; i++)
    {
      GStatBuf st;
      if (g_stat (self->paths[i], &st) == 0)
        total += st.st_size;
    }

  if (sqlite3_get_autocommit (self->handle) == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_DATABASE,
                   _ ("Cannot import the ROME referential while another change is in progress"));
      return NULL;
    }
  /* Staging in memory (a few MB for the full referential) rather than in a
   * temporary file; changing temp_store would drop existing temp tables, so
   * only when there are none. */
  {
    gint64 temp_tables = 1, temp_store = 0;
    if (!query_int64 (self->handle, "SELECT count(*) FROM temp.sqlite_schema", 1, &temp_tables,
                      error)
        || !query_int64 (self->handle, "PRAGMA temp_store", 0, &temp_store, error))
      return NULL;
    if (temp_tables == 0 && temp_store != 2
        && !exec (self->handle, "PRAGMA temp_store = MEMORY", error))
      return NULL;
  }
  if (!exec (self->handle, stage_sql, error))
    {
      g_prefix_error (error, _ ("Another ROME import is in progress: "));
      return NULL;
    }
  self->staged = TRUE;
  /* One transaction for the staging: it writes to the temp schema only. */
  if (!exec (self->handle, "BEGIN", error))
    return NULL;
  in_transaction = TRUE;
  if (!current_batch (self->handle, &self->base_batch, error))
    goto fail;

  for (FileId id = 0; id < N_FILES; id++)
    {
      GStatBuf st;

      if (!read_one_file (self, id, encoding, done, total, error))
        goto fail;
      if (g_stat (self->paths[id], &st) == 0)
        done += st.st_size;
    }
  report (self, READ_SHARE, _ ("Checking references"));
  if (!check_references (self, error))
    goto fail;
  report (self, 0.9, _ ("Comparing with the current referential"));
  /* Only the staged tables are needed from now on. */
  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->competencies);
  if (!compute_diff (self, error))
    goto fail;
  if (!exec (self->handle, "COMMIT", error))
    goto fail;
  report (self, 1.0, _ ("Comparing with the current referential"));
  return g_steal_pointer (&self);

fail:
  if (in_transaction)
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

/**
 * repere_rome_import_get_diff:
 * @import: a prepared import
 *
 * Returns: (transfer none): what applying @import changes
 */
const RepereRomeDiff *
repere_rome_import_get_diff (RepereRomeImport *import)
{
  return import->diff;
}

/**
 * repere_rome_import_get_version:
 *
 * Returns: (transfer none): the version read from the file names, "v460"
 */
const char *
repere_rome_import_get_version (RepereRomeImport *import)
{
  return import->version;
}

/**
 * repere_rome_import_get_files:
 *
 * Returns: (transfer none) (element-type RepereRomeFile): the files read, in
 *   reading order, with their SHA-256 and row counts
 */
GPtrArray *
repere_rome_import_get_files (RepereRomeImport *import)
{
  return import->files;
}

/**
 * repere_rome_import_free:
 * @import: (nullable): an import, applied or not
 *
 * Drops the staging tables.
 */
void
repere_rome_import_free (RepereRomeImport *import)
{
  if (import == NULL)
    return;
  if (import->staged)
    sqlite3_exec (import->handle, unstage_sql, NULL, NULL, NULL);
  g_clear_object (&import->db);
  g_free (import->dir);
  g_free (import->version);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_free (import->paths[i]);
      g_free (import->names[i]);
    }
  g_clear_pointer (&import->files, g_ptr_array_unref);
  g_clear_pointer (&import->codes, g_hash_table_unref);
  g_clear_pointer (&import->competencies, g_hash_table_unref);
  diff_free (import->diff);
  g_free (import);
}

/* ------------------------------------------------------------------ */
/* Apply and roll back                                                 */

/* Each step: SQL with ?1 = the batch, and the phase it belongs to. */
static const char *const apply_steps[] = {
  /* links */
  "INSERT INTO main.rome_competency_undo"
  " SELECT ?1, m.rome_code, m.competency_id, m.kind, m.core, m.batch_id FROM main.rome_competency m"
  " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_link s WHERE s.rome_code = m.rome_code"
  "   AND s.competency_id = m.competency_id AND s.kind = m.kind AND s.core = m.core)",
  "DELETE FROM main.rome_competency WHERE (rome_code, competency_id) IN"
  " (SELECT rome_code, competency_id FROM main.rome_competency_undo WHERE undo_batch_id = ?1)",
  /* appellations */
  "INSERT INTO main.rome_appellation_undo"
  " SELECT ?1, m.id, m.rome_code, m.label, m.short_label, m.rarely_used, m.batch_id FROM "
  "main.rome_appellation m"
  " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_appellation s WHERE s.id = m.id"
  "   AND s.rome_code = m.rome_code AND s.label = m.label AND s.short_label = m.short_label"
  "   AND s.rarely_used = m.rarely_used)",
  "DELETE FROM main.rome_appellation WHERE id IN"
  " (SELECT id FROM main.rome_appellation_undo WHERE undo_batch_id = ?1)",
  /* codes */
  "INSERT INTO main.rome_code_undo"
  " SELECT ?1, m.code, m.title, m.ogr, m.parent_code, m.batch_id FROM main.rome_code m"
  " WHERE NOT EXISTS (SELECT 1 FROM temp.rome_stage_code s WHERE s.code = m.code"
  "   AND s.title = m.title AND s.ogr = m.ogr AND s.parent_code = m.parent_code)",
  "DELETE FROM main.rome_code WHERE code IN (SELECT code FROM main.rome_code_undo WHERE "
  "undo_batch_id = ?1)",
  /* What remains of a table equals its staged rows: the others go in. */
  "INSERT OR IGNORE INTO main.rome_code (code, title, ogr, parent_code, batch_id)"
  " SELECT s.code, s.title, s.ogr, s.parent_code, ?1 FROM temp.rome_stage_code s ORDER BY s.code",
  /* competencies: never deleted; dropped ones are flagged */
  "INSERT INTO main.competency_undo"
  " SELECT ?1, m.* FROM main.competency m"
  " WHERE (m.removed_batch_id IS NULL AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s "
  "WHERE s.id = m.id))"
  "    OR EXISTS (SELECT 1 FROM temp.rome_stage_competency s WHERE s.id = m.id"
  "               AND (m.removed_batch_id IS NOT NULL OR " COMPETENCY_DIFFERS "))",
  "UPDATE main.competency SET removed_batch_id = ?1 WHERE removed_batch_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM temp.rome_stage_competency s WHERE s.id = competency.id)",
  "INSERT INTO main.competency (id, nature, label, definition, category, subcategory, macro_id, "
  "macro_code,"
  "                             batch_id, removed_batch_id)"
  " SELECT s.id, s.nature, s.label, s.definition, s.category, s.subcategory, s.macro_id, "
  "s.macro_code, ?1, NULL"
  "   FROM temp.rome_stage_competency s WHERE TRUE ORDER BY s.id"
  " ON CONFLICT (id) DO UPDATE SET nature = excluded.nature, label = excluded.label,"
  "   definition = excluded.definition, category = excluded.category, subcategory = "
  "excluded.subcategory,"
  "   macro_id = excluded.macro_id, macro_code = excluded.macro_code, batch_id = excluded.batch_id,"
  "   removed_batch_id = NULL"
  " WHERE EXISTS (SELECT 1 FROM main.competency_undo u WHERE u.undo_batch_id = ?1 AND u.id = "
  "excluded.id)",
  /* new rows after the competencies they reference */
  "INSERT OR IGNORE INTO main.rome_appellation (id, rome_code, label, short_label, rarely_used, "
  "batch_id)"
  " SELECT s.id, s.rome_code, s.label, s.short_label, s.rarely_used, ?1 FROM "
  "temp.rome_stage_appellation s"
  " ORDER BY s.id",
  "INSERT OR IGNORE INTO main.rome_competency (rome_code, competency_id, kind, core, batch_id)"
  " SELECT s.rome_code, s.competency_id, s.kind, s.core, ?1 FROM temp.rome_stage_link s"
  " ORDER BY s.rome_code, s.competency_id",
  "INSERT INTO main.competency_search (competency_search) VALUES ('rebuild')",
};

/* Page cache during apply, KiB: the full v460 referential takes about 20 MB
 * of pages with its indexes. */
#define APPLY_CACHE_KIB 49152

static void
restore_settings (sqlite3 *handle, gint64 cache_size, gint64 foreign_keys)
{
  g_autofree char *sql
      = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT "; PRAGMA foreign_keys = %d",
                         cache_size, foreign_keys ? 1 : 0);
  sqlite3_exec (handle, sql, NULL, NULL, NULL);
}

static gboolean
record_batch (RepereRomeImport *self, gint64 *batch, GError **error)
{
  const RepereRomeDiff *d = self->diff;
  g_autofree char *started = now_iso8601 ();
  g_autofree char *label = g_strdup_printf ("ROME %s", self->version);
  g_autofree char *note = NULL;
  g_autofree char *sql = NULL;

  note = g_strdup_printf ("%s", self->dir);
  sql = repere_sql_printf ("INSERT INTO main.import_batch (kind, label, started_at, note)"
                           " VALUES ('rome', %Q, %Q, %Q)",
                           label, started, note);
  if (!exec (self->handle, sql, error))
    return FALSE;
  *batch = sqlite3_last_insert_rowid (self->handle);

  {
    sqlite3_stmt *stmt = prepare (
        self->handle,
        "INSERT INTO main.import_file (batch_id, name, sha256, rows) VALUES (?1, ?2, ?3, ?4)",
        error);
    if (stmt == NULL)
      return FALSE;
    for (guint i = 0; i < self->files->len; i++)
      {
        RepereRomeFile *file = g_ptr_array_index (self->files, i);
        sqlite3_bind_int64 (stmt, 1, *batch);
        sqlite3_bind_text (stmt, 2, file->name, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 3, file->sha256, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 4, file->rows);
        if (sqlite3_step (stmt) != SQLITE_DONE)
          {
            sqlite3_finalize (stmt);
            return db_error (self->handle, error, "import_file");
          }
        sqlite3_reset (stmt);
      }
    sqlite3_finalize (stmt);
  }
  {
    sqlite3_stmt *stmt = prepare (
        self->handle,
        "INSERT INTO main.rome_batch (batch_id, version, previous_batch_id, codes, appellations, "
        "competencies,"
        " macros, savoirs, links, links_savoir_faire, links_savoir_etre, links_savoir, codes_added,"
        " codes_removed, codes_retitled, competencies_added, competencies_removed)"
        " VALUES (?1, ?2, nullif (?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17)",
        error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, *batch);
    sqlite3_bind_text (stmt, 2, self->version, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, self->base_batch);
    sqlite3_bind_int (stmt, 4, d->counts.codes);
    sqlite3_bind_int (stmt, 5, d->counts.appellations);
    sqlite3_bind_int (stmt, 6, d->counts.competencies);
    sqlite3_bind_int (stmt, 7, d->counts.macros);
    sqlite3_bind_int (stmt, 8, d->counts.savoirs);
    sqlite3_bind_int (stmt, 9, d->counts.links);
    sqlite3_bind_int (stmt, 10, d->counts.links_savoir_faire);
    sqlite3_bind_int (stmt, 11, d->counts.links_savoir_etre);
    sqlite3_bind_int (stmt, 12, d->counts.links_savoir);
    sqlite3_bind_int (stmt, 13, d->codes_added->len);
    sqlite3_bind_int (stmt, 14, d->codes_removed->len);
    sqlite3_bind_int (stmt, 15, d->codes_retitled->len);
    sqlite3_bind_int (stmt, 16, d->competencies_added->len);
    sqlite3_bind_int (stmt, 17, d->competencies_removed->len);
    rc = sqlite3_step (stmt);
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      return db_error (self->handle, error, "rome_batch");
  }
  return TRUE;
}

/**
 * repere_rome_import_apply:
 * @import: a prepared import, not applied yet (applying twice is a programming error)
 * @progress: (nullable) (scope call): progress callback, 0 → 1
 * @user_data: data for @progress
 * @cancellable: (nullable): cancels the transaction (%G_IO_ERROR_CANCELLED)
 * @error: %REPERE_ROME_ERROR_CHANGED when the referential changed since
 *   repere_rome_import_prepare(), %REPERE_ROME_ERROR_DATABASE, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Installs the staged referential in one transaction: on any failure or a
 * cancel, the database is left exactly as it was. Records the batch (kind
 * 'rome', label "ROME vNNN", time, files with SHA-256 and rows), keeps the
 * replaced rows for repere_rome_rollback_last(), flags the competencies the
 * version drops (their ratings stay), rebuilds competency_search.
 *
 * Returns: the new batch id; 0 when the diff is identical (nothing is
 *   written, no batch recorded); -1 on error
 */
gint64
repere_rome_import_apply (RepereRomeImport *import, RepereRomeProgress progress, gpointer user_data,
                          GCancellable *cancellable, GError **error)
{
  RepereRomeImport *self = import;
  g_autofree char *finished = NULL;
  gint64 batch = 0, current = 0, cache_size = -2000, foreign_keys = 0;
  const char *phase = _ ("Applying the changes");
  g_autofree char *index_sql = NULL;
  RepereRomeCounts counts;

  g_return_val_if_fail (import != NULL && import->diff != NULL, -1);
  g_return_val_if_fail (!import->applied, -1);
  if (self->diff->identical)
    return 0;
  self->progress = progress;
  self->progress_data = user_data;
  self->reported = 0;
  self->reported_phase = NULL;
  self->cancellable = cancellable;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  report (self, 0.0, phase);
  /* The whole transaction's pages in the cache rather than spilled to the
   * WAL before the commit; restored afterwards. */
  if (!query_int64 (self->handle, "PRAGMA main.cache_size", -2000, &cache_size, error)
      || !query_int64 (self->handle, "PRAGMA foreign_keys", 0, &foreign_keys, error)
      || !exec (self->handle, "PRAGMA main.cache_size = -" G_STRINGIFY (APPLY_CACHE_KIB), error)
      || !exec (self->handle, "PRAGMA foreign_keys = OFF", error))
    return -1;
  if (!exec (self->handle, "BEGIN IMMEDIATE", error))
    {
      restore_settings (self->handle, cache_size, foreign_keys);
      return -1;
    }
  sqlite3_progress_handler (self->handle, 20000, on_sqlite_progress, self);
  if (!current_batch (self->handle, &current, error))
    goto fail;
  if (current != self->base_batch)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_CHANGED,
                   _ ("The ROME referential changed since the files were read; read them again"));
      goto fail;
    }
  if (!record_batch (self, &batch, error))
    goto fail;
  /* Into an empty table, building the competency index once at the end is
   * several times faster than updating it row by row. */
  if (self->diff->previous_counts.links == 0
      && !query_text (
          self->handle,
          "SELECT sql FROM main.sqlite_schema WHERE name = 'rome_competency_competency'",
          &index_sql, error))
    goto fail;
  if (index_sql && !exec (self->handle, "DROP INDEX main.rome_competency_competency", error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (apply_steps); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (i == G_N_ELEMENTS (apply_steps) - 1)
        {
          phase = _ ("Indexing the competency labels");
          if (index_sql && !exec (self->handle, index_sql, error))
            goto fail;
        }
      report (self, (double) i / G_N_ELEMENTS (apply_steps), phase);
      if (!exec_batch (self->handle, apply_steps[i], batch, error))
        goto fail;
    }
  /* Foreign keys are not enforced row by row here: every reference was
   * checked while staging and the tables now hold exactly the staged rows,
   * which the counts confirm. repere-cli check runs the full check. */
  if (!repere_rome_get_counts (self->db, &counts, error))
    goto fail;
  if (memcmp (&counts, &self->diff->counts, sizeof counts) != 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_DATABASE,
                   _ ("The imported referential does not have the size of the files (%u codes, %u "
                      "links instead of "
                      "%u, %u)"),
                   counts.codes, counts.links, self->diff->counts.codes, self->diff->counts.links);
      goto fail;
    }
  finished = now_iso8601 ();
  {
    sqlite3_stmt *stmt = prepare (
        self->handle, "UPDATE main.import_batch SET finished_at = ?2 WHERE id = ?1", error);
    int rc;
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, batch);
    sqlite3_bind_text (stmt, 2, finished, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      {
        db_error (self->handle, error, "import_batch");
        goto fail;
      }
  }
  report (self, 0.98, _ ("Saving"));
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !exec (self->handle, "COMMIT", error))
    goto fail;
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);
  restore_settings (self->handle, cache_size, foreign_keys);
  self->base_batch = batch;
  self->applied = TRUE;
  report (self, 1.0, _ ("Saving"));
  return batch;

fail:
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);
  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  restore_settings (self->handle, cache_size, foreign_keys);
  return -1;
}

static const char *const rollback_steps[] = {
  "DELETE FROM rome_competency WHERE batch_id = ?1",
  "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id)"
  " SELECT rome_code, competency_id, kind, core, batch_id FROM rome_competency_undo WHERE "
  "undo_batch_id = ?1",
  "DELETE FROM rome_competency_undo WHERE undo_batch_id = ?1",
  "DELETE FROM rome_appellation WHERE batch_id = ?1",
  "INSERT INTO rome_appellation (id, rome_code, label, short_label, rarely_used, batch_id)"
  " SELECT id, rome_code, label, short_label, rarely_used, batch_id FROM rome_appellation_undo"
  " WHERE undo_batch_id = ?1",
  "DELETE FROM rome_appellation_undo WHERE undo_batch_id = ?1",
  "DELETE FROM rome_code WHERE batch_id = ?1",
  "INSERT INTO rome_code (code, title, ogr, parent_code, batch_id)"
  " SELECT code, title, ogr, parent_code, batch_id FROM rome_code_undo WHERE undo_batch_id = ?1 "
  "ORDER BY code",
  "DELETE FROM rome_code_undo WHERE undo_batch_id = ?1",
  /* Competencies the batch brought: dropped again, except those rated since,
   * which stay flagged as removed. */
  "UPDATE competency SET removed_batch_id = ?1 WHERE batch_id = ?1 AND removed_batch_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM competency_undo u WHERE u.undo_batch_id = ?1 AND u.id = "
  "competency.id)"
  " AND EXISTS (SELECT 1 FROM rating r WHERE r.competency_id = CAST (competency.id AS TEXT))",
  "DELETE FROM competency WHERE batch_id = ?1 AND removed_batch_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM competency_undo u WHERE u.undo_batch_id = ?1 AND u.id = "
  "competency.id)",
  "INSERT OR REPLACE INTO competency (id, nature, label, definition, category, subcategory, "
  "macro_id, macro_code,"
  "                                   batch_id, removed_batch_id)"
  " SELECT id, nature, label, definition, category, subcategory, macro_id, macro_code, batch_id, "
  "removed_batch_id"
  "   FROM competency_undo WHERE undo_batch_id = ?1 ORDER BY id",
  "DELETE FROM competency_undo WHERE undo_batch_id = ?1",
  "INSERT INTO competency_search (competency_search) VALUES ('rebuild')",
};

/**
 * repere_rome_rollback_last:
 * @db: the database
 * @rolled_back: (out) (optional) (transfer full): the batch rolled back
 * @error: %REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK when no ROME import stands,
 *   %REPERE_ROME_ERROR_DATABASE
 *
 * Undoes the last ROME import that was not rolled back, in one transaction:
 * the referential and the removed flags become exactly what they were
 * before it (empty for the first import). A competency that only this import
 * brought is deleted again, unless a rating uses it: it then stays, flagged
 * as removed. The batch stays in the history, marked rolled back; calling
 * again rolls back the import before.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_rome_rollback_last (RepereDb *db, RepereRomeBatch **rolled_back, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autofree char *now = now_iso8601 ();
  gint64 batch = 0;

  if (!exec (handle, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!current_batch (handle, &batch, error))
    goto fail;
  if (batch == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_NOTHING_TO_ROLL_BACK,
                   _ ("There is no ROME import to roll back"));
      goto fail;
    }
  if (!exec (handle, "PRAGMA defer_foreign_keys = ON", error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (rollback_steps); i++)
    if (!exec_batch (handle, rollback_steps[i], batch, error))
      goto fail;
  {
    sqlite3_stmt *stmt
        = prepare (handle, "UPDATE rome_batch SET rolled_back_at = ?2 WHERE batch_id = ?1", error);
    int rc;
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, batch);
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      {
        db_error (handle, error, "rome_batch");
        goto fail;
      }
  }
  if (!exec (handle, "COMMIT", error))
    goto fail;
  if (rolled_back)
    {
      g_autoptr (GPtrArray) history = repere_rome_list_history (db, NULL);
      *rolled_back = NULL;
      for (guint i = 0; history && i < history->len; i++)
        {
          RepereRomeBatch *b = g_ptr_array_index (history, i);
          if (b->batch_id == batch)
            *rolled_back = g_ptr_array_steal_index (history, i);
        }
    }
  return TRUE;

fail:
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * repere_rome_list_history:
 * @db: the database
 * @error: %REPERE_ROME_ERROR_DATABASE
 *
 * Returns: (transfer full) (element-type RepereRomeBatch): every ROME import,
 *   newest first, with its files
 */
GPtrArray *
repere_rome_list_history (RepereDb *db, GError **error)
{
  static const char sql[]
      = "SELECT b.id, b.label, r.version, b.started_at, b.finished_at, r.rolled_back_at,"
        " r.codes, r.appellations, r.competencies, r.macros, r.savoirs, r.links, "
        "r.links_savoir_faire,"
        " r.links_savoir_etre, r.links_savoir, r.codes_added, r.codes_removed, r.codes_retitled,"
        " r.competencies_added, r.competencies_removed"
        " FROM rome_batch r JOIN import_batch b ON b.id = r.batch_id ORDER BY b.id DESC";
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) history
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_batch_free);
  sqlite3_stmt *stmt = prepare (handle, sql, error);
  sqlite3_stmt *files = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if ((files = prepare (
           handle, "SELECT name, sha256, rows FROM import_file WHERE batch_id = ?1 ORDER BY name",
           error))
      == NULL)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereRomeBatch *batch = g_new0 (RepereRomeBatch, 1);
      batch->batch_id = sqlite3_column_int64 (stmt, 0);
      batch->label = column_dup (stmt, 1);
      batch->version = column_dup (stmt, 2);
      batch->started_at = column_dup (stmt, 3);
      batch->finished_at = column_dup (stmt, 4);
      batch->rolled_back_at = column_dup (stmt, 5);
      batch->counts.codes = sqlite3_column_int (stmt, 6);
      batch->counts.appellations = sqlite3_column_int (stmt, 7);
      batch->counts.competencies = sqlite3_column_int (stmt, 8);
      batch->counts.macros = sqlite3_column_int (stmt, 9);
      batch->counts.savoirs = sqlite3_column_int (stmt, 10);
      batch->counts.links = sqlite3_column_int (stmt, 11);
      batch->counts.links_savoir_faire = sqlite3_column_int (stmt, 12);
      batch->counts.links_savoir_etre = sqlite3_column_int (stmt, 13);
      batch->counts.links_savoir = sqlite3_column_int (stmt, 14);
      batch->codes_added = sqlite3_column_int (stmt, 15);
      batch->codes_removed = sqlite3_column_int (stmt, 16);
      batch->codes_retitled = sqlite3_column_int (stmt, 17);
      batch->competencies_added = sqlite3_column_int (stmt, 18);
      batch->competencies_removed = sqlite3_column_int (stmt, 19);
      batch->files = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_file_free);
      sqlite3_bind_int64 (files, 1, batch->batch_id);
      while (sqlite3_step (files) == SQLITE_ROW)
        {
          RepereRomeFile *file = g_new0 (RepereRomeFile, 1);
          file->name = column_dup (files, 0);
          file->sha256 = column_dup (files, 1);
          file->rows = sqlite3_column_int64 (files, 2);
          g_ptr_array_add (batch->files, file);
        }
      sqlite3_reset (files);
      g_ptr_array_add (history, batch);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (files);
  if (rc != SQLITE_DONE)
    {
      db_error (handle, error, sql);
      return NULL;
    }
  return g_steal_pointer (&history);
}

/**
 * repere_rome_check:
 * @db: the database
 * @problems: (element-type utf8): where to append a sentence per problem found
 * @error: %REPERE_ROME_ERROR_DATABASE when a check cannot run
 *
 * Consistency of the ROME tables beyond SQLite's own checks: the label index
 * matches the competencies (FTS5 integrity-check), the current referential
 * has the sizes its import recorded, links name current competencies of the
 * matching nature, and no undo rows remain for a rolled-back import.
 *
 * Returns: %TRUE when the checks ran (whether or not they found problems)
 */
gboolean
repere_rome_check (RepereDb *db, GPtrArray *problems, GError **error)
{
  static const struct
  {
    const char *sql; /* returns a count of faulty rows */
    const char *message;
  } checks[] = {
    { "SELECT count(*) FROM rome_competency l JOIN competency c ON c.id = l.competency_id"
      " WHERE c.removed_batch_id IS NOT NULL",
      N_ ("ROME: %" PRId64 " links name a removed competency") },
    { "SELECT count(*) FROM rome_competency l JOIN competency c ON c.id = l.competency_id"
      " WHERE (l.kind = 'savoir') <> (c.nature = 'savoir')",
      N_ ("ROME: %" PRId64 " links whose kind does not match the competency’s nature") },
    { "SELECT (SELECT count(*) FROM rome_code_undo) + (SELECT count(*) FROM rome_appellation_undo)"
      " + (SELECT count(*) FROM competency_undo) + (SELECT count(*) FROM rome_competency_undo)"
      " - (SELECT count(*) FROM rome_code_undo u JOIN rome_batch b ON b.batch_id = u.undo_batch_id"
      "     AND b.rolled_back_at IS NULL)"
      " - (SELECT count(*) FROM rome_appellation_undo u JOIN rome_batch b ON b.batch_id = "
      "u.undo_batch_id"
      "     AND b.rolled_back_at IS NULL)"
      " - (SELECT count(*) FROM competency_undo u JOIN rome_batch b ON b.batch_id = u.undo_batch_id"
      "     AND b.rolled_back_at IS NULL)"
      " - (SELECT count(*) FROM rome_competency_undo u JOIN rome_batch b ON b.batch_id = "
      "u.undo_batch_id"
      "     AND b.rolled_back_at IS NULL)",
      N_ ("ROME: %" PRId64 " undo rows belong to no standing import") },
  };
  sqlite3 *handle = repere_db_get_handle (db);
  RepereRomeCounts counts, recorded = { 0 };
  g_autofree char *version = NULL;
  GError *local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 n;
      if (!query_int64 (handle, checks[i].sql, 0, &n, error))
        return FALSE;
      if (n != 0)
        g_ptr_array_add (problems, g_strdup_printf (_ (checks[i].message), n));
    }

  if (sqlite3_exec (handle,
                    "INSERT INTO competency_search (competency_search) VALUES ('integrity-check')",
                    NULL, NULL, NULL)
      != SQLITE_OK)
    g_ptr_array_add (problems,
                     g_strdup_printf (_ ("ROME: the competency label index does not match the "
                                         "competencies (%s)"),
                                      sqlite3_errmsg (handle)));

  if (!repere_rome_get_counts (db, &counts, error))
    return FALSE;
  version = repere_rome_get_current_version (db, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (version)
    {
      sqlite3_stmt *stmt
          = prepare (handle,
                     "SELECT codes, appellations, competencies, macros, savoirs, links,"
                     " links_savoir_faire, links_savoir_etre, links_savoir FROM rome_batch"
                     " WHERE rolled_back_at IS NULL ORDER BY batch_id DESC LIMIT 1",
                     error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          recorded.codes = sqlite3_column_int (stmt, 0);
          recorded.appellations = sqlite3_column_int (stmt, 1);
          recorded.competencies = sqlite3_column_int (stmt, 2);
          recorded.macros = sqlite3_column_int (stmt, 3);
          recorded.savoirs = sqlite3_column_int (stmt, 4);
          recorded.links = sqlite3_column_int (stmt, 5);
          recorded.links_savoir_faire = sqlite3_column_int (stmt, 6);
          recorded.links_savoir_etre = sqlite3_column_int (stmt, 7);
          recorded.links_savoir = sqlite3_column_int (stmt, 8);
        }
      sqlite3_finalize (stmt);
    }
  if (memcmp (&counts, &recorded, sizeof counts) != 0)
    g_ptr_array_add (
        problems,
        g_strdup_printf (
            _ ("ROME: the referential has %u codes, %u competencies and %u links where its "
               "import (%s) recorded %u, %u and %u"),
            counts.codes, counts.competencies, counts.links, version ? version : _ ("none"),
            recorded.codes, recorded.competencies, recorded.links));
  return TRUE;
}
