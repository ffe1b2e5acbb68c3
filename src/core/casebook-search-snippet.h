/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-case.h"
#include "casebook-lang.h"

G_BEGIN_DECLS

/* About how many characters of a text a snippet shows. */
#define CASEBOOK_SNIPPET_CHARS 100

char *casebook_search_snippet (CasebookCase  *c,
                               const char    *query,
                               CasebookLang   lang,
                               char         **plain);

G_END_DECLS
