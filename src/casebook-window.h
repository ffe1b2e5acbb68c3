/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-application.h"
#include "casebook-filter.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_WINDOW (casebook_window_get_type ())

G_DECLARE_FINAL_TYPE (CasebookWindow, casebook_window, CASEBOOK, WINDOW, AdwApplicationWindow)

CasebookWindow *casebook_window_new       (CasebookApplication *app,
                                           CasebookStore       *store,
                                           const GError        *store_error);
GListModel     *casebook_window_get_cases        (CasebookWindow      *self);
CasebookFilter *casebook_window_get_filter       (CasebookWindow      *self);
CasebookCase   *casebook_window_get_current_case (CasebookWindow      *self);
void            casebook_window_set_lang         (CasebookWindow      *self,
                                                  CasebookLang         lang);
void            casebook_window_select_case      (CasebookWindow      *self,
                                                  const char          *id);

G_END_DECLS
