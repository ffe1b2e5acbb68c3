/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-coverage"

#include "casebook-coverage-private.h"

/**
 * CasebookCoverage:
 *
 * How many cases report each metric family, sector by sector: a table of
 * metric families (rows) against sectors (columns), built from the counts
 * the store gives (see casebook_coverage_load() in
 * casebook-store-charts.h). It keeps its own copies of the families and
 * sectors, so that a view can hold it after the store has moved on.
 */

struct _CasebookCoverage
{
  gatomicrefcount  ref_count;
  GPtrArray       *metrics;
  GPtrArray       *sectors;
  guint           *counts;
  guint           *values;
  guint            max;
};

G_DEFINE_BOXED_TYPE (CasebookCoverage, casebook_coverage, casebook_coverage_ref, casebook_coverage_unref)

static CasebookMetric *
copy_metric (const CasebookMetric *metric)
{
  CasebookMetric *copy = casebook_metric_new ();

  copy->key = g_strdup (metric->key);
  copy->name = metric->name != NULL && !casebook_text_is_empty (metric->name)
               ? casebook_text_copy (metric->name) : casebook_text_new_same (metric->key);

  return copy;
}

static int
find_key (GPtrArray  *array,
          const char *key)
{
  /* CasebookMetric and CasebookSector both start with their key. */
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (array, i), key) == 0)
      return (int) i;

  return -1;
}

/**
 * casebook_coverage_new:
 * @metrics: (element-type CasebookMetric): the metric families, in row
 *   order; copied
 * @sectors: (element-type CasebookSector): the sectors, in column order;
 *   copied
 * @cells: (element-type CasebookCoverageCell): the counts, as
 *   the store's coverage query gives them (casebook_coverage_load())
 *
 * Families and sectors that @cells names but the lists lack are added
 * at the end.
 *
 * Returns: (transfer full): the coverage
 */
CasebookCoverage *
casebook_coverage_new (GPtrArray *metrics,
                       GPtrArray *sectors,
                       GArray    *cells)
{
  CasebookCoverage *self = g_new0 (CasebookCoverage, 1);
  guint n_metrics, n_sectors;

  g_return_val_if_fail (metrics != NULL && sectors != NULL && cells != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  self->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);

  for (guint i = 0; i < metrics->len; i++)
    g_ptr_array_add (self->metrics, copy_metric (g_ptr_array_index (metrics, i)));
  for (guint i = 0; i < sectors->len; i++)
    g_ptr_array_add (self->sectors, casebook_sector_copy_for_display (g_ptr_array_index (sectors, i)));

  for (guint i = 0; i < cells->len; i++)
    {
      const CasebookCoverageCell *cell = &g_array_index (cells, CasebookCoverageCell, i);

      if (find_key (self->metrics, cell->metric) < 0)
        {
          CasebookMetric metric = { cell->metric, NULL };

          g_ptr_array_add (self->metrics, copy_metric (&metric));
        }
      if (find_key (self->sectors, cell->sector) < 0)
        {
          CasebookSector sector = { cell->sector, NULL, NULL };

          g_ptr_array_add (self->sectors, casebook_sector_copy_for_display (&sector));
        }
    }

  n_metrics = self->metrics->len;
  n_sectors = self->sectors->len;
  self->counts = g_new0 (guint, MAX (n_metrics * n_sectors, 1));
  self->values = g_new0 (guint, MAX (n_metrics * n_sectors, 1));

  for (guint i = 0; i < cells->len; i++)
    {
      const CasebookCoverageCell *cell = &g_array_index (cells, CasebookCoverageCell, i);
      guint m = (guint) find_key (self->metrics, cell->metric);
      guint s = (guint) find_key (self->sectors, cell->sector);

      self->counts[m * n_sectors + s] += cell->n_cases;
      self->values[m * n_sectors + s] += cell->n_values;
      self->max = MAX (self->max, self->counts[m * n_sectors + s]);
    }

  return self;
}

CasebookCoverage *
casebook_coverage_ref (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
casebook_coverage_unref (CasebookCoverage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->metrics);
  g_ptr_array_unref (self->sectors);
  g_free (self->counts);
  g_free (self->values);
  g_free (self);
}

guint
casebook_coverage_get_n_metrics (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->metrics->len;
}

/**
 * casebook_coverage_get_metric:
 *
 * Returns: (transfer none): the metric family of row @index
 */
const CasebookMetric *
casebook_coverage_get_metric (CasebookCoverage *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->metrics->len, NULL);
  return g_ptr_array_index (self->metrics, index);
}

guint
casebook_coverage_get_n_sectors (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sectors->len;
}

/**
 * casebook_coverage_get_sector:
 *
 * Returns: (transfer none): the sector of column @index
 */
const CasebookSector *
casebook_coverage_get_sector (CasebookCoverage *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->sectors->len, NULL);
  return g_ptr_array_index (self->sectors, index);
}

/**
 * casebook_coverage_get_count:
 *
 * Returns: how many cases of sector @sector report family @metric
 */
guint
casebook_coverage_get_count (CasebookCoverage *self,
                             guint             metric,
                             guint             sector)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric < self->metrics->len && sector < self->sectors->len, 0);
  return self->counts[metric * self->sectors->len + sector];
}

/**
 * casebook_coverage_get_n_values:
 *
 * Returns: how many outcomes of those cases give a number
 */
guint
casebook_coverage_get_n_values (CasebookCoverage *self,
                                guint             metric,
                                guint             sector)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric < self->metrics->len && sector < self->sectors->len, 0);
  return self->values[metric * self->sectors->len + sector];
}

/**
 * casebook_coverage_get_metric_total:
 *
 * Returns: how many cases of all sectors report family @metric (a case
 *   has one sector, so this is the sum of the row)
 */
guint
casebook_coverage_get_metric_total (CasebookCoverage *self,
                                    guint             metric)
{
  guint total = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric < self->metrics->len, 0);

  for (guint s = 0; s < self->sectors->len; s++)
    total += self->counts[metric * self->sectors->len + s];

  return total;
}

/**
 * casebook_coverage_get_max:
 *
 * Returns: the largest count of one cell
 */
guint
casebook_coverage_get_max (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max;
}

int
_casebook_coverage_find_metric (CasebookCoverage *self,
                                const char       *key)
{
  g_return_val_if_fail (self != NULL, -1);
  return find_key (self->metrics, key);
}

int
_casebook_coverage_find_sector (CasebookCoverage *self,
                                const char       *key)
{
  g_return_val_if_fail (self != NULL, -1);
  return find_key (self->sectors, key);
}
