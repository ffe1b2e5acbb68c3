/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-case-check.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
gboolean               _casebook_date_is_valid    (const char         *date);
const CasebookProblem *_casebook_problems_find    (GPtrArray          *problems,
                                                   const char         *path);
gboolean               _casebook_problems_under   (GPtrArray          *problems,
                                                   const char         *prefix);

G_END_DECLS
