/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-store-import-async.h"
#include "casebook-store-private.h"
#include "casebook-tokenizer.h"

/* Importing a checked document on a worker thread, for the window: the
 * worker writes through a connection of its own, so the window goes on
 * reading through the store's connection (and sees the old cases until
 * the one transaction commits); it reports how far it got and can be
 * cancelled, which rolls the transaction back and leaves the store as it
 * was. */

typedef struct
{
  CasebookDocument           *document;
  CasebookImportMode          mode;
  CasebookImportProgressFunc  progress;
  gpointer                    progress_data;
  GDestroyNotify              progress_data_free;
  CasebookImportResult        result;
  GAsyncReadyCallback         callback;
  gpointer                    user_data;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->document);
  if (job->progress_data_free != NULL)
    g_clear_pointer (&job->progress_data, job->progress_data_free);
  g_free (job);
}

/* A read-write connection to @self's file, set up as casebook_store_open()
 * sets up its own; the schema is already there, since @self opened it. */
CasebookStore *
_casebook_store_open_writer (CasebookStore  *self,
             GError        **error)
{
  g_autoptr(CasebookStore) writer = g_object_new (CASEBOOK_TYPE_STORE, NULL);
  int rc;

  writer->path = g_strdup (self->path);
  writer->sqlite_path = g_strdup (self->sqlite_path);
  writer->read_only = FALSE;

  rc = sqlite3_open_v2 (self->sqlite_path, &writer->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   _("Could not open the store “%s” for writing: %s"), self->path,
                   writer->db != NULL ? sqlite3_errmsg (writer->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (writer->db, 1);
  sqlite3_busy_timeout (writer->db, _casebook_store_busy_timeout_ms ());

  if (!casebook_tokenizer_register (writer->db, error) ||
      !_casebook_store_exec (writer, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                                     "PRAGMA journal_size_limit = 67108864; PRAGMA foreign_keys = ON", error))
    return NULL;

  return g_steal_pointer (&writer);
}

/* Posts progress in steps of a percent at most. */
static void
report (ImportJob *job,
        guint      done,
        guint      n,
        double    *posted)
{
  double fraction = n > 0 ? (double) done / n : 1;

  if (job->progress == NULL || (fraction < 1 && fraction - *posted < 0.01))
    return;
  *posted = fraction;
  job->progress (fraction, job->progress_data);
}

static gboolean
write_document (CasebookStore  *writer,
                ImportJob      *job,
                GCancellable   *cancellable,
                GError        **error)
{
  GPtrArray *cases = casebook_document_get_cases (job->document);
  CasebookImportResult counts = { 0 };
  double posted = 0;
  gboolean ok;

  casebook_store_set_cancellable (writer, cancellable);

  if (!_casebook_store_exec (writer, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = _casebook_store_write_extras (writer, job->document, job->mode, error);

  for (guint i = 0; ok && i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      gint64 nr;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      ok = _casebook_store_find_case (writer, casebook_case_get_id (c), &nr, NULL, error);
      if (!ok)
        break;

      if (nr >= 0 && job->mode == CASEBOOK_IMPORT_SKIP)
        counts.skipped++;
      else
        {
          ok = _casebook_store_write_case (writer, c, NULL, CASEBOOK_ORIGIN_OWN, nr, error);
          if (nr >= 0)
            counts.replaced++;
          else
            counts.added++;
        }

      /* As casebook_store_import() does: the person's tags and note come
       * along, also on a skipped case. */
      if (ok)
        ok = _casebook_store_import_personal (writer, c, i, job->mode, error);

      report (job, i + 1, cases->len, &posted);
    }

  /* Last, when every case of the file is in the store. */
  if (ok)
    ok = _casebook_store_import_collections (writer, job->document, &counts, error);

  /* The last moment to stop: after the commit, the cases are in. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  /* The rollback must not be interrupted by the cancellation it follows;
   * were it to fail all the same, closing the connection rolls back. */
  casebook_store_set_cancellable (writer, NULL);
  if (!_casebook_store_finish_transaction (writer, ok, ok ? error : NULL))
    return FALSE;
  if (!ok)
    {
      /* A statement stopped by the cancellation may report it in words of
       * its own; what the caller needs to know is that it was cancelled. */
      if (g_cancellable_is_cancelled (cancellable) && error != NULL &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (error);
          g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      return FALSE;
    }

  if (counts.added + counts.replaced > 1000)
    _casebook_store_exec (writer, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  job->result = counts;
  report (job, cases->len, cases->len, &posted);
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) writer = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  writer = _casebook_store_open_writer (source_object, &error);
  if (writer == NULL || !write_document (writer, job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);

  /* The writer is closed here, on the thread that used it. */
}

/* Runs on the caller's thread: the store's own connection learns that the
 * file changed before the caller hears of it. */
static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_had_error (G_TASK (result)))
    _casebook_store_mark_changed (CASEBOOK_STORE (source));

  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

/**
 * casebook_store_import_async:
 * @self: a writable store
 * @document: a checked collection
 * @mode: what to do with cases whose id is already in the store
 * @cancellable: (nullable): stops the import and rolls it back
 * @progress: (nullable) (scope notified): told the share of the cases done,
 *   on the worker thread, in steps of a percent at most
 * @progress_data: (closure progress): for @progress
 * @progress_data_free: (nullable): frees @progress_data when the import is over
 * @callback: called on this thread's main context when it is over
 * @user_data: for @callback
 *
 * Imports @document as casebook_store_import() does, in one transaction,
 * but on a worker thread with a connection of its own. An import that is
 * cancelled, or fails, leaves the store as it was. On success the store
 * emits #CasebookStore::changed before @callback runs.
 */
void
casebook_store_import_async (CasebookStore              *self,
                             CasebookDocument           *document,
                             CasebookImportMode          mode,
                             GCancellable               *cancellable,
                             CasebookImportProgressFunc  progress,
                             gpointer                    progress_data,
                             GDestroyNotify              progress_data_free,
                             GAsyncReadyCallback         callback,
                             gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));
  g_return_if_fail (CASEBOOK_IS_DOCUMENT (document));

  job = g_new0 (ImportJob, 1);
  job->document = g_object_ref (document);
  job->mode = mode;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_free = progress_data_free;
  job->callback = callback;
  job->user_data = user_data;

  task = g_task_new (self, cancellable, import_done, NULL);
  g_task_set_source_tag (task, casebook_store_import_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* A commit that won the race with a late cancel is still a success. */
  g_task_set_check_cancellable (task, FALSE);

  if (!_casebook_store_check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, import_thread);
}

/**
 * casebook_store_import_finish:
 * @result: (out caller-allocates) (optional): the counts
 *
 * Returns: %TRUE if the cases are in the store; %FALSE, with
 *   %G_IO_ERROR_CANCELLED if it was cancelled, and the store unchanged
 */
gboolean
casebook_store_import_finish (CasebookStore         *self,
                              GAsyncResult          *async_result,
                              CasebookImportResult  *result,
                              GError               **error)
{
  ImportJob *job;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (async_result, self), FALSE);

  job = g_task_get_task_data (G_TASK (async_result));
  if (!g_task_propagate_boolean (G_TASK (async_result), error))
    return FALSE;

  if (result != NULL)
    *result = job->result;
  return TRUE;
}
