/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/**
 * CasebookReadFunc:
 * @reader: a read-only connection of its own, used by this thread only
 * @data: the data given to casebook_store_read_async()
 * @cancellable: (nullable): the operation's cancellable, also set on @reader
 * @error: return location for an error
 *
 * Reads what the caller wants from @reader on a worker thread and keeps
 * it in @data.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*CasebookReadFunc) (CasebookStore  *reader,
                                      gpointer        data,
                                      GCancellable   *cancellable,
                                      GError        **error);

void             casebook_store_read_async   (CasebookStore        *store,
                                              CasebookReadFunc      func,
                                              gpointer              data,
                                              GDestroyNotify        data_free,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gpointer         casebook_store_read_finish  (CasebookStore        *store,
                                              GAsyncResult         *result,
                                              GError              **error);
CasebookCatalog *casebook_store_read_catalog (CasebookStore        *store);

G_END_DECLS
