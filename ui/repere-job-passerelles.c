/* repere-job-passerelles.c: the "Passerelles" part of a job's page
 *
 * The passerelles come ranked from repere_passerelle_list() (the ranking
 * of docs/passerelles.md: clearly less exposed targets with the smallest
 * gap first); the part shows the first FIRST_ROWS, then all on request.
 * Each row says the target, how it was found (ROME mobility of the job's
 * codes, competencies shared through them, or both), the competencies
 * carried over and to acquire, the target's score and class in the chosen
 * assessment and the change of score, ▼ green when the target is less
 * exposed, ▲ red when more, as the evolution view colours rank changes.
 * Activating a row opens the comparison of the two jobs
 * (repere-comparison-window.h); the row's arrow button opens the target
 * job's page (#RepereJobPasserelles::job-requested).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-job-passerelles.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include <math.h>

#include "repere-comparison-window.h"
#include "repere-text.h"

/* Rows shown before "Show all". */
#define FIRST_ROWS 8

/* Choices of the "largest gap" drop-down: competencies to acquire. */
static const int gap_choices[] = { -1, 5, 10, 20, 40 };

struct _RepereJobPasserelles
{
  GtkBox parent_instance;

  RepereDb *db;
  char *job_id;
  char *assessment_id;
  ReperePasserelleFilter filter;
  GPtrArray *passerelles; /* ReperePasserelle*, ranked; NULL before a job */
  GPtrArray *classes;     /* RepereRef* */
  gboolean all_shown;
  guint n_rows;
  gboolean setting_filter; /* repere_job_passerelles_set_filter() sets the controls */

  GtkCheckButton *referential_check;
  GtkCheckButton *less_exposed_check;
  GtkDropDown *gap_dropdown;
  GtkLabel *status_label;
  GtkListBox *list;
  GtkButton *more_button;
};

G_DEFINE_TYPE (RepereJobPasserelles, repere_job_passerelles, GTK_TYPE_BOX)

enum
{
  SIGNAL_JOB_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
repere_job_passerelles_dispose (GObject *object)
{
  RepereJobPasserelles *self = REPERE_JOB_PASSERELLES (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_job_passerelles_parent_class)->dispose (object);
}

static void
repere_job_passerelles_finalize (GObject *object)
{
  RepereJobPasserelles *self = REPERE_JOB_PASSERELLES (object);

  g_free (self->job_id);
  g_free (self->assessment_id);
  g_clear_pointer (&self->passerelles, g_ptr_array_unref);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_job_passerelles_parent_class)->finalize (object);
}

static void
repere_job_passerelles_class_init (RepereJobPasserellesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = repere_job_passerelles_dispose;
  G_OBJECT_CLASS (klass)->finalize = repere_job_passerelles_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "repere-job-passerelles");

  /**
   * RepereJobPasserelles::job-requested:
   * @job_id: the target job's id
   *
   * The user asks to see a target job's page.
   */
  signals[SIGNAL_JOB_REQUESTED]
      = g_signal_new ("job-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static const char *
class_name (RepereJobPasserelles *self, const char *id)
{
  for (guint i = 0; id && self->classes && i < self->classes->len; i++)
    {
      RepereRef *ref = g_ptr_array_index (self->classes, i);
      if (g_strcmp0 (ref->id, id) == 0)
        return ref->name;
    }
  return id;
}

/* How a passerelle was found (REPERE_PASSERELLE_VIA_* bits), translated. */
static const char *
via_label (guint via)
{
  if ((via & REPERE_PASSERELLE_VIA_MOBILITY) && (via & REPERE_PASSERELLE_VIA_COMPETENCIES))
    return _ ("ROME mobility and shared competencies");
  if (via & REPERE_PASSERELLE_VIA_MOBILITY)
    return _ ("ROME mobility");
  return _ ("Shared competencies");
}

static GtkWidget *
badge (const char *text, const char *css_class, const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption-heading");
  /* A class name ("Non impacté ou de manière négligeable") wraps rather
   * than widen the page. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (tooltip)
    gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

static void
on_open_job_clicked (GtkButton *button, RepereJobPasserelles *self)
{
  g_autoptr (GError) error = NULL;
  const char *target = g_object_get_data (G_OBJECT (button), "target");
  g_autofree char *job_id = repere_db_find_job (self->db, target, &error);

  if (job_id == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_JOB_REQUESTED], 0, job_id);
}

static void
on_row_activated (RepereJobPasserelles *self, GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0)
    repere_job_passerelles_open_comparison (self, index);
}

static GtkWidget *
passerelle_row (RepereJobPasserelles *self, const ReperePasserelle *p)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;

  if (p->target_is_job)
    title = g_strdup (p->target_title);
  else
    /* Translators: a passerelle towards a ROME code outside the referential: "ROME K2111 Formateur"
     */
    title = g_strdup_printf (_ ("ROME %s %s"), p->target, p->target_title ? p->target_title : "");
  counts = g_strdup_printf (_ ("%u carried over · %u to acquire"), p->shared, p->to_acquire);
  subtitle = g_strdup_printf ("%s · %s", via_label (p->via), counts);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (!isnan (p->target_score))
    {
      g_autofree char *score = repere_text_format_score (p->target_score);
      g_autofree char *text = g_strdup_printf (_ ("Score %s"), score);
      adw_action_row_add_suffix (
          ADW_ACTION_ROW (row),
          badge (text, NULL, _ ("The target’s exposure score in the chosen assessment")));
    }
  if (p->target_classification)
    adw_action_row_add_suffix (
        ADW_ACTION_ROW (row),
        badge (class_name (self, p->target_classification), "dim-label", NULL));
  if (!isnan (p->score_change))
    {
      g_autofree char *value = repere_text_format_score (fabs (p->score_change));
      g_autofree char *text = NULL;
      const char *css = "dim-label";
      const char *tooltip = _ ("Same exposure score as this job");

      if (p->score_change < -0.005)
        {
          text = g_strdup_printf ("▼ %s", value);
          css = "success";
          tooltip = _ ("Less exposed than this job: the score goes down by this much");
        }
      else if (p->score_change > 0.005)
        {
          text = g_strdup_printf ("▲ %s", value);
          css = "error";
          tooltip = _ ("More exposed than this job: the score goes up by this much");
        }
      else
        text = g_strdup ("= 0");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge (text, css, tooltip));
    }
  if (p->target_is_job)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
      g_autofree char *label = g_strdup_printf (_ ("Open the job %s"), p->target_title);
      gtk_widget_set_tooltip_text (button, label);
      repere_a11y_set_label (GTK_WIDGET (button), label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "target", g_strdup (p->target), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_job_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  {
    g_autofree char *description = g_strdup_printf (_ ("Compare this job with %s"), title);
    gtk_widget_set_tooltip_text (row, description);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
fill (RepereJobPasserelles *self)
{
  GtkWidget *child;
  guint n = self->passerelles ? self->passerelles->len : 0;
  guint shown = self->all_shown ? n : MIN (n, FIRST_ROWS);
  g_autofree char *status = NULL;
  g_autofree char *more = NULL;

  /* The focus may be on a row about to go. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
    if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
      gtk_widget_grab_focus (GTK_WIDGET (self->referential_check));
  }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->list,
                         passerelle_row (self, g_ptr_array_index (self->passerelles, i)));
  self->n_rows = shown;
  gtk_widget_set_visible (GTK_WIDGET (self->list), shown > 0);

  if (n == 0)
    status = g_strdup (_ ("No passerelle with these filters."));
  else if (shown < n)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passerelle, the first %u shown",
                                           "%u passerelles, the first %u shown", n),
                              n, shown);
  else
    status
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passerelle", "%u passerelles", n), n);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), shown < n);
  more = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Show the %u passerelle", "Show all %u passerelles", n), n);
  gtk_button_set_label (self->more_button, more);
}

static void
reload (RepereJobPasserelles *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->passerelles, g_ptr_array_unref);
  if (self->db == NULL || self->job_id == NULL)
    {
      fill (self);
      return;
    }
  self->passerelles
      = repere_passerelle_list (self->db, self->job_id, self->assessment_id, &self->filter, &error);
  if (self->passerelles == NULL)
    {
      fill (self);
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  fill (self);
}

static void
on_filter_changed (RepereJobPasserelles *self)
{
  guint gap = gtk_drop_down_get_selected (self->gap_dropdown);

  self->filter.all_rome = !gtk_check_button_get_active (self->referential_check);
  self->filter.less_exposed_only = gtk_check_button_get_active (self->less_exposed_check);
  self->filter.max_gap = gap < G_N_ELEMENTS (gap_choices) ? gap_choices[gap] : -1;
  self->all_shown = FALSE;
  reload (self);
}

/* A filter's mnemonic (Alt+letter) toggles it and, as a click does,
 * focuses it: Tab goes on from there. */
static void
on_check_toggled (GtkWidget *check, RepereJobPasserelles *self)
{
  if (!self->setting_filter && !gtk_widget_has_focus (check))
    gtk_widget_grab_focus (check);
}

static void
on_more_clicked (RepereJobPasserelles *self)
{
  repere_job_passerelles_show_all (self);
  /* The focus goes to the first row it brought. */
  if (FIRST_ROWS < self->n_rows)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, FIRST_ROWS)));
}

/**
 * repere_drop_down_name_button:
 * @dropdown: a drop-down
 * @name: its accessible name
 *
 * GTK 4.8's drop-down takes the focus in its inner toggle button, which
 * assistive technologies read as "GtkToggleButton": it gets @name too.
 */
void
repere_drop_down_name_button (GtkDropDown *dropdown, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      repere_a11y_set_label (GTK_WIDGET (child), name);
}

/* A check button with a mnemonic whose accessible name is its label
 * without the underscore (GTK 4.8 names it with it), focused when its
 * mnemonic toggles it. */
static GtkCheckButton *
check_button_new (const char *mnemonic)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (mnemonic);
  GString *name = g_string_new (mnemonic);

  g_string_replace (name, "_", "", 1);
  repere_a11y_set_label (GTK_WIDGET (check), name->str);
  g_string_free (name, TRUE);
  /* Its mnemonic (Alt+letter) toggles it and, as a click does, focuses it:
   * Tab goes on from there. */
  g_signal_connect (check, "activate", G_CALLBACK (gtk_widget_grab_focus), NULL);
  return GTK_CHECK_BUTTON (check);
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
repere_job_passerelles_init (RepereJobPasserelles *self)
{
  GtkWidget *heading = gtk_label_new (_ ("Passerelles"));
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *gap_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *gap_label = gtk_label_new_with_mnemonic (_ ("Largest _gap"));
  g_autoptr (GtkStringList) gaps = gtk_string_list_new (NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->filter.all_rome = FALSE;
  self->filter.less_exposed_only = FALSE;
  self->filter.max_gap = -1;

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (self), heading);
  gtk_box_append (
      GTK_BOX (self),
      caption (
          _ ("Jobs its people could move to, from the ROME mobility of its codes and the "
             "competencies shared through them (study, Axe 4, recommendation 9). First come the "
             "targets clearly less exposed with the fewest competencies to acquire; open a row to "
             "compare the two jobs.")));

  self->referential_check = check_button_new (_ ("_Referential jobs only"));
  gtk_check_button_set_active (self->referential_check, TRUE);
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->referential_check),
      _ ("Only the 58 jobs of the branch; uncheck to see ROME codes outside it"));
  self->less_exposed_check = check_button_new (_ ("_Less exposed only"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->less_exposed_check),
                               _ ("Only targets clearly less exposed: a score at least 0.20 lower, "
                                  "or a target classed Émergent"));
  for (guint i = 0; i < G_N_ELEMENTS (gap_choices); i++)
    {
      g_autofree char *text = gap_choices[i] < 0
                                  ? g_strdup (_ ("Any"))
                                  : g_strdup_printf (_ ("At most %d to acquire"), gap_choices[i]);
      gtk_string_list_append (gaps, text);
    }
  self->gap_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (gaps)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (gap_label), GTK_WIDGET (self->gap_dropdown));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->gap_dropdown),
                               _ ("The most competencies to acquire a passerelle may ask"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gap_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _ ("Largest gap: competencies to acquire"), -1);
  repere_drop_down_name_button (self->gap_dropdown, _ ("Largest gap"));
  gtk_box_append (GTK_BOX (gap_box), gap_label);
  gtk_box_append (GTK_BOX (gap_box), GTK_WIDGET (self->gap_dropdown));
  /* The drop-down first: in GTK 4.8, Tab from a drop-down stops in its
   * closed list before it goes on to the rows. */
  gtk_box_append (GTK_BOX (self), gap_box);
  /* The check buttons on their own line: one line of filters set the
   * page's minimum width, and folded the window's list away at 1280 px. */
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->referential_check));
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->less_exposed_check));
  gtk_box_append (GTK_BOX (self), filters);
  g_signal_connect_swapped (self->referential_check, "toggled", G_CALLBACK (on_filter_changed),
                            self);
  g_signal_connect_swapped (self->less_exposed_check, "toggled", G_CALLBACK (on_filter_changed),
                            self);
  g_signal_connect_swapped (self->gap_dropdown, "notify::selected", G_CALLBACK (on_filter_changed),
                            self);

  g_signal_connect (self->referential_check, "toggled", G_CALLBACK (on_check_toggled), self);
  g_signal_connect (self->less_exposed_check, "toggled", G_CALLBACK (on_check_toggled), self);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  repere_a11y_set_label (GTK_WIDGET (self->list), _ ("Passerelles"));
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));

  self->more_button = GTK_BUTTON (gtk_button_new_with_label (""));
  gtk_widget_set_halign (GTK_WIDGET (self->more_button), GTK_ALIGN_START);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->more_button));
  gtk_box_append (
      GTK_BOX (self),
      caption (
          _ ("Competencies: ROME 4.0 fiches of the codes of the job ↔ ROME mapping; scores and "
             "classes: the chosen assessment.")));
}

/**
 * repere_job_passerelles_new:
 * @db: (transfer none): the database the passerelles are read from
 *
 * Returns: (transfer floating): the part, empty until
 *   repere_job_passerelles_set_job()
 */
RepereJobPasserelles *
repere_job_passerelles_new (RepereDb *db)
{
  RepereJobPasserelles *self = g_object_new (REPERE_TYPE_JOB_PASSERELLES, NULL);

  self->db = g_object_ref (db);
  self->classes = repere_db_list_classifications (db, NULL);
  return self;
}

/**
 * repere_job_passerelles_set_job:
 * @job_id: the job whose passerelles are shown
 * @assessment_id: the assessment giving the scores, classes and ratings
 * @rome_loading: the bundled ROME referential is still loading: the part
 *   says so instead of listing nothing
 *
 * Lists @job_id's passerelles with the part's filters (referential jobs
 * only at first).
 */
void
repere_job_passerelles_set_job (RepereJobPasserelles *self, const char *job_id,
                                const char *assessment_id, gboolean rome_loading)
{
  g_return_if_fail (REPERE_IS_JOB_PASSERELLES (self));

  g_free (self->job_id);
  self->job_id = g_strdup (job_id);
  g_free (self->assessment_id);
  self->assessment_id = g_strdup (assessment_id);
  self->all_shown = FALSE;
  if (rome_loading)
    {
      g_clear_pointer (&self->passerelles, g_ptr_array_unref);
      fill (self);
      gtk_label_set_text (self->status_label,
                          _ ("The passerelles need the ROME referential, which is loading: "
                             "they appear in a moment."));
      return;
    }
  reload (self);
}

/**
 * repere_job_passerelles_set_filter:
 * @filter: the filters, as the part's controls set them (copied)
 *
 * Sets the controls to @filter and lists the passerelles again.
 */
void
repere_job_passerelles_set_filter (RepereJobPasserelles *self, const ReperePasserelleFilter *filter)
{
  guint gap = 0;

  for (guint i = 0; i < G_N_ELEMENTS (gap_choices); i++)
    if (gap_choices[i] == filter->max_gap)
      gap = i;
  self->setting_filter = TRUE;
  g_signal_handlers_block_by_func (self->referential_check, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->less_exposed_check, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->gap_dropdown, on_filter_changed, self);
  gtk_check_button_set_active (self->referential_check, !filter->all_rome);
  gtk_check_button_set_active (self->less_exposed_check, filter->less_exposed_only);
  gtk_drop_down_set_selected (self->gap_dropdown, gap);
  g_signal_handlers_unblock_by_func (self->referential_check, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->less_exposed_check, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->gap_dropdown, on_filter_changed, self);
  self->setting_filter = FALSE;
  self->filter = *filter;
  self->all_shown = FALSE;
  reload (self);
}

/**
 * repere_job_passerelles_get_filter:
 * @filter: (out caller-allocates): the filters in force
 */
void
repere_job_passerelles_get_filter (RepereJobPasserelles *self, ReperePasserelleFilter *filter)
{
  *filter = self->filter;
}

/**
 * repere_job_passerelles_get_job_id:
 *
 * Returns: (transfer none) (nullable): the job whose passerelles are shown
 */
const char *
repere_job_passerelles_get_job_id (RepereJobPasserelles *self)
{
  return self->job_id;
}

/**
 * repere_job_passerelles_get_n_passerelles:
 *
 * Returns: the passerelles the filters keep (shown or behind "Show all")
 */
guint
repere_job_passerelles_get_n_passerelles (RepereJobPasserelles *self)
{
  return self->passerelles ? self->passerelles->len : 0;
}

/**
 * repere_job_passerelles_get_n_rows:
 *
 * Returns: the rows shown
 */
guint
repere_job_passerelles_get_n_rows (RepereJobPasserelles *self)
{
  return self->n_rows;
}

/**
 * repere_job_passerelles_get_passerelle:
 * @index: a row, in ranking order
 *
 * Returns: (transfer none) (nullable): the passerelle of row @index
 */
const ReperePasserelle *
repere_job_passerelles_get_passerelle (RepereJobPasserelles *self, guint index)
{
  if (self->passerelles == NULL || index >= self->passerelles->len)
    return NULL;
  return g_ptr_array_index (self->passerelles, index);
}

/**
 * repere_job_passerelles_show_all:
 *
 * Shows every passerelle the filters keep, as "Show all" does.
 */
void
repere_job_passerelles_show_all (RepereJobPasserelles *self)
{
  self->all_shown = TRUE;
  fill (self);
}

/**
 * repere_job_passerelles_open_comparison:
 * @index: a passerelle, in ranking order
 *
 * Opens the comparison of the job with the passerelle's target over the
 * window, as activating its row does.
 *
 * Returns: (transfer none) (nullable): the comparison window, %NULL when
 *   @index is out of range or the comparison cannot be read (warned)
 */
GtkWindow *
repere_job_passerelles_open_comparison (RepereJobPasserelles *self, guint index)
{
  const ReperePasserelle *p = repere_job_passerelles_get_passerelle (self, index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GError) error = NULL;
  GtkWindow *window;

  if (p == NULL)
    return NULL;
  window = repere_comparison_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db,
                                         self->job_id, p->target, self->assessment_id, &error);
  if (window == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  gtk_window_present (window);
  return window;
}
