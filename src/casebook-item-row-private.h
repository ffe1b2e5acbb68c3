/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-field-row.h"
#include "casebook-item-row.h"
#include "casebook-problem-tracker.h"

G_BEGIN_DECLS

/* For the types of the rows of the editor's lists only. */

void        _casebook_item_row_setup      (CasebookItemRow         *self,
                                           CasebookProblemTracker  *tracker,
                                           const char              *list,
                                           guint                    index,
                                           CasebookLang             lang);
void        _casebook_item_row_add_field  (CasebookItemRow         *self,
                                           GtkWidget               *row,
                                           const char              *member);
void        _casebook_item_row_add_text   (CasebookItemRow         *self,
                                           CasebookFieldRow        *row,
                                           CasebookText            *text,
                                           const char              *member);
void        _casebook_item_row_add_string (CasebookItemRow         *self,
                                           CasebookFieldRow        *row,
                                           char                   **slot,
                                           const char              *member);
void        _casebook_item_row_edited     (CasebookItemRow         *self,
                                           GtkWidget               *field);
void        _casebook_item_row_refresh    (CasebookItemRow         *self);
CasebookProblemTracker *
            _casebook_item_row_get_tracker (CasebookItemRow    *self);
const char *_casebook_item_row_text_or    (const CasebookText      *text,
                                           CasebookLang             lang,
                                           const char              *fallback);

G_END_DECLS
