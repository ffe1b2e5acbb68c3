/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-collection.h"
#include "casebook-store.h"

G_BEGIN_DECLS

/* What a drag from the case list carries inside Casebook: the ids of
 * the dragged cases, a %NULL-terminated array of strings. */
#define CASEBOOK_TYPE_CASE_IDS (casebook_case_ids_get_type ())

GType casebook_case_ids_get_type (void) G_GNUC_CONST;

#define CASEBOOK_TYPE_COLLECTION_LIST (casebook_collection_list_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCollectionList, casebook_collection_list, CASEBOOK, COLLECTION_LIST, GtkWidget)

void                casebook_collection_list_set_store      (CasebookCollectionList *self,
                                                             CasebookStore          *store);
void                casebook_collection_list_reload         (CasebookCollectionList *self);
gint64              casebook_collection_list_get_selected   (CasebookCollectionList *self);
void                casebook_collection_list_select         (CasebookCollectionList *self,
                                                             gint64                  id);
CasebookCollection *casebook_collection_list_get_collection (CasebookCollectionList *self,
                                                             gint64                  id);
GMenuModel         *casebook_collection_list_get_add_menu   (CasebookCollectionList *self);

G_END_DECLS
