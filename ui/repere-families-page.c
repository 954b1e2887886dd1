/* repere-families-page.c: the "Familles" page of the window
 *
 * One group per job family of the shown assessment: its code and name, its
 * jobs per class and their mean and median score; one row per job, in rank
 * order, which opens the job in its family's list (the window connects
 * RepereFamiliesPage::job-activated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-families-page.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include "repere-text.h"
#include "repere-ui-resources.h"

struct _RepereFamiliesPage
{
  AdwBin parent_instance;

  RepereDb *db;
  GPtrArray *groups; /* AdwPreferencesGroup shown, one per family */

  /* template */
  AdwPreferencesPage *page;
};

G_DEFINE_TYPE (RepereFamiliesPage, repere_families_page, ADW_TYPE_BIN)

enum
{
  JOB_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A job row: its family's list, the job open. */
static void
on_job_activated (RepereFamiliesPage *self, AdwActionRow *row)
{
  const char *job_id = g_object_get_data (G_OBJECT (row), "job-id");

  if (job_id)
    g_signal_emit (self, signals[JOB_ACTIVATED], 0, job_id, g_object_get_data (G_OBJECT (row), "family"));
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Issue 13: a family's mean and median score over its jobs' published
 * scores in the assessment (the study gives no family score: it counts each
 * family's jobs per class, Figure "familles", which the description shows
 * before). */
static void
append_family_scores (GString *description, GListStore *jobs, const char *family)
{
  g_autoptr (GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0, median;
  g_autofree char *mean_text = NULL;
  g_autofree char *median_text = NULL;

  for (guint i = 0; jobs && i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      double score = repere_job_get_score (job);
      if (g_strcmp0 (repere_job_get_family_code (job), family) == 0 && score >= 0)
        {
          g_array_append_val (scores, score);
          sum += score;
        }
    }
  if (scores->len == 0)
    return;
  g_array_sort (scores, compare_doubles);
  median = scores->len % 2 ? g_array_index (scores, double, scores->len / 2)
                           : (g_array_index (scores, double, scores->len / 2 - 1)
                              + g_array_index (scores, double, scores->len / 2))
                                 / 2;
  mean_text = repere_text_format_score (sum / scores->len);
  median_text = repere_text_format_score (median);
  /* TRANSLATORS: a family's mean and median exposure score, e.g. "mean score 0.52, median 0.49" */
  g_string_append_printf (description, _(" · mean score %s, median %s"), mean_text, median_text);
}

/* Job name → job id, over @jobs. */
static GHashTable *
index_names (GListStore *jobs)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; jobs && i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      g_hash_table_replace (ids, g_strdup (repere_job_get_name (job)), g_strdup (repere_job_get_id (job)));
    }
  return ids;
}

static GtkWidget *
job_row (RepereFamiliesPage *self, const char *title, const char *family, GHashTable *ids)
{
  GtkWidget *row = adw_action_row_new ();
  /* Core jobs are listed as "♥ Name". */
  const char *name = g_str_has_prefix (title, "♥ ") ? title + strlen ("♥ ") : title;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Issue 13: no dead end; the row opens the job in its family's list. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "family", g_strdup (family), g_free);
  g_object_set_data_full (G_OBJECT (row), "job-id", g_strdup (g_hash_table_lookup (ids, name)), g_free);
  g_signal_connect_swapped (row, "activated", G_CALLBACK (on_job_activated), self);
  return row;
}

/**
 * repere_families_page_refresh:
 * @assessment_id: the assessment whose families, classes and scores to show
 * @error: set when the database cannot be read
 *
 * Shows the families of repere_db_family_overview() for @assessment_id, one
 * group per family: "code – name" as title; the number of jobs, the jobs per
 * class (of the study's four) and the mean and median of the jobs' scores
 * as description; one activatable row per job ("♥ " before the core jobs),
 * which emits RepereFamiliesPage::job-activated. The page keeps what it
 * showed when the database cannot be read.
 *
 * Returns: %FALSE with @error set on a database error
 */
gboolean
repere_families_page_refresh (RepereFamiliesPage *self, const char *assessment_id, GError **error)
{
  g_autoptr (GPtrArray) families = NULL;
  g_autoptr (GPtrArray) classifications = NULL;
  g_autoptr (GListStore) all_jobs = NULL;
  g_autoptr (GHashTable) ids = NULL;

  g_return_val_if_fail (REPERE_IS_FAMILIES_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  families = repere_db_family_overview (self->db, assessment_id, error);
  if (families == NULL || (classifications = repere_db_list_classifications (self->db, error)) == NULL)
    return FALSE;
  {
    RepereJobFilter all = { 0 };
    all.assessment = assessment_id;
    all_jobs = repere_db_list_jobs (self->db, &all, NULL);
  }
  ids = index_names (all_jobs);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint i = 0; i < families->len; i++)
    {
      RepereFamilySummary *f = g_ptr_array_index (families, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autoptr (GString) description = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("%s – %s", f->code, f->name);

      g_string_append_printf (description, g_dngettext (GETTEXT_PACKAGE, "%d job", "%d jobs", f->jobs), f->jobs);
      for (guint c = 0; c < 4 && c < classifications->len; c++)
        if (f->per_class[c] > 0)
          g_string_append_printf (description, " · %d %s", f->per_class[c],
                                  ((RepereRef *) g_ptr_array_index (classifications, c))->name);
      append_family_scores (description, all_jobs, f->code);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description->str);
      for (guint j = 0; j < f->job_names->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   job_row (self, g_ptr_array_index (f->job_names, j), f->code, ids));
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
  repere_a11y_name_lists (GTK_WIDGET (self->page), NULL);
  return TRUE;
}

/**
 * repere_families_page_set_db:
 * @db: (transfer none): the open database, kept by the page
 *
 * Sets where repere_families_page_refresh() reads; shows nothing by itself.
 */
void
repere_families_page_set_db (RepereFamiliesPage *self, RepereDb *db)
{
  g_return_if_fail (REPERE_IS_FAMILIES_PAGE (self));

  g_set_object (&self->db, db);
}

static void
repere_families_page_dispose (GObject *object)
{
  RepereFamiliesPage *self = REPERE_FAMILIES_PAGE (object);

  /* AdwBin's dispose unparents the page, the template's child: not
   * gtk_widget_dispose_template() too, which would unparent it first and
   * leave AdwBin a stale child (GTK 4.8). */
  self->page = NULL;
  g_clear_object (&self->db);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_families_page_parent_class)->dispose (object);
}

static void
repere_families_page_class_init (RepereFamiliesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_families_page_dispose;
  (void) repere_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/observatoire_assistance/Repere/ui/repere-families-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereFamiliesPage, page);

  /**
   * RepereFamiliesPage::job-activated:
   * @job_id: the row's job
   * @family_code: its family, "01"–"13"
   *
   * A job's row was activated: the window shows the job in its family's list.
   */
  signals[JOB_ACTIVATED] = g_signal_new ("job-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
repere_families_page_init (RepereFamiliesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}
