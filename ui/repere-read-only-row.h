/* repere-read-only-row.h: a boxed list's row that only shows text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REPERE_TYPE_READ_ONLY_ROW (repere_read_only_row_get_type ())
G_DECLARE_FINAL_TYPE (RepereReadOnlyRow, repere_read_only_row, REPERE, READ_ONLY_ROW, AdwActionRow)

GtkWidget *
repere_read_only_row_new (void);
void
repere_read_only_row_make (GtkListBoxRow *row);

G_END_DECLS
