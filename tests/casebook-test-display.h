/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Helpers of the display tests, which run real windows under Xvfb. */

typedef gboolean (*CasebookTestCondition) (gpointer data);

gboolean   casebook_test_wait_until  (CasebookTestCondition  condition,
                                      gpointer               data);
void       casebook_test_settle      (void);
GtkWidget *casebook_test_find_widget (GtkWidget             *widget,
                                      GType                  type);
AdwMessageDialog *casebook_test_find_message_dialog (const char *heading);

G_END_DECLS
