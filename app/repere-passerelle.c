/* repere-passerelle.c: passerelles métier, gaps, training plans and shared
 * competencies (issue 11; the ranking is documented in docs/passerelles.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-passerelle.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bonus taken off the ranking value of a target ROME's mobility reaches:
 * ROME's own judgement that the move is usual (docs/passerelles.md). */
#define MOBILITY_BONUS 0.05

typedef struct
{
  char *code;
  char *title;
  guint *comps; /* dense competency indices, sorted */
  guint n_comps;
  GArray *mobility;        /* guint: code indices, ROME's order */
  gboolean in_referential; /* a job of the referential is mapped to it */
} Code;

typedef struct
{
  char *id;
  char *name;
  guint *codes;
  guint n_codes;
  guint *comps; /* sorted union of its codes' competencies */
  guint n_comps;
  guint8 *levels; /* aligned with comps, 0 unrated; NULL when none rated */
  double score;
  char *classification;
} Job;

struct _ReperePasserelleIndex
{
  GArray *codes;            /* Code */
  GArray *jobs;             /* Job */
  GHashTable *code_by_name; /* char* → index + 1 */
  GHashTable *job_by_id;    /* char* → index + 1 */
  GHashTable *comp_by_ogr;  /* guint32 → dense index + 1 */
  GArray *comp_ogr;         /* guint32: dense index → code_ogr */
  gboolean sealed;
  /* sealed: inverted lists, CSR */
  guint *code_inv_start, *code_inv; /* competency → codes */
  guint *job_inv_start, *job_inv;   /* competency → jobs */
  guint *code_job_start, *code_job; /* code → jobs mapped to it */
  /* scratch, one query at a time */
  guint *code_count;
  guint *job_count;
  guint8 *code_mob;
  guint8 *job_mob;
};

void
repere_passerelle_free (ReperePasserelle *passerelle)
{
  if (passerelle == NULL)
    return;
  g_free (passerelle->target);
  g_free (passerelle->target_title);
  g_free (passerelle->target_classification);
  g_free (passerelle);
}

/**
 * repere_passerelle_via_id:
 * @via: #ReperePasserelleVia flags
 *
 * Returns: "mobility", "competencies", "both", or "" for none
 */
const char *
repere_passerelle_via_id (guint via)
{
  switch (via & 3)
    {
    case REPERE_PASSERELLE_VIA_MOBILITY:
      return "mobility";
    case REPERE_PASSERELLE_VIA_COMPETENCIES:
      return "competencies";
    case 3:
      return "both";
    default:
      return "";
    }
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/**
 * repere_passerelle_index_new_empty:
 *
 * An index to fill with repere_passerelle_index_add_code(),
 * repere_passerelle_index_add_mobility() and repere_passerelle_index_add_job()
 * (in that order), then seal with repere_passerelle_index_seal() before
 * querying it.
 *
 * Returns: (transfer full): a new empty index
 */
ReperePasserelleIndex *
repere_passerelle_index_new_empty (void)
{
  ReperePasserelleIndex *index = g_new0 (ReperePasserelleIndex, 1);
  index->codes = g_array_new (FALSE, TRUE, sizeof (Code));
  index->jobs = g_array_new (FALSE, TRUE, sizeof (Job));
  index->code_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  index->job_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  index->comp_by_ogr = g_hash_table_new (g_direct_hash, g_direct_equal);
  index->comp_ogr = g_array_new (FALSE, FALSE, sizeof (guint32));
  return index;
}

/**
 * repere_passerelle_index_free:
 * @index: (nullable): an index
 */
void
repere_passerelle_index_free (ReperePasserelleIndex *index)
{
  if (index == NULL)
    return;
  for (guint i = 0; i < index->codes->len; i++)
    {
      Code *c = &g_array_index (index->codes, Code, i);
      g_free (c->code);
      g_free (c->title);
      g_free (c->comps);
      g_clear_pointer (&c->mobility, g_array_unref);
    }
  for (guint i = 0; i < index->jobs->len; i++)
    {
      Job *j = &g_array_index (index->jobs, Job, i);
      g_free (j->id);
      g_free (j->name);
      g_free (j->codes);
      g_free (j->comps);
      g_free (j->levels);
      g_free (j->classification);
    }
  g_array_unref (index->codes);
  g_array_unref (index->jobs);
  g_hash_table_unref (index->code_by_name);
  g_hash_table_unref (index->job_by_id);
  g_hash_table_unref (index->comp_by_ogr);
  g_array_unref (index->comp_ogr);
  g_free (index->code_inv_start);
  g_free (index->code_inv);
  g_free (index->job_inv_start);
  g_free (index->job_inv);
  g_free (index->code_job_start);
  g_free (index->code_job);
  g_free (index->code_count);
  g_free (index->job_count);
  g_free (index->code_mob);
  g_free (index->job_mob);
  g_free (index);
}

static guint
dense_competency (ReperePasserelleIndex *index, guint32 ogr)
{
  guint dense = GPOINTER_TO_UINT (g_hash_table_lookup (index->comp_by_ogr, GUINT_TO_POINTER (ogr)));
  if (dense == 0)
    {
      g_array_append_val (index->comp_ogr, ogr);
      dense = index->comp_ogr->len;
      g_hash_table_insert (index->comp_by_ogr, GUINT_TO_POINTER (ogr), GUINT_TO_POINTER (dense));
    }
  return dense - 1;
}

/**
 * repere_passerelle_index_add_code:
 * @index: an unsealed index
 * @code: the ROME code ("K2111"), unique in the index; copied
 * @title: its title; copied
 * @competencies: (array length=n_competencies): the code_ogr of its bloc 5
 *   competencies (duplicates are counted once)
 *
 * Returns: the code's index, for repere_passerelle_index_add_mobility() and
 *   repere_passerelle_index_add_job()
 */
guint
repere_passerelle_index_add_code (ReperePasserelleIndex *index, const char *code, const char *title,
                                  const guint32 *competencies, guint n_competencies)
{
  Code c = { 0 };
  guint n = 0;

  g_return_val_if_fail (!index->sealed, 0);
  c.code = g_strdup (code);
  c.title = g_strdup (title);
  c.comps = g_new (guint, MAX (n_competencies, 1));
  for (guint i = 0; i < n_competencies; i++)
    c.comps[i] = dense_competency (index, competencies[i]);
  qsort (c.comps, n_competencies, sizeof (guint), compare_guint);
  for (guint i = 0; i < n_competencies; i++)
    if (n == 0 || c.comps[n - 1] != c.comps[i])
      c.comps[n++] = c.comps[i];
  c.n_comps = n;
  c.mobility = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (index->codes, c);
  g_hash_table_insert (index->code_by_name, c.code, GUINT_TO_POINTER (index->codes->len));
  return index->codes->len - 1;
}

/**
 * repere_passerelle_index_add_mobility:
 * @from_code, @to_code: code indices returned by repere_passerelle_index_add_code()
 *
 * Adds a ROME mobility link (unix_rubrique_mobilite) from one code to another.
 */
void
repere_passerelle_index_add_mobility (ReperePasserelleIndex *index, guint from_code, guint to_code)
{
  g_return_if_fail (!index->sealed && from_code < index->codes->len && to_code < index->codes->len);
  g_array_append_val (g_array_index (index->codes, Code, from_code).mobility, to_code);
}

/**
 * repere_passerelle_index_add_job:
 * @id: the job id, unique; copied
 * @name: its name; copied
 * @codes: (array length=n_codes): the code indices of its mapping
 * @score: its score 0–1 in the index's assessment, NAN when none
 * @classification: (nullable): its class id
 *
 * Returns: the job's index
 */
guint
repere_passerelle_index_add_job (ReperePasserelleIndex *index, const char *id, const char *name,
                                 const guint *codes, guint n_codes, double score,
                                 const char *classification)
{
  Job j = { 0 };
  g_autoptr (GArray) comps = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;

  g_return_val_if_fail (!index->sealed, 0);
  j.id = g_strdup (id);
  j.name = g_strdup (name);
  j.codes = g_memdup2 (codes, sizeof (guint) * MAX (n_codes, 1));
  j.n_codes = n_codes;
  for (guint i = 0; i < n_codes; i++)
    {
      Code *c = &g_array_index (index->codes, Code, codes[i]);
      c->in_referential = TRUE;
      g_array_append_vals (comps, c->comps, c->n_comps);
    }
  g_array_sort (comps, compare_guint);
  for (guint i = 0; i < comps->len; i++)
    if (n == 0 || g_array_index (comps, guint, n - 1) != g_array_index (comps, guint, i))
      g_array_index (comps, guint, n++) = g_array_index (comps, guint, i);
  j.n_comps = n;
  j.comps = g_memdup2 (comps->data, sizeof (guint) * MAX (n, 1));
  j.score = score;
  j.classification = g_strdup (classification);
  g_array_append_val (index->jobs, j);
  g_hash_table_insert (index->job_by_id, j.id, GUINT_TO_POINTER (index->jobs->len));
  return index->jobs->len - 1;
}

/* Sets a job's exposure level of a competency (before sealing). */
static void
index_set_level (ReperePasserelleIndex *index, guint job, guint32 ogr, int level)
{
  Job *j = &g_array_index (index->jobs, Job, job);
  guint dense = GPOINTER_TO_UINT (g_hash_table_lookup (index->comp_by_ogr, GUINT_TO_POINTER (ogr)));
  guint *found;

  if (dense == 0 || level < 1 || level > 5)
    return;
  found = bsearch (&(guint){ dense - 1 }, j->comps, j->n_comps, sizeof (guint), compare_guint);
  if (found == NULL)
    return; /* a rating kept on a competency the job's codes no longer list */
  if (j->levels == NULL)
    j->levels = g_new0 (guint8, MAX (j->n_comps, 1));
  j->levels[found - j->comps] = level;
}

/* CSR inverted list: for each key 0..n_keys-1 the values. */
static void
build_csr (guint n_keys, GArray *pairs, guint **start_out, guint **values_out)
{
  guint *start = g_new0 (guint, n_keys + 1);
  guint *values = g_new (guint, MAX (pairs->len / 2, 1));
  guint *fill;

  for (guint i = 0; i < pairs->len; i += 2)
    start[g_array_index (pairs, guint, i) + 1]++;
  for (guint k = 0; k < n_keys; k++)
    start[k + 1] += start[k];
  fill = g_memdup2 (start, sizeof (guint) * (n_keys + 1));
  for (guint i = 0; i < pairs->len; i += 2)
    values[fill[g_array_index (pairs, guint, i)]++] = g_array_index (pairs, guint, i + 1);
  g_free (fill);
  *start_out = start;
  *values_out = values;
}

/**
 * repere_passerelle_index_seal:
 *
 * Builds the inverted lists; no code or job can be added afterwards.
 */
void
repere_passerelle_index_seal (ReperePasserelleIndex *index)
{
  guint n_comps = index->comp_ogr->len, n_codes = index->codes->len, n_jobs = index->jobs->len;
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));

  if (index->sealed)
    return;
  for (guint i = 0; i < n_codes; i++)
    {
      Code *c = &g_array_index (index->codes, Code, i);
      for (guint k = 0; k < c->n_comps; k++)
        {
          g_array_append_val (pairs, c->comps[k]);
          g_array_append_val (pairs, i);
        }
    }
  build_csr (n_comps, pairs, &index->code_inv_start, &index->code_inv);
  g_array_set_size (pairs, 0);
  for (guint i = 0; i < n_jobs; i++)
    {
      Job *j = &g_array_index (index->jobs, Job, i);
      for (guint k = 0; k < j->n_comps; k++)
        {
          g_array_append_val (pairs, j->comps[k]);
          g_array_append_val (pairs, i);
        }
    }
  build_csr (n_comps, pairs, &index->job_inv_start, &index->job_inv);
  g_array_set_size (pairs, 0);
  for (guint i = 0; i < n_jobs; i++)
    {
      Job *j = &g_array_index (index->jobs, Job, i);
      for (guint k = 0; k < j->n_codes; k++)
        {
          g_array_append_val (pairs, j->codes[k]);
          g_array_append_val (pairs, i);
        }
    }
  build_csr (n_codes, pairs, &index->code_job_start, &index->code_job);
  index->code_count = g_new0 (guint, MAX (n_codes, 1));
  index->job_count = g_new0 (guint, MAX (n_jobs, 1));
  index->code_mob = g_new0 (guint8, MAX (n_codes, 1));
  index->job_mob = g_new0 (guint8, MAX (n_jobs, 1));
  index->sealed = TRUE;
}

guint
repere_passerelle_index_n_jobs (ReperePasserelleIndex *index)
{
  return index->jobs->len;
}

guint
repere_passerelle_index_n_codes (ReperePasserelleIndex *index)
{
  return index->codes->len;
}

/**
 * repere_passerelle_index_job_id:
 * @job: 0 ≤ job < repere_passerelle_index_n_jobs()
 *
 * Returns: (transfer none): the job's id, in the referential's order
 */
const char *
repere_passerelle_index_job_id (ReperePasserelleIndex *index, guint job)
{
  g_return_val_if_fail (job < index->jobs->len, NULL);
  return g_array_index (index->jobs, Job, job).id;
}

static gboolean
prepare (sqlite3 *handle, const char *sql, sqlite3_stmt **stmt, GError **error)
{
  if (sqlite3_prepare_v2 (handle, sql, -1, stmt, NULL) != SQLITE_OK)
    return repere_sql_failed (handle, error);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return g_strdup (text ? text : "");
}

static double
column_double_or_nan (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN
                                                           : sqlite3_column_double (stmt, column);
}

/* The assessment's id if it exists; NULL for the default one. */
static gboolean
check_assessment (RepereDb *db, const char *assessment, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (handle, "SELECT 1 FROM assessment WHERE id = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _ ("No assessment “%s”"),
               assessment);
  return FALSE;
}

/**
 * repere_passerelle_index_new:
 * @db: the database
 * @assessment: (nullable): assessment id, %NULL for %REPERE_DEFAULT_ASSESSMENT
 * @error: %REPERE_DB_ERROR_NOT_FOUND (no such assessment),
 *   %REPERE_DB_ERROR_QUERY
 *
 * Reads the current ROME referential (codes, bloc 5 competencies, mobility),
 * the job ↔ ROME mapping, the jobs' scores and classes in @assessment
 * (view job_result) and its ratings (table rating) into memory.
 *
 * Returns: (transfer full) (nullable): a sealed index
 */
ReperePasserelleIndex *
repere_passerelle_index_new (RepereDb *db, const char *assessment, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (ReperePasserelleIndex) index = repere_passerelle_index_new_empty ();
  g_autoptr (GArray) comps = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *current = NULL, *title = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (assessment == NULL)
    assessment = REPERE_DEFAULT_ASSESSMENT;
  if (!check_assessment (db, assessment, error))
    return NULL;

  /* Codes and their competencies; codes without any still count (mobility). */
  if (!prepare (handle,
                "SELECT c.code, c.title, rc.competency_id FROM rome_code c"
                " LEFT JOIN rome_competency rc ON rc.rome_code = c.code ORDER BY c.code",
                &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      if (current && strcmp (current, code) != 0)
        {
          repere_passerelle_index_add_code (index, current, title, (guint32 *) comps->data,
                                            comps->len);
          g_array_set_size (comps, 0);
          g_clear_pointer (&current, g_free);
          g_clear_pointer (&title, g_free);
        }
      if (current == NULL)
        {
          current = g_strdup (code);
          title = column_dup (stmt, 1);
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          guint32 ogr = (guint32) sqlite3_column_int64 (stmt, 2);
          g_array_append_val (comps, ogr);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  if (current)
    repere_passerelle_index_add_code (index, current, title, (guint32 *) comps->data, comps->len);

  /* Mobility. */
  if (!prepare (handle,
                "SELECT rome_code, target_code FROM rome_mobility ORDER BY rome_code, position",
                &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint from = GPOINTER_TO_UINT (
          g_hash_table_lookup (index->code_by_name, sqlite3_column_text (stmt, 0)));
      guint to = GPOINTER_TO_UINT (
          g_hash_table_lookup (index->code_by_name, sqlite3_column_text (stmt, 1)));
      if (from && to)
        repere_passerelle_index_add_mobility (index, from - 1, to - 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;

  /* Jobs in referential order, their codes, score and class. */
  if (!prepare (
          handle,
          "SELECT j.id, j.name, r.score, r.classification_id,"
          "       (SELECT group_concat (rome_code, ' ') FROM (SELECT rome_code FROM job_rome m"
          "         WHERE m.job_id = j.id ORDER BY rome_code))"
          "  FROM job j LEFT JOIN job_result r ON r.job_id = j.id AND r.assessment_id = ?"
          " ORDER BY j.family_code, j.position, j.id",
          &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *list = (const char *) sqlite3_column_text (stmt, 4);
      g_auto (GStrv) names = g_strsplit (list ? list : "", " ", -1);
      g_autoptr (GArray) codes = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; names[i]; i++)
        {
          guint code = GPOINTER_TO_UINT (g_hash_table_lookup (index->code_by_name, names[i]));
          if (code == 0)
            continue; /* a mapped code the referential lacks: it brings nothing */
          code--;
          g_array_append_val (codes, code);
        }
      repere_passerelle_index_add_job (
          index, (const char *) sqlite3_column_text (stmt, 0),
          (const char *) sqlite3_column_text (stmt, 1), (guint *) codes->data, codes->len,
          column_double_or_nan (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;

  /* The assessment's levels, where rated. */
  if (!prepare (handle,
                "SELECT job_id, CAST (competency_id AS INTEGER), level FROM rating WHERE "
                "assessment_id = ?",
                &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint job = GPOINTER_TO_UINT (
          g_hash_table_lookup (index->job_by_id, sqlite3_column_text (stmt, 0)));
      if (job)
        index_set_level (index, job - 1, (guint32) sqlite3_column_int64 (stmt, 1),
                         sqlite3_column_int (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;

  repere_passerelle_index_seal (index);
  return g_steal_pointer (&index);
}

/* Mean level of the source's rated competencies that @target_comps also has
 * (carried), and of the target's rated ones the source lacks (to acquire). */
static void
mean_levels (const Job *source, const guint *target_comps, guint n_target,
             const guint8 *target_levels, double *carried_mean, double *acquire_mean)
{
  guint i = 0, k = 0, n_carried = 0, n_acquire = 0, sum_carried = 0, sum_acquire = 0;

  while (k < n_target)
    {
      if (i < source->n_comps && source->comps[i] < target_comps[k])
        i++;
      else if (i < source->n_comps && source->comps[i] == target_comps[k])
        {
          if (source->levels && source->levels[i])
            {
              sum_carried += source->levels[i];
              n_carried++;
            }
          i++;
          k++;
        }
      else
        {
          if (target_levels && target_levels[k])
            {
              sum_acquire += target_levels[k];
              n_acquire++;
            }
          k++;
        }
    }
  *carried_mean = n_carried ? (double) sum_carried / n_carried : NAN;
  *acquire_mean = n_acquire ? (double) sum_acquire / n_acquire : NAN;
}

static ReperePasserelleTier
tier_of (const Job *source, double target_score, const char *target_class, double *change)
{
  *change = (isnan (source->score) || isnan (target_score)) ? NAN : target_score - source->score;
  if (isnan (target_score))
    return REPERE_PASSERELLE_TIER_UNKNOWN;
  if (g_strcmp0 (target_class, "emergent") == 0
      && g_strcmp0 (source->classification, "emergent") != 0)
    return REPERE_PASSERELLE_TIER_LESS_EXPOSED;
  if (isnan (*change))
    return REPERE_PASSERELLE_TIER_UNKNOWN;
  /* Scores are published with 2 decimals: compare them at that precision. */
  if (round (*change * 100) <= -round (REPERE_PASSERELLE_CLEAR_DROP * 100))
    return REPERE_PASSERELLE_TIER_LESS_EXPOSED;
  if (round (*change * 100) >= round (REPERE_PASSERELLE_CLEAR_DROP * 100))
    return REPERE_PASSERELLE_TIER_MORE_EXPOSED;
  return REPERE_PASSERELLE_TIER_SIMILAR;
}

static gboolean
reached_by_competencies (guint shared, guint target_total)
{
  return shared >= REPERE_PASSERELLE_MIN_SHARED && target_total > 0;
}

static int
compare_passerelles (gconstpointer a, gconstpointer b)
{
  const ReperePasserelle *x = *(ReperePasserelle *const *) a, *y = *(ReperePasserelle *const *) b;
  double sx = isnan (x->target_score) ? 2 : x->target_score,
         sy = isnan (y->target_score) ? 2 : y->target_score;

  if (x->ranking != y->ranking)
    return x->ranking < y->ranking ? -1 : 1;
  if (sx != sy)
    return sx < sy ? -1 : 1;
  if (x->target_is_job != y->target_is_job)
    return x->target_is_job ? -1 : 1;
  return strcmp (x->target, y->target);
}

static ReperePasserelle *
passerelle_new (const Job *source, const char *target, const char *title, gboolean is_job,
                guint via, guint shared, guint total, double score, const char *classification)
{
  ReperePasserelle *p = g_new0 (ReperePasserelle, 1);

  p->target = g_strdup (target);
  p->target_title = g_strdup (title);
  p->target_is_job = is_job;
  p->via = via;
  p->shared = shared;
  p->target_competencies = total;
  p->to_acquire = total - shared;
  p->gap = total ? (double) p->to_acquire / total : 1.0;
  p->target_score = score;
  p->target_classification = g_strdup (classification);
  p->tier = tier_of (source, score, classification, &p->score_change);
  p->ranking
      = 2.0 * p->tier + p->gap - ((via & REPERE_PASSERELLE_VIA_MOBILITY) ? MOBILITY_BONUS : 0);
  p->shared_mean_level = p->to_acquire_mean_level = NAN;
  return p;
}

static gboolean
keep (const ReperePasserelle *p, const ReperePasserelleFilter *filter)
{
  if (filter->less_exposed_only && p->tier != REPERE_PASSERELLE_TIER_LESS_EXPOSED)
    return FALSE;
  if (filter->max_gap >= 0 && p->to_acquire > (guint) filter->max_gap)
    return FALSE;
  return TRUE;
}

/**
 * repere_passerelle_index_list:
 * @index: a sealed index (one query at a time: it keeps scratch arrays)
 * @job_id: the source job's id
 * @filter: (nullable): %NULL for the referential's jobs, unfiltered
 * @error: %REPERE_DB_ERROR_NOT_FOUND when the index has no such job
 *
 * The passerelles from @job_id: every other job of the referential (and with
 * @filter->all_rome every ROME code no job is mapped to) that a ROME
 * mobility link from one of the job's codes reaches, or of whose
 * competencies the job carries at least %REPERE_PASSERELLE_MIN_SHARED.
 * Competencies are counted as distinct code_ogr over the codes (a job's:
 * the union over its mapped codes). Ranked by docs/passerelles.md.
 *
 * Returns: (transfer full) (element-type ReperePasserelle): the ranked list
 */
GPtrArray *
repere_passerelle_index_list (ReperePasserelleIndex *index, const char *job_id,
                              const ReperePasserelleFilter *filter, GError **error)
{
  static const ReperePasserelleFilter none = { FALSE, FALSE, -1 };
  guint source_index = GPOINTER_TO_UINT (g_hash_table_lookup (index->job_by_id, job_id));
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_passerelle_free);
  g_autoptr (GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) touched_jobs = g_array_new (FALSE, FALSE, sizeof (guint));
  const Job *source;

  g_return_val_if_fail (index->sealed, NULL);
  if (filter == NULL)
    filter = &none;
  if (source_index == 0)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND, _ ("No job “%s”"), job_id);
      return NULL;
    }
  source = &g_array_index (index->jobs, Job, source_index - 1);

  /* Shared competencies with every job, and with every code when asked. */
  for (guint k = 0; k < source->n_comps; k++)
    {
      guint c = source->comps[k];
      for (guint p = index->job_inv_start[c]; p < index->job_inv_start[c + 1]; p++)
        {
          guint t = index->job_inv[p];
          if (index->job_count[t]++ == 0 && !index->job_mob[t])
            g_array_append_val (touched_jobs, t);
        }
      if (filter->all_rome)
        for (guint p = index->code_inv_start[c]; p < index->code_inv_start[c + 1]; p++)
          {
            guint code = index->code_inv[p];
            if (index->code_count[code]++ == 0)
              g_array_append_val (touched, code);
          }
    }
  /* Codes ROME mobility reaches from the job's codes, and their jobs. */
  for (guint k = 0; k < source->n_codes; k++)
    {
      const Code *from = &g_array_index (index->codes, Code, source->codes[k]);
      for (guint m = 0; m < from->mobility->len; m++)
        {
          guint to = g_array_index (from->mobility, guint, m);
          if (index->code_mob[to])
            continue;
          index->code_mob[to] = 1;
          if (index->code_count[to] == 0)
            g_array_append_val (touched, to);
          for (guint p = index->code_job_start[to]; p < index->code_job_start[to + 1]; p++)
            {
              guint t = index->code_job[p];
              if (!index->job_mob[t] && index->job_count[t] == 0)
                g_array_append_val (touched_jobs, t);
              index->job_mob[t] = 1;
            }
        }
    }

  for (guint i = 0; i < touched_jobs->len; i++)
    {
      guint t = g_array_index (touched_jobs, guint, i);
      const Job *target = &g_array_index (index->jobs, Job, t);
      guint shared = index->job_count[t];
      guint via = 0;

      if (t != source_index - 1)
        {
          if (index->job_mob[t])
            via |= REPERE_PASSERELLE_VIA_MOBILITY;
          if (reached_by_competencies (shared, target->n_comps))
            via |= REPERE_PASSERELLE_VIA_COMPETENCIES;
        }
      if (via)
        {
          ReperePasserelle *p
              = passerelle_new (source, target->id, target->name, TRUE, via, shared,
                                target->n_comps, target->score, target->classification);
          if (keep (p, filter))
            {
              if (source->levels || target->levels)
                mean_levels (source, target->comps, target->n_comps, target->levels,
                             &p->shared_mean_level, &p->to_acquire_mean_level);
              g_ptr_array_add (list, p);
            }
          else
            repere_passerelle_free (p);
        }
      index->job_count[t] = 0;
      index->job_mob[t] = 0;
    }

  for (guint i = 0; i < touched->len; i++)
    {
      guint c = g_array_index (touched, guint, i);
      const Code *code = &g_array_index (index->codes, Code, c);
      guint via = 0;

      if (filter->all_rome && !code->in_referential)
        {
          if (index->code_mob[c])
            via |= REPERE_PASSERELLE_VIA_MOBILITY;
          if (reached_by_competencies (index->code_count[c], code->n_comps))
            via |= REPERE_PASSERELLE_VIA_COMPETENCIES;
        }
      if (via)
        {
          ReperePasserelle *p = passerelle_new (source, code->code, code->title, FALSE, via,
                                                index->code_count[c], code->n_comps, NAN, NULL);
          if (keep (p, filter))
            {
              if (source->levels)
                mean_levels (source, code->comps, code->n_comps, NULL, &p->shared_mean_level,
                             &p->to_acquire_mean_level);
              g_ptr_array_add (list, p);
            }
          else
            repere_passerelle_free (p);
        }
      index->code_count[c] = 0;
      index->code_mob[c] = 0;
    }

  g_ptr_array_sort (list, compare_passerelles);
  for (guint i = 0; i < list->len; i++)
    ((ReperePasserelle *) g_ptr_array_index (list, i))->rank = i + 1;
  return g_steal_pointer (&list);
}

/**
 * repere_passerelle_list:
 * @db: the database
 * @job: a job id, name or study spelling (repere_db_find_job())
 * @assessment: (nullable): assessment id, %NULL for %REPERE_DEFAULT_ASSESSMENT
 * @filter: (nullable): which targets; %NULL for the referential's jobs
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_AMBIGUOUS,
 *   %REPERE_DB_ERROR_QUERY
 *
 * repere_passerelle_index_list() on a fresh index (reading it takes about
 * 50 ms on v460, bench/bench-passerelle.c;
 * build one index with repere_passerelle_index_new() to list many jobs).
 *
 * Returns: (transfer full) (element-type ReperePasserelle) (nullable): the
 *   passerelles, best first
 */
GPtrArray *
repere_passerelle_list (RepereDb *db, const char *job, const char *assessment,
                        const ReperePasserelleFilter *filter, GError **error)
{
  g_autofree char *job_id = repere_db_find_job (db, job, error);
  g_autoptr (ReperePasserelleIndex) index = NULL;

  if (job_id == NULL)
    return NULL;
  index = repere_passerelle_index_new (db, assessment, error);
  if (index == NULL)
    return NULL;
  return repere_passerelle_index_list (index, job_id, filter, error);
}

/* ---- Gap between two jobs or codes ---- */

const char *
repere_gap_status_id (RepereGapStatus status)
{
  switch (status)
    {
    case REPERE_GAP_CARRIED:
      return "carried";
    case REPERE_GAP_TO_ACQUIRE:
      return "to-acquire";
    case REPERE_GAP_NO_LONGER_NEEDED:
      return "no-longer-needed";
    default:
      return "";
    }
}

void
repere_gap_item_free (RepereGapItem *item)
{
  if (item == NULL)
    return;
  g_free (item->competency_id);
  g_free (item->label);
  g_free (item->kind);
  g_free (item);
}

typedef struct
{
  gint64 id;
  int kind_order; /* 0 savoir-faire, 1 savoir-être, 2 savoir */
  int core;       /* 2 principale, 1 émergente, 0 */
  char *label;
  gboolean transition_num;
  int level;
} SideItem;

static void
side_item_free (SideItem *item)
{
  g_free (item->label);
  g_free (item);
}

static const char *const kind_ids[] = { "savoir-faire", "savoir-etre", "savoir" };

/* A side of a gap: a job (its codes' competencies and its levels) or a code. */
typedef struct
{
  char *id;    /* job id or ROME code */
  char *title; /* job name or code title */
  gboolean is_job;
  GPtrArray *items;  /* SideItem, ordered */
  GHashTable *by_id; /* gint64* → SideItem */
} Side;

static void
side_clear (Side *side)
{
  g_free (side->id);
  g_free (side->title);
  g_clear_pointer (&side->by_id, g_hash_table_unref);
  g_clear_pointer (&side->items, g_ptr_array_unref);
}

static gboolean
is_rome_code (const char *text)
{
  return text && strlen (text) == 5 && g_ascii_isupper (text[0]) && g_ascii_isdigit (text[1])
         && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]);
}

#define KIND_ORDER_SQL(k)                                                                          \
  "CASE " k " WHEN 'savoir-faire' THEN 0 WHEN 'savoir-etre' THEN 1 ELSE 2 END"

static gboolean
side_load (RepereDb *db, const char *name, const char *assessment, Side *side, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (side, 0, sizeof *side);
  side->items = g_ptr_array_new_with_free_func ((GDestroyNotify) side_item_free);
  side->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (is_rome_code (name))
    {
      if (!prepare (handle, "SELECT title FROM rome_code WHERE code = ?", &stmt, error))
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        side->title = column_dup (stmt, 0);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc != SQLITE_DONE)
            return repere_sql_failed (handle, error);
          g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                       _ ("No ROME code “%s” in the imported referential"), name);
          return FALSE;
        }
      side->id = g_strdup (name);
      if (!prepare (handle,
                    "SELECT rc.competency_id, " KIND_ORDER_SQL (
                        "rc.kind") ","
                                   "       CASE rc.core WHEN 'principale' THEN 2 WHEN 'emergente' "
                                   "THEN 1 ELSE 0 END,"
                                   "       c.label, coalesce (c.transition_num, 0), 0"
                                   "  FROM rome_competency rc JOIN competency c ON c.id = "
                                   "rc.competency_id"
                                   " WHERE rc.rome_code = ?1 ORDER BY 2, c.label COLLATE repere, 1",
                    &stmt, error))
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
    }
  else
    {
      side->id = repere_db_find_job (db, name, error);
      if (side->id == NULL)
        return FALSE;
      side->is_job = TRUE;
      if (!prepare (handle, "SELECT name FROM job WHERE id = ?", &stmt, error))
        return FALSE;
      sqlite3_bind_text (stmt, 1, side->id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        side->title = column_dup (stmt, 0);
      sqlite3_finalize (stmt);
      if (!prepare (handle,
                    "SELECT rc.competency_id, min (" KIND_ORDER_SQL (
                        "rc.kind") ") AS k,"
                                   "       max (CASE rc.core WHEN 'principale' THEN 2 WHEN "
                                   "'emergente' THEN 1 ELSE 0 END),"
                                   "       c.label, coalesce (c.transition_num, 0),"
                                   "       coalesce ((SELECT level FROM rating r WHERE "
                                   "r.assessment_id = ?2 AND r.job_id = ?1"
                                   "                   AND r.competency_id = CAST "
                                   "(rc.competency_id AS TEXT)), 0)"
                                   "  FROM job_rome m JOIN rome_competency rc ON rc.rome_code = "
                                   "m.rome_code"
                                   "  JOIN competency c ON c.id = rc.competency_id"
                                   " WHERE m.job_id = ?1 GROUP BY rc.competency_id ORDER BY k, "
                                   "c.label COLLATE repere, 1",
                    &stmt, error))
        return FALSE;
      sqlite3_bind_text (stmt, 1, side->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, assessment, -1, SQLITE_TRANSIENT);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SideItem *item = g_new0 (SideItem, 1);
      item->id = sqlite3_column_int64 (stmt, 0);
      item->kind_order = CLAMP (sqlite3_column_int (stmt, 1), 0, 2);
      item->core = sqlite3_column_int (stmt, 2);
      item->label = column_dup (stmt, 3);
      item->transition_num = sqlite3_column_int (stmt, 4) == 1;
      item->level = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (side->items, item);
      g_hash_table_insert (side->by_id, &item->id, item);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  return TRUE;
}

static int
kind_order (const char *kind)
{
  for (int i = 0; i < 3; i++)
    if (strcmp (kind, kind_ids[i]) == 0)
      return i;
  return 3;
}

static RepereGapItem *
gap_item_new (const SideItem *item, RepereGapStatus status, int from_level, int to_level)
{
  RepereGapItem *gap = g_new0 (RepereGapItem, 1);

  gap->competency_id = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);
  gap->label = g_strdup (item->label);
  gap->kind = g_strdup (kind_ids[item->kind_order]);
  gap->status = status;
  gap->from_level = from_level;
  gap->to_level = to_level;
  gap->level = status == REPERE_GAP_NO_LONGER_NEEDED ? from_level : to_level;
  gap->principal = item->core == 2;
  gap->emergent = item->core == 1;
  gap->transition_num = item->transition_num;
  return gap;
}

static int
compare_gap_items (gconstpointer a, gconstpointer b)
{
  const RepereGapItem *x = *(RepereGapItem *const *) a, *y = *(RepereGapItem *const *) b;
  int order_x = kind_order (x->kind), order_y = kind_order (y->kind);

  if (x->status != y->status)
    return x->status < y->status ? -1 : 1;
  if (order_x != order_y)
    return order_x < order_y ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static GPtrArray *
gap_of_sides (const Side *from, const Side *to)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_gap_item_free);

  for (guint i = 0; i < to->items->len; i++)
    {
      const SideItem *t = g_ptr_array_index (to->items, i);
      const SideItem *f = g_hash_table_lookup (from->by_id, &t->id);
      g_ptr_array_add (items, gap_item_new (t, f ? REPERE_GAP_CARRIED : REPERE_GAP_TO_ACQUIRE,
                                            f ? f->level : 0, t->level));
    }
  for (guint i = 0; i < from->items->len; i++)
    {
      const SideItem *f = g_ptr_array_index (from->items, i);
      if (!g_hash_table_contains (to->by_id, &f->id))
        g_ptr_array_add (items, gap_item_new (f, REPERE_GAP_NO_LONGER_NEEDED, f->level, 0));
    }
  /* Stable: within a status and kind, the sides' own order (label). */
  g_ptr_array_sort (items, compare_gap_items);
  return items;
}

/**
 * repere_passerelle_gap:
 * @db: the database
 * @from: the source: a job (id, name or spelling) or a ROME code ("K2111")
 * @to: the target, likewise
 * @assessment: (nullable): whose levels to show, %NULL for
 *   %REPERE_DEFAULT_ASSESSMENT
 * @error: %REPERE_DB_ERROR_NOT_FOUND (job, code or assessment),
 *   %REPERE_DB_ERROR_AMBIGUOUS, %REPERE_DB_ERROR_QUERY
 *
 * Every competency of @to (carried over or to acquire) and every one of
 * @from that @to lacks (no longer needed), by status, kind and label. A
 * job's competencies are the union of bloc 5 over its mapped codes; levels
 * are the assessment's ratings of each job (0 unrated).
 *
 * Returns: (transfer full) (element-type RepereGapItem) (nullable): the items
 */
GPtrArray *
repere_passerelle_gap (RepereDb *db, const char *from, const char *to, const char *assessment,
                       GError **error)
{
  Side source = { 0 }, target = { 0 };
  GPtrArray *items = NULL;

  if (assessment == NULL)
    assessment = REPERE_DEFAULT_ASSESSMENT;
  if (check_assessment (db, assessment, error) && side_load (db, from, assessment, &source, error)
      && side_load (db, to, assessment, &target, error))
    items = gap_of_sides (&source, &target);
  side_clear (&source);
  side_clear (&target);
  return items;
}

/* ---- Training guidance and plans ---- */

void
repere_training_guidance_free (RepereTrainingGuidance *guidance)
{
  if (guidance == NULL)
    return;
  g_free (guidance->kind);
  g_free (guidance->text);
  g_free (guidance->source);
  g_free (guidance->typology_label);
  g_free (guidance);
}

/**
 * repere_training_guidance_list:
 * @db: the database
 * @classification_id: (nullable): a class id; %NULL for every row
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The study's training guidance (table training_guidance, transcribed in
 * data/study/training_guidance.csv from 3.2.1.2, 2.2.10 and section 5)
 * that applies to every class and to @classification_id, in the study's
 * order, each with its option of the training typology of 2.2.10 and that
 * option's share of respondents.
 *
 * Returns: (transfer full) (element-type RepereTrainingGuidance) (nullable):
 *   the rows
 */
GPtrArray *
repere_training_guidance_list (RepereDb *db, const char *classification_id, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_training_guidance_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (handle,
                "SELECT g.kind, CASE WHEN g.text = '' THEN cg.text ELSE g.text END, g.source,"
                "       coalesce (g.typology, 0), coalesce (o.label, ''), o.share"
                "  FROM training_guidance g"
                "  LEFT JOIN classification_guidance cg ON cg.position = g.guidance_position"
                "  LEFT JOIN survey_option o ON o.question_id = g.typology_question AND o.position "
                "= g.typology"
                " WHERE ?1 IS NULL OR g.classification_id IS NULL OR g.classification_id = ?1"
                " ORDER BY g.position",
                &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, classification_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RepereTrainingGuidance *g = g_new0 (RepereTrainingGuidance, 1);
      g->kind = column_dup (stmt, 0);
      g->text = column_dup (stmt, 1);
      g->source = column_dup (stmt, 2);
      g->typology = sqlite3_column_int (stmt, 3);
      g->typology_label = column_dup (stmt, 4);
      g->typology_share = column_double_or_nan (stmt, 5);
      g_ptr_array_add (list, g);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&list);
}

void
repere_training_plan_free (RepereTrainingPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->job_id);
  g_free (plan->job_name);
  g_free (plan->assessment_id);
  g_free (plan->assessment_name);
  g_free (plan->classification_id);
  g_free (plan->classification_name);
  g_clear_pointer (&plan->strengthen, g_ptr_array_unref);
  g_clear_pointer (&plan->guidance, g_ptr_array_unref);
  g_free (plan->target);
  g_free (plan->target_title);
  g_clear_pointer (&plan->to_acquire, g_ptr_array_unref);
  g_free (plan);
}

/* Score and class of a job in an assessment (view job_result). */
static gboolean
job_score (RepereDb *db, const char *assessment, const char *job_id, double *score, char **class_id,
           char **class_name, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  *score = NAN;
  if (!prepare (handle,
                "SELECT score, classification_id, classification_name FROM job_result"
                " WHERE assessment_id = ? AND job_id = ?",
                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *score = column_double_or_nan (stmt, 0);
      if (class_id && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        *class_id = column_dup (stmt, 1);
      if (class_name && sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        *class_name = column_dup (stmt, 2);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  return TRUE;
}

/**
 * repere_training_plan_new:
 * @db: the database
 * @job: a job id, name or spelling
 * @assessment: (nullable): assessment id, %NULL for %REPERE_DEFAULT_ASSESSMENT
 * @to: (nullable): a passerelle's target (job or ROME code) whose
 *   competencies to acquire the plan lists; %NULL for none
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_AMBIGUOUS,
 *   %REPERE_DB_ERROR_QUERY
 *
 * The job's "plan de développement des compétences" (Axe 4, recommendation
 * 4): its competencies to strengthen (rated 4–5 in the assessment, ROME
 * Émergente, ROME transition numérique), the study's training guidance for
 * its class, and the competencies to acquire towards @to.
 *
 * Returns: (transfer full) (nullable): the plan
 */
RepereTrainingPlan *
repere_training_plan_new (RepereDb *db, const char *job, const char *assessment, const char *to,
                          GError **error)
{
  g_autoptr (RepereTrainingPlan) plan = g_new0 (RepereTrainingPlan, 1);
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  Side side = { 0 };
  gboolean ok;

  plan->score = plan->target_score = plan->score_change = NAN;
  if (assessment == NULL)
    assessment = REPERE_DEFAULT_ASSESSMENT;
  if (!check_assessment (db, assessment, error))
    return NULL;
  plan->assessment_id = g_strdup (assessment);
  if (!prepare (handle, "SELECT name FROM assessment WHERE id = ?", &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  plan->assessment_name
      = sqlite3_step (stmt) == SQLITE_ROW ? column_dup (stmt, 0) : g_strdup (assessment);
  sqlite3_finalize (stmt);

  if (is_rome_code (job))
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_NOT_FOUND,
                   _ ("A training plan is made for a job of the referential, not a ROME code (%s)"),
                   job);
      return NULL;
    }
  ok = side_load (db, job, assessment, &side, error);
  if (ok)
    {
      plan->job_id = g_strdup (side.id);
      plan->job_name = g_strdup (side.title);
      plan->strengthen = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_gap_item_free);
      /* In the order of the job's competencies: by kind, then label. */
      for (guint i = 0; i < side.items->len; i++)
        {
          const SideItem *item = g_ptr_array_index (side.items, i);
          if (item->level >= 4 || item->core == 1 || item->transition_num)
            g_ptr_array_add (plan->strengthen,
                             gap_item_new (item, REPERE_GAP_CARRIED, item->level, item->level));
        }
      ok = job_score (db, assessment, plan->job_id, &plan->score, &plan->classification_id,
                      &plan->classification_name, error);
    }
  side_clear (&side);
  if (!ok)
    return NULL;
  plan->guidance = repere_training_guidance_list (db, plan->classification_id, error);
  if (plan->guidance == NULL)
    return NULL;
  if (to)
    {
      Side source = { 0 }, target = { 0 };

      ok = side_load (db, plan->job_id, assessment, &source, error)
           && side_load (db, to, assessment, &target, error);
      if (ok)
        {
          g_autoptr (GPtrArray) items = gap_of_sides (&source, &target);
          plan->to_acquire = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_gap_item_free);
          for (guint i = 0; i < items->len; i++)
            {
              RepereGapItem *item = g_ptr_array_index (items, i);
              if (item->status == REPERE_GAP_TO_ACQUIRE)
                g_ptr_array_add (plan->to_acquire, g_ptr_array_steal_index (items, i--));
            }
          plan->target = g_strdup (target.id);
          plan->target_title = g_strdup (target.title);
          if (target.is_job)
            {
              ok = job_score (db, assessment, target.id, &plan->target_score, NULL, NULL, error);
              if (!isnan (plan->score) && !isnan (plan->target_score))
                plan->score_change = plan->target_score - plan->score;
            }
        }
      side_clear (&source);
      side_clear (&target);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&plan);
}

/* ---- Shared competencies ---- */

void
repere_shared_competency_free (RepereSharedCompetency *shared)
{
  if (shared == NULL)
    return;
  g_free (shared->competency_id);
  g_free (shared->label);
  g_free (shared->kind);
  g_clear_pointer (&shared->jobs, g_ptr_array_unref);
  g_free (shared);
}

/**
 * repere_shared_competency_list:
 * @db: the database
 * @assessment: (nullable): whose ratings give the mean level, %NULL for
 *   %REPERE_DEFAULT_ASSESSMENT
 * @min_jobs: keep competencies at least this many jobs carry (1 lists all,
 *   including those only one job holds)
 * @error: %REPERE_DB_ERROR_NOT_FOUND (assessment), %REPERE_DB_ERROR_QUERY
 *
 * The competencies the referential's jobs carry through their mapped codes
 * (bloc 5 of each code), with the number of jobs, the mean of the levels
 * the assessment rated them at (over the jobs that rated them) and the jobs;
 * most shared first, then by label.
 *
 * Returns: (transfer full) (element-type RepereSharedCompetency) (nullable):
 *   the competencies
 */
GPtrArray *
repere_shared_competency_list (RepereDb *db, const char *assessment, guint min_jobs, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify) repere_shared_competency_free);
  RepereSharedCompetency *current = NULL;
  sqlite3_stmt *stmt = NULL;
  guint level_sum = 0;
  int rc;

  if (assessment == NULL)
    assessment = REPERE_DEFAULT_ASSESSMENT;
  if (!check_assessment (db, assessment, error))
    return NULL;
  if (!prepare (handle,
                "WITH jc AS (SELECT m.job_id, rc.competency_id AS id, min (" KIND_ORDER_SQL (
                    "rc.kind") ") AS k"
                               "              FROM job_rome m JOIN rome_competency rc ON "
                               "rc.rome_code = m.rome_code"
                               "             GROUP BY m.job_id, rc.competency_id),"
                               " n AS (SELECT id, count (*) AS jobs, min (k) AS k FROM jc GROUP BY "
                               "id HAVING count (*) >= ?2)"
                               " SELECT n.id, c.label, n.k, n.jobs, j.name,"
                               "        (SELECT level FROM rating r WHERE r.assessment_id = ?1 AND "
                               "r.job_id = jc.job_id"
                               "          AND r.competency_id = CAST (jc.id AS TEXT))"
                               "   FROM n JOIN jc ON jc.id = n.id JOIN job j ON j.id = jc.job_id"
                               "   JOIN competency c ON c.id = n.id"
                               "  ORDER BY n.jobs DESC, c.label COLLATE repere, n.id, "
                               "j.family_code, j.position",
                &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, MAX (min_jobs, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id
          = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      if (current == NULL || strcmp (current->competency_id, id) != 0)
        {
          if (current)
            current->mean_level = current->n_rated ? (double) level_sum / current->n_rated : NAN;
          current = g_new0 (RepereSharedCompetency, 1);
          current->competency_id = g_steal_pointer (&id);
          current->label = column_dup (stmt, 1);
          current->kind = g_strdup (kind_ids[CLAMP (sqlite3_column_int (stmt, 2), 0, 2)]);
          current->n_jobs = sqlite3_column_int (stmt, 3);
          current->jobs = g_ptr_array_new_with_free_func (g_free);
          level_sum = 0;
          g_ptr_array_add (list, current);
        }
      g_ptr_array_add (current->jobs, column_dup (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          level_sum += sqlite3_column_int (stmt, 5);
          current->n_rated++;
        }
    }
  sqlite3_finalize (stmt);
  if (current)
    current->mean_level = current->n_rated ? (double) level_sum / current->n_rated : NAN;
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error), NULL;
  return g_steal_pointer (&list);
}
