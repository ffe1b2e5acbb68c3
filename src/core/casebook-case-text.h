/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-case.h"
#include "casebook-lang.h"

G_BEGIN_DECLS

/* The scheme and host of a link to a case: casebook://case/ID. */
#define CASEBOOK_CASE_LINK_PREFIX "casebook://case/"

char     *casebook_case_format_text     (CasebookCase  *c,
                                         const char    *sector_name,
                                         CasebookLang   lang);
char     *casebook_case_format_markdown (CasebookCase  *c,
                                         const char    *sector_name,
                                         CasebookLang   lang);
char     *casebook_markdown_escape      (const char    *text);

char     *casebook_case_link_for_id     (const char    *id);
gboolean  casebook_case_link_is_link    (const char    *uri);
char     *casebook_case_link_parse      (const char    *uri,
                                         GError       **error);

G_END_DECLS
