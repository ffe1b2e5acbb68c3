/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-item-row.h"
#include "casebook-parts.h"
#include "casebook-problem-tracker.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_STACK_ITEM_ROW (casebook_stack_item_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookStackItemRow, casebook_stack_item_row, CASEBOOK, STACK_ITEM_ROW, CasebookItemRow)

GtkWidget *casebook_stack_item_row_new (CasebookProblemTracker *tracker,
                                        guint                   index,
                                        CasebookStackItem      *item,
                                        const char * const     *products,
                                        const char * const     *families,
                                        GHashTable             *product_families,
                                        CasebookLang            lang);

G_END_DECLS
