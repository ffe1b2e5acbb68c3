/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-sector-icons"

#include "config.h"

#include "casebook-sector-icons.h"

/* The icons live in the app's resources under RESOURCE_BASE/icons, which
 * GtkApplication adds to the icon theme's search path. */
static const struct
{
  const char *key;
  const char *icon_name;
} sector_icons[] = {
  { "finance", "casebook-sector-finance-symbolic" },
  { "manufacturing", "casebook-sector-manufacturing-symbolic" },
  { "internet", "casebook-sector-internet-symbolic" },
  { "government", "casebook-sector-government-symbolic" },
};

/**
 * casebook_sector_icon_name:
 * @sector_key: (nullable): a sector key, such as "finance"
 *
 * The symbolic icon of a sector. Sectors Casebook has no picture for,
 * such as those an imported collection brings, get a generic one.
 *
 * Returns: (transfer none): an icon name
 */
const char *
casebook_sector_icon_name (const char *sector_key)
{
  for (guint i = 0; i < G_N_ELEMENTS (sector_icons); i++)
    if (g_strcmp0 (sector_key, sector_icons[i].key) == 0)
      return sector_icons[i].icon_name;

  return "casebook-sector-other-symbolic";
}
