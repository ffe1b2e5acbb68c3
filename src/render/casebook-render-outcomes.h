/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "casebook-parts.h"
#include "casebook-render-theme.h"

G_BEGIN_DECLS

/**
 * CasebookRenderOutcomes:
 *
 * A chart of numeric outcomes: one row per outcome, its label on the left,
 * a bar on a scale that suits its unit, and the figure on the right. A
 * level in percent sits on a 0–100% track, a change grows from a zero line,
 * a multiple grows from 1× on a logarithmic scale; rows of the same unit
 * share their scale, so a chart of one metric across many cases compares
 * like with like. A baseline shows as a grey band behind the bar.
 *
 * Rows can be drawn a few at a time, so a long chart can run over pages.
 */
typedef struct _CasebookRenderOutcomes CasebookRenderOutcomes;

CasebookRenderOutcomes *casebook_render_outcomes_new             (const CasebookRenderTheme *theme,
                                                                  CasebookLang               lang);
void                    casebook_render_outcomes_free            (CasebookRenderOutcomes    *self);
gboolean                casebook_render_outcomes_add             (CasebookRenderOutcomes    *self,
                                                                  const char                *label,
                                                                  const CasebookRenderColor *swatch,
                                                                  const CasebookOutcome     *outcome);
guint                   casebook_render_outcomes_get_n_rows      (CasebookRenderOutcomes    *self);
double                  casebook_render_outcomes_layout          (CasebookRenderOutcomes    *self,
                                                                  PangoContext              *context,
                                                                  double                     width);
void                    casebook_render_outcomes_align           (CasebookRenderOutcomes   **charts,
                                                                  guint                      n_charts,
                                                                  PangoContext              *context,
                                                                  double                     width);
double                  casebook_render_outcomes_get_row_height  (CasebookRenderOutcomes    *self,
                                                                  guint                      row);
char                   *casebook_render_outcomes_describe_scales (CasebookRenderOutcomes    *self);
void                    casebook_render_outcomes_draw            (CasebookRenderOutcomes    *self,
                                                                  cairo_t                   *cr,
                                                                  guint                      first_row,
                                                                  guint                      n_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookRenderOutcomes, casebook_render_outcomes_free)

G_END_DECLS
