/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-json.h"
#include "casebook-store-private.h"

/* What the store holds besides the cases: the sectors, metric families and
 * ranges (and the catalog made of them), the report's cross-sector
 * sections and references, and the products the cases use. */

/**
 * casebook_store_list_sectors:
 *
 * Returns: (transfer full) (element-type CasebookSector): every sector, in
 *   the order they were added
 */
GPtrArray *
casebook_store_list_sectors (CasebookStore  *self,
                             GError        **error)
{
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT key, name_zh, name_en, color FROM sectors ORDER BY position, key",
                                  error);
  if (stmt == NULL)
    return NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CasebookSector *sector = casebook_sector_new ();

      sector->key = g_strdup (_casebook_store_column_text (stmt, 0));
      sector->name = _casebook_store_text_from_columns (stmt, 1, 2);
      if (casebook_text_is_empty (sector->name))
        {
          casebook_text_free (sector->name);
          sector->name = casebook_text_new_same (sector->key);
        }
      sector->color = g_strdup (_casebook_store_column_text (stmt, 3));
      g_ptr_array_add (sectors, sector);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&sectors);
}

/**
 * _casebook_store_get_sector:
 *
 * Looks @key up in the store's catalog (casebook_store_get_catalog()).
 *
 * Returns: (transfer full) (nullable): the sector with @key
 */
CasebookSector *
_casebook_store_get_sector (CasebookStore *self,
                            const char    *key)
{
  g_autoptr(CasebookCatalog) catalog = NULL;
  const CasebookSector *sector;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  catalog = casebook_store_get_catalog (self, NULL);
  sector = catalog != NULL ? casebook_catalog_get_sector (catalog, key) : NULL;

  return sector != NULL ? casebook_sector_copy_for_display (sector) : NULL;
}

/**
 * casebook_store_list_metrics:
 *
 * Returns: (transfer full) (element-type CasebookMetric): every metric family
 */
GPtrArray *
casebook_store_list_metrics (CasebookStore  *self,
                             GError        **error)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self, "SELECT key, name_zh, name_en FROM metrics ORDER BY position, key", error);
  if (stmt == NULL)
    return NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CasebookMetric *metric = casebook_metric_new ();

      metric->key = g_strdup (_casebook_store_column_text (stmt, 0));
      metric->name = _casebook_store_text_from_columns (stmt, 1, 2);
      g_ptr_array_add (metrics, metric);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&metrics);
}

/**
 * _casebook_store_list_ranges:
 * @metric: (nullable): a metric family, or %NULL for every range
 *
 * Returns: (transfer full) (element-type CasebookRange) (nullable): the
 *   numeric ranges of the report (section 6.3), in the order they were
 *   added
 */
GPtrArray *
_casebook_store_list_ranges (CasebookStore  *self,
                             const char     *metric,
                             GError        **error)
{
  g_autoptr(GPtrArray) ranges = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_range_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT section, sector, metric, min, max, unit, better, text_zh, text_en "
                                  "FROM ranges WHERE ?1 IS NULL OR metric = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, metric);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookRange *range = casebook_range_new ();

      range->section = g_strdup (_casebook_store_column_text (stmt, 0));
      range->sector = g_strdup (_casebook_store_column_text (stmt, 1));
      range->metric = g_strdup (_casebook_store_column_text (stmt, 2));
      range->min = sqlite3_column_double (stmt, 3);
      range->max = sqlite3_column_double (stmt, 4);
      casebook_unit_from_key (_casebook_store_column_text (stmt, 5), &range->unit);
      casebook_better_from_key (_casebook_store_column_text (stmt, 6), &range->better);
      range->text = _casebook_store_text_from_columns (stmt, 7, 8);
      g_ptr_array_add (ranges, range);
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the ranges"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&ranges);
}

/**
 * casebook_store_get_catalog:
 *
 * The sectors, metric families and ranges of the store, read once and kept
 * until the store changes. Each connection keeps its own, so a worker
 * thread asks its reader for it.
 *
 * Returns: (transfer full) (nullable): the catalog
 */
CasebookCatalog *
casebook_store_get_catalog (CasebookStore  *self,
                            GError        **error)
{
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) ranges = NULL;
  sqlite3_stmt *stmt;
  gint64 data_version = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  /* data_version changes when another connection commits, such as the
   * window's while this is a worker's reader. */
  stmt = _casebook_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (self->catalog != NULL && self->catalog_generation == self->generation &&
      self->catalog_data_version == data_version)
    return g_object_ref (self->catalog);

  if ((sectors = casebook_store_list_sectors (self, error)) == NULL ||
      (metrics = casebook_store_list_metrics (self, error)) == NULL ||
      (ranges = _casebook_store_list_ranges (self, NULL, error)) == NULL)
    return NULL;

  g_set_object (&self->catalog, NULL);
  self->catalog = casebook_catalog_new (sectors, metrics, ranges);
  self->catalog_generation = self->generation;
  self->catalog_data_version = data_version;

  return g_object_ref (self->catalog);
}

/**
 * casebook_store_list_insights:
 *
 * Returns: (transfer full) (element-type CasebookInsight) (nullable): the
 *   report's cross-sector sections, in the order they were added
 */
GPtrArray *
casebook_store_list_insights (CasebookStore  *self,
                              GError        **error)
{
  g_autoptr(GPtrArray) insights = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_insight_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self, "SELECT doc FROM insights ORDER BY position", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookInsight *insight = casebook_json_insight_from_string (_casebook_store_column_text (stmt, 0), error);

      if (insight == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (insights, insight);
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the report sections"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&insights);
}

/**
 * casebook_store_list_references:
 *
 * Returns: (transfer full) (element-type CasebookReference) (nullable):
 *   the report's references, by number
 */
GPtrArray *
casebook_store_list_references (CasebookStore  *self,
                                GError        **error)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_reference_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self, "SELECT number, text FROM refs ORDER BY number", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookReference *reference = casebook_reference_new ();

      reference->number = sqlite3_column_int64 (stmt, 0);
      reference->text = g_strdup (_casebook_store_column_text (stmt, 1));
      g_ptr_array_add (references, reference);
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the references"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&references);
}

void
casebook_product_free (CasebookProduct *product)
{
  if (product == NULL)
    return;

  g_free (product->name);
  g_free (product->family);
  g_free (product);
}

/**
 * casebook_store_list_products:
 *
 * Lists every product the cases use, for completion in an editor, each with
 * the family most of its cases give it.
 *
 * Returns: (transfer full) (element-type CasebookProduct): the products,
 *   sorted by name without regard to case
 */
GPtrArray *
casebook_store_list_products (CasebookStore  *self,
                              GError        **error)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_product_free);
  CasebookProduct *last = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT product, family, count(*) AS n FROM technologies "
                                  "GROUP BY product, family "
                                  "ORDER BY product COLLATE NOCASE, product, n DESC, family", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = _casebook_store_column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int (stmt, 2);

      if (last != NULL && g_strcmp0 (last->name, name) == 0)
        {
          last->n_cases += n;
          continue;
        }

      last = g_new0 (CasebookProduct, 1);
      last->name = g_strdup (name);
      last->family = g_strdup (_casebook_store_column_text (stmt, 1));
      last->n_cases = n;
      g_ptr_array_add (products, last);
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not list the products"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&products);
}

/**
 * casebook_store_get_product_name:
 * @key: a product as the store keeps it (its English name)
 *
 * The product's name in both languages, as the first stored case that
 * uses it names it. The store keeps a product's Chinese name only in the
 * cases' documents: this reads it from one document's stack, without
 * reading the case, and finds that case through the index of products.
 *
 * Returns: (transfer full) (nullable): the name, @key in both languages
 *   if no case uses it, or %NULL with @error set
 */
CasebookText *
casebook_store_get_product_name (CasebookStore  *self,
                                 const char     *key,
                                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT json_type(s.value, '$.product'), json_extract(s.value, '$.product'), "
                                  "  json_extract(s.value, '$.product.zh'), json_extract(s.value, '$.product.en') "
                                  "FROM json_each((SELECT doc FROM cases WHERE nr = "
                                  "  (SELECT min(case_nr) FROM technologies WHERE product = ?1)), '$.stack') AS s",
                                  error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = _casebook_store_column_text (stmt, 0);
      const char *zh = _casebook_store_column_text (stmt, g_strcmp0 (type, "object") == 0 ? 2 : 1);
      const char *en = _casebook_store_column_text (stmt, g_strcmp0 (type, "object") == 0 ? 3 : 1);

      /* The key is the English name, or the Chinese one when there is
       * no English name (casebook_text_get()). */
      if (g_strcmp0 (en != NULL && en[0] != '\0' ? en : zh, key) == 0)
        {
          CasebookText *name = casebook_text_new (zh, en);

          sqlite3_reset (stmt);
          return name;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the products"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return casebook_text_new_same (key);
}
