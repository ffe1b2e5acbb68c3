/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-catalog.h"
#include "casebook-filter.h"
#include "casebook-lang.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_FILTER_PANE (casebook_filter_pane_get_type ())

G_DECLARE_FINAL_TYPE (CasebookFilterPane, casebook_filter_pane, CASEBOOK, FILTER_PANE, GtkWidget)

void                casebook_filter_pane_set_filter  (CasebookFilterPane *self,
                                                      CasebookFilter     *filter);
void                casebook_filter_pane_set_catalog (CasebookFilterPane *self,
                                                      CasebookCatalog    *catalog);
void                casebook_filter_pane_set_lang    (CasebookFilterPane *self,
                                                      CasebookLang        lang);
void                casebook_filter_pane_update      (CasebookFilterPane *self,
                                                      GPtrArray          *facets);

G_END_DECLS
