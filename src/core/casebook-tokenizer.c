/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-tokenizer"

#include "config.h"

#include <string.h>

#include "casebook-json.h"
#include "casebook-search-rank.h"
#include "casebook-store.h"
#include "casebook-tokenizer.h"

/* FTS5's unicode61 tokenizer treats a whole run of Chinese characters as
 * one token, and trigram finds nothing below three characters, while most
 * Chinese words are two characters long. This tokenizer indexes CJK text
 * the way Lucene's CJK analyzer does: every character, plus every pair of
 * neighbouring characters at the same position. A query of one character
 * then matches the single characters; a longer query becomes the phrase of
 * its pairs, which matches exactly where those characters stand in a row.
 * Other text is split into case-folded words. */

#define MAX_TOKEN_BYTES 256

static gboolean
casebook_unichar_is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return g_unichar_isalpha (c) || g_unichar_type (c) == G_UNICODE_OTHER_LETTER;
    default:
      return FALSE;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
emit_word (const char        *start,
           const char        *end,
           CasebookTokenFunc  func,
           gpointer           user_data)
{
  gboolean ascii = TRUE;

  for (const char *p = start; p < end; p++)
    if ((guchar) *p >= 0x80)
      ascii = FALSE;

  if (ascii)
    {
      char buf[MAX_TOKEN_BYTES];
      gsize len = MIN ((gsize) (end - start), sizeof buf);

      for (gsize i = 0; i < len; i++)
        buf[i] = g_ascii_tolower (start[i]);
      func (buf, len, FALSE, user_data);
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (start, end - start);
      g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
      const char *token = normal != NULL ? normal : folded;
      gsize len = strlen (token);

      if (len > MAX_TOKEN_BYTES)
        len = g_utf8_find_prev_char (token, token + MAX_TOKEN_BYTES + 1) - token;
      func (token, len, FALSE, user_data);
    }
}

static void
emit_cjk_run (const char        *start,
              const char        *end,
              gboolean           for_query,
              CasebookTokenFunc  func,
              gpointer           user_data)
{
  const char *p = start;
  const char *next = g_utf8_next_char (p);

  if (next >= end)
    {
      /* A lone character is its own token, in documents and queries. */
      func (p, next - p, FALSE, user_data);
      return;
    }

  while (p < end)
    {
      const char *after;

      next = g_utf8_next_char (p);
      after = next < end ? g_utf8_next_char (next) : NULL;

      if (for_query)
        {
          if (after == NULL)
            break;
          func (p, after - p, FALSE, user_data);
        }
      else
        {
          func (p, next - p, FALSE, user_data);
          if (after != NULL)
            func (p, after - p, TRUE, user_data);
        }

      p = next;
    }
}

typedef enum
{
  CLASS_OTHER,
  CLASS_WORD,
  CLASS_CJK,
} CharClass;

/* Every character of every case goes through here when the index is
 * built, so the common cases (ASCII, and the main block of Chinese
 * characters) are decided without a table lookup. */
static inline CharClass
classify (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) ? CLASS_WORD : CLASS_OTHER;
  if (c >= 0x4E00 && c <= 0x9FFF)
    return CLASS_CJK;
  if (casebook_unichar_is_cjk (c))
    return CLASS_CJK;
  return is_word_char (c) ? CLASS_WORD : CLASS_OTHER;
}

/* Decodes the character at *p and moves past it; a byte that does not
 * start valid UTF-8 is skipped as punctuation. */
static inline CharClass
next_class (const char **p,
            const char  *end)
{
  guchar first = (guchar) **p;
  gunichar c;

  if (first < 0x80)
    {
      (*p)++;
      return g_ascii_isalnum (first) ? CLASS_WORD : CLASS_OTHER;
    }

  c = g_utf8_get_char_validated (*p, end - *p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      (*p)++;
      return CLASS_OTHER;
    }

  *p = g_utf8_next_char (*p);
  return classify (c);
}

/**
 * casebook_tokenize:
 * @text: UTF-8 text
 * @length: its length in bytes, or -1 if nul-terminated
 * @for_query: %TRUE when tokenizing a query rather than a document
 * @func: called for every token
 *
 * Splits @text into the tokens that the search index stores.
 */
void
casebook_tokenize (const char        *text,
                   gssize             length,
                   gboolean           for_query,
                   CasebookTokenFunc  func,
                   gpointer           user_data)
{
  const char *p = text;
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;

  while (p < end)
    {
      const char *run = p;
      const char *run_end;
      CharClass cls = next_class (&p, end);

      if (cls == CLASS_OTHER)
        continue;

      /* Extend the run while the class stays the same. */
      run_end = p;
      while (p < end)
        {
          const char *here = p;

          if (next_class (&p, end) != cls)
            {
              p = here;
              break;
            }
          run_end = p;
        }

      if (cls == CLASS_CJK)
        emit_cjk_run (run, run_end, for_query, func, user_data);
      else
        emit_word (run, run_end, func, user_data);
    }
}

/* The FTS5 side. */

typedef struct
{
  void *ctx;
  int (*x_token) (void *, int, const char *, int, int, int);
  const char *base;
  int rc;
} TokenizeCall;

static void
forward_token (const char *token,
               gsize       length,
               gboolean    colocated,
               gpointer    user_data)
{
  TokenizeCall *call = user_data;

  if (call->rc != SQLITE_OK)
    return;

  /* Offsets are only used by highlight(); the token's own bytes are a
   * good enough span for words, and exact for CJK. */
  call->rc = call->x_token (call->ctx,
                            colocated ? FTS5_TOKEN_COLOCATED : 0,
                            token, (int) length, 0, 0);
}

static int
tokenizer_create (void            *user_data,
                  const char     **argv,
                  int              argc,
                  Fts5Tokenizer  **out)
{
  /* The tokenizer has no state; any non-NULL pointer will do. */
  *out = (Fts5Tokenizer *) user_data;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            length,
                    int          (*x_token) (void *, int, const char *, int, int, int))
{
  TokenizeCall call = { ctx, x_token, text, SQLITE_OK };

  casebook_tokenize (text, length, (flags & FTS5_TOKENIZE_QUERY) != 0, forward_token, &call);

  return call.rc;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

/* The search text of a stored case, which the index does not keep a copy
 * of: case_fts reads it through the view case_fts_source (see the
 * schema), when it rebuilds and when a case is changed or deleted. Both
 * columns of a row are asked for in turn, so the last case read is kept,
 * one per connection. */
typedef struct
{
  char    *doc;
  GString *title;
  GString *body;
} SearchText;

static void
search_text_free (void *data)
{
  SearchText *st = data;

  g_free (st->doc);
  g_string_free (st->title, TRUE);
  g_string_free (st->body, TRUE);
  g_free (st);
}

/* casebook_search_text(doc, column): the title (column 0) or the body
 * (column 1) the index holds for the case stored as @doc, exactly as
 * writing the case gave them to the index. */
static void
search_text_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  SearchText *st = sqlite3_user_data (context);
  const char *doc = (const char *) sqlite3_value_text (argv[0]);
  int column = sqlite3_value_int (argv[1]);
  GString *text;

  if (doc == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  if (g_strcmp0 (doc, st->doc) != 0)
    {
      g_autoptr(CasebookCase) c = casebook_json_case_from_string (doc, NULL);

      g_free (st->doc);
      st->doc = g_strdup (doc);
      g_string_truncate (st->title, 0);
      g_string_truncate (st->body, 0);
      /* A stored case that no longer reads has no search text, the same
       * each time it is asked for. */
      if (c != NULL)
        casebook_case_append_search_text (c, st->title, st->body);
    }

  text = column == 0 ? st->title : st->body;
  sqlite3_result_text (context, text->str, (int) text->len, SQLITE_TRANSIENT);
}

/**
 * casebook_tokenizer_register:
 *
 * Makes the `casebook` tokenizer available to FTS5 tables on @db, and
 * the function casebook_search_text() that the search index reads the
 * texts of the cases through.
 */
gboolean
casebook_tokenizer_register (sqlite3  *db,
                             GError  **error)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  static int dummy;
  fts5_api *api = get_fts5_api (db);

  if (api == NULL)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   "SQLite was built without FTS5, which Casebook needs for search");
      return FALSE;
    }

  if (api->xCreateTokenizer (api, CASEBOOK_TOKENIZER_NAME, &dummy, &tokenizer, NULL) != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   "Could not register the search tokenizer: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  if (casebook_search_rank_register (api) != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   "Could not register the search ranking: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  {
    SearchText *st = g_new0 (SearchText, 1);

    st->title = g_string_new (NULL);
    st->body = g_string_new (NULL);
    /* SQLite frees @st when the function is replaced or the connection
     * closes, and also when registering fails. */
    if (sqlite3_create_function_v2 (db, "casebook_search_text", 2,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    st, search_text_func, NULL, NULL, search_text_free) != SQLITE_OK)
      {
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                     "Could not register the search text function: %s", sqlite3_errmsg (db));
        return FALSE;
      }
  }

  return TRUE;
}

static gboolean
is_term_char (gunichar c)
{
  return casebook_unichar_is_cjk (c) || is_word_char (c);
}

/* Decodes the character at @p; an invalid byte reads as -1. */
static inline gunichar
query_char (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  return c == (gunichar) -2 ? (gunichar) -1 : c;
}

static inline const char *
query_next (const char *p,
            gunichar    c)
{
  return c == (gunichar) -1 ? p + 1 : g_utf8_next_char (p);
}

/* Whether the word that ends at @p is a prefix: when a `*` follows it, or
 * when nothing but punctuation follows it up to the end, so that `kube*`,
 * `kube,` and `(kube)` still match as the word is typed. Whitespace after
 * the last word says that it is complete. */
static gboolean
word_is_prefix (const char *p)
{
  if (*p == '*')
    return TRUE;

  while (*p != '\0')
    {
      gunichar c = query_char (p);

      if (c != (gunichar) -1 && (g_unichar_isspace (c) || is_term_char (c)))
        return FALSE;
      p = query_next (p, c);
    }

  return TRUE;
}

/**
 * casebook_search_term_free:
 */
void
casebook_search_term_free (CasebookSearchTerm *term)
{
  if (term == NULL)
    return;

  g_free (term->text);
  g_free (term->folded);
  g_free (term);
}

/**
 * casebook_search_fold_word:
 * @word: a word, UTF-8
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * A word as the search index compares it: case-folded, in compatibility
 * form, as the tokenizer folds the words it indexes.
 *
 * Returns: (transfer full): the folded word
 */
char *
casebook_search_fold_word (const char *word,
                           gssize      length)
{
  g_autofree char *folded = g_utf8_casefold (word, length);
  char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);

  return normal != NULL ? normal : g_steal_pointer (&folded);
}

/**
 * casebook_search_parse_terms:
 * @query: what a person typed
 *
 * The terms that casebook_search_build_match() makes of @query, with the
 * same limits: every one of them must match for a case to match. Each
 * says whether it is a run of CJK characters (found where its
 * characters stand in a row) or a word (found whole, or as the start of
 * a word when it is a prefix), and carries its text folded the way the
 * index folds it.
 *
 * Returns: (transfer full) (element-type CasebookSearchTerm): the terms,
 *   empty if @query has nothing to search for
 */
GPtrArray *
casebook_search_parse_terms (const char *query)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_search_term_free);
  g_autoptr(GHashTable) seen = NULL;
  const char *p = query;
  glong chars_left = CASEBOOK_SEARCH_MAX_CHARS;

  if (query == NULL)
    return g_steal_pointer (&terms);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (*p != '\0' && chars_left > 0 && terms->len < CASEBOOK_SEARCH_MAX_TERMS)
    {
      gunichar c = query_char (p);
      const char *start = p;
      const char *end;
      glong n_chars = 0;
      gboolean cjk, prefix = FALSE;
      g_autofree char *folded = NULL;
      CasebookSearchTerm *term;
      char *key;

      if (c == (gunichar) -1 || !is_term_char (c))
        {
          p = query_next (p, c);
          continue;
        }

      cjk = casebook_unichar_is_cjk (c);
      while (*p != '\0')
        {
          c = query_char (p);
          if (c == (gunichar) -1 || !is_term_char (c) || casebook_unichar_is_cjk (c) != cjk)
            break;
          p = g_utf8_next_char (p);
          n_chars++;
        }
      end = p;

      if (n_chars > chars_left)
        {
          /* A term that does not fit ends the query, unless it is the
           * first: a query of one huge word still searches for its start. */
          if (terms->len > 0)
            break;
          end = g_utf8_offset_to_pointer (start, chars_left);
          /* Not between a letter and its accents, which normalization
           * would join: the cut word must stay a prefix of the word that
           * the index holds. */
          while (end > start && g_unichar_ismark (g_utf8_get_char (end)))
            end = g_utf8_prev_char (end);
          if (end == start)
            end = g_utf8_offset_to_pointer (start, chars_left);
          prefix = !cjk;
          n_chars = chars_left;
        }
      else if (!cjk)
        prefix = word_is_prefix (p);
      chars_left -= n_chars;

      /* The tokenizer folds case, so “Kube” and “kube” are one term. */
      folded = g_utf8_casefold (start, end - start);
      key = g_strdup_printf ("%c%s", prefix ? '*' : ' ', folded);
      if (!g_hash_table_add (seen, key))
        continue;

      term = g_new0 (CasebookSearchTerm, 1);
      term->text = g_strndup (start, end - start);
      term->folded = cjk ? g_strdup (term->text) : casebook_search_fold_word (term->text, -1);
      term->cjk = cjk;
      term->prefix = prefix;
      g_ptr_array_add (terms, term);
    }

  return g_steal_pointer (&terms);
}

/**
 * casebook_search_build_match:
 * @query: what a person typed
 *
 * Turns free text into an FTS5 MATCH expression. The query is data: it is
 * cut into runs of word characters and runs of CJK characters, and each
 * run becomes a quoted string, so FTS5 operators, quotes, `NEAR`, `AND`
 * and the like are searched for as text (or dropped as punctuation) and
 * never interpreted. All runs must match. A word matches as a prefix when
 * `*` follows it, and the last word also when only punctuation follows
 * it (it is still being typed); whitespace after it makes it whole.
 *
 * The work one query can ask for is bounded, because FTS5's cost grows
 * with the square of the number of terms: only the first
 * %CASEBOOK_SEARCH_MAX_CHARS characters of terms are read, and at most
 * %CASEBOOK_SEARCH_MAX_TERMS different terms are kept (a term repeated
 * counts once). The rest of a longer query is ignored, and the terms kept
 * still all have to match, so a long query finds what its beginning finds.
 * A single term longer than the limit is cut on a character boundary; a
 * word cut that way matches as a prefix. casebook_search_parse_terms()
 * gives the terms themselves.
 *
 * Every search goes through here (the command line, the case list, the
 * facet counts and reports), so the same rules apply everywhere.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL if @query
 *   has nothing to search for
 */
char *
casebook_search_build_match (const char *query)
{
  g_autoptr(GPtrArray) terms = casebook_search_parse_terms (query);
  g_autoptr(GString) match = NULL;

  if (terms->len == 0)
    return NULL;

  match = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      const CasebookSearchTerm *term = g_ptr_array_index (terms, i);

      if (match->len > 0)
        g_string_append_c (match, ' ');

      /* Term characters never include a double quote, so the run needs
       * no escaping inside the quotes. */
      g_string_append_c (match, '"');
      g_string_append (match, term->text);
      g_string_append_c (match, '"');
      if (term->prefix)
        g_string_append_c (match, '*');
    }

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/**
 * casebook_tokenize_runs:
 * @text: UTF-8 text
 * @length: its length in bytes, or -1 if nul-terminated
 * @func: called for every run
 *
 * Where casebook_tokenize() finds its tokens: every run of word
 * characters and every run of CJK characters, with its byte offsets in
 * @text, for showing a person where a search matched.
 */
void
casebook_tokenize_runs (const char      *text,
                        gssize           length,
                        CasebookRunFunc  func,
                        gpointer         user_data)
{
  const char *p = text;
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;

  while (p < end)
    {
      const char *run = p;
      const char *run_end;
      CharClass cls = next_class (&p, end);

      if (cls == CLASS_OTHER)
        continue;

      run_end = p;
      while (p < end)
        {
          const char *here = p;

          if (next_class (&p, end) != cls)
            {
              p = here;
              break;
            }
          run_end = p;
        }

      func (text, run - text, run_end - text, cls == CLASS_CJK, user_data);
    }
}
