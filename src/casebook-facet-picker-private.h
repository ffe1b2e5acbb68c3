/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-facet-picker.h"

G_BEGIN_DECLS

/* For the tests only. */
guint       _casebook_facet_item_get_count (CasebookFacetItem *self);
const char *_casebook_facet_item_get_key   (CasebookFacetItem *self);
const char *_casebook_facet_item_get_label (CasebookFacetItem *self);
void                 _casebook_facet_picker_choose       (CasebookFacetPicker    *self,
                                                         guint                   position);
GtkSearchEntry      *_casebook_facet_picker_get_entry    (CasebookFacetPicker    *self);
guint                _casebook_facet_picker_get_n_values (CasebookFacetPicker    *self);
GtkPopover          *_casebook_facet_picker_get_popover  (CasebookFacetPicker    *self);
GListModel          *_casebook_facet_picker_get_shown    (CasebookFacetPicker    *self);
void                 _casebook_facet_picker_popdown      (CasebookFacetPicker    *self);

G_END_DECLS
