/* repere-render.c: colours and text layout shared by charts and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-render.h"

#include <glib/gstdio.h>
#include <string.h>

static void
set3 (double dst[3], double r, double g, double b)
{
  dst[0] = r;
  dst[1] = g;
  dst[2] = b;
}

/**
 * repere_render_style_init:
 * @style: (out caller-allocates): the style to fill
 * @dark: %TRUE for light text on a dark background
 * @font_size: body text size in surface units (points for PDF and print,
 *   pixels on screen), > 0
 *
 * Fills @style with the GNOME palette: libadwaita's window colours for the
 * background and text (#ffffff / #242424), and #e66100 (light) or #ffa348
 * (dark) for the core-job heart, as in the window's style.css.
 */
void
repere_render_style_init (RepereRenderStyle *style, gboolean dark, double font_size)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (font_size > 0);

  memset (style, 0, sizeof *style);
  style->dark = dark;
  style->font_family = "Cantarell, DejaVu Sans, sans-serif";
  style->font_size = font_size;
  if (dark)
    {
      set3 (style->background, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
      set3 (style->foreground, 1, 1, 1);
      set3 (style->muted, 0.70, 0.70, 0.70);
      set3 (style->grid, 0.35, 0.35, 0.35);
      set3 (style->accent, 0xff / 255.0, 0xa3 / 255.0, 0x48 / 255.0);
    }
  else
    {
      set3 (style->background, 1, 1, 1);
      set3 (style->foreground, 0.12, 0.12, 0.12);
      set3 (style->muted, 0.40, 0.40, 0.40);
      set3 (style->grid, 0.82, 0.82, 0.82);
      set3 (style->accent, 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0);
    }
}

/**
 * repere_render_parse_colour:
 * @text: "#rrggbb", as stored in classification.colour and
 *   exposure_level.colour (the study's palette, 3.2.1)
 * @rgb: (out): components 0–1
 *
 * Returns: %FALSE, leaving @rgb untouched, when @text is not "#rrggbb".
 */
gboolean
repere_render_parse_colour (const char *text, double rgb[3])
{
  unsigned int r, g, b;
  char tail;

  if (text == NULL || strlen (text) != 7 || sscanf (text, "#%2x%2x%2x%c", &r, &g, &b, &tail) != 3)
    return FALSE;
  set3 (rgb, r / 255.0, g / 255.0, b / 255.0);
  return TRUE;
}

void
repere_render_set_rgb (cairo_t *cr, const double rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

void
repere_render_set_rgba (cairo_t *cr, const double rgb[3], double alpha)
{
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
}

/**
 * repere_render_readable_on:
 * @background: a fill colour, components 0–1
 * @rgb: (out): black or white, whichever contrasts more with @background
 *   (relative luminance of WCAG 2.1, threshold 0.40)
 */
void
repere_render_readable_on (const double background[3], double rgb[3])
{
  double luminance = 0.2126 * background[0] + 0.7152 * background[1] + 0.0722 * background[2];

  if (luminance > 0.40)
    set3 (rgb, 0, 0, 0);
  else
    set3 (rgb, 1, 1, 1);
}

/**
 * repere_render_layout:
 * @cr: the target; the layout follows its font options and resolution
 * @style: family and body size
 * @text: UTF-8 text, or pango markup with %REPERE_TEXT_MARKUP
 * @width: wrap or ellipsize width in surface units; <= 0 for no limit
 * @scale: size relative to the body text (1.0 body, 1.3 a title)
 * @flags: #RepereTextFlags
 *
 * Returns: (transfer full): a layout ready for repere_render_show()
 */
PangoLayout *
repere_render_layout (cairo_t *cr, const RepereRenderStyle *style, const char *text, double width, double scale,
                      RepereTextFlags flags)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font_family);

  /* Sizes in surface units whatever the target's resolution. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  if (flags & REPERE_TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & REPERE_TEXT_ITALIC)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (flags & REPERE_TEXT_ELLIPSIZE)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  else
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (flags & REPERE_TEXT_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  else if (flags & REPERE_TEXT_CENTER)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);

  if (flags & REPERE_TEXT_MARKUP)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Logical height of @layout, in surface units. */
double
repere_render_layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Logical width of @layout's longest line, in surface units. */
double
repere_render_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Draws @layout with its top-left corner at (@x, @y) in @rgb. */
void
repere_render_show (cairo_t *cr, PangoLayout *layout, double x, double y, const double rgb[3])
{
  cairo_save (cr);
  repere_render_set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * repere_render_sink_open:
 * @sink: (out caller-allocates): the sink to open
 * @path: the file to write; replaced only by repere_render_sink_close()
 *   when everything was written
 * @error: a #GIOError when the folder cannot take the file
 *
 * Returns: %TRUE when @sink is ready for cairo's *_for_stream functions
 *   with repere_render_sink_write()
 */
gboolean
repere_render_sink_open (RepereRenderSink *sink, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  sink->error = NULL;
  sink->existed = g_file_test (path, G_FILE_TEST_EXISTS);
  sink->stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error));
  sink->path = sink->stream ? g_strdup (path) : NULL;
  return sink->stream != NULL;
}

/* A cairo_write_func_t writing to @closure, a RepereRenderSink. */
cairo_status_t
repere_render_sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  RepereRenderSink *sink = closure;

  if (sink->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * repere_render_sink_close:
 * @sink: an open sink
 * @status: cairo's status once the surface is finished
 * @error: the first write error, or cairo's when @status is not success
 *
 * Commits the file when everything was written; otherwise drops it and
 * leaves the target as it was. Frees @sink's stream either way.
 *
 * Returns: %TRUE when the target now holds the new content
 */
gboolean
repere_render_sink_close (RepereRenderSink *sink, cairo_status_t status, GError **error)
{
  if (sink->error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error_literal (&sink->error, G_IO_ERROR, G_IO_ERROR_FAILED, cairo_status_to_string (status));
  if (sink->error == NULL)
    g_output_stream_close (sink->stream, NULL, &sink->error);
  else
    {
      /* Closing a replace stream cancelled keeps the old file. */
      g_autoptr (GCancellable) cancel = g_cancellable_new ();
      g_cancellable_cancel (cancel);
      g_output_stream_close (sink->stream, cancel, NULL);
      /* A file that did not exist was written in place: remove the part. */
      if (!sink->existed)
        g_unlink (sink->path);
    }
  g_clear_object (&sink->stream);
  g_clear_pointer (&sink->path, g_free);
  if (sink->error)
    {
      g_propagate_error (error, sink->error);
      sink->error = NULL;
      return FALSE;
    }
  return TRUE;
}
