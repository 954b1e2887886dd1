/* repere-comparison-window.c: two jobs side by side
 *
 * The competencies of both jobs (ROME 4.0 fiches of the codes of their
 * job ↔ ROME mapping, or the target ROME code's fiche) as
 * repere_passerelle_gap() sorts them: no longer needed (the first job
 * only), carried over (both), to acquire (the second only); in three
 * columns, the first job's only on the left and the second's only on the
 * right, for each kind (savoir-faire, savoir-être, savoirs). Each
 * competency shows its exposure level in the chosen assessment where it is
 * rated and ROME's flags (Principale / Émergente, transition numérique).
 * Escape closes the window; Ctrl+P prints the comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-comparison-window.h"

#include <glib/gi18n.h>

#include "repere-a11y.h"
#include "repere-rome-flags.h"
#include <math.h>

#include "repere-competency.h"
#include "repere-passerelle.h"
#include "repere-print-ui.h"
#include "repere-print.h"
#include "repere-rome-fiche.h"
#include "repere-text.h"

#define N_STATUSES 3

struct _RepereComparisonWindow
{
  AdwWindow parent_instance;

  RepereDb *db;
  char *from_name;
  char *to_name;
  char *subtitle;
  GPtrArray *items; /* RepereGapItem* */
  guint n_items[N_STATUSES];

  /* template */
  AdwToastOverlay *toasts;
  AdwWindowTitle *window_title;
  GtkBox *content;
};

G_DEFINE_TYPE (RepereComparisonWindow, repere_comparison_window, ADW_TYPE_WINDOW)

/* Column order, left to right: the first job's only, both, the second's only. */
static const RepereGapStatus column_status[N_STATUSES]
    = { REPERE_GAP_NO_LONGER_NEEDED, REPERE_GAP_CARRIED, REPERE_GAP_TO_ACQUIRE };

static const char *
status_label (RepereGapStatus status)
{
  switch (status)
    {
    case REPERE_GAP_CARRIED:
      return _ ("Carried over");
    case REPERE_GAP_TO_ACQUIRE:
      return _ ("To acquire");
    case REPERE_GAP_NO_LONGER_NEEDED:
    default:
      return _ ("No longer needed");
    }
}

/* The kind of a gap item ("savoir-faire", "savoir-être" or "savoir"). */
static RepereCompetencyKind
item_kind (const RepereGapItem *item)
{
  g_autofree char *folded = repere_text_fold (item->kind ? item->kind : "");

  if (g_str_has_prefix (folded, "savoir-f") || g_str_has_prefix (folded, "savoir f"))
    return REPERE_COMPETENCY_SAVOIR_FAIRE;
  if (g_str_has_prefix (folded, "savoir-e") || g_str_has_prefix (folded, "savoir e"))
    return REPERE_COMPETENCY_SAVOIR_ETRE;
  return REPERE_COMPETENCY_SAVOIR;
}

/* "Level 4 · Principale · Digital transition", or "" */
static char *
item_marks (const RepereGapItem *item)
{
  GString *text = g_string_new (NULL);

  if (item->level > 0)
    g_string_append_printf (text, _ ("Level %d"), item->level);
  if (item->principal)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _ ("Principale"));
  if (item->emergent)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _ ("Émergente"));
  if (item->transition_num)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _ ("Digital transition"));
  return g_string_free (text, FALSE);
}

static GtkWidget *
item_row (const RepereGapItem *item)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (item->level > 0)
    {
      g_autofree char *text = g_strdup_printf (_ ("Level %d"), item->level);
      adw_action_row_add_suffix (
          ADW_ACTION_ROW (row),
          repere_rome_badge_new (text, item->level >= 4 ? "warning" : "dim-label",
                                 _ ("Exposure level of the competency in the chosen assessment, 1 "
                                    "(negligible) to 5 (major)")));
    }
  if (item->principal)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               repere_rome_badge_new (_ ("Principale"), "accent", NULL));
  if (item->emergent)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               repere_rome_badge_new (_ ("Émergente"), "success", NULL));
  if (item->transition_num)
    adw_action_row_add_suffix (
        ADW_ACTION_ROW (row),
        repere_rome_badge_new (_ ("Digital transition"), "accent",
                               _ ("ROME marks this competency as linked to the digital transition "
                                  "(transition_num)")));
  return row;
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

static char *
column_caption (RepereComparisonWindow *self, RepereGapStatus status)
{
  switch (status)
    {
    case REPERE_GAP_CARRIED:
      return g_strdup (_ ("Both jobs"));
    case REPERE_GAP_TO_ACQUIRE:
      return g_strdup_printf (_ ("Only %s"), self->to_name);
    case REPERE_GAP_NO_LONGER_NEEDED:
    default:
      return g_strdup_printf (_ ("Only %s"), self->from_name);
    }
}

static void
build (RepereComparisonWindow *self)
{
  guint n[REPERE_COMPETENCY_N_KINDS][N_STATUSES] = { { 0 } };
  GtkWidget *summary = gtk_grid_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      RepereGapItem *item = g_ptr_array_index (self->items, i);
      for (guint s = 0; s < N_STATUSES; s++)
        if (column_status[s] == item->status)
          n[item_kind (item)][s]++;
    }

  /* The totals, one column per status. */
  gtk_grid_set_column_homogeneous (GTK_GRID (summary), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (summary), 18);
  for (guint s = 0; s < N_STATUSES; s++)
    {
      g_autofree char *caption = column_caption (self, column_status[s]);
      g_autofree char *total = g_strdup_printf ("%s · %u", status_label (column_status[s]),
                                                self->n_items[column_status[s]]);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_box_append (GTK_BOX (box), label_new (total, "title-4"));
      gtk_box_append (GTK_BOX (box), label_new (caption, "dim-label"));
      gtk_grid_attach (GTK_GRID (summary), box, s, 0, 1, 1);
    }
  gtk_box_append (self->content, summary);

  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    {
      GtkWidget *grid = gtk_grid_new ();
      GtkWidget *heading = label_new (repere_competency_kind_label (k), "heading");

      gtk_widget_set_margin_top (heading, 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                      -1);
      gtk_box_append (self->content, heading);
      gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
      gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
      for (guint s = 0; s < N_STATUSES; s++)
        {
          GtkWidget *list = gtk_list_box_new ();
          g_autofree char *name = g_strdup_printf ("%s — %s (%u)", repere_competency_kind_label (k),
                                                   status_label (column_status[s]), n[k][s]);
          g_autofree char *title
              = g_strdup_printf ("%s (%u)", status_label (column_status[s]), n[k][s]);

          gtk_grid_attach (GTK_GRID (grid), label_new (title, "caption-heading"), s, 0, 1, 1);
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_widget_set_valign (list, GTK_ALIGN_START);
          repere_a11y_set_label (GTK_WIDGET (list), name);
          for (guint i = 0; i < self->items->len; i++)
            {
              RepereGapItem *item = g_ptr_array_index (self->items, i);
              if (item->status == column_status[s] && item_kind (item) == (RepereCompetencyKind) k)
                gtk_list_box_append (GTK_LIST_BOX (list), item_row (item));
            }
          if (n[k][s] == 0)
            gtk_grid_attach (GTK_GRID (grid), label_new (_ ("None"), "dim-label"), s, 1, 1, 1);
          else
            gtk_grid_attach (GTK_GRID (grid), list, s, 1, 1, 1);
        }
      gtk_box_append (self->content, grid);
    }
  gtk_box_append (
      self->content,
      label_new (
          _ ("Competencies: ROME 4.0 fiches of the codes of each job’s job ↔ ROME mapping. Levels: "
             "the exposure of each competency rated in the chosen assessment. Flags: ROME’s "
             "Principale / Émergente marks and transition numérique."),
          "caption"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (self->content)), "dim-label");
}

/* The comparison as a printed document (render/repere-print.h). */
static RepereDocument *
comparison_document (RepereComparisonWindow *self)
{
  g_autofree char *title = g_strdup_printf (_ ("%s → %s"), self->from_name, self->to_name);
  RepereDocument *doc
      = repere_document_new (title, self->subtitle,
                             _ ("Competencies: ROME 4.0 fiches of the job ↔ ROME mapping; levels: "
                                "the chosen assessment."));

  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    {
      repere_document_add_heading (doc, repere_competency_kind_label (k));
      for (guint s = 0; s < N_STATUSES; s++)
        {
          g_autofree char *caption = column_caption (self, column_status[s]);
          g_autofree char *sub
              = g_strdup_printf ("%s — %s", status_label (column_status[s]), caption);
          guint count = 0;

          repere_document_add_subheading (doc, sub);
          for (guint i = 0; i < self->items->len; i++)
            {
              RepereGapItem *item = g_ptr_array_index (self->items, i);
              g_autofree char *marks = NULL;
              g_autofree char *line = NULL;

              if (item->status != column_status[s] || item_kind (item) != (RepereCompetencyKind) k)
                continue;
              marks = item_marks (item);
              line = *marks ? g_strdup_printf ("• %s (%s)", item->label, marks)
                            : g_strdup_printf ("• %s", item->label);
              repere_document_add_paragraph (doc, line, 12, 0);
              count++;
            }
          if (count == 0)
            repere_document_add_paragraph (doc, _ ("None"), 12, REPERE_TEXT_ITALIC);
        }
    }
  return doc;
}

static void
print_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  RepereComparisonWindow *self = REPERE_COMPARISON_WINDOW (widget);

  repere_print_ui_print_document (GTK_WINDOW (self), comparison_document (self));
}

static void
export_pdf_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  RepereComparisonWindow *self = REPERE_COMPARISON_WINDOW (widget);

  repere_print_ui_export_document_pdf (GTK_WINDOW (self), self->toasts, comparison_document (self),
                                       _ ("Export the Comparison as PDF"), "comparaison.pdf");
}

static void
repere_comparison_window_dispose (GObject *object)
{
  RepereComparisonWindow *self = REPERE_COMPARISON_WINDOW (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (repere_comparison_window_parent_class)->dispose (object);
}

static void
repere_comparison_window_finalize (GObject *object)
{
  RepereComparisonWindow *self = REPERE_COMPARISON_WINDOW (object);

  g_free (self->from_name);
  g_free (self->to_name);
  g_free (self->subtitle);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_comparison_window_parent_class)->finalize (object);
}

static void
repere_comparison_window_class_init (RepereComparisonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_comparison_window_dispose;
  object_class->finalize = repere_comparison_window_finalize;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-comparison-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereComparisonWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, RepereComparisonWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RepereComparisonWindow, content);
  gtk_widget_class_install_action (widget_class, "comparison.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "comparison.export-pdf", NULL,
                                   export_pdf_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "comparison.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
repere_comparison_window_init (RepereComparisonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A job's name and its score and class in @assessment_id, "" when none. */
static char *
describe_job (RepereDb *db, const char *job_id, const char *assessment_id, char **name)
{
  RepereJobFilter filter = { .assessment = assessment_id };
  g_autoptr (GListStore) jobs = repere_db_list_jobs (db, &filter, NULL);

  for (guint i = 0; jobs && i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      g_autofree char *score = NULL;

      if (g_strcmp0 (repere_job_get_id (job), job_id) != 0)
        continue;
      *name = g_strdup (repere_job_get_name (job));
      if (repere_job_get_score (job) < 0)
        return g_strdup ("");
      score = repere_text_format_score (repere_job_get_score (job));
      return repere_job_get_classification_name (job)
                 ? g_strdup_printf ("%s (%s)", score, repere_job_get_classification_name (job))
                 : g_strdup (score);
    }
  *name = g_strdup (job_id);
  return g_strdup ("");
}

/**
 * repere_comparison_window_new:
 * @parent: (nullable): the window it opens over
 * @db: (transfer none): the database
 * @from: the job people move from (an id or a name)
 * @to: the passerelle's target: a job (id or name) or a ROME code
 * @assessment_id: the assessment giving scores, classes and levels
 * @error: the errors of repere_passerelle_gap() (an unknown job or code)
 *
 * Returns: (transfer none): the comparison window, not yet shown, or
 *   %NULL with @error set
 */
GtkWindow *
repere_comparison_window_new (GtkWindow *parent, RepereDb *db, const char *from, const char *to,
                              const char *assessment_id, GError **error)
{
  g_autoptr (GPtrArray) items = repere_passerelle_gap (db, from, to, assessment_id, error);
  g_autofree char *from_id = NULL;
  g_autofree char *to_id = NULL;
  g_autofree char *from_score = NULL;
  g_autofree char *to_score = NULL;
  g_autofree char *title = NULL;
  RepereComparisonWindow *self;

  if (items == NULL || (from_id = repere_db_find_job (db, from, error)) == NULL)
    return NULL;
  self
      = g_object_new (REPERE_TYPE_COMPARISON_WINDOW, "transient-for", parent, "modal", FALSE, NULL);
  self->db = g_object_ref (db);
  self->items = g_steal_pointer (&items);
  for (guint i = 0; i < self->items->len; i++)
    {
      RepereGapItem *item = g_ptr_array_index (self->items, i);
      if ((guint) item->status < N_STATUSES)
        self->n_items[item->status]++;
    }
  from_score = describe_job (db, from_id, assessment_id, &self->from_name);
  to_id = repere_db_find_job (db, to, NULL);
  if (to_id)
    to_score = describe_job (db, to_id, assessment_id, &self->to_name);
  else
    {
      g_autoptr (RepereRomeFiche) fiche = repere_rome_fiche_get (db, to, NULL);
      /* Translators: a ROME code outside the referential: "ROME K2111 Formateur" */
      self->to_name = fiche ? g_strdup_printf (_ ("ROME %s %s"), to, fiche->title)
                            : g_strdup_printf (_ ("ROME %s %s"), to, "");
      g_strchomp (self->to_name);
      to_score = g_strdup ("");
    }
  title = g_strdup_printf (_ ("%s → %s"), self->from_name, self->to_name);
  if (*from_score && *to_score)
    /* Translators: scores of the two jobs compared: "0,87 (Transformé) → 0,35 (Renforcé)" */
    self->subtitle = g_strdup_printf (
        _ ("Exposure %s → %s · %u carried over · %u to acquire · %u no longer needed"), from_score,
        to_score, self->n_items[REPERE_GAP_CARRIED], self->n_items[REPERE_GAP_TO_ACQUIRE],
        self->n_items[REPERE_GAP_NO_LONGER_NEEDED]);
  else
    self->subtitle
        = g_strdup_printf (_ ("%u carried over · %u to acquire · %u no longer needed"),
                           self->n_items[REPERE_GAP_CARRIED], self->n_items[REPERE_GAP_TO_ACQUIRE],
                           self->n_items[REPERE_GAP_NO_LONGER_NEEDED]);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, self->subtitle);
  build (self);
  return GTK_WINDOW (self);
}

/**
 * repere_comparison_window_get_n_items:
 * @status: a #RepereGapStatus
 *
 * Returns: the competencies the window lists with @status
 */
guint
repere_comparison_window_get_n_items (RepereComparisonWindow *self, int status)
{
  g_return_val_if_fail (status >= 0 && status < N_STATUSES, 0);
  return self->n_items[status];
}

/**
 * repere_comparison_window_print_to_pdf:
 * @path: the PDF file to write (A4 portrait)
 * @error: #RepereDbError naming the file when it cannot be written
 *
 * What "Print…" prints, written to @path: for tests and scripts.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
repere_comparison_window_print_to_pdf (RepereComparisonWindow *self, const char *path,
                                       GError **error)
{
  g_autoptr (RepereDocument) doc = comparison_document (self);
  ReperePageSetup setup;

  repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, 10);
  return repere_document_write_pdf (doc, &setup, path, error);
}
