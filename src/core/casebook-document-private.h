/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-document.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
CasebookCase       *_casebook_document_find_case      (CasebookDocument *self,
                                                       const char       *id);

G_END_DECLS
