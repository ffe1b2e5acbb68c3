/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"

G_BEGIN_DECLS

/* The render kit: what every drawing of the render library shares, the
 * charts, the timeline, the outcomes and the report. Private to the
 * render library. */

/* Pango 1.50 has no autoptr for its context; a name of our own cannot
 * clash with the one newer versions define. */
typedef PangoContext CasebookRenderContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookRenderContext, g_object_unref)

/* Text: casebook-render-text.c */
PangoContext *_casebook_render_context_new              (cairo_t                   *cr,
                                                         CasebookLang               lang);
PangoContext *_casebook_render_context_new_for_font_map (PangoFontMap              *font_map,
                                                         CasebookLang               lang);
PangoLayout  *_casebook_render_font_layout_new          (PangoContext              *context,
                                                         const char                *family,
                                                         double                     size,
                                                         PangoWeight                weight);
PangoLayout  *_casebook_render_layout_new               (PangoContext              *context,
                                                         const char                *family,
                                                         double                     size,
                                                         PangoWeight                weight,
                                                         const char                *markup);
void          _casebook_render_mark_chinese             (PangoLayout               *layout);
void          _casebook_render_text_size                (PangoLayout               *layout,
                                                         double                    *width,
                                                         double                    *height);
char         *_casebook_render_escape                   (const char                *text);
char         *_casebook_render_small_caps               (const char                *text,
                                                         CasebookLang               lang,
                                                         int                        letter_spacing);

/* Colours and shapes: casebook-render-shapes.c */
void          _casebook_render_set_source               (cairo_t                   *cr,
                                                         const CasebookRenderColor *color,
                                                         double                     alpha);
gboolean      _casebook_render_color_parse              (const char                *spec,
                                                         CasebookRenderColor       *color);
char         *_casebook_render_color_spec               (const CasebookRenderColor *color);
void          _casebook_render_rounded_rect             (cairo_t                   *cr,
                                                         double                     x,
                                                         double                     y,
                                                         double                     width,
                                                         double                     height,
                                                         double                     radius);

G_END_DECLS
