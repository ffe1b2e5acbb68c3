/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-file-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casebook-file-io.h"

/**
 * SECTION:casebook-file-io
 *
 * Reading and writing whole files the way a hostile path or a failing disk
 * cannot turn into a crash or a loss.
 *
 * casebook_file_read_bounded() looks at what it opened before it reads:
 * a folder, a device or a socket is refused by name, a regular file larger
 * than the limit is refused without reading a byte, and a pipe is read only
 * up to the limit. Opening never waits for a FIFO's writer.
 *
 * #CasebookFileWriter writes into a hidden file beside the one named and
 * puts it in place only once everything is written, so that a full disk,
 * a failing one or a cancelled write leaves the old file as it was and no
 * partial file behind. The first error is kept and every later write is
 * dropped, so that a caller (such as cairo's write callback) can go on
 * without checking each write and ask once at the end. A target that is not
 * a regular file (a pipe, a terminal, /dev/null) is written directly.
 */

G_DEFINE_QUARK (casebook-file-error-quark, casebook_file_error)

/* The test hook: how many bytes writers may still write, and the error
 * they then fail with. */
static GMutex fault_lock;
static gsize fault_budget;
static int fault_errno;

void
_casebook_file_io_fail_writes_after (gsize n_bytes,
                                     int   errsv)
{
  g_mutex_lock (&fault_lock);
  fault_budget = n_bytes;
  fault_errno = errsv;
  g_mutex_unlock (&fault_lock);
}

/* How much of @length may be written before the armed fault; 0 with
 * *errsv set when the fault happens now. */
static gsize
fault_allow (gsize  length,
             int   *errsv)
{
  gsize allowed = length;

  g_mutex_lock (&fault_lock);
  if (fault_errno != 0)
    {
      allowed = MIN (length, fault_budget);
      fault_budget -= allowed;
      if (allowed == 0)
        *errsv = fault_errno;
    }
  g_mutex_unlock (&fault_lock);

  return allowed;
}

static void
set_too_large (GError     **error,
               const char  *name,
               gsize        limit)
{
  g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: the second %s is a size, such as "1.0 GiB" */
  g_set_error (error, CASEBOOK_FILE_ERROR, CASEBOOK_FILE_ERROR_TOO_LARGE,
               _("“%s” is larger than the limit of %s"), name, size);
}

/* Reading ------------------------------------------------------------------ */

static gboolean
check_type (mode_t       mode,
            const char  *name,
            GError     **error)
{
  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder, not a file"), name);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is a device, not a file"), name);
  else if (S_ISSOCK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is a socket, not a file"), name);
  else
    return TRUE;

  return FALSE;
}

static void
set_read_error (GError     **error,
                const char  *name,
                int          errsv)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not read “%s”: %s"), name, g_strerror (errsv));
}

/* Grows @buffer for the next read, never past @limit + 1 bytes: reading
 * one byte more than the limit is how a pipe shows it is too long. */
static gboolean
make_room (char  **buffer,
           gsize  *capacity,
           gsize   length,
           gsize   limit)
{
  if (length < *capacity)
    return TRUE;
  if (*capacity > limit)
    return FALSE;

  *capacity = MIN (MAX (*capacity * 2, 65536), limit + 1);
  *buffer = g_realloc (*buffer, *capacity);
  return TRUE;
}

static char *
read_fd (int           fd,
         const char   *name,
         gsize         limit,
         gsize         expected,
         gboolean      is_pipe,
         gsize        *length,
         GCancellable *cancellable,
         GError      **error)
{
  g_autofree char *buffer = NULL;
  gsize capacity = MIN (expected, limit) + 1;
  gsize used = 0;

  buffer = g_malloc (capacity);
  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (!make_room (&buffer, &capacity, used, limit))
        {
          set_too_large (error, name, limit);
          return NULL;
        }

      n = read (fd, buffer + used, capacity - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, name, errno);
          return NULL;
        }
      if (n == 0)
        break;
      used += n;
    }

  if (used == 0 && is_pipe)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Nothing was written to the pipe “%s”"), name);
      return NULL;
    }

  /* make_room() keeps a byte free whenever the read ends below the limit. */
  buffer[used] = '\0';
  *length = used;
  return g_steal_pointer (&buffer);
}

static char *
read_stream (GFile         *file,
             const char    *name,
             gsize          limit,
             gsize         *length,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *buffer = NULL;
  gsize capacity = 1, used = 0;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder, not a file"), name);
      else
        g_set_error (error, G_IO_ERROR, local_error->code, _("Could not read “%s”: %s"),
                     name, local_error->message);
      return NULL;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      (guint64) g_file_info_get_size (info) > limit)
    {
      set_too_large (error, name, limit);
      return NULL;
    }

  buffer = g_malloc (capacity);
  for (;;)
    {
      gssize n;

      if (!make_room (&buffer, &capacity, used, limit))
        {
          set_too_large (error, name, limit);
          return NULL;
        }

      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer + used, capacity - used,
                               cancellable, &local_error);
      if (n < 0)
        {
          g_set_error (error, G_IO_ERROR, local_error->code, _("Could not read “%s”: %s"),
                       name, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      used += n;
    }

  buffer[used] = '\0';
  *length = used;
  return g_steal_pointer (&buffer);
}

/**
 * casebook_file_read_bounded:
 * @file: the file to read
 * @limit: the most bytes to accept
 * @length: (out): the number of bytes read
 *
 * Reads @file whole, if it is a regular file or a pipe of at most @limit
 * bytes. A folder, a device or a socket is refused before anything is
 * read, and so is a regular file whose size is over @limit; a pipe is
 * read until it ends or passes @limit. Opening a FIFO does not wait for a
 * writer: with none, there is nothing to read. Never allocates more than
 * @limit + 1 bytes.
 *
 * Returns: (transfer full) (nullable): the bytes, followed by a NUL, or
 *   %NULL with an error that names @file once
 */
char *
casebook_file_read_bounded (GFile         *file,
                            gsize          limit,
                            gsize         *length,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  struct stat st;
  char *contents;
  int fd, flags;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (limit < G_MAXSIZE, NULL);
  g_return_val_if_fail (length != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    return read_stream (file, name, limit, length, cancellable, error);

  /* O_NONBLOCK so that a FIFO with no writer opens at once; the type is
   * then checked on what was opened, not on the path, which could change
   * in between. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;

      /* A socket cannot be opened at all; say what it is. */
      if (errsv == ENXIO && g_stat (path, &st) == 0 && !check_type (st.st_mode, name, error))
        return NULL;
      set_read_error (error, name, errsv);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    {
      set_read_error (error, name, errno);
      close (fd);
      return NULL;
    }

  if (!check_type (st.st_mode, name, error))
    {
      close (fd);
      return NULL;
    }

  if (S_ISREG (st.st_mode) && (guint64) st.st_size > limit)
    {
      set_too_large (error, name, limit);
      close (fd);
      return NULL;
    }

  /* Reading waits again, as for any file: a pipe with a writer is read
   * to its end, and one without a writer ends at once. */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  contents = read_fd (fd, name, limit, S_ISREG (st.st_mode) ? (gsize) st.st_size : 0,
                      S_ISFIFO (st.st_mode), length, cancellable, error);
  close (fd);
  return contents;
}

/**
 * casebook_file_map_bounded:
 * @file: a regular file, such as a download's temporary file
 * @limit: the most bytes to accept
 *
 * Maps @file into memory instead of reading it: its pages are the
 * system's to drop and read again, so a caller that goes through a large
 * file once can give back what it has passed (see madvise()). The same
 * checks as casebook_file_read_bounded(): a folder, a device or a socket
 * is refused, and so is a file larger than @limit; a pipe cannot be
 * mapped.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with an
 *   error that names @file
 */
GMappedFile *
casebook_file_map_bounded (GFile         *file,
                           gsize          limit,
                           GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GMappedFile *mapped;
  struct stat st;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      set_read_error (error, name, ENOENT);
      return NULL;
    }

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, name, errno);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    {
      set_read_error (error, name, errno);
      close (fd);
      return NULL;
    }

  if (!check_type (st.st_mode, name, error))
    {
      close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      set_read_error (error, name, ENODEV);
      close (fd);
      return NULL;
    }

  if ((guint64) st.st_size > limit)
    {
      set_too_large (error, name, limit);
      close (fd);
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, NULL);
  if (mapped == NULL)
    set_read_error (error, name, errno != 0 ? errno : EIO);
  close (fd);
  return mapped;
}

/* Writing ------------------------------------------------------------------ */

struct _CasebookFileWriter
{
  char          *name;        /* the file as the person named it, for messages */
  char          *target;      /* where the finished file goes; NULL when written in place */
  char          *partial;     /* the hidden file written until then */
  int            fd;
  GOutputStream *stream;      /* instead of @fd, for files without a local path */
  GCancellable  *cancellable;
  GError        *error;
  gboolean       committed;
};

static void
fail_errno (CasebookFileWriter *self,
            int                 errsv)
{
  if (self->error != NULL)
    return;

  g_set_error (&self->error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not write “%s”: %s"), self->name, g_strerror (errsv));
}

static void
fail_gerror (CasebookFileWriter *self,
             const GError       *error)
{
  if (self->error != NULL)
    return;

  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_CANCELLED)
    self->error = g_error_copy (error);
  else
    g_set_error (&self->error, error->domain, error->code,
                 _("Could not write “%s”: %s"), self->name, error->message);
}

/* Opens the hidden file beside @self->target that takes its place once
 * written; @mode, when not 0, is the mode of the file it replaces. */
static gboolean
open_partial (CasebookFileWriter  *self,
              mode_t               mode,
              GError             **error)
{
  g_autofree char *folder = g_path_get_dirname (self->target);
  g_autofree char *base = g_path_get_basename (self->target);
  struct stat st;
  int errsv = EEXIST;

  if (g_stat (folder, &st) < 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not write “%s”: there is no folder “%s”"), self->name, folder);
      return FALSE;
    }

  for (guint attempt = 0; attempt < 16 && errsv == EEXIST; attempt++)
    {
      g_autofree char *partial_base = g_strdup_printf (".%s.%06x.part", base, g_random_int () & 0xffffff);
      g_autofree char *partial = g_build_filename (folder, partial_base, NULL);

      self->fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0666);
      if (self->fd >= 0)
        {
          if (mode != 0)
            fchmod (self->fd, mode & 0777);
          self->partial = g_steal_pointer (&partial);
          return TRUE;
        }
      errsv = errno;
    }

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not write “%s”: %s"), self->name, g_strerror (errsv));
  return FALSE;
}

/* A pipe, a terminal or a device is written to as it is: there is nothing
 * to put in place afterwards, and renaming over it would replace it. */
static gboolean
open_in_place (CasebookFileWriter  *self,
               const char          *path,
               GError             **error)
{
  int flags;

  self->fd = g_open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int errsv = errno;

      if (errsv == ENXIO)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                     _("Could not write “%s”: nothing is reading from it"), self->name);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                     _("Could not write “%s”: %s"), self->name, g_strerror (errsv));
      return FALSE;
    }

  /* Non-blocking only to open a FIFO without waiting for its reader. */
  flags = fcntl (self->fd, F_GETFL);
  if (flags >= 0)
    fcntl (self->fd, F_SETFL, flags & ~O_NONBLOCK);
  return TRUE;
}

/**
 * casebook_file_writer_new:
 * @file: the file to write
 * @cancellable: (nullable): checked now and by writes to non-local files
 *
 * Starts writing @file. A regular file (or a new one) is written to a
 * hidden file in the same folder, which replaces @file only when
 * casebook_file_writer_commit() succeeds; a symbolic link is followed, so
 * the file it points to is the one replaced. Anything else that is not a
 * folder (a pipe, a terminal, a device) is written directly.
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with an error
 *   that names @file
 */
CasebookFileWriter *
casebook_file_writer_new (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(CasebookFileWriter) self = NULL;
  g_autofree char *path = NULL;
  struct stat st;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_new0 (CasebookFileWriter, 1);
  self->fd = -1;
  self->name = g_file_get_parse_name (file);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      self->stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                                      cancellable, &local_error));
      if (self->stream == NULL)
        {
          fail_gerror (self, local_error);
          g_propagate_error (error, g_steal_pointer (&self->error));
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder, not a file"), self->name);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        return open_in_place (self, path, error) ? g_steal_pointer (&self) : NULL;

      self->target = realpath (path, NULL);
      if (self->target == NULL)
        self->target = g_strdup (path);
      return open_partial (self, st.st_mode, error) ? g_steal_pointer (&self) : NULL;
    }

  if (errno != ENOENT)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write “%s”: %s"), self->name, g_strerror (errsv));
      return NULL;
    }

  self->target = g_strdup (path);
  return open_partial (self, 0, error) ? g_steal_pointer (&self) : NULL;
}

/**
 * casebook_file_writer_write:
 * @data: (array length=length): bytes to add
 *
 * Adds @data to the file. After the first error this does nothing: the
 * error is kept for casebook_file_writer_commit().
 *
 * Returns: %FALSE if the file has failed, now or before
 */
gboolean
casebook_file_writer_write (CasebookFileWriter *self,
                            const void         *data,
                            gsize               length)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->error != NULL || self->committed)
    return FALSE;

  if (self->stream != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!g_output_stream_write_all (self->stream, data, length, NULL, self->cancellable, &local_error))
        fail_gerror (self, local_error);
      return self->error == NULL;
    }

  while (length > 0)
    {
      int errsv = 0;
      gsize allowed = fault_allow (length, &errsv);
      gssize n;

      if (errsv != 0)
        {
          fail_errno (self, errsv);
          return FALSE;
        }

      n = write (self->fd, p, MIN (allowed, (gsize) G_MAXSSIZE));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          fail_errno (self, errno);
          return FALSE;
        }
      if (n == 0)
        {
          fail_errno (self, ENOSPC);
          return FALSE;
        }
      p += n;
      length -= n;
    }

  return TRUE;
}

/**
 * casebook_file_writer_fail:
 * @error: (transfer full): why the file is not to be written, such as a
 *   cancellation
 *
 * Gives up on the file: later writes are dropped and
 * casebook_file_writer_commit() returns @error, unless an error came first.
 */
void
casebook_file_writer_fail (CasebookFileWriter *self,
                           GError             *error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error != NULL);

  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

/**
 * casebook_file_writer_has_failed:
 *
 * Returns: %TRUE once a write has failed or casebook_file_writer_fail()
 *   was called
 */
gboolean
casebook_file_writer_has_failed (CasebookFileWriter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->error != NULL;
}

static void
discard (CasebookFileWriter *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }

  if (self->partial != NULL)
    {
      g_unlink (self->partial);
      g_clear_pointer (&self->partial, g_free);
    }

  if (self->stream != NULL && !g_output_stream_is_closed (self->stream))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Closing a replacing stream as cancelled leaves the old file. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (self->stream, cancelled, NULL);
    }
}

/**
 * casebook_file_writer_commit:
 *
 * Finishes the file and puts it in place of the one named, or, if any
 * write failed, removes what was written and leaves the file named as it
 * was.
 *
 * Returns: %TRUE if the whole file is in place; otherwise %FALSE with the
 *   first error, which names the file and says why
 */
gboolean
casebook_file_writer_commit (CasebookFileWriter  *self,
                             GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* close() is where some file systems (NFS, quotas) report a full disk. */
  if (self->error == NULL && self->fd >= 0)
    {
      int fd = self->fd;

      self->fd = -1;
      if (close (fd) < 0 && errno != EINTR)
        fail_errno (self, errno);
    }

  if (self->error == NULL && self->partial != NULL)
    {
      if (g_rename (self->partial, self->target) < 0)
        fail_errno (self, errno);
      else
        g_clear_pointer (&self->partial, g_free);
    }

  if (self->error == NULL && self->stream != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!g_output_stream_close (self->stream, self->cancellable, &local_error))
        fail_gerror (self, local_error);
    }

  if (self->error != NULL)
    {
      discard (self);
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  self->committed = TRUE;
  return TRUE;
}

/**
 * casebook_file_writer_free:
 *
 * Frees @self; a file that was not committed is discarded, and the file
 * named is left as it was.
 */
void
casebook_file_writer_free (CasebookFileWriter *self)
{
  if (self == NULL)
    return;

  discard (self);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->name);
  g_free (self->target);
  g_free (self->partial);
  g_free (self);
}

/**
 * casebook_file_write_contents:
 * @data: (array length=length): the whole file
 *
 * Writes @file with a #CasebookFileWriter: all of @data or, on failure,
 * nothing, with the old file left as it was.
 *
 * Returns: %TRUE if @file now holds @data
 */
gboolean
casebook_file_write_contents (GFile       *file,
                              const void  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(CasebookFileWriter) writer = casebook_file_writer_new (file, NULL, error);

  if (writer == NULL)
    return FALSE;

  casebook_file_writer_write (writer, data, length);
  return casebook_file_writer_commit (writer, error);
}
