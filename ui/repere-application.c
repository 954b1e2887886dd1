/* repere-application.c: the GtkApplication; opens the database and the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-application.h"

#include <glib/gi18n.h>

#include "repere-settings.h"
#include "repere-a11y.h"
#include "repere-window.h"

struct _RepereApplication
{
  AdwApplication parent_instance;
  char *database;
  char *job;
  char *assessment;
  char *view;
  char *size; /* "WIDTHxHEIGHT" (--size), or NULL */
  RepereDb *db;
  GSettings *settings; /* issue 13: remembered state; NULL without the schema */
};

G_DEFINE_TYPE (RepereApplication, repere_application, ADW_TYPE_APPLICATION)

static void
repere_application_finalize (GObject *object)
{
  RepereApplication *self = REPERE_APPLICATION (object);

  g_free (self->database);
  g_free (self->job);
  g_free (self->assessment);
  g_free (self->view);
  g_free (self->size);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (repere_application_parent_class)->finalize (object);
}

static int
repere_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  RepereApplication *self = REPERE_APPLICATION (app);

  g_variant_dict_lookup (options, "database", "^ay", &self->database);
  g_variant_dict_lookup (options, "job", "s", &self->job);
  g_variant_dict_lookup (options, "assessment", "s", &self->assessment);
  g_variant_dict_lookup (options, "view", "s", &self->view);
  /* Issue 13: one instance per database. Another database is another
   * application id (a hash of its absolute path), so a second launch on the
   * same file presents the window already open and one on another file
   * opens its own. */
  if (self->database && !(g_application_get_flags (app) & G_APPLICATION_NON_UNIQUE))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (self->database);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path ? path : self->database, -1);
      g_autofree char *id = g_strdup_printf ("%s.db_%.16s", APPLICATION_ID, hash);
      g_application_set_application_id (app, id);
    }
  g_variant_dict_lookup (options, "size", "s", &self->size);
  return -1;
}

static void
show_fatal_error (RepereApplication *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Repère cannot start"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
repere_application_activate (GApplication *app)
{
  RepereApplication *self = REPERE_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr (GError) error = NULL;

      if (self->db == NULL)
        self->db = repere_db_open (self->database, &error);
      if (self->db == NULL)
        {
          g_printerr ("repere: %s\n", error->message);
          show_fatal_error (self, error->message);
          return;
        }
      window = GTK_WINDOW (repere_window_new (self, self->db));
      /* Issue 9: the bundled ROME referential when the database has none.
       * Said before a job is shown, so that the job page is built once, in
       * its loading state; the load starts on a worker thread after the
       * first frame. */
      repere_window_load_bundled_rome (REPERE_WINDOW (window));
      /* Issue 13: the state of the last session, then the command line's. */
      if (self->settings == NULL)
        self->settings = repere_settings_new ();
      if (self->settings)
        repere_window_restore_state (REPERE_WINDOW (window), self->settings);
      if (self->assessment)
        repere_window_set_assessment (REPERE_WINDOW (window), self->assessment);
      if (self->job)
        {
          g_autofree char *id = repere_db_find_job (self->db, self->job, &error);
          if (id)
            {
              /* All jobs shown, whatever filters were remembered. */
              repere_window_set_family_filter (REPERE_WINDOW (window), NULL);
              repere_window_set_classification_filter (REPERE_WINDOW (window), NULL);
              repere_window_set_core_only (REPERE_WINDOW (window), FALSE);
              repere_window_select_job (REPERE_WINDOW (window), id);
            }
          else
            g_printerr ("repere: %s\n", error->message);
        }
      if (self->size)
        {
          /* Issue 13: the window at a given size (screenshots at 800 × 600
           * and 1920 × 1080; small screens). */
          int width = 0, height = 0;
          if (sscanf (self->size, "%dx%d", &width, &height) == 2 && width > 0 && height > 0)
            gtk_window_set_default_size (window, width, height);
          else
            g_printerr ("repere: %s\n", _("--size takes WIDTHxHEIGHT in pixels, as 800x600"));
        }
      gtk_window_present (window);
      /* After the window: a view may open a window of its own over it (the
       * rating grid, the agreement report). */
      if (self->view && !repere_window_show_view (REPERE_WINDOW (window), self->view))
        g_printerr ("repere: %s\n", _("Unknown view (ranking, classification, distribution, evolution, families, "
                                       "consistency, survey, study, rating, agreement, history)"));
      return;
    }
  gtk_window_present (window);
}

static void
on_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  RepereApplication *self = user_data;
  const char *developers[] = { _("Repère developers"), NULL };
  GtkWidget *about = adw_about_window_new ();

  /* Issue 9: the ROME referential bundled with Repère, its source and licence. */
  adw_about_window_add_legal_section (
      ADW_ABOUT_WINDOW (about), _("ROME 4.0 referential"),
      _("© France Travail — ROME 4.0 open data, version 60 (v460, “25M09”), published on 18 September 2025"),
      GTK_LICENSE_CUSTOM,
      _("Repère bundles the ROME 4.0 open data of France Travail, version 60 (v460, release 25M09, published on "
        "18 September 2025), under the Licence Ouverte / Open Licence of Etalab, which allows it to be reused and "
        "redistributed with its source named. Newer releases can be imported from the menu."));
  /* Issue 13: the study, the source of every figure, and its reuse. */
  adw_about_window_add_legal_section (
      ADW_ABOUT_WINDOW (about), _("The study"),
      _("© Observatoire des métiers de l’assistance — “Impacts de l’IA générative pour les métiers de "
        "l’assistance”, with PwC, 2024–2025"),
      GTK_LICENSE_CUSTOM,
      _("The scores, ranks, classes, use cases, fiches and recommendations come from the study of the "
        "Observatoire des métiers de l’assistance, quoted with their source for the branch’s HR officers; "
        "the study stays its authors’ work."));
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Licence Ouverte / Open Licence 2.0 (Etalab)"),
                             "https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
  g_object_set (about, "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", "Repère",
                         "application-icon", "org.observatoire_assistance.Repere",
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Repère developers"),
                         "developers", developers,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_ISSUES,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments",
                         _("The jobs of the assistance branch and their exposure to generative AI, "
                           "from the study of the Observatoire des métiers de l’assistance (2024–2025)."),
                         NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Issue 13: the user guide (F1, main menu ▸ User Guide), its text in the
 * resources (ui/repere-guide.ui), translated. */
static void
on_help (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  RepereApplication *self = user_data;
  g_autoptr (GtkBuilder) builder
      = gtk_builder_new_from_resource ("/org/observatoire_assistance/Repere/ui/repere-guide.ui");
  GtkWindow *guide = GTK_WINDOW (gtk_builder_get_object (builder, "guide_window"));

  gtk_window_set_transient_for (guide, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (guide, GTK_APPLICATION (self));
  repere_window_close_on_escape (guide);
  gtk_window_present (guide);
}

static void
on_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
repere_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", on_about, NULL, NULL, NULL },
    { "help", on_help, NULL, NULL, NULL },
    { "quit", on_quit, NULL, NULL, NULL },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *search_accels[] = { "<Control>f", NULL };
  const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (repere_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  /* Issue 13: the application icon from the source tree when Repère runs
   * from its build directory (installed, the theme finds it). */
  if (g_file_test (SOURCE_ICONDIR, G_FILE_TEST_IS_DIR) && gdk_display_get_default ())
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), SOURCE_ICONDIR);
  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
repere_application_class_init (RepereApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = repere_application_finalize;
  app_class->handle_local_options = repere_application_handle_local_options;
  app_class->activate = repere_application_activate;
  app_class->startup = repere_application_startup;
}

static void
repere_application_init (RepereApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Database file (default: the user's)"), N_("PATH") },
    { "job", 'j', 0, G_OPTION_ARG_STRING, NULL, N_("Open on this job's page (id or name)"), N_("JOB") },
    { "assessment", 'a', 0, G_OPTION_ARG_STRING, NULL, N_("Open on this assessment (id)"), N_("ID") },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open the window at this size, in pixels"), N_("WIDTHxHEIGHT") },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open on this view: ranking, classification, distribution, evolution, families, consistency, survey or study; with a user assessment: rating (the job's grid), agreement or history"), N_("VIEW") },
    { NULL }
  };
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/**
 * repere_application_new:
 *
 * Returns: (transfer full): the application, one instance per database
 *   (issue 13: the application id carries a hash of the --database path);
 *   without a D-Bus session bus, or with REPERE_NON_UNIQUE=1 in the
 *   environment, each run is its own instance (G_APPLICATION_NON_UNIQUE).
 */
RepereApplication *
repere_application_new (void)
{
  gboolean unique = g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL && g_strcmp0 (g_getenv ("REPERE_NON_UNIQUE"), "1") != 0;

  return g_object_new (REPERE_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       unique ? G_APPLICATION_DEFAULT_FLAGS : G_APPLICATION_NON_UNIQUE, NULL);
}

/**
 * repere_application_get_db:
 *
 * Returns: (transfer none) (nullable): the open database, once activated
 */
RepereDb *
repere_application_get_db (RepereApplication *self)
{
  return self->db;
}
