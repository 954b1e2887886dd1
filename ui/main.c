/* main.c: Repère, the GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "repere-application.h"
#include "repere-renderer.h"

/* An uninstalled build has its .mo files under BUILD_LOCALEDIR, not LOCALEDIR. */
static const char *
locale_dir (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *built = g_build_filename (BUILD_LOCALEDIR, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (installed, G_FILE_TEST_EXISTS) && g_file_test (built, G_FILE_TEST_EXISTS))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
main (int argc, char **argv)
{
  g_autoptr (RepereApplication) app = NULL;

  /* Issue 13: GTK's cairo renderer when GL would be software (no GPU);
   * before GTK reads its environment. GSK_RENDERER set by the user wins. */
  repere_renderer_select (NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = repere_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
