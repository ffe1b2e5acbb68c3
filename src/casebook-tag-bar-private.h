/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-tag-bar.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
GtkEditable *_casebook_tag_bar_get_entry      (CasebookTagBar *self);
GtkLabel    *_casebook_tag_bar_get_error      (CasebookTagBar *self);
GStrv        _casebook_tag_bar_get_shown      (CasebookTagBar *self);
GtkButton   *_casebook_tag_bar_get_remove     (CasebookTagBar *self,
                                               const char     *tag);

G_END_DECLS
