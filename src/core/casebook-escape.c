/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-escape"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "casebook-escape.h"

/**
 * SECTION:casebook-escape
 *
 * Text that comes from a file must not take over the terminal it is
 * printed on, break the line or the column it is printed in, or flood a
 * message. This file holds the rules for that in one place: which control
 * characters a text may hold (the JSON reader and the case editor refuse
 * the others), how store text is escaped before the command line prints
 * it, and how a message quotes a value it did not write itself.
 */

/* The controls of C0 and C1 and DEL: a terminal acts on them (ESC starts
 * a sequence that can recolour it or write to the clipboard), and a line
 * feed or tab forges lines and columns. */
static inline gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* The controls that reorder what follows them on the screen, so that a
 * line shows something other than what it holds. */
static inline gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static inline gboolean
is_line_separator (gunichar c)
{
  return c == 0x2028 || c == 0x2029;
}

/**
 * casebook_string_find_control:
 * @str: a valid UTF-8 string
 * @kind: whether @str is a one-line text or may hold paragraphs
 * @found: (out) (optional): the first character @str may not hold
 *
 * Looks for a character a text of @kind may not hold: any control
 * character of C0 or C1 or DEL, except that paragraphs may hold line feeds
 * and tabs; one-line texts may not hold the Unicode line and paragraph
 * separators either.
 *
 * Returns: %TRUE if @str holds such a character
 */
gboolean
casebook_string_find_control (const char       *str,
                              CasebookLineKind  kind,
                              gunichar         *found)
{
  const guchar *p = (const guchar *) str;

  g_return_val_if_fail (str != NULL, FALSE);

  /* Every such character has a short, fixed encoding, so a scan of the
   * bytes finds them; the reader checks every text of large files. */
  for (; *p != '\0'; p++)
    {
      gunichar c;

      if (*p < 0x20 || *p == 0x7F)
        {
          if (kind == CASEBOOK_PARAGRAPHS && (*p == '\n' || *p == '\t'))
            continue;
          c = *p;
        }
      else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        c = p[1];
      else if (kind == CASEBOOK_ONE_LINE && *p == 0xE2 && p[1] == 0x80 &&
               (p[2] == 0xA8 || p[2] == 0xA9))
        c = 0x2000 | (p[2] & 0x3F);
      else
        continue;

      if (found != NULL)
        *found = c;
      return TRUE;
    }

  return FALSE;
}

/**
 * casebook_control_message:
 * @c: a character casebook_string_find_control() found
 * @kind: the kind of text it was found in
 *
 * Returns: (transfer full): a clause saying what is wrong, which reads
 *   after the place of the text (“contains the control character U+001B;
 *   one-line texts may not contain control characters”)
 */
char *
casebook_control_message (gunichar         c,
                          CasebookLineKind kind)
{
  if (is_line_separator (c))
    /* Translators: %04X is a character's code, as in U+2028 */
    return g_strdup_printf (_("contains the line break U+%04X; one-line texts may not contain line breaks"), c);

  if (kind == CASEBOOK_ONE_LINE)
    /* Translators: %04X is a character's code, as in U+001B */
    return g_strdup_printf (_("contains the control character U+%04X; "
                              "one-line texts may not contain control characters"), c);

  /* Translators: %04X is a character's code, as in U+000D */
  return g_strdup_printf (_("contains the control character U+%04X; texts may contain line feeds "
                            "and tabs, but no other control characters"), c);
}

/**
 * casebook_string_normalize_lines:
 * @str: a string
 *
 * Turns the line ends of Windows (CR LF) into line feeds, so that a text
 * written on Windows reads as it was meant.
 *
 * Returns: (transfer full) (nullable): the changed copy, or %NULL when
 *   @str holds no CR LF
 */
char *
casebook_string_normalize_lines (const char *str)
{
  const char *crlf;
  GString *out;

  if (str == NULL || (crlf = strstr (str, "\r\n")) == NULL)
    return NULL;

  out = g_string_sized_new (strlen (str));
  do
    {
      g_string_append_len (out, str, crlf - str);
      g_string_append_c (out, '\n');
      str = crlf + 2;
    }
  while ((crlf = strstr (str, "\r\n")) != NULL);
  g_string_append (out, str);

  return g_string_free (out, FALSE);
}

static gboolean
needs_escape (gunichar            c,
              CasebookEscapeFlags flags)
{
  if ((flags & CASEBOOK_ESCAPE_KEEP_LINES) != 0 && (c == '\n' || c == '\t'))
    return FALSE;

  return is_control (c) || is_bidi_control (c) || is_line_separator (c);
}

/* Appends @data (up to @end) escaped to @out. With @max_chars > 0 it stops
 * once @out has that many characters more and ends with an ellipsis, so a
 * 4 MB value costs no more than a short one. Bytes that are not UTF-8 are
 * escaped one by one, as a store written by another program may hold
 * them. */
static void
append_escaped (GString             *out,
                const char          *data,
                const char          *end,
                CasebookEscapeFlags  flags,
                gsize                max_chars)
{
  const char *p = data;
  gsize n = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize before = out->len;

      if (max_chars > 0 && n >= max_chars)
        {
          g_string_append (out, "…");
          return;
        }

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          n += out->len - before;
          continue;
        }

      if (needs_escape (c, flags))
        {
          if (c < 0x80)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_printf (out, "\\u{%x}", c);
          n += out->len - before;
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          n++;
        }

      p = g_utf8_next_char (p);
    }
}

/**
 * casebook_escape:
 * @str: (nullable): text from a file or a store, not necessarily valid UTF-8
 * @flags: what to leave alone
 *
 * Makes @str safe to print to a terminal or in a line of TAB-separated
 * output: control characters (C0, DEL, C1), the bidirectional controls
 * and the Unicode line separators become visible escapes such as `\x1b`
 * and `\u{202e}`, and so does every byte that is not UTF-8. With
 * %CASEBOOK_ESCAPE_LINE, line feeds and tabs are escaped too, so the
 * result stays on one line and in one column.
 *
 * Returns: (transfer full): the escaped text; "" for %NULL
 */
char *
casebook_escape (const char          *str,
                 CasebookEscapeFlags  flags)
{
  GString *out;
  gsize len;

  if (str == NULL)
    return g_strdup ("");

  len = strlen (str);
  out = g_string_sized_new (len);
  append_escaped (out, str, str + len, flags, 0);

  return g_string_free (out, FALSE);
}

/**
 * casebook_quote_bytes:
 * @data: (array length=length): text from a file, not necessarily valid UTF-8
 * @length: its length in bytes
 *
 * Like casebook_quote_value(), for text that is not a string of its own,
 * such as a number in the middle of a file.
 *
 * Returns: (transfer full): the text to put in a message
 */
char *
casebook_quote_bytes (const char *data,
                      gsize       length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (data != NULL || length == 0, g_strdup (""));

  if (length > 0)
    append_escaped (out, data, data + length, CASEBOOK_ESCAPE_LINE, CASEBOOK_QUOTE_MAX_CHARS);

  return g_string_free (out, FALSE);
}

/**
 * casebook_quote_value:
 * @str: (nullable): a value from a file, a store or the command line
 *
 * Prepares a value for a message that quotes it: escaped as
 * casebook_escape() does for one line, and cut after
 * %CASEBOOK_QUOTE_MAX_CHARS characters, on a character boundary, with an
 * ellipsis (…). A value of megabytes thus makes a message of one line.
 *
 * Returns: (transfer full): the text to put in a message
 */
char *
casebook_quote_value (const char *str)
{
  if (str == NULL)
    return g_strdup ("");

  return casebook_quote_bytes (str, strlen (str));
}
