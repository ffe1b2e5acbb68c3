/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-chart-view.h"
#include "casebook-filter.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_COMPARE_VIEW (casebook_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCompareView, casebook_compare_view, CASEBOOK, COMPARE_VIEW, AdwBin)

void                 casebook_compare_view_set_store      (CasebookCompareView *self,
                                                           CasebookStore       *store,
                                                           CasebookFilter      *filter,
                                                           CasebookLang         lang);
void                 casebook_compare_view_set_lang       (CasebookCompareView *self,
                                                           CasebookLang         lang);
void                 casebook_compare_view_select         (CasebookCompareView *self,
                                                           const char          *metric,
                                                           const char          *sector);

G_END_DECLS
