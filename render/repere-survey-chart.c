/* repere-survey-chart.c: a question of the consultation as a bar of 100 %
 * of the respondents, in the study's manner (section 2.2)
 *
 * The study's charts are not in its text: only the shares its analyses
 * state are known. Those are drawn in the options' order; what they leave of
 * the 100 % is drawn hatched, as the part the study does not attribute (it
 * may belong to one or several unpublished options). A share the study gives
 * in words ("la moitié") is marked "≈". Nothing is drawn where no share is
 * published.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-survey-chart.h"

#include <glib/gi18n.h>
#include <math.h>

/* Sequential blues of the GNOME palette, light to dark: the options go from
 * the least to the most advanced practice. */
static const char *const palette[] = { "#99c1f1", "#62a0ea", "#3584e4", "#1c71d8", "#1a5fb4" };
/* "Je ne sais pas". */
#define NEUTRAL_COLOUR "#9a9996"

typedef struct
{
  cairo_t *cr;
  const RepereRenderStyle *style;
  gboolean draw;
  double width;
} Pass;

static double
put_text (Pass *p, const char *text, double x, double y, double w, double scale,
          RepereTextFlags flags, const double rgb[3])
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, w, scale, flags);
  double h = repere_render_layout_height (layout);

  if (p->draw)
    repere_render_show (p->cr, layout, x, y, rgb);
  return h;
}

static double
text_width (Pass *p, const char *text, double scale, RepereTextFlags flags)
{
  g_autoptr (PangoLayout) layout = repere_render_layout (p->cr, p->style, text, -1, scale, flags);
  return repere_render_layout_width (layout);
}

/**
 * repere_survey_chart_option_colour:
 * @index: the option's index in @question->options
 * @rgb: (out): its colour, components 0–1
 *
 * The colour of an option's segment and swatch: blues from light to dark in
 * the options' order, grey for "Je ne sais pas".
 */
void
repere_survey_chart_option_colour (const RepereSurveyQuestion *question, guint index,
                                   const RepereRenderStyle *style, double rgb[3])
{
  const RepereSurveyOption *option = g_ptr_array_index (question->options, index);
  guint n = 0, rank = 0;

  if (option->dont_know)
    {
      repere_render_parse_colour (NEUTRAL_COLOUR, rgb);
      return;
    }
  for (guint i = 0; i < question->options->len; i++)
    {
      const RepereSurveyOption *other = g_ptr_array_index (question->options, i);
      if (other->dont_know)
        continue;
      if (i < index)
        rank++;
      n++;
    }
  repere_render_parse_colour (palette[n > 1 ? (guint) lround (rank * 4.0 / (n - 1)) : 2], rgb);
}

/* The part of the respondents the published shares leave, in percent; 0
 * when they reach 100 (or more, by rounding). */
static double
unattributed (const RepereSurveyQuestion *question)
{
  double rest = 100 - repere_survey_question_published_total (question);
  return rest > 0.5 ? rest : 0;
}

/* Diagonal hatching over a light fill: the part the study does not
 * attribute. */
static void
hatch (Pass *p, double x, double y, double w, double h)
{
  double step = p->style->font_size * 0.45;

  if (!p->draw || w <= 0 || h <= 0)
    return;
  cairo_save (p->cr);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_clip_preserve (p->cr);
  repere_render_set_rgba (p->cr, p->style->grid, 0.45);
  cairo_fill (p->cr);
  repere_render_set_rgb (p->cr, p->style->muted);
  cairo_set_line_width (p->cr, MAX (0.6, p->style->font_size * 0.06));
  for (double d = -h; d < w; d += step)
    {
      cairo_move_to (p->cr, x + d, y + h);
      cairo_line_to (p->cr, x + d + h, y);
    }
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

static void
fill (Pass *p, double x, double y, double w, double h, const double rgb[3])
{
  if (!p->draw || w <= 0 || h <= 0)
    return;
  repere_render_set_rgb (p->cr, rgb);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_fill (p->cr);
}

static void
outline (Pass *p, double x, double y, double w, double h)
{
  if (!p->draw)
    return;
  repere_render_set_rgb (p->cr, p->style->grid);
  cairo_set_line_width (p->cr, 1);
  cairo_rectangle (p->cr, x + 0.5, y + 0.5, w - 1, h - 1);
  cairo_stroke (p->cr);
}

static char *
format_rest (double rest)
{
  /* Translators: a share in percent; French puts a no-break space before % */
  return g_strdup_printf (_ ("%d%%"), (int) lround (rest));
}

/* The bar: a segment per published share, then the unattributed part. */
static double
render_bar (Pass *p, const RepereSurveyQuestion *q, double y)
{
  const RepereRenderStyle *style = p->style;
  double size = style->font_size;
  g_autoptr (PangoLayout) probe
      = repere_render_layout (p->cr, style, "Ag", -1, 1.0, REPERE_TEXT_BOLD);
  double line = repere_render_layout_height (probe);
  double bar_h = line * 2.0;
  double total = repere_survey_question_published_total (q);
  double scale = MAX (100, total);
  double rest = unattributed (q);
  double x = 0;

  for (guint i = 0; i < q->options->len; i++)
    {
      const RepereSurveyOption *option = g_ptr_array_index (q->options, i);
      double w, rgb[3], ink[3];
      g_autofree char *label = NULL;

      if (isnan (option->share) || option->share <= 0)
        continue;
      w = p->width * option->share / scale;
      repere_survey_chart_option_colour (q, i, style, rgb);
      fill (p, x, y, w, bar_h, rgb);
      label = repere_survey_option_format_share (option);
      if (text_width (p, label, 1.0, REPERE_TEXT_BOLD) + size * 0.4 <= w)
        {
          repere_render_readable_on (rgb, ink);
          put_text (p, label, x, y + (bar_h - line) / 2, w, 1.0,
                    REPERE_TEXT_BOLD | REPERE_TEXT_CENTER, ink);
        }
      x += w;
      /* A hairline of the background between two segments. */
      if (p->draw && x < p->width - 0.5)
        {
          repere_render_set_rgb (p->cr, style->background);
          cairo_set_line_width (p->cr, MAX (1, size * 0.1));
          cairo_move_to (p->cr, x, y);
          cairo_line_to (p->cr, x, y + bar_h);
          cairo_stroke (p->cr);
        }
    }
  if (rest > 0)
    {
      double w = p->width * rest / scale;
      /* Nothing published (2.2.1): the whole bar says so. */
      g_autofree char *label = total > 0 ? format_rest (rest) : g_strdup (_ ("not published"));

      hatch (p, x, y, w, bar_h);
      if (text_width (p, label, 1.0, REPERE_TEXT_ITALIC) + size * 0.6 <= w)
        {
          double pad = size * 0.2;
          double tw = text_width (p, label, 1.0, REPERE_TEXT_ITALIC);
          fill (p, x + (w - tw) / 2 - pad, y + (bar_h - line) / 2, tw + 2 * pad, line,
                style->background);
          put_text (p, label, x, y + (bar_h - line) / 2, w, 1.0,
                    REPERE_TEXT_ITALIC | REPERE_TEXT_CENTER, style->foreground);
        }
    }
  outline (p, 0, y, p->width, bar_h);
  return y + bar_h;
}

/* One row of the legend: a swatch (hatched when @rgb is NULL), the text,
 * the value on the right. */
static double
legend_row (Pass *p, double y, const double *rgb, gboolean hatched, const char *text,
            const char *value, gboolean value_muted, double value_w)
{
  double size = p->style->font_size;
  double box = size * 0.9;
  double text_x = box + size * 0.6;
  double text_w = p->width - text_x - value_w - size * 0.8;
  double h = put_text (p, text, text_x, y, text_w, 1.0, 0, p->style->foreground);
  g_autoptr (PangoLayout) probe = repere_render_layout (p->cr, p->style, "Ag", -1, 1.0, 0);
  double line = repere_render_layout_height (probe);

  if (hatched)
    {
      hatch (p, 0, y + (line - box) / 2, box, box);
      outline (p, 0, y + (line - box) / 2, box, box);
    }
  else if (rgb)
    fill (p, 0, y + (line - box) / 2, box, box, rgb);
  else
    outline (p, 0, y + (line - box) / 2, box, box);
  put_text (p, value, p->width - value_w, y, value_w, 1.0,
            REPERE_TEXT_RIGHT | (value_muted ? REPERE_TEXT_ITALIC : REPERE_TEXT_BOLD),
            value_muted ? p->style->muted : p->style->foreground);
  return y + MAX (h, line);
}

static double
render (Pass *p, const RepereSurveyQuestion *q, RepereSurveyChartFlags flags)
{
  const RepereRenderStyle *style = p->style;
  double size = style->font_size;
  double y = 0;
  double value_w = 0;
  double rest = unattributed (q);
  double total = repere_survey_question_published_total (q);
  gboolean inexact = FALSE;
  g_autoptr (GString) notes = g_string_new (NULL);

  if (flags & REPERE_SURVEY_CHART_TITLE)
    {
      /* Translators: a survey chart's title: section ("2.2.3"), theme */
      g_autofree char *title = g_strdup_printf (_ ("%s · %s"), q->source, q->theme);
      y += put_text (p, title, 0, y, p->width, 1.25, REPERE_TEXT_BOLD, style->foreground);
      y += size * 0.2;
    }
  if (flags & (REPERE_SURVEY_CHART_TITLE | REPERE_SURVEY_CHART_QUESTION))
    {
      y += put_text (p, q->question, 0, y, p->width, 1.0, REPERE_TEXT_ITALIC, style->foreground);
      y += size * 0.8;
    }
  y = render_bar (p, q, y);
  y += size * 0.9;

  /* The options, their colour and share: the chart's table of values. */
  for (guint i = 0; i < q->options->len; i++)
    {
      const RepereSurveyOption *option = g_ptr_array_index (q->options, i);
      g_autofree char *value = repere_survey_option_format_share (option);
      RepereTextFlags vflags = isnan (option->share) ? REPERE_TEXT_ITALIC : REPERE_TEXT_BOLD;
      value_w = MAX (value_w, text_width (p, value, 1.0, vflags));
      inexact |= !isnan (option->share) && !option->exact;
    }
  if (rest > 0)
    {
      g_autofree char *value = format_rest (rest);
      value_w = MAX (value_w, text_width (p, value, 1.0, REPERE_TEXT_ITALIC));
    }
  for (guint i = 0; i < q->options->len; i++)
    {
      const RepereSurveyOption *option = g_ptr_array_index (q->options, i);
      g_autofree char *value = repere_survey_option_format_share (option);
      double rgb[3];

      repere_survey_chart_option_colour (q, i, style, rgb);
      /* An option without a share has no segment: an empty swatch. */
      y = legend_row (p, y, isnan (option->share) ? NULL : rgb, FALSE, option->label, value,
                      isnan (option->share), value_w);
      y += size * 0.45;
    }
  if (rest > 0 && total > 0)
    {
      g_autofree char *value = format_rest (rest);
      y = legend_row (p, y, NULL, TRUE, _ ("Respondents the study does not attribute to an option"),
                      value, TRUE, value_w);
      y += size * 0.45;
    }

  /* The study's caption and what the chart cannot show. */
  if (*q->caption)
    g_string_append_printf (notes, "%s. ", q->caption);
  if (inexact)
    g_string_append (notes, _ ("≈: a share the study gives in words (“la moitié”, “un tiers”). "));
  if (total > 100.5)
    {
      g_autofree char *sum = format_rest (total);
      g_string_append_printf (
          notes, _ ("The published shares add up to %s (the study’s rounding). "), sum);
    }
  /* Translators: %s is the section, "2.2.3" */
  g_string_append_printf (notes, _ ("Source: the study, section %s."), q->source);
  y += size * 0.3;
  y += put_text (p, notes->str, 0, y, p->width, 0.85, 0, style->muted);
  return y;
}

/**
 * repere_survey_chart_get_height:
 * @question: a question of repere_study_list_survey()
 * @flags: #RepereSurveyChartFlags
 * @cr: a context of the target surface (for text metrics)
 * @style: colours and body size (points for print and PDF, pixels on screen)
 * @width: the chart's width, same units
 *
 * Returns: the height repere_survey_chart_draw() needs at @width
 */
double
repere_survey_chart_get_height (const RepereSurveyQuestion *question, RepereSurveyChartFlags flags,
                                cairo_t *cr, const RepereRenderStyle *style, double width)
{
  Pass p = { cr, style, FALSE, width };
  return render (&p, question, flags);
}

/**
 * repere_survey_chart_draw:
 * @question: a question of repere_study_list_survey()
 * @flags: #RepereSurveyChartFlags
 * @cr: the target, origin at the chart's top-left corner
 * @style: colours and body size
 * @width: the chart's width; it is as tall as
 *   repere_survey_chart_get_height() says
 *
 * Draws the bar of the respondents' answers (the published shares in the
 * options' order, then the part the study does not attribute, hatched), the
 * options with their colour and share as published ("45 %", "≈ 50 %" for a
 * share given in words, "not published"), the study's caption and source.
 * No background: the caller paints it.
 */
void
repere_survey_chart_draw (const RepereSurveyQuestion *question, RepereSurveyChartFlags flags,
                          cairo_t *cr, const RepereRenderStyle *style, double width)
{
  Pass p = { cr, style, TRUE, width };

  cairo_save (cr);
  render (&p, question, flags);
  cairo_restore (cr);
}

/**
 * repere_survey_chart_describe:
 * @question: a question of repere_study_list_survey()
 *
 * The chart in words, for assistive technologies (the accessible
 * description of the window's chart) and anyone who cannot see it: the
 * question, then each option with its share as published, then the part the
 * study does not attribute.
 *
 * Returns: (transfer full): translated text
 */
char *
repere_survey_chart_describe (const RepereSurveyQuestion *question)
{
  GString *text = g_string_new (NULL);
  double rest = unattributed (question);

  /* Translators: the chart's description: section, theme, question */
  g_string_append_printf (text, _ ("Section %s, %s: %s"), question->source, question->theme,
                          question->question);
  g_string_append (text, " ");
  g_string_append (text, _ ("Share of the respondents for each answer:"));
  for (guint i = 0; i < question->options->len; i++)
    {
      const RepereSurveyOption *option = g_ptr_array_index (question->options, i);
      g_autofree char *value = repere_survey_option_format_share (option);
      /* Translators: an answer and its share in the chart's description */
      g_string_append_printf (text, _ (" “%s”: %s;"), option->label, value);
    }
  if (rest > 0 && rest < 99.5)
    {
      g_autofree char *value = format_rest (rest);
      g_string_append_printf (text, _ (" not attributed to an option by the study: %s;"), value);
    }
  if (text->str[text->len - 1] == ';')
    text->str[text->len - 1] = '.';
  return g_string_free (text, FALSE);
}

/* Several questions, one under the other, with their titles, inside a
 * margin of the body size: what `repere-cli survey --output` writes. */
static double
stack_height (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  GPtrArray *questions = data;
  double m = style->font_size;
  double h = m;

  for (guint i = 0; i < questions->len; i++)
    h += repere_survey_chart_get_height (g_ptr_array_index (questions, i),
                                         REPERE_SURVEY_CHART_TITLE, cr, style, width - 2 * m)
         + (i + 1 < questions->len ? 2.5 * m : m);
  return h;
}

static void
stack_draw (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, double height)
{
  GPtrArray *questions = data;
  double m = style->font_size;
  double y = m;

  repere_render_set_rgb (cr, style->background);
  cairo_paint (cr);
  for (guint i = 0; i < questions->len; i++)
    {
      const RepereSurveyQuestion *q = g_ptr_array_index (questions, i);
      double h
          = repere_survey_chart_get_height (q, REPERE_SURVEY_CHART_TITLE, cr, style, width - 2 * m);

      cairo_save (cr);
      cairo_translate (cr, m, y);
      repere_survey_chart_draw (q, REPERE_SURVEY_CHART_TITLE, cr, style, width - 2 * m);
      cairo_restore (cr);
      y += h + 2.5 * m;
      if (i + 1 < questions->len && y - 1.25 * m < height)
        {
          repere_render_set_rgb (cr, style->grid);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, m, floor (y - 1.25 * m) + 0.5);
          cairo_line_to (cr, width - m, floor (y - 1.25 * m) + 0.5);
          cairo_stroke (cr);
        }
    }
}

/**
 * repere_survey_chart_export:
 * @questions: (element-type RepereSurveyQuestion): the questions to draw,
 *   one under the other, each with its section, theme and question
 * @path: a .png (at twice @width), .svg or .pdf file
 * @style: colours and body size (pixels for PNG, points otherwise)
 * @width: in pixels (PNG) or points
 * @error: #RepereChartError naming @path
 *
 * Writes the charts through repere_render_export_drawing(): an existing file
 * is replaced only once the new one is complete.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_survey_chart_export (GPtrArray *questions, const char *path, const RepereRenderStyle *style,
                            double width, GError **error)
{
  g_return_val_if_fail (questions != NULL && questions->len > 0, FALSE);
  return repere_render_export_drawing (path, stack_height, stack_draw, questions, style, width,
                                       error);
}
