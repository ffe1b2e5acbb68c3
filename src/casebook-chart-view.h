/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-coverage.h"
#include "casebook-stats.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CHART_VIEW (casebook_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (CasebookChartView, casebook_chart_view, CASEBOOK, CHART_VIEW, GtkWidget)

void               casebook_chart_view_set_stats        (CasebookChartView *self,
                                                         CasebookStats     *stats,
                                                         CasebookLang       lang);
CasebookStats     *casebook_chart_view_get_stats        (CasebookChartView *self);
void               casebook_chart_view_set_coverage     (CasebookChartView *self,
                                                         CasebookCoverage  *coverage,
                                                         CasebookLang       lang);
CasebookCoverage  *casebook_chart_view_get_coverage     (CasebookChartView *self);
void               casebook_chart_view_set_selection    (CasebookChartView *self,
                                                         const char        *metric,
                                                         const char        *sector);
gboolean           casebook_chart_view_get_mark_position (CasebookChartView *self,
                                                         guint              mark,
                                                         double            *x,
                                                         double            *y);
int                casebook_chart_view_get_mark_at      (CasebookChartView *self,
                                                         double             x,
                                                         double             y);
char              *casebook_chart_view_get_mark_tooltip (CasebookChartView *self,
                                                         guint              mark);
void               casebook_chart_view_activate_mark    (CasebookChartView *self,
                                                         guint              mark);
int                casebook_chart_view_get_focus_mark   (CasebookChartView *self);
gboolean           casebook_chart_view_move_focus       (CasebookChartView *self,
                                                         GtkDirectionType   direction);
char              *casebook_chart_view_get_description  (CasebookChartView *self);

G_END_DECLS
