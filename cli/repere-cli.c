/* repere-cli.c: Repère without a window, for scripting and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#endif

#include "repere-chart-csv.h"
#include "repere-chart.h"
#include "repere-cli-passerelle.h"
#include "repere-cli-study.h"
#include "repere-competency.h"
#include "repere-consistency.h"
#include "repere-db.h"
#include "repere-agreement-print.h"
#include "repere-agreement.h"
#include "repere-export.h"
#include "repere-mapping.h"
#include "repere-print.h"
#include "repere-rating-history.h"
#include "repere-rating-sheet.h"
#include "repere-rating.h"
#include "repere-rome-bundle.h"
#include "repere-rome-fiche.h"
#include "repere-rome-import.h"
#include "repere-score.h"
#include "repere-search.h"
#include "repere-text.h"

typedef struct
{
  char *database;
  char *assessment;
  char *family;
  char *classification;
  gboolean core;
  char *search;
  char *sort;
  gboolean descending;
  char *format;
  gboolean fit;
  char *from;
  gboolean study;
  char *pdf;
  char *job;
  gboolean landscape;
  char *paper;
  double font_size;
  char *delimiter;
  gboolean bom;
  char *compare;
  gboolean dark;
  int width;
  char *output;
  gboolean dry_run;
  gboolean ratings;
  char *encoding;
  char *chart;
  char **jobs;  /* --job, repeatable (rating-sheet export, agreement) */
  char *rater;
  char *rule;
  gboolean survey;
  char *question;
  gboolean no_bundled_rome;
  /* passerelles, training-plan, shared-competencies (issue 11) */
  gboolean all_rome;
  gboolean less_exposed;
  int max_gap;
  char *to;
  int min_jobs;
} Options;

static Options opts;

/* Writes one field: TSV replaces tabs and newlines by spaces; CSV quotes as needed (RFC 4180). */
static void
put_field (GString *out, const char *value, gboolean csv, gboolean first)
{
  if (!first)
    g_string_append_c (out, csv ? ',' : '\t');
  if (csv)
    repere_export_csv_field (out, value, ',');
  else
    for (const char *p = value; *p; p++)
      g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

/* The filter and sort options shared by jobs, print and export. */
static gboolean
jobs_filter (RepereJobFilter *filter, GError **error)
{
  memset (filter, 0, sizeof *filter);
  filter->assessment = opts.assessment;
  filter->family = opts.family;
  filter->classification = opts.classification;
  filter->core_only = opts.core;
  filter->search = opts.search;
  filter->descending = opts.descending;
  if (opts.sort && !repere_sort_column_parse (opts.sort, &filter->sort))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown sort column “%s” (rank, job, family, core, score, classification, relevance)"),
                   opts.sort);
      return FALSE;
    }
  /* Issue 13: a search lists the best matches first unless told otherwise. */
  if (opts.search && opts.sort == NULL)
    filter->sort = REPERE_SORT_RELEVANCE;
  return TRUE;
}

/* Nothing matched @search: the nearest job titles on stderr (issue 13). */
static void
print_suggestion (RepereDb *db, const char *search)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = repere_search_suggest (db, search, 3, &error);

  if (names == NULL)
    g_printerr ("repere-cli: %s\n", error->message);
  else if (names->len == 0)
    g_printerr (_("No job matches “%s”.\n"), search);
  else
    {
      g_autoptr (GString) list = g_string_new (NULL);
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (list, i == 0 ? "“%s”" : _(" or “%s”"), (char *) g_ptr_array_index (names, i));
      g_printerr (_("No job matches “%s”. Did you mean %s?\n"), search, list->str);
    }
}

static gboolean
cmd_jobs (RepereDb *db, GError **error)
{
  RepereJobFilter filter = { 0 };
  g_autoptr (GListStore) jobs = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean csv;
  static const char *const header[] = { "rank", "job_id", "job", "family", "core", "score", "classification",
                                        "computed_score", "computed_rank", "suggested_classification" };

  if (opts.format && g_strcmp0 (opts.format, "csv") != 0 && g_strcmp0 (opts.format, "tsv") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Unknown format “%s” (tsv, csv)"),
                   opts.format);
      return FALSE;
    }
  csv = g_strcmp0 (opts.format, "csv") == 0;
  if (!jobs_filter (&filter, error))
    return FALSE;
  jobs = repere_db_list_jobs (db, &filter, error);
  if (jobs == NULL)
    return FALSE;

  if (csv)
    {
      /* The export's writer, with the stable English keys, ',' and "\n". */
      RepereExportOptions options = { ',', FALSE, FALSE, FALSE, "\n" };
      g_autofree char *text = repere_export_jobs_csv (G_LIST_MODEL (jobs), &options, NULL);
      fputs (text, stdout);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    put_field (out, header[i], FALSE, i == 0);
  /* Issue 13: with a search, where each job matched. */
  if (opts.search)
    put_field (out, "match", FALSE, FALSE);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      char score[G_ASCII_DTOSTR_BUF_SIZE] = "";
      g_autofree char *rank = repere_job_get_rank (job) > 0 ? g_strdup_printf ("%d", repere_job_get_rank (job)) : g_strdup ("");
      g_autofree char *family = g_strdup_printf ("%s %s", repere_job_get_family_code (job),
                                                 repere_job_get_family_name (job));

      if (repere_job_get_score (job) >= 0)
        g_ascii_formatd (score, sizeof score, "%.2f", repere_job_get_score (job));
      put_field (out, rank, FALSE, TRUE);
      put_field (out, repere_job_get_id (job), FALSE, FALSE);
      put_field (out, repere_job_get_name (job), FALSE, FALSE);
      put_field (out, family, FALSE, FALSE);
      put_field (out, repere_job_get_core (job) ? "1" : "0", FALSE, FALSE);
      put_field (out, score, FALSE, FALSE);
      put_field (out, repere_job_get_classification_name (job) ? repere_job_get_classification_name (job) : "",
                 csv, FALSE);
      {
        char computed[G_ASCII_DTOSTR_BUF_SIZE] = "";
        g_autofree char *computed_rank = repere_job_get_computed_rank (job) > 0
                                             ? g_strdup_printf ("%d", repere_job_get_computed_rank (job))
                                             : g_strdup ("");
        const char *suggested = repere_job_get_suggested_classification_name (job);
        if (repere_job_get_computed_score (job) >= 0)
          g_ascii_formatd (computed, sizeof computed, "%.4f", repere_job_get_computed_score (job));
        put_field (out, computed, FALSE, FALSE);
        put_field (out, computed_rank, FALSE, FALSE);
        put_field (out, suggested ? suggested : "", FALSE, FALSE);
      }
      if (opts.search)
        {
          g_autofree char *where = repere_search_describe_match (job, "[", "]");
          put_field (out, where ? where : "", FALSE, FALSE);
        }
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
  if (opts.search && g_list_model_get_n_items (G_LIST_MODEL (jobs)) == 0)
    print_suggestion (db, opts.search);
  return TRUE;
}

/* Left-aligns @text in @width characters (not bytes), after two spaces. */
static void
print_padded (const char *text, int width)
{
  int pad = width - (int) g_utf8_strlen (text, -1);
  printf ("  %s%*s ", text, pad > 0 ? pad : 0, "");
}

static void
print_paragraphs (const char *title, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  printf ("\n%s\n", title);
  printf ("%s\n", text);
}

static gboolean
cmd_show (RepereDb *db, const char *query, GError **error)
{
  g_autofree char *id = repere_db_find_job (db, query, error);
  g_autoptr (RepereJobDetail) job = NULL;
  int last_priority = -1;
  const char *last_context = NULL;

  if (id == NULL)
    return FALSE;
  job = repere_db_get_job (db, id, error);
  if (job == NULL)
    return FALSE;

  printf ("%s%s\n", job->core ? "♥ " : "", job->name);
  printf (_("Family: %s %s\n"), job->family_code, job->family_name);
  printf (_("Id: %s\n"), job->id);
  if (job->aliases->len)
    {
      g_ptr_array_add (job->aliases, NULL);
      g_autofree char *aliases = g_strjoinv (" · ", (char **) job->aliases->pdata);
      g_ptr_array_remove_index (job->aliases, job->aliases->len - 1);
      printf (_("Also written: %s\n"), aliases);
    }

  printf ("\n%s\n", _("Results by assessment"));
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      g_autofree char *score = repere_text_format_score (r->score);
      print_padded (r->assessment_name, 28);
      if (r->rank > 0)
        printf (_("score %s  rank %d/58  %s"), score, r->rank, r->classification_name);
      else
        printf ("%s", _("not published"));
      if (r->figure_classification_id && g_strcmp0 (r->figure_classification_id, r->classification_id) != 0)
        printf (_("  (classification figure: %s)"), r->figure_classification_name);
      printf ("\n");
      if (r->has_counts)
        {
          g_autofree char *fiche_score = repere_text_format_score (r->fiche_score);
          printf (_("  %-28s %d competencies: %d negligible, %d slight, %d moderate, %d important, "
                     "%d major; fiche score %s, %s\n"),
                   "", r->competencies, r->counts[0], r->counts[1], r->counts[2], r->counts[3],
                   r->counts[4], fiche_score, r->fiche_classification_name);
        }
      /* A user assessment: what the score rests on (issue 10). */
      if (repere_assessment_check_user (db, r->assessment_id, NULL))
        {
          RepereRatingProgress progress;
          if (repere_rating_get_progress (db, r->assessment_id, job->id, &progress, NULL))
            {
              g_autofree char *basis
                  = repere_rating_describe_basis (progress.basis, progress.rated, progress.retained);
              /* TRANSLATORS: under a user assessment's result in repere-cli show */
              printf (_("  %-28s basis of the score: %s\n"), "", basis);
              repere_rating_progress_clear (&progress);
            }
        }
    }

  if (!repere_cli_show_fiche (db, job->id, error))
    return FALSE;
  print_paragraphs (_("Job specifics"), job->description);
  print_paragraphs (_("Short-term applications of generative AI"), job->short_term);
  print_paragraphs (_("Five-year scenario"), job->scenario_5y);

  for (guint i = 0; i < job->use_cases->len; i++)
    {
      RepereUseCase *u = g_ptr_array_index (job->use_cases, i);
      if (last_context == NULL || g_strcmp0 (last_context, u->context) != 0)
        {
          printf ("\n%s\n", *u->context ? u->context : _("Use cases"));
          last_priority = -1;
        }
      last_context = u->context;
      if (u->priority != last_priority && u->priority > 0)
        printf (_("  Priority %d\n"), u->priority);
      last_priority = u->priority;
      printf ("  - %s\n", u->title);
      for (guint c = 0; c < u->comments->len; c++)
        {
          RepereComment *comment = g_ptr_array_index (u->comments, c);
          g_auto (GStrv) lines = g_strsplit (comment->text, "\n", -1);
          printf ("      %s : %s\n", repere_text_comment_kind (comment->kind), lines[0]);
          for (guint l = 1; lines[l]; l++)
            printf ("        %s\n", lines[l]);
        }
      if (*u->body)
        printf ("      %s\n", u->body);
      if (u->shared_with->len)
        {
          g_ptr_array_add (u->shared_with, NULL);
          g_autofree char *with = g_strjoinv (", ", (char **) u->shared_with->pdata);
          g_ptr_array_remove_index (u->shared_with, u->shared_with->len - 1);
          printf (_("      Also for: %s\n"), with);
        }
    }
  return TRUE;
}

/* `check --study`: the consistency report of the study as TSV, one finding
 * a line, after the header. */
static gboolean
print_study_findings (RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) findings = repere_consistency_check_study (db, error);
  g_autoptr (GString) out = g_string_new (NULL);
  static const char *const header[] = { "kind", "assessment", "job", "value", "source", "other_value",
                                        "other_source", "message" };

  if (findings == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    put_field (out, header[i], FALSE, i == 0);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);

      put_field (out, f->kind, FALSE, TRUE);
      put_field (out, f->assessment_id, FALSE, FALSE);
      put_field (out, f->job_name, FALSE, FALSE);
      put_field (out, f->value_a, FALSE, FALSE);
      put_field (out, f->source_a, FALSE, FALSE);
      put_field (out, f->value_b, FALSE, FALSE);
      put_field (out, f->source_b, FALSE, FALSE);
      put_field (out, f->message, FALSE, FALSE);
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
  return TRUE;
}

static gboolean
cmd_check (RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) problems = repere_db_check (db, error);

  if (problems == NULL)
    return FALSE;
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                   g_dngettext (NULL, "%u problem found", "%u problems found", problems->len),
                   problems->len);
      return FALSE;
    }
  /* The study's disagreements are reported, not failed on: they are the
   * study's, not the database's. */
  if (opts.study)
    return print_study_findings (db, error);
  printf ("%s\n", _("ok"));
  return TRUE;
}

static gboolean
cmd_families (RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) families = repere_db_family_overview (db, opts.assessment, error);

  if (families == NULL)
    return FALSE;
  printf ("family\tname\tjobs\tcore\temergent\tstrong_transformation\tevolving\tnot_impacted\n");
  for (guint i = 0; i < families->len; i++)
    {
      RepereFamilySummary *f = g_ptr_array_index (families, i);
      printf ("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n", f->code, f->name, f->jobs, f->core_jobs,
               f->per_class[0], f->per_class[1], f->per_class[2], f->per_class[3]);
    }
  return TRUE;
}

static gboolean
cmd_score_fit (RepereDb *db, GError **error)
{
  RepereScoreFit *fit = repere_score_fit (db, error);
  static const char *const levels[] = { "w1", "w2", "w3", "w4", "w5" };

  if (fit == NULL)
    return FALSE;
  printf ("%s\n", _("# Level weights (normalised: w5 = 1)"));
  for (int l = 0; l < 5; l++)
    printf ("%s\t%.4f\n", levels[l], fit->weights[l]);
  printf ("\n%s\n", _("# Largest raw index of each assessment (the job scored 1,00)"));
  for (guint a = 0; a < fit->assessments->len; a++)
    printf ("%s\t%.4f\n", (char *) g_ptr_array_index (fit->assessments, a),
            g_array_index (fit->max_index, double, a));
  printf ("\n%s\n", _("# Points: fiche level counts (4.2) against ranking-table scores"));
  printf ("assessment\tjob\tn1\tn2\tn3\tn4\tn5\tpublished\tmodel\tresidual\twithin\n");
  for (guint p = 0; p < fit->points->len; p++)
    {
      RepereFitPoint *point = g_ptr_array_index (fit->points, p);
      printf ("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.2f\t%.3f\t%+.3f\t%s\n", point->assessment_id, point->job_name,
              point->counts[0], point->counts[1], point->counts[2], point->counts[3], point->counts[4],
              point->published, point->fitted, point->residual,
              fabs (point->residual) <= REPERE_SCORE_TOLERANCE + 1e-9 ? "yes" : "NO");
    }
  printf ("\n");
  printf (_("# %u of %u points reproduced within ±%.2f\n"), fit->within, fit->points->len, REPERE_SCORE_TOLERANCE);
  for (guint p = 0; p < fit->points->len; p++)
    {
      RepereFitPoint *point = g_ptr_array_index (fit->points, p);
      if (fabs (point->residual) > REPERE_SCORE_TOLERANCE + 1e-9)
        printf (_("# not reproduced: %s, %s (published %.2f, model %.3f)\n"), point->job_name,
                point->assessment_id, point->published, point->fitted);
    }
  return TRUE;
}

static gboolean
parse_counts (char **args, int counts[5], GError **error)
{
  for (int l = 0; l < 5; l++)
    {
      guint64 value;
      if (!g_ascii_string_to_unsigned (args[l], 10, 0, 10000, &value, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Level count %d: “%s” is not a whole number"), l + 1, args[l]);
          return FALSE;
        }
      counts[l] = (int) value;
    }
  return TRUE;
}

static gboolean
cmd_assessment (RepereDb *db, int argc, char **argv, GError **error)
{
  if (argc == 3 && g_strcmp0 (argv[2], "list") == 0)
    {
      g_autoptr (GPtrArray) list = repere_db_list_assessments (db, error);
      if (list == NULL)
        return FALSE;
      printf ("id\tname\n");
      for (guint i = 0; i < list->len; i++)
        printf ("%s\t%s\n", ((RepereRef *) g_ptr_array_index (list, i))->id,
                ((RepereRef *) g_ptr_array_index (list, i))->name);
      return TRUE;
    }
  if (argc == 4 && g_strcmp0 (argv[2], "create") == 0)
    {
      g_autofree char *id = repere_assessment_create (db, argv[3], opts.from ? opts.from : REPERE_DEFAULT_ASSESSMENT,
                                                      error);
      if (id == NULL)
        return FALSE;
      printf ("%s\n", id);
      return TRUE;
    }
  if (argc == 4 && g_strcmp0 (argv[2], "delete") == 0)
    return repere_assessment_delete (db, argv[3], error);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _("Usage: assessment list | assessment create NAME [--from ID] | assessment delete ID"));
  return FALSE;
}

static gboolean
cmd_rate (RepereDb *db, int argc, char **argv, GError **error)
{
  g_autofree char *job = NULL;
  int counts[5];

  if (argc != 9)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: rate ASSESSMENT JOB N1 N2 N3 N4 N5"));
      return FALSE;
    }
  if ((job = repere_db_find_job (db, argv[3], error)) == NULL || !parse_counts (argv + 4, counts, error))
    return FALSE;
  return repere_assessment_set_level_counts (db, argv[2], job, counts, error);
}

static gboolean
cmd_revert (RepereDb *db, int argc, char **argv, GError **error)
{
  g_autofree char *job = NULL;
  int n_ratings;

  if (argc != 3 && argc != 4)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: revert ASSESSMENT [JOB]"));
      return FALSE;
    }
  if (argc == 4 && (job = repere_db_find_job (db, argv[3], error)) == NULL)
    return FALSE;
  /* Reverting clears competency ratings too: only when asked. */
  n_ratings = repere_assessment_count_ratings (db, argv[2], job);
  if (n_ratings > 0 && !opts.ratings)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_HAS_RATINGS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%d competency rating would be cleared too; add --ratings to revert anyway",
                                "%d competency ratings would be cleared too; add --ratings to revert anyway",
                                n_ratings),
                   n_ratings);
      return FALSE;
    }
  if (!repere_assessment_revert (db, argv[2], job, error))
    return FALSE;
  if (n_ratings > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%d competency rating cleared\n", "%d competency ratings cleared\n",
                             n_ratings),
                n_ratings);
  return TRUE;
}

/* --chart KIND: one view, or with @all_allowed "all" for the five in order. */
static gboolean
chart_kinds (const char *text, gboolean all_allowed, RepereChartKind *kinds, guint *n, GError **error)
{
  *n = 0;
  if (all_allowed && g_ascii_strcasecmp (text, "all") == 0)
    {
      for (guint k = 0; k < REPERE_CHART_N_KINDS; k++)
        kinds[(*n)++] = (RepereChartKind) k;
      return TRUE;
    }
  if (repere_chart_kind_parse (text, &kinds[0]))
    {
      *n = 1;
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               all_allowed ? _("Unknown chart “%s” (ranking, classification, distribution, evolution, families, all)")
                           : _("Unknown chart “%s” (ranking, classification, distribution, evolution, families)"),
               text);
  return FALSE;
}

/* `export --format csv [filters] [--delimiter semicolon|comma] [--bom]
 * [--output FILE]`: what the window's "Export list as CSV…" writes. */
static gboolean
cmd_export (RepereDb *db, GError **error)
{
  RepereJobFilter filter;
  RepereExportOptions options;
  g_autoptr (GListStore) jobs = NULL;
  gboolean french = TRUE;

  if (g_strcmp0 (opts.format ? opts.format : "csv", "csv") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Unknown export format “%s” (csv)"), opts.format);
      return FALSE;
    }
  if (opts.delimiter && g_strcmp0 (opts.delimiter, "semicolon") != 0 && g_strcmp0 (opts.delimiter, ";") != 0)
    {
      if (g_strcmp0 (opts.delimiter, "comma") != 0 && g_strcmp0 (opts.delimiter, ",") != 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown delimiter “%s” (semicolon, comma)"), opts.delimiter);
          return FALSE;
        }
      french = FALSE;
    }
  repere_export_options_init (&options, french);
  options.bom = opts.bom;
  if (opts.survey)
    return repere_cli_export_survey (db, &options, opts.output, error);
  if (opts.chart)
    {
      /* The table behind a view (render/repere-chart-csv.c), as the Views
       * page's "Export CSV…" writes it. */
      RepereChartKind kind;
      guint n;
      g_autoptr (RepereChart) chart = NULL;
      gsize length;
      g_autofree char *text = NULL;

      if (!chart_kinds (opts.chart, FALSE, &kind, &n, error) || !jobs_filter (&filter, error)
          || (chart = repere_chart_new (db, kind, &filter, opts.compare, error)) == NULL)
        return FALSE;
      if (opts.output)
        return repere_chart_csv_to_file (chart, &options, opts.output, error);
      text = repere_chart_csv (chart, &options, &length);
      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write to the standard output"));
          return FALSE;
        }
      return TRUE;
    }
  if (!jobs_filter (&filter, error) || (jobs = repere_db_list_jobs (db, &filter, error)) == NULL)
    return FALSE;
  if (opts.output)
    return repere_export_jobs_to_file (G_LIST_MODEL (jobs), &options, opts.output, error);
  {
    gsize length;
    g_autofree char *text = repere_export_jobs_csv (G_LIST_MODEL (jobs), &options, &length);
    if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write to the standard output"));
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean ensure_rome (RepereDb *db, GError **error);

/* `print --pdf FILE [filters]` and `print --job JOB --pdf FILE`: the same
 * pages as the window's print dialog (render/repere-print.c). */
static gboolean
cmd_print (RepereDb *db, GError **error)
{
  ReperePageSetup setup;
  ReperePaper paper = REPERE_PAPER_A4;
  RepereJobFilter filter;

  if (opts.pdf == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: print --pdf FILE [filters] | print --job JOB --pdf FILE"));
      return FALSE;
    }
  if (opts.paper && !repere_paper_parse (opts.paper, &paper))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Unknown paper “%s” (a4, letter)"), opts.paper);
      return FALSE;
    }
  if (opts.font_size != 0 && (opts.font_size < 4 || opts.font_size > 36))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Font size %g out of range (4 to 36 points)"),
                   opts.font_size);
      return FALSE;
    }
  repere_page_setup_init (&setup, paper, opts.landscape, opts.font_size);
  /* The Consultation and Étude pages (render/repere-study-print.c). */
  if (opts.survey || opts.study)
    return repere_cli_print_study (db, opts.survey, &setup, opts.pdf, error);
  if (opts.chart)
    {
      RepereChartKind kinds[REPERE_CHART_N_KINDS];
      guint n = 0;
      if (!chart_kinds (opts.chart, TRUE, kinds, &n, error) || !jobs_filter (&filter, error))
        return FALSE;
      return repere_print_charts_to_pdf (db, kinds, n, &filter, opts.compare, &setup, opts.pdf, error);
    }
  if (opts.job)
    {
      /* The sheet lists the job's ROME competencies: the bundled referential
       * first, as for the other commands that read it. */
      g_autofree char *id = repere_db_find_job (db, opts.job, error);
      return id != NULL && ensure_rome (db, error) && repere_print_job_to_pdf (db, id, &setup, opts.pdf, error);
    }
  return jobs_filter (&filter, error) && repere_print_list_to_pdf (db, &filter, &setup, opts.pdf, error);
}
/* chart KIND --output FILE: a view of the study drawn with cairo (render/repere-chart.c). */
static gboolean
cmd_chart (RepereDb *db, const char *kind_text, GError **error)
{
  RepereJobFilter filter = { 0 };
  RepereRenderStyle style;
  RepereChartKind kind;
  g_autoptr (RepereChart) chart = NULL;

  if (!repere_chart_kind_parse (kind_text, &kind))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown chart “%s” (ranking, classification, distribution, evolution, families)"), kind_text);
      return FALSE;
    }
  if (opts.output == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: chart KIND --output FILE.png|.svg|.pdf"));
      return FALSE;
    }
  if (opts.width != 0 && opts.width < 320)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Width %d is too small (320 or more)"),
                   opts.width);
      return FALSE;
    }
  filter.assessment = opts.assessment;
  filter.family = opts.family;
  filter.classification = opts.classification;
  filter.core_only = opts.core;
  filter.search = opts.search;
  filter.descending = opts.descending;
  if (opts.sort && !repere_sort_column_parse (opts.sort, &filter.sort))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown sort column “%s” (rank, job, family, core, score, classification, relevance)"),
                   opts.sort);
      return FALSE;
    }
  if ((chart = repere_chart_new (db, kind, &filter, opts.compare, error)) == NULL)
    return FALSE;
  repere_render_style_init (&style, opts.dark, 13);
  return repere_chart_export (chart, opts.output, &style, opts.width ? opts.width : 900, error);
}

static const char *chart_summary_text
    = N_("  chart KIND --output FILE   draw a view as PNG, SVG or PDF: ranking, classification,\n"
         "                    distribution, evolution, families (jobs filters; --compare ID,\n"
         "                    --dark, --width N)");
/* ROME import: progress on stderr, rewritten in place on a terminal, one
 * line per phase and per 10 % otherwise. */
typedef struct
{
  gboolean tty;
  char *phase;
  int percent;
} Progress;

static void
on_progress (double fraction, const char *phase, gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int) (fraction * 100 + 0.5);
  gboolean new_phase = g_strcmp0 (phase, progress->phase) != 0;

  if (progress->tty)
    fprintf (stderr, "\r\033[K%s %3d %%", phase, percent);
  else if (new_phase || percent / 10 != progress->percent / 10)
    fprintf (stderr, "%s %d %%\n", phase, percent);
  progress->percent = percent;
  if (new_phase)
    {
      g_free (progress->phase);
      progress->phase = g_strdup (phase);
    }
}

static void
progress_end (Progress *progress)
{
  if (progress->tty && progress->phase)
    fprintf (stderr, "\r\033[K");
  g_clear_pointer (&progress->phase, g_free);
  progress->percent = 0;
}

/* A ROME import touches about 40 MB of memory that the process has not
 * used before (SQLite's page cache and the index sorter on this thread, the
 * reading thread's tables of keys). Each first touch of a 4 KiB page is a
 * page fault: about 10,000 per import of v460, a fifth of its CPU time on
 * the development machine (a virtual machine, where faults are dear). This
 * process is short-lived, so before an import it gives its heap to
 * transparent huge pages (2 MiB, one fault each; the kernel's "madvise"
 * mode, its usual default): the heap grows once by about 96 MiB of address
 * space, marked MADV_HUGEPAGE, every thread allocates from it (one arena),
 * and freed memory stays in it until the process ends. Only the memory
 * touched is resident (peak RSS: bench/bench-import.sh). glibc only;
 * elsewhere, or when the heap cannot grow, nothing changes. */
static void
prepare_bulk_heap (void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  static gboolean done;
  const uintptr_t huge_page = 2 << 20;
  char *block, *start, *end;

  if (done)
    return;
  done = TRUE;
  mallopt (M_ARENA_MAX, 1);
  mallopt (M_MMAP_THRESHOLD, 64 << 20);
  mallopt (M_TRIM_THRESHOLD, 256 << 20);
  mallopt (M_TOP_PAD, 64 << 20);
  /* Below the mmap threshold: taken from the heap, which grows by it and
   * the pad; freed at once, it goes back to the heap's free top. */
  block = malloc (32 << 20);
  if (block == NULL)
    return;
  end = sbrk (0);
  start = (char *) (((uintptr_t) block + huge_page - 1) & ~(huge_page - 1));
  if (end != (char *) -1 && end > start)
    madvise (start, (size_t) (end - start), MADV_HUGEPAGE);
  free (block);
#endif
}

/* The referential bundled with Repère (issue 9): loaded before a command
 * that reads or changes the ROME referential when the database has none in
 * force (a new database, or one whose imports were all rolled back),
 * unless --no-bundled-rome. */
static gboolean
ensure_rome (RepereDb *db, GError **error)
{
  Progress progress = { isatty (fileno (stderr)) };
  gboolean needed = FALSE;
  gint64 batch;

  if (opts.no_bundled_rome)
    return TRUE;
  if (!repere_rome_bundle_needed (db, &needed, error))
    return FALSE;
  if (!needed)
    return TRUE;
  g_printerr (_("Loading the ROME %s referential bundled with Repère…\n"), REPERE_ROME_BUNDLED_VERSION);
  prepare_bulk_heap ();
  batch = repere_rome_bundle_load (db, on_progress, &progress, NULL, error);
  progress_end (&progress);
  return batch >= 0;
}

/* Prints at most @limit items of a list, then how many more. */
static void
print_code_changes (const char *title, GPtrArray *changes, guint limit)
{
  if (changes->len == 0)
    return;
  printf ("%s (%u)\n", title, changes->len);
  for (guint i = 0; i < changes->len && i < limit; i++)
    {
      RepereRomeCodeChange *change = g_ptr_array_index (changes, i);
      if (change->old_title && change->new_title)
        printf ("  %s  %s → %s\n", change->code, change->old_title, change->new_title);
      else
        printf ("  %s  %s\n", change->code, change->new_title ? change->new_title : change->old_title);
    }
  if (changes->len > limit)
    printf (_("  … and %u more\n"), changes->len - limit);
}

static void
print_competency_changes (const char *title, GPtrArray *changes, guint limit)
{
  if (changes->len == 0)
    return;
  printf ("%s (%u)\n", title, changes->len);
  for (guint i = 0; i < changes->len && i < limit; i++)
    {
      RepereRomeCompetencyChange *change = g_ptr_array_index (changes, i);
      if (change->old_label && change->new_label)
        printf ("  %" G_GINT64_FORMAT "  %s → %s\n", change->id, change->old_label, change->new_label);
      else
        printf ("  %" G_GINT64_FORMAT "  %s\n", change->id, change->new_label ? change->new_label : change->old_label);
    }
  if (changes->len > limit)
    printf (_("  … and %u more\n"), changes->len - limit);
}

static void
print_counts (const RepereRomeCounts *c)
{
  printf (_("%u ROME codes, %u appellations, %u competencies, %u macro-competencies, %u savoirs;\n"
            "%u links (%u savoir-faire, %u savoir-être, %u savoirs)\n"),
          c->codes, c->appellations, c->competencies, c->macros, c->savoirs, c->links, c->links_savoir_faire,
          c->links_savoir_etre, c->links_savoir);
  printf (_("%u definition and %u access sentences, %u work contexts (%u links), %u mobility links, %u grands "
            "domaines, %u domaines professionnels\n"),
          c->texts_definition, c->texts_access, c->contexts, c->context_links, c->mobility_links, c->grand_domains,
          c->domains);
}

static void
print_diff (const RepereRomeDiff *diff)
{
  if (diff->previous_version)
    printf (_("ROME %s over the current ROME %s\n"), diff->version, diff->previous_version);
  else
    printf (_("ROME %s, first import\n"), diff->version);
  print_counts (&diff->counts);
  if (diff->identical)
    {
      printf ("%s\n", _("Identical to the current referential: nothing to change."));
      return;
    }
  if (diff->previous_version == NULL && diff->previous_counts.codes == 0)
    return;
  print_code_changes (_("Codes added"), diff->codes_added, 50);
  print_code_changes (_("Codes removed"), diff->codes_removed, 50);
  print_code_changes (_("Codes retitled"), diff->codes_retitled, 50);
  print_competency_changes (_("Competencies added"), diff->competencies_added, 50);
  print_competency_changes (_("Competencies removed"), diff->competencies_removed, 50);
  print_competency_changes (_("Competencies relabelled"), diff->competencies_relabelled, 50);
  printf (_("Other changes: %u competencies; appellations +%u −%u ~%u; links +%u −%u ~%u\n"),
          diff->competencies_changed, diff->appellations_added, diff->appellations_removed,
          diff->appellations_changed, diff->links_added, diff->links_removed, diff->links_changed);
  printf (_("Fiches: %u codes with other flags or domain; texts +%u −%u ~%u; work contexts +%u −%u ~%u, their "
            "links +%u −%u ~%u; mobility +%u −%u ~%u; domains +%u −%u ~%u\n"),
          diff->codes_changed, diff->texts.added, diff->texts.removed, diff->texts.changed, diff->contexts.added,
          diff->contexts.removed, diff->contexts.changed, diff->context_links.added, diff->context_links.removed,
          diff->context_links.changed, diff->mobility.added, diff->mobility.removed, diff->mobility.changed,
          diff->domains.added, diff->domains.removed, diff->domains.changed);
  for (guint i = 0; i < diff->jobs->len; i++)
    {
      RepereRomeJobChange *job = g_ptr_array_index (diff->jobs, i);
      printf (_("Job %s: +%u −%u competencies"), job->job_name, job->competencies_added->len,
              job->competencies_removed->len);
      for (guint j = 0; j < job->codes_removed->len; j++)
        printf (j == 0 ? _("; its code %s is removed") : ", %s", (char *) g_ptr_array_index (job->codes_removed, j));
      printf ("\n");
    }
  for (guint i = 0; i < diff->flagged_ratings->len; i++)
    {
      RepereFlaggedRating *rating = g_ptr_array_index (diff->flagged_ratings, i);
      printf (_("Rating kept and flagged: %s, %s, %" PRId64 " %s (level %d)\n"), rating->assessment_id,
              rating->job_id, rating->competency_id, rating->label, rating->level);
    }
}

/* Which encoding the files were read in (the reader never guesses
 * silently): to stderr, with the progress, so that stdout stays the diff. */
static void
print_encodings (RepereRomeImport *import)
{
  g_autofree char *text = repere_rome_import_describe_encodings (import);

  if (*text)
    g_printerr ("%s\n", text);
}

static gboolean
cmd_import_rome (RepereDb *db, const char *dir, GError **error)
{
  g_autoptr (RepereRomeImport) import = NULL;
  Progress progress = { isatty (fileno (stderr)) };
  RepereCsvEncoding encoding = REPERE_CSV_ENCODING_AUTO;
  const RepereRomeDiff *diff;
  gint64 batch;

  prepare_bulk_heap ();
  if (opts.encoding)
    {
      g_autofree char *name = g_ascii_strdown (opts.encoding, -1);
      if (g_str_equal (name, "utf-8") || g_str_equal (name, "utf8"))
        encoding = REPERE_CSV_ENCODING_UTF8;
      else if (g_str_equal (name, "windows-1252") || g_str_equal (name, "cp1252"))
        encoding = REPERE_CSV_ENCODING_WINDOWS_1252;
      else if (g_str_equal (name, "latin1") || g_str_equal (name, "iso-8859-1"))
        encoding = REPERE_CSV_ENCODING_LATIN1;
      else if (!g_str_equal (name, "auto"))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown encoding “%s” (auto, utf-8, windows-1252, latin1)"), opts.encoding);
          return FALSE;
        }
    }
  if (!ensure_rome (db, error))
    return FALSE;
  if (opts.dry_run)
    {
      import = repere_rome_import_prepare (db, dir, encoding, on_progress, &progress, NULL, error);
      progress_end (&progress);
      if (import == NULL)
        return FALSE;
      diff = repere_rome_import_get_diff (import);
      print_diff (diff);
      print_encodings (import);
      if (!diff->identical)
        printf ("%s\n", _("Dry run: nothing applied."));
      return TRUE;
    }
  /* Read and apply at once: a first import goes straight into the tables. */
  batch = repere_rome_import_run (db, dir, encoding, on_progress, &progress, NULL, &import, error);
  progress_end (&progress);
  if (batch < 0)
    return FALSE;
  diff = repere_rome_import_get_diff (import);
  print_diff (diff);
  print_encodings (import);
  if (diff->identical)
    return TRUE;
  printf (_("Applied as import %" PRId64 ".\n"), batch);
  return TRUE;
}

static gboolean
cmd_rome_history (RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) history = NULL;

  if (!ensure_rome (db, error) || (history = repere_rome_list_history (db, error)) == NULL)
    return FALSE;
  if (history->len == 0)
    printf ("%s\n", _("No ROME import yet."));
  for (guint i = 0; i < history->len; i++)
    {
      RepereRomeBatch *batch = g_ptr_array_index (history, i);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s", batch->batch_id, batch->label,
              batch->finished_at ? batch->finished_at : "");
      if (batch->rolled_back_at)
        printf (_("\trolled back %s"), batch->rolled_back_at);
      if (!batch->fiche)
        printf ("\t%s", _("without fiche texts, contexts and mobility (imported by an earlier Repère)"));
      printf (_("\tcodes %u (+%u −%u, %u retitled), competencies +%u −%u\n"), batch->counts.codes,
              batch->codes_added, batch->codes_removed, batch->codes_retitled, batch->competencies_added,
              batch->competencies_removed);
      for (guint j = 0; j < batch->files->len; j++)
        {
          RepereRomeFile *file = g_ptr_array_index (batch->files, j);
          printf ("\t%s\t%" G_GINT64_FORMAT "\t%s\n", file->name, file->rows, file->sha256);
        }
    }
  return TRUE;
}

static gboolean
cmd_rollback_rome (RepereDb *db, GError **error)
{
  g_autoptr (RepereRomeBatch) batch = NULL;
  g_autofree char *version = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!repere_rome_rollback_last (db, &batch, error))
    return FALSE;
  printf (_("Rolled back import %" PRId64 " (%s)\n"), batch ? batch->batch_id : 0, batch ? batch->label : "");
  /* Never back to nothing: the bundled referential comes back. */
  if (!ensure_rome (db, error))
    return FALSE;
  version = repere_rome_get_current_version (db, &local_error);
  if (version)
    printf (_("The current referential is ROME %s.\n"), version);
  else
    printf ("%s\n", _("No ROME referential remains."));
  return TRUE;
}

/* Job ↔ ROME mapping and ROME competencies (issue 4). */
static gboolean
cmd_restore_mapping (RepereDb *db, GError **error)
{
  guint rows = 0;

  if (!repere_mapping_restore_bundled (db, &rows, error))
    return FALSE;
  g_printerr (ngettext ("%u row of the bundled mapping restored; it replaces the previous mapping\n",
                        "%u rows of the bundled mapping restored; they replace the previous mapping\n", rows),
              rows);
  return TRUE;
}

static gboolean
cmd_import_mapping (RepereDb *db, const char *path, GError **error)
{
  guint rows = 0;
  RepereCsvEncoding encoding = REPERE_CSV_ENCODING_AUTO;

  if (!ensure_rome (db, error))
    return FALSE;
  g_printerr (_("Importing the job ↔ ROME mapping from %s…\n"), path);
  if (!repere_mapping_import_full (db, path, &rows, &encoding, error))
    return FALSE;
  g_printerr (_("Encoding read: %s.\n"), repere_csv_encoding_get_name (encoding));
  g_printerr (ngettext ("%u mapping row imported; it replaces the previous mapping\n",
                        "%u mapping rows imported; they replace the previous mapping\n", rows),
              rows);
  return TRUE;
}

static gboolean
cmd_export_mapping (RepereDb *db, const char *path, GError **error)
{
  guint rows = 0;

  if (!repere_mapping_export (db, path, &rows, error))
    return FALSE;
  g_printerr (ngettext ("%u mapping row written to %s\n", "%u mapping rows written to %s\n", rows), rows, path);
  return TRUE;
}

static gboolean
cmd_competencies (RepereDb *db, const char *query, GError **error)
{
  g_autofree char *job = repere_db_find_job (db, query, error);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  int counts[REPERE_COMPETENCY_N_KINDS] = { 0 };
  static const char *const header[] = { "kind", "id", "label", "category", "subcategory", "macro_competency",
                                        "core", "rome_codes", "rating", "removed" };

  if (job == NULL || !ensure_rome (db, error))
    return FALSE;
  if (!repere_competency_has_referential (db))
    g_printerr (_("No ROME referential is imported: run repere-cli import-rome DIR first\n"));
  if ((list = repere_competency_list_for_job (db, job, opts.assessment, error)) == NULL)
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    put_field (out, header[c], FALSE, c == 0);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *competency = g_ptr_array_index (list, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, competency->id);
      g_autofree char *rating = competency->rating ? g_strdup_printf ("%d", competency->rating) : g_strdup ("");
      const char *fields[] = { repere_competency_kind_id (competency->kind), id, competency->label,
                               competency->category, competency->subcategory, competency->macro_label,
                               competency->core, competency->rome_codes, rating, competency->removed ? "1" : "0" };
      for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
        put_field (out, fields[c], FALSE, c == 0);
      g_string_append_c (out, '\n');
      if (*competency->rome_codes)
        counts[competency->kind]++;
    }
  fputs (out->str, stdout);
  g_printerr (_("%s: %d savoir-faire, %d savoir-être professionnels, %d savoirs\n"), job,
              counts[REPERE_COMPETENCY_SAVOIR_FAIRE], counts[REPERE_COMPETENCY_SAVOIR_ETRE],
              counts[REPERE_COMPETENCY_SAVOIR]);
  return TRUE;
}

static const char *
flag_text (RepereRomeFlag flag)
{
  return flag == REPERE_ROME_FLAG_YES ? _("yes") : flag == REPERE_ROME_FLAG_NO ? _("no") : _("not stated");
}

/* repere-cli rome CODE: the fiche as the referential in force holds it. */
static gboolean
cmd_rome (RepereDb *db, const char *code, GError **error)
{
  g_autoptr (RepereRomeFiche) fiche = NULL;
  const char *eco;
  int kind = -1;

  if (!ensure_rome (db, error) || (fiche = repere_rome_fiche_get (db, code, error)) == NULL)
    return FALSE;
  printf ("%s  %s\n", fiche->code, fiche->title);
  if (*fiche->domain_code)
    printf ("%s: %s %s › %s %s\n", _("Domain"), fiche->grand_domain_code, fiche->grand_domain, fiche->domain_code,
            fiche->domain);
  eco = repere_rome_transition_eco_label (fiche->transition_eco);
  printf ("%s: %s\n", _("Ecological transition"), *fiche->transition_eco ? fiche->transition_eco : _("not stated"));
  if (eco && eco != fiche->transition_eco)
    printf ("  (%s)\n", eco);
  printf ("%s: %s · %s: %s · %s: %s · %s: %s\n", _("Digital transition"), flag_text (fiche->transition_num),
          _("Demographic transition"), flag_text (fiche->transition_demo), _("Regulated job"),
          flag_text (fiche->regulated), _("Executive job"), flag_text (fiche->executive));
  if (!fiche->fiche_imported)
    printf ("%s\n", _("The referential in force was imported by an earlier Repère: import it again for the texts, "
                      "work contexts and mobility."));
  printf ("\n%s\n", _("Definition"));
  for (guint i = 0; i < fiche->definition->len; i++)
    printf ("  – %s\n", (char *) g_ptr_array_index (fiche->definition, i));
  printf ("\n%s\n", _("Access to the job"));
  for (guint i = 0; i < fiche->access->len; i++)
    printf ("  – %s\n", (char *) g_ptr_array_index (fiche->access, i));
  printf ("\n%s\n", _("Work contexts"));
  for (guint i = 0; i < fiche->contexts->len; i++)
    {
      RepereRomeContextGroup *group = g_ptr_array_index (fiche->contexts, i);
      printf ("  %s\n", group->type_label);
      for (guint j = 0; j < group->contexts->len; j++)
        printf ("    – %s\n", ((RepereRomeContext *) g_ptr_array_index (group->contexts, j))->label);
    }
  printf ("\n%s (%u)\n", _("Mobility"), fiche->mobility->len);
  for (guint i = 0; i < fiche->mobility->len; i++)
    {
      RepereRomeMobility *m = g_ptr_array_index (fiche->mobility, i);
      printf ("  %s  %s", m->code, m->title);
      if (m->job_names->len > 0)
        {
          g_ptr_array_add (m->job_names, NULL);
          {
            g_autofree char *jobs = g_strjoinv (", ", (char **) m->job_names->pdata);
            printf (_("  → in the referential: %s"), jobs);
          }
          g_ptr_array_remove_index (m->job_names, m->job_names->len - 1);
        }
      printf ("\n");
    }
  printf ("\n%s (%u)\n", _("Competencies"), fiche->competencies->len);
  for (guint i = 0; i < fiche->competencies->len; i++)
    {
      RepereRomeFicheCompetency *c = g_ptr_array_index (fiche->competencies, i);
      if ((int) c->kind != kind)
        printf ("  %s\n", repere_competency_kind_label (kind = c->kind));
      printf ("    %" G_GINT64_FORMAT "\t%s", c->id, c->label);
      if (g_strcmp0 (c->core, "principale") == 0)
        printf (" [%s]", _("Principale"));
      else if (g_strcmp0 (c->core, "emergente") == 0)
        printf (" [%s]", _("Émergente"));
      if (c->transition_eco == REPERE_ROME_FLAG_YES)
        printf (" [%s]", _("ecological transition"));
      if (c->transition_num == REPERE_ROME_FLAG_YES)
        printf (" [%s]", _("digital transition"));
      printf ("\n");
    }
  return TRUE;
}

static gboolean
parse_competency_id (const char *text, gint64 *id, GError **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a competency id (its ROME code_ogr, a number)"), text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static gboolean
cmd_competency (RepereDb *db, const char *text, GError **error)
{
  g_autoptr (RepereCompetencyDetail) detail = NULL;
  gint64 id;

  g_autoptr (GPtrArray) top = NULL;

  if (!parse_competency_id (text, &id, error) || !ensure_rome (db, error)
      || (detail = repere_competency_get (db, id, error)) == NULL
      || (top = repere_rome_top_competency_matches (db, id, error)) == NULL)
    return FALSE;
  printf ("%s\n", detail->label);
  printf ("%s: %s\n", _("Kind"), repere_competency_kind_label (detail->kind));
  printf ("%s: %s%s%s\n", _("Category"), detail->category, *detail->subcategory ? " — " : "", detail->subcategory);
  if (*detail->macro_label)
    printf ("%s: %s\n", _("Macro-competency"), detail->macro_label);
  if (*detail->definition)
    printf ("%s: %s\n", _("Definition"), detail->definition);
  if (detail->removed)
    printf ("%s\n", _("Removed from ROME by a later import"));
  if (detail->transition_eco == 1)
    printf ("%s\n", _("ROME: linked to the ecological transition"));
  if (detail->transition_num == 1)
    printf ("%s\n", _("ROME: linked to the digital transition"));
  for (guint i = 0; i < top->len; i++)
    {
      RepereTopCompetencyMatch *match = g_ptr_array_index (top, i);
      printf (match->exact ? _("Study, section 3.3: no. %d of the ten most exposed competencies, “%s” (exact match)\n")
                           : _("Study, section 3.3: no. %d of the ten most exposed competencies, “%s” (close match: %s)\n"),
              match->position, match->label, match->note);
    }
  printf ("\n%s (%u)\n", _("Jobs"), detail->jobs->len);
  for (guint i = 0; i < detail->jobs->len; i++)
    {
      RepereCompetencyJob *job = g_ptr_array_index (detail->jobs, i);
      printf ("%s\t%s\t%s\n", job->job_id, job->job_name, job->rome_codes);
    }
  printf ("\n%s (%u)\n", _("ROME codes"), detail->codes->len);
  for (guint i = 0; i < detail->codes->len; i++)
    {
      RepereCompetencyCode *code = g_ptr_array_index (detail->codes, i);
      printf ("%s\t%s\t%s\n", code->code, code->title, code->core);
    }
  return TRUE;
}

static gboolean
cmd_search_competencies (RepereDb *db, const char *text, GError **error)
{
  g_autoptr (GPtrArray) hits = NULL;

  if (!ensure_rome (db, error) || (hits = repere_competency_search (db, text, NULL, FALSE, 0, error)) == NULL)
    return FALSE;
  printf ("id\tkind\tlabel\tjobs\trome_codes\n");
  for (guint i = 0; i < hits->len; i++)
    {
      RepereCompetencyHit *hit = g_ptr_array_index (hits, i);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%d\t%d\n", hit->id, repere_competency_kind_id (hit->kind), hit->label,
              hit->n_jobs, hit->n_codes);
    }
  g_printerr (ngettext ("%u competency\n", "%u competencies\n", hits->len), hits->len);
  return TRUE;
}

static gboolean
cmd_rate_competency (RepereDb *db, int argc, char **argv, GError **error)
{
  g_autofree char *job = NULL;
  gint64 id;
  guint64 level;

  if (argc != 6)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: rate-competency ASSESSMENT JOB COMPETENCY LEVEL (1–5, 0 clears)"));
      return FALSE;
    }
  if ((job = repere_db_find_job (db, argv[3], error)) == NULL || !parse_competency_id (argv[4], &id, error)
      || !ensure_rome (db, error))
    return FALSE;
  if (!g_ascii_string_to_unsigned (argv[5], 10, 0, REPERE_RATING_MAX, &level, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a level (1–5, or 0 to clear the rating)"), argv[5]);
      return FALSE;
    }
  if (opts.rater)
    return repere_rating_rate (db, argv[2], job, opts.rater, &id, 1, (int) level, error);
  return repere_competency_rate (db, argv[2], job, id, (int) level, error);
}

/* Ratings by several raters, sheets, consolidation (issue 10) ------------- */

/* The jobs of --job, as ids (NULL-terminated), or NULL when none given. */
static GStrv
resolve_jobs (RepereDb *db, GError **error)
{
  g_autoptr (GStrvBuilder) builder = NULL;

  if (opts.jobs == NULL || opts.jobs[0] == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; opts.jobs[i]; i++)
    {
      g_autofree char *id = repere_db_find_job (db, opts.jobs[i], error);
      if (id == NULL)
        return NULL;
      g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static gboolean
cmd_rating_sheet (RepereDb *db, int argc, char **argv, GError **error)
{
  if (argc == 4 && g_strcmp0 (argv[2], "export") == 0 && opts.output)
    {
      g_auto (GStrv) jobs = resolve_jobs (db, error);
      if (opts.jobs && jobs == NULL)
        return FALSE;
      if (!repere_rating_sheet_export (db, argv[3], (const char *const *) jobs, opts.rater, opts.output, error))
        return FALSE;
      g_printerr (_("Rating sheets written to %s\n"), opts.output);
      return TRUE;
    }
  if (argc == 5 && g_strcmp0 (argv[2], "import") == 0)
    {
      g_autoptr (RepereSheetImport) import = repere_rating_sheet_read (db, argv[3], argv[4], opts.rater, error);
      GPtrArray *notes;
      guint n;

      if (import == NULL)
        return FALSE;
      notes = repere_sheet_import_get_notes (import);
      for (guint i = 0; i < notes->len; i++)
        g_printerr ("%s\n", (char *) g_ptr_array_index (notes, i));
      if (!repere_rating_sheet_apply (db, import, error))
        return FALSE;
      n = repere_sheet_import_get_n_ratings (import);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u level of %s imported (%s, %u job)\n",
                               "%u levels of %s imported (%s, %u jobs)\n", n),
                  n, repere_sheet_import_get_rater (import), repere_sheet_import_get_format (import),
                  repere_sheet_import_get_n_jobs (import));
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _("Usage: rating-sheet export ASSESSMENT [--job JOB]… --output FILE.xlsx|FILE.csv | "
                 "rating-sheet import ASSESSMENT FILE [--rater NAME]"));
  return FALSE;
}

static gboolean
cmd_raters (RepereDb *db, const char *assessment, GError **error)
{
  g_autoptr (GPtrArray) raters = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  static const char *const header[] = { "rater", "ratings", "jobs", "first_rated_at", "last_rated_at", "sheets" };

  if (!repere_assessment_check_user (db, assessment, error)
      || (raters = repere_rating_list_raters (db, assessment, error)) == NULL)
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    put_field (out, header[c], FALSE, c == 0);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < raters->len; i++)
    {
      RepereRater *rater = g_ptr_array_index (raters, i);
      g_autofree char *ratings = g_strdup_printf ("%u", rater->ratings);
      g_autofree char *jobs = g_strdup_printf ("%u", rater->jobs);
      const char *fields[] = { rater->name, ratings, jobs, rater->first_at, rater->last_at, rater->sources };
      for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
        put_field (out, fields[c], FALSE, c == 0);
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
  return TRUE;
}

static gboolean
cmd_agreement (RepereDb *db, const char *assessment, GError **error)
{
  g_auto (GStrv) jobs = resolve_jobs (db, error);
  g_autoptr (RepereAgreement) agreement = NULL;
  g_autofree char *tsv = NULL;
  g_autofree char *rule = NULL;

  if (opts.jobs && jobs == NULL)
    return FALSE;
  if (!repere_assessment_check_user (db, assessment, error)
      || (agreement = repere_agreement_compute (db, assessment, (const char *const *) jobs, error)) == NULL)
    return FALSE;
  if (opts.pdf)
    {
      /* The report as the window prints it. */
      g_autoptr (RepereDocument) doc = repere_print_agreement_new (agreement);
      ReperePageSetup setup;
      ReperePaper paper = REPERE_PAPER_A4;
      if (opts.paper && !repere_paper_parse (opts.paper, &paper))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Unknown paper “%s” (a4, letter)"),
                       opts.paper);
          return FALSE;
        }
      repere_page_setup_init (&setup, paper, opts.landscape,
                              opts.font_size > 0 ? opts.font_size : REPERE_PRINT_DEFAULT_FONT_SIZE);
      return repere_document_write_pdf (doc, &setup, opts.pdf, error);
    }
  if (g_strcmp0 (opts.format, "csv") == 0)
    {
      /* For spreadsheets: French by default, as export does. */
      RepereExportOptions options;
      gsize length;
      g_autofree char *csv = NULL;
      repere_export_options_init (&options, g_strcmp0 (opts.delimiter, "comma") != 0);
      options.bom = opts.bom;
      csv = repere_agreement_to_csv (agreement, &options, &length);
      if (opts.output)
        return repere_export_text_to_file (csv, length, opts.output, error);
      fwrite (csv, 1, length, stdout);
      return TRUE;
    }
  tsv = repere_agreement_to_tsv (agreement);
  fputs (tsv, stdout);
  rule = repere_rule_describe (&agreement->rule);
  g_printerr (_("%u raters, %u competencies, %u contested; the assessment’s levels: %s\n"), agreement->raters->len,
              agreement->units, agreement->contested, rule);
  return TRUE;
}

static gboolean
cmd_consolidate (RepereDb *db, const char *assessment, GError **error)
{
  RepereRule rule = { 0 };
  g_autofree char *text = NULL;
  gboolean ok;

  if (opts.rule == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: consolidate ASSESSMENT --rule median|mean|rater:NAME"));
      return FALSE;
    }
  if (!repere_rule_parse (opts.rule, &rule, error))
    return FALSE;
  ok = repere_rating_consolidate (db, assessment, &rule, error);
  if (!ok && rule.kind == REPERE_RULE_RATER && g_error_matches (*error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND))
    {
      /* The window offers the raters; here, the command that lists them. */
      g_autofree char *message = g_strdup_printf (_("%s (see repere-cli raters)"), (*error)->message);
      g_free ((*error)->message);
      (*error)->message = g_steal_pointer (&message);
    }
  text = repere_rule_describe (&rule);
  repere_rule_clear (&rule);
  if (ok)
    g_printerr (_("Levels consolidated by %s; scores, ranks and classes recomputed\n"), text);
  return ok;
}

static gboolean
cmd_apply_ratings (RepereDb *db, int argc, char **argv, GError **error)
{
  g_autofree char *job = NULL;

  if (argc != 4 && !(argc == 5 && (g_strcmp0 (argv[4], "yes") == 0 || g_strcmp0 (argv[4], "no") == 0)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: apply-ratings ASSESSMENT JOB [yes|no]"));
      return FALSE;
    }
  if ((job = repere_db_find_job (db, argv[3], error)) == NULL)
    return FALSE;
  return repere_rating_apply (db, argv[2], job, argc == 4 || g_strcmp0 (argv[4], "yes") == 0, error);
}

static gboolean
cmd_retain (RepereDb *db, int argc, char **argv, GError **error)
{
  g_autofree char *job = NULL;
  gint64 id;

  if (argc != 6 || (g_strcmp0 (argv[5], "yes") != 0 && g_strcmp0 (argv[5], "no") != 0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: retain ASSESSMENT JOB COMPETENCY yes|no"));
      return FALSE;
    }
  if ((job = repere_db_find_job (db, argv[3], error)) == NULL || !parse_competency_id (argv[4], &id, error))
    return FALSE;
  return repere_rating_set_retained (db, argv[2], job, &id, 1, g_strcmp0 (argv[5], "yes") == 0, error);
}

static gboolean
cmd_history (RepereDb *db, const char *assessment, GError **error)
{
  g_autofree char *job = opts.job ? repere_db_find_job (db, opts.job, error) : NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  static const char *const header[] = { "id", "changed_at", "changed_by", "job", "kind", "rows", "what" };

  if (opts.job && job == NULL)
    return FALSE;
  if ((changes = repere_change_list (db, assessment, job, 0, error)) == NULL)
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    put_field (out, header[c], FALSE, c == 0);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < changes->len; i++)
    {
      RepereChange *change = g_ptr_array_index (changes, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, change->id);
      g_autofree char *rows = g_strdup_printf ("%u", change->n_rows);
      const char *fields[] = { id, change->changed_at, change->changed_by, change->job_name, change->kind, rows,
                               change->summary };
      for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
        put_field (out, fields[c], FALSE, c == 0);
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
  return TRUE;
}

static const char *summary_text
    = N_("Commands:\n"
         "  jobs              list the jobs (filters: --assessment, --family, --classification,\n"
         "                    --core, --search; --sort, --desc; --format tsv|csv)\n"
         "  show JOB          a job's page: results, texts, use cases\n"
         "  families          jobs per family and classification (--assessment)\n"
         "  score --fit       the score model calibrated on the study (weights, residuals)\n"
         "  assessment list|create NAME [--from ID]|delete ID   your own assessments\n"
         "  rate ASSESSMENT JOB N1 N2 N3 N4 N5   set a job's level counts in your assessment\n"
         "  revert ASSESSMENT [JOB]   back to the published scores\n"
         "  check             integrity and foreign-key check of the database\n"
         "  check --study     then where the study's published figures disagree (TSV)\n"
         "  import-mapping FILE   replace the job ↔ ROME mapping with a CSV file\n"
         "  export-mapping FILE   write the job ↔ ROME mapping as CSV\n"
         "  competencies JOB  a job's ROME competencies (--assessment: its ratings)\n"
         "  competency ID     a competency's jobs and ROME codes\n"
         "  search-competencies TEXT   competencies whose label has these words\n"
         "  rate-competency ASSESSMENT JOB COMPETENCY LEVEL   rate 1–5 in your assessment, 0 clears\n"
         "  import-rome [--dry-run] [--encoding ENC] DIR   import a ROME 4.0 referential\n"
         "                    (unix_*_vNNN_utf8.csv files); prints what changes\n"
         "  rome-history      the ROME imports, newest first, with their files\n"
         "  rollback-rome     undo the last ROME import");

/* ROME fiches (issue 9), apart so that the entry above keeps its translation. */
static const char *rome_summary_text
    = N_("  rome CODE         a ROME fiche: domain, flags, definition, access, work contexts,\n"
         "                    mobility (with the jobs mapped to each target), competencies\n"
         "  A database without a ROME import loads the referential bundled with Repère\n"
         "  (ROME 4.0 v460, France Travail, Licence Ouverte) before a command that reads\n"
         "  or changes it, unless --no-bundled-rome.");

/* Ratings by several raters (issue 10), apart for the same reason. */
static const char *ratings_summary_text
    = N_("  rating-sheet export ASSESSMENT [--job JOB]… --output FILE.xlsx|FILE.csv   sheets for raters\n"
         "  rating-sheet import ASSESSMENT FILE [--rater NAME]   a filled sheet (XLSX, ODS, CSV) as one\n"
         "                    rater's levels\n"
         "  raters ASSESSMENT   the assessment's raters\n"
         "  agreement ASSESSMENT [--job JOB]   each rater's level, median, spread; Krippendorff's alpha\n"
         "                    (--pdf FILE: the printed report; --format csv [--output FILE])\n"
         "  consolidate ASSESSMENT --rule median|mean|rater:NAME   the assessment's levels from its raters'\n"
         "  apply-ratings ASSESSMENT JOB [yes|no]   a job's ratings give its score before they are complete\n"
         "                    (no: back to a draft)\n"
         "  retain ASSESSMENT JOB COMPETENCY yes|no   whether a competency counts for the job\n"
         "  history ASSESSMENT [--job JOB]   every change to the assessment, newest first");

/* Printing and export, apart so that the entry above keeps its translation. */
static const char *print_summary_text
    = N_("  print --pdf FILE  the job list as a PDF (filters and sort as jobs; --paper a4|letter,\n"
         "                    --landscape, --font-size PT); --job JOB: the job's sheet\n"
         "  export --format csv   the job list as CSV for spreadsheets (filters as jobs;\n"
         "                    --delimiter semicolon|comma, --bom, --output FILE)");

/* The rest of the study, apart for the same reason. */
static const char *study_summary_text
    = N_("  survey [--question ID] [--format tsv|csv]   the consultation of the companies (2.2):\n"
         "                    each answer with its share as published; --output FILE.png|.svg|.pdf:\n"
         "                    the charts\n"
         "  study figures|glossary|references|activities|steps|passages PART|guidance [CLASS]|\n"
         "        notes JOB|roles JOB   the study's figures and texts\n"
         "  print --survey|--study --pdf FILE   the Consultation or Étude page as PDF\n"
         "  export --survey --format csv   every answer and share for spreadsheets");

/* Printed and exported views, apart for the same reason. */
static const char *views_summary_text
    = N_("  print --chart KIND|all --pdf FILE   views as PDF pages, each from a new page (filters\n"
         "                    as jobs; --compare ID, --paper, --landscape, --font-size)\n"
         "  export --chart KIND --format csv   the table behind a view (filters as jobs)");

/* Passerelles and training plans (issue 11), apart for the same reason. */
static const char *passerelle_summary_text
    = N_("  passerelles JOB [--all-rome] [--less-exposed] [--max-gap N] [--format tsv|csv]\n"
         "                    the jobs (and ROME codes) the job's people could move to, best first\n"
         "  gap FROM TO       competencies carried over and to acquire (jobs or ROME codes)\n"
         "  training-plan JOB [--to TARGET] [--pdf FILE]   the job's skills development plan\n"
         "  shared-competencies [--min-jobs N]   competencies many jobs carry");

/* Every argument is text (a job, an assessment, a name, words to find) and
 * must be UTF-8, but for the files and folders that the commands name:
 * those may be any bytes the file system takes. */
static gboolean
check_arguments (int argc, char **argv, GError **error)
{
  const char *command = argv[1];

  for (int i = 1; i < argc; i++)
    {
      const char *end;
      gboolean path = (i == 2
                       && (g_str_equal (command, "import-rome") || g_str_equal (command, "import-mapping")
                           || g_str_equal (command, "export-mapping")))
                      || (i == 4 && g_str_equal (command, "rating-sheet") && argc > 2
                          && g_strcmp0 (argv[2], "import") == 0);

      if (path || g_utf8_validate (argv[i], -1, &end))
        continue;
      {
        g_autofree char *shown = g_utf8_make_valid (argv[i], -1);
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("Argument %d (“%s”) is not valid UTF-8 text: byte 0x%02X at position %td"), i,
                     shown, (guchar) *end, end - argv[i] + 1);
      }
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = NULL;
  const char *command = NULL;
  gboolean ok = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &opts.database, N_("Database file (default: the user's)"), N_("PATH") },
    { "assessment", 'a', 0, G_OPTION_ARG_STRING, &opts.assessment, N_("pwc-initial, pwc-revised or experts (default)"), N_("ID") },
    { "family", 'f', 0, G_OPTION_ARG_STRING, &opts.family, N_("Only this family (01–13)"), N_("CODE") },
    { "classification", 'c', 0, G_OPTION_ARG_STRING, &opts.classification, N_("Only this classification"), N_("CLASS") },
    { "core", 0, 0, G_OPTION_ARG_NONE, &opts.core, N_("Only the 10 core assistance jobs"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, &opts.search, N_("Words to find, accents and case ignored"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &opts.sort, N_("rank (default; relevance with --search), job, family, core, score, classification, relevance"), N_("COLUMN") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &opts.descending, N_("Reverse the sort order"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &opts.format, N_("tsv (default) or csv"), N_("FORMAT") },
    { "fit", 0, 0, G_OPTION_ARG_NONE, &opts.fit, N_("With score: print the calibration"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &opts.from, N_("With assessment create: the assessment to copy"), N_("ID") },
    { "study", 0, 0, G_OPTION_ARG_NONE, &opts.study, N_("With check: list where the study’s published figures disagree; with print: the study’s context, method, classes, glossary and bibliography"), NULL },
    { "survey", 0, 0, G_OPTION_ARG_NONE, &opts.survey, N_("With print or export: the consultation of the companies (section 2) instead of the list"), NULL },
    { "question", 0, 0, G_OPTION_ARG_STRING, &opts.question, N_("With survey: only this question (strategy, training…)"), N_("ID") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &opts.pdf, N_("With print: the PDF file to write"), N_("FILE") },
    { "job", 'j', 0, G_OPTION_ARG_STRING_ARRAY, &opts.jobs, N_("With print: the job whose sheet to print; with rating-sheet export and agreement: a job (repeat for several)"), N_("JOB") },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &opts.landscape, N_("With print: landscape pages"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &opts.paper, N_("With print: a4 (default) or letter"), N_("PAPER") },
    { "font-size", 0, 0, G_OPTION_ARG_DOUBLE, &opts.font_size, N_("With print: body text size in points (default 9)"), N_("PT") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &opts.delimiter, N_("With export: semicolon (decimal commas, default) or comma (decimal points)"), N_("NAME") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &opts.bom, N_("With export: start with a UTF-8 byte order mark"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &opts.compare, N_("With chart evolution: the assessment compared (default: the one it derives from)"), N_("ID") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &opts.dark, N_("With chart: light text on a dark background"), NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &opts.width, N_("With chart: width in pixels (PNG) or points (default 900)"), N_("N") },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &opts.chart, N_("With print or export: a view instead of the list (ranking, classification, distribution, evolution, families; print: or all)"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opts.output, N_("With export or chart: the file to write (export: standard output by default; chart: .png, .svg or .pdf)"), N_("FILE") },
    { "ratings", 0, 0, G_OPTION_ARG_NONE, &opts.ratings, N_("With revert: also clear the competency ratings"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opts.dry_run, N_("With import-rome: show what would change, apply nothing"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &opts.encoding, N_("With import-rome: auto (default), utf-8, windows-1252 or latin1"), N_("ENC") },
    { "rater", 0, 0, G_OPTION_ARG_STRING, &opts.rater, N_("With rating-sheet import and rate-competency: whose levels these are; with rating-sheet export: fill the sheets with that rater’s levels"), N_("NAME") },
    { "rule", 0, 0, G_OPTION_ARG_STRING, &opts.rule, N_("With consolidate: median, mean or rater:NAME"), N_("RULE") },
    { "no-bundled-rome", 0, 0, G_OPTION_ARG_NONE, &opts.no_bundled_rome, N_("Do not load the ROME referential bundled with Repère into a database that has none"), NULL },
    { "all-rome", 0, 0, G_OPTION_ARG_NONE, &opts.all_rome, N_("With passerelles: also ROME codes outside the referential"), NULL },
    { "less-exposed", 0, 0, G_OPTION_ARG_NONE, &opts.less_exposed, N_("With passerelles: only targets clearly less exposed"), NULL },
    { "max-gap", 0, 0, G_OPTION_ARG_INT, &opts.max_gap, N_("With passerelles: at most N competencies to acquire"), N_("N") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &opts.to, N_("With training-plan: the passerelle’s target (job or ROME code)"), N_("TARGET") },
    { "min-jobs", 0, 0, G_OPTION_ARG_INT, &opts.min_jobs, N_("With shared-competencies: held by at least N jobs (default 2; 1 lists all)"), N_("N") },
    { NULL }
  };

  opts.max_gap = -1;
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  {
    /* An uninstalled build has its .mo files under BUILD_LOCALEDIR, not LOCALEDIR. */
    g_autofree char *installed_mo = g_build_filename (LOCALEDIR, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
    g_autofree char *built_mo = g_build_filename (BUILD_LOCALEDIR, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
    gboolean uninstalled = !g_file_test (installed_mo, G_FILE_TEST_EXISTS) && g_file_test (built_mo, G_FILE_TEST_EXISTS);

    bindtextdomain (GETTEXT_PACKAGE, uninstalled ? BUILD_LOCALEDIR : LOCALEDIR);
  }
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENT] — Repère without a window"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  {
    g_autofree char *summary = g_strconcat (_(summary_text), "\n", _(rome_summary_text), "\n", _(print_summary_text), "\n", _(chart_summary_text), "\n",
                                           _(views_summary_text), "\n",
                                           _(study_summary_text), "\n", _(ratings_summary_text), "\n",
                                           _(passerelle_summary_text), NULL);
    g_option_context_set_summary (context, summary);
  }
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      /* GOption converts text options and fails on invalid bytes with a
       * bare "Invalid byte sequence in conversion input". */
      if (error->domain == G_CONVERT_ERROR)
        {
          g_autofree char *message = g_strdup_printf (_("An option’s value is not valid UTF-8 text (%s)"),
                                                      error->message);
          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
      goto out;
    }
  if (argc < 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s", _("No command given (jobs, show, families, check; see --help)"));
      goto out;
    }
  command = argv[1];
  if (!check_arguments (argc, argv, &error))
    goto out;
  /* --job is repeatable; print takes one. */
  if (opts.jobs && opts.jobs[0])
    {
      if (opts.jobs[1] && g_strcmp0 (command, "print") == 0)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s",
                       _("print --job takes one job"));
          goto out;
        }
      opts.job = opts.jobs[0];
    }

  db = repere_db_open (opts.database, &error);
  if (db == NULL)
    goto out;

  if (g_strcmp0 (command, "jobs") == 0 && argc == 2)
    ok = cmd_jobs (db, &error);
  else if (g_strcmp0 (command, "show") == 0 && argc == 3)
    ok = cmd_show (db, argv[2], &error);
  else if (g_strcmp0 (command, "families") == 0 && argc == 2)
    ok = cmd_families (db, &error);
  else if (g_strcmp0 (command, "check") == 0 && argc == 2)
    ok = cmd_check (db, &error);
  else if (g_strcmp0 (command, "survey") == 0 && argc == 2)
    ok = repere_cli_survey (db,
                            &(RepereCliSurvey){ opts.question, opts.format, opts.output, opts.dark, opts.width },
                            &error);
  else if (g_strcmp0 (command, "study") == 0)
    ok = repere_cli_study (db, argc, argv, opts.format, &error);
  else if (g_strcmp0 (command, "score") == 0 && argc == 2 && opts.fit)
    ok = cmd_score_fit (db, &error);
  else if (g_strcmp0 (command, "assessment") == 0)
    ok = cmd_assessment (db, argc, argv, &error);
  else if (g_strcmp0 (command, "rate") == 0)
    ok = cmd_rate (db, argc, argv, &error);
  else if (g_strcmp0 (command, "revert") == 0)
    ok = cmd_revert (db, argc, argv, &error);
  else if (g_strcmp0 (command, "print") == 0 && argc == 2)
    ok = cmd_print (db, &error);
  else if (g_strcmp0 (command, "export") == 0 && argc == 2)
    ok = cmd_export (db, &error);
  else if (g_strcmp0 (command, "chart") == 0 && argc == 3)
    ok = cmd_chart (db, argv[2], &error);
  else if (g_strcmp0 (command, "import-rome") == 0 && argc == 3)
    ok = cmd_import_rome (db, argv[2], &error);
  else if (g_strcmp0 (command, "rome-history") == 0 && argc == 2)
    ok = cmd_rome_history (db, &error);
  else if (g_strcmp0 (command, "rollback-rome") == 0 && argc == 2)
    ok = cmd_rollback_rome (db, &error);
  else if (g_strcmp0 (command, "import-mapping") == 0 && argc == 3)
    ok = cmd_import_mapping (db, argv[2], &error);
  else if (g_strcmp0 (command, "restore-mapping") == 0 && argc == 2)
    ok = cmd_restore_mapping (db, &error);
  else if (g_strcmp0 (command, "export-mapping") == 0 && argc == 3)
    ok = cmd_export_mapping (db, argv[2], &error);
  else if (g_strcmp0 (command, "competencies") == 0 && argc == 3)
    ok = cmd_competencies (db, argv[2], &error);
  else if (g_strcmp0 (command, "competency") == 0 && argc == 3)
    ok = cmd_competency (db, argv[2], &error);
  else if (g_strcmp0 (command, "search-competencies") == 0 && argc == 3)
    ok = cmd_search_competencies (db, argv[2], &error);
  else if (g_strcmp0 (command, "rate-competency") == 0)
    ok = cmd_rate_competency (db, argc, argv, &error);
  else if (g_strcmp0 (command, "rome") == 0 && argc == 3)
    ok = cmd_rome (db, argv[2], &error);
  /* Ratings by several raters (issue 10). */
  else if (g_strcmp0 (command, "rating-sheet") == 0)
    ok = cmd_rating_sheet (db, argc, argv, &error);
  else if (g_strcmp0 (command, "raters") == 0 && argc == 3)
    ok = cmd_raters (db, argv[2], &error);
  else if (g_strcmp0 (command, "agreement") == 0 && argc == 3)
    ok = cmd_agreement (db, argv[2], &error);
  else if (g_strcmp0 (command, "consolidate") == 0 && argc == 3)
    ok = cmd_consolidate (db, argv[2], &error);
  else if (g_strcmp0 (command, "apply-ratings") == 0)
    ok = cmd_apply_ratings (db, argc, argv, &error);
  else if (g_strcmp0 (command, "retain") == 0)
    ok = cmd_retain (db, argc, argv, &error);
  else if (g_strcmp0 (command, "history") == 0 && argc == 3)
    ok = cmd_history (db, argv[2], &error);
  /* Passerelles and training plans (issue 11). */
  else if (repere_cli_passerelle_command (command))
    ok = ensure_rome (db, &error)
         && repere_cli_passerelle (db, argc, argv,
                                   &(RepereCliPasserelle){ opts.assessment, opts.format, opts.all_rome,
                                                           opts.less_exposed, opts.max_gap, opts.to, opts.pdf,
                                                           opts.min_jobs },
                                   &error);
  else
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Unknown command or wrong arguments: %s (see --help)"),
                 command);

out:
  /* A command that failed on a damaged file says so, once; one that met a
   * damaged page but went on (a shorter list) fails too (issue 12). */
  if (ok && db != NULL && g_strcmp0 (command, "check") != 0 && repere_db_damage_seen (db, &error))
    ok = FALSE;
  if (!ok && db != NULL && g_strcmp0 (command, "check") != 0)
    repere_db_explain_failure (db, &error);
  if (!ok)
    {
      /* The message says what to do in the window's terms; here the
       * command that shows where the file is damaged can be named. */
      g_autofree char *path = db ? g_strdup (repere_db_get_path (db))
                                 : opts.database ? g_strdup (opts.database) : repere_db_default_path ();
      /* A file SQLite cannot read at all (its first page damaged) fails to
       * open with REPERE_DB_ERROR_OPEN. */
      if ((g_error_matches (error, REPERE_DB_ERROR, REPERE_DB_ERROR_DAMAGED)
           || (db == NULL && g_error_matches (error, REPERE_DB_ERROR, REPERE_DB_ERROR_OPEN)
               && g_file_test (path, G_FILE_TEST_IS_REGULAR)))
          && g_strcmp0 (command, "check") != 0)
        {
          g_printerr ("repere-cli: %s. ", error->message);
          g_printerr (_("“repere-cli check --database %s” tells more.\n"), path);
        }
      else
        g_printerr ("repere-cli: %s\n", error ? error->message : _("failed"));
      return 1;
    }
  return 0;
}
