/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "casebook-store-collections.h"
#include "casebook-store-matching.h"
#include "casebook-store-private.h"
#include "casebook-tokenizer.h"

/* A window acts on what is selected in its list, which may be every one
 * of 100,000 cases. The list keeps its selection as positions, and reads
 * a row only when it is shown; these calls go from positions to cases in
 * the store itself, in the order casebook_store_list() gives, without
 * making a summary of each: one pass over the order's index for the ids
 * at some positions (on a reader of a worker thread), and one INSERT …
 * SELECT for all of them (on a writer of a worker thread). */

/**
 * casebook_store_list_ids:
 * @filter: (nullable): which cases, as for casebook_store_list()
 * @sort: the order
 * @lang: the language whose titles set the order
 * @runs: (array length=n_runs): pairs of a first position and a number of
 *   positions, increasing and not overlapping
 * @n_runs: the number of pairs
 *
 * The ids of the cases at the positions of @runs in the listing
 * casebook_store_list() gives (a plain collection's own order when
 * @filter is restricted to one; the order @sort even when @filter
 * searches). Positions past the end are passed over. The ids are read in
 * one pass per run, with no summary made; on a reader given a
 * cancellable (casebook_store_read_async()) a cancel stops it.
 *
 * Returns: (transfer full) (element-type utf8): the ids, in the order
 */
GPtrArray *
casebook_store_list_ids (CasebookStore   *self,
                         CasebookFilter  *filter,
                         CasebookSort     sort,
                         CasebookLang     lang,
                         const guint     *runs,
                         guint            n_runs,
                         GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, NULL);
  g_return_val_if_fail (runs != NULL || n_runs == 0, NULL);

  /* Runs next to each other are read as one: a selection made by
   * clicking through rows one by one is still one pass. */
  for (guint i = 0; i < n_runs;)
    {
      guint64 start = runs[2 * i];
      guint64 end = start + runs[2 * i + 1];
      int rc;

      for (i++; i < n_runs && runs[2 * i] <= end; i++)
        end = MAX (end, (guint64) runs[2 * i] + runs[2 * i + 1]);
      if (end <= start)
        continue;

      stmt = _casebook_store_prepare (self, _casebook_store_order_sql (self, filter, sort, lang, FALSE), error);
      if (stmt == NULL)
        return NULL;
      _casebook_store_bind_filter (self, stmt, filter);
      _casebook_store_bind_named_int64 (stmt, ":limit", (gint64) MIN (end - start, G_MAXINT64));
      _casebook_store_bind_named_int64 (stmt, ":offset", (gint64) start);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup (_casebook_store_column_text (stmt, 0)));

      if (rc != SQLITE_DONE)
        {
          _casebook_store_query_failed (self, stmt, rc, _("Could not list the cases"), error);
          return NULL;
        }
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&ids);
}

/* Adds them inside a transaction begun by the caller. */
static gboolean
add_matching (CasebookStore   *self,
              gint64           collection_id,
              CasebookFilter  *filter,
              CasebookSort     sort,
              CasebookLang     lang,
              guint           *n_added,
              const char      *what,
              GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 base = 0;
  int rc;

  if (!_casebook_store_check_plain (self, collection_id, what, error))
    return FALSE;

  /* The new cases go after the last one; the positions of a collection
   * are 0, 1, 2… (see write_order() in casebook-store-collections.c). */
  stmt = _casebook_store_prepare (self,
                                  "SELECT coalesce(max(position) + 1, 0) FROM collection_cases "
                                  "WHERE collection_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, collection_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _casebook_store_query_failed (self, stmt, rc, what, error);
  base = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _casebook_store_prepare (self, _casebook_store_order_sql (self, filter, sort, lang, TRUE), error);
  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_int64 (stmt, ":target", collection_id);
  _casebook_store_bind_named_int64 (stmt, ":base", base);
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  *n_added = (guint) MIN (sqlite3_changes64 (self->db), G_MAXUINT);
  return TRUE;
}

/**
 * casebook_store_add_matching_to_collection:
 * @collection_id: a plain collection
 * @filter: (nullable): which cases, as for casebook_store_list()
 * @sort: their order
 * @lang: the language whose titles set the order
 * @n_added: (out) (optional): how many were not in the collection yet
 *
 * Adds every case @filter lets through to the end of the collection, in
 * the order casebook_store_list() gives them, in one transaction and one
 * statement; a case already in it stays where it is. What "Add to
 * Collection" does with every case of the list selected. A filter that
 * searches is refused (%CASEBOOK_STORE_ERROR_INVALID): the list shows a
 * search's best matches by rank, which is not an order of the store. A
 * smart collection, or none with that id, is refused as by
 * casebook_store_add_to_collection(); then nothing is added.
 */
gboolean
casebook_store_add_matching_to_collection (CasebookStore   *self,
                                           gint64           collection_id,
                                           CasebookFilter  *filter,
                                           CasebookSort     sort,
                                           CasebookLang     lang,
                                           guint           *n_added,
                                           GError         **error)
{
  const char *what = _("Could not add to the collection");
  g_autofree char *match = NULL;
  guint added = 0;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, FALSE);

  if (n_added != NULL)
    *n_added = 0;

  match = filter != NULL ? casebook_search_build_match (casebook_filter_get_query (filter)) : NULL;
  if (match != NULL)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
                   _("%s: the cases of a search are added by their ids"), what);
      return FALSE;
    }

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = add_matching (self, collection_id, filter, sort, lang, &added, what, error);

  if (!_casebook_store_end_change (self, ok, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

typedef struct
{
  gint64          collection_id;
  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  char          **ids;    /* or these cases */
  guint           n_added;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_clear_object (&job->filter);
  g_clear_pointer (&job->ids, g_strfreev);
  g_free (job);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) writer = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  writer = _casebook_store_open_writer (source_object, &error);
  if (writer == NULL ||
      !(job->ids != NULL
        ? casebook_store_add_to_collection (writer, job->collection_id, (const char * const *) job->ids, -1,
                                            &job->n_added, &error)
        : casebook_store_add_matching_to_collection (writer, job->collection_id, job->filter, job->sort, job->lang,
                                                     &job->n_added, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);

  /* The writer is closed here, on the thread that used it. */
}

/* On the caller's thread: the store's own connection, and whoever follows
 * its ::changed, learn of the new members before the caller does. */
static void
add_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;

  if (!g_task_had_error (G_TASK (result)) && g_task_propagate_boolean (G_TASK (result), NULL))
    {
      AddJob *job = g_task_get_task_data (G_TASK (result));

      _casebook_store_mark_changed (CASEBOOK_STORE (source));
      g_task_set_task_data (task, g_memdup2 (&job->n_added, sizeof job->n_added), g_free);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      g_task_propagate_boolean (G_TASK (result), &error);
      g_task_return_error (task, g_steal_pointer (&error));
    }

  g_object_unref (task);
}

static void
add_async (CasebookStore       *self,
           AddJob              *job,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, add_async);
  /* A commit that won the race with a late cancel is still a success. */
  g_task_set_check_cancellable (task, FALSE);

  if (!_casebook_store_check_writable (self, &error))
    {
      add_job_free (job);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  inner = g_task_new (self, cancellable, add_done, task);
  g_task_set_task_data (inner, job, (GDestroyNotify) add_job_free);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, add_thread);
}

/**
 * casebook_store_add_matching_to_collection_async:
 * @cancellable: (nullable): stops it before it starts writing
 * @callback: called on this thread's main context when it is over
 *
 * Does what casebook_store_add_matching_to_collection() does, on a worker
 * thread with a connection of its own, so that adding 100,000 cases costs
 * the calling thread nothing that grows with their number. On success the
 * store emits #CasebookStore::changed before @callback runs. @filter is
 * copied. Finish it with casebook_store_add_to_collection_finish().
 */
void
casebook_store_add_matching_to_collection_async (CasebookStore       *self,
                                                 gint64               collection_id,
                                                 CasebookFilter      *filter,
                                                 CasebookSort         sort,
                                                 CasebookLang         lang,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  AddJob *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));
  g_return_if_fail (sort < CASEBOOK_N_SORTS);

  job = g_new0 (AddJob, 1);
  job->collection_id = collection_id;
  job->filter = filter != NULL ? casebook_filter_copy (filter) : NULL;
  job->sort = sort;
  job->lang = lang;
  add_async (self, job, cancellable, callback, user_data);
}

/**
 * casebook_store_add_ids_to_collection_async:
 * @case_ids: (array zero-terminated=1): ids of cases in the store; copied
 * @cancellable: (nullable): stops it before it starts writing
 * @callback: called on this thread's main context when it is over
 *
 * Does what casebook_store_add_to_collection() does at the end of the
 * collection, on a worker thread with a connection of its own; finish it
 * with casebook_store_add_to_collection_finish().
 */
void
casebook_store_add_ids_to_collection_async (CasebookStore       *self,
                                            gint64               collection_id,
                                            const char * const  *case_ids,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  AddJob *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));
  g_return_if_fail (case_ids != NULL);

  job = g_new0 (AddJob, 1);
  job->collection_id = collection_id;
  job->ids = g_strdupv ((char **) case_ids);
  add_async (self, job, cancellable, callback, user_data);
}

/**
 * casebook_store_add_to_collection_finish:
 * @result: what casebook_store_add_matching_to_collection_async() or
 *   casebook_store_add_ids_to_collection_async() gave
 * @n_added: (out) (optional): how many were not in the collection yet
 *
 * Returns: %TRUE if the cases are in the collection; on %FALSE the store
 *   is as it was
 */
gboolean
casebook_store_add_to_collection_finish (CasebookStore  *self,
                                                  GAsyncResult   *result,
                                                  guint          *n_added,
                                                  GError        **error)
{
  guint *added;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  added = g_task_get_task_data (G_TASK (result));
  if (n_added != NULL && added != NULL)
    *n_added = *added;
  return TRUE;
}

/**
 * casebook_store_find_own:
 * @ids: (array zero-terminated=1): case ids
 * @n_other: (out) (optional): how many of @ids are cases of the store
 *   that are not the person's own (bundled or subscribed)
 *
 * Which of @ids are the person's own cases, which can be changed and
 * deleted, in one query, without making a case of any: what Delete needs
 * to know of a selection of many. Ids not in the store are passed over.
 *
 * Returns: (transfer full) (element-type utf8): the own cases' ids, in the
 *   order of @ids; %NULL on error
 */
GPtrArray *
casebook_store_find_own (CasebookStore       *self,
                         const char * const  *ids,
                         guint               *n_other,
                         GError             **error)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  guint other = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  if (n_other != NULL)
    *n_other = 0;

  /* The ids go to SQLite as one bound JSON array, never into the SQL. */
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  stmt = _casebook_store_prepare (self,
                                  "SELECT c.id, " CASEBOOK_STORE_ORIGIN_SQL ("c") " FROM json_each(?1) j "
                                  "JOIN cases c ON c.id = j.value ORDER BY j.key",
                                  error);
  if (stmt == NULL)
    return NULL;
  _casebook_store_bind_text (stmt, 1, json);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (_casebook_store_origin_from_text (_casebook_store_column_text (stmt, 1)) == CASEBOOK_ORIGIN_OWN)
        g_ptr_array_add (own, g_strdup (_casebook_store_column_text (stmt, 0)));
      else
        other++;
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not look up a case"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (n_other != NULL)
    *n_other = other;
  return g_steal_pointer (&own);
}
