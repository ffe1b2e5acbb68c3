/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-filter-pane.h"

G_BEGIN_DECLS

/* For the tests only. */
gboolean            _casebook_filter_pane_is_updating (CasebookFilterPane *self);
CasebookFilterPane *_casebook_filter_pane_new         (void);

G_END_DECLS
