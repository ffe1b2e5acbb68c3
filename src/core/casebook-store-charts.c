/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store-charts"

#include "casebook-store-charts.h"

/* What the charts read from the store: the numbers of one metric family
 * and the coverage table, among the cases a filter lets through. These
 * live on the store's side so that CasebookStats and CasebookCoverage
 * are built from what they are handed and know nothing of SQLite. */

#define LABELLED_VALUES 2000

typedef struct
{
  CasebookStats *stats;
  guint          n_outcomes;
} Adding;

static gboolean
add_outcome_cb (const CasebookOutcomeRow *row,
                gpointer                  user_data)
{
  Adding *adding = user_data;

  casebook_stats_add_outcome (adding->stats, row);
  adding->n_outcomes++;
  return TRUE;
}

static gboolean
filter_allows_sector (CasebookFilter *filter,
                      const char     *sector)
{
  return filter == NULL ||
         casebook_filter_count (filter, CASEBOOK_FACET_SECTOR) == 0 ||
         casebook_filter_has (filter, CASEBOOK_FACET_SECTOR, sector);
}

/**
 * casebook_stats_load:
 * @filter: (nullable): which cases, or %NULL for all
 * @metric: a metric family
 *
 * Reads the numbers of @metric among the cases @filter lets through, and
 * the report's ranges for the sectors it lets through.
 *
 * Returns: (transfer full) (nullable): the finished statistics
 */
CasebookStats *
casebook_stats_load (CasebookStore   *store,
                     CasebookFilter  *filter,
                     const char      *metric,
                     GError         **error)
{
  g_autoptr(CasebookStats) self = NULL;
  g_autoptr(CasebookCatalog) catalog = NULL;
  g_autoptr(GPtrArray) ranges = NULL;
  const CasebookMetric *family;
  GPtrArray *sectors;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (metric != NULL, NULL);

  catalog = casebook_store_get_catalog (store, error);
  if (catalog == NULL)
    return NULL;
  sectors = casebook_catalog_get_sectors (catalog);
  family = casebook_catalog_get_metric (catalog, metric);

  for (int pass = 0; pass < 2; pass++)
    {
      Adding adding = { NULL, 0 };

      g_clear_object (&self);
      self = casebook_stats_new (metric, family != NULL ? family->name : NULL);
      for (guint i = 0; i < sectors->len; i++)
        casebook_stats_add_sector (self, g_ptr_array_index (sectors, i));

      adding.stats = self;
      if (!casebook_store_foreach_outcome (store, filter, metric, pass > 0, add_outcome_cb, &adding, error))
        return NULL;

      /* The marks are labelled with the report section of their case,
       * which is worth reading again for only as many values as can be
       * labelled; beyond, the labels are the case ids. */
      if (adding.n_outcomes > LABELLED_VALUES)
        break;
    }

  ranges = casebook_catalog_list_ranges (catalog, metric);
  for (guint i = 0; i < ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (ranges, i);

      if (filter_allows_sector (filter, range->sector))
        casebook_stats_add_range (self, range);
    }

  casebook_stats_finish (self);
  return g_steal_pointer (&self);
}

/**
 * casebook_coverage_load:
 * @filter: (nullable): which cases, or %NULL for all
 *
 * Counts, among the cases @filter lets through, the cases of each sector
 * that report each metric family. Every family of the store is a row;
 * the columns are the sectors the filter lets through.
 *
 * Returns: (transfer full) (nullable): the coverage
 */
CasebookCoverage *
casebook_coverage_load (CasebookStore   *store,
                        CasebookFilter  *filter,
                        GError         **error)
{
  g_autoptr(CasebookCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sectors = g_ptr_array_new ();
  g_autoptr(GArray) cells = NULL;
  GPtrArray *all_sectors;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);

  catalog = casebook_store_get_catalog (store, error);
  if (catalog == NULL)
    return NULL;
  cells = casebook_store_count_coverage (store, filter, error);
  if (cells == NULL)
    return NULL;

  all_sectors = casebook_catalog_get_sectors (catalog);
  for (guint i = 0; i < all_sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (all_sectors, i);

      if (filter_allows_sector (filter, sector->key))
        g_ptr_array_add (sectors, sector);
    }

  return casebook_coverage_new (casebook_catalog_get_metrics (catalog), sectors, cells);
}
