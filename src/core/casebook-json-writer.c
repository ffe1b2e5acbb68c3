/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* Writing: a document or an insight section is built as a json-glib
 * tree, and the emitter below lays it out the same way every time, so
 * exporting what was imported gives the same bytes. The form of one case
 * that the store keeps is written directly (casebook-json-compact.c). */

#include "config.h"

#include <math.h>

#include "casebook-json-private.h"

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

/* @personal: whether to add the person's tags and note, which an
 * interchange document carries and the store keeps apart from the case. */
static void
build_case (JsonBuilder  *b,
            CasebookCase *c,
            gboolean      personal)
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

  if (personal)
    _casebook_json_build_personal (b, c);

  json_builder_end_object (b);
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


/* @with_cases: whether to add the cases, or leave `cases` an empty array
 * for casebook-json-emitter.c to fill one case at a time. */
static void
build_document (JsonBuilder      *b,
                CasebookDocument *doc,
                gboolean          with_cases)
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
  add_text (b, "publisher", casebook_document_get_publisher (doc));

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
  for (guint i = 0; with_cases && i < array->len; i++)
    build_case (b, g_ptr_array_index (array, i), TRUE);
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

  _casebook_json_build_collections (b, doc);

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

/* Quotes @str as json-glib 1.6 does, whose bytes every export so far
 * has had: `"` and `\` escaped, \b \f \n \r \t by name, the other
 * control characters from U+0001 to U+001E and U+007F as \u00xx, and
 * everything else, U+001F included, as it is. Asking json-glib for each string
 * made a generator object per string, a large part of the time of an
 * export; test-export-stream.c checks every character against it. Text
 * that is not UTF-8 (never in the store) still goes through json-glib. */
static void
emit_string (GString    *out,
             const char *str)
{
  const char *run = str;
  const char *p;

  if (!g_utf8_validate (str, -1, NULL))
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), str);
      g_autofree char *quoted = json_to_string (node, FALSE);

      g_string_append (out, quoted);
      return;
    }

  g_string_append_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *named;

      switch (c)
        {
        case '"':  named = "\\\""; break;
        case '\\': named = "\\\\"; break;
        case '\b': named = "\\b"; break;
        case '\f': named = "\\f"; break;
        case '\n': named = "\\n"; break;
        case '\r': named = "\\r"; break;
        case '\t': named = "\\t"; break;
        default:
          if (c >= 0x1f && c != 0x7f)
            continue;
          named = NULL;
          break;
        }

      g_string_append_len (out, run, p - run);
      run = p + 1;
      if (named != NULL)
        g_string_append (out, named);
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
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
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (obj) == 0)
          {
            g_string_append (out, "{}");
            break;
          }

        /* In the order the members were added, as
         * json_object_get_members() gives them, without looking each up
         * again. */
        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, obj);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            emit_indent (out, level + 1);
            emit_string (out, name);
            g_string_append (out, ": ");
            emit_node (out, member, level + 1);
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

  build_document (b, document, TRUE);
  root = json_builder_get_root (b);

  emit_node (out, root, 0);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/**
 * _casebook_json_build_head:
 *
 * Returns: (transfer full): the tree of @document as
 *   casebook_json_write_document() writes it, with `cases` left empty
 */
JsonNode *
_casebook_json_build_head (CasebookDocument *document)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  build_document (b, document, FALSE);
  return json_builder_get_root (b);
}

/**
 * _casebook_json_build_case_node:
 *
 * Returns: (transfer full): the tree of @c, with its tags and note, as
 *   it stands among a document's cases
 */
JsonNode *
_casebook_json_build_case_node (CasebookCase *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  build_case (b, c, TRUE);
  return json_builder_get_root (b);
}

/**
 * _casebook_json_emit_node:
 * @level: how deep @node stands, for the indentation of its lines
 *
 * Appends @node to @out laid out as casebook_json_write_document() lays
 * out a document.
 */
void
_casebook_json_emit_node (GString  *out,
                          JsonNode *node,
                          guint     level)
{
  emit_node (out, node, level);
}

/**
 * _casebook_json_emit_member_name:
 *
 * Appends the line break, indentation and quoted @name that start a
 * member of an object whose members stand at @level.
 */
void
_casebook_json_emit_member_name (GString    *out,
                                 const char *name,
                                 guint       level)
{
  emit_indent (out, level);
  emit_string (out, name);
  g_string_append (out, ": ");
}

/**
 * _casebook_json_emit_string:
 *
 * Appends @str quoted and escaped as a document's strings are.
 */
void
_casebook_json_emit_string (GString    *out,
                            const char *str)
{
  emit_string (out, str);
}

/**
 * _casebook_json_emit_indent:
 *
 * Appends a line break and the indentation of @level.
 */
void
_casebook_json_emit_indent (GString *out,
                            guint    level)
{
  emit_indent (out, level);
}
