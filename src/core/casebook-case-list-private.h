/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-case-list.h"

G_BEGIN_DECLS

/* For the tests only: refresh on the calling thread and wait for it. */
void _casebook_case_list_refresh_sync (CasebookCaseList *self);

gboolean _casebook_case_list_get_shown        (CasebookCaseList  *self,
                                               CasebookFilter   **filter,
                                               CasebookSort      *sort,
                                               CasebookLang      *lang,
                                               GPtrArray        **results,
                                               guint64           *serial);
CasebookStore *_casebook_case_list_get_store (CasebookCaseList *self);
guint    _casebook_case_list_get_n_rows_read (CasebookCaseList  *self);

G_END_DECLS
