/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-chart-view.h"
#include "casebook-filter.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_COMPARE_VIEW (casebook_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCompareView, casebook_compare_view, CASEBOOK, COMPARE_VIEW, AdwBin)

CasebookCompareView *casebook_compare_view_new            (void);
void                 casebook_compare_view_set_store      (CasebookCompareView *self,
                                                           CasebookStore       *store,
                                                           CasebookFilter      *filter,
                                                           CasebookLang         lang);
void                 casebook_compare_view_set_lang       (CasebookCompareView *self,
                                                           CasebookLang         lang);
const char          *casebook_compare_view_get_metric     (CasebookCompareView *self);
void                 casebook_compare_view_set_metric     (CasebookCompareView *self,
                                                           const char          *metric);
void                 casebook_compare_view_select         (CasebookCompareView *self,
                                                           const char          *metric,
                                                           const char          *sector);
const char          *casebook_compare_view_get_sector     (CasebookCompareView *self);
gboolean             casebook_compare_view_is_loading     (CasebookCompareView *self);
gboolean             casebook_compare_view_has_loaded     (CasebookCompareView *self);
void                 casebook_compare_view_set_show_table (CasebookCompareView *self,
                                                           gboolean             show_table);
GListModel          *casebook_compare_view_get_table_model (CasebookCompareView *self);
CasebookChartView   *casebook_compare_view_get_chart      (CasebookCompareView *self);
CasebookChartView   *casebook_compare_view_get_coverage_chart (CasebookCompareView *self);
gboolean             casebook_compare_view_export_chart   (CasebookCompareView *self,
                                                           gboolean             coverage,
                                                           const char          *path,
                                                           GError             **error);

G_END_DECLS
