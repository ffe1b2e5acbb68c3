/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-case.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_DOCUMENT (casebook_document_get_type ())

G_DECLARE_FINAL_TYPE (CasebookDocument, casebook_document, CASEBOOK, DOCUMENT, GObject)

CasebookDocument   *casebook_document_new            (void);
gint64              casebook_document_get_revision   (CasebookDocument *self);
void                casebook_document_set_revision   (CasebookDocument *self,
                                                      gint64            revision);
const CasebookText *casebook_document_get_title      (CasebookDocument *self);
void                casebook_document_take_title     (CasebookDocument *self,
                                                      CasebookText     *title);
const CasebookText *casebook_document_get_publisher  (CasebookDocument *self);
void                casebook_document_take_publisher (CasebookDocument *self,
                                                      CasebookText     *publisher);
GPtrArray          *casebook_document_get_cases      (CasebookDocument *self);
GPtrArray          *casebook_document_get_sectors    (CasebookDocument *self);
GPtrArray          *casebook_document_get_metrics    (CasebookDocument *self);
GPtrArray          *casebook_document_get_insights   (CasebookDocument *self);
GPtrArray          *casebook_document_get_ranges     (CasebookDocument *self);
GPtrArray          *casebook_document_get_references (CasebookDocument *self);
/* CasebookCollection objects (id 0), in file order. */
GPtrArray          *casebook_document_get_collections (CasebookDocument *self);

G_END_DECLS
