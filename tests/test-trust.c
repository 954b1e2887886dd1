/* test-trust.c: trustworthy input (issue 12, what to build 1 to 3)
 *
 * One test per defect that issue 12 found on the input side, each failing
 * on the code before it (edd0097): a file is read exactly as it is or
 * refused with an error naming the file, the line and the field (or the
 * byte), and the database dump is then identical byte for byte. The
 * malformed corpus is tests/data/malformed/ (small cases as files: ROME
 * overlays of tests/data/rome-mini, mapping files); big and binary cases
 * (UTF-16, gzip, a 128 MiB field, a named pipe, /dev/zero) are made here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "repere-competency.h"
#include "repere-mapping.h"
#include "repere-rating.h"
#include "repere-rome-import.h"
#include "repere-score.h"
#include "repere-spreadsheet.h"
#include "repere-test-util.h"
#include "rome-test-util.h"

static char *tmp_root;

typedef struct
{
  char *dir;
  char *db_path;
  RepereDb *db;
  char *dump; /* the database after rome-mini, before the case */
} Fixture;

static sqlite3 *
handle (Fixture *fixture)
{
  return repere_db_get_handle (fixture->db);
}

/* A database holding rome-mini's referential, so that "unchanged" means
 * something and mapping codes are checked against it. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *mini = rome_test_data_path ("rome-mini");
  g_autoptr (RepereRomeImport) import = NULL;

  fixture->dir = g_build_filename (tmp_root, "XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (fixture->dir));
  fixture->db_path = g_build_filename (fixture->dir, "repere.db", NULL);
  fixture->db = repere_db_open (fixture->db_path, &error);
  g_assert_no_error (error);
  import = repere_rome_import_prepare (fixture->db, mini, REPERE_CSV_ENCODING_AUTO, NULL, NULL,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_rome_import_apply (import, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  fixture->dump = rome_test_dump (handle (fixture));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->db);
  repere_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dump);
}

static void
assert_unchanged (Fixture *fixture)
{
  g_autofree char *after = rome_test_dump (handle (fixture));
  g_assert_cmpstr (after, ==, fixture->dump);
}

/* The message holds every needle (NULL-terminated). */
static void
assert_message (const GError *error, ...)
{
  va_list args;
  const char *needle;

  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  va_start (args, error);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("message “%s” lacks “%s”", error->message, needle);
  va_end (args);
}

/* A copy of rome-mini in the fixture's folder, with the files of
 * tests/data/malformed/@overlay (if any) over it. */
static char *
rome_copy (Fixture *fixture, const char *overlay)
{
  g_autofree char *mini = rome_test_data_path ("rome-mini");
  char *dir = g_build_filename (fixture->dir, "rome", NULL);

  rome_test_copy_dir (mini, dir);
  if (overlay)
    {
      g_autofree char *sub = g_build_filename ("malformed", overlay, NULL);
      g_autofree char *from = rome_test_data_path (sub);
      rome_test_copy_dir (from, dir);
    }
  return dir;
}

static GError *
rome_prepare_error (Fixture *fixture, const char *dir)
{
  GError *error = NULL;
  g_autoptr (RepereRomeImport) import = repere_rome_import_prepare (
      fixture->db, dir, REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL, &error);
  g_assert_null (import);
  g_assert_nonnull (error);
  return error;
}

/* A ROME overlay of the corpus must fail naming its file and @needles. */
static void
assert_rome_case (Fixture *fixture, const char *overlay, GQuark domain, int code, ...)
{
  g_autofree char *dir = rome_copy (fixture, overlay);
  g_autoptr (GError) error = rome_prepare_error (fixture, dir);
  va_list args;
  const char *needle;

  g_test_message ("%s: %s", overlay, error->message);
  g_assert_error (error, domain, code);
  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("%s: message “%s” lacks “%s”", overlay, error->message, needle);
  va_end (args);
  assert_unchanged (fixture);
}

static char *
corpus_path (const char *name)
{
  g_autofree char *sub = g_build_filename ("malformed", name, NULL);
  return rome_test_data_path (sub);
}

static GError *
mapping_error (Fixture *fixture, const char *path)
{
  GError *error = NULL;
  g_assert_false (repere_mapping_import (fixture->db, path, NULL, &error));
  g_assert_nonnull (error);
  return error;
}

/* ------------------------------------------------------------------ */
/* 1. Encoding: never guessed silently                                 */

/* On edd0097 one Latin-1 byte in the first 64 KiB made the whole file
 * Windows-1252: "Chargé" became "ChargÃ©" and the import succeeded. */
static void
test_rome_latin1_byte (Fixture *fixture, gconstpointer data)
{
  assert_rome_case (fixture, "rome-latin1-byte", REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                    "unix_referentiel_code_rome_v100_utf8.csv", "line 5, field 4 (“libelle_rome”)",
                    "column 26", "0xE9", "UTF-8 elsewhere (line 3, column 27)", NULL);
}

/* A NUL byte: was read as Windows-1252, the NUL cutting the title. */
static void
test_rome_nul (Fixture *fixture, gconstpointer data)
{
  assert_rome_case (fixture, "rome-nul", REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                    "unix_referentiel_code_rome_v100_utf8.csv", "line 2, field 4 (“libelle_rome”)",
                    "column 26", "0x00", NULL);
}

/* The mapping: "été" in UTF-8 then a Latin-1 "é" stored "Ã©tÃ©". */
static void
test_mapping_mixed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = corpus_path ("mapping-mixed.csv");
  g_autoptr (GError) error = mapping_error (fixture, path);

  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING);
  assert_message (error, "mapping-mixed.csv", "line 3, field 5 (“note”)", "column 35", "0xE9",
                  "UTF-8 elsewhere (line 2, column 54)", NULL);
  assert_unchanged (fixture);
}

/* The Latin-1 byte first, UTF-8 after: both places are named. */
static void
test_mapping_latin1_first (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = corpus_path ("mapping-latin1-first.csv");
  g_autoptr (GError) error = mapping_error (fixture, path);

  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING);
  assert_message (error, "mapping-latin1-first.csv", "line 3, field 5 (“note”)", "0xC3 0xA9",
                  "byte 0xE9 on line 2, column 35", "mixes two encodings", NULL);
  assert_unchanged (fixture);
}

/* After the first 64 KiB, edd0097 gave an error whose advice ("choose the
 * encoding, e.g. Windows-1252") did not help and named no column. */
static void
test_mapping_late_byte (Fixture *fixture, gconstpointer data)
{
  static const char *const codes[] = { "K1903", "M1601", "M1606", "M1607" };
  g_autofree char *path = g_build_filename (fixture->dir, "late.csv", NULL);
  g_autoptr (GString) text = g_string_new ("job,rome_code,appellation,confidence,note\n");
  g_autoptr (GError) error = NULL;
  g_autofree char *where = NULL;
  sqlite3_stmt *stmt = NULL;
  guint line = 1;
  gsize column = 0;

  /* Every job with every code of rome-mini, long notes in UTF-8, the last
   * row's note in Latin-1, well after the first 64 KiB. */
  g_assert_cmpint (
      sqlite3_prepare_v2 (handle (fixture), "SELECT id FROM job ORDER BY id", -1, &stmt, NULL), ==,
      SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
      {
        const char *job = (const char *) sqlite3_column_text (stmt, 0);
        if (line > 1)
          {
            g_string_append (text, "Déjà vu – ");
            for (guint k = 0; k < 40; k++)
              g_string_append (text, "lorem ipsum ");
            g_string_append_c (text, '\n');
          }
        g_string_append_printf (text, "%s,%s,,low,", job, codes[c]);
        column = strlen (job) + strlen (codes[c]) + 7;
        line++;
      }
  sqlite3_finalize (stmt);
  g_string_append (text, "Caf\xE9\n");
  g_assert_cmpuint (text->len, >, 64 * 1024);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  error = mapping_error (fixture, path);
  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING);
  where = g_strdup_printf ("line %u, field 5 (“note”), column %zu", line, column + 4);
  assert_message (error, "late.csv", where, "0xE9", "UTF-8 elsewhere (line 2", NULL);
  g_assert_null (strstr (error->message, "choose"));
  assert_unchanged (fixture);
}

/* A file that is Windows-1252 throughout is read as such, and said. */
static void
test_mapping_windows_1252 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = corpus_path ("mapping-windows-1252.csv");
  g_autoptr (GError) error = NULL;
  RepereCsvEncoding encoding = REPERE_CSV_ENCODING_AUTO;
  guint rows = 0;

  g_assert_true (repere_mapping_import_full (fixture->db, path, &rows, &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpint (encoding, ==, REPERE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (repere_csv_encoding_get_name (encoding), ==, "Windows-1252");
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count(*) FROM job_rome WHERE note = ?1",
                                          "Accueil en été – ’"),
                   ==, 1);
}

static void
test_mapping_nul (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = corpus_path ("mapping-nul.csv");
  g_autoptr (GError) error = mapping_error (fixture, path);

  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING);
  assert_message (error, "mapping-nul.csv", "line 2, field 5 (“note”), column 50", "0x00", NULL);
  assert_unchanged (fixture);
}

/* The mapping file of mapping-windows-1252.csv's text, in UTF-16. */
static char *
write_utf16 (Fixture *fixture, const char *name, const char *text, const char *charset,
             gboolean bom, gboolean odd)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  gsize len = 0;
  g_autofree char *converted = g_convert (text, -1, charset, "UTF-8", NULL, &len, NULL);
  g_autoptr (GString) bytes = g_string_new (NULL);

  g_assert_nonnull (converted);
  if (bom)
    g_string_append_len (bytes, g_str_equal (charset, "UTF-16LE") ? "\xFF\xFE" : "\xFE\xFF", 2);
  g_string_append_len (bytes, converted, len);
  if (odd)
    g_string_append_c (bytes, 'x');
  g_assert_true (g_file_set_contents (path, bytes->str, bytes->len, NULL));
  return path;
}

/* UTF-16 was read as Windows-1252 (NULs everywhere) and failed without
 * saying what the file is; now a whole valid UTF-16 file is read. */
static void
test_mapping_utf16 (Fixture *fixture, gconstpointer data)
{
  const char *text = "job,rome_code,appellation,confidence,note\n"
                     "charge-d-accueil-d-assistance,M1601,,high,Accueil en été – ’\n";
  static const struct
  {
    const char *charset;
    gboolean bom;
    RepereCsvEncoding expected;
  } cases[] = {
    { "UTF-16LE", TRUE, REPERE_CSV_ENCODING_UTF16LE },
    { "UTF-16LE", FALSE, REPERE_CSV_ENCODING_UTF16LE },
    { "UTF-16BE", TRUE, REPERE_CSV_ENCODING_UTF16BE },
    { "UTF-16BE", FALSE, REPERE_CSV_ENCODING_UTF16BE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path
          = write_utf16 (fixture, "utf16.csv", text, cases[i].charset, cases[i].bom, FALSE);
      g_autoptr (GError) error = NULL;
      RepereCsvEncoding encoding = REPERE_CSV_ENCODING_AUTO;

      g_assert_true (repere_mapping_import_full (fixture->db, path, NULL, &encoding, &error));
      g_assert_no_error (error);
      g_assert_cmpint (encoding, ==, cases[i].expected);
      g_assert_cmpint (repere_test_query_int (handle (fixture),
                                              "SELECT count(*) FROM job_rome WHERE note = ?1",
                                              "Accueil en été – ’"),
                       ==, 1);
    }
}

/* A UTF-16 file cut in the middle of a unit is named as invalid UTF-16. */
static void
test_mapping_utf16_invalid (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_utf16 (fixture, "odd.csv",
                                       "job,rome_code,appellation,confidence,note\n"
                                       "charge-d-accueil-d-assistance,M1601,,high,Accueil\n",
                                       "UTF-16LE", TRUE, TRUE);
  g_autoptr (GError) error = mapping_error (fixture, path);

  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING);
  assert_message (error, "odd.csv", "line ", "not valid UTF-16LE", NULL);
  assert_unchanged (fixture);
}

/* A gzip or zip file named .csv: was decoded as Windows-1252 garbage. */
static void
test_compressed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = corpus_path ("mapping-windows-1252.csv");
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr (GInputStream) plain = NULL;
  g_autoptr (GInputStream) packed = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *path = g_build_filename (fixture->dir, "mapping.csv", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (source, &text, &len, NULL));
  plain = g_memory_input_stream_new_from_data (text, len, NULL);
  packed = g_converter_input_stream_new (plain, G_CONVERTER (gzip));
  g_assert_cmpint (
      g_output_stream_splice (out, packed, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error), >,
      0);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (
      path, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), NULL));
  error = mapping_error (fixture, path);
  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COMPRESSED);
  assert_message (error, "mapping.csv", "compressed file (gzip)", NULL);
  g_clear_error (&error);

  /* A spreadsheet (zip) given as CSV. */
  g_assert_true (g_file_set_contents (path, "PK\x03\x04\x14\x00\x06\x00", 8, NULL));
  error = mapping_error (fixture, path);
  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COMPRESSED);
  assert_message (error, "mapping.csv", "compressed file (zip)", ".xlsx", NULL);
  assert_unchanged (fixture);
}

/* NFD text (macOS) is stored in NFC: a title compares equal to the same
 * title typed, and a ROME import of NFD files changes nothing. */
static void
test_nfd (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = corpus_path ("mapping-nfd.csv");
  g_autofree char *dir = rome_copy (fixture, "rome-nfd");
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereRomeImport) import = NULL;

  g_assert_true (repere_mapping_import (fixture->db, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_test_query_int (handle (fixture),
                                          "SELECT count(*) FROM job_rome WHERE note = ?1",
                                          "Accueil en \xC3\xA9t\xC3\xA9"),
                   ==, 1);
  /* rome-nfd is rome-mini with "Chargé" decomposed: the same referential. */
  import = repere_rome_import_prepare (fixture->db, dir, REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_true (repere_rome_import_get_diff (import)->identical);
}

/* CR-only line ends: every error named line 1. */
static void
test_cr_only (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = corpus_path ("mapping-cr-only.csv");
  g_autoptr (GError) error = mapping_error (fixture, path);

  g_assert_error (error, REPERE_MAPPING_ERROR, REPERE_MAPPING_ERROR_BAD_CODE);
  assert_message (error, "mapping-cr-only.csv", "line 3, field “rome_code”", NULL);
  assert_unchanged (fixture);

  assert_rome_case (fixture, "rome-cr-only", REPERE_ROME_ERROR, REPERE_ROME_ERROR_INVALID,
                    "unix_referentiel_code_rome_v100_utf8.csv", "line 4, field “code_rome”",
                    "M16O6", NULL);
}

/* The summary says which encoding each ROME file was read in; a ROME file
 * in UTF-16 reads as the same referential. */
static void
test_rome_summary (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dir = rome_copy (fixture, NULL);
  g_autofree char *code = g_build_filename (dir, "unix_referentiel_code_rome_v100_utf8.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *utf16 = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereRomeImport) import = NULL;
  g_autofree char *summary = NULL;

  import = repere_rome_import_prepare (fixture->db, dir, REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL,
                                       &error);
  g_assert_no_error (error);
  summary = repere_rome_import_describe_encodings (import);
  g_assert_cmpstr (summary, ==, "Encoding read: UTF-8 (12 files).");
  g_clear_pointer (&import, repere_rome_import_free);
  g_clear_pointer (&summary, g_free);

  g_assert_true (g_file_get_contents (code, &text, NULL, NULL));
  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (utf16);
  g_assert_true (g_file_set_contents (code, utf16, len, NULL));
  import = repere_rome_import_prepare (fixture->db, dir, REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_true (repere_rome_import_get_diff (import)->identical);
  summary = repere_rome_import_describe_encodings (import);
  g_assert_cmpstr (summary, ==,
                   "Encoding read: UTF-8 (11 files); UTF-16LE: "
                   "unix_referentiel_code_rome_v100_utf8.csv.");
}

/* ------------------------------------------------------------------ */
/* 2. Bounded resources                                                */

/* A 128 MiB field was buffered whole before the 256 KiB limit applied. In
 * a subprocess, so that the peak RSS measured is this import's. */
static void
test_big_field (Fixture *fixture, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (fixture->dir, "big.csv", NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *chunk = g_malloc (1024 * 1024);
      struct rusage usage;
      long before;
      FILE *file = fopen (path, "wb");

      fputs ("job,rome_code,appellation,confidence,note\ncharge-d-assistance,K1903,,low,\"", file);
      memset (chunk, 'x', 1024 * 1024);
      for (guint i = 0; i < 128; i++)
        g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, file), ==, 1024 * 1024);
      fputs ("\"\n", file);
      fclose (file);
      g_clear_pointer (&chunk, g_free);
      getrusage (RUSAGE_SELF, &usage);
      before = usage.ru_maxrss;
      error = mapping_error (fixture, path);
      getrusage (RUSAGE_SELF, &usage);
      g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_FIELD_TOO_LONG);
      assert_message (error, "big.csv", "line 2, field 5 (“note”)", NULL);
      assert_unchanged (fixture);
      /* KiB: the field limit plus a block, far below the 128 MiB. */
      g_test_message ("peak RSS %ld KiB, before %ld KiB", usage.ru_maxrss, before);
#if defined(__SANITIZE_ADDRESS__)
      /* Under AddressSanitizer the resident set holds its shadow memory,
       * redzones, stack depot and quarantine (about 100 MB here for the
       * 128 blocks read): the bound is checked by the plain run, this one
       * checks the same path for memory errors and leaks. */
      g_assert_cmpint (usage.ru_maxrss - before, <, 192 * 1024);
#else
      g_assert_cmpint (usage.ru_maxrss - before, <, 16 * 1024);
#endif
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A named pipe among the ROME files hung the import forever; /dev/zero as
 * a mapping file grew without end. Both are refused at once (the
 * subprocess has 10 s). */
static void
test_not_regular (Fixture *fixture, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = rome_copy (fixture, NULL);
      g_autofree char *fifo = g_build_filename (dir, "unix_referentiel_savoir_v100_utf8.csv", NULL);
      g_autofree char *zero = g_build_filename (fixture->dir, "zero.csv", NULL);
      g_autoptr (GError) error = NULL;
      gint64 start;

      g_assert_cmpint (g_unlink (fifo), ==, 0);
      g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
      start = g_get_monotonic_time ();
      error = rome_prepare_error (fixture, dir);
      g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_NOT_REGULAR);
      assert_message (error, "unix_referentiel_savoir_v100_utf8.csv", "a named pipe", NULL);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      g_clear_error (&error);
      assert_unchanged (fixture);

      g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
      error = mapping_error (fixture, zero);
      g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_NOT_REGULAR);
      assert_message (error, "zero.csv", "a device", NULL);
      g_clear_error (&error);
      /* A rating sheet (XLSX, ODS or CSV) is sniffed first: not a pipe. */
      {
        gboolean is_zip = FALSE;
        g_autofree char *description = NULL;
        start = g_get_monotonic_time ();
        g_assert_false (repere_spreadsheet_sniff (fifo, &is_zip, &description, &error));
        g_assert_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_IO);
        assert_message (error, "a named pipe", NULL);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
        g_clear_error (&error);
      }
      error = mapping_error (fixture, fixture->dir);
      g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_NOT_REGULAR);
      assert_message (error, "a folder", NULL);
      assert_unchanged (fixture);
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* Coherence rows                                                      */

/* An empty or unknown code, an unknown code_ogr, and two rows for one
 * link were never checked when coeur_metier was empty. */
static void
test_coherence (Fixture *fixture, gconstpointer data)
{
  const char *file = "unix_coherence_item_v100_utf8.csv";

  assert_rome_case (fixture, "rome-coherence-empty-code", REPERE_ROME_ERROR,
                    REPERE_ROME_ERROR_INVALID, file, "line 5, field “code_rome”",
                    "“” is not a ROME code", NULL);
  assert_rome_case (fixture, "rome-coherence-unknown-code", REPERE_ROME_ERROR,
                    REPERE_ROME_ERROR_UNKNOWN_REFERENCE, file,
                    "line 6, field “code_rome”: the ROME code Z9999 is not in", NULL);
  assert_rome_case (fixture, "rome-coherence-unknown-ogr", REPERE_ROME_ERROR,
                    REPERE_ROME_ERROR_UNKNOWN_REFERENCE, file,
                    "line 7, field “code_ogr”: 999999999 is neither a competency", NULL);
  assert_rome_case (
      fixture, "rome-coherence-conflict", REPERE_ROME_ERROR, REPERE_ROME_ERROR_DUPLICATE, file,
      "line 46, field “code_ogr”: K1903 / 101563 appears twice (first on line 4)", NULL);
}

/* ------------------------------------------------------------------ */
/* 3. Arguments and names                                              */

static char *
run_cli (const char *const *args, int *status)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *err = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REPERE_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, &err, status, &error));
  g_assert_no_error (error);
  return err;
}

/* `--database ""` reported success and lost every write (SQLite's
 * temporary database). */
static void
test_cli_database (Fixture *fixture, gconstpointer data)
{
  int status;
  g_autofree char *err = run_cli ((const char *const[]){ "--no-bundled-rome", "--database", "",
                                                         "assessment", "create", "Essai", NULL },
                                  &status);
  g_autofree char *err2 = NULL;

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "names no database file"));
  err2 = run_cli ((const char *const[]){ "--database", fixture->dir, "jobs", NULL }, &status);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err2, "is a folder"));
  g_assert_nonnull (strstr (err2, fixture->dir));
  assert_unchanged (fixture);
}

/* search-competencies with invalid UTF-8 crashed (g_utf8_normalize gave
 * NULL); the library and the command refuse it. */
static void
test_invalid_utf8_text (Fixture *fixture, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) hits
          = repere_competency_search (fixture->db, "caf\xE9", NULL, FALSE, 0, &error);
      g_assert_null (hits);
      g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_INVALID);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  {
    int status;
    g_autofree char *err = run_cli ((const char *const[]){ "--database", fixture->db_path,
                                                           "search-competencies", "caf\xE9", NULL },
                                    &status);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err, "Argument 2"));
    g_assert_nonnull (strstr (err, "not valid UTF-8"));
    g_assert_nonnull (strstr (err, "0xE9"));
  }
  assert_unchanged (fixture);
}

/* An assessment name with a newline or tab was stored and broke the TSV of
 * `assessment list`; a rater's name likewise. */
static void
test_control_names (Fixture *fixture, gconstpointer data)
{
  static const char *const names[]
      = { "Atelier\nmars", "Atelier\tmars", "Atelier\x1B[31m", "Atelier\xE2\x80\xA8mars" };
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *none = repere_assessment_create (fixture->db, names[i], "experts", &error);
      g_assert_null (none);
      g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_INVALID);
      assert_message (error, "control characters", NULL);
      g_clear_error (&error);
    }
  assert_unchanged (fixture);

  id = repere_assessment_create (fixture->db, "Atelier de mars", "experts", &error);
  g_assert_no_error (error);
  g_clear_pointer (&fixture->dump, g_free);
  fixture->dump = rome_test_dump (handle (fixture));
  g_assert_false (repere_rating_rate (fixture->db, id, "charge-d-assistance", "Anne\tB",
                                      &(gint64){ 101359 }, 1, 3, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_INVALID);
  assert_message (error, "control characters", NULL);
  assert_unchanged (fixture);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmp_root = g_dir_make_tmp ("repere-trust-XXXXXX", &error);
  g_assert_no_error (error);

#define ADD(path, func)                                                                            \
  g_test_add ("/trust/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("encoding/rome-latin1-byte", test_rome_latin1_byte);
  ADD ("encoding/rome-nul", test_rome_nul);
  ADD ("encoding/mapping-mixed", test_mapping_mixed);
  ADD ("encoding/mapping-latin1-first", test_mapping_latin1_first);
  ADD ("encoding/mapping-late-byte", test_mapping_late_byte);
  ADD ("encoding/mapping-windows-1252", test_mapping_windows_1252);
  ADD ("encoding/mapping-nul", test_mapping_nul);
  ADD ("encoding/utf16", test_mapping_utf16);
  ADD ("encoding/utf16-invalid", test_mapping_utf16_invalid);
  ADD ("encoding/compressed", test_compressed);
  ADD ("encoding/nfd", test_nfd);
  ADD ("encoding/cr-only", test_cr_only);
  ADD ("encoding/rome-summary", test_rome_summary);
  ADD ("resources/big-field", test_big_field);
  ADD ("resources/not-regular", test_not_regular);
  ADD ("coherence", test_coherence);
  ADD ("arguments/database", test_cli_database);
  ADD ("arguments/invalid-utf8", test_invalid_utf8_text);
  ADD ("arguments/control-names", test_control_names);
#undef ADD

  status = g_test_run ();
  repere_test_remove_dir (tmp_root);
  g_free (tmp_root);
  return status;
}
