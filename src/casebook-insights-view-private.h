/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-insights-view.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
char                **_casebook_insights_view_get_chapters    (CasebookInsightsView *self);
gboolean              _casebook_insights_view_is_built        (CasebookInsightsView *self);
GPtrArray            *_casebook_insights_view_get_marks       (CasebookInsightsView *self);
GtkWidget            *_casebook_insights_view_next_match      (CasebookInsightsView *self,
                                                               int                   step);
guint                 _casebook_insights_view_get_n_matches   (CasebookInsightsView *self);
guint                 _casebook_insights_view_get_n_other_matches (CasebookInsightsView *self);
void                  _casebook_insights_view_set_query       (CasebookInsightsView *self,
                                                               const char           *query);
gboolean              _casebook_insights_view_shows_text      (CasebookInsightsView *self,
                                                               const char           *text);

G_END_DECLS
