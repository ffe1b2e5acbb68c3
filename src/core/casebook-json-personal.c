/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* The person's own layer in the interchange format: a case's `tags` and
 * `note`, and the top-level `collections` (plain, with ordered case ids,
 * or smart, with a saved query). Read with the same checks as the rest of
 * the format, and written so that a document with none of it gives the
 * same bytes as before these members existed. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "casebook-case-check.h"
#include "casebook-collection.h"
#include "casebook-escape.h"
#include "casebook-json-private.h"

/* The facets a smart collection's query may name, by their member name,
 * in the order the writer puts them. Members the table does not know are
 * refused rather than ignored: a query that silently dropped a facet a
 * newer Casebook wrote would show more cases than it was saved with. */
static const struct
{
  const char    *member;
  CasebookFacet  facet;
} query_facets[] = {
  { "sector", CASEBOOK_FACET_SECTOR },
  { "subsector", CASEBOOK_FACET_SUBSECTOR },
  { "kind", CASEBOOK_FACET_KIND },
  { "approach", CASEBOOK_FACET_APPROACH },
  { "technology", CASEBOOK_FACET_TECHNOLOGY },
  { "size", CASEBOOK_FACET_SIZE },
  { "year", CASEBOOK_FACET_YEAR },
  { "tag", CASEBOOK_FACET_TAG },
  { "source", CASEBOOK_FACET_SOURCE },
};

#define QUERY_SEARCH "search"

/* The shared rules of the editor and the store (casebook-case-check.c),
 * said at @path. */
static gboolean
check_shared (CasebookJsonCtx *ctx,
              const char      *path,
              char            *problem)
{
  g_autofree char *message = problem;

  if (message == NULL)
    return TRUE;
  return _casebook_json_invalid (ctx, path, "%s", message);
}

/* A string member that may run over several lines (a note, an
 * introduction): CR LF read as LF, then checked as a note is. An empty
 * string reads as absent. */
static gboolean
read_paragraphs (CasebookJsonCtx  *ctx,
                 JsonObject       *obj,
                 const char       *path,
                 const char       *name,
                 char            **out)
{
  JsonNode *node = _casebook_json_member (obj, name);
  g_autofree char *p = _casebook_json_child_path (path, name);
  g_autofree char *lf = NULL;
  const char *str;

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return _casebook_json_invalid (ctx, p, _("expected a string, found %s"), _casebook_json_describe (node));

  str = json_node_get_string (node);
  if (str == NULL || str[0] == '\0')
    return TRUE;

  lf = casebook_string_normalize_lines (str);
  if (lf != NULL)
    str = lf;

  if (!ctx->stored && !check_shared (ctx, p, casebook_check_note (str)))
    return FALSE;

  *out = g_strdup (str);
  return TRUE;
}

/**
 * _casebook_json_read_personal:
 * @path: the case's place, such as cases[3]
 *
 * Reads a case's `tags` (an array of strings, each a tag as
 * casebook_check_tag() allows) and `note` (a string of paragraphs).
 */
gboolean
_casebook_json_read_personal (CasebookJsonCtx *ctx,
                              JsonObject      *obj,
                              const char      *path,
                              CasebookCase    *c)
{
  g_autofree char *note = NULL;
  g_autofree char *tags_path = _casebook_json_child_path (path, "tags");
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (!_casebook_json_read_array (ctx, obj, path, "tags", FALSE, &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *ip = _casebook_json_index_path (tags_path, i);
      JsonNode *node = json_array_get_element (array, i);
      const char *tag;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return _casebook_json_invalid (ctx, ip, _("expected a string, found %s"), _casebook_json_describe (node));

      tag = json_node_get_string (node);
      if (!ctx->stored && !check_shared (ctx, ip, casebook_check_tag (tag)))
        return FALSE;
      g_ptr_array_add (tags, g_strdup (tag));
    }

  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      casebook_case_set_tags (c, (const char * const *) tags->pdata);
    }

  if (!read_paragraphs (ctx, obj, path, "note", &note))
    return FALSE;
  if (note != NULL)
    casebook_case_set_personal_note (c, note);

  return TRUE;
}

/* Reads one value of @facet from @node into @filter. */
static gboolean
read_facet_value (CasebookJsonCtx *ctx,
                  JsonNode        *node,
                  const char      *path,
                  CasebookFacet    facet,
                  CasebookFilter  *filter)
{
  const char *str;
  g_autofree char *quoted = NULL;
  gboolean valid = TRUE;
  gunichar c;

  if (facet == CASEBOOK_FACET_YEAR)
    {
      gint64 year;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return _casebook_json_invalid (ctx, path, _("expected a whole number, found %s"), _casebook_json_describe (node));

      year = json_node_get_int (node);
      if (year < CASEBOOK_MIN_YEAR || year > CASEBOOK_MAX_YEAR)
        {
          g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, year);
          g_autofree char *low = g_strdup_printf ("%d", CASEBOOK_MIN_YEAR);
          g_autofree char *high = g_strdup_printf ("%d", CASEBOOK_MAX_YEAR);

          return _casebook_json_invalid (ctx, path, _("%s is out of range (%s to %s)"), value, low, high);
        }

      {
        g_autofree char *value = g_strdup_printf ("%d", (int) year);
        casebook_filter_set (filter, facet, value, TRUE);
      }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return _casebook_json_invalid (ctx, path, _("expected a string, found %s"), _casebook_json_describe (node));
  if (json_node_get_string (node)[0] == '\0')
    return _casebook_json_invalid (ctx, path, "%s", _("must not be empty"));

  str = json_node_get_string (node);
  if (!ctx->stored && casebook_string_find_control (str, CASEBOOK_ONE_LINE, &c))
    {
      g_autofree char *message = casebook_control_message (c, CASEBOOK_ONE_LINE);
      return _casebook_json_invalid (ctx, path, "%s", message);
    }

  switch (facet)
    {
    case CASEBOOK_FACET_SECTOR:
      valid = casebook_key_is_valid (str);
      break;
    case CASEBOOK_FACET_KIND:
      {
        CasebookKind kind;
        valid = casebook_kind_from_key (str, &kind);
      }
      break;
    case CASEBOOK_FACET_APPROACH:
      {
        CasebookApproach approach;
        valid = casebook_approach_from_key (str, &approach);
      }
      break;
    case CASEBOOK_FACET_SIZE:
      {
        CasebookSize size;
        valid = casebook_size_from_key (str, &size);
      }
      break;
    case CASEBOOK_FACET_TAG:
      {
        g_autofree char *problem = casebook_check_tag (str);
        valid = problem == NULL;
      }
      break;
    default:
      /* A subsector (sector/subsector), a product name or a source
       * (bundled, own or a subscription's URL): any one-line string,
       * found or not by the store. */
      break;
    }

  if (!valid)
    {
      quoted = casebook_quote_value (str);
      /* Translators: %s is a value the file holds, in a smart collection's query */
      return _casebook_json_invalid (ctx, path, _("“%s” is not a value this facet can have"), quoted);
    }

  casebook_filter_set (filter, facet, str, TRUE);
  return TRUE;
}

static gboolean
read_query (CasebookJsonCtx  *ctx,
            JsonNode         *node,
            const char       *path,
            CasebookFilter  **out)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *obj = NULL;

  if (!_casebook_json_read_object (ctx, node, path, &obj))
    return FALSE;

  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *p = _casebook_json_child_path (path, member);
      JsonArray *values = NULL;
      guint f;

      if (g_str_equal (member, QUERY_SEARCH))
        {
          g_autofree char *search = NULL;

          if (!_casebook_json_read_string (ctx, obj, path, QUERY_SEARCH, FALSE, &search))
            return FALSE;
          if (search != NULL && g_utf8_strlen (search, -1) > CASEBOOK_MAX_NOTE_CHARS)
            return _casebook_json_invalid (ctx, p, _("is longer than %ld characters"),
                                           (long) CASEBOOK_MAX_NOTE_CHARS);
          casebook_filter_set_query (filter, search);
          continue;
        }

      for (f = 0; f < G_N_ELEMENTS (query_facets); f++)
        if (g_str_equal (member, query_facets[f].member))
          break;

      if (f == G_N_ELEMENTS (query_facets))
        {
          g_autofree char *quoted = casebook_quote_value (member);
          /* Translators: %s is a member name the file holds; the words
           * in quotes after it are the format's own and stay as they are */
          return _casebook_json_invalid (ctx, p, _("“%s” is not a facet of a query (“search”, “sector”, "
                                                   "“subsector”, “kind”, “approach”, “technology”, “size”, "
                                                   "“year” or “tag”)"), quoted);
        }

      if (!_casebook_json_read_array (ctx, obj, path, member, FALSE, &values))
        return FALSE;

      for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
        {
          g_autofree char *ip = _casebook_json_index_path (p, i);

          if (!read_facet_value (ctx, json_array_get_element (values, i), ip, query_facets[f].facet, filter))
            return FALSE;
        }
    }

  *out = g_steal_pointer (&filter);
  return TRUE;
}

static gboolean
read_collection (CasebookJsonCtx     *ctx,
                 JsonNode            *node,
                 const char          *path,
                 CasebookCollection **out)
{
  JsonObject *obj = NULL;
  JsonNode *query, *cases;
  g_autofree char *name = NULL;
  g_autofree char *introduction = NULL;
  g_autofree char *name_path = _casebook_json_child_path (path, "name");
  g_autoptr(CasebookCollection) collection = NULL;
  JsonNode *name_node;

  if (!_casebook_json_read_object (ctx, node, path, &obj))
    return FALSE;

  /* An empty name is the shared check's to refuse, with its words. */
  name_node = _casebook_json_member (obj, "name");
  if (name_node == NULL)
    return _casebook_json_missing (ctx, path, "name");
  if (!JSON_NODE_HOLDS_VALUE (name_node) || json_node_get_value_type (name_node) != G_TYPE_STRING)
    return _casebook_json_invalid (ctx, name_path, _("expected a string, found %s"),
                                   _casebook_json_describe (name_node));
  name = g_strdup (json_node_get_string (name_node));
  if (!check_shared (ctx, name_path, casebook_collection_check_name (name)))
    return FALSE;

  if (!read_paragraphs (ctx, obj, path, "introduction", &introduction))
    return FALSE;

  query = _casebook_json_member (obj, "query");
  cases = _casebook_json_member (obj, "cases");

  if (query != NULL && cases != NULL)
    return _casebook_json_invalid (ctx, path, "%s",
                                   /* Translators: “cases” and “query” are words of the file format */
                                   _("a collection has either “cases” or “query”, not both"));
  if (query == NULL && cases == NULL)
    return _casebook_json_invalid (ctx, path, "%s",
                                   /* Translators: “cases” and “query” are words of the file format */
                                   _("a collection needs “cases” (its case ids) or “query” (a smart collection)"));

  if (query != NULL)
    {
      g_autofree char *p = _casebook_json_child_path (path, "query");
      g_autoptr(CasebookFilter) filter = NULL;

      if (!read_query (ctx, query, p, &filter))
        return FALSE;
      collection = casebook_collection_new_smart (name, filter);
    }
  else
    {
      g_autofree char *p = _casebook_json_child_path (path, "cases");
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *ids = NULL;
      GPtrArray *out_ids;

      if (!_casebook_json_read_array (ctx, obj, path, "cases", TRUE, &ids))
        return FALSE;

      collection = casebook_collection_new (name);
      out_ids = casebook_collection_get_case_ids (collection);

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          g_autofree char *ip = _casebook_json_index_path (p, i);
          JsonNode *id = json_array_get_element (ids, i);
          const char *str;

          if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
            return _casebook_json_invalid (ctx, ip, _("expected a string, found %s"), _casebook_json_describe (id));

          str = json_node_get_string (id);
          if (!casebook_key_is_valid (str))
            {
              g_autofree char *quoted = casebook_quote_value (str);
              /* Translators: %s is a value the file holds */
              return _casebook_json_invalid (ctx, ip, _("“%s” is not the id of a case"), quoted);
            }

          if (!g_hash_table_add (seen, (gpointer) str))
            /* Translators: %s is the id of a case, such as report-2.1 */
            return _casebook_json_invalid (ctx, ip, _("the case “%s” is in this collection twice"), str);

          g_ptr_array_add (out_ids, g_strdup (str));
        }
    }

  casebook_collection_set_introduction (collection, introduction);
  *out = g_steal_pointer (&collection);
  return TRUE;
}

/* Names are told apart as the store tells them apart: after NFC, so that
 * two spellings of one name that look the same are one name. */
static char *
name_key (const char *name)
{
  return g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
}

/**
 * _casebook_json_read_collections:
 *
 * Reads the top-level `collections` into @doc, refusing a name used
 * twice. Whether the cases they name are in the file is checked once the
 * cases are read (_casebook_json_check_collection_cases()).
 */
gboolean
_casebook_json_read_collections (CasebookJsonCtx  *ctx,
                                 JsonObject       *obj,
                                 CasebookDocument *doc)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out = casebook_document_get_collections (doc);
  JsonArray *array = NULL;

  if (!_casebook_json_read_array (ctx, obj, "", "collections", FALSE, &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _casebook_json_index_path ("collections", i);
      CasebookCollection *collection = NULL;
      char *key;

      if (!read_collection (ctx, json_array_get_element (array, i), p, &collection))
        return FALSE;

      key = name_key (casebook_collection_get_name (collection));
      if (!g_hash_table_add (names, key))
        {
          g_autofree char *np = _casebook_json_child_path (p, "name");
          g_autofree char *quoted = casebook_quote_value (casebook_collection_get_name (collection));

          g_object_unref (collection);
          /* Translators: %s is the name of a collection */
          return _casebook_json_invalid (ctx, np, _("the collection “%s” appears twice in this file"), quoted);
        }

      g_ptr_array_add (out, collection);
    }

  return TRUE;
}

/**
 * _casebook_json_check_collection_cases:
 * @ids: the ids of every case in the file
 *
 * A file carries the cases its collections name: a collection's export
 * holds its cases, a whole export every case. An id the file does not
 * hold is refused, at its place in the collection.
 */
gboolean
_casebook_json_check_collection_cases (CasebookJsonCtx  *ctx,
                                       CasebookDocument *doc,
                                       GHashTable       *ids)
{
  GPtrArray *collections = casebook_document_get_collections (doc);

  for (guint i = 0; i < collections->len; i++)
    {
      CasebookCollection *collection = g_ptr_array_index (collections, i);
      GPtrArray *case_ids = casebook_collection_get_case_ids (collection);

      for (guint j = 0; j < case_ids->len; j++)
        {
          const char *id = g_ptr_array_index (case_ids, j);

          if (!g_hash_table_contains (ids, id))
            {
              g_autofree char *p = g_strdup_printf ("collections[%u].cases[%u]", i, j);
              /* Translators: %s is the id of a case, such as report-2.1 */
              return _casebook_json_invalid (ctx, p, _("the file holds no case “%s”"), id);
            }
        }
    }

  return TRUE;
}

/**
 * _casebook_json_build_personal:
 *
 * Adds @c's `tags` and `note`, when it has them, at the end of the case
 * object being built.
 */
void
_casebook_json_build_personal (JsonBuilder  *b,
                               CasebookCase *c)
{
  const char * const *tags = casebook_case_get_tags (c);
  const char *note = casebook_case_get_personal_note (c);

  if (tags != NULL && tags[0] != NULL)
    {
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint i = 0; tags[i] != NULL; i++)
        json_builder_add_string_value (b, tags[i]);
      json_builder_end_array (b);
    }

  if (note != NULL && note[0] != '\0')
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
}

static void
build_query (JsonBuilder    *b,
             CasebookFilter *filter)
{
  const char *search = casebook_filter_get_query (filter);

  json_builder_begin_object (b);
  if (search != NULL)
    {
      json_builder_set_member_name (b, QUERY_SEARCH);
      json_builder_add_string_value (b, search);
    }

  for (guint f = 0; f < G_N_ELEMENTS (query_facets); f++)
    {
      g_auto(GStrv) values = casebook_filter_get_values (filter, query_facets[f].facet);

      if (values[0] == NULL)
        continue;

      json_builder_set_member_name (b, query_facets[f].member);
      json_builder_begin_array (b);
      for (guint i = 0; values[i] != NULL; i++)
        {
          if (query_facets[f].facet == CASEBOOK_FACET_YEAR)
            json_builder_add_int_value (b, g_ascii_strtoll (values[i], NULL, 10));
          else
            json_builder_add_string_value (b, values[i]);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/**
 * _casebook_json_build_collections:
 *
 * Adds the top-level `collections` when @doc has any, each in the order
 * the document holds them, with its cases in the collection's order.
 */
void
_casebook_json_build_collections (JsonBuilder      *b,
                                  CasebookDocument *doc)
{
  GPtrArray *collections = casebook_document_get_collections (doc);

  if (collections->len == 0)
    return;

  json_builder_set_member_name (b, "collections");
  json_builder_begin_array (b);
  for (guint i = 0; i < collections->len; i++)
    {
      CasebookCollection *collection = g_ptr_array_index (collections, i);
      const char *introduction = casebook_collection_get_introduction (collection);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, casebook_collection_get_name (collection));
      if (introduction != NULL && introduction[0] != '\0')
        {
          json_builder_set_member_name (b, "introduction");
          json_builder_add_string_value (b, introduction);
        }

      if (casebook_collection_is_smart (collection))
        {
          json_builder_set_member_name (b, "query");
          build_query (b, casebook_collection_get_filter (collection));
        }
      else
        {
          GPtrArray *ids = casebook_collection_get_case_ids (collection);

          json_builder_set_member_name (b, "cases");
          json_builder_begin_array (b);
          for (guint j = 0; j < ids->len; j++)
            json_builder_add_string_value (b, g_ptr_array_index (ids, j));
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}
