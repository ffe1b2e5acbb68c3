/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-import"

#include "config.h"

#include <string.h>

#include "casebook-case-text.h"
#include "casebook-json.h"
#include "casebook-store.h"
#include "casebook-store-private.h"
#include "fuzz-common.h"

/* Arbitrary bytes through the code path of `casebook --import`: the
 * syntax guard, json-glib, the validator and the store, into a store in
 * memory. Besides crashes, leaks and undefined behaviour, it checks what
 * must hold for every input:
 *
 * - the window's reader (casebook_json_read_document()) and the import
 *   agree on which files are acceptable;
 * - a refused file changes nothing, and says why in valid UTF-8;
 * - an accepted file adds exactly its cases, and importing it again with
 *   "replace" replaces each of them once;
 * - what was imported exports, imports into an empty store and exports
 *   again to the same bytes;
 * - every case it holds copies as text and as Markdown (casebook-case-text.c)
 *   in valid UTF-8 with no control character but line feeds, and nothing
 *   the case holds becomes a Markdown link or HTML. */

static CasebookStore *
open_memory_store (void)
{
  g_autoptr(GError) error = NULL;
  CasebookStore *store = casebook_store_open (":memory:", CASEBOOK_STORE_NO_BUNDLED, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
assert_good_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == CASEBOOK_JSON_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  /* Every refusal names the file. */
  g_assert_true (g_str_has_prefix (error->message, "fuzz.json"));
  /* A message quotes at most a short, escaped part of what the file
   * holds: it never floods a terminal or drives it. */
  g_assert_cmpint (g_utf8_strlen (error->message, -1), <, 512);
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_false ((guchar) *p < 0x20 || (guchar) *p == 0x7F);
}

static void
assert_round_trip (CasebookStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) exported = casebook_store_export (store, &error);
  g_autoptr(CasebookStore) empty = NULL;
  g_autoptr(CasebookDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  CasebookImportResult result = { 0 };
  gsize first_len = 0, second_len = 0;

  g_assert_no_error (error);
  first = casebook_json_write_document (exported, &first_len);

  empty = open_memory_store ();
  if (!_casebook_store_import_data (empty, first, first_len, "export.json", CASEBOOK_IMPORT_SKIP, &result, &error))
    g_error ("An export of an accepted file was refused: %s\n%s", error->message, first);

  g_assert_cmpuint (result.added, ==, casebook_document_get_cases (exported)->len);
  again = casebook_store_export (empty, &error);
  g_assert_no_error (error);
  second = casebook_json_write_document (again, &second_len);
  g_assert_cmpmem (first, first_len, second, second_len);
}

static gboolean
escaped_at (const char *text,
            gsize       at)
{
  gsize n = 0;

  while (at > n && text[at - n - 1] == '\\')
    n++;
  return n % 2 == 1;
}

static void
assert_clean_text (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p++)
    g_assert_false (((guchar) *p < 0x20 && *p != '\n') || (guchar) *p == 0x7F);
}

static void
assert_copies (CasebookDocument *doc)
{
  GPtrArray *cases = casebook_document_get_cases (doc);

  for (guint i = 0; i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);

      for (CasebookLang lang = CASEBOOK_LANG_ZH; lang <= CASEBOOK_LANG_EN; lang++)
        {
          g_autofree char *text = casebook_case_format_text (c, casebook_case_get_sector (c), lang);
          g_autofree char *markdown = casebook_case_format_markdown (c, casebook_case_get_sector (c), lang);
          guint links = 0, brackets = 0;

          assert_clean_text (text);
          assert_clean_text (markdown);

          /* One link, the one to the case itself, on the last line; an
           * angle bracket only around a web address of its own line. */
          for (gsize at = 0; markdown[at] != '\0'; at++)
            {
              if (markdown[at] == ']' && markdown[at + 1] == '(' && !escaped_at (markdown, at))
                links++;
              /* Nor a reference definition or a reference to one. */
              if (markdown[at] == '[' && !escaped_at (markdown, at))
                brackets++;
              if (markdown[at] == '<' && !escaped_at (markdown, at))
                g_assert_true (at >= 2 && markdown[at - 1] == ' ' && markdown[at - 2] == '-' &&
                               (at == 2 || markdown[at - 3] == '\n') &&
                               (g_str_has_prefix (markdown + at, "<https://") ||
                                g_str_has_prefix (markdown + at, "<http://")));
            }
          g_assert_cmpuint (links, ==, 1);
          g_assert_cmpuint (brackets, ==, 1);
          g_assert_nonnull (strstr (markdown, "](casebook://case/"));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* An import that changed nothing leaves the store as it was: the next
   * input can use it again. */
  static CasebookStore *store;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  CasebookImportResult result = { 0 };
  gboolean imported;

  fuzz_init ();

  if (store == NULL)
    store = open_memory_store ();

  doc = casebook_json_read_document ((const char *) data, size, "fuzz.json", &read_error);
  imported = _casebook_store_import_data (store, (const char *) data, size, "fuzz.json",
                                          CASEBOOK_IMPORT_SKIP, &result, &import_error);

  if (!imported)
    {
      /* A store in memory has no disk to fill and no other program to
       * wait for: only the file's contents can be the reason. */
      if (import_error->domain != CASEBOOK_JSON_ERROR)
        g_error ("The store failed on a file that passed the checks: %s", import_error->message);
      assert_good_error (import_error);
      g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 0);

      /* And the window refuses it too. */
      if (doc != NULL)
        g_error ("The import refused what the reader accepts: %s", import_error->message);
      assert_good_error (read_error);
      return 0;
    }

  g_assert_no_error (import_error);
  if (doc == NULL)
    g_error ("The reader refused what the import accepts: %s", read_error->message);
  g_assert_cmpuint (result.added, ==, casebook_document_get_cases (doc)->len);
  g_assert_cmpuint (result.replaced, ==, 0);
  g_assert_cmpuint (result.skipped, ==, 0);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, result.added);

  /* The same file again, replacing: each case once, nothing added. */
  g_assert_true (_casebook_store_import_data (store, (const char *) data, size, "fuzz.json",
                                              CASEBOOK_IMPORT_REPLACE, &result, &import_error));
  g_assert_no_error (import_error);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.replaced, ==, casebook_document_get_cases (doc)->len);

  assert_round_trip (store);
  assert_copies (doc);

  /* Start the next input from an empty store. */
  g_clear_object (&store);
  return 0;
}
