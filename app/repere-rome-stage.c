/* repere-rome-stage.c: staging a ROME referential before applying it
 *
 * repere_rome_import_prepare() reads the files of an export (folder) or of
 * the bundled release into TEMP tables of the connection (in memory), then
 * compares them with the current referential (repere-rome-diff.c); the main
 * database is not written. The staged rows stay until the import is freed,
 * for repere_rome_import_apply() (repere-rome-apply.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-private.h"

#include <glib/gi18n.h>

/* Staging tables, plain (rows are appended as read; keys are checked in
 * hash tables while reading), with the column names of the main ones. */
const char rome_stage_sql[]
    = "CREATE TEMP TABLE rome_stage_grand_domain (code TEXT, label TEXT);"
      "CREATE TEMP TABLE rome_stage_domain (code TEXT, grand_domain_code TEXT, label TEXT);"
      "CREATE TEMP TABLE rome_stage_code (code TEXT PRIMARY KEY, title TEXT, ogr INTEGER,"
      " parent_code TEXT, domain_code TEXT, transition_eco TEXT, transition_num INTEGER,"
      " transition_demo INTEGER, regulated INTEGER, executive INTEGER) WITHOUT ROWID;"
      "CREATE TEMP TABLE rome_stage_appellation (id INTEGER PRIMARY KEY, rome_code TEXT, label "
      "TEXT,"
      " short_label TEXT, rarely_used INTEGER);"
      "CREATE TEMP TABLE rome_stage_competency (id INTEGER PRIMARY KEY, nature TEXT, label TEXT,"
      " definition TEXT, category TEXT, subcategory TEXT, macro_id INTEGER, macro_code TEXT,"
      " transition_eco INTEGER, transition_num INTEGER);"
      "CREATE TEMP TABLE rome_stage_context (id INTEGER PRIMARY KEY, label TEXT, type_code INTEGER,"
      " type_label TEXT);"
      "CREATE TEMP TABLE rome_stage_link (rome_code TEXT, competency_id INTEGER, kind TEXT, core "
      "TEXT);"
      "CREATE TEMP TABLE rome_stage_code_context (rome_code TEXT, context_id INTEGER, core TEXT);"
      "CREATE TEMP TABLE rome_stage_mobility (rome_code TEXT, target_code TEXT, position INTEGER);"
      "CREATE TEMP TABLE rome_stage_text (rome_code TEXT, kind TEXT, position INTEGER, text TEXT);";

const char rome_unstage_sql[] = "DROP TABLE IF EXISTS temp.rome_stage_grand_domain;"
                                "DROP TABLE IF EXISTS temp.rome_stage_domain;"
                                "DROP TABLE IF EXISTS temp.rome_stage_code;"
                                "DROP TABLE IF EXISTS temp.rome_stage_appellation;"
                                "DROP TABLE IF EXISTS temp.rome_stage_competency;"
                                "DROP TABLE IF EXISTS temp.rome_stage_context;"
                                "DROP TABLE IF EXISTS temp.rome_stage_link;"
                                "DROP TABLE IF EXISTS temp.rome_stage_code_context;"
                                "DROP TABLE IF EXISTS temp.rome_stage_mobility;"
                                "DROP TABLE IF EXISTS temp.rome_stage_text;";

/* The staging tables of a connection belong to one import at a time: the
 * one named by its RepereDb's data STAGED_KEY, from rome_import_stage() to
 * repere_rome_import_free(). Dropping them fails with SQLITE_LOCKED ("database
 * table is locked") while another statement of the connection is active (a
 * SELECT stepped and not yet reset, on this thread or another): the tables
 * then stay, owned by no import, and the next import drops them before
 * creating its own instead of failing on "table … already exists". */
#define STAGED_KEY "repere-rome-staged"
static GMutex staged_lock;

/* Whether no live import of @self's connection owns staging tables; if
 * so, @self does from now on. */
static gboolean
claim_staging (RepereRomeImport *self)
{
  gboolean claimed;

  g_mutex_lock (&staged_lock);
  claimed = g_object_get_data (G_OBJECT (self->db), STAGED_KEY) == NULL;
  if (claimed)
    g_object_set_data (G_OBJECT (self->db), STAGED_KEY, self);
  g_mutex_unlock (&staged_lock);
  return claimed;
}

static void
release_staging (RepereRomeImport *self)
{
  g_mutex_lock (&staged_lock);
  if (g_object_get_data (G_OBJECT (self->db), STAGED_KEY) == self)
    g_object_set_data (G_OBJECT (self->db), STAGED_KEY, NULL);
  g_mutex_unlock (&staged_lock);
}

/* Indexes on the staged keys, for comparing with a referential in place
 * (built once, after the rows, which is faster than keeping them while
 * appending). */
static gboolean
index_stage (RepereRomeImport *self, GError **error)
{
  for (guint i = 0; i < ROME_N_TABLES; i++)
    {
      g_autofree char *sql = NULL;

      if (i == ROME_TABLE_CODE || i == ROME_TABLE_APPELLATION || i == ROME_TABLE_CONTEXT)
        continue; /* keyed already */
      sql = g_strdup_printf ("CREATE INDEX temp.%s_key ON %s (%s)", rome_tables[i].stage,
                             rome_tables[i].stage, rome_tables[i].keys);
      if (!rome_exec (self->handle, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* Hash tables of packed 64-bit keys (repere-rome-read.c): the key is the
 * pointer where pointers have 64 bits, else a pointer to it. The keys are
 * structured (a code in the high bits, a code_ogr in the low ones): mixed
 * with the finalizer of MurmurHash3 so that they spread. */
static guint
key_hash (gconstpointer key)
{
#if GLIB_SIZEOF_VOID_P >= 8
  guint64 k = GPOINTER_TO_SIZE (key);
#else
  guint64 k = *(const guint64 *) key;
#endif
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  k ^= k >> 33;
  return (guint) k;
}

static GHashTable *
key_table_new (void)
{
#if GLIB_SIZEOF_VOID_P >= 8
  return g_hash_table_new (key_hash, g_direct_equal);
#else
  return g_hash_table_new_full (key_hash, g_int64_equal, g_free, NULL);
#endif
}

/**
 * rome_import_new:
 * @path: (nullable): a folder or one of its files; %NULL with @resource_dir
 * @resource_dir: (nullable): the bundled release's resource folder
 *
 * Finds the files; nothing is read yet.
 */
RepereRomeImport *
rome_import_new (RepereDb *db, const char *path, const char *resource_dir,
                 RepereRomeProgress progress, gpointer user_data, GCancellable *cancellable,
                 GError **error)
{
  g_autoptr (RepereRomeImport) self = g_new0 (RepereRomeImport, 1);

  g_return_val_if_fail (REPERE_IS_DB (db), NULL);
  self->db = g_object_ref (db);
  self->handle = repere_db_get_handle (db);
  self->bundled = resource_dir != NULL;
  if (self->bundled)
    self->dir = g_strdup (resource_dir);
  else
    self->dir
        = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path) : g_path_get_dirname (path);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_rome_file_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->competencies = key_table_new ();
  self->keys = key_table_new ();
  self->contexts = key_table_new ();
  self->cores = key_table_new ();
  self->context_types = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (RomePending));
  self->progress = progress;
  self->progress_data = user_data;
  self->cancellable = cancellable;

  if (self->bundled ? !rome_find_bundled_files (self, resource_dir, error)
                    : !rome_find_files (self, error))
    return NULL;
  if (sqlite3_get_autocommit (self->handle) == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_DATABASE,
                   _ ("Cannot import the ROME referential while another change is in progress"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * rome_is_main_empty:
 *
 * Whether the referential is empty (no code, competency, context or
 * domain), into self->main_empty.
 */
gboolean
rome_is_main_empty (RepereRomeImport *self, GError **error)
{
  gint64 empty = 0;

  if (!rome_query_int64 (self->handle,
                         "SELECT NOT EXISTS (SELECT 1 FROM main.rome_code)"
                         " AND NOT EXISTS (SELECT 1 FROM main.competency)"
                         " AND NOT EXISTS (SELECT 1 FROM main.rome_context)"
                         " AND NOT EXISTS (SELECT 1 FROM main.rome_grand_domain)",
                         0, &empty, error))
    return FALSE;
  self->main_empty = empty != 0;
  return TRUE;
}

/**
 * rome_read_files:
 *
 * Reads the twelve files in order, then forgets what only the checks needed.
 */
gboolean
rome_read_files (RepereRomeImport *self, RepereCsvEncoding encoding, GError **error)
{
  if (!rome_read_files_into (self, encoding, error))
    return FALSE;
  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->domains);
  g_hash_table_remove_all (self->competencies);
  g_hash_table_remove_all (self->keys);
  g_hash_table_remove_all (self->contexts);
  g_hash_table_remove_all (self->cores);
  return TRUE;
}

/**
 * rome_import_stage:
 *
 * Reads the files into the staging tables and computes the diff, in a
 * transaction that writes to the temp schema only.
 */
gboolean
rome_import_stage (RepereRomeImport *self, RepereCsvEncoding encoding, GError **error)
{
  /* Tables that no live import owns are left over: dropped. When another
   * import of this connection holds them, the CREATE below fails. */
  if (claim_staging (self) && !rome_exec (self->handle, rome_unstage_sql, error))
    {
      release_staging (self);
      return FALSE;
    }
  /* Staging in memory (a few MB for the full referential) rather than in a
   * temporary file; changing temp_store would drop existing temp tables, so
   * only when there are none. */
  {
    gint64 temp_tables = 1, temp_store = 0;
    if (!rome_query_int64 (self->handle, "SELECT count(*) FROM temp.sqlite_schema", 1, &temp_tables, error)
        || !rome_query_int64 (self->handle, "PRAGMA temp_store", 0, &temp_store, error)
        || (temp_tables == 0 && temp_store != 2 && !rome_exec (self->handle, "PRAGMA temp_store = MEMORY", error)))
      {
        release_staging (self);
        return FALSE;
      }
  }
  if (!rome_exec (self->handle, rome_stage_sql, error))
    {
      g_prefix_error (error, _ ("Another ROME import is in progress: "));
      release_staging (self);
      return FALSE;
    }
  self->staged = TRUE;
  if (!rome_exec (self->handle, "BEGIN", error))
    return FALSE;
  if (!rome_current_batch (self->handle, &self->base_batch, error)
      || !rome_is_main_empty (self, error) || !rome_read_files (self, encoding, error))
    goto fail;
  rome_report (self, 0.86, _ ("Comparing with the current referential"));
  if (!self->main_empty && !index_stage (self, error))
    goto fail;
  if (!rome_compute_diff (self, error))
    goto fail;
  if (!rome_exec (self->handle, "COMMIT", error))
    goto fail;
  rome_report (self, 1.0, _ ("Comparing with the current referential"));
  return TRUE;

fail:
  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

RepereRomeImport *
rome_import_prepare_source (RepereDb *db, const char *path, const char *resource_dir,
                            RepereCsvEncoding encoding, RepereRomeProgress progress,
                            gpointer user_data, GCancellable *cancellable, GError **error)
{
  g_autoptr (RepereRomeImport) self
      = rome_import_new (db, path, resource_dir, progress, user_data, cancellable, error);

  if (self == NULL || !rome_import_stage (self, encoding, error))
    return NULL;
  return g_steal_pointer (&self);
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
 * Reads twelve files of a France Travail ROME 4.0 export:
 * unix_grand_domaine, unix_domaine_professionnel, unix_referentiel_code_rome,
 * unix_cr_gd_dp, unix_referentiel_appellation, unix_referentiel_competence,
 * unix_referentiel_savoir, unix_referentiel_contexte_travail,
 * unix_coherence_item, unix_liens_rome_referentiels (blocs 5 and 6),
 * unix_texte and unix_rubrique_mobilite; checks them (required columns by
 * name, well-formed codes, unique keys, every reference known), stages them
 * in TEMP tables and compares them with the current referential. The
 * database's content is not changed.
 *
 * Returns: (transfer full) (nullable): the staged import, to apply or free
 */
RepereRomeImport *
repere_rome_import_prepare (RepereDb *db, const char *path, RepereCsvEncoding encoding,
                            RepereRomeProgress progress, gpointer user_data,
                            GCancellable *cancellable, GError **error)
{
  return rome_import_prepare_source (db, path, NULL, encoding, progress, user_data, cancellable,
                                     error);
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
 * repere_rome_import_describe_encodings:
 * @import: a prepared import
 *
 * Which encoding each file was read in, for the import's summary (the CSV
 * reader decides it on the whole file, docs/rome-import.md): "Encoding
 * read: UTF-8 (12 files)." or, when they differ, the files read otherwise
 * by name.
 *
 * Returns: (transfer full): one line, without a line end
 */
char *
repere_rome_import_describe_encodings (RepereRomeImport *import)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *most = NULL;
  guint most_count = 0;

  for (guint i = 0; i < import->files->len; i++)
    {
      RepereRomeFile *file = g_ptr_array_index (import->files, i);
      const char *encoding = file->encoding ? file->encoding : "UTF-8";
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, encoding)) + 1;

      g_hash_table_insert (counts, (gpointer) encoding, GUINT_TO_POINTER (n));
      if (n > most_count)
        most = encoding, most_count = n;
    }
  if (most == NULL)
    return g_strdup ("");
  g_string_printf (out, g_dngettext (GETTEXT_PACKAGE, "Encoding read: %s (%u file)",
                                     "Encoding read: %s (%u files)", most_count),
                   most, most_count);
  for (guint i = 0; i < import->files->len; i++)
    {
      RepereRomeFile *file = g_ptr_array_index (import->files, i);
      if (file->encoding && !g_str_equal (file->encoding, most))
        g_string_append_printf (out, _("; %s: %s"), file->encoding, file->name);
    }
  g_string_append_c (out, '.');
  return g_string_free (g_steal_pointer (&out), FALSE);
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
  if (import->staged && sqlite3_exec (import->handle, rome_unstage_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      /* Left for the next import to drop (claim_staging()); which
       * statements were active, for G_MESSAGES_DEBUG=Repere. */
      g_debug ("ROME import: the staging tables stay: %s", sqlite3_errmsg (import->handle));
      for (sqlite3_stmt *stmt = sqlite3_next_stmt (import->handle, NULL); stmt;
           stmt = sqlite3_next_stmt (import->handle, stmt))
        if (sqlite3_stmt_busy (stmt))
          g_debug ("ROME import: active statement: %s", sqlite3_sql (stmt));
    }
  if (import->db)
    release_staging (import);
  g_clear_object (&import->db);
  g_free (import->dir);
  g_free (import->version);
  for (guint i = 0; i < ROME_N_FILES; i++)
    {
      g_free (import->files_in[i].path);
      g_free (import->files_in[i].name);
    }
  g_clear_pointer (&import->files, g_ptr_array_unref);
  g_clear_pointer (&import->codes, g_hash_table_unref);
  g_clear_pointer (&import->domains, g_hash_table_unref);
  g_clear_pointer (&import->competencies, g_hash_table_unref);
  g_clear_pointer (&import->keys, g_hash_table_unref);
  g_clear_pointer (&import->contexts, g_hash_table_unref);
  g_clear_pointer (&import->cores, g_hash_table_unref);
  g_clear_pointer (&import->context_types, g_hash_table_unref);
  g_clear_pointer (&import->pending, g_array_unref);
  g_clear_pointer (&import->indexes, g_ptr_array_unref);
  g_clear_pointer (&import->codes_read, g_ptr_array_unref);
  g_clear_pointer (&import->competencies_read, g_ptr_array_unref);
  rome_diff_free (import->diff);
  g_free (import->reported_phase);
  g_free (import);
}
