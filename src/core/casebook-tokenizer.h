/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CASEBOOK_TOKENIZER_NAME "casebook"

/* How much of a query is searched for; see casebook_search_build_match(). */
#define CASEBOOK_SEARCH_MAX_TERMS 32
#define CASEBOOK_SEARCH_MAX_CHARS 256

/* The callback receives each token with its byte offsets in the input and
 * whether it shares its position with the previous token. */
typedef void (*CasebookTokenFunc) (const char *token,
                                   gsize       length,
                                   gboolean    colocated,
                                   gpointer    user_data);

gboolean casebook_tokenizer_register (sqlite3           *db,
                                      GError           **error);
void     casebook_tokenize           (const char        *text,
                                      gssize             length,
                                      gboolean           for_query,
                                      CasebookTokenFunc  func,
                                      gpointer           user_data);
char    *casebook_search_build_match (const char        *query);

G_END_DECLS
