/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"

G_BEGIN_DECLS

double   casebook_render_timeline_height_for_width (GPtrArray                 *phases,
                                                    double                     width,
                                                    const CasebookRenderTheme *theme);
double   casebook_render_timeline_measure          (GPtrArray                 *phases,
                                                    double                     width,
                                                    const CasebookRenderTheme *theme,
                                                    CasebookLang               lang);
void     casebook_render_timeline                  (cairo_t                   *cr,
                                                    double                     width,
                                                    double                     height,
                                                    GPtrArray                 *phases,
                                                    CasebookLang               lang,
                                                    const CasebookRenderTheme *theme);
gboolean casebook_render_timeline_get_bar          (GPtrArray                 *phases,
                                                    double                     width,
                                                    const CasebookRenderTheme *theme,
                                                    CasebookLang               lang,
                                                    guint                      index,
                                                    cairo_rectangle_t         *bar);

G_END_DECLS
