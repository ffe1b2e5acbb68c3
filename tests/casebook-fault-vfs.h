/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name to select the shim with in a store path, as in
 * `file:/tmp/x/store.db?vfs=faulty`. */
#define CASEBOOK_FAULT_VFS_NAME "faulty"

typedef enum
{
  CASEBOOK_FAULT_WRITE = 1 << 0,  /* xWrite and xTruncate */
  CASEBOOK_FAULT_SYNC  = 1 << 1,  /* xSync */
} CasebookFaultOps;

typedef enum
{
  CASEBOOK_FAULT_DISK_FULL,  /* SQLITE_FULL, as from ENOSPC */
  CASEBOOK_FAULT_IO_ERROR,   /* SQLITE_IOERR_WRITE, _TRUNCATE or _FSYNC */
} CasebookFaultKind;

/* Called with the number of each read since reads were last reset. */
typedef void (*CasebookFaultReadFunc) (guint    n_read,
                                       gpointer user_data);

void     casebook_fault_vfs_register      (void);
void     casebook_fault_vfs_arm           (CasebookFaultOps   ops,
                                           guint              after,
                                           CasebookFaultKind  kind,
                                           gboolean           persist);
void     casebook_fault_vfs_disarm        (void);
guint    casebook_fault_vfs_get_n_ops     (void);
guint    casebook_fault_vfs_get_n_failed  (void);
void     casebook_fault_vfs_watch_reads   (CasebookFaultReadFunc func,
                                           gpointer              user_data);
guint    casebook_fault_vfs_get_n_reads   (void);

G_END_DECLS
