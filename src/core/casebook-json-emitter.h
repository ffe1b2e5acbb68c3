/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-document.h"

G_BEGIN_DECLS

/**
 * CasebookJsonSink:
 * @bytes: (array length=length): the next bytes of the document
 *
 * Takes the next bytes of a document being written.
 *
 * Returns: %FALSE with @error set if they could not be written
 */
typedef gboolean (*CasebookJsonSink) (gpointer       data,
                                      const void    *bytes,
                                      gsize          length,
                                      GCancellable  *cancellable,
                                      GError       **error);

gboolean casebook_json_sink_stream (gpointer       data,
                                   const void    *bytes,
                                   gsize          length,
                                   GCancellable  *cancellable,
                                   GError       **error);

typedef struct _CasebookJsonEmitter CasebookJsonEmitter;

CasebookJsonEmitter *casebook_json_emitter_new        (CasebookJsonSink      sink,
                                                       gpointer              sink_data,
                                                       GCancellable         *cancellable);
CasebookJsonEmitter *casebook_json_emitter_new_for_stream (GOutputStream     *stream,
                                                           GCancellable      *cancellable);
gboolean             casebook_json_emitter_begin      (CasebookJsonEmitter  *self,
                                                       CasebookDocument     *head,
                                                       GError              **error);
gboolean             casebook_json_emitter_add_case   (CasebookJsonEmitter  *self,
                                                       CasebookCase         *c,
                                                       GError              **error);
gboolean             casebook_json_emitter_end        (CasebookJsonEmitter  *self,
                                                       GError              **error);
guint                casebook_json_emitter_get_n_cases (CasebookJsonEmitter *self);
void                 casebook_json_emitter_free       (CasebookJsonEmitter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookJsonEmitter, casebook_json_emitter_free)

G_END_DECLS
