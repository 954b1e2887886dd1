/* repere-search.h: why a job matched a search, and the nearest titles for a typo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"
#include "repere-job.h"

G_BEGIN_DECLS

guint
repere_search_edit_distance (const char *a, const char *b);
GPtrArray *
repere_search_suggest (RepereDb *db, const char *text, guint max, GError **error);
char *
repere_search_describe_match (RepereJob *job, const char *open, const char *close);
char *
repere_search_match_markup (RepereJob *job);

G_END_DECLS
