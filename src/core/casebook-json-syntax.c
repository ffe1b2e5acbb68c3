/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* json-glib 1.6 is lenient where it should not be (comments, single
 * quotes, octal numbers, several roots), silently mangles integers beyond
 * 64 bits, recurses without a limit, and reports success with no root for
 * empty input. This is a strict RFC 8259 checker, and
 * _casebook_json_parse() at the end runs it first, so json-glib only ever
 * sees documents it handles correctly. */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "casebook-escape.h"
#include "casebook-json-private.h"

/* Long enough for any text a case holds, short enough that one string
 * cannot fill the memory. */
#define MAX_STRING_LENGTH (4 * 1024 * 1024)

typedef struct
{
  const char  *name;
  const char  *start;
  const char  *p;
  const char  *end;
  GError     **error;
  /* When not NULL, the spans of the elements of the top-level "cases"
   * array are gathered here, and the array's brackets are kept. */
  GArray      *spans;
  gboolean     in_cases;
  const char  *cases_open;
  const char  *cases_close;
} Lexer;

static void
lexer_position (Lexer      *lx,
                const char *at,
                guint      *line,
                guint      *column)
{
  const char *line_start = lx->start;

  *line = 1;
  for (const char *q = lx->start; q < at; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          line_start = q + 1;
        }
    }

  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

G_GNUC_PRINTF (4, 5)
static gboolean
lexer_fail (Lexer             *lx,
            const char        *at,
            CasebookJsonError  code,
            const char        *format,
            ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  lexer_position (lx, at, &line, &column);
  g_set_error (lx->error, CASEBOOK_JSON_ERROR, code,
               /* Translators: a file name, a line and a column, then what
                * is wrong there. Keep the ASCII colons between the name,
                * the line and the column: editors and tools read them. */
               _("%s:%u:%u: %s"), lx->name, line, column, message);

  return FALSE;
}

static void
lexer_skip_space (Lexer *lx)
{
  while (lx->p < lx->end &&
         (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\n' || *lx->p == '\r'))
    lx->p++;
}

static char *
describe_char (const char *at,
               const char *end)
{
  gunichar c;

  /* What was found where something else was expected: these read after
   * “found” (“expected a value, found the end of the file”). */
  if (at >= end)
    /* Translators: what was found, as in “expected a value, found the end of the file” */
    return g_strdup (_("the end of the file"));

  c = g_utf8_get_char (at);
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    /* Translators: what was found, as in “expected a value, found control
     * character U+0007”; %04X is the character's code */
    return g_strdup_printf (_("control character U+%04X"), c);

  {
    g_autofree char *quoted = casebook_quote_bytes (at, g_utf8_next_char (at) - at);
    /* Translators: a character the file holds, in quotes, as in
     * “expected a value, found “x”” */
    return g_strdup_printf (_("“%s”"), quoted);
  }
}

static gboolean lexer_value (Lexer *lx, guint depth);
static gboolean lexer_document (Lexer *lx, gsize length);

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
lexer_hex4 (Lexer      *lx,
            const char *at,
            guint      *out)
{
  guint v = 0;

  if (lx->end - at < 4)
    return lexer_fail (lx, at, CASEBOOK_JSON_ERROR_SYNTAX,
                       _("a \\u escape needs four hexadecimal digits"));

  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (at[i]);

      if (h < 0)
        return lexer_fail (lx, at, CASEBOOK_JSON_ERROR_SYNTAX,
                           _("a \\u escape needs four hexadecimal digits"));
      v = (v << 4) | (guint) h;
    }

  *out = v;
  return TRUE;
}

/* Decodes the contents of a string lexer_string() has checked, so that
 * "\u0063ases" and "cases" are the same member name: json-glib decodes
 * both, and the later one would win. The work is bounded by the length
 * of the string, which the lexer has bounded. */
static char *
decode_checked_string (const char *s,
                       const char *end)
{
  GString *out = g_string_sized_new (end - s);

  while (s < end)
    {
      const char *esc = memchr (s, '\\', end - s);
      guint cp = 0;

      if (esc == NULL)
        esc = end;
      g_string_append_len (out, s, esc - s);
      s = esc;
      if (s >= end)
        break;

      s++;
      switch (*s)
        {
        case 'b': g_string_append_c (out, '\b'); s++; break;
        case 'f': g_string_append_c (out, '\f'); s++; break;
        case 'n': g_string_append_c (out, '\n'); s++; break;
        case 'r': g_string_append_c (out, '\r'); s++; break;
        case 't': g_string_append_c (out, '\t'); s++; break;
        case 'u':
          for (guint i = 1; i <= 4; i++)
            cp = (cp << 4) | (guint) hex_value (s[i]);
          s += 5;
          if (cp >= 0xD800 && cp <= 0xDBFF)
            {
              guint low = 0;

              /* The lexer has checked that a low surrogate follows. */
              for (guint i = 2; i <= 5; i++)
                low = (low << 4) | (guint) hex_value (s[i]);
              s += 6;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
          g_string_append_unichar (out, cp);
          break;
        default:
          /* '"', '\\' and '/' stand for themselves. */
          g_string_append_c (out, *s);
          s++;
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Reads a string starting at its opening quote. @contents and @length
 * receive where its contents lie in the data, escapes and all, when
 * @contents is not %NULL. */
static gboolean
lexer_string (Lexer       *lx,
              const char **contents,
              gsize       *length)
{
  const char *open = lx->p;
  const char *content;

  g_assert (*lx->p == '"');
  lx->p++;
  content = lx->p;

  while (lx->p < lx->end)
    {
      guchar c = (guchar) *lx->p;

      if (c == '"')
        {
          if (lx->p - content > MAX_STRING_LENGTH)
            return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_TOO_LARGE,
                               _("a string is longer than %d bytes"), MAX_STRING_LENGTH);
          if (contents != NULL)
            {
              *contents = content;
              *length = lx->p - content;
            }
          lx->p++;
          return TRUE;
        }

      if (c < 0x20)
        return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                           /* Translators: %04X is a character's code, as in U+0009 */
                           _("control character U+%04X inside a string; write it as an escape"),
                           c);

      if (c == '\\')
        {
          const char *esc = lx->p;

          lx->p++;
          if (lx->p >= lx->end)
            break;

          switch (*lx->p)
            {
            case '"': case '\\': case '/': case 'b':
            case 'f': case 'n': case 'r': case 't':
              lx->p++;
              break;

            case 'u':
              {
                guint cp;

                if (!lexer_hex4 (lx, lx->p + 1, &cp))
                  return FALSE;
                lx->p += 5;

                if (cp == 0)
                  return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                     _("the escape \\u0000 (a NUL character) is not allowed"));

                if (cp >= 0xDC00 && cp <= 0xDFFF)
                  return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                     /* Translators: \u%04X is an escape in the file, such as \uDC00 */
                                     _("a low surrogate \\u%04X without a high surrogate before it"), cp);

                if (cp >= 0xD800 && cp <= 0xDBFF)
                  {
                    guint low;

                    if (lx->end - lx->p < 6 || lx->p[0] != '\\' || lx->p[1] != 'u' ||
                        !lexer_hex4 (lx, lx->p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                      {
                        g_clear_error (lx->error);
                        return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                           /* Translators: \u%04X is an escape in the file, such as \uD800 */
                                           _("a high surrogate \\u%04X without a low surrogate after it"), cp);
                      }
                    lx->p += 6;
                  }
              }
              break;

            default:
              {
                g_autofree char *what = describe_char (lx->p, lx->end);
                return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                   /* Translators: %s is the character after the backslash, in quotes */
                                   _("unknown escape \\%s"), what);
              }
            }
          continue;
        }

      lx->p++;
    }

  return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_SYNTAX,
                     _("a string is not closed before the end of the file"));
}

static gboolean
lexer_number (Lexer *lx)
{
  const char *start = lx->p;
  gboolean is_integer = TRUE;
  g_autofree char *long_text = NULL;
  char short_text[64];
  const char *text;
  gsize length;

  if (*lx->p == '-')
    lx->p++;

  if (lx->p >= lx->end || !g_ascii_isdigit (*lx->p))
    return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_SYNTAX,
                       _("a minus sign must be followed by a digit"));

  if (*lx->p == '0')
    {
      lx->p++;
      if (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                           _("numbers cannot have leading zeros (octal numbers are not JSON)"));
      if (lx->p < lx->end && (*lx->p == 'x' || *lx->p == 'X'))
        return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                           _("hexadecimal numbers are not JSON"));
    }
  else
    {
      while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        lx->p++;
    }

  if (lx->p < lx->end && *lx->p == '.')
    {
      is_integer = FALSE;
      lx->p++;
      if (lx->p >= lx->end || !g_ascii_isdigit (*lx->p))
        return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_SYNTAX,
                           _("a decimal point must be followed by a digit"));
      while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        lx->p++;
    }

  if (lx->p < lx->end && (*lx->p == 'e' || *lx->p == 'E'))
    {
      is_integer = FALSE;
      lx->p++;
      if (lx->p < lx->end && (*lx->p == '+' || *lx->p == '-'))
        lx->p++;
      if (lx->p >= lx->end || !g_ascii_isdigit (*lx->p))
        return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_SYNTAX,
                           _("an exponent needs at least one digit"));
      while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        lx->p++;
    }

  /* Eighteen digits always fit in 64 bits, and nearly every number in
   * a collection is that short: only longer ones are copied out to be
   * converted (the data need not end with a NUL). */
  if (is_integer && lx->p - start <= 18)
    return TRUE;

  length = lx->p - start;
  if (length < sizeof short_text)
    {
      memcpy (short_text, start, length);
      short_text[length] = '\0';
      text = short_text;
    }
  else
    text = long_text = g_strndup (start, length);

  if (is_integer)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      (void) v;
      if (errno == ERANGE)
        {
          g_autofree char *quoted = casebook_quote_bytes (text, lx->p - start);
          return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                             /* Translators: %s is the integer as the file writes it */
                             _("the integer %s is too large (integers must fit in 64 bits)"), quoted);
        }
    }
  else
    {
      double v = g_ascii_strtod (text, NULL);

      if (!isfinite (v))
        {
          g_autofree char *quoted = casebook_quote_bytes (text, lx->p - start);
          return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                             /* Translators: %s is the number as the file writes it */
                             _("the number %s is too large"), quoted);
        }
    }

  return TRUE;
}

static gboolean
lexer_literal (Lexer *lx)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if ((gsize) (lx->end - lx->p) >= len && memcmp (lx->p, literals[i], len) == 0 &&
          (lx->p + len == lx->end || !g_ascii_isalnum (lx->p[len])))
        {
          lx->p += len;
          return TRUE;
        }
    }

  {
    const char *word_end = lx->p;
    g_autofree char *word = NULL;

    while (word_end < lx->end && (g_ascii_isalnum (*word_end) || *word_end == '_'))
      word_end++;
    word = g_strndup (lx->p, MIN (word_end - lx->p, 32));

    return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                       /* Translators: %s is a word the file holds; true, false
                        * and null are JSON's own words and stay as they are */
                       _("unexpected word “%s”; JSON only knows true, false and null"), word);
  }
}

/* The member names of one object, to find a name given twice. Nearly
 * every object has a few members: their names are compared where they
 * lie in the data, and a hash table is made only for an object with
 * many, so that a hostile one with a million members stays linear. */
#define FEW_KEYS 16

typedef struct
{
  guint        n;
  const char  *key[FEW_KEYS];
  gsize        length[FEW_KEYS];
  char        *owned[FEW_KEYS];
  GHashTable  *many;
} KeySet;

static void
key_set_clear (KeySet *set)
{
  for (guint i = 0; i < MIN (set->n, FEW_KEYS); i++)
    g_free (set->owned[i]);
  g_clear_pointer (&set->many, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeySet, key_set_clear)

/* Adds @key (@length bytes, no NUL among them). @owned, which holds it
 * when it had to be decoded, is taken when the name is added, and left
 * to the caller (for its message) when the object has the name already
 * and FALSE is returned. */
static gboolean
key_set_add (KeySet     *set,
             const char *key,
             gsize       length,
             char       *owned)
{
  if (set->many == NULL && set->n < FEW_KEYS)
    {
      for (guint i = 0; i < set->n; i++)
        if (set->length[i] == length && memcmp (set->key[i], key, length) == 0)
          return FALSE;

      set->key[set->n] = key;
      set->length[set->n] = length;
      set->owned[set->n] = owned;
      set->n++;
      return TRUE;
    }

  if (set->many == NULL)
    {
      set->many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < FEW_KEYS; i++)
        g_hash_table_add (set->many, g_strndup (set->key[i], set->length[i]));
    }

  if (!g_hash_table_add (set->many, g_strndup (key, length)))
    return FALSE;

  g_free (owned);
  return TRUE;
}

static gboolean
lexer_container (Lexer *lx,
                 guint  depth)
{
  const char *open = lx->p;
  gboolean is_object = *lx->p == '{';
  char close = is_object ? '}' : ']';
  g_auto(KeySet) keys = { 0 };
  gboolean is_cases = FALSE;
  /* Whether this is the array of cases, whose elements are gathered. */
  gboolean gather = FALSE;

  if (depth >= CASEBOOK_JSON_MAX_DEPTH)
    return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_TOO_DEEP,
                       _("the document nests deeper than %d levels"), CASEBOOK_JSON_MAX_DEPTH);

  if (!is_object && lx->in_cases)
    {
      gather = TRUE;
      lx->in_cases = FALSE;
      lx->cases_open = open;
    }

  lx->p++;
  lexer_skip_space (lx);

  if (lx->p < lx->end && *lx->p == close)
    {
      if (gather)
        lx->cases_close = lx->p;
      lx->p++;
      return TRUE;
    }

  for (;;)
    {
      lexer_skip_space (lx);

      if (is_object)
        {
          const char *key_at = lx->p;
          const char *key = NULL;
          char *decoded = NULL;
          gsize key_length = 0;

          if (lx->p >= lx->end || *lx->p != '"')
            {
              g_autofree char *what = describe_char (lx->p, lx->end);
              return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                                 /* Translators: %s is what was found, such as “the end of the file” */
                                 _("expected a member name in double quotes, found %s"), what);
            }

          if (!lexer_string (lx, &key, &key_length))
            return FALSE;

          /* The names are compared as json-glib will see them, after
           * their escapes are decoded. */
          if (memchr (key, '\\', key_length) != NULL)
            {
              key = decoded = decode_checked_string (key, key + key_length);
              key_length = strlen (decoded);
            }
          is_cases = lx->spans != NULL && depth == 0 && key_length == 5 && memcmp (key, "cases", 5) == 0;

          if (!key_set_add (&keys, key, key_length, decoded))
            {
              g_autofree char *name = g_strndup (key, key_length);
              g_autofree char *quoted = casebook_quote_value (name);

              g_free (decoded);
              return lexer_fail (lx, key_at, CASEBOOK_JSON_ERROR_SYNTAX,
                                 /* Translators: %s is a member name, such as title */
                                 _("the member “%s” appears twice in the same object"), quoted);
            }

          lexer_skip_space (lx);
          if (lx->p >= lx->end || *lx->p != ':')
            {
              g_autofree char *what = describe_char (lx->p, lx->end);
              return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                                 /* Translators: %s is what was found, such as “the end of the file” */
                                 _("expected “:” after a member name, found %s"), what);
            }
          lx->p++;
          lexer_skip_space (lx);
        }

      /* The value of the top-level "cases", if it is an array, has its
       * elements gathered; lexer_value() skips the space before it. */
      lexer_skip_space (lx);
      if (is_cases && lx->p < lx->end && *lx->p == '[')
        lx->in_cases = TRUE;
      is_cases = FALSE;

      if (gather)
        {
          CasebookJsonSpan span = { lx->p - lx->start, 0 };

          if (!lexer_value (lx, depth + 1))
            return FALSE;
          span.end = lx->p - lx->start;
          g_array_append_val (lx->spans, span);
        }
      else if (!lexer_value (lx, depth + 1))
        return FALSE;

      lexer_skip_space (lx);

      if (lx->p < lx->end && *lx->p == ',')
        {
          lx->p++;
          lexer_skip_space (lx);
          if (lx->p < lx->end && *lx->p == close)
            return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                               /* Translators: %c is “}” or “]” */
                               _("a trailing comma before “%c” is not JSON"), close);
          continue;
        }

      if (lx->p < lx->end && *lx->p == close)
        {
          if (gather)
            lx->cases_close = lx->p;
          lx->p++;
          return TRUE;
        }

      if (lx->p >= lx->end)
        return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_SYNTAX, "%s",
                           is_object ? _("this object is not closed before the end of the file")
                                     : _("this array is not closed before the end of the file"));

      {
        g_autofree char *what = describe_char (lx->p, lx->end);
        return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                           /* Translators: %c is “}” or “]”; %s is what was found,
                            * such as “the end of the file” */
                           _("expected “,” or “%c”, found %s"), close, what);
      }
    }
}

static gboolean
lexer_value (Lexer *lx,
             guint  depth)
{
  lexer_skip_space (lx);

  if (lx->p >= lx->end)
    return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                       _("expected a value, found the end of the file"));

  switch (*lx->p)
    {
    case '{':
    case '[':
      return lexer_container (lx, depth);

    case '"':
      return lexer_string (lx, NULL, NULL);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return lexer_number (lx);

    case '\'':
      return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                         _("single quotes are not JSON; use double quotes"));

    case '/':
      return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                         _("comments are not JSON"));

    default:
      if (g_ascii_isalpha (*lx->p))
        return lexer_literal (lx);
      {
        g_autofree char *what = describe_char (lx->p, lx->end);
        return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                           /* Translators: %s is what was found, such as “the end of the file” */
                           _("expected a value, found %s"), what);
      }
    }
}

/**
 * casebook_json_check_syntax:
 * @data: the bytes of a document
 * @length: their length
 * @name: the file name, for messages
 *
 * Checks that @data is one strict JSON document in UTF-8, no deeper than
 * %CASEBOOK_JSON_MAX_DEPTH, with every integer inside 64 bits and every
 * number finite. On failure the error names the line and column.
 *
 * Returns: %TRUE if json-glib can safely parse @data
 */
gboolean
casebook_json_check_syntax (const char  *data,
                            gsize        length,
                            const char  *name,
                            GError     **error)
{
  Lexer lx = { name, data, data, data + length, error, NULL };

  return lexer_document (&lx, length);
}

/* A continuation byte, 10xxxxxx, between @low and @high. */
static inline gboolean
in_range (guchar c,
          guchar low,
          guchar high)
{
  return c >= low && c <= high;
}

/*
 * _casebook_utf8_find_invalid:
 * @data: bytes
 * @length: how many
 *
 * Finds the first byte of @data that does not start a complete, valid
 * UTF-8 character, exactly where g_utf8_validate_len () would stop:
 * overlong forms, surrogates, characters beyond U+10FFFF, a character cut
 * off by the end and NUL are all refused. GLib 2.74 checks one byte at a
 * time and took a quarter of the syntax guard's time on a large import,
 * before anything else could start; runs of ASCII are checked here eight
 * bytes at a time.
 * /json/utf8/same-as-glib holds the two together.
 *
 * Returns: (nullable): the first invalid byte, or %NULL when there is none
 */
const char *
_casebook_utf8_find_invalid (const char *data,
                             gsize       length)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + length;

  while (p < end)
    {
      guchar c;

      /* Eight bytes with no high bit set and none of them zero. */
      while (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if ((word & 0x8080808080808080ULL) != 0 ||
              ((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) != 0)
            break;
          p += 8;
        }
      if (p >= end)
        break;

      c = *p;
      if (c < 0x80)
        {
          if (c == 0)
            return (const char *) p;
          p++;
        }
      else if (c < 0xC2)
        /* A continuation byte with no lead, or an overlong 2-byte form. */
        return (const char *) p;
      else if (c < 0xE0)
        {
          if (end - p < 2 || !in_range (p[1], 0x80, 0xBF))
            return (const char *) p;
          p += 2;
        }
      else if (c < 0xF0)
        {
          /* E0 would be overlong below A0; ED above 9F a surrogate. */
          guchar low = c == 0xE0 ? 0xA0 : 0x80;
          guchar high = c == 0xED ? 0x9F : 0xBF;

          if (end - p < 3 || !in_range (p[1], low, high) || !in_range (p[2], 0x80, 0xBF))
            return (const char *) p;
          p += 3;
        }
      else if (c < 0xF5)
        {
          /* F0 would be overlong below 90; F4 beyond U+10FFFF above 8F. */
          guchar low = c == 0xF0 ? 0x90 : 0x80;
          guchar high = c == 0xF4 ? 0x8F : 0xBF;

          if (end - p < 4 || !in_range (p[1], low, high) ||
              !in_range (p[2], 0x80, 0xBF) || !in_range (p[3], 0x80, 0xBF))
            return (const char *) p;
          p += 4;
        }
      else
        return (const char *) p;
    }

  return NULL;
}

/* Runs the guard over the whole document. */
static gboolean
lexer_document (Lexer *lx,
                gsize  length)
{
  const char *data = lx->start;
  const char *name = lx->name;
  GError **error = lx->error;
  const char *invalid = NULL;

  if (length > CASEBOOK_JSON_MAX_FILE_SIZE)
    {
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name; %u a number of mebibytes */
                   _("%s: the file is larger than %u MiB"),
                   name, (guint) (CASEBOOK_JSON_MAX_FILE_SIZE >> 20));
      return FALSE;
    }

  invalid = _casebook_utf8_find_invalid (data, length);
  if (invalid != NULL)
    return lexer_fail (lx, invalid, CASEBOOK_JSON_ERROR_SYNTAX,
                       _("the file is not valid UTF-8 here"));

  /* A byte-order mark is not JSON, but editors write it; accept it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    lx->p += 3;

  lexer_skip_space (lx);
  if (lx->p >= lx->end)
    {
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s: the file is empty"), name);
      return FALSE;
    }

  if (!lexer_value (lx, 0))
    return FALSE;

  lexer_skip_space (lx);
  if (lx->p < lx->end)
    {
      g_autofree char *what = describe_char (lx->p, lx->end);
      return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                         /* Translators: %s is what was found, such as “x” */
                         _("unexpected %s after the end of the document "
                           "(a file holds exactly one JSON value)"), what);
    }

  return TRUE;
}

/* Lets json-glib parse what the guard has let through. */
static JsonNode *
load (JsonParser  *parser,
      const char  *data,
      gsize        length,
      const char  *name,
      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* The guard should make this unreachable; keep json-glib's
       * own position in the message in case it is not. */
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_SYNTAX,
                   _("%s: %s"), name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_EMPTY,
                 /* Translators: %s is a file name */
                 _("%s: the file holds no JSON value"), name);
  return root;
}

static gsize
bom_length (const char *data,
            gsize       length)
{
  return length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/*
 * _casebook_json_parse:
 * @parser_out: (out) (transfer full): the parser, which owns the tree
 *
 * Runs the syntax guard over @data, then lets json-glib parse it.
 *
 * Returns: (transfer none) (nullable): the root of the tree
 */
JsonNode *
_casebook_json_parse (const char  *data,
                      gsize        length,
                      const char  *name,
                      JsonParser **parser_out,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  gsize skip;

  if (!casebook_json_check_syntax (data, length, name, error))
    return NULL;

  skip = bom_length (data, length);
  parser = json_parser_new_immutable ();
  root = load (parser, data + skip, length - skip, name, error);
  if (root == NULL)
    return NULL;

  *parser_out = g_steal_pointer (&parser);
  return root;
}

/*
 * _casebook_json_parse_split:
 * @parser_out: (out) (transfer full): the parser, which owns the tree
 * @spans_out: (out) (transfer full) (nullable): where each case is
 *
 * Runs the syntax guard over the whole of @data, and notes on the way
 * where each element of the top-level "cases" array begins and ends.
 * json-glib then parses only the rest, with "cases" as an empty array:
 * its tree takes about ten times the bytes it was parsed from, so the
 * cases are left to _casebook_json_parse_span(), one at a time. A
 * document without such an array is parsed whole, and @spans_out is
 * %NULL.
 *
 * Returns: (transfer none) (nullable): the root of the tree
 */
JsonNode *
_casebook_json_parse_split (const char  *data,
                            gsize        length,
                            const char  *name,
                            JsonParser **parser_out,
                            GArray     **spans_out,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CasebookJsonSpan));
  Lexer lx = { name, data, data, data + length, error, spans };
  gsize skip = bom_length (data, length);
  JsonNode *root;

  if (!lexer_document (&lx, length))
    return NULL;

  parser = json_parser_new_immutable ();

  if (lx.cases_open != NULL && lx.cases_close != NULL)
    {
      gsize head = lx.cases_open + 1 - (data + skip);
      gsize tail = data + length - lx.cases_close;
      g_autofree char *rest = g_malloc (head + tail);

      memcpy (rest, data + skip, head);
      memcpy (rest + head, lx.cases_close, tail);
      root = load (parser, rest, head + tail, name, error);
      *spans_out = g_steal_pointer (&spans);
    }
  else
    {
      root = load (parser, data + skip, length - skip, name, error);
      *spans_out = NULL;
    }

  if (root == NULL)
    {
      g_clear_pointer (spans_out, g_array_unref);
      return NULL;
    }

  *parser_out = g_steal_pointer (&parser);
  return root;
}

/* Appends the value at @data to @out without the space between its
 * tokens. json-glib's scanner looks each character of space up in a
 * string of its own, one call each, and a file written with indentation
 * is two-fifths space: parsing the compact copy takes about a third less
 * time. The value has passed the guard, so every string in it is closed
 * and every backslash is followed by what it escapes. */
static void
compact_value (GString    *out,
               const char *data,
               gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  g_string_truncate (out, 0);
  while (p < end)
    {
      const char *run = p;

      /* Up to the next space or string. */
      while (p < end && *p != '"' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end)
        break;

      if (*p != '"')
        {
          p++;
          continue;
        }

      /* A string, to its closing quote. */
      run = p++;
      while (p < end && *p != '"')
        p += *p == '\\' ? 2 : 1;
      p++;
      g_string_append_len (out, run, MIN (p, end) - run);
    }
}

/*
 * _casebook_json_parse_span:
 * @parser: a parser to reuse; it owns the tree until its next use
 * @scratch: a string to reuse for the value's bytes
 * @data: the whole document _casebook_json_parse_split() checked
 * @span: one of the spans it found
 *
 * Lets json-glib parse one value of a checked document on its own.
 *
 * Returns: (transfer none) (nullable): the root of the value's tree
 */
JsonNode *
_casebook_json_parse_span (JsonParser              *parser,
                           GString                 *scratch,
                           const char              *data,
                           gsize                    length,
                           const CasebookJsonSpan  *span,
                           const char              *name,
                           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = NULL;

  compact_value (scratch, data + span->start, span->end - span->start);
  if (json_parser_load_from_data (parser, scratch->str, (gssize) scratch->len, &local_error))
    root = json_parser_get_root (parser);

  if (root == NULL)
    {
      /* Unreachable after the guard; should it happen, json-glib's
       * position is within the value, so name where the value starts. */
      Lexer lx = { name, data, data, data + length, error, NULL };

      lexer_fail (&lx, data + span->start, CASEBOOK_JSON_ERROR_SYNTAX, "%s",
                  local_error != NULL ? local_error->message : _("expected a value, found the end of the file"));
      return NULL;
    }

  return root;
}
