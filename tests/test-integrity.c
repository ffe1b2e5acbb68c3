/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "casebook-store-private.h"
#include "casebook-store-read.h"
#include "casebook-test-util.h"

/* When the whole store is read to check it: while it is opened only after
 * an unclean shutdown (a session marker nobody holds, or a log left
 * behind); otherwise on demand, which the window does in the background.
 * Damage found while the store is open is reported, and the store can be
 * started over with the damaged file kept. */

static char *
store_path (const char *dir)
{
  return g_build_filename (dir, "store.db", NULL);
}

static char *
marker_path (const char *dir)
{
  g_autofree char *path = store_path (dir);

  return g_strconcat (path, "-session", NULL);
}

/* A store with the bundled cases, closed cleanly. */
static void
make_store (const char *dir)
{
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *marker = marker_path (dir);

  /* The session is marked while the store is open... */
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* ...and the mark goes when it is closed. */
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

static int
root_page (const char *path,
           const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int page = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return page;
}

/* Overwrites the page of an index that neither opening the store nor
 * counting its cases reads (outcomes by metric, which only the charts
 * use), so that only a check of the whole file finds the damage. Returns
 * the damaged file's bytes. */
static char *
damage_unread_page (const char *dir,
                    gsize      *length)
{
  g_autofree char *path = store_path (dir);
  g_autoptr(GError) error = NULL;
  int page = root_page (path, "outcomes_by_metric");
  char *contents = NULL;

  g_assert_cmpint (page, >, 1);
  contents = casebook_test_read_file (path, length);
  g_assert_cmpuint (*length, >=, (gsize) page * 4096);
  for (gsize i = 0; i < 4096; i++)
    contents[(gsize) (page - 1) * 4096 + i] = (char) ((i * 13 + 5) ^ (i >> 3));
  g_file_set_contents (path, contents, *length, &error);
  g_assert_no_error (error);

  return contents;
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

/* Runs the main context until nothing is pending. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_clean_close_skips_check (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = NULL;
  guint before;

  make_store (dir);

  before = _casebook_store_get_quick_check_count ();
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  casebook_test_rmdir (dir);
}

/* Two connections at once: the second sees the first's session, not an
 * unfinished one, and the marker stays until the last one closes. */
static void
test_second_connection_skips_check (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *marker = marker_path (dir);
  g_autoptr(CasebookStore) first = NULL;
  g_autoptr(CasebookStore) second = NULL;
  guint before;

  make_store (dir);
  first = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);

  before = _casebook_store_get_quick_check_count ();
  second = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before);

  g_clear_object (&first);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_object (&second);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  casebook_test_rmdir (dir);
}

/* A process that dies with the store open leaves its marker behind, and
 * the next open checks the whole store. */
static void
test_crash_runs_check (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *marker = NULL;
  g_autoptr(CasebookStore) store = NULL;
  guint before;

  if (g_test_subprocess ())
    {
      CasebookStore *left_open;

      dir = g_strdup (g_getenv ("CASEBOOK_TEST_DIR"));
      left_open = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
      g_assert_nonnull (left_open);
      _exit (0);
    }

  dir = casebook_test_tmpdir ();
  marker = marker_path (dir);
  make_store (dir);

  g_setenv ("CASEBOOK_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unsetenv ("CASEBOOK_TEST_DIR");
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));

  before = _casebook_store_get_quick_check_count ();
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before + 1);
  g_assert_null (casebook_store_get_moved_aside (store));
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  /* This session ends properly, and the next open reads no more than it needs. */
  g_clear_object (&store);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  before = _casebook_store_get_quick_check_count ();
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before);

  casebook_test_rmdir (dir);
}

/* A log with transactions in it and no session marker (a copy of a store
 * that was open, or a crash of a Casebook from before the marker) is an
 * unclean shutdown too. */
static void
test_hot_log_runs_check (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *path = store_path (dir);
  g_autofree char *copy_path = store_path (copy_dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_wal = g_strconcat (copy_path, "-wal", NULL);
  g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, NULL);
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint before;

  make_store (dir);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  contents = casebook_test_read_file (path, &length);
  g_file_set_contents (copy_path, contents, length, &error);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = casebook_test_read_file (wal, &length);
  g_assert_cmpuint (length, >, 0);
  g_file_set_contents (copy_wal, contents, length, &error);
  g_assert_no_error (error);

  before = _casebook_store_get_quick_check_count ();
  copy = casebook_test_open_store (copy_dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before + 1);
  g_assert_true (casebook_store_has_case (copy, "mine-1"));

  casebook_test_rmdir (dir);
}

/* Damage only a whole check can find: after an unclean shutdown the store
 * is moved aside as it always was, its bytes kept. */
static void
test_unclean_moves_damaged_aside (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *marker = marker_path (dir);
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, kept_length = 0;

  make_store (dir);
  damaged = damage_unread_page (dir, &length);

  /* What a session that never ended leaves. */
  g_file_set_contents (marker, "", 0, &error);
  g_assert_no_error (error);

  g_test_expect_message ("casebook-store", G_LOG_LEVEL_WARNING, "*was damaged*");
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_test_assert_expected_messages ();

  g_assert_nonnull (casebook_store_get_moved_aside (store));
  kept = casebook_test_read_file (casebook_store_get_moved_aside (store), &kept_length);
  g_assert_cmpmem (kept, kept_length, damaged, length);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_assert_true (casebook_store_check_integrity (store, NULL, &error));
  g_assert_no_error (error);

  casebook_test_rmdir (dir);
}

/* The same damage after a clean shutdown: the store opens at once, and
 * the check, run on demand, finds it and says so. */
static void
test_check_finds_damage (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = store_path (dir);
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, after_length = 0;
  guint n_damaged = 0;
  guint before;

  make_store (dir);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_true (casebook_store_check_integrity (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  damaged = damage_unread_page (dir, &length);

  before = _casebook_store_get_quick_check_count ();
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before);
  g_assert_null (casebook_store_get_moved_aside (store));
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_signal_connect (store, "damaged", G_CALLBACK (count_signal), &n_damaged);

  g_assert_false (casebook_store_check_integrity (store, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before + 1);

  /* Told on the main loop, and once. */
  g_assert_cmpuint (n_damaged, ==, 0);
  drain ();
  g_assert_cmpuint (n_damaged, ==, 1);
  g_clear_error (&error);
  g_assert_false (casebook_store_check_integrity (store, NULL, &error));
  drain ();
  g_assert_cmpuint (n_damaged, ==, 1);

  /* Nothing was changed or moved. */
  g_clear_object (&store);
  after = casebook_test_read_file (path, &after_length);
  g_assert_cmpmem (after, after_length, damaged, length);

  casebook_test_rmdir (dir);
}

static gboolean
check_on_worker (CasebookStore  *reader,
                 gpointer        data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  return casebook_store_check_integrity (reader, cancellable, error);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  casebook_store_read_finish (CASEBOOK_STORE (source), result, error);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sound");
}

/* The check on a worker thread, as the window runs it: damage a reader
 * finds reaches the store it was opened from, on the main thread. */
static void
test_check_on_worker_reports (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *damaged = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint n_damaged = 0;

  make_store (dir);
  damaged = damage_unread_page (dir, &length);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_signal_connect (store, "damaged", G_CALLBACK (count_signal), &n_damaged);

  casebook_store_read_async (store, check_on_worker, NULL, NULL, NULL, on_checked, &error);
  while (error == NULL || n_damaged == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT);
  g_assert_cmpuint (n_damaged, ==, 1);

  casebook_test_rmdir (dir);
}

/* A query that reads the damaged page reports it too. */
static void
test_query_reports_damage (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *damaged = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gsize length = 0;
  guint n_damaged = 0;
  int rc;

  make_store (dir);
  damaged = damage_unread_page (dir, &length);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_signal_connect (store, "damaged", G_CALLBACK (count_signal), &n_damaged);

  stmt = _casebook_store_prepare (store, "SELECT count(*) FROM outcomes INDEXED BY outcomes_by_metric "
                                         "WHERE metric > ''", &error);
  g_assert_no_error (error);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CORRUPT);
  g_assert_false (_casebook_store_query_failed (store, stmt, rc, "Counting", &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT);

  g_assert_cmpuint (n_damaged, ==, 0);
  drain ();
  g_assert_cmpuint (n_damaged, ==, 1);

  casebook_test_rmdir (dir);
}

/* Starting over keeps the damaged file and makes a new store in its
 * place, on the same object. */
static void
test_start_over (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = store_path (dir);
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, kept_length = 0;
  guint n_changed = 0;

  make_store (dir);
  damaged = damage_unread_page (dir, &length);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_false (casebook_store_check_integrity (store, NULL, NULL));
  g_signal_connect (store, "changed", G_CALLBACK (count_signal), &n_changed);

  g_assert_true (casebook_store_start_over (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, >=, 1);

  g_assert_nonnull (casebook_store_get_moved_aside (store));
  g_assert_true (g_str_has_prefix (casebook_store_get_moved_aside (store), path));
  g_assert_nonnull (strstr (casebook_store_get_moved_aside (store), ".corrupt-"));
  kept = casebook_test_read_file (casebook_store_get_moved_aside (store), &kept_length);
  g_assert_cmpmem (kept, kept_length, damaged, length);

  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);
  g_assert_true (casebook_store_check_integrity (store, NULL, &error));
  g_assert_no_error (error);
  drain ();

  casebook_test_rmdir (dir);
}

/* Not while another connection has the store open: it would go on with
 * the file moved aside. */
static void
test_start_over_refused_while_shared (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = store_path (dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_length = 0, after_length = 0;

  make_store (dir);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  other = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  before = casebook_test_read_file (path, &before_length);

  g_assert_false (casebook_store_start_over (store, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUSY);
  g_assert_null (casebook_store_get_moved_aside (store));
  after = casebook_test_read_file (path, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);

  /* The store goes on working. */
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  casebook_test_rmdir (dir);
}

/* A read-only open makes no marker, and takes none away. */
static void
test_read_only_makes_no_marker (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *marker = marker_path (dir);
  g_autoptr(CasebookStore) store = NULL;
  guint before;

  make_store (dir);
  before = _casebook_store_get_quick_check_count ();
  store = casebook_test_open_store (dir, CASEBOOK_STORE_READ_ONLY);
  g_assert_cmpuint (_casebook_store_get_quick_check_count (), ==, before);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/integrity/open/clean-close-skips-check", test_clean_close_skips_check);
  g_test_add_func ("/integrity/open/second-connection-skips-check", test_second_connection_skips_check);
  g_test_add_func ("/integrity/open/crash-runs-check", test_crash_runs_check);
  g_test_add_func ("/integrity/open/hot-log-runs-check", test_hot_log_runs_check);
  g_test_add_func ("/integrity/open/unclean-moves-damaged-aside", test_unclean_moves_damaged_aside);
  g_test_add_func ("/integrity/open/read-only-makes-no-marker", test_read_only_makes_no_marker);
  g_test_add_func ("/integrity/check/finds-damage", test_check_finds_damage);
  g_test_add_func ("/integrity/check/on-worker-reports", test_check_on_worker_reports);
  g_test_add_func ("/integrity/check/query-reports", test_query_reports_damage);
  g_test_add_func ("/integrity/start-over/keeps-file", test_start_over);
  g_test_add_func ("/integrity/start-over/refused-while-shared", test_start_over_refused_while_shared);

  return g_test_run ();
}
