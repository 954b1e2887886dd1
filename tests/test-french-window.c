/* test-french-window.c: the window's pages in French (issue 13, "Text"):
 * the Cohérence page writes 0,38 as the rest of the window does, and the
 * emergent class is "Émergent" in the job list.
 *
 * Runs under Xvfb in fr_FR.UTF-8 with the build's fr.mo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "repere-competency-page.h"
#include "repere-consistency-page.h"
#include "repere-job.h"
#include "repere-test-util.h"
#include "repere-text.h"

static char *tmp_dir;

/* Every AdwActionRow under @widget. */
static void
collect_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* Every GtkLabel's text under @widget, one per line. */
static void
collect_labels (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static void
test_consistency_decimals (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "repere.db", NULL);
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  RepereConsistencyPage *page = repere_consistency_page_new ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GRegex) point = g_regex_new ("(?<![\\w.])\\d+\\.\\d+(?![\\w.])", 0, 0, NULL);
  g_autoptr (GRegex) comma = g_regex_new ("\\b0,\\d\\d\\b", 0, 0, NULL);
  g_autoptr (GString) labels = g_string_new (NULL);
  guint with_comma = 0;

  g_assert_no_error (error);
  /* The translation is in force: the separator the page uses is ','. */
  g_assert_cmpstr (C_ ("decimal separator", "."), ==, ",");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  repere_consistency_page_set_db (page, db);
  g_assert_cmpuint (repere_consistency_page_get_n_findings (page), >, 0);
  collect_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, >=, repere_consistency_page_get_n_findings (page));
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));
      if (subtitle == NULL)
        continue;
      /* Section numbers ("3.2.2.1") have points; scores do not. */
      {
        g_autoptr (GMatchInfo) match = NULL;
        for (g_regex_match (point, subtitle, 0, &match); g_match_info_matches (match);
             g_match_info_next (match, NULL))
          {
            g_autofree char *number = g_match_info_fetch (match, 0);
            if (g_str_has_prefix (number, "0."))
              g_error ("a score with a point on the Cohérence page: “%s”", subtitle);
          }
      }
      with_comma += g_regex_match (comma, subtitle, 0, NULL);
    }
  g_assert_cmpuint (with_comma, >, 0);
  /* The values beside the rows ("0,38 ≠ 0,30") too. */
  collect_labels (GTK_WIDGET (page), labels);
  g_assert_nonnull (strstr (labels->str, " ≠ "));
  {
    g_auto (GStrv) lines = g_strsplit (labels->str, "\n", -1);
    for (guint i = 0; lines[i]; i++)
      if (strstr (lines[i], " ≠ ") && strstr (lines[i], "0."))
        g_error ("a value with a point on the Cohérence page: “%s”", lines[i]);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rows of ROME codes ("A1001  Métier 1") under @widget. */
static guint
code_rows (GtkWidget *widget)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  guint n = 0;

  collect_rows (widget, rows);
  for (guint i = 0; i < rows->len; i++)
    n += g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "A10");
  return n;
}

/* A competency listed by more ROME codes than the page lists at once: the
 * others in an expander row, in the window, not "repere-cli competency N
 * lists them all". */
static void
test_competency_more_codes (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "codes.db", NULL);
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  g_autoptr (GString) sql
      = g_string_new ("INSERT INTO import_batch (id, kind, label, started_at) VALUES"
                      " (100, 'rome', 'ROME fixture', '2025-01-01T00:00:00Z');"
                      "INSERT INTO competency (id, nature, label, category, subcategory,"
                      " batch_id) VALUES (500, 'macro', 'Utiliser les outils numériques',"
                      " 'Savoir-faire', '', 100);");
  RepereCompetencyPage *page;
  GtkWidget *window = gtk_window_new ();
  g_autoptr (GString) labels = g_string_new (NULL);
  AdwExpanderRow *more = NULL;
  char *message = NULL;

  g_assert_no_error (error);
  /* 45 codes, A1001 to A1045. */
  for (guint i = 1; i <= 45; i++)
    g_string_append_printf (
        sql,
        "INSERT INTO rome_code (code, title, ogr, parent_code, batch_id) VALUES"
        " ('A10%02u', 'Métier %u', %u, 'A10%02u', 100);"
        "INSERT INTO rome_competency (rome_code, competency_id, kind, core, batch_id) VALUES"
        " ('A10%02u', 500, 'savoir-faire', '', 100);",
        i, i, i, i, i);
  if (sqlite3_exec (repere_db_get_handle (db), sql->str, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  page = repere_competency_page_new (db);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  g_assert_true (repere_competency_page_set_competency (page, 500, &error));
  g_assert_no_error (error);
  collect_labels (GTK_WIDGET (page), labels);
  g_assert_null (strstr (labels->str, "repere-cli"));
  /* The expander row (not an AdwActionRow itself). */
  {
    g_autoptr (GPtrArray) stack = g_ptr_array_new ();
    g_ptr_array_add (stack, page);
    while (stack->len > 0 && more == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        if (ADW_IS_EXPANDER_ROW (w))
          more = ADW_EXPANDER_ROW (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
  }
  g_assert_nonnull (more);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==,
                   "5 autres codes ROME");
  g_assert_cmpuint (code_rows (GTK_WIDGET (page)), ==, 40);
  adw_expander_row_set_expanded (more, TRUE);
  g_assert_cmpuint (code_rows (GTK_WIDGET (page)), ==, 45);
  {
    g_autoptr (GString) all = g_string_new (NULL);
    collect_labels (GTK_WIDGET (page), all);
    g_assert_nonnull (strstr (all->str, "A1045  Métier 45"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The job list's class column: "Émergent" (the database's name). */
static void
test_emergent (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "repere.db", NULL);
  g_autoptr (RepereDb) db = repere_db_open (path, &error);
  RepereJobFilter filter = { .classification = "emergent" };
  g_autoptr (GListStore) jobs = NULL;

  g_assert_no_error (error);
  jobs = repere_db_list_jobs (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr (RepereJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      g_assert_cmpstr (repere_job_get_classification_name (job), ==, "Émergent");
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    g_error ("the fr_FR.UTF-8 locale is missing (scripts/dev deps installs it)");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp ("repere-french-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/french/consistency-decimals", test_consistency_decimals);
  g_test_add_func ("/french/emergent", test_emergent);
  g_test_add_func ("/french/competency-more-codes", test_competency_more_codes);
  status = g_test_run ();
  repere_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
