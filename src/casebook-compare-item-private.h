/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-compare-item.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
const char              *_casebook_compare_item_get_name     (CasebookCompareItem     *self);
const char              *_casebook_compare_item_get_sector   (CasebookCompareItem     *self);
const char              *_casebook_compare_item_get_value    (CasebookCompareItem     *self);

G_END_DECLS
