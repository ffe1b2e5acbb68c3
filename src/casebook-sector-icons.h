/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *casebook_sector_icon_name (const char *sector_key);

G_END_DECLS
