/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_EDITOR (casebook_case_editor_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseEditor, casebook_case_editor, CASEBOOK, CASE_EDITOR, AdwWindow)

CasebookCaseEditor *casebook_case_editor_new          (CasebookStore      *store,
                                                       CasebookCase       *c,
                                                       gboolean            is_new,
                                                       CasebookLang        lang);

G_END_DECLS
