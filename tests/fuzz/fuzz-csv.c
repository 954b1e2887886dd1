/* fuzz-csv.c: libFuzzer target for the CSV reader (import/repere-csv.c)
 *
 * Each input is a file as a user could give it: the reader guesses its
 * encoding and delimiter, reads the header and every record, and each field
 * is looked at; a bad file must end in a GError, never a crash, a leak or
 * undefined behaviour. Run: `bash scripts/dev fuzz csv SECONDS`; the seed
 * corpus (corpus-csv/) replays as the meson test fuzz-csv-replay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "repere-csv.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (RepereCsvReader) reader
      = repere_csv_reader_new_for_bytes (bytes, "fuzz.csv", REPERE_CSV_ENCODING_AUTO);
  g_autoptr (GError) error = NULL;
  gsize total = 0;

  if (!repere_csv_reader_read_header (reader, &error))
    return 0;
  for (guint c = 0; c < repere_csv_reader_get_n_columns (reader); c++)
    {
      const char *name = repere_csv_reader_get_column_name (reader, c);
      g_assert (g_utf8_validate (name, -1, NULL));
      g_assert (repere_csv_reader_find_column (reader, name) >= 0);
    }
  while (repere_csv_reader_next (reader, &error))
    {
      for (guint c = 0; c < repere_csv_reader_get_n_fields (reader); c++)
        {
          const char *field = repere_csv_reader_get_field (reader, c);
          g_assert (field != NULL && g_utf8_validate (field, -1, NULL));
          total += strlen (field);
        }
      g_assert (repere_csv_reader_get_line (reader) > 0);
    }
  /* A read error names the file. */
  if (error != NULL)
    g_assert (strstr (error->message, "fuzz.csv") != NULL);
  (void) total;
  return 0;
}
