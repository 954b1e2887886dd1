/* repere-print.c: paginated job lists and job sheets, for print and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-print.h"
#include "repere-study-print.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "repere-chart.h"
#include "repere-competency.h"
#include "repere-rating.h"
#include "repere-rome-fiche.h"
#include "repere-text.h"

#define EPSILON 0.01

/* The source printed in the footer for the study's three assessments. */
#define STUDY_SOURCE "Observatoire des métiers de l’assistance, 2024–2025"

G_DEFINE_QUARK (repere-print-error-quark, repere_print_error)

/* Page setup ---------------------------------------------------------------- */

/**
 * repere_page_setup_init:
 * @setup: (out caller-allocates): the setup to fill
 * @paper: A4 or Letter
 * @landscape: %TRUE to turn the page (width is then the long side)
 * @font_size: body text size in points, 4–36; <= 0 for
 *   %REPERE_PRINT_DEFAULT_FONT_SIZE
 *
 * Fills @setup with the paper's size in points (A4 210 × 297 mm =
 * 595.28 × 841.89 pt, ISO 216; Letter 8.5 × 11 in = 612 × 792 pt) and
 * %REPERE_PRINT_DEFAULT_MARGIN on every side.
 */
void
repere_page_setup_init (ReperePageSetup *setup, ReperePaper paper, gboolean landscape, double font_size)
{
  double w = paper == REPERE_PAPER_LETTER ? 612.0 : 210.0 / 25.4 * 72.0;
  double h = paper == REPERE_PAPER_LETTER ? 792.0 : 297.0 / 25.4 * 72.0;

  g_return_if_fail (setup != NULL);
  setup->width = landscape ? h : w;
  setup->height = landscape ? w : h;
  setup->margin_top = setup->margin_right = setup->margin_bottom = setup->margin_left = REPERE_PRINT_DEFAULT_MARGIN;
  setup->font_size = font_size > 0 ? CLAMP (font_size, 4.0, 36.0) : REPERE_PRINT_DEFAULT_FONT_SIZE;
}

/**
 * repere_paper_parse:
 * @text: "a4" or "letter", case ignored
 * @paper: (out): the paper
 *
 * Returns: %FALSE, leaving @paper untouched, for any other text
 */
gboolean
repere_paper_parse (const char *text, ReperePaper *paper)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = REPERE_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = REPERE_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* Numbers ------------------------------------------------------------------ */

/* @value with @decimals decimals and the translation's decimal separator
 * ("," in French), whatever LC_NUMERIC says: repere-cli keeps LC_NUMERIC at
 * "C" for its machine-readable output, yet its PDFs are for people. */
static char *
format_decimal (double value, int decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  /* TRANSLATORS: the decimal separator of printed scores: "," in French */
  const char *separator = C_("decimal separator", ".");
  g_auto (GStrv) parts = NULL;

  if (value < 0)
    return g_strdup ("—");
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  parts = g_strsplit (buffer, ".", 2);
  return g_strjoinv (separator, parts);
}

/* Blocks ------------------------------------------------------------------- */

typedef struct _Block Block;
struct _Block
{
  const RepereBlockClass *klass;
  gpointer data;
  double space_before;
  gboolean keep_with_next;
  gboolean page_break_before;
  Block *header; /* drawn above the block's first part on every page (table column header) */
  Block *continued_header; /* drawn instead above the parts after the first (a chart's "(continued)" title) */
  double height;
  GArray *breaks; /* double */
};

static void
block_free (Block *block)
{
  if (block->klass->free)
    block->klass->free (block->data);
  g_clear_pointer (&block->breaks, g_array_unref);
  g_free (block);
}

typedef struct
{
  Block *block;
  double from;
  double to;
  double y; /* page y of the part's top */
} Placement;

struct _RepereDocument
{
  char *title;
  char *subtitle;
  char *source;
  GDateTime *date;
  GPtrArray *blocks; /* Block*, owned: the flow and the table headers */
  GPtrArray *flow;   /* Block*, in reading order */
  gboolean break_pending;

  /* Set by repere_document_paginate(). */
  ReperePageSetup setup;
  RepereRenderStyle style;
  double header_height;
  double footer_height;
  GPtrArray *pages; /* GArray of Placement */
};

static GDateTime *
default_date (void)
{
  /* Reproducible builds and tests: SOURCE_DATE_EPOCH when set. */
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);
  return g_date_time_new_now_local ();
}

/**
 * repere_document_new:
 * @title: the first line of every page's header, e.g. "Jobs — Experts"
 * @subtitle: (nullable): the second line (the active filters), wrapped
 * @source: (nullable): the source printed in the footer after the date
 *
 * Returns: (transfer full): an empty document; add blocks, then paginate
 */
RepereDocument *
repere_document_new (const char *title, const char *subtitle, const char *source)
{
  RepereDocument *doc = g_new0 (RepereDocument, 1);

  doc->title = g_strdup (title);
  doc->subtitle = g_strdup (subtitle ? subtitle : "");
  doc->source = g_strdup (source ? source : "");
  doc->date = default_date ();
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->flow = g_ptr_array_new ();
  return doc;
}

void
repere_document_free (RepereDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->subtitle);
  g_free (doc->source);
  g_date_time_unref (doc->date);
  g_ptr_array_unref (doc->flow);
  g_ptr_array_unref (doc->blocks);
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  g_free (doc);
}

const char *
repere_document_get_title (RepereDocument *doc)
{
  return doc->title;
}

/**
 * repere_document_set_date:
 * @date: the date printed in the footer (default: now, or SOURCE_DATE_EPOCH
 *   when the environment sets it)
 */
void
repere_document_set_date (RepereDocument *doc, GDateTime *date)
{
  g_return_if_fail (date != NULL);
  g_date_time_unref (doc->date);
  doc->date = g_date_time_ref (date);
}

static Block *
new_block (RepereDocument *doc, const RepereBlockClass *klass, gpointer data, double space_before,
           gboolean keep_with_next, gboolean in_flow)
{
  Block *block = g_new0 (Block, 1);

  block->klass = klass;
  block->data = data;
  block->space_before = space_before;
  block->keep_with_next = keep_with_next;
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (doc->blocks, block);
  if (in_flow)
    {
      block->page_break_before = doc->break_pending;
      doc->break_pending = FALSE;
      g_ptr_array_add (doc->flow, block);
    }
  return block;
}

/**
 * repere_document_add_block:
 * @klass: (transfer none): how to measure and draw the block; must outlive @doc
 * @data: (transfer full): the block's data, freed with @klass->free
 * @space_before: blank space above the block, in multiples of the body font
 *   size (dropped at the top of a page)
 * @keep_with_next: start a new page rather than leave the block last on a
 *   page (headings)
 *
 * Appends a block to the flow. Charts and other views join a document this
 * way (one view per page: call repere_document_add_page_break() first).
 */
void
repere_document_add_block (RepereDocument *doc, const RepereBlockClass *klass, gpointer data, double space_before,
                           gboolean keep_with_next)
{
  new_block (doc, klass, data, space_before, keep_with_next, TRUE);
}

/**
 * repere_document_add_header:
 * @klass: (transfer none): how to measure and draw the header
 * @data: (transfer full): its data
 *
 * A block kept out of the flow: a table's column header, drawn above the
 * blocks added with repere_document_add_block_under() on every page that
 * holds one of them (as the job list's header is).
 *
 * Returns: (transfer none): the header, owned by @doc
 */
gpointer
repere_document_add_header (RepereDocument *doc, const RepereBlockClass *klass, gpointer data)
{
  return new_block (doc, klass, data, 0, FALSE, FALSE);
}

/**
 * repere_document_add_block_under:
 * @header: a header of repere_document_add_header()
 *
 * repere_document_add_block() for a row under a column header.
 */
void
repere_document_add_block_under (RepereDocument *doc, const RepereBlockClass *klass, gpointer data,
                                 double space_before, gpointer header)
{
  Block *block = new_block (doc, klass, data, space_before, FALSE, TRUE);
  block->header = header;
}

/* Makes the next block start a new page. */
void
repere_document_add_page_break (RepereDocument *doc)
{
  doc->break_pending = doc->flow->len > 0;
}

/* Paragraphs ---------------------------------------------------------------- */

typedef struct
{
  char *text;
  double indent; /* multiples of the body font size */
  double scale;
  RepereTextFlags flags;
  gboolean muted;
} Paragraph;

static void
paragraph_free (gpointer data)
{
  Paragraph *p = data;
  g_free (p->text);
  g_free (p);
}

static double
paragraph_measure (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, GArray *breaks)
{
  Paragraph *p = data;
  g_autoptr (PangoLayout) layout
      = repere_render_layout (cr, style, p->text, width - p->indent * style->font_size, p->scale, p->flags);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  /* A page may end between two lines. */
  while (pango_layout_iter_next_line (iter))
    {
      PangoRectangle logical;
      double y;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      y = (double) logical.y / PANGO_SCALE;
      g_array_append_val (breaks, y);
    }
  pango_layout_iter_free (iter);
  return repere_render_layout_height (layout);
}

static void
paragraph_draw (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, double from, double to)
{
  Paragraph *p = data;
  double indent = p->indent * style->font_size;
  g_autoptr (PangoLayout) layout = repere_render_layout (cr, style, p->text, width - indent, p->scale, p->flags);
  const double *rgb = p->muted ? style->muted : style->foreground;
  PangoLayoutIter *iter;

  if (from <= EPSILON && to >= repere_render_layout_height (layout) - EPSILON)
    {
      repere_render_show (cr, layout, indent, 0, rgb);
      return;
    }
  /* Only the whole lines between @from and @to. */
  cairo_save (cr);
  repere_render_set_rgb (cr, rgb);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = top + (double) logical.height / PANGO_SCALE;
      if (top >= from - EPSILON && bottom <= to + EPSILON)
        {
          cairo_move_to (cr, indent + (double) logical.x / PANGO_SCALE,
                         (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_restore (cr);
}

static const RepereBlockClass paragraph_class = { paragraph_measure, paragraph_draw, paragraph_free };

static void
add_paragraph_full (RepereDocument *doc, const char *text, double indent, RepereTextFlags flags, double scale,
                    gboolean muted, double space_before, gboolean keep_with_next)
{
  Paragraph *p = g_new0 (Paragraph, 1);

  p->text = g_strdup (text);
  p->indent = indent;
  p->scale = scale;
  p->flags = flags & ~REPERE_TEXT_ELLIPSIZE;
  p->muted = muted;
  new_block (doc, &paragraph_class, p, space_before, keep_with_next, TRUE);
}

/**
 * repere_document_add_paragraph:
 * @text: UTF-8 text, or pango markup with %REPERE_TEXT_MARKUP; wrapped to
 *   the page width
 * @indent: left indent in multiples of the body font size
 * @flags: #RepereTextFlags (ellipsizing is ignored: printed text is never cut)
 *
 * A paragraph may be split across pages between two of its lines.
 */
void
repere_document_add_paragraph (RepereDocument *doc, const char *text, double indent, RepereTextFlags flags)
{
  add_paragraph_full (doc, text, indent, flags, 1.0, FALSE, 0.4, FALSE);
}

/**
 * repere_document_add_heading:
 * @text: plain text, printed bold and larger, kept with what follows
 */
void
repere_document_add_heading (RepereDocument *doc, const char *text)
{
  add_paragraph_full (doc, text, 0, REPERE_TEXT_BOLD, 1.2, FALSE, 1.2, TRUE);
}

/**
 * repere_document_add_subheading:
 * @text: plain text, printed bold at the body size, kept with what follows
 */
void
repere_document_add_subheading (RepereDocument *doc, const char *text)
{
  add_paragraph_full (doc, text, 0, REPERE_TEXT_BOLD, 1.0, FALSE, 0.8, TRUE);
}

/* Pagination --------------------------------------------------------------- */

static double
content_width (const ReperePageSetup *setup)
{
  return setup->width - setup->margin_left - setup->margin_right;
}

/* The page header: title, then the subtitle, then a rule. */
static double
draw_page_header (RepereDocument *doc, cairo_t *cr, gboolean draw)
{
  const ReperePageSetup *s = &doc->setup;
  double width = content_width (s);
  double y = s->margin_top;
  g_autoptr (PangoLayout) title = repere_render_layout (cr, &doc->style, doc->title, width, 1.3, REPERE_TEXT_BOLD);
  g_autoptr (PangoLayout) subtitle = repere_render_layout (cr, &doc->style, doc->subtitle, width, 1.0, 0);

  if (draw)
    repere_render_show (cr, title, s->margin_left, y, doc->style.foreground);
  y += repere_render_layout_height (title);
  if (*doc->subtitle)
    {
      y += 0.2 * s->font_size;
      if (draw)
        repere_render_show (cr, subtitle, s->margin_left, y, doc->style.muted);
      y += repere_render_layout_height (subtitle);
    }
  y += 0.5 * s->font_size;
  if (draw)
    {
      cairo_save (cr);
      repere_render_set_rgb (cr, doc->style.foreground);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, s->margin_left, y);
      cairo_line_to (cr, s->margin_left + width, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  y += 0.8 * s->font_size;
  return y - s->margin_top;
}

/* The page footer: a rule, then date and source on the left, "page n / N" on
 * the right. */
static double
draw_page_footer (RepereDocument *doc, cairo_t *cr, guint page, gboolean draw)
{
  const ReperePageSetup *s = &doc->setup;
  double width = content_width (s);
  /* TRANSLATORS: the date in printed footers, a g_date_time_format() format */
  g_autofree char *date = g_date_time_format (doc->date, _("%-d %B %Y"));
  g_autofree char *left = *doc->source ? g_strdup_printf ("%s · %s", date, doc->source) : g_strdup (date);
  /* TRANSLATORS: printed page footer: page number / number of pages */
  g_autofree char *right = g_strdup_printf (_("page %u / %u"), page + 1, doc->pages ? doc->pages->len : 1);
  g_autoptr (PangoLayout) right_layout = repere_render_layout (cr, &doc->style, right, -1, 0.85, 0);
  double right_width = repere_render_layout_width (right_layout);
  g_autoptr (PangoLayout) left_layout
      = repere_render_layout (cr, &doc->style, left, width - right_width - s->font_size, 0.85, 0);
  double height = MAX (repere_render_layout_height (left_layout), repere_render_layout_height (right_layout));
  double y = s->height - s->margin_bottom - height;

  if (draw)
    {
      cairo_save (cr);
      repere_render_set_rgb (cr, doc->style.grid);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, s->margin_left, y - 0.4 * s->font_size);
      cairo_line_to (cr, s->margin_left + width, y - 0.4 * s->font_size);
      cairo_stroke (cr);
      cairo_restore (cr);
      repere_render_show (cr, left_layout, s->margin_left, y, doc->style.muted);
      repere_render_show (cr, right_layout, s->margin_left + width - right_width, y, doc->style.muted);
    }
  return height + 1.2 * s->font_size;
}

static GArray *
new_page (RepereDocument *doc)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (doc->pages, page);
  return page;
}

static void
place (GArray *page, Block *block, double from, double to, double y)
{
  Placement placement = { block, from, to, y };
  g_array_append_val (page, placement);
}

/* Height of @block's first part: up to its first allowed break. */
static double
first_part (Block *block)
{
  return block->breaks->len ? g_array_index (block->breaks, double, 0) : block->height;
}

/**
 * repere_document_paginate:
 * @cr: a context on the target surface (PDF, or the print context's); text
 *   is measured with its font options
 * @setup: page size, margins and font size, in points
 *
 * Measures every block and cuts the flow into pages. Call again when the
 * setup changes (the print dialog's paper or orientation).
 *
 * Returns: the number of pages, >= 1
 */
guint
repere_document_paginate (RepereDocument *doc, cairo_t *cr, const ReperePageSetup *setup)
{
  double width, top, bottom, y;
  GArray *page;
  gboolean empty = TRUE;
  Block *page_header = NULL; /* the table header already on this page */

  doc->setup = *setup;
  repere_render_style_init (&doc->style, FALSE, setup->font_size);
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  width = content_width (setup);

  doc->header_height = draw_page_header (doc, cr, FALSE);
  doc->footer_height = draw_page_footer (doc, cr, 0, FALSE);
  top = setup->margin_top + doc->header_height;
  bottom = setup->height - setup->margin_bottom - doc->footer_height;
  if (bottom - top < 2 * setup->font_size)
    bottom = top + 2 * setup->font_size; /* absurd setups still terminate */

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);
      g_array_set_size (block->breaks, 0);
      block->height = block->klass->measure (block->data, cr, &doc->style, width, block->breaks);
    }

  page = new_page (doc);
  y = top;
  for (guint i = 0; i < doc->flow->len; i++)
    {
      Block *block = g_ptr_array_index (doc->flow, i);
      double s = 0;

      if (block->page_break_before && !empty)
        {
          page = new_page (doc);
          y = top, empty = TRUE, page_header = NULL;
        }
      do
        {
          double space = empty || s > 0 ? 0 : block->space_before * setup->font_size;
          Block *repeat = s > 0 && block->continued_header ? block->continued_header : block->header;
          double header = repeat && repeat != page_header ? repeat->height : 0;
          double avail = bottom - y - space - header;
          double need = block->height - s;
          double end = -1;

          if (block->keep_with_next && s == 0 && !empty && i + 1 < doc->flow->len)
            {
              Block *next = g_ptr_array_index (doc->flow, i + 1);
              double next_header = next->header ? next->header->height : 0;
              if (need + next->space_before * setup->font_size + next_header + first_part (next) > avail + EPSILON)
                {
                  page = new_page (doc);
                  y = top, empty = TRUE, page_header = NULL;
                  continue;
                }
            }
          if (need <= avail + EPSILON)
            end = block->height;
          else
            for (guint b = 0; b < block->breaks->len; b++)
              {
                double at = g_array_index (block->breaks, double, b);
                if (at > s + EPSILON && at - s <= avail + EPSILON)
                  end = at;
              }
          if (end < 0 && !empty)
            {
              page = new_page (doc);
              y = top, empty = TRUE, page_header = NULL;
              continue;
            }
          if (end < 0) /* taller than an empty page, and no break fits: cut it */
            end = MIN (block->height, s + MAX (avail, setup->font_size));

          y += space;
          if (header > 0)
            {
              place (page, repeat, 0, repeat->height, y);
              y += header;
              page_header = repeat;
            }
          place (page, block, s, end, y);
          y += end - s;
          s = end;
          empty = FALSE;
          if (s < block->height - EPSILON)
            {
              page = new_page (doc);
              y = top, empty = TRUE, page_header = NULL;
            }
        }
      while (s < block->height - EPSILON);
    }
  if (empty && doc->pages->len > 1)
    g_ptr_array_remove_index (doc->pages, doc->pages->len - 1);
  return doc->pages->len;
}

/**
 * repere_document_get_n_pages:
 *
 * Returns: the page count of the last repere_document_paginate(), 0 before
 */
guint
repere_document_get_n_pages (RepereDocument *doc)
{
  return doc->pages ? doc->pages->len : 0;
}

/**
 * repere_document_draw_page:
 * @cr: the target, in points, origin at the page's top-left corner (for the
 *   print dialog: a full-page print context in GTK_UNIT_POINTS)
 * @page: 0 to repere_document_get_n_pages() - 1
 *
 * Draws one page as laid out by the last repere_document_paginate().
 */
void
repere_document_draw_page (RepereDocument *doc, cairo_t *cr, guint page)
{
  GArray *placements;
  double width;

  g_return_if_fail (doc->pages != NULL && page < doc->pages->len);
  placements = g_ptr_array_index (doc->pages, page);
  width = content_width (&doc->setup);

  draw_page_header (doc, cr, TRUE);
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      gboolean whole = p->from <= EPSILON && p->to >= p->block->height - EPSILON;

      cairo_save (cr);
      cairo_translate (cr, doc->setup.margin_left, p->y - p->from);
      if (!whole && p->block->klass != &paragraph_class)
        {
          /* A part of a block that draws itself whole (a chart): clip it. */
          cairo_rectangle (cr, -doc->setup.margin_left, p->from, doc->setup.width, p->to - p->from);
          cairo_clip (cr);
        }
      p->block->klass->draw (p->block->data, cr, &doc->style, width, p->from, p->to);
      cairo_restore (cr);
    }
  draw_page_footer (doc, cr, page, TRUE);
}

/* PDF ---------------------------------------------------------------------- */

/**
 * repere_document_write_pdf:
 * @setup: page size, margins and font size
 * @path: the PDF file to write (replaced if it exists)
 * @error: %REPERE_PRINT_ERROR_WRITE naming @path; an existing file is left
 *   as it was when writing fails
 *
 * Paginates @doc for @setup and writes every page, drawn by
 * repere_document_draw_page() as in the print dialog, to @path.
 */
gboolean
repere_document_write_pdf (RepereDocument *doc, const ReperePageSetup *setup, const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  RepereRenderSink sink;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n;

  if (!repere_render_sink_open (&sink, path, &local_error))
    {
      g_set_error (error, REPERE_PRINT_ERROR, REPERE_PRINT_ERROR_WRITE, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (repere_render_sink_write, &sink, setup->width, setup->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Repère");
  cr = cairo_create (surface);
  n = repere_document_paginate (doc, cr, setup);
  for (guint i = 0; i < n; i++)
    {
      repere_document_draw_page (doc, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!repere_render_sink_close (&sink, status, &local_error))
    {
      g_set_error (error, REPERE_PRINT_ERROR, REPERE_PRINT_ERROR_WRITE, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The job list ------------------------------------------------------------- */

enum
{
  COL_RANK,
  COL_JOB,
  COL_FAMILY,
  COL_CORE,
  COL_SCORE,
  COL_CLASS,
  N_COLS
};

/* How the width left by the number columns (rank, ♥, score: as wide as
 * their widest cell) is shared by the text columns. Same columns, in the
 * same order, as the window's job browser. */
static const double column_share[N_COLS] = { 0, 0.45, 0.30, 0, 0, 0.25 };

typedef struct
{
  double width; /* content width the columns were computed for */
  double font_size;
  double x[N_COLS];
  double w[N_COLS];
  double gap;
  double pad;
  GHashTable *words[N_COLS]; /* every word of each column's cells, to size it */
} Table;

typedef struct
{
  Table *table;
  char *cells[N_COLS];
  double colour[3];
  gboolean has_colour;
  gboolean header; /* the column header, repeated on every page */
} Row;

static RepereTextFlags
column_flags (int column)
{
  switch (column)
    {
    case COL_RANK:
    case COL_SCORE:
      return REPERE_TEXT_RIGHT;
    case COL_CORE:
      return REPERE_TEXT_CENTER;
    default:
      return 0;
    }
}

static Table *
table_new (void)
{
  Table *table = g_new0 (Table, 1);
  for (int c = 0; c < N_COLS; c++)
    table->words[c] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return table;
}

static void
table_free (Table *table)
{
  for (int c = 0; c < N_COLS; c++)
    g_hash_table_unref (table->words[c]);
  g_free (table);
}

/* Remembers the words of @row's cells; a number column keeps the whole cell. */
static void
table_add_words (Table *table, char **cells, gboolean bold)
{
  for (int c = 0; c < N_COLS; c++)
    {
      g_auto (GStrv) words = NULL;
      if (column_share[c] == 0 || bold)
        {
          /* Header labels are measured whole, bold (marked by a leading \1). */
          g_hash_table_add (table->words[c], bold ? g_strconcat ("\1", cells[c], NULL) : g_strdup (cells[c]));
          continue;
        }
      words = g_strsplit_set (cells[c], " \n", -1);
      for (guint w = 0; words[w]; w++)
        if (*words[w] && !g_hash_table_contains (table->words[c], words[w]))
          g_hash_table_add (table->words[c], g_strdup (words[w])); /* not stolen: g_strfreev stops at a NULL */
    }
}

/* The widest of @column's words, in points. */
static double
widest_word (Table *table, int column, cairo_t *cr, const RepereRenderStyle *style)
{
  g_autoptr (PangoLayout) plain = repere_render_layout (cr, style, "", -1, 1.0, 0);
  g_autoptr (PangoLayout) bold = repere_render_layout (cr, style, "", -1, 1.0, REPERE_TEXT_BOLD);
  GHashTableIter iter;
  gpointer key;
  double widest = 0;

  g_hash_table_iter_init (&iter, table->words[column]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *word = key;
      PangoLayout *layout = word[0] == '\1' ? bold : plain;
      pango_layout_set_text (layout, word[0] == '\1' ? word + 1 : word, -1);
      widest = MAX (widest, repere_render_layout_width (layout));
    }
  return widest;
}

/* Column widths for @width: number columns as wide as their widest cell,
 * text columns at least as wide as their longest word (so that words are not
 * broken) and otherwise by column_share. */
static void
table_columns (Table *table, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  double min[N_COLS], avail = width, x = 0, text_min = 0;
  gboolean fixed[N_COLS];

  if (table->width == width && table->font_size == style->font_size)
    return;
  table->width = width;
  table->font_size = style->font_size;
  table->gap = 0.8 * style->font_size;
  table->pad = 0.35 * style->font_size;
  for (int c = 0; c < N_COLS; c++)
    {
      /* The class column has its colour square before the name. */
      min[c] = widest_word (table, c, cr, style) + table->gap + (c == COL_CLASS ? 1.2 * style->font_size : 0);
      fixed[c] = column_share[c] == 0;
      if (fixed[c])
        {
          table->w[c] = min[c];
          avail -= min[c];
        }
      else
        text_min += min[c];
    }
  if (text_min > avail)
    {
      /* Even the longest words do not fit: scale the text columns down. */
      for (int c = 0; c < N_COLS; c++)
        if (!fixed[c])
          table->w[c] = min[c] * MAX (avail, 0) / text_min;
    }
  else
    /* Share the width among the text columns; one whose share is below its
     * minimum gets its minimum and leaves the sharing. */
    for (gboolean changed = TRUE; changed;)
      {
        double shares = 0, left = avail;
        changed = FALSE;
        for (int c = 0; c < N_COLS; c++)
          if (!fixed[c])
            shares += column_share[c];
          else if (column_share[c] > 0)
            left -= table->w[c];
        for (int c = 0; c < N_COLS; c++)
          if (!fixed[c])
            {
              table->w[c] = column_share[c] / shares * left;
              if (table->w[c] < min[c])
                {
                  table->w[c] = min[c];
                  fixed[c] = changed = TRUE;
                  break;
                }
            }
      }
  for (int c = 0; c < N_COLS; c++)
    {
      table->x[c] = x;
      x += table->w[c];
    }
}

/* The cell's text box: half the gap on each side; the class name after its
 * colour square. */
static void
cell_box (Table *table, int column, double *x, double *w)
{
  *x = table->x[column] + table->gap / 2;
  *w = table->w[column] - table->gap;
  if (column == COL_CLASS)
    {
      *x += 1.2 * table->font_size;
      *w -= 1.2 * table->font_size;
    }
}

/* Lays out, measures and (when @draw) draws a row of @cells; @bold for the
 * column header. Returns the row's height. */
static double
table_row (Table *table, cairo_t *cr, const RepereRenderStyle *style, char **cells, const double *colour,
           gboolean bold, gboolean draw)
{
  PangoLayout *layouts[N_COLS];
  double height = 0;

  for (int c = 0; c < N_COLS; c++)
    {
      double x, w;
      cell_box (table, c, &x, &w);
      layouts[c] = repere_render_layout (cr, style, cells[c], w, 1.0, column_flags (c) | (bold ? REPERE_TEXT_BOLD : 0));
      height = MAX (height, repere_render_layout_height (layouts[c]));
    }
  height += 2 * table->pad;
  for (int c = 0; c < N_COLS && draw; c++)
    {
      double x, w;
      cell_box (table, c, &x, &w);
      repere_render_show (cr, layouts[c], x, table->pad,
                          c == COL_CORE && !bold ? style->accent : bold ? style->muted : style->foreground);
    }
  if (draw && colour)
    {
      /* The class's colour (study palette, 3.2.1), a square before its name. */
      double size = 0.75 * style->font_size;
      cairo_save (cr);
      repere_render_set_rgb (cr, colour);
      cairo_rectangle (cr, table->x[COL_CLASS] + table->gap / 2, table->pad + 0.3 * style->font_size, size, size);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  if (draw)
    {
      cairo_save (cr);
      repere_render_set_rgb (cr, bold ? style->foreground : style->grid);
      cairo_set_line_width (cr, bold ? 0.8 : 0.4);
      cairo_move_to (cr, 0, height - 0.4);
      cairo_line_to (cr, table->width, height - 0.4);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  for (int c = 0; c < N_COLS; c++)
    g_object_unref (layouts[c]);
  return height;
}

static double
row_measure (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, GArray *breaks)
{
  Row *row = data;
  table_columns (row->table, cr, style, width);
  return table_row (row->table, cr, style, row->cells, NULL, row->header, FALSE);
}

static void
row_draw (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, double from, double to)
{
  Row *row = data;
  table_columns (row->table, cr, style, width);
  table_row (row->table, cr, style, row->cells, row->has_colour ? row->colour : NULL, row->header, TRUE);
}

/* The header row owns the table the other rows share. */
static void
row_free (gpointer data)
{
  Row *row = data;
  if (row->header)
    table_free (row->table);
  for (int c = 0; c < N_COLS; c++)
    g_free (row->cells[c]);
  g_free (row);
}

static const RepereBlockClass row_class = { row_measure, row_draw, row_free };

typedef struct
{
  char *name;
  gboolean user;
} AssessmentInfo;

static gboolean
lookup_assessment (RepereDb *db, const char *id, AssessmentInfo *info, GError **error)
{
  g_autoptr (GPtrArray) list = repere_db_list_assessments (db, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (list, i);
      if (g_strcmp0 (ref->id, id) == 0)
        {
          info->name = g_strdup (ref->name);
          info->user = g_strcmp0 (ref->extra, "user") == 0;
          return TRUE;
        }
    }
  g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("Unknown assessment “%s”"), id);
  return FALSE;
}

static const char *
sort_label (RepereSortColumn column)
{
  switch (column)
    {
    case REPERE_SORT_RANK:
      return _("Rank");
    case REPERE_SORT_JOB:
      return _("Job");
    case REPERE_SORT_FAMILY:
      return _("Family");
    case REPERE_SORT_CORE:
      return _("Core assistance job");
    case REPERE_SORT_SCORE:
      return _("Score");
    case REPERE_SORT_CLASSIFICATION:
    default:
      return _("Classification");
    }
}

/**
 * repere_print_describe_filter:
 * @filter: the filter and sort of the list; the sort is named unless it is
 *   the default (rank, ascending)
 * @n_jobs: the number of jobs listed
 * @error: %REPERE_DB_ERROR_NOT_FOUND for an unknown family or class
 *
 * Returns: (transfer full): the active filters and search as one line, e.g.
 *   "Family: 03 Assistance médicale · Search: “infirmier” · 4 jobs", or
 *   "No filter · 58 jobs"; printed under the title of every page
 */
char *
repere_print_describe_filter (RepereDb *db, const RepereJobFilter *filter, guint n_jobs, GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;

  if (filter->family && *filter->family)
    {
      g_autoptr (GPtrArray) families = repere_db_list_families (db, error);
      g_autofree char *code = strlen (filter->family) == 1 ? g_strconcat ("0", filter->family, NULL)
                                                           : g_strdup (filter->family);
      const char *name = NULL;
      if (families == NULL)
        return NULL;
      for (guint i = 0; i < families->len; i++)
        if (g_strcmp0 (((RepereRef *) g_ptr_array_index (families, i))->id, code) == 0)
          name = ((RepereRef *) g_ptr_array_index (families, i))->name;
      if (name == NULL)
        {
          g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _("Unknown family “%s” (01 to 13)"),
                       filter->family);
          return NULL;
        }
      g_ptr_array_add (parts, g_strdup_printf (_("Family: %s %s"), code, name));
    }
  if (filter->classification && *filter->classification)
    {
      g_autofree char *id = NULL;
      g_autoptr (GPtrArray) classes = NULL;
      if (!repere_db_resolve_classification (db, filter->classification, &id, error)
          || (classes = repere_db_list_classifications (db, error)) == NULL)
        return NULL;
      for (guint i = 0; i < classes->len; i++)
        if (g_strcmp0 (((RepereRef *) g_ptr_array_index (classes, i))->id, id) == 0)
          g_ptr_array_add (parts, g_strdup_printf (_("Classification: %s"),
                                                   ((RepereRef *) g_ptr_array_index (classes, i))->name));
    }
  if (filter->core_only)
    g_ptr_array_add (parts, g_strdup (_("Core assistance jobs only")));
  if (filter->search)
    {
      g_autofree char *search = g_strstrip (g_strdup (filter->search));
      if (*search != '\0')
        g_ptr_array_add (parts, g_strdup_printf (_("Search: “%s”"), search));
    }
  if (filter->sort != REPERE_SORT_RANK || filter->descending)
    g_ptr_array_add (parts, filter->descending ? g_strdup_printf (_("Sorted by: %s, reversed"), sort_label (filter->sort))
                                               : g_strdup_printf (_("Sorted by: %s"), sort_label (filter->sort)));
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (_("No filter")));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n_jobs), n_jobs));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
source_for (const AssessmentInfo *info)
{
  if (info->user)
    /* TRANSLATORS: footer of a printed list of the user's own assessment */
    return g_strdup_printf (_("Source: %s (own assessment)"), info->name);
  return g_strdup_printf (_("Source: %s"), STUDY_SOURCE);
}

/**
 * repere_print_list_new:
 * @jobs: #RepereJob rows in the order to print: repere_db_list_jobs() with
 *   @filter, or the window's sorted list model
 * @filter: the filter @jobs was listed with, for the page header; its
 *   assessment names the list and the footer's source
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * The printed job list: the browser's columns (rank, job, family, core ♥,
 * score, classification) with the published rank, score and class of the
 * assessment's ranking table (Annexe 1.1, 3.2.2.1, 3.2.2.2 Figure 1), or the
 * recomputed ones of a user assessment, as on screen.
 *
 * Returns: (transfer full): the document, to paginate
 */
RepereDocument *
repere_print_list_new (RepereDb *db, GListModel *jobs, const RepereJobFilter *filter, GError **error)
{
  const char *assessment = filter->assessment ? filter->assessment : REPERE_DEFAULT_ASSESSMENT;
  guint n = g_list_model_get_n_items (jobs);
  AssessmentInfo info = { NULL, FALSE };
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autoptr (GPtrArray) classes = NULL;
  g_autoptr (GHashTable) colours = g_hash_table_new (g_str_hash, g_str_equal);
  RepereDocument *doc;
  Table *table;
  Row *header;
  Block *header_block;

  if (!lookup_assessment (db, assessment, &info, error)
      || (subtitle = repere_print_describe_filter (db, filter, n, error)) == NULL
      || (classes = repere_db_list_classifications (db, error)) == NULL)
    {
      g_free (info.name);
      return NULL;
    }
  for (guint i = 0; i < classes->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (classes, i);
      g_hash_table_insert (colours, ref->id, ref->colour);
    }
  /* TRANSLATORS: title of a printed job list; %s is the assessment's name */
  title = g_strdup_printf (_("Jobs — %s"), info.name);
  source = source_for (&info);
  g_free (info.name);
  doc = repere_document_new (title, subtitle, source);

  table = table_new ();
  header = g_new0 (Row, 1);
  header->table = table;
  header->header = TRUE;
  header->cells[COL_RANK] = g_strdup (_("Rank"));
  header->cells[COL_JOB] = g_strdup (_("Job"));
  header->cells[COL_FAMILY] = g_strdup (_("Family"));
  header->cells[COL_CORE] = g_strdup ("♥");
  header->cells[COL_SCORE] = g_strdup (_("Score"));
  header->cells[COL_CLASS] = g_strdup (_("Classification"));
  header_block = new_block (doc, &row_class, header, 0, FALSE, FALSE);
  table_add_words (table, header->cells, TRUE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (jobs, i);
      Row *row = g_new0 (Row, 1);
      const char *class_id = repere_job_get_classification_id (job);
      const char *class_name = repere_job_get_classification_name (job);
      Block *block;

      row->table = table;
      row->cells[COL_RANK] = repere_job_get_rank (job) > 0 ? g_strdup_printf ("%d", repere_job_get_rank (job))
                                                           : g_strdup ("—");
      row->cells[COL_JOB] = g_strdup (repere_job_get_name (job));
      row->cells[COL_FAMILY] = g_strdup_printf ("%s %s", repere_job_get_family_code (job),
                                                repere_job_get_family_name (job));
      row->cells[COL_CORE] = g_strdup (repere_job_get_core (job) ? "♥" : "");
      row->cells[COL_SCORE] = format_decimal (repere_job_get_score (job), 2);
      row->cells[COL_CLASS] = g_strdup (class_name ? class_name : "—");
      if (class_id)
        row->has_colour = repere_render_parse_colour (g_hash_table_lookup (colours, class_id), row->colour);
      table_add_words (table, row->cells, FALSE);
      block = new_block (doc, &row_class, row, 0, FALSE, TRUE);
      block->header = header_block;
    }
  if (n == 0)
    add_paragraph_full (doc, _("No job matches these filters."), 0, REPERE_TEXT_ITALIC, 1.0, TRUE, 0.5, FALSE);
  return doc;
}

/**
 * repere_print_list_to_pdf:
 * @filter: the jobs to list and their order, as `repere-cli jobs` takes them
 * @setup: paper, orientation, margins and font size
 * @path: the PDF file to write
 * @error: #RepereDbError, %REPERE_PRINT_ERROR_WRITE naming @path
 *
 * repere_db_list_jobs() then repere_print_list_new() then
 * repere_document_write_pdf().
 */
gboolean
repere_print_list_to_pdf (RepereDb *db, const RepereJobFilter *filter, const ReperePageSetup *setup,
                          const char *path, GError **error)
{
  g_autoptr (GListStore) jobs = repere_db_list_jobs (db, filter, error);
  g_autoptr (RepereDocument) doc = NULL;

  if (jobs == NULL || (doc = repere_print_list_new (db, G_LIST_MODEL (jobs), filter, error)) == NULL)
    return FALSE;
  return repere_document_write_pdf (doc, setup, path, error);
}

/* The job sheet ------------------------------------------------------------ */

static void
add_text (RepereDocument *doc, const char *title, const char *text)
{
  g_auto (GStrv) paragraphs = NULL;

  if (text == NULL || *text == '\0')
    return;
  repere_document_add_heading (doc, title);
  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    if (*g_strstrip (paragraphs[i]))
      add_paragraph_full (doc, paragraphs[i], 0, 0, 1.0, FALSE, 0.4, FALSE);
}

static void
add_results (RepereDocument *doc, RepereJobDetail *job, int n_jobs)
{
  repere_document_add_heading (doc, _("Results by assessment"));
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      g_autofree char *name = g_markup_escape_text (r->assessment_name, -1);
      g_autoptr (GString) text = g_string_new (NULL);

      g_string_append_printf (text, "<b>%s</b>\n", name);
      if (r->rank > 0)
        {
          g_autofree char *score = format_decimal (r->score, 2);
          g_autofree char *line = g_strdup_printf (_("Score %s · rank %d / %d · %s"), score, r->rank, n_jobs,
                                                   r->classification_name ? r->classification_name : "—");
          g_autofree char *escaped = g_markup_escape_text (line, -1);
          g_string_append (text, escaped);
        }
      else
        g_string_append (text, _("not published"));
      if (r->figure_classification_id && g_strcmp0 (r->figure_classification_id, r->classification_id) != 0)
        {
          g_autofree char *line = g_strdup_printf (_("Classification figure: %s"), r->figure_classification_name);
          g_autofree char *escaped = g_markup_escape_text (line, -1);
          g_string_append_printf (text, "\n%s", escaped);
        }
      if (r->has_counts)
        {
          g_autofree char *fiche = format_decimal (r->fiche_score, 2);
          g_autofree char *line = g_strdup_printf (
              _("%d competencies: %d negligible, %d slight, %d moderate, %d important, %d major exposure; "
                "fiche score %s, %s"),
              r->competencies, r->counts[0], r->counts[1], r->counts[2], r->counts[3], r->counts[4], fiche,
              r->fiche_classification_name ? r->fiche_classification_name : "—");
          g_autofree char *escaped = g_markup_escape_text (line, -1);
          g_string_append_printf (text, "\n<span size=\"smaller\">%s</span>", escaped);
        }
      add_paragraph_full (doc, text->str, 0, REPERE_TEXT_MARKUP, 1.0, FALSE, 0.6, FALSE);
    }
}

static void
add_use_cases (RepereDocument *doc, RepereJobDetail *job)
{
  const char *last_context = NULL;
  int last_priority = -1;

  for (guint i = 0; i < job->use_cases->len; i++)
    {
      RepereUseCase *u = g_ptr_array_index (job->use_cases, i);
      g_autofree char *title = g_markup_escape_text (u->title, -1);
      g_autoptr (GString) text = g_string_new (NULL);

      if (last_context == NULL || g_strcmp0 (last_context, u->context) != 0)
        {
          repere_document_add_heading (doc, *u->context ? u->context : _("Use cases"));
          last_priority = -1;
        }
      last_context = u->context;
      if (u->priority != last_priority && u->priority > 0)
        {
          g_autofree char *priority = g_strdup_printf (_("Priority %d"), u->priority);
          add_paragraph_full (doc, priority, 0, REPERE_TEXT_BOLD, 1.0, TRUE, 0.8, TRUE);
        }
      last_priority = u->priority;

      g_string_append_printf (text, "• <b>%s</b>", title);
      for (guint c = 0; c < u->comments->len; c++)
        {
          RepereComment *comment = g_ptr_array_index (u->comments, c);
          g_autofree char *kind = g_markup_escape_text (repere_text_comment_kind (comment->kind), -1);
          g_autofree char *body = g_markup_escape_text (comment->text, -1);
          /* TRANSLATORS: a use case's comment: kind, then text (French: space before the colon) */
          g_string_append_printf (text, _("\n<i>%s</i>: %s"), kind, body);
        }
      if (*u->body)
        {
          g_autofree char *body = g_markup_escape_text (u->body, -1);
          g_string_append_printf (text, "\n%s", body);
        }
      if (u->shared_with->len)
        {
          g_autofree char *with = NULL;
          g_autofree char *line = NULL;
          g_autofree char *escaped = NULL;
          g_ptr_array_add (u->shared_with, NULL);
          with = g_strjoinv (", ", (char **) u->shared_with->pdata);
          g_ptr_array_remove_index (u->shared_with, u->shared_with->len - 1);
          line = g_strdup_printf (_("Also for: %s"), with);
          escaped = g_markup_escape_text (line, -1);
          g_string_append_printf (text, "\n<span size=\"smaller\">%s</span>", escaped);
        }
      add_paragraph_full (doc, text->str, 1.0, REPERE_TEXT_MARKUP, 1.0, FALSE, 0.5, FALSE);
    }
}

/* Appends " — <i>flag · flag</i>" for @flags (translated strings); nothing for none. */
static void
append_flags (GString *text, GPtrArray *flags)
{
  g_autofree char *joined = NULL;
  g_autofree char *escaped = NULL;

  if (flags->len == 0)
    return;
  g_ptr_array_add (flags, NULL);
  joined = g_strjoinv (" · ", (char **) flags->pdata);
  g_ptr_array_remove_index (flags, flags->len - 1);
  escaped = g_markup_escape_text (joined, -1);
  g_string_append_printf (text, " — <i>%s</i>", escaped);
}

/* Hook (issue 13): the job's ROME codes with ROME's transition flags, in the
 * terms of the job page's Fiche ROME (ui/repere-rome-flags.c): the code's
 * standing in the ecological transition unless "Emploi Blanc"
 * (repere_rome_transition_eco_label()), digital and demographic transition.
 * Nothing when the job has no code in the referential in force. */
static gboolean
add_codes (RepereDocument *doc, RepereDb *db, const char *job_id, GError **error)
{
  g_autoptr (GPtrArray) fiches = repere_rome_fiche_list_for_job (db, job_id, error);
  g_autoptr (GString) text = g_string_new (NULL);

  if (fiches == NULL)
    return FALSE;
  for (guint i = 0; i < fiches->len; i++)
    {
      RepereRomeFiche *fiche = g_ptr_array_index (fiches, i);
      g_autoptr (GPtrArray) flags = g_ptr_array_new ();
      const char *eco = repere_rome_transition_eco_label (fiche->transition_eco);
      g_autofree char *code = g_markup_printf_escaped ("%s · %s", fiche->code, fiche->title);

      if (eco)
        g_ptr_array_add (flags, (gpointer) eco);
      if (fiche->transition_num == REPERE_ROME_FLAG_YES)
        g_ptr_array_add (flags, (gpointer) _ ("Digital transition"));
      if (fiche->transition_demo == REPERE_ROME_FLAG_YES)
        g_ptr_array_add (flags, (gpointer) _ ("Demographic transition"));
      g_string_append_printf (text, "%s• %s", text->len ? "\n" : "", code);
      append_flags (text, flags);
    }
  if (text->len == 0)
    return TRUE;
  repere_document_add_heading (doc, _ ("ROME codes"));
  add_paragraph_full (doc, text->str, 1.0, REPERE_TEXT_MARKUP, 1.0, FALSE, 0.3, FALSE);
  return TRUE;
}

/* Hook: the ROME competencies of the job's codes, grouped by kind
 * (repere_competency_list_labels_for_job()), each with ROME's flags in the
 * job page's terms (issue 13): Principale or Émergente, ecological and
 * digital transition. Nothing when no ROME referential is imported or the
 * job has no code. */
static gboolean
add_competencies (RepereDocument *doc, RepereDb *db, const char *job_id, GError **error)
{
  g_autoptr (GPtrArray) competencies = repere_competency_list_labels_for_job (db, job_id, error);
  gboolean heading = FALSE;
  guint i = 0;

  if (competencies == NULL)
    return FALSE;
  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      for (; i < competencies->len; i++)
        {
          RepereJobCompetency *competency = g_ptr_array_index (competencies, i);
          g_autoptr (GPtrArray) flags = NULL;
          g_autofree char *label = NULL;

          if ((int) competency->kind != k)
            break;
          flags = g_ptr_array_new ();
          if (g_strcmp0 (competency->core, "principale") == 0)
            g_ptr_array_add (flags, (gpointer) _ ("Principale"));
          else if (g_strcmp0 (competency->core, "emergente") == 0)
            g_ptr_array_add (flags, (gpointer) _ ("Émergente"));
          if (competency->transition_eco == 1)
            g_ptr_array_add (flags, (gpointer) _ ("Ecological transition"));
          if (competency->transition_num == 1)
            g_ptr_array_add (flags, (gpointer) _ ("Digital transition"));
          label = g_markup_escape_text (competency->label, -1);
          g_string_append_printf (text, "%s• %s", text->len ? "\n" : "", label);
          append_flags (text, flags);
        }
      if (text->len == 0)
        continue;
      if (!heading)
        repere_document_add_heading (doc, _("ROME competencies"));
      heading = TRUE;
      add_paragraph_full (doc, repere_competency_kind_label (k), 0, REPERE_TEXT_BOLD, 1.0, TRUE, 0.8, TRUE);
      add_paragraph_full (doc, text->str, 1.0, REPERE_TEXT_MARKUP, 1.0, FALSE, 0.3, FALSE);
    }
  return TRUE;
}

/* Hook: the competency ratings of each assessment
 * (repere_rating_list_for_job()). Nothing when the job has none. */
static gboolean
add_ratings (RepereDocument *doc, RepereDb *db, const char *job_id, GError **error)
{
  g_autoptr (GPtrArray) ratings = repere_rating_list_for_job (db, job_id, error);
  g_autoptr (GString) text = g_string_new (NULL);
  const char *last = NULL;

  if (ratings == NULL)
    return FALSE;
  for (guint i = 0; i < ratings->len; i++)
    {
      RepereJobRating *rating = g_ptr_array_index (ratings, i);
      if (last == NULL)
        repere_document_add_heading (doc, _("Ratings"));
      if (g_strcmp0 (last, rating->assessment_name) != 0)
        {
          if (text->len)
            add_paragraph_full (doc, text->str, 1.0, 0, 1.0, FALSE, 0.3, FALSE);
          g_string_truncate (text, 0);
          add_paragraph_full (doc, rating->assessment_name, 0, REPERE_TEXT_BOLD, 1.0, TRUE, 0.8, TRUE);
          last = rating->assessment_name;
        }
      g_string_append_printf (text, "%s• %s — ", text->len ? "\n" : "", rating->label);
      g_string_append_printf (text, _("level %d"), rating->level);
    }
  if (text->len)
    add_paragraph_full (doc, text->str, 1.0, 0, 1.0, FALSE, 0.3, FALSE);
  return TRUE;
}

/**
 * repere_print_job_sheet_new:
 * @job_id: a job id (repere_db_find_job())
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * The job's page as a document: name, family, core mark, the result in each
 * assessment (score, rank, class; level counts of the fiche, section 4.2),
 * the fiche's texts, the use cases by priority with their comments, then the
 * job's ROME codes and competencies by kind with ROME's flags, and the
 * ratings when there are any.
 *
 * Returns: (transfer full): the document, to paginate
 */
RepereDocument *
repere_print_job_sheet_new (RepereDb *db, const char *job_id, GError **error)
{
  g_autoptr (RepereJobDetail) job = repere_db_get_job (db, job_id, error);
  g_autoptr (RepereDocument) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  int n_jobs;

  if (job == NULL || (n_jobs = repere_db_count_jobs (db, error)) < 0)
    return NULL;

  title = g_strdup_printf ("%s%s", job->core ? "♥ " : "", job->name);
  subtitle = job->core ? g_strdup_printf (_("Family %s %s · Core assistance job"), job->family_code, job->family_name)
                       : g_strdup_printf (_("Family %s %s"), job->family_code, job->family_name);
  source = g_strdup_printf (_("Source: %s"), STUDY_SOURCE);
  doc = repere_document_new (title, subtitle, source);

  if (job->aliases->len)
    {
      g_autofree char *aliases = NULL;
      g_autofree char *line = NULL;
      g_ptr_array_add (job->aliases, NULL);
      aliases = g_strjoinv (" · ", (char **) job->aliases->pdata);
      g_ptr_array_remove_index (job->aliases, job->aliases->len - 1);
      line = g_strdup_printf (_("Also written: %s"), aliases);
      add_paragraph_full (doc, line, 0, 0, 1.0, TRUE, 0, FALSE);
    }
  add_results (doc, job, n_jobs);
  /* The fiche's notes (the Infirmier's rating by doctors) and future role. */
  if (!repere_print_add_fiche_notes (doc, db, job->id, error))
    return NULL;
  add_text (doc, _("Job specifics"), job->description);
  add_text (doc, _("Short-term applications of generative AI"), job->short_term);
  add_text (doc, _("Five-year scenario"), job->scenario_5y);
  add_use_cases (doc, job);
  if (!add_codes (doc, db, job->id, error) || !add_competencies (doc, db, job->id, error)
      || !add_ratings (doc, db, job->id, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/**
 * repere_print_job_to_pdf:
 * @job_id: a job id
 * @setup: paper, orientation, margins and font size
 * @path: the PDF file to write
 * @error: #RepereDbError, %REPERE_PRINT_ERROR_WRITE naming @path
 */
gboolean
repere_print_job_to_pdf (RepereDb *db, const char *job_id, const ReperePageSetup *setup, const char *path,
                         GError **error)
{
  g_autoptr (RepereDocument) doc = repere_print_job_sheet_new (db, job_id, error);

  if (doc == NULL)
    return FALSE;
  return repere_document_write_pdf (doc, setup, path, error);
}

/* Views -------------------------------------------------------------------- */

/* A chart in the flow. The chart draws itself with its own margin (the body
 * font size) on every side; the block lays it out that much wider and moves
 * it up and left, so that its content lines up with the page's margins. */
typedef struct
{
  RepereChart *chart;
  gboolean continued; /* the "(continued)" top of a page after the first; does not own the chart */
} ChartBlock;

static double
chart_block_measure (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, GArray *breaks)
{
  ChartBlock *block = data;
  double m = style->font_size;
  double height;

  if (block->continued)
    {
      repere_chart_set_continued (block->chart, TRUE);
      height = repere_chart_get_repeat_height (block->chart, cr, style, width + 2 * m) - m;
      repere_chart_set_continued (block->chart, FALSE);
      return height;
    }
  height = repere_chart_get_height (block->chart, cr, style, width + 2 * m) - 2 * m;
  {
    g_autoptr (GArray) chart_breaks = repere_chart_get_breaks (block->chart, cr, style, width + 2 * m);
    for (guint i = 0; i < chart_breaks->len; i++)
      {
        double at = g_array_index (chart_breaks, double, i) - m;
        if (at > EPSILON && at < height - EPSILON)
          g_array_append_val (breaks, at);
      }
  }
  return height;
}

static void
chart_block_draw (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, double from, double to)
{
  ChartBlock *block = data;
  double m = style->font_size;

  cairo_save (cr);
  /* Nothing beyond the part asked for: not the chart's margins, not the
   * rows of the other pages. */
  cairo_rectangle (cr, -m, from, width + 2 * m, to - from);
  cairo_clip (cr);
  cairo_translate (cr, -m, -m);
  repere_chart_set_continued (block->chart, block->continued);
  repere_chart_draw (block->chart, cr, style, width + 2 * m, to + 2 * m);
  repere_chart_set_continued (block->chart, FALSE);
  cairo_restore (cr);
}

static void
chart_block_free (gpointer data)
{
  ChartBlock *block = data;

  if (!block->continued)
    repere_chart_free (block->chart);
  g_free (block);
}

static const RepereBlockClass chart_block_class = { chart_block_measure, chart_block_draw, chart_block_free };

/**
 * repere_document_add_chart:
 * @chart: (transfer full): a view (repere_chart_new())
 *
 * Adds @chart on a new page, drawn by repere_chart_draw() (the window's
 * code) as vectors across the printable width, at the document's font
 * size. A chart taller than a page is split at repere_chart_get_breaks()
 * (below its legend and header, between two rows: no label is cut); each
 * page after the first repeats its title, marked "(continued)", its legend
 * and its table header (repere_chart_get_repeat_height()).
 */
void
repere_document_add_chart (RepereDocument *doc, RepereChart *chart)
{
  ChartBlock *main = g_new0 (ChartBlock, 1);
  ChartBlock *top = g_new0 (ChartBlock, 1);
  Block *block;

  main->chart = chart;
  top->chart = chart;
  top->continued = TRUE;
  repere_document_add_page_break (doc);
  block = new_block (doc, &chart_block_class, main, 0, FALSE, TRUE);
  block->continued_header = new_block (doc, &chart_block_class, top, 0, FALSE, FALSE);
}

/**
 * repere_print_charts_new:
 * @kinds: (array length=n_kinds): the views to print, in order, each from a
 *   new page
 * @filter: the job browser's filters (repere_chart_new()); its assessment
 *   names the document and the footer's source
 * @other_assessment: (nullable): the assessment the evolution compares
 *   with, %NULL for the one the shown assessment derives from
 * @error: #RepereDbError
 *
 * The document of "Print…" on the Views page and of `repere-cli print
 * --chart`: a page header naming the assessment ("Views — Experts métier
 * assistance") and the active filters (repere_print_describe_filter()), the
 * footer of the printed list (date, source, "page n / N"), then each view
 * (repere_document_add_chart()).
 *
 * Returns: (transfer full): the document, to paginate
 */
RepereDocument *
repere_print_charts_new (RepereDb *db, const RepereChartKind *kinds, guint n_kinds, const RepereJobFilter *filter,
                         const char *other_assessment, GError **error)
{
  const char *assessment = filter->assessment ? filter->assessment : REPERE_DEFAULT_ASSESSMENT;
  AssessmentInfo info = { NULL, FALSE };
  g_autoptr (GListStore) jobs = NULL;
  g_autoptr (GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_chart_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  RepereDocument *doc;

  g_return_val_if_fail (n_kinds > 0, NULL);
  for (guint i = 0; i < n_kinds; i++)
    {
      RepereChart *chart = repere_chart_new (db, kinds[i], filter, other_assessment, error);
      if (chart == NULL)
        return NULL;
      g_ptr_array_add (charts, chart);
    }
  if ((jobs = repere_db_list_jobs (db, filter, error)) == NULL || !lookup_assessment (db, assessment, &info, error))
    return NULL;
  subtitle = repere_print_describe_filter (db, filter, g_list_model_get_n_items (G_LIST_MODEL (jobs)), error);
  if (subtitle == NULL)
    {
      g_free (info.name);
      return NULL;
    }
  /* TRANSLATORS: title of printed views (charts); %s is the assessment's name */
  title = g_strdup_printf (_("Views — %s"), info.name);
  source = source_for (&info);
  g_free (info.name);
  doc = repere_document_new (title, subtitle, source);
  for (guint i = 0; i < charts->len; i++)
    repere_document_add_chart (doc, g_ptr_array_steal_index (charts, i--));
  return doc;
}

/**
 * repere_print_charts_to_pdf:
 * @kinds: (array length=n_kinds): the views, each from a new page
 * @filter: the jobs the views show (as `repere-cli jobs` takes them)
 * @other_assessment: (nullable): the evolution's compared assessment
 * @setup: paper, orientation, margins and font size
 * @path: the PDF file to write
 * @error: #RepereDbError, %REPERE_PRINT_ERROR_WRITE naming @path
 *
 * repere_print_charts_new() then repere_document_write_pdf(): the pages of
 * the print dialog.
 */
gboolean
repere_print_charts_to_pdf (RepereDb *db, const RepereChartKind *kinds, guint n_kinds, const RepereJobFilter *filter,
                            const char *other_assessment, const ReperePageSetup *setup, const char *path,
                            GError **error)
{
  g_autoptr (RepereDocument) doc = repere_print_charts_new (db, kinds, n_kinds, filter, other_assessment, error);

  if (doc == NULL)
    return FALSE;
  return repere_document_write_pdf (doc, setup, path, error);
}
