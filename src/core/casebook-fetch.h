/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CASEBOOK_FETCH_ERROR (casebook_fetch_error_quark ())

/**
 * CasebookFetchError:
 * @CASEBOOK_FETCH_ERROR_URL: not an http, https or file URL, or malformed
 * @CASEBOOK_FETCH_ERROR_NETWORK: the host could not be found or reached,
 *   or the connection broke
 * @CASEBOOK_FETCH_ERROR_TIMEOUT: no answer, or the body stopped coming,
 *   within the time allowed
 * @CASEBOOK_FETCH_ERROR_TLS: the server's certificate could not be
 *   trusted, or the secure connection failed
 * @CASEBOOK_FETCH_ERROR_HTTP_STATUS: the server answered with a status
 *   other than success or "not modified"
 * @CASEBOOK_FETCH_ERROR_REDIRECTS: too many redirects, or a redirect loop
 * @CASEBOOK_FETCH_ERROR_TOO_BIG: larger than the importer's limit
 *   (%CASEBOOK_JSON_MAX_FILE_SIZE)
 * @CASEBOOK_FETCH_ERROR_CONTENT_TYPE: the server sent something that is
 *   not JSON, such as a web page
 * @CASEBOOK_FETCH_ERROR_NOT_FOUND: a file:// URL names no file
 * @CASEBOOK_FETCH_ERROR_NOT_REGULAR: a file:// URL names a folder, a
 *   device, a pipe or a socket
 * @CASEBOOK_FETCH_ERROR_IO: reading a file:// URL or writing the
 *   temporary file failed
 *
 * Why a fetch failed. A cancelled fetch fails with %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  CASEBOOK_FETCH_ERROR_URL,
  CASEBOOK_FETCH_ERROR_NETWORK,
  CASEBOOK_FETCH_ERROR_TIMEOUT,
  CASEBOOK_FETCH_ERROR_TLS,
  CASEBOOK_FETCH_ERROR_HTTP_STATUS,
  CASEBOOK_FETCH_ERROR_REDIRECTS,
  CASEBOOK_FETCH_ERROR_TOO_BIG,
  CASEBOOK_FETCH_ERROR_CONTENT_TYPE,
  CASEBOOK_FETCH_ERROR_NOT_FOUND,
  CASEBOOK_FETCH_ERROR_NOT_REGULAR,
  CASEBOOK_FETCH_ERROR_IO,
} CasebookFetchError;

/* What a fetch brings back. When the source is unchanged since @etag /
 * @last_modified were given, get_not_modified() is %TRUE and get_path()
 * is %NULL; otherwise get_path() is a temporary file holding the whole
 * body (at most %CASEBOOK_JSON_MAX_FILE_SIZE bytes), which
 * casebook_fetch_result_free() deletes, so a caller imports it before
 * freeing the result. get_etag() and get_last_modified() are the
 * validators to keep for the next fetch (either may be %NULL; for a
 * file:// URL they are made from the file's size and modification time),
 * and get_url() is the URL finally read, after redirects.
 *
 * Every error message names the URL (casebook_fetch_describe_url()) and
 * the reason, translated. */
typedef struct _CasebookFetchResult CasebookFetchResult;

GQuark               casebook_fetch_error_quark        (void);

CasebookFetchResult *casebook_fetch                    (const char           *url,
                                                        const char           *etag,
                                                        const char           *last_modified,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 casebook_fetch_async              (const char           *url,
                                                        const char           *etag,
                                                        const char           *last_modified,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CasebookFetchResult *casebook_fetch_finish             (GAsyncResult         *result,
                                                        GError              **error);

gboolean             casebook_fetch_result_get_not_modified  (const CasebookFetchResult *result);
const char          *casebook_fetch_result_get_path          (const CasebookFetchResult *result);
const char          *casebook_fetch_result_get_etag          (const CasebookFetchResult *result);
const char          *casebook_fetch_result_get_last_modified (const CasebookFetchResult *result);
const char          *casebook_fetch_result_get_url           (const CasebookFetchResult *result);
void                 casebook_fetch_result_free              (CasebookFetchResult       *result);

/* @url shortened and cleaned of control characters, for a message. */
char                *casebook_fetch_describe_url       (const char           *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookFetchResult, casebook_fetch_result_free)

G_END_DECLS
