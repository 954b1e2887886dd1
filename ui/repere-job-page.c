/* repere-job-page.c: a job's page: its ROME competencies (codes of the
 * job ↔ ROME mapping, competencies by kind with their rating in a user
 * assessment), results in each assessment side by side, the fiche texts
 * (4.2) and the use cases by priority with their comments.
 * Its placeholder (no job) and its header are a template
 * (repere-job-page.ui); the parts built from the database stay here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-job-page.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>
#include <string.h>

#include "repere-competency-page.h"
#include "repere-competency.h"
#include "repere-fiche-notes.h"
#include "repere-job-passerelles.h"
#include "repere-training-plan-view.h"
#include "repere-mapping.h"
#include "repere-rating-history.h"
#include "repere-rating.h"
#include "repere-read-only-row.h"
#include "repere-rome-fiche-view.h"
#include "repere-rome-flags.h"
#include "repere-text.h"

/* Savoir-faire are shown unfolded when there are at most this many. */
#define UNFOLDED_MAX 40
/* Most hits of the competency search shown. */
#define SEARCH_HITS_MAX 30

struct _RepereJobPage
{
  GtkBox parent_instance;
  /* Template children (repere-job-page.ui) */
  AdwStatusPage *placeholder;
  GtkWidget *header;
  GtkLabel *title_label;
  GtkLabel *family_label;
  GtkLabel *aliases_label;
  GtkWidget *body;         /* the parts built from the database */

  GtkSpinButton *spins[5];

  RepereDb *db;
  char *job_id;             /* the job shown, NULL for none */
  char *assessment_id;
  gboolean editable;        /* a user assessment: ratings can change */
  guint n_competencies;
  gboolean rome_notice;     /* "import ROME data" shown */
  char *folded_job;         /* the job whose expander states are kept */
  gboolean unfolded[REPERE_COMPETENCY_N_KINDS];
  GtkWidget *search_results;
  guint n_search_hits;
  gboolean rome_loading;    /* issue 9: the bundled referential is loading */
  RepereRomeFicheView *fiche_view;
  RepereJobPasserelles *passerelles; /* issue 11 */
  RepereTrainingPlanView *training_plan;
  /* Issue 13 (start-up, opening a job): the parts below the fold (since
   * issue 9's first frame, the study's texts after the first and the use
   * cases; the ROME parts: fiche, passerelles, plan, competencies) are
   * built after the page's top is painted, or at once when something asks
   * for them. */
  gboolean rest_pending;
  GPtrArray *pending_competencies;
  char *pending_short_term;     /* the job's short-term applications */
  char *pending_scenario;       /* the job's five-year scenario */
  GPtrArray *pending_use_cases; /* RepereUseCase*, a reference to the job's */
  GtkWidget *rome_start;        /* the first widget of the ROME parts, once built */
  gulong map_handler;
  gulong paint_handler;
  GdkFrameClock *paint_clock;
  guint rest_idle;
};

G_DEFINE_TYPE (RepereJobPage, repere_job_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_RATING_APPLIED,
  SIGNAL_RATING_REVERTED,
  SIGNAL_JOB_REQUESTED,
  SIGNAL_RATE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void cancel_rest (RepereJobPage *self);
static void on_unmapped (RepereJobPage *self);

static void
repere_job_page_dispose (GObject *object)
{
  RepereJobPage *self = REPERE_JOB_PAGE (object);

  cancel_rest (self);
  g_clear_object (&self->db);
  gtk_widget_dispose_template (GTK_WIDGET (self), REPERE_TYPE_JOB_PAGE);
  G_OBJECT_CLASS (repere_job_page_parent_class)->dispose (object);
}

static void
repere_job_page_finalize (GObject *object)
{
  RepereJobPage *self = REPERE_JOB_PAGE (object);

  g_free (self->job_id);
  g_free (self->assessment_id);
  g_free (self->folded_job);
  G_OBJECT_CLASS (repere_job_page_parent_class)->finalize (object);
}

static void
repere_job_page_class_init (RepereJobPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = repere_job_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = repere_job_page_finalize;
  gtk_widget_class_set_css_name (widget_class, "repere-job-page");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/observatoire_assistance/Repere/ui/repere-job-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereJobPage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, RepereJobPage, header);
  gtk_widget_class_bind_template_child (widget_class, RepereJobPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RepereJobPage, family_label);
  gtk_widget_class_bind_template_child (widget_class, RepereJobPage, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, RepereJobPage, body);
  gtk_widget_class_bind_template_callback (widget_class, on_unmapped);

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
  /**
   * RepereJobPage::job-requested:
   * @job_id: a job id
   *
   * The user asks to see another job (from a competency's page).
   */
  signals[SIGNAL_JOB_REQUESTED]
      = g_signal_new ("job-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * RepereJobPage::rate-requested:
   * @job_id: the job shown
   *
   * The user asks for the job's rating grid (issue 10).
   */
  signals[SIGNAL_RATE_REQUESTED]
      = g_signal_new ("rate-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
repere_job_page_init (RepereJobPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  /* Copyable with the mouse, not a Tab stop selecting its text (issue 13).
   * Nor a dead end: GTK 4.8's GtkLabel::focus on a selectable label claims
   * the Tab even when it cannot take the focus, so that Tab stopped at the
   * first such label (the job's title) and never reached the controls after
   * it; can-focus FALSE keeps the focus chain out of it. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_heading (RepereJobPage *self, const char *text)
{
  GtkWidget *label = label_new (text, "heading", TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (self->body), label);
}

static void
add_text (RepereJobPage *self, const char *heading, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  add_heading (self, heading);
  gtk_box_append (GTK_BOX (self->body), label_new (text, NULL, TRUE));
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
  gtk_box_append (GTK_BOX (self->body), frame);
  if (any_counts)
    gtk_box_append (GTK_BOX (self->body),
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

static void
on_rate_clicked (RepereJobPage *self)
{
  g_signal_emit (self, signals[SIGNAL_RATE_REQUESTED], 0, self->job_id);
}

/* The basis of the job's score and the button to its rating grid (issue
 * 10). */
static void
add_rating_grid_button (RepereJobPage *self, GtkWidget *box)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Rate the _competencies…"));
  RepereRatingProgress progress;
  g_autofree char *basis = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (self->db == NULL || !repere_rating_get_progress (self->db, self->assessment_id, self->job_id, &progress, NULL))
    return;
  basis = repere_rating_describe_basis (progress.basis, progress.rated, progress.retained);
  text = g_strdup_printf (_("Basis of the score: %s"), basis);
  label = label_new (text, NULL, TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (button, _("The job’s rating grid: one key per competency, the level definitions "
                                         "beside"));
  gtk_widget_set_sensitive (button, progress.retained > 0);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_rate_clicked), self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), row);
  repere_rating_progress_clear (&progress);
}

/* The user's assessment: the level counts, editable, and the result. */
static void
add_rating (RepereJobPage *self, const RepereRating *rating, int n_ratings)
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
  add_rating_grid_button (self, box);
  if (n_ratings > 0)
    {
      g_autofree char *text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Level counts of your %d competency rating (ROME competencies below). Clear the ratings "
                       "to enter counts or to return to the published score.",
                       "Level counts of your %d competency ratings (ROME competencies below). Clear the ratings "
                       "to enter counts or to return to the published score.",
                       n_ratings),
          n_ratings);
      gtk_box_append (GTK_BOX (box), label_new (text, "dim-label", TRUE));
    }
  else
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
      {
        /* TRANSLATORS: a level count's field for screen readers: "1 · Negligible" */
        g_autofree char *spoken = g_strdup_printf (_("Competencies at level %s"), _(level_names[l]));
        repere_a11y_set_label (spin, spoken);
      }
    }
  gtk_box_append (GTK_BOX (box), levels);
  result = rating->rank > 0 ? g_strdup_printf (_("Score %s · rank %d · %s"), score, rating->rank,
                                               rating->classification_name ? rating->classification_name : "—")
                            : g_strdup (_("No score in this assessment"));
  gtk_box_append (GTK_BOX (box), label_new (result, "heading", TRUE));
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_apply_clicked), self);
  g_signal_connect_swapped (revert, "clicked", G_CALLBACK (on_revert_clicked), self);
  /* The window asks first, saying what goes (ratings included). */
  gtk_button_set_label (GTK_BUTTON (revert), _("_Revert to published…"));
  gtk_widget_set_sensitive (revert, rating->edited || n_ratings > 0);
  gtk_widget_set_sensitive (apply, n_ratings == 0);
  for (int l = 0; l < 5 && n_ratings > 0; l++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->spins[l]), FALSE);
  gtk_box_append (GTK_BOX (buttons), apply);
  gtk_box_append (GTK_BOX (buttons), revert);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_frame_set_child (GTK_FRAME (frame), box);
  gtk_box_append (GTK_BOX (self->body), frame);
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
add_use_cases (RepereJobPage *self, GPtrArray *use_cases)
{
  GtkWidget *list = NULL;
  const char *context = NULL;
  int priority = -1;

  for (guint i = 0; use_cases && i < use_cases->len; i++)
    {
      RepereUseCase *u = g_ptr_array_index (use_cases, i);
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
              gtk_box_append (GTK_BOX (self->body), label);
            }
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_box_append (GTK_BOX (self->body), list);
          context = u->context;
          priority = u->priority;
        }

      /* One row per use case: the title, then the comment parts, as the
       * fiche's table prints them; every label wraps. Text only: no Tab
       * stop (issue 13), its labels copyable with the mouse. */
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
      {
        GtkWidget *list_row = gtk_list_box_row_new ();

        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), row);
        repere_read_only_row_make (GTK_LIST_BOX_ROW (list_row));
        gtk_list_box_append (GTK_LIST_BOX (list), list_row);
      }
    }
}

/* The "Compétences ROME" section */

static void
on_competency_job_activated (RepereJobPage *self, const char *job_id, RepereCompetencyPage *page)
{
  GtkRoot *dialog = gtk_widget_get_root (GTK_WIDGET (page));

  g_signal_emit (self, signals[SIGNAL_JOB_REQUESTED], 0, job_id);
  if (GTK_IS_WINDOW (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * repere_job_page_show_competency:
 * @competency_id: a competency's code_ogr
 *
 * Opens the competency's page (the jobs that share it) over the window;
 * choosing a job there emits #RepereJobPage::job-requested.
 *
 * Returns: (transfer none) (nullable): the dialog, %NULL when the
 *   competency cannot be read
 */
GtkWindow *
repere_job_page_show_competency (RepereJobPage *self, gint64 competency_id)
{
  g_autoptr (GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *dialog = repere_competency_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db,
                                                    competency_id, &error);

  if (dialog == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  g_signal_connect_object (repere_competency_dialog_get_page (dialog), "job-activated",
                           G_CALLBACK (on_competency_job_activated), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
  return dialog;
}

static void
on_competency_row_activated (RepereJobPage *self, AdwActionRow *row)
{
  repere_job_page_show_competency (self, *(gint64 *) g_object_get_data (G_OBJECT (row), "competency-id"));
}

static void
set_row_competency (GtkWidget *row, gint64 id)
{
  gint64 *copy = g_new (gint64, 1);
  *copy = id;
  g_object_set_data_full (G_OBJECT (row), "competency-id", copy, g_free);
}

static GtkWidget *
badge_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
competency_row (RepereJobPage *self, const RepereJobCompetency *c, gboolean show_codes)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr (GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  /* The category repeats the kind for savoir-faire and savoir-être. */
  if (*c->category && g_strcmp0 (c->category, "Savoir-faire") != 0 && !g_str_has_prefix (c->category, "Savoir-être"))
    g_string_append (subtitle, c->category);
  if (*c->subcategory)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", c->subcategory);
  if (*c->macro_label)
    g_string_append_printf (subtitle, "%s%s %s", subtitle->len ? " · " : "", _("Macro-competency:"), c->macro_label);
  else if (c->is_macro)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", _("macro-competency"));
  if (*c->rome_codes && show_codes)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", c->rome_codes);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  repere_rome_flags_add_to_row (ADW_ACTION_ROW (row), c->core, c->transition_eco, c->transition_num);
  if (c->removed)
    {
      GtkWidget *badge = badge_new (_("Removed from ROME"), "warning");
      gtk_widget_set_tooltip_text (badge, _("A later ROME import no longer has this competency; its rating is kept "
                                            "and still counts until you clear it."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  /* Rating happens in the job's grid (issue 10); here, the level. */
  if (c->rating)
    {
      g_autofree char *text = g_strdup_printf (_("Level %d"), c->rating);
      GtkWidget *badge = badge_new (text, "dim-label");
      g_autofree char *when = repere_format_date (c->rated_at);
      g_autofree char *who = repere_rating_display_name (c->rated_by);
      g_autofree char *tooltip = g_strdup_printf (_("Rated by %s, %s"), who, when);
      gtk_widget_set_tooltip_text (badge, tooltip);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  set_row_competency (row, c->id);
  g_signal_connect_swapped (row, "activated", G_CALLBACK (on_competency_row_activated), self);
  return row;
}

static void
on_expanded (AdwExpanderRow *expander, GParamSpec *pspec, RepereJobPage *self)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "kind"));
  self->unfolded[kind] = adw_expander_row_get_expanded (expander);
}

static void
on_search_changed (RepereJobPage *self, GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->search_results)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->search_results), child);
  self->n_search_hits = 0;
  gtk_widget_set_visible (self->search_results, FALSE);
  if (*text == '\0')
    return;
  hits = repere_competency_search (self->db, text, NULL, TRUE, SEARCH_HITS_MAX, &error);
  if (hits == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  self->n_search_hits = hits->len;
  for (guint i = 0; i < hits->len; i++)
    {
      RepereCompetencyHit *hit = g_ptr_array_index (hits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s · %d job", "%s · %d jobs", hit->n_jobs),
          repere_competency_kind_label (hit->kind), hit->n_jobs);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->label);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      set_row_competency (row, hit->id);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (on_competency_row_activated), self);
      gtk_list_box_append (GTK_LIST_BOX (self->search_results), row);
    }
  if (hits->len == 0)
    {
      GtkWidget *row = repere_read_only_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No competency of the 58 jobs has these words"));
      gtk_list_box_append (GTK_LIST_BOX (self->search_results), row);
    }
  gtk_widget_set_visible (self->search_results, TRUE);
}

static const char *
confidence_label (const char *confidence)
{
  if (g_strcmp0 (confidence, "high") == 0)
    return _("high confidence");
  if (g_strcmp0 (confidence, "medium") == 0)
    return _("medium confidence");
  if (g_strcmp0 (confidence, "low") == 0)
    return _("low confidence");
  return "";
}

/* ROME codes, search, then the competencies by kind. @list may be NULL
 * when no referential is imported. */
static void
add_competencies (RepereJobPage *self, GPtrArray *list)
{
  g_autoptr (GPtrArray) mapping = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *entry;
  GtkWidget *kinds;
  int n_kind[REPERE_COMPETENCY_N_KINDS] = { 0 };
  int n_core[REPERE_COMPETENCY_N_KINDS] = { 0 };
  int n_rated[REPERE_COMPETENCY_N_KINDS] = { 0 };
  AdwExpanderRow *expanders[REPERE_COMPETENCY_N_KINDS] = { NULL };

  add_heading (self, _("ROME competencies"));
  if (self->rome_loading)
    gtk_box_append (GTK_BOX (self->body),
                    label_new (_("The ROME competencies are loading (ROME 4.0 v460, bundled with "
                                 "Repère): they appear in a moment."),
                               "dim-label", TRUE));
  else if (!repere_competency_has_referential (self->db))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import ROME data…"));
      GtkWidget *text = label_new (_("No ROME referential is imported yet. Import France Travail’s ROME 4.0 open data "
                                     "(menu ▸ Import ROME data…) to see this job’s savoir-faire, savoir-être and "
                                     "savoirs."),
                                   "dim-label", TRUE);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import-rome");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (GTK_BOX (box), button);
      gtk_box_append (GTK_BOX (self->body), box);
      self->rome_notice = TRUE;
    }

  mapping = repere_mapping_list (self->db, self->job_id, &error);
  if (mapping == NULL || mapping->len == 0)
    gtk_box_append (GTK_BOX (self->body),
                    label_new (_("This job has no ROME code in the job ↔ ROME mapping (menu ▸ Import mapping…)."),
                               "dim-label", TRUE));
  for (guint i = 0; mapping && i < mapping->len; i++)
    {
      RepereMappingRow *m = g_ptr_array_index (mapping, i);
      g_autoptr (GString) text = g_string_new (NULL);
      g_autofree char *escaped_title = g_markup_escape_text (*m->rome_title ? m->rome_title : "", -1);
      GtkWidget *label;

      g_string_append_printf (text, "<b>%s</b>", m->rome_code);
      if (*m->rome_title)
        g_string_append_printf (text, " %s", escaped_title);
      if (*m->appellation && g_strcmp0 (m->appellation, m->rome_title) != 0)
        {
          g_autofree char *escaped = g_markup_escape_text (m->appellation, -1);
          g_string_append_printf (text, " · « %s »", escaped);
        }
      if (*m->confidence)
        g_string_append_printf (text, " · <i>%s</i>", confidence_label (m->confidence));
      label = label_new (NULL, NULL, TRUE);
      gtk_label_set_markup (GTK_LABEL (label), text->str);
      if (*m->note)
        gtk_widget_set_tooltip_text (label, m->note);
      gtk_box_append (GTK_BOX (self->body), label);
    }
  gtk_box_append (GTK_BOX (self->body),
                  label_new (_("The study’s own mapping (through the OPCO Atlas referential) is not published: these "
                               "codes are Repère’s proposal."),
                             "caption", TRUE));
  gtk_widget_add_css_class (gtk_widget_get_last_child (self->body), "dim-label");

  if (list == NULL)
    return;

  entry = gtk_search_entry_new ();
  g_object_set (entry, "placeholder-text", _("Search the competencies of the 58 jobs"), NULL);
  repere_a11y_set_label (entry, _("Search the competencies of the 58 jobs"));
  g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_box_append (GTK_BOX (self->body), entry);
  self->search_results = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->search_results), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->search_results, "boxed-list");
  gtk_widget_set_visible (self->search_results, FALSE);
  gtk_box_append (GTK_BOX (self->body), self->search_results);

  if (list->len == 0)
    return;
  if (self->editable)
    gtk_box_append (GTK_BOX (self->body),
                    label_new (_("Rate each competency’s exposure to generative AI from 1 (negligible) to 5 "
                                 "(major) in the job’s rating grid (button above): once the ratings cover the "
                                 "retained competencies, or you apply them, they give the job’s level counts and "
                                 "every score of the assessment is recomputed."),
                               "dim-label", TRUE));

  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *c = g_ptr_array_index (list, i);
      n_kind[c->kind]++;
      n_core[c->kind] += *c->core != '\0';
      n_rated[c->kind] += c->rating > 0;
    }
  if (g_strcmp0 (self->folded_job, self->job_id) != 0)
    {
      /* A new job: savoir-faire unfolded unless they are many. */
      g_free (self->folded_job);
      self->folded_job = g_strdup (self->job_id);
      self->unfolded[REPERE_COMPETENCY_SAVOIR_FAIRE] = n_kind[REPERE_COMPETENCY_SAVOIR_FAIRE] <= UNFOLDED_MAX;
      self->unfolded[REPERE_COMPETENCY_SAVOIR_ETRE] = n_kind[REPERE_COMPETENCY_SAVOIR_ETRE] <= UNFOLDED_MAX / 4;
      self->unfolded[REPERE_COMPETENCY_SAVOIR] = FALSE;
    }

  kinds = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (kinds), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (kinds, "boxed-list");
  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autoptr (GString) subtitle = g_string_new (NULL);

      g_string_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d competency", "%d competencies", n_kind[k]),
                       n_kind[k]);
      if (n_core[k])
        g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, " · %d Principale or Émergente",
                                                       " · %d Principale or Émergente", n_core[k]),
                                n_core[k]);
      if (n_rated[k])
        g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, " · %d rated", " · %d rated", n_rated[k]),
                                n_rated[k]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), repere_competency_kind_label (k));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle->str);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), self->unfolded[k] && n_kind[k] > 0);
      gtk_widget_set_sensitive (expander, n_kind[k] > 0);
      g_object_set_data (G_OBJECT (expander), "kind", GINT_TO_POINTER (k));
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_expanded), self);
      gtk_list_box_append (GTK_LIST_BOX (kinds), expander);
      expanders[k] = ADW_EXPANDER_ROW (expander);
    }
  for (guint i = 0; i < list->len; i++)
    {
      RepereJobCompetency *c = g_ptr_array_index (list, i);
      /* Which code lists it only matters when the job has several. */
      adw_expander_row_add_row (expanders[c->kind], competency_row (self, c, mapping && mapping->len > 1));
    }
  self->n_competencies = list->len;
  gtk_box_append (GTK_BOX (self->body), kinds);
  gtk_box_append (GTK_BOX (self->body),
                  label_new (_("Competencies: ROME 4.0 fiches of the job’s codes (bloc 5), with ROME’s "
                               "Principale / Émergente marks. Click one to see every job that shares it."),
                             "caption", TRUE));
}

/**
 * repere_job_page_set_db:
 * @db: (transfer none): the database the competency section reads and
 *   where ratings are written
 */
void
repere_job_page_set_db (RepereJobPage *self, RepereDb *db)
{
  g_set_object (&self->db, db);
}

/**
 * repere_job_page_get_n_competencies:
 *
 * Returns: the competency rows the section shows (all kinds)
 */
guint
repere_job_page_get_n_competencies (RepereJobPage *self)
{
  repere_job_page_build_all (self);
  return self->n_competencies;
}

/**
 * repere_job_page_has_rome_notice:
 *
 * Returns: %TRUE when the page tells the user to import ROME data
 */
gboolean
repere_job_page_has_rome_notice (RepereJobPage *self)
{
  repere_job_page_build_all (self);
  return self->rome_notice;
}

/**
 * repere_job_page_search_competencies:
 * @text: words, as typed in the section's search entry
 */
void
repere_job_page_search_competencies (RepereJobPage *self, const char *text)
{
  GtkWidget *entry;

  repere_job_page_build_all (self);
  entry = self->search_results ? gtk_widget_get_prev_sibling (self->search_results) : NULL;

  if (entry && GTK_IS_SEARCH_ENTRY (entry))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      on_search_changed (self, GTK_SEARCH_ENTRY (entry));
    }
}

/**
 * repere_job_page_get_n_search_hits:
 *
 * Returns: the competencies the last search found
 */
guint
repere_job_page_get_n_search_hits (RepereJobPage *self)
{
  return self->n_search_hits;
}

/* The ROME parts removed from the body: what the page knew of them. */
static void
forget_rome_parts (RepereJobPage *self)
{
  self->rome_start = NULL;
  self->n_competencies = 0;
  self->n_search_hits = 0;
  self->rome_notice = FALSE;
  self->search_results = NULL;
  self->fiche_view = NULL;
  self->passerelles = NULL;
  self->training_plan = NULL;
}

static void add_rome_fiche (RepereJobPage *self, const char *job_id);
static void schedule_rest (RepereJobPage *self);
static void add_passerelles (RepereJobPage *self, const char *job_id, const char *assessment_id);

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
  g_autoptr (GPtrArray) competencies = NULL;

  cancel_rest (self);
  memset (self->spins, 0, sizeof self->spins);
  /* A focused child about to go (the Apply button, a fiche's job button):
   * the focus leaves first, or GTK 4.8's viewport follows a dead widget. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
    if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
      gtk_root_set_focus (root, NULL);
  }
  while ((child = gtk_widget_get_first_child (self->body)) != NULL)
    gtk_box_remove (GTK_BOX (self->body), child);
  forget_rome_parts (self);
  g_free (self->job_id);
  self->job_id = job ? g_strdup (job->id) : NULL;
  g_free (self->assessment_id);
  self->assessment_id = g_strdup (assessment_id);
  self->editable = rating && rating->editable;

  /* The placeholder with no job, else the header and the body. */
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), job == NULL);
  gtk_widget_set_visible (self->header, job != NULL);
  gtk_widget_set_visible (self->body, job != NULL);
  if (job == NULL)
    return;

  gtk_label_set_text (self->title_label, job->name);
  subtitle = job->core ? g_strdup_printf (_("♥ Core assistance job · Family %s – %s"), job->family_code, job->family_name)
                       : g_strdup_printf (_("Family %s – %s"), job->family_code, job->family_name);
  gtk_label_set_text (self->family_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_label), job->aliases->len > 0);
  if (job->aliases->len > 0)
    {
      g_autoptr (GString) aliases = g_string_new (NULL);
      g_autofree char *text = NULL;
      for (guint i = 0; i < job->aliases->len; i++)
        g_string_append_printf (aliases, "%s%s", i ? " · " : "", (char *) g_ptr_array_index (job->aliases, i));
      text = g_strdup_printf (_("Also written in the study: %s"), aliases->str);
      gtk_label_set_text (self->aliases_label, text);
    }

  if (self->db)
    {
      g_autoptr (GError) error = NULL;
      competencies = repere_competency_list_for_job (self->db, job->id, assessment_id, &error);
      if (competencies == NULL)
        g_warning ("%s", error->message);
    }
  add_heading (self, _("Exposure to generative AI, by assessment"));
  add_results (self, job, assessment_id);
  if (rating && rating->editable)
    {
      /* Ratings, when the job has some, are the level counts in force. */
      RepereRating in_force = *rating;
      int n_ratings = 0;
      for (guint i = 0; competencies && i < competencies->len; i++)
        {
          RepereJobCompetency *c = g_ptr_array_index (competencies, i);
          if (c->rating > 0)
            {
              if (n_ratings++ == 0)
                memset (in_force.counts, 0, sizeof in_force.counts);
              in_force.counts[c->rating - 1]++;
            }
        }
      add_rating (self, &in_force, n_ratings);
    }
  /* The fiche's notes (the Infirmier's rating by doctors) and future role. */
  if (self->db)
    gtk_box_append (GTK_BOX (self->body), repere_fiche_notes_new (self->db, job));

  add_text (self, _("Job specifics"), job->description);
  /* The 48 other jobs have neither texts nor use cases: this note is their
   * whole body. */
  if (!job->core)
    gtk_box_append (GTK_BOX (self->body),
                    label_new (_("The study has a transformation fiche, with texts and use cases, only for the "
                                 "10 core assistance jobs."),
                               "dim-label", TRUE));

  /* Issue 13: lists and rows a screen reader can name. */
  repere_a11y_name_lists (GTK_WIDGET (self), _("Job"));
  /* The rest comes once the top is on screen (schedule_rest()): the
   * short-term applications, the scenario and the use cases (up to 13,000
   * characters, below the fold at 1920 × 1080, whose shaping delayed the
   * window's first frame by some 50 ms; issue 9), then the ROME parts. */
  self->pending_short_term = g_strdup (job->short_term);
  self->pending_scenario = g_strdup (job->scenario_5y);
  self->pending_use_cases = job->use_cases ? g_ptr_array_ref (job->use_cases) : NULL;
  self->pending_competencies = g_steal_pointer (&competencies);
  self->rest_pending = TRUE;
  schedule_rest (self);
}

/* Issue 13: the ROME parts of the page ------------------------------------ */

static void add_rome_parts (RepereJobPage *self, GPtrArray *competencies);

/**
 * repere_job_page_build_all:
 *
 * Builds at once the parts of the shown job that the page adds after its
 * top is painted (the short-term applications, the five-year scenario,
 * the use cases, the Fiche ROME part, the Passerelles part, the plan, the
 * ROME competencies). The getters of this file call it, so that callers
 * never see a part missing; a window shown to a user does not need to.
 */
void
repere_job_page_build_all (RepereJobPage *self)
{
  g_autoptr (GPtrArray) competencies = NULL;
  g_autoptr (GPtrArray) use_cases = NULL;
  g_autofree char *short_term = NULL;
  g_autofree char *scenario = NULL;
  GtkWidget *focus_before = NULL;
  GtkRoot *root;

  g_return_if_fail (REPERE_IS_JOB_PAGE (self));
  if (!self->rest_pending)
    return;
  competencies = g_steal_pointer (&self->pending_competencies);
  short_term = g_steal_pointer (&self->pending_short_term);
  scenario = g_steal_pointer (&self->pending_scenario);
  use_cases = g_steal_pointer (&self->pending_use_cases);
  cancel_rest (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus_before = root ? gtk_root_get_focus (root) : NULL;
  /* The study's texts below the fold (core jobs only). */
  add_text (self, _("Short-term applications of generative AI"), short_term);
  add_text (self, _("Five-year scenario"), scenario);
  add_use_cases (self, use_cases);
  if (self->db != NULL)
    add_rome_parts (self, competencies);
  /* Issue 13: lists and rows a screen reader can name. */
  repere_a11y_name_lists (GTK_WIDGET (self), _("Job"));
  /* The focus stays where the user left it. */
  if (root && focus_before && gtk_root_get_focus (root) != focus_before)
    gtk_widget_grab_focus (focus_before);
}

/**
 * repere_job_page_refresh_rome:
 *
 * Builds the page's ROME parts again (the Fiche ROME, Passerelles and plan
 * parts, the ROME competencies) from the database and the loading state
 * (repere_job_page_set_rome_loading()), and leaves the rest of the page as
 * it is: its widgets, what a screen reader is reading there, the focus and
 * the scroll (issue 9: the bundled referential loaded while a job is read;
 * the whole page was built again, and a screen reader lost its place). A
 * page whose parts after the first frame are not built yet takes the new
 * competencies when it builds them.
 *
 * Returns: %FALSE when the page cannot do it (no job shown, or a user
 *   assessment's page, whose rating counts come from the competencies):
 *   the caller shows the job again
 */
gboolean
repere_job_page_refresh_rome (RepereJobPage *self)
{
  g_autoptr (GPtrArray) competencies = NULL;
  g_autoptr (GError) error = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *child;

  g_return_val_if_fail (REPERE_IS_JOB_PAGE (self), FALSE);
  if (self->job_id == NULL || self->editable || self->db == NULL)
    return FALSE;
  competencies = repere_competency_list_for_job (self->db, self->job_id, self->assessment_id, &error);
  if (competencies == NULL)
    g_warning ("%s", error->message);
  if (self->rest_pending)
    {
      g_clear_pointer (&self->pending_competencies, g_ptr_array_unref);
      self->pending_competencies = g_steal_pointer (&competencies);
      return TRUE;
    }
  if (self->rome_start == NULL || gtk_widget_get_parent (self->rome_start) != self->body)
    return FALSE;
  /* A focused widget about to go: the focus leaves first (see
   * repere_job_page_set_job()). */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  for (child = self->rome_start; focus && child; child = gtk_widget_get_next_sibling (child))
    if (focus == child || gtk_widget_is_ancestor (focus, child))
      {
        gtk_root_set_focus (root, NULL);
        break;
      }
  while ((child = gtk_widget_get_last_child (self->body)) != NULL)
    {
      gboolean last = child == self->rome_start;
      gtk_box_remove (GTK_BOX (self->body), child);
      if (last)
        break;
    }
  forget_rome_parts (self);
  add_rome_parts (self, competencies);
  repere_a11y_name_lists (GTK_WIDGET (self), _("Job"));
  return TRUE;
}

static gboolean
on_rest_idle (gpointer data)
{
  RepereJobPage *self = data;

  self->rest_idle = 0;
  repere_job_page_build_all (self);
  return G_SOURCE_REMOVE;
}

/* The page's top painted: the rest in the next idle, so that the frame is
 * on screen first. */
/* The frame clock drops its handlers when its surface goes. */
static void
forget_paint_clock (RepereJobPage *self)
{
  if (self->paint_clock && self->paint_handler
      && g_signal_handler_is_connected (self->paint_clock, self->paint_handler))
    g_signal_handler_disconnect (self->paint_clock, self->paint_handler);
  self->paint_handler = 0;
  g_clear_object (&self->paint_clock);
}

static void
on_after_paint (GdkFrameClock *clock, RepereJobPage *self)
{
  forget_paint_clock (self);
  if (self->rest_idle == 0)
    self->rest_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_rest_idle, self, NULL);
}

static void
on_mapped (RepereJobPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_signal_handler (&self->map_handler, self);
  if (clock == NULL)
    {
      repere_job_page_build_all (self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* Unmapped before the frame came (window closed or folded away): the
 * rest waits for the next map. */
static void
on_unmapped (RepereJobPage *self)
{
  if (!self->rest_pending || self->map_handler != 0 || self->rest_idle != 0)
    return;
  forget_paint_clock (self);
  self->map_handler = g_signal_connect_swapped (self, "map", G_CALLBACK (on_mapped), self);
}

/* Mapped: after the next frame; not mapped yet (the window opening, the
 * job page folded away): once it is. */
static void
schedule_rest (RepereJobPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_mapped (self);
  else
    self->map_handler = g_signal_connect_swapped (self, "map", G_CALLBACK (on_mapped), self);
}

static void
cancel_rest (RepereJobPage *self)
{
  g_clear_signal_handler (&self->map_handler, self);
  forget_paint_clock (self);
  g_clear_handle_id (&self->rest_idle, g_source_remove);
  g_clear_pointer (&self->pending_competencies, g_ptr_array_unref);
  g_clear_pointer (&self->pending_short_term, g_free);
  g_clear_pointer (&self->pending_scenario, g_free);
  g_clear_pointer (&self->pending_use_cases, g_ptr_array_unref);
  self->rest_pending = FALSE;
}

/* Issue 9: the fiche view, its job and competency requests, the loading state. */
static void
on_fiche_job_requested (RepereJobPage *self, const char *job_id)
{
  g_signal_emit (self, signals[SIGNAL_JOB_REQUESTED], 0, job_id);
}

static void
on_fiche_competency_requested (RepereJobPage *self, gint64 competency_id)
{
  repere_job_page_show_competency (self, competency_id);
}

static void
add_rome_fiche (RepereJobPage *self, const char *job_id)
{
  self->fiche_view = repere_rome_fiche_view_new (self->db);
  repere_rome_fiche_view_set_loading (self->fiche_view, self->rome_loading);
  repere_rome_fiche_view_set_job (self->fiche_view, job_id);
  g_signal_connect_swapped (self->fiche_view, "job-requested", G_CALLBACK (on_fiche_job_requested), self);
  g_signal_connect_swapped (self->fiche_view, "competency-requested", G_CALLBACK (on_fiche_competency_requested),
                            self);
  gtk_box_append (GTK_BOX (self->body), GTK_WIDGET (self->fiche_view));
}

/**
 * repere_job_page_set_rome_loading:
 * @loading: %TRUE while the bundled ROME referential loads; the page says
 *   the competencies are coming instead of offering an import
 *
 * The caller shows the job again when it changes.
 */
void
repere_job_page_set_rome_loading (RepereJobPage *self, gboolean loading)
{
  self->rome_loading = loading;
}

/**
 * repere_job_page_is_rome_loading:
 *
 * Returns: %TRUE when the page says the ROME competencies are loading
 */
gboolean
repere_job_page_is_rome_loading (RepereJobPage *self)
{
  return self->rome_loading && self->job_id != NULL;
}

/**
 * repere_job_page_get_rome_fiche:
 *
 * Returns: (transfer none) (nullable): the page's Fiche ROME part
 */
RepereRomeFicheView *
repere_job_page_get_rome_fiche (RepereJobPage *self)
{
  repere_job_page_build_all (self);
  return self->fiche_view;
}

/* Issue 11: the Passerelles part (its target jobs open as the fiche's do)
 * and the competency development plan. */
static void
add_passerelles (RepereJobPage *self, const char *job_id, const char *assessment_id)
{
  self->passerelles = repere_job_passerelles_new (self->db);
  repere_job_passerelles_set_job (self->passerelles, job_id, assessment_id, self->rome_loading);
  g_signal_connect_swapped (self->passerelles, "job-requested", G_CALLBACK (on_fiche_job_requested), self);
  gtk_box_append (GTK_BOX (self->body), GTK_WIDGET (self->passerelles));
  self->training_plan = repere_training_plan_view_new (self->db);
  repere_training_plan_view_set_job (self->training_plan, job_id, assessment_id, self->rome_loading);
  gtk_box_append (GTK_BOX (self->body), GTK_WIDGET (self->training_plan));
}

/* The ROME parts, at the end of the body: the Fiche ROME part (issue 9), the
 * Passerelles part and the plan (issue 11), the ROME competencies last (up
 * to 150 rows for some jobs). */
static void
add_rome_parts (RepereJobPage *self, GPtrArray *competencies)
{
  GtkWidget *before = gtk_widget_get_last_child (self->body);

  add_rome_fiche (self, self->job_id);
  add_passerelles (self, self->job_id, self->assessment_id);
  add_competencies (self, competencies);
  self->rome_start = before ? gtk_widget_get_next_sibling (before) : gtk_widget_get_first_child (self->body);
}

/**
 * repere_job_page_get_passerelles:
 *
 * Returns: (transfer none) (nullable): the page's Passerelles part (issue 11)
 */
RepereJobPasserelles *
repere_job_page_get_passerelles (RepereJobPage *self)
{
  repere_job_page_build_all (self);
  return self->passerelles;
}

/**
 * repere_job_page_get_training_plan:
 *
 * Returns: (transfer none) (nullable): the page's competency development
 *   plan (issue 11)
 */
RepereTrainingPlanView *
repere_job_page_get_training_plan (RepereJobPage *self)
{
  repere_job_page_build_all (self);
  return self->training_plan;
}
