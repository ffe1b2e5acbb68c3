/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-chart-view.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
void               _casebook_chart_view_activate_mark    (CasebookChartView *self,
                                                          guint              mark);
CasebookCoverage  *_casebook_chart_view_get_coverage     (CasebookChartView *self);
char              *_casebook_chart_view_get_description  (CasebookChartView *self);
int                _casebook_chart_view_get_focus_mark   (CasebookChartView *self);
int                _casebook_chart_view_get_mark_at      (CasebookChartView *self,
                                                          double             x,
                                                          double             y);
gboolean           _casebook_chart_view_get_mark_position (CasebookChartView *self,
                                                          guint              mark,
                                                          double            *x,
                                                          double            *y);
char              *_casebook_chart_view_get_mark_tooltip (CasebookChartView *self,
                                                          guint              mark);
CasebookStats     *_casebook_chart_view_get_stats        (CasebookChartView *self);
gboolean           _casebook_chart_view_move_focus       (CasebookChartView *self,
                                                          GtkDirectionType   direction);

G_END_DECLS
