/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-render-coverage.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
guint                   _casebook_coverage_layout_get_n_cells (CasebookCoverageLayout         *layout);

G_END_DECLS
