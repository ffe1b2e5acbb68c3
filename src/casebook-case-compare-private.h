/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-case-compare.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
gboolean             _casebook_case_compare_add_column    (CasebookCaseCompare *self);
int                  _casebook_case_compare_get_best_column (CasebookCaseCompare *self,
                                                           const char          *row);
char               **_casebook_case_compare_get_cases     (CasebookCaseCompare *self);
char                *_casebook_case_compare_get_cell_text (CasebookCaseCompare *self,
                                                           const char          *row,
                                                           guint                column);
guint                _casebook_case_compare_get_n_columns (CasebookCaseCompare *self);
char               **_casebook_case_compare_get_rows      (CasebookCaseCompare *self);
gboolean             _casebook_case_compare_remove_column (CasebookCaseCompare *self,
                                                           guint                column);
gboolean             _casebook_case_compare_set_case      (CasebookCaseCompare *self,
                                                           guint                column,
                                                           const char          *id,
                                                           GError             **error);

G_END_DECLS
