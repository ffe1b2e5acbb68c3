/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_TAG_BAR (casebook_tag_bar_get_type ())

G_DECLARE_FINAL_TYPE (CasebookTagBar, casebook_tag_bar, CASEBOOK, TAG_BAR, GtkWidget)

GtkWidget *casebook_tag_bar_new      (void);
void       casebook_tag_bar_set_case (CasebookTagBar *self,
                                      CasebookStore  *store,
                                      CasebookCase   *c);

G_END_DECLS
