/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-application.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
GSettings           *_casebook_application_get_settings     (CasebookApplication  *self);
CasebookStore       *_casebook_application_get_store        (CasebookApplication  *self);
CasebookWindow      *_casebook_application_new_window      (CasebookApplication  *self,
                                                             CasebookStore        *store,
                                                             const GError         *store_error);
void                 _casebook_application_set_db_path      (CasebookApplication  *self,
                                                             const char           *path);

G_END_DECLS
