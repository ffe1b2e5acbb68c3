/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CasebookFacet:
 *
 * The ways the cases can be narrowed down. Several values of one facet
 * combine with OR, the facets with AND. %CASEBOOK_FACET_TAG is the
 * person's own tags (casebook_store_add_tag()). %CASEBOOK_FACET_SOURCE
 * is where a case comes from: "bundled", "own", or the URL of the
 * subscription that brought it (casebook-store-subscriptions.h).
 */
typedef enum
{
  CASEBOOK_FACET_SECTOR,
  CASEBOOK_FACET_SUBSECTOR,
  CASEBOOK_FACET_KIND,
  CASEBOOK_FACET_APPROACH,
  CASEBOOK_FACET_TECHNOLOGY,
  CASEBOOK_FACET_SIZE,
  CASEBOOK_FACET_YEAR,
  CASEBOOK_FACET_TAG,
  CASEBOOK_FACET_SOURCE,
  CASEBOOK_N_FACETS
} CasebookFacet;

typedef enum
{
  CASEBOOK_SORT_TITLE,
  CASEBOOK_SORT_SECTOR,
  CASEBOOK_SORT_PERIOD,
  CASEBOOK_SORT_SIZE,
  CASEBOOK_N_SORTS
} CasebookSort;

#define CASEBOOK_TYPE_FILTER (casebook_filter_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFilter, casebook_filter, CASEBOOK, FILTER, GObject)

CasebookFilter *casebook_filter_new          (void);
CasebookFilter *casebook_filter_copy         (CasebookFilter *self);
gboolean        casebook_filter_has          (CasebookFilter *self,
                                              CasebookFacet   facet,
                                              const char     *value);
void            casebook_filter_set          (CasebookFilter *self,
                                              CasebookFacet   facet,
                                              const char     *value,
                                              gboolean        active);
void            casebook_filter_clear_facets (CasebookFilter *self);
gboolean        casebook_filter_has_facets   (CasebookFilter *self);
guint           casebook_filter_count        (CasebookFilter *self,
                                              CasebookFacet   facet);
char          **casebook_filter_get_values   (CasebookFilter *self,
                                              CasebookFacet   facet);
char           *casebook_filter_to_json      (CasebookFilter *self,
                                              CasebookFacet   facet);
const char     *casebook_filter_get_query    (CasebookFilter *self);
void            casebook_filter_set_query    (CasebookFilter *self,
                                              const char     *query);

/* The collection the cases are restricted to (its store id), or 0 for
 * none. A plain collection lists its cases in the collection's order,
 * whatever CasebookSort the listing asks for; a smart one combines its
 * saved filter and search with this filter's, in the asked order. The
 * facets and the query narrow either. */
gint64          casebook_filter_get_collection (CasebookFilter *self);
void            casebook_filter_set_collection (CasebookFilter *self,
                                                gint64          collection_id);

/* The facets and the query as JSON text, and back: how the store keeps a
 * smart collection's filter. The collection restriction is not part of
 * it. */
char           *casebook_filter_serialize    (CasebookFilter *self);
CasebookFilter *casebook_filter_deserialize  (const char     *json,
                                              GError        **error);

G_END_DECLS
