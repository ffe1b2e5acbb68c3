/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

gint64   casebook_store_delete_cases          (CasebookStore        *self,
                                               const char * const   *ids,
                                               gboolean              with_notes,
                                               guint                *n_deleted,
                                               GError              **error);
gboolean casebook_store_undo_deletion         (CasebookStore        *self,
                                               gint64                deletion,
                                               guint                *n_restored,
                                               GStrv                *not_restored,
                                               GError              **error);
gboolean casebook_store_forget_deletion       (CasebookStore        *self,
                                               gint64                deletion,
                                               GError              **error);

void     casebook_store_delete_cases_async    (CasebookStore        *self,
                                               GPtrArray            *ids,
                                               gboolean              with_notes,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gint64   casebook_store_delete_cases_finish   (CasebookStore        *self,
                                               GAsyncResult         *result,
                                               guint                *n_deleted,
                                               GError              **error);
void     casebook_store_undo_deletion_async   (CasebookStore        *self,
                                               gint64                deletion,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean casebook_store_undo_deletion_finish  (CasebookStore        *self,
                                               GAsyncResult         *result,
                                               guint                *n_restored,
                                               GStrv                *not_restored,
                                               GError              **error);
void     casebook_store_forget_deletion_async (CasebookStore        *self,
                                               gint64                deletion,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean casebook_store_forget_deletion_finish (CasebookStore       *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
