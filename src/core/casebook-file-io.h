/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CASEBOOK_FILE_ERROR (casebook_file_error_quark ())

typedef enum
{
  CASEBOOK_FILE_ERROR_TOO_LARGE,
} CasebookFileError;

typedef struct _CasebookFileWriter CasebookFileWriter;

GQuark              casebook_file_error_quark      (void);

char               *casebook_file_read_bounded     (GFile               *file,
                                                    gsize                limit,
                                                    gsize               *length,
                                                    GCancellable        *cancellable,
                                                    GError             **error);

GMappedFile        *casebook_file_map_bounded      (GFile               *file,
                                                    gsize                limit,
                                                    GError             **error);

CasebookFileWriter *casebook_file_writer_new       (GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
gboolean            casebook_file_writer_write     (CasebookFileWriter  *self,
                                                    const void          *data,
                                                    gsize                length);
void                casebook_file_writer_fail      (CasebookFileWriter  *self,
                                                    GError              *error);
gboolean            casebook_file_writer_has_failed (CasebookFileWriter *self);
gboolean            casebook_file_writer_commit    (CasebookFileWriter  *self,
                                                    GError             **error);
void                casebook_file_writer_free      (CasebookFileWriter  *self);

gboolean            casebook_file_write_contents   (GFile               *file,
                                                    const void          *data,
                                                    gsize                length,
                                                    GError             **error);

/* For tests: every writer then fails once it has written @n_bytes in all,
 * with @errsv (ENOSPC, EIO, EPIPE…), as a full or broken disk would. 0
 * for @errsv turns this off. */
void                _casebook_file_io_fail_writes_after (gsize n_bytes,
                                                         int   errsv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookFileWriter, casebook_file_writer_free)

G_END_DECLS
