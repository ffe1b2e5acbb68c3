/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-case-list.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_DRAG_CONTENT (casebook_case_drag_content_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseDragContent, casebook_case_drag_content, CASEBOOK, CASE_DRAG_CONTENT,
                      GdkContentProvider)

char                    *casebook_case_drag_content_format_rows       (GPtrArray                *rows,
                                                                       CasebookLang              lang);
GdkContentProvider      *casebook_case_drag_content_new               (CasebookStore            *store,
                                                                       const char * const       *ids,
                                                                       const char               *text);
GdkContentProvider      *casebook_case_drag_content_new_for_positions (CasebookStore            *store,
                                                                       CasebookCaseList         *list,
                                                                       const guint              *runs,
                                                                       guint                     n_runs,
                                                                       CasebookLang              lang);
CasebookStore           *casebook_case_drag_content_get_store         (CasebookCaseDragContent  *self);
gboolean                 casebook_case_drag_content_get_listing       (CasebookCaseDragContent  *self,
                                                                       CasebookFilter          **filter,
                                                                       CasebookSort             *sort,
                                                                       CasebookLang             *lang);
guint                    casebook_case_drag_content_get_n_cases       (CasebookCaseDragContent  *self);
void                     casebook_case_drag_content_get_ids_async     (CasebookCaseDragContent  *self,
                                                                       GCancellable             *cancellable,
                                                                       GAsyncReadyCallback       callback,
                                                                       gpointer                  user_data);
char                   **casebook_case_drag_content_get_ids_finish    (CasebookCaseDragContent  *self,
                                                                       GAsyncResult             *result,
                                                                       GError                  **error);
CasebookCaseDragContent *casebook_case_drag_content_from_drop         (GdkDrop                  *drop);

G_END_DECLS
