/* repere-training-plan-print.c: a job's training plan as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-training-plan-print.h"

#include <glib/gi18n.h>
#include <math.h>

#define STUDY_SOURCE "Observatoire des métiers de l’assistance, 2024–2025"

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "savoir-faire") == 0)
    return _ ("Savoir-faire");
  if (g_strcmp0 (kind, "savoir-etre") == 0)
    return _ ("Savoir-être professionnels");
  return _ ("Savoirs");
}

static const char *
guidance_label (const char *kind)
{
  static const struct
  {
    const char *kind, *label;
  } labels[] = {
    { "base", N_ ("Base training for all") },
    { "job-path", N_ ("Paths by job and exposure level") },
    { "managers", N_ ("Managers’ paths") },
    { "certification", N_ ("Certifications") },
    { "peers", N_ ("Learning from peers") },
    { "career", N_ ("Career wishes") },
    { "hr-support", N_ ("HR support") },
    { "mobility", N_ ("Internal mobility plans") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _ (labels[i].label);
  return kind;
}

/* One bullet per competency, grouped by kind: "• label — level 4 · ROME
 * emerging · digital transition". */
static void
add_competencies (RepereDocument *doc, GPtrArray *items)
{
  const char *last_kind = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i <= items->len; i++)
    {
      RepereGapItem *item = i < items->len ? g_ptr_array_index (items, i) : NULL;
      g_autoptr (GString) marks = g_string_new (NULL);
      g_autofree char *label = NULL;

      if (item == NULL || g_strcmp0 (item->kind, last_kind) != 0)
        {
          if (text->len)
            repere_document_add_paragraph (doc, text->str, 1.0, REPERE_TEXT_MARKUP);
          g_string_truncate (text, 0);
          if (item == NULL)
            break;
          repere_document_add_paragraph (doc, kind_label (item->kind), 0, REPERE_TEXT_BOLD);
          last_kind = item->kind;
        }
      if (item->level)
        g_string_append_printf (marks, _ ("level %d"), item->level);
      if (item->principal)
        g_string_append_printf (marks, "%s%s", marks->len ? " · " : "", _ ("ROME core"));
      if (item->emergent)
        g_string_append_printf (marks, "%s%s", marks->len ? " · " : "", _ ("ROME emerging"));
      if (item->transition_num)
        g_string_append_printf (marks, "%s%s", marks->len ? " · " : "", _ ("digital transition"));
      label = g_markup_escape_text (item->label, -1);
      g_string_append_printf (text, "%s• %s", text->len ? "\n" : "", label);
      if (marks->len)
        {
          g_autofree char *escaped = g_markup_escape_text (marks->str, -1);
          g_string_append_printf (text, " <span size=\"smaller\">— %s</span>", escaped);
        }
    }
}

static char *
format_score (double score)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *comma;

  if (isnan (score))
    return g_strdup (_ ("none"));
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", score);
  /* The study prints scores with a decimal comma (1,00). */
  comma = strchr (buffer, '.');
  if (comma)
    *comma = ',';
  return g_strdup (buffer);
}

/**
 * repere_training_plan_document_new:
 * @plan: a plan (repere_training_plan_new())
 *
 * The plan as a document to paginate: the job, its score and class in the
 * assessment, the competencies to strengthen by kind, the training the study
 * recommends for its class (with the share of the branch's respondents whose
 * company offers that kind, 2.2.10), and the competencies to acquire towards
 * the chosen passerelle.
 *
 * Returns: (transfer full): the document
 */
RepereDocument *
repere_training_plan_document_new (const RepereTrainingPlan *plan)
{
  g_autofree char *title = g_strdup_printf (_ ("Skills development plan — %s"), plan->job_name);
  g_autofree char *score = format_score (plan->score);
  g_autofree char *subtitle
      = g_strdup_printf (_ ("%s · score %s · %s"), plan->assessment_name, score,
                         plan->classification_name ? plan->classification_name : "");
  g_autofree char *source
      = g_strdup_printf (_ ("Source: %s; ROME 4.0 (France Travail)"), STUDY_SOURCE);
  RepereDocument *doc = repere_document_new (title, subtitle, source);

  repere_document_add_heading (doc, _ ("Competencies to strengthen"));
  if (plan->strengthen->len == 0)
    repere_document_add_paragraph (
        doc,
        _ ("None: no competency of the job is rated 4 or 5 in this assessment, "
           "and ROME marks none as emerging or digital transition."),
        0, REPERE_TEXT_ITALIC);
  else
    {
      repere_document_add_paragraph (
          doc,
          _ ("Competencies rated 4 (Important) or 5 (Major) in this assessment, and those "
             "ROME marks as emerging or digital transition."),
          0, REPERE_TEXT_ITALIC);
      add_competencies (doc, plan->strengthen);
    }

  repere_document_add_heading (doc, _ ("Training the study recommends"));
  for (guint i = 0; i < plan->guidance->len; i++)
    {
      RepereTrainingGuidance *g = g_ptr_array_index (plan->guidance, i);
      g_autofree char *lead = g_strdup_printf ("%s (%s)", guidance_label (g->kind), g->source);

      repere_document_add_paragraph (doc, lead, 0, REPERE_TEXT_BOLD);
      repere_document_add_paragraph (doc, g->text, 1.0, 0);
      if (g->typology)
        {
          g_autofree char *share = isnan (g->typology_share)
                                       ? g_strdup (_ ("not published"))
                                       : g_strdup_printf ("%.0f %%", g->typology_share);
          g_autofree char *line = g_strdup_printf (
              _ ("Consultation 2.2.10, “%s”: %s of respondents"), g->typology_label, share);
          repere_document_add_paragraph (doc, line, 1.0, REPERE_TEXT_ITALIC);
        }
    }

  if (plan->target)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Towards %s"), plan->target_title);
      g_autofree char *line = NULL;

      repere_document_add_heading (doc, heading);
      if (!isnan (plan->target_score))
        {
          g_autofree char *target = format_score (plan->target_score);
          g_autofree char *change = g_strdup_printf ("%+.2f", plan->score_change);
          line = g_strdup_printf (_ ("Target score %s (change %s). %u competencies to acquire."),
                                  target, change, plan->to_acquire->len);
        }
      else
        line = g_strdup_printf (
            _ ("ROME code %s, outside the referential: no score. %u competencies to acquire."),
            plan->target, plan->to_acquire->len);
      repere_document_add_paragraph (doc, line, 0, 0);
      add_competencies (doc, plan->to_acquire);
    }
  return doc;
}

/**
 * repere_training_plan_print_pdf:
 * @plan: a plan
 * @path: the PDF file to write
 * @setup: (nullable): paper and font; %NULL for A4 portrait, default size
 * @error: %REPERE_PRINT_ERROR_WRITE naming @path
 *
 * Returns: %TRUE when the file is written
 */
gboolean
repere_training_plan_print_pdf (const RepereTrainingPlan *plan, const char *path,
                                const ReperePageSetup *setup, GError **error)
{
  g_autoptr (RepereDocument) doc = repere_training_plan_document_new (plan);
  ReperePageSetup a4;

  if (setup == NULL)
    {
      repere_page_setup_init (&a4, REPERE_PAPER_A4, FALSE, REPERE_PRINT_DEFAULT_FONT_SIZE);
      setup = &a4;
    }
  return repere_document_write_pdf (doc, setup, path, error);
}
