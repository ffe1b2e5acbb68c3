/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-case-list-private.h"
#include "casebook-store-matching.h"
#include "casebook-store-read.h"

/* The cases at some positions of a case list, found without reading its
 * rows: a selection of 100,000 rows kept as positions becomes ids on a
 * worker thread, with a reader of its own, for the rows as they were when
 * it was asked; if the list's rows are replaced meanwhile, the ids would
 * be of other rows than those selected, and none are given. */

typedef struct
{
  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  GPtrArray      *results; /* while searching: the rows, ranked */
  GArray         *runs;    /* guint pairs: first position, how many */
  guint64         serial;
  GPtrArray      *ids;
} IdsJob;

static void
ids_job_free (IdsJob *job)
{
  g_clear_object (&job->filter);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_clear_pointer (&job->runs, g_array_unref);
  g_clear_pointer (&job->ids, g_ptr_array_unref);
  g_free (job);
}

/* On the worker thread. */
static gboolean
ids_read (CasebookStore  *reader,
          gpointer        data,
          GCancellable   *cancellable,
          GError        **error)
{
  IdsJob *job = data;
  const guint *runs = (const guint *) job->runs->data;
  guint n_runs = job->runs->len / 2;

  if (job->results == NULL)
    {
      job->ids = casebook_store_list_ids (reader, job->filter, job->sort, job->lang, runs, n_runs, error);
      return job->ids != NULL;
    }

  /* A search's rows are all at hand, a thousand at most. */
  job->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_runs; i++)
    for (guint64 p = runs[2 * i]; p < (guint64) runs[2 * i] + runs[2 * i + 1] && p < job->results->len; p++)
      g_ptr_array_add (job->ids, g_strdup (casebook_case_summary_get_id (g_ptr_array_index (job->results, p))));

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
ids_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CasebookCaseList *self = g_task_get_source_object (task);
  IdsJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint64 serial = 0;

  if (casebook_store_read_finish (CASEBOOK_STORE (source), result, &error) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _casebook_case_list_get_shown (self, NULL, NULL, NULL, NULL, &serial);
  if (serial != job->serial)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The list changed before the selected cases were found"));
      return;
    }

  g_ptr_array_add (job->ids, NULL);
  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&job->ids), FALSE), (GDestroyNotify) g_strfreev);
}

/**
 * casebook_case_list_get_ids_async:
 * @runs: (array length=n_runs): pairs of a first position and a number of
 *   rows, increasing and not overlapping; copied
 * @n_runs: the number of pairs
 * @cancellable: (nullable): stops it
 *
 * Finds the ids of the cases at these positions of the rows the list
 * shows now, in their order, on a worker thread with a reader of its own
 * (from the search results the list holds, while it searches). The
 * calling thread reads no row and makes no summary, however many
 * positions there are.
 */
void
casebook_case_list_get_ids_async (CasebookCaseList    *self,
                                  const guint         *runs,
                                  guint                n_runs,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CasebookFilter *filter = NULL;
  CasebookStore *store = NULL;
  GPtrArray *results = NULL;
  IdsJob *job;

  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));
  g_return_if_fail (runs != NULL || n_runs == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, casebook_case_list_get_ids_async);

  job = g_new0 (IdsJob, 1);
  job->runs = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_runs * 2);
  g_array_append_vals (job->runs, runs, n_runs * 2);
  g_task_set_task_data (task, job, (GDestroyNotify) ids_job_free);

  if (!_casebook_case_list_get_shown (self, &filter, &job->sort, &job->lang, &results, &job->serial))
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      return;
    }
  job->filter = casebook_filter_copy (filter);
  job->results = results != NULL ? g_ptr_array_ref (results) : NULL;

  store = _casebook_case_list_get_store (self);
  casebook_store_read_async (store, ids_read, job, NULL, cancellable, ids_done, g_steal_pointer (&task));
}

/**
 * casebook_case_list_get_ids_finish:
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids, in the
 *   list's order; %NULL with %G_IO_ERROR_CANCELLED when it was cancelled
 *   or the list's rows were replaced before the ids came (they would be
 *   those of other rows)
 */
char **
casebook_case_list_get_ids_finish (CasebookCaseList  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * casebook_case_list_get_listing:
 * @filter: (out) (transfer none) (optional): which cases the rows are
 * @sort: (out) (optional): their order
 * @lang: (out) (optional): the language of the order
 *
 * What the rows shown are, as a listing of the store that
 * casebook_store_list() and casebook_store_add_matching_to_collection()
 * give in the same order: for acting on every row without reading them.
 *
 * Returns: %FALSE while the list shows search results (ranked, the best
 *   ones only), or none yet, or only the first of its rows
 */
gboolean
casebook_case_list_get_listing (CasebookCaseList  *self,
                                CasebookFilter   **filter,
                                CasebookSort      *sort,
                                CasebookLang      *lang)
{
  GPtrArray *results = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);

  if (!_casebook_case_list_get_shown (self, filter, sort, lang, &results, NULL) || results != NULL)
    return FALSE;

  return g_list_model_get_n_items (G_LIST_MODEL (self)) == casebook_case_list_get_n_matches (self);
}

/**
 * casebook_case_list_get_shown:
 * @filter: (out) (transfer none) (optional): which cases the rows are
 * @sort: (out) (optional): their order
 * @lang: (out) (optional): the language of the order
 * @results: (out) (transfer none) (optional): while searching, the rows
 *   (ranked), else %NULL
 * @serial: (out) (optional): changes whenever the rows are replaced
 *
 * What the rows shown are, for reading the cases at some positions
 * elsewhere (on a worker thread) without reading the rows: the listing of
 * the store they are, or the search results the list holds; and a number
 * that tells, later, whether those positions still name the same rows.
 *
 * Returns: %FALSE when the list shows no rows of a store yet
 */
gboolean
casebook_case_list_get_shown (CasebookCaseList  *self,
                              CasebookFilter   **filter,
                              CasebookSort      *sort,
                              CasebookLang      *lang,
                              GPtrArray        **results,
                              guint64           *serial)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);

  return _casebook_case_list_get_shown (self, filter, sort, lang, results, serial);
}
