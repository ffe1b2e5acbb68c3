/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-test-util.h"
#include "casebook-tokenizer.h"

typedef struct
{
  GPtrArray *tokens;
} Collected;

static void
collect (const char *token,
         gsize       length,
         gboolean    colocated,
         gpointer    user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->tokens, g_strdup_printf ("%s%.*s", colocated ? "+" : "", (int) length, token));
}

static char *
tokens_of (const char *text,
           gboolean    for_query)
{
  Collected c = { g_ptr_array_new_with_free_func (g_free) };
  char *joined;

  casebook_tokenize (text, -1, for_query, collect, &c);
  g_ptr_array_add (c.tokens, NULL);
  joined = g_strjoinv (" ", (char **) c.tokens->pdata);
  g_ptr_array_unref (c.tokens);

  return joined;
}

static void
test_tokenizer_cjk (void)
{
  g_autofree char *doc = tokens_of ("容器化", FALSE);
  g_autofree char *query = tokens_of ("容器化", TRUE);
  g_autofree char *single = tokens_of ("鲲", TRUE);
  g_autofree char *mixed = tokens_of ("部署K3s边缘", FALSE);

  /* Documents: every character, and every pair at the same position. */
  g_assert_cmpstr (doc, ==, "容 +容器 器 +器化 化");
  /* Queries: the phrase of pairs; a lone character stays itself. */
  g_assert_cmpstr (query, ==, "容器 器化");
  g_assert_cmpstr (single, ==, "鲲");
  g_assert_cmpstr (mixed, ==, "部 +部署 署 k3s 边 +边缘 缘");
}

static void
test_tokenizer_words (void)
{
  g_autofree char *words = tokens_of ("VMware vSphere 8.0, Kubernetes-1.30 ÉCOLE", FALSE);

  g_assert_cmpstr (words, ==, "vmware vsphere 8 0 kubernetes 1 30 école");
}

static void
test_match_is_data (void)
{
  static const struct {
    const char *query;
    const char *match;
  } cases[] = {
    { "kube", "\"kube\"*" },
    { "kube ", "\"kube\"" },
    { "容器", "\"容器\"" },
    { "等保 2.0", "\"等保\" \"2\" \"0\"*" },
    { "\"vsphere\" OR 1=1; --", "\"vsphere\" \"OR\" \"1\"" },
    { "NEAR(a b)", "\"NEAR\" \"a\" \"b\"*" },
    { "a AND b*", "\"a\" \"AND\" \"b\"*" },
    { "it's", "\"it\" \"s\"*" },
    { "col:value ^x", "\"col\" \"value\" \"x\"*" },
    /* Punctuation after the last word keeps it a prefix; `*` makes any
     * word one; whitespace ends a word. */
    { "kube*", "\"kube\"*" },
    { "kube,", "\"kube\"*" },
    { "(kube)", "\"kube\"*" },
    { "\"kube\"", "\"kube\"*" },
    { "kube?", "\"kube\"*" },
    { "kube-", "\"kube\"*" },
    { "kube* docker", "\"kube\"* \"docker\"*" },
    { "kube, docker ", "\"kube\" \"docker\"" },
    { "kube \"", "\"kube\"" },
    { "容器*", "\"容器\"" },
    /* A term repeated counts once, whatever its case. */
    { "a b A B c", "\"a\" \"b\" \"c\"*" },
    { "kube Kube kube*", "\"kube\" \"kube\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = casebook_search_build_match (cases[i].query);
      g_assert_cmpstr (match, ==, cases[i].match);
    }

  g_assert_null (casebook_search_build_match (""));
  g_assert_null (casebook_search_build_match ("  \"*';(){}:^-+  "));
  g_assert_null (casebook_search_build_match (NULL));
}

typedef struct
{
  char          *dir;
  CasebookStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  const char *json =
    "{\"format\": \"casebook\", \"version\": 1, \"cases\": ["
    "{\"id\": \"kunpeng\", \"kind\": \"success\", \"sector\": \"government\","
    " \"title\": {\"zh\": \"鲲鹏服务器迁移\", \"en\": \"Moving to Kunpeng servers\"},"
    " \"organization\": {\"zh\": \"某市政务云\", \"en\": \"A city government cloud\"},"
    " \"source\": {\"url\": \"https://example.org/kunpeng\"}}]}";

  f->dir = casebook_test_tmpdir ();
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);
  doc = casebook_test_parse (json, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
search_ids (Fixture    *f,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = casebook_store_search (f->store, query, 100, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, i))));

  return ids;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_ids (Fixture     *f,
            const char  *query,
            const char **expected)
{
  g_autoptr(GPtrArray) ids = search_ids (f, query);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < n; i++)
    if (!has_id (ids, expected[i]))
      g_error ("“%s” should find %s", query, expected[i]);

  g_assert_cmpuint (ids->len, ==, n);
}

static void
test_search_chinese (Fixture       *f,
                     gconstpointer  data)
{
  /* One character, as a person starts typing. */
  assert_ids (f, "鲲", (const char *[]) { "kunpeng", NULL });
  /* Two characters, the length of most Chinese words. */
  assert_ids (f, "等保", (const char *[]) { "report-5.1", NULL });
  assert_ids (f, "容器", (const char *[]) { "report-2.2", "report-2.3", "report-3.2", "report-3.3",
                                           "report-4.1", "report-4.2", "report-4.3", "report-5.2", NULL });
  assert_ids (f, "虚拟化", (const char *[]) { "report-2.1", "report-2.3", "report-3.1", "report-3.3",
                                             "report-4.3", "report-5.1", "report-8.1", NULL });
  assert_ids (f, "鲲鹏", (const char *[]) { "kunpeng", NULL });
  /* Three and more characters must stand together, not just appear. */
  assert_ids (f, "鲲鹏服务器", (const char *[]) { "kunpeng", NULL });
  assert_ids (f, "保险公司", (const char *[]) { "report-2.2", NULL });
  assert_ids (f, "鹏鲲", (const char *[]) { NULL });
}

static void
test_search_english (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) kube = search_ids (f, "kube");
  g_autoptr(GPtrArray) kubernetes = search_ids (f, "Kubernetes");
  g_autoptr(GPtrArray) wasm = search_ids (f, "WebAssembly");

  /* As-you-type: a prefix finds what the whole word finds. */
  g_assert_cmpuint (kube->len, >=, 7);
  g_assert_cmpuint (kube->len, ==, kubernetes->len);
  g_assert_true (has_id (kube, "report-2.2"));

  assert_ids (f, "vSphere", (const char *[]) { "report-2.1", "report-2.3", "report-3.1", "report-3.3",
                                              "report-4.3", "report-5.1", NULL });
  assert_ids (f, "VSPHERE insurance", (const char *[]) { NULL });
  assert_ids (f, "Kunpeng", (const char *[]) { "kunpeng", NULL });

  /* The case whose title names the term ranks first. */
  g_assert_cmpuint (wasm->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (wasm, 0), ==, "report-4.2");
}

static void
test_search_hostile (Fixture       *f,
                     gconstpointer  data)
{
  static const char *queries[] = {
    "\"", "\"\"", "*", "**", "NEAR", "NEAR(a b, 2)", "AND", "OR", "NOT", "a AND", "'",
    "';DROP TABLE cases;--", ";", "(", ")", "{title}: x", "^", "-", "+", "title:bank",
    "\"unterminated", "容器\"", "\\", "%", "_", "\xe5\xae", "",
  };
  g_autoptr(GPtrArray) and_hits = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) ids = search_ids (f, queries[i]);
      (void) ids;
    }

  /* Operators are searched as words: “AND” finds texts with “and”. */
  and_hits = search_ids (f, "AND");
  g_assert_cmpuint (and_hits->len, >, 0);

  /* The store is intact afterwards. */
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 15);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tokenizer/cjk/chars-and-pairs", test_tokenizer_cjk);
  g_test_add_func ("/tokenizer/words/case-folded", test_tokenizer_words);
  g_test_add_func ("/search/query/is-data", test_match_is_data);
  g_test_add ("/search/chinese/1-2-and-more-characters", Fixture, NULL,
              fixture_setup, test_search_chinese, fixture_teardown);
  g_test_add ("/search/english/words-and-prefixes", Fixture, NULL,
              fixture_setup, test_search_english, fixture_teardown);
  g_test_add ("/search/query/hostile-syntax", Fixture, NULL,
              fixture_setup, test_search_hostile, fixture_teardown);

  return g_test_run ();
}
