/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-facet-groups"

#include <string.h>

#include "casebook-case.h"
#include "casebook-facet-groups.h"

/**
 * CasebookFacetGroups:
 *
 * The facet counts of one refresh, sorted out for the filter pane: the
 * values of each facet, most frequent first, the subsectors of each
 * sector, and a way to find any value by key.
 *
 * A library gathered from many sources has tens of thousands of distinct
 * subsectors and products. Building this costs time in proportion to
 * them, so it is built on a worker thread; afterwards the pane only reads
 * the first few values of a group, or looks one up, which costs the same
 * at any size.
 *
 * The groups hold a reference to the array of values they were made
 * from and point into it; neither changes afterwards, so both can be read
 * from any thread.
 */
struct _CasebookFacetGroups
{
  gatomicrefcount ref_count;
  GPtrArray      *values;                      /* of CasebookFacetValue, owned elsewhere too */
  GPtrArray      *groups[CASEBOOK_N_FACETS];    /* of borrowed CasebookFacetValue */
  GHashTable     *by_key[CASEBOOK_N_FACETS];    /* key → borrowed CasebookFacetValue */
  GHashTable     *subsectors;                  /* sector key → GPtrArray of borrowed values */
};

/**
 * casebook_facet_groups_new:
 * @values: (element-type CasebookFacetValue): the counts, as
 *   casebook_store_count_facets() returns them: facet by facet, most
 *   frequent first within a facet
 *
 * Returns: (transfer full): the groups
 */
CasebookFacetGroups *
casebook_facet_groups_new (GPtrArray *values)
{
  CasebookFacetGroups *self = g_new0 (CasebookFacetGroups, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->values = values != NULL ? g_ptr_array_ref (values) : g_ptr_array_new ();
  self->subsectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      self->groups[facet] = g_ptr_array_new ();
      self->by_key[facet] = g_hash_table_new (g_str_hash, g_str_equal);
    }

  for (guint i = 0; i < self->values->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (self->values, i);

      if (value->facet < 0 || value->facet >= CASEBOOK_N_FACETS || value->key == NULL)
        continue;

      g_ptr_array_add (self->groups[value->facet], value);
      g_hash_table_insert (self->by_key[value->facet], value->key, value);

      if (value->facet == CASEBOOK_FACET_SUBSECTOR)
        {
          const char *slash = strchr (value->key, '/');
          g_autofree char *sector = slash != NULL ? g_strndup (value->key, slash - value->key)
                                                  : g_strdup (value->key);
          GPtrArray *group = g_hash_table_lookup (self->subsectors, sector);

          if (group == NULL)
            {
              group = g_ptr_array_new ();
              g_hash_table_insert (self->subsectors, g_steal_pointer (&sector), group);
            }
          g_ptr_array_add (group, value);
        }
    }

  return self;
}

CasebookFacetGroups *
casebook_facet_groups_ref (CasebookFacetGroups *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
casebook_facet_groups_unref (CasebookFacetGroups *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      g_ptr_array_unref (self->groups[facet]);
      g_hash_table_unref (self->by_key[facet]);
    }
  g_hash_table_unref (self->subsectors);
  g_ptr_array_unref (self->values);
  g_free (self);
}

/**
 * casebook_facet_groups_get:
 *
 * Returns: (transfer none) (element-type CasebookFacetValue): the values
 *   of @facet, in the order the counts gave them
 */
GPtrArray *
casebook_facet_groups_get (CasebookFacetGroups *self,
                           CasebookFacet        facet)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, NULL);

  return self->groups[facet];
}

/**
 * casebook_facet_groups_get_subsectors:
 *
 * Returns: (transfer none) (nullable) (element-type CasebookFacetValue):
 *   the subsectors of @sector, most frequent first, or %NULL if it has none
 */
GPtrArray *
casebook_facet_groups_get_subsectors (CasebookFacetGroups *self,
                                      const char          *sector)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sector != NULL, NULL);

  return g_hash_table_lookup (self->subsectors, sector);
}

/**
 * casebook_facet_groups_lookup:
 *
 * Returns: (transfer none) (nullable): the value @key of @facet, or %NULL
 *   if no case has it
 */
const CasebookFacetValue *
casebook_facet_groups_lookup (CasebookFacetGroups *self,
                              CasebookFacet        facet,
                              const char          *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, NULL);

  return key != NULL ? g_hash_table_lookup (self->by_key[facet], key) : NULL;
}

/**
 * casebook_facet_values_name_products:
 * @values: (element-type CasebookFacetValue): counts from
 *   casebook_store_count_facets(), most frequent first within a facet
 * @filter: (nullable): the choices, whose products are named as well
 * @names: product key → #CasebookText, the names found so far; found
 *   names are added
 * @limit: how many of the most frequent products to name
 *
 * Gives the most frequent products of @values, and the chosen ones, their
 * names in both languages. The store keeps a product's English name as
 * its key, and its Chinese name only in the cases that use it, so each
 * new name costs a query (casebook_store_get_product_name()): call this
 * on a worker thread, and keep @names between calls for as long as the
 * store does not change.
 *
 * Returns: %TRUE on success
 */
gboolean
casebook_facet_values_name_products (CasebookStore   *store,
                                     GPtrArray       *values,
                                     CasebookFilter  *filter,
                                     GHashTable      *names,
                                     guint            limit,
                                     GError         **error)
{
  g_auto(GStrv) chosen = NULL;
  guint n_seen = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  if (filter != NULL)
    chosen = casebook_filter_get_values (filter, CASEBOOK_FACET_TECHNOLOGY);

  for (guint i = 0; i < values->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (values, i);
      const CasebookText *name;

      if (value->facet != CASEBOOK_FACET_TECHNOLOGY || value->key == NULL)
        continue;

      n_seen++;
      name = g_hash_table_lookup (names, value->key);
      if (name == NULL && (n_seen <= limit || (chosen != NULL && g_strv_contains ((const char * const *) chosen, value->key))))
        {
          CasebookText *found = casebook_store_get_product_name (store, value->key, error);

          if (found == NULL)
            return FALSE;
          g_hash_table_insert (names, g_strdup (value->key), found);
          name = found;
        }

      if (name != NULL && value->label == NULL)
        value->label = casebook_text_copy (name);
    }

  return TRUE;
}
