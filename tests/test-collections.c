/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-case-check.h"
#include "casebook-json.h"
#include "casebook-store-collections.h"
#include "casebook-store-matching.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"
#include "casebook-tokenizer.h"

/* Collections, tags and personal notes in the store. */

typedef struct
{
  char          *dir;
  char          *path;
  CasebookStore *store;
} Fixture;

/* Own cases a1…a5 and b1, b2, in a store without the bundled ones. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const ids[] = { "a1", "a2", "a3", "a4", "a5", "b1", "b2" };
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *c = NULL;

      if (ids[i][0] == 'a')
        c = casebook_test_minimal_case (ids[i], NULL);
      else
        {
          c = g_strdup_printf ("{\"id\": \"%s\", \"kind\": \"failure\", \"sector\": \"government\","
                               " \"title\": {\"en\": \"Government case %s\"},"
                               " \"organization\": {\"en\": \"A ministry\"},"
                               " \"failure\": {\"problem\": {\"en\": \"It failed\"}, \"result\": {\"en\": \"Stopped\"}, \"causes\": [{\"en\": \"Haste\"}]},"
                               " \"source\": {\"url\": \"https://example.org/%s\"}}", ids[i], ids[i], ids[i]);
        }
      g_string_append_printf (json, "%s%s", i > 0 ? ", " : "", c);
    }
  g_string_append (json, "]}");

  f->dir = casebook_test_tmpdir ();
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_NO_BUNDLED);
  _casebook_store_import_data (f->store, json->str, json->len, "own.json", CASEBOOK_IMPORT_SKIP, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_clear_object (&f->store);
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_NO_BUNDLED);
}

/* Every row of the person's own layer and of the cases, and the search
 * index's texts, as text: equal exactly when the store is unchanged. */
static char *
dump_store (const char *path)
{
  static const char * const queries[] = {
    "SELECT id, name, introduction, filter FROM collections ORDER BY id",
    "SELECT collection_id, case_id, position FROM collection_cases ORDER BY 1, 2",
    "SELECT case_id, tag FROM case_tags ORDER BY 1, 2",
    "SELECT case_id, text FROM case_notes ORDER BY 1",
    "SELECT nr, id, doc FROM cases ORDER BY nr",
    "SELECT nr, body FROM case_fts_source ORDER BY nr",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_true (casebook_tokenizer_register (db, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s\t", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                  ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (dump, "--\n");
    }
  sqlite3_close (db);

  return g_string_free (dump, FALSE);
}

/* Only the tables of the person's own layer. */
static char *
dump_personal (const char *path)
{
  char *dump = dump_store (path);
  char *end = dump;

  for (guint i = 0; i < 4; i++)
    end = strstr (end, "--\n") + 3;
  *end = '\0';

  return dump;
}

/* FTS5 compares its index with what the view gives for every case. */
static void
assert_index_ok (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (casebook_tokenizer_register (db, NULL));
  if (sqlite3_exec (db, "INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("the search index does not match the cases: %s", message);
  sqlite3_close (db);
}

/* The ids a listing restricted to @filter gives, in its order, as
 * "a1 a2 …", also when read a page of two at a time. */
static char *
list_ids (CasebookStore  *store,
          CasebookFilter *filter,
          CasebookSort    sort)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GString) paged = g_string_new (NULL);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CasebookCursor cursor = { 0 };
  gboolean first = TRUE;

  all = casebook_store_list (store, filter, sort, CASEBOOK_LANG_EN, NULL, G_MAXUINT, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            casebook_case_summary_get_id (g_ptr_array_index (all, i)));

  for (;;)
    {
      g_autoptr(GPtrArray) page = casebook_store_list (store, filter, sort, CASEBOOK_LANG_EN,
                                                       first ? NULL : &cursor, 2, &cursor, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_string_append_printf (paged, "%s%s", paged->len > 0 ? " " : "",
                                casebook_case_summary_get_id (g_ptr_array_index (page, i)));
      first = FALSE;
      if (page->len < 2)
        break;
    }
  casebook_cursor_clear (&cursor);
  g_assert_cmpstr (paged->str, ==, ids->str);

  /* The count and each case's position agree with the listing. */
  g_assert_cmpuint (casebook_store_count (store, filter, &error), ==, all->len);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      const char *id = casebook_case_summary_get_id (g_ptr_array_index (all, i));

      g_assert_cmpint (casebook_store_position (store, filter, sort, CASEBOOK_LANG_EN, id, &error), ==, i);
      g_assert_no_error (error);
    }

  return g_strdup (ids->str);
}

static char *
collection_ids (CasebookStore *store,
                gint64         id)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();

  casebook_filter_set_collection (filter, id);
  return list_ids (store, filter, CASEBOOK_SORT_TITLE);
}

static CasebookCollection *
make_plain (CasebookStore      *store,
            const char         *name,
            const char * const *ids)
{
  g_autoptr(GError) error = NULL;
  CasebookCollection *collection = casebook_collection_new (name);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (casebook_collection_get_case_ids (collection), g_strdup (ids[i]));
  g_assert_true (casebook_store_create_collection (store, collection, &error));
  g_assert_no_error (error);
  g_assert_cmpint (casebook_collection_get_id (collection), >, 0);

  return collection;
}

static guint
facet_count (GPtrArray     *values,
             CasebookFacet  facet,
             const char    *key)
{
  for (guint i = 0; i < values->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (values, i);

      if (value->facet == (int) facet && g_strcmp0 (value->key, key) == 0)
        return value->count;
    }

  return 0;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const ids[] = { "a3", "a1", "b2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) plain = NULL;
  g_autoptr(CasebookCollection) smart = NULL;
  g_autoptr(CasebookCollection) found = NULL;
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *order = NULL;
  gint64 plain_id, smart_id;

  plain = make_plain (f->store, "短名单 Shortlist", ids);
  plain_id = casebook_collection_get_id (plain);
  casebook_store_set_collection_introduction (f->store, plain_id, "For the CIO.\nTwo lines.", &error);
  g_assert_no_error (error);

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  smart = casebook_collection_new_smart ("Government", filter);
  g_assert_true (casebook_store_create_collection (f->store, smart, &error));
  g_assert_no_error (error);
  smart_id = casebook_collection_get_id (smart);
  g_assert_cmpint (smart_id, !=, plain_id);

  reopen (f);

  list = casebook_store_list_collections (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  /* By name, as Chinese titles sort: Chinese (by pinyin) before Latin. */
  g_assert_cmpstr (casebook_collection_get_name (g_ptr_array_index (list, 0)), ==, "短名单 Shortlist");
  g_assert_false (casebook_collection_is_smart (g_ptr_array_index (list, 0)));
  g_assert_cmpuint (casebook_collection_get_n_cases (g_ptr_array_index (list, 0)), ==, 3);
  g_assert_cmpstr (casebook_collection_get_name (g_ptr_array_index (list, 1)), ==, "Government");
  g_assert_true (casebook_collection_is_smart (g_ptr_array_index (list, 1)));
  g_assert_cmpuint (casebook_collection_get_n_cases (g_ptr_array_index (list, 1)), ==, 2);

  found = casebook_store_find_collection (f->store, "短名单 Shortlist", &error);
  g_assert_no_error (error);
  g_assert_cmpint (casebook_collection_get_id (found), ==, plain_id);
  g_assert_cmpstr (casebook_collection_get_introduction (found), ==, "For the CIO.\nTwo lines.");
  g_assert_cmpuint (casebook_collection_get_case_ids (found)->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (casebook_collection_get_case_ids (found), 0), ==, "a3");
  g_assert_cmpstr (g_ptr_array_index (casebook_collection_get_case_ids (found), 2), ==, "b2");

  /* A plain collection lists in its own order, whatever the sort. */
  order = collection_ids (f->store, plain_id);
  g_assert_cmpstr (order, ==, "a3 a1 b2");
  g_clear_pointer (&order, g_free);
  {
    g_autoptr(CasebookFilter) in = casebook_filter_new ();

    casebook_filter_set_collection (in, plain_id);
    order = list_ids (f->store, in, CASEBOOK_SORT_SIZE);
    g_assert_cmpstr (order, ==, "a3 a1 b2");
    g_clear_pointer (&order, g_free);
  }

  /* A smart one lists what its filter finds, in the sort asked for. */
  order = collection_ids (f->store, smart_id);
  g_assert_cmpstr (order, ==, "b1 b2");
  g_clear_pointer (&order, g_free);

  /* A case named twice is in a collection once. */
  {
    static const char * const twice[] = { "a2", "a1", "a2", NULL };
    g_autoptr(CasebookCollection) dup = make_plain (f->store, "Twice", twice);

    g_assert_cmpuint (casebook_collection_get_n_cases (dup), ==, 2);
    order = collection_ids (f->store, casebook_collection_get_id (dup));
    g_assert_cmpstr (order, ==, "a2 a1");
    g_clear_pointer (&order, g_free);
  }

  g_clear_object (&found);
  found = casebook_store_find_collection (f->store, "Nothing", &error);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_assert_null (found);
  g_assert_nonnull (strstr (error->message, "Nothing"));
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  static const char * const first[] = { "a1", "a2", NULL };
  static const char * const more[] = { "a5", "a2", "a4", "a5", NULL };
  static const char * const unknown[] = { "a3", "no-such-case", NULL };
  static const char * const remove[] = { "a1", "a4", "b1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) c = make_plain (f->store, "Order", first);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *order = NULL;
  gint64 id = casebook_collection_get_id (c);
  guint n_added = 99;

  g_assert_cmpuint (casebook_collection_get_n_cases (c), ==, 2);

  /* Inserted at 1, in the order given, each once; a2 stays where it is. */
  g_assert_true (casebook_store_add_to_collection (f->store, id, more, 1, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 2);
  order = collection_ids (f->store, id);
  g_assert_cmpstr (order, ==, "a1 a5 a4 a2");
  g_clear_pointer (&order, g_free);

  /* An unknown id adds nothing, and says which. */
  before = dump_store (f->path);
  g_assert_false (casebook_store_add_to_collection (f->store, id, unknown, -1, &n_added, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-case"));
  g_clear_error (&error);
  after = dump_store (f->path);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (casebook_store_move_in_collection (f->store, id, "a2", 0, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_move_in_collection (f->store, id, "a1", 99, &error));
  g_assert_no_error (error);
  reopen (f);
  order = collection_ids (f->store, id);
  g_assert_cmpstr (order, ==, "a2 a5 a4 a1");
  g_clear_pointer (&order, g_free);

  g_assert_false (casebook_store_move_in_collection (f->store, id, "b2", 0, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (casebook_store_remove_from_collection (f->store, id, remove, &error));
  g_assert_no_error (error);
  order = collection_ids (f->store, id);
  g_assert_cmpstr (order, ==, "a2 a5");
  g_clear_pointer (&order, g_free);

  /* At the end, and with -1. */
  {
    static const char * const end[] = { "b1", NULL };
    static const char * const end2[] = { "b2", NULL };

    g_assert_true (casebook_store_add_to_collection (f->store, id, end, 2, NULL, &error));
    g_assert_true (casebook_store_add_to_collection (f->store, id, end2, -1, NULL, &error));
    g_assert_no_error (error);
    order = collection_ids (f->store, id);
    g_assert_cmpstr (order, ==, "a2 a5 b1 b2");
    g_clear_pointer (&order, g_free);
  }

  /* The positions stay 0…n-1. */
  {
    g_autofree char *dump = dump_store (f->path);

    g_assert_nonnull (strstr (dump, "\ta2\t0\t\n"));
    g_assert_nonnull (strstr (dump, "\tb2\t3\t\n"));
  }
}

static void
test_filters_narrow (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const ids[] = { "b2", "a3", "b1", "a1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) c = make_plain (f->store, "Mixed", ids);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *order = NULL;

  casebook_filter_set_collection (filter, casebook_collection_get_id (c));
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  order = list_ids (f->store, filter, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "b2 b1");
  g_clear_pointer (&order, g_free);

  /* Facets count within the collection. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", FALSE);
  facets = casebook_store_count_facets (f->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "finance"), ==, 2);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "government"), ==, 2);

  /* Search within it. */
  casebook_filter_set_query (filter, "government");
  hits = casebook_store_search_filtered (f->store, filter, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  order = list_ids (f->store, filter, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "b2 b1");
  g_clear_pointer (&order, g_free);

  /* A collection that is not there lets nothing through. */
  casebook_filter_set_collection (filter, 999);
  casebook_filter_set_query (filter, NULL);
  order = list_ids (f->store, filter, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "");
}

static void
test_smart (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookFilter) saved = casebook_filter_new ();
  g_autoptr(CasebookFilter) current = casebook_filter_new ();
  g_autoptr(CasebookCollection) smart = NULL;
  g_autoptr(GPtrArray) facets = NULL;
  g_autofree char *order = NULL;
  gint64 id;

  g_assert_true (casebook_store_add_tag (f->store, "a2", "cloud", &error));
  g_assert_true (casebook_store_add_tag (f->store, "a4", "cloud", &error));
  g_assert_true (casebook_store_add_tag (f->store, "b1", "cloud", &error));
  g_assert_true (casebook_store_add_tag (f->store, "a4", "edge", &error));
  g_assert_no_error (error);

  /* Saved: the tag "cloud" and the word "case" (every case's title). */
  casebook_filter_set (saved, CASEBOOK_FACET_TAG, "cloud", TRUE);
  casebook_filter_set_query (saved, "case");
  smart = casebook_collection_new_smart ("Cloud", saved);
  g_assert_true (casebook_store_create_collection (f->store, smart, &error));
  g_assert_no_error (error);
  id = casebook_collection_get_id (smart);

  casebook_filter_set_collection (current, id);
  order = list_ids (f->store, current, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "b1 a2 a4");
  g_clear_pointer (&order, g_free);

  /* Combined with the current filter: both must match, also in the same
   * facet (a case with either tag passes "edge"; only a4 has both). */
  casebook_filter_set (current, CASEBOOK_FACET_TAG, "edge", TRUE);
  order = list_ids (f->store, current, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "a4");
  g_clear_pointer (&order, g_free);

  /* The tag facet counts within the smart collection, leaving out only
   * the current choice of tags. */
  facets = casebook_store_count_facets (f->store, current, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_TAG, "cloud"), ==, 3);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_TAG, "edge"), ==, 1);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "government"), ==, 0);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "finance"), ==, 1);

  /* It follows the cases: a new tag brings a case in. */
  casebook_filter_set (current, CASEBOOK_FACET_TAG, "edge", FALSE);
  g_assert_true (casebook_store_add_tag (f->store, "a5", "cloud", &error));
  g_assert_no_error (error);
  order = list_ids (f->store, current, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "b1 a2 a4 a5");
  g_clear_pointer (&order, g_free);

  /* A new saved filter; a plain collection has none to change. */
  casebook_filter_set (saved, CASEBOOK_FACET_TAG, "cloud", FALSE);
  casebook_filter_set (saved, CASEBOOK_FACET_KIND, "failure", TRUE);
  g_assert_true (casebook_store_set_collection_filter (f->store, id, saved, &error));
  g_assert_no_error (error);
  reopen (f);
  order = list_ids (f->store, current, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (order, ==, "b1 b2");
  g_clear_pointer (&order, g_free);
  {
    g_autoptr(CasebookCollection) plain = make_plain (f->store, "Plain", NULL);

    g_assert_false (casebook_store_set_collection_filter (f->store, casebook_collection_get_id (plain),
                                                          saved, &error));
    g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  static const char * const tags[] = { "zeta", "云原生", "alpha", "zeta", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(GPtrArray) in_use = NULL;
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_true (casebook_store_set_tags (f->store, "a1", tags, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_add_tag (f->store, "a2", "zeta", &error));
  g_assert_true (casebook_store_add_tag (f->store, "a2", "zeta", &error));
  g_assert_no_error (error);
  reopen (f);

  c = casebook_store_get_case (f->store, "a1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) casebook_case_get_tags (c)), ==, 3);
  g_assert_cmpstr (casebook_case_get_tags (c)[0], ==, "alpha");
  g_assert_cmpstr (casebook_case_get_tags (c)[1], ==, "zeta");
  g_assert_cmpstr (casebook_case_get_tags (c)[2], ==, "云原生");

  in_use = casebook_store_list_tags (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_use->len, ==, 3);
  g_assert_cmpstr (((CasebookFacetValue *) g_ptr_array_index (in_use, 0))->key, ==, "zeta");
  g_assert_cmpuint (((CasebookFacetValue *) g_ptr_array_index (in_use, 0))->count, ==, 2);

  facets = casebook_store_count_facets (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_TAG, "zeta"), ==, 2);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_TAG, "云原生"), ==, 1);

  /* List rows carry them, and whether there is a note. */
  g_assert_true (casebook_store_set_note (f->store, "a2", "n", &error));
  {
    g_autoptr(GPtrArray) rows = casebook_store_list (f->store, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN,
                                                     NULL, 100, NULL, &error);

    for (guint i = 0; i < rows->len; i++)
      {
        CasebookCaseSummary *row = g_ptr_array_index (rows, i);
        const char *id = casebook_case_summary_get_id (row);
        guint n = g_strv_length ((char **) casebook_case_summary_get_tags (row));

        g_assert_cmpuint (n, ==, g_str_equal (id, "a1") ? 3 : g_str_equal (id, "a2") ? 1 : 0);
        g_assert_true (casebook_case_summary_has_note (row) == g_str_equal (id, "a2"));
        if (g_str_equal (id, "a1"))
          g_assert_cmpstr (casebook_case_summary_get_tags (row)[2], ==, "云原生");
      }
  }

  /* Tags are searched too, Chinese ones by their two-character words. */
  hits = casebook_store_search (f->store, "原生", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (hits, 0)), ==, "a1");

  g_assert_true (casebook_store_remove_tag (f->store, "a1", "云原生", &error));
  g_assert_true (casebook_store_remove_tag (f->store, "a1", "not-there", &error));
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = casebook_store_search (f->store, "原生", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);

  g_assert_false (casebook_store_add_tag (f->store, "no-such-case", "x", &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_index_ok (f->path);
}

static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autofree char *note = NULL;
  const char *text = "Ask about the audit.\n\n数据中心的合规要求很严格。";

  g_assert_true (casebook_store_set_note (f->store, "a3", text, &error));
  g_assert_no_error (error);
  reopen (f);

  note = casebook_store_get_note (f->store, "a3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, text);
  c = casebook_store_get_case (f->store, "a3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_case_get_personal_note (c), ==, text);
  g_clear_object (&c);
  c = casebook_store_get_case (f->store, "a4", &error);
  g_assert_null (casebook_case_get_personal_note (c));

  /* A two-character Chinese word of the note, and an English one. */
  hits = casebook_store_search (f->store, "合规", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (hits, 0)), ==, "a3");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = casebook_store_search (f->store, "audit", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  assert_index_ok (f->path);

  /* Changed, the old words are gone from the index. */
  g_assert_true (casebook_store_set_note (f->store, "a3", "Only 容器 now", &error));
  g_assert_no_error (error);
  hits = casebook_store_search (f->store, "合规", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = casebook_store_search (f->store, "容器", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Empty removes it. */
  g_assert_true (casebook_store_set_note (f->store, "a3", "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&note, g_free);
  note = casebook_store_get_note (f->store, "a3", &error);
  g_assert_no_error (error);
  g_assert_null (note);
  hits = casebook_store_search (f->store, "容器", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  assert_index_ok (f->path);

  g_assert_false (casebook_store_set_note (f->store, "no-such-case", "x", &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
}

static void
assert_refused (Fixture     *f,
                gboolean     ok,
                GError     **error,
                int          code,
                const char  *part,
                const char  *before)
{
  g_autofree char *after = dump_store (f->path);

  g_assert_false (ok);
  g_assert_error (*error, CASEBOOK_STORE_ERROR, code);
  if (strstr ((*error)->message, part) == NULL)
    g_error ("“%s” does not say “%s”", (*error)->message, part);
  g_clear_error (error);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const char * const ids[] = { "a1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) taken = make_plain (f->store, "Taken", ids);
  g_autoptr(CasebookCollection) other = make_plain (f->store, "Other", NULL);
  g_autofree char *before = dump_store (f->path);
  g_autofree char *long_name = NULL;
  g_autofree char *long_note = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  gint64 id = casebook_collection_get_id (other);

  /* "Taken" is there for the names below to collide with. */
  g_assert_nonnull (taken);
  for (guint i = 0; i < CASEBOOK_MAX_COLLECTION_NAME_CHARS; i++)
    g_string_append (name, "名");
  /* 200 characters are a name; 201 are not. */
  g_assert_null (casebook_collection_check_name (name->str));
  g_string_append (name, "x");
  long_name = g_string_free (g_steal_pointer (&name), FALSE);
  long_note = g_strnfill (CASEBOOK_MAX_NOTE_CHARS + 1, 'n');

#define REFUSED(call, code, part) \
  assert_refused (f, (call), &error, (code), (part), before)

  {
    g_autoptr(CasebookCollection) c = casebook_collection_new ("");

    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_INVALID, "empty");
    casebook_collection_set_name (c, "   ");
    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_INVALID, "empty");
    casebook_collection_set_name (c, long_name);
    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_INVALID, "200");
    casebook_collection_set_name (c, "Bell\a");
    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_INVALID, "U+0007");
    casebook_collection_set_name (c, "Taken");
    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_EXISTS, "Taken");
    casebook_collection_set_name (c, "New");
    g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup ("a2"));
    g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup ("ghost"));
    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_NOT_FOUND, "ghost");
    g_assert_cmpint (casebook_collection_get_id (c), ==, 0);
    g_ptr_array_set_size (casebook_collection_get_case_ids (c), 0);
    casebook_collection_set_introduction (c, long_note);
    REFUSED (casebook_store_create_collection (f->store, c, &error), CASEBOOK_STORE_ERROR_INVALID, "100000");
  }

  REFUSED (casebook_store_rename_collection (f->store, id, "Taken", &error), CASEBOOK_STORE_ERROR_EXISTS, "Taken");
  REFUSED (casebook_store_rename_collection (f->store, id, "", &error), CASEBOOK_STORE_ERROR_INVALID, "empty");
  REFUSED (casebook_store_rename_collection (f->store, 999, "Fine", &error), CASEBOOK_STORE_ERROR_NOT_FOUND, "999");
  REFUSED (casebook_store_set_collection_introduction (f->store, id, long_note, &error),
           CASEBOOK_STORE_ERROR_INVALID, "100000");
  REFUSED (casebook_store_add_tag (f->store, "a1", "", &error), CASEBOOK_STORE_ERROR_INVALID, "empty");
  REFUSED (casebook_store_add_tag (f->store, "a1", "line\nbreak", &error), CASEBOOK_STORE_ERROR_INVALID, "U+000A");
  REFUSED (casebook_store_set_note (f->store, "a1", long_note, &error), CASEBOOK_STORE_ERROR_INVALID, "100000");
  REFUSED (casebook_store_set_note (f->store, "a1", "esc \x1b[31m", &error), CASEBOOK_STORE_ERROR_INVALID, "U+001B");
  {
    g_autoptr(CasebookCollection) gone = casebook_store_delete_collection (f->store, 999, &error);

    g_assert_null (gone);
    REFUSED (FALSE, CASEBOOK_STORE_ERROR_NOT_FOUND, "999");
  }

#undef REFUSED

  /* A note of exactly the limit, with line feeds and tabs, is a note. */
  long_note[CASEBOOK_MAX_NOTE_CHARS] = '\0';
  long_note[10] = '\n';
  long_note[11] = '\t';
  g_assert_true (casebook_store_set_note (f->store, "a1", long_note, &error));
  g_assert_no_error (error);
  /* Renaming to its own name is no change, and allowed. */
  g_assert_true (casebook_store_rename_collection (f->store, id, "Other", &error));
  g_assert_true (casebook_store_rename_collection (f->store, id, "Другое", &error));
  g_assert_no_error (error);
}

static void
test_delete_collection_undo (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const ids[] = { "b1", "a2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) c = make_plain (f->store, "Undo me", ids);
  g_autoptr(CasebookCollection) deleted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = casebook_collection_get_id (c);

  g_assert_true (casebook_store_set_collection_introduction (f->store, id, "Intro", &error));
  before = dump_store (f->path);
  deleted = casebook_store_delete_collection (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpuint (casebook_collection_get_case_ids (deleted)->len, ==, 2);
  g_assert_null (casebook_store_find_collection (f->store, "Undo me", NULL));
  g_assert_true (casebook_store_has_case (f->store, "b1"));

  g_assert_true (casebook_store_create_collection (f->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (casebook_collection_get_id (deleted), ==, id);
  after = dump_store (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* Deleting a case takes it out of its collections and keeps its note;
 * undoing puts it back where it stood, with its tags. */
static void
test_delete_case_undo (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const ids[] = { "a1", "a2", "a3", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) c = make_plain (f->store, "Three", ids);
  g_autoptr(CasebookCase) deleted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *order = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) in_use = NULL;
  gint64 id = casebook_collection_get_id (c);

  g_assert_true (casebook_store_add_tag (f->store, "a2", "keep", &error));
  g_assert_true (casebook_store_set_note (f->store, "a2", "My note on a2", &error));
  g_assert_no_error (error);
  before = dump_store (f->path);

  deleted = casebook_store_delete_case (f->store, "a2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_case_get_personal_note (deleted), ==, "My note on a2");
  g_assert_cmpstr (casebook_case_get_tags (deleted)[0], ==, "keep");
  order = collection_ids (f->store, id);
  g_assert_cmpstr (order, ==, "a1 a3");
  g_clear_pointer (&order, g_free);
  note = casebook_store_get_note (f->store, "a2", &error);
  g_assert_cmpstr (note, ==, "My note on a2");
  in_use = casebook_store_list_tags (f->store, &error);
  g_assert_cmpuint (in_use->len, ==, 0);
  assert_index_ok (f->path);

  g_assert_true (casebook_store_restore_case (f->store, deleted, &error));
  g_assert_no_error (error);
  after = dump_store (f->path);
  g_assert_cmpstr (after, ==, before);
  assert_index_ok (f->path);

  /* The person chose not to keep the note: the undo brings it back. */
  g_clear_object (&deleted);
  deleted = casebook_store_delete_case (f->store, "a2", &error);
  g_assert_true (casebook_store_set_note (f->store, "a2", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_restore_case (f->store, deleted, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump_store (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A store of schema version 3, with cases, upgrades keeping them all. */
static void
test_migration (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own = casebook_test_minimal_case ("mine-1", ", \"lessons\": [{\"zh\": \"先做合规评估\"}]");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(CasebookCollection) c = NULL;
  static const char * const ids[] = { "mine-1", NULL };
  sqlite3 *db = NULL;

  g_assert_true (_casebook_store_import_data (store, json, strlen (json), "own.json",
                                              CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  before = casebook_test_snapshot (store);
  g_clear_object (&store);

  /* Schema 3: the view as it was, without the tables of version 4. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (casebook_tokenizer_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, "BEGIN;"
                                     "DROP VIEW case_fts_source;"
                                     CASEBOOK_TEST_DROP_SCHEMA_4
                                     "CREATE VIEW case_fts_source AS"
                                     "  SELECT nr, casebook_search_text (doc, 0) AS title, "
                                     "  casebook_search_text (doc, 1) AS body FROM cases;"
                                     "PRAGMA user_version = 3;"
                                     "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_index_ok (path);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the export after the upgrade");
  assert_index_ok (path);

  hits = casebook_store_search (store, "合规", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);

  /* And the new tables work. */
  c = casebook_collection_new ("After the upgrade");
  g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup ("mine-1"));
  g_assert_true (casebook_store_create_collection (store, c, &error));
  g_assert_true (casebook_store_set_note (store, "mine-1", "备注", &error));
  g_assert_true (casebook_store_add_to_collection (store, casebook_collection_get_id (c), ids, -1, NULL, &error));
  g_assert_no_error (error);
  assert_index_ok (path);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* A refresh of the bundled collection writes the bundled cases again; the
 * person's collections, tags and notes on them stay. */
static void
test_bundled_refresh (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookDocument) bundled = _casebook_bundled_document (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CasebookCollection) c = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *ids[3] = { NULL, };

  rows = casebook_store_list (store, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  ids[0] = casebook_case_summary_get_id (g_ptr_array_index (rows, 1));
  ids[1] = casebook_case_summary_get_id (g_ptr_array_index (rows, 0));

  c = casebook_collection_new ("Bundled ones");
  g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup (ids[0]));
  g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup (ids[1]));
  g_assert_true (casebook_store_create_collection (store, c, &error));
  g_assert_true (casebook_store_add_tag (store, ids[0], "compare", &error));
  g_assert_true (casebook_store_set_note (store, ids[1], "Read 合规 again", &error));
  g_assert_no_error (error);
  before = dump_personal (path);

  g_assert_nonnull (bundled);
  g_assert_true (_casebook_store_refresh_bundled (store, bundled, &error));
  g_assert_no_error (error);

  /* Row numbers of the bundled cases may change; what is keyed by id may
   * not. */
  {
    g_autofree char *order = collection_ids (store, casebook_collection_get_id (c));
    g_autofree char *expected = g_strdup_printf ("%s %s", ids[0], ids[1]);
    g_autoptr(GPtrArray) hits = casebook_store_search (store, "合规", 50, &error);
    g_autoptr(CasebookCase) tagged = casebook_store_get_case (store, ids[0], &error);
    gboolean found = FALSE;

    g_assert_cmpstr (order, ==, expected);
    for (guint i = 0; i < hits->len; i++)
      found |= g_strcmp0 (casebook_case_summary_get_id (g_ptr_array_index (hits, i)), ids[1]) == 0;
    g_assert_true (found);
    g_assert_cmpstr (casebook_case_get_tags (tagged)[0], ==, "compare");
  }
  after = dump_personal (path);
  g_assert_cmpstr (after, ==, before);
  assert_index_ok (path);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}


/* The person's layer of @f's store: two collections, tags and notes. */
static void
add_personal_layer (Fixture *f)
{
  static const char * const ids[] = { "b2", "a3", "a1", NULL };
  static const char * const tags[] = { "短名单", "cloud", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) plain = make_plain (f->store, "Shortlist", ids);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCollection) smart = NULL;

  g_assert_true (casebook_store_set_collection_introduction (f->store, casebook_collection_get_id (plain),
                                                             "Why these three.", &error));
  casebook_filter_set (filter, CASEBOOK_FACET_KIND, "failure", TRUE);
  casebook_filter_set_query (filter, "government");
  smart = casebook_collection_new_smart ("Failures", filter);
  g_assert_true (casebook_store_create_collection (f->store, smart, &error));
  g_assert_true (casebook_store_set_tags (f->store, "a3", tags, &error));
  g_assert_true (casebook_store_add_tag (f->store, "b1", "cloud", &error));
  g_assert_true (casebook_store_set_note (f->store, "a1", "第一段。\n\nSecond paragraph.", &error));
  g_assert_no_error (error);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(CasebookDocument) again = NULL;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) other = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  CasebookImportResult result = { 0 };
  g_autofree char *expected = NULL;
  g_autofree char *seen = NULL;
  GPtrArray *collections;

  add_personal_layer (f);
  doc = casebook_store_export (f->store, &error);
  g_assert_no_error (error);
  collections = casebook_document_get_collections (doc);
  g_assert_cmpuint (collections->len, ==, 2);
  g_assert_cmpstr (casebook_collection_get_name (g_ptr_array_index (collections, 0)), ==, "Shortlist");
  g_assert_cmpuint (casebook_collection_get_case_ids (g_ptr_array_index (collections, 0))->len, ==, 3);
  g_assert_true (casebook_collection_is_smart (g_ptr_array_index (collections, 1)));
  for (guint i = 0; i < casebook_document_get_cases (doc)->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (casebook_document_get_cases (doc), i);

      if (g_str_equal (casebook_case_get_id (c), "a3"))
        g_assert_cmpstr (casebook_case_get_tags (c)[1], ==, "短名单");
      if (g_str_equal (casebook_case_get_id (c), "a1"))
        g_assert_cmpstr (casebook_case_get_personal_note (c), ==, "第一段。\n\nSecond paragraph.");
    }

  g_assert_true (casebook_store_import (other, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 7);
  g_assert_cmpuint (result.collections_created, ==, 2);
  g_assert_cmpuint (result.collections_merged, ==, 0);
  expected = dump_store (f->path);
  seen = dump_store (path);
  casebook_test_assert_same_text (seen, expected, "the store an export was imported into");
  assert_index_ok (path);

  /* The same again: every collection exists, nothing changes. */
  memset (&result, 0, sizeof result);
  g_assert_true (casebook_store_import (other, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.skipped, ==, 7);
  g_assert_cmpuint (result.collections_created, ==, 0);
  g_assert_cmpuint (result.collections_merged, ==, 2);
  g_free (seen);
  seen = dump_store (path);
  casebook_test_assert_same_text (seen, expected, "the store after importing the export twice");

  again = casebook_store_export (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_document_get_collections (again)->len, ==, 2);

  g_clear_object (&other);
  casebook_test_rmdir (dir);
}

static void
test_export_collection (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const extra[] = { "a5", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(CasebookDocument) smart_doc = NULL;
  g_autoptr(CasebookCollection) shortlist = NULL;
  g_autoptr(CasebookCollection) imported = NULL;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) other = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  CasebookImportResult result = { 0 };
  g_autofree char *order = NULL;
  GPtrArray *cases;

  add_personal_layer (f);
  shortlist = casebook_store_find_collection (f->store, "Shortlist", &error);
  g_assert_no_error (error);

  doc = casebook_store_export_collection (f->store, casebook_collection_get_id (shortlist), &error);
  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  g_assert_cmpuint (cases->len, ==, 3);
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 0)), ==, "b2");
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 2)), ==, "a1");
  g_assert_cmpuint (casebook_document_get_collections (doc)->len, ==, 1);
  g_assert_cmpint (casebook_collection_get_id (g_ptr_array_index (casebook_document_get_collections (doc), 0)),
                   ==, 0);
  g_assert_cmpuint (casebook_document_get_insights (doc)->len, ==, 0);

  g_assert_true (casebook_store_import (other, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.collections_created, ==, 1);
  imported = casebook_store_find_collection (other, "Shortlist", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_collection_get_introduction (imported), ==, "Why these three.");
  order = collection_ids (other, casebook_collection_get_id (imported));
  g_assert_cmpstr (order, ==, "b2 a3 a1");
  g_clear_pointer (&order, g_free);

  /* Into a store whose "Shortlist" has other cases: they are added at the
   * end, and the import says it merged. */
  g_assert_true (casebook_store_remove_from_collection (f->store, casebook_collection_get_id (shortlist),
                                                        (const char * const []) { "a3", NULL }, &error));
  g_assert_true (casebook_store_add_to_collection (f->store, casebook_collection_get_id (shortlist), extra, 0,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&doc);
  doc = casebook_store_export_collection (f->store, casebook_collection_get_id (shortlist), &error);
  memset (&result, 0, sizeof result);
  g_assert_true (casebook_store_import (other, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.collections_merged, ==, 1);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.skipped, ==, 2);
  order = collection_ids (other, casebook_collection_get_id (imported));
  g_assert_cmpstr (order, ==, "b2 a3 a1 a5");
  g_clear_pointer (&order, g_free);

  /* A smart collection: its definition and the cases it finds now. */
  {
    g_autoptr(CasebookCollection) failures = casebook_store_find_collection (f->store, "Failures", &error);

    smart_doc = casebook_store_export_collection (f->store, casebook_collection_get_id (failures), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (casebook_document_get_cases (smart_doc)->len, ==, 2);
    g_assert_true (casebook_collection_is_smart (g_ptr_array_index (casebook_document_get_collections (smart_doc),
                                                                    0)));
  }

  g_assert_null (casebook_store_export_collection (f->store, 999, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);

  g_clear_object (&other);
  casebook_test_rmdir (dir);
}

/* Through files: a whole export imported into an empty store exports to
 * the same bytes, and one collection's file recreates it. */
static void
test_file_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(CasebookCollection) shortlist = NULL;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) other = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *one = NULL;
  CasebookImportResult result = { 0 };

  add_personal_layer (f);
  first = casebook_test_snapshot (f->store);
  g_assert_nonnull (strstr (first, "\"collections\""));
  g_assert_nonnull (strstr (first, "短名单"));
  g_assert_nonnull (strstr (first, "Second paragraph."));

  _casebook_store_import_data (other, first, strlen (first), "export.json", CASEBOOK_IMPORT_SKIP, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.collections_created, ==, 2);
  second = casebook_test_snapshot (other);
  casebook_test_assert_same_text (second, first, "the export of the store the export was imported into");
  {
    g_autofree char *seen = dump_personal (path);
    g_autofree char *expected = dump_personal (f->path);

    g_assert_cmpstr (seen, ==, expected);
  }

  /* One collection, into a store that has none of it. */
  g_clear_object (&other);
  casebook_test_rmdir (dir);
  g_free (dir);
  dir = casebook_test_tmpdir ();
  other = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  shortlist = casebook_store_find_collection (f->store, "Shortlist", &error);
  doc = casebook_store_export_collection (f->store, casebook_collection_get_id (shortlist), &error);
  g_assert_no_error (error);
  one = casebook_json_write_document (doc, NULL);
  memset (&result, 0, sizeof result);
  _casebook_store_import_data (other, one, strlen (one), "shortlist.json", CASEBOOK_IMPORT_SKIP, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.collections_created, ==, 1);
  {
    g_autoptr(CasebookCollection) back = casebook_store_find_collection (other, "Shortlist", &error);
    g_autofree char *order = NULL;
    g_autofree char *note = casebook_store_get_note (other, "a1", &error);

    g_assert_no_error (error);
    order = collection_ids (other, casebook_collection_get_id (back));
    g_assert_cmpstr (order, ==, "b2 a3 a1");
    g_assert_cmpstr (casebook_collection_get_introduction (back), ==, "Why these three.");
    g_assert_cmpstr (note, ==, "第一段。\n\nSecond paragraph.");
  }

  g_clear_object (&other);
  casebook_test_rmdir (dir);
}

/* Tags from a file are added; a note fills in a missing one, and with
 * "replace" replaces it. Also for a case the import skips. */
static void
test_import_personal (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const old_tags[] = { "mine", NULL };
  static const char * const new_tags[] = { "theirs", "mine", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_document_new ();
  g_autoptr(CasebookCase) a1 = casebook_store_get_case (f->store, "a1", &error);
  g_autoptr(CasebookCase) a2 = casebook_store_get_case (f->store, "a2", &error);
  g_autoptr(CasebookCase) got = NULL;
  g_autofree char *note = NULL;

  g_assert_true (casebook_store_set_tags (f->store, "a1", old_tags, &error));
  g_assert_true (casebook_store_set_note (f->store, "a1", "kept", &error));
  g_assert_no_error (error);

  casebook_case_set_tags (a1, new_tags);
  casebook_case_set_personal_note (a1, "from the file");
  casebook_case_set_personal_note (a2, "new on a2");
  g_ptr_array_add (casebook_document_get_cases (doc), g_object_ref (a1));
  g_ptr_array_add (casebook_document_get_cases (doc), g_object_ref (a2));

  g_assert_true (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  got = casebook_store_get_case (f->store, "a1", &error);
  g_assert_cmpuint (g_strv_length ((char **) casebook_case_get_tags (got)), ==, 2);
  g_assert_cmpstr (casebook_case_get_personal_note (got), ==, "kept");
  note = casebook_store_get_note (f->store, "a2", &error);
  g_assert_cmpstr (note, ==, "new on a2");

  g_assert_true (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_REPLACE, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&got);
  got = casebook_store_get_case (f->store, "a1", &error);
  g_assert_cmpstr (casebook_case_get_personal_note (got), ==, "from the file");
  assert_index_ok (f->path);

  /* The case's document in the store holds neither. */
  {
    g_autofree char *dump = dump_store (f->path);

    g_assert_null (strstr (dump, "\"from the file\""));
    g_assert_null (strstr (dump, "\"theirs\""));
  }
}

/* A collection naming a case neither the file nor the store has, or two
 * collections of one name: the whole import is refused, and says where. */
static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_document_new ();
  g_autoptr(CasebookCase) stored = casebook_store_get_case (f->store, "a1", NULL);
  g_autoptr(CasebookCase) fresh = casebook_case_copy (stored);
  g_autoptr(CasebookCollection) good = casebook_collection_new ("Good");
  g_autoptr(CasebookCollection) bad = casebook_collection_new ("Bad");
  g_autofree char *before = NULL;
  CasebookImportResult result = { 0 };

  add_personal_layer (f);
  before = dump_store (f->path);

  casebook_case_set_id (fresh, "fresh");
  casebook_case_set_personal_note (fresh, "a note");
  g_ptr_array_add (casebook_document_get_cases (doc), g_object_ref (fresh));
  g_ptr_array_add (casebook_collection_get_case_ids (good), g_strdup ("fresh"));
  g_ptr_array_add (casebook_collection_get_case_ids (good), g_strdup ("a2"));
  g_ptr_array_add (casebook_collection_get_case_ids (bad), g_strdup ("a2"));
  g_ptr_array_add (casebook_collection_get_case_ids (bad), g_strdup ("ghost"));
  g_ptr_array_add (casebook_document_get_collections (doc), g_object_ref (good));
  g_ptr_array_add (casebook_document_get_collections (doc), g_object_ref (bad));

  g_assert_false (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "collections[1].cases[1]"));
  g_assert_nonnull (strstr (error->message, "ghost"));
  g_clear_error (&error);
  {
    g_autofree char *after = dump_store (f->path);

    g_assert_cmpstr (after, ==, before);
  }

  casebook_collection_set_name (bad, "Good");
  g_ptr_array_set_size (casebook_collection_get_case_ids (bad), 1);
  g_assert_false (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "collections[1].name"));
  g_clear_error (&error);

  /* A plain collection meeting a smart one of its name. */
  casebook_collection_set_name (bad, "Failures");
  g_assert_false (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "collections[1]"));
  g_clear_error (&error);

  /* A tag no tag may be. */
  casebook_collection_set_name (bad, "Fine");
  casebook_case_set_tags (fresh, (const char * const []) { "ok", "bad\x1b]52;c;", NULL });
  g_assert_false (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cases[0].tags[0]"));
  g_clear_error (&error);
  {
    g_autofree char *after = dump_store (f->path);

    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_checks (void)
{
  g_autofree char *p = NULL;

  g_assert_null (casebook_collection_check_name ("Кейсы 案例 🚀"));
  p = casebook_collection_check_name (NULL);
  g_assert_nonnull (p);
  g_clear_pointer (&p, g_free);
  p = casebook_collection_check_name ("tab\there");
  g_assert_nonnull (strstr (p, "U+0009"));
  g_clear_pointer (&p, g_free);
  p = casebook_collection_check_name ("bidi \u2028 break");
  g_assert_nonnull (strstr (p, "U+2028"));
  g_clear_pointer (&p, g_free);
  p = casebook_collection_check_name ("\xff\xfe");
  g_assert_nonnull (strstr (p, "UTF-8"));
  g_clear_pointer (&p, g_free);

  g_assert_null (casebook_check_tag ("云原生"));
  p = casebook_check_tag (" ");
  g_assert_nonnull (strstr (p, "empty"));
  g_clear_pointer (&p, g_free);
  {
    g_autofree char *tag = g_strnfill (CASEBOOK_MAX_TAG_CHARS + 1, 't');

    p = casebook_check_tag (tag);
    g_assert_nonnull (p);
    g_clear_pointer (&p, g_free);
    tag[CASEBOOK_MAX_TAG_CHARS] = '\0';
    g_assert_null (casebook_check_tag (tag));
  }

  g_assert_null (casebook_check_note (NULL));
  g_assert_null (casebook_check_note (""));
  g_assert_null (casebook_check_note ("one\n\ttwo"));
  p = casebook_check_note ("cr\r");
  g_assert_nonnull (strstr (p, "U+000D"));
}

static void
test_case_copy (void)
{
  static const char * const tags[] = { "b", "a", "b", NULL };
  g_autoptr(CasebookCase) c = casebook_case_new ("x");
  g_autoptr(CasebookCase) copy = NULL;
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookFilter) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpuint (g_strv_length ((char **) casebook_case_get_tags (c)), ==, 0);
  casebook_case_set_tags (c, tags);
  casebook_case_set_personal_note (c, "Note");
  copy = casebook_case_copy (c);
  g_assert_cmpuint (g_strv_length ((char **) casebook_case_get_tags (copy)), ==, 2);
  g_assert_cmpstr (casebook_case_get_tags (copy)[0], ==, "a");
  g_assert_cmpstr (casebook_case_get_personal_note (copy), ==, "Note");
  casebook_case_set_personal_note (copy, "");
  g_assert_null (casebook_case_get_personal_note (copy));

  casebook_filter_set (filter, CASEBOOK_FACET_YEAR, "2023", TRUE);
  casebook_filter_set (filter, CASEBOOK_FACET_TAG, "标签", TRUE);
  casebook_filter_set_query (filter, "kube \"x\"");
  casebook_filter_set_collection (filter, 5);
  json = casebook_filter_serialize (filter);
  g_assert_cmpstr (json, ==, "{\"query\":\"kube \\\"x\\\"\",\"year\":[\"2023\"],\"tag\":[\"标签\"]}");
  back = casebook_filter_deserialize (json, NULL);
  g_assert_nonnull (back);
  g_assert_cmpint (casebook_filter_get_collection (back), ==, 0);
  again = casebook_filter_serialize (back);
  g_assert_cmpstr (again, ==, json);
  g_assert_null (casebook_filter_deserialize ("[1]", NULL));
  g_assert_null (casebook_filter_deserialize ("{\"tag\": [1]}", NULL));
}

/* The ids as "a1 a2 …". */
static char *
join_ids (GPtrArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (ids, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The ids at some positions of a listing are those casebook_store_list()
 * has there, in every order and in a collection's own order. */
static void
test_list_ids (Fixture       *f,
               gconstpointer  data)
{
  static const char * const order[] = { "b2", "a4", "a1", "b1", NULL };
  static const guint runs[] = { 1, 2, 3, 1, 5, 10 };
  g_autoptr(CasebookCollection) own = make_plain (f->store, "Own order", order);
  g_autoptr(CasebookFilter) within = casebook_filter_new ();
  g_autoptr(GError) error = NULL;

  for (CasebookSort sort = 0; sort < CASEBOOK_N_SORTS; sort++)
    {
      g_autoptr(GPtrArray) all = casebook_store_list (f->store, NULL, sort, CASEBOOK_LANG_EN, NULL, G_MAXUINT,
                                                      NULL, &error);
      g_autoptr(GPtrArray) ids = NULL;
      g_autoptr(GPtrArray) none = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *seen = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 7);
      /* Positions 1, 2, 3 (two runs that touch) and 5, 6 (a run past the
       * end). */
      for (guint i = 1; i < all->len; i++)
        if (i != 4)
          g_string_append_printf (expected, "%s%s", expected->len > 0 ? " " : "",
                                  casebook_case_summary_get_id (g_ptr_array_index (all, i)));

      ids = casebook_store_list_ids (f->store, NULL, sort, CASEBOOK_LANG_EN, runs, 3, &error);
      g_assert_no_error (error);
      seen = join_ids (ids);
      g_assert_cmpstr (seen, ==, expected->str);

      none = casebook_store_list_ids (f->store, NULL, sort, CASEBOOK_LANG_EN, NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (none->len, ==, 0);
    }

  /* A plain collection lists in its own order. */
  casebook_filter_set_collection (within, casebook_collection_get_id (own));
  {
    static const guint middle[] = { 1, 2 };
    g_autoptr(GPtrArray) ids = casebook_store_list_ids (f->store, within, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN,
                                                        middle, 1, &error);
    g_autofree char *seen = NULL;

    g_assert_no_error (error);
    seen = join_ids (ids);
    g_assert_cmpstr (seen, ==, "a4 a1");
  }
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
count_changed (CasebookStore *store,
               guint         *n)
{
  (*n)++;
}

/* Every case of a listing goes into a collection, after the cases it
 * has, in the listing's order; those in it already stay where they are. */
static void
test_add_matching (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const first[] = { "b2", NULL };
  static const char * const source_order[] = { "a3", "a1", "b1", NULL };
  g_autoptr(CasebookCollection) mine = make_plain (f->store, "Mine", first);
  g_autoptr(CasebookCollection) source = make_plain (f->store, "Source", source_order);
  g_autoptr(CasebookCollection) copy = make_plain (f->store, "Copy", NULL);
  g_autoptr(CasebookCollection) government = make_plain (f->store, "Government", NULL);
  g_autoptr(CasebookCollection) later = make_plain (f->store, "Later", NULL);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_sector = list_ids (f->store, NULL, CASEBOOK_SORT_SECTOR);
  g_autofree char *expected = NULL;
  g_autofree char *seen = NULL;
  g_auto(GStrv) sector_ids = g_strsplit (by_sector, " ", -1);
  g_autoptr(GString) without_b2 = g_string_new ("b2");
  guint n_added = 0;
  guint n_changed = 0;

  /* All seven by sector, b2 kept first. */
  for (guint i = 0; sector_ids[i] != NULL; i++)
    if (strcmp (sector_ids[i], "b2") != 0)
      g_string_append_printf (without_b2, " %s", sector_ids[i]);
  g_assert_true (casebook_store_add_matching_to_collection (f->store, casebook_collection_get_id (mine), NULL,
                                                            CASEBOOK_SORT_SECTOR, CASEBOOK_LANG_EN, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 6);
  seen = collection_ids (f->store, casebook_collection_get_id (mine));
  g_assert_cmpstr (seen, ==, without_b2->str);
  g_clear_pointer (&seen, g_free);

  /* Again: nothing new, nothing moves. */
  g_assert_true (casebook_store_add_matching_to_collection (f->store, casebook_collection_get_id (mine), NULL,
                                                            CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 0);
  seen = collection_ids (f->store, casebook_collection_get_id (mine));
  g_assert_cmpstr (seen, ==, without_b2->str);
  g_clear_pointer (&seen, g_free);

  /* A listing of a plain collection is in its own order. */
  casebook_filter_set_collection (filter, casebook_collection_get_id (source));
  g_assert_true (casebook_store_add_matching_to_collection (f->store, casebook_collection_get_id (copy), filter,
                                                            CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 3);
  seen = collection_ids (f->store, casebook_collection_get_id (copy));
  g_assert_cmpstr (seen, ==, "a3 a1 b1");
  g_clear_pointer (&seen, g_free);

  /* A facet narrows it, in the order asked for. */
  casebook_filter_set_collection (filter, 0);
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  expected = list_ids (f->store, filter, CASEBOOK_SORT_TITLE);
  g_assert_cmpstr (expected, ==, "b1 b2");
  g_assert_true (casebook_store_add_matching_to_collection (f->store, casebook_collection_get_id (government), filter,
                                                            CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 2);
  seen = collection_ids (f->store, casebook_collection_get_id (government));
  g_assert_cmpstr (seen, ==, expected);
  g_clear_pointer (&seen, g_free);

  /* On a worker thread: the store says it changed before the callback. */
  casebook_filter_clear_facets (filter);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &n_changed);
  casebook_store_add_matching_to_collection_async (f->store, casebook_collection_get_id (later), filter,
                                                   CASEBOOK_SORT_SECTOR, CASEBOOK_LANG_EN, NULL, on_added, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (casebook_store_add_to_collection_finish (f->store, result, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 7);
  seen = collection_ids (f->store, casebook_collection_get_id (later));
  g_assert_cmpstr (seen, ==, by_sector);
  g_signal_handlers_disconnect_by_func (f->store, count_changed, &n_changed);
}

#define REFUSED_ADD(call, code, part) \
  assert_refused (f, (call), &error, (code), (part), before)

/* What cannot be done, or fails half-way, leaves the store as it was. */
static void
test_add_matching_refused (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const first[] = { "b2", NULL };
  g_autoptr(CasebookCollection) mine = make_plain (f->store, "Mine", first);
  g_autoptr(CasebookFilter) saved = casebook_filter_new ();
  g_autoptr(CasebookCollection) smart = NULL;
  g_autoptr(CasebookFilter) search = casebook_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 id = casebook_collection_get_id (mine);
  guint n_added = 99;
  sqlite3 *db = NULL;

  casebook_filter_set (saved, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  smart = casebook_collection_new_smart ("Smart", saved);
  g_assert_true (casebook_store_create_collection (f->store, smart, &error));
  before = dump_store (f->path);

  casebook_filter_set_query (search, "government");
  REFUSED_ADD (casebook_store_add_matching_to_collection (f->store, id, search, CASEBOOK_SORT_TITLE,
                                                          CASEBOOK_LANG_EN, &n_added, &error),
               CASEBOOK_STORE_ERROR_INVALID, "search");
  g_assert_cmpuint (n_added, ==, 0);
  REFUSED_ADD (casebook_store_add_matching_to_collection (f->store, casebook_collection_get_id (smart), NULL,
                                                          CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, &error),
               CASEBOOK_STORE_ERROR_INVALID, "Smart");
  REFUSED_ADD (casebook_store_add_matching_to_collection (f->store, 4242, NULL, CASEBOOK_SORT_TITLE,
                                                          CASEBOOK_LANG_EN, NULL, &error),
               CASEBOOK_STORE_ERROR_NOT_FOUND, "4242");

  /* A write that fails on the fifth case takes back the first four. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER fail_add BEFORE INSERT ON collection_cases "
                                     "WHEN NEW.case_id = 'a4' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&before, g_free);
  before = dump_store (f->path);
  REFUSED_ADD (casebook_store_add_matching_to_collection (f->store, id, NULL, CASEBOOK_SORT_TITLE,
                                                          CASEBOOK_LANG_EN, NULL, &error),
               CASEBOOK_STORE_ERROR_FAILED, "injected failure");

  /* And so on a worker thread. */
  casebook_store_add_matching_to_collection_async (f->store, id, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL,
                                                   on_added, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  REFUSED_ADD (casebook_store_add_to_collection_finish (f->store, result, &n_added, &error),
               CASEBOOK_STORE_ERROR_FAILED, "injected failure");
  g_assert_cmpuint (n_added, ==, 0);

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER fail_add", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (casebook_store_add_matching_to_collection (f->store, id, NULL, CASEBOOK_SORT_TITLE,
                                                            CASEBOOK_LANG_EN, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 6);
}

/* Delete asks which of the selected cases are the person's own in one
 * query: those, in the order asked, and how many others (bundled) there
 * are; ids not in the store count as neither. */
static void
test_find_own (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  const char *asked[] = { "own-2", "report-3.3", "no-such-case", "own-1", "report-2.1", NULL };
  const char *none[] = { NULL };
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;
  guint n_other = 99;

  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("own-%u", i);
      g_autofree char *json = casebook_test_minimal_case (id, "");
      g_autoptr(CasebookCase) c = casebook_json_case_from_string (json, &error);

      g_assert_no_error (error);
      g_assert_true (casebook_store_save_case (store, c, NULL, &error));
      g_assert_no_error (error);
    }

  own = casebook_store_find_own (store, asked, &n_other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (own, 0), ==, "own-2");
  g_assert_cmpstr (g_ptr_array_index (own, 1), ==, "own-1");
  g_assert_cmpuint (n_other, ==, 2);
  g_clear_pointer (&own, g_ptr_array_unref);

  own = casebook_store_find_own (store, none, &n_other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 0);
  g_assert_cmpuint (n_other, ==, 0);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collections/checks/names-tags-notes", test_checks);
  g_test_add_func ("/collections/model/case-copy-and-filter-json", test_case_copy);
  g_test_add_func ("/collections/store/find-own-in-one-query", test_find_own);
  g_test_add ("/collections/store/round-trip-reopened", Fixture, NULL,
              fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/collections/store/add-move-remove", Fixture, NULL,
              fixture_setup, test_order, fixture_teardown);
  g_test_add ("/collections/store/filters-and-search-narrow", Fixture, NULL,
              fixture_setup, test_filters_narrow, fixture_teardown);
  g_test_add ("/collections/store/list-ids-at-positions", Fixture, NULL,
              fixture_setup, test_list_ids, fixture_teardown);
  g_test_add ("/collections/store/add-matching-in-list-order", Fixture, NULL,
              fixture_setup, test_add_matching, fixture_teardown);
  g_test_add ("/collections/store/add-matching-refused-unchanged", Fixture, NULL,
              fixture_setup, test_add_matching_refused, fixture_teardown);
  g_test_add ("/collections/store/smart", Fixture, NULL,
              fixture_setup, test_smart, fixture_teardown);
  g_test_add ("/collections/store/refused-unchanged", Fixture, NULL,
              fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/collections/store/delete-and-undo", Fixture, NULL,
              fixture_setup, test_delete_collection_undo, fixture_teardown);
  g_test_add ("/collections/tags/facet-search-round-trip", Fixture, NULL,
              fixture_setup, test_tags, fixture_teardown);
  g_test_add ("/collections/notes/search-and-remove", Fixture, NULL,
              fixture_setup, test_notes, fixture_teardown);
  g_test_add ("/collections/cases/delete-and-undo-keep-places", Fixture, NULL,
              fixture_setup, test_delete_case_undo, fixture_teardown);
  g_test_add ("/collections/interchange/export-import-round-trip", Fixture, NULL,
              fixture_setup, test_export_import, fixture_teardown);
  g_test_add ("/collections/interchange/one-collection", Fixture, NULL,
              fixture_setup, test_export_collection, fixture_teardown);
  g_test_add ("/collections/interchange/file-round-trip-same-bytes", Fixture, NULL,
              fixture_setup, test_file_round_trip, fixture_teardown);
  g_test_add ("/collections/interchange/tags-and-notes-merge", Fixture, NULL,
              fixture_setup, test_import_personal, fixture_teardown);
  g_test_add ("/collections/interchange/refused-unchanged", Fixture, NULL,
              fixture_setup, test_import_refused, fixture_teardown);
  g_test_add_func ("/collections/schema/migrates-from-3-with-data", test_migration);
  g_test_add_func ("/collections/bundled/refresh-leaves-personal-layer", test_bundled_refresh);

  return g_test_run ();
}
