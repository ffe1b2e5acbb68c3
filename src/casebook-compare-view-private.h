/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-compare-view.h"

G_BEGIN_DECLS

/* For the window's Ctrl+C on a chart (casebook-window-desktop.c), and
 * the tests. */
CasebookChartView   *_casebook_compare_view_get_chart      (CasebookCompareView *self);
CasebookChartView   *_casebook_compare_view_get_coverage_chart (CasebookCompareView *self);
GdkTexture          *_casebook_compare_view_render_chart   (CasebookCompareView *self,
                                                            gboolean             coverage,
                                                            double               scale,
                                                            GError             **error);

/* For the tests only: the application itself does not call these. */
gboolean             _casebook_compare_view_export_chart   (CasebookCompareView *self,
                                                            gboolean             coverage,
                                                            const char          *path,
                                                            GError             **error);
const char          *_casebook_compare_view_get_metric     (CasebookCompareView *self);
const char          *_casebook_compare_view_get_sector     (CasebookCompareView *self);
GListModel          *_casebook_compare_view_get_table_model (CasebookCompareView *self);
gboolean             _casebook_compare_view_has_loaded     (CasebookCompareView *self);
gboolean             _casebook_compare_view_is_loading     (CasebookCompareView *self);
void                 _casebook_compare_view_set_show_table (CasebookCompareView *self,
                                                            gboolean             show_table);

G_END_DECLS
