/* repere-rome-bundle.h: the ROME referential compiled into Repère
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-rome-import.h"

G_BEGIN_DECLS

/* The release bundled in data/rome/ (France Travail, ROME 4.0 open data,
 * Licence Ouverte / Open Licence, Etalab). */
#define REPERE_ROME_BUNDLED_VERSION "v460"
#define REPERE_ROME_BUNDLED_RELEASE "25M09"
#define REPERE_ROME_BUNDLED_DATE "2025-09-18"

gboolean
repere_rome_bundle_needed (RepereDb *db, gboolean *needed, GError **error);
gint64
repere_rome_bundle_load (RepereDb *db, RepereRomeProgress progress, gpointer user_data,
                         GCancellable *cancellable, GError **error);
void
repere_rome_bundle_load_async (RepereDb *db, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
gint64
repere_rome_bundle_load_finish (RepereDb *db, GAsyncResult *result, GError **error);
RepereRomeImport *
repere_rome_bundle_prepare (RepereDb *db, GCancellable *cancellable, GError **error);
gboolean
repere_rome_top_competencies_load (sqlite3 *handle, GError **error);

G_END_DECLS
