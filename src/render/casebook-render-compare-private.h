/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-render-compare.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
gboolean               _casebook_compare_layout_get_axis   (CasebookCompareLayout          *layout,
                                                            guint                           panel,
                                                            CasebookCompareAxis            *axis);
gboolean               _casebook_compare_layout_get_row_y  (CasebookCompareLayout          *layout,
                                                            guint                           panel,
                                                            guint                           row,
                                                            double                         *top,
                                                            double                         *centre,
                                                            double                         *bottom);
double                 _casebook_compare_layout_get_width  (CasebookCompareLayout          *layout);
gboolean               _casebook_compare_layout_is_aggregated (CasebookCompareLayout       *layout,
                                                            guint                           panel,
                                                            guint                           row);
gboolean               _casebook_compare_layout_is_empty   (CasebookCompareLayout          *layout);
double                 _casebook_compare_layout_value_to_x (CasebookCompareLayout          *layout,
                                                            guint                           panel,
                                                            double                          value);

G_END_DECLS
