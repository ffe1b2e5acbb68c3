/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-render-compare.h"

G_BEGIN_DECLS

/* The layout, shared by computing it (casebook-render-compare.c) and
 * drawing it (casebook-render-compare-draw.c). */

#define MAX_TICKS 32
#define BIN_WIDTH 2.0
#define N_LANES 3

typedef struct
{
  double               top;
  double               cy;
  CasebookRenderColor  color;
  gboolean             aggregated;
  guint                n_bins;
  guint               *bins;
  guint                max_bin;
  char                *subtitle;
} RowLayout;

typedef struct
{
  double     top;
  double     axis_top;
  double     rows_top;
  double     bottom;
  double     lo;
  double     hi;
  guint      n_ticks;
  double     ticks[MAX_TICKS];
  gboolean   labelled[MAX_TICKS];
  double     emphasis;
  char      *caption;
  char      *direction;
  RowLayout *rows;
} PanelLayout;

struct _CasebookCompareLayout
{
  CasebookStats        *stats;
  CasebookRenderTheme   theme;
  char                 *font_family;
  CasebookRenderColor   background;
  gboolean              dark;
  CasebookLang          lang;

  double                width;
  double                height;
  double                f;
  double                small;
  double                tiny;
  double                radius;
  double                row_h;
  double                pad;
  double                name_w;
  double                x0;
  double                x1;
  double                legend_h;
  double                legend_x[5];
  double                legend_y[5];
  gboolean              legend_shown[5];
  guint                 max_dots;
  gboolean              has_density;
  gboolean              narrow;
  double                name_h;
  gboolean              has_baseline;
  gboolean              has_range;
  gboolean              empty;

  guint                 n_panels;
  PanelLayout          *panels;

  /* Per point: the dot's centre and its label's origin; NAN when the
   * point is not drawn as a dot (its row is a density strip), or has no
   * label (no room). */
  double               *px;
  double               *py;
  double               *lx;
  double               *ly;
};

char       *_casebook_compare_tick_label       (CasebookScale          scale,
                                               CasebookUnit           unit,
                                               double                 axis,
                                               CasebookLang           lang);
const char *_casebook_compare_legend_text      (CasebookCompareLayout *self,
                                               guint                  item);
double      _casebook_compare_axis_x           (CasebookCompareLayout *self,
                                               const PanelLayout     *p,
                                               double                 axis);
double      _casebook_compare_legend_key_width (CasebookCompareLayout *self,
                                               guint                  item);

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
