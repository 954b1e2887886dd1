/* repere-csv.c: streaming CSV reader on libcsv
 *
 * Reads any size of file in blocks, detects the delimiter (, ; tab |) from the
 * header line, handles quoted multi-line fields, CRLF, a UTF-8 BOM and
 * Windows-1252/Latin-1 input, and names file, line and field in every error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-csv.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)

/* A record's fields, UTF-8, each NUL-terminated, one after the other in
 * @text; records are recycled so that reading allocates nothing per row. */
typedef struct
{
  GString *text;
  GArray *offsets; /* guint: where each field starts in text */
  guint64 line;
} Record;

struct _RepereCsvReader
{
  GObject parent_instance;

  GInputStream *stream;
  char *display_name;
  RepereCsvEncoding encoding; /* resolved after the first block */
  struct csv_parser parser;
  gboolean parser_ready;
  gboolean eof;
  char delimiter;

  guchar *block;
  gsize block_len;
  gsize block_pos;
  gboolean first_block;

  guint64 line;         /* line being fed to the parser, 1-based */
  guint64 record_line;  /* line where the pending record started, 0 if none */
  Record *pending;      /* fields of the record being parsed */
  GQueue records;       /* complete records not yet returned */
  GQueue spare;         /* records to reuse */
  Record *current;
  GError *error;        /* first error raised inside a libcsv callback */

  GPtrArray *header;
  GChecksum *checksum;
  char *sha256;
  guint64 bytes_read;
};

G_DEFINE_TYPE (RepereCsvReader, repere_csv_reader, G_TYPE_OBJECT)
G_DEFINE_QUARK (repere-csv-error-quark, repere_csv_error)

static void
record_free (Record *record)
{
  if (record == NULL)
    return;
  g_string_free (record->text, TRUE);
  g_array_unref (record->offsets);
  g_free (record);
}

static Record *
record_take (RepereCsvReader *self)
{
  Record *record = g_queue_pop_head (&self->spare);

  if (record == NULL)
    {
      record = g_new0 (Record, 1);
      record->text = g_string_sized_new (256);
      record->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), 16);
    }
  g_string_truncate (record->text, 0);
  g_array_set_size (record->offsets, 0);
  record->line = 0;
  return record;
}

static void
record_recycle (RepereCsvReader *self, Record *record)
{
  if (record != NULL)
    g_queue_push_head (&self->spare, record);
}

static guint
record_n_fields (Record *record)
{
  return record->offsets->len;
}

static const char *
record_field (Record *record, guint index)
{
  return record->text->str + g_array_index (record->offsets, guint, index);
}

static void
record_add (Record *record, const char *text, gsize len)
{
  guint offset = record->text->len;

  g_array_append_val (record->offsets, offset);
  g_string_append_len (record->text, text, len);
  g_string_append_c (record->text, '\0');
}

static void
repere_csv_reader_finalize (GObject *object)
{
  RepereCsvReader *self = REPERE_CSV_READER (object);

  if (self->parser_ready)
    csv_free (&self->parser);
  g_clear_object (&self->stream);
  g_free (self->display_name);
  g_free (self->block);
  g_clear_pointer (&self->pending, record_free);
  g_queue_clear_full (&self->records, (GDestroyNotify) record_free);
  g_queue_clear_full (&self->spare, (GDestroyNotify) record_free);
  record_free (self->current);
  g_clear_error (&self->error);
  g_clear_pointer (&self->header, g_ptr_array_unref);
  g_checksum_free (self->checksum);
  g_free (self->sha256);

  G_OBJECT_CLASS (repere_csv_reader_parent_class)->finalize (object);
}

static void
repere_csv_reader_class_init (RepereCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = repere_csv_reader_finalize;
}

static void
repere_csv_reader_init (RepereCsvReader *self)
{
  self->block = g_malloc (BLOCK_SIZE);
  self->first_block = TRUE;
  self->line = 1;
  g_queue_init (&self->records);
  g_queue_init (&self->spare);
  self->pending = record_take (self);
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
}

static const char *
encoding_name (RepereCsvEncoding encoding)
{
  switch (encoding)
    {
    case REPERE_CSV_ENCODING_WINDOWS_1252:
      return "WINDOWS-1252";
    case REPERE_CSV_ENCODING_LATIN1:
      return "ISO-8859-1";
    case REPERE_CSV_ENCODING_AUTO:
    case REPERE_CSV_ENCODING_UTF8:
    default:
      return "UTF-8";
    }
}

/* Name of column @index for messages: the header's name when known. */
static char *
describe_field (RepereCsvReader *self, guint index)
{
  if (self->header != NULL && index < self->header->len)
    return g_strdup_printf (_("field %u (“%s”)"), index + 1,
                            (const char *) g_ptr_array_index (self->header, index));
  return g_strdup_printf (_("field %u"), index + 1);
}

static void
on_field (void *data, size_t len, void *user_data)
{
  RepereCsvReader *self = user_data;
  guint index = record_n_fields (self->pending);
  char *text;

  if (self->error != NULL)
    return;
  if (self->record_line == 0)
    self->record_line = self->line;

  if (len > REPERE_CSV_MAX_FIELD)
    {
      g_autofree char *field = describe_field (self, index);
      g_set_error (&self->error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_FIELD_TOO_LONG,
                   _("%s, line %" PRIu64 ", %s: the field is %zu bytes long, more than "
                     "the %d accepted"),
                   self->display_name, self->record_line, field, len, REPERE_CSV_MAX_FIELD);
      return;
    }

  if (self->encoding == REPERE_CSV_ENCODING_UTF8)
    {
      const char *end;
      if (!g_utf8_validate_len (data ? data : "", len, &end))
        {
          g_autofree char *field = describe_field (self, index);
          g_set_error (&self->error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                       _("%s, line %" PRIu64 ", %s: byte 0x%02X at offset %td is not "
                         "valid UTF-8 (choose the file’s encoding, e.g. Windows-1252)"),
                       self->display_name, self->record_line, field, (guchar) *end,
                       end - (const char *) data);
          return;
        }
      record_add (self->pending, data ? data : "", len);
      return;
    }
  else
    {
      g_autoptr (GError) local_error = NULL;
      text = g_convert (data ? data : "", len, "UTF-8", encoding_name (self->encoding), NULL,
                        NULL, &local_error);
      if (text == NULL)
        {
          g_autofree char *field = describe_field (self, index);
          g_set_error (&self->error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                       _("%s, line %" PRIu64 ", %s: bytes not valid in %s: %s"),
                       self->display_name, self->record_line, field,
                       encoding_name (self->encoding), local_error->message);
          return;
        }
    }
  record_add (self->pending, text, strlen (text));
  g_free (text);
}

static void
on_record (int terminator, void *user_data)
{
  RepereCsvReader *self = user_data;
  Record *record;

  if (self->error != NULL)
    return;
  record = g_steal_pointer (&self->pending);
  record->line = self->record_line ? self->record_line : self->line;
  g_queue_push_tail (&self->records, record);
  self->pending = record_take (self);
  self->record_line = 0;
}

/* Counts each candidate delimiter outside quotes on the first line. */
static char
detect_delimiter (const guchar *data, gsize len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        break;
      else if (!quoted)
        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          if (data[i] == (guchar) candidates[c])
            counts[c]++;
    }
  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;
  return candidates[best];
}

/* Whether a piece of a line holds anything that libcsv does not skip between
 * records (blank lines, spaces). */
static gboolean
has_content (RepereCsvReader *self, const guchar *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] != '\r' && data[i] != '\n'
        && ((data[i] != ' ' && data[i] != '\t') || data[i] == (guchar) self->delimiter))
      return TRUE;
  return FALSE;
}

/* Valid UTF-8, allowing a multi-byte sequence cut at the end of the block. */
static gboolean
block_is_utf8 (const guchar *data, gsize len)
{
  const char *end;

  if (g_utf8_validate_len ((const char *) data, len, &end))
    return TRUE;
  return (const guchar *) end + 4 > data + len
         && g_utf8_get_char_validated (end, data + len - (const guchar *) end) == (gunichar) -2;
}

static gboolean
setup_parser (RepereCsvReader *self, GError **error)
{
  const guchar *data = self->block;
  gsize len = self->block_len;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->block_pos = 3;
      data += 3;
      len -= 3;
      if (self->encoding == REPERE_CSV_ENCODING_AUTO)
        self->encoding = REPERE_CSV_ENCODING_UTF8;
    }
  if (self->encoding == REPERE_CSV_ENCODING_AUTO)
    self->encoding = block_is_utf8 (data, len) ? REPERE_CSV_ENCODING_UTF8
                                               : REPERE_CSV_ENCODING_WINDOWS_1252;
  self->delimiter = detect_delimiter (data, len);

  if (csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    {
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_IO, _("%s: cannot start the CSV parser"),
                   self->display_name);
      return FALSE;
    }
  csv_set_delim (&self->parser, (unsigned char) self->delimiter);
  self->parser_ready = TRUE;
  return TRUE;
}

static gboolean
parser_failed (RepereCsvReader *self, GError **error)
{
  guint64 line = self->record_line ? self->record_line : self->line;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return TRUE;
    }
  if (csv_error (&self->parser) == CSV_SUCCESS)
    return FALSE;
  if (csv_error (&self->parser) == CSV_EPARSE && self->eof)
    g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_SYNTAX,
                 _("%s, line %" PRIu64 ": a quoted field is never closed (the file may be "
                   "truncated)"),
                 self->display_name, line);
  else
    {
      /* Name the delimiter: a file whose rows use another one than its
       * header fails here. */
      g_autofree char *malformed = g_strdup_printf (_("malformed quoting (a quoted field must end with a quote "
                                                      "followed by the delimiter “%s” or the end of the line; a "
                                                      "quote inside a field is doubled)"),
                                                    self->delimiter == '\t' ? "\\t" : (char[]){ self->delimiter, 0 });
      if (self->record_line != 0 && self->record_line != self->line)
        {
          /* A quote left open on an earlier line ran into this one. */
          g_autofree char *where = g_strdup_printf (_("%s (in the record that starts on line %" PRIu64 ")"),
                                                    malformed, self->record_line);
          g_free (malformed);
          malformed = g_steal_pointer (&where);
        }
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_SYNTAX,
                 _("%s, line %" PRIu64 ", field %u: %s"), self->display_name, self->line,
                 record_n_fields (self->pending) + 1,
                 csv_error (&self->parser) == CSV_EPARSE ? malformed : csv_strerror (csv_error (&self->parser)));
    }
  return TRUE;
}

/* Reads and parses blocks until a record is queued or the input ends. */
static gboolean
fill (RepereCsvReader *self, GError **error)
{
  while (g_queue_is_empty (&self->records) && !self->eof)
    {
      if (self->block_pos >= self->block_len)
        {
          gssize n = g_input_stream_read (self->stream, self->block, BLOCK_SIZE, NULL, error);
          if (n < 0)
            {
              g_prefix_error (error, "%s: ", self->display_name);
              return FALSE;
            }
          self->block_len = n;
          self->block_pos = 0;
          self->bytes_read += n;
          g_checksum_update (self->checksum, self->block, n);
          if (self->first_block)
            {
              self->first_block = FALSE;
              if (n == 0)
                {
                  g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_EMPTY,
                               _("%s: the file is empty"), self->display_name);
                  return FALSE;
                }
              if (!setup_parser (self, error))
                return FALSE;
            }
          if (n == 0)
            {
              self->eof = TRUE;
              self->sha256 = g_strdup (g_checksum_get_string (self->checksum));
              if (csv_fini (&self->parser, on_field, on_record, self) != 0 || self->error)
                return !parser_failed (self, error);
              break;
            }
        }

      /* Feed up to the end of the current line so that callbacks see its number,
       * and stop at the end of a record so that errors come in order and
       * name the header's fields. */
      while (self->block_pos < self->block_len && g_queue_is_empty (&self->records))
        {
          const guchar *start = self->block + self->block_pos;
          const guchar *nl = memchr (start, '\n', self->block_len - self->block_pos);
          gsize len = nl ? (gsize) (nl - start) + 1 : self->block_len - self->block_pos;

          /* A record starts on its first line, even when its first field is
           * quoted and only ends lines later. */
          if (self->record_line == 0 && has_content (self, start, len))
            self->record_line = self->line;
          if (csv_parse (&self->parser, start, len, on_field, on_record, self) != len
              || self->error != NULL)
            return !parser_failed (self, error);
          self->block_pos += len;
          if (nl != NULL)
            self->line++;
        }
    }
  return TRUE;
}

/**
 * repere_csv_reader_new:
 * @stream: (transfer none): the bytes to read
 * @display_name: file name used in error messages
 * @encoding: the encoding, or %REPERE_CSV_ENCODING_AUTO to detect it
 *
 * Returns: (transfer full): a reader; call repere_csv_reader_read_header() first.
 */
RepereCsvReader *
repere_csv_reader_new (GInputStream *stream, const char *display_name, RepereCsvEncoding encoding)
{
  RepereCsvReader *self = g_object_new (REPERE_TYPE_CSV_READER, NULL);

  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);
  self->encoding = encoding;
  return self;
}

/**
 * repere_csv_reader_new_for_path:
 * @path: a file name in the GLib file name encoding
 * @encoding: the encoding, or %REPERE_CSV_ENCODING_AUTO
 * @error: %G_IO_ERROR when the file cannot be opened
 *
 * Returns: (transfer full) (nullable): a reader naming the file by its base name.
 */
RepereCsvReader *
repere_csv_reader_new_for_path (const char *path, RepereCsvEncoding encoding, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autofree char *base = g_path_get_basename (path);

  if (stream == NULL)
    return NULL;
  return repere_csv_reader_new (G_INPUT_STREAM (stream), base, encoding);
}

/**
 * repere_csv_reader_new_for_bytes:
 * @bytes: (transfer none): the file's content (e.g. from a GResource)
 * @display_name: file name used in error messages
 * @encoding: the encoding, or %REPERE_CSV_ENCODING_AUTO
 *
 * Returns: (transfer full): a reader.
 */
RepereCsvReader *
repere_csv_reader_new_for_bytes (GBytes *bytes, const char *display_name, RepereCsvEncoding encoding)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  return repere_csv_reader_new (stream, display_name, encoding);
}

/**
 * repere_csv_reader_read_header:
 * @self: a reader that has read nothing yet
 * @error: %REPERE_CSV_ERROR_EMPTY for a file without a header, or any error of
 *   repere_csv_reader_next()
 *
 * Reads the first record as column names. Duplicate or empty names are
 * %REPERE_CSV_ERROR_COLUMNS.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_csv_reader_read_header (RepereCsvReader *self, GError **error)
{
  g_return_val_if_fail (self->header == NULL, FALSE);

  if (!fill (self, error))
    return FALSE;
  if (g_queue_is_empty (&self->records))
    {
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_EMPTY, _("%s: the file has no header line"),
                   self->display_name);
      return FALSE;
    }
  Record *record = g_queue_pop_head (&self->records);
  self->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < record_n_fields (record); i++)
    g_ptr_array_add (self->header, g_strdup (record_field (record, i)));
  record_recycle (self, record);
  for (guint i = 0; i < self->header->len; i++)
    {
      const char *name = g_ptr_array_index (self->header, i);
      if (*name == '\0' && self->header->len > 1)
        {
          g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COLUMNS,
                       _("%s, line 1: column %u has no name"), self->display_name, i + 1);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (name, g_ptr_array_index (self->header, j)) == 0)
          {
            g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COLUMNS,
                         _("%s, line 1: column “%s” appears twice"), self->display_name, name);
            return FALSE;
          }
    }
  return TRUE;
}

guint
repere_csv_reader_get_n_columns (RepereCsvReader *self)
{
  return self->header ? self->header->len : 0;
}

const char *
repere_csv_reader_get_column_name (RepereCsvReader *self, guint column)
{
  g_return_val_if_fail (self->header != NULL && column < self->header->len, NULL);
  return g_ptr_array_index (self->header, column);
}

/**
 * repere_csv_reader_find_column:
 * @self: a reader whose header has been read
 * @name: a column name, compared exactly
 *
 * Returns: the column's index, or -1 when the header has no such column
 */
int
repere_csv_reader_find_column (RepereCsvReader *self, const char *name)
{
  for (guint i = 0; self->header && i < self->header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->header, i), name) == 0)
      return (int) i;
  return -1;
}

/**
 * repere_csv_reader_next:
 * @self: a reader whose header has been read
 * @error: a #RepereCsvError naming file, line and field, or an I/O error
 *
 * Moves to the next record. Its fields stay valid until the next call.
 * A record whose field count differs from the header's is
 * %REPERE_CSV_ERROR_COLUMNS.
 *
 * Returns: %TRUE when a record was read; %FALSE at the end (@error unset) or on error
 */
gboolean
repere_csv_reader_next (RepereCsvReader *self, GError **error)
{
  g_return_val_if_fail (self->header != NULL, FALSE);

  record_recycle (self, g_steal_pointer (&self->current));
  if (!fill (self, error))
    return FALSE;
  self->current = g_queue_pop_head (&self->records);
  if (self->current == NULL)
    return FALSE;
  if (record_n_fields (self->current) != self->header->len)
    {
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COLUMNS,
                   g_dngettext (NULL, "%s, line %" PRIu64 ": %u field where the header has %u",
                                "%s, line %" PRIu64 ": %u fields where the header has %u",
                                record_n_fields (self->current)),
                   self->display_name, self->current->line, record_n_fields (self->current),
                   self->header->len);
      return FALSE;
    }
  return TRUE;
}

guint
repere_csv_reader_get_n_fields (RepereCsvReader *self)
{
  return self->current ? record_n_fields (self->current) : 0;
}

/**
 * repere_csv_reader_get_field:
 * @self: a reader positioned on a record
 * @column: a column index below repere_csv_reader_get_n_columns()
 *
 * Returns: (transfer none): the field, UTF-8, valid until the next call of
 *   repere_csv_reader_next()
 */
const char *
repere_csv_reader_get_field (RepereCsvReader *self, guint column)
{
  g_return_val_if_fail (self->current != NULL && column < record_n_fields (self->current), NULL);
  return record_field (self->current, column);
}

/**
 * repere_csv_reader_get_line:
 *
 * Returns: the 1-based line where the current record starts
 */
guint64
repere_csv_reader_get_line (RepereCsvReader *self)
{
  return self->current ? self->current->line : self->line;
}

const char *
repere_csv_reader_get_display_name (RepereCsvReader *self)
{
  return self->display_name;
}

char
repere_csv_reader_get_delimiter (RepereCsvReader *self)
{
  return self->delimiter;
}

RepereCsvEncoding
repere_csv_reader_get_encoding (RepereCsvReader *self)
{
  return self->encoding;
}

guint64
repere_csv_reader_get_bytes_read (RepereCsvReader *self)
{
  return self->bytes_read;
}

/**
 * repere_csv_reader_get_sha256:
 *
 * Returns: (nullable): the SHA-256 of the raw bytes, hex, once the end is reached
 */
const char *
repere_csv_reader_get_sha256 (RepereCsvReader *self)
{
  return self->sha256;
}
