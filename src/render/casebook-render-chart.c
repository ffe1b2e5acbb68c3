/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "casebook-render-chart.h"

PangoLayout *
_casebook_render_text (PangoContext              *context,
                       const CasebookRenderTheme *theme,
                       const char                *text,
                       double                     size,
                       PangoWeight                weight)
{
  PangoLayout *layout = _casebook_render_font_layout_new (context, theme->font_family, size, weight);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

double
_casebook_render_text_width (PangoContext              *context,
                             const CasebookRenderTheme *theme,
                             const char                *text,
                             double                     size,
                             PangoWeight                weight)
{
  g_autoptr(PangoLayout) layout = _casebook_render_text (context, theme, text, size, weight);
  double width;

  _casebook_render_text_size (layout, &width, NULL);
  return width;
}

void
_casebook_render_show (cairo_t     *cr,
                       PangoLayout *layout,
                       double       x,
                       double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A light foreground means a dark background. */
gboolean
_casebook_render_theme_is_dark (const CasebookRenderTheme *theme)
{
  const CasebookRenderColor *fg = &theme->foreground;

  return 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue > 0.5;
}

/**
 * _casebook_render_background:
 *
 * The colour charts are drawn on: libadwaita's view background, light or
 * dark. Marks get a thin ring of it, so that overlapping marks stay apart.
 */
void
_casebook_render_background (const CasebookRenderTheme *theme,
                             CasebookRenderColor       *background)
{
  if (_casebook_render_theme_is_dark (theme))
    *background = (CasebookRenderColor) { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1 };
  else
    *background = (CasebookRenderColor) { 1, 1, 1, 1 };
}

/**
 * _casebook_render_sector_color:
 * @hex: (nullable): a sector colour, "#rrggbb"
 * @dark: whether it is drawn on a dark background
 *
 * The sector colours are mid-tones of the GNOME palette; on a dark
 * background they are lifted a little so that small marks keep their
 * contrast.
 */
void
_casebook_render_sector_color (const char          *hex,
                               gboolean             dark,
                               CasebookRenderColor *color)
{
  unsigned int r = 0x5e, g = 0x5c, b = 0x64;

  if (hex == NULL || strlen (hex) != 7 || hex[0] != '#' ||
      sscanf (hex + 1, "%02x%02x%02x", &r, &g, &b) != 3)
    {
      r = 0x5e;
      g = 0x5c;
      b = 0x64;
    }

  color->red = r / 255.0;
  color->green = g / 255.0;
  color->blue = b / 255.0;
  color->alpha = 1;

  if (dark)
    {
      color->red += (1 - color->red) * 0.22;
      color->green += (1 - color->green) * 0.22;
      color->blue += (1 - color->blue) * 0.22;
    }
}

/**
 * _casebook_render_no_data:
 *
 * What a chart without data shows instead of an empty frame: a faint
 * picture of an empty chart, a title and a sentence, in the middle.
 */
void
_casebook_render_no_data (cairo_t                   *cr,
                          PangoContext              *context,
                          const CasebookRenderTheme *theme,
                          double                     width,
                          double                     height,
                          const char                *title,
                          const char                *body)
{
  double f = theme->font_size > 0 ? theme->font_size : 13;
  g_autoptr(PangoLayout) heading = _casebook_render_text (context, theme, title, round (f * 1.15), PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) sentence = _casebook_render_text (context, theme, body, f, PANGO_WEIGHT_NORMAL);
  double icon = round (f * 2.4);
  double gap = round (f * 0.6);
  double hw, hh, bw, bh, total, y;

  pango_layout_set_width (sentence, (int) (MAX (width * 0.8, f * 8) * PANGO_SCALE));
  pango_layout_set_alignment (sentence, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (sentence, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (heading, (int) (MAX (width * 0.9, f * 8) * PANGO_SCALE));
  pango_layout_set_alignment (heading, PANGO_ALIGN_CENTER);
  _casebook_render_text_size (heading, &hw, &hh);
  _casebook_render_text_size (sentence, &bw, &bh);

  total = icon + gap + hh + gap * 0.5 + bh;
  y = round (MAX (0, (height - total) / 2));

  /* Three empty rows with a dashed axis: a chart waiting for numbers. */
  cairo_save (cr);
  _casebook_render_set_source (cr, &theme->dim_foreground, 0.6);
  cairo_set_line_width (cr, MAX (1.5, round (f * 0.12)));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int i = 0; i < 3; i++)
    {
      double ly = y + icon * (0.25 + i * 0.25);

      cairo_move_to (cr, width / 2 - icon * 0.7, ly);
      cairo_line_to (cr, width / 2 + icon * 0.7, ly);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  _casebook_render_set_source (cr, &theme->foreground, 1);
  _casebook_render_show (cr, heading, round ((width - pango_layout_get_width (heading) / (double) PANGO_SCALE) / 2),
                         y + icon + gap);
  _casebook_render_set_source (cr, &theme->dim_foreground, 1);
  _casebook_render_show (cr, sentence,
                         round ((width - pango_layout_get_width (sentence) / (double) PANGO_SCALE) / 2),
                         y + icon + gap + hh + gap * 0.5);
}
