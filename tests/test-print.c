/* test-print.c: printed lists, job sheets and views (PDF), CSV export
 *
 * Runs repere-cli as a child process on a temporary database and reads what
 * it writes with the tools a user would: poppler's pdftotext (text, word
 * boxes) and pdftoppm (rendered pages), LibreOffice Calc headless for the
 * CSV export (scripts/dev installs poppler-utils and libreoffice-calc-nogui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "repere-chart.h"
#include "repere-csv.h"
#include "repere-db.h"
#include "repere-rome-fiche.h"
#include "repere-score.h"

/* Margins of repere_page_setup_init(): 15 mm. */
#define MARGIN (15.0 / 25.4 * 72.0)

static char *cli_path;
static char *tmp_dir;
static char *db_path;

/* Runs @argv (NULL-terminated) in C.UTF-8; returns its standard output and
 * asserts its exit status is @expected_status. */
static char *
run (const char *const *argv, int expected_status, char **err_out, const char *const *extra_env)
{
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *data_home = g_build_filename (tmp_dir, "data-home", NULL);
  char *out = NULL, *err = NULL;
  int wait_status = 0;

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "LANG");
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "SOURCE_DATE_EPOCH", "1735689600", TRUE); /* 1 January 2025 */
  for (guint i = 0; extra_env && extra_env[i]; i += 2)
    env = g_environ_setenv (env, extra_env[i], extra_env[i + 1], TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &wait_status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != expected_status)
    g_error ("%s exited with %d (expected %d): %s", argv[0], WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1,
             expected_status, err);
  if (err_out)
    *err_out = err;
  else
    g_free (err);
  return out;
}

/* repere-cli --database DB @args… */
static char *
cli (const char *const *args, int expected_status, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, db_path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return run ((const char *const *) argv->pdata, expected_status, err, NULL);
}

/* Whitespace runs → one space, so that wrapped names compare with one-line ones. */
static char *
squeeze (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
compact (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* PDF reading --------------------------------------------------------------- */

typedef struct
{
  double x0, y0, x1, y1;
  char *text;
} Word;

typedef struct
{
  double width, height;
  GPtrArray *words; /* Word*, in content order */
  char *raw;        /* pdftotext -raw of the page, whitespace squeezed */
  char *compact;    /* the same without any whitespace: "Planificateur-\nPrévisionniste" wraps */
} Page;

static void
word_free (Word *word)
{
  g_free (word->text);
  g_free (word);
}

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->words);
  g_free (page->raw);
  g_free (page->compact);
  g_free (page);
}

static char *
unescape_html (const char *text)
{
  g_autoptr (GString) out = g_string_new (text);
  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&apos;", "'", 0);
  g_string_replace (out, "&#39;", "'", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every page of @pdf with its word boxes (pdftotext -bbox) and its text in
 * content-stream order (pdftotext -raw). */
static GPtrArray *
read_pdf (const char *pdf)
{
  const char *bbox_argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *html = run (bbox_argv, 0, NULL, NULL);
  g_autoptr (GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  g_autoptr (GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">", 0, 0, NULL);
  g_autoptr (GRegex) word_re = g_regex_new (
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, NULL);
  g_auto (GStrv) chunks = g_strsplit (html, "</page>", -1);

  for (guint i = 0; chunks[i]; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      Page *page;

      if (!g_regex_match (page_re, chunks[i], 0, &match))
        continue;
      page = g_new0 (Page, 1);
      {
        g_autofree char *width = g_match_info_fetch (match, 1);
        g_autofree char *height = g_match_info_fetch (match, 2);
        page->width = g_ascii_strtod (width, NULL);
        page->height = g_ascii_strtod (height, NULL);
      }
      page->words = g_ptr_array_new_with_free_func ((GDestroyNotify) word_free);
      g_clear_pointer (&match, g_match_info_unref);
      g_regex_match (word_re, chunks[i], 0, &match);
      while (g_match_info_matches (match))
        {
          Word *word = g_new0 (Word, 1);
          double *corners[4] = { &word->x0, &word->y0, &word->x1, &word->y1 };
          for (int v = 0; v < 4; v++)
            {
              g_autofree char *value = g_match_info_fetch (match, v + 1);
              *corners[v] = g_ascii_strtod (value, NULL);
            }
          {
            g_autofree char *text = g_match_info_fetch (match, 5);
            word->text = unescape_html (text);
          }
          g_ptr_array_add (page->words, word);
          g_match_info_next (match, NULL);
        }
      {
        g_autofree char *first = g_strdup_printf ("%u", pages->len + 1);
        const char *raw_argv[] = { "pdftotext", "-raw", "-f", first, "-l", first, pdf, "-", NULL };
        g_autofree char *raw = run (raw_argv, 0, NULL, NULL);
        page->raw = squeeze (raw);
        page->compact = compact (raw);
      }
      g_ptr_array_add (pages, page);
    }
  g_assert_cmpuint (pages->len, >, 0);
  return g_steal_pointer (&pages);
}

typedef struct
{
  char *rank;
  char *name;
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->rank);
  g_free (e->name);
  g_free (e);
}

/* The rows of `repere-cli jobs @filter`, in its order: rank and name. */
static GPtrArray *
expected_jobs (const char *const *filter)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) args = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) expected_free);

  g_strv_builder_add (builder, "jobs");
  g_strv_builder_addv (builder, (const char **) filter);
  args = g_strv_builder_end (builder);
  out = cli ((const char *const *) args, 0, NULL);
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "rank\tjob_id\tjob\t"));
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", -1);
      Expected *e = g_new0 (Expected, 1);
      e->rank = g_strdup (*fields[0] ? fields[0] : "—");
      e->name = g_strdup (fields[2]);
      g_ptr_array_add (rows, e);
    }
  return rows;
}

static const Word *
find_word (Page *page, const char *text, double min_y)
{
  for (guint w = 0; w < page->words->len; w++)
    {
      Word *word = g_ptr_array_index (page->words, w);
      if (g_strcmp0 (word->text, text) == 0 && word->y0 >= min_y)
        return word;
    }
  return NULL;
}

/* Acceptance 2: every word inside the printable area, no two words on top
 * of each other. */
static void
assert_words_inside (Page *page, guint number)
{
  for (guint w = 0; w < page->words->len; w++)
    {
      Word *a = g_ptr_array_index (page->words, w);
      if (a->x0 < MARGIN - 0.5 || a->y0 < MARGIN - 0.5 || a->x1 > page->width - MARGIN + 0.5
          || a->y1 > page->height - MARGIN + 0.5)
        g_error ("page %u: “%s” at (%.1f, %.1f)–(%.1f, %.1f) lies outside the printable area", number, a->text,
                 a->x0, a->y0, a->x1, a->y1);
      for (guint v = w + 1; v < page->words->len; v++)
        {
          Word *b = g_ptr_array_index (page->words, v);
          double dx = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
          double dy = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);
          /* Font boxes of two consecutive lines may touch; text drawn over
           * text overlaps by much more. */
          if (dx > 0.5 && dy > 0.3 * MIN (a->y1 - a->y0, b->y1 - b->y0))
            g_error ("page %u: “%s” and “%s” overlap", number, a->text, b->text);
        }
    }
}

/* Renders @pdf with pdftoppm and checks each page: the paper's size, ink on
 * the page, and none in the margins (nothing drawn or clipped outside the
 * printable area). */
static void
assert_renders (const char *pdf, GPtrArray *pages)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "36", "-png", pdf, prefix, NULL };
  g_autofree char *out = run (argv, 0, NULL, NULL);

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      g_autofree char *png = NULL;
      cairo_surface_t *image;
      int width, height, stride, margin, inked = 0;
      unsigned char *data;

      /* pdftoppm pads the page number to the width of the last one. */
      for (int digits = 1; digits <= 3 && png == NULL; digits++)
        {
          g_autofree char *candidate = g_strdup_printf ("%s-%0*u.png", prefix, digits, p + 1);
          if (g_file_test (candidate, G_FILE_TEST_EXISTS))
            png = g_steal_pointer (&candidate);
        }
      g_assert_nonnull (png);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      width = cairo_image_surface_get_width (image);
      height = cairo_image_surface_get_height (image);
      g_assert_cmpint (abs (width - (int) round (page->width / 2)), <=, 1);
      g_assert_cmpint (abs (height - (int) round (page->height / 2)), <=, 1);
      stride = cairo_image_surface_get_stride (image);
      data = cairo_image_surface_get_data (image);
      margin = (int) floor (MARGIN / 2) - 1;
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 pixel = *(guint32 *) (data + y * stride + 4 * x) & 0xffffff;
            gboolean in_margin = x < margin || y < margin || x >= width - margin || y >= height - margin;
            if (pixel != 0xffffff)
              {
                if (in_margin)
                  g_error ("%s: ink in the margin at (%d, %d)", png, x, y);
                inked++;
              }
          }
      g_assert_cmpint (inked, >, 500);
      cairo_surface_destroy (image);
    }
}

/* A rank cell: digits, or "—" when the job has no rank. */
static gboolean
is_rank (const char *text)
{
  if (g_strcmp0 (text, "—") == 0)
    return TRUE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return *text != '\0';
}

/* Prints the list with @filter and @layout options; checks acceptance 1
 * and 2. Returns the page count. */
static guint
check_list (const char *name, const char *const *filter, const char *const *layout, const char *summary)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) args = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) expected = expected_jobs (filter);
  g_autoptr (GPtrArray) pages = NULL;
  guint row = 0;

  g_strv_builder_add_many (builder, "print", "--pdf", pdf, NULL);
  g_strv_builder_addv (builder, (const char **) filter);
  g_strv_builder_addv (builder, (const char **) layout);
  args = g_strv_builder_end (builder);
  out = cli ((const char *const *) args, 0, NULL);
  pages = read_pdf (pdf);
  g_assert_cmpuint (expected->len, >, 0);

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      g_autofree char *footer = g_strdup_printf ("page %u / %u", p + 1, pages->len);
      const Word *rank_header = find_word (page, "Rank", 0);
      const Word *job_header = rank_header ? find_word (page, "Job", rank_header->y0 - 0.5) : NULL;
      const Word *footer_word = NULL;
      gsize cursor = 0;

      /* The filter summary and the footer on every page. */
      g_assert_nonnull (strstr (page->raw, summary));
      g_assert_nonnull (strstr (page->raw, footer));
      g_assert_nonnull (strstr (page->raw, "Observatoire des métiers de l’assistance, 2024–2025"));
      assert_words_inside (page, p + 1);

      /* The column header on every page; the rank column is what lies left
       * of the "Job" title, between the column header and the footer. */
      g_assert_nonnull (job_header);
      g_assert_cmpfloat (fabs (job_header->y0 - rank_header->y0), <, 0.5);
      for (guint w = 0; w < page->words->len; w++)
        if (g_strcmp0 (((Word *) g_ptr_array_index (page->words, w))->text, "page") == 0)
          footer_word = g_ptr_array_index (page->words, w);
      g_assert_nonnull (footer_word);
      for (guint w = 0; w < page->words->len; w++)
        {
          Word *word = g_ptr_array_index (page->words, w);
          Expected *e;
          const char *found;
          g_autofree char *name = NULL;

          /* Anywhere above the footer, not only below the column header:
           * a row cut in two would show its rank twice, once above. */
          if (word->x1 > job_header->x0 || word == rank_header || word->y1 >= footer_word->y0
              || !is_rank (word->text))
            continue;
          /* Rows in the order of `repere-cli jobs`, each whole on this page:
           * its rank in the rank column, its name in the page's text. */
          g_assert_cmpuint (row, <, expected->len);
          e = g_ptr_array_index (expected, row);
          g_assert_cmpstr (word->text, ==, e->rank);
          name = compact (e->name);
          found = strstr (page->compact + cursor, name);
          if (found == NULL)
            g_error ("%s page %u: “%s” (row %u) not found whole after offset %zu", pdf, p + 1, e->name, row + 1,
                     cursor);
          cursor = found - page->compact + strlen (name);
          row++;
        }
    }
  /* Exactly the filtered jobs: as many rank cells as rows. */
  g_assert_cmpuint (row, ==, expected->len);
  assert_renders (pdf, pages);
  return pages->len;
}

static void
test_list_one_page (void)
{
  const char *const filter[] = { "--family", "03", NULL };
  const char *const layout[] = { NULL };

  g_assert_cmpuint (check_list ("family.pdf", filter, layout, "Family: 03 Support et organisation d’assistance"), ==, 1);
}

static void
test_list_pages (void)
{
  const char *const filter[] = { "--search", "assistance", "--sort", "job", NULL };
  const char *const layout[] = { "--font-size", "16", NULL };
  const char *const filter2[] = { "--sort", "score", "--desc", NULL };
  const char *const layout2[] = { "--landscape", "--paper", "letter", "--font-size", "14", NULL };
  const char *const filter3[] = { NULL };
  const char *const layout3[] = { NULL };

  g_assert_cmpuint (check_list ("search.pdf", filter, layout, "Search: “assistance” · Sorted by: Job"), >=, 3);
  g_assert_cmpuint (check_list ("landscape.pdf", filter2, layout2, "Sorted by: Score, reversed · 58 jobs"), >=, 3);
  g_assert_cmpuint (check_list ("all.pdf", filter3, layout3, "No filter · 58 jobs"), >=, 2);
}

static void
test_list_empty_and_errors (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "none.pdf", NULL);
  const char *const empty[] = { "print", "--pdf", pdf, "--search", "zzzzqqq", NULL };
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-dir", "x.pdf", NULL);
  const char *const bad_dir[] = { "print", "--pdf", missing, NULL };
  const char *const bad_paper[] = { "print", "--pdf", pdf, "--paper", "a3", NULL };
  g_autofree char *out = cli (empty, 0, NULL);
  g_autoptr (GPtrArray) pages = read_pdf (pdf);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_nonnull (strstr (((Page *) g_ptr_array_index (pages, 0))->raw, "No job matches these filters."));
  g_assert_nonnull (strstr (((Page *) g_ptr_array_index (pages, 0))->raw, "0 jobs"));

  out2 = cli (bad_dir, 1, &err);
  g_assert_nonnull (strstr (err, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  out3 = cli (bad_paper, 1, &err2);
  g_assert_nonnull (strstr (err2, "a3"));
}

/* A user assessment with 600 more jobs: the footer names the assessment, and
 * a long list paginates with the default font. */
static void
test_list_user_assessment (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "big.db", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "big.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  g_autofree char *assessment = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  static const int counts[5] = { 3, 2, 2, 1, 1 };

  g_assert_no_error (error);
  assessment = repere_assessment_create (db, "Ma société 2026", "experts", &error);
  g_assert_no_error (error);
  handle = repere_db_get_handle (db);
  g_assert_cmpint (sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO job (id, family_code, name, position, core, source)"
                                       " VALUES (?1, printf ('%02d', ?2 % 13 + 1), ?3, 100 + ?2, 0, 'test')",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (int i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("synthetic-%03d", i);
      g_autofree char *name = g_strdup_printf ("Métier synthétique numéro %03d au nom assez long pour passer à la "
                                               "ligne dans la colonne",
                                               i);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (repere_assessment_set_level_counts (db, assessment, "synthetic-007", counts, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  {
    const char *const args[] = { "--database", path, "print", "--pdf", pdf, "--assessment", assessment, NULL };
    g_autoptr (GPtrArray) argv = g_ptr_array_new ();
    g_autofree char *out = NULL;
    guint rows = 0;

    g_ptr_array_add (argv, cli_path);
    for (guint i = 0; args[i]; i++)
      g_ptr_array_add (argv, (gpointer) args[i]);
    g_ptr_array_add (argv, NULL);
    out = run ((const char *const *) argv->pdata, 0, NULL, NULL);
    pages = read_pdf (pdf);
    g_assert_cmpuint (pages->len, >=, 10);
    for (guint p = 0; p < pages->len; p++)
      {
        Page *page = g_ptr_array_index (pages, p);
        g_autofree char *footer = g_strdup_printf ("page %u / %u", p + 1, pages->len);
        const char *at = page->compact;

        g_assert_nonnull (strstr (page->raw, "Jobs — Ma société 2026"));
        g_assert_nonnull (strstr (page->raw, "Source: Ma société 2026 (own assessment)"));
        g_assert_nonnull (strstr (page->raw, footer));
        assert_words_inside (page, p + 1);
        /* Each wrapped name whole on one page. */
        while ((at = strstr (at, "Métiersynthétiquenuméro")) != NULL)
          {
            g_assert_true (g_str_has_prefix (at + strlen ("Métiersynthétiquenuméro000"),
                                             "aunomassezlongpourpasseràlalignedanslacolonne"));
            at += 10;
            rows++;
          }
      }
    g_assert_cmpuint (rows, ==, 600);
  }
}

/* Job sheet --------------------------------------------------------------- */

/* ROME's flags on the job sheet (issue 13), counted over the sheets checked:
 * a code's ecological standing, digital and demographic transition; a
 * competency's ecological and digital transition. */
enum
{
  FLAG_CODE_ECO,
  FLAG_CODE_NUM,
  FLAG_CODE_DEMO,
  FLAG_COMPETENCY_ECO,
  FLAG_COMPETENCY_NUM,
  N_FLAGS
};

/* @item, then " — flag · flag" as the sheet writes @flags, without whitespace. */
static char *
expected_item (const char *item, GPtrArray *flags)
{
  g_autoptr (GString) text = g_string_new (item);

  for (guint i = 0; i < flags->len; i++)
    g_string_append_printf (text, "%s%s", i ? " · " : " — ", (const char *) g_ptr_array_index (flags, i));
  return compact (text->str);
}

/* The bullets of @section (text without whitespace) against @expected
 * (item → 0): each printed once, each expected one printed. The last bullet
 * runs into what follows the list: any of @headings at its end is cut. */
static guint
check_bullets (const char *what, const char *section, GHashTable *expected, const char *const *headings)
{
  g_auto (GStrv) items = g_strsplit (section, "•", -1);
  guint bullets = 0;

  g_assert_cmpstr (items[0], ==, "");
  for (guint i = 1; items[i]; i++)
    {
      char *item = items[i];
      gpointer seen;

      for (guint h = 0; headings && headings[h]; h++)
        if (g_str_has_suffix (item, headings[h]) && !g_hash_table_contains (expected, item))
          item[strlen (item) - strlen (headings[h])] = '\0';
      if (!g_hash_table_lookup_extended (expected, item, NULL, &seen))
        g_error ("job sheet: %s “%s” is not one of the job’s with ROME’s flags as the tables give them "
                 "(strongest mark over its codes, transition flags)",
                 what, item);
      if (GPOINTER_TO_UINT (seen) > 0)
        g_error ("job sheet: %s “%s” printed twice", what, item);
      g_hash_table_insert (expected, g_strdup (item), GUINT_TO_POINTER (1));
      bullets++;
    }
  g_assert_cmpuint (bullets, ==, g_hash_table_size (expected));
  return bullets;
}

/* The sheet's "ROME codes" and "ROME competencies" (@body: its text without
 * whitespace), against the tables: each of the job's codes with its
 * transition flags; each competency of its codes once, as the job page
 * does: one bullet per label of each kind, with the strongest mark any of
 * the codes gives it (Principale, Émergente) and ROME's transition flags of
 * the competencies of that label. The flags printed are added to @counts.
 * With @mixed, the job must have a competency that one of its codes flags
 * and another does not (the sheet printed those twice). */
static void
assert_sheet_rome (RepereDb *db, const char *job_id, const char *body, gboolean mixed, guint counts[N_FLAGS])
{
  static const char *const kind_headings[] = { "Savoir-êtreprofessionnels", "Savoirs", NULL };
  static const char *const code_headings[] = { "ROMEcompetencies", NULL };
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  const char *section;
  const char *end;
  g_autofree char *text = NULL;
  g_autofree char *code_text = NULL;
  guint n_mixed = 0;
  int rc;

  /* The codes, with ROME's flags of unix_referentiel_code_rome. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT c.code, c.title, c.transition_eco, coalesce (c.transition_num, -1),"
                                       "       coalesce (c.transition_demo, -1)"
                                       "  FROM job_rome jr JOIN rome_code c ON c.code = jr.rome_code"
                                       " WHERE jr.job_id = ?1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GPtrArray) flags = g_ptr_array_new ();
      g_autofree char *item = g_strdup_printf ("%s · %s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
      const char *eco = (const char *) sqlite3_column_text (stmt, 2);

      if (*eco && strcmp (eco, "Emploi Blanc") != 0)
        {
          /* ROME's label, in the job page's words (C locale: English). */
          g_ptr_array_add (flags, (gpointer) repere_rome_transition_eco_label (eco));
          counts[FLAG_CODE_ECO]++;
        }
      if (sqlite3_column_int (stmt, 3) == 1)
        {
          g_ptr_array_add (flags, "Digital transition");
          counts[FLAG_CODE_NUM]++;
        }
      if (sqlite3_column_int (stmt, 4) == 1)
        {
          g_ptr_array_add (flags, "Demographic transition");
          counts[FLAG_CODE_DEMO]++;
        }
      g_hash_table_insert (codes, expected_item (item, flags), GUINT_TO_POINTER (0));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (g_hash_table_size (codes), >, 0);
  section = strstr (body, "ROMEcodes");
  g_assert_nonnull (section);
  section += strlen ("ROMEcodes");
  end = strstr (section, "ROMEcompetencies");
  g_assert_nonnull (end);
  code_text = g_strndup (section, end - section);
  check_bullets ("code", code_text, codes, code_headings);

  /* The competencies (unix_coherence_item's mark, the flags of
   * unix_referentiel_competence and _savoir). */
  g_assert_cmpint (
      sqlite3_prepare_v2 (handle,
                          "SELECT rc.kind, c.label,"
                          "       max (CASE rc.core WHEN 'principale' THEN 2"
                          "                         WHEN 'emergente' THEN 1 ELSE 0 END),"
                          "       count (DISTINCT rc.core),"
                          "       coalesce (max (c.transition_eco), 0), coalesce (max (c.transition_num), 0)"
                          "  FROM job_rome jr JOIN rome_competency rc ON rc.rome_code = jr.rome_code"
                          "  JOIN competency c ON c.id = rc.competency_id"
                          " WHERE jr.job_id = ?1 AND c.removed_batch_id IS NULL"
                          " GROUP BY rc.kind, c.label",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GPtrArray) flags = g_ptr_array_new ();
      int mark = sqlite3_column_int (stmt, 2);

      if (mark == 2)
        g_ptr_array_add (flags, "Principale");
      else if (mark == 1)
        g_ptr_array_add (flags, "Émergente");
      if (sqlite3_column_int (stmt, 4) == 1)
        {
          g_ptr_array_add (flags, "Ecological transition");
          counts[FLAG_COMPETENCY_ECO]++;
        }
      if (sqlite3_column_int (stmt, 5) == 1)
        {
          g_ptr_array_add (flags, "Digital transition");
          counts[FLAG_COMPETENCY_NUM]++;
        }
      g_hash_table_insert (expected, expected_item ((const char *) sqlite3_column_text (stmt, 1), flags),
                           GUINT_TO_POINTER (0));
      n_mixed += sqlite3_column_int (stmt, 3) > 1;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  if (mixed)
    g_assert_cmpuint (n_mixed, >, 0);
  g_assert_cmpuint (g_hash_table_size (expected), >, 10);

  section = strstr (body, "ROMEcompetenciesSavoir-faire");
  g_assert_nonnull (section);
  section += strlen ("ROMEcompetenciesSavoir-faire");
  end = strstr (section, "Ratings");
  text = g_strndup (section, end ? (gsize) (end - section) : strlen (section));
  check_bullets ("competency", text, expected, kind_headings);
}

/* The body of @job's printed sheet @pdf, each page without its header and
 * footer (a paragraph split across two pages reads whole), without
 * whitespace. @pages_out: (nullable): the pages read; @raw: (nullable): gets
 * the pages' text as pdftotext gives it. */
static char *
sheet_body (RepereJobDetail *job, const char *pdf, GPtrArray **pages_out, GString *raw)
{
  g_autoptr (GPtrArray) pages = read_pdf (pdf);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *subtitle = g_strdup_printf (job->core ? "Family %s %s · Core assistance job" : "Family %s %s",
                                               job->family_code, job->family_name);
  g_autofree char *header = compact (subtitle);

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      g_autofree char *footer = g_strdup_printf ("page %u / %u", p + 1, pages->len);
      const char *start = strstr (page->compact, header);
      const char *footer_start = strstr (page->compact, "1January2025·");

      g_assert_nonnull (strstr (page->raw, job->name));
      g_assert_nonnull (strstr (page->raw, footer));
      assert_words_inside (page, p + 1);
      if (raw)
        g_string_append_printf (raw, "%s ", page->raw);
      g_assert_nonnull (start);
      g_assert_nonnull (footer_start);
      start += strlen (header);
      g_assert_true (footer_start > start);
      g_string_append_len (body, start, footer_start - start);
    }
  if (pages_out)
    *pages_out = g_steal_pointer (&pages);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
test_job_sheet (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "sheet.pdf", NULL);
  const char *const args[] = { "print", "--job", "Médecin d'assistance", "--pdf", pdf, NULL };
  g_autofree char *out = cli (args, 0, NULL);
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GString) all = g_string_new (NULL);
  g_autofree char *all_compact = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = repere_db_open (db_path, &error);
  g_autoptr (RepereJobDetail) job = NULL;
  g_autoptr (GPtrArray) flagged = g_ptr_array_new_with_free_func (g_free);
  guint counts[N_FLAGS] = { 0 };
  guint use_cases = 0;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_no_error (error);
  job = repere_db_get_job (db, "medecin-d-assistance", &error);
  g_assert_no_error (error);
  all_compact = sheet_body (job, pdf, &pages, all);
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      g_autofree char *line = g_strdup_printf ("%s Score %.2f · rank %d / 58 · %s", r->assessment_name, r->score,
                                               r->rank, r->classification_name);
      g_assert_cmpint (r->rank, >, 0);
      if (strstr (all->str, line) == NULL)
        g_error ("job sheet: “%s” missing", line);
    }
  for (guint i = 0; i < job->use_cases->len; i++)
    {
      RepereUseCase *u = g_ptr_array_index (job->use_cases, i);
      g_autofree char *title = compact (u->title);
      g_assert_nonnull (strstr (all_compact, title));
      for (guint c = 0; c < u->comments->len; c++)
        {
          g_autofree char *text = compact (((RepereComment *) g_ptr_array_index (u->comments, c))->text);
          g_assert_nonnull (strstr (all_compact, text));
        }
      use_cases++;
    }
  g_assert_cmpuint (use_cases, >, 5);
  g_assert_nonnull (strstr (all->str, "Results by assessment"));
  g_assert_nonnull (strstr (all->str, "Priority 1"));
  assert_sheet_rome (db, job->id, all_compact, TRUE, counts);
  assert_renders (pdf, pages);

  /* Issue 13: ROME's transition flags. For each flag of a code, the job
   * with such a code whose competencies carry the most flags (from the
   * tables): together they show every kind of flag. */
  g_assert_cmpint (
      sqlite3_prepare_v2 (repere_db_get_handle (db),
                          "WITH f AS (SELECT jr.job_id, c.transition_eco NOT IN ('', 'Emploi Blanc') AS e,"
                          "                  coalesce (c.transition_num, 0) AS n,"
                          "                  coalesce (c.transition_demo, 0) AS d"
                          "             FROM job_rome jr JOIN rome_code c ON c.code = jr.rome_code),"
                          " k AS (SELECT jr.job_id, count (*) AS flags"
                          "         FROM job_rome jr JOIN rome_competency rc ON rc.rome_code = jr.rome_code"
                          "         JOIN competency cp ON cp.id = rc.competency_id"
                          "        WHERE cp.transition_eco = 1 OR cp.transition_num = 1 GROUP BY jr.job_id)"
                          " SELECT (SELECT f.job_id FROM f JOIN k USING (job_id) WHERE f.e"
                          "          ORDER BY k.flags DESC, f.job_id LIMIT 1),"
                          "        (SELECT f.job_id FROM f JOIN k USING (job_id) WHERE f.n"
                          "          ORDER BY k.flags DESC, f.job_id LIMIT 1),"
                          "        (SELECT f.job_id FROM f JOIN k USING (job_id) WHERE f.d"
                          "          ORDER BY k.flags DESC, f.job_id LIMIT 1)",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, ==, SQLITE_ROW);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpint (sqlite3_column_type (stmt, i), ==, SQLITE_TEXT);
      g_ptr_array_add (flagged, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < flagged->len; i++)
    {
      const char *id = g_ptr_array_index (flagged, i);
      g_autoptr (RepereJobDetail) other = repere_db_get_job (db, id, &error);
      g_autofree char *other_pdf = g_strdup_printf ("%s/sheet-%s.pdf", tmp_dir, id);
      const char *const other_args[] = { "print", "--job", other->name, "--pdf", other_pdf, NULL };
      g_autofree char *other_out = NULL;
      g_autofree char *body = NULL;

      g_assert_no_error (error);
      other_out = cli (other_args, 0, NULL);
      body = sheet_body (other, other_pdf, NULL, NULL);
      g_test_message ("job sheet of %s: ROME’s flags as the tables give them", other->name);
      assert_sheet_rome (db, id, body, FALSE, counts);
    }
  g_test_message ("flags printed: codes %u ecological, %u digital, %u demographic; competencies %u ecological, "
                  "%u digital",
                  counts[FLAG_CODE_ECO], counts[FLAG_CODE_NUM], counts[FLAG_CODE_DEMO], counts[FLAG_COMPETENCY_ECO],
                  counts[FLAG_COMPETENCY_NUM]);
  for (int f = 0; f < N_FLAGS; f++)
    g_assert_cmpuint (counts[f], >, 0);
}

/* CSV export -------------------------------------------------------------- */

/* The records of @path (header first), read with Repère's CSV reader. */
static GPtrArray *
read_csv (const char *path, char expected_delimiter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereCsvReader) reader = repere_csv_reader_new_for_path (path, REPERE_CSV_ENCODING_AUTO, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GStrvBuilder) header = g_strv_builder_new ();

  g_assert_no_error (error);
  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repere_csv_reader_get_delimiter (reader), ==, expected_delimiter);
  g_assert_cmpint (repere_csv_reader_get_encoding (reader), ==, REPERE_CSV_ENCODING_UTF8);
  for (guint i = 0; i < repere_csv_reader_get_n_columns (reader); i++)
    g_strv_builder_add (header, repere_csv_reader_get_column_name (reader, i));
  g_ptr_array_add (rows, g_strv_builder_end (header));
  while (repere_csv_reader_next (reader, &error))
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      for (guint i = 0; i < repere_csv_reader_get_n_fields (reader); i++)
        g_strv_builder_add (builder, repere_csv_reader_get_field (reader, i));
      g_ptr_array_add (rows, g_strv_builder_end (builder));
    }
  g_assert_no_error (error);
  return rows;
}

/* A number written with a decimal comma ("0,97", "12"), or NaN. */
static double
french_number (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  char *end;
  double value;

  if (*copy == '\0' || strchr (copy, '.'))
    return NAN;
  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  return *end ? NAN : value;
}

static void
test_export_csv (void)
{
  g_autofree char *csv = g_build_filename (tmp_dir, "liste.csv", NULL);
  g_autofree char *intl = g_build_filename (tmp_dir, "list.csv", NULL);
  const char *const export_fr[] = { "export", "--format", "csv", "--bom", "--output", csv, NULL };
  const char *const export_stdout[] = { "export", "--format", "csv", "--bom", NULL };
  const char *const export_intl[] = { "export", "--delimiter", "comma", "--output", intl, "--core", NULL };
  const char *const jobs[] = { "jobs", NULL };
  g_autofree char *out1 = cli (export_fr, 0, NULL);
  g_autofree char *out2 = cli (export_stdout, 0, NULL);
  g_autofree char *out3 = cli (export_intl, 0, NULL);
  g_autofree char *tsv = cli (jobs, 0, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) intl_rows = NULL;
  g_auto (GStrv) tsv_lines = g_strsplit (tsv, "\n", -1);
  gsize length;

  /* File and standard output agree; BOM and CRLF line ends. */
  g_assert_true (g_file_get_contents (csv, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, out2);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFRank;Job id;Job;"));
  g_assert_nonnull (strstr (contents, "\r\n"));

  /* Repère's reader gets the rows of `jobs` back, with decimal commas. */
  rows = read_csv (csv, ';');
  g_assert_cmpuint (rows->len, ==, 59);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_auto (GStrv) fields = g_strsplit (tsv_lines[r], "\t", -1);
      g_autofree char *score = g_strdup (fields[5]);

      g_assert_cmpuint (g_strv_length (row), ==, 10);
      g_strdelimit (score, ".", ',');
      g_assert_cmpstr (row[1], ==, fields[1]);
      g_assert_cmpstr (row[2], ==, fields[2]);
      g_assert_cmpstr (row[3], ==, fields[3]);
      g_assert_cmpstr (row[5], ==, score);
      g_assert_nonnull (strchr (row[5], ','));
      g_assert_cmpstr (row[6], ==, fields[6]);
    }

  /* International: ',' and decimal points, only the core jobs. */
  intl_rows = read_csv (intl, ',');
  g_assert_cmpuint (intl_rows->len, ==, 11);
  g_assert_nonnull (strchr (((char **) g_ptr_array_index (intl_rows, 1))[5], '.'));

  /* Acceptance 3: LibreOffice Calc opens it (CSV → ODS) and writes it back
   * (ODS → CSV) with the accents and decimal commas intact. */
  {
    g_autofree char *soffice = g_find_program_in_path ("soffice");
    g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", tmp_dir, "/lo-profile", NULL);
    g_autofree char *ods_dir = g_build_filename (tmp_dir, "ods", NULL);
    g_autofree char *back_dir = g_build_filename (tmp_dir, "back", NULL);
    g_autofree char *ods = g_build_filename (ods_dir, "liste.ods", NULL);
    g_autofree char *back = g_build_filename (back_dir, "liste.csv", NULL);
    /* Field separator 59 (;), text delimiter 34 ("), UTF-8 (76), from line 1,
     * cell formats standard, French (1036). */
    const char *to_ods[] = { soffice, "--headless", profile, "--infilter=CSV:59,34,76,1,,1036", "--convert-to", "ods",
                             "--outdir", ods_dir, csv, NULL };
    const char *to_csv[] = { soffice, "--headless", profile, "--convert-to",
                             "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036", "--outdir", back_dir, ods, NULL };
    const char *const french[] = { "LC_ALL", "fr_FR.UTF-8", NULL };
    g_autofree char *o1 = NULL;
    g_autofree char *o2 = NULL;
    g_autoptr (GPtrArray) round = NULL;
    guint numbers = 0;

    if (soffice == NULL)
      g_error ("soffice not found: scripts/dev deps installs libreoffice-calc-nogui");
    o1 = run (to_ods, 0, NULL, french);
    g_assert_true (g_file_test (ods, G_FILE_TEST_EXISTS));
    o2 = run (to_csv, 0, NULL, french);
    round = read_csv (back, ';');
    g_assert_cmpuint (round->len, ==, rows->len);
    for (guint r = 0; r < rows->len; r++)
      {
        char **a = g_ptr_array_index (rows, r);
        char **b = g_ptr_array_index (round, r);
        g_assert_cmpuint (g_strv_length (b), ==, g_strv_length (a));
        for (guint f = 0; a[f]; f++)
          {
            double x = french_number (a[f]), y = french_number (b[f]);
            /* Calc read the numbers as numbers ("1,00" is written back as
             * "1"): compare their values; everything else byte for byte. */
            if (!isnan (x) && strchr (a[f], ','))
              {
                g_assert_false (isnan (y));
                g_assert_cmpfloat_with_epsilon (x, y, 1e-9);
                numbers += strchr (b[f], ',') != NULL;
              }
            else
              g_assert_cmpstr (b[f], ==, a[f]);
          }
      }
    /* Decimal commas, not points, in what Calc wrote. */
    g_assert_cmpuint (numbers, >, 50);
    g_assert_cmpstr (((char **) g_ptr_array_index (round, 1))[2], ==, "Gestionnaire de dossiers d’assistance");
  }
}


/* Views ------------------------------------------------------------------- */

/* The chart `repere-cli print --chart` draws for @filter_args, built here
 * from the same database (the rows to find in the PDF). */
static RepereChart *
chart_for (RepereChartKind kind, const RepereJobFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereDb) db = repere_db_open (db_path, &error);
  RepereChart *chart;

  g_assert_no_error (error);
  chart = repere_chart_new (db, kind, filter, NULL, &error);
  g_assert_no_error (error);
  return chart;
}

/* Occurrences of @needle in @haystack (overlapping ones too). */
static guint
count_in (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *at = haystack; (at = strstr (at, needle)) != NULL; at++)
    n++;
  return n;
}

/* The page's text between its page header (ending with the filter line
 * @summary) and its footer, without whitespace. */
static char *
page_body (Page *page, const char *summary)
{
  g_autofree char *head = compact (summary);
  const char *body = strstr (page->compact, head);
  const char *footer = strstr (page->compact, "1January2025·");

  g_assert_nonnull (body);
  g_assert_nonnull (footer);
  body += strlen (head);
  g_assert_true (footer > body);
  return g_strndup (body, footer - body);
}

/* Prints @chart's view with `print --chart` @args and checks the pages: the
 * page header (views, assessment, filters) and footer on each, the title on
 * the first page and "(continued)" on the others, every word inside the
 * printable area and none over another, every job of the chart whole on
 * one page, in the chart's order, each exactly once. Returns the pages. */
static GPtrArray *
check_view (const char *name, RepereChart *chart, const char *const *args, const char *summary)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GString) bodies = g_string_new (NULL);
  g_autofree char *continued = g_strdup_printf ("%s (continued)", repere_chart_get_title (chart));
  g_autofree gboolean *found_on = g_new0 (gboolean, repere_chart_get_n_rows (chart) + 1);
  guint row = 0;

  g_strv_builder_add_many (builder, "print", "--pdf", pdf, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  out = cli ((const char *const *) argv, 0, NULL);
  pages = read_pdf (pdf);

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      g_autofree char *footer = g_strdup_printf ("page %u / %u", p + 1, pages->len);
      g_autofree char *body = page_body (page, summary);
      gsize cursor = 0;

      g_assert_true (g_str_has_prefix (page->raw, "Views — Experts métier assistance"));
      g_assert_nonnull (strstr (page->raw, summary));
      g_assert_nonnull (strstr (page->raw, footer));
      g_assert_nonnull (strstr (page->raw, "Source: Observatoire des métiers de l’assistance, 2024–2025"));
      /* The view's title below the page header; "(continued)" after the
       * first page. */
      g_assert_nonnull (strstr (page->raw, repere_chart_get_title (chart)));
      g_assert_true ((strstr (page->raw, continued) != NULL) == (p > 0));
      assert_words_inside (page, p + 1);

      /* The rows, in order: those of this page whole in its text. The
       * classification table reads across its class columns: there each
       * job whole on some page. */
      if (repere_chart_get_kind (chart) == REPERE_CHART_CLASSIFICATION)
        for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
          {
            g_autofree char *job = compact (repere_chart_get_row (chart, r)->job_name);
            found_on[r] |= strstr (body, job) != NULL;
          }
      while (repere_chart_get_kind (chart) != REPERE_CHART_CLASSIFICATION && row < repere_chart_get_n_rows (chart))
        {
          g_autofree char *job = compact (repere_chart_get_row (chart, row)->job_name);
          const char *found = strstr (body + cursor, job);
          if (found == NULL)
            break;
          cursor = found - body + strlen (job);
          row++;
        }
      g_string_append (bodies, body);
    }
  for (guint r = 0; repere_chart_get_kind (chart) == REPERE_CHART_CLASSIFICATION && r < repere_chart_get_n_rows (chart);
       r++)
    if (found_on[r])
      row = r + 1;
    else
      break;
  if (row < repere_chart_get_n_rows (chart))
    g_error ("%s: “%s” (row %u) not found whole on a page, in order", pdf,
             repere_chart_get_row (chart, row)->job_name, row + 1);
  /* Each job once: as many times as it is part of a job name of the chart
   * (“Assistant” is also in “Assistant administratif de plateaux”). */
  for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
    {
      g_autofree char *job = compact (repere_chart_get_row (chart, r)->job_name);
      guint expected = 0;
      for (guint o = 0; o < repere_chart_get_n_rows (chart); o++)
        {
          g_autofree char *other = compact (repere_chart_get_row (chart, o)->job_name);
          expected += count_in (other, job);
        }
      if (count_in (bodies->str, job) != expected)
        g_error ("%s: “%s” printed %u times, expected %u", pdf, repere_chart_get_row (chart, r)->job_name,
                 count_in (bodies->str, job), expected);
    }
  assert_renders (pdf, pages);
  return g_steal_pointer (&pages);
}

/* The rank cells of a printed ranking, page by page: the numbers at the
 * left margin between the view's legend and the footer. */
static void
assert_rank_cells (GPtrArray *pages, RepereChart *chart)
{
  guint row = 0;

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      const Word *legend = find_word (page, "Émergent", 0);
      const Word *footer = find_word (page, "page", legend ? legend->y1 : 0);

      g_assert_nonnull (legend);
      g_assert_nonnull (footer);
      for (guint w = 0; w < page->words->len; w++)
        {
          Word *word = g_ptr_array_index (page->words, w);
          g_autofree char *expected = NULL;
          if (word->y0 <= legend->y1 || word->y1 >= footer->y0 || word->x0 > MARGIN + 20 || !is_rank (word->text))
            continue;
          g_assert_cmpuint (row, <, repere_chart_get_n_rows (chart));
          expected = g_strdup_printf ("%d", repere_chart_get_row (chart, row)->rank);
          g_assert_cmpstr (word->text, ==, expected);
          row++;
        }
    }
  /* Every rank once: a row cut between two pages would show it twice. */
  g_assert_cmpuint (row, ==, repere_chart_get_n_rows (chart));
}

static void
test_view_ranking (void)
{
  RepereJobFilter filter = { .assessment = "experts", .search = "assistance", .sort = REPERE_SORT_RANK };
  g_autoptr (RepereChart) chart = chart_for (REPERE_CHART_RANKING, &filter);
  const char *const args[] = { "--chart", "ranking", "--search", "assistance", NULL };
  g_autoptr (GPtrArray) pages = NULL;

  g_assert_cmpuint (repere_chart_get_n_rows (chart), >, 10);
  g_assert_cmpuint (repere_chart_get_n_rows (chart), <, 58);
  pages = check_view ("view-ranking.pdf", chart, args, "Search: “assistance”");
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_nonnull (strstr (((Page *) g_ptr_array_index (pages, 0))->raw, "Ranking — Experts métier assistance"));
  assert_rank_cells (pages, chart);
}

/* Too tall for a page: cut between rows, the top repeated. */
static void
test_view_pages (void)
{
  RepereJobFilter all = { .assessment = "experts", .sort = REPERE_SORT_RANK };
  g_autoptr (RepereChart) ranking = chart_for (REPERE_CHART_RANKING, &all);
  g_autoptr (RepereChart) evolution = chart_for (REPERE_CHART_EVOLUTION, &all);
  g_autoptr (RepereChart) classes = chart_for (REPERE_CHART_CLASSIFICATION, &all);
  const char *const big[] = { "--chart", "ranking", "--font-size", "16", NULL };
  const char *const landscape[] = { "--chart", "evolution", "--landscape", "--paper", "letter", "--font-size", "12",
                                    NULL };
  const char *const bands[] = { "--chart", "classification", "--font-size", "15", NULL };
  g_autoptr (GPtrArray) pages = check_view ("view-big.pdf", ranking, big, "No filter · 58 jobs");
  g_autoptr (GPtrArray) pages2 = check_view ("view-landscape.pdf", evolution, landscape, "No filter · 58 jobs");
  g_autoptr (GPtrArray) pages3 = check_view ("view-bands.pdf", classes, bands, "No filter · 58 jobs");

  g_assert_cmpuint (pages->len, >=, 3);
  assert_rank_cells (pages, ranking);
  /* The scale repeated at the top of each page. */
  for (guint p = 0; p < pages->len; p++)
    g_assert_nonnull (find_word (g_ptr_array_index (pages, p), "0.25", 0));
  g_assert_cmpuint (pages2->len, >=, 2);
  g_assert_cmpfloat (((Page *) g_ptr_array_index (pages2, 0))->width, >, 790);
  /* The column titles repeated at the top of each page. */
  for (guint p = 0; p < pages2->len; p++)
    g_assert_nonnull (find_word (g_ptr_array_index (pages2, p), "Change", 0));
  g_assert_cmpuint (pages3->len, >=, 2);
}

/* `--chart all`: the five views, each from a new page, in order. */
static void
test_view_all (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "views.pdf", NULL);
  const char *const args[] = { "print", "--chart", "all", "--core", "--pdf", pdf, NULL };
  RepereJobFilter filter = { .assessment = "experts", .core_only = TRUE };
  g_autofree char *out = cli (args, 0, NULL);
  g_autoptr (GPtrArray) pages = read_pdf (pdf);
  guint previous = 0;

  g_assert_cmpuint (pages->len, >=, 5);
  for (guint k = 0; k < REPERE_CHART_N_KINDS; k++)
    {
      g_autoptr (RepereChart) chart = chart_for ((RepereChartKind) k, &filter);
      const char *title = repere_chart_get_title (chart);
      g_autofree char *continued = g_strdup_printf ("%s (continued)", title);
      guint first = 0;

      for (guint p = pages->len; p > 0; p--)
        {
          Page *page = g_ptr_array_index (pages, p - 1);
          const char *at = strstr (page->raw, title);
          if (at && !g_str_has_prefix (at, continued))
            first = p;
        }
      if (first == 0)
        g_error ("%s: no page starts “%s”", pdf, title);
      /* A new page for each view; the view's title right under the page
       * header. */
      g_assert_cmpuint (first, >, previous);
      {
        g_autofree char *top
            = g_strdup_printf ("Views — Experts métier assistance Core assistance jobs only · 10 jobs %s", title);
        g_assert_true (g_str_has_prefix (((Page *) g_ptr_array_index (pages, first - 1))->raw, top));
      }
      previous = first;
    }
  for (guint p = 0; p < pages->len; p++)
    assert_words_inside (g_ptr_array_index (pages, p), p + 1);
  assert_renders (pdf, pages);
}

/* `export --chart KIND`: re-read with Repère's CSV reader, the rows are the
 * chart's. */
static void
test_view_csv (void)
{
  RepereJobFilter filter = { .assessment = "experts", .sort = REPERE_SORT_RANK };

  for (guint k = 0; k < REPERE_CHART_N_KINDS; k++)
    {
      g_autoptr (RepereChart) chart = chart_for ((RepereChartKind) k, &filter);
      g_autofree char *name = g_strdup_printf ("view-%s.csv", repere_chart_kind_id (k));
      g_autofree char *csv = g_build_filename (tmp_dir, name, NULL);
      const char *const args[] = { "export", "--chart", repere_chart_kind_id (k), "--format", "csv", "--bom",
                                   "--output", csv, NULL };
      g_autofree char *out = cli (args, 0, NULL);
      g_autoptr (GPtrArray) rows = read_csv (csv, ';');
      guint n = 0;

      switch ((RepereChartKind) k)
        {
        case REPERE_CHART_SHARED_COMPETENCIES:
        case REPERE_CHART_PASSERELLES:
          /* Issue 11's views, beyond the study's five: test-chart.c */
          g_assert_not_reached ();
          break;
        case REPERE_CHART_RANKING:
          g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "Rank");
          for (guint r = 0; r < repere_chart_get_n_rows (chart); r++, n++)
            {
              const RepereChartRow *row = repere_chart_get_row (chart, r);
              char **f = g_ptr_array_index (rows, r + 1);
              g_autofree char *rank = g_strdup_printf ("%d", row->rank);
              g_autofree char *score = g_strdup_printf ("%.2f", row->score);
              g_strdelimit (score, ".", ',');
              g_assert_cmpuint (g_strv_length (f), ==, 7);
              g_assert_cmpstr (f[0], ==, rank);
              g_assert_cmpstr (f[1], ==, row->job_id);
              g_assert_cmpstr (f[2], ==, row->job_name);
              g_assert_cmpstr (f[3], ==, row->family_code);
              g_assert_cmpstr (f[4], ==, row->core ? "1" : "0");
              g_assert_cmpstr (f[5], ==, score);
              g_assert_cmpstr (f[6], ==, repere_chart_get_class_name (chart, row->classification));
            }
          break;
        case REPERE_CHART_CLASSIFICATION:
          {
            int total = 0;
            for (guint c = 0; c < repere_chart_get_n_classes (chart); c++, n++)
              {
                g_autoptr (GPtrArray) ids = repere_chart_get_class_jobs (chart, c);
                char **f = g_ptr_array_index (rows, c + 1);
                g_auto (GStrv) names = g_strsplit (f[3], " · ", -1);
                g_assert_cmpstr (f[0], ==, repere_chart_get_class_name (chart, c));
                g_assert_cmpint (atoi (f[1]), ==, repere_chart_get_class_percent (chart, c));
                g_assert_cmpint (atoi (f[2]), ==, (int) ids->len);
                g_assert_cmpuint (g_strv_length (names), ==, ids->len);
                for (guint j = 0; j < ids->len; j++)
                  for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
                    if (g_strcmp0 (repere_chart_get_row (chart, r)->job_id, g_ptr_array_index (ids, j)) == 0)
                      g_assert_cmpstr (names[j], ==, repere_chart_get_row (chart, r)->job_name);
                total += atoi (f[1]);
              }
            g_assert_cmpint (total, ==, 100);
          }
          break;
        case REPERE_CHART_DISTRIBUTION:
          g_assert_cmpuint (repere_chart_get_n_rows (chart), ==, 10);
          for (guint r = 0; r < repere_chart_get_n_rows (chart); r++, n++)
            {
              const RepereChartRow *row = repere_chart_get_row (chart, r);
              char **f = g_ptr_array_index (rows, r + 1);
              int total = 0;
              double shares = 0;
              g_assert_cmpuint (g_strv_length (f), ==, 14);
              g_assert_cmpstr (f[0], ==, row->job_id);
              for (guint l = 0; l < 5; l++)
                {
                  g_assert_cmpint (atoi (f[3 + l]), ==, row->counts[l]);
                  total += row->counts[l];
                  shares += french_number (f[9 + l]);
                }
              g_assert_cmpint (atoi (f[8]), ==, total);
              g_assert_cmpfloat_with_epsilon (shares, 100, 0.3);
            }
          break;
        case REPERE_CHART_EVOLUTION:
          for (guint r = 0; r < repere_chart_get_n_rows (chart); r++, n++)
            {
              const RepereChartRow *row = repere_chart_get_row (chart, r);
              char **f = g_ptr_array_index (rows, r + 1);
              int change;
              g_assert_cmpuint (g_strv_length (f), ==, 10);
              g_assert_cmpstr (f[0], ==, row->job_id);
              g_assert_cmpint (atoi (f[4]), ==, row->other_rank);
              g_assert_cmpint (atoi (f[7]), ==, row->rank);
              g_assert_true (repere_chart_get_rank_change (row, &change));
              g_assert_cmpint (atoi (f[9]), ==, change);
              g_assert_cmpfloat_with_epsilon (french_number (f[3]), row->other_score, 0.005);
            }
          g_assert_nonnull (strstr (((char **) g_ptr_array_index (rows, 0))[3], "PwC"));
          break;
        case REPERE_CHART_FAMILIES:
          {
            int jobs = 0;
            for (guint f = 0; f < repere_chart_get_n_families (chart); f++, n++)
              {
                int per_class[4], count, sum = 0;
                const char *family_name;
                const char *code = repere_chart_get_family (chart, f, &family_name, per_class, &count);
                char **fields = g_ptr_array_index (rows, f + 1);
                g_assert_cmpstr (fields[0], ==, code);
                g_assert_cmpstr (fields[1], ==, family_name);
                g_assert_cmpint (atoi (fields[2]), ==, count);
                for (guint c = 0; c < 4; c++)
                  {
                    g_assert_cmpint (atoi (fields[3 + c]), ==, per_class[c]);
                    sum += per_class[c];
                  }
                /* The per-class counts are the chart rows of the family. */
                for (guint r = 0; r < repere_chart_get_n_rows (chart); r++)
                  sum -= g_strcmp0 (repere_chart_get_row (chart, r)->family_code, code) == 0;
                g_assert_cmpint (sum, ==, 0);
                jobs += count;
              }
            g_assert_cmpint (jobs, ==, 58);
            g_assert_cmpuint (n, ==, 13);
          }
          break;
        }
      /* Nothing more than the chart's rows. */
      g_assert_cmpuint (rows->len, ==, n + 1);
    }

  /* International: ',' and decimal points. */
  {
    g_autofree char *csv = g_build_filename (tmp_dir, "view-intl.csv", NULL);
    const char *const args[] = { "export", "--chart", "evolution", "--delimiter", "comma", "--core", "--output", csv,
                                 NULL };
    g_autofree char *out = cli (args, 0, NULL);
    g_autoptr (GPtrArray) rows = read_csv (csv, ',');
    g_assert_cmpuint (rows->len, ==, 11);
    g_assert_nonnull (strchr (((char **) g_ptr_array_index (rows, 1))[6], '.'));
  }
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  cli_path = g_strdup (g_getenv ("REPERE_CLI"));
  g_assert_nonnull (cli_path);
  tmp_dir = g_dir_make_tmp ("repere-test-print-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "repere.db", NULL);

  g_test_add_func ("/print/list-one-page", test_list_one_page);
  g_test_add_func ("/print/list-pages", test_list_pages);
  g_test_add_func ("/print/list-empty-and-errors", test_list_empty_and_errors);
  g_test_add_func ("/print/list-user-assessment", test_list_user_assessment);
  g_test_add_func ("/print/job-sheet", test_job_sheet);
  g_test_add_func ("/export/csv-calc", test_export_csv);
  g_test_add_func ("/print/view-ranking", test_view_ranking);
  g_test_add_func ("/print/view-pages", test_view_pages);
  g_test_add_func ("/print/view-all", test_view_all);
  g_test_add_func ("/export/view-csv", test_view_csv);
  status = g_test_run ();

  {
    g_autofree char *rm_argv0 = g_find_program_in_path ("rm");
    const char *rm[] = { rm_argv0, "-rf", tmp_dir, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (db_path);
  g_free (tmp_dir);
  g_free (cli_path);
  return status;
}
