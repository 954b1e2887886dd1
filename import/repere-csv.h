/* repere-csv.h: streaming CSV reader on libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REPERE_CSV_ERROR (repere_csv_error_quark ())

/**
 * RepereCsvError:
 * @REPERE_CSV_ERROR_EMPTY: the file has no header line
 * @REPERE_CSV_ERROR_ENCODING: bytes that are valid neither in UTF-8 nor in the chosen encoding
 * @REPERE_CSV_ERROR_SYNTAX: malformed quoting, unclosed quote, truncated file
 * @REPERE_CSV_ERROR_FIELD_TOO_LONG: a field longer than %REPERE_CSV_MAX_FIELD bytes
 * @REPERE_CSV_ERROR_COLUMNS: a record whose field count differs from the header's
 * @REPERE_CSV_ERROR_IO: the file could not be read
 * @REPERE_CSV_ERROR_COMPRESSED: a compressed file (gzip, zip, bzip2, xz, zstd,
 *   7z), named as such
 * @REPERE_CSV_ERROR_NOT_REGULAR: a named pipe, a device, a socket or a folder:
 *   only regular files are read (refused before anything is read)
 *
 * Every message names the file, the line and, where there is one, the field
 * (encoding errors also the column and the byte, in hexadecimal).
 */
typedef enum
{
  REPERE_CSV_ERROR_EMPTY,
  REPERE_CSV_ERROR_ENCODING,
  REPERE_CSV_ERROR_SYNTAX,
  REPERE_CSV_ERROR_FIELD_TOO_LONG,
  REPERE_CSV_ERROR_COLUMNS,
  REPERE_CSV_ERROR_IO,
  REPERE_CSV_ERROR_COMPRESSED,
  REPERE_CSV_ERROR_NOT_REGULAR,
} RepereCsvError;

/**
 * RepereCsvEncoding:
 * @REPERE_CSV_ENCODING_AUTO: detect it, never guessing silently: UTF-8 when
 *   the whole file is valid UTF-8; Windows-1252 (or the fallback of
 *   repere_csv_reader_set_fallback()) only when the file holds bytes that are
 *   not UTF-8 and not one valid multi-byte UTF-8 sequence; UTF-16 (LE or BE,
 *   with or without BOM) when the first block says so. Anything else (a
 *   file mixing both) is %REPERE_CSV_ERROR_ENCODING naming the first bad
 *   byte (docs/rome-import.md, "Encoding")
 * @REPERE_CSV_ENCODING_UTF8: UTF-8 (a leading BOM is skipped)
 * @REPERE_CSV_ENCODING_WINDOWS_1252: Windows-1252 (CP1252)
 * @REPERE_CSV_ENCODING_LATIN1: ISO-8859-1
 * @REPERE_CSV_ENCODING_UTF16LE: UTF-16 little-endian (only ever detected)
 * @REPERE_CSV_ENCODING_UTF16BE: UTF-16 big-endian (only ever detected)
 */
typedef enum
{
  REPERE_CSV_ENCODING_AUTO,
  REPERE_CSV_ENCODING_UTF8,
  REPERE_CSV_ENCODING_WINDOWS_1252,
  REPERE_CSV_ENCODING_LATIN1,
  REPERE_CSV_ENCODING_UTF16LE,
  REPERE_CSV_ENCODING_UTF16BE,
} RepereCsvEncoding;

/* Largest field accepted, in bytes (ROME's longest texts are a few KiB). */
#define REPERE_CSV_MAX_FIELD (256 * 1024)

/* Largest record accepted, in bytes (its fields together, 4 bytes of
 * bookkeeping counted per field): bounds memory on a line of millions of
 * fields as the field limit does on one endless field. */
#define REPERE_CSV_MAX_RECORD (16 * REPERE_CSV_MAX_FIELD)

#define REPERE_TYPE_CSV_READER (repere_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (RepereCsvReader, repere_csv_reader, REPERE, CSV_READER, GObject)

GQuark repere_csv_error_quark (void);
const char *repere_csv_encoding_get_name (RepereCsvEncoding encoding);
gboolean repere_csv_check_regular_file (const char *path, GError **error);

RepereCsvReader *repere_csv_reader_new (GInputStream *stream,
                                        const char *display_name,
                                        RepereCsvEncoding encoding);
RepereCsvReader *repere_csv_reader_new_for_path (const char *path,
                                                 RepereCsvEncoding encoding,
                                                 GError **error);
RepereCsvReader *repere_csv_reader_new_for_bytes (GBytes *bytes,
                                                  const char *display_name,
                                                  RepereCsvEncoding encoding);

void repere_csv_reader_set_fallback (RepereCsvReader *self, RepereCsvEncoding encoding);
gboolean repere_csv_reader_read_header (RepereCsvReader *self, GError **error);
guint repere_csv_reader_get_n_columns (RepereCsvReader *self);
const char *repere_csv_reader_get_column_name (RepereCsvReader *self, guint column);
int repere_csv_reader_find_column (RepereCsvReader *self, const char *name);

gboolean repere_csv_reader_next (RepereCsvReader *self, GError **error);
guint repere_csv_reader_get_n_fields (RepereCsvReader *self);
const char *repere_csv_reader_get_field (RepereCsvReader *self, guint column);
guint64 repere_csv_reader_get_line (RepereCsvReader *self);

const char *repere_csv_reader_get_display_name (RepereCsvReader *self);
char repere_csv_reader_get_delimiter (RepereCsvReader *self);
RepereCsvEncoding repere_csv_reader_get_encoding (RepereCsvReader *self);
guint64 repere_csv_reader_get_bytes_read (RepereCsvReader *self);
const char *repere_csv_reader_get_sha256 (RepereCsvReader *self);

G_END_DECLS
