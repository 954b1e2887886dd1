/* repere-text.h: text folding for search and comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *repere_text_fold (const char *text);
gboolean repere_text_is_name (const char *text);
char *repere_text_format_score (double score);
const char *repere_text_comment_kind (const char *kind);

G_END_DECLS
