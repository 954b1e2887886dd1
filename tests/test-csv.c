/* test-csv.c: the streaming CSV reader and the CSV → SQLite table import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include <csv.h>

#include "repere-csv.h"
#include "repere-table-import.h"

#define DISPLAY_NAME "jobs-test.csv"

/* Helpers */

static RepereCsvReader *
reader_for (const char *data, gssize len, RepereCsvEncoding encoding)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  return repere_csv_reader_new_for_bytes (bytes, DISPLAY_NAME, encoding);
}

/* Reads the header and every record; @rows gets one GStrv per record. On
 * error, @rows holds the records read before it. */
static gboolean
read_all (RepereCsvReader *reader, GPtrArray **rows, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean ok;

  ok = repere_csv_reader_read_header (reader, error);
  while (ok && repere_csv_reader_next (reader, error))
    {
      GStrvBuilder *builder = g_strv_builder_new ();
      for (guint i = 0; i < repere_csv_reader_get_n_fields (reader); i++)
        g_strv_builder_add (builder, repere_csv_reader_get_field (reader, i));
      g_ptr_array_add (records, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  if (ok && error != NULL && *error != NULL)
    ok = FALSE;
  if (rows)
    *rows = g_steal_pointer (&records);
  return ok;
}

/* Asserts that reading @data fails with @domain/@code and that the message
 * contains every string of the NULL-terminated list. */
static void
assert_read_error (const char *data, gssize len, RepereCsvEncoding encoding, int code, ...)
{
  g_autoptr (RepereCsvReader) reader = reader_for (data, len, encoding);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  va_list args;
  const char *needle;

  g_assert_false (read_all (reader, &rows, &error));
  g_assert_error (error, REPERE_CSV_ERROR, code);
  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, needle) == NULL)
        g_error ("message “%s” lacks “%s”", error->message, needle);
    }
  va_end (args);
}

static const char *
row_field (GPtrArray *rows, guint row, guint column)
{
  char **fields = g_ptr_array_index (rows, row);
  g_assert_cmpuint (column, <, g_strv_length (fields));
  return fields[column];
}

/* CSV reader */

static void
test_csv_delimiters (void)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      char c = delimiters[d];
      /* Every candidate appears once inside a quoted field of the header,
       * which must not count, and several times in the data row. */
      g_autofree char *data = g_strdup_printf ("code%cname%c\"a,b;c\td|e\"\n"
                                               "01%c\"Ops, medical; misc | x\ty\"%cz\n",
                                               c, c, c, c);
      g_autoptr (RepereCsvReader) reader = reader_for (data, -1, REPERE_CSV_ENCODING_AUTO);
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("delimiter 0x%02x", c);
      g_assert_true (read_all (reader, &rows, &error));
      g_assert_no_error (error);
      g_assert_cmpint (repere_csv_reader_get_delimiter (reader), ==, c);
      g_assert_cmpuint (repere_csv_reader_get_n_columns (reader), ==, 3);
      g_assert_cmpstr (repere_csv_reader_get_column_name (reader, 0), ==, "code");
      g_assert_cmpstr (repere_csv_reader_get_column_name (reader, 2), ==, "a,b;c\td|e");
      g_assert_cmpint (repere_csv_reader_find_column (reader, "name"), ==, 1);
      g_assert_cmpint (repere_csv_reader_find_column (reader, "Name"), ==, -1);
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_cmpstr (row_field (rows, 0, 0), ==, "01");
      g_assert_cmpstr (row_field (rows, 0, 1), ==, "Ops, medical; misc | x\ty");
      g_assert_cmpstr (row_field (rows, 0, 2), ==, "z");
    }
}

static void
test_csv_multiline (void)
{
  /* Multi-line quoted fields in a middle column and in the first column,
   * with doubled quotes; each record reports the line it starts on. */
  const char *data = "id,text,n\n"
                     "1,\"line one\nline \"\"two\"\"\",x\n"
                     "\"2\n\",\"a\n\nb\",y\n"
                     "3,plain,z\n";
  static const guint64 lines[] = { 2, 4, 8 };
  g_autoptr (RepereCsvReader) reader = reader_for (data, -1, REPERE_CSV_ENCODING_UTF8);
  g_autoptr (GError) error = NULL;
  guint row = 0;

  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_no_error (error);
  while (repere_csv_reader_next (reader, &error))
    {
      g_assert_cmpuint (row, <, G_N_ELEMENTS (lines));
      g_assert_cmpuint (repere_csv_reader_get_line (reader), ==, lines[row]);
      if (row == 0)
        g_assert_cmpstr (repere_csv_reader_get_field (reader, 1), ==, "line one\nline \"two\"");
      if (row == 1)
        {
          g_assert_cmpstr (repere_csv_reader_get_field (reader, 0), ==, "2\n");
          g_assert_cmpstr (repere_csv_reader_get_field (reader, 1), ==, "a\n\nb");
        }
      if (row == 2)
        g_assert_cmpstr (repere_csv_reader_get_field (reader, 2), ==, "z");
      row++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, G_N_ELEMENTS (lines));
}

static void
test_csv_crlf (void)
{
  const char *data = "a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n\r\n4,5\r\n";
  g_autoptr (RepereCsvReader) reader = reader_for (data, -1, REPERE_CSV_ENCODING_AUTO);
  g_autoptr (GError) error = NULL;
  static const guint64 lines[] = { 2, 3, 6 };
  guint row = 0;

  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_cmpstr (repere_csv_reader_get_column_name (reader, 1), ==, "b");
  while (repere_csv_reader_next (reader, &error))
    {
      g_assert_cmpuint (row, <, G_N_ELEMENTS (lines));
      g_assert_cmpuint (repere_csv_reader_get_line (reader), ==, lines[row]);
      for (guint i = 0; i < 2; i++)
        {
          const char *field = repere_csv_reader_get_field (reader, i);
          /* Only the quoted field keeps its line break. */
          if (row == 1 && i == 1)
            g_assert_cmpstr (field, ==, "x\r\ny");
          else
            g_assert_null (strchr (field, '\r'));
        }
      row++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, 3);
}

static void
test_csv_blank_lines (void)
{
  /* Blank and space-only lines hold no record; with tabs as delimiter, a
   * line of one tab is a record of two empty fields. */
  const char *data = "a\tb\n\n   \n\t\n \"x\ny\"\tz\n";
  static const guint64 lines[] = { 4, 5 };
  g_autoptr (RepereCsvReader) reader = reader_for (data, -1, REPERE_CSV_ENCODING_AUTO);
  g_autoptr (GError) error = NULL;
  guint row = 0;

  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_cmpint (repere_csv_reader_get_delimiter (reader), ==, '\t');
  while (repere_csv_reader_next (reader, &error))
    {
      g_assert_cmpuint (row, <, G_N_ELEMENTS (lines));
      g_assert_cmpuint (repere_csv_reader_get_line (reader), ==, lines[row]);
      if (row == 0)
        {
          g_assert_cmpstr (repere_csv_reader_get_field (reader, 0), ==, "");
          g_assert_cmpstr (repere_csv_reader_get_field (reader, 1), ==, "");
        }
      else
        {
          g_assert_cmpstr (repere_csv_reader_get_field (reader, 0), ==, "x\ny");
          g_assert_cmpstr (repere_csv_reader_get_field (reader, 1), ==, "z");
        }
      row++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, G_N_ELEMENTS (lines));
}

static void
test_csv_bom (void)
{
  static const RepereCsvEncoding encodings[] = { REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ENCODING_UTF8 };
  const char *data = "\xEF\xBB\xBFname;value\n\xC3\x89t\xC3\xA9;1\n";

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr (RepereCsvReader) reader = reader_for (data, -1, encodings[e]);
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (read_all (reader, &rows, &error));
      g_assert_no_error (error);
      g_assert_cmpint (repere_csv_reader_get_encoding (reader), ==, REPERE_CSV_ENCODING_UTF8);
      g_assert_cmpint (repere_csv_reader_get_delimiter (reader), ==, ';');
      g_assert_cmpstr (repere_csv_reader_get_column_name (reader, 0), ==, "name");
      g_assert_cmpint (repere_csv_reader_find_column (reader, "name"), ==, 0);
      g_assert_cmpstr (row_field (rows, 0, 0), ==, "Été");
    }
}

static void
test_csv_windows_1252 (void)
{
  /* "Médecin d’assistance;Coût 5 €" in Windows-1252: é = 0xE9, ’ = 0x92,
   * û = 0xFB, € = 0x80; not valid UTF-8. */
  const char data[] = "nom;prix\nM\xE9" "decin d\x92" "assistance;Co\xFB" "t 5 \x80\n";
  g_autoptr (RepereCsvReader) reader = reader_for (data, sizeof data - 1, REPERE_CSV_ENCODING_AUTO);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (g_utf8_validate (data, -1, NULL));
  g_assert_true (read_all (reader, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_csv_reader_get_encoding (reader), ==, REPERE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_field (rows, 0, 0), ==, "M\xC3\xA9" "decin d\xE2\x80\x99" "assistance");
  g_assert_cmpstr (row_field (rows, 0, 1), ==, "Co\xC3\xBB" "t 5 \xE2\x82\xAC");
  g_assert_true (g_utf8_validate (row_field (rows, 0, 0), -1, NULL));
}

static void
test_csv_latin1 (void)
{
  const char data[] = "nom\nJos\xE9\n";
  g_autoptr (RepereCsvReader) reader = reader_for (data, sizeof data - 1, REPERE_CSV_ENCODING_LATIN1);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (read_all (reader, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_csv_reader_get_encoding (reader), ==, REPERE_CSV_ENCODING_LATIN1);
  g_assert_cmpstr (row_field (rows, 0, 0), ==, "Jos\xC3\xA9");
}

static void
test_csv_encoding_errors (void)
{
  /* 0x81 has no character in Windows-1252 (nor is it UTF-8). */
  const char cp1252[] = "a,b\n1,2\nx\x81y,3\n";
  /* 0xFF 0xFE can never occur in UTF-8. */
  const char utf8[] = "a,b\n1,2\n3,\xFF\xFE\n";

  assert_read_error (cp1252, sizeof cp1252 - 1, REPERE_CSV_ENCODING_WINDOWS_1252,
                     REPERE_CSV_ERROR_ENCODING, DISPLAY_NAME, "line 3", "“a”", NULL);
  assert_read_error (utf8, sizeof utf8 - 1, REPERE_CSV_ENCODING_UTF8, REPERE_CSV_ERROR_ENCODING,
                     DISPLAY_NAME, "line 3", "“b”", "0xFF", NULL);
}

static void
test_csv_syntax_errors (void)
{
  /* An unclosed quote that runs to the end, with and without a final newline. */
  assert_read_error ("a,b\n1,2\n3,\"never closed\n4,5\n", -1, REPERE_CSV_ENCODING_AUTO,
                     REPERE_CSV_ERROR_SYNTAX, DISPLAY_NAME, "line 3", NULL);
  assert_read_error ("a,b\n1,2\n3,\"truncated", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_SYNTAX,
                     DISPLAY_NAME, "line 3", NULL);
  /* The open quote is the record's first field: the line where it opens. */
  assert_read_error ("a,b\n1,2\n\"open,3\n4,5\n6,7\n", -1, REPERE_CSV_ENCODING_AUTO,
                     REPERE_CSV_ERROR_SYNTAX, DISPLAY_NAME, "line 3", NULL);
  /* A quote in the middle of an unquoted field, and text after a closing quote. */
  assert_read_error ("a,b\n1,2\n3,x\"y\n", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_SYNTAX,
                     DISPLAY_NAME, "line 3", NULL);
  assert_read_error ("a,b\n1,\"x\"y\n", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_SYNTAX,
                     DISPLAY_NAME, "line 2", NULL);
}

static void
test_csv_columns (void)
{
  assert_read_error ("a,b,c\n1,2,3\n4,5\n", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_COLUMNS,
                     DISPLAY_NAME, "line 3", NULL);
  assert_read_error ("a,b,c\n1,2,3\n\n4,5,6,7\n", -1, REPERE_CSV_ENCODING_AUTO,
                     REPERE_CSV_ERROR_COLUMNS, DISPLAY_NAME, "line 4", NULL);
  /* A file cut in the middle of a record (no open quote). */
  assert_read_error ("a,b,c\n1,2,3\n4,5", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_COLUMNS,
                     DISPLAY_NAME, "line 3", NULL);
  /* Header problems. */
  assert_read_error ("a,b,a\n1,2,3\n", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_COLUMNS,
                     DISPLAY_NAME, "line 1", "“a”", NULL);
  assert_read_error ("a,,c\n1,2,3\n", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_COLUMNS,
                     DISPLAY_NAME, "line 1", NULL);
}

static void
test_csv_empty (void)
{
  assert_read_error ("", 0, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_EMPTY, DISPLAY_NAME, NULL);
  assert_read_error ("\xEF\xBB\xBF", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_EMPTY, DISPLAY_NAME,
                     NULL);
  assert_read_error ("\n\r\n\n", -1, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_EMPTY, DISPLAY_NAME, NULL);

  /* A header alone is a valid, empty table. */
  {
    g_autoptr (RepereCsvReader) reader = reader_for ("a,b\n", -1, REPERE_CSV_ENCODING_AUTO);
    g_autoptr (GPtrArray) rows = NULL;
    g_autoptr (GError) error = NULL;
    g_assert_true (read_all (reader, &rows, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 0);
    g_assert_cmpuint (repere_csv_reader_get_n_columns (reader), ==, 2);
  }
}

static void
test_csv_field_too_long (void)
{
  gsize big = 1024 * 1024;
  g_autoptr (GString) data = g_string_new ("id,text\n1,short\n2,\"");

  g_assert_cmpuint (big, >, REPERE_CSV_MAX_FIELD);
  for (gsize i = 0; i < big; i++)
    g_string_append_c (data, i % 80 == 79 ? '\n' : 'x');
  g_string_append (data, "\"\n3,after\n");
  assert_read_error (data->str, data->len, REPERE_CSV_ENCODING_AUTO, REPERE_CSV_ERROR_FIELD_TOO_LONG,
                     DISPLAY_NAME, "line 3", "“text”", NULL);

  /* A field of exactly the limit is accepted. */
  g_string_assign (data, "id,text\n1,");
  for (gsize i = 0; i < REPERE_CSV_MAX_FIELD; i++)
    g_string_append_c (data, 'y');
  g_string_append_c (data, '\n');
  {
    g_autoptr (RepereCsvReader) reader = reader_for (data->str, data->len, REPERE_CSV_ENCODING_AUTO);
    g_autoptr (GPtrArray) rows = NULL;
    g_autoptr (GError) error = NULL;
    g_assert_true (read_all (reader, &rows, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (row_field (rows, 0, 1)), ==, REPERE_CSV_MAX_FIELD);
  }
}

#define N_LARGE_ROWS 20000

/* Header, then N_LARGE_ROWS records "i,label i – é,3i" (record i on line i + 2),
 * then @tail. */
static GString *
large_file (const char *tail)
{
  GString *data = g_string_new ("id,label,value\n");

  for (guint i = 0; i < N_LARGE_ROWS; i++)
    g_string_append_printf (data, "%u,\"label %u – é\",%u\n", i, i, 3 * i);
  g_string_append (data, tail);
  return data;
}

/* Reads a large file through a real file stream; checks every generated
 * record, then expects @tail_rows more records and the error @expected_code
 * naming @expected_line (or the end when @expected_line is %NULL). */
static void
check_large (const char *tail, guint tail_rows, int expected_code, const char *expected_line)
{
  g_autoptr (GString) data = large_file (tail);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereCsvReader) reader = NULL;
  g_autofree char *dir = g_dir_make_tmp ("repere-csv-XXXXXX", &error);
  g_autofree char *path = NULL;
  guint row = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "large.csv", NULL);
  g_assert_true (g_file_set_contents (path, data->str, data->len, &error));
  /* Several blocks of 64 KiB. */
  g_assert_cmpuint (data->len, >, 4 * 64 * 1024);

  reader = repere_csv_reader_new_for_path (path, REPERE_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (repere_csv_reader_get_display_name (reader), ==, "large.csv");
  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_no_error (error);
  while (repere_csv_reader_next (reader, &error))
    {
      if (row < N_LARGE_ROWS)
        {
          g_autofree char *id = g_strdup_printf ("%u", row);
          g_autofree char *label = g_strdup_printf ("label %u – é", row);
          g_autofree char *value = g_strdup_printf ("%u", 3 * row);

          g_assert_cmpuint (repere_csv_reader_get_line (reader), ==, row + 2);
          if (g_strcmp0 (repere_csv_reader_get_field (reader, 0), id) != 0
              || g_strcmp0 (repere_csv_reader_get_field (reader, 1), label) != 0
              || g_strcmp0 (repere_csv_reader_get_field (reader, 2), value) != 0)
            g_error ("record %u read as “%s,%s,%s”", row, repere_csv_reader_get_field (reader, 0),
                     repere_csv_reader_get_field (reader, 1), repere_csv_reader_get_field (reader, 2));
        }
      row++;
    }
  /* Every record before the error is delivered, in order. */
  g_assert_cmpuint (row, ==, N_LARGE_ROWS + tail_rows);
  if (expected_line == NULL)
    {
      g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                             (const guchar *) data->str, data->len);
      g_assert_no_error (error);
      g_assert_cmpuint (repere_csv_reader_get_bytes_read (reader), ==, data->len);
      g_assert_cmpstr (repere_csv_reader_get_sha256 (reader), ==, sha256);
    }
  else
    {
      g_assert_error (error, REPERE_CSV_ERROR, expected_code);
      g_test_message ("%s", error->message);
      if (strstr (error->message, expected_line) == NULL || strstr (error->message, "large.csv") == NULL)
        g_error ("message “%s” should name large.csv, %s", error->message, expected_line);
    }
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* libcsv alone (CSV_STRICT | CSV_STRICT_FINI, comma) on @data: its records,
 * or NULL when it reports an error. */
typedef struct
{
  GPtrArray *records;
  GStrvBuilder *fields;
} LibcsvRecords;

static void
libcsv_on_field (void *data, size_t len, void *user_data)
{
  LibcsvRecords *r = user_data;
  g_autofree char *text = g_strndup (data ? data : "", len);

  g_strv_builder_add (r->fields, text);
}

static void
libcsv_on_record (int terminator, void *user_data)
{
  LibcsvRecords *r = user_data;

  g_ptr_array_add (r->records, g_strv_builder_end (r->fields));
  g_strv_builder_unref (r->fields);
  r->fields = g_strv_builder_new ();
}

static GPtrArray *
libcsv_parse (const char *data)
{
  struct csv_parser parser;
  LibcsvRecords r = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                      g_strv_builder_new () };
  gsize len = strlen (data);
  gboolean ok;

  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  ok = csv_parse (&parser, data, len, libcsv_on_field, libcsv_on_record, &r) == len
       && csv_fini (&parser, libcsv_on_field, libcsv_on_record, &r) == 0;
  csv_free (&parser);
  g_strv_builder_unref (r.fields);
  if (!ok)
    g_clear_pointer (&r.records, g_ptr_array_unref);
  return r.records;
}

/* The reader feeds libcsv a line at a time, after its encoding checks
 * (eight bytes at a time over ASCII), and keeps the fields in recycled
 * records: whatever the input, it must give what libcsv alone gives on
 * the whole of it (the same records, or an error where libcsv has one or
 * where the number of fields differs from the header's). Inputs built at
 * random (seed printed) from the pieces that matter: quotes, doubled
 * quotes, delimiters, spaces and tabs libcsv trims, line ends inside and
 * outside quotes, CR, CRLF, multi-byte UTF-8. */
static void
test_csv_same_as_libcsv (void)
{
  static const char *const pieces[] = {
    "a", "bc", "é", " ", "\t", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\"x\"", "\"a,b\"",
    "\"\",", ",\"\"", "\"é \"\"q\"\"\"", "x y",
  };
  static const char *const fixed[] = {
    "\"A1101\",\"1\",\"\"\n",
    "\"a \"\"quoted\"\" word\",b,\n",
    "a,\"b\" ,c\n",
    " a,b , c\n",
    "\"a\",\"b\nc\",d\n",
    "a,\"b\"c,d\n",
    "a,b\"c,d\n",
    ",,\n",
    "\"\",\"\",\"\"\r\n",
    "a,b,c",
  };
  guint32 seed = g_test_rand_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  guint compared = 0, agreed_errors = 0;

  g_test_message ("seed %u", seed);
  for (guint n = 0; n < 4000 + G_N_ELEMENTS (fixed); n++)
    {
      g_autoptr (GString) data = g_string_new ("h1,h2,h3\n");
      g_autoptr (GPtrArray) expected = NULL;
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (RepereCsvReader) reader = NULL;
      gboolean expect_ok;

      if (n < G_N_ELEMENTS (fixed))
        g_string_append (data, fixed[n]);
      else
        for (int k = g_rand_int_range (rand, 1, 14); k > 0; k--)
          g_string_append (data, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      expected = libcsv_parse (data->str);
      expect_ok = expected != NULL;
      for (guint i = 0; expect_ok && i < expected->len; i++)
        expect_ok = g_strv_length (g_ptr_array_index (expected, i)) == 3;
      reader = reader_for (data->str, -1, REPERE_CSV_ENCODING_UTF8);
      if (!expect_ok)
        {
          if (read_all (reader, &rows, &error))
            g_error ("“%s”: read, where libcsv fails or gives another number of fields",
                     g_strescape (data->str, NULL));
          agreed_errors++;
          continue;
        }
      if (!read_all (reader, &rows, &error))
        g_error ("“%s”: %s, where libcsv reads it", g_strescape (data->str, NULL), error->message);
      /* the header is libcsv's first record */
      g_assert_cmpuint (rows->len + 1, ==, expected->len);
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv got = g_ptr_array_index (rows, i);
          GStrv want = g_ptr_array_index (expected, i + 1);
          for (guint f = 0; f < 3; f++)
            g_assert_cmpstr (got[f], ==, want[f]);
        }
      compared++;
    }
  g_rand_free (rand);
  /* Both kinds of input were met. */
  g_assert_cmpuint (compared, >, 100);
  g_assert_cmpuint (agreed_errors, >, 100);
}

static void
test_csv_large (void)
{
  /* Records 0..19999 are on lines 2..20001; the tail starts on line 20002. */
  check_large ("", 0, 0, NULL);
  check_large ("20000,short\n", 0, REPERE_CSV_ERROR_COLUMNS, "line 20002");
  /* Lines 20002, 20003–20004, then an unclosed quote on line 20005. */
  check_large ("20000,\"ok\",1\n20001,\"multi\nline\",2\n20002,\"open,3\n", 2,
               REPERE_CSV_ERROR_SYNTAX, "line 20005");
  /* The encoding was decided on the first block (UTF-8): a Windows-1252 byte
   * far away is an encoding error, not garbage. */
  check_large ("20000,caf\xE9,1\n", 0, REPERE_CSV_ERROR_ENCODING, "line 20002");
}

static void
test_csv_sha256 (void)
{
  static const char *const samples[] = {
    "a,b\n1,2\n",
    "\xEF\xBB\xBFx;y\r\n\"q\"\"uote\";2\r\n",
    "nom\nJos\xE9\n",
  };

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      const char *data = samples[s];
      g_autoptr (RepereCsvReader) reader = reader_for (data, -1, REPERE_CSV_ENCODING_AUTO);
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                                               strlen (data));

      g_assert_null (repere_csv_reader_get_sha256 (reader));
      g_assert_true (read_all (reader, &rows, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (repere_csv_reader_get_sha256 (reader), ==, expected);
      g_assert_cmpuint (repere_csv_reader_get_bytes_read (reader), ==, strlen (data));
    }
}

/* Table import */

static const char *const import_schema
    = "PRAGMA foreign_keys = ON;"
      "CREATE TABLE family ("
      "  code TEXT PRIMARY KEY CHECK (length (code) = 2),"
      "  name TEXT NOT NULL"
      ") STRICT;"
      "CREATE TABLE job ("
      "  id          TEXT PRIMARY KEY,"
      "  family_code TEXT NOT NULL REFERENCES family (code),"
      "  name        TEXT NOT NULL UNIQUE,"
      "  position    INTEGER NOT NULL,"
      "  score       REAL,"
      "  note        TEXT NOT NULL DEFAULT ''"
      ") STRICT;"
      "INSERT INTO family VALUES ('01', 'Opérations'), ('02', 'Médical');"
      "INSERT INTO job (id, family_code, name, position, score)"
      "  VALUES ('existing', '01', 'Existing job', 1, 0.25);";

static sqlite3 *
open_import_db (void)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);
  if (sqlite3_exec (db, import_schema, NULL, NULL, &message) != SQLITE_OK)
    g_error ("schema: %s", message);
  return db;
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
exec_ok (sqlite3 *db, const char *sql)
{
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every row of both tables, typed, in a stable order. */
static char *
dump_tables (sqlite3 *db)
{
  g_autofree char *jobs = query_text (
      db, "SELECT group_concat (row, char (10)) FROM (SELECT quote (id) || ',' || quote (family_code)"
          " || ',' || quote (name) || ',' || quote (position) || ',' || quote (score) || ','"
          " || quote (note) || ',' || typeof (score) AS row FROM job ORDER BY id)");
  g_autofree char *families = query_text (
      db, "SELECT group_concat (row, char (10)) FROM (SELECT quote (code) || ',' || quote (name) AS row"
          " FROM family ORDER BY code)");
  return g_strdup_printf ("%s\n--\n%s", jobs ? jobs : "", families ? families : "");
}

static void
assert_message_has (const GError *error, ...)
{
  va_list args;
  const char *needle;

  va_start (args, error);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("message “%s” lacks “%s”", error->message, needle);
  va_end (args);
}

static gboolean
import_text (sqlite3 *db, const char *table, const char *csv, guint64 *n_rows, GError **error)
{
  g_autoptr (RepereCsvReader) reader = reader_for (csv, -1, REPERE_CSV_ENCODING_AUTO);
  return repere_table_import (db, table, reader, n_rows, error);
}

static void
test_import_ok (void)
{
  sqlite3 *db = open_import_db ();
  g_autoptr (GError) error = NULL;
  g_autofree char *score_type = NULL;
  g_autofree char *note = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count = NULL;
  guint64 n_rows = 0;

  /* Columns in another order than the table's, "note" left to its default,
   * an empty REAL becoming NULL, a quoted name with a comma. */
  g_assert_true (import_text (db, "job",
                              "name;id;position;family_code;score\n"
                              "\"Chargé d’assistance; médical\";j1;2;02;0.5\n"
                              "Médecin;j2;3;02;\n",
                              &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  count = query_text (db, "SELECT count (*) FROM job");
  g_assert_cmpstr (count, ==, "3");
  name = query_text (db, "SELECT name FROM job WHERE id = 'j1'");
  g_assert_cmpstr (name, ==, "Chargé d’assistance; médical");
  score_type = query_text (db, "SELECT typeof (score) || '/' || typeof (position) FROM job WHERE id = 'j2'");
  g_assert_cmpstr (score_type, ==, "null/integer");
  note = query_text (db, "SELECT quote (note) FROM job WHERE id = 'j2'");
  g_assert_cmpstr (note, ==, "''");
  sqlite3_close (db);
}

typedef struct
{
  const char *name;
  const char *csv;
  int code;
  const char *needles[4];
} ImportCase;

static void
test_import_errors (void)
{
  static const ImportCase cases[] = {
    { "unknown column", "id,family_code,name,position,colour\nj1,01,Job,1,red\n",
      REPERE_IMPORT_ERROR_UNKNOWN_COLUMN, { "line 1", "colour" } },
    { "missing required column", "id,family_code,position\nj1,01,1\n",
      REPERE_IMPORT_ERROR_MISSING_COLUMN, { "line 1", "name" } },
    { "missing primary key column", "family_code,name,position\n01,Job,1\n",
      REPERE_IMPORT_ERROR_MISSING_COLUMN, { "line 1", "id" } },
    { "duplicate key in the file", "id,family_code,name,position\nj1,01,Job A,1\nj2,01,Job B,2\nj1,02,Job C,3\n",
      REPERE_IMPORT_ERROR_INVALID, { "line 4", "id", "j1" } },
    { "duplicate key with the table", "id,family_code,name,position\nj1,01,Job A,1\nexisting,01,Job B,2\n",
      REPERE_IMPORT_ERROR_INVALID, { "line 3", "id", "existing" } },
    { "duplicate unique value", "id,family_code,name,position\nj1,01,Job A,1\nj2,01,Existing job,2\n",
      REPERE_IMPORT_ERROR_INVALID, { "line 3", "name", "Existing job" } },
    { "unknown foreign key", "id,family_code,name,position\nj1,01,Job A,1\nj2,99,Job B,2\n",
      REPERE_IMPORT_ERROR_INVALID, { "line 3", "family_code", "99" } },
    { "wrong type (integer)", "id,family_code,name,position\nj1,01,Job A,first\n",
      REPERE_IMPORT_ERROR_INVALID, { "line 2", "position", "first" } },
    { "wrong type (real, French decimal comma)", "id;family_code;name;position;score\nj1;01;Job A;1;0,5\n",
      REPERE_IMPORT_ERROR_INVALID, { "line 2", "score", "0,5" } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      sqlite3 *db = open_import_db ();
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[c].name);
      g_assert_false (import_text (db, "job", cases[c].csv, NULL, &error));
      g_assert_error (error, REPERE_IMPORT_ERROR, cases[c].code);
      g_test_message ("→ %s", error->message);
      assert_message_has (error, DISPLAY_NAME, NULL);
      for (guint n = 0; n < G_N_ELEMENTS (cases[c].needles) && cases[c].needles[n]; n++)
        assert_message_has (error, cases[c].needles[n], NULL);
      sqlite3_close (db);
    }
}

static void
test_import_csv_error (void)
{
  sqlite3 *db = open_import_db ();
  g_autoptr (GError) error = NULL;

  /* Errors of the reader come through unchanged. */
  g_assert_false (import_text (db, "job", "id,family_code,name,position\nj1,01,Job A,1\nj2,01\n", NULL, &error));
  g_assert_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COLUMNS);
  assert_message_has (error, DISPLAY_NAME, "line 3", NULL);
  g_clear_error (&error);

  g_assert_false (import_text (db, "no_such_table", "a\n1\n", NULL, &error));
  g_assert_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_DATABASE);
  sqlite3_close (db);
}

static void
test_import_rollback (void)
{
  sqlite3 *db = open_import_db ();
  g_autofree char *before = dump_tables (db);
  g_autofree char *middle = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("id,family_code,name,position,score\n");
  guint64 n_rows = 0;

  /* 500 good rows, then one that breaks the foreign key. */
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (csv, "r%03u,0%u,Job %u,%u,0.%u\n", i, 1 + i % 2, i, i, i % 10);
  g_string_append (csv, "bad,13,Bad job,501,0.1\n");

  exec_ok (db, "BEGIN");
  g_assert_false (import_text (db, "job", csv->str, &n_rows, &error));
  g_assert_error (error, REPERE_IMPORT_ERROR, REPERE_IMPORT_ERROR_INVALID);
  assert_message_has (error, "line 502", NULL);
  g_assert_cmpuint (n_rows, ==, 500);
  /* The good rows were inserted in the transaction... */
  middle = dump_tables (db);
  g_assert_cmpstr (middle, !=, before);
  exec_ok (db, "ROLLBACK");
  /* ...and the rollback restores the tables exactly. */
  after = dump_tables (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (sqlite3_get_autocommit (db));
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/csv/multiline", test_csv_multiline);
  g_test_add_func ("/csv/crlf", test_csv_crlf);
  g_test_add_func ("/csv/blank-lines", test_csv_blank_lines);
  g_test_add_func ("/csv/bom", test_csv_bom);
  g_test_add_func ("/csv/windows-1252", test_csv_windows_1252);
  g_test_add_func ("/csv/latin1", test_csv_latin1);
  g_test_add_func ("/csv/encoding-errors", test_csv_encoding_errors);
  g_test_add_func ("/csv/syntax-errors", test_csv_syntax_errors);
  g_test_add_func ("/csv/columns", test_csv_columns);
  g_test_add_func ("/csv/empty", test_csv_empty);
  g_test_add_func ("/csv/field-too-long", test_csv_field_too_long);
  g_test_add_func ("/csv/large", test_csv_large);
  g_test_add_func ("/csv/same-as-libcsv", test_csv_same_as_libcsv);
  g_test_add_func ("/csv/sha256", test_csv_sha256);
  g_test_add_func ("/import/ok", test_import_ok);
  g_test_add_func ("/import/errors", test_import_errors);
  g_test_add_func ("/import/csv-error", test_import_csv_error);
  g_test_add_func ("/import/rollback", test_import_rollback);

  return g_test_run ();
}
