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
 * repere_text_plain_apostrophes:
 * @text: (nullable): UTF-8 text
 *
 * The typographic apostrophes of repere_text_fold() (U+2019, U+2018,
 * U+02BC) as ASCII "'", nothing else changed: "Chargé d’études" and
 * "Chargé d'études" give the same text, "Chargé d'Études" does not. For
 * names that must match exactly but for the apostrophe (a rating sheet's
 * name, issue 13: job names use ’, sheets written before used ').
 *
 * Returns: (transfer full): the text ("" for %NULL)
 */
char *
repere_text_plain_apostrophes (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        c = '\'';
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

/* "-3", "+4", "0,87", "-1.5": a number, which no spreadsheet runs. */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (digits && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  return digits && *p == '\0';
}

static gboolean
is_trigger (char c)
{
  return c != '\0' && strchr (REPERE_TEXT_SPREADSHEET_TRIGGERS, c) != NULL;
}

/**
 * repere_text_spreadsheet_safe:
 * @text: (nullable): a cell's UTF-8 text
 * @string_cell: %TRUE for a cell a spreadsheet stores as text whatever it
 *   holds (an XLSX string cell written by worksheet_write_string()), %FALSE
 *   for a CSV field, which a spreadsheet parses when it opens the file
 *
 * Neutralises a cell a spreadsheet would run as a formula, as OWASP's CSV
 * injection guidance says. The rule, the one every CSV and spreadsheet
 * Repère writes follows (docs/rome-mapping.md, "Cells that start like a formula"):
 *
 * - A CSV field that starts with one of = + - @ TAB CR
 *   (%REPERE_TEXT_SPREADSHEET_TRIGGERS) gets an apostrophe before it, which
 *   spreadsheets show as text: "=1+1" is written "'=1+1". A whole number
 *   ("-3", "+4", "0,87") is left as it is: a spreadsheet reads it as a
 *   number and runs nothing.
 * - A text that itself starts with an apostrophe followed by one of those
 *   characters or by another apostrophe gets one more apostrophe, in CSV
 *   and in string cells alike: "'=x" is written "''=x".
 *
 * repere_text_spreadsheet_plain() undoes exactly this, so that a re-import
 * of Repère's own export gives back the original text.
 *
 * Returns: (transfer full): the text to write ("" for %NULL)
 */
char *
repere_text_spreadsheet_safe (const char *text, gboolean string_cell)
{
  if (text == NULL)
    return g_strdup ("");
  if (text[0] == '\'' && (is_trigger (text[1]) || text[1] == '\''))
    return g_strconcat ("'", text, NULL);
  if (!string_cell && is_trigger (text[0]) && !is_plain_number (text))
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

/**
 * repere_text_spreadsheet_plain:
 * @cell: (nullable): a cell's text as a CSV or spreadsheet file holds it
 *
 * The inverse of repere_text_spreadsheet_safe(), for the importers of
 * files Repère writes (job ↔ ROME mapping, rating sheets): an apostrophe
 * followed by one of = + - @ TAB CR or by another apostrophe is the guard,
 * and is dropped; any other text is as it is ("'abc" stays "'abc").
 *
 * Returns: (transfer none) (nullable): @cell, or @cell + 1 past the guard
 */
const char *
repere_text_spreadsheet_plain (const char *cell)
{
  if (cell != NULL && cell[0] == '\'' && (is_trigger (cell[1]) || cell[1] == '\''))
    return cell + 1;
  return cell;
}
