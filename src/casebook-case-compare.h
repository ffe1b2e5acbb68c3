/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/* How many cases can stand side by side, and how few make a comparison. */
#define CASEBOOK_CASE_COMPARE_MIN 2
#define CASEBOOK_CASE_COMPARE_MAX 4

#define CASEBOOK_TYPE_CASE_COMPARE (casebook_case_compare_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseCompare, casebook_case_compare, CASEBOOK, CASE_COMPARE, AdwWindow)

CasebookCaseCompare *casebook_case_compare_new           (CasebookStore       *store,
                                                          CasebookLang         lang);
void                 casebook_case_compare_set_cases     (CasebookCaseCompare *self,
                                                          const char * const  *ids);
char               **casebook_case_compare_get_cases     (CasebookCaseCompare *self);
gboolean             casebook_case_compare_set_case      (CasebookCaseCompare *self,
                                                          guint                column,
                                                          const char          *id,
                                                          GError             **error);
guint                casebook_case_compare_get_n_columns (CasebookCaseCompare *self);
gboolean             casebook_case_compare_add_column    (CasebookCaseCompare *self);
gboolean             casebook_case_compare_remove_column (CasebookCaseCompare *self,
                                                          guint                column);
char               **casebook_case_compare_get_rows      (CasebookCaseCompare *self);
char                *casebook_case_compare_get_cell_text (CasebookCaseCompare *self,
                                                          const char          *row,
                                                          guint                column);
int                  casebook_case_compare_get_best_column (CasebookCaseCompare *self,
                                                          const char          *row);

G_END_DECLS
