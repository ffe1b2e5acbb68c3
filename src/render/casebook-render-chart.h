/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"

G_BEGIN_DECLS

/* Pieces the charts share: text, colours and shapes. Private to the
 * render library. */

/* Pango 1.50 has no autoptr for its context; a name of our own cannot
 * clash with the one newer versions define. */
typedef PangoContext CasebookRenderContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookRenderContext, g_object_unref)

PangoContext *_casebook_render_context_new      (cairo_t                   *cr,
                                                 CasebookLang               lang);
PangoLayout  *_casebook_render_text             (PangoContext              *context,
                                                 const CasebookRenderTheme *theme,
                                                 const char                *text,
                                                 double                     size,
                                                 PangoWeight                weight);
void          _casebook_render_text_size        (PangoLayout               *layout,
                                                 double                    *width,
                                                 double                    *height);
double        _casebook_render_text_width       (PangoContext              *context,
                                                 const CasebookRenderTheme *theme,
                                                 const char                *text,
                                                 double                     size,
                                                 PangoWeight                weight);
void          _casebook_render_show             (cairo_t                   *cr,
                                                 PangoLayout               *layout,
                                                 double                     x,
                                                 double                     y);
void          _casebook_render_set_source       (cairo_t                   *cr,
                                                 const CasebookRenderColor *color,
                                                 double                     alpha);
gboolean      _casebook_render_theme_is_dark    (const CasebookRenderTheme *theme);
void          _casebook_render_background       (const CasebookRenderTheme *theme,
                                                 CasebookRenderColor       *background);
void          _casebook_render_sector_color     (const char                *hex,
                                                 gboolean                   dark,
                                                 CasebookRenderColor       *color);
void          _casebook_render_rounded_rect     (cairo_t                   *cr,
                                                 double                     x,
                                                 double                     y,
                                                 double                     width,
                                                 double                     height,
                                                 double                     radius);
void          _casebook_render_no_data          (cairo_t                   *cr,
                                                 PangoContext              *context,
                                                 const CasebookRenderTheme *theme,
                                                 double                     width,
                                                 double                     height,
                                                 const char                *title,
                                                 const char                *body);

G_END_DECLS
