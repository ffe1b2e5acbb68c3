/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-item-row.h"
#include "casebook-parts.h"
#include "casebook-problem-tracker.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_NOTE_ITEM_ROW (casebook_note_item_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookNoteItemRow, casebook_note_item_row, CASEBOOK, NOTE_ITEM_ROW, CasebookItemRow)

GtkWidget *casebook_note_item_row_new (CasebookProblemTracker *tracker,
                                       guint                   index,
                                       CasebookNote           *note,
                                       CasebookLang            lang);

G_END_DECLS
