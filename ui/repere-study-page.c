/* repere-study-page.c: the Étude page: the study itself
 *
 * What the study is (1.1) and the sector it covers (1.2), how it was made
 * (3.1, 3.2.1: the figures, the exposure levels, the three assessments),
 * what each class means (3.2.1.2, 3.2.2.1, the recommendations of section 5
 * that name exposure), the activity types of 3.3, the workshops (4.1), the
 * steps of 4.3.2, section 5's introduction and DIAL-IA, the conclusion and
 * the announced second study (6), the glossary and the bibliography. Print…
 * and PDF… print the same (repere_print_study_new()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-study-page.h"

#include <glib/gi18n.h>

#include "repere-print-ui.h"
#include "repere-study-print.h"
#include "repere-study-rows.h"
#include "repere-study.h"
#include "repere-ui-resources.h"

struct _RepereStudyPage
{
  AdwBin parent_instance;

  RepereDb *db;
  GPtrArray *groups; /* AdwPreferencesGroup shown */
  gboolean filled;   /* built for db */

  /* template */
  AdwPreferencesPage *page;
  GtkLabel *summary_label;
};

G_DEFINE_TYPE (RepereStudyPage, repere_study_page, ADW_TYPE_BIN)

static void
on_print (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RepereStudyPage *self = REPERE_STUDY_PAGE (widget);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = self->db ? repere_print_study_new (self->db, &error) : NULL;

  if (doc == NULL)
    {
      if (error)
        {
          GtkWidget *dialog
              = adw_message_dialog_new (parent, _ ("Something went wrong"), error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }
  if (g_str_equal (action_name, "study.print"))
    repere_print_ui_print_document (parent, doc);
  else
    /* Translators: default file name of the printed Étude page */
    repere_print_ui_export_document_pdf (
        parent, ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY)), doc,
        _ ("Export the Study Page as PDF"), _ ("study.pdf"));
}

static void
repere_study_page_dispose (GObject *object)
{
  RepereStudyPage *self = REPERE_STUDY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REPERE_TYPE_STUDY_PAGE);
  g_clear_object (&self->db);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (repere_study_page_parent_class)->dispose (object);
}

static void
fill (RepereStudyPage *self);

static void
repere_study_page_map (GtkWidget *widget)
{
  RepereStudyPage *self = REPERE_STUDY_PAGE (widget);

  GTK_WIDGET_CLASS (repere_study_page_parent_class)->map (widget);
  if (self->db && !self->filled)
    fill (self);
}

static void
repere_study_page_class_init (RepereStudyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = repere_study_page_dispose;
  widget_class->map = repere_study_page_map;
  (void) repere_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/observatoire_assistance/Repere/ui/repere-study-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RepereStudyPage, page);
  gtk_widget_class_bind_template_child (widget_class, RepereStudyPage, summary_label);
  gtk_widget_class_install_action (widget_class, "study.print", NULL, on_print);
  gtk_widget_class_install_action (widget_class, "study.export-pdf", NULL, on_print);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "study.print", NULL);
}

static void
repere_study_page_init (RepereStudyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

static GtkWidget *
add_group (RepereStudyPage *self, const char *title, const char *description)
{
  GtkWidget *box = repere_study_group_new (self->page, title, description);
  g_ptr_array_add (self->groups, gtk_widget_get_parent (gtk_widget_get_parent (box)));
  return box;
}

/* The figures of a part as rows "label … value". */
static gboolean
add_figures (GtkBox *box, RepereDb *db, const char *part, GError **error)
{
  g_autoptr (GPtrArray) figures = repere_study_list_figures (db, part, error);
  GtkWidget *list;

  if (figures == NULL)
    return FALSE;
  if (figures->len == 0)
    return TRUE;
  list = repere_study_list_new ();
  for (guint i = 0; i < figures->len; i++)
    {
      RepereStudyFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *value = repere_study_figure_format (f);
      GtkWidget *row = repere_study_value_row_new (f->label, value, FALSE);
      /* Translators: a figure's subtitle: the words the study prints, its section */
      g_autofree char *printed = g_strdup_printf (_ ("“%s” (%s)"), f->printed, f->source);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), printed);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (box, list);
  return TRUE;
}

/* The passages of @part under the group of @box: its title is not repeated. */
static gboolean
add_passages (GtkBox *box, RepereDb *db, const char *part, gboolean headings, GError **error)
{
  g_autoptr (GPtrArray) passages = repere_study_list_passages (db, part, error);
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (box), ADW_TYPE_PREFERENCES_GROUP);

  if (passages == NULL)
    return FALSE;
  repere_study_add_passages (box, passages, headings,
                             group ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group))
                                   : NULL);
  return TRUE;
}

static const char *
guidance_label (const char *kind)
{
  if (g_str_equal (kind, "meaning"))
    return _ ("What it means");
  if (g_str_equal (kind, "observation"))
    return _ ("In the results");
  if (g_str_equal (kind, "training"))
    return _ ("Training");
  if (g_str_equal (kind, "mobility-from"))
    return _ ("Mobility from these jobs");
  return _ ("Mobility towards these jobs");
}

/* Each class: its definition and rule, what it means, the recommendations
 * that name it. */
static gboolean
add_classes (GtkBox *box, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) classes = repere_db_list_classifications (db, error);

  if (classes == NULL)
    return FALSE;
  for (guint c = 0; c < classes->len; c++)
    {
      RepereRef *class = g_ptr_array_index (classes, c);
      g_autoptr (GPtrArray) guidance = repere_study_list_guidance (db, class->id, error);
      GtkWidget *list;

      if (guidance == NULL)
        return FALSE;
      gtk_box_append (box, repere_study_text_new (class->name, "heading"));
      list = repere_study_list_new ();
      gtk_list_box_append (GTK_LIST_BOX (list),
                           repere_study_row_new (_ ("Definition (3.2.1.2)"), class->description));
      if (*class->extra)
        gtk_list_box_append (
            GTK_LIST_BOX (list),
            repere_study_row_new (_ ("Classification rule (3.2.1.2)"), class->extra));
      for (guint i = 0; i < guidance->len; i++)
        {
          RepereStudyText *g = g_ptr_array_index (guidance, i);
          g_autofree char *title = g_strdup_printf ("%s (%s)", guidance_label (g->kind), g->source);
          gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (title, g->text));
        }
      gtk_box_append (box, list);
    }
  return TRUE;
}

static gboolean
add_method (GtkBox *box, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) levels = repere_db_list_exposure_levels (db, error);
  g_autoptr (GPtrArray) assessments = NULL;
  GtkWidget *list;

  if (levels == NULL || (assessments = repere_db_list_assessments (db, error)) == NULL
      || !add_figures (box, db, "method", error) || !add_passages (box, db, "method", TRUE, error))
    return FALSE;
  gtk_box_append (
      box, repere_study_text_new (_ ("Exposure levels of a competency (3.2.1.1)"), "heading"));
  list = repere_study_list_new ();
  for (guint i = 0; i < levels->len; i++)
    {
      RepereRef *level = g_ptr_array_index (levels, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", level->id, level->name);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (title, level->description));
    }
  gtk_box_append (box, list);
  gtk_box_append (box,
                  repere_study_text_new (_ ("The study’s three assessments (3.2.2)"), "heading"));
  list = repere_study_list_new ();
  for (guint i = 0; i < assessments->len; i++)
    {
      RepereRef *a = g_ptr_array_index (assessments, i);
      g_autofree char *title = NULL;
      if (g_str_equal (a->extra, "user"))
        continue;
      title = g_strdup_printf ("%s (%s)", a->name, a->extra);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (title, a->description));
    }
  gtk_box_append (box, list);
  return TRUE;
}

static gboolean
add_activities (GtkBox *box, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) intro = repere_study_list_passages (db, "exposure", error);
  g_autoptr (GPtrArray) activities = NULL;

  if (intro == NULL || (activities = repere_study_list_activities (db, error)) == NULL)
    return FALSE;
  for (guint e = 0; e < intro->len && e < 2; e++)
    {
      GtkWidget *list = repere_study_list_new ();

      gtk_box_append (box, repere_study_text_new (
                               ((RepereStudyText *) g_ptr_array_index (intro, e))->text, NULL));
      for (guint i = 0; i < activities->len; i++)
        {
          RepereStudyText *a = g_ptr_array_index (activities, i);
          g_autofree char *example = NULL;
          if (!g_str_equal (a->kind, e == 0 ? "most" : "least"))
            continue;
          /* Translators: the example of an activity type of 3.3 */
          example = g_strdup_printf (_ ("Example: %s"), a->text);
          gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (a->title, example));
        }
      gtk_box_append (box, list);
    }
  return TRUE;
}

static gboolean
add_steps (GtkBox *box, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) steps = repere_study_list_steps (db, error);
  GtkWidget *list;

  if (steps == NULL || !add_passages (box, db, "implementation", FALSE, error))
    return FALSE;
  list = repere_study_list_new ();
  for (guint i = 0; i < steps->len; i++)
    {
      RepereStudyText *s = g_ptr_array_index (steps, i);
      /* Translators: a step of 4.3.2, "Step 1" */
      g_autofree char *title = g_strdup_printf (_ ("Step %d"), s->position);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (title, s->text));
    }
  gtk_box_append (box, list);
  return TRUE;
}

static gboolean
add_annexes (RepereStudyPage *self, RepereDb *db, GError **error)
{
  g_autoptr (GPtrArray) glossary = repere_study_list_glossary (db, error);
  g_autoptr (GPtrArray) references = NULL;
  GtkWidget *box, *list;

  if (glossary == NULL || (references = repere_study_list_bibliography (db, error)) == NULL)
    return FALSE;
  box = add_group (self, _ ("Glossary"), _ ("The study’s own glossary (Annexes)."));
  list = repere_study_list_new ();
  for (guint i = 0; i < glossary->len; i++)
    {
      RepereStudyText *t = g_ptr_array_index (glossary, i);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (t->title, t->text));
    }
  gtk_box_append (GTK_BOX (box), list);

  box = add_group (self, _ ("Bibliography"), _ ("The study’s references (Annexes), in its order."));
  list = repere_study_list_new ();
  for (guint i = 0; i < references->len; i++)
    {
      RepereReference *r = g_ptr_array_index (references, i);
      g_autofree char *subtitle
          = *r->publisher ? g_strdup_printf ("%s (%d) · %s", r->authors, r->year, r->publisher)
                          : g_strdup_printf ("%s (%d)", r->authors, r->year);
      gtk_list_box_append (GTK_LIST_BOX (list), repere_study_row_new (r->title, subtitle));
    }
  gtk_box_append (GTK_BOX (box), list);
  return TRUE;
}

/* Builds the page from the study's tables; an error is shown on the page. */
static void
fill (RepereStudyPage *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *box;
  gboolean ok;

  RepereDb *db = self->db;

  self->filled = TRUE;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  gtk_label_set_text (
      self->summary_label,
      "Impacts de l’IA générative pour les métiers de l’assistance — Observatoire des métiers de "
      "l’assistance, PwC, 2024–2025");

  box = add_group (self, _ ("The study"), _ ("Its context, scope, objectives and conduct (1.1)."));
  ok = add_figures (GTK_BOX (box), db, "study", &error)
       && add_passages (GTK_BOX (box), db, "study", TRUE, &error);
  if (ok)
    {
      box = add_group (self, _ ("The assistance sector"),
                       _ ("The branch and its Observatoire (1.2)."));
      ok = add_figures (GTK_BOX (box), db, "sector", &error)
           && add_passages (GTK_BOX (box), db, "sector", TRUE, &error);
    }
  if (ok)
    {
      box = add_group (self, _ ("Method"),
                       _ ("How the jobs’ exposure was assessed (3.1, 3.2.1, 3.2.2)."));
      ok = add_method (GTK_BOX (box), db, &error);
    }
  if (ok)
    {
      box = add_group (
          self, _ ("What each class means"),
          _ ("The four classes of jobs, what they mean for their competencies and what section 5 "
             "recommends for them."));
      ok = add_classes (GTK_BOX (box), db, &error);
    }
  if (ok)
    {
      box = add_group (self, _ ("Most and least exposed competencies (3.3)"), NULL);
      ok = add_activities (GTK_BOX (box), db, &error);
    }
  if (ok)
    {
      box = add_group (self, _ ("The workshops"),
                       _ ("The in-depth workshops with the core jobs’ experts (4.1, 4.2)."));
      ok = add_figures (GTK_BOX (box), db, "workshops", &error)
           && add_passages (GTK_BOX (box), db, "workshops", TRUE, &error);
    }
  if (ok)
    {
      box = add_group (self, _ ("Implementing use cases (4.3)"), NULL);
      ok = add_steps (GTK_BOX (box), db, &error);
    }
  if (ok)
    {
      box = add_group (self, _ ("Recommendations and social dialogue (5)"), NULL);
      ok = add_passages (GTK_BOX (box), db, "recommendations", TRUE, &error)
           && add_figures (GTK_BOX (box), db, "dial-ia", &error);
    }
  if (ok)
    {
      box = add_group (self, _ ("Conclusion"), _ ("And the second study announced for 2025 (6)."));
      ok = add_passages (GTK_BOX (box), db, "conclusion", TRUE, &error);
    }
  if (ok)
    ok = add_annexes (self, db, &error);
  if (!ok)
    add_group (self, _ ("The study cannot be shown"), error->message);
}

/* Returns: the groups the page shows. */
guint
repere_study_page_get_n_groups (RepereStudyPage *self)
{
  return self->groups->len;
}

/**
 * repere_study_page_set_db:
 * @db: (transfer none): the database
 *
 * The page reads the study's tables (app/repere-study.h) when it is first
 * shown, not before: the window starts as fast without it. An error is shown
 * on the page itself.
 */
void
repere_study_page_set_db (RepereStudyPage *self, RepereDb *db)
{
  g_return_if_fail (REPERE_IS_STUDY_PAGE (self));
  g_set_object (&self->db, db);
  self->filled = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill (self);
}
