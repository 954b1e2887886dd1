/* repere-competency-page.c: a ROME competency (label, kind, category,
 * macro-competency, definition) with every one of the 58 jobs that shares
 * it through the job ↔ ROME mapping, and every ROME code that lists it
 * (bloc 5 of unix_liens_rome_referentiels).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-competency-page.h"
#include "repere-a11y.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "repere-competency.h"
#include "repere-rome-flags.h"

/* ROME codes listed before "… and N more": common competencies ("Utiliser
 * les outils numériques") are listed by hundreds of codes. */
#define MAX_CODES_SHOWN 40

struct _RepereCompetencyPage
{
  GtkBox parent_instance;
  RepereDb *db;
  guint n_jobs;
};

G_DEFINE_TYPE (RepereCompetencyPage, repere_competency_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_JOB_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
repere_competency_page_dispose (GObject *object)
{
  g_clear_object (&REPERE_COMPETENCY_PAGE (object)->db);
  G_OBJECT_CLASS (repere_competency_page_parent_class)->dispose (object);
}

static void
repere_competency_page_class_init (RepereCompetencyPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = repere_competency_page_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "repere-competency-page");

  /**
   * RepereCompetencyPage::job-activated:
   * @job_id: the job the user chose
   *
   * The user asks to see one of the jobs that share the competency.
   */
  signals[SIGNAL_JOB_ACTIVATED] = g_signal_new ("job-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
repere_competency_page_init (RepereCompetencyPage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 24);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 24);
}

/**
 * repere_competency_page_new:
 * @db: (transfer none): the database the page reads
 *
 * Returns: (transfer floating): an empty page; see
 *   repere_competency_page_set_competency()
 */
RepereCompetencyPage *
repere_competency_page_new (RepereDb *db)
{
  RepereCompetencyPage *self = g_object_new (REPERE_TYPE_COMPETENCY_PAGE, NULL);
  self->db = g_object_ref (db);
  return self;
}

static GtkWidget *
label_new (const char *text, const char *css_class)
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
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
on_job_row_activated (RepereCompetencyPage *self, AdwActionRow *row)
{
  repere_competency_page_activate_job (self, g_object_get_data (G_OBJECT (row), "job-id"));
}

/**
 * repere_competency_page_activate_job:
 * @job_id: one of the jobs the page lists
 *
 * What clicking a job row does: emits #RepereCompetencyPage::job-activated.
 */
void
repere_competency_page_activate_job (RepereCompetencyPage *self, const char *job_id)
{
  g_signal_emit (self, signals[SIGNAL_JOB_ACTIVATED], 0, job_id);
}

/* A ROME code listing the competency: code and title, its Principale /
 * Émergente mark as subtitle. */
static GtkWidget *
code_row_new (const RepereCompetencyCode *code)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s  %s", code->code, code->title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (code->core, "principale") == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Principale"));
  else if (g_strcmp0 (code->core, "emergente") == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Émergente"));
  return row;
}

/* The codes after the first %MAX_CODES_SHOWN, kept for their expander row. */
typedef struct
{
  RepereCompetencyCode code;
} CodeCopy;

static void
code_copy_free (CodeCopy *copy)
{
  g_free (copy->code.code);
  g_free (copy->code.title);
  g_free (copy->code.core);
  g_free (copy);
}

/* Their rows on first expansion only: a common competency has hundreds. */
static void
on_more_codes_expanded (AdwExpanderRow *more, GParamSpec *pspec, gpointer data)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (more), "codes");

  if (!adw_expander_row_get_expanded (more) || codes == NULL)
    return;
  for (guint i = 0; i < codes->len; i++)
    adw_expander_row_add_row (more, code_row_new (&((CodeCopy *) g_ptr_array_index (codes, i))->code));
  g_object_set_data (G_OBJECT (more), "codes", NULL);
}

/**
 * repere_competency_page_set_competency:
 * @competency_id: a competency's code_ogr
 * @error: %REPERE_DB_ERROR_NOT_FOUND, %REPERE_DB_ERROR_QUERY
 *
 * Shows the competency (repere_competency_get()): the jobs first, each
 * activatable, then the ROME codes (the first %MAX_CODES_SHOWN, the others
 * in an expander row).
 *
 * Returns: %TRUE when shown; the page is left as it was otherwise
 */
gboolean
repere_competency_page_set_competency (RepereCompetencyPage *self, gint64 competency_id, GError **error)
{
  g_autoptr (RepereCompetencyDetail) detail = repere_competency_get (self->db, competency_id, error);
  g_autoptr (GString) facts = g_string_new (NULL);
  g_autofree char *jobs_heading = NULL;
  g_autofree char *codes_heading = NULL;
  GtkWidget *child;
  GtkWidget *list;

  if (detail == NULL)
    return FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  self->n_jobs = detail->jobs->len;

  gtk_box_append (GTK_BOX (self), label_new (detail->label, "title-2"));
  /* not selectable: the dialog's first focus would select the whole title */
  gtk_label_set_selectable (GTK_LABEL (gtk_widget_get_last_child (GTK_WIDGET (self))), FALSE);
  g_string_append (facts, repere_competency_kind_label (detail->kind));
  if (*detail->category && g_strcmp0 (detail->category, repere_competency_kind_label (detail->kind)) != 0)
    g_string_append_printf (facts, " · %s", detail->category);
  if (*detail->subcategory)
    g_string_append_printf (facts, " · %s", detail->subcategory);
  if (g_strcmp0 (detail->nature, "macro") == 0)
    g_string_append_printf (facts, " · %s", _("macro-competency"));
  gtk_box_append (GTK_BOX (self), label_new (facts->str, "dim-label"));
  /* Issue 9: ROME's transition flags, and the study's top 10 of 3.3. */
  {
    GtkWidget *flags = repere_rome_flags_for_competency (detail->transition_eco, detail->transition_num);
    GtkWidget *top = repere_rome_top_competency_note (self->db, competency_id);
    if (flags)
      gtk_box_append (GTK_BOX (self), flags);
    if (top)
      gtk_box_append (GTK_BOX (self), top);
  }
  if (*detail->macro_label)
    {
      g_autofree char *text = g_strdup_printf (_("Macro-competency: %s"), detail->macro_label);
      gtk_box_append (GTK_BOX (self), label_new (text, NULL));
    }
  if (*detail->definition)
    gtk_box_append (GTK_BOX (self), label_new (detail->definition, NULL));
  if (detail->removed)
    gtk_box_append (GTK_BOX (self),
                    label_new (_("A later ROME version no longer has this competency; ratings on it are kept."),
                               "warning"));

  jobs_heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job shares it", "%u jobs share it",
                                               detail->jobs->len),
                                  detail->jobs->len);
  gtk_box_append (GTK_BOX (self), label_new (jobs_heading, "heading"));
  if (detail->jobs->len == 0)
    gtk_box_append (GTK_BOX (self),
                    label_new (_("None of the 58 jobs, through the job ↔ ROME mapping in force."), "dim-label"));
  else
    {
      list = boxed_list ();
      for (guint i = 0; i < detail->jobs->len; i++)
        {
          RepereCompetencyJob *job = g_ptr_array_index (detail->jobs, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = job->core_job ? g_strdup_printf ("♥ %s", job->job_name) : g_strdup (job->job_name);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", job->family_name, job->rome_codes);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show this job"));
          g_object_set_data_full (G_OBJECT (row), "job-id", g_strdup (job->job_id), g_free);
          g_signal_connect_swapped (row, "activated", G_CALLBACK (on_job_row_activated), self);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_box_append (GTK_BOX (self), list);
    }

  codes_heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ROME code lists it",
                                                "%u ROME codes list it", detail->codes->len),
                                   detail->codes->len);
  gtk_box_append (GTK_BOX (self), label_new (codes_heading, "heading"));
  if (detail->codes->len > 0)
    {
      list = boxed_list ();
      for (guint i = 0; i < detail->codes->len && i < MAX_CODES_SHOWN; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), code_row_new (g_ptr_array_index (detail->codes, i)));
      /* Issue 13: the others in the window itself, not through repere-cli. */
      if (detail->codes->len > MAX_CODES_SHOWN)
        {
          guint n_more = detail->codes->len - MAX_CODES_SHOWN;
          GtkWidget *more = adw_expander_row_new ();
          g_autofree char *title = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%u more ROME code", "%u more ROME codes", n_more), n_more);
          GPtrArray *codes = g_ptr_array_new_with_free_func ((GDestroyNotify) code_copy_free);

          for (guint i = MAX_CODES_SHOWN; i < detail->codes->len; i++)
            {
              RepereCompetencyCode *code = g_ptr_array_index (detail->codes, i);
              CodeCopy *copy = g_new0 (CodeCopy, 1);
              copy->code.code = g_strdup (code->code);
              copy->code.title = g_strdup (code->title);
              copy->code.core = g_strdup (code->core);
              g_ptr_array_add (codes, copy);
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), title);
          g_object_set_data_full (G_OBJECT (more), "codes", codes, (GDestroyNotify) g_ptr_array_unref);
          g_signal_connect (more, "notify::expanded", G_CALLBACK (on_more_codes_expanded), NULL);
          gtk_list_box_append (GTK_LIST_BOX (list), more);
        }
      gtk_box_append (GTK_BOX (self), list);
    }
  return TRUE;
}

/**
 * repere_competency_page_get_n_jobs:
 *
 * Returns: how many jobs the page lists
 */
guint
repere_competency_page_get_n_jobs (RepereCompetencyPage *self)
{
  return self->n_jobs;
}

/**
 * repere_competency_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @db: the database
 * @competency_id: a competency's code_ogr
 * @error: as repere_competency_page_set_competency()
 *
 * A window holding a #RepereCompetencyPage (libadwaita 1.2 has no
 * AdwDialog); connect to its page's ::job-activated.
 *
 * Returns: (transfer none) (nullable): the window, not yet presented
 */
GtkWindow *
repere_competency_dialog_new (GtkWindow *parent, RepereDb *db, gint64 competency_id, GError **error)
{
  RepereCompetencyPage *page = repere_competency_page_new (db);
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *scroller;
  GtkWidget *header;

  g_object_ref_sink (page);
  if (!repere_competency_page_set_competency (page, competency_id, error))
    {
      g_object_unref (page);
      return NULL;
    }
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("ROME competency"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (parent)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_hide_on_close (GTK_WINDOW (window), FALSE);
  repere_window_close_on_escape (GTK_WINDOW (window)); /* issue 13 */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (page));
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "repere-competency-page", page);
  g_object_unref (page);
  return GTK_WINDOW (window);
}

/**
 * repere_competency_dialog_get_page:
 * @dialog: a window from repere_competency_dialog_new()
 *
 * Returns: (transfer none): its page
 */
RepereCompetencyPage *
repere_competency_dialog_get_page (GtkWindow *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "repere-competency-page");
}
