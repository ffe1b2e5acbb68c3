/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-fetch.h"

G_BEGIN_DECLS

/* For tests: the time allowed for connecting and for the headers, and
 * between two pieces of the body (@timeout_seconds; the whole fetch gets
 * four times that), the largest body (@max_bytes) and the most redirects
 * followed (@max_redirects). 0 for any of them restores its default. */
void _casebook_fetch_set_limits (guint  timeout_seconds,
                                 gsize  max_bytes,
                                 guint  max_redirects);

/* Shared by the parts of casebook-fetch: casebook-fetch.c (the API and
 * HTTP, the only file of the core that uses libsoup) and
 * casebook-fetch-file.c (the temporary file and file:// URLs). */

struct _CasebookFetchResult
{
  gboolean  not_modified;
  char     *path;           /* the temporary file, deleted with the result */
  char     *etag;
  char     *last_modified;
  char     *url;
};

typedef struct
{
  guint timeout;            /* connecting, the headers, and between two reads */
  guint deadline;           /* the whole fetch */
  gsize max_bytes;
  guint max_redirects;
} CasebookFetchLimits;

/* A body on its way to a temporary file. */
typedef struct
{
  GFile         *file;
  GOutputStream *out;       /* owned by io */
  GFileIOStream *io;
  gsize          written;
} CasebookFetchTemp;

gboolean             _casebook_fetch_temp_open         (CasebookFetchTemp          *tmp,
                                                        const char                 *shown,
                                                        GError                    **error);
gboolean             _casebook_fetch_temp_write        (CasebookFetchTemp          *tmp,
                                                        const void                 *data,
                                                        gsize                       length,
                                                        const char                 *shown,
                                                        GError                    **error);
gboolean             _casebook_fetch_temp_finish       (CasebookFetchTemp          *tmp,
                                                        char                      **path,
                                                        const char                 *shown,
                                                        GError                    **error);
void                 _casebook_fetch_temp_clear        (CasebookFetchTemp          *tmp);

void                 _casebook_fetch_set_too_big       (GError                    **error,
                                                        const char                 *shown,
                                                        guint64                     size,
                                                        gsize                       limit);
void                 _casebook_fetch_set_grew_too_big  (GError                    **error,
                                                        const char                 *shown,
                                                        gsize                       limit);
void                 _casebook_fetch_set_cancelled     (GError                    **error,
                                                        const char                 *shown);

CasebookFetchResult *_casebook_fetch_file              (const char                 *url,
                                                        const char                 *path,
                                                        const char                 *shown,
                                                        const char                 *etag,
                                                        const char                 *last_modified,
                                                        const CasebookFetchLimits  *lim,
                                                        GCancellable               *cancellable,
                                                        GError                    **error);

G_END_DECLS
