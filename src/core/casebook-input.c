/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-input"

#include <math.h>

#include "casebook-input.h"

/* Numbers as a person types them into a field, and back: the editor's
 * fields read with these, and show what they read with
 * casebook_input_format_number() so that reading it again gives the same
 * number. casebook-format.c, by contrast, writes numbers to be read. */

/**
 * casebook_input_parse_number:
 * @text: what was typed
 * @value: (out): the number, if @text is one
 *
 * Reads a number as a person types it: "40", "-12.5", "−40" (with the
 * minus sign the case page shows). Thousands separators are refused rather
 * than guessed at: “1,000” is a thousand in English and may be one point
 * zero elsewhere. Spaces around the number are ignored.
 *
 * Returns: %TRUE if @text is a finite number
 */
gboolean
casebook_input_parse_number (const char *text,
                             double     *value)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(GString) ascii = g_string_new (NULL);
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)
        g_string_append_c (ascii, '-');
      else if (c < 0x80 && (g_ascii_isdigit ((char) c) || c == '.' || c == '-' || c == '+' ||
                            c == 'e' || c == 'E'))
        g_string_append_c (ascii, (char) c);
      else
        return FALSE;
    }

  if (ascii->len == 0)
    return FALSE;

  v = g_ascii_strtod (ascii->str, &end);
  if (end == ascii->str || *end != '\0' || !isfinite (v))
    return FALSE;

  *value = v;
  return TRUE;
}

/**
 * casebook_input_parse_whole:
 * @text: what was typed
 * @value: (out): the number, if @text is one
 *
 * Reads a whole number that is not negative, such as a headcount or a
 * year, in decimal digits only. Spaces around it are ignored.
 *
 * Returns: %TRUE if @text is such a number and fits in a #gint64
 */
gboolean
casebook_input_parse_whole (const char *text,
                            gint64     *value)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 v;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXINT64, &v, NULL))
    return FALSE;

  *value = (gint64) v;
  return TRUE;
}

/**
 * casebook_input_format_number:
 * @value: a finite number
 *
 * Writes @value with as few digits as read back as the same number, so
 * that a field shows a stored value without changing it.
 *
 * Returns: (transfer full): the number as text
 */
char *
casebook_input_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return g_strdup (buf);
}
