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


#define CASEBOOK_TYPE_FACET_PICKER (casebook_facet_picker_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFacetPicker, casebook_facet_picker, CASEBOOK, FACET_PICKER, GtkListBoxRow)

CasebookFacetPicker *casebook_facet_picker_new          (CasebookFacet           facet,
                                                         const char             *sector,
                                                         CasebookFacetLabelFunc  label_func,
                                                         gpointer                user_data);
const char          *casebook_facet_picker_get_sector   (CasebookFacetPicker    *self);
void                 casebook_facet_picker_set_filter   (CasebookFacetPicker    *self,
                                                         CasebookFilter         *filter);
void                 casebook_facet_picker_set_values   (CasebookFacetPicker    *self,
                                                         CasebookFacetGroups    *groups,
                                                         GPtrArray              *values);
void                 casebook_facet_picker_relabel      (CasebookFacetPicker    *self);
void                 casebook_facet_picker_sync_checks  (CasebookFacetPicker    *self);
void                 casebook_facet_picker_popup        (CasebookFacetPicker    *self);

G_END_DECLS
