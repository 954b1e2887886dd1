/* repere-search.c: why a job matched a search, and the nearest titles for a typo
 *
 * The ranking itself is SQL (repere_db_list_jobs(), FTS5 bm25 over schema
 * 002's job_search); this file words its snippets and, when nothing
 * matches, finds the titles nearest to what was typed (issue 13).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-search.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "repere-text.h"

/**
 * repere_search_edit_distance:
 * @a: UTF-8 text
 * @b: UTF-8 text
 *
 * The Damerau–Levenshtein distance between @a and @b in characters (the
 * "optimal string alignment" variant: insertions, deletions, substitutions
 * and transpositions of two neighbours, each costing 1). Compare folded
 * text (repere_text_fold()) to ignore case and accents.
 *
 * Returns: the number of edits, 0 when @a and @b are equal
 */
guint
repere_search_edit_distance (const char *a, const char *b)
{
  glong n = 0, m = 0;
  g_autofree gunichar *s = g_utf8_to_ucs4_fast (a, -1, &n);
  g_autofree gunichar *t = g_utf8_to_ucs4_fast (b, -1, &m);
  g_autofree guint *d = g_new0 (guint, (n + 1) * (m + 1));
  guint result;

#define D(i, j) d[(i) * (m + 1) + (j)]
  for (glong i = 0; i <= n; i++)
    D (i, 0) = i;
  for (glong j = 0; j <= m; j++)
    D (0, j) = j;
  for (glong i = 1; i <= n; i++)
    for (glong j = 1; j <= m; j++)
      {
        guint cost = s[i - 1] == t[j - 1] ? 0 : 1;
        guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);
        best = MIN (best, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  result = D (n, m);
#undef D
  return result;
}

/* Folded words of @text: letters and digits only ("d’assistance" is "d",
 * "assistance"). */
static GPtrArray *
folded_words (const char *text)
{
  g_autofree char *folded = repere_text_fold (text);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

/* Edits allowed in a typed word: none up to 3 letters, one up to 5, two
 * beyond ("medcin" → "medecin" is one). */
static guint
allowed_edits (const char *word)
{
  glong len = g_utf8_strlen (word, -1);
  return len <= 3 ? 0 : len <= 5 ? 1 : 2;
}

/* Edits from the typed words to @title's words: each typed word against the
 * nearest title word, or the start of one as long as the typed word (typing
 * is often unfinished). G_MAXUINT when a word is beyond allowed_edits(). */
static guint
title_distance (GPtrArray *typed, GPtrArray *title)
{
  guint total = 0;

  for (guint i = 0; i < typed->len; i++)
    {
      const char *q = g_ptr_array_index (typed, i);
      glong q_len = g_utf8_strlen (q, -1);
      guint best = G_MAXUINT;

      for (guint j = 0; j < title->len; j++)
        {
          const char *w = g_ptr_array_index (title, j);
          guint full = repere_search_edit_distance (q, w);
          best = MIN (best, full);
          if (g_utf8_strlen (w, -1) > q_len)
            {
              g_autofree char *start = g_utf8_substring (w, 0, q_len);
              best = MIN (best, repere_search_edit_distance (q, start));
            }
        }
      if (best > allowed_edits (q))
        return G_MAXUINT;
      total += best;
    }
  return total;
}

typedef struct
{
  char *name;
  guint distance;
  guint extra_words;
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;
  g_free (c->name);
  g_free (c);
}

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *x = *(Candidate *const *) a;
  const Candidate *y = *(Candidate *const *) b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->extra_words != y->extra_words)
    return x->extra_words < y->extra_words ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/**
 * repere_search_suggest:
 * @db: the database
 * @text: what was typed
 * @max: how many names at most
 * @error: %REPERE_DB_ERROR_QUERY
 *
 * The job titles nearest to @text, for a search that found nothing: every
 * typed word (case, accents and punctuation ignored) must be within a few
 * edits (Damerau–Levenshtein: none up to 3 letters, 1 up to 5, 2 beyond) of
 * a word of the job's name or of one of the study's spellings of it
 * (job_alias), or of the start of one. "medcin" gives "Médecin d’assistance".
 *
 * Returns: (transfer full) (element-type utf8): the jobs' names, nearest
 *   first (fewest edits, then fewest other words, then name); empty when
 *   none is near enough
 */
GPtrArray *
repere_search_suggest (RepereDb *db, const char *text, guint max, GError **error)
{
  sqlite3 *handle = repere_db_get_handle (db);
  g_autoptr (GPtrArray) typed = folded_words (text);
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (candidate_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (typed->len == 0)
    return names;
  if (sqlite3_prepare_v2 (
          handle,
          "SELECT j.name, j.name FROM job j"
          " UNION ALL SELECT j.name, a.alias FROM job_alias a JOIN job j ON j.id = a.job_id",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                   _ ("Cannot read the job titles: %s"), sqlite3_errmsg (handle));
      g_ptr_array_unref (names);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr (GPtrArray) words = folded_words ((const char *) sqlite3_column_text (stmt, 1));
      guint distance = title_distance (typed, words);
      Candidate *c;

      if (distance == G_MAXUINT)
        continue;
      c = g_new0 (Candidate, 1);
      c->name = g_strdup (name);
      c->distance = distance;
      c->extra_words = words->len > typed->len ? words->len - typed->len : 0;
      g_ptr_array_add (candidates, c);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, REPERE_DB_ERROR, REPERE_DB_ERROR_QUERY,
                   _ ("Cannot read the job titles: %s"), sqlite3_errmsg (handle));
      g_ptr_array_unref (names);
      return NULL;
    }
  g_ptr_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && names->len < max; i++)
    {
      Candidate *c = g_ptr_array_index (candidates, i);
      if (g_hash_table_add (seen, c->name))
        g_ptr_array_add (names, g_strdup (c->name));
    }
  return names;
}

static const char *
where_label (const char *where)
{
  if (g_strcmp0 (where, "name") == 0)
    return _ ("Name");
  if (g_strcmp0 (where, "aliases") == 0)
    return _ ("Other spelling");
  if (g_strcmp0 (where, "family") == 0)
    return _ ("Family");
  if (g_strcmp0 (where, "use_cases") == 0)
    return _ ("Use cases");
  return _ ("Description and outlook");
}

/**
 * repere_search_describe_match:
 * @job: a job of a search's list (repere_db_list_jobs())
 * @open: put before each matched word, e.g. "["
 * @close: put after it, e.g. "]"
 *
 * Where the search found @job and the words around the match:
 * "Other spelling: Médecin [assistance]".
 *
 * Returns: (transfer full) (nullable): the text, %NULL without a search
 */
char *
repere_search_describe_match (RepereJob *job, const char *open, const char *close)
{
  const char *snippet = repere_job_get_match_snippet (job);
  GString *out;

  if (snippet == NULL)
    return NULL;
  /* TRANSLATORS: where a search matched a job, then a few words: "Name: …" */
  out = g_string_new (NULL);
  g_string_printf (out, _ ("%s: "), where_label (repere_job_get_match_where (job)));
  for (const char *p = snippet; *p; p++)
    if (*p == '\002')
      g_string_append (out, open);
    else if (*p == '\003')
      g_string_append (out, close);
    else if (*p == '\n' || *p == '\t')
      g_string_append_c (out, ' ');
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/**
 * repere_search_match_markup:
 * @job: a job of a search's list
 *
 * repere_search_describe_match() as Pango markup, the matched words bold.
 *
 * Returns: (transfer full) (nullable): the markup, %NULL without a search
 */
char *
repere_search_match_markup (RepereJob *job)
{
  g_autofree char *text = repere_search_describe_match (job, "\002", "\003");
  GString *out;
  const char *p = text;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  while (*p)
    {
      const char *end = p + strcspn (p, "\002\003");
      g_autofree char *escaped = g_markup_escape_text (p, end - p);
      g_string_append (out, escaped);
      if (*end == '\002')
        g_string_append (out, "<b>");
      else if (*end == '\003')
        g_string_append (out, "</b>");
      p = *end ? end + 1 : end;
    }
  return g_string_free (out, FALSE);
}
