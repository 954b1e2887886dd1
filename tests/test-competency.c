/* test-competency.c: the job ↔ ROME mapping and the competency browser
 *
 * Checks the bundled mapping (data/rome-mapping.csv) loaded on first start,
 * the mapping CSV round trip and its errors (file, line and field named,
 * database unchanged), a job's competencies grouped by kind on fixture rows
 * written into the tables of schema/004-rome.sql, a competency's jobs and
 * codes, the accent-insensitive label search, per-competency ratings
 * feeding the score, the job sheet's competency and rating lists, and,
 * against ../shared/rome/v460, that every mapped code exists there, that
 * every one of the 58 jobs gets competencies and what a job sheet lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "repere-competency.h"
#include "repere-csv.h"
#include "repere-db.h"
#include "repere-mapping.h"
#include "repere-rating.h"
#include "repere-rome-import.h"
#include "repere-score.h"
#include "repere-text.h"

/* Rows of the bundled mapping and jobs it covers (docs/rome-mapping.md). */
#define BUNDLED_ROWS 90
#define STUDY_JOBS 58

typedef struct
{
  char *dir;
  char *path;
  RepereDb *db;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("repere-competency-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "repere.db", NULL);
  fixture->db = repere_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->db);
  repere_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static sqlite3 *
handle (Fixture *fixture)
{
  return repere_db_get_handle (fixture->db);
}

static void
exec_ok (Fixture *fixture, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle (fixture), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every row a query returns, one line each, columns separated by '|'. */
static char *
query_dump (Fixture *fixture, const char *sql)
{
  g_autoptr (GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle (fixture), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, c);
          g_string_append_printf (out, "%s%s", c ? "|" : "", text ? (const char *) text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a mapping import may change: the mapping and the import history. */
static char *
mapping_state (Fixture *fixture)
{
  g_autofree char *mapping = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_autofree char *batches = query_dump (fixture, "SELECT id, kind, label FROM import_batch ORDER BY id");
  g_autofree char *files = query_dump (fixture, "SELECT * FROM import_file ORDER BY batch_id, name");

  return g_strconcat (mapping, "--\n", batches, "--\n", files, NULL);
}

static char *
write_file (Fixture *fixture, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A small ROME referential: two codes, two savoir-faire (one a macro, the
 * other under it), a savoir-être shared by both codes, a savoir, and a
 * competency of a third code no job is mapped to. */
static void
load_rome_fixture (Fixture *fixture)
{
  exec_ok (fixture,
           "INSERT INTO import_batch (id, kind, label, started_at) VALUES"
           " (100, 'rome', 'ROME fixture', '2025-01-01T00:00:00Z');"
           "INSERT INTO rome_code (code, title, ogr, parent_code, batch_id) VALUES"
           " ('D1408', 'Conseiller / Conseillère clientèle à distance', 1, 'D1408', 100),"
           " ('M1601', 'Chargé / Chargée d''accueil', 2, 'M1601', 100),"
           " ('A1101', 'Conducteur / Conductrice d''engins agricoles', 3, 'A1101', 100);"
           "INSERT INTO competency (id, nature, label, category, subcategory, macro_id, macro_code, batch_id) VALUES"
           " (500, 'macro', 'Développer et fidéliser la relation client', 'Savoir-faire', 'Transverse', NULL, '4A1', 100),"
           " (501, 'competence', 'Développer une relation de confiance', 'Savoir-faire', 'Technique', 500, '', 100),"
           " (502, 'macro', 'Faire preuve d''écoute', 'Savoir-être professionnel', 'Transverse', NULL, '5B1', 100),"
           " (503, 'savoir', 'Techniques de vente à distance', 'Techniques professionnelles', 'Vente', NULL, '', 100),"
           " (504, 'competence', 'Conduire un engin agricole', 'Savoir-faire', 'Technique', NULL, '', 100);"
           "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id) VALUES"
           " ('D1408', 500, 'savoir-faire', 'principale', 100), ('D1408', 501, 'savoir-faire', '', 100),"
           " ('D1408', 502, 'savoir-etre', '', 100), ('M1601', 502, 'savoir-etre', 'emergente', 100),"
           " ('D1408', 503, 'savoir', '', 100), ('A1101', 504, 'savoir-faire', 'principale', 100);"
           "INSERT INTO competency_search (competency_search) VALUES ('rebuild');");
}

/* The bundled mapping */

static void
test_bundled (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM job_rome", NULL), ==,
                   BUNDLED_ROWS);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (DISTINCT job_id) FROM job_rome", NULL),
                   ==, STUDY_JOBS);
  /* Every job of the study is mapped, with well-formed codes and confidences. */
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count (*) FROM job WHERE id NOT IN (SELECT job_id FROM job_rome)",
                                          NULL),
                   ==, 0);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count (*) FROM job_rome WHERE confidence NOT IN"
                                          " ('high', 'medium', 'low') OR note = ''",
                                          NULL),
                   ==, 0);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count (*) FROM import_batch b JOIN import_file f"
                                          " ON f.batch_id = b.id WHERE b.kind = 'mapping' AND f.rows = 90",
                                          NULL),
                   ==, 1);
  rows = repere_mapping_list (fixture->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, BUNDLED_ROWS);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (repere_mapping_code_is_valid (((RepereMappingRow *) g_ptr_array_index (rows, i))->rome_code));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = repere_mapping_list (fixture->db, "charge-d-assistance", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((RepereMappingRow *) g_ptr_array_index (rows, 0))->rome_code, ==, "D1408");
  g_assert_cmpstr (((RepereMappingRow *) g_ptr_array_index (rows, 0))->appellation, ==,
                   "Chargé / Chargée d'assistance");
}

static void
test_code_form (void)
{
  g_assert_true (repere_mapping_code_is_valid ("K1903"));
  g_assert_true (repere_mapping_code_is_valid ("A1101"));
  g_assert_false (repere_mapping_code_is_valid ("O1101"));
  g_assert_false (repere_mapping_code_is_valid ("K190"));
  g_assert_false (repere_mapping_code_is_valid ("K19033"));
  g_assert_false (repere_mapping_code_is_valid ("k1903"));
  g_assert_false (repere_mapping_code_is_valid ("K19O3"));
  g_assert_false (repere_mapping_code_is_valid (""));
}

/* Import and export */

/* Issue 12, point 4: notes a spreadsheet would run as formulas are written
 * with the guard apostrophe ("'=1+1"), the numbers as they are, and the
 * import gives back the original text; the rule itself, case by case. */
static void
test_formula_notes (Fixture *fixture, gconstpointer data)
{
  static const char *const notes[]
      = { "=1+1", "+33 1 23 45 67 89", "-", "@SUM(A1)", "'=x", "\tx", "-3", "'abc", "''", "\rx" };
  static const char *const written[]
      = { "'=1+1", "'+33 1 23 45 67 89", "'-", "'@SUM(A1)", "''=x", "'\tx", "-3", "'abc", "'''", "\"'\rx\"" };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "formulas.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *safe = repere_text_spreadsheet_safe (notes[i], FALSE);
      g_autofree char *cell = repere_text_spreadsheet_safe (notes[i], TRUE);
      g_assert_cmpstr (repere_text_spreadsheet_plain (safe), ==, notes[i]);
      /* Every case but a number and an apostrophe before a letter gets
       * the guard, before the text as it is. */
      if (g_strcmp0 (notes[i], "-3") != 0 && g_strcmp0 (notes[i], "'abc") != 0)
        g_assert_true (safe[0] == '\'' && g_str_equal (safe + 1, notes[i]));
      else
        g_assert_cmpstr (safe, ==, notes[i]);
      /* A string cell (XLSX) keeps a formula as text; only the apostrophe
       * case is guarded, so that the same importer rule holds. */
      g_assert_cmpstr (repere_text_spreadsheet_plain (cell), ==, notes[i]);
      g_assert_false (cell[0] == '\'' && notes[i][0] != '\'');
    }
  g_assert_cmpstr (repere_text_spreadsheet_plain ("'x"), ==, "'x");
  g_assert_null (repere_text_spreadsheet_plain (NULL));

  g_assert_cmpint (sqlite3_prepare_v2 (handle (fixture),
                                       "UPDATE job_rome SET note = ?1 WHERE rowid = "
                                       "(SELECT rowid FROM job_rome ORDER BY job_id, rome_code LIMIT 1 OFFSET ?2)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  /* The import trims white space around a field: a note beginning with a
   * tab or a carriage return is checked as written, not as read back. */
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      const char *note = g_ascii_isspace (notes[i][0]) ? notes[i] + 1 : notes[i];
      sqlite3_bind_text (stmt, 1, note, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i * 3);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      g_assert_cmpint (sqlite3_changes (handle (fixture)), ==, 1);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  before = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_assert_true (repere_mapping_export (fixture->db, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, BUNDLED_ROWS);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *field = g_strdup_printf (",%s\n", written[i]);
      if (g_ascii_isspace (notes[i][0]))
        continue;
      if (strstr (text, field) == NULL)
        g_error ("the mapping CSV has no note “%s”", written[i]);
    }
  /* Back to the bundled mapping, then the export imported. */
  g_assert_true (repere_mapping_restore_bundled (fixture->db, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (repere_mapping_import (fixture->db, path, &n, &error));
  g_assert_no_error (error);
  after = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_assert_cmpstr (after, ==, before);
}

static void
test_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = g_build_filename (fixture->dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second.csv", NULL);
  g_autofree char *before = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_autofree char *after = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *user = NULL;
  guint rows = 0;

  g_assert_true (repere_mapping_export (fixture->db, first, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, BUNDLED_ROWS);
  g_assert_true (repere_mapping_import (fixture->db, first, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, BUNDLED_ROWS);
  after = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_assert_cmpstr (after, ==, before);
  g_assert_true (repere_mapping_export (fixture->db, second, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (first, &text1, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (second, &text2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text1, ==, text2);
  /* A note with a comma is quoted. */
  g_assert_nonnull (strstr (text1, ",\"Évalue à distance la situation médicale"));

  /* A user's file: names instead of ids, semicolons, columns in another
   * order, no confidence, a quoted note with a line break, Windows-1252. */
  user = write_file (fixture, "user.csv",
                     "rome_code;job;note\r\n"
                     "d1408;Charg\xe9 d'assistance;\"Notre choix;\r\nvalid\xe9\"\r\n"
                     "M1506;Manager de proximit\xe9;\r\n");
  g_assert_true (repere_mapping_import (fixture->db, user, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 2);
  g_clear_pointer (&after, g_free);
  after = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_assert_cmpstr (after, ==,
                   "charge-d-assistance|D1408|||Notre choix;\r\nvalidé\n"
                   "manager-de-proximite|M1506|||\n");
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count (*) FROM import_batch WHERE kind = 'mapping'", NULL),
                   ==, 3);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT rows FROM import_file WHERE name = 'user.csv'", NULL),
                   ==, 2);

  /* The way back: the bundled mapping, exactly as on first start. */
  g_assert_true (repere_mapping_restore_bundled (fixture->db, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, BUNDLED_ROWS);
  g_clear_pointer (&after, g_free);
  after = query_dump (fixture, "SELECT * FROM job_rome ORDER BY job_id, rome_code");
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  const char *name;
  const char *contents;
  int code;
  const char *fragment; /* the message names file, line and field */
} BadFile;

static void
check_bad_files (Fixture *fixture, const BadFile *files, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *before = mapping_state (fixture);
      g_autofree char *after = NULL;
      g_autofree char *path = write_file (fixture, files[i].name, files[i].contents);

      g_test_message ("%s", files[i].name);
      g_assert_false (repere_mapping_import (fixture->db, path, NULL, &error));
      g_assert_error (error, REPERE_MAPPING_ERROR, files[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, files[i].name));
      g_assert_nonnull (strstr (error->message, files[i].fragment));
      after = mapping_state (fixture);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_errors (Fixture *fixture, gconstpointer data)
{
  static const BadFile files[] = {
    { "unknown-job.csv", "job,rome_code\ncharge-d-assistance,D1408\nBoulanger,D1102\n",
      REPERE_MAPPING_ERROR_UNKNOWN_JOB, "line 3, field “job” = “Boulanger”" },
    { "ambiguous-job.csv", "job,rome_code\nChargé,D1408\n", REPERE_MAPPING_ERROR_UNKNOWN_JOB,
      "line 2, field “job” = “Chargé”" },
    { "bad-code.csv", "job,rome_code,note\njuriste,K1903,ok\njuriste,K19,typo\n", REPERE_MAPPING_ERROR_BAD_CODE,
      "line 3, field “rome_code” = “K19”" },
    { "bad-confidence.csv", "job,rome_code,confidence\njuriste,K1903,sure\n", REPERE_MAPPING_ERROR_INVALID,
      "line 2, field “confidence” = “sure”" },
    { "duplicate.csv", "job,rome_code\njuriste,K1903\nacheteur,M1101\nJuriste,k1903\n",
      REPERE_MAPPING_ERROR_INVALID, "line 4, field “rome_code” = “K1903”: juriste is mapped to K1903 already, on line 2" },
    { "missing-column.csv", "job,appellation\njuriste,Juriste\n", REPERE_MAPPING_ERROR_COLUMN,
      "line 1: column “rome_code” is missing" },
    { "unknown-column.csv", "job,rome,note\njuriste,K1903,\n", REPERE_MAPPING_ERROR_COLUMN,
      "line 1: unknown column “rome”" },
    { "header-only.csv", "job,rome_code\n", REPERE_MAPPING_ERROR_EMPTY, "no mapping row" },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  check_bad_files (fixture, files, G_N_ELEMENTS (files));

  /* Without a referential any well-formed code is accepted… */
  path = write_file (fixture, "before-rome.csv", "job,rome_code\njuriste,K1903\njuriste,N9999\n");
  g_assert_true (repere_mapping_import (fixture->db, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM job_rome", NULL), ==, 2);
  /* …with one, a code it does not have is an error. */
  load_rome_fixture (fixture);
  {
    static const BadFile unknown[] = {
      { "unknown-code.csv", "job,rome_code\ncharge-d-assistance,D1408\nmanager-de-proximite,M1506\n",
        REPERE_MAPPING_ERROR_UNKNOWN_CODE, "line 3, field “rome_code” = “M1506”" },
    };
    check_bad_files (fixture, unknown, G_N_ELEMENTS (unknown));
  }
}

/* Competencies of a job, on fixture rows */

static RepereJobCompetency *
find_competency (GPtrArray *list, gint64 id)
{
  for (guint i = 0; i < list->len; i++)
    if (((RepereJobCompetency *) g_ptr_array_index (list, i))->id == id)
      return g_ptr_array_index (list, i);
  return NULL;
}

static void
test_job_competencies (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  int counts[REPERE_COMPETENCY_N_KINDS];
  RepereJobCompetency *c;

  /* No referential: nothing, and said so. */
  g_assert_false (repere_competency_has_referential (fixture->db));
  list = repere_competency_list_for_job (fixture->db, "charge-d-accueil-d-assistance", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  load_rome_fixture (fixture);
  g_assert_true (repere_competency_has_referential (fixture->db));
  /* The bundled mapping gives this job D1408 and M1601. */
  list = repere_competency_list_for_job (fixture->db, "charge-d-accueil-d-assistance", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  /* Grouped by kind, Principale first within savoir-faire. */
  g_assert_cmpint (((RepereJobCompetency *) g_ptr_array_index (list, 0))->id, ==, 500);
  g_assert_cmpint (((RepereJobCompetency *) g_ptr_array_index (list, 1))->id, ==, 501);
  g_assert_cmpint (((RepereJobCompetency *) g_ptr_array_index (list, 2))->id, ==, 502);
  g_assert_cmpint (((RepereJobCompetency *) g_ptr_array_index (list, 3))->id, ==, 503);
  c = find_competency (list, 500);
  g_assert_cmpint (c->kind, ==, REPERE_COMPETENCY_SAVOIR_FAIRE);
  g_assert_true (c->is_macro);
  g_assert_cmpstr (c->core, ==, "principale");
  g_assert_cmpstr (c->macro_label, ==, "");
  c = find_competency (list, 501);
  g_assert_false (c->is_macro);
  g_assert_cmpstr (c->macro_label, ==, "Développer et fidéliser la relation client");
  g_assert_cmpstr (c->subcategory, ==, "Technique");
  g_assert_cmpstr (c->core, ==, "");
  /* Listed by both codes: Émergente by M1601 wins over D1408's nothing. */
  c = find_competency (list, 502);
  g_assert_cmpint (c->kind, ==, REPERE_COMPETENCY_SAVOIR_ETRE);
  g_assert_cmpstr (c->rome_codes, ==, "D1408, M1601");
  g_assert_cmpstr (c->core, ==, "emergente");
  c = find_competency (list, 503);
  g_assert_cmpint (c->kind, ==, REPERE_COMPETENCY_SAVOIR);
  g_assert_cmpstr (c->category, ==, "Techniques professionnelles");
  g_assert_cmpint (c->rating, ==, 0);
  g_assert_false (c->removed);

  g_assert_true (repere_competency_count_for_job (fixture->db, "charge-d-accueil-d-assistance", counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[REPERE_COMPETENCY_SAVOIR_FAIRE], ==, 2);
  g_assert_cmpint (counts[REPERE_COMPETENCY_SAVOIR_ETRE], ==, 1);
  g_assert_cmpint (counts[REPERE_COMPETENCY_SAVOIR], ==, 1);
  /* Chargé d'assistance has D1408 only; Juriste's K1903 is not in the fixture. */
  g_assert_true (repere_competency_count_for_job (fixture->db, "charge-d-assistance", counts, &error));
  g_assert_cmpint (counts[0] + counts[1] + counts[2], ==, 4);
  g_assert_true (repere_competency_count_for_job (fixture->db, "juriste", counts, &error));
  g_assert_cmpint (counts[0] + counts[1] + counts[2], ==, 0);
}

/* The job sheet's list: each label once per kind, with the strongest flag
 * of the job's codes (the job page's rule), flagged first. */
static void
test_sheet_labels (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    RepereCompetencyKind kind;
    const char *label;
    const char *core;
  } expected[] = {
    { REPERE_COMPETENCY_SAVOIR_FAIRE, "Développer et fidéliser la relation client", "principale" },
    { REPERE_COMPETENCY_SAVOIR_FAIRE, "Développer une relation de confiance", "" },
    /* Émergente for M1601, nothing for D1408: once, Émergente, as the job
     * page shows it (the sheet printed it twice). */
    { REPERE_COMPETENCY_SAVOIR_ETRE, "Faire preuve d'écoute", "emergente" },
    { REPERE_COMPETENCY_SAVOIR, "Techniques de vente à distance", "" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const char *job = "charge-d-accueil-d-assistance";

  /* No referential: nothing. */
  list = repere_competency_list_labels_for_job (fixture->db, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  load_rome_fixture (fixture);
  list = repere_competency_list_labels_for_job (fixture->db, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *c = g_ptr_array_index (list, i);
      g_assert_cmpint (c->kind, ==, expected[i].kind);
      g_assert_cmpstr (c->label, ==, expected[i].label);
      g_assert_cmpstr (c->core, ==, expected[i].core);
      g_assert_cmpstr (c->rome_codes, ==, "");
    }
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Another competency with the same label, Principale for M1601: still one
   * row, now Principale. */
  exec_ok (fixture, "INSERT INTO competency (id, nature, label, batch_id) VALUES"
                    " (505, 'savoir', 'Techniques de vente à distance', 100);"
                    "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id) VALUES"
                    " ('M1601', 505, 'savoir', 'principale', 100);");
  list = repere_competency_list_labels_for_job (fixture->db, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (((RepereJobCompetency *) g_ptr_array_index (list, list->len - 1))->label, ==,
                   "Techniques de vente à distance");
  g_assert_cmpstr (((RepereJobCompetency *) g_ptr_array_index (list, list->len - 1))->core, ==, "principale");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A competency a later import removed is not printed; Juriste's K1903 is
   * not in the fixture. */
  exec_ok (fixture, "UPDATE competency SET removed_batch_id = 100 WHERE id = 501");
  list = repere_competency_list_labels_for_job (fixture->db, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected) - 1);
  g_assert_cmpstr (((RepereJobCompetency *) g_ptr_array_index (list, 1))->label, ==, "Faire preuve d'écoute");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = repere_competency_list_labels_for_job (fixture->db, "juriste", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A query that cannot run is an error, not an empty list. */
  exec_ok (fixture, "ALTER TABLE rome_competency RENAME TO rome_competency_gone");
  list = repere_competency_list_labels_for_job (fixture->db, job, &error);
  g_assert_null (list);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, "competencies"));
}

/* Every assessment's levels of a job, study order then level then label. */
static void
test_job_ratings (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *job = "charge-d-accueil-d-assistance";
  RepereJobRating *r;

  /* The study publishes level counts, not ratings: none for any job. */
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 0);
  list = repere_rating_list_for_job (fixture->db, "medecin-d-assistance", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  load_rome_fixture (fixture);
  first = repere_assessment_create (fixture->db, "Première", "experts", &error);
  g_assert_no_error (error);
  second = repere_assessment_create (fixture->db, "Seconde", "pwc-initial", &error);
  g_assert_no_error (error);
  /* Rated in the second first, to see the order is the assessments'. */
  g_assert_true (repere_competency_rate (fixture->db, second, job, 503, 2, &error));
  g_assert_true (repere_competency_rate (fixture->db, first, job, 501, 1, &error));
  g_assert_true (repere_competency_rate (fixture->db, first, job, 500, 5, &error));
  g_assert_true (repere_competency_rate (fixture->db, first, job, 503, 5, &error));
  g_assert_true (repere_competency_rate (fixture->db, first, "charge-d-assistance", 500, 3, &error));
  g_assert_no_error (error);
  /* A rating kept after its competency left the referential: its code. */
  exec_ok (fixture, "INSERT INTO rating (assessment_id, job_id, competency_id, level, rated_by, rated_at)"
                    " VALUES ('user-seconde', 'charge-d-accueil-d-assistance', '999', 4, 'x', '2025-01-01T00:00:00Z')");

  list = repere_rating_list_for_job (fixture->db, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  r = g_ptr_array_index (list, 0);
  g_assert_cmpstr (r->assessment_id, ==, first);
  g_assert_cmpstr (r->assessment_name, ==, "Première");
  g_assert_cmpstr (r->label, ==, "Développer et fidéliser la relation client");
  g_assert_cmpstr (r->competency_id, ==, "500");
  g_assert_cmpint (r->level, ==, 5);
  r = g_ptr_array_index (list, 1);
  g_assert_cmpstr (r->label, ==, "Techniques de vente à distance");
  g_assert_cmpint (r->level, ==, 5);
  r = g_ptr_array_index (list, 2);
  g_assert_cmpstr (r->label, ==, "Développer une relation de confiance");
  g_assert_cmpint (r->level, ==, 1);
  r = g_ptr_array_index (list, 3);
  g_assert_cmpstr (r->assessment_id, ==, second);
  g_assert_cmpstr (r->label, ==, "999");
  g_assert_cmpint (r->level, ==, 4);
  r = g_ptr_array_index (list, 4);
  g_assert_cmpstr (r->label, ==, "Techniques de vente à distance");
  g_assert_cmpint (r->level, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A query that cannot run is an error, not an empty list. */
  exec_ok (fixture, "ALTER TABLE rating RENAME TO rating_gone");
  list = repere_rating_list_for_job (fixture->db, job, &error);
  g_assert_null (list);
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, "ratings"));
}

static void
test_competency_page (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereCompetencyDetail) detail = NULL;
  RepereCompetencyJob *job;

  load_rome_fixture (fixture);
  detail = repere_competency_get (fixture->db, 502, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail->label, ==, "Faire preuve d'écoute");
  g_assert_cmpint (detail->kind, ==, REPERE_COMPETENCY_SAVOIR_ETRE);
  g_assert_cmpuint (detail->codes->len, ==, 2);
  g_assert_cmpstr (((RepereCompetencyCode *) g_ptr_array_index (detail->codes, 1))->core, ==, "emergente");
  /* Every job mapped to D1408 or M1601 in the bundled mapping, in study order. */
  g_assert_cmpuint (detail->jobs->len, ==, 2);
  job = g_ptr_array_index (detail->jobs, 0);
  g_assert_cmpstr (job->job_id, ==, "charge-d-accueil-d-assistance");
  g_assert_cmpstr (job->rome_codes, ==, "D1408, M1601");
  job = g_ptr_array_index (detail->jobs, 1);
  g_assert_cmpstr (job->job_id, ==, "charge-d-assistance");
  g_assert_true (job->core_job);
  g_clear_pointer (&detail, repere_competency_detail_free);

  /* A competency of a code no job has: codes but no job. */
  detail = repere_competency_get (fixture->db, 504, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detail->codes->len, ==, 1);
  g_assert_cmpuint (detail->jobs->len, ==, 0);
  g_clear_pointer (&detail, repere_competency_detail_free);

  g_assert_null (repere_competency_get (fixture->db, 999, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
}

static guint
search_count (Fixture *fixture, const char *text, const char *job_id, gboolean jobs_only, gint64 first)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = repere_competency_search (fixture->db, text, job_id, jobs_only, 0, &error);

  g_assert_no_error (error);
  if (first)
    {
      g_assert_cmpuint (hits->len, >, 0);
      g_assert_cmpint (((RepereCompetencyHit *) g_ptr_array_index (hits, 0))->id, ==, first);
    }
  return hits->len;
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  RepereCompetencyHit *hit;

  load_rome_fixture (fixture);
  /* Accents and case ignored, words as prefixes, all of them needed. */
  g_assert_cmpuint (search_count (fixture, "developper", NULL, FALSE, 0), ==, 2);
  g_assert_cmpuint (search_count (fixture, "DÉVELOP confiance", NULL, FALSE, 501), ==, 1);
  g_assert_cmpuint (search_count (fixture, "ecoute", NULL, FALSE, 502), ==, 1);
  g_assert_cmpuint (search_count (fixture, "preuve d'écoute", NULL, FALSE, 502), ==, 1);
  g_assert_cmpuint (search_count (fixture, "vente a distance", NULL, FALSE, 503), ==, 1);
  g_assert_cmpuint (search_count (fixture, "engin", NULL, FALSE, 504), ==, 1);
  g_assert_cmpuint (search_count (fixture, "engin", NULL, TRUE, 0), ==, 0);
  g_assert_cmpuint (search_count (fixture, "engin", "charge-d-assistance", FALSE, 0), ==, 0);
  g_assert_cmpuint (search_count (fixture, "relation", "charge-d-assistance", FALSE, 0), ==, 2);
  g_assert_cmpuint (search_count (fixture, "  ;; ", NULL, FALSE, 0), ==, 0);
  g_assert_cmpuint (search_count (fixture, "\"quote", NULL, FALSE, 0), ==, 0);
  g_assert_cmpuint (search_count (fixture, "boulangerie", NULL, FALSE, 0), ==, 0);

  hits = repere_competency_search (fixture->db, "ecoute", NULL, FALSE, 10, &error);
  g_assert_no_error (error);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, REPERE_COMPETENCY_SAVOIR_ETRE);
  g_assert_cmpint (hit->n_codes, ==, 2);
  g_assert_cmpint (hit->n_jobs, ==, 2);
}

/* Ratings */

static double
score_of (Fixture *fixture, const char *assessment, const char *job, char **basis)
{
  sqlite3_stmt *stmt = NULL;
  double score;

  g_assert_cmpint (sqlite3_prepare_v2 (handle (fixture),
                                       "SELECT computed_score, basis FROM job_result"
                                       " WHERE assessment_id = ?1 AND job_id = ?2",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, job, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  score = sqlite3_column_double (stmt, 0);
  if (basis)
    *basis = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return score;
}

static void
test_ratings (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *assessment = NULL;
  g_autofree char *scores_before = NULL;
  g_autofree char *scores_after = NULL;
  g_autofree char *basis = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const char *job = "charge-d-accueil-d-assistance";
  double before, other_before;

  load_rome_fixture (fixture);
  assessment = repere_assessment_create (fixture->db, "Ma société", "experts", &error);
  g_assert_no_error (error);
  scores_before = query_dump (fixture, "SELECT job_id, score, basis FROM computed_result"
                                       " WHERE assessment_id = 'user-ma-societe' ORDER BY job_id");
  before = score_of (fixture, assessment, job, &basis);
  g_assert_cmpstr (basis, ==, "published");
  g_clear_pointer (&basis, g_free);
  other_before = score_of (fixture, assessment, "juriste", NULL);

  /* One rating at level 5 of the job's 4 competencies: a draft "1 / 4",
   * and no score of the assessment moves (issue 10). */
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 500, 5, &error));
  g_assert_no_error (error);
  scores_after = query_dump (fixture, "SELECT job_id, score, basis FROM computed_result"
                                      " WHERE assessment_id = 'user-ma-societe' ORDER BY job_id");
  g_assert_cmpstr (scores_after, ==, scores_before);
  g_clear_pointer (&scores_after, g_free);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT rated * 100 + retained FROM computed_result"
                                          " WHERE assessment_id = 'user-ma-societe' AND job_id = ?1",
                                          job),
                   ==, 104);
  /* Applied although incomplete: the job's counts are (0, 0, 0, 0, 1), the
   * largest raw index possible, so it scores 1,00 and every other job
   * moves down in the same ratio. */
  g_assert_true (repere_rating_apply (fixture->db, assessment, job, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (score_of (fixture, assessment, job, &basis), 1.0, 1e-9);
  g_assert_cmpstr (basis, ==, "ratings");
  g_clear_pointer (&basis, g_free);
  g_assert_cmpfloat (score_of (fixture, assessment, "juriste", NULL), <, other_before);
  g_assert_cmpint (repere_assessment_count_ratings (fixture->db, assessment, job), ==, 1);
  g_assert_cmpint (repere_assessment_count_ratings (fixture->db, assessment, NULL), ==, 1);
  g_assert_cmpint (repere_assessment_count_ratings (fixture->db, assessment, "juriste"), ==, 0);
  /* Typed counts would do nothing while ratings give the counts: refused. */
  {
    const int counts[5] = { 10, 0, 0, 0, 0 };
    g_assert_false (repere_assessment_set_level_counts (fixture->db, assessment, job, counts, &error));
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_HAS_RATINGS);
    g_clear_error (&error);
    g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM user_level_count", NULL), ==, 0);
  }
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count (*) FROM rating WHERE rated_by <> '' AND rated_at LIKE '____-__-__T%Z'",
                                          NULL),
                   ==, 1);
  /* Two more at level 1: (2, 0, 0, 0, 1) gives a lower raw index. */
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 501, 1, &error));
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 503, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (score_of (fixture, assessment, job, NULL), 1.0, 1e-9);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT round (raw_index * 1000) FROM computed_result"
                                          " WHERE assessment_id = 'user-ma-societe' AND job_id = ?1",
                                          job),
                   ==, 333);
  list = repere_competency_list_for_job (fixture->db, job, assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_competency (list, 500)->rating, ==, 5);
  g_assert_cmpint (find_competency (list, 501)->rating, ==, 1);
  g_assert_cmpint (find_competency (list, 502)->rating, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* The job page's results show the ratings as the assessment's level counts. */
  {
    g_autoptr (RepereJobDetail) detail = repere_db_get_job (fixture->db, job, &error);
    gboolean seen = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < detail->results->len; i++)
      {
        RepereJobResult *r = g_ptr_array_index (detail->results, i);
        if (g_strcmp0 (r->assessment_id, assessment) != 0)
          continue;
        seen = TRUE;
        g_assert_true (r->has_counts);
        g_assert_cmpint (r->competencies, ==, 3);
        g_assert_cmpint (r->counts[0], ==, 2);
        g_assert_cmpint (r->counts[4], ==, 1);
        g_assert_cmpint (r->counts[1] + r->counts[2] + r->counts[3], ==, 0);
      }
    g_assert_true (seen);
  }
  /* And so do the counts in force that the distribution view draws. */
  {
    int counts[5] = { 0 };

    g_assert_true (repere_assessment_get_level_counts (fixture->db, assessment, job, counts, &error));
    g_assert_no_error (error);
    g_assert_cmpint (counts[0], ==, 2);
    g_assert_cmpint (counts[1] + counts[2] + counts[3], ==, 0);
    g_assert_cmpint (counts[4], ==, 1);
  }
  /* Ratings are per assessment: the study's show none and cannot take any. */
  list = repere_competency_list_for_job (fixture->db, job, "experts", &error);
  g_assert_cmpint (find_competency (list, 500)->rating, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_false (repere_competency_rate (fixture->db, "experts", job, 500, 3, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* A competency the job does not have, a level out of range. */
  g_assert_false (repere_competency_rate (fixture->db, assessment, job, 504, 3, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (repere_competency_rate (fixture->db, assessment, job, 500, 6, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY);
  g_clear_error (&error);

  /* Clearing every rating restores every score exactly. */
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 500, 0, &error));
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 501, 0, &error));
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 503, 0, &error));
  g_assert_no_error (error);
  scores_after = query_dump (fixture, "SELECT job_id, score, basis FROM computed_result"
                                      " WHERE assessment_id = 'user-ma-societe' ORDER BY job_id");
  g_assert_cmpstr (scores_after, ==, scores_before);
  g_assert_cmpfloat (score_of (fixture, assessment, job, NULL), ==, before);
}

static void
test_ratings_survive (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *assessment = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const char *job = "charge-d-assistance";
  RepereJobCompetency *c;

  load_rome_fixture (fixture);
  assessment = repere_assessment_create (fixture->db, "Ma société", "experts", &error);
  g_assert_no_error (error);
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 501, 4, &error));
  g_assert_no_error (error);
  g_assert_true (repere_rating_apply (fixture->db, assessment, job, TRUE, &error));
  g_assert_no_error (error);

  /* A later ROME version drops competency 501 (the import keeps the row,
   * flagged, and drops its links), and a new mapping is imported. */
  exec_ok (fixture, "INSERT INTO import_batch (id, kind, label, started_at) VALUES"
                    " (101, 'rome', 'ROME fixture 2', '2025-06-01T00:00:00Z');"
                    "UPDATE competency SET removed_batch_id = 101 WHERE id = 501;"
                    "DELETE FROM rome_competency WHERE competency_id = 501;");
  {
    g_autofree char *path = write_file (fixture, "m.csv", "job,rome_code\ncharge-d-assistance,D1408\n");
    g_assert_true (repere_mapping_import (fixture->db, path, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 1);
  list = repere_competency_list_for_job (fixture->db, job, assessment, &error);
  g_assert_no_error (error);
  c = find_competency (list, 501);
  g_assert_nonnull (c);
  g_assert_true (c->removed);
  g_assert_cmpint (c->rating, ==, 4);
  g_assert_cmpstr (c->rome_codes, ==, "");
  g_assert_cmpstr (c->label, ==, "Développer une relation de confiance");
  /* Still counted, still clearable. */
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT basis = 'ratings' FROM computed_result"
                                          " WHERE assessment_id = 'user-ma-societe' AND job_id = ?1",
                                          job),
                   ==, 1);

  /* A copy of the assessment copies its ratings; deleting either deletes
   * its own ratings only (rating has no ON DELETE CASCADE). */
  copy = repere_assessment_create (fixture->db, "Copie", assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 2);
  g_assert_true (repere_assessment_delete (fixture->db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 1);
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 501, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 0);
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 500, 2, &error));
  g_assert_true (repere_assessment_revert (fixture->db, assessment, job, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 0);
  g_assert_true (repere_competency_rate (fixture->db, assessment, job, 500, 2, &error));
  g_assert_true (repere_assessment_delete (fixture->db, assessment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture), "SELECT count (*) FROM rating", NULL), ==, 0);
}

/* Against ROME 4.0 v460 */

static const char *
v460_dir (void)
{
  const char *dir = g_getenv ("REPERE_ROME_V460");
  return dir && g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

/* Reads one column pair of a v460 file into a set of "a\tb" or "a". */
static GHashTable *
read_v460 (const char *file, const char *column, const char *filter_column, const char *filter_value)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (v460_dir (), file, NULL);
  g_autoptr (RepereCsvReader) reader = repere_csv_reader_new_for_path (path, REPERE_CSV_ENCODING_UTF8, &error);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int index, filter = -1;

  g_assert_no_error (error);
  g_assert_true (repere_csv_reader_read_header (reader, &error));
  index = repere_csv_reader_find_column (reader, column);
  g_assert_cmpint (index, >=, 0);
  if (filter_column)
    g_assert_cmpint ((filter = repere_csv_reader_find_column (reader, filter_column)), >=, 0);
  while (repere_csv_reader_next (reader, &error))
    if (filter < 0 || strcmp (repere_csv_reader_get_field (reader, filter), filter_value) == 0)
      g_hash_table_add (set, g_strdup (repere_csv_reader_get_field (reader, index)));
  g_assert_no_error (error);
  return set;
}

static void
test_v460_codes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GHashTable) codes = NULL;
  g_autoptr (GHashTable) linked = NULL;
  g_autoptr (GHashTable) appellations = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) jobs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;

  if (v460_dir () == NULL)
    {
      g_test_skip ("../shared/rome/v460 is absent");
      return;
    }
  codes = read_v460 ("unix_referentiel_code_rome_v460_utf8.csv", "code_rome", NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (codes), ==, 1584);
  /* Codes that bloc 5 (competencies) links to something. */
  linked = read_v460 ("unix_liens_rome_referentiels_v460_utf8.csv", "code_rome", "code_compo_bloc", "5");
  appellations = read_v460 ("unix_referentiel_appellation_v460_utf8.csv", "libelle_appellation_long", NULL, NULL);
  rows = repere_mapping_list (fixture->db, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      RepereMappingRow *row = g_ptr_array_index (rows, i);
      g_test_message ("%s → %s", row->job_id, row->rome_code);
      g_assert_true (g_hash_table_contains (codes, row->rome_code));
      g_assert_true (g_hash_table_contains (linked, row->rome_code));
      g_assert_true (*row->appellation == '\0' || g_hash_table_contains (appellations, row->appellation));
      g_hash_table_add (jobs, row->job_id);
    }
  /* So every one of the 58 jobs has at least one competency in v460. */
  g_assert_cmpuint (g_hash_table_size (jobs), ==, STUDY_JOBS);
}


/* Acceptance 6 of issue 4: with v460 imported and the bundled mapping, every
 * one of the 58 jobs has competencies; the bundled mapping re-imports
 * cleanly against the referential (every code known). */
static void
test_v460_import (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereRomeImport) import = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RepereCsvReader) reader = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GPtrArray) list = NULL;
  sqlite3_stmt *stmt = NULL;
  guint jobs = 0;
  guint rows = 0;

  if (v460_dir () == NULL)
    {
      g_test_skip ("../shared/rome/v460 is absent");
      return;
    }
  import = repere_rome_import_prepare (fixture->db, v460_dir (), REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_rome_import_apply (import, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (handle (fixture), "SELECT id FROM job ORDER BY family_code, position", -1,
                                       &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *job = (const char *) sqlite3_column_text (stmt, 0);
      int counts[REPERE_COMPETENCY_N_KINDS];
      g_assert_true (repere_competency_count_for_job (fixture->db, job, counts, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %d / %d / %d", job, counts[0], counts[1], counts[2]);
      g_assert_cmpint (counts[REPERE_COMPETENCY_SAVOIR_FAIRE], >=, 1);
      jobs++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (jobs, ==, STUDY_JOBS);
  /* The job sheet's lists on v460: Médecin d'assistance (J1108, K1402)
   * has 43 savoir-faire, 7 savoir-être and 35 savoirs lines, as many as
   * the job page's competencies (two savoirs are Principale for one code
   * and not for the other: once each, Principale; the sheet printed them
   * twice); the Assistant's "Sténographie" is Principale for one of its
   * codes only, so once, Principale. */
  {
    g_autoptr (GPtrArray) labels = repere_competency_list_labels_for_job (fixture->db, "medecin-d-assistance", &error);
    int per_kind[REPERE_COMPETENCY_N_KINDS] = { 0 };
    int counts[REPERE_COMPETENCY_N_KINDS];
    guint steno = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < labels->len; i++)
      per_kind[((RepereJobCompetency *) g_ptr_array_index (labels, i))->kind]++;
    g_assert_cmpint (per_kind[REPERE_COMPETENCY_SAVOIR_FAIRE], ==, 43);
    g_assert_cmpint (per_kind[REPERE_COMPETENCY_SAVOIR_ETRE], ==, 7);
    g_assert_cmpint (per_kind[REPERE_COMPETENCY_SAVOIR], ==, 35);
    g_assert_true (repere_competency_count_for_job (fixture->db, "medecin-d-assistance", counts, &error));
    for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
      g_assert_cmpint (per_kind[k], ==, counts[k]);
    g_clear_pointer (&labels, g_ptr_array_unref);
    labels = repere_competency_list_labels_for_job (fixture->db, "assistant", &error);
    g_assert_no_error (error);
    for (guint i = 0; i < labels->len; i++)
      {
        RepereJobCompetency *c = g_ptr_array_index (labels, i);
        if (g_str_equal (c->label, "Sténographie"))
          {
            g_assert_cmpstr (c->core, ==, "principale");
            steno++;
          }
      }
    g_assert_cmpuint (steno, ==, 1);
  }

  bytes = g_resources_lookup_data ("/org/observatoire_assistance/Repere/" REPERE_MAPPING_RESOURCE, 0, &error);
  g_assert_no_error (error);
  reader = repere_csv_reader_new_for_bytes (bytes, REPERE_MAPPING_RESOURCE, REPERE_CSV_ENCODING_UTF8);
  g_assert_true (repere_mapping_import_reader (fixture->db, reader, "bundled again", &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, BUNDLED_ROWS);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count (*) FROM job_rome WHERE rome_code NOT IN"
                                          " (SELECT code FROM rome_code)",
                                          NULL),
                   ==, 0);

  /* Chargé d'assistance (D1408) in v460, and the search on real labels. */
  list = repere_competency_list_for_job (fixture->db, "charge-d-assistance", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 20);
  hits = repere_competency_search (fixture->db, "developper", NULL, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      RepereCompetencyHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *folded = g_utf8_casefold (hit->label, -1);
      g_assert_nonnull (strstr (folded, "développ"));
      g_assert_cmpint (hit->n_jobs, >, 0);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/competency/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("mapping/bundled", test_bundled);
  g_test_add_func ("/competency/mapping/code-form", test_code_form);
  ADD ("mapping/round-trip", test_round_trip);
  ADD ("mapping/formula-notes", test_formula_notes);
  ADD ("mapping/errors", test_errors);
  ADD ("job-competencies", test_job_competencies);
  ADD ("sheet-labels", test_sheet_labels);
  ADD ("job-ratings", test_job_ratings);
  ADD ("competency-page", test_competency_page);
  ADD ("search", test_search);
  ADD ("ratings", test_ratings);
  ADD ("ratings-survive", test_ratings_survive);
  ADD ("v460/mapped-codes", test_v460_codes);
  ADD ("v460/every-job-has-competencies", test_v460_import);
#undef ADD
  return g_test_run ();
}
