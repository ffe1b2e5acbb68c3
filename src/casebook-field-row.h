/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-text.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_FIELD_ROW (casebook_field_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFieldRow, casebook_field_row, CASEBOOK, FIELD_ROW, AdwEntryRow)

GtkWidget    *casebook_field_row_new               (const char        *title);
void          casebook_field_row_bind_text         (CasebookFieldRow  *self,
                                                    CasebookText      *text);
void          casebook_field_row_bind_string       (CasebookFieldRow  *self,
                                                    char             **slot);
void          casebook_field_row_set_lang          (CasebookFieldRow  *self,
                                                    CasebookLang       lang);
void          casebook_field_row_set_both_languages (CasebookFieldRow *self,
                                                    gboolean           both_languages);
void          casebook_field_row_set_removable     (CasebookFieldRow  *self,
                                                    gboolean           removable);

G_END_DECLS
