/* repere-rome-read.c: finding and reading the files of a ROME 4.0 export
 *
 * First stage of the import: finds the twelve files (in a folder, or in the
 * copy compiled into Repère), reads them once, streaming, with the CSV
 * reader, checks every value as it goes (codes, duplicates, references to
 * what the files read before define, kept in hash tables) and appends the
 * rows to the staging tables of repere-rome-stage.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sync_file_range() */
#endif
#include "config.h"

#include "repere-rome-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#ifdef __linux__
#include <fcntl.h>
#include <stdlib.h>
#endif

/* The files are read in a pipeline on two threads: a reading thread
 * parses and checks the rows and writes what each row binds and steps as
 * operations into batches of about BATCH_BYTES; the caller's thread, which
 * owns the connection, replays them on the prepared statements, in order.
 * N_BATCHES circulate between the two queues, which bounds the memory. */
#define BATCH_BYTES 65536
#define N_BATCHES 32

enum
{
  OP_TEXT, /* bind the NUL-terminated text of len bytes that follows */
  OP_INT,  /* bind value */
  OP_NULL, /* bind NULL */
  OP_STEP, /* run the statement */
};

typedef struct
{
  guint8 kind;
  guint8 slot; /* 0: the file's statement; 1: its second (bloc 6 links) */
  guint8 param;
  guint32 len;
  gint64 value;
} Op;

typedef struct
{
  GByteArray *ops;
  RomeFileId id;
  double fraction; /* progress once written */
  gboolean end;    /* the last rows of file id */
  gboolean last;   /* the reading thread's end; error says how */
  GError *error;
} Batch;

typedef struct
{
  RepereRomeImport *self;
  RepereCsvEncoding encoding;
  GAsyncQueue *full;  /* batches to write, in order */
  GAsyncQueue *empty; /* batches to fill */
  Batch *batch;       /* being filled (reading thread) */
  gint64 read_waited; /* µs the reading thread waited for an empty batch */
  int stop;           /* set by the writing thread when it failed */
} Pipe;

typedef struct
{
  RepereRomeImport *self;
  RomeFileId id;
  RepereCsvReader *reader;
  const char *file;
  int columns[ROME_MAX_COLUMNS];
  Pipe *pipe;
  guint64 done, total; /* bytes of the files before, of all (progress) */
  GString *buffer;
  guint64 rows;
} FileRead;

/* Share of the work that reading the files takes, for the progress bar. */
#define READ_SHARE 0.85

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
column_name (FileRead *read, guint index)
{
  return rome_file_specs[read->id].columns[index];
}

static guint64
line_of (FileRead *read)
{
  return repere_csv_reader_get_line (read->reader);
}

/* A ROME code: a letter A–Z and four digits ("K1903"). */
static gboolean
is_rome_code (const char *text)
{
  return g_ascii_isupper (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2])
         && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) && text[5] == '\0';
}

/* The code as a number below 2^18, for packed keys. */
static gint64
code_number (const char *code)
{
  return (code[0] - 'A') * 10000 + (code[1] - '0') * 1000 + (code[2] - '0') * 100
         + (code[3] - '0') * 10 + (code[4] - '0');
}

static gboolean
check_code (FileRead *read, guint index, GError **error)
{
  const char *text = field (read, index);

  if (is_rome_code (text))
    return TRUE;
  return row_error (
      error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read), column_name (read, index),
      _ ("“%s” is not a ROME code (a capital letter and four digits, e.g. K1903)"), text);
}

/* A well-formed ROME code of unix_referentiel_code_rome (read before). */
static gboolean
known_code (FileRead *read, guint index, GError **error)
{
  const char *text = field (read, index);

  if (!check_code (read, index, error))
    return FALSE;
  if (g_hash_table_contains (read->self->codes, text))
    return TRUE;
  return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, line_of (read),
                    column_name (read, index), _ ("the ROME code %s is not in %s"), text,
                    read->self->files_in[ROME_FILE_CODE].name);
}

/* A positive whole number of at most @digits digits (code_ogr: 12). */
static gboolean
parse_number (FileRead *read, guint index, int digits, gint64 *value, GError **error)
{
  const char *text = field (read, index);
  gint64 result = 0;
  const char *p;

  for (p = text; g_ascii_isdigit (*p) && p - text < digits; p++)
    result = result * 10 + (*p - '0');
  if (p != text && *p == '\0' && result > 0)
    {
      *value = result;
      return TRUE;
    }
  return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                    column_name (read, index), _ ("“%s” is not a code (a positive whole number)"),
                    text);
}

static gboolean
parse_ogr (FileRead *read, guint index, gint64 *value, GError **error)
{
  return parse_number (read, index, 12, value, error);
}

static gboolean
check_not_empty (FileRead *read, guint index, GError **error)
{
  if (*field (read, index) != '\0')
    return TRUE;
  return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                    column_name (read, index), "%s", _ ("the field is empty"));
}

static void
op_add (FileRead *read, guint kind, guint slot, int parameter, gint64 value, const char *text,
        gsize len)
{
  Op op = { kind, slot, parameter, len, value };
  GByteArray *ops = read->pipe->batch->ops;
  guint at = ops->len;

  /* One growth check for the operation and its text (several per row). */
  g_byte_array_set_size (ops, at + sizeof op + (kind == OP_TEXT ? len + 1 : 0));
  memcpy (ops->data + at, &op, sizeof op);
  if (kind == OP_TEXT)
    memcpy (ops->data + at + sizeof op, text, len + 1);
}

/* Binds @text (copied), of @len bytes or NUL-terminated when -1. */
static void
op_text (FileRead *read, guint slot, int parameter, const char *text, gssize len)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;

  if (len < 0 || text[n] == '\0')
    op_add (read, OP_TEXT, slot, parameter, 0, text, n);
  else
    {
      g_autofree char *copy = g_strndup (text, n);
      op_add (read, OP_TEXT, slot, parameter, 0, copy, n);
    }
}

static void
op_int (FileRead *read, guint slot, int parameter, gint64 value)
{
  op_add (read, OP_INT, slot, parameter, value, NULL, 0);
}

static void
op_null (FileRead *read, guint slot, int parameter)
{
  op_add (read, OP_NULL, slot, parameter, 0, NULL, 0);
}

/* Hands the batch being filled to the writing thread, with the progress
 * once it is written, and takes an empty one. */
static void
pipe_push (Pipe *pipe, RomeFileId id, double fraction, gboolean end)
{
  pipe->batch->id = id;
  pipe->batch->fraction = fraction;
  pipe->batch->end = end;
  g_async_queue_push (pipe->full, pipe->batch);
  if ((pipe->batch = g_async_queue_try_pop (pipe->empty)) == NULL)
    {
      gint64 start = g_get_monotonic_time ();
      pipe->batch = g_async_queue_pop (pipe->empty);
      pipe->read_waited += g_get_monotonic_time () - start;
    }
  pipe->batch->id = id;
}

/* O → 1, N → 0, empty → NULL (not stated). */
static gboolean
bind_flag (FileRead *read, guint slot, int parameter, guint index, GError **error)
{
  const char *text = field (read, index);

  if (text[0] == '\0')
    op_null (read, slot, parameter);
  else if ((text[0] == 'O' || text[0] == 'N') && text[1] == '\0')
    op_int (read, slot, parameter, text[0] == 'O');
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, index), _ ("“%s” is neither O, N nor empty"), text);
  return TRUE;
}

static void
bind_field (FileRead *read, int parameter, guint index)
{
  op_text (read, 0, parameter, field (read, index), -1);
}

/* The row is complete: it is written once its batch is; stops when the
 * writing thread failed (its error is the one reported). */
static gboolean
op_step (FileRead *read, guint slot, GError **error)
{
  op_add (read, OP_STEP, slot, 0, 0, NULL, 0);
  if (g_atomic_int_get (&read->pipe->stop))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
      return FALSE;
    }
  if (read->pipe->batch->ops->len >= BATCH_BYTES)
    pipe_push (read->pipe, read->id,
               READ_SHARE * (read->done + repere_csv_reader_get_bytes_read (read->reader))
                   / MAX (read->total, 1),
               FALSE);
  return TRUE;
}

/* Keys of packed integers → the line that defined them. Where a pointer
 * holds 64 bits, the key is the pointer (no allocation per key). */
#if GLIB_SIZEOF_VOID_P >= 8
#define KEY_POINTER(key) GSIZE_TO_POINTER ((gsize) (key))
#else
#define KEY_POINTER(key) (&(key))
#endif

static gboolean
key_lookup (GHashTable *table, gint64 key, guint64 *line)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (table, KEY_POINTER (key), NULL, &value))
    return FALSE;
  if (line)
    *line = GPOINTER_TO_SIZE (value);
  return TRUE;
}

static void
key_insert (GHashTable *table, gint64 key, guint64 line)
{
#if GLIB_SIZEOF_VOID_P >= 8
  g_hash_table_insert (table, KEY_POINTER (key), GSIZE_TO_POINTER ((gsize) line));
#else
  g_hash_table_insert (table, g_memdup2 (&key, sizeof key), GSIZE_TO_POINTER ((gsize) line));
#endif
}

/* Adds @key to @table, or fails naming the line that had it first; the
 * message shows the fields @key_fields (indexes, -1 ends) joined by " / "
 * and names the last one. */
static gboolean
unique_key (FileRead *read, GHashTable *table, gint64 key, const int *key_fields, GError **error)
{
  g_autoptr (GString) text = NULL;
  guint64 first;
  guint last = 0;

  if (!key_lookup (table, key, &first))
    {
      key_insert (table, key, line_of (read));
      return TRUE;
    }
  text = g_string_new (NULL);
  for (guint i = 0; key_fields[i] >= 0; i++)
    {
      g_string_append_printf (text, "%s%s", i ? " / " : "", field (read, key_fields[i]));
      last = key_fields[i];
    }
  return row_error (error, REPERE_ROME_ERROR_DUPLICATE, read->file, line_of (read),
                    column_name (read, last), _ ("%s appears twice (first on line %" PRIu64 ")"),
                    text->str, first);
}

/* Adds a string key to @table (codes, domains), or fails naming the first line. */
static gboolean
unique_string (FileRead *read, GHashTable *table, const char *key, guint index, GError **error)
{
  gpointer first;

  if (!g_hash_table_lookup_extended (table, key, NULL, &first))
    {
      g_hash_table_insert (table, g_strdup (key), GSIZE_TO_POINTER ((gsize) line_of (read)));
      return TRUE;
    }
  return row_error (error, REPERE_ROME_ERROR_DUPLICATE, read->file, line_of (read),
                    column_name (read, index), _ ("%s appears twice (first on line %" PRIu64 ")"),
                    key, (guint64) GPOINTER_TO_SIZE (first));
}

/* ------------------------------------------------------------------ */
/* One function per file: checks a row, stages it                      */

static gboolean
read_grand_domain (FileRead *read, GError **error)
{
  const char *code = field (read, 0);

  if (!(g_ascii_isupper (code[0]) && code[1] == '\0'))
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 0), _ ("“%s” is not a grand domaine (a capital letter)"),
                      code);
  if (!check_not_empty (read, 1, error)
      || !unique_string (read, read->self->domains, code, 0, error))
    return FALSE;
  bind_field (read, 1, 0);
  bind_field (read, 2, 1);
  read->self->counts.grand_domains++;
  return op_step (read, 0, error);
}

static gboolean
read_domain (FileRead *read, GError **error)
{
  const char *code = field (read, 0);
  char grand[2] = { code[0], '\0' };

  if (!(g_ascii_isupper (code[0]) && g_ascii_isdigit (code[1]) && g_ascii_isdigit (code[2])
        && code[3] == '\0'))
    return row_error (
        error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read), column_name (read, 0),
        _ ("“%s” is not a domaine professionnel (a capital letter and two digits)"), code);
  if (!g_hash_table_contains (read->self->domains, grand))
    return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, line_of (read),
                      column_name (read, 0), _ ("the grand domaine %s is not in %s"), grand,
                      read->self->files_in[ROME_FILE_GRAND_DOMAIN].name);
  if (!check_not_empty (read, 1, error)
      || !unique_string (read, read->self->domains, code, 0, error))
    return FALSE;
  bind_field (read, 1, 0);
  op_text (read, 0, 2, grand, 1);
  bind_field (read, 3, 1);
  read->self->counts.domains++;
  return op_step (read, 0, error);
}

static gboolean
read_code (FileRead *read, GError **error)
{
  RepereRomeImport *self = read->self;
  const char *code = field (read, 0);
  const char *parent = field (read, 3);
  gint64 ogr;

  if (!check_code (read, 0, error) || !parse_ogr (read, 1, &ogr, error)
      || !check_not_empty (read, 2, error))
    return FALSE;
  if (*parent != '\0')
    {
      RomePending pending = { line_of (read), 0, "" };
      if (!check_code (read, 3, error))
        return FALSE;
      memcpy (pending.parent, parent, 6);
      g_array_append_val (self->pending, pending);
    }
  if (!unique_string (read, self->codes, code, 0, error))
    return FALSE;
  op_text (read, 0, 1, code, -1);
  bind_field (read, 2, 2);
  op_int (read, 0, 3, ogr);
  bind_field (read, 4, 3);
  bind_field (read, 5, 4);
  if (!bind_flag (read, 0, 6, 5, error) || !bind_flag (read, 0, 7, 6, error)
      || !bind_flag (read, 0, 8, 7, error) || !bind_flag (read, 0, 9, 8, error))
    return FALSE;
  self->counts.codes++;
  if (self->codes_read)
    {
      RepereRomeCodeChange *change = g_new0 (RepereRomeCodeChange, 1);
      change->code = g_strdup (code);
      change->new_title = g_strdup (field (read, 2));
      g_ptr_array_add (self->codes_read, change);
    }
  return op_step (read, 0, error);
}

/* unix_cr_gd_dp: the domain of each code. */
static gboolean
read_code_domain (FileRead *read, GError **error)
{
  const char *grand = field (read, 1);
  const char *domain = field (read, 2);

  if (!known_code (read, 0, error))
    return FALSE;
  if (!g_hash_table_contains (read->self->domains, domain))
    return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, line_of (read),
                      column_name (read, 2), _ ("the domaine professionnel %s is not in %s"),
                      domain, read->self->files_in[ROME_FILE_DOMAIN].name);
  if (grand[0] != domain[0] || grand[1] != '\0')
    return row_error (
        error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read), column_name (read, 1),
        _ ("“%s” is not the grand domaine of the domaine professionnel %s"), grand, domain);
  if (!unique_key (read, read->self->keys, code_number (field (read, 0)), (const int[]){ 0, -1 },
                   error))
    return FALSE;
  op_text (read, 0, 1, domain, -1);
  bind_field (read, 2, 0);
  return op_step (read, 0, error);
}

static gboolean
read_appellation (FileRead *read, GError **error)
{
  const char *rarely = field (read, 4);
  gint64 id;

  if (!parse_ogr (read, 0, &id, error) || !check_not_empty (read, 1, error)
      || !check_code (read, 3, error))
    return FALSE;
  if (g_strcmp0 (rarely, "O") != 0 && g_strcmp0 (rarely, "N") != 0 && *rarely != '\0')
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 4), _ ("“%s” is neither O nor N"), rarely);
  if (!known_code (read, 3, error))
    return FALSE;
  if (!unique_key (read, read->self->keys, id, (const int[]){ 0, -1 }, error))
    return FALSE;
  op_int (read, 0, 1, id);
  bind_field (read, 2, 3);
  bind_field (read, 3, 1);
  bind_field (read, 4, 2);
  op_int (read, 0, 5, rarely[0] == 'O');
  read->self->counts.appellations++;
  return op_step (read, 0, error);
}

/* Competencies and savoirs share one id space: a duplicate names the file
 * of the first one when it is the other. */
static gboolean
add_competency (FileRead *read, gint64 id, RomeNature nature, GError **error)
{
  RepereRomeImport *self = read->self;
  guint64 first;

  if (key_lookup (self->competencies, id, &first))
    {
      RomeNature other = first & 3;
      const char *other_file
          = self->files_in[other == ROME_NATURE_SAVOIR ? ROME_FILE_SAVOIR : ROME_FILE_COMPETENCE]
                .name;
      if (g_strcmp0 (other_file, read->file) != 0)
        return row_error (error, REPERE_ROME_ERROR_DUPLICATE, read->file, line_of (read),
                          column_name (read, 0),
                          _ ("%" PRId64 " is already the code of line %" PRIu64 " of %s"), id,
                          first >> 2, other_file);
      return row_error (
          error, REPERE_ROME_ERROR_DUPLICATE, read->file, line_of (read), column_name (read, 0),
          _ ("%" PRId64 " appears twice (first on line %" PRIu64 ")"), id, first >> 2);
    }
  key_insert (self->competencies, id, (line_of (read) << 2) | nature);
  return TRUE;
}

/* A first import's diff: every competency read is added (label: field
 * @label). */
static void
competency_read (FileRead *read, gint64 id, const char *nature, guint label)
{
  RepereRomeCompetencyChange *change;

  if (read->self->competencies_read == NULL)
    return;
  change = g_new0 (RepereRomeCompetencyChange, 1);
  change->id = id;
  change->nature = g_strdup (nature);
  change->new_label = g_strdup (field (read, label));
  g_ptr_array_add (read->self->competencies_read, change);
}

static gboolean
read_competence (FileRead *read, GError **error)
{
  gint64 id, macro = 0;
  const char *nature = field (read, 1);
  gboolean is_macro;

  if (!parse_ogr (read, 0, &id, error) || !check_not_empty (read, 2, error))
    return FALSE;
  if (g_strcmp0 (nature, "Compétence") == 0)
    is_macro = FALSE;
  else if (g_strcmp0 (nature, "Macro-compétence") == 0)
    is_macro = TRUE;
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 1), _ ("“%s” is neither Compétence nor Macro-compétence"),
                      nature);
  if (*field (read, 4) != '\0' && !parse_ogr (read, 4, &macro, error))
    return FALSE;
  op_int (read, 0, 1, id);
  op_text (read, 0, 2, is_macro ? "macro" : "competence", -1);
  bind_field (read, 3, 2);
  bind_field (read, 4, 3);
  bind_field (read, 5, 6);
  bind_field (read, 6, 7);
  /* A macro-competency names itself as its macro; keep the link for the others. */
  if (macro > 0 && macro != id)
    {
      RomePending pending = { line_of (read), macro, "" };
      op_int (read, 0, 7, macro);
      g_array_append_val (read->self->pending, pending);
    }
  else
    op_null (read, 0, 7);
  bind_field (read, 8, 5);
  if (!bind_flag (read, 0, 9, 8, error) || !bind_flag (read, 0, 10, 9, error))
    return FALSE;
  if (!add_competency (read, id, is_macro ? ROME_NATURE_MACRO : ROME_NATURE_COMPETENCE, error))
    return FALSE;
  if (is_macro)
    read->self->counts.macros++;
  else
    read->self->counts.competencies++;
  competency_read (read, id, is_macro ? "macro" : "competence", 2);
  return op_step (read, 0, error);
}

static gboolean
read_savoir (FileRead *read, GError **error)
{
  gint64 id;

  if (!parse_ogr (read, 0, &id, error) || !check_not_empty (read, 1, error))
    return FALSE;
  op_int (read, 0, 1, id);
  op_text (read, 0, 2, "savoir", -1);
  bind_field (read, 3, 1);
  op_text (read, 0, 4, "", -1);
  bind_field (read, 5, 2);
  bind_field (read, 6, 3);
  op_null (read, 0, 7);
  op_text (read, 0, 8, "", -1);
  if (!bind_flag (read, 0, 9, 4, error) || !bind_flag (read, 0, 10, 5, error))
    return FALSE;
  if (!add_competency (read, id, ROME_NATURE_SAVOIR, error))
    return FALSE;
  read->self->counts.savoirs++;
  competency_read (read, id, "savoir", 1);
  return op_step (read, 0, error);
}

static gboolean
read_context (FileRead *read, GError **error)
{
  RepereRomeImport *self = read->self;
  const char *type_label = field (read, 3);
  const char *known_label;
  gint64 id, type;

  if (!parse_ogr (read, 0, &id, error) || !check_not_empty (read, 1, error)
      || !parse_number (read, 2, 6, &type, error) || !check_not_empty (read, 3, error))
    return FALSE;
  known_label = g_hash_table_lookup (self->context_types, GSIZE_TO_POINTER ((gsize) type));
  if (known_label == NULL)
    g_hash_table_insert (self->context_types, GSIZE_TO_POINTER ((gsize) type),
                         g_strdup (type_label));
  else if (g_strcmp0 (known_label, type_label) != 0)
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 3),
                      _ ("the type %" PRId64 " is called “%s” here and “%s” above"), type,
                      type_label, known_label);
  if (!unique_key (read, self->contexts, id, (const int[]){ 0, -1 }, error))
    return FALSE;
  op_int (read, 0, 1, id);
  bind_field (read, 2, 1);
  op_int (read, 0, 3, type);
  bind_field (read, 4, 3);
  self->counts.contexts++;
  return op_step (read, 0, error);
}

/* unix_coherence_item: coeur_metier of the bloc 5 and bloc 6 links, kept
 * for the links read next. Every row is checked, an empty coeur_metier
 * too: its code (of unix_referentiel_code_rome), its code_ogr (a
 * competency, savoir or work context read before) and its key, so that
 * two rows for one link (that would disagree on coeur_metier) are an
 * error naming both lines. */
static gboolean
read_coherence (FileRead *read, GError **error)
{
  RepereRomeImport *self = read->self;
  const char *core = field (read, 2);
  int value = 0;
  gint64 id;

  if (!known_code (read, 0, error) || !parse_ogr (read, 1, &id, error))
    return FALSE;
  if (!key_lookup (self->competencies, id, NULL) && !key_lookup (self->contexts, id, NULL))
    return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, line_of (read),
                      column_name (read, 1),
                      _ ("%s is neither a competency, a savoir nor a work context (of %s, %s, %s)"),
                      field (read, 1), self->files_in[ROME_FILE_COMPETENCE].name,
                      self->files_in[ROME_FILE_SAVOIR].name,
                      self->files_in[ROME_FILE_CONTEXT].name);
  if (g_strcmp0 (core, "Principale") == 0)
    value = 2;
  else if (g_strcmp0 (core, "Émergente") == 0)
    value = 1;
  else if (*core != '\0')
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 2), _ ("“%s” is neither Principale, Émergente nor empty"),
                      core);
  if (!unique_key (read, self->keys, (code_number (field (read, 0)) << 40) | id,
                   (const int[]){ 0, 1, -1 }, error))
    return FALSE;
  if (value != 0)
    key_insert (self->cores, (code_number (field (read, 0)) << 40) | id, value);
  return TRUE;
}

static const char *
core_of (FileRead *read, gint64 key)
{
  guint64 value = 0;

  key_lookup (read->self->cores, key, &value);
  return value == 2 ? "principale" : value == 1 ? "emergente" : "";
}

static gboolean
read_link (FileRead *read, GError **error)
{
  RepereRomeImport *self = read->self;
  const char *bloc = field (read, 1);
  const char *rubrique;
  const char *kind;
  RomeNature target;
  guint64 found;
  gint64 id, key;

  if (!check_code (read, 0, error))
    return FALSE;
  if (bloc[0] == '6' && bloc[1] == '\0')
    {
      /* bloc 6: a work context */
      if (!known_code (read, 0, error) || !parse_ogr (read, 3, &id, error))
        return FALSE;
      if (!key_lookup (self->contexts, id, NULL))
        return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, line_of (read),
                          column_name (read, 3), _ ("the work context %s is not in %s"),
                          field (read, 3), self->files_in[ROME_FILE_CONTEXT].name);
      key = (code_number (field (read, 0)) << 40) | id;
      if (!unique_key (read, self->keys, key | ((gint64) 1 << 62), (const int[]){ 0, 3, -1 },
                       error))
        return FALSE;
      op_text (read, 1, 1, field (read, 0), -1);
      op_int (read, 1, 2, id);
      op_text (read, 1, 3, core_of (read, key), -1);
      self->counts.context_links++;
      return op_step (read, 1, error);
    }
  if (bloc[0] != '5' || bloc[1] != '\0')
    return TRUE;
  rubrique = field (read, 2);
  if (g_strcmp0 (rubrique, "1") == 0)
    kind = "savoir-faire", target = ROME_NATURE_COMPETENCE;
  else if (g_strcmp0 (rubrique, "2") == 0)
    kind = "savoir-etre", target = ROME_NATURE_COMPETENCE;
  else if (g_strcmp0 (rubrique, "3") == 0)
    kind = "savoir", target = ROME_NATURE_SAVOIR;
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 2), _ ("“%s” is not a rubrique of bloc 5 (1, 2 or 3)"),
                      rubrique);
  if (!known_code (read, 0, error) || !parse_ogr (read, 3, &id, error))
    return FALSE;
  /* Savoir-faire and savoir-être name competencies or macro-competencies. */
  if (!key_lookup (self->competencies, id, &found)
      || ((found & 3) == ROME_NATURE_SAVOIR) != (target == ROME_NATURE_SAVOIR))
    return row_error (
        error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, line_of (read),
        column_name (read, 3),
        target == ROME_NATURE_SAVOIR ? _ ("the savoir %s is not in %s")
                                     : _ ("the competency %s is not in %s"),
        field (read, 3),
        self->files_in[target == ROME_NATURE_SAVOIR ? ROME_FILE_SAVOIR : ROME_FILE_COMPETENCE]
            .name);
  key = (code_number (field (read, 0)) << 40) | id;
  if (!unique_key (read, self->keys, key, (const int[]){ 0, 3, -1 }, error))
    return FALSE;
  op_text (read, 0, 1, field (read, 0), -1);
  op_int (read, 0, 2, id);
  op_text (read, 0, 3, kind, -1);
  op_text (read, 0, 4, core_of (read, key), -1);
  self->counts.links++;
  if (target == ROME_NATURE_SAVOIR)
    self->counts.links_savoir++;
  else if (rubrique[0] == '1')
    self->counts.links_savoir_faire++;
  else
    self->counts.links_savoir_etre++;
  return op_step (read, 0, error);
}

/* unix_texte: the définition (bloc 3) and accès à l'emploi (bloc 4)
 * sentences. The v460 export doubles every apostrophe of this file
 * ("l''entretien"), as an SQL literal would: they are read back single. */
static gboolean
read_text (FileRead *read, GError **error)
{
  const char *bloc = field (read, 1);
  const char *type = field (read, 2);
  const char *text = field (read, 4);
  gboolean definition;
  gint64 position;

  if (!known_code (read, 0, error))
    return FALSE;
  if (g_strcmp0 (type, "definition") == 0)
    definition = TRUE;
  else if (g_strcmp0 (type, "acces_metier") == 0)
    definition = FALSE;
  else
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 2), _ ("“%s” is neither definition nor acces_metier"),
                      type);
  if (g_strcmp0 (bloc, definition ? "3" : "4") != 0)
    return row_error (error, REPERE_ROME_ERROR_INVALID, read->file, line_of (read),
                      column_name (read, 1), _ ("“%s” is not the bloc of %s (%s)"), bloc, type,
                      definition ? "3" : "4");
  if (!parse_number (read, 3, 6, &position, error) || !check_not_empty (read, 4, error))
    return FALSE;
  if (!unique_key (read, read->self->keys,
                   (code_number (field (read, 0)) << 24) | ((gint64) definition << 20) | position,
                   (const int[]){ 0, 2, 3, -1 }, error))
    return FALSE;
  if (strstr (text, "''") != NULL)
    {
      g_string_assign (read->buffer, text);
      g_string_replace (read->buffer, "''", "'", 0);
      text = read->buffer->str;
    }
  bind_field (read, 1, 0);
  op_text (read, 0, 2, definition ? "definition" : "access", -1);
  op_int (read, 0, 3, position);
  op_text (read, 0, 4, text, -1);
  if (definition)
    read->self->counts.texts_definition++;
  else
    read->self->counts.texts_access++;
  return op_step (read, 0, error);
}

static gboolean
read_mobility (FileRead *read, GError **error)
{
  gint64 position;

  if (!known_code (read, 0, error) || !known_code (read, 1, error)
      || !parse_number (read, 2, 6, &position, error))
    return FALSE;
  if (!unique_key (read, read->self->keys,
                   (code_number (field (read, 0)) << 20) | code_number (field (read, 1)),
                   (const int[]){ 0, 1, -1 }, error))
    return FALSE;
  bind_field (read, 1, 0);
  bind_field (read, 2, 1);
  op_int (read, 0, 3, position);
  read->self->counts.mobility_links++;
  return op_step (read, 0, error);
}

/* Per file: the row function, and where its rows go: a staging table, or
 * straight into the main table for a first import (see rome_import_run()),
 * with :batch the new batch. */
static const struct
{
  gboolean (*row) (FileRead *read, GError **error);
  const char *stage_sql;
  const char *main_sql;
} file_readers[ROME_N_FILES] = {
  [ROME_FILE_GRAND_DOMAIN]
  = { read_grand_domain, "INSERT INTO temp.rome_stage_grand_domain VALUES (?1, ?2)",
      "INSERT INTO main.rome_grand_domain (code, label, batch_id) VALUES (?1, ?2, :batch)" },
  [ROME_FILE_DOMAIN] = { read_domain, "INSERT INTO temp.rome_stage_domain VALUES (?1, ?2, ?3)",
                         "INSERT INTO main.rome_domain (code, grand_domain_code, label, batch_id)"
                         " VALUES (?1, ?2, ?3, :batch)" },
  [ROME_FILE_CODE]
  = { read_code,
      "INSERT INTO temp.rome_stage_code VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7, ?8, ?9)",
      "INSERT INTO main.rome_code (code, title, ogr, parent_code, domain_code, transition_eco,"
      " transition_num, transition_demo, regulated, executive, batch_id)"
      " VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7, ?8, ?9, :batch)" },
  [ROME_FILE_CODE_DOMAIN]
  = { read_code_domain, "UPDATE temp.rome_stage_code SET domain_code = ?1 WHERE code = ?2",
      "UPDATE main.rome_code SET domain_code = ?1 WHERE code = ?2" },
  [ROME_FILE_APPELLATION]
  = { read_appellation, "INSERT INTO temp.rome_stage_appellation VALUES (?1, ?2, ?3, ?4, ?5)",
      "INSERT INTO main.rome_appellation (id, rome_code, label, short_label, rarely_used, batch_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, :batch)" },
  [ROME_FILE_COMPETENCE]
  = { read_competence,
      "INSERT INTO temp.rome_stage_competency VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      "INSERT INTO main.competency (id, " ROME_COMPETENCY_VALUES ", batch_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, :batch)" },
  [ROME_FILE_SAVOIR]
  = { read_savoir,
      "INSERT INTO temp.rome_stage_competency VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      "INSERT INTO main.competency (id, " ROME_COMPETENCY_VALUES ", batch_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, :batch)" },
  [ROME_FILE_CONTEXT]
  = { read_context, "INSERT INTO temp.rome_stage_context VALUES (?1, ?2, ?3, ?4)",
      "INSERT INTO main.rome_context (id, label, type_code, type_label, batch_id)"
      " VALUES (?1, ?2, ?3, ?4, :batch)" },
  [ROME_FILE_COHERENCE] = { read_coherence, NULL, NULL },
  [ROME_FILE_LINK]
  = { read_link, "INSERT INTO temp.rome_stage_link VALUES (?1, ?2, ?3, ?4)",
      "INSERT INTO main.rome_competency (rome_code, competency_id, kind, core, batch_id)"
      " VALUES (?1, ?2, ?3, ?4, :batch)" },
  [ROME_FILE_TEXT] = { read_text, "INSERT INTO temp.rome_stage_text VALUES (?1, ?2, ?3, ?4)",
                       "INSERT INTO main.rome_text (rome_code, kind, position, text, batch_id)"
                       " VALUES (?1, ?2, ?3, ?4, :batch)" },
  [ROME_FILE_MOBILITY]
  = { read_mobility, "INSERT INTO temp.rome_stage_mobility VALUES (?1, ?2, ?3)",
      "INSERT INTO main.rome_mobility (rome_code, target_code, position, batch_id)"
      " VALUES (?1, ?2, ?3, :batch)" },
};

/* The statement a file's rows go through. */
static sqlite3_stmt *
insert_statement (RepereRomeImport *self, const char *stage_sql, const char *main_sql,
                  GError **error)
{
  sqlite3_stmt *stmt = rome_prepare (self->handle, self->direct ? main_sql : stage_sql, error);
  int batch;

  if (stmt != NULL && (batch = sqlite3_bind_parameter_index (stmt, ":batch")) > 0)
    sqlite3_bind_int64 (stmt, batch, self->batch);
  return stmt;
}

/* References to rows that may come later in the same file. */
static gboolean
check_pending (FileRead *read, GError **error)
{
  RepereRomeImport *self = read->self;

  for (guint i = 0; i < self->pending->len; i++)
    {
      RomePending *p = &g_array_index (self->pending, RomePending, i);
      guint64 found;

      if (read->id == ROME_FILE_CODE && !g_hash_table_contains (self->codes, p->parent))
        return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, p->line,
                          column_name (read, 3), _ ("the ROME code %s is not in %s"), p->parent,
                          read->file);
      if (read->id == ROME_FILE_COMPETENCE
          && (!key_lookup (self->competencies, p->value, &found)
              || (found & 3) != ROME_NATURE_MACRO))
        {
          g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, p->value);
          return row_error (error, REPERE_ROME_ERROR_UNKNOWN_REFERENCE, read->file, p->line,
                            column_name (read, 4), _ ("%s is not a macro-competency of %s"), value,
                            read->file);
        }
    }
  g_array_set_size (self->pending, 0);
  return TRUE;
}

/* A reader on one file: from the folder, or decompressing the bundled copy
 * (gzip in the GResource) as it reads. */
static RepereCsvReader *
open_reader (RepereRomeImport *self, RomeFileId id, RepereCsvEncoding encoding, GError **error)
{
  g_autoptr (GInputStream) compressed = NULL;
  g_autoptr (GZlibDecompressor) decompressor = NULL;
  g_autoptr (GInputStream) stream = NULL;

  if (!self->bundled)
    {
      /* A chosen encoding is for the files that are not UTF-8: a folder may
       * mix them (v460 has one Windows-1252 file). Each file is detected
       * whole: UTF-8 if all of it is, @encoding if none of it is. */
      RepereCsvReader *reader;

      if (encoding == REPERE_CSV_ENCODING_UTF8)
        return repere_csv_reader_new_for_path (self->files_in[id].path, encoding, error);
      reader = repere_csv_reader_new_for_path (self->files_in[id].path, REPERE_CSV_ENCODING_AUTO,
                                               error);
      if (reader != NULL && encoding != REPERE_CSV_ENCODING_AUTO)
        repere_csv_reader_set_fallback (reader, encoding);
      return reader;
    }
  compressed
      = g_resources_open_stream (self->files_in[id].path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (compressed == NULL)
    return NULL;
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  stream = g_converter_input_stream_new (compressed, G_CONVERTER (decompressor));
  return repere_csv_reader_new (stream, self->files_in[id].name, REPERE_CSV_ENCODING_UTF8);
}

/* In the reading thread: reads and checks one file, its rows going to
 * @pipe; records its name, SHA-256 and rows. */
static gboolean
read_file (Pipe *pipe, RomeFileId id, guint64 done, guint64 total, GError **error)
{
  RepereRomeImport *self = pipe->self;
  g_autoptr (RepereCsvReader) reader = NULL;
  g_autoptr (GString) buffer = g_string_new (NULL);
  FileRead read = { self, id };
  RepereRomeFile *file;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if ((reader = open_reader (self, id, pipe->encoding, error)) == NULL)
    return FALSE;
  if (!repere_csv_reader_read_header (reader, error))
    return FALSE;
  read.reader = reader;
  read.file = self->files_in[id].name;
  read.buffer = buffer;
  read.pipe = pipe;
  read.done = done;
  read.total = total;
  for (guint i = 0; i < ROME_MAX_COLUMNS && rome_file_specs[id].columns[i]; i++)
    if ((read.columns[i] = repere_csv_reader_find_column (reader, rome_file_specs[id].columns[i]))
        < 0)
      {
        g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_MISSING_COLUMN,
                     _ ("%s, line 1: the column “%s” is missing"), read.file,
                     rome_file_specs[id].columns[i]);
        return FALSE;
      }
  g_hash_table_remove_all (self->keys);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;

      if (!repere_csv_reader_next (reader, &local_error))
        {
          if (local_error)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      read.rows++;
      if (!file_readers[id].row (&read, error))
        return FALSE;
      if ((read.rows & 1023) == 0
          && g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
    }
  if (read.rows == 0)
    {
      g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_INVALID,
                   _ ("%s: the file has a header but no rows"), read.file);
      return FALSE;
    }
  if (!check_pending (&read, error))
    return FALSE;
  file = g_new0 (RepereRomeFile, 1);
  file->name = g_strdup (read.file);
  file->sha256 = g_strdup (repere_csv_reader_get_sha256 (reader));
  file->encoding
      = g_strdup (repere_csv_encoding_get_name (repere_csv_reader_get_encoding (reader)));
  file->rows = (gint64) read.rows;
  g_ptr_array_add (self->files, file);
  /* A batch holds the rows of one file. */
  pipe_push (pipe, id, READ_SHARE * (done + self->files_in[id].size) / MAX (total, 1), TRUE);
  return TRUE;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  const RepereRomeCodeChange *x = *(RepereRomeCodeChange *const *) a;
  const RepereRomeCodeChange *y = *(RepereRomeCodeChange *const *) b;

  return strcmp (x->code, y->code);
}

static int
compare_competencies (gconstpointer a, gconstpointer b)
{
  const RepereRomeCompetencyChange *x = *(RepereRomeCompetencyChange *const *) a;
  const RepereRomeCompetencyChange *y = *(RepereRomeCompetencyChange *const *) b;

  return (x->id > y->id) - (x->id < y->id);
}

/* The reading thread: the twelve files in order, then the last batch,
 * which carries the error that stopped it, if any. */
static gpointer
read_thread (gpointer data)
{
  Pipe *pipe = data;
  RepereRomeImport *self = pipe->self;
  guint64 total = 0, done = 0;
  GError *error = NULL;

  for (guint i = 0; i < ROME_N_FILES; i++)
    total += self->files_in[i].size;
  for (RomeFileId id = 0; id < ROME_N_FILES; id++)
    {
      /* The rows before an error are written too: a write error on one
       * of them comes first. */
      pipe->batch->id = id;
      if (!read_file (pipe, id, done, total, &error))
        break;
      done += self->files_in[id].size;
    }
  /* The order of the diff's lists (by code, by id), while the other
   * thread finishes writing. */
  if (error == NULL && self->codes_read)
    g_ptr_array_sort (self->codes_read, compare_codes);
  if (error == NULL && self->competencies_read)
    g_ptr_array_sort (self->competencies_read, compare_competencies);
  pipe->batch->last = TRUE;
  pipe->batch->error = error;
  g_async_queue_push (pipe->full, g_steal_pointer (&pipe->batch));
  return NULL;
}

/* Rows of an INSERT … VALUES written GROUP_ROWS at a time, by one
 * statement of that many rows: as many binds, a fraction of the steps. */
#define GROUP_ROWS 16

/* In the caller's thread: the statements of one file's rows. */
typedef struct
{
  sqlite3_stmt *one;              /* a row */
  sqlite3_stmt *group;            /* GROUP_ROWS rows, or NULL (an UPDATE) */
  int stride;                     /* group: parameters of a row (group_sql()) */
  const guint8 *rows[GROUP_ROWS]; /* rows waiting, in the batch being written */
  guint n_rows;
} Writer;

/* The INSERT … VALUES (…) @sql for @rows rows, the numbered parameters of
 * row r shifted by r times *@stride, one more than a row's largest (?1 →
 * ?12 in the second row of ?1 … ?10): a named parameter at the end of the
 * first row (:batch) takes that number and is the same in every row.
 * %NULL for another statement. */
static char *
group_sql (const char *sql, guint rows, int *stride)
{
  const char *values = strstr (sql, " VALUES (");
  GString *out;
  int n = 0;

  if (!g_str_has_prefix (sql, "INSERT ") || values == NULL)
    return NULL;
  values += strlen (" VALUES ");
  for (const char *p = values; *p; p++)
    if (*p == '?')
      n = MAX (n, atoi (p + 1));
  n++;
  /* Any failure rolls the whole import back: OR ROLLBACK spares the
   * statement journal that a statement of several rows that may abort
   * would keep. */
  out = g_string_new ("INSERT OR ROLLBACK ");
  g_string_append (out, sql + strlen ("INSERT "));
  for (guint r = 1; r < rows; r++)
    {
      g_string_append (out, ", ");
      for (const char *p = values; *p; p++)
        {
          char *next;
          if (*p != '?')
            {
              g_string_append_c (out, *p);
              continue;
            }
          g_string_append_printf (out, "?%ld", strtol (p + 1, &next, 10) + (long) r * n);
          p = next - 1;
        }
    }
  *stride = n;
  return g_string_free (out, FALSE);
}

/* Binds the operations of the row at @p to @stmt, parameters shifted by
 * @shift; returns the end of the row (after its OP_STEP). The text stays
 * in the batch, which outlives the step. */
static const guint8 *
bind_row (sqlite3_stmt *stmt, const guint8 *p, int shift)
{
  for (;;)
    {
      Op op;

      memcpy (&op, p, sizeof op);
      p += sizeof op;
      switch (op.kind)
        {
        case OP_TEXT:
          if (stmt)
            sqlite3_bind_text (stmt, op.param + shift, (const char *) p, op.len, SQLITE_STATIC);
          p += op.len + 1;
          break;
        case OP_INT:
          if (stmt)
            sqlite3_bind_int64 (stmt, op.param + shift, op.value);
          break;
        case OP_NULL:
          if (stmt)
            sqlite3_bind_null (stmt, op.param + shift);
          break;
        case OP_STEP:
        default:
          return p;
        }
    }
}

static gboolean
run (RepereRomeImport *self, sqlite3_stmt *stmt, RomeFileId id, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return rome_db_error (self->handle, error, self->files_in[id].name);
}

/* A first import in rollback-journal mode writes its 16 MB of pages at the
 * commit, whose fsync then waits for all of them to reach the disk (about
 * 30 ms on the development machine: the kernel starts writing back only
 * when asked or when far more is dirty). Once the links are in, most pages
 * are final: they are written out now (sqlite3_db_cacheflush(), which syncs
 * the journal first) and the kernel is asked to start writing them back
 * (sync_file_range(), Linux), while the indexes are built and the texts and
 * the mobility read; the commit's fsync then finds most of them on disk.
 * SQLite's own descriptor of the file is used, found in /proc/self/fd:
 * closing one of ours would release SQLite's locks on the file. Atomicity
 * is unchanged: a killed import leaves a hot journal, rolled back by the
 * next connection. Only a hint: a failure changes nothing but the time. */
static void
start_writeback (RepereRomeImport *self)
{
#ifdef __linux__
  const char *path = sqlite3_db_filename (self->handle, "main");
  g_autoptr (GDir) fds = NULL;
  const char *name;
  int rc;

  if (path == NULL || *path == '\0')
    return;
  if ((rc = sqlite3_db_cacheflush (self->handle)) != SQLITE_OK)
    {
      g_debug ("ROME import: no early write (%s)", sqlite3_errstr (rc));
      return;
    }
  if ((fds = g_dir_open ("/proc/self/fd", 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (g_strcmp0 (target, path) == 0)
        sync_file_range (atoi (name), 0, 0, SYNC_FILE_RANGE_WRITE);
    }
#endif
}

/* Writes the rows waiting in @w one by one. */
static gboolean
flush_rows (RepereRomeImport *self, Writer *w, RomeFileId id, GError **error)
{
  guint n = w->n_rows;

  w->n_rows = 0;
  for (guint i = 0; i < n; i++)
    {
      bind_row (w->one, w->rows[i], 0);
      if (!run (self, w->one, id, error))
        return FALSE;
    }
  return TRUE;
}

/* In the caller's thread: writes the rows of @batch, in order for each
 * statement; none waits once it returns. */
static gboolean
write_batch (RepereRomeImport *self, Writer writers[][2], Batch *batch, GError **error)
{
  const guint8 *p = batch->ops->data;
  const guint8 *end = p + batch->ops->len;
  gboolean ok = TRUE;

  while (ok && p < end)
    {
      Writer *w;
      Op op;

      memcpy (&op, p, sizeof op); /* every operation of a row has its slot */
      w = &writers[batch->id][op.slot];
      if (w->group == NULL)
        {
          p = bind_row (w->one, p, 0);
          ok = run (self, w->one, batch->id, error);
          continue;
        }
      w->rows[w->n_rows++] = p;
      p = bind_row (NULL, p, 0);
      if (w->n_rows == GROUP_ROWS)
        {
          for (guint i = 0; i < GROUP_ROWS; i++)
            bind_row (w->group, w->rows[i], i * w->stride);
          w->n_rows = 0;
          ok = run (self, w->group, batch->id, error);
        }
    }
  for (guint slot = 0; slot < 2; slot++)
    if (!flush_rows (self, &writers[batch->id][slot], batch->id, ok ? error : NULL))
      ok = FALSE;
  return ok;
}

/* Prepares the statements of one file's rows. */
static gboolean
writer_init (RepereRomeImport *self, Writer *w, const char *stage_sql, const char *main_sql,
             GError **error)
{
  int stage_stride = 0, main_stride = 0;
  g_autofree char *stage_group = group_sql (stage_sql, GROUP_ROWS, &stage_stride);
  g_autofree char *main_group = group_sql (main_sql, GROUP_ROWS, &main_stride);
  int batch;

  if ((w->one = insert_statement (self, stage_sql, main_sql, error)) == NULL)
    return FALSE;
  if ((self->direct ? main_group : stage_group) == NULL)
    return TRUE;
  w->stride = self->direct ? main_stride : stage_stride;
  if ((w->group = insert_statement (self, stage_group, main_group, error)) == NULL)
    return FALSE;
  /* A named parameter elsewhere than at the end of the first row would
   * take a number of the second: then one row at a time. */
  batch = sqlite3_bind_parameter_index (w->group, ":batch");
  if (batch != 0 && batch != w->stride)
    g_clear_pointer (&w->group, sqlite3_finalize);
  return TRUE;
}

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;
  g_byte_array_unref (batch->ops);
  g_clear_error (&batch->error);
  g_free (batch);
}

/**
 * rome_read_files_into:
 *
 * Reads, checks and writes the twelve files in order (staging tables, or
 * the main ones for a first import), in a pipeline: a thread reads and
 * checks while this one writes. The first error in file order is the one
 * reported, as if it were one thread: the reader stops at its first
 * error, and a write error stops it too. Records each file's name,
 * SHA-256 and rows in self->files.
 */
gboolean
rome_read_files_into (RepereRomeImport *self, RepereCsvEncoding encoding, GError **error)
{
  Writer writers[ROME_N_FILES][2] = { { { NULL } } };
  char *phases[ROME_N_FILES] = { NULL };
  Pipe pipe = { self, encoding };
  GThread *thread;
  gboolean ok = TRUE;
  gint64 write_waited = 0; /* µs this thread waited for rows */
  sqlite3_mutex *db_mutex = sqlite3_db_mutex (self->handle); /* NULL unless serialized */

  for (RomeFileId id = 0; ok && id < ROME_N_FILES; id++)
    {
      phases[id] = g_strdup_printf (_ ("Reading %s"), self->files_in[id].name);
      if (file_readers[id].stage_sql
          && !writer_init (self, &writers[id][0], file_readers[id].stage_sql,
                           file_readers[id].main_sql, error))
        ok = FALSE;
    }
  if (ok
      && !writer_init (self, &writers[ROME_FILE_LINK][1],
                       "INSERT INTO temp.rome_stage_code_context VALUES (?1, ?2, ?3)",
                       "INSERT INTO main.rome_code_context (rome_code, context_id, core, batch_id)"
                       " VALUES (?1, ?2, ?3, :batch)",
                       error))
    ok = FALSE;
  pipe.full = g_async_queue_new ();
  pipe.empty = g_async_queue_new_full ((GDestroyNotify) batch_free);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      Batch *batch = g_new0 (Batch, 1);
      batch->ops = g_byte_array_sized_new (BATCH_BYTES + 4096);
      g_async_queue_push (pipe.empty, batch);
    }
  pipe.batch = g_async_queue_pop (pipe.empty);
  rome_report (self, 0.0, phases[0]);
  thread = ok ? g_thread_try_new ("repere-rome-read", read_thread, &pipe, error) : NULL;
  if (thread == NULL)
    {
      batch_free (pipe.batch);
      ok = FALSE;
    }
  while (thread != NULL)
    {
      Batch *batch = g_async_queue_try_pop (pipe.full);
      gboolean last;

      if (batch == NULL)
        {
          gint64 start = g_get_monotonic_time ();
          batch = g_async_queue_pop (pipe.full);
          write_waited += g_get_monotonic_time () - start;
        }
      last = batch->last;

      /* The connection's mutex (serialized mode) is taken once for the
       * batch: the calls inside, several binds per row, then only
       * re-enter it, which spares two atomic operations each. Nothing
       * else uses the connection meanwhile: it is this thread's. */
      sqlite3_mutex_enter (db_mutex);
      if (ok && !write_batch (self, writers, batch, error))
        {
          ok = FALSE;
          g_atomic_int_set (&pipe.stop, 1);
        }
      sqlite3_mutex_leave (db_mutex);
      /* A first import indexes the competency labels as soon as the
       * competencies are in, while the other thread reads the next files
       * (unix_coherence_item writes nothing). */
      if (ok && batch->end && batch->id == ROME_FILE_SAVOIR && self->direct
          && !rome_exec (self->handle,
                         "INSERT INTO main.competency_search (competency_search)"
                         " VALUES ('rebuild')",
                         error))
        {
          ok = FALSE;
          g_atomic_int_set (&pipe.stop, 1);
        }
      if (ok && batch->end && batch->id == ROME_FILE_LINK && self->rollback_journal)
        start_writeback (self);
      /* ... and builds the indexes dropped for it once the links are in,
       * while the other thread reads the texts and the mobility. */
      if (ok && batch->end && batch->id == ROME_FILE_LINK && self->direct && self->indexes)
        for (guint i = 0; ok && i < self->indexes->len; i++)
          if (!rome_exec (self->handle, g_ptr_array_index (self->indexes, i), error))
            {
              ok = FALSE;
              g_atomic_int_set (&pipe.stop, 1);
            }
      if (ok && batch->end && batch->id == ROME_FILE_LINK)
        g_clear_pointer (&self->indexes, g_ptr_array_unref);
      if (ok && last && batch->error)
        {
          g_propagate_error (error, g_steal_pointer (&batch->error));
          ok = FALSE;
        }
      if (ok && !last)
        rome_report (self, batch->fraction, phases[batch->id]);
      if (last)
        {
          batch_free (batch);
          break;
        }
      g_byte_array_set_size (batch->ops, 0);
      batch->end = FALSE;
      g_async_queue_push (pipe.empty, batch);
    }
  if (thread != NULL)
    {
      g_thread_join (thread);
      /* Which thread held the other up (G_MESSAGES_DEBUG=Repere). */
      g_debug ("ROME import: the writing thread waited %.3f s for rows, the reading thread %.3f s "
               "for room",
               write_waited / 1e6, pipe.read_waited / 1e6);
    }
  g_async_queue_unref (pipe.full);
  g_async_queue_unref (pipe.empty);
  for (RomeFileId id = 0; id < ROME_N_FILES; id++)
    {
      for (guint slot = 0; slot < 2; slot++)
        {
          sqlite3_finalize (writers[id][slot].one);
          sqlite3_finalize (writers[id][slot].group);
        }
      g_free (phases[id]);
    }
  return ok;
}

/* The version of a file name "unix_TABLE_vNNN_utf8.csv", and which of the
 * files read it is. */
static gboolean
match_name (GRegex *regex, const char *name, RomeFileId *id, char **version)
{
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *table = NULL;
  g_autofree char *digits = NULL;

  if (!g_regex_match (regex, name, 0, &match))
    return FALSE;
  table = g_match_info_fetch (match, 1);
  digits = g_match_info_fetch (match, 2);
  *version = g_strconcat ("v", digits, NULL);
  for (RomeFileId i = 0; i < ROME_N_FILES; i++)
    if (g_strcmp0 (table, rome_file_specs[i].name) == 0)
      {
        *id = i;
        return TRUE;
      }
  return FALSE;
}

/* One version, every file there; sets self->version. */
static gboolean
check_found (RepereRomeImport *self, GPtrArray *versions, GError **error)
{
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
  for (guint i = 0; i < ROME_N_FILES; i++)
    if (self->files_in[i].name == NULL)
      {
        g_set_error (error, REPERE_ROME_ERROR, REPERE_ROME_ERROR_MISSING_FILE,
                     _ ("%s: unix_%s_%s_utf8.csv is missing"), self->dir, rome_file_specs[i].name,
                     self->version);
        return FALSE;
      }
  return TRUE;
}

static void
note_file (RepereRomeImport *self, GPtrArray *versions, RomeFileId id, const char *name,
           char *version)
{
  if (!g_ptr_array_find_with_equal_func (versions, version, g_str_equal, NULL))
    g_ptr_array_add (versions, g_strdup (version));
  if (self->files_in[id].name == NULL || strcmp (name, self->files_in[id].name) > 0)
    {
      g_free (self->files_in[id].name);
      self->files_in[id].name = g_strdup (name);
    }
}

/**
 * rome_find_files:
 *
 * Finds the twelve files and the version in the folder self->dir.
 */
gboolean
rome_find_files (RepereRomeImport *self, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("^unix_([a-z0-9_]+)_v([0-9]+)_utf8\\.csv$", 0, 0, NULL);
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if ((dir = g_dir_open (self->dir, 0, error)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *version = NULL;
      RomeFileId id;

      if (match_name (regex, name, &id, &version))
        note_file (self, versions, id, name, version);
    }
  if (!check_found (self, versions, error))
    return FALSE;
  for (guint i = 0; i < ROME_N_FILES; i++)
    {
      GStatBuf st;
      self->files_in[i].path = g_build_filename (self->dir, self->files_in[i].name, NULL);
      if (g_stat (self->files_in[i].path, &st) == 0)
        self->files_in[i].size = st.st_size;
    }
  return TRUE;
}

/**
 * rome_find_bundled_files:
 * @resource_dir: the resource folder of the bundled release
 *   ("/org/observatoire_assistance/Repere/data/rome/v460/")
 *
 * Finds the twelve files, each gzip-compressed (unix_*_vNNN_utf8.csv.gz),
 * under @resource_dir; their size once decompressed is the gzip trailer's.
 */
gboolean
rome_find_bundled_files (RepereRomeImport *self, const char *resource_dir, GError **error)
{
  g_auto (GStrv) names = g_resources_enumerate_children (resource_dir, 0, error);
  g_autoptr (GRegex) regex
      = g_regex_new ("^unix_([a-z0-9_]+)_v([0-9]+)_utf8\\.csv\\.gz$", 0, 0, NULL);
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *version = NULL;
      g_autofree char *csv_name = g_strndup (names[i], strlen (names[i]) - 3);
      RomeFileId id;

      if (!match_name (regex, names[i], &id, &version))
        continue;
      note_file (self, versions, id, csv_name, version);
      g_free (self->files_in[id].path);
      self->files_in[id].path = g_strconcat (resource_dir, names[i], NULL);
    }
  if (!check_found (self, versions, error))
    return FALSE;
  for (guint i = 0; i < ROME_N_FILES; i++)
    {
      g_autoptr (GBytes) bytes = g_resources_lookup_data (self->files_in[i].path, 0, NULL);
      gsize size = bytes ? g_bytes_get_size (bytes) : 0;
      const guint8 *data = bytes ? g_bytes_get_data (bytes, NULL) : NULL;

      /* ISIZE: the uncompressed size modulo 2^32, little-endian */
      if (size >= 4)
        self->files_in[i].size = (guint64) data[size - 4] | (guint64) data[size - 3] << 8
                                 | (guint64) data[size - 2] << 16 | (guint64) data[size - 1] << 24;
    }
  return TRUE;
}
