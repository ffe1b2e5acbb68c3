/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/* Acting on many listed cases at once without reading them one by one:
 * the ids at some positions of a listing, and every case of a listing
 * added to a collection in one statement. */

GPtrArray *casebook_store_list_ids                          (CasebookStore        *self,
                                                             CasebookFilter       *filter,
                                                             CasebookSort          sort,
                                                             CasebookLang          lang,
                                                             const guint          *runs,
                                                             guint                 n_runs,
                                                             GError              **error);
gboolean   casebook_store_add_matching_to_collection        (CasebookStore        *self,
                                                             gint64                collection_id,
                                                             CasebookFilter       *filter,
                                                             CasebookSort          sort,
                                                             CasebookLang          lang,
                                                             guint                *n_added,
                                                             GError              **error);
void       casebook_store_add_matching_to_collection_async  (CasebookStore        *self,
                                                             gint64                collection_id,
                                                             CasebookFilter       *filter,
                                                             CasebookSort          sort,
                                                             CasebookLang          lang,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
void       casebook_store_add_ids_to_collection_async       (CasebookStore        *self,
                                                             gint64                collection_id,
                                                             const char * const   *case_ids,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean   casebook_store_add_to_collection_finish          (CasebookStore        *self,
                                                             GAsyncResult         *result,
                                                             guint                *n_added,
                                                             GError              **error);
GPtrArray *casebook_store_find_own                          (CasebookStore        *self,
                                                             const char * const   *ids,
                                                             guint                *n_other,
                                                             GError              **error);

G_END_DECLS
