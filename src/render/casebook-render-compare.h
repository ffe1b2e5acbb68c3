/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"
#include "casebook-stats.h"

G_BEGIN_DECLS

/**
 * CasebookCompareAxis:
 * @scale: how values map to the axis
 * @x0: where the axis starts, in user-space units
 * @x1: where it ends
 * @lo: the axis position (see casebook_scale_to_axis()) at @x0
 * @hi: the axis position at @x1
 * @top: the top of the panel's rows
 * @bottom: the bottom of the panel's rows
 *
 * Where a panel's values are drawn: value v sits at
 * x0 + (casebook_scale_to_axis (scale, v) − lo) / (hi − lo) × (x1 − x0).
 */
typedef struct
{
  CasebookScale scale;
  double        x0;
  double        x1;
  double        lo;
  double        hi;
  double        top;
  double        bottom;
} CasebookCompareAxis;

/**
 * CasebookCompareHighlight:
 * @focus: the point with the keyboard focus, or -1
 * @hover: the point under the pointer, or -1
 * @sector: (nullable): a sector whose rows stand out, or %NULL
 *
 * What a widget adds to the drawing; print and export draw none of it.
 */
typedef struct
{
  int         focus;
  int         hover;
  const char *sector;
} CasebookCompareHighlight;

/**
 * CasebookCompareBin:
 * @panel: the panel
 * @row: the row in the panel
 * @count: how many values the bin holds
 * @lo: the smallest value the bin covers, in the panel's unit
 * @hi: the largest
 *
 * Part of a row with more values than there is room for dots, drawn as
 * a density strip.
 */
typedef struct
{
  guint  panel;
  guint  row;
  guint  count;
  double lo;
  double hi;
} CasebookCompareBin;

typedef struct _CasebookCompareLayout CasebookCompareLayout;

CasebookCompareLayout *casebook_compare_layout_new        (CasebookStats                  *stats,
                                                           double                          width,
                                                           CasebookLang                    lang,
                                                           const CasebookRenderTheme      *theme,
                                                           const CasebookRenderColor      *background);
void                   casebook_compare_layout_free       (CasebookCompareLayout          *layout);
double                 casebook_compare_layout_get_height (CasebookCompareLayout          *layout);
gboolean               casebook_compare_layout_get_mark   (CasebookCompareLayout          *layout,
                                                           guint                           point,
                                                           double                         *x,
                                                           double                         *y,
                                                           double                         *radius);
int                    casebook_compare_layout_hit_test   (CasebookCompareLayout          *layout,
                                                           double                          x,
                                                           double                          y);
gboolean               casebook_compare_layout_get_bin_at (CasebookCompareLayout          *layout,
                                                           double                          x,
                                                           double                          y,
                                                           CasebookCompareBin             *bin);
void                   casebook_render_compare_layout     (cairo_t                        *cr,
                                                           CasebookCompareLayout          *layout,
                                                           const CasebookCompareHighlight *highlight);

double                 casebook_render_compare_height_for_width (CasebookStats            *stats,
                                                           double                          width,
                                                           CasebookLang                    lang,
                                                           const CasebookRenderTheme      *theme);
void                   casebook_render_compare            (cairo_t                        *cr,
                                                           double                          width,
                                                           double                          height,
                                                           CasebookStats                  *stats,
                                                           CasebookLang                    lang,
                                                           const CasebookRenderTheme      *theme);

char                  *casebook_render_compare_scale_caption (const CasebookStatsPanel    *panel,
                                                           CasebookLang                    lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookCompareLayout, casebook_compare_layout_free)

G_END_DECLS
