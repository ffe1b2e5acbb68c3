/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-fetch"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casebook-fetch-private.h"

/* The parts of fetching that need no network: the temporary file a body
 * goes into, the errors every kind of fetch shares, and reading a
 * file:// URL, such as a collection in a mounted shared folder. */

/* The temporary file ------------------------------------------------------- */

void
_casebook_fetch_temp_clear (CasebookFetchTemp *tmp)
{
  if (tmp->io != NULL)
    g_io_stream_close (G_IO_STREAM (tmp->io), NULL, NULL);
  g_clear_object (&tmp->io);
  if (tmp->file != NULL)
    g_file_delete (tmp->file, NULL, NULL);
  g_clear_object (&tmp->file);
}

gboolean
_casebook_fetch_temp_open (CasebookFetchTemp  *tmp,
                           const char         *shown,
                           GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  tmp->file = g_file_new_tmp ("casebook-fetch-XXXXXX.json", &tmp->io, &local_error);
  if (tmp->file == NULL)
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_IO,
                   _("Could not save the download of “%s”: %s"), shown, local_error->message);
      return FALSE;
    }
  tmp->out = g_io_stream_get_output_stream (G_IO_STREAM (tmp->io));
  return TRUE;
}

gboolean
_casebook_fetch_temp_write (CasebookFetchTemp  *tmp,
                            const void         *data,
                            gsize               length,
                            const char         *shown,
                            GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_output_stream_write_all (tmp->out, data, length, NULL, NULL, &local_error))
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_IO,
                   _("Could not save the download of “%s”: %s"), shown, local_error->message);
      return FALSE;
    }
  tmp->written += length;
  return TRUE;
}

/* Closes the file and hands its path to the result. */
gboolean
_casebook_fetch_temp_finish (CasebookFetchTemp  *tmp,
                             char              **path,
                             const char         *shown,
                             GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_io_stream_close (G_IO_STREAM (tmp->io), NULL, &local_error))
    {
      g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_IO,
                   _("Could not save the download of “%s”: %s"), shown, local_error->message);
      return FALSE;
    }
  g_clear_object (&tmp->io);
  *path = g_file_get_path (tmp->file);
  g_clear_object (&tmp->file);
  return TRUE;
}

void
_casebook_fetch_set_too_big (GError     **error,
                             const char  *shown,
                             guint64      size,
                             gsize        limit)
{
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_text = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  /* Just over the limit looks the same rounded: then the bytes tell. */
  if (strcmp (size_text, limit_text) == 0)
    {
      g_free (size_text);
      size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
    }

  /* Translators: the second and third %s are sizes, such as "1.0 GiB" */
  g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TOO_BIG,
               _("“%s” is %s, larger than the limit of %s for a collection"),
               shown, size_text, limit_text);
}

void
_casebook_fetch_set_grew_too_big (GError     **error,
                                  const char  *shown,
                                  gsize        limit)
{
  g_autofree char *limit_text = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: the second %s is a size, such as "1.0 GiB" */
  g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_TOO_BIG,
               _("Stopped fetching “%s”: it passed the limit of %s for a collection"),
               shown, limit_text);
}

void
_casebook_fetch_set_cancelled (GError     **error,
                               const char  *shown)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Fetching “%s” was cancelled"), shown);
}

/* file:// ------------------------------------------------------------------- */

/* The validators of a file, as an HTTP server would make them: its size
 * and modification time, to the nanosecond where the file system keeps
 * it, so that a file rewritten within a second is still seen as new. */
static char *
file_etag (const struct stat *st)
{
  return g_strdup_printf ("\"%" G_GUINT64_FORMAT "-%" G_GINT64_FORMAT ".%09ld\"",
                          (guint64) st->st_size, (gint64) st->st_mtim.tv_sec,
                          (long) st->st_mtim.tv_nsec);
}

/* An HTTP date (RFC 9110), in English whatever the locale, as a server
 * would send it in Last-Modified. */
static char *
file_last_modified (const struct stat *st)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (st->st_mtim.tv_sec);

  if (when == NULL)
    return NULL;

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (when) - 1],
                          g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1],
                          g_date_time_get_year (when),
                          g_date_time_get_hour (when),
                          g_date_time_get_minute (when),
                          g_date_time_get_second (when));
}

/* The file is unchanged when the validators from its last fetch are
 * those it has now; the ETag tells a rewrite within the same second,
 * so it decides when given. */
static gboolean
file_is_unchanged (const struct stat *st,
                   const char        *etag,
                   const char        *last_modified)
{
  if (etag != NULL)
    {
      g_autofree char *now = file_etag (st);
      return strcmp (etag, now) == 0;
    }

  if (last_modified != NULL)
    {
      g_autofree char *now = file_last_modified (st);
      return now != NULL && strcmp (last_modified, now) == 0;
    }

  return FALSE;
}

/* The same refusals as casebook_file_read_bounded(), and a pipe too: a
 * subscription is read again in the background, so it must name a file
 * that stays, which a pipe does not. */
static gboolean
check_file_type (mode_t       mode,
                 const char  *shown,
                 GError     **error)
{
  if (S_ISDIR (mode))
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NOT_REGULAR,
                 _("“%s” is a folder, not a collection file"), shown);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NOT_REGULAR,
                 _("“%s” is a device, not a collection file"), shown);
  else if (S_ISSOCK (mode))
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NOT_REGULAR,
                 _("“%s” is a socket, not a collection file"), shown);
  else if (S_ISFIFO (mode))
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NOT_REGULAR,
                 _("“%s” is a pipe, not a collection file: a subscription must name a file that stays in place"),
                 shown);
  else if (!S_ISREG (mode))
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NOT_REGULAR,
                 _("“%s” is not a regular file"), shown);
  else
    return TRUE;

  return FALSE;
}

static void
set_file_error (GError     **error,
                const char  *shown,
                int          errsv)
{
  if (errsv == ENOENT || errsv == ENOTDIR)
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_NOT_FOUND,
                 _("“%s” does not exist. If it is in a shared folder, check that the folder is mounted."),
                 shown);
  else
    g_set_error (error, CASEBOOK_FETCH_ERROR, CASEBOOK_FETCH_ERROR_IO,
                 _("Could not read “%s”: %s"), shown, g_strerror (errsv));
}

/**
 * _casebook_fetch_file:
 * @url: the file:// URL, for the result
 * @path: the local path it names
 * @shown: @url as messages show it
 *
 * casebook_fetch() of a file:// URL.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error
 */
CasebookFetchResult *
_casebook_fetch_file (const char                 *url,
                      const char                 *path,
                      const char                 *shown,
                      const char                 *etag,
                      const char                 *last_modified,
                      const CasebookFetchLimits  *lim,
                      GCancellable               *cancellable,
                      GError                    **error)
{
  g_autoptr(CasebookFetchResult) result = NULL;
  g_autofree char *buffer = NULL;
  CasebookFetchTemp tmp = { 0 };
  struct stat st;
  int fd, flags;

  /* As casebook_file_read_bounded() does: O_NONBLOCK so that a FIFO with
   * no writer opens at once, and the type checked on what was opened. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;

      /* A socket cannot be opened at all; say what it is. */
      if (errsv == ENXIO && g_stat (path, &st) == 0 && !check_file_type (st.st_mode, shown, error))
        return NULL;
      set_file_error (error, shown, errsv);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    {
      set_file_error (error, shown, errno);
      close (fd);
      return NULL;
    }

  if (!check_file_type (st.st_mode, shown, error))
    {
      close (fd);
      return NULL;
    }

  if ((guint64) st.st_size > lim->max_bytes)
    {
      _casebook_fetch_set_too_big (error, shown, st.st_size, lim->max_bytes);
      close (fd);
      return NULL;
    }

  result = g_new0 (CasebookFetchResult, 1);
  result->url = g_strdup (url);
  result->etag = file_etag (&st);
  result->last_modified = file_last_modified (&st);

  if (file_is_unchanged (&st, etag, last_modified))
    {
      close (fd);
      result->not_modified = TRUE;
      return g_steal_pointer (&result);
    }

  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  if (!_casebook_fetch_temp_open (&tmp, shown, error))
    {
      close (fd);
      return NULL;
    }

  /* Copied, not read in place: the file in a shared folder may change
   * while it is imported, and the copy is what the validators describe.
   * The limit holds again here, for a file that grows as it is read. */
  buffer = g_malloc (64 * 1024);
  for (;;)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          _casebook_fetch_set_cancelled (error, shown);
          goto fail;
        }

      n = read (fd, buffer, 64 * 1024);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_file_error (error, shown, errno);
          goto fail;
        }
      if (n == 0)
        break;
      if (tmp.written + n > lim->max_bytes)
        {
          _casebook_fetch_set_grew_too_big (error, shown, lim->max_bytes);
          goto fail;
        }
      if (!_casebook_fetch_temp_write (&tmp, buffer, n, shown, error))
        goto fail;
    }

  close (fd);
  fd = -1;
  if (!_casebook_fetch_temp_finish (&tmp, &result->path, shown, error))
    goto fail;

  return g_steal_pointer (&result);

fail:
  if (fd >= 0)
    close (fd);
  _casebook_fetch_temp_clear (&tmp);
  return NULL;
}
