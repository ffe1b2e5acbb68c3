/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_PAGE (casebook_case_page_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCasePage, casebook_case_page, CASEBOOK, CASE_PAGE, GtkWidget)

CasebookCasePage *casebook_case_page_new      (void);
void              casebook_case_page_set_case (CasebookCasePage *self,
                                               CasebookStore    *store,
                                               CasebookCase     *c,
                                               CasebookLang      lang);
void              casebook_case_page_set_source (CasebookCasePage *self,
                                                 const char       *name);
gboolean          casebook_case_page_commit_note (CasebookCasePage *self);
void              casebook_case_page_set_collection_menu (CasebookCasePage *self,
                                                          GMenuModel       *menu);

G_END_DECLS
