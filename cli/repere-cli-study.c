/* repere-cli-study.c: `repere-cli survey`, `repere-cli study`, `print
 * --survey|--study`, `export --survey` and the fiche notes of `show`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-cli-study.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "repere-study-print.h"
#include "repere-study.h"
#include "repere-survey-chart.h"

/* Default width of an exported chart: pixels for PNG, points otherwise. */
#define DEFAULT_WIDTH 720

/* Rows of a table as TSV (tabs and line breaks in a field become spaces) or
 * CSV (RFC 4180, ','). */
typedef struct
{
  GString *out;
  gboolean csv;
  guint column;
} Table;

static void
field (Table *t, const char *value)
{
  if (t->column++ > 0)
    g_string_append_c (t->out, t->csv ? ',' : '\t');
  if (t->csv)
    repere_export_csv_field (t->out, value ? value : "", ',');
  else
    for (const char *p = value ? value : ""; *p; p++)
      g_string_append_c (t->out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
int_field (Table *t, int value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);
  field (t, text);
}

static void
end_row (Table *t)
{
  g_string_append_c (t->out, '\n');
  t->column = 0;
}

/* Writes @t and frees its text; fails on a full disk or closed pipe. */
static gboolean
flush_table (Table *t, GError **error)
{
  gboolean ok = fwrite (t->out->str, 1, t->out->len, stdout) == t->out->len && fflush (stdout) == 0;

  g_string_free (t->out, TRUE);
  t->out = NULL;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot write to the standard output"));
  return ok;
}

static gboolean
table_init (Table *t, const char *format, GError **error)
{
  if (format && !g_str_equal (format, "tsv") && !g_str_equal (format, "csv"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("Unknown format “%s” (tsv, csv)"), format);
      return FALSE;
    }
  t->out = g_string_new (NULL);
  t->csv = g_strcmp0 (format, "csv") == 0;
  t->column = 0;
  return TRUE;
}

static void
header (Table *t, const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    field (t, names[i]);
  end_row (t);
}

/**
 * repere_cli_survey:
 * @survey: what to print or draw
 * @error: #RepereDbError (an unknown question), #RepereChartError (the
 *   image file), %G_OPTION_ERROR_BAD_VALUE
 *
 * `survey`: each question of the consultation (2.2) with each answer and
 * its share as published, one line an answer: section, question, option
 * position, answer, share in percent (empty when the study publishes none),
 * the share as printed ("45%", "La moitié des répondants"). With @output,
 * the charts instead (repere_survey_chart_export()).
 */
gboolean
repere_cli_survey (RepereDb *db, const RepereCliSurvey *survey, GError **error)
{
  static const char *const names[]
      = { "section", "question", "option", "answer", "share", "published", NULL };
  g_autoptr (GPtrArray) questions = NULL;
  Table t;

  if (survey->question)
    {
      RepereSurveyQuestion *question
          = repere_study_get_survey_question (db, survey->question, error);
      if (question == NULL)
        return FALSE;
      questions = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_survey_question_free);
      g_ptr_array_add (questions, question);
    }
  else if ((questions = repere_study_list_survey (db, error)) == NULL)
    return FALSE;

  if (survey->output)
    {
      RepereRenderStyle style;
      int width = survey->width ? survey->width : DEFAULT_WIDTH;

      if (width < 320)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _ ("Width %d is too small (320 or more)"), width);
          return FALSE;
        }
      repere_render_style_init (&style, survey->dark, 13);
      return repere_survey_chart_export (questions, survey->output, &style, width, error);
    }

  if (!table_init (&t, survey->format, error))
    return FALSE;
  header (&t, names);
  for (guint q = 0; q < questions->len; q++)
    {
      RepereSurveyQuestion *question = g_ptr_array_index (questions, q);
      for (guint o = 0; o < question->options->len; o++)
        {
          RepereSurveyOption *option = g_ptr_array_index (question->options, o);
          g_autofree char *share
              = isnan (option->share) ? g_strdup ("") : g_strdup_printf ("%g", option->share);

          field (&t, question->source);
          field (&t, question->question);
          int_field (&t, option->position);
          field (&t, option->label);
          field (&t, share);
          field (&t, option->printed);
          end_row (&t);
        }
    }
  return flush_table (&t, error);
}

static gboolean
print_texts (GPtrArray *texts, const char *const *names, const char *format, gboolean with_kind,
             GError **error)
{
  /* (transfer full): freed here (a leak LeakSanitizer found, issue 12). */
  g_autoptr (GPtrArray) owned = texts;
  Table t;

  if (texts == NULL || !table_init (&t, format, error))
    return FALSE;
  header (&t, names);
  for (guint i = 0; i < texts->len; i++)
    {
      RepereStudyText *text = g_ptr_array_index (texts, i);
      int_field (&t, text->position);
      if (with_kind)
        field (&t, text->kind);
      field (&t, text->title);
      field (&t, text->text);
      field (&t, text->extra);
      field (&t, text->source);
      end_row (&t);
    }
  return flush_table (&t, error);
}

/**
 * repere_cli_study:
 * @argv: (array length=argc): "repere-cli", "study", WHAT [ARGUMENT]
 * @format: (nullable): "tsv" (default) or "csv"
 * @error: #RepereDbError, %G_OPTION_ERROR_FAILED for a wrong command
 *
 * `study figures|passages PART|glossary|references|activities|steps|
 * guidance [CLASS]|notes JOB|roles JOB`: the study's texts and figures
 * (app/repere-study.h) as a table with a header line.
 */
gboolean
repere_cli_study (RepereDb *db, int argc, char **argv, const char *format, GError **error)
{
  const char *what = argc >= 3 ? argv[2] : "";
  const char *argument = argc >= 4 ? argv[3] : NULL;

  if (argc == 3 && g_str_equal (what, "figures"))
    {
      static const char *const names[]
          = { "id", "part", "label", "value", "unit", "qualifier", "printed", "source", NULL };
      g_autoptr (GPtrArray) figures = repere_study_list_figures (db, NULL, error);
      Table t;

      if (figures == NULL || !table_init (&t, format, error))
        return FALSE;
      header (&t, names);
      for (guint i = 0; i < figures->len; i++)
        {
          RepereStudyFigure *f = g_ptr_array_index (figures, i);
          g_autofree char *value = g_strdup_printf ("%.0f", f->value);
          field (&t, f->id);
          field (&t, f->part);
          field (&t, f->label);
          field (&t, value);
          field (&t, f->unit);
          field (&t, f->qualifier);
          field (&t, f->printed);
          field (&t, f->source);
          end_row (&t);
        }
      return flush_table (&t, error);
    }
  if (argc == 3 && g_str_equal (what, "references"))
    {
      static const char *const names[]
          = { "position", "authors", "year", "title", "publisher", NULL };
      g_autoptr (GPtrArray) references = repere_study_list_bibliography (db, error);
      Table t;

      if (references == NULL || !table_init (&t, format, error))
        return FALSE;
      header (&t, names);
      for (guint i = 0; i < references->len; i++)
        {
          RepereReference *r = g_ptr_array_index (references, i);
          int_field (&t, r->position);
          field (&t, r->authors);
          int_field (&t, r->year);
          field (&t, r->title);
          field (&t, r->publisher);
          end_row (&t);
        }
      return flush_table (&t, error);
    }
  if (argc == 3 && g_str_equal (what, "glossary"))
    return print_texts (
        repere_study_list_glossary (db, error),
        (const char *const[]){ "position", "term", "definition", "extra", "source", NULL }, format,
        FALSE, error);
  if (argc == 3 && g_str_equal (what, "activities"))
    return print_texts (repere_study_list_activities (db, error),
                        (const char *const[]){ "position", "exposure", "activity", "example",
                                               "extra", "source", NULL },
                        format, TRUE, error);
  if (argc == 3 && g_str_equal (what, "steps"))
    return print_texts (
        repere_study_list_steps (db, error),
        (const char *const[]){ "position", "title", "step", "extra", "source", NULL }, format,
        FALSE, error);
  if (argc == 4 && g_str_equal (what, "passages"))
    return print_texts (
        repere_study_list_passages (db, argument, error),
        (const char *const[]){ "position", "kind", "heading", "text", "extra", "source", NULL },
        format, TRUE, error);
  if ((argc == 3 || argc == 4) && g_str_equal (what, "guidance"))
    {
      g_autofree char *class_id = NULL;
      if (argument && !repere_db_resolve_classification (db, argument, &class_id, error))
        return FALSE;
      return print_texts (repere_study_list_guidance (db, class_id, error),
                          (const char *const[]){ "position", "kind", "recommendation", "text",
                                                 "classification", "source", NULL },
                          format, TRUE, error);
    }
  if (argc == 4 && (g_str_equal (what, "notes") || g_str_equal (what, "roles")))
    {
      g_autofree char *id = repere_db_find_job (db, argument, error);
      if (id == NULL)
        return FALSE;
      if (g_str_equal (what, "notes"))
        return print_texts (repere_study_list_fiche_notes (db, id, error),
                            (const char *const[]){ "position", "kind", "title", "note",
                                                   "assessment", "source", NULL },
                            format, TRUE, error);
      return print_texts (
          repere_study_list_future_roles (db, id, error),
          (const char *const[]){ "position", "kind", "role", "quote", "extra", "source", NULL },
          format, TRUE, error);
    }
  g_set_error (
      error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
      _ ("Usage: study figures|glossary|references|activities|steps|passages PART|guidance [CLASS]|"
         "notes JOB|roles JOB"));
  return FALSE;
}

/**
 * repere_cli_print_study:
 * @survey: %TRUE for the Consultation page (repere_print_survey_new()),
 *   %FALSE for the Étude page (repere_print_study_new())
 * @setup: paper, orientation, margins and font size
 * @path: the PDF file to write
 * @error: #RepereDbError, %REPERE_PRINT_ERROR_WRITE naming @path
 *
 * `print --survey --pdf FILE`, `print --study --pdf FILE`.
 */
gboolean
repere_cli_print_study (RepereDb *db, gboolean survey, const ReperePageSetup *setup,
                        const char *path, GError **error)
{
  g_autoptr (RepereDocument) doc
      = survey ? repere_print_survey_new (db, error) : repere_print_study_new (db, error);

  return doc != NULL && repere_document_write_pdf (doc, setup, path, error);
}

/**
 * repere_cli_export_survey:
 * @options: delimiter, decimal separator, byte order mark
 * @output: (nullable): the CSV file, %NULL for the standard output
 * @error: #RepereDbError, %REPERE_EXPORT_ERROR_WRITE
 *
 * `export --survey --format csv`: every answer of the consultation with its
 * share (repere_study_survey_csv()).
 */
gboolean
repere_cli_export_survey (RepereDb *db, const RepereExportOptions *options, const char *output,
                          GError **error)
{
  g_autoptr (GPtrArray) questions = repere_study_list_survey (db, error);
  g_autofree char *text = NULL;
  gsize length;

  if (questions == NULL)
    return FALSE;
  if (output)
    return repere_study_survey_csv_to_file (questions, options, output, error);
  text = repere_study_survey_csv (questions, options, &length);
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot write to the standard output"));
      return FALSE;
    }
  return TRUE;
}

/**
 * repere_cli_show_fiche:
 * @job_id: a job id
 * @error: #RepereDbError
 *
 * The part of `show JOB` with the fiche's future role and notes (4.2), after
 * the results.
 */
gboolean
repere_cli_show_fiche (RepereDb *db, const char *job_id, GError **error)
{
  g_autoptr (GPtrArray) roles = repere_study_list_future_roles (db, job_id, error);
  g_autoptr (GPtrArray) notes = NULL;

  if (roles == NULL || (notes = repere_study_list_fiche_notes (db, job_id, error)) == NULL)
    return FALSE;
  if (roles->len)
    printf ("\n%s\n", _ ("Future role"));
  for (guint i = 0; i < roles->len; i++)
    {
      RepereStudyText *r = g_ptr_array_index (roles, i);
      /* Translators: a future role, its quote and section in `show` */
      printf (_ ("  %s — “%s” (%s)\n"), r->title, r->text, r->source);
    }
  if (notes->len)
    printf ("\n%s\n", _ ("Notes of the fiche"));
  for (guint i = 0; i < notes->len; i++)
    {
      RepereStudyText *n = g_ptr_array_index (notes, i);
      const char *kind = g_str_equal (n->kind, "rating")       ? _ ("On the rating")
                         : g_str_equal (n->kind, "conclusion") ? _ ("Conclusion")
                                                               : _ ("Use cases");
      if (*n->extra)
        /* Translators: a fiche's note in `show`: kind, assessment, text, section */
        printf (_ ("  %s (%s): %s (%s)\n"), kind, n->extra, n->text, n->source);
      else
        printf (_ ("  %s: %s (%s)\n"), kind, n->text, n->source);
    }
  return TRUE;
}
