/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_LIST (casebook_case_list_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseList, casebook_case_list, CASEBOOK, CASE_LIST, GObject)

CasebookCaseList *casebook_case_list_new       (CasebookStore    *store,
                                                CasebookLang      lang);
CasebookStore    *casebook_case_list_get_store (CasebookCaseList *self);
CasebookLang      casebook_case_list_get_lang  (CasebookCaseList *self);
void              casebook_case_list_set_lang  (CasebookCaseList *self,
                                                CasebookLang      lang);
const char       *casebook_case_list_get_query (CasebookCaseList *self);
void              casebook_case_list_set_query (CasebookCaseList *self,
                                                const char       *query);
void              casebook_case_list_reload    (CasebookCaseList *self);

G_END_DECLS
