/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-stats.h"

G_BEGIN_DECLS

/* Read only by the tests: the views know the metric they asked for, and
 * walk rows by index. */
const char             *_casebook_stats_get_metric    (CasebookStats *self);
const CasebookStatsRow *_casebook_stats_find_row      (CasebookStats *self,
                                                       guint          panel,
                                                       const char    *sector);
guint                   _casebook_stats_get_n_skipped (CasebookStats *self);

G_END_DECLS
