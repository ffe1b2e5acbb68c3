/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-bundled-revision.h"
#include "casebook-core-resources.h"
#include "casebook-file-io.h"
#include "casebook-json.h"
#include "casebook-store-private.h"

/* Importing a collection, from a document, a file or bytes, in one
 * transaction and with the reading and checking on a second thread; and
 * bringing the bundled collection up to the one this release ships. */

#define BUNDLED_RESOURCE "/io/github/casebook/Casebook/casebook-seed.json"
/* The name it goes by in messages about it. */
#define BUNDLED_NAME "casebook-seed.json"

/* The second thread of a large import: it produces the cases in order,
 * each with its prepared form, staying at most PIPELINE_DEPTH cases ahead
 * of the writer. Where the cases come from a file, it also reads and
 * checks them, so checking and writing overlap. */
#define PIPELINE_DEPTH 64

typedef CasebookCase *(*CaseSource) (gpointer   source,
                                     guint      index,
                                     GError   **error);

typedef struct
{
  CasebookCase          *c;
  CasebookStorePrepared *prep;
  GError                *error;
} PipelineItem;

typedef struct
{
  CaseSource   next_case;
  gpointer     source;
  guint        n_cases;
  GAsyncQueue *ready;
  GAsyncQueue *spent;    /* items the writer is done with */
  GMutex       lock;
  GCond        cond;
  guint        consumed;
  gboolean     stop;
  GThread     *thread;
} Pipeline;

static void
pipeline_item_free (PipelineItem *item)
{
  g_clear_object (&item->c);
  g_clear_pointer (&item->prep, _casebook_store_prepared_free);
  g_clear_error (&item->error);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PipelineItem, pipeline_item_free)

static gpointer
pipeline_run (gpointer data)
{
  Pipeline *pl = data;

  for (guint i = 0; i < pl->n_cases; i++)
    {
      PipelineItem *item = g_new0 (PipelineItem, 1);
      PipelineItem *spent;
      gboolean stop, failed;

      /* Freeing a case and its prepared form is work the writer, the
       * busier thread, leaves to this one. */
      while ((spent = g_async_queue_try_pop (pl->spent)) != NULL)
        pipeline_item_free (spent);

      g_mutex_lock (&pl->lock);
      while (!pl->stop && i >= pl->consumed + PIPELINE_DEPTH)
        g_cond_wait (&pl->cond, &pl->lock);
      stop = pl->stop;
      g_mutex_unlock (&pl->lock);

      if (stop)
        {
          g_free (item);
          break;
        }

      item->c = pl->next_case (pl->source, i, &item->error);
      if (item->c != NULL)
        item->prep = _casebook_store_prepare_case (item->c);
      failed = item->c == NULL;

      /* From here on the item is the writer's, which may already have
       * freed it: it must not be looked at again. */
      g_async_queue_push (pl->ready, g_steal_pointer (&item));

      if (failed)
        break;
    }

  return NULL;
}

static void
pipeline_start (Pipeline   *pl,
                CaseSource  next_case,
                gpointer    source,
                guint       n_cases)
{
  pl->next_case = next_case;
  pl->source = source;
  pl->n_cases = n_cases;
  pl->ready = g_async_queue_new_full ((GDestroyNotify) pipeline_item_free);
  pl->spent = g_async_queue_new_full ((GDestroyNotify) pipeline_item_free);
  g_mutex_init (&pl->lock);
  g_cond_init (&pl->cond);
  pl->thread = g_thread_new ("casebook-import", pipeline_run, pl);
}

/* Returns the next case, in order, with its prepared form or its error. */
static PipelineItem *
pipeline_next (Pipeline *pl)
{
  PipelineItem *item = g_async_queue_pop (pl->ready);

  g_mutex_lock (&pl->lock);
  pl->consumed++;
  g_cond_signal (&pl->cond);
  g_mutex_unlock (&pl->lock);

  return item;
}

/* Hands @item, which the writer is done with, back to be freed. */
static void
pipeline_release (Pipeline     *pl,
                  PipelineItem *item)
{
  g_async_queue_push (pl->spent, item);
}

static void
pipeline_finish (Pipeline *pl)
{
  g_mutex_lock (&pl->lock);
  pl->stop = TRUE;
  g_cond_signal (&pl->cond);
  g_mutex_unlock (&pl->lock);

  g_thread_join (pl->thread);
  g_async_queue_unref (pl->ready);
  g_async_queue_unref (pl->spent);
  g_mutex_clear (&pl->lock);
  g_cond_clear (&pl->cond);
}

/* A large import into a store that holds fewer cases than it brings
 * writes the rows of its tables without their secondary indexes (the
 * eight sort orders of the cases, outcomes by metric, technologies by
 * product) and builds those once at the end, inside the same
 * transaction, so that a fault still leaves the store as it was. Each
 * row kept up in eight indexes costs eight scattered B-tree inserts; at
 * 100,000 cases those pages no longer fit in the page cache and the
 * writer ends up waiting on the disk. CREATE INDEX sorts the keys
 * instead. Lookups the import makes itself (a case by id, a sector by
 * key) use primary keys and unique constraints, which stay. */
#define BULK_MIN_CASES 256

static gboolean
drop_bulk_indexes (CasebookStore  *self,
                   guint           n_cases,
                   GPtrArray     **dropped,
                   GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 n_stored = 0;
  int rc;

  *dropped = NULL;
  if (n_cases < BULK_MIN_CASES)
    return TRUE;

  stmt = _casebook_store_prepare (self, "SELECT count(*) FROM cases", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_stored = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n_stored >= n_cases)
    return TRUE;

  /* Indexes that a constraint makes have no SQL and stay. */
  stmt = _casebook_store_prepare (self,
                                  "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                  "AND tbl_name IN ('cases', 'outcomes', 'technologies')", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup (_casebook_store_column_text (stmt, 0)));
      g_ptr_array_add (sql, g_strdup (_casebook_store_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not change the store"));

  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      gboolean ok = _casebook_store_exec (self, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }

  *dropped = g_steal_pointer (&sql);
  return TRUE;
}

static gboolean
rebuild_bulk_indexes (CasebookStore  *self,
                      GPtrArray      *dropped,
                      GError        **error)
{
  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    if (!_casebook_store_exec (self, g_ptr_array_index (dropped, i), error))
      return FALSE;

  return TRUE;
}

static CasebookCase *
case_from_array (gpointer   source,
                 guint      index,
                 GError   **error)
{
  return g_object_ref (g_ptr_array_index ((GPtrArray *) source, index));
}

static CasebookCase *
case_from_stream (gpointer   source,
                  guint      index,
                  GError   **error)
{
  return casebook_json_stream_read_case (source, index, error);
}

/* Writes what @document holds and the cases @next_case produces, in one
 * transaction. */
static gboolean
import_cases (CasebookStore         *self,
              CasebookDocument      *document,
              CaseSource             next_case,
              gpointer               source,
              guint                  n_cases,
              CasebookImportMode     mode,
              CasebookImportResult  *result,
              GError               **error)
{
  CasebookImportResult counts = { 0 };
  g_autoptr(GPtrArray) dropped = NULL;
  Pipeline pipeline = { 0 };
  gboolean pipelined = n_cases > PIPELINE_DEPTH;
  gboolean ok = TRUE;

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = drop_bulk_indexes (self, n_cases, &dropped, error) &&
       _casebook_store_write_extras (self, document, mode, error);

  if (ok && pipelined)
    pipeline_start (&pipeline, next_case, source, n_cases);

  for (guint i = 0; ok && i < n_cases; i++)
    {
      g_autoptr(PipelineItem) item = NULL;
      g_autoptr(CasebookCase) own = NULL;
      CasebookCase *c;
      gint64 nr;

      if (pipelined)
        {
          item = pipeline_next (&pipeline);
          if (item->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&item->error));
              ok = FALSE;
              break;
            }
          c = item->c;
        }
      else
        {
          c = own = next_case (source, i, error);
          if (c == NULL)
            {
              ok = FALSE;
              break;
            }
        }

      ok = _casebook_store_find_case (self, casebook_case_get_id (c), &nr, NULL, error);
      if (!ok)
        break;

      if (nr >= 0 && mode == CASEBOOK_IMPORT_SKIP)
        counts.skipped++;
      else
        {
          ok = _casebook_store_write_case (self, c, item != NULL ? item->prep : NULL, CASEBOOK_ORIGIN_OWN, nr, error);
          if (nr >= 0)
            counts.replaced++;
          else
            counts.added++;
        }

      /* The person's tags and note come along, also on a skipped case. */
      if (ok)
        ok = _casebook_store_import_personal (self, c, i, mode, error);

      if (item != NULL)
        pipeline_release (&pipeline, g_steal_pointer (&item));
    }

  /* Last, when every case of the file is in the store. */
  if (ok)
    ok = _casebook_store_import_collections (self, document, &counts, error);

  if (ok)
    ok = rebuild_bulk_indexes (self, dropped, error);

  if (pipeline.thread != NULL)
    pipeline_finish (&pipeline);

  if (!_casebook_store_finish_transaction (self, ok, error))
    return FALSE;

  /* A large import leaves a write-ahead log as large as what it wrote;
   * fold it into the store now rather than keep the space until exit. */
  if (counts.added + counts.replaced > 1000)
    _casebook_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  if (result != NULL)
    *result = counts;

  _casebook_store_mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_import:
 * @document: a validated collection
 * @mode: what to do with cases whose id is already in the store
 * @result: (out caller-allocates) (optional): the counts
 *
 * Stores every case and all cross-sector material of @document in one
 * transaction: either all of it goes in, or the store stays as it was.
 * Imported cases count as the person's own. The cases' tags are added to
 * those in the store and their notes set (with %CASEBOOK_IMPORT_SKIP only
 * where a case has none), also for cases that are skipped. Each collection
 * of @document is created, or, when the store has one with its name,
 * its cases are added to that one (@result counts both); a collection
 * naming a case that neither @document nor the store holds fails the
 * whole import, naming `collections[N].cases[M]`.
 */
gboolean
casebook_store_import (CasebookStore         *self,
                       CasebookDocument      *document,
                       CasebookImportMode     mode,
                       CasebookImportResult  *result,
                       GError               **error)
{
  GPtrArray *cases;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (document), FALSE);

  cases = casebook_document_get_cases (document);
  return import_cases (self, document, case_from_array, cases, cases->len, mode, result, error);
}

/**
 * casebook_store_import_file:
 * @file: an interchange file
 * @mode: what to do with cases whose id is already in the store
 * @result: (out caller-allocates) (optional): the counts
 *
 * Reads, checks and imports @file in one transaction, checking each case
 * on a second thread while the one before is written. A file with any
 * fault anywhere changes nothing; the error names the place.
 */
gboolean
casebook_store_import_file (CasebookStore         *self,
                            GFile                 *file,
                            CasebookImportMode     mode,
                            CasebookImportResult  *result,
                            GError               **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  /* The same bounded read as the window's import: a device, a huge file
   * or an endless pipe is refused, and the message names the file once. */
  contents = casebook_file_read_bounded (file, CASEBOOK_JSON_MAX_FILE_SIZE, &length, NULL, error);
  if (contents == NULL)
    return FALSE;

  name = g_file_get_parse_name (file);

  return _casebook_store_import_data (self, contents, length, name, mode, result, error);
}

/**
 * _casebook_store_import_data:
 * @data: (array length=length): the bytes of an interchange file
 * @length: their length
 * @name: where they came from, for messages
 * @mode: what to do with cases whose id is already in the store
 * @result: (out caller-allocates) (optional): the counts
 *
 * Checks and imports a collection held in memory, exactly as
 * casebook_store_import_file() does with the contents of a file: in one
 * transaction, and not at all if anything in @data is wrong.
 */
gboolean
_casebook_store_import_data (CasebookStore         *self,
                             const char            *data,
                             gsize                  length,
                             const char            *name,
                             CasebookImportMode     mode,
                             CasebookImportResult  *result,
                             GError               **error)
{
  g_autoptr(CasebookDocument) header = NULL;
  g_autoptr(CasebookJsonStream) stream = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  stream = casebook_json_stream_open (data, length, name, &header, error);
  if (stream == NULL)
    return FALSE;

  return import_cases (self, header, case_from_stream, stream,
                       casebook_json_stream_get_n_cases (stream), mode, result, error);
}

/**
 * _casebook_store_get_bundled_revision:
 *
 * Returns: the revision of the bundled collection the store holds, or 0
 */
gint64
_casebook_store_get_bundled_revision (CasebookStore *self)
{
  sqlite3_stmt *stmt;
  gint64 revision = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);

  stmt = _casebook_store_prepare (self, "SELECT value FROM meta WHERE key = 'bundled-revision'", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = g_ascii_strtoll (_casebook_store_column_text (stmt, 0), NULL, 10);
  sqlite3_reset (stmt);

  return revision;
}

/* A refresh writes sections the store did not have after all the others;
 * the bundled ones then take the bundled collection's order (a new
 * release may add an abstract before section 6), and any a person
 * imported follow them in their own order. A store refreshed this way
 * lists and exports its sections as a new store does. */
static gboolean
order_bundled_insights (CasebookStore     *self,
                        CasebookDocument  *bundled,
                        GError           **error)
{
  GPtrArray *insights = casebook_document_get_insights (bundled);
  sqlite3_stmt *stmt;

  stmt = _casebook_store_prepare (self, "UPDATE insights SET position = position + ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, insights->len);
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < insights->len; i++)
    {
      const CasebookInsight *insight = g_ptr_array_index (insights, i);

      stmt = _casebook_store_prepare (self, "UPDATE insights SET position = ?1 WHERE section = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, i + 1);
      _casebook_store_bind_text (stmt, 2, insight->section);
      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _casebook_store_refresh_bundled:
 * @bundled: the collection that ships with this release
 *
 * Brings the bundled cases up to @bundled in one transaction: bundled cases
 * are updated, added or removed to match, and the cross-sector material is
 * replaced. A person's own cases are never touched, even when one shares
 * an id with a bundled case. A store that already holds the revision of
 * @bundled, or a later one, is left as it is.
 */
gboolean
_casebook_store_refresh_bundled (CasebookStore     *self,
                                 CasebookDocument  *bundled,
                                 GError           **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *revision = NULL;
  GPtrArray *cases;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (bundled), FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another Casebook started at the same moment may have brought the
   * store up to this release while this one waited for the lock. */
  if (_casebook_store_get_bundled_revision (self) >= casebook_document_get_revision (bundled))
    return _casebook_store_finish_transaction (self, TRUE, error);

  ok = _casebook_store_write_extras (self, bundled, CASEBOOK_IMPORT_REPLACE, error) &&
       order_bundled_insights (self, bundled, error);

  cases = casebook_document_get_cases (bundled);
  for (guint i = 0; ok && i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      CasebookOrigin origin = CASEBOOK_ORIGIN_BUNDLED;
      gint64 nr;

      g_hash_table_add (keep, (gpointer) casebook_case_get_id (c));

      ok = _casebook_store_find_case (self, casebook_case_get_id (c), &nr, &origin, error);
      if (ok && (nr < 0 || origin == CASEBOOK_ORIGIN_BUNDLED))
        ok = _casebook_store_write_case (self, c, NULL, CASEBOOK_ORIGIN_BUNDLED, nr, error);
    }

  /* Bundled cases that the new release no longer ships. */
  if (ok)
    stmt = _casebook_store_prepare (self, "SELECT nr, id FROM cases WHERE origin = 'bundled'", error);
  if (ok && stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 nr = sqlite3_column_int64 (stmt, 0);

          if (!g_hash_table_contains (keep, _casebook_store_column_text (stmt, 1)))
            g_array_append_val (stale, nr);
        }
      sqlite3_reset (stmt);
    }
  else
    ok = FALSE;

  for (guint i = 0; ok && i < stale->len; i++)
    ok = _casebook_store_delete_case_nr (self, g_array_index (stale, gint64, i), error);

  if (ok)
    {
      revision = g_strdup_printf ("%" G_GINT64_FORMAT, casebook_document_get_revision (bundled));
      stmt = _casebook_store_prepare (self,
                                      "INSERT INTO meta (key, value) VALUES ('bundled-revision', ?1) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
      ok = stmt != NULL;
      if (ok)
        {
          _casebook_store_bind_text (stmt, 1, revision);
          ok = _casebook_store_step_done (self, stmt, error);
        }
    }

  if (!_casebook_store_finish_transaction (self, ok, error))
    return FALSE;

  _casebook_store_mark_changed (self);
  return TRUE;
}

/* The bytes of the collection that ships inside Casebook. */
static GBytes *
bundled_bytes (GError **error)
{
  return g_resource_lookup_data (casebook_core_get_resource (), BUNDLED_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/**
 * _casebook_bundled_revision:
 *
 * The revision of the collection that ships inside Casebook. Every open
 * of a store asks for it, so it is read from the collection when Casebook
 * is built (`build-aux/bundled-revision.py`), not parsed from it here.
 *
 * Returns: the revision
 */
gint64
_casebook_bundled_revision (void)
{
  return CASEBOOK_BUNDLED_REVISION;
}

/**
 * _casebook_bundled_document:
 *
 * Reads the collection that ships inside Casebook.
 *
 * Returns: (transfer full) (nullable): the bundled collection
 */
CasebookDocument *
_casebook_bundled_document (GError **error)
{
  g_autoptr(GBytes) bytes = bundled_bytes (error);
  gsize length = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return casebook_json_read_document (data, length, BUNDLED_NAME, error);
}
