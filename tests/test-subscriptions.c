/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Subscriptions: what applying a fetched collection does to the store
 * (adds, updates, removes, clashes, the person's own layer, read-only
 * cases, unsubscribing, the source facet, the migration to schema 5),
 * file:// subscriptions end to end, and the command line. */

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <utime.h>

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

/* The publisher goes out and comes back with the file. */
static void
test_publisher_round_trip (void)
{
  const char *ids[] = { "p-1", NULL };
  g_autoptr(CasebookDocument) doc = make_doc ("Team A", ids, NULL);
  g_autoptr(CasebookDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = casebook_json_write_document (doc, NULL);

  g_assert_nonnull (strstr (json, "\"publisher\""));
  back = casebook_test_parse (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_text_get (casebook_document_get_publisher (back), CASEBOOK_LANG_EN), ==,
                   "Architecture office");
  g_assert_cmpstr (casebook_text_get (casebook_document_get_publisher (back), CASEBOOK_LANG_ZH), ==, "架构组");
}

static void
test_is_due (void)
{
  g_autoptr(CasebookSubscription) sub = casebook_subscription_new (URL_A);
  g_autoptr(GDateTime) checked = g_date_time_new_utc (2026, 12, 1, 8, 0, 0);
  g_autoptr(GDateTime) hour_later = g_date_time_add_hours (checked, 1);
  g_autoptr(GDateTime) day_later = g_date_time_add_days (checked, 1);
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (checked, -1);

  g_assert_true (casebook_subscription_is_due (sub, checked));
  casebook_subscription_set_checked_at (sub, checked);
  g_assert_false (casebook_subscription_is_due (sub, hour_later));
  g_assert_true (casebook_subscription_is_due (sub, day_later));
  g_assert_true (casebook_subscription_is_due (sub, earlier));
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

    g_autofree char *owner_url = casebook_store_get_case_subscription_url (store, "b-1");
    g_autofree char *no_url = casebook_store_get_case_subscription_url (store, "mine-1");
    g_autofree char *bundled_url = casebook_store_get_case_subscription_url (store, bundled);
    g_autofree char *unknown_url = casebook_store_get_case_subscription_url (store, "no-such-case");

    g_assert_no_error (error);
    g_assert_cmpstr (casebook_subscription_get_url (owner), ==, URL_B);
    g_assert_cmpstr (owner_url, ==, URL_B);
    g_assert_null (no_url);
    g_assert_null (bundled_url);
    g_assert_null (unknown_url);
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

/* file:// subscriptions, end to end: through casebook-fetch.c and the
 * strict reader. */

static char *
write_collection (const char *dir,
                  const char *name,
                  const char *title,
                  const char *const *ids,
                  const char *const *variants)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (json, "{\"format\": \"casebook\", \"version\": 1, \"title\": {\"en\": \"%s\"}, "
                          "\"cases\": [", title);
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

  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);
  return g_filename_to_uri (path, NULL, NULL);
}

/* Gives @path new contents with a modification time that differs from
 * the last, whatever the file system's time resolution. */
static void
rewrite (const char *uri,
         const char *contents)
{
  g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
  static gint64 bump = 0;
  struct utimbuf times;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  bump += 10;
  times.actime = times.modtime = 1700000000 + bump;
  g_assert_cmpint (utime (path, &times), ==, 0);
}

static char *
subscriptions_text (CasebookStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subs = casebook_store_list_subscriptions (store, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < subs->len; i++)
    {
      CasebookSubscription *sub = g_ptr_array_index (subs, i);

      g_string_append_printf (text, "%s %u %s\n", casebook_subscription_get_url (sub),
                              casebook_subscription_get_n_cases (sub),
                              casebook_subscription_get_error (sub) != NULL ? "failed" : "ok");
    }
  return g_string_free (text, FALSE);
}

static void
test_file_subscription (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *ids[] = { "f-1", "f-2", "f-3", NULL };
  g_autofree char *uri = write_collection (dir, "team.json", "Shared folder", ids, NULL);
  g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *edited = NULL;

  g_assert_true (casebook_subscriptions_subscribe (store, uri, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, 3);

  /* Subscribing twice is refused, and changes nothing. */
  g_assert_false (casebook_subscriptions_subscribe (store, uri, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Unchanged: either "not modified" or the same cases again. */
  casebook_subscription_changes_clear (&changes);
  g_assert_true (casebook_subscriptions_refresh_one (store, uri, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added + changes.updated + changes.removed, ==, 0);
  g_assert_cmpuint (changes.unchanged, ==, 3);

  /* Two edited, one added, one removed. */
  {
    const char *next[] = { "f-1", "f-2", "f-4", NULL };
    const char *variants[] = { "Edited", "Edited", NULL, NULL };
    g_autofree char *uri2 = write_collection (dir, "next.json", "Shared folder", next, variants);
    g_autofree char *path2 = g_filename_from_uri (uri2, NULL, NULL);
    g_autofree char *contents = casebook_test_read_file (path2, NULL);

    rewrite (uri, contents);
  }
  casebook_subscription_changes_clear (&changes);
  g_assert_true (casebook_subscriptions_refresh_one (store, uri, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.updated, ==, 2);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  edited = casebook_subscription_changes_describe (&changes);
  g_assert_cmpstr (edited, ==, "2 cases updated, 1 added, 1 removed");

  good = casebook_test_snapshot (store);
  {
    /* A file that turned bad: the refresh fails, names the URL, and the
     * cases stay as they were; the failure is recorded. */
    g_autoptr(CasebookSubscription) sub = NULL;
    g_autofree char *after = NULL;

    rewrite (uri, "{\"format\": \"casebook\", \"version\": 1, \"cases\": [{\"id\": \"f-1\"}]}");
    g_assert_false (casebook_subscriptions_refresh_one (store, uri, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "team.json"));
    g_clear_error (&error);
    after = casebook_test_snapshot (store);
    casebook_test_assert_same_text (after, good, "the store after a failed refresh");

    sub = casebook_store_find_subscription (store, uri, &error);
    g_assert_no_error (error);
    g_assert_nonnull (casebook_subscription_get_error (sub));
    g_assert_cmpuint (casebook_subscription_get_n_cases (sub), ==, 3);

    /* The file vanished. */
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_false (casebook_subscriptions_refresh_one (store, uri, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_clear_pointer (&after, g_free);
    after = casebook_test_snapshot (store);
    casebook_test_assert_same_text (after, good, "the store after the file vanished");
  }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* Each of these fails to subscribe and leaves the store as it was. */
static void
test_file_hostile (void)
{
  static const char * const bodies[] = {
    "",
    "garbage",
    "{\"format\": \"casebook\", \"version\": 1}",
    "{\"format\": \"casebook\", \"version\": 99, \"cases\": []}",
    "{\"format\": \"other\", \"version\": 1, \"cases\": []}",
    "{\"format\": \"casebook\", \"version\": 1, \"publisher\": {\"en\": \"Evil\\u001b[31m\"}, \"cases\": []}",
    "{\"format\": \"casebook\", \"version\": 1, \"publisher\": 7, \"cases\": []}",
    "{\"format\": \"casebook\", \"version\": 1, \"title\": {\"en\": \"two\\nlines\"}, \"cases\": []}",
    "{\"format\": \"casebook\", \"version\": 1, \"cases\": [{\"id\": \"x\"}]}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
  };
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autofree char *own_json = casebook_test_minimal_case ("mine-1", NULL);
  g_autofree char *own_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                   own_json);
  g_autoptr(CasebookDocument) own_doc = casebook_test_parse (own_doc_json, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *subs_before = NULL;
  g_autofree char *folder_uri = g_filename_to_uri (dir, NULL, NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *missing_uri = g_filename_to_uri (missing_path, NULL, NULL);

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  before = casebook_test_snapshot (store);
  subs_before = subscriptions_text (store);

  for (guint i = 0; i < G_N_ELEMENTS (bodies) + 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *uri = NULL;
      g_autofree char *after = NULL;
      g_autofree char *subs_after = NULL;

      if (i < G_N_ELEMENTS (bodies))
        {
          g_file_set_contents (path, bodies[i], -1, &error);
          g_assert_no_error (error);
          uri = g_filename_to_uri (path, NULL, NULL);
        }
      else if (i == G_N_ELEMENTS (bodies))
        uri = g_strdup (folder_uri);
      else if (i == G_N_ELEMENTS (bodies) + 1)
        uri = g_strdup (missing_uri);
      else
        uri = g_strdup ("gopher://example.org/cases.json");

      g_test_message ("subscribing to %s", uri);
      g_assert_false (casebook_subscriptions_subscribe (store, uri, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);

      after = casebook_test_snapshot (store);
      casebook_test_assert_same_text (after, before, "the store after a refused subscription");
      subs_after = subscriptions_text (store);
      g_assert_cmpstr (subs_after, ==, subs_before);
    }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

typedef struct
{
  GMainLoop                   *loop;
  gboolean                     ok;
  GError                      *error;
  CasebookSubscriptionChanges  changes;
  guint                        n_changed;
} AsyncRun;

static void
on_changed (CasebookStore *store,
            AsyncRun      *run)
{
  run->n_changed++;
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = casebook_subscriptions_refresh_one_finish (CASEBOOK_STORE (source), result, &run->changes,
                                                        &run->error);
  g_main_loop_quit (run->loop);
}

/* On a worker thread: the store's own connection sees the new cases,
 * and says that it changed, before the callback runs. */
static void
test_async_refresh (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  const char *ids[] = { "w-1", NULL };
  const char *more[] = { "w-1", "w-2", NULL };
  g_autofree char *uri = write_collection (dir, "team.json", "Worker", ids, NULL);
  AsyncRun run = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (casebook_subscriptions_subscribe (store, uri, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *uri2 = write_collection (dir, "more.json", "Worker", more, NULL);
    g_autofree char *path2 = g_filename_from_uri (uri2, NULL, NULL);
    g_autofree char *contents = casebook_test_read_file (path2, NULL);

    rewrite (uri, contents);
  }

  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &run);
  casebook_subscriptions_refresh_one_async (store, uri, NULL, on_refreshed, &run);
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.changes.added, ==, 1);
  g_assert_cmpuint (run.n_changed, >=, 1);
  g_assert_true (casebook_store_has_case (store, "w-2"));

  casebook_subscription_changes_clear (&run.changes);
  g_main_loop_unref (run.loop);
  g_signal_handlers_disconnect_by_data (store, &run);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* Over HTTP, against a server on a thread of its own (the refresh blocks
 * this one): an unchanged collection costs one conditional request that
 * is answered 304; a changed one is applied; a server error keeps the
 * cases. */

typedef struct
{
  GMutex        lock;
  GCond         cond;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  guint         port;
  gboolean      ready;
  char         *body;
  char         *etag;
  guint         status;
  guint         n_requests;
  guint         n_not_modified;
} Server;

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Server *server = user_data;
  const char *if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "If-None-Match");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  g_mutex_lock (&server->lock);
  server->n_requests++;
  if (server->status != SOUP_STATUS_OK)
    soup_server_message_set_status (msg, server->status, NULL);
  else if (g_strcmp0 (if_none_match, server->etag) == 0)
    {
      server->n_not_modified++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
    }
  else
    {
      soup_message_headers_replace (headers, "ETag", server->etag);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        server->body, strlen (server->body));
    }
  g_mutex_unlock (&server->lock);
}

static gpointer
server_run (gpointer data)
{
  Server *server = data;
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  casebook_test_unwatch_thread_leaks ();
  g_main_context_push_thread_default (server->context);
  soup_server_add_handler (soup_server, NULL, handle, server, NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (soup_server);
  g_mutex_lock (&server->lock);
  server->port = g_uri_get_port (uris->data);
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);

  soup_server_disconnect (soup_server);
  g_clear_object (&soup_server);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  casebook_test_watch_thread_leaks ();
  return NULL;
}

static void
server_set (Server     *server,
            guint       status,
            const char *etag,
            const char *body)
{
  g_mutex_lock (&server->lock);
  server->status = status;
  g_free (server->etag);
  server->etag = g_strdup (etag);
  g_free (server->body);
  server->body = g_strdup (body);
  g_mutex_unlock (&server->lock);
}

static char *
collection_json (const char *const *ids,
                 const char *const *variants)
{
  g_autoptr(CasebookDocument) doc = make_doc ("Over HTTP", ids, variants);

  return casebook_json_write_document (doc, NULL);
}

static void
test_http (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *ids[] = { "h-1", "h-2", NULL };
  const char *next[] = { "h-1", "h-3", NULL };
  const char *variants[] = { "Edited", NULL, NULL };
  g_autofree char *first = collection_json (ids, NULL);
  g_autofree char *second = collection_json (next, variants);
  g_autofree char *url = NULL;
  g_autofree char *good = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autoptr(GError) error = NULL;
  Server server = { 0 };

  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  server_set (&server, SOUP_STATUS_OK, "\"one\"", first);
  server.thread = g_thread_new ("subscription-server", server_run, &server);
  g_mutex_lock (&server.lock);
  while (!server.ready)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);
  url = g_strdup_printf ("http://127.0.0.1:%u/library.json", server.port);

  g_assert_true (casebook_subscriptions_subscribe (store, url, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, 2);

  /* Unchanged: one request, answered 304. */
  casebook_subscription_changes_clear (&changes);
  g_assert_true (casebook_subscriptions_refresh_one (store, url, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_true (changes.not_modified);
  g_assert_cmpuint (changes.unchanged, ==, 2);
  g_assert_cmpuint (server.n_requests, ==, 2);
  g_assert_cmpuint (server.n_not_modified, ==, 1);

  server_set (&server, SOUP_STATUS_OK, "\"two\"", second);
  casebook_subscription_changes_clear (&changes);
  g_assert_true (casebook_subscriptions_refresh_one (store, url, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_false (changes.not_modified);
  g_assert_cmpuint (changes.updated, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);

  /* The server fails: the cases stay, the failure names the URL. */
  good = casebook_test_snapshot (store);
  server_set (&server, SOUP_STATUS_INTERNAL_SERVER_ERROR, "\"two\"", second);
  g_assert_false (casebook_subscriptions_refresh_one (store, url, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_clear_error (&error);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, good, "the store after a server error");
  sub = casebook_store_find_subscription (store, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (casebook_subscription_get_error (sub));
  g_assert_cmpstr (casebook_subscription_get_etag (sub), ==, "\"two\"");

  g_main_loop_quit (server.loop);
  g_thread_join (server.thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_free (server.body);
  g_free (server.etag);
  g_mutex_clear (&server.lock);
  g_cond_clear (&server.cond);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* The command line, as a script runs it. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
run_casebook (Run        *run,
              const char *db,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *bin = g_getenv ("CASEBOOK_BIN");
  const char *arg;
  va_list args;
  int wait_status = 0;

  run_clear (run);
  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

static void
test_cli (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  const char *a_ids[] = { "ca-1", "ca-2", NULL };
  const char *b_ids[] = { "cb-1", NULL };
  g_autofree char *uri_a = write_collection (dir, "a.json", "Library A", a_ids, NULL);
  g_autofree char *uri_b = write_collection (dir, "b.json", "Library B", b_ids, NULL);
  g_autofree char *subscribe_a = g_strdup_printf ("--subscribe=%s", uri_a);
  g_autofree char *subscribe_b = g_strdup_printf ("--subscribe=%s", uri_b);
  g_autofree char *unsubscribe_b = g_strdup_printf ("--unsubscribe=%s", uri_b);
  g_autofree char *list_before = NULL;
  g_autofree char *subs_before = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  Run run = { 0 };

  run_casebook (&run, db, subscribe_a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Library A"));
  g_assert_cmpstr (run.err, ==, "");
  run_casebook (&run, db, subscribe_b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_casebook (&run, db, subscribe_b, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Already subscribed"));

  /* URL, name, number of cases, when last fetched. */
  run_casebook (&run, db, "--subscriptions", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  columns = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 4);
  g_assert_cmpstr (columns[0], ==, uri_a);
  g_assert_cmpstr (columns[1], ==, "Library A");
  g_assert_cmpstr (columns[2], ==, "2");
  fetched = g_date_time_new_from_iso8601 (columns[3], NULL);
  g_assert_nonnull (fetched);
  g_clear_pointer (&columns, g_strfreev);
  columns = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpstr (columns[0], ==, uri_b);
  g_assert_cmpstr (columns[2], ==, "1");

  /* --list and --show say where a subscribed case comes from. */
  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ca-1\tfinance\tTest case ca-1\tLibrary A\n"));
  run_casebook (&run, db, "--show=cb-1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Subscription: Library B\n"));

  /* A refresh with one failing: the other still refreshes, the failed
   * one keeps its cases, and the status says it. */
  {
    const char *more[] = { "ca-1", "ca-2", "ca-3", NULL };
    const char *variants[] = { "Edited", NULL, NULL, NULL };
    g_autofree char *uri_n = write_collection (dir, "next.json", "Library A", more, variants);
    g_autofree char *path_n = g_filename_from_uri (uri_n, NULL, NULL);
    g_autofree char *contents = casebook_test_read_file (path_n, NULL);

    rewrite (uri_a, contents);
    rewrite (uri_b, "not json");
  }
  run_casebook (&run, db, "--list", NULL);
  list_before = g_strdup (run.out);
  run_casebook (&run, db, "--refresh", NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("%s: 1 case updated, 1 added\n", uri_a);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_nonnull (strstr (run.err, "b.json"));
  run_casebook (&run, db, "--list", NULL);
  g_assert_nonnull (strstr (run.out, "cb-1\tfinance\tTest case cb-1\tLibrary B\n"));
  g_assert_nonnull (strstr (run.out, "ca-3\t"));

  /* A failed subscription changes nothing. */
  run_casebook (&run, db, "--list", NULL);
  g_free (list_before);
  list_before = g_strdup (run.out);
  run_casebook (&run, db, "--subscriptions", NULL);
  subs_before = g_strdup (run.out);
  {
    g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
    g_autofree char *bad_uri = NULL;
    g_autofree char *subscribe_bad = NULL;

    g_file_set_contents (bad_path, "{\"format\": \"casebook\", \"version\": 1, \"cases\": [{}]}", -1, NULL);
    bad_uri = g_filename_to_uri (bad_path, NULL, NULL);
    subscribe_bad = g_strdup_printf ("--subscribe=%s", bad_uri);
    run_casebook (&run, db, subscribe_bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "bad.json"));
    g_assert_cmpstr (run.out, ==, "");
  }
  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpstr (run.out, ==, list_before);
  run_casebook (&run, db, "--subscriptions", NULL);
  g_assert_cmpstr (run.out, ==, subs_before);

  /* Plain HTTP is warned about, once. */
  run_casebook (&run, db, "--subscribe=http://127.0.0.1:9/cases.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, "plain HTTP"), ==, 1);
  g_assert_nonnull (strstr (run.err, "http://127.0.0.1:9/cases.json"));

  /* Unsubscribing removes only that subscription's cases. */
  run_casebook (&run, db, unsubscribe_b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "removed its 1 case"));
  run_casebook (&run, db, "--list", NULL);
  g_assert_null (strstr (run.out, "cb-1"));
  g_assert_nonnull (strstr (run.out, "ca-1\t"));
  run_casebook (&run, db, unsubscribe_b, NULL);
  g_assert_cmpint (run.status, ==, 1);

  run_clear (&run);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subscriptions/store/add-update-remove-counts", test_apply_counts);
  g_test_add_func ("/subscriptions/store/describe-plurals", test_describe_plurals);
  g_test_add_func ("/subscriptions/model/due-once-a-day", test_is_due);
  g_test_add_func ("/subscriptions/format/publisher-round-trip", test_publisher_round_trip);
  g_test_add_func ("/subscriptions/store/personal-layer-kept", test_personal_layer_kept);
  g_test_add_func ("/subscriptions/store/clashes-skipped-and-reported", test_clashes);
  g_test_add_func ("/subscriptions/store/read-only", test_read_only);
  g_test_add_func ("/subscriptions/store/failure-keeps-cases-and-unsubscribe", test_failure_and_unsubscribe);
  g_test_add_func ("/subscriptions/store/source-facet", test_source_facet);
  g_test_add_func ("/subscriptions/store/migration-4-to-5-keeps-everything", test_migration);
  g_test_add_func ("/subscriptions/file/subscribe-refresh-fail-keep", test_file_subscription);
  g_test_add_func ("/subscriptions/file/hostile-leaves-store-unchanged", test_file_hostile);
  g_test_add_func ("/subscriptions/file/refresh-on-a-worker-thread", test_async_refresh);
  g_test_add_func ("/subscriptions/http/not-modified-changed-failed", test_http);
  g_test_add_func ("/subscriptions/cli/subscribe-list-refresh-unsubscribe", test_cli);

  return g_test_run ();
}
