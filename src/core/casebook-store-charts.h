/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-coverage.h"
#include "casebook-filter.h"
#include "casebook-stats.h"
#include "casebook-store.h"

G_BEGIN_DECLS

CasebookStats    *casebook_stats_load    (CasebookStore   *store,
                                          CasebookFilter  *filter,
                                          const char      *metric,
                                          GError         **error);
CasebookCoverage *casebook_coverage_load (CasebookStore   *store,
                                          CasebookFilter  *filter,
                                          GError         **error);

G_END_DECLS
