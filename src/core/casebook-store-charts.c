/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store-charts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-store-charts.h"
#include "casebook-store-private.h"

/* What the charts read from the store: the numbers of one metric family
 * and the coverage table, among the cases a filter lets through. These
 * live on the store's side so that CasebookStats and CasebookCoverage
 * are built from what they are handed and know nothing of SQLite. */

#define LABELLED_VALUES 2000

/* Returns FALSE to stop. */
typedef gboolean (*OutcomeFunc) (const CasebookOutcomeRow *row,
                                 gpointer                  user_data);

/* The outcomes of one metric family, in the order of the index on the
 * family (which holds the case and the position), so no sorting is
 * needed. Without a filter the filter terms are left out. The report
 * section and title live only in the case's document, whose pages cost
 * four times the rest of the query to read, so they are read only when
 * asked for. */
#define OUTCOME_COLUMNS(section) \
  "c.id, c.sector, c.kind, c.title_zh, c.title_en, " section ", " \
  "o.position, o.value, o.unit, o.baseline, o.better, c.organization_zh, c.organization_en"
#define SOURCE_COLUMNS \
  "json_extract(c.doc, '$.source.section'), json_extract(c.doc, '$.source.title.zh'), " \
  "json_extract(c.doc, '$.source.title.en')"
#define OUTCOME_SQL(section, where) \
  "SELECT " OUTCOME_COLUMNS (section) " FROM outcomes o JOIN cases c ON c.nr = o.case_nr " \
  "WHERE o.metric = :metric" where " ORDER BY o.case_nr, o.position"

static const char * const outcome_sql[2][2] = {
  { OUTCOME_SQL ("NULL, NULL, NULL", ""), OUTCOME_SQL ("NULL, NULL, NULL", " AND " F_ALL) },
  { OUTCOME_SQL (SOURCE_COLUMNS, ""), OUTCOME_SQL (SOURCE_COLUMNS, " AND " F_ALL) },
};

/* foreach_outcome:
 * @filter: (nullable): which cases, or %NULL for all
 * @metric: a metric family
 * @with_sections: whether to read each case's report section, which
 *   costs reading its whole document; without, rows have no section
 * @func: (scope call): called for each outcome of @metric; returns %FALSE
 *   to stop
 *
 * Calls @func for every outcome of the family @metric among the cases
 * @filter lets through, with or without a number, in case order.
 *
 * Returns: %FALSE on error
 */
static gboolean
foreach_outcome (CasebookStore        *self,
                 CasebookFilter       *filter,
                 const char           *metric,
                 gboolean              with_sections,
                 OutcomeFunc           func,
                 gpointer              user_data,
                 GError              **error)
{
  gboolean active;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (metric != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  active = _casebook_store_filter_is_active (filter);
  stmt = _casebook_store_prepare (self, outcome_sql[with_sections != FALSE][active], error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_text (stmt, ":metric", metric);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookOutcomeRow row = { 0 };

      row.case_id = _casebook_store_column_text (stmt, 0);
      row.sector = _casebook_store_column_text (stmt, 1);
      casebook_kind_from_key (_casebook_store_column_text (stmt, 2), &row.kind);
      row.title.zh = (char *) _casebook_store_column_text (stmt, 3);
      row.title.en = (char *) _casebook_store_column_text (stmt, 4);
      row.section = _casebook_store_column_text (stmt, 5);
      row.source_title.zh = (char *) _casebook_store_column_text (stmt, 6);
      row.source_title.en = (char *) _casebook_store_column_text (stmt, 7);
      row.position = sqlite3_column_int (stmt, 8);
      row.has_value = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      row.value = sqlite3_column_double (stmt, 9);
      if (!casebook_unit_from_key (_casebook_store_column_text (stmt, 10), &row.unit))
        row.unit = CASEBOOK_UNIT_NONE;
      row.has_baseline = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
      row.baseline = sqlite3_column_double (stmt, 11);
      if (!casebook_better_from_key (_casebook_store_column_text (stmt, 12), &row.better))
        row.better = CASEBOOK_BETTER_NONE;
      row.organization.zh = (char *) _casebook_store_column_text (stmt, 13);
      row.organization.en = (char *) _casebook_store_column_text (stmt, 14);

      if (!func (&row, user_data))
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the outcomes"), error);

  sqlite3_reset (stmt);
  return TRUE;
}

static const char * const coverage_sql[2] = {
  "SELECT o.metric, c.sector, count(DISTINCT o.case_nr), count(o.value) "
  "FROM outcomes o JOIN cases c ON c.nr = o.case_nr WHERE o.metric IS NOT NULL "
  "GROUP BY o.metric, c.sector",
  "SELECT o.metric, c.sector, count(DISTINCT o.case_nr), count(o.value) "
  "FROM outcomes o JOIN cases c ON c.nr = o.case_nr WHERE o.metric IS NOT NULL AND " F_ALL
  " GROUP BY o.metric, c.sector",
};

static void
clear_coverage_cell (gpointer data)
{
  CasebookCoverageCell *cell = data;

  g_clear_pointer (&cell->metric, g_free);
  g_clear_pointer (&cell->sector, g_free);
}

/* count_coverage:
 * @filter: (nullable): which cases, or %NULL for all
 *
 * Counts, for each metric family and sector, the cases that report the
 * family and the outcomes that give a number for it. Pairs without any
 * case are left out.
 *
 * Returns: (transfer full) (element-type CasebookCoverageCell) (nullable):
 *   the counts
 */
static GArray *
count_coverage (CasebookStore   *self,
                CasebookFilter  *filter,
                GError         **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CasebookCoverageCell));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  g_array_set_clear_func (cells, clear_coverage_cell);

  stmt = _casebook_store_prepare (self, coverage_sql[_casebook_store_filter_is_active (filter)], error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_filter (self, stmt, filter);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookCoverageCell cell;

      cell.metric = g_strdup (_casebook_store_column_text (stmt, 0));
      cell.sector = g_strdup (_casebook_store_column_text (stmt, 1));
      cell.n_cases = (guint) sqlite3_column_int64 (stmt, 2);
      cell.n_values = (guint) sqlite3_column_int64 (stmt, 3);
      g_array_append_val (cells, cell);
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not count the outcomes"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&cells);
}

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
      if (!foreach_outcome (store, filter, metric, pass > 0, add_outcome_cb, &adding, error))
        return NULL;

      /* The report section and the report's title (which the tooltip
       * and an exported chart's source line give) are worth reading
       * again for only as many values as can be labelled; beyond, points
       * have neither. The organisation, which labels a mark, is a column
       * of its own and always read. */
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
  cells = count_coverage (store, filter, error);
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
