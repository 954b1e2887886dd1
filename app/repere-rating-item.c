/* repere-rating-item.c: one competency of a job in the rating grid
 *
 * The grid (ui/repere-rating-grid.c) shows a GListStore of these, built
 * once per job and updated in place after each rating, so that the view
 * keeps its rows, focus and scroll position (issue 10).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rating-item.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "repere-competency.h"
#include "repere-rating-history.h"
#include "repere-rating.h"

struct _RepereRatingItem
{
  GObject parent_instance;
  gint64 competency_id;
  int kind;
  char *label;
  char *category;
  char *marks;
  gboolean retained;
  int level;
  int own_level;
  char *rated_by;
  char *rated_at;
  guint n_raters;
  int spread;
  char *description;
};

G_DEFINE_TYPE (RepereRatingItem, repere_rating_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_COMPETENCY_ID,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_LABEL,
  PROP_CATEGORY,
  PROP_MARKS,
  PROP_RETAINED,
  PROP_RETAINED_TEXT,
  PROP_LEVEL,
  PROP_LEVEL_TEXT,
  PROP_OWN_LEVEL,
  PROP_OWN_LEVEL_TEXT,
  PROP_RATED_BY,
  PROP_RATED_AT,
  PROP_RATED_AT_TEXT,
  PROP_N_RATERS,
  PROP_SPREAD,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The names of the five levels (3.2.1.1), translated. */
static const char *const level_names[]
    = { N_ ("Negligible"), N_ ("Slight"), N_ ("Moderate"), N_ ("Important"), N_ ("Major") };

/**
 * repere_rating_level_name:
 * @level: 1–5
 *
 * Returns: (transfer none): the level's name (3.2.1.1), translated
 *   ("Important"); "" for another number
 */
const char *
repere_rating_level_name (int level)
{
  return level >= 1 && level <= 5 ? _ (level_names[level - 1]) : "";
}

/**
 * repere_rating_level_text:
 * @level: 0–5
 *
 * Returns: (transfer full): "4 · Important", or "—" for 0 (not rated)
 */
char *
repere_rating_level_text (int level)
{
  if (level < 1 || level > 5)
    return g_strdup ("—");
  return g_strdup_printf ("%d · %s", level, repere_rating_level_name (level));
}

static void
repere_rating_item_finalize (GObject *object)
{
  RepereRatingItem *self = REPERE_RATING_ITEM (object);

  g_free (self->label);
  g_free (self->category);
  g_free (self->marks);
  g_free (self->rated_by);
  g_free (self->rated_at);
  g_free (self->description);
  G_OBJECT_CLASS (repere_rating_item_parent_class)->finalize (object);
}

static void
repere_rating_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RepereRatingItem *self = REPERE_RATING_ITEM (object);

  switch (prop_id)
    {
    case PROP_COMPETENCY_ID:
      g_value_set_int64 (value, self->competency_id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, repere_competency_kind_label (self->kind));
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_MARKS:
      g_value_set_string (value, self->marks);
      break;
    case PROP_RETAINED:
      g_value_set_boolean (value, self->retained);
      break;
    case PROP_RETAINED_TEXT:
      g_value_set_string (value, self->retained ? _ ("Retained") : _ ("Not retained"));
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_LEVEL_TEXT:
      g_value_take_string (value, repere_rating_level_text (self->level));
      break;
    case PROP_OWN_LEVEL:
      g_value_set_int (value, self->own_level);
      break;
    case PROP_OWN_LEVEL_TEXT:
      g_value_take_string (value, repere_rating_level_text (self->own_level));
      break;
    case PROP_RATED_BY:
      g_value_set_string (value, self->rated_by);
      break;
    case PROP_RATED_AT:
      g_value_set_string (value, self->rated_at);
      break;
    case PROP_RATED_AT_TEXT:
      g_value_take_string (value,
                           *self->rated_at ? repere_format_date (self->rated_at) : g_strdup (""));
      break;
    case PROP_N_RATERS:
      g_value_set_uint (value, self->n_raters);
      break;
    case PROP_SPREAD:
      g_value_set_int (value, self->spread);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
repere_rating_item_class_init (RepereRatingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = repere_rating_item_finalize;
  object_class->get_property = repere_rating_item_get_property;
  properties[PROP_COMPETENCY_ID]
      = g_param_spec_int64 ("competency-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, 2, 0, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_MARKS] = g_param_spec_string ("marks", NULL, NULL, NULL, flags);
  properties[PROP_RETAINED] = g_param_spec_boolean ("retained", NULL, NULL, TRUE, flags);
  properties[PROP_RETAINED_TEXT] = g_param_spec_string ("retained-text", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, 0, 5, 0, flags);
  properties[PROP_LEVEL_TEXT] = g_param_spec_string ("level-text", NULL, NULL, NULL, flags);
  properties[PROP_OWN_LEVEL] = g_param_spec_int ("own-level", NULL, NULL, 0, 5, 0, flags);
  properties[PROP_OWN_LEVEL_TEXT] = g_param_spec_string ("own-level-text", NULL, NULL, NULL, flags);
  properties[PROP_RATED_BY] = g_param_spec_string ("rated-by", NULL, NULL, NULL, flags);
  properties[PROP_RATED_AT] = g_param_spec_string ("rated-at", NULL, NULL, NULL, flags);
  properties[PROP_RATED_AT_TEXT] = g_param_spec_string ("rated-at-text", NULL, NULL, NULL, flags);
  properties[PROP_N_RATERS] = g_param_spec_uint ("n-raters", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SPREAD] = g_param_spec_int ("spread", NULL, NULL, 0, 4, 0, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
repere_rating_item_init (RepereRatingItem *self)
{
  self->label = g_strdup ("");
  self->category = g_strdup ("");
  self->marks = g_strdup ("");
  self->rated_by = g_strdup ("");
  self->rated_at = g_strdup ("");
  self->description = g_strdup ("");
  self->retained = TRUE;
}

gint64
repere_rating_item_get_competency_id (RepereRatingItem *self)
{
  return self->competency_id;
}

const char *
repere_rating_item_get_label (RepereRatingItem *self)
{
  return self->label;
}

int
repere_rating_item_get_level (RepereRatingItem *self)
{
  return self->level;
}

int
repere_rating_item_get_own_level (RepereRatingItem *self)
{
  return self->own_level;
}

gboolean
repere_rating_item_get_retained (RepereRatingItem *self)
{
  return self->retained;
}

guint
repere_rating_item_get_n_raters (RepereRatingItem *self)
{
  return self->n_raters;
}

const char *
repere_rating_item_get_rated_by (RepereRatingItem *self)
{
  return self->rated_by;
}

/**
 * repere_rating_item_get_description:
 *
 * Returns: (transfer none): the row in a sentence, as assistive
 *   technologies read it: the competency, its kind, its level and who gave
 *   it, whether it is retained
 */
const char *
repere_rating_item_get_description (RepereRatingItem *self)
{
  return self->description;
}

/* Per competency of the job, what the grid shows of its ratings. */
typedef struct
{
  gboolean retained;
  guint n_raters;
  int spread;
  int own_level;
} Extra;

static gboolean
read_extras (RepereDb *db, const char *assessment_id, const char *job_id, const char *rater,
             GHashTable *extras, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (
          handle,
          "SELECT CAST (competency_id AS INTEGER), count (*), max (level) - min (level),"
          "       coalesce (max (CASE WHEN rater = ?3 THEN level END), 0), 1"
          "  FROM rater_rating WHERE assessment_id = ?1 AND job_id = ?2 GROUP BY competency_id"
          " UNION ALL SELECT CAST (competency_id AS INTEGER), 0, 0, 0, 0 FROM competency_exclusion"
          " WHERE assessment_id = ?1 AND job_id = ?2",
          -1, &stmt, NULL)
      != SQLITE_OK)
    return repere_sql_failed (handle, error);
  sqlite3_bind_text (stmt, 1, assessment_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, rater, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Extra *extra = g_hash_table_lookup (extras, &id);
      if (extra == NULL)
        {
          extra = g_new0 (Extra, 1);
          extra->retained = TRUE;
          g_hash_table_insert (extras, g_memdup2 (&id, sizeof id), extra);
        }
      if (sqlite3_column_int (stmt, 4))
        {
          extra->n_raters = sqlite3_column_int (stmt, 1);
          extra->spread = sqlite3_column_int (stmt, 2);
          extra->own_level = sqlite3_column_int (stmt, 3);
        }
      else
        extra->retained = FALSE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return repere_sql_failed (handle, error);
  return TRUE;
}

static char *
marks_of (const RepereJobCompetency *c)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  if (g_strcmp0 (c->core, "principale") == 0)
    g_ptr_array_add (parts, _ ("Principale"));
  else if (g_strcmp0 (c->core, "emergente") == 0)
    g_ptr_array_add (parts, _ ("Émergente"));
  if (c->removed)
    g_ptr_array_add (parts, _ ("Removed from ROME"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value ? value : "");
  return TRUE;
}

/* Sets the item from @c and @extra; notifies what changed. */
static void
update (RepereRatingItem *self, const RepereJobCompetency *c, const Extra *extra)
{
  static const Extra none = { TRUE, 0, 0, 0 };
  g_autofree char *marks = marks_of (c);
  g_autofree char *level = repere_rating_level_text (c->rating);
  g_autofree char *date = *c->rated_at ? repere_format_date (c->rated_at) : g_strdup ("");
  g_autofree char *description = NULL;
  g_autofree char *who = NULL;
  g_autofree char *rater = repere_rating_display_name (c->rated_by);
  GObject *object = G_OBJECT (self);

  if (extra == NULL)
    extra = &none;
  /* Several raters: how many, not every name (the report lists them). */
  who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rater", "%u raters", extra->n_raters),
                         extra->n_raters);
  /* TRANSLATORS: a row of the rating grid read aloud: "competency, kind,
   * level 4 · Important by Marie Dupont on 4 December 2026, retained" */
  description = c->rating > 0
                    ? g_strdup_printf (_ ("%s, %s, level %s by %s on %s, %s"), c->label,
                                       repere_competency_kind_label (c->kind), level, rater,
                                       date, extra->retained ? _ ("retained") : _ ("not retained"))
                    : g_strdup_printf (_ ("%s, %s, not rated, %s"), c->label,
                                       repere_competency_kind_label (c->kind),
                                       extra->retained ? _ ("retained") : _ ("not retained"));
  g_object_freeze_notify (object);
  self->competency_id = c->id;
  self->kind = c->kind;
  if (set_string (&self->label, c->label))
    g_object_notify_by_pspec (object, properties[PROP_LABEL]);
  /* The category repeats the kind for savoir-faire and savoir-être: the
   * subcategory says more (as on the job page). */
  if (set_string (&self->category, g_strcmp0 (c->category, "Savoir-faire") == 0
                                           || g_str_has_prefix (c->category, "Savoir-être")
                                       ? c->subcategory
                                       : c->category))
    g_object_notify_by_pspec (object, properties[PROP_CATEGORY]);
  if (set_string (&self->marks, marks))
    g_object_notify_by_pspec (object, properties[PROP_MARKS]);
  if (self->retained != extra->retained)
    {
      self->retained = extra->retained;
      g_object_notify_by_pspec (object, properties[PROP_RETAINED]);
      g_object_notify_by_pspec (object, properties[PROP_RETAINED_TEXT]);
    }
  if (self->level != c->rating)
    {
      self->level = c->rating;
      g_object_notify_by_pspec (object, properties[PROP_LEVEL]);
      g_object_notify_by_pspec (object, properties[PROP_LEVEL_TEXT]);
    }
  if (self->own_level != extra->own_level)
    {
      self->own_level = extra->own_level;
      g_object_notify_by_pspec (object, properties[PROP_OWN_LEVEL]);
      g_object_notify_by_pspec (object, properties[PROP_OWN_LEVEL_TEXT]);
    }
  if (set_string (&self->rated_by, extra->n_raters > 1 ? who : rater))
    g_object_notify_by_pspec (object, properties[PROP_RATED_BY]);
  if (set_string (&self->rated_at, c->rated_at))
    {
      g_object_notify_by_pspec (object, properties[PROP_RATED_AT]);
      g_object_notify_by_pspec (object, properties[PROP_RATED_AT_TEXT]);
    }
  if (self->n_raters != extra->n_raters)
    {
      self->n_raters = extra->n_raters;
      g_object_notify_by_pspec (object, properties[PROP_N_RATERS]);
    }
  if (self->spread != extra->spread)
    {
      self->spread = extra->spread;
      g_object_notify_by_pspec (object, properties[PROP_SPREAD]);
    }
  if (set_string (&self->description, description))
    g_object_notify_by_pspec (object, properties[PROP_DESCRIPTION]);
  g_object_thaw_notify (object);
}

static GPtrArray *
read_rows (RepereDb *db, const char *assessment_id, const char *job_id, const char *rater,
           GHashTable **extras, GError **error)
{
  g_autoptr (GPtrArray) list = repere_competency_list_for_job (db, job_id, assessment_id, error);

  if (list == NULL)
    return NULL;
  *extras = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!read_extras (db, assessment_id, job_id, rater, *extras, error))
    {
      g_clear_pointer (extras, g_hash_table_unref);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * repere_rating_items_new:
 * @assessment_id: a user assessment
 * @job_id: a job
 * @rater: the grid's rater, whose own level each item carries
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * Returns: (transfer full): the job's competencies (repere_competency_list_for_job()
 *   order) as #RepereRatingItem
 */
GListStore *
repere_rating_items_new (RepereDb *db, const char *assessment_id, const char *job_id,
                         const char *rater, GError **error)
{
  g_autoptr (GHashTable) extras = NULL;
  g_autoptr (GPtrArray) list = read_rows (db, assessment_id, job_id, rater, &extras, error);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *c = g_ptr_array_index (list, i);
      RepereRatingItem *item = g_object_new (REPERE_TYPE_RATING_ITEM, NULL);
      update (item, c, g_hash_table_lookup (extras, &c->id));
      g_ptr_array_add (items, item);
    }
  store = g_list_store_new (REPERE_TYPE_RATING_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

/**
 * repere_rating_items_refresh:
 * @items: a store made by repere_rating_items_new() for the same job
 *
 * Updates every item in place from the database (notifying only what
 * changed), so that a view keeps its rows, focus and scroll.
 *
 * Returns: %FALSE, with @error unset, when the job's competencies are no
 *   longer the same (the caller builds a new store); %FALSE with @error on
 *   a database error
 */
gboolean
repere_rating_items_refresh (GListModel *items, RepereDb *db, const char *assessment_id,
                             const char *job_id, const char *rater, GError **error)
{
  g_autoptr (GHashTable) extras = NULL;
  g_autoptr (GPtrArray) list = read_rows (db, assessment_id, job_id, rater, &extras, error);

  if (list == NULL)
    return FALSE;
  if (list->len != g_list_model_get_n_items (items))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *c = g_ptr_array_index (list, i);
      g_autoptr (RepereRatingItem) item = g_list_model_get_item (items, i);
      if (item->competency_id != c->id)
        return FALSE;
    }
  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *c = g_ptr_array_index (list, i);
      g_autoptr (RepereRatingItem) item = g_list_model_get_item (items, i);
      update (item, c, g_hash_table_lookup (extras, &c->id));
    }
  return TRUE;
}
