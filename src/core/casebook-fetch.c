/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-fetch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "casebook-escape.h"
#include "casebook-fetch-private.h"
#include "casebook-json.h"

/**
 * SECTION:casebook-fetch
 *
 * Fetching a published collection by URL into a temporary file, for the
 * strict import path to read: over HTTP or HTTPS with libsoup (this is
 * the only file of the core that uses it), or from a file:// URL, such as
 * one in a mounted shared folder (casebook-fetch-file.c).
 *
 * Every way a server can misbehave ends within a bounded time with an
 * error that names the URL: certificates are always verified, redirects
 * are followed by hand so that their number is limited and a loop is
 * named, no data for a while ends the fetch and so does an overall
 * deadline (a body trickling a byte at a time), and the importer's size
 * limit is enforced while the body arrives, never after. The body goes to
 * a temporary file as it comes and is never held whole in memory.
 */

G_DEFINE_QUARK (casebook-fetch-error-quark, casebook_fetch_error)

#define DEFAULT_TIMEOUT_SECONDS 30
/* The whole fetch, when the timeouts are the defaults: far more than a
 * real collection needs, even on a slow line. */
#define DEFAULT_DEADLINE_SECONDS 600
#define DEFAULT_MAX_REDIRECTS 5
/* How long a message's URL may be before the middle is cut out. */
#define URL_MAX_CHARS 120


static GMutex limits_lock;
static CasebookFetchLimits limits = {
  DEFAULT_TIMEOUT_SECONDS, DEFAULT_DEADLINE_SECONDS,
  CASEBOOK_JSON_MAX_FILE_SIZE, DEFAULT_MAX_REDIRECTS,
};

void
_casebook_fetch_set_limits (guint timeout_seconds,
                            gsize max_bytes,
                            guint max_redirects)
{
  g_mutex_lock (&limits_lock);
  limits.timeout = timeout_seconds > 0 ? timeout_seconds : DEFAULT_TIMEOUT_SECONDS;
  limits.deadline = timeout_seconds > 0 ? timeout_seconds * 4 : DEFAULT_DEADLINE_SECONDS;
  limits.max_bytes = max_bytes > 0 ? max_bytes : CASEBOOK_JSON_MAX_FILE_SIZE;
  limits.max_redirects = max_redirects > 0 ? max_redirects : DEFAULT_MAX_REDIRECTS;
  g_mutex_unlock (&limits_lock);
}

static CasebookFetchLimits
get_limits (void)
{
  CasebookFetchLimits copy;

  g_mutex_lock (&limits_lock);
  copy = limits;
  g_mutex_unlock (&limits_lock);

  return copy;
}

/* Naming the URL --------------------------------------------------------- */

/* Cuts @s to its first @head and last @tail characters around an
 * ellipsis, keeping the host and the file name of a long URL. */
static char *
shorten_middle (const char *s,
                glong       max_chars)
{
  glong n = g_utf8_strlen (s, -1);
  glong head = max_chars / 2, tail = max_chars - head - 1;
  const char *head_end, *tail_start;

  if (n <= max_chars)
    return g_strdup (s);

  head_end = g_utf8_offset_to_pointer (s, head);
  tail_start = g_utf8_offset_to_pointer (s, n - tail);
  return g_strdup_printf ("%.*s…%s", (int) (head_end - s), s, tail_start);
}

/**
 * casebook_fetch_describe_url:
 * @url: (nullable): a URL as a person or a file gave it
 *
 * Prepares @url for a message: a password in it is left out, control
 * characters and bytes that are not UTF-8 become visible escapes, and a
 * URL longer than a line loses its middle, so that its host and file
 * name still show.
 *
 * Returns: (transfer full): the URL to show
 */
char *
casebook_fetch_describe_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *escaped = NULL;

  if (url == NULL)
    return g_strdup ("");

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri != NULL && g_uri_get_password (uri) != NULL)
    shown = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
  else
    shown = g_strdup (url);

  escaped = casebook_escape (shown, CASEBOOK_ESCAPE_LINE);
  return shorten_middle (escaped, URL_MAX_CHARS);
}

/* Results ------------------------------------------------------------------ */

/**
 * casebook_fetch_result_free:
 * @result: (transfer full) (nullable): a result
 *
 * Frees @result and deletes its temporary file.
 */
void
casebook_fetch_result_free (CasebookFetchResult *result)
{
  if (result == NULL)
    return;

  if (result->path != NULL)
    g_unlink (result->path);
  g_free (result->path);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->url);
  g_free (result);
}

/**
 * casebook_fetch_result_get_not_modified:
 * @result: a result
 *
 * Returns: %TRUE if the source is unchanged since the validators given to
 *   the fetch; there is then no file
 */
gboolean
casebook_fetch_result_get_not_modified (const CasebookFetchResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->not_modified;
}

/**
 * casebook_fetch_result_get_path:
 * @result: a result
 *
 * Returns: (nullable): the temporary file holding what was fetched, which
 *   casebook_fetch_result_free() deletes; %NULL when not modified
 */
const char *
casebook_fetch_result_get_path (const CasebookFetchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->path;
}

/**
 * casebook_fetch_result_get_etag:
 * @result: a result
 *
 * Returns: (nullable): the validator to give as @etag to the next fetch
 */
const char *
casebook_fetch_result_get_etag (const CasebookFetchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->etag;
}

/**
 * casebook_fetch_result_get_last_modified:
 * @result: a result
 *
 * Returns: (nullable): the validator to give as @last_modified to the
 *   next fetch, an HTTP date
 */
const char *
casebook_fetch_result_get_last_modified (const CasebookFetchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->last_modified;
}

/**
 * casebook_fetch_result_get_url:
 * @result: a result
 *
 * Returns: the URL finally read, after any redirects
 */
const char *
casebook_fetch_result_get_url (const CasebookFetchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->url;
}

/* The deadline ------------------------------------------------------------ */

/* A thread that cancels the fetch when its deadline passes. The blocking
 * calls of libsoup and GIO give up when the cancellable fires, so the
 * deadline holds for a server that trickles headers or a body a byte at
 * a time, which the timeout between reads alone never ends. The
 * caller's cancellable cancels the same one. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  gboolean      done;
  gint64        end_time;
  gint          timed_out;   /* atomic */
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_id;
  GThread      *thread;
} Watchdog;

static gpointer
watchdog_run (gpointer data)
{
  Watchdog *dog = data;

  g_mutex_lock (&dog->lock);
  while (!dog->done)
    {
      if (!g_cond_wait_until (&dog->cond, &dog->lock, dog->end_time) && !dog->done)
        {
          g_atomic_int_set (&dog->timed_out, TRUE);
          g_cancellable_cancel (dog->cancellable);
          break;
        }
    }
  g_mutex_unlock (&dog->lock);

  return NULL;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
watchdog_start (Watchdog     *dog,
                guint         seconds,
                GCancellable *caller)
{
  g_mutex_init (&dog->lock);
  g_cond_init (&dog->cond);
  dog->done = FALSE;
  dog->timed_out = FALSE;
  dog->end_time = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  dog->cancellable = g_cancellable_new ();
  dog->caller = caller != NULL ? g_object_ref (caller) : NULL;
  dog->caller_id = 0;
  if (caller != NULL)
    dog->caller_id = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled),
                                            dog->cancellable, NULL);
  dog->thread = g_thread_new ("casebook-fetch-deadline", watchdog_run, dog);
}

static void
watchdog_stop (Watchdog *dog)
{
  g_mutex_lock (&dog->lock);
  dog->done = TRUE;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);
  g_thread_join (dog->thread);

  if (dog->caller != NULL)
    g_cancellable_disconnect (dog->caller, dog->caller_id);
  g_clear_object (&dog->caller);
  g_clear_object (&dog->cancellable);
  g_mutex_clear (&dog->lock);
  g_cond_clear (&dog->cond);
}

/* HTTP ---------------------------------------------------------------------- */

typedef struct
{
  const char *shown;       /* the URL the caller gave, for messages */
  const CasebookFetchLimits *lim;
  Watchdog dog;
  gboolean reading_body;
} HttpFetch;

static char *
describe_tls_problem (GTlsCertificateFlags  flags,
                      const GError         *local_error)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("its certificate is not signed by an authority this computer trusts"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("its certificate is for another server name"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("its certificate has expired"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("its certificate is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("its certificate has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("its certificate uses an insecure algorithm"));

  return casebook_escape (local_error->message, CASEBOOK_ESCAPE_LINE);
}

/* Turns an error of libsoup or GIO into one of ours, naming the URL. */
static void
set_transfer_error (HttpFetch    *fetch,
                    SoupMessage  *msg,
                    GError       *local_error,
                    GError      **error)
{
  const char *shown = fetch->shown;

  if (g_atomic_int_get (&fetch->dog.timed_out))
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TIMEOUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Stopped fetching “%s”: it took longer than %u second. Try again later, or ask the collection’s publisher about the server’s speed.",
                                "Stopped fetching “%s”: it took longer than %u seconds. Try again later, or ask the collection’s publisher about the server’s speed.",
                                fetch->lim->deadline),
                   shown, fetch->lim->deadline);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _casebook_fetch_set_cancelled (error, shown);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      if (fetch->reading_body)
        g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TIMEOUT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Stopped fetching “%s”: nothing came for %u second. Try again later.",
                                  "Stopped fetching “%s”: nothing came for %u seconds. Try again later.",
                                  fetch->lim->timeout),
                     shown, fetch->lim->timeout);
      else
        g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TIMEOUT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Could not fetch “%s”: the server did not answer within %u second. Try again later.",
                                  "Could not fetch “%s”: the server did not answer within %u seconds. Try again later.",
                                  fetch->lim->timeout),
                     shown, fetch->lim->timeout);
    }
  else if (local_error->domain == G_TLS_ERROR)
    {
      g_autofree char *problem =
        describe_tls_problem (msg != NULL ? soup_message_get_tls_peer_certificate_errors (msg) : 0,
                              local_error);

      /* Translators: the second %s says what is wrong with the server's
       * certificate, such as "its certificate has expired" */
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TLS,
                   _("Could not fetch “%s” securely: %s. Casebook does not accept a certificate it cannot verify; ask the collection’s publisher to fix it."),
                   shown, problem);
    }
  else if (local_error->domain == G_RESOLVER_ERROR)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NETWORK,
                   _("Could not fetch “%s”: the server’s name could not be found. Check the address and the network connection."),
                   shown);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NETWORK,
                   _("Could not fetch “%s”: the server refused the connection. It may be down; try again later."),
                   shown);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NETWORK,
                   _("Could not fetch “%s”: the server cannot be reached. Check the network connection."),
                   shown);
    }
  else
    {
      g_autofree char *detail = casebook_escape (local_error->message, CASEBOOK_ESCAPE_LINE);

      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NETWORK,
                   _("Could not fetch “%s”: %s"), shown, detail);
    }
}

static void
set_status_error (HttpFetch    *fetch,
                  SoupMessage  *msg,
                  GError      **error)
{
  guint status = soup_message_get_status (msg);
  const char *reason = soup_message_get_reason_phrase (msg);
  g_autofree char *shown_reason = NULL;
  const char *hint;

  /* The reason phrase comes from the server: escaped and cut short. */
  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);
  shown_reason = casebook_quote_value (reason != NULL ? reason : "");

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    hint = _("Check the address: the collection may have moved or been removed.");
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    hint = _("The collection may need a sign-in, which Casebook does not support; ask its publisher for an address that needs none.");
  else if (status >= 500)
    hint = _("The server has a problem; try again later.");
  else
    hint = NULL;

  if (hint != NULL)
    /* Translators: %u %s is an HTTP status and its reason, such as "404
     * Not Found"; the last %s is a sentence saying what to do */
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_HTTP_STATUS,
                 _("Could not fetch “%s”: the server answered %u %s. %s"),
                 fetch->shown, status, shown_reason, hint);
  else
    /* Translators: %u %s is an HTTP status and its reason, such as "400
     * Bad Request" */
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_HTTP_STATUS,
                 _("Could not fetch “%s”: the server answered %u %s."),
                 fetch->shown, status, shown_reason);
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* A collection is JSON; servers label it in several ways, and an object
 * store often as bytes of no particular type. What is refused is what
 * cannot be one: above all a web page, which is what a sign-in page or a
 * page about the file sends. */
static gboolean
check_content_type (HttpFetch    *fetch,
                    SoupMessage  *msg,
                    GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *lower = NULL;
  g_autofree char *shown_type = NULL;

  if (type == NULL)
    return TRUE;

  lower = g_ascii_strdown (type, -1);
  if (strcmp (lower, "application/json") == 0 ||
      strcmp (lower, "text/json") == 0 ||
      strcmp (lower, "text/plain") == 0 ||
      strcmp (lower, "application/octet-stream") == 0 ||
      (g_str_has_prefix (lower, "application/") && g_str_has_suffix (lower, "+json")))
    return TRUE;

  if (strcmp (lower, "text/html") == 0 || strcmp (lower, "application/xhtml+xml") == 0)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_CONTENT_TYPE,
                   _("Could not fetch “%s”: the server sent a web page, not a collection file. The address may lead to a sign-in page or to a page about the file; use the address of the file itself."),
                   fetch->shown);
      return FALSE;
    }

  shown_type = casebook_quote_value (type);
  /* Translators: the second %s is a type of content, such as "image/png" */
  g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_CONTENT_TYPE,
               _("Could not fetch “%s”: the server sent “%s”, not a collection file (JSON)."),
               fetch->shown, shown_type);
  return FALSE;
}

/* Where a redirect of @msg from @current leads, or %NULL with an error:
 * only to http:// or https://, never from https:// down to http://, and
 * never back to an address already visited. */
static GUri *
follow_redirect (HttpFetch    *fetch,
                 SoupMessage  *msg,
                 GUri         *current,
                 GHashTable   *visited,
                 guint         n_redirects,
                 GError      **error)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                       "Location");
  g_autoptr(GUri) next = NULL;
  g_autofree char *next_text = NULL;
  g_autofree char *shown_next = NULL;
  const char *scheme;

  if (location == NULL || *location == '\0')
    {
      set_status_error (fetch, msg, error);
      return NULL;
    }

  next = g_uri_parse_relative (current, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next != NULL)
    {
      g_autofree char *absolute = g_uri_to_string_partial (next, G_URI_HIDE_PASSWORD);
      shown_next = casebook_fetch_describe_url (absolute);
    }
  else
    shown_next = casebook_fetch_describe_url (location);
  if (next == NULL || g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0')
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS,
                   _("Could not fetch “%s”: it redirects to “%s”, which is not a valid address."),
                   fetch->shown, shown_next);
      return NULL;
    }

  scheme = g_uri_get_scheme (next);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS,
                   _("Could not fetch “%s”: it redirects to “%s”, which is not an http:// or https:// address."),
                   fetch->shown, shown_next);
      return NULL;
    }

  if (g_ascii_strcasecmp (g_uri_get_scheme (current), "https") == 0 &&
      g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS,
                   _("Could not fetch “%s”: it redirects from a secure address to an insecure one (“%s”), which Casebook does not follow."),
                   fetch->shown, shown_next);
      return NULL;
    }

  /* The fragment is not sent, so it does not make an address new. */
  next_text = g_uri_to_string_partial (next, G_URI_HIDE_FRAGMENT);
  if (g_hash_table_contains (visited, next_text))
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS,
                   _("Could not fetch “%s”: its redirects go round in a loop (back to “%s”). Tell the collection’s publisher."),
                   fetch->shown, shown_next);
      return NULL;
    }

  if (n_redirects >= fetch->lim->max_redirects)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_REDIRECTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Could not fetch “%s”: it redirects more than %u time.",
                                "Could not fetch “%s”: it redirects more than %u times.",
                                fetch->lim->max_redirects),
                   fetch->shown, fetch->lim->max_redirects);
      return NULL;
    }

  g_hash_table_add (visited, g_steal_pointer (&next_text));
  return g_steal_pointer (&next);
}

/* Reads the body of @msg from @stream into a temporary file, as it comes. */
static gboolean
read_body (HttpFetch     *fetch,
           SoupMessage   *msg,
           GInputStream  *stream,
           char         **path,
           GError       **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *buffer = NULL;
  CasebookFetchTemp tmp = { 0 };

  /* A declared length over the limit is refused before a byte is read.
   * A compressed body declares its compressed length, so the limit holds
   * again on what is read, which is decoded. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > fetch->lim->max_bytes)
    {
      _casebook_fetch_set_too_big (error, fetch->shown, soup_message_headers_get_content_length (headers),
                   fetch->lim->max_bytes);
      return FALSE;
    }

  if (!_casebook_fetch_temp_open (&tmp, fetch->shown, error))
    return FALSE;

  fetch->reading_body = TRUE;
  buffer = g_malloc (64 * 1024);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      n = g_input_stream_read (stream, buffer, 64 * 1024, fetch->dog.cancellable, &local_error);
      if (n < 0)
        {
          set_transfer_error (fetch, msg, local_error, error);
          goto fail;
        }
      if (n == 0)
        break;
      if (tmp.written + n > fetch->lim->max_bytes)
        {
          _casebook_fetch_set_grew_too_big (error, fetch->shown, fetch->lim->max_bytes);
          goto fail;
        }
      if (!_casebook_fetch_temp_write (&tmp, buffer, n, fetch->shown, error))
        goto fail;
    }

  if (!_casebook_fetch_temp_finish (&tmp, path, fetch->shown, error))
    goto fail;
  return TRUE;

fail:
  _casebook_fetch_temp_clear (&tmp);
  return FALSE;
}

static CasebookFetchResult *
fetch_http (GUri                       *uri,
            const char                 *shown,
            const char                 *etag,
            const char                 *last_modified,
            const CasebookFetchLimits  *lim,
            GCancellable               *cancellable,
            GError                    **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SoupSession *session;
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GUri) current = g_uri_ref (uri);
  g_autoptr(CasebookFetchResult) result = NULL;
  HttpFetch fetch = { shown, lim };
  guint n_redirects = 0;

  /* A session of its own, with a main context of its own made the
   * thread's default while it lives: the blocking API then needs no one
   * to run a main loop, whichever thread calls it, and fetches on
   * several threads share nothing. TLS certificates are checked against
   * the system's authorities, and nothing here ever accepts one that
   * fails. */
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", lim->timeout,
                                           "user-agent", "Casebook/" PACKAGE_VERSION " ",
                                           NULL);

  g_hash_table_add (visited, g_uri_to_string_partial (uri, G_URI_HIDE_FRAGMENT));
  watchdog_start (&fetch.dog, lim->deadline, cancellable);

  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_GET, current);
      SoupMessageHeaders *request = soup_message_get_request_headers (msg);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      guint status;

      /* Redirects are followed here, to limit them and name a loop. */
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_headers_replace (request, "Accept",
                                    "application/x-casebook+json, application/json, text/plain;q=0.5, */*;q=0.1");
      if (etag != NULL)
        soup_message_headers_replace (request, "If-None-Match", etag);
      if (last_modified != NULL)
        soup_message_headers_replace (request, "If-Modified-Since", last_modified);

      fetch.reading_body = FALSE;
      stream = soup_session_send (session, msg, fetch.dog.cancellable, &local_error);
      if (stream == NULL)
        {
          set_transfer_error (&fetch, msg, local_error, error);
          break;
        }

      status = soup_message_get_status (msg);
      if (is_redirect (status))
        {
          GUri *next;

          g_input_stream_close (stream, fetch.dog.cancellable, NULL);
          next = follow_redirect (&fetch, msg, current, visited, n_redirects, error);
          if (next == NULL)
            break;
          g_uri_unref (current);
          current = next;
          n_redirects++;
          continue;
        }

      result = g_new0 (CasebookFetchResult, 1);
      result->url = g_uri_to_string (current);

      if (status == SOUP_STATUS_NOT_MODIFIED && (etag != NULL || last_modified != NULL))
        {
          SoupMessageHeaders *response = soup_message_get_response_headers (msg);
          const char *new_etag = soup_message_headers_get_one (response, "ETag");
          const char *new_date = soup_message_headers_get_one (response, "Last-Modified");

          /* A 304 may renew the validators; those not sent stay. */
          result->not_modified = TRUE;
          result->etag = g_strdup (new_etag != NULL ? new_etag : etag);
          result->last_modified = g_strdup (new_date != NULL ? new_date : last_modified);
          g_input_stream_close (stream, fetch.dog.cancellable, NULL);
          break;
        }

      if (!SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_PARTIAL_CONTENT)
        {
          set_status_error (&fetch, msg, error);
          g_clear_pointer (&result, casebook_fetch_result_free);
          break;
        }

      if (!check_content_type (&fetch, msg, error) ||
          !read_body (&fetch, msg, stream, &result->path, error))
        {
          g_clear_pointer (&result, casebook_fetch_result_free);
          break;
        }

      result->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                             "ETag"));
      result->last_modified = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                      "Last-Modified"));
      break;
    }

  watchdog_stop (&fetch.dog);
  g_object_unref (session);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return g_steal_pointer (&result);
}

/* The public API ------------------------------------------------------------ */

static gboolean
has_control (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s < 0x20 || *s == 0x7f)
      return TRUE;
  return FALSE;
}

/**
 * casebook_fetch:
 * @url: an https://, http:// or file:// URL
 * @etag: (nullable): the validator from the last fetch of @url, if any
 * @last_modified: (nullable): the other validator from the last fetch
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put an error
 *
 * Fetches @url into a temporary file, blocking; for the command line and
 * worker threads. With @etag or @last_modified, an HTTP fetch asks for
 * the body only if it changed (`If-None-Match`, `If-Modified-Since`), and
 * a file:// fetch compares them with the file's size and modification
 * time. The body is refused when it is over the importer's size limit,
 * and a web page is refused. Fails with %CASEBOOK_FETCH_ERROR, or
 * %G_IO_ERROR_CANCELLED; no temporary file is left after a failure.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error
 *   set to a message that names @url and the reason
 */
CasebookFetchResult *
casebook_fetch (const char    *url,
                const char    *etag,
                const char    *last_modified,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;
  const char *scheme;
  CasebookFetchLimits lim = get_limits ();

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shown = casebook_fetch_describe_url (url);

  if (g_cancellable_is_cancelled (cancellable))
    {
      _casebook_fetch_set_cancelled (error, shown);
      return NULL;
    }

  /* A validator goes into a header as it is: one that could end the
   * header early is dropped, which costs a full fetch and nothing else. */
  if (etag != NULL && (*etag == '\0' || has_control (etag)))
    etag = NULL;
  if (last_modified != NULL && (*last_modified == '\0' || has_control (last_modified)))
    last_modified = NULL;

  if (*url == '\0')
    {
      g_set_error_literal (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                           _("No address was given. Use one that starts with https://, http:// or file://."));
      return NULL;
    }

  if (has_control (url) || strchr (url, ' ') != NULL)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                   _("“%s” is not a valid address: it holds spaces or control characters"), shown);
      return NULL;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                   _("“%s” is not a valid address. Use one that starts with https://, http:// or file://."),
                   shown);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      g_autofree char *hostname = NULL;
      g_autofree char *path = g_filename_from_uri (url, &hostname, NULL);

      if (path == NULL)
        {
          g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                       _("“%s” is not a valid address. Use one that starts with https://, http:// or file://."),
                       shown);
          return NULL;
        }
      if (hostname != NULL && *hostname != '\0' && g_ascii_strcasecmp (hostname, "localhost") != 0)
        {
          g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                       _("“%s” names a file on another computer. Mount the shared folder and use the address of the file in it."),
                       shown);
          return NULL;
        }
      return _casebook_fetch_file (url, path, shown, etag, last_modified, &lim, cancellable, error);
    }

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                   _("“%s” is not an address Casebook can fetch. Use one that starts with https://, http:// or file://."),
                   shown);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_URL,
                   _("“%s” names no server"), shown);
      return NULL;
    }

  return fetch_http (uri, shown, etag, last_modified, &lim, cancellable, error);
}

typedef struct
{
  char *url;
  char *etag;
  char *last_modified;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->url);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  CasebookFetchResult *result;

  result = casebook_fetch (data->url, data->etag, data->last_modified, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) casebook_fetch_result_free);
}

/**
 * casebook_fetch_async:
 * @url: an https://, http:// or file:// URL
 * @etag: (nullable): the validator from the last fetch of @url, if any
 * @last_modified: (nullable): the other validator from the last fetch
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * Does casebook_fetch() on a worker thread.
 */
void
casebook_fetch_async (const char          *url,
                      const char          *etag,
                      const char          *last_modified,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, casebook_fetch_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  /* The thread always runs to its end, so that a temporary file of a
   * cancelled fetch is deleted there and not left behind. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, fetch_thread);
}

/**
 * casebook_fetch_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error
 *   set, as casebook_fetch() returns it
 */
CasebookFetchResult *
casebook_fetch_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == casebook_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
