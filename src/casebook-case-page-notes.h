/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-parts.h"

G_BEGIN_DECLS

/* The case page's data-quality notes, shown beside what they question. */

gboolean   _casebook_note_is_about_outcome (const CasebookNote    *note,
                                            const CasebookOutcome *outcome,
                                            guint                  index);
GtkWidget *_casebook_note_sign_new         (int                    pixel_size);
GtkWidget *_casebook_note_card_new         (const char            *heading,
                                            const char            *text);
GtkWidget *_casebook_note_line_new         (const char            *text);

G_END_DECLS
