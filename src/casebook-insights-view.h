/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_INSIGHTS_VIEW (casebook_insights_view_get_type ())

G_DECLARE_FINAL_TYPE (CasebookInsightsView, casebook_insights_view, CASEBOOK, INSIGHTS_VIEW, AdwBin)

void                  casebook_insights_view_set_store       (CasebookInsightsView *self,
                                                              CasebookStore        *store,
                                                              CasebookLang          lang);
void                  casebook_insights_view_set_lang        (CasebookInsightsView *self,
                                                              CasebookLang          lang);

G_END_DECLS
