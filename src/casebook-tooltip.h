/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        casebook_tooltip_set_text (GtkWidget  *widget,
                                       const char *text);
const char *casebook_tooltip_get_text (GtkWidget  *widget);

G_END_DECLS
