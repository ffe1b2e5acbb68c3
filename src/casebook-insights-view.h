/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_INSIGHTS_VIEW (casebook_insights_view_get_type ())

G_DECLARE_FINAL_TYPE (CasebookInsightsView, casebook_insights_view, CASEBOOK, INSIGHTS_VIEW, AdwBin)

CasebookInsightsView *casebook_insights_view_new             (void);
void                  casebook_insights_view_set_store       (CasebookInsightsView *self,
                                                              CasebookStore        *store,
                                                              CasebookLang          lang);
void                  casebook_insights_view_set_lang        (CasebookInsightsView *self,
                                                              CasebookLang          lang);
void                  casebook_insights_view_set_query       (CasebookInsightsView *self,
                                                              const char           *query);
gboolean              casebook_insights_view_is_built        (CasebookInsightsView *self);
guint                 casebook_insights_view_get_n_matches   (CasebookInsightsView *self);
gboolean              casebook_insights_view_shows_text      (CasebookInsightsView *self,
                                                              const char           *text);
char                **casebook_insights_view_get_chapters    (CasebookInsightsView *self);
gboolean              casebook_insights_view_scroll_to       (CasebookInsightsView *self,
                                                              const char           *chapter);

G_END_DECLS
