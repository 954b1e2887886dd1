/* repere-spreadsheet.c: streaming reader of XLSX and ODS spreadsheets
 *
 * The zip container is read with libgsf (GsfInfileZip; for XLSX, its Open
 * Packaging helpers follow the relationships from the package to the
 * workbook, its sheets and shared strings); each XML part is read with
 * libxml2's streaming reader (xmlTextReader), row by row: memory holds one
 * row and, for XLSX, the shared strings, all bounded (repere-spreadsheet.h).
 * Numbers are passed on as the file stores them (XLSX <v>, ODS
 * office:value), not as a locale displays them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-spreadsheet.h"
#include "repere-csv.h"

#include <glib/gi18n.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>
#include <string.h>

G_DEFINE_QUARK (repere - spreadsheet - error - quark, repere_spreadsheet_error)

/* libgsf 1.14 declares no autoptr cleanup for its types. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

static const char *const office_document_rels[] = {
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
};
static const char *const shared_strings_rels[] = {
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  "http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings",
};

struct _RepereSpreadsheet
{
  char *path;
  char *display_name;
  RepereSpreadsheetFormat format;
  GsfInput *input;
  GsfInfile *zip;
};

/* One XML part being read: counts its bytes (bounded). */
typedef struct
{
  GsfInput *input;
  guint64 bytes;
  gboolean too_large;
} Part;

static int
part_read (void *context, char *buffer, int len)
{
  Part *part = context;
  gsf_off_t remaining = gsf_input_remaining (part->input);
  size_t size = MIN ((gsf_off_t) len, remaining);

  if (size == 0)
    return 0;
  if (part->bytes + size > REPERE_SPREADSHEET_MAX_PART)
    {
      part->too_large = TRUE;
      return -1;
    }
  if (gsf_input_read (part->input, size, (guint8 *) buffer) == NULL)
    return -1;
  part->bytes += size;
  return (int) size;
}

static void
silence (void *context, const char *message, ...)
{
}

static void
silence_reader (void *arg, const char *message, xmlParserSeverities severity,
                xmlTextReaderLocatorPtr locator)
{
}

static xmlTextReaderPtr
part_reader (Part *part, GsfInput *input, const char *name)
{
  xmlTextReaderPtr reader;

  part->input = input;
  part->bytes = 0;
  part->too_large = FALSE;
  /* No network, no entity substitution, no DTD: the data and nothing else. */
  reader = xmlReaderForIO (part_read, NULL, part, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (reader)
    xmlTextReaderSetErrorHandler (reader, silence_reader, NULL);
  return reader;
}

static gboolean
part_failed (RepereSpreadsheet *self, xmlTextReaderPtr reader, Part *part, const char *name,
             GError **error)
{
  if (part->too_large)
    g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                 _ ("%s: the part %s is larger than %u MiB"), self->display_name, name,
                 REPERE_SPREADSHEET_MAX_PART >> 20);
  else
    g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_MALFORMED,
                 _ ("%s: the part %s is damaged (not well-formed XML near line %d)"),
                 self->display_name, name, reader ? xmlTextReaderGetParserLineNumber (reader) : 0);
  return FALSE;
}

static gboolean
is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

static gboolean
named (xmlTextReaderPtr reader, const char *ns, const char *name)
{
  const char *uri = (const char *) xmlTextReaderConstNamespaceUri (reader);
  return g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0
         && (ns == NULL || g_strcmp0 (uri, ns) == 0);
}

static char *
attribute (xmlTextReaderPtr reader, const char *ns, const char *name)
{
  xmlChar *value
      = ns ? xmlTextReaderGetAttributeNs (reader, (const xmlChar *) name, (const xmlChar *) ns)
           : xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);
  return copy;
}

static gboolean
append_bounded (GString *text, const char *more, RepereSpreadsheet *self, GError **error)
{
  if (text->len + strlen (more) > REPERE_SPREADSHEET_MAX_CELL)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                   _ ("%s: a cell holds more than %u KiB of text"), self->display_name,
                   REPERE_SPREADSHEET_MAX_CELL / 1024);
      return FALSE;
    }
  g_string_append (text, more);
  return TRUE;
}

/**
 * repere_spreadsheet_column_name:
 * @column: 0-based column index
 *
 * Returns: (transfer full): the column's letters as spreadsheets show
 *   them: "A", "Z", "AA"
 */
char *
repere_spreadsheet_column_name (guint column)
{
  char buffer[16];
  int i = sizeof buffer - 1;

  buffer[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      buffer[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup (buffer + i);
}

/* "B12" → column 1; -1 when @ref has no letters. */
static int
reference_column (const char *ref)
{
  int column = 0;
  gboolean any = FALSE;

  for (const char *p = ref; p && g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      any = TRUE;
      if (column > 1 << 20)
        return -1;
    }
  return any ? column - 1 : -1;
}

/**
 * repere_spreadsheet_sniff:
 * @path: a file
 * @is_zip: (out): the file is a ZIP archive (XLSX and ODS are)
 * @description: (out) (transfer full) (nullable): when the first bytes
 *   say what else the file is ("an Excel 97–2003 workbook (.xls)", "a PDF
 *   document", "binary data"), that, else %NULL (text: maybe CSV)
 * @error: %REPERE_SPREADSHEET_ERROR_IO
 *
 * Looks at the first bytes of a file only.
 *
 * Returns: %TRUE when the file could be read
 */
gboolean
repere_spreadsheet_sniff (const char *path, gboolean *is_zip, char **description, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  guint8 head[4096];
  gsize n = 0;

  *is_zip = FALSE;
  *description = NULL;
  /* A named pipe would block the read below forever. */
  {
    g_autoptr (GError) special = NULL;
    if (!repere_csv_check_regular_file (path, &special))
      {
        g_set_error_literal (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_IO,
                             special->message);
        return FALSE;
      }
  }
  stream = g_file_read (file, NULL, error);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, error))
    {
      if (error && *error && (*error)->domain != REPERE_SPREADSHEET_ERROR)
        {
          GError *original = *error;
          *error = g_error_new (REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_IO, "%s",
                                original->message);
          g_error_free (original);
        }
      return FALSE;
    }
  if (n >= 4 && memcmp (head, "PK\003\004", 4) == 0)
    *is_zip = TRUE;
  else if (n >= 8 && memcmp (head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    *description = g_strdup (
        _ ("an Excel 97–2003 workbook (.xls) or another old Office file: save it as .xlsx or "
           ".ods"));
  else if (n >= 5 && memcmp (head, "%PDF-", 5) == 0)
    *description = g_strdup (_ ("a PDF document"));
  else if (n >= 2 && memcmp (head, "\x1F\x8B", 2) == 0)
    *description = g_strdup (_ ("a gzip-compressed file"));
  else if (n >= 4 && (memcmp (head, "\x89PNG", 4) == 0 || memcmp (head, "\xFF\xD8\xFF", 3) == 0))
    *description = g_strdup (_ ("an image"));
  else if (n == 0)
    *description = g_strdup (_ ("an empty file"));
  else if (memchr (head, '\0', n) != NULL)
    *description = g_strdup (_ ("binary data"));
  return TRUE;
}

/**
 * repere_spreadsheet_open:
 * @path: an .xlsx or .ods file (the content decides, not the name)
 * @error: %REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET for any other file,
 *   %REPERE_SPREADSHEET_ERROR_IO
 *
 * Opens the zip container and finds out which of the two formats it holds;
 * nothing else is read yet.
 *
 * Returns: (transfer full) (nullable): the spreadsheet
 */
RepereSpreadsheet *
repere_spreadsheet_open (const char *path, GError **error)
{
  g_autoptr (RepereSpreadsheet) self = g_new0 (RepereSpreadsheet, 1);
  g_autoptr (GError) gsf_error = NULL;
  g_autofree char *what = NULL;
  gboolean is_zip;

  self->path = g_strdup (path);
  self->display_name = g_path_get_basename (path);
  if (!repere_spreadsheet_sniff (path, &is_zip, &what, error))
    return NULL;
  if (!is_zip)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                   _ ("%s is not an XLSX or ODS spreadsheet: it is %s"), self->display_name,
                   what ? what : _ ("a text file"));
      return NULL;
    }
  self->input = gsf_input_stdio_new (path, &gsf_error);
  if (self->input)
    self->zip = gsf_infile_zip_new (self->input, &gsf_error);
  if (self->zip == NULL)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                   _ ("%s is not an XLSX or ODS spreadsheet: its ZIP archive cannot be read (%s)"),
                   self->display_name, gsf_error ? gsf_error->message : "");
      return NULL;
    }
  {
    g_autoptr (GsfInput) mimetype = gsf_infile_child_by_name (self->zip, "mimetype");
    g_autoptr (GsfInput) workbook = NULL;
    if (mimetype)
      {
        char buffer[64] = { 0 };
        gsf_off_t size = MIN (gsf_input_size (mimetype), (gsf_off_t) sizeof buffer - 1);
        if (size > 0 && gsf_input_read (mimetype, size, (guint8 *) buffer)
            && strncmp (buffer, ODS_MIMETYPE, strlen (ODS_MIMETYPE)) == 0)
          {
            self->format = REPERE_SPREADSHEET_ODS;
            return g_steal_pointer (&self);
          }
      }
    for (guint i = 0; i < G_N_ELEMENTS (office_document_rels) && workbook == NULL; i++)
      workbook
          = gsf_open_pkg_open_rel_by_type (GSF_INPUT (self->zip), office_document_rels[i], NULL);
    if (workbook)
      {
        self->format = REPERE_SPREADSHEET_XLSX;
        return g_steal_pointer (&self);
      }
  }
  g_set_error (
      error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
      _ ("%s is a ZIP archive but not an XLSX or ODS spreadsheet (no workbook, no OpenDocument "
         "spreadsheet type)"),
      self->display_name);
  return NULL;
}

void
repere_spreadsheet_free (RepereSpreadsheet *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->zip);
  g_clear_object (&self->input);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self);
}

RepereSpreadsheetFormat
repere_spreadsheet_get_format (RepereSpreadsheet *self)
{
  return self->format;
}

/* A row being read: cells by column, the number of rows read in all. */
typedef struct
{
  GPtrArray *cells; /* char*, NULL for empty; index = column */
  gboolean any;
  guint total_rows;
} Row;

static void
row_reset (Row *row)
{
  g_ptr_array_set_size (row->cells, 0);
  row->any = FALSE;
}

static gboolean
row_set (RepereSpreadsheet *self, Row *row, int column, const char *text, guint row_number,
         GError **error)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  if (column < 0 || column >= REPERE_SPREADSHEET_MAX_COLUMNS)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                   _ ("%s: row %u has a value beyond column %u"), self->display_name, row_number,
                   REPERE_SPREADSHEET_MAX_COLUMNS);
      return FALSE;
    }
  if ((guint) column >= row->cells->len)
    g_ptr_array_set_size (row->cells, column + 1);
  g_free (row->cells->pdata[column]);
  row->cells->pdata[column] = g_strdup (text);
  row->any = TRUE;
  return TRUE;
}

static gboolean
row_emit (RepereSpreadsheet *self, Row *row, guint row_number,
          const RepereSpreadsheetCallbacks *callbacks, gpointer user_data, GError **error)
{
  if (!row->any)
    return TRUE;
  if (++row->total_rows > REPERE_SPREADSHEET_MAX_ROWS)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                   _ ("%s has more than %u rows with content"), self->display_name,
                   REPERE_SPREADSHEET_MAX_ROWS);
      return FALSE;
    }
  return callbacks->row (row_number, (const char *const *) row->cells->pdata, row->cells->len,
                         user_data, error);
}

/* XLSX ---------------------------------------------------------------------- */

/* The element names of SpreadsheetML, interned in the reader's dictionary:
 * a node's local name is one of them when the pointers are equal (no
 * string comparison per node). */
typedef struct
{
  const xmlChar *row, *c, *v, *is, *t, *r_ph, *si;
} XlsxNames;

static void
xlsx_names_init (XlsxNames *names, xmlTextReaderPtr reader)
{
  names->row = xmlTextReaderConstString (reader, (const xmlChar *) "row");
  names->c = xmlTextReaderConstString (reader, (const xmlChar *) "c");
  names->v = xmlTextReaderConstString (reader, (const xmlChar *) "v");
  names->is = xmlTextReaderConstString (reader, (const xmlChar *) "is");
  names->t = xmlTextReaderConstString (reader, (const xmlChar *) "t");
  names->r_ph = xmlTextReaderConstString (reader, (const xmlChar *) "rPh");
  names->si = xmlTextReaderConstString (reader, (const xmlChar *) "si");
}

typedef struct
{
  char *name;
  char *rel_id;
} XlsxSheet;

static void
xlsx_sheet_free (XlsxSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->rel_id);
  g_free (sheet);
}

/* The text of the <t> elements under the current element (an <si> or an
 * <is>), phonetic runs (<rPh>) left out; leaves the reader on its end. */
static gboolean
xlsx_string (RepereSpreadsheet *self, xmlTextReaderPtr reader, const XlsxNames *names,
             GString *text, GError **error)
{
  int depth = xmlTextReaderDepth (reader);
  gboolean in_t = FALSE, in_rph = FALSE;
  int rc;

  g_string_truncate (text, 0);
  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == depth)
        return TRUE;
      if (type == XML_READER_TYPE_ELEMENT)
        {
          const xmlChar *name = xmlTextReaderConstLocalName (reader);
          if (name == names->r_ph)
            in_rph = !xmlTextReaderIsEmptyElement (reader);
          else if (name == names->t)
            in_t = !xmlTextReaderIsEmptyElement (reader);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          const xmlChar *name = xmlTextReaderConstLocalName (reader);
          if (name == names->r_ph)
            in_rph = FALSE;
          else if (name == names->t)
            in_t = FALSE;
        }
      else if (in_t && !in_rph && is_text_node (type)
               && !append_bounded (text, (const char *) xmlTextReaderConstValue (reader), self,
                                   error))
        return FALSE;
    }
  return rc == 0;
}

static GPtrArray *
xlsx_shared_strings (RepereSpreadsheet *self, GsfInput *workbook, GError **error)
{
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GsfInput) part_input = NULL;
  xmlTextReaderPtr reader;
  Part part;
  guint64 total = 0;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (shared_strings_rels) && part_input == NULL; i++)
    part_input = gsf_open_pkg_open_rel_by_type (workbook, shared_strings_rels[i], NULL);
  if (part_input == NULL)
    return g_steal_pointer (&strings); /* a workbook without text */
  XlsxNames names;

  reader = part_reader (&part, part_input, "sharedStrings.xml");
  if (reader == NULL)
    return part_failed (self, NULL, &part, "sharedStrings.xml", error), NULL;
  xlsx_names_init (&names, reader);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
        && xmlTextReaderConstLocalName (reader) == names.si)
      {
        if (!xlsx_string (self, reader, &names, text, error))
          {
            if (error && *error == NULL)
              part_failed (self, reader, &part, "sharedStrings.xml", error);
            xmlFreeTextReader (reader);
            return NULL;
          }
        total += text->len;
        if (total > REPERE_SPREADSHEET_MAX_STRINGS)
          {
            xmlFreeTextReader (reader);
            g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                         _ ("%s holds more than %u MiB of text"), self->display_name,
                         REPERE_SPREADSHEET_MAX_STRINGS >> 20);
            return NULL;
          }
        g_ptr_array_add (strings, g_strdup (text->str));
      }
  if (rc != 0)
    {
      part_failed (self, reader, &part, "sharedStrings.xml", error);
      xmlFreeTextReader (reader);
      return NULL;
    }
  xmlFreeTextReader (reader);
  return g_steal_pointer (&strings);
}

static GPtrArray *
xlsx_sheets (RepereSpreadsheet *self, GsfInput *workbook, GError **error)
{
  g_autoptr (GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) xlsx_sheet_free);
  xmlTextReaderPtr reader;
  Part part;
  int rc;

  reader = part_reader (&part, workbook, "workbook.xml");
  if (reader == NULL)
    return part_failed (self, NULL, &part, "workbook.xml", error), NULL;
  while ((rc = xmlTextReaderRead (reader)) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && named (reader, NULL, "sheet"))
      {
        XlsxSheet *sheet = g_new0 (XlsxSheet, 1);
        sheet->name = attribute (reader, NULL, "name");
        sheet->rel_id = attribute (
            reader, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
        if (sheet->rel_id == NULL)
          sheet->rel_id
              = attribute (reader, "http://purl.oclc.org/ooxml/officeDocument/relationships", "id");
        g_ptr_array_add (sheets, sheet);
        if (sheets->len > REPERE_SPREADSHEET_MAX_SHEETS)
          {
            xmlFreeTextReader (reader);
            g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                         _ ("%s has more than %u sheets"), self->display_name,
                         REPERE_SPREADSHEET_MAX_SHEETS);
            return NULL;
          }
      }
  if (rc != 0)
    {
      part_failed (self, reader, &part, "workbook.xml", error);
      xmlFreeTextReader (reader);
      return NULL;
    }
  xmlFreeTextReader (reader);
  return g_steal_pointer (&sheets);
}

static gboolean
xlsx_read_sheet (RepereSpreadsheet *self, GsfInput *input, const char *part_name,
                 GPtrArray *strings, Row *row, const RepereSpreadsheetCallbacks *callbacks,
                 gpointer user_data, GError **error)
{
  g_autoptr (GString) value = g_string_new (NULL);
  g_autofree char *cell_type = NULL;
  xmlTextReaderPtr reader;
  Part part;
  guint row_number = 0;
  int column = -1;
  gboolean in_v = FALSE, ok = TRUE;
  int rc;

  XlsxNames names;

  reader = part_reader (&part, input, part_name);
  if (reader == NULL)
    return part_failed (self, NULL, &part, part_name, error);
  xlsx_names_init (&names, reader);
  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const xmlChar *name = type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT
                                ? xmlTextReaderConstLocalName (reader)
                                : NULL;

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (name == names.row)
            {
              g_autofree char *r = attribute (reader, NULL, "r");
              guint64 number = 0;
              row_reset (row);
              row_number = r && g_ascii_string_to_unsigned (r, 10, 1, G_MAXUINT32, &number, NULL)
                               ? (guint) number
                               : row_number + 1;
              column = -1;
              if (xmlTextReaderIsEmptyElement (reader))
                row_reset (row);
            }
          else if (name == names.c)
            {
              g_autofree char *r = attribute (reader, NULL, "r");
              int at = reference_column (r);
              column = at >= 0 ? at : column + 1;
              g_free (cell_type);
              cell_type = attribute (reader, NULL, "t");
              g_string_truncate (value, 0);
            }
          else if (name == names.v)
            in_v = !xmlTextReaderIsEmptyElement (reader);
          else if (name == names.is)
            ok = xlsx_string (self, reader, &names, value, error);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name == names.v)
            in_v = FALSE;
          else if (name == names.c)
            {
              const char *text = value->str;
              if (g_strcmp0 (cell_type, "s") == 0)
                {
                  guint64 index;
                  text = g_ascii_string_to_unsigned (value->str, 10, 0, G_MAXUINT32, &index, NULL)
                                 && index < strings->len
                             ? g_ptr_array_index (strings, index)
                             : NULL;
                  if (text == NULL)
                    {
                      g_autofree char *col = repere_spreadsheet_column_name (MAX (column, 0));
                      g_set_error (error, REPERE_SPREADSHEET_ERROR,
                                   REPERE_SPREADSHEET_ERROR_MALFORMED,
                                   _ ("%s: cell %s%u refers to a text the workbook does not have"),
                                   self->display_name, col, row_number);
                      ok = FALSE;
                    }
                }
              ok = ok && row_set (self, row, column, text, row_number, error);
            }
          else if (name == names.row)
            {
              ok = row_emit (self, row, row_number, callbacks, user_data, error);
              row_reset (row);
            }
        }
      else if (in_v && is_text_node (type))
        ok = append_bounded (value, (const char *) xmlTextReaderConstValue (reader), self, error);
    }
  if (ok && rc != 0)
    ok = part_failed (self, reader, &part, part_name, error);
  xmlFreeTextReader (reader);
  return ok;
}

static gboolean
xlsx_read (RepereSpreadsheet *self, const RepereSpreadsheetCallbacks *callbacks, gpointer user_data,
           GError **error)
{
  g_autoptr (GsfInput) workbook = NULL;
  g_autoptr (GPtrArray) strings = NULL;
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  Row row = { cells, FALSE, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (office_document_rels) && workbook == NULL; i++)
    workbook = gsf_open_pkg_open_rel_by_type (GSF_INPUT (self->zip), office_document_rels[i], NULL);
  if (workbook == NULL)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_MALFORMED,
                   _ ("%s: the workbook part is missing"), self->display_name);
      return FALSE;
    }
  /* The sheets' list first, then the shared strings: both from parts the
   * workbook relates to, so read before the workbook stream is consumed. */
  if ((strings = xlsx_shared_strings (self, workbook, error)) == NULL
      || (sheets = xlsx_sheets (self, workbook, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < sheets->len; i++)
    {
      XlsxSheet *sheet = g_ptr_array_index (sheets, i);
      g_autoptr (GsfInput) input = NULL;
      g_autoptr (GError) open_error = NULL;
      g_autofree char *part_name = g_strdup_printf ("sheet “%s”", sheet->name ? sheet->name : "");

      if (sheet->rel_id)
        input = gsf_open_pkg_open_rel_by_id (workbook, sheet->rel_id, &open_error);
      if (input == NULL)
        {
          g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_MALFORMED,
                       _ ("%s: the part of sheet “%s” is missing"), self->display_name,
                       sheet->name ? sheet->name : "");
          return FALSE;
        }
      if (!callbacks->sheet_begin (i, sheet->name ? sheet->name : "", user_data, error)
          || !xlsx_read_sheet (self, input, part_name, strings, &row, callbacks, user_data, error)
          || !callbacks->sheet_end (user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* ODS ----------------------------------------------------------------------- */

typedef struct
{
  RepereSpreadsheet *self;
  const RepereSpreadsheetCallbacks *callbacks;
  gpointer user_data;
  Row row;
  guint sheets;
  guint row_number; /* last row number used in the current table */
  guint rows_repeated;
  int column; /* next column */
  guint columns_repeated;
  char *value;   /* office:value (and kin) of the current cell, when not text */
  GString *text; /* text:p content of the current cell */
  int paragraphs;
  int annotation_depth; /* > 0 inside an office:annotation */
  int table_depth;      /* nesting of table:table */
} Ods;

static guint
repeat_attribute (xmlTextReaderPtr reader, const char *name)
{
  g_autofree char *text = attribute (reader, NS_TABLE, name);
  guint64 n = 1;
  if (text && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &n, NULL))
    n = 1;
  return (guint) n;
}

static gboolean
ods_end_cell (Ods *ods, GError **error)
{
  const char *text = ods->value ? ods->value : ods->text->str;
  gboolean ok = TRUE;

  if (text && *text)
    for (guint r = 0; ok && r < ods->columns_repeated; r++)
      ok = row_set (ods->self, &ods->row, ods->column + (int) r, text, ods->row_number, error);
  ods->column = ods->column + (int) MIN (ods->columns_repeated, (guint) G_MAXINT / 2);
  g_clear_pointer (&ods->value, g_free);
  g_string_truncate (ods->text, 0);
  ods->paragraphs = 0;
  return ok;
}

static gboolean
ods_end_row (Ods *ods, GError **error)
{
  gboolean ok = TRUE;
  guint first = ods->row_number;

  if (ods->row.any)
    for (guint r = 0; ok && r < ods->rows_repeated; r++)
      ok = row_emit (ods->self, &ods->row, first + r, ods->callbacks, ods->user_data, error);
  /* Empty repeated rows (often a million) only move the row number on. */
  ods->row_number = first + MIN (ods->rows_repeated, G_MAXUINT32 - first) - 1;
  row_reset (&ods->row);
  return ok;
}

static gboolean
ods_read (RepereSpreadsheet *self, const RepereSpreadsheetCallbacks *callbacks, gpointer user_data,
          GError **error)
{
  g_autoptr (GsfInput) content = gsf_infile_child_by_name (self->zip, "content.xml");
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);
  Ods ods = { self, callbacks, user_data, { cells, FALSE, 0 }, 0, 0, 1, 0, 1, NULL, text, 0, 0, 0 };
  xmlTextReaderPtr reader;
  Part part;
  gboolean ok = TRUE, in_table = FALSE;
  int rc;

  if (content == NULL)
    {
      g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_MALFORMED,
                   _ ("%s: the part content.xml is missing"), self->display_name);
      return FALSE;
    }
  reader = part_reader (&part, content, "content.xml");
  if (reader == NULL)
    return part_failed (self, NULL, &part, "content.xml", error);
  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      gboolean empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (reader);

      if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_OFFICE, "annotation") && !empty)
        ods.annotation_depth++;
      else if (type == XML_READER_TYPE_END_ELEMENT && named (reader, NS_OFFICE, "annotation"))
        ods.annotation_depth--;
      else if (ods.annotation_depth > 0)
        continue;
      else if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_TABLE, "table"))
        {
          if (++ods.table_depth > 1)
            continue; /* a table inside a cell: not a sheet */
          if (ods.sheets >= REPERE_SPREADSHEET_MAX_SHEETS)
            {
              g_set_error (error, REPERE_SPREADSHEET_ERROR, REPERE_SPREADSHEET_ERROR_TOO_LARGE,
                           _ ("%s has more than %u sheets"), self->display_name,
                           REPERE_SPREADSHEET_MAX_SHEETS);
              ok = FALSE;
              break;
            }
          {
            g_autofree char *name = attribute (reader, NS_TABLE, "name");
            ok = callbacks->sheet_begin (ods.sheets++, name ? name : "", user_data, error);
          }
          ods.row_number = 0;
          in_table = TRUE;
          if (empty)
            {
              ods.table_depth--;
              in_table = FALSE;
              ok = ok && callbacks->sheet_end (user_data, error);
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && named (reader, NS_TABLE, "table"))
        {
          if (--ods.table_depth == 0)
            {
              in_table = FALSE;
              ok = callbacks->sheet_end (user_data, error);
            }
        }
      else if (!in_table || ods.table_depth > 1)
        continue;
      else if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_TABLE, "table-row"))
        {
          row_reset (&ods.row);
          ods.row_number++;
          ods.rows_repeated = repeat_attribute (reader, "number-rows-repeated");
          ods.column = 0;
          if (empty)
            ok = ods_end_row (&ods, error);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && named (reader, NS_TABLE, "table-row"))
        ok = ods_end_row (&ods, error);
      else if (type == XML_READER_TYPE_ELEMENT
               && (named (reader, NS_TABLE, "table-cell")
                   || named (reader, NS_TABLE, "covered-table-cell")))
        {
          g_autofree char *value_type = attribute (reader, NS_OFFICE, "value-type");
          ods.columns_repeated = repeat_attribute (reader, "number-columns-repeated");
          g_clear_pointer (&ods.value, g_free);
          g_string_truncate (ods.text, 0);
          ods.paragraphs = 0;
          if (g_strcmp0 (value_type, "float") == 0 || g_strcmp0 (value_type, "percentage") == 0
              || g_strcmp0 (value_type, "currency") == 0)
            ods.value = attribute (reader, NS_OFFICE, "value");
          else if (g_strcmp0 (value_type, "boolean") == 0)
            ods.value = attribute (reader, NS_OFFICE, "boolean-value");
          else if (g_strcmp0 (value_type, "date") == 0)
            ods.value = attribute (reader, NS_OFFICE, "date-value");
          else if (g_strcmp0 (value_type, "time") == 0)
            ods.value = attribute (reader, NS_OFFICE, "time-value");
          if (empty)
            ok = ods_end_cell (&ods, error);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT
               && (named (reader, NS_TABLE, "table-cell")
                   || named (reader, NS_TABLE, "covered-table-cell")))
        ok = ods_end_cell (&ods, error);
      else if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_TEXT, "p"))
        {
          if (ods.paragraphs++ > 0)
            ok = append_bounded (ods.text, "\n", self, error);
        }
      else if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_TEXT, "s"))
        {
          g_autofree char *count = attribute (reader, NS_TEXT, "c");
          guint64 n = 1;
          if (count
              && !g_ascii_string_to_unsigned (count, 10, 1, REPERE_SPREADSHEET_MAX_CELL, &n, NULL))
            n = 1;
          for (guint64 i = 0; ok && i < n; i++)
            ok = append_bounded (ods.text, " ", self, error);
        }
      else if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_TEXT, "tab"))
        ok = append_bounded (ods.text, "\t", self, error);
      else if (type == XML_READER_TYPE_ELEMENT && named (reader, NS_TEXT, "line-break"))
        ok = append_bounded (ods.text, "\n", self, error);
      else if (is_text_node (type) && ods.paragraphs > 0)
        ok = append_bounded (ods.text, (const char *) xmlTextReaderConstValue (reader), self,
                             error);
    }
  if (ok && rc != 0)
    ok = part_failed (self, reader, &part, "content.xml", error);
  xmlFreeTextReader (reader);
  g_clear_pointer (&ods.value, g_free);
  return ok;
}

/**
 * repere_spreadsheet_read:
 * @callbacks: what to call for each sheet and each row with content
 * @error: %REPERE_SPREADSHEET_ERROR_MALFORMED, %REPERE_SPREADSHEET_ERROR_TOO_LARGE,
 *   or the error a callback set
 *
 * Reads every sheet in the workbook's order, streaming: each row with at
 * least one non-empty cell is passed to @callbacks->row and forgotten.
 * Empty rows are skipped (the row numbers say where they were).
 *
 * Returns: %TRUE when every part was read and no callback stopped
 */
gboolean
repere_spreadsheet_read (RepereSpreadsheet *self, const RepereSpreadsheetCallbacks *callbacks,
                         gpointer user_data, GError **error)
{
  static gsize silenced;

  /* libxml2 prints parse errors on stderr by default; they come back as
   * one GError here. */
  if (g_once_init_enter (&silenced))
    {
      xmlSetGenericErrorFunc (NULL, silence);
      g_once_init_leave (&silenced, 1);
    }
  return self->format == REPERE_SPREADSHEET_XLSX ? xlsx_read (self, callbacks, user_data, error)
                                                 : ods_read (self, callbacks, user_data, error);
}
