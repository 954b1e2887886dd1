/* repere-survey-page.c: the Consultation page (section 2 of the study)
 *
 * The consultation's purpose, figures and synthesis (2.1), then each of the
 * ten questions (2.2.1–2.2.10) as a group: its chart drawn as the study
 * draws it (ui/repere-survey-chart-view.c), the chart's values as rows (the
 * table of values a screen reader and the keyboard reach), its analysis,
 * "Pour aller plus loin", "Le saviez-vous ?" and the recommendation of 2.3
 * that answers it; then the six recommendations of 2.3. Print…, PDF… and
 * CSV… print and export the same content (render/repere-study-print.c,
 * repere_study_survey_csv()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-survey-page.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>
#include <math.h>

#include "repere-print-ui.h"
#include "repere-study-print.h"
#include "repere-study-rows.h"
#include "repere-study.h"
#include "repere-survey-chart-view.h"
#include "repere-ui-resources.h"

struct _RepereSurveyPage
{
  AdwBin parent_instance;

  RepereDb *db;
  GPtrArray *questions; /* RepereSurveyQuestion, drawn by the charts */
  GPtrArray *groups;    /* AdwPreferencesGroup shown */
  gboolean filled;      /* built for db */
  guint n_charts;

  /* template */
  AdwPreferencesPage *page;
  GtkLabel *summary_label;
};

G_DEFINE_TYPE (RepereSurveyPage, repere_survey_page, ADW_TYPE_BIN)

static void
fill (RepereSurveyPage *self);

static GtkWindow *
parent_window (RepereSurveyPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static AdwToastOverlay *
toast_overlay (RepereSurveyPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
}

static void
show_error (RepereSurveyPage *self, const GError *error)
{
  GtkWidget *dialog
      = adw_message_dialog_new (parent_window (self), _ ("Something went wrong"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_print (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereSurveyPage *self = REPERE_SURVEY_PAGE (widget);
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = self->db ? repere_print_survey_new (self->db, &error) : NULL;

  if (doc == NULL)
    {
      if (error)
        show_error (self, error);
      return;
    }
  if (g_str_equal (action_name, "survey.print"))
    repere_print_ui_print_document (parent_window (self), doc);
  else
    /* Translators: default file name of the printed consultation */
    repere_print_ui_export_document_pdf (parent_window (self), toast_overlay (self), doc,
                                         _ ("Export the Consultation as PDF"),
                                         _ ("consultation.pdf"));
}

static gboolean
write_csv (const RepereExportOptions *options, const char *path, gpointer data, GError **error)
{
  return repere_study_survey_csv_to_file (data, options, path, error);
}

static void
on_export_csv (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereSurveyPage *self = REPERE_SURVEY_PAGE (widget);

  if (self->db && !self->filled)
    fill (self);
  if (self->questions == NULL)
    return;
  /* Translators: default file name of the exported consultation */
  repere_print_ui_export_csv_with (parent_window (self), toast_overlay (self),
                                   _ ("Export the Consultation as CSV"), _ ("consultation.csv"),
                                   write_csv, g_ptr_array_ref (self->questions),
                                   (GDestroyNotify) g_ptr_array_unref);
}

static void
repere_survey_page_dispose (GObject *object)
{
  RepereSurveyPage *self = REPERE_SURVEY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REPERE_TYPE_SURVEY_PAGE);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_survey_page_parent_class)->dispose (object);
}

static void
repere_survey_page_finalize (GObject *object)
{
  RepereSurveyPage *self = REPERE_SURVEY_PAGE (object);

  /* After the charts that draw them are gone. */
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_survey_page_parent_class)->finalize (object);
}

static void
repere_survey_page_map (GtkWidget *widget)
{
  RepereSurveyPage *self = REPERE_SURVEY_PAGE (widget);

  GTK_WIDGET_CLASS (repere_survey_page_parent_class)->map (widget);
  if (self->db && !self->filled)
    fill (self);
}

static void
repere_survey_page_class_init (RepereSurveyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_survey_page_dispose;
  widget_class->map = repere_survey_page_map;
  object_class->finalize = repere_survey_page_finalize;
  (void) repere_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-survey-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereSurveyPage, page);
  gtk_widget_class_bind_template_child (widget_class, RepereSurveyPage, summary_label);
  gtk_widget_class_install_action (widget_class, "survey.print", NULL, on_print);
  gtk_widget_class_install_action (widget_class, "survey.export-pdf", NULL, on_print);
  gtk_widget_class_install_action (widget_class, "survey.export-csv", NULL, on_export_csv);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "survey.print", NULL);
}

static void
repere_survey_page_init (RepereSurveyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

static GtkWidget *
add_group (RepereSurveyPage *self, const char *title, const char *description)
{
  GtkWidget *box = repere_study_group_new (self->page, title, description);
  g_ptr_array_add (self->groups, gtk_widget_get_parent (gtk_widget_get_parent (box)));
  return box;
}

static void
on_values_expanded (AdwExpanderRow *expander)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED,
                               adw_expander_row_get_expanded (expander), -1);
}

/* The chart's values as rows: each answer and its share as published, then
 * the part the study does not attribute. */
static GtkWidget *
values_row (const RepereSurveyQuestion *question)
{
  GtkWidget *expander = adw_expander_row_new ();
  double rest = 100 - repere_survey_question_published_total (question);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _ ("Values of the chart"));
  /* libadwaita 1.2 names the expander's header, not the row itself, and
   * tells no one it opens. */
  repere_a11y_set_label (expander, _ ("Values of the chart"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_values_expanded), NULL);
  adw_expander_row_set_subtitle (
      ADW_EXPANDER_ROW (expander),
      _ ("Share of the respondents for each answer, as the study publishes it"));
  for (guint o = 0; o < question->options->len; o++)
    {
      RepereSurveyOption *option = g_ptr_array_index (question->options, o);
      g_autofree char *value = repere_survey_option_format_share (option);
      adw_expander_row_add_row (
          ADW_EXPANDER_ROW (expander),
          repere_study_value_row_new (option->label, value, isnan (option->share)));
    }
  if (rest > 0.5 && rest < 99.5)
    {
      /* Translators: a share in percent; French puts a no-break space before % */
      g_autofree char *value = g_strdup_printf (_ ("%d%%"), (int) lround (rest));
      adw_expander_row_add_row (
          ADW_EXPANDER_ROW (expander),
          repere_study_value_row_new (_ ("Respondents the study does not attribute to an option"),
                                      value, TRUE));
    }
  return expander;
}

static void
add_question (RepereSurveyPage *self, RepereSurveyQuestion *question)
{
  /* Translators: a question's group title: section ("2.2.3"), theme */
  g_autofree char *title = g_strdup_printf (_ ("%s %s"), question->source, question->theme);
  GtkWidget *box = add_group (self, title, question->question);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *chart = repere_survey_chart_view_new (question);
  GtkWidget *list = repere_study_list_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (chart, 18);
  gtk_widget_set_margin_end (chart, 18);
  gtk_widget_set_margin_top (chart, 18);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_box_append (GTK_BOX (card), chart);
  gtk_box_append (GTK_BOX (box), card);
  self->n_charts++;

  gtk_list_box_append (GTK_LIST_BOX (list), values_row (question));
  if (*question->finding)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         repere_study_row_new (question->finding_title, question->finding));
  else
    gtk_list_box_append (
        GTK_LIST_BOX (list),
        repere_study_row_new (_ ("No analysis"),
                              _ ("The study publishes neither the shares nor an analysis of this "
                                 "question; its options are the profiles named in 2.1.2.")));
  if (*question->further)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         repere_study_row_new (_ ("Going further"), question->further));
  if (*question->fact)
    {
      g_autofree char *fact
          = g_strdup_printf (_ ("%s (source: %s)"), question->fact, question->fact_source);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (_ ("Did you know?"), fact));
    }
  for (guint r = 0; r < question->recommendations->len; r++)
    {
      RepereStudyText *rec = g_ptr_array_index (question->recommendations, r);
      g_autofree char *markup = repere_study_markup_emphasis (rec->text, rec->title);
      /* Translators: a recommendation of 2.3 beside the chart it answers */
      gtk_list_box_append (GTK_LIST_BOX (list),
                           repere_study_markup_row_new (_ ("Key recommendation (2.3)"), markup));
    }
  gtk_box_append (GTK_BOX (box), list);
}

/* Builds the page from the study's tables; an error is shown on the page. */
static void
fill (RepereSurveyPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) passages = NULL;
  g_autoptr (GPtrArray) figures = NULL;
  g_autoptr (GPtrArray) recommendations = NULL;
  g_autoptr (GPtrArray) context = g_ptr_array_new ();
  g_autoptr (GPtrArray) synthesis = g_ptr_array_new ();
  g_autoptr (GPtrArray) closing = g_ptr_array_new ();
  GtkWidget *box, *list;
  g_autofree char *summary = NULL;
  const char *respondents = "", *companies = "";

  RepereDb *db = self->db;

  self->filled = TRUE;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  self->n_charts = 0;
  g_clear_pointer (&self->questions, g_ptr_array_unref);

  if ((self->questions = repere_study_list_survey (db, &error)) == NULL
      || (passages = repere_study_list_passages (db, "survey", &error)) == NULL
      || (figures = repere_study_list_figures (db, "survey", &error)) == NULL
      || (recommendations = repere_study_list_survey_recommendations (db, &error)) == NULL)
    {
      add_group (self, _ ("The consultation cannot be shown"), error->message);
      return;
    }

  /* First the figures, the synthesis of 2.1.3 up to the paragraph after its
   * list and the precautions of 2.1.4; last the rest of 2.1 (purpose,
   * profiles, the comparison with other sectors). */
  repere_study_sort_survey_passages (passages, synthesis, context, closing);
  box = add_group (self, _ ("Consultation of the assistance companies"),
                   _ ("The maturity of the sector with generative AI: section 2 of the study."));
  list = repere_study_list_new ();
  for (guint i = 0; i < figures->len; i++)
    {
      RepereStudyFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *value = repere_study_figure_format (f);
      gtk_list_box_append (GTK_LIST_BOX (list),
                           repere_study_value_row_new (f->label, value, FALSE));
      if (g_str_equal (f->id, "survey-respondents"))
        respondents = f->printed;
      if (g_str_equal (f->id, "survey-companies"))
        companies = f->printed;
    }
  gtk_box_append (GTK_BOX (box), list);
  box = add_group (self, _ ("Key findings"), _ ("Section 2.1.3, and the precautions of 2.1.4."));
  repere_study_add_passages (GTK_BOX (box), synthesis, TRUE, _ ("Key findings"));

  for (guint q = 0; q < self->questions->len; q++)
    add_question (self, g_ptr_array_index (self->questions, q));

  box = add_group (self, _ ("Key recommendations for integrating generative AI (2.3)"), NULL);
  repere_study_add_passages (GTK_BOX (box), closing, FALSE, NULL);
  list = repere_study_list_new ();
  for (guint r = 0; r < recommendations->len; r++)
    {
      RepereStudyText *rec = g_ptr_array_index (recommendations, r);
      g_autofree char *markup = repere_study_markup_emphasis (rec->text, rec->title);
      g_autofree char *number = g_strdup_printf ("%d", rec->position);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_markup_row_new (number, markup));
    }
  gtk_box_append (GTK_BOX (box), list);

  box = add_group (
      self, _ ("About the consultation (2.1)"),
      _ ("Its purpose, the profiles that answered and the sector compared with others."));
  repere_study_add_passages (GTK_BOX (box), context, TRUE, NULL);

  /* Translators: the Consultation page's summary line: "101 répondants",
   * "7 entreprises de l'assistance de tailles variées" as printed */
  summary
      = g_strdup_printf (_ ("Consultation of the branch’s companies: %s, %s (study, section 2)"),
                         respondents, companies);
  gtk_label_set_text (self->summary_label, summary);
}

/* Returns: the charts the page shows (10 with the study's data). */
guint
repere_survey_page_get_n_charts (RepereSurveyPage *self)
{
  return self->n_charts;
}

/**
 * repere_survey_page_set_db:
 * @db: (transfer none): the database
 *
 * The page reads the study's tables (app/repere-study.h) when it is first
 * shown, not before: the window starts as fast without it. An error is shown
 * on the page itself.
 */
void
repere_survey_page_set_db (RepereSurveyPage *self, RepereDb *db)
{
  g_return_if_fail (REPERE_IS_SURVEY_PAGE (self));
  g_set_object (&self->db, db);
  self->filled = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill (self);
}
