/* repere-print.h: paginated documents (the job list, a job sheet) drawn with
 * cairo and pango. One drawing code for the print dialog (GtkPrintOperation
 * hands its cairo_t to repere_document_draw_page()) and for PDF files
 * (repere_document_write_pdf(), `repere-cli print`). Views (charts) join as
 * blocks too: repere_document_add_chart(), repere_print_charts_new().
 *
 * A #RepereDocument is a flow of blocks (table rows, paragraphs, headings,
 * and later charts) laid out in two passes: repere_document_paginate()
 * measures every block and cuts the flow into pages, so the page count is
 * known before the first page is drawn; repere_document_draw_page() then
 * draws any page, in any order. Every page carries the same header (title
 * and a subtitle such as the active filters) and footer (date, source,
 * "page n / N"). A table's column header is repeated at the top of every
 * page that holds its rows; a row is never split; a paragraph may be split
 * between two lines, never through one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "repere-chart.h"
#include "repere-db.h"
#include "repere-render.h"

G_BEGIN_DECLS

#define REPERE_PRINT_ERROR (repere_print_error_quark ())

/**
 * ReperePrintError:
 * @REPERE_PRINT_ERROR_WRITE: the PDF file could not be written (the message
 *   names the file)
 */
typedef enum
{
  REPERE_PRINT_ERROR_WRITE,
} ReperePrintError;

GQuark repere_print_error_quark (void);

/**
 * ReperePaper:
 * @REPERE_PAPER_A4: ISO 216 A4, 210 × 297 mm (595.28 × 841.89 pt)
 * @REPERE_PAPER_LETTER: US Letter, 8.5 × 11 in (612 × 792 pt)
 */
typedef enum
{
  REPERE_PAPER_A4,
  REPERE_PAPER_LETTER,
} ReperePaper;

/**
 * ReperePageSetup:
 * @width: page width in points (1/72 in), as oriented (landscape: the long side)
 * @height: page height in points
 * @margin_top, @margin_right, @margin_bottom, @margin_left: blank borders
 *   in points; nothing is drawn in them
 * @font_size: body text size in points; headings and footers scale from it
 */
typedef struct
{
  double width;
  double height;
  double margin_top;
  double margin_right;
  double margin_bottom;
  double margin_left;
  double font_size;
} ReperePageSetup;

/* Default body size, points: legible on paper, 25–30 list rows per A4 page. */
#define REPERE_PRINT_DEFAULT_FONT_SIZE 9.0
/* Default margin, points: 15 mm, inside every printer's hardware margins. */
#define REPERE_PRINT_DEFAULT_MARGIN (15.0 / 25.4 * 72.0)

void repere_page_setup_init (ReperePageSetup *setup, ReperePaper paper, gboolean landscape, double font_size);
gboolean repere_paper_parse (const char *text, ReperePaper *paper);

typedef struct _RepereDocument RepereDocument;

/**
 * RepereBlockClass:
 * @measure: returns the block's height for @width (points), and may append
 *   to @breaks the offsets (doubles, ascending, strictly between 0 and the
 *   height) where a page may cut the block; no offset means "never split"
 * @draw: draws the part of the block between offsets @from and @to; the
 *   origin of @cr is the block's top-left corner (the document translates it
 *   so that @from lands where the part starts on the page); whatever lies
 *   outside [@from, @to) must not be drawn
 * @free: (nullable): frees the block's data
 *
 * How a kind of content takes part in pagination. This is how a chart or any
 * other view joins a document (see repere_document_add_block()): its
 * measure() gives its height and the y offsets where it may be cut, its
 * draw() draws the part asked for.
 */
typedef struct
{
  double (*measure) (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, GArray *breaks);
  void (*draw) (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, double from, double to);
  GDestroyNotify free;
} RepereBlockClass;

RepereDocument *repere_document_new (const char *title, const char *subtitle, const char *source);
void repere_document_free (RepereDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereDocument, repere_document_free)

void repere_document_add_block (RepereDocument *doc, const RepereBlockClass *klass, gpointer data,
                                double space_before, gboolean keep_with_next);
void repere_document_add_heading (RepereDocument *doc, const char *text);
gpointer repere_document_add_header (RepereDocument *doc, const RepereBlockClass *klass, gpointer data);
void repere_document_add_block_under (RepereDocument *doc, const RepereBlockClass *klass, gpointer data,
                                      double space_before, gpointer header);
void repere_document_add_subheading (RepereDocument *doc, const char *text);
void repere_document_add_paragraph (RepereDocument *doc, const char *text, double indent, RepereTextFlags flags);
void repere_document_add_page_break (RepereDocument *doc);
void repere_document_set_date (RepereDocument *doc, GDateTime *date);
const char *repere_document_get_title (RepereDocument *doc);

guint repere_document_paginate (RepereDocument *doc, cairo_t *cr, const ReperePageSetup *setup);
guint repere_document_get_n_pages (RepereDocument *doc);
void repere_document_draw_page (RepereDocument *doc, cairo_t *cr, guint page);
gboolean repere_document_write_pdf (RepereDocument *doc, const ReperePageSetup *setup, const char *path,
                                    GError **error);

char *repere_print_describe_filter (RepereDb *db, const RepereJobFilter *filter, guint n_jobs, GError **error);
RepereDocument *repere_print_list_new (RepereDb *db, GListModel *jobs, const RepereJobFilter *filter,
                                       GError **error);
RepereDocument *repere_print_job_sheet_new (RepereDb *db, const char *job_id, GError **error);

gboolean repere_print_list_to_pdf (RepereDb *db, const RepereJobFilter *filter, const ReperePageSetup *setup,
                                   const char *path, GError **error);
void repere_document_add_chart (RepereDocument *doc, RepereChart *chart);
RepereDocument *repere_print_charts_new (RepereDb *db, const RepereChartKind *kinds, guint n_kinds,
                                         const RepereJobFilter *filter, const char *other_assessment, GError **error);
gboolean repere_print_charts_to_pdf (RepereDb *db, const RepereChartKind *kinds, guint n_kinds,
                                     const RepereJobFilter *filter, const char *other_assessment,
                                     const ReperePageSetup *setup, const char *path, GError **error);

gboolean repere_print_job_to_pdf (RepereDb *db, const char *job_id, const ReperePageSetup *setup, const char *path,
                                  GError **error);

G_END_DECLS
