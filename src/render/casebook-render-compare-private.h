/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "casebook-render-compare.h"

G_BEGIN_DECLS

/* The layout, shared by computing it (casebook-render-compare.c) and
 * drawing it (casebook-render-compare-draw.c). */

#define MAX_TICKS 32
#define BIN_WIDTH 2.0
#define N_LANES 3

/* The legend's entries, in the order they are shown. */
enum
{
  LEGEND_CASE,
  LEGEND_MEAN,
  LEGEND_BAND,
  LEGEND_TICK,
  LEGEND_BASELINE,
  LEGEND_DENSITY,
  N_LEGEND
};

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
  /* The report's range: a band from x0 to x1, or a tick at x0 when it
   * is one value; NAN when the row has none (or it cannot be drawn). */
  double               range_x0;
  double               range_x1;
  gboolean             range_tick;
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
  double                legend_x[N_LEGEND];
  double                legend_y[N_LEGEND];
  gboolean              legend_shown[N_LEGEND];
  guint                 max_dots;
  gboolean              has_density;
  gboolean              narrow;
  double                name_h;
  gboolean              has_baseline;
  gboolean              has_band;
  gboolean              has_tick;
  gboolean              empty;
  double                label_h;
  double                label_max_w;

  guint                 n_panels;
  PanelLayout          *panels;

  /* Per point: the dot's centre and its label's origin; NAN when the
   * point is not drawn as a dot (its row is a density strip), or has no
   * label (no room). Labels are the case's short name, in labels, and
   * take lw × label_h. */
  double               *px;
  double               *py;
  double               *lx;
  double               *ly;
  double               *lw;
  char                **labels;
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
PangoLayout *_casebook_compare_label_layout    (CasebookCompareLayout *self,
                                               PangoContext          *context,
                                               const char            *text);
char       *_casebook_compare_short_name       (const CasebookStatsPoint *point,
                                               CasebookLang           lang);

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
const char            *_casebook_compare_layout_get_label  (CasebookCompareLayout          *layout,
                                                            guint                           point,
                                                            double                         *x,
                                                            double                         *y,
                                                            double                         *width,
                                                            double                         *height);
gboolean               _casebook_compare_layout_get_range  (CasebookCompareLayout          *layout,
                                                            guint                           panel,
                                                            guint                           row,
                                                            double                         *x0,
                                                            double                         *x1,
                                                            gboolean                       *tick);
char                 **_casebook_compare_layout_dup_legend (CasebookCompareLayout          *layout);

G_END_DECLS
