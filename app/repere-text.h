/* repere-text.h: text folding for search and comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *repere_text_fold (const char *text);
char *repere_text_plain_apostrophes (const char *text);
gboolean repere_text_is_name (const char *text);
char *repere_text_format_score (double score);
const char *repere_text_comment_kind (const char *kind);

/* The first characters that make a spreadsheet run a cell as a formula
 * (OWASP, CSV injection): = + - @ TAB CR. */
#define REPERE_TEXT_SPREADSHEET_TRIGGERS "=+-@\t\r"

char *repere_text_spreadsheet_safe (const char *text, gboolean string_cell);
const char *repere_text_spreadsheet_plain (const char *cell);

G_END_DECLS
