/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_PERSONAL_NOTE (casebook_personal_note_get_type ())

G_DECLARE_FINAL_TYPE (CasebookPersonalNote, casebook_personal_note, CASEBOOK, PERSONAL_NOTE, GtkWidget)

GtkWidget *casebook_personal_note_new      (void);
void       casebook_personal_note_set_case (CasebookPersonalNote *self,
                                            CasebookStore        *store,
                                            CasebookCase         *c);
gboolean   casebook_personal_note_commit   (CasebookPersonalNote *self);

G_END_DECLS
