/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-item-row.h"
#include "casebook-parts.h"
#include "casebook-problem-tracker.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_OUTCOME_ITEM_ROW (casebook_outcome_item_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookOutcomeItemRow, casebook_outcome_item_row, CASEBOOK, OUTCOME_ITEM_ROW, CasebookItemRow)

GtkWidget       *casebook_outcome_item_row_new         (CasebookProblemTracker *tracker,
                                                       guint                   index,
                                                       CasebookOutcome        *outcome,
                                                       GPtrArray              *metrics,
                                                       CasebookLang            content_lang,
                                                       CasebookLang            lang);

G_END_DECLS
