/* repere-job.c: one job (métier) as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-job.h"

struct _RepereJob
{
  GObject parent_instance;
  char *id;
  char *name;
  char *family_code;
  char *family_name;
  gboolean core;
  double score;
  int rank;
  char *classification_id;
  char *classification_name;
  int classification_position;
  double computed_score;
  int computed_rank;
  char *suggested_classification_id;
  char *suggested_classification_name;
  gboolean rated;
  char *basis;  /* published | counts | ratings; NULL when not computed */
  int n_rated;  /* retained competencies rated in the assessment */
  int retained; /* retained competencies */
  int match_tier;     /* issue 13: 0 exact name, 1 name/alias words, 2 other texts; -1 no search */
  char *match_where;  /* "name", "aliases", "family", "texts", "use_cases" */
  char *match_snippet; /* with U+0002 / U+0003 around matched words */
};

G_DEFINE_TYPE (RepereJob, repere_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FAMILY_CODE,
  PROP_FAMILY_NAME,
  PROP_CORE,
  PROP_SCORE,
  PROP_RANK,
  PROP_CLASSIFICATION_ID,
  PROP_CLASSIFICATION_NAME,
  PROP_CLASSIFICATION_POSITION,
  PROP_MATCH_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
repere_job_finalize (GObject *object)
{
  RepereJob *self = REPERE_JOB (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->family_code);
  g_free (self->family_name);
  g_free (self->classification_id);
  g_free (self->classification_name);
  g_free (self->suggested_classification_id);
  g_free (self->suggested_classification_name);
  g_free (self->basis);
  g_free (self->match_where);
  g_free (self->match_snippet);
  G_OBJECT_CLASS (repere_job_parent_class)->finalize (object);
}

static void
repere_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RepereJob *self = REPERE_JOB (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FAMILY_CODE:
      g_value_set_string (value, self->family_code);
      break;
    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;
    case PROP_CORE:
      g_value_set_boolean (value, self->core);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_RANK:
      g_value_set_int (value, self->rank);
      break;
    case PROP_CLASSIFICATION_ID:
      g_value_set_string (value, self->classification_id);
      break;
    case PROP_CLASSIFICATION_NAME:
      g_value_set_string (value, self->classification_name);
      break;
    case PROP_CLASSIFICATION_POSITION:
      g_value_set_int (value, self->classification_position);
      break;
    case PROP_MATCH_SNIPPET:
      g_value_set_string (value, self->match_snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
repere_job_class_init (RepereJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = repere_job_finalize;
  object_class->get_property = repere_job_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FAMILY_CODE] = g_param_spec_string ("family-code", NULL, NULL, NULL, flags);
  properties[PROP_FAMILY_NAME] = g_param_spec_string ("family-name", NULL, NULL, NULL, flags);
  properties[PROP_CORE] = g_param_spec_boolean ("core", NULL, NULL, FALSE, flags);
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, -1.0, 1.0, -1.0, flags);
  properties[PROP_RANK] = g_param_spec_int ("rank", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CLASSIFICATION_ID] = g_param_spec_string ("classification-id", NULL, NULL, NULL, flags);
  properties[PROP_CLASSIFICATION_NAME] = g_param_spec_string ("classification-name", NULL, NULL, NULL, flags);
  properties[PROP_CLASSIFICATION_POSITION]
      = g_param_spec_int ("classification-position", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* Issue 13: notified when a new search changes why the job matched
   * (repere_job_set_match()), so that a list row shows it. */
  properties[PROP_MATCH_SNIPPET]
      = g_param_spec_string ("match-snippet", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
repere_job_init (RepereJob *self)
{
  self->match_tier = -1;
}

/**
 * repere_job_new:
 * @id: stable slug of the job, e.g. "medecin-d-assistance"
 * @name: canonical name (section 1.2.2)
 * @family_code: "01" to "13"
 * @family_name: family name (section 1.2.2)
 * @core: whether the job is cœur d'assistance (4.1.1)
 * @score: exposure score 0–1, or -1 when the assessment has none
 * @rank: rank 1–58, or 0 when unranked
 * @classification_id: (nullable): class id, see table `classification`
 * @classification_name: (nullable): class name as the study writes it
 * @classification_position: column of the class in Figure 2 (1–4), 0 if none
 *
 * Returns: (transfer full): a new job item; strings are copied
 */
RepereJob *
repere_job_new (const char *id, const char *name, const char *family_code, const char *family_name,
                gboolean core, double score, int rank, const char *classification_id,
                const char *classification_name, int classification_position)
{
  RepereJob *self = g_object_new (REPERE_TYPE_JOB, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->family_code = g_strdup (family_code);
  self->family_name = g_strdup (family_name);
  self->core = core;
  self->score = score;
  self->rank = rank;
  self->classification_id = g_strdup (classification_id);
  self->classification_name = g_strdup (classification_name);
  self->classification_position = classification_position;
  self->computed_score = -1;
  return self;
}

/**
 * repere_job_set_computed:
 * @score: the score the model computes (0–1), -1 for none
 * @rank: its rank among the assessment's computed scores, ties as ties
 * @suggested_classification_id: (nullable): the class the thresholds suggest
 * @suggested_classification_name: (nullable): its name
 * @rated: the score comes from level counts the user entered, not from the
 *   published score
 *
 * Sets the computed values shown beside the published ones (docs/scoring.md).
 */
void
repere_job_set_computed (RepereJob *self, double score, int rank, const char *suggested_classification_id,
                         const char *suggested_classification_name, gboolean rated)
{
  self->computed_score = score;
  self->computed_rank = rank;
  g_free (self->suggested_classification_id);
  g_free (self->suggested_classification_name);
  self->suggested_classification_id = g_strdup (suggested_classification_id);
  self->suggested_classification_name = g_strdup (suggested_classification_name);
  self->rated = rated;
}

const char *repere_job_get_id (RepereJob *self) { return self->id; }
const char *repere_job_get_name (RepereJob *self) { return self->name; }
const char *repere_job_get_family_code (RepereJob *self) { return self->family_code; }
const char *repere_job_get_family_name (RepereJob *self) { return self->family_name; }
gboolean repere_job_get_core (RepereJob *self) { return self->core; }
double repere_job_get_score (RepereJob *self) { return self->score; }
int repere_job_get_rank (RepereJob *self) { return self->rank; }
const char *repere_job_get_classification_id (RepereJob *self) { return self->classification_id; }
const char *repere_job_get_classification_name (RepereJob *self) { return self->classification_name; }
int repere_job_get_classification_position (RepereJob *self) { return self->classification_position; }
double repere_job_get_computed_score (RepereJob *self) { return self->computed_score; }
int repere_job_get_computed_rank (RepereJob *self) { return self->computed_rank; }
const char *repere_job_get_suggested_classification_id (RepereJob *self) { return self->suggested_classification_id; }
const char *repere_job_get_suggested_classification_name (RepereJob *self) { return self->suggested_classification_name; }
gboolean repere_job_is_rated (RepereJob *self) { return self->rated; }

/**
 * repere_job_set_basis:
 * @basis: (nullable): what the score rests on in the assessment:
 *   "published", "counts" (level counts entered) or "ratings" (competency
 *   ratings in force); %NULL for a study assessment
 * @rated: the job's retained competencies rated in the assessment
 * @retained: its retained competencies
 *
 * A job with ratings that are not in force (@rated > 0, @basis not
 * "ratings") is a draft: its score is not theirs yet (docs/ratings.md).
 */
void
repere_job_set_basis (RepereJob *self, const char *basis, int rated, int retained)
{
  g_free (self->basis);
  self->basis = g_strdup (basis);
  self->n_rated = rated;
  self->retained = retained;
}

const char *repere_job_get_basis (RepereJob *self) { return self->basis; }
int repere_job_get_rated (RepereJob *self) { return self->n_rated; }
int repere_job_get_retained (RepereJob *self) { return self->retained; }

/**
 * repere_job_is_draft:
 *
 * Returns: %TRUE when the job has competency ratings that do not give its
 *   score yet (they cover only some retained competencies, not applied)
 */
gboolean
repere_job_is_draft (RepereJob *self)
{
  return self->n_rated > 0 && g_strcmp0 (self->basis, "ratings") != 0;
}

/**
 * repere_job_set_match:
 * @tier: where the search found the job: 0 its name or a spelling of it
 *   (job_alias) equals the search, 1 all its words are in the name or a
 *   spelling, 2 in the other texts only; -1 when no search ran
 * @where: (nullable): the column of job_search (schema 002) the snippet
 *   comes from: "name", "aliases", "family", "texts" or "use_cases"
 * @snippet: (nullable): a few words around the match, from FTS5's
 *   snippet(); the matched words between U+0002 and U+0003
 *
 * Set by repere_db_list_jobs() when its filter has a search, and by the
 * window on the jobs it lists (-1, %NULL, %NULL clears it). Notifies
 * #RepereJob:match-snippet when anything changed.
 */
void
repere_job_set_match (RepereJob *self, int tier, const char *where, const char *snippet)
{
  if (self->match_tier == tier && g_strcmp0 (self->match_where, where) == 0
      && g_strcmp0 (self->match_snippet, snippet) == 0)
    return;
  self->match_tier = tier;
  g_free (self->match_where);
  self->match_where = g_strdup (where);
  g_free (self->match_snippet);
  self->match_snippet = g_strdup (snippet);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_SNIPPET]);
}

int repere_job_get_match_tier (RepereJob *self) { return self->match_tier; }
const char *repere_job_get_match_where (RepereJob *self) { return self->match_where; }
const char *repere_job_get_match_snippet (RepereJob *self) { return self->match_snippet; }
