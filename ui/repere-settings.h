/* repere-settings.h: the remembered state's GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *
repere_settings_new (void);

G_END_DECLS
