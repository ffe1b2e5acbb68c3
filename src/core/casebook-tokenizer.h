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

/**
 * CasebookSearchTerm:
 * @text: the term as the query has it
 * @folded: the term as the index compares it
 * @cjk: whether it is a run of CJK characters rather than a word
 * @prefix: whether a word matches the start of longer words
 *
 * One term of a search; see casebook_search_parse_terms().
 */
typedef struct
{
  char     *text;
  char     *folded;
  gboolean  cjk;
  gboolean  prefix;
} CasebookSearchTerm;

/* Receives a run of word or CJK characters: its byte offsets in @text. */
typedef void (*CasebookRunFunc) (const char *text,
                                 gsize       start,
                                 gsize       end,
                                 gboolean    cjk,
                                 gpointer    user_data);

gboolean casebook_tokenizer_register (sqlite3           *db,
                                      GError           **error);
void     casebook_tokenize           (const char        *text,
                                      gssize             length,
                                      gboolean           for_query,
                                      CasebookTokenFunc  func,
                                      gpointer           user_data);
char    *casebook_search_build_match (const char        *query);
GPtrArray *casebook_search_parse_terms (const char      *query);
void     casebook_search_term_free   (CasebookSearchTerm *term);
char    *casebook_search_fold_word   (const char        *word,
                                      gssize             length);
void     casebook_tokenize_runs      (const char        *text,
                                      gssize             length,
                                      CasebookRunFunc    func,
                                      gpointer           user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookSearchTerm, casebook_search_term_free)

G_END_DECLS
