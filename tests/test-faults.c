/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "casebook-fault-vfs.h"
#include "casebook-file-io.h"
#include "casebook-json.h"
#include "casebook-store-collections.h"
#include "casebook-store-delete.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"
#include "casebook-tokenizer.h"
#include "casebook-document-private.h"

/* Every change Casebook makes to a store, run under every failure point:
 * the first run fails the first write (or sync), the next one the second,
 * and so on, until the change goes through without meeting its fault.
 * After each failure the store must be exactly as it was before, on disk
 * and even if the process died right then, and as the connection that
 * failed sees it; after each success exactly as a run without faults
 * leaves it. And trying again, once the disk is fine, must work. */

/* A change of this size touches far fewer pages; reaching this many
 * failure points means the loop does not end. */
#define MAX_FAILURE_POINTS 5000

typedef struct _FaultTest FaultTest;

/* Makes the change on @store, or opens it when the change is opening. */
typedef gboolean (*ChangeFunc) (FaultTest      *t,
                                CasebookStore **store,
                                GError        **error);

struct _FaultTest
{
  char             *dir;
  char             *template_path;  /* the store before; NULL for no file at all */
  char             *work_dir;
  char             *work_path;
  char             *uri;            /* work_path through the shim */
  char             *before;         /* exports; NULL when there is no store before */
  char             *after;
  char             *before_digest;  /* see disk_digest() */
  char             *after_digest;
  ChangeFunc        change;
  gboolean          opens;
  GFile            *file;
  CasebookDocument *doc;
  char             *n_schema_objects;
  guint             n_failures;
  guint             n_absorbed;
};

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

/* Copies the store and its write-ahead log as they are on disk this
 * moment, as a machine that loses power or a process that is killed
 * would leave them. */
static void
copy_store_files (const char *from_path,
                  const char *to_dir)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (from_path, suffixes[i], NULL);
      g_autofree char *name = g_strconcat ("store.db", suffixes[i], NULL);
      g_autofree char *to = g_build_filename (to_dir, name, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        copy_file (from, to);
    }
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

/* Every row of every table, the search index's included, as a checksum:
 * what another program that opens the store would find in it. Cheaper
 * than an export, and it also sees the derived tables. */
static char *
disk_digest (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\"", (const char *) g_ptr_array_index (tables, i));

      g_checksum_update (sum, g_ptr_array_index (tables, i), -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int col = 0; col < sqlite3_column_count (stmt); col++)
          {
            guchar type = (guchar) sqlite3_column_type (stmt, col);
            const guchar *bytes = sqlite3_column_blob (stmt, col);
            int n = sqlite3_column_bytes (stmt, col);

            g_checksum_update (sum, &type, 1);
            g_checksum_update (sum, (const guchar *) &n, sizeof n);
            if (n > 0)
              g_checksum_update (sum, bytes, n);
          }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
has_view (const char *path)
{
  g_autofree char *n = query_text (path, "SELECT count(*) FROM sqlite_master WHERE name = 'case_fts_source'");

  return g_strcmp0 (n, "1") == 0;
}

/* The search index agrees with the cases it indexes. */
static void
assert_search_index_ok (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (casebook_tokenizer_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  /* With rank 1, FTS5 also compares the index with the texts the view
   * gives, the person's notes and tags included; a store of schema
   * version 1 has no view. */
  if (sqlite3_exec (db, has_view (path)
                        ? "INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)"
                        : "INSERT INTO case_fts (case_fts) VALUES ('integrity-check')",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: the search index is damaged: %s", path, message);
  sqlite3_close (db);
}

/* A fresh file whose first start failed part way holds nothing, or the
 * whole schema with or without the built-in sectors: the upgrade and the
 * sectors are one transaction each, and the next start completes them. */
static void
assert_partial_first_start (FaultTest  *t,
                            const char *path)
{
  g_autofree char *version = NULL;
  g_autofree char *n_objects = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  assert_quick_check_ok (path);
  version = query_text (path, "PRAGMA user_version");
  n_objects = query_text (path, "SELECT count(*) FROM sqlite_master");

  if (g_strcmp0 (version, "0") == 0)
    g_assert_cmpstr (n_objects, ==, "0");
  else if (g_strcmp0 (version, G_STRINGIFY (CASEBOOK_STORE_SCHEMA_VERSION)) != 0)
    {
      /* Each migration is a transaction of its own: a first start may
       * stop between two of them, and the next start does the rest. */
      g_autoptr(CasebookStore) store = NULL;
      g_autoptr(GError) error = NULL;
      guint64 v = g_ascii_strtoull (version, NULL, 10);

      g_assert_cmpuint (v, >=, 1);
      g_assert_cmpuint (v, <, CASEBOOK_STORE_SCHEMA_VERSION);
      store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_clear_object (&store);

      g_free (version);
      g_free (n_objects);
      version = query_text (path, "PRAGMA user_version");
      n_objects = query_text (path, "SELECT count(*) FROM sqlite_master");
      g_assert_cmpstr (version, ==, G_STRINGIFY (CASEBOOK_STORE_SCHEMA_VERSION));
      g_assert_cmpstr (n_objects, ==, t->n_schema_objects);
      assert_search_index_ok (path);
    }
  else
    {
      g_autofree char *n_sectors = query_text (path, "SELECT count(*) FROM sectors");

      g_assert_cmpstr (version, ==, G_STRINGIFY (CASEBOOK_STORE_SCHEMA_VERSION));
      g_assert_cmpstr (n_objects, ==, t->n_schema_objects);
      g_assert_true (g_strcmp0 (n_sectors, "0") == 0 || g_strcmp0 (n_sectors, "4") == 0);
    }
}

static void
reset_work (FaultTest *t)
{
  casebook_test_rmdir (t->work_dir);
  g_assert_cmpint (g_mkdir (t->work_dir, 0700), ==, 0);
  if (t->template_path != NULL)
    copy_file (t->template_path, t->work_path);
}

static CasebookStore *
open_work_store (FaultTest *t)
{
  g_autoptr(GError) error = NULL;
  CasebookStore *store = casebook_store_open (t->uri, CASEBOOK_STORE_NO_BUNDLED, &error);

  g_assert_no_error (error);
  return store;
}

/* Checks the store against @snapshot and @digest, taken where nothing
 * failed; %NULL ones for the state before a first start. */
static void
assert_state (FaultTest     *t,
              CasebookStore *store,
              const char    *snapshot,
              const char    *digest,
              gboolean       whole_export)
{
  g_autofree char *crash_dir = g_build_filename (t->dir, "crash", NULL);
  g_autofree char *crash_path = g_build_filename (crash_dir, "store.db", NULL);

  /* What the connection the change went through sees, as a whole export:
   * after a success, and after the first failure and every eighth one
   * from there, since this is where most of the time would go. The disk
   * is checked every time, below, and trying again on this connection
   * must then reach exactly the state a run without faults reaches. */
  if (store != NULL && snapshot != NULL && whole_export)
    {
      g_autofree char *seen = casebook_test_snapshot (store);
      casebook_test_assert_same_text (seen, snapshot, "the store seen through the failed connection");
    }

  /* The store as it is on disk now, had the process died this moment:
   * recovered by a new connection from the store and its log. */
  casebook_test_rmdir (crash_dir);
  g_assert_cmpint (g_mkdir (crash_dir, 0700), ==, 0);
  copy_store_files (t->work_path, crash_dir);

  if (digest == NULL)
    assert_partial_first_start (t, crash_path);
  else
    {
      g_autofree char *seen = NULL;

      assert_quick_check_ok (crash_path);
      assert_search_index_ok (crash_path);
      seen = disk_digest (crash_path);
      g_assert_cmpstr (seen, ==, digest);
    }
}

/* Under valgrind, which is there to find memory errors rather than
 * recovery ones, every failure point would take an hour; the valgrind
 * test setup sets CASEBOOK_FAULT_STRIDE to run every Nth only. */
static guint
fault_stride (void)
{
  const char *value = g_getenv ("CASEBOOK_FAULT_STRIDE");
  guint64 stride = 1;

  if (value != NULL && !g_ascii_string_to_unsigned (value, 10, 1, 1000, &stride, NULL))
    g_error ("CASEBOOK_FAULT_STRIDE must be a number from 1 to 1000");

  return (guint) stride;
}

static void
run_every_failure_point (FaultTest         *t,
                         CasebookFaultOps   ops,
                         CasebookFaultKind  kind,
                         gboolean           persist)
{
  int expected_code = kind == CASEBOOK_FAULT_DISK_FULL ? CASEBOOK_STORE_ERROR_NO_SPACE : CASEBOOK_STORE_ERROR_IO;
  guint stride = fault_stride ();

  t->n_failures = 0;
  t->n_absorbed = 0;

  for (guint n = 0; ; n += stride)
    {
      g_autoptr(CasebookStore) store = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok, fired;

      g_assert_cmpuint (n, <, MAX_FAILURE_POINTS);

      reset_work (t);
      if (!t->opens)
        store = open_work_store (t);

      casebook_fault_vfs_arm (ops, n, kind, persist);
      ok = t->change (t, &store, &error);
      fired = casebook_fault_vfs_get_n_failed () > 0;
      casebook_fault_vfs_disarm ();

      if (ok)
        {
          /* Done, or SQLite absorbed the fault (a failed checkpoint is
           * retried later): either way the change is complete. */
          g_assert_no_error (error);
          assert_state (t, store, t->after, t->after_digest, TRUE);
          if (!fired)
            break;
          t->n_absorbed++;
          continue;
        }

      t->n_failures++;

      /* It failed because of the fault, and says so in a way a person
       * can act on. */
      g_assert_true (fired);
      g_assert_error (error, CASEBOOK_STORE_ERROR, expected_code);
      if (kind == CASEBOOK_FAULT_DISK_FULL)
        g_assert_nonnull (strstr (error->message, "disk is full"));
      g_assert_nonnull (strstr (error->message, "try again"));

      assert_state (t, store, t->before, t->before_digest, t->n_failures % 8 == 1);

      /* The disk is fine again: trying again works, on the same
       * connection if it is still open. */
      g_clear_error (&error);
      ok = t->change (t, &store, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      {
        g_autofree char *seen = disk_digest (t->work_path);
        g_assert_cmpstr (seen, ==, t->after_digest);
      }
    }

  g_test_message ("%u failure points failed the change, %u were absorbed%s",
                  t->n_failures, t->n_absorbed, stride > 1 ? " (only every Nth was run)" : "");
}

static void
fault_test_init (FaultTest  *t,
                 ChangeFunc  change,
                 gboolean    opens)
{
  casebook_fault_vfs_register ();

  memset (t, 0, sizeof *t);
  t->dir = casebook_test_tmpdir ();
  t->work_dir = g_build_filename (t->dir, "work", NULL);
  t->work_path = g_build_filename (t->work_dir, "store.db", NULL);
  t->uri = g_strdup_printf ("file:%s?vfs=" CASEBOOK_FAULT_VFS_NAME, t->work_path);
  t->change = change;
  t->opens = opens;
}

static void
fault_test_clear (FaultTest *t)
{
  casebook_test_rmdir (t->dir);
  g_free (t->dir);
  g_free (t->template_path);
  g_free (t->work_dir);
  g_free (t->work_path);
  g_free (t->uri);
  g_free (t->before);
  g_free (t->after);
  g_free (t->before_digest);
  g_free (t->after_digest);
  g_free (t->n_schema_objects);
  g_clear_object (&t->file);
  g_clear_object (&t->doc);
}

/* Writes the template: the bundled collection and one case of the
 * person's own, folded into the store file with no log beside it. */
static void
make_template (FaultTest *t)
{
  g_autofree char *template_dir = g_build_filename (t->dir, "template", NULL);
  g_autoptr(CasebookStore) store = NULL;
  g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;

  g_assert_cmpint (g_mkdir (template_dir, 0700), ==, 0);
  t->template_path = g_build_filename (template_dir, "store.db", NULL);

  store = casebook_store_open (t->template_path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (_casebook_store_import_data (store, json, strlen (json), "own.json",
                                              CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
  t->before = casebook_test_snapshot (store);
  g_clear_object (&store);

  /* Closing the last connection folds the log into the store. */
  wal = g_strconcat (t->template_path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  t->before_digest = disk_digest (t->template_path);
}

/* What the change leaves when nothing fails. */
static void
record_after (FaultTest *t)
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  reset_work (t);
  if (!t->opens)
    store = open_work_store (t);
  ok = t->change (t, &store, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  t->after = casebook_test_snapshot (store);
  t->after_digest = disk_digest (t->work_path);
  t->n_schema_objects = query_text (t->work_path, "SELECT count(*) FROM sqlite_master");
  if (t->before != NULL)
    g_assert_false (g_str_equal (t->before, t->after));
}

/* The changes ---------------------------------------------------------- */

static gboolean
change_import_file (FaultTest      *t,
                    CasebookStore **store,
                    GError        **error)
{
  CasebookImportResult result = { 0 };

  return casebook_store_import_file (*store, t->file, CASEBOOK_IMPORT_REPLACE, &result, error);
}

static gboolean
change_save_case (FaultTest      *t,
                  CasebookStore **store,
                  GError        **error)
{
  g_autoptr(CasebookCase) c = casebook_case_copy (g_ptr_array_index (casebook_document_get_cases (t->doc), 0));

  return casebook_store_save_case (*store, c, NULL, error);
}

static gboolean
change_delete_case (FaultTest      *t,
                    CasebookStore **store,
                    GError        **error)
{
  g_autoptr(CasebookCase) deleted = casebook_store_delete_case (*store, "mine-1", error);

  return deleted != NULL;
}

/* Deleting several cases at once, with their notes: only the person's
 * own goes (the bundled one is left out), in one transaction. */
static gboolean
change_delete_many (FaultTest      *t,
                    CasebookStore **store,
                    GError        **error)
{
  static const char * const ids[] = { "report-2.1", "mine-1", "mine-2", NULL };

  return casebook_store_delete_cases (*store, ids, TRUE, NULL, error) > 0;
}

static gboolean
change_refresh_bundled (FaultTest      *t,
                        CasebookStore **store,
                        GError        **error)
{
  return _casebook_store_refresh_bundled (*store, t->doc, error);
}

static gboolean
change_first_start (FaultTest      *t,
                    CasebookStore **store,
                    GError        **error)
{
  g_assert_null (*store);
  *store = casebook_store_open (t->uri, CASEBOOK_STORE_NO_BUNDLED, error);
  if (*store != NULL)
    g_assert_null (casebook_store_get_moved_aside (*store));
  return *store != NULL;
}

/* The person's own layer: collections, tags and notes. The template has
 * the collection "Shortlist" (mine-1 and two bundled cases), tags and a
 * note on mine-1 and on report-2.1 (see make_personal_template()). */

static gint64
shortlist_id (CasebookStore *store)
{
  g_autoptr(CasebookCollection) c = casebook_store_find_collection (store, "Shortlist", NULL);

  g_assert_nonnull (c);
  return casebook_collection_get_id (c);
}

static gboolean
change_create_collection (FaultTest      *t,
                          CasebookStore **store,
                          GError        **error)
{
  g_autoptr(CasebookCollection) c = casebook_collection_new ("比较 Compare");

  g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup ("report-8.3"));
  g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup ("mine-1"));
  casebook_collection_set_introduction (c, "Two cases side by side.");
  return casebook_store_create_collection (*store, c, error);
}

static gboolean
change_add_to_collection (FaultTest      *t,
                          CasebookStore **store,
                          GError        **error)
{
  static const char * const ids[] = { "report-8.3", "report-3.1", NULL };

  return casebook_store_add_to_collection (*store, shortlist_id (*store), ids, 1, NULL, error);
}

static gboolean
change_move_in_collection (FaultTest      *t,
                           CasebookStore **store,
                           GError        **error)
{
  return casebook_store_move_in_collection (*store, shortlist_id (*store), "mine-1", 2, error);
}

static gboolean
change_delete_collection (FaultTest      *t,
                          CasebookStore **store,
                          GError        **error)
{
  g_autoptr(CasebookCollection) deleted = casebook_store_delete_collection (*store, shortlist_id (*store), error);

  return deleted != NULL;
}

static gboolean
change_add_tag (FaultTest      *t,
                CasebookStore **store,
                GError        **error)
{
  return casebook_store_add_tag (*store, "report-2.1", "对比", error);
}

static gboolean
change_set_note (FaultTest      *t,
                 CasebookStore **store,
                 GError        **error)
{
  return casebook_store_set_note (*store, "report-2.1", "合规 first, then 容器.\nSecond line.", error);
}

/* An import of a document with a new case, tags and notes on it and on a
 * bundled case, a new collection and one that adds to "Shortlist". */
static gboolean
change_import_personal (FaultTest      *t,
                        CasebookStore **store,
                        GError        **error)
{
  CasebookImportResult result = { 0 };

  return casebook_store_import (*store, t->doc, CASEBOOK_IMPORT_SKIP, &result, error);
}

static gboolean
change_restore_case (FaultTest      *t,
                     CasebookStore **store,
                     GError        **error)
{
  return casebook_store_restore_case (*store, g_ptr_array_index (casebook_document_get_cases (t->doc), 0), error);
}

/* An import file with a new sector, two new cases and one that replaces
 * a bundled case, so the change touches every kind of row. */
static void
write_import_file (FaultTest *t,
                   guint      n_new)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1,"
                                          " \"sectors\": [{\"key\": \"energy\", \"name\": {\"en\": \"Energy\"}}],"
                                          " \"cases\": [");
  g_autofree char *replaced = casebook_test_minimal_case ("report-2.1", ", \"outcomes\": [{\"text\": {\"en\": \"Cost fell by 30%\"},"
                                                                        " \"metric\": \"cost\", \"value\": -30, \"unit\": \"percent\", \"better\": \"lower\"}]");
  g_autofree char *path = g_build_filename (t->dir, "import.json", NULL);
  g_autoptr(GError) error = NULL;

  g_string_append (json, replaced);
  for (guint i = 0; i < n_new; i++)
    {
      g_autofree char *id = g_strdup_printf ("fault-%03u", i);

      g_string_append_printf (json, ", {\"id\": \"%s\", \"kind\": \"success\", \"sector\": \"energy\","
                              " \"title\": {\"zh\": \"电网案例 %u\", \"en\": \"Grid case %u\"},"
                              " \"organization\": {\"en\": \"A utility\"},"
                              " \"source\": {\"url\": \"https://example.org/%s\"}}",
                              id, i, i, id);
    }
  g_string_append (json, "]}");

  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  t->file = g_file_new_for_path (path);
}

typedef struct
{
  CasebookFaultOps   ops;
  CasebookFaultKind  kind;
  gboolean           persist;
} FaultMode;

static const FaultMode disk_full = { CASEBOOK_FAULT_WRITE, CASEBOOK_FAULT_DISK_FULL, TRUE };
static const FaultMode write_error = { CASEBOOK_FAULT_WRITE, CASEBOOK_FAULT_IO_ERROR, FALSE };
static const FaultMode sync_error = { CASEBOOK_FAULT_SYNC, CASEBOOK_FAULT_IO_ERROR, TRUE };

static void
test_import (gconstpointer data)
{
  const FaultMode *mode = data;
  FaultTest t;

  fault_test_init (&t, change_import_file, FALSE);
  make_template (&t);
  write_import_file (&t, 2);
  record_after (&t);

  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* More cases than the import pipeline's depth, so that the second thread
 * is running when the write fails. */
static void
test_large_import (gconstpointer data)
{
  const FaultMode *mode = data;
  FaultTest t;

  fault_test_init (&t, change_import_file, FALSE);
  make_template (&t);
  write_import_file (&t, 80);
  record_after (&t);

  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* A store at schema version 0, as a fresh file is: the first start
 * creates the schema and the built-in sectors. (Loading the bundled
 * collection then is the same change as the refresh below.) */
static void
test_first_start (gconstpointer data)
{
  const FaultMode *mode = data;
  FaultTest t;

  fault_test_init (&t, change_first_start, TRUE);
  record_after (&t);

  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* Opening a store of schema version 1, whose Chinese sort keys were in
 * code-point order: the upgrade writes every case's key again, and a
 * failure anywhere leaves the store as it was. */
static void
test_upgrade_sort_keys (gconstpointer data)
{
  const FaultMode *mode = data;
  sqlite3 *db = NULL;
  FaultTest t;

  fault_test_init (&t, change_first_start, TRUE);
  make_template (&t);

  g_assert_cmpint (sqlite3_open (t.template_path, &db), ==, SQLITE_OK);
  /* Version 1: code-point sort keys, and no view for the search index,
   * which the upgrade makes anew. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cases SET sort_title_zh = coalesce(title_zh, title_en, '');"
                                     "DROP VIEW case_fts_source;"
                                     CASEBOOK_TEST_DROP_SCHEMA_4
                                     "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_free (t.before_digest);
  t.before_digest = disk_digest (t.template_path);

  /* The export is the same before and after, so only the disk is
   * compared: a failed upgrade leaves every row as it was. */
  g_clear_pointer (&t.before, g_free);

  record_after (&t);
  g_assert_cmpstr (t.before_digest, !=, t.after_digest);
  {
    g_autofree char *version = query_text (t.work_path, "PRAGMA user_version");
    g_assert_cmpstr (version, ==, G_STRINGIFY (CASEBOOK_STORE_SCHEMA_VERSION));
  }

  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* A later release: one bundled case reworded, one dropped, one added. */
static void
test_bundled_refresh (gconstpointer data)
{
  const FaultMode *mode = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = casebook_test_minimal_case ("report-9.9", "");
  g_autoptr(CasebookDocument) extra = NULL;
  CasebookCase *bank;
  GPtrArray *cases;
  FaultTest t;

  fault_test_init (&t, change_refresh_bundled, FALSE);
  make_template (&t);

  t.doc = _casebook_bundled_document (&error);
  g_assert_no_error (error);
  casebook_document_set_revision (t.doc, casebook_document_get_revision (t.doc) + 1);
  bank = _casebook_document_find_case (t.doc, "report-2.1");
  casebook_case_take_title (bank, casebook_text_new ("大型银行虚拟化案例（修订）", "Virtualization at a large bank (revised)"));
  cases = casebook_document_get_cases (t.doc);
  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (casebook_case_get_id (g_ptr_array_index (cases, i)), "report-8.3"))
      g_ptr_array_remove_index (cases, i);
  {
    g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", added);

    extra = casebook_test_parse (json, &error);
    g_assert_no_error (error);
    g_ptr_array_add (cases, g_object_ref (g_ptr_array_index (casebook_document_get_cases (extra), 0)));
  }

  record_after (&t);
  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* Editing one case of the person's own, as the case editor saves it. */
static void
test_case_edit (gconstpointer data)
{
  const FaultMode *mode = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = casebook_test_minimal_case ("mine-1", ", \"lessons\": [{\"en\": \"Test the backups\"}]");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", edited);
  FaultTest t;

  fault_test_init (&t, change_save_case, FALSE);
  make_template (&t);
  t.doc = casebook_test_parse (json, &error);
  g_assert_no_error (error);

  record_after (&t);
  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* Deleting a case of the person's own. */
static void
test_case_delete (gconstpointer data)
{
  const FaultMode *mode = data;
  FaultTest t;

  fault_test_init (&t, change_delete_case, FALSE);
  make_template (&t);

  record_after (&t);
  run_every_failure_point (&t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t.n_failures, >, 0);

  fault_test_clear (&t);
}

/* The template with the person's own layer on it. The export the tests
 * compare does not show that layer, so only the disk (every row of every
 * table) tells before from after. */
static void
make_personal_template (FaultTest *t)
{
  static const char * const ids[] = { "report-2.1", "mine-1", "report-5.1", NULL };
  static const char * const tags[] = { "shortlist", "审计", NULL };
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookCollection) c = casebook_collection_new ("Shortlist");
  g_autoptr(GError) error = NULL;

  make_template (t);
  store = casebook_store_open (t->template_path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (casebook_collection_get_case_ids (c), g_strdup (ids[i]));
  g_assert_true (casebook_store_create_collection (store, c, &error));
  g_assert_true (casebook_store_set_tags (store, "mine-1", tags, &error));
  g_assert_true (casebook_store_add_tag (store, "report-2.1", "shortlist", &error));
  g_assert_true (casebook_store_set_note (store, "mine-1", "My own note.", &error));
  g_assert_true (casebook_store_set_note (store, "report-2.1", "Read this one again.", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_clear_pointer (&t->before, g_free);
  g_free (t->before_digest);
  t->before_digest = disk_digest (t->template_path);
}

static void
run_personal (const FaultMode *mode,
              FaultTest       *t)
{
  record_after (t);
  g_assert_cmpstr (t->before_digest, !=, t->after_digest);
  assert_search_index_ok (t->work_path);

  /* The export cannot tell the states apart (see above). */
  g_clear_pointer (&t->after, g_free);
  run_every_failure_point (t, mode->ops, mode->kind, mode->persist);
  if (mode->ops == CASEBOOK_FAULT_WRITE)
    g_assert_cmpuint (t->n_failures, >, 0);

  fault_test_clear (t);
}

#define PERSONAL_TEST(name, change)                   \
  static void                                         \
  test_##name (gconstpointer data)                    \
  {                                                   \
    FaultTest t;                                      \
                                                      \
    fault_test_init (&t, (change), FALSE);            \
    make_personal_template (&t);                      \
    run_personal (data, &t);                          \
  }

PERSONAL_TEST (create_collection, change_create_collection)
PERSONAL_TEST (add_to_collection, change_add_to_collection)
PERSONAL_TEST (move_in_collection, change_move_in_collection)
PERSONAL_TEST (delete_collection, change_delete_collection)
PERSONAL_TEST (add_tag, change_add_tag)
PERSONAL_TEST (set_note, change_set_note)
PERSONAL_TEST (delete_case_in_collection, change_delete_case)

/* The personal template with a second case of the person's own, in the
 * collection and tagged, and a deletion of both with their notes. */
static void
test_delete_many (gconstpointer data)
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own = casebook_test_minimal_case ("mine-2", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  FaultTest t;

  fault_test_init (&t, change_delete_many, FALSE);
  make_personal_template (&t);

  store = casebook_store_open (t.template_path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (_casebook_store_import_data (store, json, strlen (json), "own.json",
                                              CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_true (casebook_store_add_tag (store, "mine-2", "shortlist", &error));
  g_assert_true (casebook_store_set_note (store, "mine-2", "Second note.", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_free (t.before_digest);
  t.before_digest = disk_digest (t.template_path);

  run_personal (data, &t);
}

static void
test_import_personal (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = casebook_test_minimal_case ("fresh-1", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", fresh);
  g_autoptr(CasebookCollection) added = casebook_collection_new ("Shortlist");
  g_autoptr(CasebookCollection) created = casebook_collection_new ("New from a file");
  static const char * const tags[] = { "imported", "shortlist", NULL };
  CasebookCase *c;
  FaultTest t;

  fault_test_init (&t, change_import_personal, FALSE);
  make_personal_template (&t);
  t.doc = casebook_test_parse (json, &error);
  g_assert_no_error (error);

  c = g_ptr_array_index (casebook_document_get_cases (t.doc), 0);
  casebook_case_set_tags (c, tags);
  casebook_case_set_personal_note (c, "Imported note 合规");
  g_ptr_array_add (casebook_collection_get_case_ids (added), g_strdup ("fresh-1"));
  g_ptr_array_add (casebook_collection_get_case_ids (created), g_strdup ("report-8.3"));
  g_ptr_array_add (casebook_collection_get_case_ids (created), g_strdup ("fresh-1"));
  g_ptr_array_add (casebook_document_get_collections (t.doc), g_object_ref (added));
  g_ptr_array_add (casebook_document_get_collections (t.doc), g_object_ref (created));

  run_personal (data, &t);
}

/* Undoing the deletion of a case with tags and a note whose note was
 * removed too: the case, its tags and its note come back together. */
static void
test_restore_case (gconstpointer data)
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(GError) error = NULL;
  FaultTest t;

  fault_test_init (&t, change_restore_case, FALSE);
  make_personal_template (&t);

  store = casebook_store_open (t.template_path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  deleted = casebook_store_delete_case (store, "mine-1", &error);
  g_assert_true (casebook_store_set_note (store, "mine-1", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_free (t.before_digest);
  t.before_digest = disk_digest (t.template_path);

  t.doc = casebook_document_new ();
  g_ptr_array_add (casebook_document_get_cases (t.doc), g_steal_pointer (&deleted));

  run_personal (data, &t);
}

/* A full disk, which fails every write from the Nth on, runs for every
 * change; a single failed write, which SQLite must then carry on from,
 * for the changes made most often; a failed sync for every change. */
static void
add_modes (const char    *path,
           GTestDataFunc  func,
           gboolean       with_write_error)
{
  g_autofree char *full = g_strconcat (path, "/disk-full", NULL);
  g_autofree char *write = g_strconcat (path, "/write-error", NULL);
  g_autofree char *sync = g_strconcat (path, "/sync-error", NULL);

  g_test_add_data_func (full, &disk_full, func);
  if (with_write_error)
    g_test_add_data_func (write, &write_error, func);
  g_test_add_data_func (sync, &sync_error, func);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* --export onto a disk that fails at every point of the file: the earlier
 * export is left whole, nothing else is left beside it, and the error
 * names the file and the reason. */
static void
test_export_write_errors (void)
{
  const int errors[] = { ENOSPC, EIO, EDQUOT };
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cases.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  const char old[] = "{\"format\": \"casebook\", \"version\": 1, \"cases\": []}\n";
  gsize size = 0;

  g_assert_nonnull (doc);
  g_assert_true (casebook_json_write_file (doc, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &whole, &size, NULL));

  for (guint e = 0; e < G_N_ELEMENTS (errors); e++)
    for (guint step = 0; step <= 16; step++)
      {
        gsize offset = step == 16 ? size - 1 : size * step / 16;
        g_autofree char *left = NULL;
        guint n_files;

        g_assert_true (g_file_set_contents (path, old, -1, NULL));
        n_files = count_files (dir);

        _casebook_file_io_fail_writes_after (offset, errors[e]);
        g_assert_false (casebook_json_write_file (doc, file, &error));
        _casebook_file_io_fail_writes_after (0, 0);

        g_assert_nonnull (error);
        g_assert_cmpint (error->code, ==, g_io_error_from_errno (errors[e]));
        g_assert_nonnull (strstr (error->message, path));
        g_assert_nonnull (strstr (error->message, g_strerror (errors[e])));
        g_clear_error (&error);

        g_assert_cmpuint (count_files (dir), ==, n_files);
        g_assert_true (g_file_get_contents (path, &left, NULL, NULL));
        g_assert_cmpstr (left, ==, old);
      }

  /* Trying again once the disk works writes the whole file. */
  g_assert_true (casebook_json_write_file (doc, file, &error));
  g_assert_no_error (error);
  {
    g_autofree char *again = NULL;
    gsize again_size = 0;

    g_assert_true (g_file_get_contents (path, &again, &again_size, NULL));
    g_assert_cmpmem (again, again_size, whole, size);
  }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_modes ("/faults/import/small", test_import, TRUE);
  add_modes ("/faults/import/pipelined", test_large_import, TRUE);
  add_modes ("/faults/migration/first-start", test_first_start, FALSE);
  add_modes ("/faults/migration/bundled-refresh", test_bundled_refresh, FALSE);
  add_modes ("/faults/migration/upgrade-sort-keys", test_upgrade_sort_keys, FALSE);
  add_modes ("/faults/edit/save-case", test_case_edit, TRUE);
  add_modes ("/faults/edit/delete-case", test_case_delete, FALSE);
  add_modes ("/faults/edit/delete-many", test_delete_many, TRUE);
  add_modes ("/faults/personal/create-collection", test_create_collection, FALSE);
  add_modes ("/faults/personal/add-to-collection", test_add_to_collection, FALSE);
  add_modes ("/faults/personal/move-in-collection", test_move_in_collection, FALSE);
  add_modes ("/faults/personal/delete-collection", test_delete_collection, FALSE);
  add_modes ("/faults/personal/add-tag", test_add_tag, TRUE);
  add_modes ("/faults/personal/set-note", test_set_note, TRUE);
  add_modes ("/faults/personal/import", test_import_personal, FALSE);
  add_modes ("/faults/personal/delete-case-in-collection", test_delete_case_in_collection, FALSE);
  add_modes ("/faults/personal/restore-case", test_restore_case, FALSE);
  g_test_add_func ("/faults/export/json-write-errors", test_export_write_errors);

  return g_test_run ();
}
