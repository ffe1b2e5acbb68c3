/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* Reading one member of a json-glib object as a checked value: a string,
 * a key, a text in two languages, a number in range, an enumeration, a
 * point in time or an array of items. A refusal names the file and the
 * member's place in the document, such as cases[3].outcomes[1].value. */

#include "config.h"

#include <math.h>
#include <stdarg.h>

#include "casebook-case-check.h"
#include "casebook-escape.h"
#include "casebook-json-private.h"

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
  g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID,
               "%s: %s: %s", ctx->name, path, message);
  return FALSE;
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

  g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID,
               "%s: %s: %s", ctx->name, path[0] ? path : "top level", message);
  return FALSE;
}

char *
_casebook_json_child_path (const char *path,
                           const char *member)
{
  if (path[0] == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", path, member);
}

char *
_casebook_json_index_path (const char *path,
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
  return _casebook_json_invalid (ctx, p, "this member is required");
}

gboolean
_casebook_json_read_object (CasebookJsonCtx  *ctx,
                            JsonNode         *node,
                            const char       *path,
                            JsonObject      **out)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return _casebook_json_invalid (ctx, path, "expected an object, found %s", describe_node (node));

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
    return _casebook_json_invalid (ctx, p, "expected an array, found %s", describe_node (node));

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
    return _casebook_json_invalid (ctx, p, "expected a string, found %s", describe_node (node));

  str = json_node_get_string (node);
  if (str == NULL || str[0] == '\0')
    return required ? _casebook_json_invalid (ctx, p, "must not be empty") : TRUE;

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
                                     "“%s” is not a valid key (1 to 64 characters of a–z, 0–9, “.”, “_” "
                                     "and “-”, starting with a letter or a digit)", quoted);
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
        return _casebook_json_invalid (ctx, path, "must not be empty");

      {
        g_autofree char *lf = casebook_string_normalize_lines (str);
        *out = casebook_text_new_same (lf != NULL ? lf : str);
      }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _casebook_json_invalid (ctx, path, "expected a text object such as {\"zh\": \"…\", \"en\": \"…\"}%s, found %s",
                                   allow_plain ? " or a string" : "", describe_node (node));

  obj = json_node_get_object (node);

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *v = _casebook_json_member (obj, langs[i]);

      if (v == NULL)
        continue;

      if (!node_is_string (v))
        {
          g_autofree char *p = _casebook_json_child_path (path, langs[i]);
          return _casebook_json_invalid (ctx, p, "expected a string, found %s", describe_node (v));
        }

      values[i] = json_node_get_string (v);
    }

  if ((values[0] == NULL || values[0][0] == '\0') &&
      (values[1] == NULL || values[1][0] == '\0'))
    return _casebook_json_invalid (ctx, path, "a text needs a non-empty “zh” or “en”");

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
        return _casebook_json_invalid (ctx, p, "expected a whole number, found %g", json_node_get_double (node));
      return _casebook_json_invalid (ctx, p, "expected a whole number, found %s", describe_node (node));
    }

  v = json_node_get_int (node);
  if (v < min || v > max)
    return _casebook_json_invalid (ctx, p, "%" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT
                                   " to %" G_GINT64_FORMAT ")", v, min, max);

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
    return _casebook_json_invalid (ctx, p, "expected a number, found %s", describe_node (node));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    v = (double) json_node_get_int (node);
  else
    v = json_node_get_double (node);

  if (!isfinite (v) || fabs (v) > CASEBOOK_MAX_ABS_VALUE)
    return _casebook_json_invalid (ctx, p, "the number is out of range (at most %g in size)", CASEBOOK_MAX_ABS_VALUE);

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
      return _casebook_json_invalid (ctx, p, "“%s” is not one of %s", quoted, allowed);
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
