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
CasebookCase       *casebook_case_editor_get_draft    (CasebookCaseEditor *self);
GPtrArray          *casebook_case_editor_get_problems (CasebookCaseEditor *self);
gboolean            casebook_case_editor_is_valid     (CasebookCaseEditor *self);
gboolean            casebook_case_editor_is_dirty     (CasebookCaseEditor *self);
gboolean            casebook_case_editor_is_new       (CasebookCaseEditor *self);
void                casebook_case_editor_set_lang     (CasebookCaseEditor *self,
                                                       CasebookLang        lang);
void                casebook_case_editor_add_sector   (CasebookCaseEditor *self,
                                                       const char         *name_zh,
                                                       const char         *name_en);
gboolean            casebook_case_editor_save         (CasebookCaseEditor *self,
                                                       GError            **error);

G_END_DECLS
