/* repere-study.c: the consultation, context, method, notes, glossary and
 * bibliography of the study, read from the tables of schema/006-study.sql
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-study.h"

#include "repere-export.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

void
repere_survey_question_free (RepereSurveyQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->id);
  g_free (question->theme);
  g_free (question->question);
  g_free (question->caption);
  g_free (question->finding_title);
  g_free (question->finding);
  g_free (question->further);
  g_free (question->fact);
  g_free (question->fact_source);
  g_free (question->source);
  g_clear_pointer (&question->options, g_ptr_array_unref);
  g_clear_pointer (&question->recommendations, g_ptr_array_unref);
  g_free (question);
}

static void
survey_option_free (RepereSurveyOption *option)
{
  g_free (option->label);
  g_free (option->printed);
  g_free (option->source);
  g_free (option);
}

void
repere_study_text_free (RepereStudyText *text)
{
  if (text == NULL)
    return;
  g_free (text->kind);
  g_free (text->title);
  g_free (text->text);
  g_free (text->extra);
  g_free (text->source);
  g_free (text);
}

void
repere_study_figure_free (RepereStudyFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->id);
  g_free (figure->part);
  g_free (figure->label);
  g_free (figure->unit);
  g_free (figure->qualifier);
  g_free (figure->printed);
  g_free (figure->source);
  g_free (figure);
}

void
repere_reference_free (RepereReference *reference)
{
  if (reference == NULL)
    return;
  g_free (reference->authors);
  g_free (reference->title);
  g_free (reference->publisher);
  g_free (reference->text);
  g_free (reference);
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return g_strdup (text ? text : "");
}

/* Prepares @sql and binds @param (nullable) as ?1. */
static sqlite3_stmt *
prepare (RepereDb *db, const char *sql, const char *param, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      repere_sql_failed (handle, error);
      return NULL;
    }
  if (param)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  return stmt;
}

/* Runs @sql, whose rows are (position, kind, title, text, extra, source),
 * with ?1 bound to @param. */
static GPtrArray *
list_texts (RepereDb *db, const char *sql, const char *param, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, param, error);
  g_autoptr (GPtrArray) texts
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_study_text_free);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereStudyText *text = g_new0 (RepereStudyText, 1);
      text->position = sqlite3_column_int (stmt, 0);
      text->kind = column_dup (stmt, 1);
      text->title = column_dup (stmt, 2);
      text->text = column_dup (stmt, 3);
      text->extra = column_dup (stmt, 4);
      text->source = column_dup (stmt, 5);
      g_ptr_array_add (texts, text);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    {
      repere_sql_failed (repere_db_get_handle (db), error);
      return NULL;
    }
  return g_steal_pointer (&texts);
}

/* The survey -------------------------------------------------------------- */

static gboolean
add_options (RepereDb *db, RepereSurveyQuestion *question, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
                                "SELECT position, label, dont_know, share, exact, printed, source"
                                "  FROM survey_option WHERE question_id = ?1 ORDER BY position",
                                question->id, error);
  int status;

  if (stmt == NULL)
    return FALSE;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereSurveyOption *option = g_new0 (RepereSurveyOption, 1);
      option->position = sqlite3_column_int (stmt, 0);
      option->label = column_dup (stmt, 1);
      option->dont_know = sqlite3_column_int (stmt, 2) != 0;
      option->share
          = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 3);
      option->exact = sqlite3_column_int (stmt, 4) != 0;
      option->printed = column_dup (stmt, 5);
      option->source = column_dup (stmt, 6);
      g_ptr_array_add (question->options, option);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    return repere_sql_failed (repere_db_get_handle (db), error);
  question->recommendations = list_texts (
      db,
      "SELECT position, '', emphasis, text, question_id, source FROM survey_recommendation"
      " WHERE question_id = ?1 ORDER BY position",
      question->id, error);
  return question->recommendations != NULL;
}

static GPtrArray *
list_questions (RepereDb *db, const char *id, GError **error)
{
  sqlite3_stmt *stmt
      = prepare (db,
                 "SELECT id, position, theme, question, caption, finding_title, finding, further,"
                 "       fact, fact_source, source"
                 "  FROM survey_question WHERE ?1 IS NULL OR id = ?1 ORDER BY position",
                 id, error);
  g_autoptr (GPtrArray) questions
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_survey_question_free);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereSurveyQuestion *q = g_new0 (RepereSurveyQuestion, 1);
      q->id = column_dup (stmt, 0);
      q->position = sqlite3_column_int (stmt, 1);
      q->theme = column_dup (stmt, 2);
      q->question = column_dup (stmt, 3);
      q->caption = column_dup (stmt, 4);
      q->finding_title = column_dup (stmt, 5);
      q->finding = column_dup (stmt, 6);
      q->further = column_dup (stmt, 7);
      q->fact = column_dup (stmt, 8);
      q->fact_source = column_dup (stmt, 9);
      q->source = column_dup (stmt, 10);
      q->options = g_ptr_array_new_with_free_func ((GDestroyNotify) survey_option_free);
      g_ptr_array_add (questions, q);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    {
      repere_sql_failed (repere_db_get_handle (db), error);
      return NULL;
    }
  for (guint i = 0; i < questions->len; i++)
    if (!add_options (db, g_ptr_array_index (questions, i), error))
      return NULL;
  return g_steal_pointer (&questions);
}

/**
 * repere_study_list_survey:
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The ten questions of the consultation of the branch's companies (2.2.1 to
 * 2.2.10), each with its answer options and the shares the study publishes,
 * its analysis and the recommendations of 2.3 that answer it.
 *
 * Returns: (transfer full) (element-type RepereSurveyQuestion): the
 *   questions in printed order; %NULL on error
 */
GPtrArray *
repere_study_list_survey (RepereDb *db, GError **error)
{
  g_return_val_if_fail (REPERE_IS_DB (db), NULL);
  return list_questions (db, NULL, error);
}

/**
 * repere_study_get_survey_question:
 * @id: a question id, e.g. %REPERE_SURVEY_TRAINING (2.2.10: the training
 *   typology and its shares)
 * @error: %REPERE_DB_ERROR_NOT_FOUND for an unknown id, %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full): the question with its options; %NULL on error
 */
RepereSurveyQuestion *
repere_study_get_survey_question (RepereDb *db, const char *id, GError **error)
{
  g_autoptr (GPtrArray) questions = NULL;

  g_return_val_if_fail (REPERE_IS_DB (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  if ((questions = list_questions (db, id, error)) == NULL)
    return NULL;
  if (questions->len == 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _ ("No survey question “%s”"),
                   id);
      return NULL;
    }
  return g_ptr_array_steal_index (questions, 0);
}

/**
 * repere_survey_question_published_total:
 *
 * Returns: the sum of the shares the study publishes for the question's
 *   options, in percent (those in words counted at their value); may exceed
 *   100 by rounding (2.2.2: 68 + 28 + 5 = 101)
 */
double
repere_survey_question_published_total (const RepereSurveyQuestion *question)
{
  double total = 0;

  for (guint i = 0; i < question->options->len; i++)
    {
      const RepereSurveyOption *option = g_ptr_array_index (question->options, i);
      if (!isnan (option->share))
        total += option->share;
    }
  return total;
}

/**
 * repere_survey_option_format_share:
 *
 * The share as a chart label: "45 %", "≈ 50 %" when the study gives it in
 * words, "not published" (translated) when it gives none.
 *
 * Returns: (transfer full): the label
 */
char *
repere_survey_option_format_share (const RepereSurveyOption *option)
{
  int percent = (int) lround (option->share);

  if (isnan (option->share))
    return g_strdup (_ ("not published"));
  if (!option->exact)
    /* Translators: a share the study gives in words ("la moitié"); French
     * puts no-break spaces after ≈ and before % */
    return g_strdup_printf (_ ("≈ %d%%"), percent);
  /* Translators: a share in percent; French puts a no-break space before % */
  return g_strdup_printf (_ ("%d%%"), percent);
}

/**
 * repere_study_list_survey_recommendations:
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereStudyText): the six
 *   recommendations of 2.3: title = the words printed in bold, text = the
 *   recommendation, extra = the id of the question it answers (Repère's
 *   link, docs/study-data.md)
 */
GPtrArray *
repere_study_list_survey_recommendations (RepereDb *db, GError **error)
{
  return list_texts (
      db,
      "SELECT position, '', emphasis, text, question_id, source FROM survey_recommendation"
      " WHERE ?1 IS NULL ORDER BY position",
      NULL, error);
}

/**
 * repere_study_markup_emphasis:
 * @text: plain text (a recommendation, a quote)
 * @emphasis: a part of @text to stress (the words the study prints in bold,
 *   a role); "" for none
 *
 * Returns: (transfer full): pango markup of @text, escaped, with the first
 *   occurrence of @emphasis in bold
 */
char *
repere_study_markup_emphasis (const char *text, const char *emphasis)
{
  const char *at = *emphasis ? strstr (text, emphasis) : NULL;
  g_autofree char *before = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *after = NULL;

  if (at == NULL)
    return g_markup_escape_text (text, -1);
  before = g_markup_escape_text (text, at - text);
  middle = g_markup_escape_text (emphasis, -1);
  after = g_markup_escape_text (at + strlen (emphasis), -1);
  return g_strdup_printf ("%s<b>%s</b>%s", before, middle, after);
}

/**
 * repere_study_sort_survey_passages:
 * @passages: (element-type RepereStudyText): the "survey" passages
 *   (repere_study_list_passages())
 * @synthesis: (element-type RepereStudyText): receives, not owning them, the
 *   synthesis of 2.1.3 up to the paragraph after its list, then the
 *   precautions of 2.1.4: what to read before the charts
 * @context: receives the rest of 2.1 (purpose, profiles, the sector
 *   compared with others)
 * @closing: receives the introduction of 2.3
 *
 * How the Consultation page and its printed pages order section 2.
 */
void
repere_study_sort_survey_passages (GPtrArray *passages, GPtrArray *synthesis, GPtrArray *context,
                                   GPtrArray *closing)
{
  gboolean list_seen = FALSE, list_closed = FALSE;

  for (guint i = 0; i < passages->len; i++)
    {
      RepereStudyText *t = g_ptr_array_index (passages, i);

      if (g_str_has_prefix (t->source, "2.3"))
        g_ptr_array_add (closing, t);
      else if (g_str_has_prefix (t->source, "2.1.4")
               || (g_str_has_prefix (t->source, "2.1.3") && !list_closed))
        {
          g_ptr_array_add (synthesis, t);
          if (g_str_equal (t->kind, "item"))
            list_seen = TRUE;
          else if (list_seen)
            list_closed = TRUE;
        }
      else
        g_ptr_array_add (context, t);
    }
}

/* Context and method ------------------------------------------------------ */

/**
 * repere_study_list_passages:
 * @part: "study" (1.1), "sector" (1.2), "survey" (2.1, 2.3), "method" (3.1,
 *   3.2), "exposure" (3.3), "workshops" (4.1, 4.2), "implementation" (4.3),
 *   "recommendations" (5 and DIAL-IA) or "conclusion" (6 and Ouverture)
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The study's prose for a part, as printed: kind = "paragraph", "item" (of
 * the list the paragraph before introduces), "note" or "footnote"; title =
 * the heading it sits under.
 *
 * Returns: (transfer full) (element-type RepereStudyText): the passages in
 *   reading order; an empty array for an unknown part
 */
GPtrArray *
repere_study_list_passages (RepereDb *db, const char *part, GError **error)
{
  return list_texts (
      db,
      "SELECT position, kind, heading, text, '', source FROM study_passage WHERE part = ?1"
      " ORDER BY position",
      part, error);
}

/**
 * repere_study_list_figures:
 * @part: (nullable): "study", "sector" (1.2.1's figures of the branch),
 *   "survey" (2.1), "method" (3.1, 3.2.1.1: 674 competencies, 2,411 rated
 *   lines, 25–50 a job), "workshops" (4.1.2: 25 representatives, 310 levels
 *   re-rated), "dial-ia"; %NULL for all
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereStudyFigure): the figures in
 *   printed order
 */
GPtrArray *
repere_study_list_figures (RepereDb *db, const char *part, GError **error)
{
  sqlite3_stmt *stmt
      = prepare (db,
                 "SELECT f.id, f.part, f.label, f.value, f.unit, f.qualifier, f.printed, f.source"
                 "  FROM study_figure f WHERE ?1 IS NULL OR f.part = ?1"
                 " ORDER BY (SELECT min (rowid) FROM study_figure g WHERE g.part = f.part),"
                 "          f.position",
                 part, error);
  g_autoptr (GPtrArray) figures
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_study_figure_free);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereStudyFigure *figure = g_new0 (RepereStudyFigure, 1);
      figure->id = column_dup (stmt, 0);
      figure->part = column_dup (stmt, 1);
      figure->label = column_dup (stmt, 2);
      figure->value = sqlite3_column_double (stmt, 3);
      figure->unit = column_dup (stmt, 4);
      figure->qualifier = column_dup (stmt, 5);
      figure->printed = column_dup (stmt, 6);
      figure->source = column_dup (stmt, 7);
      g_ptr_array_add (figures, figure);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    {
      repere_sql_failed (repere_db_get_handle (db), error);
      return NULL;
    }
  return g_steal_pointer (&figures);
}

/* @value with the translated thousands separator: "12 512". */
static char *
group_digits (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value < 0 ? -value : value);
  /* Translators: the thousands separator of large counts ("12,512"); French
   * uses a narrow no-break space */
  const char *separator = C_ ("thousands separator", ",");
  GString *out = g_string_new (value < 0 ? "-" : "");
  size_t n = strlen (digits);

  for (size_t i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * repere_study_figure_format:
 *
 * The figure for display: "12 512", "71 %", "4 mois", "4,5 milliards
 * d'euros", "2006", "plus de 68", "environ 50" (translated).
 *
 * Returns: (transfer full): the text
 */
char *
repere_study_figure_format (const RepereStudyFigure *figure)
{
  gint64 value = (gint64) llround (figure->value);
  g_autofree char *number = NULL;

  if (g_strcmp0 (figure->unit, "percent") == 0)
    number = g_strdup_printf (_ ("%d%%"), (int) value);
  else if (g_strcmp0 (figure->unit, "months") == 0)
    number = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", (gulong) value), (int) value);
  else if (g_strcmp0 (figure->unit, "years") == 0)
    number = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", (gulong) value),
                              (int) value);
  else if (g_strcmp0 (figure->unit, "year") == 0)
    number = g_strdup_printf ("%d", (int) value);
  else if (g_strcmp0 (figure->unit, "euros") == 0 && figure->value >= 1e9)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      GString *billions
          = g_string_new (g_ascii_formatd (buffer, sizeof buffer, "%.1f", figure->value / 1e9));
      g_string_replace (billions, ".", C_ ("decimal separator", "."), 1);
      /* Translators: an amount in billions of euros, "4.5" */
      number = g_strdup_printf (_ ("%s billion euros"), billions->str);
      g_string_free (billions, TRUE);
    }
  else if (g_strcmp0 (figure->unit, "euros") == 0)
    {
      g_autofree char *digits = group_digits (value);
      /* Translators: an amount in euros */
      number = g_strdup_printf (_ ("%s €"), digits);
    }
  else
    number = group_digits (value);

  if (g_strcmp0 (figure->qualifier, "more-than") == 0)
    /* Translators: a figure the study states as "plus de 68" */
    return g_strdup_printf (_ ("more than %s"), number);
  if (g_strcmp0 (figure->qualifier, "about") == 0)
    /* Translators: a figure the study states as "une cinquantaine" */
    return g_strdup_printf (_ ("about %s"), number);
  return g_steal_pointer (&number);
}

/**
 * repere_study_list_glossary:
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereStudyText): the study's
 *   glossary (Annexes, 9 terms): title = the term, text = its definition
 */
GPtrArray *
repere_study_list_glossary (RepereDb *db, GError **error)
{
  return list_texts (
      db,
      "SELECT position, '', term, definition, '', source FROM glossary_term WHERE ?1 IS NULL"
      " ORDER BY position",
      NULL, error);
}

/**
 * repere_study_list_bibliography:
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereReference): the study's
 *   bibliography (Annexes, 17 references) in printed order
 */
GPtrArray *
repere_study_list_bibliography (RepereDb *db, GError **error)
{
  sqlite3_stmt *stmt
      = prepare (db,
                 "SELECT position, authors, year, title, publisher, text FROM bibliography_entry"
                 " WHERE ?1 IS NULL ORDER BY position",
                 NULL, error);
  g_autoptr (GPtrArray) references
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_reference_free);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereReference *reference = g_new0 (RepereReference, 1);
      reference->position = sqlite3_column_int (stmt, 0);
      reference->authors = column_dup (stmt, 1);
      reference->year = sqlite3_column_int (stmt, 2);
      reference->title = column_dup (stmt, 3);
      reference->publisher = column_dup (stmt, 4);
      reference->text = column_dup (stmt, 5);
      g_ptr_array_add (references, reference);
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    {
      repere_sql_failed (repere_db_get_handle (db), error);
      return NULL;
    }
  return g_steal_pointer (&references);
}

/**
 * repere_study_list_activities:
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereStudyText): the activity
 *   types of 3.3: kind = "most" (those of the most exposed jobs) or "least"
 *   (those that preserve the least exposed ones), title = the activity,
 *   text = the study's example
 */
GPtrArray *
repere_study_list_activities (RepereDb *db, GError **error)
{
  return list_texts (db,
                     "SELECT position, exposure, title, example, '', source FROM exposure_activity "
                     "WHERE ?1 IS NULL"
                     " ORDER BY position",
                     NULL, error);
}

/**
 * repere_study_list_steps:
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full) (element-type RepereStudyText): the six steps of
 *   4.3.2 for developing a job's use cases, text only
 */
GPtrArray *
repere_study_list_steps (RepereDb *db, GError **error)
{
  return list_texts (
      db,
      "SELECT position, '', '', text, '', source FROM implementation_step WHERE ?1 IS NULL"
      " ORDER BY position",
      NULL, error);
}

/**
 * repere_study_list_guidance:
 * @classification_id: (nullable): a class id; %NULL for every row
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * What the study says a class means and what to do about it, for the
 * training plans and passerelles by class: kind = "meaning" (3.2.1.2),
 * "observation" (3.2.2.1), "training" (section 5: Axe 4 recommendation 4,
 * the priority action for the most exposed jobs), "mobility-from" (Axe 4
 * recommendation 9: the plans of the highly exposed jobs) or "mobility-to"
 * (the emergent or slightly exposed jobs it points to); extra = the class
 * id, "" for a row about every class (which a class id also returns); title
 * = "4.9" for a row that quotes recommendation 9 of Axe 4, "" otherwise.
 * The class definitions and rules themselves are in
 * repere_db_list_classifications().
 *
 * Returns: (transfer full) (element-type RepereStudyText): the rows in
 *   printed order
 */
GPtrArray *
repere_study_list_guidance (RepereDb *db, const char *classification_id, GError **error)
{
  return list_texts (
      db,
      "SELECT position, kind,"
      "       CASE WHEN axis_number IS NULL THEN '' ELSE axis_number || '.' || "
      "recommendation_number END,"
      "       text, coalesce (classification_id, ''), source"
      "  FROM classification_guidance"
      " WHERE ?1 IS NULL OR classification_id IS NULL OR classification_id = ?1 ORDER BY position",
      classification_id, error);
}

/* Fiches ------------------------------------------------------------------ */

/**
 * repere_study_list_fiche_notes:
 * @job_id: a job id
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The "A noter" lines and conclusions of the job's fiche (4.2): kind =
 * "rating" (about the job's exposure rating; extra = the assessment it
 * concerns: the Infirmier d'assistance fiche's experts rating was made by
 * doctors, 4.2.5), "use-cases" (the jobs it shares its use cases with) or
 * "conclusion" (after the Observatoire's complementary use cases).
 *
 * Returns: (transfer full) (element-type RepereStudyText): the notes in
 *   printed order; empty for a job without a fiche
 */
GPtrArray *
repere_study_list_fiche_notes (RepereDb *db, const char *job_id, GError **error)
{
  return list_texts (
      db,
      "SELECT position, kind, '', text, coalesce (assessment_id, ''), source FROM fiche_note"
      " WHERE job_id = ?1 ORDER BY position",
      job_id, error);
}

/**
 * repere_study_list_future_roles:
 * @job_id: a job id
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The job's future role as its fiche (4.2) or section 5 words it: kind =
 * "role" (a role the study names: "conseiller d'assistance augmentée") or
 * "focus" (what the job will concentrate on); title = the role, a part of
 * text = the sentence as printed. Infirmier d'assistance and Chargé de
 * méthodes et procédures have none.
 *
 * Returns: (transfer full) (element-type RepereStudyText): the roles in
 *   printed order
 */
GPtrArray *
repere_study_list_future_roles (RepereDb *db, const char *job_id, GError **error)
{
  return list_texts (
      db,
      "SELECT position, kind, role, quote, '', source FROM job_future_role WHERE job_id = ?1"
      " ORDER BY position",
      job_id, error);
}

/* The survey as CSV ------------------------------------------------------- */

/**
 * repere_study_survey_csv:
 * @questions: (element-type RepereSurveyQuestion): from
 *   repere_study_list_survey()
 * @options: delimiter, decimal separator, byte order mark, header labels
 *   (repere_export_options_init())
 * @length: (out) (optional): the length of the text in bytes
 *
 * One record per answer option: section, question id, theme, question,
 * option position, option, share in percent (empty when not published), 1
 * when the share is printed as a number (0 when given in words), the share
 * as published ("45%", "La moitié des répondants"). Written by
 * app/repere-export.c's writer: quoted as RFC 4180 asks, and safe to open in
 * a spreadsheet.
 *
 * Returns: (transfer full): the CSV text
 */
char *
repere_study_survey_csv (GPtrArray *questions, const RepereExportOptions *options, gsize *length)
{
  static const char *const keys[] = { "section", "question_id", "theme", "question", "option",
                                      "answer",  "share",       "exact", "published" };
  const char *labels[G_N_ELEMENTS (keys)]
      = { _ ("Section"),     _ ("Question id"), _ ("Theme"),     _ ("Question"),
          _ ("Option"),      _ ("Answer"),      _ ("Share (%)"), _ ("Printed as a number"),
          _ ("As published") };
  GString *out = g_string_new (NULL);

  repere_export_begin (out, options);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    repere_export_field (out, options->labels ? labels[k] : keys[k], k == 0, options);
  repere_export_end_record (out, options);
  for (guint q = 0; q < questions->len; q++)
    {
      const RepereSurveyQuestion *question = g_ptr_array_index (questions, q);
      for (guint o = 0; o < question->options->len; o++)
        {
          const RepereSurveyOption *option = g_ptr_array_index (question->options, o);
          g_autofree char *position = g_strdup_printf ("%d", option->position);

          repere_export_field (out, question->source, TRUE, options);
          repere_export_field (out, question->id, FALSE, options);
          repere_export_field (out, question->theme, FALSE, options);
          repere_export_field (out, question->question, FALSE, options);
          repere_export_field (out, position, FALSE, options);
          repere_export_field (out, option->label, FALSE, options);
          if (isnan (option->share))
            repere_export_field (out, "", FALSE, options);
          else
            repere_export_number_field (out, option->share, 0, FALSE, options);
          repere_export_field (out,
                               isnan (option->share) ? ""
                               : option->exact       ? "1"
                                                     : "0",
                               FALSE, options);
          repere_export_field (out, option->printed, FALSE, options);
          repere_export_end_record (out, options);
        }
    }
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * repere_study_survey_csv_to_file:
 * @questions, @options: as repere_study_survey_csv()
 * @path: the file to write; replaced only once the new one is complete
 * @error: %REPERE_EXPORT_ERROR_WRITE naming @path
 */
gboolean
repere_study_survey_csv_to_file (GPtrArray *questions, const RepereExportOptions *options,
                                 const char *path, GError **error)
{
  gsize length;
  g_autofree char *text = repere_study_survey_csv (questions, options, &length);

  return repere_export_text_to_file (text, length, path, error);
}
