/* repere-job-page.c: a job's page: results in each assessment side by side,
 * the fiche texts (4.2) and the use cases by priority with their comments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-job-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "repere-text.h"

struct _RepereJobPage
{
  GtkBox parent_instance;
  GtkSpinButton *spins[5];
};

G_DEFINE_TYPE (RepereJobPage, repere_job_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_RATING_APPLIED,
  SIGNAL_RATING_REVERTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
repere_job_page_class_init (RepereJobPageClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "repere-job-page");

  /**
   * RepereJobPage::rating-applied:
   * @n1..@n5: the level counts the user entered
   *
   * The user asks to apply new level counts to the shown job.
   */
  signals[SIGNAL_RATING_APPLIED]
      = g_signal_new ("rating-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 5, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  /**
   * RepereJobPage::rating-reverted:
   *
   * The user asks to return the shown job to its published score.
   */
  signals[SIGNAL_RATING_REVERTED]
      = g_signal_new ("rating-reverted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 0);
}

static void
repere_job_page_init (RepereJobPage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 24);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 24);
}

RepereJobPage *
repere_job_page_new (void)
{
  return g_object_new (REPERE_TYPE_JOB_PAGE, NULL);
}

static GtkWidget *
label_new (const char *text, const char *css_class, gboolean wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_selectable (GTK_LABEL (label), wrap);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_heading (RepereJobPage *self, const char *text)
{
  GtkWidget *label = label_new (text, "heading", TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (self), label);
}

static void
add_text (RepereJobPage *self, const char *heading, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  add_heading (self, heading);
  gtk_box_append (GTK_BOX (self), label_new (text, NULL, TRUE));
}

static void
grid_cell (GtkGrid *grid, int column, int row, const char *text, gboolean header, gboolean highlight)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 0.5);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), column == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  else if (column == 0)
    gtk_widget_add_css_class (label, "dim-label");
  if (highlight)
    gtk_widget_add_css_class (label, "accent");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
add_results (RepereJobPage *self, const RepereJobDetail *job, const char *assessment_id)
{
  static const char *const level_names[] = { N_("1 · Negligible"), N_("2 · Slight"), N_("3 · Moderate"),
                                              N_("4 · Important"), N_("5 · Major") };
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  gboolean any_counts = FALSE;
  int row = 0;

  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_homogeneous (grid, FALSE);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 12);

  grid_cell (grid, 0, row, "", TRUE, FALSE);
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      grid_cell (grid, i + 1, row, r->assessment_name, TRUE, g_strcmp0 (r->assessment_id, assessment_id) == 0);
      any_counts |= r->has_counts;
    }
  row++;

  grid_cell (grid, 0, row, _("Exposure score"), FALSE, FALSE);
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      g_autofree char *score = repere_text_format_score (r->score);
      grid_cell (grid, i + 1, row, score, FALSE, FALSE);
    }
  row++;
  grid_cell (grid, 0, row, _("Rank (of 58)"), FALSE, FALSE);
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      g_autofree char *rank = r->rank > 0 ? g_strdup_printf ("%d", r->rank) : g_strdup ("—");
      grid_cell (grid, i + 1, row, rank, FALSE, FALSE);
    }
  row++;
  grid_cell (grid, 0, row, _("Classification"), FALSE, FALSE);
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      grid_cell (grid, i + 1, row, r->classification_name ? r->classification_name : "—", FALSE, FALSE);
    }
  row++;
  for (guint i = 0; i < job->results->len; i++)
    {
      RepereJobResult *r = g_ptr_array_index (job->results, i);
      if (r->figure_classification_id && g_strcmp0 (r->figure_classification_id, r->classification_id) != 0)
        {
          /* The study's classification figure puts the job in another column: say so. */
          g_autofree char *text = g_strdup_printf (_("Classification figure: %s"), r->figure_classification_name);
          grid_cell (grid, 0, row, _("Disagreement"), FALSE, FALSE);
          grid_cell (grid, i + 1, row, text, FALSE, FALSE);
          gtk_widget_add_css_class (gtk_grid_get_child_at (grid, i + 1, row), "warning");
          row++;
        }
    }
  if (any_counts)
    {
      grid_cell (grid, 0, row, _("Competencies rated"), FALSE, FALSE);
      for (guint i = 0; i < job->results->len; i++)
        {
          RepereJobResult *r = g_ptr_array_index (job->results, i);
          g_autofree char *n = r->has_counts ? g_strdup_printf ("%d", r->competencies) : g_strdup ("—");
          grid_cell (grid, i + 1, row, n, FALSE, FALSE);
        }
      row++;
      for (int l = 0; l < 5; l++)
        {
          grid_cell (grid, 0, row, _(level_names[l]), FALSE, FALSE);
          for (guint i = 0; i < job->results->len; i++)
            {
              RepereJobResult *r = g_ptr_array_index (job->results, i);
              g_autofree char *n = r->has_counts ? g_strdup_printf ("%d", r->counts[l]) : g_strdup ("—");
              grid_cell (grid, i + 1, row, n, FALSE, FALSE);
            }
          row++;
        }
      grid_cell (grid, 0, row, _("Score on the fiche"), FALSE, FALSE);
      for (guint i = 0; i < job->results->len; i++)
        {
          RepereJobResult *r = g_ptr_array_index (job->results, i);
          g_autofree char *score = r->has_counts ? repere_text_format_score (r->fiche_score) : g_strdup ("—");
          grid_cell (grid, i + 1, row, score, FALSE, FALSE);
        }
      row++;
    }
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (self), frame);
  if (any_counts)
    gtk_box_append (GTK_BOX (self),
                    label_new (_("Level counts and fiche scores: transformation fiche, section 4.2. "
                                 "Scores, ranks and classes: ranking tables (Annexe 1.1, 3.2.2.1, 3.2.2.2)."),
                               "caption", TRUE));
}

static void
on_apply_clicked (RepereJobPage *self)
{
  int n[5];

  for (int l = 0; l < 5; l++)
    n[l] = gtk_spin_button_get_value_as_int (self->spins[l]);
  g_signal_emit (self, signals[SIGNAL_RATING_APPLIED], 0, n[0], n[1], n[2], n[3], n[4]);
}

static void
on_revert_clicked (RepereJobPage *self)
{
  g_signal_emit (self, signals[SIGNAL_RATING_REVERTED], 0);
}

/* The user's assessment: the level counts, editable, and the result. */
static void
add_rating (RepereJobPage *self, const RepereRating *rating)
{
  static const char *const level_names[] = { N_("1 · Negligible"), N_("2 · Slight"), N_("3 · Moderate"),
                                              N_("4 · Important"), N_("5 · Major") };
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *levels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply and recompute"));
  GtkWidget *revert = gtk_button_new_with_mnemonic (_("_Revert to published"));
  g_autofree char *score = repere_text_format_score (rating->score);
  g_autofree char *result = NULL;

  add_heading (self, _("Your rating in this assessment"));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box),
                  label_new (rating->edited ? _("Level counts you entered. Every score, rank and class of the "
                                                "assessment is recomputed when you apply them.")
                                            : _("Number of the job’s competencies at each exposure level (from "
                                                "the fiche when the study publishes one). Change them and apply: "
                                                "every score, rank and class of the assessment is recomputed."),
                             "dim-label", TRUE));
  gtk_box_set_homogeneous (GTK_BOX (levels), TRUE);
  for (int l = 0; l < 5; l++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 500, 1);
      /* Vertical spin buttons: five fit in a narrow page. */
      gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
      gtk_widget_set_halign (spin, GTK_ALIGN_START);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), rating->counts[l]);
      gtk_box_append (GTK_BOX (column), label_new (_(level_names[l]), "caption", TRUE));
      gtk_box_append (GTK_BOX (column), spin);
      gtk_box_append (GTK_BOX (levels), column);
      self->spins[l] = GTK_SPIN_BUTTON (spin);
    }
  gtk_box_append (GTK_BOX (box), levels);
  result = rating->rank > 0 ? g_strdup_printf (_("Score %s · rank %d · %s"), score, rating->rank,
                                               rating->classification_name ? rating->classification_name : "—")
                            : g_strdup (_("No score in this assessment"));
  gtk_box_append (GTK_BOX (box), label_new (result, "heading", TRUE));
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_apply_clicked), self);
  g_signal_connect_swapped (revert, "clicked", G_CALLBACK (on_revert_clicked), self);
  gtk_widget_set_sensitive (revert, rating->edited);
  gtk_box_append (GTK_BOX (buttons), apply);
  gtk_box_append (GTK_BOX (buttons), revert);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_frame_set_child (GTK_FRAME (frame), box);
  gtk_box_append (GTK_BOX (self), frame);
}

static const char *
priority_class (int priority)
{
  switch (priority)
    {
    case 1:
      return "success";
    case 2:
      return "accent";
    default:
      return "dim-label";
    }
}

static void
add_use_cases (RepereJobPage *self, const RepereJobDetail *job)
{
  GtkWidget *list = NULL;
  const char *context = NULL;
  int priority = -1;

  for (guint i = 0; i < job->use_cases->len; i++)
    {
      RepereUseCase *u = g_ptr_array_index (job->use_cases, i);
      GtkWidget *row;

      if (context == NULL || g_strcmp0 (context, u->context) != 0 || u->priority != priority)
        {
          g_autofree char *heading = NULL;
          if (context == NULL || g_strcmp0 (context, u->context) != 0)
            add_heading (self, *u->context ? u->context : _("Generative AI use cases"));
          if (u->priority > 0)
            {
              GtkWidget *label;
              heading = g_strdup_printf (_("Priority %d"), u->priority);
              label = label_new (heading, priority_class (u->priority), FALSE);
              gtk_widget_add_css_class (label, "caption-heading");
              gtk_box_append (GTK_BOX (self), label);
            }
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_box_append (GTK_BOX (self), list);
          context = u->context;
          priority = u->priority;
        }

      /* One row per use case: the title, then the comment parts, as the
       * fiche's table prints them; every label wraps. */
      row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_margin_end (row, 12);
      gtk_widget_set_margin_top (row, 10);
      gtk_widget_set_margin_bottom (row, 10);
      gtk_box_append (GTK_BOX (row), label_new (u->title, "heading", TRUE));
      for (guint c = 0; c < u->comments->len; c++)
        {
          RepereComment *comment = g_ptr_array_index (u->comments, c);
          g_autofree char *escaped = g_markup_escape_text (comment->text, -1);
          g_autofree char *markup = g_strdup_printf ("<i>%s</i> : %s", repere_text_comment_kind (comment->kind), escaped);
          GtkWidget *label = label_new (NULL, NULL, TRUE);
          gtk_label_set_markup (GTK_LABEL (label), markup);
          gtk_box_append (GTK_BOX (row), label);
        }
      if (*u->body)
        gtk_box_append (GTK_BOX (row), label_new (u->body, NULL, TRUE));
      if (u->shared_with->len > 0)
        {
          g_autoptr (GString) with = g_string_new (NULL);
          g_autofree char *text = NULL;
          for (guint s = 0; s < u->shared_with->len; s++)
            g_string_append_printf (with, "%s%s", s ? ", " : "", (char *) g_ptr_array_index (u->shared_with, s));
          text = g_strdup_printf (_("Also for: %s"), with->str);
          gtk_box_append (GTK_BOX (row), label_new (text, "dim-label", TRUE));
          gtk_widget_add_css_class (gtk_widget_get_last_child (row), "caption");
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/**
 * repere_job_page_set_job:
 * @job: (nullable): the job to show, %NULL for the placeholder
 * @assessment_id: the assessment chosen in the window, highlighted
 * @rating: (nullable): the job's counts and result in a user assessment,
 *   shown editable; %NULL for the study's assessments
 */
void
repere_job_page_set_job (RepereJobPage *self, const RepereJobDetail *job, const char *assessment_id,
                         const RepereRating *rating)
{
  GtkWidget *child;
  g_autofree char *subtitle = NULL;

  memset (self->spins, 0, sizeof self->spins);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);

  if (job == NULL)
    {
      GtkWidget *status = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-list-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No job selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Choose a job in the list to see its exposure to generative AI, "
                                         "its use cases and its fiche."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (self), status);
      return;
    }

  gtk_box_append (GTK_BOX (self), label_new (job->name, "title-1", TRUE));
  subtitle = job->core ? g_strdup_printf (_("♥ Core assistance job · Family %s – %s"), job->family_code, job->family_name)
                       : g_strdup_printf (_("Family %s – %s"), job->family_code, job->family_name);
  gtk_box_append (GTK_BOX (self), label_new (subtitle, "dim-label", TRUE));
  if (job->aliases->len > 0)
    {
      g_autoptr (GString) aliases = g_string_new (NULL);
      g_autofree char *text = NULL;
      for (guint i = 0; i < job->aliases->len; i++)
        g_string_append_printf (aliases, "%s%s", i ? " · " : "", (char *) g_ptr_array_index (job->aliases, i));
      text = g_strdup_printf (_("Also written in the study: %s"), aliases->str);
      gtk_box_append (GTK_BOX (self), label_new (text, "caption", TRUE));
    }

  if (rating && rating->editable)
    add_rating (self, rating);

  add_heading (self, _("Exposure to generative AI, by assessment"));
  add_results (self, job, assessment_id);

  add_text (self, _("Job specifics"), job->description);
  add_text (self, _("Short-term applications of generative AI"), job->short_term);
  add_text (self, _("Five-year scenario"), job->scenario_5y);
  if (!job->core)
    gtk_box_append (GTK_BOX (self),
                    label_new (_("The study has a transformation fiche, with texts and use cases, only for the "
                                 "10 core assistance jobs."),
                               "dim-label", TRUE));
  add_use_cases (self, job);
}
