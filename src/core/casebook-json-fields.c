/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* Reading one member of a json-glib object as a checked value: a string,
 * a key, a text in two languages, a number in range, an enumeration, a
 * point in time or an array of items. A refusal names the file and the
 * member's place in the document, such as cases[3].outcomes[1].value. */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "casebook-case-check.h"
#include "casebook-escape.h"
#include "casebook-json-private.h"

/* The one shape of every refusal: the file, the place in it and what is
 * wrong there. */
static gboolean
set_invalid (CasebookJsonCtx *ctx,
             const char      *path,
             const char      *message)
{
  g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID,
               /* Translators: a file name, the place in the file (such as
                * cases[3].title, or “top level”), then what is wrong
                * there (such as “this member is required”) */
               _("%s: %s: %s"), ctx->name,
               /* Translators: the place of a problem with the whole file,
                * as in “cases.json: top level: expected an object, found an array” */
               path[0] ? path : _("top level"), message);
  return FALSE;
}

/* Refuses the control characters a text of @kind may not hold
 * (casebook_string_find_control()); @path names the string. */
static gboolean
check_string_chars (CasebookJsonCtx  *ctx,
                    const char       *path,
                    const char       *str,
                    CasebookLineKind  kind)
{
  g_autofree char *message = NULL;
  gunichar c;

  if (ctx->stored || str == NULL || !casebook_string_find_control (str, kind, &c))
    return TRUE;

  message = casebook_control_message (c, kind);
  return set_invalid (ctx, path, message);
}

gboolean
_casebook_json_invalid (CasebookJsonCtx *ctx,
                        const char      *path,
                        const char      *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return set_invalid (ctx, path, message);
}

/* The readers make a path for nearly every member they look at, to have
 * it ready for a message: tens for each case of an import. They are put
 * together by hand, without the cost of a format string. */
char *
_casebook_json_child_path (const char *path,
                           const char *member)
{
  gsize path_length = strlen (path);
  gsize member_length = strlen (member);
  char *result;

  if (path_length == 0)
    return g_strdup (member);

  result = g_malloc (path_length + 1 + member_length + 1);
  memcpy (result, path, path_length);
  result[path_length] = '.';
  memcpy (result + path_length + 1, member, member_length + 1);
  return result;
}

char *
_casebook_json_index_path (const char *path,
                           guint       index)
{
  char digits[16];
  char *d = digits + sizeof digits;
  gsize path_length = strlen (path);
  gsize n_digits;
  char *result;

  /* The digits of @index, written backwards from the end of @digits. */
  do
    {
      *--d = (char) ('0' + index % 10);
      index /= 10;
    }
  while (index > 0);
  n_digits = digits + sizeof digits - d;

  result = g_malloc (path_length + n_digits + 3);
  memcpy (result, path, path_length);
  result[path_length] = '[';
  memcpy (result + path_length + 1, d, n_digits);
  result[path_length + 1 + n_digits] = ']';
  result[path_length + 2 + n_digits] = '\0';
  return result;
}

/* What a member holds, to read after “found” (“expected a string,
 * found an array”). */
static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: what a member holds, as in “expected a string, found
     * null”; null is JSON's own word and stays as it is */
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: what a member holds, as in “expected a string, found an object” */
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: what a member holds, as in “expected a string, found an array” */
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      /* Translators: what a member holds, as in “expected a number, found a string” */
      return _("a string");
    case G_TYPE_BOOLEAN:
      /* Translators: what a member holds, as in “expected a string, found
       * true or false”; true and false are JSON's own words */
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      /* Translators: what a member holds, as in “expected a string, found a number” */
      return _("a number");
    default:
      /* Translators: what a member holds, as in “expected a string, found a value” */
      return _("a value");
    }
}

const char *
_casebook_json_describe (JsonNode *node)
{
  return describe_node (node);
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
JsonNode *
_casebook_json_member (JsonObject *obj,
                       const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
_casebook_json_missing (CasebookJsonCtx *ctx,
                        const char      *path,
                        const char      *name)
{
  g_autofree char *p = _casebook_json_child_path (path, name);
  return _casebook_json_invalid (ctx, p, "%s", _("this member is required"));
}

gboolean
_casebook_json_read_object (CasebookJsonCtx  *ctx,
                            JsonNode         *node,
                            const char       *path,
                            JsonObject      **out)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: %s is what was found, such as “an array” */
    return _casebook_json_invalid (ctx, path, _("expected an object, found %s"), describe_node (node));

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_casebook_json_read_array (CasebookJsonCtx  *ctx,
                           JsonObject       *obj,
                           const char       *path,
                           const char       *name,
                           gboolean          required,
                           JsonArray       **out)
{
  JsonNode *node = _casebook_json_member (obj, name);
  g_autofree char *p = _casebook_json_child_path (path, name);

  *out = NULL;

  if (node == NULL)
    return required ? _casebook_json_missing (ctx, path, name) : TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: %s is what was found, such as “a string” */
    return _casebook_json_invalid (ctx, p, _("expected an array, found %s"), describe_node (node));

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_casebook_json_read_string (CasebookJsonCtx  *ctx,
                            JsonObject       *obj,
                            const char       *path,
                            const char       *name,
                            gboolean          required,
                            char            **out)
{
  JsonNode *node = _casebook_json_member (obj, name);
  g_autofree char *p = _casebook_json_child_path (path, name);
  const char *str;

  *out = NULL;

  if (node == NULL)
    return required ? _casebook_json_missing (ctx, path, name) : TRUE;

  if (!node_is_string (node))
    /* Translators: %s is what was found, such as “a number” */
    return _casebook_json_invalid (ctx, p, _("expected a string, found %s"), describe_node (node));

  str = json_node_get_string (node);
  if (str == NULL || str[0] == '\0')
    return required ? _casebook_json_invalid (ctx, p, "%s", _("must not be empty")) : TRUE;

  /* Every plain string of the format is a one-line value: a version, a
   * section number, a URL, a date or a reference. */
  if (!check_string_chars (ctx, p, str, CASEBOOK_ONE_LINE))
    return FALSE;

  *out = g_strdup (str);
  return TRUE;
}

gboolean
_casebook_json_read_key (CasebookJsonCtx  *ctx,
                         JsonObject       *obj,
                         const char       *path,
                         const char       *name,
                         gboolean          required,
                         char            **out)
{
  g_autofree char *p = _casebook_json_child_path (path, name);

  if (!_casebook_json_read_string (ctx, obj, path, name, required, out))
    return FALSE;

  if (*out != NULL && !casebook_key_is_valid (*out))
    {
      g_autofree char *quoted = casebook_quote_value (*out);

      g_clear_pointer (out, g_free);
      return _casebook_json_invalid (ctx, p,
                                     _("“%s” is not a valid key (1 to 64 characters of a–z, 0–9, “.”, “_” "
                                       "and “-”, starting with a letter or a digit)"), quoted);
    }

  return TRUE;
}

static gboolean
text_from_node (CasebookJsonCtx  *ctx,
                JsonNode         *node,
                const char       *path,
                gboolean          allow_plain,
                CasebookText    **out)
{
  JsonObject *obj = NULL;
  const char *langs[] = { "zh", "en" };
  const char *values[2] = { NULL, NULL };

  if (allow_plain && node_is_string (node))
    {
      const char *str = json_node_get_string (node);

      if (str == NULL || str[0] == '\0')
        return _casebook_json_invalid (ctx, path, "%s", _("must not be empty"));

      {
        g_autofree char *lf = casebook_string_normalize_lines (str);
        *out = casebook_text_new_same (lf != NULL ? lf : str);
      }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      if (allow_plain)
        /* Translators: %s is what was found, such as “a number”; the
         * braces are JSON and stay as they are */
        return _casebook_json_invalid (ctx, path, _("expected a text object such as {\"zh\": \"…\", \"en\": \"…\"} "
                                                    "or a string, found %s"), describe_node (node));
      /* Translators: %s is what was found, such as “a number”; the
       * braces are JSON and stay as they are */
      return _casebook_json_invalid (ctx, path, _("expected a text object such as {\"zh\": \"…\", \"en\": \"…\"}, "
                                                  "found %s"), describe_node (node));
    }

  obj = json_node_get_object (node);

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *v = _casebook_json_member (obj, langs[i]);

      if (v == NULL)
        continue;

      if (!node_is_string (v))
        {
          g_autofree char *p = _casebook_json_child_path (path, langs[i]);
          return _casebook_json_invalid (ctx, p, _("expected a string, found %s"), describe_node (v));
        }

      values[i] = json_node_get_string (v);
    }

  if ((values[0] == NULL || values[0][0] == '\0') &&
      (values[1] == NULL || values[1][0] == '\0'))
    return _casebook_json_invalid (ctx, path, "%s", _("a text needs a non-empty “zh” or “en”"));

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
gboolean
_casebook_json_check_text_chars (CasebookJsonCtx    *ctx,
                                 const char         *path,
                                 const char         *name,
                                 const CasebookText *text,
                                 CasebookLineKind    kind)
{
  g_autofree char *p = NULL;

  if (text == NULL)
    return TRUE;

  p = _casebook_json_child_path (path, name);
  if (g_strcmp0 (text->zh, text->en) == 0)
    return check_string_chars (ctx, p, text->zh, kind);

  {
    g_autofree char *zh = _casebook_json_child_path (p, "zh");
    g_autofree char *en = _casebook_json_child_path (p, "en");

    return check_string_chars (ctx, zh, text->zh, kind) &&
           check_string_chars (ctx, en, text->en, kind);
  }
}

gboolean
_casebook_json_read_text (CasebookJsonCtx  *ctx,
                          JsonObject       *obj,
                          const char       *path,
                          const char       *name,
                          gboolean          required,
                          gboolean          allow_plain,
                          CasebookText    **out)
{
  JsonNode *node = _casebook_json_member (obj, name);
  g_autofree char *p = _casebook_json_child_path (path, name);

  *out = NULL;

  if (node == NULL)
    return required ? _casebook_json_missing (ctx, path, name) : TRUE;

  return text_from_node (ctx, node, p, allow_plain, out);
}

gboolean
_casebook_json_read_text_array (CasebookJsonCtx *ctx,
                                JsonObject      *obj,
                                const char      *path,
                                const char      *name,
                                gboolean         required,
                                GPtrArray       *out)
{
  JsonArray *array;
  g_autofree char *p = _casebook_json_child_path (path, name);

  if (!_casebook_json_read_array (ctx, obj, path, name, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ip = _casebook_json_index_path (p, i);
      CasebookText *text;

      if (!text_from_node (ctx, json_array_get_element (array, i), ip, FALSE, &text))
        return FALSE;
      g_ptr_array_add (out, text);
    }

  return TRUE;
}

gboolean
_casebook_json_read_int (CasebookJsonCtx *ctx,
                         JsonObject      *obj,
                         const char      *path,
                         const char      *name,
                         gboolean         required,
                         gint64           min,
                         gint64           max,
                         gint64          *out,
                         gboolean        *present)
{
  JsonNode *node = _casebook_json_member (obj, name);
  g_autofree char *p = _casebook_json_child_path (path, name);
  gint64 v;

  if (present != NULL)
    *present = FALSE;

  if (node == NULL)
    return required ? _casebook_json_missing (ctx, path, name) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
        /* Translators: %g is the number the file holds, such as 2.5 */
        return _casebook_json_invalid (ctx, p, _("expected a whole number, found %g"), json_node_get_double (node));
      /* Translators: %s is what was found, such as “a string” */
      return _casebook_json_invalid (ctx, p, _("expected a whole number, found %s"), describe_node (node));
    }

  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      /* The numbers are written out first: a message to translate
       * cannot hold G_GINT64_FORMAT. */
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      /* Translators: a number the file holds, then the smallest and the
       * largest allowed, as in “2200 is out of range (1990 to 2100)” */
      return _casebook_json_invalid (ctx, p, _("%s is out of range (%s to %s)"), value, low, high);
    }

  *out = v;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

gboolean
_casebook_json_read_number (CasebookJsonCtx *ctx,
                            JsonObject      *obj,
                            const char      *path,
                            const char      *name,
                            gboolean         required,
                            double          *out,
                            gboolean        *present)
{
  JsonNode *node = _casebook_json_member (obj, name);
  g_autofree char *p = _casebook_json_child_path (path, name);
  double v;

  *present = FALSE;

  if (node == NULL)
    return required ? _casebook_json_missing (ctx, path, name) : TRUE;

  if (!node_is_number (node))
    /* Translators: %s is what was found, such as “a string” */
    return _casebook_json_invalid (ctx, p, _("expected a number, found %s"), describe_node (node));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    v = (double) json_node_get_int (node);
  else
    v = json_node_get_double (node);

  if (!isfinite (v) || fabs (v) > CASEBOOK_MAX_ABS_VALUE)
    return _casebook_json_invalid (ctx, p, _("the number is out of range (at most %g in size)"), CASEBOOK_MAX_ABS_VALUE);

  *out = v;
  *present = TRUE;
  return TRUE;
}

typedef gboolean (*CasebookJsonEnumParser) (const char *key, gpointer out);

gboolean
_casebook_json_read_enum (CasebookJsonCtx        *ctx,
                          JsonObject             *obj,
                          const char             *path,
                          const char             *name,
                          gboolean                required,
                          CasebookJsonEnumParser  parse,
                          const char             *allowed,
                          gpointer                out)
{
  g_autofree char *str = NULL;
  g_autofree char *p = _casebook_json_child_path (path, name);

  if (!_casebook_json_read_string (ctx, obj, path, name, required, &str))
    return FALSE;
  if (str == NULL)
    return TRUE;

  if (!parse (str, out))
    {
      g_autofree char *quoted = casebook_quote_value (str);
      /* Translators: a value the file holds, then the values allowed,
       * such as “higher” or “lower” */
      return _casebook_json_invalid (ctx, p, _("“%s” is not one of %s"), quoted, allowed);
    }

  return TRUE;
}

gboolean
_casebook_json_read_point (CasebookJsonCtx *ctx,
                           JsonObject      *obj,
                           const char      *path,
                           const char      *name,
                           CasebookPoint   *point)
{
  JsonObject *pobj = NULL;
  g_autofree char *p = _casebook_json_child_path (path, name);
  gint64 year = 0, quarter = 0;
  JsonNode *node = _casebook_json_member (obj, name);

  if (node == NULL)
    return _casebook_json_missing (ctx, path, name);

  if (!_casebook_json_read_object (ctx, node, p, &pobj) ||
      !_casebook_json_read_int (ctx, pobj, p, "year", TRUE, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR, &year, NULL) ||
      !_casebook_json_read_int (ctx, pobj, p, "quarter", FALSE, 1, 4, &quarter, NULL))
    return FALSE;

  point->year = (int) year;
  point->quarter = (int) quarter;
  return TRUE;
}

gboolean
_casebook_json_read_each (CasebookJsonCtx        *ctx,
                          JsonObject             *obj,
                          const char             *path,
                          const char             *name,
                          gboolean                required,
                          gpointer              (*create) (void),
                          void                  (*destroy) (gpointer),
                          CasebookJsonItemReader  read,
                          GPtrArray              *out)
{
  JsonArray *array;
  g_autofree char *p = _casebook_json_child_path (path, name);

  if (!_casebook_json_read_array (ctx, obj, path, name, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ip = _casebook_json_index_path (p, i);
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
