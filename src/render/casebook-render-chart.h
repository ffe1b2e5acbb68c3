/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "casebook-lang.h"
#include "casebook-render-private.h"
#include "casebook-render-theme.h"

G_BEGIN_DECLS

/* Pieces the charts share beyond the render kit: their text sizes,
 * backgrounds and sector colours. Private to the render library. */

PangoLayout  *_casebook_render_text             (PangoContext              *context,
                                                 const CasebookRenderTheme *theme,
                                                 const char                *text,
                                                 double                     size,
                                                 PangoWeight                weight);
double        _casebook_render_text_width       (PangoContext              *context,
                                                 const CasebookRenderTheme *theme,
                                                 const char                *text,
                                                 double                     size,
                                                 PangoWeight                weight);
void          _casebook_render_show             (cairo_t                   *cr,
                                                 PangoLayout               *layout,
                                                 double                     x,
                                                 double                     y);
gboolean      _casebook_render_theme_is_dark    (const CasebookRenderTheme *theme);
void          _casebook_render_background       (const CasebookRenderTheme *theme,
                                                 CasebookRenderColor       *background);
void          _casebook_render_sector_color     (const char                *hex,
                                                 gboolean                   dark,
                                                 CasebookRenderColor       *color);
void          _casebook_render_no_data          (cairo_t                   *cr,
                                                 PangoContext              *context,
                                                 const CasebookRenderTheme *theme,
                                                 double                     width,
                                                 double                     height,
                                                 const char                *title,
                                                 const char                *body);

G_END_DECLS
