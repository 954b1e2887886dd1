/* repere-cli-passerelle.c: passerelles, gaps, training plans and shared
 * competencies from the command line (issue 11, docs/passerelles.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-cli-passerelle.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "repere-export.h"
#include "repere-passerelle.h"
#include "repere-training-plan-print.h"

typedef struct
{
  GString *out;
  gboolean csv;
} Table;

/* TSV: tabs and line breaks become spaces; CSV: RFC 4180 quoting, made
 * spreadsheet-safe by repere_export_csv_field() (issue 12: a cell a
 * spreadsheet would run as a formula gets an apostrophe; plain numbers such
 * as a score change "-0.53" stay numbers). */
static void
put (Table *table, const char *value, gboolean first)
{
  if (!first)
    g_string_append_c (table->out, table->csv ? ',' : '\t');
  if (table->csv)
    repere_export_csv_field (table->out, value ? value : "", ',');
  else
    for (const char *p = value ? value : ""; *p; p++)
      g_string_append_c (table->out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
put_row (Table *table, const char *const *fields, guint n)
{
  for (guint i = 0; i < n; i++)
    put (table, fields[i], i == 0);
  g_string_append_c (table->out, '\n');
}

static gboolean
table_init (Table *table, const char *format, GError **error)
{
  if (format && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "tsv") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("Unknown format “%s” (tsv, csv)"), format);
      return FALSE;
    }
  table->out = g_string_new (NULL);
  table->csv = g_strcmp0 (format, "csv") == 0;
  return TRUE;
}

static void
table_flush (Table *table)
{
  fputs (table->out->str, stdout);
  g_string_free (table->out, TRUE);
}

/* "0.42", "" for NAN; with @sign "+0.12", "−" kept ASCII for scripts. */
static char *
number (double value, gboolean sign)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  if (sign && value >= 0)
    return g_strconcat ("+", buffer, NULL);
  return g_strdup (buffer);
}

static gboolean
cmd_passerelles (RepereDb *db, const char *job, const RepereCliPasserelle *options, GError **error)
{
  ReperePasserelleFilter filter = { options->all_rome, options->less_exposed, options->max_gap };
  g_autoptr (GPtrArray) list = NULL;
  static const char *const header[] = { "target",
                                        "target_kind",
                                        "via",
                                        "shared",
                                        "to_acquire",
                                        "target_score",
                                        "score_change",
                                        "target_classification",
                                        "target_title",
                                        "rank",
                                        "gap",
                                        "shared_mean_level",
                                        "to_acquire_mean_level" };
  Table table;

  if (!table_init (&table, options->format, error))
    return FALSE;
  list = repere_passerelle_list (db, job, options->assessment, &filter, error);
  if (list == NULL)
    {
      g_string_free (table.out, TRUE);
      return FALSE;
    }
  put_row (&table, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < list->len; i++)
    {
      ReperePasserelle *p = g_ptr_array_index (list, i);
      g_autofree char *shared = g_strdup_printf ("%u", p->shared);
      g_autofree char *to_acquire = g_strdup_printf ("%u", p->to_acquire);
      g_autofree char *score = number (p->target_score, FALSE);
      g_autofree char *change = number (p->score_change, TRUE);
      g_autofree char *rank = g_strdup_printf ("%u", p->rank);
      g_autofree char *gap = number (p->gap, FALSE);
      g_autofree char *shared_level = number (p->shared_mean_level, FALSE);
      g_autofree char *acquire_level = number (p->to_acquire_mean_level, FALSE);
      const char *fields[] = { p->target,
                               p->target_is_job ? "job" : "rome",
                               repere_passerelle_via_id (p->via),
                               shared,
                               to_acquire,
                               score,
                               change,
                               p->target_classification ? p->target_classification : "",
                               p->target_title,
                               rank,
                               gap,
                               shared_level,
                               acquire_level };
      put_row (&table, fields, G_N_ELEMENTS (fields));
    }
  table_flush (&table);
  return TRUE;
}

static gboolean
cmd_gap (RepereDb *db, const char *from, const char *to, const RepereCliPasserelle *options,
         GError **error)
{
  g_autoptr (GPtrArray) items = NULL;
  static const char *const header[]
      = { "competency",    "kind",      "status",   "level",
          "competency_id", "principal", "emergent", "transition_num" };
  guint counts[3] = { 0 };
  Table table;

  if (!table_init (&table, options->format, error))
    return FALSE;
  items = repere_passerelle_gap (db, from, to, options->assessment, error);
  if (items == NULL)
    {
      g_string_free (table.out, TRUE);
      return FALSE;
    }
  put_row (&table, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < items->len; i++)
    {
      RepereGapItem *item = g_ptr_array_index (items, i);
      g_autofree char *level = item->level ? g_strdup_printf ("%d", item->level) : g_strdup ("");
      const char *fields[] = { item->label,
                               item->kind,
                               repere_gap_status_id (item->status),
                               level,
                               item->competency_id,
                               item->principal ? "1" : "0",
                               item->emergent ? "1" : "0",
                               item->transition_num ? "1" : "0" };

      counts[item->status]++;
      /* The comparison page shows what is no longer needed; the command
       * lists the target's competencies only (carried + to acquire). */
      if (item->status != REPERE_GAP_NO_LONGER_NEEDED)
        put_row (&table, fields, G_N_ELEMENTS (fields));
    }
  table_flush (&table);
  g_printerr (_ ("%u carried over, %u to acquire, %u no longer needed\n"),
              counts[REPERE_GAP_CARRIED], counts[REPERE_GAP_TO_ACQUIRE],
              counts[REPERE_GAP_NO_LONGER_NEEDED]);
  return TRUE;
}

static const char *
level_text (int level)
{
  static const char *const digits[] = { "", "1", "2", "3", "4", "5" };
  return digits[CLAMP (level, 0, 5)];
}

static gboolean
cmd_training_plan (RepereDb *db, const char *job, const RepereCliPasserelle *options,
                   GError **error)
{
  g_autoptr (RepereTrainingPlan) plan
      = repere_training_plan_new (db, job, options->assessment, options->to, error);
  g_autofree char *score = NULL;

  if (plan == NULL)
    return FALSE;
  if (options->pdf)
    return repere_training_plan_print_pdf (plan, options->pdf, NULL, error);
  score = number (plan->score, FALSE);
  printf ("%s\n", plan->job_name);
  printf ("%s: %s · %s %s · %s\n", _ ("Assessment"), plan->assessment_name, _ ("score"), score,
          plan->classification_name ? plan->classification_name : "");
  printf ("\n%s (%u)\n", _ ("Competencies to strengthen"), plan->strengthen->len);
  for (guint i = 0; i < plan->strengthen->len; i++)
    {
      RepereGapItem *item = g_ptr_array_index (plan->strengthen, i);
      printf ("  %s\t%s\t%s%s%s\n", item->label, item->kind, level_text (item->level),
              item->emergent ? _ ("\temergent") : "",
              item->transition_num ? _ ("\tdigital transition") : "");
    }
  printf ("\n%s (%u)\n", _ ("Training the study recommends"), plan->guidance->len);
  for (guint i = 0; i < plan->guidance->len; i++)
    {
      RepereTrainingGuidance *g = g_ptr_array_index (plan->guidance, i);
      printf ("  [%s, %s] %s\n", g->kind, g->source, g->text);
      if (g->typology)
        {
          g_autofree char *share = number (g->typology_share, FALSE);
          printf ("    %s: %s (%s %%)\n", _ ("Survey 2.2.10"), g->typology_label, share);
        }
    }
  if (plan->target)
    {
      g_autofree char *change = number (plan->score_change, TRUE);
      printf ("\n%s %s %s (%u) %s\n", _ ("Towards"), plan->target, plan->target_title,
              plan->to_acquire->len, change);
      for (guint i = 0; i < plan->to_acquire->len; i++)
        {
          RepereGapItem *item = g_ptr_array_index (plan->to_acquire, i);
          printf ("  %s\t%s\t%s\n", item->label, item->kind, level_text (item->level));
        }
    }
  return TRUE;
}

static gboolean
cmd_shared (RepereDb *db, const RepereCliPasserelle *options, GError **error)
{
  g_autoptr (GPtrArray) list = NULL;
  static const char *const header[]
      = { "competency_id", "competency", "kind", "jobs", "mean_level", "rated", "job_names" };
  guint single = 0;
  Table table;

  if (!table_init (&table, options->format, error))
    return FALSE;
  list = repere_shared_competency_list (db, options->assessment,
                                        options->min_jobs > 0 ? options->min_jobs : 2, error);
  if (list == NULL)
    {
      g_string_free (table.out, TRUE);
      return FALSE;
    }
  put_row (&table, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < list->len; i++)
    {
      RepereSharedCompetency *s = g_ptr_array_index (list, i);
      g_autofree char *n = g_strdup_printf ("%u", s->n_jobs);
      g_autofree char *mean = number (s->mean_level, FALSE);
      g_autofree char *rated = g_strdup_printf ("%u", s->n_rated);
      g_autofree char *names = NULL;

      g_ptr_array_add (s->jobs, NULL);
      names = g_strjoinv ("; ", (char **) s->jobs->pdata);
      g_ptr_array_remove_index (s->jobs, s->jobs->len - 1);
      {
        const char *fields[] = { s->competency_id, s->label, s->kind, n, mean, rated, names };
        put_row (&table, fields, G_N_ELEMENTS (fields));
      }
      single += s->n_jobs == 1;
    }
  table_flush (&table);
  if (options->min_jobs == 1)
    g_printerr (_ ("%u competencies, %u held by one job only\n"), list->len, single);
  else
    g_printerr (_ ("%u competencies\n"), list->len);
  return TRUE;
}

/**
 * repere_cli_passerelle_command:
 * @command: the command word
 *
 * Returns: whether repere_cli_passerelle() handles @command
 */
gboolean
repere_cli_passerelle_command (const char *command)
{
  return g_strcmp0 (command, "passerelles") == 0 || g_strcmp0 (command, "gap") == 0
         || g_strcmp0 (command, "training-plan") == 0
         || g_strcmp0 (command, "shared-competencies") == 0;
}

/**
 * repere_cli_passerelle:
 * @argc, @argv: the command line after option parsing (argv[1] the command)
 * @options: the options that apply
 * @error: a usage error, or the error of the query
 *
 * Runs `passerelles JOB`, `gap FROM TO`, `training-plan JOB` or
 * `shared-competencies`. The caller has loaded the bundled ROME referential
 * when the database had none.
 *
 * Returns: %TRUE on success
 */
gboolean
repere_cli_passerelle (RepereDb *db, int argc, char **argv, const RepereCliPasserelle *options,
                       GError **error)
{
  const char *command = argv[1];

  if (g_str_equal (command, "passerelles") && argc == 3)
    return cmd_passerelles (db, argv[2], options, error);
  if (g_str_equal (command, "gap") && argc == 4)
    return cmd_gap (db, argv[2], argv[3], options, error);
  if (g_str_equal (command, "training-plan") && argc == 3)
    return cmd_training_plan (db, argv[2], options, error);
  if (g_str_equal (command, "shared-competencies") && argc == 2)
    return cmd_shared (db, options, error);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _ ("Unknown command or wrong arguments: %s (see --help)"), command);
  return FALSE;
}
