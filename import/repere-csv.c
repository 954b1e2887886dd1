/* repere-csv.c: streaming CSV reader on libcsv
 *
 * Reads any size of file in blocks, detects the delimiter (, ; tab |) from the
 * header line, handles quoted multi-line fields, CRLF and CR line ends, a
 * UTF-8 BOM, UTF-16 and Windows-1252/Latin-1 input, and names file, line and
 * field in every error.
 *
 * Nothing is guessed silently: every byte goes through a UTF-8 validator
 * before libcsv sees it, so an encoding is decided on the whole file (a file
 * that is UTF-8 somewhere and not elsewhere is an error naming the first bad
 * byte), NUL bytes and compressed files are errors, and the field and record
 * limits apply while the bytes arrive: memory stays bounded whatever a file
 * holds (an endless field stops at REPERE_CSV_MAX_FIELD plus a block).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-csv.h"

#include <csv.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#ifdef HAVE_NETTLE
#include <nettle/sha2.h>
#endif

#define BLOCK_SIZE (64 * 1024)

/* What the validator found where it stopped a piece. */
typedef enum
{
  PROBLEM_NONE,
  PROBLEM_NUL,
  PROBLEM_NOT_UTF8,   /* a byte that is not UTF-8 in a file read as UTF-8 */
  PROBLEM_MIXED,      /* a UTF-8 sequence in a file read as Windows-1252 */
  PROBLEM_UNDEFINED,  /* a byte without a character in Windows-1252 */
} Problem;

/* A record's fields, UTF-8, each NUL-terminated, one after the other in
 * @text; records are recycled so that reading allocates nothing per row
 * (both buffers only grow). */
typedef struct
{
  GString *text;
  guint *offsets;  /* where each field starts in text */
  guint n_fields;
  guint n_offsets; /* allocated */
  guint64 line;
  GList link;      /* in a queue of the reader (data: the record), no allocation */
} Record;

struct _RepereCsvReader
{
  GObject parent_instance;

  GInputStream *stream;
  char *display_name;
  RepereCsvEncoding encoding; /* how fields are decoded; resolved while reading */
  RepereCsvEncoding source;   /* UTF-16LE/BE when the stream is converted, else 0 */
  RepereCsvEncoding fallback; /* for AUTO: the encoding of a file that is not UTF-8 */
  gboolean automatic;         /* AUTO: still UTF-8, may become the fallback */

  /* UTF-8 validator over the raw bytes (see scan_piece ()). */
  guint need;                 /* continuation bytes still expected */
  guchar lo, hi;              /* range of the next continuation byte */
  guchar seq[4];              /* the sequence so far */
  guint seq_len;
  guint64 seq_line, seq_column;
  guint64 column;             /* characters since the line's start */
  gboolean last_cr;           /* the last piece ended with a CR */
  guint64 multibyte;          /* valid multi-byte sequences seen */
  guint64 multi_line, multi_column;  /* the first of them */
  guint64 bad_line, bad_column;      /* first byte that is not UTF-8 */
  guchar bad_byte;
  Problem problem;
  guint64 problem_line, problem_column;
  guchar problem_bytes[4];
  guint problem_len;
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
#ifdef HAVE_NETTLE
  struct sha256_ctx checksum;
#else
  GChecksum *checksum;
#endif
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
  g_free (record->offsets);
  g_free (record);
}

/* Queues of records link them through their own GList (record->link). */
static Record *
record_pop (GQueue *queue)
{
  GList *link = g_queue_pop_head_link (queue);

  return link ? link->data : NULL;
}

static void
record_queue_clear (GQueue *queue)
{
  Record *record;

  while ((record = record_pop (queue)) != NULL)
    record_free (record);
}

static Record *
record_take (RepereCsvReader *self)
{
  Record *record = record_pop (&self->spare);

  if (record == NULL)
    {
      record = g_new0 (Record, 1);
      record->link.data = record;
      record->text = g_string_sized_new (256);
      record->n_offsets = 16;
      record->offsets = g_new (guint, record->n_offsets);
    }
  g_string_truncate (record->text, 0);
  record->n_fields = 0;
  record->line = 0;
  return record;
}

static void
record_recycle (RepereCsvReader *self, Record *record)
{
  if (record != NULL)
    g_queue_push_head_link (&self->spare, &record->link);
}

static guint
record_n_fields (Record *record)
{
  return record->n_fields;
}

static const char *
record_field (Record *record, guint index)
{
  return record->text->str + record->offsets[index];
}

static void
record_add (Record *record, const char *text, gsize len)
{
  gsize offset = record->text->len;

  /* Called for every field of every row: one growth check per buffer
   * rather than GArray's and GString's generic appends. */
  if (record->n_fields == record->n_offsets)
    {
      record->n_offsets *= 2;
      record->offsets = g_renew (guint, record->offsets, record->n_offsets);
    }
  record->offsets[record->n_fields++] = offset;
  g_string_set_size (record->text, offset + len + 1); /* NUL-terminates the whole */
  if (len > 0)
    memcpy (record->text->str + offset, text, len);
  record->text->str[offset + len] = '\0';
}

/* The SHA-256 of the bytes read, for the import history. nettle's uses the
 * processor's SHA instructions where it has them: 0.014 s instead of
 * GChecksum's 0.10 s for the 14.6 MB of a ROME import on the development
 * machine, on the reading thread; GChecksum when nettle is missing. */
static void
checksum_reset (RepereCsvReader *self)
{
#ifdef HAVE_NETTLE
  sha256_init (&self->checksum);
#else
  if (self->checksum == NULL)
    self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  else
    g_checksum_reset (self->checksum);
#endif
}

static void
checksum_update (RepereCsvReader *self, const guchar *data, gsize len)
{
#ifdef HAVE_NETTLE
  sha256_update (&self->checksum, len, data);
#else
  g_checksum_update (self->checksum, data, len);
#endif
}

/* Returns: (transfer full): the digest in lower-case hexadecimal */
static char *
checksum_finish (RepereCsvReader *self)
{
#ifdef HAVE_NETTLE
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_digest (&self->checksum, SHA256_DIGEST_SIZE, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
#else
  return g_strdup (g_checksum_get_string (self->checksum));
#endif
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
  record_queue_clear (&self->records);
  record_queue_clear (&self->spare);
  record_free (self->current);
  g_clear_error (&self->error);
  g_clear_pointer (&self->header, g_ptr_array_unref);
#ifndef HAVE_NETTLE
  g_checksum_free (self->checksum);
#endif
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
  checksum_reset (self);
  self->fallback = REPERE_CSV_ENCODING_WINDOWS_1252;
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
    case REPERE_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case REPERE_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case REPERE_CSV_ENCODING_AUTO:
    case REPERE_CSV_ENCODING_UTF8:
    default:
      return "UTF-8";
    }
}

/**
 * repere_csv_encoding_get_name:
 * @encoding: an encoding, as repere_csv_reader_get_encoding() gives it
 *
 * Returns: (transfer none): its usual name, for summaries: "UTF-8",
 *   "Windows-1252", "ISO-8859-1", "UTF-16LE", "UTF-16BE" ("automatic" for
 *   %REPERE_CSV_ENCODING_AUTO)
 */
const char *
repere_csv_encoding_get_name (RepereCsvEncoding encoding)
{
  switch (encoding)
    {
    case REPERE_CSV_ENCODING_AUTO:
      return _("automatic");
    case REPERE_CSV_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    case REPERE_CSV_ENCODING_UTF8:
    case REPERE_CSV_ENCODING_LATIN1:
    case REPERE_CSV_ENCODING_UTF16LE:
    case REPERE_CSV_ENCODING_UTF16BE:
    default:
      return encoding_name (encoding);
    }
}

/* Text in NFC (ROME's and a user's files may come in NFD, "e" + U+0301, from
 * macOS): only a field with a character from U+0300 on can change, so the
 * others are left alone. Returns NULL when nothing changes. */
static char *
to_nfc (const char *text, gsize len)
{
  gboolean maybe = FALSE;
  char *nfc;

  for (gsize i = 0; i < len && !maybe; i++)
    maybe = (guchar) text[i] >= 0xCC;
  if (!maybe)
    return NULL;
  nfc = g_utf8_normalize (text, len, G_NORMALIZE_NFC);
  if (nfc != NULL && strlen (nfc) == len && memcmp (nfc, text, len) == 0)
    g_clear_pointer (&nfc, g_free);
  return nfc;
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

/* Eight bytes at a time: 0x01 in every byte, 0x80 in every byte. */
#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS (ONES * 0x80)

/* Non-zero when one of the eight bytes of @w is zero (exact as a yes or
 * no; the flag may not be on that byte). */
static inline guint64
has_zero_byte (guint64 w)
{
  return (w - ONES) & ~w & HIGHS;
}

/* Whether the @len bytes at @data are all ASCII and none is NUL: such a
 * field is valid UTF-8 and in NFC as it is. Most fields of a ROME export
 * are; eight bytes are looked at a time. */
static gboolean
is_plain_ascii (const guchar *data, gsize len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, data + i, 8);
      if ((w & HIGHS) != 0 || has_zero_byte (w) != 0)
        return FALSE;
    }
  for (; i < len; i++)
    if (data[i] == 0 || data[i] >= 0x80)
      return FALSE;
  return TRUE;
}

static void
on_field (void *data, size_t len, void *user_data)
{
  RepereCsvReader *self = user_data;
  guint index = record_n_fields (self->pending);
  g_autofree char *text = NULL;
  g_autofree char *nfc = NULL;
  const char *utf8;
  gsize utf8_len;
  gboolean ascii;

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

  ascii = len == 0 || is_plain_ascii (data, len);
  if (ascii)
    {
      /* Valid UTF-8 and NFC in every encoding read (UTF-16 arrives converted). */
      utf8 = len ? data : "";
      utf8_len = len;
    }
  else if (self->encoding == REPERE_CSV_ENCODING_UTF8)
    {
      const char *end;
      /* The validator saw these bytes already; this is a last guard. */
      if (!g_utf8_validate_len (data ? data : "", len, &end))
        {
          g_autofree char *field = describe_field (self, index);
          g_set_error (&self->error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                       _("%s, line %" PRIu64 ", %s: byte 0x%02X at offset %td is not "
                         "valid UTF-8"),
                       self->display_name, self->record_line, field, (guchar) *end,
                       end - (const char *) data);
          return;
        }
      utf8 = data ? data : "";
      utf8_len = len;
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
                       repere_csv_encoding_get_name (self->encoding), local_error->message);
          return;
        }
      utf8 = text;
      utf8_len = strlen (text);
    }
  if (!ascii)
    nfc = to_nfc (utf8, utf8_len);
  if (nfc != NULL)
    {
      utf8 = nfc;
      utf8_len = strlen (nfc);
    }
  if (self->pending->text->len + utf8_len + 1 + 4 * (gsize) (index + 1) > REPERE_CSV_MAX_RECORD)
    {
      g_set_error (&self->error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_FIELD_TOO_LONG,
                   _("%s, line %" PRIu64 ", field %u: the record is longer than the %d bytes "
                     "accepted"),
                   self->display_name, self->record_line, index + 1, REPERE_CSV_MAX_RECORD);
      return;
    }
  record_add (self->pending, utf8, utf8_len);
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
  g_queue_push_tail_link (&self->records, &record->link);
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

/* The name of a compressed format from its magic bytes, or NULL. */
static const char *
compressed_format (const guchar *data, gsize len)
{
  static const struct
  {
    const char *name;
    const char *magic;
    gsize len;
  } formats[] = {
    { "gzip", "\x1F\x8B", 2 },
    { "zip", "PK\x03\x04", 4 },
    { "zip", "PK\x05\x06", 4 },
    { "bzip2", "BZh", 3 },
    { "xz", "\xFD" "7zXZ\x00", 6 },
    { "zstd", "\x28\xB5\x2F\xFD", 4 },
    { "7z", "7z\xBC\xAF\x27\x1C", 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (len >= formats[i].len && memcmp (data, formats[i].magic, formats[i].len) == 0)
      return formats[i].name;
  return NULL;
}

/* UTF-16 from a BOM, or without one when at least half of the first
 * block's 16-bit units have a zero high byte and no unit has a zero low
 * byte (text of Latin letters, as CSV headers are). @bom: its length. */
static RepereCsvEncoding
detect_utf16 (const guchar *data, gsize len, gsize *bom)
{
  gsize units = MIN (len, 4096) / 2;
  gsize zero_odd = 0, zero_even = 0;

  *bom = 0;
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE && !(len >= 4 && data[2] == 0 && data[3] == 0))
    return *bom = 2, REPERE_CSV_ENCODING_UTF16LE;
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return *bom = 2, REPERE_CSV_ENCODING_UTF16BE;
  for (gsize i = 0; i < units; i++)
    {
      zero_odd += data[2 * i] != 0 && data[2 * i + 1] == 0;
      zero_even += data[2 * i] == 0 && data[2 * i + 1] != 0;
    }
  if (units >= 2 && zero_odd * 2 >= units && zero_even == 0)
    return REPERE_CSV_ENCODING_UTF16LE;
  if (units >= 2 && zero_even * 2 >= units && zero_odd == 0)
    return REPERE_CSV_ENCODING_UTF16BE;
  return REPERE_CSV_ENCODING_AUTO;
}

/* Reads the stream again from @skip through a UTF-16 → UTF-8 converter; the
 * stream must be seekable (files and memory are). */
static gboolean
restart_as_utf16 (RepereCsvReader *self, RepereCsvEncoding encoding, gsize skip, GError **error)
{
  g_autoptr (GCharsetConverter) converter = NULL;
  gssize n;

  if (!G_IS_SEEKABLE (self->stream) || !g_seekable_can_seek (G_SEEKABLE (self->stream))
      || !g_seekable_seek (G_SEEKABLE (self->stream), skip, G_SEEK_SET, NULL, NULL))
    {
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                   _("%s: the file is in %s; save it as UTF-8 to import it"), self->display_name,
                   encoding_name (encoding));
      return FALSE;
    }
  converter = g_charset_converter_new ("UTF-8", encoding_name (encoding), error);
  if (converter == NULL)
    return FALSE;
  g_set_object (&self->stream, g_converter_input_stream_new (self->stream, G_CONVERTER (converter)));
  g_object_unref (self->stream); /* the new stream holds the old one */
  self->source = encoding;
  self->encoding = REPERE_CSV_ENCODING_UTF8;
  self->automatic = FALSE;
  checksum_reset (self);
  self->bytes_read = 0;
  n = g_input_stream_read (self->stream, self->block, BLOCK_SIZE, NULL, error);
  if (n < 0)
    {
      g_prefix_error (error, _("%s: not valid %s: "), self->display_name, encoding_name (encoding));
      return FALSE;
    }
  self->block_len = n;
  self->block_pos = 0;
  self->bytes_read = n;
  checksum_update (self, self->block, n);
  return TRUE;
}

static gboolean
setup_parser (RepereCsvReader *self, GError **error)
{
  const guchar *data = self->block;
  gsize len = self->block_len;
  const char *compressed = compressed_format (data, len);
  RepereCsvEncoding utf16;
  gsize bom = 0;

  if (compressed != NULL)
    {
      if (g_str_equal (compressed, "zip"))
        g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COMPRESSED,
                     _("%s: compressed file (zip), not CSV text: extract it first (an .xlsx or "
                       ".ods spreadsheet is a zip file too: save it as CSV)"),
                     self->display_name);
      else
        g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_COMPRESSED,
                     _("%s: compressed file (%s), not CSV text: decompress it first"),
                     self->display_name, compressed);
      return FALSE;
    }
  if (self->encoding == REPERE_CSV_ENCODING_AUTO
      && (utf16 = detect_utf16 (data, len, &bom)) != REPERE_CSV_ENCODING_AUTO)
    {
      if (!restart_as_utf16 (self, utf16, bom, error))
        return FALSE;
      data = self->block;
      len = self->block_len;
      if (len == 0)
        {
          g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_EMPTY, _("%s: the file is empty"),
                       self->display_name);
          return FALSE;
        }
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->block_pos = 3;
      data += 3;
      len -= 3;
      if (self->encoding == REPERE_CSV_ENCODING_AUTO)
        self->encoding = REPERE_CSV_ENCODING_UTF8;
    }
  if (self->encoding == REPERE_CSV_ENCODING_AUTO)
    {
      /* UTF-8 until a byte says otherwise (scan_piece ()). */
      self->encoding = REPERE_CSV_ENCODING_UTF8;
      self->automatic = TRUE;
    }
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

/* Bytes that Windows-1252 leaves undefined. */
static gboolean
undefined_in_1252 (guchar byte)
{
  return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
}

static Problem
set_problem (RepereCsvReader *self, Problem problem, guint64 column, const guchar *bytes, guint len)
{
  self->problem = problem;
  self->problem_line = self->line;
  self->problem_column = column;
  self->problem_len = MIN (len, 4);
  memcpy (self->problem_bytes, bytes, self->problem_len);
  return problem;
}

/* A sequence that is not UTF-8 starts at seq[0]: in AUTO mode a file that
 * had no multi-byte UTF-8 yet becomes the fallback encoding; otherwise it
 * is an error. */
static Problem
not_utf8 (RepereCsvReader *self)
{
  if (self->encoding == REPERE_CSV_ENCODING_UTF8 && self->automatic && self->multibyte == 0)
    {
      self->encoding = self->fallback;
      self->bad_line = self->seq_line;
      self->bad_column = self->seq_column;
      self->bad_byte = self->seq[0];
      /* The bytes of the sequence are characters of their own now. */
      self->column += self->seq_len - 1;
      if (self->encoding == REPERE_CSV_ENCODING_WINDOWS_1252)
        for (guint i = 0; i < self->seq_len; i++)
          if (undefined_in_1252 (self->seq[i]))
            return set_problem (self, PROBLEM_UNDEFINED, self->seq_column + i, self->seq + i, 1);
      return PROBLEM_NONE;
    }
  if (self->encoding == REPERE_CSV_ENCODING_UTF8)
    return set_problem (self, PROBLEM_NOT_UTF8, self->seq_column, self->seq, 1);
  return PROBLEM_NONE;
}

/* Scans @data up to its first line end (included) or its end, checking each
 * byte: NUL, UTF-8 (sequences may be cut between pieces), Windows-1252.
 * Sets *@piece to the piece's length and returns PROBLEM_NONE, or stops at
 * the problem's first byte (*@piece: the bytes before it, to feed libcsv
 * so that the field is known) and returns the problem. */
static Problem
scan_piece (RepereCsvReader *self, const guchar *data, gsize len, gsize *piece)
{
  /* Windows-1252 chosen by AUTO still looks for UTF-8 (a mixed file). */
  gboolean utf8 = self->encoding == REPERE_CSV_ENCODING_UTF8 || self->automatic;
  gsize seq_start = 0; /* offset of seq[0] in @data (0 when in an earlier piece) */

  for (gsize i = 0; i < len; i++)
    {
      guchar byte;
      Problem problem;

      /* Runs of ASCII that end no line (most of a file) only count
       * columns: eight bytes at a time, outside a multi-byte sequence. */
      if (self->need == 0)
        {
          while (i + 8 <= len)
            {
              guint64 w, lf, cr, special;
              memcpy (&w, data + i, 8);
              lf = w ^ (ONES * '\n');
              cr = w ^ (ONES * '\r');
              special = (w & HIGHS) | has_zero_byte (w) | has_zero_byte (lf) | has_zero_byte (cr);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
              if (special != 0)
                {
                  /* The lowest flag is exact: the bytes before it are plain. */
                  guint plain = __builtin_ctzll (special) / 8;
                  self->column += plain;
                  i += plain;
                  break;
                }
#else
              if (special != 0)
                break;
#endif
              self->column += 8;
              i += 8;
            }
          if (i >= len)
            break;
        }
      byte = data[i];
      if (utf8 && self->need > 0)
        {
          if (byte >= self->lo && byte <= self->hi)
            {
              self->seq[self->seq_len++] = byte;
              self->lo = 0x80;
              self->hi = 0xBF;
              if (--self->need > 0)
                continue;
              if (self->multibyte++ == 0)
                {
                  self->multi_line = self->seq_line;
                  self->multi_column = self->seq_column;
                }
              if (self->encoding != REPERE_CSV_ENCODING_UTF8)
                {
                  /* AUTO chose Windows-1252 on an earlier byte. */
                  self->column += self->seq_len - 1;
                  *piece = seq_start;
                  self->problem = PROBLEM_MIXED;
                  self->problem_line = self->seq_line;
                  self->problem_column = self->seq_column;
                  self->problem_len = self->seq_len;
                  memcpy (self->problem_bytes, self->seq, self->seq_len);
                  return PROBLEM_MIXED;
                }
              continue;
            }
          self->need = 0;
          if ((problem = not_utf8 (self)) != PROBLEM_NONE)
            {
              *piece = self->problem_column == self->seq_column ? seq_start : i;
              return problem;
            }
          utf8 = self->encoding == REPERE_CSV_ENCODING_UTF8 || self->automatic;
          /* @byte starts afresh below. */
        }

      if (byte == 0)
        {
          *piece = i;
          return set_problem (self, PROBLEM_NUL, self->column + 1, data + i, 1);
        }
      if (byte < 0x80)
        {
          self->column++;
          if (byte == '\n' || byte == '\r')
            {
              *piece = i + 1;
              return PROBLEM_NONE;
            }
          continue;
        }
      self->column++;
      if (self->encoding == REPERE_CSV_ENCODING_WINDOWS_1252 && undefined_in_1252 (byte))
        {
          *piece = i;
          return set_problem (self, PROBLEM_UNDEFINED, self->column, data + i, 1);
        }
      if (!utf8)
        continue;
      self->seq[0] = byte;
      self->seq_len = 1;
      self->seq_line = self->line;
      self->seq_column = self->column;
      seq_start = i;
      self->lo = 0x80;
      self->hi = 0xBF;
      if (byte >= 0xC2 && byte <= 0xDF)
        self->need = 1;
      else if (byte >= 0xE0 && byte <= 0xEF)
        {
          self->need = 2;
          if (byte == 0xE0)
            self->lo = 0xA0; /* no overlong form */
          else if (byte == 0xED)
            self->hi = 0x9F; /* no surrogate */
        }
      else if (byte >= 0xF0 && byte <= 0xF4)
        {
          self->need = 3;
          if (byte == 0xF0)
            self->lo = 0x90;
          else if (byte == 0xF4)
            self->hi = 0x8F; /* not above U+10FFFF */
        }
      else if ((problem = not_utf8 (self)) != PROBLEM_NONE)
        {
          *piece = i;
          return problem;
        }
      else
        utf8 = self->encoding == REPERE_CSV_ENCODING_UTF8 || self->automatic;
    }
  *piece = len;
  return PROBLEM_NONE;
}

/* The error for the problem scan_piece () found, once the bytes before it
 * went through libcsv: the field is the one being read. */
static void
problem_error (RepereCsvReader *self, GError **error)
{
  g_autofree char *field = describe_field (self, record_n_fields (self->pending));
  g_autoptr (GString) bytes = g_string_new (NULL);

  for (guint i = 0; i < self->problem_len; i++)
    g_string_append_printf (bytes, "%s0x%02X", i ? " " : "", self->problem_bytes[i]);
  switch (self->problem)
    {
    case PROBLEM_NUL:
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                   _("%s, line %" PRIu64 ", %s, column %" PRIu64 ": a NUL byte (0x00): this is "
                     "not a text file, or its encoding is not one Repère reads"),
                   self->display_name, self->problem_line, field, self->problem_column);
      break;
    case PROBLEM_NOT_UTF8:
      if (self->multibyte > 0)
        g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                     _("%s, line %" PRIu64 ", %s, column %" PRIu64 ": byte %s is not valid UTF-8, "
                       "while the file is UTF-8 elsewhere (line %" PRIu64 ", column %" PRIu64
                       "): correct this byte or save the whole file as UTF-8"),
                     self->display_name, self->problem_line, field, self->problem_column, bytes->str,
                     self->multi_line, self->multi_column);
      else
        g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                     _("%s, line %" PRIu64 ", %s, column %" PRIu64 ": byte %s is not valid UTF-8"),
                     self->display_name, self->problem_line, field, self->problem_column, bytes->str);
      break;
    case PROBLEM_MIXED:
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                   _("%s, line %" PRIu64 ", %s, column %" PRIu64 ": bytes %s are UTF-8, while byte "
                     "0x%02X on line %" PRIu64 ", column %" PRIu64 " is not: the file mixes two "
                     "encodings; correct that byte or save the whole file as UTF-8"),
                   self->display_name, self->problem_line, field, self->problem_column, bytes->str,
                   self->bad_byte, self->bad_line, self->bad_column);
      break;
    case PROBLEM_UNDEFINED:
      g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                   _("%s, line %" PRIu64 ", %s, column %" PRIu64 ": byte %s is valid neither in "
                     "UTF-8 nor in Windows-1252"),
                   self->display_name, self->problem_line, field, self->problem_column, bytes->str);
      break;
    case PROBLEM_NONE:
    default:
      g_assert_not_reached ();
    }
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
          g_autoptr (GError) read_error = NULL;
          gssize n = g_input_stream_read (self->stream, self->block, BLOCK_SIZE, NULL, &read_error);
          if (n < 0)
            {
              if (self->source != REPERE_CSV_ENCODING_AUTO
                  && (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
                      || g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
                g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_ENCODING,
                             _("%s, line %" PRIu64 ": not valid %s (%s)"), self->display_name,
                             self->line, encoding_name (self->source), read_error->message);
              else
                g_propagate_prefixed_error (error, g_steal_pointer (&read_error), "%s: ",
                                            self->display_name);
              return FALSE;
            }
          self->block_len = n;
          self->block_pos = 0;
          self->bytes_read += n;
          checksum_update (self, self->block, n);
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
          if (n == 0 && self->need > 0)
            {
              /* The file ends inside a multi-byte sequence. */
              self->need = 0;
              if (not_utf8 (self) != PROBLEM_NONE)
                {
                  problem_error (self, error);
                  return FALSE;
                }
            }
          if (n == 0)
            {
              self->eof = TRUE;
              self->sha256 = checksum_finish (self);
              if (csv_fini (&self->parser, on_field, on_record, self) != 0 || self->error)
                return !parser_failed (self, error);
              break;
            }
        }

      /* Feed up to the end of the current line (LF, CR or CRLF) so that
       * callbacks see its number, and stop at the end of a record so that
       * errors come in order and name the header's fields. */
      while (self->block_pos < self->block_len && g_queue_is_empty (&self->records))
        {
          const guchar *start = self->block + self->block_pos;
          gsize len;
          Problem problem = scan_piece (self, start, self->block_len - self->block_pos, &len);
          guchar last = len > 0 ? start[len - 1] : 0;

          /* A record starts on its first line, even when its first field is
           * quoted and only ends lines later. */
          if (self->record_line == 0 && has_content (self, start, len))
            self->record_line = self->line;
          if (csv_parse (&self->parser, start, len, on_field, on_record, self) != len
              || self->error != NULL)
            return !parser_failed (self, error);
          if (problem != PROBLEM_NONE)
            {
              problem_error (self, error);
              return FALSE;
            }
          /* The field limit applies as the bytes arrive: libcsv holds the
           * field being read in entry_buf (its unquoted length, plus spaces
           * it may still trim: hence the slack of a block). */
          if (self->parser.entry_pos > REPERE_CSV_MAX_FIELD + BLOCK_SIZE)
            {
              g_autofree char *field = describe_field (self, record_n_fields (self->pending));
              g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_FIELD_TOO_LONG,
                           _("%s, line %" PRIu64 ", %s: the field is more than %d bytes long "
                             "(still not ended on line %" PRIu64 ")"),
                           self->display_name, self->record_line ? self->record_line : self->line,
                           field, REPERE_CSV_MAX_FIELD, self->line);
              return FALSE;
            }
          self->block_pos += len;
          if (last == '\r' || (last == '\n' && !(self->last_cr && len == 1)))
            {
              self->line++;
              self->column = 0;
            }
          self->last_cr = last == '\r';
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
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree char *base = g_path_get_basename (path);

  if (!repere_csv_check_regular_file (path, error))
    return NULL;
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  return repere_csv_reader_new (G_INPUT_STREAM (stream), base, encoding);
}

/**
 * repere_csv_check_regular_file:
 * @path: a file the user chose to import
 * @error: %REPERE_CSV_ERROR_NOT_REGULAR naming @path and what it is
 *
 * Only regular files are read: opening a named pipe waits for a writer
 * forever, and a device (/dev/zero) never ends. stat () follows links and
 * never blocks. A path that does not exist passes (opening it then fails
 * with its own error).
 *
 * Returns: %TRUE unless @path is a folder, a named pipe, a device or a socket
 */
gboolean
repere_csv_check_regular_file (const char *path, GError **error)
{
  GStatBuf st;
  const char *what;

  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode))
    return TRUE;
  what = S_ISDIR (st.st_mode)                          ? _("a folder")
         : S_ISFIFO (st.st_mode)                       ? _("a named pipe")
         : S_ISSOCK (st.st_mode)                       ? _("a socket")
         : S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode) ? _("a device")
                                                        : _("not a regular file");
  g_set_error (error, REPERE_CSV_ERROR, REPERE_CSV_ERROR_NOT_REGULAR,
               _("%s: this is %s, not a file: Repère reads only regular files"), path, what);
  return FALSE;
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
 * repere_csv_reader_set_fallback:
 * @self: a reader that has read nothing yet, made with %REPERE_CSV_ENCODING_AUTO
 * @encoding: %REPERE_CSV_ENCODING_WINDOWS_1252 (the default) or
 *   %REPERE_CSV_ENCODING_LATIN1
 *
 * Chooses the encoding that automatic detection settles on for a file with
 * bytes that are not UTF-8 and no valid multi-byte UTF-8 sequence (the
 * `--encoding` of the ROME import). A file valid in UTF-8 stays UTF-8.
 */
void
repere_csv_reader_set_fallback (RepereCsvReader *self, RepereCsvEncoding encoding)
{
  g_return_if_fail (encoding == REPERE_CSV_ENCODING_WINDOWS_1252
                    || encoding == REPERE_CSV_ENCODING_LATIN1);
  self->fallback = encoding;
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
  Record *record = record_pop (&self->records);
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
  self->current = record_pop (&self->records);
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

/**
 * repere_csv_reader_get_encoding:
 * @self: a reader
 *
 * The encoding read so far: for a file read to its end, the file's (UTF-8,
 * Windows-1252, ISO-8859-1, UTF-16LE or UTF-16BE); in automatic mode, UTF-8
 * until a byte says otherwise. Name it with repere_csv_encoding_get_name().
 *
 * Returns: the encoding
 */
RepereCsvEncoding
repere_csv_reader_get_encoding (RepereCsvReader *self)
{
  return self->source != REPERE_CSV_ENCODING_AUTO ? self->source : self->encoding;
}

guint64
repere_csv_reader_get_bytes_read (RepereCsvReader *self)
{
  return self->bytes_read;
}

/**
 * repere_csv_reader_get_sha256:
 *
 * Returns: (nullable): the SHA-256 of the raw bytes (for UTF-16, of the UTF-8
 *   they convert to), hex, once the end is reached
 */
const char *
repere_csv_reader_get_sha256 (RepereCsvReader *self)
{
  return self->sha256;
}
