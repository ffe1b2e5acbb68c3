/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fetch"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "casebook-fetch-private.h"
#include "casebook-test-util.h"


/* Fetching by URL, against servers in this process: a SoupServer on a
 * thread of its own for well-behaved and plainly wrong answers, and a
 * bare socket for servers that stall, trickle or never stop. The size
 * limit is made small (64 KiB); the tests of a server too slow make the
 * timeout 2 seconds (8 seconds in all), and the others keep the default,
 * so that a slow machine (valgrind) cannot turn their answer into a
 * timeout. */

#define TEST_TIMEOUT 2
#define TEST_MAX_BYTES (64 * 1024)
#define TEST_MAX_REDIRECTS 5

#define BODY "{\"casebook\": 1, \"cases\": []}\n"
#define ETAG "\"v1\""
#define LAST_MODIFIED "Sat, 05 Dec 2026 10:00:00 GMT"

/* Where every temporary file of a fetch goes (TMPDIR, set before GLib
 * first asks for it), so that a test can see nothing is left there. */
static char *fetch_tmpdir;

static void
assert_no_temp_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (fetch_tmpdir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "casebook-fetch-"))
      g_error ("a temporary file was left behind: %s", name);
}

/* Asserts that @error is @code and that its message names @url and holds
 * @part (and @part2, if given). */
static void
assert_fetch_error (const GError *error,
                    GQuark        domain,
                    int           code,
                    const char   *url,
                    const char   *part,
                    const char   *part2)
{
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  if (url != NULL && strstr (error->message, url) == NULL)
    g_error ("the message does not name %s: %s", url, error->message);
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("the message does not say “%s”: %s", part, error->message);
  if (part2 != NULL && strstr (error->message, part2) == NULL)
    g_error ("the message does not say “%s”: %s", part2, error->message);
  assert_no_temp_files ();
}

/* The SoupServer ----------------------------------------------------------- */

typedef struct
{
  gboolean      https;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  guint         port;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  char         *seen_if_none_match;
  char         *seen_if_modified_since;
  guint         n_requests;
} TestServer;

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  TestServer *ts = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");

  g_mutex_lock (&ts->lock);
  g_free (ts->seen_if_none_match);
  g_free (ts->seen_if_modified_since);
  ts->seen_if_none_match = g_strdup (inm);
  ts->seen_if_modified_since = g_strdup (ims);
  ts->n_requests++;
  g_mutex_unlock (&ts->lock);

  if (strcmp (path, "/collection.json") == 0)
    {
      soup_message_headers_replace (response, "ETag", ETAG);
      soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);
      if (g_strcmp0 (inm, ETAG) == 0 || (inm == NULL && g_strcmp0 (ims, LAST_MODIFIED) == 0))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, BODY, strlen (BODY));
    }
  else if (strcmp (path, "/plain.json") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC, BODY, strlen (BODY));
    }
  else if (strcmp (path, "/page.html") == 0)
    {
      const char *page = "<!DOCTYPE html><html><body>Sign in</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (strcmp (path, "/image.png") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "\x89PNG", 4);
    }
  else if (strcmp (path, "/broken") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
    }
  else if (strcmp (path, "/big") == 0)
    {
      gsize size = TEST_MAX_BYTES * 2;
      char *body = g_malloc (size);

      memset (body, ' ', size);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
    }
  else if (strcmp (path, "/loop-a") == 0)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop-b");
    }
  else if (strcmp (path, "/loop-b") == 0)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop-a");
    }
  else if (g_str_has_prefix (path, "/chain/"))
    {
      /* /chain/N leads to /chain/N-1, and /chain/0 to the collection. */
      guint64 n = g_ascii_strtoull (path + strlen ("/chain/"), NULL, 10);
      g_autofree char *next = n > 0 ? g_strdup_printf ("/chain/%" G_GUINT64_FORMAT, n - 1)
                                    : g_strdup ("/collection.json");

      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, next);
    }
  else if (strcmp (path, "/to-ftp") == 0)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "ftp://127.0.0.1/collection.json");
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static gpointer
server_thread (gpointer data)
{
  TestServer *ts = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GSList *uris;

  casebook_test_unwatch_thread_leaks ();
  g_main_context_push_thread_default (ts->context);

  if (ts->https)
    {
      g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "fetch-self-signed.pem", NULL);

      certificate = g_tls_certificate_new_from_file (pem, &error);
      g_assert_no_error (error);
      server = soup_server_new ("tls-certificate", certificate, NULL);
    }
  else
    {
      server = soup_server_new (NULL, NULL);
    }
  soup_server_add_handler (server, NULL, handle, ts, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (ts->https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  g_mutex_lock (&ts->lock);
  ts->port = g_uri_get_port (uris->data);
  ts->ready = TRUE;
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (ts->loop);

  soup_server_disconnect (server);
  g_clear_object (&server);
  while (g_main_context_iteration (ts->context, FALSE))
    ;
  g_main_context_pop_thread_default (ts->context);
  casebook_test_watch_thread_leaks ();
  return NULL;
}

static TestServer *
test_server_start (gboolean https)
{
  TestServer *ts = g_new0 (TestServer, 1);

  ts->https = https;
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  g_mutex_init (&ts->lock);
  g_cond_init (&ts->cond);
  ts->thread = g_thread_new ("test-server", server_thread, ts);

  g_mutex_lock (&ts->lock);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->lock);
  g_mutex_unlock (&ts->lock);

  return ts;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
test_server_stop (TestServer *ts)
{
  g_main_context_invoke (ts->context, quit_loop, ts->loop);
  g_thread_join (ts->thread);
  g_main_loop_unref (ts->loop);
  g_main_context_unref (ts->context);
  g_mutex_clear (&ts->lock);
  g_cond_clear (&ts->cond);
  g_free (ts->seen_if_none_match);
  g_free (ts->seen_if_modified_since);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_stop)

static char *
test_server_url (TestServer *ts,
                 const char *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", ts->https ? "https" : "http", ts->port, path);
}

/* A bare server for the misbehaving ones -------------------------------- */

typedef enum
{
  RAW_SILENT,      /* reads the request and never answers */
  RAW_TRICKLE,     /* answers, then sends its body a byte a second */
  RAW_ENDLESS,     /* sends a chunked body that never ends */
  RAW_REDIRECT_ENDLESS, /* the same, as the body of a redirect */
} RawMode;

typedef struct
{
  RawMode  mode;
  GSocket *listener;
  guint    port;
  GThread *thread;
  GMutex   lock;
  GCond    cond;
  gboolean got_request;
  char    *location;     /* where RAW_REDIRECT_ENDLESS redirects */
} RawServer;

static gpointer
raw_thread (gpointer data)
{
  RawServer *rs = data;
  g_autoptr(GSocket) conn = NULL;
  g_autoptr(GString) request = g_string_new (NULL);
  char buffer[4096];

  conn = g_socket_accept (rs->listener, NULL, NULL);
  if (conn == NULL)
    return NULL;

  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_socket_receive (conn, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        return NULL;
      g_string_append_len (request, buffer, n);
    }

  g_mutex_lock (&rs->lock);
  rs->got_request = TRUE;
  g_cond_signal (&rs->cond);
  g_mutex_unlock (&rs->lock);

  switch (rs->mode)
    {
    case RAW_SILENT:
      /* Until the client gives up and closes. */
      while (g_socket_receive (conn, buffer, sizeof buffer, NULL, NULL) > 0)
        ;
      break;

    case RAW_TRICKLE:
      {
        const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 1000\r\n\r\n";

        if (g_socket_send (conn, head, strlen (head), NULL, NULL) < 0)
          break;
        while (g_socket_send (conn, " ", 1, NULL, NULL) == 1)
          g_usleep (G_USEC_PER_SEC);
      }
      break;

    case RAW_ENDLESS:
    case RAW_REDIRECT_ENDLESS:
      {
        g_autofree char *head = NULL;
        g_autofree char *chunk = NULL;
        gsize size = 16384;
        g_autoptr(GString) piece = g_string_new (NULL);

        if (rs->mode == RAW_ENDLESS)
          head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n");
        else
          head = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: %s\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n", rs->location);
        chunk = g_malloc (size);
        memset (chunk, ' ', size);
        g_string_printf (piece, "%zx\r\n", size);
        g_string_append_len (piece, chunk, size);
        g_string_append (piece, "\r\n");

        if (g_socket_send (conn, head, strlen (head), NULL, NULL) < 0)
          break;
        while (g_socket_send (conn, piece->str, piece->len, NULL, NULL) > 0)
          ;
      }
      break;
    }

  return NULL;
}

static RawServer *
raw_server_start (RawMode     mode,
                  const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  RawServer *rs = g_new0 (RawServer, 1);

  rs->mode = mode;
  rs->location = g_strdup (location);
  rs->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (rs->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (rs->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (rs->listener, &error);
  g_assert_no_error (error);
  rs->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_mutex_init (&rs->lock);
  g_cond_init (&rs->cond);
  rs->thread = g_thread_new ("test-raw-server", raw_thread, rs);

  return rs;
}

static void
raw_server_stop (RawServer *rs)
{
  /* The thread ends once the client has closed its side. */
  g_thread_join (rs->thread);
  g_socket_close (rs->listener, NULL);
  g_object_unref (rs->listener);
  g_mutex_clear (&rs->lock);
  g_cond_clear (&rs->cond);
  g_free (rs->location);
  g_free (rs);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawServer, raw_server_stop)

static char *
raw_server_url (RawServer *rs)
{
  return g_strdup_printf ("http://127.0.0.1:%u/collection.json", rs->port);
}

/* The URL of a port that was just free, and is closed again. */
static char *
closed_port_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  char *url;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/collection.json",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  return url;
}

/* HTTP ---------------------------------------------------------------------- */

static void
test_http_ok (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *url = test_server_url (ts, "/collection.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookFetchResult) result = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;

  result = casebook_fetch (url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (casebook_fetch_result_get_not_modified (result));
  g_assert_cmpstr (casebook_fetch_result_get_etag (result), ==, ETAG);
  g_assert_cmpstr (casebook_fetch_result_get_last_modified (result), ==, LAST_MODIFIED);
  g_assert_cmpstr (casebook_fetch_result_get_url (result), ==, url);
  g_assert_null (ts->seen_if_none_match);
  g_assert_null (ts->seen_if_modified_since);

  path = g_strdup (casebook_fetch_result_get_path (result));
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, fetch_tmpdir));
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, BODY, strlen (BODY));

  /* Freeing the result deletes its file. */
  g_clear_pointer (&result, casebook_fetch_result_free);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_temp_files ();
}

static void
test_http_text_plain (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *url = test_server_url (ts, "/plain.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookFetchResult) result = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  result = casebook_fetch (url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (casebook_fetch_result_get_path (result), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, BODY, strlen (BODY));
  g_assert_null (casebook_fetch_result_get_etag (result));
}

static void
test_http_not_modified (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *url = test_server_url (ts, "/collection.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookFetchResult) first = NULL;
  g_autoptr(CasebookFetchResult) by_etag = NULL;
  g_autoptr(CasebookFetchResult) by_date = NULL;
  g_autoptr(CasebookFetchResult) changed = NULL;

  first = casebook_fetch (url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* If-None-Match with the ETag the first fetch brought back. */
  by_etag = casebook_fetch (url, casebook_fetch_result_get_etag (first), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ts->seen_if_none_match, ==, casebook_fetch_result_get_etag (first));
  g_assert_null (ts->seen_if_modified_since);
  g_assert_true (casebook_fetch_result_get_not_modified (by_etag));
  g_assert_null (casebook_fetch_result_get_path (by_etag));
  g_assert_cmpstr (casebook_fetch_result_get_etag (by_etag), ==, ETAG);

  /* If-Modified-Since with the date it brought back. */
  by_date = casebook_fetch (url, NULL, casebook_fetch_result_get_last_modified (first), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ts->seen_if_none_match);
  g_assert_cmpstr (ts->seen_if_modified_since, ==, casebook_fetch_result_get_last_modified (first));
  g_assert_true (casebook_fetch_result_get_not_modified (by_date));
  g_assert_null (casebook_fetch_result_get_path (by_date));
  g_assert_cmpstr (casebook_fetch_result_get_last_modified (by_date), ==, LAST_MODIFIED);

  /* An ETag of another version brings the body. */
  changed = casebook_fetch (url, "\"v0\"", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ts->seen_if_none_match, ==, "\"v0\"");
  g_assert_false (casebook_fetch_result_get_not_modified (changed));
  g_assert_nonnull (casebook_fetch_result_get_path (changed));
  g_assert_cmpuint (ts->n_requests, ==, 4);
}

static void
test_http_status (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *missing = test_server_url (ts, "/missing.json");
  g_autofree char *broken = test_server_url (ts, "/broken");
  g_autoptr(GError) error = NULL;
  CasebookFetchResult *result;

  result = casebook_fetch (missing, NULL, NULL, NULL, &error);
  g_assert_null (result);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_HTTP_STATUS, missing,
                      "404 Not Found", "Check the address");
  g_clear_error (&error);

  result = casebook_fetch (broken, NULL, NULL, NULL, &error);
  g_assert_null (result);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_HTTP_STATUS, broken,
                      "500 Internal Server Error", "try again later");
}

static void
test_http_content_type (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *page = test_server_url (ts, "/page.html");
  g_autofree char *image = test_server_url (ts, "/image.png");
  g_autoptr(GError) error = NULL;
  CasebookFetchResult *result;

  result = casebook_fetch (page, NULL, NULL, NULL, &error);
  g_assert_null (result);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_CONTENT_TYPE, page,
                      "web page", "use the address of the file itself");
  g_clear_error (&error);

  result = casebook_fetch (image, NULL, NULL, NULL, &error);
  g_assert_null (result);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_CONTENT_TYPE, image,
                      "image/png", NULL);
}

static void
test_http_redirects (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *loop = test_server_url (ts, "/loop-a");
  g_autofree char *loop_back = test_server_url (ts, "/loop-a");
  g_autofree char *back_to = NULL;
  g_autofree char *within = test_server_url (ts, "/chain/3");
  g_autofree char *final = test_server_url (ts, "/collection.json");
  g_autofree char *too_many = test_server_url (ts, "/chain/9");
  g_autofree char *to_ftp = test_server_url (ts, "/to-ftp");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookFetchResult) result = NULL;

  g_assert_null (casebook_fetch (loop, NULL, NULL, NULL, &error));
  back_to = g_strdup_printf ("back to “%s”", loop_back);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS, loop,
                      "loop", back_to);
  g_clear_error (&error);

  /* Four redirects in all, within the limit of five. */
  result = casebook_fetch (within, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_fetch_result_get_url (result), ==, final);
  g_assert_nonnull (casebook_fetch_result_get_path (result));
  g_clear_pointer (&result, casebook_fetch_result_free);

  g_assert_null (casebook_fetch (too_many, NULL, NULL, NULL, &error));
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS, too_many,
                      "more than 5 times", NULL);
  g_clear_error (&error);

  g_assert_null (casebook_fetch (to_ftp, NULL, NULL, NULL, &error));
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS, to_ftp,
                      "ftp://127.0.0.1/collection.json", "not an http:// or https:// address");
}

static void
test_http_too_big (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *url = test_server_url (ts, "/big");
  g_autofree char *size = g_format_size_full (TEST_MAX_BYTES * 2, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit = g_format_size_full (TEST_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *said = g_strdup_printf ("is %s, larger than the limit of %s", size, limit);
  g_autoptr(GError) error = NULL;

  /* Refused on its Content-Length, before the body is read. */
  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TOO_BIG, url,
                      said, NULL);
}

static void
test_http_endless (void)
{
  g_autoptr(RawServer) rs = raw_server_start (RAW_ENDLESS, NULL);
  g_autofree char *url = raw_server_url (rs);
  g_autofree char *limit = g_format_size_full (TEST_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *said = g_strdup_printf ("passed the limit of %s", limit);
  g_autoptr(GError) error = NULL;

  /* No length is declared; the download stops as it passes the limit. */
  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TOO_BIG, url,
                      said, NULL);
}

static void
test_http_redirect_endless (void)
{
  g_autoptr(RawServer) rs = NULL;
  g_autofree char *url = NULL;
  g_autofree char *down = closed_port_url ();
  g_autoptr(GError) error = NULL;

  /* A redirect whose body never ends: it is left unread, and the fetch
   * goes on to where it leads (here a server that is down) at once,
   * well before the short deadline. */
  rs = raw_server_start (RAW_REDIRECT_ENDLESS, down);
  url = raw_server_url (rs);
  _casebook_fetch_set_limits (TEST_TIMEOUT, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);
  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  _casebook_fetch_set_limits (0, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NETWORK, url,
                      "refused the connection", NULL);
}

static void
test_http_no_headers (void)
{
  g_autoptr(RawServer) rs = raw_server_start (RAW_SILENT, NULL);
  g_autofree char *url = raw_server_url (rs);
  g_autofree char *said = g_strdup_printf ("did not answer within %u seconds", TEST_TIMEOUT);
  g_autoptr(GError) error = NULL;

  _casebook_fetch_set_limits (TEST_TIMEOUT, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);
  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  _casebook_fetch_set_limits (0, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TIMEOUT, url, said, NULL);
}

static void
test_http_trickle (void)
{
  g_autoptr(RawServer) rs = raw_server_start (RAW_TRICKLE, NULL);
  g_autofree char *url = raw_server_url (rs);
  g_autofree char *said = g_strdup_printf ("took longer than %u seconds", TEST_TIMEOUT * 4);
  g_autoptr(GError) error = NULL;

  /* A byte a second never lets the 2 seconds between reads pass: the
   * deadline of the whole fetch ends it. */
  _casebook_fetch_set_limits (TEST_TIMEOUT, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);
  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  _casebook_fetch_set_limits (0, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TIMEOUT, url, said, NULL);
}

static void
test_http_server_down (void)
{
  g_autofree char *url = closed_port_url ();
  g_autoptr(GError) error = NULL;

  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NETWORK, url,
                      "refused the connection", NULL);
}

static void
test_https_bad_certificate (void)
{
  g_autoptr(TestServer) ts = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking is not installed)");
      return;
    }

  ts = test_server_start (TRUE);
  url = test_server_url (ts, "/collection.json");

  /* Self-signed: its authority is trusted nowhere, and nothing in the
   * fetch may accept it anyway. */
  g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
  assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TLS, url,
                      "not signed by an authority this computer trusts",
                      "does not accept a certificate it cannot verify");
  g_assert_cmpuint (ts->n_requests, ==, 0);
}

typedef struct
{
  const char   *url;
  GCancellable *cancellable;
  GError       *error;
  CasebookFetchResult *result;
} BlockingFetch;

static gpointer
blocking_fetch_thread (gpointer data)
{
  BlockingFetch *bf = data;

  bf->result = casebook_fetch (bf->url, NULL, NULL, bf->cancellable, &bf->error);
  return NULL;
}

static void
test_http_cancel (void)
{
  g_autoptr(RawServer) rs = raw_server_start (RAW_SILENT, NULL);
  g_autofree char *url = raw_server_url (rs);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  BlockingFetch bf = { url, cancellable };
  GThread *thread;

  /* Cancelled before it starts. */
  {
    g_autoptr(GCancellable) already = g_cancellable_new ();

    g_cancellable_cancel (already);
    g_assert_null (casebook_fetch (url, NULL, NULL, already, &error));
    assert_fetch_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, url, "cancelled", NULL);
    g_clear_error (&error);
  }

  /* Cancelled while it waits for the answer. */
  thread = g_thread_new ("fetch", blocking_fetch_thread, &bf);
  g_mutex_lock (&rs->lock);
  while (!rs->got_request)
    g_cond_wait (&rs->cond, &rs->lock);
  g_mutex_unlock (&rs->lock);
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_null (bf.result);
  assert_fetch_error (bf.error, G_IO_ERROR, G_IO_ERROR_CANCELLED, url, "cancelled", NULL);
  g_clear_error (&bf.error);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *res,
            gpointer      data)
{
  CasebookFetchResult **result = data;
  g_autoptr(GError) error = NULL;

  *result = casebook_fetch_finish (res, &error);
  g_assert_no_error (error);
}

static void
test_http_async (void)
{
  g_autoptr(TestServer) ts = test_server_start (FALSE);
  g_autofree char *url = test_server_url (ts, "/collection.json");
  g_autoptr(CasebookFetchResult) result = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  casebook_fetch_async (url, NULL, NULL, NULL, on_fetched, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_file_get_contents (casebook_fetch_result_get_path (result), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, BODY, strlen (BODY));
}

/* URLs ---------------------------------------------------------------------- */

static void
test_url_refused (void)
{
  static const char *const urls[] = {
    "ftp://example.org/collection.json",
    "collection.json",
    "http://",
    "http://exa mple.org/c.json",
    "file://server.example.org/share/collection.json",
    "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (casebook_fetch (urls[i], NULL, NULL, NULL, &error));
      assert_fetch_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL, NULL, NULL, NULL);
      if (urls[i][0] != '\0' && strstr (error->message, urls[i]) == NULL)
        g_error ("the message does not name %s: %s", urls[i], error->message);
    }
}

static void
test_url_described (void)
{
  g_autofree char *control = casebook_fetch_describe_url ("https://example.org/a\x1b[31mred\n.json");
  g_autofree char *password = casebook_fetch_describe_url ("https://reader:s3cret@example.org/c.json");
  g_autoptr(GString) long_url = g_string_new ("https://example.org/");
  g_autofree char *shortened = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (strchr (control, '\x1b'));
  g_assert_null (strchr (control, '\n'));
  g_assert_nonnull (strstr (control, "example.org/a"));
  g_assert_null (strstr (password, "s3cret"));
  g_assert_nonnull (strstr (password, "reader@example.org/c.json"));

  for (int i = 0; i < 1000; i++)
    g_string_append (long_url, "folder/");
  g_string_append (long_url, "collection.json");
  shortened = casebook_fetch_describe_url (long_url->str);
  g_assert_cmpint (g_utf8_strlen (shortened, -1), <=, 120);
  g_assert_true (g_str_has_prefix (shortened, "https://example.org/"));
  g_assert_true (g_str_has_suffix (shortened, "collection.json"));

  /* And an error message shows it so. */
  g_assert_null (casebook_fetch ("gopher://example.org/a\x1b[31m", NULL, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL);
  g_assert_null (strchr (error->message, '\x1b'));
}

/* file:// ----------------------------------------------------------------- */

static void
test_file_ok (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shared collection.json", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookFetchResult) first = NULL;
  g_autoptr(CasebookFetchResult) same = NULL;
  g_autoptr(CasebookFetchResult) by_date = NULL;
  g_autoptr(CasebookFetchResult) changed = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_set_contents (path, BODY, -1, &error);
  g_assert_no_error (error);
  url = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);

  first = casebook_fetch (url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (casebook_fetch_result_get_not_modified (first));
  g_assert_cmpstr (casebook_fetch_result_get_url (first), ==, url);
  g_assert_nonnull (casebook_fetch_result_get_etag (first));
  g_assert_nonnull (casebook_fetch_result_get_last_modified (first));
  /* A copy, not the file itself: the shared one may change meanwhile. */
  g_assert_cmpstr (casebook_fetch_result_get_path (first), !=, path);
  g_file_get_contents (casebook_fetch_result_get_path (first), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, BODY, strlen (BODY));

  same = casebook_fetch (url, casebook_fetch_result_get_etag (first), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_fetch_result_get_not_modified (same));
  g_assert_null (casebook_fetch_result_get_path (same));

  by_date = casebook_fetch (url, NULL, casebook_fetch_result_get_last_modified (first), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_fetch_result_get_not_modified (by_date));

  /* A file of another size is new, whatever its time. */
  g_file_set_contents (path, BODY " ", -1, &error);
  g_assert_no_error (error);
  changed = casebook_fetch (url, casebook_fetch_result_get_etag (first), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (casebook_fetch_result_get_not_modified (changed));
  g_assert_cmpstr (casebook_fetch_result_get_etag (changed), !=, casebook_fetch_result_get_etag (first));

  g_clear_pointer (&first, casebook_fetch_result_free);
  g_clear_pointer (&changed, casebook_fetch_result_free);
  assert_no_temp_files ();
  casebook_test_rmdir (dir);
}

static void
test_file_refused (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.json", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *big_body = g_malloc (TEST_MAX_BYTES + 1);
  g_autofree char *limit = g_format_size_full (TEST_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *said = g_strdup_printf ("larger than the limit of %s", limit);
  struct
  {
    const char *path;
    int         code;
    const char *part;
  } cases[] = {
    { missing, CASEBOOK_FETCH_ERROR_NOT_FOUND, "does not exist" },
    { dir, CASEBOOK_FETCH_ERROR_NOT_REGULAR, "is a folder, not a collection file" },
    { fifo, CASEBOOK_FETCH_ERROR_NOT_REGULAR, "is a pipe, not a collection file" },
    { "/dev/zero", CASEBOOK_FETCH_ERROR_NOT_REGULAR, "is a device, not a collection file" },
    { big, CASEBOOK_FETCH_ERROR_TOO_BIG, said },
  };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  memset (big_body, ' ', TEST_MAX_BYTES + 1);
  g_file_set_contents (big, big_body, TEST_MAX_BYTES + 1, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_filename_to_uri (cases[i].path, NULL, &error);

      g_assert_no_error (error);
      g_assert_null (casebook_fetch (url, NULL, NULL, NULL, &error));
      assert_fetch_error (error, CASEBOOK_FETCH_ERROR, cases[i].code, url, cases[i].part, NULL);
      g_clear_error (&error);
    }

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The temporary files of fetches go into a folder of their own, before
   * GLib first reads TMPDIR. */
  fetch_tmpdir = g_build_filename (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp",
                                   "casebook-fetch-test-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (fetch_tmpdir));
  g_setenv ("TMPDIR", fetch_tmpdir, TRUE);

  /* The servers are on this machine: no proxy may come between. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_tmp_dir (), ==, fetch_tmpdir);
  _casebook_fetch_set_limits (0, TEST_MAX_BYTES, TEST_MAX_REDIRECTS);

  g_test_add_func ("/fetch/http/ok", test_http_ok);
  g_test_add_func ("/fetch/http/text-plain", test_http_text_plain);
  g_test_add_func ("/fetch/http/not-modified", test_http_not_modified);
  g_test_add_func ("/fetch/http/status", test_http_status);
  g_test_add_func ("/fetch/http/content-type", test_http_content_type);
  g_test_add_func ("/fetch/http/redirects", test_http_redirects);
  g_test_add_func ("/fetch/http/too-big", test_http_too_big);
  g_test_add_func ("/fetch/http/endless", test_http_endless);
  g_test_add_func ("/fetch/http/redirect-endless", test_http_redirect_endless);
  g_test_add_func ("/fetch/http/no-headers", test_http_no_headers);
  g_test_add_func ("/fetch/http/trickle", test_http_trickle);
  g_test_add_func ("/fetch/http/server-down", test_http_server_down);
  g_test_add_func ("/fetch/http/cancel", test_http_cancel);
  g_test_add_func ("/fetch/http/async", test_http_async);
  g_test_add_func ("/fetch/https/bad-certificate", test_https_bad_certificate);
  g_test_add_func ("/fetch/url/refused", test_url_refused);
  g_test_add_func ("/fetch/url/described", test_url_described);
  g_test_add_func ("/fetch/file/ok", test_file_ok);
  g_test_add_func ("/fetch/file/refused", test_file_refused);

  status = g_test_run ();

  assert_no_temp_files ();
  g_rmdir (fetch_tmpdir);
  g_free (fetch_tmpdir);
  return status;
}
