/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-search"

#include "config.h"

#include <string.h>

#include "casebook-store.h"
#include "casebook-tokenizer.h"
#include "fuzz-common.h"

/* Whatever a person types into the search field: the query builder, the
 * CJK tokenizer on documents and on queries, and the search itself on the
 * bundled collection in memory. Besides crashes, leaks and undefined
 * behaviour, it checks what must hold for every input:
 *
 * - every token is valid UTF-8, not empty and at most 256 bytes long, and
 *   only a token after another one shares its position;
 * - the MATCH expression is only quoted terms, so no input can reach
 *   FTS5's query syntax, and SQLite never refuses it; it holds no more
 *   terms and characters than the query builder's limits;
 * - a case whose title is the query is found by that query, which proves
 *   that queries and documents are cut into the same tokens.
 *
 * The first byte chooses what else happens; the rest is the query. */

#define MAX_TOKEN_BYTES 256

enum
{
  PROBE_TITLE  = 1 << 0,  /* give a case the query as its title */
  WITH_FACETS  = 1 << 1,  /* search within a sector, as the window does */
};

typedef struct
{
  guint n;
} TokenCheck;

static void
check_token (const char *token,
             gsize       length,
             gboolean    colocated,
             gpointer    user_data)
{
  TokenCheck *check = user_data;

  g_assert_cmpuint (length, >, 0);
  g_assert_cmpuint (length, <=, MAX_TOKEN_BYTES);
  g_assert_true (g_utf8_validate_len (token, length, NULL));
  if (colocated)
    g_assert_cmpuint (check->n, >, 0);
  check->n++;
}

/* The expression is "term" "term" … , each term maybe followed by *, no
 * term holds a quote, and there are no more terms and term characters
 * than casebook_search_build_match() allows. */
static void
assert_only_quoted_terms (const char *match)
{
  const char *p = match;
  guint n_terms = 0;
  glong n_chars = 0;

  g_assert_true (g_utf8_validate (match, -1, NULL));

  for (;;)
    {
      const char *close;

      g_assert_cmpint (*p, ==, '"');
      close = strchr (p + 1, '"');
      g_assert_nonnull (close);
      g_assert_true (close > p + 1);
      n_terms++;
      n_chars += g_utf8_strlen (p + 1, close - p - 1);
      g_assert_cmpuint (n_terms, <=, CASEBOOK_SEARCH_MAX_TERMS);
      g_assert_cmpint (n_chars, <=, CASEBOOK_SEARCH_MAX_CHARS);
      p = close + 1;

      if (*p == '*')
        p++;
      if (*p == '\0')
        return;
      g_assert_cmpint (*p, ==, ' ');
      p++;
    }
}

static CasebookStore *
bundled_store (void)
{
  static CasebookStore *store;

  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      store = casebook_store_open (":memory:", CASEBOOK_STORE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
    }

  return store;
}

/* Gives the probe case @title, in both languages. */
static void
set_probe_title (CasebookStore *store,
                 const char    *title)
{
  g_autoptr(CasebookDocument) doc = casebook_document_new ();
  g_autoptr(GError) error = NULL;
  CasebookCase *c = casebook_case_new ("fuzz-probe");

  casebook_case_set_kind (c, CASEBOOK_KIND_SUCCESS);
  casebook_case_set_sector (c, "finance");
  casebook_case_take_title (c, casebook_text_new (title, title));
  casebook_case_take_organization (c, casebook_text_new (NULL, "Probe"));
  g_ptr_array_add (casebook_document_get_cases (doc), c);

  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_REPLACE, NULL, &error));
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CasebookStore *store;
  g_autoptr(CasebookFilter) filter = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *match = NULL;
  TokenCheck check = { 0 };
  gboolean probed = FALSE;
  guint flags;

  fuzz_init ();

  /* The tokenizer sees every byte, invalid UTF-8 and NULs included, the
   * way FTS5 hands it text. */
  casebook_tokenize ((const char *) data, (gssize) size, FALSE, check_token, &check);
  check.n = 0;
  casebook_tokenize ((const char *) data, (gssize) size, TRUE, check_token, &check);

  if (size == 0)
    return 0;

  flags = data[0];
  query = g_strndup ((const char *) data + 1, size - 1);

  match = casebook_search_build_match (query);
  if (match != NULL)
    assert_only_quoted_terms (match);

  store = bundled_store ();

  if ((flags & PROBE_TITLE) != 0 && match != NULL && g_utf8_validate (query, -1, NULL))
    {
      set_probe_title (store, query);
      probed = TRUE;
    }

  filter = casebook_filter_new ();
  casebook_filter_set_query (filter, query);
  if ((flags & WITH_FACETS) != 0)
    casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);

  hits = casebook_store_search_filtered (store, filter, 1000, &error);
  if (hits == NULL)
    g_error ("The search failed on the expression %s: %s", match, error->message);

  /* No case twice, and the probe among them when its title is the query. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < hits->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) casebook_case_summary_get_id (g_ptr_array_index (hits, i))));
  if (probed && !g_hash_table_contains (seen, "fuzz-probe"))
    g_error ("A case titled “%s” is not found by that query (%s)", query, match);

  /* The list counts the same query the same way. */
  if (match != NULL)
    {
      g_assert_cmpuint (casebook_store_count (store, filter, &error), ==, hits->len);
      g_assert_no_error (error);
    }
  else
    g_assert_cmpuint (hits->len, ==, 0);

  return 0;
}
