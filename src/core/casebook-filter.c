/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-filter"

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
