/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "casebook-render-theme.h"

/**
 * casebook_render_theme_init_default:
 *
 * Fills @theme with dark text on white and the GNOME blue accent, the
 * colours of a printed page or an exported image.
 */
void
casebook_render_theme_init_default (CasebookRenderTheme *theme)
{
  g_return_if_fail (theme != NULL);

  /* libadwaita's light palette: window_fg_color, and the blue accent. */
  theme->foreground = (CasebookRenderColor) { 0, 0, 0, 0.8 };
  theme->dim_foreground = (CasebookRenderColor) { 0, 0, 0, 0.55 };
  theme->grid = (CasebookRenderColor) { 0, 0, 0, 0.12 };
  theme->accent = (CasebookRenderColor) { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1 };
  theme->accent_foreground = (CasebookRenderColor) { 1, 1, 1, 1 };
  theme->font_family = "Sans";
  theme->font_size = 13;
}
