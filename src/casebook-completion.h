/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CASEBOOK_TYPE_COMPLETION (casebook_completion_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCompletion, casebook_completion, CASEBOOK, COMPLETION, GObject)

CasebookCompletion *casebook_completion_attach     (GtkWidget          *editable,
                                                    const char * const *words);
void                casebook_completion_set_words  (CasebookCompletion *self,
                                                    const char * const *words);

G_END_DECLS
