/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"

G_BEGIN_DECLS

/* Helpers for laying out and drawing pages of text: the report and the
 * charts it holds. Private to the render library. */

PangoContext *_casebook_page_context_new   (PangoFontMap              *font_map,
                                              CasebookLang               lang);
PangoLayout  *_casebook_page_layout_new    (PangoContext              *context,
                                              const char                *family,
                                              double                     size,
                                              PangoWeight                weight,
                                              const char                *markup);
char         *_casebook_page_escape        (const char                *text);
char         *_casebook_page_small_caps    (const char                *text,
                                              CasebookLang               lang,
                                              int                        letter_spacing);
char         *_casebook_page_color_spec    (const CasebookRenderColor *color);
void          _casebook_page_mark_chinese  (PangoLayout               *layout);
void          _casebook_page_set_source    (cairo_t                   *cr,
                                              const CasebookRenderColor *color);
gboolean      _casebook_page_color_parse   (const char                *spec,
                                              CasebookRenderColor       *color);
void          _casebook_page_layout_size   (PangoLayout               *layout,
                                              double                    *width,
                                              double                    *height);
void          _casebook_page_rounded_rect  (cairo_t                   *cr,
                                              double                     x,
                                              double                     y,
                                              double                     width,
                                              double                     height,
                                              double                     radius);

G_END_DECLS
