/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-file-io.h"
#include "casebook-json-emitter.h"
#include "casebook-json.h"
#include "casebook-store-collections.h"
#include "casebook-store-export-stream.h"
#include "casebook-store-private.h"

/* Exporting straight to a stream or a file, a case at a time.
 *
 * casebook_store_export() gathers the whole store as one document, which
 * casebook_json_write_document() then lays out as one string: at 100,000
 * cases that took several gigabytes. Here the cases are read from SQLite
 * one at a time, each is written by the same code as there and let go,
 * and the bytes go on to the stream or file as they come; memory is
 * bounded by the largest case, not by the store. The bytes are the same
 * as casebook_json_write_document() gives for casebook_store_export()
 * (or _export_cases(), _export_collection()) of the same store, and
 * everything is read in one transaction, so the file is a consistent
 * snapshot. A file is written atomically: a failed or cancelled export
 * leaves the file named as it was. */

/* How many cases between two calls of the progress function. */
#define PROGRESS_EVERY 256

/* Everything of the document but its cases, read in the export's
 * transaction, in the order casebook_store_export() reads it. */
static gboolean
read_head (CasebookStore     *self,
           CasebookDocument  *head,
           gboolean           whole,
           GError           **error)
{
  g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (self, error);
  g_autoptr(GPtrArray) metrics = sectors != NULL ? casebook_store_list_metrics (self, error) : NULL;

  if (metrics == NULL)
    return FALSE;

  _casebook_store_move_all (sectors, casebook_document_get_sectors (head));
  _casebook_store_move_all (metrics, casebook_document_get_metrics (head));

  /* The report's material belongs to no case, nor do the collections;
   * only a whole export has them. */
  if (!whole)
    return TRUE;

  return _casebook_store_export_whole_store_parts (self, head, error);
}

/* How many cases the export writes, for the progress. */
static gboolean
count_cases (CasebookStore  *self,
             const char     *ids,
             gint64          collection,
             guint          *total,
             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (collection != 0)
    stmt = _casebook_store_prepare (self,
                                    "SELECT count(*) FROM collection_cases m JOIN cases c ON c.id = m.case_id "
                                    "WHERE m.collection_id = ?2", error);
  else if (ids == NULL)
    stmt = _casebook_store_prepare (self, "SELECT count(*) FROM cases", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "SELECT count(*) FROM cases WHERE id IN (SELECT value FROM json_each(?1))",
                                    error);
  if (stmt == NULL)
    return FALSE;
  if (ids != NULL)
    _casebook_store_bind_text (stmt, 1, ids);
  if (collection != 0)
    sqlite3_bind_int64 (stmt, 2, collection);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the cases"), error);
  *total = (guint) MIN (sqlite3_column_int64 (stmt, 0), (gint64) G_MAXUINT);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Writes the cases, each with its note and tags, as the statement finds
 * them. */
static gboolean
write_cases (CasebookStore                *self,
             CasebookJsonEmitter          *emitter,
             const CasebookExportRequest  *request,
             const char                   *ids,
             gint64                        collection,
             GCancellable                 *cancellable,
             GError                      **error)
{
  sqlite3_stmt *stmt;
  guint total = 0;
  guint done = 0;
  int rc;

  if (request->progress != NULL && !count_cases (self, ids, collection, &total, error))
    return FALSE;

  stmt = _casebook_store_prepare_export_cases (self, ids, collection,
                                               (request->flags & CASEBOOK_EXPORT_FLAGS_IDS_ORDER) != 0, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CasebookCase) c = casebook_json_case_from_string (_casebook_store_column_text (stmt, 0), error);

      /* The note and tags are read with statements of their own while
       * this one stays where it is. */
      if (c == NULL || !_casebook_store_read_personal (self, c, error) ||
          !casebook_json_emitter_add_case (emitter, c, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      done++;
      if (request->progress != NULL && done % PROGRESS_EVERY == 0)
        request->progress (done, MAX (done, total), request->progress_data);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the cases"), error);
  sqlite3_reset (stmt);

  if (request->progress != NULL)
    request->progress (done, MAX (done, total), request->progress_data);
  return TRUE;
}

static gboolean
export_to_sink (CasebookStore                *self,
                const CasebookExportRequest  *request,
                CasebookJsonSink              sink,
                gpointer                      sink_data,
                guint                        *n_cases,
                GCancellable                 *cancellable,
                GError                      **error)
{
  g_autoptr(CasebookDocument) head = casebook_document_new ();
  g_autoptr(CasebookJsonEmitter) emitter = NULL;
  g_autoptr(CasebookCollection) collection = NULL;
  g_auto(GStrv) smart_ids = NULL;
  g_autofree char *ids = NULL;
  gint64 collection_id = request->collection_id;

  if (collection_id != 0)
    {
      /* Read under the export's own transaction below; the definition
       * is read first, and a collection that changes in between is
       * exported as the cases say. */
      collection = casebook_store_get_collection (self, collection_id, error);
      if (collection == NULL)
        return FALSE;

      if (casebook_collection_is_smart (collection))
        {
          smart_ids = _casebook_store_smart_collection_ids (self, collection_id, error);
          if (smart_ids == NULL)
            return FALSE;
          ids = _casebook_store_ids_to_json ((const char * const *) smart_ids);
          collection_id = 0;
        }
    }
  else if (request->ids != NULL)
    ids = _casebook_store_ids_to_json (request->ids);

  /* One read transaction, so the export is a consistent snapshot. */
  if (!_casebook_store_exec (self, "BEGIN", error))
    return FALSE;

  emitter = casebook_json_emitter_new (sink, sink_data, cancellable);
  if (!read_head (self, head, ids == NULL && collection == NULL, error))
    goto fail;

  if (collection != NULL)
    {
      /* The file's copy carries no store id. */
      casebook_collection_set_id (collection, 0);
      g_ptr_array_add (casebook_document_get_collections (head), g_steal_pointer (&collection));
    }

  if (!casebook_json_emitter_begin (emitter, head, error) ||
      !write_cases (self, emitter, request, ids, collection_id, cancellable, error))
    goto fail;

  _casebook_store_exec (self, "COMMIT", NULL);

  if (!casebook_json_emitter_end (emitter, error))
    return FALSE;

  if (n_cases != NULL)
    *n_cases = casebook_json_emitter_get_n_cases (emitter);
  return TRUE;

fail:
  _casebook_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/**
 * casebook_store_export_to_stream:
 * @request: what to export
 * @stream: where to write it; it is not closed
 * @n_cases: (out) (optional): how many cases were written
 *
 * Writes what @request asks for to @stream in the interchange format, in
 * the bytes casebook_json_write_document() gives for the document that
 * casebook_store_export(), casebook_store_export_cases() or
 * casebook_store_export_collection() collects, but a case at a time:
 * memory stays bounded by the largest case. With
 * %CASEBOOK_EXPORT_FLAGS_IDS_ORDER the cases come in the order of
 * @request's ids.
 *
 * Returns: %TRUE if the whole document was written; on failure part of
 *   it may have been
 */
gboolean
casebook_store_export_to_stream (CasebookStore                *self,
                                 const CasebookExportRequest  *request,
                                 GOutputStream                *stream,
                                 guint                        *n_cases,
                                 GCancellable                 *cancellable,
                                 GError                      **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return export_to_sink (self, request, casebook_json_sink_stream, stream, n_cases, cancellable, error);
}

/* The file writer keeps its first error for the commit, which names the
 * file and says why. */
static gboolean
write_to_file (gpointer       data,
               const void    *bytes,
               gsize          length,
               GCancellable  *cancellable,
               GError       **error)
{
  if (casebook_file_writer_write (data, bytes, length))
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "write failed");
  return FALSE;
}

/**
 * casebook_store_export_to_file:
 * @request: what to export
 * @n_cases: (out) (optional): how many cases were written
 *
 * Writes what @request asks for to @file as
 * casebook_store_export_to_stream() does, atomically: a failed or
 * cancelled export leaves any earlier file in place, and no part of the
 * new one.
 *
 * Returns: %TRUE if @file now holds the whole export
 */
gboolean
casebook_store_export_to_file (CasebookStore                *self,
                               const CasebookExportRequest  *request,
                               GFile                        *file,
                               guint                        *n_cases,
                               GCancellable                 *cancellable,
                               GError                      **error)
{
  g_autoptr(CasebookFileWriter) writer = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  writer = casebook_file_writer_new (file, cancellable, error);
  if (writer == NULL)
    return FALSE;

  /* A failure of the writer itself is kept by it; anything else (the
   * store, a cancellation) is handed to it, so that the commit gives up
   * the file and returns the first error. */
  if (!export_to_sink (self, request, write_to_file, writer, n_cases, cancellable, &local_error) &&
      !casebook_file_writer_has_failed (writer))
    casebook_file_writer_fail (writer, local_error);
  else
    g_clear_error (&local_error);

  return casebook_file_writer_commit (writer, error);
}
