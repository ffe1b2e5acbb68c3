/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-filter.h"
#include "casebook-parts.h"
#include "casebook-store.h"

G_BEGIN_DECLS

typedef struct _CasebookFacetGroups CasebookFacetGroups;

CasebookFacetGroups *casebook_facet_groups_new          (GPtrArray           *values);
CasebookFacetGroups *casebook_facet_groups_ref          (CasebookFacetGroups *self);
void                 casebook_facet_groups_unref        (CasebookFacetGroups *self);
GPtrArray           *casebook_facet_groups_get          (CasebookFacetGroups *self,
                                                         CasebookFacet        facet);
GPtrArray           *casebook_facet_groups_get_subsectors (CasebookFacetGroups *self,
                                                           const char          *sector);
const CasebookFacetValue *casebook_facet_groups_lookup  (CasebookFacetGroups *self,
                                                         CasebookFacet        facet,
                                                         const char          *key);

gboolean             casebook_facet_values_name_products (CasebookStore  *store,
                                                          GPtrArray      *values,
                                                          CasebookFilter *filter,
                                                          GHashTable     *names,
                                                          guint           limit,
                                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookFacetGroups, casebook_facet_groups_unref)

G_END_DECLS
