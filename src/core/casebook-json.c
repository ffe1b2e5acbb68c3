/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "casebook-case-check.h"
#include "casebook-escape.h"
#include "casebook-file-io.h"
#include "casebook-json.h"

G_DEFINE_QUARK (casebook-json-error-quark, casebook_json_error)

/* Largest file we read: far above any real collection, and it keeps a
 * mistaken pick of a disk image from eating all memory. */
#define MAX_FILE_SIZE CASEBOOK_JSON_MAX_FILE_SIZE
#define MAX_STRING_LENGTH (4 * 1024 * 1024)
#define MAX_ABS_VALUE CASEBOOK_MAX_ABS_VALUE
#define MIN_YEAR CASEBOOK_MIN_YEAR
#define MAX_YEAR CASEBOOK_MAX_YEAR
#define MAX_EMPLOYEES CASEBOOK_MAX_EMPLOYEES

/* ------------------------------------------------------------------ */
/* The syntax guard                                                    */
/* ------------------------------------------------------------------ */

/* json-glib 1.6 is lenient where it should not be (comments, single
 * quotes, octal numbers, several roots), silently mangles integers beyond
 * 64 bits, recurses without a limit, and reports success with no root for
 * empty input. This is a strict RFC 8259 checker that runs first, so
 * json-glib only ever sees documents it handles correctly. */

typedef struct
{
  const char  *name;
  const char  *start;
  const char  *p;
  const char  *end;
  GError     **error;
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
               "%s:%u:%u: %s", lx->name, line, column, message);

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

  if (at >= end)
    return g_strdup ("the end of the file");

  c = g_utf8_get_char (at);
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return g_strdup_printf ("control character U+%04X", c);

  {
    g_autofree char *quoted = casebook_quote_bytes (at, g_utf8_next_char (at) - at);
    return g_strdup_printf ("“%s”", quoted);
  }
}

static gboolean lexer_value (Lexer *lx, guint depth);

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
                       "a \\u escape needs four hexadecimal digits");

  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (at[i]);

      if (h < 0)
        return lexer_fail (lx, at, CASEBOOK_JSON_ERROR_SYNTAX,
                           "a \\u escape needs four hexadecimal digits");
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

/* Reads a string starting at its opening quote. @key receives the
 * decoded contents when non-%NULL, for duplicate detection. */
static gboolean
lexer_string (Lexer  *lx,
              char  **key)
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
                               "a string is longer than %d bytes", MAX_STRING_LENGTH);
          if (key != NULL)
            *key = decode_checked_string (content, lx->p);
          lx->p++;
          return TRUE;
        }

      if (c < 0x20)
        return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                           "control character U+%04X inside a string; write it as an escape",
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
                                     "the escape \\u0000 (a NUL character) is not allowed");

                if (cp >= 0xDC00 && cp <= 0xDFFF)
                  return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                     "a low surrogate \\u%04X without a high surrogate before it", cp);

                if (cp >= 0xD800 && cp <= 0xDBFF)
                  {
                    guint low;

                    if (lx->end - lx->p < 6 || lx->p[0] != '\\' || lx->p[1] != 'u' ||
                        !lexer_hex4 (lx, lx->p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                      {
                        g_clear_error (lx->error);
                        return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                           "a high surrogate \\u%04X without a low surrogate after it", cp);
                      }
                    lx->p += 6;
                  }
              }
              break;

            default:
              {
                g_autofree char *what = describe_char (lx->p, lx->end);
                return lexer_fail (lx, esc, CASEBOOK_JSON_ERROR_SYNTAX,
                                   "unknown escape \\%s", what);
              }
            }
          continue;
        }

      lx->p++;
    }

  return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_SYNTAX,
                     "a string is not closed before the end of the file");
}

static gboolean
lexer_number (Lexer *lx)
{
  const char *start = lx->p;
  gboolean is_integer = TRUE;
  g_autofree char *text = NULL;

  if (*lx->p == '-')
    lx->p++;

  if (lx->p >= lx->end || !g_ascii_isdigit (*lx->p))
    return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_SYNTAX,
                       "a minus sign must be followed by a digit");

  if (*lx->p == '0')
    {
      lx->p++;
      if (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                           "numbers cannot have leading zeros (octal numbers are not JSON)");
      if (lx->p < lx->end && (*lx->p == 'x' || *lx->p == 'X'))
        return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                           "hexadecimal numbers are not JSON");
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
                           "a decimal point must be followed by a digit");
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
                           "an exponent needs at least one digit");
      while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        lx->p++;
    }

  text = g_strndup (start, lx->p - start);

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
                             "the integer %s is too large (integers must fit in 64 bits)", quoted);
        }
    }
  else
    {
      double v = g_ascii_strtod (text, NULL);

      if (!isfinite (v))
        {
          g_autofree char *quoted = casebook_quote_bytes (text, lx->p - start);
          return lexer_fail (lx, start, CASEBOOK_JSON_ERROR_NUMBER,
                             "the number %s is too large", quoted);
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
                       "unexpected word “%s”; JSON only knows true, false and null", word);
  }
}

static gboolean
lexer_container (Lexer *lx,
                 guint  depth)
{
  const char *open = lx->p;
  gboolean is_object = *lx->p == '{';
  char close = is_object ? '}' : ']';
  g_autoptr(GHashTable) keys = NULL;

  if (depth >= CASEBOOK_JSON_MAX_DEPTH)
    return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_TOO_DEEP,
                       "the document nests deeper than %d levels", CASEBOOK_JSON_MAX_DEPTH);

  if (is_object)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  lx->p++;
  lexer_skip_space (lx);

  if (lx->p < lx->end && *lx->p == close)
    {
      lx->p++;
      return TRUE;
    }

  for (;;)
    {
      lexer_skip_space (lx);

      if (is_object)
        {
          const char *key_at = lx->p;
          char *key = NULL;

          if (lx->p >= lx->end || *lx->p != '"')
            {
              g_autofree char *what = describe_char (lx->p, lx->end);
              return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                                 "expected a member name in double quotes, found %s", what);
            }

          if (!lexer_string (lx, &key))
            return FALSE;

          /* The names are compared as json-glib will see them, after
           * their escapes are decoded. */
          if (!g_hash_table_add (keys, key))
            {
              g_autofree char *quoted = casebook_quote_value (key);
              return lexer_fail (lx, key_at, CASEBOOK_JSON_ERROR_SYNTAX,
                                 "the member “%s” appears twice in the same object", quoted);
            }

          lexer_skip_space (lx);
          if (lx->p >= lx->end || *lx->p != ':')
            {
              g_autofree char *what = describe_char (lx->p, lx->end);
              return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                                 "expected “:” after a member name, found %s", what);
            }
          lx->p++;
          lexer_skip_space (lx);
        }

      if (!lexer_value (lx, depth + 1))
        return FALSE;

      lexer_skip_space (lx);

      if (lx->p < lx->end && *lx->p == ',')
        {
          lx->p++;
          lexer_skip_space (lx);
          if (lx->p < lx->end && *lx->p == close)
            return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                               "a trailing comma before “%c” is not JSON", close);
          continue;
        }

      if (lx->p < lx->end && *lx->p == close)
        {
          lx->p++;
          return TRUE;
        }

      if (lx->p >= lx->end)
        return lexer_fail (lx, open, CASEBOOK_JSON_ERROR_SYNTAX,
                           "this %s is not closed before the end of the file",
                           is_object ? "object" : "array");

      {
        g_autofree char *what = describe_char (lx->p, lx->end);
        return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                           "expected “,” or “%c”, found %s", close, what);
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
                       "expected a value, found the end of the file");

  switch (*lx->p)
    {
    case '{':
    case '[':
      return lexer_container (lx, depth);

    case '"':
      return lexer_string (lx, NULL);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return lexer_number (lx);

    case '\'':
      return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                         "single quotes are not JSON; use double quotes");

    case '/':
      return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                         "comments are not JSON");

    default:
      if (g_ascii_isalpha (*lx->p))
        return lexer_literal (lx);
      {
        g_autofree char *what = describe_char (lx->p, lx->end);
        return lexer_fail (lx, lx->p, CASEBOOK_JSON_ERROR_SYNTAX,
                           "expected a value, found %s", what);
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
  Lexer lx = { name, data, data, data + length, error };
  const char *invalid = NULL;

  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_TOO_LARGE,
                   "%s: the file is larger than %" G_GSIZE_FORMAT " MiB",
                   name, MAX_FILE_SIZE >> 20);
      return FALSE;
    }

  if (!g_utf8_validate (data, length, &invalid))
    return lexer_fail (&lx, invalid, CASEBOOK_JSON_ERROR_SYNTAX,
                       "the file is not valid UTF-8 here");

  /* A byte-order mark is not JSON, but editors write it; accept it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    lx.p += 3;

  lexer_skip_space (&lx);
  if (lx.p >= lx.end)
    {
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_EMPTY,
                   "%s: the file is empty", name);
      return FALSE;
    }

  if (!lexer_value (&lx, 0))
    return FALSE;

  lexer_skip_space (&lx);
  if (lx.p < lx.end)
    {
      g_autofree char *what = describe_char (lx.p, lx.end);
      return lexer_fail (&lx, lx.p, CASEBOOK_JSON_ERROR_SYNTAX,
                         "unexpected %s after the end of the document "
                         "(a file holds exactly one JSON value)", what);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading and validating                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char  *name;
  GError     **error;
  /* Reading back what the store holds, which an older version may have
   * written with control characters in its texts. */
  gboolean     stored;
} Ctx;

/* Refuses the control characters a text of @kind may not hold
 * (casebook_string_find_control()); @path names the string. */
static gboolean
check_string_chars (Ctx              *ctx,
                    const char       *path,
                    const char       *str,
                    CasebookLineKind  kind)
{
  g_autofree char *message = NULL;
  gunichar c;

  if (ctx->stored || str == NULL || !casebook_string_find_control (str, kind, &c))
    return TRUE;

  message = casebook_control_message (c, kind);
  g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID,
               "%s: %s: %s", ctx->name, path, message);
  return FALSE;
}

G_GNUC_PRINTF (3, 4)
static gboolean
invalid (Ctx        *ctx,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID,
               "%s: %s: %s", ctx->name, path[0] ? path : "top level", message);
  return FALSE;
}

static char *
child_path (const char *path,
            const char *member)
{
  if (path[0] == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", path, member);
}

static char *
index_path (const char *path,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "true or false";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value";
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A member that is absent or null reads as NULL. */
static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
missing (Ctx        *ctx,
         const char *path,
         const char *name)
{
  g_autofree char *p = child_path (path, name);
  return invalid (ctx, p, "this member is required");
}

static gboolean
read_object (Ctx         *ctx,
             JsonNode    *node,
             const char  *path,
             JsonObject **out)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, path, "expected an object, found %s", describe_node (node));

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (Ctx         *ctx,
            JsonObject  *obj,
            const char  *path,
            const char  *name,
            gboolean     required,
            JsonArray  **out)
{
  JsonNode *node = member (obj, name);
  g_autofree char *p = child_path (path, name);

  *out = NULL;

  if (node == NULL)
    return required ? missing (ctx, path, name) : TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, p, "expected an array, found %s", describe_node (node));

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_string (Ctx         *ctx,
             JsonObject  *obj,
             const char  *path,
             const char  *name,
             gboolean     required,
             char       **out)
{
  JsonNode *node = member (obj, name);
  g_autofree char *p = child_path (path, name);
  const char *str;

  *out = NULL;

  if (node == NULL)
    return required ? missing (ctx, path, name) : TRUE;

  if (!node_is_string (node))
    return invalid (ctx, p, "expected a string, found %s", describe_node (node));

  str = json_node_get_string (node);
  if (str == NULL || str[0] == '\0')
    return required ? invalid (ctx, p, "must not be empty") : TRUE;

  /* Every plain string of the format is a one-line value: a version, a
   * section number, a URL, a date or a reference. */
  if (!check_string_chars (ctx, p, str, CASEBOOK_ONE_LINE))
    return FALSE;

  *out = g_strdup (str);
  return TRUE;
}

static gboolean
read_key (Ctx         *ctx,
          JsonObject  *obj,
          const char  *path,
          const char  *name,
          gboolean     required,
          char       **out)
{
  g_autofree char *p = child_path (path, name);

  if (!read_string (ctx, obj, path, name, required, out))
    return FALSE;

  if (*out != NULL && !casebook_key_is_valid (*out))
    {
      g_autofree char *quoted = casebook_quote_value (*out);

      g_clear_pointer (out, g_free);
      return invalid (ctx, p,
                      "“%s” is not a valid key (1 to 64 characters of a–z, 0–9, “.”, “_” "
                      "and “-”, starting with a letter or a digit)", quoted);
    }

  return TRUE;
}

static gboolean
text_from_node (Ctx           *ctx,
                JsonNode      *node,
                const char    *path,
                gboolean       allow_plain,
                CasebookText **out)
{
  JsonObject *obj = NULL;
  const char *langs[] = { "zh", "en" };
  const char *values[2] = { NULL, NULL };

  if (allow_plain && node_is_string (node))
    {
      const char *str = json_node_get_string (node);

      if (str == NULL || str[0] == '\0')
        return invalid (ctx, path, "must not be empty");

      {
        g_autofree char *lf = casebook_string_normalize_lines (str);
        *out = casebook_text_new_same (lf != NULL ? lf : str);
      }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, path, "expected a text object such as {\"zh\": \"…\", \"en\": \"…\"}%s, found %s",
                    allow_plain ? " or a string" : "", describe_node (node));

  obj = json_node_get_object (node);

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *v = member (obj, langs[i]);

      if (v == NULL)
        continue;

      if (!node_is_string (v))
        {
          g_autofree char *p = child_path (path, langs[i]);
          return invalid (ctx, p, "expected a string, found %s", describe_node (v));
        }

      values[i] = json_node_get_string (v);
    }

  if ((values[0] == NULL || values[0][0] == '\0') &&
      (values[1] == NULL || values[1][0] == '\0'))
    return invalid (ctx, path, "a text needs a non-empty “zh” or “en”");

  /* Line ends written on Windows read as line feeds; a carriage return
   * alone is a control character the checks refuse. */
  {
    g_autofree char *zh = casebook_string_normalize_lines (values[0]);
    g_autofree char *en = casebook_string_normalize_lines (values[1]);

    *out = casebook_text_new (zh != NULL ? zh : values[0], en != NULL ? en : values[1]);
  }
  return TRUE;
}

/* Refuses the control characters @text may not hold; @path names it, and
 * the language is put after it. */
static gboolean
check_text_chars (Ctx                *ctx,
                  const char         *path,
                  const char         *name,
                  const CasebookText *text,
                  CasebookLineKind    kind)
{
  g_autofree char *p = NULL;

  if (text == NULL)
    return TRUE;

  p = child_path (path, name);
  if (g_strcmp0 (text->zh, text->en) == 0)
    return check_string_chars (ctx, p, text->zh, kind);

  {
    g_autofree char *zh = child_path (p, "zh");
    g_autofree char *en = child_path (p, "en");

    return check_string_chars (ctx, zh, text->zh, kind) &&
           check_string_chars (ctx, en, text->en, kind);
  }
}

static gboolean
read_text (Ctx           *ctx,
           JsonObject    *obj,
           const char    *path,
           const char    *name,
           gboolean       required,
           gboolean       allow_plain,
           CasebookText **out)
{
  JsonNode *node = member (obj, name);
  g_autofree char *p = child_path (path, name);

  *out = NULL;

  if (node == NULL)
    return required ? missing (ctx, path, name) : TRUE;

  return text_from_node (ctx, node, p, allow_plain, out);
}

static gboolean
read_text_array (Ctx        *ctx,
                 JsonObject *obj,
                 const char *path,
                 const char *name,
                 gboolean    required,
                 GPtrArray  *out)
{
  JsonArray *array;
  g_autofree char *p = child_path (path, name);

  if (!read_array (ctx, obj, path, name, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ip = index_path (p, i);
      CasebookText *text;

      if (!text_from_node (ctx, json_array_get_element (array, i), ip, FALSE, &text))
        return FALSE;
      g_ptr_array_add (out, text);
    }

  return TRUE;
}

static gboolean
read_int (Ctx        *ctx,
          JsonObject *obj,
          const char *path,
          const char *name,
          gboolean    required,
          gint64      min,
          gint64      max,
          gint64     *out,
          gboolean   *present)
{
  JsonNode *node = member (obj, name);
  g_autofree char *p = child_path (path, name);
  gint64 v;

  if (present != NULL)
    *present = FALSE;

  if (node == NULL)
    return required ? missing (ctx, path, name) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
        return invalid (ctx, p, "expected a whole number, found %g", json_node_get_double (node));
      return invalid (ctx, p, "expected a whole number, found %s", describe_node (node));
    }

  v = json_node_get_int (node);
  if (v < min || v > max)
    return invalid (ctx, p, "%" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT
                    " to %" G_GINT64_FORMAT ")", v, min, max);

  *out = v;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_number (Ctx        *ctx,
             JsonObject *obj,
             const char *path,
             const char *name,
             gboolean    required,
             double     *out,
             gboolean   *present)
{
  JsonNode *node = member (obj, name);
  g_autofree char *p = child_path (path, name);
  double v;

  *present = FALSE;

  if (node == NULL)
    return required ? missing (ctx, path, name) : TRUE;

  if (!node_is_number (node))
    return invalid (ctx, p, "expected a number, found %s", describe_node (node));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    v = (double) json_node_get_int (node);
  else
    v = json_node_get_double (node);

  if (!isfinite (v) || fabs (v) > MAX_ABS_VALUE)
    return invalid (ctx, p, "the number is out of range (at most %g in size)", MAX_ABS_VALUE);

  *out = v;
  *present = TRUE;
  return TRUE;
}

typedef gboolean (*EnumParser) (const char *key, gpointer out);

static gboolean
read_enum (Ctx        *ctx,
           JsonObject *obj,
           const char *path,
           const char *name,
           gboolean    required,
           EnumParser  parse,
           const char *allowed,
           gpointer    out)
{
  g_autofree char *str = NULL;
  g_autofree char *p = child_path (path, name);

  if (!read_string (ctx, obj, path, name, required, &str))
    return FALSE;
  if (str == NULL)
    return TRUE;

  if (!parse (str, out))
    {
      g_autofree char *quoted = casebook_quote_value (str);
      return invalid (ctx, p, "“%s” is not one of %s", quoted, allowed);
    }

  return TRUE;
}

static gboolean
read_point (Ctx           *ctx,
            JsonObject    *obj,
            const char    *path,
            const char    *name,
            CasebookPoint *point)
{
  JsonObject *pobj = NULL;
  g_autofree char *p = child_path (path, name);
  gint64 year = 0, quarter = 0;
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return missing (ctx, path, name);

  if (!read_object (ctx, node, p, &pobj) ||
      !read_int (ctx, pobj, p, "year", TRUE, MIN_YEAR, MAX_YEAR, &year, NULL) ||
      !read_int (ctx, pobj, p, "quarter", FALSE, 1, 4, &quarter, NULL))
    return FALSE;

  point->year = (int) year;
  point->quarter = (int) quarter;
  return TRUE;
}

static gboolean
read_outcome (Ctx             *ctx,
              JsonNode        *node,
              const char      *path,
              CasebookOutcome *outcome)
{
  JsonObject *obj = NULL;

  if (!read_object (ctx, node, path, &obj) ||
      !read_text (ctx, obj, path, "text", TRUE, FALSE, &outcome->text) ||
      !read_key (ctx, obj, path, "metric", FALSE, &outcome->metric) ||
      !read_number (ctx, obj, path, "value", FALSE, &outcome->value, &outcome->has_value) ||
      !read_number (ctx, obj, path, "baseline", FALSE, &outcome->baseline, &outcome->has_baseline) ||
      !read_enum (ctx, obj, path, "unit", FALSE, (EnumParser) casebook_unit_from_key,
                  "“percent”, “percent_change” or “times”", &outcome->unit) ||
      !read_enum (ctx, obj, path, "better", FALSE, (EnumParser) casebook_better_from_key,
                  "“higher” or “lower”", &outcome->better))
    return FALSE;

  /* A value without a unit or a direction, or a baseline without a value,
   * is left to casebook_case_check(), which the editor shares. */
  if (!outcome->has_value)
    {
      /* A qualitative outcome carries no unit or direction. */
      outcome->unit = CASEBOOK_UNIT_NONE;
      outcome->better = CASEBOOK_BETTER_NONE;
    }

  return TRUE;
}

static gboolean
read_each (Ctx        *ctx,
           JsonObject *obj,
           const char *path,
           const char *name,
           gboolean    required,
           gpointer  (*create) (void),
           void      (*destroy) (gpointer),
           gboolean  (*read) (Ctx *, JsonNode *, const char *, gpointer),
           GPtrArray  *out)
{
  JsonArray *array;
  g_autofree char *p = child_path (path, name);

  if (!read_array (ctx, obj, path, name, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ip = index_path (p, i);
      gpointer item = create ();

      if (!read (ctx, json_array_get_element (array, i), ip, item))
        {
          destroy (item);
          return FALSE;
        }
      g_ptr_array_add (out, item);
    }

  return TRUE;
}

static gboolean
read_stack_item (Ctx               *ctx,
                 JsonNode          *node,
                 const char        *path,
                 CasebookStackItem *item)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_text (ctx, obj, path, "role", TRUE, FALSE, &item->role) &&
         read_text (ctx, obj, path, "product", TRUE, TRUE, &item->product) &&
         read_string (ctx, obj, path, "version", FALSE, &item->version) &&
         read_key (ctx, obj, path, "family", TRUE, &item->family);
}

static gboolean
read_phase (Ctx           *ctx,
            JsonNode      *node,
            const char    *path,
            CasebookPhase *phase)
{
  JsonObject *obj = NULL;

  /* The order of the two points is left to casebook_case_check(). */
  return read_object (ctx, node, path, &obj) &&
         read_text (ctx, obj, path, "name", TRUE, FALSE, &phase->name) &&
         read_point (ctx, obj, path, "start", &phase->start) &&
         read_point (ctx, obj, path, "end", &phase->end);
}

static gboolean
read_challenge (Ctx               *ctx,
                JsonNode          *node,
                const char        *path,
                CasebookChallenge *challenge)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_text (ctx, obj, path, "title", TRUE, FALSE, &challenge->title) &&
         read_text (ctx, obj, path, "text", FALSE, FALSE, &challenge->text) &&
         read_text (ctx, obj, path, "solution", FALSE, FALSE, &challenge->solution);
}

static gboolean
read_note (Ctx          *ctx,
           JsonNode     *node,
           const char   *path,
           CasebookNote *note)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_string (ctx, obj, path, "field", FALSE, &note->field) &&
         read_text (ctx, obj, path, "text", TRUE, FALSE, &note->text);
}

static gboolean
read_source (Ctx             *ctx,
             JsonObject      *parent,
             const char      *path,
             CasebookSource **out)
{
  JsonObject *obj = NULL;
  g_autoptr(CasebookSource) source = casebook_source_new ();
  g_autofree char *p = child_path (path, "source");
  JsonNode *node = member (parent, "source");

  if (node == NULL)
    return missing (ctx, path, "source");

  if (!read_object (ctx, node, p, &obj) ||
      !read_text (ctx, obj, p, "title", FALSE, FALSE, &source->title) ||
      !read_string (ctx, obj, p, "section", FALSE, &source->section) ||
      !read_string (ctx, obj, p, "url", FALSE, &source->url) ||
      !read_string (ctx, obj, p, "date", FALSE, &source->date) ||
      !read_text (ctx, obj, p, "note", FALSE, FALSE, &source->note))
    return FALSE;

  *out = g_steal_pointer (&source);
  return TRUE;
}

static gboolean
read_failure (Ctx              *ctx,
              JsonObject       *parent,
              const char       *path,
              CasebookFailure **out)
{
  JsonObject *obj = NULL;
  g_autoptr(CasebookFailure) failure = casebook_failure_new ();
  g_autofree char *p = child_path (path, "failure");
  JsonNode *node = member (parent, "failure");

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!read_object (ctx, node, p, &obj) ||
      !read_text (ctx, obj, p, "problem", TRUE, FALSE, &failure->problem) ||
      !read_text (ctx, obj, p, "result", TRUE, FALSE, &failure->result) ||
      !read_text_array (ctx, obj, p, "causes", TRUE, failure->causes))
    return FALSE;

  *out = g_steal_pointer (&failure);
  return TRUE;
}

static CasebookCase *
read_case (Ctx        *ctx,
           JsonNode   *node,
           const char *path)
{
  JsonObject *obj = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sector = NULL;
  CasebookKind kind = CASEBOOK_KIND_SUCCESS;
  CasebookSize size = CASEBOOK_SIZE_UNKNOWN;
  CasebookApproach approach = CASEBOOK_APPROACH_NONE;
  CasebookQualifier qualifier = CASEBOOK_QUALIFIER_EXACT;
  CasebookText *text = NULL;
  CasebookFailure *failure = NULL;
  CasebookSource *source = NULL;
  gint64 employees = -1;
  gboolean has_employees = FALSE;
  JsonNode *period;

  if (!read_object (ctx, node, path, &obj) ||
      !read_key (ctx, obj, path, "id", TRUE, &id) ||
      !read_enum (ctx, obj, path, "kind", TRUE, (EnumParser) casebook_kind_from_key,
                  "“success” or “failure”", &kind) ||
      !read_key (ctx, obj, path, "sector", TRUE, &sector))
    return NULL;

  c = casebook_case_new (id);
  casebook_case_set_kind (c, kind);
  casebook_case_set_sector (c, sector);

  if (!read_text (ctx, obj, path, "subsector", FALSE, FALSE, &text))
    return NULL;
  casebook_case_take_subsector (c, text);

  if (!read_text (ctx, obj, path, "title", TRUE, FALSE, &text))
    return NULL;
  casebook_case_take_title (c, text);

  if (!read_text (ctx, obj, path, "organization", TRUE, FALSE, &text))
    return NULL;
  casebook_case_take_organization (c, text);

  if (!read_enum (ctx, obj, path, "size", FALSE, (EnumParser) casebook_size_from_key,
                  "“large”, “medium” or “small”", &size) ||
      !read_int (ctx, obj, path, "employees", FALSE, 0, MAX_EMPLOYEES, &employees, &has_employees) ||
      !read_enum (ctx, obj, path, "employees_qualifier", FALSE,
                  (EnumParser) casebook_qualifier_from_key,
                  "“exact”, “more-than”, “less-than” or “about”", &qualifier) ||
      !read_enum (ctx, obj, path, "approach", FALSE, (EnumParser) casebook_approach_from_key,
                  "“virtualization”, “containerization”, “webassembly” or “hybrid”", &approach))
    return NULL;

  casebook_case_set_size (c, size);
  casebook_case_set_employees (c, has_employees ? employees : -1, qualifier);
  casebook_case_set_approach (c, approach);

  period = member (obj, "period");
  if (period != NULL)
    {
      g_autofree char *p = child_path (path, "period");
      JsonObject *pobj = NULL;
      gint64 start = 0, end = 0;

      if (!read_object (ctx, period, p, &pobj) ||
          !read_int (ctx, pobj, p, "start", TRUE, MIN_YEAR, MAX_YEAR, &start, NULL) ||
          !read_int (ctx, pobj, p, "end", TRUE, MIN_YEAR, MAX_YEAR, &end, NULL))
        return NULL;

      casebook_case_set_period (c, (int) start, (int) end);
    }

  if (!read_text_array (ctx, obj, path, "scenarios", FALSE, casebook_case_get_scenarios (c)) ||
      !read_text_array (ctx, obj, path, "requirements", FALSE, casebook_case_get_requirements (c)) ||
      !read_each (ctx, obj, path, "stack", FALSE,
                  (gpointer (*) (void)) casebook_stack_item_new,
                  (void (*) (gpointer)) casebook_stack_item_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_stack_item,
                  casebook_case_get_stack (c)) ||
      !read_each (ctx, obj, path, "phases", FALSE,
                  (gpointer (*) (void)) casebook_phase_new,
                  (void (*) (gpointer)) casebook_phase_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_phase,
                  casebook_case_get_phases (c)) ||
      !read_each (ctx, obj, path, "challenges", FALSE,
                  (gpointer (*) (void)) casebook_challenge_new,
                  (void (*) (gpointer)) casebook_challenge_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_challenge,
                  casebook_case_get_challenges (c)) ||
      !read_each (ctx, obj, path, "outcomes", FALSE,
                  (gpointer (*) (void)) casebook_outcome_new,
                  (void (*) (gpointer)) casebook_outcome_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_outcome,
                  casebook_case_get_outcomes (c)) ||
      !read_text_array (ctx, obj, path, "lessons", FALSE, casebook_case_get_lessons (c)) ||
      !read_each (ctx, obj, path, "notes", FALSE,
                  (gpointer (*) (void)) casebook_note_new,
                  (void (*) (gpointer)) casebook_note_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_note,
                  casebook_case_get_notes (c)) ||
      !read_failure (ctx, obj, path, &failure))
    return NULL;

  casebook_case_take_failure (c, failure);

  if (!read_source (ctx, obj, path, &source))
    return NULL;
  casebook_case_take_source (c, source);

  /* The members have the right types; the rules that tie them together
   * (the order of years, an outcome's unit, the failure section, the
   * source) are the ones the editor checks too. */
  {
    CasebookCheckFlags flags = CASEBOOK_CHECK_FIRST | (ctx->stored ? CASEBOOK_CHECK_STORED : 0);
    g_autoptr(GPtrArray) problems = casebook_case_check (c, flags, NULL, NULL);

    if (problems->len > 0)
      {
        const CasebookProblem *problem = g_ptr_array_index (problems, 0);
        g_autofree char *p = child_path (path, problem->path);

        invalid (ctx, p, "%s", problem->message);
        return NULL;
      }
  }

  return g_steal_pointer (&c);
}

static gboolean
read_sector (Ctx            *ctx,
             JsonNode       *node,
             const char     *path,
             CasebookSector *sector)
{
  JsonObject *obj = NULL;

  if (!read_object (ctx, node, path, &obj) ||
      !read_key (ctx, obj, path, "key", TRUE, &sector->key) ||
      !read_text (ctx, obj, path, "name", TRUE, FALSE, &sector->name) ||
      !check_text_chars (ctx, path, "name", sector->name, CASEBOOK_ONE_LINE) ||
      !read_string (ctx, obj, path, "color", FALSE, &sector->color))
    return FALSE;

  if (sector->color != NULL)
    {
      if (!casebook_color_is_valid (sector->color))
        {
          g_autofree char *p = child_path (path, "color");
          g_autofree char *quoted = casebook_quote_value (sector->color);
          return invalid (ctx, p, "“%s” is not a colour of the form #rrggbb", quoted);
        }
    }

  return TRUE;
}

static gboolean
read_metric (Ctx            *ctx,
             JsonNode       *node,
             const char     *path,
             CasebookMetric *metric)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_key (ctx, obj, path, "key", TRUE, &metric->key) &&
         read_text (ctx, obj, path, "name", TRUE, FALSE, &metric->name) &&
         check_text_chars (ctx, path, "name", metric->name, CASEBOOK_ONE_LINE);
}

static gboolean
read_insight_item (Ctx                 *ctx,
                   JsonNode            *node,
                   const char          *path,
                   CasebookInsightItem *item)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_key (ctx, obj, path, "sector", FALSE, &item->sector) &&
         read_text (ctx, obj, path, "title", FALSE, FALSE, &item->title) &&
         check_text_chars (ctx, path, "title", item->title, CASEBOOK_ONE_LINE) &&
         read_text (ctx, obj, path, "text", TRUE, FALSE, &item->text) &&
         check_text_chars (ctx, path, "text", item->text, CASEBOOK_PARAGRAPHS);
}

static gboolean
read_insight_group (Ctx                  *ctx,
                    JsonNode             *node,
                    const char           *path,
                    CasebookInsightGroup *group)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_text (ctx, obj, path, "title", TRUE, FALSE, &group->title) &&
         check_text_chars (ctx, path, "title", group->title, CASEBOOK_ONE_LINE) &&
         read_each (ctx, obj, path, "items", TRUE,
                    (gpointer (*) (void)) casebook_insight_item_new,
                    (void (*) (gpointer)) casebook_insight_item_free,
                    (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_insight_item,
                    group->items);
}

static gboolean
topic_is_valid (const char *topic)
{
  static const char * const topics[] = {
    "comparison", "success-factors", "best-practices",
    "trends", "recommendations", "conclusions",
  };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    if (g_strcmp0 (topic, topics[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
read_insight (Ctx             *ctx,
              JsonNode        *node,
              const char      *path,
              CasebookInsight *insight)
{
  JsonObject *obj = NULL;

  if (!read_object (ctx, node, path, &obj) ||
      !read_string (ctx, obj, path, "section", TRUE, &insight->section) ||
      !read_string (ctx, obj, path, "topic", TRUE, &insight->topic))
    return FALSE;

  if (!topic_is_valid (insight->topic))
    {
      g_autofree char *p = child_path (path, "topic");
      g_autofree char *quoted = casebook_quote_value (insight->topic);
      return invalid (ctx, p, "“%s” is not one of “comparison”, “success-factors”, "
                      "“best-practices”, “trends”, “recommendations” or “conclusions”",
                      quoted);
    }

  return read_text (ctx, obj, path, "title", TRUE, FALSE, &insight->title) &&
         check_text_chars (ctx, path, "title", insight->title, CASEBOOK_ONE_LINE) &&
         read_text (ctx, obj, path, "summary", FALSE, FALSE, &insight->summary) &&
         check_text_chars (ctx, path, "summary", insight->summary, CASEBOOK_PARAGRAPHS) &&
         read_each (ctx, obj, path, "groups", TRUE,
                    (gpointer (*) (void)) casebook_insight_group_new,
                    (void (*) (gpointer)) casebook_insight_group_free,
                    (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_insight_group,
                    insight->groups);
}

static gboolean
read_range (Ctx           *ctx,
            JsonNode      *node,
            const char    *path,
            CasebookRange *range)
{
  JsonObject *obj = NULL;
  gboolean present;

  if (!read_object (ctx, node, path, &obj) ||
      !read_string (ctx, obj, path, "section", TRUE, &range->section) ||
      !read_key (ctx, obj, path, "sector", TRUE, &range->sector) ||
      !read_key (ctx, obj, path, "metric", TRUE, &range->metric) ||
      !read_number (ctx, obj, path, "min", TRUE, &range->min, &present) ||
      !read_number (ctx, obj, path, "max", TRUE, &range->max, &present) ||
      !read_enum (ctx, obj, path, "unit", TRUE, (EnumParser) casebook_unit_from_key,
                  "“percent”, “percent_change” or “times”", &range->unit) ||
      !read_enum (ctx, obj, path, "better", TRUE, (EnumParser) casebook_better_from_key,
                  "“higher” or “lower”", &range->better) ||
      !read_text (ctx, obj, path, "text", TRUE, FALSE, &range->text) ||
      !check_text_chars (ctx, path, "text", range->text, CASEBOOK_PARAGRAPHS))
    return FALSE;

  if (range->max < range->min)
    {
      g_autofree char *p = child_path (path, "max");
      return invalid (ctx, p, "the upper bound %g is below the lower bound %g", range->max, range->min);
    }

  return TRUE;
}

static gboolean
read_reference (Ctx               *ctx,
                JsonNode          *node,
                const char        *path,
                CasebookReference *reference)
{
  JsonObject *obj = NULL;

  return read_object (ctx, node, path, &obj) &&
         read_int (ctx, obj, path, "number", TRUE, 1, G_MAXINT32, &reference->number, NULL) &&
         read_string (ctx, obj, path, "text", TRUE, &reference->text);
}

/* Reads and checks everything but the cases; @cases receives their array. */
static gboolean
read_header (Ctx               *ctx,
             JsonNode          *root,
             CasebookDocument  *doc,
             JsonArray        **cases_out)
{
  JsonObject *obj = NULL;
  g_autofree char *format = NULL;
  gint64 version = 0, revision = 0;
  gboolean has_revision = FALSE;
  JsonArray *cases;
  CasebookText *title = NULL;
  g_autoptr(GHashTable) sections = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_object (ctx, root, "", &obj) ||
      !read_string (ctx, obj, "", "format", TRUE, &format))
    return FALSE;

  if (g_strcmp0 (format, CASEBOOK_FORMAT_NAME) != 0)
    {
      g_autofree char *quoted = casebook_quote_value (format);
      return invalid (ctx, "format", "this is not a Casebook collection (format “%s”, expected “%s”)",
                      quoted, CASEBOOK_FORMAT_NAME);
    }

  if (!read_int (ctx, obj, "", "version", TRUE, 1, G_MAXINT32, &version, NULL))
    return FALSE;

  if (version > CASEBOOK_FORMAT_VERSION)
    {
      g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_VERSION,
                   "%s: version: the file was written by a newer Casebook (format version %"
                   G_GINT64_FORMAT "); this version reads version %d",
                   ctx->name, version, CASEBOOK_FORMAT_VERSION);
      return FALSE;
    }

  if (!read_int (ctx, obj, "", "revision", FALSE, 0, G_MAXINT32, &revision, &has_revision) ||
      !read_text (ctx, obj, "", "title", FALSE, FALSE, &title))
    return FALSE;

  if (!check_text_chars (ctx, "", "title", title, CASEBOOK_ONE_LINE))
    {
      casebook_text_free (title);
      return FALSE;
    }

  casebook_document_set_revision (doc, has_revision ? revision : 0);
  casebook_document_take_title (doc, title);

  if (!read_each (ctx, obj, "", "sectors", FALSE,
                  (gpointer (*) (void)) casebook_sector_new,
                  (void (*) (gpointer)) casebook_sector_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_sector,
                  casebook_document_get_sectors (doc)) ||
      !read_each (ctx, obj, "", "metrics", FALSE,
                  (gpointer (*) (void)) casebook_metric_new,
                  (void (*) (gpointer)) casebook_metric_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_metric,
                  casebook_document_get_metrics (doc)))
    return FALSE;

  if (!read_array (ctx, obj, "", "cases", TRUE, &cases))
    return FALSE;

  if (!read_each (ctx, obj, "", "insights", FALSE,
                  (gpointer (*) (void)) casebook_insight_new,
                  (void (*) (gpointer)) casebook_insight_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_insight,
                  casebook_document_get_insights (doc)) ||
      !read_each (ctx, obj, "", "ranges", FALSE,
                  (gpointer (*) (void)) casebook_range_new,
                  (void (*) (gpointer)) casebook_range_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_range,
                  casebook_document_get_ranges (doc)) ||
      !read_each (ctx, obj, "", "references", FALSE,
                  (gpointer (*) (void)) casebook_reference_new,
                  (void (*) (gpointer)) casebook_reference_free,
                  (gboolean (*) (Ctx *, JsonNode *, const char *, gpointer)) read_reference,
                  casebook_document_get_references (doc)))
    return FALSE;

  for (guint i = 0; i < casebook_document_get_insights (doc)->len; i++)
    {
      CasebookInsight *insight = g_ptr_array_index (casebook_document_get_insights (doc), i);

      if (!g_hash_table_add (sections, insight->section))
        {
          g_autofree char *p = g_strdup_printf ("insights[%u].section", i);
          g_autofree char *quoted = casebook_quote_value (insight->section);
          return invalid (ctx, p, "the section “%s” appears twice", quoted);
        }
    }

  *cases_out = cases;
  return TRUE;
}

/* Reads case @index of @cases, and refuses an id seen before in @ids. */
static CasebookCase *
read_case_at (Ctx        *ctx,
              JsonArray  *cases,
              guint       index,
              GHashTable *ids)
{
  g_autofree char *p = index_path ("cases", index);
  g_autoptr(CasebookCase) c = read_case (ctx, json_array_get_element (cases, index), p);

  if (c == NULL)
    return NULL;

  if (g_hash_table_contains (ids, casebook_case_get_id (c)))
    {
      g_autofree char *idp = child_path (p, "id");
      invalid (ctx, idp, "the id “%s” is used by an earlier case in this file",
               casebook_case_get_id (c));
      return NULL;
    }

  g_hash_table_add (ids, g_strdup (casebook_case_get_id (c)));
  return g_steal_pointer (&c);
}

static gboolean
read_document_root (Ctx              *ctx,
                    JsonNode         *root,
                    CasebookDocument *doc)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *cases = NULL;

  if (!read_header (ctx, root, doc, &cases))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      CasebookCase *c = read_case_at (ctx, cases, i, ids);

      if (c == NULL)
        return FALSE;
      g_ptr_array_add (casebook_document_get_cases (doc), c);
    }

  return TRUE;
}

static JsonNode *
parse_checked (const char  *data,
               gsize        length,
               const char  *name,
               JsonParser **parser_out,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!casebook_json_check_syntax (data, length, name, error))
    return NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* The guard above should make this unreachable; keep json-glib's
       * own position in the message in case it is not. */
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_SYNTAX,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_EMPTY,
                   "%s: the file holds no JSON value", name);
      return NULL;
    }

  *parser_out = g_steal_pointer (&parser);
  return root;
}

#define BACKGROUND_FREE_SIZE (4 * 1024 * 1024)

static gpointer
free_parser (gpointer data)
{
  g_object_unref (data);
  return NULL;
}

/**
 * casebook_json_read_document:
 * @data: the bytes of an interchange file
 * @length: their length
 * @name: the file name, used in messages
 *
 * Parses and validates a whole collection. Nothing is returned unless
 * every field of every case is valid.
 *
 * Returns: (transfer full) (nullable): the document
 */
CasebookDocument *
casebook_json_read_document (const char  *data,
                             gsize        length,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  Ctx ctx = { name, error };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  root = parse_checked (data != NULL ? data : "", length, name, &parser, error);
  if (root == NULL)
    return NULL;

  doc = casebook_document_new ();
  if (!read_document_root (&ctx, root, doc))
    return NULL;

  /* Freeing json-glib's tree of a large file takes a good part of the
   * time it took to parse it, and nothing waits for it: let another
   * thread do it. */
  if (length > BACKGROUND_FREE_SIZE)
    g_thread_unref (g_thread_new ("casebook-free", free_parser, g_steal_pointer (&parser)));

  return g_steal_pointer (&doc);
}

struct _CasebookJsonStream
{
  char       *name;
  JsonParser *parser;
  JsonArray  *cases;
  GHashTable *ids;
  gsize       length;
};

/**
 * casebook_json_stream_open:
 * @data: the bytes of an interchange file; they must outlive the stream
 * @length: their length
 * @name: the file name, used in messages
 * @header: (out) (transfer full): everything in the file but its cases
 *
 * Parses a whole collection and checks everything but the cases, which
 * casebook_json_stream_read_case() then reads and checks one at a time,
 * so that a large import can check a case while it writes the one before.
 *
 * Returns: (transfer full) (nullable): the stream
 */
CasebookJsonStream *
casebook_json_stream_open (const char         *data,
                           gsize               length,
                           const char         *name,
                           CasebookDocument  **header,
                           GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  CasebookJsonStream *stream;
  Ctx ctx = { name, error };
  JsonArray *cases = NULL;
  JsonNode *root;

  g_return_val_if_fail (header != NULL, NULL);

  root = parse_checked (data != NULL ? data : "", length, name, &parser, error);
  if (root == NULL)
    return NULL;

  doc = casebook_document_new ();
  if (!read_header (&ctx, root, doc, &cases))
    return NULL;

  stream = g_new0 (CasebookJsonStream, 1);
  stream->name = g_strdup (name);
  stream->parser = g_steal_pointer (&parser);
  stream->cases = cases;
  stream->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stream->length = length;

  *header = g_steal_pointer (&doc);
  return stream;
}

guint
casebook_json_stream_get_n_cases (CasebookJsonStream *stream)
{
  g_return_val_if_fail (stream != NULL, 0);
  return json_array_get_length (stream->cases);
}

/**
 * casebook_json_stream_read_case:
 * @index: which case; cases must be read in order, from 0
 *
 * Returns: (transfer full) (nullable): the checked case
 */
CasebookCase *
casebook_json_stream_read_case (CasebookJsonStream  *stream,
                                guint                index,
                                GError             **error)
{
  Ctx ctx = { stream->name, error };

  g_return_val_if_fail (stream != NULL, NULL);
  g_return_val_if_fail (index < json_array_get_length (stream->cases), NULL);

  return read_case_at (&ctx, stream->cases, index, stream->ids);
}

void
casebook_json_stream_free (CasebookJsonStream *stream)
{
  if (stream == NULL)
    return;

  if (stream->length > BACKGROUND_FREE_SIZE)
    g_thread_unref (g_thread_new ("casebook-free", free_parser, g_steal_pointer (&stream->parser)));
  g_clear_object (&stream->parser);
  g_clear_pointer (&stream->ids, g_hash_table_unref);
  g_free (stream->name);
  g_free (stream);
}

/**
 * casebook_json_read_file:
 *
 * Returns: (transfer full) (nullable): the document in @file
 */
CasebookDocument *
casebook_json_read_file (GFile   *file,
                         GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Bounded: a device, a huge file or an endless pipe is refused before
   * it can fill the memory. */
  contents = casebook_file_read_bounded (file, MAX_FILE_SIZE, &length, NULL, error);
  if (contents == NULL)
    return NULL;

  name = g_file_get_parse_name (file);
  return casebook_json_read_document (contents, length, name, error);
}

/**
 * casebook_json_read_case:
 * @node: a JSON object holding one case
 * @name: where it came from, for messages
 * @path: its place in the document, for messages
 *
 * Returns: (transfer full) (nullable): the validated case
 */
CasebookCase *
casebook_json_read_case (JsonNode    *node,
                         const char  *name,
                         const char  *path,
                         GError     **error)
{
  Ctx ctx = { name, error };

  return read_case (&ctx, node, path);
}

/**
 * casebook_json_case_from_string:
 *
 * Reads one case as the store keeps it.
 *
 * Returns: (transfer full) (nullable): the case
 */
CasebookCase *
casebook_json_case_from_string (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  Ctx ctx = { "store", error, TRUE };
  JsonNode *root;

  root = parse_checked (json, strlen (json), "store", &parser, error);
  if (root == NULL)
    return NULL;

  return read_case (&ctx, root, "case");
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static void
add_text (JsonBuilder        *b,
          const char         *name,
          const CasebookText *text)
{
  if (casebook_text_is_empty (text))
    return;

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  if (text->zh != NULL)
    {
      json_builder_set_member_name (b, "zh");
      json_builder_add_string_value (b, text->zh);
    }
  if (text->en != NULL)
    {
      json_builder_set_member_name (b, "en");
      json_builder_add_string_value (b, text->en);
    }
  json_builder_end_object (b);
}

static void
add_text_value (JsonBuilder        *b,
                const CasebookText *text)
{
  json_builder_begin_object (b);
  if (text->zh != NULL)
    {
      json_builder_set_member_name (b, "zh");
      json_builder_add_string_value (b, text->zh);
    }
  if (text->en != NULL)
    {
      json_builder_set_member_name (b, "en");
      json_builder_add_string_value (b, text->en);
    }
  json_builder_end_object (b);
}

static void
add_name (JsonBuilder        *b,
          const char         *name,
          const CasebookText *text)
{
  if (text->zh != NULL && g_strcmp0 (text->zh, text->en) == 0)
    {
      json_builder_set_member_name (b, name);
      json_builder_add_string_value (b, text->zh);
      return;
    }

  add_text (b, name, text);
}

static void
add_texts (JsonBuilder *b,
           const char  *name,
           GPtrArray   *texts)
{
  if (texts->len == 0)
    return;

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < texts->len; i++)
    add_text_value (b, g_ptr_array_index (texts, i));
  json_builder_end_array (b);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* Whole numbers are written as integers, so 80 stays 80 and not 80.0. */
static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
}

static void
add_point (JsonBuilder         *b,
           const char          *name,
           const CasebookPoint *point)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, point->year);
  if (point->quarter > 0)
    {
      json_builder_set_member_name (b, "quarter");
      json_builder_add_int_value (b, point->quarter);
    }
  json_builder_end_object (b);
}

static void
build_case (JsonBuilder  *b,
            CasebookCase *c)
{
  GPtrArray *array;
  int start, end;

  json_builder_begin_object (b);

  add_string (b, "id", casebook_case_get_id (c));
  add_string (b, "kind", casebook_kind_to_key (casebook_case_get_kind (c)));
  add_string (b, "sector", casebook_case_get_sector (c));
  add_text (b, "subsector", casebook_case_get_subsector (c));
  add_text (b, "title", casebook_case_get_title (c));
  add_text (b, "organization", casebook_case_get_organization (c));
  add_string (b, "size", casebook_size_to_key (casebook_case_get_size (c)));

  if (casebook_case_get_employees (c) >= 0)
    {
      json_builder_set_member_name (b, "employees");
      json_builder_add_int_value (b, casebook_case_get_employees (c));
      add_string (b, "employees_qualifier",
                  casebook_qualifier_to_key (casebook_case_get_employees_qualifier (c)));
    }

  if (casebook_case_get_period (c, &start, &end))
    {
      json_builder_set_member_name (b, "period");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, end);
      json_builder_end_object (b);
    }

  add_string (b, "approach", casebook_approach_to_key (casebook_case_get_approach (c)));
  add_texts (b, "scenarios", casebook_case_get_scenarios (c));
  add_texts (b, "requirements", casebook_case_get_requirements (c));

  array = casebook_case_get_stack (c);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "stack");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookStackItem *item = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_text (b, "role", item->role);
          add_name (b, "product", item->product);
          add_string (b, "version", item->version);
          add_string (b, "family", item->family);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  array = casebook_case_get_phases (c);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "phases");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookPhase *phase = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_text (b, "name", phase->name);
          add_point (b, "start", &phase->start);
          add_point (b, "end", &phase->end);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  array = casebook_case_get_challenges (c);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "challenges");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookChallenge *challenge = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_text (b, "title", challenge->title);
          add_text (b, "text", challenge->text);
          add_text (b, "solution", challenge->solution);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  array = casebook_case_get_outcomes (c);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "outcomes");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_text (b, "text", outcome->text);
          add_string (b, "metric", outcome->metric);
          if (outcome->has_value)
            {
              add_number (b, "value", outcome->value);
              add_string (b, "unit", casebook_unit_to_key (outcome->unit));
              if (outcome->has_baseline)
                add_number (b, "baseline", outcome->baseline);
              add_string (b, "better", casebook_better_to_key (outcome->better));
            }
          else
            {
              json_builder_set_member_name (b, "value");
              json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  add_texts (b, "lessons", casebook_case_get_lessons (c));

  if (casebook_case_get_failure (c) != NULL)
    {
      const CasebookFailure *failure = casebook_case_get_failure (c);

      json_builder_set_member_name (b, "failure");
      json_builder_begin_object (b);
      add_text (b, "problem", failure->problem);
      add_text (b, "result", failure->result);
      json_builder_set_member_name (b, "causes");
      json_builder_begin_array (b);
      for (guint i = 0; i < failure->causes->len; i++)
        add_text_value (b, g_ptr_array_index (failure->causes, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }

  array = casebook_case_get_notes (c);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "notes");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookNote *note = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_string (b, "field", note->field);
          add_text (b, "text", note->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  if (casebook_case_get_source (c) != NULL)
    {
      const CasebookSource *source = casebook_case_get_source (c);

      json_builder_set_member_name (b, "source");
      json_builder_begin_object (b);
      add_text (b, "title", source->title);
      add_string (b, "section", source->section);
      add_string (b, "url", source->url);
      add_string (b, "date", source->date);
      add_text (b, "note", source->note);
      json_builder_end_object (b);
    }

  json_builder_end_object (b);
}

/**
 * casebook_json_case_to_node:
 *
 * Returns: (transfer full): @c in the interchange format
 */
JsonNode *
casebook_json_case_to_node (CasebookCase *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  build_case (b, c);
  return json_builder_get_root (b);
}

/**
 * casebook_json_case_to_string:
 *
 * Returns: (transfer full): @c as compact JSON, as the store keeps it
 */
char *
casebook_json_case_to_string (CasebookCase *c)
{
  g_autoptr(JsonNode) node = casebook_json_case_to_node (c);

  return json_to_string (node, FALSE);
}

static void
build_insight (JsonBuilder           *b,
               const CasebookInsight *insight)
{
  json_builder_begin_object (b);
  add_string (b, "section", insight->section);
  add_string (b, "topic", insight->topic);
  add_text (b, "title", insight->title);
  add_text (b, "summary", insight->summary);
  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint j = 0; j < insight->groups->len; j++)
    {
      const CasebookInsightGroup *group = g_ptr_array_index (insight->groups, j);

      json_builder_begin_object (b);
      add_text (b, "title", group->title);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint k = 0; k < group->items->len; k++)
        {
          const CasebookInsightItem *item = g_ptr_array_index (group->items, k);

          json_builder_begin_object (b);
          add_string (b, "sector", item->sector);
          add_text (b, "title", item->title);
          add_text (b, "text", item->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * casebook_json_insight_to_string:
 *
 * Returns: (transfer full): @insight as compact JSON, as the store keeps it
 */
char *
casebook_json_insight_to_string (const CasebookInsight *insight)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  build_insight (b, insight);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/**
 * casebook_json_insight_from_string:
 *
 * Returns: (transfer full) (nullable): the insight section
 */
CasebookInsight *
casebook_json_insight_from_string (const char  *json,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CasebookInsight) insight = casebook_insight_new ();
  Ctx ctx = { "store", error };
  JsonNode *root;

  root = parse_checked (json, strlen (json), "store", &parser, error);
  if (root == NULL || !read_insight (&ctx, root, "insight", insight))
    return NULL;

  return g_steal_pointer (&insight);
}

static void
build_document (JsonBuilder      *b,
                CasebookDocument *doc)
{
  GPtrArray *array;

  json_builder_begin_object (b);
  add_string (b, "format", CASEBOOK_FORMAT_NAME);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, CASEBOOK_FORMAT_VERSION);
  if (casebook_document_get_revision (doc) > 0)
    {
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, casebook_document_get_revision (doc));
    }
  add_text (b, "title", casebook_document_get_title (doc));

  array = casebook_document_get_sectors (doc);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "sectors");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookSector *sector = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_string (b, "key", sector->key);
          add_text (b, "name", sector->name);
          add_string (b, "color", sector->color);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  array = casebook_document_get_metrics (doc);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "metrics");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookMetric *metric = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_string (b, "key", metric->key);
          add_text (b, "name", metric->name);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  array = casebook_document_get_cases (doc);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  for (guint i = 0; i < array->len; i++)
    build_case (b, g_ptr_array_index (array, i));
  json_builder_end_array (b);

  array = casebook_document_get_insights (doc);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "insights");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          build_insight (b, g_ptr_array_index (array, i));
        }
      json_builder_end_array (b);
    }

  array = casebook_document_get_ranges (doc);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "ranges");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookRange *range = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          add_string (b, "section", range->section);
          add_string (b, "sector", range->sector);
          add_string (b, "metric", range->metric);
          add_number (b, "min", range->min);
          add_number (b, "max", range->max);
          add_string (b, "unit", casebook_unit_to_key (range->unit));
          add_string (b, "better", casebook_better_to_key (range->better));
          add_text (b, "text", range->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  array = casebook_document_get_references (doc);
  if (array->len > 0)
    {
      json_builder_set_member_name (b, "references");
      json_builder_begin_array (b);
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookReference *reference = g_ptr_array_index (array, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "number");
          json_builder_add_int_value (b, reference->number);
          add_string (b, "text", reference->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_end_object (b);
}

/* json-glib's generator prints every fractional number with 17
 * significant digits, so 99.99 would come out as 99.989999999999995. The
 * document tree is still built with json-glib, and its strings are still
 * escaped by json-glib; only the layout and the numbers are written here,
 * with the shortest digits that read back as the same double. */
static void
emit_double (GString *out,
             double   value)
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

  g_string_append (out, buf);
}

static void
emit_indent (GString *out,
             guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
emit_string (GString    *out,
             const char *str)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), str);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

static void
emit_node (GString  *out,
           JsonNode *node,
           guint     level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (obj);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            emit_indent (out, level + 1);
            emit_string (out, l->data);
            g_string_append (out, ": ");
            emit_node (out, json_object_get_member (obj, l->data), level + 1);
            if (l->next != NULL)
              g_string_append_c (out, ',');
          }
        emit_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            emit_indent (out, level + 1);
            emit_node (out, json_array_get_element (array, i), level + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        emit_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          emit_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
        default:
          emit_string (out, json_node_get_string (node));
          break;
        }
      break;
    }
}

/**
 * casebook_json_write_document:
 * @length: (out) (optional): the length of the result
 *
 * Writes @document in the interchange format, indented by two spaces and
 * ending with a newline. The output depends only on the document, so the
 * same collection always gives the same bytes.
 *
 * Returns: (transfer full): the JSON text
 */
char *
casebook_json_write_document (CasebookDocument *document,
                              gsize            *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (document), NULL);

  build_document (b, document);
  root = json_builder_get_root (b);

  emit_node (out, root, 0);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/**
 * casebook_json_write_file:
 *
 * Writes @document to @file atomically: a failed write leaves any earlier
 * file in place.
 */
gboolean
casebook_json_write_file (CasebookDocument  *document,
                          GFile             *file,
                          GError           **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = casebook_json_write_document (document, &length);

  /* Through a hidden file put in place at the end: a full disk leaves the
   * earlier file whole and nothing half-written, and the error names the
   * file and the reason once. */
  return casebook_file_write_contents (file, data, length, error);
}
