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
void               casebook_chart_view_set_coverage     (CasebookChartView *self,
                                                         CasebookCoverage  *coverage,
                                                         CasebookLang       lang);
void               casebook_chart_view_set_selection    (CasebookChartView *self,
                                                         const char        *metric,
                                                         const char        *sector);

G_END_DECLS
