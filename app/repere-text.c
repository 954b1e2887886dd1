/* repere-text.c: text folding for search and comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-text.h"

#include <glib/gi18n.h>
#include <string.h>

/**
 * repere_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text for comparison: canonical decomposition (GLib's Unicode
 * tables) without combining marks, case-folded, typographic apostrophes
 * (U+2019, U+2018) as ASCII "'", runs of white space as one space, trimmed.
 * "Médecin d’Assistance" and "medecin d'assistance" fold alike.
 *
 * Returns: (transfer full): the folded text ("" for %NULL)
 */
char *
repere_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_combining_class (c) != 0)
        continue;
      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        c = '\'';
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * repere_text_format_score:
 * @score: an exposure score 0–1, or a negative value for none
 *
 * Returns: (transfer full): the score with two decimals in the current
 *   locale ("0,87" in French), or "—" when there is none
 */
char *
repere_text_format_score (double score)
{
  if (score < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", score);
}

/**
 * repere_text_comment_kind:
 * @kind: a use-case comment kind of the schema: approfondissement, limite,
 *   prerequis or note (fiches, section 4.2)
 *
 * Returns: (transfer none): its label as the study prints it, translated
 */
const char *
repere_text_comment_kind (const char *kind)
{
  if (g_strcmp0 (kind, "approfondissement") == 0)
    return _("Approfondissement");
  if (g_strcmp0 (kind, "limite") == 0)
    return _("Limite");
  if (g_strcmp0 (kind, "prerequis") == 0)
    return _("Prérequis");
  return _("Note");
}

/**
 * repere_text_is_name:
 * @text: (nullable): a name typed by a user or read from a file (an
 *   assessment, a rater)
 *
 * A name is valid UTF-8 without control characters (tab, line break, NUL
 * escape sequences…) nor Unicode line or paragraph separators: such a name
 * would break the TSV of repere-cli and the lines of the window's lists.
 * Emptiness is left to the caller.
 *
 * Returns: %TRUE when @text is %NULL-free, valid UTF-8 and holds no such character
 */
gboolean
repere_text_is_name (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return TRUE;
}
