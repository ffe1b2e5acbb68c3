/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casebook-store-private.h"

/* The session marker, `<store>-session` beside the store, tells whether
 * the last Casebook to have the store open closed it properly. Every
 * read-write connection holds the marker with a shared flock() for as
 * long as it is open, and the last one to close deletes it. A marker
 * that is there while nobody holds it was left by a Casebook that did not
 * close the store: it crashed, was killed, or the machine lost power.
 * Only then is the whole file read to check it while it is opened;
 * otherwise opening reads only the pages it needs (checking 1.7 GB takes
 * seconds), and the window checks the store in the background.
 *
 * flock() locks belong to the open file, not to the process, so two
 * connections in one process see each other as they would in two; and
 * the kernel drops them when a process dies, however it dies. */

/* The marker for the store @file. */
char *
_casebook_store_session_path (const char *file)
{
  return g_strconcat (file, "-session", NULL);
}

/* Whether @fd is still the file at @path: a closing session may delete
 * the marker between our open() and our lock. */
static gboolean
is_same_file (int         fd,
              const char *path)
{
  struct stat held, named;

  return fstat (fd, &held) == 0 && stat (path, &named) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

/* A log with something in it, while no Casebook has the store open, is
 * one that was not checkpointed: SQLite deletes it when the last
 * connection closes. It also tells a crash of a Casebook from before the
 * marker. */
static gboolean
has_hot_log (const char *file)
{
  g_autofree char *wal = g_strconcat (file, "-wal", NULL);
  struct stat st;

  return stat (wal, &st) == 0 && st.st_size > 0;
}

/* Starts a session on the store @file: returns the marker, held with a
 * shared lock until _casebook_store_session_end(), or -1 when there is
 * none (a read-only connection never creates one). Sets @unclean when the
 * store was not closed properly, or when that cannot be told. */
int
_casebook_store_session_begin (const char *file,
                               gboolean    read_only,
                               gboolean   *unclean,
                               gboolean   *alone)
{
  g_autofree char *marker = _casebook_store_session_path (file);

  *unclean = FALSE;
  *alone = FALSE;

  if (read_only)
    {
      /* Look, but create nothing: a reader leaves no file behind. */
      int fd = open (marker, O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        {
          *unclean = errno != ENOENT;
          return -1;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        *unclean = TRUE;
      close (fd);
      return -1;
    }

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      gboolean existed = TRUE;
      int fd = open (marker, O_RDWR | O_CLOEXEC);

      if (fd < 0 && errno == ENOENT)
        {
          existed = FALSE;
          fd = open (marker, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
          if (fd < 0 && errno == EEXIST)
            continue;
        }

      if (fd < 0)
        {
          /* Without a marker, a log left behind is all there is to go by. */
          *unclean = has_hot_log (file);
          return -1;
        }

      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (!is_same_file (fd, marker))
            {
              close (fd);
              continue;
            }

          /* Nobody else has the store open: a marker already there was
           * left by a session that never ended. */
          *unclean = existed || has_hot_log (file);
          *alone = TRUE;
          flock (fd, LOCK_SH);
          return fd;
        }

      /* Another connection has the store open, so whatever it left is
       * its own and in use. An exclusive lock is only ever held for a
       * moment, while a session starts or ends. */
      if (flock (fd, LOCK_SH) != 0 || !is_same_file (fd, marker))
        {
          close (fd);
          continue;
        }
      return fd;
    }

  *unclean = TRUE;
  return -1;
}

/* Whether the session @fd is the only one on its store; it goes on
 * holding its shared lock. */
gboolean
_casebook_store_session_is_alone (int fd)
{
  if (fd < 0)
    return FALSE;

  /* A conversion that fails may have dropped the shared lock (flock(2)
   * converts by unlocking first): take it again. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      flock (fd, LOCK_SH);
      return FALSE;
    }

  flock (fd, LOCK_SH);
  return TRUE;
}

/* Ends the session @fd on the store @file, after its connection was
 * closed: the last session deletes the marker. */
void
_casebook_store_session_end (int         fd,
                             const char *file)
{
  g_autofree char *marker = NULL;

  if (fd < 0)
    return;

  marker = _casebook_store_session_path (file);
  if (flock (fd, LOCK_EX | LOCK_NB) == 0 && is_same_file (fd, marker))
    unlink (marker);
  close (fd);
}
