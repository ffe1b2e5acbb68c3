/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "casebook-test-util.h"

/* Which files Casebook takes for its store, and which paths it refuses to
 * write over: nothing that is not a store may be changed by opening it,
 * and no export may land on the store or the files beside it. */

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

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, one a line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

/* A closed store, in rollback mode so that it is one file alone. */
static char *
make_store (const char *dir)
{
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  char *path = g_build_filename (dir, "store.db", NULL);

  g_clear_object (&store);
  exec_sql (path, "PRAGMA journal_mode = DELETE;");
  return path;
}

/* Opening @path is refused with @expected in the message, and neither the
 * file nor its folder changed. */
static void
assert_refused (const char *path,
                const char *expected)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *listing = list_dir (dir);
  g_autofree char *listing_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);

  if (!is_dir)
    before = casebook_test_read_file (path, &before_len);

  for (guint flags = 0; flags < 2; flags++)
    {
      store = casebook_store_open (path, flags == 0 ? CASEBOOK_STORE_FLAGS_NONE : CASEBOOK_STORE_READ_ONLY,
                                   &error);
      g_assert_null (store);
      g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_A_STORE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "is not a Casebook store"));
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);
    }

  if (!is_dir)
    {
      after = casebook_test_read_file (path, &after_len);
      g_assert_cmpmem (after, after_len, before, before_len);
    }
  listing_after = list_dir (dir);
  g_assert_cmpstr (listing_after, ==, listing);
}

static void
test_refuses_json (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *json = g_build_filename (dir, "notes.json", NULL);
  g_autofree char *collection = g_build_filename (dir, "cases.json", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, NULL);
  g_autofree char *exported = casebook_json_write_document (doc, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (json, "  \n[1, 2, {\"a\": \"b\"}]\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (collection, exported, -1, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  assert_refused (json, "seems to be JSON text");
  assert_refused (collection, "seems to be a collection exported from Casebook");

  casebook_test_rmdir (dir);
}

static void
test_refuses_foreign_sqlite (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *versioned = g_build_filename (dir, "versioned.db", NULL);
  g_autofree char *stamped = g_build_filename (dir, "stamped.db", NULL);
  g_autofree char *lookalike = g_build_filename (dir, "lookalike.db", NULL);

  /* Another program's database: its own tables, no version, no id. */
  exec_sql (path, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                  "INSERT INTO contacts VALUES ('Ada', '123');");
  assert_refused (path, "another program's SQLite database");

  /* One with a schema version of its own. */
  exec_sql (versioned, "CREATE TABLE notes (body TEXT); PRAGMA user_version = 3;");
  assert_refused (versioned, "another program's SQLite database");

  /* One with another program's application id, even in WAL mode. */
  exec_sql (stamped, "PRAGMA application_id = 1234; PRAGMA journal_mode = WAL;"
                     "CREATE TABLE cases (x);");
  assert_refused (stamped, "another program's SQLite database");

  /* A table called "cases" is not enough to be taken for an old store. */
  exec_sql (lookalike, "CREATE TABLE cases (id TEXT, title TEXT); PRAGMA user_version = 1;");
  assert_refused (lookalike, "another program's SQLite database");

  casebook_test_rmdir (dir);
}

static void
test_refuses_other_files (void)
{
  static const guchar png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *image = g_build_filename (dir, "picture.png", NULL);
  g_autofree char *text = g_build_filename (dir, "readme.txt", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *short_sqlite = g_build_filename (dir, "short.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autoptr(GError) error = NULL;
  char bytes[8192];

  g_file_set_contents (image, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  assert_refused (image, "some other file");

  g_file_set_contents (text, "Casebook notes\n", -1, &error);
  g_assert_no_error (error);
  assert_refused (text, "some other file");

  /* A file whose beginning says nothing: a store whose first page was
   * overwritten looks the same, so it is refused, not moved aside. */
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) (i * 7 + 3);
  g_file_set_contents (garbage, bytes, sizeof bytes, &error);
  g_assert_no_error (error);
  assert_refused (garbage, "some other file");

  /* The SQLite magic, cut short before its header says whose it is. */
  g_file_set_contents (short_sqlite, "SQLite format 3\0\x10\0", 19, &error);
  g_assert_no_error (error);
  assert_refused (short_sqlite, "another program's SQLite database");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_refused (folder, "is a folder");

  casebook_test_rmdir (dir);
}

static void
test_stamps_new_store (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  /* An empty file is taken, as a new store. */
  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, CASEBOOK_STORE_APPLICATION_ID);
  casebook_test_rmdir (dir);
}

/* A store written before stores were stamped is recognised by its tables,
 * keeps everything and is stamped. */
static void
test_stamps_older_store (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  before = casebook_test_snapshot (store);
  g_clear_object (&store);
  path = g_build_filename (dir, "store.db", NULL);
  exec_sql (path, "PRAGMA application_id = 0;");
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, 0);

  /* Read-only, it is read but not stamped. */
  store = casebook_store_open (path, CASEBOOK_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the older store, read-only");
  g_clear_object (&store);
  g_clear_pointer (&after, g_free);
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, 0);

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (casebook_store_get_moved_aside (store));
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the older store, opened");
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, CASEBOOK_STORE_APPLICATION_ID);
  casebook_test_rmdir (dir);
}

/* A file of ours that SQLite finds damaged is still moved aside. */
static void
test_moves_own_damaged_store_aside (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = make_store (dir);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autofree char *kept = NULL;
  gsize len = 0, kept_len = 0;

  /* The header kept, everything after it garbage. */
  contents = casebook_test_read_file (path, &len);
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = 100; i < 8192; i++)
    contents[i] = (char) (i * 7 + 3);
  g_file_set_contents (path, contents, 8192, &error);
  g_assert_no_error (error);

  g_test_expect_message ("casebook-store", G_LOG_LEVEL_WARNING, "*was damaged*");
  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (casebook_store_get_moved_aside (store));
  kept = casebook_test_read_file (casebook_store_get_moved_aside (store), &kept_len);
  g_assert_cmpmem (kept, kept_len, contents, 8192);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  casebook_test_rmdir (dir);
}

/* A read-only reader of a closed store leaves nothing beside it. */
static void
test_read_only_leaves_no_files (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", path);
  g_autofree char *listing = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { uri, path };

  g_clear_object (&store);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "store.db");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      store = casebook_store_open (paths[i], CASEBOOK_STORE_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (casebook_store_is_read_only (store));
      after = casebook_test_snapshot (store);
      casebook_test_assert_same_text (after, before, "the store read read-only");
      g_clear_pointer (&after, g_free);
      {
        g_autoptr(GPtrArray) hits = casebook_store_search (store, "Kubernetes", 10, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (hits->len, >, 0);
      }
      g_clear_object (&store);

      listing_after = list_dir (dir);
      g_assert_cmpstr (listing_after, ==, listing);
      g_clear_pointer (&listing_after, g_free);
    }

  casebook_test_rmdir (dir);
}

/* Outputs --------------------------------------------------------------------- */

static void
assert_output_refused (CasebookStore *store,
                       const char    *output)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (casebook_store_check_output (store, output, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_OWN_FILE);
  g_assert_nonnull (strstr (error->message, output));
  g_assert_nonnull (strstr (error->message, "Nothing was written; choose another file"));
}

static void
test_check_output (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *dotted = g_build_filename (sub, "..", "store.db", NULL);
  g_autofree char *soft = g_build_filename (dir, "link.json", NULL);
  g_autofree char *chain = g_build_filename (dir, "chain.pdf", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.png", NULL);
  g_autofree char *hardlink = g_build_filename (sub, "hard.json", NULL);
  g_autofree char *fine = g_build_filename (dir, "cases.json", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  assert_output_refused (store, path);
  assert_output_refused (store, wal);
  assert_output_refused (store, shm);
  assert_output_refused (store, journal);
  assert_output_refused (store, dotted);

  g_assert_cmpint (symlink (path, soft), ==, 0);
  assert_output_refused (store, soft);
  g_assert_cmpint (symlink ("link.json", chain), ==, 0);
  assert_output_refused (store, chain);
  /* A link to a file that does not exist yet, but would be the store's. */
  g_assert_cmpint (symlink ("store.db-journal", dangling), ==, 0);
  assert_output_refused (store, dangling);
  g_assert_cmpint (link (path, hardlink), ==, 0);
  assert_output_refused (store, hardlink);

  /* Relative to the current folder. */
  g_assert_cmpint (g_chdir (sub), ==, 0);
  assert_output_refused (store, "../store.db");
  assert_output_refused (store, "hard.json");
  g_assert_true (casebook_store_check_output (store, "other.json", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  /* Anything else may be written. */
  g_assert_true (casebook_store_check_output (store, fine, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_check_output (store, sub, &error));
  g_assert_no_error (error);

  g_clear_object (&store);

  /* A store in memory has no files to protect. */
  store = casebook_store_open (":memory:", CASEBOOK_STORE_NO_BUNDLED, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_check_output (store, path, &error));
  g_assert_no_error (error);

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-file/open/refuses-json", test_refuses_json);
  g_test_add_func ("/store-file/open/refuses-foreign-sqlite", test_refuses_foreign_sqlite);
  g_test_add_func ("/store-file/open/refuses-other-files", test_refuses_other_files);
  g_test_add_func ("/store-file/open/stamps-new-store", test_stamps_new_store);
  g_test_add_func ("/store-file/open/stamps-older-store", test_stamps_older_store);
  g_test_add_func ("/store-file/open/moves-own-damaged-store-aside", test_moves_own_damaged_store_aside);
  g_test_add_func ("/store-file/open/read-only-leaves-no-files", test_read_only_leaves_no_files);
  g_test_add_func ("/store-file/output/refuses-store-files", test_check_output);

  return g_test_run ();
}
