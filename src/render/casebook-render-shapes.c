/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

/* The render kit's colours and shapes. */

#include <math.h>
#include <string.h>

#include "casebook-render-private.h"

void
_casebook_render_set_source (cairo_t                   *cr,
                             const CasebookRenderColor *color,
                             double                     alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * _casebook_render_color_parse:
 * @spec: a colour as `#rrggbb`
 *
 * Returns: %TRUE if @spec is such a colour
 */
gboolean
_casebook_render_color_parse (const char          *spec,
                              CasebookRenderColor *color)
{
  int channels[3];

  if (spec == NULL || spec[0] != '#' || strlen (spec) != 7)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (spec[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (spec[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      channels[i] = hi * 16 + lo;
    }

  color->red = channels[0] / 255.0;
  color->green = channels[1] / 255.0;
  color->blue = channels[2] / 255.0;
  color->alpha = 1;
  return TRUE;
}

/**
 * _casebook_render_color_spec:
 *
 * Returns: (transfer full): @color as `#rrggbb`, for a markup attribute
 */
char *
_casebook_render_color_spec (const CasebookRenderColor *color)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) round (color->red * 255),
                          (int) round (color->green * 255),
                          (int) round (color->blue * 255));
}

void
_casebook_render_rounded_rect (cairo_t *cr,
                               double   x,
                               double   y,
                               double   width,
                               double   height,
                               double   radius)
{
  radius = MAX (0, MIN (radius, MIN (width, height) / 2));

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
