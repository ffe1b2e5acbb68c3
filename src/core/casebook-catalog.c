/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-catalog"

#include "config.h"

#include "casebook-catalog.h"
#include "casebook-text.h"

/**
 * SECTION:casebook-catalog
 *
 * The reference data every view, document and command needs to name
 * what a case refers to: the sectors (with their names and colours), the
 * metric families, and the report's ranges (section 6.3). The store
 * builds one when it is asked for it and keeps it until its contents
 * change (casebook_store_get_catalog()); it never changes afterwards, so
 * threads may share it.
 */

struct _CasebookCatalog
{
  GObject     parent_instance;

  GPtrArray  *sectors;
  GPtrArray  *metrics;
  GPtrArray  *ranges;
  GHashTable *sector_by_key;
  GHashTable *sector_position;   /* key → position + 1 */
  GHashTable *metric_by_key;
};

G_DEFINE_FINAL_TYPE (CasebookCatalog, casebook_catalog, G_TYPE_OBJECT)

static void
casebook_catalog_finalize (GObject *object)
{
  CasebookCatalog *self = CASEBOOK_CATALOG (object);

  g_clear_pointer (&self->sector_by_key, g_hash_table_unref);
  g_clear_pointer (&self->sector_position, g_hash_table_unref);
  g_clear_pointer (&self->metric_by_key, g_hash_table_unref);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_catalog_parent_class)->finalize (object);
}

static void
casebook_catalog_class_init (CasebookCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = casebook_catalog_finalize;
}

static void
casebook_catalog_init (CasebookCatalog *self)
{
  self->sector_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->sector_position = g_hash_table_new (g_str_hash, g_str_equal);
  self->metric_by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

static GPtrArray *
take_or_empty (GPtrArray      *array,
               GDestroyNotify  free_func)
{
  return array != NULL ? g_ptr_array_ref (array) : g_ptr_array_new_with_free_func (free_func);
}

/**
 * casebook_catalog_new:
 * @sectors: (element-type CasebookSector) (nullable): the sectors, in order
 * @metrics: (element-type CasebookMetric) (nullable): the metric families
 * @ranges: (element-type CasebookRange) (nullable): the ranges, in order
 *
 * Takes a reference to each array; they must not change afterwards.
 *
 * Returns: (transfer full): the catalog
 */
CasebookCatalog *
casebook_catalog_new (GPtrArray *sectors,
                      GPtrArray *metrics,
                      GPtrArray *ranges)
{
  CasebookCatalog *self = g_object_new (CASEBOOK_TYPE_CATALOG, NULL);

  self->sectors = take_or_empty (sectors, (GDestroyNotify) casebook_sector_free);
  self->metrics = take_or_empty (metrics, (GDestroyNotify) casebook_metric_free);
  self->ranges = take_or_empty (ranges, (GDestroyNotify) casebook_range_free);

  for (guint i = 0; i < self->sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (self->sectors, i);

      /* The store's keys are unique; should a list repeat one, its first
       * entry stands, as in the order the views show. */
      if (sector->key == NULL || g_hash_table_contains (self->sector_by_key, sector->key))
        continue;
      g_hash_table_insert (self->sector_by_key, sector->key, sector);
      g_hash_table_insert (self->sector_position, sector->key, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < self->metrics->len; i++)
    {
      CasebookMetric *metric = g_ptr_array_index (self->metrics, i);

      if (metric->key != NULL && !g_hash_table_contains (self->metric_by_key, metric->key))
        g_hash_table_insert (self->metric_by_key, metric->key, metric);
    }

  return self;
}

/**
 * casebook_catalog_get_sectors:
 *
 * Returns: (transfer none) (element-type CasebookSector): every sector, in
 *   the order they are shown
 */
GPtrArray *
casebook_catalog_get_sectors (CasebookCatalog *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), NULL);

  return self->sectors;
}

/**
 * casebook_catalog_get_metrics:
 *
 * Returns: (transfer none) (element-type CasebookMetric): every metric family
 */
GPtrArray *
casebook_catalog_get_metrics (CasebookCatalog *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), NULL);

  return self->metrics;
}

/**
 * casebook_catalog_get_ranges:
 *
 * Returns: (transfer none) (element-type CasebookRange): every range of
 *   the report, in its order
 */
GPtrArray *
casebook_catalog_get_ranges (CasebookCatalog *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), NULL);

  return self->ranges;
}

/**
 * casebook_catalog_list_ranges:
 * @metric: a metric family
 *
 * Returns: (transfer container) (element-type CasebookRange): the ranges
 *   of @metric, in the report's order; they belong to @self
 */
GPtrArray *
casebook_catalog_list_ranges (CasebookCatalog *self,
                              const char      *metric)
{
  GPtrArray *ranges;

  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), NULL);
  g_return_val_if_fail (metric != NULL, NULL);

  ranges = g_ptr_array_new ();
  for (guint i = 0; i < self->ranges->len; i++)
    {
      CasebookRange *range = g_ptr_array_index (self->ranges, i);

      if (g_strcmp0 (range->metric, metric) == 0)
        g_ptr_array_add (ranges, range);
    }

  return ranges;
}

/**
 * casebook_catalog_get_sector:
 * @key: (nullable): a sector key
 *
 * Returns: (transfer none) (nullable): the sector, or %NULL if there is none
 */
const CasebookSector *
casebook_catalog_get_sector (CasebookCatalog *self,
                             const char      *key)
{
  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), NULL);

  return key != NULL ? g_hash_table_lookup (self->sector_by_key, key) : NULL;
}

/**
 * casebook_catalog_get_metric:
 * @key: (nullable): a metric family key
 *
 * Returns: (transfer none) (nullable): the metric family, or %NULL
 */
const CasebookMetric *
casebook_catalog_get_metric (CasebookCatalog *self,
                             const char      *key)
{
  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), NULL);

  return key != NULL ? g_hash_table_lookup (self->metric_by_key, key) : NULL;
}

/**
 * casebook_catalog_sector_name:
 * @key: (nullable): a sector key
 * @lang: the language of the name
 *
 * A sector's name, for any place that shows it. A key with no sector (a
 * store being changed by another program) or a sector without a name
 * shows as itself rather than as nothing.
 *
 * Returns: (transfer none): the name
 */
const char *
casebook_catalog_sector_name (CasebookCatalog *self,
                              const char      *key,
                              CasebookLang     lang)
{
  const CasebookSector *sector = casebook_catalog_get_sector (self, key);

  if (sector == NULL)
    return key != NULL ? key : "";

  return casebook_sector_get_name (sector, lang);
}

/**
 * casebook_catalog_sector_color:
 * @key: (nullable): a sector key
 *
 * Returns: (transfer none): the sector's colour (a CSS colour), or the
 *   neutral grey of casebook_sector_get_color() for a key with no sector
 *   or a sector without a colour
 */
const char *
casebook_catalog_sector_color (CasebookCatalog *self,
                               const char      *key)
{
  return casebook_sector_get_color (casebook_catalog_get_sector (self, key));
}

/**
 * casebook_catalog_sector_position:
 * @key: (nullable): a sector key
 *
 * Where the sector comes in the order the views list sectors in.
 *
 * Returns: its position from 0, or %G_MAXUINT for a key with no sector,
 *   so that sorting by it puts unknown sectors last
 */
guint
casebook_catalog_sector_position (CasebookCatalog *self,
                                  const char      *key)
{
  guint position;

  g_return_val_if_fail (CASEBOOK_IS_CATALOG (self), G_MAXUINT);

  position = key != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->sector_position, key)) : 0;
  return position != 0 ? position - 1 : G_MAXUINT;
}

/**
 * casebook_catalog_metric_name:
 * @key: (nullable): a metric family key
 * @lang: the language of the name
 *
 * Returns: (transfer none): the metric family's name, or @key itself for
 *   a family the catalog lacks or one without a name
 */
const char *
casebook_catalog_metric_name (CasebookCatalog *self,
                              const char      *key,
                              CasebookLang     lang)
{
  const CasebookMetric *metric = casebook_catalog_get_metric (self, key);

  if (metric == NULL || casebook_text_is_empty (metric->name))
    return key != NULL ? key : "";

  return casebook_text_get (metric->name, lang);
}
