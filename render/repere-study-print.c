/* repere-study-print.c: the consultation (section 2) and the study's
 * context, method, classes, conclusion, glossary and bibliography as printed
 * documents; the fiche notes and future roles of a job sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-study-print.h"

#include <glib/gi18n.h>
#include <string.h>

#define STUDY_SOURCE "Observatoire des métiers de l’assistance, 2024–2025"

/* A survey chart in the flow, never split. */

static double
survey_block_measure (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width,
                      GArray *breaks)
{
  return repere_survey_chart_get_height (data, REPERE_SURVEY_CHART_QUESTION, cr, style, width);
}

static void
survey_block_draw (gpointer data, cairo_t *cr, const RepereRenderStyle *style, double width,
                   double from, double to)
{
  repere_survey_chart_draw (data, REPERE_SURVEY_CHART_QUESTION, cr, style, width);
}

static const RepereBlockClass survey_block_class
    = { survey_block_measure, survey_block_draw, (GDestroyNotify) repere_survey_question_free };

/**
 * repere_document_add_survey_chart:
 * @question: (transfer full): a question of repere_study_list_survey()
 *
 * Adds the question and its chart (repere_survey_chart_draw() with
 * %REPERE_SURVEY_CHART_QUESTION) at the printable width; it is never split
 * between two pages.
 */
void
repere_document_add_survey_chart (RepereDocument *doc, RepereSurveyQuestion *question)
{
  repere_document_add_block (doc, &survey_block_class, question, 0.6, FALSE);
}

/* The passages of a part: a subheading where the heading changes (unless
 * @headings is FALSE), items as bullets, notes in italics. */
static void
add_passages (RepereDocument *doc, GPtrArray *passages, gboolean headings)
{
  const char *heading = NULL;

  for (guint i = 0; i < passages->len; i++)
    {
      RepereStudyText *t = g_ptr_array_index (passages, i);

      if (headings && g_strcmp0 (heading, t->title) != 0)
        repere_document_add_subheading (doc, t->title);
      heading = t->title;
      if (g_str_equal (t->kind, "item"))
        {
          g_autofree char *bullet = g_strdup_printf ("• %s", t->text);
          repere_document_add_paragraph (doc, bullet, 1, 0);
        }
      else if (g_str_equal (t->kind, "paragraph"))
        repere_document_add_paragraph (doc, t->text, 0, 0);
      else
        repere_document_add_paragraph (doc, t->text, 0, REPERE_TEXT_ITALIC);
    }
}

static gboolean
add_part (RepereDocument *doc, RepereDb *db, const char *part, gboolean headings, GError **error)
{
  g_autoptr (GPtrArray) passages = repere_study_list_passages (db, part, error);

  if (passages == NULL)
    return FALSE;
  add_passages (doc, passages, headings);
  return TRUE;
}

/* "Label: value" for each figure of a part. */
static gboolean
add_figures (RepereDocument *doc, RepereDb *db, const char *part, GError **error)
{
  g_autoptr (GPtrArray) figures = repere_study_list_figures (db, part, error);

  if (figures == NULL)
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    {
      RepereStudyFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *value = repere_study_figure_format (f);
      g_autofree char *label = g_markup_escape_text (f->label, -1);
      g_autofree char *escaped = g_markup_escape_text (value, -1);
      /* Translators: a figure of the study, "Label: value" */
      g_autofree char *line = g_strdup_printf (_ ("%s: <b>%s</b>"), label, escaped);
      repere_document_add_paragraph (doc, line, 1, REPERE_TEXT_MARKUP);
    }
  return TRUE;
}

static void
add_labelled (RepereDocument *doc, const char *label, const char *text)
{
  g_autofree char *escaped_label = g_markup_escape_text (label, -1);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = g_strdup_printf ("<b>%s</b> %s", escaped_label, escaped);

  repere_document_add_paragraph (doc, markup, 0, REPERE_TEXT_MARKUP);
}

/* A text of several lines (an analysis with a list): each line a
 * paragraph. */
static void
add_lines (RepereDocument *doc, const char *text, RepereTextFlags flags)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (*lines[i])
      repere_document_add_paragraph (doc, lines[i], i > 0 ? 1 : 0, flags);
}

/**
 * repere_print_survey_new:
 * @error: #RepereDbError
 *
 * The Consultation page printed: the key figures, synthesis and precautions
 * (2.1.3, 2.1.4), then each of the ten questions (2.2.1–2.2.10) with its
 * chart as the study draws it (repere_document_add_survey_chart()), its
 * analysis, "Pour aller plus loin", "Le saviez-vous ?" and the
 * recommendation of 2.3 that answers it, then the six recommendations of
 * 2.3, then the rest of 2.1 (repere_study_sort_survey_passages()). What
 * `repere-cli print --survey` writes.
 *
 * Returns: (transfer full): the document, to paginate; %NULL on error
 */
RepereDocument *
repere_print_survey_new (RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) questions = repere_study_list_survey (db, error);
  g_autoptr (GPtrArray) recommendations = NULL;
  g_autoptr (GPtrArray) passages = NULL;
  g_autoptr (GPtrArray) synthesis = g_ptr_array_new ();
  g_autoptr (GPtrArray) context = g_ptr_array_new ();
  g_autoptr (GPtrArray) closing = g_ptr_array_new ();
  g_autoptr (RepereDocument) doc = NULL;
  g_autofree char *source = NULL;

  if (questions == NULL
      || (recommendations = repere_study_list_survey_recommendations (db, error)) == NULL
      || (passages = repere_study_list_passages (db, "survey", error)) == NULL)
    return NULL;
  repere_study_sort_survey_passages (passages, synthesis, context, closing);
  source = g_strdup_printf (_ ("Source: %s"), STUDY_SOURCE);
  doc = repere_document_new (
      _ ("Consultation of the assistance companies"),
      _ ("The maturity of the sector with generative AI — section 2 of the study"), source);

  repere_document_add_heading (doc, _ ("Key figures"));
  if (!add_figures (doc, db, "survey", error))
    return NULL;
  add_passages (doc, synthesis, TRUE);

  for (guint q = 0; q < questions->len; q++)
    {
      RepereSurveyQuestion *question = g_ptr_array_index (questions, q);
      /* Translators: a question's heading: section ("2.2.3"), theme */
      g_autofree char *title = g_strdup_printf (_ ("%s %s"), question->source, question->theme);

      repere_document_add_heading (doc, title);
      repere_document_add_survey_chart (doc, g_ptr_array_steal_index (questions, q--));
      if (*question->finding_title)
        repere_document_add_subheading (doc, question->finding_title);
      if (*question->finding)
        add_lines (doc, question->finding, 0);
      if (*question->further)
        add_labelled (doc, _ ("Going further:"), question->further);
      if (*question->fact)
        {
          g_autofree char *fact
              = g_strdup_printf (_ ("%s (source: %s)"), question->fact, question->fact_source);
          add_labelled (doc, _ ("Did you know?"), fact);
        }
      for (guint r = 0; r < question->recommendations->len; r++)
        {
          RepereStudyText *rec = g_ptr_array_index (question->recommendations, r);
          /* Translators: a recommendation of section 2.3 beside its chart */
          add_labelled (doc, _ ("Recommendation (2.3):"), rec->text);
        }
    }

  repere_document_add_heading (doc, _ ("Key recommendations for integrating generative AI (2.3)"));
  add_passages (doc, closing, FALSE);
  for (guint r = 0; r < recommendations->len; r++)
    {
      RepereStudyText *rec = g_ptr_array_index (recommendations, r);
      g_autofree char *bold = repere_study_markup_emphasis (rec->text, rec->title);
      g_autofree char *line = g_strdup_printf ("%u. %s", r + 1, bold);
      repere_document_add_paragraph (doc, line, 1, REPERE_TEXT_MARKUP);
    }
  repere_document_add_heading (doc, _ ("About the consultation (2.1)"));
  add_passages (doc, context, TRUE);
  return g_steal_pointer (&doc);
}

/* Each class: definition, rule, what it means, the recommendations that
 * name it (3.2.1.2, 3.2.2.1, 5). */
static gboolean
add_classes (RepereDocument *doc, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) classes = repere_db_list_classifications (db, error);

  if (classes == NULL)
    return FALSE;
  for (guint c = 0; c < classes->len; c++)
    {
      RepereRef *class = g_ptr_array_index (classes, c);
      g_autoptr (GPtrArray) guidance = repere_study_list_guidance (db, class->id, error);

      if (guidance == NULL)
        return FALSE;
      repere_document_add_subheading (doc, class->name);
      add_labelled (doc, _ ("Definition:"), class->description);
      if (*class->extra)
        add_labelled (doc, _ ("Rule:"), class->extra);
      for (guint i = 0; i < guidance->len; i++)
        {
          RepereStudyText *g = g_ptr_array_index (guidance, i);
          g_autofree char *text = g_strdup_printf ("%s (%s)", g->text, g->source);
          const char *label = g_str_equal (g->kind, "meaning")       ? _ ("What it means:")
                              : g_str_equal (g->kind, "observation") ? _ ("In the results:")
                              : g_str_equal (g->kind, "training")    ? _ ("Training:")
                                                                     : _ ("Mobility:");
          add_labelled (doc, label, text);
        }
    }
  return TRUE;
}

/**
 * repere_print_study_new:
 * @error: #RepereDbError
 *
 * The Étude page printed: what the study is and how it was made (1.1, the
 * sector's figures of 1.2.1, the method of 3.1 and 3.2.1 with its figures,
 * the assessments and exposure levels), what each class means, the activity
 * types of 3.3, the workshops (4.1), the implementation steps (4.3.2),
 * section 5's introduction and DIAL-IA, the conclusion and the announced
 * second study, the glossary and the bibliography. What `repere-cli print
 * --study` writes.
 *
 * Returns: (transfer full): the document, to paginate; %NULL on error
 */
RepereDocument *
repere_print_study_new (RepereDb *db, GError **error)
{
  g_autoptr (RepereDocument) doc = NULL;
  g_autofree char *source = g_strdup_printf (_ ("Source: %s"), STUDY_SOURCE);
  g_autoptr (GPtrArray) assessments = NULL;
  g_autoptr (GPtrArray) levels = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) steps = NULL;
  g_autoptr (GPtrArray) glossary = NULL;
  g_autoptr (GPtrArray) references = NULL;

  if ((assessments = repere_db_list_assessments (db, error)) == NULL
      || (levels = repere_db_list_exposure_levels (db, error)) == NULL
      || (activities = repere_study_list_activities (db, error)) == NULL
      || (steps = repere_study_list_steps (db, error)) == NULL
      || (glossary = repere_study_list_glossary (db, error)) == NULL
      || (references = repere_study_list_bibliography (db, error)) == NULL)
    return NULL;
  doc = repere_document_new (
      _ ("The study"),
      "Impacts de l’IA générative pour les métiers de l’assistance (Observatoire des métiers "
      "de l’assistance, PwC, 2024–2025)",
      source);

  repere_document_add_heading (doc, _ ("The study"));
  if (!add_part (doc, db, "study", TRUE, error) || !add_figures (doc, db, "study", error))
    return NULL;
  repere_document_add_heading (doc, _ ("The assistance sector"));
  if (!add_figures (doc, db, "sector", error) || !add_part (doc, db, "sector", TRUE, error))
    return NULL;

  repere_document_add_heading (doc, _ ("Method"));
  if (!add_figures (doc, db, "method", error) || !add_part (doc, db, "method", TRUE, error))
    return NULL;
  repere_document_add_subheading (doc, _ ("Exposure levels (3.2.1.1)"));
  for (guint i = 0; i < levels->len; i++)
    {
      RepereRef *level = g_ptr_array_index (levels, i);
      /* Translators: an exposure level, "1. Négligeable:" */
      g_autofree char *label = g_strdup_printf (_ ("%s. %s:"), level->id, level->name);
      add_labelled (doc, label, level->description);
    }
  repere_document_add_subheading (doc, _ ("The three assessments (3.2.2)"));
  for (guint i = 0; i < assessments->len; i++)
    {
      RepereRef *a = g_ptr_array_index (assessments, i);
      g_autofree char *label = NULL;
      if (g_str_equal (a->extra, "user"))
        continue;
      /* Translators: an assessment and its section, "PwC revu (3.2.2.1):" */
      label = g_strdup_printf (_ ("%s (%s):"), a->name, a->extra);
      add_labelled (doc, label, a->description);
    }

  repere_document_add_heading (doc, _ ("What each class means"));
  if (!add_classes (doc, db, error))
    return NULL;

  repere_document_add_heading (doc, _ ("Most and least exposed competencies (3.3)"));
  {
    g_autoptr (GPtrArray) intro = repere_study_list_passages (db, "exposure", error);
    if (intro == NULL)
      return NULL;
    for (guint e = 0; e < 2; e++)
      {
        RepereStudyText *t = g_ptr_array_index (intro, e);
        repere_document_add_paragraph (doc, t->text, 0, 0);
        for (guint i = 0; i < activities->len; i++)
          {
            RepereStudyText *a = g_ptr_array_index (activities, i);
            g_autofree char *line = NULL;
            if (!g_str_equal (a->kind, e == 0 ? "most" : "least"))
              continue;
            /* Translators: an activity type of 3.3 and its example */
            line = g_strdup_printf (_ ("• %s (example: %s)"), a->title, a->text);
            repere_document_add_paragraph (doc, line, 1, 0);
          }
      }
  }

  repere_document_add_heading (doc, _ ("The workshops"));
  if (!add_figures (doc, db, "workshops", error) || !add_part (doc, db, "workshops", TRUE, error))
    return NULL;

  repere_document_add_heading (doc, _ ("Implementing use cases (4.3.2)"));
  if (!add_part (doc, db, "implementation", FALSE, error))
    return NULL;
  for (guint i = 0; i < steps->len; i++)
    {
      RepereStudyText *s = g_ptr_array_index (steps, i);
      g_autofree char *line = g_strdup_printf ("%d. %s", s->position, s->text);
      repere_document_add_paragraph (doc, line, 1, 0);
    }

  repere_document_add_heading (doc, _ ("Recommendations and social dialogue (5)"));
  if (!add_part (doc, db, "recommendations", TRUE, error)
      || !add_figures (doc, db, "dial-ia", error))
    return NULL;

  repere_document_add_heading (doc, _ ("Conclusion"));
  if (!add_part (doc, db, "conclusion", TRUE, error))
    return NULL;

  repere_document_add_heading (doc, _ ("Glossary"));
  for (guint i = 0; i < glossary->len; i++)
    {
      RepereStudyText *t = g_ptr_array_index (glossary, i);
      add_labelled (doc, t->title, t->text);
    }
  repere_document_add_heading (doc, _ ("Bibliography"));
  for (guint i = 0; i < references->len; i++)
    repere_document_add_paragraph (
        doc, ((RepereReference *) g_ptr_array_index (references, i))->text, 1, 0);
  return g_steal_pointer (&doc);
}

/**
 * repere_print_add_fiche_notes:
 * @job_id: a job id
 * @error: #RepereDbError
 *
 * Adds to a job sheet what the job's fiche notes (4.2: the Infirmier
 * d'assistance's experts rating was made by doctors; the jobs it shares its
 * use cases with; the conclusions) and its future role (4.2, 5). Adds
 * nothing for a job without a fiche.
 *
 * Returns: %FALSE on error
 */
gboolean
repere_print_add_fiche_notes (RepereDocument *doc, RepereDb *db, const char *job_id, GError **error)
{
  g_autoptr (GPtrArray) notes = repere_study_list_fiche_notes (db, job_id, error);
  g_autoptr (GPtrArray) roles = NULL;

  if (notes == NULL || (roles = repere_study_list_future_roles (db, job_id, error)) == NULL)
    return FALSE;
  if (roles->len > 0)
    {
      repere_document_add_heading (doc, _ ("Future role"));
      for (guint i = 0; i < roles->len; i++)
        {
          RepereStudyText *r = g_ptr_array_index (roles, i);
          g_autofree char *bold = repere_study_markup_emphasis (r->text, r->title);
          /* Translators: a quoted sentence of the study and its section */
          g_autofree char *line = g_strdup_printf (_ ("“%s” (%s)"), bold, r->source);
          repere_document_add_paragraph (doc, line, 0, REPERE_TEXT_MARKUP);
        }
    }
  if (notes->len > 0)
    {
      g_autoptr (GPtrArray) assessments = repere_db_list_assessments (db, error);

      if (assessments == NULL)
        return FALSE;
      repere_document_add_heading (doc, _ ("Notes of the fiche"));
      for (guint i = 0; i < notes->len; i++)
        {
          RepereStudyText *n = g_ptr_array_index (notes, i);
          g_autofree char *label = NULL;
          g_autofree char *text = g_strdup_printf ("%s (%s)", n->text, n->source);

          if (g_str_equal (n->kind, "rating"))
            {
              const char *name = n->extra;
              for (guint a = 0; a < assessments->len; a++)
                if (g_str_equal (((RepereRef *) g_ptr_array_index (assessments, a))->id, n->extra))
                  name = ((RepereRef *) g_ptr_array_index (assessments, a))->name;
              /* Translators: a fiche's note about its rating; %s is the
               * assessment */
              label = g_strdup_printf (_ ("On the rating (%s):"), name);
            }
          else
            label = g_strdup (g_str_equal (n->kind, "conclusion") ? _ ("Conclusion:")
                                                                  : _ ("Use cases:"));
          add_labelled (doc, label, text);
        }
    }
  return TRUE;
}
