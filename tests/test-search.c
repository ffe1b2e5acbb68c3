/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-case-list.h"
#include "casebook-fault-vfs.h"
#include "casebook-search-snippet.h"
#include "casebook-json.h"
#include "casebook-store-private.h"
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

static guint
count_terms (const char *match)
{
  guint quotes = 0;

  for (const char *p = match; *p != '\0'; p++)
    if (*p == '"')
      quotes++;

  return quotes / 2;
}

static void
test_match_bounded (void)
{
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) long_words = g_string_new (NULL);
  g_autoptr(GString) long_first = g_string_new (NULL);
  g_autoptr(GString) dup = g_string_new (NULL);
  g_autofree char *match = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *huge_word = NULL;
  g_autofree char *huge_cjk = NULL;
  g_autofree char *cut = NULL;
  guint n_fit;
  GRand *rand;

  /* 5,000 different short words: only the first CASEBOOK_SEARCH_MAX_TERMS
   * are searched for, as whole words, since more follow. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (many, "%sw%u", i > 0 ? " " : "", i);
  for (guint i = 0; i < CASEBOOK_SEARCH_MAX_TERMS; i++)
    g_string_append_printf (first, "w%u ", i);
  match = casebook_search_build_match (many->str);
  expected = casebook_search_build_match (first->str);
  g_assert_cmpuint (count_terms (match), ==, CASEBOOK_SEARCH_MAX_TERMS);
  g_assert_cmpstr (match, ==, expected);
  g_clear_pointer (&match, g_free);
  g_clear_pointer (&expected, g_free);

  /* 4,000 characters of 20-letter words: the characters run out first. */
  for (guint i = 0; long_words->len < 4000; i++)
    g_string_append_printf (long_words, "x%019u ", i);
  n_fit = MIN (CASEBOOK_SEARCH_MAX_TERMS, CASEBOOK_SEARCH_MAX_CHARS / 20);
  for (guint i = 0; i < n_fit; i++)
    g_string_append_printf (long_first, "x%019u ", i);
  match = casebook_search_build_match (long_words->str);
  expected = casebook_search_build_match (long_first->str);
  g_assert_cmpuint (count_terms (match), ==, n_fit);
  g_assert_cmpstr (match, ==, expected);
  g_clear_pointer (&match, g_free);
  g_clear_pointer (&expected, g_free);

  /* Repeats count against the characters but add no term. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (dup, "the THE ");
  g_string_append (dup, "kubernetes");
  match = casebook_search_build_match (dup->str);
  g_assert_cmpstr (match, ==, "\"the\"");
  g_clear_pointer (&match, g_free);

  /* One word or one run of Chinese longer than the limit is cut on a
   * character boundary; the word, cut short, is a prefix. */
  huge_word = g_strnfill (4000, 'a');
  match = casebook_search_build_match (huge_word);
  cut = g_strnfill (CASEBOOK_SEARCH_MAX_CHARS, 'a');
  expected = g_strdup_printf ("\"%s\"*", cut);
  g_assert_cmpstr (match, ==, expected);
  g_clear_pointer (&match, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&cut, g_free);

  {
    g_autoptr(GString) cjk = g_string_new (NULL);

    while (g_utf8_strlen (cjk->str, -1) < 4000)
      g_string_append (cjk, "容器虚拟化");
    huge_cjk = g_strdup (cjk->str);
  }
  match = casebook_search_build_match (huge_cjk);
  cut = g_utf8_substring (huge_cjk, 0, CASEBOOK_SEARCH_MAX_CHARS);
  expected = g_strdup_printf ("\"%s\"", cut);
  g_assert_cmpstr (match, ==, expected);
  g_clear_pointer (&match, g_free);
  g_clear_pointer (&expected, g_free);

  /* Whatever the query, the expression stays within the limits. */
  rand = g_rand_new_with_seed (11);
  for (guint round = 0; round < 200; round++)
    {
      static const char * const pieces[] = {
        "a", "kube", "容", "器", "Éc", " ", " ", ",", "*", "\"", "(", ")", "-", "\xff", "容器化", "x1",
      };
      g_autoptr(GString) query = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 3000);
      const char *p;
      guint n_chars = 0;

      for (guint i = 0; i < n; i++)
        g_string_append (query, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      match = casebook_search_build_match (query->str);
      if (match == NULL)
        continue;

      g_assert_true (g_utf8_validate (match, -1, NULL));
      g_assert_cmpuint (count_terms (match), <=, CASEBOOK_SEARCH_MAX_TERMS);
      for (p = match; *p != '\0'; p = g_utf8_next_char (p))
        if (*p != '"' && *p != ' ' && *p != '*')
          n_chars++;
      g_assert_cmpuint (n_chars, <=, CASEBOOK_SEARCH_MAX_CHARS);
      g_clear_pointer (&match, g_free);
    }
  g_rand_free (rand);
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
assert_same_ids (Fixture    *f,
                 const char *query,
                 GPtrArray  *expected,
                 const char *what)
{
  g_autoptr(GPtrArray) ids = search_ids (f, query);

  for (guint i = 0; i < expected->len; i++)
    if (!has_id (ids, g_ptr_array_index (expected, i)))
      g_error ("%s should find %s", what, (const char *) g_ptr_array_index (expected, i));
  g_assert_cmpuint (ids->len, ==, expected->len);
}

static void
test_search_prefix_punctuation (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const queries[] = {
    "kube*", "kube,", "(kube)", "\"kube\"", "kube?", "kube-", "KUBE!", "kube*)", "[kube",
  };
  g_autoptr(GPtrArray) kube = search_ids (f, "kube");

  g_assert_cmpuint (kube->len, >=, 7);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_ids (f, queries[i], kube, queries[i]);

  /* A star makes a word in the middle a prefix too. */
  {
    g_autoptr(GPtrArray) both = search_ids (f, "kubernetes vsphere");

    g_assert_cmpuint (both->len, >, 0);
    assert_same_ids (f, "kube* vsph", both, "kube* vsph");
  }
}

static void
test_search_long_query (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) words = g_string_new ("kubernetes vSphere ");
  g_autoptr(GString) chars = g_string_new ("容器 kubernetes ");
  g_autoptr(GPtrArray) start = search_ids (f, "kubernetes vSphere the and ");
  g_autoptr(GPtrArray) chars_start = search_ids (f, "容器 kubernetes of ");

  g_assert_cmpuint (start->len, >, 0);
  g_assert_cmpuint (chars_start->len, >, 0);

  /* 5,000 words: the first terms are searched for, and a word that
   * matches nothing, far beyond the limits, does not empty the result. */
  for (guint i = 0; i < 2499; i++)
    g_string_append (words, "the and ");
  g_string_append (words, "nosuchwordanywhere");
  assert_same_ids (f, words->str, start, "a query of 5,000 words");

  /* 4,000 characters. */
  while (chars->len < 4000)
    g_string_append (chars, "of ");
  g_string_append (chars, "nosuchwordanywhere");
  assert_same_ids (f, chars->str, chars_start, "a query of 4,000 characters");
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

  /* Long runs of syntax are as inert as short ones. */
  {
    static const char * const units[] = { "\"", "NEAR(", "a OR ", "*", "容器 ", "\"x\"*", ")(", "\xff" };

    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      {
        g_autoptr(GString) query = g_string_new (NULL);
        g_autoptr(GPtrArray) ids = NULL;

        while (query->len < 40000)
          g_string_append (query, units[i]);
        ids = search_ids (f, query->str);
      }
  }

  /* Operators are searched as words: “AND” finds texts with “and”. */
  and_hits = search_ids (f, "AND");
  g_assert_cmpuint (and_hits->len, >, 0);

  /* The store is intact afterwards. */
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 15);
}

/* Cancelling a search that is running in SQLite. */

typedef struct
{
  GMutex        lock;
  GCond         cond;
  guint         cancel_at;
  gboolean      reached;
  gboolean      cancelled;
  CasebookStore *reader;
  GError        *error;
  guint         n_reads;
} Cancel;

/* On the searching thread, halfway through the statement: hands over to
 * the test's thread, which cancels, and waits until it has. */
static void
on_read (guint    n_read,
         gpointer user_data)
{
  Cancel *c = user_data;

  if (n_read != c->cancel_at)
    return;

  g_mutex_lock (&c->lock);
  c->reached = TRUE;
  g_cond_broadcast (&c->cond);
  while (!c->cancelled)
    g_cond_wait (&c->cond, &c->lock);
  g_mutex_unlock (&c->lock);
}

static gpointer
search_thread (gpointer user_data)
{
  Cancel *c = user_data;
  g_autoptr(GPtrArray) rows = casebook_store_search (c->reader, "the", G_MAXUINT, &c->error);

  c->n_reads = casebook_fault_vfs_get_n_reads ();
  casebook_fault_vfs_watch_reads (NULL, NULL);

  /* Nothing half-read may come back as a result. */
  if (c->error != NULL)
    g_assert_null (rows);

  /* Let the test's thread go on if the statement never got that far. */
  g_mutex_lock (&c->lock);
  c->reached = TRUE;
  g_cond_broadcast (&c->cond);
  g_mutex_unlock (&c->lock);

  return NULL;
}

/* How many reads a search makes on a new reader connection, which starts
 * with an empty page cache: the same every time. */
static guint
reads_of_search (CasebookStore *store,
                 const char    *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) reader = casebook_store_open_reader (store, &error);
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  g_assert_no_error (error);
  casebook_fault_vfs_watch_reads (NULL, NULL);
  rows = casebook_store_search (reader, query, G_MAXUINT, &error);
  g_assert_no_error (error);
  n = casebook_fault_vfs_get_n_reads ();

  return n;
}

/* A store of the bundled cases in @dir, opened through the fault shim so
 * that a test can count its reads and act on one of them. */
static CasebookStore *
open_store_through_shim (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *uri = g_strdup_printf ("file:%s?vfs=" CASEBOOK_FAULT_VFS_NAME, path);
  CasebookStore *store;

  casebook_fault_vfs_register ();
  store = casebook_store_open (uri, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_search_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GPtrArray) again = NULL;
  Cancel c = { 0 };
  guint n_none, n_all;
  GThread *thread;

  store = open_store_through_shim (dir);

  /* Reads that a search which finds nothing makes (the schema, the index's
   * structure) come first in one that finds every case too; cancel
   * halfway through the rest, while that statement runs. */
  n_none = reads_of_search (store, "nosuchwordanywhere");
  n_all = reads_of_search (store, "the");
  g_assert_cmpuint (n_all, >, n_none + 4);

  g_mutex_init (&c.lock);
  g_cond_init (&c.cond);
  c.cancel_at = n_none + (n_all - n_none) / 2;
  c.reader = casebook_store_open_reader (store, &error);
  g_assert_no_error (error);
  casebook_store_set_cancellable (c.reader, cancellable);
  casebook_fault_vfs_watch_reads (on_read, &c);

  thread = g_thread_new ("search", search_thread, &c);
  g_mutex_lock (&c.lock);
  while (!c.reached)
    g_cond_wait (&c.cond, &c.lock);
  g_cancellable_cancel (cancellable);
  c.cancelled = TRUE;
  g_cond_broadcast (&c.cond);
  g_mutex_unlock (&c.lock);
  g_thread_join (thread);

  /* The statement stopped before it had read what it needed. */
  g_assert_error (c.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("reads: none %u, all %u, cancel at %u, stopped at %u", n_none, n_all, c.cancel_at, c.n_reads);
  g_assert_cmpuint (c.n_reads, <, n_all);

  /* A query started after the cancel stops too; a new cancellable lets
   * the connection search again. */
  again = casebook_store_search (c.reader, "the", 10, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (again);
  g_clear_error (&error);
  {
    g_autoptr(GCancellable) fresh = g_cancellable_new ();

    casebook_store_set_cancellable (c.reader, fresh);
    again = casebook_store_search (c.reader, "the", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, >, 0);
  }

  g_clear_error (&c.error);
  g_clear_object (&c.reader);
  g_mutex_clear (&c.lock);
  g_cond_clear (&c.cond);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* On the listing thread itself: cancels at the chosen read. */
static void
cancel_on_read (guint    n_read,
                gpointer user_data)
{
  Cancel *c = user_data;

  if (n_read == c->cancel_at)
    {
      g_cancellable_cancel (g_object_get_data (G_OBJECT (c->reader), "test-cancellable"));
      c->cancelled = TRUE;
    }
}

/* How many reads listing @limit rows in title order makes on a new
 * reader connection: the same every time. */
static guint
reads_of_list (CasebookStore *store,
               guint          limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) reader = casebook_store_open_reader (store, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CasebookCursor) last = { NULL, NULL, 0 };

  g_assert_no_error (error);
  casebook_fault_vfs_watch_reads (NULL, NULL);
  rows = casebook_store_list (reader, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, limit, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, MIN (limit, casebook_store_get_n_cases (store)));
  g_assert_nonnull (last.k1);

  return casebook_fault_vfs_get_n_reads ();
}

/* A page of the list cancelled after its first rows were read gives no
 * rows and no end: the cursor it was filling is emptied, not left holding
 * the keys of a row that the caller never receives (a worker's cancelled
 * refresh used to lose them). */
static void
test_list_cancel_empties_cursor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CasebookCursor) last = { NULL, NULL, 0 };
  Cancel c = { 0 };
  guint n_one, n_all;

  store = open_store_through_shim (dir);
  g_assert_cmpuint (casebook_store_get_n_cases (store), >, 2);

  /* Reading every row takes reads that reading the first does not. */
  n_one = reads_of_list (store, 1);
  n_all = reads_of_list (store, G_MAXUINT);
  g_assert_cmpuint (n_all, >, n_one + 1);

  c.cancel_at = n_one + 1;
  c.reader = casebook_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (c.reader), "test-cancellable", cancellable);
  casebook_store_set_cancellable (c.reader, cancellable);
  casebook_fault_vfs_watch_reads (cancel_on_read, &c);

  rows = casebook_store_list (c.reader, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, G_MAXUINT, &last, &error);
  casebook_fault_vfs_watch_reads (NULL, NULL);

  g_assert_true (c.cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (rows);
  g_assert_null (last.k1);
  g_assert_null (last.k2);
  g_assert_cmpint (last.nr, ==, 0);

  g_clear_object (&c.reader);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* A newer query replaces one that is running in the case list: the older
 * one stops inside SQLite, without a warning, and its rows are never
 * shown. */

typedef struct
{
  GMutex    lock;
  GCond     cond;
  GThread  *main_thread;
  gboolean  held;
  gboolean  release;
  GPtrArray *shown;  /* the first id at each refresh */
  guint     n_refreshed;
} Hold;

/* Holds the first read made on a worker thread, which is the first
 * query's, until the test lets it go. */
static void
hold_first_worker_read (guint    n_read,
                        gpointer user_data)
{
  Hold *h = user_data;

  if (g_thread_self () == h->main_thread)
    return;

  g_mutex_lock (&h->lock);
  if (!h->held)
    {
      h->held = TRUE;
      g_cond_broadcast (&h->cond);
      while (!h->release)
        g_cond_wait (&h->cond, &h->lock);
    }
  g_mutex_unlock (&h->lock);
}

static void
on_list_refreshed (CasebookCaseList *list,
                   gint64            position,
                   Hold             *h)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  h->n_refreshed++;
  g_assert_true (casebook_case_list_is_searching (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CasebookCaseSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (h->shown, g_strdup (casebook_case_summary_get_id (item)));
    }
}

static void
test_case_list_drops_replaced (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) older = NULL;
  g_autoptr(GPtrArray) newer = NULL;
  CasebookCaseList *list;
  gpointer weak = NULL;
  gint64 deadline;
  Hold h = { 0 };

  store = open_store_through_shim (dir);

  /* Two queries with no case in common. */
  older = casebook_store_search (store, "vsphere", 1000, &error);
  g_assert_no_error (error);
  newer = casebook_store_search (store, "webassembly", 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (older->len, >, 0);
  g_assert_cmpuint (newer->len, >, 0);
  for (guint i = 0; i < newer->len; i++)
    for (guint k = 0; k < older->len; k++)
      g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (newer, i)), !=,
                       casebook_case_summary_get_id (g_ptr_array_index (older, k)));

  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  h.main_thread = g_thread_self ();
  h.shown = g_ptr_array_new_with_free_func (g_free);

  list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  g_set_weak_pointer (&weak, list);
  g_signal_connect (list, "refreshed", G_CALLBACK (on_list_refreshed), &h);
  casebook_fault_vfs_watch_reads (hold_first_worker_read, &h);

  /* The first query starts, and is held inside SQLite… */
  casebook_filter_set_query (filter, "vsphere");
  g_mutex_lock (&h.lock);
  while (!h.held)
    g_cond_wait (&h.cond, &h.lock);
  g_mutex_unlock (&h.lock);

  /* …when the second replaces it. */
  casebook_filter_set_query (filter, "webassembly");
  g_mutex_lock (&h.lock);
  h.release = TRUE;
  g_cond_broadcast (&h.cond);
  g_mutex_unlock (&h.lock);

  /* Each refresh keeps the list alive until its result has come back, so
   * once the list is gone both have been handled. The last reference may
   * go on a worker thread, which wakes no main loop: poll. */
  g_object_unref (list);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
  casebook_fault_vfs_watch_reads (NULL, NULL);

  /* Only the second query's rows were ever shown. */
  g_assert_cmpuint (h.n_refreshed, ==, 1);
  g_assert_cmpuint (h.shown->len, ==, newer->len);
  for (guint i = 0; i < newer->len; i++)
    g_assert_true (has_id (h.shown, casebook_case_summary_get_id (g_ptr_array_index (newer, i))));

  g_ptr_array_unref (h.shown);
  g_mutex_clear (&h.lock);
  g_cond_clear (&h.cond);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* The index keeps no copy of the texts: it reads them from the cases.
 * FTS5's integrity-check compares the index with them. */
static void
assert_index_ok (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (casebook_tokenizer_register (db, NULL));
  if (sqlite3_exec (db, "INSERT INTO case_fts (case_fts) VALUES ('integrity-check')",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("the search index does not match the cases: %s", message);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master WHERE name = 'case_fts_content'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Import, edit, delete and undo keep the index in step with the cases. */
static void
test_index_follows_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(CasebookCase) deleted = NULL;
  g_autofree char *a = casebook_test_minimal_case ("walrus-1", ", \"lessons\": [{\"en\": \"Walrus tusks\"}]");
  g_autofree char *b = casebook_test_minimal_case ("kunpeng", ", \"lessons\": [{\"en\": \"Narwhal horns\"}]");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s, %s]}", a, b);
  const char *walrus[] = { "walrus-1", NULL };
  const char *kunpeng[] = { "kunpeng", NULL };
  const char *none[] = { NULL };
  CasebookImportResult result = { 0 };

  assert_index_ok (f->dir);
  assert_ids (f, "鲲鹏", kunpeng);

  /* One case added, one replaced: the replaced one's old words go. */
  g_assert_true (_casebook_store_import_data (f->store, json, strlen (json), "more.json",
                                              CASEBOOK_IMPORT_REPLACE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.replaced, ==, 1);
  assert_index_ok (f->dir);
  assert_ids (f, "walrus", walrus);
  assert_ids (f, "narwhal", kunpeng);
  assert_ids (f, "鲲鹏", none);

  /* An edit. */
  c = casebook_store_get_case (f->store, "walrus-1", &error);
  g_assert_no_error (error);
  casebook_case_take_title (c, casebook_text_new ("海象", "Sea lion"));
  g_assert_true (casebook_store_save_case (f->store, c, NULL, &error));
  g_assert_no_error (error);
  assert_index_ok (f->dir);
  assert_ids (f, "lion", walrus);
  assert_ids (f, "海象", walrus);

  /* A delete, then its undo. */
  deleted = casebook_store_delete_case (f->store, "walrus-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  assert_index_ok (f->dir);
  assert_ids (f, "lion", none);
  assert_ids (f, "walrus", none);

  g_assert_true (casebook_store_restore_case (f->store, deleted, &error));
  g_assert_no_error (error);
  assert_index_ok (f->dir);
  assert_ids (f, "lion", walrus);
}

static void
exec_or_fail (sqlite3    *db,
              const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A store of schema version 1 kept a copy of every text in the index;
 * opening it rebuilds the index over the cases, without the copy. */
static void
test_index_migrates_from_v1 (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own = casebook_test_minimal_case ("walrus-1", ", \"lessons\": [{\"en\": \"Walrus tusks\"}]");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (_casebook_store_import_data (store, json, strlen (json), "own.json",
                                              CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  before = casebook_test_snapshot (store);
  g_clear_object (&store);

  /* The index as version 1 made it: a table of its own that holds the
   * texts, filled as writing a case filled it. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (casebook_tokenizer_register (db, NULL));
  exec_or_fail (db,
                "BEGIN;"
                "DROP TABLE case_fts;"
                "CREATE TABLE old_texts AS SELECT nr, title, body FROM case_fts_source;"
                "DROP VIEW case_fts_source;"
                CASEBOOK_TEST_DROP_SCHEMA_4
                "CREATE VIRTUAL TABLE case_fts USING fts5 (title, body, tokenize = 'casebook');"
                "INSERT INTO case_fts (case_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');"
                "INSERT INTO case_fts (rowid, title, body) SELECT nr, title, body FROM old_texts;"
                "DROP TABLE old_texts;"
                "PRAGMA user_version = 1;"
                "COMMIT;");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM case_fts_content", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 15);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);
  assert_index_ok (dir);

  rows = casebook_store_search (store, "walrus", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (rows, 0)), ==, "walrus-1");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A bundled case is found too, by the longest word of its title:
   * every case was indexed again. */
  {
    g_autoptr(CasebookCase) c = casebook_store_get_case (store, "report-2.1", &error);
    g_auto(GStrv) words = NULL;
    const char *longest = "";
    gboolean found = FALSE;

    g_assert_no_error (error);
    words = g_strsplit (casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN), " ", -1);
    for (guint i = 0; words[i] != NULL; i++)
      if (strlen (words[i]) > strlen (longest))
        longest = words[i];
    g_assert_cmpuint (strlen (longest), >, 3);

    rows = casebook_store_search (store, longest, 100, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      found |= g_strcmp0 (casebook_case_summary_get_id (g_ptr_array_index (rows, i)), "report-2.1") == 0;
    g_assert_true (found);
  }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* Snippets ------------------------------------------------------------------ */

static char *
snippet_of (Fixture      *f,
            const char   *id,
            const char   *query,
            CasebookLang  lang,
            char        **plain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, id, &error);

  g_assert_no_error (error);
  return casebook_search_snippet (c, query, lang, plain);
}

/* A word only in a case's body: the snippet holds it, marked; a word of
 * the title needs no snippet, and with both, the body's word is shown. */
static void
test_snippet_body_word (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *plain = NULL;
  g_autofree char *markup = snippet_of (f, "report-2.1", "vSAN", CASEBOOK_LANG_EN, &plain);
  g_autofree char *prefix = snippet_of (f, "report-2.1", "vsa", CASEBOOK_LANG_EN, NULL);
  g_autofree char *title = snippet_of (f, "report-2.1", "bank", CASEBOOK_LANG_EN, NULL);
  g_autofree char *both = snippet_of (f, "report-2.1", "bank vsan", CASEBOOK_LANG_EN, NULL);
  g_autofree char *none = snippet_of (f, "report-2.1", "  ,;", CASEBOOK_LANG_EN, NULL);

  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "<b>vSAN</b>"));
  g_assert_nonnull (plain);
  g_assert_null (strstr (plain, "<b>"));
  g_assert_nonnull (strstr (plain, "vSAN"));

  /* Typed halfway, the word is found by its start, as the search finds it. */
  g_assert_nonnull (prefix);
  g_assert_nonnull (strstr (prefix, "<b>vSAN</b>"));

  g_assert_null (title);
  g_assert_nonnull (both);
  g_assert_nonnull (strstr (both, "<b>vSAN</b>"));
  g_assert_null (none);
}

/* Two Chinese characters match where they stand together, as the search
 * matches them; a Chinese reader gets the Chinese text. */
static void
test_snippet_chinese (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *plain = NULL;
  g_autofree char *markup = snippet_of (f, "report-5.1", "等保", CASEBOOK_LANG_ZH, &plain);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "<b>等保</b>"));
  g_assert_nonnull (strstr (plain, "等保"));

  /* Every case the search finds for a word of two characters that is in
   * no title has a snippet holding the word. */
  rows = casebook_store_search (f->store, "容器", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      CasebookCaseSummary *row = g_ptr_array_index (rows, i);
      const char *zh = casebook_text_get (casebook_case_summary_get_title (row), CASEBOOK_LANG_ZH);
      g_autofree char *snippet = snippet_of (f, casebook_case_summary_get_id (row), "容器", CASEBOOK_LANG_ZH, NULL);

      if (strstr (zh, "容器") != NULL)
        g_assert_null (snippet);
      else
        {
          g_assert_nonnull (snippet);
          g_assert_nonnull (strstr (snippet, "<b>容器</b>"));
        }
    }
}

/* The case's text is data: markup in it is shown as text, and a long
 * text gives a short piece around the match. */
static void
test_snippet_escaped_and_short (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, "report-2.1", &error);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;

  g_assert_no_error (error);
  g_ptr_array_add (casebook_case_get_lessons (c),
                   casebook_text_new (NULL, "Wrap <b>zygote</b> & <i>friends</i> in quotes"));
  markup = casebook_search_snippet (c, "zygote", CASEBOOK_LANG_EN, &plain);
  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "&lt;b&gt;<b>zygote</b>&lt;/b&gt; &amp; &lt;i&gt;friends&lt;/i&gt;"));
  g_assert_cmpstr (plain, ==, "Wrap <b>zygote</b> & <i>friends</i> in quotes");
  g_clear_pointer (&markup, g_free);
  g_clear_pointer (&plain, g_free);

  for (guint i = 0; i < 2000; i++)
    g_string_append (long_text, i == 1000 ? "quokka " : "filler ");
  g_ptr_array_add (casebook_case_get_lessons (c), casebook_text_new (NULL, long_text->str));
  markup = casebook_search_snippet (c, "quokka", CASEBOOK_LANG_EN, &plain);
  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "<b>quokka</b>"));
  g_assert_true (g_str_has_prefix (plain, "…"));
  g_assert_true (g_str_has_suffix (plain, "…"));
  g_assert_cmpint (g_utf8_strlen (plain, -1), <=, CASEBOOK_SNIPPET_CHARS + 2);
}

/* The ranking is FTS5's bm25() over the newest 1,000 matches, the title
 * weighing ten times the rest, ties to the older case: the search gives
 * exactly the order of that query, written with bm25() itself, for a
 * prefix matching more cases than are ranked, whole words, Chinese
 * phrases and several terms. */
static void
test_ranking_is_bm25 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  CasebookImportResult counts;
  static const char * const queries[] = {
    "kube", "kubernetes", "kubernetes ", "k", "plat", "容器", "容器平台", "云", "容器 平台",
    "kubernetes plat", "Virtualization", "bank", "等保", "zzzz",
  };

  /* More cases than are ranked, scoring differently: the words repeat a
   * different number of times, in the title or the body. */
  for (guint i = 0; i < 1800; i++)
    {
      g_autoptr(GString) zh = g_string_new (NULL);
      g_autoptr(GString) en = g_string_new (NULL);

      for (guint k = 0; k <= i % 3; k++)
        g_string_append (zh, "容器");
      for (guint k = 0; k < i % 7; k++)
        g_string_append (zh, k % 2 == 0 ? "平台" : "云");
      for (guint k = 0; k <= i % 4; k++)
        g_string_append (en, i % 9 == 0 ? "kubevirt " : "Kubernetes ");
      for (guint k = 0; k < i % 5; k++)
        g_string_append (en, "platform ");
      g_string_append_printf (json,
                              "%s{\"id\": \"gen-%u\", \"kind\": \"success\", \"sector\": \"finance\","
                              " \"title\": {\"zh\": \"%s %u\", \"en\": \"%s%u\"},"
                              " \"organization\": {\"en\": \"%s\"},"
                              " \"source\": {\"url\": \"https://example.org/gen-%u\"}}",
                              i > 0 ? ", " : "", i, i % 2 == 0 ? zh->str : "案例", i,
                              i % 3 == 0 ? en->str : "Case ", i, i % 2 == 0 ? "Org" : en->str, i);
    }
  g_string_append (json, "]}");

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  doc = casebook_json_read_document (json->str, json->len, "many.json", &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, &counts, &error));
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *match = casebook_search_build_match (queries[q]);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) some = NULL;
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                                           "SELECT c.id FROM (SELECT rowid AS nr, bm25(case_fts, 10.0, 1.0) AS score "
                                           "FROM case_fts WHERE case_fts MATCH ?1 ORDER BY rowid DESC LIMIT 1000) AS hits "
                                           "JOIN cases c ON c.nr = hits.nr ORDER BY hits.score, c.nr",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (expected, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);

      all = casebook_store_search (store, queries[q], 1000, &error);
      g_assert_no_error (error);
      some = casebook_store_search (store, queries[q], 50, &error);
      g_assert_no_error (error);

      g_test_message ("%s: %u ranked", queries[q], expected->len);
      g_assert_cmpuint (all->len, ==, expected->len);
      g_assert_cmpuint (some->len, ==, MIN (expected->len, 50));
      for (guint i = 0; i < all->len; i++)
        g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (all, i)), ==,
                         g_ptr_array_index (expected, i));
      for (guint i = 0; i < some->len; i++)
        g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (some, i)), ==,
                         g_ptr_array_index (expected, i));
    }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tokenizer/cjk/chars-and-pairs", test_tokenizer_cjk);
  g_test_add_func ("/tokenizer/words/case-folded", test_tokenizer_words);
  g_test_add_func ("/search/query/is-data", test_match_is_data);
  g_test_add_func ("/search/query/bounded", test_match_bounded);
  g_test_add ("/search/chinese/1-2-and-more-characters", Fixture, NULL,
              fixture_setup, test_search_chinese, fixture_teardown);
  g_test_add ("/search/english/words-and-prefixes", Fixture, NULL,
              fixture_setup, test_search_english, fixture_teardown);
  g_test_add ("/search/query/hostile-syntax", Fixture, NULL,
              fixture_setup, test_search_hostile, fixture_teardown);
  g_test_add ("/search/english/prefix-before-punctuation", Fixture, NULL,
              fixture_setup, test_search_prefix_punctuation, fixture_teardown);
  g_test_add ("/search/query/long-finds-what-its-start-finds", Fixture, NULL,
              fixture_setup, test_search_long_query, fixture_teardown);
  g_test_add ("/search/index/follows-import-edit-delete-undo", Fixture, NULL,
              fixture_setup, test_index_follows_changes, fixture_teardown);
  g_test_add_func ("/search/index/migrates-from-schema-1", test_index_migrates_from_v1);
  g_test_add_func ("/search/rank/same-as-bm25", test_ranking_is_bm25);
  g_test_add_func ("/search/cancel/stops-running-statement", test_search_cancel);
  g_test_add_func ("/search/cancel/list-page-empties-cursor", test_list_cancel_empties_cursor);
  g_test_add_func ("/search/cancel/case-list-drops-replaced-query", test_case_list_drops_replaced);
  g_test_add ("/search/snippet/body-word", Fixture, NULL, fixture_setup, test_snippet_body_word, fixture_teardown);
  g_test_add ("/search/snippet/chinese-word", Fixture, NULL, fixture_setup, test_snippet_chinese, fixture_teardown);
  g_test_add ("/search/snippet/escaped-and-short", Fixture, NULL, fixture_setup, test_snippet_escaped_and_short,
              fixture_teardown);

  return g_test_run ();
}
