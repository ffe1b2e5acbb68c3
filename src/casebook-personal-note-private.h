/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-personal-note.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
gboolean     _casebook_personal_note_is_editing   (CasebookPersonalNote *self);
const char  *_casebook_personal_note_get_shown    (CasebookPersonalNote *self);
GtkTextView *_casebook_personal_note_get_text_view (CasebookPersonalNote *self);
GtkLabel    *_casebook_personal_note_get_message  (CasebookPersonalNote *self);
GtkButton   *_casebook_personal_note_get_button   (CasebookPersonalNote *self,
                                                   const char           *name);

G_END_DECLS
