/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-filter.h"

G_BEGIN_DECLS

/* A named group of cases the person puts together: either an ordered
 * list of case ids, or (smart) a saved filter and search that the store
 * evaluates whenever the collection is shown. The same object carries a
 * collection read from a file (id 0) and one held by a store. */

#define CASEBOOK_TYPE_COLLECTION (casebook_collection_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCollection, casebook_collection, CASEBOOK, COLLECTION, GObject)

CasebookCollection *casebook_collection_new               (const char          *name);
CasebookCollection *casebook_collection_new_smart         (const char          *name,
                                                           CasebookFilter      *filter);

gint64              casebook_collection_get_id            (CasebookCollection  *self);
void                casebook_collection_set_id            (CasebookCollection  *self,
                                                           gint64               id);
const char         *casebook_collection_get_name          (CasebookCollection  *self);
void                casebook_collection_set_name          (CasebookCollection  *self,
                                                           const char          *name);
const char         *casebook_collection_get_introduction  (CasebookCollection  *self);
void                casebook_collection_set_introduction  (CasebookCollection  *self,
                                                           const char          *introduction);
gboolean            casebook_collection_is_smart          (CasebookCollection  *self);
CasebookFilter     *casebook_collection_get_filter        (CasebookCollection  *self);
void                casebook_collection_set_filter        (CasebookCollection  *self,
                                                           CasebookFilter      *filter);
/* Ordered case ids of a plain collection (empty for a smart one). */
GPtrArray          *casebook_collection_get_case_ids      (CasebookCollection  *self);
/* Number of cases as last counted by the store (plain or smart). */
guint               casebook_collection_get_n_cases       (CasebookCollection  *self);
void                casebook_collection_set_n_cases       (CasebookCollection  *self,
                                                           guint                n_cases);

G_END_DECLS
