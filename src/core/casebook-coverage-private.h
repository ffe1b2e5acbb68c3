/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-coverage.h"

G_BEGIN_DECLS

/* Lookups by key, which the views do not need (they walk rows and
 * columns by index) but the tests use to find a cell. */
int _casebook_coverage_find_metric (CasebookCoverage *self,
                                    const char       *key);
int _casebook_coverage_find_sector (CasebookCoverage *self,
                                    const char       *key);

G_END_DECLS
