/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "casebook-document.h"

G_BEGIN_DECLS

#define CASEBOOK_JSON_ERROR (casebook_json_error_quark ())

typedef enum
{
  CASEBOOK_JSON_ERROR_EMPTY,
  CASEBOOK_JSON_ERROR_SYNTAX,
  CASEBOOK_JSON_ERROR_TOO_DEEP,
  CASEBOOK_JSON_ERROR_NUMBER,
  CASEBOOK_JSON_ERROR_INVALID,
  CASEBOOK_JSON_ERROR_VERSION,
  CASEBOOK_JSON_ERROR_TOO_LARGE,
} CasebookJsonError;

/* The largest file read: far above any real collection, and it keeps a
 * mistaken pick of a disk image from eating all memory. */
#define CASEBOOK_JSON_MAX_FILE_SIZE ((gsize) 1 << 30)

typedef struct _CasebookJsonStream CasebookJsonStream;

GQuark            casebook_json_error_quark      (void);

gboolean          casebook_json_check_syntax     (const char        *data,
                                                  gsize              length,
                                                  const char        *name,
                                                  GError           **error);
CasebookDocument *casebook_json_read_document    (const char        *data,
                                                  gsize              length,
                                                  const char        *name,
                                                  GError           **error);
CasebookDocument *casebook_json_read_file        (GFile             *file,
                                                  GError           **error);
CasebookJsonStream *casebook_json_stream_open    (const char         *data,
                                                  gsize               length,
                                                  const char         *name,
                                                  CasebookDocument  **header,
                                                  GError            **error);
guint             casebook_json_stream_get_n_cases (CasebookJsonStream *stream);
gsize             casebook_json_stream_get_case_offset (CasebookJsonStream *stream,
                                                    guint               index);
CasebookCase     *casebook_json_stream_read_case (CasebookJsonStream  *stream,
                                                  guint                index,
                                                  GError             **error);
void              casebook_json_stream_free      (CasebookJsonStream  *stream);
char             *casebook_json_write_document   (CasebookDocument  *document,
                                                  gsize             *length);
gboolean          casebook_json_write_file       (CasebookDocument  *document,
                                                  GFile             *file,
                                                  GError           **error);
char             *casebook_json_case_to_string   (CasebookCase      *c);
CasebookCase     *casebook_json_case_from_string (const char        *json,
                                                  GError           **error);
char             *casebook_json_insight_to_string   (const CasebookInsight *insight);
CasebookInsight  *casebook_json_insight_from_string (const char            *json,
                                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookJsonStream, casebook_json_stream_free)

G_END_DECLS
