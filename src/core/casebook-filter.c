/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-filter"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "casebook-filter.h"

/**
 * CasebookFilter:
 *
 * What the person narrowed the cases down to: values chosen in each facet,
 * and a search query. The store turns a filter into bound parameters, so a
 * filter never becomes SQL text.
 */
struct _CasebookFilter
{
  GObject     parent_instance;

  GHashTable *values[CASEBOOK_N_FACETS];
  char       *query;
  gint64      collection;
};

G_DEFINE_FINAL_TYPE (CasebookFilter, casebook_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
casebook_filter_finalize (GObject *object)
{
  CasebookFilter *self = (CasebookFilter *)object;

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    g_clear_pointer (&self->values[i], g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (casebook_filter_parent_class)->finalize (object);
}

static void
casebook_filter_class_init (CasebookFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_filter_finalize;

  /**
   * CasebookFilter::changed:
   *
   * Emitted when a facet value or the query changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
casebook_filter_init (CasebookFilter *self)
{
  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    self->values[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CasebookFilter *
casebook_filter_new (void)
{
  return g_object_new (CASEBOOK_TYPE_FILTER, NULL);
}

/**
 * casebook_filter_copy:
 *
 * A snapshot of the filter, for work that runs on another thread while
 * the person goes on changing the original.
 *
 * Returns: (transfer full): the copy
 */
CasebookFilter *
casebook_filter_copy (CasebookFilter *self)
{
  CasebookFilter *copy;

  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), NULL);

  copy = casebook_filter_new ();
  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->values[i]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (copy->values[i], g_strdup (key));
    }
  copy->query = g_strdup (self->query);
  copy->collection = self->collection;

  return copy;
}

gboolean
casebook_filter_has (CasebookFilter *self,
                     CasebookFacet   facet,
                     const char     *value)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), FALSE);
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, FALSE);

  return value != NULL && g_hash_table_contains (self->values[facet], value);
}

void
casebook_filter_set (CasebookFilter *self,
                     CasebookFacet   facet,
                     const char     *value,
                     gboolean        active)
{
  gboolean changed;

  g_return_if_fail (CASEBOOK_IS_FILTER (self));
  g_return_if_fail (facet < CASEBOOK_N_FACETS);
  g_return_if_fail (value != NULL);

  if (active)
    changed = g_hash_table_add (self->values[facet], g_strdup (value));
  else
    changed = g_hash_table_remove (self->values[facet], value);

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * casebook_filter_clear_facets:
 *
 * Drops every facet value at once; the query stays.
 */
void
casebook_filter_clear_facets (CasebookFilter *self)
{
  g_return_if_fail (CASEBOOK_IS_FILTER (self));

  if (!casebook_filter_has_facets (self))
    return;

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    g_hash_table_remove_all (self->values[i]);

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
casebook_filter_has_facets (CasebookFilter *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), FALSE);

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    if (g_hash_table_size (self->values[i]) > 0)
      return TRUE;

  return FALSE;
}

guint
casebook_filter_count (CasebookFilter *self,
                       CasebookFacet   facet)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), 0);
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, 0);

  return g_hash_table_size (self->values[facet]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * casebook_filter_get_values:
 *
 * Returns: (transfer full): the chosen values of @facet, sorted
 */
char **
casebook_filter_get_values (CasebookFilter *self,
                            CasebookFacet   facet)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), NULL);
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, NULL);

  g_hash_table_iter_init (&iter, self->values[facet]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (values, g_strdup (key));
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

/**
 * casebook_filter_to_json:
 *
 * The chosen values of @facet as a JSON array, for SQLite's json_each();
 * %NULL when none is chosen, which the store reads as "any".
 *
 * Returns: (transfer full) (nullable): the JSON text
 */
char *
casebook_filter_to_json (CasebookFilter *self,
                         CasebookFacet   facet)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) values = NULL;

  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), NULL);

  if (g_hash_table_size (self->values[facet]) == 0)
    return NULL;

  values = casebook_filter_get_values (self, facet);
  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    {
      /* Years are numbers in the store; compare them as numbers. */
      if (facet == CASEBOOK_FACET_YEAR)
        json_builder_add_int_value (builder, g_ascii_strtoll (values[i], NULL, 10));
      else
        json_builder_add_string_value (builder, values[i]);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

const char *
casebook_filter_get_query (CasebookFilter *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), NULL);
  return self->query;
}

/**
 * casebook_filter_set_query:
 * @query: (nullable): free text; only spaces count as no query
 */
void
casebook_filter_set_query (CasebookFilter *self,
                           const char     *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CASEBOOK_IS_FILTER (self));

  if (query != NULL)
    {
      stripped = g_strstrip (g_strdup (query));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (self->query, stripped) == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&stripped);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * casebook_filter_get_collection:
 *
 * Returns: the store id of the collection the cases are restricted to, or
 *   0 for none
 */
gint64
casebook_filter_get_collection (CasebookFilter *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), 0);
  return self->collection;
}

/**
 * casebook_filter_set_collection:
 * @collection_id: a collection's store id, or 0 for none
 *
 * Restricts the cases to a collection. A plain collection lists its cases
 * in its own order, whatever order the listing asks for; a smart one adds
 * its saved facets and search to this filter's (both must match). An id
 * no collection has matches no case. casebook_filter_clear_facets() leaves
 * the collection alone.
 */
void
casebook_filter_set_collection (CasebookFilter *self,
                                gint64          collection_id)
{
  g_return_if_fail (CASEBOOK_IS_FILTER (self));
  g_return_if_fail (collection_id >= 0);

  if (self->collection == collection_id)
    return;

  self->collection = collection_id;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The names of the facets in a saved filter. */
static const char * const facet_names[CASEBOOK_N_FACETS] = {
  [CASEBOOK_FACET_SECTOR] = "sector",
  [CASEBOOK_FACET_SUBSECTOR] = "subsector",
  [CASEBOOK_FACET_KIND] = "kind",
  [CASEBOOK_FACET_APPROACH] = "approach",
  [CASEBOOK_FACET_TECHNOLOGY] = "technology",
  [CASEBOOK_FACET_SIZE] = "size",
  [CASEBOOK_FACET_YEAR] = "year",
  [CASEBOOK_FACET_TAG] = "tag",
  [CASEBOOK_FACET_SOURCE] = "source",
};

/**
 * casebook_filter_serialize:
 *
 * The query and the chosen facet values as a JSON object, such as
 * `{"query":"k8s","sector":["finance"],"tag":["shortlist"]}`: members in a
 * fixed order, values sorted, so that equal filters give equal text. The
 * collection restriction is left out.
 *
 * Returns: (transfer full): the JSON text
 */
char *
casebook_filter_serialize (CasebookFilter *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CASEBOOK_IS_FILTER (self), NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  if (self->query != NULL)
    {
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, self->query);
    }
  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    {
      g_auto(GStrv) values = NULL;

      if (g_hash_table_size (self->values[i]) == 0)
        continue;

      values = casebook_filter_get_values (self, i);
      json_builder_set_member_name (builder, facet_names[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; values[j] != NULL; j++)
        json_builder_add_string_value (builder, values[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/**
 * casebook_filter_deserialize:
 * @json: what casebook_filter_serialize() wrote
 *
 * Reads a saved filter back. Members it does not know are passed over, so
 * that a filter saved by a newer version still reads.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL with
 *   %G_IO_ERROR_INVALID_DATA
 */
CasebookFilter *
casebook_filter_deserialize (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a saved filter must be a JSON object");
      return NULL;
    }

  object = json_node_get_object (root);
  if (json_object_has_member (object, "query"))
    {
      JsonNode *node = json_object_get_member (object, "query");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "the query of a saved filter must be a string");
          return NULL;
        }
      casebook_filter_set_query (filter, json_node_get_string (node));
    }

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    {
      JsonNode *node = json_object_get_member (object, facet_names[i]);
      JsonArray *array;

      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” of a saved filter must be an array of strings", facet_names[i]);
          return NULL;
        }

      array = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *value = json_array_get_element (array, j);

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "“%s” of a saved filter must be an array of strings", facet_names[i]);
              return NULL;
            }
          casebook_filter_set (filter, i, json_node_get_string (value), TRUE);
        }
    }

  return g_steal_pointer (&filter);
}
