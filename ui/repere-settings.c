/* repere-settings.c: the remembered state's GSettings (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-settings.h"

/**
 * repere_settings_new:
 *
 * The settings of data/org.observatoire_assistance.Repere.gschema.xml.
 * The schema is looked up where GLib looks (installed in
 * share/glib-2.0/schemas, or GSETTINGS_SCHEMA_DIR), then, for an
 * uninstalled build, in the build's data folder where meson compiles it
 * (BUILD_SCHEMA_DIR); the backend is GLib's (GSETTINGS_BACKEND=memory in
 * the tests).
 *
 * Returns: (transfer full) (nullable): the settings; %NULL, with a warning,
 *   when the schema is found nowhere
 */
GSettings *
repere_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSettingsSchemaSource) built
          = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, source, FALSE, &error);
      if (built)
        schema = g_settings_schema_source_lookup (built, APPLICATION_ID, FALSE);
      if (schema == NULL)
        {
          g_warning ("No settings schema %s (%s): nothing will be remembered", APPLICATION_ID,
                     error ? error->message : BUILD_SCHEMA_DIR);
          return NULL;
        }
    }
  return g_settings_new_full (schema, NULL, NULL);
}
