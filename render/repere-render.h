/* repere-render.h: what the charts, the printed lists and the job sheets
 * share: colours for light and dark backgrounds, and text layout with pango.
 * No GTK: the same drawing code serves the window, the print dialog and
 * `repere-cli` (PDF, SVG, PNG).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/**
 * RepereRenderStyle:
 * @dark: draw light text on a dark background (GTK dark mode)
 * @font_family: pango family list, e.g. "Cantarell, DejaVu Sans, sans-serif"
 * @font_size: body text size, in the units of the target surface: points
 *   for PDF, SVG and print (1 pt = 1/72 in), pixels on screen
 * @background, @foreground, @muted, @grid, @accent: RGB components 0–1;
 *   @muted is secondary text, @grid rules and axes, @accent the core-job mark
 *   (the study's orange heart)
 */
typedef struct
{
  gboolean dark;
  const char *font_family;
  double font_size;
  double background[3];
  double foreground[3];
  double muted[3];
  double grid[3];
  double accent[3];
} RepereRenderStyle;

void repere_render_style_init (RepereRenderStyle *style, gboolean dark, double font_size);

gboolean repere_render_parse_colour (const char *text, double rgb[3]);
void repere_render_set_rgb (cairo_t *cr, const double rgb[3]);
void repere_render_set_rgba (cairo_t *cr, const double rgb[3], double alpha);
void repere_render_readable_on (const double background[3], double rgb[3]);

/**
 * RepereTextFlags:
 * @REPERE_TEXT_BOLD: bold weight
 * @REPERE_TEXT_ITALIC: italic style
 * @REPERE_TEXT_MARKUP: @text is pango markup, not plain text
 * @REPERE_TEXT_ELLIPSIZE: one line, ellipsized at the end when too wide
 *   (otherwise the text wraps at word boundaries)
 * @REPERE_TEXT_RIGHT: right-aligned within the width
 * @REPERE_TEXT_CENTER: centred within the width
 */
typedef enum
{
  REPERE_TEXT_BOLD = 1 << 0,
  REPERE_TEXT_ITALIC = 1 << 1,
  REPERE_TEXT_MARKUP = 1 << 2,
  REPERE_TEXT_ELLIPSIZE = 1 << 3,
  REPERE_TEXT_RIGHT = 1 << 4,
  REPERE_TEXT_CENTER = 1 << 5,
} RepereTextFlags;

PangoLayout *repere_render_layout (cairo_t *cr, const RepereRenderStyle *style, const char *text, double width,
                                   double scale, RepereTextFlags flags);
double repere_render_layout_height (PangoLayout *layout);
double repere_render_layout_width (PangoLayout *layout);
void repere_render_show (cairo_t *cr, PangoLayout *layout, double x, double y, const double rgb[3]);

/**
 * RepereRenderSink:
 * @stream: the replacement file being written (GIO writes a temporary file
 *   beside the target and renames it on success)
 * @error: the first write error, or %NULL
 * @path: the target
 * @existed: whether the target existed before (GIO writes a new file in
 *   place, so a failed one is removed)
 *
 * Where cairo's PDF, SVG and PNG stream functions write: a file that
 * replaces its target only once complete, so that a failed export leaves an
 * existing file as it was.
 */
typedef struct
{
  GOutputStream *stream;
  GError *error;
  char *path;
  gboolean existed;
} RepereRenderSink;

gboolean repere_render_sink_open (RepereRenderSink *sink, const char *path, GError **error);
cairo_status_t repere_render_sink_write (void *closure, const unsigned char *data, unsigned int length);
gboolean repere_render_sink_close (RepereRenderSink *sink, cairo_status_t status, GError **error);

G_END_DECLS
