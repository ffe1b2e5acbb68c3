/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* What happens to a store when the world around Casebook goes wrong: the
 * process is killed in the middle of an import, another program holds the
 * store locked, files beside the store are damaged or foreign, the store
 * belongs to someone else, or Casebook is started twice at once. Nothing
 * may be lost, nothing may be left damaged, and every refusal must say
 * what to do. */

#define NOBODY 65534

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
assert_quick_check_ok (const char *path)
{
  g_autofree char *result = query_text (path, "PRAGMA quick_check");

  g_assert_cmpstr (result, ==, "ok");
}

static guint
count_cases_like (const char *path,
                  const char *pattern)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases WHERE id LIKE ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static char **
casebook_environ (void)
{
  char **envp = g_get_environ ();

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  return envp;
}

/* Starts the real binary on @db, as a script or a second person would. */
static GSubprocess *
start_casebook (const char  *db,
                const char  *first_arg,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = casebook_environ ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CASEBOOK_BIN");
  GSubprocess *process;
  va_list args;

  g_assert_nonnull (bin);
  g_subprocess_launcher_set_environ (launcher, envp);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for @process; returns its exit status and what it wrote. */
static int
finish_casebook (GSubprocess  *process,
                 char        **out,
                 char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
write_collection (const char *path,
                  const char *prefix,
                  guint       copies)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) bundled = _casebook_bundled_document (&error);
  g_autoptr(CasebookDocument) doc = casebook_document_new ();
  g_autofree char *json = NULL;
  GPtrArray *cases;
  gsize length = 0;

  g_assert_no_error (error);
  cases = casebook_document_get_cases (bundled);
  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < cases->len; i++)
      {
        CasebookCase *copy = casebook_case_copy (g_ptr_array_index (cases, i));
        g_autofree char *id = g_strdup_printf ("%s-%03u-%s", prefix, k, casebook_case_get_id (copy));

        casebook_case_set_id (copy, id);
        g_ptr_array_add (casebook_document_get_cases (doc), copy);
      }

  json = casebook_json_write_document (doc, &length);
  g_file_set_contents (path, json, length, &error);
  g_assert_no_error (error);
}

/* Killed mid-import ------------------------------------------------------ */

/* For a kill once the log has grown and been cut back: the import is
 * committed and folded into the store, and the process is on its way out. */
#define AFTER_CHECKPOINT ((goffset) -1)

typedef struct
{
  goffset wal_size;   /* kill once the write-ahead log is this large, if > 0, */
  guint   delay_ms;   /* or this long after the start, whichever comes first */
} KillPoint;

static void
test_killed_mid_import (void)
{
  /* Early kills land while the file is read and checked, later ones while
   * the cases are written, the log grows and it is folded into the store.
   * The caps only matter under valgrind, where everything is slow. */
  static const KillPoint points[] = {
    { 0, 0 }, { 0, 10 }, { 0, 25 }, { 0, 50 }, { 0, 100 }, { 0, 200 }, { 0, 400 }, { 0, 800 },
    { 0, 1200 }, { 0, 1600 },
    { 1, 20000 }, { 64 * 1024, 20000 }, { 1024 * 1024, 20000 }, { 4 * 1024 * 1024, 20000 },
    { 8 * 1024 * 1024, 20000 }, { AFTER_CHECKPOINT, 20000 },
  };
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *template = g_build_filename (dir, "template.db", NULL);
  g_autofree char *work_dir = g_build_filename (dir, "work", NULL);
  g_autofree char *work = g_build_filename (work_dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (work, "-wal", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", work);
  g_autofree char *import_arg = g_strdup_printf ("--import=%s", big);
  const char *argv[] = { g_getenv ("CASEBOOK_BIN"), db_arg, import_arg, NULL };
  g_auto(GStrv) envp = casebook_environ ();
  guint copies = 100;
  guint n_cases = copies * 14;
  guint none = 0, all = 0, finished = 0;

  g_assert_nonnull (argv[0]);

  {
    g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
    g_autofree char *path = g_build_filename (dir, "store.db", NULL);

    g_clear_object (&store);
    g_assert_cmpint (g_rename (path, template), ==, 0);
  }
  write_collection (big, "bulk", copies);

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CasebookStore) store = NULL;
      GPid pid = 0;
      int status = 0;
      gboolean exited = FALSE;
      gint64 deadline;
      goffset wal_peak = 0;
      guint n;

      casebook_test_rmdir (work_dir);
      g_assert_cmpint (g_mkdir (work_dir, 0700), ==, 0);
      copy_file (template, work);

      g_spawn_async (NULL, (char **) argv, envp,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);

      deadline = g_get_monotonic_time () + points[p].delay_ms * 1000;
      for (;;)
        {
          GStatBuf st;
          goffset wal_now;

          if (waitpid (pid, &status, WNOHANG) == pid)
            {
              exited = TRUE;
              break;
            }

          wal_now = g_stat (wal, &st) == 0 ? st.st_size : 0;
          wal_peak = MAX (wal_peak, wal_now);
          if (g_get_monotonic_time () >= deadline ||
              (points[p].wal_size > 0 && wal_now >= points[p].wal_size) ||
              (points[p].wal_size == AFTER_CHECKPOINT && wal_peak > 0 && wal_now == 0))
            break;
          g_usleep (200);
        }

      if (!exited)
        {
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          /* It may have finished between the last look and the signal. */
          exited = WIFEXITED (status);
        }
      g_spawn_close_pid (pid);

      /* Reopening recovers the store from its log, finds it sound, and
       * finds all of the import or none of it. */
      store = casebook_store_open (work, CASEBOOK_STORE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_null (casebook_store_get_moved_aside (store));
      g_assert_cmpuint (casebook_store_get_n_cases (store), >=, 14);
      g_clear_object (&store);

      assert_quick_check_ok (work);
      n = count_cases_like (work, "bulk-%");
      g_assert_true (n == 0 || n == n_cases);

      if (exited)
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          g_assert_cmpuint (n, ==, n_cases);
          finished++;
        }
      else if (n == 0)
        none++;
      else
        all++;
    }

  g_test_message ("%u kills left nothing of the import, %u left all of it, %u imports finished first",
                  none, all, finished);
  casebook_test_rmdir (dir);
}

/* A busy store ----------------------------------------------------------- */

/* Another program that holds the store's write lock until released. */
static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
release_write_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
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
assert_busy_message (const char *message)
{
  g_assert_nonnull (strstr (message, "another program is changing the store"));
  g_assert_nonnull (strstr (message, "0.3 s"));
  g_assert_nonnull (strstr (message, "then try again"));
}

static void
test_busy_import_reports (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
  g_autoptr(CasebookDocument) doc = document_of (own);
  g_autoptr(GError) error = NULL;
  sqlite3 *other;

  g_setenv ("CASEBOOK_BUSY_TIMEOUT_MS", "300", TRUE);
  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);

  other = hold_write_lock (path);

  /* Casebook waits for the lock, gives up, and says what to do. */
  g_assert_false (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUSY);
  assert_busy_message (error->message);
  g_clear_error (&error);

  /* Reading goes on meanwhile: the log lets readers past a writer. */
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after the refused import");
  {
    g_autoptr(GPtrArray) hits = casebook_store_search (store, "Kubernetes", 100, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >, 0);
  }

  /* Once the other program is done, trying again works. */
  release_write_lock (other);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);

  g_unsetenv ("CASEBOOK_BUSY_TIMEOUT_MS");
  casebook_test_rmdir (dir);
}

/* Starting Casebook must not wait for a writer: a second window or a
 * command-line query opens a store that another Casebook is importing
 * into, and reads it. */
static void
test_busy_open_reads (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *other;

  g_clear_object (&store);
  g_setenv ("CASEBOOK_BUSY_TIMEOUT_MS", "300", TRUE);
  other = hold_write_lock (path);

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (casebook_store_is_read_only (store));
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 14);

  process = start_casebook (path, "--search=Kubernetes", NULL);
  g_assert_cmpint (finish_casebook (process, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "report-"));
  g_clear_object (&process);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* But an import from the command line reports the lock, and changes
   * nothing. */
  {
    g_autofree char *file = g_build_filename (dir, "one.json", NULL);
    g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
    g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);

    g_file_set_contents (file, json, -1, &error);
    g_assert_no_error (error);
    process = start_casebook (path, "--import", file, NULL);
    g_assert_cmpint (finish_casebook (process, &out, &err), ==, 1);
    g_assert_true (g_str_has_prefix (err, "Nothing was imported: "));
    assert_busy_message (err);
  }

  release_write_lock (other);
  g_assert_false (casebook_store_has_case (store, "mine-1"));

  g_unsetenv ("CASEBOOK_BUSY_TIMEOUT_MS");
  casebook_test_rmdir (dir);
}

/* Damaged or foreign files ------------------------------------------------ */

/* A good store, closed, with nothing beside it. */
static char *
make_closed_store (const char  *dir,
                   char       **snapshot)
{
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
  g_autoptr(CasebookDocument) doc = document_of (own);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  *snapshot = casebook_test_snapshot (store);
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  return path;
}

static void
write_garbage (const char *path,
               gsize       length,
               guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    garbage[i] = (char) ((i * 7 + seed) ^ (i >> 5));
  g_file_set_contents (path, garbage, length, &error);
  g_assert_no_error (error);
}

/* Opens the store and expects it exactly as @snapshot, untouched. */
static void
assert_opens_unchanged (const char *path,
                        const char *snapshot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_autofree char *seen = NULL;

  g_assert_no_error (error);
  g_assert_null (casebook_store_get_moved_aside (store));
  seen = casebook_test_snapshot (store);
  casebook_test_assert_same_text (seen, snapshot, "the reopened store");
  g_clear_object (&store);

  assert_quick_check_ok (path);
}

static void
test_stray_wal (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *snapshot = NULL;
  g_autofree char *path = make_closed_store (dir, &snapshot);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  /* A log whose header does not check out is not replayed. */
  write_garbage (wal, 64 * 1024, 3);
  assert_opens_unchanged (path, snapshot);

  /* Nor is one cut short in its header. */
  write_garbage (wal, 17, 5);
  assert_opens_unchanged (path, snapshot);

  casebook_test_rmdir (dir);
}

static void
test_stray_shm (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *snapshot = NULL;
  g_autofree char *path = make_closed_store (dir, &snapshot);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  /* The shared-memory index is rebuilt from the log when no other
   * connection is open, whatever the file held. */
  write_garbage (shm, 32 * 1024, 11);
  assert_opens_unchanged (path, snapshot);

  casebook_test_rmdir (dir);
}

/* A log torn in the middle of a transaction, as a crash while it was
 * written leaves it: the transactions before it are kept, the torn one
 * is dropped, and the store is sound. */
static void
test_torn_wal (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *copy_path = g_build_filename (copy_dir, "store.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy_path, "-wal", NULL);
  g_autofree char *snapshot = NULL;
  g_autofree char *path = make_closed_store (dir, &snapshot);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *after_first = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize first_end = 0, second_end = 0, length = 0;
  GStatBuf st;

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("torn-%u", i);
      g_autofree char *own = casebook_test_minimal_case (id, "");
      g_autoptr(CasebookDocument) doc = document_of (own);

      g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (wal, &st), ==, 0);
      if (i == 0)
        {
          first_end = (gsize) st.st_size;
          after_first = casebook_test_snapshot (store);
        }
      else
        second_end = (gsize) st.st_size;
    }
  g_assert_cmpuint (second_end, >, first_end);

  /* The store file and the log as they are now, cut halfway through the
   * second transaction's pages. */
  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  copy_file (path, copy_path);
  contents = casebook_test_read_file (wal, &length);
  g_assert_cmpuint (length, ==, second_end);
  g_file_set_contents (copy_wal, contents, first_end + (second_end - first_end) / 2, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  assert_opens_unchanged (copy_path, after_first);

  casebook_test_rmdir (dir);
}

/* A store someone else owns -------------------------------------------------- */

typedef enum
{
  OWNER_QUIT,       /* the store alone */
  OWNER_CRASHED,    /* with its log, which still holds changes, and its index */
  INDEX_DELETED,    /* with its log, but someone deleted the index */
} OwnerState;

/* In the subprocess, as nobody: the store can be read but not written,
 * or, when it cannot be read either, a refusal says what to do. */
static void
open_as_other_user (const char *dir,
                    OwnerState  state)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *snapshot_path = g_build_filename (dir, "snapshot.json", NULL);
  g_autofree char *expected = casebook_test_read_file (snapshot_path, NULL);
  g_autofree char *seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *own = casebook_test_minimal_case ("mine-2", "");
  g_autoptr(CasebookDocument) doc = document_of (own);

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);

  /* Without the index, the changes in the log cannot be read, and leaving
   * them out would show an older store as if it were the whole. */
  if (state == INDEX_DELETED)
    {
      g_assert_null (store);
      g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "belongs to another user"));
      g_assert_nonnull (strstr (error->message, "Ask its owner to start and quit Casebook once"));
      return;
    }

  g_assert_no_error (error);
  g_assert_true (casebook_store_is_read_only (store));
  g_assert_null (casebook_store_get_moved_aside (store));

  seen = casebook_test_snapshot (store);
  casebook_test_assert_same_text (seen, expected, "the store read by another user");
  hits = casebook_store_search (store, "Kubernetes", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);

  g_assert_false (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only; nothing was changed"));
}

static void
test_read_only_other_user (gconstpointer data)
{
  OwnerState state = GPOINTER_TO_INT (data);
  gboolean unclean = state != OWNER_QUIT;
  g_autofree char *dir = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *path = NULL;
  g_autofree char *snapshot_path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *wal = NULL;
  gsize original_len = 0, kept_len = 0;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      const char *child_dir = g_getenv ("CASEBOOK_TEST_OTHER_USER_DIR");

      g_assert_nonnull (child_dir);
      if (geteuid () == 0)
        {
          /* chmod means nothing to root: become somebody it applies to. */
          g_assert_cmpint (setgroups (0, NULL), ==, 0);
          g_assert_cmpint (setgid (NOBODY), ==, 0);
          g_assert_cmpint (setuid (NOBODY), ==, 0);
          g_assert_cmpint (geteuid (), ==, NOBODY);
        }
      open_as_other_user (child_dir, state);
      return;
    }

  dir = casebook_test_tmpdir ();
  path = make_closed_store (dir, &snapshot);
  wal = g_strconcat (path, "-wal", NULL);

  if (unclean)
    {
      g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
      g_autofree char *copy_path = g_build_filename (copy_dir, "store.db", NULL);
      g_autofree char *copy_wal = g_strconcat (copy_path, "-wal", NULL);
      g_autofree char *copy_shm = g_strconcat (copy_path, "-shm", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autoptr(CasebookStore) store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
      g_autofree char *own = casebook_test_minimal_case ("mine-3", "");
      g_autoptr(CasebookDocument) doc = document_of (own);

      /* The store and its log as a crash of the owner's Casebook leaves them. */
      g_assert_no_error (error);
      g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
      g_assert_no_error (error);
      g_free (snapshot);
      snapshot = casebook_test_snapshot (store);
      g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
      copy_file (path, copy_path);
      copy_file (wal, copy_wal);
      if (state == OWNER_CRASHED)
        copy_file (shm, copy_shm);
      g_clear_object (&store);
      g_assert_cmpint (g_rename (copy_path, path), ==, 0);
      g_assert_cmpint (g_rename (copy_wal, wal), ==, 0);
      g_assert_cmpint (g_chmod (wal, 0444), ==, 0);
      if (state == OWNER_CRASHED)
        {
          g_assert_cmpint (g_rename (copy_shm, shm), ==, 0);
          g_assert_cmpint (g_chmod (shm, 0444), ==, 0);
        }
      g_assert_cmpint (g_rmdir (copy_dir), ==, 0);
    }

  original = casebook_test_read_file (path, &original_len);
  snapshot_path = g_build_filename (dir, "snapshot.json", NULL);
  g_file_set_contents (snapshot_path, snapshot, -1, &error);
  g_assert_no_error (error);

  /* Others may read the folder and the store, but not write either. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (snapshot_path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (geteuid () != 0 && access (dir, W_OK) == 0)
    {
      g_chmod (dir, 0700);
      casebook_test_rmdir (dir);
      g_test_skip ("this user can write to a folder whatever its mode says (a capability such as "
                   "CAP_DAC_OVERRIDE), and is not root, so it cannot become another user");
      return;
    }

  g_setenv ("CASEBOOK_TEST_OTHER_USER_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CASEBOOK_TEST_OTHER_USER_DIR");
  g_test_trap_assert_passed ();

  /* The store was not changed, nor anything created beside it. */
  kept = casebook_test_read_file (path, &kept_len);
  g_assert_cmpmem (kept, kept_len, original, original_len);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS) == unclean);

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  casebook_test_rmdir (dir);
}

/* Folders this user may not write to or enter ---------------------------------- */

typedef enum
{
  FOLDER_UNWRITABLE,   /* the store may be written, its folder not */
  FOLDER_UNREACHABLE,  /* the store's folder may not be entered */
  FOLDER_NO_CREATE,    /* no store yet, and a folder that may not be written */
} FolderSetup;

static char *
folder_listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_string_append_printf (names, "%s\n", name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
open_in_folder_as_other_user (const char  *dir,
                              FolderSetup  setup)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;

  if (setup == FOLDER_UNREACHABLE)
    {
      g_autofree char *locked = g_build_filename (dir, "locked", NULL);

      path = g_build_filename (locked, "store.db", NULL);
      store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
      g_assert_null (store);
      g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "may not enter the folder"));
      g_assert_nonnull (strstr (error->message, locked));
      g_assert_nonnull (strstr (error->message, "choose a store in a folder of your own"));
      return;
    }

  if (setup == FOLDER_NO_CREATE)
    {
      path = g_build_filename (dir, "new.db", NULL);
      store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
      g_assert_null (store);
      g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "may not write to the folder"));
      g_assert_nonnull (strstr (error->message, dir));
      return;
    }

  /* The store can be read, though SQLite cannot create its log. */
  path = g_build_filename (dir, "store.db", NULL);
  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_is_read_only (store));
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);
  g_assert_true (casebook_store_has_case (store, "mine-1"));
  {
    g_autofree char *own = casebook_test_minimal_case ("mine-2", "");
    g_autoptr(CasebookDocument) doc = document_of (own);

    g_assert_false (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
    g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "read-only; nothing was changed"));
    g_assert_nonnull (strstr (error->message, "ask for write access to the folder"));
    g_clear_error (&error);
  }
  g_clear_object (&store);

  /* And listed from the command line. */
  {
    g_autoptr(GSubprocess) process = start_casebook (path, "--list", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (finish_casebook (process, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 16);
  }
}

static void
test_folder_setups (gconstpointer data)
{
  FolderSetup setup = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *store_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *listing_after = NULL;
  gsize original_len = 0, kept_len = 0;

  if (g_test_subprocess ())
    {
      const char *child_dir = g_getenv ("CASEBOOK_TEST_OTHER_USER_DIR");

      g_assert_nonnull (child_dir);
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
      open_in_folder_as_other_user (child_dir, setup);
      return;
    }

  if (geteuid () != 0)
    {
      g_test_skip ("only root can become another user to meet a folder it may not write to");
      return;
    }

  dir = casebook_test_tmpdir ();
  store_dir = setup == FOLDER_UNREACHABLE ? g_build_filename (dir, "locked", NULL) : g_strdup (dir);
  if (setup == FOLDER_UNREACHABLE)
    g_assert_cmpint (g_mkdir (store_dir, 0700), ==, 0);
  path = make_closed_store (store_dir, &snapshot);
  original = casebook_test_read_file (path, &original_len);
  listing = folder_listing (store_dir);

  /* The store belongs to the other user, who may write it; the folders
   * belong to root. */
  g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  g_setenv ("CASEBOOK_TEST_OTHER_USER_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CASEBOOK_TEST_OTHER_USER_DIR");
  g_test_trap_assert_passed ();

  /* Nothing changed, and nothing was created beside the store. */
  kept = casebook_test_read_file (path, &kept_len);
  g_assert_cmpmem (kept, kept_len, original, original_len);
  listing_after = folder_listing (store_dir);
  g_assert_cmpstr (listing_after, ==, listing);

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  casebook_test_rmdir (dir);
}

/* Two instances ------------------------------------------------------------------ */

/* Three first starts on the same new store at once: each waits for the
 * other's upgrade instead of repeating it. */
static void
test_two_first_starts (void)
{
  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *dir = casebook_test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "store.db", NULL);
      GSubprocess *processes[3];

      for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
        processes[i] = start_casebook (path, "--list", NULL);

      for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          g_auto(GStrv) lines = NULL;

          g_assert_cmpint (finish_casebook (processes[i], &out, &err), ==, 0);
          g_assert_cmpstr (err, ==, "");
          lines = g_strsplit (out, "\n", -1);
          g_assert_cmpuint (g_strv_length (lines), ==, 15);
          g_object_unref (processes[i]);
        }

      assert_quick_check_ok (path);
      g_assert_cmpuint (count_cases_like (path, "report-%"), ==, 14);
      casebook_test_rmdir (dir);
    }
}

/* Two imports into the same store at once: the second waits for the
 * first, and both arrive whole. */
static void
test_two_imports (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *first = g_build_filename (dir, "first.json", NULL);
  g_autofree char *second = g_build_filename (dir, "second.json", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  GSubprocess *a, *b, *reader;

  g_clear_object (&store);
  write_collection (first, "first", 10);
  write_collection (second, "second", 10);

  a = start_casebook (path, "--import", first, NULL);
  b = start_casebook (path, "--import", second, NULL);
  reader = start_casebook (path, "--search=Kubernetes", NULL);

  {
    GSubprocess *processes[] = { a, b, reader };

    for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;

        g_assert_cmpint (finish_casebook (processes[i], &out, &err), ==, 0);
        g_assert_cmpstr (err, ==, "");
        if (processes[i] != reader)
          g_assert_nonnull (strstr (out, "Imported 140 new cases"));
        g_object_unref (processes[i]);
      }
  }

  assert_quick_check_ok (path);
  g_assert_cmpuint (count_cases_like (path, "first-%"), ==, 140);
  g_assert_cmpuint (count_cases_like (path, "second-%"), ==, 140);
  g_assert_cmpuint (count_cases_like (path, "report-%"), ==, 14);

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/killed/mid-import", test_killed_mid_import);
  g_test_add_func ("/recovery/busy/import-waits-then-reports", test_busy_import_reports);
  g_test_add_func ("/recovery/busy/open-and-read-while-locked", test_busy_open_reads);
  g_test_add_func ("/recovery/damaged/stray-wal", test_stray_wal);
  g_test_add_func ("/recovery/damaged/stray-shm", test_stray_shm);
  g_test_add_func ("/recovery/damaged/torn-wal", test_torn_wal);
  g_test_add_data_func ("/recovery/read-only/other-user", GINT_TO_POINTER (OWNER_QUIT),
                        test_read_only_other_user);
  g_test_add_data_func ("/recovery/read-only/other-user-after-crash", GINT_TO_POINTER (OWNER_CRASHED),
                        test_read_only_other_user);
  g_test_add_data_func ("/recovery/read-only/other-user-without-index", GINT_TO_POINTER (INDEX_DELETED),
                        test_read_only_other_user);
  g_test_add_data_func ("/recovery/read-only/unwritable-folder", GINT_TO_POINTER (FOLDER_UNWRITABLE),
                        test_folder_setups);
  g_test_add_data_func ("/recovery/read-only/unreachable-folder", GINT_TO_POINTER (FOLDER_UNREACHABLE),
                        test_folder_setups);
  g_test_add_data_func ("/recovery/read-only/no-store-in-unwritable-folder", GINT_TO_POINTER (FOLDER_NO_CREATE),
                        test_folder_setups);
  g_test_add_func ("/recovery/two-instances/first-start", test_two_first_starts);
  g_test_add_func ("/recovery/two-instances/imports", test_two_imports);

  return g_test_run ();
}
