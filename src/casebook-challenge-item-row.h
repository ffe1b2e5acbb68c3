/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-item-row.h"
#include "casebook-parts.h"
#include "casebook-problem-tracker.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CHALLENGE_ITEM_ROW (casebook_challenge_item_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookChallengeItemRow, casebook_challenge_item_row, CASEBOOK, CHALLENGE_ITEM_ROW, CasebookItemRow)

GtkWidget *casebook_challenge_item_row_new (CasebookProblemTracker *tracker,
                                            guint                   index,
                                            CasebookChallenge      *challenge,
                                            CasebookLang            lang);

G_END_DECLS
