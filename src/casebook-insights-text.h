/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char      *_casebook_insights_fold             (const char *text);
void       _casebook_insights_highlight        (GtkLabel   *label,
                                                const char *folded_query);
GtkWidget *_casebook_insights_table_holder_new (GtkWidget  *scroller,
                                                GtkWidget  *table);

G_END_DECLS
