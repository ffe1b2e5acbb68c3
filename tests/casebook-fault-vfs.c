/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-fault-vfs"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "casebook-fault-vfs.h"

/* A SQLite VFS for tests that passes everything to the default VFS, but
 * counts the writes and syncs of every file opened through it and, once
 * armed, fails the Nth of them the way a full or broken disk does. SQLite
 * proves its own recovery this way; the tests use it to run each change
 * Casebook makes under every failure point, deterministically and without
 * root. Locks go through the default VFS, so a store opened through the
 * shim and the same store opened normally see each other's locks. */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;  /* the default VFS's file, allocated right after */
} FaultFile;

static struct
{
  GMutex             lock;
  gboolean           armed;
  CasebookFaultOps   ops;
  guint              after;
  CasebookFaultKind  kind;
  gboolean           persist;
  guint              n_ops;
  guint              n_failed;
  guint              n_reads;
  CasebookFaultReadFunc read_func;
  gpointer           read_data;
} fault;

static sqlite3_vfs *root_vfs;

/* Counts an operation of kind @op and says whether it is the one (or,
 * persisting, one of those) that must fail. */
static gboolean
should_fail (CasebookFaultOps op)
{
  gboolean fail = FALSE;

  g_mutex_lock (&fault.lock);
  if (fault.armed && (fault.ops & op) != 0)
    {
      guint n = fault.n_ops++;

      fail = n == fault.after || (fault.persist && n > fault.after);
      if (fail)
        fault.n_failed++;
    }
  g_mutex_unlock (&fault.lock);

  return fail;
}

static int
fault_code (int io_error)
{
  return fault.kind == CASEBOOK_FAULT_DISK_FULL ? SQLITE_FULL : io_error;
}

#define REAL(file) (((FaultFile *) (file))->real)

static int
fault_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
fault_read (sqlite3_file *file,
            void         *buffer,
            int           amount,
            sqlite3_int64 offset)
{
  CasebookFaultReadFunc func;
  gpointer data;
  guint n;

  g_mutex_lock (&fault.lock);
  n = ++fault.n_reads;
  func = fault.read_func;
  data = fault.read_data;
  g_mutex_unlock (&fault.lock);

  if (func != NULL)
    func (n, data);

  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
fault_write (sqlite3_file  *file,
             const void    *buffer,
             int            amount,
             sqlite3_int64  offset)
{
  if (should_fail (CASEBOOK_FAULT_WRITE))
    return fault_code (SQLITE_IOERR_WRITE);
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file  *file,
                sqlite3_int64  size)
{
  if (should_fail (CASEBOOK_FAULT_WRITE))
    return fault_code (SQLITE_IOERR_TRUNCATE);
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

/* A sync that does not fail is not passed on: the tests play a crash by
 * copying the files, which the page cache serves, and waiting for the
 * disk hundreds of times would only make them slow. */
static int
fault_sync (sqlite3_file *file,
            int           flags)
{
  if (should_fail (CASEBOOK_FAULT_SYNC))
    return fault_code (SQLITE_IOERR_FSYNC);
  return SQLITE_OK;
}

static int
fault_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
fault_lock (sqlite3_file *file,
            int           level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
fault_unlock (sqlite3_file *file,
              int           level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
fault_check_reserved_lock (sqlite3_file *file,
                           int          *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
fault_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
fault_shm_map (sqlite3_file  *file,
               int            region,
               int            size,
               int            extend,
               void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), region, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
fault_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
fault_fetch (sqlite3_file   *file,
             sqlite3_int64   offset,
             int             amount,
             void          **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file  *file,
               sqlite3_int64  offset,
               void          *page)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, page);
}

static const sqlite3_io_methods fault_io_methods = {
  3,
  fault_close,
  fault_read,
  fault_write,
  fault_truncate,
  fault_sync,
  fault_file_size,
  fault_lock,
  fault_unlock,
  fault_check_reserved_lock,
  fault_file_control,
  fault_sector_size,
  fault_device_characteristics,
  fault_shm_map,
  fault_shm_lock,
  fault_shm_barrier,
  fault_shm_unmap,
  fault_fetch,
  fault_unfetch,
};

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *ff = (FaultFile *) file;
  int rc;

  ff->real = (sqlite3_file *) &ff[1];
  rc = root_vfs->xOpen (root_vfs, name, ff->real, flags, out_flags);

  /* SQLite closes a file whose pMethods is set, even after a failed open. */
  ff->base.pMethods = ff->real->pMethods != NULL ? &fault_io_methods : NULL;

  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs,
              const char  *name,
              int          sync_dir)
{
  return root_vfs->xDelete (root_vfs, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs,
              const char  *name,
              int          flags,
              int         *out)
{
  return root_vfs->xAccess (root_vfs, name, flags, out);
}

static int
fault_full_pathname (sqlite3_vfs *vfs,
                     const char  *name,
                     int          n_out,
                     char        *out)
{
  return root_vfs->xFullPathname (root_vfs, name, n_out, out);
}

static void *
fault_dl_open (sqlite3_vfs *vfs,
               const char  *name)
{
  return root_vfs->xDlOpen (root_vfs, name);
}

static void
fault_dl_error (sqlite3_vfs *vfs,
                int          n,
                char        *out)
{
  root_vfs->xDlError (root_vfs, n, out);
}

static void (*
fault_dl_sym (sqlite3_vfs *vfs,
              void        *handle,
              const char  *symbol)) (void)
{
  return root_vfs->xDlSym (root_vfs, handle, symbol);
}

static void
fault_dl_close (sqlite3_vfs *vfs,
                void        *handle)
{
  root_vfs->xDlClose (root_vfs, handle);
}

static int
fault_randomness (sqlite3_vfs *vfs,
                  int          n,
                  char        *out)
{
  return root_vfs->xRandomness (root_vfs, n, out);
}

static int
fault_sleep (sqlite3_vfs *vfs,
             int          microseconds)
{
  return root_vfs->xSleep (root_vfs, microseconds);
}

static int
fault_current_time (sqlite3_vfs *vfs,
                    double      *out)
{
  return root_vfs->xCurrentTime (root_vfs, out);
}

static int
fault_get_last_error (sqlite3_vfs *vfs,
                      int          n,
                      char        *out)
{
  return root_vfs->xGetLastError (root_vfs, n, out);
}

static int
fault_current_time_int64 (sqlite3_vfs   *vfs,
                          sqlite3_int64 *out)
{
  return root_vfs->xCurrentTimeInt64 (root_vfs, out);
}

static sqlite3_vfs fault_vfs = {
  2,
  0,
  0,
  NULL,
  CASEBOOK_FAULT_VFS_NAME,
  NULL,
  fault_open,
  fault_delete,
  fault_access,
  fault_full_pathname,
  fault_dl_open,
  fault_dl_error,
  fault_dl_sym,
  fault_dl_close,
  fault_randomness,
  fault_sleep,
  fault_current_time,
  fault_get_last_error,
  fault_current_time_int64,
  NULL,
  NULL,
  NULL,
};

/**
 * casebook_fault_vfs_register:
 *
 * Makes the `faulty` VFS available, disarmed; the default VFS stays the
 * default. Safe to call more than once.
 */
void
casebook_fault_vfs_register (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_assert_cmpint (sqlite3_initialize (), ==, SQLITE_OK);
      root_vfs = sqlite3_vfs_find (NULL);
      g_assert_nonnull (root_vfs);
      g_assert_cmpint (root_vfs->iVersion, >=, 2);

      fault_vfs.szOsFile = (int) sizeof (FaultFile) + root_vfs->szOsFile;
      fault_vfs.mxPathname = root_vfs->mxPathname;
      g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 0), ==, SQLITE_OK);

      g_once_init_leave (&done, 1);
    }
}

/**
 * casebook_fault_vfs_arm:
 * @ops: which operations count
 * @after: how many of them succeed before one fails: 0 fails the first
 * @kind: how it fails
 * @persist: whether every later operation fails too, as on a full disk,
 *   or only that one, as with a passing fault
 *
 * Starts counting from zero.
 */
void
casebook_fault_vfs_arm (CasebookFaultOps   ops,
                        guint              after,
                        CasebookFaultKind  kind,
                        gboolean           persist)
{
  g_mutex_lock (&fault.lock);
  fault.armed = TRUE;
  fault.ops = ops;
  fault.after = after;
  fault.kind = kind;
  fault.persist = persist;
  fault.n_ops = 0;
  fault.n_failed = 0;
  g_mutex_unlock (&fault.lock);
}

/**
 * casebook_fault_vfs_disarm:
 *
 * Lets everything through again; the counts stay readable.
 */
void
casebook_fault_vfs_disarm (void)
{
  g_mutex_lock (&fault.lock);
  fault.armed = FALSE;
  g_mutex_unlock (&fault.lock);
}

/**
 * casebook_fault_vfs_get_n_ops:
 *
 * Returns: how many operations of the armed kinds were counted
 */
guint
casebook_fault_vfs_get_n_ops (void)
{
  guint n;

  g_mutex_lock (&fault.lock);
  n = fault.n_ops;
  g_mutex_unlock (&fault.lock);

  return n;
}

/**
 * casebook_fault_vfs_get_n_failed:
 *
 * Returns: how many operations were made to fail
 */
guint
casebook_fault_vfs_get_n_failed (void)
{
  guint n;

  g_mutex_lock (&fault.lock);
  n = fault.n_failed;
  g_mutex_unlock (&fault.lock);

  return n;
}

/**
 * casebook_fault_vfs_watch_reads:
 * @func: (nullable): called before every read of a file opened through
 *   the shim, on the reading thread, with the number of the read
 * @user_data: for @func
 *
 * Counts reads from zero again. A test uses it to act while a statement is
 * running, such as cancelling it halfway, at a point it can repeat.
 */
void
casebook_fault_vfs_watch_reads (CasebookFaultReadFunc func,
                                gpointer              user_data)
{
  g_mutex_lock (&fault.lock);
  fault.n_reads = 0;
  fault.read_func = func;
  fault.read_data = user_data;
  g_mutex_unlock (&fault.lock);
}

/**
 * casebook_fault_vfs_get_n_reads:
 *
 * Returns: how many reads went through the shim since
 *   casebook_fault_vfs_watch_reads()
 */
guint
casebook_fault_vfs_get_n_reads (void)
{
  guint n;

  g_mutex_lock (&fault.lock);
  n = fault.n_reads;
  g_mutex_unlock (&fault.lock);

  return n;
}
