/* test-search.c: search that ranks (issue 13)
 *
 * On a fresh database: the job named by the search comes first, then the
 * jobs with every word in their name or a spelling, then those found in the
 * other texts by bm25; each job says where it matched; a typo gives the
 * nearest titles; `repere-cli jobs --search` lists the same order, prints
 * the match column and suggests on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-test-util.h"
#include "config.h"

#include <locale.h>
#include <string.h>

#include "repere-db.h"
#include "repere-search.h"

typedef struct
{
  char *dir;
  char *path;
  RepereDb *db;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("repere-search-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "repere.db", NULL);
  fixture->db = repere_db_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->db);
  repere_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GListStore *
search (Fixture *fixture, const char *text, RepereSortColumn sort)
{
  g_autoptr (GError) error = NULL;
  RepereJobFilter filter = { 0 };
  GListStore *jobs;

  filter.search = text;
  filter.sort = sort;
  jobs = repere_db_list_jobs (fixture->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (jobs);
  return jobs;
}

static RepereJob *
nth (GListStore *jobs, guint i)
{
  RepereJob *job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
  g_object_unref (job); /* the store keeps it */
  return job;
}

static void
test_title_first (Fixture *fixture, gconstpointer data)
{
  const char *const spellings[] = { "médecin d'assistance", "Medecin d’assistance",
                                    "MÉDECIN D'ASSISTANCE", "médecin assistance" };

  for (guint s = 0; s < G_N_ELEMENTS (spellings); s++)
    {
      g_autoptr (GListStore) jobs = search (fixture, spellings[s], REPERE_SORT_RELEVANCE);
      g_autoptr (GListStore) by_rank = search (fixture, spellings[s], REPERE_SORT_RANK);
      RepereJob *first = nth (jobs, 0);

      g_test_message ("%s: %u jobs", spellings[s], g_list_model_get_n_items (G_LIST_MODEL (jobs)));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), >=, 2);
      g_assert_cmpstr (repere_job_get_id (first), ==, "medecin-d-assistance");
      g_assert_cmpint (repere_job_get_match_tier (first), ==, 0);
      /* The same jobs in both orders; ranked by rank it is not first (rank 46). */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_rank)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (jobs)));
      g_assert_cmpstr (repere_job_get_id (nth (by_rank, 0)), !=, "medecin-d-assistance");
      /* Tiers never go down the list. */
      for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
        g_assert_cmpint (repere_job_get_match_tier (nth (jobs, i - 1)), <=,
                         repere_job_get_match_tier (nth (jobs, i)));
    }
}

static void
test_title_before_texts (Fixture *fixture, gconstpointer data)
{
  /* "plateaux" is in two job names and in other jobs' texts. */
  g_autoptr (GListStore) jobs = search (fixture, "plateaux", REPERE_SORT_RELEVANCE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (jobs));
  guint titles = 0;
  gboolean seen_text = FALSE;

  g_assert_cmpuint (n, >, 2);
  for (guint i = 0; i < n; i++)
    {
      RepereJob *job = nth (jobs, i);
      g_autofree char *folded_name = g_utf8_casefold (repere_job_get_name (job), -1);
      gboolean in_name = strstr (folded_name, "plateaux") != NULL;
      if (in_name)
        {
          g_assert_false (seen_text);
          g_assert_cmpint (repere_job_get_match_tier (job), ==, 1);
          g_assert_cmpstr (repere_job_get_match_where (job), ==, "name");
          titles++;
        }
      else
        {
          seen_text = TRUE;
          g_assert_cmpint (repere_job_get_match_tier (job), ==, 2);
          g_assert_cmpstr (repere_job_get_match_where (job), !=, "name");
        }
    }
  g_assert_cmpuint (titles, ==, 2);
  g_assert_true (seen_text);
}

static void
test_snippet (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GListStore) jobs = search (fixture, "plateaux", REPERE_SORT_RELEVANCE);
  g_autoptr (GListStore) all = search (fixture, NULL, REPERE_SORT_RELEVANCE);
  g_autofree char *name_text = repere_search_describe_match (nth (jobs, 0), "[", "]");
  g_autofree char *markup = repere_search_match_markup (nth (jobs, 0));
  RepereJob *last = nth (jobs, g_list_model_get_n_items (G_LIST_MODEL (jobs)) - 1);
  g_autofree char *text_text = repere_search_describe_match (last, "[", "]");

  g_assert_nonnull (strstr (name_text, "[plateaux]"));
  g_assert_true (g_str_has_prefix (name_text, "Name: "));
  g_assert_nonnull (strstr (markup, "<b>plateaux</b>"));
  g_assert_nonnull (strstr (text_text, "[plateaux]"));
  g_assert_false (g_str_has_prefix (text_text, "Name: "));
  /* Without a search: no match, rank order. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 58);
  g_assert_null (repere_job_get_match_snippet (nth (all, 0)));
  g_assert_cmpint (repere_job_get_rank (nth (all, 0)), ==, 1);
}

static void
test_edit_distance (void)
{
  g_assert_cmpuint (repere_search_edit_distance ("medcin", "medecin"), ==, 1);
  g_assert_cmpuint (repere_search_edit_distance ("mdeecin", "medecin"), ==, 1); /* transposition */
  g_assert_cmpuint (repere_search_edit_distance ("", "abc"), ==, 3);
  g_assert_cmpuint (repere_search_edit_distance ("juriste", "juriste"), ==, 0);
  g_assert_cmpuint (repere_search_edit_distance ("kitten", "sitting"), ==, 3);
  g_assert_cmpuint (repere_search_edit_distance ("é", "e"), ==, 1); /* characters, not bytes */
}

static void
test_suggest (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) none = search (fixture, "medcin", REPERE_SORT_RELEVANCE);
  g_autoptr (GPtrArray) names = repere_search_suggest (fixture->db, "medcin", 3, &error);
  g_autoptr (GPtrArray) two = repere_search_suggest (fixture->db, "medcin dassistance", 3, &error);
  g_autoptr (GPtrArray) swapped = repere_search_suggest (fixture->db, "jursite", 3, &error);
  g_autoptr (GPtrArray) nothing = repere_search_suggest (fixture->db, "zzzzqqq", 3, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (none)), ==, 0);
  g_assert_cmpuint (names->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Médecin d’assistance");
  g_assert_cmpstr (g_ptr_array_index (two, 0), ==, "Médecin d’assistance");
  g_assert_cmpstr (g_ptr_array_index (swapped, 0), ==, "Juriste");
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_cli (Fixture *fixture, gconstpointer data)
{
  const char *cli = g_getenv ("REPERE_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;
  const char *argv[]
      = { cli, "--database", fixture->path, "jobs", "--search", "médecin d'assistance", NULL };
  const char *argv_typo[]
      = { cli, "--database", fixture->path, "jobs", "--search", "medcin", NULL };

  if (cli == NULL)
    {
      g_test_skip ("REPERE_CLI is not set");
      return;
    }
  g_clear_object (&fixture->db);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], "\tmatch"));
  g_assert_true (g_str_has_prefix (lines[1], "46\tmedecin-d-assistance\tMédecin d’assistance\t"));
  g_assert_nonnull (strstr (lines[1], "Name: [Médecin] [d’assistance]"));
  g_assert_nonnull (lines[2]);
  g_assert_cmpstr (lines[2], !=, "");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv_typo, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The header line only, and the suggestion on stderr. */
  g_assert_true (g_str_has_prefix (out, "rank\t"));
  g_assert_cmpstr (strchr (out, '\n'), ==, "\n");
  g_assert_nonnull (strstr (err, "Did you mean “Médecin d’assistance”?"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/search/title-first", Fixture, NULL, fixture_set_up, test_title_first,
              fixture_tear_down);
  g_test_add ("/search/title-before-texts", Fixture, NULL, fixture_set_up, test_title_before_texts,
              fixture_tear_down);
  g_test_add ("/search/snippet", Fixture, NULL, fixture_set_up, test_snippet, fixture_tear_down);
  g_test_add_func ("/search/edit-distance", test_edit_distance);
  g_test_add ("/search/suggest", Fixture, NULL, fixture_set_up, test_suggest, fixture_tear_down);
  g_test_add ("/search/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  return g_test_run ();
}
