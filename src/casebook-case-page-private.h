/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-case-page.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
CasebookCase     *_casebook_case_page_get_case (CasebookCasePage *self);
CasebookLang      _casebook_case_page_get_lang (CasebookCasePage *self);
GtkWidget        *_casebook_case_page_get_tag_bar (CasebookCasePage *self);
GtkWidget        *_casebook_case_page_get_personal_note (CasebookCasePage *self);

G_END_DECLS
