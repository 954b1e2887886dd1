/* repere-study.h: the rest of the study as data: the consultation of the
 * branch's companies (section 2), the study's context, method and
 * conclusion, what each class means, the fiches' notes and future roles,
 * the glossary and the bibliography (schema/006-study.sql, transcribed in
 * data/study/, docs/study-data.md). No GTK: the window's Consultation and
 * Étude pages, the printed pages and `repere-cli survey|study` read them
 * here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"
#include "repere-export.h"

G_BEGIN_DECLS

/* The question of 2.2.10 whose options are the study's training typology
 * (none, awareness, basic on demand, structured programme, full integrated
 * path) with the share of respondents of each. */
#define REPERE_SURVEY_TRAINING "training"

/**
 * RepereSurveyOption:
 * @position: order under the question, from 1
 * @label: the answer option as printed
 * @dont_know: the "Je ne sais pas" option
 * @share: percentage of the 101 respondents (0–100) the study publishes for
 *   the option, NAN when it publishes none
 * @exact: %FALSE when the study gives @share in words ("La moitié des
 *   répondants" = 50, "Un autre tiers" = 33)
 * @printed: the share as printed ("45%", "La moitié des répondants",
 *   "Aucun répondant"), "" when not published
 * @source: the section it is read from (2.2.N; 2.1.2 for the profiles)
 */
typedef struct
{
  int position;
  char *label;
  gboolean dont_know;
  double share;
  gboolean exact;
  char *printed;
  char *source;
} RepereSurveyOption;

/**
 * RepereSurveyQuestion:
 * @id: stable id ("strategy", "training"…, see schema/006-study.sql)
 * @position: N of section 2.2.N (1–10)
 * @theme: the heading of 2.2.N ("Stratégie et gouvernance")
 * @question: the question as printed
 * @caption: the chart's caption ("% de répondants ayant sélectionné…"),
 *   "" when the study prints none
 * @finding_title, @finding: the analysis under the chart, "" for none
 * @further: "Pour aller plus loin", "" for none
 * @fact, @fact_source: "Le saviez-vous ?" and its source, "" for none
 * @source: "2.2.N"
 * @options: (element-type RepereSurveyOption): the answer options in order
 * @recommendations: (element-type RepereStudyText): the recommendations of
 *   2.3 that answer this question (title = the words in bold)
 *
 * One question of the consultation of the branch's companies (101
 * respondents, 7 companies, section 2.2).
 */
typedef struct
{
  char *id;
  int position;
  char *theme;
  char *question;
  char *caption;
  char *finding_title;
  char *finding;
  char *further;
  char *fact;
  char *fact_source;
  char *source;
  GPtrArray *options;
  GPtrArray *recommendations;
} RepereSurveyQuestion;

void repere_survey_question_free (RepereSurveyQuestion *question);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereSurveyQuestion, repere_survey_question_free)

/**
 * RepereStudyText:
 * @position: printed order, from 1
 * @kind: what the text is, by list (see each function); "" when the list
 *   has one kind
 * @title: a heading, term, role or lead, by list; "" for none
 * @text: the text as printed
 * @extra: a list's own value (see each function); "" for none
 * @source: the section it is transcribed from
 *
 * A text of the study, kept as printed (a paragraph, a glossary term, a
 * fiche's note…).
 */
typedef struct
{
  int position;
  char *kind;
  char *title;
  char *text;
  char *extra;
  char *source;
} RepereStudyText;

void repere_study_text_free (RepereStudyText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereStudyText, repere_study_text_free)

/**
 * RepereStudyFigure:
 * @id: stable id, "part-name" ("sector-staff", "method-competencies")
 * @part: "study", "sector", "survey", "method", "workshops" or "dial-ia"
 * @label: what it counts (French, as the study words it)
 * @value: the figure; a percentage for @unit "percent"
 * @unit: "count", "percent", "months", "years", "euros" or "year"
 * @qualifier: "exact", "more-than" ("plus de 68") or "about" ("une
 *   cinquantaine")
 * @printed: the words as printed ("12 512 collaborateurs en 2023")
 * @source: the section
 */
typedef struct
{
  char *id;
  char *part;
  char *label;
  double value;
  char *unit;
  char *qualifier;
  char *printed;
  char *source;
} RepereStudyFigure;

void repere_study_figure_free (RepereStudyFigure *figure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereStudyFigure, repere_study_figure_free)

/**
 * RepereReference:
 * @position: printed order, 1–17
 * @authors: the author or body ("OPCO Atlas", "Frey, C. B., & Osborne, M. A.")
 * @year: year of publication
 * @title: the title
 * @publisher: the publisher, "" when the reference names none
 * @text: the reference as printed
 */
typedef struct
{
  int position;
  char *authors;
  int year;
  char *title;
  char *publisher;
  char *text;
} RepereReference;

void repere_reference_free (RepereReference *reference);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereReference, repere_reference_free)

GPtrArray *repere_study_list_survey (RepereDb *db, GError **error);
RepereSurveyQuestion *repere_study_get_survey_question (RepereDb *db, const char *id, GError **error);
double repere_survey_question_published_total (const RepereSurveyQuestion *question);
char *repere_survey_option_format_share (const RepereSurveyOption *option);
GPtrArray *repere_study_list_survey_recommendations (RepereDb *db, GError **error);
char *repere_study_markup_emphasis (const char *text, const char *emphasis);
char *repere_study_survey_csv (GPtrArray *questions, const RepereExportOptions *options, gsize *length);
gboolean repere_study_survey_csv_to_file (GPtrArray *questions, const RepereExportOptions *options, const char *path,
                                          GError **error);

void repere_study_sort_survey_passages (GPtrArray *passages, GPtrArray *synthesis, GPtrArray *context,
                                        GPtrArray *closing);
GPtrArray *repere_study_list_passages (RepereDb *db, const char *part, GError **error);
GPtrArray *repere_study_list_figures (RepereDb *db, const char *part, GError **error);
char *repere_study_figure_format (const RepereStudyFigure *figure);
GPtrArray *repere_study_list_glossary (RepereDb *db, GError **error);
GPtrArray *repere_study_list_bibliography (RepereDb *db, GError **error);
GPtrArray *repere_study_list_activities (RepereDb *db, GError **error);
GPtrArray *repere_study_list_steps (RepereDb *db, GError **error);
GPtrArray *repere_study_list_guidance (RepereDb *db, const char *classification_id, GError **error);

GPtrArray *repere_study_list_fiche_notes (RepereDb *db, const char *job_id, GError **error);
GPtrArray *repere_study_list_future_roles (RepereDb *db, const char *job_id, GError **error);

G_END_DECLS
