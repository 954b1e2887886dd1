/* repere-db.c: the Repère database (one SQLite connection per process)
 *
 * Opens the file, applies the numbered migrations of schema/ (compiled in as
 * a GResource) and, on first start, builds the study's referential from the
 * bundled CSV files of data/study/ through the same import code as user files.
 * Programs linked with the database template (the application and
 * repere-cli) copy a new file from it instead: the template is that same
 * first start, run at build time (app/repere-make-template.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-db.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "repere-csv.h"
#include "repere-data-resources.h"
#include "repere-mapping.h"
#include "repere-rome-bundle.h"
#include "repere-rome-import.h"
#include "repere-score.h"
#include "repere-table-import.h"
#include "repere-text.h"

#define RESOURCE_PREFIX "/org/observatoire_assistance/Repere/"

struct _RepereDb
{
  GObject parent_instance;
  sqlite3 *handle;
  char *path;
  gboolean from_template; /* a new file, copied from the template */
};

G_DEFINE_TYPE (RepereDb, repere_db, G_TYPE_OBJECT)
G_DEFINE_QUARK (repere-db-error-quark, repere_db_error)

/* Study tables in the order their foreign keys need (data/study/TABLE.csv),
 * with the schema version that introduced each. */
static const struct
{
  const char *table;
  int since;
} study_tables[] = {
  { "family", 1 },
  { "family_alias", 1 },
  { "job", 1 },
  { "job_alias", 1 },
  { "exposure_level", 1 },
  { "classification", 1 },
  { "assessment", 1 },
  { "published_result", 1 },
  { "figure_classification", 1 },
  { "figure_class_share", 1 },
  { "level_count", 1 },
  { "use_case", 1 },
  { "job_use_case", 1 },
  { "use_case_comment", 1 },
  { "transverse_use_case", 1 },
  { "top_competency", 1 },
  { "recommendation_axis", 1 },
  { "recommendation", 1 },
  { "recommendation_illustration", 1 },
  { "priority_action", 1 },
  { "classification_threshold", 3 },
  { "emergent_job", 3 },
  { "study_passage", 6 },
  { "study_figure", 6 },
  { "survey_question", 6 },
  { "survey_option", 6 },
  { "survey_recommendation", 6 },
  { "fiche_note", 6 },
  { "job_future_role", 6 },
  { "glossary_term", 6 },
  { "bibliography_entry", 6 },
  { "exposure_activity", 6 },
  { "implementation_step", 6 },
  { "classification_guidance", 6 },
  { "figure_evolution", 6 },
  { "prose_claim", 6 },
  { "prose_claim_job", 6 },
  { "training_guidance", 9 },
};

static void
repere_db_finalize (GObject *object)
{
  RepereDb *self = REPERE_DB (object);

  if (self->handle)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);
  G_OBJECT_CLASS (repere_db_parent_class)->finalize (object);
}

static void
repere_db_class_init (RepereDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = repere_db_finalize;
}

static void
repere_db_init (RepereDb *self)
{
}

/* The database file of @handle, "" for a temporary one. */
static const char *
handle_path (sqlite3 *handle)
{
  const char *path = handle ? sqlite3_db_filename (handle, "main") : NULL;
  return path ? path : "";
}

/* @path's folder cannot be written (where SQLite puts its journal). */
static gboolean
folder_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return g_access (dir, W_OK) != 0 && errno != ENOENT;
}

static void
set_damaged (GError **error, const char *path, const char *detail)
{
  g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_DAMAGED,
               _("The database file %s is damaged (%s). Put back a copy of it saved before, or "
                 "rename it and start Repère again: Repère then creates a new database with the "
                 "study’s data, without the assessments, ratings and imports made in the damaged one"),
               path, detail);
}

static void
set_read_only (GError **error, const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (folder_read_only (path))
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_FILE_READ_ONLY,
                 _("The folder %s is read-only: Repère writes its journal beside the database %s. "
                   "Make the folder writable, or move the database to a folder you can write to"),
                 dir, path);
  else
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_FILE_READ_ONLY,
                 _("The database %s is read-only: make the file writable, or copy it to a "
                   "folder you can write to"),
                 path);
}

/**
 * repere_sql_set_error:
 * @handle: the connection whose last call failed
 * @error: (out) (optional): where to put the error
 * @domain: @code: the error to set when the file itself is sound
 * @sql: (nullable): the statement that failed: logged with g_debug() only,
 *   never put in a message users see
 *
 * Sets @error from SQLite's last error on @handle: when SQLite found the
 * file damaged (SQLITE_CORRUPT, SQLITE_NOTADB), %REPERE_DB_ERROR_DAMAGED
 * naming the file and saying what to do (put back a copy saved before, or
 * rename it: Repère then creates a new database); when it cannot write
 * it (SQLITE_READONLY), %REPERE_DB_ERROR_FILE_READ_ONLY naming the file or
 * its folder; otherwise @domain and @code with SQLite's message.
 *
 * Returns: %FALSE
 */
gboolean
repere_sql_set_error (sqlite3 *handle, GError **error, GQuark domain, int code, const char *sql)
{
  int rc = handle ? sqlite3_extended_errcode (handle) & 0xff : SQLITE_NOMEM;
  const char *message = handle ? sqlite3_errmsg (handle) : "out of memory";

  g_debug ("SQLite: %s%s%s", sql ? sql : "", sql ? ": " : "", message);
  /* SQLite's generic text: its message may quote the damaged bytes. */
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    set_damaged (error, handle_path (handle), sqlite3_errstr (rc));
  else if (rc == SQLITE_READONLY)
    set_read_only (error, handle_path (handle));
  else
    g_set_error_literal (error, domain, code, message);
  return FALSE;
}

static gboolean
set_sqlite_error (RepereDb *self, GError **error, int code, const char *what)
{
  return repere_sql_set_error (self->handle, error, REPERE_DB_ERROR, code, what);
}

/* Set when SQLite reports a damaged page anywhere in the process, even in
 * a statement whose caller saw only fewer rows (SQLITE_CONFIG_LOG). */
static gint damage_seen;

static void
sqlite_log (void *data, int code, const char *message)
{
  if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    g_atomic_int_set (&damage_seen, 1);
  g_debug ("SQLite (%d): %s", code, message);
}

/**
 * repere_db_damage_seen:
 * @error: (out) (optional): %REPERE_DB_ERROR_DAMAGED, naming the file and
 *   saying what to do, when SQLite found a damaged page
 *
 * Whether SQLite met a damaged page of @self's file since the process
 * started, in any statement: a loop over rows that stops on a damaged page
 * looks like a shorter list to its caller; this tells it was not.
 *
 * Returns: %TRUE (and sets @error) when SQLite reported damage
 */
gboolean
repere_db_damage_seen (RepereDb *self, GError **error)
{
  if (!g_atomic_int_get (&damage_seen))
    return FALSE;
  set_damaged (error, self->path, sqlite3_errstr (SQLITE_CORRUPT));
  return TRUE;
}

/**
 * repere_db_explain_failure:
 * @error: (inout): the error a command on @self ended with
 *
 * When a command fails, tells whether the reason is the file: a quick check
 * of the database (PRAGMA quick_check, about 0.1 s for 16 MB) that finds it
 * damaged replaces *@error by one %REPERE_DB_ERROR_DAMAGED naming the file
 * and saying what to do. An error that is already about the
 * file, or a sound file, leaves *@error as it is.
 */
void
repere_db_explain_failure (RepereDb *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  if (error == NULL || *error == NULL
      || g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_DAMAGED)
      || g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_FILE_READ_ONLY))
    return;
  if (g_atomic_int_get (&damage_seen))
    {
      g_debug ("%s: %s", self->path, (*error)->message);
      g_clear_error (error);
      repere_db_damage_seen (self, error);
      return;
    }
  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_ROW && ((sqlite3_extended_errcode (self->handle) & 0xff) == SQLITE_CORRUPT
                                || (sqlite3_extended_errcode (self->handle) & 0xff) == SQLITE_NOTADB))
    problem = g_strdup (sqlite3_errstr (SQLITE_CORRUPT));
  sqlite3_finalize (stmt);
  if (problem == NULL)
    return;
  g_debug ("%s: %s; quick_check: %s", self->path, (*error)->message, problem);
  g_clear_error (error);
  set_damaged (error, self->path, _("database disk image is malformed"));
}

/**
 * repere_sql_exec:
 * @handle: an open connection
 * @sql: one or more SQL statements, no parameters
 * @error: %REPERE_DB_ERROR_QUERY with SQLite's message when a statement fails
 *
 * Runs @sql with sqlite3_exec(); the statements before the failing one
 * stay applied, so callers that need all or nothing hold a transaction.
 *
 * Returns: %TRUE when every statement succeeded
 */
gboolean
repere_sql_exec (sqlite3 *handle, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      sqlite3_free (message);
      return repere_sql_set_error (handle, error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, sql);
    }
  return TRUE;
}

/**
 * repere_sql_failed:
 * @handle: the connection whose last call failed
 * @error: set to %REPERE_DB_ERROR_QUERY with sqlite3_errmsg()
 *
 * Returns: %FALSE, so that `return repere_sql_failed (handle, error);` ends
 *   a fallible function
 */
gboolean
repere_sql_failed (sqlite3 *handle, GError **error)
{
  return repere_sql_set_error (handle, error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY, NULL);
}

static gboolean
exec (RepereDb *self, const char *sql, GError **error)
{
  return repere_sql_exec (self->handle, sql, error);
}

static sqlite3_stmt *
prepare (RepereDb *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, REPERE_DB_ERROR_QUERY, sql);
      return NULL;
    }
  return stmt;
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

static char *
column_dup_nullable (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL : column_dup (stmt, column);
}

static void
sql_fold (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  g_autofree char *folded = repere_text_fold ((const char *) sqlite3_value_text (argv[0]));
  sqlite3_result_text (context, folded, -1, SQLITE_TRANSIENT);
}

/* Collation "repere": accents and case ignored first, then exact order. */
static int
sql_collate (void *data, int len_a, const void *a, int len_b, const void *b)
{
  g_autofree char *sa = g_strndup (a, len_a);
  g_autofree char *sb = g_strndup (b, len_b);
  g_autofree char *fa = repere_text_fold (sa);
  g_autofree char *fb = repere_text_fold (sb);
  int order = g_utf8_collate (fa, fb);

  return order != 0 ? order : strcmp (sa, sb);
}

/**
 * repere_db_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/repere/repere.db
 */
char *
repere_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "repere", "repere.db", NULL);
}

static GBytes *
lookup_resource (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static gboolean
apply_migration (RepereDb *self, int version, GError **error)
{
  g_auto (GStrv) names = g_resources_enumerate_children (RESOURCE_PREFIX "schema", 0, error);
  g_autofree char *prefix = g_strdup_printf ("%03d-", version);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    if (g_str_has_prefix (names[i], prefix))
      {
        g_autofree char *name = g_strconcat ("schema/", names[i], NULL);
        g_autoptr (GBytes) sql = lookup_resource (name, error);
        g_autofree char *text = NULL;

        if (sql == NULL)
          return FALSE;
        text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
        if (!exec (self, text, error))
          {
            g_prefix_error (error, "%s: ", name);
            return FALSE;
          }
        return TRUE;
      }
  g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_MIGRATE, _("Migration %d is missing"), version);
  return FALSE;
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

/* Rebuilds the full-text index from the job, alias and use-case tables. */
static gboolean
refresh_search (RepereDb *self, GError **error)
{
  return exec (self,
               "DELETE FROM job_search;"
               "INSERT INTO job_search (job_id, name, aliases, family, texts, use_cases)"
               " SELECT j.id, j.name,"
               "  (SELECT group_concat (alias, ' ; ') FROM job_alias WHERE job_id = j.id),"
               "  f.code || ' ' || f.name,"
               "  j.description || ' ' || j.short_term || ' ' || j.scenario_5y,"
               "  (SELECT group_concat (u.title || ' ' || u.body, ' ; ')"
               "     FROM job_use_case ju JOIN use_case u ON u.id = ju.use_case_id"
               "    WHERE ju.job_id = j.id)"
               "  || ' ' || coalesce ((SELECT group_concat (text, ' ; ') FROM use_case_comment"
               "     WHERE job_id = j.id), '')"
               " FROM job j JOIN family f ON f.code = j.family_code;",
               error);
}

/* Loads the data/study CSV files of the tables that migrations after
 * @from_version introduced (all of them for a new file); the caller holds the
 * transaction. */
static gboolean
load_study (RepereDb *self, int from_version, GError **error)
{
  g_autofree char *started = now_iso8601 ();
  g_autofree char *finished = NULL;
  g_autofree char *sql = NULL;
  sqlite3_int64 batch;

  sql = repere_sql_printf ("INSERT INTO import_batch (kind, label, started_at, note) VALUES"
                         " ('study', %Q, %Q, %Q)",
                         "Impacts de l'IA générative pour les métiers de l'assistance (2024-2025)",
                         started, "Observatoire des métiers de l'assistance, PwC");
  if (!exec (self, sql, error))
    return FALSE;
  batch = sqlite3_last_insert_rowid (self->handle);

  for (guint i = 0; i < G_N_ELEMENTS (study_tables); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (RepereCsvReader) reader = NULL;
      g_autofree char *file_sql = NULL;
      guint64 rows = 0;

      if (study_tables[i].since <= from_version)
        continue;
      name = g_strdup_printf ("data/study/%s.csv", study_tables[i].table);
      if ((bytes = lookup_resource (name, error)) == NULL)
        return FALSE;
      reader = repere_csv_reader_new_for_bytes (bytes, name, REPERE_CSV_ENCODING_UTF8);
      if (!repere_table_import (self->handle, study_tables[i].table, reader, &rows, error))
        return FALSE;
      file_sql = repere_sql_printf ("INSERT INTO import_file (batch_id, name, sha256, rows)"
                                  " VALUES (%lld, %Q, %Q, %llu)",
                                  (long long) batch, name,
                                  repere_csv_reader_get_sha256 (reader), (unsigned long long) rows);
      if (!exec (self, file_sql, error))
        return FALSE;
    }
  /* The bundled job ↔ ROME mapping (docs/rome-mapping.md), from schema 4 on:
   * its own import batch, of kind 'mapping'. */
  if (from_version < 4)
    {
      g_autoptr (GBytes) bytes = lookup_resource (REPERE_MAPPING_RESOURCE, error);
      g_autoptr (RepereCsvReader) reader = NULL;

      if (bytes == NULL)
        return FALSE;
      reader = repere_csv_reader_new_for_bytes (bytes, REPERE_MAPPING_RESOURCE, REPERE_CSV_ENCODING_UTF8);
      if (!repere_mapping_import_reader (self, reader, "Job ↔ ROME mapping (bundled)", NULL, error))
        return FALSE;
    }

  /* The ROME competencies of the top 10 of 3.3 (issue 9), from schema 5 on. */
  if (from_version < 5 && !repere_rome_top_competencies_load (self->handle, error))
    return FALSE;

  finished = now_iso8601 ();
  g_clear_pointer (&sql, g_free);
  sql = repere_sql_printf ("UPDATE import_batch SET finished_at = %Q WHERE id = %lld", finished,
                         (long long) batch);
  if (!exec (self, sql, error))
    return FALSE;
  return refresh_search (self, error);
}

static int
query_int (RepereDb *self, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
migrate (RepereDb *self, GError **error)
{
  g_autofree char *set_version = NULL;
  gint64 started;
  int version;

  if (query_int (self, "PRAGMA user_version") == REPERE_DB_SCHEMA_VERSION)
    return TRUE;

  /* Read the version again inside the write transaction, so that two
   * processes opening a new file at once do not both migrate it. */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  version = query_int (self, "PRAGMA user_version");
  if (version > REPERE_DB_SCHEMA_VERSION)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Repère (schema %d; this version knows %d)"),
                   self->path, version, REPERE_DB_SCHEMA_VERSION);
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (version == REPERE_DB_SCHEMA_VERSION)
    return exec (self, "COMMIT", error);
  if (version == 0 && query_int (self, "SELECT count(*) FROM sqlite_schema") > 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN,
                   _("%s is an SQLite file but not a Repère database"), self->path);
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  started = g_get_monotonic_time ();
  for (int v = version + 1; v <= REPERE_DB_SCHEMA_VERSION; v++)
    if (!apply_migration (self, v, error))
      goto fail;
  g_debug ("%s: migrations %d to %d: %.1f ms", self->path, version + 1, REPERE_DB_SCHEMA_VERSION,
           (g_get_monotonic_time () - started) / 1e3);
  started = g_get_monotonic_time ();
  if (!load_study (self, version, error))
    goto fail;
  g_debug ("%s: study loaded: %.1f ms", self->path, (g_get_monotonic_time () - started) / 1e3);
  started = g_get_monotonic_time ();
  if (!repere_score_recompute_all (self, error))
    goto fail;
  g_debug ("%s: scores: %.1f ms", self->path, (g_get_monotonic_time () - started) / 1e3);
  started = g_get_monotonic_time ();
  set_version = g_strdup_printf ("PRAGMA user_version = %d", REPERE_DB_SCHEMA_VERSION);
  if (!exec (self, set_version, error) || !exec (self, "COMMIT", error))
    goto fail;
  g_debug ("%s: committed: %.1f ms", self->path, (g_get_monotonic_time () - started) / 1e3);
  return TRUE;

fail:
  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  if (!g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_DAMAGED)
      && !g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_FILE_READ_ONLY))
    g_prefix_error (error, _("Cannot prepare the database %s: "), self->path);
  return FALSE;
}

/* Issue 9: a new file from the template, the database a first start builds,
 * made at build time by this same code (app/repere-make-template.c): its
 * import batches dated now, written beside @path and linked to it only if
 * @path still does not exist, so that a process opening the same new file at
 * the same time never sees it half written. Sets *@used when @path now
 * holds the template; leaves it unset, without error, when the program has
 * no template or the folder cannot hold a hard link (the caller then builds
 * the file). */
static gboolean
copy_template (const char *path, gboolean *used, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (REPERE_DB_TEMPLATE_RESOURCE, 0, NULL);
  g_autofree unsigned char *data = NULL;
  g_autofree char *now = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *temp = NULL;
  sqlite3 *memory = NULL;
  const unsigned char *contents;
  sqlite3_int64 size = 0;
  gsize length = 0, written = 0;
  int fd = -1, saved = 0;

  *used = FALSE;
  if (bytes == NULL)
    return TRUE;
  /* A copy of the template in memory (stored uncompressed in the program,
   * 1.1 MB: the whole copy takes about 11 ms, 15 when it was inflated), its
   * batches dated now.
   * The dates change the rows by a few bytes, in a buffer of fixed size: if
   * a page had to be added, SQLite would refuse and the file be built. */
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &length);
  if (sqlite3_open (":memory:", &memory) != SQLITE_OK
      || sqlite3_deserialize (memory, "main", data, length, length, 0) != SQLITE_OK)
    goto fallback;
  now = now_iso8601 ();
  sql = repere_sql_printf ("UPDATE import_batch SET started_at = %Q, finished_at = %Q", now, now);
  if (!repere_sql_exec (memory, sql, NULL)
      || (contents = sqlite3_serialize (memory, "main", &size, SQLITE_SERIALIZE_NOCOPY)) == NULL)
    goto fallback;

  temp = g_strconcat (path, ".new-XXXXXX", NULL);
  if ((fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600)) < 0)
    {
      saved = errno;
      goto failed;
    }
  while (written < (gsize) size)
    {
      gssize n = write (fd, contents + written, size - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          goto failed;
        }
      written += n;
    }
  sqlite3_close (memory);
  memory = NULL;
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved = errno;
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (link (temp, path) == 0)
    *used = TRUE;
  else if (errno != EEXIST)
    g_debug ("%s: no hard link (%s): the database is built", path, g_strerror (errno));
  /* EEXIST: another process made the file meanwhile; it is opened as is. */
  g_unlink (temp);
  return TRUE;

failed:
  sqlite3_close (memory);
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN, _("Cannot create %s: %s"), path, g_strerror (saved));
  return FALSE;

fallback:
  /* Not expected (out of memory); the file is built as without a template. */
  g_debug ("database template unusable: %s", memory ? sqlite3_errmsg (memory) : "out of memory");
  sqlite3_close (memory);
  return TRUE;
}

/* The file's name before a message that does not say it already. */
static void
prefix_path (RepereDb *self, GError **error)
{
  if (!g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_DAMAGED)
      && !g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_FILE_READ_ONLY))
    g_prefix_error (error, "%s: ", self->path);
}

/**
 * repere_db_open:
 * @path: (nullable): database file; %NULL for repere_db_default_path(). The
 *   folder is created when missing.
 * @error: #RepereDbError: %REPERE_DB_ERROR_OPEN (cannot open, not a Repère
 *   file), %REPERE_DB_ERROR_DAMAGED (a damaged file, named, with the advice
 *   to put back a saved copy), %REPERE_DB_ERROR_FILE_READ_ONLY (the file or
 *   its folder cannot be written), %REPERE_DB_ERROR_TOO_NEW,
 *   %REPERE_DB_ERROR_MIGRATE or an import error of the study bundle (the
 *   file is then left as it was)
 *
 * Opens the database with foreign keys on, applies the missing migrations and,
 * on first start, loads the study bundle in the same transaction.
 *
 * Returns: (transfer full) (nullable): the database
 */
RepereDb *
repere_db_open (const char *path, GError **error)
{
  return repere_db_open_full (path, REPERE_DB_OPEN_DEFAULT, error);
}

/**
 * repere_db_is_from_template:
 *
 * Returns: %TRUE when this opening made the file from the database template
 *   (repere_db_open_full())
 */
gboolean
repere_db_is_from_template (RepereDb *self)
{
  return self->from_template;
}

/**
 * repere_db_open_full:
 * @path: (nullable): as repere_db_open()
 * @flags: #RepereDbOpenFlags: whether a new file may come from the template
 * @error: as repere_db_open(), and %REPERE_DB_ERROR_OPEN when a new file
 *   cannot be written from the template (its folder full, for instance)
 *
 * repere_db_open(), where a file that does not exist yet is, in a program
 * linked with the database template and unless @flags say
 * %REPERE_DB_OPEN_NO_TEMPLATE, a copy of the template: the database that
 * the migrations and the study load build on a first start, made at build
 * time by this same code (app/repere-make-template.c), its import batches
 * dated at the copy. A new database then takes about 15 ms instead of about
 * 60 (issue 9: the first frame on a new database; G_MESSAGES_DEBUG=Repere
 * logs it).
 *
 * Returns: (transfer full) (nullable): the database
 */
RepereDb *
repere_db_open_full (const char *path, RepereDbOpenFlags flags, GError **error)
{
  g_autoptr (RepereDb) self = g_object_new (REPERE_TYPE_DB, NULL);
  g_autofree char *dir = NULL;

  /* Before SQLite's first use in the process: its log says when it meets
   * a damaged page (repere_db_damage_seen()). Refused, harmlessly, when
   * SQLite is already in use. */
  {
    static gsize logging = 0;
    if (g_once_init_enter (&logging))
      {
        sqlite3_config (SQLITE_CONFIG_LOG, sqlite_log, NULL);
        g_once_init_leave (&logging, 1);
      }
  }
  /* Referencing the bundle links it in; its constructor registers it. */
  (void) repere_data_get_resource ();
  if (path != NULL && !repere_db_check_path (path, error))
    return NULL;
  self->path = path ? g_strdup (path) : repere_db_default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN, _("Cannot create %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  /* A read-only file or folder is said as such, before SQLite's "unable to
   * open" or "not a database". */
  if ((g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (self->path, W_OK) != 0)
      || folder_read_only (self->path))
    {
      set_read_only (error, self->path);
      return NULL;
    }
  if (!(flags & REPERE_DB_OPEN_NO_TEMPLATE) && !g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      gint64 started = g_get_monotonic_time ();
      if (!copy_template (self->path, &self->from_template, error))
        return NULL;
      if (self->from_template)
        g_debug ("%s: copied from the template: %.1f ms", self->path, (g_get_monotonic_time () - started) / 1e3);
    }
  if (sqlite3_open_v2 (self->path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN, _("Cannot open %s: %s"), self->path,
                   self->handle ? sqlite3_errmsg (self->handle) : "out of memory");
      return NULL;
    }
  if (sqlite3_db_readonly (self->handle, "main") == 1)
    {
      set_read_only (error, self->path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, 5000);
  sqlite3_create_function (self->handle, "repere_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_fold, NULL, NULL);
  sqlite3_create_collation (self->handle, "repere", SQLITE_UTF8, NULL, sql_collate);
  if (query_int (self, "PRAGMA schema_version") < 0)
    {
      int rc = sqlite3_extended_errcode (self->handle) & 0xff;
      /* Not a database at all, or one whose header is damaged: SQLite
       * cannot tell them apart. */
      if (rc == SQLITE_NOTADB)
        g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN,
                     _("%s is not a Repère database, or its first page is damaged (%s). If it is "
                       "your Repère database, put back a copy of it saved before, or rename it and "
                       "start Repère again: Repère then creates a new database with the study’s "
                       "data, without the assessments, ratings and imports made in the damaged one"),
                     self->path, sqlite3_errstr (rc));
      else if (rc == SQLITE_CORRUPT)
        set_damaged (error, self->path, sqlite3_errstr (rc));
      else if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN)
        set_read_only (error, self->path);
      else
        g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN, _("%s is not a database: %s"),
                     self->path, sqlite3_errmsg (self->handle));
      return NULL;
    }
  if (!exec (self, "PRAGMA foreign_keys = ON", error))
    {
      prefix_path (self, error);
      return NULL;
    }
  if (!migrate (self, error))
    return NULL;
  /* Only now that the file is known to be ours: WAL changes its header. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error))
    {
      prefix_path (self, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * repere_db_get_handle:
 *
 * Returns: (transfer none): the connection, for app/ and import/ code only
 */
sqlite3 *
repere_db_get_handle (RepereDb *self)
{
  return self->handle;
}

/**
 * repere_db_get_path:
 *
 * Returns: (transfer none): the database file
 */
const char *
repere_db_get_path (RepereDb *self)
{
  return self->path;
}

int
repere_db_get_schema_version (RepereDb *self)
{
  return query_int (self, "PRAGMA user_version");
}

/**
 * repere_db_check:
 * @error: %REPERE_DB_ERROR_QUERY when the checks cannot run
 *
 * Runs PRAGMA integrity_check and PRAGMA foreign_key_check, then the checks
 * of the ROME tables (repere_rome_check()).
 *
 * Returns: (transfer full) (element-type utf8): the problems found, empty when
 *   the database is sound
 */
GPtrArray *
repere_db_check (RepereDb *self, GError **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if ((stmt = prepare (self, "PRAGMA integrity_check", error)) == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
      g_ptr_array_add (problems, g_strdup_printf ("integrity: %s", sqlite3_column_text (stmt, 0)));
  if (sqlite3_finalize (stmt) != SQLITE_OK)
    return (set_sqlite_error (self, error, REPERE_DB_ERROR_QUERY, "PRAGMA integrity_check"), NULL);
  /* A damaged file: the checks below would stop on its broken pages. */
  if (problems->len > 0)
    return g_steal_pointer (&problems);

  if ((stmt = prepare (self, "PRAGMA foreign_key_check", error)) == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("foreign key: row %lld of %s refers to a missing row of %s"),
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);

  if (!repere_rome_check (self, problems, error))
    return NULL;
  return g_steal_pointer (&problems);
}

/**
 * repere_sort_column_parse:
 * @text: "rank", "job", "family", "core", "score", "classification" or
 *   "relevance"
 * @column: (out): the column
 *
 * Returns: %TRUE when @text names a column
 */
gboolean
repere_sort_column_parse (const char *text, RepereSortColumn *column)
{
  static const char *const names[] = { "rank", "job", "family", "core", "score", "classification", "relevance" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *column = (RepereSortColumn) i;
        return TRUE;
      }
  return FALSE;
}

void
repere_ref_free (RepereRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->id);
  g_free (ref->name);
  g_free (ref->description);
  g_free (ref->extra);
  g_free (ref->colour);
  g_free (ref);
}

static GPtrArray *
list_refs (RepereDb *self, const char *sql, GError **error)
{
  g_autoptr (GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_ref_free);
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RepereRef *ref = g_new0 (RepereRef, 1);
      ref->id = column_dup (stmt, 0);
      ref->name = column_dup (stmt, 1);
      ref->description = column_dup (stmt, 2);
      ref->extra = column_dup (stmt, 3);
      ref->colour = column_dup (stmt, 4);
      g_ptr_array_add (refs, ref);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&refs);
}

/**
 * repere_db_list_assessments:
 *
 * Returns: (transfer full) (element-type RepereRef): the assessments in
 *   study order: id, name, description, extra = study section
 */
GPtrArray *
repere_db_list_assessments (RepereDb *self, GError **error)
{
  return list_refs (self, "SELECT id, name, description, source, '' FROM assessment ORDER BY position, name",
                    error);
}

/**
 * repere_db_list_families:
 *
 * Returns: (transfer full) (element-type RepereRef): the 13 families (1.2.2):
 *   id = code "01"–"13", name
 */
GPtrArray *
repere_db_list_families (RepereDb *self, GError **error)
{
  return list_refs (self, "SELECT code, name, '', '', '' FROM family ORDER BY code", error);
}

/**
 * repere_db_list_classifications:
 *
 * Returns: (transfer full) (element-type RepereRef): the 4 classes in the
 *   column order of Figure 2 (3.2.1.2): id, name, description = definition,
 *   extra = rule, colour
 */
GPtrArray *
repere_db_list_classifications (RepereDb *self, GError **error)
{
  return list_refs (self,
                    "SELECT id, name, definition, rule, colour FROM classification ORDER BY position",
                    error);
}

/**
 * repere_db_list_exposure_levels:
 *
 * Returns: (transfer full) (element-type RepereRef): levels 1–5 (3.2.1.1):
 *   id = "1".."5", name, description = definition, colour = study palette
 */
GPtrArray *
repere_db_list_exposure_levels (RepereDb *self, GError **error)
{
  return list_refs (self, "SELECT level, name, definition, source, colour FROM exposure_level ORDER BY level",
                    error);
}

/**
 * repere_db_resolve_classification:
 * @text: a class id ("evolving") or name, accents and case ignored, a
 *   prefix of the id or the name being enough ("evol", "en evol", "non impacte")
 * @id: (out) (transfer full): the class id
 * @error: %REPERE_DB_ERROR_NOT_FOUND or %REPERE_DB_ERROR_AMBIGUOUS
 *
 * Returns: %TRUE when @text names exactly one class
 */
gboolean
repere_db_resolve_classification (RepereDb *self, const char *text, char **id, GError **error)
{
  g_autoptr (GPtrArray) classes = repere_db_list_classifications (self, error);
  g_autofree char *folded = repere_text_fold (text);
  const char *found = NULL;
  guint matches = 0;

  if (classes == NULL)
    return FALSE;
  for (guint i = 0; i < classes->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (classes, i);
      g_autofree char *name = repere_text_fold (ref->name);
      if (g_strcmp0 (ref->id, text) == 0 || g_strcmp0 (name, folded) == 0)
        {
          *id = g_strdup (ref->id);
          return TRUE;
        }
      if (*folded && (g_str_has_prefix (name, folded) || g_str_has_prefix (ref->id, folded)))
        {
          found = ref->id;
          matches++;
        }
    }
  if (matches == 1)
    {
      *id = g_strdup (found);
      return TRUE;
    }
  g_set_error (error, REPERE_DB_ERROR,
               matches ? REPERE_DB_ERROR_AMBIGUOUS : REPERE_DB_ERROR_NOT_FOUND,
               _("Unknown classification “%s” (emergent, strong-transformation, evolving, not-impacted)"),
               text);
  return FALSE;
}

static gboolean
row_exists (RepereDb *self, const char *sql, const char *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return exists;
}

/* "word1 wörd2" → "\"word1\"* \"wörd2\"*": every word, as a prefix (FTS5 syntax). */
static char *
fts_query (const char *search)
{
  g_auto (GStrv) words = g_strsplit_set (search, " \t\n\"", -1);
  g_autoptr (GString) query = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      gboolean has_alnum = FALSE;
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          has_alnum = TRUE;
      if (!has_alnum)
        continue;
      g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", words[i]);
    }
  return query->len ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/* The search part of repere_db_list_jobs(): one row per job that has every
 * word of ?5 (FTS5, schema 002's job_search), with bm25 over the columns
 * weighted (name 10, spellings 8, family 3, use cases 1.5, texts 1: a word
 * of the title weighs ten of the long texts), whether all the words are in
 * the name or a spelling (?6, the same query limited to those columns), and
 * one snippet per column with the matched words between U+0002 and U+0003. */
#define SEARCH_HITS                                                                                           \
  "(SELECT job_id AS hit_id,"                                                                                 \
  "        bm25 (job_search, 0.0, 10.0, 8.0, 3.0, 1.0, 1.5) AS weight,"                                       \
  "        job_id IN (SELECT job_id FROM job_search WHERE job_search MATCH ?6) AS in_title,"                  \
  "        highlight (job_search, 1, char (2), char (3)) AS s_name,"                                          \
  "        snippet (job_search, 2, char (2), char (3), '…', 10) AS s_aliases,"                                \
  "        highlight (job_search, 3, char (2), char (3)) AS s_family,"                                        \
  "        snippet (job_search, 4, char (2), char (3), '…', 12) AS s_texts,"                                  \
  "        snippet (job_search, 5, char (2), char (3), '…', 12) AS s_use_cases"                               \
  "   FROM job_search WHERE job_search MATCH ?5)"
#define NO_SEARCH_HITS                                                                                        \
  "(SELECT NULL AS hit_id, NULL AS weight, 0 AS in_title, NULL AS s_name, NULL AS s_aliases,"                 \
  "        NULL AS s_family, NULL AS s_texts, NULL AS s_use_cases WHERE 0)"

/**
 * repere_db_list_jobs:
 * @filter: what to keep and how to sort, see #RepereJobFilter
 * @error: %REPERE_DB_ERROR_NOT_FOUND for an unknown assessment, family or
 *   class; %REPERE_DB_ERROR_QUERY
 *
 * The job browser's and `repere-cli jobs`' list: one #RepereJob per job with
 * its published result in the assessment (ranking table of Annexe 1.1,
 * 3.2.2.1 or 3.2.2.2).
 *
 * With a search, each job says why it matched (repere_job_set_match()), and
 * %REPERE_SORT_RELEVANCE orders them: first the job whose name or one of
 * whose spellings is the search (case, accents, apostrophes ignored), then
 * those with every word in the name or a spelling, then the others; within
 * each, FTS5's bm25 with the column weights of SEARCH_HITS, then rank.
 *
 * Returns: (transfer full): a list of #RepereJob
 */
GListStore *
repere_db_list_jobs (RepereDb *self, const RepereJobFilter *filter, GError **error)
{
  static const char *const order[] = {
    [REPERE_SORT_RANK] = "rank IS NULL, rank %s",
    [REPERE_SORT_JOB] = "job_name COLLATE repere %s",
    [REPERE_SORT_FAMILY] = "family_code %s",
    [REPERE_SORT_CORE] = "core %s",
    [REPERE_SORT_SCORE] = "score IS NULL, score %s",
    [REPERE_SORT_CLASSIFICATION] = "classification_position IS NULL, classification_position %s",
    [REPERE_SORT_RELEVANCE] = "tier %1$s, weight %1$s",
  };
  /* Natural direction of each column: core jobs and high scores first. */
  static const gboolean natural_descending[] = {
    [REPERE_SORT_CORE] = TRUE,
    [REPERE_SORT_SCORE] = TRUE,
    [REPERE_SORT_RELEVANCE] = FALSE,
  };
  static const char *const where[] = { "name", "aliases", "family", "texts", "use_cases" };
  const char *assessment = filter->assessment ? filter->assessment : REPERE_DEFAULT_ASSESSMENT;
  g_autofree char *family = NULL;
  g_autofree char *classification = NULL;
  g_autofree char *match = NULL;
  g_autofree char *title_match = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *order_by = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (GListStore) store = g_list_store_new (REPERE_TYPE_JOB);
  sqlite3_stmt *stmt;
  RepereSortColumn sort = filter->sort;
  gboolean descending;
  int rc;

  g_return_val_if_fail ((guint) filter->sort < G_N_ELEMENTS (order), NULL);

  if (!row_exists (self, "SELECT 1 FROM assessment WHERE id = ?", assessment))
    {
      /* Every known id, the user's assessments too, not only the study's. */
      g_autoptr (GPtrArray) known = repere_db_list_assessments (self, error);
      g_autoptr (GString) ids = g_string_new (NULL);

      if (known == NULL)
        return NULL;
      for (guint i = 0; i < known->len; i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", ((RepereRef *) g_ptr_array_index (known, i))->id);
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   /* TRANSLATORS: the second %s lists the known ids, "pwc-initial, pwc-revised, experts, user-…" */
                   _("Unknown assessment “%s” (%s)"), assessment, ids->str);
      return NULL;
    }
  if (filter->family && *filter->family)
    {
      family = strlen (filter->family) == 1 ? g_strconcat ("0", filter->family, NULL)
                                            : g_strdup (filter->family);
      if (!row_exists (self, "SELECT 1 FROM family WHERE code = ?", family))
        {
          g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                       _("Unknown family “%s” (01 to 13)"), filter->family);
          return NULL;
        }
    }
  if (filter->classification && *filter->classification
      && !repere_db_resolve_classification (self, filter->classification, &classification, error))
    return NULL;
  if (filter->search)
    match = fts_query (filter->search);
  if (match)
    {
      title_match = g_strdup_printf ("{name aliases} : (%s)", match);
      folded = repere_text_fold (filter->search);
    }
  else if (sort == REPERE_SORT_RELEVANCE)
    sort = REPERE_SORT_RANK;

  descending = filter->descending != natural_descending[sort];
  order_by = g_strdup_printf (order[sort], descending ? "DESC" : "ASC");
  sql = g_strdup_printf (
      "SELECT job_id, job_name, family_code, family_name, core, score, rank,"
      "       classification_id, classification_name, classification_position,"
      "       computed_score, computed_rank, suggested_classification_id,"
      "       (SELECT name FROM classification WHERE id = suggested_classification_id),"
      "       basis IN ('counts', 'ratings'), basis, rated, retained,"
      "       CASE WHEN hit_id IS NULL THEN -1"
      "            WHEN repere_fold (job_name) = ?7"
      "              OR EXISTS (SELECT 1 FROM job_alias a WHERE a.job_id = r.job_id AND repere_fold (a.alias) = ?7)"
      "            THEN 0 WHEN in_title THEN 1 ELSE 2 END AS tier,"
      "       s_name, s_aliases, s_family, s_texts, s_use_cases"
      "  FROM job_result r LEFT JOIN %s ON hit_id = r.job_id"
      " WHERE assessment_id = ?1"
      "   AND (?2 IS NULL OR family_code = ?2)"
      "   AND (?3 IS NULL OR classification_id = ?3)"
      "   AND (?4 = 0 OR core = 1)"
      "   AND (?5 IS NULL OR hit_id IS NOT NULL)"
      " ORDER BY %s, rank, job_name COLLATE repere",
      match ? SEARCH_HITS : NO_SEARCH_HITS, order_by);
  if ((stmt = prepare (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, family, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, classification, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, filter->core_only ? 1 : 0);
  sqlite3_bind_text (stmt, 5, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, title_match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, folded, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RepereJob) job = repere_job_new (
          (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
          sqlite3_column_int (stmt, 4),
          sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1.0 : sqlite3_column_double (stmt, 5),
          sqlite3_column_int (stmt, 6), (const char *) sqlite3_column_text (stmt, 7),
          (const char *) sqlite3_column_text (stmt, 8), sqlite3_column_int (stmt, 9));
      repere_job_set_computed (
          job, sqlite3_column_type (stmt, 10) == SQLITE_NULL ? -1.0 : sqlite3_column_double (stmt, 10),
          sqlite3_column_int (stmt, 11), (const char *) sqlite3_column_text (stmt, 12),
          (const char *) sqlite3_column_text (stmt, 13), sqlite3_column_int (stmt, 14));
      repere_job_set_basis (job, (const char *) sqlite3_column_text (stmt, 15), sqlite3_column_int (stmt, 16),
                            sqlite3_column_int (stmt, 17));
      if (match)
        {
          /* The snippet with the most matched words; ties to the heavier
           * column; the name or a spelling when they have every word. */
          int tier = sqlite3_column_int (stmt, 18);
          guint best = G_N_ELEMENTS (where), best_count = 0;
          const char *name_snippet = (const char *) sqlite3_column_text (stmt, 19);
          guint columns = tier <= 1 ? (name_snippet && strchr (name_snippet, '\002') ? 1 : 2)
                                    : G_N_ELEMENTS (where);
          for (guint c = 0; c < columns; c++)
            {
              const char *snippet = (const char *) sqlite3_column_text (stmt, 19 + c);
              guint count = 0;
              for (const char *p = snippet; p && (p = strchr (p, '\002')); p++)
                count++;
              if (count > best_count)
                best = c, best_count = count;
            }
          if (best < G_N_ELEMENTS (where))
            repere_job_set_match (job, tier, where[best],
                                  (const char *) sqlite3_column_text (stmt, 19 + best));
        }
      g_list_store_append (store, job);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, REPERE_DB_ERROR_QUERY, _("Cannot list the jobs"));
      return NULL;
    }
  return g_steal_pointer (&store);
}

static GPtrArray *
collect_ids (RepereDb *self, const char *sql, const char *value, GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&ids);
}

/**
 * repere_db_find_job:
 * @query: a job id ("medecin-d-assistance"), its name or one of the study's
 *   spellings (case, accents and apostrophes ignored), or a part of its name
 *   that only one job has
 * @error: %REPERE_DB_ERROR_NOT_FOUND, or %REPERE_DB_ERROR_AMBIGUOUS naming
 *   the candidates
 *
 * Returns: (transfer full) (nullable): the job id
 */
char *
repere_db_find_job (RepereDb *self, const char *query, GError **error)
{
  g_autofree char *folded = repere_text_fold (query);
  g_autoptr (GPtrArray) ids = NULL;

  if (*folded == '\0')
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("No job given"));
      return NULL;
    }
  if (row_exists (self, "SELECT 1 FROM job WHERE id = ?", query))
    return g_strdup (query);
  ids = collect_ids (self,
                     "SELECT id FROM job WHERE repere_fold (name) = ?1"
                     " UNION SELECT job_id FROM job_alias WHERE repere_fold (alias) = ?1",
                     folded, error);
  if (ids == NULL)
    return NULL;
  if (ids->len == 0)
    {
      g_clear_pointer (&ids, g_ptr_array_unref);
      ids = collect_ids (self,
                         "SELECT id FROM job WHERE instr (repere_fold (name), ?1) > 0"
                         " ORDER BY name COLLATE repere",
                         folded, error);
      if (ids == NULL)
        return NULL;
    }
  if (ids->len == 1)
    return g_strdup (g_ptr_array_index (ids, 0));
  if (ids->len == 0)
    g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("No job “%s”"), query);
  else
    {
      g_ptr_array_add (ids, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) ids->pdata);
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_AMBIGUOUS,
                   _("“%s” matches several jobs: %s"), query, list);
    }
  return NULL;
}

static void
job_result_free (RepereJobResult *result)
{
  g_free (result->assessment_id);
  g_free (result->assessment_name);
  g_free (result->classification_id);
  g_free (result->classification_name);
  g_free (result->figure_classification_id);
  g_free (result->figure_classification_name);
  g_free (result->fiche_classification_name);
  g_free (result->source);
  g_free (result);
}

static void
comment_free (RepereComment *comment)
{
  g_free (comment->kind);
  g_free (comment->text);
  g_free (comment);
}

static void
use_case_free (RepereUseCase *use_case)
{
  g_free (use_case->id);
  g_free (use_case->title);
  g_free (use_case->origin);
  g_free (use_case->context);
  g_free (use_case->body);
  g_free (use_case->source);
  g_clear_pointer (&use_case->comments, g_ptr_array_unref);
  g_clear_pointer (&use_case->shared_with, g_ptr_array_unref);
  g_free (use_case);
}

void
repere_job_detail_free (RepereJobDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->id);
  g_free (detail->name);
  g_free (detail->family_code);
  g_free (detail->family_name);
  g_free (detail->description);
  g_free (detail->short_term);
  g_free (detail->scenario_5y);
  g_free (detail->source);
  g_clear_pointer (&detail->aliases, g_ptr_array_unref);
  g_clear_pointer (&detail->results, g_ptr_array_unref);
  g_clear_pointer (&detail->use_cases, g_ptr_array_unref);
  g_free (detail);
}

static gboolean
load_use_cases (RepereDb *self, RepereJobDetail *detail, GError **error)
{
  sqlite3_stmt *stmt = prepare (
      self,
      "SELECT u.id, u.title, u.origin, ju.context, u.body, coalesce (ju.priority, 0), ju.source"
      "  FROM job_use_case ju JOIN use_case u ON u.id = ju.use_case_id"
      " WHERE ju.job_id = ?1 ORDER BY ju.position",
      error);
  sqlite3_stmt *comments = NULL;
  sqlite3_stmt *shared = NULL;

  if (stmt == NULL)
    return FALSE;
  comments = prepare (self,
                      "SELECT kind, text FROM use_case_comment"
                      " WHERE job_id = ?1 AND use_case_id = ?2 AND context = ?3 ORDER BY position",
                      error);
  shared = prepare (self,
                    "SELECT DISTINCT j.name FROM job_use_case ju JOIN job j ON j.id = ju.job_id"
                    " WHERE ju.use_case_id = ?2 AND ju.job_id <> ?1 ORDER BY j.name COLLATE repere",
                    error);
  if (comments == NULL || shared == NULL)
    {
      sqlite3_finalize (stmt);
      sqlite3_finalize (comments);
      sqlite3_finalize (shared);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, detail->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RepereUseCase *use_case = g_new0 (RepereUseCase, 1);
      use_case->id = column_dup (stmt, 0);
      use_case->title = column_dup (stmt, 1);
      use_case->origin = column_dup (stmt, 2);
      use_case->context = column_dup (stmt, 3);
      use_case->body = column_dup (stmt, 4);
      use_case->priority = sqlite3_column_int (stmt, 5);
      use_case->source = column_dup (stmt, 6);
      use_case->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) comment_free);
      use_case->shared_with = g_ptr_array_new_with_free_func (g_free);

      sqlite3_bind_text (comments, 1, detail->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (comments, 2, use_case->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (comments, 3, use_case->context, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (comments) == SQLITE_ROW)
        {
          RepereComment *comment = g_new0 (RepereComment, 1);
          comment->kind = column_dup (comments, 0);
          comment->text = column_dup (comments, 1);
          g_ptr_array_add (use_case->comments, comment);
        }
      sqlite3_reset (comments);

      sqlite3_bind_text (shared, 1, detail->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (shared, 2, use_case->id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (shared) == SQLITE_ROW)
        g_ptr_array_add (use_case->shared_with, column_dup (shared, 0));
      sqlite3_reset (shared);

      g_ptr_array_add (detail->use_cases, use_case);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (comments);
  sqlite3_finalize (shared);
  return TRUE;
}

/**
 * repere_db_count_jobs:
 * @error: %REPERE_DB_ERROR_QUERY (or %REPERE_DB_ERROR_DAMAGED)
 *
 * How many jobs the referential has (table job): the study's 58 (section
 * 1.2.2, Annexe 1.1) unless jobs were added. The job sheet prints ranks
 * "out of" this number.
 *
 * Returns: the number of jobs, or -1 with @error set
 */
int
repere_db_count_jobs (RepereDb *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int n_jobs = -1;
  int rc;

  g_return_val_if_fail (REPERE_IS_DB (self), -1);
  if ((stmt = prepare (self, "SELECT count (*) FROM job", error)) == NULL)
    return -1;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_jobs = sqlite3_column_int (stmt, 0);
  else
    set_sqlite_error (self, error, REPERE_DB_ERROR_QUERY, "SELECT count (*) FROM job");
  sqlite3_finalize (stmt);
  return n_jobs;
}

/**
 * repere_db_get_job:
 * @job_id: a job id (see repere_db_find_job())
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * Everything the job page shows: the fiche texts (4.2), the result in each
 * assessment side by side (ranking tables, classification figures, level
 * counts of the fiche) and the use cases with their comments.
 *
 * Returns: (transfer full) (nullable): the job's detail
 */
RepereJobDetail *
repere_db_get_job (RepereDb *self, const char *job_id, GError **error)
{
  g_autoptr (RepereJobDetail) detail = NULL;
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT j.id, j.name, j.family_code, f.name, j.core, j.description,"
                                "       j.short_term, j.scenario_5y, j.source"
                                "  FROM job j JOIN family f ON f.code = j.family_code WHERE j.id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("No job “%s”"), job_id);
      return NULL;
    }
  detail = g_new0 (RepereJobDetail, 1);
  detail->id = column_dup (stmt, 0);
  detail->name = column_dup (stmt, 1);
  detail->family_code = column_dup (stmt, 2);
  detail->family_name = column_dup (stmt, 3);
  detail->core = sqlite3_column_int (stmt, 4);
  detail->description = column_dup (stmt, 5);
  detail->short_term = column_dup (stmt, 6);
  detail->scenario_5y = column_dup (stmt, 7);
  detail->source = column_dup (stmt, 8);
  detail->results = g_ptr_array_new_with_free_func ((GDestroyNotify) job_result_free);
  detail->use_cases = g_ptr_array_new_with_free_func ((GDestroyNotify) use_case_free);
  sqlite3_finalize (stmt);

  detail->aliases = collect_ids (self, "SELECT alias FROM job_alias WHERE job_id = ?1 ORDER BY alias",
                                 detail->id, error);
  if (detail->aliases == NULL)
    return NULL;

  stmt = prepare (self,
                  "SELECT a.id, a.name, coalesce (r.score, -1), coalesce (r.rank, 0),"
                  "       r.classification_id, r.classification_name, fc.classification_id, fcc.name,"
                  "       coalesce (g.assessment_id, u.job_id, lc.job_id) IS NOT NULL,"
                  "       coalesce (g.n1 + g.n2 + g.n3 + g.n4 + g.n5, u.n1 + u.n2 + u.n3 + u.n4 + u.n5,"
                  "                 lc.competencies),"
                  "       coalesce (g.n1, u.n1, lc.n1), coalesce (g.n2, u.n2, lc.n2), coalesce (g.n3, u.n3, lc.n3),"
                  "       coalesce (g.n4, u.n4, lc.n4), coalesce (g.n5, u.n5, lc.n5),"
                  "       CASE WHEN coalesce (g.assessment_id, u.job_id) IS NOT NULL THEN r.score"
                  "            ELSE coalesce (lc.score, -1) END,"
                  "       CASE WHEN coalesce (g.assessment_id, u.job_id) IS NOT NULL THEN r.classification_name"
                  "            ELSE lc.printed_class END,"
                  "       coalesce (p.source, '')"
                  "  FROM assessment a"
                  "  LEFT JOIN job_result r ON r.assessment_id = a.id AND r.job_id = ?1"
                  "  LEFT JOIN published_result p ON p.assessment_id = a.id AND p.job_id = ?1"
                  "  LEFT JOIN figure_classification fc ON fc.assessment_id = a.id AND fc.job_id = ?1"
                  "  LEFT JOIN classification fcc ON fcc.id = fc.classification_id"
                  "  LEFT JOIN level_count lc ON lc.assessment_id = a.id AND lc.job_id = ?1"
                  "  LEFT JOIN user_level_count u ON u.assessment_id = a.id AND u.job_id = ?1"
                  /* Per-competency ratings in force come first, as in the scoring engine (repere-score.c). */
                  "  LEFT JOIN (SELECT assessment_id, sum (level = 1) AS n1, sum (level = 2) AS n2,"
                  "                    sum (level = 3) AS n3, sum (level = 4) AS n4, sum (level = 5) AS n5"
                  "               FROM rating_in_force WHERE job_id = ?1 GROUP BY assessment_id) g"
                  "         ON g.assessment_id = a.id"
                  " ORDER BY a.position, a.name",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, detail->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RepereJobResult *result = g_new0 (RepereJobResult, 1);
      result->assessment_id = column_dup (stmt, 0);
      result->assessment_name = column_dup (stmt, 1);
      result->score = sqlite3_column_double (stmt, 2);
      result->rank = sqlite3_column_int (stmt, 3);
      result->classification_id = column_dup_nullable (stmt, 4);
      result->classification_name = column_dup_nullable (stmt, 5);
      result->figure_classification_id = column_dup_nullable (stmt, 6);
      result->figure_classification_name = column_dup_nullable (stmt, 7);
      result->has_counts = sqlite3_column_int (stmt, 8);
      result->competencies = sqlite3_column_int (stmt, 9);
      for (int l = 0; l < 5; l++)
        result->counts[l] = sqlite3_column_int (stmt, 10 + l);
      result->fiche_score = sqlite3_column_double (stmt, 15);
      result->fiche_classification_name = column_dup_nullable (stmt, 16);
      result->source = column_dup (stmt, 17);
      g_ptr_array_add (detail->results, result);
    }
  sqlite3_finalize (stmt);

  if (!load_use_cases (self, detail, error))
    return NULL;
  return g_steal_pointer (&detail);
}

void
repere_axis_free (RepereAxis *axis)
{
  g_free (axis->title);
  g_free (axis->objective);
  g_free (axis->stakes);
  g_clear_pointer (&axis->recommendations, g_ptr_array_unref);
  g_clear_pointer (&axis->illustrations, g_ptr_array_unref);
  g_free (axis);
}

/**
 * repere_db_list_axes:
 *
 * Returns: (transfer full) (element-type RepereAxis): the 5 axes of section 5
 *   with their numbered recommendations and illustrations métier
 */
GPtrArray *
repere_db_list_axes (RepereDb *self, GError **error)
{
  g_autoptr (GPtrArray) axes = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_axis_free);
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT number, title, objective, stakes FROM recommendation_axis"
                                " ORDER BY number",
                                error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RepereAxis *axis = g_new0 (RepereAxis, 1);
      g_autofree char *number = NULL;
      g_autofree char *recs_sql = NULL;

      axis->number = sqlite3_column_int (stmt, 0);
      axis->title = column_dup (stmt, 1);
      axis->objective = column_dup (stmt, 2);
      axis->stakes = column_dup (stmt, 3);
      g_ptr_array_add (axes, axis);
      number = g_strdup_printf ("%d", axis->number);
      recs_sql = g_strdup_printf ("SELECT number, title, text, source, '' FROM recommendation"
                                  " WHERE axis_number = %d ORDER BY number",
                                  axis->number);
      axis->recommendations = list_refs (self, recs_sql, error);
      axis->illustrations = collect_ids (self,
                                         "SELECT text FROM recommendation_illustration"
                                         " WHERE axis_number = ?1 ORDER BY position",
                                         number, error);
      if (axis->recommendations == NULL || axis->illustrations == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&axes);
}

/**
 * repere_db_list_texts:
 * @table: "priority_action" (5, 6 actions for 2025) or "transverse_use_case" (4.3.1)
 *
 * Returns: (transfer full) (element-type utf8): the texts in printed order
 */
GPtrArray *
repere_db_list_texts (RepereDb *self, const char *table, GError **error)
{
  if (g_strcmp0 (table, "priority_action") == 0)
    return collect_ids (self, "SELECT text FROM priority_action WHERE ?1 IS NULL ORDER BY position", NULL,
                        error);
  if (g_strcmp0 (table, "transverse_use_case") == 0)
    return collect_ids (self, "SELECT title FROM transverse_use_case WHERE ?1 IS NULL ORDER BY position",
                        NULL, error);
  g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, "no text list %s", table);
  return NULL;
}

/**
 * repere_db_list_top_competencies:
 *
 * Returns: (transfer full) (element-type RepereRef): the top-10 exposed
 *   competencies of 3.3: name = label, description = AI capability
 */
GPtrArray *
repere_db_list_top_competencies (RepereDb *self, GError **error)
{
  return list_refs (self, "SELECT position, label, ai_capability, source, '' FROM top_competency ORDER BY position",
                    error);
}

void
repere_family_summary_free (RepereFamilySummary *summary)
{
  g_free (summary->code);
  g_free (summary->name);
  g_clear_pointer (&summary->job_names, g_ptr_array_unref);
  g_free (summary);
}

/**
 * repere_db_family_overview:
 * @assessment: (nullable): assessment id, %NULL for %REPERE_DEFAULT_ASSESSMENT
 *
 * Returns: (transfer full) (element-type RepereFamilySummary): the 13
 *   families with their jobs and the number of jobs in each published class
 */
GPtrArray *
repere_db_family_overview (RepereDb *self, const char *assessment, GError **error)
{
  g_autoptr (GPtrArray) families
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_family_summary_free);
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT family_code, family_name, jobs, core_jobs, emergent,"
                                "       strong_transformation, evolving, not_impacted"
                                "  FROM family_class_count WHERE assessment_id = ?1 ORDER BY family_code",
                                error);
  sqlite3_stmt *jobs;

  if (stmt == NULL)
    return NULL;
  jobs = prepare (self,
                  "SELECT CASE core WHEN 1 THEN '♥ ' ELSE '' END || job_name FROM job_result"
                  " WHERE assessment_id = ?1 AND family_code = ?2 ORDER BY rank, job_name COLLATE repere",
                  error);
  if (jobs == NULL)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  assessment = assessment ? assessment : REPERE_DEFAULT_ASSESSMENT;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RepereFamilySummary *summary = g_new0 (RepereFamilySummary, 1);
      summary->code = column_dup (stmt, 0);
      summary->name = column_dup (stmt, 1);
      summary->jobs = sqlite3_column_int (stmt, 2);
      summary->core_jobs = sqlite3_column_int (stmt, 3);
      for (int c = 0; c < 4; c++)
        summary->per_class[c] = sqlite3_column_int (stmt, 4 + c);
      summary->job_names = g_ptr_array_new_with_free_func (g_free);
      sqlite3_bind_text (jobs, 1, assessment, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (jobs, 2, summary->code, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (jobs) == SQLITE_ROW)
        g_ptr_array_add (summary->job_names, column_dup (jobs, 0));
      sqlite3_reset (jobs);
      g_ptr_array_add (families, summary);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (jobs);
  return g_steal_pointer (&families);
}

/**
 * repere_db_check_path:
 * @path: a database file chosen by the user (`--database`)
 * @error: %REPERE_DB_ERROR_OPEN naming the path and what it is
 *
 * Refuses a path that SQLite would not keep: "" (SQLite's temporary
 * database, every change lost on exit), ":memory:", a folder, and a named
 * pipe, device or socket. A missing file is fine (it is created).
 *
 * Returns: %TRUE when @path can hold a database
 */
gboolean
repere_db_check_path (const char *path, GError **error)
{
  GStatBuf st;

  if (*path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN,
                   _("“%s” names no database file (SQLite would keep the changes in memory and "
                     "lose them): give the path of a file"),
                   path);
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN,
                   S_ISDIR (st.st_mode) ? _("%s is a folder, not a database file")
                                        : _("%s is not a regular file (a named pipe, a device or a "
                                            "socket), not a database file"),
                   path);
      return FALSE;
    }
  return TRUE;
}
