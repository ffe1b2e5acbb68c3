/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-case-summary.h"
#include "casebook-parts.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_ROW (casebook_case_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseRow, casebook_case_row, CASEBOOK, CASE_ROW, GtkWidget)

CasebookCaseRow *casebook_case_row_new  (void);
void             casebook_case_row_bind (CasebookCaseRow      *self,
                                         CasebookCaseSummary  *summary,
                                         const CasebookSector *sector,
                                         CasebookLang          lang);
void             casebook_case_row_set_snippet (CasebookCaseRow *self,
                                                const char      *markup,
                                                const char      *plain);
GtkWidget       *_casebook_case_row_get_snippet (CasebookCaseRow *self);
void             casebook_case_row_set_source (CasebookCaseRow *self,
                                               const char      *name);

G_END_DECLS
