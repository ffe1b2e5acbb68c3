/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-filter.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_FACET_ROW (casebook_facet_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFacetRow, casebook_facet_row, CASEBOOK, FACET_ROW, GtkListBoxRow)

CasebookFacetRow *casebook_facet_row_new        (CasebookFacet     facet,
                                                 const char       *key);
CasebookFacet     casebook_facet_row_get_facet  (CasebookFacetRow *self);
const char       *casebook_facet_row_get_key    (CasebookFacetRow *self);
void              casebook_facet_row_set_label  (CasebookFacetRow *self,
                                                 const char       *label);
void              casebook_facet_row_set_count  (CasebookFacetRow *self,
                                                 guint             count);
gboolean          casebook_facet_row_get_active (CasebookFacetRow *self);
void              casebook_facet_row_set_active (CasebookFacetRow *self,
                                                 gboolean          active);
void              casebook_facet_row_toggle     (CasebookFacetRow *self);
void              casebook_facet_row_set_color  (CasebookFacetRow *self,
                                                 const char       *color);
void              casebook_facet_row_set_indent (CasebookFacetRow *self,
                                                 gboolean          indent);

void              casebook_facet_row_set_expandable (CasebookFacetRow *self,
                                                     gboolean          expandable);
gboolean          casebook_facet_row_get_expanded   (CasebookFacetRow *self);
void              casebook_facet_row_set_expanded   (CasebookFacetRow *self,
                                                     gboolean          expanded);

G_END_DECLS
