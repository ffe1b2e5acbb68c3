/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void casebook_a11y_name_inner_button (GtkWidget  *widget,
                                      const char *name);

G_END_DECLS
