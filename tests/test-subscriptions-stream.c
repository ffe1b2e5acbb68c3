/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Subscriptions read one case at a time: subscribing to a file:// URL
 * and refreshing it, through the command line's path and the window's
 * (a checked download shown as a preview, then applied), leaves the store
 * exactly as applying the whole parsed document does, also when applied
 * on a worker thread; and a bad case
 * deep in a large file leaves the store as it was, with a message that
 * names the URL and cases[N]. */

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "casebook-fetch.h"
#include "casebook-store-subscriptions.h"
#include "casebook-test-util.h"

#define URL_B "https://example.org/team-b.json"

/* A collection of the cases @first (NULL-terminated), then @n_cases
 * cases "s-@first_case" onwards, each with the lesson @lesson_of gives
 * (or none): one case a line, from the third. */
typedef char *(*LessonFunc) (guint i);

static char *
collection_json (const char *const *first,
                 guint              n_cases,
                 guint              first_case,
                 LessonFunc         lesson_of)
{
  GString *json = g_string_new (NULL);
  gboolean any = FALSE;

  g_string_append (json, "{\"format\": \"casebook\", \"version\": 1, \"title\": {\"zh\": \"共享案例\", "
                         "\"en\": \"Shared cases\"}, \"publisher\": {\"en\": \"Architecture office\"}, "
                         "\"sectors\": [{\"key\": \"finance\", \"name\": {\"en\": \"Finance\"}}],\n\"cases\": [\n");
  for (guint i = 0; first != NULL && first[i] != NULL; i++)
    {
      g_autofree char *c = casebook_test_minimal_case (first[i], NULL);

      g_string_append_printf (json, "%s  %s", any ? ",\n" : "", c);
      any = TRUE;
    }
  for (guint i = first_case; i < first_case + n_cases; i++)
    {
      g_autofree char *id = g_strdup_printf ("s-%u", i);
      g_autofree char *lesson = lesson_of != NULL ? lesson_of (i) : NULL;
      g_autofree char *extra = lesson != NULL ? g_strdup_printf (", \"lessons\": [{\"en\": \"%s\"}]", lesson) : NULL;
      g_autofree char *c = casebook_test_minimal_case (id, extra);

      g_string_append_printf (json, "%s  %s", any ? ",\n" : "", c);
      any = TRUE;
    }
  g_string_append (json, "\n]}\n");
  return g_string_free (json, FALSE);
}

/* Gives @path new contents with a modification time that differs from
 * the last, so that a file:// refresh does not answer "not modified". */
static void
rewrite (const char *path,
         const char *contents)
{
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

/* The subscriptions as text: URL, name, publisher, number of cases,
 * validators and whether the last refresh failed. */
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
      const CasebookText *name = casebook_subscription_get_name (sub);
      const CasebookText *publisher = casebook_subscription_get_publisher (sub);

      g_string_append_printf (text, "%s|%s|%s|%s|%u|%s|%s|%s\n", casebook_subscription_get_url (sub),
                              name != NULL ? name->zh : "-", name != NULL ? name->en : "-",
                              publisher != NULL ? publisher->en : "-",
                              casebook_subscription_get_n_cases (sub),
                              casebook_subscription_get_etag (sub),
                              casebook_subscription_get_last_modified (sub),
                              casebook_subscription_get_error (sub) != NULL ? "failed" : "ok");
    }
  return g_string_free (text, FALSE);
}

static char *
changes_text (const CasebookSubscriptionChanges *changes)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "nm=%d added=%u updated=%u unchanged=%u removed=%u clashes:",
                          changes->not_modified, changes->added, changes->updated,
                          changes->unchanged, changes->removed);
  for (guint i = 0; changes->clashes != NULL && i < changes->clashes->len; i++)
    {
      CasebookSubscriptionClash *clash = g_ptr_array_index (changes->clashes, i);

      g_string_append_printf (text, " %s/%d/%s", clash->case_id, clash->origin,
                              clash->subscription_url != NULL ? clash->subscription_url : "-");
    }
  return g_string_free (text, FALSE);
}

/* A store with the bundled cases, one own case ("mine-1") and another
 * subscription's case ("b-1"). */
static CasebookStore *
open_prepared_store (const char *dir)
{
  CasebookStore *store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own_json = casebook_test_minimal_case ("mine-1", NULL);
  g_autofree char *own_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                   own_json);
  g_autofree char *b_json = casebook_test_minimal_case ("b-1", NULL);
  g_autofree char *b_doc_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                 b_json);
  g_autoptr(CasebookDocument) own_doc = casebook_test_parse (own_doc_json, NULL);
  g_autoptr(CasebookDocument) b_doc = casebook_test_parse (b_doc_json, NULL);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_apply_subscription (store, URL_B, b_doc, NULL, NULL, &changes, &error));
  g_assert_no_error (error);
  return store;
}

/* Applies the file at @uri as the whole parsed document, as every
 * subscription was applied before the cases were read one at a time,
 * with the validators the fetch gives. */
static void
apply_whole (CasebookStore               *store,
             const char                  *uri,
             CasebookSubscriptionChanges *changes)
{
  g_autoptr(CasebookFetchResult) fetched = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = casebook_fetch_describe_url (uri);
  gsize length = 0;

  fetched = casebook_fetch (uri, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (casebook_fetch_result_get_path (fetched), &contents, &length, &error));
  g_assert_no_error (error);
  doc = casebook_json_read_document (contents, length, name, &error);
  g_assert_no_error (error);

  casebook_subscription_changes_clear (changes);
  g_assert_true (casebook_store_apply_subscription (store, uri, doc,
                                                    casebook_fetch_result_get_etag (fetched),
                                                    casebook_fetch_result_get_last_modified (fetched),
                                                    changes, &error));
  g_assert_no_error (error);
}

/* Applies the file at @uri as the window does: a checked download for
 * the preview, whose ids and titles are those of the file, then applied. */
static void
apply_previewed (CasebookStore               *store,
                 const char                  *uri,
                 const char                  *json,
                 CasebookSubscriptionChanges *changes)
{
  g_autoptr(CasebookSubscriptionDownload) download = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *cases;

  download = casebook_subscription_download (uri, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (casebook_subscription_download_get_not_modified (download));

  /* What the preview shows is what the file holds. */
  doc = casebook_test_parse (json, &error);
  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  g_assert_cmpuint (casebook_subscription_download_get_n_cases (download), ==, cases->len);
  g_assert_cmpstr (casebook_subscription_download_get_title (download)->en, ==, "Shared cases");
  g_assert_cmpstr (casebook_subscription_download_get_publisher (download)->en, ==, "Architecture office");
  for (guint i = 0; i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      const CasebookText *title = casebook_subscription_download_get_case_title (download, i);

      g_assert_cmpstr (casebook_subscription_download_get_case_id (download, i), ==, casebook_case_get_id (c));
      g_assert_cmpstr (title->zh, ==, casebook_case_get_title (c)->zh);
      g_assert_cmpstr (title->en, ==, casebook_case_get_title (c)->en);
    }

  casebook_subscription_changes_clear (changes);
  g_assert_true (casebook_store_apply_download (store, download, changes, &error));
  g_assert_no_error (error);
}

static char *
lesson_v1 (guint i)
{
  return i % 3 == 0 ? g_strdup_printf ("Lesson %u", i) : NULL;
}

/* The second version changes s-1 and s-3 and gives s-4 a lesson. */
static char *
lesson_v2 (guint i)
{
  if (i == 1 || i == 3 || i == 4)
    return g_strdup_printf ("Changed lesson %u", i);
  return lesson_v1 (i);
}

#define N_CASES 300

static void
test_same_store (void)
{
  g_autofree char *dir_whole = casebook_test_tmpdir ();
  g_autofree char *dir_cli = casebook_test_tmpdir ();
  g_autofree char *dir_window = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) whole = open_prepared_store (dir_whole);
  g_autoptr(CasebookStore) cli = open_prepared_store (dir_cli);
  g_autoptr(CasebookStore) window = open_prepared_store (dir_window);
  g_autofree char *bundled = first_bundled_id (whole);
  const char *first[] = { bundled, "mine-1", "b-1", NULL };
  g_autofree char *path = g_build_filename (dir_whole, "team.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *v1 = collection_json (first, N_CASES, 0, lesson_v1);
  /* s-0 and s-2 are gone, s-300 and s-301 are new. */
  g_autofree char *v2 = collection_json (first, N_CASES - 1, 3, lesson_v2);
  g_auto(CasebookSubscriptionChanges) changes_whole = { 0 };
  g_auto(CasebookSubscriptionChanges) changes_cli = { 0 };
  g_auto(CasebookSubscriptionChanges) changes_window = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *v2_with_s1 = NULL;
  const char *versions[2];

  /* v2 keeps s-1 as its first plain case, so that it is changed, not
   * removed. */
  {
    g_autofree char *s1 = casebook_test_minimal_case ("s-1", ", \"lessons\": [{\"en\": \"Changed lesson 1\"}]");
    g_autofree char *at = g_strdup_printf ("%s,\n  ", s1);
    char *split = strstr (v2, "{\"id\": \"s-3\"");
    g_autoptr(GString) both = g_string_new_len (v2, split - v2);

    g_string_append (both, at);
    g_string_append (both, split);
    v2_with_s1 = g_strdup (both->str);
  }
  versions[0] = v1;
  versions[1] = v2_with_s1;

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *snap_whole = NULL;
      g_autofree char *snap_cli = NULL;
      g_autofree char *snap_window = NULL;
      g_autofree char *subs_whole = NULL;
      g_autofree char *subs_cli = NULL;
      g_autofree char *subs_window = NULL;
      g_autofree char *text_whole = NULL;
      g_autofree char *text_cli = NULL;
      g_autofree char *text_window = NULL;

      rewrite (path, versions[v]);

      apply_whole (whole, uri, &changes_whole);
      casebook_subscription_changes_clear (&changes_cli);
      if (v == 0)
        g_assert_true (casebook_subscriptions_subscribe (cli, uri, NULL, &changes_cli, &error));
      else
        g_assert_true (casebook_subscriptions_refresh_one (cli, uri, NULL, &changes_cli, &error));
      g_assert_no_error (error);
      apply_previewed (window, uri, versions[v], &changes_window);

      /* The counts follow from how the versions were made. */
      g_assert_false (changes_cli.not_modified);
      if (v == 0)
        {
          g_assert_cmpuint (changes_cli.added, ==, N_CASES);
          g_assert_cmpuint (changes_cli.updated + changes_cli.unchanged + changes_cli.removed, ==, 0);
        }
      else
        {
          g_assert_cmpuint (changes_cli.added, ==, 2);
          g_assert_cmpuint (changes_cli.updated, ==, 3);
          g_assert_cmpuint (changes_cli.removed, ==, 2);
          g_assert_cmpuint (changes_cli.unchanged, ==, N_CASES - 4 - 1);
        }
      g_assert_nonnull (changes_cli.clashes);
      g_assert_cmpuint (changes_cli.clashes->len, ==, 3);
      g_assert_cmpstr (((CasebookSubscriptionClash *) g_ptr_array_index (changes_cli.clashes, 2))->subscription_url,
                       ==, URL_B);

      text_whole = changes_text (&changes_whole);
      text_cli = changes_text (&changes_cli);
      text_window = changes_text (&changes_window);
      g_assert_cmpstr (text_cli, ==, text_whole);
      g_assert_cmpstr (text_window, ==, text_whole);

      snap_whole = casebook_test_snapshot (whole);
      snap_cli = casebook_test_snapshot (cli);
      snap_window = casebook_test_snapshot (window);
      casebook_test_assert_same_text (snap_cli, snap_whole, "the store subscribed case by case");
      casebook_test_assert_same_text (snap_window, snap_whole, "the store subscribed after a preview");

      subs_whole = subscriptions_text (whole);
      subs_cli = subscriptions_text (cli);
      subs_window = subscriptions_text (window);
      g_assert_cmpstr (subs_cli, ==, subs_whole);
      g_assert_cmpstr (subs_window, ==, subs_whole);
    }

  /* Unchanged since: "not modified", and nothing written. */
  {
    g_autofree char *before = casebook_test_snapshot (cli);
    g_autofree char *after = NULL;

    casebook_subscription_changes_clear (&changes_cli);
    g_assert_true (casebook_subscriptions_refresh_one (cli, uri, NULL, &changes_cli, &error));
    g_assert_no_error (error);
    g_assert_true (changes_cli.not_modified);
    g_assert_cmpuint (changes_cli.unchanged, ==, N_CASES);
    after = casebook_test_snapshot (cli);
    casebook_test_assert_same_text (after, before, "the store after “not modified”");
  }

  g_clear_object (&whole);
  g_clear_object (&cli);
  g_clear_object (&window);
  casebook_test_rmdir (dir_whole);
  casebook_test_rmdir (dir_cli);
  casebook_test_rmdir (dir_window);
}

/* Long enough that the file spans many megabytes, so that pages are
 * given back while the cases are read. */
static char *
lesson_long (guint i)
{
  g_autofree char *word = g_strdup_printf ("word%u ", i);
  GString *text = g_string_new (NULL);

  while (text->len < 1200)
    g_string_append (text, word);
  return g_string_free (text, FALSE);
}

#define N_LARGE 6000
#define BAD_AT  5321

static void
test_bad_case_deep (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *other_uri = g_filename_to_uri (other_path, NULL, NULL);
  g_autofree char *good = collection_json (NULL, N_LARGE, 0, lesson_long);
  g_autofree char *bad_id = g_strdup_printf ("{\"id\": \"s-%u\", \"kind\": \"success\"", BAD_AT);
  g_autofree char *bad_kind = g_strdup_printf ("{\"id\": \"s-%u\", \"kind\": \"triumph\"", BAD_AT);
  g_autofree char *bad_path = g_strdup_printf ("cases[%u].kind", BAD_AT);
  g_autofree char *shown = casebook_fetch_describe_url (uri);
  g_autofree char *other_shown = casebook_fetch_describe_url (other_uri);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bad = g_string_new (good);
  g_autoptr(GString) broken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *subs_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *subs_after = NULL;
  char *at;

  g_assert_cmpuint (strlen (good), >, 8 << 20);

  rewrite (path, good);
  g_assert_true (casebook_subscriptions_subscribe (store, uri, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, N_LARGE);

  /* A case near the end with a kind the format does not have. */
  at = strstr (bad->str, bad_id);
  g_assert_nonnull (at);
  g_string_erase (bad, at - bad->str, strlen (bad_id));
  g_string_insert (bad, at - bad->str, bad_kind);

  before = casebook_test_snapshot (store);
  subs_before = subscriptions_text (store);

  /* A refresh: refused, recorded, every case kept as it was. */
  rewrite (path, bad->str);
  g_assert_false (casebook_subscriptions_refresh_one (store, uri, NULL, &changes, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, shown));
  g_assert_nonnull (strstr (error->message, bad_path));
  g_clear_error (&error);

  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after a refused refresh");
  subs_after = subscriptions_text (store);
  g_assert_nonnull (strstr (subs_after, "|failed\n"));
  g_assert_cmpuint (strlen (subs_after), >, 0);
  {
    g_autoptr(CasebookSubscription) sub = casebook_store_find_subscription (store, uri, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (casebook_subscription_get_n_cases (sub), ==, N_LARGE);
    g_assert_nonnull (strstr (casebook_subscription_get_error (sub), bad_path));
  }
  g_clear_pointer (&after, g_free);
  g_clear_pointer (&subs_before, g_free);
  subs_before = g_steal_pointer (&subs_after);

  /* A new subscription to the same file: refused, and not recorded. */
  rewrite (other_path, bad->str);
  g_assert_false (casebook_subscriptions_subscribe (store, other_uri, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, other_shown));
  g_assert_nonnull (strstr (error->message, bad_path));
  g_clear_error (&error);

  /* The window's preview refuses it before anything is shown. */
  g_assert_null (casebook_subscription_download (other_uri, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, bad_path));
  g_clear_error (&error);

  /* A syntax fault deep in the file names its line and column. */
  broken = g_string_new (good);
  at = strstr (broken->str, bad_id);
  g_assert_nonnull (at);
  g_string_insert_c (broken, at - broken->str + 1, '@');
  rewrite (other_path, broken->str);
  g_assert_false (casebook_subscriptions_subscribe (store, other_uri, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  {
    /* The bad case is on line BAD_AT + 3 of the file (the header takes
     * two), its brace in column 3 (after two spaces); the fault is the
     * next character. */
    g_autofree char *where = g_strdup_printf ("%s:%u:4: ", other_shown, BAD_AT + 3);

    g_assert_true (g_str_has_prefix (error->message, where));
  }
  g_clear_error (&error);

  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after refused subscriptions");
  subs_after = subscriptions_text (store);
  g_assert_cmpstr (subs_after, ==, subs_before);

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
} AsyncApply;

static void
on_store_changed (CasebookStore *store,
                  AsyncApply    *state)
{
  state->n_changed++;
}

static void
apply_async_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncApply *state = user_data;

  /* The store has said it changed before the caller hears of it. */
  g_assert_cmpuint (state->n_changed, >, 0);
  state->ok = casebook_store_apply_download_finish (CASEBOOK_STORE (source), result, &state->changes, &state->error);
  g_main_loop_quit (state->loop);
}

/* The window applies a previewed download on a worker, with a connection
 * of its own: the same store as applying it on the caller's thread. */
static void
test_apply_on_worker (void)
{
  g_autofree char *dir_sync = casebook_test_tmpdir ();
  g_autofree char *dir_async = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) sync = open_prepared_store (dir_sync);
  g_autoptr(CasebookStore) async = open_prepared_store (dir_async);
  g_autofree char *bundled = first_bundled_id (sync);
  const char *first[] = { bundled, "mine-1", "b-1", NULL };
  g_autofree char *path = g_build_filename (dir_sync, "team.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *json = collection_json (first, N_CASES, 0, lesson_v1);
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  g_autoptr(CasebookSubscriptionDownload) download = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snap_sync = NULL;
  g_autofree char *snap_async = NULL;
  g_autofree char *text_sync = NULL;
  g_autofree char *text_async = NULL;
  AsyncApply state = { 0, };

  rewrite (path, json);
  apply_previewed (sync, uri, json, &changes);

  download = casebook_subscription_download (uri, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (async, "changed", G_CALLBACK (on_store_changed), &state);
  casebook_store_apply_download_async (async, g_steal_pointer (&download), apply_async_done, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);

  g_assert_cmpuint (state.changes.added, ==, N_CASES);
  text_sync = changes_text (&changes);
  text_async = changes_text (&state.changes);
  g_assert_cmpstr (text_async, ==, text_sync);
  casebook_subscription_changes_clear (&state.changes);

  snap_sync = casebook_test_snapshot (sync);
  snap_async = casebook_test_snapshot (async);
  casebook_test_assert_same_text (snap_async, snap_sync, "the store applied on a worker");

  g_clear_object (&sync);
  g_clear_object (&async);
  casebook_test_rmdir (dir_sync);
  casebook_test_rmdir (dir_async);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subscriptions/stream/same-store-as-whole-document", test_same_store);
  g_test_add_func ("/subscriptions/stream/bad-case-deep-leaves-store-unchanged", test_bad_case_deep);
  g_test_add_func ("/subscriptions/stream/preview-applied-on-a-worker", test_apply_on_worker);

  return g_test_run ();
}
