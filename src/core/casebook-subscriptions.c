/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "casebook-fetch.h"
#include "casebook-file-io.h"
#include "casebook-json.h"
#include "casebook-store-private.h"
#include "casebook-store-subscriptions.h"

/* Fetching a subscription and applying it: casebook-fetch.c brings the
 * file (or learns it is unchanged), the strict reader of --import checks
 * all of it, and the store changes in one transaction
 * (_casebook_store_apply_subscription_cases()), so that any fault in the
 * file leaves the store as it was.
 *
 * As in an import, the cases are never all in memory at once: the syntax
 * pass finds where each case lies, and the apply parses, checks and
 * writes one case at a time. Unlike an import, the file (our own
 * temporary copy) is mapped rather than read, and the pages already gone
 * through are given back: memory holds the file only during the syntax
 * pass, and then only the case at hand next to SQLite's cache. A
 * download made for a preview (casebook_subscription_download()) checks
 * every case first, keeping only what the preview shows of each (its id
 * and title); the apply reads the fetched file again. */

/* What the preview shows of each case; the strings are in the
 * download's chunk. */
typedef struct
{
  const char   *id;
  CasebookText  title;
} PreviewEntry;

struct _CasebookSubscriptionDownload
{
  char                *url;
  char                *name;        /* the URL as messages give it */
  char                *etag;
  char                *last_modified;
  gboolean             not_modified;
  CasebookFetchResult *fetched;     /* the temporary file, until applied */
  GMappedFile         *mapped;      /* the file's bytes, while @stream reads them */
  gsize                released;    /* up to where their pages were given back */
  CasebookJsonStream  *stream;      /* unread, when the apply is to check the cases */
  CasebookDocument    *header;      /* everything fetched but the cases */
  guint                n_cases;
  GArray              *entries;     /* PreviewEntry, when checked ahead */
  GStringChunk        *strings;
};

void
casebook_subscription_download_free (CasebookSubscriptionDownload *download)
{
  if (download == NULL)
    return;

  g_free (download->url);
  g_free (download->name);
  g_free (download->etag);
  g_free (download->last_modified);
  g_clear_pointer (&download->stream, casebook_json_stream_free);
  g_clear_pointer (&download->mapped, g_mapped_file_unref);
  g_clear_pointer (&download->fetched, casebook_fetch_result_free);
  g_clear_object (&download->header);
  g_clear_pointer (&download->entries, g_array_unref);
  g_clear_pointer (&download->strings, g_string_chunk_free);
  g_free (download);
}

const char *
casebook_subscription_download_get_url (CasebookSubscriptionDownload *download)
{
  g_return_val_if_fail (download != NULL, NULL);
  return download->url;
}

gboolean
casebook_subscription_download_get_not_modified (CasebookSubscriptionDownload *download)
{
  g_return_val_if_fail (download != NULL, FALSE);
  return download->not_modified;
}

/**
 * casebook_subscription_download_get_title:
 *
 * Returns: (transfer none) (nullable): the collection's title; %NULL when
 *   the source was not modified or the file gives none
 */
const CasebookText *
casebook_subscription_download_get_title (CasebookSubscriptionDownload *download)
{
  g_return_val_if_fail (download != NULL, NULL);
  return download->header != NULL ? casebook_document_get_title (download->header) : NULL;
}

/**
 * casebook_subscription_download_get_publisher:
 *
 * Returns: (transfer none) (nullable): who publishes the collection
 */
const CasebookText *
casebook_subscription_download_get_publisher (CasebookSubscriptionDownload *download)
{
  g_return_val_if_fail (download != NULL, NULL);
  return download->header != NULL ? casebook_document_get_publisher (download->header) : NULL;
}

/**
 * casebook_subscription_download_get_n_cases:
 *
 * Returns: how many cases the file holds; 0 when not modified
 */
guint
casebook_subscription_download_get_n_cases (CasebookSubscriptionDownload *download)
{
  g_return_val_if_fail (download != NULL, 0);
  return download->n_cases;
}

/**
 * casebook_subscription_download_get_case_id:
 * @index: less than casebook_subscription_download_get_n_cases()
 *
 * Only for a download from casebook_subscription_download(), which
 * keeps the id and title of each case for the preview.
 *
 * Returns: (transfer none): the id of case @index of the file
 */
const char *
casebook_subscription_download_get_case_id (CasebookSubscriptionDownload *download,
                                            guint                         index)
{
  g_return_val_if_fail (download != NULL, NULL);
  g_return_val_if_fail (download->entries != NULL && index < download->entries->len, NULL);
  return g_array_index (download->entries, PreviewEntry, index).id;
}

/**
 * casebook_subscription_download_get_case_title:
 * @index: less than casebook_subscription_download_get_n_cases()
 *
 * Returns: (transfer none): the title of case @index of the file
 */
const CasebookText *
casebook_subscription_download_get_case_title (CasebookSubscriptionDownload *download,
                                               guint                         index)
{
  g_return_val_if_fail (download != NULL, NULL);
  g_return_val_if_fail (download->entries != NULL && index < download->entries->len, NULL);
  return &g_array_index (download->entries, PreviewEntry, index).title;
}

/* Fetches @url; the body stays in the temporary file. */
static CasebookSubscriptionDownload *
download_fetch (const char    *url,
                const char    *etag,
                const char    *last_modified,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(CasebookSubscriptionDownload) download = NULL;
  g_autoptr(CasebookFetchResult) fetched = NULL;

  fetched = casebook_fetch (url, etag, last_modified, cancellable, error);
  if (fetched == NULL)
    return NULL;

  download = g_new0 (CasebookSubscriptionDownload, 1);
  download->url = g_strdup (url);
  download->name = casebook_fetch_describe_url (url);
  download->etag = g_strdup (casebook_fetch_result_get_etag (fetched));
  download->last_modified = g_strdup (casebook_fetch_result_get_last_modified (fetched));
  download->not_modified = casebook_fetch_result_get_not_modified (fetched);
  if (!download->not_modified)
    download->fetched = g_steal_pointer (&fetched);

  return g_steal_pointer (&download);
}

/* Every page of the mapping a step (RELEASE_STEP) or more before
 * @offset goes back to the system; reading them again would fault them
 * in from the page cache. The mapping is private and read-only, so
 * nothing is lost. */
#define RELEASE_STEP ((gsize) 4 << 20)

static void
download_release_before (CasebookSubscriptionDownload *download,
                         gsize                         offset)
{
#ifdef MADV_DONTNEED
  char *base = download->mapped != NULL ? g_mapped_file_get_contents (download->mapped) : NULL;
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize end;

  if (base == NULL)
    return;

  offset = MIN (offset, g_mapped_file_get_length (download->mapped));
  end = offset / page * page;
  if (end < download->released + RELEASE_STEP && offset < g_mapped_file_get_length (download->mapped))
    return;

  if (end > download->released)
    madvise (base + download->released, end - download->released, MADV_DONTNEED);
  download->released = end;
#endif
}

/* Maps the fetched file, checks its syntax and everything but its cases,
 * and leaves the cases to be read from the stream. */
static gboolean
download_open (CasebookSubscriptionDownload  *download,
               GError                       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CasebookDocument) header = NULL;
  g_autoptr(GMappedFile) mapped = NULL;

  g_clear_pointer (&download->stream, casebook_json_stream_free);
  g_clear_pointer (&download->mapped, g_mapped_file_unref);

  /* The fetch already held the body to the importer's limit; the bounded
   * map holds it again, as --import does, rather than trust the file. */
  file = g_file_new_for_path (casebook_fetch_result_get_path (download->fetched));
  mapped = casebook_file_map_bounded (file, CASEBOOK_JSON_MAX_FILE_SIZE, error);
  if (mapped == NULL)
    return FALSE;

  download->stream = casebook_json_stream_open (g_mapped_file_get_contents (mapped),
                                                g_mapped_file_get_length (mapped),
                                                download->name, &header, error);
  if (download->stream == NULL)
    return FALSE;

  download->mapped = g_steal_pointer (&mapped);
  g_set_object (&download->header, header);
  download->n_cases = casebook_json_stream_get_n_cases (download->stream);

  /* The syntax pass has been through every page; the cases are read
   * from the first again, a page at a time. */
  download->released = 0;
  download_release_before (download, G_MAXSIZE);
  download->released = 0;
  return TRUE;
}

/* The next case, for the apply, giving back the pages of those before. */
static CasebookCase *
download_read_case (CasebookSubscriptionDownload  *download,
                    guint                          index,
                    GError                       **error)
{
  download_release_before (download, casebook_json_stream_get_case_offset (download->stream, index));
  return casebook_json_stream_read_case (download->stream, index, error);
}

/* Fetches @url and makes it ready to apply without reading its cases:
 * the apply checks each as it writes it. */
static CasebookSubscriptionDownload *
download_for_apply (const char    *url,
                    const char    *etag,
                    const char    *last_modified,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(CasebookSubscriptionDownload) download = NULL;

  download = download_fetch (url, etag, last_modified, cancellable, error);
  if (download == NULL)
    return NULL;
  if (download->not_modified)
    return g_steal_pointer (&download);

  if (!download_open (download, error))
    return NULL;

  /* The mapping keeps the bytes; the temporary file's name need not. */
  g_clear_pointer (&download->fetched, casebook_fetch_result_free);
  return g_steal_pointer (&download);
}

/**
 * casebook_subscription_download:
 * @url: an http, https or file URL
 * @etag: (nullable): the validator of the last fetch, for a conditional request
 * @last_modified: (nullable): likewise
 *
 * Fetches @url and reads it as --import reads a file, blocking: for the
 * command line and worker threads. Messages name the URL. Every case is
 * checked, but only its id and title are kept, for a preview; the
 * fetched file stays until the download is freed, and
 * casebook_store_apply_download() reads it again.
 *
 * Returns: (transfer full) (nullable): what was fetched
 */
CasebookSubscriptionDownload *
casebook_subscription_download (const char    *url,
                                const char    *etag,
                                const char    *last_modified,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(CasebookSubscriptionDownload) download = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  download = download_fetch (url, etag, last_modified, cancellable, error);
  if (download == NULL)
    return NULL;
  if (download->not_modified)
    return g_steal_pointer (&download);

  if (!download_open (download, error))
    return NULL;

  download->entries = g_array_sized_new (FALSE, FALSE, sizeof (PreviewEntry), download->n_cases);
  download->strings = g_string_chunk_new (4096);

  for (guint i = 0; i < download->n_cases; i++)
    {
      g_autoptr(CasebookCase) c = download_read_case (download, i, error);
      const CasebookText *title;
      PreviewEntry entry = { NULL, };

      if (c == NULL)
        return NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      title = casebook_case_get_title (c);
      entry.id = g_string_chunk_insert (download->strings, casebook_case_get_id (c));
      if (title != NULL && title->zh != NULL)
        entry.title.zh = g_string_chunk_insert (download->strings, title->zh);
      if (title != NULL && title->en != NULL)
        entry.title.en = g_string_chunk_insert (download->strings, title->en);
      g_array_append_val (download->entries, entry);
    }

  /* Checked; the apply reads the file again. */
  g_clear_pointer (&download->stream, casebook_json_stream_free);
  g_clear_pointer (&download->mapped, g_mapped_file_unref);

  return g_steal_pointer (&download);
}

typedef struct
{
  char *url;
  char *etag;
  char *last_modified;
} DownloadJob;

static void
download_job_free (DownloadJob *job)
{
  g_free (job->url);
  g_free (job->etag);
  g_free (job->last_modified);
  g_free (job);
}

static void
download_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DownloadJob *job = task_data;
  GError *error = NULL;
  CasebookSubscriptionDownload *download;

  download = casebook_subscription_download (job->url, job->etag, job->last_modified, cancellable, &error);
  if (download == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, download, (GDestroyNotify) casebook_subscription_download_free);
}

/**
 * casebook_subscription_download_async:
 *
 * casebook_subscription_download() on a worker thread; @callback runs on
 * the caller's main context.
 */
void
casebook_subscription_download_async (const char          *url,
                                      const char          *etag,
                                      const char          *last_modified,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DownloadJob *job;

  g_return_if_fail (url != NULL);

  job = g_new0 (DownloadJob, 1);
  job->url = g_strdup (url);
  job->etag = g_strdup (etag);
  job->last_modified = g_strdup (last_modified);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, casebook_subscription_download_async);
  g_task_set_task_data (task, job, (GDestroyNotify) download_job_free);
  g_task_run_in_thread (task, download_thread);
}

/**
 * casebook_subscription_download_finish:
 *
 * Returns: (transfer full) (nullable): what was fetched
 */
CasebookSubscriptionDownload *
casebook_subscription_download_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static CasebookCase *
case_from_download (gpointer   source,
                    guint      index,
                    GError   **error)
{
  return download_read_case (source, index, error);
}

/**
 * casebook_store_apply_download:
 *
 * Applies @download (as casebook_store_apply_subscription() does), reading
 * its cases one at a time; a case the reader refuses leaves the store as
 * it was, and the message names the URL and `cases[N]`.
 */
gboolean
casebook_store_apply_download (CasebookStore                *self,
                               CasebookSubscriptionDownload *download,
                               CasebookSubscriptionChanges  *changes,
                               GError                      **error)
{
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (download != NULL, FALSE);

  if (download->not_modified)
    return _casebook_store_apply_subscription_cases (self, download->url, NULL, NULL, NULL, 0,
                                                     download->etag, download->last_modified,
                                                     changes, error);

  /* A stream is read once: a download checked for a preview, or applied
   * before, reads its file again. */
  g_return_val_if_fail (download->stream != NULL || download->fetched != NULL, FALSE);
  if (download->stream == NULL && !download_open (download, error))
    return FALSE;

  ok = _casebook_store_apply_subscription_cases (self, download->url, download->header,
                                                 case_from_download, download, download->n_cases,
                                                 download->etag, download->last_modified, changes, error);

  g_clear_pointer (&download->stream, casebook_json_stream_free);
  g_clear_pointer (&download->mapped, g_mapped_file_unref);
  return ok;
}

typedef struct
{
  CasebookSubscriptionDownload *download;
  CasebookSubscriptionChanges   changes;
  GAsyncReadyCallback           callback;
  gpointer                      user_data;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  casebook_subscription_download_free (job->download);
  casebook_subscription_changes_clear (&job->changes);
  g_free (job);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) writer = NULL;

  writer = _casebook_store_open_writer (source_object, &error);
  if (writer == NULL || !casebook_store_apply_download (writer, job->download, &job->changes, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* On the caller's thread: the store's connection learns of the change
 * before the caller hears of it. */
static void
apply_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ApplyJob *job = g_task_get_task_data (G_TASK (result));

  _casebook_store_mark_changed (CASEBOOK_STORE (source));

  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

/**
 * casebook_store_apply_download_async:
 * @download: (transfer full): what to apply
 *
 * casebook_store_apply_download() on a worker thread, with its own
 * reader-writer connection as casebook_store_import_async() does: the
 * cases are read and checked again as they are written, which for a large
 * collection takes seconds. @callback runs on the caller's main context,
 * after the store has said it changed.
 */
void
casebook_store_apply_download_async (CasebookStore                *self,
                                     CasebookSubscriptionDownload *download,
                                     GAsyncReadyCallback           callback,
                                     gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ApplyJob *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));
  g_return_if_fail (download != NULL);

  job = g_new0 (ApplyJob, 1);
  job->download = download;
  job->callback = callback;
  job->user_data = user_data;

  task = g_task_new (self, NULL, apply_done, NULL);
  g_task_set_source_tag (task, casebook_store_apply_download_async);
  g_task_set_task_data (task, job, (GDestroyNotify) apply_job_free);

  if (!_casebook_store_check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, apply_thread);
}

/* The end of a job on a worker thread that applied a subscription: its
 * changes go to the caller, who frees them. */
static gboolean
finish_changes (GAsyncResult                 *result,
                CasebookSubscriptionChanges  *job_changes,
                CasebookSubscriptionChanges  *changes,
                GError                      **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (changes != NULL)
    {
      *changes = *job_changes;
      memset (job_changes, 0, sizeof *job_changes);
    }
  return TRUE;
}

/**
 * casebook_store_apply_download_finish:
 * @changes: (out caller-allocates) (optional): what changed; free its
 *   contents with casebook_subscription_changes_clear()
 */
gboolean
casebook_store_apply_download_finish (CasebookStore                *self,
                                      GAsyncResult                 *result,
                                      CasebookSubscriptionChanges  *changes,
                                      GError                      **error)
{
  ApplyJob *job;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  return finish_changes (result, &job->changes, changes, error);
}

/**
 * casebook_subscriptions_subscribe:
 * @url: an http, https or file URL
 * @changes: (out caller-allocates) (optional): what was added
 *
 * Returns: %TRUE if the store now has the subscription and its cases;
 *   %FALSE with the store unchanged
 */
gboolean
casebook_subscriptions_subscribe (CasebookStore                *self,
                                  const char                   *url,
                                  GCancellable                 *cancellable,
                                  CasebookSubscriptionChanges  *changes,
                                  GError                      **error)
{
  g_autoptr(CasebookSubscription) existing = NULL;
  g_autoptr(CasebookSubscriptionDownload) download = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  existing = casebook_store_find_subscription (self, url, &local_error);
  if (existing != NULL)
    {
      g_autofree char *name = casebook_fetch_describe_url (url);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_EXISTS,
                   _("Already subscribed to %s"), name);
      return FALSE;
    }
  if (!g_error_matches (local_error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  download = download_for_apply (url, NULL, NULL, cancellable, error);
  if (download == NULL)
    return FALSE;

  /* Asked without validators, a source has nothing to call unchanged. */
  if (download->not_modified)
    {
      g_autofree char *name = casebook_fetch_describe_url (url);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
                   _("%s answered “not modified” to a first request"), name);
      return FALSE;
    }

  return casebook_store_apply_download (self, download, changes, error);
}

/* Fetches and applies, recording a failure; @self may be a worker's own
 * connection. */
static gboolean
refresh_one (CasebookStore                *self,
             const char                   *url,
             GCancellable                 *cancellable,
             CasebookSubscriptionChanges  *changes,
             GError                      **error)
{
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autoptr(CasebookSubscriptionDownload) download = NULL;
  g_autoptr(GError) local_error = NULL;

  sub = casebook_store_find_subscription (self, url, error);
  if (sub == NULL)
    return FALSE;

  /* A subscription never fetched successfully asks for the whole file. */
  download = download_for_apply (url,
                                 casebook_subscription_get_fetched_at (sub) != NULL
                                 ? casebook_subscription_get_etag (sub) : NULL,
                                 casebook_subscription_get_fetched_at (sub) != NULL
                                 ? casebook_subscription_get_last_modified (sub) : NULL,
                                 cancellable, &local_error);
  if (download != NULL &&
      casebook_store_apply_download (self, download, changes, &local_error))
    return TRUE;

  /* Being stopped is not a failure of the source. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    casebook_store_note_subscription_failure (self, url, local_error->message, NULL);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * casebook_subscriptions_refresh_one:
 * @url: a subscription's URL
 * @changes: (out caller-allocates) (optional): what changed
 *
 * Fetches @url with a conditional request and applies it. On failure the
 * subscription keeps its cases, and the failure is recorded on it.
 */
gboolean
casebook_subscriptions_refresh_one (CasebookStore                *self,
                                    const char                   *url,
                                    GCancellable                 *cancellable,
                                    CasebookSubscriptionChanges  *changes,
                                    GError                      **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  return refresh_one (self, url, cancellable, changes, error);
}

typedef struct
{
  char                        *url;
  CasebookSubscriptionChanges  changes;
  GAsyncReadyCallback          callback;
  gpointer                     user_data;
} RefreshJob;

static void
refresh_job_free (RefreshJob *job)
{
  g_free (job->url);
  casebook_subscription_changes_clear (&job->changes);
  g_free (job);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) writer = NULL;

  writer = _casebook_store_open_writer (source_object, &error);
  if (writer == NULL || !refresh_one (writer, job->url, cancellable, &job->changes, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* On the caller's thread: the store's connection learns of the change
 * (a failure is recorded too) before the caller hears of it. */
static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefreshJob *job = g_task_get_task_data (G_TASK (result));

  _casebook_store_mark_changed (CASEBOOK_STORE (source));

  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

void
casebook_subscriptions_refresh_one_async (CasebookStore       *self,
                                          const char          *url,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RefreshJob *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));
  g_return_if_fail (url != NULL);

  job = g_new0 (RefreshJob, 1);
  job->url = g_strdup (url);
  job->callback = callback;
  job->user_data = user_data;

  task = g_task_new (self, cancellable, refresh_done, NULL);
  g_task_set_source_tag (task, casebook_subscriptions_refresh_one_async);
  g_task_set_task_data (task, job, (GDestroyNotify) refresh_job_free);
  /* A commit that won the race with a late cancel is still a success. */
  g_task_set_check_cancellable (task, FALSE);

  if (!_casebook_store_check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, refresh_thread);
}

/**
 * casebook_subscriptions_refresh_one_finish:
 * @changes: (out caller-allocates) (optional): what changed; free its
 *   contents with casebook_subscription_changes_clear()
 */
gboolean
casebook_subscriptions_refresh_one_finish (CasebookStore                *self,
                                           GAsyncResult                 *result,
                                           CasebookSubscriptionChanges  *changes,
                                           GError                      **error)
{
  RefreshJob *job;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  return finish_changes (result, &job->changes, changes, error);
}
