/* test-passerelle.c: passerelles, gaps, training plans and shared
 * competencies (issue 11) against a model of the ROME v460 files and the
 * bundled mapping read here, independently of the SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>

#include "repere-csv.h"
#include "repere-db.h"
#include "repere-passerelle.h"
#include "repere-rome-import.h"
#include "repere-test-util.h"
#include "repere-training-plan-print.h"
#include "rome-test-util.h"

/* The model: what the ROME files and data/rome-mapping.csv say. */
typedef struct
{
  GHashTable *code_comps;   /* code → GHashTable set of code_ogr strings (bloc 5) */
  GHashTable *code_moves;   /* code → GHashTable set of target codes (unix_rubrique_mobilite) */
  GHashTable *job_codes;    /* job id → GPtrArray of codes */
  GHashTable *mapped_codes; /* set of codes some job is mapped to */
} Model;

static Model model;
static RepereDb *db;
static char *tmp_dir;

static GHashTable *
set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static GHashTable *
lookup_set (GHashTable *table, const char *key)
{
  GHashTable *set = g_hash_table_lookup (table, key);
  if (set == NULL)
    {
      set = set_new ();
      g_hash_table_insert (table, g_strdup (key), set);
    }
  return set;
}

static RepereCsvReader *
open_csv (const char *path)
{
  g_autoptr (GError) error = NULL;
  RepereCsvReader *reader = repere_csv_reader_new_for_path (path, REPERE_CSV_ENCODING_UTF8, &error);

  g_assert_no_error (error);
  g_assert_true (repere_csv_reader_read_header (reader, &error));
  g_assert_no_error (error);
  return reader;
}

static int
column (RepereCsvReader *reader, const char *name)
{
  int c = repere_csv_reader_find_column (reader, name);
  g_assert_cmpint (c, >=, 0);
  return c;
}

static void
model_load (const char *rome_dir, const char *mapping)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *links_path
      = g_build_filename (rome_dir, "unix_liens_rome_referentiels_v460_utf8.csv", NULL);
  g_autofree char *moves_path
      = g_build_filename (rome_dir, "unix_rubrique_mobilite_v460_utf8.csv", NULL);
  g_autoptr (RepereCsvReader) links = open_csv (links_path);
  g_autoptr (RepereCsvReader) moves = open_csv (moves_path);
  g_autoptr (RepereCsvReader) map = open_csv (mapping);
  int code = column (links, "code_rome"), bloc = column (links, "code_compo_bloc"),
      ogr = column (links, "code_ogr");
  int from = column (moves, "code_rome"), to = column (moves, "code_rome_cible");
  int job = column (map, "job"), rome = column (map, "rome_code");

  model.code_comps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  model.code_moves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  model.job_codes
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  model.mapped_codes = set_new ();
  /* Bloc 5: the competencies (rubriques 1 savoir-faire, 2 savoir-être, 3 savoirs). */
  while (repere_csv_reader_next (links, &error))
    if (g_str_equal (repere_csv_reader_get_field (links, bloc), "5"))
      g_hash_table_add (lookup_set (model.code_comps, repere_csv_reader_get_field (links, code)),
                        g_strdup (repere_csv_reader_get_field (links, ogr)));
  g_assert_no_error (error);
  while (repere_csv_reader_next (moves, &error))
    g_hash_table_add (lookup_set (model.code_moves, repere_csv_reader_get_field (moves, from)),
                      g_strdup (repere_csv_reader_get_field (moves, to)));
  g_assert_no_error (error);
  while (repere_csv_reader_next (map, &error))
    {
      const char *id = repere_csv_reader_get_field (map, job);
      GPtrArray *codes = g_hash_table_lookup (model.job_codes, id);
      if (codes == NULL)
        {
          codes = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (model.job_codes, g_strdup (id), codes);
        }
      g_ptr_array_add (codes, g_strdup (repere_csv_reader_get_field (map, rome)));
      g_hash_table_add (model.mapped_codes, g_strdup (repere_csv_reader_get_field (map, rome)));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (model.job_codes), ==, 58);
}

/* A job's competencies (the union over its codes) or a code's: a new set. */
static GHashTable *
model_comps (const char *target, gboolean is_job)
{
  GHashTable *set = set_new ();
  GPtrArray *codes = is_job ? g_hash_table_lookup (model.job_codes, target) : NULL;
  GHashTableIter iter;
  gpointer key;

  g_assert_true (!is_job || codes != NULL);
  for (guint i = 0; i < (is_job ? codes->len : 1); i++)
    {
      GHashTable *comps
          = g_hash_table_lookup (model.code_comps, is_job ? g_ptr_array_index (codes, i) : target);
      if (comps == NULL)
        continue;
      g_hash_table_iter_init (&iter, comps);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (set, g_strdup (key));
    }
  return set;
}

static guint
intersection (GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += g_hash_table_contains (a, key);
  return n;
}

/* Does a mobility link go from one of the job's codes to the target (a code,
 * or one of a job's codes)? */
static gboolean
model_moves (const char *job, const char *target, gboolean is_job)
{
  GPtrArray *from = g_hash_table_lookup (model.job_codes, job);
  GPtrArray *to = is_job ? g_hash_table_lookup (model.job_codes, target) : NULL;

  for (guint i = 0; i < from->len; i++)
    {
      GHashTable *moves = g_hash_table_lookup (model.code_moves, g_ptr_array_index (from, i));
      if (moves == NULL)
        continue;
      for (guint k = 0; k < (is_job ? to->len : 1); k++)
        if (g_hash_table_contains (moves, is_job ? g_ptr_array_index (to, k) : target))
          return TRUE;
    }
  return FALSE;
}

static GPtrArray *
core_jobs (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (
      sqlite3_prepare_v2 (repere_db_get_handle (db),
                          "SELECT id FROM job WHERE core = 1 ORDER BY family_code, position", -1,
                          &stmt, NULL),
      ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, ==, 10);
  return ids;
}

static gboolean
have_rome (void)
{
  if (db == NULL)
    {
      rome_test_v460_dir (); /* skips, or fails in CI */
      return FALSE;
    }
  return TRUE;
}

/* Every listed target has the shared and to-acquire counts and the "via"
 * of the model, and every target the model reaches is listed. */
static void
check_against_model (const char *job, GPtrArray *list, gboolean all_rome)
{
  g_autoptr (GHashTable) source = model_comps (job, TRUE);
  g_autoptr (GHashTable) listed = set_new ();
  GHashTableIter iter;
  gpointer key;
  guint expected = 0;

  for (guint i = 0; i < list->len; i++)
    {
      ReperePasserelle *p = g_ptr_array_index (list, i);
      g_autoptr (GHashTable) target = model_comps (p->target, p->target_is_job);
      guint shared = intersection (source, target);
      guint via
          = (model_moves (job, p->target, p->target_is_job) ? REPERE_PASSERELLE_VIA_MOBILITY : 0)
            | (shared >= REPERE_PASSERELLE_MIN_SHARED ? REPERE_PASSERELLE_VIA_COMPETENCIES : 0);

      g_assert_cmpstr (p->target, !=, job);
      g_assert_cmpuint (p->shared, ==, shared);
      g_assert_cmpuint (p->to_acquire, ==, g_hash_table_size (target) - shared);
      g_assert_cmpuint (p->target_competencies, ==, g_hash_table_size (target));
      g_assert_cmpuint (p->via, ==, via);
      g_assert_cmpuint (p->rank, ==, i + 1);
      /* ROME targets are codes no job of the referential is mapped to. */
      g_assert_true (p->target_is_job || !g_hash_table_contains (model.mapped_codes, p->target));
      g_assert_true (p->target_is_job == !isnan (p->target_score));
      g_hash_table_add (listed, g_strdup (p->target));
    }
  /* Completeness: jobs, then (asked for) codes outside the referential. */
  g_hash_table_iter_init (&iter, model.job_codes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr (GHashTable) target = model_comps (key, TRUE);
      if (g_str_equal (key, job))
        continue;
      if (model_moves (job, key, TRUE)
          || intersection (source, target) >= REPERE_PASSERELLE_MIN_SHARED)
        {
          expected++;
          if (!g_hash_table_contains (listed, key))
            g_error ("%s → %s is a passerelle but not listed", job, (const char *) key);
        }
    }
  if (all_rome)
    {
      g_hash_table_iter_init (&iter, model.code_comps);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autoptr (GHashTable) target = model_comps (key, FALSE);
          if (g_hash_table_contains (model.mapped_codes, key))
            continue;
          if (model_moves (job, key, FALSE)
              || intersection (source, target) >= REPERE_PASSERELLE_MIN_SHARED)
            {
              expected++;
              if (!g_hash_table_contains (listed, key))
                g_error ("%s → %s is a passerelle but not listed", job, (const char *) key);
            }
        }
    }
  g_assert_cmpuint (list->len, ==, expected);
}

/* Acceptance 1: each core job lists at least 3 jobs of the referential;
 * the counts are the model's. */
static void
test_core_jobs (void)
{
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_rome ())
    return;
  jobs = core_jobs ();
  for (guint j = 0; j < jobs->len; j++)
    {
      const char *job = g_ptr_array_index (jobs, j);
      g_autoptr (GPtrArray) list = repere_passerelle_list (db, job, "experts", NULL, &error);
      ReperePasserelleFilter all = { TRUE, FALSE, -1 };
      g_autoptr (GPtrArray) with_rome = repere_passerelle_list (db, job, "experts", &all, &error);
      guint n_jobs = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < list->len; i++)
        n_jobs += ((ReperePasserelle *) g_ptr_array_index (list, i))->target_is_job;
      g_test_message ("%s: %u jobs, %u with ROME codes", job, n_jobs, with_rome->len);
      g_assert_cmpuint (n_jobs, ==, list->len);
      g_assert_cmpuint (n_jobs, >=, 3);
      check_against_model (job, list, FALSE);
      check_against_model (job, with_rome, TRUE);
      g_assert_cmpuint (with_rome->len, >, list->len);
    }
}

/* The ranking: tiers in order, then the ranking value; filters. */
static void
test_ranking (void)
{
  g_autoptr (GError) error = NULL;
  ReperePasserelleFilter all = { TRUE, FALSE, -1 };
  ReperePasserelleFilter less = { TRUE, TRUE, -1 };
  ReperePasserelleFilter gap = { TRUE, FALSE, 40 };
  g_autoptr (GPtrArray) list = NULL, only_less = NULL, small = NULL;
  guint n_less = 0, n_small = 0;

  if (!have_rome ())
    return;
  list = repere_passerelle_list (db, "charge-de-reclamations-clients", "experts", &all, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      ReperePasserelle *p = g_ptr_array_index (list, i);
      double expected_gap = (double) p->to_acquire / p->target_competencies;

      g_assert_cmpfloat_with_epsilon (p->gap, expected_gap, 1e-9);
      g_assert_cmpfloat_with_epsilon (
          p->ranking,
          2.0 * p->tier + p->gap - ((p->via & REPERE_PASSERELLE_VIA_MOBILITY) ? 0.05 : 0.0), 1e-9);
      if (i > 0)
        {
          ReperePasserelle *q = g_ptr_array_index (list, i - 1);
          g_assert_cmpint (q->tier, <=, p->tier);
          g_assert_cmpfloat (q->ranking, <=, p->ranking);
        }
      if (p->target_is_job)
        {
          g_assert_cmpfloat_with_epsilon (p->score_change, p->target_score - 0.47, 1e-9);
          if (g_strcmp0 (p->target_classification, "emergent") != 0)
            g_assert_true ((p->tier == REPERE_PASSERELLE_TIER_LESS_EXPOSED)
                           == (round (p->score_change * 100) <= -20));
        }
      else
        g_assert_cmpint (p->tier, ==, REPERE_PASSERELLE_TIER_UNKNOWN);
      n_less += p->tier == REPERE_PASSERELLE_TIER_LESS_EXPOSED;
      n_small += p->to_acquire <= 40;
    }
  only_less
      = repere_passerelle_list (db, "charge-de-reclamations-clients", "experts", &less, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (only_less->len, ==, n_less);
  g_assert_cmpuint (n_less, >, 0);
  small = repere_passerelle_list (db, "charge-de-reclamations-clients", "experts", &gap, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (small->len, ==, n_small);
  for (guint i = 0; i < small->len; i++)
    g_assert_cmpuint (((ReperePasserelle *) g_ptr_array_index (small, i))->to_acquire, <=, 40);

  /* Errors: an unknown job or assessment. */
  g_assert_null (repere_passerelle_list (db, "no such job at all", NULL, NULL, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (repere_passerelle_list (db, "juriste", "nope", NULL, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
}

/* Acceptance 2: Gestionnaire de dossiers d'assistance (experts 1,00): the
 * first five targets of the referential are all less exposed. */
static void
test_most_exposed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;

  if (!have_rome ())
    return;
  g_assert_cmpint (repere_test_query_int (
                       repere_db_get_handle (db),
                       "SELECT round (score * 100) FROM job_result WHERE assessment_id = 'experts'"
                       " AND job_id = ?1",
                       "gestionnaire-de-dossiers-d-assistance"),
                   ==, 100);
  list = repere_passerelle_list (db, "Gestionnaire de dossiers d'assistance", "experts", NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 5);
  for (guint i = 0; i < 5; i++)
    {
      ReperePasserelle *p = g_ptr_array_index (list, i);
      g_test_message ("%u. %s %.2f (%+.2f) gap %u/%u", p->rank, p->target_title, p->target_score,
                      p->score_change, p->to_acquire, p->target_competencies);
      g_assert_true (p->target_is_job);
      g_assert_cmpfloat (p->score_change, <=, -REPERE_PASSERELLE_CLEAR_DROP + 1e-9);
      g_assert_cmpint (p->tier, ==, REPERE_PASSERELLE_TIER_LESS_EXPOSED);
    }
}

static guint
count_status (GPtrArray *items, RepereGapStatus status)
{
  guint n = 0;
  for (guint i = 0; i < items->len; i++)
    n += ((RepereGapItem *) g_ptr_array_index (items, i))->status == status;
  return n;
}

/* Acceptance 3: gap A A has nothing to acquire; carried + to acquire = B's
 * competencies, no longer needed = A's that B lacks, for several pairs. */
static void
test_gap (void)
{
  static const char *const pairs[][2] = {
    { "formateur-d-assistance", "charge-de-formation" },
    { "charge-de-reclamations-clients", "statisticien-data-analyst" },
    { "gestionnaire-de-dossiers-d-assistance", "juriste" },
    { "medecin-d-assistance", "infirmier-d-assistance" },
    { "formateur-d-assistance", "K2132" },
    { "K2111", "formateur-d-assistance" },
    { "charge-d-assistance", "charge-d-accueil-d-assistance" },
  };
  g_autoptr (GError) error = NULL;

  if (!have_rome ())
    return;
  {
    g_autoptr (GPtrArray) same
        = repere_passerelle_gap (db, "charge-d-assistance", "Chargé d'assistance", NULL, &error);
    g_autoptr (GHashTable) comps = model_comps ("charge-d-assistance", TRUE);
    g_assert_no_error (error);
    g_assert_cmpuint (count_status (same, REPERE_GAP_TO_ACQUIRE), ==, 0);
    g_assert_cmpuint (count_status (same, REPERE_GAP_NO_LONGER_NEEDED), ==, 0);
    g_assert_cmpuint (count_status (same, REPERE_GAP_CARRIED), ==, g_hash_table_size (comps));
  }
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *a = pairs[i][0], *b = pairs[i][1];
      g_autoptr (GPtrArray) items = repere_passerelle_gap (db, a, b, "experts", &error);
      g_autoptr (GHashTable) ca = model_comps (a, !g_ascii_isupper (a[0]));
      g_autoptr (GHashTable) cb = model_comps (b, !g_ascii_isupper (b[0]));
      guint shared = intersection (ca, cb);

      g_assert_no_error (error);
      g_test_message ("%s → %s: %u carried, %u to acquire, %u no longer needed", a, b,
                      count_status (items, REPERE_GAP_CARRIED),
                      count_status (items, REPERE_GAP_TO_ACQUIRE),
                      count_status (items, REPERE_GAP_NO_LONGER_NEEDED));
      g_assert_cmpuint (count_status (items, REPERE_GAP_CARRIED)
                            + count_status (items, REPERE_GAP_TO_ACQUIRE),
                        ==, g_hash_table_size (cb));
      g_assert_cmpuint (count_status (items, REPERE_GAP_CARRIED), ==, shared);
      g_assert_cmpuint (count_status (items, REPERE_GAP_NO_LONGER_NEEDED), ==,
                        g_hash_table_size (ca) - shared);
      for (guint k = 0; k < items->len; k++)
        {
          RepereGapItem *item = g_ptr_array_index (items, k);
          gboolean in_a = g_hash_table_contains (ca, item->competency_id);
          gboolean in_b = g_hash_table_contains (cb, item->competency_id);
          g_assert_cmpint (item->status, ==,
                           in_a && in_b ? REPERE_GAP_CARRIED
                           : in_b       ? REPERE_GAP_TO_ACQUIRE
                                        : REPERE_GAP_NO_LONGER_NEEDED);
          g_assert_true (in_a || in_b);
          g_assert_true (g_str_equal (item->kind, "savoir-faire")
                         || g_str_equal (item->kind, "savoir-etre")
                         || g_str_equal (item->kind, "savoir"));
          if (k > 0)
            g_assert_cmpint (((RepereGapItem *) g_ptr_array_index (items, k - 1))->status, <=,
                             item->status);
        }
    }
  g_assert_null (repere_passerelle_gap (db, "juriste", "Z9999", NULL, &error));
  g_assert_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND);
}

static const ReperePasserelle *
find_target (GPtrArray *list, const char *target)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((ReperePasserelle *) g_ptr_array_index (list, i))->target, target))
      return g_ptr_array_index (list, i);
  return NULL;
}

/* Acceptance 4: the study's examples of Axe 4 (illustrations métier):
 * formateurs d'assistance → concepteurs pédagogiques, gestionnaires de
 * réclamations → rôles analytiques. The ranks docs/passerelles.md gives
 * are the ones computed here. */
static void
test_axe4 (void)
{
  static const struct
  {
    const char *job, *target;
    gboolean is_job;
  } examples[] = {
    { "formateur-d-assistance", "charge-de-formation", TRUE },
    { "formateur-d-assistance", "K2132",
      FALSE }, /* appellation Concepteur pédagogique e-formation */
    { "formateur-d-assistance", "K2119", FALSE }, /* Consultant en ingénierie pédagogique */
    { "charge-de-reclamations-clients", "controleur-de-gestion", TRUE },
    { "charge-de-reclamations-clients", "statisticien-data-analyst", TRUE },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *docs = NULL;
  g_autofree char *docs_path
      = g_build_filename (g_getenv ("REPERE_SOURCE_DIR"), "docs", "passerelles.md", NULL);

  if (!have_rome ())
    return;
  g_assert_true (g_file_get_contents (docs_path, &docs, NULL, &error));
  g_assert_no_error (error);
  /* No job of the referential is a concepteur pédagogique: no job is mapped
   * to K2132 or K2119. */
  g_assert_false (g_hash_table_contains (model.mapped_codes, "K2132"));
  g_assert_false (g_hash_table_contains (model.mapped_codes, "K2119"));
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      ReperePasserelleFilter all = { TRUE, FALSE, -1 };
      g_autoptr (GPtrArray) list
          = repere_passerelle_list (db, examples[i].job, "experts", &all, &error);
      const ReperePasserelle *p;
      g_autofree char *row = NULL;

      g_assert_no_error (error);
      p = find_target (list, examples[i].target);
      g_assert_nonnull (p);
      g_assert_true (p->target_is_job == examples[i].is_job);
      g_test_message ("%s → %s (%s): rank %u of %u, via %s, %u shared, %u to acquire",
                      examples[i].job, p->target_title, p->target, p->rank, list->len,
                      repere_passerelle_via_id (p->via), p->shared, p->to_acquire);
      /* docs/passerelles.md: "| job | target | rank | of | via | shared | to acquire |" */
      row = g_strdup_printf ("| `%s` | `%s` | %u | %u | %s | %u | %u |", examples[i].job,
                             examples[i].target, p->rank, list->len,
                             repere_passerelle_via_id (p->via), p->shared, p->to_acquire);
      if (strstr (docs, row) == NULL)
        g_error ("docs/passerelles.md lacks the row %s", row);
    }
}

/* Training plans: what to strengthen, the study's guidance for the class,
 * the gap to a target; the PDF. */
static void
test_training_plan (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RepereTrainingPlan) plan = NULL;
  g_autoptr (RepereTrainingPlan) plain = NULL;
  g_autofree char *pdf = g_build_filename (tmp_dir, "plan.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *info = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = NULL;
  gboolean hr = FALSE, base = FALSE, mobility = FALSE;
  int status = 0;

  if (!have_rome ())
    return;
  plan = repere_training_plan_new (db, "gestionnaire-de-dossiers-d-assistance", "experts",
                                   "juriste", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->classification_id, ==, "strong-transformation");
  g_assert_cmpfloat_with_epsilon (plan->score, 1.0, 1e-9);
  /* No competency is rated in the study's assessments: what to strengthen
   * is ROME's emerging and digital-transition items. */
  g_assert_cmpuint (plan->strengthen->len, >, 0);
  for (guint i = 0; i < plan->strengthen->len; i++)
    {
      RepereGapItem *item = g_ptr_array_index (plan->strengthen, i);
      g_assert_true (item->level >= 4 || item->emergent || item->transition_num);
    }
  for (guint i = 0; i < plan->guidance->len; i++)
    {
      RepereTrainingGuidance *g = g_ptr_array_index (plan->guidance, i);
      g_assert_cmpstr (g->text, !=, "");
      hr |= g_str_equal (g->kind, "hr-support");
      base |= g_str_equal (g->kind, "base");
      mobility |= g_str_equal (g->kind, "mobility");
      if (g->typology)
        g_assert_cmpstr (g->typology_label, !=, "");
    }
  g_assert_true (hr && base && mobility);
  {
    g_autoptr (GPtrArray) gap = repere_passerelle_gap (db, "gestionnaire-de-dossiers-d-assistance",
                                                       "juriste", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plan->to_acquire->len, ==, count_status (gap, REPERE_GAP_TO_ACQUIRE));
  }
  g_assert_cmpfloat_with_epsilon (plan->score_change, plan->target_score - 1.0, 1e-9);

  /* An evolving job has no HR-support or mobility rows of forte transformation. */
  plain = repere_training_plan_new (db, "juriste", "experts", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (plain->to_acquire);
  for (guint i = 0; i < plain->guidance->len; i++)
    {
      RepereTrainingGuidance *g = g_ptr_array_index (plain->guidance, i);
      g_assert_cmpstr (g->kind, !=, "hr-support");
      g_assert_cmpstr (g->kind, !=, "mobility");
    }

  /* The PDF: pages, and its text. */
  g_assert_true (repere_training_plan_print_pdf (plan, pdf, NULL, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("pdfinfo '%s'", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &info, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (info, "Pages:"));
  {
    const char *pages = strstr (info, "Pages:") + strlen ("Pages:");
    g_assert_cmpint (atoi (pages), >=, 2);
  }
  g_clear_pointer (&command, g_free);
  command = g_strdup_printf ("pdftotext -layout '%s' -", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Gestionnaire de dossiers d’assistance"));
  g_assert_nonnull (strstr (out, "Competencies to strengthen"));
  g_assert_nonnull (strstr (out, "Towards Juriste"));
  g_assert_nonnull (strstr (out, "Développer des formations de base obligatoires"));
  g_assert_nonnull (strstr (out, "page 1 / "));
  for (guint i = 0; i < plan->to_acquire->len && i < 5; i++)
    {
      /* pdftotext may break a long label; its first word is on the page. */
      RepereGapItem *item = g_ptr_array_index (plan->to_acquire, i);
      g_autofree char *word = g_strndup (item->label, strcspn (item->label, " "));
      g_assert_nonnull (strstr (out, word));
    }
}

/* Shared competencies: counts and jobs as the model has them. */
static void
test_shared (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) two = NULL, all = NULL;
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  guint singles = 0, n_singles = 0, n_two = 0;

  if (!have_rome ())
    return;
  g_hash_table_iter_init (&iter, model.job_codes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr (GHashTable) comps = model_comps (key, TRUE);
      GHashTableIter c;
      gpointer id;
      g_hash_table_iter_init (&c, comps);
      while (g_hash_table_iter_next (&c, &id, NULL))
        g_hash_table_insert (
            counts, g_strdup (id),
            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      singles += n == 1;
      n_two += n >= 2;
    }
  two = repere_shared_competency_list (db, "experts", 2, &error);
  g_assert_no_error (error);
  all = repere_shared_competency_list (db, "experts", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, n_two);
  g_assert_cmpuint (all->len, ==, g_hash_table_size (counts));
  for (guint i = 0; i < all->len; i++)
    {
      RepereSharedCompetency *s = g_ptr_array_index (all, i);
      g_assert_cmpuint (s->n_jobs, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->competency_id)));
      g_assert_cmpuint (s->jobs->len, ==, s->n_jobs);
      g_assert_true (isnan (s->mean_level)); /* the study's assessments rate no competency */
      n_singles += s->n_jobs == 1;
      if (i > 0)
        g_assert_cmpuint (((RepereSharedCompetency *) g_ptr_array_index (all, i - 1))->n_jobs, >=,
                          s->n_jobs);
    }
  g_assert_cmpuint (n_singles, ==, singles);
  g_test_message ("%u competencies, %u carried by 2 jobs or more, %u by one job only; most shared: "
                  "%s (%u jobs)",
                  all->len, two->len, singles,
                  ((RepereSharedCompetency *) g_ptr_array_index (all, 0))->label,
                  ((RepereSharedCompetency *) g_ptr_array_index (all, 0))->n_jobs);
}

/* Ratings of a user assessment give the exposure of carried and to-acquire
 * competencies, and a training plan's levels 4–5. */
static void
test_ratings (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) gap = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (RepereTrainingPlan) plan = NULL;
  sqlite3 *handle;
  const ReperePasserelle *p;
  RepereGapItem *first_carried = NULL;
  g_autofree char *carried_id = NULL;

  if (!have_rome ())
    return;
  handle = repere_db_get_handle (db);
  gap = repere_passerelle_gap (db, "formateur-d-assistance", "charge-de-formation", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < gap->len && first_carried == NULL; i++)
    if (((RepereGapItem *) g_ptr_array_index (gap, i))->status == REPERE_GAP_CARRIED)
      first_carried = g_ptr_array_index (gap, i);
  g_assert_nonnull (first_carried);
  carried_id = g_strdup (first_carried->competency_id);
  /* A user assessment where the formateur's carried competency is rated 5
   * and the target's 2. */
  g_assert_cmpint (
      sqlite3_exec (
          handle,
          "INSERT INTO assessment (id, name, description, position, is_study, based_on, source)"
          " VALUES ('t11', 'Test 11', '', 9, 0, 'experts', 'test')",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf (
        "INSERT INTO rating (assessment_id, job_id, competency_id, level, rated_by, rated_at) "
        "VALUES"
        " ('t11', 'formateur-d-assistance', '%s', 5, 't', '2026-01-01T00:00:00Z'),"
        " ('t11', 'charge-de-formation', '%s', 2, 't', '2026-01-01T00:00:00Z')",
        carried_id, carried_id);
    g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_clear_pointer (&gap, g_ptr_array_unref);
  gap = repere_passerelle_gap (db, "formateur-d-assistance", "charge-de-formation", "t11", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < gap->len; i++)
    {
      RepereGapItem *item = g_ptr_array_index (gap, i);
      gboolean rated = g_str_equal (item->competency_id, carried_id);
      g_assert_cmpint (item->from_level, ==, (rated ? 5 : 0));
      g_assert_cmpint (item->to_level, ==, (rated ? 2 : 0));
      g_assert_cmpint (item->level, ==, (rated ? 2 : 0));
    }
  list = repere_passerelle_list (db, "formateur-d-assistance", "t11", NULL, &error);
  g_assert_no_error (error);
  p = find_target (list, "charge-de-formation");
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->shared_mean_level, ==, 5.0);
  g_assert_true (isnan (p->to_acquire_mean_level));
  plan = repere_training_plan_new (db, "formateur-d-assistance", "t11", NULL, &error);
  g_assert_no_error (error);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < plan->strengthen->len; i++)
      {
        RepereGapItem *item = g_ptr_array_index (plan->strengthen, i);
        if (g_str_equal (item->competency_id, carried_id))
          found = item->level == 5;
      }
    g_assert_true (found);
  }
  g_assert_cmpint (sqlite3_exec (handle,
                                 "DELETE FROM rating WHERE assessment_id = 't11';"
                                 " DELETE FROM assessment WHERE id = 't11'",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* The training guidance rows: each in the study, in its section. The
 * text check is in test-study (/study/text/training-guidance); here the
 * links to the survey and the recommendations hold. */
static void
test_guidance_links (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = repere_training_guidance_list (db ? db : NULL, NULL, &error);
  guint typology = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 12);
  for (guint i = 0; i < all->len; i++)
    {
      RepereTrainingGuidance *g = g_ptr_array_index (all, i);
      g_assert_cmpstr (g->text, !=, "");
      if (g->typology)
        {
          typology++;
          g_assert_false (isnan (g->typology_share));
        }
    }
  g_assert_cmpuint (typology, >=, 5);
}

/* A database of schema 7 (before issue 11) gets the training guidance when
 * it is opened: migration 9 and the study import of its table. */
static void
test_upgrade (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "upgrade.db", NULL);
  RepereDb *old = repere_db_open (path, &error);
  g_autoptr (RepereDb) upgraded = NULL;
  g_autoptr (GPtrArray) guidance = NULL;
  sqlite3 *handle;

  g_assert_no_error (error);
  handle = repere_db_get_handle (old);
  g_assert_cmpint (
      sqlite3_exec (handle,
                    "DELETE FROM import_file WHERE name = 'data/study/training_guidance.csv';"
                    " DROP TABLE training_guidance; PRAGMA user_version = 7",
                    NULL, NULL, NULL),
      ==, SQLITE_OK);
  g_object_unref (old);
  upgraded = repere_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repere_db_get_schema_version (upgraded), ==, REPERE_DB_SCHEMA_VERSION);
  g_assert_cmpint (REPERE_DB_SCHEMA_VERSION, >=, 9);
  guidance = repere_training_guidance_list (upgraded, "strong-transformation", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (guidance->len, ==, 11);
  g_assert_cmpint (repere_test_query_int (repere_db_get_handle (upgraded),
                                          "SELECT count (*) FROM import_file WHERE name = ?1",
                                          "data/study/training_guidance.csv"),
                   ==, 1);
}

/* repere-cli on the test's database: exit status, standard output and error. */
static int
run_cli (const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "repere.db", NULL);
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REPERE_CLI"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out,
                               err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Acceptance of the CLI (point 6): columns, filters, the gap, the plan's
 * PDF, shared competencies, CSV safe for spreadsheets, errors. */
static void
test_cli (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *pdf = g_build_filename (tmp_dir, "cli-plan.pdf", NULL);
  sqlite3 *handle;

  if (!have_rome ())
    return;
  handle = repere_db_get_handle (db);
  list = repere_passerelle_list (db, "gestionnaire-de-dossiers-d-assistance", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli ((const char *const[]){ "passerelles",
                                                   "gestionnaire-de-dossiers-d-assistance", NULL },
                            &out, &err),
                   ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "target\ttarget_kind\tvia\tshared\tto_acquire\ttarget_score\tscore_"
                   "change\ttarget_classification"
                   "\ttarget_title\trank\tgap\tshared_mean_level\tto_acquire_mean_level");
  g_assert_cmpuint (g_strv_length (lines), ==, list->len + 2); /* header, rows, final "" */
  for (guint i = 0; i < list->len; i++)
    {
      ReperePasserelle *p = g_ptr_array_index (list, i);
      g_auto (GStrv) cells = g_strsplit (lines[i + 1], "\t", -1);
      g_autofree char *shared = g_strdup_printf ("%u", p->shared);
      g_autofree char *to_acquire = g_strdup_printf ("%u", p->to_acquire);
      g_autofree char *score = g_strdup_printf ("%.2f", p->target_score);
      g_autofree char *change = g_strdup_printf ("%+.2f", p->score_change);

      g_assert_cmpuint (g_strv_length (cells), ==, 13);
      g_assert_cmpstr (cells[11], ==, ""); /* the study's assessments rate no competency */
      g_assert_cmpstr (cells[12], ==, "");
      g_assert_cmpstr (cells[0], ==, p->target);
      g_assert_cmpstr (cells[1], ==, "job");
      g_assert_cmpstr (cells[2], ==, repere_passerelle_via_id (p->via));
      g_assert_cmpstr (cells[3], ==, shared);
      g_assert_cmpstr (cells[4], ==, to_acquire);
      g_assert_cmpstr (cells[5], ==, score);
      g_assert_cmpstr (cells[6], ==, change);
      g_assert_cmpstr (cells[7], ==, p->target_classification);
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* CSV: numbers stay numbers ("-0.53" is no formula). */
  g_assert_cmpint (
      run_cli ((const char *const[]){ "passerelles", "gestionnaire-de-dossiers-d-assistance",
                                      "--format", "csv", NULL },
               &out, &err),
      ==, 0);
  g_assert_true (g_str_has_prefix (
      out, "target,target_kind,via,shared,to_acquire,target_score,score_change,"));
  g_assert_nonnull (strstr (out, ",0.47,-0.53,evolving,"));
  g_assert_null (strstr (out, "'-0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --all-rome --max-gap: ROME codes too, none with more to acquire. */
  g_assert_cmpint (run_cli ((const char *const[]){ "passerelles", "Formateur d'assistance",
                                                   "--all-rome", "--max-gap", "45", NULL },
                            &out, &err),
                   ==, 0);
  lines = g_strsplit (out, "\n", -1);
  {
    gboolean rome = FALSE;
    for (guint i = 1; lines[i] && *lines[i]; i++)
      {
        g_auto (GStrv) cells = g_strsplit (lines[i], "\t", -1);
        g_assert_cmpint (atoi (cells[4]), <=, 45);
        rome |= g_str_equal (cells[1], "rome");
        if (g_str_equal (cells[1], "rome"))
          g_assert_cmpstr (cells[5], ==, "");
      }
    g_assert_true (rome);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* gap: the target's competencies only, carried then to acquire; a label a
   * spreadsheet would run is made text in CSV. */
  g_assert_cmpint (
      sqlite3_exec (
          handle,
          "CREATE TEMP TABLE saved AS SELECT id, label FROM competency WHERE id ="
          " (SELECT min (rc.competency_id) FROM rome_competency rc WHERE rc.rome_code = 'M1505');"
          "UPDATE competency SET label = '=HYPERLINK(\"http://x\")' WHERE id = (SELECT id FROM "
          "saved)",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (run_cli ((const char *const[]){ "gap", "formateur-d-assistance",
                                                   "charge-de-formation", "--format", "csv", NULL },
                            &out, &err),
                   ==, 0);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "UPDATE competency SET label = (SELECT label FROM saved) WHERE id "
                                 "= (SELECT id FROM saved);"
                                 "DROP TABLE saved",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "competency,kind,status,level"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 49 + 1);
  g_assert_nonnull (strstr (out, "\"'=HYPERLINK(\"\"http://x\"\")\""));
  g_assert_null (strstr (out, ",=HYPERLINK"));
  g_assert_null (strstr (out, "no-longer-needed"));
  g_assert_nonnull (strstr (err, "10 carried over, 39 to acquire, 48 no longer needed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* training-plan: text and PDF. */
  g_assert_cmpint (run_cli ((const char *const[]){ "training-plan", "formateur-d-assistance",
                                                   "--to", "K2132", NULL },
                            &out, &err),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Competencies to strengthen"));
  g_assert_nonnull (strstr (out, "Towards K2132"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *const[]){ "training-plan", "formateur-d-assistance",
                                                   "--pdf", pdf, NULL },
                            &out, &err),
                   ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* shared-competencies --min-jobs 30 */
  g_assert_cmpint (
      run_cli ((const char *const[]){ "shared-competencies", "--min-jobs", "30", NULL }, &out,
               &err),
      ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "competency_id\tcompetency\tkind\tjobs\tmean_level\trated\tjob_names");
  g_assert_nonnull (lines[1]);
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], "\t", -1);
      g_auto (GStrv) names = g_strsplit (cells[6], "; ", -1);
      g_assert_cmpint (atoi (cells[3]), >=, 30);
      g_assert_cmpint (g_strv_length (names), ==, atoi (cells[3]));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* Errors: a clear message, exit 1. */
  g_assert_cmpint (
      run_cli ((const char *const[]){ "passerelles", "nobody-at-all", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "nobody-at-all"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      run_cli ((const char *const[]){ "passerelles", "juriste", "--format", "xml", NULL }, &out,
               &err),
      ==, 1);
  g_assert_nonnull (strstr (err, "xml"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *const[]){ "gap", "juriste", "Z9999", NULL }, &out, &err),
                   ==, 1);
  g_assert_nonnull (strstr (err, "Z9999"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *rome_dir = g_getenv ("REPERE_ROME_DIR");
  g_autofree char *path = NULL;
  g_autofree char *mapping = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("repere-passerelle-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "repere.db", NULL);
  mapping = g_build_filename (g_getenv ("REPERE_SOURCE_DIR"), "data", "rome-mapping.csv", NULL);
  if (rome_dir && g_file_test (rome_dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (RepereRomeImport) import = NULL;

      db = repere_db_open (path, &error);
      g_assert_no_error (error);
      import = repere_rome_import_prepare (db, rome_dir, REPERE_CSV_ENCODING_AUTO, NULL, NULL, NULL,
                                           &error);
      g_assert_no_error (error);
      g_assert_cmpint (repere_rome_import_apply (import, NULL, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
      model_load (rome_dir, mapping);
    }

  g_test_add_func ("/passerelle/core-jobs", test_core_jobs);
  g_test_add_func ("/passerelle/ranking", test_ranking);
  g_test_add_func ("/passerelle/most-exposed", test_most_exposed);
  g_test_add_func ("/passerelle/gap", test_gap);
  g_test_add_func ("/passerelle/axe4", test_axe4);
  g_test_add_func ("/passerelle/training-plan", test_training_plan);
  g_test_add_func ("/passerelle/shared", test_shared);
  g_test_add_func ("/passerelle/ratings", test_ratings);
  g_test_add_func ("/passerelle/cli", test_cli);
  g_test_add_func ("/passerelle/upgrade", test_upgrade);
  if (db)
    g_test_add_func ("/passerelle/guidance-links", test_guidance_links);
  status = g_test_run ();
  g_clear_object (&db);
  repere_test_remove_dir (tmp_dir);
  return status;
}
