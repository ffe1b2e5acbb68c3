/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "casebook-case-list.h"
#include "casebook-facet-groups.h"
#include "casebook-store-collections.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"
#include "casebook-document-private.h"

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

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
test_create_loads_bundled (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nested", "deeper", "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_assert_false (casebook_store_is_read_only (store));
  g_assert_null (casebook_store_get_moved_aside (store));
  g_assert_cmpint (_casebook_store_get_bundled_revision (store), >=, 1);
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CASEBOOK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM cases WHERE origin = 'bundled'"), ==, 14);
  {
    /* Every section of the bundled collection (test-seed.c counts them
     * against the report). */
    g_autoptr(CasebookDocument) bundled = _casebook_bundled_document (&error);

    g_assert_no_error (error);
    g_assert_cmpint (query_int (path, "SELECT count(*) FROM insights"), ==,
                     casebook_document_get_insights (bundled)->len);

    /* The revision known when Casebook was built is the collection's own,
     * and the store keeps it. */
    g_assert_cmpint (_casebook_bundled_revision (), ==, casebook_document_get_revision (bundled));
    g_assert_cmpint (query_int (path, "SELECT value FROM meta WHERE key = 'bundled-revision'"), ==,
                     casebook_document_get_revision (bundled));
  }

  /* Opening again neither duplicates nor reloads anything. */
  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_clear_object (&store);

  casebook_test_rmdir (dir);
}

static void
test_refuses_newer_schema (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;

  g_clear_object (&store);
  exec_sql (path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  before = casebook_test_read_file (path, &before_len);

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version of Casebook"));
  g_assert_nonnull (strstr (error->message, "left unchanged"));

  after = casebook_test_read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);

  casebook_test_rmdir (dir);
}

static void
assert_moved_aside (const char *dir,
                    const char *damaged,
                    gsize       damaged_len)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autofree char *kept = NULL;
  gsize kept_len = 0;

  g_test_expect_message ("casebook-store", G_LOG_LEVEL_WARNING, "*was damaged*");
  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_test_assert_expected_messages ();

  g_assert_no_error (error);
  g_assert_nonnull (casebook_store_get_moved_aside (store));
  g_assert_true (g_str_has_prefix (casebook_store_get_moved_aside (store), path));
  g_assert_nonnull (strstr (casebook_store_get_moved_aside (store), ".corrupt-"));

  /* The damaged bytes are kept, not deleted. */
  kept = casebook_test_read_file (casebook_store_get_moved_aside (store), &kept_len);
  g_assert_cmpmem (kept, kept_len, damaged, damaged_len);

  /* And a new, working store took its place. */
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
}

static void
test_corrupt_header_moved_aside (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  char garbage[8192];

  g_clear_object (&store);
  contents = casebook_test_read_file (path, NULL);

  /* SQLite's file header says the file is a Casebook store; the first
   * page after it is garbage. (A file whose first bytes are garbage too
   * cannot be told from any other file, and is refused, not moved.) */
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = i < 100 ? contents[i] : (char) (i * 7 + 3);
  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  assert_moved_aside (dir, garbage, sizeof garbage);
  casebook_test_rmdir (dir);
}

static void
test_truncated_moved_aside (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_clear_object (&store);
  exec_sql (path, "PRAGMA journal_mode = DELETE;");
  contents = casebook_test_read_file (path, &len);
  g_assert_cmpuint (len, >, 8192);

  /* Keep the header and cut the rest: the pages it points to are gone. */
  g_file_set_contents (path, contents, len / 3, &error);
  g_assert_no_error (error);

  assert_moved_aside (dir, contents, len / 3);
  casebook_test_rmdir (dir);
}

static void
test_read_only_uri (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", path);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_document_new ();
  g_autoptr(CasebookCase) c = NULL;

  g_clear_object (&store);

  store = casebook_store_open (uri, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_is_read_only (store));
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  c = casebook_store_get_case (store, "report-2.1", &error);
  g_assert_no_error (error);
  g_ptr_array_add (casebook_document_get_cases (doc), g_object_ref (c));
  casebook_case_set_id (c, "copy-of-2-1");

  g_assert_false (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);

  casebook_test_rmdir (dir);
}

static CasebookDocument *
document_of (const char *cases_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                           cases_json);
  CasebookDocument *doc = casebook_test_parse (json, &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_import_skip_and_replace (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *a = casebook_test_minimal_case ("report-2.1", "");
  g_autofree char *b = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *both = g_strdup_printf ("%s, %s", a, b);
  g_autoptr(CasebookDocument) doc = document_of (both);
  CasebookImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;

  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.skipped, ==, 1);
  g_assert_cmpuint (result.replaced, ==, 0);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);

  c = casebook_store_get_case (store, "report-2.1", &error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN),
                   ==, "Virtualization at a large bank");
  g_clear_object (&c);

  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_REPLACE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.replaced, ==, 2);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);

  c = casebook_store_get_case (store, "report-2.1", &error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN),
                   ==, "Test case report-2.1");
  g_assert_cmpint (casebook_case_get_origin (c), ==, CASEBOOK_ORIGIN_OWN);

  casebook_test_rmdir (dir);
}

static void
test_import_is_atomic (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autofree char *a = casebook_test_minimal_case ("ok-1", "");
  g_autofree char *b = casebook_test_minimal_case ("ok-2", "");
  g_autofree char *c = casebook_test_minimal_case ("boom", "");
  g_autofree char *cases = g_strdup_printf ("%s, %s, %s", a, b, c);
  g_autoptr(CasebookDocument) doc = document_of (cases);
  g_autoptr(GError) error = NULL;

  /* Make the third insert fail inside the store, after two went in. */
  exec_sql (path,
            "CREATE TRIGGER fail_boom BEFORE INSERT ON cases WHEN NEW.id = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");

  g_assert_false (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "injected failure"));

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  casebook_test_rmdir (dir);
}

/* A large import writes while a second thread prepares the cases; a
 * failure in the middle must still leave nothing behind. */
#define INDEX_COUNT_SQL "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"

static void
test_large_import_is_atomic (void)
{
  int n_indexes;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(GString) cases = g_string_new (NULL);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *id = g_strdup_printf ("bulk-%03u", i);
      g_autofree char *c = casebook_test_minimal_case (id, "");

      if (i > 0)
        g_string_append (cases, ", ");
      g_string_append (cases, c);
    }
  doc = document_of (cases->str);

  /* A large import builds the tables' indexes again at its end; the
   * store keeps every one of them, whether it fails or not. */
  n_indexes = query_int (path, INDEX_COUNT_SQL);
  g_assert_cmpint (n_indexes, >=, 10);

  exec_sql (path,
            "CREATE TRIGGER fail_bulk BEFORE INSERT ON cases WHEN NEW.id = 'bulk-377' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");

  g_assert_false (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_nonnull (strstr (error->message, "injected failure"));

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (path, INDEX_COUNT_SQL), ==, n_indexes);

  /* Without the fault, all 500 go in, in order. */
  exec_sql (path, "DROP TRIGGER fail_bulk");
  g_clear_error (&error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 514);
  {
    g_autoptr(CasebookCase) c = casebook_store_get_case (store, "bulk-377", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN), ==, "Test case bulk-377");
  }
  g_assert_cmpint (query_int (path, INDEX_COUNT_SQL), ==, n_indexes);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                   ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM cases INDEXED BY cases_by_size_zh WHERE sort_size > ''"),
                   ==, 514);

  casebook_test_rmdir (dir);
}

static void
test_export_round_trip (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *dir2 = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookStore) empty = casebook_test_open_store (dir2, CASEBOOK_STORE_NO_BUNDLED);
  g_autofree char *own = NULL;
  g_autoptr(CasebookDocument) own_doc = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  CasebookImportResult result;

  /* A sector no file defines gets a colour of its own. */
  own = g_strdup_printf ("{\"id\": \"mine-2\", \"kind\": \"success\", \"sector\": \"energy\","
                         " \"title\": {\"en\": \"Grid\"}, \"organization\": {\"zh\": \"某电网\"},"
                         " \"source\": {\"title\": {\"en\": \"Notes\"}, \"date\": \"2026-01-02\"}}");
  own_doc = document_of (own);
  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (casebook_store_get_n_cases (empty), ==, 0);

  first = casebook_test_snapshot (store);
  doc = casebook_json_read_document (first, strlen (first), "export", &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (empty, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 15);

  second = casebook_test_snapshot (empty);
  g_assert_cmpstr (first, ==, second);

  {
    g_autoptr(CasebookSector) energy = _casebook_store_get_sector (store, "energy");
    g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (store, NULL);

    g_assert_nonnull (energy);
    g_assert_nonnull (energy->color);
    for (guint i = 0; i < sectors->len; i++)
      {
        CasebookSector *other = g_ptr_array_index (sectors, i);
        if (g_strcmp0 (other->key, "energy") != 0)
          g_assert_cmpstr (other->color, !=, energy->color);
      }
  }

  casebook_test_rmdir (dir);
  casebook_test_rmdir (dir2);
}

static void
test_bundled_refresh_keeps_own (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own = casebook_test_minimal_case ("mine-3", "");
  g_autoptr(CasebookDocument) own_doc = document_of (own);
  g_autoptr(CasebookDocument) next = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(GError) error = NULL;
  CasebookCase *bank;
  g_autofree char *own_before = NULL;
  g_autofree char *own_after = NULL;

  g_assert_true (casebook_store_import (store, own_doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  c = casebook_store_get_case (store, "mine-3", &error);
  own_before = casebook_json_case_to_string (c);
  g_clear_object (&c);

  /* A later release: one case reworded, one dropped. */
  next = _casebook_bundled_document (&error);
  g_assert_no_error (error);
  casebook_document_set_revision (next, casebook_document_get_revision (next) + 1);
  bank = _casebook_document_find_case (next, "report-2.1");
  casebook_case_take_title (bank, casebook_text_new ("大型银行虚拟化案例（修订）", "Virtualization at a large bank (revised)"));
  for (guint i = 0; i < casebook_document_get_cases (next)->len; i++)
    if (g_strcmp0 (casebook_case_get_id (g_ptr_array_index (casebook_document_get_cases (next), i)), "report-8.3") == 0)
      g_ptr_array_remove_index (casebook_document_get_cases (next), i);

  g_assert_true (_casebook_store_refresh_bundled (store, next, &error));
  g_assert_no_error (error);

  c = casebook_store_get_case (store, "report-2.1", &error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN),
                   ==, "Virtualization at a large bank (revised)");
  g_clear_object (&c);

  c = casebook_store_get_case (store, "report-8.3", &error);
  g_assert_null (c);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  c = casebook_store_get_case (store, "mine-3", &error);
  g_assert_no_error (error);
  own_after = casebook_json_case_to_string (c);
  g_assert_cmpstr (own_before, ==, own_after);
  g_assert_cmpint (casebook_case_get_origin (c), ==, CASEBOOK_ORIGIN_OWN);

  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_assert_cmpint (_casebook_store_get_bundled_revision (store), ==, casebook_document_get_revision (next));

  casebook_test_rmdir (dir);
}

static char *
section_order (CasebookStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) insights = casebook_store_list_insights (store, &error);
  g_autoptr(GString) order = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < insights->len; i++)
    g_string_append_printf (order, "%s%s", i > 0 ? " " : "", ((CasebookInsight *) g_ptr_array_index (insights, i))->section);

  return g_string_free (g_steal_pointer (&order), FALSE);
}

/* A person's own section and note, the same in both stores. */
static void
add_own_layer (CasebookStore *store)
{
  static const char own[] =
    "{\"format\": \"casebook\", \"version\": 1, \"cases\": [], \"insights\": [{\"section\": \"99.1\", "
    "\"topic\": \"trends\", \"title\": {\"en\": \"Our own trends\"}, \"groups\": []}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_test_parse (own, &error);

  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_true (casebook_store_set_note (store, "report-2.1", "Read 1.3 again", &error));
  g_assert_no_error (error);
}

/* A store of the release before the abstract and section 1 were added
 * gets them from the refresh, before section 6 and not after the
 * person's own section, and then exports what a new store exports. */
static void
test_bundled_refresh_adds_sections (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *fresh_dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autoptr(CasebookStore) fresh = NULL;
  g_autoptr(CasebookDocument) current = _casebook_bundled_document (NULL);
  g_autoptr(CasebookDocument) previous = _casebook_bundled_document (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *insights = casebook_document_get_insights (previous);
  g_autofree char *order = NULL;
  g_autofree char *refreshed = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) sections = g_string_new (NULL);

  /* The previous release: the same collection without the abstract and
   * section 1. */
  for (guint i = insights->len; i > 0; i--)
    {
      const char *section = ((CasebookInsight *) g_ptr_array_index (insights, i - 1))->section;

      if (g_str_equal (section, "abstract") || g_str_has_prefix (section, "1."))
        g_ptr_array_remove_index (insights, i - 1);
    }
  g_assert_cmpuint (insights->len, <, casebook_document_get_insights (current)->len);
  casebook_document_set_revision (previous, casebook_document_get_revision (current) - 1);
  g_assert_true (_casebook_store_refresh_bundled (store, previous, &error));
  g_assert_no_error (error);
  add_own_layer (store);

  g_assert_true (_casebook_store_refresh_bundled (store, current, &error));
  g_assert_no_error (error);

  /* The bundled sections in the bundled order, then the person's. */
  insights = casebook_document_get_insights (current);
  for (guint i = 0; i < insights->len; i++)
    g_string_append_printf (sections, "%s ", ((CasebookInsight *) g_ptr_array_index (insights, i))->section);
  g_string_append (sections, "99.1");
  order = section_order (store);
  g_assert_cmpstr (order, ==, sections->str);
  g_assert_true (g_str_has_prefix (order, "abstract 1.1 1.2 1.3 6.1 "));

  /* Byte for byte what a store made by this release exports. */
  fresh = casebook_test_open_store (fresh_dir, CASEBOOK_STORE_FLAGS_NONE);
  add_own_layer (fresh);
  refreshed = casebook_test_snapshot (store);
  expected = casebook_test_snapshot (fresh);
  g_assert_cmpstr (refreshed, ==, expected);
  g_assert_nonnull (strstr (refreshed, "\"section\": \"abstract\""));
  g_assert_nonnull (strstr (refreshed, "员工数>10000人"));

  g_clear_object (&store);
  g_clear_object (&fresh);
  casebook_test_rmdir (dir);
  casebook_test_rmdir (fresh_dir);
}

static void
test_list_pages_by_key (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autoptr(GString) cases = g_string_new (NULL);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CasebookCaseList) list = NULL;
  g_auto(CasebookCursor) cursor = { NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gboolean first = TRUE;
  guint n = 300;

  /* Titles collide in pairs, so the order also depends on the tie-break. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%03u", (i * 37) % n);
      g_autofree char *c = g_strdup_printf ("{\"id\": \"%s\", \"kind\": \"success\", \"sector\": \"internet\","
                                            " \"title\": {\"en\": \"Title %03u\"}, \"organization\": {\"en\": \"O\"},"
                                            " \"source\": {\"url\": \"https://x\"}}", id, i / 2);
      if (i > 0)
        g_string_append (cases, ", ");
      g_string_append (cases, c);
    }
  doc = document_of (cases->str);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);

  for (;;)
    {
      g_auto(CasebookCursor) last = { NULL, NULL, 0 };
      g_autoptr(GPtrArray) rows = casebook_store_list (store, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN,
                                                       first ? NULL : &cursor, 64, &last, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (seen, g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, i))));
      if (rows->len < 64)
        break;
      casebook_cursor_copy (&cursor, &last);
      first = FALSE;
    }

  g_assert_cmpuint (seen->len, ==, n);

  /* The list model, read backwards and jumping about, agrees row by row. */
  list = casebook_case_list_new (store, NULL, CASEBOOK_LANG_EN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (list), (i * 97) % n);

      g_assert_cmpstr (casebook_case_summary_get_id (row), ==, g_ptr_array_index (seen, (i * 97) % n));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CasebookCaseSummary) a = g_list_model_get_item (G_LIST_MODEL (list), i - 1);
      g_autoptr(CasebookCaseSummary) b = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (g_utf8_collate (casebook_text_get (casebook_case_summary_get_title (a), CASEBOOK_LANG_EN),
                                       casebook_text_get (casebook_case_summary_get_title (b), CASEBOOK_LANG_EN)), <=, 0);
    }

  casebook_test_rmdir (dir);
}

static void
on_refreshed (CasebookCaseList *list,
              gint64            position,
              gpointer          user_data)
{
  gint64 *out = user_data;

  *out = position;
}

/* Runs the main loop until the list's background refresh is in, its
 * facet counts too. */
static gint64
wait_refreshed (CasebookCaseList *list)
{
  gint64 position = G_MININT64;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gulong id = g_signal_connect (list, "refreshed", G_CALLBACK (on_refreshed), &position);

  while ((position == G_MININT64 || casebook_case_list_is_counting (list)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (list, id);
  g_assert_cmpint (position, !=, G_MININT64);
  g_assert_false (casebook_case_list_is_loading (list));
  g_assert_false (casebook_case_list_is_counting (list));
  return position;
}

static void
test_list_follows_changes (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  g_autofree char *own = casebook_test_minimal_case ("mine-4", "");
  g_autoptr(CasebookDocument) doc = document_of (own);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 14);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  wait_refreshed (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 15);

  casebook_filter_set_query (filter, "等保");
  wait_refreshed (list);
  g_assert_true (casebook_case_list_is_searching (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  casebook_filter_set_query (filter, "   ");
  wait_refreshed (list);
  g_assert_false (casebook_case_list_is_searching (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 15);

  casebook_test_rmdir (dir);
}

/* One items-changed as the list emitted it, and the rows it had then. */
typedef struct
{
  guint position, removed, added, n_items;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   i,
               guint   removed,
               guint   added,
               guint   n_items)
{
  Change *change = &g_array_index (changes, Change, i);

  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_assert_cmpuint (change->n_items, ==, n_items);
}

/* A refresh replaces every row: it says so as the removal of all old rows
 * and then the addition of all new ones, never as one change that both
 * removes and adds, which makes GtkListView and GtkMultiSelection look
 * for the rows they follow among every added row (all the store's pages
 * read on the main thread). */
static void
test_list_replaces_rows_in_two_changes (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(CasebookCaseSummary) first = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);

  casebook_filter_set_query (filter, "等保");
  wait_refreshed (list);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 14, 0, 0);
  assert_change (changes, 1, 0, 1, 1);

  /* From no rows there is nothing to remove, and to no rows nothing to add. */
  g_array_set_size (changes, 0);
  casebook_filter_set_query (filter, "zzzznotaword");
  wait_refreshed (list);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 0, 0);

  g_array_set_size (changes, 0);
  casebook_filter_set_query (filter, NULL);
  wait_refreshed (list);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 14, 14);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (first);

  g_signal_handlers_disconnect_by_func (list, on_items_changed, changes);
  casebook_test_rmdir (dir);
}

static GPtrArray *ids_of (CasebookCaseList *list);

static void
count_refreshed (CasebookCaseList *list,
                 gint64            position,
                 guint            *n)
{
  (*n)++;
}

static void
assert_change_at (GArray *changes,
                  guint   i,
                  guint   position,
                  guint   removed,
                  guint   added,
                  guint   n_items)
{
  Change *change = &g_array_index (changes, Change, i);

  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_assert_cmpuint (change->n_items, ==, n_items);
}

/* A window whose first step does not fill its list asks for a few rows
 * more at once (casebook_case_list_show_rows()): it gets as many as it
 * asks, the steps go on from there, and the last row brings ::refreshed. */
static void
test_list_show_rows (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCaseList) list = casebook_case_list_new_empty (store, NULL, CASEBOOK_SORT_TITLE,
                                                                   CASEBOOK_LANG_EN);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n_refreshed = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_signal_connect (list, "refreshed", G_CALLBACK (count_refreshed), &n_refreshed);
  casebook_case_list_set_rows_per_step (list, 3, 5, 12);

  casebook_case_list_refresh_first (list);
  assert_change_at (changes, 0, 0, 0, 3, 3);

  g_assert_true (casebook_case_list_show_rows (list, 2));
  assert_change_at (changes, 1, 3, 0, 2, 5);
  g_assert_true (casebook_case_list_is_loading (list));
  g_assert_cmpuint (n_refreshed, ==, 0);

  /* Nothing asked, nothing told. */
  g_assert_true (casebook_case_list_show_rows (list, 0));
  g_assert_cmpuint (changes->len, ==, 2);

  /* The steps go on from the rows told. */
  g_assert_true (casebook_case_list_show_more (list));
  assert_change_at (changes, 2, 5, 0, 5, 10);

  /* More than are left: the rest, and ::refreshed. */
  g_assert_false (casebook_case_list_show_rows (list, 100));
  assert_change_at (changes, 3, 10, 0, 4, 14);
  g_assert_cmpuint (n_refreshed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 14);
  g_assert_false (casebook_case_list_show_rows (list, 1));
  g_assert_cmpuint (changes->len, ==, 4);

  /* The facet counts' worker holds the list until it is done. */
  while (casebook_case_list_get_facets (list) == NULL || casebook_case_list_is_counting (list))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (list, on_items_changed, changes);
  g_signal_handlers_disconnect_by_func (list, count_refreshed, &n_refreshed);
}

/* Rows told a step at a time (casebook_case_list_set_rows_per_step()):
 * the first step with the refresh, one more of the later steps' size with
 * each show_more(), the
 * rest with the last; the list is loading and ::refreshed waits until
 * then; the rows are those of a list told at once. */
static void
test_list_rows_in_steps (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new_empty (store, filter, CASEBOOK_SORT_TITLE,
                                                                   CASEBOOK_LANG_EN);
  g_autoptr(CasebookCaseList) whole = casebook_case_list_new (store, NULL, CASEBOOK_LANG_EN);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) whole_ids = NULL;
  guint n_refreshed = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_signal_connect (list, "refreshed", G_CALLBACK (count_refreshed), &n_refreshed);
  casebook_case_list_set_rows_per_step (list, 3, 5, 12);

  casebook_case_list_refresh_first (list);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change_at (changes, 0, 0, 0, 3, 3);
  g_assert_cmpuint (casebook_case_list_get_n_rows (list), ==, 14);
  g_assert_true (casebook_case_list_is_loading (list));
  g_assert_cmpuint (n_refreshed, ==, 0);

  /* The facet counts' worker finds the same rows: they stay, and
   * ::refreshed still waits for the last step. */
  while (casebook_case_list_get_facets (list) == NULL || casebook_case_list_is_counting (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (n_refreshed, ==, 0);
  g_assert_true (casebook_case_list_is_loading (list));

  g_assert_true (casebook_case_list_show_more (list));
  assert_change_at (changes, 1, 3, 0, 5, 8);
  g_assert_cmpuint (n_refreshed, ==, 0);

  /* Past 12 rows, the rest come at once, and with them ::refreshed. */
  g_assert_false (casebook_case_list_show_more (list));
  assert_change_at (changes, 2, 8, 0, 6, 14);
  g_assert_cmpuint (n_refreshed, ==, 1);
  g_assert_false (casebook_case_list_is_loading (list));
  g_assert_false (casebook_case_list_show_more (list));
  g_assert_cmpuint (changes->len, ==, 3);

  ids = ids_of (list);
  whole_ids = ids_of (whole);
  g_assert_cmpuint (ids->len, ==, whole_ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, g_ptr_array_index (whole_ids, i));

  /* A refresh takes away the rows told, then tells its first step. */
  g_array_set_size (changes, 0);
  casebook_filter_set (filter, CASEBOOK_FACET_KIND, "success", TRUE);
  while (casebook_case_list_get_n_rows (list) == 14 || casebook_case_list_is_counting (list) ||
         g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change_at (changes, 0, 0, 14, 0, 0);
  assert_change_at (changes, 1, 0, 0, 3, 3);
  g_assert_cmpuint (casebook_case_list_get_n_rows (list), ==, 11);
  while (casebook_case_list_show_more (list))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 11);
  g_assert_cmpuint (n_refreshed, ==, 2);

  g_signal_handlers_disconnect_by_func (list, on_items_changed, changes);
  casebook_test_rmdir (dir);
}


static void
note_refreshed_position (CasebookCaseList *list,
                         gint64            position,
                         gint64           *seen)
{
  *seen = position;
}

/* A case shown while the rows are still coming (a chart opened it, or a
 * link) is the one whose place ::refreshed gives at the last step, not
 * the one shown when the refresh began. */
static void
test_list_refreshed_finds_case_shown_since (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCaseList) list = casebook_case_list_new_empty (store, NULL, CASEBOOK_SORT_TITLE,
                                                                   CASEBOOK_LANG_EN);
  g_autoptr(GPtrArray) ids = NULL;
  const char *late = NULL;
  gint64 seen = G_MININT64;
  gint64 expected;

  g_signal_connect (list, "refreshed", G_CALLBACK (note_refreshed_position), &seen);
  casebook_case_list_set_rows_per_step (list, 3, 5, 12);
  casebook_case_list_refresh_rows (list);
  g_assert_true (casebook_case_list_is_loading (list));

  /* The thirteenth case in the order, past every step but the last. */
  {
    g_autoptr(CasebookCaseList) whole = casebook_case_list_new (store, NULL, CASEBOOK_LANG_EN);

    ids = ids_of (whole);
    late = g_ptr_array_index (ids, 12);
  }
  expected = casebook_store_position (store, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, late, NULL);
  g_assert_cmpint (expected, ==, 12);

  casebook_case_list_set_track_id (list, late);
  while (casebook_case_list_show_more (list))
    g_assert_cmpint (seen, ==, G_MININT64);
  g_assert_cmpint (seen, ==, expected);

  /* No case shown any more: no place. */
  seen = G_MININT64;
  casebook_case_list_refresh_rows (list);
  casebook_case_list_set_track_id (list, NULL);
  while (casebook_case_list_show_more (list))
    ;
  g_assert_cmpint (seen, ==, -1);

  g_signal_handlers_disconnect_by_func (list, note_refreshed_position, &seen);
  g_clear_object (&list);
  casebook_test_rmdir (dir);
}

/* Rows counted on this thread first, facets left for later: a change of
 * language before the facets come gives rows in the new order, not the
 * old rows with the new facet counts. */
static void
test_list_rows_first_then_language (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, NULL, CASEBOOK_LANG_EN);
  g_autoptr(CasebookCaseList) zh = casebook_case_list_new (store, NULL, CASEBOOK_LANG_ZH);
  g_autoptr(GPtrArray) en_ids = NULL;
  g_autoptr(GPtrArray) zh_ids = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  /* The facets are counted by a refresh that the change of language
   * below replaces. */
  casebook_case_list_refresh_first (list);
  g_assert_null (casebook_case_list_get_facets (list));
  en_ids = ids_of (list);
  zh_ids = ids_of (zh);
  g_assert_cmpstr (g_ptr_array_index (en_ids, 0), !=, g_ptr_array_index (zh_ids, 0));

  casebook_case_list_set_lang (list, CASEBOOK_LANG_ZH);
  wait_refreshed (list);
  g_assert_nonnull (casebook_case_list_get_facets (list));
  ids = ids_of (list);
  g_assert_cmpuint (ids->len, ==, zh_ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, g_ptr_array_index (zh_ids, i));

  casebook_test_rmdir (dir);
}

static guint
facet_count (GPtrArray     *facets,
             CasebookFacet  facet,
             const char    *key)
{
  for (guint i = 0; i < facets->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (facets, i);

      if (value->facet == (int) facet && g_strcmp0 (value->key, key) == 0)
        return value->count;
    }

  return 0;
}

static GPtrArray *
ids_of (CasebookCaseList *list)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (row)));
    }

  return ids;
}

static gboolean
same_ids (GPtrArray   *ids,
          const char **expected)
{
  if (ids->len != g_strv_length ((char **) expected))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!g_strv_contains (expected, g_ptr_array_index (ids, i)))
      return FALSE;
  return TRUE;
}

static void
test_facets_combine (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  GPtrArray *facets;

  g_assert_null (casebook_case_list_get_facets (list));
  casebook_case_list_refresh (list);
  wait_refreshed (list);
  facets = casebook_case_list_get_facets (list);

  /* Nothing chosen: every value counts every case that has it. */
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "finance"), ==, 4);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "government"), ==, 2);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_KIND, "failure"), ==, 3);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_TECHNOLOGY, "Kubernetes"), ==, 7);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SIZE, "large"), ==, 9);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SIZE, "medium"), ==, 5);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_APPROACH, ""), ==, 2);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_YEAR, "2022"), ==, 2);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SUBSECTOR, "finance/Banking"), ==, 1);

  /* One sector: the list narrows, other facets count within it, and the
   * sector facet itself still counts the other sectors. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  wait_refreshed (list);
  facets = casebook_case_list_get_facets (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_KIND, "success"), ==, 3);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_KIND, "failure"), ==, 1);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_SECTOR, "manufacturing"), ==, 4);
  g_assert_cmpuint (facet_count (facets, CASEBOOK_FACET_TECHNOLOGY, "Kubernetes"), ==, 2);

  /* Two values of one facet: OR. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  wait_refreshed (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);

  /* Another facet: AND. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", FALSE);
  casebook_filter_set (filter, CASEBOOK_FACET_TECHNOLOGY, "VMware vSphere", TRUE);
  wait_refreshed (list);
  {
    g_autoptr(GPtrArray) ids = ids_of (list);
    g_assert_true (same_ids (ids, (const char *[]) { "report-2.1", "report-2.3", NULL }));
  }

  /* Years: a case counts for every year of its period. */
  casebook_filter_clear_facets (filter);
  casebook_filter_set (filter, CASEBOOK_FACET_YEAR, "2022", TRUE);
  wait_refreshed (list);
  {
    g_autoptr(GPtrArray) ids = ids_of (list);
    g_assert_true (same_ids (ids, (const char *[]) { "report-3.1", "report-4.1", NULL }));
  }

  /* Filters and search combine. */
  casebook_filter_clear_facets (filter);
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "manufacturing", TRUE);
  casebook_filter_set_query (filter, "Kubernetes");
  wait_refreshed (list);
  {
    g_autoptr(GPtrArray) ids = ids_of (list);
    g_assert_true (casebook_case_list_is_searching (list));
    g_assert_true (same_ids (ids, (const char *[]) { "report-3.2", NULL }));
  }
  g_assert_cmpuint (facet_count (casebook_case_list_get_facets (list), CASEBOOK_FACET_SECTOR, "finance"), ==, 2);

  casebook_test_rmdir (dir);
}

static void
test_sort_orders_and_tracking (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  static const char *by_period[] = {
    "report-4.1", "report-3.1", "report-4.3", "report-3.3", "report-2.3", "report-5.1", "report-2.1",
    "report-5.2", "report-3.2", "report-2.2", "report-4.2", "report-8.3", "report-8.2", "report-8.1",
  };
  gint64 position;

  casebook_case_list_set_sort (list, CASEBOOK_SORT_PERIOD);
  wait_refreshed (list);
  {
    g_autoptr(GPtrArray) ids = ids_of (list);

    g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (by_period));
    for (guint i = 0; i < ids->len; i++)
      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, by_period[i]);
  }

  /* Largest first: 80,000 staff, then more than 50,000, then 30,000. */
  casebook_case_list_set_sort (list, CASEBOOK_SORT_SIZE);
  wait_refreshed (list);
  {
    g_autoptr(GPtrArray) ids = ids_of (list);

    g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "report-3.1");
    g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "report-2.1");
    g_assert_cmpstr (g_ptr_array_index (ids, 2), ==, "report-4.1");
  }

  /* The tracked case reports where it went, or that it is gone. */
  casebook_case_list_set_track_id (list, "report-2.1");
  casebook_case_list_set_sort (list, CASEBOOK_SORT_PERIOD);
  position = wait_refreshed (list);
  g_assert_cmpint (position, ==, 6);

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  position = wait_refreshed (list);
  g_assert_cmpint (position, ==, 1);

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", FALSE);
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "internet", TRUE);
  position = wait_refreshed (list);
  g_assert_cmpint (position, ==, -1);

  casebook_test_rmdir (dir);
}

/* Facet values as text, one per line, in their order: two arrays of
 * counts are the same exactly when these are. */
static char *
facets_text (GPtrArray *facets)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < facets->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (facets, i);

      g_string_append_printf (text, "%d %s %u %s\n", value->facet, value->key, value->count,
                              value->label != NULL ? casebook_text_get (value->label, CASEBOOK_LANG_EN) : "-");
    }

  return g_string_free (text, FALSE);
}

/* @n more finance cases, with periods and products of their own. */
static void
import_more (CasebookStore *store,
             guint          n)
{
  g_autoptr(GString) cases = g_string_new (NULL);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("more-%03u", i);
      g_autofree char *extra = g_strdup_printf (", \"period\": {\"start\": %u, \"end\": %u},"
                                                " \"stack\": [{\"role\": {\"en\": \"Platform\"},"
                                                " \"product\": {\"en\": \"%s\"}, \"family\": \"containers\"}]",
                                                2015 + i % 7, 2018 + i % 7, i % 3 == 0 ? "Kubernetes" : "Docker");
      g_autofree char *json = casebook_test_minimal_case (id, extra);

      g_string_append_printf (cases, "%s%s", i > 0 ? ", " : "", json);
    }

  doc = document_of (cases->str);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

static void
on_rows_refreshed (CasebookCaseList *list,
                   gint64            position,
                   guint            *n_counting)
{
  g_autoptr(CasebookCaseSummary) first = NULL;

  /* The rows are in before their counts, and the first page with them. */
  g_assert_false (casebook_case_list_is_loading (list));
  if (casebook_case_list_is_counting (list))
    (*n_counting)++;
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    {
      first = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_assert_nonnull (first);
    }
}

/* A refresh shows its rows before it counts the facets, and keeps the
 * counts of a facet whose other choices did not change: after every
 * change, the counts are those a whole count gives, and the rows those
 * the store lists. */
static void
test_list_rows_before_facets (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = NULL;
  guint n_counting = 0;
  struct { CasebookFacet facet; const char *value; gboolean active; } steps[] = {
    { CASEBOOK_FACET_SECTOR, "finance", TRUE },
    { CASEBOOK_FACET_KIND, "success", TRUE },
    { CASEBOOK_FACET_TECHNOLOGY, "Kubernetes", TRUE },
    { CASEBOOK_FACET_SECTOR, "finance", FALSE },
    { CASEBOOK_FACET_YEAR, "2019", TRUE },
    { CASEBOOK_FACET_TECHNOLOGY, "Kubernetes", FALSE },
    { CASEBOOK_FACET_KIND, "success", FALSE },
    { CASEBOOK_FACET_YEAR, "2019", FALSE },
  };

  /* More finance cases than the pages a refresh reads at once. */
  import_more (store, 300);

  list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  casebook_case_list_set_track_id (list, "more-149");
  g_signal_connect (list, "refreshed", G_CALLBACK (on_rows_refreshed), &n_counting);
  casebook_case_list_refresh (list);
  wait_refreshed (list);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) whole = NULL;
      g_autoptr(GHashTable) names = NULL;
      g_autoptr(GPtrArray) listed = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autofree char *seen = NULL;
      g_autofree char *expected = NULL;
      guint before = n_counting;
      gint64 position;
      gint64 expected_position;

      casebook_filter_set (filter, steps[i].facet, steps[i].value, steps[i].active);
      position = wait_refreshed (list);
      g_assert_cmpuint (n_counting, ==, before + 1);

      whole = casebook_store_count_facets (store, filter, &error);
      g_assert_no_error (error);
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) casebook_text_free);
      g_assert_true (casebook_facet_values_name_products (store, whole, filter, names, 100, &error));
      seen = facets_text (casebook_case_list_get_facets (list));
      expected = facets_text (whole);
      casebook_test_assert_same_text (seen, expected, "the facet counts after a change");

      listed = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, 1000, NULL, &error);
      g_assert_no_error (error);
      ids = ids_of (list);
      g_assert_cmpuint (ids->len, ==, listed->len);
      for (guint k = 0; k < ids->len; k++)
        g_assert_cmpstr (g_ptr_array_index (ids, k), ==, casebook_case_summary_get_id (g_ptr_array_index (listed, k)));

      expected_position = casebook_store_position (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN,
                                                   "more-149", &error);
      g_assert_no_error (error);
      g_assert_cmpint (position, ==, expected_position);
    }

  g_signal_handlers_disconnect_by_func (list, on_rows_refreshed, &n_counting);
  casebook_test_rmdir (dir);
}

/* Each facet counted alone gives what the whole count gives for it; the
 * technologies of every case, counted from their index alone, are those
 * that a filter letting every case through counts. */
static void
test_facets_one_by_one (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) all_sectors = casebook_filter_new ();
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);
  g_autoptr(GPtrArray) every = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *none_text = NULL;
  g_autofree char *every_text = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *parts_text = NULL;

  import_more (store, 20);

  g_assert_true (casebook_store_count_facet (store, NULL, CASEBOOK_FACET_TECHNOLOGY, none, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, >, 2);
  whole = casebook_store_count_facets (store, NULL, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < whole->len; k++)
    {
      CasebookFacetValue *value = g_ptr_array_index (whole, k);

      if (value->facet == CASEBOOK_FACET_SECTOR)
        casebook_filter_set (all_sectors, CASEBOOK_FACET_SECTOR, value->key, TRUE);
    }
  g_clear_pointer (&whole, g_ptr_array_unref);
  g_assert_true (casebook_store_count_facet (store, all_sectors, CASEBOOK_FACET_TECHNOLOGY, every, &error));
  g_assert_no_error (error);
  none_text = facets_text (none);
  every_text = facets_text (every);
  g_assert_cmpstr (none_text, ==, every_text);

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  casebook_filter_set (filter, CASEBOOK_FACET_TECHNOLOGY, "Docker", TRUE);
  whole = casebook_store_count_facets (store, filter, &error);
  g_assert_no_error (error);
  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    g_assert_true (casebook_store_count_facet (store, filter, facet, parts, &error));
  g_assert_no_error (error);
  whole_text = facets_text (whole);
  parts_text = facets_text (parts);
  g_assert_cmpstr (parts_text, ==, whole_text);

  casebook_test_rmdir (dir);
}

/* Schema 6 only adds the index that facet counts read: a store of schema 5
 * comes up to 6 with every row as it was, and with the index. */
static void
test_upgrade_adds_facet_index (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_more (store, 5);
  before = casebook_test_snapshot (store);
  g_clear_object (&store);

  exec_sql (path, "BEGIN;" CASEBOOK_TEST_DROP_SCHEMA_6 "PRAGMA user_version = 5; COMMIT;");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_by_facets'"), ==, 0);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after the upgrade to schema 6");
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CASEBOOK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_by_facets'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);

  casebook_test_rmdir (dir);
}

/* The number of cases (schema 7) is kept through everything that adds or
 * removes a case, and a failed change leaves it as the cases are. */
static void
assert_counted (CasebookStore *store,
                const char    *path,
                guint          expected)
{
  g_assert_cmpint (query_int (path, "SELECT n FROM case_count"), ==, query_int (path, "SELECT count(*) FROM cases"));
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM cases"), ==, expected);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, expected);
}

static void
test_count_kept (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *a = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *b = casebook_test_minimal_case ("mine-2", "");
  g_autofree char *both = g_strdup_printf ("%s, %s", a, b);
  g_autofree char *c = casebook_test_minimal_case ("mine-4", "");
  g_autofree char *bad = g_strdup_printf ("%s, {\"id\": \"mine-3\"}", c);
  g_autoptr(CasebookDocument) doc = document_of (both);
  g_autoptr(CasebookDocument) next = NULL;
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(GError) error = NULL;

  assert_counted (store, path, 14);

  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  assert_counted (store, path, 16);

  /* Replacing changes rows in place. */
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_REPLACE, NULL, &error));
  g_assert_no_error (error);
  assert_counted (store, path, 16);

  /* An import that fails after its first case has been written adds
   * nothing, and counts nothing. */
  {
    g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
    g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", bad);
    g_autoptr(GFile) file = g_file_new_for_path (bad_path);

    g_assert_true (g_file_set_contents (bad_path, json, -1, NULL));
    g_assert_false (casebook_store_import_file (store, file, CASEBOOK_IMPORT_SKIP, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "cases[1]"));
    g_clear_error (&error);
    assert_counted (store, path, 16);
  }

  deleted = casebook_store_delete_case (store, "mine-1", &error);
  g_assert_no_error (error);
  assert_counted (store, path, 15);
  g_assert_true (casebook_store_restore_case (store, deleted, &error));
  g_assert_no_error (error);
  assert_counted (store, path, 16);

  /* A release of the bundled collection without one of its cases. */
  next = _casebook_bundled_document (&error);
  g_assert_no_error (error);
  casebook_document_set_revision (next, casebook_document_get_revision (next) + 1);
  g_ptr_array_remove_index (casebook_document_get_cases (next), 0);
  g_assert_true (_casebook_store_refresh_bundled (store, next, &error));
  g_assert_no_error (error);
  assert_counted (store, path, 15);

  /* Reopened, the count is read, not counted. */
  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  assert_counted (store, path, 15);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* 6 → 7 counts the cases a store already has. */
static void
test_upgrade_counts_cases (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_more (store, 7);
  before = casebook_test_snapshot (store);
  g_clear_object (&store);

  exec_sql (path, "BEGIN;" CASEBOOK_TEST_DROP_SCHEMA_7 "PRAGMA user_version = 6; COMMIT;");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'case_count'"), ==, 0);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after the upgrade to schema 7");
  assert_counted (store, path, 21);
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CASEBOOK_STORE_SCHEMA_VERSION);
  casebook_test_rmdir (dir);
}

static void
test_related_cases (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = casebook_store_list_related (store, "report-2.1", 10, &error);
  gboolean has_22 = FALSE, has_82 = FALSE;

  g_assert_no_error (error);
  /* 2.3 is in finance and also runs vSphere, so it is the closest. */
  g_assert_cmpuint (related->len, >=, 3);
  g_assert_cmpstr (casebook_case_summary_get_id (g_ptr_array_index (related, 0)), ==, "report-2.3");
  for (guint i = 0; i < related->len; i++)
    {
      const char *id = casebook_case_summary_get_id (g_ptr_array_index (related, i));

      g_assert_cmpstr (id, !=, "report-2.1");
      has_22 |= g_str_equal (id, "report-2.2");
      has_82 |= g_str_equal (id, "report-8.2");
    }
  g_assert_true (has_22);
  g_assert_true (has_82);

  casebook_test_rmdir (dir);
}

static void
test_catalog_follows_changes (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookStore) reader = NULL;
  g_autoptr(CasebookCatalog) first = NULL;
  g_autoptr(CasebookCatalog) again = NULL;
  g_autoptr(CasebookCatalog) later = NULL;
  g_autoptr(CasebookCatalog) seen_by_reader = NULL;
  g_autoptr(CasebookCatalog) reader_later = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *c = casebook_test_minimal_case ("mine-health", "");
  CasebookImportResult result = { 0 };

  reader = casebook_store_open_reader (store, &error);
  g_assert_no_error (error);

  first = casebook_store_get_catalog (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_catalog_get_sectors (first)->len, ==, 4);
  g_assert_cmpstr (casebook_catalog_sector_name (first, "government", CASEBOOK_LANG_ZH), ==, "政府机构");
  g_assert_cmpstr (casebook_catalog_sector_name (first, "government", CASEBOOK_LANG_EN), ==, "Government");
  /* A key that names nothing shows as itself. */
  g_assert_cmpstr (casebook_catalog_sector_name (first, "health", CASEBOOK_LANG_EN), ==, "health");
  g_assert_nonnull (casebook_catalog_get_metric (first, "availability"));
  g_assert_null (casebook_catalog_get_metric (first, "no-such-family"));

  /* Read once, then kept while nothing changes. */
  again = casebook_store_get_catalog (store, &error);
  g_assert_true (again == first);

  seen_by_reader = casebook_store_get_catalog (reader, &error);
  g_assert_no_error (error);
  g_assert_null (casebook_catalog_get_sector (seen_by_reader, "health"));

  json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1,"
                          " \"sectors\": [{\"key\": \"health\", \"name\": {\"zh\": \"医疗\", \"en\": \"Health\"}}],"
                          " \"cases\": [%s]}", c);
  doc = casebook_test_parse (json, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);

  later = casebook_store_get_catalog (store, &error);
  g_assert_true (later != first);
  g_assert_cmpstr (casebook_catalog_sector_name (later, "health", CASEBOOK_LANG_ZH), ==, "医疗");
  /* The old one is a snapshot and stays as it was. */
  g_assert_null (casebook_catalog_get_sector (first, "health"));

  /* Another connection sees the change through SQLite's data_version. */
  reader_later = casebook_store_get_catalog (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_catalog_sector_name (reader_later, "health", CASEBOOK_LANG_EN), ==, "Health");

  g_clear_object (&reader);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/creates-and-loads-bundled", test_create_loads_bundled);
  g_test_add_func ("/store/catalog/follows-changes", test_catalog_follows_changes);
  g_test_add_func ("/store/open/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/store/open/moves-corrupt-header-aside", test_corrupt_header_moved_aside);
  g_test_add_func ("/store/open/moves-truncated-file-aside", test_truncated_moved_aside);
  g_test_add_func ("/store/open/read-only-uri", test_read_only_uri);
  g_test_add_func ("/store/import/skip-and-replace", test_import_skip_and_replace);
  g_test_add_func ("/store/import/all-or-nothing", test_import_is_atomic);
  g_test_add_func ("/store/import/large-all-or-nothing", test_large_import_is_atomic);
  g_test_add_func ("/store/export/round-trip-identical", test_export_round_trip);
  g_test_add_func ("/store/bundled/refresh-keeps-own-cases", test_bundled_refresh_keeps_own);
  g_test_add_func ("/store/bundled/refresh-adds-sections-in-order", test_bundled_refresh_adds_sections);
  g_test_add_func ("/store/list/pages-by-key", test_list_pages_by_key);
  g_test_add_func ("/store/list/follows-changes", test_list_follows_changes);
  g_test_add_func ("/store/list/replaces-rows-in-two-changes", test_list_replaces_rows_in_two_changes);
  g_test_add_func ("/store/list/rows-in-steps", test_list_rows_in_steps);
  g_test_add_func ("/store/list/show-rows-tells-what-is-asked", test_list_show_rows);
  g_test_add_func ("/store/list/refreshed-finds-case-shown-since", test_list_refreshed_finds_case_shown_since);
  g_test_add_func ("/store/list/rows-first-then-language", test_list_rows_first_then_language);
  g_test_add_func ("/store/filter/facets-combine-and-count", test_facets_combine);
  g_test_add_func ("/store/list/sort-orders-and-tracking", test_sort_orders_and_tracking);
  g_test_add_func ("/store/list/rows-before-facets", test_list_rows_before_facets);
  g_test_add_func ("/store/filter/each-facet-alone", test_facets_one_by_one);
  g_test_add_func ("/store/open/upgrade-adds-facet-index", test_upgrade_adds_facet_index);
  g_test_add_func ("/store/open/upgrade-counts-cases", test_upgrade_counts_cases);
  g_test_add_func ("/store/count/kept-with-the-cases", test_count_kept);
  g_test_add_func ("/store/related/by-sector-and-technology", test_related_cases);

  return g_test_run ();
}
