/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-application.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_WINDOW (casebook_window_get_type ())

G_DECLARE_FINAL_TYPE (CasebookWindow, casebook_window, CASEBOOK, WINDOW, AdwApplicationWindow)

CasebookWindow *casebook_window_new       (CasebookApplication *app,
                                           CasebookStore       *store,
                                           const GError        *store_error);
GListModel     *casebook_window_get_cases (CasebookWindow      *self);

G_END_DECLS
