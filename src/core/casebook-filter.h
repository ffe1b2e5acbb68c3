/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CasebookFacet:
 *
 * The ways the cases can be narrowed down. Several values of one facet
 * combine with OR, the facets with AND.
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

G_END_DECLS
