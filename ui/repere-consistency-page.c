/* repere-consistency-page.c: the consistency report as a page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-consistency-page.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include "repere-consistency.h"

struct _RepereConsistencyPage
{
  AdwBin parent_instance;

  AdwPreferencesPage *page;
  GPtrArray *groups; /* AdwPreferencesGroup shown */
  guint n_findings;
  RepereDb *db;
  gboolean filled; /* built for db */
};

enum
{
  JOB_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (RepereConsistencyPage, repere_consistency_page, ADW_TYPE_BIN)

/* Issue 13: "0.38" as the rest of the window writes it ("0,38" in French):
 * a point between two digits becomes the translated decimal separator
 * (render/repere-chart.c's). The findings are built in C for repere-cli. */
static char *
localize_decimals (const char *text)
{
  const char *separator = C_ ("decimal separator", ".");
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '.' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]))
        g_string_append (out, separator);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
on_row_activated (AdwActionRow *row, RepereConsistencyPage *self)
{
  g_signal_emit (self, signals[JOB_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "job-id"),
                 g_object_get_data (G_OBJECT (row), "assessment-id"));
}

static const char *
assessment_name (GPtrArray *assessments, const char *id)
{
  for (guint i = 0; assessments && i < assessments->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (assessments, i);
      if (g_strcmp0 (ref->id, id) == 0)
        return ref->name;
    }
  return id;
}

static GtkWidget *
add_group (RepereConsistencyPage *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return group;
}

/* Lists the findings of repere_consistency_check_study(), one group per
 * kind of check in report order, one row per finding: the job and assessment
 * as title, the finding's sentence (both values and both study sections) as
 * subtitle. */
static void
fill (RepereConsistencyPage *self)
{
  RepereDb *db = self->db;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = repere_consistency_check_study (db, &error);
  g_autoptr (GPtrArray) assessments = repere_db_list_assessments (db, NULL);
  const char *const *kinds = repere_consistency_kinds ();
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  self->n_findings = 0;
  self->filled = TRUE;

  if (findings == NULL)
    {
      add_group (self, _("The consistency check failed"), error->message);
      return;
    }
  self->n_findings = findings->len;
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u place where the study’s published figures disagree with each other "
                                          "or with the score model. Activate a row to open the "
                                          "job in that assessment.",
                                          "%u places where the study’s published figures disagree with each other "
                                          "or with the score model. Activate a row to open the "
                                          "job in that assessment.",
                                          findings->len),
                             findings->len);
  add_group (self, _("Consistency of the study"), summary);

  for (guint k = 0; kinds[k]; k++)
    {
      GtkWidget *group = NULL;
      guint n = 0;

      for (guint i = 0; i < findings->len; i++)
        n += g_strcmp0 (((RepereFinding *) g_ptr_array_index (findings, i))->kind, kinds[k]) == 0;
      if (n == 0)
        continue;
      {
        g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n), n);
        group = add_group (self, repere_consistency_kind_title (kinds[k]), count);
      }
      for (guint i = 0; i < findings->len; i++)
        {
          RepereFinding *finding = g_ptr_array_index (findings, i);
          GtkWidget *row;
          GtkWidget *values;
          g_autofree char *title = NULL;
          g_autofree char *value_text = NULL;

          if (g_strcmp0 (finding->kind, kinds[k]) != 0)
            continue;
          row = adw_action_row_new ();
          /* A count of the text names no job: the assessment alone. */
          title = *finding->job_id ? g_strdup_printf ("%s — %s", finding->job_name,
                                                      assessment_name (assessments, finding->assessment_id))
                                   : g_strdup (assessment_name (assessments, finding->assessment_id));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          {
            g_autofree char *message = localize_decimals (finding->message);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
          }
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          /* Short values (scores, counts) beside the row; class names are
           * in the sentence only, where they wrap. */
          if (g_utf8_strlen (finding->value_a, -1) + g_utf8_strlen (finding->value_b, -1) <= 16)
            {
              /* Translators: a finding's two values, "0.38 ≠ 0.30" */
              g_autofree char *a = localize_decimals (finding->value_a);
              g_autofree char *b = localize_decimals (finding->value_b);
              value_text = g_strdup_printf (_("%s ≠ %s"), a, b);
              values = gtk_label_new (value_text);
              gtk_widget_add_css_class (values, "dim-label");
              gtk_widget_add_css_class (values, "numeric");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), values);
            }
          if (*finding->job_id == '\0')
            {
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
              continue;
            }
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "job-id", g_strdup (finding->job_id), g_free);
          g_object_set_data_full (G_OBJECT (row), "assessment-id", g_strdup (finding->assessment_id), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
    }
  /* Issue 13: lists and rows a screen reader can name. */
  repere_a11y_name_lists (GTK_WIDGET (self), NULL);
}

/**
 * repere_consistency_page_set_db:
 * @db: (transfer none): the database
 *
 * Lists the findings of repere_consistency_check_study() (see fill()).
 * Activating a row emits RepereConsistencyPage::job-activated. Issue 13
 * (start-up): the check runs and the rows are built when the page is first
 * shown (or a getter below is called), not before the window's first frame.
 */
void
repere_consistency_page_set_db (RepereConsistencyPage *self, RepereDb *db)
{
  g_return_if_fail (REPERE_IS_CONSISTENCY_PAGE (self));
  g_set_object (&self->db, db);
  self->filled = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill (self);
}

static void
ensure_filled (RepereConsistencyPage *self)
{
  if (self->db && !self->filled)
    fill (self);
}

/* Returns: the number of findings listed (the page is built first if it was
 * not yet shown). */
guint
repere_consistency_page_get_n_findings (RepereConsistencyPage *self)
{
  ensure_filled (self);
  return self->n_findings;
}

/* Returns: the number of groups shown: the summary and one per kind found
 * (the page is built first if it was not yet shown). */
guint
repere_consistency_page_get_n_groups (RepereConsistencyPage *self)
{
  ensure_filled (self);
  return self->groups->len;
}

static void
repere_consistency_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (repere_consistency_page_parent_class)->map (widget);
  ensure_filled (REPERE_CONSISTENCY_PAGE (widget));
}

static void
repere_consistency_page_dispose (GObject *object)
{
  RepereConsistencyPage *self = REPERE_CONSISTENCY_PAGE (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_consistency_page_parent_class)->dispose (object);
}

static void
repere_consistency_page_finalize (GObject *object)
{
  RepereConsistencyPage *self = REPERE_CONSISTENCY_PAGE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_consistency_page_parent_class)->finalize (object);
}

static void
repere_consistency_page_class_init (RepereConsistencyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_consistency_page_dispose;
  object_class->finalize = repere_consistency_page_finalize;
  widget_class->map = repere_consistency_page_map;

  /**
   * RepereConsistencyPage::job-activated:
   * @job_id: the finding's job
   * @assessment_id: the finding's assessment
   *
   * A finding's row was activated: the window shows the job there.
   */
  signals[JOB_ACTIVATED] = g_signal_new ("job-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
repere_consistency_page_init (RepereConsistencyPage *self)
{
  self->groups = g_ptr_array_new ();
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->page));
}

/**
 * repere_consistency_page_new:
 *
 * Returns: (transfer floating): an empty page; fill it with
 *   repere_consistency_page_set_db()
 */
RepereConsistencyPage *
repere_consistency_page_new (void)
{
  return g_object_new (REPERE_TYPE_CONSISTENCY_PAGE, NULL);
}
