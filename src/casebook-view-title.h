/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CASEBOOK_TYPE_VIEW_TITLE (casebook_view_title_get_type ())

G_DECLARE_FINAL_TYPE (CasebookViewTitle, casebook_view_title, CASEBOOK, VIEW_TITLE, GtkWidget)

AdwViewStack *casebook_view_title_get_stack         (CasebookViewTitle *self);
void          casebook_view_title_set_stack         (CasebookViewTitle *self,
                                                     AdwViewStack      *stack);
const char   *casebook_view_title_get_title         (CasebookViewTitle *self);
void          casebook_view_title_set_title         (CasebookViewTitle *self,
                                                     const char        *title);
const char   *casebook_view_title_get_subtitle      (CasebookViewTitle *self);
void          casebook_view_title_set_subtitle      (CasebookViewTitle *self,
                                                     const char        *subtitle);
gboolean      casebook_view_title_get_title_visible (CasebookViewTitle *self);

G_END_DECLS
