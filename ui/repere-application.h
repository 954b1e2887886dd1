/* repere-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_TYPE_APPLICATION (repere_application_get_type ())
G_DECLARE_FINAL_TYPE (RepereApplication, repere_application, REPERE, APPLICATION, AdwApplication)

RepereApplication *repere_application_new (void);
RepereDb *repere_application_get_db (RepereApplication *self);

G_END_DECLS
