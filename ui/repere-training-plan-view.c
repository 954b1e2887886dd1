/* repere-training-plan-view.c: a job's "plan de développement des
 * compétences" on its page
 *
 * What repere_training_plan_new() gathers, shown in three groups: the
 * competencies to strengthen (rated 4–5 in the assessment, or ROME's
 * Émergente or transition numérique items), the study's training guidance
 * for the job's class (3.2.1.2 and Axe 4, with the share of the
 * consultation's respondents for each kind of training, 2.2.10), and, for a
 * passerelle chosen in the drop-down, the competencies to acquire. It
 * prints and exports to PDF as render/repere-training-plan-print.c lays it
 * out, like the job sheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-training-plan-view.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include "repere-read-only-row.h"
#include "repere-rome-flags.h"
#include <math.h>

#include "repere-competency.h"
#include "repere-job-passerelles.h"
#include "repere-passerelle.h"
#include "repere-print-ui.h"
#include "repere-training-plan-print.h"

/* Competencies shown before "Show all". */
#define FIRST_ITEMS 10
/* Passerelles offered in the drop-down. */
#define TARGETS_MAX 25

struct _RepereTrainingPlanView
{
  GtkBox parent_instance;

  RepereDb *db;
  char *job_id;
  char *assessment_id;
  RepereTrainingPlan *plan;
  GPtrArray *targets; /* ReperePasserelle*, the drop-down's after "None" */

  GtkWidget *body; /* rebuilt for each plan */
  GtkDropDown *target_dropdown;
  GtkWidget *gap_box; /* the chosen passerelle's competencies */
};

G_DEFINE_TYPE (RepereTrainingPlanView, repere_training_plan_view, GTK_TYPE_BOX)

static void
repere_training_plan_view_dispose (GObject *object)
{
  RepereTrainingPlanView *self = REPERE_TRAINING_PLAN_VIEW (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_training_plan_view_parent_class)->dispose (object);
}

static void
repere_training_plan_view_finalize (GObject *object)
{
  RepereTrainingPlanView *self = REPERE_TRAINING_PLAN_VIEW (object);

  g_free (self->job_id);
  g_free (self->assessment_id);
  g_clear_pointer (&self->plan, repere_training_plan_free);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_training_plan_view_parent_class)->finalize (object);
}

static void
repere_training_plan_view_class_init (RepereTrainingPlanViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = repere_training_plan_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = repere_training_plan_view_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "repere-training-plan-view");
}

static GtkWidget *
label_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A competency to strengthen or to acquire: text only (issue 13: no Tab
 * stop, as the fiche's work contexts). */
static GtkWidget *
item_row (const RepereGapItem *item)
{
  GtkWidget *row = repere_read_only_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (
      ADW_ACTION_ROW (row),
      repere_competency_kind_label (repere_competency_kind_from_id (item->kind)));
  if (item->level > 0)
    {
      g_autofree char *text = g_strdup_printf (_ ("Level %d"), item->level);
      adw_action_row_add_suffix (
          ADW_ACTION_ROW (row),
          repere_rome_badge_new (text, item->level >= 4 ? "warning" : "dim-label", NULL));
    }
  if (item->emergent)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               repere_rome_badge_new (_ ("Émergente"), "success", NULL));
  if (item->transition_num)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               repere_rome_badge_new (_ ("Digital transition"), "accent", NULL));
  return row;
}

static void
on_more_clicked (GtkButton *button, GtkWidget *expander)
{
  gtk_widget_set_visible (GTK_WIDGET (button), FALSE);
  gtk_widget_set_visible (expander, TRUE);
}

/* A boxed list of @items, the first FIRST_ITEMS, then a button for the rest. */
static void
append_items (GtkWidget *box, GPtrArray *items, const char *list_name)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *rest = NULL;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  repere_a11y_set_label (GTK_WIDGET (list), list_name);
  for (guint i = 0; i < items->len && i < FIRST_ITEMS; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), item_row (g_ptr_array_index (items, i)));
  gtk_box_append (GTK_BOX (box), list);
  if (items->len <= FIRST_ITEMS)
    return;
  rest = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (rest), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (rest, "boxed-list");
  repere_a11y_set_label (GTK_WIDGET (rest), list_name);
  for (guint i = FIRST_ITEMS; i < items->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (rest), item_row (g_ptr_array_index (items, i)));
  gtk_widget_set_visible (rest, FALSE);
  {
    g_autofree char *text = g_strdup_printf (_ ("Show the other %u"), items->len - FIRST_ITEMS);
    GtkWidget *button = gtk_button_new_with_label (text);
    g_autofree char *name
        = g_strdup_printf (_ ("Show the other %u: %s"), items->len - FIRST_ITEMS, list_name);
    repere_a11y_set_label (GTK_WIDGET (button), name);
    gtk_widget_set_halign (button, GTK_ALIGN_START);
    g_signal_connect (button, "clicked", G_CALLBACK (on_more_clicked), rest);
    gtk_box_append (GTK_BOX (box), button);
  }
  gtk_box_append (GTK_BOX (box), rest);
}

static void
fill_gap (RepereTrainingPlanView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->gap_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->gap_box), child);
  if (self->plan == NULL || self->plan->target == NULL || self->plan->to_acquire == NULL)
    return;
  {
    g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u competency to acquire for %s",
                     "%u competencies to acquire for %s", self->plan->to_acquire->len),
        self->plan->to_acquire->len, self->plan->target_title);
    gtk_box_append (GTK_BOX (self->gap_box), label_new (text, "caption-heading"));
  }
  if (self->plan->to_acquire->len > 0)
    append_items (self->gap_box, self->plan->to_acquire, _ ("Competencies to acquire"));
}

static void
fill (RepereTrainingPlanView *self)
{
  RepereTrainingPlan *plan = self->plan;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->body)) != NULL)
    gtk_box_remove (GTK_BOX (self->body), child);
  if (plan == NULL)
    return;

  /* The competencies to strengthen. */
  {
    g_autofree char *text
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u competency to strengthen",
                                        "%u competencies to strengthen", plan->strengthen->len),
                           plan->strengthen->len);
    gtk_box_append (GTK_BOX (self->body), label_new (text, "caption-heading"));
  }
  gtk_box_append (
      GTK_BOX (self->body),
      label_new (
          _ ("Those rated 4 or 5 in this assessment, and ROME’s Émergente and transition numérique "
             "items."),
          "dim-label"));
  if (plan->strengthen->len > 0)
    append_items (self->body, plan->strengthen, _ ("Competencies to strengthen"));

  /* The study's guidance for the class. */
  {
    g_autofree char *text
        = plan->classification_name ? g_strdup_printf (
              _ ("Training the study recommends for a job classed %s"), plan->classification_name)
                                    : g_strdup (_ ("Training the study recommends"));
    GtkWidget *list = gtk_list_box_new ();

    gtk_box_append (GTK_BOX (self->body), label_new (text, "caption-heading"));
    gtk_widget_set_margin_top (gtk_widget_get_last_child (self->body), 6);
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    repere_a11y_set_label (GTK_WIDGET (list), text);
    for (guint i = 0; i < plan->guidance->len; i++)
      {
        RepereTrainingGuidance *g = g_ptr_array_index (plan->guidance, i);
        GtkWidget *row = repere_read_only_row_new (); /* the study's advice: text only */
        g_autoptr (GString) subtitle = g_string_new (NULL);

        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g->text);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        g_string_append_printf (subtitle, _ ("Study, %s"), g->source);
        if (g->typology_label && *g->typology_label && !isnan (g->typology_share))
          g_string_append_printf (subtitle,
                                  _ (" · consultation (2.2.10): %.0f %% of respondents cite “%s”"),
                                  g->typology_share, g->typology_label);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        gtk_list_box_append (GTK_LIST_BOX (list), row);
      }
    gtk_box_append (GTK_BOX (self->body), list);
  }
}

static void
load (RepereTrainingPlanView *self, const char *target)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->plan, repere_training_plan_free);
  if (self->job_id)
    self->plan
        = repere_training_plan_new (self->db, self->job_id, self->assessment_id, target, &error);
  if (self->job_id && self->plan == NULL)
    {
      fill (self);
      gtk_box_append (GTK_BOX (self->body), label_new (error->message, "error"));
      fill_gap (self);
      return;
    }
  fill (self);
  fill_gap (self);
}

static void
on_target_changed (RepereTrainingPlanView *self)
{
  guint i = gtk_drop_down_get_selected (self->target_dropdown);
  const ReperePasserelle *p = self->targets && i > 0 && i <= self->targets->len
                                  ? g_ptr_array_index (self->targets, i - 1)
                                  : NULL;

  load (self, p ? p->target : NULL);
}

static GtkWindow *
parent_window (RepereTrainingPlanView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_print_clicked (RepereTrainingPlanView *self)
{
  if (self->plan)
    repere_print_ui_print_document (parent_window (self),
                                    repere_training_plan_document_new (self->plan));
}

static void
on_export_clicked (RepereTrainingPlanView *self)
{
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;
  /* Translators: file name of an exported development plan; %s is the job id */
  name = g_strdup_printf (_ ("development-plan-%s.pdf"), self->plan->job_id);
  repere_print_ui_export_document_pdf (parent_window (self), NULL,
                                       repere_training_plan_document_new (self->plan),
                                       _ ("Export the Development Plan as PDF"), name);
}

static GtkWidget *
button_new (const char *icon, const char *label, const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
repere_training_plan_view_init (RepereTrainingPlanView *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *print = button_new ("printer-symbolic", _ ("Print the plan…"),
                                 _ ("Print the competency development plan, as the job sheet"));
  GtkWidget *pdf = button_new ("document-save-symbolic", _ ("Export the plan as PDF…"),
                               _ ("Write the competency development plan to a PDF file"));
  GtkWidget *heading = label_new (_ ("Competency development plan"), "heading");
  GtkWidget *target_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *target_label = gtk_label_new_with_mnemonic (_ ("Gap to a _passerelle"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_top (heading, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (self), heading);
  gtk_box_append (
      GTK_BOX (self),
      label_new (_ ("What to train the job’s people in, after the study’s recommendations (Axe 4: "
                    "training paths suited to each job and its exposure to AI)."),
                 "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (self)), "caption");

  self->body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self), self->body);

  self->target_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (target_label), GTK_WIDGET (self->target_dropdown));
  repere_drop_down_name_button (self->target_dropdown, _ ("Gap to a passerelle"));
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->target_dropdown),
      _ ("A passerelle of the job: the plan adds the competencies it asks to acquire"));
  g_signal_connect_swapped (self->target_dropdown, "notify::selected",
                            G_CALLBACK (on_target_changed), self);
  gtk_widget_set_margin_top (target_box, 6);
  gtk_box_append (GTK_BOX (target_box), target_label);
  gtk_box_append (GTK_BOX (target_box), GTK_WIDGET (self->target_dropdown));
  gtk_box_append (GTK_BOX (self), target_box);

  self->gap_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self), self->gap_box);

  g_signal_connect_swapped (print, "clicked", G_CALLBACK (on_print_clicked), self);
  g_signal_connect_swapped (pdf, "clicked", G_CALLBACK (on_export_clicked), self);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (GTK_BOX (buttons), print);
  gtk_box_append (GTK_BOX (buttons), pdf);
  gtk_box_append (GTK_BOX (self), buttons);
}

/**
 * repere_training_plan_view_new:
 * @db: (transfer none): the database the plan is read from
 *
 * Returns: (transfer floating): the part, empty until
 *   repere_training_plan_view_set_job()
 */
RepereTrainingPlanView *
repere_training_plan_view_new (RepereDb *db)
{
  RepereTrainingPlanView *self = g_object_new (REPERE_TYPE_TRAINING_PLAN_VIEW, NULL);

  self->db = g_object_ref (db);
  return self;
}

/**
 * repere_training_plan_view_set_job:
 * @job_id: the job whose plan is shown
 * @assessment_id: the assessment whose ratings, score and class it reads
 * @rome_loading: the bundled ROME referential is loading: the drop-down of
 *   passerelles waits for it
 *
 * Shows the job's plan without a passerelle; the drop-down offers its
 * first passerelles towards jobs of the referential.
 */
void
repere_training_plan_view_set_job (RepereTrainingPlanView *self, const char *job_id,
                                   const char *assessment_id, gboolean rome_loading)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  ReperePasserelleFilter filter = { FALSE, FALSE, -1 };

  g_free (self->job_id);
  self->job_id = g_strdup (job_id);
  g_free (self->assessment_id);
  self->assessment_id = g_strdup (assessment_id);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  if (!rome_loading)
    self->targets = repere_passerelle_list (self->db, job_id, assessment_id, &filter, NULL);
  gtk_string_list_append (names, _ ("None"));
  for (guint i = 0; self->targets && i < self->targets->len && i < TARGETS_MAX; i++)
    gtk_string_list_append (
        names, ((ReperePasserelle *) g_ptr_array_index (self->targets, i))->target_title);
  if (self->targets && self->targets->len > TARGETS_MAX)
    g_ptr_array_set_size (self->targets, TARGETS_MAX);
  g_signal_handlers_block_by_func (self->target_dropdown, on_target_changed, self);
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->target_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->target_dropdown, on_target_changed, self);
  load (self, NULL);
}

/**
 * repere_training_plan_view_set_target:
 * @target: (nullable): a passerelle's target offered in the drop-down (job
 *   id), %NULL for none
 *
 * Chooses the passerelle whose competencies to acquire the plan adds.
 *
 * Returns: %FALSE when @target is not offered
 */
gboolean
repere_training_plan_view_set_target (RepereTrainingPlanView *self, const char *target)
{
  if (target == NULL)
    {
      gtk_drop_down_set_selected (self->target_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; self->targets && i < self->targets->len; i++)
    if (g_strcmp0 (((ReperePasserelle *) g_ptr_array_index (self->targets, i))->target, target)
        == 0)
      {
        gtk_drop_down_set_selected (self->target_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

/**
 * repere_training_plan_view_print_to_pdf:
 * @path: the PDF file to write (A4 portrait)
 * @error: the renderer's errors, naming the file
 *
 * What "Print the plan…" prints, written to @path: for tests and scripts.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_training_plan_view_print_to_pdf (RepereTrainingPlanView *self, const char *path,
                                        GError **error)
{
  ReperePageSetup setup;

  g_return_val_if_fail (self->plan != NULL, FALSE);
  repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, 10);
  return repere_training_plan_print_pdf (self->plan, path, &setup, error);
}

/* Returns: the competencies to strengthen shown. */
guint
repere_training_plan_view_get_n_strengthen (RepereTrainingPlanView *self)
{
  return self->plan ? self->plan->strengthen->len : 0;
}

/* Returns: the pieces of the study's guidance shown. */
guint
repere_training_plan_view_get_n_guidance (RepereTrainingPlanView *self)
{
  return self->plan ? self->plan->guidance->len : 0;
}

/* Returns: the competencies to acquire for the chosen passerelle, 0 for none. */
guint
repere_training_plan_view_get_n_to_acquire (RepereTrainingPlanView *self)
{
  return self->plan && self->plan->to_acquire ? self->plan->to_acquire->len : 0;
}
