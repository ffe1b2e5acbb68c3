/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"
#include "casebook-window.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_APPLICATION (casebook_application_get_type ())

G_DECLARE_FINAL_TYPE (CasebookApplication, casebook_application, CASEBOOK, APPLICATION, AdwApplication)

CasebookApplication *casebook_application_new              (void);
void                 casebook_application_apply_lang_option (int                  argc,
                                                            char                **argv);
void                 casebook_application_prefer_chinese_glyphs (void);

G_END_DECLS
