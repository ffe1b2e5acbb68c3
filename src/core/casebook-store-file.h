/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a file given as the store seems to be, from its first bytes alone,
 * so that nothing that is not Casebook's is ever opened for writing. */
typedef enum
{
  CASEBOOK_STORE_FILE_MISSING,
  CASEBOOK_STORE_FILE_EMPTY,
  CASEBOOK_STORE_FILE_OURS,        /* SQLite, with Casebook's application id */
  CASEBOOK_STORE_FILE_UNSTAMPED,   /* SQLite, no application id, a schema version */
  CASEBOOK_STORE_FILE_SQLITE,      /* another program's SQLite database */
  CASEBOOK_STORE_FILE_JSON,
  CASEBOOK_STORE_FILE_COLLECTION,  /* JSON that holds "cases" */
  CASEBOOK_STORE_FILE_DIRECTORY,
  CASEBOOK_STORE_FILE_OTHER,
} CasebookStoreFileKind;

gboolean  _casebook_store_file_is_uri         (const char             *path);
char     *_casebook_store_file_from_uri       (const char             *path);
gboolean  _casebook_store_file_identify       (const char             *path,
                                               CasebookStoreFileKind  *kind,
                                               GError                **error);
gboolean  _casebook_store_file_is_old_store   (const char             *path);
void      _casebook_store_file_set_not_a_store_error (GError               **error,
                                                      const char            *path,
                                                      CasebookStoreFileKind  kind);
gboolean  _casebook_store_file_check_folder   (const char             *path,
                                               GError                **error);
gboolean  _casebook_store_file_folder_is_writable (const char         *path);
gboolean  _casebook_store_file_is_wal_mode    (const char             *path);

G_END_DECLS
