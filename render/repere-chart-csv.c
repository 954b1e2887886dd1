/* repere-chart-csv.c: the table behind each view as CSV
 *
 * The rows are the chart's own (repere_chart_get_row() and the class and
 * family accessors): what the view draws, in the order it draws it. The
 * writer is app/repere-export.c's, with its French (';', decimal comma) or
 * international (',', decimal point) options and optional byte order mark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-chart-csv.h"

#include "repere-passerelle-chart.h"

#include <glib/gi18n.h>

/* A column: the stable key (options->labels FALSE) and the title. */
typedef struct
{
  const char *key;
  char *label;
} Column;

static void
header (GString *out, const Column *columns, guint n, const RepereExportOptions *options)
{
  for (guint i = 0; i < n; i++)
    repere_export_field (out, options->labels ? columns[i].label : columns[i].key, i == 0, options);
  repere_export_end_record (out, options);
}

static void
free_labels (Column *columns, guint n)
{
  for (guint i = 0; i < n; i++)
    g_free (columns[i].label);
}

static void
put_int (GString *out, int value, gboolean empty_if_zero, const RepereExportOptions *options)
{
  g_string_append_c (out, options->delimiter);
  if (!(empty_if_zero && value <= 0))
    g_string_append_printf (out, "%d", value);
}

static const char *
class_name (RepereChart *chart, int index)
{
  return index >= 0 ? repere_chart_get_class_name (chart, (guint) index) : NULL;
}

/* Ranking (Annexe 2): rank, job id, job, family, core, score, class. */
static void
write_ranking (RepereChart *chart, GString *out, const RepereExportOptions *options)
{
  Column columns[] = { { "rank", g_strdup (_("Rank")) },
                       { "job_id", g_strdup (_("Job id")) },
                       { "job", g_strdup (_("Job")) },
                       { "family", g_strdup (_("Family")) },
                       { "core", g_strdup (_("Core assistance job")) },
                       { "score", g_strdup (_("Score")) },
                       { "classification", g_strdup (_("Classification")) } };

  header (out, columns, G_N_ELEMENTS (columns), options);
  for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
    {
      const RepereChartRow *row = repere_chart_get_row (chart, i);
      if (row->rank > 0)
        g_string_append_printf (out, "%d", row->rank);
      repere_export_field (out, row->job_id, FALSE, options);
      repere_export_field (out, row->job_name, FALSE, options);
      repere_export_field (out, row->family_code, FALSE, options);
      repere_export_field (out, row->core ? "1" : "0", FALSE, options);
      repere_export_number_field (out, row->score, 2, FALSE, options);
      repere_export_field (out, class_name (chart, row->classification), FALSE, options);
      repere_export_end_record (out, options);
    }
  free_labels (columns, G_N_ELEMENTS (columns));
}

/* Classification table (Figure 2): per class, its share of the jobs, their
 * number and their names in rank order. */
static void
write_classification (RepereChart *chart, GString *out, const RepereExportOptions *options)
{
  Column columns[] = { { "classification", g_strdup (_("Classification")) },
                       { "share_percent", g_strdup (_("Share of jobs (%)")) },
                       { "jobs", g_strdup (_("Jobs")) },
                       { "job_names", g_strdup (_("Job names")) } };

  header (out, columns, G_N_ELEMENTS (columns), options);
  for (guint c = 0; c < repere_chart_get_n_classes (chart); c++)
    {
      g_autoptr (GPtrArray) ids = repere_chart_get_class_jobs (chart, c);
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint j = 0; j < ids->len; j++)
        for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
          {
            const RepereChartRow *row = repere_chart_get_row (chart, i);
            if (row->job_id == g_ptr_array_index (ids, j))
              g_string_append_printf (names, "%s%s", names->len ? " · " : "", row->job_name);
          }
      repere_export_field (out, repere_chart_get_class_name (chart, c), TRUE, options);
      put_int (out, repere_chart_get_class_percent (chart, c), FALSE, options);
      put_int (out, (int) ids->len, FALSE, options);
      repere_export_field (out, names->str, FALSE, options);
      repere_export_end_record (out, options);
    }
  free_labels (columns, G_N_ELEMENTS (columns));
}

/* Competency exposure (Figures 3 and 4): per job, its competencies at each
 * level and their shares in percent. */
static void
write_distribution (RepereChart *chart, GString *out, const RepereExportOptions *options)
{
  static const char *const count_keys[] = { "n1", "n2", "n3", "n4", "n5" };
  static const char *const share_keys[] = { "share1", "share2", "share3", "share4", "share5" };
  Column columns[3 + 5 + 1 + 5];
  guint n = 0;

  columns[n++] = (Column){ "job_id", g_strdup (_("Job id")) };
  columns[n++] = (Column){ "job", g_strdup (_("Job")) };
  columns[n++] = (Column){ "core", g_strdup (_("Core assistance job")) };
  for (guint l = 0; l < 5; l++)
    /* TRANSLATORS: CSV column: competencies at exposure level N */
    columns[n++] = (Column){ count_keys[l], g_strdup_printf (_("Level %u competencies"), l + 1) };
  columns[n++] = (Column){ "competencies", g_strdup (_("Competencies")) };
  for (guint l = 0; l < 5; l++)
    /* TRANSLATORS: CSV column: share of the competencies at exposure level N */
    columns[n++] = (Column){ share_keys[l], g_strdup_printf (_("Level %u share (%%)"), l + 1) };

  header (out, columns, n, options);
  for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
    {
      const RepereChartRow *row = repere_chart_get_row (chart, i);
      int total = 0;

      for (guint l = 0; l < 5; l++)
        total += row->counts[l];
      repere_export_field (out, row->job_id, TRUE, options);
      repere_export_field (out, row->job_name, FALSE, options);
      repere_export_field (out, row->core ? "1" : "0", FALSE, options);
      for (guint l = 0; l < 5; l++)
        put_int (out, row->counts[l], FALSE, options);
      put_int (out, total, FALSE, options);
      for (guint l = 0; l < 5; l++)
        repere_export_number_field (out, total > 0 ? 100.0 * row->counts[l] / total : -1, 1, FALSE, options);
      repere_export_end_record (out, options);
    }
  free_labels (columns, n);
}

/* Evolution (3.2.2.2 Figure 3): per job, score, rank and class in the
 * compared assessment then in the chart's, and the rank change (> 0: up the
 * table, more exposed). */
static void
write_evolution (RepereChart *chart, GString *out, const RepereExportOptions *options)
{
  const char *from = repere_chart_get_assessment_name (chart, TRUE);
  const char *to = repere_chart_get_assessment_name (chart, FALSE);
  /* TRANSLATORS: CSV column of the evolution: a value (Score, Rank, Class) — an assessment's name */
  const char *format = _("%s — %s");
  Column columns[] = { { "job_id", g_strdup (_("Job id")) },
                       { "job", g_strdup (_("Job")) },
                       { "core", g_strdup (_("Core assistance job")) },
                       { "other_score", g_strdup_printf (format, _("Score"), from) },
                       { "other_rank", g_strdup_printf (format, _("Rank"), from) },
                       { "other_classification", g_strdup_printf (format, _("Classification"), from) },
                       { "score", g_strdup_printf (format, _("Score"), to) },
                       { "rank", g_strdup_printf (format, _("Rank"), to) },
                       { "classification", g_strdup_printf (format, _("Classification"), to) },
                       { "rank_change", g_strdup (_("Rank change")) } };

  header (out, columns, G_N_ELEMENTS (columns), options);
  for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
    {
      const RepereChartRow *row = repere_chart_get_row (chart, i);
      int change;

      repere_export_field (out, row->job_id, TRUE, options);
      repere_export_field (out, row->job_name, FALSE, options);
      repere_export_field (out, row->core ? "1" : "0", FALSE, options);
      repere_export_number_field (out, row->other_score, 2, FALSE, options);
      put_int (out, row->other_rank, TRUE, options);
      repere_export_field (out, class_name (chart, row->other_classification), FALSE, options);
      repere_export_number_field (out, row->score, 2, FALSE, options);
      put_int (out, row->rank, TRUE, options);
      repere_export_field (out, class_name (chart, row->classification), FALSE, options);
      g_string_append_c (out, options->delimiter);
      if (repere_chart_get_rank_change (row, &change))
        g_string_append_printf (out, "%d", change);
      repere_export_end_record (out, options);
    }
  free_labels (columns, G_N_ELEMENTS (columns));
}

/* Classes per family: per family, its jobs and their number in each class. */
static void
write_families (RepereChart *chart, GString *out, const RepereExportOptions *options)
{
  guint n_classes = repere_chart_get_n_classes (chart);
  Column columns[4 + 4];
  guint n = 0;

  columns[n++] = (Column){ "family", g_strdup (_("Family")) };
  columns[n++] = (Column){ "family_name", g_strdup (_("Family name")) };
  columns[n++] = (Column){ "jobs", g_strdup (_("Jobs")) };
  for (guint c = 0; c < n_classes && c < 4; c++)
    columns[n++] = (Column){ repere_chart_get_class_id (chart, c), g_strdup (repere_chart_get_class_name (chart, c)) };

  header (out, columns, n, options);
  for (guint f = 0; f < repere_chart_get_n_families (chart); f++)
    {
      const char *name = NULL;
      int per_class[4] = { 0 }, jobs = 0;
      const char *code = repere_chart_get_family (chart, f, &name, per_class, &jobs);

      repere_export_field (out, code, TRUE, options);
      repere_export_field (out, name, FALSE, options);
      put_int (out, jobs, FALSE, options);
      for (guint c = 0; c < n_classes && c < 4; c++)
        put_int (out, per_class[c], FALSE, options);
      repere_export_end_record (out, options);
    }
  free_labels (columns, n);
}

/**
 * repere_chart_csv:
 * @chart: a view
 * @options: delimiter, decimals, BOM, header of titles or keys, line ends
 *   (repere_export_options_init())
 * @length: (out) (optional): the length in bytes
 *
 * The data behind the view, one record per line of its table, in the order
 * drawn:
 * - ranking: rank, job id, job, family code, core (1/0), score (2
 *   decimals), class;
 * - classification: per class, its share of the jobs in whole percent (as
 *   the header of Figure 2), the number of jobs and their names (" · ");
 * - distribution: job id, job, core, competencies at levels 1–5, their
 *   total, the share of each level in percent (1 decimal);
 * - evolution: job id, job, core, score, rank and class in the compared
 *   assessment then in the chart's, rank change (compared rank - rank);
 * - families: family code, name, jobs, jobs in each class;
 * - shared competencies, passerelles: repere_passerelle_chart_csv().
 * Empty fields where there is no value. UTF-8.
 *
 * Returns: (transfer full): the CSV text
 */
char *
repere_chart_csv (RepereChart *chart, const RepereExportOptions *options, gsize *length)
{
  GString *out = g_string_new (NULL);

  repere_export_begin (out, options);
  switch (repere_chart_get_kind (chart))
    {
    case REPERE_CHART_RANKING:
      write_ranking (chart, out, options);
      break;
    case REPERE_CHART_CLASSIFICATION:
      write_classification (chart, out, options);
      break;
    case REPERE_CHART_DISTRIBUTION:
      write_distribution (chart, out, options);
      break;
    case REPERE_CHART_EVOLUTION:
      write_evolution (chart, out, options);
      break;
    case REPERE_CHART_FAMILIES:
      write_families (chart, out, options);
      break;
    case REPERE_CHART_SHARED_COMPETENCIES:
    case REPERE_CHART_PASSERELLES:
      repere_passerelle_chart_csv (chart, out, options);
      break;
    }
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * repere_chart_csv_to_file:
 * @path: the CSV file, replaced atomically (an existing file is left as it
 *   was when writing fails)
 * @error: %REPERE_EXPORT_ERROR_WRITE naming @path
 *
 * repere_chart_csv() written to @path.
 */
gboolean
repere_chart_csv_to_file (RepereChart *chart, const RepereExportOptions *options, const char *path, GError **error)
{
  gsize length;
  g_autofree char *text = repere_chart_csv (chart, options, &length);

  return repere_export_text_to_file (text, length, path, error);
}
