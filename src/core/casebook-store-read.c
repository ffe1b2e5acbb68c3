/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store-read"

#include "config.h"

#include "casebook-store-private.h"
#include "casebook-store-read.h"

/**
 * SECTION:casebook-store-read
 *
 * Reading a store away from the main thread. Each read opens a read-only
 * connection of its own on a worker thread, since a connection must only
 * be used by one thread at a time, and gives it the cancellable, so that
 * cancelling stops SQLite in the middle of a query rather than after it.
 */

typedef struct
{
  CasebookReadFunc func;
  gpointer         data;
  GDestroyNotify   data_free;
} Read;

static void
read_free (Read *read)
{
  if (read->data_free != NULL)
    g_clear_pointer (&read->data, read->data_free);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  g_autoptr(CasebookStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  reader = casebook_store_open_reader (CASEBOOK_STORE (source_object), &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  casebook_store_set_cancellable (reader, cancellable);

  if (!read->func (reader, read->data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, read->data, NULL);

  /* The reader is closed here, on the thread that used it. */
}

/**
 * casebook_store_read_async:
 * @store: the store to read
 * @func: (scope async): what to read, called on a worker thread
 * @data: (nullable): handed to @func, and given back by
 *   casebook_store_read_finish()
 * @data_free: (nullable): frees @data once the read is finished with
 * @cancellable: (nullable): cancels the read
 * @callback: called on this thread's main context when the read is done
 * @user_data: for @callback
 *
 * Runs @func on a worker thread with a fresh read-only connection to
 * @store. A read cancelled before @callback runs fails with
 * %G_IO_ERROR_CANCELLED, even if @func had finished.
 */
void
casebook_store_read_async (CasebookStore       *store,
                           CasebookReadFunc     func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Read *read;

  g_return_if_fail (CASEBOOK_IS_STORE (store));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  read = g_new0 (Read, 1);
  read->func = func;
  read->data = data;
  read->data_free = data_free;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, casebook_store_read_async);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * casebook_store_read_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer none) (nullable): the data given to
 *   casebook_store_read_async(), with what the read found, or %NULL on
 *   error. It is freed with the operation, after the callback returns;
 *   steal what is to be kept.
 */
gpointer
casebook_store_read_finish (CasebookStore  *store,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == casebook_store_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * casebook_store_read_catalog:
 * @store: (nullable): a store
 *
 * The catalog for a view to name sectors and metric families with:
 * casebook_store_get_catalog(), or an empty one when there is no store or
 * it cannot be read, in which case every key names itself.
 *
 * Returns: (transfer full): the catalog
 */
CasebookCatalog *
casebook_store_read_catalog (CasebookStore *store)
{
  g_autoptr(GError) error = NULL;
  CasebookCatalog *catalog;

  g_return_val_if_fail (store == NULL || CASEBOOK_IS_STORE (store), NULL);

  if (store == NULL)
    return casebook_catalog_new (NULL, NULL, NULL);

  catalog = casebook_store_get_catalog (store, &error);
  if (catalog == NULL)
    {
      g_debug ("Could not read the sectors and metric families: %s", error->message);
      return casebook_catalog_new (NULL, NULL, NULL);
    }

  return catalog;
}
