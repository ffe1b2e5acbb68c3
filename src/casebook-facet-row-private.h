/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-facet-row.h"

G_BEGIN_DECLS

/* For the tests only. */
guint             _casebook_facet_row_get_count  (CasebookFacetRow *self);
const char       *_casebook_facet_row_get_label  (CasebookFacetRow *self);

G_END_DECLS
