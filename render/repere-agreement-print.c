/* repere-agreement-print.c: the consolidation report as a printed document
 *
 * The same document for the print dialog and PDF files as the other views
 * (render/repere-print.c): the page header names the assessment, the rule
 * and the overall agreement; a table of the jobs with their ordinal
 * Krippendorff's alpha; then every competency, contested first, with each
 * rater's level, the median, the spread and the assessment's level. Table
 * rows are never split and the column header is repeated on every page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-agreement-print.h"

#include <glib/gi18n.h>
#include <math.h>

/* A table of text cells: the first @wide columns share the width left by
 * the others, which are as wide as their widest cell. */
typedef struct
{
  guint n_columns;
  guint wide;
  GPtrArray *rows; /* char** (n_columns cells), the header first */
  double width;    /* width the columns were computed for */
  double font_size;
  double *x;
  double *w;
} Table;

typedef struct
{
  Table *table;
  guint index; /* in table->rows; 0 is the header */
  gboolean contested;
} Row;

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table->x);
  g_free (table->w);
  g_free (table);
}

static Table *
table_new (guint n_columns, guint wide)
{
  Table *table = g_new0 (Table, 1);
  table->n_columns = n_columns;
  table->wide = wide;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->x = g_new0 (double, n_columns);
  table->w = g_new0 (double, n_columns);
  return table;
}

static void
layout_columns (Table *table, cairo_t *cr, const RepereRenderStyle *style, double width)
{
  double gap = 0.8 * style->font_size, left = width;

  if (table->width == width && table->font_size == style->font_size)
    return;
  table->width = width;
  table->font_size = style->font_size;
  for (guint c = table->wide; c < table->n_columns; c++)
    {
      double widest = 0;
      for (guint r = 0; r < table->rows->len; r++)
        {
          char **cells = g_ptr_array_index (table->rows, r);
          /* Titles (a rater's name) may wrap between words: as wide as
           * their longest word, or the figures under them. */
          g_auto (GStrv) words = g_strsplit (cells[c], r == 0 ? " " : "\x01", -1);
          for (guint w = 0; words[w]; w++)
            {
              g_autoptr (PangoLayout) layout = repere_render_layout (cr, style, words[w], -1, 1.0,
                                                                     r == 0 ? REPERE_TEXT_BOLD : 0);
              widest = MAX (widest, repere_render_layout_width (layout));
            }
        }
      table->w[c] = MIN (widest + gap, width / 6);
      left -= table->w[c];
    }
  /* The wide columns: the job two fifths, the competency the rest (or
   * all). */
  for (guint c = 0; c < table->wide; c++)
    table->w[c] = table->wide == 1 ? left
                  : c == 0         ? left * 2 / 5
                                   : left * 3 / 5 / (table->wide - 1);
  for (guint c = 0; c < table->n_columns; c++)
    table->x[c] = c == 0 ? 0 : table->x[c - 1] + table->w[c - 1];
}

static double
draw_row (Row *row, cairo_t *cr, const RepereRenderStyle *style, double width, gboolean draw)
{
  Table *table = row->table;
  char **cells = g_ptr_array_index (table->rows, row->index);
  gboolean header = row->index == 0;
  double pad = 0.35 * style->font_size, gap = 0.8 * style->font_size, height = 0;
  g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);

  layout_columns (table, cr, style, width);
  for (guint c = 0; c < table->n_columns; c++)
    {
      RepereTextFlags flags
          = (header || (row->contested && c >= table->wide) ? REPERE_TEXT_BOLD : 0)
            | (c >= table->wide ? REPERE_TEXT_RIGHT : 0);
      PangoLayout *layout
          = repere_render_layout (cr, style, cells[c], table->w[c] - gap, 1.0, flags);
      height = MAX (height, repere_render_layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * pad;
  if (!draw)
    return height;
  for (guint c = 0; c < table->n_columns; c++)
    repere_render_show (cr, g_ptr_array_index (layouts, c), table->x[c] + gap / 2, pad,
                        header ? style->muted : style->foreground);
  cairo_save (cr);
  repere_render_set_rgb (cr, header ? style->foreground : style->grid);
  cairo_set_line_width (cr, header ? 0.8 : 0.4);
  cairo_move_to (cr, 0, height - 0.4);
  cairo_line_to (cr, table->width, height - 0.4);
  cairo_stroke (cr);
  cairo_restore (cr);
  return height;
}

static double
row_measure (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width,
             GArray *breaks)
{
  return draw_row (data, cr, style, width, FALSE);
}

static void
row_draw (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width, double from,
          double to)
{
  draw_row (data, cr, style, width, TRUE);
}

/* The header row owns the table. */
static void
row_free (gpointer data)
{
  Row *row = data;
  if (row->index == 0)
    table_free (row->table);
  g_free (row);
}

static const RepereBlockClass row_class = { row_measure, row_draw, row_free };

static void
add_table (RepereDocument *doc, Table *table, GArray *contested)
{
  Row *header = g_new0 (Row, 1);
  gpointer header_block;

  header->table = table;
  header_block = repere_document_add_header (doc, &row_class, header);
  for (guint r = 1; r < table->rows->len; r++)
    {
      Row *row = g_new0 (Row, 1);
      row->table = table;
      row->index = r;
      row->contested = contested && g_array_index (contested, gboolean, r - 1);
      repere_document_add_block_under (doc, &row_class, row, r == 1 ? 0.6 : 0, header_block);
    }
}

/**
 * repere_print_agreement_new:
 * @agreement: a report of repere_agreement_compute()
 *
 * Returns: (transfer full): the report as a document to paginate and draw
 *   (print dialog, PDF)
 */
RepereDocument *
repere_print_agreement_new (const RepereAgreement *agreement)
{
  g_autofree char *title
      = g_strdup_printf (_ ("Agreement between raters — %s"), agreement->assessment_name);
  g_autofree char *rule = repere_rule_describe (&agreement->rule);
  g_autofree char *alpha = repere_agreement_format_alpha_text (agreement->alpha);
  g_autofree char *subtitle = NULL;
  RepereDocument *doc;
  Table *jobs = table_new (4, 1);
  Table *rows = table_new (agreement->raters->len + 5, 2);
  g_autoptr (GArray) contested = g_array_new (FALSE, FALSE, sizeof (gboolean));

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u rater · %u competencies, %u contested · overall "
                                           "alpha (ordinal) %s · the assessment’s "
                                           "levels: %s",
                                           "%u raters · %u competencies, %u contested · overall "
                                           "alpha (ordinal) %s · the assessment’s "
                                           "levels: %s",
                                           agreement->raters->len),
                              agreement->raters->len, agreement->units, agreement->contested, alpha,
                              rule);
  doc = repere_document_new (title, subtitle, agreement->assessment_name);
  repere_document_add_paragraph (
      doc,
      _ ("Krippendorff’s alpha for ordinal data, from the coincidence matrix of the "
         "raters’ levels: 1 is full agreement, 0 agreement by chance; at least 0.8 is "
         "usually taken as reliable, 0.667 as the lowest for tentative conclusions. A "
         "competency is contested when two raters’ levels are two or more apart."),
      0, 0);

  repere_document_add_heading (doc, _ ("Agreement by job"));
  {
    char **header = g_new0 (char *, 5);
    header[0] = g_strdup (_ ("Job"));
    header[1] = g_strdup (_ ("Alpha"));
    header[2] = g_strdup (_ ("Competencies"));
    header[3] = g_strdup (_ ("Contested"));
    g_ptr_array_add (jobs->rows, header);
  }
  for (guint j = 0; j < agreement->jobs->len; j++)
    {
      RepereAgreementJob *job = g_ptr_array_index (agreement->jobs, j);
      char **cells = g_new0 (char *, 5);
      cells[0] = g_strdup (job->job_name);
      cells[1] = repere_agreement_format_alpha_text (job->alpha);
      cells[2] = g_strdup_printf ("%u", job->units);
      cells[3] = g_strdup_printf ("%u", job->contested);
      g_ptr_array_add (jobs->rows, cells);
    }
  add_table (doc, jobs, NULL);

  repere_document_add_heading (doc, _ ("Competencies, contested first"));
  {
    guint n = agreement->raters->len + 5, c = 0;
    char **header = g_new0 (char *, n + 1);
    header[c++] = g_strdup (_ ("Job"));
    header[c++] = g_strdup (_ ("Competency"));
    for (guint k = 0; k < agreement->raters->len; k++)
      header[c++] = g_strdup (g_ptr_array_index (agreement->raters, k));
    header[c++] = g_strdup (_ ("Median"));
    header[c++] = g_strdup (_ ("Spread"));
    header[c++] = g_strdup (_ ("Level"));
    g_ptr_array_add (rows->rows, header);
  }
  for (guint i = 0; i < agreement->rows->len; i++)
    {
      RepereAgreementRow *row = g_ptr_array_index (agreement->rows, i);
      guint n = agreement->raters->len + 5, c = 0;
      char **cells = g_new0 (char *, n + 1);
      g_autofree char *median = repere_agreement_format_median (row->median);
      g_auto (GStrv) parts = g_strsplit (median, ".", 2);

      cells[c++] = g_strdup (row->job_name);
      cells[c++] = g_strdup (row->label);
      for (guint k = 0; k < agreement->raters->len; k++)
        cells[c++] = row->levels[k] ? g_strdup_printf ("%d", row->levels[k]) : g_strdup ("—");
      /* TRANSLATORS: the decimal separator of printed scores: "," in French */
      cells[c++] = g_strjoinv (C_ ("decimal separator", "."), parts);
      cells[c++] = g_strdup_printf ("%d", row->spread);
      cells[c++] = g_strdup_printf ("%d", row->level);
      g_ptr_array_add (rows->rows, cells);
      g_array_append_val (contested, row->contested);
    }
  add_table (doc, rows, contested);
  return doc;
}

/**
 * repere_print_agreement_to_pdf:
 * @job_ids: (nullable) (array zero-terminated=1): the jobs, %NULL for all
 * @setup: paper, orientation, margins and font size
 * @path: the PDF file to write (replaced only once complete)
 * @error: #RepereDbError, %REPERE_PRINT_ERROR_WRITE
 *
 * Returns: %TRUE on success
 */
gboolean
repere_print_agreement_to_pdf (RepereDb *db, const char *assessment_id, const char *const *job_ids,
                               const ReperePageSetup *setup, const char *path, GError **error)
{
  g_autoptr (RepereAgreement) agreement
      = repere_agreement_compute (db, assessment_id, job_ids, error);
  g_autoptr (RepereDocument) doc = NULL;

  if (agreement == NULL)
    return FALSE;
  doc = repere_print_agreement_new (agreement);
  return repere_document_write_pdf (doc, setup, path, error);
}
