/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-outcome-item-row.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
CasebookOutcome *_casebook_outcome_item_row_get_outcome (CasebookOutcomeItemRow *self);

G_END_DECLS
