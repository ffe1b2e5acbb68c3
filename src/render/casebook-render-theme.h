/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CasebookRenderColor:
 *
 * A colour as cairo takes it: each channel from 0 to 1.
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CasebookRenderColor;

/**
 * CasebookRenderTheme:
 * @foreground: text and strong marks
 * @dim_foreground: secondary text, such as axis labels
 * @grid: grid lines
 * @accent: the bars
 * @accent_foreground: text drawn on a bar
 * @font_family: (nullable): the font family, %NULL for "Sans"
 * @font_size: the body text size in user-space units (pixels on screen,
 *   points on a PDF page); other sizes derive from it
 *
 * What a drawing needs to know of its surroundings. A widget fills it from
 * its style; print and export use casebook_render_theme_init_default().
 */
typedef struct
{
  CasebookRenderColor  foreground;
  CasebookRenderColor  dim_foreground;
  CasebookRenderColor  grid;
  CasebookRenderColor  accent;
  CasebookRenderColor  accent_foreground;
  const char          *font_family;
  double               font_size;
} CasebookRenderTheme;

void casebook_render_theme_init_default (CasebookRenderTheme *theme);

G_END_DECLS
