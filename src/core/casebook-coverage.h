/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-parts.h"

G_BEGIN_DECLS

/**
 * CasebookCoverage:
 *
 * How many cases report each metric family, sector by sector: a table of
 * metric families (rows) against sectors (columns).
 */
typedef struct _CasebookCoverage CasebookCoverage;

#define CASEBOOK_TYPE_COVERAGE (casebook_coverage_get_type ())

GType                 casebook_coverage_get_type         (void) G_GNUC_CONST;
CasebookCoverage     *casebook_coverage_new              (GPtrArray          *metrics,
                                                          GPtrArray          *sectors,
                                                          GArray             *cells);
CasebookCoverage     *casebook_coverage_ref              (CasebookCoverage   *self);
void                  casebook_coverage_unref            (CasebookCoverage   *self);
guint                 casebook_coverage_get_n_metrics    (CasebookCoverage   *self);
const CasebookMetric *casebook_coverage_get_metric       (CasebookCoverage   *self,
                                                          guint               index);
guint                 casebook_coverage_get_n_sectors    (CasebookCoverage   *self);
const CasebookSector *casebook_coverage_get_sector       (CasebookCoverage   *self,
                                                          guint               index);
guint                 casebook_coverage_get_count        (CasebookCoverage   *self,
                                                          guint               metric,
                                                          guint               sector);
guint                 casebook_coverage_get_n_values     (CasebookCoverage   *self,
                                                          guint               metric,
                                                          guint               sector);
guint                 casebook_coverage_get_metric_total (CasebookCoverage   *self,
                                                          guint               metric);
guint                 casebook_coverage_get_max          (CasebookCoverage   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookCoverage, casebook_coverage_unref)

G_END_DECLS
