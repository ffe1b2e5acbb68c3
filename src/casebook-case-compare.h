/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/* How many cases can stand side by side, and how few make a comparison. */
#define CASEBOOK_CASE_COMPARE_MIN 2
#define CASEBOOK_CASE_COMPARE_MAX 4

#define CASEBOOK_TYPE_CASE_COMPARE (casebook_case_compare_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseCompare, casebook_case_compare, CASEBOOK, CASE_COMPARE, AdwWindow)

CasebookCaseCompare *casebook_case_compare_new           (CasebookStore       *store,
                                                          CasebookLang         lang);
void                 casebook_case_compare_set_cases     (CasebookCaseCompare *self,
                                                          const char * const  *ids);

G_END_DECLS
