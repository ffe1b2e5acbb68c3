/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-facet-groups.h"
#include "casebook-filter.h"

G_BEGIN_DECLS

/**
 * CasebookFacetLabelFunc:
 * @value: a value of a facet
 * @user_data: the data given with the function
 *
 * Returns: (transfer none): how the value reads in the interface
 */
typedef const char *(*CasebookFacetLabelFunc) (const CasebookFacetValue *value,
                                               gpointer                  user_data);

#define CASEBOOK_TYPE_FACET_ITEM (casebook_facet_item_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFacetItem, casebook_facet_item, CASEBOOK, FACET_ITEM, GObject)

const char *casebook_facet_item_get_key   (CasebookFacetItem *self);
const char *casebook_facet_item_get_label (CasebookFacetItem *self);
guint       casebook_facet_item_get_count (CasebookFacetItem *self);

#define CASEBOOK_TYPE_FACET_PICKER (casebook_facet_picker_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFacetPicker, casebook_facet_picker, CASEBOOK, FACET_PICKER, GtkListBoxRow)

CasebookFacetPicker *casebook_facet_picker_new          (CasebookFacet           facet,
                                                         const char             *sector,
                                                         CasebookFacetLabelFunc  label_func,
                                                         gpointer                user_data);
CasebookFacet        casebook_facet_picker_get_facet    (CasebookFacetPicker    *self);
const char          *casebook_facet_picker_get_sector   (CasebookFacetPicker    *self);
void                 casebook_facet_picker_set_filter   (CasebookFacetPicker    *self,
                                                         CasebookFilter         *filter);
void                 casebook_facet_picker_set_values   (CasebookFacetPicker    *self,
                                                         CasebookFacetGroups    *groups,
                                                         GPtrArray              *values);
guint                casebook_facet_picker_get_n_values (CasebookFacetPicker    *self);
void                 casebook_facet_picker_relabel      (CasebookFacetPicker    *self);
void                 casebook_facet_picker_sync_checks  (CasebookFacetPicker    *self);
void                 casebook_facet_picker_popup        (CasebookFacetPicker    *self);
void                 casebook_facet_picker_popdown      (CasebookFacetPicker    *self);
GtkPopover          *casebook_facet_picker_get_popover  (CasebookFacetPicker    *self);
GtkSearchEntry      *casebook_facet_picker_get_entry    (CasebookFacetPicker    *self);
GListModel          *casebook_facet_picker_get_shown    (CasebookFacetPicker    *self);
void                 casebook_facet_picker_choose       (CasebookFacetPicker    *self,
                                                         guint                   position);

G_END_DECLS
