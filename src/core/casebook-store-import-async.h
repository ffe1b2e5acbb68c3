/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/**
 * CasebookImportProgressFunc:
 * @fraction: the share of the cases done, from 0 to 1
 * @user_data: the data given with the function
 *
 * Called on the worker thread of casebook_store_import_async().
 */
typedef void (*CasebookImportProgressFunc) (double   fraction,
                                            gpointer user_data);

void     casebook_store_import_async  (CasebookStore              *self,
                                       CasebookDocument           *document,
                                       CasebookImportMode          mode,
                                       GCancellable               *cancellable,
                                       CasebookImportProgressFunc  progress,
                                       gpointer                    progress_data,
                                       GDestroyNotify              progress_data_free,
                                       GAsyncReadyCallback         callback,
                                       gpointer                    user_data);
gboolean casebook_store_import_finish (CasebookStore              *self,
                                       GAsyncResult               *async_result,
                                       CasebookImportResult       *result,
                                       GError                    **error);

G_END_DECLS
