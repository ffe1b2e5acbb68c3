/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"
#include "casebook-coverage.h"

G_BEGIN_DECLS

/**
 * CasebookCoverageHighlight:
 * @focus: the cell with the keyboard focus, or -1
 * @hover: the cell under the pointer, or -1
 * @metric: (nullable): the metric family being compared, whose row stands out
 * @sector: (nullable): the sector chosen in it
 */
typedef struct
{
  int         focus;
  int         hover;
  const char *metric;
  const char *sector;
} CasebookCoverageHighlight;

typedef struct _CasebookCoverageLayout CasebookCoverageLayout;

CasebookCoverageLayout *casebook_coverage_layout_new        (CasebookCoverage                *coverage,
                                                             double                           width,
                                                             CasebookLang                     lang,
                                                             const CasebookRenderTheme       *theme,
                                                             const CasebookRenderColor       *background);
void                    casebook_coverage_layout_free       (CasebookCoverageLayout          *layout);
double                  casebook_coverage_layout_get_height (CasebookCoverageLayout          *layout);
guint                   casebook_coverage_layout_get_n_columns (CasebookCoverageLayout       *layout);
gboolean                casebook_coverage_layout_get_cell   (CasebookCoverageLayout          *layout,
                                                             guint                            index,
                                                             cairo_rectangle_t               *rect,
                                                             guint                           *metric,
                                                             int                             *sector);
int                     casebook_coverage_layout_hit_test   (CasebookCoverageLayout          *layout,
                                                             double                           x,
                                                             double                           y);
void                    casebook_render_coverage_layout     (cairo_t                         *cr,
                                                             CasebookCoverageLayout          *layout,
                                                             const CasebookCoverageHighlight *highlight);

double                  casebook_render_coverage_height_for_width (CasebookCoverage          *coverage,
                                                             double                           width,
                                                             CasebookLang                     lang,
                                                             const CasebookRenderTheme       *theme);
void                    casebook_render_coverage            (cairo_t                         *cr,
                                                             double                           width,
                                                             double                           height,
                                                             CasebookCoverage                *coverage,
                                                             CasebookLang                     lang,
                                                             const CasebookRenderTheme       *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookCoverageLayout, casebook_coverage_layout_free)

G_END_DECLS
