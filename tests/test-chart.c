/* test-chart.c: the study's views (render/repere-chart.c) against the
 * database they are drawn from, and their exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "repere-chart.h"
#include "repere-db.h"
#include "repere-score.h"

static char *tmp_dir;
static RepereDb *study_db;

static const char *const study_assessments[] = { "pwc-initial", "pwc-revised", "experts" };

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static RepereChart *
chart_new (RepereChartKind kind, const RepereJobFilter *filter, const char *other)
{
  g_autoptr (GError) error = NULL;
  RepereChart *chart = repere_chart_new (study_db, kind, filter, other, &error);

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  return chart;
}

/* The ids a query returns, sorted, joined by spaces. */
static char *
query_ids (const char *sql, const char *a, const char *b)
{
  sqlite3 *handle = repere_db_get_handle (study_db);
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static char *
join_sorted (GPtrArray *ids)
{
  g_autoptr (GPtrArray) copy = g_ptr_array_copy (ids, NULL, NULL);

  g_ptr_array_sort (copy, compare_strings);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (" ", (char **) copy->pdata);
}

/* Acceptance 3: for each study assessment, the classification view lists in
 * each class the jobs of the ranking table's published classification, with
 * shares that add up to 100 %. */
static void
test_classification_acceptance (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (study_assessments); a++)
    {
      RepereJobFilter filter = { .assessment = study_assessments[a] };
      g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_CLASSIFICATION, &filter, NULL);
      int sum = 0;
      guint listed = 0;

      g_assert_cmpuint (repere_chart_get_n_classes (chart), ==, 4);
      for (guint c = 0; c < repere_chart_get_n_classes (chart); c++)
        {
          g_autoptr (GPtrArray) jobs = repere_chart_get_class_jobs (chart, c);
          g_autofree char *got = join_sorted (jobs);
          g_autofree char *want = query_ids ("SELECT job_id FROM published_result"
                                             " WHERE assessment_id = ?1 AND classification_id = ?2",
                                             study_assessments[a], repere_chart_get_class_id (chart, c));
          g_assert_cmpstr (got, ==, want);
          g_assert_cmpuint (jobs->len, >, 0);
          listed += jobs->len;
          sum += repere_chart_get_class_percent (chart, c);
        }
      g_assert_cmpuint (listed, ==, 58);
      g_assert_cmpint (sum, ==, 100);
    }
}

/* The shares printed in the header of 3.2.2.2 Figure 2 (figure_class_share)
 * are those the view computes from the ranking table. */
static void
test_classification_shares_published (void)
{
  RepereJobFilter filter = { .assessment = "experts" };
  g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_CLASSIFICATION, &filter, NULL);
  sqlite3 *handle = repere_db_get_handle (study_db);
  guint checked = 0;

  for (guint c = 0; c < repere_chart_get_n_classes (chart); c++)
    {
      gint64 published = repere_test_query_int (handle,
                                                "SELECT percent FROM figure_class_share"
                                                " WHERE assessment_id = 'experts' AND classification_id = ?",
                                                repere_chart_get_class_id (chart, c));
      g_assert_cmpint (repere_chart_get_class_percent (chart, c), ==, published);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 4);
}

/* Shares add up to 100 under every filter that leaves a job. */
static void
test_shares_filtered (void)
{
  for (int f = 1; f <= 13; f++)
    {
      g_autofree char *family = g_strdup_printf ("%02d", f);
      RepereJobFilter filter = { .assessment = "pwc-revised", .family = family };
      g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_CLASSIFICATION, &filter, NULL);
      int sum = 0;

      for (guint c = 0; c < repere_chart_get_n_classes (chart); c++)
        sum += repere_chart_get_class_percent (chart, c);
      g_assert_cmpuint (repere_chart_get_n_rows (chart), >, 0);
      g_assert_cmpint (sum, ==, 100);
    }
}

static void
test_filters (void)
{
  sqlite3 *handle = repere_db_get_handle (study_db);

  for (RepereChartKind kind = 0; kind < REPERE_CHART_N_KINDS; kind++)
    {
      RepereJobFilter family = { .assessment = "experts", .family = "04" };
      RepereJobFilter core = { .assessment = "experts", .core_only = TRUE };
      RepereJobFilter none = { .assessment = "experts", .core_only = TRUE, .classification = "emergent" };
      g_autoptr (RepereChart) by_family = chart_new (kind, &family, NULL);
      g_autoptr (RepereChart) by_core = chart_new (kind, &core, NULL);
      g_autoptr (RepereChart) empty = chart_new (kind, &none, NULL);
      gint64 n_family = repere_test_query_int (handle, "SELECT count (*) FROM job WHERE family_code = ?", "04");

      /* Distribution shows only jobs with level counts: the core jobs. */
      if (kind == REPERE_CHART_DISTRIBUTION)
        n_family = repere_test_query_int (handle, "SELECT count (*) FROM job WHERE family_code = ? AND core = 1", "04");
      g_assert_cmpuint (repere_chart_get_n_rows (by_family), ==, n_family);
      for (guint i = 0; i < repere_chart_get_n_rows (by_family); i++)
        g_assert_cmpstr (repere_chart_get_row (by_family, i)->family_code, ==, "04");
      g_assert_cmpuint (repere_chart_get_n_rows (by_core), ==, 10);
      for (guint i = 0; i < repere_chart_get_n_rows (by_core); i++)
        g_assert_true (repere_chart_get_row (by_core, i)->core);
      g_assert_cmpuint (repere_chart_get_n_rows (empty), ==, 0);
    }

  {
    RepereJobFilter search = { .assessment = "experts", .search = "medecin" };
    g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_RANKING, &search, NULL);
    gboolean found = FALSE;
    for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
      found |= g_strcmp0 (repere_chart_get_row (chart, i)->job_id, "medecin-d-assistance") == 0;
    g_assert_true (found);
    g_assert_cmpuint (repere_chart_get_n_rows (chart), <, 58);
  }
  {
    RepereJobFilter bad = { .assessment = "experts", .family = "42" };
    g_autoptr (GError) error = NULL;
    g_autoptr (RepereChart) chart = repere_chart_new (study_db, REPERE_CHART_RANKING, &bad, NULL, &error);
    g_assert_null (chart);
    g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
  }
}

/* Ranking: rank order, the published scores and classes. */
static void
test_ranking (void)
{
  sqlite3 *handle = repere_db_get_handle (study_db);

  for (guint a = 0; a < G_N_ELEMENTS (study_assessments); a++)
    {
      RepereJobFilter filter = { .assessment = study_assessments[a], .sort = REPERE_SORT_JOB };
      g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_RANKING, &filter, NULL);
      int previous = 0;

      g_assert_cmpuint (repere_chart_get_n_rows (chart), ==, 58);
      for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
        {
          const RepereChartRow *row = repere_chart_get_row (chart, i);
          g_autofree char *sql = g_strdup_printf ("SELECT round (score * 100) FROM published_result"
                                                  " WHERE assessment_id = '%s' AND job_id = ?",
                                                  study_assessments[a]);
          g_assert_cmpint (row->rank, >, previous);
          previous = row->rank;
          g_assert_cmpint ((gint64) (row->score * 100 + 0.5), ==, repere_test_query_int (handle, sql, row->job_id));
          g_assert_cmpint (row->classification, >=, 0);
        }
    }
}

/* The browser's score for a user assessment is the computed one: a core
 * job re-rated above every other leads the ranking at 1.00. */
static void
test_ranking_user (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "user.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  g_autofree char *id = NULL;
  const int counts[5] = { 0, 0, 0, 0, 20 };
  RepereJobFilter filter = { 0 };
  g_autoptr (RepereChart) chart = NULL;
  const RepereChartRow *first;

  g_assert_no_error (error);
  id = repere_assessment_create (db, "Test charts", "experts", &error);
  g_assert_no_error (error);
  g_assert_true (repere_assessment_set_level_counts (db, id, "medecin-d-assistance", counts, &error));
  g_assert_no_error (error);
  filter.assessment = id;
  chart = repere_chart_new (db, REPERE_CHART_RANKING, &filter, NULL, &error);
  g_assert_no_error (error);
  first = repere_chart_get_row (chart, 0);
  g_assert_cmpstr (first->job_id, ==, "medecin-d-assistance");
  g_assert_cmpfloat_with_epsilon (first->score, 1.0, 1e-9);
  g_assert_cmpint (first->rank, ==, 1);
  g_assert_cmpfloat (repere_chart_get_row (chart, 1)->score, <, 1.0);
}

/* Evolution: rank changes are rank differences, for every pair. */
static void
test_evolution (void)
{
  sqlite3 *handle = repere_db_get_handle (study_db);

  for (guint a = 0; a < G_N_ELEMENTS (study_assessments); a++)
    for (guint b = 0; b < G_N_ELEMENTS (study_assessments); b++)
      {
        RepereJobFilter filter = { .assessment = study_assessments[a] };
        g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_EVOLUTION, &filter, study_assessments[b]);
        g_autofree char *sql = g_strdup_printf ("SELECT rank FROM published_result WHERE assessment_id = '%s'"
                                                " AND job_id = ?",
                                                study_assessments[b]);

        g_assert_cmpstr (repere_chart_get_other_assessment (chart), ==, study_assessments[b]);
        g_assert_cmpuint (repere_chart_get_n_rows (chart), ==, 58);
        for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
          {
            const RepereChartRow *row = repere_chart_get_row (chart, i);
            int change = 1000;
            g_assert_true (repere_chart_get_rank_change (row, &change));
            g_assert_cmpint (row->other_rank, ==, repere_test_query_int (handle, sql, row->job_id));
            g_assert_cmpint (change, ==, row->other_rank - row->rank);
            if (a == b)
              g_assert_cmpint (change, ==, 0);
          }
      }
}

/* 3.2.2.2 Figure 3: column W, the rank change of the core jobs from the
 * PwC analysis to the experts', which the default comparison reproduces. */
static void
test_evolution_figure_3 (void)
{
  static const struct
  {
    const char *job_id;
    int change;
  } figure[] = {
    { "gestionnaire-de-dossiers-d-assistance", 4 }, { "gestionnaire-de-reseau-prestataires", 14 },
    { "support-technique-d-assistance", 5 },        { "formateur-d-assistance", -5 },
    { "charge-de-methodes-et-procedures", 29 },     { "assistant-administratif-de-plateaux", -4 },
    { "charge-de-reclamations-clients", -4 },       { "infirmier-d-assistance", 28 },
    { "charge-d-assistance", -19 },                 { "medecin-d-assistance", 9 },
  };
  RepereJobFilter filter = { .assessment = "experts", .core_only = TRUE };
  g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_EVOLUTION, &filter, NULL);
  guint matched = 0;

  g_assert_cmpstr (repere_chart_get_other_assessment (chart), ==, "pwc-revised");
  for (guint f = 0; f < G_N_ELEMENTS (figure); f++)
    for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
      {
        const RepereChartRow *row = repere_chart_get_row (chart, i);
        int change;
        if (g_strcmp0 (row->job_id, figure[f].job_id) != 0)
          continue;
        g_assert_true (repere_chart_get_rank_change (row, &change));
        g_assert_cmpint (change, ==, figure[f].change);
        matched++;
      }
  g_assert_cmpuint (matched, ==, G_N_ELEMENTS (figure));
}

/* Distribution: the level counts of the fiches (4.2). */
static void
test_distribution (void)
{
  sqlite3 *handle = repere_db_get_handle (study_db);
  RepereJobFilter filter = { .assessment = "experts" };
  g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_DISTRIBUTION, &filter, NULL);

  g_assert_cmpuint (repere_chart_get_n_rows (chart), ==,
                    repere_test_query_int (handle, "SELECT count (*) FROM level_count WHERE assessment_id = ?",
                                           "experts"));
  for (guint i = 0; i < repere_chart_get_n_rows (chart); i++)
    {
      const RepereChartRow *row = repere_chart_get_row (chart, i);
      g_assert_true (row->has_counts);
      g_assert_cmpint (row->counts[4], ==,
                       repere_test_query_int (handle,
                                              "SELECT n5 FROM level_count WHERE assessment_id = 'experts'"
                                              " AND job_id = ?",
                                              row->job_id));
      g_assert_cmpint (row->counts[0], ==,
                       repere_test_query_int (handle,
                                              "SELECT n1 FROM level_count WHERE assessment_id = 'experts'"
                                              " AND job_id = ?",
                                              row->job_id));
    }
}

static cairo_t *
measure_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  return cr;
}

static void
test_height_and_breaks (void)
{
  RepereRenderStyle style;
  cairo_t *cr = measure_context ();

  repere_render_style_init (&style, FALSE, 14);
  for (RepereChartKind kind = 0; kind < REPERE_CHART_N_KINDS; kind++)
    {
      RepereJobFilter all = { .assessment = "experts" };
      RepereJobFilter few = { .assessment = "experts", .family = "04" };
      g_autoptr (RepereChart) big = chart_new (kind, &all, NULL);
      g_autoptr (RepereChart) small = chart_new (kind, &few, NULL);

      for (double width = 480; width <= 1400; width += 460)
        {
          double height = repere_chart_get_height (big, cr, &style, width);
          g_autoptr (GArray) breaks = repere_chart_get_breaks (big, cr, &style, width);
          double previous = 0;

          g_assert_cmpfloat (height, >, repere_chart_get_height (small, cr, &style, width));
          g_assert_cmpuint (breaks->len, >=, 2);
          for (guint i = 0; i < breaks->len; i++)
            {
              double y = g_array_index (breaks, double, i);
              g_assert_cmpfloat (y, >, previous);
              g_assert_cmpfloat (y, <=, height);
              previous = y;
            }
        }
    }
  cairo_destroy (cr);
}

/* Draws @chart on an image of @width × its height; the caller frees it. */
static cairo_surface_t *
draw_image (RepereChart *chart, const RepereRenderStyle *style, int width)
{
  cairo_t *cr = measure_context ();
  int height = (int) repere_chart_get_height (chart, cr, style, width);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);

  cairo_destroy (cr);
  cr = cairo_create (surface);
  repere_chart_draw (chart, cr, style, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  return *(guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x) & 0xffffff;
}

/* Nothing is drawn in the margins: no label or bar runs off the chart, at
 * the narrowest width the window allows and at a wide one. */
static void
test_nothing_clipped (void)
{
  RepereRenderStyle style;

  repere_render_style_init (&style, FALSE, 14);
  for (RepereChartKind kind = 0; kind < REPERE_CHART_N_KINDS; kind++)
    for (int width = 480; width <= 1280; width += 800)
      {
        RepereJobFilter filter = { .assessment = "experts" };
        g_autoptr (RepereChart) chart = chart_new (kind, &filter, NULL);
        cairo_surface_t *surface = draw_image (chart, &style, width);
        int height = cairo_image_surface_get_height (surface);
        guint32 background = pixel (surface, 0, 0);
        int margin = (int) (style.font_size * 0.7);
        guint drawn = 0;

        for (int y = 0; y < height; y++)
          for (int x = 0; x < width; x++)
            {
              gboolean in_margin = x < margin || x >= width - margin || y < margin || y >= height - margin;
              if (pixel (surface, x, y) != background)
                {
                  if (in_margin)
                    g_error ("%s at %d px: drawn in the margin at (%d, %d)", repere_chart_kind_id (kind), width, x, y);
                  drawn++;
                }
            }
        g_assert_cmpuint (drawn, >, (guint) (width * height / 50));
        cairo_surface_destroy (surface);
      }
}

static void
test_dark (void)
{
  RepereRenderStyle light, dark;
  RepereJobFilter filter = { .assessment = "experts", .core_only = TRUE };

  repere_render_style_init (&light, FALSE, 14);
  repere_render_style_init (&dark, TRUE, 14);
  for (RepereChartKind kind = 0; kind < REPERE_CHART_N_KINDS; kind++)
    {
      g_autoptr (RepereChart) chart = chart_new (kind, &filter, NULL);
      cairo_surface_t *a = draw_image (chart, &light, 600);
      cairo_surface_t *b = draw_image (chart, &dark, 600);

      g_assert_cmphex (pixel (a, 2, 2), ==, 0xffffff);
      g_assert_cmphex (pixel (b, 2, 2), !=, pixel (a, 2, 2));
      g_assert_cmphex (pixel (b, 2, 2), ==, 0x242424);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

static void
test_export (void)
{
  RepereRenderStyle style;
  RepereJobFilter filter = { .assessment = "experts" };
  g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_RANKING, &filter, NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "ranking.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "ranking.svg", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "ranking.pdf", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "ranking.gif", NULL);
  g_autofree char *unwritable = g_build_filename (tmp_dir, "no-such-dir", "ranking.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  cairo_surface_t *surface;

  repere_render_style_init (&style, FALSE, 13);
  g_assert_true (repere_chart_export (chart, png, &style, 700, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1400);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 1400);
  cairo_surface_destroy (surface);

  g_assert_true (repere_chart_export (chart, svg, &style, 700, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (repere_chart_export (chart, pdf, &style, 700, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_assert_false (repere_chart_export (chart, bad, &style, 700, &error));
  g_assert_error (error, REPERE_CHART_ERROR, REPERE_CHART_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);
  g_assert_false (repere_chart_export (chart, unwritable, &style, 700, &error));
  g_assert_error (error, REPERE_CHART_ERROR, REPERE_CHART_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, unwritable));
}

static void
test_kinds (void)
{
  RepereChartKind kind;

  for (RepereChartKind k = 0; k < REPERE_CHART_N_KINDS; k++)
    {
      g_assert_true (repere_chart_kind_parse (repere_chart_kind_id (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpstr (repere_chart_kind_name (k), !=, "");
    }
  g_assert_true (repere_chart_kind_parse ("Families", &kind));
  g_assert_cmpint (kind, ==, REPERE_CHART_FAMILIES);
  g_assert_false (repere_chart_kind_parse ("pie", &kind));
  g_assert_false (repere_chart_kind_parse (NULL, &kind));
  {
    RepereJobFilter filter = { .assessment = "experts" };
    g_autoptr (RepereChart) chart = chart_new (REPERE_CHART_RANKING, &filter, NULL);
    g_assert_nonnull (strstr (repere_chart_get_title (chart), "Experts métier assistance"));
  }
}

/* repere-cli chart writes the file; an unknown view fails. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("REPERE_CLI");
  g_autofree char *db = g_build_filename (tmp_dir, "cli.db", NULL);
  g_autofree char *out = g_build_filename (tmp_dir, "cli-evolution.svg", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "cli-families.png", NULL);
  const char *argv_ok[] = { cli, "--database", db, "chart", "evolution", "--core", "--compare", "pwc-initial",
                            "--output", out, NULL };
  const char *argv_png[] = { cli, "--database", db, "chart", "families", "--dark", "--width", "520",
                             "--output", png, NULL };
  const char *argv_bad[] = { cli, "--database", db, "chart", "pie", "--output", out, NULL };
  g_autofree char *err = NULL;
  int status;
  cairo_surface_t *surface;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv_ok, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&err, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) argv_png, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1040);
  g_assert_cmphex (pixel (surface, 1, 1), ==, 0x242424);
  cairo_surface_destroy (surface);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) argv_bad, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "pie"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db_path = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("repere-chart-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "repere.db", NULL);
  study_db = repere_db_open (db_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/chart/kinds", test_kinds);
  g_test_add_func ("/chart/classification/acceptance-3", test_classification_acceptance);
  g_test_add_func ("/chart/classification/published-shares", test_classification_shares_published);
  g_test_add_func ("/chart/classification/filtered-shares", test_shares_filtered);
  g_test_add_func ("/chart/filters", test_filters);
  g_test_add_func ("/chart/ranking", test_ranking);
  g_test_add_func ("/chart/ranking/user", test_ranking_user);
  g_test_add_func ("/chart/evolution", test_evolution);
  g_test_add_func ("/chart/evolution/figure-3", test_evolution_figure_3);
  g_test_add_func ("/chart/distribution", test_distribution);
  g_test_add_func ("/chart/height-and-breaks", test_height_and_breaks);
  g_test_add_func ("/chart/nothing-clipped", test_nothing_clipped);
  g_test_add_func ("/chart/dark", test_dark);
  g_test_add_func ("/chart/export", test_export);
  g_test_add_func ("/chart/cli", test_cli);

  status = g_test_run ();
  g_clear_object (&study_db);
  repere_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
