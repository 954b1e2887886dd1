/* repere-rome-flags.c: ROME's flags of a code or a competency, as badges
 *
 * A competency's coeur_metier (Principale / Émergente, unix_coherence_item)
 * and its transition_eco / transition_num (unix_referentiel_competence,
 * unix_referentiel_savoir); a code's transition_eco, transition_num,
 * transition_demo, emploi_reglemente and emploi_cadre
 * (unix_referentiel_code_rome). Each badge is a label (read by screen
 * readers as its text) with a tooltip saying where it comes from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-rome-flags.h"

#include <glib/gi18n.h>

/**
 * repere_rome_badge_new:
 * @text: the badge's text
 * @css_class: "accent", "success", "warning", "dim-label"…
 * @tooltip: (nullable): what it means
 *
 * Returns: (transfer floating): a small bold label
 */
GtkWidget *
repere_rome_badge_new (const char *text, const char *css_class, const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (tooltip)
    gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

static const char *
eco_tooltip (void)
{
  return _ ("ROME marks this competency as linked to the ecological transition (transition_eco)");
}

static const char *
num_tooltip (void)
{
  return _ ("ROME marks this competency as linked to the digital transition (transition_num)");
}

/**
 * repere_rome_flags_add_to_row:
 * @row: a competency's row
 * @core: (nullable): "principale", "emergente" or ""
 * @transition_eco, @transition_num: 1 when ROME sets the flag
 *
 * Adds the competency's badges as suffixes of @row.
 */
void
repere_rome_flags_add_to_row (AdwActionRow *row, const char *core, int transition_eco,
                              int transition_num)
{
  if (g_strcmp0 (core, "principale") == 0)
    adw_action_row_add_suffix (row, repere_rome_badge_new (_ ("Principale"), "accent", NULL));
  else if (g_strcmp0 (core, "emergente") == 0)
    adw_action_row_add_suffix (row, repere_rome_badge_new (_ ("Émergente"), "success", NULL));
  if (transition_eco == 1)
    adw_action_row_add_suffix (
        row, repere_rome_badge_new (_ ("Ecological transition"), "success", eco_tooltip ()));
  if (transition_num == 1)
    adw_action_row_add_suffix (
        row, repere_rome_badge_new (_ ("Digital transition"), "accent", num_tooltip ()));
}

static GtkWidget *
flag_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "repere-rome-flags");
  return box;
}

/**
 * repere_rome_flags_for_competency:
 *
 * Returns: (transfer floating) (nullable): the competency's transition
 *   badges in a box, %NULL when ROME sets neither
 */
GtkWidget *
repere_rome_flags_for_competency (int transition_eco, int transition_num)
{
  GtkWidget *box;

  if (transition_eco != 1 && transition_num != 1)
    return NULL;
  box = flag_box ();
  if (transition_eco == 1)
    gtk_box_append (GTK_BOX (box),
                    repere_rome_badge_new (_ ("Ecological transition"), "success", eco_tooltip ()));
  if (transition_num == 1)
    gtk_box_append (GTK_BOX (box),
                    repere_rome_badge_new (_ ("Digital transition"), "accent", num_tooltip ()));
  return box;
}

/**
 * repere_rome_flags_for_code:
 * @fiche: a ROME fiche
 *
 * Returns: (transfer floating) (nullable): the code's badges (ecological
 *   standing unless "Emploi Blanc", digital and demographic transitions,
 *   regulated, executive), %NULL when none applies
 */
GtkWidget *
repere_rome_flags_for_code (const RepereRomeFiche *fiche)
{
  GtkWidget *box = flag_box ();
  const char *eco = repere_rome_transition_eco_label (fiche->transition_eco);
  gboolean any = FALSE;

  if (eco)
    {
      gtk_box_append (GTK_BOX (box), repere_rome_badge_new (
                                         eco, "success", _ ("ROME’s transition_eco of the fiche")));
      any = TRUE;
    }
  if (fiche->transition_num == REPERE_ROME_FLAG_YES)
    {
      gtk_box_append (
          GTK_BOX (box),
          repere_rome_badge_new (_ ("Digital transition"), "accent",
                                 _ ("ROME counts this job among those of the digital transition")));
      any = TRUE;
    }
  if (fiche->transition_demo == REPERE_ROME_FLAG_YES)
    {
      gtk_box_append (GTK_BOX (box),
                      repere_rome_badge_new (
                          _ ("Demographic transition"), "accent",
                          _ ("ROME counts this job among those of the demographic transition")));
      any = TRUE;
    }
  if (fiche->regulated == REPERE_ROME_FLAG_YES)
    {
      gtk_box_append (
          GTK_BOX (box),
          repere_rome_badge_new (_ ("Regulated job"), "warning",
                                 _ ("Access to this job is regulated (emploi réglementé)")));
      any = TRUE;
    }
  if (fiche->executive == REPERE_ROME_FLAG_YES)
    {
      gtk_box_append (
          GTK_BOX (box),
          repere_rome_badge_new (_ ("Executive job"), "dim-label",
                                 _ ("ROME classes this job as an executive one (emploi cadre)")));
      any = TRUE;
    }
  if (!any)
    {
      g_object_ref_sink (box);
      g_object_unref (box);
      return NULL;
    }
  return box;
}

/**
 * repere_rome_top_competency_note:
 * @db: the database
 * @competency_id: a competency's code_ogr
 *
 * Returns: (transfer floating) (nullable): a label saying which of the ten
 *   most exposed competencies of the study (section 3.3) name this one, and
 *   whether exactly; %NULL when none does
 */
GtkWidget *
repere_rome_top_competency_note (RepereDb *db, gint64 competency_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) matches = repere_rome_top_competency_matches (db, competency_id, &error);
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *label;

  if (matches == NULL || matches->len == 0)
    return NULL;
  for (guint i = 0; i < matches->len; i++)
    {
      RepereTopCompetencyMatch *m = g_ptr_array_index (matches, i);
      if (i > 0)
        g_string_append_c (text, '\n');
      if (m->exact)
        g_string_append_printf (
            text,
            _ ("Among the ten competencies most exposed to generative AI (study, 3.3): "
               "no. %d, “%s” (exact match)."),
            m->position, m->label);
      else
        g_string_append_printf (
            text,
            _ ("Among the ten competencies most exposed to generative AI (study, 3.3): "
               "no. %d, “%s” (close match: %s)"),
            m->position, m->label, m->note);
    }
  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Copyable with the mouse, not a Tab stop selecting its text (issue 13);
   * out of the focus chain, where GTK 4.8 would let it claim the Tab (see
   * label_new() in repere-job-page.c). */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_add_css_class (label, "accent");
  return label;
}
