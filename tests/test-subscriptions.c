/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Subscriptions: what applying a fetched collection does to the store
 * (adds, updates, removes, clashes, the person's own layer, read-only
 * cases, unsubscribing, the source facet, the migration to schema 5),
 * file:// subscriptions end to end, and the command line. */

#include <sqlite3.h>
#include <sys/wait.h>

#include "casebook-store-collections.h"
#include "casebook-store-subscriptions.h"
#include "casebook-test-util.h"

#define URL_A "https://example.org/team-a.json"
#define URL_B "https://example.org/team-b.json"

/* A collection document with a title, a publisher and the cases @ids
 * (NULL-terminated), each given @variants[i] as a lesson so that a test
 * can change one case and not another. */
static CasebookDocument *
make_doc (const char *title,
          const char *const *ids,
          const char *const *variants)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CasebookDocument *doc;

  g_string_append_printf (json, "{\"format\": \"casebook\", \"version\": 1, \"title\": {\"en\": \"%s\"}, "
                          "\"publisher\": {\"zh\": \"架构组\", \"en\": \"Architecture office\"}, \"cases\": [",
                          title);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *extra = NULL;
      g_autofree char *c = NULL;

      if (variants != NULL && variants[i] != NULL)
        extra = g_strdup_printf (", \"lessons\": [{\"en\": \"%s\"}]", variants[i]);
      c = casebook_test_minimal_case (ids[i], extra);
      g_string_append_printf (json, "%s%s", i > 0 ? ", " : "", c);
    }
  g_string_append (json, "]}");

  doc = casebook_test_parse (json->str, &error);
  g_assert_no_error (error);
  return doc;
}

static void
apply (CasebookStore               *store,
       const char                  *url,
       CasebookDocument            *doc,
       CasebookSubscriptionChanges *changes)
{
  g_autoptr(GError) error = NULL;

  casebook_subscription_changes_clear (changes);
  g_assert_true (casebook_store_apply_subscription (store, url, doc, "\"v1\"", NULL, changes, &error));
  g_assert_no_error (error);
}

static CasebookOrigin
origin_of (CasebookStore *store,
           const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (store, id, &error);

  g_assert_no_error (error);
  return casebook_case_get_origin (c);
}

static void
test_apply_counts (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *first[] = { "t-1", "t-2", "t-3", NULL };
  const char *second[] = { "t-1", "t-2", "t-4", NULL };
  const char *second_variants[] = { NULL, "Now with a lesson", NULL, NULL };
  g_autoptr(CasebookDocument) doc1 = make_doc ("Team A", first, NULL);
  g_autoptr(CasebookDocument) doc2 = make_doc ("Team A, revised", second, second_variants);
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  apply (store, URL_A, doc1, &changes);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (changes.updated, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_null (changes.clashes);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 3);
  g_assert_cmpint (origin_of (store, "t-1"), ==, CASEBOOK_ORIGIN_SUBSCRIBED);

  /* The same file again changes nothing. */
  apply (store, URL_A, doc1, &changes);
  g_assert_cmpuint (changes.added + changes.updated + changes.removed, ==, 0);
  g_assert_cmpuint (changes.unchanged, ==, 3);
  text = casebook_subscription_changes_describe (&changes);
  g_assert_cmpstr (text, ==, "No changes");
  g_clear_pointer (&text, g_free);

  apply (store, URL_A, doc2, &changes);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.updated, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.unchanged, ==, 1);
  text = casebook_subscription_changes_describe (&changes);
  g_assert_cmpstr (text, ==, "1 case updated, 1 added, 1 removed");
  g_clear_pointer (&text, g_free);
  g_assert_false (casebook_store_has_case (store, "t-3"));
  g_assert_true (casebook_store_has_case (store, "t-4"));

  /* Not modified: nothing changes, and the fetch time moves on. */
  casebook_subscription_changes_clear (&changes);
  g_assert_true (casebook_store_apply_subscription (store, URL_A, NULL, NULL, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_true (changes.not_modified);
  g_assert_cmpuint (changes.unchanged, ==, 3);

  sub = casebook_store_find_subscription (store, URL_A, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_subscription_get_url (sub), ==, URL_A);
  g_assert_cmpstr (casebook_text_get (casebook_subscription_get_name (sub), CASEBOOK_LANG_EN), ==, "Team A, revised");
  g_assert_cmpstr (casebook_text_get (casebook_subscription_get_publisher (sub), CASEBOOK_LANG_ZH), ==, "架构组");
  g_assert_cmpuint (casebook_subscription_get_n_cases (sub), ==, 3);
  g_assert_cmpstr (casebook_subscription_get_etag (sub), ==, "\"v1\"");
  g_assert_nonnull (casebook_subscription_get_fetched_at (sub));
  g_assert_null (casebook_subscription_get_error (sub));

  /* "Not modified" for a URL never fetched is refused. */
  g_assert_false (casebook_store_apply_subscription (store, URL_B, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
test_describe_plurals (void)
{
  CasebookSubscriptionChanges changes = { 0 };
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  changes.updated = 2;
  changes.added = 1;
  two = casebook_subscription_changes_describe (&changes);
  g_assert_cmpstr (two, ==, "2 cases updated, 1 added");

  memset (&changes, 0, sizeof changes);
  changes.removed = 1;
  one = casebook_subscription_changes_describe (&changes);
  g_assert_cmpstr (one, ==, "1 case removed");
}

static void
test_personal_layer_kept (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *ids[] = { "t-1", "t-2", NULL };
  const char *edited[] = { "Edited upstream", NULL, NULL };
  const char *only_two[] = { "t-2", NULL };
  g_autoptr(CasebookDocument) doc1 = make_doc ("Team A", ids, NULL);
  g_autoptr(CasebookDocument) doc2 = make_doc ("Team A", ids, edited);
  g_autoptr(CasebookDocument) doc3 = make_doc ("Team A", only_two, NULL);
  g_autoptr(CasebookCollection) collection = casebook_collection_new ("Shortlist");
  g_autoptr(CasebookCollection) read_back = NULL;
  g_autoptr(GError) error = NULL;
  const char *members[] = { "t-1", NULL };
  g_autofree char *note = NULL;
  g_autoptr(CasebookCase) c = NULL;
  guint n_notes = 0, n_tags = 0, n_memberships = 0;

  apply (store, URL_A, doc1, &changes);

  g_assert_true (casebook_store_set_note (store, "t-1", "Ask the architects", &error));
  g_assert_true (casebook_store_add_tag (store, "t-1", "shortlist", &error));
  g_assert_true (casebook_store_create_collection (store, collection, &error));
  g_assert_true (casebook_store_add_to_collection (store, casebook_collection_get_id (collection),
                                                   members, -1, NULL, &error));
  g_assert_no_error (error);

  apply (store, URL_A, doc2, &changes);
  g_assert_cmpuint (changes.updated, ==, 1);

  c = casebook_store_get_case (store, "t-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_text_get (g_ptr_array_index (casebook_case_get_lessons (c), 0), CASEBOOK_LANG_EN), ==,
                   "Edited upstream");
  g_assert_cmpstr (casebook_case_get_personal_note (c), ==, "Ask the architects");
  g_assert_cmpstr (casebook_case_get_tags (c)[0], ==, "shortlist");
  read_back = casebook_store_get_collection (store, casebook_collection_get_id (collection), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_collection_get_n_cases (read_back), ==, 1);

  g_assert_true (casebook_store_count_subscription_references (store, URL_A, &n_notes, &n_tags,
                                                               &n_memberships, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_notes, ==, 1);
  g_assert_cmpuint (n_tags, ==, 1);
  g_assert_cmpuint (n_memberships, ==, 1);

  /* A case the publisher drops and brings back finds its note again. */
  apply (store, URL_A, doc3, &changes);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_false (casebook_store_has_case (store, "t-1"));
  apply (store, URL_A, doc1, &changes);
  g_assert_cmpuint (changes.added, ==, 1);
  note = casebook_store_get_note (store, "t-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Ask the architects");

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static char *
first_bundled_id (CasebookStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = casebook_store_list (store, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN,
                                                   NULL, 500, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (casebook_case_summary_get_origin (g_ptr_array_index (rows, i)) == CASEBOOK_ORIGIN_BUNDLED)
      return g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
  g_assert_not_reached ();
}

static void
test_clashes (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  g_autofree char *bundled = first_bundled_id (store);
  g_autofree char *own_json = casebook_test_minimal_case ("mine-1", NULL);
  g_autofree char *own_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                   own_json);
  g_autoptr(CasebookDocument) own_doc = casebook_test_parse (own_doc_json, NULL);
  const char *b_ids[] = { "b-1", NULL };
  g_autoptr(CasebookDocument) doc_b = make_doc ("Team B", b_ids, NULL);
  const char *a_ids[] = { bundled, "mine-1", "b-1", "a-1", NULL };
  const char *a_variants[] = { "Taken over?", "Taken over?", "Taken over?", NULL, NULL };
  g_autoptr(CasebookDocument) doc_a = make_doc ("Team A", a_ids, a_variants);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CasebookSubscriptionClash *clash;

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  apply (store, URL_B, doc_b, &changes);
  before = casebook_test_snapshot (store);

  apply (store, URL_A, doc_a, &changes);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_nonnull (changes.clashes);
  g_assert_cmpuint (changes.clashes->len, ==, 3);

  clash = g_ptr_array_index (changes.clashes, 0);
  g_assert_cmpstr (clash->case_id, ==, bundled);
  g_assert_cmpint (clash->origin, ==, CASEBOOK_ORIGIN_BUNDLED);
  clash = g_ptr_array_index (changes.clashes, 1);
  g_assert_cmpstr (clash->case_id, ==, "mine-1");
  g_assert_cmpint (clash->origin, ==, CASEBOOK_ORIGIN_OWN);
  clash = g_ptr_array_index (changes.clashes, 2);
  g_assert_cmpstr (clash->case_id, ==, "b-1");
  g_assert_cmpint (clash->origin, ==, CASEBOOK_ORIGIN_SUBSCRIBED);
  g_assert_cmpstr (clash->subscription_url, ==, URL_B);

  /* Nothing was taken over: the store is what it was, plus a-1. */
  g_assert_cmpint (origin_of (store, bundled), ==, CASEBOOK_ORIGIN_BUNDLED);
  g_assert_cmpint (origin_of (store, "mine-1"), ==, CASEBOOK_ORIGIN_OWN);
  {
    g_autoptr(CasebookSubscription) owner = casebook_store_find_case_subscription (store, "b-1", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (casebook_subscription_get_url (owner), ==, URL_B);
  }
  g_assert_true (casebook_store_unsubscribe (store, URL_A, NULL, &error));
  g_assert_no_error (error);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after the clashing subscription left");

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
test_read_only (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *ids[] = { "t-1", NULL };
  g_autoptr(CasebookDocument) doc = make_doc ("Team A", ids, NULL);
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(CasebookCase) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *copy_id = NULL;

  apply (store, URL_A, doc, &changes);
  before = casebook_test_snapshot (store);

  c = casebook_store_get_case (store, "t-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (casebook_case_get_origin (c), ==, CASEBOOK_ORIGIN_SUBSCRIBED);
  casebook_case_take_title (c, casebook_text_new (NULL, "Changed here"));
  g_assert_false (casebook_store_save_case (store, c, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED);
  g_assert_nonnull (strstr (error->message, "subscription"));
  g_clear_error (&error);

  deleted = casebook_store_delete_case (store, "t-1", &error);
  g_assert_null (deleted);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED);
  g_clear_error (&error);

  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after refused edits");

  /* Duplicating gives a case of the person's own, which can change. */
  copy_id = casebook_store_make_id (store, "t-1");
  copy = casebook_case_copy (c);
  casebook_case_set_id (copy, copy_id);
  g_assert_true (casebook_store_save_case (store, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (origin_of (store, copy_id), ==, CASEBOOK_ORIGIN_OWN);
  g_assert_cmpint (origin_of (store, "t-1"), ==, CASEBOOK_ORIGIN_SUBSCRIBED);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
test_failure_and_unsubscribe (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *a_ids[] = { "a-1", "a-2", NULL };
  const char *b_ids[] = { "b-1", NULL };
  g_autoptr(CasebookDocument) doc_a = make_doc ("Team A", a_ids, NULL);
  g_autoptr(CasebookDocument) doc_b = make_doc ("Team B", b_ids, NULL);
  g_autofree char *own_json = casebook_test_minimal_case ("mine-1", NULL);
  g_autofree char *own_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                   own_json);
  g_autoptr(CasebookDocument) own_doc = casebook_test_parse (own_doc_json, NULL);
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fetched = NULL;
  guint n_removed = 0;

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  apply (store, URL_A, doc_a, &changes);
  apply (store, URL_B, doc_b, &changes);
  g_assert_true (casebook_store_set_note (store, "a-1", "Keep", &error));
  g_assert_no_error (error);

  sub = casebook_store_find_subscription (store, URL_A, &error);
  fetched = g_date_time_format_iso8601 (casebook_subscription_get_fetched_at (sub));
  g_clear_object (&sub);

  g_assert_true (casebook_store_note_subscription_failure (store, URL_A, "https://example.org/team-a.json: "
                                                           "the server answered 500", &error));
  g_assert_no_error (error);
  sub = casebook_store_find_subscription (store, URL_A, &error);
  g_assert_cmpuint (casebook_subscription_get_n_cases (sub), ==, 2);
  g_assert_cmpstr (casebook_subscription_get_error (sub), ==,
                   "https://example.org/team-a.json: the server answered 500");
  {
    g_autofree char *still = g_date_time_format_iso8601 (casebook_subscription_get_fetched_at (sub));
    g_assert_cmpstr (still, ==, fetched);
  }
  g_clear_object (&sub);

  g_assert_false (casebook_store_note_subscription_failure (store, "https://nowhere.example/", "x", &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (casebook_store_unsubscribe (store, URL_A, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 2);
  g_assert_false (casebook_store_has_case (store, "a-1"));
  g_assert_false (casebook_store_has_case (store, "a-2"));
  g_assert_true (casebook_store_has_case (store, "b-1"));
  g_assert_true (casebook_store_has_case (store, "mine-1"));
  subs = casebook_store_list_subscriptions (store, &error);
  g_assert_cmpuint (subs->len, ==, 1);
  g_assert_cmpstr (casebook_subscription_get_url (g_ptr_array_index (subs, 0)), ==, URL_B);

  g_assert_false (casebook_store_unsubscribe (store, URL_A, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static guint
count_with_source (CasebookStore *store,
                   const char    *source)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  casebook_filter_set (filter, CASEBOOK_FACET_SOURCE, source, TRUE);
  n = casebook_store_count (store, filter, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_source_facet (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *a_ids[] = { "a-1", "a-2", NULL };
  g_autoptr(CasebookDocument) doc_a = make_doc ("Team A", a_ids, NULL);
  g_autofree char *own_json = casebook_test_minimal_case ("mine-1", NULL);
  g_autofree char *own_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                   own_json);
  g_autoptr(CasebookDocument) own_doc = casebook_test_parse (own_doc_json, NULL);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  guint n_all = 0;
  gboolean found_a = FALSE;

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  apply (store, URL_A, doc_a, &changes);
  n_all = casebook_store_get_n_cases (store);

  g_assert_cmpuint (count_with_source (store, URL_A), ==, 2);
  g_assert_cmpuint (count_with_source (store, "own"), ==, 1);
  g_assert_cmpuint (count_with_source (store, "bundled"), ==, n_all - 3);

  values = casebook_store_count_facets (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (values, i);

      if (value->facet != CASEBOOK_FACET_SOURCE || g_strcmp0 (value->key, URL_A) != 0)
        continue;
      found_a = TRUE;
      g_assert_cmpuint (value->count, ==, 2);
      g_assert_cmpstr (casebook_text_get (value->label, CASEBOOK_LANG_EN), ==, "Team A");
    }
  g_assert_true (found_a);

  /* A smart collection keeps the source in its saved filter. */
  {
    g_autoptr(CasebookFilter) filter = casebook_filter_new ();
    g_autoptr(CasebookFilter) back = NULL;
    g_autofree char *json = NULL;

    casebook_filter_set (filter, CASEBOOK_FACET_SOURCE, URL_A, TRUE);
    json = casebook_filter_serialize (filter);
    back = casebook_filter_deserialize (json, &error);
    g_assert_no_error (error);
    g_assert_true (casebook_filter_has (back, CASEBOOK_FACET_SOURCE, URL_A));
  }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* A store of schema 4 (made by taking back what 5 added) comes up to 5
 * with everything in it. */
static void
test_migration (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own_json = casebook_test_minimal_case ("mine-1", NULL);
  g_autofree char *own_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                   own_json);
  g_autoptr(CasebookDocument) own_doc = casebook_test_parse (own_doc_json, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *n_subscriptions = NULL;

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_true (casebook_store_set_note (store, "mine-1", "A note", &error));
  g_assert_true (casebook_store_add_tag (store, "mine-1", "keep", &error));
  g_assert_no_error (error);
  before = casebook_test_snapshot (store);
  g_clear_object (&store);

  exec_sql (path, "BEGIN;" CASEBOOK_TEST_DROP_SCHEMA_5 "PRAGMA user_version = 4; COMMIT;");
  version = query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "4");
  g_clear_pointer (&version, g_free);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after the upgrade to schema 5");
  g_assert_cmpint (origin_of (store, "mine-1"), ==, CASEBOOK_ORIGIN_OWN);
  g_clear_object (&store);

  version = query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (CASEBOOK_STORE_SCHEMA_VERSION));
  n_subscriptions = query_text (path, "SELECT count(*) FROM subscriptions");
  g_assert_cmpstr (n_subscriptions, ==, "0");

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subscriptions/store/add-update-remove-counts", test_apply_counts);
  g_test_add_func ("/subscriptions/store/describe-plurals", test_describe_plurals);
  g_test_add_func ("/subscriptions/store/personal-layer-kept", test_personal_layer_kept);
  g_test_add_func ("/subscriptions/store/clashes-skipped-and-reported", test_clashes);
  g_test_add_func ("/subscriptions/store/read-only", test_read_only);
  g_test_add_func ("/subscriptions/store/failure-keeps-cases-and-unsubscribe", test_failure_and_unsubscribe);
  g_test_add_func ("/subscriptions/store/source-facet", test_source_facet);
  g_test_add_func ("/subscriptions/store/migration-4-to-5-keeps-everything", test_migration);

  return g_test_run ();
}
