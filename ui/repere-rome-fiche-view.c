/* repere-rome-fiche-view.c: the "Fiche ROME" part of a job's page
 *
 * For each ROME code of the job ↔ ROME mapping, one page of a stack (with a
 * switcher when the job has several codes): the code's domain and flags,
 * its définition and accès à l'emploi (unix_texte), its work contexts by
 * type (bloc 6), its mobility targets (unix_rubrique_mobilite) naming the
 * referential's jobs mapped to each, with a button per job, and its
 * competencies by kind with their flags (bloc 5). Reads app/
 * (repere_rome_fiche_list_for_job()), never SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-fiche-view.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>

#include "repere-read-only-row.h"
#include "repere-rome-flags.h"

struct _RepereRomeFicheView
{
  GtkBox parent_instance;
  GtkLabel *heading;
  GtkWidget *status;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkStackSwitcher *switcher;
  GtkStack *stack;

  RepereDb *db;
  char *job_id;
  gboolean loading;
  guint n_codes;
};

G_DEFINE_TYPE (RepereRomeFicheView, repere_rome_fiche_view, GTK_TYPE_BOX)

enum
{
  SIGNAL_JOB_REQUESTED,
  SIGNAL_COMPETENCY_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
repere_rome_fiche_view_dispose (GObject *object)
{
  RepereRomeFicheView *self = REPERE_ROME_FICHE_VIEW (object);

  g_clear_object (&self->db);
  gtk_widget_dispose_template (GTK_WIDGET (self), REPERE_TYPE_ROME_FICHE_VIEW);
  G_OBJECT_CLASS (repere_rome_fiche_view_parent_class)->dispose (object);
}

static void
repere_rome_fiche_view_finalize (GObject *object)
{
  g_free (REPERE_ROME_FICHE_VIEW (object)->job_id);
  G_OBJECT_CLASS (repere_rome_fiche_view_parent_class)->finalize (object);
}

static void
repere_rome_fiche_view_class_init (RepereRomeFicheViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_rome_fiche_view_dispose;
  object_class->finalize = repere_rome_fiche_view_finalize;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-rome-fiche-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereRomeFicheView, heading);
  gtk_widget_class_bind_template_child (widget_class, RepereRomeFicheView, status);
  gtk_widget_class_bind_template_child (widget_class, RepereRomeFicheView, spinner);
  gtk_widget_class_bind_template_child (widget_class, RepereRomeFicheView, status_label);
  gtk_widget_class_bind_template_child (widget_class, RepereRomeFicheView, switcher);
  gtk_widget_class_bind_template_child (widget_class, RepereRomeFicheView, stack);
  gtk_widget_class_set_css_name (widget_class, "repere-rome-fiche");

  /**
   * RepereRomeFicheView::job-requested:
   * @job_id: a job of the referential mapped to a mobility target
   */
  signals[SIGNAL_JOB_REQUESTED]
      = g_signal_new ("job-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * RepereRomeFicheView::competency-requested:
   * @competency_id: the code_ogr of a competency of the fiche
   */
  signals[SIGNAL_COMPETENCY_REQUESTED]
      = g_signal_new ("competency-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
repere_rome_fiche_view_init (RepereRomeFicheView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * repere_rome_fiche_view_new:
 * @db: (transfer none): the database the fiches are read from
 *
 * Returns: (transfer floating): an empty view; see repere_rome_fiche_view_set_job()
 */
RepereRomeFicheView *
repere_rome_fiche_view_new (RepereDb *db)
{
  RepereRomeFicheView *self = g_object_new (REPERE_TYPE_ROME_FICHE_VIEW, NULL);
  self->db = g_object_ref (db);
  return self;
}

static GtkWidget *
text_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Copyable with the mouse, not a Tab stop selecting its text (issue 13);
   * out of the focus chain, where GTK 4.8 would let it claim the Tab (see
   * label_new() in repere-job-page.c). */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
boxed_list (const char *accessible_name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  repere_a11y_set_label (list, accessible_name);
  return list;
}

/* A sub-heading and the sentences of a text, one per line; with
 * @bullets, the sentences after the first are a list (the définition is a
 * summary, then the job's activities, as ROME fiches print them). */
static void
add_sentences (GtkBox *page, const char *heading, GPtrArray *sentences, gboolean bullets)
{
  g_autoptr (GString) text = g_string_new (NULL);

  gtk_box_append (page, text_label (heading, "heading"));
  for (guint i = 0; i < sentences->len; i++)
    g_string_append_printf (text, "%s%s%s", i ? "\n" : "", bullets && i ? "• " : "",
                            (char *) g_ptr_array_index (sentences, i));
  if (sentences->len == 0)
    gtk_box_append (page, text_label (_ ("Not given by the referential in force."), "dim-label"));
  else
    gtk_box_append (page, text_label (text->str, NULL));
}

typedef struct
{
  RepereRomeFicheView *self;
  char *job_id;
} JobRequest;

static gboolean
request_job_idle (gpointer data)
{
  JobRequest *request = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (request->self));

  /* The focus leaves the button before the page that holds it goes. */
  if (root)
    gtk_root_set_focus (root, NULL);
  repere_rome_fiche_view_request_job (request->self, request->job_id);
  g_object_unref (request->self);
  g_free (request->job_id);
  g_free (request);
  return G_SOURCE_REMOVE;
}

/* The page holding the button is rebuilt for the other job: not while the
 * button is still handling its click. */
static void
on_job_clicked (GtkButton *button, RepereRomeFicheView *self)
{
  JobRequest *request = g_new0 (JobRequest, 1);

  request->self = g_object_ref (self);
  request->job_id = g_strdup (g_object_get_data (G_OBJECT (button), "job-id"));
  g_idle_add (request_job_idle, request);
}

static void
on_competency_activated (AdwActionRow *row, RepereRomeFicheView *self)
{
  g_signal_emit (self, signals[SIGNAL_COMPETENCY_REQUESTED], 0,
                 *(gint64 *) g_object_get_data (G_OBJECT (row), "competency-id"));
}

static void
add_contexts (RepereRomeFicheView *self, GtkBox *page, const RepereRomeFiche *fiche)
{
  GtkWidget *list;

  gtk_box_append (page, text_label (_ ("Work contexts"), "heading"));
  if (fiche->contexts->len == 0)
    {
      gtk_box_append (page, text_label (_ ("Not given by the referential in force."), "dim-label"));
      return;
    }
  list = boxed_list (_ ("Work contexts"));
  for (guint i = 0; i < fiche->contexts->len; i++)
    {
      RepereRomeContextGroup *group = g_ptr_array_index (fiche->contexts, i);
      g_autoptr (GString) contexts = g_string_new (NULL);
      GtkWidget *row = repere_read_only_row_new ();

      for (guint j = 0; j < group->contexts->len; j++)
        g_string_append_printf (
            contexts, "%s%s", j ? " · " : "",
            ((RepereRomeContext *) g_ptr_array_index (group->contexts, j))->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), group->type_label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), contexts->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (page, list);
}

static void
add_mobility (RepereRomeFicheView *self, GtkBox *page, const RepereRomeFiche *fiche)
{
  GtkWidget *list;

  gtk_box_append (page, text_label (_ ("Mobility"), "heading"));
  if (fiche->mobility->len == 0)
    {
      gtk_box_append (page, text_label (_ ("Not given by the referential in force."), "dim-label"));
      return;
    }
  gtk_box_append (
      page,
      text_label (_ ("The ROME fiches this job leads to, in ROME’s order, with the referential’s "
                     "jobs mapped to each. Weigh their exposure too: a target may be as exposed."),
                  "dim-label"));
  list = boxed_list (_ ("Mobility"));
  for (guint i = 0; i < fiche->mobility->len; i++)
    {
      RepereRomeMobility *m = g_ptr_array_index (fiche->mobility, i);
      GtkWidget *row = repere_read_only_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", m->code, m->title);
      /* The jobs one under the other, their names wrapping: the row is no
       * wider than its widest word. Side by side, Assistant's three made
       * the job page 695 px wide at least, and the leaflet folded at a
       * width where it stayed open for other jobs. */
      GtkWidget *buttons = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      for (guint j = 0; j < m->job_names->len; j++)
        {
          const char *name = g_ptr_array_index (m->job_names, j);
          const char *job_id = g_ptr_array_index (m->job_ids, j);
          g_autofree char *accessible = g_strdup_printf (_ ("Show the job %s"), name);
          GtkWidget *button;
          GtkLabel *label;

          /* Another code of the job shown: nothing to go to. */
          if (g_strcmp0 (job_id, self->job_id) == 0)
            {
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                           _ ("Another ROME code of this job"));
              continue;
            }
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("In the referential:"));
          button = gtk_button_new_with_label (name);
          label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));
          gtk_widget_add_css_class (button, "flat");
          gtk_label_set_wrap (label, TRUE);
          gtk_label_set_justify (label, GTK_JUSTIFY_RIGHT);
          gtk_label_set_xalign (label, 1);
          gtk_widget_set_halign (button, GTK_ALIGN_END);
          gtk_widget_set_tooltip_text (button, accessible);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
          g_object_set_data_full (G_OBJECT (button), "job-id", g_strdup (job_id), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (on_job_clicked), self);
          if (buttons == NULL)
            {
              buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
              gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
            }
          gtk_box_append (GTK_BOX (buttons), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (page, list);
}

static void
add_competencies (RepereRomeFicheView *self, GtkBox *page, const RepereRomeFiche *fiche)
{
  GtkWidget *list = boxed_list (_ ("Competencies of the fiche"));
  AdwExpanderRow *expanders[REPERE_COMPETENCY_N_KINDS] = { NULL };
  int n[REPERE_COMPETENCY_N_KINDS] = { 0 }, flagged[REPERE_COMPETENCY_N_KINDS] = { 0 };

  gtk_box_append (page, text_label (_ ("Competencies of the fiche"), "heading"));
  for (guint i = 0; i < fiche->competencies->len; i++)
    {
      RepereRomeFicheCompetency *c = g_ptr_array_index (fiche->competencies, i);
      n[c->kind]++;
      flagged[c->kind]
          += c->transition_eco == REPERE_ROME_FLAG_YES || c->transition_num == REPERE_ROME_FLAG_YES;
    }
  for (int k = 0; k < REPERE_COMPETENCY_N_KINDS; k++)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autoptr (GString) subtitle = g_string_new (NULL);

      g_string_printf (
          subtitle, g_dngettext (GETTEXT_PACKAGE, "%d competency", "%d competencies", n[k]), n[k]);
      if (flagged[k])
        g_string_append_printf (subtitle,
                                g_dngettext (GETTEXT_PACKAGE, " · %d linked to a transition",
                                             " · %d linked to a transition", flagged[k]),
                                flagged[k]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     repere_competency_kind_label (k));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle->str);
      gtk_widget_set_sensitive (expander, n[k] > 0);
      gtk_list_box_append (GTK_LIST_BOX (list), expander);
      expanders[k] = ADW_EXPANDER_ROW (expander);
    }
  for (guint i = 0; i < fiche->competencies->len; i++)
    {
      RepereRomeFicheCompetency *c = g_ptr_array_index (fiche->competencies, i);
      GtkWidget *row = adw_action_row_new ();
      gint64 *id = g_new (gint64, 1);

      *id = c->id;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->label);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (c->is_macro)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("macro-competency"));
      repere_rome_flags_add_to_row (ADW_ACTION_ROW (row), c->core, c->transition_eco,
                                    c->transition_num);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "competency-id", id, g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_competency_activated), self);
      adw_expander_row_add_row (expanders[c->kind], row);
    }
  gtk_box_append (page, list);
}

/* One code's page. */
static GtkWidget *
fiche_page (RepereRomeFicheView *self, const RepereRomeFiche *fiche)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *title = g_strdup_printf ("%s · %s", fiche->code, fiche->title);
  GtkWidget *flags;

  gtk_box_append (GTK_BOX (page), text_label (title, "title-4"));
  if (*fiche->domain_code)
    {
      g_autofree char *domain
          = g_strdup_printf (_ ("%s › %s (domaine professionnel %s)"), fiche->grand_domain,
                             fiche->domain, fiche->domain_code);
      gtk_box_append (GTK_BOX (page), text_label (domain, "dim-label"));
    }
  if ((flags = repere_rome_flags_for_code (fiche)) != NULL)
    gtk_box_append (GTK_BOX (page), flags);
  if (!fiche->fiche_imported)
    gtk_box_append (
        GTK_BOX (page),
        text_label (
            _ ("The ROME referential in force was imported by an earlier version of Repère: "
               "import it again (menu ▸ Import ROME data…) to see the texts, work contexts and "
               "mobility."),
            "warning"));
  add_sentences (GTK_BOX (page), _ ("Definition"), fiche->definition, fiche->definition->len > 2);
  add_sentences (GTK_BOX (page), _ ("Access to the job"), fiche->access, FALSE);
  add_contexts (self, GTK_BOX (page), fiche);
  add_mobility (self, GTK_BOX (page), fiche);
  add_competencies (self, GTK_BOX (page), fiche);
  gtk_box_append (GTK_BOX (page), text_label (_ ("Source: ROME 4.0, France Travail open data "
                                                 "(Licence Ouverte / Open Licence, Etalab)."),
                                              "caption"));
  repere_a11y_name_lists (page, NULL);
  return page;
}

static void
show_status (RepereRomeFicheView *self, const char *text, gboolean spinning)
{
  gtk_widget_set_visible (self->status, text != NULL);
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_spinner_set_spinning (self->spinner, spinning);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), spinning);
}

static void
clear_pages (RepereRomeFicheView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  self->n_codes = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->switcher), FALSE);
}

/* Issue 13: the switcher's buttons ("J1510 · Infirmier coordinateur /
 * Infirmière coordinatrice (IDEC)", …) shorten their titles with an
 * ellipsis, the whole title in their tooltip, instead of making the job
 * page as wide as all of them side by side (936 px for Infirmier
 * d’assistance): that width squeezed the job list at 1920 px and made the
 * page overflow an 800 px window. GtkStackSwitcher gives each button a
 * GtkLabel of the page's title; another child is left as it is. */
static void
ellipsize_switcher (RepereRomeFicheView *self)
{
  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->switcher)); button;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;

      if (!GTK_IS_LABEL (label))
        continue;
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (button, gtk_label_get_text (GTK_LABEL (label)));
    }
}

/**
 * repere_rome_fiche_view_set_job:
 * @job_id: (nullable): the job whose mapped codes to show
 *
 * Rebuilds the pages from the referential in force; says so when the job
 * has no code or the referential is loading.
 */
void
repere_rome_fiche_view_set_job (RepereRomeFicheView *self, const char *job_id)
{
  g_autoptr (GPtrArray) fiches = NULL;
  g_autoptr (GError) error = NULL;

  g_free (self->job_id);
  self->job_id = g_strdup (job_id);
  clear_pages (self);
  if (job_id == NULL)
    return;
  if (self->loading)
    {
      show_status (self, _ ("The ROME referential bundled with Repère is loading…"), TRUE);
      return;
    }
  fiches = repere_rome_fiche_list_for_job (self->db, job_id, &error);
  if (fiches == NULL)
    {
      show_status (self, error->message, FALSE);
      return;
    }
  if (fiches->len == 0)
    {
      show_status (self, _ ("No ROME code of this job is in the referential in force."), FALSE);
      return;
    }
  show_status (self, NULL, FALSE);
  for (guint i = 0; i < fiches->len; i++)
    {
      RepereRomeFiche *fiche = g_ptr_array_index (fiches, i);
      GtkStackPage *page
          = gtk_stack_add_titled (self->stack, fiche_page (self, fiche), fiche->code, fiche->code);
      g_autofree char *tooltip = g_strdup_printf ("%s · %s", fiche->code, fiche->title);
      gtk_stack_page_set_title (page, tooltip);
    }
  ellipsize_switcher (self);
  self->n_codes = fiches->len;
  gtk_widget_set_visible (GTK_WIDGET (self->switcher), fiches->len > 1);
}

/**
 * repere_rome_fiche_view_set_loading:
 * @loading: %TRUE while the bundled referential loads (the view says so)
 */
void
repere_rome_fiche_view_set_loading (RepereRomeFicheView *self, gboolean loading)
{
  g_autofree char *job_id = g_strdup (self->job_id);

  self->loading = loading;
  repere_rome_fiche_view_set_job (self, job_id);
}

/**
 * repere_rome_fiche_view_get_n_codes:
 *
 * Returns: how many fiches (codes) the view shows
 */
guint
repere_rome_fiche_view_get_n_codes (RepereRomeFicheView *self)
{
  return self->n_codes;
}

/**
 * repere_rome_fiche_view_request_job:
 * @job_id: a job
 *
 * What a mobility target's job button does: emits ::job-requested.
 */
void
repere_rome_fiche_view_request_job (RepereRomeFicheView *self, const char *job_id)
{
  g_signal_emit (self, signals[SIGNAL_JOB_REQUESTED], 0, job_id);
}

/**
 * repere_rome_fiche_view_get_code:
 *
 * Returns: (nullable): the code whose fiche is shown
 */
const char *
repere_rome_fiche_view_get_code (RepereRomeFicheView *self)
{
  return self->n_codes ? gtk_stack_get_visible_child_name (self->stack) : NULL;
}
